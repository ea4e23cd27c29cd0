//! Carrying out the filter. A keystroke only sets it up when there is much to do:
//! past [`RANK_AT_ONCE`] posts, they are ranked a slice at a time, and a `body:`
//! filter reads bodies a slice at a time, between key presses. The loop looks for a
//! key before each slice, so typing never waits for the whole folder. While the
//! posts are ranked the list keeps the last result it finished; once bodies are
//! read, the list starts empty and the posts whose bodies match are added as they
//! are found.

use nucleo_matcher::{Config, Matcher};
use rayon::prelude::*;

use super::PostStore;
use super::bodies::Bodies;
use crate::app::filter::Scratch;

/// A filter under way.
#[derive(Debug)]
pub(super) enum Search {
    /// Ranking titles, authors and fields: the posts before `next` (by index) are done.
    Ranking { next: usize },
    /// Reading the bodies of the posts passing the rest of the filter, in the list's
    /// order (by rank, then sort order): `visible` fills in that order.
    Bodies { candidates: Vec<usize>, next: usize },
}

/// Bodies read per slice: about a millisecond of matching. A filter over fewer bytes
/// than this is done at once.
const SEARCH_SLICE_BYTES: usize = 1024 * 1024;

/// Posts ranked per slice, on every core: about a millisecond on two.
const RANK_SLICE: usize = 8 * 1024;
/// A filter with no more posts than this to rank is done within the keystroke (half
/// a millisecond on one core).
const RANK_AT_ONCE: usize = 2 * 1024;

/// The rank of a post the filter leaves out.
const NO_RANK: u32 = u32::MAX;
/// The rank of a post still to rank.
const TO_RANK: u32 = u32::MAX - 1;
/// From this many posts in a slice they are ranked on every core.
const PARALLEL_RANK_FROM: usize = 4 * 1024;
/// From this many posts passing, they are put in order on every core.
const PARALLEL_SORT_FROM: usize = 32 * 1024;

impl PostStore {
    /// True while a filter is still being carried out.
    pub fn is_searching(&self) -> bool {
        self.search.is_some()
    }

    /// How far a filter under way got: what it is doing ("filtering" while it ranks,
    /// "searching" while it reads bodies), how many posts it did, and of how many.
    pub fn search_progress(&self) -> Option<(&'static str, usize, usize)> {
        match self.search.as_ref()? {
            Search::Ranking { next } => Some(("filtering", *next, self.ranks.len())),
            Search::Bodies { candidates, next } => Some(("searching", *next, candidates.len())),
        }
    }

    /// Does the next slice of a filter under way. False when there was none.
    pub fn step_search(&mut self) -> bool {
        match self.search.take() {
            None => return false,
            Some(Search::Ranking { next }) => self.rank_slice(next, RANK_SLICE),
            Some(Search::Bodies { candidates, next }) => {
                self.read_bodies(candidates, next, SEARCH_SLICE_BYTES)
            }
        }
        true
    }

    /// Finishes a filter under way (scripts wait for it, as for the load).
    pub fn finish_search(&mut self) {
        while self.step_search() {}
    }

    /// Starts filtering again, and finishes at once unless there is much to do.
    /// `narrowing`: the filter only added to the one before, so only what that one
    /// kept (or had still to look at) is looked at.
    pub(super) fn refilter(&mut self, narrowing: bool) {
        let unfinished = self.search.take();
        if self.filter.is_empty() {
            self.visible.clone_from(&self.order);
            return;
        }
        let count = self.posts.len();
        let ranks = &mut self.ranks;
        let to_rank = match (narrowing, unfinished) {
            (true, Some(Search::Ranking { .. })) if ranks.len() == count => {
                // The filter being ranked narrowed: what it left out stays out, what it
                // kept or had still to rank is ranked again.
                let mut to_rank = 0;
                for rank in ranks.iter_mut().filter(|rank| **rank != NO_RANK) {
                    *rank = TO_RANK;
                    to_rank += 1;
                }
                to_rank
            }
            (true, unfinished @ (None | Some(Search::Bodies { .. }))) => {
                // What the shorter filter showed; what a body search under way found,
                // and what it had still to read.
                ranks.clear();
                ranks.resize(count, NO_RANK);
                let unchecked = match &unfinished {
                    Some(Search::Bodies { candidates, next }) => &candidates[*next..],
                    _ => &[],
                };
                for &i in self.visible.iter().chain(unchecked) {
                    ranks[i] = TO_RANK;
                }
                self.visible.len() + unchecked.len()
            }
            _ => {
                ranks.clear();
                ranks.resize(count, TO_RANK);
                count
            }
        };
        // A filter of bodies alone has nothing to rank. A big job is left to the loop:
        // the keystroke only set it up.
        if to_rank <= RANK_AT_ONCE || self.filter.only_bodies() {
            self.rank_slice(0, usize::MAX);
        } else {
            self.search = Some(Search::Ranking { next: 0 });
        }
    }

    /// Goes on filtering after posts from index `first_new` on were added (a folder
    /// loading): a ranking under way takes them in, and a finished one ranks only them.
    /// Ranking every post again at each batch meant that past a slice's worth of posts
    /// the ranking never finished until the load did, and the list stood still. A
    /// filter that reads bodies starts again.
    pub(super) fn refilter_added(&mut self, first_new: usize) {
        let ranked_before = self.ranks.len() == first_new
            && matches!(self.search, None | Some(Search::Ranking { .. }));
        if self.filter.is_empty() || self.filter.reads_bodies() || !ranked_before {
            return self.refilter(false);
        }
        self.ranks.resize(self.posts.len(), TO_RANK);
        let next = match self.search.take() {
            Some(Search::Ranking { next }) => next,
            _ => first_new,
        };
        if self.posts.len() - next <= RANK_AT_ONCE {
            self.rank_slice(next, usize::MAX);
        } else {
            self.search = Some(Search::Ranking { next });
        }
    }

    /// Ranks the posts from index `start`, `count` of them, then goes on to the
    /// bodies when every post is ranked.
    fn rank_slice(&mut self, start: usize, count: usize) {
        let end = start.saturating_add(count).min(self.ranks.len());
        let (filter, posts, hay) = (&self.filter, &self.posts, &self.hay);
        let only_bodies = filter.only_bodies();
        // The posts are read in the order they are kept in memory, not in the list's:
        // read in a random order, ten thousand posts spend most of their time waiting
        // for memory.
        let rank_one = |i: usize, rank: &mut u32, matcher: &mut Matcher, scratch: &mut Scratch| {
            if *rank == TO_RANK {
                *rank = if only_bodies {
                    0
                } else {
                    filter
                        .rank(&posts[i], &hay[i], matcher, scratch)
                        .unwrap_or(NO_RANK)
                };
            }
        };
        let slice = &mut self.ranks[start..end];
        // What is left to rank, not the slice's length: after a narrowing most of a
        // big folder is left out already, and a matcher per task costs more than that.
        let to_rank = slice.iter().filter(|&&rank| rank == TO_RANK).count();
        if to_rank >= PARALLEL_RANK_FROM && !only_bodies {
            // Every core, each with its own matcher and scratch space, in chunks big
            // enough that making those costs nothing beside the matching.
            slice
                .par_iter_mut()
                .enumerate()
                .with_min_len(PARALLEL_RANK_FROM / 4)
                .for_each_init(
                    || (Matcher::new(Config::DEFAULT), Scratch::default()),
                    |(matcher, scratch), (k, rank)| rank_one(start + k, rank, matcher, scratch),
                );
        } else {
            let (matcher, scratch) = (&mut self.matcher, &mut self.scratch);
            for (k, rank) in slice.iter_mut().enumerate() {
                rank_one(start + k, rank, matcher, scratch);
            }
        }
        if end < self.ranks.len() {
            self.search = Some(Search::Ranking { next: end });
        } else {
            self.finish_ranking();
        }
    }

    /// Every post is ranked: the ones passing in the list's order, by rank with ties
    /// in sort order, whatever order they were ranked in (a narrowed list, what a
    /// search under way had still to check), so that narrowing and searching a slice
    /// at a time end in the order a fresh filter gives. Then their bodies, if the
    /// filter reads them.
    fn finish_ranking(&mut self) {
        let (ranks, order) = (&self.ranks, &self.order);
        let candidates: Vec<usize> = if self.filter.ranks() {
            // One sort of (rank, place in the sort order) numbers.
            let mut keys: Vec<u64> = order
                .iter()
                .enumerate()
                .filter(|&(_, &i)| ranks[i] != NO_RANK)
                .map(|(place, &i)| (u64::from(ranks[i]) << 32) | place as u64)
                .collect();
            if keys.len() >= PARALLEL_SORT_FROM {
                keys.par_sort_unstable();
            } else {
                keys.sort_unstable();
            }
            keys.into_iter()
                .map(|key| order[(key & u64::from(u32::MAX)) as usize])
                .collect()
        } else {
            order
                .iter()
                .copied()
                .filter(|&i| ranks[i] != NO_RANK)
                .collect()
        };
        if !self.filter.reads_bodies() {
            self.visible = candidates;
            return;
        }
        self.visible.clear();
        let bytes: usize = candidates.iter().map(|&i| self.bodies.length(i)).sum();
        if bytes > SEARCH_SLICE_BYTES {
            self.search = Some(Search::Bodies {
                candidates,
                next: 0,
            });
        } else {
            // Few enough to read now, as a slice would (its files on every core).
            self.read_bodies(candidates, 0, usize::MAX);
        }
    }

    /// Reads the bodies of `candidates` from `next` on, about `budget` bytes of them,
    /// adding the posts that match to `visible`.
    fn read_bodies(&mut self, candidates: Vec<usize>, next: usize, budget: usize) {
        let (filter, posts, bodies) = (&self.filter, &self.posts, &self.bodies);
        let (matcher, scratch) = (&mut self.matcher, &mut self.scratch);
        let mut end = next;
        let mut bytes = 0;
        while bytes < budget
            && let Some(&i) = candidates.get(end)
        {
            end += 1;
            bytes += bodies.length(i);
        }
        // Bodies left in their files are read on every core; matching is quick.
        let read: Vec<_> = candidates[next..end]
            .par_iter()
            .map(|&i| bodies.read(i, &posts[i]))
            .collect();
        for (&i, read) in candidates[next..end].iter().zip(&read) {
            // The candidates passed the rest of the filter already.
            if filter.text_matches(Bodies::text(read, &posts[i]), matcher, scratch) {
                self.visible.push(i);
            }
        }
        let next = end;
        if next < candidates.len() {
            self.search = Some(Search::Bodies { candidates, next });
        }
    }
}
