//! A host for benchmarks of the real loop: it behaves like a terminal whose user does
//! nothing, so polls time out (the loop draws what arrived) and, once loading is over,
//! the session ends.

use std::io;
use std::path::Path;
use std::time::Duration;

use meetup_reader::app::{Host, Next};

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
