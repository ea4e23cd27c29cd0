//! The review experience in the app: the site's review store, what the list and
//! the reader show about each post's review, the popups (note, score, export, a
//! yes/no question) and the review session. The data itself lives in
//! [`crate::review`]; this module only holds the app's side of it.

mod export;
mod popups;
mod tags;
mod update;

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use ratatui_textarea::{TextArea, WrapMode};

use super::field::TextField;
use crate::post::Post;
use crate::review::seen::SeenPosts;
use crate::review::{ReviewError, ReviewStatus, ReviewStore, location, post_key};

/// One thing to do with reviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReviewAction {
    /// Set the selected post's status.
    Mark(ReviewStatus),
    /// Session: set the status and go to the next unreviewed post in the filter.
    MarkAndNext(ReviewStatus),
    /// Session: go to the next unreviewed post without marking.
    NextUnreviewed,
    /// Write the post's review note in a popup.
    EditNote,
    /// Give the post a score in a popup.
    EditScore,
    /// Add or remove `published: false` in the post's front matter.
    TogglePublished,
    /// Write the reviews as CSV or Markdown.
    Export,
    /// Replace an unreadable review file with a fresh one (asks first).
    StartFresh,
    /// Review the unreviewed posts in the list one after another.
    StartSession,
    /// Leave the review session.
    EndSession,
    /// Save the note or score, write the export.
    PopupConfirm,
    /// Close the review popup (asks first if a note would lose words).
    PopupCancel,
    /// Export popup: switch between CSV and Markdown.
    SwitchFormat,
    /// Tag or untag the selected post (then, in the list, go to the next one): marks,
    /// scores and unpublishing then apply to every tagged post at once.
    ToggleTag,
    /// Untag every post.
    ClearTags,
    /// Show what changed in the post since its review.
    ShowChanges,
}

impl ReviewAction {
    /// The action's name in the settings file.
    pub fn name(self) -> &'static str {
        use ReviewStatus as S;
        match self {
            Self::Mark(S::Reviewed) => "mark-reviewed",
            Self::Mark(S::NeedsRevision) => "mark-needs-revision",
            Self::Mark(S::Flagged) => "mark-flagged",
            Self::Mark(S::Unreviewed) => "mark-unreviewed",
            Self::MarkAndNext(S::Reviewed) => "reviewed-and-next",
            Self::MarkAndNext(S::NeedsRevision) => "needs-revision-and-next",
            Self::MarkAndNext(S::Flagged) => "flagged-and-next",
            Self::MarkAndNext(S::Unreviewed) => "unreviewed-and-next",
            Self::NextUnreviewed => "next-unreviewed",
            Self::EditNote => "edit-note",
            Self::EditScore => "edit-score",
            Self::TogglePublished => "toggle-published",
            Self::Export => "export-reviews",
            Self::StartFresh => "start-fresh-reviews",
            Self::StartSession => "start-session",
            Self::EndSession => "end-session",
            Self::PopupConfirm => "popup-save",
            Self::PopupCancel => "popup-cancel",
            Self::SwitchFormat => "switch-export-format",
            Self::ToggleTag => "toggle-tag",
            Self::ClearTags => "clear-tags",
            Self::ShowChanges => "show-changes",
        }
    }
}

pub use super::layers::Confirmed;

/// A review popup, on the layer stack while it is open.
#[derive(Debug)]
pub enum Popup {
    Note {
        post: PathBuf,
        text: Box<TextArea<'static>>,
        /// The note as it was opened, to tell whether closing would lose words.
        original: String,
    },
    /// The score of one post, or of every tagged post.
    Score {
        posts: Vec<PathBuf>,
        field: TextField,
    },
    Export {
        field: TextField,
        /// Only the posts the list shows (the filter, the review session), or all.
        shown_only: bool,
    },
}

/// How to open the review file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    /// Never written (the `snapshot` command on the default file).
    ReadOnly,
}

/// The app's review state.
#[derive(Debug, Default)]
pub struct ReviewState {
    /// False until the app opened (or tried to open) a review file: the list and
    /// the reader then show nothing about reviews (headless views of posts only).
    pub active: bool,
    /// `None` when no review file was opened (the app then only reads posts).
    pub store: Option<ReviewStore>,
    /// Why the store is read-only: the file could not be read (shown on screen).
    pub problem: Option<String>,
    /// The copy kept of an unreadable file; `Some` while starting fresh is possible.
    pub kept_copy: Option<PathBuf>,
    pub session: bool,
    /// The reviewed posts whose file changed since their review, checked when the
    /// posts load or change and when a review is saved, never while drawing.
    changed: HashSet<PathBuf>,
    /// What the last save found changed both here and elsewhere (one sentence), shown
    /// instead of the usual "saved" line.
    pub(crate) clash: Option<String>,
    /// The tagged posts (`t`), for this run only: marks, scores and unpublishing
    /// apply to all of them while any is tagged.
    pub tagged: BTreeSet<PathBuf>,
    /// What the folder held when the review file was last opened (before this run);
    /// `None` when that is not known: every post is then new.
    seen_before: Option<SeenPosts>,
    /// True once this run recorded what the folder holds, for the next run.
    seen_recorded: bool,
}

impl ReviewState {
    /// Opens the review file of the posts folder `root`: `explicit` (from
    /// `--review-file`) or the private default place. Returns the state and a
    /// sentence for the status line (a warning or why the file is read-only).
    pub fn open(root: &Path, explicit: Option<&Path>, access: Access) -> (Self, Option<String>) {
        let mut state = Self {
            active: true,
            ..Self::default()
        };
        let found = match location::resolve(root, explicit, None) {
            Ok(found) => found,
            Err(err) => {
                // No review file at all (say, the data folder would be inside the
                // site): the header keeps saying why.
                let sentence = format!("{err}; reviews are off");
                state.problem = Some(sentence.clone());
                return (state, Some(sentence));
            }
        };
        let opened = match access {
            Access::ReadWrite => ReviewStore::open(&found.path),
            Access::ReadOnly => ReviewStore::open_read_only(&found.path),
        };
        state.seen_before = SeenPosts::read_beside(&found.path);
        let message = match opened {
            Ok(store) => {
                state.store = Some(store);
                found.warning
            }
            Err(err) => {
                if let ReviewError::Corrupt { copy, .. } = &err {
                    state.kept_copy = Some(copy.clone());
                }
                let sentence = format!(
                    "{err}; reviews are read-only{}",
                    if state.kept_copy.is_some() {
                        " (F starts a fresh review file)"
                    } else {
                        ""
                    }
                );
                state.problem = Some(sentence.clone());
                state.store = ReviewStore::open_read_only(&found.path).ok();
                Some(sentence)
            }
        };
        (state, message)
    }

    pub fn status(&self, post: &Post) -> ReviewStatus {
        self.store
            .as_ref()
            .map(|store| store.status(&post_key(&post.path)))
            .unwrap_or_default()
    }

    /// True when `post` (with this [fingerprint](crate::review::seen::fingerprint))
    /// was added or changed since the review file was last opened.
    pub fn is_new(&self, post: &Post, fingerprint: u64) -> bool {
        self.active
            && self
                .seen_before
                .as_ref()
                .is_none_or(|seen| seen.is_new(&post_key(&post.path), fingerprint))
    }

    /// True when `post` was reviewed and its file changed since.
    pub fn changed_since_review(&self, post: &Post) -> bool {
        self.changed.contains(&post.path)
    }

    /// Checks `post` (a post under `root`) against the hash its review recorded. Only
    /// reviewed posts are read again.
    pub fn recheck(&mut self, root: &Path, post: &Post) {
        let key = post_key(&post.path);
        let changed = self.store.as_ref().is_some_and(|store| {
            store.status(&key) != ReviewStatus::Unreviewed
                && crate::fsutil::read_regular_file(
                    &root.join(&post.path),
                    crate::post::library::MAX_FILE_BYTES,
                )
                .is_ok_and(|bytes| store.changed_since_review(&key, &bytes))
        });
        if changed {
            self.changed.insert(post.path.clone());
        } else {
            self.changed.remove(&post.path);
        }
    }

    /// Forgets every check (the folder is loading again).
    pub fn forget_all(&mut self) {
        self.changed.clear();
    }
}

/// A note as the note popup shows and edits it: terminal-safe, its line ends plain,
/// its tabs kept (see [`crate::sanitize::sanitize_for_editing`]).
pub fn note_as_shown(note: &str) -> String {
    crate::sanitize::sanitize_for_editing(note).into_owned()
}

/// A note popup's text area, holding `note` as [`note_as_shown`] makes it.
pub fn note_area(note: &str) -> TextArea<'static> {
    let lines: Vec<String> = note_as_shown(note).lines().map(str::to_string).collect();
    let mut area = TextArea::new(lines);
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}
