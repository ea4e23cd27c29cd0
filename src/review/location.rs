//! Where a site's review file lives: privately in the user's data folder by default,
//! never inside the site (a course blog is usually a public repository).

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::ReviewError;

/// Overrides the data folder (tests, portable setups).
pub const DATA_DIR_ENV: &str = "MEETUP_READER_DATA_DIR";

/// Where the review file is, and a warning to show when the place looks risky.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewLocation {
    pub path: PathBuf,
    pub warning: Option<String>,
}

/// The folder review files go in: `base` if given, else `$MEETUP_READER_DATA_DIR`,
/// else the platform's data folder (`~/.local/share/meetup-reader` on Linux).
pub fn data_dir(base: Option<&Path>) -> Result<PathBuf, ReviewError> {
    if let Some(base) = base {
        return Ok(base.to_path_buf());
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "meetup-reader")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or(ReviewError::NoDataDir)
}

/// A private file kept beside `review_file`: `<review file>.<suffix>` (the last export
/// path, what the folder held when last opened).
pub fn beside(review_file: &Path, suffix: &str) -> PathBuf {
    let name = review_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "reviews".into());
    review_file.with_file_name(format!("{name}.{suffix}"))
}

/// Decides the review file for the posts folder `site`. With `explicit` (from
/// `--review-file`) that path is used as given, with a warning if it lies where it
/// could be published; otherwise the file is `<data dir>/reviews/<slug>-<hash>.json`,
/// keyed by the folder's canonical path, and refused if that falls inside the site.
pub fn resolve(
    site: &Path,
    explicit: Option<&Path>,
    base: Option<&Path>,
) -> Result<ReviewLocation, ReviewError> {
    let canonical_site = site.canonicalize().map_err(|source| ReviewError::Io {
        path: site.to_path_buf(),
        source,
    })?;
    let site_root = crate::site::layout::SiteLayout::new(&canonical_site, None).published;
    if let Some(path) = explicit {
        let warning = risky_place_warning(path, &site_root, "the review file");
        return Ok(ReviewLocation {
            path: path.to_path_buf(),
            warning,
        });
    }
    let path = data_dir(base)?
        .join("reviews")
        .join(file_name_for(&canonical_site));
    if canonical_ish(&path).starts_with(&site_root) {
        return Err(ReviewError::InsideSite {
            path,
            site: site_root,
        });
    }
    Ok(ReviewLocation {
        path,
        warning: None,
    })
}

/// `<slug>-<16 hex digits>.json`: readable, and unique per canonical path.
pub fn file_name_for(canonical_site: &Path) -> String {
    let digest = Sha256::digest(canonical_site.to_string_lossy().as_bytes());
    let hash: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    // The last two components, since the last is often just `_posts` or `posts`.
    let mut names: Vec<String> = canonical_site
        .components()
        .rev()
        .take(2)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    names.reverse();
    let slug = slugify(&names.join("-"));
    if slug.is_empty() {
        format!("site-{hash}.json")
    } else {
        format!("{slug}-{hash}.json")
    }
}

fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    slug.chars().take(48).collect()
}

/// True when `path` lies inside the site folder, where anything may be published.
pub(crate) fn is_inside_site(path: &Path, site_root: &Path) -> bool {
    canonical_ish(path).starts_with(site_root)
}

/// A warning when `path` (`what` it is: "the review file", "the export") lies inside the
/// site or a git work tree.
pub(crate) fn risky_place_warning(path: &Path, site_root: &Path, what: &str) -> Option<String> {
    let place = canonical_ish(path);
    if place.starts_with(site_root) {
        return Some(format!(
            "{what} {} is inside the site folder {}; grades and notes there may be published",
            path.display(),
            site_root.display()
        ));
    }
    let repo = place
        .ancestors()
        .skip(1)
        .find(|dir| dir.join(".git").exists())?;
    Some(format!(
        "{what} {} is inside the git work tree {}; make sure it is never committed",
        path.display(),
        repo.display()
    ))
}

pub(crate) use crate::fsutil::canonical_ish;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_readable_and_distinct() {
        let a = file_name_for(Path::new("/home/me/course blog/_posts"));
        let b = file_name_for(Path::new("/home/you/course blog/_posts"));
        assert!(a.starts_with("course-blog-posts-"), "{a}");
        assert!(a.ends_with(".json"));
        assert_ne!(a, b);
        assert_eq!(a, file_name_for(Path::new("/home/me/course blog/_posts")));
    }

    #[test]
    fn default_place_is_outside_the_site() {
        let temp = tempfile::tempdir().unwrap();
        let site = temp.path().join("blog").join("_posts");
        std::fs::create_dir_all(&site).unwrap();
        let data = temp.path().join("data");
        let found = resolve(&site, None, Some(&data)).unwrap();
        assert!(found.path.starts_with(&data));
        assert!(found.warning.is_none());
        // A data folder inside the site is refused, not used.
        let inside = temp.path().join("blog").join("private");
        let err = resolve(&site, None, Some(&inside)).unwrap_err();
        assert!(matches!(err, ReviewError::InsideSite { .. }), "{err}");
    }

    #[test]
    fn an_explicit_file_inside_the_site_is_allowed_with_a_warning() {
        let temp = tempfile::tempdir().unwrap();
        let site = temp.path().join("posts");
        std::fs::create_dir_all(&site).unwrap();
        let explicit = site.join("reviews.json");
        let found = resolve(&site, Some(&explicit), None).unwrap();
        assert_eq!(found.path, explicit);
        assert!(found.warning.unwrap().contains("may be published"));
        let outside = temp.path().join("elsewhere.json");
        assert!(
            resolve(&site, Some(&outside), None)
                .unwrap()
                .warning
                .is_none()
        );
    }
}
