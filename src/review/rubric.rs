//! The rubric: which of the assignment's questions a post answers, and at what length.
//!
//! A question is found on a line of its own written as a heading (`## How did it go?`),
//! a bold line (`**How did it go?**`, `<b>…</b>`) or a line ending in `?` — compared
//! without regard to case, punctuation, markup, `<br />` or a leading number. A bold
//! question may also start a paragraph: `**How did it go?** It went well…`.
//! The answer is everything up to the next question found.

use std::fmt;

use crate::assignment::ANSWERED_MIN_WORDS;
use crate::post::count_words;

/// One question found in a body, with its answer's length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Index into the questions given.
    pub question: usize,
    /// 0-based line of the body where the question was found.
    pub line: usize,
    /// Words in the answer (markup and tags not counted).
    pub words: usize,
}

impl Section {
    pub fn is_answered(&self) -> bool {
        self.words >= ANSWERED_MIN_WORDS
    }
}

/// A post measured against the questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rubric {
    /// Per question, in the order given: the answer's words, `None` when not found.
    pub answers: Vec<Option<usize>>,
    /// Words in the whole body.
    pub total_words: usize,
}

impl Rubric {
    /// Measures `body` against `questions` (for the built-in assignment, pass
    /// `&crate::assignment::DEFAULT_QUESTIONS`).
    pub fn of(body: &str, questions: &[impl AsRef<str>]) -> Self {
        let mut answers = vec![None; questions.len()];
        let (sections, total_words) = scan(body, questions);
        for section in sections {
            let slot: &mut Option<usize> = &mut answers[section.question];
            *slot = Some(slot.unwrap_or(0) + section.words);
        }
        Self {
            answers,
            total_words,
        }
    }

    /// Questions answered with at least [`ANSWERED_MIN_WORDS`] words.
    pub fn answered(&self) -> usize {
        self.answers
            .iter()
            .filter(|a| a.is_some_and(|w| w >= ANSWERED_MIN_WORDS))
            .count()
    }

    pub fn asked(&self) -> usize {
        self.answers.len()
    }

    /// True when some question is missing or answered too briefly.
    pub fn is_missing_answers(&self) -> bool {
        self.answered() < self.asked()
    }
}

impl fmt::Display for Rubric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{} answered · {} words",
            self.answered(),
            self.asked(),
            self.total_words
        )
    }
}

/// The questions found in `body`, in the order they appear, each with the number of
/// words up to the next question found (or the end).
pub fn find_sections(body: &str, questions: &[impl AsRef<str>]) -> Vec<Section> {
    scan(body, questions).0
}

/// The words the post's author wrote: every word of the body but the questions' own
/// (tags not counted). The one word count the byline, the rubric, the export, `list`
/// and the editor's status line all show, so a fresh draft from the template is at 0.
pub fn author_words(body: &str, questions: &[impl AsRef<str>]) -> usize {
    scan(body, questions).1
}

/// The sections, and the author's words in the whole body, in one pass so the two
/// always agree.
fn scan(body: &str, questions: &[impl AsRef<str>]) -> (Vec<Section>, usize) {
    let wanted: Vec<String> = questions.iter().map(|q| normalize(q.as_ref())).collect();
    let mut total = 0;
    let mut sections: Vec<Section> = Vec::new();
    let mut in_fence = false;
    for (index, line) in body.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        let found = if in_fence {
            None
        } else {
            match_question(line, &wanted)
        };
        match found {
            Some((question, answer_on_line)) => {
                let words = count_words(&strip_tags(answer_on_line));
                total += words;
                sections.push(Section {
                    question,
                    line: index,
                    words,
                });
            }
            None => {
                let words = count_words(&strip_tags(line));
                total += words;
                if let Some(current) = sections.last_mut() {
                    current.words += words;
                }
            }
        }
    }
    (sections, total)
}

/// The question `line` asks, and the rest of the line after it (an answer that
/// starts on the same line as a bold question).
fn match_question<'a>(line: &'a str, wanted: &[String]) -> Option<(usize, &'a str)> {
    let find = |text: &str| {
        let normalized = normalize(text);
        if normalized.is_empty() {
            return None;
        }
        wanted.iter().position(|w| *w == normalized)
    };
    let plain = strip_tags(line);
    let plain = plain.trim();
    let unquoted = plain.trim_start_matches(['>', ' ']);
    let is_heading = unquoted.starts_with('#');
    let is_bold = is_wrapped_in_bold(unquoted) || is_wrapped_in_bold_tag(line.trim());
    let asks = unquoted.trim_end_matches(['*', '_', ' ']).ends_with('?');
    if (is_heading || is_bold || asks)
        && let Some(question) = find(unquoted)
    {
        return Some((question, ""));
    }
    // `**Question?** answer…` — a bold question opening the line.
    let start = line.trim_start();
    let start = start
        .strip_prefix("<br />")
        .or_else(|| start.strip_prefix("<br>"))
        .unwrap_or(start)
        .trim_start();
    for marker in ["**", "__"] {
        if let Some(inner) = start.strip_prefix(marker) {
            let close = inner.find(marker)?;
            let question = find(&inner[..close])?;
            let offset = line.len() - inner.len() + close + marker.len();
            return Some((question, &line[offset..]));
        }
    }
    None
}

fn is_wrapped_in_bold(text: &str) -> bool {
    let text = text.trim_end();
    (text.starts_with("**") && text.ends_with("**") && text.len() > 4)
        || (text.starts_with("__") && text.ends_with("__") && text.len() > 4)
}

fn is_wrapped_in_bold_tag(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let lower = lower
        .trim_start_matches("<br />")
        .trim_start_matches("<br>")
        .trim();
    (lower.starts_with("<b>") || lower.starts_with("<strong>"))
        && (lower.ends_with("</b>") || lower.ends_with("</strong>"))
}

/// Lower case, letters and digits only, single spaces, without a leading number
/// (`1.`, `Q2:`) — so `**1. How did it go?**` and `## how did it go` compare equal.
fn normalize(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let skip = words
        .iter()
        .take_while(|w| is_numbering(w))
        .count()
        .min(words.len().saturating_sub(1));
    words[skip..].join(" ")
}

fn is_numbering(word: &str) -> bool {
    let digits = word.strip_prefix('q').unwrap_or(word);
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

/// Removes HTML tags (`<br />`, `<b>`, `</strong>`) so they count neither as words
/// nor as part of a question; a lone `<` in prose is kept.
fn strip_tags(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('<') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let looks_like_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match after.find('>') {
            Some(close) if looks_like_tag && !after[..close].contains('<') => {
                out.push(' ');
                rest = &after[close + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assignment::DEFAULT_QUESTIONS;

    fn questions_found(body: &str) -> Vec<usize> {
        find_sections(body, &DEFAULT_QUESTIONS)
            .iter()
            .map(|s| s.question)
            .collect()
    }

    #[test]
    fn every_written_form_is_recognised() {
        let forms = [
            "**How did it go?**",
            "**How did it go?** ",
            "## How did it go?",
            "# HOW DID IT GO",
            "how did it go ?",
            "<br />**How did it go?**<br />",
            "<b>How did it go?</b>",
            "**1. How did it go?**",
            "> **How did it go?**",
            "__How did it go?__",
        ];
        for form in forms {
            assert_eq!(questions_found(form), vec![0], "{form:?}");
        }
    }

    #[test]
    fn prose_and_near_misses_are_not_questions() {
        for line in [
            "I wondered how did it go for the others, really.",
            "How did it go? Very well, thanks.",
            "How did it go",
            "```\nHow did it go?\n```",
        ] {
            assert!(questions_found(line).is_empty(), "{line:?}");
        }
    }

    #[test]
    fn answers_are_counted_up_to_the_next_question() {
        let body = "intro words here\n\n**How did it go?**\n<br /> It went well.\n\nVery well.\n\n## What did you learn?\nNothing much\n";
        let sections = find_sections(body, &DEFAULT_QUESTIONS);
        assert_eq!(sections.len(), 2);
        assert_eq!(
            (sections[0].question, sections[0].line, sections[0].words),
            (0, 2, 5)
        );
        assert_eq!((sections[1].question, sections[1].words), (1, 2));
        let rubric = Rubric::of(body, &DEFAULT_QUESTIONS);
        assert_eq!(rubric.answers, vec![Some(5), Some(2), None, None, None]);
        // The questions' own words are not the author's: the intro and the answers are.
        assert_eq!(rubric.total_words, 3 + 5 + 2);
        assert_eq!(author_words(body, &DEFAULT_QUESTIONS), rubric.total_words);
        assert_eq!(rubric.answered(), 0);
        assert_eq!(rubric.to_string(), "0/5 answered · 10 words");
    }

    #[test]
    fn an_answer_may_start_on_the_question_line() {
        let body = "**How did it go?** It went well.";
        assert_eq!(find_sections(body, &DEFAULT_QUESTIONS)[0].words, 3);
    }

    #[test]
    fn custom_questions_replace_the_default_ones() {
        let questions = vec!["Summary".to_string(), "What next?".to_string()];
        let rubric = Rubric::of("## Summary\none two\n**What next?**\nthree\n", &questions);
        assert_eq!(rubric.answers, vec![Some(2), Some(1)]);
    }

    #[test]
    fn tags_are_not_words() {
        assert_eq!(count_words(&strip_tags("<br /> a <b>b</b> 1 < 2")), 4);
    }
}
