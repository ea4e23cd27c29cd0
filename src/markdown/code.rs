//! Code blocks: verbatim, never re-flowed. A line too long for the pane goes on in
//! the rows below it, each marked with a dim `↪`, so no character is ever out of
//! reach; the language, when given, is shown above. Code in a language with a grammar
//! is coloured by its tokens (see [`crate::syntax`]) when the theme asks for it.

use std::borrow::Cow;

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::Theme;
use super::width::str_width;
use super::wrap::Spans;
use crate::sanitize::sanitize_line;
use crate::syntax::{Highlighted, Lang, Token, highlight};

/// Starts a row that carries on the code line above it.
pub(crate) const CONTINUATION_MARKER: &str = "↪";

const TAB_STOP: usize = 4;

/// How much code one render colours at most: a post made of nothing but code blocks
/// still opens at once (the rest is shown plain).
pub(crate) const HIGHLIGHT_BUDGET: usize = 256 * 1024;

/// The block's rows; the first holds `first` columns, the others `rest`. `budget` is
/// what is left of [`HIGHLIGHT_BUDGET`] for this render.
pub(crate) fn render_code(
    text: &str,
    lang: Option<&str>,
    first: usize,
    rest: usize,
    theme: &Theme,
    budget: &mut usize,
) -> Vec<Spans> {
    let mut out = Vec::new();
    if let Some(lang) = lang.filter(|l| !l.is_empty()) {
        let label = format!("[code: {lang}]");
        wrap_segments(
            vec![(sanitize_line(&label).into_owned(), theme.dim)],
            first,
            rest,
            theme,
            &mut out,
        );
    }
    let body = text.strip_suffix('\n').unwrap_or(text);
    if body.is_empty() && text.is_empty() {
        return out;
    }
    let tokens = tokens_of(body, lang, theme, budget);
    let mut pending = tokens.as_deref().unwrap_or_default();
    let mut line_start = 0;
    let mut segments: Vec<(&str, Style)> = Vec::new();
    for raw in body.split('\n') {
        let start = line_start;
        line_start += raw.len() + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        segments.clear();
        if tokens.is_some() {
            split_by_tokens(raw, start, &mut pending, theme, &mut segments);
        } else {
            segments.push((raw, theme.code));
        }
        // Tabs stop at columns of the whole line, wherever its pieces start.
        let mut column = 0;
        let clean: Vec<(String, Style)> = segments
            .iter()
            .map(|(piece, style)| {
                let expanded = expand_tabs(piece, &mut column);
                (sanitize_line(&expanded).into_owned(), *style)
            })
            .collect();
        let limit = if out.is_empty() { first } else { rest };
        wrap_segments(clean, limit, rest, theme, &mut out);
    }
    out
}

/// The block's tokens, when the theme colours code, the fence names a language with a
/// grammar, and the render's budget allows.
fn tokens_of(
    body: &str,
    lang: Option<&str>,
    theme: &Theme,
    budget: &mut usize,
) -> Option<crate::syntax::Tokens> {
    let loading = theme.syntax?;
    let lang = Lang::from_fence(lang?)?;
    *budget = budget.checked_sub(body.len())?;
    match highlight(lang, body, loading) {
        Highlighted::Tokens(tokens) => Some(tokens),
        Highlighted::NotYet | Highlighted::Plain => None,
    }
}

/// Cuts the line at `start..start + raw.len()` of the block into pieces, each with
/// its token's style (text outside a token is plain). `pending` is the block's tokens
/// not yet passed; a token may go on over several lines.
fn split_by_tokens<'a>(
    raw: &'a str,
    start: usize,
    pending: &mut &[(std::ops::Range<usize>, Token)],
    theme: &Theme,
    out: &mut Vec<(&'a str, Style)>,
) {
    let end = start + raw.len();
    while pending.first().is_some_and(|(range, _)| range.end <= start) {
        *pending = &pending[1..];
    }
    let mut at = 0;
    for (range, token) in pending.iter() {
        if range.start >= end {
            break;
        }
        let from = range.start.max(start) - start;
        let to = range.end.min(end) - start;
        if !raw.is_char_boundary(from) || !raw.is_char_boundary(to) {
            // Tokens made for other text: never cut a character, show it plain.
            out.clear();
            out.push((raw, theme.text));
            return;
        }
        if from > at {
            out.push((&raw[at..from], theme.text));
        }
        if to > from.max(at) {
            out.push((&raw[from.max(at)..to], theme.token(*token)));
        }
        at = at.max(to);
    }
    if at < raw.len() {
        out.push((&raw[at..], theme.text));
    }
}

/// Adds one code line, in styled pieces, as rows: the first up to `limit` columns, then
/// continuation rows of `rest` columns that start with [`CONTINUATION_MARKER`] (when
/// there is room for the marker and a wide character beside it). A row always takes at
/// least one grapheme, so even a pane narrower than a character loses nothing.
fn wrap_segments(
    pieces: Vec<(String, Style)>,
    limit: usize,
    rest: usize,
    theme: &Theme,
    out: &mut Vec<Spans>,
) {
    let width: usize = pieces.iter().map(|(text, _)| str_width(text)).sum();
    if width <= limit {
        out.push(
            pieces
                .into_iter()
                .filter(|(text, _)| !text.is_empty())
                .map(|(text, style)| Span::styled(text, style))
                .collect(),
        );
        return;
    }
    let marked = rest >= 3;
    let mut row: Spans = Vec::with_capacity(2);
    let mut room = limit;
    let mut used = 0;
    let mut continued = false;
    for (piece, style) in &pieces {
        let ascii = piece.is_ascii();
        let mut left = piece.as_str();
        while !left.is_empty() {
            if continued && row.is_empty() {
                // The marker takes a column of every row after the first, unless the
                // next character is too wide to sit beside it.
                let next = left.graphemes(true).next().map_or(0, |g| g.width());
                let marker = marked && next < rest;
                if marker {
                    row.push(Span::styled(CONTINUATION_MARKER, theme.dim));
                }
                room = if marker { rest - 1 } else { rest };
            }
            let fresh = used == 0;
            let end = fitting_prefix(left, room - used, ascii, fresh);
            if end > 0 {
                used += if ascii { end } else { str_width(&left[..end]) };
                row.push(Span::styled(left[..end].to_string(), *style));
                left = &left[end..];
            }
            if !left.is_empty() || used >= room {
                out.push(std::mem::take(&mut row));
                used = 0;
                continued = true;
            }
        }
    }
    if !row.is_empty() {
        out.push(row);
    }
}

/// The byte length of the longest prefix of `text` (all ASCII when `ascii`) that fits
/// in `room` columns; at least one grapheme when `at_least_one`.
fn fitting_prefix(text: &str, room: usize, ascii: bool, at_least_one: bool) -> usize {
    if ascii {
        let least = usize::from(at_least_one);
        return room.max(least).min(text.len());
    }
    let mut used = 0;
    let mut end = 0;
    for (i, g) in text.grapheme_indices(true) {
        let width = g.width();
        if (end > 0 || !at_least_one) && used + width > room {
            break;
        }
        used += width;
        end = i + g.len();
    }
    end
}

/// Tabs to spaces, to the next multiple of four columns; `col` is the column `line`
/// starts at, and becomes the one after it.
fn expand_tabs<'a>(line: &'a str, col: &mut usize) -> Cow<'a, str> {
    if !line.contains('\t') {
        *col += str_width(line);
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 8);
    for g in line.graphemes(true) {
        if g == "\t" {
            let n = TAB_STOP - *col % TAB_STOP;
            out.extend(std::iter::repeat_n(' ', n));
            *col += n;
        } else {
            out.push_str(g);
            *col += g.width();
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str, lang: Option<&str>, width: usize) -> Vec<String> {
        render_code(
            text,
            lang,
            width,
            width,
            &Theme::default(),
            &mut HIGHLIGHT_BUDGET.clone(),
        )
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
