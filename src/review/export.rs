//! Export: a row per post with its review, as CSV (for a gradebook) or a Markdown table.

use super::rubric::FoundBy;
use crate::post::{Library, Post};
use crate::sanitize::{sanitize, sanitize_line};

use super::model::post_key;
use super::rubric::Rubric;
use super::store::ReviewStore;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Markdown,
    /// Every CSV column, and the rubric question by question.
    Json,
}

/// One question of a post's rubric, as the JSON export gives it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct QuestionAnswer {
    pub question: String,
    /// At least the minimum words.
    pub answered: bool,
    pub words: usize,
    /// `heading`, `text`, or null when not found.
    pub found_by: Option<FoundBy>,
}

/// One post's line in the export. Text fields are already made terminal-safe.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRow {
    pub author: String,
    pub title: String,
    pub date: String,
    pub path: String,
    pub status: String,
    pub score: Option<f64>,
    pub words: usize,
    pub answered: usize,
    pub asked: usize,
    pub note: String,
    /// The rubric, question by question.
    pub questions: Vec<QuestionAnswer>,
}

/// The header row, in column order.
pub const COLUMNS: [&str; 9] = [
    "author",
    "title",
    "date",
    "path",
    "status",
    "score",
    "words",
    "questions answered",
    "note",
];

/// What an export takes from the settings: the score scale and the rubric's questions.
#[derive(Debug, Clone, Copy)]
pub struct Sheet<'a> {
    pub score_max: f64,
    pub questions: &'a [String],
}

/// The header row as written: the score column names the scale ("score (out of 10)").
pub fn header(score_max: f64) -> Vec<String> {
    COLUMNS
        .iter()
        .map(|column| match *column {
            "score" => format!("score (out of {})", super::format_number(score_max)),
            other => other.to_string(),
        })
        .collect()
}

impl ExportRow {
    /// The row's cells as text, in [`COLUMNS`] order.
    pub fn cells(&self) -> [String; 9] {
        [
            self.author.clone(),
            self.title.clone(),
            self.date.clone(),
            self.path.clone(),
            self.status.clone(),
            self.score_cell(),
            self.words.to_string(),
            self.answered_cell(),
            self.note.clone(),
        ]
    }

    /// "3 of 5": written out so that spreadsheets do not read it as a date.
    pub fn answered_cell(&self) -> String {
        format!("{} of {}", self.answered, self.asked)
    }

    pub fn score_cell(&self) -> String {
        self.score.map(super::format_number).unwrap_or_default()
    }
}

/// The rubric question by question, as the JSON export and `list --json` give it.
pub fn question_answers(rubric: &Rubric, questions: &[impl AsRef<str>]) -> Vec<QuestionAnswer> {
    questions
        .iter()
        .enumerate()
        .map(|(i, question)| QuestionAnswer {
            question: question.as_ref().to_string(),
            answered: rubric
                .words(i)
                .is_some_and(|w| w >= crate::assignment::ANSWERED_MIN_WORDS),
            words: rubric.words(i).unwrap_or(0),
            found_by: rubric.found_by(i),
        })
        .collect()
}

/// A row per post of `library`, sorted by author then path, with its review from
/// `store` and its rubric against `questions`.
pub fn rows(
    library: &Library,
    store: &ReviewStore,
    questions: &[impl AsRef<str>],
) -> Vec<ExportRow> {
    let measured = library
        .posts
        .iter()
        .map(|post| (post, Rubric::of(&post.body, questions)));
    measured_rows(measured, store, questions)
}

/// [`rows`] of posts already measured against `questions` (the app keeps its rubrics,
/// and its posts' bodies in their files).
pub fn measured_rows<'a>(
    posts: impl Iterator<Item = (&'a Post, Rubric)>,
    store: &ReviewStore,
    questions: &[impl AsRef<str>],
) -> Vec<ExportRow> {
    let mut rows: Vec<ExportRow> = posts
        .map(|(post, rubric)| {
            let key = post_key(&post.path);
            let review = store.get(&key).cloned().unwrap_or_default();
            ExportRow {
                author: sanitize_line(&post.author).into_owned(),
                title: sanitize_line(&post.title).into_owned(),
                date: post.date.map(|d| d.to_string()).unwrap_or_default(),
                path: sanitize_line(&key).into_owned(),
                status: review.status.to_string(),
                score: review.score,
                words: rubric.total_words(),
                answered: rubric.answered(),
                asked: rubric.asked(),
                note: sanitize(&review.note.replace("\r\n", "\n")).into_owned(),
                questions: question_answers(&rubric, questions),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        crate::post::compare_titles(&a.author, &b.author).then_with(|| a.path.cmp(&b.path))
    });
    rows
}

/// Proper CSV: fields with commas, quotes or newlines are quoted.
pub fn to_csv(rows: &[ExportRow], sheet: Sheet<'_>) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail, and every record has the same length.
    // After the usual columns, the words of each question's answer.
    let questions = sheet.questions;
    let mut head = header(sheet.score_max);
    head.extend(questions.iter().map(|q| format!("words: {q}")));
    let _ = writer.write_record(head.iter().map(|cell| defuse_formula(cell)));
    for row in rows {
        let mut cells: Vec<String> = row.cells().into();
        cells.extend((0..questions.len()).map(|i| {
            row.questions
                .get(i)
                .map(|q| q.words.to_string())
                .unwrap_or_default()
        }));
        // Every cell, the note included: any of them could start like a formula.
        let _ = writer.write_record(cells.iter().map(|cell| defuse_formula(cell)));
    }
    writer.into_inner().unwrap_or_default()
}

/// A JSON array: per post every CSV column (the score a number, with its scale) and
/// `rubric: {answered, of, questions: [{question, answered, words, found_by}]}`.
pub fn to_json(rows: &[ExportRow], score_max: f64) -> Vec<u8> {
    let posts: Vec<serde_json::Value> = rows
        .iter()
        .map(|row| {
            serde_json::json!({
                "author": row.author,
                "title": row.title,
                "date": row.date,
                "path": row.path,
                "status": row.status,
                "score": row.score,
                "score_max": score_max,
                "words": row.words,
                "note": row.note,
                "rubric": {
                    "answered": row.answered,
                    "of": row.asked,
                    "questions": row.questions,
                },
            })
        })
        .collect();
    let mut out = serde_json::to_vec_pretty(&posts).unwrap_or_default();
    out.push(b'\n');
    // Text from posts is made terminal-safe as JSON escapes.
    crate::sanitize::escape_json(&String::from_utf8_lossy(&out))
        .into_owned()
        .into_bytes()
}

/// A Markdown table; pipes are escaped and newlines become `<br>`.
pub fn to_markdown(rows: &[ExportRow], score_max: f64) -> Vec<u8> {
    let mut out = String::new();
    out.push_str(&format!("| {} |\n", header(score_max).join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(COLUMNS.len())));
    for row in rows {
        let cells: Vec<String> = row.cells().iter().map(|c| markdown_cell(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out.into_bytes()
}

/// Renders `rows` in `format`.
pub fn render(rows: &[ExportRow], format: ExportFormat, sheet: Sheet<'_>) -> Vec<u8> {
    match format {
        ExportFormat::Csv => to_csv(rows, sheet),
        ExportFormat::Markdown => to_markdown(rows, sheet.score_max),
        ExportFormat::Json => to_json(rows, sheet.score_max),
    }
}

fn markdown_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim_end_matches('\n').chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("<br>"),
            // A student's `<script>` or `<b>` shows as written, never as markup.
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out
}

/// A cell that starts like a spreadsheet formula (`=`, `+`, `-`, `@`, or a tab or
/// carriage return before one) gets a leading `'`, so opening the export cannot run it.
pub fn defuse_formula(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_show_html_as_written() {
        assert_eq!(
            markdown_cell("<script>x</script> & <b>Q|A</b>\nnext"),
            "&lt;script&gt;x&lt;/script&gt; &amp; &lt;b&gt;Q\\|A&lt;/b&gt;<br>next"
        );
    }

    fn row(note: &str, title: &str) -> ExportRow {
        ExportRow {
            author: "ann".into(),
            title: title.into(),
            date: "2024-01-02".into(),
            path: "ann/a.md".into(),
            status: "reviewed".into(),
            score: Some(8.5),
            words: 120,
            answered: 3,
            asked: 5,
            note: note.into(),
            questions: Vec::new(),
        }
    }

    /// The default scale and questions.
    fn sheet() -> Sheet<'static> {
        static QUESTIONS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
            crate::assignment::DEFAULT_QUESTIONS
                .iter()
                .map(|q| q.to_string())
                .collect()
        });
        Sheet {
            score_max: 10.0,
            questions: &QUESTIONS,
        }
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let csv = String::from_utf8(to_csv(
            &[row("good, \"very\"\nsecond line", "=1+1")],
            sheet(),
        ))
        .unwrap();
        let words_columns: String = crate::assignment::DEFAULT_QUESTIONS
            .iter()
            .map(|q| format!(",words: {q}"))
            .collect();
        assert_eq!(
            csv,
            format!(
                "author,title,date,path,status,score (out of 10),words,questions answered,note{words_columns}\n\
                 ann,'=1+1,2024-01-02,ann/a.md,reviewed,8.5,120,3 of 5,\"good, \"\"very\"\"\nsecond line\",,,,,\n"
            )
        );
    }

    proptest::proptest! {
        /// Whatever students and graders write, no cell of the CSV starts like a formula.
        #[test]
        fn no_csv_cell_starts_like_a_formula(
            author in "[=+@\t\r -]?[a-z=,\"]{0,8}",
            title in "[=+@\t\r -]?[a-z=,\"]{0,8}",
            path in "[=+@-]?[a-z/.]{0,8}",
            note in "[=+@\t\r -]?[a-z=,\"\n]{0,8}",
            score in proptest::option::of(-100.0f64..100.0),
        ) {
            let mut row = row(&note, &title);
            row.author = author;
            row.path = path;
            row.score = score;
            let csv = to_csv(&[row], sheet());
            let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_slice());
            for record in reader.records() {
                for cell in record.unwrap().iter() {
                    proptest::prop_assert!(
                        !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                        "{cell:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_note_that_is_a_formula_is_defused() {
        let csv = String::from_utf8(to_csv(&[row("=1+2", "T")], sheet())).unwrap();
        assert!(csv.ends_with(",'=1+2,,,,,\n"), "{csv}");
    }

    #[test]
    fn markdown_escapes_pipes_and_newlines() {
        let md = String::from_utf8(to_markdown(&[row("a | b\nc", "T")], 10.0)).unwrap();
        let last = md.lines().last().unwrap();
        assert_eq!(
            last,
            "| ann | T | 2024-01-02 | ann/a.md | reviewed | 8.5 | 120 | 3 of 5 | a \\| b<br>c |"
        );
        assert_eq!(md.lines().count(), 3);
    }
}
