//! `meetup-reader new`: start a reflection draft from the template.

use std::io::Write;

use crate::cli::{NewArgs, default_posts_dir};
use crate::draft::external::{editor_command, run_editor};
use crate::draft::{DraftRequest, DraftResult, create_draft, parse_date};
use crate::sanitize::sanitize_line;

/// Writes the draft into `_drafts` beside the posts folder, hands it to `$VISUAL` /
/// `$EDITOR` unless `--no-edit`, and prints its path.
pub fn run(args: &NewArgs, out: &mut impl Write) -> DraftResult<u8> {
    let date = args.date.as_deref().map(parse_date).transpose()?;
    let dir = args.dir.clone().unwrap_or_else(default_posts_dir);
    let request = DraftRequest {
        title: args.title.clone(),
        author: args.author.clone(),
        date,
        config_dir: None,
    };
    let draft = create_draft(&dir, &request)?;
    if !args.no_edit {
        match editor_command() {
            Some(editor) => run_editor(&editor, &draft.path)?,
            None => eprintln!(
                "meetup-reader: neither $VISUAL nor $EDITOR is set; edit the draft yourself"
            ),
        }
    }
    // A closed stdout (`| head -0`) is not worth an error: the draft is written.
    let _ = writeln!(out, "{}", sanitize_line(&draft.path.display().to_string()));
    Ok(super::exit::OK)
}
