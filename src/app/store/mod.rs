//! The posts the app shows: kept in arrival order, with a sorted and a filtered
//! view as index lists, so a batch of new posts or a keystroke in the filter never
//! moves or copies the posts themselves.

use std::cmp::Ordering;
use std::path::Path;

use nucleo_matcher::{Config, Matcher};

mod bodies;
mod paths;
mod rubrics;
mod search;

use self::paths::PathIndex;
use self::search::Search;
use super::filter::{Filter, Haystacks, Scratch};
use crate::post::Post;
use crate::review::Rubric;

/// The sort orders `s` cycles through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    #[default]
    NewestFirst,
    OldestFirst,
    Title,
    Author,
}

impl SortOrder {
    pub fn next(self) -> Self {
        match self {
            SortOrder::NewestFirst => SortOrder::OldestFirst,
            SortOrder::OldestFirst => SortOrder::Title,
            SortOrder::Title => SortOrder::Author,
            SortOrder::Author => SortOrder::NewestFirst,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortOrder::NewestFirst => "newest first",
            SortOrder::OldestFirst => "oldest first",
            SortOrder::Title => "title",
            SortOrder::Author => "author",
        }
    }
}

/// What the store derives from a post (filter haystacks, which are also its sort
/// keys, and the rubric against the reflection's `questions` unless it is left for
/// later). The loader computes it on its worker threads, so the loop only files posts
/// away and drawing only reads.
#[derive(Debug, Clone)]
pub struct Prepared {
    hay: Haystacks,
    /// `None` until measured (see [`PostStore::measure_rubrics`]).
    rubric: Option<Rubric>,
    fingerprint: u64,
    /// The body's length, and whether it was left in its file (see [`bodies`]).
    body_len: usize,
    body_on_disk: bool,
}

impl Prepared {
    pub fn of(post: &Post, questions: &[String]) -> Self {
        Self {
            rubric: Some(Rubric::of(&post.body, questions)),
            ..Self::listing(post)
        }
    }

    /// What listing the post needs; its rubric is measured later. Judging a
    /// reflection's answers is most of the work of reading a folder, and the list does
    /// not wait for it.
    pub fn listing(post: &Post) -> Self {
        Self {
            hay: Haystacks::of(post),
            rubric: None,
            fingerprint: crate::review::seen::fingerprint(&post.front_matter, &post.body),
            body_len: post.body.len(),
            body_on_disk: false,
        }
    }

    /// Drops `post`'s body, which the store will read again from its file when it
    /// needs it (see [`bodies`]). What is prepared from the body was done first.
    pub fn leave_body_on_disk(&mut self, post: &mut Post) {
        // An empty body has nothing to read again (nor has a link out of the folder
        // the loader listed without reading).
        self.body_on_disk = !post.body.is_empty();
        post.body = String::new();
    }
}

/// The posts, their sorted order and the filtered view.
#[derive(Debug)]
pub struct PostStore {
    pub posts: Vec<Post>,
    /// What the filter looks at in each post; its folded title and author are also
    /// the sort keys.
    hay: Vec<Haystacks>,
    /// Each post's rubric against `questions`, once measured.
    rubrics: Vec<Option<Rubric>>,
    /// No post before this one is waiting for its rubric.
    measured_up_to: usize,
    /// Each post's [fingerprint](crate::review::seen::fingerprint), for `is:new`.
    fingerprints: Vec<u64>,
    /// Each post's index by its path (a bulk change to tagged posts looks up hundreds).
    by_path: PathIndex,
    /// Where each post's body is: in memory, or in its file.
    bodies: bodies::Bodies,
    /// The site around the folder: its settings decide URLs, defaults and collisions,
    /// and the Liquid in posts reads them.
    pub site: crate::site::Site,
    /// The reflection's questions the rubrics are measured against.
    pub questions: Vec<String>,
    /// Every post, in sort order (indexes into `posts`).
    order: Vec<usize>,
    /// The posts passing the filter, best ranked first, ties in sort order: what the
    /// list shows.
    pub visible: Vec<usize>,
    pub sort: SortOrder,
    pub filter: Filter,
    pub with_problems: usize,
    /// How many posts there were when the rules across posts last ran.
    linted_posts: usize,
    matcher: Matcher,
    scratch: Scratch,
    /// Each post's rank under the filter (or that it is left out, or still to rank), by index.
    ranks: Vec<u32>,
    /// Earlier, shorter filters and what they showed, so backspace is instant.
    /// Emptied whenever the posts or their order change.
    history: Vec<(String, Vec<usize>)>,
    /// A filter still being carried out, a slice per turn of the loop.
    search: Option<Search>,
}

impl Default for PostStore {
    fn default() -> Self {
        Self {
            posts: Vec::new(),
            hay: Vec::new(),
            rubrics: Vec::new(),
            measured_up_to: 0,
            fingerprints: Vec::new(),
            bodies: bodies::Bodies::default(),
            by_path: PathIndex::default(),
            site: crate::site::Site::default(),
            questions: crate::assignment::DEFAULT_QUESTIONS
                .iter()
                .map(|q| q.to_string())
                .collect(),
            order: Vec::new(),
            visible: Vec::new(),
            sort: SortOrder::default(),
            filter: Filter::default(),
            with_problems: 0,
            linted_posts: 0,
            matcher: Matcher::new(Config::DEFAULT),
            scratch: Scratch::default(),
            ranks: Vec::new(),
            history: Vec::new(),
            search: None,
        }
    }
}

impl PostStore {
    /// An empty store whose rubrics measure posts against `questions`.
    pub fn measuring(questions: Vec<String>) -> Self {
        Self {
            questions,
            ..Self::default()
        }
    }

    pub fn clear(&mut self) {
        let sort = self.sort;
        let filter = std::mem::take(&mut self.filter);
        let questions = std::mem::take(&mut self.questions);
        let site = std::mem::take(&mut self.site);
        let source = self.bodies.take_source();
        *self = Self::default();
        self.bodies.set_source(source);
        self.sort = sort;
        self.filter = filter;
        self.questions = questions;
        self.site = site;
    }

    /// Adds posts and updates the views.
    pub fn extend(&mut self, posts: impl IntoIterator<Item = Post>) {
        let questions = self.questions.clone();
        self.extend_prepared(posts.into_iter().map(|post| {
            let prepared = Prepared::of(&post, &questions);
            (post, prepared)
        }));
    }

    /// Room for `total` posts in all, so a big folder's lists grow once: doubling as
    /// posts arrive held the old copy beside the new one at each step (this, and a
    /// script's load filed in batches, took the heap's peak for 10,000 posts from 82
    /// to 70 MB).
    pub fn reserve(&mut self, total: usize) {
        let more = total.saturating_sub(self.posts.len());
        self.posts.reserve_exact(more);
        self.hay.reserve_exact(more);
        self.rubrics.reserve_exact(more);
        self.fingerprints.reserve_exact(more);
        self.order.reserve_exact(more);
        self.bodies.reserve(more);
        self.by_path.reserve(more, &self.posts);
    }

    /// Adds posts already prepared, and updates the views.
    pub fn extend_prepared(&mut self, posts: impl IntoIterator<Item = (Post, Prepared)>) {
        self.append(posts, true);
    }

    /// Adds a batch of posts the loader delivered, and updates the views. The rules
    /// across posts run again only once the store has doubled since they last ran (a
    /// pass over every post for each batch made filing 100,000 posts quadratic), and
    /// always when the load is over ([`Self::finish`]).
    pub fn extend_loading(&mut self, posts: impl IntoIterator<Item = (Post, Prepared)>) {
        self.append(posts, false);
    }

    fn append(&mut self, posts: impl IntoIterator<Item = (Post, Prepared)>, relint_now: bool) {
        let first_new = self.posts.len();
        for (post, prepared) in posts {
            self.hay.push(prepared.hay);
            self.rubrics.push(prepared.rubric);
            self.fingerprints.push(prepared.fingerprint);
            self.bodies.push(prepared.body_on_disk, prepared.body_len);
            self.posts.push(post);
            self.by_path.insert(self.posts.len() - 1, &self.posts);
        }
        if first_new == self.posts.len() {
            return;
        }
        if self.measured_up_to == first_new {
            let waiting = self.rubrics[first_new..].iter().position(Option::is_none);
            self.measured_up_to = waiting.map_or(self.rubrics.len(), |k| first_new + k);
        }
        if relint_now || self.posts.len() >= 2 * self.linted_posts {
            self.relint();
        } else {
            // Their own problems meanwhile; collisions with others come with the next run.
            let new_problems = self.posts[first_new..].iter().filter(|p| p.has_problems());
            self.with_problems += new_problems.count();
        }
        self.file_in_order(first_new);
        self.refilter_added(first_new);
    }

    /// Replaces one post (after an edit) in place.
    pub fn replace(&mut self, index: usize, post: Post) {
        let prepared = Prepared::of(&post, &self.questions);
        self.hay[index] = prepared.hay;
        self.rubrics[index] = prepared.rubric;
        self.fingerprints[index] = prepared.fingerprint;
        let dropped = self.bodies.replaced(index, post.body.len());
        for old in dropped {
            self.posts[old].body = String::new();
        }
        self.by_path.remove(index, &self.posts);
        self.posts[index] = post;
        self.by_path.insert(index, &self.posts);
        self.relint();
        self.sort_order();
        self.refilter(false);
    }

    /// The load is over. The cross-post rules already ran as the posts arrived; this
    /// runs them once more, for callers that fill `posts` directly.
    pub fn finish(&mut self) {
        self.relint();
    }

    /// Runs the lint rules that need all posts (slug and URL collisions) again and
    /// counts the posts with problems. Every change to `posts` ends with it: a post
    /// read again from its file has only its own diagnostics, and a change to one post
    /// can start or end a collision with another. The rules replace what they added
    /// before, so running them again never doubles a diagnostic.
    pub fn relint(&mut self) {
        crate::post::check::add_collision_diagnostics(&mut self.posts, &self.site);
        self.with_problems = self.posts.iter().filter(|p| p.has_problems()).count();
        self.linted_posts = self.posts.len();
    }

    pub fn set_sort(&mut self, sort: SortOrder) {
        self.sort = sort;
        self.sort_order();
        self.refilter(false);
    }

    /// Sets the filter text; only the posts still shown are checked when the new
    /// text just adds letters.
    pub fn set_filter(&mut self, text: &str) {
        let narrowing = self.filter.narrows_to(text);
        if narrowing {
            // Only finished results are worth coming back to.
            if self.search.is_none() {
                self.history
                    .push((self.filter.text.clone(), self.visible.clone()));
            }
        } else if self.history.last().is_some_and(|(t, _)| t == text) {
            // Backspace back to a filter already computed.
            let (_, visible) = self.history.pop().unwrap_or_default();
            self.filter = Filter::parse(text);
            self.visible = visible;
            self.search = None;
            return;
        } else {
            self.history.clear();
        }
        self.filter = Filter::parse(text);
        self.refilter(narrowing);
    }

    pub fn position_of(&self, post: usize) -> Option<usize> {
        self.visible.iter().position(|&p| p == post)
    }

    /// The rubric of the post at `index` (into `posts`).
    pub fn rubric(&self, index: usize) -> Option<&Rubric> {
        self.rubrics[index].as_ref()
    }

    /// The posts with their fingerprints, for the record `is:new` compares with.
    pub fn fingerprints(&self) -> impl Iterator<Item = (&Post, u64)> {
        self.posts.iter().zip(self.fingerprints.iter().copied())
    }

    /// The URL within the site (with `baseurl`, without the host) of what a post's
    /// `{% post_url %}` or `{% link %}` names: a post of the folder, or for `link`, a page
    /// of the site. `None` without site settings or when nothing matches.
    pub fn url_of(&self, reference: crate::liquid::Reference<'_>) -> Option<String> {
        let config = self.site.config.as_ref()?;
        let relative = |post: &Post| {
            let url = post.url.as_deref()?;
            Some(
                url.strip_prefix(config.url.trim_end_matches('/'))
                    .unwrap_or(url)
                    .to_string(),
            )
        };
        match reference {
            crate::liquid::Reference::Post(name) => self.posts.iter().find_map(|post| {
                // Jekyll's documented form for a post in a folder: `/folder/name`.
                let name = name.trim_start_matches('/');
                let path = post.path.with_extension("");
                let path = path.to_string_lossy();
                let matches = path == name
                    || path.ends_with(&format!("/{name}"))
                    || post.path.file_stem().is_some_and(|stem| stem == name);
                if matches { relative(post) } else { None }
            }),
            crate::liquid::Reference::Path(path) => {
                let in_posts = path.strip_prefix(self.site.posts_prefix.as_str());
                if let Some(post) = in_posts
                    .and_then(|rel| self.index_of_path(Path::new(rel)))
                    .map(|index| &self.posts[index])
                {
                    return relative(post);
                }
                // A page: Jekyll writes `about.md` as `about.html`.
                Some(crate::site::page_url(config, path))
            }
        }
    }

    pub fn index_of_path(&self, path: &Path) -> Option<usize> {
        self.by_path.get(path, &self.posts)
    }

    /// Updates what the filter knows of each post's review (its status for `status:`,
    /// whether it is new for `is:new`) from `review_of`, given the post and its
    /// [fingerprint](crate::review::seen::fingerprint); refilters when one changed and
    /// the filter looks at them. True when the visible posts may have changed.
    pub fn set_review_marks(
        &mut self,
        mut review_of: impl FnMut(&Post, u64) -> (crate::review::ReviewStatus, bool),
    ) -> bool {
        let mut changed = false;
        let posts = self.posts.iter().zip(&self.fingerprints);
        for ((post, &fingerprint), hay) in posts.zip(self.hay.iter_mut()) {
            let (status, new) = review_of(post, fingerprint);
            if (hay.review, hay.new) != (status, new) {
                hay.review = status;
                hay.new = new;
                changed = true;
            }
        }
        if changed {
            // Earlier results of the filter may hold the old statuses.
            self.history.clear();
        }
        let refilter = changed && self.filter.uses_review();
        if refilter {
            self.refilter(false);
        }
        refilter
    }

    /// Title and author character positions the filter matched, for highlighting.
    pub fn highlights(&mut self, post: usize) -> (Vec<u32>, Vec<u32>) {
        if self.filter.is_empty() {
            return (Vec::new(), Vec::new());
        }
        self.filter.highlights(
            &self.posts[post],
            &self.hay[post],
            &mut self.matcher,
            &mut self.scratch,
        )
    }

    /// Puts the posts from `first_new` on in the sorted order, where a stable sort of
    /// the whole would: the new ones sorted among themselves, then each found its
    /// place by a binary search and the older ones after it moved up in one block.
    /// Sorting the whole list again for each batch of a load compared every post
    /// about twice a batch (a tenth of the loop's time filing 100,000 posts).
    fn file_in_order(&mut self, first_new: usize) {
        self.history.clear();
        let (posts, hay, sort) = (&self.posts, &self.hay, self.sort);
        let order_of =
            |a: usize, b: usize| compare(sort, (&posts[a], &hay[a]), (&posts[b], &hay[b]));
        let mut new: Vec<usize> = (first_new..posts.len()).collect();
        new.sort_by(|&a, &b| order_of(a, b));
        let order = &mut self.order;
        // The older posts not moved yet are `order[..old_end]`; the places from
        // `free_end` on are filled.
        let mut old_end = order.len();
        order.resize(old_end + new.len(), 0);
        let mut free_end = order.len();
        for &post in new.iter().rev() {
            // Older posts that sort the same stay before it, as in a stable sort.
            let at = order[..old_end].partition_point(|&o| order_of(o, post).is_le());
            let after = old_end - at;
            order.copy_within(at..old_end, free_end - after);
            free_end -= after + 1;
            order[free_end] = post;
            old_end = at;
        }
    }

    /// Sorts every post again (the order is total: ties end on the path).
    fn sort_order(&mut self) {
        self.order.clear();
        self.file_in_order(0);
    }
}

/// Newest first matches `library::sort_newest_first`: undated last, ties by title then
/// path. Titles and authors compare as the filter folds them (lower case, accents
/// taken off: see [`crate::post::compare_titles`]), from the folded text it keeps.
fn compare(sort: SortOrder, a: (&Post, &Haystacks), b: (&Post, &Haystacks)) -> Ordering {
    let (pa, ha) = a;
    let (pb, hb) = b;
    let undated_last = pb.date.is_some().cmp(&pa.date.is_some());
    let by_title = || {
        ha.folded_title()
            .cmp(hb.folded_title())
            .then_with(|| pa.path.cmp(&pb.path))
    };
    match sort {
        SortOrder::NewestFirst => undated_last
            .then_with(|| pb.date.cmp(&pa.date))
            .then_with(by_title),
        SortOrder::OldestFirst => undated_last
            .then_with(|| pa.date.cmp(&pb.date))
            .then_with(by_title),
        SortOrder::Title => ha
            .folded_title()
            .cmp(hb.folded_title())
            .then_with(|| pb.date.cmp(&pa.date))
            .then_with(|| pa.path.cmp(&pb.path)),
        SortOrder::Author => ha
            .folded_author()
            .is_empty()
            .cmp(&hb.folded_author().is_empty())
            .then_with(|| ha.folded_author().cmp(hb.folded_author()))
            .then_with(|| pb.date.cmp(&pa.date))
            .then_with(by_title),
    }
}
