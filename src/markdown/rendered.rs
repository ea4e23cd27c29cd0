//! A rendered body held compactly: the text of every line in one buffer, styled by runs.
//!
//! A long post used to become one allocated string per styled span, and allocating and
//! freeing those cost more than the rest of rendering. Here a rendered post is a handful
//! of allocations, and ratatui [`Line`]s borrowing from it are built only for the rows on
//! screen.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

use super::width::{has_complex, pieces_width};

/// Offsets are kept as `u32`, so that a rendered post stays small in the cache. Text
/// past 4 GiB is not kept (posts are capped far below that).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Run {
    /// Where the run ends in `text`; it starts where the previous run ends.
    end: u32,
    style: Style,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct LineStart {
    text: u32,
    run: u32,
}

/// A rendered body: its lines (none wider than the width) and the link list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    text: String,
    runs: Vec<Run>,
    /// One per line; a line ends where the next one starts.
    starts: Vec<LineStart>,
    /// Link and image URLs (sanitised), numbered from 1 in the order the text refers to
    /// them; `links[n - 1]` is the one shown as `[n]`.
    pub links: Vec<String>,
    /// The post's headings in order, for the outline and `#anchor` links.
    pub headings: Vec<Heading>,
}

/// A heading of a rendered body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The body line it starts on.
    pub line: usize,
    /// 1 for `#`, up to 6.
    pub level: u8,
    /// Its text, sanitised, on one line.
    pub text: String,
}

/// The link marks (`[3]`) in a rendered line that name one of `count` links: their
/// character range and number.
pub fn link_marks(line: &str, count: usize) -> Vec<(usize, usize, usize)> {
    let chars: Vec<char> = line.chars().collect();
    let mut marks = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        if chars[at] == '[' {
            let digits = chars[at + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            let close = at + 1 + digits;
            if digits > 0 && digits < 8 && chars.get(close) == Some(&']') {
                let number: usize = chars[at + 1..close]
                    .iter()
                    .collect::<String>()
                    .parse()
                    .unwrap_or(0);
                if (1..=count).contains(&number) {
                    marks.push((at, close + 1, number));
                    at = close + 1;
                    continue;
                }
            }
        }
        at += 1;
    }
    marks
}

/// Converts an offset that [`Rendered::push`] kept below 4 GiB.
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Rendered {
    /// The number of lines: the body, then (when it has links) a blank line and the
    /// numbered URLs.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Line `index` as ratatui spans borrowing from this body (empty past the end).
    pub fn line(&self, index: usize) -> Line<'_> {
        Line::from(
            self.pieces(index)
                .map(|(text, style)| Span::styled(text, style))
                .collect::<Vec<_>>(),
        )
    }

    /// Every line, in order.
    pub fn lines(&self) -> impl ExactSizeIterator<Item = Line<'_>> + '_ {
        (0..self.len()).map(|i| self.line(i))
    }

    /// The text of line `index`, without styles (empty past the end).
    pub fn line_text(&self, index: usize) -> &str {
        match self.line_bounds(index) {
            Some(((start, _), (end, _))) => &self.text[start..end],
            None => "",
        }
    }

    /// How many letters and digits come before line `index`. Wrapping the same text at
    /// another width moves or adds only spaces, indents and marks (`│`, `↪`, bullets),
    /// so the count names the same place at any width: see [`Self::line_at_letter`].
    pub fn letters_before(&self, index: usize) -> usize {
        (0..index.min(self.len()))
            .map(|i| letters_in(self.line_text(i)))
            .sum()
    }

    /// The line a reader at `letters` (from [`Self::letters_before`] at another width)
    /// sees first: the first line starting there, else the line that place falls in.
    pub fn line_at_letter(&self, letters: usize) -> usize {
        let mut seen = 0;
        let mut holding = 0;
        for index in 0..self.len() {
            if seen == letters {
                return index;
            }
            if seen > letters {
                return holding;
            }
            holding = index;
            seen += letters_in(self.line_text(index));
        }
        holding
    }

    /// Where line `index` starts and ends: (text offset, run index) each.
    fn line_bounds(&self, index: usize) -> Option<((usize, usize), (usize, usize))> {
        let start = self.starts.get(index)?;
        let end = match self.starts.get(index + 1) {
            Some(next) => (next.text as usize, next.run as usize),
            None => (self.text.len(), self.runs.len()),
        };
        Some(((start.text as usize, start.run as usize), end))
    }

    fn run_end(&self, run: usize) -> usize {
        self.runs[run].end as usize
    }

    /// The styled pieces of line `index`.
    fn pieces(&self, index: usize) -> impl DoubleEndedIterator<Item = (&str, Style)> + Clone + '_ {
        let ((text, from), (_, to)) = self.line_bounds(index).unwrap_or_default();
        (from..to).map(move |r| {
            let start = if r == from { text } else { self.run_end(r - 1) };
            (&self.text[start..self.run_end(r)], self.runs[r].style)
        })
    }

    /// Sizes the buffers for a body rendered from `source_len` bytes at `width`.
    pub(crate) fn with_capacity(source_len: usize, width: usize) -> Self {
        let lines = source_len / width.max(40) + 8;
        Self {
            text: String::with_capacity(source_len + source_len / 8),
            runs: Vec::with_capacity(lines * 4),
            starts: Vec::with_capacity(lines),
            links: Vec::new(),
            headings: Vec::new(),
        }
    }

    /// Records a heading starting on the next line.
    pub(crate) fn add_heading(&mut self, level: u8, text: String) {
        let line = self.len();
        self.headings.push(Heading { line, level, text });
    }

    /// Starts a new line; what is pushed next goes on it.
    pub(crate) fn begin_line(&mut self) {
        self.starts.push(LineStart {
            text: offset(self.text.len()),
            run: offset(self.runs.len()),
        });
    }

    /// Appends printable text to the last line.
    pub(crate) fn push(&mut self, text: &str, style: Style) {
        if text.is_empty() || self.text.len() + text.len() > u32::MAX as usize {
            return;
        }
        self.text.push_str(text);
        let end = offset(self.text.len());
        let line_runs = self.last_line().1;
        if self.runs.len() > line_runs
            && let Some(last) = self.runs.last_mut()
            && last.style == style
        {
            last.end = end;
            return;
        }
        self.runs.push(Run { end, style });
    }

    /// Where the last line starts: (text offset, run index).
    fn last_line(&self) -> (usize, usize) {
        self.starts
            .last()
            .map_or((0, 0), |s| (s.text as usize, s.run as usize))
    }

    /// Cuts the last line's text at byte `end`, dropping the runs left empty.
    fn truncate_last_line(&mut self, end: usize) {
        let (line_text, line_run) = self.last_line();
        self.text.truncate(end);
        while self.runs.len() > line_run {
            let last = self.runs.len() - 1;
            let start = if last == 0 { 0 } else { self.run_end(last - 1) };
            if start.max(line_text) >= end {
                self.runs.pop();
            } else {
                self.runs[last].end = offset(self.run_end(last).min(end));
                break;
            }
        }
    }

    /// Drops white space at the end of the last line (a prefix with nothing after it).
    pub(crate) fn trim_last_line(&mut self) {
        let (line_text, _) = self.last_line();
        let kept = self.text[line_text..].trim_end().len();
        self.truncate_last_line(line_text + kept);
    }

    /// Drops graphemes from the end of the last line until it fits in `width`. A safety
    /// net: the wrapper already keeps lines within the width; this only guards against odd
    /// Unicode sequences whose width changes when measured as one string (an emoji in one
    /// style followed by its variation selector in another). Only lines with characters
    /// from U+0300 on can need it.
    pub(crate) fn fit_last_line(&mut self, width: usize) {
        let (line_text, line_run) = self.last_line();
        if !has_complex(&self.text[line_text..]) {
            return;
        }
        let index = self.starts.len().saturating_sub(1);
        while pieces_width(self.pieces(index).map(|(text, _)| text)) > width {
            let Some(last) = self.runs.len().checked_sub(1).filter(|&r| r >= line_run) else {
                return;
            };
            let start = if last == line_run {
                line_text
            } else {
                self.run_end(last - 1)
            };
            let run_text = &self.text[start..self.run_end(last)];
            let cut = match run_text.grapheme_indices(true).next_back() {
                Some((i, _)) if i > 0 => start + i,
                _ => start,
            };
            self.truncate_last_line(cut);
        }
    }
}

/// Where a block's lines go, as they are laid out: the body, or a list of spans.
pub(crate) trait LineSink {
    /// Starts line `index` of the block (0 for its first line).
    fn begin(&mut self, index: usize);
    /// Appends printable text to the line begun last.
    fn push(&mut self, text: &str, style: Style);
    /// Ends the line begun last. `exact` says its text is all plain characters (see
    /// [`super::width::plain_width`]), whose widths as laid out need no second look.
    fn end(&mut self, exact: bool);
}

/// Collects lines as owned spans, for text laid out before it is placed (table cells,
/// headers above a body).
#[derive(Default)]
pub(crate) struct SpansSink {
    pub lines: Vec<Vec<Span<'static>>>,
    /// For each line, whether its width as laid out is exact (see [`LineSink::end`]).
    pub exact: Vec<bool>,
}

impl LineSink for SpansSink {
    fn begin(&mut self, _index: usize) {
        self.lines.push(Vec::new());
    }

    fn push(&mut self, text: &str, style: Style) {
        let Some(line) = self.lines.last_mut() else {
            return;
        };
        match line.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(text),
            _ => line.push(Span::styled(text.to_string(), style)),
        }
    }

    fn end(&mut self, exact: bool) {
        self.exact.push(exact);
    }
}

/// The letters and digits of `text`: what stays the same however it is wrapped.
fn letters_in(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphanumeric()).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    fn bold() -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    #[test]
    fn lines_borrow_their_runs() {
        let mut r = Rendered::default();
        r.begin_line();
        r.push("a ", Style::new());
        r.push("b", Style::new());
        r.push("c", bold());
        r.begin_line();
        r.begin_line();
        r.push("d", bold());
        assert_eq!(r.len(), 3);
        assert_eq!(r.line_text(0), "a bc");
        assert_eq!(r.line_text(1), "");
        assert_eq!(r.line_text(2), "d");
        assert_eq!(r.line_text(3), "");
        let spans = r.line(0).spans;
        assert_eq!(spans.len(), 2);
        assert_eq!((spans[1].content.as_ref(), spans[1].style), ("c", bold()));
        // A run never continues onto the next line, even in the same style.
        assert_eq!(r.line(2).spans.len(), 1);
        assert!(r.line(7).spans.is_empty());
    }

    #[test]
    fn trimming_drops_emptied_runs() {
        let mut r = Rendered::default();
        r.begin_line();
        r.push("x", Style::new());
        r.begin_line();
        r.push("│ ", bold());
        r.push("  ", Style::new());
        r.trim_last_line();
        assert_eq!(r.line_text(1), "│");
        assert_eq!(r.line(1).spans.len(), 1);
        assert_eq!(r.line_text(0), "x");
    }

    #[test]
    fn fitting_drops_whole_graphemes_from_the_end() {
        let mut r = Rendered::default();
        r.begin_line();
        r.push("❤", bold());
        r.push("\u{fe0f}", Style::new());
        r.fit_last_line(1);
        assert_eq!(r.line_text(0), "❤");
        let mut r = Rendered::default();
        r.begin_line();
        r.push("日本語", bold());
        r.fit_last_line(3);
        assert_eq!(r.line_text(0), "日");
        r.fit_last_line(1);
        assert_eq!(r.line_text(0), "");
        assert!(r.line(0).spans.is_empty());
    }

    proptest::proptest! {
        /// A place found at one width is found again at another: the line given holds
        /// it (starts at or before it, and the next line starts after it, or at it only
        /// when the line given starts there too).
        #[test]
        fn a_place_is_found_again_at_another_width(
            words in proptest::collection::vec("[a-z]{1,9}|- |> |\n\n|`x`", 1..120),
            widths in (10u16..90, 10u16..90),
            pick in 0usize..1000,
        ) {
            let text = words.join(" ");
            let theme = crate::markdown::Theme::new(crate::markdown::ThemeName::Dark, false);
            let old = crate::markdown::render(&text, widths.0, &theme);
            let new = crate::markdown::render(&text, widths.1, &theme);
            let line = pick % old.len().max(1);
            let place = old.letters_before(line);
            let found = new.line_at_letter(place);
            proptest::prop_assert!(found < new.len().max(1));
            proptest::prop_assert!(new.letters_before(found) <= place);
            let next = new.letters_before(found + 1);
            proptest::prop_assert!(
                next > place || (next == place && new.letters_before(found) == place)
                    || found + 1 >= new.len()
            );
        }
    }
}
