//! End to end: `meetup-reader --review-file FILE DIR` in a pseudo-terminal. A review
//! session marks the first post, a note is written in the popup (ctrl-s saves even
//! though it is the terminal's XOFF key: raw mode turns flow control off), and the
//! review file holds both after the app quits.

#![cfg(unix)]

mod review_common;

use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use meetup_reader::review::{ReviewStatus, ReviewStore};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// The longest any one step may take before the test fails (never hangs CI).
const STEP: Duration = Duration::from_secs(20);

#[test]
fn the_real_app_saves_review_marks_and_notes() {
    let site = review_common::site();
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_meetup-reader"));
    cmd.arg("--review-file");
    cmd.arg(site.review_file());
    cmd.arg(site.posts.path());
    cmd.env("TERM", "xterm-256color");
    // Never the real user's data folder, whatever happens.
    cmd.env("MEETUP_READER_DATA_DIR", site.private.path());
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut writer = pty.master.take_writer().unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut parser = vt100::Parser::new(30.try_into().unwrap(), 100.try_into().unwrap(), 0);
    let mut wait_text = |text: &str| {
        let deadline = Instant::now() + STEP;
        while !parser.screen().contents().contains(text) {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left.max(Duration::from_millis(1))) {
                Ok(bytes) => parser.process(&bytes),
                Err(_) => {
                    panic!(
                        "timed out waiting for {text:?}; screen:\n{}",
                        parser.screen().contents()
                    )
                }
            }
        }
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut keys = |bytes: &str| {
            writer.write_all(bytes.as_bytes()).unwrap();
            writer.flush().unwrap();
        };
        wait_text("4 posts");
        keys("R");
        wait_text("0 / 4 reviewed");
        keys("m");
        wait_text("1 / 4 reviewed");
        keys("\x1b");
        // Let the lone Esc be read as Esc, not as the start of a sequence.
        std::thread::sleep(Duration::from_millis(200));
        keys("g");
        keys("a");
        wait_text("save the note");
        keys("fine work");
        keys("\x13");
        wait_text("note saved");
        keys("q");
    }));
    let deadline = Instant::now() + STEP;
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline || result.is_err() {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
    let store = ReviewStore::open(&site.review_file()).unwrap();
    let ann = store.get("ann/2024-04-01-ann.md").unwrap();
    assert_eq!(ann.status, ReviewStatus::Reviewed);
    assert_eq!(ann.note, "fine work");
    let mode = std::fs::metadata(site.review_file())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}
