//! Lint rules that need the whole folder (URL collisions) or the site around it
//! (defaults, future posts), shared by `check` and the app.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

use serde_yaml::Value;

use super::{Diagnostic, Post, PostDate, lint, names};
use crate::site::{Site, SiteConfig};

/// True when `diagnostic` comes from a rule that needs the whole folder (one marked
/// [`cross_post`](lint::Lint::cross_post) in the registry: those [`add_collision_diagnostics`]
/// checks). They depend on the other posts, so they are recomputed (never added to)
/// whenever the posts change.
pub fn is_cross_post(diagnostic: &Diagnostic) -> bool {
    lint::is_cross_post(diagnostic.rule)
}

/// Applies the rules that need all the posts, and the site's settings when it has a
/// `_config.yml` (see [`site_rules`]); without one, [`collisions_without_settings`].
///
/// Idempotent: the diagnostics of these rules an earlier call added are removed first,
/// so it can run again after any post is added, replaced or removed.
pub fn add_collision_diagnostics(posts: &mut [Post], site: &Site) {
    for post in posts.iter_mut() {
        post.diagnostics.retain(|d| !is_cross_post(d));
    }
    match &site.config {
        Some(config) => site_rules(posts, &site.posts_prefix, config),
        None => collisions_without_settings(posts),
    }
}

/// Gives every post whose URL collides with another's a diagnostic saying so.
///
/// Jekyll's default permalink is built from the categories, the date and the slug, so two
/// posts with the same date and slug overwrite each other (an error); the same slug on
/// other dates collides as soon as a site uses a `/:title/` permalink (a warning).
///
fn collisions_without_settings(posts: &mut [Post]) {
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

/// The rules of a site with settings: `defaults:` fill in what a post leaves out (no
/// `layout-missing` or `author-missing` then), each post gets its URL, and a post
/// Jekyll would write is checked against the others where it is written:
/// `url-collision` for the same file, `url-case-collision` for files that differ only
/// in case, `slug-collision` for the same slug when the permalink has no date, and
/// `future-post` when `future` is off.
fn site_rules(posts: &mut [Post], posts_prefix: &str, config: &SiteConfig) {
    let today = time::OffsetDateTime::now_utc().date();
    let today = PostDate::new(today.year(), u8::from(today.month()), today.day());
    let dated = crate::site::has_date(&config.permalink);
    // (destination, index) of each post Jekyll writes.
    let mut written: Vec<(String, usize)> = Vec::with_capacity(posts.len());
    for (index, post) in posts.iter_mut().enumerate() {
        let site_path = format!(
            "{posts_prefix}{}",
            post.path.to_string_lossy().replace('\\', "/")
        );
        apply_defaults(post, &site_path, config);
        let own_permalink = own_value(post, "permalink").or_else(|| {
            config
                .default_for(&site_path, "permalink")
                .and_then(crate::site::scalar)
        });
        let url = crate::site::url_of(post, own_permalink.as_deref(), config);
        post.url = Some(format!(
            "{}{}{}",
            config.url.trim_end_matches('/'),
            config.baseurl.trim_end_matches('/'),
            url
        ));
        let future = !config.future
            && post
                .date
                .zip(today)
                .is_some_and(|(date, today)| date > today);
        if future {
            post.diagnostics.push(Diagnostic::new(
                &lint::FUTURE_POST,
                "the post is dated after today and the site's `_config.yml` does not set `future: true`, so Jekyll leaves it out until then",
                None,
            ));
        }
        if post.published && !future && !config.excludes(&site_path) {
            written.push((crate::site::destination(&url), index));
        }
    }
    written.sort();
    let mut collided = vec![false; posts.len()];
    for group in written.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
        for &(ref file, index) in group {
            let others = names(posts, group.iter().map(|(_, i)| *i), index);
            let verb = if group.len() > 2 { "are" } else { "is" };
            collided[index] = true;
            posts[index].diagnostics.push(Diagnostic::new(
                &lint::URL_COLLISION,
                format!("{others} {verb} also published as {file}, so one overwrites the other; rename one of them or give it a `permalink:`"),
                None,
            ));
        }
    }
    let mut by_case: Vec<(String, &str, usize)> = written
        .iter()
        .map(|(file, index)| (file.to_lowercase(), file.as_str(), *index))
        .collect();
    by_case.sort();
    for group in by_case.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
        for &(_, file, index) in group {
            let differing: Vec<usize> = group
                .iter()
                .filter(|(_, other, _)| *other != file)
                .map(|(_, _, i)| *i)
                .collect();
            if differing.is_empty() {
                continue;
            }
            let others = names(posts, differing.into_iter(), index);
            collided[index] = true;
            posts[index].diagnostics.push(Diagnostic::new(
                &lint::URL_CASE_COLLISION,
                format!("this post is published as {file}, which differs from {others} only in case: on a case-insensitive disk (macOS, Windows) one overwrites the other"),
                None,
            ));
        }
    }
    if dated {
        return;
    }
    let mut by_slug: Vec<(String, usize)> = written
        .iter()
        .filter(|(_, index)| !collided[*index] && !posts[*index].slug.is_empty())
        .map(|(_, index)| (posts[*index].slug.to_lowercase(), *index))
        .collect();
    by_slug.sort();
    for group in by_slug.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
        for &(ref slug, index) in group {
            let others = names(posts, group.iter().map(|(_, i)| *i), index);
            posts[index].diagnostics.push(Diagnostic::new(
                &lint::SLUG_COLLISION,
                format!("the slug `{slug}` is also used by {others}; the site's permalink has no date, so only their categories keep their URLs apart"),
                None,
            ));
        }
    }
}

/// "a.md, b.md": the paths of the posts at `indexes` other than `me`.
fn names(posts: &[Post], indexes: impl Iterator<Item = usize>, me: usize) -> String {
    indexes
        .filter(|&other| other != me)
        .map(|other| posts[other].path.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A plain value of the post's own front matter (read again only for the few keys a
/// site rule needs, and only when the front matter mentions the key).
fn own_value(post: &Post, key: &str) -> Option<String> {
    if !post.front_matter.contains(key) {
        return None;
    }
    let values: serde_yaml::Mapping = serde_yaml::from_str(&post.front_matter).ok()?;
    values
        .get(key)
        .and_then(crate::site::scalar)
        .filter(|v| !v.trim().is_empty())
}

/// What `defaults:` give a post that its front matter leaves out, as Jekyll merges
/// them: the layout, the author, categories and `published`.
fn apply_defaults(post: &mut Post, site_path: &str, config: &SiteConfig) {
    if config.defaults.is_empty() {
        return;
    }
    let text = |key| {
        config
            .default_for(site_path, key)
            .and_then(crate::site::scalar)
    };
    if post.layout.is_none()
        && let Some(layout) = text("layout").filter(|l| !l.is_empty())
    {
        post.layout = Some(names::shared(&layout));
        post.diagnostics
            .retain(|d| d.rule != lint::LAYOUT_MISSING.name);
    }
    if post
        .diagnostics
        .iter()
        .any(|d| d.rule == lint::AUTHOR_MISSING.name)
        && let Some(author) = text("author").filter(|a| !a.is_empty())
    {
        post.author = names::shared(&author);
        post.diagnostics
            .retain(|d| d.rule != lint::AUTHOR_MISSING.name);
    }
    if post.categories.is_empty()
        && let Some(value) = config.default_for(site_path, "categories")
    {
        post.categories = match value {
            Value::Sequence(items) => items
                .iter()
                .filter_map(crate::site::scalar)
                .map(|c| names::shared(&c))
                .collect(),
            other => crate::site::scalar(other)
                .map(|c| c.split_whitespace().map(names::shared).collect())
                .unwrap_or_default(),
        };
    }
    // The front matter is read again only when a default could apply.
    if let Some(Value::Bool(published)) = config.default_for(site_path, "published")
        && own_value(post, "published").is_none()
    {
        post.published = *published;
    }
}
