//! Settings: the file overrides only what it names, bad settings are reported with their
//! line, and each setting reaches the commands that use it.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

/// The binary with every user folder pointed into `home`, so tests never read or write
/// the real ones.
fn app(home: &Path) -> Command {
    let mut command = Command::cargo_bin("meetup-reader").unwrap();
    command
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env(
            "MEETUP_READER_CONFIG_DIR",
            home.join("config/meetup-reader"),
        )
        .env("MEETUP_READER_DATA_DIR", home.join("data/meetup-reader"))
        .env_remove("NO_COLOR");
    command
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

#[test]
fn without_a_file_every_setting_has_its_default() {
    let home = tempfile::tempdir().unwrap();
    app(home.path())
        .args(["config", "--print"])
        .assert()
        .success()
        .stdout(
            contains("# no settings file")
                .and(contains("theme = \"dark\""))
                .and(contains("\"How did it go?\",")),
        )
        .stderr("");
}

#[test]
fn the_default_file_is_valid_and_changes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let output = app(home.path())
        .args(["config", "--print-default"])
        .assert()
        .success();
    let file = home.path().join("config/meetup-reader/config.toml");
    write(
        &file,
        std::str::from_utf8(&output.get_output().stdout).unwrap(),
    );
    app(home.path())
        .args(["config", "--print"])
        .assert()
        .success()
        .stdout(contains("# from").and(contains("theme = \"dark\"")))
        .stderr("");
}

#[test]
fn wrong_settings_are_reported_with_file_and_line_and_defaults_apply() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("my.toml");
    write(
        &file,
        "author = \"Ann\"\nthme = \"light\"\n[colors]\naccent = \"plaid\"\n",
    );
    app(home.path())
        .arg("--config")
        .arg(&file)
        .args(["config", "--print"])
        .assert()
        .code(1)
        .stdout(contains("author = \"Ann\"").and(contains("theme = \"dark\"")))
        .stderr(
            contains("my.toml:2: unknown setting `thme` (did you mean `theme`?)")
                .and(contains("my.toml:4: `accent` is not a colour")),
        );
    // Other commands carry on with the defaults, after the same warnings.
    app(home.path())
        .arg("--config")
        .arg(&file)
        .args(["list", "--json"])
        .arg(home.path())
        .assert()
        .success()
        .stderr(contains("warning").and(contains("thme")));
}

#[test]
fn a_missing_config_file_named_on_the_command_line_is_a_warning() {
    let home = tempfile::tempdir().unwrap();
    app(home.path())
        .args(["--config", "nowhere.toml", "config", "--print"])
        .assert()
        .code(1)
        .stderr(contains("nowhere.toml: cannot read the settings"));
}

#[test]
fn settings_reach_the_commands() {
    let home = tempfile::tempdir().unwrap();
    let site = home.path().join("blog");
    write(
        &site.join("_posts/ann/2022-12-01-first.md"),
        "---\nlayout: post\nauthor: ann\ntitle: First\n---\n**Why Python?**\nBecause.\n",
    );
    write(
        &home.path().join("config/meetup-reader/config.toml"),
        &format!(
            "posts_dir = \"{}\"\nauthor = \"Configured Author\"\nquestions = [\"Why Python?\", \"What next?\"]\n",
            site.join("_posts").display()
        ),
    );
    // posts_dir: used when no folder is named, from anywhere.
    app(home.path())
        .arg("list")
        .current_dir(home.path())
        .assert()
        .success()
        .stdout(contains("First"));
    // author and questions: in a new draft from the built-in template.
    let output = app(home.path())
        .args(["new", "--title", "Second", "--no-edit"])
        .current_dir(home.path())
        .assert()
        .success();
    let draft = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    let text = fs::read_to_string(draft.trim()).unwrap();
    assert!(text.contains("author: Configured Author"), "{text}");
    assert!(
        text.contains("**Why Python?**") && text.contains("**What next?**"),
        "{text}"
    );
    assert!(!text.contains("How did it go?"), "{text}");
    // questions: in the review export's count.
    app(home.path())
        .args(["review", "export", "--format", "csv"])
        .current_dir(home.path())
        .assert()
        .success()
        .stdout(contains("of 2"));
    // questions: a post's word count leaves the configured questions' words out, in
    // the list and in show.
    app(home.path())
        .args(["list", "--json"])
        .current_dir(home.path())
        .assert()
        .success()
        .stdout(contains("\"words\": 1,"));
    app(home.path())
        .args(["show", "--plain"])
        .arg(site.join("_posts/ann/2022-12-01-first.md"))
        .assert()
        .success()
        .stdout(contains("· 1 word\n"));
}

#[test]
fn theme_and_colours_reach_the_screen_and_the_command_line_wins() {
    let home = tempfile::tempdir().unwrap();
    let posts = home.path().join("posts");
    write(
        &posts.join("ann/2022-12-01-first.md"),
        "---\nlayout: post\nauthor: ann\ntitle: First\n---\n# A heading\n\nText.\n",
    );
    let config = home.path().join("config/meetup-reader/config.toml");
    write(
        &config,
        "theme = \"light\"\n[colors]\nheading = \"#ff0000\"\n",
    );
    let screen = |extra: &[&str], no_color: bool| {
        let mut command = app(home.path());
        command
            .args([
                "snapshot", "--size", "80x12", "--keys", "enter", "--format", "ansi",
            ])
            .args(extra)
            .arg(&posts);
        if no_color {
            command.env("NO_COLOR", "1");
        }
        String::from_utf8(command.assert().success().get_output().stdout.clone()).unwrap()
    };
    let configured = screen(&[], false);
    assert!(
        configured.contains("38;2;255;0;0"),
        "the heading colour setting: {configured}"
    );
    let dark = screen(&["--theme", "dark"], false);
    let light = screen(&["--theme", "light"], false);
    assert_eq!(light, configured, "the setting asked for light");
    assert_ne!(dark, light, "--theme overrides the setting");
    let plain = screen(&[], true);
    assert!(!plain.contains("38;"), "NO_COLOR turns every colour off");
    assert!(plain.contains("\x1b[0;1"), "but bold stays");
}

#[test]
fn keybindings_from_the_settings_drive_the_app_and_its_help() {
    let home = tempfile::tempdir().unwrap();
    let posts = home.path().join("posts");
    for (name, title) in [
        ("2022-12-02-newer.md", "Newer"),
        ("2022-12-01-older.md", "Older"),
    ] {
        write(
            &posts.join("ann").join(name),
            &format!("---\nlayout: post\nauthor: ann\ntitle: {title}\n---\nText.\n"),
        );
    }
    let config = home.path().join("config/meetup-reader/config.toml");
    write(&config, "[keys.list]\ndown = \"n\"\nfly = \"x\"\n");
    // The unknown action is reported with its line, for every command.
    app(home.path())
        .args(["config", "--print"])
        .assert()
        .code(1)
        .stderr(contains("config.toml:3: unknown action `fly`"));
    // `n` now moves down in the list and opens the second post; `j` no longer does.
    let screen = |keys: &str| {
        let output = app(home.path())
            .args(["snapshot", "--size", "100x40", "--keys", keys])
            .arg(&posts)
            .assert()
            .success();
        String::from_utf8(output.get_output().stdout.clone()).unwrap()
    };
    let reader_title = |screen: &str| screen.lines().nth(2).unwrap_or_default().to_string();
    assert!(
        reader_title(&screen("n enter")).contains("Older"),
        "{}",
        screen("n enter")
    );
    assert!(
        reader_title(&screen("j enter")).contains("Newer"),
        "{}",
        screen("j enter")
    );
    // The help overlay shows the key in force.
    let help = screen("?");
    assert!(help.contains("   n  down"), "{help}");
}

#[test]
fn a_hostile_settings_file_is_bounded_and_reported_in_a_screenful() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("config/meetup-reader/config.toml");
    // 200,000 unknown keys: over the size cap, refused without being parsed.
    let huge: String = (0..200_000).map(|i| format!("unknown_{i} = 1\n")).collect();
    write(&file, &huge);
    app(home.path())
        .args(["config", "--print"])
        .assert()
        .code(1)
        .stderr(
            contains("larger than 1024 KiB")
                .and(predicate::function(|s: &str| s.lines().count() == 1)),
        );

    // Just under the cap, thousands of unknown keys: read, and reported in 21 lines.
    let many: String = (0..20_000).map(|i| format!("k{i} = 1\n")).collect();
    write(&file, &many);
    app(home.path())
        .args(["config", "--print"])
        .assert()
        .code(1)
        .stderr(
            contains("config.toml:1: unknown setting `k0`")
                .and(contains("and 19980 more problems like these"))
                .and(predicate::function(|s: &str| s.lines().count() == 21)),
        );
}

#[cfg(unix)]
#[test]
fn a_settings_file_that_is_a_fifo_or_a_link_to_dev_zero_is_refused_at_once() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("config/meetup-reader/config.toml");
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &file).unwrap();
    app(home.path())
        .args(["config", "--print"])
        .assert()
        .code(1)
        .stderr(contains("is a character device, not a regular file"));
    fs::remove_file(&file).unwrap();
    let path = std::ffi::CString::new(file.as_os_str().as_encoded_bytes().to_vec()).unwrap();
    // SAFETY: a valid C string naming a path in a temporary folder.
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
    app(home.path())
        .args(["config", "--print"])
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .code(1)
        .stderr(contains("is a FIFO, not a regular file"));
}

#[cfg(unix)]
#[test]
fn follow_outside_links_reads_posts_linked_from_outside() {
    let home = tempfile::tempdir().unwrap();
    let posts = home.path().join("site/posts");
    write(
        &home.path().join("shared/talk.md"),
        "---\nlayout: post\ntitle: Shared talk\nauthor: sam\n---\nWords from the shared folder.\n",
    );
    fs::create_dir_all(posts.join("sam")).unwrap();
    std::os::unix::fs::symlink(
        home.path().join("shared/talk.md"),
        posts.join("sam/2024-01-01-talk.md"),
    )
    .unwrap();
    app(home.path())
        .arg("check")
        .arg(&posts)
        .assert()
        .success()
        .stdout(contains("[outside-site]"));
    write(
        &home.path().join("config/meetup-reader/config.toml"),
        "follow_outside_links = true\n",
    );
    app(home.path())
        .args(["list", "--json"])
        .arg(&posts)
        .assert()
        .success()
        .stdout(contains("\"title\": \"Shared talk\"").and(contains("\"words\": 5")));
}

#[test]
fn code_is_coloured_unless_highlight_code_is_off_or_no_color_is_set() {
    let home = tempfile::tempdir().unwrap();
    let posts = home.path().join("posts");
    write(
        &posts.join("ann/2022-12-01-first.md"),
        "---\nlayout: post\nauthor: ann\ntitle: First\n---\n```python\ndef greet():\n    pass\n```\n",
    );
    let config = home.path().join("config/meetup-reader/config.toml");
    let screen = |settings: &str, no_color: bool| {
        write(&config, settings);
        let mut command = app(home.path());
        command
            .args([
                "snapshot", "--size", "60x12", "--keys", "enter", "--format", "ansi",
            ])
            .arg(&posts);
        if no_color {
            command.env("NO_COLOR", "1");
        }
        String::from_utf8(command.assert().success().get_output().stdout.clone()).unwrap()
    };
    // The dark theme's keyword colour (light magenta) on `def`.
    let keyword = "95mdef";
    let coloured = screen("", false);
    assert!(coloured.contains(keyword), "{coloured:?}");
    let off = screen("highlight_code = false\n", false);
    assert!(!off.contains(keyword), "{off:?}");
    assert!(off.contains("def greet"), "the code still shows");
    let no_color = screen("", true);
    assert!(!no_color.contains("38;"), "{no_color:?}");
    // A token's colour from `[colors]`.
    let red = screen("[colors]\nkeyword = \"#ff0000\"\n", false);
    assert!(red.contains("38;2;255;0;0mdef"), "{red:?}");
}
