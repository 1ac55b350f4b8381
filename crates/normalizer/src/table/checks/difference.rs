//! Row by row, a change or deviation column against the two columns it
//! compares: `to − from` for an amount, `(to − from) / from` in per cent
//! (rounded as printed) for a percentage.

use super::{RawCheck, RowRef};
use crate::amount::Amount;
use crate::schema::CheckKind;
use rust_decimal::{Decimal, RoundingStrategy};

/// A column that is the difference of two others: column = `to` − `from`,
/// or that change relative to `from` in per cent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Difference {
    /// The column subtracted.
    pub from: usize,
    /// The column subtracted from.
    pub to: usize,
    /// The column prints the change in per cent of `from`.
    pub percent: bool,
}

/// The row-difference checks of one column over every row that prints all
/// three amounts.
pub(super) fn checks(rows: &[RowRef<'_>], column: usize, d: Difference) -> Vec<RawCheck> {
    let val = |r: &RowRef<'_>, c: usize| r.values.get(c).copied().flatten();
    rows.iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let (printed, from, to) = (val(r, column)?, val(r, d.from)?, val(r, d.to)?);
            let found = if d.percent {
                // Relative to the amount, or to its size where both are
                // negative (costs printed negative that grow by 10 %).
                let scale = printed.0.scale();
                let plain = percent_change(from, to, scale)?;
                let size = percent_change(Amount(from.0.abs()), Amount(to.0.abs()), scale)
                    .filter(|_| from.0.is_sign_negative() && to.0.is_sign_negative());
                size.filter(|s| *s == printed).unwrap_or(plain)
            } else {
                to - from
            };
            Some(RawCheck {
                kind: CheckKind::RowDifference,
                column,
                expected: printed,
                found,
                rows: vec![i],
            })
        })
        .collect()
}

/// `(to − from) / |from|` in per cent, rounded half away from zero to
/// `scale` decimals (as printed); none when `from` is zero.
fn percent_change(from: Amount, to: Amount, scale: u32) -> Option<Amount> {
    if from.0.is_zero() {
        return None;
    }
    let change = (to.0 - from.0).checked_mul(Decimal::ONE_HUNDRED)?;
    let pct = change.checked_div(from.0.abs())?;
    Some(Amount(
        pct.round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero)
            .normalize(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Amount {
        Amount::parse_printed(s).unwrap_or_default()
    }

    #[test]
    fn percent_as_printed() {
        assert_eq!(percent_change(a("97 016"), a("105 288"), 1), Some(a("8,5")));
        assert_eq!(
            percent_change(a("462 724"), a("509 196"), 1),
            Some(a("10,0"))
        );
        assert_eq!(percent_change(a("0"), a("5"), 1), None);
    }
}
