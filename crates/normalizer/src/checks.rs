//! Reconciliation: does the table add up as printed?
//!
//! Per column: the line items sum to the total; "varav intäkter" plus "varav
//! kostnader" equals the total; a budget frame plus the adjustments printed
//! under it equals the next frame; the last frame equals the total; a later
//! total-like memo ("Summa … inkl …") equals the total plus the memo rows
//! between them. A check is only made where the printed amounts it compares
//! exist. Nothing is ever "fixed": a mismatch is reported as found.

use crate::amount::Amount;
use crate::schema::{CheckKind, RowKind};

/// A row as the checks see it.
#[derive(Debug, Clone, Copy)]
pub struct RowRef<'a> {
    /// What the row is.
    pub kind: RowKind,
    /// A total-like label ("Summa …").
    pub total_like: bool,
    /// One amount per column.
    pub values: &'a [Option<Amount>],
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
        let terms = rust_decimal::Decimal::from(self.rows.len().max(1) as u64);
        let tolerance = unit * terms / rust_decimal::Decimal::from(2);
        (self.found.0 - self.expected.0).abs() <= tolerance
    }
}

/// All checks of one table.
pub fn reconcile(rows: &[RowRef<'_>], columns: usize) -> Vec<RawCheck> {
    let values: Vec<&[Option<Amount>]> = rows.iter().map(|r| r.values).collect();
    let kinds: Vec<(RowKind, bool)> = rows.iter().map(|r| (r.kind, r.total_like)).collect();
    let mut out = Vec::new();
    Plan::of(&kinds).each(
        &values,
        columns,
        |kind, column, expected, found, head, terms| {
            out.push(RawCheck {
                kind,
                column,
                expected,
                found,
                rows: head.iter().chain(terms).copied().collect(),
            });
        },
    );
    out
}

/// Which rows each check compares: it depends only on the row kinds, so a
/// search that scores many placements of the amounts of one table builds it
/// once and evaluates it on each ([`Plan::count_holding`]).
#[derive(Debug, Clone, Default)]
pub struct Plan {
    total: Option<usize>,
    items: Vec<usize>,
    /// "varav intäkter" and "varav kostnader", when both are there.
    parts: Vec<usize>,
    /// Consecutive frames and the adjustments between them.
    frames: Vec<(usize, usize, Vec<usize>)>,
    last_frame: Option<usize>,
    /// Total-like memo rows after the total: (the row, the row it
    /// continues, the memo rows between them).
    chain: Vec<(usize, usize, Vec<usize>)>,
}

impl Plan {
    /// The checks a table gets whose rows are of these kinds (and are
    /// total-like or not).
    pub fn of(rows: &[(RowKind, bool)]) -> Plan {
        let find = |k: RowKind| rows.iter().position(|r| r.0 == k);
        let is = |i: usize, k: RowKind| rows.get(i).is_some_and(|r| r.0 == k);
        let total = find(RowKind::Total);
        let items = (0..rows.len())
            .filter(|&i| is(i, RowKind::LineItem))
            .collect();
        let parts: Vec<usize> = [find(RowKind::OfWhichRevenue), find(RowKind::OfWhichCost)]
            .into_iter()
            .flatten()
            .collect();
        let frame_rows: Vec<usize> = (0..rows.len())
            .filter(|&i| is(i, RowKind::BudgetFrame))
            .collect();
        let frames = frame_rows
            .windows(2)
            .filter_map(|pair| match pair {
                [a, b] => Some((
                    *a,
                    *b,
                    (a + 1..*b)
                        .filter(|&i| is(i, RowKind::Adjustment))
                        .collect(),
                )),
                _ => None,
            })
            .collect();
        let mut chain = Vec::new();
        if let Some(t) = total {
            let total_like_memo = |i: usize| rows.get(i).map(|r| (r.0 == RowKind::Memo, r.1));
            let mut base = t;
            for m in t + 1..rows.len() {
                if total_like_memo(m) != Some((true, true)) {
                    continue;
                }
                let between = (base + 1..m)
                    .filter(|&i| total_like_memo(i) == Some((true, false)))
                    .collect();
                chain.push((m, base, between));
                base = m;
            }
        }
        Plan {
            total,
            items,
            parts: if parts.len() == 2 { parts } else { Vec::new() },
            frames,
            last_frame: frame_rows.last().copied(),
            chain,
        }
    }

    /// How many checks hold for these amounts (one slice per row, one
    /// amount per column): [`reconcile`] without building the checks.
    pub fn count_holding<V: AsRef<[Option<Amount>]>>(&self, values: &[V], columns: usize) -> usize {
        let mut n = 0;
        self.each(values, columns, |_, _, expected, found, _, _| {
            n += usize::from(expected == found);
        });
        n
    }

    /// Hands every check to `visit`: its kind, column, the amount expected,
    /// the amount found, and the rows compared — `head` (the expected row,
    /// and the starting row of a chain) then `terms`. A check is only made
    /// where the printed amounts it compares exist.
    fn each<V: AsRef<[Option<Amount>]>>(
        &self,
        values: &[V],
        columns: usize,
        mut visit: impl FnMut(CheckKind, usize, Amount, Amount, &[usize], &[usize]),
    ) {
        let val = |r: usize, c: usize| -> Option<Amount> {
            values
                .get(r)
                .and_then(|v| v.as_ref().get(c))
                .copied()
                .flatten()
        };
        let any = |terms: &[usize], c: usize| terms.iter().any(|&i| val(i, c).is_some());
        let sum =
            |terms: &[usize], c: usize| -> Amount { terms.iter().filter_map(|&i| val(i, c)).sum() };
        for c in 0..columns {
            if let Some(t) = self.total
                && let Some(expected) = val(t, c)
            {
                if self.items.len() >= 2 && any(&self.items, c) {
                    let found = sum(&self.items, c);
                    visit(
                        CheckKind::SumOfLineItems,
                        c,
                        expected,
                        found,
                        &[t],
                        &self.items,
                    );
                }
                if !self.parts.is_empty() && any(&self.parts, c) {
                    let found = sum(&self.parts, c);
                    visit(
                        CheckKind::RevenuePlusCost,
                        c,
                        expected,
                        found,
                        &[t],
                        &self.parts,
                    );
                }
            }
        }
        // Frames and the adjustments between them.
        for (a, b, adjustments) in &self.frames {
            for c in 0..columns {
                let (Some(expected), Some(start)) = (val(*b, c), val(*a, c)) else {
                    continue;
                };
                let found = start + sum(adjustments, c);
                visit(
                    CheckKind::FramePlusAdjustments,
                    c,
                    expected,
                    found,
                    &[*b, *a],
                    adjustments,
                );
            }
        }
        if let (Some(t), Some(f)) = (self.total, self.last_frame) {
            for c in 0..columns {
                let (Some(expected), Some(found)) = (val(f, c), val(t, c)) else {
                    continue;
                };
                visit(
                    CheckKind::FrameEqualsTotal,
                    c,
                    expected,
                    found,
                    &[f, t],
                    &[],
                );
            }
        }
        // Chained subtotals after the total.
        for (m, base, between) in &self.chain {
            for c in 0..columns {
                let (Some(expected), Some(start)) = (val(*m, c), val(*base, c)) else {
                    continue;
                };
                let found = start + sum(between, c);
                visit(
                    CheckKind::SubtotalChain,
                    c,
                    expected,
                    found,
                    &[*m, *base],
                    between,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Option<Amount> {
        Amount::parse_printed(s)
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
            RowRef {
                kind: RowKind::LineItem,
                total_like: false,
                values: &items[0],
            },
            RowRef {
                kind: RowKind::LineItem,
                total_like: false,
                values: &items[1],
            },
            RowRef {
                kind: RowKind::Total,
                total_like: true,
                values: &total,
            },
            RowRef {
                kind: RowKind::OfWhichRevenue,
                total_like: false,
                values: &rev,
            },
            RowRef {
                kind: RowKind::OfWhichCost,
                total_like: false,
                values: &cost,
            },
            RowRef {
                kind: RowKind::BudgetFrame,
                total_like: false,
                values: &f1,
            },
            RowRef {
                kind: RowKind::Adjustment,
                total_like: false,
                values: &adj,
            },
            RowRef {
                kind: RowKind::BudgetFrame,
                total_like: false,
                values: &f2,
            },
        ];
        let checks = reconcile(&rows, 2);
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
            RowRef {
                kind: RowKind::LineItem,
                total_like: false,
                values: &items[0],
            },
            RowRef {
                kind: RowKind::LineItem,
                total_like: false,
                values: &items[1],
            },
            RowRef {
                kind: RowKind::Total,
                total_like: true,
                values: &total,
            },
        ];
        let checks = reconcile(&rows, 1);
        assert_eq!(checks.len(), 1);
        assert!(!checks[0].ok());
        assert_eq!(
            checks[0].found,
            Amount::parse_printed("300").unwrap_or_default()
        );
        assert!(!checks[0].within_rounding(&rows));
    }
}
