//! `new` and `publish` on real files in temporary sites: output, files and exit codes.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

/// The app with no user config, no editor and a fixed login name.
fn app(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("meetup-reader").unwrap();
    // Run inside the temporary site, so a default folder can never be the repository's.
    cmd.current_dir(config.parent().unwrap())
        .env("MEETUP_READER_CONFIG_DIR", config)
        .env_remove("VISUAL")
        .env_remove("EDITOR");
    cmd
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// A site with `_posts/` holding one author's folder with one clean post.
fn per_author_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("_posts");
    write(
        &posts.join("sam/2022-12-01-first.md"),
        "---\nlayout: post\nauthor: sam\ntitle: First\n---\nHello.\n",
    );
    (dir, posts)
}

fn stdout_path(output: &[u8]) -> PathBuf {
    let text = String::from_utf8(output.to_vec()).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    PathBuf::from(text.trim_end())
}

fn run_new(dir: &Path, posts: &Path, args: &[&str]) -> PathBuf {
    let out = app(&dir.join("config"))
        .arg("new")
        .args(args)
        .arg("--no-edit")
        .arg("--dir")
        .arg(posts)
        .assert()
        .success();
    stdout_path(&out.get_output().stdout)
}

/// `check --json` on the folder finds no errors and no warnings.
fn assert_checks_clean(config: &Path, posts: &Path) {
    let out = app(config)
        .arg("check")
        .arg(posts)
        .arg("--json")
        .assert()
        .success();
    let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(report["errors"], 0, "{report:#}");
    assert_eq!(report["warnings"], 0, "{report:#}");
}

#[test]
fn new_then_publish_into_the_authors_folder() {
    let (dir, posts) = per_author_site();
    let config = dir.path().join("config");
    let draft = run_new(
        dir.path(),
        &posts,
        &["--title", "Café: \"PyATX\" night", "--author", "Sam"],
    );
    assert_eq!(draft, dir.path().join("_drafts/cafe-pyatx-night.md"));
    let text = fs::read_to_string(&draft).unwrap();
    assert!(
        text.starts_with(
            "---\nlayout: post\nauthor: Sam\ntitle: \"Café: \\\"PyATX\\\" night\"\n---\n"
        ),
        "{text}"
    );

    // The student writes an answer.
    fs::write(
        &draft,
        text.replace("**How did it go?**\n", "**How did it go?**\nWell.\n"),
    )
    .unwrap();

    let out = app(&config)
        .arg("publish")
        .arg(&draft)
        .args(["--date", "2023-02-01"])
        .assert()
        .success()
        .stderr("");
    let published = stdout_path(&out.get_output().stdout);
    // "Sam" finds the existing `sam` folder; the --dir was found from the draft's place.
    assert_eq!(published, posts.join("sam/2023-02-01-cafe-pyatx-night.md"));
    assert!(fs::read_to_string(&published).unwrap().contains("Well.\n"));
    assert!(!draft.exists(), "the draft is removed once published");
    assert_checks_clean(&config, &posts);
}

#[test]
fn publishing_never_overwrites_and_never_shares_a_slug() {
    let (dir, posts) = per_author_site();
    let config = dir.path().join("config");
    let first = run_new(dir.path(), &posts, &["--title", "Same", "--author", "ann"]);
    let second = run_new(dir.path(), &posts, &["--title", "Same", "--author", "ann"]);
    assert_eq!(first, dir.path().join("_drafts/same.md"));
    assert_eq!(second, dir.path().join("_drafts/same-2.md"));

    let mut published = Vec::new();
    for draft in [&first, &second] {
        let out = app(&config)
            .args(["publish", "--date", "2023-03-04", "--dir"])
            .arg(&posts)
            .arg(draft)
            .assert()
            .success();
        published.push(stdout_path(&out.get_output().stdout));
    }
    // A new author gets a new folder, since the site keeps one per author.
    assert_eq!(
        published,
        [
            posts.join("ann/2023-03-04-same.md"),
            posts.join("ann/2023-03-04-same-2.md")
        ]
    );
    assert_checks_clean(&config, &posts);
}

#[test]
fn flat_site_and_date_from_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    write(
        &posts.join("2022-01-01-old.md"),
        "---\nlayout: post\nauthor: x\ntitle: Old\n---\nHi\n",
    );
    let draft = run_new(
        dir.path(),
        &posts,
        &[
            "--title",
            "New one",
            "--author",
            "Zoë",
            "--date",
            "2024-02-29",
        ],
    );
    assert!(
        fs::read_to_string(&draft)
            .unwrap()
            .contains("\ndate: 2024-02-29\n")
    );
    let out = app(&dir.path().join("config"))
        .arg("publish")
        .arg(&draft)
        .assert()
        .success();
    assert_eq!(
        stdout_path(&out.get_output().stdout),
        posts.join("2024-02-29-new-one.md")
    );
    assert_checks_clean(&dir.path().join("config"), &posts);
}

#[test]
fn bad_dates_are_one_sentence_and_exit_2() {
    let (dir, posts) = per_author_site();
    for bad in ["2023-02-30", "tomorrow"] {
        app(&dir.path().join("config"))
            .args(["new", "--no-edit", "--title", "x", "--date", bad, "--dir"])
            .arg(&posts)
            .assert()
            .code(2)
            .stdout("")
            .stderr(format!(
                "meetup-reader: --date \"{bad}\" is not a real date; write it as YYYY-MM-DD, e.g. 2023-02-28\n"
            ));
    }
    assert!(!dir.path().join("_drafts").exists(), "nothing written");
}

#[test]
fn publish_refuses_a_draft_without_title_or_author() {
    let (dir, posts) = per_author_site();
    let config = dir.path().join("config");
    let untitled = run_new(dir.path(), &posts, &["--author", "sam"]);
    assert_eq!(untitled, dir.path().join("_drafts/reflection.md"));
    app(&config)
        .arg("publish")
        .arg(&untitled)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::ends_with(
            "reflection.md has no title; add a `title:` line to its front matter\n",
        ));
    assert!(untitled.exists(), "a refused draft stays");

    let no_author = dir.path().join("_drafts/no-author.md");
    write(&no_author, "---\nlayout: post\ntitle: Hi\n---\nText\n");
    app(&config)
        .arg("publish")
        .arg(&no_author)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-author.md has no author"));

    let no_front = dir.path().join("_drafts/bare.md");
    write(&no_front, "just text\n");
    app(&config)
        .arg("publish")
        .arg(&no_front)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bare.md has no front matter"));
    let post = posts.join("sam/2022-12-01-first.md");
    app(&config)
        .arg("publish")
        .arg(&post)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is already in the posts folder"));
    assert!(post.exists());
    // Nothing reached the posts folder.
    assert_eq!(fs::read_dir(posts.join("sam")).unwrap().count(), 1);
}

#[test]
fn new_without_a_posts_folder_says_so() {
    let dir = tempfile::tempdir().unwrap();
    app(&dir.path().join("config"))
        .args(["new", "--no-edit", "--dir"])
        .arg(dir.path().join("nope"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope does not exist"));
}

#[cfg(unix)]
#[test]
fn new_hands_the_draft_to_the_editor() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, posts) = per_author_site();
    let editor = dir.path().join("fake-editor");
    write(
        &editor,
        "#!/bin/sh\necho 'Written in the editor.' >> \"$1\"\n",
    );
    fs::set_permissions(&editor, fs::Permissions::from_mode(0o755)).unwrap();
    let out = app(&dir.path().join("config"))
        .env("EDITOR", &editor)
        .args(["new", "--title", "Edited", "--author", "sam", "--dir"])
        .arg(&posts)
        .assert()
        .success();
    let draft = stdout_path(&out.get_output().stdout);
    assert!(
        fs::read_to_string(draft)
            .unwrap()
            .ends_with("Written in the editor.\n")
    );
}

#[test]
fn publish_defaults_to_today_and_drops_crlf_and_bom() {
    let (dir, posts) = per_author_site();
    let config = dir.path().join("config");
    let draft = dir.path().join("_drafts/windows.md");
    write(
        &draft,
        "\u{feff}---\r\nlayout: post\r\nauthor: sam\r\ntitle: From Windows\r\n---\r\nHello.\r\n",
    );
    let out = app(&config)
        .arg("publish")
        .arg(&draft)
        .assert()
        .success()
        .stderr("");
    let published = stdout_path(&out.get_output().stdout);
    let name = published
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(name.ends_with("-from-windows.md"), "{name}");
    // Today in local time: within a day of today in UTC.
    let date = meetup_reader::draft::parse_date(&name[..10]).unwrap();
    let utc = time::OffsetDateTime::now_utc().date();
    let as_time = time::Date::from_calendar_date(
        date.year,
        time::Month::try_from(date.month).unwrap(),
        date.day,
    )
    .unwrap();
    assert!((as_time - utc).whole_days().abs() <= 1, "{name}");
    assert_eq!(
        fs::read_to_string(&published).unwrap(),
        "---\nlayout: post\nauthor: sam\ntitle: From Windows\n---\nHello.\n"
    );
    assert_checks_clean(&config, &posts);
}

#[test]
fn author_defaults_to_git_then_login_name() {
    let (dir, posts) = per_author_site();
    let config = dir.path().join("config");
    let gitconfig = dir.path().join("gitconfig");
    write(&gitconfig, "[user]\n\tname = Grace Hopper\n");
    let author_of = |git_config: &Path, title: &str| {
        let out = app(&config)
            .env("GIT_CONFIG_GLOBAL", git_config)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("USER", "glogin")
            .args(["new", "--no-edit", "--title", title, "--dir"])
            .arg(&posts)
            .assert()
            .success();
        let text = fs::read_to_string(stdout_path(&out.get_output().stdout)).unwrap();
        text.lines()
            .find_map(|l| l.strip_prefix("author: "))
            .unwrap()
            .to_string()
    };
    let has_git = std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if has_git {
        assert_eq!(author_of(&gitconfig, "one"), "Grace Hopper");
    }
    assert_eq!(
        author_of(&dir.path().join("no-such-gitconfig"), "two"),
        "glogin"
    );
}

#[test]
fn a_draft_whose_own_date_is_not_real_is_refused_not_redated() {
    let (dir, posts) = per_author_site();
    let config = dir.path().join("config");
    let draft = dir.path().join("_drafts/someday.md");
    write(
        &draft,
        "---\nlayout: post\nauthor: sam\ntitle: Someday\ndate: 2023-02-30\n---\nText\n",
    );
    app(&config)
        .arg("publish")
        .arg(&draft)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "says `date: 2023-02-30`, which is not a real date; correct it (YYYY-MM-DD) or pass --date",
        ));
    assert!(draft.exists(), "a refused draft stays");
    assert_eq!(fs::read_dir(posts.join("sam")).unwrap().count(), 1);
    // --date settles it.
    app(&config)
        .args(["publish", "--date", "2023-02-28"])
        .arg(&draft)
        .assert()
        .success()
        .stdout(predicate::str::contains("2023-02-28-someday.md"));
}
