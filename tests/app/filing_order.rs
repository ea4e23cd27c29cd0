//! A load's batches are filed into the sorted list one by one (each new post put in
//! its place by a binary search): the list must come out as one sort of all the posts
//! would order them, whatever the batches and however many posts tie.

use meetup_reader::app::store::{PostStore, Prepared, SortOrder};
use meetup_reader::post::Post;
use proptest::prelude::*;

use crate::support::site::post;

/// Posts with few dates and titles, so ties on both are common (the path decides).
fn posts(specs: &[(u8, u8, bool)]) -> Vec<Post> {
    specs
        .iter()
        .enumerate()
        .map(|(n, &(day, title, dated))| {
            post(
                &format!("a{}/2024-01-{:02}-p{n}.md", n % 3, day + 1),
                &format!("Title {title}"),
                &format!("author {}", n % 4),
                dated.then_some((2024, 1, day + 1)),
                "x\n",
            )
        })
        .collect()
}

/// The order one stable sort of every post gives (the store filled at once).
fn sorted_at_once(posts: &[Post], sort: SortOrder) -> Vec<std::path::PathBuf> {
    let mut store = PostStore::default();
    store.set_sort(sort);
    store.extend(posts.iter().cloned());
    paths(&store)
}

fn paths(store: &PostStore) -> Vec<std::path::PathBuf> {
    store
        .visible
        .iter()
        .map(|&i| store.posts[i].path.clone())
        .collect()
}

proptest! {
    #[test]
    fn posts_filed_in_batches_are_in_the_order_of_one_sort(
        specs in proptest::collection::vec((0u8..4, 0u8..3, proptest::bool::weighted(0.8)), 0..60),
        cuts in proptest::collection::vec(1usize..12, 1..10),
        sort in proptest::sample::select(vec![
            SortOrder::NewestFirst,
            SortOrder::OldestFirst,
            SortOrder::Title,
            SortOrder::Author,
        ]),
    ) {
        let posts = posts(&specs);
        let mut store = PostStore::default();
        store.set_sort(sort);
        let mut rest = posts.as_slice();
        for cut in cuts.iter().cycle() {
            if rest.is_empty() {
                break;
            }
            let (batch, after) = rest.split_at((*cut).min(rest.len()));
            store.extend_loading(batch.iter().map(|p| (p.clone(), Prepared::listing(p))));
            rest = after;
        }
        store.finish();
        prop_assert_eq!(paths(&store), sorted_at_once(&posts, sort));
    }
}
