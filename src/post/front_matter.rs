//! Turn a post file's bytes into a [`Post`]: decode, split, parse the YAML (or salvage it),
//! and apply Jekyll's rules for title, author, date and slug.

use std::path::Path;

use super::filename::{parse_date_value, parse_file_name};
use super::pasted::unpaste_diff;
use super::salvage::salvage;
use super::split::{is_key_line, split};
use super::yaml::{RawFields, Scalar, parse_fields};
use super::{Diagnostic, Post, lint, names};
use arcstr::ArcStr;

/// Parses one post file's bytes. Never panics, never fails: what cannot be recovered
/// becomes a diagnostic. Words are counted against the default questions (the loader
/// passes the settings' to [`parse_post_owned`]).
pub fn parse_post(rel_path: &Path, bytes: &[u8]) -> Post {
    parse_post_owned(
        rel_path,
        bytes.to_vec(),
        &crate::assignment::DEFAULT_QUESTIONS,
    )
}

/// [`parse_post`] without copying the file (the loader hands over the bytes it read),
/// the author's words counted as the rubric with `questions` counts them.
pub fn parse_post_owned(rel_path: &Path, bytes: Vec<u8>, questions: &[impl AsRef<str>]) -> Post {
    parse_post_counted(rel_path, bytes, |body| {
        crate::review::author_words(body, questions)
    })
}

/// [`parse_post_owned`] with the author's words counted by `count_words` from the
/// body (the loader measures the whole rubric there when it is asked for, and takes
/// the count from it rather than reading the body twice).
pub(crate) fn parse_post_counted(
    rel_path: &Path,
    bytes: Vec<u8>,
    count_words: impl FnOnce(&str) -> usize,
) -> Post {
    let mut diagnostics = Vec::new();
    let (mut text, header_lines) = readable_text(bytes, &mut diagnostics);
    let parts = split(&text);
    let mut found = parts.diagnostics;
    let front_matter = parts
        .front_matter
        .clone()
        .map(|range| text[range].to_string())
        .unwrap_or_default();
    let fields = if parts.front_matter.is_some() {
        read_fields(&front_matter, parts.front_matter_line, &mut found)
    } else {
        RawFields::default()
    };
    for diagnostic in &mut found {
        diagnostic.line = diagnostic.line.map(|line| line + header_lines);
    }
    diagnostics.extend(found);
    text.drain(..parts.body_start);
    let body = text;

    let name = parse_file_name(rel_path);
    diagnostics.extend(name.diagnostics);
    let mut post = Post {
        path: rel_path.to_path_buf(),
        title: String::new(),
        author: ArcStr::new(),
        date: name.date,
        slug: name.slug,
        categories: Vec::new(),
        tags: Vec::new(),
        published: true,
        layout: None,
        front_matter,
        // The author's words, as the rubric counts them (the questions' own words and
        // tags left out), so every place that shows a word count shows this one.
        words: count_words(&body),
        body,
        body_line: parts.body_line + header_lines,
        diagnostics,
        url: None,
        rubric: None,
    };
    apply_fields(&mut post, fields, parts.front_matter.is_some());
    post
}

/// A post file's bytes as text to split: decoded (lossily, with a diagnostic), its
/// byte-order mark and a diff's `+` taken off. Also how many lines of the file came
/// before the text (a diff's header).
fn readable_text(bytes: Vec<u8>, diagnostics: &mut Vec<Diagnostic>) -> (String, usize) {
    let mut text = decode(bytes, diagnostics);
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
        diagnostics.push(Diagnostic::new(
            &lint::BYTE_ORDER_MARK,
            "the file starts with a byte-order mark, which some tools show as stray characters; save it as UTF-8 without BOM",
            Some(1),
        ));
    }
    if text.contains("\r\n") {
        diagnostics.push(Diagnostic::new(
            &lint::LINE_ENDINGS,
            "the file has Windows (CRLF) line ends; Jekyll reads them, but save it with LF line ends to keep diffs clean",
            None,
        ));
    }

    // Lines of the text read below, counted from here, are this many lines into the file.
    let mut header_lines = 0;
    if let Some(unpasted) = unpaste_diff(&text) {
        let header = match unpasted.header_lines {
            0 => String::new(),
            n => format!(" and delete the {n} diff header line(s) above it"),
        };
        diagnostics.push(Diagnostic::new(
            &lint::PASTED_DIFF,
            format!("every line starts with `+`, as copied from a diff, so Jekyll shows the whole file as text; remove the leading `+` from every line{header}"),
            Some(1),
        ));
        header_lines = unpasted.header_lines;
        text = unpasted.text;
    }

    (text, header_lines)
}

/// A post file read again (the app reads bodies again from their files): its body and
/// its front matter's text as [`parse_post_owned`] gives them, the fields not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadAgain {
    /// Tells, with the body, whether the file changed since it was loaded.
    pub front_matter: String,
    pub body: String,
}

/// The body and front matter text of a post file's bytes (see [`ReadAgain`]).
pub fn read_again(bytes: Vec<u8>) -> ReadAgain {
    let (mut text, _) = readable_text(bytes, &mut Vec::new());
    let parts = split(&text);
    let front_matter = parts
        .front_matter
        .map(|range| text[range].to_string())
        .unwrap_or_default();
    text.drain(..parts.body_start);
    ReadAgain {
        front_matter,
        body: text,
    }
}

/// UTF-8, or lossily decoded with a diagnostic naming the first bad line.
fn decode(bytes: Vec<u8>, diagnostics: &mut Vec<Diagnostic>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let bytes = err.into_bytes();
            let valid = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), |s| s.len());
            let line = 1 + bytes[..valid].iter().filter(|&&b| b == b'\n').count();
            diagnostics.push(Diagnostic::new(
                &lint::NOT_UTF8,
                format!("the file is not valid UTF-8 (first bad byte on line {line}); bad bytes are shown as �; save it as UTF-8"),
                Some(line),
            ));
            String::from_utf8_lossy(&bytes).into_owned()
        }
    }
}

/// Typed YAML first; when YAML rejects the text, its error and a line-by-line salvage.
fn read_fields(yaml: &str, first_line: usize, diagnostics: &mut Vec<Diagnostic>) -> RawFields {
    let fields = match parse_fields(yaml) {
        Ok(fields) => fields,
        Err(err) => {
            let line = err
                .location()
                .map(|l| first_line + l.line().saturating_sub(1));
            let reason = err.to_string();
            // serde_yaml's own "at line N column M" counts from the front matter; drop it
            // and name the file's line instead.
            let reason = reason.split(" at line ").next().unwrap_or(&reason);
            let (fields, hints) = salvage(yaml, first_line);
            diagnostics.push(Diagnostic::new(
                &lint::FRONT_MATTER_YAML,
                format!(
                    "the front matter is not valid YAML ({reason}{}), so Jekyll ignores all of it; the keys were recovered line by line — fix the lines below",
                    line.map(|l| format!(", line {l}")).unwrap_or_default()
                ),
                line,
            ));
            diagnostics.extend(hints);
            fields
        }
    };
    if fields.not_a_mapping {
        diagnostics.push(Diagnostic::new(
            &lint::FRONT_MATTER_NOT_KEYS,
            "the front matter is not a list of `key: value` lines; write one key per line, such as `title: My meetup`",
            Some(first_line),
        ));
    }
    diagnostics.extend(duplicate_keys(yaml, first_line));
    for (written, meant) in &fields.forgiven_keys {
        diagnostics.push(Diagnostic::new(
            &lint::KEY_MISSPELT,
            format!("the key `{written}` was read as `{meant}`, but Jekyll ignores it; write it as `{meant}`"),
            key_line(yaml, written, first_line),
        ));
    }
    fields
}

/// A warning for each top-level key written more than once: YAML keeps the last value,
/// so the earlier lines are silently ignored.
fn duplicate_keys(yaml: &str, first_line: usize) -> Vec<Diagnostic> {
    // (key, [(line, value)]) in the order the keys first appear.
    let mut keys: Vec<(&str, Vec<(usize, &str)>)> = Vec::new();
    // Where each key is in `keys`: a hostile front matter of 64 KiB holds thousands of keys.
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (offset, line) in yaml.lines().enumerate() {
        // Only top-level keys: nested mappings may repeat a name legitimately.
        if line.starts_with([' ', '\t', '#', '-']) || !is_key_line(line) {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        let use_here = (first_line + offset, value);
        match index.get(key) {
            Some(&at) => keys[at].1.push(use_here),
            None => {
                index.insert(key, keys.len());
                keys.push((key, vec![use_here]));
            }
        }
    }
    keys.into_iter()
        .filter(|(_, uses)| uses.len() > 1)
        .map(|(key, uses)| {
            let lines: Vec<String> = uses.iter().map(|(line, _)| line.to_string()).collect();
            let (last_line, last_value) = uses[uses.len() - 1];
            let shown: String = last_value.chars().take(60).collect();
            let lines = match lines.split_last() {
                Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
                None => String::new(),
            };
            Diagnostic::new(
                &lint::KEY_DUPLICATE,
                format!("`{key}` is given on lines {lines}; Jekyll uses only the last (line {last_line}: `{shown}`) and ignores the others — keep one"),
                Some(uses[0].0),
            )
        })
        .collect()
}

fn key_line(yaml: &str, key: &str, first_line: usize) -> Option<usize> {
    yaml.lines()
        .position(|line| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|offset| first_line + offset)
}

/// Jekyll's rules: front matter first, then the body's heading, the author folder, the slug.
fn apply_fields(post: &mut Post, fields: RawFields, has_front_matter: bool) {
    let text_of = |value: &Option<Scalar>| {
        value
            .as_ref()
            .and_then(Scalar::as_text)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    post.layout = text_of(&fields.layout).map(|layout| names::shared(&layout));
    if has_front_matter && post.layout.is_none() {
        post.diagnostics.push(Diagnostic::new(
            &lint::LAYOUT_MISSING,
            "the front matter has no `layout:`, so the post may show without the site's design; add `layout: post`",
            None,
        ));
    }

    post.title = match text_of(&fields.title) {
        Some(title) => title,
        None => {
            if has_front_matter {
                post.diagnostics.push(Diagnostic::new(
                    &lint::TITLE_MISSING,
                    "the front matter has no `title:`; add `title: \"...\"`",
                    None,
                ));
            }
            first_heading(&post.body).unwrap_or_else(|| readable_slug(&post.slug))
        }
    };

    post.author = match text_of(&fields.author) {
        Some(author) => names::shared(&author),
        None => {
            let folder = post
                .path
                .parent()
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned());
            if folder.is_none() {
                post.diagnostics.push(Diagnostic::new(
                    &lint::AUTHOR_MISSING,
                    "the post names no author (no `author:` and no author folder); add `author: your-name`",
                    None,
                ));
            }
            names::shared(&folder.unwrap_or_default())
        }
    };

    if let Some(value) = &fields.date {
        match value.as_text() {
            Some(text) => match parse_date_value(&text) {
                Some(date) => post.date = Some(date),
                None => post.diagnostics.push(Diagnostic::new(
                    &lint::DATE_INVALID,
                    format!("the front matter's `date: {text}` is not a real date, so Jekyll refuses the post; write it as YYYY-MM-DD"),
                    None,
                )),
            },
            None => post.diagnostics.push(Diagnostic::new(
                &lint::DATE_INVALID,
                "the front matter's `date:` is empty; write it as YYYY-MM-DD or remove the line",
                None,
            )),
        }
    }

    post.published = match &fields.published {
        None | Some(Scalar::Null) => true,
        Some(Scalar::Bool(published)) => *published,
        Some(other) => {
            let text = other.as_text().unwrap_or_default();
            // Jekyll's YAML reader (YAML 1.1) takes yes/no/on/off as booleans; ours does not.
            let yaml11 = match text.to_lowercase().as_str() {
                "yes" | "on" => Some(true),
                "no" | "off" => Some(false),
                _ => None,
            };
            let meaning = match yaml11 {
                Some(true) => "Jekyll reads it as true",
                Some(false) => "Jekyll reads it as false",
                None => "Jekyll treats any such value as true",
            };
            post.diagnostics.push(Diagnostic::new(
                &lint::PUBLISHED_NOT_BOOLEAN,
                format!("`published: {text}` is not `true` or `false` ({meaning}); write `published: {}`", yaml11.unwrap_or(true)),
                None,
            ));
            yaml11.unwrap_or(true)
        }
    };

    post.categories = list_values(&fields.categories);
    post.tags = list_values(&fields.tags);
}

/// Categories and tags: a string is split on spaces (as Jekyll does), a list taken as is.
fn list_values(values: &[Scalar]) -> Vec<ArcStr> {
    let mut out: Vec<ArcStr> = Vec::new();
    for value in values {
        match value {
            Scalar::Text(text) => out.extend(text.split_whitespace().map(names::shared)),
            Scalar::List(items) => out.extend(items.iter().map(|s| names::shared(s.trim()))),
            Scalar::Other(text) => out.push(names::shared(text)),
            Scalar::Bool(_) | Scalar::Null | Scalar::Structured => {}
        }
    }
    out.retain(|s| !s.is_empty());
    out.dedup();
    // Kept with every post: two tags had room for four.
    out.shrink_to_fit();
    out
}

/// The text of the body's first level-one ATX heading.
fn first_heading(body: &str) -> Option<String> {
    body.lines()
        .find_map(|line| line.strip_prefix("# "))
        .map(|title| title.trim().trim_end_matches('#').trim().to_string())
        .filter(|title| !title.is_empty())
}

/// `my-meetup_night` → `My meetup night`.
fn readable_slug(slug: &str) -> String {
    let spaced: String = slug
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect();
    let spaced = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Untitled".to_string(),
    }
}
