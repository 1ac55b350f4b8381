//! Which rows each check compares, from the rows' kinds and blocks alone:
//! a block's subtotal against its lines, a running sum against the sum
//! before it and what came since, the total against the line items, block
//! subtotals and frames above it, revenue plus cost, frames and the
//! adjustments between them, chained subtotals after the total.

use crate::amount::Amount;
use crate::schema::{CheckKind, RowKind};

/// A row as a plan sees it.
#[derive(Debug, Clone, Copy)]
pub struct PlanRow {
    /// What the row is.
    pub kind: RowKind,
    /// A total-like label ("Summa …").
    pub total_like: bool,
    /// The block the row belongs to (rows with the same number).
    pub group: Option<u32>,
    /// A frame of another kind than the table's ("Investeringsram" under
    /// a table of operating costs): in no sum of the table.
    pub foreign: bool,
    /// A "varav …" line: part of a row above, never a term of a sum.
    pub part: bool,
}

/// Which rows each check compares. It depends only on the rows' kinds and
/// blocks, so a search that tries many placements of the amounts of one
/// table builds it once and follows the checks as rows change
/// ([`super::Scorer`]).
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub(super) specs: Vec<Spec>,
}

/// One possible check of one column: the amount of row `expected` against
/// that of row `start` (when there is one; it must be printed) plus the
/// printed amounts of `terms`.
#[derive(Debug, Clone)]
pub(super) struct Spec {
    pub(super) kind: CheckKind,
    pub(super) column: usize,
    pub(super) expected: usize,
    pub(super) start: Option<usize>,
    pub(super) terms: Vec<usize>,
    /// Only a check when one of the terms is printed (sums of line items
    /// and of revenue and cost).
    pub(super) need_term: bool,
}

impl Spec {
    /// The amounts compared (expected, found), or `None` when the printed
    /// amounts the check needs are missing.
    pub(super) fn amounts(
        &self,
        val: impl Fn(usize, usize) -> Option<Amount>,
    ) -> Option<(Amount, Amount)> {
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

/// One sum a row claims: `expected` = `start` + the `terms`.
struct Sum {
    kind: CheckKind,
    expected: usize,
    start: Option<usize>,
    terms: Vec<usize>,
    need_term: bool,
}

impl PlanRow {
    /// A row of this kind, outside any block.
    pub fn new(kind: RowKind, total_like: bool) -> PlanRow {
        PlanRow {
            kind,
            total_like,
            group: None,
            foreign: false,
            part: false,
        }
    }
}

impl Plan {
    /// The checks a table gets whose rows are these, for the columns whose
    /// amounts add up (`summable`: not percentages, not changes between
    /// two other columns).
    pub fn of(rows: &[PlanRow], summable: &[bool]) -> Plan {
        let mut sums = Vec::new();
        let total = rows.iter().position(|r| r.kind == RowKind::Total);
        blocks(rows, &mut sums);
        if let Some(t) = total {
            sums.extend(total_sum(rows, t));
            revenue_and_cost(rows, t, &mut sums);
            after_total(rows, t, &mut sums);
        }
        frames(rows, total, &mut sums);
        let mut specs = Vec::new();
        for s in sums {
            for (column, _) in summable.iter().enumerate().filter(|(_, s)| **s) {
                specs.push(Spec {
                    kind: s.kind,
                    column,
                    expected: s.expected,
                    start: s.start,
                    terms: s.terms.clone(),
                    need_term: s.need_term,
                });
            }
        }
        Plan { specs }
    }
}

/// A term of a sum: a line, or a line of a statement (memo), not a part.
fn is_line(r: &PlanRow) -> bool {
    matches!(r.kind, RowKind::LineItem | RowKind::Memo) && !r.total_like && !r.part
}

/// Subtotals: of a block, its lines (above or below it, "sum on top");
/// without a block, a running sum: the sum before it plus the lines since.
fn blocks(rows: &[PlanRow], sums: &mut Vec<Sum>) {
    let mut running: Option<usize> = None;
    let mut since: Vec<usize> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        match (r.kind, r.group) {
            (RowKind::Subtotal, Some(g)) => {
                let terms: Vec<usize> = rows
                    .iter()
                    .enumerate()
                    .filter(|(j, x)| *j != i && x.group == Some(g) && is_line(x))
                    .filter(|(_, x)| x.kind == RowKind::LineItem)
                    .map(|(j, _)| j)
                    .collect();
                if !terms.is_empty() {
                    sums.push(Sum {
                        kind: CheckKind::SumOfBlock,
                        expected: i,
                        start: None,
                        terms,
                        need_term: true,
                    });
                }
            }
            (RowKind::Subtotal, None) => {
                if since.len() + usize::from(running.is_some()) >= 2 {
                    sums.push(Sum {
                        kind: CheckKind::SumOfBlock,
                        expected: i,
                        start: running,
                        terms: std::mem::take(&mut since),
                        need_term: running.is_none(),
                    });
                }
                since.clear();
                running = Some(i);
            }
            (RowKind::Total, _) => break,
            _ if r.group.is_none() && is_line(r) => since.push(i),
            _ => {}
        }
    }
}

/// The total: the running sum before it plus the lines since; else the
/// line items outside blocks with a subtotal, the block subtotals, and the
/// frames printed above it (Intäkter + Kostnader + Kommunbidrag =
/// Resultat).
fn total_sum(rows: &[PlanRow], t: usize) -> Option<Sum> {
    let above = rows.get(..t).unwrap_or(&[]);
    let running = above
        .iter()
        .rposition(|r| r.kind == RowKind::Subtotal && r.group.is_none());
    if let Some(s) = running {
        let terms: Vec<usize> = (s + 1..t)
            .filter(|&i| rows.get(i).is_some_and(|r| r.group.is_none() && is_line(r)))
            .collect();
        return Some(Sum {
            kind: CheckKind::SumOfLineItems,
            expected: t,
            start: Some(s),
            terms,
            need_term: false,
        });
    }
    let closed: Vec<u32> = above
        .iter()
        .filter(|r| r.kind == RowKind::Subtotal)
        .filter_map(|r| r.group)
        .collect();
    let terms: Vec<usize> = above
        .iter()
        .enumerate()
        .filter(|(_, r)| match r.kind {
            RowKind::LineItem => !r.total_like && r.group.is_none_or(|g| !closed.contains(&g)),
            RowKind::Subtotal => true,
            RowKind::BudgetFrame => !r.foreign,
            _ => false,
        })
        .map(|(i, _)| i)
        .collect();
    (terms.len() >= 2).then_some(Sum {
        kind: CheckKind::SumOfLineItems,
        expected: t,
        start: None,
        terms,
        need_term: true,
    })
}

/// "varav intäkter" plus "varav kostnader" right under the total.
fn revenue_and_cost(rows: &[PlanRow], t: usize, sums: &mut Vec<Sum>) {
    let find = |k: RowKind| rows.iter().position(|r| r.kind == k);
    if let (Some(r), Some(c)) = (find(RowKind::OfWhichRevenue), find(RowKind::OfWhichCost)) {
        sums.push(Sum {
            kind: CheckKind::RevenuePlusCost,
            expected: t,
            start: None,
            terms: vec![r, c],
            need_term: true,
        });
    }
}

/// Chained subtotals after the total: a total-like memo equals the total
/// (or the memo before it) plus the memo rows between.
fn after_total(rows: &[PlanRow], t: usize, sums: &mut Vec<Sum>) {
    let memo = |i: usize| rows.get(i).map(|r| (r.kind == RowKind::Memo, r.total_like));
    let mut base = t;
    for m in t + 1..rows.len() {
        if memo(m) != Some((true, true)) {
            continue;
        }
        let between: Vec<usize> = (base + 1..m)
            .filter(|&i| memo(i) == Some((true, false)))
            .collect();
        sums.push(Sum {
            kind: CheckKind::SubtotalChain,
            expected: m,
            start: Some(base),
            terms: between,
            need_term: false,
        });
        base = m;
    }
}

/// Frames of the table's kind below the total (or in a table without
/// one): each with the adjustments under it gives the next; the last
/// equals the total.
fn frames(rows: &[PlanRow], total: Option<usize>, sums: &mut Vec<Sum>) {
    let after = total.map_or(0, |t| t + 1);
    let frames: Vec<usize> = (after..rows.len())
        .filter(|&i| {
            rows.get(i)
                .is_some_and(|r| r.kind == RowKind::BudgetFrame && !r.foreign)
        })
        .collect();
    for pair in frames.windows(2) {
        let [a, b] = pair else { continue };
        let adjustments: Vec<usize> = (a + 1..*b)
            .filter(|&i| rows.get(i).is_some_and(|r| r.kind == RowKind::Adjustment))
            .collect();
        if adjustments.is_empty() {
            continue;
        }
        sums.push(Sum {
            kind: CheckKind::FramePlusAdjustments,
            expected: *b,
            start: Some(*a),
            terms: adjustments,
            need_term: false,
        });
    }
    if let (Some(t), Some(&f)) = (total, frames.last()) {
        sums.push(Sum {
            kind: CheckKind::FrameEqualsTotal,
            expected: f,
            start: Some(t),
            terms: Vec::new(),
            need_term: false,
        });
    }
}
