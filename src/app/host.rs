//! Where the loop's events come from and who owns the terminal: the real terminal
//! (see [`super::terminal`]) or a script (tests, the `snapshot` command).

use std::collections::VecDeque;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crossterm::event::Event;

/// A link mark on screen whose link a terminal can open (see
/// [`crate::sanitize::hyperlink_target`]): where it is, its text and style as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Hyperlink {
    pub x: u16,
    pub y: u16,
    pub text: String,
    pub style: ratatui::style::Style,
    pub url: String,
}

/// What waiting for an event gave.
#[derive(Debug)]
pub enum Next {
    Event(Event),
    /// The timeout passed with no event.
    Timeout,
    /// The source has no more events (a script ran out): the loop ends.
    End,
    /// The process was stopped and continued (SIGTSTP then SIGCONT from outside): the
    /// terminal was taken back and the whole screen must be drawn again.
    Resumed,
}

/// The event source and the terminal's owner, as the run loop sees them.
pub trait Host {
    /// Waits for the next terminal event, at most `timeout` (forever when `None`).
    fn next_event(&mut self, timeout: Option<Duration>) -> io::Result<Next>;

    /// True when loading should finish before the next event is read (scripts:
    /// their keys are meant for the loaded folder).
    fn waits_for_load(&self) -> bool {
        false
    }

    /// True when the loop should take every event already waiting before it draws
    /// (a real terminal: a burst of keys is one frame). Scripts draw after each event
    /// unless they ask otherwise, so each key sees the layout the last one left.
    fn batches(&self) -> bool {
        false
    }

    /// Gives the terminal to `$VISUAL`/`$EDITOR` on `path` and takes it back.
    /// An error is one sentence for the status line.
    fn edit(&mut self, path: &Path) -> Result<(), String>;

    /// Opens a web address or a file with the system opener (the terminal handed over
    /// while it runs). An error is one sentence for the status line.
    fn open(&mut self, target: &str) -> Result<(), String> {
        Err(format!("not opened here: {target}"))
    }

    /// Puts `text` on the clipboard through the terminal (OSC 52).
    fn copy(&mut self, _text: &str) -> Result<(), String> {
        Err("nothing can be copied here".to_string())
    }

    /// Makes the link marks just drawn clickable (OSC 8), on terminals (the default
    /// does nothing: a test screen has no hyperlinks). Called right after a frame,
    /// with [`Host::output_lock`] still held.
    fn hyperlinks(&mut self, _links: &[Hyperlink]) {}

    /// Suspends the process (Ctrl-z) with the terminal restored; returns on resume.
    fn suspend(&mut self) -> io::Result<()> {
        Ok(())
    }

    /// Held while drawing, so a signal handler never restores the terminal mid-frame.
    fn output_lock(&self) -> Option<std::sync::MutexGuard<'static, ()>> {
        None
    }
}

type EditHook = Box<dyn FnMut(&Path) -> Result<(), String>>;

/// A scripted session: the events to feed, then the end.
pub struct ScriptedHost {
    events: VecDeque<Event>,
    /// Every file `e` asked to edit, in order.
    pub edited: Vec<PathBuf>,
    /// Every address or file given to the opener, in order (nothing is run).
    pub opened: Vec<String>,
    /// Every text copied, in order.
    pub copied: Vec<String>,
    on_edit: Option<EditHook>,
    batched: bool,
}

impl ScriptedHost {
    pub fn new(events: impl IntoIterator<Item = Event>) -> Self {
        Self {
            events: events.into_iter().collect(),
            edited: Vec::new(),
            opened: Vec::new(),
            copied: Vec::new(),
            on_edit: None,
            batched: false,
        }
    }

    /// Feeds the events the way a real terminal delivers a burst: all of them before
    /// the next frame.
    pub fn batched(mut self) -> Self {
        self.batched = true;
        self
    }

    /// Runs `hook` where a real session would run the editor (tests change the file).
    pub fn on_edit(mut self, hook: impl FnMut(&Path) -> Result<(), String> + 'static) -> Self {
        self.on_edit = Some(Box::new(hook));
        self
    }

    pub fn push(&mut self, event: Event) {
        self.events.push_back(event);
    }
}

impl Host for ScriptedHost {
    fn next_event(&mut self, _timeout: Option<Duration>) -> io::Result<Next> {
        Ok(self.events.pop_front().map_or(Next::End, Next::Event))
    }

    fn waits_for_load(&self) -> bool {
        true
    }

    fn batches(&self) -> bool {
        self.batched
    }

    fn open(&mut self, target: &str) -> Result<(), String> {
        self.opened.push(target.to_string());
        Ok(())
    }

    fn copy(&mut self, text: &str) -> Result<(), String> {
        self.copied.push(text.to_string());
        Ok(())
    }

    fn edit(&mut self, path: &Path) -> Result<(), String> {
        self.edited.push(path.to_path_buf());
        match &mut self.on_edit {
            Some(hook) => hook(path),
            None => Ok(()),
        }
    }
}
