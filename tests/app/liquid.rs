//! A post of a Jekyll site read as the site publishes it: its Liquid read before the
//! Markdown (the fixture site in `tests/fixtures/jekyll-site`), in the real loop.

use crate::support::screen::*;

/// A copy of the fixture site (the app may write beside it), and the app on its posts,
/// in colour when `colours`.
fn site_app(colours: bool) -> (tempfile::TempDir, meetup_reader::app::App) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/jekyll-site"),
        dir.path(),
    );
    let theme =
        meetup_reader::markdown::Theme::new(meetup_reader::markdown::ThemeName::Dark, colours);
    let mut app = meetup_reader::app::App::new(dir.path().join("_posts"), theme);
    app.start_loading();
    (dir, app)
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn the_reader_shows_what_jekyll_publishes_100x60() {
    let (dir, mut app) = site_app(false);
    let mut term = terminal(100, 60);
    let screen = press(&mut app, &mut term, "enter");
    insta::assert_snapshot!(redact(&screen, dir.path()));
}

#[test]
fn post_url_and_link_lead_to_the_site_s_urls() {
    let (_dir, mut app) = site_app(false);
    let mut term = terminal(100, 60);
    let screen = press(&mut app, &mut term, "enter");
    // permalink: none, baseurl /inf380p: categories then the title.
    assert!(
        screen.contains("/inf380p/meetup/first-meetup.html"),
        "{screen}"
    );
    assert!(screen.contains("/inf380p/syllabus.html"), "{screen}");
    assert!(!screen.contains("post_url"), "{screen}");
}

#[test]
fn liquid_left_as_written_is_dim_and_found_by_find() {
    let (_dir, mut app) = site_app(true);
    let mut term = terminal(100, 60);
    press(&mut app, &mut term, "enter");
    let dim = app.theme.dim.fg.expect("the dark theme dims with a colour");
    let tag = cell_of(&term, "{% if page.draft %}").expect("the if tag is shown as written");
    assert_eq!(tag.fg, dim);
    assert_ne!(cell_of(&term, "Draft notes").unwrap().fg, dim);
    // The hidden comment is not found; the text of the page is.
    press(&mut app, &mut term, "/");
    type_text(&mut app, &mut term, "trinket");
    let screen = press(&mut app, &mut term, "enter");
    assert!(screen.contains("0/0"), "{screen}");
    press(&mut app, &mut term, "/ ctrl-u");
    type_text(&mut app, &mut term, "INF 380P");
    let screen = press(&mut app, &mut term, "enter");
    assert!(screen.contains("1/1"), "{screen}");
}

/// `{% post_url /folder/name %}`, the form Jekyll documents for a post in a folder,
/// names the same post as the bare name.
#[test]
fn post_url_takes_a_folder_with_its_leading_slash() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/jekyll-site"),
        dir.path(),
    );
    let post = dir.path().join("_posts/ann/2024-03-05-pydata-night.md");
    let text = std::fs::read_to_string(&post).unwrap().replace(
        "{% post_url 2024-02-01-first-meetup %}",
        "{% post_url /ann/2024-02-01-first-meetup %}",
    );
    std::fs::write(&post, text).unwrap();
    let theme =
        meetup_reader::markdown::Theme::new(meetup_reader::markdown::ThemeName::Dark, false);
    let mut app = meetup_reader::app::App::new(dir.path().join("_posts"), theme);
    app.start_loading();
    let screen = press(&mut app, &mut terminal(100, 60), "enter");
    assert!(
        screen.contains("/inf380p/meetup/first-meetup.html"),
        "{screen}"
    );
    assert!(!screen.contains("post_url"), "{screen}");
}
