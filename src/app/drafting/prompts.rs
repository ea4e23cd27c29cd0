//! The prompts' answers (recover, leave, publish) and the hand-over to the user's
//! own editor.

use std::path::Path;
use std::time::Instant;

use super::editor::why_not_publishable;
use super::{AfterDiscard, AfterSave, Prompt, remember_latest};
use crate::app::action::Answer as Choice;
use crate::app::layers::Confirmed;
use crate::app::{App, Effect, Layer};
use crate::draft::{DraftSession, plan_publish, publish};

impl App {
    pub(super) fn ask_publish(&mut self) {
        let Some(editor) = self.drafting.editor.as_mut() else {
            return;
        };
        // The status line may show the reason cut short; the popup shows all of it.
        let prompt = match editor.stats().target {
            Ok(_) => match plan_publish(editor.path(), &editor.text(), &self.root, None) {
                // What `check` would say about the post, shown before it is written.
                Ok(plan) => Prompt::Publish {
                    target: plan.target,
                    warnings: plan.warnings,
                },
                Err(err) => Prompt::CannotPublish {
                    why: why_not_publishable(&err),
                },
            },
            Err(why) => Prompt::CannotPublish { why },
        };
        self.layers.push(Layer::Prompt(prompt));
    }

    pub(crate) fn answer(&mut self, choice: Choice) {
        let Some(Layer::Prompt(prompt)) = self.layers.pop() else {
            return;
        };
        match (prompt, choice) {
            (Prompt::Recover { recovery, .. }, Choice::Recover | Choice::Yes) => {
                // The draft's own session (its lock, what is on disk); a draft that was
                // never written gets a new one under its name.
                let session = if recovery.draft.exists() {
                    DraftSession::open(&recovery.draft).map(|(session, _)| Some(session))
                } else {
                    DraftSession::claim_new(&recovery.draft, "")
                };
                match session {
                    Ok(Some(session)) if session.held_by().is_none() => {
                        self.start_editor(session, &recovery.text);
                        self.set_info("recovered the unsaved text: ctrl-s saves it");
                    }
                    Ok(_) => self.set_error(format!(
                        "{} is open in another meetup-reader; recover it there",
                        recovery.draft.display()
                    )),
                    Err(err) => self.set_error(err.to_string()),
                }
            }
            (Prompt::Recover { .. }, Choice::Discard)
                if self.refuses_to_write("the removal of the unsaved text") => {}
            // One key (also the drafts list's) must not throw away a student's words:
            // it asks first, the question staying below for a no.
            (prompt @ Prompt::Recover { .. }, Choice::Discard) => {
                let Prompt::Recover { recovery, .. } = &prompt else {
                    return;
                };
                let name = recovery.draft.file_name().unwrap_or_default();
                let question = format!(
                    "Delete the unsaved text of {} for good? This cannot be undone.",
                    name.to_string_lossy()
                );
                self.layers.push(Layer::Prompt(prompt));
                self.layers.push(Layer::Confirm {
                    question,
                    on_yes: Confirmed::DiscardRecovery,
                });
            }
            (Prompt::Leave, Choice::Save | Choice::Yes) => {
                if self.save_draft(AfterSave::Leave) {
                    self.close_editor();
                }
            }
            (Prompt::Leave, Choice::Discard) => {
                if self.writes_allowed
                    && let Some(editor) = self.drafting.editor.as_mut()
                {
                    // A new draft the user never saved goes with its changes.
                    match editor.session.remove_provisional() {
                        Ok(true) => self.set_info("discarded: the new draft was never saved"),
                        Ok(false) => {
                            let saved = editor.session.saved_text().to_string();
                            // Autosaving the saved text removes the recovery file.
                            let _ = editor.session.autosave(&saved, Instant::now());
                        }
                        Err(err) => self.set_error(err.to_string()),
                    }
                }
                self.close_editor();
            }
            (Prompt::Publish { .. }, Choice::Yes) => self.publish_draft(),
            (Prompt::Conflict { then, .. }, Choice::KeepMine) => self.keep_mine(then),
            (Prompt::Conflict { .. }, Choice::KeepTheirs) => self.keep_theirs(),
            (Prompt::Conflict { theirs, then, both }, Choice::ShowBoth) => {
                self.layers.push(Layer::Prompt(Prompt::Conflict {
                    theirs,
                    then,
                    both: !both,
                }));
            }
            (Prompt::CannotPublish { .. }, _) => {}
            (prompt, Choice::No) => {
                // A recovery is not thrown away by "cancel": it is asked again next time.
                let _ = prompt;
            }
            (prompt, _) => self.layers.push(Layer::Prompt(prompt)),
        }
    }

    /// Yes to deleting the unsaved text found: the recovery question below goes, and
    /// the text with it.
    pub(crate) fn discard_recovery(&mut self) {
        let Some(Layer::Prompt(Prompt::Recover { recovery, then })) = self.layers.pop() else {
            return;
        };
        let draft = recovery.draft.clone();
        if let Err(err) = recovery.discard() {
            self.set_error(err.to_string());
            return;
        }
        self.set_info("the unsaved text was deleted");
        match then {
            AfterDiscard::Nothing => {}
            AfterDiscard::Open => self.open_draft(&draft),
        }
    }

    /// "Keep mine" on a draft changed elsewhere: the other version is kept beside it
    /// as `NAME.conflict-<time>.md`, then mine is saved, and what the save was for
    /// goes on.
    fn keep_mine(&mut self, then: AfterSave) {
        if self.refuses_to_write("the draft") {
            return;
        }
        let Some(editor) = self.drafting.editor.as_mut() else {
            return;
        };
        let text = editor.text();
        match editor.session.keep_mine(&text) {
            Ok(kept) => {
                self.remember();
                match kept {
                    Some(other) => {
                        let name = other.file_name().unwrap_or_default().to_string_lossy();
                        self.set_info(format!("saved; the other version is kept as {name}"));
                    }
                    None => self.set_info("saved"),
                }
                match then {
                    AfterSave::Stay => {}
                    AfterSave::Leave => self.close_editor(),
                    AfterSave::Publish => self.publish_draft(),
                }
            }
            Err(err) => self.set_error(err.to_string()),
        }
    }

    /// "Keep theirs": the editor shows the draft as it is on disk now; the unsaved
    /// changes made here are dropped. A draft removed elsewhere is closed.
    fn keep_theirs(&mut self) {
        let Some(editor) = self.drafting.editor.as_mut() else {
            return;
        };
        match editor.session.keep_theirs() {
            Ok(Some(theirs)) => {
                editor.show_saved(&theirs);
                self.remember();
                self.set_info("took the version on disk; your changes were dropped");
            }
            Ok(None) => {
                self.close_editor();
                self.set_info("the draft was removed elsewhere; closed it");
            }
            Err(err) => self.set_error(err.to_string()),
        }
    }

    fn publish_draft(&mut self) {
        if !self.save_draft(AfterSave::Publish) {
            return;
        }
        let Some(editor) = self.drafting.editor.as_ref() else {
            return;
        };
        let draft = editor.path().to_path_buf();
        match publish(&draft, &self.root, None) {
            Ok(published) => {
                self.close_editor();
                let shown = published
                    .path
                    .strip_prefix(&self.root)
                    .unwrap_or(&published.path)
                    .to_path_buf();
                self.start_loading();
                // The reload selects the new post.
                self.keep_selection = Some(shown.clone());
                self.set_info(format!("published as {}", shown.display()));
            }
            Err(err) => self.set_error(err.to_string()),
        }
    }

    pub(super) fn close_editor(&mut self) {
        self.drafting.editor = None;
        self.layers
            .remove_all(|l| matches!(l, Layer::EditorFind(_)));
        remember_latest(None);
    }

    /// Ctrl-e: writes the text to a temporary file beside the draft for the user's
    /// editor; [`App::after_draft_edit`] takes it back.
    pub(super) fn hand_to_external(&mut self) {
        if self.refuses_to_write("the text for the external editor") {
            return;
        }
        let Some(editor) = self.drafting.editor.as_ref() else {
            return;
        };
        let folder = editor
            .path()
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let file = tempfile::Builder::new()
            .prefix(".editing-")
            .suffix(".md")
            .tempfile_in(&folder)
            .and_then(|f| {
                std::fs::write(f.path(), editor.text())?;
                f.into_temp_path().keep().map_err(|e| e.error)
            });
        match file {
            Ok(path) => {
                self.drafting.external = Some(path.clone());
                self.effects.push(Effect::Edit(path));
            }
            Err(err) => self.set_error(format!("cannot hand the draft to the editor: {err}")),
        }
    }

    /// After the external editor: take the text back (unsaved) and remove the file.
    pub(crate) fn after_draft_edit(&mut self, outcome: Result<(), String>) {
        let Some(path) = self.drafting.external.take() else {
            return;
        };
        let text = crate::fsutil::read_regular_file(&path, crate::fsutil::caps::POST)
            .map(|b| String::from_utf8_lossy(&b).into_owned());
        let _ = std::fs::remove_file(&path);
        match (text, self.drafting.editor.as_mut(), outcome) {
            (Ok(text), Some(editor), outcome) => {
                // Some editors exit with an error after any slip during the session
                // (vi after a search that found nothing): what was written is kept.
                let changed = text != editor.text();
                if changed {
                    editor.replace_text(&text, Instant::now());
                    self.remember();
                }
                match outcome {
                    Ok(()) => self.set_info("took the text back from the editor"),
                    Err(why) if changed => {
                        self.set_error(format!("{why}; its text was taken back all the same"));
                    }
                    Err(why) => self.set_error(why),
                }
            }
            (_, _, Err(why)) => self.set_error(why),
            (Err(err), _, Ok(())) => {
                self.set_error(format!("cannot read the edited text back: {err}"));
            }
            _ => {}
        }
    }
}
