//! Amount tables: which table of one document is compared with which of the
//! other ([`pairing`]), how their rows are aligned and how their values are
//! compared year by year ([`values`]).
//!
//! **Rows.** Rows are aligned in groups of compatible kinds: line items with
//! memo rows, totals, "varav intäkter", "varav kostnader", budget frames —
//! each by exact label, alias, then fuzzy similarity (see
//! [`align`](crate::align)). Totals and "varav" rows still unmatched are
//! then paired by kind in printed order, budget frames from the last one
//! backwards (the final frame is the one the budget is built on). Change
//! rows and adjustments are aligned among the children of a matched
//! parent. Rows still unmatched after that whose label (or alias) is found
//! once in each table on the other side are a *move*: a change row that
//! went from one line item to another, or a line item that became a change
//! row of another (`moved`, with both parents' labels).
//!
//! **Values.** Every fiscal year of either table is listed, per measure
//! (net, cost, revenue columns); a year with several columns in one table
//! is read from the most final one (outcome, then budget, forecast, plan).
//! Amounts are converted to the smaller of the two units exactly (mnkr →
//! tkr multiplies by 1000). Revenue and cost rows change by their
//! magnitude (see [`values::measured`]).

pub(crate) mod pairing;
pub(crate) mod values;

pub(crate) use pairing::{pair_tables, table_ref};

use crate::Options;
use crate::aliases::Scope;
use crate::align::{self, Item};
use crate::model::{
    Match, MatchKind, Measure, RowDiff, RowMove, RowRef, Status, TableDiff, TablePairing,
    ValueDiff, YearColumns,
};
use crate::order::{Slot, order};
use crate::text::{normalize, round_score, similarity};
use internbudget_normalizer::{Amount, RowKind, Table};
use std::collections::HashMap;
use values::{
    column_ref, common_unit, convert, factor_of, measured, measures, row_measure, unit_of,
    year_columns,
};

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

/// One compared column slot: a year of a measure, with each table's column.
#[derive(Debug, Clone, Copy)]
struct YearSlot {
    year: i32,
    measure: Measure,
    a: Option<usize>,
    b: Option<usize>,
}

/// Two tables being compared.
struct Pair<'t> {
    a: &'t Table,
    b: &'t Table,
    factor: u64,
    slots: Vec<YearSlot>,
}

impl Pair<'_> {
    fn new<'t>(a: &'t Table, b: &'t Table) -> Pair<'t> {
        let factor = factor_of(common_unit(unit_of(a), unit_of(b)));
        let mut ms = measures(a);
        for m in measures(b) {
            if !ms.contains(&m) {
                ms.push(m);
            }
        }
        let mut slots = Vec::new();
        for m in ms {
            let (ya, yb) = (year_columns(a, m), year_columns(b, m));
            let mut years: Vec<i32> = ya.iter().chain(yb.iter()).map(|(y, _)| *y).collect();
            years.sort_unstable();
            years.dedup();
            let col = |v: &[(i32, usize)], y: i32| v.iter().find(|(x, _)| *x == y).map(|p| p.1);
            slots.extend(years.iter().map(|&year| YearSlot {
                year,
                measure: m,
                a: col(&ya, year),
                b: col(&yb, year),
            }));
        }
        Pair {
            a,
            b,
            factor,
            slots,
        }
    }

    fn table(&self, side_a: bool) -> &Table {
        if side_a { self.a } else { self.b }
    }

    fn value(&self, side_a: bool, r: usize, c: Option<usize>) -> Option<Amount> {
        let t = self.table(side_a);
        let v = t.rows.get(r)?.values.get(c?)?.as_ref()?;
        Some(convert(*v, factor_of(unit_of(t)), self.factor))
    }

    /// A row as an item to align, with the amounts of the years both
    /// tables print for the fuzzy tie-break.
    fn item(&self, side_a: bool, r: usize) -> Item {
        let row = self.table(side_a).rows.get(r);
        let label = row.map_or("", |x| x.label.as_str());
        let variants = row
            .and_then(|x| x.section.as_ref())
            .map(|s| vec![normalize(&format!("{s} {label}"))])
            .unwrap_or_default();
        Item {
            norm: normalize(label),
            variants,
            amounts: self
                .slots
                .iter()
                .filter(|s| s.a.is_some() && s.b.is_some())
                .map(|s| {
                    self.value(side_a, r, if side_a { s.a } else { s.b })
                        .map(|a| a.0)
                })
                .collect(),
            outcomes: Vec::new(),
        }
    }

    fn rows_of(&self, side_a: bool, g: Group) -> Vec<usize> {
        let t = self.table(side_a);
        (0..t.rows.len())
            .filter(|&r| t.rows.get(r).is_some_and(|x| group(x.kind) == g))
            .collect()
    }
}

/// Aligned row pairs: (row in a, row in b, how).
type Pairs = Vec<(usize, usize, Match)>;

/// Compares two paired tables.
pub(crate) fn diff_table(
    ta: &Table,
    tb: &Table,
    pairing: TablePairing,
    opts: &Options,
) -> TableDiff {
    let p = Pair::new(ta, tb);
    let settings = align::Settings {
        aliases: &opts.aliases,
        scope: Scope::Row,
        threshold: opts.row_threshold,
        outcome_threshold: f64::INFINITY,
    };
    let mut pairs = align_top_level(&p, settings);
    let (index_a, index_b) = (key_index(ta), key_index(tb));
    pairs.extend(align_children(&p, &pairs, &index_a, &index_b, settings));
    let moves = find_moves(&p, &pairs, settings);
    pairs.extend(moves.iter().map(|(i, j, m)| (*i, *j, m.clone())));
    let rows = build_rows(&p, &pairs, &moves, &index_a, &index_b);
    TableDiff {
        role: tb.role,
        a: table_ref(ta),
        b: table_ref(tb),
        pairing,
        unit: common_unit(unit_of(ta), unit_of(tb)),
        unit_factor: p.factor,
        years: p
            .slots
            .iter()
            .map(|s| YearColumns {
                year: s.year,
                measure: s.measure,
                a: s.a.and_then(|c| column_ref(ta, c)),
                b: s.b.and_then(|c| column_ref(tb, c)),
            })
            .collect(),
        rows,
    }
}

/// Top-level rows, group by group; totals, "varav" rows and frames left
/// over are paired by kind.
fn align_top_level(p: &Pair<'_>, settings: align::Settings<'_>) -> Pairs {
    let mut pairs: Pairs = Vec::new();
    for g in [
        Group::Item,
        Group::Total,
        Group::Revenue,
        Group::Cost,
        Group::Frame,
    ] {
        let (ra, rb) = (p.rows_of(true, g), p.rows_of(false, g));
        let ia: Vec<Item> = ra.iter().map(|&r| p.item(true, r)).collect();
        let ib: Vec<Item> = rb.iter().map(|&r| p.item(false, r)).collect();
        let mut found: Pairs = align::align(&ia, &ib, settings)
            .into_iter()
            .filter_map(|(i, j, m)| Some((*ra.get(i)?, *rb.get(j)?, m)))
            .collect();
        if g != Group::Item {
            let left = |v: &[usize], a: bool| -> Vec<usize> {
                v.iter()
                    .copied()
                    .filter(|r| !found.iter().any(|x| if a { x.0 == *r } else { x.1 == *r }))
                    .collect()
            };
            let (left_a, left_b) = (left(&ra, true), left(&rb, false));
            // In printed order; frames from the end.
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
                let m = Match {
                    kind: MatchKind::Kind,
                    score,
                    note: None,
                };
                found.push((i, j, m));
            }
        }
        pairs.extend(found);
    }
    pairs
}

/// Change rows and adjustments under matched parents.
fn align_children(
    p: &Pair<'_>,
    parents: &Pairs,
    index_a: &HashMap<&str, usize>,
    index_b: &HashMap<&str, usize>,
    settings: align::Settings<'_>,
) -> Pairs {
    let mut pairs = Vec::new();
    for (pa, pb, _) in parents {
        let ra = children(p.a, *pa, index_a);
        let rb = children(p.b, *pb, index_b);
        if ra.is_empty() || rb.is_empty() {
            continue;
        }
        let ia: Vec<Item> = ra.iter().map(|&r| p.item(true, r)).collect();
        let ib: Vec<Item> = rb.iter().map(|&r| p.item(false, r)).collect();
        pairs.extend(
            align::align(&ia, &ib, settings)
                .into_iter()
                .filter_map(|(i, j, m)| Some((*ra.get(i)?, *rb.get(j)?, m))),
        );
    }
    pairs
}

/// Line items and change rows left unmatched whose label is printed once in
/// each table: the same row under another line item (or level). Exact and
/// alias matches only.
fn find_moves(p: &Pair<'_>, pairs: &Pairs, settings: align::Settings<'_>) -> Pairs {
    let unique = |t: &Table, r: usize| {
        let n = t.rows.get(r).map(|x| normalize(&x.label));
        t.rows
            .iter()
            .filter(|x| Some(normalize(&x.label)) == n)
            .count()
            == 1
    };
    let left = |side_a: bool| -> Vec<usize> {
        let t = p.table(side_a);
        (0..t.rows.len())
            .filter(|&r| {
                t.rows
                    .get(r)
                    .is_some_and(|x| matches!(group(x.kind), Group::Item | Group::Child))
                    && !pairs
                        .iter()
                        .any(|x| if side_a { x.0 == r } else { x.1 == r })
                    && unique(t, r)
            })
            .collect()
    };
    let (ra, rb) = (left(true), left(false));
    let ia: Vec<Item> = ra.iter().map(|&r| p.item(true, r)).collect();
    let ib: Vec<Item> = rb.iter().map(|&r| p.item(false, r)).collect();
    let strict = align::Settings {
        threshold: f64::INFINITY,
        ..settings
    };
    align::align(&ia, &ib, strict)
        .into_iter()
        .filter_map(|(i, j, m)| Some((*ra.get(i)?, *rb.get(j)?, m)))
        .collect()
}

/// The label of a row's parent.
fn parent_label(t: &Table, r: usize, idx: &HashMap<&str, usize>) -> Option<String> {
    let key = t.rows.get(r)?.parent_key.as_deref()?;
    Some(t.rows.get(*idx.get(key)?)?.label.clone())
}

/// The aligned rows in output order, with their values.
fn build_rows(
    p: &Pair<'_>,
    pairs: &Pairs,
    moves: &Pairs,
    index_a: &HashMap<&str, usize>,
    index_b: &HashMap<&str, usize>,
) -> Vec<RowDiff> {
    let (ta, tb) = (p.a, p.b);
    let simple: Vec<(usize, usize)> = pairs.iter().map(|x| (x.0, x.1)).collect();
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
    let parent_of =
        |t: &Table, r: usize, idx: &HashMap<&str, usize>, outs: &HashMap<usize, usize>| {
            let key = t.rows.get(r)?.parent_key.as_deref()?;
            outs.get(idx.get(key)?).copied()
        };
    slots
        .iter()
        .map(|s| {
            let (ra, rb) = match *s {
                Slot::Pair(i, j) => (Some(i), Some(j)),
                Slot::A(i) => (Some(i), None),
                Slot::B(j) => (None, Some(j)),
            };
            let m = match (ra, rb) {
                (Some(i), Some(j)) => pairs
                    .iter()
                    .find(|x| x.0 == i && x.1 == j)
                    .map(|x| x.2.clone()),
                _ => None,
            };
            let moved = match (ra, rb) {
                (Some(i), Some(j)) if moves.iter().any(|x| x.0 == i && x.1 == j) => Some(RowMove {
                    from: parent_label(ta, i, index_a),
                    to: parent_label(tb, j, index_b),
                }),
                _ => None,
            };
            let parent = match rb {
                Some(j) => parent_of(tb, j, index_b, &out_of_b),
                None => ra.and_then(|i| parent_of(ta, i, index_a, &out_of_a)),
            };
            row_diff(p, ra, rb, m, moved, parent)
        })
        .collect()
}

fn row_ref(t: &Table, r: usize) -> Option<RowRef> {
    t.rows.get(r).map(|x| RowRef {
        key: x.key.clone(),
        label: x.label.clone(),
        kind: x.kind,
    })
}

/// One aligned row with its values.
fn row_diff(
    p: &Pair<'_>,
    ra: Option<usize>,
    rb: Option<usize>,
    m: Option<Match>,
    moved: Option<RowMove>,
    parent: Option<usize>,
) -> RowDiff {
    let a = ra.and_then(|r| row_ref(p.a, r));
    let b = rb.and_then(|r| row_ref(p.b, r));
    let status = match (&a, &b) {
        (Some(_), Some(_)) => Status::Matched,
        (None, _) => Status::Added,
        (Some(_), None) => Status::Removed,
    };
    let (label, kind) = match (&b, &a) {
        (Some(x), _) | (None, Some(x)) => (x.label.clone(), x.kind),
        (None, None) => (String::new(), RowKind::Memo),
    };
    let values: Vec<ValueDiff> = p
        .slots
        .iter()
        .map(|s| {
            let va = ra.and_then(|r| p.value(true, r, s.a));
            let vb = rb.and_then(|r| p.value(false, r, s.b));
            let c = measured(va, vb, row_measure(kind, s.measure));
            ValueDiff {
                year: s.year,
                measure: s.measure,
                a: va,
                b: vb,
                change: c.change,
                relative_change: c.relative,
                direction: c.direction,
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
    RowDiff {
        label,
        kind,
        measure: row_measure(kind, Measure::Net),
        status,
        matched_by: m,
        renamed,
        moved,
        a,
        b,
        parent,
        values,
        changed,
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
