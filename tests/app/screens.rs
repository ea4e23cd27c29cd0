//! Snapshots of the main screens at 120×40 and 60×20.

use crate::support::screen::*;
use crate::support::site::*;

fn loaded(dir: &std::path::Path, size: (u16, u16), keys: &str) -> String {
    let mut app = app_loading(dir);
    let mut term = terminal(size.0, size.1);
    let screen = press(&mut app, &mut term, keys);
    redact(&screen, dir)
}

fn synthetic(size: (u16, u16), keys: &str) -> String {
    let mut app = app_with(sample_library());
    let mut term = terminal(size.0, size.1);
    press(&mut app, &mut term, keys)
}

#[test]
fn fixture_list_120x40() {
    let dir = fixture_dir();
    insta::assert_snapshot!(loaded(dir.path(), (120, 40), ""));
}

#[test]
fn fixture_reader_120x40() {
    let dir = fixture_dir();
    insta::assert_snapshot!(loaded(dir.path(), (120, 40), "enter"));
}

#[test]
fn fixture_list_60x20() {
    let dir = fixture_dir();
    insta::assert_snapshot!(loaded(dir.path(), (60, 20), ""));
}

#[test]
fn fixture_reader_60x20() {
    let dir = fixture_dir();
    insta::assert_snapshot!(loaded(dir.path(), (60, 20), "j enter"));
}

#[test]
fn sample_posts_120x40() {
    let dir = sample_posts();
    insta::assert_snapshot!(loaded(dir.path(), (120, 40), "j enter"));
}

#[test]
fn sample_posts_60x20() {
    let dir = sample_posts();
    insta::assert_snapshot!(loaded(dir.path(), (60, 20), ""));
}

#[test]
fn filter_120x40() {
    insta::assert_snapshot!(synthetic((120, 40), "/ m e e t"));
}

#[test]
fn find_120x40() {
    insta::assert_snapshot!(synthetic(
        (120, 40),
        "enter / p a r a g r a p h space 2 enter n"
    ));
}

#[test]
fn problems_120x40() {
    insta::assert_snapshot!(synthetic((120, 40), "P p"));
}

#[test]
fn problems_60x20() {
    insta::assert_snapshot!(synthetic((60, 20), "P p"));
}

#[test]
fn help_120x40() {
    insta::assert_snapshot!(synthetic((120, 40), "?"));
}

#[test]
fn help_60x20() {
    insta::assert_snapshot!(synthetic((60, 20), "?"));
}

#[test]
fn too_small() {
    insta::assert_snapshot!(synthetic((25, 5), ""));
}

#[test]
fn messy_fixtures_problems_120x40() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/messy");
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(&root) {
        let entry = entry.unwrap();
        let dst = dir.path().join(entry.path().strip_prefix(&root).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dst).unwrap();
        } else {
            std::fs::copy(entry.path(), &dst).unwrap();
        }
    }
    insta::assert_snapshot!(loaded(dir.path(), (120, 40), "P p"));
}

/// Where style is the point (selection, match highlights), the buffer's Debug
/// form keeps colours and modifiers.
#[test]
fn filter_highlight_styles() {
    let mut app = app_with(sample_library());
    app.theme = meetup_reader::markdown::Theme::new(meetup_reader::markdown::ThemeName::Dark, true);
    let mut term = terminal(60, 7);
    press(&mut app, &mut term, "/ n i g h t");
    insta::assert_snapshot!(format!("{:?}", term.backend().buffer()));
}
