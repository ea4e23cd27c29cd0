//! Following links from the reader: `f` numbers them, a number or tab chooses one,
//! enter follows it. A post of the site opens in the reader (the list selection
//! follows) with a history to go back and forward; a heading of the post scrolls
//! there; anything else goes to the system opener, or is refused with a reason. The
//! outline (`o`) jumps to the post's headings and shares the history.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Effect, Layer, Pane};
use crate::markdown::Rendered;
use crate::sanitize::sanitize_line;
use crate::site::links::{LinkContext, LinkTarget, anchor_key, resolve};

/// What to do with links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkAction {
    /// Number the links on screen and wait for one to be chosen.
    Start,
    /// Choose the next (or previous) link on screen.
    Next,
    Prev,
    /// Follow the link typed or chosen.
    Open,
    /// Copy its URL to the terminal's clipboard.
    Copy,
    /// Back where the last link (or outline jump) was followed from, and forward again.
    Back,
    Forward,
}

impl LinkAction {
    pub fn name(self) -> &'static str {
        match self {
            Self::Start => "follow-link",
            Self::Next => "next-link",
            Self::Prev => "prev-link",
            Self::Open => "open-link",
            Self::Copy => "copy-link",
            Self::Back => "history-back",
            Self::Forward => "history-forward",
        }
    }
}

/// A place in the reader to come back to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub post: PathBuf,
    pub scroll: usize,
}

/// How many places back the history keeps.
const HISTORY_LIMIT: usize = 100;

impl App {
    pub(super) fn link_action(&mut self, action: LinkAction) {
        match action {
            LinkAction::Start => self.start_follow(),
            LinkAction::Next => self.choose_link(1),
            LinkAction::Prev => self.choose_link(-1),
            LinkAction::Open => {
                if let Some(number) = self.link_wanted() {
                    self.layers.pop();
                    self.follow_link(number);
                }
            }
            LinkAction::Copy => {
                if let Some(number) = self.link_wanted() {
                    self.layers.pop();
                    self.copy_link(number);
                }
            }
            LinkAction::Back => self.go_back(),
            LinkAction::Forward => self.go_forward(),
        }
    }

    /// The rendered body of the post in the reader, at the reader's width.
    pub(crate) fn rendered_in_reader(&mut self) -> Option<&Rendered> {
        let index = self.reader.post?;
        let post = &self.store.posts[index];
        let key = post.path.to_string_lossy();
        let body = self.reader.published.as_deref().unwrap_or(&post.body);
        Some(
            self.cache
                .get_or_render(&key, body, self.reader.body_width(), &self.theme),
        )
    }

    fn start_follow(&mut self) {
        let count = self.rendered_in_reader().map_or(0, |r| r.links.len());
        if count == 0 {
            self.set_info("this post has no links");
            return;
        }
        self.focus = Pane::Reader;
        self.layers.push(Layer::Follow {
            typed: String::new(),
            chosen: None,
        });
    }

    /// A key while choosing a link: a digit is typed (a number no longer one could
    /// extend is followed at once), backspace takes one back.
    pub(super) fn follow_key(&mut self, key: &KeyEvent) {
        let links = self
            .rendered_in_reader()
            .map(|r| r.links.clone())
            .unwrap_or_default();
        let count = links.len();
        let Some(Layer::Follow { typed, chosen }) = self.layers.top_mut() else {
            return;
        };
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return;
        }
        match key.code {
            KeyCode::Char(c) if c.is_ascii_digit() => {
                let mut candidate = typed.clone();
                candidate.push(c);
                let number: usize = candidate.parse().unwrap_or(usize::MAX);
                if number == 0 || number > count {
                    self.set_error(format!(
                        "no link {candidate}: the links go from 1 to {count}"
                    ));
                    return;
                }
                *typed = candidate;
                *chosen = Some((number, links[number - 1].clone()));
                // Nothing longer can follow when ten times the number is past the last.
                if number.saturating_mul(10) > count {
                    self.layers.pop();
                    self.follow_link(number);
                }
            }
            KeyCode::Backspace => {
                typed.pop();
                *chosen = typed
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| Some((n, links.get(n.checked_sub(1)?)?.clone())));
            }
            _ => self.set_info("type a link's number, or tab to choose one; esc cancels"),
        }
    }

    /// The link the open follow line points at, or a status line saying there is none.
    fn link_wanted(&mut self) -> Option<usize> {
        let chosen = match self.layers.top() {
            Some(Layer::Follow { chosen, .. }) => chosen.as_ref().map(|(n, _)| *n),
            _ => return None,
        };
        if chosen.is_none() {
            self.set_info("type a link's number, or tab to choose one");
        }
        chosen
    }

    /// Moves the choice to the next link numbered on screen (all of them when none is).
    fn choose_link(&mut self, delta: isize) {
        let on_screen = self.links_on_screen();
        let links = self
            .rendered_in_reader()
            .map(|r| r.links.clone())
            .unwrap_or_default();
        let Some(Layer::Follow { typed, chosen }) = self.layers.top_mut() else {
            return;
        };
        if on_screen.is_empty() {
            return;
        }
        let at = chosen
            .as_ref()
            .and_then(|(n, _)| on_screen.iter().position(|m| m == n));
        let next = match at {
            Some(at) => (at as isize + delta).rem_euclid(on_screen.len() as isize) as usize,
            None if delta > 0 => 0,
            None => on_screen.len() - 1,
        };
        let number = on_screen[next];
        *chosen = Some((number, links[number - 1].clone()));
        typed.clear();
    }

    /// The link numbers shown on the rows of the reader now on screen, in order of
    /// appearance; every link when none is.
    pub fn links_on_screen(&mut self) -> Vec<usize> {
        let (scroll, height, header) = (
            self.reader.scroll,
            self.reader.height.max(1),
            self.reader.header_len,
        );
        let Some(rendered) = self.rendered_in_reader() else {
            return Vec::new();
        };
        let count = rendered.links.len();
        let first = scroll.saturating_sub(header);
        let last = (scroll + height).saturating_sub(header).min(rendered.len());
        let mut numbers = Vec::new();
        for line in first..last {
            for (_, _, n) in crate::markdown::link_marks(rendered.line_text(line), count) {
                if !numbers.contains(&n) {
                    numbers.push(n);
                }
            }
        }
        if numbers.is_empty() {
            numbers = (1..=count).collect();
        }
        numbers
    }

    fn link_url(&mut self, number: usize) -> Option<String> {
        self.rendered_in_reader()?.links.get(number - 1).cloned()
    }

    /// Follows link `number` of the post in the reader.
    pub fn follow_link(&mut self, number: usize) {
        let (Some(url), Some(from)) = (self.link_url(number), self.reader.post) else {
            return;
        };
        let target = resolve(
            &url,
            &LinkContext {
                posts: &self.store.posts,
                from,
                root: &self.root,
                site: &self.store.site,
            },
        );
        match target {
            LinkTarget::Heading(anchor) => {
                let here = self.here();
                if self.scroll_to_anchor(&anchor) {
                    self.remember_visit(here);
                }
            }
            LinkTarget::Post { index, anchor } => {
                let here = self.here();
                if self.show_post(index) {
                    self.remember_visit(here);
                    if let Some(anchor) = anchor {
                        self.scroll_to_anchor(&anchor);
                    }
                }
            }
            LinkTarget::File(path) => {
                self.effects
                    .push(Effect::Open(path.to_string_lossy().into_owned()));
            }
            LinkTarget::Outside(url) => self.effects.push(Effect::Open(url)),
            LinkTarget::Refused(why) => self.set_error(why),
        }
    }

    fn copy_link(&mut self, number: usize) {
        let Some(url) = self.link_url(number) else {
            return;
        };
        if self.settings.copy_with_osc52 {
            self.effects.push(Effect::Copy(url));
        } else {
            self.set_info(format!(
                "[{number}] {} (copying is off: copy_with_osc52 = false)",
                sanitize_line(&url)
            ));
        }
    }

    /// Where the reader is now.
    fn here(&self) -> Option<Visit> {
        let index = self.reader.post?;
        Some(Visit {
            post: self.store.posts[index].path.clone(),
            scroll: self.reader.scroll,
        })
    }

    /// Records a place left by following a link; the forward history ends there.
    fn remember_visit(&mut self, visit: Option<Visit>) {
        let Some(visit) = visit else { return };
        let history = &mut self.reader.history;
        history.back.push(visit);
        if history.back.len() > HISTORY_LIMIT {
            history.back.remove(0);
        }
        history.forward.clear();
    }

    fn go_back(&mut self) {
        self.step_history(true);
    }

    fn go_forward(&mut self) {
        self.step_history(false);
    }

    /// Goes to the last place of the back (or forward) history, the place left going
    /// on the other one; a place whose post is gone stays where it was.
    fn step_history(&mut self, back: bool) {
        let Some(visit) = self.reader.history.lists(back).0.pop() else {
            self.set_info(if back {
                "nothing to go back to (links followed with f are remembered)"
            } else {
                "nothing to go forward to"
            });
            return;
        };
        let here = self.here();
        let arrived = self.revisit(&visit);
        let (from, to) = self.reader.history.lists(back);
        if arrived {
            to.extend(here);
        } else {
            from.push(visit);
        }
    }

    /// Shows a remembered place again; false (with a status line) when its post is gone.
    fn revisit(&mut self, visit: &Visit) -> bool {
        let Some(index) = self.store.index_of_path(&visit.post) else {
            self.set_error(format!(
                "{} is no longer in the folder",
                visit.post.display()
            ));
            return false;
        };
        if !self.show_post(index) {
            return false;
        }
        self.reader.scroll = visit.scroll;
        true
    }

    /// Opens post `index` in the reader and selects it in the list. A post the filter
    /// hides clears the filter, but never in a review session (its posts are its
    /// filter): there it is refused with a status line.
    fn show_post(&mut self, index: usize) -> bool {
        if self.store.position_of(index).is_none() {
            let path = self.store.posts[index].path.display().to_string();
            if self.review.session {
                self.set_error(format!(
                    "{path} is not among this session's posts: leave the session to read it"
                ));
                return false;
            }
            self.store.set_filter("");
            self.set_info(format!("filter cleared to show {path}"));
        }
        self.list.moved = true;
        self.list.select_post(index, &self.store.visible);
        self.sync_reader();
        self.focus = Pane::Reader;
        true
    }

    /// Scrolls the reader to the heading `anchor` names; false (with a status line)
    /// when the post has no such heading.
    fn scroll_to_anchor(&mut self, anchor: &str) -> bool {
        let wanted = anchor_key(anchor);
        let line = self.rendered_in_reader().and_then(|rendered| {
            rendered
                .headings
                .iter()
                .find(|heading| anchor_key(&heading.text) == wanted)
                .map(|heading| heading.line)
        });
        match line {
            Some(line) => {
                self.scroll_to_body_line(line);
                true
            }
            None => {
                self.set_error(format!(
                    "no heading “{}” in this post",
                    sanitize_line(anchor)
                ));
                false
            }
        }
    }

    /// Puts body line `line` at the top of the reader (the header counted as this
    /// post's header, not the last frame's).
    fn scroll_to_body_line(&mut self, line: usize) {
        if let Some(index) = self.reader.post {
            self.reader.header_len = self.header_len(index);
        }
        let total = self.reader.header_len + self.rendered_in_reader().map_or(0, Rendered::len);
        self.reader.total = total;
        self.reader.scroll = 0;
        self.reader
            .scroll_by((self.reader.header_len + line) as isize);
    }

    pub(super) fn open_outline(&mut self) {
        let body_top = self.reader.scroll.saturating_sub(self.reader.header_len);
        let Some(rendered) = self.rendered_in_reader() else {
            return;
        };
        if rendered.headings.is_empty() {
            self.set_info("this post has no headings");
            return;
        }
        // The heading the reader is in now, or the first.
        let selected = rendered
            .headings
            .iter()
            .rposition(|heading| heading.line <= body_top)
            .unwrap_or(0);
        self.focus = Pane::Reader;
        self.layers.push(Layer::Outline { selected });
    }

    /// Moves the outline's selection; true when the outline is on top.
    pub(super) fn move_in_outline(&mut self, delta: isize) -> bool {
        let count = self.rendered_in_reader().map_or(0, |r| r.headings.len());
        let Some(Layer::Outline { selected }) = self.layers.top_mut() else {
            return false;
        };
        *selected = selected
            .saturating_add_signed(delta)
            .min(count.saturating_sub(1));
        true
    }

    /// Jumps to the heading chosen in the outline; true when the outline was on top.
    pub(super) fn jump_from_outline(&mut self) -> bool {
        let Some(Layer::Outline { selected }) = self.layers.top() else {
            return false;
        };
        let selected = *selected;
        self.layers.pop();
        let line = self
            .rendered_in_reader()
            .and_then(|r| r.headings.get(selected))
            .map(|heading| heading.line);
        if let Some(line) = line {
            let here = self.here();
            self.scroll_to_body_line(line);
            self.remember_visit(here);
        }
        true
    }
}
