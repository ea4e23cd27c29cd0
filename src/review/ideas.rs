//! Which question a heading or a paragraph is about, by meaning rather than by text.
//!
//! Students are asked to "cover questions like these", so they paraphrase the headings
//! ("What I learned", "Value after class", "Expectations vs. reality"), misspell them,
//! or write prose with no headings at all. Each question has key ideas: word stems with
//! a weight. A heading names the questions whose ideas it carries with enough weight; a
//! paragraph, more of them. Everything is local and cheap: stemming (Snowball), case and
//! punctuation folding, and one slip of typing allowed in a longer word.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

use crate::assignment::DEFAULT_QUESTIONS;

/// The weight a heading must carry for a question to count as named by it.
const HEADING_WEIGHT: f32 = 1.5;
/// The weight a paragraph must carry: long text mentions many things in passing.
const PARAGRAPH_WEIGHT: f32 = 3.0;

/// The key ideas of the five template questions, in their order: words (stemmed when
/// the ideas are built) with how strongly each points at the question.
const BUILT_IN: [&[(&str, f32)]; 5] = [
    // How did it go?
    &[
        ("went", 2.0),
        ("go", 1.0),
        ("how", 0.5),
        ("overall", 2.0),
        ("impression", 2.0),
        ("recap", 2.0),
        ("summary", 1.5),
        ("experience", 1.5),
        ("highlight", 1.5),
        ("evening", 0.5),
        ("night", 0.5),
    ],
    // What did you learn?
    &[
        ("learn", 3.0),
        ("learnt", 3.0),
        ("takeaway", 3.0),
        ("lesson", 2.0),
        ("knowledge", 2.0),
        ("insight", 2.0),
        ("discover", 1.5),
        ("skill", 1.0),
        ("new", 0.5),
    ],
    // Would you find value in this kind of event after class?
    &[
        ("value", 3.0),
        ("valuable", 3.0),
        ("worth", 2.5),
        ("worthwhile", 2.5),
        ("benefit", 2.0),
        ("useful", 2.0),
        ("recommend", 2.0),
        ("again", 2.0),
        ("class", 1.5),
        ("attend", 1.0),
    ],
    // How was the experience different from your expectations?
    &[
        ("expect", 3.0),
        ("expectation", 3.0),
        ("surprise", 2.5),
        ("different", 2.0),
        ("reality", 2.0),
        ("anticipate", 2.0),
        ("compare", 1.5),
        ("imagine", 1.5),
        ("vs", 1.0),
        ("thought", 1.0),
    ],
    // Could you see yourself becoming a member of a professional community…?
    &[
        ("member", 3.0),
        ("membership", 3.0),
        ("community", 2.5),
        ("join", 2.5),
        ("belong", 2.0),
        ("professional", 2.0),
        ("involved", 1.5),
        ("network", 1.5),
        ("future", 1.0),
    ],
];

/// Words that carry no idea of their own, left out of a site's own questions.
const STOP_WORDS: &[&str] = &[
    "a", "about", "an", "and", "are", "as", "at", "be", "by", "can", "could", "did", "do", "does",
    "for", "from", "had", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "kind",
    "like", "me", "my", "of", "on", "or", "see", "so", "that", "the", "their", "this", "to", "was",
    "were", "what", "when", "where", "which", "who", "why", "will", "with", "would", "you", "your",
    "yourself",
];

/// The key ideas of a list of questions.
pub struct Ideas {
    /// The questions as asked.
    asked: Vec<String>,
    /// Their stemmed ideas, made on first use: a post whose headings are the questions
    /// word for word never needs them, and `show` starts faster without the stemming.
    stemmed: std::cell::OnceCell<Stemmed>,
    /// What each word seen so far carries, per question: a folder's posts share most
    /// of their words, and stemming and comparing a word is the costly part.
    seen: std::cell::RefCell<Seen>,
}

/// Words seen so far, each with what it carries and the last text that counted it.
#[derive(Default)]
struct Seen {
    words: foldhash::HashMap<String, (Vec<f32>, u64)>,
    /// Which text is being read: one more for each.
    text: u64,
}

/// Words remembered at most (then forgotten all at once): bounded memory on any text.
const SEEN_MAX: usize = 50_000;

impl Ideas {
    /// Ideas for `questions`: the built-in ones for the five template questions, the
    /// question's own words (each of weight 1.5) for any other.
    pub fn of(questions: &[impl AsRef<str>]) -> Self {
        Self {
            asked: questions.iter().map(|q| q.as_ref().to_string()).collect(),
            stemmed: std::cell::OnceCell::new(),
            seen: Default::default(),
        }
    }

    fn stemmed(&self) -> &Stemmed {
        self.stemmed.get_or_init(|| Stemmed::of(&self.asked))
    }

    /// What `word` (lower case) carries for each question: the strongest idea it
    /// matches ("learned" is `learn`, never `learn` and `learnt` both).
    fn weights_of(&self, word: &str) -> Vec<f32> {
        let stemmed = self.stemmed();
        let stem = stemmed.stemmer.stem(word);
        stemmed
            .questions
            .iter()
            .map(|ideas| {
                ideas
                    .iter()
                    .filter(|(idea, _)| means(idea, &stem, word))
                    .map(|(_, weight)| *weight)
                    .fold(0.0_f32, f32::max)
            })
            .collect()
    }

    /// The questions a heading names (most often one; two for "What I learned and
    /// would I go again"), best first.
    pub fn named_by_heading(&self, heading: &str) -> Vec<usize> {
        self.carried(heading, HEADING_WEIGHT)
    }

    /// The questions a paragraph of prose answers, best first.
    pub fn answered_by_paragraph(&self, paragraph: &str) -> Vec<usize> {
        self.carried(paragraph, PARAGRAPH_WEIGHT)
    }

    fn carried(&self, text: &str, threshold: f32) -> Vec<usize> {
        let mut totals = vec![0.0_f32; self.asked.len()];
        let seen = &mut *self.seen.borrow_mut();
        if seen.words.len() > SEEN_MAX {
            seen.words.clear();
        }
        seen.text += 1;
        for word in words(text) {
            let (weights, counted_in) = match seen.words.get_mut(word.as_ref()) {
                Some(entry) => entry,
                None => {
                    let weights = self.weights_of(&word);
                    seen.words.entry(word.into_owned()).or_insert((weights, 0))
                }
            };
            // A word said twice is one idea, not two.
            if *counted_in == seen.text {
                continue;
            }
            *counted_in = seen.text;
            // The weights are halves, so the totals are exact whatever the order.
            for (total, weight) in totals.iter_mut().zip(weights.iter()) {
                *total += weight;
            }
        }
        let mut scored: Vec<(usize, f32)> = totals
            .into_iter()
            .enumerate()
            .filter(|(_, weight)| *weight >= threshold)
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1));
        // A second question counts only when it is carried nearly as strongly: "would I
        // go again" is about coming back, not about how it went.
        let best = scored.first().map_or(0.0, |(_, weight)| *weight);
        scored
            .into_iter()
            .filter(|(_, weight)| *weight >= best * 0.8)
            .map(|(index, _)| index)
            .collect()
    }
}

/// The questions' ideas as word stems.
struct Stemmed {
    stemmer: Stemmer,
    /// Per question: (stem, weight).
    questions: Vec<Vec<(String, f32)>>,
}

impl Stemmed {
    fn of(questions: &[String]) -> Self {
        let stemmer = Stemmer::create(Algorithm::English);
        let questions = questions
            .iter()
            .map(|question| {
                let built_in = DEFAULT_QUESTIONS
                    .iter()
                    .position(|q| fold(q) == fold(question));
                match built_in {
                    Some(i) => BUILT_IN[i]
                        .iter()
                        .map(|(word, weight)| (stemmer.stem(word).into_owned(), *weight))
                        .collect(),
                    None => words(question)
                        .filter(|w| !STOP_WORDS.contains(&w.as_ref()))
                        .map(|w| (stemmer.stem(&w).into_owned(), 1.5))
                        .collect(),
                }
            })
            .collect();
        Self { stemmer, questions }
    }
}

/// Whether a word of the text (its stem, and as written) carries `idea` (a stem): the
/// same stem, a word that starts with it, or one slip of typing in a longer word.
fn means(idea: &str, stem: &str, word: &str) -> bool {
    if stem == idea || (idea.len() >= 4 && word.starts_with(idea)) {
        return true;
    }
    // Lengths first: most words are too far apart to need the distance at all.
    stem.len() >= 4
        && idea.len() >= 4
        && stem.len().abs_diff(idea.len()) <= 1
        && strsim::osa_distance(stem, idea) <= 1
}

/// The words of `text`: lower case, letters and digits only. Most words are already
/// lower case and are not copied.
fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            {
                Cow::Borrowed(w)
            } else {
                Cow::Owned(w.to_lowercase())
            }
        })
}

/// Case and punctuation folded, for recognising the template's own questions.
fn fold(text: &str) -> String {
    words(text).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(heading: &str) -> Vec<usize> {
        Ideas::of(&DEFAULT_QUESTIONS).named_by_heading(heading)
    }

    #[test]
    fn every_weight_is_a_whole_number_of_halves_so_sums_are_exact_in_any_order() {
        for weight in BUILT_IN
            .iter()
            .flat_map(|ideas| ideas.iter().map(|(_, w)| *w))
        {
            assert_eq!((weight * 2.0).fract(), 0.0, "{weight}");
        }
    }

    #[test]
    fn a_word_counts_once_per_text_however_often_it_comes() {
        let ideas = Ideas::of(&DEFAULT_QUESTIONS);
        // "learn" (3.0) alone reaches a paragraph's 3.0; "value" once does too.
        assert_eq!(ideas.answered_by_paragraph("I learn, learn, LEARN."), [1]);
        assert_eq!(
            ideas.answered_by_paragraph("worth worth worth"),
            Vec::<usize>::new()
        );
        // Seen in an earlier text, a word counts again in the next.
        assert_eq!(
            ideas.answered_by_paragraph("Worth it, worth it: again!"),
            [2]
        );
        assert_eq!(ideas.answered_by_paragraph("worth again"), [2]);
    }

    #[test]
    fn paraphrased_and_misspelt_headings_name_their_question() {
        for (heading, question) in [
            ("How did it go?", 0),
            ("How did the meetup go", 0),
            ("How it went", 0),
            ("Overall impressions", 0),
            ("What I learned", 1),
            ("What I lerned", 1),
            ("Key takeaways", 1),
            ("Value after class", 2),
            ("Would I go again?", 2),
            ("Was it worth it?", 2),
            ("Expectations vs. reality", 3),
            ("Expectatons", 3),
            ("What surprised me", 3),
            ("Joining the community", 4),
            ("Would I become a member?", 4),
        ] {
            assert_eq!(named(heading).first(), Some(&question), "{heading:?}");
        }
    }

    #[test]
    fn a_heading_of_its_own_names_no_question() {
        for heading in ["About the talk", "Introduction", "Pizza!", "Conclusion"] {
            assert!(
                named(heading).is_empty(),
                "{heading:?}: {:?}",
                named(heading)
            );
        }
    }

    #[test]
    fn one_heading_may_name_two_questions() {
        let both = named("What I learned and whether it was worth it");
        assert!(both.contains(&1) && both.contains(&2), "{both:?}");
    }

    #[test]
    fn a_sites_own_questions_use_their_own_words() {
        let ideas = Ideas::of(&["Describe the speaker's main argument"]);
        assert_eq!(ideas.named_by_heading("The main argument"), [0]);
        assert!(ideas.named_by_heading("Snacks").is_empty());
    }
}
