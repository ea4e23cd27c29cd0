//! Helpers for the editor tests: a small Jekyll-like site (posts in one folder per
//! author, `_drafts` beside them, the built-in template pinned in the site) and
//! drafts written by hand.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use meetup_reader::app::{self, App, ScriptedHost};
use meetup_reader::markdown::{Theme, ThemeName};
use meetup_reader::snapshot::{parse_keys, to_text};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub struct Site {
    pub dir: tempfile::TempDir,
    pub posts: PathBuf,
    pub drafts: PathBuf,
}

/// A site with posts by alice and bob in their own folders, and the built-in template
/// as the site's template (so no user's config changes what the tests see).
pub fn site() -> Site {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    let files = [
        (
            "alice/2024-03-01-first-meetup.md",
            "---\nlayout: post\ntitle: First meetup\nauthor: alice\n---\n\nThe meetup was great.\n",
        ),
        (
            "bob/2023-11-15-rust-night.md",
            "---\nlayout: post\ntitle: Rust night\nauthor: bob\n---\n\nA night of Rust talks.\n",
        ),
    ];
    for (path, text) in files {
        let full = posts.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    let templates = dir.path().join("_templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("reflection.md"),
        meetup_reader::draft::builtin_template(),
    )
    .unwrap();
    let drafts = dir.path().join("_drafts");
    Site { dir, posts, drafts }
}

impl Site {
    /// Writes a draft into `_drafts` and returns its path.
    pub fn draft(&self, name: &str, text: &str) -> PathBuf {
        std::fs::create_dir_all(&self.drafts).unwrap();
        let path = self.drafts.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// An app on the posts folder, loaded, colours off.
    pub fn app(&self) -> App {
        let mut app = App::new(&self.posts, Theme::new(ThemeName::Dark, false));
        app.start_loading();
        app.wait_loader();
        app
    }

    pub fn read(&self, path: &Path) -> String {
        std::fs::read_to_string(path).unwrap()
    }

    /// The files in `_drafts`, hidden ones included, by name.
    pub fn draft_files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.drafts)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }
}

/// A draft with every field and an answer to each of the five questions.
pub fn full_draft(title: &str) -> String {
    let answer = "I went with two friends and we listened to three talks about testing, \
                  then stayed for pizza and long talks with the speakers about their work.";
    let mut text =
        format!("---\nlayout: post\ntitle: {title}\nauthor: alice\ndate: 2024-05-01\n---\n");
    for question in meetup_reader::assignment::DEFAULT_QUESTIONS {
        text.push_str(&format!("\n**{question}**\n\n{answer}\n"));
    }
    text
}

pub fn terminal(width: u16, height: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(width, height)).unwrap()
}

/// Feeds `keys` (the snapshot syntax) into the real loop; returns the screen as text.
pub fn press(app: &mut App, term: &mut Terminal<TestBackend>, keys: &str) -> String {
    let mut host = ScriptedHost::new(parse_keys(keys).unwrap());
    app::run(term, &mut host, app).unwrap();
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
    (host.edited, to_text(term.backend().buffer()))
}
