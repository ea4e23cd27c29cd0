//! What the benchmarks of the real loop share: a host that behaves like a terminal
//! whose user does nothing (polls time out, the loop draws what arrived, and once
//! loading is over the session ends), and one key press as the loop handles it.

use std::cell::RefCell;
use std::io;
use std::path::Path;
use std::time::Duration;

use meetup_reader::app::{App, Host, Next};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub struct IdleHost;

impl Host for IdleHost {
    fn next_event(&mut self, timeout: Option<Duration>) -> io::Result<Next> {
        match timeout {
            Some(timeout) => {
                std::thread::sleep(timeout);
                Ok(Next::Timeout)
            }
            None => Ok(Next::End),
        }
    }

    fn edit(&mut self, _: &Path) -> Result<(), String> {
        Ok(())
    }
}

/// One key press as the real loop handles it: update, then draw the frame.
pub fn press(
    app: &RefCell<App>,
    terminal: &RefCell<Terminal<TestBackend>>,
    event: &crossterm::event::Event,
) {
    let mut app = app.borrow_mut();
    app.handle_event(event);
    terminal
        .borrow_mut()
        .draw(|frame| meetup_reader::app::draw_frame(frame, &mut app))
        .unwrap();
}
