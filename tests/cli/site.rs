//! `check` and `list --json` on posts in a Jekyll site: the site's `_config.yml` decides
//! each post's URL, which posts really collide, and what defaults supply.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

use crate::support::site::write_files;

fn check_json(posts: &Path) -> (i32, Vec<Value>) {
    let out = Command::cargo_bin("meetup-reader")
        .unwrap()
        .args(["check", "--json"])
        .arg(posts)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = report["files"].as_array().cloned().unwrap_or_default();
    (out.status.code().unwrap_or(-1), files)
}

/// The rules reported for the post at `path` (`check` lists only posts with some).
fn rules(report: &[Value], path: &str) -> Vec<String> {
    let Some(post) = report.iter().find(|p| p["path"] == path) else {
        return Vec::new();
    };
    post["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

const POST: &str = "---\ntitle: A post\nauthor: ann\nlayout: post\n---\nWords.\n";

#[test]
fn under_permalink_none_the_same_title_on_two_dates_is_one_url() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        [
            ("_config.yml", "permalink: none\n"),
            ("_posts/2024-01-01-update.md", POST),
            ("_posts/2024-02-01-update.md", POST),
            ("_posts/2024-03-01-other.md", POST),
        ],
    );
    let (code, report) = check_json(&dir.path().join("_posts"));
    assert_eq!(code, 1);
    assert_eq!(rules(&report, "2024-01-01-update.md"), ["url-collision"]);
    assert_eq!(rules(&report, "2024-02-01-update.md"), ["url-collision"]);
    assert!(rules(&report, "2024-03-01-other.md").is_empty());
}

#[test]
fn under_the_default_permalink_the_same_title_on_two_dates_is_fine() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        [
            ("_config.yml", "title: A course\n"),
            ("_posts/2024-01-01-update.md", POST),
            ("_posts/2024-02-01-update.md", POST),
        ],
    );
    let (code, report) = check_json(&dir.path().join("_posts"));
    assert_eq!(code, 0, "{report:?}");
    assert!(rules(&report, "2024-01-01-update.md").is_empty());
    // Without settings, today's warning stays: the site might use /:title/.
    std::fs::remove_file(dir.path().join("_config.yml")).unwrap();
    let (_, report) = check_json(&dir.path().join("_posts"));
    assert_eq!(rules(&report, "2024-01-01-update.md"), ["slug-collision"]);
}

#[test]
fn names_differing_in_case_are_a_case_warning_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        [
            ("_config.yml", "permalink: /:title/\n"),
            ("_posts/2024-01-01-Final-Project.md", POST),
            ("_posts/2024-01-01-final-project.md", POST),
        ],
    );
    let (code, report) = check_json(&dir.path().join("_posts"));
    assert_eq!(code, 0, "warnings only: {report:?}");
    assert_eq!(
        rules(&report, "2024-01-01-Final-Project.md"),
        ["url-case-collision"]
    );
}

#[test]
fn defaults_supply_layout_and_author_and_urls_use_baseurl() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        [
            (
                "_config.yml",
                "url: https://course.example.edu\nbaseurl: /inf380p\npermalink: pretty\n\
                 defaults:\n  - scope: {path: '', type: posts}\n    values: {layout: post, author: staff}\n",
            ),
            (
                "_posts/2024-03-05-bare.md",
                "---\ntitle: Bare\ncategories: [Meetup]\n---\nWords.\n",
            ),
        ],
    );
    let (_, report) = check_json(&dir.path().join("_posts"));
    assert!(
        rules(&report, "2024-03-05-bare.md").is_empty(),
        "{report:?}"
    );
    let out = Command::cargo_bin("meetup-reader")
        .unwrap()
        .args(["list", "--json"])
        .arg(dir.path().join("_posts"))
        .output()
        .unwrap();
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    let post = &list[0];
    assert_eq!(
        post["url"],
        "https://course.example.edu/inf380p/meetup/2024/03/05/bare/"
    );
    assert_eq!(post["author"], "staff");
    assert_eq!(post["layout"], "post");
}

#[test]
fn a_future_post_is_reported_unless_the_site_publishes_them() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        [
            ("_config.yml", "title: t\n"),
            ("_posts/2999-01-01-far-ahead.md", POST),
        ],
    );
    let (_, report) = check_json(&dir.path().join("_posts"));
    assert_eq!(rules(&report, "2999-01-01-far-ahead.md"), ["future-post"]);
    write_files(dir.path(), [("_config.yml", "future: true\n")]);
    let (_, report) = check_json(&dir.path().join("_posts"));
    assert!(rules(&report, "2999-01-01-far-ahead.md").is_empty());
}

#[test]
fn without_settings_no_url_is_given() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), [("posts/2024-01-01-a.md", POST)]);
    let out = Command::cargo_bin("meetup-reader")
        .unwrap()
        .args(["list", "--json"])
        .arg(dir.path().join("posts"))
        .output()
        .unwrap();
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(list[0].get("url").is_none(), "{list}");
}

#[test]
fn settings_that_cannot_be_used_are_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        [
            ("_config.yml", "permalink: [unclosed\n"),
            ("_posts/2024-01-01-a.md", POST),
        ],
    );
    let (code, report) = check_json(&dir.path().join("_posts"));
    assert_eq!(code, 1);
    let config = report
        .iter()
        .find(|file| file["path"].as_str().unwrap().ends_with("_config.yml"))
        .expect("the settings file is reported");
    let message = config["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.contains("not valid YAML"), "{message}");
    // A FIFO is refused at once, never waited on.
    std::fs::remove_file(dir.path().join("_config.yml")).unwrap();
    let fifo = std::ffi::CString::new(dir.path().join("_config.yml").to_str().unwrap()).unwrap();
    // SAFETY: a valid, NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    let (code, report) = check_json(&dir.path().join("_posts"));
    assert_eq!(code, 1);
    assert!(format!("{report:?}").contains("FIFO"), "{report:?}");
}

#[test]
fn show_finds_the_post_a_post_url_names_under_the_site_s_posts() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        [
            (
                "_config.yml",
                "baseurl: /course\npermalink: /:categories/:title/\n",
            ),
            (
                "_posts/bob/2024-01-02-bobs-notes.md",
                "---\ntitle: Notes\ncategories: [meetups]\n---\nNotes.\n",
            ),
            (
                "_posts/ann/2024-03-01-mine.md",
                "---\ntitle: Mine\n---\nAs [Bob said]({% post_url 2024-01-02-bobs-notes %}) \
                 and [not there]({% post_url 2020-01-01-gone %}), \
                 [in his folder]({% post_url /bob/2024-01-02-bobs-notes %}).\n",
            ),
        ],
    );
    let out = Command::cargo_bin("meetup-reader")
        .unwrap()
        .arg("show")
        .arg(dir.path().join("_posts/ann/2024-03-01-mine.md"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[1] /course/meetups/bobs-notes/"), "{text}");
    // The folder's form Jekyll documents, with its leading slash, names the same post.
    assert!(text.contains("in his folder[1]"), "{text}");
    // A name that is no post stays as written.
    assert!(text.contains("post_url 2020-01-01-gone"), "{text}");
}
