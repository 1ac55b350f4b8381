//! A table's decimal convention, decided from all its cells.
//!
//! Swedish budgets write a decimal comma and group digits with spaces; some
//! exports group with dots, some write a decimal dot. A cell whose only
//! separator is followed by exactly three digits ("1.363", "1,363") reads
//! either way: as thousands or as three decimals. [`Convention`] looks at
//! the cells that cannot be read two ways ("70,5", "1.5", "0,363", "1 234")
//! and says when such a cell goes against them — a dot among decimal
//! commas or decimal dots, a comma in a table of whole numbers — so that it
//! is reported and left empty instead of being turned into a number 1000
//! times too large or too small.

/// What the unambiguous cells of a table say about its separators.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Convention {
    /// Some cell has a decimal comma ("70,5", "0,363").
    comma_decimals: bool,
    /// Some cell has a decimal dot ("1.5").
    dot_decimals: bool,
}

/// How a cell uses its separators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// No separator, or both kinds ("1.234,5"): one reading.
    Plain,
    /// A decimal comma that cannot be a thousands separator.
    CommaDecimal,
    /// A decimal dot that cannot be a thousands separator.
    DotDecimal,
    /// "1,363": three decimals or a thousands comma.
    Comma3,
    /// "1.363": a thousands dot or three decimals.
    Dot3,
}

fn form(text: &str) -> Form {
    let core: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
        .collect();
    let commas = core.matches(',').count();
    let dots = core.matches('.').count();
    let (sep, n) = match (commas, dots) {
        (1, 0) => (',', 1),
        (0, 1) => ('.', 1),
        _ => return Form::Plain,
    };
    debug_assert_eq!(n, 1);
    let (int, frac) = core.split_once(sep).unwrap_or((&core, ""));
    let three = frac.len() == 3 && int != "0" && !int.is_empty();
    match (sep, three) {
        (',', true) => Form::Comma3,
        (',', false) => Form::CommaDecimal,
        (_, true) => Form::Dot3,
        (_, false) => Form::DotDecimal,
    }
}

impl Convention {
    /// The convention of a table whose printed cells are `cells`.
    pub(super) fn of<'a>(cells: impl IntoIterator<Item = &'a str>) -> Convention {
        let mut c = Convention::default();
        for text in cells {
            match form(text) {
                Form::CommaDecimal => c.comma_decimals = true,
                Form::DotDecimal => c.dot_decimals = true,
                _ => {}
            }
        }
        c
    }

    /// Why `text` cannot be read under this convention without a guess, if
    /// it cannot.
    pub(super) fn doubt(&self, text: &str) -> Option<&'static str> {
        match form(text) {
            Form::Dot3 if self.comma_decimals => Some(
                "its dot could group thousands or be a decimal point, and the table's other cells use a decimal comma",
            ),
            Form::Dot3 if self.dot_decimals => Some(
                "its dot could group thousands, and the table's other cells use a decimal point",
            ),
            Form::Comma3 if !self.comma_decimals => Some(
                "its comma could be a decimal comma or group thousands, and no other cell of the table has decimals",
            ),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_read_two_ways_against_the_table() {
        let mnkr = Convention::of(["70,5", "1 270,6", "-3,0"]);
        assert!(mnkr.doubt("1.363").is_some());
        assert!(mnkr.doubt("1,363").is_none());
        assert!(mnkr.doubt("12,4").is_none());
        let whole = Convention::of(["1 900", "62 575", "-14 870"]);
        assert!(whole.doubt("1,363").is_some());
        assert!(whole.doubt("1.363").is_none());
        assert!(whole.doubt("1.363.000").is_none());
        let dots = Convention::of(["1.5", "2.25"]);
        assert!(dots.doubt("1.721").is_some());
        // A leading zero cannot be a thousands group.
        assert!(whole.doubt("0,363").is_none());
        assert!(Convention::of(["0,363"]).doubt("1,363").is_none());
    }
}
