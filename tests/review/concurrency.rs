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
