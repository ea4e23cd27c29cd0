//! `meetup-reader [DIR]`: the reader app on the real terminal.

use std::io::IsTerminal;
use std::path::Path;

use crate::error::{Error, Result};

pub fn run(dir: &Path, review_file: Option<&Path>) -> Result<u8> {
    // Checked before the terminal changes, so the error is one plain line.
    match std::fs::metadata(dir) {
        Err(_) => return Err(Error::FolderMissing(dir.to_path_buf())),
        Ok(meta) if !meta.is_dir() => return Err(Error::NotAFolder(dir.to_path_buf())),
        Ok(_) => {}
    }
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Error::NoTerminal);
    }
    crate::app::terminal::run_app(dir, review_file)?;
    Ok(super::exit::OK)
}
