//! One draft open in the editor: the front-matter fields, the body in a textarea,
//! and what the status line and the preview show, recomputed only when the text
//! changes (the revision counter is the cache key).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::layout::Rect;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::draft::date::parse_date_opt;
use crate::draft::front::{read_fields, split, yaml_scalar};
use crate::draft::{DraftError, DraftSession, plan_publish, questions};
use crate::markdown::{Rendered, Theme, render};
use crate::sanitize::sanitize_for_editing;

/// How often, at most, typing brings the word count, the answered questions and the
/// preview up to date. Each costs a pass over the whole draft: done per key, a
/// 15,000-word draft would spend milliseconds on every character typed or pasted.
pub const REFRESH_EVERY: Duration = Duration::from_millis(120);

/// The fields of the editor, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Author,
    Date,
    Body,
}

impl Field {
    pub const ALL: [Field; 4] = [Field::Title, Field::Author, Field::Date, Field::Body];

    /// The front-matter key a one-line field writes.
    fn key(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Author => "author",
            Field::Date => "date",
            Field::Body => "",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Field::Title => "Title",
            Field::Author => "Author",
            Field::Date => "Date",
            Field::Body => "Body",
        }
    }

    fn step(self, delta: isize) -> Field {
        let i = Field::ALL.iter().position(|f| *f == self).unwrap_or(0) as isize;
        Field::ALL[(i + delta).rem_euclid(4) as usize]
    }
}

/// What the status line shows, computed when the text changes.
#[derive(Debug, Clone)]
pub struct Stats {
    pub words: usize,
    pub answered: usize,
    pub questions: usize,
    /// The file it would be published as, or why it cannot be.
    pub target: Result<PathBuf, String>,
}

/// Where the fields were drawn, for the mouse.
#[derive(Debug, Clone, Copy, Default)]
pub struct EditorAreas {
    pub fields: [Rect; 3],
    pub body: Rect,
}

pub struct EditorState {
    /// Title, author, date: one-line text areas.
    pub fields: [TextArea<'static>; 3],
    pub body: TextArea<'static>,
    pub focus: Field,
    /// The front matter's lines; the title, author and date lines are rewritten from
    /// the fields, everything else (layout, tags…) is kept as written.
    yaml: Vec<String>,
    pub session: DraftSession,
    questions: Vec<String>,
    /// Bumped on every change of the text.
    pub revision: u64,
    /// Narrow windows: the preview replaces the body while this is on.
    pub show_preview: bool,
    preview: Option<(u64, u16, Rendered)>,
    /// [`crate::syntax::generation`] when the preview was rendered: code it left plain
    /// may be coloured once a language is built.
    preview_syntax: u64,
    stats: Option<(u64, Stats)>,
    /// When the statistics and the preview were last brought up to date: while the
    /// user types they follow at most every [`REFRESH_EVERY`], off the keystroke path.
    refreshed_at: Option<Instant>,
    /// The revision the publish target was computed for (it needs the front matter only).
    target_for: Option<(String, Result<PathBuf, String>)>,
    pub areas: EditorAreas,
    /// The posts folder it will be published into.
    posts_dir: PathBuf,
    /// The site around that folder: the preview reads the body's Liquid as it will.
    site: crate::site::Site,
}

/// What the preview is rendered with: the theme, and the URLs of the site's posts for
/// `post_url` and `link`.
pub struct PreviewContext<'a> {
    pub theme: &'a Theme,
    pub url_of: &'a dyn Fn(crate::liquid::Reference<'_>) -> Option<String>,
}

impl<'a> PreviewContext<'a> {
    /// With no other posts known (`post_url` stays as written).
    pub fn alone(theme: &'a Theme) -> Self {
        Self {
            theme,
            url_of: &crate::liquid::no_urls,
        }
    }
}

impl EditorState {
    /// An editor on `session`'s draft showing `text` (the saved text, or recovered text).
    /// The rubric's questions are the template's, else `default_questions` (the
    /// settings').
    pub fn new(
        session: DraftSession,
        text: &str,
        template: &str,
        posts_dir: &Path,
        default_questions: &[String],
    ) -> Self {
        // A draft read from disk may hold control characters; they must never reach
        // the terminal, and they have no place in a post. Windows line ends and tabs
        // are kept as what they mean.
        let opened_as_saved = text == session.saved_text();
        let text = sanitize_for_editing(text).into_owned();
        let (yaml, body) = match split(&text) {
            Some(parts) => (
                parts.yaml.lines().map(str::to_string).collect(),
                parts.body.to_string(),
            ),
            None => (vec!["layout: post".to_string()], text.clone()),
        };
        let values = yaml_values(&yaml);
        let mut fields = values.map(|v| one_line(&v));
        // Shown while the date is empty.
        fields[2].set_placeholder_text("YYYY-MM-DD (empty: the day it is published)");
        let mut body = TextArea::new(body.split('\n').map(str::to_string).collect());
        body.set_wrap_mode(WrapMode::WordOrGlyph);
        body.set_max_histories(500);
        let mut questions = questions(template);
        if questions.is_empty() {
            questions = default_questions.to_vec();
        }
        let mut editor = Self {
            fields,
            body,
            focus: Field::Title,
            yaml,
            session,
            questions,
            revision: 0,
            show_preview: false,
            preview: None,
            preview_syntax: 0,
            stats: None,
            refreshed_at: None,
            target_for: None,
            areas: EditorAreas::default(),
            posts_dir: posts_dir.to_path_buf(),
            site: crate::site::Site::find(posts_dir, 1),
        };
        // The body's cursor waits where the next answer goes; an empty title is the
        // first thing to fill in, else typing starts in the body.
        let (row, column) = answer_position(editor.body.lines());
        let at = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        editor
            .body
            .move_cursor(CursorMove::Jump(at(row), at(column)));
        if !editor.field_text(Field::Title).is_empty() {
            editor.focus = Field::Body;
        }
        // Unsaved means changed since it was opened: line ends made plain, or a blank
        // field written back in its short form, are not the user's changes.
        if opened_as_saved {
            let shown = editor.text();
            editor.session.treat_as_saved(shown);
        }
        editor
    }

    pub fn area_mut(&mut self, field: Field) -> &mut TextArea<'static> {
        match field {
            Field::Title => &mut self.fields[0],
            Field::Author => &mut self.fields[1],
            Field::Date => &mut self.fields[2],
            Field::Body => &mut self.body,
        }
    }

    pub fn area(&self, field: Field) -> &TextArea<'static> {
        match field {
            Field::Title => &self.fields[0],
            Field::Author => &self.fields[1],
            Field::Date => &self.fields[2],
            Field::Body => &self.body,
        }
    }

    pub fn focused(&mut self) -> &mut TextArea<'static> {
        self.area_mut(self.focus)
    }

    /// A one-line field's text (a pasted line break counts as a space).
    pub fn field_text(&self, field: Field) -> String {
        self.area(field).lines().join(" ").trim().to_string()
    }

    pub fn move_focus(&mut self, delta: isize) {
        self.focus = self.focus.step(delta);
    }

    /// Records a change of the text at `now`.
    pub fn changed(&mut self, now: Instant) {
        self.revision += 1;
        self.session.note_change(now);
    }

    /// The draft's text: the front matter with the fields written in, then the body.
    pub fn text(&self) -> String {
        let mut out = String::from("---\n");
        let mut written = [false; 3];
        // After a field's key line, the lines that continue its old value (a folded
        // title, a list of authors) go with it: the field's text replaces them all.
        let mut old_value = None;
        for line in &self.yaml {
            if let Some(dashes) = old_value {
                if continues_value(line, dashes) {
                    continue;
                }
                old_value = None;
            }
            match key_of(line) {
                Some(i) => {
                    if !written[i] {
                        written[i] = true;
                        push_field(&mut out, Field::ALL[i], &self.field_text(Field::ALL[i]));
                    }
                    let after_colon = line.split_once(':').map_or("", |(_, v)| v.trim());
                    old_value = Some(after_colon.is_empty());
                }
                None => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        for (i, done) in written.iter().enumerate() {
            if !done {
                push_field(&mut out, Field::ALL[i], &self.field_text(Field::ALL[i]));
            }
        }
        out.push_str("---\n");
        out.push_str(&self.body.lines().join("\n"));
        out
    }

    pub fn body_text(&self) -> String {
        self.body.lines().join("\n")
    }

    pub fn is_dirty(&self) -> bool {
        self.session.is_dirty(&self.text())
    }

    pub fn path(&self) -> &Path {
        self.session.path()
    }

    /// True when the statistics or the preview shown lag behind the text (before the
    /// first frame there is nothing shown, and the frame computes them).
    pub fn is_stale(&self) -> bool {
        self.stats.as_ref().is_some_and(|s| s.0 != self.revision)
            || self.preview.as_ref().is_some_and(|p| p.0 != self.revision)
    }

    /// When the statistics and preview should next be brought up to date, if they lag
    /// (`now` when they never were).
    pub fn refresh_due(&self, now: Instant) -> Option<Instant> {
        if !self.is_stale() {
            return None;
        }
        Some(self.refreshed_at.map_or(now, |at| at + REFRESH_EVERY))
    }

    /// Brings the statistics and the preview (at the width it was last drawn) up to
    /// date with the text. True when anything was recomputed.
    pub fn refresh(&mut self, now: Instant, cx: &PreviewContext<'_>) -> bool {
        if !self.is_stale() {
            return false;
        }
        self.stats();
        if let Some(width) = self.preview.as_ref().map(|p| p.1) {
            self.preview(width, cx);
        }
        self.refreshed_at = Some(now);
        true
    }

    /// The statistics as last computed (computed now if they never were).
    pub fn shown_stats(&mut self) -> Stats {
        match &self.stats {
            Some((_, stats)) => stats.clone(),
            None => self.stats(),
        }
    }

    /// The statistics as last computed, for drawing.
    pub fn last_stats(&self) -> Option<&Stats> {
        self.stats.as_ref().map(|(_, stats)| stats)
    }

    /// The preview as last rendered, if it was rendered at `width`, for drawing.
    pub fn preview_at(&self, width: u16) -> Option<&Rendered> {
        match &self.preview {
            Some((_, w, rendered)) if *w == width => Some(rendered),
            _ => None,
        }
    }

    /// The preview as last rendered, rendered now only if there is none at `width` (or
    /// a language was built since).
    pub fn shown_preview(&mut self, width: u16, cx: &PreviewContext<'_>) -> &Rendered {
        let same_syntax = self.preview_syntax == crate::syntax::generation();
        if !same_syntax || !matches!(&self.preview, Some((_, w, _)) if *w == width) {
            return self.preview(width, cx);
        }
        &self.preview.as_ref().expect("checked above").2
    }

    /// Words, questions answered and the publish target, for the current text.
    pub fn stats(&mut self) -> Stats {
        if let Some((rev, stats)) = &self.stats
            && *rev == self.revision
        {
            return stats.clone();
        }
        let body = self.body_text();
        let text = self.text();
        let front = text[..text.len() - body.len()].to_string();
        // The target depends on the front matter only; typing in the body never
        // walks the posts folder again.
        let date = self.field_text(Field::Date);
        let target = match &self.target_for {
            // Publishing would quietly use today for a date it cannot read: say so.
            _ if !date.is_empty() && parse_date_opt(&date).is_none() => Err(format!(
                "the date “{date}” is not a real date; write YYYY-MM-DD or leave it empty"
            )),
            Some((f, target)) if *f == front => target.clone(),
            _ => {
                let target = plan_publish(self.path(), &text, &self.posts_dir, None)
                    .map(|plan| plan.target)
                    .map_err(|e| why_not_publishable(&e));
                self.target_for = Some((front, target.clone()));
                target
            }
        };
        let stats = Stats {
            words: crate::review::author_words(&body, &self.questions),
            answered: crate::draft::answered_count(&body, &self.questions),
            questions: self.questions.len(),
            target,
        };
        self.stats = Some((self.revision, stats.clone()));
        stats
    }

    /// The body rendered at `width` as the site will publish it (its Liquid read),
    /// rendered again only when the text changed.
    pub fn preview(&mut self, width: u16, cx: &PreviewContext<'_>) -> &Rendered {
        let generation = crate::syntax::generation();
        let fresh = self.preview_syntax == generation
            && matches!(&self.preview, Some((rev, w, _)) if *rev == self.revision && *w == width);
        if !fresh {
            let text = self.text();
            let front_matter = split(&text).map_or("", |parts| parts.yaml);
            let page = crate::liquid::Page {
                front_matter,
                url_of: cx.url_of,
            };
            let body = self.body_text();
            let body = crate::liquid::expand(&body, page, &self.site);
            let rendered = render(&body, width, cx.theme);
            self.preview = Some((self.revision, width, rendered));
            self.preview_syntax = generation;
        }
        &self.preview.as_ref().expect("just rendered").2
    }

    /// Shows `text`, which the session now holds as saved (the version on disk taken
    /// after a conflict): nothing is unsaved afterwards.
    pub fn show_saved(&mut self, text: &str) {
        self.replace_text(text, Instant::now());
        let shown = self.text();
        self.session.treat_as_saved(shown);
    }

    /// Replaces the whole text (after the external editor), keeping it unsaved.
    pub fn replace_text(&mut self, text: &str, now: Instant) {
        let fresh = EditorState::new(
            DraftSession::new(self.path(), self.session.saved_text()),
            text,
            "",
            &self.posts_dir,
            &self.questions,
        );
        self.fields = fresh.fields;
        self.body = fresh.body;
        self.yaml = fresh.yaml;
        self.changed(now);
    }
}

/// Why the draft cannot be published, in the editor's words: the field to fill in, not
/// the front matter key the file lacks; short enough for the status line.
pub fn why_not_publishable(err: &DraftError) -> String {
    match err {
        DraftError::MissingField { field, .. } => {
            let label = Field::ALL
                .iter()
                .find(|f| f.key() == *field)
                .map_or(*field, |f| f.label());
            format!("fill in the {label}")
        }
        DraftError::Rejected { message, .. } => message.clone(),
        DraftError::BadDraftDate { date, .. } => {
            format!("the Date “{date}” is not a real date; write YYYY-MM-DD")
        }
        other => other.to_string(),
    }
}

/// Where the cursor waits in a draft's body, `(row, column)`: under the first question
/// not answered yet, one line further down when that leaves a blank line on both sides
/// (so the answer is a paragraph of its own, not the end of the question's); when every
/// question has its answer, at the end of the text, to go on writing.
fn answer_position(lines: &[String]) -> (usize, usize) {
    let blank = |i: usize| lines.get(i).is_none_or(|l| l.trim().is_empty());
    let prompts: Vec<usize> = (0..lines.len())
        .filter(|&i| is_prompt_line(&lines[i]))
        .collect();
    for (k, &prompt) in prompts.iter().enumerate() {
        let next = prompts.get(k + 1).copied().unwrap_or(lines.len());
        let room = prompt + 1 < next;
        let answered = (prompt + 1..next).any(|i| !blank(i));
        if room && !answered {
            let row = prompt + 1;
            let middle = row + 1 < lines.len() && blank(row + 1) && blank(row + 2);
            return (if middle { row + 1 } else { row }, 0);
        }
    }
    match (0..lines.len()).rev().find(|&i| !blank(i)) {
        Some(last) => (last, lines[last].chars().count()),
        None => (0, 0),
    }
}

/// A bold line, as the template writes its questions.
fn is_prompt_line(line: &str) -> bool {
    let line = line.trim();
    line.len() > 4 && line.starts_with("**") && line.ends_with("**")
}

/// Whether `line` goes on with the value of the key line before it: indented, blank,
/// or (when the key line had no value, `dashes`) a list item at the key's level.
fn continues_value(line: &str, dashes: bool) -> bool {
    line.starts_with([' ', '\t'])
        || line.trim().is_empty()
        || (dashes && (line == "-" || line.starts_with("- ")))
}

/// The index (title 0, author 1, date 2) of a top-level `key:` line.
fn key_of(line: &str) -> Option<usize> {
    (0..3).find(|&i| {
        line.strip_prefix(Field::ALL[i].key())
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })
}

fn push_field(out: &mut String, field: Field, value: &str) {
    // An empty date means "the day it is published": no `date:` line at all.
    if field == Field::Date && value.is_empty() {
        return;
    }
    out.push_str(field.key());
    out.push(':');
    if !value.is_empty() {
        out.push(' ');
        out.push_str(&yaml_scalar(value));
    }
    out.push('\n');
}

/// Title, author and date as the front matter holds them.
fn yaml_values(yaml: &[String]) -> [String; 3] {
    let joined = yaml.join("\n");
    match read_fields(&joined) {
        Ok(fields) => [fields.title, fields.author, fields.date.unwrap_or_default()],
        // Damaged YAML: take the raw text after each key, so nothing typed is lost.
        Err(_) => {
            let raw = |i: usize| {
                yaml.iter()
                    .find(|l| key_of(l) == Some(i))
                    .and_then(|l| l.split_once(':'))
                    .map(|(_, v)| v.trim().trim_matches('"').to_string())
                    .unwrap_or_default()
            };
            [raw(0), raw(1), raw(2)]
        }
    }
}

fn one_line(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(vec![text.to_string()]);
    area.move_cursor(CursorMove::End);
    area
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::ThemeName;

    fn editor() -> EditorState {
        let text = "---\ntitle: T\n---\nOne two three.\n";
        let session = DraftSession::new("/nonexistent/_drafts/t.md", text);
        EditorState::new(
            session,
            text,
            "",
            Path::new("/nonexistent/posts"),
            &crate::config::Settings::default().questions,
        )
    }

    fn lines(text: &str) -> Vec<String> {
        text.split('\n').map(str::to_string).collect()
    }

    #[test]
    fn the_cursor_waits_under_the_first_question_not_answered_yet() {
        let fresh = lines("\n**How did it go?**\n\n\n\n**What did you learn?**\n\n\n");
        assert_eq!(answer_position(&fresh), (3, 0), "between two blank lines");
        let first_answered = lines(
            "\n**How did it go?**\n\nIt went well.\n\n**What did you learn?**\n\n\n\n**Next?**\n",
        );
        assert_eq!(answer_position(&first_answered), (7, 0));
        // Only one blank line: the answer goes on it (the end of the text is blank too).
        let tight = lines("**Q?**\nAnswer.\n**R?**\n");
        assert_eq!(answer_position(&tight), (3, 0));
        // A question with no room under it is passed over.
        let no_room = lines("**Q?**\n**R?**\n\n\n");
        assert_eq!(answer_position(&no_room), (3, 0));
    }

    #[test]
    fn with_every_question_answered_the_cursor_waits_at_the_end_of_the_text() {
        let answered = lines("**Q?**\n\nIt went well, I met many people.\n\n**R?**\n\nTypes.\n\n");
        assert_eq!(answer_position(&answered), (6, 6));
        assert_eq!(answer_position(&lines("Just some words")), (0, 15));
        assert_eq!(answer_position(&lines("\n\n")), (0, 0));
        assert_eq!(answer_position(&[]), (0, 0));
    }

    /// Typing leaves the counts as shown until the refresh is due; then they follow.
    #[test]
    fn statistics_follow_typing_once_the_refresh_is_due() {
        let theme = Theme::new(ThemeName::Dark, false);
        let mut editor = editor();
        let start = Instant::now();
        assert_eq!(editor.shown_stats().words, 3);
        editor.shown_preview(40, &PreviewContext::alone(&theme));
        assert_eq!(editor.refresh_due(start), None, "nothing lags yet");

        editor.body.insert_str(" four");
        editor.changed(start);
        assert_eq!(editor.shown_stats().words, 3, "not recounted per key");
        let due = editor.refresh_due(start).expect("the counts lag");
        assert!(due <= start, "never refreshed: due at once");
        assert!(editor.refresh(due, &PreviewContext::alone(&theme)));
        assert_eq!(editor.shown_stats().words, 4);
        assert_eq!(editor.refresh_due(due), None);

        // The next change waits for the interval, then is counted too.
        editor.body.insert_str(" five");
        editor.changed(due);
        let next = editor.refresh_due(due).expect("lags again");
        assert_eq!(next, due + REFRESH_EVERY);
        assert!(editor.refresh(next, &PreviewContext::alone(&theme)));
        assert_eq!(editor.shown_stats().words, 5);
        let preview: String = (0..editor
            .shown_preview(40, &PreviewContext::alone(&theme))
            .len())
            .map(|i| {
                editor
                    .shown_preview(40, &PreviewContext::alone(&theme))
                    .line_text(i)
                    .to_string()
            })
            .collect();
        assert!(preview.contains("five"), "{preview}");
    }
}
