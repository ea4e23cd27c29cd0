//! End to end: the real binary in a pseudo-terminal (`support::pty`), the terminal
//! restored after it, signals, drafting, reviewing and bracketed paste. One test binary:
//! a module per file in `pty/`.

#![cfg(unix)]

mod support;

#[path = "pty/app.rs"]
mod app;
#[path = "pty/code_colours.rs"]
mod code_colours;
#[path = "pty/editor.rs"]
mod editor;
#[path = "pty/links.rs"]
mod links;
#[path = "pty/paste.rs"]
mod paste;
#[path = "pty/review_app.rs"]
mod review_app;
#[path = "pty/two_copies.rs"]
mod two_copies;
