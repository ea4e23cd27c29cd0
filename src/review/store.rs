//! The review file of one site: loaded whole, changed in memory, saved atomically
//! with mode 0600. A file that cannot be parsed is never replaced behind the user's
//! back: opening it fails, naming the file and a copy kept beside it, and only the
//! caller's explicit choice (read-only or fresh) goes on.
//!
//! Saves are serialised by a lock file beside the review file. [`ReviewStore::save`]
//! waits for it; [`ReviewStore::try_save`] never waits (the app must not freeze while
//! another process saves) and [`ReviewStore::save_waiting`] waits a bounded time (the
//! `review mark` command). A save that found the file busy keeps its changes in the
//! store, unsaved: a later save writes them, merged per post like any other.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::ReviewError;
use super::model::{Progress, Review, ReviewStatus, content_hash, now_compact, now_rfc3339};
use super::texts::ReviewedTexts;
use crate::fsutil::{
    FileStamp, Overwrite, WriteError, create_private_folder, write_atomic_private,
};

/// The format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// How long [`ReviewStore::save_waiting`] sleeps between two tries of a busy lock.
const LOCK_RETRY: Duration = Duration::from_millis(20);

/// The lock file that serialises the saves of the review file at `path`: the file's
/// name with `.lock` added, beside it (`reviews.json` → `reviews.json.lock`).
pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    path.with_file_name(name)
}

/// Whether a save waits for the lock when another process holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LockWait {
    Block,
    Try,
}

/// The review file on disk.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewFile {
    version: u32,
    /// Keyed by [`super::post_key`].
    #[serde(default)]
    reviews: BTreeMap<String, Review>,
}

/// Only the version, read first so that a newer file is recognised as such.
#[derive(Deserialize)]
struct VersionOnly {
    version: u32,
}

/// A site's reviews.
#[derive(Debug, Clone)]
pub struct ReviewStore {
    path: PathBuf,
    reviews: BTreeMap<String, Review>,
    read_only: bool,
    /// Keys changed here since the last save: only these are written over what another
    /// process (the app and `review mark`, two terminals) may have saved meanwhile.
    /// Each holds its review as of the last save (or the opening), `None` when it had
    /// none, so that unsaved changes can be given up ([`Self::discard_unsaved`]).
    changed: BTreeMap<String, Option<Review>>,
    /// Started fresh over an unreadable file: the first save replaces it unread.
    replace_on_save: bool,
    /// What the last save found changed both here and elsewhere, one sentence each
    /// (see [`Self::take_conflicts`]).
    conflicts: Vec<String>,
    /// The text of each post as its review last changed (see [`Self::reviewed_text`]).
    texts: ReviewedTexts,
    /// The file's stamp when this process last read or wrote it: another process's
    /// save changes it (see [`Self::refresh`]).
    stamp: Option<FileStamp>,
}

impl ReviewStore {
    /// Opens the review file at `path` (a missing file is an empty store). A file
    /// that cannot be parsed is left untouched, copied to `<file>.corrupt-<time>`,
    /// and reported as [`ReviewError::Corrupt`].
    pub fn open(path: &Path) -> Result<Self, ReviewError> {
        // Before the read: a save meanwhile is read by the next refresh.
        let stamp = FileStamp::of(path);
        let reviews = read_reviews(path)?;
        Ok(Self {
            reviews,
            stamp,
            ..Self::empty(path)
        })
    }

    /// Takes what another process saved since this one last read or wrote the file (a
    /// second copy of the app, `review mark`), the changes made here and not saved yet
    /// staying over it. True when a review changed. Only a look at the file's stamp
    /// when it did not change; a file that cannot be read or parsed now is left to the
    /// next save to report, and the reviews stay as they were.
    pub fn refresh(&mut self) -> Result<bool, ReviewError> {
        if self.replace_on_save {
            return Ok(false);
        }
        let stamp = FileStamp::of(&self.path);
        if stamp == self.stamp {
            return Ok(false);
        }
        self.stamp = stamp;
        let mut reviews = read_reviews(&self.path)?;
        for key in self.changed.keys() {
            match self.reviews.get(key) {
                Some(review) => reviews.insert(key.clone(), review.clone()),
                None => reviews.remove(key),
            };
        }
        let changed = reviews != self.reviews;
        self.reviews = reviews;
        Ok(changed)
    }

    /// Like [`open`](Self::open), but refuses every change. When the file cannot be
    /// parsed, the store starts empty (a copy is kept as with `open`).
    pub fn open_read_only(path: &Path) -> Result<Self, ReviewError> {
        let mut store = match Self::open(path) {
            Ok(store) => store,
            Err(ReviewError::Corrupt { .. } | ReviewError::NewerVersion { .. }) => {
                Self::empty(path)
            }
            Err(other) => return Err(other),
        };
        store.read_only = true;
        Ok(store)
    }

    /// Like [`open`](Self::open), but when the file cannot be used, a copy of it is
    /// kept and the store starts empty and writable: the first save replaces the file.
    pub fn open_fresh_keeping_copy(path: &Path) -> Result<Self, ReviewError> {
        match Self::open(path) {
            Ok(store) => Ok(store),
            Err(ReviewError::Corrupt { .. }) => Ok(Self {
                replace_on_save: true,
                ..Self::empty(path)
            }),
            Err(ReviewError::NewerVersion { .. }) => {
                let bytes = read_review_file(path).map_err(|source| ReviewError::Io {
                    path: path.to_path_buf(),
                    source,
                })?;
                keep_copy(path, &bytes)?;
                Ok(Self {
                    replace_on_save: true,
                    ..Self::empty(path)
                })
            }
            Err(other) => Err(other),
        }
    }

    fn empty(path: &Path) -> Self {
        Self {
            path: path.to_path_buf(),
            reviews: BTreeMap::new(),
            read_only: false,
            changed: BTreeMap::new(),
            conflicts: Vec::new(),
            replace_on_save: false,
            texts: ReviewedTexts::beside(path),
            stamp: None,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn get(&self, key: &str) -> Option<&Review> {
        self.reviews.get(key)
    }

    pub fn status(&self, key: &str) -> ReviewStatus {
        self.get(key).map(|r| r.status).unwrap_or_default()
    }

    /// Every review, by key.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Review)> {
        self.reviews.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Changes the review of `key` in memory. `content` is the post's current bytes:
    /// the review now covers that content. Call [`save`](Self::save) to keep it.
    pub fn update(
        &mut self,
        key: &str,
        content: &[u8],
        change: impl FnOnce(&mut Review),
    ) -> Result<Review, ReviewError> {
        if self.read_only {
            return Err(ReviewError::ReadOnly {
                path: self.path.clone(),
            });
        }
        let mut review = self.reviews.get(key).cloned().unwrap_or_default();
        change(&mut review);
        if review.score.is_some_and(|s| !s.is_finite()) {
            return Err(ReviewError::InvalidScore(format!("{:?}", review.score)));
        }
        review.content_hash = content_hash(content);
        review.updated = now_rfc3339();
        if !self.changed.contains_key(key) {
            let saved = self.reviews.get(key).cloned();
            self.changed.insert(key.to_string(), saved);
        }
        // Kept so that a later change to the post can be shown; a text that cannot be
        // kept only means that diff cannot be shown, never a review not saved.
        if review.is_blank() {
            self.reviews.remove(key);
        } else {
            self.reviews.insert(key.to_string(), review.clone());
            let _ = self.texts.keep(key, &review.content_hash, content);
        }
        Ok(review)
    }

    /// Sets the status of `key`, keeping its score and note.
    pub fn set_status(
        &mut self,
        key: &str,
        content: &[u8],
        status: ReviewStatus,
    ) -> Result<Review, ReviewError> {
        self.update(key, content, |review| review.status = status)
    }

    /// The post's text as it was when its review last changed, when it was kept (not
    /// for a review made before texts were kept, a post too large, or one dropped to
    /// stay under the cap).
    pub fn reviewed_text(&self, key: &str) -> Option<Vec<u8>> {
        let review = self.get(key)?;
        self.texts.get(key, &review.content_hash)
    }

    /// True when `key` was reviewed and its content has changed since.
    pub fn changed_since_review(&self, key: &str, current: &[u8]) -> bool {
        self.get(key).is_some_and(|review| {
            review.status != ReviewStatus::Unreviewed
                && !review.content_hash.is_empty()
                && review.content_hash != content_hash(current)
        })
    }

    /// Progress over the posts with these keys.
    pub fn progress<'a>(&self, keys: impl IntoIterator<Item = &'a str>) -> Progress {
        let mut progress = Progress::default();
        for key in keys {
            progress.count(self.status(key));
        }
        progress
    }

    /// True when changes made here are not saved yet (a save found the file busy, or
    /// none was tried).
    pub fn has_unsaved_changes(&self) -> bool {
        !self.changed.is_empty()
    }

    /// How many posts' reviews were changed here and not saved yet.
    pub fn unsaved_count(&self) -> usize {
        self.changed.len()
    }

    /// Gives up the changes not saved yet: their reviews are back as they were at the
    /// last save (or the opening).
    pub fn discard_unsaved(&mut self) {
        for (key, saved) in std::mem::take(&mut self.changed) {
            match saved {
                Some(review) => self.reviews.insert(key, review),
                None => self.reviews.remove(&key),
            };
        }
    }

    /// Writes the store atomically, creating the folder (0700) and file (0600).
    ///
    /// Under an exclusive lock (a `.lock` file beside it, see [`lock_path`]), the file is
    /// read again and only the reviews changed here are written over it, so two processes
    /// saving the same site never lose each other's marks; the store then holds the merged
    /// reviews. Waits as long as another process holds the lock.
    pub fn save(&mut self) -> Result<(), ReviewError> {
        self.save_locked(LockWait::Block)
    }

    /// Like [`save`](Self::save), but never waits: when another process holds the lock
    /// it fails at once with [`ReviewError::Busy`], the changes kept in the store,
    /// unsaved ([`has_unsaved_changes`](Self::has_unsaved_changes)), for a later save.
    pub fn try_save(&mut self) -> Result<(), ReviewError> {
        self.save_locked(LockWait::Try)
    }

    /// Like [`try_save`](Self::try_save), trying again while the lock is busy, for at most
    /// `wait`; then [`ReviewError::Busy`], the changes kept unsaved.
    pub fn save_waiting(&mut self, wait: Duration) -> Result<(), ReviewError> {
        // `None`: a wait too long to tell from forever.
        let deadline = Instant::now().checked_add(wait);
        loop {
            match self.try_save() {
                Err(ReviewError::Busy { path }) => {
                    let left = deadline.map_or(LOCK_RETRY, |deadline| {
                        deadline.saturating_duration_since(Instant::now())
                    });
                    if left.is_zero() {
                        return Err(ReviewError::Busy { path });
                    }
                    std::thread::sleep(left.min(LOCK_RETRY));
                }
                done => return done,
            }
        }
    }

    fn save_locked(&mut self, wait: LockWait) -> Result<(), ReviewError> {
        if self.read_only {
            return Err(ReviewError::ReadOnly {
                path: self.path.clone(),
            });
        }
        let io_err = |source| ReviewError::Io {
            path: self.path.clone(),
            source,
        };
        if let Some(parent) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
            create_private_folder(parent).map_err(io_err)?;
        }
        let _lock = self.lock(wait)?;
        let mut merged = if self.replace_on_save {
            BTreeMap::new()
        } else {
            // A file another process damaged is reported, never overwritten.
            read_reviews(&self.path)?
        };
        let keys: Vec<&String> = if self.replace_on_save {
            self.reviews.keys().collect()
        } else {
            self.changed.keys().collect()
        };
        let mut conflicts = Vec::new();
        for key in keys {
            // Field by field: what this process changed goes over what is on disk now,
            // the rest (a flag or a note written meanwhile by `review mark`) stays.
            let base = self.changed.get(key).cloned().flatten();
            let result = if self.replace_on_save {
                self.reviews.get(key).cloned()
            } else {
                let (result, clashes) =
                    merge_review(base.as_ref(), self.reviews.get(key), merged.get(key));
                conflicts.extend(clashes.into_iter().map(|clash| format!("{key}: {clash}")));
                result
            };
            match result {
                Some(review) => merged.insert(key.clone(), review),
                None => merged.remove(key),
            };
        }
        let file = ReviewFile {
            version: FORMAT_VERSION,
            reviews: merged,
        };
        let mut json = serde_json::to_vec_pretty(&file).map_err(|e| io_err(io::Error::other(e)))?;
        json.push(b'\n');
        write_atomic_private(&self.path, &json, Overwrite::Replace)
            .map(drop)
            .map_err(|e| io_err(e.into_io()))?;
        // Still under the lock: no other save can come between the write and this.
        self.stamp = FileStamp::of(&self.path);
        self.reviews = file.reviews;
        self.changed.clear();
        self.replace_on_save = false;
        self.conflicts = conflicts;
        Ok(())
    }

    /// The fields the last save found changed both here and by another process since
    /// this one read them, as sentences ("posts/a.md: the note was also changed
    /// elsewhere; both are kept"). Taken once.
    pub fn take_conflicts(&mut self) -> Vec<String> {
        std::mem::take(&mut self.conflicts)
    }

    /// Takes the exclusive lock that serialises saves of this file (released on drop),
    /// waiting for it or not.
    fn lock(&self, wait: LockWait) -> Result<fs::File, ReviewError> {
        let io_err = |source| ReviewError::Io {
            path: self.path.clone(),
            source,
        };
        let mut options = fs::OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(lock_path(&self.path)).map_err(io_err)?;
        match wait {
            LockWait::Block => file.lock().map_err(io_err)?,
            LockWait::Try => match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(ReviewError::Busy {
                        path: self.path.clone(),
                    });
                }
                Err(fs::TryLockError::Error(source)) => return Err(io_err(source)),
            },
        }
        Ok(file)
    }
}

/// The review file's bytes: a regular file, at most [`crate::fsutil::caps::REVIEWS`]
/// (a larger one is refused rather than read in part and taken for damaged).
/// The reviews in the file at `path`: none when there is no file, an error naming it
/// when it cannot be read or parsed (see [`parse`]).
fn read_reviews(path: &Path) -> Result<BTreeMap<String, Review>, ReviewError> {
    match read_review_file(path) {
        Ok(bytes) => parse(path, &bytes),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(BTreeMap::new()),
        Err(source) => Err(ReviewError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

fn read_review_file(path: &Path) -> io::Result<Vec<u8>> {
    let cap = crate::fsutil::caps::REVIEWS;
    let bytes = crate::fsutil::read_regular_file(path, cap + 1)?;
    if bytes.len() as u64 > cap {
        return Err(io::Error::other(format!(
            "it is larger than {} MiB, far more than reviews take",
            cap / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

/// Merges one post's review: `base` is what this process last read, `mine` what it
/// holds now, `theirs` what the file holds now. A field this process changed is taken
/// from `mine`; any other from `theirs`. When both changed the same field differently:
/// a status or score takes mine and says what theirs was; a note keeps both texts.
/// Returns the review (`None`: nothing left to keep) and a sentence per such clash.
fn merge_review(
    base: Option<&Review>,
    mine: Option<&Review>,
    theirs: Option<&Review>,
) -> (Option<Review>, Vec<String>) {
    let blank = Review::default();
    let (base, mine, theirs) = (
        base.unwrap_or(&blank),
        mine.unwrap_or(&blank),
        theirs.unwrap_or(&blank),
    );
    let mut out = theirs.clone();
    let mut clashes = Vec::new();
    let mut changed_here = false;
    if mine.status != base.status {
        changed_here = true;
        if theirs.status != base.status && theirs.status != mine.status {
            clashes.push(format!(
                "the status was also changed elsewhere (to {}); yours ({}) is kept",
                theirs.status, mine.status
            ));
        }
        out.status = mine.status;
    }
    if mine.score != base.score {
        changed_here = true;
        if theirs.score != base.score && theirs.score != mine.score {
            let shown = |s: Option<f64>| s.map_or_else(|| "none".to_string(), |s| s.to_string());
            clashes.push(format!(
                "the score was also changed elsewhere (to {}); yours ({}) is kept",
                shown(theirs.score),
                shown(mine.score)
            ));
        }
        out.score = mine.score;
    }
    if mine.note != base.note {
        changed_here = true;
        if theirs.note != base.note && theirs.note != mine.note {
            clashes.push("the note was also changed elsewhere; both are kept, theirs first".into());
            out.note = format!("{}\n\n{}", theirs.note.trim_end(), mine.note);
        } else {
            out.note = mine.note.clone();
        }
    }
    // Reviewing again (the same mark) still covers the post as it is now.
    if changed_here || mine.content_hash != base.content_hash || mine.updated != base.updated {
        out.content_hash = mine.content_hash.clone();
        out.updated = mine.updated.clone();
    }
    ((!out.is_blank()).then_some(out), clashes)
}

fn parse(path: &Path, bytes: &[u8]) -> Result<BTreeMap<String, Review>, ReviewError> {
    let corrupt = |reason: String| -> ReviewError {
        match keep_copy(path, bytes) {
            Ok(copy) => ReviewError::Corrupt {
                path: path.to_path_buf(),
                copy,
                reason,
            },
            Err(err) => err,
        }
    };
    let version = serde_json::from_slice::<VersionOnly>(bytes)
        .map_err(|e| corrupt(e.to_string()))?
        .version;
    if version > FORMAT_VERSION {
        return Err(ReviewError::NewerVersion {
            path: path.to_path_buf(),
            version,
        });
    }
    let file: ReviewFile = serde_json::from_slice(bytes).map_err(|e| corrupt(e.to_string()))?;
    if let Some((key, _)) = file
        .reviews
        .iter()
        .find(|(_, r)| r.score.is_some_and(|s| !s.is_finite()))
    {
        return Err(corrupt(format!("the score of {key} is not a number")));
    }
    Ok(file.reviews)
}

/// Copies an unusable review file to `<file>.corrupt-<time>` (0600), unless an
/// identical copy is already there, and returns the copy's path.
fn keep_copy(path: &Path, bytes: &[u8]) -> Result<PathBuf, ReviewError> {
    let io_err = |source| ReviewError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "reviews".to_string());
    let prefix = format!("{file_name}.corrupt-");
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if let Ok(entries) = fs::read_dir(&folder) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(&prefix)
                && read_review_file(&entry.path()).is_ok_and(|b| b == bytes)
            {
                return Ok(path.with_file_name(entry.file_name()));
            }
        }
    }
    let stamp = now_compact();
    for attempt in 0..100 {
        let name = if attempt == 0 {
            format!("{prefix}{stamp}")
        } else {
            format!("{prefix}{stamp}-{attempt}")
        };
        let copy = path.with_file_name(name);
        match write_atomic_private(&copy, bytes, Overwrite::Refuse) {
            Ok(_) => return Ok(copy),
            Err(WriteError::Exists(_)) => continue,
            Err(err) => return Err(io_err(err.into_io())),
        }
    }
    Err(io_err(io::Error::other(
        "too many copies with the same time",
    )))
}
