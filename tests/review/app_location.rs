//! The app's default review file: in the data folder (MEETUP_READER_DATA_DIR, here
//! a temp folder), outside the site, created 0600 on the first change. The test
//! sets the environment, so it runs alone in a process of its own.

use std::os::unix::fs::PermissionsExt;

use meetup_reader::app::App;
use meetup_reader::app::review::Access;
use meetup_reader::markdown::{Theme, ThemeName};
use meetup_reader::review::{DATA_DIR_ENV, ReviewStatus, ReviewStore};

use crate::support::alone::alone;
use crate::support::screen::*;
use crate::support::site::*;

#[test]
fn the_default_review_file_is_private_and_outside_the_site() {
    alone(
        module_path!(),
        "the_default_review_file_is_private_and_outside_the_site",
        the_default_review_file_is_private_and_outside_the_site_alone,
    );
}

fn the_default_review_file_is_private_and_outside_the_site_alone() {
    let site = review_site();
    // SAFETY: the only test in this process (`alone`), so no other thread reads the
    // environment.
    unsafe { std::env::set_var(DATA_DIR_ENV, site.private.path()) };
    let mut app = App::new(site.posts.as_path(), Theme::new(ThemeName::Dark, false));
    app.open_reviews(None, Access::ReadWrite);
    app.start_loading();
    let mut term = terminal(120, 40);
    press(&mut app, &mut term, "x");
    let file = app.review.store.as_ref().unwrap().path().to_path_buf();
    assert!(
        file.starts_with(site.private.path().join("reviews")),
        "{file:?}"
    );
    assert!(!file.starts_with(site.posts.as_path()));
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let folder = std::fs::metadata(file.parent().unwrap())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(folder & 0o777, 0o700);
    let store = ReviewStore::open(&file).unwrap();
    assert_eq!(
        store.status("ann/2024-04-01-ann.md"),
        ReviewStatus::NeedsRevision
    );

    // A data folder inside the site is refused: reviews are off, the header says why.
    let inside = site.posts.as_path().join("private");
    // SAFETY: as above.
    unsafe { std::env::set_var(DATA_DIR_ENV, &inside) };
    let mut app = App::new(site.posts.as_path(), Theme::new(ThemeName::Dark, false));
    app.open_reviews(None, Access::ReadWrite);
    app.start_loading();
    let screen = press(&mut app, &mut term, "m");
    assert!(app.review.store.is_none());
    assert!(screen.contains("where it could be published"), "{screen}");
    assert!(screen.contains("no review file is open"), "{screen}");
    assert!(!inside.exists());
}
