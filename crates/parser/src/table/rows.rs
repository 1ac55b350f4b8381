//! Rows: lines of a table joined into rows.
//!
//! Labels broken over several lines are joined: lines without amounts wait
//! for the next amount line (bottom-aligned cells), and a lowercase line right
//! after an amount row continues that row's label (top-aligned cells). In
//! PDFs whose rows are set apart by more space than the lines inside a cell,
//! that spacing decides ([`TableReader::same_row`]). A complete label line
//! without amounts followed by a new label is a heading row; footnotes and
//! running text end the table.

use super::TableReader;
use super::cells::{Amount, SplitLine, value_like};
use super::geometry::{Mode, same_positions};
use crate::header;
use crate::model::{Cell, Note, Origin, Row, RowValues, Table};
use crate::number;
use crate::stream::StreamLine;
use crate::words;

impl<'s, 'a> TableReader<'s, 'a> {
    /// Reads rows until the table ends; returns the table and the stream index
    /// after it. Each line goes through the phases below in turn: a blank
    /// line, the end of the table ([`TableReader::ends_at`]), a footnote, a
    /// line that goes on with the row above (spacing in PDFs), a label line
    /// without amounts ([`TableReader::label_line`]), or a line with amounts
    /// ([`TableReader::amount_line`]).
    pub(super) fn read(&self, notes: &mut Vec<Note>) -> (Table, usize) {
        let h = self.header;
        let mut st = State {
            last_page: self.lines.get(h.end).map_or(0, |l| l.page),
            longest_label: 20,
            ..State::default()
        };
        let mut i = h.end + 1;
        while let Some(l) = self.lines.get(i) {
            if self.deadline.passed() {
                break;
            }
            if l.is_blank() {
                // Blank lines at the top of the next page are its margin.
                if l.page == st.last_page {
                    st.blanks += 1;
                }
                if st.blanks > 6 {
                    break;
                }
                i += 1;
                continue;
            }
            match self.ends_at(&mut st, l, i) {
                Some(Flow::End) => break,
                Some(Flow::Next(next)) => {
                    i = next;
                    st.after_break = true;
                    continue;
                }
                None => {}
            }
            let text = l.line.text();
            if !st.footnotes.is_empty() || is_footnote(&text) {
                if !footnote(&mut st, l, &text) {
                    break;
                }
                i += 1;
                continue;
            }
            if self.is_running_text(l) {
                break;
            }
            st.folded |= is_folded(l);
            let mut split = self.split_line(l.line, &self.mode);
            self.fix_label_numbers(&mut split, &st.pending, i);
            if continues_over_break(&mut st, &split, l) {
                i += 1;
                continue;
            }
            st.after_break = false;
            if Self::past_total(&st.rows, &split, self.n) {
                break;
            }
            let same_row = self.same_row(st.prev_line, l);
            st.prev_line = Some(l);
            if let Some(note) = split.note.as_ref().map(|n| self.cell_of(n, l)) {
                st.pending_note = note.or(st.pending_note.take());
            }
            // A label line right above a line of amounts without a label of
            // its own is that row's (a label centred on two lines around its
            // amounts: "Barn- och" / amounts / "utbildningsnämnd").
            // A complete label set in from the labels' edge (centred, as a
            // merged heading cell prints) above a row of its own heads it.
            let centred = self.centred(l, &st);
            if !split.label.is_empty() && split.amounts.is_empty() {
                st.pending_centred = centred;
            } else if !split.label.is_empty()
                && let Some(w) = l.line.words.first()
            {
                st.label_left = Some(st.label_left.map_or(w.bbox.x0, |x: f32| x.min(w.bbox.x0)));
            }
            let heads_amounts_below = split.amounts.is_empty()
                && !split.label.is_empty()
                && match self.amounts_below(i + 1) {
                    Some(Below::Bare) => true,
                    Some(Below::Labelled) => {
                        starts_with_capital(&split.label)
                            && !label_unfinished(&split.label)
                            && (same_row.is_none() || centred)
                    }
                    None => false,
                };
            if same_row == Some(true)
                && !heads_amounts_below
                && self.goes_on(&mut st, &split, l, notes)
            {
                i += 1;
                continue;
            }
            if same_row == Some(false) && !st.pending.is_empty() {
                // A new row starts while a label waits without amounts: the
                // waiting label was a row of its own (a heading).
                st.push_heading(self.n);
            }
            if split.amounts.is_empty() {
                if !self.label_line(&mut st, split, l, same_row) {
                    break;
                }
            } else {
                self.amount_line(&mut st, split, l, same_row, notes);
            }
            i += 1;
        }
        let by_order = matches!(self.mode, Mode::Flowed) || st.folded;
        let (rows, footnotes) = st.finish(self.n);
        let table = Table {
            title: h.title.clone().unwrap_or_else(|| stub_title(h)),
            header_text: h.text.clone(),
            unit: h.unit,
            context_year: None,
            columns: h.columns.iter().map(|c| c.header.clone()).collect(),
            rows,
            footnotes,
            origin: h.origin(self.lines),
            columns_by_order: by_order,
        };
        (table, i)
    }

    /// A line right after the table's total that fills fewer than half of its
    /// three or more columns under a label of several words ("Kristianstads
    /// kommun, 273 80", an address in the page footer): text below the table,
    /// not a row of it ("varav …" rows go on).
    fn past_total(rows: &[Row], split: &SplitLine, n: usize) -> bool {
        let after_total = rows.last().is_some_and(|r| {
            let first = words::Lower::of(r.label.split_whitespace().next().unwrap_or(""));
            matches!(first.as_str(), "totalt" | "summa" | "total")
        });
        let filled = split.amounts.iter().filter(|a| !a.empty).count();
        let part = is_row_starter(&split.label);
        after_total
            && !part
            && n >= 3
            && filled >= 1
            && filled * 2 < n
            && split.label.split_whitespace().count() >= 2
    }

    /// A label line set in from the labels' left edge by a fifth of the way to
    /// the amounts (a centred cell) in a PDF table.
    fn centred(&self, l: &StreamLine<'_>, st: &State<'_, '_>) -> bool {
        let (Mode::Geometric(g), Some(left), Some(w)) =
            (&self.mode, st.label_left, l.line.words.first())
        else {
            return false;
        };
        l.line.source_line.is_none() && w.bbox.x0 > left + (g.value_left - left).max(0.0) * 0.2
    }

    /// What the next non-blank line from `i` is, when it holds amounts:
    /// without a label, or under a label of its own that starts a row.
    fn amounts_below(&self, i: usize) -> Option<Below> {
        let l = self.lines.iter().skip(i).find(|l| !l.is_blank())?;
        let split = self.split_line(l.line, &self.mode);
        if split.amounts.is_empty() {
            None
        } else if split.label.trim().is_empty() {
            Some(Below::Bare)
        } else if starts_with_capital(&split.label) {
            Some(Below::Labelled)
        } else {
            None
        }
    }

    /// Where the table ends before line `i`, or goes on after a repeated
    /// header (`Flow::Next`): a tab-separated table at the first line
    /// without tabs, any table at another header (a header repeated on the
    /// next page at the same positions continues it).
    fn ends_at(&self, st: &mut State<'_, 'a>, l: &'s StreamLine<'a>, i: usize) -> Option<Flow> {
        // A tab-separated table ends at the first line without tabs, but
        // for footnotes printed right below it ("* Del av …").
        if self.header.tabbed
            && l.line.tab_cells <= 1
            && !(st.footnotes.is_empty() && st.blanks <= 1 && is_footnote(&l.line.text()))
        {
            return Some(Flow::End);
        }
        let h2 = header::amount_header_at(self.lines, i).filter(|h2| h2.start <= i)?;
        let continues = l.page != st.last_page && h2.same_columns(self.header);
        if continues && same_positions(&h2, self.header) {
            st.last_page = l.page;
            st.prev_line = None;
            return Some(Flow::Next(h2.end + 1));
        }
        // Another table, or this one continued under a header at other
        // positions (another page width): the caller reads on with that
        // geometry.
        Some(Flow::End)
    }

    /// A line within the line pitch of the row above (rows set apart by
    /// spacing, in PDFs) goes on with that row when its amounts fill cells
    /// the row left empty. True when the line was taken.
    fn goes_on(
        &self,
        st: &mut State<'_, 'a>,
        split: &SplitLine,
        l: &StreamLine<'_>,
        notes: &mut Vec<Note>,
    ) -> bool {
        if !st.pending.is_empty() {
            return false;
        }
        let Some(r) = st.rows.last_mut() else {
            return false;
        };
        if !(split.amounts.is_empty() || self.fits_into(r, &split.amounts)) {
            return false;
        }
        if !split.label.is_empty() {
            r.label = words::join_lines([r.label.as_str(), split.label.as_str()], &|_| false);
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
        if r.note.is_none() {
            r.note = st.pending_note.take();
        }
        r.ambiguous |= split.run_on;
        r.origin = r.origin.merge(&l.origin());
        st.blanks = 0;
        st.last_page = l.page;
        true
    }

    /// A line without amounts: the end of the table (prose), a heading row
    /// of its own (a tab export's empty cells), a label going on with the row
    /// above or waiting for the amounts below. False when the table ends.
    fn label_line(
        &self,
        st: &mut State<'_, 'a>,
        split: SplitLine,
        l: &StreamLine<'_>,
        same_row: Option<bool>,
    ) -> bool {
        if self.is_prose(&split.label, l, st.longest_label) {
            return false;
        }
        // Three blank lines or more set what follows apart: a table of its
        // own (under the same columns, see `headerless_follower`) or text.
        if st.blanks >= 3 && l.line.source_line.is_some() && st.rows.iter().any(has_amounts) {
            return false;
        }
        st.label_only_run += 1;
        if st.label_only_run > 6 {
            return false;
        }
        let origin = l.origin();
        st.blanks_before = st.blanks;
        st.blanks = 0;
        st.last_page = l.page;
        if split.label.is_empty() {
            // A note number alone on its line: the label waiting above it
            // is a heading of its own ("Skatteintäkter" ⏎ "3").
            st.push_heading(self.n);
            return true;
        }
        if self.header.tabbed && usize::from(l.line.tab_cells) > self.n {
            // A tab export prints every cell of a row: a label whose
            // cells are all there and empty is a row of its own (a
            // group heading), not a label going on on the next line.
            st.push_heading(self.n);
            st.rows.push(Row {
                label: split.label,
                values: RowValues::Placed(vec![None; self.n]),
                note: st.pending_note.take(),
                origin,
                ambiguous: false,
            });
            return true;
        }
        let heuristics = same_row.is_none();
        // "… den 13 juni" / "2022", "… åtgärd år" / "2026": a year alone
        // on a label line ends the label above.
        let year_tail =
            split.label.split_whitespace().count() == 1 && number::year(&split.label).is_some();
        let last_unfinished =
            year_tail || st.rows.last().is_some_and(|r| label_unfinished(&r.label));
        let continues_last = (heuristics || last_unfinished)
            && st.pending.is_empty()
            && st.blanks_before <= 1
            && (starts_lowercase(&split.label) || last_unfinished)
            && !is_row_starter(&split.label)
            && st
                .rows
                .last()
                .is_some_and(|r| r.values.cells().iter().any(Option::is_some));
        if continues_last && let Some(r) = st.rows.last_mut() {
            r.label = words::join_lines([r.label.as_str(), split.label.as_str()], &|_| false);
            r.origin = r.origin.merge(&origin);
        } else if heuristics
            && !st.pending.is_empty()
            && !label_unfinished(st.pending.last().map_or("", |p| p.0.as_str()))
            && (starts_with_capital(&split.label) || is_row_starter(&split.label))
        {
            // The pending label is complete and a new one starts: the
            // pending one is a row without amounts (a group heading).
            st.push_heading(self.n);
            st.pending.push((split.label, origin));
        } else {
            st.pending.push((split.label, origin));
        }
        true
    }

    /// A line with amounts: a row, with the label lines waiting above it
    /// (or those are a heading of their own).
    fn amount_line(
        &self,
        st: &mut State<'_, 'a>,
        split: SplitLine,
        l: &StreamLine<'_>,
        same_row: Option<bool>,
        notes: &mut Vec<Note>,
    ) {
        st.label_only_run = 0;
        st.blanks = 0;
        st.last_page = l.page;
        // Without spacing to go by, a complete waiting label followed by an
        // amount line with a label of its own is a heading row
        // ("Arbetsmarknad och integration" above "Ny- och återanskaffning
        // av inventarier  0  250").
        let pending_text = st
            .pending
            .iter()
            .map(|p| p.0.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let note_here = split.note.is_some();
        if (same_row.is_none() || (same_row == Some(true) && st.pending_centred))
            && !st.pending.is_empty()
            && (is_group_heading(&pending_text)
                || is_row_starter(&split.label)
                || (!label_unfinished(&pending_text) && starts_with_capital(&split.label)))
        {
            // The heading keeps a note printed before; this row's own note
            // was on this line.
            let own = note_here.then(|| st.pending_note.take()).flatten();
            st.push_heading(self.n);
            st.pending_note = own;
        }
        let mut label_parts = std::mem::take(&mut st.pending);
        if !split.label.is_empty() {
            label_parts.push((split.label.clone(), l.origin()));
        }
        let (label, label_origin) = join_pending(&label_parts);
        st.longest_label = st.longest_label.max(label.chars().count().min(120));
        let origin = label_origin.merge(&l.origin());
        let values = self.place(&split.amounts, l, origin, notes);
        st.rows.push(Row {
            label,
            values,
            note: st.pending_note.take(),
            origin,
            ambiguous: split.run_on,
        });
    }

    /// Baseline steps between consecutive lines of the table come in two
    /// sizes when cells have padding: the line pitch inside a cell and the
    /// larger step between rows. Returns the threshold between them, or
    /// `None` when the spacing is uniform (then the label rules decide).
    pub(super) fn detect_row_gap(&self) -> Option<f32> {
        let mut steps = self.line_steps();
        if steps.len() < 3 {
            return None;
        }
        let small = steps.iter().copied().fold(f32::INFINITY, f32::min);
        let threshold = small * 1.1 + 0.5;
        // Wide steps after the last narrow one set apart what follows the
        // table (a note, a page footer), not its rows.
        while steps.last().is_some_and(|s| *s > threshold) {
            steps.pop();
        }
        let large: Vec<f32> = steps.iter().copied().filter(|s| *s > threshold).collect();
        let inside = steps.len() - large.len();
        let large_min = large.iter().copied().fold(f32::INFINITY, f32::min);
        // Both kinds must occur, and rows must be clearly set apart.
        (large.len() >= 2 && inside >= 1 && large_min >= small * 1.15).then_some(threshold)
    }

    /// The baseline steps between consecutive table lines on one page
    /// (steps from a line's height to three times it).
    fn line_steps(&self) -> Vec<f32> {
        let table_lines: Vec<&StreamLine<'_>> = self
            .data_lines()
            .take(60)
            .take_while(|l| !self.is_running_text(l) && !is_footnote(&l.line.text()))
            .collect();
        let height = table_lines
            .iter()
            .flat_map(|l| l.line.words.iter().map(|w| w.size))
            .fold(0.0f32, f32::max);
        table_lines
            .windows(2)
            .filter_map(|w| match w {
                [a, b] if a.page == b.page => {
                    let d = b.line.bbox().y1 - a.line.bbox().y1;
                    (d >= height * 0.9 && d < height * 3.0).then_some(d)
                }
                _ => None,
            })
            .collect()
    }

    /// After a first reading found where the table ends: the row spacing
    /// judged again on the table's own lines (the first judgement also saw
    /// the lines after it: headings and captions of the next table, whose
    /// wider steps make a table of evenly spaced rows look like one whose
    /// rows are set apart by padding). Kept when the table has too few
    /// lines to tell. PDFs only, as the first judgement. True when it
    /// changed and the table must be read again.
    pub(super) fn regap(&mut self, end: usize) -> bool {
        if self.kind != internbudget_layout::SourceKind::Pdf {
            return false;
        }
        // Up to the table's last line of amounts: a heading or page footer
        // below it is set apart by more than a row.
        let last = (self.header.end + 1..end.min(self.lines.len()))
            .rev()
            .find(|&i| {
                self.lines.get(i).is_some_and(|l| {
                    l.line
                        .words
                        .iter()
                        .any(|w| super::cells::value_like(&w.text))
                })
            })
            .map_or(end, |i| i + 1);
        self.limit = Some(last);
        let own = self.detect_row_gap();
        let evidence = self.line_steps().len();
        self.limit = None;
        let gap = if own.is_some() || evidence >= 3 {
            own
        } else {
            self.row_gap
        };
        let changed = gap != self.row_gap;
        self.row_gap = gap;
        changed
    }

    /// Whether line `l` sits within one row's line pitch below `prev`
    /// (`None` when the table's spacing does not tell rows apart).
    pub(super) fn same_row(
        &self,
        prev: Option<&StreamLine<'_>>,
        l: &StreamLine<'_>,
    ) -> Option<bool> {
        let gap = self.row_gap?;
        let Some(p) = prev else { return Some(false) };
        if p.page != l.page {
            return Some(false);
        }
        Some(l.line.bbox().y1 - p.line.bbox().y1 <= gap)
    }

    /// True when the amounts of a line only fill cells the row left empty.
    pub(super) fn fits_into(&self, row: &Row, amounts: &[Amount]) -> bool {
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
    pub(super) fn is_running_text(&self, l: &StreamLine<'_>) -> bool {
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

    /// Long lines without amounts end a table: running text after it.
    pub(super) fn is_prose(&self, label: &str, l: &StreamLine<'_>, longest_label: usize) -> bool {
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
}

/// A line of a text export folded from one cell per line (its words
/// stand on different lines of the source): its cells are in columns by
/// their order, not by where they were printed.
fn is_folded(l: &StreamLine<'_>) -> bool {
    l.line.source_line.is_some()
        && l.line
            .words
            .windows(2)
            .any(|w| matches!(w, [a, b] if a.bbox.y0 != b.bbox.y0))
}

fn has_amounts(r: &Row) -> bool {
    r.values.cells().iter().any(Option::is_some)
}

/// A line of amounts right below a label line.
enum Below {
    /// Amounts without a label: the label above is theirs.
    Bare,
    /// Amounts under a label of their own starting with a capital.
    Labelled,
}

/// What the reading of a table's lines has gathered so far.
#[derive(Default)]
struct State<'s, 'a> {
    rows: Vec<Row>,
    /// Label lines waiting for the amounts below them.
    pending: Vec<(String, Origin)>,
    /// A note number printed before its row's amounts.
    pending_note: Option<Cell>,
    footnotes: Vec<String>,
    blanks: usize,
    /// Blank lines before the current line.
    blanks_before: usize,
    label_only_run: usize,
    longest_label: usize,
    /// A line of the table was folded from one cell per line.
    folded: bool,
    /// The left edge of the rows' labels (PDFs).
    label_left: Option<f32>,
    /// The label waiting for its amounts is set in from that edge.
    pending_centred: bool,
    last_page: u32,
    prev_line: Option<&'s StreamLine<'a>>,
    footnote_line: Option<&'s StreamLine<'a>>,
    /// The table went on under its header repeated on a new page, and no
    /// row has started there yet.
    after_break: bool,
}

/// What to do after a line: end the table, or go on at another line.
enum Flow {
    End,
    Next(usize),
}

/// A label line without amounts, in lower case, right under a header
/// repeated on a new page carries on the label of the row the page break
/// cut ("Tillfällig förstärkning" / page break / "av resursfördelning
/// till"): it is joined to that row. True when the line was taken.
fn continues_over_break(st: &mut State<'_, '_>, split: &SplitLine, l: &StreamLine<'_>) -> bool {
    if !st.after_break
        || !split.amounts.is_empty()
        || !st.pending.is_empty()
        || !starts_lowercase(&split.label)
    {
        return false;
    }
    let Some(r) = st.rows.last_mut() else {
        return false;
    };
    r.label = words::join_lines([r.label.as_str(), split.label.as_str()], &|_| false);
    r.origin = r.origin.merge(&l.origin());
    st.last_page = l.page;
    true
}

impl State<'_, '_> {
    /// Label lines left waiting without amounts were a row of their own (a
    /// heading): pushes it, if any, and empties `pending`.
    fn push_heading(&mut self, n: usize) {
        if self.pending.is_empty() {
            return;
        }
        let (label, origin) = join_pending(&self.pending);
        self.rows.push(Row {
            label,
            values: RowValues::Placed(vec![None; n]),
            note: self.pending_note.take(),
            origin,
            ambiguous: false,
        });
        self.pending.clear();
    }

    /// The rows and footnotes, once the table has ended: rows without
    /// amounts at the end are headings or text after the table, except a
    /// heading that opens rows still to come (the table goes on on the next
    /// page: "Specifikation av förändringar" as the last line of a page); a
    /// label left waiting is a last row without amounts ("varav inkomster")
    /// when short, otherwise a heading after the table.
    fn finish(mut self, n: usize) -> (Vec<Row>, Vec<String>) {
        while self.rows.last().is_some_and(|r| {
            r.values.cells().iter().all(Option::is_none)
                && !is_row_starter(&r.label)
                && !is_group_heading(&r.label)
        }) {
            self.rows.pop();
        }
        if self.pending.len() == 1
            && let Some((label, origin)) = self.pending.first()
            && (is_row_starter(label) || is_group_heading(label))
        {
            self.rows.push(Row {
                label: label.clone(),
                values: RowValues::Placed(vec![None; n]),
                note: None,
                origin: *origin,
                ambiguous: false,
            });
        }
        (self.rows, self.footnotes)
    }
}

/// A footnote line under the table, or a line going on with the footnote
/// above (no blank line, no gap wider than a line, same page). False when
/// the line is neither: the table ends.
fn footnote<'s, 'a>(st: &mut State<'s, 'a>, l: &'s StreamLine<'a>, text: &str) -> bool {
    let close = st.footnote_line.is_none_or(|f| {
        f.page == l.page
            && (l.line.source_line.is_some()
                || l.line.bbox().y1 - f.line.bbox().y1 <= f.line.bbox().height() * 1.6)
    });
    let continues = !st.footnotes.is_empty() && st.blanks == 0 && close;
    if !(is_footnote(text) || continues) {
        return false;
    }
    if is_footnote(text) {
        st.footnotes.push(text.trim().to_string());
    } else if let Some(f) = st.footnotes.last_mut() {
        f.push(' ');
        f.push_str(text.trim());
    }
    st.footnote_line = Some(l);
    st.blanks = 0;
    true
}

pub(super) fn join_pending(parts: &[(String, Origin)]) -> (String, Origin) {
    let label = words::join_lines(parts.iter().map(|p| p.0.as_str()), &|_| false);
    let origin = parts
        .iter()
        .map(|p| p.1)
        .reduce(|a, b| a.merge(&b))
        .unwrap_or_default();
    (label, origin)
}

/// A table with no heading above it is named by its header's stub when
/// that names what the rows are ("Personal", "Basuppdrag"), not only how
/// they are given ("Belopp i tkr", "Nettokostnad").
fn stub_title(h: &crate::table::Header) -> String {
    let words: Vec<&str> = h.stub.iter().map(|(w, _)| w.as_str()).collect();
    if words.is_empty()
        || words.len() > 6
        || words.iter().any(|w| words::header_term(w).is_some())
        || !words.iter().any(|w| w.chars().any(char::is_alphabetic))
    {
        return String::new();
    }
    words.join(" ")
}

/// Footnotes under a table start with stars or a footnote number.
pub(super) fn is_footnote(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('*') && t.trim_start_matches('*').starts_with(' ')
}

pub(super) fn starts_lowercase(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
}

pub(super) fn starts_with_capital(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// A heading inside a table that groups the rows after it and never takes
/// amounts of its own ("Specifikation av förändringar").
pub(super) fn is_group_heading(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    lower.starts_with("specifikation av förändring")
        || lower == "förändringar"
        || lower.starts_with("varav:")
}

/// Labels that always start a row of their own.
pub(super) fn is_row_starter(text: &str) -> bool {
    let first = words::Lower::of(text.split_whitespace().next().unwrap_or(""));
    matches!(
        first.as_str(),
        "varav" | "därav" | "summa" | "totalt" | "varav:" | "därav:"
    )
}

/// A label line ending in a word that cannot end a label.
pub(crate) fn label_unfinished(text: &str) -> bool {
    let t = text.trim_end();
    if t.ends_with(',') || t.ends_with('-') || t.ends_with('–') || t.ends_with('—') {
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

#[cfg(test)]
mod tests {
    use crate::model::Table;
    use internbudget_layout::text::read_text;

    /// The amount tables of a text export.
    fn tables(text: &str) -> Vec<Table> {
        let doc = read_text(text.as_bytes()).unwrap();
        crate::parse_document(&doc)
            .map(|p| p.tables)
            .unwrap_or_default()
    }

    fn labels(t: &Table) -> Vec<(String, usize)> {
        t.rows
            .iter()
            .map(|r| {
                let n = r.values.cells().iter().filter(|c| c.is_some()).count();
                (r.label.clone(), n)
            })
            .collect()
    }

    #[test]
    fn a_complete_label_above_a_capitalised_row_is_a_heading() {
        let t = tables(
            "Driftbudget tkr\n\
             Verksamhet         Budget 2023    Plan 2024\n\
             Grundskola\n\
             Förskoleklass          1 200          1 250\n\
             Fritidshem               800            820\n\
             Summa                  2 000          2 070\n",
        );
        let got = t.first().map(labels).unwrap_or_default();
        assert_eq!(
            got,
            [
                ("Grundskola".to_string(), 0),
                ("Förskoleklass".to_string(), 2),
                ("Fritidshem".to_string(), 2),
                ("Summa".to_string(), 2),
            ]
        );
    }

    #[test]
    fn a_label_line_ending_in_a_dash_goes_on() {
        let t = tables(
            "Volymer\n\
             Mått                       Utfall 2019    Budget 2020\n\
             Antal deltagare per månad –\n\
             Arbetsmarknadscentrum              654            700\n\
             Antal hushåll                      128            130\n",
        );
        let got = t.first().map(labels).unwrap_or_default();
        assert_eq!(
            got.first().map(|(l, n)| (l.as_str(), *n)),
            Some(("Antal deltagare per månad – Arbetsmarknadscentrum", 2))
        );
    }

    #[test]
    fn a_table_without_heading_is_named_by_its_stub() {
        let t = tables(concat!(
            "Basuppdrag                 Utfall 2019    Budget 2020\n",
            "Antal hushåll                    3128           3200\n",
            "team utreda Arbetsmarknad         654            700\n",
            "                                Utfall         Budget\n",
            "Personal                          2019           2020\n",
            "Antal anställda                    180            182\n",
            "Sjukfrånvaro                       3,4            5,4\n",
        ));
        let titles: Vec<&str> = t.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(titles.last(), Some(&"Personal"), "{titles:?}");
    }
}
