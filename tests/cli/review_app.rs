//! `--review-file` on the command line: `snapshot` reads and writes the file named,
//! and without it reads the site's default review file (in the data folder, which
//! these tests point at a temp folder) without ever writing it.

use assert_cmd::Command;
use meetup_reader::review::{DATA_DIR_ENV, ReviewStatus, ReviewStore};

fn site() -> (tempfile::TempDir, tempfile::TempDir) {
    let posts = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let post = posts.path().join("ann/2024-04-01-ann.md");
    std::fs::create_dir_all(post.parent().unwrap()).unwrap();
    std::fs::write(
        &post,
        "---\ntitle: Ann at the meetup\nauthor: ann\n---\n\nHello.\n",
    )
    .unwrap();
    (posts, data)
}

fn snapshot(posts: &std::path::Path, data: &std::path::Path, extra: &[&str]) -> String {
    let out = Command::cargo_bin("meetup-reader")
        .unwrap()
        .env(DATA_DIR_ENV, data)
        .env("NO_COLOR", "1")
        .arg("snapshot")
        .arg(posts)
        .args(["--size", "100x20"])
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn snapshot_marks_in_the_review_file_it_is_given() {
    let (posts, data) = site();
    let file = data.path().join("elsewhere").join("r.json");
    let screen = snapshot(
        posts.path(),
        data.path(),
        &["--review-file", file.to_str().unwrap(), "--keys", "!"],
    );
    assert!(screen.contains("review: flagged"), "{screen}");
    let store = ReviewStore::open(&file).unwrap();
    assert_eq!(store.status("ann/2024-04-01-ann.md"), ReviewStatus::Flagged);
    // The next run shows the mark.
    let screen = snapshot(
        posts.path(),
        data.path(),
        &["--review-file", file.to_str().unwrap()],
    );
    assert!(screen.contains("│⚑"), "{screen}");
}

#[test]
fn snapshot_reads_the_default_review_file_but_never_writes_it() {
    let (posts, data) = site();
    let screen = snapshot(posts.path(), data.path(), &["--keys", "m"]);
    assert!(screen.contains("open read-only"), "{screen}");
    assert_eq!(std::fs::read_dir(data.path()).unwrap().count(), 0);
}

#[test]
fn the_app_command_takes_a_review_file() {
    let out = Command::cargo_bin("meetup-reader")
        .unwrap()
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("--review-file <PATH>"), "{help}");
}
