//! A `body:` filter over more text than one slice reads a slice per turn of the loop:
//! a keystroke only starts it, the list fills as it goes, and the end result is the
//! one a search at once would give, however the keys and the slices interleave.

use std::io;
use std::path::Path;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent};
use meetup_reader::app::{self, Action, App, Host, Next};
use meetup_reader::post::Post;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::support::screen::app_with;
use crate::support::site::post;

/// 400 posts of about 4 KB (1.6 MB of bodies, more than a slice); every seventh says
/// "Needle Phrase", every fifth only "needle".
fn library() -> Vec<Post> {
    (0..400)
        .map(|n| {
            let mut body = String::new();
            while body.len() < 4000 {
                body.push_str("The speaker talked about data pipelines and models. ");
            }
            if n % 7 == 0 {
                body.push_str("Then came the Needle Phrase everyone waited for.\n");
            } else if n % 5 == 0 {
                body.push_str("A needle, but not the phrase.\n");
            }
            let day = u8::try_from(n % 28 + 1).unwrap();
            let month = u8::try_from(n % 12 + 1).unwrap();
            post(
                &format!("p{n}/2024-{month:02}-{day:02}-post-{n}.md"),
                &format!("Post {n}"),
                &format!("author{n}"),
                Some((2024, month, day)),
                &body,
            )
        })
        .collect()
}

/// The posts a search at once would show for `phrase`, in the list's order.
fn expected(app: &App, order: &[usize], phrase: &str) -> Vec<usize> {
    order
        .iter()
        .copied()
        .filter(|&i| app.store.posts[i].body.to_lowercase().contains(phrase))
        .collect()
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::FieldKey(KeyEvent::from(KeyCode::Char(c))));
    }
}

#[test]
fn a_keystroke_starts_the_search_and_the_slices_finish_it() {
    let mut app = app_with(library());
    let order = app.store.visible.clone();
    app.update(Action::StartFilter);
    type_text(&mut app, "body:needle phrase");
    // The keystroke did not read every body.
    assert!(app.is_searching());
    let (_, checked, total) = app.store.search_progress().unwrap();
    assert_eq!((checked, total), (0, 400));
    assert!(app.step_search());
    let (_, checked, _) = app.store.search_progress().unwrap();
    assert!(checked > 0 && checked < 400, "{checked}");
    app.finish_search();
    assert!(!app.is_searching());
    let want = expected(&app, &order, "needle phrase");
    assert_eq!(want.len(), 58);
    assert_eq!(app.store.visible, want);
}

#[test]
fn typing_on_while_it_searches_narrows_what_is_left() {
    let mut app = app_with(library());
    let order = app.store.visible.clone();
    app.update(Action::StartFilter);
    type_text(&mut app, "body:needle");
    app.step_search();
    // More letters while the first search is half done: found and unchecked posts
    // are both kept as candidates.
    type_text(&mut app, " phrase");
    app.finish_search();
    assert_eq!(app.store.visible, expected(&app, &order, "needle phrase"));
    // Backspace to a search that never finished starts it again.
    for _ in 0.." phrase".len() {
        app.update(Action::FieldKey(KeyEvent::from(KeyCode::Backspace)));
    }
    app.finish_search();
    assert_eq!(app.store.visible, expected(&app, &order, "needle"));
}

/// Keys one per turn, then quiet turns (the loop polls without waiting while it
/// searches), then the end.
struct TypingHost {
    keys: Vec<char>,
    quiet_turns: usize,
}

impl Host for TypingHost {
    fn next_event(&mut self, _timeout: Option<Duration>) -> io::Result<Next> {
        if !self.keys.is_empty() {
            let c = self.keys.remove(0);
            return Ok(Next::Event(Event::Key(KeyEvent::from(KeyCode::Char(c)))));
        }
        if self.quiet_turns > 0 {
            self.quiet_turns -= 1;
            return Ok(Next::Timeout);
        }
        Ok(Next::End)
    }

    fn edit(&mut self, _: &Path) -> Result<(), String> {
        Ok(())
    }
}

#[test]
fn the_real_loop_searches_between_keys_and_shows_how_far_it_got() {
    let mut app = app_with(library());
    let order = app.store.visible.clone();
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    // `/` opens the filter; the phrase follows, a key per turn of the loop. Its one
    // letter starts the search; that turn reads one slice of it.
    let mut host = TypingHost {
        keys: "/body:n".chars().collect(),
        quiet_turns: 0,
    };
    app::run(&mut terminal, &mut host, &mut app).unwrap();
    assert!(
        app.is_searching(),
        "the keys alone should not finish the search"
    );
    // (While it searches, the loop draws at most every 40 ms: draw the state now.)
    terminal
        .draw(|frame| meetup_reader::app::draw_frame(frame, &mut app))
        .unwrap();
    let title = terminal.backend().buffer().content()[..120]
        .iter()
        .map(|cell| cell.symbol())
        .collect::<String>();
    assert!(title.contains("searching"), "{title}");
    let mut host = TypingHost {
        keys: Vec::new(),
        quiet_turns: 10,
    };
    app::run(&mut terminal, &mut host, &mut app).unwrap();
    assert!(!app.is_searching());
    assert_eq!(app.store.visible, expected(&app, &order, "n"));
}
