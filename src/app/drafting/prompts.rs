//! The prompts' answers (recover, leave, publish) and the hand-over to the user's
//! own editor.

use std::path::Path;
use std::time::Instant;

use super::{AfterDiscard, Prompt, remember_latest};
use crate::app::action::Answer as Choice;
use crate::app::{App, Effect, Layer};
use crate::draft::{DraftSession, plan_publish, publish};

impl App {
    pub(super) fn ask_publish(&mut self) {
        let Some(editor) = self.drafting.editor.as_mut() else {
            return;
        };
        match editor.stats().target {
            Ok(target) => {
                // What `check` would say about the post, shown before it is written.
                let warnings = plan_publish(editor.path(), &editor.text(), &self.root, None)
                    .map(|plan| plan.warnings)
                    .unwrap_or_default();
                self.layers
                    .push(Layer::Prompt(Prompt::Publish { target, warnings }));
            }
            Err(why) => self.set_error(why),
        }
    }

    pub(crate) fn answer(&mut self, choice: Choice) {
        let Some(Layer::Prompt(prompt)) = self.layers.pop() else {
            return;
        };
        match (prompt, choice) {
            (Prompt::Recover { recovery, .. }, Choice::Recover | Choice::Yes) => {
                let saved = std::fs::read_to_string(&recovery.draft).unwrap_or_default();
                let session = DraftSession::new(&recovery.draft, saved);
                let text = recovery.text.clone();
                self.start_editor(session, &text);
                self.set_info("recovered the unsaved text: ctrl-s saves it");
            }
            (Prompt::Recover { recovery, then }, Choice::Discard) => {
                let draft = recovery.draft.clone();
                if let Err(err) = recovery.discard() {
                    self.set_error(err.to_string());
                    return;
                }
                match then {
                    AfterDiscard::Nothing => {}
                    AfterDiscard::NewDraft => self.new_draft(true),
                    AfterDiscard::Open => self.open_draft(&draft),
                }
            }
            (Prompt::Leave, Choice::Save | Choice::Yes) => {
                if self.save_draft() {
                    self.close_editor();
                }
            }
            (Prompt::Leave, Choice::Discard) => {
                if let Some(editor) = self.drafting.editor.as_mut() {
                    let saved = editor.session.saved_text().to_string();
                    // Autosaving the saved text removes the recovery file.
                    let _ = editor.session.autosave(&saved, Instant::now());
                }
                self.close_editor();
            }
            (Prompt::Publish { .. }, Choice::Yes) => self.publish_draft(),
            (prompt, Choice::No) => {
                // A recovery is not thrown away by "cancel": it is asked again next time.
                let _ = prompt;
            }
            (prompt, _) => self.layers.push(Layer::Prompt(prompt)),
        }
    }

    fn publish_draft(&mut self) {
        if !self.save_draft() {
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
        let text = std::fs::read(&path).map(|b| String::from_utf8_lossy(&b).into_owned());
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
