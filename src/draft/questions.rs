//! The template's questions, and how far a text answers them.
//!
//! The matcher here is shared by the editor's status line ("3/5 answered") and the
//! review rubric, so both agree on what counts as answering a question.
//!
//! A line *asks* a question when it is
//! - a heading (`## How did it go?`),
//! - a bold line, or a line that starts bold (`**How did it go?** It went well`), or
//! - a line that ends in `?` once HTML tags are stripped (`<b>How did it go?</b>`),
//!
//! and its text, once [normalised](normalize_question), equals a normalised question:
//! case, punctuation, `**`, `__`, `#`, `<br />` and other tags, a leading list number
//! (`1.`), and runs of white space do not matter. The answer is every word after that
//! line (and after the bold part on the same line) up to the next line asking one of
//! the questions; words are counted by [`crate::post::count_words`] with HTML tags removed.

use super::front::split;
use crate::assignment::ANSWERED_MIN_WORDS;
use crate::post::count_words;

/// The prompt list of a template: the text of each bold line in its body, in order
/// (`**How did it go?**` gives `How did it go?`).
pub fn questions(template_text: &str) -> Vec<String> {
    body_of(template_text)
        .lines()
        .filter_map(|line| {
            let line = strip_tags(line);
            let line = line.trim();
            let inner = bold_inner(line)?;
            // Only a line that is bold throughout is a prompt.
            (inner.len() + 4 == line.len() && !inner.trim().is_empty())
                .then(|| inner.trim().to_string())
        })
        .collect()
}

/// The text after the front matter, or all of it when there is none.
pub fn body_of(text: &str) -> &str {
    split(text).map_or(text, |s| s.body)
}

/// A question's text reduced to what matters for matching: lowercase letters and
/// digits, single spaces between words; tags, markup, punctuation and a leading list
/// number gone. `"**1. How did it go?** <br />"` and `"how did it go"` are equal.
pub fn normalize_question(text: &str) -> String {
    let stripped = strip_tags(text);
    let mut words: Vec<String> = stripped
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    // A leading list number ("1. How did it go?"), when a real question follows.
    if words.len() > 1 && words[0].chars().all(|c| c.is_ascii_digit()) {
        let first_is_number = text
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '#' | '*' | '_'))
            .split_once(['.', ')'])
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        if first_is_number {
            words.remove(0);
        }
    }
    words.join(" ")
}

/// If `line` asks one of `normalized_questions` (see the module doc), its index and the
/// rest of the line after the bold part (which already belongs to the answer).
pub fn match_question<'a>(
    line: &'a str,
    normalized_questions: &[String],
) -> Option<(usize, &'a str)> {
    let (asked, rest) = asked_text(line)?;
    let asked = normalize_question(asked);
    if asked.is_empty() {
        return None;
    }
    normalized_questions
        .iter()
        .position(|q| *q == asked)
        .map(|i| (i, rest))
}

/// One question and how much of an answer a text gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub question: String,
    /// Whether the text asks the question at all.
    pub found: bool,
    /// Words in its section.
    pub words: usize,
}

impl Answer {
    /// At least [`ANSWERED_MIN_WORDS`] words.
    pub fn is_answered(&self) -> bool {
        self.words >= ANSWERED_MIN_WORDS
    }
}

/// For each question, in order: is it asked in `body`, and how many words answer it.
/// A question asked twice gets the words of both sections.
pub fn answered(body: &str, questions: &[String]) -> Vec<Answer> {
    let normalized: Vec<String> = questions.iter().map(|q| normalize_question(q)).collect();
    let mut answers: Vec<Answer> = questions
        .iter()
        .map(|q| Answer {
            question: q.clone(),
            found: false,
            words: 0,
        })
        .collect();
    let mut current: Option<usize> = None;
    for line in body.lines() {
        let counted = match match_question(line, &normalized) {
            Some((index, rest)) => {
                answers[index].found = true;
                current = Some(index);
                rest
            }
            None => line,
        };
        if let Some(index) = current {
            answers[index].words += count_words(&strip_tags(counted));
        }
    }
    answers
}

/// How many of the questions are answered (see [`Answer::is_answered`]).
pub fn answered_count(body: &str, questions: &[String]) -> usize {
    answered(body, questions)
        .iter()
        .filter(|a| a.is_answered())
        .count()
}

/// The part of a line that could be a question, and the rest of the line.
fn asked_text(line: &str) -> Option<(&str, &str)> {
    let trimmed = trim_leading_tags(line.trim());
    if trimmed.starts_with('#') {
        return Some((trimmed.trim_start_matches('#'), ""));
    }
    if let Some(inner) = bold_inner(trimmed) {
        let rest = &trimmed[inner.len() + 4..];
        return Some((inner, rest));
    }
    let plain = strip_tags(trimmed);
    plain
        .trim_end()
        .trim_end_matches(['*', '_'])
        .ends_with('?')
        .then_some((trimmed, ""))
}

/// The text between a leading `**`/`__` and its closing pair.
fn bold_inner(line: &str) -> Option<&str> {
    let marker = if line.starts_with("**") {
        "**"
    } else if line.starts_with("__") {
        "__"
    } else {
        return None;
    };
    let close = line[2..].find(marker)?;
    Some(&line[2..2 + close])
}

fn trim_leading_tags(mut text: &str) -> &str {
    loop {
        text = text.trim_start();
        match tag_len(text) {
            Some(len) => text = &text[len..],
            None => return text,
        }
    }
}

/// The length of the HTML tag `text` starts with (`<br />`, `</b>`), if it starts with one.
fn tag_len(text: &str) -> Option<usize> {
    let after = text.strip_prefix('<')?;
    let first = after.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '/') {
        return None;
    }
    let close = after.find('>')?;
    let inside = &after[..close];
    (!inside.contains('<')).then_some(close + 2)
}

/// `text` with HTML tags replaced by a space.
pub fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match tag_len(&rest[open..]) {
            Some(len) => {
                out.push(' ');
                rest = &rest[open + len..];
            }
            None => {
                out.push('<');
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
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
    fn normalising_ignores_markup() {
        let want = "how did it go";
        for text in [
            "**How did it go?**",
            "## How did it go?",
            "<br />**how did it go?** <br />",
            "1. How Did It Go?",
            "__How  did it go__",
            "<b>How did it go?</b>",
        ] {
            assert_eq!(normalize_question(text), want, "{text}");
        }
        assert_eq!(normalize_question("What's new?"), "whats new");
    }

    #[test]
    fn matches_headings_bold_lines_and_question_lines() {
        let qs: Vec<String> = defaults().iter().map(|q| normalize_question(q)).collect();
        assert_eq!(match_question("### what did you learn", &qs), Some((1, "")));
        assert_eq!(
            match_question("**How did it go?** It went well", &qs),
            Some((0, " It went well"))
        );
        assert_eq!(match_question("<br /> How did it go?", &qs), Some((0, "")));
        assert_eq!(match_question("How did it go, you ask. Well.", &qs), None);
        assert_eq!(match_question("**Something else?**", &qs), None);
    }

    #[test]
    fn counts_words_per_section() {
        let body = "Intro words here.\n**How did it go?**\n<br /> one two three\nfour\n\n## What did you learn?\nfive <b>six</b>\n";
        let answers = answered(body, &defaults());
        assert_eq!(answers[0].words, 4);
        assert!(answers[0].found);
        assert_eq!(answers[1].words, 2);
        assert!(!answers[2].found);
        assert_eq!(answers[2].words, 0);
        assert_eq!(answered_count(body, &defaults()), 0);
    }
}
