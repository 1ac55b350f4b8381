//! The aligned indicators of a comparison: their values compared year by
//! year and the notes on their targets ([`IndicatorDiff`],
//! [`IndicatorYear`], [`IndicatorNote`]).

use super::{Match, Status};
use internbudget_normalizer::{
    Amount, ColumnKind, Comparator, Direction, IndicatorKind, ValueStatus, ValueUnit,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One aligned indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDiff {
    /// The indicator's key, the same in every comparison of the diff and in
    /// `indicator_series` ("sjukfranvaro-total-sjukfranvaro"; since 1.1).
    #[serde(default)]
    pub key: String,
    /// The later document's text (the earlier one's for a removed indicator).
    pub indicator: String,
    /// The goal area (målområde) both stand under.
    pub goal_area: Option<String>,
    /// Indicator or sub-indicator.
    pub kind: IndicatorKind,
    /// Matched, added or removed.
    pub status: Status,
    /// How the indicator was matched.
    #[serde(rename = "match")]
    pub matched_by: Option<Match>,
    /// True when a matched indicator's texts differ (after normalisation).
    pub renamed: bool,
    /// The indicator in the earlier document.
    pub a: Option<IndicatorRef>,
    /// The indicator in the later document.
    pub b: Option<IndicatorRef>,
    /// Index in `indicators` of the indicator a sub-indicator belongs to.
    pub parent: Option<usize>,
    /// The values compared year by year.
    pub years: Vec<IndicatorYear>,
    /// What changed in the targets, for a person.
    pub notes: Vec<IndicatorNote>,
    /// True when a compared value changed or a note was made.
    pub changed: bool,
}

/// An indicator of a compared document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorRef {
    /// The indicator id in its document ("i7").
    pub id: String,
    /// The printed text.
    pub indicator: String,
    /// The committee goal (nämndmål) it stands under.
    pub committee_goal: Option<String>,
}

/// What two documents say about an indicator in one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorYear {
    /// The year.
    pub year: i32,
    /// Which values are compared.
    pub comparison: IndicatorComparison,
    /// For a target or outcome of a matched indicator: `matched` when both
    /// documents print it, `added` when only the later one does, `removed`
    /// when only the earlier one does (since 1.1; always `matched` before).
    #[serde(default = "matched")]
    pub status: Status,
    /// The earlier document's value.
    pub a: Option<IndicatorCell>,
    /// The later document's value.
    pub b: Option<IndicatorCell>,
    /// b − a, when both are single numbers of the same unit.
    pub change: Option<Amount>,
    /// (b − a) / |a| rounded to four decimals, when a change and a ≠ 0.
    pub relative_change: Option<Amount>,
    /// True for a target or outcome comparison whose values differ.
    pub changed: bool,
}

/// Which values of an indicator year are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorComparison {
    /// Both documents' targets (målvärde) for the year.
    Target,
    /// Both documents' outcomes for the year.
    Outcome,
    /// The earlier document's target against the later document's outcome:
    /// what was aimed at and what was reported.
    TargetThenOutcome,
    /// Only the earlier document has a value (a removed indicator).
    OnlyA,
    /// Only the later document has a value (an added indicator).
    OnlyB,
}

fn matched() -> Status {
    Status::Matched
}

/// One printed indicator value, as the diff shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorCell {
    /// Outcome or target.
    pub kind: ColumnKind,
    /// A partial-year qualifier ("aug").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<String>,
    /// The printed cell.
    pub raw: String,
    /// Value, not available or text.
    pub status: Option<ValueStatus>,
    /// The number.
    pub number: Option<Amount>,
    /// Its unit.
    pub unit: Option<ValueUnit>,
    /// A comparator before a target.
    pub comparator: Option<Comparator>,
    /// A direction stated as a target.
    pub direction: Option<Direction>,
}

/// A note on an indicator's targets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorNote {
    /// What changed.
    pub code: NoteCode,
    /// The same, for a person (in English).
    pub message: String,
    /// The target years compared: "2021", or "2020 → 2021" when the
    /// documents share no target year (since 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<String>,
    /// The earlier target as printed (since 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The later target as printed (since 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

/// What changed in an indicator's targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NoteCode {
    /// A stated direction ("Ska öka" → "Ska minska") changed.
    DirectionChanged,
    /// A comparator (≥, ≤, >, <) changed, appeared or was dropped.
    ComparatorChanged,
    /// A target went from a direction to a number or back.
    TargetForm,
    /// The unit of the values changed (% → days).
    UnitChanged,
}
