//! The review popups: typing into the note and the score, saving or closing
//! them (a note with unsaved words asks first), and the yes/no questions.

use crossterm::event::KeyEvent;

use super::{Confirmed, Popup, note_area};
use crate::app::field::TextField;
use crate::app::{App, Layer};
use crate::review::{ReviewStore, post_key};

/// Characters a score may contain; any other is pointed out as soon as it is typed.
const SCORE_CHARS: &str = "0123456789.,/ ";

impl App {
    /// A key for the open popup's text: the note's text area or the one-line field.
    pub(crate) fn review_key(&mut self, key: &KeyEvent) {
        let Some(Layer::Review(popup)) = self.layers.top_mut() else {
            return;
        };
        match popup {
            Popup::Note { text, .. } => {
                text.input(*key);
            }
            Popup::Score { field, .. } => {
                if field.input(key) {
                    field.error = score_typo(field.text(), self.settings.score_max);
                }
            }
            Popup::Export { field, shown_only } => {
                // Up and down choose what is exported; the path takes every other key.
                if matches!(
                    key.code,
                    crossterm::event::KeyCode::Up | crossterm::event::KeyCode::Down
                ) {
                    *shown_only = !*shown_only;
                } else {
                    field.input(key);
                }
            }
        }
    }

    /// Pasted text for the open popup's field.
    pub(crate) fn paste_into_popup(&mut self, pasted: &str) {
        let Some(Layer::Review(popup)) = self.layers.top_mut() else {
            return;
        };
        match popup {
            Popup::Note { text, .. } => {
                text.insert_str(crate::sanitize::sanitize_for_editing(pasted));
            }
            Popup::Score { field, .. } => {
                field.paste(pasted);
                field.error = score_typo(field.text(), self.settings.score_max);
            }
            Popup::Export { field, .. } => {
                field.paste(pasted);
            }
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

    pub(super) fn open_note(&mut self) {
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
        // Compared with what the popup shows, so that a note holding a tab or a
        // Windows line end is not taken as changed when nothing was typed.
        self.layers.push(Layer::Review(Popup::Note {
            post: path,
            text: Box::new(note_area(&note)),
            original: super::note_as_shown(&note),
        }));
    }

    pub(super) fn open_score(&mut self) {
        if self.cannot_change() {
            return;
        }
        let posts = if self.review.tagged.is_empty() {
            let Some(post) = self.selected_post() else {
                return;
            };
            vec![post.path.clone()]
        } else {
            self.tagged_posts()
        };
        // The score they share, if they all have the same one, selected so that typing
        // replaces it.
        let scores: Vec<Option<f64>> = posts
            .iter()
            .map(|path| {
                self.review
                    .store
                    .as_ref()
                    .and_then(|store| store.get(&post_key(path)))
                    .and_then(|review| review.score)
            })
            .collect();
        let shared = match scores.split_first() {
            Some((first, rest)) if rest.iter().all(|score| score == first) => *first,
            _ => None,
        };
        let score = shared.map(crate::review::format_number).unwrap_or_default();
        self.layers.push(Layer::Review(Popup::Score {
            posts,
            field: TextField::new(&score),
        }));
    }

    /// Enter (ctrl-s in the note): saves the note or score, writes the export.
    pub(super) fn confirm_popup(&mut self) {
        // The export stays open below its questions until it is written.
        if let Some(Layer::Review(Popup::Export { field, .. })) = self.layers.top() {
            let typed = crate::config::expand_home(std::path::Path::new(field.text().trim()));
            let path = if typed.as_os_str().is_empty() || typed.is_absolute() {
                typed
            } else {
                self.working_dir.join(typed)
            };
            return self.export_to(path, false, false);
        }
        let Some(Layer::Review(popup)) = self.layers.pop() else {
            return;
        };
        let kept = match popup {
            Popup::Note {
                post,
                text,
                original,
            } => {
                let note = note_text(&text);
                if self
                    .change_review_of(&post, |r| r.note.clone_from(&note))
                    .is_some()
                {
                    self.report_review_change("note saved", "note");
                    None
                } else {
                    // Not saved: the words stay on screen (the reason is in the status line).
                    Some(Popup::Note {
                        post,
                        text,
                        original,
                    })
                }
            }
            Popup::Score { posts, mut field } => {
                let typed = field.text().trim();
                let score = if typed.is_empty() {
                    Ok(None)
                } else {
                    crate::review::parse_score_out_of(typed, self.settings.score_max).map(Some)
                };
                match score {
                    Ok(score) => {
                        if self
                            .change_reviews_of(&posts, |r| r.score = score)
                            .is_some()
                        {
                            let whose = match posts.len() {
                                1 => String::new(),
                                n => format!(" for {n} tagged posts{}", self.hidden_note(&posts)),
                            };
                            let done = match score {
                                Some(score) => format!(
                                    "score {} saved{whose}",
                                    crate::review::format_score(score, self.settings.score_max)
                                ),
                                None => format!("score removed{whose}"),
                            };
                            self.report_review_change(&done, "score");
                            None
                        } else {
                            // Not saved: the score stays typed (the reason is in the status line).
                            Some(Popup::Score { posts, field })
                        }
                    }
                    Err(why) => {
                        // Nothing invalid is saved, and nothing typed is lost.
                        field.error = Some(why);
                        Some(Popup::Score { posts, field })
                    }
                }
            }
            export @ Popup::Export { .. } => Some(export),
        };
        if let Some(popup) = kept {
            self.layers.push(Layer::Review(popup));
        }
    }

    /// Esc in a popup: closes it, but a note with unsaved words asks first; no to a
    /// question returns to the layer below it.
    pub(super) fn cancel_popup(&mut self) {
        match self.layers.top() {
            Some(Layer::Review(Popup::Note { text, original, .. }))
                if note_text(text) != original.trim_end() =>
            {
                self.layers.push(Layer::Confirm {
                    question: "Close the note without saving what you typed?".into(),
                    on_yes: Confirmed::DiscardNote,
                });
            }
            Some(Layer::Review(_) | Layer::Confirm { .. }) => {
                self.layers.pop();
            }
            _ => {}
        }
    }

    pub(super) fn ask_start_fresh(&mut self) {
        let (Some(copy), Some(store)) = (&self.review.kept_copy, &self.review.store) else {
            self.set_info("the review file is readable; there is nothing to start afresh");
            return;
        };
        self.layers.push(Layer::Confirm {
            question: format!(
                "Start a new, empty review file at {}? The unreadable one stays copied at {}.",
                store.path().display(),
                copy.display()
            ),
            on_yes: Confirmed::StartFresh,
        });
    }

    /// Yes to the yes/no question on top.
    pub(crate) fn answer_yes(&mut self) {
        let Some(Layer::Confirm { on_yes, .. }) = self.layers.pop() else {
            return;
        };
        match on_yes {
            Confirmed::DiscardNote => {
                if let Some(Layer::Review(Popup::Note { .. })) = self.layers.top() {
                    self.layers.pop();
                }
                self.set_info("the note was not changed");
            }
            Confirmed::Export {
                path,
                replace,
                risky_ok,
            } => self.export_to(path, replace, risky_ok),
            Confirmed::DeleteDraft(path) => self.delete_draft(&path),
            Confirmed::DiscardRecovery => self.discard_recovery(),
            Confirmed::SetPublished { posts, published } => {
                self.set_published_of(&posts, published)
            }
            Confirmed::StartFresh if self.refuses_to_write("a fresh review file") => {}
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

/// Why `text` cannot become a score, as soon as a character shows it cannot.
fn score_typo(text: &str, score_max: f64) -> Option<String> {
    let bad = text.chars().find(|c| !SCORE_CHARS.contains(*c))?;
    Some(format!(
        "`{bad}` cannot be part of a score; type a number such as 8, 8.5 or 8/{}",
        crate::review::format_number(score_max)
    ))
}
