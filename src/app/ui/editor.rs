//! The editor screen: the draft's fields, the body beside its live preview (or a
//! toggle between them in narrow windows), the status line, and the drafting
//! popups (the drafts list and the prompts).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::centered;
use super::geometry::{EditorPlaces, inner};
use crate::app::drafting::{DraftPicker, Field, Prompt};
use crate::app::{App, Layer};
use crate::draft::conflict::{Side, differing_lines};
use crate::sanitize::sanitize_line;

/// From this width the preview is shown beside the body.
pub const SIDE_BY_SIDE_WIDTH: u16 = 100;
/// Width of the prompts.
const POPUP_WIDTH: u16 = 64;

/// Draws the whole editor screen (the app has a draft open, fitted to `places`:
/// see [`App::fit_to`]).
pub fn draw(frame: &mut Frame, places: &EditorPlaces, app: &App) {
    let theme = &app.theme;
    let shown = |path: &std::path::Path| {
        sanitize_line(&app.layout.shown(path).to_string_lossy()).into_owned()
    };
    let Some(editor) = app.drafting.editor.as_ref() else {
        return;
    };
    let name = shown(editor.path());
    let dirty = editor.is_dirty();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" meetup-reader ", theme.heading),
            Span::raw(format!(" drafting {name}")),
        ])),
        places.title,
    );

    for (i, field) in [Field::Title, Field::Author, Field::Date]
        .into_iter()
        .enumerate()
    {
        let label_style = if editor.focus == field {
            theme.accent
        } else {
            theme.dim
        };
        frame.render_widget(
            Paragraph::new(Span::styled(field.label(), label_style)),
            places.labels[i],
        );
        frame.render_widget(editor.area(field), places.fields[i]);
    }

    let border = |focused: bool| if focused { theme.accent } else { theme.dim };
    if let Some(rect) = places.text {
        let block = Block::bordered()
            .title(" Body ")
            .border_style(border(editor.focus == Field::Body));
        frame.render_widget(block, rect);
        frame.render_widget(&editor.body, inner(rect));
    }
    if let Some(rect) = places.preview {
        let block = Block::bordered().title(" Preview ").border_style(theme.dim);
        let inner = inner(rect);
        frame.render_widget(block, rect);
        if let Some(rendered) = editor.preview_at(inner.width) {
            // Keep the preview near the cursor: the same share of the way down.
            let (row, total) = (editor.body.cursor().0, editor.body.lines().len().max(1));
            let lines = rendered.len();
            let top = (lines * row / total).saturating_sub(usize::from(inner.height) / 2);
            let top = top.min(lines.saturating_sub(usize::from(inner.height)));
            // Only the rows on screen are made into lines.
            let end = (top + usize::from(inner.height)).min(lines);
            let visible: Vec<Line> = (top..end).map(|i| rendered.line(i)).collect();
            frame.render_widget(Paragraph::new(visible), inner);
        }
    }

    // Whether the words are safe comes first: in a narrow window the rest is cut.
    let state = if editor.session.held_by().is_some() {
        Span::styled(" read-only", theme.warning.add_modifier(Modifier::BOLD))
    } else if editor.session.is_unwritten() {
        Span::styled(" new", theme.accent)
    } else if dirty {
        Span::styled(" unsaved", theme.warning.add_modifier(Modifier::BOLD))
    } else {
        Span::styled(" saved", theme.accent)
    };
    let mut spans = vec![state];
    // Fitting the app to the screen computed them.
    if let Some(stats) = editor.last_stats() {
        spans.push(Span::raw(format!(
            " · {} · ",
            crate::plural::count_of(stats.words, "word")
        )));
        spans.push(Span::raw(format!(
            "{}/{} answered",
            stats.answered, stats.questions
        )));
        match &stats.target {
            Ok(target) => spans.push(Span::raw(format!(" · → {}", shown(target)))),
            Err(why) => spans.push(Span::styled(
                format!(" · cannot publish yet: {}", sanitize_line(why)),
                theme.dim,
            )),
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), places.status);

    let line = if let Some(Layer::EditorFind(find)) = app.layers.top() {
        let room = usize::from(places.hints.width).saturating_sub(7);
        let mut spans = vec![Span::styled(
            "find /",
            theme.accent.add_modifier(Modifier::BOLD),
        )];
        spans.extend(super::field::spans(find, room, Style::default(), true));
        Line::from(spans)
    } else if app.layers.prompt().is_some() {
        // The prompt lists its own keys.
        Line::default()
    } else if let Some(status) = message_in_place_of_keys(app) {
        let lines = super::bars::status_lines(status, theme, places.hints.width);
        frame.render_widget(Paragraph::new(lines), places.hints);
        return;
    } else {
        Line::from(hint_spans(app, app.mode()))
    };
    frame.render_widget(Paragraph::new(line), places.hints);
}

/// The status message the editor shows in place of its keys, if any: not while a word
/// is typed to find or a question is asked (a prompt lists its own keys).
pub fn message_in_place_of_keys(app: &App) -> Option<&crate::app::Status> {
    let own_line =
        matches!(app.layers.top(), Some(Layer::EditorFind(_))) || app.layers.prompt().is_some();
    app.status.as_ref().filter(|_| !own_line)
}

/// Shows the cursor of the focused field only, and selections in the theme's colour.
pub(crate) fn style_area(
    area: &mut ratatui_textarea::TextArea<'static>,
    focused: bool,
    theme: &crate::markdown::Theme,
) {
    area.set_cursor_line_style(Style::default());
    area.set_selection_style(theme.selection);
    area.set_cursor_style(if focused {
        Style::default().add_modifier(Modifier::REVERSED)
    } else {
        Style::default()
    });
}

/// "ctrl-s save · …" for `mode`, from the keymap.
fn hint_spans(app: &App, mode: crate::app::Mode) -> Vec<Span<'static>> {
    let key_style = app.theme.accent.add_modifier(Modifier::BOLD);
    let mut spans = Vec::new();
    for (i, (key, description)) in app.keymap.status_hints(mode).into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", app.theme.dim));
        }
        spans.push(Span::styled(key, key_style));
        spans.push(Span::styled(format!(" {description}"), app.theme.dim));
    }
    spans
}

/// The drafts list, over whatever screen is below.
pub fn draw_picker(frame: &mut Frame, area: Rect, app: &App, picker: &DraftPicker) {
    let theme = &app.theme;
    {
        let count = u16::try_from(picker.drafts.len()).unwrap_or(u16::MAX);
        let height = count.saturating_add(2).min(area.height);
        let rect = centered(area, 70, height.max(3));
        // The rows that fit, moved down just enough to show the selected one.
        let rows = usize::from(rect.height.saturating_sub(2)).max(1);
        let first = (picker.selected + 1).saturating_sub(rows);
        let mut lines: Vec<Line> = picker
            .drafts
            .iter()
            .enumerate()
            .skip(first)
            .take(rows)
            .map(|(i, entry)| {
                let name = entry
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let title = if entry.title.is_empty() {
                    "(no title)"
                } else {
                    &entry.title
                };
                let note = entry
                    .note
                    .as_deref()
                    .map(|n| format!("  · {}", sanitize_line(n)))
                    .unwrap_or_default();
                let text = format!(" {}  {}{note}", sanitize_line(title), sanitize_line(&name));
                let style = if i == picker.selected {
                    theme.selection
                } else {
                    Style::default()
                };
                Line::styled(text, style)
            })
            .collect();
        if lines.is_empty() {
            lines.push(Line::styled(" no drafts yet: n starts one", theme.dim));
        }
        popup(
            frame,
            rect,
            " Drafts · enter edit · n new · D delete · esc close ",
            lines,
        );
    }
}

/// A question about a draft, over whatever screen is below.
pub fn draw_prompt(frame: &mut Frame, area: Rect, app: &App, prompt: &Prompt) {
    let theme = &app.theme;
    let shown = |path: &std::path::Path| {
        sanitize_line(&app.layout.shown(path).to_string_lossy()).into_owned()
    };
    let (title, lines) = match prompt {
        Prompt::Recover { recovery, .. } => (
            " Unsaved text found ",
            vec![
                Line::raw(format!(
                    "{} has text that was never saved (the app stopped before saving).",
                    shown(&recovery.draft)
                )),
                Line::default(),
                Line::styled(
                    "r recover it · d discard it · esc decide later",
                    theme.accent,
                ),
            ],
        ),
        Prompt::Leave => (
            " Unsaved changes ",
            vec![
                Line::raw("The draft has changes that are not saved."),
                Line::default(),
                Line::styled("s save · d discard · esc keep editing", theme.accent),
            ],
        ),
        Prompt::Publish { target, warnings } => {
            let mut lines = vec![
                Line::raw("Publish this draft as"),
                Line::styled(shown(target), theme.heading),
                Line::raw("and remove the draft? Nothing is overwritten."),
            ];
            for warning in warnings {
                lines.push(Line::styled(
                    format!("warning: {}", sanitize_line(warning)),
                    theme.warning,
                ));
            }
            lines.push(Line::default());
            lines.push(Line::styled("y publish · esc cancel", theme.accent));
            (" Publish ", lines)
        }
        Prompt::CannotPublish { why } => (
            " Cannot publish yet ",
            vec![
                Line::raw(sanitize_line(why).into_owned()),
                Line::default(),
                Line::styled("esc close", theme.accent),
            ],
        ),
        Prompt::Conflict { theirs, both, .. } => {
            let what = match theirs {
                Some(_) => "was changed by another program",
                None => "was removed by another program",
            };
            let mut lines = vec![Line::raw(format!(
                "{} {what} since it was opened here. Nothing was saved.",
                app.drafting
                    .editor
                    .as_ref()
                    .map(|e| shown(e.path()))
                    .unwrap_or_default()
            ))];
            if *both && let Some(editor) = app.drafting.editor.as_ref() {
                lines.push(Line::default());
                let room = usize::from(area.height.saturating_sub(12)).max(2);
                let theirs = theirs.as_deref().unwrap_or_default();
                let (differing, left_out) = differing_lines(theirs, &editor.text(), room);
                for (side, line) in differing {
                    let (mark, style) = match side {
                        Side::Theirs => ("theirs │ ", theme.warning),
                        Side::Mine => ("mine   │ ", theme.accent),
                    };
                    lines.push(Line::styled(
                        format!("{mark}{}", sanitize_line(&line)),
                        style,
                    ));
                }
                if left_out > 0 {
                    lines.push(Line::styled(
                        format!("… {left_out} more lines differ"),
                        theme.dim,
                    ));
                }
            }
            lines.push(Line::default());
            lines.push(Line::styled(
                "m keep mine (theirs is kept as a .conflict copy) · t keep theirs · b show both · esc decide later",
                theme.accent,
            ));
            (" Changed elsewhere ", lines)
        }
    };
    // A question takes the whole window if it needs it, and in a small one it keeps its
    // first line (what happened) and its last (the keys that answer it).
    let area = frame.area();
    let mut lines = lines;
    // Wrapped lines take more rows: count them at the popup's inner width.
    let inner = usize::from(POPUP_WIDTH.min(area.width).saturating_sub(4).max(1));
    let rows_of =
        |lines: &[Line]| -> usize { lines.iter().map(|l| l.width().max(1).div_ceil(inner)).sum() };
    let room = usize::from(area.height.saturating_sub(2));
    while rows_of(&lines) > room && lines.len() > 2 {
        lines.remove(lines.len() - 2);
    }
    let rows = rows_of(&lines);
    let rect = centered(area, POPUP_WIDTH, rows as u16 + 2);
    popup(frame, rect, title, lines);
}

fn popup(frame: &mut Frame, rect: Rect, title: &str, lines: Vec<Line<'static>>) {
    frame.render_widget(Clear, rect);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(title.to_string())
        .padding(ratatui::widgets::Padding::horizontal(1));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
}
