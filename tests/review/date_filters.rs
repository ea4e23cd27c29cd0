//! `after:` and `before:` narrow the list by date, with the other filters and for a
//! review session.

use crate::support::screen::*;
use crate::support::site::*;

#[test]
fn after_and_before_take_a_day_and_combine() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    press(
        &mut app,
        &mut term,
        &format!("/ {} enter", typed("after:2024-03-01")),
    );
    assert_eq!(
        visible_titles(&app),
        ["Ann at the meetup", "Bob, briefly"],
        "that day or later"
    );
    press(
        &mut app,
        &mut term,
        &format!(
            "/ ctrl-u {} enter",
            typed("after:2024-02-01 before:2024-04-01")
        ),
    );
    assert_eq!(visible_titles(&app), ["Bob, briefly", "Cat's reflection"]);
    press(
        &mut app,
        &mut term,
        &format!("/ ctrl-u {} enter", typed("before:2024-03-01 author:dan")),
    );
    assert_eq!(visible_titles(&app), ["Dan went"]);
    // While the date is being typed it matches nothing, then the day it names.
    press(
        &mut app,
        &mut term,
        &format!("/ ctrl-u {}", typed("after:2024-0")),
    );
    assert!(visible_titles(&app).is_empty());
    press(&mut app, &mut term, &format!("{} enter", typed("4-01")));
    assert_eq!(visible_titles(&app), ["Ann at the meetup"]);
}

/// A term the filter cannot read matches nothing, and the status line says why.
#[test]
fn an_unreadable_term_says_why_the_list_is_empty() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    for (typed_text, why) in [
        (
            "after:2023-13-45",
            "`after:2023-13-45`: write a date, after:YYYY-MM-DD",
        ),
        (
            "before:yesterday",
            "`before:yesterday`: write a date, before:YYYY-MM-DD",
        ),
        (
            "status:bogus",
            "`status:bogus` is no review status: unreviewed",
        ),
        ("is:old", "`is:old`: the only `is:` term is is:new"),
    ] {
        let screen = press(
            &mut app,
            &mut term,
            &format!("/ ctrl-u {}", typed(typed_text)),
        );
        assert!(visible_titles(&app).is_empty(), "{typed_text}");
        // Under the field, whole even in a narrow window.
        assert!(
            line_with(&screen, "filter /").contains("0 of 4 posts"),
            "{screen}"
        );
        assert!(status_text(&screen).contains(why), "{screen}");
        let narrow = press(&mut app, &mut terminal(40, 16), "");
        assert!(status_text(&narrow).contains(why), "{narrow}");
        press(&mut app, &mut term, "esc");
    }
    let screen = press(
        &mut app,
        &mut term,
        &format!("/ {}", typed("after:2024-03-01")),
    );
    let status = status_text(&screen);
    assert!(
        status.contains("2 of 4 posts ") && !status.contains('`'),
        "{status}"
    );
}

#[test]
fn a_session_goes_through_the_posts_of_the_dates() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    press(
        &mut app,
        &mut term,
        &format!("/ {} enter R", typed("before:2024-03-01")),
    );
    assert!(app.review.session);
    assert_eq!(visible_titles(&app), ["Cat's reflection", "Dan went"]);
    let screen = press(&mut app, &mut term, "");
    assert!(
        screen.contains(" of 2 "),
        "two posts in the session: {screen}"
    );
}
