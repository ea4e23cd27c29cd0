//! A draft from the template reads well: the answer typed where the cursor starts is a
//! paragraph of its own (in the preview and as published), the template's own words are
//! not counted as the student's, and one word count is shown everywhere.

use meetup_reader::markdown::{Theme, ThemeName, render};
use meetup_reader::post::front_matter::parse_post;
use meetup_reader::review::Rubric;
use proptest::prelude::*;

use crate::support::screen::*;
use crate::support::site::*;

#[test]
fn a_fresh_draft_counts_no_words_and_the_answer_is_its_own_paragraph() {
    let site = site();
    let mut app = site.app();
    let mut term = terminal(120, 40);
    let screen = press(
        &mut app,
        &mut term,
        &format!("n {} tab tab tab", typed("Pizza")),
    );
    let status = line_with(&screen, "answered");
    assert!(status.contains(" 0 words · 0/5 answered"), "{status}");

    // The cursor starts where the first answer goes.
    press(&mut app, &mut term, &typed("I went with friends"));
    let text = editor_text(&app);
    assert!(
        text.contains("**How did it go?**\n\nI went with friends\n\n**What did you learn?**"),
        "{text:?}"
    );
    let body = &text[text.find("\n---\n").unwrap() + 5..];
    let rendered = render(body, 60, &Theme::new(ThemeName::Dark, false));
    let lines: Vec<String> = (0..rendered.len())
        .map(|i| rendered.line_text(i).to_string())
        .collect();
    let question = lines
        .iter()
        .position(|l| l.contains("How did it go?"))
        .unwrap();
    let answer = lines
        .iter()
        .position(|l| l.contains("I went with friends"))
        .unwrap();
    assert!(answer > question + 1, "a blank line between: {lines:#?}");
    assert!(lines[question + 1].trim().is_empty(), "{lines:#?}");
    assert!(
        !lines[question].contains("I went"),
        "not one paragraph: {lines:#?}"
    );

    let screen = press(&mut app, &mut term, "");
    let status = line_with(&screen, "answered");
    assert!(status.contains(" 4 words · 0/5 answered"), "{status}");
}

#[test]
fn an_empty_post_takes_no_time_to_read() {
    let dir = folder_with([(
        "sam/2024-01-01-empty.md",
        "---\nlayout: post\ntitle: Empty\nauthor: sam\n---\n",
    )]);
    let mut app = app_loading(dir.path());
    let screen = press(&mut app, &mut terminal(100, 20), "");
    let byline = line_with(&screen, "by sam");
    assert!(byline.contains("0 words"), "{byline}");
    assert!(!byline.contains("min read"), "{byline}");
}

/// Bodies made of the template's questions (as bold lines, headings, with an answer on
/// the same line), answers, tags and code.
fn reflection_body() -> impl Strategy<Value = String> {
    let questions = meetup_reader::assignment::DEFAULT_QUESTIONS;
    let piece = prop_oneof![
        (0..questions.len()).prop_map(move |i| format!("**{}**", questions[i])),
        (0..questions.len()).prop_map(move |i| format!("## {}", questions[i])),
        (0..questions.len(), "[a-z ]{0,30}")
            .prop_map(move |(i, rest)| format!("**{}** {rest}", questions[i])),
        "[A-Za-z ,.?]{0,60}",
        Just("<br />".to_string()),
        Just("```".to_string()),
        Just(String::new()),
    ];
    proptest::collection::vec(piece, 0..30).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The byline (and `list`), the rubric (and the export) and the editor's status line
    /// count the same words for the same post.
    #[test]
    fn one_word_count_everywhere(body in reflection_body()) {
        let text = format!("---\nlayout: post\ntitle: T\nauthor: sam\n---\n{body}");
        let post = parse_post(std::path::Path::new("sam/2024-01-01-t.md"), text.as_bytes());
        let questions: Vec<String> = meetup_reader::assignment::DEFAULT_QUESTIONS
            .iter()
            .map(|q| q.to_string())
            .collect();
        let rubric = Rubric::of(&post.body, &questions);
        prop_assert_eq!(post.words, rubric.total_words());
        let answered: usize = rubric.answers().flatten().sum();
        // A paragraph may answer two questions, so answers may add up to more than the
        // post; each alone never does.
        prop_assert!(rubric.answers().flatten().all(|words| words <= rubric.total_words()));
        let editor = meetup_reader::draft::answered(&post.body, &questions);
        prop_assert_eq!(editor.iter().map(|a| a.words).sum::<usize>(), answered);
    }
}
