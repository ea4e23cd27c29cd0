//! The reflection assignment: the questions a meetup reflection answers.
//! The built-in template asks them and the review rubric counts them; a site's own
//! template can replace them.

/// The five questions of the built-in reflection assignment, in order.
pub const DEFAULT_QUESTIONS: [&str; 5] = [
    "How did it go?",
    "What did you learn?",
    "Would you find value in this kind of event after class?",
    "How was the experience different from your expectations?",
    "Could you see yourself becoming a member of a professional community like this in the future?",
];

/// A question counts as answered when its section holds at least this many words.
pub const ANSWERED_MIN_WORDS: usize = 20;
