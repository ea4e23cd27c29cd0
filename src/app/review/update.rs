//! How review actions change the app. Every change to the review data is saved
//! at once (atomically, by the store); a change that cannot be saved is undone
//! and reported in one sentence.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Confirmed, Popup, ReviewAction, ReviewState, note_area};
use crate::app::{App, Pane};
use crate::fsutil::{Overwrite, WriteError, write_atomic_private};
use crate::post::Library;
use crate::review::export::{ExportFormat, render, rows};
use crate::review::location::{canonical_ish, risky_place_warning, site_root};
use crate::review::{Review, ReviewStatus, ReviewStore, parse_score, post_key};

/// Characters a score may contain; anything else is refused as it is typed.
const SCORE_CHARS: &str = "0123456789.-+";

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
                    *text = switch_extension(text);
                }
            }
            ReviewAction::Yes => self.answer_yes(),
        }
    }

    /// A key no binding took while a popup is open: typed into it.
    pub(crate) fn review_key(&mut self, key: &KeyEvent) {
        match &mut self.review.popup {
            Some(Popup::Note { text, .. }) => {
                text.input(*key);
            }
            Some(Popup::Score { text, error, .. } | Popup::Export { text, error }) => {
                match key.code {
                    KeyCode::Backspace => {
                        text.pop();
                        *error = None;
                    }
                    KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                        text.push(c);
                        *error = None;
                    }
                    _ => {}
                }
            }
            Some(Popup::Confirm { .. }) | None => {}
        }
        // A score takes numbers only: say so at once instead of at Enter.
        if let Some(Popup::Score { text, error, .. }) = &mut self.review.popup
            && let Some(bad) = text.chars().find(|c| !SCORE_CHARS.contains(*c))
        {
            text.retain(|c| SCORE_CHARS.contains(c));
            *error = Some(format!(
                "`{bad}` cannot be part of a score; type a number such as 8 or 8.5"
            ));
        }
    }

    /// Changes the selected post's review and saves it. `None` (with the reason in
    /// the status line) when nothing changed.
    fn change_review(&mut self, change: impl FnOnce(&mut Review)) -> Option<Review> {
        let path = self.selected_post()?.path.clone();
        self.change_review_of(&path, change)
    }

    fn change_review_of(
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

    /// Why the review of the selected post cannot change now, said before the user
    /// types a note or score that could not be saved.
    fn cannot_change(&mut self) -> bool {
        let why = match &self.review.store {
            None => "no review file is open, so reviews cannot be changed".to_string(),
            Some(store) if store.is_read_only() => {
                let hint = if self.review.kept_copy.is_some() {
                    " (F starts a fresh review file)"
                } else {
                    ""
                };
                format!(
                    "the review file {} is open read-only, so reviews cannot be changed{hint}",
                    store.path().display()
                )
            }
            Some(_) if self.selected_post().is_none() => "no post selected".to_string(),
            Some(_) => return false,
        };
        self.set_error(why);
        true
    }

    fn open_note(&mut self) {
        if self.cannot_change() {
            return;
        }
        let Some(post) = self.selected_post() else {
            return;
        };
        let path = post.path.clone();
        let note = self
            .review
            .store
            .as_ref()
            .and_then(|store| store.get(&post_key(&path)))
            .map(|review| review.note.clone())
            .unwrap_or_default();
        self.review.popup = Some(Popup::Note {
            post: path,
            text: Box::new(note_area(&note)),
            original: note,
        });
    }

    fn open_score(&mut self) {
        if self.cannot_change() {
            return;
        }
        let Some(post) = self.selected_post() else {
            return;
        };
        let path = post.path.clone();
        let score = self
            .review
            .store
            .as_ref()
            .and_then(|store| store.get(&post_key(&path)))
            .and_then(|review| review.score)
            .map(|score| score.to_string())
            .unwrap_or_default();
        self.review.popup = Some(Popup::Score {
            post: path,
            text: score,
            error: None,
        });
    }

    fn confirm_popup(&mut self) {
        match self.review.popup.take() {
            Some(Popup::Note {
                post,
                text,
                original,
            }) => {
                let note = note_text(&text);
                if self.change_review_of(&post, |r| r.note = note).is_some() {
                    self.set_info("note saved");
                } else {
                    // Not saved: the words stay on screen (the reason is in the status line).
                    self.review.popup = Some(Popup::Note {
                        post,
                        text,
                        original,
                    });
                }
            }
            Some(Popup::Score { post, text, .. }) if text.trim().is_empty() => {
                if self.change_review_of(&post, |r| r.score = None).is_some() {
                    self.set_info("score removed");
                }
            }
            Some(Popup::Score { post, text, .. }) => match parse_score(&text) {
                Ok(score) => {
                    if self
                        .change_review_of(&post, |r| r.score = Some(score))
                        .is_some()
                    {
                        self.set_info(format!("score {score} saved"));
                    }
                }
                Err(why) => {
                    self.review.popup = Some(Popup::Score {
                        post,
                        text,
                        error: Some(why),
                    })
                }
            },
            Some(Popup::Export { text, .. }) => self.export_to(PathBuf::from(text.trim()), false),
            other => self.review.popup = other,
        }
    }

    /// Esc in a popup: closes it, but a note with unsaved words asks first, and
    /// no to a question goes back to the popup it came from.
    fn cancel_popup(&mut self) {
        match self.review.popup.take() {
            Some(Popup::Note {
                post,
                text,
                original,
            }) if note_text(&text) != original.trim_end() => {
                self.review.popup = Some(Popup::Confirm {
                    question: "Close the note without saving what you typed?".into(),
                    on_yes: Confirmed::DiscardNote,
                    back: Some(Box::new(Popup::Note {
                        post,
                        text,
                        original,
                    })),
                });
            }
            Some(Popup::Confirm {
                back: Some(back), ..
            }) => self.review.popup = Some(*back),
            _ => {}
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

    fn open_export(&mut self) {
        let Some(store) = &self.review.store else {
            self.set_error("no review file is open, so there is nothing to export");
            return;
        };
        // Beside the review file by default: private, never inside the site.
        let stem = store
            .path()
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "reviews".into());
        let path = store.path().with_file_name(format!("{stem}-export.csv"));
        self.review.popup = Some(Popup::Export {
            text: path.to_string_lossy().into_owned(),
            error: None,
        });
    }

    /// Writes the export to `path`; an existing file is replaced only with `replace`
    /// (after the user said yes).
    fn export_to(&mut self, path: PathBuf, replace: bool) {
        let Some(store) = &self.review.store else {
            return;
        };
        if path.as_os_str().is_empty() {
            self.review.popup = Some(Popup::Export {
                text: String::new(),
                error: Some("type the path of the file to write".into()),
            });
            return;
        }
        let format = format_of(&path);
        let library = Library {
            root: self.root.clone(),
            posts: self.store.posts.clone(),
            ..Library::default()
        };
        let bytes = render(
            &rows(&library, store, &crate::config::current().questions),
            format,
        );
        let overwrite = if replace {
            Overwrite::Replace
        } else {
            Overwrite::Refuse
        };
        // 0600, like the CLI: the export holds the same grades and notes.
        match write_atomic_private(&path, &bytes, overwrite) {
            Ok(written) => {
                let site = site_root(&canonical_ish(&self.root));
                let mut text = format!(
                    "exported {} posts to {}",
                    library.posts.len(),
                    written.display()
                );
                if let Some(warning) = risky_place_warning(&written, &site) {
                    text = format!("{text}; careful: {warning}");
                    self.set_error(text);
                } else {
                    self.set_info(text);
                }
            }
            Err(WriteError::Exists(_)) => {
                self.review.popup = Some(Popup::Confirm {
                    question: format!("{} already exists. Replace it?", path.display()),
                    on_yes: Confirmed::ReplaceExport(path),
                    back: None,
                });
            }
            Err(err) => self.set_error(err.to_string()),
        }
    }

    fn ask_start_fresh(&mut self) {
        let (Some(copy), Some(store)) = (&self.review.kept_copy, &self.review.store) else {
            self.set_info("the review file is readable; there is nothing to start afresh");
            return;
        };
        self.review.popup = Some(Popup::Confirm {
            question: format!(
                "Start a new, empty review file at {}? The unreadable one stays copied at {}.",
                store.path().display(),
                copy.display()
            ),
            on_yes: Confirmed::StartFresh,
            back: None,
        });
    }

    fn answer_yes(&mut self) {
        let Some(Popup::Confirm { on_yes, .. }) = self.review.popup.take() else {
            return;
        };
        match on_yes {
            Confirmed::DiscardNote => self.set_info("the note was not changed"),
            Confirmed::ReplaceExport(path) => self.export_to(path, true),
            Confirmed::StartFresh => {
                let Some(path) = self.review.store.as_ref().map(|s| s.path().to_path_buf()) else {
                    return;
                };
                match ReviewStore::open_fresh_keeping_copy(&path) {
                    Ok(store) => {
                        let copy = self.review.kept_copy.take();
                        self.review.store = Some(store);
                        self.review.problem = None;
                        self.review.forget_all();
                        self.sync_review_statuses();
                        self.set_info(format!(
                            "started a fresh review file at {}; the old one is kept at {}",
                            path.display(),
                            copy.map(|c| c.display().to_string()).unwrap_or_default()
                        ));
                    }
                    Err(err) => self.set_error(err.to_string()),
                }
            }
        }
    }
}

/// The note in a text area, trailing blank space dropped.
fn note_text(text: &ratatui_textarea::TextArea<'_>) -> String {
    text.lines().join("\n").trim_end().to_string()
}

/// Markdown for `.md` and `.markdown`, else CSV.
fn format_of(path: &Path) -> ExportFormat {
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) if ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown") => {
            ExportFormat::Markdown
        }
        _ => ExportFormat::Csv,
    }
}

/// `x.csv` ↔ `x.md` (anything else gets `.md`).
fn switch_extension(text: &str) -> String {
    let path = Path::new(text);
    let ext = match format_of(path) {
        ExportFormat::Csv => "md",
        ExportFormat::Markdown => "csv",
    };
    path.with_extension(ext).to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_decides_the_format() {
        assert_eq!(format_of(Path::new("a/b.md")), ExportFormat::Markdown);
        assert_eq!(format_of(Path::new("b.MARKDOWN")), ExportFormat::Markdown);
        assert_eq!(format_of(Path::new("b.csv")), ExportFormat::Csv);
        assert_eq!(format_of(Path::new("b")), ExportFormat::Csv);
        assert_eq!(switch_extension("/x/r.csv"), "/x/r.md");
        assert_eq!(switch_extension("/x/r.md"), "/x/r.csv");
    }
}
