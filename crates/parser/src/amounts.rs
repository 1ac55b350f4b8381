//! Amount tables: the driftsammandrag (operating summary) and investment
//! tables, found by their header (two or more years under column-kind words
//! such as Bokslut, Budget, Plan, with a unit such as "tkr") and read row by
//! row.
//!
//! Two reading modes:
//! - **geometric**: the source keeps positions (PDF, tab-separated or
//!   layout-preserving text). Each amount snaps to the column whose anchor
//!   (median right edge of that column's amounts, or the header year) is
//!   nearest, so sparse rows land in the right columns.
//! - **flowed**: a text export that lost the horizontal layout (numbers
//!   single-spaced or at arbitrary offsets). Amounts keep their printed order;
//!   a row with as many amounts as columns is placed directly, a sparse row is
//!   handed on as unplaced and the normalizer places it.
//!
//! Labels broken over several lines are joined: lines without amounts wait
//! for the next amount line (bottom-aligned cells), and a lowercase line right
//! after an amount row continues that row's label (top-aligned cells).

use crate::header::{self, Header};
use crate::model::{Cell, Note, NoteKind, Origin, Row, RowValues, Table};
use crate::number::{self, DigitTok};
use crate::stream::StreamLine;
use crate::words::{self, ValueWord};
use internbudget_layout::{Deadline, SourceKind, Word};

/// Reads every amount table in the stream.
/// Stops early once `deadline` has passed (the caller then discards the
/// partial result).
pub fn find_tables(
    lines: &[StreamLine<'_>],
    kind: SourceKind,
    notes: &mut Vec<Note>,
    deadline: &Deadline,
) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    let mut i = 0;
    while i < lines.len() && !deadline.passed() {
        let Some(h) = header::amount_header_at(lines, i) else {
            i += 1;
            continue;
        };
        if !h.has_unit {
            notes.push(Note {
                kind: NoteKind::TableSkipped,
                message: format!(
                    "a table with years {} has no amount unit (tkr, mnkr…) in its header; it was not read as amounts",
                    h.years_text()
                ),
                origin: h.origin(lines),
            });
            i = h.end + 1;
            continue;
        }
        let (mut table, mut end) = read_table(lines, &h, kind, notes, deadline);
        // The table goes on after a page break under a repeated header set
        // at other positions: read that part with its own geometry.
        while let Some(h2) = header::amount_header_at(lines, end)
            && h2.start == end
            && h2.same_columns(&h)
            && lines
                .get(..end)
                .and_then(|before| before.iter().rev().find(|l| !l.is_blank()))
                .map(|l| l.page)
                != lines.get(end).map(|l| l.page)
        {
            let (more, next) = read_table(lines, &h2, kind, notes, deadline);
            table.rows.extend(more.rows);
            table.footnotes.extend(more.footnotes);
            if next <= end {
                break;
            }
            end = next;
        }
        if table
            .rows
            .iter()
            .any(|r| r.values.cells().iter().any(Option::is_some))
        {
            tables.push(table);
        }
        i = end.max(h.end + 1);
    }
    tables
}

/// Reads one table under header `h`: a first reading finds its end, and
/// when the columns are then re-anchored on the amounts' right edges, a
/// second reading gives the result.
fn read_table(
    lines: &[StreamLine<'_>],
    h: &Header,
    kind: SourceKind,
    notes: &mut Vec<Note>,
    deadline: &Deadline,
) -> (Table, usize) {
    let mut reader = TableReader::new(lines, h, kind, *deadline);
    let mut first_notes = Vec::new();
    let (mut table, mut end) = reader.read(&mut first_notes);
    if reader.rechoose(kind, end) {
        first_notes.clear();
        (table, end) = reader.read(&mut first_notes);
    }
    if reader.realign(end) {
        first_notes.clear();
        (table, end) = reader.read(&mut first_notes);
    }
    notes.append(&mut first_notes);
    (table, end)
}

/// Two headers with their year columns at the same places (within a fifth
/// of the column spacing).
fn same_positions(a: &Header, b: &Header) -> bool {
    let centers: Vec<f32> = b.columns.iter().map(|c| c.center).collect();
    let tol = median_spacing(&centers) * 0.2;
    a.columns.len() == b.columns.len()
        && a.columns
            .iter()
            .zip(&b.columns)
            .all(|(x, y)| (x.center - y.center).abs() <= tol)
}

/// How amounts are put in columns.
#[derive(Debug, Clone)]
enum Mode {
    Geometric(Geometry),
    Flowed,
}

/// Column anchors for geometric reading.
#[derive(Debug, Clone)]
struct Geometry {
    /// Per column: the x where its amounts end (right-aligned numbers).
    right: Vec<f32>,
    /// Per column: the header's centre.
    center: Vec<f32>,
    /// Words left of this x are label words.
    value_left: f32,
    /// Typical distance between neighbouring columns.
    spacing: f32,
    /// The right anchors come from the amounts' own right edges (they line
    /// up), so an amount goes to the column whose edge it ends at, whatever
    /// the header's alignment.
    right_aligned: bool,
}

impl Geometry {
    fn column_of(&self, x0: f32, x1: f32) -> Option<usize> {
        let c = (x0 + x1) / 2.0;
        let mut best: Option<(usize, f32)> = None;
        for (i, (&r, &m)) in self.right.iter().zip(self.center.iter()).enumerate() {
            let d = if self.right_aligned {
                (x1 - r).abs()
            } else {
                (x1 - r).abs().min((c - m).abs())
            };
            if best.is_none_or(|(_, bd)| d < bd) {
                best = Some((i, d));
            }
        }
        best.filter(|(_, d)| *d <= self.spacing * 0.75)
            .map(|(i, _)| i)
    }
}

/// One amount (or explicit empty cell) found on a line.
#[derive(Debug, Clone)]
struct Amount {
    text: String,
    x0: f32,
    x1: f32,
    /// A dash standing for an empty cell.
    empty: bool,
    /// Tokens in the amount (1 for "250", 2 for "1 281").
    tokens: usize,
    /// Gap to the word before, in spaces (None at line start).
    gap_before: Option<f32>,
}

/// A line split into label words and amounts.
#[derive(Debug, Clone, Default)]
struct SplitLine {
    label: String,
    amounts: Vec<Amount>,
}

struct TableReader<'s, 'a> {
    lines: &'s [StreamLine<'a>],
    header: &'s Header,
    mode: Mode,
    n: usize,
    /// Amounts of 1000 and more are printed with thousands separators.
    grouped: bool,
    /// Flowed text whose amounts are separated by single spaces, like the
    /// spaces inside them ("1 724 1 724"): runs are split to fill the columns.
    single_spaced: bool,
    /// In a PDF whose rows are set apart by more space than the lines inside
    /// a cell: the largest baseline step that stays inside one row.
    row_gap: Option<f32>,
    /// Stream index where the data lines stop (the table's end, once known).
    limit: Option<usize>,
    /// The document's deadline: reading stops early once it has passed.
    deadline: Deadline,
    /// What the positions are: points of a PDF, or character columns of a
    /// text export (where pdftotext-like layout puts the same column's right
    /// edges a few characters apart from line to line).
    kind: SourceKind,
}

impl<'s, 'a> TableReader<'s, 'a> {
    fn new(
        lines: &'s [StreamLine<'a>],
        header: &'s Header,
        kind: SourceKind,
        deadline: Deadline,
    ) -> Self {
        let n = header.columns.len();
        let grouped = lines
            .iter()
            .skip(header.end + 1)
            .take(60)
            .any(|l| has_grouped_number(&l.line.words));
        let mut reader = TableReader {
            lines,
            header,
            mode: Mode::Flowed,
            n,
            grouped,
            single_spaced: false,
            row_gap: None,
            limit: None,
            deadline,
            kind,
        };
        reader.mode = reader.choose_mode(kind);
        reader.single_spaced = reader.detect_single_spaced();
        if kind == SourceKind::Pdf {
            reader.row_gap = reader.detect_row_gap();
        }
        reader
    }

    /// In flowed text, are the amounts of a row separated by single spaces?
    /// Counts lines whose digit groups are all single-spaced against lines with
    /// wide gaps between amounts.
    fn detect_single_spaced(&self) -> bool {
        if !matches!(self.mode, Mode::Flowed) {
            return false;
        }
        let (mut single, mut wide) = (0usize, 0usize);
        for l in self.data_lines().take(60) {
            let ws = &l.line.words;
            let mut start = ws.len();
            while start > 0 && ws.get(start - 1).is_some_and(|w| value_like(&w.text)) {
                start -= 1;
            }
            let vw = ws.get(start..).unwrap_or(&[]);
            if vw.len() < 3 {
                continue;
            }
            if vw.windows(2).any(|p| match p {
                [a, b] => words::gap_in_spaces(a, b) > 1.5,
                _ => false,
            }) {
                wide += 1;
            } else {
                single += 1;
            }
        }
        single > wide
    }

    /// Geometric reading when the source keeps positions and the amounts of
    /// full rows line up under the columns; flowed otherwise.
    fn choose_mode(&self, kind: SourceKind) -> Mode {
        let h = self.header;
        let centers: Vec<f32> = h.columns.iter().map(|c| c.center).collect();
        let spacing = median_spacing(&centers);
        let first = centers.first().copied().unwrap_or(0.0);
        let base = Geometry {
            right: h.columns.iter().map(|c| c.right).collect(),
            center: centers.clone(),
            value_left: first - spacing * 0.6,
            spacing,
            right_aligned: false,
        };
        if h.tabbed {
            return Mode::Geometric(self.refine(base));
        }
        if kind != SourceKind::Pdf && !h.spaced {
            return Mode::Flowed;
        }
        // Check that amounts of the data lines fall under the header columns.
        let (mut hits, mut total) = (0usize, 0usize);
        for l in self.data_lines().take(40) {
            let split = self.split_line(l.line, &Mode::Geometric(base.clone()));
            for a in split.amounts.iter().filter(|a| !a.empty) {
                total += 1;
                if base.column_of(a.x0, a.x1).is_some() {
                    hits += 1;
                }
            }
        }
        if kind == SourceKind::Pdf || (total > 0 && hits * 10 >= total * 9) {
            Mode::Geometric(self.refine(base))
        } else {
            Mode::Flowed
        }
    }

    /// Moves each column's right anchor to the median right edge of the amounts
    /// that fall in it, so that right-aligned amounts under centred headers snap
    /// to the right column.
    fn refine(&self, base: Geometry) -> Geometry {
        let mut edges: Vec<Vec<f32>> = vec![Vec::new(); self.n];
        let mut min_x0 = f32::INFINITY;
        let probe = Mode::Geometric(base.clone());
        for l in self.data_lines().take(80) {
            let split = self.split_line(l.line, &probe);
            for a in split.amounts.iter().filter(|a| !a.empty) {
                if let Some(c) = base.column_of(a.x0, a.x1)
                    && let Some(e) = edges.get_mut(c)
                {
                    e.push(a.x1);
                    if c == 0 {
                        min_x0 = min_x0.min(a.x0);
                    }
                }
            }
        }
        let right = base
            .right
            .iter()
            .zip(edges.iter_mut())
            .map(|(&r, e)| {
                if e.len() >= 2 {
                    e.sort_by(f32::total_cmp);
                    e.get(e.len() / 2).copied().unwrap_or(r)
                } else {
                    r
                }
            })
            .collect();
        let value_left = if min_x0.is_finite() {
            base.value_left.min(min_x0 - base.spacing * 0.1)
        } else {
            base.value_left
        };
        Geometry {
            right,
            value_left,
            ..base
        }
    }

    /// Right-aligned amounts end at a few shared x positions, one per column.
    /// When (nearly) all amounts do, each such edge is given to the column
    /// whose header starts left of it and whose right neighbour's header
    /// starts right of it — true for left-aligned, centred and right-aligned
    /// headers alike, where nearest-header matching fails for left-aligned
    /// ones (Word's default over right-aligned numbers).
    fn align_right_edges(&self, base: &Geometry) -> Option<Geometry> {
        let probe = Mode::Geometric(base.clone());
        let mut xs: Vec<f32> = Vec::new();
        for l in self.data_lines().take(80) {
            // A header repeated on the next page is not amounts.
            let years = l
                .line
                .words
                .iter()
                .filter(|w| number::year(&w.text).is_some())
                .count();
            if years >= 2 {
                continue;
            }
            let split = self.split_line(l.line, &probe);
            xs.extend(split.amounts.iter().filter(|a| !a.empty).map(|a| a.x1));
        }
        if xs.len() < 4 {
            return None;
        }
        xs.sort_by(f32::total_cmp);
        let tol = (base.spacing * 0.04).max(1.0);
        let cluster_tol = if self.kind == SourceKind::PlainText {
            (base.spacing * 0.2).max(1.0)
        } else {
            tol
        };
        // Clusters of right edges: (median, count).
        let mut clusters: Vec<(f32, usize)> = Vec::new();
        let mut start = 0usize;
        for i in 1..=xs.len() {
            let split_here = match (xs.get(i - 1), xs.get(i)) {
                (Some(a), Some(b)) => b - a > cluster_tol,
                _ => true,
            };
            if split_here {
                let group = xs.get(start..i).unwrap_or(&[]);
                if let Some(&m) = group.get(group.len() / 2) {
                    clusters.push((m, group.len()));
                }
                start = i;
            }
        }
        // The largest clusters, at most one per column, in x order; the rest
        // (amounts of rows that are not right-aligned) must be few.
        clusters.sort_by_key(|c| std::cmp::Reverse(c.1));
        let mut significant: Vec<(f32, usize)> = clusters
            .into_iter()
            .take(self.n)
            .filter(|&(_, n)| n >= 2)
            .collect();
        significant.sort_by(|a, b| a.0.total_cmp(&b.0));
        let clustered: usize = significant.iter().map(|&(_, n)| n).sum();
        if clustered * 10 < xs.len() * 9 {
            return None;
        }
        let lefts: Vec<f32> = self.header.columns.iter().map(|c| c.extent.0).collect();
        let mut right: Vec<Option<f32>> = vec![None; self.n];
        for &(edge, _) in &significant {
            let col = lefts.iter().rposition(|&l| l <= edge + tol)?;
            let slot = right.get_mut(col)?;
            if slot.is_some() {
                return None; // two edges in one column: not a right-aligned grid
            }
            *slot = Some(edge);
        }
        // Columns without amounts yet keep their header edge, moved by the
        // typical shift between header and amount edges.
        let mut shifts: Vec<f32> = right
            .iter()
            .zip(&base.right)
            .filter_map(|(r, &h)| r.map(|r| r - h))
            .collect();
        shifts.sort_by(f32::total_cmp);
        let shift = shifts.get(shifts.len() / 2).copied().unwrap_or(0.0);
        let right: Vec<f32> = right
            .iter()
            .zip(&base.right)
            .map(|(r, &h)| r.unwrap_or(h + shift))
            .collect();
        if right.windows(2).any(|w| matches!(w, [a, b] if b <= a)) {
            return None;
        }
        Some(Geometry {
            right,
            right_aligned: true,
            ..base.clone()
        })
    }

    fn data_lines(&self) -> impl Iterator<Item = &StreamLine<'a>> {
        let limit = self.limit.unwrap_or(self.lines.len());
        self.lines
            .get(self.header.end + 1..limit.max(self.header.end + 1))
            .unwrap_or(&[])
            .iter()
            .filter(|l| !l.is_blank())
    }

    /// After a first reading found where the table ends: a table read as
    /// flowed text is looked at again with only its own lines (the first
    /// choice also saw the text after the table, whose numbers need not fall
    /// under its columns). True when its amounts do sit under the header's
    /// columns after all and the table must be read again by position.
    fn rechoose(&mut self, kind: SourceKind, end: usize) -> bool {
        if !matches!(self.mode, Mode::Flowed) {
            return false;
        }
        self.limit = Some(end.min(self.lines.len()));
        let mode = self.choose_mode(kind);
        let positional = matches!(mode, Mode::Geometric(_));
        if positional {
            self.mode = mode;
            self.single_spaced = self.detect_single_spaced();
        }
        self.limit = None;
        positional
    }

    /// After a first reading found where the table ends: re-anchors the
    /// columns on the right edges of the table's own amounts. True when the
    /// geometry changed and the table must be read again.
    fn realign(&mut self, end: usize) -> bool {
        let Mode::Geometric(g) = &self.mode else {
            return false;
        };
        if g.right_aligned {
            return false;
        }
        let g = g.clone();
        self.limit = Some(end.min(self.lines.len()));
        let aligned = self.align_right_edges(&g);
        self.limit = None;
        match aligned {
            Some(a) if a.right != g.right => {
                self.mode = Mode::Geometric(a);
                true
            }
            _ => false,
        }
    }

    /// Splits a line into label text and amounts.
    fn split_line(&self, line: &internbudget_layout::Line, mode: &Mode) -> SplitLine {
        let words = &line.words;
        let value_start = match mode {
            Mode::Geometric(g) => words
                .iter()
                .position(|w| w.bbox.x0 >= g.value_left && value_like(&w.text))
                .unwrap_or(words.len()),
            Mode::Flowed => {
                let mut start = words.len();
                while start > 0 && words.get(start - 1).is_some_and(|w| value_like(&w.text)) {
                    start -= 1;
                }
                start
            }
        };
        let (label_words, value_words) = words.split_at(value_start.min(words.len()));
        let mut label: Vec<&str> = label_words.iter().map(|w| w.text.as_str()).collect();
        // Non-amount words in the value area (stray text) stay with the label,
        // and no number is read across them ("30 x 895" is not 30 895).
        let mut vw: Vec<&Word> = Vec::new();
        let mut broken: Vec<bool> = Vec::new();
        let mut stray = false;
        for w in value_words {
            if value_like(&w.text) {
                vw.push(w);
                broken.push(stray);
                stray = false;
            } else {
                label.push(&w.text);
                stray = true;
            }
        }
        let prev_label_word = label_words.last();
        let amounts = self.amounts_of(&vw, &broken, prev_label_word, mode);
        SplitLine {
            label: label.join(" "),
            amounts,
        }
    }

    /// Turns value words into amounts: signs attach to the digits after them,
    /// a lone dash is an empty cell, digit groups closer than one and a half
    /// spaces are partitioned into numbers.
    /// `broken[i]`: a word that is not an amount stood right before `vw[i]`.
    fn amounts_of(
        &self,
        vw: &[&Word],
        broken: &[bool],
        prev: Option<&Word>,
        mode: &Mode,
    ) -> Vec<Amount> {
        // Runs of digit tokens; a run breaks at wide gaps and before signs.
        struct Run<'w> {
            toks: Vec<(bool, &'w str, &'w Word, Option<&'w Word>)>, // (negative, digits, word, sign word)
        }
        let mut runs: Vec<Run<'_>> = Vec::new();
        let mut empties: Vec<(usize, &Word)> = Vec::new(); // (position among runs, dash word)
        let mut pending_sign: Option<&Word> = None;
        let mut last: Option<&Word> = prev;
        let mut last_in_run: Option<&Word> = None;
        for (i, w) in vw.iter().enumerate() {
            match words::value_word(&w.text) {
                ValueWord::Dash => {
                    let next_is_digits = vw
                        .get(i + 1)
                        .is_some_and(|n| words::value_word(&n.text) == ValueWord::Digits);
                    let same_column = match (mode, vw.get(i + 1)) {
                        (Mode::Geometric(g), Some(n)) => {
                            g.column_of(w.bbox.x0, w.bbox.x1) == g.column_of(n.bbox.x0, n.bbox.x1)
                                || words::gap_in_spaces(w, n) <= 1.5
                        }
                        _ => true,
                    };
                    if next_is_digits && same_column && pending_sign.is_none() {
                        pending_sign = Some(w);
                    } else {
                        empties.push((runs.len(), w));
                        last_in_run = None;
                    }
                }
                ValueWord::Digits => {
                    let (neg_attached, digits) = words::split_sign(&w.text);
                    let negative = neg_attached || pending_sign.is_some();
                    let continues = !negative
                        && !broken.get(i).copied().unwrap_or(false)
                        && last_in_run.is_some_and(|p| words::gap_in_spaces(p, w) <= 1.5)
                        && pending_sign.is_none();
                    if continues && let Some(run) = runs.last_mut() {
                        run.toks.push((false, digits, w, None));
                    } else {
                        runs.push(Run {
                            toks: vec![(negative, digits, w, pending_sign)],
                        });
                    }
                    pending_sign = None;
                    last_in_run = Some(w);
                }
                ValueWord::Other => {}
            }
            last = Some(w);
        }
        let _ = last;
        if let Some(w) = pending_sign {
            empties.push((runs.len(), w));
        }
        let run_count = runs.len();
        let mut out: Vec<(usize, Amount)> = Vec::new(); // (order key, amount)
        for (ri, run) in runs.iter().enumerate() {
            let toks: Vec<DigitTok<'_>> = run
                .toks
                .iter()
                .map(|(neg, d, _, _)| DigitTok {
                    text: d,
                    negative: *neg,
                })
                .collect();
            let target = match mode {
                // Single-spaced flowed text: the last run fills the columns left
                // after the other runs (each one number) and empty-cell dashes.
                Mode::Flowed if self.single_spaced && ri + 1 == run_count => {
                    let before = out.iter().filter(|(_, a)| !a.empty).count();
                    Some(self.n.saturating_sub(empties.len() + before).max(1))
                }
                Mode::Flowed => None,
                Mode::Geometric(g) => {
                    // As many numbers as columns the run spans.
                    let (x0, x1) = match (run.toks.first(), run.toks.last()) {
                        (Some(a), Some(b)) => (a.2.bbox.x0, b.2.bbox.x1),
                        _ => (0.0, 0.0),
                    };
                    let spanned = g
                        .right
                        .iter()
                        .filter(|&&r| r >= x0 - 1.0 && r <= x1 + g.spacing * 0.3)
                        .count();
                    Some(spanned.max(1))
                }
            };
            let sizes = number::partition_run(&toks, target);
            let mut k = 0usize;
            for size in sizes {
                let part = run.toks.get(k..k + size).unwrap_or(&[]);
                k += size;
                let (Some(first), Some(lastw)) = (part.first(), part.last()) else {
                    continue;
                };
                let mut text = String::new();
                if first.0 {
                    text.push('-');
                }
                text.push_str(&part.iter().map(|t| t.1).collect::<Vec<_>>().join(" "));
                let x0 = first.3.map_or(first.2.bbox.x0, |s| s.bbox.x0);
                let before = if ri == 0 && k == size {
                    prev.map(|p| words::gap_in_spaces(p, first.3.unwrap_or(first.2)))
                } else {
                    None
                };
                out.push((
                    ri * 2 + 1,
                    Amount {
                        text,
                        x0,
                        x1: lastw.2.bbox.x1,
                        empty: false,
                        tokens: size,
                        gap_before: before,
                    },
                ));
            }
        }
        for (pos, w) in empties {
            out.push((
                pos * 2,
                Amount {
                    text: w.text.clone(),
                    x0: w.bbox.x0,
                    x1: w.bbox.x1,
                    empty: true,
                    tokens: 1,
                    gap_before: None,
                },
            ));
        }
        out.sort_by_key(|(k, _)| *k);
        out.into_iter().map(|(_, a)| a).collect()
    }

    /// Reads rows until the table ends; returns the table and the stream index
    /// after it.
    fn read(&self, notes: &mut Vec<Note>) -> (Table, usize) {
        let h = self.header;
        let mut rows: Vec<Row> = Vec::new();
        let mut pending: Vec<(String, Origin)> = Vec::new();
        let mut footnotes: Vec<String> = Vec::new();
        let mut blanks = 0usize;
        let mut label_only_run = 0usize;
        let mut longest_label = 20usize;
        let mut i = h.end + 1;
        let mut last_page = self.lines.get(h.end).map_or(0, |l| l.page);
        let mut prev_line: Option<&StreamLine<'a>> = None;
        let mut footnote_line: Option<&StreamLine<'a>> = None;
        while let Some(l) = self.lines.get(i) {
            if self.deadline.passed() {
                break;
            }
            if l.is_blank() {
                // Blank lines at the top of the next page are its margin.
                if l.page == last_page {
                    blanks += 1;
                }
                if blanks > 6 {
                    break;
                }
                i += 1;
                continue;
            }
            let text = l.line.text();
            // A tab-separated table ends at the first line without tabs.
            if self.header.tabbed && l.line.tab_cells <= 1 {
                break;
            }
            // A repeated header after a page break continues the table.
            if let Some(h2) = header::amount_header_at(self.lines, i)
                && h2.start <= i
            {
                let continues = l.page != last_page && h2.same_columns(h);
                if continues && !same_positions(&h2, h) {
                    // Continued under a header at other positions (another
                    // page width): the caller reads on with that geometry.
                    break;
                }
                if continues {
                    i = h2.end + 1;
                    last_page = l.page;
                    prev_line = None;
                    continue;
                }
                break;
            }
            if !footnotes.is_empty() || is_footnote(&text) {
                // A footnote goes on over the lines right below it: no blank
                // line, no gap wider than a line, same page.
                let close = footnote_line.is_none_or(|f| {
                    f.page == l.page
                        && (l.line.source_line.is_some()
                            || l.line.bbox().y1 - f.line.bbox().y1 <= f.line.bbox().height() * 1.6)
                });
                let continues = !footnotes.is_empty() && blanks == 0 && close;
                if is_footnote(&text) || continues {
                    if is_footnote(&text) {
                        footnotes.push(text.trim().to_string());
                    } else if let Some(f) = footnotes.last_mut() {
                        f.push(' ');
                        f.push_str(text.trim());
                    }
                    footnote_line = Some(l);
                    blanks = 0;
                    i += 1;
                    continue;
                }
                break;
            }
            if self.is_running_text(l) {
                break;
            }
            let mut split = self.split_line(l.line, &self.mode);
            self.fix_label_numbers(&mut split, &pending, i);
            let same_row = self.same_row(prev_line, l);
            prev_line = Some(l);
            // Rows set apart by spacing (PDF): a line within the line pitch of
            // the previous one belongs to the same row.
            if same_row == Some(true)
                && pending.is_empty()
                && let Some(r) = rows.last_mut()
                && (split.amounts.is_empty() || self.fits_into(r, &split.amounts))
            {
                if !split.label.is_empty() {
                    r.label =
                        words::join_lines([r.label.as_str(), split.label.as_str()], &|_| false);
                }
                if !split.amounts.is_empty()
                    && let RowValues::Placed(cells) = self.place(&split.amounts, l, r.origin, notes)
                    && let RowValues::Placed(existing) = &mut r.values
                {
                    for (slot, new) in existing.iter_mut().zip(cells) {
                        if slot.is_none() {
                            *slot = new;
                        }
                    }
                }
                r.origin = r.origin.merge(&l.origin());
                blanks = 0;
                last_page = l.page;
                i += 1;
                continue;
            }
            if same_row == Some(false) && !pending.is_empty() {
                // A new row starts while a label waits without amounts: the
                // waiting label was a row of its own (a heading).
                push_heading(&mut rows, &mut pending, self.n);
            }
            if split.amounts.is_empty() {
                if self.is_prose(&split.label, l, longest_label) {
                    break;
                }
                label_only_run += 1;
                if label_only_run > 6 {
                    break;
                }
                let origin = l.origin();
                if self.header.tabbed && usize::from(l.line.tab_cells) > self.n {
                    // A tab export prints every cell of a row: a label whose
                    // cells are all there and empty is a row of its own (a
                    // group heading), not a label going on on the next line.
                    push_heading(&mut rows, &mut pending, self.n);
                    rows.push(Row {
                        label: split.label,
                        values: RowValues::Placed(vec![None; self.n]),
                        origin,
                    });
                    blanks = 0;
                    last_page = l.page;
                    i += 1;
                    continue;
                }
                let heuristics = same_row.is_none();
                // "… den 13 juni" / "2022", "… åtgärd år" / "2026": a year alone
                // on a label line ends the label above.
                let year_tail = split.label.split_whitespace().count() == 1
                    && number::year(&split.label).is_some();
                let last_unfinished =
                    year_tail || rows.last().is_some_and(|r| label_unfinished(&r.label));
                let continues_last = (heuristics || last_unfinished)
                    && pending.is_empty()
                    && blanks <= 1
                    && (starts_lowercase(&split.label) || last_unfinished)
                    && !is_row_starter(&split.label)
                    && rows
                        .last()
                        .is_some_and(|r| r.values.cells().iter().any(Option::is_some));
                if continues_last && let Some(r) = rows.last_mut() {
                    r.label =
                        words::join_lines([r.label.as_str(), split.label.as_str()], &|_| false);
                    r.origin = r.origin.merge(&origin);
                } else if heuristics
                    && !pending.is_empty()
                    && !label_unfinished(pending.last().map_or("", |p| p.0.as_str()))
                    && (starts_with_capital(&split.label) || is_row_starter(&split.label))
                {
                    // The pending label is complete and a new one starts: the
                    // pending one is a row without amounts (a group heading).
                    push_heading(&mut rows, &mut pending, self.n);
                    pending.push((split.label, origin));
                } else {
                    pending.push((split.label, origin));
                }
                blanks = 0;
                last_page = l.page;
                i += 1;
                continue;
            }
            label_only_run = 0;
            blanks = 0;
            last_page = l.page;
            // Without spacing to go by, a complete waiting label followed by an
            // amount line with a label of its own is a heading row
            // ("Arbetsmarknad och integration" above "Ny- och återanskaffning
            // av inventarier  0  250").
            let pending_text = pending
                .iter()
                .map(|p| p.0.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            if same_row.is_none()
                && !pending.is_empty()
                && (is_group_heading(&pending_text)
                    || is_row_starter(&split.label)
                    || (!label_unfinished(&pending_text)
                        && starts_with_capital(&split.label)
                        && split.label.split_whitespace().count() >= 2))
            {
                push_heading(&mut rows, &mut pending, self.n);
            }
            let mut label_parts = std::mem::take(&mut pending);
            if !split.label.is_empty() {
                label_parts.push((split.label.clone(), l.origin()));
            }
            let (label, label_origin) = join_pending(&label_parts);
            longest_label = longest_label.max(label.chars().count().min(120));
            let origin = label_origin.merge(&l.origin());
            let values = self.place(&split.amounts, l, origin, notes);
            rows.push(Row {
                label,
                values,
                origin,
            });
            i += 1;
        }
        // Rows without amounts at the end are headings or text after the
        // table, except a heading that opens rows still to come (the table
        // goes on on the next page: "Specifikation av förändringar" as the
        // last line of a page).
        while rows.last().is_some_and(|r| {
            r.values.cells().iter().all(Option::is_none)
                && !is_row_starter(&r.label)
                && !is_group_heading(&r.label)
        }) {
            rows.pop();
        }
        // Label lines left waiting at the end: a last row without amounts
        // ("varav inkomster") when short, otherwise a heading after the table.
        if pending.len() == 1
            && let Some((label, origin)) = pending.first()
            && (is_row_starter(label) || is_group_heading(label))
        {
            rows.push(Row {
                label: label.clone(),
                values: RowValues::Placed(vec![None; self.n]),
                origin: *origin,
            });
        }
        let table = Table {
            title: h.title.clone().unwrap_or_default(),
            header_text: h.text.clone(),
            columns: h.columns.iter().map(|c| c.header.clone()).collect(),
            rows,
            footnotes,
            origin: h.origin(self.lines),
        };
        (table, i)
    }

    /// Baseline steps between consecutive lines of the table come in two
    /// sizes when cells have padding: the line pitch inside a cell and the
    /// larger step between rows. Returns the threshold between them, or
    /// `None` when the spacing is uniform (then the label rules decide).
    fn detect_row_gap(&self) -> Option<f32> {
        let table_lines: Vec<&StreamLine<'_>> = self
            .data_lines()
            .take(60)
            .take_while(|l| !self.is_running_text(l) && !is_footnote(&l.line.text()))
            .collect();
        let height = table_lines
            .iter()
            .flat_map(|l| l.line.words.iter().map(|w| w.size))
            .fold(0.0f32, f32::max);
        let mut steps: Vec<f32> = table_lines
            .windows(2)
            .filter_map(|w| match w {
                [a, b] if a.page == b.page => {
                    let d = b.line.bbox().y1 - a.line.bbox().y1;
                    (d >= height * 0.9 && d < height * 3.0).then_some(d)
                }
                _ => None,
            })
            .collect();
        if steps.len() < 3 {
            return None;
        }
        steps.sort_by(f32::total_cmp);
        let small = steps.first().copied()?;
        let threshold = small * 1.1 + 0.5;
        let large: Vec<f32> = steps.iter().copied().filter(|s| *s > threshold).collect();
        let inside = steps.len() - large.len();
        let large_min = large.iter().copied().fold(f32::INFINITY, f32::min);
        // Both kinds must occur, and rows must be clearly set apart.
        (large.len() >= 2 && inside >= 1 && large_min >= small * 1.15).then_some(threshold)
    }

    /// Whether line `l` sits within one row's line pitch below `prev`
    /// (`None` when the table's spacing does not tell rows apart).
    fn same_row(&self, prev: Option<&StreamLine<'_>>, l: &StreamLine<'_>) -> Option<bool> {
        let gap = self.row_gap?;
        let Some(p) = prev else { return Some(false) };
        if p.page != l.page {
            return Some(false);
        }
        Some(l.line.bbox().y1 - p.line.bbox().y1 <= gap)
    }

    /// True when the amounts of a line only fill cells the row left empty.
    fn fits_into(&self, row: &Row, amounts: &[Amount]) -> bool {
        let Mode::Geometric(g) = &self.mode else {
            return false;
        };
        let RowValues::Placed(cells) = &row.values else {
            return false;
        };
        amounts.iter().filter(|a| !a.empty).all(|a| {
            g.column_of(a.x0, a.x1)
                .is_some_and(|c| cells.get(c).is_some_and(Option::is_none))
        })
    }

    /// Running text after a table (geometric sources): a long line whose
    /// words, other than amounts, reach into the value columns.
    fn is_running_text(&self, l: &StreamLine<'_>) -> bool {
        let Mode::Geometric(g) = &self.mode else {
            return false;
        };
        if self.header.tabbed {
            return false;
        }
        let stray = l
            .line
            .words
            .iter()
            .filter(|w| w.bbox.x1 > g.value_left + g.spacing * 0.5 && !value_like(&w.text))
            .count();
        stray >= 2 && l.line.words.len() >= 6
    }

    /// Moves amounts that are really label text back into the label: a year
    /// printed at the end of a label ("… åtgärd år 2022"), a number followed
    /// by a label continuation on the next line ("… i KF den 29" / "september
    /// 2020"), and in flowed mode amounts beyond the column count.
    fn fix_label_numbers(&self, split: &mut SplitLine, pending: &[(String, Origin)], at: usize) {
        let flowed = matches!(self.mode, Mode::Flowed);
        while let Some(first) = split.amounts.first() {
            let is_year = first.tokens == 1 && !first.empty && number::year(&first.text).is_some();
            let attached = first.gap_before.is_some_and(|g| g <= 1.5) && !split.label.is_empty();
            let continues_pending = split.label.is_empty() && !pending.is_empty();
            let more_follow = split.amounts.len() > 1 || split.label.is_empty();
            let year_label = is_year
                && (attached || continues_pending || self.grouped)
                && (more_follow || self.grouped);
            let overflow = flowed && split.amounts.iter().len() > self.n;
            if !(year_label || overflow) {
                break;
            }
            let moved = split.amounts.remove(0);
            if split.label.is_empty() {
                split.label = moved.text;
            } else {
                split.label = format!("{} {}", split.label, moved.text);
            }
        }
        // A label continued on the next line: the trailing numbers were label text.
        if flowed
            && !split.amounts.is_empty()
            && split.amounts.len() < self.n
            && split
                .amounts
                .first()
                .is_some_and(|a| a.gap_before.is_some_and(|g| g <= 1.5))
            && !split.label.is_empty()
            && self.next_line_continues(at)
        {
            let tail: Vec<String> = split.amounts.drain(..).map(|a| a.text).collect();
            split.label = format!("{} {}", split.label, tail.join(" "));
        }
    }

    fn next_line_continues(&self, at: usize) -> bool {
        self.lines
            .iter()
            .skip(at + 1)
            .find(|l| !l.is_blank())
            .is_some_and(|l| {
                let t = l.line.text();
                starts_lowercase(&t) && !is_row_starter(&t)
            })
    }

    /// Long lines without amounts end a table: running text after it.
    fn is_prose(&self, label: &str, l: &StreamLine<'_>, longest_label: usize) -> bool {
        let n_words = label.split_whitespace().count();
        let chars = label.chars().count();
        match &self.mode {
            Mode::Geometric(g) => {
                let x1 = l.line.bbox().x1;
                (x1 > g.value_left + g.spacing && n_words >= 6) || chars > 160
            }
            Mode::Flowed => n_words >= 8 && chars > longest_label.max(45) + 15,
        }
    }

    /// Puts the amounts of one line in columns.
    fn place(
        &self,
        amounts: &[Amount],
        l: &StreamLine<'_>,
        origin: Origin,
        notes: &mut Vec<Note>,
    ) -> RowValues {
        let cell = |a: &Amount| -> Option<Cell> {
            if a.empty {
                return None;
            }
            let bbox = l.line.bbox();
            Some(Cell {
                text: a.text.clone(),
                origin: Origin {
                    page: l.page,
                    line: l.line.source_line,
                    line_end: None,
                    bbox: (l.line.source_line.is_none())
                        .then(|| internbudget_layout::Rect::new(a.x0, bbox.y0, a.x1, bbox.y1)),
                },
            })
        };
        match &self.mode {
            Mode::Geometric(g) => {
                let mut out: Vec<Option<Cell>> = vec![None; self.n];
                for a in amounts {
                    match g.column_of(a.x0, a.x1) {
                        Some(c) => {
                            if let Some(slot) = out.get_mut(c) {
                                if slot.is_some() && !a.empty {
                                    notes.push(Note {
                                        kind: NoteKind::AmountDropped,
                                        message: format!(
                                            "two amounts fall in column {} of one row; kept the first, dropped \"{}\"",
                                            c + 1,
                                            a.text
                                        ),
                                        origin,
                                    });
                                } else if slot.is_none() {
                                    *slot = cell(a);
                                }
                            }
                        }
                        None if !a.empty => notes.push(Note {
                            kind: NoteKind::AmountOutsideColumns,
                            message: format!(
                                "the amount \"{}\" is under no column; it was left out",
                                a.text
                            ),
                            origin,
                        }),
                        None => {}
                    }
                }
                RowValues::Placed(out)
            }
            Mode::Flowed => {
                let cells: Vec<Option<Cell>> = amounts.iter().map(cell).collect();
                if cells.len() == self.n {
                    RowValues::Placed(cells)
                } else {
                    RowValues::Unplaced(cells)
                }
            }
        }
    }
}

/// True for words that can be part of an amount cell.
fn value_like(text: &str) -> bool {
    words::value_word(text) != ValueWord::Other
}

fn has_grouped_number(words: &[Word]) -> bool {
    words.windows(2).any(|w| match w {
        [a, b] => {
            let (_, da) = words::split_sign(&a.text);
            let (nb, db) = words::split_sign(&b.text);
            words::value_word(&a.text) == ValueWord::Digits
                && words::value_word(&b.text) == ValueWord::Digits
                && (1..=3).contains(&da.len())
                && !nb
                && db.len() == 3
                && db.bytes().all(|c| c.is_ascii_digit())
                && words::gap_in_spaces(a, b) <= 1.5
        }
        _ => false,
    })
}

fn median_spacing(centers: &[f32]) -> f32 {
    let mut d: Vec<f32> = centers
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((b - a).abs()),
            _ => None,
        })
        .filter(|d| *d > 0.0)
        .collect();
    d.sort_by(f32::total_cmp);
    d.get(d.len() / 2).copied().unwrap_or(50.0)
}

/// Label lines left waiting without amounts were a row of their own (a
/// heading): pushes it, if any, and empties `pending`.
fn push_heading(rows: &mut Vec<Row>, pending: &mut Vec<(String, Origin)>, n: usize) {
    if pending.is_empty() {
        return;
    }
    let (label, origin) = join_pending(pending);
    rows.push(Row {
        label,
        values: RowValues::Placed(vec![None; n]),
        origin,
    });
    pending.clear();
}

fn join_pending(parts: &[(String, Origin)]) -> (String, Origin) {
    let label = words::join_lines(parts.iter().map(|p| p.0.as_str()), &|_| false);
    let origin = parts
        .iter()
        .map(|p| p.1)
        .reduce(|a, b| a.merge(&b))
        .unwrap_or_default();
    (label, origin)
}

/// Footnotes under a table start with stars or a footnote number.
fn is_footnote(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('*') && t.trim_start_matches('*').starts_with(' ')
}

fn starts_lowercase(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
}

fn starts_with_capital(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// A heading inside a table that groups the rows after it and never takes
/// amounts of its own ("Specifikation av förändringar").
pub fn is_group_heading(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    lower.starts_with("specifikation av förändring")
        || lower == "förändringar"
        || lower.starts_with("varav:")
}

/// Labels that always start a row of their own.
pub fn is_row_starter(text: &str) -> bool {
    let first = words::Lower::of(text.split_whitespace().next().unwrap_or(""));
    matches!(
        first.as_str(),
        "varav" | "därav" | "summa" | "totalt" | "varav:" | "därav:"
    )
}

/// A label line ending in a word that cannot end a label.
fn label_unfinished(text: &str) -> bool {
    let t = text.trim_end();
    if t.ends_with(',') || t.ends_with('-') {
        return true;
    }
    let last = words::Lower::of(t.rsplit(' ').next().unwrap_or(""));
    matches!(
        last.as_str(),
        "och"
            | "för"
            | "till"
            | "av"
            | "i"
            | "med"
            | "från"
            | "enligt"
            | "den"
            | "inkl."
            | "inkl"
            | "exkl."
            | "samt"
            | "om"
            | "på"
            | "vid"
            | "efter"
            | "under"
            | "per"
            | "år"
            | "mot"
            | "inom"
            | "utan"
    )
}
