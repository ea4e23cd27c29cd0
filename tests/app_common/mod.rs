//! Helpers shared by the app tests: fixture folders, synthetic posts, and running
//! the real loop on `TestBackend` with a key script.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use meetup_reader::app::{self, App, ScriptedHost};
use meetup_reader::markdown::{Theme, ThemeName};
use meetup_reader::post::{Diagnostic, Post, PostDate, count_words};
use meetup_reader::snapshot::{parse_keys, to_text};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A folder of small posts on disk (with front matter, for the real parser).
pub fn fixture_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files: &[(&str, &str)] = &[
        (
            "alice/2024-03-01-first-meetup.md",
            "---\nlayout: post\ntitle: First meetup\nauthor: alice\ncategories: [reflection]\ntags: [python]\n---\n\n# How did it go?\n\nThe meetup was great. I met a Rust developer and we talked about Python.\n",
        ),
        (
            "bob/2023-11-15-rust-night.md",
            "---\nlayout: post\ntitle: Rust night\nauthor: bob\npublished: false\n---\n\nA night of Rust talks. Rust is fast.\n",
        ),
        (
            "carol/2024-01-10-data-science.md",
            "---\nlayout: post\ntitle: Data science social\nauthor: carol\n---\n\nPandas, notebooks and pizza.\n",
        ),
    ];
    for (path, text) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    dir
}

/// The sample posts shipped with the repository, copied to a temp folder.
pub fn sample_posts() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("posts");
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&src).unwrap();
        let dst = dir.path().join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dst).unwrap();
        } else {
            std::fs::copy(entry.path(), &dst).unwrap();
        }
    }
    dir
}

/// A post built in memory, so model tests do not depend on the parser.
pub fn post(
    path: &str,
    title: &str,
    author: &str,
    date: Option<(i32, u8, u8)>,
    body: &str,
) -> Post {
    Post {
        path: PathBuf::from(path),
        title: title.to_string(),
        author: author.to_string(),
        date: date.and_then(|(y, m, d)| PostDate::new(y, m, d)),
        slug: title.to_lowercase().replace(' ', "-"),
        categories: vec!["reflection".into()],
        tags: vec![],
        published: true,
        layout: Some("post".into()),
        front_matter: String::new(),
        body: body.to_string(),
        body_line: 1,
        words: count_words(body),
        diagnostics: vec![],
    }
}

/// Five posts in memory: one with problems, one unpublished, one undated.
pub fn sample_library() -> Vec<Post> {
    let mut broken = post(
        "carol/2024-01-10-broken.md",
        "Broken front matter",
        "carol",
        Some((2024, 1, 10)),
        "The body.\n",
    );
    broken.diagnostics.push(Diagnostic::error(
        "front-matter-unclosed",
        "the front matter has no closing `---`; add one after the last key",
        Some(1),
    ));
    let mut draft = post(
        "bob/2023-11-15-rust-night.md",
        "Rust night",
        "bob",
        Some((2023, 11, 15)),
        "A night of Rust talks.\n\nRust is fast. Rust is safe.\n",
    );
    draft.published = false;
    draft.tags = vec!["rust".into()];
    let long_body: String = (1..=80)
        .map(|n| format!("Paragraph {n} about the meetup and Python.\n\n"))
        .collect();
    vec![
        post(
            "alice/2024-03-01-first-meetup.md",
            "First meetup",
            "alice",
            Some((2024, 3, 1)),
            &long_body,
        ),
        draft,
        broken,
        post(
            "dave/notes.md",
            "Undated notes",
            "dave",
            None,
            "Notes without a date.\n",
        ),
        post(
            "erin/2022-05-05-data.md",
            "Data science social",
            "erin",
            Some((2022, 5, 5)),
            "Pandas and pizza.\n",
        ),
    ]
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

pub fn terminal(width: u16, height: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(width, height)).unwrap()
}

/// Feeds `keys` (the snapshot syntax) into the real loop; returns the screen as text.
pub fn press(app: &mut App, term: &mut Terminal<TestBackend>, keys: &str) -> String {
    let mut host = ScriptedHost::new(parse_keys(keys).unwrap());
    app::run(term, &mut host, app).unwrap();
    screen(term)
}

pub fn screen(term: &Terminal<TestBackend>) -> String {
    to_text(term.backend().buffer())
}

/// The title of the selected post.
pub fn selected_title(app: &App) -> String {
    app.selected_post()
        .map(|p| p.title.clone())
        .unwrap_or_default()
}

/// Replaces a temp folder's path in a screen, for stable snapshots.
pub fn redact(screen: &str, dir: &Path) -> String {
    screen.replace(&dir.display().to_string(), "[DIR]")
}
