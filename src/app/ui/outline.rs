//! The outline popup (`o`): the post's headings, indented by level, the chosen one
//! highlighted; enter jumps there.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use crate::app::App;
use crate::markdown::Heading;

/// Draws the outline of `headings` with `selected` chosen, over `area`.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, headings: &[Heading], selected: usize) {
    let theme = &app.theme;
    let widest = headings
        .iter()
        .map(|h| usize::from(h.level) * 2 + unicode_width::UnicodeWidthStr::width(h.text.as_str()))
        .max()
        .unwrap_or(0);
    let width = u16::try_from(widest + 4).unwrap_or(u16::MAX).clamp(24, 72);
    let height = u16::try_from(headings.len() + 2).unwrap_or(u16::MAX);
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.accent)
        .title(" Outline ")
        .title_bottom(Line::styled(" enter go · esc close ", theme.dim));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let rows = usize::from(inner.height).max(1);
    // The chosen heading stays in sight.
    let first = selected
        .saturating_sub(rows.saturating_sub(1))
        .min(headings.len().saturating_sub(rows));
    let room = usize::from(inner.width);
    let lines: Vec<Line> = headings
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, heading)| {
            let indent = "  ".repeat(usize::from(heading.level.saturating_sub(1)).min(5));
            let text = format!("{indent}{}", heading.text);
            let (spans, _) = super::fit(&text, room, &[], theme.text, theme.text);
            let line = Line::from(spans);
            if i == selected {
                line.style(theme.highlight.add_modifier(Modifier::BOLD))
            } else if heading.level <= 2 {
                line.style(theme.heading2)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
