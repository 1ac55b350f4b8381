//! Rows: lines of a table joined into rows.
//!
//! Labels broken over several lines are joined: lines without amounts wait
//! for the next amount line (bottom-aligned cells), and a lowercase line right
//! after an amount row continues that row's label (top-aligned cells). In
//! PDFs whose rows are set apart by more space than the lines inside a cell,
//! that spacing decides ([`TableReader::same_row`]). A complete label line
//! without amounts followed by a new label is a heading row; footnotes and
//! running text end the table. The reading's state lives in [`state`], what
//! a label's words say in [`labels`], PDF row spacing in [`spacing`].

use super::TableReader;
use super::cells::{Amount, SplitLine, value_like};
use super::geometry::{Mode, same_positions};
use crate::header;
use crate::model::{Note, Row, RowValues, Table};
use crate::number;
use crate::stream::StreamLine;
use crate::words;
pub(crate) use labels::label_unfinished;
pub(super) use labels::{
    footer_like, is_footnote, is_group_heading, is_row_starter, is_total_label, starts_lowercase,
    starts_with_capital,
};

mod labels;
mod spacing;
mod state;

use state::{
    Below, Flow, State, continues_over_break, footnote, has_amounts, is_folded, join_pending,
    stub_title,
};

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
            // Blank lines at the bottom of a page are its margin too: the
            // table goes on on the next page as in a PDF.
            let new_page = l.page != st.last_page;
            if new_page {
                st.blanks = 0;
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
            // Layout text sets each page's cells at positions of their own:
            // the part on the next page is read with its own (the caller
            // joins it, see `page_continuation`).
            if new_page
                && self.kind == internbudget_layout::SourceKind::PlainText
                && matches!(self.mode, Mode::Geometric(_))
                && st.rows.iter().any(has_amounts)
                && st.footnotes.is_empty()
                && !is_footnote(&l.line.text())
            {
                break;
            }
            let text = l.line.text();
            if !st.footnotes.is_empty() || is_footnote(&text) {
                if !footnote(&mut st, l, &text) {
                    break;
                }
                i += 1;
                continue;
            }
            if self.is_running_text(l) && !self.heading_between_rows(l, i) {
                break;
            }
            if !self.row_line(&mut st, l, i, notes) {
                break;
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

    /// One line of the table's body, after the checks of [`Self::read`]:
    /// split into label and amounts, then a line going on with the row above
    /// (spacing in PDFs), a label line without amounts
    /// ([`TableReader::label_line`]) or a line with amounts
    /// ([`TableReader::amount_line`]). False when the table ends before it.
    fn row_line(
        &self,
        st: &mut State<'s, 'a>,
        l: &'s StreamLine<'a>,
        i: usize,
        notes: &mut Vec<Note>,
    ) -> bool {
        st.folded |= is_folded(l);
        let mut split = self.split_line(l.line, &self.mode);
        self.fix_label_numbers(&mut split, &st.pending, i);
        if continues_over_break(st, &split, l) {
            return true;
        }
        st.after_break = false;
        if Self::past_total(&st.rows, &split, self.n) {
            return false;
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
        let centred = self.centred(l, st);
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
        if same_row == Some(true) && !heads_amounts_below && self.goes_on(st, &split, l, notes) {
            return true;
        }
        if same_row == Some(false) && !st.pending.is_empty() {
            // A new row starts while a label waits without amounts: the
            // waiting label was a row of its own (a heading).
            st.push_heading(self.n);
        }
        if split.amounts.is_empty() {
            if !self.label_line(st, split, (l, i), same_row) {
                return false;
            }
        } else {
            self.amount_line(st, split, l, same_row, notes);
        }
        true
    }

    /// A line right after the table's total (or a statement's result line,
    /// "Årets resultat", "Årets kassaflöde") that fills fewer than half of
    /// its three or more columns under a label of several words
    /// ("Kristianstads kommun, 273 80", an address in the page footer):
    /// text below the table, not a row of it ("varav …" rows go on).
    fn past_total(rows: &[Row], split: &SplitLine, n: usize) -> bool {
        // The last row with amounts: lines without amounts between it and
        // this line (a sentence under the table) do not hide it.
        let last = rows.iter().rev().find(|r| has_amounts(r));
        let filled = split.amounts.iter().filter(|a| !a.empty).count();
        last.is_some_and(|r| is_total_label(&r.label)) && footer_like(&split.label, filled, n)
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
        let continues = l.page != st.last_page
            && h2.same_columns(self.header)
            && !super::pages::titled_apart(self.lines, self.header.end + 1, h2.start);
        // Layout text sets each page's cells at positions of their own, even
        // under a header repeated where it stood: that part is read with
        // its own geometry too.
        if continues
            && same_positions(&h2, self.header)
            && self.kind != internbudget_layout::SourceKind::PlainText
        {
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
        r.cut_chosen |= split.cut_chosen;
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
        (l, i): (&StreamLine<'_>, usize),
        same_row: Option<bool>,
    ) -> bool {
        if self.is_prose(&split.label, l, st.longest_label) && !self.heading_between_rows(l, i) {
            return false;
        }
        // Three blank lines or more set what follows apart: a table of its
        // own (under the same columns, see `headerless_follower`) or text.
        if st.blanks >= 3 && l.line.source_line.is_some() && st.rows.iter().any(has_amounts) {
            return false;
        }
        // Under a heading or set apart by blank lines, after rows with
        // amounts (right under a row it may be a row whose cells are text).
        if (!st.pending.is_empty() || st.blanks >= 2)
            && st.rows.iter().any(has_amounts)
            && is_text_header(l)
        {
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
                cut_chosen: false,
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
            cut_chosen: split.cut_chosen,
        });
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

    /// A long line without amounts (a heading cell spanning the columns,
    /// "Nämnden för arbetsmarknad, … med grannkommunerna") between rows:
    /// no sentence (no final '.' or ':'), at most 16 words, no further from
    /// the row above than 1.2 times the rows' pitch, and a row of amounts
    /// (not percentages) filling min(columns, 3) cells right below it
    /// (after at most one line going on in lower case). Running text below
    /// a table has none of this.
    fn heading_between_rows(&self, l: &StreamLine<'_>, i: usize) -> bool {
        let text = l.line.text();
        let t = text.trim_end();
        if t.ends_with(['.', ':']) || t.split_whitespace().count() > 16 {
            return false;
        }
        let body = self.header.end + 1;
        let (Some(pitch), Some((page, above)), Some(y)) = (
            super::pages::row_pitch(self.lines, body..body + 60),
            super::pages::last_amount_y(self.lines, body, i),
            l.line.words.first().map(|w| w.bbox.y1),
        ) else {
            return false;
        };
        if page != l.page || y - above > pitch * 1.2 {
            return false;
        }
        let mut next = self.lines.iter().skip(i + 1).filter(|l| !l.is_blank());
        // (Amounts, not percentages: a table of amounts does not go on
        // into a block of percentages under a heading of its own.)
        let fills = |l: &StreamLine<'_>| {
            self.split_line(l.line, &self.mode)
                .amounts
                .iter()
                .filter(|a| !a.empty && !a.text.ends_with('%'))
                .count()
                >= self.n.min(3)
        };
        match next.next() {
            Some(n1) if fills(n1) => true,
            Some(n1) if starts_lowercase(&n1.line.text()) => next.next().is_some_and(fills),
            _ => false,
        }
    }

    /// Long lines without amounts end a table: running text after it.
    pub(super) fn is_prose(&self, label: &str, l: &StreamLine<'_>, longest_label: usize) -> bool {
        // A line of a tab-separated table's own cells is a row (a heading
        // cell spanning the columns): the table ends at a line without
        // tabs instead (`ends_at`).
        if self.header.tabbed && l.line.tab_cells > 1 {
            return false;
        }
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

#[cfg(test)]
mod tests;

/// A line of two or more short capitalised text cells set apart by wide
/// gaps, without digits ("Kontakt      Telefon"): the header of what follows
/// a table, not a row of it (a row's label is one cell).
pub(super) fn is_text_header(l: &StreamLine<'_>) -> bool {
    let ws = &l.line.words;
    let mut cells: Vec<Vec<&str>> = Vec::new();
    for (k, w) in ws.iter().enumerate() {
        let apart = k == 0
            || ws
                .get(k - 1)
                .is_some_and(|p| words::gap_in_spaces(p, w) >= 2.5);
        match cells.last_mut() {
            Some(cell) if !apart => cell.push(&w.text),
            _ => cells.push(vec![&w.text]),
        }
    }
    cells.len() >= 2
        && cells.iter().all(|c| {
            c.len() <= 3
                && c.first().is_some_and(|w| starts_with_capital(w))
                && c.iter().all(|w| !w.chars().any(|ch| ch.is_ascii_digit()))
        })
}
