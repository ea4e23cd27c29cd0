//! How review actions change the app. Every change to the review data is saved
//! at once (atomically, by the store); a change that cannot be saved is undone
//! and reported in one sentence.

use std::path::Path;

use super::{Popup, ReviewAction, ReviewState};
use crate::app::{App, Pane};
use crate::review::{Review, ReviewStatus, post_key};

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

    /// Gives the filter the posts' current review statuses.
    pub(crate) fn sync_review_statuses(&mut self) {
        let before = self.selected_index();
        let review = &self.review;
        if self.store.set_review_statuses(|post| review.status(post)) {
            self.list.follow(before, &self.store.visible);
            self.sync_reader();
        }
    }

    pub(crate) fn review_update(&mut self, action: ReviewAction) {
        match action {
            ReviewAction::Mark(status) => {
                if let Some(review) = self.change_review(|r| r.status = status) {
                    self.set_info(format!("marked {}", review.status));
                }
            }
            ReviewAction::MarkAndNext(status) => self.mark_and_next(status),
            ReviewAction::NextUnreviewed => self.go_to_next_unreviewed(),
            ReviewAction::EditNote => self.open_note(),
            ReviewAction::EditScore => self.open_score(),
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
            ReviewAction::SwitchFormat => {
                if let Some(Popup::Export { text, .. }) = &mut self.review.popup {
                    *text = super::export::switch_extension(text);
                }
            }
            ReviewAction::Yes => self.answer_yes(),
        }
    }

    /// Changes the selected post's review and saves it. `None` (with the reason in
    /// the status line) when nothing changed.
    fn change_review(&mut self, change: impl FnOnce(&mut Review)) -> Option<Review> {
        let path = self.selected_post()?.path.clone();
        self.change_review_of(&path, change)
    }

    pub(super) fn change_review_of(
        &mut self,
        path: &Path,
        change: impl FnOnce(&mut Review),
    ) -> Option<Review> {
        let Some(store) = self.review.store.as_mut() else {
            self.set_error("no review file is open, so reviews cannot be changed");
            return None;
        };
        let bytes = match std::fs::read(self.root.join(path)) {
            Ok(bytes) => bytes,
            Err(err) => {
                self.set_error(format!("cannot read {}: {err}", path.display()));
                return None;
            }
        };
        let before = store.clone();
        let outcome = store
            .update(&post_key(path), &bytes, change)
            .and_then(|review| store.save().map(|()| review));
        match outcome {
            Ok(review) => {
                self.review.forget(path);
                self.sync_review_statuses();
                Some(review)
            }
            Err(err) => {
                *store = before;
                let hint = if self.review.kept_copy.is_some() {
                    " (F starts a fresh review file)"
                } else {
                    ""
                };
                self.set_error(format!("{err}{hint}"));
                None
            }
        }
    }

    fn mark_and_next(&mut self, status: ReviewStatus) {
        let next = self.next_unreviewed();
        if self.change_review(|r| r.status = status).is_none() {
            return;
        }
        self.select_or_report(next);
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
        let Some(post) = self.selected_post() else {
            self.set_error("no post selected");
            return;
        };
        let rel = post.path.clone();
        match crate::review::toggle_published_file(&self.root.join(&rel)) {
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
