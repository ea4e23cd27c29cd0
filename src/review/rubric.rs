//! The rubric: which of the assignment's questions a post answers, and at what length.
//!
//! A question is found on a line of its own written as a heading (`## How did it go?`),
//! a bold line (`**How did it go?**`, `<b>…</b>`) or a short line ending in `?`: the
//! question's own words (without regard to case, punctuation, markup, `<br />` or a
//! leading number), or a heading that says it in other words ("What I learned", "Value
//! after class", misspelt or not: see [`super::ideas`]). A bold question may also start
//! a paragraph: `**How did it go?** It went well…`. The answer is everything up to the
//! next heading; a heading of the student's own ("About the talk") ends it. A post with
//! no question headings at all is judged from its text, paragraph by paragraph.

use std::fmt;

use super::ideas::Ideas;
use crate::assignment::ANSWERED_MIN_WORDS;
use crate::lines::text_lines;
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
    pub found_by: FoundBy,
}

/// How an answer was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FoundBy {
    /// Under a heading that asks the question, in its words or others.
    Heading,
    /// In paragraphs about the question, in a post without question headings.
    Text,
}

impl Section {
    pub fn is_answered(&self) -> bool {
        self.words >= ANSWERED_MIN_WORDS
    }
}

/// A question's answer, as the rubric keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Answer {
    /// Its words (a post's text is bounded well under 4 billion words).
    words: u32,
    found_by: FoundBy,
}

/// A post measured against the questions.
///
/// Kept compact (24 bytes and one small allocation): the app keeps one for each of
/// up to 100,000 posts, and two vectors of `usize`s and options took about 180 bytes
/// a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rubric {
    /// Per question, in the order given: its answer, `None` when not found.
    answers: Box<[Option<Answer>]>,
    /// The author's words in the whole body (the questions' own not counted).
    total_words: u32,
}

/// A count as the rubric keeps it.
fn narrow(words: usize) -> u32 {
    u32::try_from(words).unwrap_or(u32::MAX)
}

impl Rubric {
    /// Measures `body` against `questions` (for the built-in assignment, pass
    /// `&crate::assignment::DEFAULT_QUESTIONS`).
    pub fn of(body: &str, questions: &[impl AsRef<str>]) -> Self {
        let mut answers: Box<[Option<Answer>]> = vec![None; questions.len()].into();
        let (sections, total_words) = scan(body, questions, true);
        for section in sections {
            let slot = &mut answers[section.question];
            let before = slot.map_or(0, |answer| answer.words);
            *slot = Some(Answer {
                words: before.saturating_add(narrow(section.words)),
                found_by: section.found_by,
            });
        }
        Self {
            answers,
            total_words: narrow(total_words),
        }
    }

    /// The words of question `question`'s answer, `None` when it was not found (or
    /// there is no such question).
    pub fn words(&self, question: usize) -> Option<usize> {
        self.answer(question).map(|answer| answer.words as usize)
    }

    /// How question `question`'s answer was found, `None` when it was not.
    pub fn found_by(&self, question: usize) -> Option<FoundBy> {
        self.answer(question).map(|answer| answer.found_by)
    }

    fn answer(&self, question: usize) -> Option<Answer> {
        self.answers.get(question).copied().flatten()
    }

    /// Per question, in the order given: the answer's words, `None` when not found.
    pub fn answers(&self) -> impl ExactSizeIterator<Item = Option<usize>> + '_ {
        self.answers
            .iter()
            .map(|answer| answer.map(|answer| answer.words as usize))
    }

    /// The author's words in the whole body (the questions' own not counted).
    pub fn total_words(&self) -> usize {
        self.total_words as usize
    }

    /// True when the post has no question headings and was judged from its text.
    pub fn judged_from_text(&self) -> bool {
        self.answers
            .iter()
            .flatten()
            .any(|answer| answer.found_by == FoundBy::Text)
    }

    /// Questions answered with at least [`ANSWERED_MIN_WORDS`] words.
    pub fn answered(&self) -> usize {
        self.answers()
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
            "{}/{} answered · {}",
            self.answered(),
            self.asked(),
            crate::plural::count_of(self.total_words as usize, "word")
        )
    }
}

/// The questions found in `body`, in the order they appear, each with the number of
/// words up to the next question found (or the end).
pub fn find_sections(body: &str, questions: &[impl AsRef<str>]) -> Vec<Section> {
    scan(body, questions, true).0
}

/// The words the post's author wrote: every word of the body but the questions' own
/// (tags not counted). The one word count the byline, the rubric, the export, `list`
/// and the editor's status line all show, so a fresh draft from the template is at 0.
pub fn author_words(body: &str, questions: &[impl AsRef<str>]) -> usize {
    // The count needs the headings only, not the judging of prose.
    scan(body, questions, false).1
}

/// The sections, and the author's words in the whole body, in one pass so the two
/// always agree.
fn scan(body: &str, questions: &[impl AsRef<str>], judge_prose: bool) -> (Vec<Section>, usize) {
    with_ideas(questions, |wanted, ideas| {
        let mut total = 0;
        let mut sections: Vec<Section> = Vec::new();
        // The sections the current lines belong to (two, under a heading naming two).
        let mut current: Vec<usize> = Vec::new();
        let mut in_fence = false;
        // Consecutive lines of text count for the same sections: their words are
        // counted together (tags never span lines, so the count is the lines' sum).
        let mut text_run: Option<std::ops::Range<usize>> = None;
        let end_run = |run: &mut Option<std::ops::Range<usize>>,
                       sections: &mut Vec<Section>,
                       current: &[usize]| {
            let words = run.take().map_or(0, |range| count_line_words(&body[range]));
            for &section in current {
                sections[section].words += words;
            }
            words
        };
        for (index, text_line) in text_lines(body).enumerate() {
            let line = text_line.text;
            let trimmed = line.trim_start();
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                in_fence = !in_fence;
            }
            let kind = if in_fence {
                LineKind::Text
            } else {
                classify(line, wanted, ideas)
            };
            if !matches!(kind, LineKind::Text) {
                total += end_run(&mut text_run, &mut sections, &current);
            }
            match kind {
                LineKind::Question(asked, answer_on_line) => {
                    let words = count_untagged_words(answer_on_line);
                    total += words;
                    current.clear();
                    for question in asked {
                        current.push(sections.len());
                        sections.push(Section {
                            question,
                            line: index,
                            words,
                            found_by: FoundBy::Heading,
                        });
                    }
                }
                LineKind::Other => {
                    // The student's own heading: their words, under no question.
                    total += count_untagged_words(line);
                    current.clear();
                }
                LineKind::Text => {
                    let run = text_run.get_or_insert(text_line.start..text_line.end);
                    run.end = text_line.end;
                }
            }
        }
        total += end_run(&mut text_run, &mut sections, &current);
        if sections.is_empty() && judge_prose {
            sections = judge_from_text(body, ideas);
        }
        (sections, total)
    })
}

/// What one line of a body is to the rubric.
enum LineKind<'a> {
    /// It asks these questions; the rest of the line is the start of the answer.
    Question(Vec<usize>, &'a str),
    /// A heading of the student's own: it ends the answer before it.
    Other,
    Text,
}

fn classify<'a>(line: &'a str, wanted: &[String], ideas: &Ideas) -> LineKind<'a> {
    if reads_as_prose(line) {
        return LineKind::Text;
    }
    classify_closely(line, wanted, ideas)
}

/// True when `line` cannot ask anything, told from its first and last characters (this
/// runs on every line at load): only a line that starts like a heading, bold text, a
/// quote or a tag, or ends with `?`, can. A paragraph opening with line breaks
/// (`<br />`, as web editors write them) is told by what follows them; a line with a
/// tag, by whether it has a `?` anywhere, since the tags after one count for nothing.
fn reads_as_prose(line: &str) -> bool {
    let trimmed = line.trim();
    match trimmed.as_bytes().first() {
        Some(b'#' | b'>' | b'*' | b'_') => false,
        Some(b'<') => {
            !line.contains('?')
                && !matches!(
                    skip_line_breaks(trimmed).as_bytes().first(),
                    Some(b'#' | b'>' | b'*' | b'_' | b'<')
                )
        }
        // Tags count for nothing: `How did it go?<br />` ends with its `?`.
        _ if memchr::memchr(b'<', trimmed.as_bytes()).is_some() => {
            memchr::memchr(b'?', trimmed.as_bytes()).is_none()
        }
        _ => !trimmed.trim_end_matches(['*', '_', ' ']).ends_with('?'),
    }
}

/// `text` after any `<br>`, `<br/>` or `<br />` (in any case) and white space it opens with.
fn skip_line_breaks(text: &str) -> &str {
    let mut rest = text.trim_start();
    loop {
        let Some(tag) = rest.get(..3).filter(|t| t.eq_ignore_ascii_case("<br")) else {
            return rest;
        };
        let tail = rest[tag.len()..].trim_start_matches(' ');
        let tail = tail.strip_prefix('/').unwrap_or(tail);
        match tail.strip_prefix('>') {
            Some(after) => rest = after.trim_start(),
            None => return rest,
        }
    }
}

/// What `line` is, looked at closely: the question it asks, a heading of the
/// student's own, or text.
fn classify_closely<'a>(line: &'a str, wanted: &[String], ideas: &Ideas) -> LineKind<'a> {
    if let Some((question, rest)) = match_question(line, wanted) {
        return LineKind::Question(vec![question], rest);
    }
    let plain = strip_tags(line);
    let plain = plain.trim();
    let unquoted = plain.trim_start_matches(['>', ' ']);
    let is_heading = unquoted.starts_with('#');
    let is_bold = is_wrapped_in_bold(unquoted) || is_wrapped_in_bold_tag(line.trim());
    let word_count = unquoted.split_whitespace().count();
    let short_question =
        word_count <= 12 && unquoted.trim_end_matches(['*', '_', ' ']).ends_with('?');
    if is_heading || is_bold || short_question {
        let asked = ideas.named_by_heading(unquoted);
        if !asked.is_empty() {
            return LineKind::Question(asked, "");
        }
        // A bold sentence in an answer is emphasis, not a heading.
        let reads_as_heading = is_heading
            || (is_bold
                && word_count <= 8
                && !unquoted.trim_end_matches(['*', '_']).ends_with(['.', '!']));
        if reads_as_heading {
            return LineKind::Other;
        }
    }
    // `**What I learned:** lots…`: a bold heading opening a paragraph, in other words.
    let start = line.trim_start();
    for marker in ["**", "__"] {
        if let Some(inner) = start.strip_prefix(marker)
            && let Some(close) = inner.find(marker)
        {
            let asked = ideas.named_by_heading(&inner[..close]);
            if !asked.is_empty() && inner[..close].split_whitespace().count() <= 8 {
                let offset = line.len() - inner.len() + close + marker.len();
                return LineKind::Question(asked, &line[offset..]);
            }
        }
    }
    LineKind::Text
}

/// A post with no question headings: each paragraph counts for the questions whose
/// ideas it carries (one paragraph may serve two), one section per question.
fn judge_from_text(body: &str, ideas: &Ideas) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut paragraph = String::new();
    let mut start = 0;
    let flush = |paragraph: &mut String, start: usize, sections: &mut Vec<Section>| {
        if paragraph.trim().is_empty() {
            paragraph.clear();
            return;
        }
        let words = count_untagged_words(paragraph);
        for question in ideas.answered_by_paragraph(paragraph) {
            match sections.iter_mut().find(|s| s.question == question) {
                Some(section) => section.words += words,
                None => sections.push(Section {
                    question,
                    line: start,
                    words,
                    found_by: FoundBy::Text,
                }),
            }
        }
        paragraph.clear();
    };
    for (index, line) in body.lines().enumerate() {
        if line.trim().is_empty() {
            flush(&mut paragraph, start, &mut sections);
            start = index + 1;
        } else {
            paragraph.push_str(line);
            paragraph.push('\n');
        }
    }
    flush(&mut paragraph, start, &mut sections);
    sections.sort_by_key(|s| (s.line, s.question));
    sections
}

/// The questions last asked about, folded for comparing, and their ideas.
type Prepared = (Vec<String>, Vec<String>, Ideas);

thread_local! {
    /// Every post of a load is measured against the same questions: folding them and
    /// stemming their ideas is done once per thread, not once per post.
    static IDEAS: std::cell::RefCell<Option<Prepared>> = const { std::cell::RefCell::new(None) };
}

fn with_ideas<T>(questions: &[impl AsRef<str>], f: impl FnOnce(&[String], &Ideas) -> T) -> T {
    IDEAS.with(|cell| {
        let mut cached = cell.borrow_mut();
        let same = cached.as_ref().is_some_and(|(asked, _, _)| {
            asked.len() == questions.len()
                && asked.iter().zip(questions).all(|(a, q)| a == q.as_ref())
        });
        if !same {
            let asked = questions.iter().map(|q| q.as_ref().to_string()).collect();
            let wanted = questions.iter().map(|q| normalize(q.as_ref())).collect();
            *cached = Some((asked, wanted, Ideas::of(questions)));
        }
        let (_, wanted, ideas) = cached.as_ref().expect("just built");
        f(wanted, ideas)
    })
}

/// The question `line` asks in the question's own words, and the rest of the line
/// after it (an answer that starts on the same line as a bold question).
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
    // Runs on every line that might ask a question at load: one string, no word list.
    let mut words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    let mut out = String::with_capacity(text.len());
    while let Some(word) = words.next() {
        if out.is_empty() && is_numbering(word) && words.peek().is_some() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            // Unicode lower case depends on the word (a final sigma), not just its letters.
            out.push_str(&word.to_lowercase());
        }
    }
    out
}

fn is_numbering(word: &str) -> bool {
    let digits = word.strip_prefix(['q', 'Q']).unwrap_or(word);
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

/// The words of `text` once its tags are removed, as [`strip_tags`] removes them (a tag
/// parts words), counted piece by piece between the tags without building the text.
fn count_untagged_words(text: &str) -> usize {
    count_between_tags(text, false)
}

/// [`count_untagged_words`] of whole lines, where a tag ends on the line it opens: so
/// the count of several lines at once is the sum of the lines' counts.
fn count_line_words(text: &str) -> usize {
    count_between_tags(text, true)
}

fn count_between_tags(text: &str, tags_end_on_their_line: bool) -> usize {
    let mut count = 0;
    // The untagged piece under way starts at `piece`; `<` is looked for from `from`.
    let (mut piece, mut from) = (0, 0);
    while let Some(open) = memchr::memchr(b'<', &text.as_bytes()[from..]).map(|at| from + at) {
        let after = &text[open + 1..];
        let after = if tags_end_on_their_line {
            &after[..memchr::memchr(b'\n', after.as_bytes()).unwrap_or(after.len())]
        } else {
            after
        };
        match tag_end(after) {
            Some(close) => {
                count += count_words(&text[piece..open]);
                piece = open + 1 + close + 1;
                from = piece;
            }
            // A lone `<` in prose stays in its word.
            None => from = open + 1,
        }
    }
    count + count_words(&text[piece..])
}

/// Where the tag whose `<` comes just before `after` ends (the offset of its `>` in
/// `after`), or `None` when that `<` does not open a tag.
fn tag_end(after: &str) -> Option<usize> {
    let looks_like_tag = after
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
    let close = memchr::memchr(b'>', after.as_bytes())?;
    (looks_like_tag && !after[..close].contains('<')).then_some(close)
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
        match tag_end(after) {
            Some(close) => {
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

    proptest::proptest! {
        /// The quick look at a line never calls prose what a close look finds a
        /// question or a heading in, however the line opens with tags.
        #[test]
        fn a_line_read_as_prose_asks_nothing(
            opening in proptest::sample::select(vec!["", "<br />", "<BR>", "<br/> ", " <br>\t<br />", "<b>", "<br", "<strong>"]),
            marker in proptest::sample::select(vec!["", "**", "__", "# ", "> ", "<b>", "<br />"]),
            words in "[a-zA-Z ?.:*_#>]{0,30}",
            question in proptest::sample::select(vec!["", "How did it go?", "What did you learn", "Takeaways"]),
            closing in proptest::sample::select(vec!["", "**", "?", "</b>", "<br />", "?**", "? <br />", "? **", "? _ "]),
        ) {
            let line = format!("{opening}{marker}{question}{words}{closing}");
            if reads_as_prose(&line) {
                with_ideas(&DEFAULT_QUESTIONS, |wanted, ideas| {
                    let kind = classify_closely(&line, wanted, ideas);
                    proptest::prop_assert!(matches!(kind, LineKind::Text), "{line:?}");
                    Ok(())
                })?;
            }
        }
    }

    /// `normalize` as it was first written: a list of lowercased words, the leading
    /// numbering dropped, joined.
    fn normalize_by_words(text: &str) -> String {
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

    proptest::proptest! {
        #[test]
        fn normalizing_in_one_string_is_the_same_as_by_words(
            text in "(Q?[0-9]{0,2}[.:) ]{0,2}){0,3}[a-zA-Z0-9ΣσİÉé?*#<> ]{0,40}"
        ) {
            proptest::prop_assert_eq!(normalize(&text), normalize_by_words(&text));
        }
    }

    proptest::proptest! {
        #[test]
        fn words_counted_between_tags_are_the_words_of_the_stripped_text(
            text in "([a-z]{0,6}|<|>|<br />|<b>|</b>|<!-- x -->|< 2|<3|Σ| |\t|\n){0,20}"
        ) {
            proptest::prop_assert_eq!(count_untagged_words(&text), count_words(&strip_tags(&text)));
        }

        /// The rubric counts a run of lines of text at once: the same as line by line,
        /// even with a tag opened on one line and closed on the next.
        #[test]
        fn lines_counted_together_are_the_sum_of_the_lines(
            text in "([a-z]{0,6}|<|>|<br />|<b|</b>|<!-- x|-->|< 2|<3|Σ| |\t|\n|\r\n|\r){0,30}"
        ) {
            let by_line: usize = text.lines().map(count_untagged_words).sum();
            proptest::prop_assert_eq!(count_line_words(&text), by_line);
        }
    }

    #[test]
    fn paragraphs_opening_with_line_breaks_are_prose_unless_what_follows_asks() {
        assert!(reads_as_prose("<br /> we talked about pandas."));
        assert!(reads_as_prose("<BR/><br>  we talked about pandas."));
        assert!(!reads_as_prose("<br /> **How did it go?** well"));
        assert!(!reads_as_prose("<br /> what did you learn<br />?"));
        assert!(!reads_as_prose("<br /><b>Takeaways</b>"));
        assert!(!reads_as_prose("<strong>Takeaways</strong>"));
        assert!(!reads_as_prose("How did it go?<br />"));
        assert_eq!(skip_line_breaks("<br><br />x"), "x");
        assert_eq!(skip_line_breaks("<brx"), "<brx");
    }

    #[test]
    fn a_question_followed_by_a_line_break_tag_is_found() {
        let body = "How did it go?<br />\nWell, we talked for hours.\n\n<br /> What did you learn?\nPandas.\n";
        assert_eq!(questions_found(body), vec![0, 1]);
    }

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
    fn a_rubric_is_kept_in_24_bytes_and_one_allocation() {
        // The app keeps one for every post of a folder (see `Rubric`).
        assert!(std::mem::size_of::<Option<Rubric>>() <= 24);
        let rubric = Rubric::of("## How did it go?\nWell.\n", &DEFAULT_QUESTIONS);
        assert_eq!(rubric.words(0), Some(1));
        assert_eq!(rubric.found_by(0), Some(FoundBy::Heading));
        assert_eq!((rubric.words(1), rubric.found_by(1)), (None, None));
        assert_eq!(rubric.words(99), None);
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
        assert_eq!(
            rubric.answers().collect::<Vec<_>>(),
            vec![Some(5), Some(2), None, None, None]
        );
        // The questions' own words are not the author's: the intro and the answers are.
        assert_eq!(rubric.total_words(), 3 + 5 + 2);
        assert_eq!(author_words(body, &DEFAULT_QUESTIONS), rubric.total_words());
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
        assert_eq!(rubric.answers().collect::<Vec<_>>(), vec![Some(2), Some(1)]);
    }

    #[test]
    fn tags_are_not_words() {
        assert_eq!(count_words(&strip_tags("<br /> a <b>b</b> 1 < 2")), 4);
    }
}
