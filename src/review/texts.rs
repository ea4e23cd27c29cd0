//! The text of each post as it was when its review last changed, kept so that
//! "changed since review" can show what changed. Compressed, private (beside the
//! review file, in `<review file>.texts/`, `0700`/`0600`) and capped: a post over
//! [`MAX_TEXT_BYTES`] is not kept, and beyond [`MAX_TOTAL_BYTES`] the texts kept
//! longest ago are dropped.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};
use similar::{ChangeTag, TextDiff};
use std::borrow::Cow;
use std::time::{Duration, Instant};

use crate::fsutil::{Overwrite, WriteError, create_private_folder, write_atomic_private};

/// The largest post whose reviewed text is kept.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;
/// The most the kept texts may take on disk, compressed.
pub const MAX_TOTAL_BYTES: u64 = 64 * 1024 * 1024;
/// Texts kept between two checks of the total size (each check lists the folder).
const KEEPS_BETWEEN_CHECKS: usize = 32;

/// The kept texts of one review file.
#[derive(Debug, Clone)]
pub struct ReviewedTexts {
    dir: PathBuf,
    keeps_since_check: usize,
}

impl ReviewedTexts {
    /// The texts kept beside `review_file`.
    pub fn beside(review_file: &Path) -> Self {
        Self {
            dir: super::location::beside(review_file, "texts"),
            // The first keep of a run checks the total.
            keeps_since_check: KEEPS_BETWEEN_CHECKS,
        }
    }

    /// Keeps `bytes`, whose [`content_hash`](super::content_hash) is `hash`, as a
    /// reviewed text of the post at `key`; a text already kept is not written again.
    /// Older texts of the post stay until [`trim_to`](Self::trim_to) drops them: a review
    /// change that is undone (a failed save, a bulk change that stops half way) goes
    /// back to a hash whose text must still be there.
    pub fn keep(&mut self, key: &str, hash: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let path = self.path_of(key, hash);
        if bytes.len() > MAX_TEXT_BYTES || path.is_file() {
            return Ok(());
        }
        create_private_folder(&self.dir).map_err(|source| WriteError::Io {
            path: self.dir.clone(),
            source,
        })?;
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        let compressed = encoder
            .write_all(bytes)
            .and_then(|()| encoder.finish())
            .map_err(|source| WriteError::Io {
                path: path.clone(),
                source,
            })?;
        write_atomic_private(&path, &compressed, Overwrite::Replace)?;
        self.keeps_since_check += 1;
        if self.keeps_since_check >= KEEPS_BETWEEN_CHECKS {
            self.keeps_since_check = 0;
            self.trim_to(MAX_TOTAL_BYTES);
        }
        Ok(())
    }

    /// The text kept for `key` with this `hash`, if any (and readable).
    pub fn get(&self, key: &str, hash: &str) -> Option<Vec<u8>> {
        let compressed =
            crate::fsutil::read_regular_file(&self.path_of(key, hash), MAX_TEXT_BYTES as u64)
                .ok()?;
        let mut text = Vec::new();
        GzDecoder::new(compressed.as_slice())
            .take(MAX_TEXT_BYTES as u64 + 1)
            .read_to_end(&mut text)
            .ok()?;
        (text.len() <= MAX_TEXT_BYTES && super::content_hash(&text) == hash).then_some(text)
    }

    /// Drops the texts kept longest ago until the folder holds at most `cap` bytes.
    pub fn trim_to(&self, cap: u64) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let mut files: Vec<_> = entries
            .flatten()
            .filter_map(|entry| {
                let meta = entry.metadata().ok().filter(|m| m.is_file())?;
                Some((meta.modified().ok()?, meta.len(), entry.path()))
            })
            .collect();
        let mut total: u64 = files.iter().map(|(_, len, _)| len).sum();
        if total <= cap {
            return;
        }
        files.sort();
        for (_, len, path) in files {
            if total <= cap {
                break;
            }
            if std::fs::remove_file(&path).is_ok() {
                total -= len;
            }
        }
    }

    /// A file name for a key's text with this hash: the same on every system, never a
    /// path, and a new one when the text changes (so a text kept is never rewritten).
    fn path_of(&self, key: &str, hash: &str) -> PathBuf {
        let digest = Sha256::digest(key.as_bytes());
        let name: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
        let text: String = hash
            .rsplit(':')
            .next()
            .unwrap_or_default()
            .chars()
            .filter(char::is_ascii_hexdigit)
            .take(24)
            .collect();
        self.dir.join(format!("{name}-{text}.gz"))
    }
}

/// One line of [`changes`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffLine {
    /// In both versions (context around a change).
    Same(String),
    /// Only in the reviewed text: its pieces, `true` for the words that changed.
    Removed(Vec<(bool, String)>),
    /// Only in the post now: its pieces, `true` for the words that changed.
    Added(Vec<(bool, String)>),
    /// Unchanged lines left out between two changes.
    Skipped(usize),
}

impl DiffLine {
    /// The line's text, without the marks of the words that changed.
    pub fn text(&self) -> String {
        match self {
            Self::Same(text) => text.clone(),
            Self::Removed(pieces) | Self::Added(pieces) => {
                pieces.iter().map(|(_, piece)| piece.as_str()).collect()
            }
            Self::Skipped(_) => String::new(),
        }
    }
}

/// How long a diff may look for the smallest set of changes before it settles for a
/// larger one: a post is read in a keystroke, whatever its size.
const DIFF_DEADLINE: Duration = Duration::from_millis(200);

/// What changed from the reviewed text to the post now: the differing lines with
/// `context` unchanged lines around each change, the changed words within a changed
/// line marked (a reflection's paragraph is one long line). The `published` line is
/// left out, as the review's hash leaves it out: unpublishing is not a change.
pub fn changes(reviewed: &str, now: &str, context: usize) -> Vec<DiffLine> {
    let reviewed = without_published(reviewed);
    let now = without_published(now);
    let deadline = Instant::now() + DIFF_DEADLINE;
    let diff = TextDiff::configure()
        .deadline(deadline)
        .diff_lines(reviewed.as_ref(), now.as_ref());
    let mut lines = Vec::new();
    let mut last_shown = 0;
    for group in diff.grouped_ops(context) {
        let first = group.first().map_or(0, |op| op.old_range().start);
        if first > last_shown {
            lines.push(DiffLine::Skipped(first - last_shown));
        }
        for op in &group {
            for change in diff.iter_inline_changes_deadline(op, Some(deadline)) {
                let mut pieces: Vec<(bool, String)> = change
                    .iter_strings_lossy()
                    .map(|(changed, piece)| (changed, piece.into_owned()))
                    .collect();
                if let Some((_, last)) = pieces.last_mut() {
                    let kept = last.trim_end_matches(['\n', '\r']).len();
                    last.truncate(kept);
                }
                pieces.retain(|(_, piece)| !piece.is_empty());
                lines.push(match change.tag() {
                    ChangeTag::Equal => {
                        DiffLine::Same(pieces.into_iter().map(|(_, piece)| piece).collect())
                    }
                    ChangeTag::Delete => DiffLine::Removed(pieces),
                    ChangeTag::Insert => DiffLine::Added(pieces),
                });
            }
        }
        last_shown = group.last().map_or(last_shown, |op| op.old_range().end);
    }
    let total = diff.old_slices().len();
    if !lines.is_empty() && total > last_shown {
        lines.push(DiffLine::Skipped(total - last_shown));
    }
    lines
}

/// `text` without its front matter's `published` line, as the review's hash reads it.
fn without_published(text: &str) -> Cow<'_, str> {
    match super::publish::without_published_line(text.as_bytes()) {
        Cow::Borrowed(_) => Cow::Borrowed(text),
        Cow::Owned(bytes) => Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keeps `text` for `key` as a review would; its hash.
    fn keep(texts: &mut ReviewedTexts, key: &str, text: &[u8]) -> String {
        let hash = super::super::content_hash(text);
        texts.keep(key, &hash, text).unwrap();
        hash
    }

    #[test]
    fn a_kept_text_comes_back_as_it_was_and_older_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let mut texts = ReviewedTexts::beside(&dir.path().join("reviews.json"));
        let first = keep(&mut texts, "a/post.md", b"first\n");
        let other = keep(&mut texts, "b/post.md", b"other\n");
        assert_eq!(texts.get("a/post.md", &first).unwrap(), b"first\n");
        assert_eq!(texts.get("b/post.md", &first), None);
        let second = keep(&mut texts, "a/post.md", b"second\n");
        assert_eq!(texts.get("a/post.md", &second).unwrap(), b"second\n");
        // The first stays, for a review change that is undone.
        assert_eq!(texts.get("a/post.md", &first).unwrap(), b"first\n");
        assert_eq!(texts.get("b/post.md", &other).unwrap(), b"other\n");
        // Kept again unchanged (a note added): nothing is written.
        let file = texts.path_of("a/post.md", &second);
        let written = std::fs::metadata(&file).unwrap().modified().unwrap();
        keep(&mut texts, "a/post.md", b"second\n");
        assert_eq!(
            std::fs::metadata(&file).unwrap().modified().unwrap(),
            written
        );
    }

    #[test]
    fn a_post_too_large_is_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut texts = ReviewedTexts::beside(&dir.path().join("reviews.json"));
        let large = keep(&mut texts, "a.md", &vec![b'x'; MAX_TEXT_BYTES + 1]);
        assert_eq!(texts.get("a.md", &large), None);
    }

    #[test]
    fn the_folder_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mut texts = ReviewedTexts::beside(&dir.path().join("reviews.json"));
        keep(&mut texts, "a.md", b"words\n");
        let folder = dir.path().join("reviews.json.texts");
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&folder), 0o700);
        let file = std::fs::read_dir(&folder).unwrap().next().unwrap().unwrap();
        assert_eq!(mode(&file.path()), 0o600);
    }

    #[test]
    fn trimming_drops_the_oldest_first() {
        let dir = tempfile::tempdir().unwrap();
        let mut texts = ReviewedTexts::beside(&dir.path().join("reviews.json"));
        let old_hash = keep(&mut texts, "old.md", b"old\n");
        let old = texts.path_of("old.md", &old_hash);
        let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(past)
            .unwrap();
        let new_hash = keep(&mut texts, "new.md", b"new\n");
        let one = std::fs::metadata(texts.path_of("new.md", &new_hash))
            .unwrap()
            .len();
        texts.trim_to(one);
        assert_eq!(texts.get("old.md", &old_hash), None);
        assert_eq!(texts.get("new.md", &new_hash).unwrap(), b"new\n");
    }

    #[test]
    fn changes_show_the_differing_lines_with_context_and_count_the_rest() {
        let reviewed: String = (1..=20).map(|n| format!("line {n}\n")).collect();
        let now = reviewed.replace("line 10\n", "line ten\n");
        let lines = changes(&reviewed, &now, 1);
        assert_eq!(
            lines,
            [
                DiffLine::Skipped(8),
                DiffLine::Same("line 9".into()),
                DiffLine::Removed(vec![(false, "line ".into()), (true, "10".into())]),
                DiffLine::Added(vec![(false, "line ".into()), (true, "ten".into())]),
                DiffLine::Same("line 11".into()),
                DiffLine::Skipped(9),
            ]
        );
        assert!(changes("same\n", "same\n", 3).is_empty());
    }

    #[test]
    fn unpublishing_is_not_a_change() {
        let reviewed = "---\ntitle: A\n---\nbody\n";
        let now = "---\ntitle: A\npublished: false # set by meetup-reader\n---\nbody\n";
        assert!(changes(reviewed, now, 3).is_empty());
        let edited = now.replace("body", "body, edited");
        let lines = changes(reviewed, &edited, 0);
        let changed: Vec<_> = lines
            .iter()
            .filter(|line| matches!(line, DiffLine::Removed(_) | DiffLine::Added(_)))
            .map(DiffLine::text)
            .collect();
        assert_eq!(changed, ["body", "body, edited"]);
    }
}
