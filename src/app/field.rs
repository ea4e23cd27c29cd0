//! One text field for every single-line input of the app (the filter, find, a score,
//! the export path, the editor's find): the same keys everywhere, the old value
//! selected when it opens so that typing replaces it, a visible cursor, pastes taken
//! whole, and a reason shown under the field when its text cannot be used, the text
//! kept as typed.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea};

/// A one-line text input.
#[derive(Debug, Clone)]
pub struct TextField {
    area: TextArea<'static>,
    /// Why the text cannot be used as it is; drawn under the field.
    pub error: Option<String>,
}

impl Default for TextField {
    fn default() -> Self {
        Self::new("")
    }
}

impl TextField {
    /// A field holding `value`, all of it selected: typing replaces it, an arrow key
    /// keeps it and moves into it.
    pub fn new(value: &str) -> Self {
        let line = crate::app::paste::one_line(value);
        let mut area = TextArea::new(vec![line]);
        area.move_cursor(CursorMove::End);
        if !value.is_empty() {
            area.select_all();
        }
        Self { area, error: None }
    }

    /// The text typed so far.
    pub fn text(&self) -> &str {
        self.area.lines().first().map_or("", String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.text().is_empty()
    }

    /// Replaces the whole text, the cursor at its end.
    pub fn set_text(&mut self, value: &str) {
        *self = Self::new(value);
        self.area.cancel_selection();
    }

    /// Where the cursor is, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.area.cursor().1
    }

    /// The selected characters (the old value, until a key moves or replaces it).
    pub fn selection(&self) -> Option<std::ops::Range<usize>> {
        let ((_, from), (_, to)) = self.area.selection_range()?;
        (from < to).then_some(from..to)
    }

    /// Applies one key. True when the text changed (the error is then cleared, to be
    /// judged again by the field's owner). Keys a field has no use for change nothing.
    pub fn input(&mut self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let area = &mut self.area;
        let changed = match key.code {
            KeyCode::Char(c) if !ctrl && !alt => {
                area.insert_char(c);
                true
            }
            KeyCode::Backspace if alt => area.delete_word(),
            KeyCode::Backspace => area.delete_char(),
            KeyCode::Delete => area.delete_next_char(),
            KeyCode::Char('h') if ctrl => area.delete_char(),
            KeyCode::Char('d') if ctrl => area.delete_next_char(),
            KeyCode::Char('w') if ctrl => area.delete_word(),
            KeyCode::Char('d') if alt => area.delete_next_word(),
            KeyCode::Char('u') if ctrl => {
                // Everything before the cursor; with the old value selected, all of it.
                if area.is_selecting() {
                    area.cancel_selection();
                    area.move_cursor(CursorMove::End);
                }
                area.delete_line_by_head()
            }
            KeyCode::Char('k') if ctrl => {
                area.cancel_selection();
                area.delete_line_by_end()
            }
            _ => {
                if let Some(movement) = movement(key.code, ctrl, alt) {
                    area.cancel_selection();
                    area.move_cursor(movement);
                }
                false
            }
        };
        if changed {
            self.error = None;
        }
        changed
    }

    /// Inserts pasted text in one step (line breaks become spaces), replacing the
    /// selection. True when the text changed.
    pub fn paste(&mut self, pasted: &str) -> bool {
        let changed = self
            .area
            .insert_str(crate::app::paste::one_line(pasted).as_str());
        if changed {
            self.error = None;
        }
        changed
    }
}

/// The cursor movement a key asks for, if any.
fn movement(code: KeyCode, ctrl: bool, alt: bool) -> Option<CursorMove> {
    Some(match code {
        KeyCode::Left if ctrl || alt => CursorMove::WordBack,
        KeyCode::Right if ctrl || alt => CursorMove::WordForward,
        KeyCode::Left => CursorMove::Back,
        KeyCode::Right => CursorMove::Forward,
        KeyCode::Home => CursorMove::Head,
        KeyCode::End => CursorMove::End,
        KeyCode::Char('a') if ctrl => CursorMove::Head,
        KeyCode::Char('e') if ctrl => CursorMove::End,
        KeyCode::Char('b') if ctrl => CursorMove::Back,
        KeyCode::Char('f') if ctrl => CursorMove::Forward,
        KeyCode::Char('b') if alt => CursorMove::WordBack,
        KeyCode::Char('f') if alt => CursorMove::WordForward,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::from(code)
    }

    fn with(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn typed(field: &mut TextField, text: &str) {
        for c in text.chars() {
            field.input(&key(KeyCode::Char(c)));
        }
    }

    #[test]
    fn typing_replaces_the_old_value() {
        let mut field = TextField::new("8");
        typed(&mut field, "9");
        assert_eq!(field.text(), "9");
    }

    #[test]
    fn an_arrow_keeps_the_old_value_and_moves_into_it() {
        let mut field = TextField::new("8");
        field.input(&key(KeyCode::End));
        typed(&mut field, ".5");
        assert_eq!(field.text(), "8.5");
        field.input(&key(KeyCode::Home));
        typed(&mut field, "1");
        assert_eq!(field.text(), "18.5");
    }

    #[test]
    fn ctrl_u_clears_a_long_path_in_one_key() {
        let long = "/home/someone/courses/python/reviews/2024/fall/export.csv";
        let mut field = TextField::new(long);
        field.input(&key(KeyCode::End));
        field.input(&with(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(field.text(), "");
        let mut field = TextField::new(long);
        field.input(&with(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(field.text(), "", "with the value selected too");
    }

    #[test]
    fn word_keys_move_and_delete_by_word() {
        let mut field = TextField::new("");
        typed(&mut field, "one two three");
        field.input(&with(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(field.text(), "one two ");
        field.input(&with(KeyCode::Char('b'), KeyModifiers::ALT));
        assert_eq!(field.cursor(), 4);
        field.input(&with(KeyCode::Char('a'), KeyModifiers::CONTROL));
        assert_eq!(field.cursor(), 0);
        field.input(&with(KeyCode::Char('f'), KeyModifiers::ALT));
        field.input(&with(KeyCode::Char('e'), KeyModifiers::CONTROL));
        assert_eq!(field.cursor(), 8);
        field.input(&with(KeyCode::Char('k'), KeyModifiers::CONTROL));
        assert_eq!(field.text(), "one two ");
    }

    #[test]
    fn a_paste_is_one_line_and_replaces_the_selection() {
        let mut field = TextField::new("old");
        assert!(field.paste("new\npath\r\n"));
        assert_eq!(field.text(), "new path");
        // tmux and most terminals send a pasted line break as a carriage return.
        let mut field = TextField::new("");
        field.paste("Meet\rup\r");
        assert_eq!(field.text(), "Meet up");
        field.paste("\u{1b}[31m");
        assert!(!field.text().contains('\u{1b}'), "{:?}", field.text());
    }

    #[test]
    fn ctrl_keys_that_are_not_editing_keys_type_nothing() {
        let mut field = TextField::new("");
        assert!(!field.input(&with(KeyCode::Char('s'), KeyModifiers::CONTROL)));
        assert_eq!(field.text(), "");
    }

    #[test]
    fn an_edit_clears_the_error() {
        let mut field = TextField::new("8/10");
        field.error = Some("not a number".into());
        field.input(&key(KeyCode::Left));
        assert!(field.error.is_some(), "moving is not an edit");
        field.input(&key(KeyCode::Backspace));
        assert!(field.error.is_none());
    }
}
