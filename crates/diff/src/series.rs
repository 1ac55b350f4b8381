//! Time series: the line items and totals of the main operating summaries
//! followed from document to document through the row alignments of the
//! consecutive comparisons, with every printed value.
//!
//! One value per fiscal year comes from one document for the whole table:
//! the latest document whose table prints the year, read from its most
//! final column for it ([`SeriesYear`]). A line item that document does not
//! print has no value that year — it is not filled in from an older
//! document's plan — so that each year's line items add up to the total
//! exactly when they do in the source.

use crate::model::{
    Comparison, Measure, PairingRule, RowDiff, Series, SeriesPoint, SeriesYear, Status,
};
use crate::tables::values::{column_ref, convert, factor_of, unit_of, year_columns};
use internbudget_normalizer::Amount;
use internbudget_normalizer::{Document, Row, RowKind, Table, TableRole, Unit};

/// One line item across documents: its row key in each document.
struct Thread {
    keys: Vec<Option<String>>,
    kind: RowKind,
}

/// Builds the series of a diff's comparisons, and which document speaks
/// for each year.
pub(crate) fn build(
    docs: &[&Document],
    comparisons: &[Comparison],
) -> (Vec<Series>, Vec<SeriesYear>) {
    let (threads, main) = follow_main_tables(comparisons, docs.len());
    let mains = MainTables::new(docs, &main);
    let speakers = speakers(&mains.tables);
    let series = threads
        .iter()
        .map(|th| mains.series(th, &speakers))
        .collect();
    let years = speakers
        .iter()
        .filter_map(|&(year, k, col)| {
            let t = mains.tables.get(k).copied().flatten()?;
            Some(year_of(t, year, k, col, mains.factor))
        })
        .flatten()
        .collect();
    (series, years)
}

/// The threads of the top-level line items and totals of the main
/// operating summaries, as the comparisons pair them, and the id of each
/// document's main operating summary.
fn follow_main_tables(comparisons: &[Comparison], n: usize) -> (Vec<Thread>, Vec<Option<String>>) {
    let mut threads: Vec<Thread> = Vec::new();
    let mut main: Vec<Option<String>> = vec![None; n];
    for (k, c) in comparisons.iter().enumerate() {
        let Some(t) = c
            .tables
            .iter()
            .find(|t| t.role == TableRole::OperatingSummary && t.pairing.rule == PairingRule::Main)
        else {
            continue;
        };
        if let Some(m) = main.get_mut(k) {
            m.get_or_insert_with(|| t.a.id.clone());
        }
        if let Some(m) = main.get_mut(k + 1) {
            *m = Some(t.b.id.clone());
        }
        for r in &t.rows {
            if !matches!(r.kind, RowKind::LineItem | RowKind::Total) || r.parent.is_some() {
                continue;
            }
            follow(&mut threads, r, k, n);
        }
    }
    (threads, main)
}

/// The main operating summary of each document and the unit of the series.
struct MainTables<'a> {
    /// One per document; `None` where it has none, or has one without a
    /// unit while the others are in kronor.
    tables: Vec<Option<&'a Table>>,
    /// The smallest unit of the tables.
    unit: Option<Unit>,
    /// Kronor per `unit`.
    factor: u64,
}

impl<'a> MainTables<'a> {
    /// The tables with the ids in `main`; a main table without a unit (its
    /// numbers not kronor) is not part of a series in kronor.
    fn new(docs: &[&'a Document], main: &[Option<String>]) -> Self {
        let tables: Vec<Option<&Table>> = docs
            .iter()
            .zip(main)
            .map(|(d, id)| {
                id.as_ref()
                    .and_then(|id| d.tables.iter().find(|t| &t.id == id))
            })
            .collect();
        let unit = tables
            .iter()
            .flatten()
            .filter_map(|t| unit_of(t))
            .min_by_key(|u| u.factor());
        let tables: Vec<Option<&Table>> = tables
            .into_iter()
            .map(|t| t.filter(|t| unit.is_none() || t.unit.is_some()))
            .collect();
        MainTables {
            tables,
            unit,
            factor: factor_of(unit),
        }
    }

    /// The row of a thread in document `k`, with its table.
    fn row(&self, th: &Thread, k: usize) -> Option<(&'a Table, &'a Row)> {
        let key = th.keys.get(k)?.as_ref()?;
        let t = self.tables.get(k).copied().flatten()?;
        Some((t, t.rows.iter().find(|r| &r.key == key)?))
    }

    /// One thread's series: its labels, every printed value and the value
    /// of each year from the document that speaks for it.
    fn series(&self, th: &Thread, speakers: &[(i32, usize, usize)]) -> Series {
        let mut points = Vec::new();
        let mut labels = Vec::with_capacity(th.keys.len());
        for k in 0..th.keys.len() {
            let row = self.row(th, k);
            labels.push(row.map(|(_, r)| r.label.clone()));
            let Some((t, r)) = row else { continue };
            for (i, (col, v)) in t.columns.iter().zip(&r.values).enumerate() {
                let (Some(year), Some(v), Some(column)) = (col.year, v, column_ref(t, i)) else {
                    continue;
                };
                points.push(SeriesPoint {
                    document: format!("d{}", k + 1),
                    year,
                    column,
                    value: convert(*v, factor_of(unit_of(t)), self.factor),
                });
            }
        }
        let by_year = speakers
            .iter()
            .filter_map(|&(year, k, col)| {
                let (t, r) = self.row(th, k)?;
                let v = r.values.get(col)?.as_ref()?;
                Some(SeriesPoint {
                    document: format!("d{}", k + 1),
                    year,
                    column: column_ref(t, col)?,
                    value: convert(*v, factor_of(unit_of(t)), self.factor),
                })
            })
            .collect();
        Series {
            label: labels
                .iter()
                .rev()
                .flatten()
                .next()
                .cloned()
                .unwrap_or_default(),
            kind: th.kind,
            labels,
            unit: self.unit,
            unit_factor: self.factor,
            points,
            by_year,
        }
    }
}

/// For each fiscal year, the latest document whose table prints it and its
/// column for the year: (year, document index, column index).
fn speakers(tables: &[Option<&Table>]) -> Vec<(i32, usize, usize)> {
    let mut out: Vec<(i32, usize, usize)> = Vec::new();
    for (k, t) in tables.iter().enumerate() {
        let Some(t) = t else { continue };
        for (year, col) in year_columns(t, Measure::Net) {
            match out.iter_mut().find(|x| x.0 == year) {
                Some(x) => *x = (year, k, col),
                None => out.push((year, k, col)),
            }
        }
    }
    out.sort_unstable();
    out
}

/// The sums of one year's column: its top-level line items and its total.
fn year_of(t: &Table, year: i32, k: usize, col: usize, factor: u64) -> Option<SeriesYear> {
    let value = |r: &Row| {
        r.values
            .get(col)
            .copied()
            .flatten()
            .map(|v| convert(v, factor_of(unit_of(t)), factor).0)
    };
    let line_items = t
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::LineItem && r.parent_key.is_none())
        .filter_map(value)
        .fold(rust_decimal::Decimal::ZERO, |s, v| s.saturating_add(v));
    let total = t
        .rows
        .iter()
        .find(|r| r.kind == RowKind::Total && r.parent_key.is_none())
        .and_then(value);
    Some(SeriesYear {
        year,
        document: format!("d{}", k + 1),
        column: column_ref(t, col)?,
        line_items: Amount(line_items),
        total: total.map(Amount),
    })
}

/// Extends the threads with one aligned row of comparison `k` (documents k
/// and k + 1).
fn follow(threads: &mut Vec<Thread>, r: &RowDiff, k: usize, n: usize) {
    let a_key = r.a.as_ref().map(|x| x.key.clone());
    let b_key = r.b.as_ref().map(|x| x.key.clone());
    let existing = a_key.as_ref().and_then(|key| {
        threads
            .iter_mut()
            .find(|t| t.keys.get(k).is_some_and(|x| x.as_ref() == Some(key)))
    });
    match existing {
        Some(t) => {
            if let Some(slot) = t.keys.get_mut(k + 1) {
                *slot = b_key;
            }
            if r.status == Status::Matched {
                t.kind = r.kind;
            }
        }
        None => {
            let mut keys = vec![None; n];
            if let Some(slot) = keys.get_mut(k) {
                *slot = a_key;
            }
            if let Some(slot) = keys.get_mut(k + 1) {
                *slot = b_key;
            }
            threads.push(Thread { keys, kind: r.kind });
        }
    }
}
