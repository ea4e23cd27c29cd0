//! HTML as beginners paste it into Markdown: a forgiving tokenizer that turns raw HTML
//! (block or inline, possibly split over several parser events) into text, tags and
//! nothing else. Comments, declarations and the bodies of `<script>` / `<style>` blocks
//! are swallowed. Text is entity-decoded here and sanitised by the caller.

use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HtmlItem {
    /// Entity-decoded text (still untrusted: sanitise before showing).
    Text(String),
    /// An opening (or self-closing) tag; name lowercased, attribute values decoded.
    Open {
        name: String,
        attrs: Vec<(String, String)>,
    },
    Close {
        name: String,
    },
}

impl HtmlItem {
    pub fn attr(attrs: &[(String, String)], key: &str) -> Option<String> {
        attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .filter(|v| !v.trim().is_empty())
    }
}

#[derive(Debug, Default)]
enum Mode {
    #[default]
    Markup,
    Comment,
    /// Inside `<script>` or `<style>` in an HTML block: skip to the closing tag.
    RawText(&'static str),
}

/// A tag that has not been closed by `>` this long is taken as a literal `<`.
const MAX_PENDING: usize = 4096;

#[derive(Debug, Default)]
pub(crate) struct HtmlTokenizer {
    pending: String,
    mode: Mode,
}

enum Parsed {
    Item(HtmlItem, usize),
    Skip(usize),
    CommentStart,
    Incomplete,
    NotTag,
}

impl HtmlTokenizer {
    /// Feeds one chunk of raw HTML. `block` is true for HTML blocks, where the bodies of
    /// `<script>` and `<style>` are hidden (inline, the parser gives them as text).
    pub fn feed(&mut self, chunk: &str, block: bool, out: &mut Vec<HtmlItem>) {
        self.pending.push_str(chunk);
        let s = std::mem::take(&mut self.pending);
        let mut i = 0;
        while i < s.len() {
            match self.mode {
                Mode::Comment => match s[i..].find("-->") {
                    Some(pos) => {
                        i += pos + 3;
                        self.mode = Mode::Markup;
                    }
                    None => {
                        self.pending = tail(&s[i..], 2).to_string();
                        return;
                    }
                },
                Mode::RawText(name) => match find_close(&s[i..], name) {
                    Some(pos) => {
                        i += pos;
                        self.mode = Mode::Markup;
                    }
                    None => {
                        self.pending = tail(&s[i..], name.len() + 2).to_string();
                        return;
                    }
                },
                Mode::Markup => {
                    let Some(off) = s[i..].find('<') else {
                        push_text(out, &s[i..]);
                        return;
                    };
                    push_text(out, &s[i..i + off]);
                    i += off;
                    match parse_at(&s[i..]) {
                        Parsed::Item(item, used) => {
                            if block && let HtmlItem::Open { name, .. } = &item {
                                match name.as_str() {
                                    "script" => self.mode = Mode::RawText("script"),
                                    "style" => self.mode = Mode::RawText("style"),
                                    _ => {}
                                }
                            }
                            out.push(item);
                            i += used;
                        }
                        Parsed::Skip(used) => i += used,
                        Parsed::CommentStart => {
                            self.mode = Mode::Comment;
                            i += 4;
                        }
                        Parsed::Incomplete if s.len() - i < MAX_PENDING => {
                            self.pending = s[i..].to_string();
                            return;
                        }
                        Parsed::Incomplete | Parsed::NotTag => {
                            push_text(out, "<");
                            i += 1;
                        }
                    }
                }
            }
        }
    }

    /// Ends a run of HTML: an unfinished tag is shown as text, any open comment or
    /// script body is closed.
    /// True when nothing is pending: [`Self::finish`] would do nothing.
    pub fn is_idle(&self) -> bool {
        matches!(self.mode, Mode::Markup) && self.pending.is_empty()
    }

    pub fn finish(&mut self, out: &mut Vec<HtmlItem>) {
        if matches!(self.mode, Mode::Markup) && !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            push_text(out, &rest);
        }
        self.pending.clear();
        self.mode = Mode::Markup;
    }
}

fn push_text(out: &mut Vec<HtmlItem>, raw: &str) {
    if raw.is_empty() {
        return;
    }
    let text = decode_entities(raw).into_owned();
    if let Some(HtmlItem::Text(prev)) = out.last_mut() {
        prev.push_str(&text);
    } else {
        out.push(HtmlItem::Text(text));
    }
}

/// The last `n` bytes of `s` (or a little more, to stay on a character boundary).
fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start -= 1;
    }
    &s[start..]
}

/// The position of `</name` (any case) in `s`.
fn find_close(s: &str, name: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(off) = s[from..].find("</") {
        let at = from + off;
        let after = &bytes[at + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

fn parse_at(s: &str) -> Parsed {
    let b = s.as_bytes();
    if s.starts_with("<!--") {
        return Parsed::CommentStart;
    }
    if s.starts_with("<!") || s.starts_with("<?") {
        return match s.find('>') {
            Some(end) => Parsed::Skip(end + 1),
            None => Parsed::Incomplete,
        };
    }
    let mut i = 1;
    let closing = b.get(1) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
        return if i >= b.len() {
            Parsed::Incomplete
        } else {
            Parsed::NotTag
        };
    }
    while b
        .get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b':')
    {
        i += 1;
    }
    let name = s[name_start..i].to_ascii_lowercase();
    if i < b.len() && !(b[i].is_ascii_whitespace() || b[i] == b'>' || b[i] == b'/') {
        return Parsed::NotTag;
    }
    let mut attrs = Vec::new();
    loop {
        while b
            .get(i)
            .is_some_and(|c| c.is_ascii_whitespace() || *c == b'/')
        {
            i += 1;
        }
        match b.get(i) {
            None => return Parsed::Incomplete,
            Some(b'>') => {
                i += 1;
                break;
            }
            Some(_) => {}
        }
        let key_start = i;
        while b
            .get(i)
            .is_some_and(|c| !c.is_ascii_whitespace() && !matches!(c, b'=' | b'>' | b'/'))
        {
            i += 1;
        }
        let key = s[key_start..i].to_ascii_lowercase();
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let mut value = String::new();
        if b.get(i) == Some(&b'=') {
            i += 1;
            while b.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            match b.get(i) {
                None => return Parsed::Incomplete,
                Some(&q @ (b'"' | b'\'')) => {
                    let Some(len) = s[i + 1..].find(q as char) else {
                        return Parsed::Incomplete;
                    };
                    value = decode_entities(&s[i + 1..i + 1 + len]).into_owned();
                    i += len + 2;
                }
                Some(_) => {
                    let v_start = i;
                    while b
                        .get(i)
                        .is_some_and(|c| !c.is_ascii_whitespace() && *c != b'>')
                    {
                        i += 1;
                    }
                    value = decode_entities(&s[v_start..i]).into_owned();
                }
            }
        }
        if !key.is_empty() {
            attrs.push((key, value));
        }
    }
    let item = if closing {
        HtmlItem::Close { name }
    } else {
        HtmlItem::Open { name, attrs }
    };
    Parsed::Item(item, i)
}

/// Decodes `&amp;`, `&#39;`, `&#x1F600;` and the named entities beginners use. Unknown
/// ones stay as written. A decoded control character is the caller's to sanitise.
pub(crate) fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest[1..]
            .find(';')
            .filter(|&semi| semi > 0 && semi <= 32)
            .and_then(|semi| entity(&rest[1..1 + semi]).map(|c| (c, semi + 2)));
        match decoded {
            Some((c, used)) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        return Some(match char::from_u32(code) {
            Some('\0') | None => char::REPLACEMENT_CHARACTER,
            Some(c) => c,
        });
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "middot" => '·',
        "bull" => '•',
        "deg" => '°',
        "times" => '×',
        "divide" => '÷',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "sect" => '§',
        "para" => '¶',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "hearts" => '♥',
        "check" => '✓',
        "zwj" => '\u{200d}',
        "zwnj" => '\u{200c}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(chunks: &[&str], block: bool) -> Vec<HtmlItem> {
        let mut t = HtmlTokenizer::default();
        let mut out = Vec::new();
        for c in chunks {
            t.feed(c, block, &mut out);
        }
        t.finish(&mut out);
        out
    }

    fn text(s: &str) -> HtmlItem {
        HtmlItem::Text(s.to_string())
    }

    #[test]
    fn tags_text_and_entities() {
        let got = items(&["<b>Tom &amp; Jerry</b><br />"], false);
        assert_eq!(
            got,
            [
                HtmlItem::Open {
                    name: "b".into(),
                    attrs: vec![]
                },
                text("Tom & Jerry"),
                HtmlItem::Close { name: "b".into() },
                HtmlItem::Open {
                    name: "br".into(),
                    attrs: vec![]
                },
            ]
        );
    }

    #[test]
    fn a_tag_split_across_chunks_and_attributes() {
        let got = items(
            &[
                "<iframe width=560\n",
                " src=\"https://x.test/a?b=1&amp;c=2\">",
            ],
            true,
        );
        assert_eq!(
            got,
            [HtmlItem::Open {
                name: "iframe".into(),
                attrs: vec![
                    ("width".into(), "560".into()),
                    ("src".into(), "https://x.test/a?b=1&c=2".into())
                ]
            }]
        );
    }

    #[test]
    fn comments_and_script_bodies_are_hidden() {
        let got = items(
            &["a<!-- x\n", "y -->b<script>alert(1)\n", "</script>c"],
            true,
        );
        let texts: String = got
            .iter()
            .filter_map(|i| match i {
                HtmlItem::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, "abc");
    }

    #[test]
    fn a_lone_angle_bracket_is_text() {
        assert_eq!(items(&["1 < 2"], true), [text("1 < 2")]);
        assert_eq!(items(&["x <y"], true), [text("x <y")]);
    }

    #[test]
    fn numeric_entities_decode_to_controls_for_the_sanitiser() {
        assert_eq!(
            decode_entities("&#27;[31m&#x9b;&#0;"),
            "\u{1b}[31m\u{9b}\u{fffd}"
        );
        assert_eq!(decode_entities("&unknown; & &amp"), "&unknown; & &amp");
    }
}
