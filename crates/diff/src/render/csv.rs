//! The amount tables of a diff in daff's "highlighter" tabular-diff format,
//! so that tools that read daff diffs (daff itself, its renderers and
//! spreadsheet add-ons) can show it.
//!
//! The first column is the action: `!` marks the schema row (a year column
//! only the earlier tables have is `---`, only the later ones `+++`), `@@`
//! the header, `+++` an added row, `---` a removed row, `->` a row with a
//! changed value or label (the cell holds `old->new`; a side without a
//! value is `NULL`; a separator already present in a value is lengthened to
//! `-->`), `...` a run of unchanged rows left out. The other columns are
//! `table` (the later table's title; prefixed with the compared document
//! ids when more than two documents are compared), `kind` (the row kind),
//! `label`, `match` (how the row was aligned), `unit`, then one column per
//! fiscal year. Amounts are plain numbers with a dot as the decimal
//! separator. Indicators are not part of the CSV (see the JSON, Markdown or
//! HTML output). The report options choose the tables and rows and their
//! order; the words stay English (daff's format).

use super::{Lang, ReportOptions, match_text, unit_name, view};
use crate::model::{Diff, RowDiff, Status, TableDiff};
use internbudget_normalizer::{Amount, RowKind};

/// The fixed columns after the action.
const FIXED: [&str; 5] = ["table", "kind", "label", "match", "unit"];

/// Renders the amount tables of a diff as daff highlighter CSV.
pub fn csv(diff: &Diff, opts: &ReportOptions) -> String {
    let (years, marks) = year_columns(diff);
    let many = diff.documents.len() > 2;
    let mut out = String::new();
    header(&mut out, &years, &marks);
    for c in &diff.comparisons {
        for t in view::tables(c, opts) {
            let title = if many {
                format!("{}/{}: {}", c.a, c.b, t.b.title)
            } else {
                t.b.title.clone()
            };
            let years_ab = view::budget_years(diff, c, t);
            let rows = view::rows(t, years_ab, opts);
            table(&mut out, &title, t, &rows, &years);
        }
    }
    out
}

/// Every fiscal year of the diff's tables, ascending, and its mark: a year
/// column is removed (---) when every table diff that has it has it only on
/// the earlier side, added (+++) when only on the later side.
fn year_columns(diff: &Diff) -> (Vec<i32>, Vec<&'static str>) {
    let mut years: Vec<i32> = diff
        .comparisons
        .iter()
        .flat_map(|c| c.tables.iter())
        .flat_map(|t| t.years.iter().map(|y| y.year))
        .collect();
    years.sort_unstable();
    years.dedup();
    let marks: Vec<&str> = years
        .iter()
        .map(|y| {
            let sides: Vec<(bool, bool)> = diff
                .comparisons
                .iter()
                .flat_map(|c| c.tables.iter())
                .filter_map(|t| t.years.iter().find(|c| c.year == *y))
                .map(|c| (c.a.is_some(), c.b.is_some()))
                .collect();
            if sides.iter().all(|s| *s == (true, false)) {
                "---"
            } else if sides.iter().all(|s| *s == (false, true)) {
                "+++"
            } else {
                ""
            }
        })
        .collect();
    (years, marks)
}

/// The schema row (when a year column is added or removed) and the header.
fn header(out: &mut String, years: &[i32], marks: &[&str]) {
    if marks.iter().any(|m| !m.is_empty()) {
        let mut row = vec!["!".to_string()];
        row.extend(FIXED.iter().map(|_| String::new()));
        row.extend(marks.iter().map(|m| (*m).to_string()));
        line(out, &row);
    }
    let mut header = vec!["@@".to_string()];
    header.extend(FIXED.iter().map(|s| (*s).to_string()));
    header.extend(years.iter().map(i32::to_string));
    line(out, &header);
}

/// The rows `rows` of one table diff: added, removed and changed rows, a
/// run of unchanged rows as one `...` line.
fn table(out: &mut String, title: &str, t: &TableDiff, rows: &[usize], years: &[i32]) {
    let mut skipped = false;
    for r in rows.iter().filter_map(|i| t.rows.get(*i)) {
        let action = match r.status {
            Status::Added => "+++",
            Status::Removed => "---",
            Status::Matched if r.changed || r.renamed => "->",
            Status::Matched => {
                if !skipped {
                    let mut row = vec!["...".to_string()];
                    row.extend(std::iter::repeat_n(
                        String::new(),
                        FIXED.len() + years.len(),
                    ));
                    line(out, &row);
                    skipped = true;
                }
                continue;
            }
        };
        skipped = false;
        line(out, &row_cells(action, title, t, r, years));
    }
}

/// The cells of one row of a table diff.
fn row_cells(action: &str, title: &str, t: &TableDiff, r: &RowDiff, years: &[i32]) -> Vec<String> {
    let label = match (&r.a, &r.b) {
        (Some(a), Some(b)) if r.renamed => arrow(&a.label, &b.label),
        _ => r.label.clone(),
    };
    let mut cells = vec![
        action.to_string(),
        title.to_string(),
        kind_key(r.kind).to_string(),
        label,
        match_text(r.matched_by.as_ref(), Lang::En),
        unit_name(t.unit).to_string(),
    ];
    for y in years {
        let v = r.values.iter().find(|v| v.year == *y);
        let col = t.years.iter().find(|c| c.year == *y);
        let cell = match (v, col) {
            (Some(v), Some(col)) => {
                let both_columns = col.a.is_some() && col.b.is_some();
                match (v.a, v.b) {
                    (Some(a), Some(b)) if a.0 == b.0 => num(a),
                    (Some(a), Some(b)) => arrow(&num(a), &num(b)),
                    (Some(a), None) if both_columns && r.status == Status::Matched => {
                        arrow(&num(a), "NULL")
                    }
                    (None, Some(b)) if both_columns && r.status == Status::Matched => {
                        arrow("NULL", &num(b))
                    }
                    (Some(x), None) | (None, Some(x)) => num(x),
                    (None, None) => String::new(),
                }
            }
            _ => String::new(),
        };
        cells.push(cell);
    }
    cells
}

/// "old->new", with the separator lengthened while a value holds it.
fn arrow(a: &str, b: &str) -> String {
    let mut sep = "->".to_string();
    while a.contains(&sep) || b.contains(&sep) {
        sep.insert(0, '-');
    }
    format!("{a}{sep}{b}")
}

fn num(a: Amount) -> String {
    a.0.normalize().to_string()
}

/// The snake_case name of a row kind.
pub(crate) fn kind_key(k: RowKind) -> &'static str {
    k.as_str()
}

fn line(out: &mut String, cells: &[String]) {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| {
            if c.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect();
    out.push_str(&quoted.join(","));
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_lengthen_and_cells_quote() {
        assert_eq!(arrow("1", "2"), "1->2");
        assert_eq!(arrow("a->b", "c"), "a->b-->c");
        let mut s = String::new();
        line(&mut s, &["a,b".into(), "say \"x\"".into()]);
        assert_eq!(s, "\"a,b\",\"say \"\"x\"\"\"\n");
    }
}
