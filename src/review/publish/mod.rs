//! Unpublishing: toggle `published: false` in a post's front matter, touching only
//! that one line. Every other byte — line endings, a byte-order mark, comments,
//! the body — stays exactly as it was, and toggling twice gives back the same file.
//!
//! The rules, chosen so that the toggle is its own inverse:
//! - no `published` key: add [`ADDED_LINE`] as the last line of the front matter;
//! - exactly [`ADDED_LINE`] (ours): remove it;
//! - any other `published: true|false` line: flip the value in place, keeping its
//!   case (`True` ↔ `False`), spacing and comment.
//!
//! A plain `published: false` cannot be both "remove me" and "flip me", which is why
//! the added line carries a short comment.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

mod front;

use crate::fsutil::{Overwrite, write_atomic};
use front::{Front, analyse};

/// The line the toggle adds, and the only `published` line it removes.
pub const ADDED_LINE: &str = "published: false # set by meetup-reader";

/// Why a file's front matter is too damaged to edit safely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefuseReason {
    NoFrontMatter,
    MissingOpening { closing_line: usize },
    BlankLineBeforeFrontMatter,
    MistypedOpening { found: String },
    Unclosed,
    MistypedClosing { line: usize, found: String },
    NotUtf8,
    TooLarge,
    InvalidYaml { reason: String },
    NotAMapping,
    WrongCaseKey { line: usize, key: String },
    DuplicateKey { lines: Vec<usize> },
    UnclearValue { line: usize, value: String },
    UnusualLayout,
}

impl fmt::Display for RefuseReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoFrontMatter => write!(
                f,
                "the file has no front matter (it must start with a `---` line), so there is no `published` key to set"
            ),
            Self::MissingOpening { closing_line } => write!(
                f,
                "the front matter has a closing `---` on line {closing_line} but no opening `---` on line 1; add one first"
            ),
            Self::BlankLineBeforeFrontMatter => write!(
                f,
                "something comes before the opening `---` on line 1, so Jekyll does not see the front matter; remove it first"
            ),
            Self::MistypedOpening { found } => write!(
                f,
                "the front matter's opening line is `{found}` instead of `---`; fix it first"
            ),
            Self::Unclosed => write!(
                f,
                "the front matter has no closing `---` line, so it is unclear where it ends; add one first"
            ),
            Self::MistypedClosing { line, found } => write!(
                f,
                "line {line} closes the front matter with `{found}` instead of `---`; fix it first"
            ),
            Self::NotUtf8 => write!(f, "the front matter is not valid UTF-8 text"),
            Self::TooLarge => write!(
                f,
                "the front matter is over {} KiB, far more than a post needs; shorten it first",
                front::MAX_FRONT_MATTER_BYTES / 1024
            ),
            Self::InvalidYaml { reason } => {
                write!(
                    f,
                    "the front matter is not valid YAML ({reason}); fix it first"
                )
            }
            Self::NotAMapping => write!(
                f,
                "the front matter is not a list of `key: value` lines, so a line cannot be added safely"
            ),
            Self::WrongCaseKey { line, key } => write!(
                f,
                "line {line} has `{key}:`, which Jekyll ignores because keys are case-sensitive; rename it to `published` first"
            ),
            Self::DuplicateKey { lines } => write!(
                f,
                "`published` appears more than once (lines {}); keep one first",
                lines
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Self::UnclearValue { line, value } => write!(
                f,
                "line {line} sets `published` to `{value}`, which is not plainly true or false; write true or false first"
            ),
            Self::UnusualLayout => write!(
                f,
                "the `published` key is written in a form this tool does not edit; change it by hand"
            ),
        }
    }
}

impl std::error::Error for RefuseReason {}

/// Whether the post is published: `false` only when the front matter says so.
pub fn is_published(bytes: &[u8]) -> Result<bool, RefuseReason> {
    let front = analyse(bytes)?;
    Ok(front.published.as_ref().is_none_or(|p| p.value))
}

/// Adds, flips or removes the `published` line (see the module docs).
pub fn toggle_published(bytes: &[u8]) -> Result<Vec<u8>, RefuseReason> {
    let front = analyse(bytes)?;
    let mut out = Vec::with_capacity(bytes.len() + ADDED_LINE.len() + 2);
    match &front.published {
        None => {
            let at = front.closing_start;
            out.extend_from_slice(&bytes[..at]);
            out.extend_from_slice(ADDED_LINE.as_bytes());
            out.extend_from_slice(front.insert_eol);
            out.extend_from_slice(&bytes[at..]);
        }
        Some(line) if &bytes[line.start..line.content_end] == ADDED_LINE.as_bytes() => {
            out.extend_from_slice(&bytes[..line.start]);
            out.extend_from_slice(&bytes[line.end..]);
        }
        Some(line) => {
            let old = &bytes[line.value_start..line.value_end];
            out.extend_from_slice(&bytes[..line.value_start]);
            out.extend_from_slice(flip_bool_word(old).as_bytes());
            out.extend_from_slice(&bytes[line.value_end..]);
        }
    }
    // Belt and braces: the result must parse, and say the opposite of the original.
    let was = front.published.as_ref().is_none_or(|p| p.value);
    match is_published(&out) {
        Ok(now) if now != was => Ok(out),
        _ => Err(RefuseReason::UnusualLayout),
    }
}

/// The file's bytes without its `published` line (when the front matter is sound),
/// so a review's content hash does not change when the post is only unpublished.
pub fn without_published_line(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    match analyse(bytes) {
        Ok(Front {
            published: Some(line),
            ..
        }) => {
            let mut out = bytes[..line.start].to_vec();
            out.extend_from_slice(&bytes[line.end..]);
            std::borrow::Cow::Owned(out)
        }
        _ => std::borrow::Cow::Borrowed(bytes),
    }
}

/// What went wrong toggling a file on disk.
#[derive(Debug, thiserror::Error)]
pub enum ToggleError {
    #[error("cannot unpublish or republish {}: {reason}", path.display())]
    Refused { path: PathBuf, reason: RefuseReason },
    #[error("cannot read or write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// Toggles the post at `path` in place, atomically, keeping its permissions.
/// Returns whether the post is published afterwards. A post that is a link is changed
/// in its target when that is inside `site`, and refused otherwise.
pub fn toggle_published_file(path: &Path, site: &Path) -> Result<bool, ToggleError> {
    rewrite_published(path, site, |_| true)
}

/// Makes the post at `path` published (`true`) or not, as [`toggle_published_file`]
/// does, leaving the file untouched when it already is.
pub fn set_published_file(path: &Path, site: &Path, published: bool) -> Result<(), ToggleError> {
    rewrite_published(path, site, |now| now != published).map(|_| ())
}

/// Toggles the post at `path` when `should_toggle` says so, given whether it is
/// published now. Returns whether it is published afterwards.
fn rewrite_published(
    path: &Path,
    site: &Path,
    should_toggle: impl FnOnce(bool) -> bool,
) -> Result<bool, ToggleError> {
    let io_err = |source| ToggleError::Io {
        path: path.to_path_buf(),
        source,
    };
    let path = &crate::fsutil::resolve_for_edit(path, site).map_err(io_err)?;
    let bytes =
        crate::fsutil::read_regular_file(path, crate::fsutil::caps::POST).map_err(io_err)?;
    let refused = |reason| ToggleError::Refused {
        path: path.to_path_buf(),
        reason,
    };
    let now = is_published(&bytes).map_err(refused)?;
    if !should_toggle(now) {
        return Ok(now);
    }
    let toggled = toggle_published(&bytes).map_err(refused)?;
    // Replacing keeps the post's permissions.
    write_atomic(path, &toggled, Overwrite::Replace).map_err(|e| io_err(e.into_io()))?;
    Ok(is_published(&toggled).unwrap_or(true))
}

fn flip_bool_word(word: &[u8]) -> &'static str {
    match word {
        b"true" => "false",
        b"True" => "False",
        b"TRUE" => "FALSE",
        b"false" => "true",
        b"False" => "True",
        _ => "TRUE",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toggle(text: &str) -> String {
        String::from_utf8(toggle_published(text.as_bytes()).unwrap()).unwrap()
    }

    #[test]
    fn adds_before_the_closing_line() {
        let original = "---\ntitle: A\n---\nbody\n";
        let once = toggle(original);
        assert_eq!(once, format!("---\ntitle: A\n{ADDED_LINE}\n---\nbody\n"));
        assert!(!is_published(once.as_bytes()).unwrap());
        assert_eq!(toggle(&once), original);
    }

    #[test]
    fn flips_in_place_keeping_case_and_comment() {
        let original = "---\npublished:  False  # hidden\ntitle: A\n---\n";
        let once = toggle(original);
        assert_eq!(once, "---\npublished:  True  # hidden\ntitle: A\n---\n");
        assert_eq!(toggle(&once), original);
    }

    #[test]
    fn a_plain_false_is_flipped_not_removed() {
        let original = "---\ntitle: A\npublished: false\n---\n";
        assert_eq!(toggle(original), "---\ntitle: A\npublished: true\n---\n");
    }

    #[test]
    fn crlf_and_bom_are_kept() {
        let original = "\u{feff}---\r\ntitle: A\r\n---\r\nbody\r\n";
        let once = toggle(original);
        assert_eq!(
            once,
            format!("\u{feff}---\r\ntitle: A\r\n{ADDED_LINE}\r\n---\r\nbody\r\n")
        );
        assert_eq!(toggle(&once), original);
    }

    #[test]
    fn empty_front_matter_takes_a_line() {
        let once = toggle("---\n---\n");
        assert_eq!(once, format!("---\n{ADDED_LINE}\n---\n"));
        assert_eq!(toggle(&once), "---\n---\n");
    }

    #[test]
    fn damaged_front_matters_are_refused() {
        type Expect = fn(&RefuseReason) -> bool;
        let cases: &[(&str, Expect)] = &[
            ("no front matter\n", |r| *r == RefuseReason::NoFrontMatter),
            ("", |r| *r == RefuseReason::NoFrontMatter),
            ("\n---\ntitle: A\n---\n", |r| {
                *r == RefuseReason::BlankLineBeforeFrontMatter
            }),
            ("--\ntitle: A\n---\n", |r| {
                matches!(r, RefuseReason::MistypedOpening { .. })
            }),
            ("---\ntitle: A\nbody\n", |r| *r == RefuseReason::Unclosed),
            ("---\ntitle: A\n----\nbody\n", |r| {
                matches!(r, RefuseReason::MistypedClosing { line: 3, .. })
            }),
            ("---\ntitle: \"A\n---\n", |r| {
                matches!(r, RefuseReason::InvalidYaml { .. })
            }),
            ("---\n- a\n- b\n---\n", |r| *r == RefuseReason::NotAMapping),
            ("---\nPublished: false\n---\n", |r| {
                matches!(r, RefuseReason::WrongCaseKey { line: 2, .. })
            }),
            ("---\npublished: no\n---\n", |r| {
                matches!(r, RefuseReason::UnclearValue { .. })
            }),
            ("---\npublished: \"false\"\n---\n", |r| {
                matches!(r, RefuseReason::UnclearValue { .. })
            }),
        ];
        for (text, expected) in cases {
            let reason = toggle_published(text.as_bytes()).unwrap_err();
            assert!(expected(&reason), "{text:?} gave {reason:?}");
            let sentence = reason.to_string();
            assert!(!sentence.contains('\n'), "{sentence}");
        }
    }

    #[test]
    fn a_huge_front_matter_is_refused_without_parsing_it() {
        let huge = format!("---\n{}---\nbody\n", "key: value\n".repeat(10_000));
        assert_eq!(
            toggle_published(huge.as_bytes()),
            Err(RefuseReason::TooLarge)
        );
        // A long body after a small front matter is fine.
        let long_body = format!("---\ntitle: A\n---\n{}", "word ".repeat(1_000_000));
        let once = toggle_published(long_body.as_bytes()).unwrap();
        assert_eq!(toggle_published(&once).unwrap(), long_body.as_bytes());
        // A body without a closing line, however long, is refused as unclosed or too large.
        let unclosed = format!("---\ntitle: A\n{}", "word ".repeat(1_000_000));
        assert_eq!(
            toggle_published(unclosed.as_bytes()),
            Err(RefuseReason::TooLarge)
        );
    }

    #[test]
    fn hash_input_ignores_only_the_published_line() {
        let with = format!("---\ntitle: A\n{ADDED_LINE}\n---\nbody\n");
        assert_eq!(
            &*without_published_line(with.as_bytes()),
            b"---\ntitle: A\n---\nbody\n"
        );
        assert_eq!(&*without_published_line(b"no fm"), b"no fm");
    }
}
