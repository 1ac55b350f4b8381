//! One amount table, from what the parser read to the normalized table
//! ([`table`], a list of its phases): column semantics ([`columns`]), the
//! table's role ([`roles`]), row semantics ([`rows`]), the printed cells
//! read as amounts ([`cells`]), amounts placed where the source did not
//! show their columns ([`placement`]), the sums the amounts show
//! ([`sums`]), and the reconciliation checks ([`checks`]).

mod cells;
pub(crate) mod checks;
pub(crate) mod columns;
mod convention;
mod placement;
mod roles;
mod rows;
mod sums;

use crate::amount::Amount;
use crate::provenance;
use crate::schema::*;
use cells::{Kept, KeptRows};
use internbudget_layout::Deadline;
use internbudget_parser::{self as parser, RowValues};

pub(crate) use cells::trailing_amounts;

/// Per column, the share of its printed cells that are percentages ("8,5 %"),
/// over the rows whose cells show their columns.
fn percent_shares(t: &parser::Table) -> Vec<f64> {
    let n = t.columns.len();
    let mut pct = vec![0usize; n];
    let mut all = vec![0usize; n];
    for r in &t.rows {
        let RowValues::Placed(cells) = &r.values else {
            continue;
        };
        for (i, c) in cells.iter().enumerate() {
            let Some(c) = c else { continue };
            if let Some(a) = all.get_mut(i) {
                *a += 1;
            }
            if c.text.trim_end().ends_with('%')
                && let Some(p) = pct.get_mut(i)
            {
                *p += 1;
            }
        }
    }
    pct.iter()
        .zip(&all)
        .map(|(&p, &a)| if a == 0 { 0.0 } else { p as f64 / a as f64 })
        .collect()
}

/// The table's columns, with a warning for each column whose kind or year
/// the print does not tell.
fn table_columns(
    t: &parser::Table,
    id: &str,
    budget_year: Option<i32>,
    warnings: &mut Vec<Warning>,
) -> Vec<Column> {
    let context = format!("{} {}", t.title, t.header_text).to_lowercase();
    let ctx = columns::Context {
        budget_year,
        indicator: false,
        report: ["redovisning", "bokslut", "utfall"]
            .iter()
            .any(|w| context.contains(w)),
        context_year: t.context_year,
        per_year: ["per år", "årlig förändring", "årliga förändringar"]
            .iter()
            .any(|w| context.contains(w)),
    };
    let percent: Vec<bool> = percent_shares(t).iter().map(|&s| s >= 0.6).collect();
    let (columns, unknown) = columns::classify_all(&t.columns, &ctx, &percent);
    for u in unknown {
        let (code, message) = match u {
            columns::Unknown::Kind(label) => (
                WarningCode::ColumnKindUnknown,
                format!(
                    "the column \"{label}\" of table {id} names no kind of amount (outcome, budget, plan…); its kind is null"
                ),
            ),
            columns::Unknown::Year(label, year) => (
                WarningCode::ColumnYearInferred,
                format!(
                    "the column \"{label}\" of table {id} prints no year; {year}, the year the text around the table names, was taken"
                ),
            ),
        };
        warnings.push(Warning {
            code,
            message,
            provenance: Some(provenance(&t.origin)),
        });
    }
    columns
}

/// One amount table: its columns, role and unit, its rows' cells read,
/// placed and settled, the normalized rows, and the checks on them.
/// Warnings go to `warnings` in that order.
pub(crate) fn table(
    t: &parser::Table,
    id: String,
    budget_year: Option<i32>,
    warnings: &mut Vec<Warning>,
    deadline: &Deadline,
) -> (Table, Vec<Check>) {
    let mut columns = table_columns(t, &id, budget_year, warnings);
    let role = table_role(t);
    let unit = table_unit(t, &id, warnings);
    let infos = rows::classify(&t.rows, &columns, budget_year);
    let kept = cells::read_rows(t, infos, &columns, warnings);
    let placed = place_amounts(&kept.rows, &columns, budget_year, deadline, warnings);
    let grid: Vec<Vec<Option<Amount>>> = placed.iter().map(|p| p.values.clone()).collect();
    columns::orient_differences(&mut columns, &grid);
    let infos = settle_rows(t, &kept.rows, &grid, &columns, role, warnings);
    let mut out_rows = output_rows(&kept, &infos, placed);
    let mut kept = kept;
    let refs = row_refs(&out_rows, &infos, role);
    let mut out_checks = table_checks(&id, &out_rows, &refs, &kept.rows, &columns);
    if withhold_failed_cuts(&mut out_rows, &mut kept.rows, &out_checks, warnings) {
        let refs = row_refs(&out_rows, &infos, role);
        out_checks = table_checks(&id, &out_rows, &refs, &kept.rows, &columns);
    }
    warn_failed_checks(t, &id, &out_checks, warnings);
    (
        Table {
            id,
            role,
            title: table_title(t, role),
            unit,
            unit_factor: unit.map(Unit::factor),
            columns,
            rows: out_rows,
            footnotes: footnotes(&t.footnotes),
            primary: false,
            summary_of: None,
            superseded_by: None,
            provenance: provenance(&t.origin),
        },
        out_checks,
    )
}

/// The table's role, from its title, header and row labels.
fn table_role(t: &parser::Table) -> TableRole {
    let labels: Vec<&str> = t.rows.iter().map(|r| r.label.as_str()).collect();
    roles::role(&t.title, &t.header_text, &labels, t.unit.is_some())
}

/// The unit printed with the table, with a warning when none is.
fn table_unit(t: &parser::Table, id: &str, warnings: &mut Vec<Warning>) -> Option<Unit> {
    let unit = t.unit.map(|u| match u {
        parser::vocab::UnitWord::Kr => Unit::Kr,
        parser::vocab::UnitWord::Tkr => Unit::Tkr,
        parser::vocab::UnitWord::Mnkr => Unit::Mnkr,
    });
    if unit.is_none() {
        warnings.push(Warning {
            code: WarningCode::UnitUnknown,
            message: format!(
                "no amount unit (tkr, mnkr…) is printed with table {id} (\"{}\"); its unit is null",
                t.title
            ),
            provenance: Some(provenance(&t.origin)),
        });
    }
    unit
}

/// One row's amounts in their columns.
struct PlacedRow {
    /// One amount per column.
    values: Vec<Option<Amount>>,
    /// Where each amount was printed.
    value_provenance: Vec<Option<Provenance>>,
    /// How the amounts were put in their columns.
    placement: Placement,
}

/// Puts every kept row's amounts in their columns: as printed where the
/// source shows the columns, else as [`placement::place`] chooses (with a
/// warning per row placed so).
fn place_amounts(
    kept: &[Kept<'_>],
    columns: &[Column],
    budget_year: Option<i32>,
    deadline: &Deadline,
    warnings: &mut Vec<Warning>,
) -> Vec<PlacedRow> {
    let work: Vec<placement::Work> = kept
        .iter()
        .map(|k| placement::Work {
            kind: k.info.kind,
            total_like: k.info.total_like,
            cells: k.cells.iter().map(|c| c.map(|(a, _)| a)).collect(),
            placed: matches!(k.row.values, RowValues::Placed(_)),
        })
        .collect();
    let choices = placement::place(&work, columns, budget_year, deadline);
    kept.iter()
        .enumerate()
        .map(|(j, k)| match choices.get(j).cloned().flatten() {
            Some(choice) => placed_by_choice(k, &choice, columns, warnings),
            None => placed_as_printed(k, columns.len()),
        })
        .collect()
}

/// A row whose cells stand in their columns (or one per column).
fn placed_as_printed(k: &Kept<'_>, n: usize) -> PlacedRow {
    let mut values = vec![None; n];
    let mut value_provenance = vec![None; n];
    for (c, cell) in k.cells.iter().enumerate().take(n) {
        if let Some(slot) = values.get_mut(c) {
            *slot = cell.map(|c| c.0);
        }
        if let Some(slot) = value_provenance.get_mut(c) {
            *slot = cell.map(|c| c.1);
        }
    }
    PlacedRow {
        values,
        value_provenance,
        placement: Placement::Printed,
    }
}

/// A row whose columns the source did not show, in the columns chosen for
/// it, with a warning saying where and why.
fn placed_by_choice(
    k: &Kept<'_>,
    choice: &placement::Choice,
    columns: &[Column],
    warnings: &mut Vec<Warning>,
) -> PlacedRow {
    let n = columns.len();
    let mut values = vec![None; n];
    let mut value_provenance = vec![None; n];
    for (cell, col) in k.cells.iter().zip(&choice.columns) {
        if let Some(slot) = values.get_mut(*col) {
            *slot = cell.map(|c| c.0);
        }
        if let Some(slot) = value_provenance.get_mut(*col) {
            *slot = cell.map(|c| c.1);
        }
    }
    let label = |c: Option<&usize>| c.and_then(|c| columns.get(*c)).map(|c| c.label.clone());
    let from = label(choice.columns.first());
    let to = label(choice.columns.last());
    let how = match choice.method {
        Placement::Reconciliation => "so that the table reconciles",
        _ => "by the row kind",
    };
    warnings.push(Warning {
        code: WarningCode::PlacementInferred,
        message: format!(
            "the {} amounts of \"{}\" do not show their columns in the source; placed in {} – {} {}",
            k.cells.len(),
            k.info.label,
            from.unwrap_or_default(),
            to.unwrap_or_default(),
            how
        ),
        provenance: Some(provenance(&k.row.origin)),
    });
    PlacedRow {
        values,
        value_provenance,
        placement: choice.method,
    }
}

/// The rows' meanings settled by the table's amounts (`grid`): where runs
/// of changes end ([`rows::settle_change_runs`], with a warning) and which
/// rows are sums ([`sums::settle`]).
fn settle_rows(
    t: &parser::Table,
    kept: &[Kept<'_>],
    grid: &[Vec<Option<Amount>>],
    columns: &[Column],
    role: TableRole,
    warnings: &mut Vec<Warning>,
) -> Vec<rows::RowInfo> {
    let mut infos: Vec<rows::RowInfo> = kept.iter().map(|k| k.info.clone()).collect();
    let turned = rows::settle_change_runs(&mut infos, grid);
    sums::settle(&mut infos, grid, columns, role);
    if let (Some(&first), Some(parent)) = (
        turned.first(),
        turned
            .first()
            .and_then(|&r| kept.get(r))
            .and_then(|k| k.info.parent)
            .and_then(|p| t.rows.get(p)),
    ) {
        let names: Vec<&str> = turned
            .iter()
            .filter_map(|&r| infos.get(r).map(|i| i.label.as_str()))
            .collect();
        warnings.push(Warning {
            code: WarningCode::ChangeRunEnded,
            message: format!(
                "\"{}\" read as line item(s), not as changes under \"{}\": the source does not show where its changes end, and only so do the line items sum to the total",
                names.join("\", \""),
                parent.label.trim()
            ),
            provenance: kept.get(first).map(|k| provenance(&k.row.origin)),
        });
    }
    infos
}

/// The normalized rows: keys, parents, labels and amounts.
fn output_rows(kept: &KeptRows<'_>, infos: &[rows::RowInfo], placed: Vec<PlacedRow>) -> Vec<Row> {
    let labels: Vec<&str> = infos.iter().map(|i| i.label.as_str()).collect();
    let keys = rows::keys(&labels);
    let mut out_rows: Vec<Row> = Vec::with_capacity(kept.rows.len());
    for (j, ((k, info), p)) in kept.rows.iter().zip(infos).zip(placed).enumerate() {
        let parent_idx = info
            .parent
            .and_then(|p| kept.index_of.get(p).copied().flatten());
        out_rows.push(Row {
            key: keys.get(j).cloned().unwrap_or_default(),
            label: info.label.clone(),
            kind: info.kind,
            parent: parent_idx
                .and_then(|p| infos.get(p))
                .map(|p| p.label.clone()),
            parent_key: parent_idx.and_then(|p| keys.get(p)).cloned(),
            section: info.section.clone(),
            group: info.group.clone(),
            note: k.row.note.as_ref().map(|c| c.text.clone()),
            footnotes: info.footnotes.clone(),
            values: p.values,
            value_provenance: p.value_provenance,
            placement: p.placement,
            provenance: provenance(&k.row.origin),
        });
    }
    out_rows
}

/// The reconciliation checks on the final table, leaving out those a cell
/// left empty for a doubt would decide, with a warning when some fail.
fn table_checks(
    id: &str,
    out_rows: &[Row],
    refs: &[checks::RowRef<'_>],
    kept: &[Kept<'_>],
    columns: &[Column],
) -> Vec<Check> {
    let raw: Vec<checks::RawCheck> = checks::reconcile(refs, &checks::column_refs(columns))
        .into_iter()
        .filter(|c| {
            // A sum missing a cell that was left empty for a doubt says
            // nothing about the source.
            !c.rows.iter().any(|&r| {
                kept.get(r).is_some_and(|k| k.doubtful)
                    && out_rows
                        .get(r)
                        .and_then(|row| row.values.get(c.column))
                        .is_some_and(Option::is_none)
            })
        })
        .collect();
    let out_checks: Vec<Check> = raw
        .iter()
        .map(|c| Check {
            table: id.to_string(),
            kind: c.kind,
            column: columns
                .get(c.column)
                .map(|col| col.key.clone())
                .unwrap_or_default(),
            year: columns.get(c.column).and_then(|col| col.year),
            expected: c.expected,
            found: c.found,
            difference: c.found - c.expected,
            ok: c.ok(),
            within_rounding: c.within_rounding(refs),
            rows: c
                .rows
                .iter()
                .filter_map(|&r| out_rows.get(r).map(|row| row.key.clone()))
                .collect(),
        })
        .collect();
    out_checks
}

/// Rows of text whose layout is lost, cut into numbers by choice
/// ([`parser::Row::cut_chosen`]), whose own arithmetic then fails beyond
/// rounding (a deviation that is not the difference it names, revenue and
/// cost that do not make the net): the cut is wrong somewhere in the row,
/// so its amounts are left empty, with a warning. True when any was.
fn withhold_failed_cuts(
    out_rows: &mut [Row],
    kept: &mut [Kept<'_>],
    checks: &[Check],
    warnings: &mut Vec<Warning>,
) -> bool {
    let mut any = false;
    for c in checks.iter().filter(|c| {
        !c.ok
            && !c.within_rounding
            && matches!(c.kind, CheckKind::RowDifference | CheckKind::RevenueCostNet)
    }) {
        let [key] = c.rows.as_slice() else { continue };
        let Some(j) = out_rows.iter().position(|r| &r.key == key) else {
            continue;
        };
        let (Some(row), Some(k)) = (out_rows.get_mut(j), kept.get_mut(j)) else {
            continue;
        };
        if !k.row.cut_chosen || row.values.iter().all(Option::is_none) {
            continue;
        }
        row.values.iter_mut().for_each(|v| *v = None);
        row.value_provenance.iter_mut().for_each(|v| *v = None);
        k.doubtful = true;
        any = true;
        warnings.push(Warning {
            code: WarningCode::ReadingAmbiguous,
            message: format!(
                "the digits of the row \"{}\" could be cut into cells more than one way, and the likeliest cut fails the row's own arithmetic: its amounts are left empty",
                row.label
            ),
            provenance: Some(row.provenance),
        });
    }
    any
}

/// Warns of the checks of a table that do not hold.
fn warn_failed_checks(
    t: &parser::Table,
    id: &str,
    out_checks: &[Check],
    warnings: &mut Vec<Warning>,
) {
    let failed = out_checks.iter().filter(|c| !c.ok).count();
    if failed > 0 {
        warnings.push(Warning {
            code: WarningCode::ChecksFailed,
            message: format!(
                "{failed} of {} reconciliation checks of table {id} (\"{}\") do not hold; see checks",
                out_checks.len(),
                t.title
            ),
            provenance: Some(provenance(&t.origin)),
        });
    }
}

/// The rows as the checks see them: blocks numbered in order of their
/// first row, foreign frames and "varav" parts marked.
fn row_refs<'a>(
    out_rows: &'a [Row],
    infos: &[rows::RowInfo],
    role: TableRole,
) -> Vec<checks::RowRef<'a>> {
    let mut groups: Vec<&str> = Vec::new();
    out_rows
        .iter()
        .zip(infos)
        .map(|(r, info)| {
            let group = info.group.as_deref().map(|g| {
                let at = groups.iter().position(|x| *x == g).unwrap_or_else(|| {
                    groups.push(g);
                    groups.len() - 1
                });
                u32::try_from(at).unwrap_or(u32::MAX)
            });
            let lower = info.label.to_lowercase();
            checks::RowRef {
                kind: r.kind,
                total_like: info.total_like,
                values: &r.values,
                group,
                foreign: r.kind == RowKind::BudgetFrame && foreign_frame(&lower, role),
                part: lower.starts_with("varav") || lower.starts_with("därav"),
            }
        })
        .collect()
}

/// The footnotes printed under the table, each split into its marker
/// ("*", "1") and its text.
fn footnotes(printed: &[String]) -> Vec<Footnote> {
    printed
        .iter()
        .map(|f| {
            let f = f.trim();
            let marker: String = f
                .chars()
                .take_while(|c| *c == '*' || c.is_ascii_digit())
                .collect();
            Footnote {
                text: f.get(marker.len()..).unwrap_or("").trim().to_string(),
                marker,
            }
        })
        .collect()
}

/// The printed title, or for a table printed without one the name of its
/// role.
fn table_title(t: &parser::Table, role: TableRole) -> String {
    if t.title.is_empty() {
        match role {
            TableRole::Investments => "Investeringar".to_string(),
            _ => "Driftsammandrag".to_string(),
        }
    } else {
        t.title.clone()
    }
}

/// A frame of another kind than its table's: an investment frame under
/// operating costs ("Investeringsram"), an operating frame under
/// investments.
fn foreign_frame(label: &str, role: TableRole) -> bool {
    if role == TableRole::Investments {
        label.contains("driftram") || label.contains("kommunbidrag")
    } else {
        label.contains("investering")
    }
}
