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
use internbudget_normalizer::{Document, RowKind, Table, TableRole};

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
    let n = docs.len();
    let mut threads: Vec<Thread> = Vec::new();
    // The main operating summary of each document, as paired.
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
    let tables: Vec<Option<&Table>> = docs
        .iter()
        .zip(&main)
        .map(|(d, id)| {
            id.as_ref()
                .and_then(|id| d.tables.iter().find(|t| &t.id == id))
        })
        .collect();
    // The smallest unit of the main tables; a main table without a unit
    // (its numbers not kronor) is not part of a series in kronor.
    let unit = tables
        .iter()
        .flatten()
        .filter_map(|t| unit_of(t))
        .min_by_key(|u| u.factor());
    let tables: Vec<Option<&Table>> = tables
        .into_iter()
        .map(|t| t.filter(|t| unit.is_none() || t.unit.is_some()))
        .collect();
    let factor = factor_of(unit);
    let speakers = speakers(&tables);
    let series = threads
        .iter()
        .map(|th| {
            let mut points = Vec::new();
            let mut labels = Vec::with_capacity(n);
            for (k, key) in th.keys.iter().enumerate() {
                let row = key.as_ref().and_then(|key| {
                    let t = tables.get(k).copied().flatten()?;
                    Some((t, t.rows.iter().find(|r| &r.key == key)?))
                });
                labels.push(row.map(|(_, r)| r.label.clone()));
                let Some((t, r)) = row else { continue };
                for (i, (col, v)) in t.columns.iter().zip(&r.values).enumerate() {
                    let (Some(year), Some(v), Some(column)) = (col.year, v, column_ref(t, i))
                    else {
                        continue;
                    };
                    points.push(SeriesPoint {
                        document: format!("d{}", k + 1),
                        year,
                        column,
                        value: convert(*v, factor_of(unit_of(t)), factor),
                    });
                }
            }
            let by_year = speakers
                .iter()
                .filter_map(|&(year, k, col)| {
                    let key = th.keys.get(k)?.as_ref()?;
                    let t = tables.get(k).copied().flatten()?;
                    let r = t.rows.iter().find(|r| &r.key == key)?;
                    let v = r.values.get(col)?.as_ref()?;
                    Some(SeriesPoint {
                        document: format!("d{}", k + 1),
                        year,
                        column: column_ref(t, col)?,
                        value: convert(*v, factor_of(unit_of(t)), factor),
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
                unit,
                unit_factor: factor,
                points,
                by_year,
            }
        })
        .collect();
    let years = speakers
        .iter()
        .filter_map(|&(year, k, col)| {
            let t = tables.get(k).copied().flatten()?;
            Some(year_of(t, year, k, col, factor))
        })
        .flatten()
        .collect();
    (series, years)
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
    let value = |r: &internbudget_normalizer::Row| {
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
