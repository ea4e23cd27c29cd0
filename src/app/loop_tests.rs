//! The run loop on a backend that counts frames: a burst of events waiting at once
//! costs one frame, not one each, and ends where one event at a time would.

use std::path::Path;

use crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

use super::{App, ScriptedHost, run};
use crate::markdown::{Theme, ThemeName};

/// TestBackend, counting the frames flushed to it.
struct Counting {
    inner: TestBackend,
    frames: usize,
}

impl Backend for Counting {
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
        self.frames += 1;
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
    let backend = Counting {
        inner: TestBackend::new(100, 30),
        frames: 0,
    };
    let mut terminal = Terminal::new(backend).unwrap();
    let host = ScriptedHost::new(events);
    let mut host = if batched { host.batched() } else { host };
    run(&mut terminal, &mut host, &mut app).unwrap();
    (terminal.backend().frames, app)
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
