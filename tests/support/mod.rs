//! What the integration tests share. Each test binary takes the parts it needs.
//!
//! - [`screen`]: the app's real loop on `TestBackend`, keys in the snapshot syntax, the
//!   screen as text.
//! - [`site`]: sites of posts in temp folders, the sample posts, posts in memory.
//! - [`pty`]: the real binary in a pseudo-terminal.
//! - [`alone`]: a test that changes the process's environment, run in a process of its own.
#![allow(dead_code)]

pub mod alone;
pub mod pty;
pub mod screen;
pub mod site;
