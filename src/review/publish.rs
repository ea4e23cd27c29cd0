//! Unpublishing: toggle `published: false` in a post's front matter, touching only
//! that one line. Every other byte — line endings, a byte-order mark, comments,
//! the body — stays exactly as it was, and toggling twice gives back the same file.
//!
//! The rules, chosen so that the toggle is its own inverse:
//! - no `published` key: add [`ADDED_LINE`] as the last line of the front matter;
//! - exactly [`ADDED_LINE`] (ours): remove it;
//! - any other `published: true|false` line: flip the value in place, keeping its
//!   case (`True` ↔ `False`), spacing and comment.
//!
//! A plain `published: false` cannot be both "remove me" and "flip me", which is why
//! the added line carries a short comment.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use super::atomic::{Overwrite, existing_mode, write_atomically};

/// The line the toggle adds, and the only `published` line it removes.
pub const ADDED_LINE: &str = "published: false # set by meetup-reader";

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Why a file's front matter is too damaged to edit safely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefuseReason {
    NoFrontMatter,
    MissingOpening { closing_line: usize },
    BlankLineBeforeFrontMatter,
    MistypedOpening { found: String },
    Unclosed,
    MistypedClosing { line: usize, found: String },
    NotUtf8,
    InvalidYaml { reason: String },
    NotAMapping,
    WrongCaseKey { line: usize, key: String },
    DuplicateKey { lines: Vec<usize> },
    UnclearValue { line: usize, value: String },
    UnusualLayout,
}

impl fmt::Display for RefuseReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoFrontMatter => write!(
                f,
                "the file has no front matter (it must start with a `---` line), so there is no `published` key to set"
            ),
            Self::MissingOpening { closing_line } => write!(
                f,
                "the front matter has a closing `---` on line {closing_line} but no opening `---` on line 1; add one first"
            ),
            Self::BlankLineBeforeFrontMatter => write!(
                f,
                "something comes before the opening `---` on line 1, so Jekyll does not see the front matter; remove it first"
            ),
            Self::MistypedOpening { found } => write!(
                f,
                "the front matter's opening line is `{found}` instead of `---`; fix it first"
            ),
            Self::Unclosed => write!(
                f,
                "the front matter has no closing `---` line, so it is unclear where it ends; add one first"
            ),
            Self::MistypedClosing { line, found } => write!(
                f,
                "line {line} closes the front matter with `{found}` instead of `---`; fix it first"
            ),
            Self::NotUtf8 => write!(f, "the front matter is not valid UTF-8 text"),
            Self::InvalidYaml { reason } => {
                write!(
                    f,
                    "the front matter is not valid YAML ({reason}); fix it first"
                )
            }
            Self::NotAMapping => write!(
                f,
                "the front matter is not a list of `key: value` lines, so a line cannot be added safely"
            ),
            Self::WrongCaseKey { line, key } => write!(
                f,
                "line {line} has `{key}:`, which Jekyll ignores because keys are case-sensitive; rename it to `published` first"
            ),
            Self::DuplicateKey { lines } => write!(
                f,
                "`published` appears more than once (lines {}); keep one first",
                lines
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Self::UnclearValue { line, value } => write!(
                f,
                "line {line} sets `published` to `{value}`, which is not plainly true or false; write true or false first"
            ),
            Self::UnusualLayout => write!(
                f,
                "the `published` key is written in a form this tool does not edit; change it by hand"
            ),
        }
    }
}

impl std::error::Error for RefuseReason {}

/// Whether the post is published: `false` only when the front matter says so.
pub fn is_published(bytes: &[u8]) -> Result<bool, RefuseReason> {
    let front = analyse(bytes)?;
    Ok(front.published.as_ref().is_none_or(|p| p.value))
}

/// Adds, flips or removes the `published` line (see the module docs).
pub fn toggle_published(bytes: &[u8]) -> Result<Vec<u8>, RefuseReason> {
    let front = analyse(bytes)?;
    let mut out = Vec::with_capacity(bytes.len() + ADDED_LINE.len() + 2);
    match &front.published {
        None => {
            let at = front.closing_start;
            out.extend_from_slice(&bytes[..at]);
            out.extend_from_slice(ADDED_LINE.as_bytes());
            out.extend_from_slice(front.insert_eol);
            out.extend_from_slice(&bytes[at..]);
        }
        Some(line) if &bytes[line.start..line.content_end] == ADDED_LINE.as_bytes() => {
            out.extend_from_slice(&bytes[..line.start]);
            out.extend_from_slice(&bytes[line.end..]);
        }
        Some(line) => {
            let old = &bytes[line.value_start..line.value_end];
            out.extend_from_slice(&bytes[..line.value_start]);
            out.extend_from_slice(flip_bool_word(old).as_bytes());
            out.extend_from_slice(&bytes[line.value_end..]);
        }
    }
    // Belt and braces: the result must parse, and say the opposite of the original.
    let was = front.published.as_ref().is_none_or(|p| p.value);
    match is_published(&out) {
        Ok(now) if now != was => Ok(out),
        _ => Err(RefuseReason::UnusualLayout),
    }
}

/// The file's bytes without its `published` line (when the front matter is sound),
/// so a review's content hash does not change when the post is only unpublished.
pub fn without_published_line(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    match analyse(bytes) {
        Ok(Front {
            published: Some(line),
            ..
        }) => {
            let mut out = bytes[..line.start].to_vec();
            out.extend_from_slice(&bytes[line.end..]);
            std::borrow::Cow::Owned(out)
        }
        _ => std::borrow::Cow::Borrowed(bytes),
    }
}

/// What went wrong toggling a file on disk.
#[derive(Debug, thiserror::Error)]
pub enum ToggleError {
    #[error("cannot unpublish or republish {}: {reason}", path.display())]
    Refused { path: PathBuf, reason: RefuseReason },
    #[error("cannot read or write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// Toggles the post at `path` in place, atomically, keeping its permissions.
/// Returns whether the post is published afterwards.
pub fn toggle_published_file(path: &Path) -> Result<bool, ToggleError> {
    let io_err = |source| ToggleError::Io {
        path: path.to_path_buf(),
        source,
    };
    let bytes = std::fs::read(path).map_err(io_err)?;
    let toggled = toggle_published(&bytes).map_err(|reason| ToggleError::Refused {
        path: path.to_path_buf(),
        reason,
    })?;
    write_atomically(path, &toggled, existing_mode(path), Overwrite::Replace).map_err(io_err)?;
    Ok(is_published(&toggled).unwrap_or(true))
}

/// The parts of a sound front matter the toggle needs, as byte offsets.
struct Front<'a> {
    /// Where the closing delimiter line starts (an added line goes just before it).
    closing_start: usize,
    /// The line ending an added line gets: that of the line it follows.
    insert_eol: &'a [u8],
    published: Option<PublishedLine>,
}

struct PublishedLine {
    start: usize,
    content_end: usize,
    /// After the line ending.
    end: usize,
    value_start: usize,
    value_end: usize,
    value: bool,
}

/// One line: `content` excludes the line ending (`\n` or `\r\n`).
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    content_end: usize,
    end: usize,
}

fn split_lines(bytes: &[u8], from: usize) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = from;
    while start < bytes.len() {
        let (content_end, end) = match bytes[start..].iter().position(|&b| b == b'\n') {
            Some(i) => {
                let nl = start + i;
                let content_end = if nl > start && bytes[nl - 1] == b'\r' {
                    nl - 1
                } else {
                    nl
                };
                (content_end, nl + 1)
            }
            None => (bytes.len(), bytes.len()),
        };
        lines.push(Line {
            start,
            content_end,
            end,
        });
        start = end;
    }
    lines
}

fn text_of(bytes: &[u8], line: Line) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(&bytes[line.start..line.content_end])
}

fn is_delimiter(content: &str, closing: bool) -> bool {
    let trimmed = content.trim_end_matches([' ', '\t']);
    trimmed == "---" || (closing && trimmed == "...")
}

/// A line that was probably meant as a `---` delimiter: only dashes (of any kind)
/// and spaces, or `---` indented.
fn looks_like_delimiter(content: &str) -> bool {
    let trimmed = content.trim();
    let dashes = trimmed
        .chars()
        .filter(|c| matches!(c, '-' | '\u{2013}' | '\u{2014}'))
        .count();
    !trimmed.is_empty()
        && trimmed
            .chars()
            .all(|c| matches!(c, '-' | '\u{2013}' | '\u{2014}' | ' ' | '\t'))
        && (dashes >= 2 || trimmed.chars().any(|c| c != '-' && c != ' ' && c != '\t'))
}

fn analyse(bytes: &[u8]) -> Result<Front<'_>, RefuseReason> {
    let body_start = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    let lines = split_lines(bytes, body_start);
    let Some(&first) = lines.first() else {
        return Err(RefuseReason::NoFrontMatter);
    };
    let first_text = text_of(bytes, first);
    if !is_delimiter(&first_text, false) {
        return Err(classify_missing_opening(bytes, &lines));
    }
    let mut closing = None;
    for (index, &line) in lines.iter().enumerate().skip(1) {
        let text = text_of(bytes, line);
        if is_delimiter(&text, true) {
            closing = Some(index);
            break;
        }
        if looks_like_delimiter(&text) {
            return Err(RefuseReason::MistypedClosing {
                line: index + 1,
                found: text.trim_end().to_string(),
            });
        }
    }
    let closing = closing.ok_or(RefuseReason::Unclosed)?;
    let fm_lines = &lines[1..closing];
    let fm_start = first.end;
    let fm_end = lines[closing].start;
    let fm_text =
        std::str::from_utf8(&bytes[fm_start..fm_end]).map_err(|_| RefuseReason::NotUtf8)?;
    let yaml_published = yaml_published(fm_text)?;

    let before_closing = fm_lines.last().copied().unwrap_or(first);
    let insert_eol = &bytes[before_closing.content_end..before_closing.end];
    let published = find_published_line(bytes, fm_lines)?;
    match (&published, yaml_published) {
        (None, None) => {}
        (Some(line), Some(Some(value))) if line.value == value => {}
        _ => return Err(RefuseReason::UnusualLayout),
    }
    Ok(Front {
        closing_start: lines[closing].start,
        insert_eol,
        published,
    })
}

fn classify_missing_opening(bytes: &[u8], lines: &[Line]) -> RefuseReason {
    let first = text_of(bytes, lines[0]);
    if looks_like_delimiter(&first) {
        return RefuseReason::MistypedOpening {
            found: first.trim_end().to_string(),
        };
    }
    // Blank lines, then a `---` within the first few lines: the front matter is there
    // but Jekyll will not see it.
    let leading_blank = first.trim().is_empty();
    let later_delimiter = lines
        .iter()
        .take(5)
        .any(|&l| is_delimiter(text_of(bytes, l).trim_start(), false));
    if leading_blank && later_delimiter {
        return RefuseReason::BlankLineBeforeFrontMatter;
    }
    // `key: value` lines, then a `---`: the opening delimiter was forgotten.
    let closing = lines
        .iter()
        .take(30)
        .position(|&l| is_delimiter(&text_of(bytes, l), false));
    match closing {
        Some(index)
            if lines[..index]
                .iter()
                .all(|&l| top_level_key(&text_of(bytes, l)).is_some()) =>
        {
            RefuseReason::MissingOpening {
                closing_line: index + 1,
            }
        }
        _ => RefuseReason::NoFrontMatter,
    }
}

/// The YAML's own view of `published`: `None` when absent, `Some(None)` when it is
/// not a boolean; refuses a front matter that does not parse or is not a mapping.
fn yaml_published(fm_text: &str) -> Result<Option<Option<bool>>, RefuseReason> {
    let value: serde_yaml::Value =
        serde_yaml::from_str(fm_text).map_err(|e| RefuseReason::InvalidYaml {
            reason: first_sentence(&e.to_string()),
        })?;
    let mapping = match value {
        serde_yaml::Value::Null => return Ok(None),
        serde_yaml::Value::Mapping(mapping) => mapping,
        _ => return Err(RefuseReason::NotAMapping),
    };
    match mapping.get("published") {
        None => Ok(None),
        Some(serde_yaml::Value::Bool(b)) => Ok(Some(Some(*b))),
        Some(_) => Ok(Some(None)),
    }
}

fn first_sentence(message: &str) -> String {
    message
        .lines()
        .next()
        .unwrap_or_default()
        .trim_end_matches('.')
        .to_string()
}

/// Finds the one top-level `published:` line and its value's position.
fn find_published_line(
    bytes: &[u8],
    fm_lines: &[Line],
) -> Result<Option<PublishedLine>, RefuseReason> {
    let fm_first_line_number = 2;
    let mut found = Vec::new();
    for (i, &line) in fm_lines.iter().enumerate() {
        let text = text_of(bytes, line);
        let Some((key, after_colon)) = top_level_key(&text) else {
            continue;
        };
        if key == "published" {
            found.push((i + fm_first_line_number, line, after_colon));
        } else if key.eq_ignore_ascii_case("published") {
            return Err(RefuseReason::WrongCaseKey {
                line: i + fm_first_line_number,
                key: key.to_string(),
            });
        }
    }
    match found.len() {
        0 => return Ok(None),
        1 => {}
        _ => {
            return Err(RefuseReason::DuplicateKey {
                lines: found.iter().map(|f| f.0).collect(),
            });
        }
    }
    let (number, line, after_colon) = found[0];
    let text = text_of(bytes, line);
    let rest = &text[after_colon..];
    let value_text = match rest.find(" #").or_else(|| rest.find("\t#")) {
        Some(i) => &rest[..i],
        None if rest.trim_start().starts_with('#') => "",
        None => rest,
    };
    let leading = value_text.len() - value_text.trim_start().len();
    let token = value_text.trim();
    let value = match token {
        "true" | "True" | "TRUE" => true,
        "false" | "False" | "FALSE" => false,
        _ => {
            return Err(RefuseReason::UnclearValue {
                line: number,
                value: token.to_string(),
            });
        }
    };
    let value_start = line.start + after_colon + leading;
    Ok(Some(PublishedLine {
        start: line.start,
        content_end: line.content_end,
        end: line.end,
        value_start,
        value_end: value_start + token.len(),
        value,
    }))
}

/// `key` and the byte offset just after its colon, for an unindented `key:` line
/// (the key may be quoted).
fn top_level_key(text: &str) -> Option<(&str, usize)> {
    if text.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let (key, after) = if let Some(quote @ ('"' | '\'')) = text.chars().next() {
        let close = text[1..].find(quote)? + 1;
        (&text[1..close], close + 1)
    } else {
        let colon = text.find(':')?;
        (text[..colon].trim_end(), colon)
    };
    let rest = &text[after..];
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if rest[spaces..].starts_with(':') {
        Some((key, after + spaces + 1))
    } else {
        None
    }
}

fn flip_bool_word(word: &[u8]) -> &'static str {
    match word {
        b"true" => "false",
        b"True" => "False",
        b"TRUE" => "FALSE",
        b"false" => "true",
        b"False" => "True",
        _ => "TRUE",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toggle(text: &str) -> String {
        String::from_utf8(toggle_published(text.as_bytes()).unwrap()).unwrap()
    }

    #[test]
    fn adds_before_the_closing_line() {
        let original = "---\ntitle: A\n---\nbody\n";
        let once = toggle(original);
        assert_eq!(once, format!("---\ntitle: A\n{ADDED_LINE}\n---\nbody\n"));
        assert!(!is_published(once.as_bytes()).unwrap());
        assert_eq!(toggle(&once), original);
    }

    #[test]
    fn flips_in_place_keeping_case_and_comment() {
        let original = "---\npublished:  False  # hidden\ntitle: A\n---\n";
        let once = toggle(original);
        assert_eq!(once, "---\npublished:  True  # hidden\ntitle: A\n---\n");
        assert_eq!(toggle(&once), original);
    }

    #[test]
    fn a_plain_false_is_flipped_not_removed() {
        let original = "---\ntitle: A\npublished: false\n---\n";
        assert_eq!(toggle(original), "---\ntitle: A\npublished: true\n---\n");
    }

    #[test]
    fn crlf_and_bom_are_kept() {
        let original = "\u{feff}---\r\ntitle: A\r\n---\r\nbody\r\n";
        let once = toggle(original);
        assert_eq!(
            once,
            format!("\u{feff}---\r\ntitle: A\r\n{ADDED_LINE}\r\n---\r\nbody\r\n")
        );
        assert_eq!(toggle(&once), original);
    }

    #[test]
    fn empty_front_matter_takes_a_line() {
        let once = toggle("---\n---\n");
        assert_eq!(once, format!("---\n{ADDED_LINE}\n---\n"));
        assert_eq!(toggle(&once), "---\n---\n");
    }

    #[test]
    fn damaged_front_matters_are_refused() {
        type Expect = fn(&RefuseReason) -> bool;
        let cases: &[(&str, Expect)] = &[
            ("no front matter\n", |r| *r == RefuseReason::NoFrontMatter),
            ("", |r| *r == RefuseReason::NoFrontMatter),
            ("\n---\ntitle: A\n---\n", |r| {
                *r == RefuseReason::BlankLineBeforeFrontMatter
            }),
            ("--\ntitle: A\n---\n", |r| {
                matches!(r, RefuseReason::MistypedOpening { .. })
            }),
            ("---\ntitle: A\nbody\n", |r| *r == RefuseReason::Unclosed),
            ("---\ntitle: A\n----\nbody\n", |r| {
                matches!(r, RefuseReason::MistypedClosing { line: 3, .. })
            }),
            ("---\ntitle: \"A\n---\n", |r| {
                matches!(r, RefuseReason::InvalidYaml { .. })
            }),
            ("---\n- a\n- b\n---\n", |r| *r == RefuseReason::NotAMapping),
            ("---\nPublished: false\n---\n", |r| {
                matches!(r, RefuseReason::WrongCaseKey { line: 2, .. })
            }),
            ("---\npublished: no\n---\n", |r| {
                matches!(r, RefuseReason::UnclearValue { .. })
            }),
            ("---\npublished: \"false\"\n---\n", |r| {
                matches!(r, RefuseReason::UnclearValue { .. })
            }),
        ];
        for (text, expected) in cases {
            let reason = toggle_published(text.as_bytes()).unwrap_err();
            assert!(expected(&reason), "{text:?} gave {reason:?}");
            let sentence = reason.to_string();
            assert!(!sentence.contains('\n'), "{sentence}");
        }
    }

    #[test]
    fn hash_input_ignores_only_the_published_line() {
        let with = format!("---\ntitle: A\n{ADDED_LINE}\n---\nbody\n");
        assert_eq!(
            &*without_published_line(with.as_bytes()),
            b"---\ntitle: A\n---\nbody\n"
        );
        assert_eq!(&*without_published_line(b"no fm"), b"no fm");
    }
}
