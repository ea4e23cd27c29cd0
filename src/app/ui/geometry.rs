//! Where everything goes on a screen of a given size. It is worked out once per
//! frame, before drawing, so that the app can fit its views to it (the list's rows,
//! the reader's width, the body rendered at that width, the mouse's targets) and the
//! drawing functions only read.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Block;

use super::editor::SIDE_BY_SIDE_WIDTH;
use super::{MIN_HEIGHT, MIN_WIDTH, TWO_PANE_WIDTH};
use crate::app::{App, Pane, Status};

/// Width of the editor's field labels.
pub const LABEL_WIDTH: u16 = 8;

/// The places of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Geometry {
    /// Smaller than [`MIN_WIDTH`] × [`MIN_HEIGHT`]: only "make the window larger".
    TooSmall(Rect),
    /// The list and the reader, or a review session, between the title and status bars.
    Panes(Panes),
    /// The editor screen, while a draft is open.
    Editor(EditorPlaces),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub title: Rect,
    /// Between the bars: where the panes are, and where popups go.
    pub body: Rect,
    pub status: Rect,
    /// The review session's banner, over the reader.
    pub banner: Option<Rect>,
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EditorPlaces {
    pub title: Rect,
    /// Title, author, date: each label and its one-line field.
    pub labels: [Rect; 3],
    pub fields: [Rect; 3],
    /// Between the fields and the status line: the text and preview, and where popups go.
    pub body: Rect,
    /// The body's text field with its frame, unless the preview takes its place.
    pub text: Option<Rect>,
    /// The preview with its frame, beside the text or instead of it.
    pub preview: Option<Rect>,
    pub status: Rect,
    pub hints: Rect,
}

impl Geometry {
    /// Where `app` puts things on a screen of `area`.
    pub fn of(area: Rect, app: &App) -> Self {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            Self::TooSmall(area)
        } else if let Some(editor) = &app.drafting.editor {
            let message = super::editor::message_in_place_of_keys(app);
            Self::Editor(EditorPlaces::of(area, editor.show_preview, message))
        } else {
            Self::Panes(Panes::of(area, app))
        }
    }

    /// Where popups and overlays go; `None` when nothing but the warning fits.
    pub fn popups(&self) -> Option<Rect> {
        match self {
            Self::TooSmall(_) => None,
            Self::Panes(panes) => Some(panes.body),
            Self::Editor(editor) => Some(editor.body),
        }
    }

    pub fn list(&self) -> Option<Rect> {
        match self {
            Self::Panes(panes) => panes.list,
            _ => None,
        }
    }

    pub fn reader(&self) -> Option<Rect> {
        match self {
            Self::Panes(panes) => panes.reader,
            _ => None,
        }
    }
}

/// The inside of a pane's frame.
pub fn inner(pane: Rect) -> Rect {
    Block::bordered().inner(pane)
}

impl Panes {
    fn of(area: Rect, app: &App) -> Self {
        let message = super::bars::message_in_place_of_keys(app);
        let most = area.height / 4;
        let rows = super::bars::status_rows(message, area.width, most).max(
            // The filter's field, and under it why it matches nothing.
            u16::try_from(1 + super::bars::filter_problem_lines(app, area.width).len())
                .unwrap_or(u16::MAX)
                .min(most.max(1)),
        );
        let [title, body, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(rows),
        ])
        .areas(area);
        let mut panes = Self {
            title,
            body,
            status,
            banner: None,
            list: None,
            reader: None,
        };
        if app.review.session {
            let [banner, rest] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
            panes.banner = Some(banner);
            panes.reader = Some(rest);
        } else if app.reader.zoomed && app.focus == Pane::Reader {
            panes.reader = Some(body);
        } else if body.width >= TWO_PANE_WIDTH {
            let list_width = (body.width * 2 / 5).clamp(36, 72);
            let [left, right] =
                Layout::horizontal([Constraint::Length(list_width), Constraint::Min(1)])
                    .areas(body);
            panes.list = Some(left);
            panes.reader = Some(right);
        } else if app.focus == Pane::List {
            panes.list = Some(body);
        } else {
            panes.reader = Some(body);
        }
        panes
    }
}

impl EditorPlaces {
    fn of(area: Rect, show_preview: bool, message: Option<&Status>) -> Self {
        // A message takes the keys' row, and more rows when it needs them.
        let rows = super::bars::status_rows(message, area.width, area.height / 4);
        let [title, fields, body, status, hints] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(3),
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(rows),
        ])
        .areas(area);
        let rows: [Rect; 3] = Layout::vertical([Constraint::Length(1); 3]).areas(fields);
        let split = |row: Rect| -> [Rect; 2] {
            Layout::horizontal([Constraint::Length(LABEL_WIDTH), Constraint::Min(1)]).areas(row)
        };
        let [labels, fields] = [0, 1].map(|side| rows.map(|row| split(row)[side]));
        let (text, preview) = if body.width >= SIDE_BY_SIDE_WIDTH {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                    .areas(body);
            (Some(left), Some(right))
        } else if show_preview {
            (None, Some(body))
        } else {
            (Some(body), None)
        };
        Self {
            title,
            labels,
            fields,
            body,
            text,
            preview,
            status,
            hints,
        }
    }
}
