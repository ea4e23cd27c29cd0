//! How drafting actions change the app: opening drafts, editing keys, saving,
//! autosave deadlines, prompts and publishing.

use std::path::Path;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::CursorMove;

use super::{
    AfterDiscard, AfterSave, DraftAction, DraftEntry, DraftPicker, EditorState, Field, Prompt,
    remember_latest,
};
use crate::app::field::TextField;
use crate::app::layers::Confirmed;
use crate::app::{Action, App, Effect, Layer};
use crate::draft::front::{read_fields, split};
use crate::draft::{
    DraftError, DraftRequest, DraftSession, DraftSettings, Recovery, delete_draft, find_recoveries,
    find_template, holder, list_drafts, recovery_path, start_draft,
};
use crate::fsutil::{Overwrite, write_atomic};

/// Lines the mouse wheel scrolls the body.
const WHEEL_ROWS: i16 = 3;

impl App {
    /// Applies an action while drafting has the keys (the editor, its find line, the
    /// drafts list), or a drafting action from the list.
    pub(crate) fn update_drafting(&mut self, action: Action) {
        if self.layers.picker().is_some() {
            self.update_picker(action);
            return;
        }
        if self.drafting.editor.is_some() {
            self.update_editor(action);
            return;
        }
        match action {
            Action::Draft(DraftAction::New) => self.new_draft(),
            Action::Draft(DraftAction::ShowDrafts) => self.show_drafts(),
            _ => {}
        }
    }

    /// Offers to recover unsaved text left in the drafts folder (at start).
    pub fn check_recoveries(&mut self) {
        if let Some(recovery) = self.first_recovery() {
            self.layers.push(Layer::Prompt(Prompt::Recover {
                recovery,
                then: AfterDiscard::Nothing,
            }));
        }
    }

    fn first_recovery(&mut self) -> Option<Recovery> {
        let (found, error) = find_recoveries(&self.layout.drafts);
        if let Some(err) = error {
            self.set_error(err.to_string());
        }
        found.into_iter().next()
    }

    /// What drafting takes from the app's settings.
    pub(crate) fn draft_settings(&self) -> DraftSettings {
        DraftSettings::from_settings(&self.settings)
    }

    /// A new draft with nothing asked for but what the settings give.
    fn draft_request(&self) -> DraftRequest {
        DraftRequest {
            settings: self.draft_settings(),
            ..DraftRequest::default()
        }
    }

    /// Starts a draft from the template and opens it. Nothing is written until the
    /// first change; unsaved text left by a crash does not stand in the way (the drafts
    /// list offers it).
    pub fn new_draft(&mut self) {
        if !self.writes_allowed {
            // Shown, never written: no `_drafts`, no lock.
            match crate::draft::detached_draft(&self.root, &self.draft_request()) {
                Ok((session, text)) => self.start_editor(session, &text),
                Err(err) => self.set_error(err.to_string()),
            }
            return;
        }
        match start_draft(&self.root, &self.draft_request()) {
            Ok((session, text)) => self.start_editor(session, &text),
            Err(err) => self.set_error(err.to_string()),
        }
    }

    /// Opens a draft in the editor, asking first if it has unsaved text from a crash;
    /// read-only when another copy of the app has it open.
    pub fn open_draft(&mut self, path: &Path) {
        let opened = if self.writes_allowed {
            DraftSession::open(path)
        } else {
            DraftSession::open_detached(path).map(|session| (session, None))
        };
        match opened {
            Ok((session, None)) => {
                let text = session.saved_text().to_string();
                self.start_editor(session, &text);
                if let Some(notice) = self.read_only_notice() {
                    self.set_info(notice);
                }
            }
            Ok((_, Some(recovery))) => {
                self.layers.push(Layer::Prompt(Prompt::Recover {
                    recovery,
                    then: AfterDiscard::Open,
                }));
            }
            Err(err) => self.set_error(err.to_string()),
        }
    }

    pub(super) fn start_editor(&mut self, session: DraftSession, text: &str) {
        let config = crate::draft::template::config_dir(None);
        let home = &self.layout.home;
        let template = find_template(home, config.as_deref(), &self.settings.questions)
            .map(|t| t.text)
            .unwrap_or_default();
        let dirty = session.saved_text() != text;
        let mut editor = EditorState::new(
            session,
            text,
            &template,
            &self.root,
            &self.settings.questions,
        );
        if dirty {
            editor.changed(Instant::now());
        }
        self.layers.remove_all(|l| matches!(l, Layer::Drafts(_)));
        self.drafting.editor = Some(editor);
        self.remember();
    }

    /// Keeps the signal handler's copy of the text current.
    pub(crate) fn remember(&self) {
        remember_latest(self.drafting.editor.as_ref().map(|e| {
            (
                e.path().to_path_buf(),
                e.session.saved_text().to_string(),
                e.text(),
            )
        }));
    }

    pub(crate) fn show_drafts(&mut self) {
        let drafts = list_drafts(&self.layout.drafts)
            .into_iter()
            .map(|path| {
                let bytes = crate::fsutil::read_regular_file(&path, 64 * 1024).unwrap_or_default();
                let text = String::from_utf8_lossy(&bytes);
                let title = split(&text)
                    .and_then(|s| read_fields(s.yaml).ok())
                    .map(|f| f.title)
                    .unwrap_or_default();
                let note = match holder(&path) {
                    Some(holder) => Some(format!("open in {holder}")),
                    None if recovery_path(&path).exists() => {
                        Some("unsaved text to recover".to_string())
                    }
                    None => None,
                };
                DraftEntry { path, title, note }
            })
            .collect();
        self.layers.push(Layer::Drafts(DraftPicker {
            drafts,
            selected: 0,
        }));
    }

    /// Deletes a draft and its unsaved text, unless another copy of the app has it
    /// open; the drafts list is shown again.
    pub(crate) fn delete_draft(&mut self, path: &Path) {
        if self.refuses_to_write("the deletion") {
            return;
        }
        match delete_draft(path) {
            Ok(()) => {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                self.set_info(format!("deleted the draft {name}"));
            }
            Err(err) => self.set_error(err.to_string()),
        }
        let selected = self.layers.picker().map_or(0, |p| p.selected);
        self.layers.remove_all(|l| matches!(l, Layer::Drafts(_)));
        self.show_drafts();
        if let Some(Layer::Drafts(picker)) = self.layers.top_mut() {
            picker.selected = selected.min(picker.drafts.len().saturating_sub(1));
        }
    }

    fn update_picker(&mut self, action: Action) {
        let Some(Layer::Drafts(picker)) = self.layers.top_mut() else {
            return;
        };
        let count = picker.drafts.len();
        match action {
            Action::Down if count > 0 => picker.selected = (picker.selected + 1).min(count - 1),
            Action::Up => picker.selected = picker.selected.saturating_sub(1),
            Action::Open => {
                if let Some(entry) = picker.drafts.get(picker.selected).cloned() {
                    self.layers.pop();
                    self.open_draft(&entry.path);
                }
            }
            Action::Draft(DraftAction::Delete) => {
                if let Some(entry) = picker.drafts.get(picker.selected).cloned() {
                    let name = entry.path.file_name().unwrap_or_default().to_string_lossy();
                    let also = if recovery_path(&entry.path).exists() {
                        " and its unsaved text"
                    } else {
                        ""
                    };
                    self.layers.push(Layer::Confirm {
                        question: format!("Delete the draft {name}{also}? This cannot be undone."),
                        on_yes: Confirmed::DeleteDraft(entry.path),
                    });
                }
            }
            Action::Draft(DraftAction::New) => {
                self.layers.pop();
                self.new_draft();
            }
            Action::CloseOverlay => {
                self.layers.pop();
            }
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    fn update_editor(&mut self, action: Action) {
        let now = Instant::now();
        let mut modified = false;
        if action != Action::Quit {
            self.drafting.quit_anyway = false;
        }
        if changes_text(&action)
            && let Some(why) = self.read_only_notice()
        {
            self.set_info(why);
            return;
        }
        let Some(editor) = self.drafting.editor.as_mut() else {
            return;
        };
        match action {
            Action::Draft(DraftAction::Key(key)) => modified = editor_key(editor, key),
            Action::FieldKey(key) => {
                if let Some(Layer::EditorFind(find)) = self.layers.top_mut() {
                    find.input(&key);
                }
            }
            Action::InputCancel => {
                if let Some(Layer::EditorFind(_)) = self.layers.top() {
                    self.layers.pop();
                }
            }
            Action::InputConfirm => {
                if let Some(Layer::EditorFind(find)) = self.layers.pop() {
                    self.find_in_body(find.text());
                }
            }
            Action::Draft(DraftAction::Find) => {
                self.layers.push(Layer::EditorFind(TextField::default()))
            }
            Action::Draft(DraftAction::FindNext) => {
                editor.focus = Field::Body;
                if editor.body.search_pattern().is_none() {
                    self.set_info("nothing to find yet: ctrl-f first");
                } else if !editor.body.search_forward(false) {
                    self.set_info("no match");
                }
            }
            Action::Draft(DraftAction::NextField) => editor.move_focus(1),
            Action::Draft(DraftAction::PrevField) => editor.move_focus(-1),
            Action::Draft(DraftAction::Undo) => modified = editor.focused().undo(),
            Action::Draft(DraftAction::Redo) => modified = editor.focused().redo(),
            Action::Draft(DraftAction::Cut) => {
                modified = editor.focused().cut();
                share_clipboard(editor);
            }
            Action::Draft(DraftAction::Copy) => {
                editor.focused().copy();
                share_clipboard(editor);
            }
            Action::Draft(DraftAction::Paste) => modified = editor.focused().paste(),
            Action::Draft(DraftAction::Select) => {
                let area = editor.focused();
                if area.is_selecting() {
                    area.cancel_selection();
                } else {
                    area.start_selection();
                }
            }
            Action::Draft(DraftAction::SelectAll) => editor.focused().select_all(),
            Action::Draft(DraftAction::TogglePreview) => editor.show_preview = !editor.show_preview,
            Action::Help => self.layers.push(Layer::Help { scroll: 0 }),
            Action::Draft(DraftAction::Save) if editor.session.held_by().is_some() => {
                self.open_a_copy();
            }
            Action::Draft(DraftAction::Save) => {
                self.save_draft(AfterSave::Stay);
            }
            Action::Draft(DraftAction::Publish) => self.ask_publish(),
            Action::Draft(DraftAction::External) => self.hand_to_external(),
            Action::Draft(DraftAction::Leave) => {
                if editor.is_dirty() {
                    self.layers.push(Layer::Prompt(Prompt::Leave));
                } else {
                    self.close_editor();
                }
            }
            Action::Quit => {
                match self.autosave_now(now) {
                    Ok(()) => self.quit = true,
                    Err(_) if self.drafting.quit_anyway => self.quit = true,
                    Err(why) => {
                        self.drafting.quit_anyway = true;
                        // The keys first: the reason names a path and may be cut.
                        self.set_error(format!(
                            "not quit: ctrl-s saves, ctrl-c again quits and loses the \
                             unsaved text ({why})"
                        ));
                    }
                }
            }
            Action::Suspend => {
                if let Err(why) = self.autosave_now(now) {
                    self.set_error(why);
                }
                self.effects.push(Effect::Suspend);
            }
            Action::Wheel { down, .. } => {
                let rows = if down { WHEEL_ROWS } else { -WHEEL_ROWS };
                editor.body.scroll((rows, 0));
            }
            Action::Click { column, row } => click(editor, column, row),
            _ => {}
        }
        if modified {
            self.draft_changed(now);
        }
    }

    /// After the open draft's text changed (a key, a paste, a cut).
    pub(crate) fn draft_changed(&mut self, now: Instant) {
        let Some(editor) = self.drafting.editor.as_mut() else {
            return;
        };
        editor.changed(now);
        let first_change = editor.session.is_unwritten();
        self.remember();
        // A new draft is written on its first change, so an untouched one leaves
        // nothing behind and a touched one is in `_drafts` at once.
        if first_change
            && self.save_draft(AfterSave::Stay)
            && let Some(editor) = self.drafting.editor.as_mut()
        {
            editor.session.mark_provisional();
        }
    }

    /// The line saying a draft is read-only, when it is.
    pub(crate) fn read_only_notice(&self) -> Option<String> {
        let holder = self.drafting.editor.as_ref()?.session.held_by()?;
        Some(format!(
            "read-only · ctrl-s edits a copy · {holder} has this draft open"
        ))
    }

    /// Read-only draft: writes its text to a free name beside it (`name-2.md`) and
    /// opens that copy for editing.
    fn open_a_copy(&mut self) {
        if self.refuses_to_write("a copy of the draft") {
            return;
        }
        let Some(editor) = self.drafting.editor.as_ref() else {
            return;
        };
        let text = editor.text();
        match write_atomic(editor.path(), text.as_bytes(), Overwrite::NextFreeName) {
            Ok(copy) => {
                self.close_editor();
                self.open_draft(&copy);
                let name = copy.file_name().unwrap_or_default().to_string_lossy();
                self.set_info(format!("editing a copy: {name}"));
            }
            Err(err) => self.set_error(err.to_string()),
        }
    }

    fn find_in_body(&mut self, word: &str) {
        let Some(editor) = self.drafting.editor.as_mut() else {
            return;
        };
        if word.is_empty() {
            let _ = editor.body.set_search_pattern("");
            return;
        }
        editor.focus = Field::Body;
        // A literal word, not a pattern; case does not matter.
        let pattern = format!("(?i){}", regex_escape(word));
        if editor.body.set_search_pattern(pattern).is_err() || !editor.body.search_forward(true) {
            self.set_info(format!("no match for “{word}”"));
        }
    }

    /// Saves the open draft (Ctrl-s). When the file changed on disk since it was
    /// opened, asks whose text to keep instead, and goes on with `then` once answered.
    pub fn save_draft(&mut self, then: AfterSave) -> bool {
        if self.refuses_to_write("the draft") {
            return false;
        }
        let Some(editor) = self.drafting.editor.as_mut() else {
            return false;
        };
        let text = editor.text();
        match editor.session.save(&text) {
            Err(DraftError::ChangedElsewhere(_)) => {
                match editor.session.changed_on_disk() {
                    Ok(theirs) => self.layers.push(Layer::Prompt(Prompt::Conflict {
                        theirs: theirs.flatten(),
                        then,
                        both: false,
                    })),
                    Err(err) => self.set_error(err.to_string()),
                }
                false
            }
            Ok(()) => {
                let name = self.layout.shown(editor.path()).display().to_string();
                self.remember();
                self.set_info(format!("saved {name}"));
                true
            }
            Err(err) => {
                self.set_error(err.to_string());
                false
            }
        }
    }

    /// Writes the recovery file now if there are unsaved changes (quit, suspend); the
    /// error, as a sentence, when that failed.
    fn autosave_now(&mut self, now: Instant) -> Result<(), String> {
        if !self.writes_allowed {
            return Ok(());
        }
        match self.drafting.editor.as_mut() {
            Some(editor) if editor.is_dirty() => {
                let text = editor.text();
                editor
                    .session
                    .autosave(&text, now)
                    .map_err(|e| e.to_string())
            }
            _ => Ok(()),
        }
    }

    /// When the draft's next timed work is due (the autosave, the statistics and
    /// preview), counted from `now`.
    pub(crate) fn draft_wake_in(&self, now: Instant) -> Option<Duration> {
        let editor = self.drafting.editor.as_ref()?;
        let due = [editor.session.next_autosave(), editor.refresh_due(now)]
            .into_iter()
            .flatten()
            .min()?;
        Some(due.saturating_duration_since(now))
    }

    /// Runs the draft's work due at `now` (the autosave, the statistics and preview).
    /// True when the screen changed.
    pub(crate) fn draft_tick(&mut self, now: Instant) -> bool {
        let Some(editor) = self.drafting.editor.as_mut() else {
            return false;
        };
        let store = &self.store;
        let cx = super::editor::PreviewContext {
            theme: &self.theme,
            url_of: &|reference| store.url_of(reference),
        };
        let refreshed =
            editor.refresh_due(now).is_some_and(|due| due <= now) && editor.refresh(now, &cx);
        if !self.writes_allowed || !editor.session.autosave_due(now) {
            return refreshed;
        }
        let text = editor.text();
        if let Err(err) = editor.session.autosave(&text, now) {
            self.set_error(err.to_string());
            return true;
        }
        refreshed
    }

    /// Brings the draft's statistics and preview up to date at once (scripted runs,
    /// whose screens must not depend on timing).
    pub fn refresh_now(&mut self, now: Instant) -> bool {
        let store = &self.store;
        let cx = super::editor::PreviewContext {
            theme: &self.theme,
            url_of: &|reference| store.url_of(reference),
        };
        self.drafting
            .editor
            .as_mut()
            .is_some_and(|editor| editor.refresh(now, &cx))
    }
}

/// Whether `action` would change a draft's text (refused on a read-only draft).
fn changes_text(action: &Action) -> bool {
    match action {
        Action::Draft(DraftAction::Key(key)) => !matches!(
            key.code,
            KeyCode::Up
                | KeyCode::Down
                | KeyCode::Left
                | KeyCode::Right
                | KeyCode::Home
                | KeyCode::End
                | KeyCode::PageUp
                | KeyCode::PageDown
                | KeyCode::Tab
                | KeyCode::BackTab
        ),
        Action::Draft(
            DraftAction::Undo
            | DraftAction::Redo
            | DraftAction::Cut
            | DraftAction::Paste
            | DraftAction::External
            | DraftAction::Publish,
        ) => true,
        _ => false,
    }
}

/// A key for the focused field. True when the text changed.
fn editor_key(editor: &mut EditorState, key: KeyEvent) -> bool {
    if editor.focus != Field::Body {
        match key.code {
            // One-line fields: Enter and the vertical arrows move between fields.
            KeyCode::Enter | KeyCode::Down => {
                editor.move_focus(1);
                return false;
            }
            KeyCode::Up => {
                editor.move_focus(-1);
                return false;
            }
            _ => {}
        }
    } else if key.code == KeyCode::Up
        && key.modifiers == KeyModifiers::NONE
        && editor.body.cursor().0 == 0
    {
        editor.focus = Field::Date;
        return false;
    }
    editor.focused().input(key)
}

fn click(editor: &mut EditorState, column: u16, row: u16) {
    let at = ratatui::layout::Position { x: column, y: row };
    for (i, area) in editor.areas.fields.iter().enumerate() {
        if area.contains(at) {
            editor.focus = Field::ALL[i];
            return;
        }
    }
    let body = editor.areas.body;
    if body.contains(at) {
        editor.focus = Field::Body;
        let (top, _) = editor.body.scroll_offset();
        let spot = editor.body.screen_to_data(
            usize::from(top) + usize::from(row - body.y),
            usize::from(column - body.x),
        );
        editor
            .body
            .move_cursor(CursorMove::Jump(spot.0 as u16, spot.1 as u16));
    }
}

/// `word` with the regex syntax characters escaped.
fn regex_escape(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The textareas each keep their own clipboard; give every field what was just cut
/// or copied, so it pastes anywhere.
fn share_clipboard(editor: &mut EditorState) {
    let yank = editor.focused().yank_text();
    for field in Field::ALL {
        editor.area_mut(field).set_yank_text(yank.clone());
    }
}
