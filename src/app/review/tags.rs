//! Tagging, as mutt and newsboat users expect: `t` tags posts one by one, and while
//! any post is tagged, marks, the score and unpublishing apply to every tagged post
//! at once; `T` clears the tags. Tags last for the run, never written anywhere.

use std::path::PathBuf;

use super::Confirmed;
use crate::app::{App, Layer, Pane};
use crate::plural::count_of;

impl App {
    /// `t`: tags the selected post, or untags it; in the list the selection then moves
    /// to the next post, so that a run of posts is tagged by pressing `t` again.
    pub(super) fn toggle_tag(&mut self) {
        let Some(path) = self.selected_post().map(|post| post.path.clone()) else {
            self.set_error("no post selected");
            return;
        };
        let tagged = if self.review.tagged.remove(&path) {
            false
        } else {
            self.review.tagged.insert(path);
            true
        };
        if self.focus == Pane::List && !self.review.session {
            self.list.move_by(1, self.store.visible.len());
            self.sync_reader();
        }
        let count = self.review.tagged.len();
        self.set_info(match (tagged, count) {
            (false, 0) => "untagged; no post is tagged".to_string(),
            (_, count) => format!(
                "{} ({} now) · marks, S and U apply to all of them · T clears",
                if tagged { "tagged" } else { "untagged" },
                count_of(count, "tagged post")
            ),
        });
    }

    /// The tagged posts that are still loaded, in path order; tags of posts gone from
    /// the folder (a reload) are dropped.
    pub(super) fn tagged_posts(&mut self) -> Vec<PathBuf> {
        let store = &self.store;
        self.review
            .tagged
            .retain(|path| store.index_of_path(path).is_some());
        self.review.tagged.iter().cloned().collect()
    }

    /// " (2 of them hidden by the filter)" when some of `posts` are not in the list,
    /// so that a change to posts out of sight is never a surprise.
    pub(super) fn hidden_note(&self, posts: &[PathBuf]) -> String {
        let hidden = posts
            .iter()
            .filter(|path| {
                self.store
                    .index_of_path(path)
                    .is_none_or(|index| self.store.position_of(index).is_none())
            })
            .count();
        match hidden {
            0 => String::new(),
            n => format!(" ({n} of them hidden by the filter)"),
        }
    }

    /// `U` with posts tagged: asks, then unpublishes every tagged post, or publishes
    /// them all again when every one is unpublished already.
    pub(super) fn ask_set_published_of_tagged(&mut self) {
        let posts = self.tagged_posts();
        if posts.is_empty() {
            return self.set_error("no tagged post is in the folder any more");
        }
        let any_published = posts.iter().any(|path| {
            self.store
                .index_of_path(path)
                .is_some_and(|index| self.store.posts[index].published)
        });
        let question = format!(
            "{} {}{}? Each file's front matter {}.",
            if any_published {
                "Unpublish"
            } else {
                "Publish again"
            },
            count_of(posts.len(), "tagged post"),
            self.hidden_note(&posts),
            if any_published {
                "gets `published: false`"
            } else {
                "loses its `published: false`"
            }
        );
        self.layers.push(Layer::Confirm {
            question,
            on_yes: Confirmed::SetPublished {
                posts,
                published: !any_published,
            },
        });
    }

    /// Yes to [`ask_set_published_of_tagged`](Self::ask_set_published_of_tagged):
    /// changes every file it can and names the first it could not.
    pub(crate) fn set_published_of(&mut self, posts: &[PathBuf], published: bool) {
        if self.refuses_to_write("the posts' `published` lines") {
            return;
        }
        let mut failures = Vec::new();
        for rel in posts {
            let changed =
                crate::review::set_published_file(&self.root.join(rel), &self.root, published)
                    .map_err(|err| err.to_string())
                    .and_then(|()| self.reload_post(rel).map(|_| ()));
            if let Err(why) = changed {
                failures.push(why);
            }
        }
        let verb = if published {
            "published again"
        } else {
            "unpublished"
        };
        let done = posts.len() - failures.len();
        match failures.first() {
            None => self.set_info(format!("{} {verb}", count_of(done, "tagged post"))),
            Some(first) => self.set_error(format!(
                "{done} of {} {verb}; {} failed, first: {first}",
                count_of(posts.len(), "tagged post"),
                failures.len()
            )),
        }
    }
}
