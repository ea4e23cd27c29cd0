//! Filtering the list and finding in a post.

use meetup_reader::app::Mode;

use crate::support::screen::*;
use crate::support::site::*;

#[test]
fn slash_filters_as_you_type_and_shows_the_count() {
    let mut app = app_with(sample_library());
    let mut term = terminal(120, 30);
    let screen = press(&mut app, &mut term, "/ r u s t space n");
    assert_eq!(app.mode(), Mode::Filter);
    assert_eq!(visible_titles(&app), ["Rust night"]);
    assert!(screen.contains("filter /rust n"), "{screen}");
    assert!(screen.contains("1 of 5 posts"), "{screen}");
    // Backspace widens again.
    press(
        &mut app,
        &mut term,
        "backspace backspace backspace backspace backspace",
    );
    assert_eq!(app.store.filter.text, "r");
    assert!(visible_titles(&app).len() > 1);
}

#[test]
fn enter_keeps_the_filter_and_esc_clears_it() {
    let mut app = app_with(sample_library());
    let mut term = terminal(120, 30);
    let screen = press(&mut app, &mut term, "/ s o c i a l enter");
    assert!(app.layers.line().is_none());
    assert_eq!(visible_titles(&app), ["Data science social"]);
    assert!(screen.contains("filter: social (1 of 5)"), "{screen}");
    // j/k now move in the filtered list; enter reads.
    press(&mut app, &mut term, "enter");
    assert_eq!(selected_title(&app), "Data science social");
    press(&mut app, &mut term, "h esc");
    assert_eq!(visible_titles(&app).len(), 5);
    assert_eq!(
        selected_title(&app),
        "Data science social",
        "selection kept"
    );
    press(&mut app, &mut term, "/ x esc");
    assert_eq!(visible_titles(&app).len(), 5);
    assert!(app.layers.line().is_none());
}

#[test]
fn matched_characters_are_highlighted() {
    let mut app = app_with(sample_library());
    let mut term = terminal(120, 30);
    app.theme = meetup_reader::markdown::Theme::new(meetup_reader::markdown::ThemeName::Dark, true);
    press(&mut app, &mut term, "/ n i g h t");
    let buffer = term.backend().buffer();
    let row = (0..buffer.area.height)
        .find(|&y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .contains("Rust night")
        })
        .unwrap();
    let line: String = (0..buffer.area.width)
        .map(|x| buffer[(x, row)].symbol())
        .collect();
    let start = line.find("Rust night").unwrap();
    let col = line[..start].chars().count() as u16;
    let highlight = app.theme.highlight;
    // "Rust " is not matched, "night" is.
    assert_ne!(buffer[(col, row)].bg, highlight.bg.unwrap());
    for offset in 5..10 {
        assert_eq!(
            buffer[(col + offset, row)].bg,
            highlight.bg.unwrap(),
            "col {offset}"
        );
    }
}

#[test]
fn author_and_tag_narrow_by_field() {
    let mut app = app_with(sample_library());
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "/ a u t h o r : b o b");
    assert_eq!(visible_titles(&app), ["Rust night"]);
    press(&mut app, &mut term, "esc / t a g : r u s t");
    assert_eq!(visible_titles(&app), ["Rust night"]);
    // "carol" fuzzy-matches nowhere in bob's fields.
    press(
        &mut app,
        &mut term,
        "esc / a u t h o r : c a r o l space t a g : r u s t",
    );
    assert!(visible_titles(&app).is_empty());
    let screen = press(&mut app, &mut term, "");
    assert!(screen.contains("no post matches"), "{screen}");
}

#[test]
fn body_searches_the_full_text() {
    let mut app = app_with(sample_library());
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "/ b o d y : p i z z a");
    assert_eq!(visible_titles(&app), ["Data science social"]);
    press(
        &mut app,
        &mut term,
        "esc / b o d y : r u s t space i s space s a f e",
    );
    assert_eq!(visible_titles(&app), ["Rust night"]);
    // Titles alone do not match a body search.
    press(&mut app, &mut term, "esc / b o d y : u n d a t e d");
    assert!(visible_titles(&app).is_empty());
}

#[test]
fn typing_more_letters_gives_the_same_result_as_typing_them_at_once() {
    let mut posts = Vec::new();
    for n in 0..200 {
        posts.push(post(
            &format!("a{n}/p.md"),
            &format!("Post {n} about {}", ["rust", "python", "data", "go"][n % 4]),
            ["ann", "ben", "cy"][n % 3],
            Some((
                2020 + (n % 5) as i32,
                1 + (n % 12) as u8,
                1 + (n % 28) as u8,
            )),
            "body",
        ));
    }
    for query in ["py", "pyt 1", "rust author:b", "d a t", "go ^Post"] {
        let mut typed = app_with(posts.clone());
        let mut term = terminal(100, 30);
        let keys: Vec<String> = query
            .chars()
            .map(|c| {
                if c == ' ' {
                    "space".into()
                } else {
                    c.to_string()
                }
            })
            .collect();
        press(&mut typed, &mut term, &format!("/ {}", keys.join(" ")));
        let mut at_once = app_with(posts.clone());
        at_once.store.set_filter(query);
        assert_eq!(visible_titles(&typed), visible_titles(&at_once), "{query}");
        // Backspace returns to the shorter filter's result.
        press(&mut typed, &mut term, "backspace backspace");
        let shorter: String = query.chars().take(query.chars().count() - 2).collect();
        let mut fresh = app_with(posts.clone());
        fresh.store.set_filter(&shorter);
        assert_eq!(typed.store.filter.text, shorter);
        assert_eq!(visible_titles(&typed), visible_titles(&fresh), "{shorter}");
    }
}

#[test]
fn slash_in_the_reader_finds_and_n_moves_between_matches() {
    let mut app = app_with(sample_library());
    let mut term = terminal(120, 30);
    let screen = press(&mut app, &mut term, "enter / p y t h o n");
    assert_eq!(app.mode(), Mode::Find);
    assert_eq!(app.reader.find.matches.len(), 80);
    assert!(screen.contains("find /python"), "{screen}");
    assert!(screen.contains("1/80"), "{screen}");
    let screen = press(&mut app, &mut term, "enter n n n");
    assert_eq!(app.reader.find.current, 3);
    assert!(screen.contains("“python” 4/80"), "{screen}");
    press(&mut app, &mut term, "N N N N N");
    assert_eq!(app.reader.find.current, 78, "wraps around backwards");
    // The current match is on screen.
    let line = app.reader.header_len + app.reader.find.matches[78].line;
    assert!(line >= app.reader.scroll && line < app.reader.scroll + app.reader.height);
    let screen = press(&mut app, &mut term, "");
    assert!(screen.contains("Paragraph 79 about"), "{screen}");
}

#[test]
fn find_highlights_matches_with_style() {
    let mut app = app_with(sample_library());
    app.theme = meetup_reader::markdown::Theme::new(meetup_reader::markdown::ThemeName::Dark, true);
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "j j enter / r u s t enter");
    assert_eq!(selected_title(&app), "Rust night");
    // The body only: the title in the header is not a match.
    assert_eq!(app.reader.find.matches.len(), 3);
    let buffer = term.backend().buffer();
    let hl_bg = app.theme.highlight.bg.unwrap();
    let highlighted = buffer.content().iter().filter(|c| c.bg == hl_bg).count();
    assert_eq!(highlighted, 3 * 4);
    let current = buffer
        .content()
        .iter()
        .filter(|c| c.modifier.contains(ratatui::style::Modifier::UNDERLINED))
        .count();
    assert_eq!(current, 4, "only the current match is underlined");
}

#[test]
fn find_with_no_match_says_so() {
    let mut app = app_with(sample_library());
    let mut term = terminal(120, 30);
    let screen = press(&mut app, &mut term, "enter / z z z");
    assert!(screen.contains("0/0"), "{screen}");
    let screen = press(&mut app, &mut term, "esc n");
    assert!(app.reader.find.query.is_empty());
    assert!(!screen.contains("0/0"), "{screen}");
}
