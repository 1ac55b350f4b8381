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

fn val(rows: &[RowRef<'_>], r: usize, c: usize) -> Option<Amount> {
    rows.get(r)
        .and_then(|row| row.values.get(c))
        .copied()
        .flatten()
}

/// All checks of one table.
pub fn reconcile(rows: &[RowRef<'_>], columns: usize) -> Vec<RawCheck> {
    let mut out = Vec::new();
    let find = |k: RowKind| rows.iter().position(|r| r.kind == k);
    let total = find(RowKind::Total);
    let items: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == RowKind::LineItem)
        .map(|(i, _)| i)
        .collect();
    if let Some(t) = total {
        for c in 0..columns {
            let Some(expected) = val(rows, t, c) else {
                continue;
            };
            if items.len() >= 2 && items.iter().any(|&i| val(rows, i, c).is_some()) {
                let found = items.iter().filter_map(|&i| val(rows, i, c)).sum();
                out.push(RawCheck {
                    kind: CheckKind::SumOfLineItems,
                    column: c,
                    expected,
                    found,
                    rows: std::iter::once(t).chain(items.iter().copied()).collect(),
                });
            }
            let rev = find(RowKind::OfWhichRevenue);
            let cost = find(RowKind::OfWhichCost);
            let parts: Vec<usize> = [rev, cost].into_iter().flatten().collect();
            if parts.len() == 2 && parts.iter().any(|&p| val(rows, p, c).is_some()) {
                let found = parts.iter().filter_map(|&p| val(rows, p, c)).sum();
                out.push(RawCheck {
                    kind: CheckKind::RevenuePlusCost,
                    column: c,
                    expected,
                    found,
                    rows: std::iter::once(t).chain(parts.iter().copied()).collect(),
                });
            }
        }
    }
    // Frames and the adjustments between them.
    let frames: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == RowKind::BudgetFrame)
        .map(|(i, _)| i)
        .collect();
    for pair in frames.windows(2) {
        let [a, b] = pair else { continue };
        let adjustments: Vec<usize> = (a + 1..*b)
            .filter(|&i| rows.get(i).is_some_and(|r| r.kind == RowKind::Adjustment))
            .collect();
        for c in 0..columns {
            let (Some(expected), Some(start)) = (val(rows, *b, c), val(rows, *a, c)) else {
                continue;
            };
            let found = start + adjustments.iter().filter_map(|&i| val(rows, i, c)).sum();
            out.push(RawCheck {
                kind: CheckKind::FramePlusAdjustments,
                column: c,
                expected,
                found,
                rows: [*b, *a]
                    .into_iter()
                    .chain(adjustments.iter().copied())
                    .collect(),
            });
        }
    }
    if let (Some(t), Some(&f)) = (total, frames.last()) {
        for c in 0..columns {
            let (Some(expected), Some(found)) = (val(rows, f, c), val(rows, t, c)) else {
                continue;
            };
            out.push(RawCheck {
                kind: CheckKind::FrameEqualsTotal,
                column: c,
                expected,
                found,
                rows: vec![f, t],
            });
        }
    }
    // Chained subtotals after the total.
    if let Some(t) = total {
        let mut base = t;
        for m in t + 1..rows.len() {
            let Some(row) = rows.get(m) else { break };
            if row.kind != RowKind::Memo || !row.total_like {
                continue;
            }
            let between: Vec<usize> = (base + 1..m)
                .filter(|&i| {
                    rows.get(i)
                        .is_some_and(|r| r.kind == RowKind::Memo && !r.total_like)
                })
                .collect();
            for c in 0..columns {
                let (Some(expected), Some(start)) = (val(rows, m, c), val(rows, base, c)) else {
                    continue;
                };
                let found = start + between.iter().filter_map(|&i| val(rows, i, c)).sum();
                out.push(RawCheck {
                    kind: CheckKind::SubtotalChain,
                    column: c,
                    expected,
                    found,
                    rows: [m, base]
                        .into_iter()
                        .chain(between.iter().copied())
                        .collect(),
                });
            }
            base = m;
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
