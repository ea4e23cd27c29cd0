//! `meetup-reader show` on real files in temporary folders: output, widths, exit codes.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

fn app() -> Command {
    let mut cmd = Command::cargo_bin("meetup-reader").unwrap();
    cmd.env_remove("NO_COLOR");
    cmd
}

/// What `show --width WIDTH FILE` prints, asserting it succeeds.
fn shown(width: &str, file: &Path) -> String {
    let out = app()
        .args(["show", "--width", width])
        .arg(file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

const POST: &str = "---\nlayout: post\nauthor: sam\ntitle: Python night\ncategories: [meetup]\n---\n\
    I went to the **Austin Python** meetup and met [the organisers](https://example.com/org).\n\n\
    - pizza\n- two talks about machine learning pipelines and feature stores\n";

#[test]
fn prints_the_body_and_link_list_at_the_given_width() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "sam/2024-03-01-python-night.md", POST);
    let text = shown("30", &file);
    assert!(!text.contains('\x1b'), "piped output is plain: {text:?}");
    for line in text.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 30,
            "too wide: {line:?}"
        );
    }
    assert!(text.contains("Austin Python"), "{text}");
    assert!(text.contains("organisers[1]"), "{text}");
    assert!(text.contains("[1] https://example.com/org"), "{text}");
    assert!(text.contains("• two talks about machine"), "{text}");
    assert!(text.contains("words"), "the header counts words: {text}");
    assert!(
        !text.contains("layout: post"),
        "front matter is not body: {text}"
    );
}

#[test]
fn default_width_is_80_without_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!("{}\n", "word ".repeat(60));
    let file = write(dir.path(), "a/post.md", &long);
    let out = app()
        .arg("show")
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let widest = text.lines().map(|l| l.chars().count()).max().unwrap();
    assert!((70..=80).contains(&widest), "widest line {widest}: {text}");
}

#[test]
fn plain_flag_and_themes_print_no_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "sam/post.md", POST);
    for theme in ["dark", "light"] {
        app()
            .args(["show", "--plain", "--theme", theme])
            .arg(&file)
            .assert()
            .success()
            .stdout(contains("Austin Python").and(contains("\x1b").not()));
    }
}

#[test]
fn an_escape_laden_post_prints_no_escape_or_control() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "---\ntitle: \"Evil \\e]0;pwned\\a title\"\nauthor: \"x\\e[2Jy\"\n---\n\
        Hello \x1b[31mred\x1b[0m and \x1b]52;c;SGVsbG8=\x07 clip, bell\x07, C1 \u{9b}2J, \
        entity &#27;[1m and &#x9b;, bidi \u{202e}abc.\n\n```\ncode\x1b[2J\x08\n```\n\n\
        <b>bold\x1b[5m</b> <!-- \x1b[8m -->\n";
    let file = write(dir.path(), "evil/post.md", hostile);
    for args in [vec!["show", "--plain"], vec!["show"]] {
        let out = app()
            .args(&args)
            .arg(&file)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8(out).unwrap();
        assert!(
            !text
                .chars()
                .any(|c| c != '\n' && meetup_reader::sanitize::is_unsafe(c)),
            "control character in {text:?}"
        );
        assert!(text.contains("Hello ␛[31mred"), "{text}");
        assert!(text.contains("bold␛[5m"), "{text}");
    }
}

#[test]
fn a_missing_file_is_one_line_on_stderr_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.md");
    let assert = app().arg("show").arg(&missing).assert().code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("nope.md"), "{stderr}");
    assert!(assert.get_output().stdout.is_empty());
}

#[test]
fn a_folder_is_unreadable_too() {
    let dir = tempfile::tempdir().unwrap();
    app()
        .arg("show")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(contains("cannot read"));
}

#[test]
fn binary_files_are_refused_and_other_garbage_renders_safely() {
    let dir = tempfile::tempdir().unwrap();
    // A NUL byte: binary, refused as the loader refuses it, in one line.
    let binary = dir.path().join("bin.md");
    let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    fs::write(&binary, bytes).unwrap();
    app()
        .args(["show", "--width", "7"])
        .arg(&binary)
        .assert()
        .code(2)
        .stderr(
            contains("holds binary data, not a post")
                .and(predicate::function(|s: &str| s.lines().count() == 1)),
        );
    // Every other byte value: rendered, with nothing unsafe let through.
    let garbage = dir.path().join("garbage.md");
    let bytes: Vec<u8> = (1..=255u8).cycle().take(4096).collect();
    fs::write(&garbage, bytes).unwrap();
    let text = shown("7", &garbage);
    assert!(
        !text
            .chars()
            .any(|c| c != '\n' && meetup_reader::sanitize::is_unsafe(c))
    );
}

#[test]
fn width_zero_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "a/p.md", "x");
    app()
        .args(["show", "--width", "0"])
        .arg(&file)
        .assert()
        .code(2);
}

/// The SGR parameter lists in ANSI output.
fn sgr_params(text: &str) -> Vec<Vec<u32>> {
    text.split("\x1b[")
        .skip(1)
        .map(|seq| {
            let end = seq.find('m').expect("every escape is an SGR sequence");
            seq[..end].split(';').map(|p| p.parse().unwrap()).collect()
        })
        .collect()
}

fn show_to_string(text: &str, theme: &meetup_reader::markdown::Theme, ansi: bool) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "sam/post.md", text);
    let mut out = Vec::new();
    meetup_reader::commands::show::show(&file, 60, ansi, theme, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn ansi_output_styles_with_colours_and_no_color_keeps_only_attributes() {
    use meetup_reader::markdown::{Theme, ThemeName};
    let coloured = show_to_string(POST, &Theme::new(ThemeName::Dark, true), true);
    let params = sgr_params(&coloured);
    assert!(
        params.iter().any(|p| p.contains(&1)),
        "bold is used: {coloured:?}"
    );
    assert!(
        params
            .iter()
            .flatten()
            .any(|&p| (30..=37).contains(&p) || (90..=97).contains(&p)),
        "colours are used: {coloured:?}"
    );
    let colourless = show_to_string(POST, &Theme::new(ThemeName::Dark, false), true);
    let params = sgr_params(&colourless);
    assert!(
        params.iter().any(|p| p.contains(&1)),
        "bold remains: {colourless:?}"
    );
    assert!(
        params.iter().any(|p| p.contains(&4)),
        "underline remains: {colourless:?}"
    );
    assert!(
        params.iter().flatten().all(|&p| p < 10),
        "no colour without colours: {colourless:?}"
    );
}

#[test]
fn a_post_of_a_jekyll_site_is_shown_with_its_liquid_read() {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/jekyll-site");
    let text = shown("70", &site.join("_posts/ann/2024-03-05-pydata-night.md"));
    for shown in [
        "│ include prblurb.md",
        "part of the course's meetup reflections",
        "I went to PyData night for INF 380P Meetups.",
        "[code: python]",
        "↪go on in the rows below it.",
        "In Jinja you write {{ name }} and {% if x %}.",
        "{% if page.draft %}Draft notes.{% endif %}",
        "[include missing-blurb.html: not found in _includes/]",
        "[include loop.md: it includes itself]",
        "/inf380p/people.html",
    ] {
        assert!(text.contains(shown), "{shown:?} missing:\n{text}");
    }
    for hidden in ["trinket", "{% comment", "{% highlight", "site.baseurl"] {
        assert!(!text.contains(hidden), "{hidden:?} shown:\n{text}");
    }
}

#[test]
fn a_site_with_jemoji_shows_emoji_outside_code() {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/jekyll-site");
    app()
        .args(["show", "--width", "70"])
        .arg(site.join("_posts/ann/2024-02-01-first-meetup.md"))
        .assert()
        .success()
        .stdout(contains(
            "It was my first one 🎉, and :tada: is how you write it.",
        ));
}
