//! What can go wrong while drafting and publishing; each error is one sentence that
//! names the file or value at fault.

use std::path::PathBuf;

use crate::fsutil::WriteError;

#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{} is not UTF-8 text", .0.display())]
    NotText(PathBuf),
    #[error("the posts folder {} does not exist (pass --dir to name another)", .0.display())]
    PostsFolderMissing(PathBuf),
    #[error("--date {0:?} is not a real date; write it as YYYY-MM-DD, e.g. 2023-02-28")]
    BadDate(String),
    #[error(
        "the draft {} says `date: {date}`, which is not a real date; correct it (YYYY-MM-DD) or pass --date",
        path.display()
    )]
    BadDraftDate { path: PathBuf, date: String },
    #[error(
        "{} has no front matter; start it with a `---` line, then `title:` and `author:`, then `---`",
        .0.display()
    )]
    NoFrontMatter(PathBuf),
    #[error("the front matter of {} is not valid YAML: {message}", path.display())]
    BadFrontMatter { path: PathBuf, message: String },
    #[error("{} has no {field}; add a `{field}:` line to its front matter", path.display())]
    MissingField { path: PathBuf, field: &'static str },
    #[error(
        "{} has unsaved text from an earlier session in {}; recover or delete that file first",
        draft.display(),
        recovery.display()
    )]
    UnsavedRecovery { draft: PathBuf, recovery: PathBuf },
    #[error(
        "{} is already in the posts folder {}; publish drafts from `_drafts`",
        draft.display(),
        posts.display()
    )]
    AlreadyAPost { draft: PathBuf, posts: PathBuf },
    #[error("{} would not publish cleanly: {message}", path.display())]
    Rejected { path: PathBuf, message: String },
    #[error(
        "published {}, but could not remove the draft {}: {source}",
        post.display(),
        draft.display()
    )]
    DraftNotRemoved {
        draft: PathBuf,
        post: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("could not remove {}: {source}", path.display())]
    Remove {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{} is open in {holder}; leave it there first (or work on a copy)",
        path.display()
    )]
    OpenElsewhere { path: PathBuf, holder: String },
    #[error(
        "{} was changed by another program since it was opened here; nothing was saved",
        .0.display()
    )]
    ChangedElsewhere(PathBuf),
    #[error("cannot write to standard output ({source}); the file is {}", written.display())]
    Output {
        written: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the editor {editor:?} could not run: {message}")]
    Editor { editor: String, message: String },
}

pub type DraftResult<T> = std::result::Result<T, DraftError>;
