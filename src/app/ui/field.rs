//! How a text field looks: its text on one row, the cursor as a reversed cell, the
//! selection (the old value, when the field opens) highlighted, and the part around
//! the cursor kept in view when the text is wider than its room.

use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use unicode_width::UnicodeWidthChar;

use crate::app::field::TextField;
use crate::sanitize::sanitize_line;

/// The field's text as spans at most `width` columns wide, the cursor shown when
/// `focused`.
pub fn spans(field: &TextField, width: usize, style: Style, focused: bool) -> Vec<Span<'static>> {
    let text: Vec<char> = sanitize_line(field.text()).chars().collect();
    let cursor = field.cursor().min(text.len());
    let selected = field.selection();
    let reversed = style.add_modifier(Modifier::REVERSED);
    // The cursor's cell: a space after the last character.
    let cells = text.len() + usize::from(focused && cursor == text.len());
    let char_width = |i: usize| text.get(i).map_or(1, |c| c.width().unwrap_or(0));
    // Start far enough right that the cursor fits, as a shell's line editor does.
    let mut start = 0;
    let mut used: usize = (0..=cursor.min(cells.saturating_sub(1)))
        .map(char_width)
        .sum();
    while used > width && start < cursor {
        used -= char_width(start);
        start += 1;
    }
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut columns = 0;
    for i in start..cells {
        let w = char_width(i);
        if columns + w > width {
            break;
        }
        columns += w;
        let c = text.get(i).copied().unwrap_or(' ');
        let in_selection = selected.as_ref().is_some_and(|range| range.contains(&i));
        let cell_style = if (focused && i == cursor) || in_selection {
            reversed
        } else {
            style
        };
        match spans.last_mut() {
            Some(last) if last.style == cell_style => last.content.to_mut().push(c),
            _ => spans.push(Span::styled(c.to_string(), cell_style)),
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent};

    fn shown(spans: &[Span<'_>]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn the_cursor_is_a_cell_after_the_text() {
        let mut field = TextField::new("");
        field.input(&KeyEvent::from(KeyCode::Char('a')));
        let spans = spans(&field, 10, Style::default(), true);
        assert_eq!(shown(&spans), "a ");
        assert!(spans[1].style.add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn a_long_text_keeps_the_cursor_in_view() {
        let field = TextField::new("/a/very/long/path/to/the/export.csv");
        let mut field = field;
        field.input(&KeyEvent::from(KeyCode::End));
        let spans = spans(&field, 10, Style::default(), true);
        let text = shown(&spans);
        assert_eq!(text, "xport.csv ", "{text:?}");
    }

    #[test]
    fn the_old_value_shows_selected() {
        let field = TextField::new("8");
        let spans = spans(&field, 10, Style::default(), true);
        assert!(spans[0].style.add_modifier.contains(Modifier::REVERSED));
    }
}
