//! A column's kind read against the other columns of its table: a bare
//! year beside a budget of that year is its outcome, a frame printed first
//! before bare years is their base budget, bare years printed twice hold
//! something else the second time, and a column that names no kind is not
//! a named column's kind and year again.

use super::Context;
use super::header::Parts;
use crate::schema::{Column, ColumnKind};
use internbudget_parser::ColumnHeader;
use internbudget_parser::vocab::KindWord;

/// A bare year that is the year of a column already printed as a budget
/// is that year's outcome ("BUDGET 2020  2020  2019").
pub(super) fn outcome_beside_budget(
    columns: &mut [Column],
    parts: &[Parts],
    headers: &[ColumnHeader],
    ctx: &Context,
) {
    if ctx.indicator {
        return;
    }
    let budgets: Vec<i32> = columns
        .iter()
        .zip(parts)
        .filter(|(c, p)| c.kind == Some(ColumnKind::Budget) && p.kinds.contains(&KindWord::Budget))
        .filter_map(|(c, _)| c.year)
        .collect();
    for ((c, p), _) in columns.iter_mut().zip(parts).zip(headers) {
        let bare = p.kinds.is_empty() && p.measure.is_none();
        if bare
            && c.kind == Some(ColumnKind::Budget)
            && c.year.is_some_and(|y| budgets.contains(&y))
        {
            c.kind = Some(ColumnKind::Outcome);
        }
    }
}

/// Bare years printed twice ("2022 2023 2024 2025 2022 2023 2024 2025"): the
/// second run holds something else for the same years — the yearly changes
/// where the table says amounts are per year, otherwise it cannot be told
/// (kind null).
pub(super) fn repeated_years(columns: &mut [Column], parts: &[Parts], ctx: &Context) {
    if ctx.indicator {
        return;
    }
    let mut seen: Vec<i32> = Vec::new();
    let mut repeat_from: Option<usize> = None;
    for (i, (c, p)) in columns.iter().zip(parts).enumerate() {
        let bare = p.kinds.is_empty() && p.measure.is_none();
        let Some(y) = c.year.filter(|_| bare) else {
            continue;
        };
        if seen.contains(&y) {
            repeat_from = Some(i);
            break;
        }
        seen.push(y);
    }
    let Some(from) = repeat_from else { return };
    for (c, p) in columns.iter_mut().zip(parts).skip(from) {
        if p.kinds.is_empty() && p.measure.is_none() && c.year.is_some() {
            c.kind = ctx.per_year.then_some(ColumnKind::Change);
        }
    }
}

/// A column whose header names neither kind nor measure (a bare year, or a
/// year beside a word the vocabulary does not know: "Avvikels 2024", cut
/// at the page edge) that reads as the kind and year of a column whose
/// header names them ("Nettokostnad 2024" in a report: an outcome) is not
/// that column again: its kind cannot be told (null, with a warning).
pub(super) fn unnamed_duplicates(columns: &mut [Column], parts: &[Parts]) {
    let named: Vec<(Option<ColumnKind>, Option<i32>, bool)> = columns
        .iter()
        .zip(parts)
        .filter(|(c, p)| c.kind.is_some() && (!p.kinds.is_empty() || p.measure.is_some()))
        .map(|(c, _)| (c.kind, c.year, c.percent))
        .collect();
    for (c, p) in columns.iter_mut().zip(parts) {
        let unnamed = p.kinds.is_empty() && p.measure.is_none();
        if unnamed && c.kind.is_some() && named.contains(&(c.kind, c.year, c.percent)) {
            c.kind = None;
        }
    }
}

/// "Ram 2022" printed first, before columns of bare years (the years the
/// changes after it concern: "Förändringar 2023–2025" over 2023, 2024,
/// 2025): the frame decided for that year is its budget, the base the
/// changes start from (real-tables.md, ramförändringar).
pub(super) fn base_frame_is_budget(columns: &mut [Column], headers: &[ColumnHeader]) {
    let bare = |h: &ColumnHeader| h.year.is_some_and(|y| h.label.trim() == y.to_string());
    let rest_bare = headers.len() >= 3 && headers.iter().skip(1).all(bare);
    if let Some(first) = columns.first_mut()
        && first.kind == Some(ColumnKind::Frame)
        && first.year.is_some()
        && rest_bare
    {
        first.kind = Some(ColumnKind::Budget);
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::h;
    use super::super::{Context, classify_all};
    use crate::schema::ColumnKind;
    use internbudget_parser::ColumnHeader;

    #[test]
    fn bare_years_and_columns_without_a_kind() {
        use ColumnKind::*;
        let heads = [
            h("BUDGET 2020", Some(2020)),
            h("2020", Some(2020)),
            h("2019", Some(2019)),
            h("Koncern 2019", Some(2019)),
            h("Period 2019-2022", Some(2022)),
        ];
        let (cols, unknown) = classify_all(
            &heads,
            &Context {
                budget_year: Some(2020),
                ..Context::default()
            },
            &[],
        );
        assert_eq!(
            cols.iter().map(|c| (c.kind, c.year)).collect::<Vec<_>>(),
            [
                (Some(Budget), Some(2020)),
                (Some(Outcome), Some(2020)),
                (Some(Outcome), Some(2019)),
                (None, Some(2019)),
                (None, None),
            ]
        );
        assert_eq!(unknown.len(), 2);
        assert_eq!(cols[3].key, "koncern_2019");
    }

    #[test]
    fn an_unnamed_column_does_not_repeat_a_named_one() {
        // "Avvikelse" cut at the page edge: "Avvikels 2024" names nothing
        // the vocabulary knows, and its year would make it the outcome the
        // net cost column already is.
        let heads = [
            h("Intäkter 2024", Some(2024)),
            h("Kostnader 2024", Some(2024)),
            h("Nettokostnad 2024", Some(2024)),
            h("Budget 2024", Some(2024)),
            h("Avvikels 2024", Some(2024)),
        ];
        let ctx = Context {
            budget_year: Some(2024),
            report: true,
            ..Context::default()
        };
        let (cols, unknown) = classify_all(&heads, &ctx, &[]);
        use ColumnKind::*;
        assert_eq!(
            cols.iter().map(|c| c.kind).collect::<Vec<_>>(),
            [
                Some(Outcome),
                Some(Outcome),
                Some(Outcome),
                Some(Budget),
                None
            ]
        );
        assert_eq!(unknown.len(), 1);
    }

    #[test]
    fn years_printed_twice() {
        let heads: Vec<ColumnHeader> = [2022, 2023, 2022, 2023]
            .iter()
            .map(|y| h(&y.to_string(), Some(*y)))
            .collect();
        let ctx = Context {
            budget_year: Some(2022),
            per_year: true,
            ..Context::default()
        };
        let (cols, _) = classify_all(&heads, &ctx, &[]);
        use ColumnKind::*;
        assert_eq!(
            cols.iter().map(|c| c.kind).collect::<Vec<_>>(),
            [Some(Budget), Some(Plan), Some(Change), Some(Change)]
        );
        let (cols, unknown) = classify_all(
            &heads,
            &Context {
                per_year: false,
                ..ctx
            },
            &[],
        );
        assert_eq!(cols[2].kind, None);
        assert_eq!(unknown.len(), 2);
    }
}
