//! The loader never panics and never loses a file, whatever bytes it is given, and stays
//! bounded on hostile input.

use std::fs;
use std::path::Path;

use meetup_reader::post::front_matter::parse_post;
use meetup_reader::post::library::MAX_FILE_BYTES;
use meetup_reader::post::load_folder;
use proptest::prelude::*;

/// Pieces beginners' files are made of, so random files look like damaged posts often.
fn post_like() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"---\n".to_vec()),
        Just(b"--\n".to_vec()),
        Just("—\n".as_bytes().to_vec()),
        Just(b"title: \"x\n".to_vec()),
        Just(b"Title: a: b\n".to_vec()),
        Just(b"  author:sam\n".to_vec()),
        Just(b"\ttags: [a, b\n".to_vec()),
        Just(b"date: 2022-02-30\n".to_vec()),
        Just(b"published: no\n".to_vec()),
        Just(b"a: &a [*a]\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\n".to_vec()),
        Just("\u{feff}".as_bytes().to_vec()),
        Just(b"# Heading\n".to_vec()),
        Just(b"+---\n".to_vec()),
        Just(b"+title: x\n".to_vec()),
        Just(b"___\n".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..40),
        "[a-z :\"'-]{0,30}\n".prop_map(String::into_bytes),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_bytes_give_a_post(bytes in post_like(), name in "[a-z0-9 '.-]{1,20}") {
        let path = Path::new("author").join(&name);
        let post = parse_post(&path, &bytes);
        prop_assert_eq!(post.path, path);
        prop_assert!(!post.title.is_empty());
        for diagnostic in &post.diagnostics {
            prop_assert!(!diagnostic.message.is_empty());
        }
        // Nothing is lost: the body is a suffix of the decoded text (of the text under the
        // `+` marks, for a pasted diff).
        let text = String::from_utf8_lossy(&bytes);
        if post.diagnostics.iter().any(|d| d.rule == "pasted-diff") {
            let unmarked: String = text
                .split_inclusive('\n')
                .map(|line| line.strip_prefix('+').unwrap_or(line))
                .collect();
            prop_assert!(unmarked.ends_with(post.body.as_str()));
        } else {
            prop_assert!(text.ends_with(post.body.as_str()));
        }
    }

    #[test]
    fn a_post_pasted_from_a_diff_reads_as_the_post(
        title in "[A-Za-z][A-Za-z ]{0,20}[A-Za-z]",
        author in "[a-z]{1,10}",
        body in proptest::collection::vec("[A-Za-z .,]{0,40}", 0..8),
        crlf in any::<bool>(),
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let lines: Vec<String> = ["---".to_string(), "layout: post".into(), format!("title: {title}"),
            format!("author: {author}"), "---".into()]
            .into_iter()
            .chain(body)
            .collect();
        let post_text: String = lines.iter().map(|l| format!("{l}{end}")).collect();
        let pasted: String = lines.iter().map(|l| format!("+{l}{end}")).collect();
        let plain = parse_post(Path::new("a/2024-01-01-x.md"), post_text.as_bytes());
        let from_diff = parse_post(Path::new("a/2024-01-01-x.md"), pasted.as_bytes());
        prop_assert_eq!(&from_diff.title, &plain.title);
        prop_assert_eq!(&from_diff.author, &plain.author);
        prop_assert_eq!(&from_diff.body, &plain.body);
        prop_assert_eq!(from_diff.words, plain.words);
        let mut rules: Vec<_> = from_diff.diagnostics.iter().map(|d| (d.rule, d.line)).collect();
        let mut expected = vec![("pasted-diff", Some(1))];
        expected.extend(plain.diagnostics.iter().map(|d| (d.rule, d.line)));
        rules.sort_unstable();
        expected.sort_unstable();
        prop_assert_eq!(rules, expected);
    }

    #[test]
    fn a_file_read_again_gives_the_body_and_front_matter_of_the_post(bytes in post_like()) {
        let post = parse_post(Path::new("a/2024-01-01-x.md"), &bytes);
        let read = meetup_reader::post::front_matter::read_again(bytes);
        prop_assert_eq!(read.body, post.body);
        prop_assert_eq!(read.front_matter, post.front_matter);
    }

    #[test]
    fn arbitrary_bytes_give_a_post(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let post = parse_post(Path::new("x.md"), &bytes);
        prop_assert!(String::from_utf8_lossy(&bytes).ends_with(post.body.as_str()));
    }
}

#[test]
fn huge_files_and_lines_are_bounded_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("2022-12-01-huge.md");
    let mut text = String::from("---\nlayout: post\nauthor: a\ntitle: Huge\n---\n");
    let paragraph = "word ".repeat(200) + "\n\n";
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&paragraph);
    }
    fs::write(&big, &text).unwrap();
    fs::write(
        dir.path().join("2022-12-02-one-line.md"),
        format!("---\ntitle: Line\n---\n{}", "x".repeat(5 * 1024 * 1024)),
    )
    .unwrap();
    let library = load_folder(dir.path()).unwrap();
    assert_eq!(library.posts.len(), 2);
    let huge = library.posts.iter().find(|p| p.title == "Huge").unwrap();
    assert!(huge.body.len() <= MAX_FILE_BYTES as usize);
    assert!(huge.diagnostics.iter().any(|d| d.rule == "file-too-large"));
    let line = library.posts.iter().find(|p| p.title == "Line").unwrap();
    assert_eq!(line.body.len(), 5 * 1024 * 1024);
}

#[test]
fn a_front_matter_that_never_ends_is_capped() {
    let mut text = String::from("---\n");
    for i in 0..20_000 {
        text.push_str(&format!("key{i}: value\n"));
    }
    let post = parse_post(Path::new("2022-12-01-keys.md"), text.as_bytes());
    let rules: Vec<_> = post.diagnostics.iter().map(|d| d.rule).collect();
    assert!(rules.contains(&"front-matter-too-large"), "{rules:?}");
    assert!(post.front_matter.len() <= 64 * 1024);
    assert!(text.ends_with(post.body.as_str()));
}

#[test]
fn an_alias_bomb_is_read_without_expanding_it() {
    let mut yaml = String::from(
        "---\nlayout: post\ntitle: Bomb\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for level in 1..60 {
        let prev = level - 1;
        let refs = vec![format!("*a{prev}"); 9].join(", ");
        yaml.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
    }
    yaml.push_str("tags: *a59\ncategories: *a59\n---\nBody\n");
    let post = parse_post(Path::new("2022-12-01-bomb.md"), yaml.as_bytes());
    assert_eq!(post.body, "Body\n");
    // serde_yaml either reads the title or refuses the aliases; either way a post comes back.
    assert!(
        post.title == "Bomb"
            || post
                .diagnostics
                .iter()
                .any(|d| d.rule == "front-matter-yaml")
    );
}

/// Words as a reader counts them: runs between white space with a letter or digit.
fn plain_word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

proptest! {
    #[test]
    fn word_count_matches_the_plain_definition(text in "[a-z \\t\\n\\r\\u{b}\\u{c}\\u{a0}\\u{2003}\\u{3000}é中|*-]{0,80}") {
        prop_assert_eq!(meetup_reader::post::count_words(&text), plain_word_count(&text));
    }

    /// ASCII text is counted without a branch per byte: any ASCII, controls and all,
    /// against the same definition.
    #[test]
    fn ascii_word_count_matches_the_plain_definition(text in "[\u{0}-\u{7f}]{0,120}") {
        prop_assert_eq!(meetup_reader::post::count_words(&text), plain_word_count(&text));
    }

    /// Long texts too: prose, long runs without white space, and long runs of it.
    #[test]
    fn long_ascii_texts_count_as_the_plain_definition(
        text in "([a-z]{1,9}[ .,\n-]{1,3}|[\u{0}-\u{7f}]{1,40}|[a-z]{300}| {200}){0,60}",
    ) {
        prop_assert_eq!(meetup_reader::post::count_words(&text), plain_word_count(&text));
    }

    /// Long prose with a character that is not ASCII here and there (quotes, accents,
    /// Unicode white space, a word of Chinese): the ASCII between is counted apart.
    #[test]
    fn long_mixed_texts_count_as_the_plain_definition(
        text in "([a-z]{1,9}[ .,\n-]{1,3}|[\u{0}-\u{7f}]{1,40}|[a-z é’“”\u{a0}\u{2003}\u{85}中-]{1,12}|[a-z]{70}| {70}){0,60}",
    ) {
        prop_assert_eq!(meetup_reader::post::count_words(&text), plain_word_count(&text));
    }
}

proptest! {
    /// Titles compare with ASCII a byte at a time and the rest folded, as they would
    /// folded a character at a time.
    #[test]
    fn titles_compare_as_folded_characters(
        a in "[aAbBzZ é É ß 0-9._İ\u{130}Ωω]{0,12}",
        b in "[aAbBzZ é É ß 0-9._İ\u{130}Ωω]{0,12}",
    ) {
        use meetup_reader::post::{compare_titles, sort_fold};
        let plain = a.chars().map(sort_fold).cmp(b.chars().map(sort_fold));
        prop_assert_eq!(compare_titles(&a, &b), plain);
        prop_assert_eq!(compare_titles(&b, &a), plain.reverse());
    }
}
