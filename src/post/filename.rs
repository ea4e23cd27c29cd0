//! Jekyll file names: `YYYY-MM-DD-slug.ext`, the date and slug they carry.

use std::fmt;

use serde::{Serialize, Serializer};

/// A calendar date, as Jekyll takes it from a file name or a `date:` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PostDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl PostDate {
    /// A date only if it is a real one (no 31 April, no 29 February 2023).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let month_enum = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, month_enum, day).ok()?;
        Some(Self { year, month, day })
    }
}

impl fmt::Display for PostDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for PostDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// What a post's file name says: its date and slug, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameParts {
    pub date: Option<PostDate>,
    pub slug: String,
    pub diagnostics: Vec<super::Diagnostic>,
}

/// Reads a file name the way Jekyll's post reader does (`YYYY-MM-DD-slug.ext`), and
/// applies the course's stricter naming rules.
pub fn parse_file_name(path: &std::path::Path) -> NameParts {
    use super::{Diagnostic, lint};

    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let has_extension = path.extension().is_some();
    let stem = if has_extension {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    } else {
        name.clone()
    };
    let mut diagnostics = Vec::new();
    let (date, slug) = match split_date_prefix(&stem) {
        Some((year, month, day, slug)) => {
            let written = &stem[..stem.len() - slug.len() - 1];
            let date = u8::try_from(month)
                .ok()
                .zip(u8::try_from(day).ok())
                .and_then(|(m, d)| PostDate::new(year, m, d));
            match date {
                None => diagnostics.push(Diagnostic::new(
                    &lint::FILENAME_DATE_INVALID,
                    format!("the date in the file name, `{written}`, is not a real date, so Jekyll refuses the post; correct it"),
                    None,
                )),
                Some(date) if written != date.to_string() => diagnostics.push(Diagnostic::new(
                    &lint::FILENAME_DATE_FORMAT,
                    format!("the date in the file name, `{written}`, has a one-digit month or day; Jekyll reads it as {date}, but write it that way"),
                    None,
                )),
                Some(_) => {}
            }
            (date, slug.to_string())
        }
        None => {
            diagnostics.push(Diagnostic::new(
                &lint::FILENAME_NO_DATE,
                format!("the file name `{name}` does not start with a date, so Jekyll skips the post; rename it to `YYYY-MM-DD-{}.md`", suggested_slug(&stem)),
                None,
            ));
            (None, stem.clone())
        }
    };
    if slug.is_empty() {
        diagnostics.push(Diagnostic::new(
            &lint::FILENAME_NO_SLUG,
            format!("the file name `{name}` has nothing after the date, so the post has no URL; add a slug such as `-my-meetup`"),
            None,
        ));
    } else if slug
        .chars()
        .any(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    {
        diagnostics.push(Diagnostic::new(
            &lint::FILENAME_SLUG_CHARACTERS,
            format!(
                "the slug `{slug}` holds characters other than letters, digits, `-` and `_`, which end up escaped in the URL; rename it to `{}`",
                suggested_slug(&slug)
            ),
            None,
        ));
    }
    if !has_extension {
        diagnostics.push(Diagnostic::new(
            &lint::FILENAME_NO_EXTENSION,
            format!("the file `{name}` has no extension, so Jekyll does not convert it; add `.md`"),
            None,
        ));
    }
    NameParts {
        date,
        slug,
        diagnostics,
    }
}

/// `YYYY-M(M)-D(D)-rest` → the numbers and the rest.
fn split_date_prefix(stem: &str) -> Option<(i32, u32, u32, &str)> {
    let mut parts = stem.splitn(4, '-');
    let year = parts.next()?;
    let month = parts.next()?;
    let day = parts.next()?;
    let rest = parts.next()?;
    let digits = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(year, 4, 4) && digits(month, 1, 2) && digits(day, 1, 2)) {
        return None;
    }
    Some((
        year.parse().ok()?,
        month.parse().ok()?,
        day.parse().ok()?,
        rest,
    ))
}

/// A date written in front matter: `2022-12-01`, `2022-12-1 10:00:00 -0600`, `2022-12-01T10:00`.
pub fn parse_date_value(value: &str) -> Option<PostDate> {
    let value = value.trim();
    let head: String = value
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    let mut parts = head.split('-');
    let year = parts.next()?;
    let month = parts.next()?;
    let day = parts.next()?;
    if parts.next().is_some() || year.len() != 4 || month.is_empty() || day.is_empty() {
        return None;
    }
    if month.len() > 2 || day.len() > 2 {
        return None;
    }
    PostDate::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// The slug with spaces turned into `-` and other characters Jekyll escapes dropped,
/// offered as the fix in diagnostics.
fn suggested_slug(slug: &str) -> String {
    let mut out = String::new();
    for c in slug.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if (c == '-' || c.is_whitespace()) && !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "my-meetup-reflection".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn rules(name: &str) -> Vec<&'static str> {
        parse_file_name(Path::new(name))
            .diagnostics
            .iter()
            .map(|d| d.rule)
            .collect()
    }

    #[test]
    fn dates_and_slugs() {
        let parts = parse_file_name(Path::new("a/2022-12-01-my-post.md"));
        assert_eq!(parts.date, PostDate::new(2022, 12, 1));
        assert_eq!(parts.slug, "my-post");
        assert!(parts.diagnostics.is_empty());
        assert_eq!(rules("2022-12-1-x.md"), ["filename-date-format"]);
        assert_eq!(
            parse_file_name(Path::new("2022-12-1-x.md")).date,
            PostDate::new(2022, 12, 1)
        );
        assert_eq!(rules("2023-02-29-x.md"), ["filename-date-invalid"]);
        assert_eq!(rules("no-date.md"), ["filename-no-date"]);
        assert_eq!(
            rules("2022-12-01-my post's.md"),
            ["filename-slug-characters"]
        );
        assert_eq!(rules("2022-12-01-post"), ["filename-no-extension"]);
        assert_eq!(rules("2022-12-01-.md"), ["filename-no-slug"]);
    }

    #[test]
    fn front_matter_dates() {
        assert_eq!(parse_date_value("2022-12-01"), PostDate::new(2022, 12, 1));
        assert_eq!(
            parse_date_value("2022-12-1 10:00:00 -0600"),
            PostDate::new(2022, 12, 1)
        );
        assert_eq!(parse_date_value("2022-02-30"), None);
        assert_eq!(parse_date_value("yesterday"), None);
        assert_eq!(
            suggested_slug("inf380p's meetup--reflection"),
            "inf380ps-meetup-reflection"
        );
    }
}
