//! Everything the user can ask the app to do. Keys and mouse events become an
//! [`Action`]; [`super::App::update`] is the only place where state changes.

/// One thing to do. The keymap maps keys to these; the help overlay describes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave the app, restoring the terminal.
    Quit,
    /// Hand the terminal back to the shell (Ctrl-z); the app resumes with `fg`.
    Suspend,
    /// Show or hide the help overlay, generated from the keymap.
    Help,
    /// Close the open overlay (help, problems).
    CloseOverlay,
    /// Move the focus between the list and the reader.
    SwitchPane,
    /// List: select the next post. Reader: scroll one line down.
    Down,
    /// List: select the previous post. Reader: scroll one line up.
    Up,
    /// Go to the first post, or the top of the post.
    Top,
    /// Go to the last post, or the end of the post.
    Bottom,
    /// Move a whole page down.
    PageDown,
    /// Move a whole page up.
    PageUp,
    /// Move half a page down.
    HalfPageDown,
    /// Move half a page up.
    HalfPageUp,
    /// Read the selected post (focus the reader).
    Open,
    /// Go back from the reader to the list.
    Back,
    /// Reader: show the previous post in the list, staying in the reader.
    PrevPost,
    /// Reader: show the next post in the list, staying in the reader.
    NextPost,
    /// List: start typing a filter.
    StartFilter,
    /// Reader: start typing a word to find in the post.
    StartFind,
    /// Reader: the whole header (every rubric row, the file and URL), or the short one
    /// a small pane gets.
    ToggleHeader,
    /// Reader: take the whole width, hiding the list, or give it back.
    ToggleZoom,
    /// Reader: links, and the history of posts reached through them (see [`LinkAction`]).
    Link(LinkAction),
    /// Reader: the post's headings, to jump to one.
    Outline,
    /// Keep what was typed and leave the input line.
    InputConfirm,
    /// Clear what was typed and leave the input line.
    InputCancel,
    /// A key for the open text field (filter, find, score, export path, note): typed,
    /// or an editing key (not bound in the keymap: any key the mode does not bind).
    FieldKey(crossterm::event::KeyEvent),
    /// Reader: jump to the next match of the find.
    NextMatch,
    /// Reader: jump to the previous match of the find.
    PrevMatch,
    /// Cycle the sort: newest first, oldest first, title, author.
    CycleSort,
    /// Show the selected post's problems and how to fix them.
    ShowProblems,
    /// Select the next post (after the selected one) that has problems.
    NextProblemPost,
    /// Load the folder again, keeping the selection.
    Reload,
    /// Open the selected post in `$VISUAL` / `$EDITOR`, then reload it.
    Edit,
    /// Mouse wheel over a pane: scroll that pane (`down` false for up).
    Wheel { column: u16, row: u16, down: bool },
    /// Mouse click: select the row or focus the pane under the pointer.
    Click { column: u16, row: u16 },
    /// Drafting: the drafts list and the editor (see [`DraftAction`]).
    Draft(DraftAction),
    /// Reviewing: marks, the note, score and export popups, sessions (see [`ReviewAction`]).
    Review(ReviewAction),
    /// An answer to the question on top: a yes/no question, or a question about a
    /// draft with answers of its own.
    Answer(Answer),
}

pub use super::drafting::DraftAction;
pub use super::links::LinkAction;
pub use super::review::ReviewAction;

/// An answer to the question on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answer {
    /// Yes (publish; save when leaving; recover).
    Yes,
    /// No: close the question and change nothing.
    No,
    /// Recover the unsaved text.
    Recover,
    /// Save, then leave.
    Save,
    /// Discard (the unsaved text, or the changes).
    Discard,
    /// A draft changed elsewhere: save mine, keeping the other version beside it.
    KeepMine,
    /// A draft changed elsewhere: take the other version, dropping my changes.
    KeepTheirs,
    /// A draft changed elsewhere: show the lines that differ.
    ShowBoth,
}

impl Action {
    /// The action's name in the settings file (`[keys.<mode>] name = [...]`), kebab
    /// case; empty for the actions that carry data and are never bound to a key.
    pub fn name(self) -> &'static str {
        use Action as A;
        match self {
            A::Quit => "quit",
            A::Suspend => "suspend",
            A::Help => "help",
            A::CloseOverlay => "close-overlay",
            A::SwitchPane => "switch-pane",
            A::Down => "down",
            A::Up => "up",
            A::Top => "top",
            A::Bottom => "bottom",
            A::PageDown => "page-down",
            A::PageUp => "page-up",
            A::HalfPageDown => "half-page-down",
            A::HalfPageUp => "half-page-up",
            A::Open => "open",
            A::Back => "back",
            A::PrevPost => "prev-post",
            A::NextPost => "next-post",
            A::StartFilter => "start-filter",
            A::StartFind => "start-find",
            A::ToggleHeader => "toggle-header",
            A::ToggleZoom => "toggle-zoom",
            A::Link(action) => action.name(),
            A::Outline => "outline",
            A::InputConfirm => "input-confirm",
            A::InputCancel => "input-cancel",
            A::NextMatch => "next-match",
            A::PrevMatch => "prev-match",
            A::CycleSort => "cycle-sort",
            A::ShowProblems => "show-problems",
            A::NextProblemPost => "next-problem-post",
            A::Reload => "reload",
            A::Edit => "edit",
            A::FieldKey(_) | A::Wheel { .. } | A::Click { .. } => "",
            A::Draft(action) => action.name(),
            A::Review(action) => action.name(),
            A::Answer(answer) => match answer {
                Answer::Yes => "yes",
                Answer::No => "no",
                Answer::Recover => "recover",
                Answer::Save => "save",
                Answer::Discard => "discard",
                Answer::KeepMine => "keep-mine",
                Answer::KeepTheirs => "keep-theirs",
                Answer::ShowBoth => "show-both",
            },
        }
    }
}
