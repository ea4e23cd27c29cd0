//! End to end: `meetup-reader --review-file FILE DIR` in a pseudo-terminal. A review
//! session marks the first post, a note is written in the popup (ctrl-s saves even
//! though it is the terminal's XOFF key: raw mode turns flow control off), and the
//! review file holds both after the app quits.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use meetup_reader::review::{ReviewStatus, ReviewStore};

use crate::support::pty::{Launch, Pty};
use crate::support::site::review_site;

#[test]
fn the_real_app_saves_review_marks_and_notes() {
    let site = review_site();
    let review_file = site.review_file();
    let mut s = Pty::start(Launch {
        script: "exec \"$0\" --review-file \"$1\" \"$2\"",
        args: vec![&review_file, &site.posts],
        // Never the real user's data folder, whatever happens.
        env: vec![("MEETUP_READER_DATA_DIR", site.private.path())],
        size: (100, 30),
    });
    s.drive(|s| {
        s.wait_text("4 posts");
        s.keys("R");
        s.wait_text("0 / 4 reviewed");
        s.keys("m");
        s.wait_text("1 / 4 reviewed");
        s.keys("\x1b");
        // Let the lone Esc be read as Esc, not as the start of a sequence.
        std::thread::sleep(Duration::from_millis(200));
        s.keys("g");
        s.keys("a");
        s.wait_text("save the note");
        s.keys("fine work");
        s.keys("\x13");
        s.wait_text("note saved");
        s.keys("q");
    });
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
