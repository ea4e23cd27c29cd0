//! A frame in three steps: the app is fitted to the screen, drawn from a shared
//! reference, and told what the drawing found. Drawing alone changes nothing.

use meetup_reader::app::ui::{self, Geometry};
use meetup_reader::app::{App, Pane};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::support::screen::*;
use crate::support::site::post;

fn thirty_posts() -> App {
    let posts = (1..=30)
        .map(|day| {
            post(
                &format!("ann/2024-03-{day:02}-a.md"),
                &format!("Meetup {day}"),
                "ann",
                Some((2024, 3, day as u8)),
                "Some words about [a talk](https://example.org/talk) and more words.",
            )
        })
        .collect();
    app_with(posts)
}

/// Draws `app` as it is, from a shared reference, at the places `geometry` gives.
fn draw_only(app: &App, geometry: &Geometry, size: Rect) -> Buffer {
    let mut term = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    term.draw(|frame| {
        ui::draw(frame, app, geometry);
    })
    .unwrap();
    term.backend().buffer().clone()
}

#[test]
fn drawing_a_fitted_app_twice_gives_the_same_screen() {
    let mut app = thirty_posts();
    let mut term = terminal(120, 40);
    press(&mut app, &mut term, "G");
    // The window shrinks: fitting scrolls the list so the selected row stays on screen.
    let size = Rect::new(0, 0, 100, 12);
    let geometry = app.fit_to(size);
    let offset = app.list.offset;
    assert!(offset > 0, "the last post is below a 10-row list");
    assert!(app.list.selected < offset + app.list.height);
    let first = draw_only(&app, &geometry, size);
    let second = draw_only(&app, &geometry, size);
    assert_eq!(first, second);
    let text = meetup_reader::snapshot::to_text(&first);
    assert!(text.contains("Meetup 1 "), "{text}");
    assert_eq!(app.list.offset, offset);
}

#[test]
fn the_places_follow_the_width_and_the_focus() {
    let mut app = thirty_posts();
    let wide = app.fit_to(Rect::new(0, 0, 120, 40));
    assert!(wide.list().is_some() && wide.reader().is_some());
    assert_eq!(
        app.areas.list,
        wide.list(),
        "the mouse knows where the list is"
    );
    assert_eq!(app.areas.reader, wide.reader());

    app.focus = Pane::Reader;
    let narrow = app.fit_to(Rect::new(0, 0, 40, 12));
    assert_eq!(narrow.list(), None);
    assert_eq!(narrow.reader(), Some(Rect::new(0, 1, 40, 10)));
    assert_eq!(app.areas.list, None, "no list under the pointer");
    assert_eq!(app.reader.width, 38);
    assert_eq!(app.reader.height, 8);

    assert!(matches!(
        app.fit_to(Rect::new(0, 0, 29, 12)),
        Geometry::TooSmall(_)
    ));
    assert_eq!(app.fit_to(Rect::new(0, 0, 29, 12)).popups(), None);
}

#[test]
fn fitting_renders_the_reader_body_that_drawing_reads() {
    let mut app = thirty_posts();
    let size = Rect::new(0, 0, 120, 40);
    assert!(
        app.rendered_shown().is_none(),
        "nothing rendered before a frame"
    );
    let geometry = app.fit_to(size);
    let rendered = app.rendered_shown().expect("fitting rendered the body");
    assert!(rendered.line_text(0).contains("a talk"));
    let text = meetup_reader::snapshot::to_text(&draw_only(&app, &geometry, size));
    assert!(text.contains("Some words about a talk"), "{text}");
}

/// The window is resized while a long post is read: the paragraph that was on top
/// stays on top (not the line number, which would now hold other words), and back.
#[test]
fn a_resized_reader_keeps_the_text_that_was_on_top() {
    let body: String = (0..200)
        .map(|n| format!("P{n:03} {}\n\n", "some words ".repeat(9)))
        .collect();
    let mut app = app_with(vec![post(
        "ann/2024-03-01-long.md",
        "A long post",
        "ann",
        Some((2024, 3, 1)),
        &body,
    )]);
    let first_paragraph = |screen: &str| -> String {
        let at = screen.find("\nP").map(|i| i + 1).or_else(|| {
            // The paragraph's number may sit after the list pane's row on its line.
            screen.find("│P").map(|i| i + "│".len())
        });
        screen[at.expect(screen)..][..4].to_string()
    };
    let narrow = press(
        &mut app,
        &mut terminal(40, 12),
        "enter pgdn pgdn pgdn pgdn pgdn pgdn",
    );
    let top = first_paragraph(&narrow);
    assert_ne!(top, "P000", "scrolled: {narrow}");
    let wide = press(&mut app, &mut terminal(100, 30), "");
    assert_eq!(first_paragraph(&wide), top, "{wide}");
    let narrow_again = press(&mut app, &mut terminal(40, 12), "");
    assert_eq!(first_paragraph(&narrow_again), top, "{narrow_again}");
}
