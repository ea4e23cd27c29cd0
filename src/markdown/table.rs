//! GFM tables fitted to the pane: columns keep their natural width when the table fits,
//! else the widest columns shrink first and their cells wrap. No column is ever narrower
//! than three columns (or its natural width); when even that cannot fit, each row is
//! shown as a record of `header: value` lines instead.

use pulldown_cmark::Alignment;
use ratatui::text::Span;

use std::ops::Range;

use super::rendered::SpansSink;
use super::styled::{StyledStr, StyledText};
use super::width::{plain_width, spans_width, str_width};
use super::wrap::{Spans, spaces, wrap, wrap_into};
use ratatui::style::Style;

const SEPARATOR: &str = " │ ";
const SEPARATOR_WIDTH: usize = 3;
const MIN_COLUMN: usize = 3;

/// The cells' text one after another, so that a table is a few allocations however
/// many cells it has: each cell is a range of `text` and a range of `runs`, whose ends
/// count from the cell's start.
#[derive(Default)]
struct Cells {
    text: String,
    runs: Vec<(usize, Style)>,
    ranges: Vec<(Range<usize>, Range<usize>)>,
}

impl Cells {
    fn push(&mut self, cell: StyledStr<'_>) {
        let text = self.text.len();
        let runs = self.runs.len();
        self.text.push_str(cell.text);
        self.runs.extend_from_slice(cell.runs);
        self.ranges
            .push((text..self.text.len(), runs..self.runs.len()));
    }

    fn get(&self, index: usize) -> StyledStr<'_> {
        match self.ranges.get(index) {
            Some((text, runs)) => StyledStr {
                text: &self.text[text.clone()],
                runs: &self.runs[runs.clone()],
            },
            None => StyledStr {
                text: "",
                runs: &[],
            },
        }
    }

    fn len(&self) -> usize {
        self.ranges.len()
    }
}

/// A row: a range of cell indexes.
type Row = Range<usize>;

pub(crate) struct TableBuilder {
    aligns: Vec<Alignment>,
    /// The separators' style.
    dim: Style,
    cells: Cells,
    head: Row,
    rows: Vec<Row>,
    /// Where the row being read starts.
    row_start: usize,
}

impl TableBuilder {
    pub fn new(aligns: Vec<Alignment>, dim: Style) -> Self {
        Self {
            aligns,
            dim,
            cells: Cells::default(),
            head: 0..0,
            rows: Vec::new(),
            row_start: 0,
        }
    }

    pub fn push_cell(&mut self, cell: StyledStr<'_>) {
        self.cells.push(cell);
    }

    pub fn end_row(&mut self, head: bool) {
        let row = self.row_start..self.cells.len();
        self.row_start = self.cells.len();
        if head {
            self.head = row;
        } else {
            self.rows.push(row);
        }
    }

    fn row(&self, row: &Row) -> impl Iterator<Item = StyledStr<'_>> {
        row.clone().map(|i| self.cells.get(i))
    }

    /// Chooses how the table is shown in `avail` columns: in columns, or (when even
    /// the narrowest columns cannot fit) as records, laid out here.
    pub fn layout(self, avail: usize) -> TableLayout {
        let avail = avail.max(1);
        let ncols = self
            .rows
            .iter()
            .map(ExactSizeIterator::len)
            .chain([self.head.len(), self.aligns.len()])
            .max()
            .unwrap_or(0);
        if ncols == 0 {
            return TableLayout::Lines(Vec::new());
        }
        let mut natural = vec![1usize; ncols];
        for row in std::iter::once(&self.head).chain(&self.rows) {
            for (i, cell) in self.row(row).enumerate() {
                natural[i] = natural[i].max(natural_width(cell));
            }
        }
        let overhead = SEPARATOR_WIDTH * (ncols - 1);
        let least: usize = natural.iter().map(|&n| n.min(MIN_COLUMN)).sum();
        if avail < overhead + least {
            return TableLayout::Lines(self.records(avail));
        }
        let widths = fit_widths(&natural, avail - overhead);
        TableLayout::Columns(ColumnTable {
            table: self,
            widths,
        })
    }

    /// A row's lines, and for each whether its width is exact (see [`super::rendered::LineSink::end`]).
    fn row_lines(&self, row: &Row, widths: &[usize], out: &mut Vec<Spans>, exact: &mut Vec<bool>) {
        let cells: Vec<SpansSink> = widths
            .iter()
            .enumerate()
            .map(|(i, &w)| {
                let mut sink = SpansSink::default();
                if i < row.len() {
                    wrap_into(self.cells.get(row.start + i), w, w, &mut sink);
                }
                sink
            })
            .collect();
        let height = cells
            .iter()
            .map(|c| c.lines.len())
            .max()
            .unwrap_or(0)
            .max(1);
        for l in 0..height {
            // Separators and padding are plain: the line is exact if its cells are.
            exact.push(
                cells
                    .iter()
                    .all(|c| c.exact.get(l).copied().unwrap_or(true)),
            );
            let mut line = Vec::new();
            for (i, &w) in widths.iter().enumerate() {
                if i > 0 {
                    line.push(Span::styled(SEPARATOR, self.dim));
                }
                let content = cells[i].lines.get(l).cloned().unwrap_or_default();
                let pad = w.saturating_sub(spans_width(&content));
                let (left, right) = match self.aligns.get(i) {
                    Some(Alignment::Right) => (pad, 0),
                    Some(Alignment::Center) => (pad / 2, pad - pad / 2),
                    _ => (0, pad),
                };
                if left > 0 {
                    line.push(Span::raw(spaces(left)));
                }
                line.extend(content);
                if right > 0 {
                    line.push(Span::raw(spaces(right)));
                }
            }
            trim_end(&mut line);
            out.push(line);
        }
    }

    /// The narrow fallback: each row as `header: value` lines, rows apart by a rule.
    fn records(&self, avail: usize) -> Vec<Spans> {
        let mut out = Vec::new();
        // Without body rows, the header row is shown alone, without labels.
        let labelled = !self.rows.is_empty();
        let rows = if labelled {
            self.rows.as_slice()
        } else {
            std::slice::from_ref(&self.head)
        };
        let mut text = StyledText::default();
        for (ri, row) in rows.iter().enumerate() {
            if ri > 0 {
                out.push(vec![Span::styled("─".repeat(avail), self.dim)]);
            }
            for (i, cell) in self.row(row).enumerate() {
                text.clear();
                if labelled
                    && i < self.head.len()
                    && let h = self.cells.get(self.head.start + i)
                    && !h.is_blank()
                {
                    text.append(h);
                    text.push_clean(": ", self.dim);
                }
                text.append(cell);
                out.extend(wrap(&text, avail, avail));
            }
        }
        out
    }
}

/// How a table is shown.
pub(crate) enum TableLayout {
    /// Lines already laid out (a table too narrow for columns).
    Lines(Vec<Spans>),
    /// Columns of these widths, to be laid out.
    Columns(ColumnTable),
}

/// A table with its column widths chosen: laying it out wraps every cell, so it is
/// done off the parsing thread for long posts.
pub(crate) struct ColumnTable {
    table: TableBuilder,
    widths: Vec<usize>,
}

impl ColumnTable {
    /// Whether it has any row to show.
    pub fn is_empty(&self) -> bool {
        self.table.head.is_empty() && self.table.rows.is_empty()
    }

    /// The table's lines, none wider than the widths and separators, and for each
    /// whether its width is exact.
    pub fn lines(&self) -> (Vec<Spans>, Vec<bool>) {
        let table = &self.table;
        let mut out = Vec::new();
        let mut exact = Vec::new();
        let has_head = !table.head.is_empty();
        for (ri, row) in std::iter::once(&table.head)
            .filter(|_| has_head)
            .chain(&table.rows)
            .enumerate()
        {
            table.row_lines(row, &self.widths, &mut out, &mut exact);
            if ri == 0 && has_head {
                let parts: Vec<String> = self.widths.iter().map(|&w| "─".repeat(w)).collect();
                out.push(vec![Span::styled(parts.join("─┼─"), table.dim)]);
                exact.push(true);
            }
        }
        (out, exact)
    }
}

/// The width of a cell's longest line when nothing wraps: its words and one space
/// between each, as the wrapper would lay them out on an endless line.
fn natural_width(cell: StyledStr<'_>) -> usize {
    cell.text
        .split('\n')
        .map(|line| {
            // Single spaces between plain words: the line as it stands.
            let words = line.trim_matches(' ');
            if !words.contains("  ")
                && let Some(width) = plain_width(words)
            {
                return width;
            }
            let (words, width) = line
                .split(' ')
                .filter(|w| !w.is_empty())
                .fold((0usize, 0), |(n, w), word| (n + 1, w + str_width(word)));
            width + words.saturating_sub(1)
        })
        .max()
        .unwrap_or(0)
}

/// Column widths summing to at most `room`: the largest cap such that capped natural
/// widths fit, then the columns that were capped share what is left.
fn fit_widths(natural: &[usize], room: usize) -> Vec<usize> {
    if natural.iter().sum::<usize>() <= room {
        return natural.to_vec();
    }
    let total = |cap: usize| natural.iter().map(|&n| n.min(cap)).sum::<usize>();
    let (mut lo, mut hi) = (1, natural.iter().copied().max().unwrap_or(1));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if total(mid) <= room {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let mut widths: Vec<usize> = natural.iter().map(|&n| n.min(lo)).collect();
    let mut left = room.saturating_sub(widths.iter().sum());
    for (w, &n) in widths.iter_mut().zip(natural) {
        if left == 0 {
            break;
        }
        if n > *w {
            *w += 1;
            left -= 1;
        }
    }
    widths
}

fn trim_end(line: &mut Spans) {
    while let Some(last) = line.last_mut() {
        let trimmed = last.content.trim_end_matches(' ').len();
        if trimmed == 0 {
            line.pop();
        } else {
            last.content.to_mut().truncate(trimmed);
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_width_is_the_unwrapped_width() {
        let mut cell = StyledText::default();
        cell.push("ab  cd 日本", ratatui::style::Style::new());
        cell.hard_break();
        cell.push("x", ratatui::style::Style::new());
        let wrapped = wrap(&cell, 1000, 1000);
        let widest = wrapped.iter().map(|l| spans_width(l)).max().unwrap();
        assert_eq!(natural_width(cell.as_str()), widest);
        assert_eq!(widest, 10);
    }

    #[test]
    fn widths_fit_and_never_reach_zero() {
        assert_eq!(fit_widths(&[5, 5], 20), [5, 5]);
        assert_eq!(fit_widths(&[30, 4, 10], 20), [8, 4, 8]);
        let w = fit_widths(&[100, 100, 100], 10);
        assert_eq!(w.iter().sum::<usize>(), 10);
        assert!(w.iter().all(|&c| c >= 3));
    }
}
