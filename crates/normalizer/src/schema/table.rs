//! An amount table ([`Table`]): its role ([`TableRole`]), unit
//! ([`Unit`]), columns ([`Column`], [`ColumnKind`], [`Measure`]), rows
//! ([`Row`], [`RowKind`], [`Placement`]) and footnotes ([`Footnote`]).

use super::Provenance;
use crate::amount::Amount;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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

names! {
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
}
