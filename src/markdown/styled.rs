//! A run of inline text with styles, as collected from the parser before wrapping.
//!
//! Everything pushed here is sanitised on the way in, so the wrapper (and the terminal)
//! only ever see printable text. A `'\n'` in `text` is a hard line break: sanitised text
//! never contains one.

use std::borrow::Cow;

use ratatui::style::Style;

use crate::sanitize::{may_need_sanitizing, sanitize_line};

/// Styled text borrowed: from a [`StyledText`], or from a batch of them on their way to
/// the layout thread.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StyledStr<'a> {
    pub text: &'a str,
    /// As in [`StyledText::runs`], counted from the start of `text`.
    pub runs: &'a [(usize, Style)],
}

#[derive(Debug, Default, Clone)]
pub(crate) struct StyledText {
    pub text: String,
    /// `(end byte, style)` for consecutive runs covering `text`, ends ascending.
    pub runs: Vec<(usize, Style)>,
}

/// Makes untrusted inline text printable: line endings and tabs become spaces, every
/// other control character a visible placeholder.
pub(crate) fn clean_inline(raw: &str) -> Cow<'_, str> {
    if !may_need_sanitizing(raw) {
        return Cow::Borrowed(raw);
    }
    if raw.contains('\r') {
        Cow::Owned(sanitize_line(&raw.replace('\r', " ")).into_owned())
    } else {
        sanitize_line(raw)
    }
}

impl StyledText {
    pub fn as_str(&self) -> StyledStr<'_> {
        StyledStr {
            text: &self.text,
            runs: &self.runs,
        }
    }

    /// Appends untrusted text, sanitising it.
    pub fn push(&mut self, raw: &str, style: Style) {
        let clean = clean_inline(raw);
        self.push_clean(&clean, style);
    }

    /// Appends text that is already printable and holds no newline.
    pub fn push_clean(&mut self, clean: &str, style: Style) {
        if clean.is_empty() {
            return;
        }
        self.text.push_str(clean);
        let end = self.text.len();
        match self.runs.last_mut() {
            Some((last_end, last_style)) if *last_style == style => *last_end = end,
            _ => self.runs.push((end, style)),
        }
    }

    pub fn hard_break(&mut self) {
        self.text.push('\n');
        let end = self.text.len();
        match self.runs.last_mut() {
            Some((last_end, _)) => *last_end = end,
            None => self.runs.push((end, Style::new())),
        }
    }

    /// Breaks the line unless it is already empty (for HTML block tags and embeds).
    pub fn ensure_line_start(&mut self) {
        if !self.at_line_start() {
            self.hard_break();
        }
    }

    pub fn at_line_start(&self) -> bool {
        let tail = self.text.trim_end_matches(' ');
        tail.is_empty() || tail.ends_with('\n')
    }

    /// True when there is nothing but spaces and breaks to show.
    pub fn is_blank(&self) -> bool {
        self.text.bytes().all(|b| b == b' ' || b == b'\n')
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.runs.clear();
    }
}

impl StyledStr<'_> {
    /// True when there is nothing but spaces and breaks to show.
    pub fn is_blank(&self) -> bool {
        self.text.bytes().all(|b| b == b' ' || b == b'\n')
    }
}

impl StyledText {
    /// Appends other styled text, styles and breaks included.
    pub fn append(&mut self, other: StyledStr<'_>) {
        let mut start = 0;
        for &(end, style) in other.runs {
            let end = end.min(other.text.len());
            if end > start {
                self.push_clean(&other.text[start..end], style);
            }
            start = end;
        }
    }
}
