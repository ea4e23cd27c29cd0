//! Laying finished blocks out into the rendered body.
//!
//! The renderer walks the parser's events and sends each finished block to an
//! [`OpSink`]: inline text to wrap, or an [`Op`] (lines already laid out, a table in
//! columns, a blank line). [`Layout`] lays them out into a [`Rendered`]: at once for a
//! short post, or, through a [`Queue`], on a second thread for a long one, so that
//! wrapping one block overlaps with parsing the next.

use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, SyncSender};

use ratatui::style::Style;
use ratatui::text::Span;

use super::Rendered;
use super::rendered::LineSink;
use super::styled::StyledStr;
use super::table::ColumnTable;
use super::width::plain_width;
use super::wrap::{Spans, wrap_into};

/// The containers' prefixes for a block's lines, cut to the budget, with their widths.
#[derive(Debug, Default)]
pub(crate) struct Prefixes {
    /// Before the block's first line.
    pub first: Spans,
    pub first_width: usize,
    /// Before every other line.
    pub rest: Spans,
    pub rest_width: usize,
    /// Whether both are plain text, measured exactly.
    pub plain: bool,
}

impl Prefixes {
    pub fn new(first: (Spans, usize), rest: (Spans, usize)) -> Self {
        let plain = first
            .0
            .iter()
            .chain(&rest.0)
            .all(|s| plain_width(&s.content).is_some());
        Self {
            first: first.0,
            first_width: first.1,
            rest: rest.0,
            rest_width: rest.1,
            plain,
        }
    }
}

/// A finished block that is not inline text, to be laid out.
pub(crate) enum Op {
    /// Lines already laid out to fit behind the prefixes (headings, tables, code).
    Lines {
        lines: Vec<Spans>,
        prefixes: Arc<Prefixes>,
    },
    /// A table in columns, laid out here because wrapping its cells is the costly part.
    Table {
        table: ColumnTable,
        prefixes: Arc<Prefixes>,
    },
    /// A blank line between blocks: the prefix, without its trailing spaces.
    Blank { prefix: Spans },
    /// The heading whose lines come next: its level and text.
    Heading { level: u8, text: String },
}

/// Where the renderer sends finished blocks.
pub(crate) trait OpSink {
    /// Inline text, wrapped to `first` columns on its first line and `rest` after.
    fn wrap(&mut self, text: StyledStr<'_>, first: usize, rest: usize, prefixes: &Arc<Prefixes>);
    fn push(&mut self, op: Op);
    /// Called once, after the last block.
    fn flush(&mut self) {}
}

/// Carries blocks out into a rendered body `width` columns wide.
pub(crate) struct Layout {
    out: Rendered,
    width: usize,
}

impl Layout {
    /// `source_len` is the Markdown's length, to size the buffers once.
    pub fn new(source_len: usize, width: usize) -> Self {
        Self {
            out: Rendered::with_capacity(source_len, width),
            width,
        }
    }

    pub fn finish(self) -> Rendered {
        self.out
    }

    /// Lays out a batch sent from another thread. The batch is only read: what it holds
    /// was allocated on the renderer's thread and is freed there, when the batch comes
    /// back to be reused. (Freeing memory on another thread than the one that allocated
    /// it makes the allocator slow on both.)
    fn apply_batch(&mut self, batch: &Batch) {
        for item in &batch.items {
            match item {
                Queued::Wrap {
                    text,
                    runs,
                    first,
                    rest,
                    prefixes,
                } => {
                    let styled = StyledStr {
                        text: &batch.text[text.clone()],
                        runs: &batch.runs[runs.clone()],
                    };
                    if let Some(prefixes) = batch.prefixes.get(*prefixes) {
                        self.wrap(styled, *first, *rest, prefixes);
                    }
                }
                Queued::Op(op) => self.apply(op),
            }
        }
    }

    fn apply(&mut self, op: &Op) {
        match op {
            Op::Lines { lines, prefixes } => self.lines(lines, &[], prefixes),
            Op::Table { table, prefixes } => {
                let (lines, exact) = table.lines();
                self.lines(&lines, &exact, prefixes);
            }
            Op::Blank { prefix } => {
                let mut sink = self.sink(prefix, prefix, false);
                sink.begin(0);
                sink.end(false);
            }
            Op::Heading { level, text } => self.out.add_heading(*level, text.clone()),
        }
    }

    /// Lines behind prefixes; `exact` says for each whether its width as laid out is
    /// exact (lines it does not cover are measured again).
    fn lines(&mut self, lines: &[Spans], exact: &[bool], prefixes: &Prefixes) {
        let mut sink = self.sink(&prefixes.first, &prefixes.rest, prefixes.plain);
        for (i, spans) in lines.iter().enumerate() {
            sink.begin(i);
            for span in spans {
                sink.push(&span.content, span.style);
            }
            sink.end(exact.get(i).copied().unwrap_or(false));
        }
    }

    fn sink<'a>(
        &'a mut self,
        first: &'a [Span<'static>],
        rest: &'a [Span<'static>],
        prefix_plain: bool,
    ) -> BodySink<'a> {
        BodySink {
            out: &mut self.out,
            first,
            rest,
            width: self.width,
            prefix_plain,
            has_content: false,
        }
    }
}

impl OpSink for Layout {
    fn wrap(&mut self, text: StyledStr<'_>, first: usize, rest: usize, prefixes: &Arc<Prefixes>) {
        let mut sink = self.sink(&prefixes.first, &prefixes.rest, prefixes.plain);
        wrap_into(text, first, rest, &mut sink);
    }

    fn push(&mut self, op: Op) {
        self.apply(&op);
    }
}

/// Lays lines out into a body behind prefixes: `first` before line 0, `rest` before
/// the others.
pub(crate) struct BodySink<'a> {
    out: &'a mut Rendered,
    first: &'a [Span<'static>],
    rest: &'a [Span<'static>],
    width: usize,
    prefix_plain: bool,
    has_content: bool,
}

impl<'a> BodySink<'a> {
    /// A sink without prefixes, for tests of the wrapper.
    #[cfg(test)]
    pub fn bare(out: &'a mut Rendered, width: usize) -> Self {
        Self {
            out,
            first: &[],
            rest: &[],
            width,
            prefix_plain: true,
            has_content: false,
        }
    }
}

impl LineSink for BodySink<'_> {
    fn begin(&mut self, index: usize) {
        self.out.begin_line();
        let prefix = if index == 0 { self.first } else { self.rest };
        for span in prefix {
            self.out.push(&span.content, span.style);
        }
        self.has_content = false;
    }

    fn push(&mut self, mut text: &str, style: Style) {
        if !self.has_content {
            // Invisible characters opening a line's text have no base of their own
            // there, and would join the prefix's last character (a prefix cut to `[^1`
            // and a variation selector make a wide keycap, and the line was then cut
            // at its end, losing a letter).
            text =
                text.trim_start_matches(|c| unicode_width::UnicodeWidthChar::width(c) == Some(0));
            if text.is_empty() {
                return;
            }
        }
        self.has_content = true;
        self.out.push(text, style);
    }

    fn end(&mut self, exact: bool) {
        if !self.has_content {
            // A prefix with nothing after it: no trailing bar spaces.
            self.out.trim_last_line();
        }
        if !(exact && self.prefix_plain) {
            self.out.fit_last_line(self.width);
        }
    }
}

/// A batch is sent when it holds this many blocks or this much text. Each send wakes
/// the layout thread (a system call), so batches are large; the last one is laid out
/// after the parse ends, so not too large.
const BATCH_ITEMS: usize = 256;
const BATCH_TEXT: usize = 32 * 1024;

enum Queued {
    /// Inline text: ranges of the batch's text and runs, and an index into its
    /// prefixes.
    Wrap {
        text: Range<usize>,
        runs: Range<usize>,
        first: usize,
        rest: usize,
        prefixes: usize,
    },
    Op(Op),
}

/// Blocks on their way to the layout thread. The inline text of all of them shares
/// one buffer, and emptied batches come back to be filled again: a long post is sent
/// without an allocation per block (nor a free on the other thread, which costs more).
#[derive(Default)]
pub(crate) struct Batch {
    text: String,
    runs: Vec<(usize, Style)>,
    /// Each distinct prefix once: blocks refer to them by index, because a reference
    /// count touched by both threads for every block would bounce between the cores.
    prefixes: Vec<Arc<Prefixes>>,
    items: Vec<Queued>,
}

impl Batch {
    /// Empties a batch that came back, freeing what its blocks held.
    fn clear(&mut self) {
        self.text.clear();
        self.runs.clear();
        self.prefixes.clear();
        self.items.clear();
    }

    fn new() -> Self {
        // Sized for a full batch: growing by doubling would copy it over and over.
        Self {
            text: String::with_capacity(BATCH_TEXT * 2),
            runs: Vec::with_capacity(BATCH_TEXT / 8),
            prefixes: Vec::new(),
            items: Vec::with_capacity(BATCH_ITEMS),
        }
    }
}

/// Sends blocks in batches to a layout thread, reusing the batches it sends back.
pub(crate) struct Queue {
    batch: Batch,
    to_layout: SyncSender<Batch>,
    spare: Receiver<Batch>,
}

impl Queue {
    pub fn new(to_layout: SyncSender<Batch>, spare: Receiver<Batch>) -> Self {
        Self {
            batch: Batch::new(),
            to_layout,
            spare,
        }
    }

    fn send_if_full(&mut self) {
        if self.batch.items.len() >= BATCH_ITEMS || self.batch.text.len() >= BATCH_TEXT {
            let next = match self.spare.try_recv() {
                Ok(mut spare) => {
                    spare.clear();
                    spare
                }
                Err(_) => Batch::new(),
            };
            let full = std::mem::replace(&mut self.batch, next);
            // A closed channel means the layout thread is gone (it panicked); joining
            // it reports that.
            let _ = self.to_layout.send(full);
        }
    }
}

impl OpSink for Queue {
    fn wrap(&mut self, text: StyledStr<'_>, first: usize, rest: usize, prefixes: &Arc<Prefixes>) {
        let batch = &mut self.batch;
        let text_start = batch.text.len();
        let runs_start = batch.runs.len();
        batch.text.push_str(text.text);
        batch.runs.extend_from_slice(text.runs);
        if !batch
            .prefixes
            .last()
            .is_some_and(|p| Arc::ptr_eq(p, prefixes))
        {
            batch.prefixes.push(Arc::clone(prefixes));
        }
        batch.items.push(Queued::Wrap {
            text: text_start..batch.text.len(),
            runs: runs_start..batch.runs.len(),
            first,
            rest,
            prefixes: batch.prefixes.len() - 1,
        });
        self.send_if_full();
    }

    fn push(&mut self, op: Op) {
        self.batch.items.push(Queued::Op(op));
        self.send_if_full();
    }

    fn flush(&mut self) {
        if !self.batch.items.is_empty() {
            let _ = self.to_layout.send(std::mem::take(&mut self.batch));
        }
    }
}

/// The layout thread's loop: lays out every batch received and sends it back.
pub(crate) fn layout_batches(
    mut layout: Layout,
    batches: Receiver<Batch>,
    spare: Sender<Batch>,
) -> Rendered {
    for batch in batches {
        layout.apply_batch(&batch);
        // The renderer may be done and gone: then the batch is simply dropped.
        let _ = spare.send(batch);
    }
    layout.finish()
}
