//! The review file of one site: loaded whole, changed in memory, saved atomically
//! with mode 0600. A file that cannot be parsed is never replaced behind the user's
//! back: opening it fails, naming the file and a copy kept beside it, and only the
//! caller's explicit choice (read-only or fresh) goes on.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::ReviewError;
use super::model::{Progress, Review, ReviewStatus, content_hash, now_compact, now_rfc3339};
use crate::fsutil::{Overwrite, WriteError, create_private_folder, write_atomic_private};

/// The format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

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
    changed: BTreeSet<String>,
    /// Started fresh over an unreadable file: the first save replaces it unread.
    replace_on_save: bool,
}

impl ReviewStore {
    /// Opens the review file at `path` (a missing file is an empty store). A file
    /// that cannot be parsed is left untouched, copied to `<file>.corrupt-<time>`,
    /// and reported as [`ReviewError::Corrupt`].
    pub fn open(path: &Path) -> Result<Self, ReviewError> {
        let reviews = match fs::read(path) {
            Ok(bytes) => parse(path, &bytes)?,
            Err(err) if err.kind() == io::ErrorKind::NotFound => BTreeMap::new(),
            Err(source) => {
                return Err(ReviewError::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        Ok(Self {
            reviews,
            ..Self::empty(path)
        })
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
                let bytes = fs::read(path).map_err(|source| ReviewError::Io {
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
            changed: BTreeSet::new(),
            replace_on_save: false,
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
        self.changed.insert(key.to_string());
        if review.is_blank() {
            self.reviews.remove(key);
        } else {
            self.reviews.insert(key.to_string(), review.clone());
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

    /// Writes the store atomically, creating the folder (0700) and file (0600).
    ///
    /// Under an exclusive lock (a `.lock` file beside it), the file is read again and only
    /// the reviews changed here are written over it, so two processes saving the same site
    /// never lose each other's marks; the store then holds the merged reviews.
    pub fn save(&mut self) -> Result<(), ReviewError> {
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
        let _lock = self.lock().map_err(io_err)?;
        let mut merged = if self.replace_on_save {
            BTreeMap::new()
        } else {
            match fs::read(&self.path) {
                // A file another process damaged is reported, never overwritten.
                Ok(bytes) => parse(&self.path, &bytes)?,
                Err(err) if err.kind() == io::ErrorKind::NotFound => BTreeMap::new(),
                Err(source) => return Err(io_err(source)),
            }
        };
        let keys: Vec<&String> = if self.replace_on_save {
            self.reviews.keys().collect()
        } else {
            self.changed.iter().collect()
        };
        for key in keys {
            match self.reviews.get(key) {
                Some(review) => merged.insert(key.clone(), review.clone()),
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
        self.reviews = file.reviews;
        self.changed.clear();
        self.replace_on_save = false;
        Ok(())
    }

    /// Takes the exclusive lock that serialises saves of this file (released on drop).
    fn lock(&self) -> io::Result<fs::File> {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(".lock");
        let mut options = fs::OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(self.path.with_file_name(name))?;
        file.lock()?;
        Ok(file)
    }
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
            if name.starts_with(&prefix) && fs::read(entry.path()).is_ok_and(|b| b == bytes) {
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
