//! One frame, in three steps: the app is fitted to the screen's size (the views
//! take their sizes, the reader's body is rendered at its width), the view draws
//! from the app without changing it, and what the drawing found out (the overlays'
//! clamped scroll, the clickable links) is handed back.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::App;
use super::ui::editor::style_area;
use super::ui::geometry::{EditorPlaces, Geometry, inner};
use super::ui::{self, Drawn};
use crate::app::drafting::Field;
use crate::markdown::Rendered;

/// Draws `app` on `frame`: fits it to the frame, draws, and keeps what was found.
pub fn draw_frame(frame: &mut Frame, app: &mut App) {
    let geometry = app.fit_to(frame.area());
    let drawn = ui::draw(frame, app, &geometry);
    app.after_frame(drawn);
}

impl App {
    /// Fits the views to a screen of `area` and returns where everything goes: the
    /// list's rows and scroll, the reader's size and scroll, its body rendered at its
    /// width (and a find done again at a new width), the editor's preview and
    /// statistics, and the places the mouse can point at.
    pub fn fit_to(&mut self, area: Rect) -> Geometry {
        self.sync_reader();
        // The rubrics on screen are measured first, before the rest of the folder's.
        if let Some(index) = self.reader.post {
            self.store.measure_rubric(index);
        }
        let geometry = Geometry::of(area, self);
        self.areas.list = geometry.list();
        self.areas.reader = geometry.reader();
        if let Some(list) = geometry.list() {
            self.list.height = usize::from(inner(list).height);
            self.list.scroll_into_view();
            self.list.fill_from_bottom(self.store.visible.len());
            let (offset, height) = (self.list.offset, self.list.height);
            let rows = offset..(offset + height).min(self.store.visible.len());
            self.list.marks = rows
                .map(|row| {
                    let index = self.store.visible[row];
                    self.store.measure_rubric(index);
                    self.store.highlights(index)
                })
                .collect();
        }
        if let Some(reader) = geometry.reader() {
            self.fit_reader(inner(reader));
        }
        if let Geometry::Editor(places) = &geometry {
            self.fit_editor(places);
        }
        geometry
    }

    fn fit_reader(&mut self, inner: Rect) {
        self.reader.height = usize::from(inner.height);
        self.reader.width = inner.width;
        let Some(index) = self.reader.post else {
            return;
        };
        let header_len = self.header_len(index);
        let width = self.reader.body_width();
        let post = &self.store.posts[index];
        let key = post.path.to_string_lossy();
        let body = self.reader.published.as_deref().unwrap_or(&post.body);
        // The window was resized (or `z` pressed): the text that was on top stays on
        // top, not the line number, which now holds other words.
        let was = (self.reader.fitted_width, self.reader.header_len);
        let into_body = self.reader.scroll.checked_sub(was.1);
        let place = match into_body {
            Some(line) if was.0 != 0 && was.0 != width => Some(
                self.cache
                    .get_or_render(&key, body, was.0, &self.theme)
                    .letters_before(line),
            ),
            _ => None,
        };
        let rendered = self.cache.get_or_render(&key, body, width, &self.theme);
        if let Some(letters) = place {
            self.reader.scroll = header_len + rendered.line_at_letter(letters);
        }
        self.reader.fitted_width = width;
        let find = &mut self.reader.find;
        // The window was resized: find again at the new width.
        if !find.query.is_empty() && find.width != width {
            let query = std::mem::take(&mut find.query);
            let current = find.current;
            find.search(query, rendered);
            find.current = current.min(find.matches.len().saturating_sub(1));
        }
        find.width = width;
        let reader = &mut self.reader;
        reader.header_len = header_len;
        reader.total = header_len + rendered.len();
        reader.scroll = reader.scroll.min(reader.max_scroll());
    }

    fn fit_editor(&mut self, places: &EditorPlaces) {
        let store = &self.store;
        let theme = &self.theme;
        let Some(editor) = self.drafting.editor.as_mut() else {
            return;
        };
        for (i, field) in [Field::Title, Field::Author, Field::Date]
            .into_iter()
            .enumerate()
        {
            let focused = editor.focus == field;
            style_area(editor.area_mut(field), focused, theme);
            editor.areas.fields[i] = places.fields[i];
        }
        let focused = editor.focus == Field::Body;
        style_area(&mut editor.body, focused, theme);
        editor.areas.body = places.text.map(inner).unwrap_or_default();
        editor.shown_stats();
        if let Some(preview) = places.preview {
            let cx = crate::app::drafting::editor::PreviewContext {
                theme,
                url_of: &|reference| store.url_of(reference),
            };
            editor.shown_preview(inner(preview).width, &cx);
        }
    }

    /// Keeps what the last frame found out.
    pub fn after_frame(&mut self, drawn: Drawn) {
        for (index, shown) in drawn.overlay_scrolls {
            if let Some(
                super::Layer::Help { scroll }
                | super::Layer::Problems { scroll }
                | super::Layer::Changes { scroll, .. },
            ) = self.layers.get_mut(index)
            {
                *scroll = shown;
            }
        }
        self.areas.overlay_page = drawn.overlay_page;
        if self.hyperlinks.is_some() {
            // Only what this frame drew is made clickable.
            self.hyperlinks = Some(drawn.hyperlinks);
        }
    }

    /// The rows of post `index`'s header in the reader, its rubric measured first
    /// (the header shows it, and a post may not be measured yet).
    pub(crate) fn header_len(&mut self, index: usize) -> usize {
        self.store.measure_rubric(index);
        ui::reader::header(index, self).len()
    }

    /// The body of the post in the reader as the last fitting rendered it, for drawing.
    pub fn rendered_shown(&self) -> Option<&Rendered> {
        let post = &self.store.posts[self.reader.post?];
        let body = self.reader.published.as_deref().unwrap_or(&post.body);
        self.cache.get(
            &post.path.to_string_lossy(),
            body,
            self.reader.body_width(),
            &self.theme,
        )
    }
}
