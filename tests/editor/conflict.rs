//! A draft changed on disk while it is open (another editor, another copy of the app
//! that was not locking): a save never overwrites it silently, but asks whose text to
//! keep — keep mine (theirs kept as a `.conflict-…` copy), keep theirs, or show both.

use meetup_reader::app::drafting::Prompt;

use crate::support::screen::*;
use crate::support::site::*;

/// A site with `a.md` open in the editor, "Mine." typed in it, and "Theirs." written
/// into the file meanwhile by someone else.
fn changed_elsewhere() -> (Site, std::path::PathBuf, meetup_reader::app::App) {
    let site = site();
    let draft = site.draft("a.md", &full_draft("Alpha"));
    let mut app = site.app();
    app.open_draft(&draft);
    // The cursor waits at the end of the text: "Mine." goes on a line of its own.
    press(
        &mut app,
        &mut terminal(120, 40),
        &format!("enter {}", typed("Mine. ")),
    );
    let theirs =
        full_draft("Alpha").replace("**How did it go?**\n", "**How did it go?**\nTheirs.\n");
    std::fs::write(&draft, theirs).unwrap();
    (site, draft, app)
}

fn conflict_files(site: &Site) -> Vec<String> {
    site.draft_files()
        .into_iter()
        .filter(|name| name.contains(".conflict-"))
        .collect()
}

#[test]
fn saving_over_a_change_made_elsewhere_asks_and_writes_nothing() {
    let (site, draft, mut app) = changed_elsewhere();
    let mut term = terminal(120, 40);
    let screen = press(&mut app, &mut term, "ctrl-s");
    assert!(
        matches!(
            app.layers.prompt(),
            Some(Prompt::Conflict {
                theirs: Some(_),
                ..
            })
        ),
        "{:?}",
        app.layers.prompt()
    );
    assert!(
        screen.contains("was changed by another program"),
        "{screen}"
    );
    assert!(screen.contains("m keep mine"), "{screen}");
    let on_disk = site.read(&draft);
    assert!(on_disk.contains("Theirs.") && !on_disk.contains("Mine."));

    // Show both: the lines that differ, marked with whose they are.
    let screen = press(&mut app, &mut term, "b");
    assert!(screen.contains("theirs │ Theirs."), "{screen}");
    assert!(screen.contains("mine   │ Mine."), "{screen}");
}

#[test]
fn keep_mine_saves_mine_and_keeps_theirs_beside_it() {
    let (site, draft, mut app) = changed_elsewhere();
    let mut term = terminal(120, 40);
    let screen = press(&mut app, &mut term, "ctrl-s m");
    assert!(app.layers.prompt().is_none());
    let on_disk = site.read(&draft);
    assert!(
        on_disk.contains("Mine.") && !on_disk.contains("Theirs."),
        "{on_disk}"
    );
    let kept = conflict_files(&site);
    assert_eq!(kept.len(), 1, "{:?}", site.draft_files());
    assert!(kept[0].starts_with("a.conflict-") && kept[0].ends_with(".md"));
    assert!(site.read(&site.drafts.join(&kept[0])).contains("Theirs."));
    assert!(
        screen.contains("the other version is kept as a.conflict-"),
        "{screen}"
    );
    assert!(!app.drafting.editor.as_ref().unwrap().is_dirty());
    // The next save is an ordinary one.
    press(&mut app, &mut term, &format!("{} ctrl-s", typed("More. ")));
    assert!(app.layers.prompt().is_none());
    assert!(site.read(&draft).contains("Mine. More."));
}

#[test]
fn keep_theirs_shows_their_text_as_saved() {
    let (site, draft, mut app) = changed_elsewhere();
    let mut term = terminal(120, 40);
    press(&mut app, &mut term, "ctrl-s t");
    let text = editor_text(&app);
    assert!(
        text.contains("Theirs.") && !text.contains("Mine."),
        "{text}"
    );
    assert!(!app.drafting.editor.as_ref().unwrap().is_dirty());
    assert!(site.read(&draft).contains("Theirs."));
    assert!(conflict_files(&site).is_empty());
}

#[test]
fn publishing_checks_too_and_goes_on_after_keep_mine() {
    let (site, draft, mut app) = changed_elsewhere();
    let mut term = terminal(120, 40);
    press(&mut app, &mut term, "ctrl-p y");
    assert!(
        matches!(app.layers.prompt(), Some(Prompt::Conflict { .. })),
        "publishing stops at the conflict: {:?}",
        app.layers.prompt()
    );
    assert!(draft.exists());
    press(&mut app, &mut term, "m");
    let post = site.posts.join("alice/2024-05-01-alpha.md");
    assert!(site.read(&post).contains("Mine."), "published mine");
    assert!(!draft.exists());
    assert_eq!(conflict_files(&site).len(), 1, "theirs is kept");
}

#[test]
fn a_draft_removed_elsewhere_is_closed_by_keep_theirs() {
    let site = site();
    let draft = site.draft("a.md", &full_draft("Alpha"));
    let mut app = site.app();
    app.open_draft(&draft);
    let mut term = terminal(120, 40);
    press(&mut app, &mut term, &typed("Mine. "));
    std::fs::remove_file(&draft).unwrap();
    let screen = press(&mut app, &mut term, "ctrl-s");
    assert!(
        screen.contains("was removed by another program"),
        "{screen}"
    );
    press(&mut app, &mut term, "t");
    assert!(app.drafting.editor.is_none());
    assert!(!draft.exists());
}
