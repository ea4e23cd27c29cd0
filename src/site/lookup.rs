//! The URL `post_url` and `link` name, for a command that reads one post (`show`) and so
//! has no list of posts to look in: the post is found under the site's `_posts` on disk,
//! a bounded walk, and its URL worked out as for the whole folder.

use std::path::{Path, PathBuf};

use super::Site;
use crate::liquid::Reference;

/// The most entries the walk looks at, and how deep it goes.
const MAX_ENTRIES: usize = 50_000;
const MAX_DEPTH: usize = 6;

/// The URL (from the site's root, with its `baseurl`) of the post or page `reference`
/// names; `None` without site settings or when nothing of that name is found.
pub fn url_on_disk(site: &Site, reference: Reference<'_>) -> Option<String> {
    let config = site.config.as_ref()?;
    let root = site.root.as_deref()?;
    match reference {
        Reference::Post(name) => {
            let posts = root.join("_posts");
            // Jekyll's documented form for a post in a folder: `/folder/name`.
            let (path, rel) = find_post(&posts, name.trim_start_matches('/'))?;
            let post =
                crate::post::library::read_post_file(&path, &rel, &Default::default()).ok()?;
            let posts_site = Site {
                posts_prefix: "_posts/".to_string(),
                ..site.clone()
            };
            let mut one = [post];
            crate::post::check::add_collision_diagnostics(&mut one, &posts_site);
            let [post] = one;
            let url = post.url?;
            Some(
                url.strip_prefix(config.url.trim_end_matches('/'))
                    .unwrap_or(&url)
                    .to_string(),
            )
        }
        Reference::Path(path) => Some(super::page_url(config, path)),
    }
}

/// The post file under `posts` named `name` (`2024-01-05-first`, maybe `ann/…`): its
/// path and its path from `posts`.
fn find_post(posts: &Path, name: &str) -> Option<(PathBuf, PathBuf)> {
    walkdir::WalkDir::new(posts)
        .max_depth(MAX_DEPTH)
        .into_iter()
        .filter_entry(|entry| !entry.file_name().to_string_lossy().starts_with('.'))
        .take(MAX_ENTRIES)
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .find_map(|entry| {
            let rel = entry.path().strip_prefix(posts).ok()?.to_path_buf();
            let without = rel.with_extension("");
            let without = without.to_string_lossy().replace('\\', "/");
            let named = without == name
                || without.ends_with(&format!("/{name}"))
                || rel.file_stem().is_some_and(|stem| stem == name);
            named.then(|| (entry.path().to_path_buf(), rel))
        })
}
