//! Words the editor must not lose or spoil: Windows line ends and tabs kept for what
//! they are, quitting when no recovery copy can be written, quitting from the help
//! over the editor, and an external editor that exits with an error.

use std::time::{Duration, Instant};

use meetup_reader::draft::recovery_path;

use crate::support::screen::*;
use crate::support::site::*;

#[test]
fn a_windows_draft_opens_with_its_front_matter_and_keeps_its_tabs() {
    let site = site();
    let draft = site.draft(
        "win.md",
        "---\r\nlayout: post\r\ntitle: Windows draft\r\nauthor: alice\r\n---\r\n\r\n\tcode\r\n",
    );
    let mut app = site.app();
    app.open_draft(&draft);
    let editor = app.drafting.editor.as_ref().expect("the draft is open");
    assert_eq!(
        editor.field_text(meetup_reader::app::drafting::Field::Title),
        "Windows draft"
    );
    assert!(!editor.is_dirty(), "opening is not changing it");
    let text = editor_text(&app);
    assert!(!text.contains('␍') && !text.contains('\r'), "{text:?}");
    assert!(text.contains("\n\tcode\n"), "{text:?}");
    // Leaving without changes does not ask, and leaves the file as it was.
    press(&mut app, &mut terminal(120, 40), "esc");
    assert!(app.drafting.editor.is_none() && app.layers.prompt().is_none());
    assert!(site.read(&draft).contains("\r\n"));
}

#[test]
fn a_new_draft_from_the_template_is_not_unsaved_until_typed_in() {
    let site = site();
    let mut app = site.app();
    press(&mut app, &mut terminal(120, 40), "n");
    assert!(!app.drafting.editor.as_ref().unwrap().is_dirty());
    press(&mut app, &mut terminal(120, 40), "esc");
    assert!(
        app.layers.prompt().is_none(),
        "nothing typed: nothing to ask"
    );
}

/// A new draft is written on its first change (so a touched draft is in `_drafts` at
/// once); discarding its changes without ever saving it leaves nothing, not a draft
/// titled with the first letter typed. One saved with ctrl-s stays as saved.
#[test]
fn discarding_a_new_draft_never_saved_leaves_nothing() {
    let site = site();
    let mut app = site.app();
    let mut term = terminal(120, 40);
    let files = |site: &Site| -> Vec<String> {
        let mut files = site.draft_files();
        files.retain(|name| !name.ends_with(".lock"));
        files
    };
    press(&mut app, &mut term, &format!("n {}", typed("Junk")));
    assert_eq!(files(&site), ["reflection.md"], "written on the first key");
    let screen = press(&mut app, &mut term, "esc d");
    assert!(app.drafting.editor.is_none());
    assert!(site.draft_files().is_empty(), "{:?}", site.draft_files());
    assert!(screen.contains("the new draft was never saved"), "{screen}");

    press(&mut app, &mut term, &format!("n {} ctrl-s", typed("Kept")));
    press(&mut app, &mut term, &format!("{} esc d", typed(" more")));
    assert_eq!(site.draft_files(), ["reflection.md"]);
    let saved = site.read(&site.drafts.join("reflection.md"));
    assert!(saved.contains("title: Kept\n"), "{saved}");
}

#[test]
fn when_no_recovery_copy_can_be_written_quitting_asks_twice_and_the_loop_rests() {
    let site = site();
    let draft = site.draft("a.md", &full_draft("Alpha"));
    let mut app = site.app();
    app.open_draft(&draft);
    // A folder where the recovery file would go: every autosave fails.
    std::fs::create_dir_all(recovery_path(&draft)).unwrap();
    press(&mut app, &mut terminal(120, 40), "z");
    let now = Instant::now();
    assert!(
        app.tick(now + Duration::from_secs(4)),
        "the failure is shown"
    );
    let next = app.wake_in(now + Duration::from_secs(4));
    assert!(
        next.is_none_or(|wait| wait > Duration::ZERO),
        "a failed autosave must not make the loop spin: {next:?}"
    );
    let screen = press(&mut app, &mut terminal(120, 40), "ctrl-c");
    assert!(!app.quit, "the first ctrl-c must not drop the unsaved text");
    assert!(screen.contains("ctrl-c again"), "{screen}");
    press(&mut app, &mut terminal(120, 40), "ctrl-c");
    assert!(app.quit, "the second one quits");
}

#[test]
fn quitting_from_the_help_over_the_editor_keeps_a_recovery_copy() {
    let site = site();
    let draft = site.draft("a.md", &full_draft("Alpha"));
    let mut app = site.app();
    app.open_draft(&draft);
    press(&mut app, &mut terminal(120, 40), "w o r d s");
    app.update(meetup_reader::app::Action::Help);
    assert!(
        matches!(
            app.layers.top(),
            Some(meetup_reader::app::Layer::Help { .. })
        ),
        "the help is over the editor"
    );
    press(&mut app, &mut terminal(120, 40), "ctrl-c");
    assert!(app.quit);
    assert!(site.read(&recovery_path(&draft)).contains("words"));
}

#[test]
fn text_from_an_external_editor_that_exits_with_an_error_is_kept() {
    let site = site();
    let draft = site.draft("a.md", &full_draft("Alpha"));
    let mut app = site.app();
    app.open_draft(&draft);
    let (_, screen) = edit_externally(&mut app, |path| {
        let mut text = std::fs::read_to_string(path).unwrap();
        text.push_str("\nWritten before vi complained.\n");
        std::fs::write(path, text).unwrap();
        Err("vi exited with exit status: 1".to_string())
    });
    assert!(editor_text(&app).ends_with("Written before vi complained.\n"));
    assert!(screen.contains("taken back"), "{screen}");
}

/// With more drafts than fit, the list follows the selection: what enter opens is
/// what is shown selected.
#[test]
fn the_drafts_list_keeps_the_selected_draft_in_view() {
    let site = site();
    for n in 0..30 {
        site.draft(
            &format!("d{n:02}.md"),
            &full_draft(&format!("Draft number {n:02}")),
        );
    }
    let mut app = site.app();
    let mut term = terminal(80, 16);
    press(&mut app, &mut term, "d");
    let selected = app.layers.picker().unwrap().selected;
    let downs = vec!["j"; 25].join(" ");
    let screen = press(&mut app, &mut term, &downs);
    let now = app.layers.picker().unwrap().selected;
    assert_eq!(now, selected + 25);
    let title = app.layers.picker().unwrap().drafts[now].title.clone();
    assert!(screen.contains(&title), "{title} not shown:\n{screen}");
}

/// A title folded over lines, or authors as a list, is replaced whole by the field's
/// text: the old lines are not left behind to make the front matter say it twice.
#[test]
fn a_folded_title_and_a_list_of_authors_are_written_back_once() {
    let site = site();
    let draft = site.draft(
        "f.md",
        "---\nlayout: post\ntitle: >-\n  A long title\n  over two lines\nauthor:\n- alice\n- bob\ntags: [x]\n---\nBody.\n",
    );
    let mut app = site.app();
    app.open_draft(&draft);
    let text = editor_text(&app);
    let front = text.split("---\n").nth(1).unwrap();
    assert_eq!(front.matches("over two lines").count(), 1, "{front}");
    assert!(!front.contains("  A long title"), "{front}");
    assert!(!front.contains("- alice"), "{front}");
    assert!(front.contains("tags: [x]"), "{front}");
    let fields = meetup_reader::post::front_matter::parse_post(
        std::path::Path::new("f.md"),
        text.as_bytes(),
    );
    assert_eq!(fields.title, "A long title over two lines");
}
