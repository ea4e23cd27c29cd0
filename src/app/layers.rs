//! The layers over the screen: the input lines, overlays, popups and questions, on
//! one stack. The screen underneath (the panes, a review session or the editor) is
//! its bottom; the top layer decides the keymap mode and gets the keys; layers are
//! drawn bottom to top; closing one (esc, or "no" to a question) returns to the one
//! below, never further.

use std::path::PathBuf;

use super::Input;
use super::drafting::{DraftPicker, Prompt};
use super::field::TextField;
use super::keymap::Mode;
use super::review::Popup;

/// One layer over the screen.
#[derive(Debug)]
pub enum Layer {
    /// The filter (list) or find (reader) line.
    Line {
        input: Input,
        field: TextField,
    },
    Help {
        scroll: usize,
    },
    Problems {
        scroll: usize,
    },
    /// What changed in a post since its review: the lines that differ, with context.
    Changes {
        post: PathBuf,
        lines: Vec<crate::review::texts::DiffLine>,
        scroll: usize,
    },
    /// Choosing a link to follow: the number typed so far, and the link chosen (typed
    /// or with tab): its number and URL.
    Follow {
        typed: String,
        chosen: Option<(usize, String)>,
    },
    /// The post's headings; `selected` indexes them.
    Outline {
        selected: usize,
    },
    /// The drafts list.
    Drafts(DraftPicker),
    /// The editor's find line.
    EditorFind(TextField),
    /// A question about a draft with answers of its own (recover, leave, publish).
    Prompt(Prompt),
    /// A review popup: the note, the score, the export path.
    Review(Popup),
    /// A yes/no question; yes does `on_yes`, no returns to the layer below.
    Confirm {
        question: String,
        on_yes: Confirmed,
    },
}

/// What the app does once the user says yes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirmed {
    /// Export again, the answer given: `replace` an existing file, `risky_ok` to write
    /// where the export might be published.
    Export {
        path: PathBuf,
        replace: bool,
        risky_ok: bool,
    },
    /// Replace an unreadable review file with a fresh one.
    StartFresh,
    /// Close the note popup below without saving what was typed.
    DiscardNote,
    /// Delete this draft (and its unsaved text).
    DeleteDraft(PathBuf),
    /// Delete the unsaved text the recovery question below is about.
    DiscardRecovery,
    /// Publish (`true`) or unpublish these posts (the tagged ones).
    SetPublished {
        posts: Vec<PathBuf>,
        published: bool,
    },
}

impl Layer {
    /// The keymap mode while this layer is on top.
    pub fn mode(&self) -> Mode {
        match self {
            Layer::Line {
                input: Input::Filter,
                ..
            } => Mode::Filter,
            Layer::Line {
                input: Input::Find, ..
            } => Mode::Find,
            Layer::Help { .. } => Mode::Help,
            Layer::Problems { .. } => Mode::Problems,
            Layer::Changes { .. } => Mode::Changes,
            Layer::Follow { .. } => Mode::Follow,
            Layer::Outline { .. } => Mode::Outline,
            Layer::Drafts(_) => Mode::Drafts,
            Layer::EditorFind(_) => Mode::EditorFind,
            Layer::Prompt(_) => Mode::Prompt,
            Layer::Review(Popup::Note { .. }) => Mode::Note,
            Layer::Review(Popup::Score { .. }) => Mode::Score,
            Layer::Review(Popup::Export { .. }) => Mode::Export,
            Layer::Confirm { .. } => Mode::Confirm,
        }
    }
}

/// The stack itself, with the questions the app asks of it.
#[derive(Debug, Default)]
pub struct Layers(Vec<Layer>);

impl Layers {
    pub fn top(&self) -> Option<&Layer> {
        self.0.last()
    }

    pub fn top_mut(&mut self) -> Option<&mut Layer> {
        self.0.last_mut()
    }

    pub fn push(&mut self, layer: Layer) {
        self.0.push(layer);
    }

    pub fn pop(&mut self) -> Option<Layer> {
        self.0.pop()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The layer at `index`, counted from the bottom (the order they are drawn in).
    pub fn get(&self, index: usize) -> Option<&Layer> {
        self.0.get(index)
    }

    pub fn get_mut(&mut self, index: usize) -> Option<&mut Layer> {
        self.0.get_mut(index)
    }

    /// Removes every layer `gone` picks (an editor closing takes its find line along).
    pub fn remove_all(&mut self, gone: impl Fn(&Layer) -> bool) {
        self.0.retain(|layer| !gone(layer));
    }

    /// The mode of the top layer, if there is one.
    pub fn mode(&self) -> Option<Mode> {
        self.top().map(Layer::mode)
    }

    /// The input line being typed in, if it is on top.
    pub fn line(&self) -> Option<(Input, &TextField)> {
        match self.top() {
            Some(Layer::Line { input, field }) => Some((*input, field)),
            _ => None,
        }
    }

    /// The question about a draft on top, if any.
    pub fn prompt(&self) -> Option<&Prompt> {
        match self.top() {
            Some(Layer::Prompt(prompt)) => Some(prompt),
            _ => None,
        }
    }

    /// The drafts list, if it is on top.
    pub fn picker(&self) -> Option<&DraftPicker> {
        match self.top() {
            Some(Layer::Drafts(picker)) => Some(picker),
            _ => None,
        }
    }
}
