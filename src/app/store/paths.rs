//! Each post's index by its path, without a second copy of every path: the table holds
//! indexes only, hashed by the path of the post each points at. (A map from paths kept
//! a copy of each, about a hundred bytes a post.)

use std::hash::BuildHasher;
use std::path::Path;

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

use crate::post::Post;

#[derive(Debug, Default)]
pub struct PathIndex {
    table: HashTable<usize>,
    state: foldhash::fast::RandomState,
}

impl PathIndex {
    /// Room for `more` posts beyond `posts`.
    pub fn reserve(&mut self, more: usize, posts: &[Post]) {
        let Self { table, state } = self;
        table.reserve(more, |&i| state.hash_one(&posts[i].path));
    }

    /// Records where `posts[index]` is; a path recorded before now leads to it.
    pub fn insert(&mut self, index: usize, posts: &[Post]) {
        let Self { table, state } = self;
        let path = &posts[index].path;
        let entry = table.entry(
            state.hash_one(path),
            |&i| posts[i].path == *path,
            |&i| state.hash_one(&posts[i].path),
        );
        match entry {
            Entry::Occupied(mut found) => *found.get_mut() = index,
            Entry::Vacant(room) => {
                room.insert(index);
            }
        }
    }

    /// Forgets `posts[index]` (before the post there is replaced by another).
    pub fn remove(&mut self, index: usize, posts: &[Post]) {
        let hash = self.state.hash_one(&posts[index].path);
        if let Ok(found) = self.table.find_entry(hash, |&i| i == index) {
            found.remove();
        }
    }

    /// The index of the post at `path`.
    pub fn get(&self, path: &Path, posts: &[Post]) -> Option<usize> {
        self.table
            .find(self.state.hash_one(path), |&i| posts[i].path == path)
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(path: &str) -> Post {
        Post {
            path: path.into(),
            ..Post::default()
        }
    }

    #[test]
    fn paths_lead_to_their_posts_through_growth_and_replacement() {
        let mut posts: Vec<Post> = Vec::new();
        let mut index = PathIndex::default();
        for i in 0..1_000 {
            posts.push(post(&format!("a/{i}.md")));
            index.insert(i, &posts);
        }
        for i in (0..1_000).step_by(37) {
            assert_eq!(index.get(Path::new(&format!("a/{i}.md")), &posts), Some(i));
        }
        assert_eq!(index.get(Path::new("a/1000.md"), &posts), None);
        // A post renamed by an edit: its old path leads nowhere, its new one to it.
        index.remove(5, &posts);
        posts[5] = post("b/renamed.md");
        index.insert(5, &posts);
        assert_eq!(index.get(Path::new("a/5.md"), &posts), None);
        assert_eq!(index.get(Path::new("b/renamed.md"), &posts), Some(5));
        // A path given twice leads to the later post, as a map's insert does.
        posts.push(post("a/7.md"));
        index.insert(1_000, &posts);
        assert_eq!(index.get(Path::new("a/7.md"), &posts), Some(1_000));
    }
}
