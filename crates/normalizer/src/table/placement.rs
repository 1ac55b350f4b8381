//! Placing amounts whose columns the source did not show.
//!
//! A text export that lost its layout prints a sparse row ("Ofördelad pris-
//! och lönejustering  475  207  207" under six year columns) without saying
//! which columns the amounts belong to. Candidates are the runs of adjacent
//! columns the amounts can fill. Changes, frames and adjustments only concern
//! the budget year and later, and start there unless the checks say
//! otherwise; other rows lean right (line items, totals) or left (memo rows).
//! Among the candidates, the combination under which most reconciliation
//! checks hold wins; the row kind breaks ties. Every row placed this way is
//! marked and warned about: it is an inference, not a reading.

use super::checks::{self, RowRef};
use crate::amount::Amount;
use crate::schema::{Column, Placement, RowKind};
use internbudget_layout::Deadline;

/// A row being placed.
#[derive(Debug, Clone)]
pub struct Work {
    /// What the row is.
    pub kind: RowKind,
    /// A total-like label.
    pub total_like: bool,
    /// Amounts per column (for placed rows), or in printed order (unplaced).
    pub cells: Vec<Option<Amount>>,
    /// False when the columns are unknown.
    pub placed: bool,
}

/// The outcome for one row: per printed cell, its column, and how it was chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// Column index of each printed cell.
    pub columns: Vec<usize>,
    /// How they were chosen.
    pub method: Placement,
}

/// A row's candidate columns (one per printed cell) with their prior cost.
type Candidate = (Vec<usize>, u32);

/// Chooses columns for every unplaced row; placed rows get `None`. The
/// search stops early once `deadline` has passed (the caller then discards
/// the result).
pub fn place(
    rows: &[Work],
    columns: &[Column],
    budget_year: Option<i32>,
    deadline: &Deadline,
) -> Vec<Option<Choice>> {
    let cands = candidates_per_row(rows, columns, budget_year);
    let checked = checked_rows(rows, &cands);
    let column_refs = checks::column_refs(columns);
    let choice = choose(rows, &cands, &checked, &column_refs, deadline);
    choices(rows, &cands, &choice, &column_refs)
}

/// Per row, the candidate columns of its cells, best first (none for a
/// placed row).
fn candidates_per_row(
    rows: &[Work],
    columns: &[Column],
    budget_year: Option<i32>,
) -> Vec<Vec<Candidate>> {
    let from_budget_year: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| match (c.year, budget_year) {
            (Some(y), Some(b)) => y >= b,
            _ => !matches!(c.kind, Some(crate::schema::ColumnKind::Outcome)),
        })
        .map(|(i, _)| i)
        .collect();
    rows.iter()
        .map(|r| {
            if r.placed {
                Vec::new()
            } else {
                row_candidates(r, columns, &from_budget_year)
            }
        })
        .collect()
}

/// The candidates of one unplaced row and their prior cost, best first:
/// changes, frames and adjustments among the columns from the budget year
/// on (when there are enough), runs that may step over percent columns,
/// and a cost for every percent column filled.
fn row_candidates(r: &Work, columns: &[Column], from_budget_year: &[usize]) -> Vec<Candidate> {
    let k = r.cells.len();
    let forward = matches!(
        r.kind,
        RowKind::Change | RowKind::BudgetFrame | RowKind::Adjustment
    );
    let mut list: Vec<Candidate> = Vec::new();
    let allowed: Vec<usize> = if forward && from_budget_year.len() >= k {
        from_budget_year.to_vec()
    } else {
        (0..columns.len()).collect()
    };
    // Percentages are worked out from the amounts beside them, and rows
    // that print no amount of their own (a result of zero) often leave
    // them empty: runs may also step over percent columns.
    let amounts_only: Vec<usize> = allowed
        .iter()
        .copied()
        .filter(|&c| columns.get(c).is_some_and(|c| !c.percent))
        .collect();
    let mut runs = vec![allowed.as_slice()];
    if amounts_only.len() < allowed.len() {
        runs.push(amounts_only.as_slice());
    }
    for run in runs {
        candidates(run, k, r.kind, &mut list);
    }
    // A row fills a percent column only where the checks say so.
    for (cols, cost) in &mut list {
        let percents = cols
            .iter()
            .filter(|&&c| columns.get(c).is_some_and(|c| c.percent))
            .count();
        *cost = cost.saturating_add(u32::try_from(percents).unwrap_or(u32::MAX));
    }
    list.sort_by_key(|c| c.1);
    list.dedup_by(|a, b| a.0 == b.0);
    list
}

/// The rows whose placement the checks decide: unplaced rows with
/// candidates, changes aside (they start at the budget year).
fn checked_rows(rows: &[Work], cands: &[Vec<Candidate>]) -> Vec<usize> {
    rows.iter()
        .enumerate()
        .filter(|(i, r)| {
            !r.placed && r.kind != RowKind::Change && cands.get(*i).is_some_and(|c| !c.is_empty())
        })
        .map(|(i, _)| i)
        .collect()
}

/// The candidate number chosen per row: every combination of the checked
/// rows' candidates where there are few enough, else one row at a time;
/// the first candidate of every other row.
fn choose(
    rows: &[Work],
    cands: &[Vec<Candidate>],
    checked: &[usize],
    column_refs: &[checks::ColumnRef],
    deadline: &Deadline,
) -> Vec<usize> {
    let n = column_refs.len();
    let choice: Vec<usize> = vec![0; rows.len()];
    if checked.is_empty() {
        return choice;
    }
    let plan_rows: Vec<checks::PlanRow> = rows
        .iter()
        .map(|r| checks::PlanRow::new(r.kind, r.total_like))
        .collect();
    let summable: Vec<bool> = column_refs.iter().map(|c| c.summable).collect();
    let plan = checks::Plan::of(&plan_rows, &summable);
    let mut search = Search {
        rows,
        cands,
        checked,
        n,
        scorer: checks::Scorer::new(&plan, expand(rows, cands, &choice, n)),
        choice,
        row_buf: Vec::with_capacity(n),
    };
    // Saturating: hundreds of ambiguous rows overflow even a u128 (found by
    // fuzzing; the product wrapped to a small number and the exhaustive
    // search below never ended).
    let combos: u128 = checked
        .iter()
        .map(|&i| cands.get(i).map_or(1, |c| c.len().max(1) as u128))
        .fold(1, u128::saturating_mul);
    if combos <= 50_000 {
        search.every_combination(deadline)
    } else {
        search.one_row_at_a_time(deadline)
    }
}

/// The outcome per row under the final choice: its columns, and whether a
/// check that holds bears them out.
fn choices(
    rows: &[Work],
    cands: &[Vec<Candidate>],
    choice: &[usize],
    column_refs: &[checks::ColumnRef],
) -> Vec<Option<Choice>> {
    // Which rows take part in a check that holds under the final choice.
    let expanded = expand(rows, cands, choice, column_refs.len());
    let refs: Vec<RowRef<'_>> = rows
        .iter()
        .zip(expanded.iter())
        .map(|(r, v)| RowRef {
            kind: r.kind,
            total_like: r.total_like,
            values: v,
            group: None,
            foreign: false,
            part: false,
        })
        .collect();
    let holding: Vec<usize> = checks::reconcile(&refs, column_refs)
        .into_iter()
        .filter(|c| c.ok())
        .flat_map(|c| c.rows)
        .collect();
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            if r.placed {
                return None;
            }
            let c = cands.get(i)?.get(choice.get(i).copied().unwrap_or(0))?;
            let method = if holding.contains(&i) {
                Placement::Reconciliation
            } else {
                Placement::RowKind
            };
            Some(Choice {
                columns: c.0.clone(),
                method,
            })
        })
        .collect()
}

/// The runs of `k` columns of `allowed` (column indices in order) that
/// stand next to each other in it, with their prior cost: changes, frames,
/// adjustments and memo rows lean left, other rows right.
fn candidates(allowed: &[usize], k: usize, kind: RowKind, list: &mut Vec<Candidate>) {
    if k == 0 || k > allowed.len() {
        return;
    }
    for start in 0..=allowed.len() - k {
        let cols: Vec<usize> = allowed.get(start..start + k).unwrap_or(&[]).to_vec();
        let end = start + k;
        let cost = match kind {
            RowKind::Change | RowKind::BudgetFrame | RowKind::Adjustment | RowKind::Memo => start,
            _ => allowed.len() - end,
        };
        list.push((cols, u32::try_from(cost).unwrap_or(u32::MAX)));
    }
}

/// The state of the search for the best placement: the choice per row, and
/// the checks it makes hold, followed row by row.
struct Search<'a> {
    rows: &'a [Work],
    cands: &'a [Vec<Candidate>],
    checked: &'a [usize],
    n: usize,
    scorer: checks::Scorer<'a>,
    choice: Vec<usize>,
    row_buf: Vec<Option<Amount>>,
}

impl Search<'_> {
    /// Tries every combination of the checked rows' candidates (an
    /// odometer) until the deadline; the best choice.
    fn every_combination(&mut self, deadline: &Deadline) -> Vec<usize> {
        let mut best = (self.score(), self.choice.clone());
        'outer: while !deadline.passed() {
            // Odometer over the checked rows.
            let mut pos = 0;
            loop {
                let Some(&row) = self.checked.get(pos) else {
                    break 'outer;
                };
                let len = self.cands.get(row).map_or(1, Vec::len);
                let next = self.choice.get(row).map_or(0, |k| k + 1);
                if next < len {
                    self.set(row, next);
                    break;
                }
                self.set(row, 0);
                pos += 1;
            }
            let s = self.score();
            if s > best.0 {
                best = (s, self.choice.clone());
            }
        }
        best.1
    }

    /// Too many combinations: improves one row at a time (four rounds at
    /// most, until none improves or the deadline passes); the choice
    /// reached.
    fn one_row_at_a_time(&mut self, deadline: &Deadline) -> Vec<usize> {
        let mut best = self.score();
        for _ in 0..4 {
            let mut improved = false;
            for &row in self.checked {
                let len = self.cands.get(row).map_or(0, Vec::len);
                for k in 0..len {
                    if deadline.passed() {
                        break;
                    }
                    let kept = self.choice.get(row).copied().unwrap_or(0);
                    self.set(row, k);
                    let s = self.score();
                    if s > best {
                        best = s;
                        improved = true;
                    } else {
                        self.set(row, kept);
                    }
                }
            }
            if !improved {
                break;
            }
        }
        self.choice.clone()
    }

    /// Places row `row` by its candidate number `pick`.
    fn set(&mut self, row: usize, pick: usize) {
        if self.choice.get(row) == Some(&pick) {
            return;
        }
        if let Some(slot) = self.choice.get_mut(row) {
            *slot = pick;
        }
        if let Some(r) = self.rows.get(row) {
            fill(&mut self.row_buf, r, self.cands.get(row), pick, self.n);
            self.scorer.set_row(row, &self.row_buf);
        }
    }

    /// The checks that hold, then the prior cost of the choice (negated:
    /// higher is better).
    fn score(&self) -> (usize, i64) {
        let prior: i64 = self
            .checked
            .iter()
            .map(|&i| {
                self.cands
                    .get(i)
                    .and_then(|c| c.get(self.choice.get(i).copied().unwrap_or(0)))
                    .map_or(0, |c| i64::from(c.1))
            })
            .sum();
        (self.scorer.holding(), -prior)
    }
}

/// Amounts per column under a choice.
fn expand(
    rows: &[Work],
    cands: &[Vec<Candidate>],
    choice: &[usize],
    n: usize,
) -> Vec<Vec<Option<Amount>>> {
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            let mut v = Vec::with_capacity(n);
            fill(
                &mut v,
                r,
                cands.get(i),
                choice.get(i).copied().unwrap_or(0),
                n,
            );
            v
        })
        .collect()
}

/// Writes the amounts of row `r` per column into `v`: as read for a placed
/// row, else in the columns of its candidate number `pick`.
fn fill(
    v: &mut Vec<Option<Amount>>,
    r: &Work,
    cands: Option<&Vec<Candidate>>,
    pick: usize,
    n: usize,
) {
    v.clear();
    if r.placed {
        v.extend_from_slice(&r.cells);
        return;
    }
    v.resize(n, None);
    if let Some((cols, _)) = cands.and_then(|c| c.get(pick)) {
        for (cell, &col) in r.cells.iter().zip(cols) {
            if let Some(slot) = v.get_mut(col) {
                *slot = *cell;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::ColumnKind;

    fn cols() -> Vec<Column> {
        [
            (ColumnKind::Outcome, 2019),
            (ColumnKind::Budget, 2020),
            (ColumnKind::Budget, 2021),
            (ColumnKind::Plan, 2022),
        ]
        .iter()
        .map(|&(kind, y)| Column {
            key: format!("{y}"),
            label: format!("{y}"),
            kind: Some(kind),
            year: Some(y),
            proposal: false,
            measure: None,
            percent: false,
            compares: Vec::new(),
            partial: None,
        })
        .collect()
    }

    fn a(s: &str) -> Option<Amount> {
        Amount::parse_printed(s)
    }

    #[test]
    fn a_sparse_line_item_goes_where_the_total_reconciles() {
        let rows = vec![
            Work {
                kind: RowKind::LineItem,
                total_like: false,
                cells: vec![a("10"), a("10"), a("10"), a("10")],
                placed: true,
            },
            // 5 belongs to 2020, not to the right-aligned 2022.
            Work {
                kind: RowKind::LineItem,
                total_like: false,
                cells: vec![a("5")],
                placed: false,
            },
            Work {
                kind: RowKind::Total,
                total_like: true,
                cells: vec![a("10"), a("15"), a("10"), a("10")],
                placed: true,
            },
        ];
        let out = place(&rows, &cols(), Some(2021), &Deadline::never());
        let c = out.get(1).cloned().flatten();
        assert_eq!(
            c.map(|c| (c.columns, c.method)),
            Some((vec![1], Placement::Reconciliation))
        );
    }

    #[test]
    fn changes_start_at_the_budget_year() {
        let rows = vec![Work {
            kind: RowKind::Change,
            total_like: false,
            cells: vec![a("22 500"), a("7 500")],
            placed: false,
        }];
        let out = place(&rows, &cols(), Some(2021), &Deadline::never());
        let c = out.first().cloned().flatten();
        assert_eq!(
            c.map(|c| (c.columns, c.method)),
            Some((vec![2, 3], Placement::RowKind))
        );
    }

    #[test]
    fn a_row_with_one_amount_fewer_steps_over_the_percent_column() {
        // Utfall 2019 | Budget 2020 | Förändring % | Budget 2021: a memo row
        // printing three amounts fills the amount columns, not the percent.
        let mut columns = cols();
        columns.truncate(3);
        columns.insert(
            2,
            Column {
                key: "change_2021_pct".into(),
                label: "Förändring %".into(),
                kind: Some(ColumnKind::Change),
                year: Some(2021),
                proposal: false,
                measure: None,
                percent: true,
                compares: Vec::new(),
                partial: None,
            },
        );
        let rows = vec![Work {
            kind: RowKind::Memo,
            total_like: false,
            cells: vec![a("1"), a("2"), a("3")],
            placed: false,
        }];
        let out = place(&rows, &columns, Some(2021), &Deadline::never());
        let c = out.first().cloned().flatten();
        assert_eq!(c.map(|c| c.columns), Some(vec![0, 1, 3]));
    }
}
