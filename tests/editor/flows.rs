//! Drafting flows through the real loop on TestBackend: type, save, publish, reopen,
//! leave with unsaved changes, autosave, and recovery after a crash.

use std::path::Path;
use std::time::{Duration, Instant};

use meetup_reader::app::Mode;
use meetup_reader::app::drafting::{Field, Prompt};
use meetup_reader::draft::recovery_path;

use crate::support::screen::*;
use crate::support::site::*;

#[test]
fn n_starts_a_draft_and_typing_then_ctrl_s_saves_it() {
    let site = site();
    let mut app = site.app();
    let mut term = terminal(120, 40);
    let keys = format!(
        "n {} tab tab tab {} ctrl-s",
        typed("My first talk"),
        typed("Hello")
    );
    press(&mut app, &mut term, &keys);
    assert_eq!(app.mode(), Mode::Editor);
    let draft = site.drafts.join("reflection.md");
    let text = site.read(&draft);
    assert!(text.contains("\ntitle: My first talk\n"), "{text}");
    assert!(
        text.contains("\n---\n\n**How did it go?**\n\nHello\n\n**What did you learn?**"),
        "{text}"
    );
    assert_eq!(
        site.draft_files(),
        [".reflection.md.lock", "reflection.md"],
        "no recovery file left; the lock while it is open"
    );
    assert!(!app.drafting.editor.as_ref().unwrap().is_dirty());
}

#[test]
fn publish_asks_with_the_path_then_writes_a_clean_post_and_removes_the_draft() {
    let site = site();
    let draft = site.draft("talk.md", &full_draft("Testing talks"));
    let mut app = site.app();
    app.open_draft(&draft);
    let mut term = terminal(120, 40);
    let screen = press(&mut app, &mut term, "ctrl-p");
    assert!(
        matches!(app.layers.prompt(), Some(Prompt::Publish { target, warnings })
            if target.ends_with("alice/2024-05-01-testing-talks.md") && warnings.is_empty()),
        "{:?}",
        app.layers.prompt()
    );
    assert!(
        screen.contains("posts/alice/2024-05-01-testing-talks.md"),
        "{screen}"
    );
    assert!(draft.exists(), "nothing happens before the answer");

    press(&mut app, &mut term, "y");
    let rel = Path::new("alice/2024-05-01-testing-talks.md");
    let post = meetup_reader::post::load_post(&site.posts, rel, &Default::default()).unwrap();
    assert!(post.diagnostics.is_empty(), "{:?}", post.diagnostics);
    assert_eq!(post.title, "Testing talks");
    assert!(!draft.exists(), "the draft is removed after publishing");
    assert!(app.drafting.editor.is_none());
    assert!(
        app.store.index_of_path(rel).is_some(),
        "the list shows the post"
    );
}

#[test]
fn publish_never_overwrites_an_existing_post() {
    let site = site();
    let taken = site.posts.join("alice/2024-05-01-testing-talks.md");
    std::fs::write(&taken, "---\ntitle: Mine\nauthor: alice\n---\nkeep me\n").unwrap();
    let draft = site.draft("talk.md", &full_draft("Testing talks"));
    let mut app = site.app();
    app.open_draft(&draft);
    press(&mut app, &mut terminal(120, 40), "ctrl-p y");
    assert!(site.read(&taken).contains("keep me"));
    assert!(
        site.posts
            .join("alice/2024-05-01-testing-talks-2.md")
            .exists()
    );
}

#[test]
fn publish_refuses_a_draft_without_a_title_in_one_sentence() {
    let site = site();
    let draft = site.draft("x.md", "---\nlayout: post\nauthor: alice\n---\nBody.\n");
    let mut app = site.app();
    app.open_draft(&draft);
    let mut term = terminal(120, 40);
    let screen = press(&mut app, &mut term, "ctrl-p");
    assert_eq!(
        app.layers.prompt(),
        Some(&Prompt::CannotPublish {
            why: "fill in the Title".into()
        })
    );
    // The status line names the field too, and nothing speaks of front matter keys.
    let status = line_with(&screen, "cannot publish yet");
    assert!(
        status.contains("cannot publish yet: fill in the Title"),
        "{status}"
    );
    assert!(!screen.contains("front matter"), "{screen}");
    assert!(draft.exists());
    press(&mut app, &mut term, "esc");
    assert!(app.layers.prompt().is_none());
}

#[test]
fn a_long_reason_not_to_publish_is_shown_whole_in_its_popup() {
    let site = site();
    // A date the loader refuses: the reason is long, the status line short.
    let draft = site.draft(
        "x.md",
        "---\nlayout: post\ntitle: T\nauthor: alice\ndate: 2024-02-30\n---\nBody.\n",
    );
    let mut app = site.app();
    app.open_draft(&draft);
    let screen = press(&mut app, &mut terminal(60, 20), "ctrl-p");
    let Some(Prompt::CannotPublish { why }) = app.layers.prompt() else {
        panic!("{:?}", app.layers.prompt());
    };
    assert!(why.contains("2024-02-30"), "{why}");
    assert!(screen.contains("Cannot publish yet"), "{screen}");
    assert!(screen.contains("2024-02-30"), "{screen}");
}

#[test]
fn a_draft_opens_from_the_drafts_list_into_the_editor() {
    let site = site();
    site.draft("a.md", &full_draft("Alpha"));
    site.draft("b.md", &full_draft("Beta"));
    let mut app = site.app();
    let mut term = terminal(120, 40);
    let screen = press(&mut app, &mut term, "d");
    assert_eq!(app.mode(), Mode::Drafts);
    assert!(
        screen.contains("Alpha") && screen.contains("Beta"),
        "{screen}"
    );
    press(&mut app, &mut term, "j enter");
    let editor = app.drafting.editor.as_ref().expect("editor open");
    assert_eq!(editor.field_text(Field::Title), "Beta");
    assert_eq!(editor.path(), site.drafts.join("b.md"));
}

#[test]
fn leaving_with_unsaved_changes_asks_save_discard_or_cancel() {
    let site = site();
    let draft = site.draft("a.md", &full_draft("Alpha"));
    let before = site.read(&draft);
    let mut app = site.app();
    app.open_draft(&draft);
    let mut term = terminal(120, 40);

    let screen = press(&mut app, &mut term, "enter x esc");
    assert_eq!(app.layers.prompt(), Some(&Prompt::Leave));
    assert!(screen.contains("Unsaved changes"), "{screen}");
    press(&mut app, &mut term, "esc");
    assert!(
        app.layers.prompt().is_none() && app.drafting.editor.is_some(),
        "cancel"
    );

    press(&mut app, &mut term, "esc d");
    assert!(app.drafting.editor.is_none(), "discarded and left");
    assert_eq!(site.read(&draft), before);
    assert_eq!(site.draft_files(), ["a.md"]);

    app.open_draft(&draft);
    press(&mut app, &mut term, "enter y esc s");
    assert!(app.drafting.editor.is_none(), "saved and left");
    assert!(site.read(&draft).contains("\ny"), "the typed key was saved");
}

#[test]
fn leaving_without_changes_does_not_ask() {
    let site = site();
    let draft = site.draft("a.md", &full_draft("Alpha"));
    let mut app = site.app();
    app.open_draft(&draft);
    press(&mut app, &mut terminal(120, 40), "esc");
    assert!(app.drafting.editor.is_none() && app.layers.prompt().is_none());
    assert_eq!(app.mode(), Mode::List);
}

#[test]
fn autosave_waits_for_the_deadline_then_writes_the_recovery_file() {
    let site = site();
    let draft = site.draft("a.md", &full_draft("Alpha"));
    let mut app = site.app();
    app.open_draft(&draft);
    assert_eq!(
        app.wake_in(Instant::now()),
        None,
        "nothing pending: block forever"
    );
    press(&mut app, &mut terminal(120, 40), "enter x");
    let now = Instant::now();
    let wait = app.wake_in(now).expect("an autosave is pending");
    assert!(
        wait > Duration::from_secs(2) && wait <= Duration::from_secs(3),
        "{wait:?}"
    );
    assert!(!app.tick(now));
    assert!(!recovery_path(&draft).exists(), "not before the deadline");
    app.tick(now + wait);
    assert!(recovery_path(&draft).exists(), "written at the deadline");
    assert_eq!(app.wake_in(now + wait), None, "nothing pending after it");
    assert!(site.read(&recovery_path(&draft)).contains("\nx"));
    assert!(
        !site.read(&draft).contains("\nx"),
        "the draft itself waits for ctrl-s"
    );
}

#[test]
fn quitting_with_unsaved_text_keeps_a_recovery_copy() {
    let site = site();
    let draft = site.draft("a.md", &full_draft("Alpha"));
    let mut app = site.app();
    app.open_draft(&draft);
    press(&mut app, &mut terminal(120, 40), "enter z ctrl-c");
    assert!(app.quit);
    assert!(site.read(&recovery_path(&draft)).contains("\nz"));
}

#[test]
fn after_a_crash_the_next_start_offers_the_unsaved_text() {
    let site = site();
    let draft = site.draft("a.md", &full_draft("Alpha"));
    {
        // A session that types, autosaves, and dies without saving (like kill -9).
        let mut app = site.app();
        app.open_draft(&draft);
        press(&mut app, &mut terminal(120, 40), "L o s t");
        app.tick(Instant::now() + Duration::from_secs(10));
    }
    let mut app = site.app();
    app.check_recoveries();
    let screen = press(&mut app, &mut terminal(120, 40), "");
    assert!(matches!(app.layers.prompt(), Some(Prompt::Recover { .. })));
    assert!(screen.contains("Unsaved text found"), "{screen}");
    press(&mut app, &mut terminal(120, 40), "r");
    let editor = app.drafting.editor.as_ref().expect("the editor opens");
    assert!(editor.text().contains("Lost"));
    assert!(
        editor.is_dirty(),
        "recovered text is not saved until ctrl-s"
    );
    press(&mut app, &mut terminal(120, 40), "ctrl-s");
    assert!(site.read(&draft).contains("Lost"));
    assert!(!recovery_path(&draft).exists());
}

#[test]
fn opening_a_draft_with_a_recovery_asks_and_discard_opens_the_saved_text() {
    let site = site();
    let draft = site.draft("a.md", &full_draft("Alpha"));
    std::fs::write(recovery_path(&draft), "---\ntitle: Newer\n---\nnewer\n").unwrap();
    let mut app = site.app();
    press(&mut app, &mut terminal(120, 40), "d enter");
    assert!(matches!(app.layers.prompt(), Some(Prompt::Recover { .. })));
    // Discarding asks first: `d` pressed twice deletes nothing; no keeps the text.
    for no in ["n", "esc"] {
        let screen = press(&mut app, &mut terminal(120, 40), "d d");
        assert!(
            screen.contains("Delete the unsaved text of a.md for good?"),
            "{screen}"
        );
        press(&mut app, &mut terminal(120, 40), no);
        assert!(
            matches!(app.layers.prompt(), Some(Prompt::Recover { .. })),
            "{no}: back to the question"
        );
        assert!(recovery_path(&draft).exists(), "{no}: kept");
    }
    press(&mut app, &mut terminal(120, 40), "d y");
    let editor = app.drafting.editor.as_ref().expect("opened as saved");
    assert_eq!(editor.field_text(Field::Title), "Alpha");
    assert!(!recovery_path(&draft).exists());
}

#[test]
fn an_old_recovery_never_blocks_n_and_the_drafts_list_still_offers_it() {
    let site = site();
    let draft = site.draft("a.md", &full_draft("Alpha"));
    std::fs::write(recovery_path(&draft), "unsaved").unwrap();
    let mut app = site.app();
    press(&mut app, &mut terminal(120, 40), "n");
    let editor = app.drafting.editor.as_ref().expect("the new draft is open");
    assert_eq!(editor.path(), site.drafts.join("reflection.md"));
    assert!(recovery_path(&draft).exists(), "the old text is kept");
    // Leaving the untouched draft leaves nothing behind; the recovery is still offered.
    press(&mut app, &mut terminal(120, 40), "esc d enter");
    assert!(matches!(app.layers.prompt(), Some(Prompt::Recover { .. })));
    assert_eq!(
        site.draft_files(),
        [".a.md.autosave", "a.md"],
        "no empty draft left behind"
    );
}

#[test]
fn the_external_editor_round_trip_takes_the_text_back_unsaved() {
    let site = site();
    let draft = site.draft("a.md", &full_draft("Alpha"));
    let mut app = site.app();
    app.open_draft(&draft);
    let (edited, _) = edit_externally(&mut app, |path| {
        let mut text = std::fs::read_to_string(path).unwrap();
        text.push_str("\nWritten elsewhere.\n");
        std::fs::write(path, text).map_err(|e| e.to_string())
    });
    assert_eq!(edited.len(), 1);
    assert!(!edited[0].exists(), "the hand-over file is removed");
    assert!(editor_text(&app).ends_with("Written elsewhere.\n"));
    assert!(app.drafting.editor.as_ref().unwrap().is_dirty());
    assert_eq!(site.draft_files(), [".a.md.lock", "a.md"]);
}

#[test]
fn cut_in_one_field_pastes_in_another_and_undo_redo_work() {
    let site = site();
    let draft = site.draft("a.md", "---\ntitle: Alpha\nauthor: alice\n---\nbody\n");
    let mut app = site.app();
    app.open_draft(&draft);
    let mut term = terminal(120, 40);
    // Title: select all, cut; author: paste at its end.
    press(&mut app, &mut term, "up up up ctrl-a ctrl-x tab ctrl-v");
    let editor = app.drafting.editor.as_ref().unwrap();
    assert_eq!(editor.field_text(Field::Title), "");
    assert_eq!(editor.field_text(Field::Author), "aliceAlpha");
    press(&mut app, &mut term, "ctrl-u");
    assert_eq!(
        app.drafting
            .editor
            .as_ref()
            .unwrap()
            .field_text(Field::Author),
        "alice"
    );
    press(&mut app, &mut term, "ctrl-r");
    assert_eq!(
        app.drafting
            .editor
            .as_ref()
            .unwrap()
            .field_text(Field::Author),
        "aliceAlpha"
    );
}

#[test]
fn find_moves_the_cursor_to_the_match() {
    let site = site();
    let draft = site.draft(
        "a.md",
        "---\ntitle: Alpha\nauthor: alice\n---\none\ntwo\nthree needle\n",
    );
    let mut app = site.app();
    app.open_draft(&draft);
    press(&mut app, &mut terminal(120, 40), "ctrl-f N E E D L E enter");
    let editor = app.drafting.editor.as_ref().unwrap();
    assert_eq!(editor.focus, Field::Body);
    assert_eq!(editor.body.cursor(), (2, 6));
}

#[test]
fn printable_keys_are_typed_not_taken_as_commands() {
    let site = site();
    let draft = site.draft("a.md", "---\ntitle: Alpha\nauthor: alice\n---\n\n");
    let mut app = site.app();
    app.open_draft(&draft);
    press(&mut app, &mut terminal(120, 40), "q ? n e / j k s");
    assert!(!app.quit);
    assert!(app.layers.is_empty());
    assert!(
        editor_text(&app).contains("q?ne/jks"),
        "{}",
        editor_text(&app)
    );
}

#[test]
fn an_unreadable_date_blocks_publishing_with_a_sentence() {
    let site = site();
    let draft = site.draft(
        "talk.md",
        &full_draft("Dated").replace("2024-05-01", "2024-13-45"),
    );
    let mut app = site.app();
    app.open_draft(&draft);
    let screen = press(&mut app, &mut terminal(120, 40), "ctrl-p");
    assert!(matches!(
        app.layers.prompt(),
        Some(Prompt::CannotPublish { why }) if why.contains("not a real date")
    ));
    assert!(screen.contains("not a real date"), "{screen}");
    assert!(draft.exists());
}

#[test]
fn suspending_with_unsaved_text_keeps_a_recovery_copy() {
    let site = site();
    let draft = site.draft("a.md", &full_draft("Alpha"));
    let mut app = site.app();
    app.open_draft(&draft);
    press(&mut app, &mut terminal(120, 40), "enter z ctrl-z");
    assert!(site.read(&recovery_path(&draft)).contains("\nz"));
    assert!(
        app.drafting.editor.is_some(),
        "the editor is still open after fg"
    );
}

#[test]
fn a_click_focuses_the_field_under_the_pointer() {
    use crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let site = site();
    let draft = site.draft("a.md", &full_draft("Alpha"));
    let mut app = site.app();
    app.open_draft(&draft);
    let mut term = terminal(120, 40);
    // The cursor waits at the end of the text; the top of it is brought into view.
    press(&mut app, &mut term, "ctrl-alt-up");
    assert_eq!(app.drafting.editor.as_ref().unwrap().focus, Field::Body);
    let click = |column, row| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // Row 2 is the author field; the body's text starts inside its border at row 5.
    let mut host = meetup_reader::app::ScriptedHost::new([click(12, 2)]);
    meetup_reader::app::run(&mut term, &mut host, &mut app).unwrap();
    assert_eq!(app.drafting.editor.as_ref().unwrap().focus, Field::Author);
    let mut host = meetup_reader::app::ScriptedHost::new([click(3, 8)]);
    meetup_reader::app::run(&mut term, &mut host, &mut app).unwrap();
    let editor = app.drafting.editor.as_ref().unwrap();
    assert_eq!(editor.focus, Field::Body);
    assert_eq!(
        editor.body.cursor(),
        (3, 2),
        "row 3 of the text, past the border"
    );
}

#[test]
fn d_in_the_drafts_list_deletes_a_draft_and_its_unsaved_text_after_asking() {
    let site = site();
    let a = site.draft("a.md", &full_draft("Alpha"));
    site.draft("b.md", &full_draft("Beta"));
    std::fs::write(recovery_path(&a), "unsaved").unwrap();
    let mut app = site.app();
    let mut term = terminal(120, 40);
    // The start-up offer of the unsaved text is put off; the list marks it.
    let screen = press(&mut app, &mut term, "esc d");
    assert!(
        screen.contains("a.md  · unsaved text to recover"),
        "{screen}"
    );
    let screen = press(&mut app, &mut term, "D");
    assert!(
        screen.contains("Delete the draft a.md and its unsaved text?"),
        "{screen}"
    );
    press(&mut app, &mut term, "n");
    assert!(a.exists(), "no keeps it");
    let screen = press(&mut app, &mut term, "D y");
    assert_eq!(site.draft_files(), ["b.md"]);
    assert!(screen.contains("deleted the draft a.md"), "{screen}");
    assert_eq!(
        app.layers.picker().unwrap().drafts.len(),
        1,
        "the list follows"
    );
}
