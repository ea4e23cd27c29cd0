//! Split a post file into front matter and body, parse the YAML, recover from damage.

use std::path::Path;

use super::{Post, count_words};

/// Parses one post file's bytes. Never panics, never fails: what cannot be recovered
/// becomes a diagnostic.
pub fn parse_post(rel_path: &Path, bytes: &[u8]) -> Post {
    // Placeholder until the real parser lands: the whole file is the body.
    let text = String::from_utf8_lossy(bytes).into_owned();
    let slug = rel_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Post {
        path: rel_path.to_path_buf(),
        title: slug.clone(),
        author: String::new(),
        date: None,
        slug,
        categories: Vec::new(),
        tags: Vec::new(),
        published: true,
        layout: None,
        front_matter: String::new(),
        words: count_words(&text),
        body: text,
        body_line: 1,
        diagnostics: Vec::new(),
    }
}
