//! The domain: a post as the loader recovered it, and what is wrong with it.
//! Nothing here knows about the terminal.

pub mod check;
pub mod filename;
pub mod front_matter;
pub mod library;
pub mod lint;
pub mod names;
mod pasted;
mod salvage;
mod simple_yaml;
pub mod split;
mod word_count;
pub mod yaml;

use std::path::PathBuf;

use arcstr::ArcStr;

use serde::Serialize;

pub use filename::PostDate;
pub use library::{
    Keep, Library, LoadEvent, ReadOptions, load_folder, load_folder_streaming, load_folder_with,
    load_post,
};
pub use lint::Lint;
pub use word_count::count_words;

/// How bad a diagnostic is: errors make Jekyll skip a post or publish it wrongly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem found in a post, with how to fix it.
///
/// Made with [`Diagnostic::new`] from a rule of the registry ([`lint`]), which gives it
/// its name and severity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable rule name, listed in the README (e.g. `front-matter-unclosed`).
    pub rule: &'static str,
    /// What is wrong and how to fix it, in one or two sentences.
    pub message: String,
    /// 1-based line in the file, where known.
    pub line: Option<usize>,
}

impl Diagnostic {
    /// A diagnostic of the rule `lint`: its name and severity are the registry's.
    pub fn new(lint: &'static Lint, message: impl Into<String>, line: Option<usize>) -> Self {
        Self {
            severity: lint.severity,
            rule: lint.name,
            message: message.into(),
            line,
        }
    }

    /// A warning of the registry's rule called `rule` (for tests, which name rules as text).
    ///
    /// # Panics
    ///
    /// When the registry has no warning called `rule`.
    pub fn warning(rule: &str, message: impl Into<String>, line: Option<usize>) -> Self {
        Self::new(registered(rule, Severity::Warning), message, line)
    }

    /// An error of the registry's rule called `rule` (for tests, which name rules as text).
    ///
    /// # Panics
    ///
    /// When the registry has no error called `rule`.
    pub fn error(rule: &str, message: impl Into<String>, line: Option<usize>) -> Self {
        Self::new(registered(rule, Severity::Error), message, line)
    }

    /// The rule this diagnostic reports, from the registry.
    pub fn lint(&self) -> Option<&'static Lint> {
        lint::by_name(self.rule)
    }
}

/// The registry's rule called `name`, which must have `severity`.
fn registered(name: &str, severity: Severity) -> &'static Lint {
    match lint::by_name(name) {
        Some(lint) if lint.severity == severity => lint,
        Some(lint) => panic!(
            "the rule `{name}` is a {:?}, not a {severity:?} (see src/post/lint.rs)",
            lint.severity
        ),
        None => panic!("no rule `{name}` in the registry (src/post/lint.rs)"),
    }
}

/// A post, with everything the loader could recover from its file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Post {
    /// The path relative to the folder that was loaded.
    #[serde(serialize_with = "serialize_path")]
    pub path: PathBuf,
    pub title: String,
    /// Shared by the posts of one author (see [`names`]), as are the layout,
    /// categories and tags.
    pub author: ArcStr,
    pub date: Option<PostDate>,
    pub slug: String,
    pub categories: Vec<ArcStr>,
    pub tags: Vec<ArcStr>,
    pub published: bool,
    pub layout: Option<ArcStr>,
    /// The front matter's text as written (without its delimiters), empty when there is none.
    #[serde(skip)]
    pub front_matter: String,
    /// The Markdown body, after the front matter.
    #[serde(skip)]
    pub body: String,
    /// The 1-based line of the file where the body starts.
    #[serde(skip)]
    pub body_line: usize,
    pub words: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// Where the site publishes the post (with its `url` and `baseurl`), when the folder
    /// is in a site with a `_config.yml`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The post measured against the questions, when the loader was asked to
    /// ([`Keep::SummaryAndRubric`]); otherwise whoever needs it measures the body. Boxed:
    /// the app keeps 100,000 posts without one.
    #[serde(skip)]
    pub rubric: Option<Box<crate::review::Rubric>>,
}

impl Post {
    pub fn has_problems(&self) -> bool {
        !self.diagnostics.is_empty()
    }
}

/// Orders two titles (or authors) as lists sort them: character by character, in
/// lower case and with accents taken off, so "Émile" sorts among the E's. The app's
/// filter folds text the same way, and sorts by the folded text it keeps.
pub fn compare_titles(a: &str, b: &str) -> std::cmp::Ordering {
    // ASCII first, a byte at a time: folding it is lower-casing it (posts of a day
    // tie on their date, and sorting 100,000 compares their titles often).
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let mut same = 0;
    while same < x.len().min(y.len()) && x[same].is_ascii() && y[same].is_ascii() {
        let order = x[same]
            .to_ascii_lowercase()
            .cmp(&y[same].to_ascii_lowercase());
        if order.is_ne() {
            return order;
        }
        same += 1;
    }
    // Both are on a character boundary here: every byte before was ASCII.
    let (a, b) = (&a[same..], &b[same..]);
    a.chars().map(sort_fold).cmp(b.chars().map(sort_fold))
}

/// A character as titles are compared: accents off, then lower case (nucleo's
/// matcher folds the same way).
pub fn sort_fold(c: char) -> char {
    use nucleo_matcher::chars;
    chars::to_lower_case(chars::normalize(c))
}

/// Paths as text, even when a file name is not valid UTF-8.
fn serialize_path<S: serde::Serializer>(path: &std::path::Path, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&path.display())
}
