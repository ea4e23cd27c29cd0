//! The `?` overlay: the markers' legend first, entries wrapped to the columns and
//! never cut, each key listed once, and every scroll key moving it, never past its end.

use crossterm::event::KeyCode;
use meetup_reader::app::keymap::Binding;
use meetup_reader::app::ui::help;
use meetup_reader::app::{Action, App, Mode};
use meetup_reader::key::Key;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use unicode_width::UnicodeWidthStr;

use crate::support::screen::*;
use crate::support::site::*;

/// The sizes the overlay is checked at: one column, the narrowest, three columns.
const SIZES: [(u16, u16); 3] = [(80, 24), (40, 12), (140, 45)];

/// The overlay's frame on screen: its left, top, right and bottom border cells.
fn frame(term: &Terminal<TestBackend>) -> (u16, u16, u16, u16) {
    let buffer = term.backend().buffer();
    let area = buffer.area;
    let symbol = |x: u16, y: u16| buffer[(x, y)].symbol().to_string();
    for top in 0..area.height {
        for left in 0..area.width.saturating_sub(6) {
            let title: String = (left + 1..left + 6).map(|x| symbol(x, top)).collect();
            if symbol(left, top) == "┌" && title == " Keys" {
                let right = (left + 1..area.width)
                    .find(|&x| symbol(x, top) == "┐")
                    .expect("the overlay's top right corner");
                let bottom = (top + 1..area.height)
                    .find(|&y| symbol(left, y) == "└")
                    .expect("the overlay's bottom left corner");
                return (left, top, right, bottom);
            }
        }
    }
    panic!("no help overlay on screen\n{}", screen(term));
}

/// The rows inside the overlay's frame, as text (blanks at their ends trimmed).
fn overlay(term: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = term.backend().buffer();
    let (left, top, right, bottom) = frame(term);
    (top + 1..bottom)
        .map(|y| {
            let row: String = (left + 1..right).map(|x| buffer[(x, y)].symbol()).collect();
            row.trim_end().to_string()
        })
        .collect()
}

/// The position on the overlay's bottom border: first and last row shown, of all.
fn position(term: &Terminal<TestBackend>) -> (usize, usize, usize) {
    let buffer = term.backend().buffer();
    let (left, _, right, bottom) = frame(term);
    let border: String = (left..=right)
        .map(|x| buffer[(x, bottom)].symbol())
        .collect();
    let text = border
        .trim_matches(|c| c == '└' || c == '┘' || c == '─')
        .trim();
    let (shown, total) = text
        .split_once(" of ")
        .unwrap_or_else(|| panic!("no position in {border:?}"));
    let (first, last) = shown.split_once('–').unwrap();
    (
        first.parse().unwrap(),
        last.parse().unwrap(),
        total.parse().unwrap(),
    )
}

/// The overlay at `size`, opened on the sample library.
fn open(app: &mut App, size: (u16, u16)) -> Terminal<TestBackend> {
    let mut term = terminal(size.0, size.1);
    press(app, &mut term, "?");
    assert_eq!(app.mode(), Mode::Help);
    term
}

/// The overlay from its top to its end, a row at a time (`j`), so every row shows.
fn pages(app: &mut App, term: &mut Terminal<TestBackend>) -> Vec<Vec<String>> {
    press(app, term, "g");
    let mut pages = vec![overlay(term)];
    loop {
        press(app, term, "j");
        let page = overlay(term);
        if Some(&page) == pages.last() {
            return pages;
        }
        pages.push(page);
        assert!(pages.len() < 1000, "j never reaches the end");
    }
}

/// The whitespace-separated words of `lines`.
fn words<'a>(lines: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    lines
        .into_iter()
        .flat_map(|line| line.split_whitespace().map(str::to_string))
        .collect()
}

/// The overlay's rows for a column `width` wide, as text.
fn rows(app: &App, width: usize) -> Vec<String> {
    help::lines(app, width)
        .iter()
        .map(|line| line.to_string())
        .collect()
}

/// A binding to add to the keymap.
fn binding(mode: Mode, key: Key, action: Action, description: &'static str) -> Binding {
    Binding {
        mode,
        key,
        action,
        description,
        in_status: false,
    }
}

/// An app whose keymap has keys far wider than the key column.
fn app_with_long_keys() -> App {
    let mut app = app_with(sample_library());
    let printscreen = Key {
        code: KeyCode::PrintScreen,
        ctrl: true,
        alt: true,
    };
    for key in [printscreen, Key::plain(KeyCode::BackTab), Key::alt('r')] {
        app.keymap.bindings.push(binding(
            Mode::List,
            key,
            Action::Reload,
            "reload the folder, whatever was read from it before, post by post",
        ));
    }
    app
}

#[test]
fn the_markers_legend_comes_before_the_keys() {
    for size in SIZES {
        let mut app = app_with(sample_library());
        let term = open(&mut app, size);
        let rows = overlay(&term);
        // The first column's first row (the others hold later rows).
        assert!(
            rows[0].split_whitespace().next() == Some("Markers"),
            "{size:?}\n{}",
            screen(&term)
        );
        assert!(
            rows[1].trim_start().starts_with('⚠'),
            "{size:?}\n{}",
            screen(&term)
        );
        let markers = words(&rows);
        let first_key_section = markers.iter().position(|w| w == "Everywhere");
        // The legend is whole before the keys begin (when they show at all).
        let legend_end = markers
            .iter()
            .position(|w| w == "(t)")
            .unwrap_or(usize::MAX);
        assert!(
            first_key_section.is_none_or(|keys| legend_end < keys),
            "{size:?}\n{}",
            screen(&term)
        );
    }
}

#[test]
fn no_entry_of_the_overlay_is_cut_at_any_size() {
    for size in SIZES {
        let mut app = app_with(sample_library());
        let mut term = open(&mut app, size);
        let pages = pages(&mut app, &mut term);
        let shown = words(pages.iter().flatten());
        // Every word of every entry, keys and descriptions, shows whole somewhere.
        let whole = rows(&app, 1000);
        for word in words(&whole) {
            assert!(
                shown.contains(&word),
                "{size:?}: {word:?} never shows whole; pages:\n{}",
                pages
                    .iter()
                    .map(|page| page.join("\n"))
                    .collect::<Vec<_>>()
                    .join("\n----\n")
            );
        }
        // Which are the keymap's own.
        for (mode, entries) in app.keymap.help_sections() {
            if mode == Mode::Help {
                continue;
            }
            for (keys, description) in entries {
                for word in keys.split(' ').chain(description.split(' ')) {
                    assert!(shown.iter().any(|w| w == word), "{size:?}: {word:?}");
                }
            }
        }
        assert!(shown.iter().any(|w| w == "copy)"), "{size:?}");
    }
}

#[test]
fn keys_wider_than_the_key_column_show_whole() {
    for size in SIZES {
        let mut app = app_with_long_keys();
        let mut term = open(&mut app, size);
        let shown = words(pages(&mut app, &mut term).iter().flatten());
        for key in ["ctrl-alt-printscreen", "shift-tab", "alt-r"] {
            assert!(shown.iter().any(|w| w == key), "{size:?}: {key}");
        }
        for word in ["whatever", "before,", "post"] {
            assert!(shown.iter().any(|w| w == word), "{size:?}: {word}");
        }
    }
}

#[test]
fn wrapping_moves_words_to_the_next_row_and_loses_none() {
    let app = app_with_long_keys();
    let mut whole = words(&rows(&app, 1000));
    whole.sort();
    for width in 28..=140 {
        let rows = rows(&app, width);
        for row in &rows {
            assert!(row.width() <= width, "{width}: {row:?}");
        }
        // From the narrowest column the app draws, no word is broken either.
        if width >= 30 {
            let mut wrapped = words(&rows);
            wrapped.sort();
            assert_eq!(wrapped, whole, "at {width}");
        }
    }
    // A description that goes on continues under itself, at the description column.
    let rows = rows(&app, 38);
    let at = rows
        .iter()
        .position(|row| row.contains("tag / untag"))
        .unwrap();
    let indent = rows[at].find("tag / untag").unwrap();
    let next = &rows[at + 1];
    assert_eq!(next.len() - next.trim_start().len(), indent, "{rows:#?}");
}

#[test]
fn each_key_is_listed_once_per_section_and_a_shared_key_once() {
    let app = app_with(sample_library());
    let sections = app.keymap.help_sections();
    for (mode, rows) in &sections {
        let mut keys: Vec<&str> = rows.iter().flat_map(|(keys, _)| keys.split(' ')).collect();
        keys.sort();
        let count = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), count, "{mode:?} lists a key twice: {rows:?}");
    }
    // A key a mode shares with the modes it falls back to (the session's note and
    // score keys are the review keys) is listed in one section; a key listed in both
    // means something else in the mode.
    for (mode, rows) in &sections {
        for fallback in mode.fallbacks() {
            let theirs = &sections.iter().find(|(m, _)| m == fallback).unwrap().1;
            for name in rows.iter().flat_map(|(keys, _)| keys.split(' ')) {
                if theirs
                    .iter()
                    .any(|(keys, _)| keys.split(' ').any(|k| k == name))
                {
                    let event = name.parse::<Key>().unwrap().to_event();
                    assert_ne!(
                        app.keymap.action(*mode, &event),
                        app.keymap.action(*fallback, &event),
                        "{name} is listed under {mode:?} and {fallback:?}"
                    );
                }
            }
        }
    }
    // On screen: `S` (a score) once, `s` once in each of its two sections.
    let mut app = app_with(sample_library());
    let mut term = open(&mut app, (80, 24));
    let pages = pages(&mut app, &mut term);
    let mut shown: Vec<&String> = pages.iter().flatten().collect();
    shown.dedup();
    let listing = |key: &str| -> Vec<String> {
        let mut rows: Vec<String> = shown
            .iter()
            .filter(|row| row.trim_start().starts_with(&format!("{key}  ")))
            .map(|row| row.trim().to_string())
            .collect();
        rows.dedup();
        rows
    };
    assert_eq!(listing("S"), ["S  give a score"]);
    assert_eq!(listing("s"), ["s  sort", "s  save"]);
}

#[test]
fn g_shows_the_first_row_and_shift_g_the_last() {
    for size in SIZES {
        let mut app = app_with(sample_library());
        let mut term = open(&mut app, size);
        press(&mut app, &mut term, "G");
        let (_, last, total) = position(&term);
        assert_eq!(last, total, "{size:?}");
        let rows = overlay(&term);
        // The last page ends with the last entry, no blank rows under it.
        assert!(
            rows.last().unwrap().ends_with(" time"),
            "{size:?}\n{}",
            screen(&term)
        );
        assert!(
            rows[rows.len() - 3..]
                .iter()
                .any(|row| row.contains("is:new")),
            "{size:?}\n{}",
            screen(&term)
        );
        assert_eq!(press(&mut app, &mut term, "end"), screen(&term));
        // Past the end nothing moves, and a key back up moves at once.
        let end = screen(&term);
        assert_eq!(press(&mut app, &mut term, "j pgdn space down"), end);
        press(&mut app, &mut term, "k");
        assert_eq!(position(&term).2, total);
        assert_eq!(position(&term).1, total - 1, "{size:?}");
        press(&mut app, &mut term, "g");
        assert!(
            overlay(&term)[0].split_whitespace().next() == Some("Markers"),
            "{size:?}"
        );
        assert_eq!(position(&term).0, 1);
        press(&mut app, &mut term, "G home");
        assert!(
            overlay(&term)[0].split_whitespace().next() == Some("Markers"),
            "{size:?}"
        );
    }
}

#[test]
fn every_scroll_key_moves_the_overlay() {
    let mut app = app_with(sample_library());
    let mut term = open(&mut app, (80, 24));
    let (first, last, _) = position(&term);
    assert_eq!(first, 1);
    let shown = last - first + 1;
    for (down, up) in [("j", "k"), ("down", "up")] {
        press(&mut app, &mut term, down);
        assert_eq!(position(&term).0, 2, "{down}");
        press(&mut app, &mut term, up);
        assert_eq!(position(&term).0, 1, "{up}");
    }
    // A page moves more than a row and skips nothing.
    for (down, up) in [("space", "b"), ("pgdn", "pgup")] {
        let before = overlay(&term);
        press(&mut app, &mut term, down);
        let (top, _, _) = position(&term);
        assert!(top > 2 && top <= shown + 1, "{down} moved to {top}");
        // The new first row was on screen before, or is the one right after it.
        if let Some(row) = before.get(top - 1) {
            assert_eq!(&overlay(&term)[0], row, "{down}");
        }
        press(&mut app, &mut term, up);
        assert_eq!(position(&term).0, 1, "{up}");
        assert_eq!(overlay(&term), before, "{up}");
    }
    // Paging on reaches the last rows and stops there.
    let pages = pages(&mut app, &mut term);
    let (_, last, total) = position(&term);
    assert_eq!(last, total);
    assert!(pages.len() > 2);
}

#[test]
fn a_page_down_never_skips_a_row_on_a_small_screen() {
    let mut app = app_with(sample_library());
    let mut term = open(&mut app, (40, 12));
    let (_, last, _) = position(&term);
    press(&mut app, &mut term, "space");
    let (first, _, _) = position(&term);
    assert!(
        first <= last + 1,
        "rows {} to {} never showed",
        last + 1,
        first - 1
    );
}
