//! Any keys at any window size: no panic, nothing drawn outside the window.

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
    "b",
    "[",
    "]",
    "/",
    "n",
    "N",
    "s",
    "p",
    "P",
    "?",
    "pgdn",
    "pgup",
    "ctrl-d",
    "ctrl-u",
    "backspace",
    "a",
    "e",
    "x",
    ":",
    "left",
    "right",
    "up",
    "down",
    "home",
    "end",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_keys_at_any_size_never_panic(
        width in 1u16..160,
        height in 1u16..50,
        keys in proptest::collection::vec(0..KEYS.len(), 0..40),
    ) {
        let mut hostile = sample_library();
        hostile.push(post(
            "z/wide.md",
            "全角のタイトル \u{202e}reversed\u{1b}[31m",
            "作者",
            Some((2021, 2, 3)),
            &"長い行 ".repeat(200),
        ));
        let mut app = app_with(hostile);
        let mut term = terminal(width, height);
        // `q` is left out so every key is read; `e` runs the scripted no-op editor.
        let script: Vec<&str> = keys.iter().map(|&i| KEYS[i]).collect();
        let screen = press(&mut app, &mut term, &script.join(" "));
        prop_assert_eq!(screen.lines().count(), usize::from(height));
        for line in screen.lines() {
            prop_assert!(unicode_width::UnicodeWidthStr::width(line) <= usize::from(width), "{}", line);
            prop_assert!(!line.contains('\x1b'), "escape in {:?}", line);
        }
    }
}
