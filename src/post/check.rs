//! Lint rules that need the whole folder (URL collisions), shared by `check` and the app.

use std::collections::HashMap;

use super::{Diagnostic, Post};

/// Adds a diagnostic to every post whose URL collides with another's.
///
/// Jekyll's default permalink is built from the categories, the date and the slug, so two
/// posts with the same date and slug overwrite each other (an error); the same slug on
/// other dates collides as soon as a site uses a `/:title/` permalink (a warning).
pub fn add_collision_diagnostics(posts: &mut [Post]) {
    let mut by_slug: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, post) in posts.iter().enumerate() {
        if !post.slug.is_empty() {
            by_slug
                .entry(post.slug.to_lowercase())
                .or_default()
                .push(index);
        }
    }
    for indices in by_slug.values().filter(|group| group.len() > 1) {
        for &index in indices {
            let others = |same_date: bool| -> Vec<String> {
                indices
                    .iter()
                    .filter(|&&other| other != index)
                    .filter(|&&other| {
                        (posts[other].date == posts[index].date
                            && posts[other].categories == posts[index].categories)
                            == same_date
                    })
                    .map(|&other| posts[other].path.display().to_string())
                    .collect()
            };
            let same_url = others(true);
            let same_slug = others(false);
            let post = &posts[index];
            let diagnostic = if !same_url.is_empty() {
                Diagnostic::error(
                    "url-collision",
                    format!(
                        "this post and {} get the same URL, so one overwrites the other; rename one of them",
                        same_url.join(", ")
                    ),
                    None,
                )
            } else {
                Diagnostic::warning(
                    "slug-collision",
                    format!(
                        "the slug `{}` is also used by {}; a site whose permalinks use only the title would publish one over the other",
                        post.slug,
                        same_slug.join(", ")
                    ),
                    None,
                )
            };
            posts[index].diagnostics.push(diagnostic);
        }
    }
}
