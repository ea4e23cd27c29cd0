//! Handing a draft to the user's own editor (`$VISUAL`, else `$EDITOR`).

use std::path::Path;

use super::error::{DraftError, DraftResult};

/// The editor command the user chose, if any: `$VISUAL`, else `$EDITOR`.
pub fn editor_command() -> Option<String> {
    crate::launcher::chosen_editor()
}

/// Runs `editor` (which may carry arguments, as in `code --wait`) on `path` and waits
/// for it. The caller restores the terminal first when a TUI is running.
pub fn run_editor(editor: &str, path: &Path) -> DraftResult<()> {
    crate::launcher::run_editor(editor, path).map_err(|err| DraftError::Editor {
        editor: editor.to_string(),
        message: format!("{err}; the draft is saved at {}", path.display()),
    })
}
