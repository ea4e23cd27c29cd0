//! Problems, reload, the editor, the mouse and background loading.

use std::cell::RefCell;
use std::rc::Rc;

use crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use meetup_reader::app::{self, Mode, Pane, ScriptedHost, draw_frame};
use meetup_reader::snapshot::parse_keys;

use crate::support::screen::*;
use crate::support::site::*;

#[test]
fn list_marks_problems_and_unpublished_posts() {
    let mut app = app_with(sample_library());
    let mut term = terminal(120, 30);
    let screen = press(&mut app, &mut term, "");
    let line = |title: &str| {
        screen
            .lines()
            .find(|l| l.contains(title))
            .unwrap()
            .to_string()
    };
    assert!(line("Broken front matter").contains("⚠"), "{screen}");
    assert!(
        line("Rust night").contains(meetup_reader::marks::UNPUBLISHED),
        "{screen}"
    );
    assert!(!line("First meetup").contains("⚠"), "{screen}");
    assert!(screen.contains("⚠ 1 with problems"), "{screen}");
}

#[test]
fn p_shows_the_problems_and_how_to_fix_them() {
    let mut app = app_with(sample_library());
    let mut term = terminal(120, 30);
    let screen = press(&mut app, &mut term, "p");
    assert!(screen.contains("No problems found"), "{screen}");
    let screen = press(&mut app, &mut term, "esc P");
    assert_eq!(selected_title(&app), "Broken front matter");
    assert!(screen.contains("problem(s) — press p"), "{screen}");
    let screen = press(&mut app, &mut term, "p");
    assert_eq!(app.mode(), Mode::Problems);
    assert!(
        screen.contains("error front-matter-unclosed (line 1)"),
        "{screen}"
    );
    assert!(screen.contains("add one after the last key"), "{screen}");
    press(&mut app, &mut term, "p");
    assert!(app.layers.is_empty());
}

#[test]
fn capital_p_wraps_around_and_says_when_none_has_problems() {
    let mut app = app_with(sample_library());
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "G P");
    assert_eq!(selected_title(&app), "Broken front matter");
    let mut clean = app_with(vec![post("a/x.md", "Clean", "a", None, "ok")]);
    let screen = press(&mut clean, &mut term, "P");
    assert!(screen.contains("no post has problems"), "{screen}");
}

#[test]
fn the_first_frame_does_not_wait_for_the_loader() {
    let dir = fixture_dir();
    let mut app = app_loading(dir.path());
    let mut term = terminal(100, 20);
    term.draw(|frame| draw_frame(frame, &mut app)).unwrap();
    let screen = screen(&term);
    assert!(screen.contains("loading"), "{screen}");
    assert!(app.is_loading());
    // The scripted loop waits for the load before the keys.
    let screen = press(&mut app, &mut term, "");
    assert!(!app.is_loading());
    assert_eq!(app.store.posts.len(), 3);
    assert!(screen.contains("3 posts"), "{screen}");
}

#[test]
fn reload_keeps_the_selection_and_sees_new_files() {
    let dir = fixture_dir();
    let mut app = app_loading(dir.path());
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "j");
    let selected = app.selected_post().unwrap().path.clone();
    std::fs::write(dir.path().join("new-post.md"), "new").unwrap();
    press(&mut app, &mut term, "r");
    assert_eq!(app.store.posts.len(), 4);
    assert_eq!(app.selected_post().unwrap().path, selected);
}

#[test]
fn a_missing_folder_on_reload_is_a_message_not_an_exit() {
    let dir = fixture_dir();
    let mut app = app_loading(dir.path());
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "");
    let path = dir.path().to_path_buf();
    drop(dir);
    let screen = press(&mut app, &mut term, "r");
    assert!(!app.quit);
    assert!(screen.contains("does not exist"), "{screen}");
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    assert!(screen.contains(&name), "{screen}");
}

#[test]
fn e_runs_the_editor_then_reloads_that_post() {
    let dir = fixture_dir();
    let mut app = app_loading(dir.path());
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "");
    let before_words = app.selected_post().unwrap().words;
    let seen = Rc::new(RefCell::new(Vec::new()));
    let log = seen.clone();
    let mut host = ScriptedHost::new(parse_keys("e").unwrap()).on_edit(move |path| {
        log.borrow_mut().push(path.to_path_buf());
        let mut text = std::fs::read_to_string(path).unwrap();
        text.push_str("\nThree more words.\n");
        std::fs::write(path, text).map_err(|e| e.to_string())
    });
    app::run(&mut term, &mut host, &mut app).unwrap();
    let edited = seen.borrow()[0].clone();
    assert!(edited.starts_with(dir.path()), "{edited:?}");
    assert!(edited.ends_with(&app.selected_post().unwrap().path));
    assert_eq!(app.selected_post().unwrap().words, before_words + 3);
    let screen = screen(&term);
    assert!(screen.contains("reloaded"), "{screen}");
    assert!(screen.contains("Three more words."), "{screen}");
}

#[test]
fn an_editor_failure_is_shown_in_the_app() {
    let mut app = app_with(sample_library());
    let mut term = terminal(120, 30);
    let mut host = ScriptedHost::new(parse_keys("e").unwrap())
        .on_edit(|_| Err("cannot start the editor nope: not found".into()));
    app::run(&mut term, &mut host, &mut app).unwrap();
    assert!(!app.quit);
    assert!(screen(&term).contains("cannot start the editor nope"));
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer_and_a_click_selects() {
    let mut app = app_with(sample_library());
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "");
    let list = app.areas.list.unwrap();
    let reader = app.areas.reader.unwrap();
    let events = vec![
        mouse(MouseEventKind::ScrollDown, reader.x + 5, reader.y + 5),
        mouse(MouseEventKind::ScrollDown, reader.x + 5, reader.y + 5),
    ];
    app::run(&mut term, &mut ScriptedHost::new(events), &mut app).unwrap();
    assert_eq!(app.reader.scroll, 6);
    assert_eq!(
        selected_title(&app),
        "First meetup",
        "the list did not move"
    );
    let events = vec![mouse(MouseEventKind::ScrollDown, list.x + 5, list.y + 2)];
    app::run(&mut term, &mut ScriptedHost::new(events), &mut app).unwrap();
    assert_eq!(selected_title(&app), "Data science social");
    // Row 3 of the list (below its border) is the third post.
    let events = vec![
        mouse(
            MouseEventKind::Down(MouseButton::Left),
            reader.x + 3,
            reader.y + 3,
        ),
        mouse(
            MouseEventKind::Down(MouseButton::Left),
            list.x + 10,
            list.y + 3,
        ),
    ];
    app::run(&mut term, &mut ScriptedHost::new(events), &mut app).unwrap();
    assert_eq!(selected_title(&app), "Rust night");
    assert_eq!(app.focus, Pane::List);
}

#[test]
fn ctrl_z_asks_the_host_to_suspend_and_redraws() {
    let mut app = app_with(sample_library());
    let mut term = terminal(80, 24);
    let screen = press(&mut app, &mut term, "ctrl-z j");
    assert!(!app.quit);
    assert_eq!(selected_title(&app), "Broken front matter");
    assert!(screen.contains("Posts"));
    assert!(app.layers.is_empty());
}
