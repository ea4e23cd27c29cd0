//! The rubric over the sample posts, written in the two styles real posts use, and
//! over arbitrary text.

use std::fs;
use std::path::Path;

use meetup_reader::assignment::{ANSWERED_MIN_WORDS, DEFAULT_QUESTIONS};
use meetup_reader::review::rubric::FoundBy;
use meetup_reader::review::{Rubric, find_sections};
use proptest::prelude::*;

fn sample(rel: &str) -> String {
    let bytes = fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("posts")
            .join(rel),
    )
    .unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn bold_questions_with_br_answers_are_all_found() {
    let body = sample("inf380pcoder/2022-12-01-inf380p's-meetup-reflection.md");
    let sections = find_sections(&body, &DEFAULT_QUESTIONS);
    assert_eq!(
        sections.iter().map(|s| s.question).collect::<Vec<_>>(),
        [0, 1, 2, 3, 4]
    );
    assert!(sections.iter().all(|s| s.words >= ANSWERED_MIN_WORDS));
    let rubric = Rubric::of(&body, &DEFAULT_QUESTIONS);
    assert_eq!(rubric.answered(), 5);
    assert!(!rubric.is_missing_answers());
    // The second answer runs over three paragraphs, all of them counted.
    assert!(rubric.words(1).unwrap() > 250, "{rubric:?}");
    let answered: usize = rubric.answers().flatten().sum();
    assert!(answered < rubric.total_words());
}

#[test]
fn prose_without_question_lines_is_judged_from_its_text() {
    for rel in [
        "atUtexas/2022-12-1-python-meetup-atUtexas.md",
        "Ibbi2010/cultural-immersion-meetup-experience.md",
    ] {
        let body = sample(rel);
        let sections = find_sections(&body, &DEFAULT_QUESTIONS);
        assert!(
            sections.iter().all(|s| s.found_by == FoundBy::Text),
            "{rel}: no question headings"
        );
        let rubric = Rubric::of(&body, &DEFAULT_QUESTIONS);
        assert!(rubric.judged_from_text(), "{rel}");
        // Never a bare, confident 0 of 5 for a long reflection.
        assert!(rubric.answered() > 0, "{rel}: {rubric:?}");
        assert!(
            rubric.total_words() > 300,
            "{rel}: {}",
            rubric.total_words()
        );
    }
}

#[test]
fn a_short_answer_is_found_but_not_answered() {
    let body = "## How did it go?\nFine.\n\n## What did you learn?\n".to_string()
        + &"word ".repeat(ANSWERED_MIN_WORDS);
    let rubric = Rubric::of(&body, &DEFAULT_QUESTIONS);
    assert_eq!(
        rubric.answers().take(2).collect::<Vec<_>>(),
        [Some(1), Some(ANSWERED_MIN_WORDS)]
    );
    assert_eq!(rubric.answered(), 1);
    assert_eq!(
        rubric.to_string(),
        // The author's words: the answers, not the questions.
        format!("1/5 answered · {} words", 1 + ANSWERED_MIN_WORDS)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_text_is_measured_without_panicking(
        body in "(\\PC|\n|\\*\\*|<br />|#|\\?|How did it go\\?){0,80}"
    ) {
        let sections = find_sections(&body, &DEFAULT_QUESTIONS);
        let rubric = Rubric::of(&body, &DEFAULT_QUESTIONS);
        prop_assert!(sections.iter().all(|s| s.question < DEFAULT_QUESTIONS.len()));
        prop_assert!(sections.windows(2).all(|w| w[0].line < w[1].line));
        prop_assert!(rubric.answered() <= DEFAULT_QUESTIONS.len());
    }
}
