//! The review store: what is recorded survives a reopen, edits show as "changed since
//! review", a corrupt file is kept and reported, and the file is private.

use std::fs;
use std::path::Path;

use meetup_reader::review::{ReviewError, ReviewStatus, ReviewStore, location};

const POST: &[u8] = b"---\ntitle: A\n---\n**How did it go?**\nWell.\n";

#[test]
fn statuses_scores_and_notes_survive_a_reopen() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("reviews").join("site.json");
    let mut store = ReviewStore::open(&path).unwrap();
    store
        .update("ann/2024-01-01-a.md", POST, |r| {
            r.status = ReviewStatus::NeedsRevision;
            r.score = Some(7.5);
            r.note = "Good start, \"but\"\nsection 3 is missing.".into();
        })
        .unwrap();
    store
        .set_status("bob/b.md", b"other", ReviewStatus::Flagged)
        .unwrap();
    store.save().unwrap();

    let reopened = ReviewStore::open(&path).unwrap();
    let review = reopened.get("ann/2024-01-01-a.md").unwrap();
    assert_eq!(review.status, ReviewStatus::NeedsRevision);
    assert_eq!(review.score, Some(7.5));
    assert_eq!(review.note, "Good start, \"but\"\nsection 3 is missing.");
    assert!(review.updated.ends_with('Z'));
    assert_eq!(reopened.status("bob/b.md"), ReviewStatus::Flagged);
    assert_eq!(reopened.status("nobody.md"), ReviewStatus::Unreviewed);
    let progress = reopened.progress(["ann/2024-01-01-a.md", "bob/b.md", "c.md"]);
    assert_eq!(
        progress.to_string(),
        "2 / 3 reviewed · 1 need revision · 1 flagged"
    );
}

#[test]
fn an_edited_post_is_changed_since_review_but_an_unpublished_one_is_not() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("r.json");
    let mut store = ReviewStore::open(&path).unwrap();
    assert!(!store.changed_since_review("a.md", POST), "never reviewed");
    store
        .set_status("a.md", POST, ReviewStatus::Reviewed)
        .unwrap();
    store.save().unwrap();

    let store = ReviewStore::open(&path).unwrap();
    assert!(!store.changed_since_review("a.md", POST));
    let mut edited = POST.to_vec();
    edited.extend_from_slice(b"One more sentence.\n");
    assert!(store.changed_since_review("a.md", &edited));
    let unpublished = meetup_reader::review::toggle_published(POST).unwrap();
    assert!(!store.changed_since_review("a.md", &unpublished));
}

#[test]
fn a_corrupt_review_file_is_kept_reported_and_never_replaced_silently() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("site.json");
    let garbage = b"{\"version\": 1, \"reviews\": {\"a.md\": {\"status\": \"revie";
    fs::write(&path, garbage).unwrap();

    let err = ReviewStore::open(&path).unwrap_err();
    let ReviewError::Corrupt { copy, .. } = &err else {
        panic!("expected Corrupt, got {err}");
    };
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("copy"), "{message}");
    assert_eq!(fs::read(&path).unwrap(), garbage, "original untouched");
    assert_eq!(fs::read(copy).unwrap(), garbage, "copy kept");
    assert!(
        copy.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("site.json.corrupt-")
    );
    // Opening again does not pile up identical copies.
    let _ = ReviewStore::open(&path).unwrap_err();
    assert_eq!(fs::read_dir(temp.path()).unwrap().count(), 2);

    // Read-only: usable, refuses every change, writes nothing.
    let mut read_only = ReviewStore::open_read_only(&path).unwrap();
    assert!(read_only.is_read_only());
    assert!(matches!(
        read_only.set_status("a.md", POST, ReviewStatus::Reviewed),
        Err(ReviewError::ReadOnly { .. })
    ));
    assert!(matches!(
        read_only.save(),
        Err(ReviewError::ReadOnly { .. })
    ));
    assert_eq!(fs::read(&path).unwrap(), garbage);

    // Fresh, only when asked: the copy stays, the file is replaced on save.
    let mut fresh = ReviewStore::open_fresh_keeping_copy(&path).unwrap();
    fresh
        .set_status("a.md", POST, ReviewStatus::Reviewed)
        .unwrap();
    fresh.save().unwrap();
    assert_eq!(fs::read(copy).unwrap(), garbage);
    assert_eq!(
        ReviewStore::open(&path).unwrap().status("a.md"),
        ReviewStatus::Reviewed
    );
}

#[test]
fn a_file_from_a_newer_version_is_not_treated_as_ours() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("site.json");
    fs::write(&path, br#"{"version": 99, "reviews": {}, "extra": 1}"#).unwrap();
    let err = ReviewStore::open(&path).unwrap_err();
    assert!(
        matches!(err, ReviewError::NewerVersion { version: 99, .. }),
        "{err}"
    );
    assert_eq!(fs::read_dir(temp.path()).unwrap().count(), 1, "no copy yet");
}

#[cfg(unix)]
#[test]
fn the_review_file_is_0600_in_a_0700_folder_outside_the_site() {
    use std::os::unix::fs::PermissionsExt;
    let temp = tempfile::tempdir().unwrap();
    let site = temp.path().join("blog").join("_posts");
    fs::create_dir_all(&site).unwrap();
    let data = temp.path().join("data");
    let found = location::resolve(&site, None, Some(&data)).unwrap();
    assert!(!found.path.starts_with(temp.path().join("blog")));

    let mut store = ReviewStore::open(&found.path).unwrap();
    store
        .set_status("a.md", POST, ReviewStatus::Reviewed)
        .unwrap();
    store.save().unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&found.path), 0o600);
    assert_eq!(mode(found.path.parent().unwrap()), 0o700);
    // Saving again keeps it private, and leaves no temporary file behind.
    store.save().unwrap();
    assert_eq!(mode(&found.path), 0o600);
    let mut names: Vec<String> = fs::read_dir(found.path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let name = found
        .path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert_eq!(
        names,
        [
            name.clone(),
            format!("{name}.lock"),
            format!("{name}.texts")
        ]
    );
    let lock = found.path.with_file_name(format!("{name}.lock"));
    assert_eq!(mode(&lock), 0o600, "the lock is private too");
    let texts = found.path.with_file_name(format!("{name}.texts"));
    assert_eq!(mode(&texts), 0o700, "the reviewed texts are private too");
}

#[test]
fn two_sites_get_two_files_and_the_same_site_the_same_file() {
    let temp = tempfile::tempdir().unwrap();
    let (one, two) = (temp.path().join("one"), temp.path().join("two"));
    fs::create_dir_all(&one).unwrap();
    fs::create_dir_all(&two).unwrap();
    let data = temp.path().join("data");
    let a = location::resolve(&one, None, Some(&data)).unwrap().path;
    let b = location::resolve(&two, None, Some(&data)).unwrap().path;
    let again = location::resolve(&one.join("..").join("one"), None, Some(&data))
        .unwrap()
        .path;
    assert_ne!(a, b);
    assert_eq!(a, again, "keyed by the canonical path");
}
