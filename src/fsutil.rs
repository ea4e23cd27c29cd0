//! Atomic file writes that never overwrite by accident.
//!
//! Every file the app writes (drafts, published posts, autosave recovery files, the
//! review store) goes through [`write_atomic`]: the bytes go to a temporary file in the
//! target's own folder (so the final rename cannot cross file systems), are flushed to
//! disk, and only then renamed over the target name. A crash at any point leaves either
//! the old file or the new one, never half of one. The temporary file's name starts with
//! `.` so the post loader (which skips hidden files) never shows a leftover one.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::{Builder, NamedTempFile};

/// What to do when the target file already exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Replace it (the caller asked to). Its permissions are kept.
    Replace,
    /// Fail with [`WriteError::Exists`].
    Refuse,
    /// Write to the first free name instead: `name-2.md`, `name-3.md`, ...
    NextFreeName,
}

/// Why a write failed; each names the file.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{} already exists and was left as it is", .0.display())]
    Exists(PathBuf),
    /// Only a regular file is ever replaced: a link, a FIFO or a device is left alone.
    #[error("{} is {what}, not a regular file, and was left as it is", path.display())]
    NotAFile { path: PathBuf, what: String },
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl WriteError {
    /// As an `io::Error`, for callers with their own error types: `Exists` becomes
    /// `AlreadyExists`.
    pub fn into_io(self) -> io::Error {
        match self {
            WriteError::Exists(path) => io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} already exists", path.display()),
            ),
            WriteError::Io { source, .. } => source,
            other @ WriteError::NotAFile { .. } => io::Error::other(other.to_string()),
        }
    }
}

/// The most the app reads of each kind of file: far beyond any real one, small enough
/// that a hostile one (a link to `/dev/zero` would be refused anyway) never floods memory.
pub mod caps {
    /// A post, a draft or its recovery file.
    pub const POST: u64 = 8 * 1024 * 1024;
    /// A template, the settings file, a site's `_config.yml`, an include.
    pub const SMALL: u64 = 1024 * 1024;
    /// The review file (a few hundred bytes per reviewed post).
    pub const REVIEWS: u64 = 64 * 1024 * 1024;
}

/// Opens `path` for reading without ever blocking: `O_NONBLOCK`, so a FIFO or a device
/// put where a file was expected does not hang the open, then the type of what was
/// opened (not of the name, which could change meanwhile) is checked. Anything but a
/// regular file is refused with an error naming what it is. Returns the file and its
/// size.
pub fn open_regular(path: &Path) -> io::Result<(fs::File, u64)> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        // The caller names the file; this says what it is.
        return Err(io::Error::other(format!(
            "it is {}, not a regular file",
            kind_of(&meta.file_type())
        )));
    }
    Ok((file, meta.len()))
}

/// Reads at most `limit` bytes of `path`, which must be a regular file (see
/// [`open_regular`]): a FIFO or a device where a file was expected is refused at once
/// instead of blocking or flooding.
pub fn read_regular_file(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let (file, size) = open_regular(path)?;
    let mut bytes = Vec::with_capacity(size.min(limit).min(1 << 20) as usize);
    file.take(limit).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Like [`read_regular_file`], but `None` when there is no such file.
pub fn read_if_present(path: &Path, limit: u64) -> io::Result<Option<Vec<u8>>> {
    match read_regular_file(path, limit) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// What tells that a file changed without reading it: its length and modification
/// time, and on Unix its inode and change time too (an editor that saves by renaming
/// a new file over the old one gives a new inode even within a coarse clock tick).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: u64,
    #[cfg(unix)]
    changed: (i64, i64),
}

impl FileStamp {
    /// The stamp of what `path` names now (through a link), or `None` when it cannot be
    /// looked at. Never opens the file, so never blocks on a FIFO.
    pub fn of(path: &Path) -> Option<FileStamp> {
        let meta = fs::metadata(path).ok()?;
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Some(FileStamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: meta.ino(),
            #[cfg(unix)]
            changed: (meta.ctime(), meta.ctime_nsec()),
        })
    }
}

/// The file to write when editing `path` in place: `path` itself, or, when it is a
/// symbolic link, its target, if that lies inside `within`. A link leading out of
/// `within` is refused (the error names the target): replacing the link would put
/// text from outside into the folder, and writing through it would change a file
/// that is not the folder's.
pub fn resolve_for_edit(path: &Path, within: &Path) -> io::Result<PathBuf> {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(path.to_path_buf());
    }
    let target = path.canonicalize()?;
    let inside = within
        .canonicalize()
        .is_ok_and(|within| target.starts_with(within));
    if inside {
        Ok(target)
    } else {
        Err(io::Error::other(format!(
            "it is a link to {}, outside {}, and was left as it is",
            target.display(),
            within.display()
        )))
    }
}

/// "a FIFO", "a character device"…, for messages.
pub(crate) fn kind_of(file_type: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// Creates `folder` and its missing parents, readable by their owner only (0700), for
/// private data such as review notes.
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

/// The prefix and suffix of the temporary files [`write_atomic`] renames into place.
const TEMP_PREFIX: &str = ".tmp-";
const TEMP_SUFFIX: &str = ".partial";

/// How old a temporary file must be before it counts as left over: an atomic write
/// takes milliseconds, so one this old belongs to a write that was interrupted (`kill
/// -9`, a power cut), never to one still going on in another copy of the app.
pub const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Removes the temporary files of interrupted atomic writes under `root` (at most
/// `max_depth` folders down, without following links): only regular files named as
/// ours (`.tmp-*.partial`) and older than `min_age`. Returns what was removed.
pub fn remove_leftover_partials(
    root: &Path,
    max_depth: usize,
    min_age: std::time::Duration,
) -> Vec<PathBuf> {
    let is_ours = |name: &str| name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX);
    let mut removed = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .max_depth(max_depth)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            // Hidden folders (.git, .jekyll-cache) are not ours to look into.
            e.depth() == 0 || !e.file_type().is_dir() || !name.starts_with('.')
        });
    for entry in walker.flatten() {
        let old_enough = entry
            .metadata()
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= min_age);
        if entry.file_type().is_file()
            && is_ours(&entry.file_name().to_string_lossy())
            && old_enough
            && fs::remove_file(entry.path()).is_ok()
        {
            removed.push(entry.path().to_path_buf());
        }
    }
    removed
}

/// How many numbered names [`Overwrite::NextFreeName`] tries before giving up.
const MAX_NUMBERED_NAMES: u32 = 10_000;

/// Writes `bytes` to `path` atomically, creating missing parent folders, and returns
/// the path actually written (which differs from `path` only with
/// [`Overwrite::NextFreeName`]). New files get the usual `0644` less the umask.
pub fn write_atomic(
    path: &Path,
    bytes: &[u8],
    overwrite: Overwrite,
) -> Result<PathBuf, WriteError> {
    write_with_mode(path, bytes, overwrite, 0o644)
}

/// Like [`write_atomic`], but the file is readable by its owner only (`0600`), even
/// when it replaces a file that was more open: for private data such as review notes.
pub fn write_atomic_private(
    path: &Path,
    bytes: &[u8],
    overwrite: Overwrite,
) -> Result<PathBuf, WriteError> {
    write_with_mode(path, bytes, overwrite, 0o600)
}

/// The `n`-th candidate name for `path`: `path` itself for 1, else `stem-n.ext`.
pub fn numbered_name(path: &Path, n: u32) -> PathBuf {
    if n <= 1 {
        return path.to_path_buf();
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match path.extension() {
        Some(ext) => format!("{stem}-{n}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{n}"),
    };
    path.with_file_name(name)
}

fn write_with_mode(
    path: &Path,
    bytes: &[u8],
    overwrite: Overwrite,
    new_mode: u32,
) -> Result<PathBuf, WriteError> {
    let io_err = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&folder).map_err(io_err)?;
    // Replacing puts a new regular file in place of what is there: never over a link
    // (which would cut it, or write outside through it), a FIFO or a device (as root,
    // `--force` once replaced /dev/full).
    if overwrite == Overwrite::Replace
        && let Ok(meta) = fs::symlink_metadata(path)
        && !meta.is_file()
    {
        let what = if meta.file_type().is_symlink() {
            match fs::read_link(path) {
                Ok(target) => format!("a link to {}", target.display()),
                Err(_) => "a link".to_string(),
            }
        } else {
            kind_of(&meta.file_type()).to_string()
        };
        return Err(WriteError::NotAFile {
            path: path.to_path_buf(),
            what,
        });
    }

    // On replace, keep the old file's mode unless the caller asked for a private file.
    let mode = match (overwrite, fs::metadata(path)) {
        (Overwrite::Replace, Ok(meta)) if new_mode != 0o600 => existing_mode(&meta, new_mode),
        _ => new_mode,
    };
    // tempfile's error names its random temporary file; the user only needs the reason.
    let mut temp = temp_file_in(&folder, mode).map_err(|e| io_err(io::Error::from(e.kind())))?;
    temp.write_all(bytes).map_err(io_err)?;
    temp.as_file().sync_all().map_err(io_err)?;

    let written = match overwrite {
        Overwrite::Replace => {
            temp.persist(path).map_err(|e| io_err(e.error))?;
            path.to_path_buf()
        }
        Overwrite::Refuse => match temp.persist_noclobber(path) {
            Ok(_) => path.to_path_buf(),
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => {
                return Err(WriteError::Exists(path.to_path_buf()));
            }
            Err(e) => return Err(io_err(e.error)),
        },
        Overwrite::NextFreeName => persist_next_free(temp, path)?,
    };
    sync_folder(&folder);
    Ok(written)
}

/// Tries `name.md`, `name-2.md`, `name-3.md` ... with a no-clobber rename each time, so
/// two writers racing for the same name cannot both win it.
fn persist_next_free(mut temp: NamedTempFile, path: &Path) -> Result<PathBuf, WriteError> {
    for n in 1..=MAX_NUMBERED_NAMES {
        let candidate = numbered_name(path, n);
        match temp.persist_noclobber(&candidate) {
            Ok(_) => return Ok(candidate),
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => temp = e.file,
            Err(e) => {
                return Err(WriteError::Io {
                    path: candidate,
                    source: e.error,
                });
            }
        }
    }
    Err(WriteError::Exists(path.to_path_buf()))
}

fn temp_file_in(folder: &Path, mode: u32) -> io::Result<NamedTempFile> {
    let mut builder = Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = mode;
    builder.tempfile_in(folder)
}

#[cfg(unix)]
fn existing_mode(meta: &fs::Metadata, _default: u32) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o7777
}

#[cfg(not(unix))]
fn existing_mode(_meta: &fs::Metadata, default: u32) -> u32 {
    default
}

/// Makes the rename itself durable. Best effort: some file systems refuse to sync a
/// folder, and the data is already safe in the file by then.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// The canonical form of a path that may not exist yet: its nearest existing
/// ancestor canonicalised, with the rest appended.
pub fn canonical_ish(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut rest = Vec::new();
    let mut current = absolute.as_path();
    loop {
        if let Ok(found) = current.canonicalize() {
            let mut out = found;
            out.extend(rest.iter().rev());
            return out;
        }
        match (current.file_name(), current.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                current = parent;
            }
            _ => return absolute,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_old_leftovers_of_our_own_name_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let make = |rel: &str, old: bool| {
            let path = root.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            let file = fs::File::create(&path).unwrap();
            if old {
                file.set_modified(hour_ago).unwrap();
            }
            path
        };
        let old_draft = make("_drafts/.tmp-a1b2.partial", true);
        let old_post = make("sam/.tmp-c3d4.partial", true);
        let young = make("sam/.tmp-e5f6.partial", false);
        let not_ours = make("sam/.tmp-notes.md", true);
        let hidden_folder = make(".git/.tmp-x.partial", true);
        let too_deep = make("a/b/c/d/.tmp-y.partial", true);
        let mut removed = remove_leftover_partials(root, 3, LEFTOVER_AGE);
        removed.sort();
        assert_eq!(removed, [old_draft, old_post]);
        for kept in [young, not_ours, hidden_folder, too_deep] {
            assert!(kept.exists(), "{} kept", kept.display());
        }
    }

    #[test]
    fn numbered_names_keep_the_extension() {
        let p = Path::new("a/b/name.md");
        assert_eq!(numbered_name(p, 1), PathBuf::from("a/b/name.md"));
        assert_eq!(numbered_name(p, 2), PathBuf::from("a/b/name-2.md"));
        assert_eq!(numbered_name(Path::new("x"), 3), PathBuf::from("x-3"));
    }

    #[test]
    fn replace_keeps_the_old_files_mode() {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("f.md");
            fs::write(&path, "old").unwrap();
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
            write_atomic(&path, b"new", Overwrite::Replace).unwrap();
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
            assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        }
    }

    #[test]
    fn a_stamp_tells_a_change_of_length_or_a_file_put_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("post.md");
        assert_eq!(FileStamp::of(&path), None);
        fs::write(&path, "first").unwrap();
        let first = FileStamp::of(&path).unwrap();
        assert_eq!(FileStamp::of(&path), Some(first));
        fs::write(&path, "longer text").unwrap();
        let longer = FileStamp::of(&path).unwrap();
        assert_ne!(longer, first);
        // Same length, saved as many editors do: a new file renamed over the old one
        // (its new inode tells it even within one tick of the file system's clock).
        write_atomic(&path, b"other text!", Overwrite::Replace).unwrap();
        assert_ne!(FileStamp::of(&path).unwrap(), longer);
    }
}
