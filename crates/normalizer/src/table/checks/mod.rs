//! Reconciliation: does the table add up as printed?
//!
//! Per column whose amounts add up ([`plan`]): a block's subtotal equals its
//! lines, a running sum the sum before it plus the lines since; the total
//! equals the line items, block subtotals and frames above it; "varav
//! intäkter" plus "varav kostnader" equals the total; a budget frame plus
//! the adjustments printed under it equals the next frame; the last frame
//! equals the total; a later total-like memo ("Summa … inkl …") equals the
//! total plus the memo rows between them. Per row, a change or deviation
//! column equals the difference of the columns it compares
//! ([`difference`]). A check is only made where the printed amounts it
//! compares exist. Nothing is ever "fixed": a mismatch is reported as found.

mod difference;
mod plan;
mod scorer;

pub use difference::Difference;
pub use plan::{Plan, PlanRow};
pub use scorer::Scorer;

use crate::amount::Amount;
use crate::schema::{CheckKind, Column, ColumnKind, RowKind};

/// A row as the checks see it.
#[derive(Debug, Clone, Copy)]
pub struct RowRef<'a> {
    /// What the row is.
    pub kind: RowKind,
    /// A total-like label ("Summa …").
    pub total_like: bool,
    /// One amount per column.
    pub values: &'a [Option<Amount>],
    /// The block the row belongs to.
    pub group: Option<u32>,
    /// A frame of another kind than the table's.
    pub foreign: bool,
    /// A "varav …" line.
    pub part: bool,
}

impl RowRef<'_> {
    fn plan_row(&self) -> PlanRow {
        PlanRow {
            kind: self.kind,
            total_like: self.total_like,
            group: self.group,
            foreign: self.foreign,
            part: self.part,
        }
    }
}

/// What the checks need to know of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ColumnRef {
    /// Its amounts add up down the rows (not a percentage, not a change
    /// between two other columns).
    pub summable: bool,
    /// It is the difference of two other columns.
    pub difference: Option<Difference>,
}

/// One check of one column, before it is written out.
#[derive(Debug, Clone, PartialEq)]
pub struct RawCheck {
    /// What is compared.
    pub kind: CheckKind,
    /// Column index.
    pub column: usize,
    /// The printed amount the others should add up to.
    pub expected: Amount,
    /// What they add up to.
    pub found: Amount,
    /// Row indices: the expected row first, then the terms.
    pub rows: Vec<usize>,
}

impl RawCheck {
    /// True when found equals expected.
    pub fn ok(&self) -> bool {
        self.expected == self.found
    }

    /// True when the difference is within what rounding the printed terms
    /// (half a unit in their last printed place each) could cause.
    pub fn within_rounding(&self, rows: &[RowRef<'_>]) -> bool {
        let scale = self
            .rows
            .iter()
            .filter_map(|&r| {
                rows.get(r)
                    .and_then(|row| row.values.get(self.column))
                    .copied()
                    .flatten()
            })
            .map(|a| a.0.scale())
            .max()
            .unwrap_or(0);
        let unit = rust_decimal::Decimal::new(1, scale);
        // A row difference compares three rounded amounts of one row.
        let rounded = if self.kind == CheckKind::RowDifference {
            3
        } else {
            self.rows.len().max(1)
        };
        let terms = rust_decimal::Decimal::from(rounded as u64);
        let tolerance = unit * terms / rust_decimal::Decimal::from(2);
        (self.found.0 - self.expected.0).abs() <= tolerance
    }
}

/// What the checks need to know of each column: whether its amounts add
/// up, and which two columns a change or deviation column compares.
pub fn column_refs(columns: &[Column]) -> Vec<ColumnRef> {
    let index = |key: &str| columns.iter().position(|c| c.key == key);
    columns
        .iter()
        .map(|c| {
            let compares = matches!(c.kind, Some(ColumnKind::Change | ColumnKind::Deviation));
            let difference = match c.compares.as_slice() {
                [from, to] if compares => match (index(from), index(to)) {
                    (Some(from), Some(to)) => Some(Difference {
                        from,
                        to,
                        percent: c.percent,
                    }),
                    _ => None,
                },
                _ => None,
            };
            ColumnRef {
                summable: !c.percent,
                difference,
            }
        })
        .collect()
}

/// All checks of one table.
pub fn reconcile(rows: &[RowRef<'_>], columns: &[ColumnRef]) -> Vec<RawCheck> {
    let plan_rows: Vec<PlanRow> = rows.iter().map(RowRef::plan_row).collect();
    let summable: Vec<bool> = columns.iter().map(|c| c.summable).collect();
    let val = |r: usize, c: usize| -> Option<Amount> {
        rows.get(r)
            .and_then(|row| row.values.get(c))
            .copied()
            .flatten()
    };
    let mut out: Vec<RawCheck> = Plan::of(&plan_rows, &summable)
        .specs
        .iter()
        .filter_map(|spec| {
            let (expected, found) = spec.amounts(val)?;
            Some(RawCheck {
                kind: spec.kind,
                column: spec.column,
                expected,
                found,
                rows: std::iter::once(spec.expected)
                    .chain(spec.start)
                    .chain(spec.terms.iter().copied())
                    .collect(),
            })
        })
        .collect();
    for (c, col) in columns.iter().enumerate() {
        if let Some(d) = col.difference {
            out.extend(difference::checks(rows, c, d));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Option<Amount> {
        Amount::parse_printed(s)
    }

    /// A row of one block, neither a foreign frame nor a "varav" part.
    fn row(kind: RowKind, total_like: bool, values: &[Option<Amount>]) -> RowRef<'_> {
        RowRef {
            kind,
            total_like,
            values,
            group: None,
            foreign: false,
            part: false,
        }
    }

    #[test]
    fn sums_and_frames() {
        let items = [[a("1 900"), a("10")], [a("62 205"), None]];
        let total = [a("64 105"), a("10")];
        let rev = [a("-100"), a("0")];
        let cost = [a("64 205"), a("10")];
        let f1 = [a("64 000"), a("5")];
        let adj = [a("105"), a("5")];
        let f2 = [a("64 105"), a("10")];
        let rows = vec![
            row(RowKind::LineItem, false, &items[0]),
            row(RowKind::LineItem, false, &items[1]),
            row(RowKind::Total, true, &total),
            row(RowKind::OfWhichRevenue, false, &rev),
            row(RowKind::OfWhichCost, false, &cost),
            row(RowKind::BudgetFrame, false, &f1),
            row(RowKind::Adjustment, false, &adj),
            row(RowKind::BudgetFrame, false, &f2),
        ];
        let checks = reconcile(
            &rows,
            &[ColumnRef {
                summable: true,
                difference: None,
            }; 2],
        );
        assert!(checks.iter().all(RawCheck::ok), "{checks:?}");
        let kinds: Vec<CheckKind> = checks.iter().map(|c| c.kind).collect();
        assert!(kinds.contains(&CheckKind::SumOfLineItems));
        assert!(kinds.contains(&CheckKind::RevenuePlusCost));
        assert!(kinds.contains(&CheckKind::FramePlusAdjustments));
        assert!(kinds.contains(&CheckKind::FrameEqualsTotal));
    }

    #[test]
    fn reports_a_changed_number() {
        let items = [[a("100")], [a("200")]];
        let total = [a("310")];
        let rows = vec![
            row(RowKind::LineItem, false, &items[0]),
            row(RowKind::LineItem, false, &items[1]),
            row(RowKind::Total, true, &total),
        ];
        let checks = reconcile(
            &rows,
            &[ColumnRef {
                summable: true,
                difference: None,
            }],
        );
        assert_eq!(checks.len(), 1);
        assert!(!checks[0].ok());
        assert_eq!(
            checks[0].found,
            Amount::parse_printed("300").unwrap_or_default()
        );
        assert!(!checks[0].within_rounding(&rows));
    }
}
