//! The diff, schema v1: the types every diff output is made of, serialized
//! with serde and described by the JSON Schema generated from them
//! (`schemas/internbudget-diff.v1.schema.json`, draft 2020-12).
//!
//! Versioning follows the document schema: the major version is in the
//! schema `$id`; `schema_version` in every diff is the full semantic
//! version; additive changes bump the minor version.
//!
//! Amounts are exact decimal strings ([`Amount`]) in the unit named by the
//! table diff (`unit`, `unit_factor`); a relative change is a decimal
//! fraction of the earlier amount rounded to four decimals ("0.2723" is
//! +27.23 %), half away from zero. Similarity scores are JSON numbers in
//! 0..=1 rounded to three decimals.

pub use internbudget_normalizer::Measure;
use internbudget_normalizer::{
    Amount, ColumnKind, Comparator, Direction, IndicatorKind, RowKind, SourceFormat, TableRole,
    Unit, ValueStatus, ValueUnit,
};
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

/// A table present in only one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnpairedTable {
    /// Which document has it.
    pub side: Side,
    /// The table.
    pub table: TableRef,
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
