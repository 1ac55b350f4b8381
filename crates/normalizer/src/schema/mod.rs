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
//!
//! The parts: [`Document`] and the versions here; what the document is and
//! where it came from (`document`: [`DocumentInfo`], [`Source`],
//! [`Provenance`]); amount tables (`table`: [`Table`], [`Column`],
//! [`Row`]); indicators (`indicator`: [`Indicator`], [`ParsedValue`]);
//! reconciliation checks (`checks`: [`Check`]); warnings (`warnings`:
//! [`Warning`], [`WarningCode`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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

mod checks;
mod document;
mod indicator;
mod table;
mod warnings;

pub use checks::*;
pub use document::*;
pub use indicator::*;
pub use table::*;
pub use warnings::*;

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
