//! Helpers for the review app tests: a site of posts (one answering every question,
//! others not), a review file outside it, and the real loop on TestBackend.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use meetup_reader::app::review::Access;
use meetup_reader::app::{self, App, ScriptedHost};
use meetup_reader::markdown::{Theme, ThemeName};
use meetup_reader::snapshot::{parse_keys, to_text};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A temp site folder and, apart from it, a temp folder for the review file.
pub struct Site {
    pub posts: tempfile::TempDir,
    pub private: tempfile::TempDir,
}

impl Site {
    pub fn review_file(&self) -> PathBuf {
        self.private.path().join("reviews.json")
    }

    pub fn post_path(&self, rel: &str) -> PathBuf {
        self.posts.path().join(rel)
    }

    /// An app on the site with the review file, loaded.
    pub fn app(&self) -> App {
        let mut app = App::new(self.posts.path(), Theme::new(ThemeName::Dark, false));
        app.open_reviews(Some(&self.review_file()), Access::ReadWrite);
        app.start_loading();
        app
    }

    /// Replaces the temp folders' paths in a screen, for stable snapshots.
    pub fn redact(&self, screen: &str) -> String {
        screen
            .replace(&self.posts.path().display().to_string(), "[SITE]")
            .replace(&self.private.path().display().to_string(), "[PRIVATE]")
    }
}

fn answer(words: usize) -> String {
    (0..words)
        .map(|n| format!("word{n}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A body answering every question with `words` words each.
pub fn full_body(words: usize) -> String {
    meetup_reader::assignment::DEFAULT_QUESTIONS
        .iter()
        .map(|q| format!("## {q}\n\n{}\n\n", answer(words)))
        .collect()
}

/// Four posts, newest first: ann (complete), bob (two answers), cat (complete,
/// CRLF), dan (no questions at all).
pub fn site() -> Site {
    let posts = tempfile::tempdir().unwrap();
    let private = tempfile::tempdir().unwrap();
    let files: Vec<(&str, String)> = vec![
        (
            "ann/2024-04-01-ann.md",
            format!(
                "---\nlayout: post\ntitle: Ann at the meetup\nauthor: ann\n---\n\n{}",
                full_body(25)
            ),
        ),
        (
            "bob/2024-03-01-bob.md",
            format!(
                "---\nlayout: post\ntitle: Bob, briefly\nauthor: bob\n---\n\n## How did it go?\n\n{}\n\n**What did you learn?**\n\n{}\n",
                answer(30),
                answer(5)
            ),
        ),
        (
            "cat/2024-02-01-cat.md",
            format!(
                "---\r\nlayout: post\r\ntitle: Cat's reflection\r\nauthor: cat\r\n---\r\n\r\n{}",
                full_body(21).replace('\n', "\r\n")
            ),
        ),
        (
            "dan/2024-01-01-dan.md",
            "---\nlayout: post\ntitle: Dan went\nauthor: dan\n---\n\nIt was fine.\n".to_string(),
        ),
    ];
    for (rel, text) in files {
        let full = posts.path().join(rel);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    Site { posts, private }
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

/// Types `text` (spaces included) into the app, one key per character.
pub fn type_text(app: &mut App, term: &mut Terminal<TestBackend>, text: &str) -> String {
    let keys: Vec<String> = text
        .chars()
        .map(|c| match c {
            ' ' => "space".to_string(),
            c => c.to_string(),
        })
        .collect();
    press(app, term, &keys.join(" "))
}

pub fn selected_title(app: &App) -> String {
    app.selected_post()
        .map(|p| p.title.clone())
        .unwrap_or_default()
}

/// The screen line holding `text`.
pub fn line_with(screen: &str, text: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no line with {text:?} in\n{screen}"))
        .to_string()
}

pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}
