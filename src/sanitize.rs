//! Untrusted text (a post's bytes) must never control the terminal. Every control
//! character, C1 control and bidi override becomes a visible placeholder.

use std::borrow::Cow;

/// The placeholder shown for a control character that is not a C0 one.
pub const OTHER_CONTROL: char = '\u{FFFD}';

/// Replaces every character that could act on a terminal with a visible one.
/// Newlines are kept; a tab becomes one space (expand tabs before calling this
/// where columns matter).
pub fn sanitize(text: &str) -> Cow<'_, str> {
    sanitize_with(text, true)
}

/// Like [`sanitize`], for one-line fields (titles, authors): newlines become spaces too.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    sanitize_with(text, false)
}

/// Bytes that may start a character [`needs_replacing`] can replace: C0 controls and
/// DEL, 0xC2 (C1 controls), 0xD8 (U+061C) and 0xE2 (the bidi controls).
static SUSPICIOUS: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xd8 || b == 0xe2;
        b += 1;
    }
    table
};

/// False when `text` certainly holds nothing to sanitise: a byte scan, far cheaper than
/// decoding characters.
pub(crate) fn may_need_sanitizing(text: &str) -> bool {
    suspicious_bytes::<false>(text)
}

/// [`may_need_sanitizing`] for multi-line text, where newlines are expected.
pub(crate) fn may_need_sanitizing_lines(text: &str) -> bool {
    suspicious_bytes::<true>(text)
}

/// Long text is scanned in blocks that the compiler vectorises.
fn suspicious_bytes<const NEWLINES_OK: bool>(text: &str) -> bool {
    let bad = |b: u8| {
        ((b < 0x20) & !(NEWLINES_OK & (b == b'\n')))
            | (b == 0x7f)
            | (b == 0xc2)
            | (b == 0xd8)
            | (b == 0xe2)
    };
    let (blocks, tail) = text.as_bytes().as_chunks::<32>();
    blocks
        .iter()
        .any(|block| block.iter().fold(false, |found, &b| found | bad(b)))
        || tail
            .iter()
            .any(|&b| SUSPICIOUS[usize::from(b)] && !(NEWLINES_OK && b == b'\n'))
}

fn sanitize_with(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !may_need_sanitizing(text) || !text.chars().any(|c| needs_replacing(c, keep_newlines)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if needs_replacing(c, keep_newlines) {
                    placeholder(c)
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// For text the user edits (a draft): line ends become `\n` (CRLF and a lone CR
/// alike), tabs are kept (the editor shows them as spaces, and code needs them), and
/// every other control character becomes a visible placeholder.
pub fn sanitize_for_editing(text: &str) -> Cow<'_, str> {
    let text = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    };
    let replaced = |c: char| c != '\t' && needs_replacing(c, true);
    if !text.chars().any(replaced) {
        return text;
    }
    Cow::Owned(
        text.chars()
            .map(|c| if replaced(c) { placeholder(c) } else { c })
            .collect(),
    )
}

/// JSON for a terminal or a pipe: serde_json escapes only C0 controls, so C1 controls
/// (U+009B is a CSI to xterm) and bidi overrides would go out raw. Here every unsafe
/// character becomes a `\uXXXX` escape, which keeps the JSON valid and its meaning
/// unchanged, since such characters can only stand inside JSON strings.
pub fn escape_json(json: &str) -> Cow<'_, str> {
    // Newlines are the pretty printer's own (inside strings serde_json escapes them).
    let unsafe_in_json = |c: char| needs_replacing(c, true);
    // `list --json` of a big folder is megabytes, nearly always printable ASCII: that
    // is told 64 bytes at a time (a loop without an early exit, which the compiler
    // vectorises), and only other text is looked at as characters.
    let printable_ascii = |chunk: &[u8]| {
        chunk.iter().fold(true, |all, &b| {
            all & ((b' '..=b'~').contains(&b) | (b == b'\n'))
        })
    };
    if json.as_bytes().chunks(64).all(printable_ascii) || !json.chars().any(unsafe_in_json) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_in_json(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The address a terminal hyperlink (OSC 8) may carry: a web or mail address of
/// printable ASCII only (nothing that could end the sequence early), at most 2 KB.
pub fn hyperlink_target(url: &str) -> Option<&str> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let scheme_ok = ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme));
    let clean = url.len() <= 2048 && url.bytes().all(|b| (0x21..=0x7e).contains(&b));
    (scheme_ok && clean).then_some(url)
}

/// Starts a terminal hyperlink to `target` (from [`hyperlink_target`]); the text
/// written next is the link, until [`HYPERLINK_END`].
pub fn hyperlink_start(target: &str) -> String {
    format!("\x1b]8;;{target}\x1b\\")
}

pub const HYPERLINK_END: &str = "\x1b]8;;\x1b\\";

/// True for characters a terminal would act on rather than show.
pub fn is_unsafe(c: char) -> bool {
    needs_replacing(c, false)
}

fn needs_replacing(c: char, keep_newlines: bool) -> bool {
    match c {
        '\n' => !keep_newlines,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        // Bidi embeddings, overrides and isolates can reorder what the reader sees.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}' => {
            true
        }
        _ => false,
    }
}

/// `␛` for ESC, `␇` for BEL and so on (Unicode's control pictures); a space for tab
/// and newline in one-line fields; `�` for the rest.
fn placeholder(c: char) -> char {
    match c {
        '\t' | '\n' => ' ',
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or(OTHER_CONTROL),
        '\u{7f}' => '\u{2421}',
        _ => OTHER_CONTROL,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(sanitize("a\x1b[31mred\x07"), "a␛[31mred␇");
        assert_eq!(sanitize("\u{9b}2J"), "\u{FFFD}2J");
        assert_eq!(sanitize("left\u{202e}right"), "left\u{FFFD}right");
    }

    #[test]
    fn json_keeps_its_meaning_without_raw_controls() {
        let json = serde_json::to_string(&"a\u{9b}2J\u{202e}b").unwrap();
        let safe = escape_json(&json);
        assert!(!safe.chars().any(is_unsafe));
        assert_eq!(safe, "\"a\\u009b2J\\u202eb\"");
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "a\u{9b}2J\u{202e}b");
    }

    #[test]
    fn clean_text_is_borrowed_and_newlines_kept() {
        assert!(matches!(sanitize("plain\ntext"), Cow::Borrowed(_)));
        assert_eq!(sanitize_line("two\nlines\tand tab"), "two lines and tab");
    }
}
