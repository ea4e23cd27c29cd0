//! Tagging (`t`, `T`) and the bulk changes it enables: a mark, a score or
//! unpublishing applied to every tagged post at once, through the real loop.

use meetup_reader::app::Mode;
use meetup_reader::review::{ReviewStatus, ReviewStore};

use crate::support::screen::*;
use crate::support::site::*;

const ANN: &str = "ann/2024-04-01-ann.md";
const BOB: &str = "bob/2024-03-01-bob.md";
const CAT: &str = "cat/2024-02-01-cat.md";
const DAN: &str = "dan/2024-01-01-dan.md";

#[test]
fn a_mark_applies_to_every_tagged_post_and_only_to_them() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 30);
    // t tags and moves down: Ann and Bob tagged, Cat selected, then Dan tagged.
    let screen = press(&mut app, &mut term, "t t j t");
    assert!(screen.contains("3 tagged"), "{screen}");
    assert!(line_with(&screen, "Ann at the meetup").contains("*2024-04-01"));
    assert!(!line_with(&screen, "Cat's reflection").contains('*'));
    let screen = press(&mut app, &mut term, "x");
    assert!(
        screen.contains("marked 3 tagged posts needs-revision"),
        "{screen}"
    );
    let store = ReviewStore::open(&site.review_file()).unwrap();
    for post in [ANN, BOB, DAN] {
        assert_eq!(store.status(post), ReviewStatus::NeedsRevision, "{post}");
    }
    assert_eq!(store.status(CAT), ReviewStatus::Unreviewed);

    // T clears the tags: a mark is the selected post's again.
    let screen = press(&mut app, &mut term, "T");
    assert!(screen.contains("3 posts untagged"), "{screen}");
    assert!(!screen.contains("tagged ·"), "{screen}");
    press(&mut app, &mut term, "g m");
    let store = ReviewStore::open(&site.review_file()).unwrap();
    assert_eq!(store.status(ANN), ReviewStatus::Reviewed);
    assert_eq!(store.status(BOB), ReviewStatus::NeedsRevision);
}

#[test]
fn a_change_to_tagged_posts_the_filter_hides_says_so() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "t t /");
    type_text(&mut app, &mut term, "author:ann");
    let screen = press(&mut app, &mut term, "enter !");
    assert!(
        screen.contains("marked 2 tagged posts flagged (1 of them hidden by the filter)"),
        "{screen}"
    );
    let store = ReviewStore::open(&site.review_file()).unwrap();
    assert_eq!(store.status(BOB), ReviewStatus::Flagged);
}

#[test]
fn t_on_a_tagged_post_untags_it() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "t k t");
    assert!(app.review.tagged.is_empty());
    let screen = press(&mut app, &mut term, "");
    assert!(screen.contains("no post is tagged"), "{screen}");
}

#[test]
fn a_score_is_given_to_every_tagged_post_and_shown_as_theirs_when_shared() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "j t t");
    let screen = press(&mut app, &mut term, "S");
    assert_eq!(app.mode(), Mode::Score);
    assert!(screen.contains("Score · 2 tagged posts"), "{screen}");
    let screen = press(&mut app, &mut term, "7 . 5 enter");
    assert!(
        screen.contains("score 7.5/10 saved for 2 tagged posts"),
        "{screen}"
    );
    let store = ReviewStore::open(&site.review_file()).unwrap();
    assert_eq!(store.get(BOB).and_then(|r| r.score), Some(7.5));
    assert_eq!(store.get(CAT).and_then(|r| r.score), Some(7.5));
    assert_eq!(store.get(ANN).and_then(|r| r.score), None);

    // Opened again, the shared score is there, selected: typing replaces it.
    press(&mut app, &mut term, "S 9 enter");
    let store = ReviewStore::open(&site.review_file()).unwrap();
    assert_eq!(store.get(BOB).and_then(|r| r.score), Some(9.0));
    assert_eq!(store.get(CAT).and_then(|r| r.score), Some(9.0));

    // An invalid score is refused for all of them, and nothing is saved.
    let screen = press(&mut app, &mut term, "S 1 1 enter");
    assert_eq!(app.mode(), Mode::Score);
    assert!(screen.contains("out of range"), "{screen}");
    let store = ReviewStore::open(&site.review_file()).unwrap();
    assert_eq!(store.get(BOB).and_then(|r| r.score), Some(9.0));
}

#[test]
fn unpublishing_the_tagged_posts_asks_then_changes_only_them() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "t t");
    let screen = press(&mut app, &mut term, "U");
    assert_eq!(app.mode(), Mode::Confirm);
    assert!(screen.contains("Unpublish 2 tagged posts?"), "{screen}");
    // No changes nothing.
    press(&mut app, &mut term, "n");
    assert!(!site.read(&site.post_path(ANN)).contains("published: false"));

    let screen = press(&mut app, &mut term, "U y");
    assert!(screen.contains("2 tagged posts unpublished"), "{screen}");
    for post in [ANN, BOB] {
        assert!(
            site.read(&site.post_path(post))
                .contains("published: false"),
            "{post}"
        );
    }
    assert!(!site.read(&site.post_path(CAT)).contains("published: false"));
    assert!(
        line_with(&screen, "Ann at the meetup").contains('⊘'),
        "{screen}"
    );

    // All tagged posts unpublished: U publishes them again.
    let screen = press(&mut app, &mut term, "U");
    assert!(screen.contains("Publish again 2 tagged posts?"), "{screen}");
    press(&mut app, &mut term, "y");
    for post in [ANN, BOB] {
        assert!(
            !site.read(&site.post_path(post)).contains("published"),
            "{post}"
        );
    }
}

#[test]
fn a_tagged_post_that_left_the_folder_is_not_changed() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "t t");
    std::fs::remove_file(site.post_path(BOB)).unwrap();
    let screen = press(&mut app, &mut term, "r m");
    assert!(screen.contains("marked 1 tagged post reviewed"), "{screen}");
    let store = ReviewStore::open(&site.review_file()).unwrap();
    assert_eq!(store.status(ANN), ReviewStatus::Reviewed);
    assert!(store.get(BOB).is_none());
}
