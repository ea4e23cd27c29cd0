//! A generator of realistic post folders for benchmarks and load tests: generated at run
//! time, never committed. About one post in thirty has damaged front matter, as in real
//! course blogs.

use std::fs;
use std::io;
use std::path::Path;

const WORDS: &[&str] = &[
    "python",
    "meetup",
    "talk",
    "speaker",
    "learned",
    "community",
    "code",
    "testing",
    "data",
    "people",
    "friendly",
    "questions",
    "project",
    "library",
    "the",
    "a",
    "and",
    "was",
    "I",
    "we",
    "it",
    "very",
    "new",
    "about",
    "how",
    "to",
    "of",
    "in",
    "with",
    "group",
    "pizza",
    "evening",
    "machine",
    "learning",
    "web",
    "django",
    "flask",
    "pandas",
    "async",
    "class",
];

const QUESTIONS: [&str; 5] = crate::assignment::DEFAULT_QUESTIONS;

/// Writes `count` posts of about `approx_bytes` each under `dir`, one folder per author,
/// and returns the total number of bytes written. The same seed gives the same folder.
pub fn generate(dir: &Path, count: usize, approx_bytes: usize, seed: u64) -> io::Result<u64> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut total = 0;
    for index in 0..count {
        let author = format!("student{:03}", index % 300);
        let folder = dir.join(&author);
        fs::create_dir_all(&folder)?;
        let (year, month, day) = (2015 + index % 10, 1 + index % 12, 1 + index % 28);
        let name = format!("{year}-{month:02}-{day:02}-reflection-{index}.md");
        let text = post_text(&mut rng, index, &author, approx_bytes);
        total += text.len() as u64;
        fs::write(folder.join(name), text)?;
    }
    Ok(total)
}

fn post_text(rng: &mut fastrand::Rng, index: usize, author: &str, approx_bytes: usize) -> String {
    let mut text = String::with_capacity(approx_bytes + 256);
    let title = format!("Meetup reflection {index}");
    if index % 30 == 7 {
        // The damage beginners do: a mistyped delimiter and an unbalanced quote.
        text.push_str(&format!(
            "--\nlayout: post\nauthor: {author}\ntitle: \"{title}\n--\n\n"
        ));
    } else {
        text.push_str(&format!(
            "---\nlayout: post\nauthor: {author}\ntitle: \"{title}\"\ntags: [python, meetup]\n---\n\n"
        ));
    }
    let mut question = 0;
    while text.len() < approx_bytes {
        if question < QUESTIONS.len() && text.len() > question * approx_bytes / QUESTIONS.len() {
            text.push_str(&format!("**{}**\n<br /> ", QUESTIONS[question]));
            question += 1;
        }
        for _ in 0..rng.usize(40..90) {
            text.push_str(WORDS[rng.usize(..WORDS.len())]);
            text.push(' ');
        }
        text.push_str(".\n\n");
    }
    text
}
