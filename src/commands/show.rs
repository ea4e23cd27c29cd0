//! `meetup-reader show FILE`: one post, rendered — a header, the body, its links.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::cli::ShowArgs;
use crate::error::{Error, Result};
use crate::markdown::{Theme, render, wrap_fields, write_lines, write_lines_linked};
use crate::post::Post;
use crate::post::library::{ReadError, read_post_file};

/// Prints the post to `out`, styled when `out` is the terminal and `--plain` is not given.
pub fn run(args: &ShowArgs, out: &mut impl Write) -> Result<u8> {
    let to_terminal = std::io::stdout().is_terminal();
    let ansi = !args.plain && to_terminal;
    // Piped output gets a fixed width, so that files and tests come out the same anywhere.
    let width = args
        .width
        .unwrap_or_else(|| if to_terminal { terminal_width() } else { 80 });
    let mut theme = Theme::configured(crate::config::current());
    if !ansi {
        // Colours would not be written: code is not parsed for them.
        theme.syntax = None;
    }
    // One write for the whole post, not one per line (stdout flushes at each newline).
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, out);
    show(&args.file, width, ansi, &theme, &mut out)
}

/// The terminal's width, else 80.
fn terminal_width() -> u16 {
    match crossterm::terminal::size() {
        Ok((cols, _)) if cols > 0 => cols,
        _ => 80,
    }
}

/// Reads, renders and writes one post file.
pub fn show(
    path: &Path,
    width: u16,
    ansi: bool,
    theme: &Theme,
    out: &mut impl Write,
) -> Result<u8> {
    // Read as the loader reads: a size cap, and binary files refused.
    let options = crate::post::ReadOptions::from_settings(crate::config::current());
    let post = read_post_file(path, &author_relative(path), &options).map_err(|err| match err {
        ReadError::Io(source) => Error::Io {
            path: path.to_path_buf(),
            source,
        },
        ReadError::Binary => Error::Binary(path.to_path_buf()),
    })?;
    let site = path
        .parent()
        .map(|folder| crate::site::Site::find(folder, 2))
        .unwrap_or_default();
    // One post is read: another one `post_url` names is looked for under `_posts`.
    let page = crate::liquid::Page {
        front_matter: &post.front_matter,
        url_of: &|reference| crate::site::lookup::url_on_disk(&site, reference),
    };
    let body = crate::liquid::expand(&post.body, page, &site);
    let rendered = render(&body, width, theme);
    let head = header(&post, width, theme);
    let body_lines: Vec<Line> = rendered.lines().collect();
    let written = write_lines(out, &head, ansi)
        .and_then(|()| write_lines_linked(out, &body_lines, ansi, &rendered.links))
        .and_then(|()| out.flush());
    match written {
        Ok(()) => Ok(super::exit::OK),
        // A closed pipe (`show post.md | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(super::exit::OK),
        Err(source) => Err(Error::Output { source }),
    }
}

/// The file as the loader would name it: `author-folder/file.md`, so that a post without
/// `author:` is still credited to its folder.
fn author_relative(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| path.to_path_buf(), PathBuf::from);
    let folder = std::path::absolute(path)
        .ok()
        .and_then(|p| p.parent().and_then(Path::file_name).map(PathBuf::from));
    match folder {
        Some(folder) => folder.join(name),
        None => name,
    }
}

/// Title, then `author · date · categories · words · problems`, then a rule.
pub fn header(post: &Post, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let title = if post.title.trim().is_empty() {
        "(untitled)"
    } else {
        post.title.as_str()
    };
    let mut lines = wrap_fields(&[(title, theme.heading)], width);
    let author = if post.author.trim().is_empty() {
        "unknown author".to_string()
    } else {
        format!("by {}", post.author)
    };
    let date = post
        .date
        .map_or_else(|| "undated".to_string(), |d| d.to_string());
    let mut parts: Vec<(String, Style)> = vec![(author, theme.accent), (date, theme.dim)];
    if !post.categories.is_empty() {
        parts.push((post.categories.join(", "), theme.dim));
    }
    let words = if post.words == 1 { "word" } else { "words" };
    parts.push((format!("{} {words}", post.words), theme.dim));
    let problems = post.diagnostics.len();
    if problems > 0 {
        let noun = if problems == 1 { "problem" } else { "problems" };
        parts.push((format!("{problems} {noun}"), theme.warning));
    }
    let mut fields: Vec<(&str, Style)> = Vec::new();
    for (i, (text, style)) in parts.iter().enumerate() {
        if i > 0 {
            fields.push((" · ", theme.dim));
        }
        fields.push((text.as_str(), *style));
    }
    lines.extend(wrap_fields(&fields, width));
    lines.push(Line::from(Span::styled(
        "─".repeat(usize::from(width)),
        theme.dim,
    )));
    lines.push(Line::default());
    lines
}
