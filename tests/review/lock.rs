//! A review file whose lock another process holds (a second app saving, a stuck or
//! stopped `review mark`) never freezes anyone: `review mark` gives up after a few
//! seconds with one sentence, and the app keeps the change in memory, queued, and
//! saves it once the file is free, merged with what others saved meanwhile.

use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin_cmd;
use meetup_reader::review::{ReviewError, ReviewStatus, ReviewStore};
use predicates::prelude::*;

use crate::support::screen::*;
use crate::support::site::*;

const ANN: &str = "ann/2024-04-01-ann.md";
const BOB: &str = "bob/2024-03-01-bob.md";
const DAN: &str = "dan/2024-01-01-dan.md";

/// The lock file beside a review file: its name with `.lock` added.
fn lock_file_of(review_file: &Path) -> PathBuf {
    let mut name = review_file.file_name().unwrap().to_os_string();
    name.push(".lock");
    review_file.with_file_name(name)
}

/// Holds the review file's save lock, as another process saving it would (the store
/// opens `<file>.lock` and takes an exclusive lock on it); released on drop.
fn hold_lock(review_file: &Path) -> HeldLock {
    assert_eq!(
        lock_file_of(review_file),
        meetup_reader::review::store::lock_path(review_file)
    );
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_file_of(review_file))
        .unwrap();
    file.lock().unwrap();
    HeldLock {
        file: Some(file),
        path: lock_file_of(review_file),
    }
}

struct HeldLock {
    file: Option<File>,
    path: PathBuf,
}

impl Drop for HeldLock {
    /// Releases the lock, then waits (a few seconds at most) until it is free: a
    /// process that another test of this binary starts at that moment holds a copy of
    /// the descriptor, and so the lock, until it runs its program, and the app's retry
    /// tries only once.
    fn drop(&mut self) {
        drop(self.file.take());
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            match File::open(&self.path) {
                Ok(probe) if probe.try_lock().is_err() => {
                    std::thread::sleep(Duration::from_millis(2));
                }
                _ => return,
            }
        }
    }
}

fn status_on_disk(review_file: &Path, key: &str) -> ReviewStatus {
    ReviewStore::open(review_file).unwrap().status(key)
}

/// `meetup-reader review mark` on the site, every user folder inside the temp folders.
fn mark_cmd(site: &Site, post: &str) -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("meetup-reader");
    let home = site.private.path();
    cmd.current_dir(site.posts.as_path())
        .env("HOME", home.join("home"))
        .env("XDG_DATA_HOME", home.join("xdg-data"))
        .env("XDG_CONFIG_HOME", home.join("xdg-config"))
        .env("MEETUP_READER_DATA_DIR", home.join("data"))
        .args(["review", "mark", post, "--status", "reviewed", "--dir"])
        .arg(site.posts.as_path())
        .arg("--review-file")
        .arg(site.review_file())
        .timeout(Duration::from_secs(10));
    cmd
}

#[test]
fn review_mark_gives_up_on_a_held_lock_with_one_sentence() {
    let site = review_site();
    let lock = hold_lock(&site.review_file());
    let started = Instant::now();
    let assert = mark_cmd(&site, ANN).assert();
    let took = started.elapsed();
    let sentence = format!(
        "the review file {} is locked by another meetup-reader (or review command); try again when it has finished",
        site.review_file().display()
    );
    let output = assert.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.trim_end(), format!("meetup-reader: {sentence}"));
    assert!(output.stdout.is_empty());
    assert!(took < Duration::from_secs(10), "took {took:?}");
    // It did wait a little for the other process to finish.
    assert!(took >= Duration::from_secs(2), "took {took:?}");
    assert!(!site.review_file().exists());

    drop(lock);
    mark_cmd(&site, ANN)
        .assert()
        .success()
        .stdout(predicate::str::contains("reviewed"));
    assert_eq!(
        status_on_disk(&site.review_file(), ANN),
        ReviewStatus::Reviewed
    );
}

#[test]
fn review_mark_saves_once_the_lock_is_released_while_it_waits() {
    let site = review_site();
    let lock = hold_lock(&site.review_file());
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(500));
        drop(lock);
    });
    mark_cmd(&site, BOB).assert().success();
    release.join().unwrap();
    assert_eq!(
        status_on_disk(&site.review_file(), BOB),
        ReviewStatus::Reviewed
    );
}

#[test]
fn the_app_queues_a_mark_while_the_file_is_locked_and_saves_it_later() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    press(&mut app, &mut term, "");
    assert_eq!(selected_title(&app), "Ann at the meetup");
    let lock = hold_lock(&site.review_file());

    let started = Instant::now();
    let screen = press(&mut app, &mut term, "m");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
    assert!(screen.contains("review file busy"), "{screen}");
    assert!(screen.contains("your mark is queued"), "{screen}");
    let ann = app.selected_post().unwrap().clone();
    assert_eq!(app.review.status(&ann), ReviewStatus::Reviewed);
    assert!(
        line_with(&screen, "2024-04-01 Ann at the meetup").starts_with("│✓"),
        "{screen}"
    );
    assert!(app.has_pending_reviews());
    assert!(!site.review_file().exists());

    // Keys keep working; a second change joins the queue.
    let screen = press(&mut app, &mut term, "j x");
    assert_eq!(selected_title(&app), "Bob, briefly");
    assert!(
        line_with(&screen, "2024-03-01 Bob, briefly").starts_with("│✎"),
        "{screen}"
    );
    assert!(screen.contains("queued"), "{screen}");

    // The loop wakes up by itself to try again, and its tick does the retry.
    assert!(
        app.wake_in(Instant::now())
            .is_some_and(|wait| wait <= Duration::from_secs(1)),
        "the loop must wake up to retry"
    );
    // Still locked: the retry does not wait and changes nothing.
    let started = Instant::now();
    assert!(!app.tick(Instant::now()));
    assert!(started.elapsed() < Duration::from_secs(1));
    assert!(app.has_pending_reviews());
    assert!(!site.review_file().exists());

    drop(lock);
    assert!(app.tick(Instant::now()));
    assert!(!app.has_pending_reviews());
    assert_eq!(
        app.wake_in(Instant::now()),
        None,
        "nothing left to wake up for"
    );
    assert_eq!(
        status_on_disk(&site.review_file(), ANN),
        ReviewStatus::Reviewed
    );
    assert_eq!(
        status_on_disk(&site.review_file(), BOB),
        ReviewStatus::NeedsRevision
    );
    let screen = press(&mut app, &mut term, "");
    assert!(screen.contains("2 queued review changes saved"), "{screen}");
    // Nothing left to retry.
    assert!(!app.retry_pending_reviews());
}

#[test]
fn queued_changes_merge_per_post_with_what_another_process_saved() {
    let site = review_site();
    let mut other = ReviewStore::open(&site.review_file()).unwrap();
    other
        .set_status(BOB, &read(&site.post_path(BOB)), ReviewStatus::Flagged)
        .unwrap();
    other.save().unwrap();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    press(&mut app, &mut term, "");

    let lock = hold_lock(&site.review_file());
    press(&mut app, &mut term, "m");
    assert!(app.has_pending_reviews());
    // The other process saves a mark of its own once it has the lock (simulated:
    // the lock released, its save, then the app's retry).
    drop(lock);
    other
        .set_status(DAN, &read(&site.post_path(DAN)), ReviewStatus::Reviewed)
        .unwrap();
    other.save().unwrap();
    assert!(app.retry_pending_reviews());

    let store = ReviewStore::open(&site.review_file()).unwrap();
    assert_eq!(store.status(ANN), ReviewStatus::Reviewed);
    assert_eq!(store.status(BOB), ReviewStatus::Flagged);
    assert_eq!(store.status(DAN), ReviewStatus::Reviewed);
    // The app now shows the other process's marks too.
    let screen = press(&mut app, &mut term, "");
    assert!(
        line_with(&screen, "2024-01-01 Dan went").starts_with("│✓"),
        "{screen}"
    );
    assert!(
        line_with(&screen, "2024-03-01 Bob, briefly").starts_with("│⚑"),
        "{screen}"
    );
}

#[test]
fn at_quit_the_queue_gets_one_bounded_last_try() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    press(&mut app, &mut term, "");
    let lock = hold_lock(&site.review_file());
    press(&mut app, &mut term, "m");

    let started = Instant::now();
    let err = app
        .flush_pending_reviews(Duration::from_millis(300))
        .unwrap_err();
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(300), "took {took:?}");
    assert!(took < Duration::from_secs(2), "took {took:?}");
    assert!(
        err.contains(&site.review_file().display().to_string()),
        "{err}"
    );
    assert!(
        err.contains("1 review change made here was not saved"),
        "{err}"
    );
    assert!(app.has_pending_reviews());

    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        drop(lock);
    });
    app.flush_pending_reviews(Duration::from_secs(5)).unwrap();
    release.join().unwrap();
    assert!(!app.has_pending_reviews());
    assert_eq!(
        status_on_disk(&site.review_file(), ANN),
        ReviewStatus::Reviewed
    );
    // Nothing queued: nothing to do, at once.
    app.flush_pending_reviews(Duration::ZERO).unwrap();
}

#[test]
fn a_queued_change_that_can_no_longer_be_saved_is_undone_and_said() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    press(&mut app, &mut term, "");
    let lock = hold_lock(&site.review_file());
    press(&mut app, &mut term, "m");
    // Meanwhile the file was damaged: it is never overwritten.
    fs::write(site.review_file(), "not json").unwrap();
    drop(lock);
    assert!(app.retry_pending_reviews());
    assert!(!app.has_pending_reviews());
    let ann = app.selected_post().unwrap().clone();
    assert_eq!(app.review.status(&ann), ReviewStatus::Unreviewed);
    assert_eq!(fs::read(site.review_file()).unwrap(), b"not json");
    let screen = press(&mut app, &mut term, "");
    assert!(
        screen.contains("1 queued review change could not be saved and was undone"),
        "{screen}"
    );
    let status = app.status.as_ref().unwrap();
    assert!(status.error);
    assert!(status.text.contains("cannot be read"), "{}", status.text);
}

#[test]
fn the_store_reports_busy_and_keeps_the_change_for_a_later_save() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("reviews.json");
    let mut store = ReviewStore::open(&file).unwrap();
    store
        .set_status("a.md", b"A", ReviewStatus::Reviewed)
        .unwrap();
    let lock = hold_lock(&file);
    let err = store.try_save().unwrap_err();
    assert!(
        matches!(&err, ReviewError::Busy { path } if path == &file),
        "{err}"
    );
    assert!(store.has_unsaved_changes());
    assert_eq!(store.status("a.md"), ReviewStatus::Reviewed);
    let started = Instant::now();
    assert!(matches!(
        store.save_waiting(Duration::from_millis(100)),
        Err(ReviewError::Busy { .. })
    ));
    assert!(started.elapsed() < Duration::from_secs(2));
    drop(lock);
    store.try_save().unwrap();
    assert!(!store.has_unsaved_changes());
    assert_eq!(status_on_disk(&file, "a.md"), ReviewStatus::Reviewed);

    // Unsaved changes can be given up: the reviews are back as last saved.
    store
        .set_status("a.md", b"A", ReviewStatus::Flagged)
        .unwrap();
    store
        .set_status("b.md", b"B", ReviewStatus::Flagged)
        .unwrap();
    store.discard_unsaved();
    assert!(!store.has_unsaved_changes());
    assert_eq!(store.status("a.md"), ReviewStatus::Reviewed);
    assert_eq!(store.status("b.md"), ReviewStatus::Unreviewed);
}
