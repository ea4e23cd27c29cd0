//! `App::update`: the only place where an action changes the state.

use super::action::Answer;
use super::field::TextField;
use super::{Action, App, Effect, Input, Layer, Mode, Pane};

/// Lines the mouse wheel moves.
const WHEEL_STEP: isize = 3;

impl App {
    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        let leaving = matches!(action, Action::Quit | Action::Suspend);
        let drafting = matches!(self.mode(), Mode::Editor | Mode::EditorFind | Mode::Drafts);
        if drafting || leaving && self.drafting.editor.is_some() {
            // Quitting from the help over the editor keeps the draft as the editor does.
            return self.update_drafting(action);
        }
        self.sync_reader();
        match action {
            Action::Quit => self.quit = true,
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::Help => {
                if matches!(self.layers.top(), Some(Layer::Help { .. })) {
                    self.layers.pop();
                } else {
                    self.layers.push(Layer::Help { scroll: 0 });
                }
            }
            Action::CloseOverlay => {
                self.layers.pop();
            }
            Action::SwitchPane => {
                self.focus = match self.focus {
                    Pane::List => Pane::Reader,
                    Pane::Reader => Pane::List,
                }
            }
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(self.page(1)),
            Action::PageUp => self.move_by(-self.page(1)),
            Action::HalfPageDown => self.move_by(self.page(2)),
            Action::HalfPageUp => self.move_by(-self.page(2)),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Open => {
                if self.jump_from_outline() {
                    return;
                }
                if self.selected_index().is_some() {
                    self.focus = Pane::Reader;
                }
            }
            Action::Back => self.focus = Pane::List,
            Action::PrevPost => self.move_list(-1),
            Action::NextPost => self.move_list(1),
            Action::StartFilter => {
                self.focus = Pane::List;
                self.layers.push(Layer::Line {
                    input: Input::Filter,
                    field: TextField::new(&self.store.filter.text),
                });
            }
            Action::StartFind => self.layers.push(Layer::Line {
                input: Input::Find,
                field: TextField::new(&self.reader.find.query),
            }),
            Action::InputConfirm => {
                if self.layers.line().is_some() {
                    self.layers.pop();
                }
            }
            Action::InputCancel => {
                // Esc in the list (no line open) clears the filter too.
                let input = self.layers.line().map_or(Input::Filter, |(input, _)| input);
                match input {
                    Input::Filter => self.set_filter(String::new()),
                    Input::Find => self.set_find(String::new()),
                }
                if self.layers.line().is_some() {
                    self.layers.pop();
                }
            }
            Action::FieldKey(key) => self.field_key(&key),
            Action::ToggleHeader => {
                self.reader.full_header = !self.reader.full_header;
                self.set_info(if self.reader.full_header {
                    "the whole header, however small the pane (i folds it again)"
                } else {
                    "a short header when the pane is small (i shows all of it)"
                });
            }
            Action::ToggleZoom => {
                self.reader.zoomed = !self.reader.zoomed;
                self.focus = Pane::Reader;
                self.set_info(if self.reader.zoomed {
                    "the reader takes the whole width (z gives the list its room back)"
                } else {
                    "the list is back beside the reader"
                });
            }
            Action::Link(action) => self.link_action(action),
            Action::Outline => self.open_outline(),
            Action::NextMatch => self.step_match(1),
            Action::PrevMatch => self.step_match(-1),
            Action::CycleSort => {
                let before = self.selected_index();
                self.list.moved = true;
                self.store.set_sort(self.store.sort.next());
                self.list.follow(before, &self.store.visible);
                self.set_info(format!("sorted by {}", self.store.sort.label()));
            }
            Action::ShowProblems => {
                if self.selected_index().is_some() {
                    self.layers.push(Layer::Problems { scroll: 0 });
                }
            }
            Action::NextProblemPost => self.next_problem_post(),
            Action::Reload => {
                self.start_loading();
                self.set_info("reloading…");
            }
            Action::Edit => match self.selected_post() {
                Some(post) => self.effects.push(Effect::Edit(post.path.clone())),
                None => self.set_error("no post selected"),
            },
            Action::Wheel { column, row, down } => {
                let step = if down { WHEEL_STEP } else { -WHEEL_STEP };
                if hit(self.areas.list, column, row) {
                    self.move_list(step);
                } else if hit(self.areas.reader, column, row) {
                    self.reader.scroll_by(step);
                }
            }
            Action::Draft(_) => self.update_drafting(action),
            Action::Answer(answer) => self.answer_top(answer),
            Action::Click { column, row } => {
                if let Some(area) = self
                    .areas
                    .list
                    .filter(|_| hit(self.areas.list, column, row))
                {
                    // The list has a border: the first row of posts is one below its top.
                    if row > area.y && row < area.bottom().saturating_sub(1) {
                        let target = self.list.offset + usize::from(row - area.y - 1);
                        if target < self.store.visible.len() {
                            self.list.select_row(target, self.store.visible.len());
                        }
                    }
                    self.focus = Pane::List;
                } else if hit(self.areas.reader, column, row) {
                    self.focus = Pane::Reader;
                }
            }
            Action::Review(review) => self.review_update(review),
        }
        self.sync_reader();
    }

    /// An answer to the question on top: a question about a draft takes it as it is;
    /// a yes/no question does what yes means, or closes on no.
    fn answer_top(&mut self, answer: Answer) {
        match self.layers.top() {
            Some(Layer::Prompt(_)) => self.answer(answer),
            Some(Layer::Confirm { .. }) if answer == Answer::Yes => self.answer_yes(),
            Some(Layer::Confirm { .. }) => {
                self.layers.pop();
            }
            _ => {}
        }
    }

    /// A page (or half of one, `divisor` 2) of the pane that moves.
    fn page(&self, divisor: usize) -> isize {
        let overlay = matches!(
            self.layers.top(),
            Some(Layer::Help { .. } | Layer::Problems { .. } | Layer::Changes { .. })
        );
        let height = match self.focus {
            _ if overlay => self.areas.overlay_page.max(1),
            Pane::List => self.list.height,
            Pane::Reader => self.reader.height,
        };
        (height / divisor).max(1) as isize
    }

    /// Moves whatever has the keys: an overlay's scroll, the list or the reader.
    fn move_by(&mut self, delta: isize) {
        if let Some(
            Layer::Help { scroll } | Layer::Problems { scroll } | Layer::Changes { scroll, .. },
        ) = self.layers.top_mut()
        {
            // The overlay's view clamps this to its last screenful and keeps that.
            *scroll = scroll
                .saturating_add_signed(delta)
                .min(usize::from(u16::MAX));
            return;
        }
        if self.move_in_outline(delta) {
            return;
        }
        let filtering = matches!(self.layers.line(), Some((Input::Filter, _)));
        if filtering || self.focus == Pane::List {
            self.move_list(delta);
        } else {
            self.reader.scroll_by(delta);
        }
    }

    fn move_list(&mut self, delta: isize) {
        self.list.move_by(delta, self.store.visible.len());
        self.sync_reader();
    }

    /// A key for the open text field: the filter or find line, or a review popup's.
    fn field_key(&mut self, key: &crossterm::event::KeyEvent) {
        let changed = match self.layers.top_mut() {
            Some(Layer::Line { field, .. }) => field.input(key),
            Some(Layer::Review(_)) => {
                self.review_key(key);
                false
            }
            Some(Layer::Follow { .. }) => {
                self.follow_key(key);
                false
            }
            _ => false,
        };
        if changed {
            self.line_changed();
        }
    }

    /// Applies what the filter or find line now holds.
    pub(super) fn line_changed(&mut self) {
        let Some((input, field)) = self.layers.line() else {
            return;
        };
        let text = field.text().to_string();
        match input {
            Input::Filter => self.set_filter(text),
            Input::Find => self.set_find(text),
        }
    }

    fn set_filter(&mut self, text: String) {
        let before = self.selected_index();
        let phrase_before = self.body_phrase();
        // From now on the selection follows its post, not the top row.
        self.list.moved = true;
        self.store.set_filter(&text);
        self.list.follow(before, &self.store.visible);
        self.sync_reader();
        // The post in the reader lights the `body:` phrase as it is typed, and stops
        // when it goes.
        let phrase = self.body_phrase();
        if phrase != phrase_before && self.reader.width > 0 {
            match phrase {
                Some(phrase) if phrase != self.reader.find.query => self.set_find(phrase),
                None if phrase_before.as_deref() == Some(self.reader.find.query.as_str()) => {
                    self.set_find(String::new())
                }
                _ => {}
            }
        }
    }

    pub(super) fn set_find(&mut self, query: String) {
        let Some(index) = self.selected_index() else {
            return;
        };
        let post = &self.store.posts[index];
        let key = post.path.to_string_lossy();
        let body = self.reader.published.as_deref().unwrap_or(&post.body);
        let rendered = self
            .cache
            .get_or_render(&key, body, self.reader.body_width(), &self.theme);
        self.reader.find.search(query, rendered);
        // This post's header, which may not be the one the last frame drew.
        self.reader.header_len = self.header_len(index);
        self.reader.scroll_to_match();
    }

    fn step_match(&mut self, delta: isize) {
        if self.reader.find.step(delta) {
            self.reader.scroll_to_match();
        } else if !self.reader.find.query.is_empty() {
            self.set_info(format!("no match for “{}”", self.reader.find.query));
        }
    }

    fn next_problem_post(&mut self) {
        let visible = &self.store.visible;
        let start = self.list.selected;
        let found = (1..=visible.len())
            .map(|step| (start + step) % visible.len())
            .find(|&row| self.store.posts[visible[row]].has_problems());
        match found {
            Some(row) => {
                self.list.select_row(row, visible.len());
                if let Some(Layer::Problems { scroll }) = self.layers.top_mut() {
                    *scroll = 0;
                }
            }
            None => self.set_info("no post has problems"),
        }
    }
}

fn hit(area: Option<ratatui::layout::Rect>, column: u16, row: u16) -> bool {
    area.is_some_and(|a| a.contains(ratatui::layout::Position { x: column, y: row }))
}
