//! Markdown to styled terminal text at a given width.
//!
//! PLACEHOLDER: the real renderer replaces this file; the public API below is the contract
//! the app codes against.

use std::collections::HashMap;

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;

use crate::sanitize::sanitize_line;

/// Colours and styles for rendered text.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: ThemeName,
    /// False when `NO_COLOR` is set: modifiers only.
    pub colors: bool,
    pub text: Style,
    pub heading: Style,
    pub dim: Style,
    pub accent: Style,
    pub selection: Style,
    pub highlight: Style,
    pub warning: Style,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
}

impl Theme {
    /// The named theme, without colours when `NO_COLOR` is set to a non-empty value.
    pub fn from_env(name: ThemeName) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self::new(name, !no_color)
    }

    pub fn new(name: ThemeName, colors: bool) -> Self {
        let c = |color: Color| {
            if colors {
                Style::new().fg(color)
            } else {
                Style::new()
            }
        };
        Self {
            name,
            colors,
            text: Style::new(),
            heading: c(Color::Cyan).add_modifier(Modifier::BOLD),
            dim: c(Color::DarkGray),
            accent: c(Color::Yellow),
            selection: Style::new().add_modifier(Modifier::REVERSED),
            highlight: c(Color::Black)
                .bg(if colors { Color::Yellow } else { Color::Reset })
                .add_modifier(Modifier::BOLD),
            warning: c(Color::Red),
        }
    }
}

/// A rendered body: its lines (none wider than the width) and the link list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    pub lines: Vec<Line<'static>>,
    /// Link and image URLs, numbered from 1 in the order the text refers to them.
    pub links: Vec<String>,
}

/// Renders Markdown at `width` columns.
pub fn render(markdown: &str, width: u16, _theme: &Theme) -> Rendered {
    let width = usize::from(width.max(1));
    let mut lines = Vec::new();
    for raw in markdown.lines() {
        let clean = sanitize_line(raw).into_owned();
        let chars: Vec<char> = clean.chars().collect();
        if chars.is_empty() {
            lines.push(Line::default());
        }
        for chunk in chars.chunks(width) {
            lines.push(Line::from(chunk.iter().collect::<String>()));
        }
    }
    Rendered {
        lines,
        links: Vec::new(),
    }
}

/// Rendered bodies kept per post and width, so scrolling never re-renders.
#[derive(Debug, Default)]
pub struct RenderCache {
    entries: HashMap<(String, u16), Rendered>,
}

impl RenderCache {
    /// The rendered body of the post known as `key`, rendering it only the first time.
    pub fn get_or_render(
        &mut self,
        key: &str,
        markdown: &str,
        width: u16,
        theme: &Theme,
    ) -> &Rendered {
        self.entries
            .entry((key.to_string(), width))
            .or_insert_with(|| render(markdown, width, theme))
    }

    /// Forgets every width of one post (after it was edited or reloaded).
    pub fn invalidate(&mut self, key: &str) {
        self.entries.retain(|(k, _), _| k != key);
    }

    /// Forgets everything (after a theme change or a reload).
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}
