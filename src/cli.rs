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
    /// Print one post, rendered: a header, the body, then its links.
    Show(ShowArgs),
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
pub struct ShowArgs {
    /// The post file to print.
    pub file: PathBuf,
    /// Columns to wrap at (default: the terminal's width; 80 when not printing to a terminal).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,
    /// Plain text without colours or styles (the default when output is not a terminal).
    #[arg(long)]
    pub plain: bool,
    /// Colours for dark or light terminals (none when NO_COLOR is set).
    #[arg(long, value_enum, default_value_t)]
    pub theme: crate::markdown::ThemeName,
}

/// `_posts` when the current folder is a Jekyll site, else `posts`.
pub fn default_posts_dir() -> PathBuf {
    if std::path::Path::new("_posts").is_dir() {
        PathBuf::from("_posts")
    } else {
        PathBuf::from("posts")
    }
}
