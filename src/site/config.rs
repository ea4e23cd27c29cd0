//! `_config.yml`, typed: the keys that decide what happens to posts.

use std::path::Path;

use serde_yaml::{Mapping, Value};

/// A site's settings.
#[derive(Debug, Clone, Default)]
pub struct SiteConfig {
    /// Every setting as written, for `{{ site.X }}`.
    pub raw: Mapping,
    /// The permalink template, built-in styles expanded (`date` when not given).
    pub permalink: String,
    pub baseurl: String,
    pub url: String,
    pub title: String,
    pub defaults: Vec<ScopedDefault>,
    /// Whether posts dated in the future are published (`false` unless set).
    pub future: bool,
    pub timezone: Option<String>,
    pub exclude: Vec<String>,
    pub plugins: Vec<String>,
}

/// One entry of `defaults:`: values given to the documents under `path` (of `type`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScopedDefault {
    /// A path from the site's root; empty for every document.
    pub path: String,
    /// `posts`, `pages`, ...; `None` for every type.
    pub kind: Option<String>,
    pub values: Mapping,
}

impl SiteConfig {
    /// The settings in `path`: `Ok(None)` when there is no such file, `Err` (one
    /// sentence naming the file) when it cannot be used: unreadable, not a regular file,
    /// over 1 MiB, or not YAML settings.
    pub fn read(path: &Path) -> Result<Option<Self>, String> {
        let bytes = match crate::fsutil::read_if_present(path, crate::fsutil::caps::SMALL) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => return Ok(None),
            Err(err) => {
                return Err(format!(
                    "the site's settings {} cannot be read ({err}), so Jekyll would not build the site; they are not used",
                    path.display()
                ));
            }
        };
        match serde_yaml::from_slice::<Value>(&bytes) {
            Ok(Value::Mapping(raw)) => Ok(Some(Self::from_mapping(raw))),
            // An empty file is no settings, as in Jekyll.
            Ok(Value::Null) => Ok(Some(Self::from_mapping(Mapping::new()))),
            Ok(_) => Err(format!(
                "the site's settings {} are not `key: value` lines, so Jekyll would not build the site; they are not used",
                path.display()
            )),
            Err(err) => Err(format!(
                "the site's settings {} are not valid YAML ({err}), so Jekyll would not build the site; they are not used",
                path.display()
            )),
        }
    }

    pub fn from_mapping(raw: Mapping) -> Self {
        let text = |key: &str| raw.get(key).and_then(scalar).unwrap_or_default();
        let list = |key: &str| match raw.get(key) {
            Some(Value::Sequence(items)) => items.iter().filter_map(scalar).collect(),
            Some(value) => scalar(value).into_iter().collect(),
            None => Vec::new(),
        };
        let permalink = super::template_of(&text("permalink")).into_owned();
        let future = matches!(raw.get("future"), Some(Value::Bool(true)));
        let mut plugins = list("plugins");
        plugins.extend(list("gems"));
        Self {
            permalink,
            baseurl: text("baseurl"),
            url: text("url"),
            title: text("title"),
            defaults: defaults(raw.get("defaults")),
            future,
            timezone: raw.get("timezone").and_then(scalar),
            exclude: list("exclude"),
            plugins,
            raw,
        }
    }

    /// The value `defaults:` give `key` for a post at `path` (from the site's root),
    /// the most specific scope winning, as in Jekyll.
    pub fn default_for(&self, path: &str, key: &str) -> Option<&Value> {
        // `post` is the old name of the type; a scope naming the type wins a tie.
        self.defaults
            .iter()
            .filter(|d| {
                d.kind
                    .as_deref()
                    .is_none_or(|kind| kind == "posts" || kind == "post")
            })
            .filter(|d| applies_to(&d.path, path))
            .filter_map(|d| Some(((d.path.len(), d.kind.is_some()), d.values.get(key)?)))
            .max_by_key(|(specificity, _)| *specificity)
            .map(|(_, value)| value)
    }

    /// Whether `path` (from the site's root) is left out of the site by `exclude:`.
    pub fn excludes(&self, path: &str) -> bool {
        self.exclude.iter().any(|pattern| applies_to(pattern, path))
    }
}

/// Whether a scope path (or an exclude entry) covers `path`: the same path, a folder
/// above it, or a `*` pattern matching it.
fn applies_to(scope: &str, path: &str) -> bool {
    let scope = scope.trim_start_matches("./").trim_matches('/');
    if scope.is_empty() {
        return true;
    }
    if scope.contains('*') {
        return glob_matches(scope, path);
    }
    path == scope
        || path
            .strip_prefix(scope)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// A `*` glob (any run of characters, `/` included, as Jekyll's `File.fnmatch` with
/// its path flags off) matched against the whole of `path`.
fn glob_matches(pattern: &str, path: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if parts.len() == 1 {
        return pattern == path;
    }
    let Some(mut rest) = path.strip_prefix(first) else {
        return false;
    };
    let Some(end) = rest
        .len()
        .checked_sub(last.len())
        .filter(|_| rest.ends_with(last))
    else {
        return false;
    };
    rest = &rest[..end];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

fn defaults(value: Option<&Value>) -> Vec<ScopedDefault> {
    let Some(Value::Sequence(entries)) = value else {
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(|entry| {
            let scope = entry.get("scope");
            let path = scope
                .and_then(|s| s.get("path"))
                .and_then(scalar)
                .unwrap_or_default();
            let kind = scope.and_then(|s| s.get("type")).and_then(scalar);
            let values = entry.get("values")?.as_mapping()?.clone();
            Some(ScopedDefault { path, kind, values })
        })
        .collect()
}

/// A YAML value as Liquid prints it, when it is plain.
pub fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Null => Some(String::new()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(yaml: &str) -> SiteConfig {
        SiteConfig::from_mapping(serde_yaml::from_str(yaml).unwrap())
    }

    #[test]
    fn defaults_apply_by_path_and_type_the_most_specific_first() {
        let site = config(
            "defaults:\n  - scope: {path: '', type: posts}\n    values: {layout: post, author: staff}\n  \
             - scope: {path: _posts/ann}\n    values: {author: ann}\n  - scope: {path: '', type: pages}\n    values: {layout: page}",
        );
        let value = |path, key| site.default_for(path, key).and_then(scalar);
        assert_eq!(value("_posts/ann/x.md", "layout").as_deref(), Some("post"));
        assert_eq!(value("_posts/ann/x.md", "author").as_deref(), Some("ann"));
        assert_eq!(value("_posts/bob/x.md", "author").as_deref(), Some("staff"));
        assert_eq!(
            value("_posts/annie/x.md", "author").as_deref(),
            Some("staff")
        );
        assert_eq!(value("_posts/x.md", "title"), None);
        // A tie in path goes to the scope that names the type, wherever it is listed.
        let tie = config(
            "defaults:\n  - scope: {path: '', type: post}\n    values: {author: typed}\n  \
             - scope: {path: ''}\n    values: {author: untyped}",
        );
        let author = tie.default_for("_posts/x.md", "author").and_then(scalar);
        assert_eq!(author.as_deref(), Some("typed"));
    }

    #[test]
    fn the_keys_that_matter_are_read_typed() {
        let site = config(
            "permalink: pretty\nbaseurl: /c\nurl: https://x.edu\nfuture: true\nplugins: [jemoji]\nexclude: [_posts/old, '*.txt']",
        );
        assert_eq!(site.permalink, "/:categories/:year/:month/:day/:title/");
        assert_eq!(
            (site.baseurl.as_str(), site.url.as_str()),
            ("/c", "https://x.edu")
        );
        assert!(site.future);
        assert_eq!(site.plugins, ["jemoji"]);
        assert!(site.excludes("_posts/old/a.md"));
        assert!(site.excludes("notes.txt"));
        assert!(
            !site.excludes("notes.txt.bak"),
            "a glob matches the whole path"
        );
        assert!(!site.excludes("_posts/older/a.md"));
        assert!(
            !config("title: t").future,
            "future posts are not published by default"
        );
    }
}
