//! Lint rules that need the whole folder (URL collisions), shared by `check` and the app.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::{Diagnostic, Post, lint};

/// True when `diagnostic` comes from a rule that needs the whole folder (one marked
/// [`cross_post`](lint::Lint::cross_post) in the registry: those [`add_collision_diagnostics`]
/// checks). They depend on the other posts, so they are recomputed (never added to)
/// whenever the posts change.
pub fn is_cross_post(diagnostic: &Diagnostic) -> bool {
    lint::is_cross_post(diagnostic.rule)
}

/// Gives every post whose URL collides with another's a diagnostic saying so, and
/// takes it away from posts that no longer collide.
///
/// Jekyll's default permalink is built from the categories, the date and the slug, so two
/// posts with the same date and slug overwrite each other (an error); the same slug on
/// other dates collides as soon as a site uses a `/:title/` permalink (a warning).
///
/// Idempotent: the diagnostics of these rules an earlier call added are removed first,
/// so it can run again after any post is added, replaced or removed.
pub fn add_collision_diagnostics(posts: &mut [Post]) {
    for post in posts.iter_mut() {
        post.diagnostics.retain(|d| !is_cross_post(d));
    }
    // Each slug's first post, and its group once a second post has the same slug: no
    // allocation for the usual unique slug (this runs after every change in the app).
    let mut first: HashMap<Cow<'_, str>, (usize, Option<usize>), foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(posts.len(), Default::default());
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (index, post) in posts.iter().enumerate() {
        if post.slug.is_empty() {
            continue;
        }
        // Most slugs are lower-case ASCII already: no allocation for them either.
        let slug = if post
            .slug
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            Cow::Borrowed(post.slug.as_str())
        } else {
            Cow::Owned(post.slug.to_lowercase())
        };
        match first.entry(slug) {
            Entry::Vacant(entry) => {
                entry.insert((index, None));
            }
            Entry::Occupied(mut entry) => match entry.get().1 {
                Some(group) => groups[group].push(index),
                None => {
                    entry.get_mut().1 = Some(groups.len());
                    groups.push(vec![entry.get().0, index]);
                }
            },
        }
    }
    for indices in &groups {
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
                Diagnostic::new(
                    &lint::URL_COLLISION,
                    format!(
                        "this post and {} get the same URL, so one overwrites the other; rename one of them",
                        same_url.join(", ")
                    ),
                    None,
                )
            } else {
                Diagnostic::new(
                    &lint::SLUG_COLLISION,
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
