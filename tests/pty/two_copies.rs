//! Two copies of the app on one site, as students keep them (one to read, one to write):
//! a draft open in one is read-only in the other, and unsaved text belonging to a live
//! copy is never offered (nor deleted) by another. Real processes in real terminals.

#![cfg(unix)]

use std::time::{Duration, Instant};

use crate::support::pty::Pty;
use crate::support::site::full_draft;

/// A site with one post and the draft `_drafts/shared-draft.md`.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    std::fs::create_dir_all(site.join("posts/sam")).unwrap();
    std::fs::write(
        site.join("posts/sam/2024-01-01-old.md"),
        "---\nlayout: post\ntitle: Old\nauthor: sam\n---\nOld post.\n",
    )
    .unwrap();
    std::fs::create_dir_all(site.join("_drafts")).unwrap();
    std::fs::write(
        site.join("_drafts/shared-draft.md"),
        full_draft("Shared draft"),
    )
    .unwrap();
    dir
}

const APP: &str = "\"$0\" \"$1/posts\"; echo APP-DONE";

/// Opens the drafts list and the first draft in it.
fn open_the_draft(app: &mut Pty) {
    app.wait_output("1 post ·");
    app.keys("d");
    app.wait_output("shared-draft.md");
    app.keys("\r");
    app.wait_output("drafting _drafts/shared-draft.md");
}

#[test]
fn a_draft_open_in_one_copy_is_read_only_in_the_other_and_nothing_is_overwritten() {
    let dir = site();
    let site = dir.path();
    let draft = site.join("_drafts/shared-draft.md");

    let mut a = Pty::on_site(APP, site);
    open_the_draft(&mut a);
    a.keys("Written by A. ");
    a.wait_output("Written by A.");
    a.keys("\x13"); // ctrl-s
    a.wait_output("saved _drafts/shared-draft.md");

    // The command line cannot publish it from under A either.
    let publish = std::process::Command::new(env!("CARGO_BIN_EXE_meetup-reader"))
        .arg("publish")
        .arg(&draft)
        .args(["--dir"])
        .arg(site.join("posts"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&publish.stderr);
    assert_eq!(publish.status.code(), Some(2), "{said}");
    assert!(said.contains("is open in another meetup-reader"), "{said}");
    assert!(draft.exists());

    let mut b = Pty::on_site(APP, site);
    b.wait_output("1 post ·");
    b.keys("d");
    b.wait_output("open in another meetup-reader");
    b.keys("\r");
    b.wait_output("read-only");
    b.keys("Typed by B");
    b.wait_output("has this draft open");
    assert!(
        !b.parser.screen().contents().contains("Typed by B"),
        "a read-only draft takes no typing"
    );
    // B's way forward: its own copy.
    b.keys("\x13");
    b.wait_output("editing a copy: shared-draft-2.md");
    b.keys("Written by B. ");
    b.wait_output("Written by B.");
    b.keys("\x13");
    b.wait_output("saved _drafts/shared-draft-2.md");

    // A saves again: B never touched A's file.
    a.keys("More from A. ");
    a.wait_output("More from A.");
    a.keys("\x13");
    a.wait_output("saved _drafts/shared-draft.md");
    for app in [&mut a, &mut b] {
        app.keys("\x1b");
        app.wait_output("1 post ·");
        app.keys("q");
        app.wait_output("APP-DONE");
        app.wait_exit();
    }

    let mine = std::fs::read_to_string(&draft).unwrap();
    assert!(mine.contains("Written by A. More from A."), "{mine}");
    assert!(!mine.contains("Written by B"), "{mine}");
    let copy = std::fs::read_to_string(site.join("_drafts/shared-draft-2.md")).unwrap();
    assert!(
        copy.contains("Written by A.") && copy.contains("Written by B."),
        "{copy}"
    );
    let left: Vec<String> = std::fs::read_dir(site.join("_drafts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "no lock or recovery file left: {left:?}");
}

#[test]
fn unsaved_text_of_a_live_copy_is_never_offered_by_another_and_survives_its_kill() {
    let dir = site();
    let site = dir.path();
    let recovery = site.join("_drafts/.shared-draft.md.autosave");

    let mut a = Pty::on_site(
        "\"$0\" \"$1/posts\" </dev/tty & echo \"APP-PID $!\"; wait; echo A-DONE",
        site,
    );
    open_the_draft(&mut a);
    a.keys("Unsaved by A. ");
    a.wait_output("Unsaved by A.");
    // The autosave follows a pause in typing.
    let deadline = Instant::now() + Duration::from_secs(15);
    while !recovery.exists() {
        assert!(Instant::now() < deadline, "A autosaved its text");
        std::thread::sleep(Duration::from_millis(100));
    }

    let mut b = Pty::on_site(APP, site);
    b.wait_output("1 post ·");
    b.keys("d");
    b.wait_output("open in another meetup-reader");
    assert!(
        !b.parser.screen().contents().contains("Unsaved text found"),
        "B offers nothing of A's: {}",
        b.parser.screen().contents()
    );
    b.keys("\x1b");
    // Apart, or the terminal reads them as alt-q.
    std::thread::sleep(Duration::from_millis(300));
    b.keys("q");
    b.wait_output("APP-DONE");
    b.wait_exit();
    assert!(recovery.exists(), "B left A's unsaved text alone");

    // A dies without a chance to clean up; its text is offered to the next copy.
    let pid = a.app_pid().unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    a.wait_output("A-DONE");

    let mut c = Pty::on_site(APP, site);
    c.wait_output("Unsaved text found");
    c.keys("r");
    c.wait_output("recovered the unsaved text");
    c.wait_output("Unsaved by A.");
    c.keys("\x13");
    c.wait_output("saved _drafts/shared-draft.md");
    c.keys("\x1b");
    c.wait_output("1 post ·");
    c.keys("q");
    c.wait_output("APP-DONE");
    c.wait_exit();
    let saved = std::fs::read_to_string(site.join("_drafts/shared-draft.md")).unwrap();
    assert!(saved.contains("Unsaved by A."), "{saved}");
}

#[test]
fn leftovers_of_a_write_cut_short_are_cleaned_at_the_next_start() {
    let dir = site();
    let site = dir.path();
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    let leftovers = [
        site.join("_drafts/.tmp-Xy12ab.partial"),
        site.join("posts/sam/.tmp-Zz98cd.partial"),
    ];
    for path in &leftovers {
        let file = std::fs::File::create(path).unwrap();
        file.set_len(1 << 20).unwrap();
        file.set_modified(hour_ago).unwrap();
    }
    // One being written right now by another copy is left alone.
    let fresh = site.join("_drafts/.tmp-Fresh1.partial");
    std::fs::write(&fresh, "in progress").unwrap();

    let mut app = Pty::on_site(APP, site);
    app.wait_output("1 post ·");
    let deadline = Instant::now() + Duration::from_secs(10);
    while leftovers.iter().any(|p| p.exists()) {
        assert!(Instant::now() < deadline, "leftovers removed");
        std::thread::sleep(Duration::from_millis(50));
    }
    app.keys("q");
    app.wait_output("APP-DONE");
    app.wait_exit();
    assert!(fresh.exists());
}
