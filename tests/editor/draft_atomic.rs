//! Atomic writes: whole files only, folders created, nothing overwritten unless asked.

use std::fs;

use meetup_reader::fsutil::{Overwrite, WriteError, write_atomic, write_atomic_private};

fn names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn creates_folders_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/b/post.md");
    let written = write_atomic(&path, b"hello", Overwrite::Refuse).unwrap();
    assert_eq!(written, path);
    assert_eq!(fs::read(&path).unwrap(), b"hello");
    assert_eq!(names(&dir.path().join("a/b")), ["post.md"]);
}

#[test]
fn never_overwrites_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("post.md");
    fs::write(&path, "original").unwrap();

    let err = write_atomic(&path, b"new", Overwrite::Refuse).unwrap_err();
    assert!(matches!(err, WriteError::Exists(ref p) if *p == path));
    assert!(
        err.to_string()
            .ends_with("post.md already exists and was left as it is"),
        "{err}"
    );

    let second = write_atomic(&path, b"two", Overwrite::NextFreeName).unwrap();
    let third = write_atomic(&path, b"three", Overwrite::NextFreeName).unwrap();
    assert_eq!(second, dir.path().join("post-2.md"));
    assert_eq!(third, dir.path().join("post-3.md"));
    assert_eq!(fs::read_to_string(&path).unwrap(), "original");
    assert_eq!(fs::read_to_string(&second).unwrap(), "two");
    assert_eq!(fs::read_to_string(&third).unwrap(), "three");

    write_atomic(&path, b"replaced", Overwrite::Replace).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "replaced");
    assert_eq!(names(dir.path()), ["post-2.md", "post-3.md", "post.md"]);
}

#[test]
fn a_failed_write_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    // The target is a folder: the rename fails, and nothing else changes.
    let target = dir.path().join("taken");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("inside.md"), "keep").unwrap();
    let err = write_atomic(&target, b"x", Overwrite::Replace).unwrap_err();
    assert!(err.to_string().contains("taken"), "{err}");
    assert_eq!(
        fs::read_to_string(target.join("inside.md")).unwrap(),
        "keep"
    );
    assert_eq!(names(dir.path()), ["taken"]);
}

#[cfg(unix)]
#[test]
fn private_files_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.yaml");
    fs::write(&path, "old").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    write_atomic_private(&path, b"secret", Overwrite::Replace).unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[cfg(unix)]
#[test]
fn a_draft_that_links_out_of_its_folder_is_never_replaced_or_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("_drafts");
    std::fs::create_dir_all(&drafts).unwrap();
    let outside = dir.path().join("notes.md");
    std::fs::write(&outside, "---\ntitle: Notes\n---\nmine\n").unwrap();
    let link = drafts.join("notes.md");
    std::os::unix::fs::symlink(&outside, &link).unwrap();
    let (mut session, _) = meetup_reader::draft::DraftSession::open(&link).unwrap();
    let err = session
        .save("---\ntitle: Notes\n---\nchanged\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("notes.md") && err.contains("outside"), "{err}");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(&outside).unwrap(),
        "---\ntitle: Notes\n---\nmine\n"
    );
}
