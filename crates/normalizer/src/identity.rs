//! Which budget a document is, and which of its tables to sum.
//!
//! - [`budget_id`]: the key one budget shares whatever source it was read
//!   from (a PDF and its text export): the SCB municipality code, the
//!   committee's slug ([`committee_slug`]) and the budget year,
//!   "0580-arbetsmarknadsnamnden-2021".
//! - [`mark_tables`]: per role (operating summary, investments), the
//!   document's primary table, and the tables that only repeat it: a
//!   summary that prints the same totals in brief (`summary_of`), and an
//!   earlier version of the same lines for the same years under an older
//!   decision (`superseded_by`). Summing the line items of primary tables
//!   never counts an amount twice.
//!
//! The rules use only what every table has — its columns (kind and year),
//! its total row, its line-item labels, the decision dates printed in its
//! title, frame rows and footnotes — never a title's particular words.

use crate::Amount;
use crate::schema::{Column, ColumnKind, RowKind, Table, TableRole};
use std::collections::HashSet;

/// A lowercase letter or digit in ASCII: Swedish and other accented
/// vowels lose their accents; anything else is `None` (a separator).
pub(crate) fn ascii_fold(c: char) -> Option<char> {
    match c {
        'å' | 'ä' | 'à' | 'á' | 'â' => Some('a'),
        'ö' | 'ø' | 'ó' | 'ô' => Some('o'),
        'é' | 'è' | 'ê' | 'ë' => Some('e'),
        'ü' | 'ú' => Some('u'),
        'í' | 'ï' => Some('i'),
        c if c.is_ascii_alphanumeric() => Some(c),
        _ => None,
    }
}

/// The committee's name (or any label) as a lowercase ASCII slug with hyphens:
/// "Barn- och ungdomsnämnden" → "barn-och-ungdomsnamnden". `None` when
/// nothing of it is a letter or digit.
pub fn committee_slug(committee: &str) -> Option<String> {
    let mut out = String::new();
    for c in committee.chars().flat_map(char::to_lowercase) {
        match ascii_fold(c) {
            Some(m) => out.push(m),
            None if !out.is_empty() && !out.ends_with('-') => out.push('-'),
            None => {}
        }
    }
    let slug = out.trim_end_matches('-');
    (!slug.is_empty()).then(|| slug.to_string())
}

/// "CODE-COMMITTEE-YEAR", e.g. "0580-arbetsmarknadsnamnden-2021"; `None`
/// when a part is missing or the code is not four digits.
pub fn budget_id(code: Option<&str>, committee: Option<&str>, year: Option<i32>) -> Option<String> {
    let code = code.filter(|c| c.len() == 4 && c.bytes().all(|b| b.is_ascii_digit()))?;
    let year = year.filter(|y| (1000..=9999).contains(y))?;
    let slug = committee_slug(committee?)?;
    Some(format!("{code}-{slug}-{year}"))
}

/// The roles that have a primary table.
const PRIMARY_ROLES: [TableRole; 2] = [TableRole::OperatingSummary, TableRole::Investments];

/// Sets `primary`, `summary_of` and `superseded_by` on every table (see the
/// module docs). Tables of other roles are never primary.
pub fn mark_tables(tables: &mut [Table]) {
    for t in tables.iter_mut() {
        t.primary = false;
        t.summary_of = None;
        t.superseded_by = None;
    }
    for role in PRIMARY_ROLES {
        let members: Vec<usize> = (0..tables.len())
            .filter(|&i| tables.get(i).is_some_and(|t| t.role == role))
            .collect();
        let marks = mark_role(tables, &members);
        for (i, mark) in members.iter().zip(marks) {
            if let Some(t) = tables.get_mut(*i) {
                t.primary = mark.primary;
                t.summary_of = mark.summary_of;
                t.superseded_by = mark.superseded_by;
            }
        }
    }
}

#[derive(Debug, Default, Clone, PartialEq)]
struct Mark {
    primary: bool,
    summary_of: Option<String>,
    superseded_by: Option<String>,
}

/// How two tables of one role relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    /// They print the same totals in every column they share.
    SameTotals,
    /// Mostly the same line items for shared columns, different totals.
    Versions,
    /// Nothing to say.
    Unrelated,
}

fn mark_role(tables: &[Table], members: &[usize]) -> Vec<Mark> {
    let get = |i: usize| members.get(i).and_then(|&t| tables.get(t));
    let mut marks = vec![Mark::default(); members.len()];
    for a in 0..members.len() {
        let Some(ta) = get(a) else { continue };
        // The fullest table printing the same totals, if fuller than this one.
        let mut fuller: Option<usize> = None;
        for b in 0..members.len() {
            let Some(tb) = get(b) else { continue };
            if a == b {
                continue;
            }
            match relation(ta, tb) {
                Relation::SameTotals => {
                    let (na, nb) = (amount_count(ta), amount_count(tb));
                    let b_fuller = nb > na || (nb == na && b < a);
                    let best = fuller.and_then(get).map_or(0, amount_count);
                    if b_fuller && nb >= best {
                        fuller = Some(b);
                    }
                }
                Relation::Versions => {
                    if let (Some(da), Some(db)) = (latest_date(ta), latest_date(tb))
                        && db > da
                        && let Some(m) = marks.get_mut(a)
                        && m.superseded_by.is_none()
                    {
                        m.superseded_by = Some(tb.id.clone());
                    }
                }
                Relation::Unrelated => {}
            }
        }
        if let (Some(b), Some(m)) = (fuller.and_then(get), marks.get_mut(a)) {
            m.summary_of = Some(b.id.clone());
        }
    }
    // The primary table: the fullest of those that repeat no other (the
    // first on a tie); the fullest of all when every one repeats another.
    let pick = |only_free: bool| {
        let mut best: Option<(usize, usize)> = None;
        for (i, m) in marks.iter().enumerate() {
            let free = m.summary_of.is_none() && m.superseded_by.is_none();
            if only_free && !free {
                continue;
            }
            let n = get(i).map_or(0, amount_count);
            if best.is_none_or(|(_, bn)| n > bn) {
                best = Some((i, n));
            }
        }
        best.map(|(i, _)| i)
    };
    if let Some(m) = pick(true)
        .or_else(|| pick(false))
        .and_then(|p| marks.get_mut(p))
    {
        m.primary = true;
    }
    marks
}

/// How many amounts a table prints.
fn amount_count(t: &Table) -> usize {
    t.rows
        .iter()
        .map(|r| r.values.iter().filter(|v| v.is_some()).count())
        .sum()
}

/// A column's identity across tables: kind, year, measure, percent, partial
/// (not the proposal flag: a summary may print "Plan 2022" where the full
/// table prints "Plan förslag 2022").
type ColumnIdentity<'a> = (ColumnKind, i32, Option<&'a str>, bool, Option<&'a str>);

/// The [`ColumnIdentity`] of an amount column; `None` for a change or
/// deviation column and a column whose kind or year is not known.
fn column_identity(c: &Column) -> Option<ColumnIdentity<'_>> {
    let kind = c.kind?;
    if matches!(kind, ColumnKind::Change | ColumnKind::Deviation) {
        return None;
    }
    Some((
        kind,
        c.year?,
        c.measure.map(|m| m.as_str()),
        c.percent,
        c.partial.as_deref(),
    ))
}

/// The table's total in column `c`: its first total row's amount.
fn total_in(t: &Table, c: usize) -> Option<Amount> {
    t.rows
        .iter()
        .find(|r| r.kind == RowKind::Total)
        .and_then(|r| r.values.get(c).copied().flatten())
}

fn relation(a: &Table, b: &Table) -> Relation {
    let mut shared = 0;
    let mut equal = 0;
    for (ca, col_a) in a.columns.iter().enumerate() {
        let Some(id) = column_identity(col_a) else {
            continue;
        };
        let Some(cb) = b
            .columns
            .iter()
            .position(|col_b| column_identity(col_b) == Some(id))
        else {
            continue;
        };
        if let (Some(ta), Some(tb)) = (total_in(a, ca), total_in(b, cb)) {
            shared += 1;
            if ta == tb {
                equal += 1;
            }
        }
    }
    if shared == 0 {
        return Relation::Unrelated;
    }
    if equal == shared {
        return Relation::SameTotals;
    }
    let la = line_labels(a);
    let lb = line_labels(b);
    let common = la.intersection(&lb).count();
    let smaller = la.len().min(lb.len());
    if smaller > 0 && common * 2 >= smaller {
        Relation::Versions
    } else {
        Relation::Unrelated
    }
}

fn line_labels(t: &Table) -> HashSet<String> {
    t.rows
        .iter()
        .filter(|r| r.kind == RowKind::LineItem)
        .filter_map(|r| committee_slug(&r.label))
        .collect()
}

/// The latest decision date printed with the table: in its title, its
/// frame, adjustment and memo rows, and its footnotes.
fn latest_date(t: &Table) -> Option<(i32, u32, u32)> {
    let rows = t
        .rows
        .iter()
        .filter(|r| {
            matches!(
                r.kind,
                RowKind::BudgetFrame | RowKind::Adjustment | RowKind::Memo
            )
        })
        .map(|r| r.label.as_str());
    let notes = t.footnotes.iter().map(|f| f.text.as_str());
    std::iter::once(t.title.as_str())
        .chain(rows)
        .chain(notes)
        .flat_map(dates)
        .max()
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// The dates in a text: ISO ("2018-10-25") and Swedish ("4 december 2018").
fn dates(text: &str) -> Vec<(i32, u32, u32)> {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if let Some(d) = iso_date(w) {
            out.push(d);
            continue;
        }
        let Some(month) = MONTHS.iter().position(|m| m == w) else {
            continue;
        };
        let day = i
            .checked_sub(1)
            .and_then(|p| words.get(p))
            .and_then(|d| d.parse::<u32>().ok())
            .filter(|d| (1..=31).contains(d));
        let year = words
            .get(i + 1)
            .and_then(|y| y.parse::<i32>().ok())
            .filter(|y| (1000..=9999).contains(y));
        if let (Some(day), Some(year)) = (day, year) {
            out.push((year, u32::try_from(month).unwrap_or(0) + 1, day));
        }
    }
    out
}

fn iso_date(w: &str) -> Option<(i32, u32, u32)> {
    let mut parts = w.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Placement, Provenance, Row};

    #[test]
    fn budget_ids_join_code_slug_and_year() {
        assert_eq!(
            budget_id(Some("0580"), Some("Arbetsmarknadsnämnden"), Some(2021)).as_deref(),
            Some("0580-arbetsmarknadsnamnden-2021")
        );
        assert_eq!(
            committee_slug("Barn- och ungdomsnämnden").as_deref(),
            Some("barn-och-ungdomsnamnden")
        );
        assert_eq!(
            committee_slug("Miljö- och byggnadsnämnden").as_deref(),
            Some("miljo-och-byggnadsnamnden")
        );
        assert_eq!(committee_slug(" – "), None);
        assert_eq!(budget_id(None, Some("Socialnämnden"), Some(2021)), None);
        assert_eq!(
            budget_id(Some("580"), Some("Socialnämnden"), Some(2021)),
            None
        );
        assert_eq!(budget_id(Some("0580"), None, Some(2021)), None);
        assert_eq!(budget_id(Some("0580"), Some("Socialnämnden"), None), None);
    }

    #[test]
    fn dates_are_read_in_both_forms() {
        assert_eq!(
            dates("Budgetram enligt beslut i KF den 4 december 2018"),
            [(2018, 12, 4)]
        );
        assert_eq!(
            dates("Nämndens internbudget 2018-10-25 § 138, KF 19 juni 2018"),
            [(2018, 10, 25), (2018, 6, 19)]
        );
        assert!(dates("Plan 2022 maj").is_empty());
        assert!(dates("2018-13-01").is_empty());
    }

    fn col(kind: ColumnKind, year: i32) -> Column {
        Column {
            key: format!("{}_{year}", kind.as_str()),
            label: String::new(),
            kind: Some(kind),
            year: Some(year),
            proposal: false,
            measure: None,
            percent: false,
            compares: Vec::new(),
            partial: None,
        }
    }

    fn row(label: &str, kind: RowKind, values: &[i64]) -> Row {
        Row {
            key: committee_slug(label).unwrap_or_default(),
            label: label.into(),
            kind,
            parent: None,
            parent_key: None,
            section: None,
            group: None,
            note: None,
            footnotes: Vec::new(),
            values: values
                .iter()
                .map(|v| v.to_string().parse::<Amount>().ok())
                .collect(),
            value_provenance: vec![None; values.len()],
            placement: Placement::Printed,
            provenance: Provenance {
                page: 1,
                line: None,
                line_end: None,
                bbox: None,
                table: None,
                row: None,
                col: None,
                paragraph: None,
            },
        }
    }

    fn table(id: &str, title: &str, columns: Vec<Column>, rows: Vec<Row>) -> Table {
        Table {
            id: id.into(),
            role: TableRole::OperatingSummary,
            title: title.into(),
            unit: None,
            unit_factor: None,
            columns,
            rows,
            footnotes: Vec::new(),
            primary: false,
            summary_of: None,
            superseded_by: None,
            provenance: Provenance {
                page: 1,
                line: None,
                line_end: None,
                bbox: None,
                table: None,
                row: None,
                col: None,
                paragraph: None,
            },
        }
    }

    /// A short table printing the full table's totals for fewer years is
    /// its summary; the full table is primary, wherever it stands.
    #[test]
    fn a_summary_repeats_the_totals_of_a_fuller_table() {
        let summary = table(
            "t1",
            "Översikt",
            vec![col(ColumnKind::Budget, 2021)],
            vec![
                row("Verksamhet A", RowKind::LineItem, &[60]),
                row("Verksamhet B", RowKind::LineItem, &[40]),
                row("Summa", RowKind::Total, &[100]),
            ],
        );
        let full = table(
            "t2",
            "Sammandrag",
            vec![
                col(ColumnKind::Outcome, 2020),
                col(ColumnKind::Budget, 2021),
            ],
            vec![
                row("Verksamhet A", RowKind::LineItem, &[50, 60]),
                row("Verksamhet B", RowKind::LineItem, &[30, 40]),
                row("Summa", RowKind::Total, &[80, 100]),
            ],
        );
        let mut tables = vec![summary, full];
        mark_tables(&mut tables);
        assert!(!tables[0].primary);
        assert_eq!(tables[0].summary_of.as_deref(), Some("t2"));
        assert!(tables[1].primary);
        assert_eq!(tables[1].summary_of, None);
    }

    /// Two versions of the same lines for the same years: the one under the
    /// older decision is superseded, even when it is the fuller one.
    #[test]
    fn the_version_under_the_older_decision_is_superseded() {
        let cols = || vec![col(ColumnKind::Budget, 2019), col(ColumnKind::Plan, 2020)];
        let newer = table(
            "t1",
            "Sammandrag",
            cols(),
            vec![
                row("Verksamhet A", RowKind::LineItem, &[10, 10]),
                row("Verksamhet B", RowKind::LineItem, &[20, 25]),
                row("Summa", RowKind::Total, &[30, 35]),
                row(
                    "Ram enligt beslut i KF den 4 december 2018",
                    RowKind::BudgetFrame,
                    &[30, 35],
                ),
            ],
        );
        let older = table(
            "t2",
            "Beslut 2018-10-25 § 12",
            cols(),
            vec![
                row("Verksamhet A", RowKind::LineItem, &[10, 10]),
                row("Verksamhet B", RowKind::LineItem, &[15, 15]),
                row("Verksamhet C", RowKind::LineItem, &[1, 1]),
                row("Summa", RowKind::Total, &[26, 26]),
                row(
                    "Ram enligt beslut i KF den 19 juni 2018",
                    RowKind::BudgetFrame,
                    &[26, 26],
                ),
            ],
        );
        let mut tables = vec![older, newer];
        mark_tables(&mut tables);
        assert_eq!(tables[0].superseded_by.as_deref(), Some("t1"));
        assert!(!tables[0].primary);
        assert!(tables[1].primary);
        assert_eq!(tables[1].superseded_by, None);
    }

    /// Unrelated tables of one role: the fullest is primary, nothing is
    /// marked as repeating; a table of another role is never primary, and
    /// each primary role has its own.
    #[test]
    fn one_primary_per_role() {
        let a = table(
            "t1",
            "A",
            vec![col(ColumnKind::Budget, 2021)],
            vec![
                row("X", RowKind::LineItem, &[1]),
                row("Summa", RowKind::Total, &[1]),
            ],
        );
        let mut b = table(
            "t2",
            "B",
            vec![col(ColumnKind::Budget, 2021)],
            vec![
                row("Y", RowKind::LineItem, &[2]),
                row("Z", RowKind::LineItem, &[3]),
                row("Summa", RowKind::Total, &[5]),
            ],
        );
        let mut inv = a.clone();
        inv.id = "t3".into();
        inv.role = TableRole::Investments;
        let mut frames = b.clone();
        frames.id = "t4".into();
        frames.role = TableRole::Frames;
        b.primary = false;
        let mut tables = vec![a, b, inv, frames];
        mark_tables(&mut tables);
        let primary: Vec<&str> = tables
            .iter()
            .filter(|t| t.primary)
            .map(|t| t.id.as_str())
            .collect();
        assert_eq!(primary, ["t2", "t3"]);
        assert!(
            tables
                .iter()
                .all(|t| t.summary_of.is_none() && t.superseded_by.is_none())
        );
    }
}
