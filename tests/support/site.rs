//! What the tests read: sites of posts in temp folders (one builder and its presets),
//! a copy of the repository's sample posts, drafts, and posts made in memory.

use std::path::{Path, PathBuf};

use meetup_reader::app::App;
use meetup_reader::app::review::Access;
use meetup_reader::markdown::{Theme, ThemeName};
use meetup_reader::post::{Diagnostic, Post, PostDate, count_words};

/// Writes each file (a path relative to `root`, its bytes), making the folders.
pub fn write_files<P: AsRef<Path>, B: AsRef<[u8]>>(
    root: &Path,
    files: impl IntoIterator<Item = (P, B)>,
) {
    for (rel, bytes) in files {
        let full = root.join(rel);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }
}

/// A temp folder holding `files`.
pub fn folder_with<P: AsRef<Path>, B: AsRef<[u8]>>(
    files: impl IntoIterator<Item = (P, B)>,
) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), files);
    dir
}

/// A site in a temp folder: its posts (one folder per author), `_drafts` beside them,
/// and, apart from the site, a private folder for review files and data.
pub struct Site {
    /// The site's folder.
    pub dir: tempfile::TempDir,
    /// Where the posts are: `posts/` in the site, or the site's folder itself.
    pub posts: PathBuf,
    pub drafts: PathBuf,
    /// A temp folder outside the site.
    pub private: tempfile::TempDir,
}

impl Site {
    /// An empty site whose posts go in `posts/`, `_drafts` beside it.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let posts = dir.path().join("posts");
        Self::at(dir, posts)
    }

    /// An empty site that is only a folder of posts (the temp folder itself).
    pub fn flat() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let posts = dir.path().to_path_buf();
        Self::at(dir, posts)
    }

    fn at(dir: tempfile::TempDir, posts: PathBuf) -> Self {
        std::fs::create_dir_all(&posts).unwrap();
        let drafts = dir.path().join("_drafts");
        Self {
            dir,
            posts,
            drafts,
            private: tempfile::tempdir().unwrap(),
        }
    }

    /// Adds a post at `rel` in the posts folder.
    pub fn post(self, rel: &str, text: impl AsRef<[u8]>) -> Self {
        write_files(&self.posts, [(rel, text)]);
        self
    }

    /// Pins the built-in template as the site's template, so no user's config
    /// changes what the tests see.
    pub fn builtin_template(self) -> Self {
        write_files(
            self.dir.path(),
            [(
                "_templates/reflection.md",
                meetup_reader::draft::builtin_template(),
            )],
        );
        self
    }

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

    /// An app on the posts folder with [`Site::review_file`] open, loading, colours off.
    pub fn review_app(&self) -> App {
        let mut app = App::new(&self.posts, Theme::new(ThemeName::Dark, false));
        app.open_reviews(Some(&self.review_file()), Access::ReadWrite);
        app.start_loading();
        app
    }

    /// A review file outside the site.
    pub fn review_file(&self) -> PathBuf {
        self.private.path().join("reviews.json")
    }

    pub fn post_path(&self, rel: &str) -> PathBuf {
        self.posts.join(rel)
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

    /// Replaces the posts' and the private folder's paths in a screen, for stable
    /// snapshots.
    pub fn redact(&self, screen: &str) -> String {
        screen
            .replace(&self.posts.display().to_string(), "[SITE]")
            .replace(&self.private.path().display().to_string(), "[PRIVATE]")
    }
}

/// The drafting site: posts by alice and bob in `posts/`, and the built-in template as
/// the site's template.
pub fn site() -> Site {
    Site::new()
        .post(
            "alice/2024-03-01-first-meetup.md",
            "---\nlayout: post\ntitle: First meetup\nauthor: alice\n---\n\nThe meetup was great.\n",
        )
        .post(
            "bob/2023-11-15-rust-night.md",
            "---\nlayout: post\ntitle: Rust night\nauthor: bob\n---\n\nA night of Rust talks.\n",
        )
        .builtin_template()
}

/// The reviewing site, a bare folder of four posts, newest first: ann (complete), bob
/// (two answers), cat (complete, CRLF), dan (no questions at all).
pub fn review_site() -> Site {
    Site::flat()
        .post(
            "ann/2024-04-01-ann.md",
            format!(
                "---\nlayout: post\ntitle: Ann at the meetup\nauthor: ann\n---\n\n{}",
                full_body(25)
            ),
        )
        .post(
            "bob/2024-03-01-bob.md",
            format!(
                "---\nlayout: post\ntitle: Bob, briefly\nauthor: bob\n---\n\n## How did it go?\n\n{}\n\n**What did you learn?**\n\n{}\n",
                answer(30),
                answer(5)
            ),
        )
        .post(
            "cat/2024-02-01-cat.md",
            format!(
                "---\r\nlayout: post\r\ntitle: Cat's reflection\r\nauthor: cat\r\n---\r\n\r\n{}",
                full_body(21).replace('\n', "\r\n")
            ),
        )
        .post(
            "dan/2024-01-01-dan.md",
            "---\nlayout: post\ntitle: Dan went\nauthor: dan\n---\n\nIt was fine.\n",
        )
}

/// A folder of three small posts on disk (with front matter, for the real parser).
pub fn fixture_dir() -> tempfile::TempDir {
    folder_with([
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
    ])
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

fn answer(words: usize) -> String {
    (0..words)
        .map(|n| format!("word{n}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A body answering every question (as `##` headings) with `words` words each.
pub fn full_body(words: usize) -> String {
    meetup_reader::assignment::DEFAULT_QUESTIONS
        .iter()
        .map(|q| format!("## {q}\n\n{}\n\n", answer(words)))
        .collect()
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

pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
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
        author: author.into(),
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
        url: None,
        rubric: None,
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
