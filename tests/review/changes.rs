//! `D`: what changed in a post since its review, from the text kept when the review
//! last changed, through the real loop.

use meetup_reader::app::Mode;
use meetup_reader::review::ReviewStore;

use crate::support::screen::*;
use crate::support::site::*;

const BOB: &str = "bob/2024-03-01-bob.md";

/// Marks Bob reviewed, then changes one line of his post on disk the way a student
/// revising it would; the app is on Bob, read again.
fn reviewed_then_revised(site: &Site, new_line: &str) -> meetup_reader::app::App {
    let mut app = site.review_app();
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "j m");
    let path = site.post_path(BOB);
    let text = site.read(&path).replacen("How did it go?", new_line, 1);
    std::fs::write(&path, text).unwrap();
    press(&mut app, &mut term, "r");
    app.wait_loader();
    app
}

#[test]
fn d_shows_the_lines_that_changed_since_the_review() {
    let site = review_site();
    let mut app = reviewed_then_revised(&site, "How did the evening go, really?");
    // Tall enough for the whole header.
    let mut term = terminal(120, 40);
    let screen = press(&mut app, &mut term, "");
    assert!(
        screen.contains("changed since review (D shows what)"),
        "{screen}"
    );
    let screen = press(&mut app, &mut term, "D");
    assert_eq!(app.mode(), Mode::Changes);
    assert!(
        screen.contains("Changes since review · bob/2024-03-01-bob.md"),
        "{screen}"
    );
    assert!(screen.contains("- ## How did it go?"), "{screen}");
    assert!(
        screen.contains("+ ## How did the evening go, really?"),
        "{screen}"
    );
    // Within the changed line, the new words stand out; the ones kept do not.
    assert!(underlined(&term, "evening"), "{screen}");
    assert!(!underlined(&term, "How did the"), "{screen}");
    // Context around the change, and the rest counted.
    assert!(screen.contains("  author: bob"), "{screen}");
    assert!(screen.contains("⋯ 3 unchanged lines"), "{screen}");
    // Esc goes back to where D was pressed.
    press(&mut app, &mut term, "esc");
    assert_eq!(app.mode(), Mode::List);
}

/// True when the first cell of `text` on screen is underlined (a changed word).
fn underlined(term: &ratatui::Terminal<ratatui::backend::TestBackend>, text: &str) -> bool {
    cell_of(term, text)
        .expect("text on screen")
        .modifier
        .contains(ratatui::style::Modifier::UNDERLINED)
}

#[test]
fn d_says_why_when_there_is_nothing_to_show() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 30);
    let screen = press(&mut app, &mut term, "D");
    assert!(screen.contains("has not been reviewed yet"), "{screen}");
    let screen = press(&mut app, &mut term, "m D");
    assert!(
        screen.contains("has not changed since its review"),
        "{screen}"
    );
    assert_ne!(app.mode(), Mode::Changes);

    // A review made before texts were kept: the change is known, the text is not.
    std::fs::remove_dir_all(site.private.path().join("reviews.json.texts")).unwrap();
    let path = site.post_path("ann/2024-04-01-ann.md");
    std::fs::write(&path, site.read(&path) + "\nOne more line.\n").unwrap();
    let screen = press(&mut app, &mut term, "r");
    app.wait_loader();
    let screen2 = press(&mut app, &mut term, "D");
    assert!(
        screen2.contains("the text reviewed was not kept"),
        "{screen}\n{screen2}"
    );
}

#[test]
fn the_changed_text_is_shown_without_its_escape_sequences() {
    let site = review_site();
    let mut app = reviewed_then_revised(&site, "\u{1b}]52;c;aGk=\u{7}Copied\u{1b}[2J");
    let mut term = terminal(80, 20);
    press(&mut app, &mut term, "D");
    let buffer = term.backend().buffer().clone();
    assert!(
        buffer
            .content()
            .iter()
            .all(|cell| !cell.symbol().contains(['\u{1b}', '\u{7}'])),
        "an escape sequence reached the screen"
    );
    let screen = screen(&term);
    assert!(screen.contains("Copied"), "{screen}");
}

#[test]
fn the_overlay_scrolls_to_the_end_and_back() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(100, 12);
    press(&mut app, &mut term, "j m");
    let path = site.post_path(BOB);
    let many: String = (1..=40).map(|n| format!("New line {n}.\n\n")).collect();
    std::fs::write(&path, site.read(&path) + &many).unwrap();
    press(&mut app, &mut term, "r");
    app.wait_loader();
    let screen = press(&mut app, &mut term, "D G");
    assert!(screen.contains("+ New line 40."), "{screen}");
    let screen = press(&mut app, &mut term, "g");
    assert!(!screen.contains("+ New line 40."), "{screen}");
    assert!(screen.contains("⋯ 10 unchanged lines"), "{screen}");
}

#[test]
fn a_mark_saved_by_another_process_keeps_the_text_too() {
    let site = review_site();
    let mut store = ReviewStore::open(&site.review_file()).unwrap();
    let path = site.post_path(BOB);
    let before = std::fs::read(&path).unwrap();
    store
        .set_status(BOB, &before, meetup_reader::review::ReviewStatus::Flagged)
        .unwrap();
    store.save().unwrap();
    assert_eq!(store.reviewed_text(BOB).unwrap(), before);
    std::fs::write(&path, site.read(&path) + "\nA late addition.\n").unwrap();
    let mut app = site.review_app();
    let mut term = terminal(120, 30);
    let screen = press(&mut app, &mut term, "j D");
    assert!(screen.contains("+ A late addition."), "{screen}");
}

#[test]
fn an_undone_review_change_keeps_the_text_it_goes_back_to() {
    let site = review_site();
    let mut store = ReviewStore::open(&site.review_file()).unwrap();
    let first = b"---\ntitle: Bob\n---\nVersion one.\n";
    store
        .set_status(BOB, first, meetup_reader::review::ReviewStatus::Flagged)
        .unwrap();
    store.save().unwrap();
    let second = b"---\ntitle: Bob\n---\nVersion two.\n";
    store
        .set_status(BOB, second, meetup_reader::review::ReviewStatus::Reviewed)
        .unwrap();
    // The change is given up (a save that failed, a bulk change stopped half way).
    store.discard_unsaved();
    assert_eq!(store.reviewed_text(BOB).unwrap(), first);
}
