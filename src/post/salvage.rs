//! Line-by-line recovery of `key: value` pairs from front matter that YAML rejects,
//! with a hint for each line that shows a typical beginner's mistake.

use super::split::is_key_line;
use super::yaml::{RawFields, Scalar, match_key};
use super::{Diagnostic, lint};

/// Recovers what it can from `yaml`, whose first line is line `first_line` of the file.
pub fn salvage(yaml: &str, first_line: usize) -> (RawFields, Vec<Diagnostic>) {
    let mut fields = RawFields::default();
    let mut hints = Vec::new();
    // A `key:` with nothing after it, waiting for `- item` lines.
    let mut open_list: Option<(String, Vec<String>)> = None;

    for (offset, raw) in yaml.lines().enumerate() {
        let line_no = first_line + offset;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if line.contains('\t') {
            hints.push(Diagnostic::new(
                &lint::YAML_TAB,
                "the line holds a tab character; YAML allows only spaces there",
                Some(line_no),
            ));
        }
        if let Some(item) = trimmed
            .strip_prefix("- ")
            .or((trimmed == "-").then_some(""))
        {
            if let Some((_, items)) = open_list.as_mut()
                && !item.trim().is_empty()
            {
                items.push(unquote(item.trim()));
            }
            continue;
        }
        flush_list(&mut open_list, &mut fields);
        if !is_key_line(line) {
            continue;
        }
        let (key, after) = line.split_once(':').unwrap_or((line, ""));
        let key = key.trim();
        let value = after.trim();
        if line.starts_with([' ', '\t']) {
            hints.push(Diagnostic::new(
                &lint::YAML_INDENTED_KEY,
                "the key is indented; top-level keys start at the first column",
                Some(line_no),
            ));
        }
        if after.starts_with(|c: char| !c.is_whitespace()) && !after.starts_with("//") {
            hints.push(Diagnostic::new(
                &lint::YAML_NO_SPACE,
                format!("put a space after the colon (`{key}: ...`)"),
                Some(line_no),
            ));
        }
        hint_value(value, key, line_no, &mut hints);
        let Some(matched) = match_key(key) else {
            continue;
        };
        if value.is_empty() {
            // Stored when its `- item` lines end (see `flush_list`).
            open_list = Some((key.to_string(), Vec::new()));
            continue;
        }
        fields.set(key, matched, parse_value(value));
    }
    flush_list(&mut open_list, &mut fields);
    (fields, hints)
}

fn flush_list(open_list: &mut Option<(String, Vec<String>)>, fields: &mut RawFields) {
    if let Some((key, items)) = open_list.take()
        && let Some(matched) = match_key(&key)
    {
        let value = if items.is_empty() {
            Scalar::Null
        } else {
            Scalar::List(items)
        };
        fields.set(&key, matched, value);
    }
}

/// Hints about a value YAML chokes on: a stray quote, a second `: `.
fn hint_value(value: &str, key: &str, line_no: usize, hints: &mut Vec<Diagnostic>) {
    for quote in ['"', '\''] {
        if value.starts_with(quote) && (value.len() < 2 || !value.ends_with(quote)) {
            hints.push(Diagnostic::new(
                &lint::YAML_UNBALANCED_QUOTE,
                format!("the value opens a quote ({quote}) it never closes; close it at the end of the line"),
                Some(line_no),
            ));
            return;
        }
    }
    let quoted = value.starts_with(['"', '\'']);
    if !quoted && value.contains(": ") {
        hints.push(Diagnostic::new(
            &lint::YAML_COLON_IN_VALUE,
            format!("the value holds `: `, which YAML reads as another key; put the value in double quotes: {key}: \"{}\"", value.replace('"', "\\\"")),
            Some(line_no),
        ));
    }
}

/// A value as written on one line: quotes removed (even an unbalanced one), `[a, b]` as a list.
fn parse_value(value: &str) -> Scalar {
    if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        let items = inner
            .split(',')
            .map(|item| unquote(item.trim()))
            .filter(|item| !item.is_empty())
            .collect();
        return Scalar::List(items);
    }
    match value {
        "true" | "True" | "TRUE" => Scalar::Bool(true),
        "false" | "False" | "FALSE" => Scalar::Bool(false),
        _ => Scalar::Text(unquote(value)),
    }
}

fn unquote(value: &str) -> String {
    let mut text = value;
    for quote in ['"', '\''] {
        if let Some(rest) = text.strip_prefix(quote) {
            text = rest.strip_suffix(quote).unwrap_or(rest);
            break;
        }
    }
    text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(hints: &[Diagnostic]) -> Vec<&'static str> {
        hints.iter().map(|d| d.rule).collect()
    }

    #[test]
    fn recovers_keys_from_broken_yaml() {
        let yaml =
            "layout: post\ntitle: \"Unclosed\nauthor:Sam\n  tags: x\ncategories:\n  - a\n  - 'b'\n";
        let (fields, hints) = salvage(yaml, 2);
        assert_eq!(fields.title, Some(Scalar::Text("Unclosed".into())));
        assert_eq!(fields.author, Some(Scalar::Text("Sam".into())));
        assert_eq!(fields.tags, vec![Scalar::Text("x".into())]);
        assert_eq!(
            fields.categories,
            vec![Scalar::List(vec!["a".into(), "b".into()])]
        );
        assert_eq!(
            rules(&hints),
            [
                "yaml-unbalanced-quote",
                "yaml-no-space",
                "yaml-indented-key"
            ]
        );
        assert_eq!(hints[0].line, Some(3));
    }

    #[test]
    fn second_colon_and_tabs_are_explained() {
        let (fields, hints) = salvage("title: Python: a meetup\n\tauthor: Sam\n", 2);
        assert_eq!(fields.title, Some(Scalar::Text("Python: a meetup".into())));
        assert_eq!(fields.author, Some(Scalar::Text("Sam".into())));
        assert_eq!(
            rules(&hints),
            ["yaml-colon-in-value", "yaml-tab", "yaml-indented-key"]
        );
    }
}
