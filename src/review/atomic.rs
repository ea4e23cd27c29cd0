//! Atomic file writes: a temporary file in the same folder, flushed to disk, then
//! renamed over (or next to) the target, so a crash leaves the old file or the new
//! one — never half of either.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Whether an existing file at the target may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Replace the file atomically if it exists.
    Replace,
    /// Fail with `AlreadyExists` if the target exists (checked by the rename itself,
    /// so a file that appears meanwhile is not clobbered either).
    Refuse,
}

/// Writes `bytes` to `path` atomically. `mode` (Unix permission bits) is set on the
/// temporary file *before* the rename, so the data is never readable by others,
/// even for an instant; without it the temporary file keeps tempfile's 0600.
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    mode: Option<u32>,
    overwrite: Overwrite,
) -> io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".meetup-reader-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    temp.write_all(bytes)?;
    temp.flush()?;
    set_mode(temp.as_file(), mode)?;
    temp.as_file().sync_all()?;
    match overwrite {
        Overwrite::Replace => temp.persist(path).map(drop).map_err(|e| e.error)?,
        Overwrite::Refuse => temp
            .persist_noclobber(path)
            .map(drop)
            .map_err(|e| e.error)?,
    }
    sync_folder(folder);
    Ok(())
}

/// The permission bits of an existing file, to give its replacement the same ones.
pub fn existing_mode(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path)
            .ok()
            .map(|m| m.permissions().mode() & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Creates `folder` (and its parents) with mode 0700 for the folders it creates.
pub fn create_private_folder(folder: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(folder)
}

fn set_mode(file: &fs::File, mode: Option<u32>) -> io::Result<()> {
    #[cfg(unix)]
    if let Some(mode) = mode {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = (file, mode);
    Ok(())
}

/// Makes the rename itself durable. Best effort: some file systems refuse to sync a
/// folder, and the data is already safe in either name.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_and_refuse() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write_atomically(&path, b"one", None, Overwrite::Refuse).unwrap();
        let err = write_atomically(&path, b"two", None, Overwrite::Refuse).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"one");
        write_atomically(&path, b"three", None, Overwrite::Replace).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"three");
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn mode_is_set_before_the_file_appears() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("private.json");
        write_atomically(&path, b"{}", Some(0o600), Overwrite::Replace).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        write_atomically(&path, b"{}", Some(0o644), Overwrite::Replace).unwrap();
        assert_eq!(existing_mode(&path).unwrap() & 0o777, 0o644);
    }
}
