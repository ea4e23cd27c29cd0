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
    let mut sgr = String::new();
    for line in lines {
        for span in &line.spans {
            let text = sanitize_line(&span.content);
            let style = line.style.patch(span.style);
            sgr.clear();
            if ansi {
                push_sgr(&mut sgr, style);
            }
            if sgr.is_empty() {
                out.write_all(text.as_bytes())?;
            } else {
                write!(out, "\x1b[{sgr}m{text}\x1b[0m")?;
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
