//! Headless runs of the real app on ratatui's `TestBackend`: a key script in, the
//! final screen out as plain text, ANSI (SGR) or SVG. Tests, benchmarks and the
//! screenshots use it.

use std::fmt::Write as _;
use std::path::Path;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use crate::app::{self, App, ScriptedHost};
use crate::markdown::{Theme, ThemeName};

/// The key script syntax, for `--help` and errors.
pub const KEYS_HELP: &str = "space-separated tokens: a single character (`j`, `/`, `G`), \
or one of enter esc tab up down left right home end pgup pgdn space backspace, \
or ctrl-X (e.g. ctrl-d). Example: \"j j enter / m e e t esc\"";

/// How the final screen is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Ansi,
    Svg,
}

/// Parses a key script into key events; an unknown token is an error naming it.
pub fn parse_keys(script: &str) -> Result<Vec<Event>, String> {
    script
        .split_whitespace()
        .map(|token| {
            let (code, modifiers) =
                parse_token(token).ok_or_else(|| format!("unknown key `{token}` ({KEYS_HELP})"))?;
            Ok(Event::Key(KeyEvent::new(code, modifiers)))
        })
        .collect()
}

fn parse_token(token: &str) -> Option<(KeyCode, KeyModifiers)> {
    let mut chars = token.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some((KeyCode::Char(c), KeyModifiers::NONE));
    }
    if let Some(rest) = token.strip_prefix("ctrl-") {
        let mut chars = rest.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return Some((KeyCode::Char(c), KeyModifiers::CONTROL));
        }
        return None;
    }
    let code = match token {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgup" => KeyCode::PageUp,
        "pgdn" => KeyCode::PageDown,
        "space" => KeyCode::Char(' '),
        "backspace" => KeyCode::Backspace,
        _ => return None,
    };
    Some((code, KeyModifiers::NONE))
}

/// Runs the app on `root` at `width`×`height`, waits for the folder to load, feeds
/// `events`, and returns the final screen. Colours follow `NO_COLOR` like the app.
pub fn run(root: &Path, width: u16, height: u16, events: Vec<Event>) -> Buffer {
    let mut app = App::new(root, Theme::from_env(ThemeName::Dark));
    app.start_loading();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    let mut host = ScriptedHost::new(events);
    // TestBackend cannot fail, and a scripted host never errors.
    let _ = app::run(&mut terminal, &mut host, &mut app);
    terminal.backend().buffer().clone()
}

/// Like [`run`], with the site's review data: `review_file` read and written, or
/// without one the site's default review file, read-only (a script never changes
/// the user's reviews unless it names the file).
pub fn run_with_reviews(
    root: &Path,
    width: u16,
    height: u16,
    events: Vec<Event>,
    review_file: Option<&Path>,
) -> Buffer {
    let mut app = App::new(root, Theme::from_env(ThemeName::Dark));
    let access = match review_file {
        Some(_) => app::review::Access::ReadWrite,
        None => app::review::Access::ReadOnly,
    };
    app.open_reviews(review_file, access);
    app.start_loading();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    let mut host = ScriptedHost::new(events);
    // TestBackend cannot fail, and a scripted host never errors.
    let _ = app::run(&mut terminal, &mut host, &mut app);
    terminal.backend().buffer().clone()
}

/// Prints `buffer` in `format`.
pub fn render(buffer: &Buffer, format: Format) -> String {
    match format {
        Format::Text => to_text(buffer),
        Format::Ansi => to_ansi(buffer),
        Format::Svg => to_svg(buffer),
    }
}

/// The cells of each row, skipping the placeholders after wide characters.
fn rows(buffer: &Buffer) -> impl Iterator<Item = Vec<&ratatui::buffer::Cell>> {
    let area = buffer.area;
    (area.top()..area.bottom()).map(move |y| {
        let mut cells = Vec::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            let cell = &buffer[(x, y)];
            if skip > 0 {
                skip -= 1;
                continue;
            }
            skip = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
            cells.push(cell);
        }
        cells
    })
}

/// Plain text, trailing spaces trimmed.
pub fn to_text(buffer: &Buffer) -> String {
    let mut out = String::new();
    for row in rows(buffer) {
        let line: String = row.iter().map(|c| c.symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Text with SGR escape codes for colours and styles (post text was sanitized
/// before it was drawn, so the only escapes are ours).
pub fn to_ansi(buffer: &Buffer) -> String {
    let mut out = String::new();
    for row in rows(buffer) {
        let mut current = None;
        for cell in row {
            let style = (cell.fg, cell.bg, cell.modifier);
            if current != Some(style) {
                out.push_str(&sgr(cell.fg, cell.bg, cell.modifier));
                current = Some(style);
            }
            out.push_str(cell.symbol());
        }
        out.push_str("\x1b[0m\n");
    }
    out
}

fn sgr(fg: Color, bg: Color, modifier: Modifier) -> String {
    let mut codes = vec!["0".to_string()];
    for (flag, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if modifier.contains(flag) {
            codes.push(code.to_string());
        }
    }
    if let Some(code) = color_code(fg, false) {
        codes.push(code);
    }
    if let Some(code) = color_code(bg, true) {
        codes.push(code);
    }
    format!("\x1b[{}m", codes.join(";"))
}

fn color_code(color: Color, background: bool) -> Option<String> {
    let base = if background { 40 } else { 30 };
    let named = |n: u8| Some((base + n).to_string());
    let bright = |n: u8| Some((base + 60 + n).to_string());
    match color {
        Color::Reset => None,
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => bright(0),
        Color::LightRed => bright(1),
        Color::LightGreen => bright(2),
        Color::LightYellow => bright(3),
        Color::LightBlue => bright(4),
        Color::LightMagenta => bright(5),
        Color::LightCyan => bright(6),
        Color::White => bright(7),
        Color::Indexed(i) => Some(format!("{};5;{i}", base + 8)),
        Color::Rgb(r, g, b) => Some(format!("{};2;{r};{g};{b}", base + 8)),
    }
}

/// Cell size in the SVG, in pixels.
const CELL_W: f32 = 8.4;
const CELL_H: f32 = 17.0;
const DEFAULT_FG: &str = "#d0d0d0";
const DEFAULT_BG: &str = "#1c1c1c";

/// An SVG of the screen: a monospace grid, colours, bold, italic and underline kept.
pub fn to_svg(buffer: &Buffer) -> String {
    let area = buffer.area;
    let (w, h) = (
        f32::from(area.width) * CELL_W,
        f32::from(area.height) * CELL_H,
    );
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="14">"#
    );
    let _ = writeln!(
        out,
        r#"<rect width="100%" height="100%" fill="{DEFAULT_BG}"/>"#
    );
    for y in area.top()..area.bottom() {
        let top = f32::from(y - area.top()) * CELL_H;
        let mut x = area.left();
        while x < area.right() {
            let cell = &buffer[(x, y)];
            let (mut fg, mut bg) = (hex(cell.fg, false), hex(cell.bg, true));
            if cell.modifier.contains(Modifier::REVERSED) {
                std::mem::swap(&mut fg, &mut bg);
            }
            let left = f32::from(x - area.left()) * CELL_W;
            let width = unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1) as u16;
            if bg != DEFAULT_BG {
                let _ = writeln!(
                    out,
                    r#"<rect x="{left}" y="{top}" width="{}" height="{CELL_H}" fill="{bg}"/>"#,
                    f32::from(width) * CELL_W
                );
            }
            let symbol = cell.symbol();
            if !symbol.trim().is_empty() {
                let mut attrs = format!(r#"fill="{fg}""#);
                if cell.modifier.contains(Modifier::BOLD) {
                    attrs.push_str(r#" font-weight="bold""#);
                }
                if cell.modifier.contains(Modifier::ITALIC) {
                    attrs.push_str(r#" font-style="italic""#);
                }
                if cell.modifier.contains(Modifier::UNDERLINED) {
                    attrs.push_str(r#" text-decoration="underline""#);
                }
                let _ = writeln!(
                    out,
                    r#"<text x="{left}" y="{}" {attrs} xml:space="preserve">{}</text>"#,
                    top + CELL_H * 0.78,
                    xml_escape(symbol)
                );
            }
            x += width;
        }
    }
    out.push_str("</svg>\n");
    out
}

fn hex(color: Color, background: bool) -> String {
    let rgb = match color {
        Color::Reset => return (if background { DEFAULT_BG } else { DEFAULT_FG }).to_string(),
        Color::Black => (0, 0, 0),
        Color::Red => (205, 49, 49),
        Color::Green => (13, 188, 121),
        Color::Yellow => (229, 229, 16),
        Color::Blue => (36, 114, 200),
        Color::Magenta => (188, 63, 188),
        Color::Cyan => (17, 168, 205),
        Color::Gray => (204, 204, 204),
        Color::DarkGray => (118, 118, 118),
        Color::LightRed => (241, 76, 76),
        Color::LightGreen => (35, 209, 139),
        Color::LightYellow => (245, 245, 67),
        Color::LightBlue => (59, 142, 234),
        Color::LightMagenta => (214, 112, 214),
        Color::LightCyan => (41, 184, 219),
        Color::White => (242, 242, 242),
        Color::Indexed(i) => (i, i, i),
        Color::Rgb(r, g, b) => (r, g, b),
    };
    format!("#{:02x}{:02x}{:02x}", rgb.0, rgb.1, rgb.2)
}

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Not allowed in XML 1.0 at all.
            c if (c as u32) < 0x20 => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}
