//! The diff, schema v1: the types every diff output is made of, serialized
//! with serde and described by the JSON Schema generated from them
//! (`schemas/internbudget-diff.v1.schema.json`, draft 2020-12).
//!
//! Versioning follows the document schema: the major version is in the
//! schema `$id`; `schema_version` in every diff is the full semantic
//! version; additive changes bump the minor version.
//!
//! Amounts are exact decimal strings
//! ([`Amount`](internbudget_normalizer::Amount)) in the unit named by the
//! table diff (`unit`, `unit_factor`); a relative change is a decimal
//! fraction of the earlier amount rounded to four decimals ("0.2723" is
//! +27.23 %), half away from zero. Similarity scores are JSON numbers in
//! 0..=1 rounded to three decimals.
//!
//! The types are in parts: the documents, comparisons, counts and how
//! items matched here; paired tables, rows and values in [`tables`];
//! indicators in [`indicators`]; what is followed across all documents in
//! [`series`].

mod indicators;
mod series;
mod tables;

pub use indicators::{
    IndicatorCell, IndicatorComparison, IndicatorDiff, IndicatorNote, IndicatorRef, IndicatorYear,
    NoteCode,
};
pub use internbudget_normalizer::Measure;
pub use series::{
    DocumentCell, IndicatorSeries, IndicatorSeriesYear, Series, SeriesPoint, SeriesYear,
};
pub use tables::{
    ChangeDirection, ColumnRef, PairingRule, RowDiff, RowMove, RowRef, TableDiff, TablePairing,
    TableRef, UnpairedTable, ValueDiff, YearColumns,
};

use internbudget_normalizer::SourceFormat;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The semantic version of the diff schema written in every diff.
pub const SCHEMA_VERSION: &str = "1.1.0";

/// The `$id` of the diff schema.
pub const SCHEMA_ID: &str =
    "https://internbudget.github.io/schemas/internbudget-diff.v1.schema.json";

/// A comparison of two or more normalized internbudget documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "internbudget diff v1")]
pub struct Diff {
    /// The schema version this diff follows, "1.1.0".
    pub schema_version: String,
    /// The compared documents, in the order given ("d1", "d2", …).
    pub documents: Vec<DocumentRef>,
    /// One comparison per consecutive pair of documents (d1→d2, d2→d3, …).
    pub comparisons: Vec<Comparison>,
    /// The line items of the main operating summaries followed across all
    /// documents: one series per line item (and total).
    pub series: Vec<Series>,
    /// For each fiscal year of the series, the document whose table gives
    /// it: the latest document that prints the year speaks for the whole
    /// table (since 1.1).
    #[serde(default)]
    pub series_years: Vec<SeriesYear>,
    /// Every indicator followed across all documents by its stable key:
    /// what each document targeted for a year and what was achieved (since
    /// 1.1).
    #[serde(default)]
    pub indicator_series: Vec<IndicatorSeries>,
    /// What a reader should know before trusting the comparison: different
    /// committees or municipalities, unreconciled source tables, …
    pub warnings: Vec<DiffWarning>,
}

/// One compared document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentRef {
    /// "d1", "d2", … in the order given.
    pub id: String,
    /// The source file name.
    pub file: String,
    /// SHA-256 of the source file.
    pub sha256: String,
    /// The format of the source file.
    pub format: SourceFormat,
    /// The municipality's name as printed.
    pub municipality: Option<String>,
    /// The four-digit SCB municipality code.
    pub municipality_code: Option<String>,
    /// The committee (nämnd).
    pub committee: Option<String>,
    /// The document title.
    pub title: Option<String>,
    /// The budget year.
    pub budget_year: Option<i32>,
    /// The plan years.
    pub plan_years: Vec<i32>,
}

/// The comparison of one document (`a`, the earlier) with the next (`b`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    /// Id of the earlier document.
    pub a: String,
    /// Id of the later document.
    pub b: String,
    /// Counts, and whether anything differs at all.
    pub summary: Summary,
    /// The paired amount tables.
    pub tables: Vec<TableDiff>,
    /// Amount tables found in only one of the documents.
    pub unpaired_tables: Vec<UnpairedTable>,
    /// The aligned indicators, in the later document's order with removed
    /// ones placed where they stood.
    pub indicators: Vec<IndicatorDiff>,
}

/// Counts of a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// True when the documents say the same: every row and indicator matched
    /// by its exact label, none added or removed, no compared value changed
    /// and no table unpaired.
    pub identical: bool,
    /// Number of paired tables.
    pub tables_paired: usize,
    /// Number of tables in only one document.
    pub tables_unpaired: usize,
    /// How the table rows were aligned.
    pub rows: MatchCounts,
    /// Rows (matched) with at least one changed value.
    pub rows_changed: usize,
    /// Row values compared (a fiscal year present in both tables).
    pub values_compared: usize,
    /// Of those, how many differ.
    pub values_changed: usize,
    /// How the indicators were aligned.
    pub indicators: MatchCounts,
    /// Matched indicators with a changed value or a note.
    pub indicators_changed: usize,
}

/// How many items were matched in each way, added and removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct MatchCounts {
    /// Matched by their normalised label.
    pub exact: usize,
    /// Matched through the alias table.
    pub alias: usize,
    /// Matched by label similarity above the threshold.
    pub fuzzy: usize,
    /// Matched by their row kind (totals, "varav" rows, frames).
    pub kind: usize,
    /// Only in the later document.
    pub added: usize,
    /// Only in the earlier document.
    pub removed: usize,
}

/// One side of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The earlier document.
    A,
    /// The later document.
    B,
}

/// Whether an item is in both documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// In both documents (see `match` for how it was aligned).
    Matched,
    /// Only in the later document.
    Added,
    /// Only in the earlier document.
    Removed,
}

/// How two items were aligned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Match {
    /// The step of the alignment that paired them.
    pub kind: MatchKind,
    /// The label similarity (1 for exact and alias matches).
    pub score: f64,
    /// The alias table entry's note, for an alias match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The step of the alignment that paired two items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// Equal normalised labels (case, whitespace, footnote markers and
    /// punctuation folded; a row's label may also be read with its section
    /// heading before it).
    Exact,
    /// A known rename from the alias table.
    Alias,
    /// Label similarity at or above the threshold.
    Fuzzy,
    /// The only rows of their kind left (a total, a "varav" row, the last
    /// budget frame), whatever their labels.
    Kind,
    /// Indicators whose texts are alike (similarity at least 0.4) and that
    /// print the same outcome for the same earlier year, every earlier
    /// outcome they share being equal (since 1.1).
    Outcomes,
}

/// Something a reader should know before trusting the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DiffWarning {
    /// A stable code: "different_committee", "different_municipality",
    /// "budget_years_not_ascending", "source_checks_failed", "no_tables",
    /// "unit_converted", …
    pub code: String,
    /// What it means, for a person.
    pub message: String,
    /// The documents concerned.
    pub documents: Vec<String>,
}
