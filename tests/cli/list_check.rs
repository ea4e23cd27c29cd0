//! `list` and `check` on real files in temporary folders: output and exit codes.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

fn app() -> Command {
    Command::cargo_bin("meetup-reader").unwrap()
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

const GOOD: &str =
    "---\nlayout: post\nauthor: sam\ntitle: A good post\n---\nI went to the meetup.\n";

#[test]
fn list_shows_newest_first_and_undated_last_with_markers() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "sam/2022-01-05-old.md",
        &GOOD.replace("A good post", "Old one"),
    );
    write(
        dir.path(),
        "sam/2023-03-01-new.md",
        &GOOD.replace("A good post", "New one"),
    );
    write(
        dir.path(),
        "sam/undated.md",
        &GOOD.replace("A good post", "Undated one"),
    );
    write(
        dir.path(),
        "kim/2022-06-01-hidden.md",
        &GOOD.replace("layout: post", "layout: post\npublished: false"),
    );
    let output = app().arg("list").arg(dir.path()).assert().success();
    let stdout = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    assert!(lines[0].starts_with("2023-03-01  sam") && lines[0].contains("New one"));
    assert!(lines[1].starts_with("2022-06-01  sam") && lines[1].ends_with("⊘"));
    assert!(lines[2].contains("Old one") && !lines[2].contains('⚠'));
    assert!(lines[3].starts_with("undated") && lines[3].ends_with("⚠"));
}

#[test]
fn list_json_has_the_documented_fields() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "sam/2022-12-1-post.md",
        &GOOD.replace("layout: post", "layout: post\ntags: [a, b]"),
    );
    let output = app()
        .args(["list", "--json"])
        .arg(dir.path())
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&output.get_output().stdout).unwrap();
    let post = &json[0];
    assert_eq!(post["path"], "sam/2022-12-1-post.md");
    assert_eq!(post["title"], "A good post");
    assert_eq!(post["author"], "sam");
    assert_eq!(post["date"], "2022-12-01");
    assert_eq!(post["slug"], "post");
    assert_eq!(post["categories"], serde_json::json!([]));
    assert_eq!(post["tags"], serde_json::json!(["a", "b"]));
    assert_eq!(post["published"], true);
    assert_eq!(post["words"], 5);
    let diagnostic = &post["diagnostics"][0];
    assert_eq!(diagnostic["severity"], "warning");
    assert!(
        diagnostic["message"]
            .as_str()
            .unwrap()
            .contains("one-digit")
    );
    assert!(diagnostic.get("line").is_some());
}

#[test]
fn check_exits_0_with_warnings_only_and_1_with_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "sam/2022-12-1-post.md", GOOD);
    app()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(contains("[filename-date-format]"))
        .stdout(contains("1 post checked: 0 errors, 1 warning in 1 file"));

    write(
        dir.path(),
        "sam/2022-12-02-broken.md",
        "--\ntitle: Broken\n--\nBody\n",
    );
    app()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(contains("sam/2022-12-02-broken.md\n  error   line 1: the opening front matter delimiter is two hyphens"))
        .stdout(contains("2 posts checked: 2 errors"));
}

#[test]
fn check_json_groups_by_file() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "sam/2022-12-02-broken.md",
        "title: Broken\n\nBody\n",
    );
    write(dir.path(), "sam/2022-12-03-good.md", GOOD);
    let output = app()
        .args(["check", "--json"])
        .arg(dir.path())
        .assert()
        .code(1);
    let json: serde_json::Value = serde_json::from_slice(&output.get_output().stdout).unwrap();
    assert_eq!(json["posts"], 2);
    assert_eq!(json["errors"], 1);
    assert_eq!(json["files"].as_array().unwrap().len(), 1);
    assert_eq!(json["files"][0]["path"], "sam/2022-12-02-broken.md");
    assert_eq!(
        json["files"][0]["diagnostics"][0]["rule"],
        "delimiter-missing"
    );
    assert_eq!(json["files"][0]["diagnostics"][0]["line"], 1);
}

#[test]
fn a_missing_or_wrong_folder_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    for command in ["list", "check"] {
        app()
            .arg(command)
            .arg(&missing)
            .assert()
            .code(2)
            .stdout("")
            .stderr(
                contains("does not exist")
                    .and(predicate::function(|s: &str| s.lines().count() == 1)),
            );
    }
    write(dir.path(), "file.md", GOOD);
    app()
        .arg("check")
        .arg(dir.path().join("file.md"))
        .assert()
        .code(2)
        .stderr(contains("is not a folder"));
}

#[test]
fn dir_defaults_to_posts_or_a_jekyll_sites_posts_folder() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "posts/sam/2022-12-01-from-posts.md",
        &GOOD.replace("A good post", "From posts"),
    );
    app()
        .arg("list")
        .current_dir(dir.path())
        .assert()
        .success()
        .stdout(contains("From posts"));
    write(
        dir.path(),
        "_posts/2022-12-01-from-site.md",
        &GOOD.replace("A good post", "From site"),
    );
    app()
        .arg("list")
        .current_dir(dir.path())
        .assert()
        .success()
        .stdout(contains("From site").and(contains("From posts").not()));
}

#[test]
fn an_unreadable_file_is_reported_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "sam/2022-12-01-good.md", GOOD);
    std::os::unix::fs::symlink(
        dir.path().join("gone.md"),
        dir.path().join("sam/2022-12-02-dangling.md"),
    )
    .unwrap();
    app()
        .arg("list")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(contains("A good post"))
        .stderr(contains("cannot read").and(contains("2022-12-02-dangling.md")));
    app()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(contains("[file-unreadable]"));
}

#[test]
fn terminal_escapes_in_a_post_never_reach_the_output() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "sam/2022-12-01-evil.md",
        "---\nlayout: post\nauthor: \"sam\\e]0;pwned\\a\"\ntitle: \"\\e[31mRed\\x9b2J\\u202eevil\"\ntags: [\"\\x9b31m\"]\ndate: \"\\e[2J\"\n---\nBody\n",
    );
    for args in [
        &["list"][..],
        &["check"],
        &["list", "--json"],
        &["check", "--json"],
    ] {
        let output = app().args(args).arg(dir.path()).assert();
        let stdout = String::from_utf8(output.get_output().stdout.clone()).unwrap();
        if args[0] == "list" {
            assert!(stdout.contains("Red"), "{args:?}: {stdout}");
        }
        for bad in ['\x1b', '\x07', '\u{9b}', '\u{202e}'] {
            assert!(
                !stdout.contains(bad),
                "{args:?} let {bad:?} through: {stdout}"
            );
        }
    }
    // The JSON still means what the post says.
    let output = app().args(["list", "--json"]).arg(dir.path()).assert();
    let json: serde_json::Value = serde_json::from_slice(&output.get_output().stdout).unwrap();
    assert_eq!(json[0]["title"], "\u{1b}[31mRed\u{9b}2J\u{202e}evil");
}

#[test]
fn completions_and_man_page_come_from_the_cli_definition() {
    app()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(contains("complete -F _meetup__reader").and(contains("check")));
    app()
        .args(["completions", "fish"])
        .assert()
        .success()
        .stdout(contains("complete -c meetup-reader"));
    app()
        .arg("man")
        .assert()
        .success()
        .stdout(contains(".TH meetup-reader").and(contains("list")));
    app()
        .arg("--version")
        .assert()
        .success()
        .stdout(contains(env!("CARGO_PKG_VERSION")));
    app().args(["completions", "tcsh"]).assert().code(2);
}
