//! A folder's bodies stay in their files: the app keeps the few it shows, reads the
//! others again for a `body:` search or a rubric, and a file that changed into
//! something it must not read is refused with a sentence in the reader.

use std::fs;
use std::path::Path;

use meetup_reader::assignment::DEFAULT_QUESTIONS;
use meetup_reader::post::load_folder;
use meetup_reader::review::Rubric;

use crate::support::screen::*;

/// 30 posts, every third answering two questions and saying "Needle Phrase".
fn write_folder(dir: &Path) {
    for n in 0..30 {
        let folder = dir.join(format!("student{}", n % 4));
        fs::create_dir_all(&folder).unwrap();
        let mut body = format!("Opening words of post {n}.\n\n");
        if n % 3 == 0 {
            body.push_str(
                "## How did it go?\nIt went well, with the Needle Phrase said twice.\n\n",
            );
            body.push_str("## What did you learn?\nAbout packaging, testing and types.\n");
        }
        let text = format!("---\nlayout: post\ntitle: \"Post {n}\"\n---\n{body}");
        let day = n % 28 + 1;
        fs::write(folder.join(format!("2024-02-{day:02}-post-{n}.md")), text).unwrap();
    }
}

/// The folder of [`write_folder`], loaded by the app with every rubric measured.
fn loaded_folder() -> (tempfile::TempDir, meetup_reader::app::App) {
    let dir = tempfile::tempdir().unwrap();
    write_folder(dir.path());
    let mut app = app_loading(dir.path());
    app.wait_loader();
    app.store.measure_all_rubrics();
    (dir, app)
}

fn bodies_in_memory(app: &meetup_reader::app::App) -> usize {
    app.store
        .posts
        .iter()
        .filter(|p| !p.body.is_empty())
        .count()
}

#[test]
fn a_folder_keeps_only_the_bodies_it_shows_and_reads_the_rest_again() {
    let (dir, mut app) = loaded_folder();
    let mut term = terminal(120, 30);

    // The reader shows the selected post's body, read again from its file.
    let screen = press(&mut app, &mut term, "");
    let first = selected_title(&app);
    let n: usize = first.trim_start_matches("Post ").parse().unwrap();
    assert!(
        screen.contains(&format!("Opening words of post {n}.")),
        "{screen}"
    );
    // Going through every post keeps a handful of bodies, not all of them.
    for _ in 0..29 {
        press(&mut app, &mut term, "j");
    }
    let last = selected_title(&app);
    let n: usize = last.trim_start_matches("Post ").parse().unwrap();
    let screen = press(&mut app, &mut term, "");
    assert!(
        screen.contains(&format!("Opening words of post {n}.")),
        "{screen}"
    );
    let kept = bodies_in_memory(&app);
    assert!((1..=8).contains(&kept), "{kept} bodies kept");

    // Rubrics are those of the files' bodies.
    let library = load_folder(dir.path()).unwrap();
    for post in &library.posts {
        let index = app.store.index_of_path(&post.path).unwrap();
        let expected = Rubric::of(&post.body, &DEFAULT_QUESTIONS);
        assert_eq!(
            app.store.rubric(index),
            Some(&expected),
            "{}",
            post.path.display()
        );
    }

    // A `body:` search reads them all again, and finds the ten.
    type_text(&mut app, &mut term, "/body:Needle Phrase");
    app.store.finish_search();
    let mut found = visible_titles(&app);
    found.sort();
    let mut expected: Vec<String> = (0..30).step_by(3).map(|n| format!("Post {n}")).collect();
    expected.sort();
    assert_eq!(found, expected);
    assert!(bodies_in_memory(&app) <= 8);
}

#[cfg(unix)]
#[test]
fn a_body_whose_file_turned_hostile_is_refused_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    let outside = dir.path().join("outside.md");
    fs::write(&outside, "---\ntitle: secret\n---\nA private note.\n").unwrap();
    fs::create_dir_all(posts.join("ann")).unwrap();
    let write = |name: &str, title: &str| {
        let text = format!("---\nlayout: post\ntitle: {title}\n---\nThe body of {title}.\n");
        fs::write(posts.join("ann").join(name), text).unwrap();
    };
    write("2024-01-01-linked.md", "Linked");
    write("2024-01-02-piped.md", "Piped");
    write("2024-01-03-shown.md", "Shown");
    let mut app = app_loading(&posts);
    app.wait_loader();
    let mut term = terminal(120, 20);

    // After the load, one file becomes a link out of the folder, the other a FIFO.
    let linked = posts.join("ann/2024-01-01-linked.md");
    fs::remove_file(&linked).unwrap();
    std::os::unix::fs::symlink(&outside, &linked).unwrap();
    let piped = posts.join("ann/2024-01-02-piped.md");
    fs::remove_file(&piped).unwrap();
    let name = std::ffi::CString::new(piped.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);

    // The newest first: the post shown at once keeps the body read then; the FIFO
    // is refused, never waited on.
    let screen = press(&mut app, &mut term, "");
    assert_eq!(selected_title(&app), "Shown");
    assert!(screen.contains("The body of Shown."), "{screen}");
    let screen = press(&mut app, &mut term, "j");
    assert_eq!(selected_title(&app), "Piped");
    assert!(screen.contains("could not be read again"), "{screen}");
    assert!(screen.contains("not a regular file"), "{screen}");
    let screen = press(&mut app, &mut term, "j");
    assert_eq!(selected_title(&app), "Linked");
    assert!(screen.contains("a link to a file outside"), "{screen}");
    assert!(!screen.contains("private note"), "{screen}");

    // A search does not read them either, nor the sentence shown in their place.
    type_text(&mut app, &mut term, "/body:private");
    app.store.finish_search();
    assert!(visible_titles(&app).is_empty());
    press(&mut app, &mut term, "esc");
    type_text(&mut app, &mut term, "/body:could not be read");
    assert_eq!(app.store.filter.text, "body:could not be read");
    app.store.finish_search();
    assert!(visible_titles(&app).is_empty());
}

/// A link out of the folder found by the walk is listed unread, with its problem:
/// nothing to read again, so the reader does not ask for it.
#[cfg(unix)]
#[test]
fn a_link_out_of_the_folder_listed_unread_is_not_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    fs::create_dir_all(posts.join("ann")).unwrap();
    let outside = dir.path().join("outside.md");
    fs::write(&outside, "---\ntitle: secret\n---\nA private note.\n").unwrap();
    std::os::unix::fs::symlink(&outside, posts.join("ann/2024-01-04-outside.md")).unwrap();
    let mut app = app_loading(&posts);
    app.wait_loader();
    let mut term = terminal(120, 20);
    let screen = press(&mut app, &mut term, "");
    assert_eq!(app.store.posts.len(), 1);
    assert!(!screen.contains("could not be read again"), "{screen}");
    assert!(!screen.contains("private note"), "{screen}");
}

/// A file changed by another editor after the folder was read: when its post is
/// shown, the whole post is read again, so the header's counts and the rubric are
/// those of the text on screen.
#[test]
fn a_post_whose_file_changed_since_the_load_is_read_again_whole() {
    let loaded = loaded_folder();
    let (mut app, mut term) = (loaded.1, terminal(120, 30));
    // Post 1 (not on screen yet) gets a question and its answer from another editor.
    let index = edit_after_load(&loaded.0, &mut app, &mut term, "Post 1", |mut text| {
        text.push_str("\n## How did it go?\nIt went well enough, with a zanzibar story.\n");
        text
    });
    let words_before = app.store.posts[index].words;

    type_text(&mut app, &mut term, "/Post 1$");
    let screen = press(&mut app, &mut term, "enter");
    assert_eq!(selected_title(&app), "Post 1");
    assert!(screen.contains("zanzibar story"), "{screen}");
    assert!(screen.contains("13 words"), "{screen}");
    let post = &app.store.posts[index];
    assert_eq!(post.words, words_before + 8);
    let expected = Rubric::of(&post.body, &DEFAULT_QUESTIONS);
    assert_eq!(app.store.rubric(index), Some(&expected));
}

/// Another editor fixes only a post's title after the load: shown, the post is read
/// again whole, so the list and the reader give the new title.
#[test]
fn a_post_whose_front_matter_alone_changed_is_read_again_whole() {
    let loaded = loaded_folder();
    let (mut app, mut term) = (loaded.1, terminal(120, 30));
    let index = edit_after_load(&loaded.0, &mut app, &mut term, "Post 29", |text| {
        text.replace("title: \"Post 29\"", "title: \"Post 29, fixed\"")
    });

    type_text(&mut app, &mut term, "/Post 29");
    let screen = press(&mut app, &mut term, "enter");
    assert_eq!(selected_title(&app), "Post 29, fixed");
    assert!(screen.contains("Post 29, fixed"), "{screen}");
    assert_eq!(app.store.posts[index].title, "Post 29, fixed");
}

/// A post shown, then left for another, keeps its body in memory; another editor
/// changes its file meanwhile, twice: each time the post is shown again, the new text
/// is read, not the kept one.
#[test]
fn a_kept_body_whose_file_changed_is_read_again_when_shown_again() {
    let (dir, mut app) = loaded_folder();
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "");
    let title = selected_title(&app);
    let index = index_of_title(&app, &title);
    let path = dir.path().join(&app.store.posts[index].path);
    for (round, story) in ["a zanzibar story", "a second quokka visit"]
        .into_iter()
        .enumerate()
    {
        press(&mut app, &mut term, "j");
        assert_ne!(selected_title(&app), title);
        assert!(
            !app.store.posts[index].body.is_empty(),
            "round {round}: kept"
        );
        let mut text = fs::read_to_string(&path).unwrap();
        text.push_str(&format!("\nThen {story}.\n"));
        fs::write(&path, text).unwrap();

        let screen = press(&mut app, &mut term, "k");
        assert_eq!(selected_title(&app), title);
        assert!(screen.contains(story), "round {round}: {screen}");
        assert!(
            screen.contains("changed on disk"),
            "round {round}: {screen}"
        );
        assert_eq!(app.store.posts[index].body, post_body(&path));
    }
    // Shown again unchanged, it is not reported as changed.
    press(&mut app, &mut term, "j");
    let screen = press(&mut app, &mut term, "k");
    assert!(screen.contains("a second quokka visit"), "{screen}");
    assert!(!screen.contains("changed on disk"), "{screen}");
    assert!(bodies_in_memory(&app) <= 8);
}

/// The body of the post file at `path`, as the loader reads it.
fn post_body(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    text.splitn(3, "---\n").nth(2).unwrap().to_string()
}

/// Shows the loaded app's first frame, then has another editor `edit` the file of the
/// post titled `title`; the post's index.
fn edit_after_load(
    dir: &tempfile::TempDir,
    app: &mut meetup_reader::app::App,
    term: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
    title: &str,
    edit: impl FnOnce(String) -> String,
) -> usize {
    press(app, term, "");
    let index = index_of_title(app, title);
    let path = dir.path().join(&app.store.posts[index].path);
    fs::write(&path, edit(fs::read_to_string(&path).unwrap())).unwrap();
    index
}
