//! The block structure: pulldown-cmark events in, wrapped lines out.
//!
//! Containers (block quotes, list items, footnotes, code indents) stack up; each gives
//! every line a prefix — its `first` spans on the first line emitted inside it (a bullet,
//! a footnote label), its `rest` spans after (the hanging indent). Prefixes together may
//! take at most half the width, so deep nesting in a narrow pane still leaves room for
//! the text. Blank lines between blocks are emitted lazily, with the prefixes of the
//! containers the finished block was in.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Tag, TagEnd};
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use smallvec::{SmallVec, smallvec};

use super::Theme;
use super::code::render_code;
use super::html::{HtmlItem, HtmlTokenizer};
use super::layout::{Op, OpSink, Prefixes};
use super::styled::StyledText;
use super::table::{TableBuilder, TableLayout};
use super::width::{spans_width, str_width, truncate};
use super::wrap::{Spans, spaces, wrap};
use crate::sanitize::may_need_sanitizing_lines;

/// A container's prefix: a bullet, a bar, an indent (two spans at most, kept inline).
type Prefix = SmallVec<[Span<'static>; 2]>;

struct Container {
    first: Prefix,
    rest: Prefix,
    used: bool,
    is_item: bool,
}

impl Container {
    fn new(first: Prefix, rest: Prefix, is_item: bool) -> Self {
        Self {
            first,
            rest,
            used: false,
            is_item,
        }
    }
}

#[derive(Debug, PartialEq)]
pub(super) enum Origin {
    Markdown,
    Html(String),
}

struct CodeBlock {
    lang: Option<String>,
    text: String,
}

pub(super) struct Renderer<'t> {
    pub width: usize,
    pub theme: &'t Theme,
    output: &'t mut dyn OpSink,
    /// Whether any line was sent out yet (no blank line goes before the first).
    sent_lines: bool,
    /// True when the whole source holds nothing to sanitise but its line ends: then
    /// text the parser borrows from it is clean too (text the parser makes, from
    /// entities say, is still checked).
    pub source_clean: bool,
    /// True when the source holds Liquid shown as written ([`crate::liquid::encode`]):
    /// it is given back as written, dim.
    pub liquid: bool,
    pub links: Vec<String>,
    pub link_numbers: HashMap<String, usize, foldhash::fast::RandomState>,
    containers: Vec<Container>,
    /// The prefixes of `containers`, kept until a container changes.
    prefixes: Option<Arc<Prefixes>>,
    /// Prefixes made lately: each list item changes them three times (its bullet, its
    /// hanging indent, its end), and mostly back to ones seen before.
    recent_prefixes: Vec<Arc<Prefixes>>,
    /// One entry per open list: the next number of an ordered list, `None` for bullets.
    lists: Vec<Option<u64>>,
    /// A blank line is due before the next block, inside this many containers.
    pending_blank: Option<usize>,
    pub buf: StyledText,
    /// Cumulative inline styles; entry 0 is the base and never popped.
    pub styles: Vec<(Origin, Style)>,
    pub md_links: Vec<CowStr<'t>>,
    /// Where each open image's alt text starts in `buf`, to tell an image without one.
    pub image_alt_starts: Vec<usize>,
    /// How much more code this render may colour ([`super::code::HIGHLIGHT_BUDGET`]).
    highlight_budget: usize,
    pub html_links: Vec<String>,
    code: Option<CodeBlock>,
    table: Option<TableBuilder>,
    pub html: HtmlTokenizer,
    pub html_items: Vec<HtmlItem>,
}

impl<'t> Renderer<'t> {
    /// `width` must be the one `output` lays out at; `source` is the Markdown.
    pub fn new(width: usize, theme: &'t Theme, source: &str, output: &'t mut dyn OpSink) -> Self {
        Self {
            width,
            theme,
            output,
            sent_lines: false,
            source_clean: !may_need_sanitizing_lines(source),
            liquid: crate::liquid::has_encoded(source),
            links: Vec::new(),
            link_numbers: HashMap::default(),
            containers: Vec::new(),
            prefixes: None,
            recent_prefixes: Vec::new(),
            lists: Vec::new(),
            pending_blank: None,
            buf: StyledText::default(),
            styles: vec![(Origin::Markdown, theme.text)],
            md_links: Vec::new(),
            image_alt_starts: Vec::new(),
            highlight_budget: super::code::HIGHLIGHT_BUDGET,
            html_links: Vec::new(),
            code: None,
            table: None,
            html: HtmlTokenizer::default(),
            html_items: Vec::new(),
        }
    }

    pub fn event(&mut self, event: Event<'t>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => match &mut self.code {
                Some(code) if self.liquid => code.text.push_str(&crate::liquid::decode(&text)),
                Some(code) => code.text.push_str(&text),
                None if self.liquid && crate::liquid::has_encoded(&text) => self.liquid_text(&text),
                None if self.source_clean && matches!(text, CowStr::Borrowed(_)) => {
                    // A slice of a source with nothing to sanitise but line ends (the
                    // parser gives those as breaks; one left in would only break the
                    // line, as a hard break does).
                    let style = self.current();
                    self.buf.push_clean(&text, style);
                }
                None => self.text(&text),
            },
            Event::Rule => {
                self.flush_inline();
                let (fw, _) = self.content_widths();
                let rule = Span::styled("─".repeat(fw), self.theme.dim);
                self.emit(vec![vec![rule]]);
                self.set_blank();
            }
            other => self.inline_event(other),
        }
    }

    fn start(&mut self, tag: Tag<'t>) {
        match tag {
            Tag::Paragraph | Tag::HtmlBlock => {
                self.flush_inline();
            }
            Tag::Heading { level, .. } => {
                self.flush_inline();
                let style = match level {
                    HeadingLevel::H1 => self.theme.heading,
                    HeadingLevel::H2 => self.theme.heading2,
                    _ => self.theme.heading3,
                };
                self.push_style(Origin::Markdown, style);
            }
            Tag::BlockQuote(_) => {
                self.flush_inline();
                let bar = smallvec![Span::styled("│ ", self.theme.marker)];
                self.push_container(Container::new(bar.clone(), bar, false));
            }
            Tag::CodeBlock(kind) => {
                self.flush_inline();
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .map(|l| super::styled::clean_inline(l).into_owned()),
                    CodeBlockKind::Indented => None,
                };
                self.code = Some(CodeBlock {
                    lang,
                    text: String::new(),
                });
            }
            Tag::List(start) => {
                self.flush_inline();
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush_inline();
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}. ");
                        *n = n.saturating_add(1);
                        Cow::Owned(m)
                    }
                    _ => {
                        let bullets = ["• ", "◦ ", "▪ "];
                        let depth = self.lists.len().saturating_sub(1);
                        Cow::Borrowed(bullets[depth % bullets.len()])
                    }
                };
                self.push_marker_container(marker, true);
            }
            Tag::FootnoteDefinition(label) => {
                self.flush_inline();
                let label = crate::liquid::decode(&label);
                let label = format!("[^{}]: ", super::styled::clean_inline(&label));
                let first = smallvec![Span::styled(label, self.theme.marker)];
                self.push_container(Container::new(first, smallvec![Span::raw("    ")], false));
            }
            Tag::Table(aligns) => {
                self.flush_inline();
                self.table = Some(TableBuilder::new(aligns, self.theme.dim));
            }
            Tag::TableHead => {
                self.push_style(Origin::Markdown, Style::new().add_modifier(Modifier::BOLD));
            }
            Tag::TableRow | Tag::TableCell => self.buf.clear(),
            Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => {
                self.flush_inline();
            }
            inline => self.start_inline(inline),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => {
                self.end_block_text();
            }
            TagEnd::HtmlBlock => {
                self.end_block_text();
            }
            TagEnd::Heading(level) => self.end_heading(level),
            TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition => {
                self.flush_inline();
                self.pop_container();
                self.set_blank();
            }
            TagEnd::CodeBlock => self.end_code(),
            TagEnd::List(_) => {
                self.flush_inline();
                self.lists.pop();
                // A list nested in an item is followed by the next item, tightly.
                if !self.containers.last().is_some_and(|c| c.is_item) {
                    self.set_blank();
                }
            }
            TagEnd::Item => {
                self.flush_inline();
                self.pop_container();
            }
            TagEnd::TableCell => {
                self.finish_html();
                if let Some(table) = &mut self.table {
                    table.push_cell(self.buf.as_str());
                }
                self.buf.clear();
            }
            TagEnd::TableHead => {
                self.pop_style();
                if let Some(table) = &mut self.table {
                    table.end_row(true);
                }
            }
            TagEnd::TableRow => {
                if let Some(table) = &mut self.table {
                    table.end_row(false);
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    let (fw, rw) = self.content_widths();
                    match table.layout(fw.min(rw)) {
                        TableLayout::Lines(lines) => self.emit(lines),
                        TableLayout::Columns(table) if table.is_empty() => {}
                        TableLayout::Columns(table) => {
                            self.blank_if_pending();
                            let prefixes = Arc::clone(self.prefixes());
                            self.send(Op::Table { table, prefixes });
                            self.mark_containers_used();
                        }
                    }
                    self.set_blank();
                }
            }
            inline => self.end_inline(inline),
        }
    }

    /// Ends a paragraph-like block: its text is wrapped, stray HTML styles are closed.
    fn end_block_text(&mut self) {
        if self.flush_inline() {
            self.set_blank();
        }
        self.reset_inline_styles();
    }

    fn end_heading(&mut self, level: HeadingLevel) {
        self.finish_html();
        let (fw, rw) = self.content_widths();
        let mut lines = wrap(&self.buf, fw, rw);
        if !lines.is_empty() {
            // Recorded where its first line goes: after the blank line before it.
            self.blank_if_pending();
            let text = crate::sanitize::sanitize_line(self.buf.text.trim()).into_owned();
            self.output.push(Op::Heading {
                level: level as u8,
                text,
            });
        }
        self.buf.clear();
        let rule = match level {
            HeadingLevel::H1 => Some(("═", self.theme.heading)),
            HeadingLevel::H2 => Some(("─", self.theme.heading2)),
            _ => None,
        };
        if let Some((ch, style)) = rule
            && !lines.is_empty()
        {
            let w = lines.iter().map(|l| spans_width(l)).max().unwrap_or(0);
            lines.push(vec![Span::styled(ch.repeat(w.clamp(1, rw)), style)]);
        }
        self.emit(lines);
        self.set_blank();
        self.reset_inline_styles();
        self.pop_style();
    }

    fn end_code(&mut self) {
        let Some(code) = self.code.take() else { return };
        self.push_container(Container::new(
            smallvec![Span::raw("  ")],
            smallvec![Span::raw("  ")],
            false,
        ));
        let (fw, rw) = self.content_widths();
        let lang = code.lang.as_deref().map(crate::liquid::decode);
        let lines = render_code(
            &code.text,
            lang.as_deref(),
            fw,
            rw,
            self.theme,
            &mut self.highlight_budget,
        );
        self.emit(lines);
        self.containers.pop();
        self.prefixes = None;
        self.set_blank();
    }

    fn push_marker_container(&mut self, marker: Cow<'static, str>, is_item: bool) {
        let w = str_width(&marker);
        let first = smallvec![Span::styled(marker, self.theme.marker)];
        let rest = smallvec![Span::raw(spaces(w))];
        self.push_container(Container::new(first, rest, is_item));
    }

    fn push_container(&mut self, container: Container) {
        self.containers.push(container);
        self.prefixes = None;
    }

    /// A task-list box replaces an item's bullet (or follows its number).
    pub fn task_marker(&mut self, checked: bool) {
        let ordered = matches!(self.lists.last(), Some(Some(_)));
        let style = self.theme.marker;
        let Some(item) = self.containers.iter_mut().rev().find(|c| c.is_item) else {
            return;
        };
        let box_ = if checked { "☑ " } else { "☐ " };
        if ordered {
            item.first.push(Span::styled(box_, style));
        } else {
            item.first = smallvec![Span::styled(box_, style)];
        }
        let w: usize = item.first.iter().map(|s| str_width(&s.content)).sum();
        item.rest = smallvec![Span::raw(spaces(w))];
        self.prefixes = None;
    }

    fn pop_container(&mut self) {
        if self.containers.last().is_some_and(|c| !c.used) {
            // An empty item or quote still shows its bullet or bar.
            self.emit(vec![Vec::new()]);
        }
        self.containers.pop();
        self.prefixes = None;
        if let Some(depth) = self.pending_blank {
            self.pending_blank = Some(depth.min(self.containers.len()));
        }
    }

    fn set_blank(&mut self) {
        let depth = self.containers.len();
        self.pending_blank = Some(self.pending_blank.map_or(depth, |d| d.min(depth)));
    }

    /// The prefixes of the next first line and of the lines after it, cut to the budget.
    fn prefixes(&mut self) -> &Arc<Prefixes> {
        let budget = self.width / 2;
        let containers = &self.containers;
        let recent = &mut self.recent_prefixes;
        self.prefixes
            .get_or_insert_with(|| reuse_or_make_prefixes(containers, recent, budget))
    }

    /// Columns left for content on the next first line and the lines after it (>= 1).
    pub fn content_widths(&mut self) -> (usize, usize) {
        let width = self.width;
        let p = self.prefixes();
        (width - p.first_width, width - p.rest_width)
    }

    /// Wraps and emits the pending inline text; false when there was none.
    pub fn flush_inline(&mut self) -> bool {
        self.finish_html();
        if self.buf.is_blank() {
            self.buf.clear();
            return false;
        }
        let (first, rest) = self.content_widths();
        self.blank_if_pending();
        let prefixes = Arc::clone(self.prefixes());
        self.output.wrap(self.buf.as_str(), first, rest, &prefixes);
        self.sent_lines = true;
        self.buf.clear();
        self.mark_containers_used();
        true
    }

    fn send(&mut self, op: Op) {
        self.sent_lines = true;
        self.output.push(op);
    }

    /// Once a line was emitted inside them, containers show their `rest` prefix.
    fn mark_containers_used(&mut self) {
        if self.containers.iter().any(|c| !c.used) {
            for c in &mut self.containers {
                c.used = true;
            }
            self.prefixes = None;
        }
    }

    /// Emits content lines (built for `content_widths`) behind the containers' prefixes.
    pub fn emit(&mut self, lines: Vec<Spans>) {
        if lines.is_empty() {
            return;
        }
        self.blank_if_pending();
        let prefixes = Arc::clone(self.prefixes());
        self.send(Op::Lines { lines, prefixes });
        self.mark_containers_used();
    }

    fn blank_if_pending(&mut self) {
        let Some(depth) = self.pending_blank.take() else {
            return;
        };
        if !self.sent_lines {
            return;
        }
        let depth = depth.min(self.containers.len());
        let rest = self.containers[..depth].iter().flat_map(|c| &c.rest);
        let (prefix, _) = truncate(rest, self.width / 2);
        self.send(Op::Blank { prefix });
    }

    /// Sends the last ops, the link list among them, and returns the link URLs.
    pub fn finish(mut self) -> Vec<String> {
        self.flush_inline();
        while !self.containers.is_empty() {
            self.pop_container();
        }
        if !self.links.is_empty() {
            self.pending_blank = Some(0);
            let links = std::mem::take(&mut self.links);
            let mut text = StyledText::default();
            let mut number = String::new();
            // URLs wrap hanging under their start; the indent changes with the digits.
            let mut hanging: Option<(usize, Arc<Prefixes>)> = None;
            for (i, url) in links.iter().enumerate() {
                number.clear();
                let _ = write!(number, "[{}] ", i + 1);
                text.clear();
                text.push_clean(&number, self.theme.dim);
                text.push_clean(url, self.theme.link);
                let indent = number.len();
                if hanging.as_ref().is_none_or(|(w, _)| *w != indent) {
                    let rest = if indent < self.width {
                        vec![Span::raw(spaces(indent))]
                    } else {
                        Vec::new()
                    };
                    let prefixes = Prefixes::new((Vec::new(), 0), (rest, indent));
                    hanging = Some((indent, Arc::new(prefixes)));
                }
                self.blank_if_pending();
                if let Some((_, prefixes)) = &hanging {
                    let rest = self.width.saturating_sub(indent);
                    self.output.wrap(text.as_str(), self.width, rest, prefixes);
                    self.sent_lines = true;
                }
            }
            self.links = links;
        }
        self.output.flush();
        self.links
    }
}

/// How many recent prefixes are kept for reuse.
const RECENT_PREFIXES: usize = 8;

/// The containers' prefixes: one made lately when it is the same, else a new one.
fn reuse_or_make_prefixes(
    containers: &[Container],
    recent: &mut Vec<Arc<Prefixes>>,
    budget: usize,
) -> Arc<Prefixes> {
    let first = || {
        containers
            .iter()
            .flat_map(|c| if c.used { &c.rest } else { &c.first })
    };
    let rest = || containers.iter().flat_map(|c| &c.rest);
    // Uncut prefixes are the containers' spans as they are: compared in place.
    if fits(first(), budget) && fits(rest(), budget) {
        let same = recent
            .iter()
            .find(|p| p.first.iter().eq(first()) && p.rest.iter().eq(rest()));
        if let Some(same) = same {
            return Arc::clone(same);
        }
    }
    let made = Arc::new(Prefixes::new(
        truncate(first(), budget),
        truncate(rest(), budget),
    ));
    if recent.len() == RECENT_PREFIXES {
        recent.remove(0);
    }
    recent.push(Arc::clone(&made));
    made
}

/// Whether spans take at most `budget` columns.
fn fits<'a>(mut spans: impl Iterator<Item = &'a Span<'static>>, budget: usize) -> bool {
    spans
        .try_fold(0, |w, s| {
            Some(w + str_width(&s.content)).filter(|&w| w <= budget)
        })
        .is_some()
}
