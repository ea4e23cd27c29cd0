//! Review sessions' domain: statuses, scores and notes kept privately per site, the
//! rubric (which questions a post answers), unpublishing, and export.
//! Nothing here knows about the terminal.

pub mod export;
pub mod ideas;
pub mod location;
pub mod model;
pub mod publish;
pub mod rubric;
pub mod seen;
pub mod store;
pub mod texts;

use std::path::PathBuf;

pub use location::{DATA_DIR_ENV, ReviewLocation};
pub use model::{
    Progress, Review, ReviewStatus, content_hash, format_number, format_score, parse_score_out_of,
    post_key,
};
pub use publish::{RefuseReason, set_published_file, toggle_published, toggle_published_file};
pub use rubric::{Rubric, Section, author_words, find_sections};
pub use store::ReviewStore;

/// What can go wrong with review data; each reads as one sentence naming the file.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error(
        "the review file {} cannot be read ({reason}); it was left as it is and a copy was kept at {}",
        path.display(),
        copy.display()
    )]
    Corrupt {
        path: PathBuf,
        copy: PathBuf,
        reason: String,
    },
    #[error(
        "the review file {} was written by a newer meetup-reader (format {version}); update meetup-reader to use it",
        path.display()
    )]
    NewerVersion { path: PathBuf, version: u32 },
    #[error("the review file {} is open read-only, so the change was not saved", path.display())]
    ReadOnly { path: PathBuf },
    /// Another process holds the lock that serialises saves (see
    /// [`ReviewStore::try_save`]); the change is still in the store, unsaved.
    #[error(
        "the review file {} is locked by another meetup-reader (or review command); try again when it has finished",
        path.display()
    )]
    Busy { path: PathBuf },
    #[error(
        "the review file would be {}, inside the site {}, where it could be published; set {DATA_DIR_ENV} elsewhere or pass --review-file",
        path.display(),
        site.display()
    )]
    InsideSite { path: PathBuf, site: PathBuf },
    #[error("cannot find your data folder; set {DATA_DIR_ENV} or pass --review-file")]
    NoDataDir,
    #[error("the score {0} is not a number")]
    InvalidScore(String),
    #[error("cannot read or write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}
