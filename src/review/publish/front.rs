//! Reading a front matter just well enough to edit its `published` line: where it
//! starts and ends, which line ending to use, and where the `published` value is —
//! refusing, with a reason, anything too damaged to edit safely.

use super::RefuseReason;
use crate::post::yaml::{Field, Scalar, parse_fields};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Front matter larger than this is not given to the YAML parser (as the loader
/// does), so a hostile file costs bounded time.
pub(super) const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// The parts of a sound front matter the toggle needs, as byte offsets.
pub(super) struct Front<'a> {
    /// Where the closing delimiter line starts (an added line goes just before it).
    pub(super) closing_start: usize,
    /// The line ending an added line gets: that of the line it follows.
    pub(super) insert_eol: &'a [u8],
    pub(super) published: Option<PublishedLine>,
}

pub(super) struct PublishedLine {
    pub(super) start: usize,
    pub(super) content_end: usize,
    /// After the line ending.
    pub(super) end: usize,
    pub(super) value_start: usize,
    pub(super) value_end: usize,
    pub(super) value: bool,
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

pub(super) fn analyse(bytes: &[u8]) -> Result<Front<'_>, RefuseReason> {
    let body_start = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    // Only the start of the file can hold an editable front matter; a long body
    // (up to the loader's 8 MiB) is not split into lines for nothing.
    let window_end = bytes.len().min(body_start + 2 * MAX_FRONT_MATTER_BYTES);
    let lines = split_lines(&bytes[..window_end], body_start);
    let Some(&first) = lines.first() else {
        return Err(RefuseReason::NoFrontMatter);
    };
    let first_text = text_of(bytes, first);
    if !is_delimiter(&first_text, false) {
        return Err(classify_missing_opening(bytes, &lines));
    }
    let mut closing = None;
    for (index, &line) in lines.iter().enumerate().skip(1) {
        if line.start - first.end > MAX_FRONT_MATTER_BYTES {
            return Err(RefuseReason::TooLarge);
        }
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
    let closing = closing.ok_or(if window_end < bytes.len() {
        RefuseReason::TooLarge
    } else {
        RefuseReason::Unclosed
    })?;
    let fm_lines = &lines[1..closing];
    let fm_start = first.end;
    let fm_end = lines[closing].start;
    if fm_end - fm_start > MAX_FRONT_MATTER_BYTES {
        return Err(RefuseReason::TooLarge);
    }
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
    // The loader's typed reader: it reads keys as Jekyll does (a key given twice keeps its
    // last value) and never expands aliases into memory.
    let fields = parse_fields(fm_text).map_err(|e| RefuseReason::InvalidYaml {
        reason: first_sentence(&e.to_string()),
    })?;
    if fields.not_a_mapping {
        return Err(RefuseReason::NotAMapping);
    }
    // Only the exact key counts: Jekyll ignores `Published:` and `publsihed:`.
    if !fields.has_exact(Field::Published) {
        return Ok(None);
    }
    match fields.published {
        Some(Scalar::Bool(b)) => Ok(Some(Some(b))),
        _ => Ok(Some(None)),
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
