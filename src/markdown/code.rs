//! Code blocks: verbatim, never re-wrapped. A line too long for the pane is cut and ends
//! with a visible marker; the language, when given, is shown above.

use std::borrow::Cow;

use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::Theme;
use super::width::str_width;
use super::wrap::Spans;
use crate::sanitize::sanitize_line;

/// Ends a code line that was cut to fit.
pub(crate) const CUT_MARKER: &str = "→";

const TAB_STOP: usize = 4;

/// The block's lines; the first holds `first` columns, the others `rest`.
pub(crate) fn render_code(
    text: &str,
    lang: Option<&str>,
    first: usize,
    rest: usize,
    theme: &Theme,
) -> Vec<Spans> {
    let mut out = Vec::new();
    let limit = |out: &Vec<Spans>| if out.is_empty() { first } else { rest };
    if let Some(lang) = lang.filter(|l| !l.is_empty()) {
        let label = format!("[code: {lang}]");
        let line = cut(&label, limit(&out), theme.dim, theme);
        out.push(line);
    }
    let body = text.strip_suffix('\n').unwrap_or(text);
    if body.is_empty() && text.is_empty() {
        return out;
    }
    for raw in body.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let expanded = expand_tabs(raw);
        let clean = sanitize_line(&expanded);
        let line = cut(&clean, limit(&out), theme.code, theme);
        out.push(line);
    }
    out
}

/// The whole line when it fits, else as many graphemes as fit before the cut marker.
fn cut(clean: &str, limit: usize, style: ratatui::style::Style, theme: &Theme) -> Spans {
    if clean.is_empty() {
        return Vec::new();
    }
    if str_width(clean) <= limit {
        return vec![Span::styled(clean.to_string(), style)];
    }
    let room = limit.saturating_sub(1);
    let mut kept = 0;
    let mut end = 0;
    if clean.is_ascii() {
        end = room.min(clean.len());
    } else {
        for (i, g) in clean.grapheme_indices(true) {
            let gw = g.width();
            if kept + gw > room {
                break;
            }
            kept += gw;
            end = i + g.len();
        }
    }
    let mut spans = Vec::with_capacity(2);
    if end > 0 {
        spans.push(Span::styled(clean[..end].to_string(), style));
    }
    spans.push(Span::styled(CUT_MARKER, theme.accent));
    spans
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
    fn verbatim_with_language_and_cut_marker() {
        assert_eq!(
            plain("let x  =  1;\nlet long_name = 2;\n", Some("rust"), 12),
            ["[code: rust]", "let x  =  1;", "let long_na→"]
        );
    }

    #[test]
    fn tabs_expand_and_controls_become_visible() {
        assert_eq!(plain("a\tb\x1b[2J\r\n", None, 40), ["a   b␛[2J"]);
    }

    #[test]
    fn width_one_shows_only_markers() {
        assert_eq!(plain("日本\nx\n", None, 1), ["→", "x"]);
    }
}
