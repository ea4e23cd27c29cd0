//! `meetup-reader review export|mark`: the review data from the command line.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::cli::{
    ExportFormatArg, ReviewArgs, ReviewCommand, ReviewExportArgs, ReviewMarkArgs, default_posts_dir,
};
use crate::fsutil::{Overwrite, WriteError, write_atomic_private};
use crate::post::load_folder_with;
use crate::review::export::{ExportFormat, Sheet, render, rows};
use crate::review::location::{self, is_inside_site, risky_place_warning};
use crate::review::{ReviewError, ReviewStore, post_key};
use crate::sanitize::sanitize_line;

use super::exit;

/// What a review command can fail with; each reads as one sentence.
#[derive(Debug, thiserror::Error)]
pub enum ReviewCommandError {
    #[error(transparent)]
    Review(#[from] ReviewError),
    #[error(transparent)]
    Posts(#[from] crate::error::Error),
    #[error("{} already exists; pass --force to replace it", .0.display())]
    OutputExists(PathBuf),
    #[error("cannot write to standard output: {0}")]
    Stdout(#[source] io::Error),
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot read the post {}: {source}", path.display())]
    ReadPost {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{} is not inside the posts folder {}; pass --dir to name its folder", path.display(), dir.display())]
    NotInSite { path: PathBuf, dir: PathBuf },
    #[error("{0}; pass --fresh to start a new review file (the copy stays)")]
    CorruptForMark(ReviewError),
    #[error("{} is inside the site folder {}, where grades and notes may be published; write the export elsewhere, or pass --force to write it there anyway", path.display(), site.display())]
    ExportInSite { path: PathBuf, site: PathBuf },
    #[error("nothing to change: give --status, --score, --clear-score or --note")]
    NothingToChange,
    #[error("{0}")]
    BadScore(String),
}

pub fn run(args: ReviewArgs, out: &mut impl Write) -> Result<u8, ReviewCommandError> {
    match args.command {
        ReviewCommand::Export(args) => export(args, out),
        ReviewCommand::Mark(args) => mark(args, out),
    }
}

/// How long `review mark` waits for the review file while another process (the app,
/// another `review mark`) is saving it, before giving up with one sentence.
const LOCK_WAIT: Duration = Duration::from_secs(3);

fn warn(message: &str) {
    eprintln!("meetup-reader: warning: {message}");
}

fn open_location(
    dir: &Path,
    explicit: Option<&Path>,
) -> Result<location::ReviewLocation, ReviewCommandError> {
    let found = location::resolve(dir, explicit, None)?;
    if let Some(warning) = &found.warning {
        warn(warning);
    }
    Ok(found)
}

fn export(args: ReviewExportArgs, out: &mut impl Write) -> Result<u8, ReviewCommandError> {
    let dir = args.dir.unwrap_or_else(default_posts_dir);
    let options = crate::post::ReadOptions::from_settings(crate::config::current());
    let library = load_folder_with(&dir, &options)?;
    let found = open_location(&dir, args.review_file.as_deref())?;
    let store = ReviewStore::open(&found.path)?;
    let format = match args.format {
        ExportFormatArg::Csv => ExportFormat::Csv,
        ExportFormatArg::Markdown => ExportFormat::Markdown,
        ExportFormatArg::Json => ExportFormat::Json,
    };
    let settings = crate::config::current();
    let sheet = Sheet {
        score_max: settings.score_max,
        questions: &settings.questions,
    };
    let bytes = render(&rows(&library, &store, sheet.questions), format, sheet);
    match args.output {
        Some(path) => {
            let site = crate::site::layout::SiteLayout::new(&dir, None).published;
            // Grades inside a blog's folder are one `git add .` from being published.
            if is_inside_site(&path, &site) && !args.force {
                return Err(ReviewCommandError::ExportInSite {
                    path: path.clone(),
                    site,
                });
            }
            if let Some(warning) = risky_place_warning(&path, &site, "the export") {
                warn(&warning);
            }
            let overwrite = if args.force {
                Overwrite::Replace
            } else {
                Overwrite::Refuse
            };
            // 0600: the export holds the same grades and notes as the review file.
            write_atomic_private(&path, &bytes, overwrite).map_err(|err| match err {
                WriteError::Exists(_) => ReviewCommandError::OutputExists(path.clone()),
                WriteError::Io { source, .. } => ReviewCommandError::Write {
                    path: path.clone(),
                    source,
                },
                WriteError::NotAFile { what, .. } => ReviewCommandError::Write {
                    path: path.clone(),
                    source: std::io::Error::other(format!(
                        "it is {what}, not a regular file, so it was left as it is even with --force"
                    )),
                },
            })?;
        }
        None => out
            .write_all(&bytes)
            .and_then(|()| out.flush())
            .map_err(ReviewCommandError::Stdout)?,
    }
    Ok(exit::OK)
}

fn mark(args: ReviewMarkArgs, out: &mut impl Write) -> Result<u8, ReviewCommandError> {
    if args.status.is_none() && args.score.is_none() && !args.clear_score && args.note.is_none() {
        return Err(ReviewCommandError::NothingToChange);
    }
    let dir = args.dir.unwrap_or_else(default_posts_dir);
    // Read here, not by the argument parser: the scale comes from the settings.
    let score = args
        .score
        .as_deref()
        .map(|text| crate::review::parse_score_out_of(text, crate::config::current().score_max))
        .transpose()
        .map_err(ReviewCommandError::BadScore)?;
    let (file, key) = locate_post(&dir, &args.path)?;
    let bytes = crate::fsutil::read_regular_file(&file, crate::post::library::MAX_FILE_BYTES)
        .map_err(|source| ReviewCommandError::ReadPost {
            path: args.path.clone(),
            source,
        })?;
    let found = open_location(&dir, args.review_file.as_deref())?;
    let mut store = if args.fresh {
        ReviewStore::open_fresh_keeping_copy(&found.path)?
    } else {
        ReviewStore::open(&found.path).map_err(|err| match err {
            ReviewError::Corrupt { .. } => ReviewCommandError::CorruptForMark(err),
            other => other.into(),
        })?
    };
    let review = store.update(&key, &bytes, |review| {
        if let Some(status) = args.status {
            review.status = status;
        }
        if let Some(score) = score {
            review.score = Some(score);
        }
        if args.clear_score {
            review.score = None;
        }
        if let Some(note) = args.note {
            review.note = note;
        }
    })?;
    // Never waits forever: a process holding the lock (stuck, or stopped with ctrl-z)
    // makes the command fail with a sentence naming the file.
    store.save_waiting(LOCK_WAIT)?;
    for clash in store.take_conflicts() {
        warn(&crate::sanitize::sanitize_line(&clash));
    }
    let mut line = format!("{}: {}", sanitize_line(&key), review.status);
    if let Some(score) = review.score {
        line.push_str(&format!(
            " · score {}",
            crate::review::format_score(score, crate::config::current().score_max)
        ));
    }
    if !review.note.is_empty() {
        line.push_str(" · note");
    }
    writeln!(out, "{line}").map_err(ReviewCommandError::Stdout)?;
    Ok(exit::OK)
}

/// The post's file and its key, for a path given relative to the current folder or
/// to the posts folder.
fn locate_post(dir: &Path, path: &Path) -> Result<(PathBuf, String), ReviewCommandError> {
    let not_in_site = || ReviewCommandError::NotInSite {
        path: path.to_path_buf(),
        dir: dir.to_path_buf(),
    };
    let canonical_dir = dir.canonicalize().map_err(|source| ReviewError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let file = if path.exists() {
        path.to_path_buf()
    } else {
        dir.join(path)
    };
    let canonical_file = file
        .canonicalize()
        .map_err(|source| ReviewCommandError::ReadPost {
            path: path.to_path_buf(),
            source,
        })?;
    let rel = canonical_file
        .strip_prefix(&canonical_dir)
        .map_err(|_| not_in_site())?;
    if rel.as_os_str().is_empty() || !canonical_file.is_file() {
        return Err(not_in_site());
    }
    Ok((canonical_file.clone(), post_key(rel)))
}
