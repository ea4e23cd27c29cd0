//! The run loop on backends that count or keep frames: a burst of events waiting at
//! once costs one frame, not one each, and ends where one event at a time would; a
//! key's frame comes before the filter it started goes on.

use std::path::Path;

use crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

use super::{App, ScriptedHost, run};
use crate::markdown::{Theme, ThemeName};

/// TestBackend keeping every frame flushed to it, as text (so also their count).
struct Recording {
    inner: TestBackend,
    screens: Vec<String>,
}

impl Backend for Recording {
    type Error = <TestBackend as Backend>::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        self.screens
            .push(crate::snapshot::to_text(self.inner.buffer()));
        self.inner.flush()
    }
}

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..30 {
        let author = Path::new(&format!("author{i}")).to_path_buf();
        std::fs::create_dir_all(dir.path().join(&author)).unwrap();
        std::fs::write(
            dir.path()
                .join(author)
                .join(format!("2024-01-{:02}-post.md", i % 28 + 1)),
            format!("---\ntitle: Post {i}\n---\nWords.\n"),
        )
        .unwrap();
    }
    dir
}

/// Runs `keys` (each key `times` times) and returns the frames drawn and the app.
fn run_keys(dir: &Path, events: Vec<Event>, batched: bool) -> (usize, App) {
    let mut app = App::new(dir, Theme::new(ThemeName::Dark, false));
    app.start_loading();
    let backend = Recording {
        inner: TestBackend::new(100, 30),
        screens: Vec::new(),
    };
    let mut terminal = Terminal::new(backend).unwrap();
    let host = ScriptedHost::new(events);
    let mut host = if batched { host.batched() } else { host };
    run(&mut terminal, &mut host, &mut app).unwrap();
    (terminal.backend().screens.len(), app)
}

#[test]
fn a_burst_of_keys_is_one_frame_and_ends_where_single_keys_do() {
    let dir = folder();
    let key = |c| Event::Key(KeyEvent::from(KeyCode::Char(c)));
    let mut events: Vec<Event> = std::iter::repeat_n(key('j'), 500).collect();
    events.extend(std::iter::repeat_n(key('k'), 7));
    let (frames_one_by_one, one_by_one) = run_keys(dir.path(), events.clone(), false);
    let (frames_batched, batched) = run_keys(dir.path(), events, true);
    assert!(frames_one_by_one > 500, "{frames_one_by_one}");
    // The first frame, the burst (split only if it took over 50 ms), the last.
    assert!(frames_batched < 20, "{frames_batched} frames for one burst");
    assert_eq!(batched.list.selected, one_by_one.list.selected);
    assert_eq!(batched.list.selected, 30 - 1 - 7);
}

#[test]
fn keys_in_a_burst_after_the_editor_key_still_count() {
    let dir = folder();
    let key = |c| Event::Key(KeyEvent::from(KeyCode::Char(c)));
    let mut app = App::new(dir.path(), Theme::new(ThemeName::Dark, false));
    app.start_loading();
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut host = ScriptedHost::new(vec![key('e'), key('j'), key('j')]).batched();
    run(&mut terminal, &mut host, &mut app).unwrap();
    assert_eq!(host.edited.len(), 1);
    assert_eq!(
        app.list.selected, 2,
        "both keys after the editor moved the list"
    );
}

/// A terminal whose user typed `events` and then waits: the polls time out, `idle`
/// times, then the session ends.
struct Typist {
    events: std::collections::VecDeque<Event>,
    idle: usize,
}

impl super::Host for Typist {
    fn next_event(
        &mut self,
        _timeout: Option<std::time::Duration>,
    ) -> std::io::Result<super::Next> {
        if let Some(event) = self.events.pop_front() {
            return Ok(super::Next::Event(event));
        }
        if self.idle == 0 {
            return Ok(super::Next::End);
        }
        self.idle -= 1;
        Ok(super::Next::Timeout)
    }

    fn edit(&mut self, _: &Path) -> Result<(), String> {
        Ok(())
    }
}

#[test]
fn a_filter_key_is_drawn_before_the_posts_are_ranked() {
    let posts = (0..6_000).map(|i| {
        let title = if i % 1000 == 0 {
            "Zebra night"
        } else {
            "Meetup"
        };
        crate::post::front_matter::parse_post(
            Path::new(&format!("a/2024-01-01-p{i}.md")),
            format!("---\ntitle: {title} {i}\n---\nWords.\n").as_bytes(),
        )
    });
    let mut app = App::new("library", Theme::new(ThemeName::Dark, false));
    app.store.extend(posts);
    app.store.finish();
    let key = |c| Event::Key(KeyEvent::from(KeyCode::Char(c)));
    let mut host = Typist {
        events: [key('/'), key('z')].into(),
        idle: 100,
    };
    let backend = Recording {
        inner: TestBackend::new(200, 20),
        screens: Vec::new(),
    };
    let mut terminal = Terminal::new(backend).unwrap();
    run(&mut terminal, &mut host, &mut app).unwrap();
    let screens = &terminal.backend().screens;
    // The frame of the key: the letter in the field, the list as it was, the filter
    // under way.
    let typed = screens
        .iter()
        .position(|s| s.contains("/z"))
        .expect("the typed letter shows");
    assert!(screens[typed].contains("Meetup"), "{}", screens[typed]);
    assert!(
        screens[typed].contains("filtering 0%"),
        "{}",
        screens[typed]
    );
    // Then the ranked list, with no key pressed.
    let last = screens.last().unwrap();
    assert!(!app.is_searching());
    assert_eq!(app.store.visible.len(), 6);
    assert!(
        last.contains("Zebra night") && !last.contains("Meetup"),
        "{last}"
    );
}

#[test]
fn the_first_frame_comes_before_the_folder_is_read() {
    let dir = folder();
    let mut app = App::new(dir.path(), Theme::new(ThemeName::Dark, false));
    app.loading = Some(super::Progress::default());
    app.startup = Some(super::Startup {
        review_file: Some(dir.path().join("reviews.json")),
    });
    let backend = Recording {
        inner: TestBackend::new(100, 20),
        screens: Vec::new(),
    };
    let mut terminal = Terminal::new(backend).unwrap();
    run(&mut terminal, &mut ScriptedHost::new(Vec::new()), &mut app).unwrap();
    let screens = &terminal.backend().screens;
    assert!(screens[0].contains("loading…"), "{}", screens[0]);
    assert!(!screens[0].contains("Post 1"), "{}", screens[0]);
    // Then it loads, as if it had started before.
    assert!(app.startup.is_none());
    assert_eq!(app.store.posts.len(), 30);
    assert!(
        screens.last().unwrap().contains("Post "),
        "{}",
        screens.last().unwrap()
    );
    assert!(app.review.store.is_some(), "the review file was opened");
}

#[test]
fn rubrics_wait_for_the_list_and_the_rows_on_screen_come_first() {
    let dir = folder();
    let mut app = App::new(dir.path(), Theme::new(ThemeName::Dark, false));
    app.start_loading();
    app.wait_loader();
    assert_eq!(app.store.posts.len(), 30);
    assert!(app.is_measuring(), "the load left the rubrics to measure");
    assert!((0..30).all(|i| app.store.rubric(i).is_none()));
    // A frame 10 rows high measures the rows it shows and the post in the reader.
    app.fit_to(ratatui::layout::Rect::new(0, 0, 120, 12));
    let measured: Vec<usize> = (0..30).filter(|&i| app.store.rubric(i).is_some()).collect();
    let shown: Vec<usize> = app.store.visible[..app.list.height].to_vec();
    assert!(shown.iter().all(|i| measured.contains(i)), "{measured:?}");
    assert!(measured.len() < 30, "{measured:?}");
    // The loop measures the rest by itself, no key pressed.
    let mut host = Typist {
        events: Default::default(),
        idle: 50,
    };
    let mut terminal = Terminal::new(TestBackend::new(120, 12)).unwrap();
    run(&mut terminal, &mut host, &mut app).unwrap();
    assert!(!app.is_measuring());
    assert!((0..30).all(|i| app.store.rubric(i).is_some()));
}
