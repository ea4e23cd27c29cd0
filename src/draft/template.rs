//! The reflection template: the built-in one, a site's or the user's override, and
//! filling in `{{title}}`, `{{author}}` and `{{date}}`.

use std::path::{Path, PathBuf};

use super::error::{DraftError, DraftResult};
use super::front::{escape_for_double_quotes, split, yaml_scalar};

/// The template's file name, in a site's `_templates/` or the user's config folder.
pub const TEMPLATE_FILE: &str = "reflection.md";

/// The environment variable that replaces the user's config folder (for tests and
/// for people who keep their settings elsewhere).
pub const CONFIG_DIR_ENV: &str = "MEETUP_READER_CONFIG_DIR";

/// Where a template came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateOrigin {
    /// `<site>/_templates/reflection.md`.
    Site(PathBuf),
    /// `reflection.md` in the user's config folder.
    Config(PathBuf),
    BuiltIn,
}

/// A template's text, before its placeholders are filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub origin: TemplateOrigin,
    pub text: String,
}

/// The values that fill a template's placeholders.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateVars {
    pub title: String,
    pub author: String,
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// The built-in template: the reflection assignment's five questions, each a bold line,
/// a blank line, and an empty line for the answer, so the answer is a paragraph of its
/// own (typed right under a question, it would join the question's paragraph).
pub fn builtin_template() -> String {
    builtin_template_asking(&crate::assignment::DEFAULT_QUESTIONS)
}

/// The built-in template with `questions` in place of the default ones (the `questions`
/// setting).
pub fn builtin_template_asking(questions: &[impl AsRef<str>]) -> String {
    let mut text = String::from("---\nlayout: post\nauthor: {{author}}\ntitle: {{title}}\n---\n");
    for question in questions {
        let question = question.as_ref();
        text.push_str(&format!("\n**{question}**\n\n\n"));
    }
    text
}

/// The user's config folder: `explicit` if given, else `$MEETUP_READER_CONFIG_DIR`,
/// else the platform's (e.g. `~/.config/meetup-reader`).
pub fn config_dir(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = explicit {
        return Some(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "meetup-reader").map(|d| d.config_dir().to_path_buf())
}

/// Finds the template for a site: `<site>/_templates/reflection.md`, else
/// `reflection.md` in `config_dir`, else the built-in one. A template file that exists
/// but cannot be read is an error, not a silent fall-back.
/// The built-in one asks `questions`.
pub fn find_template(
    site: &Path,
    config_dir: Option<&Path>,
    questions: &[String],
) -> DraftResult<Template> {
    let site_file = site.join("_templates").join(TEMPLATE_FILE);
    if let Some(text) = read_if_present(&site_file)? {
        return Ok(Template {
            origin: TemplateOrigin::Site(site_file),
            text,
        });
    }
    if let Some(dir) = config_dir {
        let config_file = dir.join(TEMPLATE_FILE);
        if let Some(text) = read_if_present(&config_file)? {
            return Ok(Template {
                origin: TemplateOrigin::Config(config_file),
                text,
            });
        }
    }
    Ok(Template {
        origin: TemplateOrigin::BuiltIn,
        text: builtin_template_asking(questions),
    })
}

fn read_if_present(path: &Path) -> DraftResult<Option<String>> {
    match crate::fsutil::read_if_present(path, crate::fsutil::caps::SMALL) {
        Ok(Some(bytes)) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| DraftError::NotText(path.to_path_buf())),
        Ok(None) => Ok(None),
        Err(source) => Err(DraftError::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Fills in a template. In the front matter each value is quoted as YAML needs, so a
/// title holding `: `, quotes or `#` still parses as that title; in the body the values
/// go in as written. Unknown `{{names}}` are left alone. Control characters in the
/// values become spaces, so no value can add a line.
pub fn render(template: &str, vars: &TemplateVars) -> String {
    let vars = TemplateVars {
        title: clean(&vars.title),
        author: clean(&vars.author),
        date: clean(&vars.date),
    };
    let Some(parts) = split(template) else {
        return substitute(template, &vars, |s| s.to_string());
    };
    let yaml_end = parts.yaml_start + parts.yaml.len();
    let mut out = String::with_capacity(template.len() + 64);
    out.push_str(&template[..parts.yaml_start]);
    for line in parts.yaml.split_inclusive('\n') {
        out.push_str(&render_yaml_line(line, &vars));
    }
    out.push_str(&substitute(&template[yaml_end..], &vars, |s| s.to_string()));
    out
}

fn clean(value: &str) -> String {
    value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// One front-matter line: `key: value` or `- value`, with the value bare, in double
/// quotes or in single quotes; each kind gets its own escaping.
fn render_yaml_line(line: &str, vars: &TemplateVars) -> String {
    if !line.contains("{{") {
        return line.to_string();
    }
    let body = line.trim_end_matches(['\n', '\r']);
    let ending = &line[body.len()..];
    let value_start = match (body.find(": "), body.trim_start().starts_with("- ")) {
        (Some(colon), _) => colon + 2,
        (None, true) => body.find("- ").map_or(0, |i| i + 2),
        (None, false) => return substitute(line, vars, |s| s.to_string()),
    };
    let (head, value) = body.split_at(value_start);
    let trimmed = value.trim();
    let lead = &value[..value.len() - value.trim_start().len()];
    let rendered = if trimmed.len() >= 2 && trimmed.starts_with('"') && trimmed.ends_with('"') {
        substitute(trimmed, vars, escape_for_double_quotes)
    } else if trimmed.len() >= 2 && trimmed.starts_with('\'') && trimmed.ends_with('\'') {
        substitute(trimmed, vars, |s| s.replace('\'', "''"))
    } else {
        yaml_scalar(&substitute(trimmed, vars, |s| s.to_string()))
    };
    format!("{head}{lead}{rendered}{ending}")
}

/// Replaces each `{{name}}` (spaces inside allowed) whose name is known with
/// `escape(value)`.
fn substitute(text: &str, vars: &TemplateVars, escape: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open + 2..].find("}}") else {
            break;
        };
        let name = rest[open + 2..open + 2 + close].trim();
        let value = match name {
            "title" => Some(&vars.title),
            "author" => Some(&vars.author),
            "date" => Some(&vars.date),
            _ => None,
        };
        out.push_str(&rest[..open]);
        match value {
            Some(v) => out.push_str(&escape(v)),
            None => out.push_str(&rest[open..open + 4 + close]),
        }
        rest = &rest[open + 4 + close..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::front::read_fields;

    fn vars(title: &str, author: &str) -> TemplateVars {
        TemplateVars {
            title: title.into(),
            author: author.into(),
            date: "2023-02-01".into(),
        }
    }

    #[test]
    fn quoting_depends_on_how_the_template_writes_the_value() {
        let t = "---\na: {{title}}\nb: \"{{title}}\"\nc: '{{title}}'\nd: On {{ title }}\n---\n{{title}} {{other}}\n";
        let out = render(t, &vars("It's \"x\": y", "me"));
        let fields = split(&out).unwrap();
        let map: serde_yaml::Mapping = serde_yaml::from_str(fields.yaml).unwrap();
        for key in ["a", "b", "c"] {
            assert_eq!(
                map.get(key).unwrap().as_str(),
                Some("It's \"x\": y"),
                "{out}"
            );
        }
        assert_eq!(map.get("d").unwrap().as_str(), Some("On It's \"x\": y"));
        assert!(out.ends_with("It's \"x\": y {{other}}\n"));
    }

    #[test]
    fn builtin_reads_back() {
        let out = render(&builtin_template(), &vars("Meetup: # one", "Ann\nB"));
        let fields = read_fields(split(&out).unwrap().yaml).unwrap();
        assert_eq!(fields.title, "Meetup: # one");
        assert_eq!(fields.author, "Ann B");
    }
}
