//! Code colours in the reader: plain on the real terminal's first frame, coloured once
//! the grammars are built in the background, with no key pressed.

use std::path::Path;
use std::time::{Duration, Instant};

use meetup_reader::app::App;
use meetup_reader::markdown::{Theme, ThemeName};
use meetup_reader::post::front_matter::parse_post;
use ratatui::style::Color;

use crate::support::alone::alone;
use crate::support::screen::{cell_of, press, terminal};

fn app_with_code() -> App {
    let post = parse_post(
        Path::new("alice/2024-03-01-pandas.md"),
        b"---\ntitle: Pandas\nauthor: alice\n---\nThe example:\n\n```python\ndef top(df):\n    return df\n```\n",
    );
    // An older post with a block big enough to be coloured in the background.
    let big = format!(
        "---\ntitle: Long listing\nauthor: bob\n---\n```python\nclass Listing:\n{}```\n",
        "    total = sum(x for x in range(10))  # again\n".repeat(500)
    );
    assert!(big.len() > meetup_reader::syntax::BACKGROUND_FROM);
    let big = parse_post(Path::new("bob/2024-01-01-long.md"), big.as_bytes());
    let mut app = App::new("library", Theme::new(ThemeName::Dark, true));
    app.store.extend(vec![post, big]);
    app.store.finish();
    app
}

/// Alone in its process: no other test has built a grammar yet.
#[test]
fn code_is_plain_until_its_grammar_is_built_then_coloured_without_a_key() {
    alone(
        module_path!(),
        "code_is_plain_until_its_grammar_is_built_then_coloured_without_a_key",
        || {
            let mut app = app_with_code();
            app.highlight_in_background();
            let mut term = terminal(80, 20);
            // The loop's first frame starts the warm-up and does not wait for it.
            press(&mut app, &mut term, "");
            let def = cell_of(&term, "def top").expect("the code shows");
            assert_eq!(def.fg, Color::LightYellow, "plain code colour at first");

            wait_for_background_work(&mut app);
            press(&mut app, &mut term, "");
            let def = cell_of(&term, "def top").expect("the code shows");
            assert_eq!(def.fg, Color::LightMagenta, "`def` coloured as a keyword");
            assert!(!meetup_reader::syntax::busy(), "nothing more to wait for");

            // A big block: plain when the post opens, though its grammar is built.
            press(&mut app, &mut term, "j");
            let class = cell_of(&term, "class Listing").expect("the big block shows");
            assert_eq!(class.fg, Color::LightYellow, "opened plain");
            wait_for_background_work(&mut app);
            press(&mut app, &mut term, "");
            let class = cell_of(&term, "class Listing").expect("the big block shows");
            assert_eq!(class.fg, Color::LightMagenta, "then coloured");
        },
    );
}

/// Waits for the background work to end, the app's loop waking meanwhile; then the
/// next tick asks for a redraw.
fn wait_for_background_work(app: &mut App) {
    let started = Instant::now();
    while meetup_reader::syntax::busy() {
        assert!(
            app.wake_in(Instant::now()).is_some(),
            "the loop wakes to look"
        );
        assert!(started.elapsed() < Duration::from_secs(30), "the work ends");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(app.tick(Instant::now()), "a redraw is due");
}

#[test]
fn code_is_coloured_at_once_where_the_app_may_wait_and_never_under_no_color() {
    let mut app = app_with_code();
    let mut term = terminal(80, 20);
    press(&mut app, &mut term, "");
    assert_eq!(cell_of(&term, "def top").unwrap().fg, Color::LightMagenta);

    let mut app = app_with_code();
    app.theme = Theme::new(ThemeName::Dark, false);
    press(&mut app, &mut term, "");
    assert_eq!(cell_of(&term, "def top").unwrap().fg, Color::Reset);
}
