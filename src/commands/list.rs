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
        serde_json::to_string_pretty(&with_rubrics(&library.posts))
            .map_err(std::io::Error::from)
            .and_then(|json| writeln!(out, "{}", escape_json(&json)))
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

/// Each post with its rubric (the same as the JSON export's), measured by the loader
/// on the thread that read the post: a rubric per post is most of the work of
/// `list --json`.
fn with_rubrics(posts: &[Post]) -> Vec<Listed<'_>> {
    let questions = &crate::config::current().questions;
    posts
        .iter()
        .map(|post| {
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
        })
        .collect()
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
