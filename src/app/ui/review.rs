//! Review views: the list's review marks, the reader header's rubric and review
//! lines, the review session screen, and the review popups.

use crate::review::rubric::FoundBy;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{centered, fit};
use crate::app::review::Popup;
use crate::app::{App, Mode};
use crate::review::{ReviewStatus, post_key};
use crate::sanitize::sanitize_line;

/// The review marks in the list's first column, most urgent first: changed since
/// it was reviewed, the status, and for an unreviewed post, missing answers.
pub const MARK_CHANGED: &str = "↻";
pub const MARK_REVIEWED: &str = "✓";
pub const MARK_NEEDS_REVISION: &str = "✎";
pub const MARK_FLAGGED: &str = "⚑";
pub const MARK_MISSING_ANSWERS: &str = "?";

/// Longest note excerpt in the reader header, in columns.
const NOTE_EXCERPT: usize = 60;

pub fn status_mark(status: ReviewStatus) -> &'static str {
    match status {
        ReviewStatus::Unreviewed => " ",
        ReviewStatus::Reviewed => MARK_REVIEWED,
        ReviewStatus::NeedsRevision => MARK_NEEDS_REVISION,
        ReviewStatus::Flagged => MARK_FLAGGED,
    }
}

/// The review markers and what they mean, for the help overlay's legend.
pub fn help_markers() -> [(&'static str, &'static str); 6] {
    [
        (MARK_REVIEWED, "reviewed"),
        (MARK_NEEDS_REVISION, "needs revision"),
        (MARK_FLAGGED, "flagged"),
        (MARK_CHANGED, "changed since review"),
        (MARK_MISSING_ANSWERS, "unreviewed, answers missing"),
        (crate::marks::TAGGED, "tagged (t)"),
    ]
}

/// The review mark of a list row (one column, see [`MARK_CHANGED`]).
pub fn list_mark(app: &App, index: usize, base: Style) -> Span<'static> {
    let theme = &app.theme;
    if !app.review.active {
        return Span::styled(" ", base);
    }
    let post = &app.store.posts[index];
    let status = app.review.status(post);
    let (mark, style) = if app.review.changed_since_review(post) {
        (MARK_CHANGED, theme.warning.add_modifier(Modifier::BOLD))
    } else if status == ReviewStatus::Unreviewed
        && app
            .store
            .rubric(index)
            .is_some_and(|rubric| rubric.is_missing_answers())
    {
        (MARK_MISSING_ANSWERS, theme.warning)
    } else if status == ReviewStatus::Reviewed {
        (status_mark(status), theme.accent)
    } else {
        (status_mark(status), theme.warning)
    };
    Span::styled(mark, base.patch(style))
}

/// The reader header's review lines: the rubric, then the review.
pub fn header_lines(index: usize, app: &App) -> Vec<Line<'static>> {
    let theme = &app.theme;
    if !app.review.active {
        return Vec::new();
    }
    let post = &app.store.posts[index];
    let width = usize::from(app.reader.width).max(20);
    // Measured when the app was fitted to the frame.
    let Some(rubric) = app.store.rubric(index) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    let summary_style = if rubric.is_missing_answers() {
        theme.warning
    } else {
        theme.accent
    };
    // A post without question headings is judged from its text: said, so the count is
    // never read as a confident verdict.
    let judged = if rubric.judged_from_text() {
        " · judged from the text"
    } else {
        ""
    };
    lines.push(Line::styled(
        format!(
            "rubric: {}/{} questions answered{judged} · {}",
            rubric.answered(),
            rubric.asked(),
            crate::plural::count_of(rubric.total_words(), "word")
        ),
        summary_style,
    ));
    for (index, (question, answer)) in app.store.questions.iter().zip(rubric.answers()).enumerate()
    {
        let (mark, words, style) = match answer {
            Some(words) if words >= crate::assignment::ANSWERED_MIN_WORDS => {
                ("✓", words.to_string(), theme.dim)
            }
            Some(words) => ("✗", words.to_string(), theme.warning),
            None => ("✗", "—".to_string(), theme.warning),
        };
        let from_text = rubric.found_by(index) == Some(FoundBy::Text);
        let mut row = vec![
            Span::styled(format!("  {mark} {words:>5}  "), style),
            Span::styled(sanitize_line(question).into_owned(), theme.dim),
        ];
        if from_text {
            row.push(Span::styled(" (from the text)", theme.dim));
        }
        lines.push(Line::from(row));
    }
    lines.extend(problem_lines(app));
    let Some(store) = &app.review.store else {
        return lines;
    };
    let review = store
        .get(&post_key(&post.path))
        .cloned()
        .unwrap_or_default();
    lines.push(Line::from(review_spans(index, app, false)));
    if !review.note.is_empty() {
        let first = review.note.lines().find(|l| !l.trim().is_empty());
        let first = sanitize_line(first.unwrap_or_default()).into_owned();
        let more = review.note.lines().filter(|l| !l.trim().is_empty()).count() > 1;
        let (spans, _) = fit(
            &first,
            NOTE_EXCERPT.min(width.saturating_sub(6)),
            &[],
            theme.text,
            theme.text,
        );
        let mut line = vec![Span::styled("note: ", theme.dim)];
        line.extend(spans);
        if more {
            line.push(Span::styled(" (a shows all)", theme.dim));
        }
        lines.push(Line::from(line));
    }
    lines
}

/// Why reviews are off or read-only, wrapped to the reader's width.
pub fn problem_lines(app: &App) -> Vec<Line<'static>> {
    let Some(problem) = &app.review.problem else {
        return Vec::new();
    };
    let width = usize::from(app.reader.width).max(20);
    wrap(&format!("⚠ {}", sanitize_line(problem)), width)
        .into_iter()
        .map(|part| Line::styled(part, app.theme.warning))
        .collect()
}

/// The rubric and the review on one line, for a header short of room:
/// `rubric 3/5 ✓✓✗✓✗ · review: reviewed · score 8/10`.
pub fn folded_line(index: usize, app: &App) -> Option<Line<'static>> {
    if !app.review.active {
        return None;
    }
    let theme = &app.theme;
    let rubric = app.store.rubric(index)?;
    let marks: String = rubric
        .answers()
        .map(|answer| match answer {
            Some(words) if words >= crate::assignment::ANSWERED_MIN_WORDS => '✓',
            _ => '✗',
        })
        .collect();
    let style = if rubric.is_missing_answers() {
        theme.warning
    } else {
        theme.accent
    };
    let judged = if rubric.judged_from_text() { "?" } else { "" };
    let mut spans = vec![Span::styled(
        format!(
            "rubric {}/{}{judged} {marks}",
            rubric.answered(),
            rubric.asked()
        ),
        style,
    )];
    if app.review.store.is_some() {
        spans.push(Span::styled(" · ", theme.dim));
        spans.extend(review_spans(index, app, true));
    }
    Some(Line::from(spans))
}

/// "review: needs-revision · score 8/10 · ↻ changed since review"; `short` for the
/// folded header ("↻ changed (D)").
fn review_spans(index: usize, app: &App, short: bool) -> Vec<Span<'static>> {
    let theme = &app.theme;
    let post = &app.store.posts[index];
    let review = app
        .review
        .store
        .as_ref()
        .and_then(|store| store.get(&post_key(&post.path)).cloned())
        .unwrap_or_default();
    let mut parts = vec![Span::styled(
        format!("review: {}", review.status),
        match review.status {
            ReviewStatus::Unreviewed => theme.dim,
            ReviewStatus::Reviewed => theme.accent,
            _ => theme.warning,
        },
    )];
    if let Some(score) = review.score {
        parts.push(Span::styled(
            format!(
                " · score {}",
                crate::review::format_score(score, app.settings.score_max)
            ),
            theme.accent,
        ));
    }
    if app.review.changed_since_review(post) {
        let what = if short {
            "changed (D)"
        } else {
            "changed since review (D shows what)"
        };
        parts.push(Span::styled(
            format!(" · {MARK_CHANGED} {what}"),
            theme.warning.add_modifier(Modifier::BOLD),
        ));
    }
    parts
}

/// The review session's banner with its progress (the reader is drawn full screen
/// below it).
pub fn draw_banner(frame: &mut Frame, banner: Rect, app: &App) {
    let theme = &app.theme;
    let position = app
        .selected_index()
        .and_then(|i| app.store.position_of(i))
        .map_or(0, |row| row + 1);
    let mut spans = vec![
        Span::styled(" Review session ", theme.heading),
        Span::styled(
            format!(" {} ", app.session_progress()),
            theme.accent.add_modifier(Modifier::BOLD),
        ),
        Span::styled(
            format!("· post {position} of {} ", app.store.visible.len()),
            theme.dim,
        ),
    ];
    if !app.store.filter.is_empty() {
        spans.push(Span::styled(
            format!("· filter: {}", sanitize_line(&app.store.filter.text)),
            theme.dim,
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), banner);
}

/// Draws a review popup over `area`, with the keys of its `mode`.
pub fn draw_popup(frame: &mut Frame, area: Rect, app: &App, popup: &Popup, mode: Mode) {
    let theme = &app.theme;
    let hints = hint_line(app, mode);
    match popup {
        Popup::Note { post, text, .. } => {
            let rect = centered(area, 72, 14);
            frame.render_widget(Clear, rect);
            let block = Block::new()
                .borders(Borders::ALL)
                .border_style(theme.accent)
                .title(format!(
                    " Note · {} ",
                    sanitize_line(&post.to_string_lossy())
                ))
                .title_bottom(hints);
            let inner = block.inner(rect);
            frame.render_widget(block, rect);
            frame.render_widget(text.as_ref(), inner);
        }
        Popup::Score { posts, field } => {
            let room = usize::from(area.width.min(72)).saturating_sub(11);
            let mut line = vec![Span::styled("score: ", theme.accent)];
            line.extend(super::field::spans(field, room, Style::default(), true));
            let body = vec![
                Line::from(line),
                Line::styled(field.error.clone().unwrap_or_default(), theme.warning),
            ];
            let whose = match posts.as_slice() {
                [post] => sanitize_line(&post.to_string_lossy()).into_owned(),
                posts => format!("{} tagged posts", posts.len()),
            };
            let title = format!(" Score · {whose} ");
            small_popup(frame, area, app, title, body, hints);
        }
        Popup::Export { field, shown_only } => {
            let room = usize::from(area.width.min(72)).saturating_sub(4);
            let (shown, all) = (app.store.visible.len(), app.store.posts.len());
            let what = if app.review.session {
                "this review session"
            } else {
                "this filter"
            };
            let choice = |on: bool, label: String| {
                let style = if on { theme.selection } else { theme.dim };
                Span::styled(format!(" {label} "), style)
            };
            let body = vec![
                Line::from(vec![
                    Span::styled("export ", theme.dim),
                    choice(*shown_only, format!("{what} ({shown})")),
                    Span::styled(" ", theme.dim),
                    choice(!*shown_only, format!("all ({all})")),
                    Span::styled("  up/down", theme.dim),
                ]),
                Line::styled("write to (.md for Markdown, else CSV):", theme.dim),
                Line::from(super::field::spans(field, room, Style::default(), true)),
                Line::styled(field.error.clone().unwrap_or_default(), theme.warning),
            ];
            small_popup(frame, area, app, " Export reviews ".into(), body, hints);
        }
    }
}

/// A yes/no question over `area`.
pub fn draw_confirm(frame: &mut Frame, area: Rect, app: &App, question: &str) {
    let body = vec![Line::raw(sanitize_line(question).into_owned())];
    let hints = hint_line(app, Mode::Confirm);
    small_popup(frame, area, app, " Question ".into(), body, hints);
}

fn small_popup(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    title: String,
    body: Vec<Line<'static>>,
    hints: Line<'static>,
) {
    let rect = centered(area, 72, 7);
    frame.render_widget(Clear, rect);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.accent)
        .title(title)
        .title_bottom(hints);
    frame.render_widget(
        Paragraph::new(body).wrap(Wrap { trim: false }).block(block),
        rect,
    );
}

/// "ctrl-s save the note · esc cancel" for the popup's mode, from the keymap.
fn hint_line(app: &App, mode: Mode) -> Line<'static> {
    let text = app
        .keymap
        .status_hints(mode)
        .into_iter()
        .map(|(key, description)| format!("{key} {description}"))
        .collect::<Vec<_>>()
        .join(" · ");
    Line::styled(format!(" {text} "), app.theme.dim)
}

/// Greedy word wrap to `width` columns (long words are cut by the terminal).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_one_column_wide() {
        for mark in [
            MARK_REVIEWED,
            MARK_NEEDS_REVISION,
            MARK_FLAGGED,
            MARK_CHANGED,
            MARK_MISSING_ANSWERS,
        ] {
            assert_eq!(mark.width(), 1, "{mark}");
        }
    }

    #[test]
    fn wrap_keeps_words_whole() {
        assert_eq!(wrap("aa bb cc dd", 5), ["aa bb", "cc dd"]);
        assert_eq!(wrap("", 5), Vec::<String>::new());
    }
}
