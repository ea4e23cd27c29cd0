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
    /// The review file the app uses (default: one per site in your data folder);
    /// commands that use one take their own `--review-file`.
    #[arg(long, value_name = "PATH")]
    pub review_file: Option<PathBuf>,

    /// Colours for dark or light terminals, for the app, `show` and `snapshot` (default:
    /// the `theme` setting, else dark; no colours when NO_COLOR is set).
    #[arg(long, global = true, value_enum)]
    pub theme: Option<crate::markdown::ThemeName>,

    /// The settings file to read instead of config.toml in the user's config folder.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

impl Cli {
    /// Whether what was asked may date something by today's local date: a draft made
    /// or published, an export's file name. Only then is the local UTC offset read
    /// first thing, while the process has one thread; reading it (the zone file, and
    /// the code that parses it) is a twentieth of a `show`'s own time.
    pub fn may_date_by_today(&self) -> bool {
        !matches!(
            self.command,
            Some(
                Command::List(_)
                    | Command::Check(_)
                    | Command::Show(_)
                    | Command::Completions { .. }
                    | Command::Man
                    | Command::Config(_)
            )
        )
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the posts in a folder, newest first.
    List(ListArgs),
    /// Lint a folder of posts as a course blog does before it builds.
    Check(CheckArgs),
    /// Print one post, rendered: a header, the body, then its links.
    Show(ShowArgs),
    /// Review data kept privately per site: export it, or mark posts from scripts.
    Review(ReviewArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish or powershell).
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), generated from this command line.
    Man,
    /// Show the settings in force, or a commented default settings file.
    Config(ConfigArgs),
    /// Start a new reflection draft from the template and open it in the app's editor
    /// (or $VISUAL/$EDITOR when not on a terminal).
    New(NewArgs),
    /// Publish a draft into the posts folder as YYYY-MM-DD-slug.md.
    Publish(PublishArgs),
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
pub struct ShowArgs {
    /// The post file to print.
    pub file: PathBuf,
    /// Columns to wrap at (default: the terminal's width; 80 when not printing to a terminal).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,
    /// Plain text without colours or styles (the default when output is not a terminal).
    #[arg(long)]
    pub plain: bool,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    #[command(subcommand)]
    pub command: ReviewCommand,
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Print or write a row per post: author, title, date, path, status, score, words,
    /// questions answered and note.
    Export(ReviewExportArgs),
    /// Set a post's review status, score or note.
    Mark(ReviewMarkArgs),
}

/// The formats `review export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormatArg {
    Csv,
    Markdown,
    /// Every column, and the rubric question by question.
    Json,
}

#[derive(Debug, Args)]
pub struct ReviewExportArgs {
    /// The folder of posts (default: `_posts` in a Jekyll site, else `posts`).
    pub dir: Option<PathBuf>,
    #[arg(long, value_enum)]
    pub format: ExportFormatArg,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists, and write it even inside the site folder.
    #[arg(long)]
    pub force: bool,
    /// The review file to read (default: one per site in your data folder).
    #[arg(long, value_name = "PATH")]
    pub review_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReviewMarkArgs {
    /// The post's file.
    pub path: PathBuf,
    /// The folder of posts it belongs to (default: `_posts` in a Jekyll site, else `posts`).
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// unreviewed, reviewed, needs-revision or flagged.
    #[arg(long)]
    pub status: Option<crate::review::ReviewStatus>,
    /// A score from 0 to the `score_max` setting (default 10): 8, 8.5 or 8/10.
    #[arg(long, allow_negative_numbers = true)]
    pub score: Option<String>,
    /// Remove the score.
    #[arg(long, conflicts_with = "score")]
    pub clear_score: bool,
    /// The note (replaces the previous one; "" removes it).
    #[arg(long)]
    pub note: Option<String>,
    /// The review file to change (default: one per site in your data folder).
    #[arg(long, value_name = "PATH")]
    pub review_file: Option<PathBuf>,
    /// If the review file cannot be read, keep a copy of it and start a fresh one.
    #[arg(long)]
    pub fresh: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The post's title (it also names the draft file).
    #[arg(long)]
    pub title: Option<String>,
    /// The author (default: `git config user.name`, else your login name).
    #[arg(long)]
    pub author: Option<String>,
    /// The date to publish it under, YYYY-MM-DD (default: the day it is published).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Only write the draft and print its path; do not open an editor.
    #[arg(long)]
    pub no_edit: bool,
    /// The posts folder; the draft goes in `_drafts` beside it.
    #[arg(long, value_name = "POSTS_DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PublishArgs {
    /// The draft file to publish.
    pub draft: PathBuf,
    /// The date to publish it under, YYYY-MM-DD (default: the draft's `date:`, else today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// The posts folder (default: the one beside the draft's `_drafts`, else `_posts` or `posts`).
    #[arg(long, value_name = "POSTS_DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(after_help = concat!(
    "KEYS: space-separated keys, each a single character (j, /, G, -) or a name: space enter esc \
     tab shift-tab backspace delete insert up down left right home end pgup pgdn f1..f24, in any \
     case; ctrl- and alt- go before a key (ctrl-d, ctrl-space, alt-b): the names help (?) shows. \
     Loading finishes before the first key.\n\nNOTHING IS WRITTEN: saving, publishing, unpublishing, exporting and a new draft's \
     file are refused (the screen says so), and review marks only go to a file named with \
     --review-file; --write allows the rest.\n\nExample: meetup-reader snapshot posts --size 120x40 --keys \"j enter / m e e t esc\""
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
    /// The review file to use and change (default: your site's review file, read-only).
    #[arg(long, value_name = "PATH")]
    pub review_file: Option<PathBuf>,
    /// Let the keys write files as the app would (save, publish, unpublish, export). Without
    /// it a snapshot never changes the folder: those actions are refused with a status line.
    #[arg(long)]
    pub write: bool,
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct ConfigArgs {
    /// Print the effective settings (defaults plus the settings file), as TOML.
    #[arg(long)]
    pub print: bool,
    /// Print a commented settings file holding every default.
    #[arg(long)]
    pub print_default: bool,
}

/// The posts folder to use when none is named: the `posts_dir` setting, else `_posts`
/// when the current folder is a Jekyll site, else `posts`.
pub fn default_posts_dir() -> PathBuf {
    if let Some(dir) = &crate::config::current().posts_dir {
        return crate::config::expand_home(dir);
    }
    if std::path::Path::new("_posts").is_dir() {
        PathBuf::from("_posts")
    } else {
        PathBuf::from("posts")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn asked(args: &[&str]) -> Cli {
        Cli::try_parse_from(std::iter::once("meetup-reader").chain(args.iter().copied())).unwrap()
    }

    #[test]
    fn only_what_may_make_a_dated_file_reads_the_local_offset() {
        for reads_only in [
            &["list"][..],
            &["check", "--json"],
            &["show", "post.md"],
            &["completions", "bash"],
            &["man"],
            &["config", "--print"],
        ] {
            assert!(!asked(reads_only).may_date_by_today(), "{reads_only:?}");
        }
        for dates in [
            &[][..],
            &["posts"],
            &["new", "--title", "T"],
            &["publish", "draft.md"],
            &["snapshot", "--keys", "n"],
            &["review", "export", "--format", "csv"],
        ] {
            assert!(asked(dates).may_date_by_today(), "{dates:?}");
        }
    }
}
