//! `completions` and `man`: generated from the clap definition, so they cannot drift
//! from the real command line.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::Result;

pub fn completions(shell: clap_complete::Shell, out: &mut impl Write) -> Result<u8> {
    let mut command = Cli::command();
    // clap_complete panics when its writer fails (`> /dev/full`): it writes to memory,
    // and the failure to write that is reported here.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "meetup-reader", &mut script);
    super::written(out.write_all(&script).and_then(|()| out.flush()))?;
    Ok(super::exit::OK)
}

/// `config --print` / `--print-default`. Problems in the file were already reported on
/// stderr; `--print` exits 1 when there were some, so scripts can check a settings file.
pub fn config(
    args: &crate::cli::ConfigArgs,
    loaded: &crate::config::Loaded,
    out: &mut impl Write,
) -> Result<u8> {
    let text = if args.print_default {
        crate::config::default_file()
    } else {
        let source = loaded.file.as_ref().map_or_else(
            || "# no settings file: every setting has its default\n".to_string(),
            |f| format!("# from {}\n", f.display()),
        );
        source + &crate::config::to_toml(&loaded.settings)
    };
    super::written(out.write_all(text.as_bytes()).and_then(|()| out.flush()))?;
    Ok(if args.print && !loaded.problems.is_empty() {
        super::exit::PROBLEMS
    } else {
        super::exit::OK
    })
}

pub fn man(out: &mut impl Write) -> Result<u8> {
    let rendered = clap_mangen::Man::new(Cli::command()).render(out);
    super::written(rendered.and_then(|()| out.flush()))?;
    Ok(super::exit::OK)
}
