//! The paired amount tables of a comparison: why two tables were paired,
//! the columns compared for each fiscal year, and the aligned rows with
//! their values ([`TableDiff`], [`RowDiff`], [`ValueDiff`]); the tables
//! only one document has ([`UnpairedTable`]).

use super::{Match, Side, Status};
use internbudget_normalizer::{Amount, ColumnKind, Measure, RowKind, TableRole, Unit};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A table present in only one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnpairedTable {
    /// Which document has it.
    pub side: Side,
    /// The table.
    pub table: TableRef,
}

/// A table of a compared document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableRef {
    /// The table id in its document ("t1").
    pub id: String,
    /// The table's role.
    pub role: TableRole,
    /// The heading the table stands under.
    pub title: String,
    /// The unit of its amounts; null for a table whose numbers are not
    /// kronor (counts of staff, volumes).
    pub unit: Option<Unit>,
}

/// Two paired tables, row by row and year by year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableDiff {
    /// The role both tables have.
    pub role: TableRole,
    /// The table of the earlier document.
    pub a: TableRef,
    /// The table of the later document.
    pub b: TableRef,
    /// Why these two tables were paired.
    pub pairing: TablePairing,
    /// The unit of every amount in this table diff (the smaller of the two
    /// tables' units; amounts of the other table are converted exactly);
    /// null when neither table's numbers are kronor (they are compared as
    /// printed, `unit_factor` 1).
    pub unit: Option<Unit>,
    /// Kronor per unit (1 without a unit).
    pub unit_factor: u64,
    /// Every fiscal year of either table, ascending (net columns first,
    /// then cost, then revenue columns), with the column each table gives
    /// for it.
    pub years: Vec<YearColumns>,
    /// The aligned rows, in the later table's order, removed rows placed
    /// where they stood, change rows under their line item.
    pub rows: Vec<RowDiff>,
}

/// Why two tables were paired.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TablePairing {
    /// The rule that paired them.
    pub rule: PairingRule,
    /// The similarity of the titles (0..=1).
    pub title_similarity: f64,
    /// The share of line items of the smaller table whose label (or alias)
    /// is found in the other (0..=1).
    pub row_overlap: f64,
}

/// The rule that paired two tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PairingRule {
    /// Both are their document's main table of the role (titled
    /// "Driftsammandrag"/"Investeringar", or else the one with most line
    /// items and change rows).
    Main,
    /// Similar titles (similarity at least 0.8, or an alias).
    Title,
    /// Most line items in common (at least half of the smaller table's),
    /// with titles that are not unlike (similarity at least 0.3).
    Rows,
}

/// The columns two tables give for one fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct YearColumns {
    /// The fiscal year.
    pub year: i32,
    /// What the columns measure (net unless the tables print revenue and
    /// cost columns; since 1.1).
    #[serde(default = "net")]
    pub measure: Measure,
    /// The column of the earlier table, if it has the year.
    pub a: Option<ColumnRef>,
    /// The column of the later table, if it has the year.
    pub b: Option<ColumnRef>,
}

/// A column of a compared table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnRef {
    /// The column key ("plan_2021").
    pub key: String,
    /// The printed header ("Plan 2021").
    pub label: String,
    /// What the column holds.
    pub kind: ColumnKind,
    /// True for a proposal ("förslag").
    pub proposal: bool,
}

/// Which way a value went, in what the row measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeDirection {
    /// More revenue, more cost, a larger net cost.
    Increase,
    /// Less revenue, less cost, a smaller net cost.
    Decrease,
    /// The same amount.
    Unchanged,
}

/// A row found under another line item (or at another level) in the later
/// table than in the earlier one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RowMove {
    /// The label of the line item it stood under in the earlier table, null
    /// for a line item of its own.
    pub from: Option<String>,
    /// The label of the line item it stands under in the later table, null
    /// for a line item of its own.
    pub to: Option<String>,
}

/// A row of a compared table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RowRef {
    /// The row key in its table.
    pub key: String,
    /// The printed label.
    pub label: String,
    /// What the row is.
    pub kind: RowKind,
}

/// One aligned row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RowDiff {
    /// The later document's label (the earlier one's for a removed row).
    pub label: String,
    /// The row kind (the later document's for a matched row).
    pub kind: RowKind,
    /// What the row's amounts measure in net columns: revenue ("varav
    /// intäkter"), cost ("varav kostnader") or net (since 1.1).
    #[serde(default = "net")]
    pub measure: Measure,
    /// Matched, added or removed.
    pub status: Status,
    /// How the row was matched.
    #[serde(rename = "match")]
    pub matched_by: Option<Match>,
    /// True when a matched row's labels differ (after normalisation).
    pub renamed: bool,
    /// Set when a matched row stands under a different line item in the
    /// later table (a change moved from one line item to another) (since
    /// 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moved: Option<RowMove>,
    /// The row in the earlier table.
    pub a: Option<RowRef>,
    /// The row in the later table.
    pub b: Option<RowRef>,
    /// Index in `rows` of the row this one stands under (a change row's line
    /// item, an adjustment's frame).
    pub parent: Option<usize>,
    /// One value pair per entry of the table diff's `years`, in the same
    /// order.
    pub values: Vec<ValueDiff>,
    /// True when a value present in both documents differs.
    pub changed: bool,
}

/// What two documents say about one row in one fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValueDiff {
    /// The fiscal year.
    pub year: i32,
    /// The measure of the columns compared (as in `years`; since 1.1).
    #[serde(default = "net")]
    pub measure: Measure,
    /// The earlier document's amount.
    pub a: Option<Amount>,
    /// The later document's amount.
    pub b: Option<Amount>,
    /// b − a, when both are printed.
    pub change: Option<Amount>,
    /// The relative change of what the row measures, rounded to four
    /// decimals, when both are printed and a ≠ 0: (b − a) / |a| for net
    /// amounts, (|b| − |a|) / |a| for revenue and cost, so that revenue
    /// growing from −14 870 to −53 460 is +2.5952 whichever sign the source
    /// prints revenue with.
    pub relative_change: Option<Amount>,
    /// Which way what the row measures went, when both are printed (since
    /// 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<ChangeDirection>,
}

fn net() -> Measure {
    Measure::Net
}
