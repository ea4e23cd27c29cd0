//! Loads the folder on a background thread and sends what it finds to the loop,
//! so the first frame never waits for the disk.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

use super::store::Prepared;
use crate::post::{LoadEvent, ReadOptions, load_folder_streaming};

/// What the loader thread sends.
#[derive(Debug)]
pub enum LoadMsg {
    /// A post, with its sort keys and filter text prepared on the worker thread.
    Post(Box<crate::post::Post>, Box<Prepared>),
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
                LoadEvent::Post(mut post) => {
                    let mut prepared = Box::new(Prepared::listing(&post));
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
