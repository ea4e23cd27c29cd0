//! The little of YAML front matter that drafting needs: split it off, read the title,
//! author and date, quote values safely, and change the `date:` line in place.
//!
//! This is deliberately not the loader's parser (`crate::post::front_matter`), which
//! recovers from damage: a draft is about to be published, so damage is an error here.

/// A file split into its front matter (between the `---` lines) and its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML text, without the delimiter lines.
    pub yaml: &'a str,
    /// Everything after the closing delimiter line.
    pub body: &'a str,
    /// Byte offset where `yaml` starts in the file.
    pub yaml_start: usize,
}

/// Splits `text` at its front matter, which must start on the first line (after an
/// optional byte-order mark) and end at the next line holding only `---` (or `...`).
pub fn split(text: &str) -> Option<Split<'_>> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let first_end = rest.find('\n')?;
    if rest[..first_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = start + first_end + 1;
    let mut pos = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return Some(Split {
                yaml: &text[yaml_start..pos],
                body: &text[pos + line.len()..],
                yaml_start,
            });
        }
        pos += line.len();
    }
    None
}

/// The fields of a draft's front matter that publishing checks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DraftFields {
    pub title: String,
    pub author: String,
    /// The `date:` value as written, if any.
    pub date: Option<String>,
    /// Whether the front matter has a `date:` key at all.
    pub has_date_key: bool,
}

/// Reads title, author and date from front-matter YAML. `Err` holds the YAML error.
pub fn read_fields(yaml: &str) -> Result<DraftFields, String> {
    if yaml.trim().is_empty() {
        return Ok(DraftFields::default());
    }
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).map_err(|e| e.to_string())?;
    let serde_yaml::Value::Mapping(map) = value else {
        return Err("it is not a list of `key: value` lines".to_string());
    };
    let get = |key: &str| map.get(key).and_then(scalar_text);
    Ok(DraftFields {
        title: get("title").unwrap_or_default().trim().to_string(),
        author: get("author").unwrap_or_default().trim().to_string(),
        date: get("date").map(|d| d.trim().to_string()),
        has_date_key: map.contains_key("date"),
    })
}

fn scalar_text(value: &serde_yaml::Value) -> Option<String> {
    match value {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Writes `value` as a YAML scalar: bare when YAML would read it back as the same
/// string (`My reflection`, `2023-02-01`), else double-quoted with escapes, so a title
/// like `Meetup: "Python" night` or `yes` or `42` stays a string and parses.
pub fn yaml_scalar(value: &str) -> String {
    if reads_back_as(value) {
        value.to_string()
    } else {
        yaml_double_quoted(value)
    }
}

/// `value` in YAML double quotes, with `\`, `"` and control characters escaped.
pub fn yaml_double_quoted(value: &str) -> String {
    format!("\"{}\"", escape_for_double_quotes(value))
}

/// Escapes `value` for use inside a YAML double-quoted string.
pub fn escape_for_double_quotes(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || c == '\u{feff}' || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// Whether `value` can be written bare after `key: ` and read back as that string by
/// any YAML reader, including Jekyll's YAML 1.1 one (where `yes`, `on` and `~` are not
/// strings): plain words and light punctuation, or a `YYYY-MM-DD` date. Anything else
/// is quoted, which is always safe.
fn reads_back_as(value: &str) -> bool {
    if is_iso_date(value) {
        return true;
    }
    let starts_with_letter = value.chars().next().is_some_and(char::is_alphabetic);
    let plain_chars = value
        .chars()
        .all(|c| c.is_alphanumeric() || c == ' ' || ".,!?'()-_/&+".contains(c));
    const YAML11_WORDS: [&str; 10] = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
    ];
    if !starts_with_letter
        || !plain_chars
        || value.trim() != value
        || value.contains("  ")
        || YAML11_WORDS.contains(&value.to_lowercase().as_str())
    {
        return false;
    }
    let doc = format!("key: {value}\n");
    match serde_yaml::from_str::<serde_yaml::Value>(&doc) {
        Ok(serde_yaml::Value::Mapping(map)) => {
            map.len() == 1 && map.get("key") == Some(&serde_yaml::Value::String(value.into()))
        }
        _ => false,
    }
}

fn is_iso_date(value: &str) -> bool {
    value.len() == 10
        && value.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        })
}

/// Returns `text` with the front matter's top-level `date:` line set to `date`
/// (every other byte unchanged), or `None` when there is no such line.
pub fn replace_date_line(text: &str, date: &str) -> Option<String> {
    let split = split(text)?;
    let mut pos = split.yaml_start;
    for line in split.yaml.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("date:") {
            let ending = if rest.ends_with("\r\n") {
                "\r\n"
            } else if rest.ends_with('\n') {
                "\n"
            } else {
                ""
            };
            let mut out = String::with_capacity(text.len() + 16);
            out.push_str(&text[..pos]);
            out.push_str(&format!("date: {date}{ending}"));
            out.push_str(&text[pos + line.len()..]);
            return Some(out);
        }
        pos += line.len();
    }
    None
}

/// Returns `text` with a `date: DATE` line added at the end of its front matter.
pub fn insert_date_line(text: &str, date: &str) -> Option<String> {
    let split = split(text)?;
    let end = split.yaml_start + split.yaml.len();
    let needs_newline = !split.yaml.is_empty() && !split.yaml.ends_with('\n');
    let mut out = String::with_capacity(text.len() + 20);
    out.push_str(&text[..end]);
    if needs_newline {
        out.push('\n');
    }
    out.push_str(&format!("date: {date}\n"));
    out.push_str(&text[end..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let text = "---\ntitle: A\n---\nbody\n";
        let s = split(text).unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "body\n");
        assert!(split("no front matter").is_none());
        assert!(split("---\nunclosed: yes\n").is_none());
        assert_eq!(split("\u{feff}---\r\na: b\r\n---\r\nx").unwrap().body, "x");
    }

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(yaml_scalar("My reflection"), "My reflection");
        assert_eq!(yaml_scalar("2023-02-01"), "2023-02-01");
        assert_eq!(yaml_scalar("Meetup: night"), "\"Meetup: night\"");
        assert_eq!(yaml_scalar("yes"), "\"yes\"");
        assert_eq!(yaml_scalar("42"), "\"42\"");
        assert_eq!(yaml_scalar("\"quoted\""), "\"\\\"quoted\\\"\"");
        assert_eq!(yaml_scalar("# not a comment"), "\"# not a comment\"");
        assert_eq!(yaml_scalar(""), "\"\"");
        assert_eq!(yaml_scalar("On"), "\"On\"");
        assert_eq!(yaml_scalar("It's done, (really)!"), "It's done, (really)!");
        assert_eq!(yaml_scalar("café"), "café");
        assert_eq!(yaml_scalar("-x"), "\"-x\"");
    }

    #[test]
    fn date_line_is_replaced_in_place() {
        let text = "---\ntitle: A\ndate: 2020-01-01\r\nauthor: B\n---\nbody";
        let out = replace_date_line(text, "2023-02-03").unwrap();
        assert_eq!(
            out,
            "---\ntitle: A\ndate: 2023-02-03\r\nauthor: B\n---\nbody"
        );
        assert!(replace_date_line("---\ntitle: A\n---\n", "2023-02-03").is_none());
        let added = insert_date_line("---\ntitle: A\n---\nbody", "2023-02-03").unwrap();
        assert_eq!(added, "---\ntitle: A\ndate: 2023-02-03\n---\nbody");
    }
}
