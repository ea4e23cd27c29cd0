//! Find the front matter in a post's text, however its delimiters were typed.
//!
//! Jekyll only sees front matter that starts at the very first byte with a `---` line and
//! ends at the next `---` (or `...`) line. Beginners type `--`, `- - -`, `===`, `—`, leave a
//! blank line first, forget the closing line or both lines. This module finds what they
//! meant and says what Jekyll will make of it.

use super::yaml::looks_like_known_key;
use super::{Diagnostic, lint};
use crate::lines::{TextLine, text_lines};

/// Front matter larger than this is not given to the YAML parser (a post's front matter is
/// a few hundred bytes; a huge one is a mistake or an attack).
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// Where the front matter and the body are, as byte ranges of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The front matter's lines (without delimiters), or `None` when there is none.
    pub front_matter: Option<std::ops::Range<usize>>,
    /// 1-based line of the file where the front matter's first line is.
    pub front_matter_line: usize,
    /// Where the body starts.
    pub body_start: usize,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// The lines of the text; a `\r` ending the last one is left out too.
fn lines_of(text: &str) -> Vec<TextLine<'_>> {
    text_lines(text)
        .map(|line| TextLine {
            text: line.text.strip_suffix('\r').unwrap_or(line.text),
            ..line
        })
        .collect()
}

/// What a line that looks like a delimiter got wrong, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Delimiter {
    /// Exactly `---` (or `...` as a closing line).
    Exact,
    /// `---` followed by spaces: Jekyll accepts it, linters do not.
    TrailingSpace,
    /// Something meant as `---` that Jekyll will not recognise.
    Mistyped(&'static str),
}

fn classify_delimiter(line: &str, closing: bool) -> Option<Delimiter> {
    if line == "---" || (closing && line == "...") {
        return Some(Delimiter::Exact);
    }
    if line.trim_end() == "---" || (closing && line.trim_end() == "...") {
        return Some(Delimiter::TrailingSpace);
    }
    let trimmed = line.trim();
    let is_dashy = |c: char| matches!(c, '-' | '—' | '–' | '‐' | '−' | '=' | '_' | ' ' | '\t');
    if trimmed.is_empty() || !trimmed.chars().all(is_dashy) {
        return None;
    }
    let marks: Vec<char> = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    let typographic = marks.iter().any(|c| matches!(c, '—' | '–' | '‐' | '−'));
    // A lone `-` is an empty list item, not a delimiter.
    if marks.len() < 2 && !typographic {
        return None;
    }
    let what = if typographic {
        "a typographic dash (— or –, often put there by a word processor) instead of three hyphens"
    } else if marks.contains(&'=') {
        "equals signs instead of three hyphens"
    } else if marks.contains(&'_') {
        "underscores instead of three hyphens"
    } else if line.starts_with(char::is_whitespace) {
        "an indented delimiter (it must start at the first column)"
    } else if marks.len() != trimmed.chars().count() {
        "hyphens separated by spaces"
    } else if marks.len() == 2 {
        "two hyphens instead of three"
    } else {
        "the wrong number of hyphens"
    };
    Some(Delimiter::Mistyped(what))
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// `key: value`, `key:`, or `key:value`: a word, then a colon.
pub(crate) fn is_key_line(line: &str) -> bool {
    let trimmed = line.trim_start();
    let Some(colon) = trimmed.find(':') else {
        return false;
    };
    let key = trimmed[..colon].trim_end();
    !key.is_empty()
        && key.len() <= 40
        && key.starts_with(|c: char| c.is_alphabetic() || c == '_')
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' '))
}

/// A line that can belong to front matter: a key, a list item, an indented continuation,
/// a comment or a blank.
fn is_yamlish(line: &str) -> bool {
    let trimmed = line.trim_start();
    is_blank(line)
        || is_key_line(line)
        || line.starts_with([' ', '\t'])
        || trimmed == "-"
        || trimmed.starts_with("- ")
        || trimmed.starts_with('#')
}

const FIX_DELIMITERS: &str =
    "the front matter must start on the first line with `---` and end with a `---` line";

/// Splits `text` (already decoded, BOM removed) into front matter and body.
pub fn split(text: &str) -> Split {
    let lines = lines_of(text);
    let mut diagnostics = Vec::new();
    let Some(first) = lines.iter().position(|l| !is_blank(l.text)) else {
        return no_front_matter(0, diagnostics);
    };

    let opening = classify_delimiter(lines[first].text, false);
    let next_is_key = lines[first + 1..]
        .iter()
        .find(|l| !is_blank(l.text))
        .is_some_and(|l| is_key_line(l.text));
    match opening {
        Some(Delimiter::Mistyped(_)) if !next_is_key => no_front_matter(first, diagnostics),
        Some(kind) => {
            if first > 0 {
                diagnostics.push(Diagnostic::new(
                    &lint::FRONT_MATTER_NOT_FIRST,
                    format!(
                        "{} blank line(s) come before the opening `---`, so Jekyll will not see the front matter; delete them",
                        first
                    ),
                    Some(first + 1),
                ));
            }
            delimiter_diagnostic(kind, "opening", first, &mut diagnostics);
            with_opening(text, &lines, first, diagnostics)
        }
        None if is_key_line(lines[first].text) && looks_like_known_key(lines[first].text) => {
            without_opening(text, &lines, first, diagnostics)
        }
        None => no_front_matter(first, diagnostics),
    }
}

fn delimiter_diagnostic(kind: Delimiter, which: &str, index: usize, out: &mut Vec<Diagnostic>) {
    match kind {
        Delimiter::Exact => {}
        Delimiter::TrailingSpace => out.push(Diagnostic::new(
            &lint::DELIMITER_TRAILING_SPACE,
            format!("the {which} `---` has spaces after it; delete them"),
            Some(index + 1),
        )),
        Delimiter::Mistyped(what) => out.push(Diagnostic::new(
            &lint::DELIMITER_MISTYPED,
            format!("the {which} front matter delimiter is {what}; write exactly `---`"),
            Some(index + 1),
        )),
    }
}

fn no_front_matter(first: usize, mut diagnostics: Vec<Diagnostic>) -> Split {
    diagnostics.push(Diagnostic::new(
        &lint::FRONT_MATTER_MISSING,
        "the file has no front matter, so Jekyll will not publish it as a post; add `---`, `layout: post`, `title: ...`, `author: ...`, `---` at the top",
        Some(first + 1),
    ));
    Split {
        front_matter: None,
        front_matter_line: 1,
        body_start: 0,
        body_line: 1,
        diagnostics,
    }
}

/// The opening delimiter is at `open`; look for the closing one.
fn with_opening(
    text: &str,
    lines: &[TextLine<'_>],
    open: usize,
    mut diagnostics: Vec<Diagnostic>,
) -> Split {
    let fm_start_line = open + 1;
    let mut first_prose: Option<usize> = None;
    let mut prose_after_blank = false;
    let mut closing = None;
    let mut cap_reached_at = None;
    for (index, line) in lines.iter().enumerate().skip(fm_start_line) {
        if line.end - lines[fm_start_line].start > MAX_FRONT_MATTER_BYTES {
            cap_reached_at = Some(index);
            break;
        }
        if let Some(kind) = classify_delimiter(line.text, true) {
            closing = Some((index, kind));
            break;
        }
        if first_prose.is_none() && !is_yamlish(line.text) {
            first_prose = Some(index);
            prose_after_blank = index > fm_start_line && is_blank(lines[index - 1].text);
            if prose_after_blank {
                // A paragraph after a blank line: the body has begun, the closing line is missing.
                break;
            }
        }
    }

    match closing {
        Some((close, kind)) if !prose_after_blank => {
            delimiter_diagnostic(kind, "closing", close, &mut diagnostics);
            let range = lines[fm_start_line.min(close)].start..lines[close].start;
            body_after(
                text,
                lines,
                range,
                fm_start_line + 1,
                close + 1,
                diagnostics,
            )
        }
        _ => {
            // No closing line: the front matter is the run of YAML-looking lines.
            let mut end = first_prose.or(cap_reached_at).unwrap_or(lines.len());
            while end > fm_start_line && is_blank(lines[end - 1].text) {
                end -= 1;
            }
            diagnostics.push(Diagnostic::new(
                &lint::FRONT_MATTER_UNCLOSED,
                format!(
                    "the front matter opened on line {} is never closed; add a `---` line after its last key (line {})",
                    open + 1,
                    end.max(fm_start_line)
                ),
                Some(open + 1),
            ));
            if cap_reached_at.is_some() && first_prose.is_none() {
                diagnostics.push(Diagnostic::new(
                    &lint::FRONT_MATTER_TOO_LARGE,
                    format!(
                        "the front matter is larger than {} KiB; only that much was read — {FIX_DELIMITERS}",
                        MAX_FRONT_MATTER_BYTES / 1024
                    ),
                    Some(open + 1),
                ));
            }
            let fm_end = lines.get(end).map_or(text.len(), |l| l.start);
            let fm_begin = lines.get(fm_start_line).map_or(text.len(), |l| l.start);
            body_after(
                text,
                lines,
                fm_begin..fm_end.max(fm_begin),
                fm_start_line + 1,
                end,
                diagnostics,
            )
        }
    }
}

/// The file starts with keys and no opening delimiter; a closing one may follow.
fn without_opening(
    text: &str,
    lines: &[TextLine<'_>],
    first: usize,
    mut diagnostics: Vec<Diagnostic>,
) -> Split {
    let mut end = first;
    let mut closing = None;
    for (index, line) in lines.iter().enumerate().skip(first) {
        if line.end - lines[first].start > MAX_FRONT_MATTER_BYTES {
            break;
        }
        if let Some(kind) = classify_delimiter(line.text, true) {
            closing = Some((index, kind));
            break;
        }
        if is_blank(line.text) || !is_yamlish(line.text) {
            break;
        }
        end = index + 1;
    }
    let range = lines[first].start..lines.get(end).map_or(text.len(), |l| l.start);
    match closing {
        Some((close, kind)) => {
            diagnostics.push(Diagnostic::new(
                &lint::DELIMITER_MISSING_OPENING,
                format!(
                    "the front matter has a closing `---` on line {} but no opening one; add a `---` line at the very top",
                    close + 1
                ),
                Some(first + 1),
            ));
            if let Delimiter::Mistyped(_) = kind {
                delimiter_diagnostic(kind, "closing", close, &mut diagnostics);
            }
            body_after(text, lines, range, first + 1, close + 1, diagnostics)
        }
        None => {
            diagnostics.push(Diagnostic::new(
                &lint::DELIMITER_MISSING,
                "the file starts with front matter keys but no `---` lines around them, so Jekyll reads them as text; put a `---` line above and below the keys",
                Some(first + 1),
            ));
            body_after(text, lines, range, first + 1, end, diagnostics)
        }
    }
}

/// Builds the split once the front matter's range and the body's first line are known.
fn body_after(
    text: &str,
    lines: &[TextLine<'_>],
    front_matter: std::ops::Range<usize>,
    front_matter_line: usize,
    body_index: usize,
    diagnostics: Vec<Diagnostic>,
) -> Split {
    let body_start = lines.get(body_index).map_or(text.len(), |l| l.start);
    Split {
        front_matter: Some(front_matter),
        front_matter_line,
        body_start,
        body_line: body_index + 1,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> (Option<&str>, &str, Vec<&'static str>) {
        let split = split(text);
        (
            split.front_matter.clone().map(|r| &text[r]),
            &text[split.body_start..],
            split.diagnostics.iter().map(|d| d.rule).collect(),
        )
    }

    #[test]
    fn well_formed() {
        let (fm, body, rules) = parts("---\ntitle: A\n---\nBody\n");
        assert_eq!(fm, Some("title: A\n"));
        assert_eq!(body, "Body\n");
        assert!(rules.is_empty());
    }

    #[test]
    fn crlf_and_empty_front_matter() {
        assert_eq!(
            parts("---\r\ntitle: A\r\n---\r\nBody").0,
            Some("title: A\r\n")
        );
        assert_eq!(parts("---\n---\nBody").0, Some(""));
    }

    #[test]
    fn mistyped_delimiters_are_recovered() {
        for opening in ["--", "- - -", "===", "___", "—", "–-", "----", " ---"] {
            let text = format!("{opening}\ntitle: A\n---\nBody\n");
            let (fm, body, rules) = parts(&text);
            assert_eq!(fm, Some("title: A\n"), "{opening:?}");
            assert_eq!(body, "Body\n");
            assert_eq!(rules, ["delimiter-mistyped"], "{opening:?}");
        }
    }

    #[test]
    fn unclosed_front_matter_stops_at_the_prose() {
        let (fm, body, rules) =
            parts("---\ntitle: A\nauthor: B\n\nI went to a meetup.\n\n---\nMore");
        assert_eq!(fm, Some("title: A\nauthor: B\n"));
        assert!(body.starts_with("\nI went"));
        assert_eq!(rules, ["front-matter-unclosed"]);
    }

    #[test]
    fn keys_without_delimiters() {
        let (fm, body, rules) = parts("title: A\nauthor: B\n\nBody");
        assert_eq!(fm, Some("title: A\nauthor: B\n"));
        assert_eq!(body, "\nBody");
        assert_eq!(rules, ["delimiter-missing"]);
        let (fm, body, rules) = parts("title: A\n---\nBody");
        assert_eq!(fm, Some("title: A\n"));
        assert_eq!(body, "Body");
        assert_eq!(rules, ["delimiter-missing-opening"]);
    }

    #[test]
    fn prose_is_not_front_matter() {
        let (fm, body, rules) = parts("Note: I went.\n");
        assert_eq!(fm, None);
        assert_eq!(body, "Note: I went.\n");
        assert_eq!(rules, ["front-matter-missing"]);
        // A thematic break followed by prose is a body, not a delimiter.
        assert_eq!(parts("- - -\nHello").0, None);
    }
}
