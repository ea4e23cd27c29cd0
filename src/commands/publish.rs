//! `meetup-reader publish DRAFT`: turn a draft into a dated post.

use std::io::Write;

use crate::cli::{PublishArgs, default_posts_dir};
use crate::draft::site::posts_dir_for_draft;
use crate::draft::{DraftResult, parse_date, publish};
use crate::sanitize::sanitize_line;

/// Publishes the draft and prints the post's path; the loader's warnings, if any, go to
/// standard error.
pub fn run(args: &PublishArgs, out: &mut impl Write) -> DraftResult<u8> {
    let date = args.date.as_deref().map(parse_date).transpose()?;
    let dir = args
        .dir
        .clone()
        .or_else(|| posts_dir_for_draft(&args.draft))
        .unwrap_or_else(default_posts_dir);
    let published = publish(&args.draft, &dir, date)?;
    for warning in &published.warnings {
        eprintln!("meetup-reader: warning: {}", sanitize_line(warning));
    }
    super::print_written_path(out, &published.path)?;
    Ok(super::exit::OK)
}
