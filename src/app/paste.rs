//! A bracketed paste is one event: typed into the field or editor that has the keys
//! in one step (one undo unit), and never taken as keys anywhere else, where a
//! pasted `e` or `m` would open an editor or mark a post.

use std::time::Instant;

use super::{App, Layer, Mode};
use crate::sanitize::{sanitize_for_editing, sanitize_line};

impl App {
    /// Puts pasted text where the keys go, or says why it was not taken.
    pub fn paste(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.mode() {
            Mode::Editor => self.paste_into_draft(text),
            Mode::EditorFind => {
                if let Some(Layer::EditorFind(find)) = self.layers.top_mut() {
                    find.paste(text);
                }
            }
            Mode::Filter | Mode::Find => {
                if let Some(Layer::Line { field, .. }) = self.layers.top_mut()
                    && field.paste(text)
                {
                    self.line_changed();
                }
            }
            Mode::Note | Mode::Score | Mode::Export => self.paste_into_popup(text),
            _ => self.set_info(
                "pasted text ignored: paste into the editor, a popup's field, or the filter (/)",
            ),
        }
    }

    fn paste_into_draft(&mut self, text: &str) {
        if let Some(why) = self.read_only_notice() {
            self.set_info(why);
            return;
        }
        let Some(editor) = self.drafting.editor.as_mut() else {
            return;
        };
        let multi_line = editor.focus == super::drafting::Field::Body;
        let clean = if multi_line {
            sanitize_for_editing(text).into_owned()
        } else {
            one_line(text)
        };
        if editor.focused().insert_str(&clean) {
            self.draft_changed(Instant::now());
        }
    }
}

/// Pasted text for a one-line field: terminal-safe, the line end that copying a whole
/// line brings along dropped, other line breaks as spaces.
/// Terminals send a pasted line break as `\r` (tmux, most emulators) or `\r\n`.
pub(crate) fn one_line(text: &str) -> String {
    let text = sanitize_for_editing(text);
    sanitize_line(text.trim_end_matches('\n')).into_owned()
}
