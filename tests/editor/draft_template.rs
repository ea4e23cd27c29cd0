//! The reflection template: built-in text, site and config overrides, the prompt list
//! it yields, and answer counting on real posts.

use std::fs;
use std::path::{Path, PathBuf};

use meetup_reader::assignment::DEFAULT_QUESTIONS;
use meetup_reader::draft::{
    DraftRequest, TemplateOrigin, answered, answered_count, builtin_template, create_draft,
    find_template, questions,
};
use meetup_reader::post::PostDate;
use meetup_reader::post::front_matter::parse_post;

use crate::support::alone::alone;

fn site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    fs::create_dir_all(&posts).unwrap();
    (dir, posts)
}

fn request(title: &str, config: &Path) -> DraftRequest {
    DraftRequest {
        title: Some(title.into()),
        author: Some("Ann Lee".into()),
        date: PostDate::new(2023, 2, 1),
        config_dir: Some(config.to_path_buf()),
        settings: Default::default(),
    }
}

#[test]
fn builtin_template_is_the_assignment() {
    let (dir, posts) = site();
    let empty_config = dir.path().join("config");
    let draft = create_draft(&posts, &request("Meetup: \"PyATX\" #3", &empty_config)).unwrap();
    assert_eq!(draft.template, TemplateOrigin::BuiltIn);
    assert_eq!(draft.path, dir.path().join("_drafts/meetup-pyatx-3.md"));
    insta::assert_snapshot!(draft.text, @r#"
    ---
    layout: post
    author: Ann Lee
    title: "Meetup: \"PyATX\" #3"
    date: 2023-02-01
    ---

    **How did it go?**



    **What did you learn?**



    **Would you find value in this kind of event after class?**



    **How was the experience different from your expectations?**



    **Could you see yourself becoming a member of a professional community like this in the future?**

    "#);
    let want: Vec<String> = DEFAULT_QUESTIONS.iter().map(|q| q.to_string()).collect();
    assert_eq!(questions(&draft.text), want);
    assert_eq!(fs::read_to_string(&draft.path).unwrap(), draft.text);

    // The loader reads the title back exactly, and finds nothing to warn about once the
    // draft has a dated name.
    let post = parse_post(
        Path::new("2023-02-01-meetup-pyatx-3.md"),
        draft.text.as_bytes(),
    );
    assert_eq!(post.title, "Meetup: \"PyATX\" #3");
    assert_eq!(post.author, "Ann Lee");
    assert_eq!(post.diagnostics, []);
}

#[test]
fn site_template_beats_config_template() {
    let (dir, posts) = site();
    let config = dir.path().join("config");
    fs::create_dir_all(&config).unwrap();
    fs::write(
        config.join("reflection.md"),
        "---\ntitle: '{{title}}'\n---\n**From config?**\n",
    )
    .unwrap();

    let from_config = create_draft(&posts, &request("One", &config)).unwrap();
    assert_eq!(
        from_config.template,
        TemplateOrigin::Config(config.join("reflection.md"))
    );
    assert_eq!(questions(&from_config.text), ["From config?"]);

    let site_template = dir.path().join("_templates/reflection.md");
    fs::create_dir_all(site_template.parent().unwrap()).unwrap();
    fs::write(
        &site_template,
        "---\nlayout: post\nauthor: {{author}}\ntitle: \"{{title}}\"\ndate: {{date}}\n---\n\n# {{title}}\n\n**Who spoke?**\n\n**What did you build?**\n",
    )
    .unwrap();
    let from_site = create_draft(&posts, &request("It's \"two\": 2", &config)).unwrap();
    assert_eq!(
        from_site.template,
        TemplateOrigin::Site(site_template.clone())
    );
    assert_eq!(from_site.path, dir.path().join("_drafts/its-two-2.md"));
    assert_eq!(
        from_site.text,
        "---\nlayout: post\nauthor: Ann Lee\ntitle: \"It's \\\"two\\\": 2\"\ndate: 2023-02-01\n---\n\n# It's \"two\": 2\n\n**Who spoke?**\n\n**What did you build?**\n"
    );
    assert_eq!(
        questions(&from_site.text),
        ["Who spoke?", "What did you build?"]
    );
    let post = parse_post(
        Path::new("2023-02-01-its-two-2.md"),
        from_site.text.as_bytes(),
    );
    assert_eq!(post.title, "It's \"two\": 2");
    assert_eq!(post.diagnostics, []);

    // find_template on its own says the same.
    let found = find_template(dir.path(), Some(&config), &[]).unwrap();
    assert_eq!(found.origin, TemplateOrigin::Site(site_template));
}

#[test]
fn config_dir_comes_from_the_environment_too() {
    // It sets the variable, so it runs alone in a process of its own.
    alone(
        module_path!(),
        "config_dir_comes_from_the_environment_too",
        || {
            let dir = tempfile::tempdir().unwrap();
            fs::write(dir.path().join("reflection.md"), "**Env?**\n").unwrap();
            // SAFETY: the only test in this process (`alone`), so no other thread reads
            // or writes the environment.
            unsafe { std::env::set_var("MEETUP_READER_CONFIG_DIR", dir.path()) };
            let found = meetup_reader::draft::template::config_dir(None);
            unsafe { std::env::remove_var("MEETUP_READER_CONFIG_DIR") };
            assert_eq!(found.as_deref(), Some(dir.path()));
        },
    );
}

#[test]
fn unreadable_override_is_an_error_not_a_silent_fallback() {
    let (dir, posts) = site();
    let site_template = dir.path().join("_templates/reflection.md");
    fs::create_dir_all(site_template.parent().unwrap()).unwrap();
    fs::write(&site_template, [0xff, 0xfe, 0x00]).unwrap();
    let err = create_draft(&posts, &request("x", &dir.path().join("none"))).unwrap_err();
    assert!(
        err.to_string().contains("reflection.md is not UTF-8"),
        "{err}"
    );
}

#[test]
fn sample_posts_answer_the_questions() {
    let want: Vec<String> = questions(&builtin_template());
    let text =
        fs::read_to_string("posts/inf380pcoder/2022-12-01-inf380p's-meetup-reflection.md").unwrap();
    let post = parse_post(Path::new("x.md"), text.as_bytes());
    let answers = answered(&post.body, &want);
    assert!(answers.iter().all(|a| a.found), "{answers:#?}");
    assert_eq!(answered_count(&post.body, &want), 5, "{answers:#?}");

    let draft = builtin_template();
    assert_eq!(answered_count(&draft, &want), 0);
    let half = draft.replace(
        "**How did it go?**\n",
        &format!("**How did it go?**\n{}\n", "word ".repeat(20)),
    );
    let answers = answered(&half, &want);
    assert_eq!(answers[0].words, 20);
    assert!(answers[0].is_answered());
    assert_eq!(answered_count(&half, &want), 1);
}
