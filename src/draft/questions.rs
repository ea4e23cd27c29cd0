//! The template's questions, and how far a draft answers them.
//!
//! Which lines ask a question and how long each answer is are decided by the review
//! rubric's matcher ([`crate::review::find_sections`]): the editor's status line
//! ("3/5 answered") and the instructor's rubric must never disagree, so there is one
//! matcher and this module only adapts it. In short: a heading, a bold line or a line
//! ending in `?`, compared without regard to case, punctuation, `**`, `#`, `<br />` or
//! a leading number; the answer is every word up to the next question.

use super::front::split;
use crate::assignment::ANSWERED_MIN_WORDS;
use crate::review::Rubric;

/// The prompt list of a template: the text of each line of its body that is bold
/// throughout, in order (`**How did it go?**` gives `How did it go?`; `<br />` around
/// it is ignored).
pub fn questions(template_text: &str) -> Vec<String> {
    body_of(template_text)
        .lines()
        .filter_map(|line| bold_line_text(line).map(str::to_string))
        .collect()
}

/// The text after the front matter, or all of it when there is none.
pub fn body_of(text: &str) -> &str {
    split(text).map_or(text, |s| s.body)
}

/// One question and how much of an answer a text gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub question: String,
    /// Whether the text asks the question at all.
    pub found: bool,
    /// Words in its section (in all of them, if it is asked twice).
    pub words: usize,
}

impl Answer {
    /// At least [`ANSWERED_MIN_WORDS`] words.
    pub fn is_answered(&self) -> bool {
        self.words >= ANSWERED_MIN_WORDS
    }
}

/// For each question, in order: is it asked in `body`, and how many words answer it.
pub fn answered(body: &str, questions: &[String]) -> Vec<Answer> {
    let rubric = Rubric::of(body, questions);
    questions
        .iter()
        .zip(rubric.answers())
        .map(|(question, words)| Answer {
            question: question.clone(),
            found: words.is_some(),
            words: words.unwrap_or(0),
        })
        .collect()
}

/// How many of the questions are answered (see [`Answer::is_answered`]).
pub fn answered_count(body: &str, questions: &[String]) -> usize {
    Rubric::of(body, questions).answered()
}

/// The text of a line that is `**bold**` (or `__bold__`) throughout, `<br />` tags
/// around it aside.
fn bold_line_text(line: &str) -> Option<&str> {
    let mut text = line.trim();
    for tag in ["<br />", "<br/>", "<br>"] {
        text = text.trim_start_matches(tag).trim_end_matches(tag).trim();
    }
    ["**", "__"].iter().find_map(|marker| {
        let inner = text.strip_prefix(marker)?.strip_suffix(marker)?.trim();
        (!inner.is_empty() && !inner.contains(marker)).then_some(inner)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assignment::DEFAULT_QUESTIONS;
    use crate::draft::template::builtin_template;

    fn defaults() -> Vec<String> {
        DEFAULT_QUESTIONS.iter().map(|q| q.to_string()).collect()
    }

    #[test]
    fn builtin_template_asks_the_default_questions() {
        assert_eq!(questions(&builtin_template()), defaults());
    }

    #[test]
    fn prompts_are_whole_bold_lines() {
        let template = "---\ntitle: x\n---\n**One?**\n<br />__Two__<br />\n**Three?** and more\nplain?\n****\n";
        assert_eq!(questions(template), ["One?", "Two"]);
    }

    #[test]
    fn counts_words_per_section_whatever_the_markup() {
        let body = "Intro words here.\n**HOW DID IT GO**\n<br /> one two three\nfour\n\n## 2. What did you learn?\nfive <b>six</b>\n";
        let answers = answered(body, &defaults());
        assert_eq!((answers[0].found, answers[0].words), (true, 4));
        assert_eq!((answers[1].found, answers[1].words), (true, 2));
        assert_eq!((answers[2].found, answers[2].words), (false, 0));
        assert_eq!(answered_count(body, &defaults()), 0);
    }
}
