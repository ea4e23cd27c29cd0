//! Rendered lines to a byte stream: with SGR styles for a terminal, or plain text.
//!
//! The only escape sequences written are the SGR codes built here from each span's
//! style; span text is sanitised once more on the way out, so even lines that did not
//! come from [`super::render`] cannot move the cursor or retitle the window.

use std::io::{self, Write};

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;

use crate::sanitize::sanitize_line;

/// Writes each line followed by `\n`; `ansi` adds colours and text attributes.
pub fn write_lines(out: &mut impl Write, lines: &[Line<'_>], ansi: bool) -> io::Result<()> {
    write_lines_linked(out, lines, ansi, &[])
}

/// [`write_lines`] for a rendered body whose link marks (`[3]`) name `links`: with
/// `ansi`, a mark whose link is a web or mail address is a terminal hyperlink to it
/// (OSC 8; terminals without them show the text as it is).
pub fn write_lines_linked(
    out: &mut impl Write,
    lines: &[Line<'_>],
    ansi: bool,
    links: &[String],
) -> io::Result<()> {
    let mut sgr = String::new();
    for line in lines {
        let marks = if ansi && !links.is_empty() {
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            super::link_marks(&text, links.len())
                .into_iter()
                .filter_map(|(start, end, n)| {
                    crate::sanitize::hyperlink_target(&links[n - 1]).map(|url| (start, end, url))
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut at = 0;
        for span in &line.spans {
            let style = line.style.patch(span.style);
            sgr.clear();
            if ansi {
                push_sgr(&mut sgr, style);
            }
            // The span in pieces at the marks' edges, each piece inside one mark or none.
            let mut rest = span.content.as_ref();
            while !rest.is_empty() {
                let mark = marks
                    .iter()
                    .find(|(start, end, _)| at >= *start && at < *end);
                let edge = match mark {
                    Some((_, end, _)) => *end,
                    None => marks
                        .iter()
                        .map(|(start, _, _)| *start)
                        .filter(|start| *start > at)
                        .min()
                        .unwrap_or(usize::MAX),
                };
                let take = rest
                    .char_indices()
                    .nth(edge - at)
                    .map_or(rest.len(), |(i, _)| i);
                let (piece, after) = rest.split_at(take);
                at += piece.chars().count();
                rest = after;
                let text = sanitize_line(piece);
                if let Some((_, _, url)) = mark {
                    out.write_all(crate::sanitize::hyperlink_start(url).as_bytes())?;
                }
                if sgr.is_empty() {
                    out.write_all(text.as_bytes())?;
                } else {
                    write!(out, "\x1b[{sgr}m{text}\x1b[0m")?;
                }
                if mark.is_some() {
                    out.write_all(crate::sanitize::HYPERLINK_END.as_bytes())?;
                }
            }
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The SGR parameters for a style (`1;4;36`), empty for the default style.
pub fn sgr_params(style: Style) -> String {
    let mut out = String::new();
    push_sgr(&mut out, style);
    out
}

fn push_sgr(out: &mut String, style: Style) {
    let mut add = |code: &str| {
        if !out.is_empty() {
            out.push(';');
        }
        out.push_str(code);
    };
    let m = style.add_modifier;
    for (flag, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::SLOW_BLINK, "5"),
        (Modifier::RAPID_BLINK, "6"),
        (Modifier::REVERSED, "7"),
        (Modifier::HIDDEN, "8"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if m.contains(flag) {
            add(code);
        }
    }
    if let Some(fg) = style.fg {
        add(&color_code(fg, false));
    }
    if let Some(bg) = style.bg {
        add(&color_code(bg, true));
    }
}

fn color_code(color: Color, background: bool) -> String {
    let base = |n: u8| (if background { n + 10 } else { n }).to_string();
    match color {
        Color::Reset => base(39),
        Color::Black => base(30),
        Color::Red => base(31),
        Color::Green => base(32),
        Color::Yellow => base(33),
        Color::Blue => base(34),
        Color::Magenta => base(35),
        Color::Cyan => base(36),
        Color::Gray => base(37),
        Color::DarkGray => base(90),
        Color::LightRed => base(91),
        Color::LightGreen => base(92),
        Color::LightYellow => base(93),
        Color::LightBlue => base(94),
        Color::LightMagenta => base(95),
        Color::LightCyan => base(96),
        Color::White => base(97),
        Color::Indexed(i) => format!("{};5;{i}", if background { 48 } else { 38 }),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", if background { 48 } else { 38 }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Span;

    #[test]
    fn link_marks_to_web_addresses_are_hyperlinks_and_others_are_not() {
        let dim = Style::new().add_modifier(Modifier::DIM);
        let lines = [Line::from(vec![
            Span::raw("See the slides"),
            Span::styled("[1]", dim),
            Span::raw(", a trap[2] and [9]."),
        ])];
        let links = [
            "https://example.org/slides?a=1".to_string(),
            "javascript:alert(1)".to_string(),
        ];
        let mut out = Vec::new();
        write_lines_linked(&mut out, &lines, true, &links).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains(
                "\x1b]8;;https://example.org/slides?a=1\x1b\\\x1b[2m[1]\x1b[0m\x1b]8;;\x1b\\"
            ),
            "{out:?}"
        );
        assert_eq!(out.matches("\x1b]8;;").count(), 2, "{out:?}");
        assert!(out.contains("a trap[2] and [9]."), "{out:?}");
        // Plain output has no hyperlinks.
        let mut plain = Vec::new();
        write_lines_linked(&mut plain, &lines, false, &links).unwrap();
        assert_eq!(
            String::from_utf8(plain).unwrap(),
            "See the slides[1], a trap[2] and [9].\n"
        );
    }

    #[test]
    fn only_clean_web_and_mail_addresses_become_hyperlinks() {
        use crate::sanitize::hyperlink_target;
        assert!(hyperlink_target("HTTPS://example.org/x").is_some());
        assert!(hyperlink_target("mailto:ann@example.org").is_some());
        for bad in [
            "javascript:alert(1)",
            "/course/2024/01/05/x.html",
            "https://example.org/a b",
            "https://example.org/\u{1b}]8;;x",
            "https://example.org/é",
        ] {
            assert!(hyperlink_target(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn plain_and_styled_output() {
        let lines = [Line::from(vec![
            Span::raw("a "),
            Span::styled(
                "b",
                Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            ),
        ])];
        let mut plain = Vec::new();
        write_lines(&mut plain, &lines, false).unwrap();
        assert_eq!(plain, b"a b\n");
        let mut ansi = Vec::new();
        write_lines(&mut ansi, &lines, true).unwrap();
        assert_eq!(String::from_utf8(ansi).unwrap(), "a \x1b[1;36mb\x1b[0m\n");
    }

    #[test]
    fn span_text_is_sanitised_even_if_the_caller_forgot() {
        let lines = [Line::from("\x1b]0;owned\x07")];
        for ansi in [false, true] {
            let mut out = Vec::new();
            write_lines(&mut out, &lines, ansi).unwrap();
            assert!(!out.contains(&0x1b), "{out:?}");
            assert!(!out.contains(&0x07));
        }
    }
}
