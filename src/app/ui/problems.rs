//! The `p` overlay: the selected post's diagnostics and how to fix each.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::centered;
use crate::app::App;
use crate::markdown::wrap_fields;
use crate::post::Severity;
use crate::sanitize::sanitize_line;

/// Draws the problems overlay scrolled by `scroll` rows; returns the scroll actually
/// shown (at most the last screenful), for the caller to keep, and the rows a page is.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, scroll: usize) -> (usize, usize) {
    let Some(post) = app.selected_post() else {
        return (0, 1);
    };
    let theme = &app.theme;
    // Lines are wrapped here, to the popup's inner width, so that scrolling counts rows
    // and a message's continuation rows keep its indent.
    let popup_width = area.width.min(90);
    let inner = popup_width.saturating_sub(2).max(1);
    let message_width = inner.saturating_sub(2).max(1);
    let mut lines = vec![
        Line::styled(
            sanitize_line(&post.path.to_string_lossy()).into_owned(),
            theme.dim,
        ),
        Line::default(),
    ];
    if post.diagnostics.is_empty() {
        lines.push(Line::raw("No problems found in this post."));
    }
    for d in &post.diagnostics {
        let (label, style) = match d.severity {
            Severity::Error => ("error", theme.warning),
            Severity::Warning => ("warning", theme.accent),
        };
        let place = d.line.map(|n| format!(" (line {n})")).unwrap_or_default();
        lines.push(Line::from(vec![
            Span::styled(label, style),
            Span::styled(format!(" {}{place}", d.rule), theme.heading),
        ]));
        let message = sanitize_line(&d.message);
        for row in wrap_fields(&[(&message, theme.text)], message_width) {
            let mut spans = vec![Span::raw("  ")];
            spans.extend(row.spans);
            lines.push(Line::from(spans));
        }
        lines.push(Line::default());
    }
    let rows = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let popup = centered(area, popup_width, rows.saturating_add(2).max(8));
    frame.render_widget(Clear, popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(" Problems — P next post with problems, esc closes ")
        .border_style(theme.warning);
    let visible = usize::from(popup.height.saturating_sub(2));
    let scroll = scroll.min(lines.len().saturating_sub(visible));
    let rows = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((rows, 0)),
        popup,
    );
    (usize::from(rows), visible)
}
