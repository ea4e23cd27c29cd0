//! Parse the command line and dispatch; the only place that prints a fatal error.

use std::process::ExitCode;

use clap::Parser;
use meetup_reader::cli::{Cli, Command, default_posts_dir};
use meetup_reader::commands::{self, exit};
use meetup_reader::sanitize::sanitize_line;

fn main() -> ExitCode {
    // Before any thread starts: the only time the local UTC offset can be read.
    meetup_reader::draft::date::remember_local_offset();
    let cli = Cli::parse();
    let mut stdout = std::io::stdout().lock();
    let result = match cli.command {
        Some(Command::List(args)) => {
            let dir = args.dir.unwrap_or_else(default_posts_dir);
            commands::list::run(&dir, args.json, &mut stdout)
        }
        Some(Command::Check(args)) => {
            let dir = args.dir.unwrap_or_else(default_posts_dir);
            commands::check::run(&dir, args.json, &mut stdout)
        }
        Some(Command::Completions { shell }) => {
            commands::generated::completions(shell, &mut stdout)
        }
        Some(Command::Man) => commands::generated::man(&mut stdout),
        Some(Command::New(args)) => return finish(commands::new::run(&args, &mut stdout)),
        Some(Command::Publish(args)) => {
            return finish(commands::publish::run(&args, &mut stdout));
        }
        None => {
            let dir = cli.dir.unwrap_or_else(default_posts_dir);
            commands::list::run(&dir, false, &mut stdout)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            drop(stdout);
            let message = err.to_string();
            eprintln!("meetup-reader: {}", sanitize_line(&message));
            ExitCode::from(exit::FAILURE)
        }
    }
}

/// The exit code of a command whose errors are not `meetup_reader::error::Error`,
/// printing its error as one sentence.
fn finish<E: std::fmt::Display>(result: Result<u8, E>) -> ExitCode {
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            let message = err.to_string();
            eprintln!("meetup-reader: {}", sanitize_line(&message));
            ExitCode::from(exit::FAILURE)
        }
    }
}
