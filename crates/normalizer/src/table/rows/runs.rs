//! Where runs of change rows end, when the print does not show it: the
//! ends under which the table's own totals hold ([`settle_change_runs`]),
//! weighed by the sums of each run's rows ([`RunSums`]).

use super::RowInfo;
use crate::amount::Amount;
use crate::schema::RowKind;

/// The most combinations of run ends [`settle_change_runs`] tries.
const MAX_RUN_COMBINATIONS: usize = 1 << 14;

/// A run of consecutive change rows of one parent: its first row and its
/// length.
type Run = (usize, usize);

/// Where a run of change rows ends is not always printed: after the last
/// change of a "Specifikation av förändringar" block the next line item may
/// look just like another change (no amounts for earlier years, no
/// indentation in a text export). Of the ways the runs could end, this picks
/// the one under which the line items sum to the total in every column where
/// they are printed, if the rows as classified do not already; rows it turns
/// into line items are returned (indices into `infos`) for a warning. A
/// table whose sums hold either way, or hold under no choice, is left as it
/// is: nothing is changed without the table's own totals to show it.
///
/// `infos` are the rows that carry amounts, in printed order, and `grid`
/// their amounts by column.
pub fn settle_change_runs(infos: &mut [RowInfo], grid: &[Vec<Option<Amount>>]) -> Vec<usize> {
    let Some(total) = infos.iter().position(|r| r.kind == RowKind::Total) else {
        return Vec::new();
    };
    let runs = change_runs(infos, total);
    let combinations = runs
        .iter()
        .try_fold(1usize, |acc, &(_, len)| acc.checked_mul(len))
        .unwrap_or(usize::MAX);
    if runs.is_empty() || combinations > MAX_RUN_COMBINATIONS {
        return Vec::new();
    }
    let sums = RunSums::of(infos, grid, total, &runs);
    let as_read: Vec<usize> = runs.iter().map(|&(_, len)| len).collect();
    let read_holding = sums.holding(&as_read);
    // Every column must reconcile, or all but one in a table of three or
    // more columns (one misprinted total must not hide the structure).
    let needed = match sums.fixed.len() {
        n @ 0..=2 => n,
        n => n - 1,
    };
    if read_holding >= sums.fixed.len() || sums.fixed.is_empty() {
        return Vec::new();
    }
    let Some(((count, _), ends)) = best_ends(&runs, &sums) else {
        return Vec::new();
    };
    if count < needed || count <= read_holding {
        return Vec::new();
    }
    turn_into_line_items(infos, &runs, &ends)
}

/// Runs of consecutive changes of one parent, before the total.
fn change_runs(infos: &[RowInfo], total: usize) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut j = 0;
    while j < total {
        let parent = infos
            .get(j)
            .filter(|r| r.kind == RowKind::Change)
            .map(|r| r.parent);
        let Some(parent) = parent else {
            j += 1;
            continue;
        };
        let start = j;
        while infos
            .get(j)
            .is_some_and(|r| j < total && r.kind == RowKind::Change && r.parent == parent)
        {
            j += 1;
        }
        runs.push((start, j - start));
    }
    runs
}

/// The sums [`settle_change_runs`] weighs the ends of runs by.
struct RunSums {
    /// Per column with a total: the total, the sum of the line items
    /// outside the runs, and whether any of them is printed.
    fixed: Vec<(Amount, Amount, bool)>,
    /// Per run and end k (rows kept as changes), per column with a total:
    /// the sum of the rows after k, and whether any of them is printed.
    tails: Vec<Vec<Vec<(Amount, bool)>>>,
}

impl RunSums {
    /// The sums of the rows before the total (`infos`, `grid`) for `runs`.
    fn of(infos: &[RowInfo], grid: &[Vec<Option<Amount>>], total: usize, runs: &[Run]) -> Self {
        let columns = grid.first().map_or(0, Vec::len);
        let cell = |r: usize, c: usize| grid.get(r).and_then(|v| v.get(c)).copied().flatten();
        let mut fixed: Vec<(Amount, Amount, bool)> = Vec::new();
        for c in 0..columns {
            let Some(t) = cell(total, c) else { continue };
            let mut sum = Amount::ZERO;
            let mut any = false;
            for r in
                (0..total).filter(|&r| infos.get(r).is_some_and(|i| i.kind == RowKind::LineItem))
            {
                if let Some(v) = cell(r, c) {
                    sum = sum + v;
                    any = true;
                }
            }
            fixed.push((t, sum, any));
        }
        let columns_with_total: Vec<usize> =
            (0..columns).filter(|&c| cell(total, c).is_some()).collect();
        let tail = |rows: std::ops::Range<usize>, c: usize| {
            let mut sum = Amount::ZERO;
            let mut any = false;
            for r in rows {
                if let Some(v) = cell(r, c) {
                    sum = sum + v;
                    any = true;
                }
            }
            (sum, any)
        };
        let tails = runs
            .iter()
            .map(|&(start, len)| {
                (1..=len)
                    .map(|k| {
                        columns_with_total
                            .iter()
                            .map(|&c| tail(start + k..start + len, c))
                            .collect()
                    })
                    .collect()
            })
            .collect();
        RunSums { fixed, tails }
    }

    /// How many columns reconcile when each run keeps `ends[i]` changes.
    fn holding(&self, ends: &[usize]) -> usize {
        self.fixed
            .iter()
            .enumerate()
            .filter(|&(ci, &(t, base, any))| {
                let mut sum = base;
                let mut printed = any;
                for (run, &k) in self.tails.iter().zip(ends) {
                    if let Some(&(s, a)) = run.get(k - 1).and_then(|v| v.get(ci)) {
                        sum = sum + s;
                        printed |= a;
                    }
                }
                printed && sum == t
            })
            .count()
    }
}

/// Of every combination of run ends, the one with the most columns
/// reconciling, then the most changes kept (closest to the rows as read):
/// its score (columns, changes) and ends.
fn best_ends(runs: &[Run], sums: &RunSums) -> Option<((usize, usize), Vec<usize>)> {
    let mut best: Option<((usize, usize), Vec<usize>)> = None;
    let mut ends = vec![1usize; runs.len()];
    loop {
        let score = (sums.holding(&ends), ends.iter().sum::<usize>());
        if best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, ends.clone()));
        }
        // Next combination (odometer).
        let mut d = 0;
        while let Some((e, &(_, len))) = ends.get_mut(d).zip(runs.get(d)) {
            if *e < len {
                *e += 1;
                break;
            }
            *e = 1;
            d += 1;
        }
        if d == runs.len() {
            break;
        }
    }
    best
}

/// Turns the rows of each run after its end into line items; their
/// indices.
fn turn_into_line_items(infos: &mut [RowInfo], runs: &[Run], ends: &[usize]) -> Vec<usize> {
    let mut turned = Vec::new();
    for (&(start, len), &k) in runs.iter().zip(ends) {
        for r in start + k..start + len {
            if let Some(info) = infos.get_mut(r) {
                info.kind = RowKind::LineItem;
                info.parent = None;
                turned.push(r);
            }
        }
    }
    turned
}

#[cfg(test)]
mod tests {
    use super::super::classify;
    use super::super::tests::{kinds, row, table};
    use super::*;
    use internbudget_parser::Row;

    fn grid(rows: &[Row]) -> Vec<Vec<Option<Amount>>> {
        rows.iter()
            .filter(|r| r.values.cells().iter().any(Option::is_some))
            .map(|r| {
                r.values
                    .cells()
                    .iter()
                    .map(|c| c.as_ref().and_then(|c| Amount::parse_printed(&c.text)))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_totals_show_where_the_last_run_of_changes_ends() {
        let rows = table();
        let mut infos: Vec<RowInfo> = classify(&rows, &[], None).into_iter().flatten().collect();
        let turned = settle_change_runs(&mut infos, &grid(&rows));
        assert_eq!(turned, [5, 6]);
        let k = kinds(&infos);
        assert_eq!(k[4], (RowKind::Change, "Effektivisering"));
        assert_eq!(k[5], (RowKind::LineItem, "Friluftsliv"));
        assert_eq!(
            k[6],
            (RowKind::LineItem, "Ofördelad pris- och lönekompensation")
        );
        assert_eq!(infos[5].parent, None);
        assert_eq!(infos[4].parent, Some(4), "still a change of Fritidsgårdar");
    }

    #[test]
    fn nothing_changes_without_totals_that_show_it() {
        let mut rows = table();
        // A total no choice of line items reaches.
        rows[9] = row("Summa nettokostnader", &[Some("1"), Some("2")]);
        let mut infos: Vec<RowInfo> = classify(&rows, &[], None).into_iter().flatten().collect();
        let before = infos.clone();
        assert!(settle_change_runs(&mut infos, &grid(&rows)).is_empty());
        assert_eq!(infos, before);
        // Sums that already hold as read.
        let mut rows = table();
        rows[9] = row("Summa nettokostnader", &[Some("900"), Some("910")]);
        let mut infos: Vec<RowInfo> = classify(&rows, &[], None).into_iter().flatten().collect();
        assert!(settle_change_runs(&mut infos, &grid(&rows)).is_empty());
    }
}
