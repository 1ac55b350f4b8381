//! Which two columns a change or deviation column compares, as its header
//! tells: the years it names, the outcome and budget (or frame) of its
//! year, or the two columns before it ([`link_compared`]). Columns are
//! linked by index before their keys are known and relinked by key after
//! ([`relink_keys`]).

use super::header::Parts;
use crate::schema::{Column, ColumnKind, Measure};

/// Fills `compares` of change and deviation columns (with column indices
/// as placeholders, turned into keys by [`relink_keys`]) and gives such a
/// column without a year the later year it compares.
pub(super) fn link_compared(columns: &mut [Column], parts: &[Parts]) {
    let snapshot: Vec<Column> = columns.to_vec();
    for i in 0..columns.len() {
        let Some(c) = columns.get(i) else { continue };
        let compared: Vec<String> = match c.kind {
            Some(ColumnKind::Change) => change_compares(&snapshot, parts, i),
            Some(ColumnKind::Deviation) => deviation_compares(&snapshot, c.year),
            _ => Vec::new(),
        };
        // A difference without a year of its own: the later one compared.
        let later = compared
            .iter()
            .filter_map(|k| {
                placeholder(k)
                    .and_then(|j| snapshot.get(j))
                    .and_then(|s| s.year)
            })
            .max();
        if let Some(c) = columns.get_mut(i) {
            if c.year.is_none() {
                c.year = later;
            }
            c.compares = compared;
        }
    }
}

/// A column of levels a difference can compare: an outcome, budget, plan,
/// forecast or frame of amounts, not of revenue or cost alone.
fn is_level(columns: &[Column], i: usize) -> bool {
    columns.get(i).is_some_and(|c| {
        !c.percent
            && !matches!(c.measure, Some(Measure::Revenue | Measure::Cost))
            && matches!(
                c.kind,
                Some(
                    ColumnKind::Outcome
                        | ColumnKind::Budget
                        | ColumnKind::Plan
                        | ColumnKind::Forecast
                        | ColumnKind::Frame
                )
            )
    })
}

/// What change column `i` compares: for "Förändring 2012/2013" the columns
/// of those years, of the kind the later one is printed as; for
/// "Förändring %" the two level columns before it.
fn change_compares(columns: &[Column], parts: &[Parts], i: usize) -> Vec<String> {
    match parts.get(i).and_then(|p| p.range) {
        Some((from, to)) => {
            let later = (0..columns.len()).find(|&j| {
                is_level(columns, j) && columns.get(j).is_some_and(|s| s.year == Some(to))
            });
            let kind = later.and_then(|j| columns.get(j)).and_then(|s| s.kind);
            match (later, kind) {
                (Some(j), Some(k)) => {
                    vec![format!("{}_{from}", k.as_str()), format!("#{j}")]
                }
                _ => Vec::new(),
            }
        }
        None => {
            let before: Vec<usize> = (0..i)
                .rev()
                .filter(|&j| is_level(columns, j))
                .take(2)
                .collect();
            match before.as_slice() {
                [b, a] => vec![format!("#{a}"), format!("#{b}")],
                _ => Vec::new(),
            }
        }
    }
}

/// What a deviation column of `year` compares: the outcome and the budget
/// or frame of its year (of the table, when it prints none).
fn deviation_compares(columns: &[Column], year: Option<i32>) -> Vec<String> {
    let years: Vec<i32> = match year {
        Some(y) => vec![y],
        None => columns.iter().filter_map(|s| s.year).collect(),
    };
    let find = |want: &[ColumnKind]| {
        (0..columns.len()).rev().find(|&j| {
            is_level(columns, j)
                && columns.get(j).is_some_and(|s| {
                    s.kind.is_some_and(|k| want.contains(&k))
                        && s.year.is_some_and(|y| years.contains(&y))
                })
        })
    };
    let outcome = find(&[ColumnKind::Outcome]);
    let budget = find(&[ColumnKind::Budget, ColumnKind::Frame]);
    match (outcome, budget) {
        (Some(o), Some(b)) if o != b => vec![format!("#{o}"), format!("#{b}")],
        _ => Vec::new(),
    }
}

/// "#3": a placeholder for the column at index 3.
fn placeholder(k: &str) -> Option<usize> {
    k.strip_prefix('#')?.parse().ok()
}

/// Turns `compares` placeholders into the compared columns' keys.
pub(super) fn relink_keys(columns: &mut [Column]) {
    let keys: Vec<String> = columns.iter().map(|c| c.key.clone()).collect();
    for c in columns.iter_mut() {
        for k in &mut c.compares {
            if let Some(key) = placeholder(k).and_then(|j| keys.get(j)) {
                *k = key.clone();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::h;
    use super::super::{Context, classify_all};
    use crate::schema::ColumnKind;

    #[test]
    fn changes_compare_the_years_they_name_or_the_columns_before() {
        use ColumnKind::*;
        let heads = [
            h("Utfall 2013", Some(2013)),
            h("Förändring 2012/2013", Some(2013)),
            h("Förändring 2012/2013", Some(2013)),
            h("Budget 2013", Some(2013)),
            h("Budget-avvikelse", None),
        ];
        let pct = [false, false, true, false, false];
        let (cols, _) = classify_all(
            &heads,
            &Context {
                budget_year: Some(2013),
                ..Context::default()
            },
            &pct,
        );
        assert_eq!(cols[1].compares, ["outcome_2012", "outcome_2013"]);
        assert!(cols[2].percent && cols[2].key.ends_with("_pct"));
        assert_eq!((cols[4].kind, cols[4].year), (Some(Deviation), Some(2013)));
        let heads = [
            h("Budget 2022", Some(2022)),
            h("Budget 2023", Some(2023)),
            h("Förändring %", None),
            h("Plan 2024", Some(2024)),
        ];
        let (cols, _) = classify_all(
            &heads,
            &Context {
                budget_year: Some(2023),
                ..Context::default()
            },
            &[],
        );
        assert_eq!(
            (
                cols[2].kind,
                cols[2].year,
                cols[2].percent,
                cols[2].compares.clone()
            ),
            (
                Some(Change),
                Some(2023),
                true,
                vec!["budget_2022".to_string(), "budget_2023".to_string()]
            )
        );
    }
}
