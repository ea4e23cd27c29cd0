//! The command-line companions. Each returns the process exit code, or an error
//! that `main` reports in one sentence (exit 2).

pub mod app;
pub mod check;
pub mod generated;
pub mod list;
pub mod new;
pub mod publish;
pub mod review;
pub mod show;
pub mod snapshot;

/// Exit codes, as the README documents them.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// The command ran and found problems (e.g. `check` found errors).
    pub const PROBLEMS: u8 = 1;
    /// Usage or I/O error.
    pub const FAILURE: u8 = 2;
}

/// Output written whole, or cut short by a closed pipe (`| head`): the reader's
/// choice, not an error. Any other failure to write (`> /dev/full`) is one.
pub fn written(result: std::io::Result<()>) -> crate::error::Result<()> {
    match result {
        Err(source) if source.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(crate::error::Error::Output { source })
        }
        _ => Ok(()),
    }
}

/// Prints the path a command wrote (a draft, a post) as its output. A closed pipe
/// (`| head -0`) is the reader's choice and not an error; any other failure (`> /dev/full`)
/// is, so a script never takes a path it was not given for success.
pub(crate) fn print_written_path(
    out: &mut impl std::io::Write,
    path: &std::path::Path,
) -> crate::draft::DraftResult<()> {
    let line = crate::sanitize::sanitize_line(&path.display().to_string()).into_owned();
    match writeln!(out, "{line}").and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(crate::draft::DraftError::Output {
                written: path.to_path_buf(),
                source: e,
            })
        }
        _ => Ok(()),
    }
}
