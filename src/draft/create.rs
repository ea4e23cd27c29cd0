//! Starting a draft: fill the template and save it in the site's `_drafts`.

use std::path::{Path, PathBuf};

use super::author::default_author;
use super::date::today;
use super::error::{DraftError, DraftResult};
use super::front::{insert_date_line, read_fields, split};
use super::session::DraftSession;
use super::site::DraftSettings;
use super::slug::slugify;
use super::template::{TemplateOrigin, TemplateVars, find_template, render};
use crate::fsutil::{Overwrite, numbered_name, write_atomic};
use crate::post::PostDate;
use crate::site::layout::SiteLayout;

/// What `new` was asked for; everything is optional.
#[derive(Debug, Clone, Default)]
pub struct DraftRequest {
    pub title: Option<String>,
    /// Falls back to [`default_author`].
    pub author: Option<String>,
    /// Written into the draft as `date:` when given; `{{date}}` is today otherwise.
    pub date: Option<PostDate>,
    /// Replaces the user's config folder (see [`super::template::config_dir`]).
    pub config_dir: Option<PathBuf>,
    /// The drafts folder, the author and the questions the settings give.
    pub settings: DraftSettings,
}

impl DraftRequest {
    /// Where the site around `posts_dir` keeps drafts and templates.
    fn layout(&self, posts_dir: &Path) -> SiteLayout {
        SiteLayout::new(posts_dir, self.settings.drafts_dir.as_deref())
    }
}

/// A draft as written.
#[derive(Debug, Clone)]
pub struct CreatedDraft {
    pub path: PathBuf,
    pub text: String,
    pub template: TemplateOrigin,
}

/// The text of a new draft for a site, from its template.
pub fn draft_text(site: &Path, request: &DraftRequest) -> DraftResult<(String, TemplateOrigin)> {
    let config = super::template::config_dir(request.config_dir.as_deref());
    let template = find_template(site, config.as_deref(), &request.settings.questions)?;
    let author = request.author.as_deref();
    let vars = TemplateVars {
        title: request.title.clone().unwrap_or_default(),
        author: default_author(author.or(request.settings.author.as_deref())),
        date: request.date.unwrap_or_else(today).to_string(),
    };
    let mut text = render(&template.text, &vars);
    // An explicit date must survive until publishing, so the draft keeps it.
    if let Some(date) = request.date {
        let has_date = split(&text)
            .and_then(|s| read_fields(s.yaml).ok())
            .is_some_and(|f| f.has_date_key);
        if !has_date && let Some(with_date) = insert_date_line(&text, &date.to_string()) {
            text = with_date;
        }
    }
    Ok((text, template.origin))
}

/// Writes a new draft `<site>/_drafts/<slug>.md` (or `<slug>-2.md` ... when taken)
/// for the site whose posts folder is `posts_dir`.
pub fn create_draft(posts_dir: &Path, request: &DraftRequest) -> DraftResult<CreatedDraft> {
    if !posts_dir.is_dir() {
        return Err(DraftError::PostsFolderMissing(posts_dir.to_path_buf()));
    }
    let SiteLayout { drafts, home, .. } = request.layout(posts_dir);
    let (text, template) = draft_text(&home, request)?;
    let name = format!("{}.md", slugify(request.title.as_deref().unwrap_or("")));
    let path = write_atomic(&drafts.join(name), text.as_bytes(), Overwrite::NextFreeName)?;
    Ok(CreatedDraft {
        path,
        text,
        template,
    })
}

/// Starts a new draft in the app without writing it: picks the first name in `_drafts`
/// that neither a draft nor another copy of the app's new draft uses, takes its lock,
/// and returns the session with the template's text. The file is written on the first
/// change, so a draft left untouched leaves nothing behind.
pub fn start_draft(
    posts_dir: &Path,
    request: &DraftRequest,
) -> DraftResult<(DraftSession, String)> {
    if !posts_dir.is_dir() {
        return Err(DraftError::PostsFolderMissing(posts_dir.to_path_buf()));
    }
    let SiteLayout { drafts, home, .. } = request.layout(posts_dir);
    let (text, _) = draft_text(&home, request)?;
    std::fs::create_dir_all(&drafts).map_err(|source| DraftError::Read {
        path: drafts.clone(),
        source,
    })?;
    let first = drafts.join(format!(
        "{}.md",
        slugify(request.title.as_deref().unwrap_or(""))
    ));
    for n in 1..=10_000 {
        let candidate = numbered_name(&first, n);
        if std::fs::symlink_metadata(&candidate).is_ok() {
            continue;
        }
        if let Some(session) = DraftSession::claim_new(&candidate, text.clone())? {
            // Taken by a save between the check and the lock: try the next name.
            if std::fs::symlink_metadata(&candidate).is_ok() {
                continue;
            }
            return Ok((session, text));
        }
    }
    Err(DraftError::Write(crate::fsutil::WriteError::Exists(first)))
}

/// A new draft's session and text for showing only (a `snapshot`): nothing is written,
/// no folder made, no lock taken.
pub fn detached_draft(
    posts_dir: &Path,
    request: &DraftRequest,
) -> DraftResult<(DraftSession, String)> {
    let SiteLayout { drafts, home, .. } = request.layout(posts_dir);
    let (text, _) = draft_text(&home, request)?;
    let name = format!("{}.md", slugify(request.title.as_deref().unwrap_or("")));
    Ok((DraftSession::new(drafts.join(name), text.clone()), text))
}
