//! Display widths as the wrapper counts them: per grapheme, with shortcuts for text
//! whose characters measure the same whatever their neighbours.

use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::wrap::Spans;

/// The width of a character that measures the same whatever its neighbours, and is a
/// grapheme of its own beside any other such character; `None` for any other. These
/// are printable text below U+0300 (the soft hyphen aside, which takes no column), CJK
/// ideographs, kana, Hangul syllables, fullwidth forms, common punctuation, arrows,
/// box drawing and symbols, and the common emoji blocks (skin-tone modifiers aside). Text made only of them is measured a character at a
/// time, without grapheme segmentation; a test checks the claim against unicode-width
/// and unicode-segmentation for every one of them.
pub(crate) fn plain_char_width(c: char) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
