//! The problems popup with more diagnostics than fit: it scrolls by rows to the last one,
//! and a count that overflowed its height arithmetic no longer panics.

use std::fs;

use meetup_reader::snapshot::{parse_keys, run, to_text};

fn post_with_broken_lines(dir: &std::path::Path, broken: usize, plain: usize) {
    let mut text = String::from("---\ntitle: x\n");
    for _ in 0..broken {
        text.push_str("\ta:1\n");
    }
    for _ in 0..plain {
        text.push_str("a:1\n");
    }
    text.push_str("---\nbody\n");
    fs::write(dir.join("2024-01-01-many.md"), text).unwrap();
}

#[test]
fn the_last_diagnostic_can_be_scrolled_into_view() {
    let dir = tempfile::tempdir().unwrap();
    post_with_broken_lines(dir.path(), 13, 0);
    let keys = format!("p {}", vec!["j"; 300].join(" "));
    let screen = to_text(&run(dir.path(), 40, 12, parse_keys(&keys).unwrap()));
    // The post's last diagnostic is the missing author.
    assert!(screen.contains("author-missing"), "{screen}");
    // Wrapped continuation rows keep the message's indent.
    assert!(
        screen.lines().filter(|l| l.starts_with("│  ")).count() >= 2,
        "{screen}"
    );
}

#[test]
fn a_row_count_past_u16_does_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    post_with_broken_lines(dir.path(), 7280, 2);
    let screen = to_text(&run(dir.path(), 100, 30, parse_keys("p G").unwrap()));
    assert!(screen.contains("Problems"), "{screen}");
}

/// After scrolling far past the end, one key back up moves at once: the popup keeps
/// the scroll it could show, not the one asked for.
fn one_key_back_moves_at_once(open: &str, broken: usize) {
    let dir = tempfile::tempdir().unwrap();
    post_with_broken_lines(dir.path(), broken, 0);
    let screen = |keys: String| to_text(&run(dir.path(), 40, 12, parse_keys(&keys).unwrap()));
    let far = vec!["j"; 300].join(" ");
    let at_end = screen(format!("{open} {far}"));
    let back_one = screen(format!("{open} {far} k"));
    assert_ne!(
        at_end, back_one,
        "one k after scrolling past the end did nothing"
    );
    assert_eq!(screen(format!("{open} {far} k j")), at_end);
    assert_ne!(
        screen(open.to_string()),
        at_end,
        "the overlay should scroll at 40x12"
    );
}

#[test]
fn the_problems_popup_comes_back_up_at_once() {
    one_key_back_moves_at_once("p", 13);
}

#[test]
fn the_keys_overlay_comes_back_up_at_once() {
    one_key_back_moves_at_once("?", 1);
}
