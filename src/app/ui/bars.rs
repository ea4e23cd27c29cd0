//! The title bar (folder, counts, sort, filter, loading) and the status line
//! (the input being typed, a message, or the keys that matter now).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, Input, Layer, Status};
use crate::markdown::Theme;
use crate::sanitize::sanitize_line;

pub fn draw_title(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let folder = sanitize_line(&app.root.to_string_lossy()).into_owned();
    let mut parts = vec![
        Span::styled(" meetup-reader ", theme.heading),
        Span::raw(format!(
            " {folder} · {}",
            crate::plural::count_of(app.store.posts.len(), "post")
        )),
    ];
    if app.store.with_problems > 0 {
        parts.push(Span::styled(
            format!(" · ⚠ {} with problems", app.store.with_problems),
            theme.warning,
        ));
    }
    if app.unreadable > 0 {
        parts.push(Span::styled(
            format!(" · {} unreadable", app.unreadable),
            theme.warning,
        ));
    }
    if app.binary_skipped > 0 {
        parts.push(Span::styled(
            format!(" · {} binary skipped", app.binary_skipped),
            theme.dim,
        ));
    }
    if !app.review.tagged.is_empty() {
        parts.push(Span::styled(
            format!(" · {} tagged", app.review.tagged.len()),
            theme.accent,
        ));
    }
    parts.push(Span::styled(
        format!(" · sort: {}", app.store.sort.label()),
        theme.dim,
    ));
    if !app.store.filter.is_empty() {
        parts.push(Span::styled(
            format!(
                " · filter: {} ({} of {})",
                sanitize_line(&app.store.filter.text),
                app.store.visible.len(),
                app.store.posts.len()
            ),
            theme.accent,
        ));
    }
    if let Some((doing, done, total)) = app.store.search_progress() {
        parts.push(Span::styled(
            format!(" · {doing} {}%", done * 100 / total.max(1)),
            theme.accent,
        ));
    }
    if let Some(progress) = app.loading {
        let text = match progress.discovered {
            Some(total) => format!(" · loading {}/{}", progress.received, total),
            None => " · loading…".to_string(),
        };
        parts.push(Span::styled(text, theme.accent));
    }
    frame.render_widget(Paragraph::new(Line::from(parts)), area);
}

pub fn draw_status(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let key_style = theme.accent.add_modifier(Modifier::BOLD);
    let line = if let Some((input, field)) = app.layers.line() {
        let (prompt, counter) = match input {
            Input::Filter => (
                "filter /",
                format!(
                    "{} of {}",
                    app.store.visible.len(),
                    crate::plural::count_of(app.store.posts.len(), "post")
                ),
            ),
            Input::Find => ("find /", app.reader.find.counter()),
        };
        // The field takes up to half the line; the counter and keys follow it.
        let room = usize::from(area.width / 2).saturating_sub(prompt.len());
        let mut spans = vec![Span::styled(prompt, key_style)];
        spans.extend(super::field::spans(field, room, Style::default(), true));
        spans.push(Span::styled(format!("  {counter}  "), theme.dim));
        spans.extend(hints(app, key_style, theme.dim));
        // An empty list says why, under the field (see `filter_problem_lines`).
        let mut lines = vec![Line::from(spans)];
        lines.extend(filter_problem_lines(app, area.width));
        frame.render_widget(Paragraph::new(lines), area);
        return;
    } else if let Some(crate::app::Layer::Follow { typed, chosen }) = app.layers.top() {
        // The choice so far and where it leads, then the keys.
        let mut spans = vec![Span::styled("follow ", key_style)];
        spans.push(Span::styled(
            match chosen {
                Some((number, _)) if typed.is_empty() => format!("[{number}]"),
                _ => format!("[{typed}▏]"),
            },
            theme.highlight,
        ));
        if let Some(status) = &app.status {
            // Why a number was refused, say.
            spans.push(Span::raw("  "));
            spans.extend(status_line(status, theme).spans);
        } else {
            if let Some((_, url)) = chosen {
                spans.push(Span::styled(format!(" {}", sanitize_line(url)), theme.link));
            }
            spans.push(Span::raw("  "));
            spans.extend(hints(app, key_style, theme.dim));
        }
        Line::from(spans)
    } else if let Some(status) = message_in_place_of_keys(app) {
        // Every row of it: the status bar grew to hold them (see `status_rows`).
        let lines = status_lines(status, theme, area.width);
        frame.render_widget(Paragraph::new(lines), area);
        return;
    } else {
        let mut spans = Vec::new();
        if !app.reader.find.query.is_empty() && app.focus == crate::app::Pane::Reader {
            spans.push(Span::styled(
                format!(
                    "“{}” {}  ",
                    sanitize_line(&app.reader.find.query),
                    app.reader.find.counter()
                ),
                theme.accent,
            ));
        }
        spans.extend(hints(app, key_style, theme.dim));
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// "j down · k up · …" for the current mode, from the keymap.
fn hints(app: &App, key_style: Style, text_style: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (i, (key, description)) in app.keymap.status_hints(app.mode()).into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", text_style));
        }
        spans.push(Span::styled(key, key_style));
        spans.push(Span::styled(format!(" {description}"), text_style));
    }
    spans
}

/// A status message: errors in bold warning colour, the rest in the accent.
pub fn status_line(status: &Status, theme: &Theme) -> Line<'static> {
    Line::styled(
        sanitize_line(&status.text).into_owned(),
        status_style(status, theme),
    )
}

fn status_style(status: &Status, theme: &Theme) -> Style {
    if status.error {
        theme.warning.add_modifier(Modifier::BOLD)
    } else {
        theme.accent
    }
}

/// A status message wrapped to `width`: a long one (a path, then what to do about
/// it) is shown to its end, never cut at the window's edge.
pub fn status_lines(status: &Status, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let text = sanitize_line(&status.text);
    crate::markdown::wrap_fields(&[(&text, status_style(status, theme))], width)
}

/// The status message the status bar shows in place of the keys, if any: not while a
/// line is typed or a link chosen, whose own lines take the bar.
pub fn message_in_place_of_keys(app: &App) -> Option<&Status> {
    let own_line =
        app.layers.line().is_some() || matches!(app.layers.top(), Some(Layer::Follow { .. }));
    app.status.as_ref().filter(|_| !own_line)
}

/// Why the filter being typed matches nothing, when a term of it cannot be read,
/// wrapped to `width` (sanitised: the term is the user's text).
pub fn filter_problem_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let typing_filter = matches!(app.layers.line(), Some((Input::Filter, _)));
    match app.store.filter.problem().filter(|_| typing_filter) {
        Some(why) => {
            let why = sanitize_line(why);
            crate::markdown::wrap_fields(&[(&why, app.theme.warning)], width)
        }
        None => Vec::new(),
    }
}

/// The rows the status bar takes at `width`: a message shown in place of the keys
/// takes as many as it wraps to, at most `most`; anything else one.
pub fn status_rows(status: Option<&Status>, width: u16, most: u16) -> u16 {
    let rows = status.map_or(1, |status| {
        status_lines(status, &Theme::default(), width).len()
    });
    u16::try_from(rows)
        .unwrap_or(u16::MAX)
        .clamp(1, most.max(1))
}
