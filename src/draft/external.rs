//! Handing a draft to the user's own editor (`$VISUAL`, else `$EDITOR`).

use std::path::Path;
use std::process::Command;

use super::error::{DraftError, DraftResult};

/// The editor command the user chose, if any: `$VISUAL`, else `$EDITOR`.
pub fn editor_command() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .map(|cmd| cmd.trim().to_string())
        .find(|cmd| !cmd.is_empty())
}

/// Runs `editor` (which may carry arguments, as in `code --wait`) on `path` and waits
/// for it. The caller restores the terminal first when a TUI is running.
pub fn run_editor(editor: &str, path: &Path) -> DraftResult<()> {
    let mut words = editor.split_whitespace();
    let fail = |message: String| DraftError::Editor {
        editor: editor.to_string(),
        message,
    };
    let program = words.next().ok_or_else(|| fail("it is empty".into()))?;
    let status = Command::new(program)
        .args(words)
        .arg(path)
        .status()
        .map_err(|e| fail(format!("{e}; the draft is saved at {}", path.display())))?;
    if status.success() {
        Ok(())
    } else {
        Err(fail(format!(
            "it exited with {status}; the draft is saved at {}",
            path.display()
        )))
    }
}
