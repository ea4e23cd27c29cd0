//! Export from the app: the same rows and formats as `meetup-reader review export`,
//! written privately (0600) and never over an existing file without a yes.

use std::path::{Path, PathBuf};

use super::{Confirmed, Popup};
use crate::app::field::TextField;
use crate::app::{App, Layer};
use crate::fsutil::{Overwrite, WriteError, write_atomic_private};
use crate::review::export::{ExportFormat, Sheet, measured_rows, render};
use crate::review::location::{canonical_ish, risky_place_warning};

impl App {
    pub(super) fn open_export(&mut self) {
        let Some(store) = &self.review.store else {
            self.set_error("no review file is open, so there is nothing to export");
            return;
        };
        // The path used last time for this site, else a new file named for the site and
        // the day, in the folder the app was started from (outside the site) or home.
        let remembered = crate::fsutil::read_regular_file(&last_export_note(store.path()), 4096)
            .ok()
            .map(|bytes| String::from_utf8_lossy(&bytes).trim().to_string())
            .filter(|path| !path.is_empty());
        let path = remembered.unwrap_or_else(|| {
            default_export_path(&self.root, &self.working_dir)
                .to_string_lossy()
                .into_owned()
        });
        // What the list shows, when it shows less than everything (a filter, a session).
        let shown_only = self.store.visible.len() < self.store.posts.len();
        self.layers.push(Layer::Review(Popup::Export {
            field: TextField::new(&path),
            shown_only,
        }));
    }

    /// Whether the export popup (under any question about it) is set to the posts the
    /// list shows rather than all.
    fn export_shown_only(&self) -> bool {
        (0..self.layers.len()).rev().any(|i| {
            matches!(
                self.layers.get(i),
                Some(Layer::Review(Popup::Export {
                    shown_only: true,
                    ..
                }))
            )
        })
    }

    /// Export popup: the path's extension switched between CSV and Markdown.
    pub(super) fn switch_export_format(&mut self) {
        if let Some(Layer::Review(Popup::Export { field, .. })) = self.layers.top_mut() {
            field.set_text(&switch_extension(field.text()));
        }
    }

    /// Writes the export to `path`; an existing file is replaced only with `replace`,
    /// and a place where it might be published (the site, a git work tree) is written
    /// only with `risky_ok` (each after the user said yes). The export popup stays open
    /// under the questions, and closes once the file is written.
    pub(super) fn export_to(&mut self, path: PathBuf, replace: bool, risky_ok: bool) {
        if self.refuses_to_write("the export") {
            return;
        }
        let Some(store) = &self.review.store else {
            return;
        };
        if path.as_os_str().is_empty() {
            if let Some(Layer::Review(Popup::Export { field, .. })) = self.layers.top_mut() {
                field.error = Some("type the path of the file to write".into());
            }
            return;
        }
        // A folder or a device where the file would go is refused at once, before
        // any question about replacing it.
        if let Ok(meta) = std::fs::metadata(&path)
            && !meta.is_file()
        {
            let kind = crate::fsutil::kind_of(&meta.file_type());
            let why = format!("that is {kind}: type the path of a file to write");
            match self.layers.top_mut() {
                Some(Layer::Review(Popup::Export { field, .. })) => field.error = Some(why),
                _ => self.set_error(format!("{}: {why}", path.display())),
            }
            return;
        }
        let warning = risky_place_warning(&path, &self.layout.published, "the export");
        if let Some(warning) = &warning
            && !risky_ok
        {
            self.layers.push(Layer::Confirm {
                question: format!("Careful: {warning}. Write it there anyway?"),
                on_yes: Confirmed::Export {
                    path,
                    replace,
                    risky_ok: true,
                },
            });
            return;
        }
        let format = format_of(&path);
        let indexes: Vec<usize> = if self.export_shown_only() {
            let mut shown: Vec<usize> = self.store.visible.clone();
            shown.sort_unstable();
            shown
        } else {
            (0..self.store.posts.len()).collect()
        };
        let questions = &self.settings.questions;
        let posts = indexes.iter().map(|&i| {
            (
                &self.store.posts[i],
                self.store.rubric_against(i, questions),
            )
        });
        let sheet = Sheet {
            score_max: self.settings.score_max,
            questions,
        };
        let bytes = render(&measured_rows(posts, store, questions), format, sheet);
        let overwrite = if replace {
            Overwrite::Replace
        } else {
            Overwrite::Refuse
        };
        // 0600, like the CLI: the export holds the same grades and notes.
        match write_atomic_private(&path, &bytes, overwrite) {
            Ok(written) => {
                if let Some(Layer::Review(Popup::Export { .. })) = self.layers.top() {
                    self.layers.pop();
                }
                // Remembered privately, beside the review file, for next time.
                let note = last_export_note(store.path());
                let _ = write_atomic_private(
                    &note,
                    written.to_string_lossy().as_bytes(),
                    Overwrite::Replace,
                );
                let text = format!(
                    "exported {} to {}",
                    crate::plural::count_of(indexes.len(), "post"),
                    written.display()
                );
                match warning {
                    Some(warning) => self.set_error(format!("{text}; careful: {warning}")),
                    None => self.set_info(text),
                }
            }
            Err(WriteError::Exists(_)) => {
                self.layers.push(Layer::Confirm {
                    question: format!("{} already exists. Replace it?", path.display()),
                    on_yes: Confirmed::Export {
                        path,
                        replace: true,
                        risky_ok,
                    },
                });
            }
            Err(err) => self.set_error(err.to_string()),
        }
    }
}

/// Where the last export path of a site is kept: beside its (private) review file.
fn last_export_note(review_file: &Path) -> PathBuf {
    crate::review::location::beside(review_file, "last-export")
}

/// `grades-<site>-<date>.csv` in `working_dir` when that is outside the site, else in
/// the home folder: never where a `git add .` could publish it.
fn default_export_path(root: &Path, working_dir: &Path) -> PathBuf {
    let site = crate::site::layout::SiteLayout::new(root, None).published;
    let name = site
        .file_name()
        .map(|n| crate::draft::slugify(&n.to_string_lossy()))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "site".into());
    let file = format!("grades-{name}-{}.csv", crate::draft::today());
    let inside = canonical_ish(working_dir).starts_with(&site);
    let folder = if inside || working_dir.as_os_str().is_empty() {
        directories::BaseDirs::new()
            .map(|dirs| dirs.home_dir().to_path_buf())
            .unwrap_or_else(|| working_dir.to_path_buf())
    } else {
        working_dir.to_path_buf()
    };
    folder.join(file)
}

/// Markdown for `.md` and `.markdown`, else CSV.
fn format_of(path: &Path) -> ExportFormat {
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) if ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown") => {
            ExportFormat::Markdown
        }
        _ => ExportFormat::Csv,
    }
}

/// `x.csv` ↔ `x.md` (anything else gets `.md`).
pub(super) fn switch_extension(text: &str) -> String {
    let path = Path::new(text);
    let ext = match format_of(path) {
        ExportFormat::Csv => "md",
        ExportFormat::Markdown | ExportFormat::Json => "csv",
    };
    path.with_extension(ext).to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_decides_the_format() {
        assert_eq!(format_of(Path::new("a/b.md")), ExportFormat::Markdown);
        assert_eq!(format_of(Path::new("b.MARKDOWN")), ExportFormat::Markdown);
        assert_eq!(format_of(Path::new("b.csv")), ExportFormat::Csv);
        assert_eq!(format_of(Path::new("b")), ExportFormat::Csv);
        assert_eq!(switch_extension("/x/r.csv"), "/x/r.md");
        assert_eq!(switch_extension("/x/r.md"), "/x/r.csv");
    }
}
