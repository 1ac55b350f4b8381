//! Reading a table's printed rows into amounts: the rows that carry amounts
//! ([`KeptRows`], each a [`Kept`] row), every printed cell read as an amount
//! against the table's decimal convention and the column it stands in, and
//! rows whose digits cannot be told from their label left empty. Every cell
//! that is not read is a warning, and the row is marked doubtful so that no
//! check is made on the empty cell.

use super::{convention, rows};
use crate::amount::Amount;
use crate::provenance;
use crate::schema::*;
use internbudget_parser::{self as parser, RowValues};

/// A printed row that carries amounts, with its meaning and its cells read.
pub(super) struct Kept<'a> {
    /// The row as the parser read it.
    pub row: &'a parser::Row,
    /// What the row is.
    pub info: rows::RowInfo,
    /// Its amounts, each with where it was printed, in the order of the
    /// row's cells (per column for a placed row, as printed otherwise).
    pub cells: Vec<Option<(Amount, Provenance)>>,
    /// A cell of it was left empty for a doubt (its checks are not made in
    /// those columns).
    pub doubtful: bool,
}

/// The rows of a table that carry amounts, in printed order.
pub(super) struct KeptRows<'a> {
    /// The rows.
    pub rows: Vec<Kept<'a>>,
    /// Per printed row, its index among the kept rows (none for a heading).
    pub index_of: Vec<Option<usize>>,
}

/// Reads the cells of the rows `infos` gives a meaning (the others are
/// headings), with a warning for every cell or row left empty.
pub(super) fn read_rows<'a>(
    t: &'a parser::Table,
    infos: Vec<Option<rows::RowInfo>>,
    columns: &[Column],
    warnings: &mut Vec<Warning>,
) -> KeptRows<'a> {
    let convention = convention::Convention::of(
        t.rows
            .iter()
            .flat_map(|r| r.values.cells().iter().flatten().map(|c| c.text.as_str())),
    );
    let mut kept: Vec<Kept<'_>> = Vec::new();
    let mut index_of: Vec<Option<usize>> = vec![None; t.rows.len()];
    for (i, (row, info)) in t.rows.iter().zip(infos).enumerate() {
        let Some(info) = info else { continue };
        let (mut cells, mut doubtful) =
            read_cells(row, &info.label, columns, &convention, warnings);
        if withhold_run_on(row, &info.label, &mut cells, warnings) {
            doubtful = true;
        }
        if let Some(slot) = index_of.get_mut(i) {
            *slot = Some(kept.len());
        }
        kept.push(Kept {
            row,
            info,
            cells,
            doubtful,
        });
    }
    KeptRows {
        rows: kept,
        index_of,
    }
}

/// The amounts of one row's cells, with where each was printed, and
/// whether a cell was left empty for a doubt (with a warning).
fn read_cells(
    row: &parser::Row,
    label: &str,
    columns: &[Column],
    convention: &convention::Convention,
    warnings: &mut Vec<Warning>,
) -> (Vec<Option<(Amount, Provenance)>>, bool) {
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
            let read = cell_amount(&c.text, column, label, convention);
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
    (cells, doubt)
}

/// "Skola 12 345 678" with 901 234 in a column: the row's digits ran into
/// its label, and where its first amount starts cannot be told; likewise a
/// row the parser read more numbers in than it has columns. Such a row's
/// amounts are left empty, with a warning; true when they were.
fn withhold_run_on(
    row: &parser::Row,
    label: &str,
    cells: &mut [Option<(Amount, Provenance)>],
    warnings: &mut Vec<Warning>,
) -> bool {
    let first_cell = row.values.cells().iter().flatten().next();
    let glued = first_cell.is_some_and(|c| digits_run_on(label, &c.text));
    let run_on = trailing_amounts(label) >= 2 || glued;
    if !((run_on || row.ambiguous) && cells.iter().any(Option::is_some)) {
        return false;
    }
    let message = if run_on {
        format!(
            "the label \"{label}\" ends in digits that may be its amounts: which digits are its cells cannot be told; its amounts are left empty"
        )
    } else {
        format!(
            "the digits of the row \"{label}\" read as more numbers than the columns they stand under: which digits are its cells cannot be told; its amounts are left empty"
        )
    };
    warnings.push(Warning {
        code: WarningCode::ReadingAmbiguous,
        message,
        provenance: Some(provenance(&row.origin)),
    });
    cells.iter_mut().for_each(|c| *c = None);
    true
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
