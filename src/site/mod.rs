//! The Jekyll site around a posts folder: where it is, and what its `_config.yml` says
//! about the posts (their URLs, the values defaults give them, whether future posts are
//! published). Read once, bounded and typed like front matter; a site with no
//! `_config.yml` has no settings, and the rules that need them keep to what they did
//! without.

mod config;
pub mod layout;
pub mod links;
pub mod lookup;
mod permalink;

use std::path::{Path, PathBuf};

pub use config::{ScopedDefault, SiteConfig, scalar};
pub use permalink::{destination, has_date, page_url, template_of, url_of};

/// The site: its root folder, settings and `_includes/`.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// The folder holding `_config.yml` (or `_includes/`); `None` without a site.
    pub root: Option<PathBuf>,
    /// The site's settings, `None` when it has no readable `_config.yml`.
    pub config: Option<SiteConfig>,
    /// The `_includes` folder, when the site has one.
    pub includes: Option<PathBuf>,
    /// The posts folder as seen from the root (`_posts/`), for the `path` of defaults.
    pub posts_prefix: String,
    /// Why the settings file could not be used (one sentence naming it).
    pub problem: Option<String>,
}

impl Site {
    /// Reads the site around the folder `from`: the nearest of `from` and at most `up`
    /// of its parents that holds a `_config.yml` or an `_includes/` folder (the posts
    /// folder and its parent for the app and the commands; a post file's folder and two
    /// above it for `show`). Settings that cannot be read count as none.
    pub fn find(from: &Path, up: usize) -> Self {
        let from = from.canonicalize().unwrap_or_else(|_| from.to_path_buf());
        let Some(root) = from
            .ancestors()
            .take(up + 1)
            // Any `_config.yml`, even one that cannot be read: that is reported, not
            // passed over for a folder further up.
            .find(|dir| {
                std::fs::symlink_metadata(dir.join("_config.yml")).is_ok()
                    || dir.join("_includes").is_dir()
            })
        else {
            return Self::default();
        };
        let (config, problem) = match SiteConfig::read(&root.join("_config.yml")) {
            Ok(config) => (config, None),
            Err(problem) => (None, Some(problem)),
        };
        let includes = Some(root.join("_includes")).filter(|dir| dir.is_dir());
        let posts_prefix = match from.strip_prefix(root) {
            Ok(rel) if rel.as_os_str().is_empty() => String::new(),
            Ok(rel) => format!("{}/", rel.to_string_lossy().replace('\\', "/")),
            Err(_) => String::new(),
        };
        Self {
            root: Some(root.to_path_buf()),
            config,
            includes,
            posts_prefix,
            problem,
        }
    }

    /// The setting `key` as Liquid prints it: `None` when unknown (no settings, or a
    /// value that is not plain); a key the settings do not give is empty, as in Jekyll.
    pub fn setting(&self, key: &str) -> Option<String> {
        let config = self.config.as_ref()?;
        config
            .raw
            .get(key)
            .map_or(Some(String::new()), config::scalar)
    }
}
