//! Where a link in a post leads: a heading of the same post, another post of the site,
//! a file of the site, or a place outside it for the system opener. Only `http`,
//! `https` and `mailto` leave the site, and local files only inside it; anything else
//! (`javascript:`, `data:`, a `file:` elsewhere) is refused with a sentence saying why.

use std::path::{Component, Path, PathBuf};

use percent_encoding::percent_decode_str;

use super::Site;
use crate::post::Post;

/// What following a link does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A heading of the post the link is in (`#anchor`).
    Heading(String),
    /// Another post of the site (an index into the posts), at a heading if given.
    Post {
        index: usize,
        anchor: Option<String>,
    },
    /// A file of the site that is not a post (an image, a page): the opener shows it.
    File(PathBuf),
    /// A web page or an address outside the site: the opener shows it.
    Outside(String),
    /// Not followed: one sentence saying why.
    Refused(String),
}

/// What a link is resolved against.
pub struct LinkContext<'a> {
    pub posts: &'a [Post],
    /// The post the link is in.
    pub from: usize,
    /// The posts folder (post paths are relative to it).
    pub root: &'a Path,
    pub site: &'a Site,
}

/// Where `url`, found in the post `cx.from`, leads.
pub fn resolve(url: &str, cx: &LinkContext<'_>) -> LinkTarget {
    let url = url.trim();
    if url.is_empty() {
        return LinkTarget::Refused("the link is empty".into());
    }
    if let Some(anchor) = url.strip_prefix('#') {
        return LinkTarget::Heading(decode(anchor));
    }
    if let Some(rest) = url.strip_prefix("//") {
        // Protocol-relative: the site is served over https.
        return outside_or_site(&format!("https://{rest}"), cx);
    }
    match scheme_of(url) {
        Some(scheme) => match scheme.to_ascii_lowercase().as_str() {
            "http" | "https" => outside_or_site(url, cx),
            "mailto" => LinkTarget::Outside(url.to_string()),
            "file" => {
                let path = url[scheme.len() + 1..].trim_start_matches("//");
                let path = PathBuf::from(decode(strip_fragment(path).0));
                match inside_site(&path, cx) {
                    Some(path) => LinkTarget::File(path),
                    None => LinkTarget::Refused(format!(
                        "not opened: {} is outside the site",
                        path.display()
                    )),
                }
            }
            other => LinkTarget::Refused(format!("not opened: `{other}:` links are not followed")),
        },
        None => in_site(url, cx),
    }
}

/// An absolute URL: a page of this site when it starts with the site's `url`, else
/// outside.
fn outside_or_site(url: &str, cx: &LinkContext<'_>) -> LinkTarget {
    let site_url = cx
        .site
        .config
        .as_ref()
        .map(|config| config.url.trim_end_matches('/'))
        .filter(|site_url| !site_url.is_empty());
    if let Some(site_url) = site_url
        && let Some(rest) = strip_prefix_ignore_case(url, site_url)
        && (rest.is_empty() || rest.starts_with(['/', '#', '?']))
    {
        let rest = if rest.starts_with('/') {
            rest.to_string()
        } else {
            format!("/{rest}")
        };
        return in_site(&rest, cx);
    }
    LinkTarget::Outside(url.to_string())
}

/// A link with no scheme: a path on this site, absolute (`/2024/01/05/x.html`, with
/// the `baseurl`) or relative to the post's URL or to its file.
fn in_site(url: &str, cx: &LinkContext<'_>) -> LinkTarget {
    let (path, anchor) = strip_fragment(url);
    let anchor = anchor.map(decode);
    let path = decode(path);
    let from = &cx.posts[cx.from];
    if path.is_empty() {
        return match anchor {
            Some(anchor) => LinkTarget::Heading(anchor),
            None => LinkTarget::Post {
                index: cx.from,
                anchor: None,
            },
        };
    }
    let site_path = if path.starts_with('/') {
        Some(path.clone())
    } else {
        // Relative to the page's URL, as a browser reads it.
        from.url
            .as_deref()
            .map(|url| site_path_of(url, cx.site))
            .map(|base| join_url(&base, &path))
    };
    if let Some(site_path) = &site_path {
        if let Some(index) = post_at_url(site_path, cx) {
            return LinkTarget::Post { index, anchor };
        }
        if cx.site.config.is_none()
            && let Some(index) = post_by_slug(site_path, cx.posts)
        {
            return LinkTarget::Post { index, anchor };
        }
    }
    // Relative to the post's file: `../ann/2024-01-05-x.md`.
    if !path.starts_with('/') {
        let folder = from.path.parent().unwrap_or(Path::new(""));
        if let Some(rel) = normalize(&folder.join(&path))
            && let Some(index) = cx.posts.iter().position(|post| post.path == rel)
        {
            return LinkTarget::Post { index, anchor };
        }
        if let Some(file) = inside_site(&cx.root.join(folder).join(&path), cx) {
            return LinkTarget::File(file);
        }
    }
    if let Some(site_path) = &site_path
        && let Some(file) = site_file(site_path, cx)
    {
        return LinkTarget::File(file);
    }
    LinkTarget::Refused(format!(
        "no post or file of this site at {}",
        site_path.as_deref().unwrap_or(&path)
    ))
}

/// The post whose URL is `site_path` (with or without `index.html`, `.html` or the
/// trailing slash).
fn post_at_url(site_path: &str, cx: &LinkContext<'_>) -> Option<usize> {
    let wanted = comparable(site_path);
    cx.posts.iter().position(|post| {
        post.url
            .as_deref()
            .is_some_and(|url| comparable(&site_path_of(url, cx.site)) == wanted)
    })
}

/// Without site settings there are no URLs to compare: the post whose slug is the
/// link's last part (`/2024/01/05/my-post.html` → `my-post`), on the date the link
/// names when it names one.
fn post_by_slug(site_path: &str, posts: &[Post]) -> Option<usize> {
    let trimmed = comparable(site_path);
    let mut parts: Vec<&str> = trimmed.split('/').filter(|p| !p.is_empty()).collect();
    let slug = parts.pop()?;
    let numbers: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    posts.iter().position(|post| {
        post.slug == slug
            && match (numbers.as_slice(), post.date) {
                ([.., year, month, day], Some(date)) => {
                    (date.year as u32, u32::from(date.month), u32::from(date.day))
                        == (*year, *month, *day)
                }
                _ => true,
            }
    })
}

/// A file of the site at `site_path`: under the site's root, the `baseurl` taken off;
/// a page written from Markdown (`/about.html` from `about.md`) counts.
fn site_file(site_path: &str, cx: &LinkContext<'_>) -> Option<PathBuf> {
    let root = cx.site.root.as_deref().unwrap_or(cx.root);
    let baseurl = cx
        .site
        .config
        .as_ref()
        .map_or("", |config| config.baseurl.trim_end_matches('/'));
    let path = site_path.strip_prefix(baseurl).unwrap_or(site_path);
    let path = path.trim_start_matches('/');
    let path = path
        .strip_suffix('/')
        .map_or_else(|| path.to_string(), |folder| format!("{folder}/index.html"));
    let file = root.join(&path);
    let stem = file.with_extension("");
    [
        file.clone(),
        file.with_extension("md"),
        file.with_extension("markdown"),
        stem.with_extension("md"),
    ]
    .into_iter()
    .find_map(|candidate| inside_site(&candidate, cx))
}

/// `path` when it is an existing file inside the site (or the posts folder, without a
/// site), links resolved.
fn inside_site(path: &Path, cx: &LinkContext<'_>) -> Option<PathBuf> {
    let root = cx.site.root.as_deref().unwrap_or(cx.root);
    let root = root.canonicalize().ok()?;
    let path = path.canonicalize().ok()?;
    (path.starts_with(&root) && path.is_file()).then_some(path)
}

/// A post's URL as a path on the site: the site's `url` taken off (`baseurl` stays).
fn site_path_of(url: &str, site: &Site) -> String {
    let site_url = site
        .config
        .as_ref()
        .map_or("", |config| config.url.trim_end_matches('/'));
    let path = if site_url.is_empty() {
        url
    } else {
        strip_prefix_ignore_case(url, site_url).unwrap_or(url)
    };
    path.to_string()
}

/// A site path in the form two URLs of one page share: no `index.html`, `.html` or
/// trailing slash (GitHub Pages serves `/x.html` at `/x` and `/x/index.html` at `/x/`).
fn comparable(path: &str) -> &str {
    let path = path.strip_suffix("index.html").unwrap_or(path);
    let path = path.strip_suffix(".html").unwrap_or(path);
    path.trim_end_matches('/')
}

/// `relative` read against the page at `base`, as a browser does.
fn join_url(base: &str, relative: &str) -> String {
    let folder = match base.rfind('/') {
        Some(at) => &base[..=at],
        None => "/",
    };
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    let mut joined = format!("/{}", parts.join("/"));
    if relative.ends_with('/') && !joined.ends_with('/') {
        joined.push('/');
    }
    joined
}

/// A relative path with `.` and `..` worked out; `None` when it climbs out.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// The URL without its `#fragment` and `?query`, and the fragment.
fn strip_fragment(url: &str) -> (&str, Option<&str>) {
    let (rest, anchor) = match url.split_once('#') {
        Some((rest, anchor)) => (rest, Some(anchor).filter(|a| !a.is_empty())),
        None => (url, None),
    };
    let rest = rest.split_once('?').map_or(rest, |(path, _)| path);
    (rest, anchor)
}

/// The scheme of an absolute URL (`https` in `https://…`), by RFC 3986's grammar.
fn scheme_of(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// A heading's text as an anchor compares: letters and digits only, lowercase. This
/// matches the ids kramdown and GitHub make (`## Q&A: what I learned` →
/// `qa-what-i-learned`) whatever the punctuation rules of either.
pub fn anchor_key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(path: &str, url: Option<&str>) -> Post {
        let parts = crate::post::filename::parse_file_name(Path::new(path));
        Post {
            path: PathBuf::from(path),
            slug: parts.slug,
            date: parts.date,
            url: url.map(str::to_string),
            ..Post::default()
        }
    }

    fn site_with(url: &str, baseurl: &str) -> Site {
        let yaml = format!("url: \"{url}\"\nbaseurl: \"{baseurl}\"\n");
        let raw = serde_yaml::from_str(&yaml).unwrap();
        Site {
            config: Some(super::super::SiteConfig::from_mapping(raw)),
            ..Site::default()
        }
    }

    fn follow(url: &str, posts: &[Post], site: &Site) -> LinkTarget {
        let root = Path::new("/nonexistent-root");
        resolve(
            url,
            &LinkContext {
                posts,
                from: 0,
                root,
                site,
            },
        )
    }

    #[test]
    fn site_urls_lead_to_posts_with_or_without_the_host_html_and_slash() {
        let site = site_with("https://course.example.org", "/blog");
        let posts = [
            post(
                "ann/2024-01-05-first.md",
                Some("https://course.example.org/blog/first/"),
            ),
            post(
                "bob/2024-02-01-second.md",
                Some("https://course.example.org/blog/2024/02/01/second.html"),
            ),
        ];
        let second = LinkTarget::Post {
            index: 1,
            anchor: None,
        };
        assert_eq!(
            follow("/blog/2024/02/01/second.html", &posts, &site),
            second
        );
        assert_eq!(follow("/blog/2024/02/01/second", &posts, &site), second);
        assert_eq!(
            follow(
                "https://COURSE.example.org/blog/2024/02/01/second.html#notes",
                &posts,
                &site
            ),
            LinkTarget::Post {
                index: 1,
                anchor: Some("notes".into())
            }
        );
        assert_eq!(
            follow("/blog/first/index.html", &posts, &site),
            LinkTarget::Post {
                index: 0,
                anchor: None
            }
        );
        // Relative to the first post's URL (/blog/first/).
        assert_eq!(follow("../2024/02/01/second.html", &posts, &site), second);
        assert_eq!(
            follow("https://other.example.org/blog/first/", &posts, &site),
            LinkTarget::Outside("https://other.example.org/blog/first/".into())
        );
    }

    #[test]
    fn without_settings_a_post_is_found_by_its_file_or_slug_and_date() {
        let site = Site::default();
        let posts = [
            post("ann/2024-01-05-first.md", None),
            post("bob/2024-02-01-second-post.md", None),
        ];
        let second = LinkTarget::Post {
            index: 1,
            anchor: None,
        };
        assert_eq!(
            follow("../bob/2024-02-01-second-post.md", &posts, &site),
            second
        );
        assert_eq!(
            follow("/2024/02/01/second-post.html", &posts, &site),
            second
        );
        assert!(matches!(
            follow("/2023/02/01/second-post.html", &posts, &site),
            LinkTarget::Refused(_)
        ));
        assert_eq!(
            follow("#what-i-learned", &posts, &site),
            LinkTarget::Heading("what-i-learned".into())
        );
    }

    #[test]
    fn only_web_and_mail_addresses_leave_the_site() {
        let site = Site::default();
        let posts = [post("ann/2024-01-05-first.md", None)];
        for url in [
            "https://trinket.io/embed/python/abc",
            "http://example.org",
            "mailto:ann@example.org",
        ] {
            assert_eq!(follow(url, &posts, &site), LinkTarget::Outside(url.into()));
        }
        assert_eq!(
            follow("//www.youtube.com/embed/xyz", &posts, &site),
            LinkTarget::Outside("https://www.youtube.com/embed/xyz".into())
        );
        for url in [
            "javascript:alert(1)",
            "JavaScript:void(0)",
            "data:text/html,hi",
            "file:///etc/passwd",
            "ftp://x.org/f",
        ] {
            let LinkTarget::Refused(why) = follow(url, &posts, &site) else {
                panic!("{url} was followed");
            };
            assert!(why.starts_with("not opened"), "{why}");
        }
    }

    #[test]
    fn anchors_compare_by_letters_and_digits() {
        assert_eq!(
            anchor_key("Q&A: What I learned"),
            anchor_key("qa-what-i-learned")
        );
        assert_eq!(anchor_key("Étape 2"), "étape2");
    }

    #[test]
    fn urls_join_like_a_browser() {
        assert_eq!(join_url("/blog/first/", "../x.html"), "/blog/x.html");
        assert_eq!(join_url("/blog/first.html", "img/a.png"), "/blog/img/a.png");
        assert_eq!(join_url("/a/", "../../../b/"), "/b/");
    }
}
