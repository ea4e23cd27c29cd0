//! The reading pane: a header (title, author, date, path, categories, words,
//! reading time), the rendered body from the cache, and find-in-post. It owns
//! its scroll position and the find state; scrolling never re-renders.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Borders, Paragraph};

use super::pane_block;
use crate::app::{App, Hyperlink, Pane};
use crate::markdown::Rendered;
use crate::sanitize::sanitize_line;

/// Words a reader reads per minute, for the reading time.
const WORDS_PER_MINUTE: usize = 200;

/// One match of the find: a body line and a range of characters in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

/// Find-in-post: the query, where it matched, and which match is current.
#[derive(Debug, Clone, Default)]
pub struct Find {
    pub query: String,
    pub matches: Vec<Match>,
    pub current: usize,
    /// The body width the matches were found at.
    pub width: u16,
}

impl Find {
    /// Finds `query` (case-insensitive) in the rendered body lines.
    pub fn search(&mut self, query: String, rendered: &Rendered) {
        self.query = query;
        self.matches.clear();
        self.current = 0;
        let needle: Vec<char> = self.query.chars().map(fold).collect();
        if needle.is_empty() {
            return;
        }
        for n in 0..rendered.len() {
            let hay: Vec<char> = rendered.line_text(n).chars().map(fold).collect();
            let mut at = 0;
            while at + needle.len() <= hay.len() {
                if hay[at..at + needle.len()] == needle[..] {
                    self.matches.push(Match {
                        line: n,
                        start: at,
                        end: at + needle.len(),
                    });
                    at += needle.len();
                } else {
                    at += 1;
                }
            }
        }
    }

    /// Moves to the next (or previous) match, wrapping. False when there are none.
    pub fn step(&mut self, delta: isize) -> bool {
        let n = self.matches.len();
        if n == 0 {
            return false;
        }
        self.current = (self.current as isize + delta).rem_euclid(n as isize) as usize;
        true
    }

    /// "3/7", or "0/0" when nothing matched.
    pub fn counter(&self) -> String {
        if self.matches.is_empty() {
            "0/0".into()
        } else {
            format!("{}/{}", self.current + 1, self.matches.len())
        }
    }
}

/// One character compared case-insensitively (a single char, so positions line up).
fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// The reader's view state.
#[derive(Debug, Clone, Default)]
pub struct ReaderView {
    /// The post shown (index into the store).
    pub post: Option<usize>,
    /// The first line on screen (header lines count).
    pub scroll: usize,
    /// Lines that fit, from the last frame.
    pub height: usize,
    /// The pane's inner width, from the last frame.
    pub width: u16,
    /// The width the body was last fitted at: a new one keeps the same text on top.
    pub fitted_width: u16,
    /// Header plus body lines, from the last frame.
    pub total: usize,
    pub header_len: usize,
    pub find: Find,
    /// The post's body with its Liquid read, when that differs from the body.
    pub published: Option<String>,
    /// `i`: the whole header even when it takes more than a third of the pane.
    pub full_header: bool,
    /// `z`: the reader takes the whole width (the list is hidden while it reads).
    pub zoomed: bool,
    /// Places left by following links (backspace goes back to them).
    pub history: History,
}

/// Where links were followed from, and where going back came from.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub back: Vec<crate::app::links::Visit>,
    pub forward: Vec<crate::app::links::Visit>,
}

impl History {
    /// The list a step goes from and the one it adds to: back then forward for a step
    /// back, the other way round for a step forward.
    pub fn lists(
        &mut self,
        back: bool,
    ) -> (
        &mut Vec<crate::app::links::Visit>,
        &mut Vec<crate::app::links::Visit>,
    ) {
        if back {
            (&mut self.back, &mut self.forward)
        } else {
            (&mut self.forward, &mut self.back)
        }
    }
}

impl ReaderView {
    /// Shows `post` from its top, with no find.
    pub fn reset(&mut self, post: Option<usize>) {
        self.post = post;
        self.scroll = 0;
        self.find = Find::default();
        self.published = None;
    }

    pub fn body_width(&self) -> u16 {
        self.width.max(10)
    }

    pub fn scroll_by(&mut self, delta: isize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(self.max_scroll());
    }

    pub(crate) fn max_scroll(&self) -> usize {
        self.total.saturating_sub(self.height.max(1))
    }

    /// Scrolls so the current match is on screen, a few lines below the top.
    pub fn scroll_to_match(&mut self) {
        if let Some(m) = self.find.matches.get(self.find.current) {
            let line = self.header_len + m.line;
            if line < self.scroll || line >= self.scroll + self.height.max(1) {
                self.scroll = line.saturating_sub(3);
            }
        }
    }
}

/// The header lines for the post at `index`: all of them when they take at most a
/// third of the pane (or `i` asked for them), else the short header.
pub fn header(index: usize, app: &App) -> Vec<Line<'static>> {
    let width = app.reader.body_width();
    // Every row of the whole header wraps: a rubric question is never cut.
    let full: Vec<Line<'static>> = full_header(index, app)
        .into_iter()
        .flat_map(|line| wrap_header_line(line, width))
        .collect();
    let room = app.reader.height / 3;
    if app.reader.full_header || full.len() <= room.max(3) {
        return full;
    }
    // The short one keeps a row per line, cut with "…", to leave the body its rows.
    short_header(index, app)
        .into_iter()
        .map(|line| cut_header_line(line, usize::from(width)))
        .collect()
}

/// A header line as rows of at most `width` columns, its styles kept. A line whose
/// first span is a label ending in a space (a rubric row's mark and words, `review: `)
/// continues under the text after it.
fn wrap_header_line(line: Line<'static>, width: u16) -> Vec<Line<'static>> {
    if line.width() <= usize::from(width) {
        return vec![line];
    }
    let style = line.style;
    let mut spans = line.spans;
    let label_width = spans.first().map_or(0, Span::width);
    let hanging =
        spans.len() > 1 && spans[0].content.ends_with(' ') && label_width < usize::from(width) / 2;
    let label = if hanging { Some(spans.remove(0)) } else { None };
    let indent = if hanging { label_width } else { 0 };
    let parts: Vec<(String, Style)> = spans
        .iter()
        .map(|span| (span.content.to_string(), style.patch(span.style)))
        .collect();
    let parts: Vec<(&str, Style)> = parts.iter().map(|(t, s)| (t.as_str(), *s)).collect();
    let text_width = width
        .saturating_sub(u16::try_from(indent).unwrap_or(0))
        .max(1);
    let mut rows = crate::markdown::wrap_fields(&parts, text_width);
    for (i, row) in rows.iter_mut().enumerate() {
        let lead = match (&label, i) {
            (Some(label), 0) => Span::styled(label.content.clone(), style.patch(label.style)),
            _ => Span::raw(" ".repeat(indent)),
        };
        row.spans.insert(0, lead);
    }
    rows
}

/// A header line cut to `width` columns, ending in "…" when it was longer.
fn cut_header_line(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let mut spans = Vec::new();
    let mut used = 0;
    let budget = width.saturating_sub(1);
    let mut last_style = line.style;
    'spans: for span in &line.spans {
        let style = line.style.patch(span.style);
        let mut kept = String::new();
        for c in span.content.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w > budget {
                spans.push(Span::styled(kept, style));
                last_style = style;
                break 'spans;
            }
            used += w;
            kept.push(c);
        }
        spans.push(Span::styled(kept, style));
        last_style = style;
    }
    spans.push(Span::styled("…", last_style));
    Line::from(spans)
}

/// The header in four rows at most: the title, the byline with the problem count, the
/// rubric and the review on one line (`i` shows the whole header), the rule.
fn short_header(index: usize, app: &App) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let post = &app.store.posts[index];
    let mut byline = vec![Span::styled(byline(post), theme.accent)];
    if post.has_problems() {
        byline.push(Span::styled(
            format!(" · ⚠ {} (p)", post.diagnostics.len()),
            theme.warning,
        ));
    }
    let mut lines = vec![
        Line::styled(sanitize_line(&post.title).into_owned(), theme.heading),
        Line::from(byline),
    ];
    if let Some(mut folded) = super::review::folded_line(index, app) {
        folded.spans.push(Span::styled(" · i more", theme.dim));
        lines.push(folded);
    }
    // Why reviews are off or read-only is never folded away.
    lines.extend(super::review::problem_lines(app));
    // The rule only where it leaves the body room (a 12-row terminal has 8 for both).
    if app.reader.height >= 10 {
        lines.push(Line::styled(
            "─".repeat(usize::from(app.reader.width)),
            theme.dim,
        ));
    }
    lines
}

/// "by ann · 2024-03-05 · 450 words · 3 min read · unpublished".
fn byline(post: &crate::post::Post) -> String {
    let mut byline = Vec::new();
    if !post.author.is_empty() {
        byline.push(format!("by {}", sanitize_line(&post.author)));
    }
    byline.push(
        post.date
            .map_or_else(|| "undated".into(), |d| d.to_string()),
    );
    let noun = if post.words == 1 { "word" } else { "words" };
    byline.push(format!("{} {noun}", post.words));
    // An empty post takes no time to read.
    if post.words > 0 {
        let minutes = post.words.div_ceil(WORDS_PER_MINUTE).max(1);
        byline.push(format!("{minutes} min read"));
    }
    if !post.published {
        byline.push("unpublished".into());
    }
    byline.join(" · ")
}

/// Every header line: title, byline, file and URL, labels, problems, rubric, review.
fn full_header(index: usize, app: &App) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let post = &app.store.posts[index];
    let title = sanitize_line(&post.title).into_owned();
    let mut lines = vec![
        Line::styled(title, theme.heading),
        Line::styled(byline(post), theme.accent),
        // Where the site publishes it, beside the file, when the site has settings.
        Line::styled(
            match &post.url {
                Some(url) => format!(
                    "{} → {}",
                    sanitize_line(&post.path.to_string_lossy()),
                    sanitize_line(url)
                ),
                None => sanitize_line(&post.path.to_string_lossy()).into_owned(),
            },
            theme.dim,
        ),
    ];
    let list = |items: &[arcstr::ArcStr]| {
        items
            .iter()
            .map(|c| sanitize_line(c).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut labels = Vec::new();
    if !post.categories.is_empty() {
        labels.push(format!("categories: {}", list(&post.categories)));
    }
    if !post.tags.is_empty() {
        labels.push(format!("tags: {}", list(&post.tags)));
    }
    if !labels.is_empty() {
        lines.push(Line::styled(labels.join(" · "), theme.dim));
    }
    if post.has_problems() {
        lines.push(Line::styled(
            format!(
                "⚠ {} problem(s) — press p to see them",
                post.diagnostics.len()
            ),
            theme.warning,
        ));
    }
    lines.extend(super::review::header_lines(index, app));
    lines.push(Line::styled(
        "─".repeat(usize::from(app.reader.width)),
        theme.dim,
    ));
    lines
}

/// Draws the reader in `area` (the app was fitted to it: see [`App::fit_to`]);
/// returns the link marks drawn that a terminal can make clickable, when the app
/// keeps them.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) -> Vec<Hyperlink> {
    let focused = app.focus == Pane::Reader;
    let block = pane_block(&app.theme, " Reader ".to_string(), focused).borders(Borders::ALL);
    let inner = block.inner(area);
    let rendered = app.reader.post.zip(app.rendered_shown());
    let Some((index, rendered)) = rendered else {
        frame.render_widget(block, area);
        let text = if app.loading.is_some() {
            "loading…"
        } else {
            "no post selected"
        };
        frame.render_widget(Paragraph::new(Line::styled(text, app.theme.dim)), inner);
        return Vec::new();
    };
    let head = header(index, app);
    let reader = &app.reader;
    let percent = if reader.max_scroll() == 0 {
        100
    } else {
        reader.scroll * 100 / reader.max_scroll()
    };
    let position = format!(
        " {}–{}/{} {}% ",
        reader.scroll + 1,
        (reader.scroll + reader.height).min(reader.total),
        reader.total,
        percent
    );
    let block = block.title_bottom(Line::from(position).alignment(Alignment::Right));
    frame.render_widget(block, area);

    // While a link is being chosen (`f`), every link mark on screen is lit.
    let following = match app.layers.top() {
        Some(crate::app::Layer::Follow { chosen, .. }) => Some(chosen.as_ref().map(|(n, _)| *n)),
        _ => None,
    };
    let mut lines = Vec::with_capacity(reader.height);
    for n in reader.scroll..(reader.scroll + reader.height).min(reader.total) {
        if n < head.len() {
            lines.push(head[n].clone());
            continue;
        }
        let body_line = n - head.len();
        let line = rendered.line(body_line);
        let hits: Vec<(Match, bool)> = match following {
            Some(chosen) => {
                crate::markdown::link_marks(rendered.line_text(body_line), rendered.links.len())
                    .into_iter()
                    .map(|(start, end, number)| {
                        let m = Match {
                            line: body_line,
                            start,
                            end,
                        };
                        (m, chosen == Some(number))
                    })
                    .collect()
            }
            None => reader
                .find
                .matches
                .iter()
                .enumerate()
                .filter(|(_, m)| m.line == body_line)
                .map(|(i, m)| (*m, i == reader.find.current))
                .collect(),
        };
        if hits.is_empty() {
            lines.push(line);
        } else {
            lines.push(highlight(&line, &hits, app.theme.highlight));
        }
    }
    let first_body_row = head.len().saturating_sub(reader.scroll);
    frame.render_widget(Paragraph::new(lines), inner);
    // Links are made clickable only when the app keeps them, and never under a popup.
    let covered = (0..app.layers.len()).any(|i| {
        !matches!(
            app.layers.get(i),
            Some(crate::app::Layer::Line { .. } | crate::app::Layer::Follow { .. })
        )
    });
    if app.hyperlinks.is_none() || covered {
        return Vec::new();
    }
    let first_body_row = u16::try_from(first_body_row).unwrap_or(u16::MAX);
    let body = Rect {
        y: inner.y + first_body_row.min(inner.height),
        height: inner.height.saturating_sub(first_body_row),
        ..inner
    };
    hyperlinks(frame, body, &rendered.links)
}

/// The link marks drawn in `area` (body rows) whose links a terminal can open, read
/// back from the frame as drawn.
fn hyperlinks(frame: &mut Frame, area: Rect, links: &[String]) -> Vec<Hyperlink> {
    if links.is_empty() {
        return Vec::new();
    }
    let buffer = frame.buffer_mut();
    let mut found = Vec::new();
    for y in area.top()..area.bottom() {
        // The row as drawn, and the column each character starts at.
        let mut text = String::new();
        let mut columns = Vec::new();
        for x in area.left()..area.right() {
            let symbol = buffer[(x, y)].symbol();
            for c in symbol.chars() {
                text.push(c);
                columns.push(x);
            }
        }
        for (start, end, number) in crate::markdown::link_marks(&text, links.len()) {
            let Some(url) = crate::sanitize::hyperlink_target(&links[number - 1]) else {
                continue;
            };
            let x = columns[start];
            found.push(Hyperlink {
                x,
                y,
                text: text.chars().skip(start).take(end - start).collect(),
                style: buffer[(x, y)].style(),
                url: url.to_string(),
            });
        }
    }
    found
}

/// Restyles the matched characters of a line; the current match is also underlined.
fn highlight(line: &Line<'_>, hits: &[(Match, bool)], style: Style) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut pos = 0;
    for span in &line.spans {
        for c in span.content.chars() {
            let hit = hits.iter().find(|(m, _)| pos >= m.start && pos < m.end);
            let char_style = match hit {
                Some((_, true)) => span
                    .style
                    .patch(style)
                    .add_modifier(Modifier::UNDERLINED | Modifier::REVERSED),
                Some((_, false)) => span.style.patch(style),
                None => span.style,
            };
            match spans.last_mut() {
                Some(last) if last.style == char_style => last.content.to_mut().push(c),
                _ => spans.push(Span::styled(c.to_string(), char_style)),
            }
            pos += 1;
        }
    }
    Line::from(spans).style(line.style)
}
