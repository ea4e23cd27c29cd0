//! Markdown to styled terminal text at a given width.
//!
//! pulldown-cmark parses (tables, footnotes, strikethrough and task lists on; smart
//! punctuation off, so the reader sees what the author wrote); [`render`] turns its
//! events into ratatui lines, none wider than the width, with every piece of text from
//! the post sanitised on the way out of the parser — entities and split escape
//! sequences included. [`RenderCache`] keeps the result per post and width, so that
//! scrolling never re-renders.

mod ansi;
mod cache;
mod code;
mod html;
mod inline;
mod rendered;
mod renderer;
mod styled;
mod table;
mod theme;
mod wrap;

use pulldown_cmark::{Options, Parser};
use ratatui::style::Style;
use ratatui::text::Line;

pub use ansi::{sgr_params, write_lines};
pub use cache::RenderCache;
pub use rendered::Rendered;
pub use theme::{Theme, ThemeName};

/// The parser options the reader uses everywhere.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Renders Markdown at `width` columns (a width of 0 is taken as 1).
pub fn render(markdown: &str, width: u16, theme: &Theme) -> Rendered {
    let mut renderer = renderer::Renderer::new(usize::from(width.max(1)), theme, markdown.len());
    for event in Parser::new_ext(markdown, parser_options()) {
        renderer.event(event);
    }
    renderer.finish()
}

/// Wraps untrusted one-line fields (a title, a byline) at `width`, sanitised: for
/// headers that sit above a rendered body.
pub fn wrap_fields(parts: &[(&str, Style)], width: u16) -> Vec<Line<'static>> {
    let mut text = styled::StyledText::default();
    for (part, style) in parts {
        text.push(part, *style);
    }
    let width = usize::from(width.max(1));
    wrap::wrap(&text, width, width)
        .into_iter()
        .map(Line::from)
        .collect()
}
