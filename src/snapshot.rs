//! Headless runs of the real app on ratatui's `TestBackend`: a key script in, the
//! final screen out as plain text, ANSI (SGR) or SVG. Tests, benchmarks and the
//! screenshots use it.

use std::fmt::Write as _;
use std::path::Path;
use std::str::FromStr;

use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

use crate::app::{self, App, ScriptedHost};
use crate::key::Key;
use crate::markdown::Theme;

/// The key script syntax, for `--help` and errors.
pub const KEYS_HELP: &str = "space-separated keys, each a single character (`j`, `/`, `G`, `-`) \
or a name: space enter esc tab shift-tab backspace delete insert up down left right home end \
pgup pgdn f1..f24, in any case; `ctrl-` and `alt-` go before a key (ctrl-d, ctrl-space, alt-b). \
These are the names the help overlay (?) shows. Example: \"j j enter / m e e t esc\"";

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
            let key =
                Key::from_str(token).map_err(|_| format!("unknown key `{token}` ({KEYS_HELP})"))?;
            Ok(Event::Key(key.to_event()))
        })
        .collect()
}

/// Runs the app on `root` at `width`×`height`, waits for the folder to load, feeds
/// `events`, and returns the final screen. Colours follow `NO_COLOR` like the app.
pub fn run(root: &Path, width: u16, height: u16, events: Vec<Event>) -> Buffer {
    let mut app = App::new(root, Theme::configured(crate::config::current()));
    app.start_loading();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    let mut host = ScriptedHost::new(events);
    // TestBackend cannot fail, and a scripted host never errors.
    let _ = app::run(&mut terminal, &mut host, &mut app);
    // A mark queued behind another process's lock is saved, or given up, here.
    let _ = app.flush_pending_reviews(std::time::Duration::from_secs(2));
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
    run_snapshot(root, (width, height), events, review_file, false)
}

/// Like [`run_with_reviews`]; with `write`, the actions that write files (save, publish,
/// unpublish, export…) do so, as in the app; without it they are refused with a status
/// line, so a snapshot never changes the folder it is given.
pub fn run_snapshot(
    root: &Path,
    (width, height): (u16, u16),
    events: Vec<Event>,
    review_file: Option<&Path>,
    write: bool,
) -> Buffer {
    let mut app = App::new(root, Theme::configured(crate::config::current()));
    app.writes_allowed = write;
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
    // A mark queued behind another process's lock is saved, or given up, here.
    let _ = app.flush_pending_reviews(std::time::Duration::from_secs(2));
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
            let style = cell_style(cell);
            if current != Some(style) {
                out.push_str("\x1b[0");
                let params = crate::markdown::sgr_params(style);
                if !params.is_empty() {
                    out.push(';');
                    out.push_str(&params);
                }
                out.push('m');
                current = Some(style);
            }
            out.push_str(cell.symbol());
        }
        out.push_str("\x1b[0m\n");
    }
    out
}

/// A cell's style, with the terminal's default colours left unset.
fn cell_style(cell: &ratatui::buffer::Cell) -> Style {
    let set = |color: Color| (color != Color::Reset).then_some(color);
    Style {
        fg: set(cell.fg),
        bg: set(cell.bg),
        add_modifier: cell.modifier,
        ..Style::default()
    }
}

/// Cell size in the SVG, in pixels; whole numbers keep the file small and exact.
const CELL_W: u32 = 9;
const CELL_H: u32 = 18;
/// Where the text sits in its cell, from the cell's top.
const BASELINE: u32 = 14;
const DEFAULT_FG: &str = "#d0d0d0";
const DEFAULT_BG: &str = "#1c1c1c";

/// A run of cells on one row that share a style and are drawn as one element.
struct Run {
    column: u32,
    cells: u32,
    text: String,
    fg: String,
    bg: String,
    modifier: Modifier,
}

/// An SVG of the screen: a monospace grid, colours, bold, italic and underline kept.
/// Cells of one style are drawn as one `<text>` stretched to their exact width
/// (`textLength`), so the grid holds whatever monospace font the viewer has.
pub fn to_svg(buffer: &Buffer) -> String {
    let area = buffer.area;
    let (w, h) = (
        u32::from(area.width) * CELL_W,
        u32::from(area.height) * CELL_H,
    );
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="15">"#
    );
    let _ = writeln!(
        out,
        r#"<rect width="100%" height="100%" fill="{DEFAULT_BG}"/>"#
    );
    for (row, cells) in rows(buffer).enumerate() {
        let top = row as u32 * CELL_H;
        for run in svg_runs(&cells) {
            let left = run.column * CELL_W;
            let width = run.cells * CELL_W;
            if run.bg != DEFAULT_BG {
                let _ = writeln!(
                    out,
                    r#"<rect x="{left}" y="{top}" width="{width}" height="{CELL_H}" fill="{}"/>"#,
                    run.bg
                );
            }
            if run.text.trim().is_empty() {
                continue;
            }
            let mut attrs = format!(r#"fill="{}""#, run.fg);
            for (flag, attr) in [
                (Modifier::BOLD, r#" font-weight="bold""#),
                (Modifier::ITALIC, r#" font-style="italic""#),
                (Modifier::UNDERLINED, r#" text-decoration="underline""#),
            ] {
                if run.modifier.contains(flag) {
                    attrs.push_str(attr);
                }
            }
            let _ = writeln!(
                out,
                r#"<text x="{left}" y="{}" textLength="{width}" lengthAdjust="spacingAndGlyphs" {attrs} xml:space="preserve">{}</text>"#,
                top + BASELINE,
                xml_escape(&run.text)
            );
        }
    }
    out.push_str("</svg>\n");
    out
}

/// Splits a row into runs of one style; a wide character gets a run of its own so
/// that stretching a run never moves the grid.
fn svg_runs(cells: &[&ratatui::buffer::Cell]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut column = 0;
    for cell in cells {
        let (mut fg, mut bg) = (hex(cell.fg, false), hex(cell.bg, true));
        if cell.modifier.contains(Modifier::REVERSED) {
            std::mem::swap(&mut fg, &mut bg);
        }
        let width = unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1) as u32;
        let joins = runs.last().is_some_and(|run: &Run| {
            width == 1
                && run.text.chars().count() as u32 == run.cells
                && run.fg == fg
                && run.bg == bg
                && run.modifier == cell.modifier
        });
        match runs.last_mut() {
            Some(run) if joins => {
                run.text.push_str(cell.symbol());
                run.cells += 1;
            }
            _ => runs.push(Run {
                column,
                cells: width,
                text: cell.symbol().to_string(),
                fg,
                bg,
                modifier: cell.modifier,
            }),
        }
        column += width;
    }
    runs
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
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}
