//! Loads the folder on a background thread and sends what it finds to the loop,
//! so the first frame never waits for the disk.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use super::store::Prepared;
use crate::post::{LoadEvent, Post, ReadOptions, load_folder_streaming};

/// What the loader thread sends.
#[derive(Debug)]
// A post goes by value: boxed, each of the 100,000 boxes made on a worker thread was
// freed on the loop's, where taking the worker's heap lock slowed both (the list
// complete in 1.23–1.47 s boxed, 1.02–1.21 s unboxed, measured with the loop's
// 10 ms polling).
#[allow(clippy::large_enum_variant)]
pub enum LoadMsg {
    /// A post, with its sort keys and filter text prepared on the worker thread.
    Post(crate::post::Post, Prepared),
    /// Any other event of the load (never `LoadEvent::Post`).
    Event(LoadEvent),
    /// The folder could not be walked at all (one sentence).
    Failed(String),
}

/// Starts loading `root` (rubrics are left for the app to measure later, and bodies
/// in their files: see `PostStore::ensure_body`); the receiver yields every event,
/// ending with `Finished` or `Failed`.
pub fn spawn(root: PathBuf, options: ReadOptions) -> Receiver<LoadMsg> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let events = tx.clone();
        let result = load_folder_streaming(&root, options, move |event| {
            let msg = match event {
                LoadEvent::Post(post) => {
                    let mut post = *post;
                    let mut prepared = Prepared::listing(&post);
                    // The store reads bodies again as it needs them.
                    prepared.leave_body_on_disk(&mut post);
                    LoadMsg::Post(post, prepared)
                }
                other => LoadMsg::Event(other),
            };
            // The app may have quit or reloaded; nobody listening is fine.
            let _ = events.send(msg);
        });
        if let Err(err) = result {
            let _ = tx.send(LoadMsg::Failed(err.to_string()));
        }
    });
    rx
}

/// The loader's messages, and the posts received but not yet filed in the store.
///
/// Each filing moves the list's older posts to make room, filters the new ones and,
/// when the list has doubled, runs the rules across posts again; so posts are filed
/// in batches that grow with the store (a quarter of it, at most [`FILE_AT_MOST`], or
/// what came in [`FILE_EVERY`]), not at every turn of the loop (every 10 ms).
pub struct Feed {
    rx: Receiver<LoadMsg>,
    pub(super) pending: Vec<(Post, super::store::Prepared)>,
    filed_at: Instant,
}

/// The most posts filed at once (held beside the store meanwhile).
const FILE_AT_MOST: usize = 4096;
/// The longest posts wait to be filed, so a slow folder still fills in as it comes.
const FILE_EVERY: Duration = Duration::from_millis(200);

impl Feed {
    pub fn new(rx: Receiver<LoadMsg>) -> Self {
        Self {
            rx,
            pending: Vec::new(),
            filed_at: Instant::now(),
        }
    }

    /// The next message, if one came; `Err(true)` once the loader is gone.
    pub fn try_next(&self) -> Result<LoadMsg, bool> {
        self.rx
            .try_recv()
            .map_err(|e| e == TryRecvError::Disconnected)
    }

    /// Whether the pending posts should be filed now, beside `stored` posts.
    pub fn due(&self, stored: usize) -> bool {
        !self.pending.is_empty()
            && (self.pending.len() * 4 >= stored
                || self.pending.len() >= FILE_AT_MOST
                || self.filed_at.elapsed() >= FILE_EVERY)
    }

    /// Whether as many posts are pending as are ever filed at once.
    pub fn full(&self) -> bool {
        self.pending.len() >= FILE_AT_MOST
    }

    /// The pending posts, to be filed.
    pub fn take_pending(&mut self) -> Vec<(Post, super::store::Prepared)> {
        self.filed_at = Instant::now();
        std::mem::take(&mut self.pending)
    }
}
