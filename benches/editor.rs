//! The cost of one key in the editor on a 1,000-word and a 15,000-word draft at
//! 200×60 (body and preview side by side): the key's update plus drawing the frame,
//! as the loop does it. Each iteration types a letter and deletes it again (two
//! keys), so the draft stays the same size. Also: a 1 MB bracketed paste into the
//! 1,000-word draft, until it is on screen. Run: `cargo bench --bench editor`.

use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent};
use meetup_reader::app::{App, draw_frame};
use meetup_reader::markdown::{Theme, ThemeName};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A reflection of about 1,000 words (`paragraphs` 3; 40 makes ~15,000): the five
/// questions, each answered at length.
fn draft_text(paragraphs: usize) -> String {
    let sentence = "We talked about testing, pizza and the people who keep open source \
                    projects alive, and I wrote down three ideas to try next week. ";
    let mut text = String::from(
        "---\nlayout: post\ntitle: A long reflection\nauthor: alice\ndate: 2024-05-01\n---\n",
    );
    for question in meetup_reader::assignment::DEFAULT_QUESTIONS {
        text.push_str(&format!("\n**{question}**\n\n"));
        for paragraph in 0..paragraphs {
            for _ in 0..3 {
                text.push_str(sentence);
            }
            text.push_str(&format!("(paragraph {paragraph})\n\n"));
        }
    }
    text
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::from(code))
}

/// An app with `text` open as a draft, the cursor in the middle of the body, and
/// the folder that holds it (kept alive by the caller).
fn app_with_draft(text: &str) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    std::fs::create_dir_all(posts.join("alice")).unwrap();
    let drafts = dir.path().join("_drafts");
    std::fs::create_dir_all(&drafts).unwrap();
    let draft = drafts.join("long.md");
    std::fs::write(&draft, text).unwrap();
    let mut app = App::new(&posts, Theme::new(ThemeName::Dark, true));
    app.start_loading();
    app.wait_loader();
    app.open_draft(&draft);
    for _ in 0..20 {
        app.handle_event(&key(KeyCode::Down));
    }
    (app, dir)
}

/// What the loop does after a batch of events: the due work, then the frame.
fn settle_and_draw(app: &mut App, terminal: &mut Terminal<TestBackend>) {
    app.tick(Instant::now());
    terminal.draw(|f| draw_frame(f, app)).unwrap();
}

fn bench_typing(c: &mut Criterion) {
    for (label, paragraphs) in [("1k", 3), ("15k", 40)] {
        let text = draft_text(paragraphs);
        println!(
            "draft {label}: {} words",
            meetup_reader::post::count_words(&text)
        );
        let (mut app, _dir) = app_with_draft(&text);
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        settle_and_draw(&mut app, &mut terminal);
        c.bench_function(
            &format!("editor {label} words 200x60: type + delete (2 keys, update+draw each)"),
            |b| {
                b.iter(|| {
                    app.handle_event(&key(KeyCode::Char('x')));
                    settle_and_draw(&mut app, &mut terminal);
                    app.handle_event(&key(KeyCode::Backspace));
                    settle_and_draw(&mut app, &mut terminal);
                })
            },
        );
        c.bench_function(
            &format!("editor {label} words 200x60: cursor move (update+draw)"),
            |b| {
                let mut down = true;
                b.iter(|| {
                    down = !down;
                    app.handle_event(&key(if down { KeyCode::Down } else { KeyCode::Up }));
                    settle_and_draw(&mut app, &mut terminal);
                })
            },
        );
    }
}

/// A 1 MB bracketed paste into the 1,000-word draft: the paste event, then the loop's
/// due work and the frame that shows it (body, preview and counts).
fn bench_paste(c: &mut Criterion) {
    let text = draft_text(3);
    let line = "Pasted from my notes: decorators, generators and a talk on packaging.\n";
    let pasted: String = line.repeat(1_000_000 / line.len() + 1);
    let mut group = c.benchmark_group("paste");
    group.sample_size(10);
    group.bench_function(
        "1 MB bracketed paste into a 1k-word draft, until drawn",
        |b| {
            b.iter_batched(
                || {
                    let (mut app, dir) = app_with_draft(&text);
                    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
                    settle_and_draw(&mut app, &mut terminal);
                    (app, terminal, dir)
                },
                |(mut app, mut terminal, dir)| {
                    app.handle_event(&Event::Paste(pasted.clone()));
                    settle_and_draw(&mut app, &mut terminal);
                    (app, terminal, dir)
                },
                criterion::BatchSize::PerIteration,
            )
        },
    );
    group.finish();
}

/// The parts of a changed key: rendering the preview, and the status line's counts.
fn bench_parts(c: &mut Criterion) {
    let text = draft_text(3);
    let body = meetup_reader::draft::questions::body_of(&text).to_string();
    let theme = Theme::new(ThemeName::Dark, true);
    let questions: Vec<String> = meetup_reader::assignment::DEFAULT_QUESTIONS
        .iter()
        .map(|q| q.to_string())
        .collect();
    c.bench_function("parts: render the 1k-word preview at 98 columns", |b| {
        b.iter(|| meetup_reader::markdown::render(&body, 98, &theme))
    });
    c.bench_function(
        "parts: textarea alone, type + delete and draw at 98x50",
        |b| {
            let mut area =
                ratatui_textarea::TextArea::new(body.lines().map(str::to_string).collect());
            area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
            for _ in 0..20 {
                area.move_cursor(ratatui_textarea::CursorMove::Down);
            }
            let mut terminal = Terminal::new(TestBackend::new(98, 50)).unwrap();
            b.iter(|| {
                area.insert_char('x');
                terminal.draw(|f| f.render_widget(&area, f.area())).unwrap();
                area.delete_char();
                terminal.draw(|f| f.render_widget(&area, f.area())).unwrap();
            })
        },
    );
    c.bench_function("parts: words + questions answered", |b| {
        b.iter(|| {
            (
                meetup_reader::post::count_words(&body),
                meetup_reader::draft::answered_count(&body, &questions),
            )
        })
    });
}

criterion_group!(benches, bench_typing, bench_paste, bench_parts);
criterion_main!(benches);
