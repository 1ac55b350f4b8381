//! Amount tables: which table of one document is compared with which of the
//! other, how their rows are aligned and how their values are compared year
//! by year.
//!
//! **Pairing.** Tables are only paired within a role (operating summary,
//! investments). First each document's *main* table of the role is chosen —
//! the one titled like "Driftsammandrag" (resp. "Investeringar"), directly
//! or through the alias table, else the one with the most line items and
//! change rows, the first on a tie — and the two main tables are paired
//! (rule `main`). The remaining tables of the role are paired greedily by
//! the best of title similarity and row overlap (the share of the smaller
//! table's line items whose normalised label or alias is in the other): a
//! pair needs a title similarity of at least 0.8 (rule `title`) or a row
//! overlap of at least 0.5 (rule `rows`). Tables left over are listed as
//! unpaired.
//!
//! **Rows.** Rows are aligned in groups of compatible kinds: line items with
//! memo rows, totals, "varav intäkter", "varav kostnader", budget frames —
//! each by exact label, alias, then fuzzy similarity (see
//! [`align`](crate::align)). Totals and "varav" rows still unmatched are
//! then paired by kind in printed order, budget frames from the last one
//! backwards (the final frame is the one the budget is built on). Change
//! rows and adjustments are aligned only among the children of a matched
//! parent; the children of an unmatched parent are added or removed with it.
//!
//! **Values.** Every fiscal year of either table is listed; a year with
//! several columns in one table is read from the most final one (outcome,
//! then budget, forecast, plan). Amounts are converted to the smaller of the
//! two units exactly (mnkr → tkr multiplies by 1000).

use crate::Options;
use crate::aliases::Scope;
use crate::align::{self, Item};
use crate::model::{
    ColumnRef, Match, MatchKind, PairingRule, RowDiff, RowRef, Status, TableDiff, TablePairing,
    TableRef, UnpairedTable, ValueDiff, YearColumns,
};
use crate::order::{Slot, order};
use crate::text::{normalize, round_score, similarity};
use internbudget_normalizer::{Amount, ColumnKind, Document, RowKind, Table, TableRole, Unit};
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::HashMap;

/// The least title similarity for rule `title`.
const TITLE_THRESHOLD: f64 = 0.8;
/// The least row overlap for rule `rows`.
const ROW_OVERLAP_THRESHOLD: f64 = 0.5;

/// A table's unit. Tables whose unit is not printed are never paired (their
/// amounts cannot be put in a common unit), so the fallback is not used for
/// a comparison.
pub fn unit_of(t: &Table) -> Unit {
    t.unit.unwrap_or(Unit::Tkr)
}

/// A reference to a table.
pub fn table_ref(t: &Table) -> TableRef {
    TableRef {
        id: t.id.clone(),
        role: t.role,
        title: t.title.clone(),
        unit: unit_of(t),
    }
}

/// Columns of amounts a comparison by fiscal year can use: net amounts of a
/// known kind, not percentages and not differences of other columns.
fn comparable(c: &internbudget_normalizer::Column) -> bool {
    !c.percent
        && matches!(
            c.measure,
            None | Some(internbudget_normalizer::Measure::Net)
        )
        && matches!(
            c.kind,
            Some(
                ColumnKind::Outcome
                    | ColumnKind::Budget
                    | ColumnKind::Forecast
                    | ColumnKind::Plan
                    | ColumnKind::Frame
            )
        )
}

/// Pairs the tables of two documents: (index in a, index in b, why), and
/// the tables left over.
pub fn pair_tables(
    a: &Document,
    b: &Document,
    opts: &Options,
) -> (Vec<(usize, usize, TablePairing)>, Vec<UnpairedTable>) {
    let mut pairs = Vec::new();
    let mut used_a = vec![false; a.tables.len()];
    let mut used_b = vec![false; b.tables.len()];
    for role in [TableRole::OperatingSummary, TableRole::Investments] {
        let ia: Vec<usize> = (0..a.tables.len())
            .filter(|i| {
                a.tables
                    .get(*i)
                    .is_some_and(|t| t.role == role && t.unit.is_some())
            })
            .collect();
        let ib: Vec<usize> = (0..b.tables.len())
            .filter(|i| {
                b.tables
                    .get(*i)
                    .is_some_and(|t| t.role == role && t.unit.is_some())
            })
            .collect();
        let (Some(ma), Some(mb)) = (
            main_table(a, &ia, role, opts),
            main_table(b, &ib, role, opts),
        ) else {
            continue;
        };
        if let (Some(ta), Some(tb)) = (a.tables.get(ma), b.tables.get(mb)) {
            pairs.push((ma, mb, pairing(ta, tb, PairingRule::Main, opts)));
            mark(&mut used_a, ma);
            mark(&mut used_b, mb);
        }
        let mut cands: Vec<(f64, usize, usize, TablePairing)> = Vec::new();
        for &i in &ia {
            for &j in &ib {
                if used_a.get(i).copied().unwrap_or(true) || used_b.get(j).copied().unwrap_or(true)
                {
                    continue;
                }
                let (Some(ta), Some(tb)) = (a.tables.get(i), b.tables.get(j)) else {
                    continue;
                };
                let p = pairing(ta, tb, PairingRule::Title, opts);
                let rule = if p.title_similarity >= TITLE_THRESHOLD {
                    PairingRule::Title
                } else if p.row_overlap >= ROW_OVERLAP_THRESHOLD {
                    PairingRule::Rows
                } else {
                    continue;
                };
                let score = p.title_similarity.max(p.row_overlap);
                cands.push((score, i, j, TablePairing { rule, ..p }));
            }
        }
        cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        for (_, i, j, p) in cands {
            if used_a.get(i).copied().unwrap_or(true) || used_b.get(j).copied().unwrap_or(true) {
                continue;
            }
            mark(&mut used_a, i);
            mark(&mut used_b, j);
            pairs.push((i, j, p));
        }
    }
    // Main pairs first (operating summary, then investments), then the
    // others in the later document's order.
    pairs.sort_by_key(|p| (p.2.rule != PairingRule::Main, p.1, p.0));
    let mut unpaired = Vec::new();
    for (used, doc, side) in [
        (&used_a, a, crate::model::Side::A),
        (&used_b, b, crate::model::Side::B),
    ] {
        for (t, u) in doc.tables.iter().zip(used.iter()) {
            if !u {
                unpaired.push(UnpairedTable {
                    side,
                    table: table_ref(t),
                });
            }
        }
    }
    (pairs, unpaired)
}

fn mark(v: &mut [bool], i: usize) {
    if let Some(x) = v.get_mut(i) {
        *x = true;
    }
}

/// The main table of a role among `candidates`.
fn main_table(
    doc: &Document,
    candidates: &[usize],
    role: TableRole,
    opts: &Options,
) -> Option<usize> {
    let want = normalize(match role {
        TableRole::Investments => "Investeringar",
        _ => "Driftsammandrag",
    });
    let titled = candidates.iter().copied().find(|&i| {
        doc.tables.get(i).is_some_and(|t| {
            let n = normalize(&t.title);
            n == want || opts.aliases.find(Scope::Table, &n, &want).is_some()
        })
    });
    titled.or_else(|| {
        // The most line items and change rows; the first on a tie.
        let mut best: Option<(usize, usize)> = None;
        for &i in candidates {
            let n = doc.tables.get(i).map_or(0, |t| {
                t.rows
                    .iter()
                    .filter(|r| matches!(r.kind, RowKind::LineItem | RowKind::Change))
                    .count()
            });
            if best.is_none_or(|(_, m)| n > m) {
                best = Some((i, n));
            }
        }
        best.map(|b| b.0)
    })
}

fn pairing(a: &Table, b: &Table, rule: PairingRule, opts: &Options) -> TablePairing {
    let (na, nb) = (normalize(&a.title), normalize(&b.title));
    let title_similarity = if opts.aliases.find(Scope::Table, &na, &nb).is_some() {
        1.0
    } else {
        round_score(similarity(&na, &nb))
    };
    // Each line item's readings: its label, and its label after its section heading.
    let items = |t: &Table| -> Vec<Vec<String>> {
        t.rows
            .iter()
            .filter(|r| r.kind == RowKind::LineItem)
            .map(|r| {
                let mut v = vec![normalize(&r.label)];
                if let Some(s) = &r.section {
                    v.push(normalize(&format!("{s} {}", r.label)));
                }
                v
            })
            .collect()
    };
    let (la, lb) = (items(a), items(b));
    let smaller = la.len().min(lb.len());
    let common = la
        .iter()
        .filter(|xs| {
            lb.iter().any(|ys| {
                xs.iter().any(|x| {
                    ys.iter()
                        .any(|y| x == y || opts.aliases.find(Scope::Row, x, y).is_some())
                })
            })
        })
        .count()
        .min(smaller);
    let row_overlap = if smaller == 0 {
        0.0
    } else {
        round_score(common as f64 / smaller as f64)
    };
    TablePairing {
        rule,
        title_similarity,
        row_overlap,
    }
}

/// The rank of a column kind when a table has several columns for a year:
/// the most final wins.
pub fn finality(kind: Option<ColumnKind>) -> u8 {
    match kind {
        Some(ColumnKind::Outcome) => 5,
        Some(ColumnKind::Budget) => 4,
        Some(ColumnKind::Frame) => 3,
        Some(ColumnKind::Forecast) => 2,
        Some(ColumnKind::Plan) => 1,
        _ => 0,
    }
}

/// The column index a table gives for each year (the most final one).
pub fn year_columns(t: &Table) -> Vec<(i32, usize)> {
    let mut best: HashMap<i32, usize> = HashMap::new();
    for (i, c) in t.columns.iter().enumerate() {
        let Some(y) = c.year.filter(|_| comparable(c)) else {
            continue;
        };
        let better = match best.get(&y).and_then(|j| t.columns.get(*j)) {
            Some(old) => finality(c.kind) > finality(old.kind),
            None => true,
        };
        if better {
            best.insert(y, i);
        }
    }
    let mut v: Vec<(i32, usize)> = best.into_iter().collect();
    v.sort_unstable();
    v
}

/// A column reference.
pub fn column_ref(t: &Table, i: usize) -> Option<ColumnRef> {
    t.columns.get(i).map(|c| ColumnRef {
        key: c.key.clone(),
        label: c.label.clone(),
        kind: c.kind.unwrap_or(ColumnKind::Budget),
        proposal: c.proposal,
    })
}

/// Converts an amount from a unit factor to a smaller (or equal) one.
pub fn convert(v: Amount, from: u64, to: u64) -> Amount {
    if from == to || to == 0 {
        return v;
    }
    let ratio = Decimal::from(from / to);
    Amount(v.0.checked_mul(ratio).unwrap_or(v.0).normalize())
}

/// The smaller of two units.
pub fn common_unit(a: Unit, b: Unit) -> Unit {
    if a.factor() <= b.factor() { a } else { b }
}

/// b − a and (b − a) / |a| rounded to four decimals.
pub fn changes(a: Option<Amount>, b: Option<Amount>) -> (Option<Amount>, Option<Amount>) {
    let (Some(a), Some(b)) = (a, b) else {
        return (None, None);
    };
    let change = b.0.checked_sub(a.0);
    let relative = change.and_then(|c| {
        if a.0.is_zero() {
            None
        } else {
            c.checked_div(a.0.abs())
                .map(|r| r.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero))
                .map(|r| r.normalize())
        }
    });
    (change.map(Amount), relative.map(Amount))
}

/// Rows are aligned within groups of compatible kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Group {
    Item,
    Total,
    Revenue,
    Cost,
    Frame,
    Child,
}

fn group(kind: RowKind) -> Group {
    match kind {
        RowKind::LineItem | RowKind::Memo => Group::Item,
        RowKind::Total | RowKind::Subtotal => Group::Total,
        RowKind::OfWhichRevenue => Group::Revenue,
        RowKind::OfWhichCost => Group::Cost,
        RowKind::BudgetFrame => Group::Frame,
        RowKind::Change | RowKind::Adjustment => Group::Child,
    }
}

/// Compares two paired tables.
pub fn diff_table(ta: &Table, tb: &Table, pairing: TablePairing, opts: &Options) -> TableDiff {
    let unit = common_unit(unit_of(ta), unit_of(tb));
    let factor = unit.factor();
    let (ya, yb) = (year_columns(ta), year_columns(tb));
    let mut years: Vec<i32> = ya.iter().chain(yb.iter()).map(|(y, _)| *y).collect();
    years.sort_unstable();
    years.dedup();
    let col = |v: &[(i32, usize)], y: i32| v.iter().find(|(x, _)| *x == y).map(|(_, c)| *c);
    let year_cols: Vec<(i32, Option<usize>, Option<usize>)> = years
        .iter()
        .map(|&y| (y, col(&ya, y), col(&yb, y)))
        .collect();
    let value = |t: &Table, r: usize, c: Option<usize>| -> Option<Amount> {
        let v = t.rows.get(r)?.values.get(c?)?.as_ref()?;
        Some(convert(*v, unit_of(t).factor(), factor))
    };
    // Amounts of the years both tables print, for the fuzzy tie-break.
    let shared: Vec<(Option<usize>, Option<usize>)> = year_cols
        .iter()
        .filter(|(_, a, b)| a.is_some() && b.is_some())
        .map(|(_, a, b)| (*a, *b))
        .collect();
    let item = |t: &Table, r: usize, side_a: bool| -> Item {
        let row = t.rows.get(r);
        let label = row.map_or("", |x| x.label.as_str());
        let variants = row
            .and_then(|x| x.section.as_ref())
            .map(|s| vec![normalize(&format!("{s} {label}"))])
            .unwrap_or_default();
        Item {
            norm: normalize(label),
            variants,
            amounts: shared
                .iter()
                .map(|(ca, cb)| value(t, r, if side_a { *ca } else { *cb }).map(|a| a.0))
                .collect(),
        }
    };
    let settings = align::Settings {
        aliases: &opts.aliases,
        scope: Scope::Row,
        threshold: opts.row_threshold,
    };
    let mut pairs: Vec<(usize, usize, Match)> = Vec::new();
    // Top-level rows, group by group.
    for g in [
        Group::Item,
        Group::Total,
        Group::Revenue,
        Group::Cost,
        Group::Frame,
    ] {
        let ra: Vec<usize> = (0..ta.rows.len())
            .filter(|&r| ta.rows.get(r).is_some_and(|x| group(x.kind) == g))
            .collect();
        let rb: Vec<usize> = (0..tb.rows.len())
            .filter(|&r| tb.rows.get(r).is_some_and(|x| group(x.kind) == g))
            .collect();
        let ia: Vec<Item> = ra.iter().map(|&r| item(ta, r, true)).collect();
        let ib: Vec<Item> = rb.iter().map(|&r| item(tb, r, false)).collect();
        let mut found: Vec<(usize, usize, Match)> = align::align(&ia, &ib, settings)
            .into_iter()
            .filter_map(|(i, j, m)| Some((*ra.get(i)?, *rb.get(j)?, m)))
            .collect();
        if g != Group::Item {
            // Pair what is left by kind: in printed order, frames from the end.
            let left_a: Vec<usize> = ra
                .iter()
                .copied()
                .filter(|r| !found.iter().any(|p| p.0 == *r))
                .collect();
            let left_b: Vec<usize> = rb
                .iter()
                .copied()
                .filter(|r| !found.iter().any(|p| p.1 == *r))
                .collect();
            let zipped: Vec<(usize, usize)> = if g == Group::Frame {
                left_a
                    .iter()
                    .rev()
                    .copied()
                    .zip(left_b.iter().rev().copied())
                    .collect()
            } else {
                left_a.iter().copied().zip(left_b.iter().copied()).collect()
            };
            for (i, j) in zipped {
                let score = match (ia.get(pos(&ra, i)), ib.get(pos(&rb, j))) {
                    (Some(x), Some(y)) => round_score(similarity(&x.norm, &y.norm)),
                    _ => 0.0,
                };
                found.push((
                    i,
                    j,
                    Match {
                        kind: MatchKind::Kind,
                        score,
                        note: None,
                    },
                ));
            }
        }
        pairs.extend(found);
    }
    // Children of matched parents.
    let parents: Vec<(usize, usize)> = pairs.iter().map(|p| (p.0, p.1)).collect();
    let index_a = key_index(ta);
    let index_b = key_index(tb);
    for (pa, pb) in parents {
        let ra: Vec<usize> = children(ta, pa, &index_a);
        let rb: Vec<usize> = children(tb, pb, &index_b);
        if ra.is_empty() || rb.is_empty() {
            continue;
        }
        let ia: Vec<Item> = ra.iter().map(|&r| item(ta, r, true)).collect();
        let ib: Vec<Item> = rb.iter().map(|&r| item(tb, r, false)).collect();
        pairs.extend(
            align::align(&ia, &ib, settings)
                .into_iter()
                .filter_map(|(i, j, m)| Some((*ra.get(i)?, *rb.get(j)?, m))),
        );
    }
    let simple: Vec<(usize, usize)> = pairs.iter().map(|p| (p.0, p.1)).collect();
    let slots = order(ta.rows.len(), tb.rows.len(), &simple);
    let mut out_of_a: HashMap<usize, usize> = HashMap::new();
    let mut out_of_b: HashMap<usize, usize> = HashMap::new();
    for (k, s) in slots.iter().enumerate() {
        match *s {
            Slot::Pair(i, j) => {
                out_of_a.insert(i, k);
                out_of_b.insert(j, k);
            }
            Slot::A(i) => {
                out_of_a.insert(i, k);
            }
            Slot::B(j) => {
                out_of_b.insert(j, k);
            }
        }
    }
    let row_ref = |t: &Table, r: usize| {
        t.rows.get(r).map(|x| RowRef {
            key: x.key.clone(),
            label: x.label.clone(),
            kind: x.kind,
        })
    };
    let parent_of =
        |t: &Table, r: usize, idx: &HashMap<&str, usize>, outs: &HashMap<usize, usize>| {
            let key = t.rows.get(r)?.parent_key.as_deref()?;
            outs.get(idx.get(key)?).copied()
        };
    let mut rows = Vec::with_capacity(slots.len());
    for s in &slots {
        let (ra, rb, m) = match *s {
            Slot::Pair(i, j) => {
                let m = pairs
                    .iter()
                    .find(|p| p.0 == i && p.1 == j)
                    .map(|p| p.2.clone());
                (Some(i), Some(j), m)
            }
            Slot::A(i) => (Some(i), None, None),
            Slot::B(j) => (None, Some(j), None),
        };
        let a = ra.and_then(|r| row_ref(ta, r));
        let b = rb.and_then(|r| row_ref(tb, r));
        let status = match (&a, &b) {
            (Some(_), Some(_)) => Status::Matched,
            (None, _) => Status::Added,
            (Some(_), None) => Status::Removed,
        };
        let values: Vec<ValueDiff> = year_cols
            .iter()
            .map(|&(year, ca, cb)| {
                let va = ra.and_then(|r| value(ta, r, ca));
                let vb = rb.and_then(|r| value(tb, r, cb));
                let (change, relative_change) = changes(va, vb);
                ValueDiff {
                    year,
                    a: va,
                    b: vb,
                    change,
                    relative_change,
                }
            })
            .collect();
        let changed = status == Status::Matched
            && values
                .iter()
                .any(|v| v.change.is_some_and(|c| !c.0.is_zero()));
        let renamed = match (&a, &b, &m) {
            (Some(x), Some(y), Some(m)) => {
                m.kind != MatchKind::Exact && normalize(&x.label) != normalize(&y.label)
            }
            _ => false,
        };
        let parent = match rb {
            Some(j) => parent_of(tb, j, &index_b, &out_of_b),
            None => ra.and_then(|i| parent_of(ta, i, &index_a, &out_of_a)),
        };
        let (label, kind) = match (&b, &a) {
            (Some(x), _) | (None, Some(x)) => (x.label.clone(), x.kind),
            (None, None) => (String::new(), RowKind::Memo),
        };
        rows.push(RowDiff {
            label,
            kind,
            status,
            matched_by: m,
            renamed,
            a,
            b,
            parent,
            values,
            changed,
        });
    }
    TableDiff {
        role: tb.role,
        a: table_ref(ta),
        b: table_ref(tb),
        pairing,
        unit,
        unit_factor: factor,
        years: year_cols
            .iter()
            .map(|&(year, ca, cb)| YearColumns {
                year,
                a: ca.and_then(|c| column_ref(ta, c)),
                b: cb.and_then(|c| column_ref(tb, c)),
            })
            .collect(),
        rows,
    }
}

fn pos(v: &[usize], x: usize) -> usize {
    v.iter().position(|y| *y == x).unwrap_or(usize::MAX)
}

fn key_index(t: &Table) -> HashMap<&str, usize> {
    let mut m = HashMap::new();
    for (i, r) in t.rows.iter().enumerate() {
        m.entry(r.key.as_str()).or_insert(i);
    }
    m
}

/// The change rows or adjustments standing under row `parent`.
fn children(t: &Table, parent: usize, idx: &HashMap<&str, usize>) -> Vec<usize> {
    (0..t.rows.len())
        .filter(|&r| {
            t.rows.get(r).is_some_and(|x| {
                group(x.kind) == Group::Child
                    && x.parent_key
                        .as_deref()
                        .and_then(|k| idx.get(k))
                        .is_some_and(|p| *p == parent)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_change_is_rounded_half_away_from_zero() {
        let a = Amount(Decimal::from(211_615));
        let b = Amount(Decimal::from(269_239));
        let (c, r) = changes(Some(a), Some(b));
        assert_eq!(c.unwrap().to_string(), "57624");
        assert_eq!(r.unwrap().to_string(), "0.2723");
        let (_, r) = changes(
            Some(Amount(Decimal::from(-8))),
            Some(Amount(Decimal::from(-7))),
        );
        assert_eq!(r.unwrap().to_string(), "0.125");
        let (c, r) = changes(Some(Amount::ZERO), Some(Amount(Decimal::from(5))));
        assert_eq!(c.unwrap().to_string(), "5");
        assert!(r.is_none());
        assert_eq!(changes(None, Some(a)), (None, None));
    }

    #[test]
    fn converts_units_exactly() {
        let v: Amount = "1.5".parse().unwrap();
        assert_eq!(convert(v, 1_000_000, 1_000).to_string(), "1500");
        assert_eq!(common_unit(Unit::Mnkr, Unit::Tkr), Unit::Tkr);
    }
}
