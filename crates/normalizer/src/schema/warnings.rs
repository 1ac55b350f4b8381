//! What the tool was unsure of ([`Warning`]), as a closed list of codes
//! ([`WarningCode`]).

use super::Provenance;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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

names! {
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
