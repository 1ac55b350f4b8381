//! The normalized document, schema v1: the types every output is made of,
//! serialized with serde and described by the JSON Schema generated from them
//! (`schemas/internbudget-document.v1.schema.json`, draft 2020-12).
//!
//! Versioning: the major version is in the schema `$id`; `schema_version` in
//! every document is the full semantic version. Additive changes bump the
//! minor version.

use crate::amount::Amount;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The semantic version of the document schema written in every document.
pub const SCHEMA_VERSION: &str = "1.0.0";

/// The `$id` of the document schema.
pub const SCHEMA_ID: &str =
    "https://internbudget.github.io/schemas/internbudget-document.v1.schema.json";

/// A normalized internbudget document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "internbudget document v1")]
pub struct Document {
    /// The schema version this document follows, "1.0.0".
    pub schema_version: String,
    /// What the document is: municipality, committee, title and years.
    pub document: DocumentInfo,
    /// The file it was read from.
    pub source: Source,
    /// The amount tables: operating summaries (driftsammandrag) and investments.
    pub tables: Vec<Table>,
    /// The indicator rows of the goal tables, in printed order.
    pub indicators: Vec<Indicator>,
    /// Reconciliation of the tables: sums and frames, per column.
    pub checks: Vec<Check>,
    /// What the parser was unsure of, with where it was printed.
    pub warnings: Vec<Warning>,
}

/// What the document is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentInfo {
    /// The municipality that published the document.
    pub municipality: Municipality,
    /// The committee (nämnd) whose internbudget this is, e.g. "Arbetsmarknadsnämnden".
    pub committee: Option<String>,
    /// The document title, e.g. "Internbudget 2021 med plan för 2022-2024".
    pub title: Option<String>,
    /// The budget year.
    pub budget_year: Option<i32>,
    /// The plan years after the budget year.
    pub plan_years: Vec<i32>,
    /// Where the title was printed.
    pub provenance: Option<Provenance>,
}

/// A Swedish municipality.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct Municipality {
    /// The name as the document prints it, e.g. "Linköpings kommun".
    pub name: Option<String>,
    /// The four-digit SCB municipality code (kommunkod), e.g. "0580", when known.
    #[schemars(regex(pattern = r"^[0-9]{4}$"))]
    pub code: Option<String>,
    /// The short name in SCB's register, e.g. "Linköping".
    pub short_name: Option<String>,
    /// The county (län), e.g. "Östergötlands län".
    pub county: Option<String>,
    /// The two-digit county code, e.g. "05".
    pub county_code: Option<String>,
}

/// The source file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// File name (without directories).
    pub file: String,
    /// SHA-256 of the file's bytes, lowercase hex.
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
    /// The format detected from the bytes.
    pub format: SourceFormat,
    /// The text encoding of a text export ("UTF-8", "windows-1252", …).
    pub encoding: Option<String>,
    /// Number of pages (text exports: form-feed separated pages).
    pub pages: u32,
    /// Number of lines of a text export.
    pub lines: Option<u32>,
}

/// The format of a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// A PDF.
    Pdf,
    /// A text export with tab-separated table cells.
    TextTabular,
    /// A text export with space-aligned or flowed table cells (pdftotext-like).
    TextLayout,
}

/// Where something was printed in the source.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// 1-based page number.
    pub page: u32,
    /// 1-based line number in a text export (first line when spanning several).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Last line in a text export, when the item spans several lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_end: Option<u32>,
    /// Bounding box on a PDF page in points, origin top-left: [x0, y0, x1, y1].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[f32; 4]>,
}

/// The role of an amount table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TableRole {
    /// Driftsammandrag: net cost per line item.
    OperatingSummary,
    /// Investeringar: net investment expenditure.
    Investments,
}

/// The unit of a table's amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Kronor.
    Kr,
    /// Thousands of kronor (tusen kronor).
    Tkr,
    /// Millions of kronor (miljoner kronor).
    Mnkr,
}

impl Unit {
    /// How many kronor one unit is.
    pub fn factor(self) -> u64 {
        match self {
            Unit::Kr => 1,
            Unit::Tkr => 1_000,
            Unit::Mnkr => 1_000_000,
        }
    }
}

/// An amount table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Identifier within the document: "t1", "t2", …
    pub id: String,
    /// What the table holds.
    pub role: TableRole,
    /// The heading the table stands under.
    pub title: String,
    /// The unit of every amount in the table.
    pub unit: Unit,
    /// Kronor per unit: 1, 1000 (tkr) or 1000000 (mnkr).
    pub unit_factor: u64,
    /// The value columns, left to right.
    pub columns: Vec<Column>,
    /// The rows that carry amounts (and "varav" rows printed empty), in printed order.
    pub rows: Vec<Row>,
    /// Footnotes printed under the table.
    pub footnotes: Vec<Footnote>,
    /// Where the table header was printed.
    pub provenance: Provenance,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// An outcome: Bokslut, Utfall, or a bare year before the budget year.
    Outcome,
    /// A budget: Budget, Budget förslag, Nettoutgift budget.
    Budget,
    /// A plan year (a phase of its own: Fiscal Data Package has no plan phase).
    Plan,
    /// A target value: Målvärde.
    Target,
    /// A forecast: Prognos.
    Forecast,
}

/// A value column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Identifier within the table: kind, year and "_proposal", e.g. "budget_2021_proposal".
    pub key: String,
    /// The printed header, e.g. "Budget förslag 2021".
    pub label: String,
    /// What the column holds.
    pub kind: ColumnKind,
    /// The fiscal year.
    pub year: Option<i32>,
    /// True for a proposal ("förslag").
    pub proposal: bool,
}

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// A budget line (verksamhet, avdelning, budgetpost).
    LineItem,
    /// A change under "Specifikation av förändringar"; `parent` is its line item.
    Change,
    /// The total of the line items (Summa, Verksamhetens nettokostnader).
    Total,
    /// "varav intäkter" / "varav inkomster": the revenue part of the total.
    OfWhichRevenue,
    /// "varav kostnader" / "varav utgifter": the cost part of the total.
    OfWhichCost,
    /// A budget or investment frame (Budgetram, Investeringsram).
    BudgetFrame,
    /// An adjustment printed between two frames; `parent` is the frame before it.
    Adjustment,
    /// Any other row with amounts (a second total, a memo line).
    Memo,
}

/// A row of an amount table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// Identifier within the table: the label in lowercase ASCII snake case,
    /// with "_2", "_3" … for repeated labels.
    pub key: String,
    /// The printed label, line breaks joined, footnote markers removed.
    pub label: String,
    /// What the row is.
    pub kind: RowKind,
    /// Label of the parent row (the line item of a change, the frame of an adjustment).
    pub parent: Option<String>,
    /// Key of the parent row.
    pub parent_key: Option<String>,
    /// A heading the row stands under inside the table, when printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Footnote markers printed with the label ("*").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<String>,
    /// One amount per column, as a decimal string, or null for an empty cell.
    pub values: Vec<Option<Amount>>,
    /// Where each amount was printed (null for an empty cell).
    pub value_provenance: Vec<Option<Provenance>>,
    /// How the amounts were put in their columns.
    pub placement: Placement,
    /// Where the row was printed.
    pub provenance: Provenance,
}

/// How a row's amounts were put in their columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    /// By their printed position under the column headers, or one per column.
    Printed,
    /// The source did not show the columns; they were chosen so that the
    /// table reconciles (see `checks`), with a warning.
    Reconciliation,
    /// The source did not show the columns; they were chosen by the row kind
    /// (changes and frames start at the budget year), with a warning.
    RowKind,
}

/// A footnote printed under a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Footnote {
    /// The marker ("*", "**", "1").
    pub marker: String,
    /// The footnote text.
    pub text: String,
}

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

/// What a reconciliation check compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// The line items sum to the total.
    SumOfLineItems,
    /// "varav intäkter" plus "varav kostnader" equals the total.
    RevenuePlusCost,
    /// A budget frame plus the adjustments under it equals the next frame.
    FramePlusAdjustments,
    /// The last budget frame equals the total (a balanced budget).
    FrameEqualsTotal,
    /// A later total equals the total plus the memo rows between them.
    SubtotalChain,
}

/// One reconciliation check of one table column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// The table id.
    pub table: String,
    /// What is compared.
    pub kind: CheckKind,
    /// The column key.
    pub column: String,
    /// The column's fiscal year.
    pub year: Option<i32>,
    /// The printed amount the others should add up to.
    pub expected: Amount,
    /// What they add up to.
    pub found: Amount,
    /// found − expected.
    pub difference: Amount,
    /// True when found equals expected exactly.
    pub ok: bool,
    /// True when the difference is no more than the rounding of the printed amounts could cause.
    pub within_rounding: bool,
    /// Keys of the rows involved: the expected row first.
    pub rows: Vec<String>,
}

/// Something the parser was unsure of, or a reading it had to infer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    /// A stable code: "placement_inferred", "checks_failed", "table_skipped", "unread_amount", …
    pub code: String,
    /// What happened, for a person.
    pub message: String,
    /// Where.
    pub provenance: Option<Provenance>,
}
