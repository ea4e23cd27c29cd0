//! The list never shows blank rows while posts remain above them: after a filter, a
//! session or a sort that shortens the list, its scroll comes back.

use crate::support::screen::*;
use crate::support::site::post;

/// 28 posts by ann, then 3 older ones by zed (the last three rows, newest first).
fn many_posts() -> meetup_reader::app::App {
    let mut posts: Vec<_> = (1..=28)
        .map(|day| {
            post(
                &format!("ann/2024-02-{day:02}-a.md"),
                &format!("Ann {day}"),
                "ann",
                Some((2024, 2, day as u8)),
                "Words.",
            )
        })
        .collect();
    for day in 1..=3u8 {
        posts.push(post(
            &format!("zed/2023-01-0{day}-z.md"),
            &format!("Zed {day}"),
            "zed",
            Some((2023, 1, day)),
            "Words.",
        ));
    }
    app_with(posts)
}

#[test]
fn a_filter_after_going_to_the_end_shows_every_match() {
    let mut app = many_posts();
    let mut term = terminal(80, 14);
    press(&mut app, &mut term, "G /");
    // Pasted: the whole filter at once, the selected (oldest) post still in it.
    app.handle_event(&crossterm::event::Event::Paste("author:zed".into()));
    let screen = press(&mut app, &mut term, "enter");
    for title in ["Zed 1", "Zed 2", "Zed 3"] {
        assert!(screen.contains(title), "{title} not shown:\n{screen}");
    }
    assert_eq!(app.list.offset, 0, "{screen}");
}

#[test]
fn a_shorter_list_keeps_the_bottom_filled() {
    let mut app = many_posts();
    let mut term = terminal(80, 14);
    press(&mut app, &mut term, "G k k k /");
    // Ann's posts from the 15th on: fourteen, more than the list's rows.
    app.handle_event(&crossterm::event::Event::Paste(
        "author:ann after:2024-02-15".into(),
    ));
    press(&mut app, &mut term, "enter");
    let shown = app.store.visible.len();
    assert!(
        shown > app.list.height,
        "{shown} posts, {} rows",
        app.list.height
    );
    // The last post is on the last row, not above blank ones.
    assert_eq!(app.list.offset + app.list.height, shown);
}
