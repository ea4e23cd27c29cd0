//! `completions` and `man`: generated from the clap definition, so they cannot drift
//! from the real command line.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::{Error, Result};

pub fn completions(shell: clap_complete::Shell, out: &mut impl Write) -> Result<u8> {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "meetup-reader", out);
    Ok(super::exit::OK)
}

pub fn man(out: &mut impl Write) -> Result<u8> {
    clap_mangen::Man::new(Cli::command())
        .render(out)
        .map_err(|source| Error::Output { source })?;
    Ok(super::exit::OK)
}
