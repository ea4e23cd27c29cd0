//! Word wrapping by display width.
//!
//! Widths are counted per grapheme (CJK and most emoji take two columns, combining marks
//! none) and a grapheme is never split, except one too wide for the whole line: at width 1
//! a two-column character becomes [`TOO_WIDE`], because no line may ever be wider than
//! the width. Words longer than a line are broken, never dropped. Wide characters are
//! break opportunities of their own, so CJK text without spaces still fills its lines.

use std::borrow::Cow;

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::rendered::{LineSink, SpansSink};
use super::scan::{simple_prefix, word_end};
use super::styled::{StyledStr, StyledText};
use super::width::{plain_char_width, plain_width};

pub(crate) type Spans = Vec<Span<'static>>;

/// Shown instead of a character that is wider than the whole line.
pub(crate) const TOO_WIDE: &str = "?";

/// `n` spaces, borrowed when short (prefixes and padding need no allocation).
pub(crate) fn spaces(n: usize) -> Cow<'static, str> {
    const SPACES: &str = "                                                                ";
    if n <= SPACES.len() {
        Cow::Borrowed(&SPACES[..n])
    } else {
        Cow::Owned(" ".repeat(n))
    }
}

/// Wraps styled text: the first line holds `first` columns, the others `rest` (both at
/// least 1). Runs of spaces collapse to one; a `'\n'` is a hard break. Trailing empty
/// lines are dropped.
pub(crate) fn wrap(text: &StyledText, first: usize, rest: usize) -> Vec<Spans> {
    let mut sink = SpansSink::default();
    wrap_into(text.as_str(), first, rest, &mut sink);
    sink.lines
}

/// [`wrap`], laying the lines out into `sink`.
pub(crate) fn wrap_into(text: StyledStr<'_>, first: usize, rest: usize, sink: &mut impl LineSink) {
    wrap_with(text, first, rest, sink, true);
}

/// [`wrap_into`], with or without the fast way through simple text (tests compare).
fn wrap_with(text: StyledStr<'_>, first: usize, rest: usize, sink: &mut impl LineSink, fast: bool) {
    // Nothing after the last visible character can show: no trailing empty lines.
    let shown = text.text.trim_end_matches([' ', '\n']).len();
    let mut w = Wrapper {
        text: &text.text[..shown],
        runs: text.runs,
        run: 0,
        first: first.max(1),
        rest: rest.max(1),
        sink,
        line: 0,
        begun: false,
        simple_from: if fast { 0 } else { usize::MAX },
        line_plain: true,
        word_plain: true,
        cur_w: 0,
        space: None,
        pending: None,
    };
    w.all();
    w.flush_pending();
    if w.begun {
        w.sink.end(w.line_plain);
    }
}

struct Wrapper<'a, S> {
    text: &'a str,
    runs: &'a [(usize, Style)],
    /// Index of the run holding the last position asked for (positions only grow).
    run: usize,
    first: usize,
    rest: usize,
    sink: &'a mut S,
    /// The line being filled, counted from 0.
    line: usize,
    /// Whether that line was begun in the sink.
    begun: bool,
    /// The fast way (see `words_that_fit`) is not tried before this position: the text
    /// there was found not simple.
    simple_from: usize,
    /// Whether everything on that line is plain text (see [`plain_char_width`]), so
    /// that its width as laid out is exact.
    line_plain: bool,
    /// Whether the word being placed is plain text.
    word_plain: bool,
    cur_w: usize,
    /// Where a run of spaces seen since the last word starts; one space is shown, and
    /// only between words.
    space: Option<usize>,
    /// Source bytes placed on the current line but not yet copied out. Words apart by
    /// one space are contiguous in the source, so a line usually becomes one copy per
    /// style run instead of one per word.
    pending: Option<(usize, usize)>,
}

impl<S: LineSink> Wrapper<'_, S> {
    fn limit(&self) -> usize {
        if self.line == 0 {
            self.first
        } else {
            self.rest
        }
    }

    fn style_at(&mut self, pos: usize) -> Style {
        while self.run + 1 < self.runs.len() && self.runs[self.run].0 <= pos {
            self.run += 1;
        }
        self.runs.get(self.run).map_or_else(Style::new, |r| r.1)
    }

    fn push_span(&mut self, s: &str, style: Style) {
        if !self.begun {
            self.sink.begin(self.line);
            self.begun = true;
        }
        self.sink.push(s, style);
    }

    /// Places `text[start..end]` on the current line.
    fn emit(&mut self, start: usize, end: usize) {
        self.line_plain &= self.word_plain;
        match &mut self.pending {
            Some((_, pend_end)) if *pend_end == start => *pend_end = end,
            _ => {
                self.flush_pending();
                self.pending = Some((start, end));
            }
        }
    }

    /// Copies the pending bytes out, split where the style changes.
    fn flush_pending(&mut self) {
        let Some((start, end)) = self.pending.take() else {
            return;
        };
        let mut pos = start;
        while pos < end {
            let style = self.style_at(pos);
            let run_end = match self.runs.get(self.run) {
                Some(r) if r.0 > pos => r.0.min(end),
                _ => end,
            };
            let text = self.text;
            self.push_span(&text[pos..run_end], style);
            pos = run_end;
        }
    }

    /// Shows the pending space, if any and if the line has text before it.
    fn put_space(&mut self) {
        if let Some(pos) = self.space.take()
            && self.cur_w > 0
        {
            self.emit(pos, pos + 1);
            self.cur_w += 1;
        }
    }

    /// Ends the current line (begun empty if nothing was placed on it).
    fn end_line(&mut self) {
        if !self.begun {
            self.sink.begin(self.line);
        }
        self.sink.end(self.line_plain);
        self.begun = false;
        self.line_plain = true;
        self.line += 1;
    }

    fn newline(&mut self) {
        self.flush_pending();
        self.end_line();
        self.cur_w = 0;
        self.space = None;
    }

    fn all(&mut self) {
        let bytes = self.text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    self.newline();
                    i += 1;
                }
                b' ' => {
                    if self.cur_w > 0 && self.space.is_none() {
                        self.space = Some(i);
                    }
                    i += 1;
                }
                _ => {
                    if let Some(end) = self.words_that_fit(i) {
                        i = end;
                        continue;
                    }
                    let start = i;
                    let ascii;
                    (i, ascii) = word_end(bytes, start);
                    if ascii {
                        self.unit(start, i, i - start);
                    } else {
                        self.word(start, i);
                        self.word_plain = true;
                    }
                }
            }
        }
    }

    /// The fast way through plain ASCII text: from the word at `start`, places every
    /// word that fits on the current line in one go and returns where they end; `None`
    /// when not even the first fits or the text there is not simple. Placing them one by
    /// one would give the same line (words one space apart are contiguous in the text).
    fn words_that_fit(&mut self, start: usize) -> Option<usize> {
        if start < self.simple_from {
            return None;
        }
        let bytes = self.text.as_bytes();
        let space_w = usize::from(self.space.is_some() && self.cur_w > 0);
        let room = self.limit().checked_sub(self.cur_w + space_w)?;
        let window_end = (start + room + 1).min(bytes.len());
        let simple_end = simple_prefix(bytes, start, window_end);
        let last_space = |upto: usize| bytes[start..upto].iter().rposition(|&b| b == b' ');
        let end = if simple_end == window_end {
            if start + room >= bytes.len() {
                // The rest of the text fits (it ends with a word: see `wrap_into`).
                bytes.len()
            } else if bytes[start + room] == b' ' {
                // The words fill the room exactly.
                start + room
            } else {
                // The last word reaches past the room: the words before it.
                start + last_space(start + room)?
            }
        } else {
            // Not simple from `simple_end` on: do not look again before it.
            self.simple_from = simple_end + 1;
            match bytes.get(simple_end) {
                // A second space or a line break: the words before it.
                Some(b' ') => simple_end - 1,
                Some(b'\n') if simple_end > start && bytes[simple_end - 1] == b' ' => {
                    simple_end - 1
                }
                Some(b'\n') => simple_end,
                // Anything else ends a word that is not simple: the words before it.
                _ => start + last_space(simple_end)?,
            }
        };
        if end <= start {
            return None;
        }
        self.put_space();
        self.emit(start, end);
        self.cur_w += end - start;
        Some(end)
    }

    /// A word: split into units at wide graphemes, which may start a line on their own.
    fn word(&mut self, start: usize, end: usize) {
        let text = self.text;
        let word = &text[start..end];
        if plain_width(word).is_some() {
            // Every character is a grapheme of a known width: no segmentation needed.
            let mut unit_start = start;
            let mut unit_w = 0;
            for (off, c) in word.char_indices() {
                let cw = plain_char_width(c).unwrap_or(0);
                if cw < 2 {
                    unit_w += cw;
                    continue;
                }
                let cs = start + off;
                if cs > unit_start {
                    self.unit(unit_start, cs, unit_w);
                }
                self.unit(cs, cs + c.len_utf8(), cw);
                unit_start = cs + c.len_utf8();
                unit_w = 0;
            }
            if end > unit_start {
                self.unit(unit_start, end, unit_w);
            }
            return;
        }
        self.word_plain = false;
        let mut unit_start = start;
        let mut unit_w = 0;
        for (off, g) in word.grapheme_indices(true) {
            let gw = g.width();
            let gs = start + off;
            if gw >= 2 {
                if gs > unit_start {
                    self.unit(unit_start, gs, unit_w);
                }
                self.unit(gs, gs + g.len(), gw);
                unit_start = gs + g.len();
                unit_w = 0;
            } else {
                unit_w += gw;
            }
        }
        if end > unit_start {
            self.unit(unit_start, end, unit_w);
        }
    }

    fn unit(&mut self, start: usize, end: usize, w: usize) {
        let space_w = usize::from(self.space.is_some() && self.cur_w > 0);
        if self.cur_w + space_w + w <= self.limit() {
            self.put_space();
            self.emit(start, end);
            self.cur_w += w;
            return;
        }
        if w > self.rest && self.cur_w + space_w < self.limit() {
            // Too long for any line: it will be broken anyway, so start it here.
            self.put_space();
            self.long(start, end);
            return;
        }
        if self.cur_w > 0 {
            self.newline();
        }
        self.space = None;
        if w <= self.limit() {
            self.emit(start, end);
            self.cur_w += w;
        } else {
            self.long(start, end);
        }
    }

    /// A unit wider than a whole line: broken between graphemes.
    fn long(&mut self, start: usize, end: usize) {
        let text = self.text;
        if text[start..end].is_ascii() {
            let mut p = start;
            while p < end {
                let room = self.limit().saturating_sub(self.cur_w);
                if room == 0 {
                    self.newline();
                    continue;
                }
                let q = (p + room).min(end);
                self.emit(p, q);
                self.cur_w += q - p;
                p = q;
            }
            return;
        }
        for (off, g) in text[start..end].grapheme_indices(true) {
            let gs = start + off;
            let gw = g.width();
            if gw > self.limit() {
                self.oversize(gs, g);
                continue;
            }
            if self.cur_w + gw > self.limit() {
                self.newline();
            }
            self.emit(gs, gs + g.len());
            self.cur_w += gw;
        }
    }

    /// A grapheme wider than a whole line: its characters one by one, zero-width ones
    /// dropped (they would join what remains into something wide again), and a
    /// character still too wide replaced by [`TOO_WIDE`].
    fn oversize(&mut self, gs: usize, g: &str) {
        for (off, c) in g.char_indices() {
            let cw = c.width().unwrap_or(0);
            let cs = gs + off;
            if cw == 0 {
                continue;
            }
            if cw > self.limit() {
                if self.cur_w + 1 > self.limit() {
                    self.newline();
                }
                self.flush_pending();
                let style = self.style_at(cs);
                self.push_span(TOO_WIDE, style);
                self.cur_w += 1;
                continue;
            }
            if self.cur_w + cw > self.limit() {
                self.newline();
            }
            self.emit(cs, cs + c.len_utf8());
            self.cur_w += cw;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str, first: usize, rest: usize) -> Vec<String> {
        let mut t = StyledText::default();
        for (i, part) in text.split('\n').enumerate() {
            if i > 0 {
                t.hard_break();
            }
            t.push(part, Style::new());
        }
        wrap(&t, first, rest)
            .into_iter()
            .map(|l| l.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    proptest::proptest! {
        /// Wrapping with the fast way through simple text gives the lines placing every
        /// word one by one gives.
        #[test]
        fn the_fast_way_wraps_as_word_by_word(
            text in "[a-c  \n\u{e9}\u{65e5}]{0,60}",
            first in 1usize..20,
            rest in 1usize..20,
        ) {
            let mut styled = StyledText::default();
            for (i, part) in text.split('\n').enumerate() {
                if i > 0 {
                    styled.hard_break();
                }
                styled.push(part, Style::new());
            }
            let fast = wrap(&styled, first, rest);
            let mut sink = SpansSink::default();
            wrap_with(styled.as_str(), first, rest, &mut sink, false);
            proptest::prop_assert_eq!(fast, sink.lines);
        }
    }

    #[test]
    fn wraps_on_spaces_and_collapses_them() {
        assert_eq!(plain("aa  bb cc dd", 5, 5), ["aa bb", "cc dd"]);
    }

    #[test]
    fn breaks_long_words_without_losing_them() {
        assert_eq!(plain("x abcdefgh", 3, 3), ["x a", "bcd", "efg", "h"]);
        assert_eq!(plain("xy abcdefgh", 3, 3), ["xy", "abc", "def", "gh"]);
    }

    #[test]
    fn cjk_takes_two_columns_and_breaks_between_characters() {
        assert_eq!(plain("日本語です", 4, 4), ["日本", "語で", "す"]);
        assert_eq!(plain("日本", 1, 1), ["?", "?"]);
    }

    #[test]
    fn combining_marks_stay_with_their_base() {
        assert_eq!(
            plain("e\u{301}e\u{301}e\u{301}", 2, 2),
            ["e\u{301}e\u{301}", "e\u{301}"]
        );
    }

    #[test]
    fn hard_breaks_and_hanging_widths() {
        assert_eq!(plain("one\ntwo three", 10, 3), ["one", "two", "thr", "ee"]);
    }

    #[test]
    fn a_variation_selector_in_another_style_still_fits() {
        let mut t = StyledText::default();
        t.push(
            "❤",
            Style::new().add_modifier(ratatui::style::Modifier::BOLD),
        );
        t.push("\u{fe0f}", Style::new());
        let mut out = crate::markdown::Rendered::default();
        let mut sink = crate::markdown::layout::BodySink::bare(&mut out, 1);
        wrap_into(t.as_str(), 1, 1, &mut sink);
        assert!(!out.is_empty());
        for line in out.lines() {
            assert!(line.to_string().width() <= 1, "{line:?}");
        }
    }

    #[test]
    fn emoji_at_width_one_never_exceeds() {
        for line in plain("❤\u{fe0f} 👨\u{200d}👩", 1, 1) {
            assert!(line.width() <= 1, "{line:?}");
        }
    }
}
