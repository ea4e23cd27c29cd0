//! Two writers of one site's review file (the app and `review mark`, or two terminals)
//! never lose each other's marks: a save re-reads the file under a lock and writes only
//! what it changed.

use std::fs;
use std::path::Path;
use std::process::Command;

use meetup_reader::review::{ReviewStatus, ReviewStore};

#[test]
fn two_stores_saving_one_file_keep_both_marks() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("reviews.json");
    let mut first = ReviewStore::open(&file).unwrap();
    let mut second = ReviewStore::open(&file).unwrap();
    first
        .set_status("a.md", b"A", ReviewStatus::Reviewed)
        .unwrap();
    second
        .set_status("b.md", b"B", ReviewStatus::Flagged)
        .unwrap();
    first.save().unwrap();
    second.save().unwrap();
    let reopened = ReviewStore::open(&file).unwrap();
    assert_eq!(reopened.status("a.md"), ReviewStatus::Reviewed);
    assert_eq!(reopened.status("b.md"), ReviewStatus::Flagged);
    // The second store now also sees the first one's mark.
    assert_eq!(second.status("a.md"), ReviewStatus::Reviewed);
    // Clearing a review in one store removes it, leaving the other's.
    second
        .set_status("b.md", b"B", ReviewStatus::Unreviewed)
        .unwrap();
    second.save().unwrap();
    let reopened = ReviewStore::open(&file).unwrap();
    assert_eq!(reopened.status("a.md"), ReviewStatus::Reviewed);
    assert_eq!(reopened.status("b.md"), ReviewStatus::Unreviewed);
}

/// A store takes what another saved since it read the file, its own unsaved changes
/// staying over it; with the file unchanged, a refresh changes nothing.
#[test]
fn a_refresh_takes_another_stores_saves_and_keeps_unsaved_changes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("reviews.json");
    let mut here = ReviewStore::open(&file).unwrap();
    assert!(!here.refresh().unwrap(), "no file yet, nothing changed");
    let mut there = ReviewStore::open(&file).unwrap();
    there
        .set_status("a.md", b"A", ReviewStatus::Flagged)
        .unwrap();
    there
        .set_status("b.md", b"B", ReviewStatus::Reviewed)
        .unwrap();
    there.save().unwrap();
    // Here, b.md is changed and not saved yet.
    here.set_status("b.md", b"B", ReviewStatus::NeedsRevision)
        .unwrap();
    assert!(here.refresh().unwrap());
    assert_eq!(here.status("a.md"), ReviewStatus::Flagged);
    assert_eq!(here.status("b.md"), ReviewStatus::NeedsRevision);
    assert!(!here.refresh().unwrap(), "the file did not change since");
    // The save still tells that both changed b.md.
    here.save().unwrap();
    assert!(!here.take_conflicts().is_empty());
    assert!(!here.refresh().unwrap(), "its own save is not news");
}

#[test]
fn parallel_review_marks_are_all_kept() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    let count = 20;
    for i in 0..count {
        let path = posts.join(format!("ann/2024-01-{:02}-post-{i}.md", i + 1));
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, format!("---\ntitle: Post {i}\n---\nBody\n")).unwrap();
    }
    let file = dir.path().join("reviews.json");
    let binary = assert_cmd::cargo::cargo_bin!("meetup-reader");
    let children: Vec<_> = (0..count)
        .map(|i| {
            Command::new(binary)
                .args(["review", "mark", "--status", "reviewed", "--dir"])
                .arg(&posts)
                .arg("--review-file")
                .arg(&file)
                .arg(posts.join(format!("ann/2024-01-{:02}-post-{i}.md", i + 1)))
                .env("MEETUP_READER_DATA_DIR", dir.path().join("data"))
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let store = ReviewStore::open(&file).unwrap();
    let reviewed = (0..count)
        .filter(|i| {
            let key = format!("ann/2024-01-{:02}-post-{i}.md", i + 1);
            store.status(&key) == ReviewStatus::Reviewed
        })
        .count();
    assert_eq!(reviewed, count, "marks lost to a race");
    assert!(Path::new(&file).exists());
}

#[test]
fn a_save_writes_only_the_fields_it_changed_over_what_another_process_saved() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("reviews.json");
    let mut app = ReviewStore::open(&file).unwrap();
    // Meanwhile the command line flags the post and writes a note…
    let mut cli = ReviewStore::open(&file).unwrap();
    cli.update("a.md", b"A", |r| {
        r.status = ReviewStatus::Flagged;
        r.note = "see me".into();
    })
    .unwrap();
    cli.save().unwrap();
    // …and the app, which read the file before, gives the same post a score.
    app.update("a.md", b"A", |r| r.score = Some(8.5)).unwrap();
    app.save().unwrap();
    assert!(app.take_conflicts().is_empty());
    let saved = ReviewStore::open(&file).unwrap();
    let review = saved.get("a.md").unwrap();
    assert_eq!(review.status, ReviewStatus::Flagged, "the flag is kept");
    assert_eq!(review.note, "see me", "the note is kept");
    assert_eq!(review.score, Some(8.5));
    // The app now shows what the command line did.
    assert_eq!(app.get("a.md").unwrap().note, "see me");
}

#[test]
fn the_same_field_changed_in_both_is_never_overwritten_silently() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("reviews.json");
    let mut first = ReviewStore::open(&file).unwrap();
    let mut second = ReviewStore::open(&file).unwrap();
    second
        .update("a.md", b"A", |r| {
            r.note = "theirs".into();
            r.score = Some(6.0);
        })
        .unwrap();
    second.save().unwrap();
    first
        .update("a.md", b"A", |r| {
            r.note = "mine".into();
            r.score = Some(9.0);
        })
        .unwrap();
    first.save().unwrap();
    let clashes = first.take_conflicts();
    assert_eq!(clashes.len(), 2, "{clashes:?}");
    assert!(
        clashes
            .iter()
            .any(|c| c.contains("a.md: the score was also changed elsewhere (to 6)"))
    );
    assert!(
        clashes
            .iter()
            .any(|c| c.contains("the note was also changed elsewhere; both are kept"))
    );
    let review = ReviewStore::open(&file)
        .unwrap()
        .get("a.md")
        .cloned()
        .unwrap();
    assert_eq!(review.note, "theirs\n\nmine", "no words lost");
    assert_eq!(review.score, Some(9.0));
}
