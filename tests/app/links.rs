//! Following links from the reader (`f`): to another post of the site and back, to a
//! heading, out through the opener (recorded, never run), refused when unsafe; the
//! outline (`o`); a `body:` filter opening posts at its phrase.

use meetup_reader::app::{self, App, ScriptedHost};
use meetup_reader::snapshot::parse_keys;

use crate::support::screen::*;
use crate::support::site::write_files;

const CONFIG: &str = "title: Python course\nbaseurl: /course\nurl: https://course.example.org\n\
permalink: /:year/:month/:day/:title.html\n";

/// Ann's post (`{filler}` stands for paragraphs) links to Bob's (through Liquid, at a
/// heading), to a heading of its own,
/// out of the site, and to places that must not be opened.
const ANN: &str = "---\nlayout: post\nauthor: ann\ntitle: First meetup\n---\n\
See [Bob's notes]({{ site.baseurl }}/2024/02/01/second-meetup.html#what-i-learned) \
and [my own list](#things-to-try).\n\n\
A [Trinket](https://trinket.io/embed/python/3f2a \"demo\") and \
[a trap](javascript:alert(1)) and [a file](file:///etc/passwd).\n\n\
{filler}## Things to try\n\nPandas, then *pytest*.\n";

/// Forty short paragraphs, to push what follows off a first screen.
fn filler() -> String {
    (1..=40)
        .map(|n| format!("Paragraph {n} of notes.\n\n"))
        .collect()
}

fn bob() -> String {
    let filler = filler();
    format!(
        "---\nlayout: post\nauthor: bob\ntitle: Second meetup\n---\n\
         # Talks\n\n{filler}## What I learned\n\nA secret phrase about decorators.\n\n\
         ## Next time\n\nMore.\n"
    )
}

/// A site with `_config.yml` and the two posts; the app on its posts, loaded, with
/// Ann's post (the oldest) selected.
fn site() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        [
            ("_config.yml", CONFIG.to_string()),
            (
                "_posts/ann/2024-01-05-first-meetup.md",
                ANN.replace("{filler}", &filler()),
            ),
            ("_posts/bob/2024-02-01-second-meetup.md", bob()),
            ("assets/team.png", "not really a picture".to_string()),
        ],
    );
    let mut app = app_loading(&dir.path().join("_posts"));
    app.wait_loader();
    (dir, app)
}

/// Runs `keys` with a host that records what would be opened and copied.
fn run_recording(
    app: &mut App,
    term: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
    keys: &str,
) -> ScriptedHost {
    let mut host = ScriptedHost::new(parse_keys(keys).unwrap());
    app::run(term, &mut host, app).unwrap();
    host
}

#[test]
fn a_link_to_another_post_opens_it_at_the_heading_and_backspace_comes_back() {
    let (_dir, mut app) = site();
    let mut term = terminal(100, 30);
    // Newest first: Bob's post is on top; Ann's is the second.
    press(&mut app, &mut term, "j enter");
    assert_eq!(selected_title(&app), "First meetup");
    let screen = press(&mut app, &mut term, "f");
    assert!(screen.contains("follow"), "{screen}");
    let screen = press(&mut app, &mut term, "1");
    assert_eq!(selected_title(&app), "Second meetup");
    // At the heading: its section is on screen, the top of the post is not.
    assert!(screen.contains("What I learned"), "{screen}");
    assert!(screen.contains("secret phrase"), "{screen}");
    assert!(!screen.contains("Paragraph 1 of"), "{screen}");
    let screen = press(&mut app, &mut term, "backspace");
    assert_eq!(selected_title(&app), "First meetup");
    assert!(screen.contains("Bob's notes"), "{screen}");
    let screen = press(&mut app, &mut term, "alt-right");
    assert_eq!(selected_title(&app), "Second meetup");
    assert!(screen.contains("secret phrase"), "{screen}");
    let screen = press(&mut app, &mut term, "backspace backspace");
    assert_eq!(selected_title(&app), "First meetup");
    assert!(screen.contains("nothing to go back to"), "{screen}");
}

#[test]
fn a_link_to_a_heading_scrolls_there_and_tab_chooses_among_the_links_on_screen() {
    let (_dir, mut app) = site();
    let mut term = terminal(100, 30);
    press(&mut app, &mut term, "j enter");
    let screen = press(&mut app, &mut term, "f tab");
    // The first link chosen, its address in the status bar.
    assert!(
        line_with(&screen, "follow [1]").contains("/course/2024/02/01/second-meetup.html"),
        "{screen}"
    );
    let screen = press(&mut app, &mut term, "tab");
    assert!(
        line_with(&screen, "follow [2]").contains("#things-to-try"),
        "{screen}"
    );
    let screen = press(&mut app, &mut term, "enter");
    assert_eq!(selected_title(&app), "First meetup");
    // Scrolled to the heading: the first paragraph went off the top.
    assert!(screen.contains("Things to try"), "{screen}");
    assert!(!screen.contains("Bob's notes"), "{screen}");
}

#[test]
fn outside_links_go_to_the_opener_whole_and_unsafe_ones_are_refused() {
    let (_dir, mut app) = site();
    let mut term = terminal(100, 30);
    press(&mut app, &mut term, "j enter");
    let host = run_recording(&mut app, &mut term, "f 3");
    assert_eq!(host.opened, ["https://trinket.io/embed/python/3f2a"]);
    let host = run_recording(&mut app, &mut term, "f 4");
    assert!(host.opened.is_empty());
    let shown = screen(&term);
    assert!(
        shown.contains("not opened: `javascript:` links are not followed"),
        "{shown}"
    );
    let host = run_recording(&mut app, &mut term, "f 5");
    assert!(host.opened.is_empty());
    let shown = screen(&term);
    assert!(shown.contains("/etc/passwd is outside the site"), "{shown}");
}

#[test]
fn y_copies_the_chosen_link_and_a_number_past_the_last_is_refused() {
    let (_dir, mut app) = site();
    let mut term = terminal(100, 30);
    press(&mut app, &mut term, "j enter");
    let host = run_recording(&mut app, &mut term, "f tab tab tab y");
    assert_eq!(host.copied, ["https://trinket.io/embed/python/3f2a"]);
    let screen = press(&mut app, &mut term, "f 9");
    assert!(
        screen.contains("no link 9: the links go from 1 to 5"),
        "{screen}"
    );
    // Still choosing: esc leaves without following.
    let screen = press(&mut app, &mut term, "esc");
    assert!(!screen.contains("follow ["), "{screen}");
    assert_eq!(selected_title(&app), "First meetup");
}

#[test]
fn a_post_the_filter_hides_is_shown_by_clearing_the_filter() {
    let (_dir, mut app) = site();
    let mut term = terminal(100, 30);
    let keys = format!("/ {} enter enter", typed("author:ann"));
    press(&mut app, &mut term, &keys);
    assert_eq!(visible_titles(&app), ["First meetup"]);
    let screen = press(&mut app, &mut term, "f 1");
    assert_eq!(selected_title(&app), "Second meetup");
    assert_eq!(app.store.visible.len(), 2);
    assert!(
        screen.contains("filter cleared to show bob/2024-02-01-second-meetup.md"),
        "{screen}"
    );
}

#[test]
fn the_outline_lists_the_headings_and_enter_jumps_to_one() {
    let (_dir, mut app) = site();
    let mut term = terminal(100, 30);
    // Bob's post, newest, is selected first.
    let screen = press(&mut app, &mut term, "enter o");
    // In the popup, indented by level, in order.
    let talks = screen.find("│Talks ").expect(&screen);
    let learned = screen.find("│  What I learned ").expect(&screen);
    let next = screen.find("│  Next time ").expect(&screen);
    assert!(talks < learned && learned < next, "{screen}");
    let screen = press(&mut app, &mut term, "j j enter");
    assert!(screen.contains("Next time"), "{screen}");
    assert!(!screen.contains("Paragraph 1 of"), "{screen}");
    // The jump is remembered: backspace returns to the top.
    let screen = press(&mut app, &mut term, "backspace");
    assert!(screen.contains("Paragraph 1 of"), "{screen}");
}

#[test]
fn a_body_filter_opens_the_post_at_its_phrase_lit() {
    let (_dir, mut app) = site();
    let mut term = terminal(100, 30);
    let keys = format!("/ {} enter", typed("body:secret phrase"));
    press(&mut app, &mut term, &keys);
    let screen = press(&mut app, &mut term, "enter");
    assert!(
        screen.contains("secret phrase about decorators"),
        "{screen}"
    );
    assert!(!screen.contains("Paragraph 1 of"), "{screen}");
    let cell = cell_of(&term, "secret phrase about").unwrap();
    assert!(
        cell.modifier.contains(ratatui::style::Modifier::REVERSED),
        "the phrase is not lit: {cell:?}"
    );
    assert_eq!(app.reader.find.query, "secret phrase");
}

#[test]
fn reader_screens_with_links_at_40x12_60x20_140x45() {
    for (width, height) in [(40, 12), (60, 20), (140, 45)] {
        let (dir, mut app) = site();
        let mut term = terminal(width, height);
        press(&mut app, &mut term, "j enter");
        let screen = press(&mut app, &mut term, "f");
        insta::assert_snapshot!(
            format!("follow_{width}x{height}"),
            redact(&screen, dir.path())
        );
    }
}

#[test]
fn in_a_review_session_a_post_outside_it_is_refused_not_shown() {
    let (_dir, mut app) = site();
    let mut term = terminal(100, 30);
    let keys = format!("/ {} enter enter", typed("author:ann"));
    press(&mut app, &mut term, &keys);
    // A session over the filtered posts (its posts are the filter's).
    app.review.session = true;
    let screen = press(&mut app, &mut term, "f 1");
    assert_eq!(selected_title(&app), "First meetup");
    assert_eq!(visible_titles(&app), ["First meetup"]);
    assert!(
        screen.contains("is not among this session's posts"),
        "{screen}"
    );
}
