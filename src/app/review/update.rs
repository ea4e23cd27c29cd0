//! How review actions change the app. Every change to the review data is saved
//! at once (atomically, by the store); a change that cannot be saved is undone
//! and reported in one sentence.
//!
//! The one exception: while another process (a second app, `review mark`) holds the
//! review file's lock, the app never waits for it. The change is kept in the store,
//! shown at once and queued; the run loop retries it ([`App::retry_pending_reviews`])
//! and makes one last bounded try at quit ([`App::flush_pending_reviews`]). The store
//! merges per post, so queued changes and the other process's never overwrite each
//! other's.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{ReviewAction, ReviewState};
use crate::app::{App, Pane};
use crate::plural::count_of;
use crate::review::{Review, ReviewError, ReviewStatus, post_key};

/// The status line when a change could not be saved yet; `what` is the change
/// (mark, note, score).
fn queued_sentence(what: &str) -> String {
    format!(
        "review file busy (another copy is saving); your {what} is queued and will be saved when it is free"
    )
}

impl App {
    /// Opens the review file for the app's folder (see [`ReviewState::open`]) and
    /// shows any warning or problem in the status line.
    pub fn open_reviews(&mut self, explicit: Option<&Path>, access: super::Access) {
        let (state, message) = ReviewState::open(&self.root, explicit, access);
        self.review = state;
        if let Some(message) = message {
            self.set_error(message);
        }
        self.sync_review_statuses();
    }

    /// The folder is loaded: records what it holds, beside the review file, for the
    /// next run's `is:new` (this run keeps comparing with what the last one recorded).
    /// Only once the review file exists: a site never reviewed gets no private files
    /// from merely being read (the first review saved records it then).
    pub(crate) fn record_seen_posts(&mut self) {
        let Some(store) = &self.review.store else {
            return;
        };
        if store.is_read_only() || !self.writes_allowed || !store.path().is_file() {
            return;
        }
        let mut seen = crate::review::seen::SeenPosts::default();
        for (post, fingerprint) in self.store.fingerprints() {
            seen.insert(post_key(&post.path), fingerprint);
        }
        // Only `is:new` of a later run depends on it: a failure is not worth a word now.
        self.review.seen_recorded = seen.write_beside(store.path()).is_ok();
    }

    /// Checks whether the posts at `indexes` changed since their review (reading
    /// the reviewed ones again), so that drawing only looks the answer up.
    pub(crate) fn recheck_reviews(&mut self, indexes: std::ops::Range<usize>) {
        if !self.review.active {
            return;
        }
        for post in &self.store.posts[indexes] {
            self.review.recheck(&self.root, post);
        }
    }

    /// Gives the filter the posts' current review statuses, and which are new.
    /// Takes the reviews another process saved since (a second copy of the app,
    /// `review mark`): the list's marks, the reader's header and an export show them.
    /// Before each key or click, so the key acts on them; a look at the file's stamp
    /// when nothing changed. True when a review changed.
    pub(crate) fn refresh_reviews(&mut self) -> bool {
        let Some(store) = self.review.store.as_mut() else {
            return false;
        };
        // An unreadable file is reported by the next save, which never overwrites it.
        if store.refresh().unwrap_or(false) {
            self.sync_review_statuses();
            return true;
        }
        false
    }

    pub(crate) fn sync_review_statuses(&mut self) {
        let before = self.selected_index();
        let review = &self.review;
        if self.store.set_review_marks(|post, fingerprint| {
            (review.status(post), review.is_new(post, fingerprint))
        }) {
            self.list.follow(before, &self.store.visible);
            self.sync_reader();
        }
    }

    pub(crate) fn review_update(&mut self, action: ReviewAction) {
        match action {
            ReviewAction::Mark(status) if !self.review.tagged.is_empty() => {
                let tagged = self.tagged_posts();
                if self
                    .change_reviews_of(&tagged, |r| r.status = status)
                    .is_some()
                {
                    let done = format!(
                        "marked {} {status}{}",
                        count_of(tagged.len(), "tagged post"),
                        self.hidden_note(&tagged)
                    );
                    self.report_review_change(&done, "mark");
                }
            }
            ReviewAction::Mark(status) => {
                if let Some(review) = self.change_review(|r| r.status = status) {
                    self.report_review_change(&format!("marked {}", review.status), "mark");
                }
            }
            ReviewAction::ToggleTag => self.toggle_tag(),
            ReviewAction::ShowChanges => self.show_changes(),
            ReviewAction::ClearTags => {
                let count = self.review.tagged.len();
                self.review.tagged.clear();
                self.set_info(match count {
                    0 => "no post is tagged".to_string(),
                    _ => format!("{} untagged", count_of(count, "post")),
                });
            }
            ReviewAction::MarkAndNext(status) => self.mark_and_next(status),
            ReviewAction::NextUnreviewed => self.go_to_next_unreviewed(),
            ReviewAction::EditNote => self.open_note(),
            ReviewAction::EditScore => self.open_score(),
            ReviewAction::TogglePublished if !self.review.tagged.is_empty() => {
                self.ask_set_published_of_tagged()
            }
            ReviewAction::TogglePublished => self.toggle_published(),
            ReviewAction::Export => self.open_export(),
            ReviewAction::StartFresh => self.ask_start_fresh(),
            ReviewAction::StartSession => self.start_session(),
            ReviewAction::EndSession => {
                self.review.session = false;
                self.focus = Pane::List;
            }
            ReviewAction::PopupConfirm => self.confirm_popup(),
            ReviewAction::PopupCancel => self.cancel_popup(),
            ReviewAction::SwitchFormat => self.switch_export_format(),
        }
    }

    /// Changes the selected post's review and saves it. `None` (with the reason in
    /// the status line) when nothing changed.
    fn change_review(&mut self, change: impl Fn(&mut Review)) -> Option<Review> {
        let path = self.selected_post()?.path.clone();
        self.change_review_of(&path, change)
    }

    pub(super) fn change_review_of(
        &mut self,
        path: &Path,
        change: impl Fn(&mut Review),
    ) -> Option<Review> {
        self.change_reviews_of(std::slice::from_ref(&path.to_path_buf()), change)
            .and_then(|mut reviews| reviews.pop())
    }

    /// Changes the reviews of the posts at `paths` alike and saves them in one write
    /// (the review file busy: queued). All or nothing: `None`, with the reason in the
    /// status line, when one cannot be changed.
    pub(super) fn change_reviews_of(
        &mut self,
        paths: &[PathBuf],
        change: impl Fn(&mut Review),
    ) -> Option<Vec<Review>> {
        let Some(store) = self.review.store.as_mut() else {
            self.set_error("no review file is open, so reviews cannot be changed");
            return None;
        };
        let before = store.clone();
        let mut reviews = Vec::with_capacity(paths.len());
        for path in paths {
            let read = crate::fsutil::read_regular_file(
                &self.root.join(path),
                crate::post::library::MAX_FILE_BYTES,
            );
            let updated = match read {
                Ok(bytes) => store.update(&post_key(path), &bytes, &change),
                Err(err) => {
                    *store = before;
                    self.set_error(format!("cannot read {}: {err}", path.display()));
                    return None;
                }
            };
            match updated {
                Ok(review) => reviews.push(review),
                Err(err) => {
                    *store = before;
                    self.set_review_error(err);
                    return None;
                }
            }
        }
        // Never waits for the lock: a busy file keeps the changes in the store, queued.
        let queued = match store.try_save() {
            Ok(()) => {
                let clashes = store.take_conflicts();
                self.review.clash = clashes.first().map(|first| match clashes.len() {
                    1 => first.clone(),
                    n => format!("{first} (and {} more)", n - 1),
                });
                false
            }
            Err(ReviewError::Busy { .. }) => true,
            Err(err) => {
                *store = before;
                self.set_review_error(err);
                return None;
            }
        };
        for path in paths {
            if let Some(index) = self.store.index_of_path(path) {
                self.recheck_reviews(index..index + 1);
            }
        }
        self.sync_review_statuses();
        if queued {
            self.set_info(queued_sentence("change"));
        } else if !self.review.seen_recorded && self.loading.is_none() {
            self.record_seen_posts();
        }
        Some(reviews)
    }

    /// A review change failed: the reason, and how to start afresh when the review
    /// file was unreadable.
    fn set_review_error(&mut self, err: ReviewError) {
        let hint = if self.review.kept_copy.is_some() {
            " (F starts a fresh review file)"
        } else {
            ""
        };
        self.set_error(format!("{err}{hint}"));
    }

    fn mark_and_next(&mut self, status: ReviewStatus) {
        let next = self.next_unreviewed();
        if self.change_review(|r| r.status = status).is_none() {
            return;
        }
        self.select_or_report(next);
        if let Some(clash) = self.review.clash.take() {
            self.set_error(clash);
        } else if next.is_some() && self.has_pending_reviews() {
            self.set_info(queued_sentence("mark"));
        }
    }

    /// Says in the status line that a review change is done (`done`, such as "note
    /// saved"), or, when the review file was busy, that the change (`what`: mark, note,
    /// score) is queued. For the callers of [`change_review_of`](Self::change_review_of).
    pub(super) fn report_review_change(&mut self, done: &str, what: &str) {
        if let Some(clash) = self.review.clash.take() {
            self.set_error(clash);
        } else if self.has_pending_reviews() {
            self.set_info(queued_sentence(what));
        } else {
            self.set_info(done);
        }
    }

    /// True while review changes wait for the review file (another process held its
    /// lock when they were made). The run loop then calls
    /// [`retry_pending_reviews`](Self::retry_pending_reviews) every so often.
    pub fn has_pending_reviews(&self) -> bool {
        self.review
            .store
            .as_ref()
            .is_some_and(crate::review::ReviewStore::has_unsaved_changes)
    }

    /// Tries once, without waiting, to save the review changes queued while the file
    /// was busy. True when the screen changed: they were saved (the status line says
    /// so, and the marks another process saved meanwhile show), or they cannot be
    /// saved at all (the file became unreadable, say): they are then undone, as a
    /// change that fails at once is, and the status line says why.
    pub fn retry_pending_reviews(&mut self) -> bool {
        let Some(store) = self.review.store.as_mut() else {
            return false;
        };
        if !store.has_unsaved_changes() {
            return false;
        }
        let count = store.unsaved_count();
        let outcome = store.try_save();
        let clashes = store.take_conflicts();
        let message = match outcome {
            Ok(()) if !clashes.is_empty() => Err(format!(
                "the review file is free again; {} saved, but {}",
                count_of(count, "queued review change"),
                clashes.join("; ")
            )),
            Ok(()) => Ok(format!(
                "the review file is free again; {} saved",
                count_of(count, "queued review change")
            )),
            Err(ReviewError::Busy { .. }) => return false,
            Err(err) => {
                store.discard_unsaved();
                // What happened to the user's changes first: the reason names paths
                // and may not fit the status line.
                Err(format!(
                    "{} could not be saved and {} undone: {err}",
                    count_of(count, "queued review change"),
                    if count == 1 { "was" } else { "were" }
                ))
            }
        };
        // The save merged what other processes saved: any post's status may differ.
        self.recheck_reviews(0..self.store.posts.len());
        self.sync_review_statuses();
        match message {
            Ok(text) => self.set_info(text),
            Err(text) => self.set_error(text),
        }
        true
    }

    /// At quit: saves the queued review changes, waiting at most `wait` for the review
    /// file to be free. `Err` is one sentence saying what was not saved and why.
    pub fn flush_pending_reviews(&mut self, wait: Duration) -> Result<(), String> {
        let Some(store) = self.review.store.as_mut() else {
            return Ok(());
        };
        if !store.has_unsaved_changes() {
            return Ok(());
        }
        let count = store.unsaved_count();
        let lost = count_of(count, "review change");
        let was = if count == 1 { "was" } else { "were" };
        store.save_waiting(wait).map_err(|err| match err {
            ReviewError::Busy { path } => format!(
                "{lost} made here {was} not saved: the review file {} is still locked by another meetup-reader (or review command)",
                path.display(),
            ),
            other => format!("{lost} made here {was} not saved: {other}"),
        })
    }

    /// `D`: what changed in the selected post since its review, from the text kept
    /// when the review last changed.
    fn show_changes(&mut self) {
        let Some(post) = self.selected_post() else {
            return self.set_error("no post selected");
        };
        let path = post.path.clone();
        let key = post_key(&path);
        let Some(store) = &self.review.store else {
            return self.set_error("no review file is open, so there is no review to compare with");
        };
        let Some(review) = store
            .get(&key)
            .filter(|r| r.status != ReviewStatus::Unreviewed)
        else {
            return self.set_info(format!("{} has not been reviewed yet", path.display()));
        };
        let now = match crate::fsutil::read_regular_file(
            &self.root.join(&path),
            crate::post::library::MAX_FILE_BYTES,
        ) {
            Ok(bytes) => bytes,
            Err(err) => return self.set_error(format!("cannot read {}: {err}", path.display())),
        };
        if !store.changed_since_review(&key, &now) {
            return self.set_info(format!(
                "{} has not changed since its review",
                path.display()
            ));
        }
        let Some(reviewed) = store.reviewed_text(&key) else {
            let when = review.updated.get(..10).unwrap_or("then");
            return self.set_error(format!(
                "{} changed since its review ({when}), but the text reviewed was not kept (a review older than this version, or a post over 1 MiB), so the changes cannot be shown",
                path.display()
            ));
        };
        let lines = crate::review::texts::changes(
            &String::from_utf8_lossy(&reviewed),
            &String::from_utf8_lossy(&now),
            3,
        );
        self.layers.push(crate::app::Layer::Changes {
            post: path,
            lines,
            scroll: 0,
        });
    }

    fn go_to_next_unreviewed(&mut self) {
        let next = self.next_unreviewed();
        self.select_or_report(next);
    }

    fn select_or_report(&mut self, next: Option<usize>) {
        match next {
            Some(post) => {
                self.list.select_post(post, &self.store.visible);
                self.sync_reader();
            }
            None => self.set_info(format!(
                "every post in this list is reviewed ({}) · esc leaves the session",
                self.session_progress()
            )),
        }
    }

    /// The next unreviewed post in the list after the selected one, wrapping round.
    fn next_unreviewed(&self) -> Option<usize> {
        let visible = &self.store.visible;
        let start = self.list.selected;
        (1..visible.len())
            .map(|step| visible[(start + step) % visible.len()])
            .find(|&post| self.review.status(&self.store.posts[post]) == ReviewStatus::Unreviewed)
    }

    /// The session's progress over the posts in the list (the current filter).
    pub fn session_progress(&self) -> crate::review::Progress {
        let mut progress = crate::review::Progress::default();
        for &post in &self.store.visible {
            progress.count(self.review.status(&self.store.posts[post]));
        }
        progress
    }

    fn start_session(&mut self) {
        if self.review.store.is_none() {
            self.set_error("no review file is open, so there is no review session");
            return;
        }
        if self.store.visible.is_empty() {
            self.set_error("no posts in the list to review");
            return;
        }
        self.review.session = true;
        self.focus = Pane::Reader;
        let current_unreviewed = self
            .selected_post()
            .is_some_and(|post| self.review.status(post) == ReviewStatus::Unreviewed);
        if !current_unreviewed {
            let next = self.next_unreviewed();
            self.select_or_report(next);
        }
    }

    fn toggle_published(&mut self) {
        if self.refuses_to_write("the post's `published` line") {
            return;
        }
        let Some(post) = self.selected_post() else {
            self.set_error("no post selected");
            return;
        };
        let rel = post.path.clone();
        match crate::review::toggle_published_file(&self.root.join(&rel), &self.root) {
            Ok(published) => {
                self.after_edit(&rel, Ok(()));
                let name = rel.display();
                self.set_info(if published {
                    format!("{name} is published again (published: false removed)")
                } else {
                    format!("{name} is unpublished (published: false)")
                });
            }
            Err(err) => self.set_error(err.to_string()),
        }
    }
}
