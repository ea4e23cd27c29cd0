//! Autosave and crash recovery: unsaved text survives a session that never saved,
//! a clean save leaves nothing behind, and publishing waits for a recovery decision.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use meetup_reader::draft::{DraftSession, find_recoveries, find_recovery, publish, recovery_path};
use meetup_reader::post::PostDate;

use crate::support::alone::test_name;

const SAVED: &str = "---\nlayout: post\nauthor: sam\ntitle: Mine\n---\n\n**How did it go?**\n";

fn draft_in(dir: &Path) -> std::path::PathBuf {
    let draft = dir.join("_drafts/mine.md");
    fs::create_dir_all(draft.parent().unwrap()).unwrap();
    fs::write(&draft, SAVED).unwrap();
    draft
}

#[test]
fn unsaved_text_is_recovered_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let draft = draft_in(dir.path());
    let edited = format!("{SAVED}It went well.\n");

    // First session: a change, an autosave, then the process "dies" (no clean save).
    {
        let (mut session, recovery) = DraftSession::open(&draft).unwrap();
        assert_eq!(recovery, None);
        let t0 = Instant::now();
        session.note_change(t0);
        assert!(!session.autosave_due(t0 + Duration::from_secs(1)));
        let due = session.next_autosave().unwrap();
        assert!(session.autosave_due(due));
        session.autosave(&edited, due).unwrap();
        assert!(!session.autosave_due(due + Duration::from_secs(60)));
    }
    assert_eq!(
        fs::read_to_string(&draft).unwrap(),
        SAVED,
        "the draft itself is untouched"
    );

    // Next start: the leftover is found, by draft and by folder scan.
    let (_, recovery) = DraftSession::open(&draft).unwrap();
    let recovery = recovery.expect("unsaved text is offered back");
    assert_eq!(recovery.text, edited);
    let (found, error) = find_recoveries(&dir.path().join("_drafts"));
    assert!(error.is_none());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0], recovery);

    // Publishing waits until the user decides.
    let posts = dir.path().join("_posts");
    fs::create_dir_all(&posts).unwrap();
    let err = publish(&draft, &posts, PostDate::new(2023, 1, 2)).unwrap_err();
    assert!(
        err.to_string()
            .contains("unsaved text from an earlier session"),
        "{err}"
    );

    recovery.restore().unwrap();
    assert_eq!(fs::read_to_string(&draft).unwrap(), edited);
    assert!(!recovery_path(&draft).exists());
    assert_eq!(find_recovery(&draft).unwrap(), None);
}

#[test]
fn a_clean_save_discards_the_recovery_file() {
    let dir = tempfile::tempdir().unwrap();
    let draft = draft_in(dir.path());
    let (mut session, _) = DraftSession::open(&draft).unwrap();
    let edited = format!("{SAVED}More.\n");
    session.note_change(Instant::now());
    session.autosave(&edited, Instant::now()).unwrap();
    assert!(recovery_path(&draft).exists());
    session.save(&edited).unwrap();
    assert!(!recovery_path(&draft).exists());
    assert!(!session.is_dirty(&edited));
    assert_eq!(fs::read_to_string(&draft).unwrap(), edited);
    // Only the draft is left in the folder once it is closed: no temporary, recovery
    // or lock files.
    drop(session);
    assert_eq!(fs::read_dir(draft.parent().unwrap()).unwrap().count(), 1);
}

#[test]
fn a_stale_recovery_file_is_dropped_and_discard_works() {
    let dir = tempfile::tempdir().unwrap();
    let draft = draft_in(dir.path());
    fs::write(recovery_path(&draft), SAVED).unwrap();
    assert_eq!(
        find_recovery(&draft).unwrap(),
        None,
        "same as the draft: nothing to offer"
    );
    assert!(!recovery_path(&draft).exists());

    fs::write(recovery_path(&draft), "other").unwrap();
    find_recovery(&draft).unwrap().unwrap().discard().unwrap();
    assert!(!recovery_path(&draft).exists());
    assert_eq!(fs::read_to_string(&draft).unwrap(), SAVED);
}

#[test]
fn recovery_files_are_hidden_from_the_loader() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("_posts");
    fs::create_dir_all(&posts).unwrap();
    let draft = posts.join("in-posts.md");
    fs::write(&draft, SAVED).unwrap();
    let mut session = DraftSession::new(&draft, SAVED);
    session.autosave("changed", Instant::now()).unwrap();
    let library = meetup_reader::post::load_folder(&posts).unwrap();
    assert_eq!(library.posts.len(), 1);
}

/// The child half of the killed-process test: autosaves, then waits to be killed.
/// Does nothing unless the parent test started it.
#[test]
fn crash_child() {
    let Some(draft) = std::env::var_os("MEETUP_READER_CRASH_CHILD") else {
        return;
    };
    let draft = Path::new(&draft);
    let (mut session, _) = DraftSession::open(draft).unwrap();
    session.note_change(Instant::now());
    session
        .autosave("typed before the crash\n", Instant::now())
        .unwrap();
    loop {
        std::thread::sleep(Duration::from_secs(1));
    }
}

#[cfg(unix)]
#[test]
fn recovery_after_a_killed_process() {
    let dir = tempfile::tempdir().unwrap();
    let draft = draft_in(dir.path());
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            &test_name(module_path!(), "crash_child"),
            "--nocapture",
            "--test-threads=1",
        ])
        .env("MEETUP_READER_CRASH_CHILD", &draft)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait for the autosave to land (bounded, so a broken child cannot hang the suite).
    let mut waited = 0;
    while !recovery_path(&draft).exists() && waited < 600 {
        std::thread::sleep(Duration::from_millis(50));
        waited += 1;
    }
    child.kill().unwrap(); // SIGKILL: no destructor, no clean-up runs.
    child.wait().unwrap();
    let recovery = find_recovery(&draft)
        .unwrap()
        .expect("the autosave survived the kill");
    assert_eq!(recovery.text, "typed before the crash\n");
    assert_eq!(fs::read_to_string(&draft).unwrap(), SAVED);
}
