//! Code blocks: verbatim, never re-flowed. A line too long for the pane goes on in
//! the rows below it, each marked with a dim `↪`, so no character is ever out of
//! reach; the language, when given, is shown above.

use std::borrow::Cow;

use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::Theme;
use super::width::str_width;
use super::wrap::Spans;
use crate::sanitize::sanitize_line;

/// Starts a row that carries on the code line above it.
pub(crate) const CONTINUATION_MARKER: &str = "↪";

const TAB_STOP: usize = 4;

/// The block's rows; the first holds `first` columns, the others `rest`.
pub(crate) fn render_code(
    text: &str,
    lang: Option<&str>,
    first: usize,
    rest: usize,
    theme: &Theme,
) -> Vec<Spans> {
    let mut out = Vec::new();
    if let Some(lang) = lang.filter(|l| !l.is_empty()) {
        let label = format!("[code: {lang}]");
        wrap_line(
            &sanitize_line(&label),
            first,
            rest,
            theme.dim,
            theme,
            &mut out,
        );
    }
    let body = text.strip_suffix('\n').unwrap_or(text);
    if body.is_empty() && text.is_empty() {
        return out;
    }
    for raw in body.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let expanded = expand_tabs(raw);
        let clean = sanitize_line(&expanded);
        let limit = if out.is_empty() { first } else { rest };
        wrap_line(&clean, limit, rest, theme.code, theme, &mut out);
    }
    out
}

/// Adds `clean` as rows: the first up to `limit` columns, then continuation rows of
/// `rest` columns that start with [`CONTINUATION_MARKER`] (when there is room for the
/// marker and a wide character beside it). A row always takes at least one grapheme,
/// so even a pane narrower than a character loses nothing.
fn wrap_line(
    clean: &str,
    limit: usize,
    rest: usize,
    style: ratatui::style::Style,
    theme: &Theme,
    out: &mut Vec<Spans>,
) {
    if clean.is_empty() {
        out.push(Vec::new());
        return;
    }
    if str_width(clean) <= limit {
        out.push(vec![Span::styled(clean.to_string(), style)]);
        return;
    }
    let ascii = clean.is_ascii();
    let marked = rest >= 3;
    let mut left = clean;
    let mut room = limit;
    let mut continued = false;
    while !left.is_empty() {
        // The marker takes a column of every row after the first, unless the next
        // character is too wide to sit beside it.
        let marker =
            continued && marked && left.graphemes(true).next().map_or(0, |g| g.width()) < rest;
        if continued {
            room = if marker { rest - 1 } else { rest };
        }
        let end = fitting_prefix(left, room, ascii);
        let mut row = Vec::with_capacity(2);
        if marker {
            row.push(Span::styled(CONTINUATION_MARKER, theme.dim));
        }
        row.push(Span::styled(left[..end].to_string(), style));
        out.push(row);
        left = &left[end..];
        continued = true;
    }
}

/// The byte length of the longest prefix of `text` (all ASCII when `ascii`) that fits
/// in `room` columns, at least one grapheme.
fn fitting_prefix(text: &str, room: usize, ascii: bool) -> usize {
    if ascii {
        return room.clamp(1, text.len());
    }
    let mut used = 0;
    let mut end = 0;
    for (i, g) in text.grapheme_indices(true) {
        let width = g.width();
        if end > 0 && used + width > room {
            break;
        }
        used += width;
        end = i + g.len();
    }
    end
}

/// Tabs to spaces, to the next multiple of four columns.
fn expand_tabs(line: &str) -> Cow<'_, str> {
    if !line.contains('\t') {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut col = 0;
    for g in line.graphemes(true) {
        if g == "\t" {
            let n = TAB_STOP - col % TAB_STOP;
            out.extend(std::iter::repeat_n(' ', n));
            col += n;
        } else {
            out.push_str(g);
            col += g.width();
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str, lang: Option<&str>, width: usize) -> Vec<String> {
        render_code(text, lang, width, width, &Theme::default())
            .into_iter()
            .map(|l| l.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn a_long_line_goes_on_below_marked() {
        assert_eq!(
            plain("let x  =  1;\nlet long_name = 2;\n", Some("rust"), 12),
            ["[code: rust]", "let x  =  1;", "let long_nam", "↪e = 2;"]
        );
    }

    #[test]
    fn tabs_expand_and_controls_become_visible() {
        assert_eq!(plain("a\tb\x1b[2J\r\n", None, 40), ["a   b␛[2J"]);
    }

    #[test]
    fn a_pane_narrower_than_a_character_still_shows_every_one() {
        assert_eq!(plain("日本\nx\n", None, 1), ["日", "本", "x"]);
        assert_eq!(plain("abc\n", None, 2), ["ab", "c"]);
        assert_eq!(plain("abcd\n", None, 3), ["abc", "↪d"]);
    }

    #[test]
    fn blank_lines_stay() {
        assert_eq!(plain("a\n\nb\n", None, 10), ["a", "", "b"]);
    }
}
