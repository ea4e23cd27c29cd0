//! One way to start the user's own editor, for the app's `e` and ctrl-e and for
//! `meetup-reader new`: `$VISUAL`, else `$EDITOR`, else `vi`; a command with
//! arguments (`code --wait`) works, its first word being the program.

use std::path::Path;
use std::process::Command;

/// Why the editor did not run, or did not finish well. Each reads as one sentence.
#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    #[error("the editor command is empty")]
    Empty,
    #[error("cannot start the editor {program}: {source}")]
    Start {
        program: String,
        source: std::io::Error,
    },
    #[error("{program} exited with {status}")]
    Failed {
        program: String,
        status: std::process::ExitStatus,
    },
}

/// The editor command the user chose, if any: `$VISUAL`, else `$EDITOR`.
pub fn chosen_editor() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .map(|cmd| cmd.trim().to_string())
        .find(|cmd| !cmd.is_empty())
}

/// The editor to run: the user's choice, else `vi`.
pub fn editor() -> String {
    chosen_editor().unwrap_or_else(|| "vi".to_string())
}

/// Runs `command` on `path` and waits for it. A TUI gives the terminal away first.
pub fn run_editor(command: &str, path: &Path) -> Result<(), LaunchError> {
    let mut words = command.split_whitespace();
    let program = words.next().ok_or(LaunchError::Empty)?.to_string();
    let status = Command::new(&program)
        .args(words)
        .arg(path)
        .status()
        .map_err(|source| LaunchError::Start {
            program: program.clone(),
            source,
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(LaunchError::Failed { program, status })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_go_before_the_file_and_failures_name_the_program() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "x").unwrap();
        // `sh -c 'exit 3' name file`: arguments pass through, the exit code is reported.
        let err = run_editor("sh -c 'exit 3'", &file).unwrap_err();
        assert!(matches!(err, LaunchError::Failed { .. }), "{err}");
        assert!(run_editor("true", &file).is_ok());
        let err = run_editor("no-such-editor-here --wait", &file).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("cannot start the editor no-such-editor-here:"),
            "{err}"
        );
        assert!(matches!(run_editor("   ", &file), Err(LaunchError::Empty)));
    }
}
