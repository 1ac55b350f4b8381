//! Column semantics: what each printed column header of a table means
//! (`design/real-tables.md`, "What a column is").
//!
//! A header's words are classified with the parser's vocabulary
//! ([`internbudget_parser::vocab`]): kind words (Bokslut/Utfall → outcome,
//! Budget, Plan, Prognos → forecast, Målvärde → target, Ram/Kommunbidrag →
//! frame, Förändring → change, Avvikelse → deviation), measure words
//! (Intäkter → revenue, Kostnader → cost, Netto), "förslag" (a proposal) and
//! "%" (a percentage column). Where a header names no kind:
//! - a measure alone ("Intäkter 2019", "Nettokostnad") is an outcome in a
//!   table that reports on a year (a redovisning, or one with a deviation
//!   column), and otherwise — or when it is a proposal — read by its year
//!   like a bare year ("Nettoutgift 2019", "Nettoutgift förslag 2021");
//! - a bare year is read against the budget year: before it an outcome,
//!   after it a plan, the budget year itself a budget — or an outcome when
//!   another column already is that year's budget ("BUDGET 2020  2020 …");
//!   in indicator tables a bare year is an outcome;
//! - anything else (Koncern, Period, Medel) keeps its label with kind null,
//!   never a kind by guess.
//!
//! A change or deviation column compares two columns: the years it names
//! ("Förändring 2012/2013"), the outcome and budget (or frame) of its year, or
//! the two columns before it ("Förändring %"); its year is the later one.
//! Which way round the difference runs is read from the amounts
//! ([`orient_differences`]).
//!
//! The parts: [`header`] (what the words of one header say), [`kinds`]
//! (a kind read against the other columns), [`compared`] (the columns a
//! difference compares, by its header) and [`orient`] (by the amounts).
//! Here: [`classify_all`], a table's columns ([`Column`]) and what could
//! not be told of them ([`Unknown`]), with the columns' keys.

mod compared;
mod header;
mod kinds;
mod orient;

use crate::schema::{Column, ColumnKind, Measure};
use header::{Parts, bare_year_kind, named_kind, parts, range};
use internbudget_parser::ColumnHeader;
use internbudget_parser::vocab::{KindWord, MeasureWord};

pub(crate) use orient::orient_differences;

/// What the table around the columns says.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Context {
    /// The document's budget year.
    pub budget_year: Option<i32>,
    /// The columns of an indicator table.
    pub indicator: bool,
    /// The table reports on a year that has passed (driftredovisning,
    /// bokslut): its measure columns are outcomes.
    pub report: bool,
    /// The year the text around the table names, for columns that print
    /// none.
    pub context_year: Option<i32>,
    /// The title or header says amounts are given per year ("Belopp per
    /// år"): where the years are printed twice, the second run is the
    /// yearly changes.
    pub per_year: bool,
}

/// Why a column has no kind, for the warning.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Unknown {
    /// The header names something that is not a kind of amount (Koncern,
    /// Period, Medel) or nothing at all.
    Kind(String),
    /// The column prints no year; it was taken from the text around.
    Year(String, i32),
}

/// Classifies the columns of one table; also returns what could not be
/// told (for warnings).
/// `percent_cells[i]`: most printed cells of column `i` are percentages
/// ("8,5 %"), so the column holds percentages whatever its header says.
pub(crate) fn classify_all(
    headers: &[ColumnHeader],
    ctx: &Context,
    percent_cells: &[bool],
) -> (Vec<Column>, Vec<Unknown>) {
    let mut parts: Vec<Parts> = headers.iter().map(|h| parts(&h.label)).collect();
    for (p, &pct) in parts.iter_mut().zip(percent_cells) {
        p.percent |= pct;
    }
    // A deviation column compares an outcome with a budget: the table's
    // measures are the outcome.
    let report = ctx.report || parts.iter().any(|p| p.kinds.contains(&KindWord::Deviation));
    let mut columns: Vec<Column> = headers
        .iter()
        .zip(&parts)
        .map(|(h, p)| column(h, p, ctx, report))
        .collect();
    kinds::outcome_beside_budget(&mut columns, &parts, headers, ctx);
    kinds::base_frame_is_budget(&mut columns, headers);
    kinds::repeated_years(&mut columns, &parts, ctx);
    kinds::unnamed_duplicates(&mut columns, &parts);
    net_only_beside_split(&mut columns);
    compared::link_compared(&mut columns, &parts);
    let unknown = unknowns(&mut columns, &parts, ctx);
    set_keys(&mut columns);
    (columns, unknown)
}

/// One column as its own header tells it. Where the header names no kind,
/// a measure alone is an outcome in a `report` (or an indicator table)
/// unless it is a proposal; otherwise its year gives the kind.
fn column(h: &ColumnHeader, p: &Parts, ctx: &Context, report: bool) -> Column {
    let kind = match named_kind(&p.kinds) {
        Some(k) => k,
        None if p.measure.is_some() && !p.proposal && (report || ctx.indicator) => {
            Some(ColumnKind::Outcome)
        }
        None => h.year.and(Some(bare_year_kind(h.year, ctx))).flatten(),
    };
    Column {
        key: String::new(),
        label: h.label.clone(),
        kind,
        year: if p.kinds.contains(&KindWord::Period) {
            None
        } else {
            h.year
        },
        proposal: p.proposal,
        measure: p.measure.map(|m| match m {
            MeasureWord::Revenue => Measure::Revenue,
            MeasureWord::Cost => Measure::Cost,
            MeasureWord::Net => Measure::Net,
        }),
        percent: p.percent,
        compares: Vec::new(),
        partial: h.partial.clone(),
    }
}

/// Net is what a column holds unless revenue and cost columns say
/// otherwise: it is only named where they stand beside it.
fn net_only_beside_split(columns: &mut [Column]) {
    let split = columns
        .iter()
        .any(|c| matches!(c.measure, Some(Measure::Revenue | Measure::Cost)));
    for c in columns {
        if c.measure == Some(Measure::Net) && !split {
            c.measure = None;
        }
    }
}

/// What could not be told: columns without a kind (a comparison column
/// aside), then columns without a year that take the year the text around
/// the table names.
fn unknowns(columns: &mut [Column], parts: &[Parts], ctx: &Context) -> Vec<Unknown> {
    let mut unknown = Vec::new();
    for (c, p) in columns.iter().zip(parts) {
        if c.kind.is_none() && !p.kinds.contains(&KindWord::Comparison) {
            unknown.push(Unknown::Kind(c.label.clone()));
        }
    }
    if let Some(y) = ctx.context_year {
        for c in columns
            .iter_mut()
            .filter(|c| c.year.is_none() && c.kind.is_some())
        {
            c.year = Some(y);
            unknown.push(Unknown::Year(c.label.clone(), y));
        }
    }
    unknown
}

/// Gives every column its key, unique within the table, and turns the
/// compared columns (linked before the keys were set) into keys.
fn set_keys(columns: &mut [Column]) {
    for (i, c) in columns.iter_mut().enumerate() {
        c.key = key(c, i);
    }
    dedupe_keys(columns);
    compared::relink_keys(columns);
}

/// The budget year the tables show when the document names none: the
/// latest year of a column headed "Budget" (proposals included), else the
/// first year of a range of years a header prints ("Förändringar
/// 2023–2025": a budget for 2023 with plans for the years after).
pub(crate) fn budget_year(tables: &[internbudget_parser::Table]) -> Option<i32> {
    let budget = tables
        .iter()
        .flat_map(|t| t.columns.iter())
        .filter(|h| {
            let p = parts(&h.label);
            named_kind(&p.kinds) == Some(Some(ColumnKind::Budget))
        })
        .filter_map(|h| h.year)
        .max();
    budget.or_else(|| {
        tables
            .iter()
            .flat_map(|t| t.header_text.split_whitespace())
            .find_map(range)
            .map(|(from, _)| from)
    })
}

/// Classifies one printed column header on its own (indicator tables).
pub(crate) fn classify(h: &ColumnHeader, budget_year: Option<i32>, indicator: bool) -> Column {
    let ctx = Context {
        budget_year,
        indicator,
        ..Context::default()
    };
    let (mut cols, _) = classify_all(std::slice::from_ref(h), &ctx, &[]);
    cols.pop().unwrap_or_else(|| Column {
        key: String::new(),
        label: h.label.clone(),
        kind: None,
        year: h.year,
        proposal: false,
        measure: None,
        percent: false,
        compares: Vec::new(),
        partial: h.partial.clone(),
    })
}

/// The key of a column: measure, kind, year, "_proposal", "_pct"; for a
/// column without a kind, its label.
fn key(c: &Column, i: usize) -> String {
    let mut key = match (c.kind, c.measure) {
        (Some(k), Some(m @ (Measure::Revenue | Measure::Cost))) => {
            format!("{}_{}", m.as_str(), k.as_str())
        }
        (Some(k), _) => k.as_str().to_string(),
        (None, _) => {
            let s = super::rows::slug(&c.label);
            if s == "row" {
                format!("column_{}", i + 1)
            } else {
                s
            }
        }
    };
    if c.kind.is_some()
        && let Some(y) = c.year
    {
        key.push('_');
        key.push_str(&y.to_string());
    }
    if c.proposal {
        key.push_str("_proposal");
    }
    if c.percent {
        key.push_str("_pct");
    }
    key
}

/// Makes column keys unique within a table ("budget_2021", "budget_2021_2").
pub(crate) fn dedupe_keys(columns: &mut [Column]) {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for c in columns.iter_mut() {
        let n = seen.entry(c.key.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            c.key = format!("{}_{}", c.key, n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A printed header.
    pub(super) fn h(label: &str, year: Option<i32>) -> ColumnHeader {
        ColumnHeader {
            label: label.into(),
            year,
            partial: None,
        }
    }

    type Seen = (Option<ColumnKind>, Option<i32>, Option<Measure>, bool);

    fn kinds(cols: &[Column]) -> Vec<Seen> {
        cols.iter()
            .map(|c| (c.kind, c.year, c.measure, c.percent))
            .collect()
    }

    #[test]
    fn classifies_printed_headers() {
        let c = |l: &str, y| {
            let c = classify(&h(l, Some(y)), Some(2021), false);
            (c.kind, c.proposal, c.key)
        };
        use ColumnKind::*;
        assert_eq!(
            c("Bokslut 2019", 2019),
            (Some(Outcome), false, "outcome_2019".into())
        );
        assert_eq!(
            c("Budget förslag 2021", 2021),
            (Some(Budget), true, "budget_2021_proposal".into())
        );
        assert_eq!(
            c("Plan 2022", 2022),
            (Some(Plan), false, "plan_2022".into())
        );
        assert_eq!(c("Nettoutgift 2019", 2019).0, Some(Outcome));
        assert_eq!(c("Nettoutgift budget 2020", 2020).0, Some(Budget));
        assert_eq!(c("Nettoutgift förslag 2023", 2023).0, Some(Plan));
        assert_eq!(c("Prognos 2020", 2020).0, Some(Forecast));
        assert_eq!(c("Budgetprognos för 2023", 2023).0, Some(Plan));
        assert_eq!(
            classify(&h("2020", Some(2020)), Some(2021), true).kind,
            Some(Outcome)
        );
        assert_eq!(
            classify(&h("Målvärde 2022", Some(2022)), Some(2021), true).kind,
            Some(Target)
        );
    }

    #[test]
    fn measures_and_deviations() {
        use ColumnKind::*;
        let heads = [
            h("Intäkter 2019", Some(2019)),
            h("Kostnader 2020", Some(2020)),
            h("Nettokostnad 2020", Some(2020)),
            h("Budget 2020", Some(2020)),
            h("Avvikelse mot budget 2020", Some(2020)),
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
            kinds(&cols),
            [
                (Some(Outcome), Some(2019), Some(Measure::Revenue), false),
                (Some(Outcome), Some(2020), Some(Measure::Cost), false),
                (Some(Outcome), Some(2020), Some(Measure::Net), false),
                (Some(Budget), Some(2020), None, false),
                (Some(Deviation), Some(2020), None, false),
            ]
        );
        assert_eq!(cols[4].compares, ["outcome_2020", "budget_2020"]);
        assert!(unknown.is_empty());
    }

    #[test]
    fn a_year_from_the_text_for_columns_that_print_none() {
        let heads = [
            h("Intäkter", None),
            h("Kommunbidrag", None),
            h("Avvikelse", None),
            h("Avvikelse 2017", Some(2017)),
        ];
        let ctx = Context {
            context_year: Some(2018),
            ..Context::default()
        };
        let (cols, unknown) = classify_all(&heads, &ctx, &[]);
        assert_eq!(
            cols.iter().map(|c| c.year).collect::<Vec<_>>(),
            [Some(2018), Some(2018), Some(2018), Some(2017)]
        );
        assert_eq!(unknown.len(), 3);
    }
}
