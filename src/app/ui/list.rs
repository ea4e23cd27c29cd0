//! The list pane: one row per post (markers, date, title, author), drawing only the
//! rows on screen so 10,000 posts scroll as fast as 10. It owns its selection and offset.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{fit, pane_block};
use crate::app::App;
use crate::sanitize::sanitize_line;

/// Marks in the first columns of a row.
pub use crate::marks::{
    PROBLEMS as MARK_PROBLEMS, TAGGED as MARK_TAGGED, UNPUBLISHED as MARK_UNPUBLISHED,
};

/// The list's view state: which row is selected and which row is at the top.
#[derive(Debug, Clone, Default)]
pub struct ListView {
    /// The selected row (an index into the visible posts).
    pub selected: usize,
    /// The first row on screen.
    pub offset: usize,
    /// Rows that fit, from the last frame.
    pub height: usize,
    /// False until the user moves: while posts stream in, the selection stays on top.
    pub moved: bool,
    /// The characters the filter matched in the title and author of each row on
    /// screen from `offset` on, found when the app was fitted to the frame.
    pub marks: Vec<(Vec<u32>, Vec<u32>)>,
}

impl ListView {
    pub fn reset(&mut self) {
        *self = Self {
            height: self.height,
            ..Self::default()
        };
    }

    /// The post (index into the store) at the selected row.
    pub fn selected_post(&self, visible: &[usize]) -> Option<usize> {
        visible.get(self.selected).copied()
    }

    pub fn move_by(&mut self, delta: isize, len: usize) {
        if len == 0 {
            return;
        }
        let row = self.selected.saturating_add_signed(delta).min(len - 1);
        self.select_row(row, len);
    }

    pub fn select_row(&mut self, row: usize, len: usize) {
        self.selected = row.min(len.saturating_sub(1));
        self.moved = true;
        self.scroll_into_view();
        self.fill_from_bottom(len);
    }

    /// Selects `post` if it is shown.
    pub fn select_post(&mut self, post: usize, visible: &[usize]) {
        if let Some(row) = visible.iter().position(|&p| p == post) {
            self.select_row(row, visible.len());
        }
    }

    /// After the visible posts changed: stay on the post selected `before` when it
    /// is still shown, else keep the row in range.
    pub fn follow(&mut self, before: Option<usize>, visible: &[usize]) {
        let row = match before {
            Some(post) if self.moved => visible.iter().position(|&p| p == post),
            _ => None,
        };
        self.selected = row.unwrap_or(if self.moved { self.selected } else { 0 });
        self.selected = self.selected.min(visible.len().saturating_sub(1));
        self.scroll_into_view();
        self.fill_from_bottom(visible.len());
    }

    /// Never leaves blank rows under the last post while posts above are scrolled out
    /// of sight (a filter or a session that shortened the list).
    pub fn fill_from_bottom(&mut self, len: usize) {
        self.offset = self.offset.min(len.saturating_sub(self.height.max(1)));
    }

    /// Keeps the selected row on screen, scrolling as little as possible.
    pub(crate) fn scroll_into_view(&mut self) {
        let height = self.height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }
}

/// Draws the list in `area` (the app was fitted to it: see [`App::fit_to`]).
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let focused = app.focus == crate::app::Pane::List;
    let shown = app.store.visible.len();
    let title = if app.store.filter.is_empty() {
        format!(" Posts {} ", shown)
    } else {
        format!(" Posts {}/{} ", shown, app.store.posts.len())
    };
    let block: Block = pane_block(&app.theme, title, focused).borders(Borders::ALL);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let width = usize::from(inner.width);
    let author_width = if width >= 40 { (width / 4).min(18) } else { 0 };
    let mut lines = Vec::with_capacity(app.list.height);
    let end = (app.list.offset + app.list.height).min(shown);
    for row in app.list.offset..end {
        let index = app.store.visible[row];
        let (title_hl, author_hl) = app
            .list
            .marks
            .get(row - app.list.offset)
            .map_or((&[][..], &[][..]), |(t, a)| (&t[..], &a[..]));
        let post = &app.store.posts[index];
        let theme = &app.theme;
        let selected = row == app.list.selected;
        let base = if selected {
            theme.selection
        } else {
            Style::new()
        };
        // Matched letters look the same on the selected row (not reversed with it).
        let hl = base
            .patch(theme.highlight)
            .remove_modifier(Modifier::REVERSED);
        let mut spans = vec![
            super::review::list_mark(app, index, base),
            Span::styled(
                if post.published {
                    " "
                } else {
                    MARK_UNPUBLISHED
                },
                base.patch(theme.accent),
            ),
            Span::styled(
                if post.has_problems() {
                    MARK_PROBLEMS
                } else {
                    " "
                },
                base.patch(theme.warning),
            ),
            if app.review.tagged.contains(&post.path) {
                Span::styled(
                    MARK_TAGGED,
                    base.patch(theme.accent).add_modifier(Modifier::BOLD),
                )
            } else {
                Span::styled(" ", base)
            },
        ];
        let date = post
            .date
            .map_or_else(|| "undated   ".to_string(), |d| d.to_string());
        spans.push(Span::styled(date, base.patch(theme.dim)));
        spans.push(Span::styled(" ", base));
        let fixed = 4 + 10 + 1;
        let title_width = width
            .saturating_sub(fixed)
            .saturating_sub(if author_width > 0 {
                author_width + 1
            } else {
                0
            });
        let title = sanitize_line(&post.title);
        let (title_spans, used) = fit(&title, title_width, title_hl, base, hl);
        spans.extend(title_spans);
        if author_width > 0 {
            let pad = title_width - used + 1;
            spans.push(Span::styled(" ".repeat(pad), base));
            let author = sanitize_line(&post.author);
            let (author_spans, used) =
                fit(&author, author_width, author_hl, base.patch(theme.dim), hl);
            spans.extend(author_spans);
            spans.push(Span::styled(" ".repeat(author_width - used), base));
        } else {
            spans.push(Span::styled(" ".repeat(title_width - used), base));
        }
        let mut line = Line::from(spans);
        if selected {
            line = line.patch_style(Style::new().add_modifier(Modifier::BOLD));
        }
        lines.push(line);
    }
    if shown == 0 {
        let text = if app.loading.is_some() {
            "loading…"
        } else if !app.store.filter.is_empty() {
            "no post matches the filter (esc clears it)"
        } else {
            "no posts in this folder"
        };
        lines.push(Line::styled(text, app.theme.dim));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
