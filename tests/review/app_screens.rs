//! Snapshots of the review screens at 120×40 and 60×20: the list with its review
//! marks, the reader header with the rubric and the review, the session, popups.

use crate::support::screen::*;
use crate::support::site::*;

/// Ann reviewed with a score and a note, Bob flagged, Cat needs revision but
/// changed since, Dan unreviewed (and missing answers).
fn reviewed_site() -> Site {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    press(
        &mut app,
        &mut term,
        "m S 9 enter a G r e a t , space t h o r o u g h . enter M o r e ctrl-s j ! j x",
    );
    let cat = site.post_path("cat/2024-02-01-cat.md");
    let mut text = std::fs::read_to_string(&cat).unwrap();
    text.push_str("A late line.\r\n");
    std::fs::write(&cat, text).unwrap();
    site
}

fn shot(site: &Site, size: (u16, u16), keys: &str) -> String {
    let mut app = site.review_app();
    let mut term = terminal(size.0, size.1);
    site.redact(&press(&mut app, &mut term, keys))
}

#[test]
fn list_with_marks_120x40() {
    let site = reviewed_site();
    insta::assert_snapshot!(shot(&site, (120, 40), ""));
}

#[test]
fn list_with_marks_60x20() {
    let site = reviewed_site();
    insta::assert_snapshot!(shot(&site, (60, 20), ""));
}

#[test]
fn reader_header_with_rubric_120x40() {
    let site = reviewed_site();
    insta::assert_snapshot!(shot(&site, (120, 40), "enter i"));
}

#[test]
fn reader_header_with_rubric_60x20() {
    let site = reviewed_site();
    insta::assert_snapshot!(shot(&site, (60, 20), "j j enter"));
}

#[test]
fn session_120x40() {
    let site = reviewed_site();
    insta::assert_snapshot!(shot(&site, (120, 40), "R"));
}

#[test]
fn session_60x20() {
    let site = reviewed_site();
    insta::assert_snapshot!(shot(&site, (60, 20), "R"));
}

#[test]
fn note_popup_120x40() {
    let site = reviewed_site();
    insta::assert_snapshot!(shot(&site, (120, 40), "a"));
}

#[test]
fn score_popup_with_a_bad_value_60x20() {
    let site = reviewed_site();
    insta::assert_snapshot!(shot(&site, (60, 20), "S z"));
}

#[test]
fn corrupt_review_file_120x40() {
    let site = review_site();
    std::fs::write(site.review_file(), "not json").unwrap();
    let screen = shot(&site, (120, 40), "");
    // The kept copy's name holds the time; keep the snapshot stable.
    let stable: String = screen
        .lines()
        .map(|line| match line.find("corrupt-") {
            Some(at) => format!("{}corrupt-[TIME]{}", &line[..at], {
                let rest = &line[at + "corrupt-".len()..];
                let end = rest
                    .find(|c: char| !c.is_ascii_alphanumeric())
                    .unwrap_or(rest.len());
                &rest[end..]
            }),
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!(stable);
}
