//! Plain words rank the list: exact words above prefixes above substrings above
//! (tight) fuzzy matches, the title above the author above the tags, ties in the
//! list's sort order (which `s` cycles). Letters scattered over a post's fields, or
//! over a long title, are no match. Typing on (narrowing), backspace and a `body:`
//! search read a slice at a time end in the set and the order a fresh filter gives.

use meetup_reader::app::filter::{Filter, Haystacks, Scratch};
use meetup_reader::app::store::Prepared;
use meetup_reader::app::{PostStore, SortOrder};
use meetup_reader::post::Post;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32String};
use proptest::prelude::*;

use crate::support::screen::*;
use crate::support::site::post;

fn tagged(mut post: Post, tags: &[&str]) -> Post {
    post.tags = tags.iter().map(|&t| t.into()).collect();
    post
}

/// The posts of the complaint: title words, prefixes, substrings and fuzzy matches of
/// "meetup", an author and a tag named after it, and junk that nucleo's fuzzy matching
/// over title, author and tags together let through.
fn meetup_posts() -> Vec<Post> {
    vec![
        post(
            "a/2024-01-10-python.md",
            "Python meetup reflection",
            "alice",
            Some((2024, 1, 10)),
            "",
        ),
        post(
            "b/2024-03-01-first.md",
            "My first meetups",
            "bob",
            Some((2024, 3, 1)),
            "",
        ),
        post(
            "c/2024-02-01-ml.md",
            "Machine learning with TensorFlow, updated project",
            "carol",
            Some((2024, 2, 1)),
            "",
        ),
        post(
            "d/2024-02-15-rust.md",
            "Rust night",
            "meetup-fan",
            Some((2024, 2, 15)),
            "",
        ),
        tagged(
            post(
                "e/2023-12-01-pizza.md",
                "Pizza and talks",
                "dan",
                Some((2023, 12, 1)),
                "",
            ),
            &["meetup"],
        ),
        post(
            "f/2024-04-01-pre.md",
            "Premeetup notes",
            "erin",
            Some((2024, 4, 1)),
            "",
        ),
        post(
            "g/2024-05-01-library.md",
            "The meet-up at the library",
            "fay",
            Some((2024, 5, 1)),
            "",
        ),
        post(
            "h/2024-02-20-night.md",
            "Meetup night",
            "gus",
            Some((2024, 2, 20)),
            "",
        ),
        // "Me…e…" in the title, "tup" in the author: only across the fields.
        post(
            "i/2024-06-01-members.md",
            "Members evening",
            "tupac",
            Some((2024, 6, 1)),
            "",
        ),
    ]
}

/// Ranks: title word 0 (two of them, newest first), author word 1, tag word 2, title
/// prefix 3, title substring 6, title fuzzy 9.
const MEETUP_RANKED: [&str; 7] = [
    "Meetup night",
    "Python meetup reflection",
    "Rust night",
    "Pizza and talks",
    "My first meetups",
    "Premeetup notes",
    "The meet-up at the library",
];

#[test]
fn filter_rank_meetup_lists_the_best_matches_first_and_no_junk() {
    let mut app = app_with(meetup_posts());
    let mut term = terminal(120, 30);
    let screen = press(&mut app, &mut term, "/ m e e t u p");
    assert_eq!(visible_titles(&app), MEETUP_RANKED, "{screen}");
    assert!(screen.contains("7 of 9 posts"), "{screen}");
    assert!(!screen.contains("Machine learning"), "{screen}");
    assert!(!screen.contains("Members evening"), "{screen}");
}

#[test]
fn filter_rank_ties_follow_the_sort_order_as_s_cycles_it() {
    let mut app = app_with(meetup_posts());
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "/ m e e t u p enter");
    assert_eq!(visible_titles(&app), MEETUP_RANKED);
    // Oldest first: only the tie at rank 0 turns round.
    press(&mut app, &mut term, "s");
    assert_eq!(app.store.sort, SortOrder::OldestFirst);
    let mut want = MEETUP_RANKED;
    want.swap(0, 1);
    assert_eq!(visible_titles(&app), want);
    // By title ("Meetup night" first), then by author (alice's "Python…" first).
    press(&mut app, &mut term, "s");
    assert_eq!(app.store.sort, SortOrder::Title);
    assert_eq!(visible_titles(&app), MEETUP_RANKED);
    press(&mut app, &mut term, "s");
    assert_eq!(app.store.sort, SortOrder::Author);
    assert_eq!(visible_titles(&app), want);
    // Cleared, the list is the sort order again.
    press(&mut app, &mut term, "esc");
    let titles = visible_titles(&app);
    assert_eq!(titles.len(), 9);
    assert_eq!(
        titles[0], "Python meetup reflection",
        "alice first by author"
    );
}

#[test]
fn filter_rank_sums_the_words_and_every_word_must_match() {
    let mut posts = meetup_posts();
    posts.push(tagged(
        post(
            "j/2024-07-01-rust-meetup.md",
            "Rust meetup",
            "hal",
            Some((2024, 7, 1)),
            "",
        ),
        &["rust"],
    ));
    let mut app = app_with(posts);
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, &format!("/ {}", typed("rust meetup")));
    // "Rust meetup": 0 + 0; "Rust night" by meetup-fan: 0 + 1. Posts with only one of
    // the words are out.
    assert_eq!(visible_titles(&app), ["Rust meetup", "Rust night"]);
    // The order of the words does not matter.
    press(
        &mut app,
        &mut term,
        &format!("esc / {}", typed("meetup rust")),
    );
    assert_eq!(visible_titles(&app), ["Rust meetup", "Rust night"]);
}

#[test]
fn filter_rank_negated_words_and_special_syntax_still_filter() {
    let mut app = app_with(meetup_posts());
    let mut term = terminal(120, 30);
    press(
        &mut app,
        &mut term,
        &format!("/ {}", typed("meetup !python !night")),
    );
    let mut want: Vec<&str> = MEETUP_RANKED.to_vec();
    want.retain(|t| !["Python meetup reflection", "Meetup night", "Rust night"].contains(t));
    assert_eq!(visible_titles(&app), want);
    // `!` alone, with no other word, keeps the sort order (newest first).
    press(&mut app, &mut term, &format!("esc / {}", typed("!meetup")));
    assert_eq!(
        visible_titles(&app),
        [
            "Members evening",
            "The meet-up at the library",
            "Machine learning with TensorFlow, updated project"
        ]
    );
    // `^` starts a field (the title, the author, or the categories and tags), `$`
    // ends one, `'` is never fuzzy.
    press(&mut app, &mut term, &format!("esc / {}", typed("^meetup")));
    assert_eq!(visible_titles(&app), ["Meetup night", "Rust night"]);
    press(&mut app, &mut term, &format!("esc / {}", typed("night$")));
    assert_eq!(visible_titles(&app), ["Meetup night", "Rust night"]);
    press(&mut app, &mut term, &format!("esc / {}", typed("'meetup")));
    assert_eq!(visible_titles(&app), &MEETUP_RANKED[..6]);
    // The other filters keep filtering alongside the words.
    press(
        &mut app,
        &mut term,
        &format!("esc / {}", typed("meetup author:fan")),
    );
    assert_eq!(visible_titles(&app), ["Rust night"]);
}

#[test]
fn filter_rank_highlights_what_matched() {
    let mut posts = meetup_posts();
    posts.push(post(
        "k/2023-01-01-ml.md",
        "Machine learning with TensorFlow, updated projects",
        "meetup-fan",
        Some((2023, 1, 1)),
        "",
    ));
    let mut app = app_with(posts);
    let mut term = terminal(120, 30);
    press(&mut app, &mut term, "/ m e e t u p");
    let highlights = |app: &mut meetup_reader::app::App, title: &str| {
        let index = index_of_title(app, title);
        app.store.highlights(index)
    };
    let word: Vec<u32> = (7..13).collect();
    assert_eq!(
        highlights(&mut app, "Python meetup reflection"),
        (word, vec![])
    );
    assert_eq!(
        highlights(&mut app, "Rust night"),
        (vec![], (0..6).collect())
    );
    assert_eq!(
        highlights(&mut app, "Premeetup notes"),
        ((3..9).collect(), vec![])
    );
    // Listed for its author: the letters of "meetup" scattered over the title are no
    // match, and not lit.
    assert_eq!(
        highlights(
            &mut app,
            "Machine learning with TensorFlow, updated projects"
        ),
        (vec![], (0..6).collect())
    );
    // The fuzzy match, letter by letter: "The meet-up".
    assert_eq!(
        highlights(&mut app, "The meet-up at the library").0,
        [4, 5, 6, 7, 9, 10]
    );
    // On screen: the matched word and nothing else of the title.
    app.theme = meetup_reader::markdown::Theme::new(meetup_reader::markdown::ThemeName::Dark, true);
    press(&mut app, &mut term, "");
    let highlight = app.theme.highlight.bg.unwrap();
    let buffer = term.backend().buffer();
    let width = usize::from(buffer.area.width);
    let (row, col) = buffer
        .content()
        .chunks(width)
        .enumerate()
        .find_map(|(y, row)| {
            let line: String = row.iter().map(|cell| cell.symbol()).collect();
            Some((y, line[..line.find("Python meetup")?].chars().count()))
        })
        .unwrap();
    let lit: Vec<bool> = (0..13)
        .map(|x| buffer.content()[row * width + col + x].bg == highlight)
        .collect();
    assert_eq!(lit, [[false; 7].as_slice(), &[true; 6]].concat());
}

// ---- properties ----

const WORDS: [&str; 10] = [
    "meetup",
    "meetups",
    "premeetup",
    "python",
    "Rust",
    "night",
    "data",
    "café",
    "the",
    "meet-up",
];

fn a_post(n: usize, title: &[usize], author: usize, tag: Option<usize>, body: usize) -> Post {
    let title: Vec<&str> = title.iter().map(|&w| WORDS[w % WORDS.len()]).collect();
    let authors = ["alice", "meetup-fan", "bob", "Zoë"];
    let day = u8::try_from(n % 28 + 1).unwrap();
    let mut post = post(
        &format!("p{n}/2024-01-{day:02}-post.md"),
        &title.join(" "),
        authors[author % authors.len()],
        // Some dates repeat: ties within the sort order too.
        Some((2024, 1, day)),
        // ASCII: a body with an accent is read as characters, slowly (in a debug build).
        &WORDS[body % WORDS.len()].replace('é', "e"),
    );
    if let Some(tag) = tag {
        post.tags = vec![WORDS[tag % WORDS.len()].to_lowercase().into()];
    }
    post
}

fn posts() -> impl Strategy<Value = Vec<Post>> {
    prop::collection::vec(
        (
            prop::collection::vec(0..WORDS.len(), 1..4),
            0..4usize,
            prop::option::of(0..WORDS.len()),
            0..WORDS.len(),
        ),
        8..14,
    )
    .prop_map(|specs| {
        specs
            .into_iter()
            .enumerate()
            .map(|(n, (title, author, tag, body))| a_post(n, &title, author, tag, body))
            .collect()
    })
}

/// Queries of words, parts of words, typos, the special syntax and other filters.
fn query() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        4 => (0..WORDS.len(), 1..8usize).prop_map(|(w, n)| WORDS[w].chars().take(n).collect()),
        1 => "[a-zé]{1,5}",
        1 => (0..WORDS.len()).prop_map(|w| format!("!{}", WORDS[w])),
        1 => (0..WORDS.len()).prop_map(|w| format!("^{}", &WORDS[w][..2])),
        1 => (0..WORDS.len()).prop_map(|w| format!("{}$", WORDS[w])),
        1 => (0..WORDS.len()).prop_map(|w| format!("'{}", WORDS[w])),
        1 => Just("author:a".to_string()),
        1 => Just("me\\".to_string()),
    ];
    (
        prop::collection::vec(token, 1..4),
        prop::option::of(0..WORDS.len()),
    )
        .prop_map(|(tokens, body)| {
            let mut query = tokens.join(" ");
            if let Some(body) = body {
                query.push_str(" body:");
                query.push_str(&WORDS[body][..3]);
            }
            query
        })
}

/// The posts with what the store derives from them, their bodies made long (three
/// are over a slice, so that `body:` searches a slice at a time) once that is derived:
/// the rubric of a long body takes a while, and the filter does not read it.
fn prepared(posts: &[Post]) -> Vec<(Post, Prepared)> {
    let questions = PostStore::default().questions;
    let filler = "zzzz zz zzz ".repeat(36_000);
    posts
        .iter()
        .map(|post| {
            let prepared = Prepared::of(post, &questions);
            let mut post = post.clone();
            post.body.insert_str(0, &filler);
            (post, prepared)
        })
        .collect()
}

fn store_of(posts: &[(Post, Prepared)], sort: SortOrder) -> PostStore {
    let mut store = PostStore::default();
    store.extend_prepared(posts.to_vec());
    store.set_sort(sort);
    store
}

fn fresh(posts: &[(Post, Prepared)], sort: SortOrder, text: &str) -> Vec<usize> {
    let mut store = store_of(posts, sort);
    store.set_filter(text);
    store.finish_search();
    store.visible.clone()
}

const SORTS: [SortOrder; 4] = [
    SortOrder::NewestFirst,
    SortOrder::OldestFirst,
    SortOrder::Title,
    SortOrder::Author,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Typing a letter at a time (each key narrowing the last result, a `body:`
    /// search going on between keys for a random number of slices), then deleting,
    /// ends with what filtering at once gives: the same posts in the same order.
    #[test]
    fn filter_rank_typing_and_searching_give_the_fresh_order(
        posts in posts(),
        query in query(),
        sort in 0..4usize,
        steps in prop::collection::vec(0..3usize, 64),
        back in 0..6usize,
    ) {
        let sort = SORTS[sort];
        let posts = prepared(&posts);
        let mut store = store_of(&posts, sort);
        for (n, (at, _)) in query.char_indices().skip(1).chain([(query.len(), ' ')]).enumerate() {
            store.set_filter(&query[..at]);
            for _ in 0..steps[n % steps.len()] {
                store.step_search();
            }
        }
        let found_so_far = store.visible.clone();
        store.finish_search();
        let want = fresh(&posts, sort, &query);
        prop_assert_eq!(&store.visible, &want, "query {:?}", query);
        // What a search under way shows is in the final order already.
        let kept: Vec<usize> = want.iter().copied().filter(|i| found_so_far.contains(i)).collect();
        prop_assert_eq!(&found_so_far, &kept, "while searching {:?}", query);
        // Backspace, a letter at a time.
        let mut text = query.clone();
        for _ in 0..back {
            if text.pop().is_none() {
                break;
            }
            store.set_filter(&text);
            store.step_search();
        }
        store.finish_search();
        prop_assert_eq!(&store.visible, &fresh(&posts, sort, &text), "back to {:?}", text);
    }

    /// A result is ranked: ranks never go down the list, and equal ranks keep the
    /// sort order; and cycling the sort only reorders the ties.
    #[test]
    fn filter_rank_orders_by_rank_then_sort_order(
        posts in posts(),
        query in query(),
        sort in 0..4usize,
    ) {
        let sort = SORTS[sort];
        let posts = prepared(&posts);
        let mut store = store_of(&posts, sort);
        let order = store.visible.clone();
        store.set_filter(&query);
        store.finish_search();
        let filter = Filter::parse(&query);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut scratch = Scratch::default();
        let ranks: Vec<Option<u32>> = posts
            .iter()
            .map(|(post, _)| {
                let rank = filter.rank(post, &Haystacks::of(post), &mut matcher, &mut scratch);
                rank.filter(|_| filter.body_matches(post, &mut matcher, &mut scratch))
            })
            .collect();
        let keys: Vec<_> = store
            .visible
            .iter()
            .map(|&i| (ranks[i], order.iter().position(|&o| o == i)))
            .collect();
        prop_assert!(keys.iter().all(|(rank, _)| rank.is_some()));
        prop_assert!(keys.windows(2).all(|w| w[0] < w[1]), "{:?} for {:?}", keys, query);
        prop_assert_eq!(ranks.iter().flatten().count(), store.visible.len());
        // Another sort: the same posts, ranked alike.
        let mut before = store.visible.clone();
        store.set_sort(sort.next());
        store.finish_search();
        let mut after = store.visible.clone();
        prop_assert!(after.windows(2).all(|w| ranks[w[0]] <= ranks[w[1]]));
        before.sort_unstable();
        after.sort_unstable();
        prop_assert_eq!(before, after);
    }

    /// A word is looked for in one field at a time: a post passing a plain word has it,
    /// fuzzily, within its title, its author or its tags alone (nucleo agrees); and a
    /// post that has it as it is typed in one of them passes.
    #[test]
    fn filter_rank_words_match_within_one_field(
        title in "[a-zA-Zéü -]{0,30}",
        author in "[a-zA-Z-]{0,10}",
        tag in "[a-z]{0,8}",
        word in "[a-zA-Zé]{1,5}",
    ) {
        let post = tagged(post("a/b.md", &title, &author, None, ""), &[&tag]);
        let hay = Haystacks::of(&post);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let ours = Filter::parse(&word).matches(&post, &hay, &mut matcher, &mut Vec::new());
        let atom = Atom::new(&word, CaseMatching::Smart, Normalization::Smart, AtomKind::Fuzzy, false);
        // The categories and tags are one field.
        let tags = format!("reflection {tag}");
        let fields = [title.as_str(), author.as_str(), tags.as_str()];
        let fuzzy_in_one = fields
            .iter()
            .any(|f| atom.score(Utf32String::from(*f).slice(..), &mut matcher).is_some());
        let has_capital = word.chars().any(char::is_uppercase);
        let exactly_in_one = fields.iter().any(|f| {
            if has_capital { f.contains(&word) } else { f.to_lowercase().contains(&word) }
        });
        if ours {
            prop_assert!(fuzzy_in_one, "{:?} passed {:?}", word, fields);
        }
        if exactly_in_one {
            prop_assert!(ours, "{:?} missed {:?}", word, fields);
        }
    }
}

/// `count` posts of every kind of title, author and tag, and what the store derives
/// from them.
fn many_posts(count: usize) -> Vec<(Post, Prepared)> {
    let questions = PostStore::default().questions;
    (0..count)
        .map(|n| a_post(n, &[n % 7, n / 7 % 5, n / 35], n % 4, Some(n / 3), 0))
        .map(|post| {
            let prepared = Prepared::of(&post, &questions);
            (post, prepared)
        })
        .collect()
}

/// What `query` shows, ranking each post on its own: by rank, ties in `order`.
fn ranked_one_by_one(posts: &[(Post, Prepared)], order: &[usize], query: &str) -> Vec<usize> {
    let filter = Filter::parse(query);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut scratch = Scratch::default();
    let mut want: Vec<(u32, usize)> = order
        .iter()
        .filter_map(|&i| {
            let post = &posts[i].0;
            let rank = filter.rank(post, &Haystacks::of(post), &mut matcher, &mut scratch)?;
            Some((rank, i))
        })
        .collect();
    want.sort_by_key(|&(rank, _)| rank);
    want.into_iter().map(|(_, i)| i).collect()
}

/// Past a few thousand posts the store ranks them on every core: the list comes out
/// as ranking them one by one gives, however the work was shared out.
#[test]
fn filter_rank_a_big_store_ranks_as_one_post_at_a_time_does() {
    let posts = many_posts(9_000);
    let mut store = store_of(&posts, SortOrder::Title);
    let order = store.visible.clone();
    for query in ["meet", "mee", "py night", "author:bob !rust", "caf", "zz"] {
        store.set_filter(query);
        store.finish_search();
        let want = ranked_one_by_one(&posts, &order, query);
        assert_eq!(store.visible, want, "{query:?}");
        assert!(query == "zz" || !want.is_empty(), "{query:?} finds posts");
    }
}

/// A folder too big to rank within a keystroke is ranked a slice at a time between
/// keys: the list keeps its last result meanwhile, the status line says so, and
/// typing on while it ranks (a letter more, or another word) ends where ranking each
/// post on its own does.
#[test]
fn filter_rank_a_folder_too_big_for_one_keystroke_is_ranked_between_keys() {
    let posts = many_posts(20_000);
    let mut store = store_of(&posts, SortOrder::NewestFirst);
    let order = store.visible.clone();
    store.set_filter("caf");
    store.finish_search();
    let cafe = store.visible.clone();
    assert_eq!(cafe, ranked_one_by_one(&posts, &order, "caf"));

    // Another word: ranking starts, the list still shows the last result.
    store.set_filter("meet");
    assert!(store.is_searching());
    assert_eq!(store.visible, cafe);
    let (doing, done, total) = store.search_progress().unwrap();
    assert_eq!((doing, done, total), ("filtering", 0, 20_000));
    store.step_search();
    let (_, done, _) = store.search_progress().unwrap();
    assert!(done > 0 && done < 20_000, "a slice: {done}");
    // A letter more while it ranks: narrowed from what "meet" kept and had still to
    // rank, not from the list on screen (the posts of "caf").
    store.set_filter("meetu");
    store.step_search();
    store.set_filter("meetup");
    assert_eq!(store.visible, cafe);
    store.finish_search();
    let want = ranked_one_by_one(&posts, &order, "meetup");
    assert!(
        want.iter().any(|i| !cafe.contains(i)),
        "it finds posts the list on screen did not have"
    );
    assert_eq!(store.visible, want);

    // Backspace goes back to a result only once it was finished.
    store.set_filter("meetu");
    store.finish_search();
    assert_eq!(store.visible, ranked_one_by_one(&posts, &order, "meetu"));
    // With `body:`, the bodies are read once the ranking is done.
    store.set_filter("meetup body:meet");
    store.finish_search();
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut scratch = Scratch::default();
    let filter = Filter::parse("meetup body:meet");
    let with_body: Vec<usize> = ranked_one_by_one(&posts, &order, "meetup body:meet")
        .into_iter()
        .filter(|&i| filter.body_matches(&posts[i].0, &mut matcher, &mut scratch))
        .collect();
    assert_eq!(store.visible, with_body);
}

/// A folder loading with a filter on (as after a reload): each batch of posts is
/// ranked as it comes, a slice per turn of the loop, and the list keeps up, past what
/// one slice ranks too. (Ranking every post again at each batch never finished while
/// the load went on, and the list stood still.)
#[test]
fn filter_rank_a_folder_loading_under_a_filter_keeps_the_list_up_to_date() {
    let posts = many_posts(20_000);
    let mut store = PostStore::default();
    store.set_filter("meet");
    for batch in posts.chunks(2_000) {
        store.extend_prepared(batch.to_vec());
        // One turn of the loop: one slice of ranking.
        store.step_search();
        assert!(!store.is_searching(), "{} posts", store.posts.len());
        let order: Vec<usize> = {
            let mut all = PostStore::default();
            all.extend_prepared(posts[..store.posts.len()].to_vec());
            all.visible.clone()
        };
        let want = ranked_one_by_one(&posts, &order, "meet");
        assert_eq!(store.visible, want, "{} posts", store.posts.len());
    }
}
