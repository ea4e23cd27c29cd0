//! What the folder held when its review file was last opened, so that `is:new` can
//! keep the posts added or changed since: one fingerprint per post, kept privately
//! beside the review file (`<review file>.seen`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::fsutil::{Overwrite, WriteError, write_atomic_private};

/// A post's content as `is:new` compares it: its front matter and body, hashed.
pub fn fingerprint(front_matter: &str, body: &str) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(front_matter.as_bytes());
    // Keeps "a" + "b" apart from "ab" + "".
    hasher.update(&[0]);
    hasher.update(body.as_bytes());
    hasher.digest()
}

/// The posts of the folder when the review file was last opened, by [`post_key`](super::post_key).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeenPosts {
    posts: HashMap<String, u64>,
}

impl SeenPosts {
    pub fn insert(&mut self, key: String, fingerprint: u64) {
        self.posts.insert(key, fingerprint);
    }

    pub fn len(&self) -> usize {
        self.posts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.posts.is_empty()
    }

    /// True when the post at `key` was not in the folder then, or read differently.
    pub fn is_new(&self, key: &str, fingerprint: u64) -> bool {
        self.posts.get(key) != Some(&fingerprint)
    }

    /// The record beside `review_file`: `None` when there is none yet (the review file
    /// was never opened by a version that keeps one) or it cannot be read; either way
    /// every post counts as new.
    pub fn read_beside(review_file: &Path) -> Option<Self> {
        let bytes =
            crate::fsutil::read_if_present(&seen_path(review_file), crate::fsutil::caps::REVIEWS)
                .ok()??;
        serde_json::from_slice(&bytes).ok()
    }

    /// Writes the record beside `review_file`, atomically and privately.
    pub fn write_beside(&self, review_file: &Path) -> Result<PathBuf, WriteError> {
        let bytes = serde_json::to_vec(self).unwrap_or_default();
        write_atomic_private(&seen_path(review_file), &bytes, Overwrite::Replace)
    }
}

/// Where [`SeenPosts`] of `review_file` are kept.
fn seen_path(review_file: &Path) -> PathBuf {
    super::location::beside(review_file, "seen")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_is_new_until_recorded_with_the_same_content() {
        let dir = tempfile::tempdir().unwrap();
        let review_file = dir.path().join("reviews.json");
        assert_eq!(SeenPosts::read_beside(&review_file), None);
        let mut seen = SeenPosts::default();
        seen.insert("a.md".into(), fingerprint("title: A", "body"));
        seen.write_beside(&review_file).unwrap();
        let read = SeenPosts::read_beside(&review_file).unwrap();
        assert!(!read.is_new("a.md", fingerprint("title: A", "body")));
        assert!(read.is_new("a.md", fingerprint("title: A", "body, changed")));
        assert!(read.is_new("b.md", fingerprint("title: A", "body")));
        assert_ne!(fingerprint("a", "b"), fingerprint("ab", ""));
    }

    #[test]
    fn an_unreadable_record_makes_every_post_new() {
        let dir = tempfile::tempdir().unwrap();
        let review_file = dir.path().join("reviews.json");
        std::fs::write(dir.path().join("reviews.json.seen"), "{ not json").unwrap();
        assert_eq!(SeenPosts::read_beside(&review_file), None);
    }
}
