//! The command line, as clap derives it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "meetup-reader",
    version,
    about = "Read, review and draft meetup reflection posts kept as Jekyll files"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The folder of posts to open (default: `_posts` in a Jekyll site, else `posts`).
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the posts in a folder, newest first.
    List(ListArgs),
    /// Lint a folder of posts as a course blog does before it builds.
    Check(CheckArgs),
    /// Run the app headless at a size, feed it keys, print the final screen.
    Snapshot(SnapshotArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// The folder of posts (default: `_posts` in a Jekyll site, else `posts`).
    pub dir: Option<PathBuf>,
    /// Print a JSON array instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The folder of posts (default: `_posts` in a Jekyll site, else `posts`).
    pub dir: Option<PathBuf>,
    /// Print the diagnostics as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(after_help = concat!(
    "KEYS: space-separated tokens: a single character (j, /, G), or one of enter esc tab up down \
     left right home end pgup pgdn space backspace, or ctrl-X (e.g. ctrl-d). Loading finishes \
     before the first key.\n\nExample: meetup-reader snapshot posts --size 120x40 --keys \"j enter / m e e t esc\""
))]
pub struct SnapshotArgs {
    /// The folder of posts (default: `_posts` in a Jekyll site, else `posts`).
    pub dir: Option<PathBuf>,
    /// The screen size, WIDTHxHEIGHT.
    #[arg(long, default_value = "120x40", value_parser = crate::commands::snapshot::parse_size)]
    pub size: (u16, u16),
    /// The keys to press (see KEYS below).
    #[arg(long, default_value = "")]
    pub keys: String,
    /// How to print the screen.
    #[arg(long, value_enum, default_value_t = crate::snapshot::Format::Text)]
    pub format: crate::snapshot::Format,
}

/// `_posts` when the current folder is a Jekyll site, else `posts`.
pub fn default_posts_dir() -> PathBuf {
    if std::path::Path::new("_posts").is_dir() {
        PathBuf::from("_posts")
    } else {
        PathBuf::from("posts")
    }
}
