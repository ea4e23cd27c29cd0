//! The `?` overlay: the list's markers first, then every key of every mode
//! (generated from the keymap) and the filter syntax, in as many columns as fit;
//! entries are wrapped to the columns, never cut.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::centered;
use super::list::{MARK_PROBLEMS, MARK_UNPUBLISHED};
use crate::app::{App, Mode};
use crate::markdown::Theme;

/// Width of the key column.
const KEY_WIDTH: usize = 13;
/// Blank columns between a key and its description.
const KEY_GAP: usize = 2;
/// The narrowest description column: in a narrower overlay the key column gives way.
const MIN_DESCRIPTION: usize = 10;
/// Width of one column of the overlay: it has as many as fit.
const COLUMN_WIDTH: u16 = 40;
/// Blank columns between two columns of the overlay.
const COLUMN_GAP: u16 = 2;

/// The filter syntax, the overlay's last section.
const FILTER: &[(&str, &str)] = &[
    ("words", "ranked: title, author, tags"),
    ("author:NAME", "only this author"),
    ("tag:NAME", "only this category/tag"),
    ("after:DATE", "that day (YYYY-MM-DD) or later"),
    ("before:DATE", "the days before it"),
    ("body:WORDS", "full text of the posts"),
    ("status:NAME", "flagged, reviewed, needs…"),
    ("is:new", "added or changed since last time"),
];

/// One entry of the overlay, before it is wrapped to a column.
enum Entry {
    Heading(&'static str),
    /// Keys (or a marker, or filter syntax) and what they do.
    Key(String, &'static str),
    /// The blank row after a section.
    Gap,
}

/// The overlay's entries: the markers' legend, each mode's keys, the filter syntax.
fn entries(app: &App) -> Vec<Entry> {
    let mut entries = vec![
        Entry::Heading("Markers"),
        Entry::Key(MARK_PROBLEMS.to_string(), "has problems (p)"),
        Entry::Key(MARK_UNPUBLISHED.to_string(), "unpublished"),
    ];
    entries.extend(
        super::review::help_markers()
            .into_iter()
            .map(|(mark, meaning)| Entry::Key(mark.to_string(), meaning)),
    );
    entries.push(Entry::Gap);
    for (mode, rows) in app.keymap.help_sections() {
        // The overlay's own keys are in its title.
        if rows.is_empty() || mode == Mode::Help {
            continue;
        }
        entries.push(Entry::Heading(mode.title()));
        entries.extend(
            rows.into_iter()
                .map(|(keys, description)| Entry::Key(keys, description)),
        );
        entries.push(Entry::Gap);
    }
    entries.push(Entry::Heading("Filter"));
    entries.extend(
        FILTER
            .iter()
            .map(|&(syntax, meaning)| Entry::Key(syntax.to_string(), meaning)),
    );
    entries
}

/// The overlay's rows for a column `width` cells wide: every entry wrapped to it,
/// never cut (also used by tests).
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines = Vec::new();
    for entry in entries(app) {
        match entry {
            Entry::Heading(title) => lines.extend(
                wrap(title, width)
                    .into_iter()
                    .map(|row| Line::styled(row, theme.heading)),
            ),
            Entry::Key(keys, description) => {
                lines.extend(key_rows(&keys, description, width, theme));
            }
            Entry::Gap => lines.push(Line::default()),
        }
    }
    lines
}

/// `keys  description` in rows of at most `width` cells: the keys right-aligned in
/// the key column (a row per key when they do not fit on one), the description
/// beside them, continuing under itself. Keys that do not fit the key column at all
/// take rows of their own above the description.
fn key_rows(keys: &str, description: &str, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let key_width = KEY_WIDTH.min(width.saturating_sub(KEY_GAP + MIN_DESCRIPTION));
    let indent = key_width + KEY_GAP;
    let text = wrap(description, width.saturating_sub(indent));
    let mut lines = Vec::new();
    let beside = if keys.split(' ').all(|key| key.width() <= key_width) {
        wrap(keys, key_width)
    } else {
        lines.extend(
            wrap(keys, width)
                .into_iter()
                .map(|row| Line::styled(row, theme.accent)),
        );
        Vec::new()
    };
    for row in 0..beside.len().max(text.len()) {
        let key = beside.get(row).map_or("", String::as_str);
        let pad = " ".repeat(key_width - key.width().min(key_width));
        lines.push(Line::from(vec![
            Span::styled(format!("{pad}{key}{}", " ".repeat(KEY_GAP)), theme.accent),
            Span::raw(text.get(row).cloned().unwrap_or_default()),
        ]));
    }
    lines
}

/// `text` in rows of at most `width` cells, broken between words; a word wider
/// than a row is broken where it reaches the edge.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut row = String::new();
    let mut used = 0;
    for word in text.split(' ').filter(|word| !word.is_empty()) {
        if used > 0 && used + 1 + word.width() <= width {
            row.push(' ');
            row.push_str(word);
            used += 1 + word.width();
            continue;
        }
        if used > 0 {
            rows.push(std::mem::take(&mut row));
            used = 0;
        }
        for c in word.chars() {
            let w = c.width().unwrap_or(0);
            if used > 0 && used + w > width {
                rows.push(std::mem::take(&mut row));
                used = 0;
            }
            row.push(c);
            used += w;
        }
    }
    if used > 0 || rows.is_empty() {
        rows.push(row);
    }
    rows
}

/// Draws the keys overlay scrolled by `scroll` rows; returns the scroll actually
/// shown (at most the last screenful), for the caller to keep, and the rows a page is.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, scroll: usize) -> (usize, usize) {
    let popup = centered(area, 130, area.height);
    frame.render_widget(Clear, popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(" Keys — esc closes, j/k/space/b/g/G scroll ")
        .border_style(app.theme.accent);
    let inner = block.inner(popup);
    // As many columns as fit, filled top to bottom, so the whole keymap usually
    // shows at once; the keys scroll them all when it does not.
    let columns = (inner.width / COLUMN_WIDTH).max(1);
    let width = inner.width.saturating_sub(COLUMN_GAP * (columns - 1)) / columns;
    let all = lines(app, usize::from(width));
    let height = usize::from(inner.height);
    let screenful = height * usize::from(columns);
    let scroll = scroll.min(all.len().saturating_sub(screenful));
    let block = if all.len() > screenful {
        let last = (scroll + screenful).min(all.len());
        let position = format!(" {}–{last} of {} ", scroll + 1, all.len());
        block.title_bottom(Line::from(position).alignment(Alignment::Right))
    } else {
        block
    };
    frame.render_widget(block, popup);
    for n in 0..columns {
        let column = Rect {
            x: inner.x + n * (width + COLUMN_GAP),
            width,
            ..inner
        };
        let start = scroll + usize::from(n) * height;
        let rows: Vec<Line> = all.iter().skip(start).take(height).cloned().collect();
        frame.render_widget(Paragraph::new(rows), column);
    }
    (scroll, height)
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_breaks_between_words_and_inside_a_word_only_when_it_is_wider_than_a_row() {
        assert_eq!(
            wrap("suspend (saves a recovery copy)", 16),
            ["suspend (saves a", "recovery copy)"]
        );
        assert_eq!(wrap("$VISUAL/$EDITOR", 8), ["$VISUAL/", "$EDITOR"]);
        assert_eq!(wrap("a ⚠⚠⚠", 3), ["a", "⚠⚠⚠"]);
        assert_eq!(wrap("", 5), [""]);
    }
}
