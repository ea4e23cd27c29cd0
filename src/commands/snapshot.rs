//! `meetup-reader snapshot`: run the app headless and print the final screen.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::snapshot::{Format, parse_keys, render, run_snapshot};

/// Runs the snapshot; a bad size or key is reported by clap's parsers or here.
pub fn run(
    dir: &Path,
    size: (u16, u16),
    keys: &str,
    format: Format,
    review_file: Option<&Path>,
    write: bool,
    out: &mut impl Write,
) -> Result<u8> {
    match std::fs::metadata(dir) {
        Err(_) => return Err(Error::FolderMissing(dir.to_path_buf())),
        Ok(meta) if !meta.is_dir() => return Err(Error::NotAFolder(dir.to_path_buf())),
        Ok(_) => {}
    }
    let events = match parse_keys(keys) {
        Ok(events) => events,
        Err(why) => {
            // A usage error: one sentence, exit 2, like clap's own.
            eprintln!("meetup-reader: {}", crate::sanitize::sanitize_line(&why));
            return Ok(super::exit::FAILURE);
        }
    };
    let buffer = run_snapshot(dir, size, events, review_file, write);
    let io = |source| Error::Output { source };
    out.write_all(render(&buffer, format).as_bytes())
        .map_err(io)?;
    out.flush().map_err(io)?;
    Ok(super::exit::OK)
}

/// Parses `WxH` (e.g. `120x40`) for clap.
pub fn parse_size(text: &str) -> std::result::Result<(u16, u16), String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("`{text}` is not a size like 120x40"))?;
    let parse = |n: &str| {
        n.trim()
            .parse::<u16>()
            .ok()
            .filter(|&n| (1..=1000).contains(&n))
            .ok_or_else(|| format!("`{text}` is not a size like 120x40 (1 to 1000 each)"))
    };
    Ok((parse(w)?, parse(h)?))
}
