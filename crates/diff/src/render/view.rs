//! What a rendering shows of a comparison: the tables and rows the
//! [`ReportOptions`] select, in their order, and the budget-to-budget view
//! behind "Största förändringar" and the bridge chart.
//!
//! A comparison's *budget step* goes from the earlier document's budget (its
//! budget year, in its own table) to the later document's budget: each line
//! item's change is its amount in the later budget year minus its amount in
//! the earlier one (a line on one side only counts in full), so the steps
//! of all line items lead from one total to the next exactly when each
//! table's line items add up to its total. Tables whose budget years are not
//! known are ranked by their largest change of any year.

use super::{MinChange, ReportOptions, SortOrder};
use crate::model::{Comparison, Diff, Measure, PairingRule, RowDiff, Status, TableDiff, ValueDiff};
use crate::tables::values::measured;
use internbudget_normalizer::{Amount, RowKind, TableRole};
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// The tables of a comparison a rendering shows.
pub(crate) fn tables<'a>(c: &'a Comparison, opts: &ReportOptions) -> Vec<&'a TableDiff> {
    c.tables
        .iter()
        .filter(|t| opts.table.is_none_or(|r| r == t.role))
        .collect()
}

/// The table the summary and the bridge are drawn from: the main operating
/// summary, or the main table of the chosen role.
pub(crate) fn main_table<'a>(c: &'a Comparison, opts: &ReportOptions) -> Option<&'a TableDiff> {
    let role = opts.table.unwrap_or(TableRole::OperatingSummary);
    c.tables
        .iter()
        .find(|t| t.role == role && t.pairing.rule == PairingRule::Main)
        .or_else(|| c.tables.iter().find(|t| t.role == role))
}

/// The budget years of a table diff: (the earlier document's, the later
/// one's), each printed in its own table.
pub(crate) fn budget_years(diff: &Diff, c: &Comparison, t: &TableDiff) -> Option<(i32, i32)> {
    let year = |id: &str| diff.documents.iter().find(|d| d.id == id)?.budget_year;
    let (ya, yb) = (year(&c.a)?, year(&c.b)?);
    let has = |y: i32, a: bool| {
        t.years.iter().any(|x| {
            x.year == y
                && x.measure == Measure::Net
                && if a { x.a.is_some() } else { x.b.is_some() }
        })
    };
    (has(ya, true) && has(yb, false)).then_some((ya, yb))
}

fn net_value(r: &RowDiff, year: i32) -> Option<&ValueDiff> {
    r.values
        .iter()
        .find(|v| v.year == year && v.measure == Measure::Net)
}

/// One row's change from one budget to the next.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Step {
    /// The amount in the earlier budget (zero for an added row).
    pub from: Amount,
    /// The amount in the later budget (zero for a removed row).
    pub to: Amount,
    /// to − from.
    pub change: Amount,
    /// The relative change of what the row measures, when `from` ≠ 0.
    pub relative: Option<Amount>,
    /// True for a revenue or cost row that grew in magnitude, or a net row
    /// that grew.
    pub increase: bool,
}

/// A row's budget-to-budget step.
pub(crate) fn step(r: &RowDiff, years: (i32, i32)) -> Option<Step> {
    let a = net_value(r, years.0).and_then(|v| v.a);
    let b = net_value(r, years.1).and_then(|v| v.b);
    if a.is_none() && b.is_none() {
        return None;
    }
    let (from, to) = (a.unwrap_or(Amount::ZERO), b.unwrap_or(Amount::ZERO));
    let m = measured(Some(from), Some(to), r.measure);
    Some(Step {
        from,
        to,
        change: m.change.unwrap_or(Amount::ZERO),
        relative: if a.is_some() && b.is_some() {
            m.relative
        } else {
            None
        },
        increase: m.direction == Some(crate::model::ChangeDirection::Increase),
    })
}

/// The change a row is ranked and filtered by: its budget step, else its
/// largest change of any year (a row on one side only: its largest
/// amount), with the relative change of the same value.
pub(crate) fn key_change(r: &RowDiff, years: Option<(i32, i32)>) -> (Decimal, Option<Decimal>) {
    if let Some(s) = years.and_then(|y| step(r, y)) {
        return (s.change.0, s.relative.map(|x| x.0));
    }
    let mut best: (Decimal, Option<Decimal>) = (Decimal::ZERO, None);
    for v in &r.values {
        let (c, rel) = match (v.a, v.b, v.change) {
            (_, _, Some(c)) => (c.0, v.relative_change.map(|x| x.0)),
            (Some(x), None, _) if r.status == Status::Removed => (-x.0, None),
            (None, Some(x), _) if r.status == Status::Added => (x.0, None),
            _ => continue,
        };
        if c.abs() > best.0.abs() {
            best = (c, rel);
        }
    }
    best
}

/// Whether a row changed at all.
pub(crate) fn row_changed(r: &RowDiff) -> bool {
    r.status != Status::Matched || r.changed || r.renamed || r.moved.is_some()
}

/// Whether a row of a filterable kind passes the options' filters.
fn passes(r: &RowDiff, years: Option<(i32, i32)>, opts: &ReportOptions) -> bool {
    if !matches!(
        r.kind,
        RowKind::LineItem | RowKind::Change | RowKind::Memo | RowKind::Adjustment
    ) {
        return true;
    }
    if opts.changed_only && !row_changed(r) {
        return false;
    }
    match opts.min_change {
        None => true,
        Some(m) => {
            let (c, rel) = key_change(r, years);
            match m {
                MinChange::Amount(x) => c.abs() >= x,
                MinChange::Percent(p) => match rel {
                    Some(rel) => rel.abs() * Decimal::from(100) >= p,
                    None => r.status != Status::Matched,
                },
            }
        }
    }
}

/// The rows of a table diff a rendering shows, as indices into `rows`, in
/// order: blocks of a top-level row and the rows under it, line-item blocks
/// sorted as asked, the others where they stood.
pub(crate) fn rows(t: &TableDiff, years: Option<(i32, i32)>, opts: &ReportOptions) -> Vec<usize> {
    // Blocks: a top-level row and its descendants.
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    for (i, r) in t.rows.iter().enumerate() {
        match r.parent {
            Some(p) => match blocks.iter_mut().find(|b| b.contains(&p)) {
                Some(b) => b.push(i),
                None => blocks.push(vec![i]),
            },
            None => blocks.push(vec![i]),
        }
    }
    // Filter: a block stays when its head passes or any row under it does.
    let blocks: Vec<Vec<usize>> = blocks
        .into_iter()
        .filter_map(|b| {
            let head = *b.first()?;
            let head_passes = t.rows.get(head).is_some_and(|r| passes(r, years, opts));
            let kept: Vec<usize> = b
                .iter()
                .copied()
                .filter(|&i| i == head || t.rows.get(i).is_some_and(|r| passes(r, years, opts)))
                .collect();
            (head_passes || kept.len() > 1).then_some(kept)
        })
        .collect();
    let sortable = |b: &Vec<usize>| {
        b.first()
            .and_then(|i| t.rows.get(*i))
            .is_some_and(|r| r.kind == RowKind::LineItem)
    };
    let mut sorted: Vec<Vec<usize>> = blocks.iter().filter(|b| sortable(b)).cloned().collect();
    let head = |b: &Vec<usize>| b.first().and_then(|i| t.rows.get(*i));
    match opts.sort {
        SortOrder::Source => {}
        SortOrder::Change => sorted.sort_by(|x, y| {
            let k =
                |b: &Vec<usize>| head(b).map_or(Decimal::ZERO, |r| key_change(r, years).0.abs());
            k(y).cmp(&k(x))
        }),
        SortOrder::Percent => sorted.sort_by(|x, y| {
            let k = |b: &Vec<usize>| {
                head(b)
                    .and_then(|r| key_change(r, years).1)
                    .map(|d| d.abs())
            };
            match (k(x), k(y)) {
                (Some(a), Some(b)) => b.cmp(&a),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        }),
        SortOrder::Label => {
            sorted.sort_by_key(|b| head(b).map(|r| r.label.to_lowercase()).unwrap_or_default())
        }
    }
    let mut next = sorted.into_iter();
    let mut out = Vec::new();
    for b in &blocks {
        if sortable(b) {
            if let Some(s) = next.next() {
                out.extend(s);
            }
        } else {
            out.extend(b.iter().copied());
        }
    }
    out
}

/// One entry of "Största förändringar".
#[derive(Debug, Clone)]
pub(crate) struct Largest<'a> {
    pub row: &'a RowDiff,
    pub step: Step,
}

/// The budget-to-budget summary of a comparison.
#[derive(Debug, Clone)]
pub(crate) struct Summary<'a> {
    pub table: &'a TableDiff,
    pub years: (i32, i32),
    /// The total row's step.
    pub total: Option<Step>,
    /// Every top-level line item's step, largest change first.
    pub by_amount: Vec<Largest<'a>>,
    /// Those with a relative change, largest first.
    pub by_percent: Vec<Largest<'a>>,
}

/// The summary of a comparison, when its main table's budget years are
/// known.
pub(crate) fn summary<'a>(
    diff: &Diff,
    c: &'a Comparison,
    opts: &ReportOptions,
) -> Option<Summary<'a>> {
    let t = main_table(c, opts)?;
    let years = budget_years(diff, c, t)?;
    let total = t
        .rows
        .iter()
        .find(|r| r.kind == RowKind::Total && r.parent.is_none())
        .and_then(|r| step(r, years));
    let mut by_amount: Vec<Largest<'a>> = t
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::LineItem && r.parent.is_none())
        .filter_map(|r| {
            Some(Largest {
                row: r,
                step: step(r, years)?,
            })
        })
        .collect();
    by_amount.sort_by_key(|l| std::cmp::Reverse(l.step.change.0.abs()));
    let mut by_percent: Vec<Largest<'a>> = by_amount
        .iter()
        .filter(|l| l.step.relative.is_some_and(|r| !r.0.is_zero()))
        .cloned()
        .collect();
    by_percent.sort_by(|x, y| {
        let k = |l: &Largest<'_>| l.step.relative.map_or(Decimal::ZERO, |r| r.0.abs());
        k(y).cmp(&k(x))
    });
    by_amount.retain(|l| !l.step.change.0.is_zero());
    Some(Summary {
        table: t,
        years,
        total,
        by_amount,
        by_percent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ColumnRef, TablePairing, TableRef, YearColumns};
    use internbudget_normalizer::{ColumnKind, Unit};

    fn a(s: &str) -> Option<Amount> {
        Some(s.parse().unwrap())
    }

    fn row(
        label: &str,
        kind: RowKind,
        parent: Option<usize>,
        v: [(i32, Option<Amount>, Option<Amount>); 2],
    ) -> RowDiff {
        RowDiff {
            label: label.into(),
            kind,
            measure: Measure::Net,
            status: Status::Matched,
            matched_by: None,
            renamed: false,
            moved: None,
            a: None,
            b: None,
            parent,
            values: v
                .iter()
                .map(|(year, a, b)| {
                    let m = measured(*a, *b, Measure::Net);
                    ValueDiff {
                        year: *year,
                        measure: Measure::Net,
                        a: *a,
                        b: *b,
                        change: m.change,
                        relative_change: m.relative,
                        direction: m.direction,
                    }
                })
                .collect(),
            changed: true,
        }
    }

    fn table(rows: Vec<RowDiff>) -> TableDiff {
        let tr = TableRef {
            id: "t1".into(),
            role: TableRole::OperatingSummary,
            title: "Driftsammandrag".into(),
            unit: Some(Unit::Tkr),
        };
        let col = ColumnRef {
            key: "k".into(),
            label: "Budget".into(),
            kind: ColumnKind::Budget,
            proposal: false,
        };
        TableDiff {
            role: TableRole::OperatingSummary,
            a: tr.clone(),
            b: tr,
            pairing: TablePairing {
                rule: PairingRule::Main,
                title_similarity: 1.0,
                row_overlap: 1.0,
            },
            unit: Some(Unit::Tkr),
            unit_factor: 1000,
            years: [2020, 2021]
                .iter()
                .map(|y| YearColumns {
                    year: *y,
                    measure: Measure::Net,
                    a: Some(col.clone()),
                    b: Some(col.clone()),
                })
                .collect(),
            rows,
        }
    }

    #[test]
    fn sorts_blocks_and_keeps_children_and_totals() {
        let t = table(vec![
            row(
                "A",
                RowKind::LineItem,
                None,
                [(2020, a("10"), a("10")), (2021, a("10"), a("11"))],
            ),
            row(
                "a1",
                RowKind::Change,
                Some(0),
                [(2020, None, None), (2021, None, a("1"))],
            ),
            row(
                "B",
                RowKind::LineItem,
                None,
                [(2020, a("100"), a("100")), (2021, a("100"), a("50"))],
            ),
            row(
                "C",
                RowKind::LineItem,
                None,
                [(2020, a("5"), a("5")), (2021, a("5"), a("5"))],
            ),
            row(
                "Summa",
                RowKind::Total,
                None,
                [(2020, a("115"), a("115")), (2021, a("115"), a("66"))],
            ),
        ]);
        let years = Some((2020, 2021));
        let by = |sort, changed_only, min_change| {
            let o = ReportOptions {
                sort,
                changed_only,
                min_change,
                ..ReportOptions::default()
            };
            rows(&t, years, &o)
        };
        assert_eq!(by(SortOrder::Source, false, None), vec![0, 1, 2, 3, 4]);
        assert_eq!(by(SortOrder::Change, false, None), vec![2, 0, 1, 3, 4]);
        assert_eq!(by(SortOrder::Percent, false, None), vec![2, 0, 1, 3, 4]);
        assert_eq!(by(SortOrder::Label, false, None), vec![0, 1, 2, 3, 4]);
        let min = Some(MinChange::Amount(Decimal::from(2)));
        assert_eq!(by(SortOrder::Source, false, min), vec![2, 4]);
        let pct = Some(MinChange::Percent(Decimal::from(20)));
        assert_eq!(by(SortOrder::Source, false, pct), vec![2, 4]);
        // The budget step of B: 100 in 2020 → 50 in 2021.
        let s = step(&t.rows[2], (2020, 2021)).unwrap();
        assert_eq!(
            (s.change.0, s.relative.map(|r| r.0)),
            (Decimal::from(-50), Some("-0.5".parse().unwrap()))
        );
    }
}
