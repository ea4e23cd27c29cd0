//! Any title gives a file name inside the posts folder that the loader accepts without
//! a single diagnostic, and the title and author read back as typed.

use std::path::{Component, Path};

use meetup_reader::draft::{TemplateVars, builtin_template, plan_publish, render, slugify};
use meetup_reader::post::PostDate;
use meetup_reader::post::front_matter::parse_post;
use proptest::prelude::*;

/// What `render` does to a value: control characters become spaces, ends are trimmed.
fn cleaned(value: &str) -> String {
    value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,80}",
        r#"[a-zA-Z0-9 :#'"\\/.\-{}\[\]&*!|>%@`,?]{0,60}"#,
        Just("../../etc/passwd".to_string()),
        Just("..".to_string()),
        Just("yes".to_string()),
        Just("Café Zürich — ümlauts & 日本語 🎉".to_string()),
        Just("title: \"x\"\n---\nauthor: evil".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_title_gives_a_clean_file_name(title in hostile_text()) {
        let slug = slugify(&title);
        prop_assert!(!slug.is_empty());
        prop_assert!(slug.len() <= 60);
        prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{slug}");
        prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"));
        let name = format!("2023-02-01-{slug}.md");
        let path = Path::new(&name);
        prop_assert!(path.components().count() == 1);
        prop_assert!(matches!(path.components().next(), Some(Component::Normal(_))));
    }

    #[test]
    fn any_title_and_author_publish_cleanly(title in hostile_text(), author in hostile_text()) {
        let dir = tempfile::tempdir().unwrap();
        let posts = dir.path().join("_posts");
        std::fs::create_dir_all(&posts).unwrap();
        let vars = TemplateVars { title: title.clone(), author: author.clone(), date: "2023-02-01".into() };
        let text = render(&builtin_template(), &vars);
        let draft = dir.path().join("_drafts/d.md");
        let plan = plan_publish(&draft, &text, &posts, PostDate::new(2023, 2, 1));
        let (title, author) = (cleaned(&title), cleaned(&author));
        if title.is_empty() || author.is_empty() {
            prop_assert!(plan.is_err());
            return Ok(());
        }
        let plan = plan.unwrap();
        prop_assert_eq!(plan.target.parent(), Some(posts.as_path()));
        let rel = plan.target.strip_prefix(&posts).unwrap();
        let post = parse_post(rel, plan.text.as_bytes());
        prop_assert_eq!(&post.diagnostics, &[], "{}", plan.text);
        prop_assert_eq!(post.title, title);
        prop_assert_eq!(post.author, author);
        prop_assert_eq!(post.date, PostDate::new(2023, 2, 1));
        prop_assert!(plan.warnings.is_empty());
    }
}
