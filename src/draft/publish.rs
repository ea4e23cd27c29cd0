//! Publishing a draft: check it, name it `YYYY-MM-DD-slug.md`, write it into the posts
//! folder (the author's folder in a per-author site) without overwriting anything, and
//! only then remove the draft.

use std::path::{Path, PathBuf};

use super::date::{parse_date_opt, today};
use super::error::{DraftError, DraftResult};
use super::front::{read_fields, replace_date_line, split};
use super::session::recovery_path;
use super::site::{author_folder, existing_slugs, free_slug};
use super::slug::slugify;
use crate::fsutil::{Overwrite, write_atomic};
use crate::post::front_matter::parse_post;
use crate::post::{PostDate, Severity};

/// Where and what a draft would be published as; nothing is written yet. The editor
/// shows `target` in its status line and confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishPlan {
    /// The file to write (a `-2` suffix may still be added if it is taken by then).
    pub target: PathBuf,
    /// The post's bytes: the draft, with its `date:` line (if any) set to the date, and
    /// without a byte-order mark or CRLF line ends.
    pub text: String,
    pub date: PostDate,
    /// Warnings the loader would report for the post, as `rule: message`.
    pub warnings: Vec<String>,
}

/// A published post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub path: PathBuf,
    pub warnings: Vec<String>,
}

/// Checks a draft's text and works out where it goes. The date is `date`, else the
/// draft's own `date:`, else today. Errors when the title or author is missing, or
/// when the loader would find an error in the result.
pub fn plan_publish(
    draft_path: &Path,
    draft_text: &str,
    posts_dir: &Path,
    date: Option<PostDate>,
) -> DraftResult<PublishPlan> {
    // Editors on Windows may add a byte-order mark and CRLF line ends; the loader warns
    // about both, and Jekyll needs neither, so the post is written without them.
    let normalized = draft_text
        .strip_prefix('\u{feff}')
        .unwrap_or(draft_text)
        .replace("\r\n", "\n");
    let draft_text = normalized.as_str();
    let parts = split(draft_text).ok_or_else(|| DraftError::NoFrontMatter(draft_path.into()))?;
    let fields = read_fields(parts.yaml).map_err(|message| DraftError::BadFrontMatter {
        path: draft_path.into(),
        message,
    })?;
    let missing = |field| DraftError::MissingField {
        path: draft_path.into(),
        field,
    };
    if fields.title.is_empty() {
        return Err(missing("title"));
    }
    if fields.author.is_empty() {
        return Err(missing("author"));
    }
    // An explicit date wins; a draft's own date must be a real one, never silently
    // replaced by today's.
    let date = match (date, fields.date.as_deref()) {
        (Some(date), _) => date,
        (None, Some(written)) => {
            parse_date_opt(written).ok_or_else(|| DraftError::BadDraftDate {
                path: draft_path.into(),
                date: written.to_string(),
            })?
        }
        (None, None) => today(),
    };
    // Keep the front matter's date and the file name's in agreement.
    let text = if fields.has_date_key {
        replace_date_line(draft_text, &date.to_string()).unwrap_or_else(|| draft_text.to_string())
    } else {
        draft_text.to_string()
    };

    let folder =
        author_folder(posts_dir, &fields.author).unwrap_or_else(|| posts_dir.to_path_buf());
    let slug = free_slug(&slugify(&fields.title), &existing_slugs(posts_dir));
    let target = folder.join(format!("{date}-{slug}.md"));
    let rel = target.strip_prefix(posts_dir).unwrap_or(&target);
    let post = parse_post(rel, text.as_bytes());
    if let Some(error) = post
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
    {
        return Err(DraftError::Rejected {
            path: draft_path.into(),
            message: format!("{} ({})", error.message, error.rule),
        });
    }
    let warnings = post
        .diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.rule, d.message))
        .collect();
    Ok(PublishPlan {
        target,
        text,
        date,
        warnings,
    })
}

/// Publishes the draft at `draft_path` into `posts_dir` and removes the draft once the
/// post is safely on disk. Refuses while the draft has an unrecovered autosave.
pub fn publish(
    draft_path: &Path,
    posts_dir: &Path,
    date: Option<PostDate>,
) -> DraftResult<Published> {
    if !posts_dir.is_dir() {
        return Err(DraftError::PostsFolderMissing(posts_dir.to_path_buf()));
    }
    // A file already among the posts would be moved to a new date: refuse instead.
    if let (Ok(draft), Ok(posts)) = (draft_path.canonicalize(), posts_dir.canonicalize())
        && draft.starts_with(&posts)
    {
        return Err(DraftError::AlreadyAPost {
            draft: draft_path.into(),
            posts: posts_dir.into(),
        });
    }
    // Another copy of the app is editing it: its text may be newer than the file.
    if let Some(holder) = super::lock::holder(draft_path) {
        return Err(DraftError::OpenElsewhere {
            path: draft_path.into(),
            holder: holder.to_string(),
        });
    }
    let recovery = recovery_path(draft_path);
    if recovery.exists() {
        return Err(DraftError::UnsavedRecovery {
            draft: draft_path.into(),
            recovery,
        });
    }
    let bytes = crate::fsutil::read_regular_file(draft_path, crate::fsutil::caps::POST).map_err(
        |source| DraftError::Read {
            path: draft_path.into(),
            source,
        },
    )?;
    let text = String::from_utf8(bytes).map_err(|_| DraftError::NotText(draft_path.into()))?;
    let plan = plan_publish(draft_path, &text, posts_dir, date)?;
    let path = write_atomic(&plan.target, plan.text.as_bytes(), Overwrite::NextFreeName)?;
    std::fs::remove_file(draft_path).map_err(|source| DraftError::DraftNotRemoved {
        draft: draft_path.into(),
        post: path.clone(),
        source,
    })?;
    Ok(Published {
        path,
        warnings: plan.warnings,
    })
}
