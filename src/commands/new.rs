//! `meetup-reader new`: start a reflection draft from the template.

use std::io::{IsTerminal, Write};

use crate::cli::{NewArgs, default_posts_dir};
use crate::draft::external::{editor_command, run_editor};
use crate::draft::{DraftRequest, DraftResult, create_draft, parse_date};

/// Writes the draft into `_drafts` beside the posts folder and prints its path. Unless
/// `--no-edit`, opens the app's editor on it (on a terminal), else `$VISUAL` / `$EDITOR`.
pub fn run(args: &NewArgs, out: &mut impl Write) -> DraftResult<u8> {
    let date = args.date.as_deref().map(parse_date).transpose()?;
    let dir = args.dir.clone().unwrap_or_else(default_posts_dir);
    let request = DraftRequest {
        title: args.title.clone(),
        author: args.author.clone(),
        date,
        config_dir: None,
        settings: crate::draft::DraftSettings::from_settings(crate::config::current()),
    };
    let draft = create_draft(&dir, &request)?;
    if !args.no_edit && std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        // The app, straight into the editor on the new draft.
        let mut app = crate::app::App::open(&dir);
        app.open_draft(&draft.path);
        crate::app::terminal::run_prepared(&mut app).map_err(|source| {
            crate::draft::DraftError::Editor {
                editor: "meetup-reader".to_string(),
                message: source.to_string(),
            }
        })?;
        if draft.path.exists() {
            super::print_written_path(out, &draft.path)?;
        }
        return Ok(super::exit::OK);
    }
    // Not on a terminal (scripts): hand the draft to $VISUAL / $EDITOR as before.
    if !args.no_edit {
        match editor_command() {
            Some(editor) => run_editor(&editor, &draft.path)?,
            None => eprintln!(
                "meetup-reader: neither $VISUAL nor $EDITOR is set; edit the draft yourself"
            ),
        }
    }
    super::print_written_path(out, &draft.path)?;
    Ok(super::exit::OK)
}
