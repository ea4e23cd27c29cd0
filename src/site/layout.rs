//! Where a site keeps things, worked out in one place from the posts folder and the
//! `drafts_dir` setting: what it publishes (private files must stay out of it), where
//! drafts go, where a site template is looked for, and what paths are shown relative
//! to. Drafting, reviews and exports all ask this.

use std::path::{Path, PathBuf};

/// Jekyll's drafts folder name.
pub const DRAFTS_FOLDER: &str = "_drafts";

/// How far above the posts folder a `_config.yml` is looked for: as far as the site's
/// settings are read from (see [`crate::site::Site::find`]).
const CONFIG_LEVELS: usize = 1;

/// The places around a posts folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteLayout {
    /// The posts folder, canonical (else absolute).
    pub posts: PathBuf,
    /// What the site publishes: the folder of a `_config.yml` in the posts folder or
    /// its parent, else the parent of a folder named `_posts`, else the posts folder.
    /// Review files and exports are kept out of it.
    pub published: PathBuf,
    /// The `drafts_dir` setting, else `_drafts` beside the posts folder.
    pub drafts: PathBuf,
    /// The folder holding the drafts folder: a site template is its
    /// `_templates/reflection.md`, and drafts' paths are shown relative to it.
    pub home: PathBuf,
}

impl SiteLayout {
    /// The layout around `posts_dir`, drafts going to `drafts_setting` when given (`~`
    /// expanded).
    pub fn new(posts_dir: &Path, drafts_setting: Option<&Path>) -> Self {
        let posts = crate::fsutil::canonical_ish(posts_dir);
        let beside = posts.parent().unwrap_or(&posts).to_path_buf();
        let published = config_folder(&posts).unwrap_or_else(|| {
            if posts.file_name().is_some_and(|name| name == "_posts") {
                beside.clone()
            } else {
                posts.clone()
            }
        });
        let drafts = match drafts_setting {
            Some(dir) => crate::config::expand_home(dir),
            None => beside.join(DRAFTS_FOLDER),
        };
        let home = drafts.parent().unwrap_or(&beside).to_path_buf();
        Self {
            posts,
            published,
            drafts,
            home,
        }
    }

    /// `path` as shown to the user: relative to [`SiteLayout::home`] when inside it.
    pub fn shown<'a>(&self, path: &'a Path) -> &'a Path {
        path.strip_prefix(&self.home).unwrap_or(path)
    }
}

/// The nearest folder at or above `posts` (at most [`CONFIG_LEVELS`] up) holding a
/// `_config.yml`: the Jekyll site the posts belong to.
fn config_folder(posts: &Path) -> Option<PathBuf> {
    posts
        .ancestors()
        .take(CONFIG_LEVELS + 1)
        .find(|folder| std::fs::symlink_metadata(folder.join("_config.yml")).is_ok())
        .map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jekyll_site_publishes_its_whole_folder_and_drafts_go_beside_the_posts() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().canonicalize().unwrap().join("blog");
        std::fs::create_dir_all(site.join("_posts")).unwrap();
        let layout = SiteLayout::new(&site.join("_posts"), None);
        assert_eq!(layout.published, site);
        assert_eq!(layout.drafts, site.join("_drafts"));
        assert_eq!(layout.home, site);

        // A `posts` folder of a site with its `_config.yml`.
        let posts = site.join("posts");
        std::fs::create_dir_all(&posts).unwrap();
        std::fs::write(site.join("_config.yml"), "title: x\n").unwrap();
        let layout = SiteLayout::new(&posts, None);
        assert_eq!(layout.published, site, "the whole site is published");
        assert_eq!(layout.drafts, site.join("_drafts"));
        // Further up is another matter (a home folder that is a site of its own).
        let nested = site.join("course/posts");
        std::fs::create_dir_all(&nested).unwrap();
        assert_eq!(SiteLayout::new(&nested, None).published, nested);
    }

    #[test]
    fn a_plain_posts_folder_publishes_itself_and_the_setting_moves_drafts() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let posts = root.join("posts");
        std::fs::create_dir_all(&posts).unwrap();
        let layout = SiteLayout::new(&posts, None);
        assert_eq!(layout.published, posts);
        assert_eq!(layout.drafts, root.join("_drafts"));
        let elsewhere = root.join("notes/_drafts");
        let layout = SiteLayout::new(&posts, Some(&elsewhere));
        assert_eq!(layout.drafts, elsewhere);
        assert_eq!(layout.home, root.join("notes"));
        assert_eq!(
            layout.shown(&elsewhere.join("a.md")),
            Path::new("_drafts/a.md")
        );
    }
}
