//! The app's flows on TestBackend: keys into the real loop, model and screen asserted.

use meetup_reader::app::{Mode, Pane, SortOrder};

use crate::support::screen::*;
use crate::support::site::*;

#[test]
fn list_starts_newest_first_with_undated_last() {
    let mut app = app_with(sample_library());
    let mut term = terminal(120, 30);
    let screen = press(&mut app, &mut term, "");
    let order: Vec<&str> = app
        .store
        .visible
        .iter()
        .map(|&i| app.store.posts[i].title.as_str())
        .collect();
    assert_eq!(
        order,
        [
            "First meetup",
            "Broken front matter",
            "Rust night",
            "Data science social",
            "Undated notes"
        ]
    );
    assert!(screen.contains("2024-03-01 First meetup"), "{screen}");
    assert!(screen.contains("undated    Undated notes"), "{screen}");
}

#[test]
fn vi_keys_and_arrows_move_the_selection() {
    let mut app = app_with(sample_library());
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "j j");
    assert_eq!(selected_title(&app), "Rust night");
    press(&mut app, &mut term, "up");
    assert_eq!(selected_title(&app), "Broken front matter");
    press(&mut app, &mut term, "G");
    assert_eq!(selected_title(&app), "Undated notes");
    press(&mut app, &mut term, "g");
    assert_eq!(selected_title(&app), "First meetup");
    press(&mut app, &mut term, "end home down");
    assert_eq!(selected_title(&app), "Broken front matter");
    press(&mut app, &mut term, "pgdn");
    assert_eq!(selected_title(&app), "Undated notes");
    press(&mut app, &mut term, "pgup ctrl-d");
    assert_eq!(selected_title(&app), "Undated notes");
    press(&mut app, &mut term, "ctrl-u");
    assert_eq!(selected_title(&app), "First meetup");
    // Moving past either end stays at the end.
    press(&mut app, &mut term, "k k");
    assert_eq!(selected_title(&app), "First meetup");
}

#[test]
fn enter_reads_and_h_goes_back() {
    let mut app = app_with(sample_library());
    let mut term = terminal(120, 30);
    let screen = press(&mut app, &mut term, "enter");
    assert_eq!(app.focus, Pane::Reader);
    assert!(screen.contains("by alice · 2024-03-01"), "{screen}");
    assert!(screen.contains("min read"), "{screen}");
    assert!(
        screen.contains("alice/2024-03-01-first-meetup.md"),
        "{screen}"
    );
    press(&mut app, &mut term, "h");
    assert_eq!(app.focus, Pane::List);
    press(&mut app, &mut term, "l esc");
    assert_eq!(app.focus, Pane::List);
    press(&mut app, &mut term, "right left tab");
    assert_eq!(app.focus, Pane::Reader);
}

#[test]
fn reader_scrolls_and_pages_and_moves_between_posts() {
    let mut app = app_with(sample_library());
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "enter j j j");
    assert_eq!(app.reader.scroll, 3);
    press(&mut app, &mut term, "space");
    assert_eq!(app.reader.scroll, 3 + app.reader.height);
    press(&mut app, &mut term, "b k");
    assert_eq!(app.reader.scroll, 2);
    let screen = press(&mut app, &mut term, "G");
    assert!(screen.contains("100%"), "{screen}");
    assert!(screen.contains("Paragraph 80"), "{screen}");
    // `]` shows the next post from its top, still in the reader.
    press(&mut app, &mut term, "]");
    assert_eq!(selected_title(&app), "Broken front matter");
    assert_eq!(app.reader.scroll, 0);
    assert_eq!(app.focus, Pane::Reader);
    press(&mut app, &mut term, "[");
    assert_eq!(selected_title(&app), "First meetup");
}

#[test]
fn q_and_ctrl_c_quit() {
    let mut app = app_with(sample_library());
    let mut term = terminal(80, 24);
    press(&mut app, &mut term, "q j j");
    assert!(app.quit);
    assert_eq!(
        selected_title(&app),
        "First meetup",
        "keys after q are not read"
    );
    let mut app = app_with(sample_library());
    press(&mut app, &mut term, "/ a ctrl-c");
    assert!(app.quit);
}

#[test]
fn help_overlay_lists_keys_from_the_keymap() {
    let mut app = app_with(sample_library());
    let mut term = terminal(120, 40);
    let screen = press(&mut app, &mut term, "?");
    assert_eq!(app.mode(), Mode::Help);
    for binding in &app.keymap.bindings {
        if binding.mode == Mode::List {
            assert!(
                screen.contains(binding.description),
                "help lacks {:?}\n{screen}",
                binding.description
            );
        }
    }
    assert!(screen.contains("enter l right"), "{screen}");
    press(&mut app, &mut term, "esc");
    assert!(app.layers.is_empty());
}

#[test]
fn status_line_shows_the_keys_of_the_mode() {
    let mut app = app_with(sample_library());
    let mut term = terminal(160, 30);
    let screen = press(&mut app, &mut term, "");
    let status = screen.lines().last().unwrap().to_string();
    assert!(status.contains("enter read"), "{status}");
    let screen = press(&mut app, &mut term, "enter");
    let status = screen.lines().last().unwrap().to_string();
    assert!(status.contains("] next post"), "{status}");
}

#[test]
fn sort_cycles_through_four_orders_keeping_the_selection() {
    let mut app = app_with(sample_library());
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "j j");
    let selected = selected_title(&app);
    let screen = press(&mut app, &mut term, "s");
    assert_eq!(app.store.sort, SortOrder::OldestFirst);
    assert!(screen.contains("sort: oldest first"), "{screen}");
    assert_eq!(selected_title(&app), selected);
    let first = |app: &meetup_reader::app::App| app.store.posts[app.store.visible[0]].title.clone();
    assert_eq!(first(&app), "Data science social");
    press(&mut app, &mut term, "s");
    assert_eq!(app.store.sort, SortOrder::Title);
    assert_eq!(first(&app), "Broken front matter");
    press(&mut app, &mut term, "s");
    assert_eq!(app.store.sort, SortOrder::Author);
    assert_eq!(first(&app), "First meetup");
    press(&mut app, &mut term, "s");
    assert_eq!(app.store.sort, SortOrder::NewestFirst);
}

#[test]
fn narrow_windows_show_one_pane_and_tiny_ones_a_message() {
    let mut app = app_with(sample_library());
    let mut term = terminal(60, 20);
    let screen = press(&mut app, &mut term, "");
    assert!(screen.contains("Posts"), "{screen}");
    assert!(!screen.contains("Reader"), "{screen}");
    let screen = press(&mut app, &mut term, "enter");
    assert!(screen.contains("Reader"), "{screen}");
    assert!(!screen.contains("Posts"), "{screen}");
    for (w, h) in [(20, 10), (100, 3), (1, 1)] {
        let mut term = terminal(w, h);
        let screen = press(&mut app, &mut term, "j k enter");
        assert!(screen.contains("make") || w * h < 22, "{w}x{h}: {screen}");
    }
}

#[test]
fn post_text_is_sanitized_before_it_is_drawn() {
    let evil = post(
        "mallory/2024-01-01-evil.md",
        "Evil \x1b[2J\x07title",
        "mal\x1b]0;owned\x07lory",
        Some((2024, 1, 1)),
        "body \x1b[31m red",
    );
    let mut app = app_with(vec![evil]);
    let mut term = terminal(120, 20);
    let screen = press(&mut app, &mut term, "enter");
    assert!(!screen.contains('\x1b'), "{screen}");
    assert!(!screen.contains('\x07'), "{screen}");
    assert!(screen.contains("Evil ␛[2J␇title"), "{screen}");
}

#[test]
fn the_app_orders_posts_exactly_as_the_library_does() {
    // The messy fixtures have undated posts, equal dates and odd titles.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/messy");
    let library = meetup_reader::post::load_folder(&root).unwrap();
    let mut app = app_loading(&root);
    let mut term = terminal(100, 30);
    press(&mut app, &mut term, "");
    let ours: Vec<_> = app
        .store
        .visible
        .iter()
        .map(|&i| app.store.posts[i].path.clone())
        .collect();
    let theirs: Vec<_> = library.posts.iter().map(|p| p.path.clone()).collect();
    assert!(ours.len() > 10);
    assert_eq!(ours, theirs);
}

#[test]
fn help_pages_and_jumps_to_its_end_and_back() {
    let mut app = app_with(sample_library());
    let mut term = terminal(80, 20);
    let screen = press(&mut app, &mut term, "?");
    assert!(
        !screen.contains("added or changed since last time"),
        "{screen}"
    );
    let screen = press(&mut app, &mut term, "G");
    assert!(
        screen.contains("added or changed since last time"),
        "{screen}"
    );
    let screen = press(&mut app, &mut term, "g");
    assert!(
        !screen.contains("added or changed since last time"),
        "{screen}"
    );
    let before = press(&mut app, &mut term, "");
    let after = press(&mut app, &mut term, "space");
    assert_ne!(before, after, "space pages the help");
}

#[test]
fn z_gives_the_reader_the_whole_width_and_back() {
    let mut app = app_with(sample_library());
    let mut term = terminal(120, 30);
    let screen = press(&mut app, &mut term, "enter");
    assert!(screen.contains("Posts"), "{screen}");
    let screen = press(&mut app, &mut term, "z");
    assert!(!screen.contains("Posts"), "{screen}");
    assert_eq!(app.reader.width, 118, "the reader's inner width");
    // Back to the list shows both panes; z again keeps them.
    let screen = press(&mut app, &mut term, "h");
    assert!(screen.contains("Posts"), "{screen}");
    let screen = press(&mut app, &mut term, "enter z");
    assert!(screen.contains("Posts"), "{screen}");
    assert!(app.reader.width < 100);
}

/// A folder's posts are filed into lists sized once from the count the walk found,
/// and a script's wait files them as they come: every post is there, and the lists
/// did not grow by doubling (which held two copies at each step).
#[test]
fn a_loaded_folder_is_filed_into_lists_sized_once() {
    let dir = tempfile::tempdir().unwrap();
    meetup_reader::corpus::generate(dir.path(), 5_000, 600, 3).unwrap();
    let mut app = app_loading(dir.path());
    app.wait_loader();
    assert_eq!(app.store.posts.len(), 5_000);
    assert_eq!(app.store.visible.len(), 5_000);
    // Doubling from empty ends at 8,192.
    assert!(
        app.store.posts.capacity() < 5_500,
        "capacity {}",
        app.store.posts.capacity()
    );
}

#[test]
fn titles_and_authors_sort_with_accents_taken_off_as_list_sorts_them() {
    let same_day = Some((2024, 3, 1));
    let posts = vec![
        post("a/1.md", "Zebra notes", "Zoë", same_day, "z"),
        post("b/2.md", "Émile's talk", "émile", same_day, "e"),
        post("c/3.md", "eager start", "Eve", same_day, "e"),
        post("d/4.md", "Apple", "Álvaro", same_day, "a"),
    ];
    let mut listed = posts.clone();
    meetup_reader::post::library::sort_newest_first(&mut listed);
    let listed: Vec<&str> = listed.iter().map(|p| p.title.as_str()).collect();
    // Lower-casing alone put "émile" after "zebra".
    assert_eq!(
        listed,
        ["Apple", "eager start", "Émile's talk", "Zebra notes"]
    );

    let mut app = app_with(posts);
    let mut term = terminal(120, 30);
    let titles = |app: &meetup_reader::app::App| -> Vec<String> {
        let store = &app.store;
        store
            .visible
            .iter()
            .map(|&i| store.posts[i].title.clone())
            .collect()
    };
    press(&mut app, &mut term, "");
    assert_eq!(titles(&app), listed, "newest first, ties by title");
    press(&mut app, &mut term, "s s");
    assert_eq!(app.store.sort, SortOrder::Title);
    assert_eq!(titles(&app), listed);
    press(&mut app, &mut term, "s");
    assert_eq!(app.store.sort, SortOrder::Author);
    assert_eq!(
        titles(&app),
        ["Apple", "Émile's talk", "eager start", "Zebra notes"]
    );
}
