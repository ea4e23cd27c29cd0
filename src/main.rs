//! Parse the command line and dispatch; the only place that prints a fatal error.

use std::process::ExitCode;

use clap::Parser;
use meetup_reader::cli::{Cli, Command, default_posts_dir};
use meetup_reader::commands::{self, exit};

fn main() -> ExitCode {
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
        Some(Command::Show(args)) => commands::show::run(&args, &mut stdout),
        None => {
            let dir = cli.dir.unwrap_or_else(default_posts_dir);
            commands::list::run(&dir, false, &mut stdout)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            drop(stdout);
            eprintln!("meetup-reader: {err}");
            ExitCode::from(exit::FAILURE)
        }
    }
}
