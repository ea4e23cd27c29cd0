//! The review experience through the real loop on TestBackend: marks, notes and
//! scores that survive a restart, the status filter, sessions, unpublishing,
//! export, and an unreadable review file.

use std::os::unix::fs::PermissionsExt;

use meetup_reader::app::{Mode, Pane};
use meetup_reader::review::{ReviewStatus, ReviewStore};

use crate::support::screen::*;
use crate::support::site::*;

#[test]
fn statuses_scores_and_notes_survive_a_restart() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 50);
    press(&mut app, &mut term, "m j x j ! j");
    assert_eq!(selected_title(&app), "Dan went");
    press(&mut app, &mut term, "S 8 . 5 enter");
    press(&mut app, &mut term, "a");
    assert_eq!(app.mode(), Mode::Note);
    // Printable keys go to the note, not to the app (q does not quit).
    type_text(&mut app, &mut term, "Good, \"quite\" short; q");
    press(&mut app, &mut term, "enter");
    let screen = type_text(&mut app, &mut term, "second line");
    assert!(screen.contains("second line"), "{screen}");
    assert!(!app.quit);
    let screen = press(&mut app, &mut term, "ctrl-s");
    assert!(screen.contains("note saved"), "{screen}");
    drop(app);

    let mut app = site.review_app();
    let screen = press(&mut app, &mut term, "");
    assert!(
        line_with(&screen, "Ann at the meetup").starts_with("│✓"),
        "{screen}"
    );
    assert!(
        line_with(&screen, "Bob, briefly").starts_with("│✎"),
        "{screen}"
    );
    assert!(
        line_with(&screen, "Cat's reflection").starts_with("│⚑"),
        "{screen}"
    );
    // Dan is unreviewed and answers no question: it stands out.
    assert!(line_with(&screen, "Dan went").starts_with("│?"), "{screen}");
    let screen = press(&mut app, &mut term, "G");
    assert!(
        screen.contains("review: unreviewed · score 8.5"),
        "{screen}"
    );
    assert!(
        screen.contains("note: Good, \"quite\" short; q (a shows all)"),
        "{screen}"
    );
    let store = ReviewStore::open(&site.review_file()).unwrap();
    let dan = store.get("dan/2024-01-01-dan.md").unwrap();
    assert_eq!(dan.note, "Good, \"quite\" short; q\nsecond line");
    assert_eq!(dan.score, Some(8.5));
    assert_eq!(
        store.status("bob/2024-03-01-bob.md"),
        ReviewStatus::NeedsRevision
    );
    // u puts a post back to unreviewed.
    press(&mut app, &mut term, "g u");
    let store = ReviewStore::open(&site.review_file()).unwrap();
    assert_eq!(
        store.status("ann/2024-04-01-ann.md"),
        ReviewStatus::Unreviewed
    );
}

#[test]
fn the_review_file_is_private_and_outside_the_site() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    press(&mut app, &mut term, "m");
    let file = site.review_file();
    assert!(!file.starts_with(site.posts.as_path()));
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    // Nothing was written into the site.
    let names: Vec<_> = walkdir::WalkDir::new(site.posts.as_path())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
}

#[test]
fn a_bad_score_is_explained_and_nothing_is_saved() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    let screen = press(&mut app, &mut term, "S a");
    assert!(
        screen.contains("`a` cannot be part of a score; type a number such as 8, 8.5 or 8/10"),
        "{screen}"
    );
    // What was typed stays, to be corrected, not dropped.
    assert!(screen.contains("score: a"), "{screen}");
    let screen = press(&mut app, &mut term, "backspace 1 . 2 . 3 enter");
    assert_eq!(app.mode(), Mode::Score);
    assert!(screen.contains("`1.2.3` is not a score"), "{screen}");
    press(&mut app, &mut term, "esc");
    assert_eq!(app.mode(), Mode::List);
    assert!(!site.review_file().exists());
    // An empty score removes it.
    press(&mut app, &mut term, "S 7 enter");
    let store = ReviewStore::open(&site.review_file()).unwrap();
    assert_eq!(store.get("ann/2024-04-01-ann.md").unwrap().score, Some(7.0));
    press(&mut app, &mut term, "S backspace enter");
    let store = ReviewStore::open(&site.review_file()).unwrap();
    assert!(store.get("ann/2024-04-01-ann.md").is_none());
}

#[test]
fn the_filter_understands_status() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    press(&mut app, &mut term, "m j ! j !");
    press(&mut app, &mut term, "/ s t a t u s : f l a g g e d enter");
    assert_eq!(visible_titles(&app), ["Bob, briefly", "Cat's reflection"]);
    // A prefix is enough, and other words still narrow.
    press(&mut app, &mut term, "esc / s t a t u s : u n enter");
    assert_eq!(visible_titles(&app), ["Dan went"]);
    press(&mut app, &mut term, "esc / s t a t u s : r e v enter");
    assert_eq!(visible_titles(&app), ["Ann at the meetup"]);
    // Marking a post refilters: it leaves a status:reviewed list when unmarked.
    press(&mut app, &mut term, "u");
    assert!(visible_titles(&app).is_empty());
    press(&mut app, &mut term, "esc / s t a t u s : n o p e enter");
    assert!(visible_titles(&app).is_empty());
}

// These flows use 50 rows: room for the whole header (at most a third of the pane),
// where the review shows in full.
#[test]
fn changed_since_review_shows_after_the_post_is_edited() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 50);
    let screen = press(&mut app, &mut term, "m");
    assert!(!screen.contains("changed since review"), "{screen}");
    let path = site.post_path("ann/2024-04-01-ann.md");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("\nA late addition.\n");
    std::fs::write(&path, text).unwrap();
    let screen = press(&mut app, &mut term, "r");
    assert!(
        screen.contains("review: reviewed · ↻ changed since review"),
        "{screen}"
    );
    assert!(
        line_with(&screen, "Ann at the meetup").starts_with("│↻"),
        "{screen}"
    );
    // Reviewing it again covers the new content.
    let screen = press(&mut app, &mut term, "m");
    assert!(!screen.contains("changed since review"), "{screen}");
    // And a restarted app sees the same.
    std::fs::write(&path, "---\ntitle: Ann at the meetup\n---\nRewritten.\n").unwrap();
    let mut app = site.review_app();
    let screen = press(&mut app, &mut term, "");
    assert!(screen.contains("↻ changed since review"), "{screen}");
}

#[test]
fn a_corrupt_review_file_is_reported_kept_and_replaced_only_on_request() {
    let site = review_site();
    let file = site.review_file();
    std::fs::write(&file, "{ this is not json").unwrap();
    let mut app = site.review_app();
    let mut term = terminal(160, 40);
    let screen = press(&mut app, &mut term, "");
    let status = status_text(&screen);
    assert!(status.contains("reviews.json cannot be read"), "{screen}");
    assert!(status.contains("a copy was kept at"), "{screen}");
    assert!(screen.contains("reviews are read-only"), "{screen}");
    let copies: Vec<_> = std::fs::read_dir(site.private.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("reviews.json.corrupt-"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    let copy = site.private.path().join(&copies[0]);
    assert_eq!(read(&copy), b"{ this is not json");

    // Read-only: marking is refused, the file stays as it was.
    let screen = press(&mut app, &mut term, "m");
    assert!(screen.contains("open read-only"), "{screen}");
    assert!(screen.contains("F starts a fresh review file"), "{screen}");
    assert_eq!(read(&file), b"{ this is not json");

    // Fresh only when asked, and only after yes.
    let screen = press(&mut app, &mut term, "F");
    assert_eq!(app.mode(), Mode::Confirm);
    assert!(
        screen.contains("Start a new, empty review file"),
        "{screen}"
    );
    press(&mut app, &mut term, "n m");
    assert_eq!(read(&file), b"{ this is not json");
    let screen = press(&mut app, &mut term, "F y");
    assert!(screen.contains("started a fresh review file"), "{screen}");
    press(&mut app, &mut term, "m");
    let store = ReviewStore::open(&file).unwrap();
    assert_eq!(
        store.status("ann/2024-04-01-ann.md"),
        ReviewStatus::Reviewed
    );
    assert_eq!(read(&copy), b"{ this is not json");
}

#[test]
fn a_session_marks_and_moves_to_the_next_unreviewed_post() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    // Cat is already reviewed: the session skips it.
    press(&mut app, &mut term, "j j m g");
    let screen = press(&mut app, &mut term, "R");
    assert_eq!(app.mode(), Mode::Session);
    assert_eq!(selected_title(&app), "Ann at the meetup");
    assert!(screen.contains("1 / 4 reviewed"), "{screen}");
    let screen = press(&mut app, &mut term, "m");
    assert_eq!(selected_title(&app), "Bob, briefly");
    assert!(screen.contains("2 / 4 reviewed"), "{screen}");
    let screen = press(&mut app, &mut term, "!");
    assert_eq!(selected_title(&app), "Dan went");
    assert!(screen.contains("3 / 4 reviewed · 1 flagged"), "{screen}");
    let screen = press(&mut app, &mut term, "x");
    assert_eq!(selected_title(&app), "Dan went");
    assert!(
        screen.contains("4 / 4 reviewed · 1 need revision · 1 flagged"),
        "{screen}"
    );
    assert!(
        screen.contains("every post in this list is reviewed"),
        "{screen}"
    );
    press(&mut app, &mut term, "esc");
    assert_eq!(app.mode(), Mode::List);
    assert_eq!(app.focus, Pane::List);
    let store = ReviewStore::open(&site.review_file()).unwrap();
    let statuses: Vec<_> = [
        "ann/2024-04-01-ann.md",
        "bob/2024-03-01-bob.md",
        "dan/2024-01-01-dan.md",
    ]
    .iter()
    .map(|k| store.status(k))
    .collect();
    assert_eq!(
        statuses,
        [
            ReviewStatus::Reviewed,
            ReviewStatus::Flagged,
            ReviewStatus::NeedsRevision
        ]
    );
}

#[test]
fn a_session_follows_the_filter() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    press(&mut app, &mut term, "j m");
    press(
        &mut app,
        &mut term,
        "/ s t a t u s : u n r e v i e w e d enter R",
    );
    assert_eq!(selected_title(&app), "Ann at the meetup");
    let screen = press(&mut app, &mut term, "m");
    // Ann left the filtered list; the next unreviewed one in it is Cat.
    assert_eq!(selected_title(&app), "Cat's reflection");
    assert!(screen.contains("0 / 2 reviewed"), "{screen}");
    // n skips without marking, wrapping round.
    press(&mut app, &mut term, "n");
    assert_eq!(selected_title(&app), "Dan went");
    press(&mut app, &mut term, "n");
    assert_eq!(selected_title(&app), "Cat's reflection");
}

#[test]
fn capital_u_toggles_published_and_twice_restores_the_file() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    for (moves, rel) in [
        ("g", "ann/2024-04-01-ann.md"),
        ("j j", "cat/2024-02-01-cat.md"),
    ] {
        let path = site.post_path(rel);
        let before = read(&path);
        let screen = press(&mut app, &mut term, &format!("{moves} U"));
        assert!(
            screen.contains("is unpublished (published: false)"),
            "{screen}"
        );
        assert!(
            String::from_utf8(read(&path))
                .unwrap()
                .contains("published: false")
        );
        assert!(!app.selected_post().unwrap().published);
        let post = app.selected_post().unwrap();
        let row = line_with(&screen, &format!("{} {}", post.date.unwrap(), post.title));
        assert!(
            row.contains(meetup_reader::app::ui::list::MARK_UNPUBLISHED),
            "{screen}"
        );
        let screen = press(&mut app, &mut term, "U");
        assert!(screen.contains("is published again"), "{screen}");
        assert_eq!(read(&path), before, "{rel}");
        assert!(app.selected_post().unwrap().published);
    }
}

#[test]
fn capital_u_refuses_damaged_front_matter_in_one_sentence() {
    let site = review_site();
    let path = site.post_path("eve/2024-05-01-eve.md");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "---\ntitle: Eve\nno closing line\n").unwrap();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    press(&mut app, &mut term, "");
    let index = app
        .store
        .visible
        .iter()
        .position(|&i| app.store.posts[i].path.ends_with("2024-05-01-eve.md"))
        .unwrap();
    let keys = vec!["j"; index].join(" ");
    let screen = press(&mut app, &mut term, &format!("{keys} U"));
    // The whole sentence, on as many status rows as it takes.
    let status = status_text(&screen);
    assert!(
        status.starts_with("cannot unpublish or republish"),
        "{screen}"
    );
    assert!(status.ends_with("add one first"), "{screen}");
    assert_eq!(read(&path), b"---\ntitle: Eve\nno closing line\n");
}

/// A folder or a device typed as the export's path is refused at once, with the
/// reason under the field, before any question about replacing it.
#[test]
fn an_export_to_a_folder_or_a_device_is_refused_before_any_question() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    app.working_dir = site.private.path().to_path_buf();
    for (path, kind) in [
        (site.private.path().display().to_string(), "a folder"),
        ("/dev/null".to_string(), "a character device"),
    ] {
        press(&mut app, &mut term, "E ctrl-u");
        let screen = press(&mut app, &mut term, &format!("{} enter", typed(&path)));
        assert_eq!(app.mode(), Mode::Export, "{path}: the field stays open");
        assert!(
            screen.contains(&format!("that is {kind}: type the path of a file")),
            "{screen}"
        );
        press(&mut app, &mut term, "esc");
    }
}

#[test]
fn export_from_the_app_matches_the_cli_and_never_overwrites_unasked() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    press(
        &mut app,
        &mut term,
        "m j ! S 9 enter a N o t e , space \" q \" enter l i n e 2 ctrl-s",
    );
    app.working_dir = site.private.path().to_path_buf();
    let screen = press(&mut app, &mut term, "E");
    assert_eq!(app.mode(), Mode::Export);
    assert!(screen.contains("grades-"), "{screen}");
    let written = match app.layers.top() {
        Some(meetup_reader::app::Layer::Review(meetup_reader::app::review::Popup::Export {
            field,
            ..
        })) => std::path::PathBuf::from(field.text()),
        other => panic!("{other:?}"),
    };
    assert_eq!(written.parent(), Some(site.private.path()));
    let screen = press(&mut app, &mut term, "enter");
    assert!(
        screen.contains(&format!("exported 4 posts to {}", written.display())),
        "{screen}"
    );
    let cli = assert_cmd::Command::cargo_bin("meetup-reader")
        .unwrap()
        .args(["review", "export", "--format", "csv", "--review-file"])
        .arg(site.review_file())
        .arg(site.posts.as_path())
        .output()
        .unwrap();
    assert!(cli.status.success());
    assert_eq!(
        String::from_utf8(read(&written)).unwrap(),
        String::from_utf8(cli.stdout).unwrap()
    );
    let mode = std::fs::metadata(&written).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);

    // It exists now: the app asks, and no leaves it alone.
    press(&mut app, &mut term, "g u");
    let before = read(&written);
    let screen = press(&mut app, &mut term, "E enter");
    assert_eq!(app.mode(), Mode::Confirm);
    assert!(screen.contains("already exists."), "{screen}");
    // No goes back to the path, to write somewhere else or leave.
    press(&mut app, &mut term, "n");
    assert_eq!(app.mode(), Mode::Export);
    assert_eq!(read(&written), before);
    press(&mut app, &mut term, "esc E enter y");
    assert_ne!(read(&written), before);

    // Tab switches to Markdown, the same as the CLI's.
    press(&mut app, &mut term, "E tab enter");
    let md = written.with_extension("md");
    let cli = assert_cmd::Command::cargo_bin("meetup-reader")
        .unwrap()
        .args(["review", "export", "--format", "markdown", "--review-file"])
        .arg(site.review_file())
        .arg(site.posts.as_path())
        .output()
        .unwrap();
    assert_eq!(read(&md), cli.stdout);
}

#[test]
fn esc_on_a_note_with_new_words_asks_before_dropping_them() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    // Nothing typed: esc just closes.
    press(&mut app, &mut term, "a esc");
    assert_eq!(app.mode(), Mode::List);
    let screen = press(&mut app, &mut term, "a h i esc");
    assert_eq!(app.mode(), Mode::Confirm);
    assert!(screen.contains("Close the note without saving"), "{screen}");
    // No: back to the note, words intact.
    let screen = press(&mut app, &mut term, "n");
    assert_eq!(app.mode(), Mode::Note);
    assert!(screen.contains("│hi"), "{screen}");
    press(&mut app, &mut term, "esc y");
    assert_eq!(app.mode(), Mode::List);
    assert!(!site.review_file().exists());
}

#[test]
fn notes_from_the_review_file_reach_the_screen_made_safe() {
    let site = review_site();
    std::fs::write(
        site.review_file(),
        r#"{"version":1,"reviews":{"dan/2024-01-01-dan.md":{"status":"flagged","note":"bad \u001b[31m red\nline \u0007two","content_hash":""}}}"#,
    )
    .unwrap();
    let mut app = site.review_app();
    let mut term = terminal(120, 50);
    let screen = press(&mut app, &mut term, "G");
    assert!(screen.contains("review: flagged"), "{screen}");
    assert!(screen.contains("note: bad"), "{screen}");
    let screen = press(&mut app, &mut term, "a");
    assert!(screen.contains("│line"), "{screen}");
    assert!(
        !screen.contains('\x1b') && !screen.contains('\x07'),
        "{screen:?}"
    );
}

#[test]
fn review_keys_can_be_rebound_in_the_settings_by_name() {
    use crossterm::event::{KeyCode, KeyEvent};
    use meetup_reader::app::Action;
    use meetup_reader::app::action::ReviewAction;
    use meetup_reader::app::keymap::Keymap;
    let (settings, problems) = meetup_reader::config::parse(
        "[keys.review]\nmark-reviewed = \"M\"\n[keys.session]\nreviewed-and-next = \"enter\"\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    let (keymap, problems) = Keymap::with_settings(&settings.keys);
    assert!(problems.is_empty(), "{problems:?}");
    let key = |c| KeyEvent::from(KeyCode::Char(c));
    assert_eq!(
        keymap.action(Mode::List, &key('M')),
        Some(Action::Review(ReviewAction::Mark(ReviewStatus::Reviewed)))
    );
    assert_eq!(
        keymap.action(Mode::Reader, &key('M')),
        Some(Action::Review(ReviewAction::Mark(ReviewStatus::Reviewed)))
    );
    assert_eq!(keymap.action(Mode::List, &key('m')), None);
    assert_eq!(
        keymap.action(Mode::Session, &KeyEvent::from(KeyCode::Enter)),
        Some(Action::Review(ReviewAction::MarkAndNext(
            ReviewStatus::Reviewed
        )))
    );
}

#[test]
fn notes_and_scores_are_refused_before_typing_when_they_cannot_be_saved() {
    let site = review_site();
    std::fs::write(site.review_file(), "[1, 2").unwrap();
    let mut app = site.review_app();
    let mut term = terminal(160, 40);
    let screen = press(&mut app, &mut term, "a");
    assert_eq!(app.mode(), Mode::List);
    assert!(
        screen.contains(
            "is open read-only, so reviews cannot be changed (F starts a fresh review file)"
        ),
        "{screen}"
    );
    press(&mut app, &mut term, "S");
    assert_eq!(app.mode(), Mode::List);
}

#[test]
fn a_note_that_cannot_be_saved_stays_on_screen() {
    let site = review_site();
    // The review file's folder is taken by a file once the app has opened it:
    // every save fails.
    let folder = site.private.path().join("sub");
    let mut app = meetup_reader::app::App::new(
        site.posts.as_path(),
        meetup_reader::markdown::Theme::new(meetup_reader::markdown::ThemeName::Dark, false),
    );
    app.open_reviews(
        Some(&folder.join("reviews.json")),
        meetup_reader::app::review::Access::ReadWrite,
    );
    app.start_loading();
    std::fs::write(&folder, "not a folder").unwrap();
    let mut term = terminal(120, 40);
    let screen = press(&mut app, &mut term, "a k e e p space m e ctrl-s");
    assert_eq!(app.mode(), Mode::Note);
    assert!(screen.contains("│keep me"), "{screen}");
    assert!(screen.contains("reviews.json"), "{screen}");
}

#[test]
fn backspace_in_a_status_filter_sees_the_new_statuses() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    press(&mut app, &mut term, "! / s t a t u s : f l enter");
    assert_eq!(app.store.visible.len(), 1);
    press(&mut app, &mut term, "u");
    assert!(app.store.visible.is_empty());
    // Back to `status:f`: computed again, not the result from before the change.
    press(&mut app, &mut term, "/ end backspace enter");
    assert_eq!(app.store.filter.text, "status:f");
    assert!(app.store.visible.is_empty());
}

/// An export typed into the site (where it could be published) is written only after
/// the user says yes to a warning, not warned about once it is there.
#[test]
fn an_export_into_the_site_asks_before_writing() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(160, 40);
    press(&mut app, &mut term, "m");
    let inside = site.posts.as_path().join("grades.csv");
    app.layers.push(meetup_reader::app::Layer::Review(
        meetup_reader::app::review::Popup::Export {
            field: meetup_reader::app::field::TextField::new(&inside.display().to_string()),
            shown_only: false,
        },
    ));
    let screen = press(&mut app, &mut term, "enter");
    assert_eq!(app.mode(), Mode::Confirm);
    assert!(screen.contains("may be published"), "{screen}");
    assert!(!inside.exists(), "nothing is written before the answer");
    press(&mut app, &mut term, "n");
    assert!(!inside.exists());
    app.layers.push(meetup_reader::app::Layer::Review(
        meetup_reader::app::review::Popup::Export {
            field: meetup_reader::app::field::TextField::new(&inside.display().to_string()),
            shown_only: false,
        },
    ));
    press(&mut app, &mut term, "enter y");
    assert!(inside.exists(), "written once the user said yes");
}

/// A note holding a tab (set from the command line, say) is not taken as changed when
/// the popup is opened and closed, and keeps its tab.
#[test]
fn a_note_with_a_tab_closes_without_asking_and_keeps_it() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 40);
    // The selected post (the top row) gets a note with a tab from the command line.
    app.wait_loader();
    let rel = app.store.posts[app.store.visible[0]].path.clone();
    let post = site.posts.as_path().join(&rel);
    let marked = assert_cmd::Command::cargo_bin("meetup-reader")
        .unwrap()
        .args(["review", "mark", "--note", "a\tb", "--review-file"])
        .arg(site.review_file())
        .arg("--dir")
        .arg(site.posts.as_path())
        .arg(&post)
        .output()
        .unwrap();
    assert!(marked.status.success(), "{marked:?}");
    // A new app, which reads the note the command line wrote.
    let mut app = site.review_app();
    let key = meetup_reader::review::post_key(&rel);
    press(&mut app, &mut term, "a esc");
    assert_eq!(app.mode(), Mode::List, "nothing was typed: nothing to ask");
    press(&mut app, &mut term, "a ctrl-s");
    let note = app
        .review
        .store
        .as_ref()
        .and_then(|s| s.get(&key))
        .map(|r| r.note.clone());
    assert_eq!(note.as_deref(), Some("a\tb"));
}

#[test]
fn a_small_reader_keeps_its_header_short_and_i_shows_all_of_it() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(40, 12);
    let screen = press(&mut app, &mut term, "enter");
    let rows: Vec<&str> = screen.lines().collect();
    let body = rows
        .iter()
        .position(|row| row.contains("How did it go?"))
        .expect("the body starts on screen");
    let bottom = rows.iter().rposition(|row| row.starts_with('└')).unwrap();
    assert!(bottom - body >= 5, "fewer than five body rows:\n{screen}");
    assert!(screen.contains("rubric 5/5 ✓✓✓✓✓"), "{screen}");
    // i: the whole header, every rubric row.
    let screen = press(&mut app, &mut term, "i");
    assert!(screen.contains("How did it go?"), "{screen}");
    assert!(
        screen.contains("rubric: 5/5 questions answered"),
        "{screen}"
    );
    let screen = press(&mut app, &mut term, "i");
    assert!(screen.contains("rubric 5/5 ✓✓✓✓✓"), "{screen}");
}

/// Another copy of the app (or `review mark`) marks a post while this one is open:
/// the next key here shows its mark in the list and the header, and this copy's own
/// marks then go over it only where it changed something.
#[test]
fn marks_saved_by_another_copy_show_at_the_next_key() {
    let site = review_site();
    let mut app = site.review_app();
    let mut term = terminal(120, 50);
    let screen = press(&mut app, &mut term, "x");
    assert!(
        line_with(&screen, "Ann at the meetup").starts_with("│✎"),
        "{screen}"
    );

    // The other copy flags Ann's post and marks Bob's reviewed.
    let mut other = ReviewStore::open(&site.review_file()).unwrap();
    let key = |name: &str| match name {
        "ann" => "ann/2024-04-01-ann.md",
        _ => "bob/2024-03-01-bob.md",
    };
    let text = |name: &str| std::fs::read(site.posts.join(key(name))).unwrap();
    assert_eq!(other.status(key("ann")), ReviewStatus::NeedsRevision);
    other
        .update(key("ann"), &text("ann"), |r| {
            r.status = ReviewStatus::Flagged
        })
        .unwrap();
    other
        .update(key("bob"), &text("bob"), |r| {
            r.status = ReviewStatus::Reviewed
        })
        .unwrap();
    other.save().unwrap();

    let screen = press(&mut app, &mut term, "j k");
    assert!(
        line_with(&screen, "Ann at the meetup").starts_with("│⚑"),
        "{screen}"
    );
    assert!(
        line_with(&screen, "Bob, briefly").starts_with("│✓"),
        "{screen}"
    );
    assert!(screen.contains("review: flagged"), "{screen}");

    // A score given here keeps the other copy's marks.
    press(&mut app, &mut term, "S 7 enter");
    let store = ReviewStore::open(&site.review_file()).unwrap();
    assert_eq!(store.status(key("ann")), ReviewStatus::Flagged);
    assert_eq!(store.get(key("ann")).unwrap().score, Some(7.0));
    assert_eq!(store.status(key("bob")), ReviewStatus::Reviewed);
}
