//! Where things go in a Jekyll site: the drafts folder, and whether posts are kept in
//! one folder per author.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::slug::slugify;
use crate::post::filename::parse_file_name;

pub use crate::site::layout::DRAFTS_FOLDER;

/// What drafting takes from the settings, passed in by the app and the commands.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftSettings {
    /// `drafts_dir`: where drafts go instead of `_drafts` beside the posts folder.
    pub drafts_dir: Option<PathBuf>,
    /// `author`: the byline of a new draft not given one.
    pub author: Option<String>,
    /// `questions`: the built-in template's.
    pub questions: Vec<String>,
}

impl DraftSettings {
    pub fn from_settings(settings: &crate::config::Settings) -> Self {
        Self {
            drafts_dir: settings.drafts_dir.clone(),
            author: settings.author.clone(),
            questions: settings.questions.clone(),
        }
    }
}

impl Default for DraftSettings {
    /// The defaults of every setting.
    fn default() -> Self {
        Self::from_settings(&crate::config::Settings::default())
    }
}

/// The posts folder a draft belongs to, when its place says: for a draft in a site's
/// `_drafts`, that site's `_posts` (else `posts`) if it exists; for a file already
/// inside a `_posts` or `posts` folder, that folder (which `publish` then refuses).
pub fn posts_dir_for_draft(draft: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(draft).ok()?;
    let folder = absolute.parent()?;
    if folder.file_name()? == DRAFTS_FOLDER {
        let site = folder.parent()?;
        return ["_posts", "posts"]
            .iter()
            .map(|name| site.join(name))
            .find(|p| p.is_dir());
    }
    folder
        .ancestors()
        .find(|a| a.file_name().is_some_and(|n| n == "_posts" || n == "posts"))
        .map(Path::to_path_buf)
}

/// Whether the site keeps one folder per author: more of its posts live in
/// sub-folders than directly in the posts folder. An empty folder is not per-author,
/// and neither are folders named by year.
pub fn is_per_author(posts_dir: &Path) -> bool {
    let Ok(entries) = fs::read_dir(posts_dir) else {
        return false;
    };
    let (mut loose_posts, mut author_folders) = (0usize, 0usize);
    for entry in entries.flatten() {
        let name = entry.file_name();
        if is_hidden_or_drafts(&name.to_string_lossy()) {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            // Folders by year (`_posts/2023/`) are an archive layout, not authors.
            let by_year = name.to_string_lossy().bytes().all(|b| b.is_ascii_digit());
            if !by_year && holds_a_post(&path) {
                author_folders += 1;
            }
        } else if is_post_file(&path) {
            loose_posts += 1;
        }
    }
    author_folders > 0 && author_folders >= loose_posts
}

/// The folder a post by `author` goes in: `None` when the site is not per-author, else
/// an existing folder named like the author (exactly, ignoring case, or by slug), else
/// a new folder named after the author (as a slug when the name is not a safe folder
/// name).
pub fn author_folder(posts_dir: &Path, author: &str) -> Option<PathBuf> {
    if !is_per_author(posts_dir) {
        return None;
    }
    let existing: Vec<String> = fs::read_dir(posts_dir)
        .ok()?
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !is_hidden_or_drafts(name))
        .collect();
    let wanted_slug = slugify(author);
    let found = existing
        .iter()
        .find(|name| name.as_str() == author)
        .or_else(|| {
            existing
                .iter()
                .find(|n| n.to_lowercase() == author.to_lowercase())
        })
        .or_else(|| existing.iter().find(|n| slugify(n) == wanted_slug));
    let name = match found {
        Some(name) => name.clone(),
        None if is_safe_folder_name(author) => author.to_string(),
        None => wanted_slug,
    };
    Some(posts_dir.join(name))
}

/// A name usable as one folder on every platform: ASCII letters, digits, `-`, `_`,
/// `.`, not starting with `.`, not too long.
fn is_safe_folder_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 60
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn is_hidden_or_drafts(name: &str) -> bool {
    name.starts_with('.') || name == DRAFTS_FOLDER
}

fn is_post_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

fn holds_a_post(folder: &Path) -> bool {
    walkdir::WalkDir::new(folder)
        .max_depth(4)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden_or_drafts(&e.file_name().to_string_lossy()))
        .flatten()
        .any(|e| e.file_type().is_file() && is_post_file(e.path()))
}

/// The drafts in the folder `drafts`: its Markdown files (hidden files such as
/// autosaves left out), by name.
pub fn list_drafts(drafts: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(drafts) else {
        return Vec::new();
    };
    let mut drafts: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .filter(|p| p.is_file() && is_post_file(p))
        .collect();
    drafts.sort();
    drafts
}

/// The slugs of the posts already in `posts_dir` (lowercased), from their file names.
pub fn existing_slugs(posts_dir: &Path) -> HashSet<String> {
    walkdir::WalkDir::new(posts_dir)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden_or_drafts(&e.file_name().to_string_lossy()))
        .flatten()
        .filter(|e| e.file_type().is_file() && is_post_file(e.path()))
        .map(|e| {
            parse_file_name(Path::new(e.file_name()))
                .slug
                .to_lowercase()
        })
        .collect()
}

/// `slug`, or `slug-2`, `slug-3` ... whichever no post in `taken` uses: the loader
/// warns about two posts sharing a slug, since a title-only permalink would publish
/// one over the other.
pub fn free_slug(slug: &str, taken: &HashSet<String>) -> String {
    (1u32..)
        .map(|n| {
            if n == 1 {
                slug.to_string()
            } else {
                format!("{slug}-{n}")
            }
        })
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or_else(|| slug.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::layout::SiteLayout;

    #[test]
    fn detects_per_author_sites_and_picks_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let posts = dir.path().join("_posts");
        fs::create_dir_all(posts.join("AnnB")).unwrap();
        assert!(
            !is_per_author(&posts),
            "a folder with no posts is not an author's"
        );
        fs::write(posts.join("AnnB/2023-01-01-a.md"), "x").unwrap();
        assert!(is_per_author(&posts));
        assert_eq!(author_folder(&posts, "annb"), Some(posts.join("AnnB")));
        assert_eq!(author_folder(&posts, "Zoé K"), Some(posts.join("zoe-k")));
        assert_eq!(author_folder(&posts, "zed_1"), Some(posts.join("zed_1")));
        assert_eq!(author_folder(&posts, "../x"), Some(posts.join("x")));
        fs::write(posts.join("2023-01-01-b.md"), "x").unwrap();
        fs::write(posts.join("2023-01-01-c.md"), "x").unwrap();
        assert!(!is_per_author(&posts));
        assert_eq!(
            SiteLayout::new(&posts, None).drafts,
            dir.path().join("_drafts")
        );
        let slugs = existing_slugs(&posts);
        assert!(slugs.contains("a") && slugs.contains("b") && slugs.contains("c"));
        assert_eq!(free_slug("b", &slugs), "b-2");
        assert_eq!(free_slug("d", &slugs), "d");

        let archive = dir.path().join("archive");
        fs::create_dir_all(archive.join("2023")).unwrap();
        fs::write(archive.join("2023/2023-01-01-a.md"), "x").unwrap();
        assert!(!is_per_author(&archive), "year folders are not authors");

        let drafts = dir.path().join("_drafts");
        fs::create_dir_all(&drafts).unwrap();
        for name in ["b.md", "a.md", ".a.md.autosave", "notes.txt"] {
            fs::write(drafts.join(name), "x").unwrap();
        }
        assert_eq!(
            list_drafts(&drafts),
            [drafts.join("a.md"), drafts.join("b.md")]
        );
    }
}
