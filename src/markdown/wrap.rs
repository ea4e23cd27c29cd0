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
use super::styled::{StyledStr, StyledText};

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

/// The width of a character that measures the same whatever its neighbours, and is a
/// grapheme of its own beside any other such character; `None` for any other. These
/// are printable text below U+0300 (the soft hyphen aside, which takes no column), CJK
/// ideographs, kana, Hangul syllables, fullwidth forms, common punctuation, arrows,
/// box drawing and symbols, and the common emoji blocks (skin-tone modifiers aside). Text made only of them is measured a character at a
/// time, without grapheme segmentation; a test checks the claim against unicode-width
/// and unicode-segmentation for every one of them.
fn plain_char_width(c: char) -> Option<usize> {
    match c {
        ' '..='~' | '\u{a0}'..='\u{ac}' | '\u{ae}'..='\u{2ff}' => Some(1),
        '\u{3000}'..='\u{3029}'
        | '\u{3041}'..='\u{3096}'
        | '\u{30a1}'..='\u{30fa}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7a3}'
        | '\u{ff01}'..='\u{ff60}' => Some(2),
        // Punctuation, arrows, box drawing and symbols: the bars, bullets, boxes, rules
        // and markers the renderer draws, and what students paste.
        '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205e}'
        | '\u{2190}'..='\u{21ff}'
        | '\u{2500}'..='\u{26ff}'
        | '\u{1f300}'..='\u{1f3fa}'
        | '\u{1f400}'..='\u{1f64f}'
        | '\u{1f680}'..='\u{1f6ff}'
        | '\u{1f900}'..='\u{1f9ff}' => c.width(),
        _ => None,
    }
}

/// The width of text made only of plain characters (see [`plain_char_width`]), else
/// `None`.
pub(crate) fn plain_width(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut width = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Printable ASCII, a byte at a time without decoding.
        let b = bytes[i];
        if (b' '..=b'~').contains(&b) {
            width += 1;
            i += 1;
            continue;
        }
        let c = s[i..].chars().next()?;
        width += plain_char_width(c)?;
        i += c.len_utf8();
    }
    Some(width)
}

/// True when `s` holds a character from U+0300 on (combining marks, CJK, emoji...):
/// exactly when a UTF-8 byte is 0xCC or more. A max per chunk vectorises.
pub(crate) fn has_complex(s: &str) -> bool {
    s.as_bytes()
        .chunks(32)
        .any(|chunk| chunk.iter().fold(0u8, |m, &b| m.max(b)) >= 0xcc)
}

/// The display width of printable text, as the wrapper counts it.
pub(crate) fn str_width(s: &str) -> usize {
    plain_width(s).unwrap_or_else(|| s.graphemes(true).map(UnicodeWidthStr::width).sum())
}

/// The width of these spans, summed.
pub(crate) fn spans_width(spans: &[Span<'_>]) -> usize {
    spans
        .iter()
        .map(|s| plain_width(&s.content).unwrap_or_else(|| text_width(&s.content)))
        .fold(0, usize::wrapping_add)
}

/// True for printable ASCII that cannot start an emoji presentation sequence (digits,
/// `#` and `*` can: a keycap). unicode-width measures a string from its end, carrying
/// context leftwards; such a character takes one column whatever follows it and passes
/// no context on, so the text before it measures as if it ended there.
fn is_reset(b: u8) -> bool {
    // Branch-free, so that whole chunks can be checked at once.
    (b.wrapping_sub(0x20) < 0x5f) & !b.is_ascii_digit() & (b != b'#') & (b != b'*')
}

/// Exactly `s.width()`, but only the stretches between reset characters (see
/// [`is_reset`]) go through the Unicode tables: mostly-ASCII lines with the odd CJK word
/// or emoji cost a byte scan instead of a table walk per character.
fn text_width(s: &str) -> usize {
    const CHUNK: usize = 16;
    let bytes = s.as_bytes();
    let mut total = 0usize;
    // `bytes[seg..i]` is the stretch not measured yet.
    let mut seg = 0;
    let mut i = 0;
    while i < bytes.len() {
        if seg == i
            && let Some(chunk) = bytes.get(i..i + CHUNK)
            && chunk.iter().fold(true, |all, &b| all & is_reset(b))
        {
            total = total.wrapping_add(CHUNK);
            i += CHUNK;
            seg = i;
            continue;
        }
        if is_reset(bytes[i]) {
            if seg < i {
                total = total.wrapping_add(s[seg..i].width());
            }
            total = total.wrapping_add(1);
            seg = i + 1;
        }
        i += 1;
    }
    total.wrapping_add(s[seg..].width())
}

/// The width of a line made of these pieces, as a terminal library measures it: both
/// the sum of the pieces and the whole line joined (an emoji in one style followed by its
/// variation selector in another measures differently joined).
pub(crate) fn pieces_width<'a>(pieces: impl DoubleEndedIterator<Item = &'a str> + Clone) -> usize {
    let mut sum = 0usize;
    let mut all_plain = true;
    for p in pieces.clone() {
        let w = plain_width(p).unwrap_or_else(|| {
            all_plain = false;
            text_width(p)
        });
        sum = sum.wrapping_add(w);
    }
    // Plain characters measure the same whatever their neighbours.
    if all_plain {
        return sum;
    }
    // With a reset character on one side of every boundary, the joined string measures
    // the sum of its parts; else measure it joined (without joining it).
    let mut all_reset = true;
    let mut prev_end_reset = None;
    for p in pieces.clone() {
        let b = p.as_bytes();
        let starts_reset = b.first().is_some_and(|&b| is_reset(b));
        if prev_end_reset == Some(false) && !starts_reset {
            all_reset = false;
            break;
        }
        prev_end_reset = Some(b.last().is_some_and(|&b| is_reset(b)));
    }
    if all_reset {
        return sum;
    }
    let joined = unicode_width::char_iter_width(pieces.flat_map(str::chars));
    sum.max(joined)
}

/// Cuts spans to at most `budget` columns, whole graphemes only (for prefixes).
pub(crate) fn truncate<'a>(
    spans: impl IntoIterator<Item = &'a Span<'static>>,
    budget: usize,
) -> (Spans, usize) {
    let mut out = Vec::new();
    let mut used = 0;
    for span in spans {
        let w = str_width(&span.content);
        if used + w <= budget {
            out.push(span.clone());
            used += w;
            continue;
        }
        let mut kept = String::new();
        for g in span.content.graphemes(true) {
            let gw = g.width();
            if used + gw > budget {
                break;
            }
            kept.push_str(g);
            used += gw;
        }
        if !kept.is_empty() {
            out.push(Span::styled(kept, span.style));
        }
        break;
    }
    (out, used)
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

/// Where the word starting at `start` ends (at a space, a line break or the end of the
/// text), and whether it is all ASCII, one column a byte. Eight bytes at a time: a
/// word is most of the text, and this loop most of the wrapping.
fn word_end(bytes: &[u8], start: usize) -> (usize, bool) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut i = start;
    let mut high = 0u64;
    while let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let v = u64::from_le_bytes(*chunk);
        let spaces = v ^ (ONES * u64::from(b' '));
        let breaks = v ^ (ONES * u64::from(b'\n'));
        // The high bit of each byte that is zero, exact up to the first one (the
        // classic zero-byte test): the first space or line break.
        let found =
            ((spaces.wrapping_sub(ONES) & !spaces) | (breaks.wrapping_sub(ONES) & !breaks)) & HIGHS;
        if found != 0 {
            let before = found.trailing_zeros() / 8;
            let mask = if before == 0 {
                0
            } else {
                u64::MAX >> (64 - 8 * before)
            };
            high |= v & mask;
            return (i + before as usize, high & HIGHS == 0);
        }
        high |= v;
        i += 8;
    }
    let mut tail = 0u8;
    while i < bytes.len() && bytes[i] != b' ' && bytes[i] != b'\n' {
        tail |= bytes[i];
        i += 1;
    }
    (i, high & HIGHS == 0 && tail < 0x80)
}

/// Where the simple text starting at `from` ends, at most at `to`: printable ASCII
/// whose spaces are single. Eight bytes at a time, like [`word_end`].
fn simple_prefix(bytes: &[u8], from: usize, to: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const LOWS: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // The high bit of every byte equal to `b`, exactly.
    let equal = |v: u64, b: u8| {
        let t = v ^ (ONES * u64::from(b));
        !(((t & LOWS) + LOWS) | t) & HIGHS
    };
    let mut i = from;
    // Whether the byte before `i` is a space.
    let mut space_before = false;
    while let Some(chunk) = bytes.get(i..to).and_then(<[u8]>::first_chunk::<8>) {
        let v = u64::from_le_bytes(*chunk);
        let spaces = equal(v, b' ');
        // Bytes of 0x80 and more, DEL, and below a space (line breaks among them).
        let controls = {
            let below = v.wrapping_sub(ONES * 0x20) & !v & HIGHS;
            (v & HIGHS) | equal(v, 0x7f) | below
        };
        // A space after a space: this one's bit and the next byte's.
        let doubled = spaces & ((spaces << 8) | u64::from(space_before) << 7);
        let bad = controls | doubled;
        if bad != 0 {
            break;
        }
        space_before = bytes[i + 7] == b' ';
        i += 8;
    }
    while i < to {
        let b = bytes[i];
        if !(b' '..=b'~').contains(&b) || (b == b' ' && i > from && bytes[i - 1] == b' ') {
            return i;
        }
        i += 1;
    }
    to
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

    #[test]
    fn plain_width_agrees_with_unicode_width() {
        for c in (' '..='~')
            .chain('\u{a0}'..'\u{ad}')
            .chain('\u{ae}'..'\u{300}')
        {
            let s = c.to_string();
            assert_eq!(plain_width(&s), Some(s.width()), "{c:?}");
        }
        assert_eq!(plain_width("e\u{301}"), None);
        assert_eq!(plain_width("soft\u{ad}hyphen"), None);
        assert_eq!(plain_width("日本語 🎉 café"), Some(14));
        assert!(!has_complex("naïve café ÿ\u{2ff}"));
        assert!(has_complex("\u{300}") && has_complex("日") && has_complex("🎉"));
    }

    /// The claim behind [`plain_char_width`], for every plain character beside neighbours
    /// of each kind: the pair measures the sum of its parts and is two graphemes.
    #[test]
    fn plain_characters_are_graphemes_of_fixed_width() {
        let neighbours = [
            'a', '1', '#', '*', ' ', '<', '=', '>', '\u{a9}', '\u{ae}', '\u{e9}', '\u{2c6}', '日',
            'ア', '한', '🎉', '🌡', '！', '\u{3000}',
        ];
        let mut pair = String::new();
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            let Some(cw) = plain_char_width(c) else {
                continue;
            };
            assert_eq!(Some(cw), c.width(), "{c:?}");
            assert_eq!(plain_width(c.encode_utf8(&mut [0; 4])), Some(cw), "{c:?}");
            for n in neighbours {
                let nw = n.width().unwrap_or(0);
                for (a, b) in [(c, n), (n, c)] {
                    pair.clear();
                    pair.push(a);
                    pair.push(b);
                    assert_eq!(pair.width(), cw + nw, "{pair:?}");
                    assert_eq!(pair.graphemes(true).count(), 2, "{pair:?}");
                }
            }
        }
    }

    #[test]
    fn reset_characters_split_the_width_exactly() {
        let contexts = [
            "",
            "\u{fe0f}",
            "\u{fe0e}",
            "\u{fe01}",
            "\u{200d}",
            "\u{20e3}",
            "\u{1f3fb}",
            "\u{e007f}",
            "\u{338}",
            "\u{301}",
            "\u{17d2}",
            "\u{1f1e6}",
            "\u{627}",
            "\u{644}",
            "\u{5d0}",
            "\u{5dc}\u{200d}",
            "\u{2d7f}",
            "\u{1f389}",
            "\u{2764}\u{fe0f}",
            "1\u{fe0f}\u{20e3}",
            "\u{1f468}\u{200d}\u{1f469}",
            "\u{65e5}\u{672c}",
            "caf\u{e9}",
        ];
        for r in (0x20u8..0x7f).filter(|&b| is_reset(b)).map(char::from) {
            for left in contexts {
                for right in contexts {
                    let s = format!("{left}{r}{right}");
                    assert_eq!(text_width(&s), s.width(), "{s:?}");
                    assert_eq!(s.width(), left.width() + 1 + right.width(), "{s:?}");
                }
            }
        }
        for s in ["1\u{fe0f}\u{20e3}x", "#\u{fe0f}", "a\u{1f1e6}\u{1f1e6} b"] {
            assert_eq!(text_width(s), s.width(), "{s:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// The shortcuts agree with measuring the whole line, for text mixing ASCII with
        /// the characters whose width depends on their neighbours, cut into spans anywhere.
        #[test]
        fn shortcut_widths_agree_with_unicode_width(
            text in "[a1#* \u{e9}\u{fe0f}\u{fe0e}\u{200d}\u{20e3}\u{1f3fb}\u{1f1e6}\u{1f468}\u{2764}\u{65e5}\u{301}\u{627}\u{644}\u{17d2}\u{1780}]{0,24}",
            cuts in proptest::collection::vec(0usize..24, 0..4),
        ) {
            proptest::prop_assert_eq!(text_width(&text), text.width());
            let mut bounds: Vec<usize> = cuts
                .into_iter()
                .filter(|&c| text.is_char_boundary(c) && c <= text.len())
                .collect();
            bounds.push(0);
            bounds.push(text.len());
            bounds.sort_unstable();
            let spans: Vec<Span<'_>> = bounds
                .windows(2)
                .map(|w| Span::raw(&text[w[0]..w[1]]))
                .collect();
            let parts: usize = spans.iter().map(|s| s.content.width()).sum();
            proptest::prop_assert_eq!(
                pieces_width(spans.iter().map(|s| s.content.as_ref())),
                parts.max(text.width())
            );
        }
    }

    proptest::proptest! {
        /// The eight-bytes-at-a-time word scan agrees with a byte at a time.
        #[test]
        fn word_end_agrees_with_a_byte_scan(text in "[a \n\u{e9}\u{65e5}b]{0,40}", start in 0usize..40) {
            let bytes = text.as_bytes();
            let start = start.min(bytes.len());
            let mut end = start;
            while end < bytes.len() && bytes[end] != b' ' && bytes[end] != b'\n' {
                end += 1;
            }
            let ascii = bytes[start..end].is_ascii();
            proptest::prop_assert_eq!(word_end(bytes, start), (end, ascii));
        }
    }

    proptest::proptest! {
        /// The eight-bytes-at-a-time scan for simple text agrees with a byte at a time.
        #[test]
        fn simple_prefix_agrees_with_a_byte_scan(
            text in "[ab  \n\u{7f}\u{e9}~]{0,40}",
            from in 0usize..40,
            to in 0usize..41,
        ) {
            let bytes = text.as_bytes();
            let to = to.min(bytes.len());
            let from = from.min(to);
            let mut end = from;
            while end < to
                && (b' '..=b'~').contains(&bytes[end])
                && !(bytes[end] == b' ' && end > from && bytes[end - 1] == b' ')
            {
                end += 1;
            }
            proptest::prop_assert_eq!(simple_prefix(bytes, from, to), end);
        }

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
