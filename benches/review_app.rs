//! The review experience with 10,000 posts and a review file holding 5,000 reviews:
//! one key press as the loop handles it (update + draw at 200×60 on TestBackend)
//! for moving down the marked list, marking a post (which saves the whole review
//! file atomically), marking 100 tagged posts at once, and a session's mark-and-advance. Run: `cargo bench --bench review_app`.

use std::cell::RefCell;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent};
use meetup_reader::app::review::Access;
use meetup_reader::app::{self, Action, App};
use meetup_reader::markdown::{Theme, ThemeName};
use meetup_reader::review::{ReviewStatus, ReviewStore, post_key};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "common/app_loop.rs"]
mod app_loop;
use app_loop::IdleHost;

const POSTS: usize = 10_000;

fn key(c: char) -> Event {
    Event::Key(KeyEvent::from(KeyCode::Char(c)))
}

fn bench(c: &mut Criterion) {
    let site = tempfile::tempdir().unwrap();
    let private = tempfile::tempdir().unwrap();
    meetup_reader::corpus::generate(site.path(), POSTS, 5_000, 7).unwrap();
    let review_file = private.path().join("reviews.json");
    // Every other post reviewed (and a third of those with a note), saved once.
    let library = meetup_reader::post::load_folder(site.path()).unwrap();
    let mut store = ReviewStore::open(&review_file).unwrap();
    for (i, post) in library.posts.iter().enumerate().filter(|(i, _)| i % 2 == 0) {
        let bytes = std::fs::read(site.path().join(&post.path)).unwrap();
        store
            .update(&post_key(&post.path), &bytes, |r| {
                r.status = ReviewStatus::Reviewed;
                if i % 3 == 0 {
                    r.note = "Good answers, a little short on the last question.".into();
                }
            })
            .unwrap();
    }
    store.save().unwrap();

    let mut app = App::new(site.path(), Theme::new(ThemeName::Dark, true));
    app.open_reviews(Some(&review_file), Access::ReadWrite);
    app.start_loading();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    app::run(&mut terminal, &mut IdleHost, &mut app).unwrap();
    assert_eq!(app.store.posts.len(), POSTS);
    let app = RefCell::new(app);
    let terminal = RefCell::new(terminal);
    let press = |event: &Event| app_loop::press(&app, &terminal, event);
    let wrap_at_end = || {
        let mut a = app.borrow_mut();
        if a.list.selected + 1 >= a.store.visible.len() {
            a.update(Action::Top);
        }
    };

    let mut group = c.benchmark_group("10k posts, 5k reviews: one key, update + draw at 200x60");
    group.sample_size(20);
    group.bench_function("list j (marks, rubric, changed since review)", |b| {
        b.iter_batched(wrap_at_end, |()| press(&key('j')), BatchSize::PerIteration)
    });
    group.bench_function("list m (mark + atomic save of the review file)", |b| {
        b.iter_batched(wrap_at_end, |()| press(&key('m')), BatchSize::PerIteration)
    });
    // 100 posts tagged: one mark for all of them (one save, 100 reviewed texts kept).
    {
        let mut a = app.borrow_mut();
        a.update(Action::Top);
        for _ in 0..100 {
            a.update(Action::Review(
                meetup_reader::app::action::ReviewAction::ToggleTag,
            ));
        }
    }
    let mut flip = false;
    group.bench_function("list x with 100 posts tagged (texts already kept)", |b| {
        b.iter(|| {
            flip = !flip;
            press(&key(if flip { 'x' } else { 'm' }))
        })
    });
    let texts = private.path().join("reviews.json.texts");
    group.bench_function("list x with 100 posts tagged (100 new texts kept)", |b| {
        b.iter_batched(
            // Every text is new to the store, as on the first mark of each post.
            || {
                let _ = std::fs::remove_dir_all(&texts);
                flip = !flip;
                key(if flip { 'x' } else { 'm' })
            },
            |mark| press(&mark),
            BatchSize::PerIteration,
        )
    });
    app.borrow_mut().update(Action::Review(
        meetup_reader::app::action::ReviewAction::ClearTags,
    ));
    app.borrow_mut().update(Action::Top);
    app.borrow_mut().update(Action::Review(
        meetup_reader::app::action::ReviewAction::Mark(
            meetup_reader::review::ReviewStatus::Unreviewed,
        ),
    ));
    press(&key('R'));
    group.bench_function("session m (mark, save, next unreviewed, progress)", |b| {
        b.iter_batched(
            || {
                // Keep unreviewed posts ahead: unmark the one the session is on.
                app.borrow_mut().update(Action::Review(
                    meetup_reader::app::action::ReviewAction::Mark(
                        meetup_reader::review::ReviewStatus::Unreviewed,
                    ),
                ));
            },
            |()| press(&key('m')),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
