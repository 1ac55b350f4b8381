//! What is followed across all compared documents: the line items of the
//! main operating summaries year by year ([`Series`], [`SeriesYear`]) and
//! every indicator's targets and outcomes ([`IndicatorSeries`]).

use super::ColumnRef;
use super::IndicatorCell;
use internbudget_normalizer::{Amount, IndicatorKind, RowKind, Unit};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A line item followed across all documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Series {
    /// The latest label.
    pub label: String,
    /// The row kind (line item or total).
    pub kind: RowKind,
    /// The label in each document, null where the line item is absent.
    pub labels: Vec<Option<String>>,
    /// The unit of the values (null: numbers as printed, not kronor).
    pub unit: Option<Unit>,
    /// Kronor per unit (1 without a unit).
    pub unit_factor: u64,
    /// Every printed value: document, year, column kind.
    pub points: Vec<SeriesPoint>,
    /// One value per fiscal year, from the document that speaks for the
    /// year (see `series_years`: the latest document that prints the year,
    /// for the whole table); absent where that document does not print the
    /// line item, never filled in from an older plan.
    pub by_year: Vec<SeriesPoint>,
}

/// Which document speaks for a fiscal year of the series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeriesYear {
    /// The fiscal year.
    pub year: i32,
    /// The latest document whose main operating summary prints the year.
    pub document: String,
    /// Its column for the year (its most final one).
    pub column: ColumnRef,
    /// The sum of the year's top-level line items in that column.
    pub line_items: Amount,
    /// The table's total for the year, when it prints one.
    pub total: Option<Amount>,
}

/// An indicator followed across all documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSeries {
    /// The key of the indicator in every comparison's `indicators`.
    pub key: String,
    /// The latest text.
    pub indicator: String,
    /// The latest goal area.
    pub goal_area: Option<String>,
    /// Indicator or sub-indicator.
    pub kind: IndicatorKind,
    /// The key of the indicator a sub-indicator belongs to.
    pub parent: Option<String>,
    /// The text in each document, null where the indicator is absent.
    pub texts: Vec<Option<String>>,
    /// Year by year: the targets each document set and the outcome
    /// reported.
    pub years: Vec<IndicatorSeriesYear>,
}

/// What was promised for a year and what was achieved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSeriesYear {
    /// The year.
    pub year: i32,
    /// Every target set for the year, one per document that prints one,
    /// oldest first.
    pub targets: Vec<DocumentCell>,
    /// The outcome reported for the year by the latest document that
    /// prints one (a full-year outcome before a partial one).
    pub outcome: Option<DocumentCell>,
    /// Whether the outcome met the latest target, when both are numbers of
    /// the same unit and the target states a comparator (≥, ≤, >, <) or a
    /// direction against the previous outcome.
    pub target_met: Option<bool>,
}

/// A printed indicator value and the document it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentCell {
    /// The document id.
    pub document: String,
    /// The value.
    pub cell: IndicatorCell,
}

/// One value of a series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeriesPoint {
    /// The document id.
    pub document: String,
    /// The fiscal year.
    pub year: i32,
    /// The column it was printed in.
    pub column: ColumnRef,
    /// The amount.
    pub value: Amount,
}
