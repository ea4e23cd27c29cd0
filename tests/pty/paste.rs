//! End to end: bracketed paste in the real binary. Pasted text is one event: in the
//! list it is ignored with a word in the status line (a paste full of `e`, `m`, `q`
//! opens no editor, marks nothing, quits nothing); in the editor it is inserted whole,
//! and a ctrl-s sent right behind it saves exactly what was pasted.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::pty::{Launch, PASTE_END, PASTE_START, Pty};
use crate::support::site::folder_with;

/// A site: two posts by two authors, a config folder and a private data folder.
fn site() -> tempfile::TempDir {
    let dir = folder_with(
        [
            ("sam", "2024-01-01-first.md", "First meetup"),
            ("ann", "2024-02-01-second.md", "Second meetup"),
        ]
        .map(|(author, name, title)| {
            (
                format!("posts/{author}/{name}"),
                format!("---\nlayout: post\ntitle: {title}\nauthor: {author}\n---\nSome words.\n"),
            )
        }),
    );
    std::fs::create_dir_all(dir.path().join("config")).unwrap();
    std::fs::create_dir_all(dir.path().join("private")).unwrap();
    dir
}

/// Every file under `dir` with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// About 100 KB of text made of the app's command keys, with line breaks.
fn hostile_paste() -> String {
    let line = "e m q x ! R E S a U F n d r s p P / ? G g j k: every list key, pasted\n";
    line.repeat(100_000 / line.len() + 1)
}

#[test]
fn a_paste_into_the_list_runs_no_command() {
    let dir = site();
    let root = dir.path();
    let posts = root.join("posts");
    let review_file = root.join("private/reviews.json");
    let marker = root.join("editor-ran");
    let editor = root.join("editor.sh");
    std::fs::write(
        &editor,
        format!("#!/bin/sh\ntouch '{}'\n", marker.display()),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let before = tree(root);
    let mut s = Pty::start(Launch {
        script: "\"$0\" --review-file \"$2\" \"$1\"; echo APP-DONE",
        args: vec![&posts, &review_file],
        env: vec![
            ("EDITOR", &editor),
            ("MEETUP_READER_CONFIG_DIR", &root.join("config")),
            ("MEETUP_READER_DATA_DIR", &root.join("private")),
        ],
        size: (100, 30),
    });
    s.wait_text("2 posts");
    assert!(
        s.parser.screen().bracketed_paste(),
        "bracketed paste is on while the app runs"
    );
    s.paste(&hostile_paste());
    s.wait_text("pasted text ignored");
    // Still the list, still running, and the next key is a key again.
    s.keys("j");
    s.wait_text("First meetup");
    s.keys("q");
    s.wait_text("APP-DONE");
    let status = s.wait_exit();
    assert!(status.is_some_and(|s| s.success()));
    assert!(
        !s.parser.screen().bracketed_paste(),
        "bracketed paste is off after the app"
    );
    assert!(!marker.exists(), "the pasted `e` ran the editor");
    assert_eq!(tree(root), before, "the paste changed files");
    assert!(!review_file.exists(), "the pasted `m` wrote a review");
}

#[test]
fn a_paste_into_the_editor_is_saved_exactly_by_the_ctrl_s_right_after_it() {
    let dir = site();
    let root = dir.path();
    let posts = root.join("posts");
    let mut s = Pty::start(Launch {
        script: "\"$0\" new --title 'Pasted notes' --author sam --dir \"$1\"; echo APP-DONE",
        args: vec![&posts],
        env: vec![
            ("MEETUP_READER_CONFIG_DIR", &root.join("config")),
            ("MEETUP_READER_DATA_DIR", &root.join("private")),
        ],
        size: (120, 40),
    });
    s.wait_text("drafting _drafts/pasted-notes.md");
    let pasted = hostile_paste();
    // The paste and a ctrl-s in one write, as fast as a terminal can send them.
    s.keys(&format!("{PASTE_START}{pasted}{PASTE_END}\x13"));
    s.wait_text("saved _drafts/pasted-notes.md");
    let draft = std::fs::read_to_string(root.join("_drafts/pasted-notes.md")).unwrap();
    assert!(
        draft.contains(&pasted),
        "the saved draft holds the whole paste ({} of {} bytes)",
        draft.len(),
        pasted.len()
    );
    // One undo takes the whole paste back out.
    s.keys("\x15");
    s.wait_text("unsaved");
    s.keys("\x13");
    s.wait_text("saved _drafts/pasted-notes.md");
    let undone = std::fs::read_to_string(root.join("_drafts/pasted-notes.md")).unwrap();
    assert!(
        !undone.contains("every list key"),
        "one undo removes the paste"
    );
    s.keys("\x03");
    s.wait_text("APP-DONE");
}
