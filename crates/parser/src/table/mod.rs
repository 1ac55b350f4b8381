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
//!
//! The stages, one module each: [`geometry`] (how amounts are put in
//! columns), [`cells`] (a line split into label and amounts), [`rows`]
//! (lines joined into rows, where a table ends), [`notes`] (note numbers
//! told by their sequence).

mod cells;
mod cuts;
pub(crate) mod digits;
mod find;
mod geometry;
mod notes;
mod pages;
mod place;
mod rows;
pub(crate) use rows::label_unfinished;

use crate::header::{self, Header};
use crate::model::{Note, NoteKind, Table};
use crate::stream::StreamLine;
use crate::words;
use cells::has_grouped_number;
use geometry::Mode;
use internbudget_layout::{Deadline, SourceKind};
use pages::{
    below_total, drop_repeated_footers, join_cut_label, orphan_heading, page_continuation,
    titled_apart,
};

/// Reads every amount table in the stream.
/// Stops early once `deadline` has passed (the caller then discards the
/// partial result).
pub fn find_tables(
    lines: &[StreamLine<'_>],
    kind: SourceKind,
    notes: &mut Vec<Note>,
    deadline: &Deadline,
) -> Vec<Table> {
    let mut tables: Vec<(usize, Table)> = Vec::new();
    let mut claimed: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < lines.len() && !deadline.passed() {
        let Some(h) = header::amount_header_at(lines, i) else {
            i += 1;
            continue;
        };
        let lead = lead_row(lines, &h);
        let (mut table, mut end) = read_table(lines, &h, kind, notes, deadline);
        if let Some(lead) = lead {
            lead.open(&mut table);
        }
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
            && !titled_apart(lines, h.end + 1, end)
        {
            let (more, next) = read_table(lines, &h2, kind, notes, deadline);
            if let Some(heading) = orphan_heading(lines, end, &table.rows, h.columns.len()) {
                table.rows.push(heading);
            }
            join_cut_label(&mut table.rows, more.rows);
            table.footnotes.extend(more.footnotes);
            if next <= end {
                break;
            }
            end = next;
        }
        // Layout text going on on the next page without a header: that
        // part is read with its own positions and joined.
        while let Some(h2) = page_continuation(lines, &h, &table, end, kind) {
            let (more, next) = read_table(lines, &h2, kind, notes, deadline);
            if next <= end || !has_amounts(&more) || below_total(&table, &more) {
                break;
            }
            join_cut_label(&mut table.rows, more.rows);
            table.footnotes.extend(more.footnotes);
            end = next;
        }
        drop_repeated_footers(&mut table.rows, notes);
        notes::notes_in_sequence(&mut table.rows);
        if has_amounts(&table) {
            tables.push((h.start, table));
        }
        // A table printed right below under a heading of its own but no
        // header repeats the columns (a "Balanskrav" part under a
        // resultatbudget): it is a table of its own with the same columns.
        while let Some(h2) = headerless_follower(lines, &h, end) {
            let (mut more, next) = read_table(lines, &h2, kind, notes, deadline);
            if next <= end || !has_amounts(&more) {
                break;
            }
            notes::notes_in_sequence(&mut more.rows);
            tables.push((h2.start, more));
            end = next;
        }
        claimed.push((h.start, end.max(h.end + 1)));
        i = end.max(h.end + 1);
    }
    tables.extend(by_structure(lines, &claimed, kind, notes, deadline));
    tables.sort_by_key(|(start, _)| *start);
    tables.into_iter().map(|(_, t)| t).collect()
}

/// The tables found by their structure where no header with years was
/// found ([`find`]): each run of amount lines read under the header right
/// above it; a run without one is reported, not read.
fn by_structure(
    lines: &[StreamLine<'_>],
    claimed: &[(usize, usize)],
    kind: SourceKind,
    notes: &mut Vec<Note>,
    deadline: &Deadline,
) -> Vec<(usize, Table)> {
    let mut out = Vec::new();
    for body in find::bodies(lines, claimed) {
        if deadline.passed() {
            break;
        }
        match header::header_above(lines, body.start) {
            Some(h) if !claimed.iter().any(|&(a, b)| a <= h.start && h.start <= b) => {
                let (mut table, _) = read_table(lines, &h, kind, notes, deadline);
                notes::notes_in_sequence(&mut table.rows);
                if has_amounts(&table) {
                    out.push((h.start, table));
                }
            }
            _ => {
                let grouped = lines
                    .get(body.start..=body.end)
                    .unwrap_or(&[])
                    .iter()
                    .filter(|l| has_grouped_number(&l.line.words))
                    .count();
                if grouped * 2 >= body.rows {
                    let origin = lines
                        .get(body.start)
                        .map(StreamLine::origin)
                        .unwrap_or_default();
                    notes.push(Note {
                        kind: NoteKind::TableSkipped,
                        message: format!(
                            "{} lines of amounts without a header naming their columns were not read",
                            body.rows
                        ),
                        origin,
                    });
                }
            }
        }
    }
    out
}

/// A base frame printed above the header of its changes ("Ram 2022
/// 12 847" above "Förändringar 2023–2025 | 2023 | 2024 | 2025"): the row
/// opens the table, and its year becomes the table's first column.
struct Lead {
    column: crate::model::ColumnHeader,
    row: crate::model::Row,
    title: Option<String>,
}

impl Lead {
    /// Puts the lead row first in `table`, its column before the others
    /// (every other row empty in it).
    fn open(self, table: &mut Table) {
        table.columns.insert(0, self.column);
        for r in &mut table.rows {
            match &mut r.values {
                crate::model::RowValues::Placed(cells) => cells.insert(0, None),
                crate::model::RowValues::Unplaced(_) => {}
            }
        }
        table.rows.insert(0, self.row);
        if let Some(t) = self.title {
            if table.unit.is_none() {
                table.unit = crate::vocab::unit_in(&t);
            }
            table.title = t;
        }
    }
}

/// The line right above header `h`, when it is a frame or budget of a year
/// before all the header's years with exactly one amount: the column for
/// that year (labelled as the row is), the row and the table's title.
fn lead_row(lines: &[StreamLine<'_>], h: &Header) -> Option<Lead> {
    let (k, l) = lines
        .iter()
        .enumerate()
        .take(h.start)
        .rev()
        .find(|(_, l)| !l.is_blank())?;
    if Some(l.page) != lines.get(h.start).map(|x| x.page) {
        return None;
    }
    let ws = &l.line.words;
    // The amount: the cells after the label (a folded or tab line), or the
    // value words ending the line after a year ("Ram 2022 12 847").
    let values = if l.line.tab_cells > 1 {
        ws.iter()
            .filter(|w| w.bbox.x0 >= internbudget_layout::text::CELL_PITCH)
            .count()
    } else {
        let run = ws
            .iter()
            .rev()
            .take_while(|w| cells::value_like(&w.text))
            .count();
        let years = ws
            .iter()
            .skip(ws.len() - run)
            .take_while(|w| crate::number::year(&w.text).is_some())
            .count();
        run - years
    };
    let (label_words, value_words) = ws.split_at(ws.len().checked_sub(values)?);
    let label: Vec<&str> = label_words.iter().map(|w| w.text.as_str()).collect();
    let year = label.iter().find_map(|w| crate::number::year(w))?;
    let first_year = h.columns.iter().filter_map(|c| c.header.year).min()?;
    let names_frame = label.iter().any(|w| {
        matches!(
            crate::vocab::header_word(w),
            Some(crate::vocab::HeaderWord::Kind(
                crate::vocab::KindWord::Frame | crate::vocab::KindWord::Budget
            ))
        )
    });
    let amount = value_words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    if year >= first_year || !names_frame || crate::number::parse_amount(&amount).is_none() {
        return None;
    }
    let label = label.join(" ");
    let origin = l.origin();
    let mut cells: Vec<Option<crate::model::Cell>> = vec![None; h.columns.len() + 1];
    if let Some(first) = cells.first_mut() {
        *first = Some(crate::model::Cell {
            text: amount,
            origin,
        });
    }
    Some(Lead {
        column: crate::model::ColumnHeader {
            label: label.clone(),
            year: Some(year),
            partial: None,
        },
        row: crate::model::Row {
            label,
            values: crate::model::RowValues::Placed(cells),
            note: None,
            origin,
            ambiguous: false,
            cut_chosen: false,
        },
        title: header::title_above(lines, k),
    })
}

fn has_amounts(t: &Table) -> bool {
    t.rows
        .iter()
        .any(|r| r.values.cells().iter().any(Option::is_some))
}

/// The header of a table that follows at stream line `at` without one of
/// its own: a short heading line (no amounts, not a sentence), then within
/// four lines a line of amounts — as many as `h` has columns, or one more
/// for a note — and no header of its own. The heading is its title.
fn headerless_follower(lines: &[StreamLine<'_>], h: &Header, at: usize) -> Option<Header> {
    let (k, heading) = lines
        .iter()
        .enumerate()
        .skip(at)
        .find(|(_, l)| !l.is_blank())?;
    let text = heading.line.text();
    let words = text.split_whitespace().count();
    let is_heading = (1..=16).contains(&words)
        && !text.trim_end().ends_with(['.', ':'])
        && heading
            .line
            .words
            .iter()
            .all(|w| !cells::value_like(&w.text))
        && header::header_at(lines, k).is_none();
    if !is_heading {
        return None;
    }
    let n = h.columns.len();
    let next: Vec<(usize, &StreamLine<'_>)> = lines
        .iter()
        .enumerate()
        .skip(k + 1)
        .filter(|(_, l)| !l.is_blank())
        .take(4)
        .collect();
    // A header among them starts a table of its own, and so does a row of
    // cells that names columns without years ("Kontakt | Telefon", tab
    // cells or text cells set apart by wide gaps).
    let names_columns = |l: &StreamLine<'_>| {
        (l.line.tab_cells >= 2 && l.line.words.iter().all(|w| !cells::value_like(&w.text)))
            || rows::is_text_header(l)
    };
    if next
        .iter()
        .any(|(j, l)| header::header_at(lines, *j).is_some() || names_columns(l))
        || names_columns(heading)
    {
        return None;
    }
    let amounts_follow = next.iter().any(|(_, l)| {
        let ws = &l.line.words;
        let values = ws
            .iter()
            .rev()
            .take_while(|w| cells::value_like(&w.text))
            .count();
        values >= n.min(3) && ws.len() - values <= 12
    });
    let page = |i: usize| lines.get(i).map(|l| l.page);
    amounts_follow.then(|| Header {
        start: k,
        year_line: k,
        end: k,
        title: Some(text.trim().to_string()),
        borrowed: h.borrowed || page(h.year_line) != page(k),
        ..h.clone()
    })
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
    // Column anchors and row spacing judged again on the table's own lines
    // (twice at most: a second reading may end the table elsewhere).
    for _ in 0..2 {
        let realigned = reader.realign(kind, end);
        if !(reader.regap(end) || realigned) {
            break;
        }
        first_notes.clear();
        (table, end) = reader.read(&mut first_notes);
    }
    notes.append(&mut first_notes);
    if h.columns.iter().any(|c| c.header.year.is_none()) {
        table.context_year = context_year(lines, h, end);
    }
    (table, end)
}

/// The year the text right around a table names most often — its title,
/// the three lines above its header and the six lines after it — leaving
/// out the years its own header prints: the year a table whose columns
/// print none reports on ("Kommunstyrelsens resultat 2018 …").
fn context_year(lines: &[StreamLine<'_>], h: &Header, end: usize) -> Option<i32> {
    let own: Vec<i32> = h.columns.iter().filter_map(|c| c.header.year).collect();
    let before = lines
        .get(..h.start)
        .unwrap_or(&[])
        .iter()
        .rev()
        .filter(|l| !l.is_blank())
        .take(3);
    let after = lines.iter().skip(end).filter(|l| !l.is_blank()).take(6);
    let mut counts: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
    for l in before.chain(after) {
        for w in &l.line.words {
            if let Some(y) = crate::number::year(&w.text)
                && !own.contains(&y)
            {
                *counts.entry(y).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(y, n)| (n, y))
        .map(|(y, _)| y)
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
    /// The number of decimals most of the table's numbers print (one in a
    /// table of mnkr with one decimal): a reading of single-spaced digits
    /// that breaks it is less likely.
    decimals: Option<usize>,
    /// In a PDF whose rows are set apart by more space than the lines inside
    /// a cell: the largest baseline step that stays inside one row.
    row_gap: Option<f32>,
    /// Layout text read in printed order: the column edges its full rows
    /// show, by which shorter rows are placed ([`geometry::FlowedColumns`]).
    flowed_columns: Option<geometry::FlowedColumns>,
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
    pub(super) fn new(
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
            decimals: table_decimals(lines.iter().skip(header.end + 1).take(60)),
            row_gap: None,
            flowed_columns: None,
            limit: None,
            deadline,
            kind,
        };
        reader.mode = reader.choose_mode(kind);
        reader.single_spaced = reader.detect_single_spaced();
        reader.flowed_columns = reader.flowed_columns();
        if kind == SourceKind::Pdf {
            reader.row_gap = reader.detect_row_gap();
        }
        reader
    }
}

/// The number of decimals at least three fifths of the numbers under a
/// header print (years left out), if any.
fn table_decimals<'a>(lines: impl Iterator<Item = &'a StreamLine<'a>>) -> Option<usize> {
    let mut counts = [0usize; 4];
    for l in lines {
        for w in &l.line.words {
            if words::value_word(&w.text) != words::ValueWord::Digits
                || crate::number::year(&w.text).is_some()
            {
                continue;
            }
            let d = w
                .text
                .trim_end_matches(['*', '%'])
                .split_once([',', '.'])
                .map_or(0, |(_, f)| f.len());
            if let Some(c) = counts.get_mut(d) {
                *c += 1;
            }
        }
    }
    let total: usize = counts.iter().sum();
    counts.iter().position(|&c| total > 0 && c * 5 >= total * 3)
}
