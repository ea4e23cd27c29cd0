//! Snapshots of the editor: side by side with the preview at 120×40, body or
//! preview (ctrl-o) at 60×20, and the drafting popups.

use crate::support::screen::*;
use crate::support::site::*;

fn draft_text() -> String {
    "---\nlayout: post\ntitle: Pizza and pytest\nauthor: alice\ndate: 2024-05-01\n---\n\n\
     **How did it go?**\n\nIt went well: three short talks on testing, then questions and \
     pizza. I asked about fixtures and got two good answers from the speakers.\n\n\
     **What did you learn?**\n\n\n"
        .to_string()
}

fn editor_screen(size: (u16, u16), keys: &str) -> String {
    let site = site();
    let draft = site.draft("pizza.md", &draft_text());
    let mut app = site.app();
    app.open_draft(&draft);
    let screen = press(&mut app, &mut terminal(size.0, size.1), keys);
    screen.replace(&site.dir.path().display().to_string(), "[SITE]")
}

#[test]
fn editor_120x40_side_by_side() {
    insta::assert_snapshot!(editor_screen((120, 40), "W o w"));
}

#[test]
fn editor_60x20_body() {
    insta::assert_snapshot!(editor_screen((60, 20), ""));
}

#[test]
fn editor_60x20_preview_toggled() {
    insta::assert_snapshot!(editor_screen((60, 20), "ctrl-o"));
}

#[test]
fn editor_publish_prompt_120x40() {
    insta::assert_snapshot!(editor_screen((120, 40), "ctrl-p"));
}

#[test]
fn editor_help_lists_the_editor_keys() {
    use crossterm::event::{Event, KeyCode, KeyEvent};
    let site = site();
    let draft = site.draft("pizza.md", &draft_text());
    let mut app = site.app();
    app.open_draft(&draft);
    let mut term = terminal(120, 40);
    let f1 = Event::Key(KeyEvent::from(KeyCode::F(1)));
    let mut host = meetup_reader::app::ScriptedHost::new([f1]);
    meetup_reader::app::run(&mut term, &mut host, &mut app).unwrap();
    assert_eq!(app.mode(), meetup_reader::app::Mode::Help);
    // The editor's section is further down the overlay: scroll until its find key
    // shows (a bounded number of rows).
    let mut screen = press(&mut app, &mut term, "");
    for _ in 0..200 {
        if screen.contains("ctrl-f") {
            break;
        }
        screen = press(&mut app, &mut term, "j");
    }
    for needle in [
        "Editor", "ctrl-s", "save", "ctrl-x", "cut", "ctrl-u", "undo", "ctrl-f",
    ] {
        assert!(screen.contains(needle), "{needle} missing:\n{screen}");
    }
}

#[test]
fn drafts_list_120x40() {
    let site = site();
    site.draft("pizza.md", &draft_text());
    site.draft("untitled.md", "no front matter\n");
    let mut app = site.app();
    let screen = press(&mut app, &mut terminal(120, 40), "d");
    insta::assert_snapshot!(screen.replace(&site.dir.path().display().to_string(), "[SITE]"));
}

#[test]
fn tiny_windows_never_panic_in_the_editor() {
    for (w, h) in [(1, 1), (10, 3), (30, 6), (31, 7), (45, 9), (99, 12)] {
        editor_screen((w, h), "a ctrl-o b ctrl-p esc ctrl-f z enter tab x");
    }
}

#[test]
fn the_preview_reads_liquid_as_the_site_will() {
    let site = site();
    std::fs::write(
        site.dir.path().join("_config.yml"),
        "title: Python Course\nbaseurl: /c\npermalink: /:year/:title.html\n",
    )
    .unwrap();
    let body = "---\nlayout: post\ntitle: Liquid\nauthor: alice\n---\n\n\
        Welcome to {{ site.title }}.{% comment %}a secret note{% endcomment %}\n\n\
        As in [my first]({% post_url 2024-03-01-first-meetup %}).\n";
    let draft = site.draft("liquid.md", body);
    let mut app = site.app();
    app.open_draft(&draft);
    let screen = press(&mut app, &mut terminal(120, 40), "");
    let preview: String = screen
        .lines()
        .map(|line| line.rsplit('│').nth(1).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(preview.contains("Welcome to Python Course."), "{screen}");
    assert!(!preview.contains("secret"), "{screen}");
    assert!(preview.contains("/c/2024/first-meetup.html"), "{screen}");
}
