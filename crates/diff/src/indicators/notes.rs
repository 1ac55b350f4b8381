//! Notes on how an indicator's targets changed between two documents
//! ([`IndicatorNote`]): a stated direction, a comparator, a direction
//! become a number or back, a unit — each with the targets compared as
//! printed.

use crate::model::{IndicatorNote, NoteCode};
use internbudget_normalizer::{
    ColumnKind, Comparator, Direction, Indicator, IndicatorValue, ValueStatus,
};

/// A stated direction, for a note.
fn direction_text(d: Direction) -> &'static str {
    match d {
        Direction::Increase => "increase (ska öka)",
        Direction::Decrease => "decrease (ska minska)",
        Direction::NotIncrease => "not increase (ska inte öka)",
        Direction::NotDecrease => "not decrease (ska inte minska)",
        Direction::Maintain => "stay the same (oförändrad)",
    }
}

/// A comparator, for a note.
fn comparator_text(c: Option<Comparator>) -> &'static str {
    match c {
        Some(Comparator::Gte) => "≥",
        Some(Comparator::Lte) => "≤",
        Some(Comparator::Gt) => ">",
        Some(Comparator::Lt) => "<",
        None => "no comparator",
    }
}

/// Notes on how the targets changed: comparing the targets both documents
/// set for the same year, or, when they share no target year, the earlier
/// document's last target with the later document's first. Each kind of
/// note is made once.
pub(super) fn target_notes(a: &Indicator, b: &Indicator) -> Vec<IndicatorNote> {
    let mut notes: Vec<IndicatorNote> = Vec::new();
    for (x, y) in target_pairs(a, b) {
        pair_notes(&mut notes, x, y);
    }
    notes
}

/// The pairs of targets compared: per shared year, else the earlier
/// document's last against the later document's first.
fn target_pairs<'a>(
    a: &'a Indicator,
    b: &'a Indicator,
) -> Vec<(&'a IndicatorValue, &'a IndicatorValue)> {
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
    pairs
}

/// The notes on one pair of targets `x` (earlier) and `y` (later), added
/// to `notes` unless a note of the same code is there: a changed direction,
/// a direction become a value or back, a changed comparator or unit.
fn pair_notes(notes: &mut Vec<IndicatorNote>, x: &IndicatorValue, y: &IndicatorValue) {
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
    if has_value(x) && has_value(y) && p.unit != q.unit && p.unit.is_some() && q.unit.is_some() {
        push(
            NoteCode::UnitChanged,
            format!(
                "the target's unit changed (\"{}\" → \"{}\", {when})",
                x.raw, y.raw
            ),
        );
    }
}
