//! The normalized document, schema v1: the types every output is made of,
//! serialized with serde and described by the JSON Schema generated from them
//! (`schemas/internbudget-document.v1.schema.json`, draft 2020-12).
//!
//! Versioning: the major version is in the schema `$id`; `schema_version` in
//! every document is the full semantic version. Additive changes bump the
//! minor version.
//!
//! 1.1.0 added what budgets of other municipalities print: table roles
//! `frames`, `income_statement`, `balance_sheet`, `cash_flow`, `other`;
//! column kinds `frame`, `change`, `deviation` and `null` (a column whose kind
//! the print does not tell), `measure`, `percent`, `compares`, `partial`;
//! row kind `subtotal`, row `group` and `note`; a table `unit` of `null`
//! where none is printed; check kinds per block and per row; warning codes
//! as a closed list; `document.budget_id`, the key one budget read from
//! several sources shares, and the marking of tables to sum without double
//! counting: `primary`, `summary_of`, `superseded_by`.
//!
//! Every closed set has `as_str()`, the name serde writes (one place each).

use crate::amount::Amount;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The semantic version of the document schema written in every document.
pub const SCHEMA_VERSION: &str = "1.1.0";

/// The `$id` of the document schema.
pub const SCHEMA_ID: &str =
    "https://internbudget.github.io/schemas/internbudget-document.v1.schema.json";

/// A normalized internbudget document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "internbudget document v1")]
pub struct Document {
    /// The schema version this document follows, "1.1.0".
    pub schema_version: String,
    /// What the document is: municipality, committee, title and years.
    pub document: DocumentInfo,
    /// The file it was read from.
    pub source: Source,
    /// Every table of amounts under year columns: operating summaries
    /// (driftsammandrag), investments, frames, statements and others.
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
    /// The budget this document is one source of: SCB municipality code,
    /// committee slug and budget year, e.g. "0580-arbetsmarknadsnamnden-2021".
    /// A PDF and its text export share it. Null when the municipality, the
    /// committee or the budget year is not known.
    #[serde(default)]
    #[schemars(regex(pattern = r"^[0-9]{4}-[a-z0-9]+(-[a-z0-9]+)*-[0-9]{4}$"))]
    pub budget_id: Option<String>,
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
    /// A Word document (Office Open XML).
    Docx,
    /// A web page.
    Html,
}

/// Where something was printed in the source.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// 1-based page number.
    pub page: u32,
    /// 1-based line number in a text export, or in the text of a DOCX or
    /// HTML source as `internbudget text` prints it (first line when
    /// spanning several).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Last line in a text export, when the item spans several lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_end: Option<u32>,
    /// Bounding box on a PDF page in points, origin top-left: [x0, y0, x1, y1].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[f32; 4]>,
    /// DOCX and HTML: the 1-based table in the document, counting every
    /// table (nested ones included) in the order they start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<u32>,
    /// DOCX and HTML: the 1-based row in the table (header rows included),
    /// when the item stands in one row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    /// DOCX and HTML: the 1-based grid column where the cell starts, when
    /// the item stands in one cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub col: Option<u32>,
    /// DOCX: the 1-based paragraph of the document body (paragraphs in
    /// table cells included), when the item stands in one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
}

/// The role of an amount table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TableRole {
    /// Driftsammandrag, driftbudget, driftredovisning: net cost per line
    /// item, committee or activity.
    OperatingSummary,
    /// Investeringar: net investment expenditure.
    Investments,
    /// Ramar, ramförändringar, kommunbidrag per nämnd.
    Frames,
    /// Resultatbudget, resultaträkning.
    IncomeStatement,
    /// Balansbudget, balansräkning.
    BalanceSheet,
    /// Finansieringsbudget, kassaflödesanalys.
    CashFlow,
    /// Any other table of amounts under year columns.
    Other,
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
    /// The unit of every amount in the table; null when none is printed in
    /// the header, caption, title or the line above (with a warning).
    pub unit: Option<Unit>,
    /// Kronor per unit: 1, 1000 (tkr) or 1000000 (mnkr); null with `unit`.
    pub unit_factor: Option<u64>,
    /// The value columns, left to right.
    pub columns: Vec<Column>,
    /// The rows that carry amounts (and "varav" rows printed empty), in printed order.
    pub rows: Vec<Row>,
    /// Footnotes printed under the table.
    pub footnotes: Vec<Footnote>,
    /// True for the document's main table of its role (operating summary or
    /// investments): the one whose line items add up to the document's
    /// total. Summing the line items of primary tables never counts an
    /// amount twice; other tables repeat, summarize or precede them.
    #[serde(default)]
    pub primary: bool,
    /// The id of the table whose totals this table repeats in brief (an
    /// "Ekonomi" summary of the driftsammandrag), when it is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary_of: Option<String>,
    /// The id of the table that holds a later version of this one (the
    /// same lines for the same years under an earlier decision), when it is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<String>,
    /// Where the table header was printed.
    pub provenance: Provenance,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// An outcome: Bokslut, Utfall, Redovisat, or a bare year.
    Outcome,
    /// A budget: Budget, Budget förslag, Nettoutgift budget.
    Budget,
    /// A plan year (a phase of its own: Fiscal Data Package has no plan phase).
    Plan,
    /// A target value: Målvärde.
    Target,
    /// A forecast: Prognos.
    Forecast,
    /// A frame: Ram, Budgetram, Kommunbidrag, Nettoram (as a column).
    Frame,
    /// A change between two columns: Förändring, Ramförändring, Diff.
    Change,
    /// A deviation between two columns: Avvikelse, Budgetavvikelse.
    Deviation,
}

/// What part of the amounts a column holds, when a measure is printed over
/// or beside its kind and year ("Intäkter 2019", "Kostnader 2019").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Intäkter, inkomster.
    Revenue,
    /// Kostnader, utgifter.
    Cost,
    /// Netto, nettokostnad (what a column holds when no measure is printed).
    Net,
}

/// A value column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Identifier within the table: measure, kind, year, "_proposal" and
    /// "_pct", e.g. "budget_2021_proposal", "revenue_outcome_2019",
    /// "change_2023_pct"; "column_N" when the kind is not known.
    pub key: String,
    /// The printed header, e.g. "Budget förslag 2021".
    pub label: String,
    /// What the column holds; null when the print does not tell (with a
    /// warning): such a column is never given a kind by guess.
    pub kind: Option<ColumnKind>,
    /// The fiscal year.
    pub year: Option<i32>,
    /// True for a proposal ("förslag").
    pub proposal: bool,
    /// Revenue, cost or net, when a measure is printed with the column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<Measure>,
    /// True for a column of percentages ("Förändring %"): not an amount.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub percent: bool,
    /// For a change or deviation: the keys of the two columns it compares
    /// (from, to), where the table shows them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub compares: Vec<String>,
    /// A partial-year qualifier, e.g. "aug" for "Utfall aug 2020".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<String>,
}

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// A budget line (verksamhet, avdelning, budgetpost).
    LineItem,
    /// A change under "Specifikation av förändringar"; `parent` is its line item.
    Change,
    /// The total of the line items (Summa, Totalt, Verksamhetens
    /// nettokostnader, Årets resultat): the table's own grand total.
    Total,
    /// The sum of a block of rows (a committee's "Summa"), or a printed sum
    /// part way down a statement ("Verksamhetens nettokostnader").
    Subtotal,
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
    /// The block the row belongs to: the heading row without amounts above
    /// it ("Kommunstyrelse"), or the committee row that carries the block's
    /// sum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// A note number printed with the row (a "Not" column: "1", "2").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
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
    /// The rows of a block sum to the block's subtotal.
    SumOfBlock,
    /// In one row, a change or deviation column equals the difference of
    /// the two columns it compares.
    RowDifference,
    /// In one row, the revenue and cost columns of a year add up to its net
    /// column.
    RevenueCostNet,
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
    /// What kind of situation this is: one code per distinct situation.
    pub code: WarningCode,
    /// What happened, for a person.
    pub message: String,
    /// Where.
    pub provenance: Option<Provenance>,
}

/// The closed list of warning codes: one per distinct situation the tool
/// reports. A consumer can rely on the list (it is an enum in the schema).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// No municipality of SCB's register is named in the document.
    MunicipalityUnknown,
    /// A printed cell in an amount column is not an amount; it was left empty.
    UnreadAmount,
    /// A cell contradicts the table's decimal convention ("1.363" among
    /// "70,5"-style cells); it was not read as a number.
    NumberConvention,
    /// A percentage printed in an amount column; it was not read as an amount.
    PercentInAmountColumn,
    /// The source did not show which columns a row's amounts belong to;
    /// they were placed by the row kind or so that the table reconciles.
    PlacementInferred,
    /// Single spaces both group digits and separate cells, and the row could
    /// be read in more than one way; the reading under which the table's
    /// sums hold was taken.
    ReadingInferred,
    /// More than one reading of a row's digits reconciles equally; the first
    /// was taken.
    ReadingAmbiguous,
    /// Rows read as line items, not changes, because only so does the table
    /// reconcile.
    ChangeRunEnded,
    /// Reconciliation checks of a table do not hold (see `checks`).
    ChecksFailed,
    /// A table of amounts was found but not read (the message says why).
    TableSkipped,
    /// A column's kind cannot be told from its header; kept with kind null.
    ColumnKindUnknown,
    /// A column's year is not printed in its header and was taken from the
    /// text around the table.
    ColumnYearInferred,
    /// No amount unit is printed with a table; its unit is null.
    UnitUnknown,
    /// Two amounts fell in one column of a row; the second was left out.
    AmountDropped,
    /// An amount stands under no column of its table; it was left out.
    AmountOutsideColumns,
    /// An indicator table's column is not an outcome or target (a comparison
    /// such as Medel, Bäst, Sämst); its values were left out.
    IndicatorColumnSkipped,
    /// An indicator table lost its layout in a text export; its rows were
    /// read as a sequence of cells.
    IndicatorLayoutLost,
}

/// Gives a closed set its one name per value (`as_str`, `Display`) and the
/// list of its values (`ALL`); a test holds every name to the one serde
/// writes, so there is one spelling of each.
macro_rules! names {
    ($($ty:ident { $($variant:ident => $name:literal),* $(,)? })*) => {$(
        impl $ty {
            /// Every value, in declaration order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),*];

            /// The name of the value, as written in JSON.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),*
                }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}

names! {
    SourceFormat {
        Pdf => "pdf", TextTabular => "text_tabular", TextLayout => "text_layout", Docx => "docx",
        Html => "html",
    }
    TableRole {
        OperatingSummary => "operating_summary", Investments => "investments",
        Frames => "frames", IncomeStatement => "income_statement",
        BalanceSheet => "balance_sheet", CashFlow => "cash_flow", Other => "other",
    }
    Unit { Kr => "kr", Tkr => "tkr", Mnkr => "mnkr" }
    ColumnKind {
        Outcome => "outcome", Budget => "budget", Plan => "plan", Target => "target",
        Forecast => "forecast", Frame => "frame", Change => "change", Deviation => "deviation",
    }
    Measure { Revenue => "revenue", Cost => "cost", Net => "net" }
    RowKind {
        LineItem => "line_item", Change => "change", Total => "total", Subtotal => "subtotal",
        OfWhichRevenue => "of_which_revenue", OfWhichCost => "of_which_cost",
        BudgetFrame => "budget_frame", Adjustment => "adjustment", Memo => "memo",
    }
    Placement { Printed => "printed", Reconciliation => "reconciliation", RowKind => "row_kind" }
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
    CheckKind {
        SumOfLineItems => "sum_of_line_items", RevenuePlusCost => "revenue_plus_cost",
        FramePlusAdjustments => "frame_plus_adjustments", FrameEqualsTotal => "frame_equals_total",
        SubtotalChain => "subtotal_chain", SumOfBlock => "sum_of_block",
        RowDifference => "row_difference", RevenueCostNet => "revenue_cost_net",
    }
    WarningCode {
        MunicipalityUnknown => "municipality_unknown", UnreadAmount => "unread_amount",
        NumberConvention => "number_convention", PercentInAmountColumn => "percent_in_amount_column",
        PlacementInferred => "placement_inferred", ReadingInferred => "reading_inferred",
        ReadingAmbiguous => "reading_ambiguous", ChangeRunEnded => "change_run_ended",
        ChecksFailed => "checks_failed", TableSkipped => "table_skipped",
        ColumnKindUnknown => "column_kind_unknown", ColumnYearInferred => "column_year_inferred",
        UnitUnknown => "unit_unknown", AmountDropped => "amount_dropped",
        AmountOutsideColumns => "amount_outside_columns",
        IndicatorColumnSkipped => "indicator_column_skipped",
        IndicatorLayoutLost => "indicator_layout_lost",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde_name<T: Serialize>(v: T) -> String {
        serde_json::to_value(v)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// `as_str` is the name serde writes, for every value of every set.
    #[test]
    fn names_are_the_serde_names() {
        macro_rules! check {
            ($($ty:ident),*) => {$(
                for v in $ty::ALL {
                    assert_eq!(v.as_str(), serde_name(*v), "{}", stringify!($ty));
                }
            )*};
        }
        check!(
            SourceFormat,
            TableRole,
            Unit,
            ColumnKind,
            Measure,
            RowKind,
            Placement,
            IndicatorKind,
            ValueStatus,
            ValueUnit,
            Comparator,
            Direction,
            CheckKind,
            WarningCode
        );
        assert_eq!(WarningCode::ALL.len(), 17);
        assert_eq!(RowKind::Subtotal.to_string(), "subtotal");
    }
}
