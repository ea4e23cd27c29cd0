//! Every malformation a beginner's post can have, as a fixture file, with what the loader
//! must recover from it and the diagnostics it must attach.

use std::path::Path;

use meetup_reader::post::{Post, PostDate, Severity, load_folder};

const MESSY: &str = "tests/fixtures/messy";

fn load() -> Vec<Post> {
    load_folder(Path::new(MESSY))
        .expect("fixture folder loads")
        .posts
}

fn post<'a>(posts: &'a [Post], path: &str) -> &'a Post {
    posts
        .iter()
        .find(|p| p.path == Path::new(path))
        .unwrap_or_else(|| panic!("{path} was not loaded"))
}

fn rules(post: &Post) -> Vec<&'static str> {
    let mut rules: Vec<_> = post.diagnostics.iter().map(|d| d.rule).collect();
    rules.sort_unstable();
    rules
}

fn date(y: i32, m: u8, d: u8) -> Option<PostDate> {
    PostDate::new(y, m, d)
}

/// (file, title, author, date, the rules it must break — sorted)
type Expectation = (
    &'static str,
    &'static str,
    &'static str,
    Option<PostDate>,
    &'static [&'static str],
);

#[test]
fn every_messy_post_is_recovered_with_its_diagnostics() {
    let posts = load();
    let expectations: Vec<Expectation> = vec![
        (
            "sam/2022-10-01-underscores.md",
            "Underscores",
            "sam",
            date(2022, 10, 1),
            &["delimiter-mistyped", "delimiter-mistyped"],
        ),
        (
            "sam/2022-10-02-pasted-diff.md",
            "Pasted diff",
            "jo",
            date(2022, 10, 2),
            &["pasted-diff"],
        ),
        (
            "sam/2022-10-03-key-twice.md",
            "Key twice",
            "jo",
            date(2022, 10, 3),
            &["key-duplicate"],
        ),
        (
            "sam/2022-12-01-blank-lines-before.md",
            "Blank lines first",
            "sam",
            date(2022, 12, 1),
            &["front-matter-not-first"],
        ),
        (
            "sam/2022-12-02-indented-delimiter.md",
            "Indented delimiter",
            "sam",
            date(2022, 12, 2),
            &["delimiter-mistyped"],
        ),
        (
            "sam/2022-12-03-bom.md",
            "Byte order mark",
            "sam",
            date(2022, 12, 3),
            &["byte-order-mark"],
        ),
        (
            "sam/2022-12-04-crlf.md",
            "Windows line ends",
            "sam",
            date(2022, 12, 4),
            &["line-endings"],
        ),
        (
            "sam/2022-12-05-trailing-space.md",
            "Trailing spaces",
            "sam",
            date(2022, 12, 5),
            &["delimiter-trailing-space", "delimiter-trailing-space"],
        ),
        (
            "sam/2022-12-06-two-dashes.md",
            "Two dashes",
            "sam",
            date(2022, 12, 6),
            &["delimiter-mistyped", "delimiter-mistyped"],
        ),
        (
            "sam/2022-12-07-spaced-dashes.md",
            "Spaced dashes",
            "sam",
            date(2022, 12, 7),
            &["delimiter-mistyped", "delimiter-mistyped"],
        ),
        (
            "sam/2022-12-08-equals.md",
            "Equals signs",
            "sam",
            date(2022, 12, 8),
            &["delimiter-mistyped", "delimiter-mistyped"],
        ),
        (
            "sam/2022-12-09-em-dash.md",
            "Em dash",
            "sam",
            date(2022, 12, 9),
            &["delimiter-mistyped", "delimiter-mistyped"],
        ),
        (
            "sam/2022-12-10-en-dash.md",
            "En dash",
            "sam",
            date(2022, 12, 10),
            &["delimiter-mistyped"],
        ),
        (
            "sam/2022-12-11-unclosed.md",
            "Never closed",
            "sam",
            date(2022, 12, 11),
            &["front-matter-unclosed"],
        ),
        (
            "sam/2022-12-12-no-opening.md",
            "No opening",
            "sam",
            date(2022, 12, 12),
            &["delimiter-missing-opening"],
        ),
        (
            "sam/2022-12-13-no-front-matter.md",
            "A heading title",
            "sam",
            date(2022, 12, 13),
            &["front-matter-missing"],
        ),
        (
            "sam/2022-12-14-keys-no-delimiters.md",
            "Bare keys",
            "sam",
            date(2022, 12, 14),
            &["delimiter-missing"],
        ),
        (
            "sam/2022-12-15-unbalanced-quote.md",
            "Unbalanced quote",
            "sam",
            date(2022, 12, 15),
            &["front-matter-yaml", "yaml-unbalanced-quote"],
        ),
        (
            "sam/2022-12-16-colon-in-value.md",
            "Python: a meetup",
            "sam",
            date(2022, 12, 16),
            &["front-matter-yaml", "yaml-colon-in-value"],
        ),
        (
            "sam/2022-12-17-indented-keys.md",
            "Indented keys",
            "sam",
            date(2022, 12, 17),
            &["front-matter-yaml", "yaml-indented-key"],
        ),
        (
            "sam/2022-12-18-no-space.md",
            "No space",
            "sam",
            date(2022, 12, 18),
            &["front-matter-yaml", "yaml-no-space", "yaml-no-space"],
        ),
        (
            "sam/2022-12-19-tab.md",
            "Tab character",
            "sam",
            date(2022, 12, 19),
            &["front-matter-yaml", "yaml-indented-key", "yaml-tab"],
        ),
        (
            "sam/2022-12-20-wrong-case.md",
            "Wrong case",
            "sam",
            date(2022, 12, 20),
            &["key-misspelt", "key-misspelt", "key-misspelt"],
        ),
        (
            "sam/2022-12-21-misspelt.md",
            "Misspelt keys",
            "sam",
            date(2022, 12, 21),
            &["key-misspelt", "key-misspelt"],
        ),
        (
            "sam/2022-12-22-not-utf8.md",
            "Latin one",
            "sam",
            date(2022, 12, 22),
            &["not-utf8"],
        ),
        (
            "sam/2022-12-23-lists.md",
            "Lists",
            "sam",
            date(2022, 12, 23),
            &[],
        ),
        (
            "sam/2022-12-24-front-matter-date.md",
            "Dated inside",
            "sam",
            date(2023, 1, 15),
            &[],
        ),
        (
            "sam/2022-12-25-bad-front-matter-date.md",
            "Bad date",
            "sam",
            date(2022, 12, 25),
            &["date-invalid"],
        ),
        (
            "sam/2022-12-26-published-text.md",
            "Published no",
            "sam",
            date(2022, 12, 26),
            &["published-not-boolean"],
        ),
        (
            "sam/2022-12-27-no-title.md",
            "No title",
            "sam",
            date(2022, 12, 27),
            &["title-missing"],
        ),
        (
            "sam/2022-12-28-not-a-mapping.md",
            "Not a mapping",
            "sam",
            date(2022, 12, 28),
            &["front-matter-not-keys", "layout-missing", "title-missing"],
        ),
        (
            "sam/2022-12-1-one-digit.md",
            "One digit day",
            "sam",
            date(2022, 12, 1),
            &["filename-date-format"],
        ),
        (
            "sam/2023-02-30-not-real.md",
            "Not a real date",
            "sam",
            None,
            &["filename-date-invalid"],
        ),
        (
            "sam/2022-12-29-has spaces.md",
            "Spaces in the name",
            "sam",
            date(2022, 12, 29),
            &["filename-slug-characters"],
        ),
        (
            "sam/no-date.md",
            "No date",
            "sam",
            None,
            &["filename-no-date"],
        ),
        (
            "sam/2022-12-30-no-extension",
            "No extension",
            "sam",
            date(2022, 12, 30),
            &["filename-no-extension"],
        ),
        (
            "sam/2022-12-31-long.markdown",
            "Markdown extension",
            "sam",
            date(2022, 12, 31),
            &[],
        ),
        (
            "deep/nested/kim/2022-11-01-same-slug.md",
            "Same slug one",
            "kim",
            date(2022, 11, 1),
            &["url-collision"],
        ),
        (
            "lee/2022-11-01-same-slug.md",
            "Same slug two",
            "sam",
            date(2022, 11, 1),
            &["url-collision"],
        ),
        (
            "lee/2022-11-02-same-slug.md",
            "Same slug three",
            "sam",
            date(2022, 11, 2),
            &["slug-collision"],
        ),
    ];
    for (path, title, author, date, expected_rules) in &expectations {
        let post = post(&posts, path);
        assert_eq!(post.title, *title, "title of {path}");
        assert_eq!(post.author, *author, "author of {path}");
        assert_eq!(post.date, *date, "date of {path}");
        assert_eq!(rules(post), *expected_rules, "diagnostics of {path}");
        assert!(
            post.body.contains("meetup"),
            "the body of {path} was lost: {:?}",
            post.body
        );
    }
    assert_eq!(
        posts.len(),
        expectations.len(),
        "no post dropped, none extra"
    );
}

#[test]
fn drafts_hidden_binary_and_other_files_are_not_posts() {
    let library = load_folder(Path::new(MESSY)).unwrap();
    let loaded: Vec<_> = library.posts.iter().map(|p| p.path.clone()).collect();
    for skipped in ["_drafts", ".hidden", ".2022", "notes.txt", "binary"] {
        assert!(
            !loaded.iter().any(|p| p.to_string_lossy().contains(skipped)),
            "{skipped} should be skipped"
        );
    }
    assert_eq!(
        library.binary_skipped,
        vec![Path::new("sam/2022-01-01-binary.md").to_path_buf()]
    );
}

#[test]
fn fields_recovered_beyond_the_title() {
    let posts = load();
    let lists = post(&posts, "sam/2022-12-23-lists.md");
    assert_eq!(lists.categories, ["python", "meetup"]);
    assert_eq!(lists.tags, ["testing", "pytest"]);
    assert!(!lists.published);
    assert_eq!(lists.layout.as_deref(), Some("post"));
    assert!(!post(&posts, "sam/2022-12-26-published-text.md").published);

    let crlf = post(&posts, "sam/2022-12-04-crlf.md");
    assert!(crlf.front_matter.contains("title: Windows line ends\r\n"));
    assert!(crlf.body.starts_with("\r\nI went"));
    assert_eq!(crlf.body_line, 6);

    let latin = post(&posts, "sam/2022-12-22-not-utf8.md");
    assert!(latin.body.contains("Caf\u{FFFD} au lait"));
    assert_eq!(latin.words, 6);

    let salvaged = post(&posts, "sam/2022-12-15-unbalanced-quote.md");
    let yaml_error = &salvaged.diagnostics[0];
    assert_eq!(yaml_error.severity, Severity::Error);
    assert!(
        yaml_error.message.contains("not valid YAML"),
        "{}",
        yaml_error.message
    );
    assert!(yaml_error.line.is_some_and(|l| (2..=5).contains(&l)));
    assert_eq!(salvaged.author, "sam");
}

#[test]
fn diagnostics_name_the_line_and_the_fix() {
    let posts = load();
    let wrong_case = post(&posts, "sam/2022-12-20-wrong-case.md");
    let title = wrong_case
        .diagnostics
        .iter()
        .find(|d| d.message.contains("`Title`"))
        .expect("a diagnostic for Title");
    assert_eq!(title.line, Some(4));
    assert!(title.message.contains("write it as `title`"));

    let misspelt = post(&posts, "sam/2022-12-21-misspelt.md");
    assert!(
        misspelt
            .diagnostics
            .iter()
            .any(|d| d.message.contains("`authour` was read as `author`") && d.line == Some(3))
    );

    let blank = post(&posts, "sam/2022-12-01-blank-lines-before.md");
    assert_eq!(blank.diagnostics[0].line, Some(3));
    assert_eq!(blank.diagnostics[0].severity, Severity::Error);

    let one_digit = post(&posts, "sam/2022-12-1-one-digit.md");
    assert_eq!(one_digit.diagnostics[0].severity, Severity::Warning);
}

#[test]
fn the_sample_posts_load_as_filed() {
    let library = load_folder(Path::new("posts")).unwrap();
    let summary: Vec<(String, String, Option<String>)> = library
        .posts
        .iter()
        .map(|p| {
            (
                p.author.to_string(),
                p.title.clone(),
                p.date.map(|d| d.to_string()),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "inf380pcoder".into(),
                "Inf380pcoder's meetup reflection".into(),
                Some("2022-12-01".into())
            ),
            (
                "atUtexas".into(),
                "\u{201c} Python Meetup Nov 7th for atUtexas\u{201d}".into(),
                Some("2022-12-01".into())
            ),
            (
                "Ibbi2010".into(),
                "Cultural Immersion Meetup Experience".into(),
                None
            ),
        ]
    );
    for post in &library.posts {
        assert!(
            !post.has_problems()
                || !post
                    .diagnostics
                    .iter()
                    .any(|d| d.rule.starts_with("front-matter"))
        );
        assert!(post.words > 300, "{} has {} words", post.title, post.words);
    }
}

/// The commands that print a line a post keep less of each one: the same posts, words
/// and diagnostics as a full load, with the body dropped, and the rubric measured when
/// asked for exactly as it is measured from the body.
#[test]
fn a_summary_load_keeps_everything_but_the_text() {
    use meetup_reader::post::{Keep, ReadOptions, load_folder_with};
    let load_keeping = |keep| {
        let options = ReadOptions {
            keep,
            ..ReadOptions::default()
        };
        load_folder_with(Path::new(MESSY), &options)
            .expect("fixture folder loads")
            .posts
    };
    let full = load();
    let questions = ReadOptions::default().questions;
    for keep in [Keep::Summary, Keep::SummaryAndRubric] {
        let summary = load_keeping(keep);
        assert_eq!(summary.len(), full.len());
        for (kept, whole) in summary.iter().zip(&full) {
            assert_eq!(kept.path, whole.path);
            assert!(kept.body.is_empty());
            let rubric = (keep == Keep::SummaryAndRubric)
                .then(|| Box::new(meetup_reader::review::Rubric::of(&whole.body, &questions)));
            // Posts that were never read (links out of the folder) have no rubric.
            if !whole.body.is_empty() || kept.rubric.is_some() {
                assert_eq!(kept.rubric, rubric, "{}", whole.path.display());
            }
            let expected = Post {
                body: String::new(),
                rubric: kept.rubric.clone(),
                ..whole.clone()
            };
            assert_eq!(*kept, expected);
        }
    }
}

/// A summary load still applies a site's rules with each post's own front matter: its
/// `published` and `permalink` win over the site's defaults, as in a full load.
#[test]
fn a_summary_load_reads_each_posts_own_permalink_and_published() {
    use meetup_reader::post::{Keep, ReadOptions, load_folder_with};
    let site = tempfile::tempdir().unwrap();
    std::fs::write(
        site.path().join("_config.yml"),
        "permalink: /:year/:title/\ndefaults:\n  - scope:\n      path: \"\"\n    values:\n      published: false\n",
    )
    .unwrap();
    let posts = site.path().join("_posts");
    std::fs::create_dir_all(&posts).unwrap();
    std::fs::write(
        posts.join("2024-01-05-a.md"),
        "---\ntitle: A\npublished: true\npermalink: /custom/a/\n---\nWords.\n",
    )
    .unwrap();
    std::fs::write(
        posts.join("2024-01-06-b.md"),
        "---\ntitle: B\n---\nWords.\n",
    )
    .unwrap();
    for keep in [Keep::Text, Keep::Summary, Keep::SummaryAndRubric] {
        let options = ReadOptions {
            keep,
            ..ReadOptions::default()
        };
        let library = load_folder_with(&posts, &options).unwrap();
        let find = |title: &str| library.posts.iter().find(|p| p.title == title).unwrap();
        assert!(find("A").published, "{keep:?}");
        assert_eq!(find("A").url.as_deref(), Some("/custom/a/"), "{keep:?}");
        assert!(!find("B").published, "{keep:?}");
        assert_eq!(find("B").url.as_deref(), Some("/2024/b/"), "{keep:?}");
    }
}
