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
    let kinds: Vec<(RowKind, bool)> = rows.iter().map(|r| (r.kind, r.total_like)).collect();
    let val = |r: usize, c: usize| -> Option<Amount> {
        rows.get(r)
            .and_then(|row| row.values.get(c))
            .copied()
            .flatten()
    };
    Plan::of(&kinds, columns)
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
        .collect()
}

/// Which rows each check compares. It depends only on the row kinds, so a
/// search that tries many placements of the amounts of one table builds it
/// once and follows the checks as rows change ([`Scorer`]).
#[derive(Debug, Clone, Default)]
pub struct Plan {
    specs: Vec<Spec>,
}

/// One possible check of one column: the amount of row `expected` against
/// that of row `start` (when there is one; it must be printed) plus the
/// printed amounts of `terms`.
#[derive(Debug, Clone)]
struct Spec {
    kind: CheckKind,
    column: usize,
    expected: usize,
    start: Option<usize>,
    terms: Vec<usize>,
    /// Only a check when one of the terms is printed (sums of line items
    /// and of revenue and cost).
    need_term: bool,
}

impl Spec {
    /// The amounts compared (expected, found), or `None` when the printed
    /// amounts the check needs are missing.
    fn amounts(&self, val: impl Fn(usize, usize) -> Option<Amount>) -> Option<(Amount, Amount)> {
        let c = self.column;
        let expected = val(self.expected, c)?;
        let start = match self.start {
            Some(s) => Some(val(s, c)?),
            None => None,
        };
        let mut any = false;
        let mut sum = Amount::ZERO;
        for &t in &self.terms {
            if let Some(v) = val(t, c) {
                any = true;
                sum = sum + v;
            }
        }
        if self.need_term && !any {
            return None;
        }
        Some((expected, start.map_or(sum, |s| s + sum)))
    }
}

impl Plan {
    /// The checks a table gets whose rows are of these kinds (and are
    /// total-like or not), for `columns` columns.
    pub fn of(rows: &[(RowKind, bool)], columns: usize) -> Plan {
        let find = |k: RowKind| rows.iter().position(|r| r.0 == k);
        let is = |i: usize, k: RowKind| rows.get(i).is_some_and(|r| r.0 == k);
        let mut specs = Vec::new();
        let total = find(RowKind::Total);
        let items: Vec<usize> = (0..rows.len())
            .filter(|&i| is(i, RowKind::LineItem))
            .collect();
        let parts: Vec<usize> = [find(RowKind::OfWhichRevenue), find(RowKind::OfWhichCost)]
            .into_iter()
            .flatten()
            .collect();
        if let Some(t) = total {
            for column in 0..columns {
                let sum = |kind, terms: &Vec<usize>| Spec {
                    kind,
                    column,
                    expected: t,
                    start: None,
                    terms: terms.clone(),
                    need_term: true,
                };
                if items.len() >= 2 {
                    specs.push(sum(CheckKind::SumOfLineItems, &items));
                }
                if parts.len() == 2 {
                    specs.push(sum(CheckKind::RevenuePlusCost, &parts));
                }
            }
        }
        // Frames and the adjustments between them.
        let frames: Vec<usize> = (0..rows.len())
            .filter(|&i| is(i, RowKind::BudgetFrame))
            .collect();
        for pair in frames.windows(2) {
            let [a, b] = pair else { continue };
            let adjustments: Vec<usize> = (a + 1..*b)
                .filter(|&i| is(i, RowKind::Adjustment))
                .collect();
            for column in 0..columns {
                specs.push(Spec {
                    kind: CheckKind::FramePlusAdjustments,
                    column,
                    expected: *b,
                    start: Some(*a),
                    terms: adjustments.clone(),
                    need_term: false,
                });
            }
        }
        if let (Some(t), Some(&f)) = (total, frames.last()) {
            for column in 0..columns {
                specs.push(Spec {
                    kind: CheckKind::FrameEqualsTotal,
                    column,
                    expected: f,
                    start: Some(t),
                    terms: Vec::new(),
                    need_term: false,
                });
            }
        }
        // Chained subtotals after the total.
        if let Some(t) = total {
            let memo = |i: usize| rows.get(i).map(|r| (r.0 == RowKind::Memo, r.1));
            let mut base = t;
            for m in t + 1..rows.len() {
                if memo(m) != Some((true, true)) {
                    continue;
                }
                let between: Vec<usize> = (base + 1..m)
                    .filter(|&i| memo(i) == Some((true, false)))
                    .collect();
                for column in 0..columns {
                    specs.push(Spec {
                        kind: CheckKind::SubtotalChain,
                        column,
                        expected: m,
                        start: Some(base),
                        terms: between.clone(),
                        need_term: false,
                    });
                }
                base = m;
            }
        }
        Plan { specs }
    }
}

/// How many checks of a [`Plan`] hold, followed as the amounts of single
/// rows change: each change touches only the checks of that row, and their
/// sums are updated by the difference (exact decimals), so a search over
/// thousands of placements costs little more than the checks it moves.
/// (Only sums beyond 28 digits, which saturate, could differ from the sums
/// [`reconcile`] makes; the checks reported are always [`reconcile`]'s.)
#[derive(Debug, Clone)]
pub struct Scorer<'p> {
    plan: &'p Plan,
    /// The amounts per row and column being scored.
    grid: Vec<Vec<Option<Amount>>>,
    /// Per check: the sum of its printed terms and how many are printed.
    sums: Vec<(Amount, usize)>,
    holds: Vec<bool>,
    holding: usize,
    /// Per row: the checks it takes part in.
    by_row: Vec<Vec<usize>>,
    /// Scratch space for a row's amounts before a change.
    old: Vec<Option<Amount>>,
}

impl<'p> Scorer<'p> {
    /// Starts from these amounts (one row per entry, one amount per column).
    pub fn new(plan: &'p Plan, grid: Vec<Vec<Option<Amount>>>) -> Scorer<'p> {
        let mut by_row: Vec<Vec<usize>> = vec![Vec::new(); grid.len()];
        for (i, spec) in plan.specs.iter().enumerate() {
            let rows = std::iter::once(spec.expected)
                .chain(spec.start)
                .chain(spec.terms.iter().copied());
            for r in rows {
                if let Some(list) = by_row.get_mut(r) {
                    list.push(i);
                }
            }
        }
        let mut scorer = Scorer {
            plan,
            sums: Vec::with_capacity(plan.specs.len()),
            holds: vec![false; plan.specs.len()],
            holding: 0,
            by_row,
            grid,
            old: Vec::new(),
        };
        for spec in &plan.specs {
            let mut sum = (Amount::ZERO, 0);
            for &t in &spec.terms {
                if let Some(v) = scorer.val(t, spec.column) {
                    sum = (sum.0 + v, sum.1 + 1);
                }
            }
            scorer.sums.push(sum);
        }
        for i in 0..plan.specs.len() {
            scorer.refresh(i);
        }
        scorer
    }

    /// How many checks hold.
    pub fn holding(&self) -> usize {
        self.holding
    }

    /// Gives row `row` these amounts (one per column).
    pub fn set_row(&mut self, row: usize, values: &[Option<Amount>]) {
        let Some(slot) = self.grid.get_mut(row) else {
            return;
        };
        // The row's old amounts go to `old`, its new ones in place.
        let mut old = std::mem::take(&mut self.old);
        old.clear();
        old.extend_from_slice(slot);
        slot.clear();
        slot.extend_from_slice(values);
        let touched = std::mem::take(self.by_row.get_mut(row).unwrap_or(&mut Vec::new()));
        for &i in &touched {
            let Some(spec) = self.plan.specs.get(i) else {
                continue;
            };
            if spec.terms.contains(&row) {
                let c = spec.column;
                let before = old.get(c).copied().flatten();
                let after = values.get(c).copied().flatten();
                if let Some(sum) = self.sums.get_mut(i) {
                    if let Some(v) = before {
                        *sum = (sum.0 - v, sum.1.saturating_sub(1));
                    }
                    if let Some(v) = after {
                        *sum = (sum.0 + v, sum.1 + 1);
                    }
                }
            }
            self.refresh(i);
        }
        if let Some(list) = self.by_row.get_mut(row) {
            *list = touched;
        }
        self.old = old;
    }

    fn val(&self, r: usize, c: usize) -> Option<Amount> {
        self.grid.get(r).and_then(|v| v.get(c)).copied().flatten()
    }

    /// Re-decides whether check `i` holds.
    fn refresh(&mut self, i: usize) {
        let (Some(spec), Some(&(sum, printed))) = (self.plan.specs.get(i), self.sums.get(i)) else {
            return;
        };
        let c = spec.column;
        let holds = match (
            self.val(spec.expected, c),
            spec.start.map(|s| self.val(s, c)),
        ) {
            (None, _) | (_, Some(None)) => false,
            _ if spec.need_term && printed == 0 => false,
            (Some(expected), start) => expected == start.flatten().map_or(sum, |s| s + sum),
        };
        if let Some(h) = self.holds.get_mut(i)
            && *h != holds
        {
            *h = holds;
            if holds {
                self.holding += 1;
            } else {
                self.holding = self.holding.saturating_sub(1);
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
