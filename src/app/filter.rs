//! The list filter: fuzzy over title, author, categories and tags (nucleo-matcher),
//! narrowed by `author:NAME` and `tag:NAME`, or a full-text search of the bodies
//! with `body:WORDS` (everything after `body:` is one case-insensitive phrase).
//! `status:NAME` keeps the posts with that review status (a prefix is enough:
//! `status:flag`; several `status:` terms keep posts with any of them). `is:new` keeps
//! the posts added or changed since the review file was last opened.

use crate::post::PostDate;
use crate::post::filename::parse_date_value;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Matcher, Utf32Str, Utf32String};

use crate::post::Post;
use crate::review::ReviewStatus;

/// The text of a post the filter looks at, prepared once when the post arrives.
#[derive(Debug, Clone)]
pub struct Haystacks {
    /// Title, author, categories and tags, space separated.
    pub all: Utf32String,
    pub author: Utf32String,
    /// Categories and tags.
    pub tags: Utf32String,
    /// The post's review status, kept current by the app as reviews change.
    pub review: ReviewStatus,
    /// Added or changed since the review file was last opened (set by the app).
    pub new: bool,
}

impl Haystacks {
    pub fn of(post: &Post) -> Self {
        let tags = post
            .categories
            .iter()
            .chain(post.tags.iter())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        let all = format!("{} {} {}", post.title, post.author, tags);
        Self {
            all: Utf32String::from(all.as_str()),
            author: Utf32String::from(post.author.as_str()),
            tags: Utf32String::from(tags.as_str()),
            review: ReviewStatus::default(),
            new: false,
        }
    }
}

/// A parsed filter query.
#[derive(Debug, Default)]
pub struct Filter {
    pub text: String,
    general: Option<Pattern>,
    author: Vec<Atom>,
    tag: Vec<Atom>,
    body: Option<Atom>,
    /// From `status:` terms; `None` for a name that is no status (matches nothing).
    statuses: Vec<Option<ReviewStatus>>,
    /// `after:YYYY-MM-DD` (that day or later) and `before:YYYY-MM-DD` (earlier days);
    /// `Some(None)` for a date that cannot be read (matches nothing, until it can).
    after: Option<Option<PostDate>>,
    before: Option<Option<PostDate>>,
    /// From `is:` terms: `Some(true)` for `is:new`, `Some(false)` for a name that is
    /// none of them (matches nothing).
    is: Option<bool>,
}

impl Filter {
    pub fn parse(text: &str) -> Self {
        let (head, body) = match text.find("body:") {
            Some(at) => (&text[..at], Some(text[at + "body:".len()..].trim())),
            None => (text, None),
        };
        let fuzzy = |needle: &str| {
            Atom::new(
                needle,
                CaseMatching::Smart,
                Normalization::Smart,
                AtomKind::Fuzzy,
                false,
            )
        };
        let mut general = Vec::new();
        let mut author = Vec::new();
        let mut tag = Vec::new();
        let mut statuses = Vec::new();
        let (mut after, mut before) = (None, None);
        let mut is = None;
        for token in head.split_whitespace() {
            if let Some(name) = token.strip_prefix("author:") {
                if !name.is_empty() {
                    author.push(fuzzy(name));
                }
            } else if let Some(name) = token.strip_prefix("tag:") {
                if !name.is_empty() {
                    tag.push(fuzzy(name));
                }
            } else if let Some(date) = token.strip_prefix("after:") {
                after = Some(parse_date_value(date));
            } else if let Some(date) = token.strip_prefix("before:") {
                before = Some(parse_date_value(date));
            } else if let Some(name) = token.strip_prefix("is:") {
                if !name.is_empty() {
                    let known = "new".starts_with(&name.to_lowercase());
                    is = Some(is.unwrap_or(true) && known);
                }
            } else if let Some(name) = token.strip_prefix("status:") {
                if !name.is_empty() {
                    statuses.push(status_named(name));
                }
            } else {
                general.push(token);
            }
        }
        let general = (!general.is_empty()).then(|| {
            Pattern::parse(
                &general.join(" "),
                CaseMatching::Smart,
                Normalization::Smart,
            )
        });
        let body = body.filter(|b| !b.is_empty()).map(|phrase| {
            Atom::new(
                phrase,
                CaseMatching::Ignore,
                Normalization::Smart,
                AtomKind::Substring,
                false,
            )
        });
        Self {
            text: text.to_string(),
            general,
            author,
            tag,
            body,
            statuses,
            after,
            before,
            is,
        }
    }

    /// True when the filter reads the posts' bodies (`body:`), the costly part.
    pub fn reads_bodies(&self) -> bool {
        self.body.is_some()
    }

    /// True when the filter looks at what the review knows of the posts (their
    /// status, `is:new`): a change to it refilters.
    pub fn uses_review(&self) -> bool {
        !self.statuses.is_empty() || self.is.is_some()
    }

    /// True when the filter lets every post through.
    pub fn is_empty(&self) -> bool {
        self.general.as_ref().is_none_or(|p| p.atoms.is_empty())
            && self.author.is_empty()
            && self.tag.is_empty()
            && self.body.is_none()
            && self.statuses.is_empty()
            && self.after.is_none()
            && self.before.is_none()
            && self.is.is_none()
    }

    /// Whether a post passes. `buf` is scratch space for non-ASCII bodies.
    pub fn matches(
        &self,
        post: &Post,
        hay: &Haystacks,
        matcher: &mut Matcher,
        buf: &mut Vec<char>,
    ) -> bool {
        if let Some(general) = &self.general
            && !general
                .atoms
                .iter()
                .all(|a| passes(a, hay.all.slice(..), matcher))
        {
            return false;
        }
        if !self
            .author
            .iter()
            .all(|a| passes(a, hay.author.slice(..), matcher))
        {
            return false;
        }
        if !self
            .tag
            .iter()
            .all(|a| passes(a, hay.tags.slice(..), matcher))
        {
            return false;
        }
        if !self.statuses.is_empty() && !self.statuses.contains(&Some(hay.review)) {
            return false;
        }
        if let Some(new) = self.is
            && !(new && hay.new)
        {
            return false;
        }
        // An undated post is never after or before anything; an unreadable day
        // matches nothing.
        let dated =
            |day: Option<PostDate>, keep: fn(PostDate, PostDate) -> bool| match (post.date, day) {
                (Some(date), Some(day)) => keep(date, day),
                _ => false,
            };
        if let Some(after) = self.after
            && !dated(after, |date, day| date >= day)
        {
            return false;
        }
        if let Some(before) = self.before
            && !dated(before, |date, day| date < day)
        {
            return false;
        }
        if let Some(body) = &self.body
            && body
                .score(Utf32Str::new(&post.body, buf), matcher)
                .is_none()
        {
            return false;
        }
        true
    }

    /// Whether the posts passing `new` are surely a subset of those passing `self`,
    /// so filtering can start from the current result (typing one more letter).
    pub fn narrows_to(&self, new: &str) -> bool {
        match new.strip_prefix(self.text.as_str()) {
            // A date being typed goes from unreadable (nothing) to a real day (some).
            Some(added) => {
                !self.text.is_empty()
                    && !added.chars().any(|c| matches!(c, ':' | '!' | '\\'))
                    && !self.text.contains("after:")
                    && !self.text.contains("before:")
            }
            None => false,
        }
    }

    /// Character positions in `text` to highlight (for the title and author columns).
    pub fn highlights(&self, text: &str, is_author: bool, matcher: &mut Matcher) -> Vec<u32> {
        let mut buf = Vec::new();
        let hay = Utf32Str::new(text, &mut buf);
        let mut indices = Vec::new();
        if let Some(general) = &self.general {
            for atom in &general.atoms {
                if !atom.negative {
                    atom.indices(hay, matcher, &mut indices);
                }
            }
        }
        if is_author {
            for atom in &self.author {
                atom.indices(hay, matcher, &mut indices);
            }
        }
        indices.sort_unstable();
        indices.dedup();
        indices
    }
}

/// The status whose name starts with `name` (case-insensitive; `needs_revision`
/// and `needs revision` spell `needs-revision`).
fn status_named(name: &str) -> Option<ReviewStatus> {
    let wanted = name.to_lowercase().replace(['_', ' '], "-");
    ReviewStatus::ALL
        .into_iter()
        .find(|status| status.as_str().starts_with(&wanted))
}

/// Whether `haystack` passes one atom. The list keeps its sort order, so only
/// yes or no matters: a plain fuzzy atom uses nucleo's greedy matcher, which
/// finds a match exactly when the optimal (scoring) one does, in linear time.
fn passes(atom: &Atom, haystack: Utf32Str<'_>, matcher: &mut Matcher) -> bool {
    if atom.kind != AtomKind::Fuzzy || atom.negative {
        return atom.score(haystack, matcher).is_some();
    }
    let needle = atom.needle_text();
    // What `CaseMatching::Smart` and `Normalization::Smart` decided for this needle.
    matcher.config.ignore_case = !needle.chars().any(char::is_uppercase);
    matcher.config.normalize = needle.chars().all(|c| c.is_ascii());
    matcher.fuzzy_match_greedy(haystack, needle).is_some()
}
