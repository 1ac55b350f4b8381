//! Time series: the line items and totals of the main operating summaries
//! followed from document to document through the row alignments of the
//! consecutive comparisons, with every printed value and one value per
//! fiscal year from the most final source (outcome, then budget, forecast,
//! plan; among equals the later document).

use crate::model::{Comparison, PairingRule, RowDiff, Series, SeriesPoint, Status};
use crate::tables::{column_ref, convert, finality};
use internbudget_normalizer::{Document, RowKind, Table, TableRole, Unit};

/// One line item across documents: its row key in each document.
struct Thread {
    keys: Vec<Option<String>>,
    kind: RowKind,
}

/// Builds the series of a diff's comparisons.
pub fn build(docs: &[&Document], comparisons: &[Comparison]) -> Vec<Series> {
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
    let unit = tables
        .iter()
        .flatten()
        .map(|t| crate::tables::unit_of(t))
        .min_by_key(|u| u.factor())
        .unwrap_or(Unit::Tkr);
    let factor = unit.factor();
    threads
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
                        value: convert(*v, crate::tables::unit_of(t).factor(), factor),
                    });
                }
            }
            let mut years: Vec<i32> = points.iter().map(|p| p.year).collect();
            years.sort_unstable();
            years.dedup();
            let by_year = years
                .iter()
                .filter_map(|y| {
                    points
                        .iter()
                        .enumerate()
                        .filter(|(_, p)| p.year == *y)
                        .max_by_key(|(i, p)| (finality(Some(p.column.kind)), *i))
                        .map(|(_, p)| p.clone())
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
        .collect()
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
