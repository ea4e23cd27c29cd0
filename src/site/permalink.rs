//! Where Jekyll publishes a post: its permalink template filled in, and the file that
//! URL is written to.

use std::borrow::Cow;

use super::SiteConfig;
use crate::post::{Post, PostDate};

/// The template of a built-in permalink style (`date`, `pretty`, `ordinal`,
/// `weekdate`, `none`), or `permalink` itself when it is a template; `date` when empty.
pub fn template_of(permalink: &str) -> Cow<'_, str> {
    Cow::Borrowed(match permalink.trim() {
        "" | "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        template => return Cow::Owned(template.to_string()),
    })
}

/// True when URLs from `template` hold the post's date (then the same title on two
/// days makes two URLs).
pub fn has_date(template: &str) -> bool {
    [
        ":year",
        ":month",
        ":i_month",
        ":day",
        ":i_day",
        ":short_year",
        ":y_day",
        ":week",
    ]
    .iter()
    .any(|placeholder| template.contains(placeholder))
}

/// The post's URL within the site (without `baseurl`), as Jekyll makes it: the post's
/// own `permalink:` when it has one, else the site's template filled in. `slug` and
/// `categories` are the post's after defaults.
pub fn url_of(post: &Post, own_permalink: Option<&str>, config: &SiteConfig) -> String {
    let template = own_permalink.map_or(Cow::Borrowed(config.permalink.as_str()), template_of);
    let date = post.date.unwrap_or(PostDate {
        year: 1970,
        month: 1,
        day: 1,
    });
    let categories: Vec<String> = {
        let mut seen: Vec<String> = Vec::new();
        for category in &post.categories {
            let lower = category.to_lowercase();
            if !seen.contains(&lower) {
                seen.push(lower);
            }
        }
        seen
    };
    let title = slugify(&post.slug, true);
    let slug = slugify(&post.slug, false);
    let mut url = String::with_capacity(template.len() + 32);
    let mut rest = template.as_ref();
    while let Some(at) = rest.find(':') {
        url.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let name = &after[..name_len];
        let value = match name {
            "categories" => categories.join("/"),
            "year" => format!("{:04}", date.year),
            "short_year" => format!("{:02}", date.year.rem_euclid(100)),
            "month" => format!("{:02}", date.month),
            "i_month" => date.month.to_string(),
            "day" => format!("{:02}", date.day),
            "i_day" => date.day.to_string(),
            "y_day" => format!("{:03}", day_of_year(date)),
            "week" => format!("{:02}", iso_week(date).0),
            "short_day" => iso_week(date).1.to_string(),
            "title" => title.clone(),
            "slug" => slug.clone(),
            "output_ext" => ".html".to_string(),
            _ => format!(":{name}"),
        };
        url.push_str(&value);
        rest = &after[name_len..];
    }
    url.push_str(rest);
    clean_url(&url)
}

/// The file a URL is written to, from the site's output folder, as Jekyll names it:
/// `…/index.html` for a URL ending in `/`, and `.html` added to any other that does not
/// end with it.
pub fn destination(url: &str) -> String {
    if url.ends_with('/') {
        format!("{url}index.html")
    } else if url.ends_with(".html") {
        url.to_string()
    } else {
        format!("{url}.html")
    }
}

/// Repeated slashes folded, one at the start.
fn clean_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + 1);
    out.push('/');
    for c in url.chars() {
        if c == '/' && out.ends_with('/') {
            continue;
        }
        out.push(c);
    }
    out
}

/// Jekyll's `slugify` in its `pretty` mode: runs of characters other than letters,
/// digits and `._~!$&'()+,;=@` become one hyphen, trimmed at the ends; lower-cased
/// unless `cased` (`:title` keeps case, `:slug` does not).
fn slugify(text: &str, cased: bool) -> String {
    let keep = |c: char| c.is_alphanumeric() || "._~!$&'()+,;=@".contains(c);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if keep(c) {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_matches('-');
    if cased {
        trimmed.to_string()
    } else {
        trimmed.to_lowercase()
    }
}

fn day_of_year(date: PostDate) -> u16 {
    to_time(date).map_or(1, |d| d.ordinal())
}

/// The ISO week number and weekday name (`Mon`...) of a date.
fn iso_week(date: PostDate) -> (u8, &'static str) {
    let Some(day) = to_time(date) else {
        return (1, "Mon");
    };
    let name = match day.weekday() {
        time::Weekday::Monday => "Mon",
        time::Weekday::Tuesday => "Tue",
        time::Weekday::Wednesday => "Wed",
        time::Weekday::Thursday => "Thu",
        time::Weekday::Friday => "Fri",
        time::Weekday::Saturday => "Sat",
        time::Weekday::Sunday => "Sun",
    };
    (day.iso_week(), name)
}

fn to_time(date: PostDate) -> Option<time::Date> {
    let month = time::Month::try_from(date.month).ok()?;
    time::Date::from_calendar_date(date.year, month, date.day).ok()
}

/// The URL of a page of the site from its path (`about.md` → `/baseurl/about.html`, as
/// Jekyll writes a Markdown page).
pub fn page_url(config: &SiteConfig, path: &str) -> String {
    let page = std::path::Path::new(path.trim_start_matches('/'));
    let page = match page.extension().and_then(|e| e.to_str()) {
        Some("md" | "markdown" | "html") => page.with_extension("html"),
        _ => page.to_path_buf(),
    };
    format!(
        "{}/{}",
        config.baseurl.trim_end_matches('/'),
        page.to_string_lossy()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(slug: &str, date: (i32, u8, u8), categories: &[&str]) -> Post {
        Post {
            slug: slug.into(),
            date: PostDate::new(date.0, date.1, date.2),
            categories: categories.iter().map(|&c| c.into()).collect(),
            ..Post::default()
        }
    }

    fn url(permalink: &str, post: &Post) -> String {
        let config = SiteConfig {
            permalink: template_of(permalink).into_owned(),
            ..SiteConfig::default()
        };
        url_of(post, None, &config)
    }

    #[test]
    fn the_built_in_styles() {
        let p = post("Final-Project", (2024, 3, 5), &["Meetup", "python"]);
        assert_eq!(url("", &p), "/meetup/python/2024/03/05/Final-Project.html");
        assert_eq!(
            url("pretty", &p),
            "/meetup/python/2024/03/05/Final-Project/"
        );
        assert_eq!(url("none", &p), "/meetup/python/Final-Project.html");
        assert_eq!(
            url("ordinal", &p),
            "/meetup/python/2024/065/Final-Project.html"
        );
        assert_eq!(
            url("weekdate", &p),
            "/meetup/python/2024/W10/Tue/Final-Project.html"
        );
        let plain = post("a b", (2024, 3, 5), &[]);
        assert_eq!(url("/:year/:i_month/:i_day/:slug", &plain), "/2024/3/5/a-b");
        assert_eq!(url("/blog/:short_year/:title/", &plain), "/blog/24/a-b/");
    }

    #[test]
    fn a_post_s_own_permalink_wins() {
        let config = SiteConfig::default();
        let p = post("x", (2024, 1, 1), &[]);
        assert_eq!(url_of(&p, Some("/about/me/"), &config), "/about/me/");
        assert_eq!(url_of(&p, Some("pretty"), &config), "/2024/01/01/x/");
    }

    #[test]
    fn destinations_name_the_file_written() {
        assert_eq!(destination("/a/b/"), "/a/b/index.html");
        assert_eq!(destination("/a/b.html"), "/a/b.html");
        assert_eq!(destination("/a/b"), "/a/b.html");
        assert!(has_date("/:year/:title/") && !has_date("/:categories/:title:output_ext"));
    }
}
