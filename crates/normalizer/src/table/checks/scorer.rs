//! Following how many checks of a [`Plan`] hold while the placement search
//! changes the amounts of single rows.

use super::plan::Plan;
use crate::amount::Amount;

/// How many checks of a [`Plan`] hold, followed as the amounts of single
/// rows change: each change touches only the checks of that row, and their
/// sums are updated by the difference (exact decimals), so a search over
/// thousands of placements costs little more than the checks it moves.
/// (Only sums beyond 28 digits, which saturate, could differ from the sums
/// [`super::reconcile`] makes; the checks reported are always its.)
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
