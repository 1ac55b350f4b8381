//! The comparison of two aligned indicators (or one only one document
//! has): their values year by year ([`IndicatorYear`]), whether they
//! changed, and the notes on their targets, as one [`IndicatorDiff`].

use super::notes::target_notes;
use crate::model::{
    IndicatorCell, IndicatorComparison, IndicatorDiff, IndicatorRef, IndicatorYear, Match,
    MatchKind, Side, Status,
};
use crate::tables::values::changes;
use crate::text::normalize;
use internbudget_normalizer::{ColumnKind, Indicator, IndicatorKind, IndicatorValue, ValueStatus};

/// The diff's reference to an indicator of a compared document.
fn indicator_ref(x: &Indicator) -> IndicatorRef {
    IndicatorRef {
        id: x.id.clone(),
        indicator: x.indicator.clone(),
        committee_goal: x.committee_goal.clone(),
    }
}

/// An indicator value as the diff shows it.
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

/// A text without whitespace, in lower case.
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

/// The comparison of two values (either may be absent) of one year.
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

/// Every year an indicator prints a value for, ascending.
fn years_of(x: &Indicator) -> Vec<i32> {
    let mut v: Vec<i32> = x.values.iter().filter_map(|v| v.year).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// One aligned indicator: an indicator of `a`, of `b` or both (with how
/// they matched), and the position of the indicator it belongs to.
pub(super) fn one(
    a: Option<&Indicator>,
    b: Option<&Indicator>,
    m: Option<Match>,
    parent: Option<usize>,
) -> IndicatorDiff {
    let (years, notes) = match (a, b) {
        (Some(a), Some(b)) => (matched_years(a, b), target_notes(a, b)),
        (Some(x), None) => (one_sided_years(x, Side::A), Vec::new()),
        (None, Some(x)) => (one_sided_years(x, Side::B), Vec::new()),
        (None, None) => (Vec::new(), Vec::new()),
    };
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

/// The years of a matched indicator: for every year either prints, the
/// targets, the outcomes, and the earlier target against the later outcome
/// (each where there is something to compare).
fn matched_years(a: &Indicator, b: &Indicator) -> Vec<IndicatorYear> {
    let mut years = Vec::new();
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
    years
}

/// The years of an indicator only one document has: each of its values as
/// printed.
fn one_sided_years(x: &Indicator, side: Side) -> Vec<IndicatorYear> {
    let comparison = match side {
        Side::A => IndicatorComparison::OnlyA,
        Side::B => IndicatorComparison::OnlyB,
    };
    let mut years = Vec::new();
    for v in &x.values {
        let Some(y) = v.year else { continue };
        let (va, vb) = match side {
            Side::A => (Some(v), None),
            Side::B => (None, Some(v)),
        };
        years.push(year_entry(y, comparison, va, vb));
    }
    years
}
