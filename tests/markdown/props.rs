//! Properties of the renderer on arbitrary Markdown: it never panics, no line is wider
//! than the width, no control character survives, and no word of the text is lost.

use meetup_reader::commands::show::show;
use meetup_reader::markdown::{Theme, ThemeName, parser_options, render};
use meetup_reader::sanitize::is_unsafe;
use proptest::prelude::*;
use pulldown_cmark::{Event, Parser};

/// Pieces of Markdown, HTML, hostile bytes and tricky Unicode, to be glued at random.
const FRAGMENTS: &[&str] = &[
    "\n",
    "\n\n",
    "# ",
    "## ",
    "> ",
    ">> ",
    "- ",
    "  - ",
    "1. ",
    "3) ",
    "* ",
    "```\n",
    "```rust\n",
    "```python\n",
    "```html\n",
    "```md\n",
    "    ",
    "| a | b |\n|---|:-:|\n",
    "| ",
    " |",
    "---\n",
    "***",
    "*",
    "**",
    "_",
    "~~",
    "`",
    "[",
    "](https://x.example/",
    ")",
    "![",
    "<https://auto.example/p>",
    "[^1]",
    "\n[^1]: ",
    "- [ ] ",
    "- [x] ",
    "\\",
    "  \n",
    "&amp;",
    "&#27;",
    "&#x9b;",
    "&#0;",
    "&lt;b&gt;",
    "\t",
    "<br>",
    "<br />",
    "<br/>",
    "<b>",
    "</b>",
    "<em>",
    "</em>",
    "<u>",
    "<code>",
    "</code>",
    "<iframe src=\"https://v.example/e\"></iframe>",
    "<video src=v.mp4>",
    "<embed src=e>",
    "<!--",
    "-->",
    "<div>",
    "</div>",
    "<p>",
    "<a href=\"https://h.example\">",
    "</a>",
    "<img src=i.png alt=pic>",
    "<span",
    " class=x>",
    "\x1b[31m",
    "\x1b]0;title\x07",
    "\x1b]52;c;SGVsbG8=\x07",
    "\x07",
    "\x08",
    "\u{9b}",
    "\u{202e}",
    "\u{2066}",
    "\r",
    "\r\n",
    "\x00",
    "\x7f",
    "\x1b",
    "[31m",
    "日本語",
    "中文字",
    "한국어",
    "👩\u{200d}💻",
    "🎉",
    "❤\u{fe0f}",
    "**❤**",
    "\u{fe0f}",
    "🇫🇷",
    "e\u{301}",
    "a\u{302}\u{303}",
    "\u{301}",
    "字\u{200d}字",
    "supercalifragilisticexpialidocious",
    "word",
    "other",
    "x",
    "42",
];

fn markdown() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
        2 => "[a-zA-Z0-9]{1,12}",
        1 => " ",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// Markdown without arbitrary characters, for the word property (a grapheme made of
/// wide characters glued by a joiner may legitimately lose the joiner).
fn wordy_markdown() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
        3 => "[a-zA-Z0-9]{1,30}",
        2 => " ",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn theme() -> Theme {
    Theme::new(ThemeName::Dark, true)
}

fn check_lines(md: &str, width: u16) -> Result<(), TestCaseError> {
    let r = render(md, width, &theme());
    for line in r.lines() {
        prop_assert!(
            line.width() <= usize::from(width)
                && unicode_width::UnicodeWidthStr::width(line.to_string().as_str())
                    <= usize::from(width),
            "width {} > {}: {:?}",
            line.width(),
            width,
            line
        );
        for span in &line.spans {
            prop_assert!(
                !span.content.chars().any(is_unsafe),
                "control char in {:?}",
                span.content
            );
        }
    }
    for url in &r.links {
        prop_assert!(!url.chars().any(is_unsafe));
    }
    Ok(())
}

/// Alphanumeric runs of the text the parser gives, code blocks included (a long code
/// line goes on in the rows below).
fn source_words(md: &str) -> Vec<String> {
    let mut words = Vec::new();
    for event in Parser::new_ext(md, parser_options()) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                words.extend(
                    t.split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .map(str::to_string),
                );
            }
            _ => {}
        }
    }
    words
}

/// Lines as a code block shows them: trailing blanks off, and blank rows after the
/// block (spacing, not code) dropped.
fn code_lines(lines: &[String]) -> Vec<&str> {
    let lines: Vec<&str> = lines.iter().map(|l| l.trim_end()).collect();
    let keep = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(0, |i| i + 1);
    lines[..keep].to_vec()
}

proptest! {
    // 160 cases by default; PROPTEST_CASES=n runs more.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(160),
        ..ProptestConfig::default()
    })]

    #[test]
    fn never_panics_never_too_wide_never_a_control(md in markdown(), width in 1u16..=200) {
        check_lines(&md, width)?;
        check_lines(&md, 1)?;
        check_lines(&md, 2)?;
    }

    #[test]
    fn no_word_is_lost(md in wordy_markdown(), width in 4u16..=200) {
        let r = render(&md, width, &theme());
        let output: String = (0..r.len())
            .flat_map(|i| r.line_text(i).chars())
            .filter(|c| c.is_alphanumeric())
            .collect();
        let words = source_words(&md);
        if !md.contains('|') {
            // Outside tables a word's letters stay together, whatever the wrapping.
            for w in &words {
                prop_assert!(output.contains(w.as_str()), "lost {:?} in {:?}", w, output);
            }
        }
        // Everywhere, every letter of the text is shown at least as often as written.
        let mut counts = std::collections::HashMap::<char, isize>::new();
        for c in words.iter().flat_map(|w| w.chars()) {
            *counts.entry(c).or_default() += 1;
        }
        for c in output.chars() {
            *counts.entry(c).or_default() -= 1;
        }
        let missing: Vec<_> = counts.iter().filter(|(_, n)| **n > 0).collect();
        prop_assert!(missing.is_empty(), "missing {:?}", missing);
    }

    #[test]
    fn wrapped_code_keeps_every_character_in_order(
        lines in proptest::collection::vec("([ -~é日本]|👍🏽){0,150}", 1..6),
        // Room for the marker and the widest character beside the block's indent
        // (narrower panes keep every letter: see `no_word_is_lost`).
        width in 5u16..=80,
        // Highlighted code is cut into coloured pieces before it is wrapped.
        lang in prop_oneof![Just(""), Just("python"), Just("html"), Just("sh"), Just("md")],
    ) {
        let md = format!("```{lang}\n{}\n```\n", lines.join("\n"));
        let r = render(&md, width, &theme());
        // After the language's label, each row is the block's indent, then a line or,
        // after `↪`, more of it.
        let label = if lang.is_empty() { 0 } else {
            (0..r.len()).position(|i| r.line_text(i).contains(']')).map_or(0, |i| i + 1)
        };
        let mut rebuilt: Vec<String> = Vec::new();
        for i in label..r.len() {
            let row = r.line_text(i);
            let row = row.strip_prefix("  ").unwrap_or(row);
            match (row.strip_prefix('↪'), rebuilt.last_mut()) {
                (Some(more), Some(line)) => line.push_str(more),
                _ => rebuilt.push(row.to_string()),
            }
        }
        prop_assert_eq!(code_lines(&rebuilt), code_lines(&lines));
    }

    #[test]
    fn show_prints_no_control_characters(md in markdown(), width in 1u16..=120, ansi: bool) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2024-01-02-post.md");
        // A NUL makes the file binary, which `show` refuses like the loader; every other
        // control character stays in.
        let md = md.replace('\0', "");
        std::fs::write(&path, format!("---\ntitle: \"t\x1b[2J{md}\"\nauthor: a\x07b\n---\n{md}")).unwrap();
        let mut out = Vec::new();
        show(&path, width, ansi, &theme(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        // Hyperlinks (OSC 8) to web addresses of printable ASCII, closed each time.
        let mut text_without_links = String::new();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("\x1b]8;;") {
            prop_assert!(ansi, "hyperlink in plain output");
            text_without_links.push_str(&rest[..at]);
            let after = &rest[at + 5..];
            let end = after.find("\x1b\\");
            prop_assert!(end.is_some(), "unterminated hyperlink");
            let target = &after[..end.unwrap_or(0)];
            prop_assert!(
                target.is_empty() || target.starts_with("http") || target.starts_with("mailto:"),
                "hyperlink to {:?}", target
            );
            prop_assert!(target.bytes().all(|b| (0x21..=0x7e).contains(&b)), "{:?}", target);
            rest = &after[end.unwrap_or(0) + 2..];
        }
        text_without_links.push_str(rest);
        let text = text_without_links;
        let mut rest = text.as_str();
        // In ANSI mode the only other escapes allowed are SGR sequences: ESC [ digits ; m.
        while let Some(at) = rest.find('\x1b') {
            prop_assert!(ansi, "ESC in plain output");
            let seq = &rest[at + 1..];
            let end = seq.find('m').unwrap_or(seq.len());
            prop_assert!(seq.starts_with('['), "not SGR: {:?}", &seq[..end.min(20)]);
            prop_assert!(seq[1..end].bytes().all(|b| b.is_ascii_digit() || b == b';'));
            rest = &seq[end..];
        }
        if !ansi {
            for line in text.lines() {
                let w = unicode_width::UnicodeWidthStr::width(line);
                prop_assert!(w <= usize::from(width), "{} > {}: {:?}", w, width, line);
            }
        }
        let visible: String = text.split('\x1b').collect();
        for c in visible.chars() {
            prop_assert!(c == '\n' || !is_unsafe(c), "control {:?}", c);
        }
    }
}

/// A prefix cut short (`[^1`) and a variation selector opening the text join into a
/// wide keycap; the line was then cut at its end and lost a letter. With colours or
/// without, every letter stays.
#[test]
fn a_joiner_after_a_cut_prefix_costs_no_letter() {
    for colors in [true, false] {
        let theme = Theme::new(ThemeName::Dark, colors);
        for md in [
            "[^1]: \u{fe0f}aAA0",
            "<span\n[^1]: \u{fe0f}aAA0",
            "> \u{20e3}abc def",
        ] {
            for width in 4..=8u16 {
                let r = render(md, width, &theme);
                let letters: String = (0..r.len())
                    .flat_map(|i| r.line_text(i).chars())
                    .filter(|c| c.is_alphanumeric())
                    .collect();
                for word in ["aAA0", "abc", "def"] {
                    if md.contains(word) {
                        assert!(
                            letters.contains(word),
                            "{md:?} at {width}, colours {colors}: {letters:?}"
                        );
                    }
                }
            }
        }
    }
}
