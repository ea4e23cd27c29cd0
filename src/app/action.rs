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
    Wheel {
        column: u16,
        row: u16,
        down: bool,
    },
    /// Mouse click: select the row or focus the pane under the pointer.
    Click {
        column: u16,
        row: u16,
    },
    // Drafting (src/app/drafting): the drafts list, the editor and its prompts.
    /// List: start a new draft from the template and open the editor.
    NewDraft,
    /// List: show the drafts in `_drafts`, to open one in the editor.
    ShowDrafts,
    /// Editor: a key the keymap does not bind goes to the focused text field.
    EditorKey(crossterm::event::KeyEvent),
    /// Editor: focus the next field (title, author, date, body).
    EditorNextField,
    /// Editor: focus the previous field.
    EditorPrevField,
    /// Editor: save the draft in `_drafts`.
    EditorSave,
    /// Editor: publish the draft into the posts folder (asks first).
    EditorPublish,
    /// Editor: hand the draft to `$VISUAL` / `$EDITOR` and take the text back.
    EditorExternal,
    /// Editor: show or hide the preview (narrow windows).
    EditorTogglePreview,
    /// Editor: leave the editor (asks first when there are unsaved changes).
    EditorLeave,
    EditorUndo,
    EditorRedo,
    /// Editor: cut the selection.
    EditorCut,
    /// Editor: copy the selection.
    EditorCopy,
    /// Editor: paste what was cut or copied.
    EditorPaste,
    /// Editor: start or stop selecting (Shift with the arrows selects too).
    EditorSelect,
    /// Editor: select the whole field.
    EditorSelectAll,
    /// Editor: start typing a word to find in the body.
    EditorFind,
    /// Editor: jump to the next match of the find.
    EditorFindNext,
    /// Prompt: yes (publish; save when leaving).
    PromptYes,
    /// Prompt: recover the unsaved text.
    PromptRecover,
    /// Prompt: save, then leave.
    PromptSave,
    /// Prompt: discard (the unsaved text, or the changes).
    PromptDiscard,
    /// Prompt: close it and change nothing.
    PromptCancel,
    // Reviewing (see crate::app::review).
    /// Mark the post reviewed.
    MarkReviewed,
    /// Mark the post as needing revision.
    MarkNeedsRevision,
    /// Flag the post.
    MarkFlagged,
    /// Mark the post unreviewed again.
    MarkUnreviewed,
    /// Session: mark reviewed and go to the next unreviewed post.
    ReviewedAndNext,
    /// Session: mark needs revision and go to the next unreviewed post.
    NeedsRevisionAndNext,
    /// Session: flag and go to the next unreviewed post.
    FlaggedAndNext,
    /// Session: go to the next unreviewed post without marking.
    NextUnreviewed,
    /// Write the post's review note in a popup.
    EditNote,
    /// Give the post a score in a popup.
    EditScore,
    /// Add or remove `published: false` in the post's front matter.
    TogglePublished,
    /// Write the reviews as CSV or Markdown.
    ExportReviews,
    /// Replace an unreadable review file with a fresh one (asks first).
    StartFreshReviews,
    /// Review the unreviewed posts in the list one after another.
    StartSession,
    /// Leave the review session.
    EndSession,
    /// Save the note or score, or write the export.
    PopupSave,
    /// Close the review popup (asks first if a note would lose words).
    PopupCancel,
    /// Export popup: switch between CSV and Markdown.
    SwitchExportFormat,
    /// Answer yes to the question asked.
    AnswerYes,
}
