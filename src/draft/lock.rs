//! One owner per draft: a copy of the app that opens a draft for editing holds a lock
//! beside it, so a second copy (a common habit: one to read, one to write) opens it
//! read-only instead of overwriting the first one's work.
//!
//! The lock file, `<drafts>/.<name>.md.lock` (hidden, 0600), holds the owner's process
//! id and host name for the message the second copy shows. Ownership itself is an
//! advisory `flock` on that file, held for as long as the draft is open: the kernel
//! releases it when the owner dies, however it dies, so a lock left by `kill -9` is
//! never mistaken for a live one and is simply taken over.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use super::error::{DraftError, DraftResult};

/// The suffix of lock files.
pub const LOCK_SUFFIX: &str = ".lock";

/// The most of a lock file read for its owner's name: it holds one short line.
const MAX_LOCK_BYTES: u64 = 512;

/// The lock file of a draft: `dir/name.md` -> `dir/.name.md.lock`.
pub fn lock_path(draft: &Path) -> PathBuf {
    let name = draft
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    draft.with_file_name(format!(".{name}{LOCK_SUFFIX}"))
}

/// Who has a draft open for editing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
}

impl fmt::Display for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host.is_empty() || self.host == host_name() {
            write!(f, "another meetup-reader (process {})", self.pid)
        } else {
            write!(
                f,
                "another meetup-reader (process {} on {})",
                self.pid, self.host
            )
        }
    }
}

/// The lock on one draft, held until dropped; dropping it removes the lock file.
#[derive(Debug)]
pub struct DraftLock {
    path: PathBuf,
    file: File,
}

impl Drop for DraftLock {
    fn drop(&mut self) {
        // Removed while still locked, so no other copy can lock the file being removed.
        if same_file(&self.file, &self.path) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// What opening a draft for editing found.
#[derive(Debug)]
pub enum Claim {
    /// This process owns the draft now.
    Owned(DraftLock),
    /// Another live process has it open.
    HeldBy(Holder),
}

/// Takes the lock on `draft`, unless another live process holds it.
pub fn claim(draft: &Path) -> DraftResult<Claim> {
    let path = lock_path(draft);
    let io_err = |source| DraftError::Read {
        path: path.clone(),
        source,
    };
    // A lock file removed by its owner between our open and our lock is not the lock
    // any more: try again with the file now at the path.
    for _ in 0..8 {
        let mut file = open_lock_file(&path, true).map_err(io_err)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                return Ok(Claim::HeldBy(read_holder(&mut file)));
            }
            Err(fs::TryLockError::Error(source)) => return Err(io_err(source)),
        }
        if !same_file(&file, &path) {
            continue;
        }
        let line = format!("{} {}\n", std::process::id(), host_name());
        file.set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(line.as_bytes()))
            .map_err(io_err)?;
        return Ok(Claim::Owned(DraftLock { path, file }));
    }
    Err(io_err(io::Error::other(
        "its lock file keeps being replaced by another process",
    )))
}

/// The live process other than this one that has `draft` open, if any.
pub fn holder(draft: &Path) -> Option<Holder> {
    let mut file = open_lock_file(&lock_path(draft), false).ok()?;
    match file.try_lock_shared() {
        // Nobody holds it: the lock is released when `file` is dropped.
        Ok(()) => None,
        Err(fs::TryLockError::WouldBlock) => {
            let holder = read_holder(&mut file);
            (holder.pid != std::process::id()).then_some(holder)
        }
        Err(fs::TryLockError::Error(_)) => None,
    }
}

/// Opens the lock file without following a symbolic link and without blocking on a
/// FIFO put in its place; anything but a regular file is refused.
fn open_lock_file(path: &Path, create: bool) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    if create {
        options.write(true).create(true).truncate(false);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::other(format!(
            "{} is not a regular file",
            path.display()
        )));
    }
    Ok(file)
}

fn read_holder(file: &mut File) -> Holder {
    let mut text = String::new();
    let _ = file.rewind();
    let _ = file.take(MAX_LOCK_BYTES).read_to_string(&mut text);
    let mut words = text.split_whitespace();
    let pid = words.next().and_then(|w| w.parse().ok()).unwrap_or(0);
    let host = words.next().unwrap_or_default().chars().take(64).collect();
    Holder { pid, host }
}

/// Whether the open `file` is the one now at `path`.
fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::symlink_metadata(path)) {
            (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// This machine's name, for telling a copy on another machine (a shared home folder)
/// from one here.
pub fn host_name() -> String {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: the buffer is valid for its length; gethostname writes at most that.
        let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
        if rc == 0 {
            let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            let name = String::from_utf8_lossy(&buf[..end]);
            return crate::sanitize::sanitize_line(&name).into_owned();
        }
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_owner_at_a_time_and_the_lock_goes_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("a.md");
        let Claim::Owned(lock) = claim(&draft).unwrap() else {
            panic!("a free draft is claimed");
        };
        assert!(lock_path(&draft).exists());
        // Another open file description conflicts even within one process, as another
        // process would: the second claim sees the first owner.
        match claim(&draft).unwrap() {
            Claim::HeldBy(holder) => assert_eq!(holder.pid, std::process::id()),
            Claim::Owned(_) => panic!("two owners"),
        }
        // `holder` does not report this very process.
        assert_eq!(holder(&draft), None);
        drop(lock);
        assert!(!lock_path(&draft).exists());
        assert!(matches!(claim(&draft).unwrap(), Claim::Owned(_)));
    }

    #[test]
    fn a_lock_file_left_by_a_dead_process_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("a.md");
        fs::write(lock_path(&draft), "999999 elsewhere\n").unwrap();
        assert_eq!(holder(&draft), None);
        assert!(matches!(claim(&draft).unwrap(), Claim::Owned(_)));
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_that_is_a_link_or_a_fifo_is_refused_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("a.md");
        let target = dir.path().join("elsewhere");
        fs::write(&target, "keep me").unwrap();
        std::os::unix::fs::symlink(&target, lock_path(&draft)).unwrap();
        assert!(claim(&draft).is_err());
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep me");

        let fifo_draft = dir.path().join("b.md");
        let fifo = std::ffi::CString::new(
            lock_path(&fifo_draft)
                .as_os_str()
                .as_encoded_bytes()
                .to_vec(),
        )
        .unwrap();
        // SAFETY: a valid C string naming a path in a temporary folder.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        assert!(claim(&fifo_draft).is_err(), "a FIFO never blocks the claim");
    }
}
