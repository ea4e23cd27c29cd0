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
use super::lock::{Claim, DraftLock, Holder, claim};
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
///
/// A recovery file whose draft is open in another live copy of the app is that copy's
/// autosave, not a leftover: it is never offered (nor deleted) here.
pub fn find_recovery(draft: &Path) -> DraftResult<Option<Recovery>> {
    if super::lock::holder(draft).is_some() {
        return Ok(None);
    }
    let recovery = recovery_path(draft);
    let Some(bytes) = read_draft(&recovery)? else {
        return Ok(None);
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    if read_draft(draft).is_ok_and(|saved| saved.is_some_and(|saved| saved == text.as_bytes())) {
        remove_if_present(&recovery)?;
        return Ok(None);
    }
    Ok(Some(Recovery {
        draft: draft.to_path_buf(),
        recovery,
        text,
    }))
}

/// Every draft in `drafts_dir` with unsaved text left behind, by file name. A recovery
/// file that cannot be read (a FIFO or a device put there) does not hide the others:
/// the first such error comes back beside what was found.
pub fn find_recoveries(drafts_dir: &Path) -> (Vec<Recovery>, Option<DraftError>) {
    let Ok(entries) = fs::read_dir(drafts_dir) else {
        return (Vec::new(), None);
    };
    let mut drafts: Vec<PathBuf> = entries
        .flatten()
        .filter_map(|e| draft_of_recovery(&e.path()))
        .collect();
    drafts.sort();
    let mut found = Vec::new();
    let mut first_error = None;
    for draft in drafts {
        match find_recovery(&draft) {
            Ok(Some(recovery)) => found.push(recovery),
            Ok(None) => {}
            Err(err) => {
                first_error.get_or_insert(err);
            }
        }
    }
    (found, first_error)
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
/// Dropping it leaves any recovery file in place (that is the point of one) and
/// releases the draft's lock.
#[derive(Debug)]
pub struct DraftSession {
    path: PathBuf,
    saved_text: String,
    last_change: Option<Instant>,
    last_autosave: Option<Instant>,
    delay: Duration,
    /// The file as this session last read or wrote it: a save first checks that nobody
    /// changed it since.
    on_disk: OnDisk,
    ownership: Ownership,
    /// The file was written by the app on the draft's first change, never saved by
    /// the user since: discarding the changes removes it (see [`Self::remove_provisional`]).
    provisional: bool,
}

/// Whether this session may write the draft.
#[derive(Debug)]
enum Ownership {
    /// Not locked (tests, the signal handler's last autosave).
    Unlocked,
    Owner(#[allow(dead_code)] DraftLock),
    /// Another live copy of the app has the draft open: read-only here.
    ReadOnly(Holder),
}

impl DraftSession {
    /// A session on a draft whose saved text is `saved_text`, without taking its lock
    /// and without looking at the file.
    pub fn new(path: impl Into<PathBuf>, saved_text: impl Into<String>) -> Self {
        let saved_text = saved_text.into();
        Self {
            path: path.into(),
            on_disk: OnDisk::of(Some(saved_text.as_bytes())),
            saved_text,
            last_change: None,
            last_autosave: None,
            delay: AUTOSAVE_DELAY,
            ownership: Ownership::Unlocked,
            provisional: false,
        }
    }

    /// Opens a draft: takes its lock (or opens it read-only when another copy of the
    /// app has it), reads its saved text, and finds the unsaved text of an earlier
    /// session if one was left (the caller offers to restore or discard it).
    pub fn open(path: &Path) -> DraftResult<(Self, Option<Recovery>)> {
        let ownership = match claim(path)? {
            Claim::Owned(lock) => Ownership::Owner(lock),
            Claim::HeldBy(holder) => Ownership::ReadOnly(holder),
        };
        let bytes = read_draft(path)?.ok_or_else(|| DraftError::Read {
            path: path.to_path_buf(),
            source: io::ErrorKind::NotFound.into(),
        })?;
        let on_disk = OnDisk::of(Some(&bytes));
        let text = String::from_utf8(bytes).map_err(|_| DraftError::NotText(path.into()))?;
        // A recovery file that cannot be read is reported at start (see
        // `find_recoveries`); it must not keep the draft itself from opening.
        let recovery = match ownership {
            Ownership::ReadOnly(_) => None,
            _ => find_recovery(path).ok().flatten(),
        };
        let mut session = Self::new(path, text);
        session.on_disk = on_disk;
        session.ownership = ownership;
        Ok((session, recovery))
    }

    /// A session on a draft that is not on disk yet (a new draft, or unsaved text whose
    /// draft was never written): takes its lock, and `text` counts as saved until the
    /// first save writes the file. `None` when another copy of the app holds the name.
    pub fn claim_new(path: &Path, text: impl Into<String>) -> DraftResult<Option<Self>> {
        match claim(path)? {
            Claim::Owned(lock) => {
                let mut session = Self::new(path, text);
                session.on_disk = OnDisk::of(None);
                session.ownership = Ownership::Owner(lock);
                Ok(Some(session))
            }
            Claim::HeldBy(_) => Ok(None),
        }
    }

    /// A session that only shows a draft and never writes (a `snapshot`): no lock is
    /// taken and no recovery file looked for.
    pub fn open_detached(path: &Path) -> DraftResult<Self> {
        let bytes = read_draft(path)?.ok_or_else(|| DraftError::Read {
            path: path.to_path_buf(),
            source: io::ErrorKind::NotFound.into(),
        })?;
        let text = String::from_utf8(bytes).map_err(|_| DraftError::NotText(path.into()))?;
        Ok(Self::new(path, text))
    }

    /// True for a draft this session owns that has never been written to disk.
    pub fn is_unwritten(&self) -> bool {
        self.on_disk.0.is_none() && matches!(self.ownership, Ownership::Owner(_))
    }

    /// Who has the draft open when this session is read-only.
    pub fn held_by(&self) -> Option<&Holder> {
        match &self.ownership {
            Ownership::ReadOnly(holder) => Some(holder),
            _ => None,
        }
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
    /// recovery file when `text` is what is saved. A read-only session has none: the
    /// recovery file is its owner's.
    pub fn autosave(&mut self, text: &str, now: Instant) -> DraftResult<()> {
        if self.held_by().is_some() {
            return Ok(());
        }
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
    ///
    /// Refused when another copy of the app owns the draft
    /// ([`DraftError::OpenElsewhere`]) and when the file changed on disk since this
    /// session read or wrote it ([`DraftError::ChangedElsewhere`]): then the caller asks
    /// whose text to keep ([`Self::changed_on_disk`], [`Self::keep_mine`],
    /// [`Self::keep_theirs`]).
    pub fn save(&mut self, text: &str) -> DraftResult<()> {
        if let Some(holder) = self.held_by() {
            return Err(DraftError::OpenElsewhere {
                path: self.path.clone(),
                holder: holder.to_string(),
            });
        }
        if self.changed_on_disk()?.is_some() {
            return Err(DraftError::ChangedElsewhere(self.path.clone()));
        }
        self.write(text)
    }

    fn write(&mut self, text: &str) -> DraftResult<()> {
        // A draft that is a link is saved into its target only within its folder.
        let within = self.path.parent().unwrap_or(Path::new("."));
        let target = crate::fsutil::resolve_for_edit(&self.path, within).map_err(|source| {
            DraftError::Write(crate::fsutil::WriteError::Io {
                path: self.path.clone(),
                source,
            })
        })?;
        write_atomic(&target, text.as_bytes(), Overwrite::Replace)?;
        remove_if_present(&self.recovery_path())?;
        self.provisional = false;
        self.on_disk = OnDisk::of(Some(text.as_bytes()));
        self.saved_text = text.to_string();
        self.last_change = None;
        self.last_autosave = None;
        Ok(())
    }

    /// The draft as it is on disk now, when it is not what this session read or last
    /// wrote (another editor saved it, or removed it: `Some(None)`).
    pub fn changed_on_disk(&self) -> DraftResult<Option<Option<String>>> {
        let now = read_draft(&self.path)?;
        if OnDisk::of(now.as_deref()) == self.on_disk {
            return Ok(None);
        }
        Ok(Some(
            now.map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
        ))
    }

    /// The save just made was the app's own, on a new draft's first change (so that a
    /// touched draft is in `_drafts` at once): the user has not saved it yet.
    pub fn mark_provisional(&mut self) {
        self.provisional = true;
    }

    /// Removes a draft the app wrote on its first change and the user never saved
    /// (the changes are being discarded): nothing of it is left, not even a draft
    /// titled with the first letter typed. The file is left when it is not as written
    /// here (changed by someone else since). True when it was removed.
    pub fn remove_provisional(&mut self) -> DraftResult<bool> {
        if !self.provisional || self.held_by().is_some() || self.changed_on_disk()?.is_some() {
            return Ok(false);
        }
        remove_if_present(&self.path)?;
        remove_if_present(&self.recovery_path())?;
        self.provisional = false;
        self.on_disk = OnDisk::of(None);
        Ok(true)
    }

    /// Saves `text` over a draft changed elsewhere, first keeping the other version as
    /// `NAME.conflict-<time>.md` beside it. Returns where the other version went, if
    /// there was one.
    pub fn keep_mine(&mut self, text: &str) -> DraftResult<Option<PathBuf>> {
        let kept = match self.changed_on_disk()? {
            Some(Some(theirs)) => Some(write_atomic(
                &conflict_path(&self.path),
                theirs.as_bytes(),
                Overwrite::NextFreeName,
            )?),
            _ => None,
        };
        self.write(text)?;
        Ok(kept)
    }

    /// Takes the draft as it is on disk now as the saved text, dropping this session's
    /// unsaved changes; returns that text (`None` when the file is gone).
    pub fn keep_theirs(&mut self) -> DraftResult<Option<String>> {
        let now = read_draft(&self.path)?;
        self.on_disk = OnDisk::of(now.as_deref());
        let text = now.map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
        self.saved_text = text.clone().unwrap_or_default();
        self.last_change = None;
        remove_if_present(&self.recovery_path())?;
        Ok(text)
    }
}

/// Deletes a draft and its recovery file; refused while another copy of the app has
/// it open (its lock is taken for the time of the deletion).
pub fn delete_draft(draft: &Path) -> DraftResult<()> {
    let _lock = match claim(draft)? {
        Claim::Owned(lock) => lock,
        Claim::HeldBy(holder) => {
            return Err(DraftError::OpenElsewhere {
                path: draft.to_path_buf(),
                holder: holder.to_string(),
            });
        }
    };
    remove_if_present(draft)?;
    remove_if_present(&recovery_path(draft))
}

/// What a draft file was, to tell whether someone else changed it: its size and a hash
/// of its bytes (`None`: no file).
#[derive(Debug, Clone, PartialEq, Eq)]
struct OnDisk(Option<(usize, [u8; 32])>);

impl OnDisk {
    fn of(bytes: Option<&[u8]>) -> Self {
        use sha2::{Digest, Sha256};
        Self(bytes.map(|b| (b.len(), Sha256::digest(b).into())))
    }
}

/// The largest draft read: far beyond any reflection, small enough never to flood.
pub const MAX_DRAFT_BYTES: u64 = crate::fsutil::caps::POST;

/// The draft's bytes, or `None` when there is no such file; a draft that is not a
/// regular file (a FIFO, a device) is refused rather than read.
fn read_draft(path: &Path) -> DraftResult<Option<Vec<u8>>> {
    crate::fsutil::read_if_present(path, MAX_DRAFT_BYTES).map_err(|source| DraftError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Where "keep mine" puts the other version: `dir/name.conflict-20261130T181500Z.md`.
pub fn conflict_path(draft: &Path) -> PathBuf {
    let stem = draft
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stamp = crate::review::model::now_compact();
    draft.with_file_name(format!("{stem}.conflict-{stamp}.md"))
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
