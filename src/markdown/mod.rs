//! Markdown to styled terminal text at a given width.
//!
//! pulldown-cmark parses (tables, footnotes, strikethrough and task lists on; smart
//! punctuation off, so the reader sees what the author wrote); [`render`] turns its
//! events into ratatui lines, none wider than the width, with every piece of text from
//! the post sanitised on the way out of the parser — entities and split escape
//! sequences included. [`RenderCache`] keeps the result per post and width, so that
//! scrolling never re-renders.
//!
//! The renderer walks the events and sends each finished block to be laid out (see
//! `layout`); a long post is laid out on a second thread while the rest is parsed. The
//! result, [`Rendered`], keeps all its text in one buffer, and ratatui lines borrowing
//! from it are made only for the rows on screen.

mod ansi;
mod cache;
mod code;
mod html;
mod inline;
mod layout;
mod rendered;
mod renderer;
mod scan;
mod styled;
mod table;
mod theme;
mod width;
mod wrap;

use pulldown_cmark::{Options, Parser};
use ratatui::style::Style;
use ratatui::text::Line;

pub use ansi::{sgr_params, write_lines, write_lines_linked};
use layout::{Layout, OpSink, Queue};

pub use cache::RenderCache;
pub use rendered::{Heading, Rendered, link_marks};
pub use theme::{Theme, ThemeName};

/// The parser options the reader uses everywhere.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// From this size on, a post is laid out on a second thread while it is parsed. Measured
/// on two cores: at 64 KB both ways take the same time, at 128 KB two threads take 15%
/// less, at 1 MB 30% less.
const PARALLEL_FROM: usize = 128 * 1024;

/// Renders Markdown at `width` columns (a width of 0 is taken as 1).
pub fn render(markdown: &str, width: u16, theme: &Theme) -> Rendered {
    let width = usize::from(width.max(1));
    if markdown.len() >= PARALLEL_FROM
        && let Some(rendered) = render_in_parallel(markdown, width, theme)
    {
        return rendered;
    }
    render_here(markdown, width, theme)
}

/// [`render`] without a second thread, whatever the length (for comparison, and for
/// callers that keep their other cores busy).
pub fn render_on_this_thread(markdown: &str, width: u16, theme: &Theme) -> Rendered {
    render_here(markdown, usize::from(width.max(1)), theme)
}

fn render_here(markdown: &str, width: usize, theme: &Theme) -> Rendered {
    let mut layout = Layout::new(markdown.len(), width);
    let links = render_events(markdown, width, theme, &mut layout);
    let mut rendered = layout.finish();
    rendered.links = links;
    rendered
}

/// Walks the parser's events, sending finished blocks to `output`; returns the links.
fn render_events(
    markdown: &str,
    width: usize,
    theme: &Theme,
    output: &mut dyn OpSink,
) -> Vec<String> {
    let mut renderer = renderer::Renderer::new(width, theme, markdown, output);
    for event in Parser::new_ext(markdown, parser_options()) {
        renderer.event(event);
    }
    renderer.finish()
}

/// Parses and walks the events on this thread while another lays the blocks out;
/// `None` when no thread could be started.
fn render_in_parallel(markdown: &str, width: usize, theme: &Theme) -> Option<Rendered> {
    use std::sync::mpsc::{channel, sync_channel};
    std::thread::scope(|scope| {
        // Room for a few hundred kilobytes in flight, so that the parse never waits
        // for the layout to catch up with a slow stretch (a long table, say).
        let (to_layout, batches) = sync_channel(16);
        let (spare_to_renderer, spare) = channel();
        let layout = Layout::new(markdown.len(), width);
        let layout = std::thread::Builder::new()
            .name("layout".into())
            .spawn_scoped(scope, move || {
                layout::layout_batches(layout, batches, spare_to_renderer)
            })
            .ok()?;
        let mut queue = Queue::new(to_layout, spare);
        let links = render_events(markdown, width, theme, &mut queue);
        // Closing the channel lets the layout thread finish.
        drop(queue);
        let mut rendered = match layout.join() {
            Ok(rendered) => rendered,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        rendered.links = links;
        Some(rendered)
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Long posts made of every construct, hostile bytes and wide text, glued at random.
    fn long_post(seed: u64) -> String {
        const PIECES: &[&str] = &[
            "\n\n",
            "\n",
            "# Title ",
            "## Sub ",
            "> quoted ",
            "- item ",
            "  - nested ",
            "1. first ",
            "- [x] done ",
            "```rust\nlet x = 1;\n```\n",
            "    indented code\n",
            "| a | b |\n|:--|--:|\n| 1 | 2 |\n",
            "---\n",
            "*em* ",
            "**strong** ",
            "`code` ",
            "[link](https://example.com/a) ",
            "![pic](p.png) ",
            "<https://auto.example> ",
            "[^1] ",
            "\n[^1]: note\n",
            "<br /> ",
            "<b>bold</b> ",
            "<iframe src=\"https://v.example\"></iframe>",
            "<!-- hidden -->",
            "&amp; &#27; ",
            "\x1b[31m red ",
            "\u{202e} bidi ",
            "日本語 ",
            "❤\u{fe0f} ",
            "e\u{301} ",
            "café naïve ",
            "supercalifragilisticexpialidocious ",
            "word ",
        ];
        let mut state = seed;
        let mut out = String::new();
        while out.len() < PARALLEL_FROM + PARALLEL_FROM / 2 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            out.push_str(PIECES[((state >> 33) as usize) % PIECES.len()]);
        }
        out
    }

    /// A source without control characters is trusted as clean, but what the parser
    /// makes of it is not: entities become escapes, in text and in link targets.
    #[test]
    fn entities_in_a_clean_source_are_still_sanitised() {
        let md = "a &#27;[31m b &#x9b;2J [l](https://e.example/&#27;x) `&#27;`\n\n\
                  | &#27;]0;t&#7; |\n|---|\n| c |\n";
        assert!(!crate::sanitize::may_need_sanitizing_lines(md));
        let theme = Theme::default();
        for rendered in [render_here(md, 40, &theme), render_here(md, 3, &theme)] {
            for n in 0..rendered.len() {
                let text = rendered.line_text(n);
                assert!(!text.chars().any(crate::sanitize::is_unsafe), "{text:?}");
            }
            for url in &rendered.links {
                assert!(!url.chars().any(crate::sanitize::is_unsafe), "{url:?}");
            }
            assert!(rendered.lines().any(|l| l.to_string().contains('␛')));
        }
    }

    #[test]
    fn long_posts_render_the_same_on_two_threads_as_on_one() {
        let themes = [
            Theme::new(ThemeName::Dark, true),
            Theme::new(ThemeName::Light, false),
        ];
        for seed in 0..4 {
            let post = long_post(seed);
            // Without the hostile bytes too, so that the parser's borrowed text is
            // trusted as clean.
            let clean: String = post.replace(['\x1b', '\u{202e}'], "");
            for (i, md) in [post, clean].iter().enumerate() {
                for width in [1usize, 7, 40, 80] {
                    let theme = &themes[i % 2];
                    let parallel = render_in_parallel(md, width, theme).expect("a thread");
                    let here = render_here(md, width, theme);
                    assert!(parallel == here, "seed {seed}, width {width}");
                    assert!(here.len() > 1000);
                    for n in 0..here.len() {
                        let line = here.line(n);
                        assert!(line.width() <= width, "{line:?}");
                        assert!(!here.line_text(n).chars().any(crate::sanitize::is_unsafe));
                    }
                }
            }
        }
    }
}
