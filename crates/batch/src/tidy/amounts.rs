//! The rows of `amounts.csv`, and what each amount is in Fiscal Data
//! Package terms.
//!
//! - Phase (FDP has proposed, approved, adjusted, executed): outcome
//!   (Bokslut, Utfall) → `executed`; budget and frame → `approved`, or
//!   `proposed` for a proposal (förslag), or `adjusted` when the header says
//!   so (reviderad, justerad, ombudget, efter ändring …); plan years →
//!   `planned`, forecasts → `forecast`, targets → `target`, change and
//!   deviation columns → `difference`, a column of unknown kind →
//!   `unknown`: phases of our own naming where FDP has none.
//! - Value type: `amount` for levels; `change`, `deviation` and `percent`
//!   columns and columns of unknown kind are marked so, never to be summed
//!   with amounts. A percentage has no unit factor, currency or kronor value.
//! - Direction, from the row and the column: a revenue column (`measure:
//!   revenue`), a "varav intäkter" row and a row labelled as revenue
//!   ("Verksamhetens intäkter", "Skatteintäkter", "Statsbidrag …") are
//!   `revenue` whatever their sign; a cost column and everything else —
//!   net costs, costs, investment expenditure, frames — `expenditure`.
//! - Sign convention, per source column, from its revenue and cost rows:
//!   `costs_positive` (net-cost tables: revenue printed negative),
//!   `revenue_positive` (result statements: costs printed negative),
//!   `both_positive`, or `unknown`. Amounts keep their printed sign.
//! - Additive: the line items of a primary table in amount columns without
//!   a revenue or cost measure — what adds up to the printed totals with no
//!   amount counted twice.

use super::csv::TableWriter;
use super::{AMOUNTS, Common, LeftOutLog, opt};
use internbudget_normalizer::{Column, ColumnKind, Document, Measure, Row, RowKind, Table};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::hash::{Hash, Hasher};

/// The FDP phase of a column (see the module docs).
pub fn phase(col: &Column) -> &'static str {
    let Some(kind) = col.kind else {
        return "unknown";
    };
    match kind {
        ColumnKind::Outcome => "executed",
        ColumnKind::Budget | ColumnKind::Frame if col.proposal => "proposed",
        ColumnKind::Budget | ColumnKind::Frame if is_adjusted(&col.label) => "adjusted",
        ColumnKind::Budget | ColumnKind::Frame => "approved",
        ColumnKind::Plan => "planned",
        ColumnKind::Forecast => "forecast",
        ColumnKind::Target => "target",
        ColumnKind::Change | ColumnKind::Deviation => "difference",
    }
}

fn is_adjusted(label: &str) -> bool {
    let l = label.to_lowercase();
    [
        "reviderad",
        "justerad",
        "ombudget",
        "omdisponerad",
        "korrigerad",
        "efter ändring",
        "tilläggsbudget",
    ]
    .iter()
    .any(|w| l.contains(w))
}

/// What a column's values are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    /// A level in kronor (or the table's unit).
    Amount,
    /// A change between two columns.
    Change,
    /// A deviation between two columns.
    Deviation,
    /// A percentage.
    Percent,
    /// The column's kind is not known.
    Unknown,
}

impl ValueType {
    /// The name written to the CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            ValueType::Amount => "amount",
            ValueType::Change => "change",
            ValueType::Deviation => "deviation",
            ValueType::Percent => "percent",
            ValueType::Unknown => "unknown",
        }
    }
}

/// What a column's values are (see the module docs).
pub fn value_type(col: &Column) -> ValueType {
    if col.percent {
        return ValueType::Percent;
    }
    match col.kind {
        None => ValueType::Unknown,
        Some(ColumnKind::Change) => ValueType::Change,
        Some(ColumnKind::Deviation) => ValueType::Deviation,
        Some(_) => ValueType::Amount,
    }
}

/// The lowercase words of a label.
fn words(label: &str) -> Vec<String> {
    label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn mentions_net(words: &[String]) -> bool {
    words.iter().any(|w| w.starts_with("netto"))
}

/// A label that names revenue: a word ending in "intäkt(er)" or
/// "inkomst(er)", or state grants ("statsbidrag"), and no net amount.
pub fn is_revenue_label(label: &str) -> bool {
    let w = words(label);
    !mentions_net(&w)
        && w.iter().any(|w| {
            [
                "intäkt",
                "intäkter",
                "intäkten",
                "intäkterna",
                "inkomst",
                "inkomster",
                "inkomsten",
            ]
            .iter()
            .any(|end| w.ends_with(end))
                || w.starts_with("statsbidrag")
        })
}

/// A label that names costs: a word ending in "kostnad(er)" or
/// "utgift(er)", and no net amount or revenue.
pub fn is_cost_label(label: &str) -> bool {
    let w = words(label);
    !mentions_net(&w)
        && !is_revenue_label(label)
        && w.iter().any(|w| {
            [
                "kostnad",
                "kostnader",
                "kostnaden",
                "utgift",
                "utgifter",
                "utgiften",
            ]
            .iter()
            .any(|end| w.ends_with(end))
        })
}

/// The FDP direction of an amount, from its row and column.
pub fn direction(row: &Row, col: &Column) -> &'static str {
    match col.measure {
        Some(Measure::Revenue) => return "revenue",
        Some(Measure::Cost) => return "expenditure",
        Some(Measure::Net) | None => {}
    }
    match row.kind {
        RowKind::OfWhichRevenue => "revenue",
        RowKind::OfWhichCost => "expenditure",
        _ if is_revenue_label(&row.label) => "revenue",
        _ => "expenditure",
    }
}

/// The sign of every non-zero value of a kind, when they share one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Signs {
    None,
    Negative,
    Positive,
    Mixed,
}

impl Signs {
    fn add(self, v: Decimal) -> Signs {
        let s = if v.is_sign_negative() {
            Signs::Negative
        } else {
            Signs::Positive
        };
        match self {
            _ if v.is_zero() => self,
            Signs::None => s,
            same if same == s => same,
            _ => Signs::Mixed,
        }
    }
}

/// The sign convention of each column of a table (see the module docs).
pub fn sign_conventions(t: &Table) -> Vec<&'static str> {
    t.columns
        .iter()
        .enumerate()
        .map(|(ci, col)| {
            let (mut revenue, mut cost) = (Signs::None, Signs::None);
            for r in &t.rows {
                if matches!(
                    r.kind,
                    RowKind::Change | RowKind::Adjustment | RowKind::BudgetFrame
                ) {
                    continue;
                }
                let Some(v) = r.values.get(ci).copied().flatten() else {
                    continue;
                };
                if direction(r, col) == "revenue" {
                    revenue = revenue.add(v.value());
                } else if r.kind == RowKind::OfWhichCost
                    || col.measure == Some(Measure::Cost)
                    || is_cost_label(&r.label)
                {
                    cost = cost.add(v.value());
                }
            }
            match (revenue, cost) {
                (Signs::Negative, Signs::Positive | Signs::None) => "costs_positive",
                (Signs::Positive | Signs::None, Signs::Negative) => "revenue_positive",
                (Signs::Positive, Signs::Positive) => "both_positive",
                _ => "unknown",
            }
        })
        .collect()
}

/// Which columns of a table hold additive amounts: amount columns without
/// a revenue or cost measure, and of several such columns with the same
/// year, phase and partial-year qualifier only the first — so that summing
/// by fiscal year and phase never takes two columns of one table.
pub fn additive_columns(t: &Table) -> Vec<bool> {
    let mut seen: Vec<(Option<i32>, &str, Option<&str>)> = Vec::new();
    t.columns
        .iter()
        .map(|col| {
            let amount = value_type(col) == ValueType::Amount
                && !matches!(col.measure, Some(Measure::Revenue | Measure::Cost));
            let id = (col.year, phase(col), col.partial.as_deref());
            let first = !seen.contains(&id);
            if amount && first {
                seen.push(id);
            }
            amount && first
        })
        .collect()
}

/// Whether an amount is one of those that add up to the printed totals:
/// in an additive column of a primary table, a line item, or a frame
/// printed above the total as one of its terms (Intäkter + Kostnader +
/// Kommunbidrag = Resultat).
pub fn additive(t: &Table, row: &Row, additive_column: bool) -> bool {
    let term = match row.kind {
        RowKind::LineItem => true,
        RowKind::BudgetFrame => {
            let at = |k: &str| t.rows.iter().position(|r| r.key == k);
            let total = t.rows.iter().position(|r| r.kind == RowKind::Total);
            matches!((at(&row.key), total), (Some(i), Some(t)) if i < t)
        }
        _ => false,
    };
    t.primary && term && additive_column
}

/// primary, summary, superseded or secondary.
pub fn table_status(t: &Table) -> (&'static str, Option<&str>) {
    if t.primary {
        ("primary", None)
    } else if let Some(of) = &t.summary_of {
        ("summary", Some(of.as_str()))
    } else if let Some(by) = &t.superseded_by {
        ("superseded", Some(by.as_str()))
    } else {
        ("secondary", None)
    }
}

/// `amount × factor` in kronor, exact and without trailing zeros; `None` on
/// overflow (beyond 7.9 × 10^28).
pub fn amount_sek(amount: Decimal, factor: u64) -> Option<String> {
    amount
        .checked_mul(Decimal::from(factor))
        .map(|d| d.normalize().to_string())
}

/// Writes the amount rows of one table; rows that break a constraint are
/// left out and logged.
pub(crate) fn write(c: &Common<'_>, t: &Table, w: &mut TableWriter, log: &mut LeftOutLog) {
    let signs = sign_conventions(t);
    let additive_cols = additive_columns(t);
    let (status, repeats) = table_status(t);
    for (ri, r) in t.rows.iter().enumerate() {
        for (ci, (value, col)) in r.values.iter().zip(&t.columns).enumerate() {
            let Some(a) = value else { continue };
            let vt = value_type(col);
            let kronor = vt != ValueType::Percent;
            let factor = t.unit_factor.filter(|_| kronor);
            // An amount whose kronor value overflows is left out (its
            // amount_sek is not optional where the unit is known).
            let sek = factor.map(|f| amount_sek(a.value(), f).unwrap_or_else(|| "overflow".into()));
            let prov = r
                .value_provenance
                .get(ci)
                .copied()
                .flatten()
                .unwrap_or(r.provenance);
            let unit = if kronor {
                t.unit.map_or("", |u| u.as_str())
            } else {
                "percent"
            };
            let rec: Vec<Cow<'_, str>> = vec![
                Cow::Borrowed(c.budget_id),
                Cow::Borrowed(c.source_file),
                Cow::Borrowed(c.sha256),
                Cow::Borrowed(c.municipality_code),
                Cow::Borrowed(c.municipality_name),
                Cow::Borrowed(c.committee),
                Cow::Borrowed(c.document_year.as_str()),
                Cow::Borrowed(t.id.as_str()),
                Cow::Borrowed(t.role.as_str()),
                Cow::Borrowed(t.title.as_str()),
                Cow::Borrowed(bool_str(t.primary)),
                Cow::Borrowed(status),
                Cow::Borrowed(repeats.unwrap_or("")),
                Cow::Owned((ri + 1).to_string()),
                Cow::Borrowed(r.key.as_str()),
                Cow::Borrowed(r.label.as_str()),
                Cow::Borrowed(r.kind.as_str()),
                Cow::Borrowed(r.parent_key.as_deref().unwrap_or("")),
                Cow::Borrowed(r.parent.as_deref().unwrap_or("")),
                Cow::Borrowed(r.section.as_deref().unwrap_or("")),
                Cow::Borrowed(r.group.as_deref().unwrap_or("")),
                Cow::Borrowed(r.note.as_deref().unwrap_or("")),
                Cow::Borrowed(col.key.as_str()),
                Cow::Borrowed(col.label.as_str()),
                Cow::Borrowed(col.kind.map_or("", ColumnKind::as_str)),
                Cow::Borrowed(col.measure.map_or("", Measure::as_str)),
                Cow::Owned(opt(col.year)),
                Cow::Borrowed(col.partial.as_deref().unwrap_or("")),
                Cow::Borrowed(bool_str(col.proposal)),
                Cow::Borrowed(phase(col)),
                Cow::Borrowed(vt.as_str()),
                Cow::Borrowed(direction(r, col)),
                Cow::Borrowed(signs.get(ci).copied().unwrap_or("unknown")),
                Cow::Borrowed(bool_str(additive(
                    t,
                    r,
                    additive_cols.get(ci).copied().unwrap_or(false),
                ))),
                Cow::Owned(a.value().to_string()),
                Cow::Borrowed(unit),
                Cow::Owned(opt(factor)),
                Cow::Borrowed(if kronor { "SEK" } else { "" }),
                Cow::Owned(sek.unwrap_or_default()),
                Cow::Borrowed(r.placement.as_str()),
                Cow::Owned(prov.page.to_string()),
                Cow::Owned(opt(prov.line)),
            ];
            if let Err(v) = w.push(rec) {
                log.add(AMOUNTS.name, v, || {
                    format!("{}/{}/{}", t.id, r.key, col.key)
                });
            }
        }
    }
}

fn bool_str(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}

/// One hash per amount of the document — table role and place among the
/// tables of its role (not the title, which exports print differently),
/// row key, column key, value — sorted (see [`super::DocRows::fingerprint`]).
pub fn fingerprint(doc: &Document) -> Vec<u64> {
    let mut out = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for t in &doc.tables {
        let role = t.role.as_str();
        let nth = seen.iter().filter(|r| **r == role).count();
        seen.push(role);
        for r in &t.rows {
            for (v, col) in r.values.iter().zip(&t.columns) {
                let Some(v) = v else { continue };
                let mut h = std::collections::hash_map::DefaultHasher::new();
                (
                    role,
                    nth,
                    r.key.as_str(),
                    col.key.as_str(),
                    v.value().normalize(),
                )
                    .hash(&mut h);
                out.push(h.finish());
            }
        }
    }
    out.sort_unstable();
    out
}

/// How many hashes one sorted list has and the other has not.
pub fn differing(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => {
                n += 1;
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                n += 1;
                j += 1;
            }
        }
    }
    n + a.len().saturating_sub(i) + b.len().saturating_sub(j)
}

#[cfg(test)]
mod tests {
    use super::*;
    use internbudget_normalizer::{Placement, Provenance, TableRole, Unit};
    use std::str::FromStr;

    fn col(kind: Option<ColumnKind>, label: &str) -> Column {
        Column {
            key: label.to_lowercase().replace(' ', "_"),
            label: label.into(),
            kind,
            year: Some(2021),
            proposal: false,
            measure: None,
            percent: false,
            compares: Vec::new(),
            partial: None,
        }
    }

    fn row(label: &str, kind: RowKind, values: &[&str]) -> Row {
        Row {
            key: label.to_lowercase().replace(' ', "_"),
            label: label.into(),
            kind,
            parent: None,
            parent_key: None,
            section: None,
            group: None,
            note: None,
            footnotes: Vec::new(),
            values: values.iter().map(|v| v.parse().ok()).collect(),
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

    #[test]
    fn amounts_are_exact_with_a_dot() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(amount_sek(d("-2141"), 1000).as_deref(), Some("-2141000"));
        assert_eq!(amount_sek(d("1234.50"), 1000).as_deref(), Some("1234500"));
        assert_eq!(amount_sek(d("0.1"), 1).as_deref(), Some("0.1"));
        assert_eq!(amount_sek(d("1.25"), 1_000_000).as_deref(), Some("1250000"));
        assert_eq!(amount_sek(Decimal::MAX, 1000), None);
    }

    #[test]
    fn phases_follow_the_fiscal_data_package() {
        let c = |kind, proposal, label: &str| Column {
            proposal,
            ..col(Some(kind), label)
        };
        assert_eq!(
            phase(&c(ColumnKind::Outcome, false, "Bokslut 2019")),
            "executed"
        );
        assert_eq!(
            phase(&c(ColumnKind::Budget, false, "Budget 2020")),
            "approved"
        );
        assert_eq!(
            phase(&c(ColumnKind::Budget, true, "Budget förslag 2021")),
            "proposed"
        );
        assert_eq!(
            phase(&c(ColumnKind::Budget, false, "Reviderad budget 2020")),
            "adjusted"
        );
        assert_eq!(
            phase(&c(ColumnKind::Plan, true, "Plan förslag 2022")),
            "planned"
        );
        assert_eq!(
            phase(&c(ColumnKind::Forecast, false, "Prognos")),
            "forecast"
        );
        assert_eq!(
            phase(&c(ColumnKind::Deviation, false, "Avvikelse")),
            "difference"
        );
        assert_eq!(phase(&col(None, "Kolumn")), "unknown");
    }

    #[test]
    fn direction_comes_from_the_row_and_the_column() {
        let net = col(Some(ColumnKind::Budget), "Budget 2021");
        let revenue = Column {
            measure: Some(Measure::Revenue),
            ..col(Some(ColumnKind::Outcome), "Intäkter 2021")
        };
        let cost = Column {
            measure: Some(Measure::Cost),
            ..net.clone()
        };
        let line = |l: &str| row(l, RowKind::LineItem, &["1"]);
        // A revenue line item is revenue whatever its sign.
        for l in [
            "Statsbidrag för yrkesvux",
            "Generella statsbidrag och utjämning",
            "Verksamhetens intäkter",
            "Skatteintäkter",
            "Minskade hyresintäkter",
        ] {
            assert_eq!(direction(&line(l), &net), "revenue", "{l}");
        }
        for l in [
            "Ekonomiskt bistånd",
            "Föreningsbidrag",
            "Intäktsfinansierade enheter",
            "Summa nettokostnader inkl intäktsfinansierade enheter",
            "Verksamhetens kostnader",
        ] {
            assert_eq!(direction(&line(l), &net), "expenditure", "{l}");
        }
        assert_eq!(
            direction(
                &row("varav intäkter", RowKind::OfWhichRevenue, &["-5"]),
                &net
            ),
            "revenue"
        );
        // A revenue column makes every row revenue; a cost column none.
        assert_eq!(direction(&line("Ekonomiskt bistånd"), &revenue), "revenue");
        assert_eq!(direction(&line("Skatteintäkter"), &cost), "expenditure");
        assert!(is_cost_label("Verksamhetens kostnader"));
        assert!(!is_cost_label("Nettokostnader"));
    }

    fn table(columns: Vec<Column>, rows: Vec<Row>) -> Table {
        Table {
            id: "t1".into(),
            role: TableRole::OperatingSummary,
            title: "Driftsammandrag".into(),
            unit: Some(Unit::Tkr),
            unit_factor: Some(1000),
            columns,
            rows,
            footnotes: Vec::new(),
            primary: true,
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

    #[test]
    fn sign_conventions_and_additive_amounts() {
        let budget = col(Some(ColumnKind::Budget), "Budget 2021");
        let change = col(Some(ColumnKind::Change), "Förändring");
        let pct = Column {
            percent: true,
            ..col(Some(ColumnKind::Change), "Förändring %")
        };
        let unknown = col(None, "Kolumn");
        let t = table(
            vec![budget, change, pct, unknown],
            vec![
                row("Verksamhet", RowKind::LineItem, &["100", "5", "5.3", "1"]),
                row("Summa", RowKind::Total, &["100", "5", "5.3", "1"]),
                row(
                    "varav intäkter",
                    RowKind::OfWhichRevenue,
                    &["-20", "-1", "5.3", "1"],
                ),
                row(
                    "varav kostnader",
                    RowKind::OfWhichCost,
                    &["120", "6", "5.3", "1"],
                ),
            ],
        );
        assert_eq!(
            sign_conventions(&t),
            [
                "costs_positive",
                "costs_positive",
                "both_positive",
                "both_positive"
            ]
        );
        let cols = additive_columns(&t);
        assert_eq!(cols, [true, false, false, false]);
        let additive_rows: Vec<bool> = t.rows.iter().map(|r| additive(&t, r, true)).collect();
        assert_eq!(additive_rows, [true, false, false, false]);
        let mut secondary = t.clone();
        secondary.primary = false;
        assert!(!additive(&secondary, &t.rows[0], true));
        // Of two budget columns of one year only the first adds up; a
        // revenue column never.
        let revenue = Column {
            measure: Some(Measure::Revenue),
            ..col(Some(ColumnKind::Budget), "Intäkter 2021")
        };
        let twice = table(
            vec![
                col(Some(ColumnKind::Budget), "Budget 2021"),
                col(Some(ColumnKind::Budget), "Budget 2021 (2)"),
                revenue,
                col(Some(ColumnKind::Outcome), "Utfall 2021"),
            ],
            Vec::new(),
        );
        assert_eq!(additive_columns(&twice), [true, false, false, true]);
        // A result statement prints costs negative.
        let statement = table(
            vec![col(Some(ColumnKind::Outcome), "Utfall 2020")],
            vec![
                row("Verksamhetens intäkter", RowKind::Memo, &["97668"]),
                row("Verksamhetens kostnader", RowKind::Memo, &["-1234"]),
            ],
        );
        assert_eq!(sign_conventions(&statement), ["revenue_positive"]);
    }

    #[test]
    fn differing_counts_the_symmetric_difference() {
        assert_eq!(differing(&[1, 2, 3], &[1, 2, 3]), 0);
        assert_eq!(differing(&[1, 2, 3], &[2, 3, 4, 5]), 3);
        assert_eq!(differing(&[], &[7]), 1);
    }
}
