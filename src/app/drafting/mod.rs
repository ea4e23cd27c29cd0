//! Drafting in the app: the drafts list, the editor on one draft, and the questions
//! it asks (recover unsaved text, leave with unsaved changes, publish). The domain
//! (templates, saving, autosave, publishing) is `crate::draft`; this is its UI state.

pub mod editor;
mod prompts;
mod update;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub use editor::{EditorAreas, EditorState, Field, Stats};

use crate::draft::Recovery;

/// One thing to do with drafts: the drafts list and the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DraftAction {
    /// List: start a new draft from the template and open the editor.
    New,
    /// List: show the drafts in `_drafts`, to open one in the editor.
    ShowDrafts,
    /// Editor: a key the keymap does not bind goes to the focused text field.
    Key(crossterm::event::KeyEvent),
    /// Editor: focus the next field (title, author, date, body).
    NextField,
    /// Editor: focus the previous field.
    PrevField,
    /// Editor: save the draft in `_drafts`.
    Save,
    /// Editor: publish the draft into the posts folder (asks first).
    Publish,
    /// Editor: hand the draft to `$VISUAL` / `$EDITOR` and take the text back.
    External,
    /// Editor: show or hide the preview (narrow windows).
    TogglePreview,
    /// Editor: leave the editor (asks first when there are unsaved changes).
    Leave,
    Undo,
    Redo,
    /// Editor: cut the selection.
    Cut,
    /// Editor: copy the selection.
    Copy,
    /// Editor: paste what was cut or copied.
    Paste,
    /// Editor: start or stop selecting (Shift with the arrows selects too).
    Select,
    /// Editor: select the whole field.
    SelectAll,
    /// Drafts list: delete the selected draft (asks first).
    Delete,
    /// Editor: start typing a word to find in the body.
    Find,
    /// Editor: jump to the next match of the find.
    FindNext,
}

impl DraftAction {
    /// The action's name in the settings file (`Key` is never bound: "").
    pub fn name(self) -> &'static str {
        match self {
            Self::New => "new-draft",
            Self::ShowDrafts => "show-drafts",
            Self::Key(_) => "",
            Self::NextField => "editor-next-field",
            Self::PrevField => "editor-prev-field",
            Self::Save => "editor-save",
            Self::Publish => "editor-publish",
            Self::External => "editor-external",
            Self::TogglePreview => "editor-toggle-preview",
            Self::Leave => "editor-leave",
            Self::Undo => "editor-undo",
            Self::Redo => "editor-redo",
            Self::Cut => "editor-cut",
            Self::Copy => "editor-copy",
            Self::Paste => "editor-paste",
            Self::Select => "editor-select",
            Self::SelectAll => "editor-select-all",
            Self::Delete => "delete-draft",
            Self::Find => "editor-find",
            Self::FindNext => "editor-find-next",
        }
    }
}

/// What to do once a recovery file was discarded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterDiscard {
    Nothing,
    /// Open the draft as saved.
    Open,
}

/// A question the app asks about a draft, on the layer stack while it is asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// Unsaved text of an earlier session was found: recover or discard it?
    Recover {
        recovery: Recovery,
        then: AfterDiscard,
    },
    /// Leaving the editor with unsaved changes: save, discard or cancel?
    Leave,
    /// Publish as `target`? (With the warnings `check` would give the post.)
    Publish {
        target: PathBuf,
        warnings: Vec<String>,
    },
    /// Publishing was asked for but cannot be done yet: the reason, whole.
    CannotPublish { why: String },
    /// The draft changed on disk since it was opened here: keep whose text?
    Conflict {
        /// The text on disk now (`None`: the file was removed).
        theirs: Option<String>,
        /// What the save was for, done once the question is answered.
        then: AfterSave,
        /// "Show both": the lines that differ are listed in the question.
        both: bool,
    },
}

/// What a save was part of, to go on with once it succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterSave {
    Stay,
    Leave,
    Publish,
}

/// The drafts list popup.
#[derive(Debug, Clone, Default)]
pub struct DraftPicker {
    pub drafts: Vec<DraftEntry>,
    pub selected: usize,
}

/// One draft in the drafts list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftEntry {
    pub path: PathBuf,
    pub title: String,
    /// What else is true of it: unsaved text to recover, or open in another copy.
    pub note: Option<String>,
}

/// All drafting state of the app (one field on `App`).
#[derive(Default)]
pub struct Drafting {
    pub editor: Option<EditorState>,
    /// The file handed to the external editor, while it is out.
    pub(crate) external: Option<PathBuf>,
    /// Set when quitting found it could not keep a recovery copy: the next quit goes
    /// ahead anyway.
    pub(crate) quit_anyway: bool,
}

impl Drafting {
    /// Whether `path` is the temporary file handed to the external editor.
    pub fn takes_edit(&self, path: &Path) -> bool {
        self.external.as_deref() == Some(path)
    }
}

/// The open draft's newest text, kept for the SIGTERM/SIGHUP handler, which runs on
/// another thread and cannot reach the app: `(draft path, saved text, text)`.
static LATEST: Mutex<Option<(PathBuf, String, String)>> = Mutex::new(None);

pub(crate) fn remember_latest(latest: Option<(PathBuf, String, String)>) {
    let mut slot = LATEST.lock().unwrap_or_else(|p| p.into_inner());
    *slot = latest;
}

/// Writes the open draft's unsaved text to its recovery file. Called by the signal
/// handler before the process exits; the next start offers to recover it.
pub fn save_for_recovery() {
    let slot = LATEST.lock().unwrap_or_else(|p| p.into_inner());
    write_recovery(slot.as_ref());
}

/// [`save_for_recovery`] from the panic hook: should the panic have struck while the
/// text was being remembered, the lock is held on this very thread, so it is tried,
/// not waited for.
pub fn save_for_recovery_after_panic() {
    let slot = match LATEST.try_lock() {
        Ok(slot) => slot,
        Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
        Err(std::sync::TryLockError::WouldBlock) => return,
    };
    write_recovery(slot.as_ref());
}

fn write_recovery(latest: Option<&(PathBuf, String, String)>) {
    if let Some((path, saved, text)) = latest
        && saved != text
    {
        let mut session = crate::draft::DraftSession::new(path, saved.as_str());
        let _ = session.autosave(text, std::time::Instant::now());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signal_handler_saves_unsaved_text_for_recovery() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("a.md");
        std::fs::write(&draft, "saved").unwrap();
        let recovery = crate::draft::recovery_path(&draft);

        remember_latest(Some((draft.clone(), "saved".into(), "saved".into())));
        save_for_recovery();
        assert!(!recovery.exists(), "nothing unsaved, nothing written");

        remember_latest(Some((draft.clone(), "saved".into(), "typed".into())));
        save_for_recovery();
        assert_eq!(std::fs::read_to_string(&recovery).unwrap(), "typed");
        assert_eq!(std::fs::read_to_string(&draft).unwrap(), "saved");

        // The panic hook does the same, and never waits on a lock this thread holds.
        remember_latest(Some((
            draft.clone(),
            "saved".into(),
            "after a panic".into(),
        )));
        save_for_recovery_after_panic();
        assert_eq!(std::fs::read_to_string(&recovery).unwrap(), "after a panic");
        {
            let _held = LATEST.lock().unwrap();
            save_for_recovery_after_panic();
        }
        remember_latest(None);
    }
}
