//! Reconciliation checks of a table's amounts ([`Check`]) and what each
//! compares ([`CheckKind`]).

use crate::amount::Amount;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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

names! {
    CheckKind {
        SumOfLineItems => "sum_of_line_items", RevenuePlusCost => "revenue_plus_cost",
        FramePlusAdjustments => "frame_plus_adjustments", FrameEqualsTotal => "frame_equals_total",
        SubtotalChain => "subtotal_chain", SumOfBlock => "sum_of_block",
        RowDifference => "row_difference", RevenueCostNet => "revenue_cost_net",
    }
}
