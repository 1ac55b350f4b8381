//! How values are read and compared: which column a table gives for a
//! year, units, and the change of what a row measures.
//!
//! A year is read from one column of a table, its most final one (outcome,
//! then budget, forecast, plan). Only columns of amounts of the same
//! measure are compared: revenue with revenue, cost with cost, net with
//! net; per-cent columns are never compared as amounts.

use crate::model::{ChangeDirection, ColumnRef, Measure};
use internbudget_normalizer::{Amount, Column, ColumnKind, RowKind, Table, Unit};

/// A table's unit. Tables whose unit is not printed are never paired (their
/// amounts cannot be put in a common unit), so the fallback is not used for
/// a comparison.
pub(crate) fn unit_of(t: &Table) -> Option<Unit> {
    t.unit
}

/// Kronor per unit; 1 for numbers that are not kronor (compared as
/// printed).
pub(crate) fn factor_of(u: Option<Unit>) -> u64 {
    u.map_or(1, Unit::factor)
}
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::HashMap;

/// The rank of a column kind when a table has several columns for a year:
/// the most final wins; `None` for a column that is not an amount of the
/// year (a target, a change or deviation between two other columns, a
/// column of unknown kind).
pub(crate) fn finality(kind: Option<ColumnKind>) -> Option<u8> {
    match kind? {
        ColumnKind::Outcome => Some(5),
        ColumnKind::Budget => Some(4),
        ColumnKind::Frame => Some(3),
        ColumnKind::Forecast => Some(2),
        ColumnKind::Plan => Some(1),
        ColumnKind::Target | ColumnKind::Change | ColumnKind::Deviation => None,
    }
}

/// What a column's amounts measure (net when no measure is printed).
pub(crate) fn column_measure(c: &Column) -> Measure {
    c.measure.unwrap_or(Measure::Net)
}

/// Whether a column holds amounts that can be compared and summed (not per
/// cent, not a change or a deviation between two other columns).
fn is_amount_column(c: &Column) -> bool {
    c.year.is_some() && !c.percent && finality(c.kind).is_some()
}

/// The column index a table gives for each year (the most final one) among
/// its amount columns of measure `measure`.
pub(crate) fn year_columns(t: &Table, measure: Measure) -> Vec<(i32, usize)> {
    let mut best: HashMap<i32, usize> = HashMap::new();
    for (i, c) in t.columns.iter().enumerate() {
        let Some(y) = c.year else { continue };
        if !is_amount_column(c) || column_measure(c) != measure {
            continue;
        }
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

/// The measures a table has amount columns of, net first.
pub(crate) fn measures(t: &Table) -> Vec<Measure> {
    let mut v: Vec<Measure> = Vec::new();
    for m in [Measure::Net, Measure::Cost, Measure::Revenue] {
        if t.columns
            .iter()
            .any(|c| is_amount_column(c) && column_measure(c) == m)
        {
            v.push(m);
        }
    }
    v
}

/// A column reference.
pub(crate) fn column_ref(t: &Table, i: usize) -> Option<ColumnRef> {
    t.columns.get(i).map(|c| ColumnRef {
        key: c.key.clone(),
        label: c.label.clone(),
        kind: c.kind.unwrap_or(ColumnKind::Budget),
        proposal: c.proposal,
    })
}

/// Converts an amount from a unit factor to a smaller (or equal) one.
pub(crate) fn convert(v: Amount, from: u64, to: u64) -> Amount {
    if from == to || to == 0 {
        return v;
    }
    let ratio = Decimal::from(from / to);
    Amount(v.0.checked_mul(ratio).unwrap_or(v.0).normalize())
}

/// The smaller of two units.
pub(crate) fn common_unit(a: Option<Unit>, b: Option<Unit>) -> Option<Unit> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if a.factor() <= b.factor() { a } else { b }),
        _ => None,
    }
}

/// What a row measures in a column of measure `column`: a revenue or cost
/// column says it for every row; in a net column, "varav intäkter" rows
/// are revenue and "varav kostnader" rows cost.
pub(crate) fn row_measure(kind: RowKind, column: Measure) -> Measure {
    match (column, kind) {
        (Measure::Revenue | Measure::Cost, _) => column,
        (Measure::Net, RowKind::OfWhichRevenue) => Measure::Revenue,
        (Measure::Net, RowKind::OfWhichCost) => Measure::Cost,
        (Measure::Net, _) => Measure::Net,
    }
}

/// b − a and (b − a) / |a| rounded to four decimals.
pub(crate) fn changes(a: Option<Amount>, b: Option<Amount>) -> (Option<Amount>, Option<Amount>) {
    let (Some(a), Some(b)) = (a, b) else {
        return (None, None);
    };
    let change = b.0.checked_sub(a.0);
    (change.map(Amount), relative(change, a.0))
}

fn relative(change: Option<Decimal>, base: Decimal) -> Option<Amount> {
    if base.is_zero() {
        return None;
    }
    change
        .and_then(|c| c.checked_div(base.abs()))
        .map(|r| r.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero))
        .map(|r| Amount(r.normalize()))
}

/// A change as what the row measures sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Measured {
    /// b − a.
    pub change: Option<Amount>,
    /// The relative change of the measure (of the magnitude for revenue and
    /// cost).
    pub relative: Option<Amount>,
    /// Which way the measure went.
    pub direction: Option<ChangeDirection>,
}

/// Compares two amounts of a row that measures `measure`: net amounts by
/// their value, revenue and cost by their magnitude (sources print revenue
/// as negative or positive).
pub(crate) fn measured(a: Option<Amount>, b: Option<Amount>, measure: Measure) -> Measured {
    let (Some(x), Some(y)) = (a, b) else {
        return Measured {
            change: None,
            relative: None,
            direction: None,
        };
    };
    let change = y.0.checked_sub(x.0);
    let (grew, base) = match measure {
        Measure::Net => (y.0.checked_sub(x.0), x.0),
        Measure::Revenue | Measure::Cost => (y.0.abs().checked_sub(x.0.abs()), x.0.abs()),
    };
    let direction = grew.map(|g| {
        if g.is_zero() {
            ChangeDirection::Unchanged
        } else if g.is_sign_negative() {
            ChangeDirection::Decrease
        } else {
            ChangeDirection::Increase
        }
    });
    Measured {
        change: change.map(Amount),
        relative: relative(grew, base),
        direction,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Option<Amount> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn relative_change_is_rounded_half_away_from_zero() {
        let (c, r) = changes(a("211615"), a("269239"));
        assert_eq!(c.unwrap().to_string(), "57624");
        assert_eq!(r.unwrap().to_string(), "0.2723");
        let (_, r) = changes(a("-8"), a("-7"));
        assert_eq!(r.unwrap().to_string(), "0.125");
        let (c, r) = changes(a("0"), a("5"));
        assert_eq!(c.unwrap().to_string(), "5");
        assert!(r.is_none());
        assert_eq!(changes(None, a("1")), (None, None));
    }

    #[test]
    fn revenue_grows_when_its_magnitude_grows() {
        let m = measured(a("-14870"), a("-53460"), Measure::Revenue);
        assert_eq!(m.change, a("-38590"));
        assert_eq!(m.relative, a("2.5952"));
        assert_eq!(m.direction, Some(ChangeDirection::Increase));
        // The same revenue printed positive.
        let m = measured(a("14870"), a("53460"), Measure::Revenue);
        assert_eq!(m.relative, a("2.5952"));
        assert_eq!(m.direction, Some(ChangeDirection::Increase));
        // Net cost going down is a decrease.
        let m = measured(a("100"), a("80"), Measure::Net);
        assert_eq!(m.relative, a("-0.2"));
        assert_eq!(m.direction, Some(ChangeDirection::Decrease));
        let m = measured(a("-5"), a("-5"), Measure::Cost);
        assert_eq!(m.direction, Some(ChangeDirection::Unchanged));
        assert_eq!(
            row_measure(RowKind::OfWhichRevenue, Measure::Net),
            Measure::Revenue
        );
        assert_eq!(
            row_measure(RowKind::LineItem, Measure::Revenue),
            Measure::Revenue
        );
    }

    #[test]
    fn converts_units_exactly() {
        let v: Amount = "1.5".parse().unwrap();
        assert_eq!(convert(v, 1_000_000, 1_000).to_string(), "1500");
        assert_eq!(
            common_unit(Some(Unit::Mnkr), Some(Unit::Tkr)),
            Some(Unit::Tkr)
        );
        assert_eq!(common_unit(None, None), None);
    }
}
