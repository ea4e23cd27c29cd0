//! Autosave and crash recovery for a draft being edited.
//!
//! The draft file changes only when the user saves. Between saves, an autosave writes
//! the text to a *recovery file* beside the draft, `<drafts>/.<name>.md.autosave`; a
//! clean save writes the draft and deletes it. So a recovery file found at start-up
//! means the last session ended without saving (a crash, `kill -9`, a lost terminal),
//! and holds the newest text.
//!
//! Why beside the draft rather than in the user's data folder: the rename that makes a
//! write atomic only works within one file system, the file is found from the draft's
//! path alone (no registry to get out of step), and it moves with the site. It is
//! hidden, so the post loader and Jekyll both skip it. (Not `.swp`: vim would take it
//! for its own swap file.)
//!
//! Timing is a pure function of timestamps ([`autosave_due`]), so the editor's loop can
//! compute its poll timeout from [`DraftSession::next_autosave`] and tests need no sleep.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::error::{DraftError, DraftResult};
use crate::fsutil::{Overwrite, write_atomic, write_atomic_private};

/// How long after the last change an autosave happens.
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(3);

/// The suffix of recovery files.
pub const RECOVERY_SUFFIX: &str = ".autosave";

/// The recovery file of a draft: `dir/name.md` -> `dir/.name.md.autosave`.
pub fn recovery_path(draft: &Path) -> PathBuf {
    let name = draft
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    draft.with_file_name(format!(".{name}{RECOVERY_SUFFIX}"))
}

/// The draft a recovery file belongs to, if `path` is named like one.
pub fn draft_of_recovery(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let draft = name.strip_prefix('.')?.strip_suffix(RECOVERY_SUFFIX)?;
    (!draft.is_empty()).then(|| path.with_file_name(draft))
}

/// Whether an autosave is due at `now`: there is a change newer than the last
/// autosave, and `delay` has passed since it (so typing does not write on every key).
pub fn autosave_due(
    last_change: Option<Instant>,
    last_autosave: Option<Instant>,
    now: Instant,
    delay: Duration,
) -> bool {
    match last_change {
        None => false,
        Some(changed) => {
            last_autosave.is_none_or(|saved| saved < changed)
                && now.saturating_duration_since(changed) >= delay
        }
    }
}

/// Unsaved text left behind by an earlier session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    pub draft: PathBuf,
    pub recovery: PathBuf,
    pub text: String,
}

impl Recovery {
    /// Makes the recovered text the draft (atomically) and deletes the recovery file.
    pub fn restore(self) -> DraftResult<PathBuf> {
        write_atomic(&self.draft, self.text.as_bytes(), Overwrite::Replace)?;
        remove_if_present(&self.recovery)?;
        Ok(self.draft)
    }

    /// Throws the recovered text away.
    pub fn discard(self) -> DraftResult<()> {
        remove_if_present(&self.recovery)
    }
}

/// The unsaved text of `draft`'s last session, if it left any that differs from the
/// draft. A recovery file identical to the draft is stale and is deleted.
pub fn find_recovery(draft: &Path) -> DraftResult<Option<Recovery>> {
    let recovery = recovery_path(draft);
    let text = match fs::read(&recovery) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(DraftError::Read {
                path: recovery,
                source,
            });
        }
    };
    if fs::read(draft).is_ok_and(|saved| saved == text.as_bytes()) {
        remove_if_present(&recovery)?;
        return Ok(None);
    }
    Ok(Some(Recovery {
        draft: draft.to_path_buf(),
        recovery,
        text,
    }))
}

/// Every draft in `drafts_dir` with unsaved text left behind, by file name.
pub fn find_recoveries(drafts_dir: &Path) -> DraftResult<Vec<Recovery>> {
    let Ok(entries) = fs::read_dir(drafts_dir) else {
        return Ok(Vec::new());
    };
    let mut drafts: Vec<PathBuf> = entries
        .flatten()
        .filter_map(|e| draft_of_recovery(&e.path()))
        .collect();
    drafts.sort();
    let mut found = Vec::new();
    for draft in drafts {
        if let Some(recovery) = find_recovery(&draft)? {
            found.push(recovery);
        }
    }
    Ok(found)
}

fn remove_if_present(path: &Path) -> DraftResult<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(DraftError::Remove {
            path: path.to_path_buf(),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// One draft open for editing: what is saved, when it last changed, and its autosaves.
/// Dropping it leaves any recovery file in place (that is the point of one).
#[derive(Debug)]
pub struct DraftSession {
    path: PathBuf,
    saved_text: String,
    last_change: Option<Instant>,
    last_autosave: Option<Instant>,
    delay: Duration,
}

impl DraftSession {
    /// A session on a draft whose saved text is `saved_text`.
    pub fn new(path: impl Into<PathBuf>, saved_text: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            saved_text: saved_text.into(),
            last_change: None,
            last_autosave: None,
            delay: AUTOSAVE_DELAY,
        }
    }

    /// Opens a draft: its saved text, and the unsaved text of an earlier session if one
    /// was left (the caller offers to restore or discard it).
    pub fn open(path: &Path) -> DraftResult<(Self, Option<Recovery>)> {
        let bytes = fs::read(path).map_err(|source| DraftError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let text = String::from_utf8(bytes).map_err(|_| DraftError::NotText(path.into()))?;
        let recovery = find_recovery(path)?;
        Ok((Self::new(path, text), recovery))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The text as last saved.
    pub fn saved_text(&self) -> &str {
        &self.saved_text
    }

    pub fn recovery_path(&self) -> PathBuf {
        recovery_path(&self.path)
    }

    /// Takes `text` as what is saved, for telling changes from the text as first shown
    /// (which may differ from the file in form only). The file is not written.
    pub fn treat_as_saved(&mut self, text: impl Into<String>) {
        self.saved_text = text.into();
    }

    /// Whether `text` differs from what is saved.
    pub fn is_dirty(&self, text: &str) -> bool {
        text != self.saved_text
    }

    /// Records that the text changed at `now`.
    pub fn note_change(&mut self, now: Instant) {
        self.last_change = Some(now);
    }

    /// Whether an autosave is due at `now` (see [`autosave_due`]).
    pub fn autosave_due(&self, now: Instant) -> bool {
        autosave_due(self.last_change, self.last_autosave, now, self.delay)
    }

    /// When the next autosave falls due, for the event loop's poll timeout.
    pub fn next_autosave(&self) -> Option<Instant> {
        let changed = self.last_change?;
        self.last_autosave
            .is_none_or(|saved| saved < changed)
            .then(|| changed + self.delay)
    }

    /// Writes `text` to the recovery file (atomically, owner-only), or removes the
    /// recovery file when `text` is what is saved.
    pub fn autosave(&mut self, text: &str, now: Instant) -> DraftResult<()> {
        let written = if self.is_dirty(text) {
            write_atomic_private(&self.recovery_path(), text.as_bytes(), Overwrite::Replace)
                .map(|_| ())
                .map_err(DraftError::from)
        } else {
            remove_if_present(&self.recovery_path())
        };
        // Recorded even when it failed: the next change tries again, instead of every
        // turn of the event loop trying at once.
        self.last_autosave = Some(now);
        written
    }

    /// Saves `text` as the draft (atomically), then discards the recovery file.
    pub fn save(&mut self, text: &str) -> DraftResult<()> {
        write_atomic(&self.path, text.as_bytes(), Overwrite::Replace)?;
        remove_if_present(&self.recovery_path())?;
        self.saved_text = text.to_string();
        self.last_change = None;
        self.last_autosave = None;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_names_round_trip() {
        let draft = Path::new("/site/_drafts/my-post.md");
        let rec = recovery_path(draft);
        assert_eq!(rec, Path::new("/site/_drafts/.my-post.md.autosave"));
        assert_eq!(draft_of_recovery(&rec).as_deref(), Some(draft));
        assert_eq!(draft_of_recovery(Path::new("/x/.autosave")), None);
        assert_eq!(draft_of_recovery(Path::new("/x/a.md")), None);
    }

    #[test]
    fn autosave_waits_for_a_pause_in_typing() {
        let t0 = Instant::now();
        let s = |n: u64| t0 + Duration::from_secs(n);
        let d = Duration::from_secs(3);
        assert!(!autosave_due(None, None, s(10), d));
        assert!(!autosave_due(Some(s(1)), None, s(2), d));
        assert!(autosave_due(Some(s(1)), None, s(4), d));
        assert!(
            !autosave_due(Some(s(1)), Some(s(4)), s(9), d),
            "already autosaved"
        );
        assert!(
            autosave_due(Some(s(5)), Some(s(4)), s(8), d),
            "changed since"
        );
    }

    #[test]
    fn session_tracks_the_next_deadline() {
        let t0 = Instant::now();
        let mut session = DraftSession::new("/nowhere/x.md", "saved");
        assert_eq!(session.next_autosave(), None);
        session.note_change(t0);
        assert_eq!(session.next_autosave(), Some(t0 + AUTOSAVE_DELAY));
        assert!(!session.autosave_due(t0 + Duration::from_secs(1)));
        assert!(session.autosave_due(t0 + AUTOSAVE_DELAY));
        assert!(session.is_dirty("changed"));
        assert!(!session.is_dirty("saved"));
    }
}
