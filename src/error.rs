//! Errors the library reports; `main` turns each into one friendly sentence.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the folder {} does not exist", .0.display())]
    FolderMissing(PathBuf),
    #[error("{} is not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the reader needs a terminal; in scripts use `list`, `check`, `show` or `snapshot`")]
    NoTerminal,
    #[error("{} holds binary data, not a post", .0.display())]
    Binary(PathBuf),
    /// Review changes queued behind another process's lock when the app quit.
    #[error("{0}")]
    ReviewsNotSaved(String),
    #[error("cannot write to standard output: {source}")]
    Output {
        #[source]
        source: std::io::Error,
    },
}

pub type Result<T> = std::result::Result<T, Error>;
