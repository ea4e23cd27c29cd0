//! The lint rules that need the whole folder (URL and slug collisions) run again on
//! every change to the app's posts: an edit reloads one post, and the collision it is
//! part of (or no longer part of) shows on both posts and in the title bar's count.

use std::path::Path;

use meetup_reader::app::{self, App, ScriptedHost, store::PostStore};
use meetup_reader::post::Post;
use meetup_reader::snapshot::parse_keys;

use crate::support::screen::*;
use crate::support::site::*;

const ONE: &str = "one/2024-01-01-same.md";
const TWO: &str = "two/2024-01-01-same.md";

/// Two posts with the same date and slug in different author folders: one URL.
fn colliding_site() -> tempfile::TempDir {
    folder_with([(ONE, "one"), (TWO, "two")].map(|(rel, author)| {
        (
            rel,
            format!(
                "---\nlayout: post\ntitle: Same by {author}\nauthor: {author}\n---\n\nThe body.\n"
            ),
        )
    }))
}

/// The rules of the post at `rel`, in order.
fn rules(app: &App, rel: &str) -> Vec<&'static str> {
    let index = app.store.index_of_path(Path::new(rel)).unwrap();
    app.store.posts[index]
        .diagnostics
        .iter()
        .map(|d| d.rule)
        .collect()
}

/// Runs `e` on the selected post with a fake editor doing `edit` to the file.
fn edit_selected(
    app: &mut App,
    term: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
    edit: impl FnMut(&Path) -> Result<(), String> + 'static,
) -> String {
    let mut host = ScriptedHost::new(parse_keys("e").unwrap()).on_edit(edit);
    app::run(term, &mut host, app).unwrap();
    screen(term)
}

#[test]
fn an_edit_that_changes_nothing_keeps_both_posts_collision() {
    let dir = colliding_site();
    let mut app = app_loading(dir.path());
    let mut term = terminal(120, 30);
    let screen = press(&mut app, &mut term, "");
    assert!(screen.contains("⚠ 2 with problems"), "{screen}");
    assert_eq!(app.store.with_problems, 2);

    let edited = selected_title(&app);
    let screen = edit_selected(&mut app, &mut term, |_| Ok(()));
    assert!(screen.contains("reloaded"), "{screen}");
    assert_eq!(selected_title(&app), edited);
    assert_eq!(rules(&app, ONE), ["url-collision"]);
    assert_eq!(rules(&app, TWO), ["url-collision"]);
    assert_eq!(app.store.with_problems, 2);
    assert!(screen.contains("⚠ 2 with problems"), "{screen}");

    // Again: the diagnostic is recomputed, never added a second time.
    let screen = edit_selected(&mut app, &mut term, |_| Ok(()));
    assert_eq!(rules(&app, ONE), ["url-collision"]);
    assert_eq!(rules(&app, TWO), ["url-collision"]);
    assert_eq!(app.store.with_problems, 2);
    assert!(screen.contains("⚠ 2 with problems"), "{screen}");
}

#[test]
fn an_edit_that_changes_the_url_updates_the_other_post_too() {
    let dir = colliding_site();
    let mut app = app_loading(dir.path());
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "");
    let selected = app.selected_post().unwrap().path.clone();
    let other = if selected == Path::new(ONE) { TWO } else { ONE };
    // A category moves the edited post to another URL: the same slug on both is
    // now only a warning, on both posts, the one not edited included.
    edit_selected(&mut app, &mut term, |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let text = text.replacen("layout: post\n", "layout: post\ncategories: [talks]\n", 1);
        std::fs::write(path, text).map_err(|e| e.to_string())
    });
    assert_eq!(rules(&app, &selected.to_string_lossy()), ["slug-collision"]);
    assert_eq!(rules(&app, other), ["slug-collision"]);
    assert_eq!(app.store.with_problems, 2);
}

#[test]
fn a_post_read_again_without_the_collision_clears_both_posts() {
    let dir = colliding_site();
    let mut app = app_loading(dir.path());
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "");
    // A post read again with another slug (built in memory: a file's slug comes from
    // its name, which an edit does not change) ends the collision for both posts.
    let index = app.store.index_of_path(Path::new(TWO)).unwrap();
    let mut renamed: Post = app.store.posts[index].clone();
    renamed.slug = "other".into();
    renamed.diagnostics.clear();
    app.store.replace(index, renamed);
    assert_eq!(rules(&app, ONE), Vec::<&str>::new());
    assert_eq!(rules(&app, TWO), Vec::<&str>::new());
    assert_eq!(app.store.with_problems, 0);
}

#[test]
fn every_change_to_the_store_relints_without_doubling() {
    let mut a = post(
        "one/2024-01-01-same.md",
        "Same",
        "one",
        Some((2024, 1, 1)),
        "x\n",
    );
    let mut b = post(
        "two/2024-01-01-same.md",
        "Same",
        "two",
        Some((2024, 1, 1)),
        "x\n",
    );
    a.slug = "same".into();
    b.slug = "same".into();
    let mut store = PostStore::default();
    store.extend([a.clone()]);
    assert_eq!(store.with_problems, 0);
    // The second post arriving (a later batch of the load) starts the collision.
    store.extend([b.clone()]);
    assert_eq!(store.with_problems, 2);
    store.finish();
    store.finish();
    store.relint();
    for post in &store.posts {
        assert_eq!(collisions(post), 1, "{:?}", post.diagnostics);
    }
    assert_eq!(store.with_problems, 2);
    // A post read again from its file (no cross-post diagnostics) gets them back.
    store.replace(0, a);
    assert_eq!(store.posts[0].diagnostics.len(), 1);
    assert_eq!(store.posts[1].diagnostics.len(), 1);
    assert_eq!(store.with_problems, 2);
}

#[test]
fn collision_diagnostics_are_idempotent_and_keep_the_posts_own() {
    let mut a = post(
        "one/2024-01-01-same.md",
        "Same",
        "one",
        Some((2024, 1, 1)),
        "x\n",
    );
    a.diagnostics.push(meetup_reader::post::Diagnostic::warning(
        "title-missing",
        "a diagnostic of the post itself",
        Some(1),
    ));
    let b = post(
        "two/2024-02-02-same.md",
        "Same",
        "two",
        Some((2024, 2, 2)),
        "x\n",
    );
    let mut posts = vec![a, b];
    for _ in 0..3 {
        meetup_reader::post::check::add_collision_diagnostics(
            &mut posts,
            &meetup_reader::site::Site::default(),
        );
    }
    let rules: Vec<Vec<&str>> = posts
        .iter()
        .map(|p| p.diagnostics.iter().map(|d| d.rule).collect())
        .collect();
    assert_eq!(
        rules,
        [
            vec!["title-missing", "slug-collision"],
            vec!["slug-collision"]
        ]
    );
}

/// The loader's batches: the rules across posts run again only once the store has
/// doubled, so a collision with a post of an earlier batch may wait; the load's end
/// finds every one, exactly once.
#[test]
fn batches_of_a_load_find_every_collision_by_its_end() {
    use meetup_reader::app::store::Prepared;
    let made = |n: usize, slug: &str| {
        let mut p = post(
            &format!("s{n}/2024-01-01-{slug}.md"),
            slug,
            &format!("s{n}"),
            Some((2024, 1, 1)),
            "x\n",
        );
        p.slug = slug.into();
        let prepared = Prepared::listing(&p);
        (p, prepared)
    };
    let mut store = PostStore::default();
    // 40 posts with slugs of their own, the first colliding with the last.
    store.extend_loading((0..20).map(|n| made(n, &format!("own-{n}"))));
    store.extend_loading([made(20, "own-0")]);
    // Not yet run again (21 posts < twice 20): the new post's own problems only.
    assert_eq!(store.with_problems, 0);
    store.extend_loading((21..40).map(|n| made(n, &format!("own-{n}"))));
    assert_eq!(store.with_problems, 2, "40 posts: twice the 20 last linted");
    store.extend_loading((40..45).map(|n| made(n, &format!("own-{}", n - 39))));
    store.finish();
    assert_eq!(store.with_problems, 12);
    let colliding: usize = store.posts.iter().map(collisions).sum();
    assert_eq!(colliding, 12, "each of the twelve posts once");
}

/// How many diagnostics of the rules across posts `post` has.
fn collisions(post: &Post) -> usize {
    post.diagnostics
        .iter()
        .filter(|d| meetup_reader::post::check::is_cross_post(d))
        .count()
}
