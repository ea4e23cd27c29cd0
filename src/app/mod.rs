//! The reader app: state, one `update`, and a run loop generic over the ratatui
//! backend, so tests and the `snapshot` command drive the real loop on `TestBackend`.

pub mod action;
pub mod drafting;
pub mod field;
pub mod filter;
mod frame;
pub mod host;
pub mod keymap;
pub mod keymap_settings;
pub mod layers;
pub mod links;
pub mod loader;
#[cfg(test)]
mod loop_tests;
mod paste;
pub mod review;
pub mod store;
pub mod terminal;
pub mod ui;
mod update;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::layout::Rect;

pub use action::Action;
pub use frame::draw_frame;
pub use host::{Host, Hyperlink, Next, ScriptedHost};
pub use keymap::{Keymap, Mode};
pub use layers::{Layer, Layers};
use loader::LoadMsg;
pub use store::{PostStore, SortOrder};
use ui::list::ListView;
use ui::reader::ReaderView;

use crate::config::Settings;
use crate::markdown::{RenderCache, Theme};
use crate::post::{LoadEvent, Post};
use store::Prepared;

/// Which pane has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Reader,
}

/// Which input line is being typed into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Filter,
    Find,
}

/// How far loading has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub discovered: Option<usize>,
    pub received: usize,
}

/// A message in the status line until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// Work the loop does outside `update`, because it needs the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Run the editor on this file (absolute or relative to the working folder).
    Edit(PathBuf),
    Suspend,
    /// Open a web address or a file of the site with the system opener.
    Open(String),
    /// Put text on the terminal's clipboard (OSC 52).
    Copy(String),
}

/// What the app on a terminal does once its first frame is drawn: nothing the first
/// frame does not need comes before it (measured with `cargo bench --bench
/// first_paint`, starting all this first made the first frame come about a fifth later).
#[derive(Debug, Clone, Default)]
pub struct Startup {
    /// The review file the command line named.
    pub review_file: Option<PathBuf>,
}

/// Screen areas of the last frame, so the mouse knows what is under the pointer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Areas {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    /// The rows of a page of the scrolling overlay on top (help, problems, changes).
    pub overlay_page: usize,
}

/// The whole state of the app.
pub struct App {
    pub root: PathBuf,
    /// The folder a relative path typed in the app is taken from (the export path):
    /// where the app was started. Tests point it at a temporary folder.
    pub working_dir: PathBuf,
    pub theme: Theme,
    pub keymap: Keymap,
    pub store: PostStore,
    pub list: ListView,
    pub reader: ReaderView,
    pub focus: Pane,
    /// The input lines, overlays, popups and questions over the screen.
    pub layers: Layers,
    /// `Some` while the loader runs.
    pub loading: Option<Progress>,
    pub status: Option<Status>,
    pub quit: bool,
    /// Files that could not be read, and binary files skipped, from the last load.
    pub unreadable: usize,
    /// Binary files skipped by the last load (not posts, not a problem).
    pub binary_skipped: usize,
    pub cache: RenderCache,
    pub areas: Areas,
    loader: Option<loader::Feed>,
    effects: Vec<Effect>,
    /// The post to select again when a reload delivers it.
    keep_selection: Option<PathBuf>,
    /// Review data, popups and the review session.
    pub review: review::ReviewState,
    /// Drafts, the editor and its prompts.
    pub drafting: drafting::Drafting,
    /// False for `snapshot` (unless `--write`): every action that would write a file
    /// (save, autosave, publish, unpublish, export, a new draft's file or lock) is
    /// refused with a status line saying so, so a headless run never changes a site.
    pub writes_allowed: bool,
    /// The link marks of the last frame a terminal can make clickable; `None` when the
    /// screen is not a terminal's (tests, `snapshot`).
    pub hyperlinks: Option<Vec<Hyperlink>>,
    /// The settings: questions, score scale, opener and the rest.
    pub settings: Arc<Settings>,
    /// Where the site around the posts publishes, keeps drafts and templates.
    pub layout: crate::site::layout::SiteLayout,
    /// [`crate::syntax::generation`] at the last tick: a change means a language was
    /// built and the screen may colour more code.
    syntax_generation: u64,
    /// What is left to do once the first frame is drawn.
    pub startup: Option<Startup>,
}

impl App {
    /// An app for `root` that has not started loading yet (see [`App::start_loading`]),
    /// with the settings in force.
    pub fn new(root: impl Into<PathBuf>, theme: Theme) -> Self {
        Self::with_settings(root, theme, Arc::new(crate::config::current().clone()))
    }

    /// An app for `root` with the given settings, not loading yet.
    pub fn with_settings(root: impl Into<PathBuf>, theme: Theme, settings: Arc<Settings>) -> Self {
        let root = root.into();
        Self {
            layout: crate::site::layout::SiteLayout::new(&root, settings.drafts_dir.as_deref()),
            root,
            working_dir: std::env::current_dir().unwrap_or_default(),
            theme,
            keymap: Keymap::with_settings(&settings.keys).0,
            store: PostStore::measuring(settings.questions.clone()),
            list: ListView::default(),
            reader: ReaderView::default(),
            focus: Pane::List,
            layers: Layers::default(),
            loading: None,
            status: None,
            quit: false,
            unreadable: 0,
            binary_skipped: 0,
            cache: RenderCache::default(),
            areas: Areas::default(),
            loader: None,
            effects: Vec::new(),
            keep_selection: None,
            review: review::ReviewState::default(),
            drafting: drafting::Drafting::default(),
            writes_allowed: true,
            hyperlinks: None,
            syntax_generation: 0,
            startup: None,
            settings,
        }
    }

    /// True, with a status line saying why, when writing is not allowed (`snapshot`):
    /// the caller must not write `what`.
    pub(crate) fn refuses_to_write(&mut self, what: &str) -> bool {
        if self.writes_allowed {
            return false;
        }
        self.set_info(format!(
            "not written: {what} (snapshot never writes; --write allows it)"
        ));
        true
    }

    /// An app with the default theme (colours unless `NO_COLOR`), already loading.
    pub fn open(root: impl Into<PathBuf>) -> Self {
        let mut app = Self::new(root, Theme::configured(crate::config::current()));
        app.start_loading();
        app
    }

    /// Starts (or restarts) the background load; the selection is kept by path.
    pub fn start_loading(&mut self) {
        if let Some(post) = self.selected_post() {
            self.keep_selection = Some(post.path.clone());
        }
        self.store.clear();
        self.cache.clear();
        self.list.reset();
        self.reader.reset(None);
        self.unreadable = 0;
        self.binary_skipped = 0;
        self.review.forget_all();
        // Bounded reads of two small files: the settings and whether includes exist.
        self.store.site = crate::site::Site::find(&self.root, 1);
        if let Some(problem) = self.store.site.problem.clone() {
            self.set_error(problem);
        }
        self.loading = Some(Progress::default());
        self.store
            .read_bodies_from(self.root.clone(), self.read_options());
        self.loader = Some(loader::Feed::new(loader::spawn(
            self.root.clone(),
            self.read_options(),
        )));
    }

    /// How posts are read, as the settings say.
    pub(crate) fn read_options(&self) -> crate::post::ReadOptions {
        crate::post::ReadOptions::from_settings(&self.settings)
    }

    /// The keymap mode the next key is read in: the top layer's, else the screen's.
    pub fn mode(&self) -> Mode {
        if let Some(mode) = self.layers.mode() {
            return mode;
        }
        if self.drafting.editor.is_some() {
            Mode::Editor
        } else if self.review.session {
            Mode::Session
        } else {
            match self.focus {
                Pane::List => Mode::List,
                Pane::Reader => Mode::Reader,
            }
        }
    }

    /// The index (into `store.posts`) of the selected post.
    pub fn selected_index(&self) -> Option<usize> {
        self.list.selected_post(&self.store.visible)
    }

    pub fn selected_post(&self) -> Option<&crate::post::Post> {
        self.selected_index().map(|i| &self.store.posts[i])
    }

    /// Turns a terminal event into an action and applies it. True when the screen changed.
    pub fn handle_event(&mut self, event: &Event) -> bool {
        // What the user does, not the pointer passing over the screen.
        let acts = match event {
            Event::Key(_) | Event::Paste(_) => true,
            Event::Mouse(mouse) => mouse.kind != MouseEventKind::Moved,
            _ => false,
        };
        let reviews_changed = acts && self.refresh_reviews();
        reviews_changed | self.apply_event(event)
    }

    fn apply_event(&mut self, event: &Event) -> bool {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                self.status = None;
                if let Some(action) = self.keymap.action(self.mode(), key) {
                    self.update(action);
                }
                true
            }
            Event::Mouse(mouse) => {
                let (column, row) = (mouse.column, mouse.row);
                let action = match mouse.kind {
                    MouseEventKind::ScrollDown => Action::Wheel {
                        column,
                        row,
                        down: true,
                    },
                    MouseEventKind::ScrollUp => Action::Wheel {
                        column,
                        row,
                        down: false,
                    },
                    MouseEventKind::Down(MouseButton::Left) => Action::Click { column, row },
                    _ => return false,
                };
                self.update(action);
                true
            }
            Event::Paste(text) => {
                self.status = None;
                self.paste(text);
                true
            }
            Event::Resize(..) => true,
            _ => false,
        }
    }

    /// Takes everything the loader has sent so far, filing the posts in the store when
    /// enough have come (see [`loader::Feed`]). True when something arrived.
    pub fn drain_loader(&mut self) -> bool {
        let Some(mut feed) = self.loader.take() else {
            return false;
        };
        let mut changed = false;
        let mut finished = false;
        loop {
            match feed.try_next() {
                Ok(msg) => {
                    changed = true;
                    finished |= self.take_load_msg(msg, &mut feed.pending);
                }
                Err(gone) => {
                    finished |= gone;
                    break;
                }
            }
        }
        let batch = if finished || feed.due(self.store.posts.len()) {
            feed.take_pending()
        } else {
            Vec::new()
        };
        if !finished {
            self.loader = Some(feed);
        }
        if !batch.is_empty() || finished {
            self.add_posts(batch, finished);
        }
        changed || finished
    }

    /// Blocks until the load is over and files every post (scripts and tests wait for
    /// the folder before their keys; few sorts, not one per turn).
    pub fn wait_loader(&mut self) {
        let Some(mut feed) = self.loader.take() else {
            return;
        };
        loop {
            let msg = match feed.try_next() {
                Ok(msg) => msg,
                // Waiting in `recv` had every post's sender wake this thread (4,700
                // switches for 10,000 posts): a moment's sleep, then all that came.
                Err(false) => {
                    std::thread::sleep(Duration::from_millis(1));
                    continue;
                }
                Err(true) => break,
            };
            if self.take_load_msg(msg, &mut feed.pending) {
                break;
            }
            // Filed in batches: a whole folder held in one batch beside the store
            // doubled the memory its posts take.
            if feed.full() {
                self.add_posts(feed.take_pending(), false);
            }
        }
        self.add_posts(feed.take_pending(), true);
    }

    /// Records one loader message; true when loading is over.
    fn take_load_msg(&mut self, msg: LoadMsg, batch: &mut Vec<(Post, Prepared)>) -> bool {
        let progress = self.loading.get_or_insert_with(Progress::default);
        match msg {
            LoadMsg::Event(LoadEvent::Discovered(n)) => {
                progress.discovered = Some(n);
                self.store.reserve(self.store.posts.len() + n);
            }
            LoadMsg::Post(post, prepared) => {
                progress.received += 1;
                batch.push((post, prepared));
            }
            LoadMsg::Event(LoadEvent::Post(post)) => {
                progress.received += 1;
                let prepared = Prepared::listing(&post);
                batch.push((*post, prepared));
            }
            LoadMsg::Event(LoadEvent::Unreadable(..)) => {
                progress.received += 1;
                self.unreadable += 1;
            }
            LoadMsg::Event(LoadEvent::Binary(_)) => {
                progress.received += 1;
                self.binary_skipped += 1;
            }
            LoadMsg::Event(LoadEvent::Finished) => return true,
            LoadMsg::Failed(why) => {
                self.set_error(why);
                return true;
            }
        }
        false
    }

    fn add_posts(&mut self, batch: Vec<(Post, Prepared)>, finished: bool) {
        let before = self.selected_index();
        if !batch.is_empty() {
            let first_new = self.store.posts.len();
            self.store.extend_loading(batch);
            self.recheck_reviews(first_new..self.store.posts.len());
        }
        if finished {
            self.store.finish();
            self.loading = None;
            self.loader = None;
            self.record_seen_posts();
        }
        self.sync_review_statuses();
        // A reload selects the post that was selected before, once it is back.
        let keep = self
            .keep_selection
            .as_deref()
            .and_then(|path| self.store.index_of_path(path));
        if let Some(index) = keep {
            self.keep_selection = None;
            self.list.select_post(index, &self.store.visible);
        } else {
            self.list.follow(before, &self.store.visible);
        }
        if finished {
            self.keep_selection = None;
        }
        self.sync_reader();
    }

    /// True while a load is running.
    pub fn is_loading(&self) -> bool {
        self.loader.is_some()
    }

    /// True while a filter is still ranking posts or reading bodies, a slice per turn
    /// of the loop.
    pub fn is_searching(&self) -> bool {
        self.store.is_searching()
    }

    /// Does the next slice of a filter under way; true when there was one.
    pub fn step_search(&mut self) -> bool {
        self.after_search_step(PostStore::step_search)
    }

    /// Finishes a filter under way (scripts wait for it before their next key).
    pub fn finish_search(&mut self) {
        self.after_search_step(|store| {
            store.finish_search();
            true
        });
    }

    /// True while rubrics wait to be measured after a load (not during one: the load
    /// goes first).
    pub fn is_measuring(&self) -> bool {
        !self.is_loading() && self.store.rubrics_pending()
    }

    /// Measures the next slice of rubrics after a load; true when there was one.
    pub fn measure_step(&mut self) -> bool {
        self.is_measuring() && self.store.measure_rubrics()
    }

    /// Measures every rubric left (scripts wait for them before their next key).
    pub fn finish_measuring(&mut self) {
        if self.is_measuring() {
            self.store.measure_all_rubrics();
        }
    }

    /// Runs a search step, keeping the selection on its post as the list fills.
    fn after_search_step(&mut self, step: impl FnOnce(&mut PostStore) -> bool) -> bool {
        if !self.store.is_searching() {
            return false;
        }
        let before = self.selected_index();
        step(&mut self.store);
        self.list.follow(before, &self.store.visible);
        self.sync_reader();
        true
    }

    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    pub fn set_error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }

    pub fn set_info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    /// After the editor returns: read that post again and show how it went.
    pub fn after_edit(&mut self, rel: &Path, outcome: Result<(), String>) {
        if self.drafting.takes_edit(rel) {
            return self.after_draft_edit(outcome);
        }
        if let Err(why) = outcome {
            self.set_error(why);
            return;
        }
        match self.reload_post(rel) {
            Ok(Some(index)) => {
                self.list.select_post(index, &self.store.visible);
                self.reader.reset(None);
                self.sync_reader();
                self.set_info(format!("reloaded {}", rel.display()));
            }
            Ok(None) => {}
            Err(why) => self.set_error(why),
        }
    }

    /// Reads the loaded post at `rel` again after a change to its file, keeping the
    /// selection where it is. Its index, `None` when it is not in the list; `Err` is a
    /// sentence naming the file.
    pub(crate) fn reload_post(&mut self, rel: &Path) -> Result<Option<usize>, String> {
        let Some(index) = self.store.index_of_path(rel) else {
            return Ok(None);
        };
        let post = crate::post::load_post(&self.root, rel, &self.read_options())
            .map_err(|why| format!("cannot read {}: {why}", rel.display()))?;
        let before = self.selected_index();
        self.cache.invalidate(&rel.to_string_lossy());
        self.store.replace(index, post);
        self.recheck_reviews(index..index + 1);
        self.sync_review_statuses();
        self.list.follow(before, &self.store.visible);
        self.sync_reader();
        if self.reader.post == Some(index) {
            self.expand_liquid();
        }
        Ok(Some(index))
    }

    /// When the loop must wake up by itself for what is due next (the draft's autosave
    /// and counts, a review change waiting for the review file's lock), from `now`.
    pub fn wake_in(&self, now: Instant) -> Option<Duration> {
        let mut wake = self.draft_wake_in(now);
        if self.has_pending_reviews() {
            wake = Some(wake.map_or(REVIEW_RETRY, |wait| wait.min(REVIEW_RETRY)));
        }
        if self.theme.syntax == Some(crate::syntax::Loading::IfReady) && crate::syntax::busy() {
            wake = Some(wake.map_or(SYNTAX_CHECK, |wait| wait.min(SYNTAX_CHECK)));
        }
        wake
    }

    /// Runs what is due at `now`: the draft's timed work, another try at review changes
    /// queued behind the file's lock. True when the screen changed.
    pub fn tick(&mut self, now: Instant) -> bool {
        let mut changed = self.draft_tick(now);
        if self.has_pending_reviews() {
            changed |= self.retry_pending_reviews();
        }
        // A language built since the last frame: code shown plain may now be coloured.
        let generation = crate::syntax::generation();
        let waiting = self.theme.syntax == Some(crate::syntax::Loading::IfReady);
        if waiting && generation != self.syntax_generation {
            self.syntax_generation = generation;
            changed = true;
        }
        changed
    }

    /// After the first frame: the folder starts loading, temporary files crashes left
    /// are cleared away, the review file is opened and unsaved drafts are offered.
    fn start_up(&mut self, startup: Startup) {
        self.start_loading();
        terminal::clean_leftovers_in_background(&self.root, self.layout.drafts.clone());
        self.open_reviews(startup.review_file.as_deref(), review::Access::ReadWrite);
        self.check_recoveries();
    }

    /// Colours code only in languages already built, and starts building them all in
    /// the background: the real terminal's first frame never waits for a grammar.
    pub fn highlight_in_background(&mut self) {
        if self.theme.syntax.is_some() {
            self.theme.syntax = Some(crate::syntax::Loading::IfReady);
            self.syntax_generation = crate::syntax::generation();
        }
    }

    /// Keeps the reader on the selected post (a new post starts at its top).
    pub(crate) fn sync_reader(&mut self) {
        let selected = self.selected_index();
        if self.reader.post != selected {
            self.reader.reset(selected);
            self.expand_liquid();
            // A post found by a `body:` filter opens at the phrase, lit, `n` going on.
            if let Some(phrase) = self.body_phrase()
                && self.reader.width > 0
            {
                self.set_find(phrase);
            }
        }
    }

    /// The phrase of the list's `body:` filter, if it has one.
    pub(crate) fn body_phrase(&self) -> Option<String> {
        let text = &self.store.filter.text;
        let at = text.find("body:")?;
        Some(text[at + "body:".len()..].trim().to_string()).filter(|p| !p.is_empty())
    }

    /// Reads the Liquid of the post in the reader (once per post shown, not per frame:
    /// an include is a file read).
    pub(crate) fn expand_liquid(&mut self) {
        if let Some(index) = self.reader.post
            && self.store.ensure_body(index)
        {
            // The file changed since the folder was read: the post is read again
            // whole, so its counts and rubric are those of the text shown (this comes
            // back here with the body in memory).
            let rel = self.store.posts[index].path.clone();
            match self.reload_post(&rel) {
                Ok(_) => {
                    self.set_info(format!("{} changed on disk: read again", rel.display()));
                    return;
                }
                // The text read is shown; its counts wait for `r`.
                Err(why) => self.set_error(why),
            }
        }
        self.reader.published = self.reader.post.and_then(|index| {
            let post = &self.store.posts[index];
            let store = &self.store;
            let page = crate::liquid::Page {
                front_matter: &post.front_matter,
                url_of: &|reference| store.url_of(reference),
            };
            match crate::liquid::expand(&post.body, page, &self.store.site) {
                std::borrow::Cow::Owned(expanded) => Some(expanded),
                std::borrow::Cow::Borrowed(_) => None,
            }
        });
    }

    /// The body of the post in the reader as the site publishes it (its Liquid read).
    pub fn published_body(&self) -> Option<&str> {
        let index = self.reader.post?;
        Some(
            self.reader
                .published
                .as_deref()
                .unwrap_or(&self.store.posts[index].body),
        )
    }
}

/// While loading, how often the loop takes the posts that arrived (also the
/// key latency during a load), and the least time between two frames.
const LOAD_TICK: Duration = Duration::from_millis(10);
const LOAD_FRAME: Duration = Duration::from_millis(40);

/// How often the loop looks for a language built in the background meanwhile.
const SYNTAX_CHECK: Duration = Duration::from_millis(40);

/// How often a review change queued behind another process's lock is tried again.
const REVIEW_RETRY: Duration = Duration::from_millis(250);

/// The most time the loop spends on waiting events before it draws a frame.
const BATCH_TIME: Duration = Duration::from_millis(50);

/// Runs the app until it quits or the host runs out of events: draw, wait for an
/// event, update, and draw again only if something changed. Every event already
/// waiting is handled before the next frame (a burst of keys or a held key costs one
/// frame, not one each), up to [`BATCH_TIME`] of work so the screen keeps up. While
/// the folder loads the loop wakes by itself every 10 ms; while a filter ranks a big
/// folder or reads bodies, or rubrics are measured after a load, it goes on without
/// waiting, a slice per turn, a key press first (and the frame a key changed comes
/// before the next slice). Meanwhile it draws at most every 40 ms, except for keys.
/// Otherwise it sleeps until the next event.
pub fn run<B: Backend, H: Host>(
    terminal: &mut Terminal<B>,
    host: &mut H,
    app: &mut App,
) -> io::Result<()> {
    let mut dirty = true;
    let mut last_frame: Option<Instant> = None;
    let mut ended = false;
    // Something the user did changed the screen: its frame is never held back.
    let mut answered = false;
    loop {
        let busy = app.is_loading() || app.is_searching() || app.is_measuring();
        let throttled = busy && last_frame.is_some_and(|at| at.elapsed() < LOAD_FRAME);
        if dirty && (!throttled || ended || answered) {
            let _guard = host.output_lock();
            terminal
                .draw(|frame| draw_frame(frame, app))
                .map_err(|e| io::Error::other(e.to_string()))?;
            if let Some(links) = &app.hyperlinks {
                host.hyperlinks(links);
            }
            let first = last_frame.is_none();
            last_frame = Some(Instant::now());
            dirty = false;
            answered = false;
            if first {
                if app.theme.syntax == Some(crate::syntax::Loading::IfReady) {
                    crate::syntax::warm_up();
                }
                if let Some(startup) = app.startup.take() {
                    app.start_up(startup);
                    // What opening the reviews or drafts found is shown; the loop
                    // starts again as a loading one.
                    dirty = true;
                    continue;
                }
            }
        }
        if app.quit || ended {
            return Ok(());
        }
        let mut next = if busy && host.waits_for_load() {
            app.wait_loader();
            app.finish_search();
            app.finish_measuring();
            dirty = true;
            continue;
        } else if app.is_searching() || app.is_measuring() {
            // A key press goes first; else the search goes on at once.
            host.next_event(Some(Duration::ZERO))?
        } else if app.is_loading() {
            host.next_event(Some(LOAD_TICK))?
        } else {
            // Blocks until an event, or until something timed is due.
            host.next_event(app.wake_in(Instant::now()))?
        };
        let started = Instant::now();
        loop {
            match next {
                Next::Event(event) => {
                    let changed = app.handle_event(&event);
                    dirty |= changed;
                    answered |= changed;
                }
                Next::Resumed => {
                    repaint_all(terminal)?;
                    dirty = true;
                }
                Next::Timeout => break,
                Next::End => {
                    ended = true;
                    break;
                }
            }
            // The terminal's next owner (an editor, the shell) gets the keys typed
            // after the one that handed it over.
            let more = host.batches()
                && !app.quit
                && app.effects.is_empty()
                && started.elapsed() < BATCH_TIME;
            if !more {
                break;
            }
            next = host.next_event(Some(Duration::ZERO))?;
        }
        if ended {
            // The last frame, of what the events did; nothing more is started.
            continue;
        }
        let now = Instant::now();
        if !host.batches() {
            dirty |= app.refresh_now(now);
        }
        dirty |= app.tick(now);
        dirty |= app.drain_loader();
        if !answered {
            // After a key, its frame first (the typed letter, the list as it was);
            // the filter goes on in the next turns.
            dirty |= app.step_search() || app.measure_step();
        }
        for effect in app.take_effects() {
            match effect {
                Effect::Edit(path) => {
                    let outcome = host.edit(&app.root.join(&path));
                    app.after_edit(&path, outcome);
                }
                Effect::Suspend => {
                    if let Err(err) = host.suspend() {
                        app.set_error(format!("could not suspend: {err}"));
                    }
                }
                Effect::Open(target) => match host.open(&target) {
                    Ok(()) => app.set_info(format!(
                        "opened {}",
                        crate::sanitize::sanitize_line(&target)
                    )),
                    Err(why) => app.set_error(why),
                },
                Effect::Copy(text) => {
                    match host.copy(&text) {
                        Ok(()) => app
                            .set_info(format!("copied {}", crate::sanitize::sanitize_line(&text))),
                        Err(why) => app.set_error(why),
                    }
                    // Nothing was handed over: no need to draw everything again.
                    dirty = true;
                    continue;
                }
            }
            repaint_all(terminal)?;
            dirty = true;
        }
    }
}

/// After the terminal was handed over (editor, suspend): clear the screen and
/// forget what ratatui thinks is on it, so the next frame is drawn in full.
/// (`Terminal::clear` would ask the terminal for the cursor position, a round
/// trip that some terminals never answer.)
fn repaint_all<B: Backend>(terminal: &mut Terminal<B>) -> io::Result<()> {
    terminal
        .backend_mut()
        .clear_region(ratatui::backend::ClearType::All)
        .map_err(|e| io::Error::other(e.to_string()))?;
    // Each swap resets the buffer it leaves behind: after two, both are blank.
    terminal.swap_buffers();
    terminal.swap_buffers();
    Ok(())
}
