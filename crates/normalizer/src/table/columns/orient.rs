//! Which way round a difference runs, read from the amounts
//! ([`orient_differences`]): of the pairs of columns a change or deviation
//! column could be the difference of, the one most rows bear out.

use crate::amount::Amount;
use crate::schema::{Column, ColumnKind};

/// Links each change and deviation column of amounts to the two columns it
/// compares, by the amounts: of every ordered pair of other amount columns,
/// the one for which the most rows print the column as the second minus
/// the first (`compares` is stored as (from, to), column = to − from; a
/// deviation printed "Utfall − Budget" or "Kommunbidrag − Nettokostnad"
/// comes out oriented the same way). The pair the header suggested is kept
/// where the amounts do not prefer another; where two rows or more print
/// all three amounts and none bears it out, the link is dropped rather
/// than guessed. `grid` holds the table's amounts by row and column.
pub(crate) fn orient_differences(columns: &mut [Column], grid: &[Vec<Option<Amount>>]) {
    let index: std::collections::HashMap<String, usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| (c.key.clone(), i))
        .collect();
    let operands: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.percent && !is_difference(c) && c.kind.is_some())
        .map(|(i, _)| i)
        .collect();
    for d in 0..columns.len() {
        let Some(c) = columns.get(d) else { continue };
        if c.percent || !is_difference(c) {
            continue;
        }
        let current = match c.compares.as_slice() {
            [a, b] => index.get(a).copied().zip(index.get(b).copied()),
            _ => None,
        };
        let best = best_pair(grid, d, current, &operands);
        let refuted = current.is_some_and(|pair| refuted(grid, d, pair));
        let key = |i: usize| columns.get(i).map(|c| c.key.clone()).unwrap_or_default();
        let compares = match best {
            Some((from, to)) => vec![key(from), key(to)],
            None if refuted => Vec::new(),
            None => columns
                .get(d)
                .map(|c| c.compares.clone())
                .unwrap_or_default(),
        };
        if let Some(c) = columns.get_mut(d) {
            c.compares = compares;
        }
    }
}

/// A change or deviation column.
fn is_difference(c: &Column) -> bool {
    matches!(c.kind, Some(ColumnKind::Change | ColumnKind::Deviation))
}

/// Of the rows that print columns `d`, `from` and `to` (with `from` and
/// `to` not equal), how many print `d` as `to − from`, and how many there
/// are.
fn support(grid: &[Vec<Option<Amount>>], d: usize, from: usize, to: usize) -> (usize, usize) {
    let (mut holds, mut printed) = (0, 0);
    for row in grid {
        let cell = |i: usize| row.get(i).copied().flatten();
        // Rows where both operands are equal (all zero) tell nothing.
        if let (Some(x), Some(y), Some(v)) = (cell(from), cell(to), cell(d))
            && x != y
        {
            printed += 1;
            holds += usize::from(y - x == v);
        }
    }
    (holds, printed)
}

/// The pair (from, to) column `d` is the difference of in the most rows,
/// borne out by at least half the rows that tell: the header's pair
/// (`current`) in either orientation first, then every other pair of
/// `operands`; a later pair wins only with more rows.
fn best_pair(
    grid: &[Vec<Option<Amount>>],
    d: usize,
    current: Option<(usize, usize)>,
    operands: &[usize],
) -> Option<(usize, usize)> {
    let mut best: Option<((usize, usize), usize)> = None;
    let mut consider = |pair: (usize, usize)| {
        let (holds, printed) = support(grid, d, pair.0, pair.1);
        if holds > 0 && holds * 2 >= printed && best.is_none_or(|(_, h)| holds > h) {
            best = Some((pair, holds));
        }
    };
    if let Some((a, b)) = current {
        consider((a, b));
        consider((b, a));
    }
    for &a in operands {
        for &b in operands {
            if a != b && a != d && b != d {
                consider((a, b));
            }
        }
    }
    best.map(|(pair, _)| pair)
}

/// True when some row prints the columns of `pair` and `d`, and in none of
/// them is `d` their difference either way round.
fn refuted(grid: &[Vec<Option<Amount>>], d: usize, (a, b): (usize, usize)) -> bool {
    let rows = grid.iter().filter_map(|row| {
        let cell = |i: usize| row.get(i).copied().flatten();
        Some((cell(a)?, cell(b)?, cell(d)?))
    });
    let (mut any, mut held) = (false, false);
    for (x, y, v) in rows {
        any = true;
        held |= y - x == v || x - y == v;
    }
    any && !held
}

#[cfg(test)]
mod tests {
    use super::super::tests::h;
    use super::super::{Context, classify_all};
    use super::*;

    #[test]
    fn differences_are_oriented_by_the_amounts() {
        let heads = [
            h("Nettokostnad", Some(2018)),
            h("Kommunbidrag", Some(2018)),
            h("Avvikelse", Some(2018)),
        ];
        let ctx = Context {
            report: true,
            ..Context::default()
        };
        let (mut cols, _) = classify_all(&heads, &ctx, &[]);
        let a = |s: &str| s.parse::<Amount>().ok();
        let grid = vec![
            vec![a("35.7"), a("27.5"), a("-8.2")],
            vec![a("73.1"), a("76.7"), a("3.6")],
        ];
        orient_differences(&mut cols, &grid);
        assert_eq!(cols[2].compares, ["outcome_2018", "frame_2018"]);
    }
}
