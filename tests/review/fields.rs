//! The review popups' fields as a grader uses them: a new score replaces the old one,
//! a score that cannot be read stays on screen with the reason and is never saved, a
//! long export path clears with one key, a relative path is taken from the working
//! folder, pastes go into the field, and the note shows its cursor.

use crossterm::event::Event;
use meetup_reader::app::{Layer, Mode};
use meetup_reader::review::ReviewStore;
use ratatui::style::Modifier;

use crate::support::screen::*;
use crate::support::site::*;

const ANN: &str = "ann/2024-04-01-ann.md";

fn score_on_disk(site: &Site) -> Option<f64> {
    let store = ReviewStore::open(&site.review_file()).unwrap();
    store.get(ANN).and_then(|review| review.score)
}

/// The text of the field in the review popup on top.
fn field_text(app: &meetup_reader::app::App) -> String {
    match app.layers.top() {
        Some(Layer::Review(
            meetup_reader::app::review::Popup::Score { field, .. }
            | meetup_reader::app::review::Popup::Export { field, .. },
        )) => field.text().to_string(),
        other => panic!("no field on top: {other:?}"),
    }
}

#[test]
fn a_new_score_replaces_the_old_one() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    press(&mut app, &mut term, "S 8 enter");
    assert_eq!(score_on_disk(&site), Some(8.0));
    // The old score is shown selected: typing replaces it, never appends (was 89).
    press(&mut app, &mut term, "S 9 enter");
    assert_eq!(score_on_disk(&site), Some(9.0));
    // An arrow keeps it and moves into it.
    press(&mut app, &mut term, "S end . 5 enter");
    assert_eq!(score_on_disk(&site), Some(9.5));
}

#[test]
fn a_score_that_cannot_be_read_stays_typed_and_is_not_saved() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    let screen = press(&mut app, &mut term, "S 8 x");
    assert_eq!(field_text(&app), "8x", "nothing typed is dropped");
    assert!(screen.contains("`x` cannot be part of a score"), "{screen}");
    let screen = press(&mut app, &mut term, "enter");
    assert_eq!(app.mode(), Mode::Score, "the popup stays open");
    assert!(screen.contains("`8x` is not a score"), "{screen}");
    // Out of the scale: refused with the reason, kept as typed.
    let screen = press(&mut app, &mut term, "ctrl-u 1 2 enter");
    assert_eq!(field_text(&app), "12");
    assert!(
        screen.contains("`12` is out of range: scores go from 0 to 10"),
        "{screen}"
    );
    assert!(!site.review_file().exists(), "nothing invalid is saved");
    // `8/10` and `8.5` are scores (`8/10` was saved as 810 once).
    let screen = press(&mut app, &mut term, "ctrl-u 8 / 1 0 enter");
    assert_eq!(score_on_disk(&site), Some(8.0));
    assert!(screen.contains("score 8/10 saved"), "{screen}");
    let screen = press(&mut app, &mut term, "S 8 , 5 enter");
    assert_eq!(score_on_disk(&site), Some(8.5));
    assert!(screen.contains("score 8.5/10"), "{screen}");
}

#[test]
fn the_export_path_clears_with_one_key_and_a_relative_path_is_from_the_working_folder() {
    let site = review_site();
    let mut app = site.review_app();
    let out = tempfile::tempdir().unwrap();
    app.working_dir = out.path().to_path_buf();
    let mut term = terminal(120, 40);
    press(&mut app, &mut term, "E end ctrl-u");
    assert_eq!(field_text(&app), "", "one ctrl-u, not 90 backspaces");
    let screen = press(&mut app, &mut term, "enter");
    assert!(
        screen.contains("type the path of the file to write"),
        "{screen}"
    );
    assert_eq!(app.mode(), Mode::Export);
    press(&mut app, &mut term, &typed("grades.csv"));
    press(&mut app, &mut term, "enter");
    assert!(app.layers.is_empty(), "written, the popup closes");
    let written = std::fs::read_to_string(out.path().join("grades.csv")).unwrap();
    assert!(written.starts_with("author,title,date"), "{written}");
}

#[test]
fn a_paste_goes_into_the_open_field_and_is_ignored_in_the_list() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    press(&mut app, &mut term, "");
    app.handle_event(&Event::Paste("m e S 8\n".into()));
    assert_eq!(app.mode(), Mode::List);
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("pasted text ignored"))
    );
    assert!(!site.review_file().exists(), "the pasted m marked nothing");
    press(&mut app, &mut term, "S");
    // A terminal sends the line break of a copied line as a carriage return.
    app.handle_event(&Event::Paste("7.5\r".into()));
    assert_eq!(field_text(&app), "7.5");
    press(&mut app, &mut term, "enter");
    assert_eq!(score_on_disk(&site), Some(7.5));
}

#[test]
fn the_note_shows_its_cursor() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    let screen = press(&mut app, &mut term, "a h i");
    let (row, line) = screen
        .lines()
        .enumerate()
        .find(|(_, line)| line.contains("│hi"))
        .expect("the note's text on screen");
    let column = line.find("│hi").unwrap();
    let column = line[..column].chars().count() + 3;
    let cell = &term.backend().buffer()[(column as u16, row as u16)];
    assert!(
        cell.modifier.contains(Modifier::REVERSED),
        "the cell after the text is the cursor: {cell:?}"
    );
}
