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
    #[error("the opener command is empty")]
    EmptyOpener,
    #[error("cannot start the opener {program}: {source} (set `opener` in the settings)")]
    StartOpener {
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
    let mut args: Vec<std::ffi::OsString> = words.map(Into::into).collect();
    args.push(path.into());
    run_and_wait(program, &args, |program, source| LaunchError::Start {
        program,
        source,
    })
}

/// Runs `program` with `args` (no shell) and waits for it; a failure to start is
/// reported by `cannot_start`, an unsuccessful exit as [`LaunchError::Failed`].
fn run_and_wait<A: AsRef<std::ffi::OsStr>>(
    program: String,
    args: &[A],
    cannot_start: impl FnOnce(String, std::io::Error) -> LaunchError,
) -> Result<(), LaunchError> {
    let status = match Command::new(&program).args(args).status() {
        Ok(status) => status,
        Err(source) => return Err(cannot_start(program, source)),
    };
    if status.success() {
        Ok(())
    } else {
        Err(LaunchError::Failed { program, status })
    }
}

/// The command that opens links and files: `configured` (the `opener` setting), else
/// `$BROWSER` (its first entry, when it lists several with `:`), else the desktop's
/// opener.
pub fn opener(configured: Option<&str>) -> String {
    if let Some(opener) = configured {
        return opener.to_string();
    }
    let browser = std::env::var("BROWSER").ok().and_then(|list| {
        list.split(':')
            .map(str::trim)
            .find(|entry| !entry.is_empty())
            .map(str::to_string)
    });
    browser.unwrap_or_else(|| {
        if cfg!(target_os = "macos") {
            "open".to_string()
        } else {
            "xdg-open".to_string()
        }
    })
}

/// Runs the opener `command` on `target` and waits for it: no shell, the target one
/// argument (in place of a `%s` the command holds, else last). A TUI gives the
/// terminal away first (a terminal browser may take it).
pub fn run_opener(command: &str, target: &str) -> Result<(), LaunchError> {
    let mut words = command.split_whitespace();
    let program = words.next().ok_or(LaunchError::EmptyOpener)?.to_string();
    let mut args: Vec<String> = Vec::new();
    let mut placed = false;
    for word in words {
        if word.contains("%s") {
            args.push(word.replace("%s", target));
            placed = true;
        } else {
            args.push(word.to_string());
        }
    }
    if !placed {
        args.push(target.to_string());
    }
    // The terminal stays the opener's while it runs: a terminal browser reads keys.
    run_and_wait(program, &args, |program, source| LaunchError::StartOpener {
        program,
        source,
    })
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

    #[test]
    fn the_opener_gets_the_target_as_one_argument_without_a_shell() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("args");
        let script = dir.path().join("record");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" > '{}'\n",
                out.display()
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        let url = "https://example.org/a b;$(touch pwned)&c=1";
        run_opener(&script.to_string_lossy(), url).unwrap();
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            format!("1\n{url}\n")
        );
        run_opener(&format!("{} --new %s-tab", script.display()), "x").unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "2\n--new\nx-tab\n");
        assert!(!dir.path().join("pwned").exists());
        let err = run_opener("no-such-opener-here", "x").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("cannot start the opener no-such-opener-here:"),
            "{err}"
        );
    }
}
