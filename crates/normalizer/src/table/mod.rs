//! One amount table, from what the parser read to the normalized table:
//! column semantics ([`columns`]), the table's role ([`roles`]), row
//! semantics ([`rows`]), amounts placed where the source did not show their
//! columns ([`placement`]), and the reconciliation checks ([`checks`]).

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
use internbudget_layout::Deadline;
use internbudget_parser::{self as parser, RowValues};

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

/// The amount of a printed cell, in the column it stands in (when known):
/// a percentage is read only in a column of percentages; anything else
/// that is not an amount is a warning's message.
fn cell_amount(
    text: &str,
    column: Option<&Column>,
    label: &str,
    convention: &convention::Convention,
) -> Result<Amount, (WarningCode, String)> {
    let trimmed = text.trim_end();
    if let Some(why) = convention.doubt(trimmed) {
        return Err((
            WarningCode::NumberConvention,
            format!("\"{text}\" in row \"{label}\" is not read: {why}; left empty"),
        ));
    }
    if let Some(number) = trimmed.strip_suffix('%') {
        return match (column, Amount::parse_printed(number.trim_end())) {
            (Some(c), Some(a)) if c.percent => Ok(a),
            _ => Err((
                WarningCode::PercentInAmountColumn,
                format!(
                    "\"{text}\" in row \"{label}\" is a percentage in a column of amounts; left empty"
                ),
            )),
        };
    }
    Amount::parse_printed(text).ok_or_else(|| {
        (
            WarningCode::UnreadAmount,
            format!("\"{text}\" in row \"{label}\" is not an amount; left empty"),
        )
    })
}

/// How many amounts a label ends in: tokens of digits ("50 861 50 861"
/// ends in four), not counting a year or a single small number ("Plan 2",
/// "Effektivisering 1,5").
pub(crate) fn trailing_amounts(label: &str) -> usize {
    let tokens: Vec<&str> = label.split_whitespace().collect();
    let n = tokens
        .iter()
        .rev()
        .take_while(|t| {
            let t = t.trim_start_matches(['-', '−', '–']);
            !t.is_empty()
                && t.chars().all(|c| c.is_ascii_digit() || c == ',')
                && parser::number::year(t).is_none()
        })
        .count();
    let only_year = n == 1
        && tokens
            .last()
            .is_some_and(|t| t.len() == 4 && t.starts_with("20") || t.len() <= 2);
    if only_year { 0 } else { n }
}

/// A label ending in a short number ("Skola 12") before an amount whose
/// first group has three digits ("345 678 901 234"): the number may be the
/// amount's first group, printed too wide for its column.
fn digits_run_on(label: &str, first: &str) -> bool {
    let Some(last) = label.split_whitespace().last() else {
        return false;
    };
    let short = (1..=3).contains(&last.len()) && last.chars().all(|c| c.is_ascii_digit());
    let group = first
        .trim_start_matches(|c: char| parser::number::is_minus(c) || c == '(')
        .split(parser::number::is_group_space)
        .collect::<Vec<_>>();
    let continues = group.len() >= 2 && group.first().is_some_and(|g| g.len() == 3);
    short && continues && label.split_whitespace().count() >= 2
}

pub(crate) fn table(
    t: &parser::Table,
    id: String,
    budget_year: Option<i32>,
    warnings: &mut Vec<Warning>,
    deadline: &Deadline,
) -> (Table, Vec<Check>) {
    let mut columns = table_columns(t, &id, budget_year, warnings);
    let n = columns.len();
    let labels: Vec<&str> = t.rows.iter().map(|r| r.label.as_str()).collect();
    let role = roles::role(&t.title, &t.header_text, &labels, t.unit.is_some());
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
    let infos = rows::classify(&t.rows, &columns, budget_year);
    // Rows that carry amounts, with their cells parsed.
    struct Kept<'a> {
        row: &'a parser::Row,
        info: rows::RowInfo,
        cells: Vec<Option<(Amount, Provenance)>>,
    }
    let convention = convention::Convention::of(
        t.rows
            .iter()
            .flat_map(|r| r.values.cells().iter().flatten().map(|c| c.text.as_str())),
    );
    let mut kept: Vec<Kept<'_>> = Vec::new();
    // Per kept row: a cell of it was left empty for a doubt (its checks
    // are not made in those columns).
    let mut doubtful: Vec<bool> = Vec::new();
    let mut index_of: Vec<Option<usize>> = vec![None; t.rows.len()];
    for (i, (row, info)) in t.rows.iter().zip(infos).enumerate() {
        let Some(info) = info else { continue };
        let placed = matches!(row.values, RowValues::Placed(_));
        let mut doubt = false;
        let cells = row
            .values
            .cells()
            .iter()
            .enumerate()
            .map(|(ci, c)| {
                let c = c.as_ref()?;
                let column = columns.get(ci).filter(|_| placed);
                let read = cell_amount(&c.text, column, &info.label, &convention);
                match read {
                    Ok(a) => Some((a, provenance(&c.origin))),
                    Err((code, message)) => {
                        warnings.push(Warning {
                            code,
                            message,
                            provenance: Some(provenance(&c.origin)),
                        });
                        doubt = true;
                        None
                    }
                }
            })
            .collect();
        let mut cells: Vec<Option<(Amount, Provenance)>> = cells;
        // "Skola 12 345 678" with 901 234 in a column: the row's digits ran
        // into its label, and where its first amount starts cannot be told.
        let first_cell = row.values.cells().iter().flatten().next();
        let glued = first_cell.is_some_and(|c| digits_run_on(&info.label, &c.text));
        let run_on = trailing_amounts(&info.label) >= 2 || glued;
        if (run_on || row.ambiguous) && cells.iter().any(Option::is_some) {
            let message = if run_on {
                format!(
                    "the label \"{}\" ends in digits that may be its amounts: which digits are its cells cannot be told; its amounts are left empty",
                    info.label
                )
            } else {
                format!(
                    "the digits of the row \"{}\" read as more numbers than the columns they stand under: which digits are its cells cannot be told; its amounts are left empty",
                    info.label
                )
            };
            warnings.push(Warning {
                code: WarningCode::ReadingAmbiguous,
                message,
                provenance: Some(provenance(&row.origin)),
            });
            cells.iter_mut().for_each(|c| *c = None);
            doubt = true;
        }
        doubtful.push(doubt);
        if let Some(slot) = index_of.get_mut(i) {
            *slot = Some(kept.len());
        }
        kept.push(Kept { row, info, cells });
    }
    let work: Vec<placement::Work> = kept
        .iter()
        .map(|k| placement::Work {
            kind: k.info.kind,
            total_like: k.info.total_like,
            cells: k.cells.iter().map(|c| c.map(|(a, _)| a)).collect(),
            placed: matches!(k.row.values, RowValues::Placed(_)),
        })
        .collect();
    let choices = placement::place(&work, &columns, budget_year, deadline);
    // Amounts in their columns, row by row.
    type Placed = (Vec<Option<Amount>>, Vec<Option<Provenance>>, Placement);
    let mut placed: Vec<Placed> = Vec::with_capacity(kept.len());
    for (j, k) in kept.iter().enumerate() {
        let mut values = vec![None; n];
        let mut value_provenance = vec![None; n];
        let mut placement_kind = Placement::Printed;
        match choices.get(j).cloned().flatten() {
            Some(choice) => {
                placement_kind = choice.method;
                for (cell, col) in k.cells.iter().zip(&choice.columns) {
                    if let Some(slot) = values.get_mut(*col) {
                        *slot = cell.map(|c| c.0);
                    }
                    if let Some(slot) = value_provenance.get_mut(*col) {
                        *slot = cell.map(|c| c.1);
                    }
                }
                let from = choice
                    .columns
                    .first()
                    .and_then(|c| columns.get(*c))
                    .map(|c| c.label.clone());
                let to = choice
                    .columns
                    .last()
                    .and_then(|c| columns.get(*c))
                    .map(|c| c.label.clone());
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
            }
            None => {
                for (c, cell) in k.cells.iter().enumerate().take(n) {
                    if let Some(slot) = values.get_mut(c) {
                        *slot = cell.map(|c| c.0);
                    }
                    if let Some(slot) = value_provenance.get_mut(c) {
                        *slot = cell.map(|c| c.1);
                    }
                }
            }
        }
        placed.push((values, value_provenance, placement_kind));
    }
    let grid: Vec<Vec<Option<Amount>>> = placed.iter().map(|p| p.0.clone()).collect();
    columns::orient_differences(&mut columns, &grid);
    let mut infos: Vec<rows::RowInfo> = kept.iter().map(|k| k.info.clone()).collect();
    let turned = rows::settle_change_runs(&mut infos, &grid);
    sums::settle(&mut infos, &grid, &columns, role);
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
    let labels: Vec<&str> = infos.iter().map(|i| i.label.as_str()).collect();
    let keys = rows::keys(&labels);
    let mut out_rows: Vec<Row> = Vec::with_capacity(kept.len());
    for (j, ((k, info), (values, value_provenance, placement_kind))) in
        kept.iter().zip(&infos).zip(placed).enumerate()
    {
        let parent_idx = info.parent.and_then(|p| index_of.get(p).copied().flatten());
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
            values,
            value_provenance,
            placement: placement_kind,
            provenance: provenance(&k.row.origin),
        });
    }
    // Checks on the final table.
    let mut groups: Vec<&str> = Vec::new();
    let refs: Vec<checks::RowRef<'_>> = out_rows
        .iter()
        .zip(&infos)
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
        .collect();
    let raw: Vec<checks::RawCheck> = checks::reconcile(&refs, &checks::column_refs(&columns))
        .into_iter()
        .filter(|c| {
            // A sum missing a cell that was left empty for a doubt says
            // nothing about the source.
            !c.rows.iter().any(|&r| {
                doubtful.get(r).copied().unwrap_or(false)
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
            table: id.clone(),
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
            within_rounding: c.within_rounding(&refs),
            rows: c
                .rows
                .iter()
                .filter_map(|&r| out_rows.get(r).map(|row| row.key.clone()))
                .collect(),
        })
        .collect();
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
    let footnotes = t
        .footnotes
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
        .collect();
    let title = if t.title.is_empty() {
        match role {
            TableRole::Investments => "Investeringar".to_string(),
            _ => "Driftsammandrag".to_string(),
        }
    } else {
        t.title.clone()
    };
    (
        Table {
            id,
            role,
            title,
            unit,
            unit_factor: unit.map(Unit::factor),
            columns,
            rows: out_rows,
            footnotes,
            primary: false,
            summary_of: None,
            superseded_by: None,
            provenance: provenance(&t.origin),
        },
        out_checks,
    )
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
