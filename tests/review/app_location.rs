//! The app's default review file: in the data folder (MEETUP_READER_DATA_DIR, here
//! a temp folder), outside the site, created 0600 on the first change. One test
//! only: it sets the environment for this whole test binary.

mod review_common;

use std::os::unix::fs::PermissionsExt;

use meetup_reader::app::App;
use meetup_reader::app::review::Access;
use meetup_reader::markdown::{Theme, ThemeName};
use meetup_reader::review::{DATA_DIR_ENV, ReviewStatus, ReviewStore};
use review_common::*;

#[test]
fn the_default_review_file_is_private_and_outside_the_site() {
    let site = site();
    // SAFETY: the only test in this binary, so no other thread reads the environment.
    unsafe { std::env::set_var(DATA_DIR_ENV, site.private.path()) };
    let mut app = App::new(site.posts.path(), Theme::new(ThemeName::Dark, false));
    app.open_reviews(None, Access::ReadWrite);
    app.start_loading();
    let mut term = terminal(120, 40);
    press(&mut app, &mut term, "x");
    let file = app.review.store.as_ref().unwrap().path().to_path_buf();
    assert!(
        file.starts_with(site.private.path().join("reviews")),
        "{file:?}"
    );
    assert!(!file.starts_with(site.posts.path()));
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
    let inside = site.posts.path().join("private");
    // SAFETY: as above.
    unsafe { std::env::set_var(DATA_DIR_ENV, &inside) };
    let mut app = App::new(site.posts.path(), Theme::new(ThemeName::Dark, false));
    app.open_reviews(None, Access::ReadWrite);
    app.start_loading();
    let screen = press(&mut app, &mut term, "m");
    assert!(app.review.store.is_none());
    assert!(screen.contains("where it could be published"), "{screen}");
    assert!(screen.contains("no review file is open"), "{screen}");
    assert!(!inside.exists());
}
