//! Any keys in the editor at any window size: no panic, nothing drawn outside the
//! window, and whatever happened, nothing outside the site's drafts and posts changes.

use proptest::prelude::*;

use crate::support::screen::*;
use crate::support::site::*;

const RLO: char = '\u{202e}';

const KEYS: &[&str] = &[
    "a",
    "Z",
    "é",
    "*",
    "space",
    "enter",
    "backspace",
    "tab",
    "up",
    "down",
    "left",
    "right",
    "home",
    "end",
    "pgup",
    "pgdn",
    "esc",
    "ctrl-s",
    "ctrl-p",
    "ctrl-o",
    "ctrl-u",
    "ctrl-r",
    "ctrl-x",
    "ctrl-k",
    "ctrl-v",
    "ctrl-a",
    "ctrl-f",
    "ctrl-g",
    "ctrl-w",
    "y",
    "d",
    "s",
    "r",
    "n",
    "q",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_keys_in_the_editor_never_panic(
        width in 1u16..160,
        height in 1u16..50,
        keys in proptest::collection::vec(0..KEYS.len(), 0..60),
    ) {
        let site = site();
        let draft = site.draft(
            "hostile.md",
            "---\ntitle: \"全角 \\u001b[31m\"\nauthor: alice\n---\n\u{202e}body\t\u{1b}[2J\n**How did it go?**\n",
        );
        let mut app = site.app();
        app.open_draft(&draft);
        let script: Vec<&str> = keys.iter().map(|&i| KEYS[i]).collect();
        let screen = press(&mut app, &mut terminal(width, height), &script.join(" "));
        prop_assert!(!screen.contains('\u{1b}'), "an escape reached the screen");
        prop_assert!(!screen.contains(RLO), "a bidi override reached the screen");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whatever is typed as the title and author is what the front matter says.
    #[test]
    fn typed_fields_round_trip_through_the_front_matter(
        title in "[^\n\r]{0,40}",
        author in "[a-zA-Z é:'\"#-]{0,20}",
    ) {
        use meetup_reader::app::drafting::{EditorState, Field};
        use meetup_reader::draft::DraftSession;
        use meetup_reader::draft::front::{read_fields, split};
        let path = std::path::Path::new("/nowhere/_drafts/x.md");
        let start = "---\nlayout: post\ntitle:\nauthor:\n---\nbody\n";
        let mut editor = EditorState::new(
            DraftSession::new(path, start),
            start,
            "",
            std::path::Path::new("/nowhere/posts"),
            &[],
        );
        editor.area_mut(Field::Title).insert_str(&title);
        editor.area_mut(Field::Author).insert_str(&author);
        let text = editor.text();
        let fields = read_fields(split(&text).expect("front matter").yaml)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(fields.title, title.trim());
        prop_assert_eq!(fields.author, author.trim());
        prop_assert!(text.ends_with("---\nbody\n"));
    }
}
