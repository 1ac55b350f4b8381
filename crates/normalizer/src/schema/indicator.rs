//! An indicator row of a goal table ([`Indicator`], [`IndicatorKind`])
//! and its printed values ([`IndicatorValue`]), each read into what it
//! says ([`ParsedValue`]: [`ValueStatus`], [`ValueUnit`], [`Comparator`],
//! [`Direction`], [`GroupValue`]).

use super::{ColumnKind, Provenance};
use crate::amount::Amount;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Indicator or sub-indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// A committee indicator (nämndindikator).
    Indicator,
    /// A breakdown of the indicator above it ("Män", "Kvinnor").
    SubIndicator,
}

/// An indicator row of a goal table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Identifier within the document: "i1", "i2", …
    pub id: String,
    /// Målområde, e.g. "Medborgare".
    pub goal_area: Option<String>,
    /// Kommunövergripande mål.
    pub municipal_goal: Option<String>,
    /// Nämndmål (carried down from merged cells).
    pub committee_goal: Option<String>,
    /// The indicator text as printed, line and word breaks joined.
    pub indicator: String,
    /// Indicator or sub-indicator.
    pub kind: IndicatorKind,
    /// The indicator a sub-indicator belongs to.
    pub parent: Option<String>,
    /// The printed values; empty cells are left out.
    pub values: Vec<IndicatorValue>,
    /// Where the row was printed.
    pub provenance: Provenance,
}

/// One printed indicator value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorValue {
    /// Outcome (a year, Utfall) or target (Målvärde).
    pub kind: ColumnKind,
    /// The year of the column.
    pub year: Option<i32>,
    /// A partial-year qualifier of the column, e.g. "aug" for "2020 (aug)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<String>,
    /// The printed cell, line and word breaks joined, whitespace collapsed.
    pub raw: String,
    /// What the cell says.
    pub parsed: ParsedValue,
    /// Where it was printed.
    pub provenance: Provenance,
}

/// Whether an indicator cell holds a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ValueStatus {
    /// A number (possibly with unit, comparator, groups or a qualifying note).
    Value,
    /// Explicitly not available: "I.U.", "IU", "Saknas", "-".
    NotAvailable,
    /// Text, such as a direction ("Ska minska") or a description.
    Text,
}

/// The unit of an indicator value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ValueUnit {
    /// Per cent.
    Percent,
    /// Days.
    Days,
    /// Months.
    Months,
    /// Weeks.
    Weeks,
    /// Years.
    Years,
    /// A count ("st", "personer", "hushåll").
    Count,
    /// Kronor.
    Kr,
    /// Thousands of kronor.
    Tkr,
    /// Millions of kronor.
    Mnkr,
}

/// A comparator printed before a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// ≥
    Gte,
    /// ≤
    Lte,
    /// >
    Gt,
    /// <
    Lt,
}

/// A direction stated as a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// "Ska öka"
    Increase,
    /// "Ska minska"
    Decrease,
    /// "Ska inte öka"
    NotIncrease,
    /// "Ska inte minska"
    NotDecrease,
    /// "Oförändrad", "Bibehålla"
    Maintain,
}

/// What an indicator cell says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ParsedValue {
    /// value, not_available or text.
    pub status: Option<ValueStatus>,
    /// The number, as an exact decimal string.
    pub number: Option<Amount>,
    /// The unit of the number.
    pub unit: Option<ValueUnit>,
    /// A comparator printed before the number.
    pub comparator: Option<Comparator>,
    /// A stated direction ("Ska minska").
    pub direction: Option<Direction>,
    /// Values for groups printed in one cell ("AMC: 33,9 OSA: 1,9", "79 (UAF) 76 (SOF)").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupValue>,
    /// Footnote markers attached to the value ("*", "11").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<String>,
    /// Text printed with the number that qualifies it ("(Hela kommunen 2018)").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A value for one group inside a cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupValue {
    /// The group ("AMC", "UAF", "Augusti", "tillgänglighet").
    pub group: String,
    /// Its number.
    pub number: Amount,
    /// Unit of the number.
    pub unit: Option<ValueUnit>,
    /// Comparator before the number.
    pub comparator: Option<Comparator>,
    /// Footnote markers on this value.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<String>,
}

names! {
    IndicatorKind { Indicator => "indicator", SubIndicator => "sub_indicator" }
    ValueStatus { Value => "value", NotAvailable => "not_available", Text => "text" }
    ValueUnit {
        Percent => "percent", Days => "days", Months => "months", Weeks => "weeks",
        Years => "years", Count => "count", Kr => "kr", Tkr => "tkr", Mnkr => "mnkr",
    }
    Comparator { Gte => "gte", Lte => "lte", Gt => "gt", Lt => "lt" }
    Direction {
        Increase => "increase", Decrease => "decrease", NotIncrease => "not_increase",
        NotDecrease => "not_decrease", Maintain => "maintain",
    }
}
