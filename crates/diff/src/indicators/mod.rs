//! Indicators: aligned like rows, within each goal area (målområde), by
//! exact text, alias, fuzzy similarity, then similar texts that print the
//! same earlier outcomes (footnote markers are folded away before any of
//! it); sub-indicators ("Män", "Kvinnor") only under their matched
//! indicator.
//!
//! For each year of a matched indicator the diff lists both documents'
//! targets (`target`) and outcomes (`outcome`) — a value only one document
//! prints is kept, as `added` or `removed` — and compares the earlier
//! document's target with the later document's outcome
//! (`target_then_outcome`: what was aimed at and what was reported). A
//! target or outcome comparison is *changed* when the parsed values differ
//! (number, unit, comparator, direction, groups), or, for text cells, when
//! the text differs beyond whitespace. Notes are made when the targets'
//! direction ("Ska öka" → "Ska minska") or comparator (≥ → ≤) changed, a
//! target went from a direction to a number, or the unit changed —
//! comparing the targets of the same year, or, when the documents share no
//! target year, the earlier document's last target with the later
//! document's first.

use crate::Options;
use crate::aliases::Scope;
use crate::align::{self, Item};
use crate::model::{
    IndicatorCell, IndicatorComparison, IndicatorDiff, IndicatorNote, IndicatorRef, IndicatorYear,
    Match, MatchKind, NoteCode, Status,
};
use crate::order::{Slot, order};
use crate::tables::values::changes;
use crate::text::normalize;
use internbudget_normalizer::{
    ColumnKind, Comparator, Direction, Document, Indicator, IndicatorKind, IndicatorValue,
    ValueStatus,
};
use std::collections::HashMap;

/// The least text similarity of two indicators matched because they print
/// the same earlier outcomes.
pub(crate) const OUTCOME_THRESHOLD: f64 = 0.4;

/// An indicator's printed full-year outcomes: (year, number and unit).
fn outcomes(x: &Indicator) -> Vec<(i32, String)> {
    x.values
        .iter()
        .filter(|v| v.kind == ColumnKind::Outcome && v.partial.is_none())
        .filter_map(|v| {
            let n = v.parsed.number?;
            if !v.parsed.groups.is_empty() {
                return None;
            }
            Some((v.year?, format!("{} {:?}", n.0.normalize(), v.parsed.unit)))
        })
        .collect()
}

/// Aligns and compares the indicators of two documents.
pub(crate) fn diff_indicators(a: &Document, b: &Document, opts: &Options) -> Vec<IndicatorDiff> {
    let (ia, ib) = (&a.indicators, &b.indicators);
    let pa = parents(ia);
    let pb = parents(ib);
    let settings = align::Settings {
        aliases: &opts.aliases,
        scope: Scope::Indicator,
        threshold: opts.indicator_threshold,
        outcome_threshold: OUTCOME_THRESHOLD,
    };
    let item = |x: &Indicator| Item {
        norm: normalize(&x.indicator),
        variants: Vec::new(),
        amounts: Vec::new(),
        outcomes: outcomes(x),
    };
    let area = |x: &Indicator| normalize(x.goal_area.as_deref().unwrap_or(""));
    let mut pairs: Vec<(usize, usize, Match)> = Vec::new();
    // Top-level indicators by goal area, in the order areas first appear.
    let mut areas: Vec<String> = Vec::new();
    for x in ib.iter().chain(ia.iter()) {
        let k = area(x);
        if !areas.contains(&k) {
            areas.push(k);
        }
    }
    for k in &areas {
        let ra: Vec<usize> = (0..ia.len())
            .filter(|&i| {
                ia.get(i)
                    .is_some_and(|x| pa.get(i).is_some_and(Option::is_none) && &area(x) == k)
            })
            .collect();
        let rb: Vec<usize> = (0..ib.len())
            .filter(|&i| {
                ib.get(i)
                    .is_some_and(|x| pb.get(i).is_some_and(Option::is_none) && &area(x) == k)
            })
            .collect();
        pairs.extend(align_subset(ia, ib, &ra, &rb, &item, settings));
    }
    // Sub-indicators under matched parents.
    let tops: Vec<(usize, usize)> = pairs.iter().map(|p| (p.0, p.1)).collect();
    for (i, j) in tops {
        let ra: Vec<usize> = (0..ia.len())
            .filter(|&k| pa.get(k) == Some(&Some(i)))
            .collect();
        let rb: Vec<usize> = (0..ib.len())
            .filter(|&k| pb.get(k) == Some(&Some(j)))
            .collect();
        pairs.extend(align_subset(ia, ib, &ra, &rb, &item, settings));
    }
    let simple: Vec<(usize, usize)> = pairs.iter().map(|p| (p.0, p.1)).collect();
    let slots = order(ia.len(), ib.len(), &simple);
    // Goal areas stay together, in the order they first appear.
    let area_rank = |s: &Slot| -> usize {
        let x = match *s {
            Slot::Pair(_, j) | Slot::B(j) => ib.get(j),
            Slot::A(i) => ia.get(i),
        };
        x.map(&area)
            .and_then(|k| areas.iter().position(|a| *a == k))
            .unwrap_or(usize::MAX)
    };
    let mut slots = slots;
    slots.sort_by_key(|s| area_rank(s));
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
    slots
        .iter()
        .map(|s| {
            let (i, j, m) = match *s {
                Slot::Pair(i, j) => (
                    Some(i),
                    Some(j),
                    pairs
                        .iter()
                        .find(|p| p.0 == i && p.1 == j)
                        .map(|p| p.2.clone()),
                ),
                Slot::A(i) => (Some(i), None, None),
                Slot::B(j) => (None, Some(j), None),
            };
            let xa = i.and_then(|i| ia.get(i));
            let xb = j.and_then(|j| ib.get(j));
            let parent = match j {
                Some(j) => pb
                    .get(j)
                    .copied()
                    .flatten()
                    .and_then(|p| out_of_b.get(&p).copied()),
                None => i
                    .and_then(|i| pa.get(i).copied().flatten())
                    .and_then(|p| out_of_a.get(&p).copied()),
            };
            one(xa, xb, m, parent)
        })
        .collect()
}

fn align_subset(
    ia: &[Indicator],
    ib: &[Indicator],
    ra: &[usize],
    rb: &[usize],
    item: &dyn Fn(&Indicator) -> Item,
    settings: align::Settings<'_>,
) -> Vec<(usize, usize, Match)> {
    let xa: Vec<Item> = ra.iter().filter_map(|&i| ia.get(i)).map(item).collect();
    let xb: Vec<Item> = rb.iter().filter_map(|&i| ib.get(i)).map(item).collect();
    align::align(&xa, &xb, settings)
        .into_iter()
        .filter_map(|(i, j, m)| Some((*ra.get(i)?, *rb.get(j)?, m)))
        .collect()
}

/// For each indicator, the index of the indicator a sub-indicator belongs
/// to (the nearest indicator above it).
fn parents(list: &[Indicator]) -> Vec<Option<usize>> {
    let mut last = None;
    list.iter()
        .enumerate()
        .map(|(i, x)| {
            if x.kind == IndicatorKind::SubIndicator && last.is_some() {
                last
            } else {
                last = Some(i);
                None
            }
        })
        .collect()
}

fn indicator_ref(x: &Indicator) -> IndicatorRef {
    IndicatorRef {
        id: x.id.clone(),
        indicator: x.indicator.clone(),
        committee_goal: x.committee_goal.clone(),
    }
}

pub(crate) fn cell(v: &IndicatorValue) -> IndicatorCell {
    IndicatorCell {
        kind: v.kind,
        partial: v.partial.clone(),
        raw: v.raw.clone(),
        status: v.parsed.status,
        number: v.parsed.number,
        unit: v.parsed.unit,
        comparator: v.parsed.comparator,
        direction: v.parsed.direction,
    }
}

/// The first value of a kind for a year.
fn value_of(x: &Indicator, kind: ColumnKind, year: i32) -> Option<&IndicatorValue> {
    x.values
        .iter()
        .find(|v| v.kind == kind && v.year == Some(year))
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether two values of the same kind say different things.
fn differs(a: &IndicatorValue, b: &IndicatorValue) -> bool {
    let (p, q) = (&a.parsed, &b.parsed);
    let groups = |g: &[internbudget_normalizer::GroupValue]| {
        g.iter()
            .map(|x| {
                (
                    squash(&x.group),
                    x.number.0.normalize(),
                    x.unit,
                    x.comparator,
                )
            })
            .collect::<Vec<_>>()
    };
    p.status != q.status
        || p.number.map(|n| n.0.normalize()) != q.number.map(|n| n.0.normalize())
        || p.unit != q.unit
        || p.comparator != q.comparator
        || p.direction != q.direction
        || groups(&p.groups) != groups(&q.groups)
        || (p.status == Some(ValueStatus::Text) && squash(&a.raw) != squash(&b.raw))
}

fn year_entry(
    year: i32,
    comparison: IndicatorComparison,
    a: Option<&IndicatorValue>,
    b: Option<&IndicatorValue>,
) -> IndicatorYear {
    let status = match (comparison, a, b) {
        (IndicatorComparison::Target | IndicatorComparison::Outcome, None, Some(_)) => {
            Status::Added
        }
        (IndicatorComparison::Target | IndicatorComparison::Outcome, Some(_), None) => {
            Status::Removed
        }
        _ => Status::Matched,
    };
    let numeric = |v: Option<&IndicatorValue>| {
        v.filter(|v| v.parsed.groups.is_empty())
            .and_then(|v| v.parsed.number)
    };
    let same_unit = match (a, b) {
        (Some(x), Some(y)) => x.parsed.unit == y.parsed.unit,
        _ => false,
    };
    let (change, relative_change) = if same_unit {
        changes(numeric(a), numeric(b))
    } else {
        (None, None)
    };
    let changed = matches!(
        comparison,
        IndicatorComparison::Target | IndicatorComparison::Outcome
    ) && match (a, b) {
        (Some(x), Some(y)) => differs(x, y),
        _ => false,
    };
    IndicatorYear {
        year,
        comparison,
        status,
        a: a.map(cell),
        b: b.map(cell),
        change,
        relative_change,
        changed,
    }
}

fn years_of(x: &Indicator) -> Vec<i32> {
    let mut v: Vec<i32> = x.values.iter().filter_map(|v| v.year).collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn one(
    a: Option<&Indicator>,
    b: Option<&Indicator>,
    m: Option<Match>,
    parent: Option<usize>,
) -> IndicatorDiff {
    let mut years = Vec::new();
    let mut notes = Vec::new();
    match (a, b) {
        (Some(a), Some(b)) => {
            let mut ys = years_of(a);
            ys.extend(years_of(b));
            ys.sort_unstable();
            ys.dedup();
            for y in ys {
                let (at, bt) = (
                    value_of(a, ColumnKind::Target, y),
                    value_of(b, ColumnKind::Target, y),
                );
                let (ao, bo) = (
                    value_of(a, ColumnKind::Outcome, y),
                    value_of(b, ColumnKind::Outcome, y),
                );
                if at.is_some() || bt.is_some() {
                    years.push(year_entry(y, IndicatorComparison::Target, at, bt));
                }
                if ao.is_some() || bo.is_some() {
                    years.push(year_entry(y, IndicatorComparison::Outcome, ao, bo));
                }
                if at.is_some() && bo.is_some() {
                    years.push(year_entry(
                        y,
                        IndicatorComparison::TargetThenOutcome,
                        at,
                        bo,
                    ));
                }
            }
            notes = target_notes(a, b);
        }
        (Some(x), None) | (None, Some(x)) => {
            let comparison = if a.is_some() {
                IndicatorComparison::OnlyA
            } else {
                IndicatorComparison::OnlyB
            };
            for v in &x.values {
                let Some(y) = v.year else { continue };
                let (va, vb) = if a.is_some() {
                    (Some(v), None)
                } else {
                    (None, Some(v))
                };
                years.push(year_entry(y, comparison, va, vb));
            }
        }
        (None, None) => {}
    }
    let status = match (a, b) {
        (Some(_), Some(_)) => Status::Matched,
        (None, _) => Status::Added,
        (Some(_), None) => Status::Removed,
    };
    let renamed = match (a, b, &m) {
        (Some(x), Some(y), Some(m)) => {
            m.kind != MatchKind::Exact && normalize(&x.indicator) != normalize(&y.indicator)
        }
        _ => false,
    };
    let changed =
        status == Status::Matched && (years.iter().any(|y| y.changed) || !notes.is_empty());
    let shown = b.or(a);
    IndicatorDiff {
        key: String::new(),
        indicator: shown.map(|x| x.indicator.clone()).unwrap_or_default(),
        goal_area: shown.and_then(|x| x.goal_area.clone()),
        kind: shown.map_or(IndicatorKind::Indicator, |x| x.kind),
        status,
        matched_by: m,
        renamed,
        a: a.map(indicator_ref),
        b: b.map(indicator_ref),
        parent,
        years,
        notes,
        changed,
    }
}

fn direction_text(d: Direction) -> &'static str {
    match d {
        Direction::Increase => "increase (ska öka)",
        Direction::Decrease => "decrease (ska minska)",
        Direction::NotIncrease => "not increase (ska inte öka)",
        Direction::NotDecrease => "not decrease (ska inte minska)",
        Direction::Maintain => "stay the same (oförändrad)",
    }
}

fn comparator_text(c: Option<Comparator>) -> &'static str {
    match c {
        Some(Comparator::Gte) => "≥",
        Some(Comparator::Lte) => "≤",
        Some(Comparator::Gt) => ">",
        Some(Comparator::Lt) => "<",
        None => "no comparator",
    }
}

/// Notes on how the targets changed.
fn target_notes(a: &Indicator, b: &Indicator) -> Vec<IndicatorNote> {
    let usable = |v: &&IndicatorValue| {
        v.kind == ColumnKind::Target
            && v.year.is_some()
            && v.parsed.status != Some(ValueStatus::NotAvailable)
    };
    let ta: Vec<&IndicatorValue> = a.values.iter().filter(usable).collect();
    let tb: Vec<&IndicatorValue> = b.values.iter().filter(usable).collect();
    let mut pairs: Vec<(&IndicatorValue, &IndicatorValue)> = ta
        .iter()
        .filter_map(|x| tb.iter().find(|y| y.year == x.year).map(|y| (*x, *y)))
        .collect();
    if pairs.is_empty()
        && let (Some(x), Some(y)) = (
            ta.iter().max_by_key(|v| v.year),
            tb.iter().min_by_key(|v| v.year),
        )
    {
        pairs.push((*x, *y));
    }
    let mut notes: Vec<IndicatorNote> = Vec::new();
    for (x, y) in pairs {
        let mut push = |code: NoteCode, message: String| {
            if !notes.iter().any(|n| n.code == code) {
                let years = match (x.year, y.year) {
                    (Some(p), Some(q)) if p == q => Some(p.to_string()),
                    (Some(p), Some(q)) => Some(format!("{p} → {q}")),
                    _ => None,
                };
                notes.push(IndicatorNote {
                    code,
                    message,
                    years,
                    from: Some(x.raw.clone()),
                    to: Some(y.raw.clone()),
                });
            }
        };
        let (p, q) = (&x.parsed, &y.parsed);
        let (yx, yy) = (x.year.unwrap_or_default(), y.year.unwrap_or_default());
        let when = if yx == yy {
            format!("{yx}")
        } else {
            format!("{yx} → {yy}")
        };
        match (p.direction, q.direction) {
            (Some(d), Some(e)) if d != e => push(
                NoteCode::DirectionChanged,
                format!(
                    "the target's direction changed from {} to {} ({when})",
                    direction_text(d),
                    direction_text(e)
                ),
            ),
            (Some(d), None) if q.number.is_some() || !q.groups.is_empty() => push(
                NoteCode::TargetForm,
                format!(
                    "the target changed from a direction, {}, to a value, \"{}\" ({when})",
                    direction_text(d),
                    y.raw
                ),
            ),
            (None, Some(e)) if p.number.is_some() || !p.groups.is_empty() => push(
                NoteCode::TargetForm,
                format!(
                    "the target changed from a value, \"{}\", to a direction, {} ({when})",
                    x.raw,
                    direction_text(e)
                ),
            ),
            _ => {}
        }
        let has_value = |v: &IndicatorValue| v.parsed.number.is_some();
        if has_value(x) && has_value(y) && p.comparator != q.comparator {
            push(
                NoteCode::ComparatorChanged,
                format!(
                    "the target's comparator changed from {} to {} (\"{}\" → \"{}\", {when})",
                    comparator_text(p.comparator),
                    comparator_text(q.comparator),
                    x.raw,
                    y.raw
                ),
            );
        }
        if has_value(x) && has_value(y) && p.unit != q.unit && p.unit.is_some() && q.unit.is_some()
        {
            push(
                NoteCode::UnitChanged,
                format!(
                    "the target's unit changed (\"{}\" → \"{}\", {when})",
                    x.raw, y.raw
                ),
            );
        }
    }
    notes
}
