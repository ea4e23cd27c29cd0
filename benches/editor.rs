//! The cost of one key in the editor on a 1,000-word draft at 200×60 (body and
//! preview side by side): the key's update plus drawing the frame, as the loop
//! does it. Each iteration types a letter and deletes it again (two keys), so the
//! draft stays the same size. Run: `cargo bench --bench editor`.

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent};
use meetup_reader::app::{App, ui};
use meetup_reader::markdown::{Theme, ThemeName};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A reflection of about 1,000 words: the five questions, each answered at length.
fn draft_text() -> String {
    let sentence = "We talked about testing, pizza and the people who keep open source \
                    projects alive, and I wrote down three ideas to try next week. ";
    let mut text = String::from(
        "---\nlayout: post\ntitle: A long reflection\nauthor: alice\ndate: 2024-05-01\n---\n",
    );
    for question in meetup_reader::assignment::DEFAULT_QUESTIONS {
        text.push_str(&format!("\n**{question}**\n\n"));
        for paragraph in 0..3 {
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

fn bench_typing(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    std::fs::create_dir_all(posts.join("alice")).unwrap();
    let drafts = dir.path().join("_drafts");
    std::fs::create_dir_all(&drafts).unwrap();
    let draft = drafts.join("long.md");
    let text = draft_text();
    std::fs::write(&draft, &text).unwrap();
    println!("draft: {} words", meetup_reader::post::count_words(&text));

    let mut app = App::new(&posts, Theme::new(ThemeName::Dark, true));
    app.start_loading();
    app.wait_loader();
    app.open_draft(&draft);
    // Into the middle of the body.
    for _ in 0..20 {
        app.handle_event(&key(KeyCode::Down));
    }
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    terminal.draw(|f| ui::draw(f, &mut app)).unwrap();

    c.bench_function(
        "editor 1k words 200x60: type + delete (2 keys, update+draw each)",
        |b| {
            b.iter(|| {
                app.handle_event(&key(KeyCode::Char('x')));
                terminal.draw(|f| ui::draw(f, &mut app)).unwrap();
                app.handle_event(&key(KeyCode::Backspace));
                terminal.draw(|f| ui::draw(f, &mut app)).unwrap();
            })
        },
    );
    c.bench_function("editor 1k words 200x60: cursor move (update+draw)", |b| {
        let mut down = true;
        b.iter(|| {
            down = !down;
            app.handle_event(&key(if down { KeyCode::Down } else { KeyCode::Up }));
            terminal.draw(|f| ui::draw(f, &mut app)).unwrap();
        })
    });
}

/// The parts of a changed key: rendering the preview, and the status line's counts.
fn bench_parts(c: &mut Criterion) {
    let text = draft_text();
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

criterion_group!(benches, bench_typing, bench_parts);
criterion_main!(benches);
