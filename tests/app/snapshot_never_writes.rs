//! `snapshot` is the headless runner for tests and screenshots: whatever keys it is
//! given, it never changes a byte of the folder it runs on (nor creates or removes a
//! file) unless `--write` says so.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use meetup_reader::snapshot::{run_snapshot, to_text};
use proptest::prelude::*;

use crate::support::site::*;

/// Every file under `root` (hidden ones included) with its bytes.
fn contents(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .flatten()
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            (e.path().strip_prefix(root).unwrap().to_path_buf(), bytes)
        })
        .collect()
}

/// A site with posts, a draft with unsaved text left by a crash, and a template.
fn site_with_everything() -> Site {
    let site = site();
    let draft = site.draft("talk.md", &full_draft("Testing talks"));
    std::fs::write(meetup_reader::draft::recovery_path(&draft), "unsaved words").unwrap();
    site
}

fn keys(script: &str) -> Vec<crossterm::event::Event> {
    meetup_reader::snapshot::parse_keys(script).unwrap()
}

#[test]
fn the_keys_that_write_in_the_app_write_nothing_in_a_snapshot() {
    let site = site_with_everything();
    let before = contents(site.dir.path());
    for script in [
        "U",
        "j U",
        "n a b c ctrl-p y",
        "n a b c ctrl-s",
        "d enter x y z ctrl-s",
        "d enter ctrl-p y",
        "d D y",
        "E enter",
        "enter m x !",
        "d enter x ctrl-e",
        "d enter x esc d",
    ] {
        let screen = to_text(&run_snapshot(
            &site.posts,
            (120, 40),
            keys(script),
            None,
            false,
        ));
        assert_eq!(
            contents(site.dir.path()),
            before,
            "{script}: the folder changed"
        );
        if ["U", "n a b c ctrl-s", "d enter x y z ctrl-s"].contains(&script) {
            assert!(
                screen.contains("not written"),
                "{script}: says so\n{screen}"
            );
        }
    }
}

#[test]
fn with_write_the_same_keys_do_write() {
    let site = site_with_everything();
    let post = site.posts.join("alice/2024-03-01-first-meetup.md");
    let before = std::fs::read_to_string(&post).unwrap();
    run_snapshot(&site.posts, (120, 40), keys("U"), None, true);
    let after = std::fs::read_to_string(&post).unwrap();
    assert_ne!(before, after);
    assert!(after.contains("published: false"));
}

fn app_key() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("n"),
        Just("d"),
        Just("D"),
        Just("enter"),
        Just("esc"),
        Just("y"),
        Just("U"),
        Just("E"),
        Just("F"),
        Just("R"),
        Just("m"),
        Just("x"),
        Just("!"),
        Just("a"),
        Just("S"),
        Just("e"),
        Just("j"),
        Just("k"),
        Just("ctrl-s"),
        Just("ctrl-p"),
        Just("ctrl-e"),
        Just("ctrl-x"),
        Just("ctrl-v"),
        Just("ctrl-u"),
        Just("ctrl-r"),
        Just("ctrl-z"),
        Just("tab"),
        Just("9"),
        Just("r"),
        Just("t"),
        Just("b"),
        Just("q"),
        Just("ctrl-c"),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn no_sequence_of_keys_changes_the_folder(script in proptest::collection::vec(app_key(), 1..24)) {
        let site = site_with_everything();
        let before = contents(site.dir.path());
        run_snapshot(&site.posts, (80, 24), keys(&script.join(" ")), None, false);
        prop_assert_eq!(contents(site.dir.path()), before, "keys: {}", script.join(" "));
    }
}
