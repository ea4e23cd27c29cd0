//! The list filter. Plain words are ranked matches over each post's title, author and
//! tags (categories and tags); `author:NAME` and `tag:NAME` narrow by field (fuzzy,
//! nucleo-matcher), `body:WORDS` searches the bodies (everything after `body:` is one
//! case-insensitive phrase). `status:NAME` keeps the posts with that review status (a
//! prefix is enough: `status:flag`; several `status:` terms keep posts with any of
//! them). `is:new` keeps the posts added or changed since the review file was last
//! opened. `after:`/`before:` keep posts by date. These other terms only filter.
//!
//! # Ranking the plain words
//!
//! Each plain word (a *term*, split as nucleo's [`Pattern::parse`] splits, so `'sub`,
//! `^prefix`, `suffix$`, `^exact$` and `\ ` keep their meaning) is looked for in each
//! field on its own, never across the fields. Its match in a field has a quality, best
//! first:
//!
//! 0. **word**: the term is a whole word of the field (words split on
//!    non-alphanumerics);
//! 1. **prefix**: the term starts a word;
//! 2. **substring**: the term is anywhere in the field;
//! 3. **fuzzy**: the term's letters appear in order in the field, each one right after
//!    the letter before it, at most [`MAX_SKIP`] letters further on, or at the start of
//!    a word (see `fuzzy` for why fuzzy matching is bounded).
//!
//! Comparing is case-insensitive (Unicode simple case folding) and ignores accents
//! (`zurich` finds "Zürich"), except that, as nucleo's "smart" settings do and the
//! filter always did, a term with a capital letter matches case, and a term with an
//! accent matches accents. `'sub` is never fuzzy, `^pre` must start a field, `suf$` end
//! it, `^exact$` be all of it. A negated term (`!word`) only excludes: the posts whose
//! title, author or tags contain it (nucleo's substring, over the three together, as
//! before).
//!
//! A term's rank in a post is `quality × 3 + field` (title 0, author 1, tags 2) at the
//! best field, so quality comes first, and between equal qualities the title beats the
//! author beats the tags: an exact tag word (rank 2) outranks a title prefix (rank 3).
//! A post passes when every term matches some field; its rank is the **sum** of its
//! terms' ranks: a post matching every term well beats one matching one term perfectly
//! and another poorly, and no term counts more for being typed first. The list shows
//! the passing posts by rank, ties in the list's sort order, so `s` orders the ties.
//! Without plain words every passing post ranks 0: the list keeps its sort order.

use crate::post::PostDate;
use crate::post::filename::parse_date_value;
use nucleo_matcher::chars;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Matcher, Utf32Str};
use smallvec::SmallVec;

use crate::post::Post;
use crate::review::ReviewStatus;

/// One of the fields plain words are ranked in, with what comparing needs.
#[derive(Debug, Clone, Copy)]
struct Field<'a> {
    /// The field's characters folded (lower case, accents removed) one for one, so
    /// a character position here is one in the field as written.
    folded: &'a str,
    /// The field as written (read only for the less usual terms).
    written: &'a str,
}

/// A post's title, author, and categories and tags, as written: what `author:`,
/// `tag:`, negated words and the less usual terms read. They are read from the post
/// itself (see [`Written::of`]); keeping a copy took about a hundred bytes a post.
#[derive(Debug, Clone, Copy)]
struct Written<'a>([&'a str; FIELDS]);

impl<'a> Written<'a> {
    /// `post`'s fields as written, its categories and tags joined into `tags`.
    fn of(post: &'a Post, tags: &'a mut String) -> Self {
        join_tags(post, tags);
        Self([&post.title, &post.author, tags])
    }

    /// Only the title and author (for what never reads the tags).
    fn without_tags(post: &'a Post) -> Self {
        Self([&post.title, &post.author, ""])
    }
}

/// `post`'s categories then tags, space separated, into `out`.
fn join_tags(post: &Post, out: &mut String) {
    out.clear();
    for (n, tag) in post.categories.iter().chain(&post.tags).enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(tag);
    }
}

impl<'a> Field<'a> {
    /// The field as written.
    fn text(self) -> &'a str {
        self.written
    }

    /// The field as `term` compares it: the prepared folding for the usual
    /// (lower-case, unaccented) term, else folded into `scratch`.
    fn as_seen(self, term: &Term, scratch: &'a mut String) -> &'a str {
        if term.ignore_case && term.normalize {
            self.folded
        } else {
            scratch.clear();
            scratch.extend(
                self.text()
                    .chars()
                    .map(|c| fold(c, term.ignore_case, term.normalize)),
            );
            scratch
        }
    }
}

/// What the ranked fields are, in the order they rank.
const TITLE: usize = 0;
const AUTHOR: usize = 1;
const TAGS: usize = 2;
const FIELDS: usize = 3;

/// How many bytes of folded fields a post keeps in place, in the list of posts: a
/// keystroke reads every post's, and reading them in a separate allocation each
/// waits for memory (several times slower for 10,000 posts) where reading them in
/// place, post after post, does not.
const IN_PLACE: usize = 96;

/// The fields plain words are ranked in, folded in place (see [`IN_PLACE`]; longer
/// ones go to the heap). The less usual terms read them as written from the post.
#[derive(Debug, Clone)]
struct Fields {
    /// The folded title, author and tags, one after the other (UTF-8).
    folded: SmallVec<[u8; IN_PLACE]>,
    /// Where each folded part ends.
    ends: [u32; FIELDS],
}

impl Fields {
    fn of(parts: [&str; FIELDS]) -> Self {
        let mut folded = String::new();
        let mut ends = [0; FIELDS];
        for (n, part) in parts.iter().enumerate() {
            folded.extend(part.chars().map(crate::post::sort_fold));
            ends[n] = folded.len() as u32;
        }
        Self {
            folded: SmallVec::from_slice(folded.as_bytes()),
            ends,
        }
    }

    /// Where folded part `n` is (see `ends`).
    fn range(&self, n: usize) -> std::ops::Range<usize> {
        let start = if n == 0 { 0 } else { self.ends[n - 1] };
        start as usize..self.ends[n] as usize
    }

    /// The folded title, author and tags (checked as UTF-8 once per post, not per
    /// field: the check is a good part of a keystroke).
    fn folded(&self) -> &str {
        // Made from a `str`: always UTF-8.
        std::str::from_utf8(&self.folded).unwrap_or_default()
    }

    /// Field `index`, given [`Fields::folded`] and the fields as written.
    fn field<'a>(&'a self, folded: &'a str, written: Written<'a>, index: usize) -> Field<'a> {
        Field {
            folded: folded.get(self.range(index)).unwrap_or_default(),
            written: written.0[index],
        }
    }

    fn get<'a>(&'a self, written: Written<'a>, index: usize) -> Field<'a> {
        self.field(self.folded(), written, index)
    }

    /// Folded part `index`, as bytes (not checked as UTF-8: comparing them is
    /// sorting, where a check per comparison would cost more than the comparison).
    fn folded_part(&self, index: usize) -> &[u8] {
        self.folded.get(self.range(index)).unwrap_or_default()
    }
}

/// The text of a post the filter looks at, prepared once when the post arrives.
#[derive(Debug, Clone)]
pub struct Haystacks {
    /// Title, author, and categories and tags, where plain words are ranked and
    /// `author:`, `tag:` and negated words look (kept once: a copy for each of those
    /// took about a hundred bytes a post).
    fields: Fields,
    /// The post's review status, kept current by the app as reviews change.
    pub review: ReviewStatus,
    /// Added or changed since the review file was last opened (set by the app).
    pub new: bool,
}

impl Haystacks {
    /// The title as the filter folds it, as UTF-8 bytes (which sort as its
    /// characters do): a sort key, kept once for the filter and the sort.
    pub fn folded_title(&self) -> &[u8] {
        self.fields.folded_part(TITLE)
    }

    /// The author as the filter folds it (see [`Haystacks::folded_title`]).
    pub fn folded_author(&self) -> &[u8] {
        self.fields.folded_part(AUTHOR)
    }

    pub fn of(post: &Post) -> Self {
        let mut tags = String::new();
        join_tags(post, &mut tags);
        Self {
            fields: Fields::of([&post.title, &post.author, &tags]),
            review: ReviewStatus::default(),
            new: false,
        }
    }
}

/// Scratch space for filtering, kept between posts so matching does not allocate.
#[derive(Debug, Default)]
pub struct Scratch {
    /// A field folded for a term that is not the usual lower-case one.
    folded: String,
    /// The characters of a field, for fuzzy matching.
    hay: Vec<char>,
    /// Fuzzy matching's table (see `fuzzy`).
    cells: Vec<u32>,
    /// A non-ASCII body, for `body:`.
    body: Vec<char>,
    /// The characters of a field for `author:`, `tag:` or a negated word.
    chars: Vec<char>,
    /// Title, author and tags, space separated, for negated words.
    joined: String,
    /// The categories and tags as written, space separated.
    tags: String,
}

/// How well a term matches a field, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Quality {
    Word,
    Prefix,
    Substring,
    Fuzzy,
}

/// A plain word of the query.
#[derive(Debug)]
struct Term {
    /// Nucleo's reading of the word: its kind, whether negated.
    atom: Atom,
    /// What to look for, as nucleo parsed it (escapes and syntax removed).
    needle: Box<str>,
    /// `needle`'s characters, for fuzzy matching.
    chars: Box<[char]>,
    /// No capital letter in the needle: case is ignored (nucleo's smart case).
    ignore_case: bool,
    /// No accent in the needle: accents are ignored (nucleo's smart normalization).
    normalize: bool,
}

impl Term {
    fn of(atom: Atom) -> Self {
        let chars: Box<[char]> = atom.needle_text().chars().collect();
        Self {
            needle: chars.iter().collect::<String>().into(),
            ignore_case: !chars.iter().any(|&c| chars::is_upper_case(c)),
            normalize: chars.iter().all(|&c| chars::normalize(c) == c),
            chars,
            atom,
        }
    }

    /// How well this term matches `field` (`None`: not at all), trying a fuzzy match
    /// only when `fuzzy_too`; the matched character positions go to `indices` when
    /// given.
    fn find(
        &self,
        field: Field<'_>,
        scratch: &mut Scratch,
        fuzzy_too: bool,
        indices: Option<&mut Vec<u32>>,
    ) -> Option<Quality> {
        let Scratch {
            folded, hay, cells, ..
        } = scratch;
        let text = field.as_seen(self, folded);
        if let Some((quality, at)) = occurrence(text, &self.needle, self.atom.kind) {
            if let Some(indices) = indices {
                let start = text[..at].chars().count() as u32;
                indices.extend(start..start + self.chars.len() as u32);
            }
            return Some(quality);
        }
        (fuzzy_too
            && self.atom.kind == AtomKind::Fuzzy
            && fuzzy(text, &self.chars, hay, cells, indices))
        .then_some(Quality::Fuzzy)
    }

    /// The term's rank in a post (see the module's documentation), `None` when it
    /// matches no field.
    fn rank(
        &self,
        fields: &Fields,
        folded: &str,
        written: Written<'_>,
        scratch: &mut Scratch,
    ) -> Option<u32> {
        let mut best: Option<u32> = None;
        for index in 0..FIELDS {
            if best.is_some_and(|b| b <= index as u32) {
                // This field and the next can do no better.
                break;
            }
            // A fuzzy match here ranks below any match in a field before.
            let field = fields.field(folded, written, index);
            if let Some(quality) = self.find(field, scratch, best.is_none(), None) {
                let rank = quality as u32 * FIELDS as u32 + index as u32;
                best = Some(best.map_or(rank, |b| b.min(rank)));
            }
        }
        best
    }
}

/// Folds a character as nucleo compares it: accents removed (`normalize`), then
/// lower case (`ignore_case`); always one character for one.
fn fold(c: char, ignore_case: bool, normalize: bool) -> char {
    let c = if normalize { chars::normalize(c) } else { c };
    if ignore_case {
        chars::to_lower_case(c)
    } else {
        c
    }
}

/// The best place `needle` occurs in `hay` for an atom of `kind` (`Prefix` only at
/// the start, `Postfix` only at the end, `Exact` as the whole), with its quality and
/// byte offset. Fuzzy atoms look for the needle anywhere, as substrings do.
fn occurrence(hay: &str, needle: &str, kind: AtomKind) -> Option<(Quality, usize)> {
    // A needle starting (ending) with a separator starts (ends) a word wherever it is.
    let first_alnum = needle.chars().next().is_some_and(char::is_alphanumeric);
    let last_alnum = needle
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    let quality = |at: usize| {
        let starts = !first_alnum
            || !hay[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        let ends = !last_alnum
            || !hay[at + needle.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        match (starts, ends) {
            (true, true) => Quality::Word,
            (true, false) => Quality::Prefix,
            _ => Quality::Substring,
        }
    };
    match kind {
        AtomKind::Exact => (hay == needle).then_some((Quality::Word, 0)),
        AtomKind::Prefix => hay.starts_with(needle).then(|| (quality(0), 0)),
        AtomKind::Postfix => hay.ends_with(needle).then(|| {
            let at = hay.len() - needle.len();
            (quality(at), at)
        }),
        _ => {
            let mut best: Option<(Quality, usize)> = None;
            let mut from = 0;
            while let Some(at) = find_bytes(hay.as_bytes(), needle.as_bytes(), from) {
                let q = quality(at);
                if best.is_none_or(|(b, _)| q < b) {
                    best = Some((q, at));
                    if q == Quality::Word {
                        break;
                    }
                }
                // Occurrences may overlap ("ana" in "banana ana").
                from = at + 1;
            }
            best
        }
    }
}

/// Where `needle` first occurs in `hay` at or after byte `from`. Fields are short:
/// a scan for the first byte beats setting up `str::find`'s searcher, which took
/// most of a keystroke's time. Both are UTF-8, so a match starts on a character.
fn find_bytes(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let last = hay.len().checked_sub(needle.len())?;
    let mut at = from;
    while at <= last {
        at += hay[at..=last].iter().position(|&b| b == first)?;
        if &hay[at + 1..at + needle.len()] == rest {
            return Some(at);
        }
        at += 1;
    }
    None
}

/// How many letters a fuzzy match may skip between two matched letters, unless the
/// second starts a word.
pub const MAX_SKIP: usize = 2;

/// Whether `needle` fuzzy-matches `hay` (both folded alike), and where (to `indices`).
///
/// Plain subsequence matching (nucleo's) lets letters scattered over a long title
/// match: "meetup" is in "**M**achin**e** l**e**arning wi**t**h TensorFlow,
/// **up**dated project". Ranking such matches last is not enough: a search that shows
/// them at all shows junk. So a fuzzy match must stay tight: each matched letter after
/// the first comes at most [`MAX_SKIP`] letters after the one before it (a letter or
/// two left out: "metup", "mtup"), or starts a word (initials and abbreviations:
/// "rstnght" for "Rust night", "fm" for "First meetup"). A score threshold on nucleo's
/// score would do something similar but depends on the needle's length and bonuses in
/// ways that are hard to predict, and would not keep the filter's promise that typing
/// one more letter never brings back a post (narrowing): here a match of a longer
/// needle always contains one of its prefix.
///
/// The search is a table over needle letters × field letters: which positions each
/// letter can take, with the position of the letter before it (for `indices`); for
/// a yes or no over a field of at most 64 letters, the same with bits (see
/// [`fuzzy_bits`]).
fn fuzzy(
    hay: &str,
    needle: &[char],
    chars: &mut Vec<char>,
    cells: &mut Vec<u32>,
    indices: Option<&mut Vec<u32>>,
) -> bool {
    if indices.is_none() && hay.len() <= 64 && hay.is_ascii() {
        return !needle.is_empty() && fuzzy_bits(hay.as_bytes(), needle);
    }
    // Most fields are not even a subsequence: reject those without the table.
    let mut rest = hay.chars();
    if needle.is_empty() || !needle.iter().all(|&n| rest.any(|c| c == n)) {
        return false;
    }
    chars.clear();
    chars.extend(hay.chars());
    let (n, m) = (needle.len(), chars.len());
    const NONE: u32 = u32::MAX;
    cells.clear();
    cells.resize(n * m, NONE);
    for (i, &c) in chars.iter().enumerate() {
        if c == needle[0] {
            cells[i] = i as u32;
        }
    }
    let starts_word =
        |i: usize| chars[i].is_alphanumeric() && (i == 0 || !chars[i - 1].is_alphanumeric());
    for j in 1..n {
        // The earliest and the latest position the letter before can take, left of `i`.
        let (mut earliest, mut latest) = (None, None);
        for i in 0..m {
            if chars[i] == needle[j] {
                let before = match latest {
                    Some(p) if i - p - 1 <= MAX_SKIP => Some(p),
                    _ if starts_word(i) => earliest,
                    _ => None,
                };
                if let Some(p) = before {
                    cells[j * m + i] = p as u32;
                }
            }
            if cells[(j - 1) * m + i] != NONE {
                earliest.get_or_insert(i);
                latest = Some(i);
            }
        }
    }
    let Some(last) = (0..m).find(|&i| cells[(n - 1) * m + i] != NONE) else {
        return false;
    };
    if let Some(indices) = indices {
        let mut i = last;
        for j in (0..n).rev() {
            indices.push(i as u32);
            i = cells[j * m + i] as usize;
        }
    }
    true
}

/// [`fuzzy`]'s yes or no for an ASCII field of at most 64 letters, a bit per
/// letter: the positions each needle letter can take are those holding it that are
/// at most `MAX_SKIP + 1` after a position the letter before could take, or start a
/// word after one. Every post's title goes through this for a needle that is not in
/// it ("met" in "Meetup reflection"), so it is kept to a few operations per letter.
fn fuzzy_bits(hay: &[u8], needle: &[char]) -> bool {
    let at = |c: char| -> u64 {
        let Ok(c) = u8::try_from(c) else {
            return 0;
        };
        hay.iter()
            .enumerate()
            .fold(0, |mask, (i, &b)| mask | u64::from(b == c) << i)
    };
    let words = hay.iter().enumerate().fold(0u64, |mask, (i, b)| {
        let starts = b.is_ascii_alphanumeric() && (i == 0 || !hay[i - 1].is_ascii_alphanumeric());
        mask | u64::from(starts) << i
    });
    let mut can = at(needle[0]);
    for &c in &needle[1..] {
        if can == 0 {
            return false;
        }
        let near = (1..=MAX_SKIP as u32 + 1).fold(0, |mask, d| mask | can << d);
        let first = can & can.wrapping_neg();
        let after_first = !(first | (first - 1));
        can = at(c) & (near | (words & after_first));
    }
    can != 0
}

/// A parsed filter query.
#[derive(Debug, Default)]
pub struct Filter {
    pub text: String,
    /// The plain words.
    terms: Vec<Term>,
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
    /// Ranking reads the categories and tags as written (`tag:`, negated words,
    /// words with capitals or accents); joining them is left out of the usual key.
    reads_written_tags: bool,
    /// Why a term matches nothing (a date or a name it cannot read), for the status
    /// line: the list is empty for a reason the user can see.
    problem: Option<String>,
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
        let mut problem = None;
        let mut unreadable = |why: String| {
            problem.get_or_insert(why);
        };
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
                if after == Some(None) {
                    unreadable(format!("`{token}`: write a date, after:YYYY-MM-DD"));
                }
            } else if let Some(date) = token.strip_prefix("before:") {
                before = Some(parse_date_value(date));
                if before == Some(None) {
                    unreadable(format!("`{token}`: write a date, before:YYYY-MM-DD"));
                }
            } else if let Some(name) = token.strip_prefix("is:") {
                if !name.is_empty() {
                    let known = "new".starts_with(&name.to_lowercase());
                    if !known {
                        unreadable(format!("`{token}`: the only `is:` term is is:new"));
                    }
                    is = Some(is.unwrap_or(true) && known);
                }
            } else if let Some(name) = token.strip_prefix("status:") {
                if !name.is_empty() {
                    let status = status_named(name);
                    if status.is_none() {
                        let names = ReviewStatus::ALL.map(ReviewStatus::as_str).join(", ");
                        unreadable(format!("`{token}` is no review status: {names}"));
                    }
                    statuses.push(status);
                }
            } else {
                general.push(token);
            }
        }
        let terms = Pattern::parse(
            &general.join(" "),
            CaseMatching::Smart,
            Normalization::Smart,
        )
        .atoms
        .into_iter()
        .map(Term::of)
        .collect::<Vec<Term>>();
        let body = body.filter(|b| !b.is_empty()).map(|phrase| {
            Atom::new(
                phrase,
                CaseMatching::Ignore,
                Normalization::Smart,
                AtomKind::Substring,
                false,
            )
        });
        let reads_written_tags = !tag.is_empty()
            || terms
                .iter()
                .any(|term| term.atom.negative || !(term.ignore_case && term.normalize));
        Self {
            text: text.to_string(),
            terms,
            author,
            tag,
            body,
            statuses,
            after,
            before,
            is,
            reads_written_tags,
            problem,
        }
    }

    /// Why a term of the filter matches nothing, when one cannot be read.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
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

    /// True when posts passing the filter can rank differently (it has plain words
    /// that are not negated); otherwise every post ranks 0.
    pub fn ranks(&self) -> bool {
        self.terms.iter().any(|t| !t.atom.negative)
    }

    /// True when every post passes all of the filter but `body:`, ranked 0.
    pub fn only_bodies(&self) -> bool {
        self.terms.is_empty()
            && self.author.is_empty()
            && self.tag.is_empty()
            && self.statuses.is_empty()
            && self.after.is_none()
            && self.before.is_none()
            && self.is.is_none()
    }

    /// True when the filter lets every post through.
    pub fn is_empty(&self) -> bool {
        self.only_bodies() && self.body.is_none()
    }

    /// Whether a post passes. `buf` is scratch space for non-ASCII bodies.
    pub fn matches(
        &self,
        post: &Post,
        hay: &Haystacks,
        matcher: &mut Matcher,
        buf: &mut Vec<char>,
    ) -> bool {
        let mut scratch = Scratch {
            body: std::mem::take(buf),
            ..Scratch::default()
        };
        let passes = self.rank(post, hay, matcher, &mut scratch).is_some()
            && self.body_matches(post, matcher, &mut scratch);
        *buf = scratch.body;
        passes
    }

    /// The post's rank (lower first; see the module's documentation) when it passes
    /// every part of the filter but `body:` (see [`Filter::body_matches`]).
    pub fn rank(
        &self,
        post: &Post,
        hay: &Haystacks,
        matcher: &mut Matcher,
        scratch: &mut Scratch,
    ) -> Option<u32> {
        let mut tags = std::mem::take(&mut scratch.tags);
        let written = if self.reads_written_tags {
            Written::of(post, &mut tags)
        } else {
            Written::without_tags(post)
        };
        let rank = self.rank_reading(post, hay, written, matcher, scratch);
        scratch.tags = tags;
        rank
    }

    /// [`Filter::rank`], given the post's fields as written.
    fn rank_reading(
        &self,
        post: &Post,
        hay: &Haystacks,
        written: Written<'_>,
        matcher: &mut Matcher,
        scratch: &mut Scratch,
    ) -> Option<u32> {
        for (atoms, part) in [(&self.author, AUTHOR), (&self.tag, TAGS)] {
            if atoms.is_empty() {
                continue;
            }
            let written = utf32(written.0[part], &mut scratch.chars);
            if !atoms.iter().all(|a| passes(a, written, matcher)) {
                return None;
            }
        }
        if !self.statuses.is_empty() && !self.statuses.contains(&Some(hay.review)) {
            return None;
        }
        if let Some(new) = self.is
            && !(new && hay.new)
        {
            return None;
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
            return None;
        }
        if let Some(before) = self.before
            && !dated(before, |date, day| date < day)
        {
            return None;
        }
        // Negated words first: they are cheap, and end the post's chances.
        let (negated, wanted) = (
            self.terms.iter().filter(|t| t.atom.negative),
            self.terms.iter().filter(|t| !t.atom.negative),
        );
        let mut negated = negated.peekable();
        if negated.peek().is_some() {
            let joined = &mut scratch.joined;
            joined.clear();
            for part in [TITLE, AUTHOR, TAGS] {
                if part != TITLE {
                    joined.push(' ');
                }
                joined.push_str(written.0[part]);
            }
            let all = Padded::of(joined, &mut scratch.chars);
            if !negated.all(|term| passes(&term.atom, all.for_atom(&term.atom), matcher)) {
                return None;
            }
        }
        let mut rank = 0;
        let mut folded = None;
        for term in wanted {
            let folded = *folded.get_or_insert_with(|| hay.fields.folded());
            rank += term.rank(&hay.fields, folded, written, scratch)?;
        }
        Some(rank)
    }

    /// Whether the post's body has the `body:` phrase (true without one).
    pub fn body_matches(&self, post: &Post, matcher: &mut Matcher, scratch: &mut Scratch) -> bool {
        self.text_matches(&post.body, matcher, scratch)
    }

    /// Whether `body` has the `body:` phrase (true without one).
    pub fn text_matches(&self, body: &str, matcher: &mut Matcher, scratch: &mut Scratch) -> bool {
        self.body.as_ref().is_none_or(|phrase| {
            let text = Padded::of(body, &mut scratch.body);
            phrase.score(text.for_atom(phrase), matcher).is_some()
        })
    }

    /// Whether the posts passing `new` are surely a subset of those passing `self`,
    /// so filtering can start from the current result (typing one more letter).
    pub fn narrows_to(&self, new: &str) -> bool {
        // The word being typed on: a longer negated word excludes less; after `$`
        // (the end of a field) or `\` (an escape) more letters mean something else.
        let last = self.text.split_whitespace().next_back().unwrap_or("");
        match new.strip_prefix(self.text.as_str()) {
            // A date being typed goes from unreadable (nothing) to a real day (some).
            Some(added) => {
                !self.text.is_empty()
                    && !added.chars().any(|c| matches!(c, ':' | '!' | '\\'))
                    && !last.starts_with('!')
                    && !last.ends_with(['$', '\\'])
                    && !self.text.contains("after:")
                    && !self.text.contains("before:")
            }
            None => false,
        }
    }

    /// Character positions to highlight in the title and in the author: where each
    /// plain word matched that field, and for the author, where `author:` matched.
    pub fn highlights(
        &self,
        post: &Post,
        hay: &Haystacks,
        matcher: &mut Matcher,
        scratch: &mut Scratch,
    ) -> (Vec<u32>, Vec<u32>) {
        let mut title = Vec::new();
        let mut author = Vec::new();
        // Only the title and author are highlighted.
        let written = Written::without_tags(post);
        for term in self.terms.iter().filter(|t| !t.atom.negative) {
            term.find(
                hay.fields.get(written, TITLE),
                scratch,
                true,
                Some(&mut title),
            );
            term.find(
                hay.fields.get(written, AUTHOR),
                scratch,
                true,
                Some(&mut author),
            );
        }
        if !self.author.is_empty() {
            let mut buf = Vec::new();
            let text = utf32(&post.author, &mut buf);
            for atom in &self.author {
                atom.indices(text, matcher, &mut author);
            }
        }
        for indices in [&mut title, &mut author] {
            indices.sort_unstable();
            indices.dedup();
        }
        (title, author)
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

/// `text` as the matcher reads it, as `Utf32String::from` makes it: its bytes when
/// ASCII, else the first character of each grapheme, in `buf`. (`Utf32Str::new` calls
/// text ASCII when those characters are, though its bytes are not.)
fn utf32<'a>(text: &'a str, buf: &'a mut Vec<char>) -> Utf32Str<'a> {
    Padded::of(text, buf).text
}

/// A haystack as the matcher reads it, and the same with a space after it.
///
/// nucleo-matcher 0.3.1 never finds a substring that ends a haystack that is not
/// ASCII (its search leaves out the last place the substring can start): `!python`
/// kept a post tagged `café python`. A substring atom is given the padded haystack;
/// other kinds (`$` anchors the end) the text as it is.
#[derive(Clone, Copy)]
struct Padded<'a> {
    text: Utf32Str<'a>,
    padded: Utf32Str<'a>,
}

impl<'a> Padded<'a> {
    fn of(text: &'a str, buf: &'a mut Vec<char>) -> Self {
        if text.is_ascii() {
            let text = Utf32Str::Ascii(text.as_bytes());
            return Self { text, padded: text };
        }
        buf.clear();
        buf.extend(nucleo_matcher::chars::graphemes(text));
        buf.push(' ');
        let buf: &'a [char] = buf;
        Self {
            text: Utf32Str::Unicode(&buf[..buf.len() - 1]),
            padded: Utf32Str::Unicode(buf),
        }
    }

    fn for_atom(self, atom: &Atom) -> Utf32Str<'a> {
        if atom.kind == AtomKind::Substring {
            self.padded
        } else {
            self.text
        }
    }
}

/// Whether `haystack` passes one atom (of `author:`, `tag:` or a negated word). Only
/// yes or no matters: a plain fuzzy atom uses nucleo's greedy matcher, which finds a
/// match exactly when the optimal (scoring) one does, in linear time.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn quality(needle: &str, hay: &str) -> Option<Quality> {
        let filter = Filter::parse(needle);
        let fields = Fields::of([hay, "", ""]);
        let written = Written([hay, "", ""]);
        filter.terms[0].find(fields.get(written, 0), &mut Scratch::default(), true, None)
    }

    fn indices(needle: &str, hay: &str) -> Vec<u32> {
        let filter = Filter::parse(needle);
        let mut out = Vec::new();
        filter.terms[0].find(
            Fields::of([hay, "", ""]).get(Written([hay, "", ""]), 0),
            &mut Scratch::default(),
            true,
            Some(&mut out),
        );
        out.sort_unstable();
        out
    }

    /// `post`'s rank under the filter `query`.
    fn rank_of(post: &Post, query: &str) -> Option<u32> {
        Filter::parse(query).rank(
            post,
            &Haystacks::of(post),
            &mut Matcher::new(nucleo_matcher::Config::DEFAULT),
            &mut Scratch::default(),
        )
    }

    /// `author:`, `tag:` and negated words look at the fields as written, ASCII or
    /// not, and a negated word at all of them together.
    #[test]
    fn author_tag_and_negated_words_read_the_fields_as_written() {
        let post = Post {
            title: "Night at the meetup".into(),
            author: "Zoë Ångström".into(),
            categories: vec!["café".into()],
            tags: vec!["python".into()],
            ..Post::default()
        };
        let passes = |query: &str| rank_of(&post, query).is_some();
        for query in [
            "author:zoe",
            "author:Ångström",
            "tag:café",
            "tag:pyth",
            "!rust",
            "meetup !java",
        ] {
            assert!(passes(query), "{query}");
        }
        for query in [
            "author:bob",
            "tag:rust",
            "!café",
            "!zoë",
            "!night",
            "!python",
            "author:night",
        ] {
            assert!(!passes(query), "{query}");
        }
        // The end of a text that is not ASCII is searched too (see `Padded`), and a
        // `$` still anchors at the very end.
        for query in ["!ython", "!python$", "!Ångström café python$"] {
            assert!(!passes(query), "{query}");
        }
        let body = Post {
            body: "Straße, then python".into(),
            ..Post::default()
        };
        let found = |phrase: &str| {
            Filter::parse(&format!("body:{phrase}")).body_matches(
                &body,
                &mut Matcher::new(nucleo_matcher::Config::DEFAULT),
                &mut Scratch::default(),
            )
        };
        assert!(found("python") && found("then python") && !found("pythons"));
    }

    /// Terms with capitals or accents compare with each field as written, the tags
    /// too, which ranking reads from the post only for such terms.
    #[test]
    fn terms_with_capitals_or_accents_read_the_tags_as_written() {
        let post = Post {
            title: "Night at the meetup".into(),
            author: "zoe".into(),
            categories: vec!["Café".into()],
            tags: vec!["PyData".into(), "python".into()],
            ..Post::default()
        };
        let rank = |query: &str| rank_of(&post, query);
        for query in [
            "Café",
            "Cafe",
            "PyData",
            "Data",
            "café",
            "pydata",
            "cafe python",
        ] {
            assert!(rank(query).is_some(), "{query}");
        }
        for query in ["PYDATA", "Rust", "CAFÉ"] {
            assert!(rank(query).is_none(), "{query}");
        }
        // Found in the tags, the third field: ranked after a match in the title.
        let in_tags = rank("PyData").unwrap();
        assert!(rank("Night").unwrap() < in_tags, "{in_tags}");
    }

    #[test]
    fn filter_qualities_word_prefix_substring_fuzzy() {
        assert_eq!(
            quality("meetup", "Python meetup reflection"),
            Some(Quality::Word)
        );
        assert_eq!(quality("meetup", "My first meetups"), Some(Quality::Prefix));
        assert_eq!(
            quality("meetup", "premeetup notes"),
            Some(Quality::Substring)
        );
        assert_eq!(quality("mtup", "The meetup"), Some(Quality::Fuzzy));
        assert_eq!(quality("meetup", "meetup-fan"), Some(Quality::Word));
        // The best occurrence wins, wherever it is.
        assert_eq!(quality("ana", "banana ana"), Some(Quality::Word));
        // Case and accents are ignored for a lower-case, unaccented word...
        assert_eq!(quality("zurich", "ZÜRICH meetup"), Some(Quality::Word));
        assert_eq!(quality("éclair", "ÉCLAIR"), Some(Quality::Word));
        // ...but a capital or an accent in the word is matched as typed.
        assert_eq!(quality("Meetup", "meetup"), None);
        assert_eq!(quality("zürich", "Zurich"), None);
    }

    #[test]
    fn filter_fuzzy_matches_stay_tight() {
        let junk = "Machine learning with TensorFlow, updated project";
        assert_eq!(quality("meetup", junk), None);
        assert_eq!(quality("rstnght", "Rust night"), Some(Quality::Fuzzy));
        assert_eq!(quality("fm", "First meetup"), Some(Quality::Fuzzy));
        assert_eq!(quality("mp", "mabp"), Some(Quality::Fuzzy));
        assert_eq!(quality("mp", "mabcp"), None);
        assert_eq!(quality("mp", "mabc pear"), Some(Quality::Fuzzy));
        // Special syntax is never fuzzy.
        assert_eq!(quality("'mtup", "meetup"), None);
        assert_eq!(quality("^meet", "The meetup"), None);
        assert_eq!(quality("^the", "The meetup"), Some(Quality::Word));
        assert_eq!(quality("up$", "The meetup"), Some(Quality::Substring));
        assert_eq!(quality("^the\\ meetup$", "The meetup"), Some(Quality::Word));
    }

    #[test]
    fn filter_highlights_what_matched() {
        assert_eq!(indices("night", "Rust night"), [5, 6, 7, 8, 9]);
        assert_eq!(indices("mtup", "meetup"), [0, 3, 4, 5]);
        assert_eq!(indices("rn", "Rust night"), [0, 5]);
        // Character positions, not bytes.
        assert_eq!(indices("up", "Zürich up"), [7, 8]);
    }

    proptest::proptest! {
        /// The bits and the table agree.
        #[test]
        fn filter_fuzzy_bits_agree_with_the_table(
            hay in "[a-e -]{0,64}",
            needle in "[a-e-]{1,6}",
        ) {
            let needle: Vec<char> = needle.chars().collect();
            let mut indices = Vec::new();
            let table = fuzzy(&hay, &needle, &mut Vec::new(), &mut Vec::new(), Some(&mut indices));
            proptest::prop_assert_eq!(fuzzy_bits(hay.as_bytes(), &needle), table);
            // And where the table found the letters, they are the needle, in order.
            indices.sort_unstable();
            let found: Vec<char> = indices.iter().map(|&i| hay.as_bytes()[i as usize] as char).collect();
            if table {
                proptest::prop_assert_eq!(found, needle);
            }
        }
    }

    #[test]
    fn filter_narrowing_refuses_what_could_widen() {
        let filter = Filter::parse("!mee");
        assert!(!filter.narrows_to("!meet"));
        assert!(!Filter::parse("mee$").narrows_to("mee$t"));
        assert!(!Filter::parse("mee\\").narrows_to("mee\\ t"));
        assert!(Filter::parse("mee").narrows_to("meet"));
        assert!(Filter::parse("mee").narrows_to("mee$"));
    }
}
