//! Parse the command line and dispatch; the only place that prints a fatal error.

use std::fmt::Display;
use std::process::ExitCode;

use clap::Parser;
use meetup_reader::app::keymap::Keymap;
use meetup_reader::cli::{Cli, Command, default_posts_dir};
use meetup_reader::commands::{self, exit};
use meetup_reader::config::Problem;
use meetup_reader::sanitize::sanitize_line;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // `--help` and `--version`: their text is the output, and not writing it all
        // (`> /dev/full`) is a failure like any command's; a closed pipe is not.
        Err(shown) if !shown.use_stderr() => {
            let printed = shown
                .print()
                .and_then(|()| std::io::Write::flush(&mut std::io::stdout()));
            return report(commands::written(printed).map(|()| exit::OK));
        }
        Err(usage) => usage.exit(),
    };
    // Before any thread starts: the only time the local UTC offset can be read.
    if cli.may_date_by_today() {
        meetup_reader::draft::date::remember_local_offset();
    }
    // `--review-file` before a command belongs to the app alone; the commands that use
    // a review file take their own, after the command's name.
    if cli.command.is_some() && cli.review_file.is_some() {
        return report(Err::<u8, String>(
            "--review-file before a command is not used by it: give it after the command \
             (`review mark --review-file PATH`, `snapshot --review-file PATH`)"
                .to_string(),
        ));
    }
    let mut loaded = meetup_reader::config::load(cli.config.as_deref());
    // The keymap alone knows its modes and actions; it checks the keybinding settings
    // (building it takes longer than a `show`'s rendering: not when there are none).
    if !loaded.settings.keys.is_empty() {
        let (_, key_problems) = Keymap::with_settings(&loaded.settings.keys);
        loaded
            .problems
            .extend(key_problems.into_iter().map(|problem| Problem {
                file: loaded.file.clone(),
                ..problem
            }));
    }
    loaded.problems.sort_by_key(|p| (p.line.is_none(), p.line));
    for problem in &loaded.problems {
        eprintln!(
            "meetup-reader: warning: {}",
            sanitize_line(&problem.to_string())
        );
    }
    let mut settings = loaded.settings.clone();
    // The command line overrides the settings file.
    settings.theme = cli.theme.unwrap_or(settings.theme);
    meetup_reader::config::init(settings);
    // Not locked for the whole run: the app's signal handler must be able to
    // write to the terminal from its own thread to restore it.
    let mut stdout = std::io::stdout();
    match cli.command {
        Some(Command::List(args)) => {
            let dir = args.dir.unwrap_or_else(default_posts_dir);
            report(commands::list::run(&dir, args.json, &mut stdout))
        }
        Some(Command::Check(args)) => {
            let dir = args.dir.unwrap_or_else(default_posts_dir);
            report(commands::check::run(&dir, args.json, &mut stdout))
        }
        Some(Command::Show(args)) => report(commands::show::run(&args, &mut stdout)),
        Some(Command::Review(args)) => report(commands::review::run(args, &mut stdout)),
        Some(Command::Completions { shell }) => {
            report(commands::generated::completions(shell, &mut stdout))
        }
        Some(Command::Man) => report(commands::generated::man(&mut stdout)),
        Some(Command::Config(args)) => {
            report(commands::generated::config(&args, &loaded, &mut stdout))
        }
        Some(Command::New(args)) => report(commands::new::run(&args, &mut stdout)),
        Some(Command::Publish(args)) => report(commands::publish::run(&args, &mut stdout)),
        Some(Command::Snapshot(args)) => {
            let dir = args.dir.unwrap_or_else(default_posts_dir);
            report(commands::snapshot::run(
                &dir,
                args.size,
                &args.keys,
                args.format,
                args.review_file.as_deref(),
                args.write,
                &mut stdout,
            ))
        }
        None => {
            let dir = cli.dir.unwrap_or_else(default_posts_dir);
            report(commands::app::run(&dir, cli.review_file.as_deref()))
        }
    }
}

/// The one place an error reaches the user: one sentence on stderr, exit 2.
fn report(result: Result<u8, impl Display>) -> ExitCode {
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            // Paths and values in messages come from the user's files: keep them inert.
            let message = err.to_string();
            eprintln!("meetup-reader: {}", sanitize_line(&message));
            ExitCode::from(exit::FAILURE)
        }
    }
}
