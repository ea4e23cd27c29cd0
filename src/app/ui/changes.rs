//! The `D` overlay: what changed in a post since its review, the reviewed lines
//! marked `-`, the lines now marked `+`, with a little unchanged text around them.

use std::path::Path;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use crate::app::App;
use crate::markdown::wrap_fields;
use crate::review::texts::DiffLine;
use crate::sanitize::sanitize_line;

/// Draws the changes overlay scrolled by `scroll` rows; returns the scroll actually
/// shown (at most the last screenful), for the caller to keep, and the rows a page is.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    post: &Path,
    diff: &[DiffLine],
    scroll: usize,
) -> (usize, usize) {
    let theme = &app.theme;
    let popup = centered(area, area.width.min(100), area.height);
    let text_width = popup.width.saturating_sub(4).max(1);
    // Wrapped here, so that scrolling counts rows and a long line keeps its mark.
    let mut lines = Vec::new();
    for line in diff {
        let (mark, pieces, style) = match line {
            DiffLine::Same(text) => ("  ", vec![(false, text.clone())], theme.dim),
            DiffLine::Removed(pieces) => ("- ", pieces.clone(), theme.warning),
            DiffLine::Added(pieces) => ("+ ", pieces.clone(), theme.accent),
            DiffLine::Skipped(count) => {
                let noun = if *count == 1 { "line" } else { "lines" };
                lines.push(Line::styled(
                    format!("  ⋯ {count} unchanged {noun}"),
                    theme.dim,
                ));
                continue;
            }
        };
        // The words that changed stand out within their line.
        let changed = style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        let pieces: Vec<(String, Style)> = pieces
            .iter()
            .map(|(emphasized, piece)| {
                let piece = sanitize_line(piece).into_owned();
                (piece, if *emphasized { changed } else { style })
            })
            .collect();
        let parts: Vec<(&str, Style)> = pieces.iter().map(|(p, s)| (p.as_str(), *s)).collect();
        let rows = wrap_fields(&parts, text_width);
        if rows.is_empty() {
            lines.push(Line::styled(mark, style));
        }
        for (index, row) in rows.into_iter().enumerate() {
            let lead = if index == 0 { mark } else { "  " };
            let mut spans = vec![Span::styled(lead, style)];
            spans.extend(row.spans);
            lines.push(Line::from(spans));
        }
    }
    frame.render_widget(Clear, popup);
    let title = format!(
        " Changes since review · {} — esc closes ",
        sanitize_line(&post.to_string_lossy())
    );
    let legend = Line::from(vec![
        Span::styled(" - ", theme.warning),
        Span::styled("as reviewed  ", theme.dim),
        Span::styled("+ ", theme.accent),
        Span::styled("now ", theme.dim),
    ]);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(title)
        .title_bottom(legend)
        .border_style(theme.accent);
    let visible = usize::from(popup.height.saturating_sub(2));
    let scroll = scroll.min(lines.len().saturating_sub(visible));
    let rows = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((rows, 0)), popup);
    (usize::from(rows), visible)
}
