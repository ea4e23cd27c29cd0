//! The rubric reads real reflections the way a fair grader would: headings matched to
//! questions by meaning (paraphrased, misspelt, merged), the student's own sections ending
//! the answer before them, and prose without headings judged from its text. Each
//! invented reflection below comes with the answer expected for every question.

use meetup_reader::assignment::DEFAULT_QUESTIONS;
use meetup_reader::review::Rubric;
use meetup_reader::review::rubric::FoundBy;

/// `n` words of answer.
fn words(n: usize) -> String {
    (0..n)
        .map(|i| format!("w{i}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Per question: `None` not found, `Some((words, how))`.
type Expected = [Option<(usize, FoundBy)>; 5];

fn check(name: &str, body: &str, expected: Expected) {
    let rubric = Rubric::of(body, &DEFAULT_QUESTIONS);
    for (question, want) in expected.iter().enumerate() {
        let got = rubric.words(question).zip(rubric.found_by(question));
        assert_eq!(got, *want, "{name}: question {question}\n{body}");
    }
}

use FoundBy::{Heading as H, Text as T};

#[test]
fn exact_headings() {
    let body = format!(
        "## How did it go?\n{}\n\n## What did you learn?\n{}\n\n## Would you find value in this kind of event after class?\n{}\n\n## How was the experience different from your expectations?\n{}\n\n## Could you see yourself becoming a member of a professional community like this in the future?\n{}\n",
        words(25),
        words(30),
        words(21),
        words(40),
        words(22)
    );
    check(
        "exact",
        &body,
        [
            Some((25, H)),
            Some((30, H)),
            Some((21, H)),
            Some((40, H)),
            Some((22, H)),
        ],
    );
}

#[test]
fn paraphrased_and_misspelt_headings() {
    let body = format!(
        "**How it went**\n{}\n\n**What I lerned**\n{}\n\n### Value after class\n{}\n\n### Expectations vs. reality\n{}\n\n### Would I join?\nMaybe becoming a member of the community. {}\n",
        words(20),
        words(25),
        words(30),
        words(35),
        words(12)
    );
    check(
        "paraphrased",
        &body,
        [
            Some((20, H)),
            Some((25, H)),
            Some((30, H)),
            Some((35, H)),
            Some((19, H)),
        ],
    );
}

#[test]
fn a_heading_of_the_students_own_ends_the_answer_before_it() {
    let body = format!(
        "## What I learned\n{}\n\n## About the talk\n{}\n\n## Would I go again?\n{}\n",
        words(25),
        words(100),
        words(22)
    );
    // The 100 words about the talk are nobody's answer (once, they went to "learned").
    check(
        "own section",
        &body,
        [None, Some((25, H)), Some((22, H)), None, None],
    );
}

#[test]
fn one_heading_for_two_questions_counts_for_both() {
    let body = format!(
        "## What I learned and whether it was worth it\n{}\n",
        words(40)
    );
    check(
        "merged",
        &body,
        [None, Some((40, H)), Some((40, H)), None, None],
    );
}

#[test]
fn empty_answers_are_found_but_thin() {
    let body = "## How did it go?\n\n## What did you learn?\nNot much.\n";
    check(
        "empty",
        body,
        [Some((0, H)), Some((2, H)), None, None, None],
    );
}

#[test]
fn bold_emphasis_inside_an_answer_does_not_end_it() {
    let body = format!(
        "## What did you learn?\n{}\n\n**This part was the best thing about the whole evening, honestly.**\n\n{}\n",
        words(10),
        words(15)
    );
    check(
        "emphasis",
        &body,
        [None, Some((10 + 11 + 15, H)), None, None, None],
    );
}

#[test]
fn prose_without_headings_is_judged_from_its_text() {
    let body = "I went to the PyATX meetup on Thursday with two friends from class. \
        The room was full and the pizza was good.\n\n\
        I learned a lot about testing with pytest, and I discovered fixtures, which I had \
        never used before. The lesson about parametrize was the best part.\n\n\
        Honestly it was not what I expected. I thought it would be very formal, but \
        I was surprised by how friendly everyone was.\n\n\
        I would definitely find it valuable to attend again after class; it was worth \
        the drive and I would recommend it.\n\n\
        I could see myself joining this community and becoming a member one day.\n";
    let rubric = Rubric::of(body, &DEFAULT_QUESTIONS);
    assert!(rubric.judged_from_text());
    for question in 1..5 {
        assert_eq!(
            rubric.found_by(question),
            Some(T),
            "question {question}: {rubric:?}"
        );
        assert!(
            rubric.words(question).unwrap() >= 10,
            "question {question}: {rubric:?}"
        );
    }
    assert!(rubric.answered() >= 3, "{rubric:?}");
}

#[test]
fn unrelated_prose_answers_nothing_but_says_how_it_was_judged() {
    let body = "The venue was downtown. Parking was hard to find and the room was cold.\n\n\
        There were about forty people and a projector that did not work at first.\n";
    let rubric = Rubric::of(body, &DEFAULT_QUESTIONS);
    assert_eq!(rubric.answered(), 0);
    assert!(rubric.answers().all(|answer| answer.is_none()));
}
