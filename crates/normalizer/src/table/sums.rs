//! The sums a table prints, told by its amounts: what the row labels do
//! not say, the arithmetic does (`design/real-tables.md`, "What a row is").
//!
//! - **Blocks printed with their sum on top** ("Kommunstyrelse 305,8 …" over
//!   its eight lines, as annual reports print committees): a row equal to
//!   the sum of the rows below it, up to the next such row, is the block's
//!   subtotal, and those rows take its label as their group.
//! - **Blocks under a heading** ("Kommunstyrelse" / lines / "Summa"): a
//!   total-like row closing a group is the group's subtotal.
//! - **Statements** (resultatbudget, resultaträkning): every row is a memo
//!   except the printed sums — a row equal to the sum before it plus the
//!   rows since (Verksamhetens nettokostnader, Verksamhetens resultat), or
//!   one named as a result; the last sum is the total.
//! - **A total under another name** ("Förändringar jämfört med beslut …",
//!   "Resultat"): the last row, when it equals the sum of the rows above it.
//!   A table whose total is a change ("Förändring …") holds changes.
//!
//! Sums are compared within what the rounding of the printed terms can
//! cause (half a unit in their last place each), in every column where both
//! sides are printed; columns of percentages and differences are left out.

use super::rows::RowInfo;
use crate::amount::Amount;
use crate::schema::{Column, ColumnKind, RowKind, TableRole};

/// Settles the sums of a table whose rows were classified by their labels
/// (`infos`, the rows with amounts) given their amounts (`grid`).
pub(crate) fn settle(
    infos: &mut [RowInfo],
    grid: &[Vec<Option<Amount>>],
    columns: &[Column],
    role: TableRole,
) {
    let summable: Vec<bool> = columns.iter().map(summable).collect();
    let sum = Summer {
        grid,
        columns: &summable,
    };
    if is_statement(role, infos) {
        statement(infos, &sum);
        return;
    }
    group_subtotals(infos, &sum);
    heads_above(infos, &sum);
    total_by_sum(infos, &sum);
}

/// Columns of amounts that add up: not percentages, not differences.
fn summable(c: &Column) -> bool {
    !c.percent && !matches!(c.kind, Some(ColumnKind::Change | ColumnKind::Deviation))
}

/// Sums of a table's rows, column by column.
struct Summer<'a> {
    grid: &'a [Vec<Option<Amount>>],
    columns: &'a [bool],
}

impl Summer<'_> {
    fn cell(&self, r: usize, c: usize) -> Option<Amount> {
        self.grid.get(r).and_then(|v| v.get(c)).copied().flatten()
    }

    /// True when row `expected` equals `base` (a row, or nothing) plus the
    /// rows `terms`, within rounding, in every summable column where it and
    /// at least one term are printed — and there is such a column, with a
    /// term that is not zero.
    fn holds(&self, expected: usize, base: Option<usize>, terms: &[usize]) -> bool {
        let mut compared = 0usize;
        let mut nonzero = false;
        for (c, _) in self.columns.iter().enumerate().filter(|(_, s)| **s) {
            let Some(e) = self.cell(expected, c) else {
                continue;
            };
            let mut sum = match base {
                Some(b) => match self.cell(b, c) {
                    Some(v) => {
                        nonzero |= !v.0.is_zero();
                        v
                    }
                    None => continue,
                },
                None => Amount::ZERO,
            };
            let mut any = base.is_some();
            let mut scale = e.0.scale();
            for &t in terms {
                if let Some(v) = self.cell(t, c) {
                    sum = sum + v;
                    any = true;
                    nonzero |= !v.0.is_zero();
                    scale = scale.max(v.0.scale());
                }
            }
            if !any {
                continue;
            }
            // Half a unit in the last printed place per term.
            let unit = rust_decimal::Decimal::new(1, scale);
            let n = rust_decimal::Decimal::from(terms.len() as u64 + 1);
            if (sum.0 - e.0).abs() > unit * n / rust_decimal::Decimal::from(2) {
                return false;
            }
            compared += 1;
        }
        compared > 0 && nonzero
    }
}

/// A statement: its role says so, or its rows are those of one ("Årets
/// resultat", "… resultat efter …").
fn is_statement(role: TableRole, infos: &[RowInfo]) -> bool {
    matches!(
        role,
        TableRole::IncomeStatement | TableRole::BalanceSheet | TableRole::CashFlow
    ) || (role == TableRole::Other && infos.iter().filter(|r| names_result(&r.label)).count() >= 2)
}

/// A label naming a result: a word that is, or ends in, "resultat"
/// ("Årets resultat", "Balanskravsresultat"; not "resultatutjämningsreserv").
fn names_result(label: &str) -> bool {
    label
        .to_lowercase()
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.ends_with("resultat") || w == "resultatet")
}

/// A statement's sums: a row equal to the last sum plus the memo rows since
/// (varav rows aside), or — after at least one term — a row naming a result
/// or a total; the last one is the total. Every other row is a memo.
fn statement(infos: &mut [RowInfo], sum: &Summer<'_>) {
    let mut base: Option<usize> = None;
    let mut terms: Vec<usize> = Vec::new();
    let mut last_sum: Option<usize> = None;
    for i in 0..infos.len() {
        let Some(info) = infos.get(i) else { continue };
        if matches!(info.kind, RowKind::OfWhichRevenue | RowKind::OfWhichCost)
            || info.label.to_lowercase().starts_with("varav")
        {
            if let Some(r) = infos.get_mut(i) {
                r.kind = RowKind::Memo;
            }
            continue;
        }
        let named = names_result(&info.label) || info.total_like;
        // A sum of two terms or more (the last sum counting as one), or a
        // row named as a result equal to the last sum and what came since,
        // or named so after rows of its own.
        let terms_in = terms.len() + usize::from(base.is_some());
        let adds_up = sum.holds(i, base, &terms);
        let is_sum = (terms_in >= 2 && adds_up)
            || (named && base.is_some() && adds_up)
            || (named && !terms.is_empty());
        if let Some(r) = infos.get_mut(i) {
            r.parent = None;
            r.group = None;
            if is_sum {
                r.kind = RowKind::Subtotal;
                base = Some(i);
                terms.clear();
                last_sum = Some(i);
            } else {
                r.kind = RowKind::Memo;
                terms.push(i);
            }
        }
    }
    if let Some(r) = last_sum.and_then(|i| infos.get_mut(i)) {
        r.kind = RowKind::Total;
    }
}

/// A total-like row closing a group (rows under a heading) is the group's
/// subtotal when it sums the group's lines — unless it sums the lines of
/// every group above it, or the group is the table's only one: then it is
/// the table's total ("Summa investeringar" under the last group). Where
/// the arithmetic does not tell, it is a subtotal when other groups close
/// with sums of their own.
fn group_subtotals(infos: &mut [RowInfo], sum: &Summer<'_>) {
    let closing: Vec<(usize, String)> = infos
        .iter()
        .enumerate()
        .filter(|(_, r)| r.total_like && r.kind != RowKind::Subtotal)
        .filter_map(|(i, r)| r.group.clone().map(|g| (i, g)))
        .collect();
    let groups: std::collections::BTreeSet<&String> = closing.iter().map(|(_, g)| g).collect();
    let closing_sums = groups.len();
    for (end, g) in &closing {
        let lines: Vec<usize> = (0..*end)
            .filter(|&r| {
                infos
                    .get(r)
                    .is_some_and(|x| !x.total_like && x.group.as_ref() == Some(g))
            })
            .collect();
        let all: Vec<usize> = (0..*end)
            .filter(|&r| {
                infos
                    .get(r)
                    .is_some_and(|x| !x.total_like && x.group.is_some())
            })
            .collect();
        let own = sum.holds(*end, None, &lines);
        let only_group = all.len() == lines.len();
        let whole = own && only_group && closing_sums == 1
            || all.len() > lines.len() && sum.holds(*end, None, &all);
        let kind = if whole {
            RowKind::Total
        } else if own || closing_sums >= 2 {
            RowKind::Subtotal
        } else {
            continue;
        };
        if let Some(r) = infos.get_mut(*end) {
            r.kind = kind;
            r.parent = None;
            if kind == RowKind::Total {
                r.group = None;
            }
        }
        for &l in &lines {
            if let Some(r) = infos.get_mut(l)
                && matches!(r.kind, RowKind::Memo | RowKind::Adjustment)
            {
                r.kind = RowKind::LineItem;
                r.parent = None;
            }
        }
    }
    // Only one total: a later total-like row is a memo, as before.
    let mut seen = false;
    for r in infos.iter_mut() {
        if r.kind == RowKind::Total {
            if seen {
                r.kind = RowKind::Memo;
            }
            seen = true;
        }
    }
}

/// Blocks printed with their sum on top: where no block is printed
/// otherwise, a line item equal to the sum of the two or more line items
/// right below it (up to the next such row) heads them.
fn heads_above(infos: &mut [RowInfo], sum: &Summer<'_>) {
    if infos
        .iter()
        .any(|r| r.group.is_some() || r.kind == RowKind::Subtotal)
    {
        return;
    }
    let items: Vec<usize> = (0..infos.len())
        .filter(|&i| infos.get(i).is_some_and(|r| r.kind == RowKind::LineItem))
        .collect();
    let mut heads: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut k = 0;
    while let Some(&head) = items.get(k) {
        // The shortest run of two or more items below that sums to it.
        let mut found = None;
        for len in 2..items.len().saturating_sub(k) {
            let terms: Vec<usize> = items.get(k + 1..k + 1 + len).unwrap_or(&[]).to_vec();
            // Only consecutive rows.
            if terms.windows(2).any(|w| matches!(w, [a, b] if b - a != 1))
                || terms.first() != Some(&(head + 1))
            {
                break;
            }
            if sum.holds(head, None, &terms) {
                found = Some(terms);
                break;
            }
        }
        match found {
            Some(terms) => {
                k += terms.len() + 1;
                heads.push((head, terms));
            }
            None => k += 1,
        }
    }
    if heads.is_empty() {
        return;
    }
    for (head, terms) in heads {
        let label = infos.get(head).map(|r| r.label.clone());
        if let Some(r) = infos.get_mut(head) {
            r.kind = RowKind::Subtotal;
            r.group = label.clone();
        }
        for t in terms {
            if let Some(r) = infos.get_mut(t) {
                r.group = label.clone();
            }
        }
    }
}

/// A table without a total by its label's place: the first row named as a
/// total, else the last row, when it equals the sum of the rows above it,
/// is the total ("Resultat" under Intäkter, Kostnader and Kommunbidrag;
/// "Förändringar jämfört med beslut …"); when that row names a change, the
/// rows it sums are changes. A total-like row that sums only the
/// adjustments after a frame is their subtotal ("Summa ramförändringar").
fn total_by_sum(infos: &mut [RowInfo], sum: &Summer<'_>) {
    if infos.iter().any(|r| r.kind == RowKind::Total) {
        return;
    }
    let named = infos
        .iter()
        .position(|r| r.total_like && r.kind != RowKind::Subtotal && r.group.is_none());
    let last = infos.len().checked_sub(1);
    for candidate in [named, last].into_iter().flatten() {
        let terms: Vec<usize> = (0..candidate)
            .filter(|&i| {
                infos.get(i).is_some_and(|r| {
                    matches!(
                        r.kind,
                        RowKind::LineItem
                            | RowKind::BudgetFrame
                            | RowKind::Adjustment
                            | RowKind::Memo
                    ) && r.group.is_none()
                })
            })
            .collect();
        // After a frame: the sum of its adjustments alone.
        let frame = terms
            .iter()
            .rposition(|&t| infos.get(t).is_some_and(|r| r.kind == RowKind::BudgetFrame));
        let after_frame: Vec<usize> = frame
            .map(|f| terms.get(f + 1..).unwrap_or(&[]).to_vec())
            .unwrap_or_default();
        if after_frame.len() >= 2 && sum.holds(candidate, None, &after_frame) {
            if let Some(r) = infos.get_mut(candidate) {
                r.kind = RowKind::Subtotal;
            }
            return;
        }
        if terms.len() < 2 || !sum.holds(candidate, None, &terms) {
            continue;
        }
        let changes = infos
            .get(candidate)
            .is_some_and(|r| r.label.to_lowercase().starts_with("förändring"));
        for &t in &terms {
            if let Some(r) = infos.get_mut(t) {
                if changes && r.kind != RowKind::BudgetFrame {
                    r.kind = RowKind::Change;
                } else if matches!(r.kind, RowKind::Adjustment | RowKind::Memo) {
                    r.kind = RowKind::LineItem;
                }
                r.parent = None;
            }
        }
        if let Some(r) = infos.get_mut(candidate) {
            r.kind = RowKind::Total;
            r.parent = None;
        }
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(label: &str, kind: RowKind, group: Option<&str>) -> RowInfo {
        RowInfo {
            kind,
            parent: None,
            section: None,
            label: label.into(),
            footnotes: Vec::new(),
            total_like: super::super::rows::is_total_like(&label.to_lowercase()),
            group: group.map(str::to_string),
        }
    }

    fn grid(rows: &[&[&str]]) -> Vec<Vec<Option<Amount>>> {
        rows.iter()
            .map(|r| r.iter().map(|v| v.parse::<Amount>().ok()).collect())
            .collect()
    }

    fn column() -> Column {
        Column {
            key: "budget_2021".into(),
            label: "Budget 2021".into(),
            kind: Some(ColumnKind::Budget),
            year: Some(2021),
            proposal: false,
            measure: None,
            percent: false,
            compares: Vec::new(),
            partial: None,
        }
    }

    fn kinds(infos: &[RowInfo]) -> Vec<(RowKind, Option<String>)> {
        infos.iter().map(|r| (r.kind, r.group.clone())).collect()
    }

    #[test]
    fn a_statement_and_its_sums() {
        use RowKind::*;
        let mut infos = vec![
            info("Verksamhetens intäkter", LineItem, None),
            info("Verksamhetens kostnader", LineItem, None),
            info("Verksamhetens nettokostnader", Total, None),
            info("Skatteintäkter", Memo, None),
            info("Verksamhetens resultat", Memo, None),
            info("Årets resultat", Memo, None),
        ];
        let g = grid(&[
            &["270.6"],
            &["-1329.0"],
            &["-1058.4"],
            &["1100.0"],
            &["41.6"],
            &["41.6"],
        ]);
        settle(&mut infos, &g, &[column()], TableRole::IncomeStatement);
        assert_eq!(
            infos.iter().map(|r| r.kind).collect::<Vec<_>>(),
            [Memo, Memo, Subtotal, Memo, Subtotal, Total]
        );
    }

    #[test]
    fn blocks_with_their_sum_on_top() {
        use RowKind::*;
        let mut infos = vec![
            info("Kommunstyrelse", LineItem, None),
            info("Ledning", LineItem, None),
            info("Kultur", LineItem, None),
            info("Socialnämnd", LineItem, None),
            info("Äldreomsorg", LineItem, None),
            info("IFO", LineItem, None),
            info("Revision", LineItem, None),
        ];
        let g = grid(&[
            &["305.8"],
            &["16.2"],
            &["289.5"],
            &["180.0"],
            &["104.5"],
            &["75.6"],
            &["0.5"],
        ]);
        settle(&mut infos, &g, &[column()], TableRole::OperatingSummary);
        let k = |s: &str| Some(s.to_string());
        assert_eq!(
            kinds(&infos),
            [
                (Subtotal, k("Kommunstyrelse")),
                (LineItem, k("Kommunstyrelse")),
                (LineItem, k("Kommunstyrelse")),
                (Subtotal, k("Socialnämnd")),
                (LineItem, k("Socialnämnd")),
                (LineItem, k("Socialnämnd")),
                (LineItem, None),
            ]
        );
    }

    #[test]
    fn group_sums_and_a_total_by_another_name() {
        use RowKind::*;
        let mut infos = vec![
            info("Politisk verksamhet", LineItem, Some("KS")),
            info("Räddningstjänst", LineItem, Some("KS")),
            info("Summa", Total, Some("KS")),
            info("Gymnasieskola", LineItem, Some("FN")),
            info("Summa", Memo, Some("FN")),
        ];
        let g = grid(&[&["8.8"], &["16.4"], &["25.2"], &["105.0"], &["105.0"]]);
        settle(&mut infos, &g, &[column()], TableRole::OperatingSummary);
        assert_eq!(
            infos.iter().map(|r| r.kind).collect::<Vec<_>>(),
            [LineItem, LineItem, Subtotal, LineItem, Subtotal]
        );
        let mut infos = vec![
            info("Skatteintäkter", LineItem, None),
            info("Kommunalekonomisk utjämning", LineItem, None),
            info("Förändringar jämfört med beslut om budget", LineItem, None),
        ];
        let g = grid(&[&["68.2"], &["35.1"], &["103.3"]]);
        settle(&mut infos, &g, &[column()], TableRole::Other);
        assert_eq!(
            infos.iter().map(|r| r.kind).collect::<Vec<_>>(),
            [Change, Change, Total]
        );
    }
}
