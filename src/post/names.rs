//! Names many posts repeat (authors, layouts, categories, tags), kept once: a
//! folder of 100,000 posts has a few hundred authors and a dozen tags, and a string
//! of its own for each post's took about 150 bytes a post.

use std::cell::RefCell;
use std::collections::HashSet;

use arcstr::ArcStr;

/// Names remembered per thread, at most: past this the folder's names are not
/// repeated enough to gain from sharing, and the table stays small (it lives as long
/// as the loader's threads, and a reload of another folder meets it again).
const MAX_REMEMBERED: usize = 4096;

thread_local! {
    static REMEMBERED: RefCell<HashSet<ArcStr>> = RefCell::new(HashSet::new());
}

/// `text` as a shared string: the copy this thread made before when it has one.
/// Each loader thread keeps its own table, so reading on every core never waits on
/// a lock; a name may then be kept once per core.
pub fn shared(text: &str) -> ArcStr {
    if text.is_empty() {
        return ArcStr::new();
    }
    REMEMBERED.with_borrow_mut(|remembered| {
        if let Some(known) = remembered.get(text) {
            return known.clone();
        }
        let name = ArcStr::from(text);
        if remembered.len() < MAX_REMEMBERED {
            remembered.insert(name.clone());
        }
        name
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_kept_once_per_thread() {
        let a = shared("student235");
        let b = shared(&String::from("student235"));
        assert!(ArcStr::ptr_eq(&a, &b));
        assert_eq!(a, "student235");
        assert!(!ArcStr::ptr_eq(&a, &shared("student236")));
        assert!(shared("").is_empty());
    }
}
