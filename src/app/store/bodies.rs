//! Where the posts' bodies are. A folder's bodies stay in their files: the loader
//! drops each one once the post is listed, and the store reads again the few it
//! needs (the post in the reader, kept with a handful of others), and the rest one
//! at a time for a `body:` search or a rubric. Keeping them all took as much memory
//! as the folder's size (500 MB for 100,000 posts); posts given in memory keep theirs.
//! A kept body stands for its file while the file's stamp (length, times, inode) is
//! the one taken before it was read: another editor's change is read on the next show.

use std::collections::VecDeque;
use std::path::PathBuf;

use super::PostStore;
use crate::fsutil::FileStamp;
use crate::post::front_matter::ReadAgain;
use crate::post::{Post, ReadOptions};

/// Bodies read again and kept, the reader's post among them (the most recent).
const KEPT: usize = 8;

/// The bodies of the store's posts.
#[derive(Debug, Default)]
pub(super) struct Bodies {
    /// The folder the posts were read from, and how: where a body on disk is.
    source: Option<(PathBuf, ReadOptions)>,
    /// Per post: its body is in its file, not in `Post::body` (unless kept).
    on_disk: Vec<bool>,
    /// Per post: the body's length in bytes (a search slices by it).
    lengths: Vec<u32>,
    /// The posts whose body was read again and is in `Post::body`, oldest first.
    kept: VecDeque<Kept>,
}

/// A body read again and kept in `Post::body`.
#[derive(Debug, Clone, Copy)]
struct Kept {
    index: usize,
    /// Whether it could be read (else `Post::body` says why, for the reader only).
    readable: bool,
    /// The file's stamp, taken just before the read; `None` has it read again next
    /// time (a post read whole after an edit).
    stamp: Option<FileStamp>,
}

impl Bodies {
    pub(super) fn take_source(&mut self) -> Option<(PathBuf, ReadOptions)> {
        self.source.take()
    }

    pub(super) fn set_source(&mut self, source: Option<(PathBuf, ReadOptions)>) {
        self.source = source;
    }

    pub(super) fn reserve(&mut self, more: usize) {
        self.on_disk.reserve_exact(more);
        self.lengths.reserve_exact(more);
    }

    /// Files a new post's body: on disk when the loader left it there.
    pub(super) fn push(&mut self, on_disk: bool, length: usize) {
        self.on_disk.push(on_disk);
        self.lengths.push(u32::try_from(length).unwrap_or(u32::MAX));
    }

    /// Post `index` was read again whole (after an edit) and has its body in memory:
    /// a body from a file is kept like one read again, its file read once more the
    /// next time it is needed to tell whether it changed since. The posts whose kept
    /// bodies are to be dropped to make room.
    pub(super) fn replaced(&mut self, index: usize, length: usize) -> Vec<usize> {
        self.lengths[index] = u32::try_from(length).unwrap_or(u32::MAX);
        self.kept.retain(|kept| kept.index != index);
        if !self.on_disk[index] {
            return Vec::new();
        }
        self.keep(Kept {
            index,
            readable: true,
            stamp: None,
        })
    }

    /// Keeps a body read again (the most recent); the posts whose kept bodies are to
    /// be dropped to make room.
    fn keep(&mut self, kept: Kept) -> Vec<usize> {
        self.kept.retain(|old| old.index != kept.index);
        self.kept.push_back(kept);
        let over = self.kept.len().saturating_sub(KEPT);
        self.kept.drain(..over).map(|old| old.index).collect()
    }

    /// The length of post `index`'s body in bytes.
    pub(super) fn length(&self, index: usize) -> usize {
        self.lengths[index] as usize
    }

    /// Post `index`'s body read from its file (`Err`: why it could not be), or `None`
    /// when `Post::body` holds the file's body: given in memory, or kept and its file
    /// unchanged since it was read.
    pub(super) fn read(&self, index: usize, post: &Post) -> Option<Result<ReadAgain, String>> {
        self.read_if_changed(index, post, || self.stamp(index, post))
    }

    /// [`Self::read`], the file's stamp as it is now given by `now` (asked only for a
    /// kept body).
    fn read_if_changed(
        &self,
        index: usize,
        post: &Post,
        now: impl FnOnce() -> Option<FileStamp>,
    ) -> Option<Result<ReadAgain, String>> {
        if !self.on_disk[index] {
            return None;
        }
        let (root, options) = self.source.as_ref()?;
        let kept = self.kept.iter().find(|kept| kept.index == index);
        if let Some(Kept {
            readable: true,
            stamp: Some(stamp),
            ..
        }) = kept
            && now() == Some(*stamp)
        {
            return None;
        }
        Some(crate::post::library::read_body(root, &post.path, options))
    }

    /// The stamp of post `index`'s file as it is now, when its body is on disk.
    fn stamp(&self, index: usize, post: &Post) -> Option<FileStamp> {
        let (root, _) = self.source.as_ref()?;
        self.on_disk[index]
            .then(|| FileStamp::of(&root.join(&post.path)))
            .flatten()
    }
}

impl Bodies {
    /// The body `read` gave for `post`, or the one it holds when nothing was read; a
    /// file that could not be read gives an empty body.
    pub(super) fn text<'a>(read: &'a Option<Result<ReadAgain, String>>, post: &'a Post) -> &'a str {
        match read {
            Some(Ok(read)) => &read.body,
            Some(Err(_)) => "",
            None => &post.body,
        }
    }
}

impl PostStore {
    /// The posts to come are read from `root` with `options`; their bodies are read
    /// again from there when needed (see the module's documentation).
    pub fn read_bodies_from(&mut self, root: PathBuf, options: ReadOptions) {
        self.bodies.set_source(Some((root, options)));
    }

    /// Makes post `index`'s body available in `Post::body` (the reader's post, and
    /// what reads it), reading it again from its file when it was left there. A few
    /// such bodies are kept; older ones are dropped again. True when the body or the
    /// front matter read is not the one the post was listed with: the file changed
    /// since, and the post's title, counts and rubric are the old text's (the caller
    /// reads the whole post again).
    pub fn ensure_body(&mut self, index: usize) -> bool {
        // Before the read: a change while it reads has the file read again next time.
        let stamp = self.bodies.stamp(index, &self.posts[index]);
        let Some(body) = self
            .bodies
            .read_if_changed(index, &self.posts[index], || stamp)
        else {
            return false;
        };
        // A change to the front matter alone (a title fixed in another editor) counts.
        let changed = body.as_ref().is_ok_and(|read| {
            crate::review::seen::fingerprint(&read.front_matter, &read.body)
                != self.fingerprints[index]
        });
        let readable = body.is_ok();
        // The reader says why rather than show an empty post.
        self.posts[index].body = body.map_or_else(
            |why| {
                format!(
                    "*The file could not be read again: {why}. Press `r` to read the folder again.*"
                )
            },
            |read| read.body,
        );
        // A body that could not be read is tried again each time (and a search or a
        // rubric never reads the sentence put in its place).
        let dropped = self.bodies.keep(Kept {
            index,
            readable,
            stamp,
        });
        for old in dropped {
            self.posts[old].body = String::new();
        }
        changed
    }

    /// `f` of post `index`'s body, read from its file when it is there (for a search
    /// or a rubric: the body is not kept). A file that cannot be read gives an empty
    /// body.
    pub(super) fn with_body<R>(
        bodies: &Bodies,
        posts: &[Post],
        index: usize,
        f: impl FnOnce(&str) -> R,
    ) -> R {
        f(Bodies::text(
            &bodies.read(index, &posts[index]),
            &posts[index],
        ))
    }
}
