//! The app with 10,000 posts of about 5 KB: time until every post is listed (the
//! loop's steps, loading in the background), and until every rubric is measured
//! after it, against the loader's own time; and the cost of one key press (update +
//! draw at 200×60 on TestBackend).
//! Run: `cargo bench --bench app`; `BENCH_POSTS=100000 cargo bench --bench app` for
//! another size (the titles still say 10k).

use std::cell::RefCell;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent};
use meetup_reader::app::{self, Action, App};
use meetup_reader::markdown::{Theme, ThemeName};
use meetup_reader::post::{load_folder, load_folder_streaming};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "common/app_loop.rs"]
mod app_loop;
use app_loop::IdleHost;

/// How many posts: 10,000 unless `BENCH_POSTS` says.
fn posts() -> usize {
    std::env::var("BENCH_POSTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

/// The app on `dir` after the real loop ran with nobody typing: loaded, its
/// rubrics measured.
fn open_app(dir: &Path) -> (App, Terminal<TestBackend>) {
    let mut app = App::new(dir, Theme::new(ThemeName::Dark, true));
    app.start_loading();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    app::run(&mut terminal, &mut IdleHost, &mut app).unwrap();
    (app, terminal)
}

/// The app's list as the loop fills it (taking what arrived every 10 ms, and drawing
/// it at most every 40 ms, as the loop does during a load): the time until every post
/// is listed and drawn, and until every rubric is measured too (the loop does that
/// after the load, a slice per turn), unless `listing_only`.
fn list_then_rubrics(dir: &Path, listing_only: bool) -> (Duration, Duration) {
    let start = Instant::now();
    let mut app = App::new(dir, Theme::new(ThemeName::Dark, true));
    app.start_loading();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let mut last_frame: Option<Instant> = None;
    loop {
        app.drain_loader();
        let loading = app.is_loading();
        if !loading || last_frame.is_none_or(|at| at.elapsed() >= Duration::from_millis(40)) {
            terminal
                .draw(|frame| app::draw_frame(frame, &mut app))
                .unwrap();
            last_frame = Some(Instant::now());
        }
        if !loading {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(app.store.visible.len(), posts());
    let listed = start.elapsed();
    while !listing_only && app.measure_step() {}
    (listed, start.elapsed())
}

fn bench_complete_list(c: &mut Criterion, dir: &Path) {
    let mut group = c.benchmark_group("10k posts: complete list");
    group.sample_size(10);
    group.bench_function("loader alone (load_folder_streaming)", |b| {
        b.iter(|| {
            let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
            let counted = std::sync::Arc::clone(&count);
            load_folder_streaming(dir, Default::default(), move |_| {
                counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            })
            .unwrap();
            count.load(std::sync::atomic::Ordering::Relaxed)
        })
    });
    group.bench_function("loader keeping the posts (load_folder)", |b| {
        b.iter(|| load_folder(dir).unwrap().posts.len())
    });
    group.bench_function("app: every post listed (200x60)", |b| {
        b.iter(|| list_then_rubrics(dir, true).0)
    });
    group.finish();
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::from(code))
}

/// A fresh filter of `text`, typed a key at a time, each search finished.
fn type_filter(app: &mut App, text: &str) {
    app.update(Action::InputCancel);
    app.update(Action::StartFilter);
    for c in text.chars() {
        app.update(Action::FieldKey(KeyEvent::from(KeyCode::Char(c))));
        app.finish_search();
    }
}

fn bench_keys(c: &mut Criterion, dir: &Path) {
    let (app, terminal) = open_app(dir);
    assert_eq!(app.store.posts.len(), posts());
    let app = RefCell::new(app);
    let terminal = RefCell::new(terminal);
    // One key press as the loop handles it: update, then draw the frame.
    let press = |event: &Event| app_loop::press(&app, &terminal, event);
    // The frame alone, as the loop draws it after work it did between keys.
    let redraw = |a: &mut App| {
        terminal
            .borrow_mut()
            .draw(|frame| meetup_reader::app::draw_frame(frame, a))
            .unwrap();
    };
    let mut group = c.benchmark_group("10k posts: one key, update + draw at 200x60");
    // Moving down the list (each step shows another post in the reader).
    group.bench_function("list j", |b| {
        b.iter_batched(
            || {
                let mut a = app.borrow_mut();
                if a.list.selected + 1 >= a.store.visible.len() {
                    a.update(Action::Top);
                }
            },
            |()| press(&key(KeyCode::Char('j'))),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("list pgdn", |b| {
        b.iter_batched(
            || {
                let mut a = app.borrow_mut();
                if a.list.selected + 100 >= a.store.visible.len() {
                    a.update(Action::Top);
                }
            },
            |()| press(&key(KeyCode::PageDown)),
            BatchSize::PerIteration,
        )
    });
    app.borrow_mut().update(Action::Open);
    group.bench_function("reader j", |b| {
        b.iter_batched(
            || {
                let mut a = app.borrow_mut();
                if a.reader.scroll + a.reader.height >= a.reader.total {
                    a.update(Action::Top);
                }
            },
            |()| press(&key(KeyCode::Char('j'))),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("reader space", |b| {
        b.iter_batched(
            || {
                let mut a = app.borrow_mut();
                if a.reader.scroll + a.reader.height >= a.reader.total {
                    a.update(Action::Top);
                }
            },
            |()| press(&key(KeyCode::Char(' '))),
            BatchSize::PerIteration,
        )
    });
    app.borrow_mut().update(Action::Back);
    type_filter(&mut app.borrow_mut(), "mee");
    // Typing the fourth letter of "meet" (the filter narrows the current result).
    group.bench_function("filter keystroke (mee -> meet)", |b| {
        b.iter_batched(
            || {
                app.borrow_mut()
                    .update(Action::FieldKey(KeyEvent::from(KeyCode::Backspace)))
            },
            |()| press(&key(KeyCode::Char('t'))),
            BatchSize::PerIteration,
        )
    });
    // Deleting a letter: back to the result the shorter filter had.
    group.bench_function("filter backspace (meet -> mee)", |b| {
        b.iter_batched(
            || {
                app.borrow_mut()
                    .update(Action::FieldKey(KeyEvent::from(KeyCode::Char('t'))))
            },
            |()| press(&key(KeyCode::Backspace)),
            BatchSize::PerIteration,
        )
    });
    // The first letter: all 10,000 posts are matched.
    group.bench_function("filter first letter (all posts checked)", |b| {
        b.iter_batched(
            || {
                let mut a = app.borrow_mut();
                a.update(Action::InputCancel);
                a.update(Action::StartFilter);
            },
            |()| press(&key(KeyCode::Char('m'))),
            BatchSize::PerIteration,
        )
    });
    // From 16,384 posts the keystroke only sets the filter up: the loop ranks the
    // posts a slice per turn, a key press first. What a slice costs, with its redraw,
    // and the keystroke with every slice until the list is complete.
    group.bench_function(
        "filter first letter: one slice of ranking, with a redraw",
        |b| {
            b.iter_batched(
                || {
                    let mut a = app.borrow_mut();
                    a.update(Action::InputCancel);
                    a.update(Action::StartFilter);
                    a.update(Action::FieldKey(KeyEvent::from(KeyCode::Char('m'))));
                },
                |()| {
                    let mut a = app.borrow_mut();
                    a.step_search();
                    redraw(&mut a);
                },
                BatchSize::PerIteration,
            )
        },
    );
    type_filter(&mut app.borrow_mut(), "mee");
    group.bench_function(
        "filter keystroke until the list is complete (mee -> meet)",
        |b| {
            b.iter_batched(
                || {
                    app.borrow_mut()
                        .update(Action::FieldKey(KeyEvent::from(KeyCode::Backspace)))
                },
                |()| {
                    press(&key(KeyCode::Char('t')));
                    let mut a = app.borrow_mut();
                    a.finish_search();
                    redraw(&mut a);
                },
                BatchSize::PerIteration,
            )
        },
    );
    // Full text: `body:` narrows by a substring of every post's body (~50 MB). The
    // keystroke only starts the search; the loop then reads the bodies a slice per
    // turn, drawing at most every 40 ms, so that the next key is never kept waiting.
    type_filter(&mut app.borrow_mut(), "body:pytho");
    group.bench_function(
        "filter keystroke, full text (body:pytho -> body:python)",
        |b| {
            b.iter_batched(
                || {
                    app.borrow_mut()
                        .update(Action::FieldKey(KeyEvent::from(KeyCode::Backspace)))
                },
                |()| press(&key(KeyCode::Char('n'))),
                BatchSize::PerIteration,
            )
        },
    );
    group.bench_function("full text: one slice of the search, with a redraw", |b| {
        b.iter_batched(
            || {
                let mut a = app.borrow_mut();
                a.update(Action::FieldKey(KeyEvent::from(KeyCode::Backspace)));
                a.update(Action::FieldKey(KeyEvent::from(KeyCode::Char('n'))));
            },
            |()| {
                let mut a = app.borrow_mut();
                a.step_search();
                redraw(&mut a);
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("full text: the whole search (spread over the loop)", |b| {
        b.iter_batched(
            || {
                let mut a = app.borrow_mut();
                a.update(Action::FieldKey(KeyEvent::from(KeyCode::Backspace)));
                a.update(Action::FieldKey(KeyEvent::from(KeyCode::Char('n'))));
            },
            |()| app.borrow_mut().finish_search(),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// The same comparison, interleaved (loader, load_folder, app, loader, …) so a
/// machine shared with other work slows all three alike; prints the medians.
fn interleaved_ratio(dir: &Path) {
    const ROUNDS: usize = 7;
    let mut times: [Vec<f64>; 4] = Default::default();
    for _ in 0..ROUNDS {
        let start = Instant::now();
        load_folder_streaming(dir, Default::default(), |_| {}).unwrap();
        times[0].push(start.elapsed().as_secs_f64() * 1000.0);
        let start = Instant::now();
        drop(load_folder(dir).unwrap());
        times[1].push(start.elapsed().as_secs_f64() * 1000.0);
        let (listed, measured) = list_then_rubrics(dir, false);
        times[2].push(listed.as_secs_f64() * 1000.0);
        times[3].push(measured.as_secs_f64() * 1000.0);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let [loader, library, app, rubrics] = times.map(|mut v| median(&mut v));
    eprintln!(
        "interleaved medians of {ROUNDS}: loader {loader:.0} ms, load_folder {library:.0} ms, \
         app every post listed {app:.0} ms = {:.2}x the loader, {:.2}x load_folder; \
         every rubric measured {rubrics:.0} ms",
        app / loader,
        app / library
    );
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let bytes = meetup_reader::corpus::generate(dir.path(), posts(), 5 * 1024, 42).unwrap();
    eprintln!("corpus: {} posts, {bytes} bytes", posts());
    interleaved_ratio(dir.path());
    bench_complete_list(c, dir.path());
    bench_keys(c, dir.path());
}

criterion_group!(app_benches, benches);
criterion_main!(app_benches);
