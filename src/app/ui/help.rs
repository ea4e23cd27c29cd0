//! The `?` overlay: every key of every mode, generated from the keymap, with the
//! list's markers and the filter syntax.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::list::{MARK_PROBLEMS, MARK_UNPUBLISHED};
use super::{centered, key_line};
use crate::app::App;

/// Width of the key column.
const KEY_WIDTH: usize = 13;
/// Width of one column of the overlay.
const COLUMN_WIDTH: u16 = 40;

/// The overlay's lines (also used by tests and the README).
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines = Vec::new();
    for (mode, rows) in app.keymap.help_sections() {
        // The overlay's own keys are in its title.
        if rows.is_empty() || mode == crate::app::Mode::Help {
            continue;
        }
        lines.push(Line::styled(mode.title().to_string(), theme.heading));
        for (keys, description) in rows {
            lines.push(key_line(&keys, description, KEY_WIDTH, theme));
        }
        lines.push(Line::default());
    }
    lines.push(Line::styled("Markers", theme.heading));
    lines.push(key_line(
        MARK_PROBLEMS,
        "has problems (p)",
        KEY_WIDTH,
        theme,
    ));
    lines.push(key_line(MARK_UNPUBLISHED, "unpublished", KEY_WIDTH, theme));
    lines.extend(super::review::help_markers(theme, KEY_WIDTH));
    lines.push(Line::default());
    lines.push(Line::styled("Filter", theme.heading));
    lines.push(key_line(
        "words",
        "fuzzy: title, author, tags",
        KEY_WIDTH,
        theme,
    ));
    lines.push(key_line(
        "author:NAME",
        "only this author",
        KEY_WIDTH,
        theme,
    ));
    lines.push(key_line(
        "tag:NAME",
        "only this category/tag",
        KEY_WIDTH,
        theme,
    ));
    lines.push(key_line(
        "after:DATE",
        "that day (YYYY-MM-DD) or later",
        KEY_WIDTH,
        theme,
    ));
    lines.push(key_line(
        "before:DATE",
        "the days before it",
        KEY_WIDTH,
        theme,
    ));
    lines.push(key_line(
        "body:WORDS",
        "full text of the posts",
        KEY_WIDTH,
        theme,
    ));
    lines.push(key_line(
        "status:NAME",
        "flagged, reviewed, needs…",
        KEY_WIDTH,
        theme,
    ));
    lines.push(key_line(
        "is:new",
        "added or changed since last time",
        KEY_WIDTH,
        theme,
    ));
    lines
}

/// Draws the keys overlay scrolled by `scroll` rows; returns the scroll actually
/// shown (at most the last screenful), for the caller to keep.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, scroll: usize) -> usize {
    let all = lines(app);
    let popup = centered(area, 130, area.height);
    frame.render_widget(Clear, popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(" Keys — esc closes, j/k scroll ")
        .border_style(app.theme.accent);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    // As many columns as fit, filled top to bottom, so the whole keymap usually
    // shows at once; j/k scroll when it does not.
    let columns = usize::from((inner.width / COLUMN_WIDTH).max(1));
    let height = usize::from(inner.height.max(1));
    let scroll = scroll.min(all.len().saturating_sub(height * columns));
    let areas =
        Layout::horizontal(vec![Constraint::Ratio(1, columns as u32); columns]).split(inner);
    for (n, column) in areas.iter().enumerate() {
        let chunk: Vec<Line> = all
            .iter()
            .skip(scroll + n * height)
            .take(height)
            .cloned()
            .collect();
        frame.render_widget(Paragraph::new(chunk), *column);
    }
    scroll
}
