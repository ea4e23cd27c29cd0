//! `is:new`: the posts added or changed since the review file was last opened,
//! through the real loop, over several runs of the app on one site.

use meetup_reader::app::review::Access;
use meetup_reader::app::{App, Pane};
use meetup_reader::markdown::{Theme, ThemeName};

use crate::support::screen::*;
use crate::support::site::*;

/// A run of the app on `site`, loaded, with `filter` typed and kept; the titles shown.
/// What the folder holds is recorded at load, once the site has a review file.
fn new_posts(site: &Site, filter: &str) -> (App, Vec<String>) {
    let mut app = site.review_app();
    app.wait_loader();
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "/");
    type_text(&mut app, &mut term, filter);
    press(&mut app, &mut term, "enter");
    let titles = visible_titles(&app);
    (app, titles)
}

#[test]
fn posts_are_new_until_a_run_has_seen_them_and_again_when_they_change() {
    let site = review_site();
    // Never opened before: every post is new. The first review saved records them.
    let (mut app, shown) = new_posts(&site, "is:new");
    assert_eq!(shown.len(), 4, "{shown:?}");
    press(&mut app, &mut terminal(120, 30), "m");
    drop(app);

    // The last run saw them all, unchanged since.
    let (_, shown) = new_posts(&site, "is:new");
    assert!(shown.is_empty(), "{shown:?}");

    // One post changes, one is added, one only has its file touched.
    let bob = site.post_path("bob/2024-03-01-bob.md");
    let text = site
        .read(&bob)
        .replace("Bob, briefly", "Bob, at more length");
    std::fs::write(&bob, text).unwrap();
    write_files(
        &site.posts,
        [(
            "eve/2024-05-01-eve.md",
            "---\ntitle: Eve arrives\nauthor: eve\n---\n\nHello.\n",
        )],
    );
    let cat = site.post_path("cat/2024-02-01-cat.md");
    std::fs::write(&cat, std::fs::read(&cat).unwrap()).unwrap();
    let (app, shown) = new_posts(&site, "is:new");
    assert_eq!(shown, ["Eve arrives", "Bob, at more length"]);
    let screen = press(&mut { app }, &mut terminal(120, 30), "");
    assert!(screen.contains("filter: is:new (2 of 5)"), "{screen}");

    // This run compared with the run before it, and recorded what it saw.
    let (_, shown) = new_posts(&site, "is:new");
    assert!(shown.is_empty(), "{shown:?}");
}

#[test]
fn is_new_combines_with_other_terms_and_a_review_session() {
    let site = review_site();
    let (mut app, _) = new_posts(&site, "");
    press(&mut app, &mut terminal(120, 30), "m");
    drop(app);
    for (rel, title) in [
        ("eve/2024-05-01-eve.md", "Eve arrives"),
        ("fay/2024-05-02-fay.md", "Fay arrives"),
    ] {
        write_files(
            &site.posts,
            [(
                rel,
                format!(
                    "---\ntitle: {title}\nauthor: {}\n---\n\nHello.\n",
                    &rel[..3]
                ),
            )],
        );
    }
    let (mut app, shown) = new_posts(&site, "is:new author:fay");
    assert_eq!(shown, ["Fay arrives"]);

    // A session over the new posts only, the way `R` works with any filter.
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "/ ctrl-u");
    type_text(&mut app, &mut term, "is:new");
    press(&mut app, &mut term, "enter");
    assert_eq!(visible_titles(&app), ["Fay arrives", "Eve arrives"]);
    press(&mut app, &mut term, "R");
    assert!(app.review.session);
    assert_eq!(app.focus, Pane::Reader);
    press(&mut app, &mut term, "m");
    let screen = press(&mut app, &mut term, "m");
    assert!(screen.contains("2 / 2 reviewed"), "{screen}");
    // Marking them did not make them "seen" before the next run: they stay new now.
    assert_eq!(visible_titles(&app), ["Fay arrives", "Eve arrives"]);
}

#[test]
fn an_unknown_is_name_matches_nothing_and_a_prefix_of_new_is_enough() {
    // First runs: every post is new.
    let (_, shown) = new_posts(&review_site(), "is:nothing");
    assert!(shown.is_empty(), "{shown:?}");
    let (_, shown) = new_posts(&review_site(), "is:ne");
    assert_eq!(shown.len(), 4, "{shown:?}");
}

#[test]
fn a_read_only_look_records_nothing() {
    let site = review_site();
    let (mut app, _) = new_posts(&site, "");
    press(&mut app, &mut terminal(120, 30), "m");
    drop(app);
    write_files(
        &site.posts,
        [(
            "eve/2024-05-01-eve.md",
            "---\ntitle: Eve arrives\n---\n\nHello.\n",
        )],
    );
    let mut app = App::new(&site.posts, Theme::new(ThemeName::Dark, false));
    app.writes_allowed = false;
    app.open_reviews(Some(&site.review_file()), Access::ReadWrite);
    app.start_loading();
    app.wait_loader();
    drop(app);
    // The next run still sees Eve as new.
    let (_, shown) = new_posts(&site, "is:new");
    assert_eq!(shown, ["Eve arrives"]);
}

#[test]
fn a_site_never_reviewed_gets_no_private_record() {
    let site = review_site();
    drop(new_posts(&site, ""));
    let files: Vec<_> = std::fs::read_dir(site.private.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert!(files.is_empty(), "{files:?}");
    let (_, shown) = new_posts(&site, "is:new");
    assert_eq!(shown.len(), 4, "{shown:?}");
}
