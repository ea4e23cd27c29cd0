//! `meetup-reader list`: a row per post, newest first, undated last.

use std::io::Write;
use std::path::Path;

use unicode_width::UnicodeWidthStr;

use crate::error::{Error, Result};
use crate::post::{Keep, Post, load_folder_with};
use crate::sanitize::{escape_json, sanitize_line};

use crate::marks::{PROBLEMS as PROBLEM_MARK, UNPUBLISHED as UNPUBLISHED_MARK};

/// Authors wider than this are cut in the table, so titles stay in view.
const AUTHOR_COLUMN_MAX: usize = 24;

pub fn run(dir: &Path, json: bool, out: &mut impl Write) -> Result<u8> {
    let options = crate::post::ReadOptions {
        // A line a post: nothing of a body is printed, and `--json` prints the rubric.
        keep: if json {
            Keep::SummaryAndRubric
        } else {
            Keep::Summary
        },
        ..crate::post::ReadOptions::from_settings(crate::config::current())
    };
    let library = load_folder_with(dir, &options)?;
    for (path, why) in &library.unreadable {
        let message = format!("cannot read {}: {why}", dir.join(path).display());
        eprintln!("meetup-reader: {}", sanitize_line(&message));
    }
    let written = if json {
        write_json(&library.posts, out)
    } else {
        write_table(&library.posts, out)
    };
    written.map_err(|source| Error::Output { source })?;
    Ok(super::exit::OK)
}

/// A post as `list --json` prints it: its fields, and its rubric.
#[derive(serde::Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    post: &'a Post,
    rubric: RubricJson,
}

#[derive(serde::Serialize)]
struct RubricJson {
    answered: usize,
    of: usize,
    questions: Vec<crate::review::export::QuestionAnswer>,
}

/// The posts as one pretty JSON array: the bytes serde_json's pretty printer gives
/// for the whole list, each post printed on a core of its own (the array of a big
/// folder is over 100 MB, and printing it on one thread was a quarter of the time of
/// `list --json`). Unsafe characters are escaped as [`escape_json`] does.
fn write_json(posts: &[Post], out: &mut impl Write) -> std::io::Result<()> {
    use rayon::prelude::*;
    if posts.is_empty() {
        return writeln!(out, "[]");
    }
    let questions = &crate::config::current().questions;
    let items = posts
        .par_iter()
        .map(|post| {
            let json = serde_json::to_string_pretty(&listed(post, questions))?;
            // An item of the array is indented one level; JSON strings hold no newline.
            let item = format!("  {}", json.replace('\n', "\n  "));
            if let std::borrow::Cow::Owned(escaped) = escape_json(&item) {
                return Ok(escaped);
            }
            Ok(item)
        })
        .collect::<serde_json::Result<Vec<String>>>()?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    out.write_all(b"[\n")?;
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.write_all(b",\n")?;
        }
        out.write_all(item.as_bytes())?;
    }
    out.write_all(b"\n]\n")?;
    out.flush()
}

/// A post with its rubric (the same as the JSON export's), measured by the loader on
/// the thread that read the post: a rubric per post is most of the work of
/// `list --json`.
fn listed<'a>(post: &'a Post, questions: &[String]) -> Listed<'a> {
    // Not measured while loading: a post from outside the folder, never read.
    let measured;
    let rubric = match &post.rubric {
        Some(rubric) => rubric,
        None => {
            measured = crate::review::Rubric::of(&post.body, questions);
            &measured
        }
    };
    Listed {
        post,
        rubric: RubricJson {
            answered: rubric.answered(),
            of: rubric.asked(),
            questions: crate::review::export::question_answers(rubric, questions),
        },
    }
}

fn write_table(posts: &[Post], out: &mut impl Write) -> std::io::Result<()> {
    let authors: Vec<String> = posts
        .iter()
        .map(|p| clip(&sanitize_line(&p.author), AUTHOR_COLUMN_MAX))
        .collect();
    let author_width = authors.iter().map(|a| a.width()).max().unwrap_or(0);
    for (post, author) in posts.iter().zip(&authors) {
        let date = post
            .date
            .map_or_else(|| "undated".to_string(), |d| d.to_string());
        let mut marks = String::new();
        if !post.published {
            marks.push(' ');
            marks.push_str(UNPUBLISHED_MARK);
        }
        if post.has_problems() {
            marks.push(' ');
            marks.push_str(PROBLEM_MARK);
        }
        let pad = author_width - author.width();
        writeln!(
            out,
            "{date:<10}  {author}{:pad$}  {}{marks}",
            "",
            sanitize_line(&post.title)
        )?;
    }
    Ok(())
}

/// Cuts `text` to at most `max` columns, with `…` when cut.
fn clip(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Printed post by post, the array is byte for byte what printing the whole list
    /// at once gives, escapes and all.
    #[test]
    fn the_array_printed_post_by_post_is_the_array_printed_at_once() {
        let questions: Vec<String> = crate::assignment::DEFAULT_QUESTIONS
            .iter()
            .map(|q| q.to_string())
            .collect();
        let posts: Vec<Post> = [
            "---\ntitle: \"One\\u001b[31m \\u009b red\"\ntags: [a, b]\n---\n**How did it go?**\nWell.\n",
            "---\nlayout: post\nauthor: bob\n---\nNo questions here,\nbut two lines.\n",
            "no front matter at all",
        ]
        .iter()
        .enumerate()
        .map(|(i, text)| {
            crate::post::front_matter::parse_post(
                Path::new(&format!("a/2024-01-0{i}-x.md")),
                text.as_bytes(),
            )
        })
        .collect();
        for count in [0, 1, 3] {
            let some = &posts[..count];
            let whole: Vec<Listed> = some.iter().map(|p| listed(p, &questions)).collect();
            let expected = format!(
                "{}\n",
                escape_json(&serde_json::to_string_pretty(&whole).unwrap())
            );
            let mut printed = Vec::new();
            write_json(some, &mut printed).unwrap();
            assert_eq!(String::from_utf8(printed).unwrap(), expected);
        }
    }
}
