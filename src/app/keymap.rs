//! Keys to actions, per mode, as data: the help overlay and the status line are
//! generated from this table, so they cannot drift from what the keys do.
//! (A later change makes the table configurable.)

use crossterm::event::{KeyCode, KeyEvent};

use super::action::{Action, Answer, DraftAction as D, LinkAction as L, ReviewAction as R};
use crate::review::ReviewStatus as St;

/// Where the keys are read: the focused pane, an input line, or an overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Keys that work in both panes.
    Global,
    List,
    Reader,
    /// Typing a filter for the list.
    Filter,
    /// Typing a word to find in the post.
    Find,
    Help,
    Problems,
    /// What changed in a post since its review (`D`).
    Changes,
    /// Review keys that work in the list and the reader (a section of their own in help).
    Review,
    /// A review session: the reader full screen, mark-and-advance keys.
    Session,
    /// Writing a review note (printable keys are typed).
    Note,
    /// Typing a score.
    Score,
    /// Typing where to export the reviews.
    Export,
    /// A yes/no question.
    Confirm,
    /// Writing a draft: printable keys are typed into the focused field.
    Editor,
    /// Typing a word to find in the draft.
    EditorFind,
    /// A question about the draft (recover, leave, publish).
    Prompt,
    /// The list of drafts.
    Drafts,
    /// Choosing a link to follow (`f`): its number is typed.
    Follow,
    /// The post's headings (`o`).
    Outline,
}

impl Mode {
    /// The modes whose keys also work here, after this mode's own, in order: a
    /// session reads like the reader, the panes share the global and review keys.
    pub fn fallbacks(self) -> &'static [Mode] {
        match self {
            Mode::List | Mode::Reader => &[Mode::Global, Mode::Review],
            Mode::Session => &[Mode::Reader, Mode::Global, Mode::Review],
            _ => &[],
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Mode::Global => "Everywhere",
            Mode::List => "List",
            Mode::Reader => "Reader",
            Mode::Filter => "Filter line",
            Mode::Find => "Find line",
            Mode::Help => "Help",
            Mode::Problems => "Problems",
            Mode::Changes => "Changes since review",
            Mode::Review => "Reviewing (list and reader)",
            Mode::Session => "Review session (the reader's keys work too)",
            Mode::Note => "Note popup",
            Mode::Score => "Score popup",
            Mode::Export => "Export popup",
            Mode::Confirm => "Question",
            Mode::Editor => "Editor",
            Mode::EditorFind => "Editor find line",
            Mode::Prompt => "Questions about a draft",
            Mode::Drafts => "Drafts",
            Mode::Follow => "Following a link (type its number)",
            Mode::Outline => "Outline",
        }
    }
}

// A key with its modifiers: its name (`Display`) is what help prints and what the
// settings and key scripts read (`FromStr`).
pub use crate::key::Key;

/// One row of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub mode: Mode,
    pub key: Key,
    pub action: Action,
    pub description: &'static str,
    /// Shown in the status line of its mode (the keys that matter most).
    pub in_status: bool,
}

const fn b(mode: Mode, key: Key, action: Action, description: &'static str) -> Binding {
    Binding {
        mode,
        key,
        action,
        description,
        in_status: false,
    }
}

/// Like [`b`], and listed in the status line.
const fn s(mode: Mode, key: Key, action: Action, description: &'static str) -> Binding {
    Binding {
        mode,
        key,
        action,
        description,
        in_status: true,
    }
}

use KeyCode as K;
use Mode as M;

/// The default keymap. Order matters for the help overlay and the status line.
pub const DEFAULT_BINDINGS: &[Binding] = &[
    // Everywhere (list and reader)
    s(M::Global, Key::ch('q'), Action::Quit, "quit"),
    b(M::Global, Key::ctrl('c'), Action::Quit, "quit"),
    b(
        M::Global,
        Key::ctrl('z'),
        Action::Suspend,
        "suspend (fg resumes)",
    ),
    s(M::Global, Key::ch('?'), Action::Help, "help"),
    b(
        M::Global,
        Key::plain(K::Tab),
        Action::SwitchPane,
        "switch pane",
    ),
    s(M::Global, Key::ch('s'), Action::CycleSort, "sort"),
    b(
        M::Global,
        Key::ch('p'),
        Action::ShowProblems,
        "problems of this post",
    ),
    b(
        M::Global,
        Key::ch('P'),
        Action::NextProblemPost,
        "next post with problems",
    ),
    b(M::Global, Key::ch('r'), Action::Reload, "reload the folder"),
    b(
        M::Global,
        Key::ch('e'),
        Action::Edit,
        "edit in $VISUAL/$EDITOR",
    ),
    // List
    s(M::List, Key::ch('j'), Action::Down, "down"),
    b(M::List, Key::plain(K::Down), Action::Down, "down"),
    s(M::List, Key::ch('k'), Action::Up, "up"),
    b(M::List, Key::plain(K::Up), Action::Up, "up"),
    b(M::List, Key::ch('g'), Action::Top, "first post"),
    b(M::List, Key::plain(K::Home), Action::Top, "first post"),
    b(M::List, Key::ch('G'), Action::Bottom, "last post"),
    b(M::List, Key::plain(K::End), Action::Bottom, "last post"),
    b(
        M::List,
        Key::plain(K::PageDown),
        Action::PageDown,
        "page down",
    ),
    b(M::List, Key::plain(K::PageUp), Action::PageUp, "page up"),
    b(
        M::List,
        Key::ctrl('d'),
        Action::HalfPageDown,
        "half page down",
    ),
    b(M::List, Key::ctrl('u'), Action::HalfPageUp, "half page up"),
    s(M::List, Key::plain(K::Enter), Action::Open, "read"),
    b(M::List, Key::ch('l'), Action::Open, "read"),
    b(M::List, Key::plain(K::Right), Action::Open, "read"),
    s(M::List, Key::ch('/'), Action::StartFilter, "filter"),
    b(
        M::List,
        Key::plain(K::Esc),
        Action::InputCancel,
        "clear the filter",
    ),
    // Reader
    s(M::Reader, Key::ch('j'), Action::Down, "scroll down"),
    b(M::Reader, Key::plain(K::Down), Action::Down, "scroll down"),
    s(M::Reader, Key::ch('k'), Action::Up, "scroll up"),
    b(M::Reader, Key::plain(K::Up), Action::Up, "scroll up"),
    s(M::Reader, Key::ch(' '), Action::PageDown, "page down"),
    b(
        M::Reader,
        Key::plain(K::PageDown),
        Action::PageDown,
        "page down",
    ),
    b(M::Reader, Key::ch('b'), Action::PageUp, "page up"),
    b(M::Reader, Key::plain(K::PageUp), Action::PageUp, "page up"),
    b(
        M::Reader,
        Key::ctrl('d'),
        Action::HalfPageDown,
        "half page down",
    ),
    b(
        M::Reader,
        Key::ctrl('u'),
        Action::HalfPageUp,
        "half page up",
    ),
    b(M::Reader, Key::ch('g'), Action::Top, "top"),
    b(M::Reader, Key::plain(K::Home), Action::Top, "top"),
    b(M::Reader, Key::ch('G'), Action::Bottom, "end"),
    b(M::Reader, Key::plain(K::End), Action::Bottom, "end"),
    s(M::Reader, Key::ch('['), Action::PrevPost, "previous post"),
    s(M::Reader, Key::ch(']'), Action::NextPost, "next post"),
    s(M::Reader, Key::ch('/'), Action::StartFind, "find"),
    b(M::Reader, Key::ch('n'), Action::NextMatch, "next match"),
    b(
        M::Reader,
        Key::ch('i'),
        Action::ToggleHeader,
        "whole header / short header",
    ),
    b(
        M::Reader,
        Key::ch('z'),
        Action::ToggleZoom,
        "zoom: the reader at full width",
    ),
    b(M::Reader, Key::ch('N'), Action::PrevMatch, "previous match"),
    s(
        M::Reader,
        Key::ch('f'),
        Action::Link(L::Start),
        "follow a link",
    ),
    b(
        M::Reader,
        Key::plain(K::Backspace),
        Action::Link(L::Back),
        "back where a link was followed from",
    ),
    b(
        M::Reader,
        Key {
            code: K::Left,
            ctrl: false,
            alt: true,
        },
        Action::Link(L::Back),
        "back where a link was followed from",
    ),
    b(
        M::Reader,
        Key {
            code: K::Right,
            ctrl: false,
            alt: true,
        },
        Action::Link(L::Forward),
        "forward again",
    ),
    b(
        M::Reader,
        Key::ch('o'),
        Action::Outline,
        "outline: the headings",
    ),
    s(M::Reader, Key::ch('h'), Action::Back, "back"),
    b(M::Reader, Key::plain(K::Left), Action::Back, "back"),
    b(M::Reader, Key::plain(K::Esc), Action::Back, "back"),
    // Input lines (any other printable key is typed)
    s(
        M::Filter,
        Key::plain(K::Enter),
        Action::InputConfirm,
        "keep filter",
    ),
    s(M::Filter, Key::plain(K::Esc), Action::InputCancel, "clear"),
    b(M::Filter, Key::plain(K::Down), Action::Down, "down"),
    b(M::Filter, Key::plain(K::Up), Action::Up, "up"),
    b(M::Filter, Key::ctrl('c'), Action::Quit, "quit"),
    s(M::Find, Key::plain(K::Enter), Action::InputConfirm, "keep"),
    s(M::Find, Key::plain(K::Esc), Action::InputCancel, "clear"),
    b(M::Find, Key::ctrl('c'), Action::Quit, "quit"),
    // Following a link (digits are typed)
    s(
        M::Follow,
        Key::plain(K::Enter),
        Action::Link(L::Open),
        "follow the link",
    ),
    s(
        M::Follow,
        Key::plain(K::Tab),
        Action::Link(L::Next),
        "next link",
    ),
    b(
        M::Follow,
        Key::plain(K::BackTab),
        Action::Link(L::Prev),
        "previous link",
    ),
    s(
        M::Follow,
        Key::ch('y'),
        Action::Link(L::Copy),
        "copy its URL",
    ),
    s(
        M::Follow,
        Key::plain(K::Esc),
        Action::CloseOverlay,
        "cancel",
    ),
    b(M::Follow, Key::ch('f'), Action::CloseOverlay, "cancel"),
    b(M::Follow, Key::ctrl('c'), Action::Quit, "quit"),
    // The outline
    s(
        M::Outline,
        Key::plain(K::Enter),
        Action::Open,
        "go to the heading",
    ),
    s(M::Outline, Key::ch('j'), Action::Down, "down"),
    b(M::Outline, Key::plain(K::Down), Action::Down, "down"),
    s(M::Outline, Key::ch('k'), Action::Up, "up"),
    b(M::Outline, Key::plain(K::Up), Action::Up, "up"),
    b(M::Outline, Key::ch('g'), Action::Top, "first heading"),
    b(M::Outline, Key::ch('G'), Action::Bottom, "last heading"),
    s(
        M::Outline,
        Key::plain(K::Esc),
        Action::CloseOverlay,
        "close",
    ),
    b(M::Outline, Key::ch('o'), Action::CloseOverlay, "close"),
    b(M::Outline, Key::ch('q'), Action::CloseOverlay, "close"),
    b(M::Outline, Key::ctrl('c'), Action::Quit, "quit"),
    // Overlays
    s(M::Help, Key::plain(K::Esc), Action::CloseOverlay, "close"),
    b(M::Help, Key::ch('?'), Action::CloseOverlay, "close"),
    b(M::Help, Key::ch('q'), Action::CloseOverlay, "close"),
    s(
        M::Problems,
        Key::plain(K::Esc),
        Action::CloseOverlay,
        "close",
    ),
    b(M::Problems, Key::ch('p'), Action::CloseOverlay, "close"),
    b(M::Problems, Key::ch('q'), Action::CloseOverlay, "close"),
    s(
        M::Problems,
        Key::ch('P'),
        Action::NextProblemPost,
        "next post with problems",
    ),
    b(M::Problems, Key::ctrl('c'), Action::Quit, "quit"),
    b(M::Help, Key::ctrl('c'), Action::Quit, "quit"),
    b(M::Help, Key::ch('j'), Action::Down, "scroll down"),
    b(M::Help, Key::plain(K::Down), Action::Down, "scroll down"),
    b(M::Help, Key::ch('k'), Action::Up, "scroll up"),
    b(M::Help, Key::plain(K::Up), Action::Up, "scroll up"),
    b(M::Problems, Key::ch('j'), Action::Down, "scroll down"),
    b(
        M::Problems,
        Key::plain(K::Down),
        Action::Down,
        "scroll down",
    ),
    b(M::Problems, Key::ch('k'), Action::Up, "scroll up"),
    b(M::Problems, Key::plain(K::Up), Action::Up, "scroll up"),
    // Long overlays page and jump like the reader.
    b(M::Help, Key::ch(' '), Action::PageDown, "page down"),
    b(
        M::Help,
        Key::plain(K::PageDown),
        Action::PageDown,
        "page down",
    ),
    b(M::Help, Key::ch('b'), Action::PageUp, "page up"),
    b(M::Help, Key::plain(K::PageUp), Action::PageUp, "page up"),
    b(M::Help, Key::ch('g'), Action::Top, "top"),
    b(M::Help, Key::plain(K::Home), Action::Top, "top"),
    b(M::Help, Key::ch('G'), Action::Bottom, "end"),
    b(
        M::Help,
        Key::ctrl('d'),
        Action::HalfPageDown,
        "half page down",
    ),
    b(M::Help, Key::ctrl('u'), Action::HalfPageUp, "half page up"),
    b(M::Problems, Key::plain(K::Home), Action::Top, "top"),
    b(M::Problems, Key::plain(K::End), Action::Bottom, "end"),
    b(
        M::Problems,
        Key::ctrl('d'),
        Action::HalfPageDown,
        "half page down",
    ),
    b(
        M::Problems,
        Key::ctrl('u'),
        Action::HalfPageUp,
        "half page up",
    ),
    b(M::Help, Key::plain(K::End), Action::Bottom, "end"),
    b(M::Problems, Key::ch(' '), Action::PageDown, "page down"),
    b(
        M::Problems,
        Key::plain(K::PageDown),
        Action::PageDown,
        "page down",
    ),
    b(M::Problems, Key::ch('b'), Action::PageUp, "page up"),
    b(
        M::Problems,
        Key::plain(K::PageUp),
        Action::PageUp,
        "page up",
    ),
    b(M::Problems, Key::ch('g'), Action::Top, "top"),
    b(M::Problems, Key::ch('G'), Action::Bottom, "end"),
    s(
        M::Changes,
        Key::plain(K::Esc),
        Action::CloseOverlay,
        "close",
    ),
    b(M::Changes, Key::ch('q'), Action::CloseOverlay, "close"),
    b(M::Changes, Key::ch('D'), Action::CloseOverlay, "close"),
    b(M::Changes, Key::ctrl('c'), Action::Quit, "quit"),
    s(M::Changes, Key::ch('j'), Action::Down, "scroll"),
    b(M::Changes, Key::plain(K::Down), Action::Down, "scroll down"),
    b(M::Changes, Key::ch('k'), Action::Up, "scroll up"),
    b(M::Changes, Key::plain(K::Up), Action::Up, "scroll up"),
    s(M::Changes, Key::ch(' '), Action::PageDown, "page down"),
    b(
        M::Changes,
        Key::plain(K::PageDown),
        Action::PageDown,
        "page down",
    ),
    b(M::Changes, Key::ch('b'), Action::PageUp, "page up"),
    b(M::Changes, Key::plain(K::PageUp), Action::PageUp, "page up"),
    b(M::Changes, Key::ch('g'), Action::Top, "top"),
    b(M::Changes, Key::plain(K::Home), Action::Top, "top"),
    b(M::Changes, Key::ch('G'), Action::Bottom, "end"),
    b(M::Changes, Key::plain(K::End), Action::Bottom, "end"),
    // Reviewing (see crate::app::review)
    b(
        M::Review,
        Key::ch('m'),
        Action::Review(R::Mark(St::Reviewed)),
        "mark reviewed",
    ),
    b(
        M::Review,
        Key::ch('x'),
        Action::Review(R::Mark(St::NeedsRevision)),
        "mark needs revision",
    ),
    b(
        M::Review,
        Key::ch('!'),
        Action::Review(R::Mark(St::Flagged)),
        "flag",
    ),
    b(
        M::Review,
        Key::ch('u'),
        Action::Review(R::Mark(St::Unreviewed)),
        "mark unreviewed",
    ),
    b(
        M::Review,
        Key::ch('a'),
        Action::Review(R::EditNote),
        "write the review note",
    ),
    b(
        M::Review,
        Key::ch('S'),
        Action::Review(R::EditScore),
        "give a score",
    ),
    b(
        M::Review,
        Key::ch('U'),
        Action::Review(R::TogglePublished),
        "unpublish / republish",
    ),
    b(
        M::Review,
        Key::ch('E'),
        Action::Review(R::Export),
        "export reviews (CSV/Markdown)",
    ),
    b(
        M::Review,
        Key::ch('t'),
        Action::Review(R::ToggleTag),
        "tag / untag (marks, S, U then apply to all tagged)",
    ),
    b(
        M::Review,
        Key::ch('T'),
        Action::Review(R::ClearTags),
        "clear the tags",
    ),
    b(
        M::Review,
        Key::ch('D'),
        Action::Review(R::ShowChanges),
        "what changed since the review",
    ),
    b(
        M::Review,
        Key::ch('F'),
        Action::Review(R::StartFresh),
        "start a fresh review file",
    ),
    b(
        M::List,
        Key::ch('R'),
        Action::Review(R::StartSession),
        "start a review session",
    ),
    s(
        M::Session,
        Key::ch('m'),
        Action::Review(R::MarkAndNext(St::Reviewed)),
        "reviewed, next",
    ),
    s(
        M::Session,
        Key::ch('x'),
        Action::Review(R::MarkAndNext(St::NeedsRevision)),
        "needs revision, next",
    ),
    s(
        M::Session,
        Key::ch('!'),
        Action::Review(R::MarkAndNext(St::Flagged)),
        "flag, next",
    ),
    s(
        M::Session,
        Key::ch('a'),
        Action::Review(R::EditNote),
        "note",
    ),
    s(
        M::Session,
        Key::ch('S'),
        Action::Review(R::EditScore),
        "score",
    ),
    b(
        M::Session,
        Key::ch('n'),
        Action::Review(R::NextUnreviewed),
        "skip to next unreviewed",
    ),
    s(
        M::Session,
        Key::plain(K::Esc),
        Action::Review(R::EndSession),
        "leave",
    ),
    // Everything else in a session is the reader's, then the global keys (Mode::fallbacks).
    s(
        M::Note,
        Key::ctrl('s'),
        Action::Review(R::PopupConfirm),
        "save the note",
    ),
    s(
        M::Note,
        Key::plain(K::Esc),
        Action::Review(R::PopupCancel),
        "cancel",
    ),
    s(
        M::Score,
        Key::plain(K::Enter),
        Action::Review(R::PopupConfirm),
        "save (empty clears)",
    ),
    s(
        M::Score,
        Key::plain(K::Esc),
        Action::Review(R::PopupCancel),
        "cancel",
    ),
    s(
        M::Export,
        Key::plain(K::Enter),
        Action::Review(R::PopupConfirm),
        "write",
    ),
    s(
        M::Export,
        Key::plain(K::Tab),
        Action::Review(R::SwitchFormat),
        "CSV / Markdown",
    ),
    s(
        M::Export,
        Key::plain(K::Esc),
        Action::Review(R::PopupCancel),
        "cancel",
    ),
    s(M::Confirm, Key::ch('y'), Action::Answer(Answer::Yes), "yes"),
    s(M::Confirm, Key::ch('n'), Action::Answer(Answer::No), "no"),
    b(
        M::Confirm,
        Key::plain(K::Esc),
        Action::Answer(Answer::No),
        "no",
    ),
    // Drafting
    b(M::List, Key::ch('n'), Action::Draft(D::New), "new draft"),
    b(
        M::List,
        Key::ch('d'),
        Action::Draft(D::ShowDrafts),
        "drafts",
    ),
    s(
        M::Drafts,
        Key::plain(K::Enter),
        Action::Open,
        "edit the draft",
    ),
    b(M::Drafts, Key::ch('j'), Action::Down, "down"),
    b(M::Drafts, Key::plain(K::Down), Action::Down, "down"),
    b(M::Drafts, Key::ch('k'), Action::Up, "up"),
    b(M::Drafts, Key::plain(K::Up), Action::Up, "up"),
    s(M::Drafts, Key::ch('n'), Action::Draft(D::New), "new draft"),
    s(
        M::Drafts,
        Key::ch('D'),
        Action::Draft(D::Delete),
        "delete the draft",
    ),
    s(M::Drafts, Key::plain(K::Esc), Action::CloseOverlay, "close"),
    b(M::Drafts, Key::ch('d'), Action::CloseOverlay, "close"),
    b(M::Drafts, Key::ch('q'), Action::CloseOverlay, "close"),
    b(M::Drafts, Key::ctrl('c'), Action::Quit, "quit"),
    s(M::Editor, Key::ctrl('s'), Action::Draft(D::Save), "save"),
    s(
        M::Editor,
        Key::ctrl('p'),
        Action::Draft(D::Publish),
        "publish",
    ),
    s(
        M::Editor,
        Key::plain(K::Esc),
        Action::Draft(D::Leave),
        "leave",
    ),
    s(M::Editor, Key::plain(K::F(1)), Action::Help, "help"),
    b(
        M::Editor,
        Key::plain(K::Tab),
        Action::Draft(D::NextField),
        "next field",
    ),
    b(
        M::Editor,
        Key::plain(K::BackTab),
        Action::Draft(D::PrevField),
        "previous field",
    ),
    s(
        M::Editor,
        Key::ctrl('o'),
        Action::Draft(D::TogglePreview),
        "preview",
    ),
    b(
        M::Editor,
        Key::ctrl('e'),
        Action::Draft(D::External),
        "edit in $VISUAL/$EDITOR",
    ),
    b(M::Editor, Key::ctrl('u'), Action::Draft(D::Undo), "undo"),
    b(M::Editor, Key::ctrl('r'), Action::Draft(D::Redo), "redo"),
    b(
        M::Editor,
        Key::ctrl(' '),
        Action::Draft(D::Select),
        "select (or shift+arrows)",
    ),
    b(
        M::Editor,
        Key::ctrl('a'),
        Action::Draft(D::SelectAll),
        "select all",
    ),
    b(M::Editor, Key::ctrl('x'), Action::Draft(D::Cut), "cut"),
    b(M::Editor, Key::ctrl('k'), Action::Draft(D::Copy), "copy"),
    b(M::Editor, Key::ctrl('v'), Action::Draft(D::Paste), "paste"),
    s(M::Editor, Key::ctrl('f'), Action::Draft(D::Find), "find"),
    b(
        M::Editor,
        Key::ctrl('g'),
        Action::Draft(D::FindNext),
        "next match",
    ),
    b(
        M::Editor,
        Key::ctrl('z'),
        Action::Suspend,
        "suspend (saves a recovery copy)",
    ),
    b(
        M::Editor,
        Key::ctrl('c'),
        Action::Quit,
        "quit (keeps a recovery copy)",
    ),
    s(
        M::EditorFind,
        Key::plain(K::Enter),
        Action::InputConfirm,
        "find",
    ),
    s(
        M::EditorFind,
        Key::plain(K::Esc),
        Action::InputCancel,
        "cancel",
    ),
    b(M::Prompt, Key::ch('y'), Action::Answer(Answer::Yes), "yes"),
    b(
        M::Prompt,
        Key::plain(K::Enter),
        Action::Answer(Answer::Yes),
        "yes",
    ),
    b(
        M::Prompt,
        Key::ch('r'),
        Action::Answer(Answer::Recover),
        "recover",
    ),
    b(
        M::Prompt,
        Key::ch('s'),
        Action::Answer(Answer::Save),
        "save",
    ),
    b(
        M::Prompt,
        Key::ch('d'),
        Action::Answer(Answer::Discard),
        "discard",
    ),
    b(
        M::Prompt,
        Key::ch('m'),
        Action::Answer(Answer::KeepMine),
        "keep mine",
    ),
    b(
        M::Prompt,
        Key::ch('t'),
        Action::Answer(Answer::KeepTheirs),
        "keep theirs",
    ),
    b(
        M::Prompt,
        Key::ch('b'),
        Action::Answer(Answer::ShowBoth),
        "show both",
    ),
    s(
        M::Prompt,
        Key::plain(K::Esc),
        Action::Answer(Answer::No),
        "cancel",
    ),
    b(
        M::Prompt,
        Key::ch('n'),
        Action::Answer(Answer::No),
        "cancel",
    ),
    b(
        M::Prompt,
        Key::ctrl('c'),
        Action::Answer(Answer::No),
        "cancel",
    ),
];

/// The keymap in use.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self {
            bindings: DEFAULT_BINDINGS.to_vec(),
        }
    }
}

impl Keymap {
    /// The action for `event` in `mode`. Global keys apply in the list and the reader.
    /// In an input line, an unbound printable key is typed.
    pub fn action(&self, mode: Mode, event: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        let find = |m: Mode| {
            self.bindings
                .iter()
                .find(|b| b.mode == m && b.key == key)
                .map(|b| b.action)
        };
        if let Some(action) = std::iter::once(mode)
            .chain(mode.fallbacks().iter().copied())
            .find_map(find)
        {
            return Some(action);
        }
        match mode {
            // Printable keys (and the textarea's own keys) go to the field first.
            Mode::Editor => Some(Action::Draft(D::Key(*event))),
            // Any other key is the text field's: typed, an editing key, or nothing.
            Mode::Filter
            | Mode::Find
            | Mode::EditorFind
            | Mode::Note
            | Mode::Score
            | Mode::Export
            | Mode::Follow => Some(Action::FieldKey(*event)),
            _ => None,
        }
    }

    /// "j/k down/up · enter read · …" for the status line of `mode`.
    pub fn status_hints(&self, mode: Mode) -> Vec<(String, &'static str)> {
        let mut hints = Vec::new();
        let modes: &[Mode] = match mode {
            Mode::List | Mode::Reader => &[mode, Mode::Global],
            _ => &[mode],
        };
        for &m in modes {
            for binding in self.bindings.iter().filter(|b| b.mode == m && b.in_status) {
                if !hints.iter().any(|(_, d)| *d == binding.description) {
                    hints.push((binding.key.label(), binding.description));
                }
            }
        }
        hints
    }

    /// What `key` does in the first of `mode`'s fallbacks that binds it.
    fn fallback_action(&self, mode: Mode, key: Key) -> Option<Action> {
        mode.fallbacks().iter().find_map(|&fallback| {
            self.bindings
                .iter()
                .find(|b| b.mode == fallback && b.key == key)
                .map(|b| b.action)
        })
    }

    /// The help overlay: per mode, each action with all of its keys; a key that does
    /// what it does in the mode's fallbacks is listed there only.
    pub fn help_sections(&self) -> Vec<(Mode, Vec<(String, &'static str)>)> {
        let order = [
            Mode::Global,
            Mode::List,
            Mode::Reader,
            Mode::Filter,
            Mode::Find,
            Mode::Follow,
            Mode::Outline,
            Mode::Problems,
            Mode::Help,
            Mode::Drafts,
            Mode::Editor,
            Mode::EditorFind,
            Mode::Prompt,
            Mode::Review,
            Mode::Session,
            Mode::Note,
            Mode::Score,
            Mode::Export,
            Mode::Confirm,
            Mode::Changes,
        ];
        order
            .iter()
            .map(|&mode| {
                let mut rows: Vec<(Action, Vec<String>, &'static str)> = Vec::new();
                for binding in self.bindings.iter().filter(|b| b.mode == mode) {
                    // A copy of a key the mode falls back to (there for the status
                    // line) is listed once, in the section it comes from.
                    if self.fallback_action(mode, binding.key) == Some(binding.action) {
                        continue;
                    }
                    match rows.iter_mut().find(|(a, _, _)| *a == binding.action) {
                        Some(row) => row.1.push(binding.key.label()),
                        None => rows.push((
                            binding.action,
                            vec![binding.key.label()],
                            binding.description,
                        )),
                    }
                }
                let rows = rows
                    .into_iter()
                    .map(|(_, keys, desc)| (keys.join(" "), desc))
                    .collect();
                (mode, rows)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_bound_once_per_mode() {
        let map = Keymap::default();
        for (i, a) in map.bindings.iter().enumerate() {
            for b in &map.bindings[i + 1..] {
                assert!(
                    !(a.mode == b.mode && a.key == b.key),
                    "{:?} bound twice in {:?}",
                    a.key,
                    a.mode
                );
            }
        }
    }

    #[test]
    fn a_session_falls_back_to_the_reader_then_the_global_keys() {
        let map = Keymap::default();
        let key = |c| KeyEvent::from(KeyCode::Char(c));
        assert_eq!(map.action(Mode::Session, &key('j')), Some(Action::Down));
        assert_eq!(
            map.action(Mode::Session, &key('/')),
            Some(Action::StartFind)
        );
        assert_eq!(map.action(Mode::Session, &key('q')), Some(Action::Quit));
        // Its own keys come first: n skips, esc leaves the session.
        assert_eq!(
            map.action(Mode::Session, &key('n')),
            Some(Action::Review(R::NextUnreviewed))
        );
        assert_eq!(
            map.action(Mode::Session, &KeyEvent::from(KeyCode::Esc)),
            Some(Action::Review(R::EndSession))
        );
        // A binding is never copied into a mode that falls back to it, unless the
        // copy is there to be listed in that mode's status line.
        for binding in map.bindings.iter().filter(|b| !b.in_status) {
            for fallback in binding.mode.fallbacks() {
                assert!(
                    !map.bindings.iter().any(|other| other.mode == *fallback
                        && other.key == binding.key
                        && other.action == binding.action),
                    "{:?} {:?} is copied from {fallback:?}",
                    binding.mode,
                    binding.key
                );
            }
        }
    }

    #[test]
    fn printable_keys_are_typed_in_input_lines() {
        let map = Keymap::default();
        let q = KeyEvent::from(KeyCode::Char('q'));
        assert_eq!(map.action(Mode::Filter, &q), Some(Action::FieldKey(q)));
        assert_eq!(map.action(Mode::List, &q), Some(Action::Quit));
    }
}
