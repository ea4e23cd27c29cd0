//! The lines of a text, as `str::lines` gives them, with where each one is.
//!
//! The loader goes through every line of every post (the front matter's delimiters, the
//! rubric's headings and words), so the line ends are found with the `memchr` crate,
//! which looks at 32 bytes at once where the processor allows, rather than with the
//! standard library's search (8 bytes at a time at best, byte by byte at the ends).

/// One line: its text without the line ending, where it starts, and where the next
/// one starts (after the `\n`, or the text's end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextLine<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// The lines of `text`: split at `\n`, a `\r` before it left out, and no empty line
/// after a final `\n` (the lines of `str::lines`).
pub fn text_lines(text: &str) -> impl Iterator<Item = TextLine<'_>> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let rest = &text[start..];
        let line = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(at) => {
                let content = &rest[..at];
                TextLine {
                    text: content.strip_suffix('\r').unwrap_or(content),
                    start,
                    end: start + at + 1,
                }
            }
            None => TextLine {
                text: rest,
                start,
                end: text.len(),
            },
        };
        start = line.end;
        Some(line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lines_are_those_of_str_lines_with_their_places() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\r\nb\r\n",
            "a\rb\n\r",
            "\n\nx\r",
            "one\ntwo\n\nthree",
            "é\r\n中\n",
        ] {
            let lines: Vec<TextLine> = text_lines(text).collect();
            let texts: Vec<&str> = lines.iter().map(|l| l.text).collect();
            assert_eq!(texts, text.lines().collect::<Vec<_>>(), "{text:?}");
            let mut expected_start = 0;
            for line in &lines {
                assert_eq!(line.start, expected_start, "{text:?}");
                assert!(text[line.start..line.end].starts_with(line.text));
                expected_start = line.end;
            }
            assert_eq!(expected_start, text.len(), "{text:?}");
        }
    }
}
