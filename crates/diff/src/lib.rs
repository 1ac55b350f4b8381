//! Year-over-year comparison of normalized internbudget documents.
//!
//! What did the 2019 budget plan for 2021, and what did the 2021 budget
//! decide? Which lines were renamed, moved, added, dropped? Which indicator
//! targets changed, and were they met? [`diff`] compares two documents,
//! [`diff_all`] a sequence (one comparison per consecutive pair, plus the
//! line items and indicators followed across all of them); [`load`] reads
//! an input that is either a normalized JSON document or a source file (PDF,
//! text export) extracted on the fly.
//!
//! - tables are paired by role, standing and content (never by a title that
//!   hardly matches); rows are aligned by exact label, the [`AliasTable`],
//!   then fuzzy similarity; rows found under another line item are moves;
//! - values are compared by fiscal year and measure across column kinds (a
//!   plan against a later budget, a budget against a later outcome), in a
//!   common unit; revenue and cost change by their magnitude;
//! - indicators are aligned within goal areas, also by identical earlier
//!   outcomes, and keep every value of either side;
//! - the result ([`Diff`], schema `internbudget-diff.v1`, [`SCHEMA_VERSION`])
//!   is rendered as JSON (serde), or by [`render`] as daff-highlighter CSV, a
//!   spreadsheet CSV, Markdown or one self-contained HTML report, in Swedish
//!   or English, shaped by [`render::ReportOptions`].

mod aliases;
mod align;
mod indicator_series;
mod indicators;
mod load;
mod model;
mod order;
pub mod render;
mod series;
mod tables;
mod text;

pub use aliases::{AliasError, AliasTable};
pub use load::{LoadError, load};
pub use model::{
    ChangeDirection, ColumnRef, Comparison, Diff, DiffWarning, DocumentCell, DocumentRef,
    IndicatorCell, IndicatorComparison, IndicatorDiff, IndicatorNote, IndicatorRef,
    IndicatorSeries, IndicatorSeriesYear, IndicatorYear, Match, MatchCounts, MatchKind, Measure,
    NoteCode, PairingRule, RowDiff, RowMove, RowRef, SCHEMA_ID, SCHEMA_VERSION, Series,
    SeriesPoint, SeriesYear, Side, Status, Summary, TableDiff, TablePairing, TableRef,
    UnpairedTable, ValueDiff, YearColumns,
};

use internbudget_normalizer::Document;
use thiserror::Error;

/// The default least similarity of a fuzzy row match.
pub const ROW_THRESHOLD: f64 = 0.7;
/// The default least similarity of a fuzzy indicator match.
pub const INDICATOR_THRESHOLD: f64 = 0.7;

/// How to compare.
#[derive(Debug, Clone)]
pub struct Options {
    /// Known renames (the built-in table by default).
    pub aliases: AliasTable,
    /// The least label similarity (0..=1) of a fuzzy row match.
    pub row_threshold: f64,
    /// The least text similarity (0..=1) of a fuzzy indicator match.
    pub indicator_threshold: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            aliases: AliasTable::builtin(),
            row_threshold: ROW_THRESHOLD,
            indicator_threshold: INDICATOR_THRESHOLD,
        }
    }
}

/// Why documents could not be compared.
#[derive(Debug, Error)]
pub enum DiffError {
    /// Fewer than two documents.
    #[error("at least two documents are needed, {0} given")]
    TooFewDocuments(usize),
    /// A document with neither amount tables nor indicators.
    #[error("{0}: not a budget: no amount tables and no indicators")]
    NotABudget(String),
}

/// Compares two documents: `a` the earlier, `b` the later.
pub fn diff(a: &Document, b: &Document, opts: &Options) -> Result<Diff, DiffError> {
    diff_all(&[a, b], opts)
}

/// Compares a sequence of documents: each with the next, and every line
/// item of the main operating summaries across all of them.
pub fn diff_all(docs: &[&Document], opts: &Options) -> Result<Diff, DiffError> {
    if docs.len() < 2 {
        return Err(DiffError::TooFewDocuments(docs.len()));
    }
    for d in docs {
        if d.tables.is_empty() && d.indicators.is_empty() {
            return Err(DiffError::NotABudget(d.source.file.clone()));
        }
    }
    let documents: Vec<DocumentRef> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| DocumentRef {
            id: format!("d{}", i + 1),
            file: d.source.file.clone(),
            sha256: d.source.sha256.clone(),
            format: d.source.format,
            municipality: d.document.municipality.name.clone(),
            municipality_code: d.document.municipality.code.clone(),
            committee: d.document.committee.clone(),
            title: d.document.title.clone(),
            budget_year: d.document.budget_year,
            plan_years: d.document.plan_years.clone(),
        })
        .collect();
    let comparisons: Vec<Comparison> = docs
        .windows(2)
        .enumerate()
        .filter_map(|(k, w)| match w {
            [a, b] => Some(compare(a, b, k, opts)),
            _ => None,
        })
        .collect();
    let mut comparisons = comparisons;
    let indicator_series = indicator_series::build(docs, &mut comparisons);
    let (series, series_years) = series::build(docs, &comparisons);
    let warnings = warnings(docs, &documents, &comparisons);
    Ok(Diff {
        schema_version: SCHEMA_VERSION.to_string(),
        documents,
        comparisons,
        series,
        series_years,
        indicator_series,
        warnings,
    })
}

fn compare(a: &Document, b: &Document, k: usize, opts: &Options) -> Comparison {
    let (pairs, unpaired_tables) = tables::pair_tables(a, b, opts);
    let table_diffs: Vec<TableDiff> = pairs
        .into_iter()
        .filter_map(|(i, j, p)| {
            Some(tables::diff_table(
                a.tables.get(i)?,
                b.tables.get(j)?,
                p,
                opts,
            ))
        })
        .collect();
    let indicators = indicators::diff_indicators(a, b, opts);
    let summary = summarize(&table_diffs, unpaired_tables.len(), &indicators);
    Comparison {
        a: format!("d{}", k + 1),
        b: format!("d{}", k + 2),
        summary,
        tables: table_diffs,
        unpaired_tables,
        indicators,
    }
}

fn count(c: &mut MatchCounts, status: Status, m: Option<&Match>) {
    match (status, m.map(|m| m.kind)) {
        (Status::Added, _) => c.added += 1,
        (Status::Removed, _) => c.removed += 1,
        (Status::Matched, Some(MatchKind::Exact)) => c.exact += 1,
        (Status::Matched, Some(MatchKind::Alias)) => c.alias += 1,
        (Status::Matched, Some(MatchKind::Fuzzy | MatchKind::Outcomes)) => c.fuzzy += 1,
        (Status::Matched, Some(MatchKind::Kind) | None) => c.kind += 1,
    }
}

fn summarize(tables: &[TableDiff], unpaired: usize, indicators: &[IndicatorDiff]) -> Summary {
    let mut s = Summary {
        tables_paired: tables.len(),
        tables_unpaired: unpaired,
        ..Summary::default()
    };
    for t in tables {
        for r in &t.rows {
            count(&mut s.rows, r.status, r.matched_by.as_ref());
            if r.changed {
                s.rows_changed += 1;
            }
            for v in &r.values {
                if let Some(c) = v.change {
                    s.values_compared += 1;
                    if !c.0.is_zero() {
                        s.values_changed += 1;
                    }
                }
            }
        }
    }
    for i in indicators {
        count(&mut s.indicators, i.status, i.matched_by.as_ref());
        if i.changed {
            s.indicators_changed += 1;
        }
    }
    let all_exact = |c: &MatchCounts| c.alias + c.fuzzy + c.kind + c.added + c.removed == 0;
    s.identical = unpaired == 0
        && all_exact(&s.rows)
        && all_exact(&s.indicators)
        && s.values_changed == 0
        && s.indicators_changed == 0
        && tables
            .iter()
            .all(|t| t.rows.iter().all(|r| r.values.iter().all(|v| v.a == v.b)));
    s
}

/// What a reader should know before trusting the comparison: warnings on
/// each consecutive pair, on each document, then on each paired table.
fn warnings(
    docs: &[&Document],
    refs: &[DocumentRef],
    comparisons: &[Comparison],
) -> Vec<DiffWarning> {
    let id = |i: usize| refs.get(i).map(|r| r.id.clone()).unwrap_or_default();
    let mut out = Vec::new();
    for (k, w) in docs.windows(2).enumerate() {
        let [a, b] = w else { continue };
        pair_warnings(&mut out, a, b, (id(k), id(k + 1)));
    }
    for (i, d) in docs.iter().enumerate() {
        document_warnings(&mut out, d, id(i));
    }
    for c in comparisons {
        unit_warnings(&mut out, c);
    }
    out
}

/// Warnings on two consecutive documents `a` (id `ia`) and `b` (id `ib`):
/// different municipalities or committees, an unknown committee, budget
/// years in the wrong order, one source file twice.
fn pair_warnings(
    out: &mut Vec<DiffWarning>,
    a: &Document,
    b: &Document,
    (ia, ib): (String, String),
) {
    let norm = |s: &Option<String>| s.as_deref().map(text::normalize);
    let ids = vec![ia.clone(), ib.clone()];
    let (ma, mb) = (&a.document.municipality, &b.document.municipality);
    let different_municipality = match (&ma.code, &mb.code) {
        (Some(x), Some(y)) => x != y,
        _ => matches!((norm(&ma.name), norm(&mb.name)), (Some(x), Some(y)) if x != y),
    };
    if different_municipality {
        out.push(DiffWarning {
            code: "different_municipality".into(),
            message: format!(
                "{} is from {} and {} from {}: the documents are budgets of different municipalities, so aligned lines may not be the same activity",
                ia,
                ma.name.as_deref().unwrap_or("an unknown municipality"),
                ib,
                mb.name.as_deref().unwrap_or("an unknown municipality"),
            ),
            documents: ids.clone(),
        });
    }
    match (norm(&a.document.committee), norm(&b.document.committee)) {
        (Some(x), Some(y)) if x != y => out.push(DiffWarning {
            code: "different_committee".into(),
            message: format!(
                "{} is the budget of {} and {} of {}: different committees, so aligned lines may not be the same activity",
                ia,
                a.document.committee.as_deref().unwrap_or_default(),
                ib,
                b.document.committee.as_deref().unwrap_or_default(),
            ),
            documents: ids.clone(),
        }),
        (None, _) | (_, None) => out.push(DiffWarning {
            code: "committee_unknown".into(),
            message: "the committee of a document is not known, so it cannot be checked that both documents are budgets of the same committee".into(),
            documents: ids.clone(),
        }),
        _ => {}
    }
    if let (Some(x), Some(y)) = (a.document.budget_year, b.document.budget_year)
        && y < x
    {
        out.push(DiffWarning {
            code: "budget_years_not_ascending".into(),
            message: format!(
                "{} (budget {x}) is compared as the earlier document with {} (budget {y}): give the documents oldest first",
                ia, ib
            ),
            documents: ids.clone(),
        });
    }
    if a.source.sha256 == b.source.sha256 {
        out.push(DiffWarning {
            code: "same_source".into(),
            message: format!("{} and {} come from the same source file", ia, ib),
            documents: ids,
        });
    }
}

/// Warnings on one document `d` (id `id`): no amount tables, failed
/// reconciliation checks.
fn document_warnings(out: &mut Vec<DiffWarning>, d: &Document, id: String) {
    if d.tables.is_empty() {
        out.push(DiffWarning {
            code: "no_tables".into(),
            message: format!("{id} has no amount tables; only its indicators are compared"),
            documents: vec![id.clone()],
        });
    }
    let failed = d
        .checks
        .iter()
        .filter(|c| !c.ok && !c.within_rounding)
        .count();
    if failed > 0 {
        out.push(DiffWarning {
            code: "source_checks_failed".into(),
            message: format!(
                "{id}: {failed} reconciliation check(s) of the source tables do not hold; some amounts may be misread"
            ),
            documents: vec![id],
        });
    }
}

/// Warnings on the paired tables of one comparison: tables in different
/// units, compared in the smaller.
fn unit_warnings(out: &mut Vec<DiffWarning>, c: &Comparison) {
    for t in &c.tables {
        if t.a.unit != t.b.unit {
            out.push(DiffWarning {
                code: "unit_converted".into(),
                message: format!(
                    "\"{}\" ({}) is in {} and \"{}\" ({}) in {}; amounts are compared in {}",
                    t.a.title,
                    c.a,
                    render::unit_name(t.a.unit),
                    t.b.title,
                    c.b,
                    render::unit_name(t.b.unit),
                    render::unit_name(t.unit)
                ),
                documents: vec![c.a.clone(), c.b.clone()],
            });
        }
    }
}

/// The JSON Schema (draft 2020-12) of the diff.
pub fn schema_json() -> serde_json::Value {
    internbudget_normalizer::schema_for::<Diff>(SCHEMA_ID)
}

pub use internbudget_normalizer::ValidateError;

/// Validates a JSON value against the diff schema.
pub fn validate(instance: &serde_json::Value) -> Result<(), ValidateError> {
    internbudget_normalizer::validate_with(&schema_json(), instance)
}
