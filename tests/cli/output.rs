//! Every command exits non-zero with one sentence when it cannot write its output
//! (`> /dev/full`), and never panics; a closed pipe is not an error.

#![cfg(target_os = "linux")]

use std::fs;
use std::path::Path;
use std::process::Stdio;

fn to_full_disk(args: &[&str], dir: &Path) -> std::process::Output {
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    std::process::Command::new(env!("CARGO_BIN_EXE_meetup-reader"))
        .args(args)
        .current_dir(dir)
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .stdout(Stdio::from(full))
        .output()
        .unwrap()
}

#[test]
fn a_full_disk_is_one_sentence_and_exit_2_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    fs::create_dir_all(posts.join("sam")).unwrap();
    let post = posts.join("sam/2024-01-01-a.md");
    fs::write(
        &post,
        "---\nlayout: post\ntitle: A\nauthor: sam\n---\nA meetup.\n",
    )
    .unwrap();
    let post = post.to_string_lossy().into_owned();
    let commands: Vec<Vec<&str>> = vec![
        vec!["list", "posts"],
        vec!["check", "posts"],
        vec!["show", &post],
        vec!["snapshot", "posts"],
        vec!["completions", "bash"],
        vec!["man"],
        vec!["config", "--print-default"],
        vec!["--help"],
        vec!["--version"],
        vec!["snapshot", "--help"],
        vec![
            "new",
            "--no-edit",
            "--title",
            "Full disk",
            "--author",
            "sam",
            "--dir",
            "posts",
        ],
    ];
    for args in &commands {
        let output = to_full_disk(args, dir.path());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write to standard output"),
            "{args:?}: {stderr}"
        );
        assert_eq!(
            stderr.lines().count(),
            1,
            "{args:?}: one sentence: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    // `new` says where the draft went, since its path could not be printed.
    let output = to_full_disk(
        &[
            "new",
            "--no-edit",
            "--title",
            "Second",
            "--author",
            "sam",
            "--dir",
            "posts",
        ],
        dir.path(),
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("_drafts/second.md"), "{stderr}");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("posts")).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_meetup-reader"))
        .args([
            "new",
            "--no-edit",
            "--title",
            "Piped",
            "--author",
            "sam",
            "--dir",
            "posts",
        ])
        .current_dir(dir.path())
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    assert!(child.wait().unwrap().success());
    assert!(dir.path().join("_drafts/piped.md").exists());

    // Long outputs read only in part (`| head -1`): quiet, exit 0.
    for args in [
        &["man"][..],
        &["completions", "zsh"],
        &["config", "--print-default"],
        &["--help"],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_meetup-reader"))
            .args(args)
            .current_dir(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}
