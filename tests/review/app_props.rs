//! Any review keys at any window size, with a review file holding hostile text:
//! no panic, nothing drawn outside the window, no escape sequence on screen.

use proptest::prelude::*;

use crate::support::screen::*;
use crate::support::site::*;

const KEYS: &[&str] = &[
    "j",
    "k",
    "g",
    "G",
    "enter",
    "esc",
    "tab",
    "h",
    "l",
    "space",
    "[",
    "]",
    "/",
    "n",
    "?",
    "m",
    "x",
    "!",
    "u",
    "a",
    "S",
    "U",
    "E",
    "F",
    "R",
    "y",
    "1",
    ".",
    "ctrl-s",
    "backspace",
    "s",
    ":",
    "p",
    "down",
    "up",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_review_keys_at_any_size_never_panic(
        width in 1u16..160,
        height in 1u16..50,
        keys in proptest::collection::vec(0..KEYS.len(), 0..30),
    ) {
        let site = review_site();
        let hostile = site.post_path("z/2020-01-01-wide.md");
        std::fs::create_dir_all(hostile.parent().unwrap()).unwrap();
        std::fs::write(
            &hostile,
            "---\ntitle: \"全角 \\u202e\\e[31m\"\n---\n## How did it go?\n\u{1b}[2J長い行\n",
        )
        .unwrap();
        std::fs::write(
            site.review_file(),
            r#"{"version":1,"reviews":{"z/2020-01-01-wide.md":{"status":"flagged","note":"bad \u001b[31m red\nline \u0007two","content_hash":""}}}"#,
        )
        .unwrap();
        let mut app = site.review_app();
        // A relative export path typed over the default lands here, not in the repo.
        app.working_dir = site.private.path().to_path_buf();
        let mut term = terminal(width, height);
        let script: Vec<&str> = keys.iter().map(|&i| KEYS[i]).collect();
        let screen = press(&mut app, &mut term, &script.join(" "));
        prop_assert_eq!(screen.lines().count(), usize::from(height));
        for line in screen.lines() {
            prop_assert!(unicode_width::UnicodeWidthStr::width(line) <= usize::from(width), "{}", line);
            prop_assert!(!line.contains('\x1b') && !line.contains('\x07'), "escape in {:?}", line);
        }
    }
}
