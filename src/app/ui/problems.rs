//! The `p` overlay: the selected post's diagnostics and how to fix each.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::centered;
use crate::app::App;
use crate::post::Severity;
use crate::sanitize::sanitize_line;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, scroll: usize) {
    let Some(post) = app.selected_post() else {
        return;
    };
    let theme = &app.theme;
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
        lines.push(Line::raw(format!("  {}", sanitize_line(&d.message))));
        lines.push(Line::default());
    }
    let popup = centered(area, 90, (lines.len() as u16 + 2).max(8));
    frame.render_widget(Clear, popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(" Problems — P next post with problems, esc closes ")
        .border_style(theme.warning);
    let scroll = scroll.min(lines.len().saturating_sub(1));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll as u16, 0)),
        popup,
    );
}
