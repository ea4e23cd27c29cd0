//! The app's real loop on ratatui's `TestBackend`: apps to drive, keys fed in the
//! snapshot syntax (`j enter ctrl-s`), and the screen read back as text.

use std::path::{Path, PathBuf};

use meetup_reader::app::{self, App, ScriptedHost};
use meetup_reader::markdown::{Theme, ThemeName};
use meetup_reader::post::Post;
use meetup_reader::snapshot::{parse_keys, to_text};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn terminal(width: u16, height: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(width, height)).unwrap()
}

/// Feeds `keys` (the snapshot syntax) into the real loop; returns the screen as text.
pub fn press(app: &mut App, term: &mut Terminal<TestBackend>, keys: &str) -> String {
    let mut host = ScriptedHost::new(parse_keys(keys).unwrap());
    app::run(term, &mut host, app).unwrap();
    screen(term)
}

/// The screen as text.
/// The cell where `text` first shows on screen (to check its style); `None` when it
/// does not show.
pub fn cell_of(term: &Terminal<TestBackend>, text: &str) -> Option<ratatui::buffer::Cell> {
    let buffer = term.backend().buffer();
    let width = usize::from(buffer.area.width);
    buffer
        .content()
        .chunks(width)
        .enumerate()
        .find_map(|(y, row)| {
            let line: String = row.iter().map(|cell| cell.symbol()).collect();
            let x = line[..line.find(text)?].chars().count();
            Some(buffer.content()[y * width + x].clone())
        })
}

pub fn screen(term: &Terminal<TestBackend>) -> String {
    to_text(term.backend().buffer())
}

/// The keys that type `text` (spaces as `space`).
pub fn typed(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == ' ' {
                "space".to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Types `text` (spaces included) into the app, one key per character.
pub fn type_text(app: &mut App, term: &mut Terminal<TestBackend>, text: &str) -> String {
    press(app, term, &typed(text))
}

/// An app holding `posts` (no loader), colours off so screens are plain.
pub fn app_with(posts: Vec<Post>) -> App {
    let mut app = App::new("library", Theme::new(ThemeName::Dark, false));
    app.store.extend(posts);
    app.store.finish();
    app
}

/// An app loading `dir` in the background, colours off.
pub fn app_loading(dir: &Path) -> App {
    let mut app = App::new(dir, Theme::new(ThemeName::Dark, false));
    app.start_loading();
    app
}

/// The titles the list shows, in its order.
pub fn visible_titles(app: &App) -> Vec<String> {
    app.store
        .visible
        .iter()
        .map(|&i| app.store.posts[i].title.clone())
        .collect()
}

/// The title of the selected post.
pub fn selected_title(app: &App) -> String {
    app.selected_post()
        .map(|p| p.title.clone())
        .unwrap_or_default()
}

/// The index in the store of the post titled `title` (there must be one).
pub fn index_of_title(app: &App, title: &str) -> usize {
    app.store
        .posts
        .iter()
        .position(|p| p.title == title)
        .unwrap_or_else(|| panic!("no post titled {title:?}"))
}

/// The open editor's whole text.
pub fn editor_text(app: &App) -> String {
    app.drafting
        .editor
        .as_ref()
        .expect("the editor is open")
        .text()
}

/// Presses ctrl-e in the open editor with `hook` standing in for `$EDITOR`; returns
/// the files handed to it and the screen after.
pub fn edit_externally(
    app: &mut App,
    hook: impl FnMut(&Path) -> Result<(), String> + 'static,
) -> (Vec<PathBuf>, String) {
    let mut host = ScriptedHost::new(parse_keys("ctrl-e").unwrap()).on_edit(hook);
    let mut term = terminal(120, 40);
    app::run(&mut term, &mut host, app).unwrap();
    (host.edited, screen(&term))
}

/// The screen line holding `text`.
pub fn line_with(screen: &str, text: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no line with {text:?} in\n{screen}"))
        .to_string()
}

/// The status bar's text: the rows under the panes' bottom border, joined (a long
/// message wraps onto several).
pub fn status_text(screen: &str) -> String {
    let rows: Vec<&str> = screen.lines().collect();
    let below = rows
        .iter()
        .rposition(|l| l.starts_with('└'))
        .map_or(0, |i| i + 1);
    rows[below..].join(" ")
}

/// Replaces a temp folder's path in a screen, for stable snapshots.
pub fn redact(screen: &str, dir: &Path) -> String {
    screen.replace(&dir.display().to_string(), "[DIR]")
}
