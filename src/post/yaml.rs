//! Read the front matter's YAML into typed fields.
//!
//! Never into an open-ended `serde_yaml::Value`: a 15 KB file of nested aliases expands to
//! about a gigabyte that way. A typed visitor skips what it does not need (`IgnoredAny`), so
//! the same file costs microseconds. Keys are matched forgivingly (`Title`, `authour`) and
//! every forgiven key is reported.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// The keys the app reads, and the name each is known by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Layout,
    Title,
    Author,
    Date,
    Categories,
    Tags,
    Published,
}

/// Spellings Jekyll itself reads, mapped to the field they fill.
const CANONICAL: [(&str, Field); 9] = [
    ("layout", Field::Layout),
    ("title", Field::Title),
    ("author", Field::Author),
    ("date", Field::Date),
    ("categories", Field::Categories),
    ("category", Field::Categories),
    ("tags", Field::Tags),
    ("tag", Field::Tags),
    ("published", Field::Published),
];

/// Real Jekyll and theme keys that must not be "corrected" into one of ours.
const OTHER_KNOWN_KEYS: [&str; 14] = [
    "permalink",
    "excerpt",
    "description",
    "image",
    "comments",
    "subtitle",
    "lang",
    "name",
    "data",
    "last_modified_at",
    "redirect_from",
    "sitemap",
    "toc",
    "summary",
];

/// How a key as written relates to the field it was taken for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyMatch {
    Exact(Field),
    /// Written in another case, or misspelt: the field, and its right spelling.
    Forgiven(Field, &'static str),
}

/// Which field `key` is meant to be, if any.
pub fn match_key(key: &str) -> Option<KeyMatch> {
    let key = key.trim();
    if let Some((_, field)) = CANONICAL.iter().find(|(name, _)| *name == key) {
        return Some(KeyMatch::Exact(*field));
    }
    let lower = key.to_lowercase();
    if let Some((name, field)) = CANONICAL.iter().find(|(name, _)| *name == lower) {
        return Some(KeyMatch::Forgiven(*field, name));
    }
    if OTHER_KNOWN_KEYS.contains(&lower.as_str()) || lower.chars().count() < 4 {
        return None;
    }
    // Short keys allow one slip, longer ones two (`authour`, `authout`, `publsihed`).
    let allowed = if lower.chars().count() <= 5 { 1 } else { 2 };
    CANONICAL
        .iter()
        .map(|(name, field)| (strsim::damerau_levenshtein(&lower, name), *name, *field))
        .filter(|(distance, _, _)| *distance <= allowed)
        .min_by_key(|(distance, _, _)| *distance)
        .map(|(_, name, field)| KeyMatch::Forgiven(field, name))
}

/// True when a `key: value` line's key is one of ours, however spelt: evidence that
/// the lines at the top of a file were meant as front matter.
pub fn looks_like_known_key(line: &str) -> bool {
    line.split_once(':')
        .is_some_and(|(key, _)| match_key(key).is_some())
}

/// A value as read: text, a list of texts, or something else (a mapping, a number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scalar {
    Text(String),
    Bool(bool),
    /// Numbers and other plain values, as text.
    Other(String),
    List(Vec<String>),
    Null,
    /// A mapping or a nested list: not what any of our keys takes.
    Structured,
}

impl Scalar {
    /// The value as one line of text, where that makes sense.
    pub fn as_text(&self) -> Option<String> {
        match self {
            Scalar::Text(s) | Scalar::Other(s) => Some(s.clone()),
            Scalar::Bool(b) => Some(b.to_string()),
            Scalar::List(items) => Some(items.join(", ")),
            Scalar::Null | Scalar::Structured => None,
        }
    }
}

/// The fields of one front matter, with the keys that were forgiven.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawFields {
    pub layout: Option<Scalar>,
    pub title: Option<Scalar>,
    pub author: Option<Scalar>,
    pub date: Option<Scalar>,
    pub categories: Vec<Scalar>,
    pub tags: Vec<Scalar>,
    pub published: Option<Scalar>,
    /// (key as written, key meant) for each forgiven key.
    pub forgiven_keys: Vec<(String, &'static str)>,
    /// The YAML was valid but not a mapping of keys.
    pub not_a_mapping: bool,
    /// Fields set by their exact key, which a forgiven spelling must not override.
    exact: Vec<Field>,
    /// The key each entry of `categories` and `tags` came from, in the same order: a key
    /// given twice replaces its own earlier values (as in Jekyll), not those of `category:`.
    list_keys: Vec<(Field, String)>,
}

impl RawFields {
    /// Stores a value under the field its key was matched to. Jekyll reads only the exact
    /// key, so when both `title:` and `Title:` are there, `title:` wins whatever the order.
    pub fn set(&mut self, key: &str, matched: KeyMatch, value: Scalar) {
        let field = match matched {
            KeyMatch::Exact(field) => {
                if !self.exact.contains(&field) {
                    self.exact.push(field);
                    // What a forgiven spelling stored before is replaced, not added to.
                    self.forget_list_values(field, |_| true);
                } else {
                    // The same key again: YAML keeps the last value.
                    self.forget_list_values(field, |from| from == key);
                }
                field
            }
            KeyMatch::Forgiven(field, meant) => {
                self.forgiven_keys.push((key.to_string(), meant));
                if self.exact.contains(&field) {
                    return;
                }
                field
            }
        };
        match field {
            Field::Layout => self.layout = Some(value),
            Field::Title => self.title = Some(value),
            Field::Author => self.author = Some(value),
            Field::Date => self.date = Some(value),
            Field::Categories => self.categories.push(value),
            Field::Tags => self.tags.push(value),
            Field::Published => self.published = Some(value),
        }
        if matches!(field, Field::Categories | Field::Tags) {
            self.list_keys.push((field, key.to_string()));
        }
    }

    /// True when `field` was given by its exact key (`published`, not `Published`).
    pub fn has_exact(&self, field: Field) -> bool {
        self.exact.contains(&field)
    }

    /// Removes the values of list field `field` that came from a key `from` accepts.
    fn forget_list_values(&mut self, field: Field, from: impl Fn(&str) -> bool) {
        let values = match field {
            Field::Categories => &mut self.categories,
            Field::Tags => &mut self.tags,
            _ => return,
        };
        let mut sources = self.list_keys.iter().filter(|(f, _)| *f == field);
        values.retain(|_| sources.next().is_none_or(|(_, key)| !from(key)));
        self.list_keys.retain(|(f, key)| *f != field || !from(key));
    }
}

/// Parses front matter text; the error is serde_yaml's, with its line.
pub fn parse_fields(yaml: &str) -> Result<RawFields, serde_yaml::Error> {
    match super::simple_yaml::parse(yaml) {
        Some(fields) => Ok(fields),
        None => parse_fields_fully(yaml),
    }
}

/// [`parse_fields`] by serde_yaml alone, whatever the form.
pub(crate) fn parse_fields_fully(yaml: &str) -> Result<RawFields, serde_yaml::Error> {
    serde_yaml::from_str::<Document>(yaml).map(|doc| doc.0)
}

struct Document(RawFields);

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DocumentVisitor).map(Document)
    }
}

struct DocumentVisitor;

impl<'de> Visitor<'de> for DocumentVisitor {
    type Value = RawFields;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping of front matter keys")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawFields, A::Error> {
        let mut fields = RawFields::default();
        while let Some(key) = map.next_key::<Scalar>()? {
            let key = key.as_text().unwrap_or_default();
            match match_key(&key) {
                Some(matched) => {
                    let value = map.next_value::<Scalar>()?;
                    fields.set(&key, matched, value);
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(fields)
    }

    fn visit_unit<E: de::Error>(self) -> Result<RawFields, E> {
        Ok(RawFields::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<RawFields, E> {
        Ok(RawFields::default())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<RawFields, E> {
        Ok(not_a_mapping())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<RawFields, E> {
        Ok(not_a_mapping())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<RawFields, E> {
        Ok(not_a_mapping())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<RawFields, E> {
        Ok(not_a_mapping())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<RawFields, E> {
        Ok(not_a_mapping())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawFields, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(not_a_mapping())
    }
}

fn not_a_mapping() -> RawFields {
    RawFields {
        not_a_mapping: true,
        ..RawFields::default()
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarVisitor { in_list: false })
    }
}

/// One item of a list: a plain value, never a nested structure.
struct ListItem(Option<String>);

impl<'de> Deserialize<'de> for ListItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(ScalarVisitor { in_list: true })
            .map(|scalar| ListItem(scalar.as_text()))
    }
}

struct ScalarVisitor {
    /// Inside a list, nested lists are skipped rather than read.
    in_list: bool,
}

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Text(v))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Other(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::Other(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Other(v.to_string()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        if self.in_list {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(Scalar::Structured);
        }
        let mut items = Vec::new();
        while let Some(ListItem(item)) = seq.next_element::<ListItem>()? {
            items.extend(item);
        }
        Ok(Scalar::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Structured)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fields of `yaml`, read both ways: the simple reading (when it applies) and
    /// serde_yaml's alone must agree, so these tests hold for the typed visitor too.
    fn fields_of(yaml: &str) -> RawFields {
        let full = parse_fields_fully(yaml).unwrap();
        assert_eq!(parse_fields(yaml).unwrap(), full, "{yaml}");
        full
    }

    #[test]
    fn keys_are_forgiven_and_reported() {
        assert_eq!(match_key("title"), Some(KeyMatch::Exact(Field::Title)));
        assert_eq!(
            match_key("Title"),
            Some(KeyMatch::Forgiven(Field::Title, "title"))
        );
        for typo in ["authour", "authout", "Auther", "athor"] {
            assert_eq!(
                match_key(typo),
                Some(KeyMatch::Forgiven(Field::Author, "author")),
                "{typo}"
            );
        }
        assert_eq!(match_key("permalink"), None);
        assert_eq!(match_key("name"), None);
        assert_eq!(match_key("data"), None);
    }

    #[test]
    fn the_exact_key_wins_over_a_forgiven_one_in_any_order() {
        for yaml in [
            "title: Right\nTitle: Wrong\npublished: false\nPublished: true\n",
            "Title: Wrong\ntitle: Right\nPublished: true\npublished: false\n",
        ] {
            let fields = fields_of(yaml);
            assert_eq!(fields.title, Some(Scalar::Text("Right".into())), "{yaml}");
            assert_eq!(fields.published, Some(Scalar::Bool(false)), "{yaml}");
            assert_eq!(fields.forgiven_keys.len(), 2);
        }
        let fields = fields_of("Tags: [a]\ntags: [b]\n");
        assert_eq!(fields.tags, vec![Scalar::List(vec!["b".into()])]);
    }

    #[test]
    fn a_key_given_twice_keeps_its_last_value_only() {
        let fields =
            fields_of("author: one\ncategory: x\ncategories: [a]\nauthor: two\ncategories: [b]\n");
        assert_eq!(fields.author, Some(Scalar::Text("two".into())));
        // `category:` and `categories:` add up in Jekyll; only the repeated key is replaced.
        assert_eq!(
            fields.categories,
            vec![Scalar::Text("x".into()), Scalar::List(vec!["b".into()])]
        );
        let fields = fields_of("tags: [a]\ntags: [b]\ntags: [c]\n");
        assert_eq!(fields.tags, vec![Scalar::List(vec!["c".into()])]);
    }

    #[test]
    fn typed_fields() {
        let fields = fields_of(
            "layout: post\nTitle: \"Hi: there\"\ntags: [a, b]\ncategory: x y\npublished: false\nextra: {a: 1}\n",
        );
        assert_eq!(fields.title, Some(Scalar::Text("Hi: there".into())));
        assert_eq!(
            fields.tags,
            vec![Scalar::List(vec!["a".into(), "b".into()])]
        );
        assert_eq!(fields.categories, vec![Scalar::Text("x y".into())]);
        assert_eq!(fields.published, Some(Scalar::Bool(false)));
        assert_eq!(fields.forgiven_keys, vec![("Title".to_string(), "title")]);
    }

    #[test]
    fn alias_bomb_is_cheap() {
        let mut yaml = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..40 {
            let prev = level - 1;
            yaml.push_str(&format!(
                "a{level}: &a{level} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        yaml.push_str("title: bomb\ntags: *a39\n");
        // 9^39 items if expanded: this returns only because nothing is expanded into
        // memory and serde_yaml bounds the replays (refusing with an error if need be).
        if let Ok(fields) = parse_fields(&yaml) {
            assert_eq!(fields.title, Some(Scalar::Text("bomb".into())));
        }
    }
}
