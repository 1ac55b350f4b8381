//! Exact amounts. An [`Amount`] is a `rust_decimal::Decimal` that keeps the
//! scale it was printed with and is written to JSON as a string ("-2141",
//! "1234.5"), so that no consumer ever sees a binary float.

use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// An exact decimal amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(pub Decimal);

impl Amount {
    /// Parses a printed Swedish amount ("1 234", "- 2 141", "−1 777", "1,5").
    pub fn parse_printed(text: &str) -> Option<Amount> {
        internbudget_parser::number::parse_amount(text).map(Amount)
    }

    /// Zero.
    pub const ZERO: Amount = Amount(Decimal::ZERO);

    /// The decimal value.
    pub fn value(self) -> Decimal {
        self.0
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for Amount {
    type Err = rust_decimal::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Decimal::from_str_exact(s).map(Amount)
    }
}

impl std::ops::Add for Amount {
    type Output = Amount;
    fn add(self, o: Amount) -> Amount {
        Amount(self.0.saturating_add(o.0))
    }
}

impl std::ops::Sub for Amount {
    type Output = Amount;
    fn sub(self, o: Amount) -> Amount {
        Amount(self.0.saturating_sub(o.0))
    }
}

impl std::iter::Sum for Amount {
    fn sum<I: Iterator<Item = Amount>>(iter: I) -> Amount {
        iter.fold(Amount::ZERO, |a, b| a + b)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Cow::<str>::deserialize(d)?;
        Decimal::from_str_exact(&s)
            .map(Amount)
            .map_err(|e| serde::de::Error::custom(format!("invalid decimal string {s:?}: {e}")))
    }
}

impl JsonSchema for Amount {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Amount")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An exact decimal as a string: optional minus, digits, optional dot and decimals (\"-2141\", \"1234.5\"). Never a JSON number.",
            "type": "string",
            "pattern": "^-?[0-9]+(\\.[0-9]+)?$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_exact_strings() {
        let a = Amount::parse_printed("- 2 141").unwrap_or_default();
        assert_eq!(serde_json::to_string(&a).ok().as_deref(), Some("\"-2141\""));
        let b = Amount::parse_printed("1 234,50").unwrap_or_default();
        assert_eq!(
            serde_json::to_string(&b).ok().as_deref(),
            Some("\"1234.50\"")
        );
        let back: Amount = serde_json::from_str("\"1234.50\"").unwrap_or_default();
        assert_eq!(back, b);
        assert!(serde_json::from_str::<Amount>("1234.5").is_err());
    }

    #[test]
    fn sums_exactly() {
        let parts = ["0,1", "0,2"].map(|s| Amount::parse_printed(s).unwrap_or_default());
        let sum: Amount = parts.into_iter().sum();
        assert_eq!(sum, Amount::parse_printed("0,3").unwrap_or_default());
    }
}
