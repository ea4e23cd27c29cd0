//! `meetup-reader check`: every diagnostic, grouped by file, and a summary line.
//! Exit 0 with no errors (warnings allowed), 1 with errors.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::post::{Diagnostic, Severity, lint, load_folder_with};
use crate::sanitize::{escape_json, sanitize_line};

#[derive(Serialize)]
struct FileReport<'a> {
    path: String,
    diagnostics: Vec<&'a Diagnostic>,
}

#[derive(Serialize)]
struct Report<'a> {
    posts: usize,
    errors: usize,
    warnings: usize,
    files: Vec<FileReport<'a>>,
}

pub fn run(dir: &Path, json: bool, out: &mut impl Write) -> Result<u8> {
    let options = crate::post::ReadOptions::from_settings(crate::config::current());
    let library = load_folder_with(dir, &options)?;
    let unreadable: Vec<(String, Diagnostic)> = library
        .unreadable
        .iter()
        .map(|(path, why)| {
            (
                path.display().to_string(),
                Diagnostic::new(
                    &lint::FILE_UNREADABLE,
                    format!("the file cannot be read: {why}"),
                    None,
                ),
            )
        })
        .collect();
    let mut files: Vec<FileReport> = unreadable
        .iter()
        .map(|(path, diagnostic)| FileReport {
            path: path.clone(),
            diagnostics: vec![diagnostic],
        })
        .collect();
    for post in &library.posts {
        if post.diagnostics.is_empty() {
            continue;
        }
        let mut diagnostics: Vec<&Diagnostic> = post.diagnostics.iter().collect();
        // Errors first, then by line, so the worst comes first in each file.
        diagnostics.sort_by_key(|d| (std::cmp::Reverse(d.severity), d.line.unwrap_or(0)));
        files.push(FileReport {
            path: post.path.display().to_string(),
            diagnostics,
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let count = |severity| {
        files
            .iter()
            .flat_map(|f| &f.diagnostics)
            .filter(|d| d.severity == severity)
            .count()
    };
    let report = Report {
        posts: library.posts.len(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        files,
    };
    let written = if json {
        serde_json::to_string_pretty(&report)
            .map_err(std::io::Error::from)
            .and_then(|json| writeln!(out, "{}", escape_json(&json)))
    } else {
        write_text(dir, &report, library.binary_skipped.len(), out)
    };
    written.map_err(|source| Error::Output { source })?;
    Ok(if report.errors > 0 {
        super::exit::PROBLEMS
    } else {
        super::exit::OK
    })
}

fn write_text(
    dir: &Path,
    report: &Report,
    binary_skipped: usize,
    out: &mut impl Write,
) -> std::io::Result<()> {
    for file in &report.files {
        writeln!(
            out,
            "{}",
            sanitize_line(&dir.join(&file.path).display().to_string())
        )?;
        for d in &file.diagnostics {
            let severity = match d.severity {
                Severity::Error => "error  ",
                Severity::Warning => "warning",
            };
            let line = d.line.map(|l| format!("line {l}: ")).unwrap_or_default();
            writeln!(
                out,
                "  {severity} {line}{} [{}]",
                sanitize_line(&d.message),
                d.rule
            )?;
        }
    }
    if !report.files.is_empty() {
        writeln!(out)?;
    }
    let with_problems = report.files.len();
    let mut summary = format!(
        "{} {} checked: {} {}, {} {}",
        report.posts,
        plural(report.posts, "post", "posts"),
        report.errors,
        plural(report.errors, "error", "errors"),
        report.warnings,
        plural(report.warnings, "warning", "warnings"),
    );
    if with_problems > 0 {
        summary.push_str(&format!(
            " in {with_problems} {}",
            plural(with_problems, "file", "files")
        ));
    }
    if binary_skipped > 0 {
        summary.push_str(&format!(
            "; {binary_skipped} binary {} skipped",
            plural(binary_skipped, "file", "files")
        ));
    }
    writeln!(out, "{summary}")
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}
