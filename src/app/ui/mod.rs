//! The view: lays out the panes and popups and draws them. Each pane or popup
//! has its own file; this one only decides where they go.

pub mod bars;
pub mod changes;
pub mod editor;
pub mod field;
pub mod geometry;
pub mod help;
pub mod list;
pub mod outline;
pub mod problems;
pub mod reader;
pub mod review;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

pub use self::geometry::Geometry;
use self::geometry::Panes;
use super::{App, Hyperlink, Layer};
use crate::markdown::Theme;

/// Below this the app shows only "make the window larger".
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 6;
/// From this width both panes are shown side by side.
pub const TWO_PANE_WIDTH: u16 = 80;

/// What a frame found out that the app keeps: the loop hands it to
/// [`App::after_frame`].
#[derive(Debug, Default)]
pub struct Drawn {
    /// The scroll each scrolling overlay (help, problems, changes) was shown at, by
    /// layer index: at most its last screenful.
    pub overlay_scrolls: Vec<(usize, usize)>,
    /// The rows of a page of the scrolling overlay on top.
    pub overlay_page: usize,
    /// The link marks drawn that a terminal can make clickable (only looked for when
    /// the app keeps them).
    pub hyperlinks: Vec<Hyperlink>,
}

/// Draws one frame at the places of `geometry` (see [`App::fit_to`]): the screen
/// (the panes, a review session or the editor), then the layers over it, bottom to
/// top. Drawing only reads the app.
pub fn draw(frame: &mut Frame, app: &App, geometry: &Geometry) -> Drawn {
    let mut drawn = Drawn::default();
    match geometry {
        Geometry::TooSmall(area) => {
            let text = Paragraph::new("make the window larger")
                .wrap(Wrap { trim: true })
                .style(app.theme.warning);
            frame.render_widget(text, *area);
            return drawn;
        }
        Geometry::Editor(places) => editor::draw(frame, places, app),
        Geometry::Panes(panes) => draw_panes(frame, panes, app, &mut drawn),
    }
    if let Some(area) = geometry.popups() {
        draw_layers(frame, area, app, &mut drawn);
    }
    drawn
}

/// The list and the reader (or a review session) with the title and status bars.
fn draw_panes(frame: &mut Frame, panes: &Panes, app: &App, drawn: &mut Drawn) {
    bars::draw_title(frame, panes.title, app);
    if let Some(banner) = panes.banner {
        review::draw_banner(frame, banner, app);
    }
    if let Some(list) = panes.list {
        list::draw(frame, list, app);
    }
    if let Some(reader) = panes.reader {
        drawn.hyperlinks = reader::draw(frame, reader, app);
    }
    bars::draw_status(frame, panes.status, app);
}

/// Every layer over `area`, bottom to top. (The input lines are drawn by the bar
/// they live in.)
fn draw_layers(frame: &mut Frame, area: Rect, app: &App, drawn: &mut Drawn) {
    for index in 0..app.layers.len() {
        let Some(layer) = app.layers.get(index) else {
            continue;
        };
        let mode = layer.mode();
        // The overlays clamp their scroll to their last screenful; keeping the clamped
        // value means a key back up moves at once, however far past the end one scrolled.
        let shown = match layer {
            Layer::Help { scroll } => Some(help::draw(frame, area, app, *scroll)),
            Layer::Problems { scroll } => Some(problems::draw(frame, area, app, *scroll)),
            Layer::Changes {
                post,
                lines,
                scroll,
            } => Some(changes::draw(frame, area, app, post, lines, *scroll)),
            Layer::Drafts(picker) => {
                editor::draw_picker(frame, area, app, picker);
                None
            }
            Layer::Prompt(prompt) => {
                editor::draw_prompt(frame, area, app, prompt);
                None
            }
            Layer::Review(popup) => {
                review::draw_popup(frame, area, app, popup, mode);
                None
            }
            Layer::Confirm { question, .. } => {
                review::draw_confirm(frame, area, app, question);
                None
            }
            Layer::Outline { selected } => {
                let headings = app.rendered_shown().map_or(&[][..], |r| &r.headings[..]);
                outline::draw(frame, area, app, headings, *selected);
                None
            }
            // The link marks are lit by the reader, the choice shown in the status bar.
            Layer::Line { .. } | Layer::EditorFind(_) | Layer::Follow { .. } => None,
        };
        if let Some((scroll, page)) = shown {
            drawn.overlay_scrolls.push((index, scroll));
            drawn.overlay_page = page;
        }
    }
}

/// A pane's frame, its border brighter when it has the focus.
pub fn pane_block(theme: &Theme, title: String, focused: bool) -> Block<'static> {
    let border = if focused { theme.accent } else { theme.dim };
    Block::new().title(title).border_style(border)
}

/// `text` cut to `width` columns (with "…" when cut), the characters at `marks`
/// (character positions) styled `mark`. Returns the spans and the columns used.
/// Measured a grapheme at a time, as the terminal library draws it: an emoji joined
/// from several (a family, a flag) takes the columns of one, not of each.
pub fn fit(
    text: &str,
    width: usize,
    marks: &[u32],
    base: Style,
    mark: Style,
) -> (Vec<Span<'static>>, usize) {
    let total: usize = text.graphemes(true).map(UnicodeWidthStr::width).sum();
    let budget = if total > width {
        width.saturating_sub(1)
    } else {
        width
    };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    // The position of the grapheme's first character, as `marks` count them.
    let mut at = 0u32;
    for grapheme in text.graphemes(true) {
        let w = grapheme.width();
        if used + w > budget {
            break;
        }
        used += w;
        let chars = grapheme.chars().count() as u32;
        let marked = (at..at + chars).any(|i| marks.binary_search(&i).is_ok());
        at += chars;
        let style = if marked { mark } else { base };
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(grapheme),
            _ => spans.push(Span::styled(grapheme.to_string(), style)),
        }
    }
    if total > width && width > 0 {
        spans.push(Span::styled("…", base));
        used += 1;
    }
    (spans, used)
}

/// A rectangle centred in `area`, at most `width` × `height`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// A line of `key  description` for help and problem lists.
pub fn key_line(key: &str, description: &str, key_width: usize, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{key:>key_width$}  "), theme.accent),
        Span::raw(description.to_string()),
    ])
}

#[cfg(test)]
mod fit_tests {
    use super::*;

    fn text(spans: &[Span<'_>]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    /// A joined emoji takes the columns ratatui draws it in (two), so a title with one
    /// is cut where it reaches the edge, not columns before.
    #[test]
    fn joined_emoji_are_measured_as_drawn() {
        let family = "Emoji 👨\u{200d}👩\u{200d}👧\u{200d}👦 and ok";
        let (spans, used) = fit(family, 15, &[], Style::new(), Style::new());
        assert_eq!((text(&spans).as_str(), used), (family, 15));
        let (spans, used) = fit(family, 10, &[], Style::new(), Style::new());
        assert_eq!(
            (text(&spans).as_str(), used),
            ("Emoji 👨\u{200d}👩\u{200d}👧\u{200d}👦 …", 10)
        );
        let flag = "Go 🇺🇸 team";
        assert_eq!(fit(flag, 12, &[], Style::new(), Style::new()).1, 10);
    }

    /// Marked characters are found by character position, through joined graphemes.
    #[test]
    fn marks_follow_character_positions() {
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let (spans, _) = fit("e\u{301}ab", 10, &[2], Style::new(), bold);
        let marked: Vec<&str> = spans
            .iter()
            .filter(|s| s.style == bold)
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(marked, ["a"]);
    }
}
