//! The front matter nearly every post has, read without a YAML parser: `key: value`
//! lines whose values are plain words, simply quoted text, `true`/`false`, a date or a
//! flow list of plain words. Anything else (a comment, an escape, a nested block, a
//! number, a value YAML would read as something other than text) is left to serde_yaml,
//! whose answer this must always equal: a property test compares the two.
//!
//! Why: serde_yaml sets up a whole parser per document, which was about a fifth of the
//! work of `list` on a large folder.

use super::yaml::{RawFields, Scalar, match_key};

/// The fields of `yaml`, when every line is in the simple form; `None` otherwise.
pub fn parse(yaml: &str) -> Option<RawFields> {
    let mut fields = RawFields::default();
    let mut any = false;
    for line in yaml.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        let (key, value) = line.split_once(':')?;
        if !is_simple_key(key) {
            return None;
        }
        let value = match value.strip_prefix(' ') {
            Some(value) => value.trim_matches(' '),
            None if value.is_empty() => "",
            None => return None,
        };
        let value = scalar(value)?;
        any = true;
        if let Some(matched) = match_key(key) {
            fields.set(key, matched, value);
        }
    }
    // An empty document is YAML's null, which the full reader handles.
    any.then_some(fields)
}

/// A key of letters, digits, `_` and `-`, starting with a letter or `_`, and short
/// (YAML refuses a key of over 1,024 characters written this way).
fn is_simple_key(key: &str) -> bool {
    if key.len() > 64 {
        return false;
    }
    let mut bytes = key.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn scalar(value: &str) -> Option<Scalar> {
    if value.is_empty() {
        return Some(Scalar::Null);
    }
    if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        return (!inner.contains(['"', '\\']) && is_printable(inner))
            .then(|| Scalar::Text(inner.to_string()));
    }
    if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        return (!inner.contains('\'') && is_printable(inner))
            .then(|| Scalar::Text(inner.to_string()));
    }
    if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        let items: Option<Vec<String>> = inner
            .split(',')
            .map(|item| item.trim_matches(' '))
            .map(|item| is_plain_word(item).then(|| item.to_string()))
            .collect();
        // `[]` is an empty list; `[a, ]` and `[, a]` are left to the parser.
        return match items {
            _ if inner.trim_matches(' ').is_empty() => Some(Scalar::List(Vec::new())),
            items => items.map(Scalar::List),
        };
    }
    match value {
        "true" => return Some(Scalar::Bool(true)),
        "false" => return Some(Scalar::Bool(false)),
        _ => {}
    }
    if is_date(value) {
        return Some(Scalar::Text(value.to_string()));
    }
    is_plain_text(value).then(|| Scalar::Text(value.to_string()))
}

/// Characters YAML takes in a quoted value as they are: its printable set, without
/// white space other than the space and without the byte-order mark.
fn is_printable(text: &str) -> bool {
    text.chars().all(|c| {
        matches!(c, ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
            && (c == ' ' || !c.is_whitespace())
            && c != '\u{feff}'
    })
}

/// `2024-05-01`: YAML's core schema keeps it as text.
fn is_date(value: &str) -> bool {
    let b = value.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// Words YAML reads as text and nothing else: starting with a letter, of letters,
/// digits, spaces and a few marks that mean nothing in a plain value, and not a word
/// some YAML reads as a boolean or null.
fn is_plain_text(value: &str) -> bool {
    let mut bytes = value.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b" .,!?'()/_-".contains(&b))
        && !value.contains(" #")
        && !is_special_word(value)
}

/// A list item: [`is_plain_text`] without the marks a flow list gives meaning to.
fn is_plain_word(item: &str) -> bool {
    is_plain_text(item) && !item.contains(['[', ']', '{', '}', ','])
}

fn is_special_word(value: &str) -> bool {
    const SPECIAL: [&str; 12] = [
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "nan", "inf", "infinity",
    ];
    SPECIAL.iter().any(|w| value.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn full(yaml: &str) -> Option<RawFields> {
        super::super::yaml::parse_fields_fully(yaml).ok()
    }

    #[test]
    fn the_usual_front_matter_is_read_simply_and_as_yaml_reads_it() {
        for yaml in [
            "layout: post\nauthor: student001\ntitle: \"Meetup reflection 1\"\ntags: [python, meetup]\n",
            "layout: post\nauthor: Ibbi2010\ntitle: 'Cultural Immersion Meetup Experience'\n",
            "layout: post\ntitle: My night at PyATX\ndate: 2024-05-01\npublished: false\ncategories: []\n",
            "Title: Wrong case\nauthour: alice\ncategory: python\n",
        ] {
            let simple = parse(yaml);
            assert!(simple.is_some(), "{yaml}");
            assert_eq!(simple, full(yaml), "{yaml}");
        }
    }

    #[test]
    fn anything_else_is_left_to_the_parser() {
        let long_key = format!("{}: x\ntitle: a\n", "k".repeat(1_030));
        for yaml in [
            long_key.as_str(),
            "title: \"\u{fffe}\"\n",
            "title: '\u{ffff}'\n",
            "title: \"escaped \\\" quote\"\n",
            "title: a # comment\n",
            "tags:\n  - a\n  - b\n",
            "title: 2024\n",
            "published: yes\n",
            "title: Hi: there\n",
            "title: [a, ]\n",
            "  title: indented\n",
            "title:\tx\n",
            "",
        ] {
            assert_eq!(parse(yaml), None, "{yaml:?}");
        }
    }

    fn key() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "title",
            "Title",
            "author",
            "authour",
            "layout",
            "date",
            "tags",
            "tag",
            "categories",
            "category",
            "published",
            "Published",
            "permalink",
            "x-y",
            "_z",
            "1a",
            "a b",
        ])
        .prop_map(str::to_string)
    }

    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z0-9 .,!?'()/_#:-]{0,12}",
            "\"[a-zA-Z0-9 :#'\\\\-]{0,10}\"",
            "'[a-zA-Z0-9 :#\"-]{0,10}'",
            "\\[[a-z0-9 ,]{0,12}\\]",
            prop::sample::select(vec![
                "true",
                "false",
                "True",
                "FALSE",
                "yes",
                "No",
                "null",
                "~",
                "Null",
                "y",
                "2024-05-01",
                "2024-13-45",
                "1e3",
                "0x1f",
                ".inf",
                "-",
                "? x",
                "&a b",
                "*a",
                "!tag x",
                "|",
                ">",
                "[a, [b]]",
                "{a: 1}",
                "\u{85}x",
                "é",
                "\"\u{fffe}\"",
                "'\u{ffff}'",
                "\"\u{d7ff}\u{e000}\"",
                "\"a\u{2028}b\"",
                "\"\u{1f600}\"",
            ])
            .prop_map(str::to_string),
        ]
    }

    proptest! {
        // About one document in thirteen is simple enough: enough cases to see many.
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// Whenever the simple reading answers, it answers as serde_yaml does.
        #[test]
        fn the_simple_reading_agrees_with_yaml(
            lines in prop::collection::vec((key(), ":", prop::sample::select(vec!["", " ", "  "]), value(), prop::sample::select(vec!["", " ", "\r"])), 1..6)
        ) {
            let yaml: String = lines
                .iter()
                .map(|(k, colon, space, v, end)| format!("{k}{colon}{space}{v}{end}\n"))
                .collect();
            if let Some(simple) = parse(&yaml) {
                prop_assert_eq!(Some(simple), full(&yaml), "{:?}", yaml);
            }
        }
    }
}
