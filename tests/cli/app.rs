//! The binary: `snapshot` output formats and errors, and the app's refusal of a
//! missing folder before it touches the terminal.

use assert_cmd::Command;
use predicates::prelude::*;

use crate::support::site::fixture_dir;

fn bin() -> Command {
    let mut cmd = Command::cargo_bin("meetup-reader").unwrap();
    // Review data never comes from (or goes to) the real user's data folder.
    cmd.env(
        "MEETUP_READER_DATA_DIR",
        std::env::temp_dir().join("meetup-reader-test-data"),
    );
    cmd
}

#[test]
fn snapshot_prints_the_screen_as_text() {
    let dir = fixture_dir();
    let out = bin()
        .args(["snapshot", "--size", "100x20", "--keys", "j enter"])
        .arg(dir.path())
        .env("NO_COLOR", "1")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 20);
    assert!(text.lines().all(|l| l.chars().count() <= 100));
    assert!(text.contains("by carol"), "{text}");
    assert!(text.contains("Pandas, notebooks and pizza."), "{text}");
    assert!(!text.contains('\x1b'));
}

#[test]
fn snapshot_ansi_keeps_styles() {
    let dir = fixture_dir();
    bin()
        .args(["snapshot", "--size", "100x20", "--format", "ansi"])
        .arg(dir.path())
        .env_remove("NO_COLOR")
        .assert()
        .success()
        .stdout(predicate::str::contains("\x1b[0;7;1m").or(predicate::str::contains("\x1b[0;1;7m")))
        // Bold with a foreground colour (normal or bright), whatever the palette.
        .stdout(predicate::str::contains("\x1b[0;1;3").or(predicate::str::contains("\x1b[0;1;9")));
}

#[test]
fn snapshot_svg_is_escaped_and_styled() {
    let dir = fixture_dir();
    std::fs::write(
        dir.path().join("2024-05-05-tags.md"),
        "---\ntitle: \"<b>Q&A</b> night\"\nauthor: zoe\n---\nbody\n",
    )
    .unwrap();
    let out = bin()
        .args(["snapshot", "--size", "100x20", "--format", "svg"])
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let svg = String::from_utf8(out).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.trim_end().ends_with("</svg>"));
    assert!(
        svg.contains("&lt;b&gt;Q&amp;A&lt;/b&gt; night"),
        "the title is escaped"
    );
    assert!(!svg.contains("<b>"));
    assert!(svg.contains("font-weight=\"bold\""));
}

#[test]
fn snapshot_rejects_an_unknown_key_and_a_bad_size() {
    let dir = fixture_dir();
    bin()
        .args(["snapshot", "--keys", "j frobnicate"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown key `frobnicate`"));
    bin()
        .args(["snapshot", "--size", "wide"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a size like 120x40"));
}

#[test]
fn snapshot_help_documents_the_key_syntax() {
    bin()
        .args(["snapshot", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ctrl-space"))
        .stdout(predicate::str::contains("pgup pgdn"));
}

#[test]
fn a_missing_folder_is_one_line_before_the_terminal_changes() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    let assert = bin().arg(&missing).assert().code(2);
    let output = assert.get_output();
    assert!(output.stdout.is_empty(), "nothing drawn");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("does not exist"), "{stderr}");
    assert!(!stderr.contains('\x1b'));
    bin()
        .args(["snapshot"])
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not exist"));
}

#[test]
fn the_reader_without_a_terminal_says_what_to_use_instead() {
    let dir = fixture_dir();
    bin()
        .arg(dir.path())
        .env("MEETUP_READER_DATA_DIR", dir.path().join(".data"))
        .assert()
        .code(2)
        .stdout("")
        .stderr("meetup-reader: the reader needs a terminal; in scripts use `list`, `check`, `show` or `snapshot`\n");
}
