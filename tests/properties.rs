//! Property tests (proptest):
//! - every printed form of a Swedish amount parses back to its value: groups
//!   of three digits separated by a space, NBSP, narrow NBSP or dots ("1.234"),
//!   or not separated; a decimal comma; negatives as "-2 141", "- 14 870",
//!   "−1 777" (U+2212), "–1 777" (en dash) or "(1 234)"; a footnote star;
//! - indicator cells with such numbers, units and comparators read the same
//!   number;
//! - a driftsammandrag rendered as a space-aligned text export, with random
//!   column widths, labels, values, separators, minus signs, decimals and
//!   empty cells, comes back with the same labels and values through the
//!   public extract API.
//!
//! Case counts are modest (`PROPTEST_CASES` raises them).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use internbudget_normalizer::{ColumnKind, TableRole, ValueUnit};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// How an amount is printed.
#[derive(Debug, Clone, Copy)]
struct Form {
    /// Thousands separator: "", " ", NBSP, narrow NBSP or ".".
    sep: &'static str,
    /// Negative form: "-", "- ", "−", "–" or "(" … ")".
    minus: &'static str,
    /// A footnote star after the number.
    star: bool,
}

const SEPS: [&str; 5] = ["", " ", "\u{a0}", "\u{202f}", "."];
const MINUS: [&str; 5] = ["-", "- ", "\u{2212}", "\u{2013}", "("];

fn form() -> impl Strategy<Value = Form> {
    (0..SEPS.len(), 0..MINUS.len(), any::<bool>()).prop_map(|(s, m, star)| Form {
        sep: SEPS[s],
        minus: MINUS[m],
        star,
    })
}

/// Groups the digits of a non-negative integer in threes.
fn grouped(int: u64, sep: &str) -> String {
    let digits = int.to_string();
    let n = digits.len();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// Prints `int` + `frac` (a string of decimals, possibly empty), negated
/// when `negative`, in the given form.
fn print(int: u64, frac: &str, negative: bool, f: Form) -> String {
    let mut body = grouped(int, f.sep);
    if !frac.is_empty() {
        body.push(',');
        body.push_str(frac);
    }
    let mut s = match (negative, f.minus) {
        (false, _) => body,
        (true, "(") => format!("({body})"),
        (true, m) => format!("{m}{body}"),
    };
    if f.star {
        s.push('*');
    }
    s
}

fn value(int: u64, frac: &str, negative: bool) -> Decimal {
    let s = if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    };
    let d: Decimal = s.parse().unwrap();
    if negative { -d } else { d }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1024),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn amounts_round_trip_in_every_printed_form(
        int in prop_oneof![0u64..1_000, 1_000u64..1_000_000, 0u64..1_000_000_000_000],
        frac in prop_oneof![Just(String::new()), "[0-9]{1,2}"],
        negative in any::<bool>(),
        f in form(),
    ) {
        let printed = print(int, &frac, negative, f);
        let want = value(int, &frac, negative);
        let got = internbudget_parser::number::parse_amount(&printed);
        prop_assert_eq!(got, Some(want), "{:?}", printed);
        // The normalizer's exact amounts read the same.
        let a = internbudget_normalizer::Amount::parse_printed(&printed).map(|a| a.value());
        prop_assert_eq!(a, Some(want));
    }

    #[test]
    fn a_space_inside_a_group_is_not_a_number(
        a in 1u64..1_000,
        b in prop_oneof![1u64..100, 1_000u64..10_000],
    ) {
        // "12 34" and "1 2345" are two numbers, never one.
        let printed = format!("{a} {b}");
        prop_assert_eq!(internbudget_parser::number::parse_amount(&printed), None, "{:?}", printed);
    }

    #[test]
    fn indicator_cells_read_the_printed_number(
        int in 0u64..10_000_000,
        frac in prop_oneof![Just(String::new()), "[0-9]{1,2}"],
        negative in any::<bool>(),
        sep in 0usize..4,
        minus in prop_oneof![Just("-"), Just("\u{2212}"), Just("\u{2013}")],
        unit in prop_oneof![
            Just(("", None)),
            Just(("%", Some(ValueUnit::Percent))),
            Just((" %", Some(ValueUnit::Percent))),
            Just((" dagar", Some(ValueUnit::Days))),
            Just((" st", Some(ValueUnit::Count))),
        ],
        cmp in prop_oneof![Just(""), Just("≥"), Just("≤ ")],
    ) {
        let f = Form { sep: SEPS[sep], minus, star: false };
        let printed = format!("{cmp}{}{}", print(int, &frac, negative, f), unit.0);
        let v = internbudget_normalizer::parse_indicator_value(&printed);
        prop_assert_eq!(v.number.map(|a| a.value()), Some(value(int, &frac, negative)), "{:?}", printed);
        prop_assert_eq!(v.unit, unit.1, "{:?}", printed);
        prop_assert_eq!(v.comparator.is_some(), !cmp.is_empty(), "{:?}", printed);
    }
}

const LABELS: [&str; 12] = [
    "Nämnden",
    "Gata och park",
    "Kollektivtrafik",
    "Ekonomiskt bistånd",
    "Administration",
    "Fritidsgårdar",
    "Bibliotek",
    "Äldreomsorg",
    "Skolskjuts",
    "Lokaler",
    "Arbetsmarknads- och integrationsinsatser",
    "Övrigt",
];

/// One generated driftsammandrag.
#[derive(Debug, Clone)]
struct Table {
    /// Line items: label and one value per column (None: an empty cell).
    rows: Vec<(&'static str, Vec<Option<i64>>)>,
    /// Tenths (mnkr with one decimal) instead of whole tkr.
    tenths: bool,
    /// Thousands separator.
    sep: &'static str,
    /// Minus sign.
    minus: &'static str,
    /// Extra width of the label column and of each value column.
    pad: (usize, Vec<usize>),
}

const KINDS: [(&str, ColumnKind, i32); 4] = [
    ("Bokslut", ColumnKind::Outcome, 2022),
    ("Budget", ColumnKind::Budget, 2023),
    ("Plan", ColumnKind::Plan, 2024),
    ("Plan", ColumnKind::Plan, 2025),
];

fn table() -> impl Strategy<Value = Table> {
    (3usize..=4, 2usize..=7).prop_flat_map(|(ncol, nrows)| {
        (
            proptest::sample::subsequence(LABELS.to_vec(), nrows).prop_shuffle(),
            proptest::collection::vec(
                proptest::collection::vec(
                    prop_oneof![
                        8 => (-60_000i64..1_000_000).prop_map(Some),
                        1 => Just(None),
                    ],
                    ncol,
                ),
                nrows,
            ),
            any::<bool>(),
            0usize..3,
            prop_oneof![Just("-"), Just("\u{2212}"), Just("\u{2013}")],
            (2usize..24, proptest::collection::vec(2usize..14, ncol)),
        )
            .prop_map(|(labels, mut values, tenths, sep, minus, pad)| {
                // A row with no amount at all is a heading, not a line item.
                for row in &mut values {
                    if row.iter().all(Option::is_none) {
                        row[0] = Some(0);
                    }
                }
                Table {
                    rows: labels.into_iter().zip(values).collect(),
                    tenths,
                    sep: [" ", "\u{a0}", "\u{202f}"][sep],
                    minus,
                    pad,
                }
            })
    })
}

impl Table {
    fn cell(&self, v: Option<i64>) -> String {
        let Some(v) = v else { return String::new() };
        let a = v.unsigned_abs();
        let body = if self.tenths {
            format!("{},{}", grouped(a / 10, self.sep), a % 10)
        } else {
            grouped(a, self.sep)
        };
        if v < 0 {
            format!("{}{body}", self.minus)
        } else {
            body
        }
    }

    fn total(&self) -> Vec<Option<i64>> {
        let ncol = self.pad.1.len();
        (0..ncol)
            .map(|c| Some(self.rows.iter().filter_map(|r| r.1[c]).sum()))
            .collect()
    }

    /// The table as a pdftotext-like export: title, unit line, header of
    /// kind and year right-aligned over each column, rows, a total.
    fn render(&self) -> String {
        let unit = if self.tenths { "mnkr" } else { "tkr" };
        let ncol = self.pad.1.len();
        let mut rows: Vec<(&str, Vec<Option<i64>>)> = self.rows.clone();
        rows.push(("Summa nämndens internbudget", self.total()));
        let w0 = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0) + self.pad.0;
        let widths: Vec<usize> = (0..ncol)
            .map(|c| {
                let cells = rows.iter().map(|r| self.cell(r.1[c]).chars().count());
                cells.max().unwrap_or(0).max(12) + self.pad.1[c]
            })
            .collect();
        let mut out =
            String::from("Tekniska nämnden\nInternbudget 2023 med plan för 2024-2025\n\n");
        out.push_str(&format!("Driftsammandrag ({unit})\n\n"));
        out.push_str(&format!("{:<w0$}", format!("Belopp {unit}")));
        for (c, w) in widths.iter().enumerate() {
            let (kind, _, year) = KINDS[c];
            out.push_str(&format!("{:>w$}", format!("{kind} {year}")));
        }
        out.push('\n');
        for (label, values) in &rows {
            let mut line = format!("{label:<w0$}");
            for (v, w) in values.iter().zip(&widths) {
                let cell = self.cell(*v);
                let pad = w.saturating_sub(cell.chars().count());
                line.push_str(&" ".repeat(pad));
                line.push_str(&cell);
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_rendered_table_parses_back_to_its_values(t in table()) {
        let text = t.render();
        let doc = internbudget_normalizer::extract("table.txt", text.as_bytes());
        let doc = match doc {
            Ok(d) => d,
            Err(e) => return Err(TestCaseError::fail(format!("{e}\n{text}"))),
        };
        let table = doc.tables.iter().find(|t| t.role == TableRole::OperatingSummary);
        let Some(table) = table else {
            return Err(TestCaseError::fail(format!("no driftsammandrag\n{text}")));
        };
        let cols: Vec<(Option<ColumnKind>, Option<i32>)> =
            table.columns.iter().map(|c| (c.kind, c.year)).collect();
        let want_cols: Vec<(Option<ColumnKind>, Option<i32>)> = KINDS[..t.pad.1.len()]
            .iter()
            .map(|k| (Some(k.1), Some(k.2)))
            .collect();
        prop_assert_eq!(cols, want_cols, "{}", text);
        let scale = if t.tenths { 1 } else { 0 };
        let mut want: Vec<(String, Vec<Option<Decimal>>)> = t
            .rows
            .iter()
            .cloned()
            .chain(std::iter::once(("Summa nämndens internbudget", t.total())))
            .map(|(l, v)| {
                (l.to_string(), v.into_iter().map(|x| x.map(|x| Decimal::new(x, scale))).collect())
            })
            .collect();
        let mut got: Vec<(String, Vec<Option<Decimal>>)> = table
            .rows
            .iter()
            .map(|r| (r.label.clone(), r.values.iter().map(|v| v.map(|a| a.value())).collect()))
            .collect();
        want.sort();
        got.sort();
        prop_assert_eq!(got, want, "{}", text);
        // Every check of the table holds: the total is the sum.
        prop_assert!(doc.checks.iter().all(|c| c.ok), "{:?}\n{}", doc.checks, text);
    }
}

/// How one cell of a mixed table is printed.
#[derive(Debug, Clone, Copy)]
enum CellForm {
    /// "1 363", "-1 363".
    Spaced,
    /// "1.363" (dots group thousands).
    DotGrouped,
    /// "1 363,5" (one decimal, comma).
    CommaDecimal,
    /// "1.5" (one decimal, dot).
    DotDecimal,
    /// "1 363-" (trailing minus; positive numbers plain).
    TrailingMinus,
    /// "(1 363)" for a negative.
    Parentheses,
}

fn cell_form() -> impl Strategy<Value = CellForm> {
    prop_oneof![
        Just(CellForm::Spaced),
        Just(CellForm::DotGrouped),
        Just(CellForm::CommaDecimal),
        Just(CellForm::DotDecimal),
        Just(CellForm::TrailingMinus),
        Just(CellForm::Parentheses),
    ]
}

/// A printed cell and the value it prints (tenths are printed only by the
/// decimal forms).
fn print_cell(v: i64, f: CellForm) -> (String, Decimal) {
    let a = v.unsigned_abs();
    let neg = v < 0;
    match f {
        CellForm::Spaced => (
            format!("{}{}", if neg { "-" } else { "" }, grouped(a, " ")),
            Decimal::from(v),
        ),
        CellForm::DotGrouped => (
            format!("{}{}", if neg { "-" } else { "" }, grouped(a, ".")),
            Decimal::from(v),
        ),
        CellForm::CommaDecimal => (
            format!(
                "{}{},{}",
                if neg { "-" } else { "" },
                grouped(a / 10, " "),
                a % 10
            ),
            Decimal::new(v, 1),
        ),
        CellForm::DotDecimal => (
            format!("{}{}.{}", if neg { "-" } else { "" }, a / 10, a % 10),
            Decimal::new(v, 1),
        ),
        CellForm::TrailingMinus => (
            format!("{}{}", grouped(a, " "), if neg { "-" } else { "" }),
            Decimal::from(v),
        ),
        CellForm::Parentheses if neg => (format!("({})", grouped(a, " ")), Decimal::from(v)),
        CellForm::Parentheses => (grouped(a, " "), Decimal::from(v)),
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(128),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// A table whose cells mix every number form: each cell is read as the
    /// number it prints, or left empty with a warning that quotes it —
    /// never read as another number.
    #[test]
    fn mixed_number_forms_are_read_or_reported(
        cells in proptest::collection::vec(
            proptest::collection::vec((-999_999i64..999_999, cell_form()), 3),
            2..6,
        ),
    ) {
        let mut text = String::from("Driftbudget, tkr\n\nVerksamhet             Budget 2023      Plan 2024      Plan 2025\n");
        let mut want: Vec<Vec<(String, Decimal)>> = Vec::new();
        for (i, row) in cells.iter().enumerate() {
            let printed: Vec<(String, Decimal)> =
                row.iter().map(|(v, f)| print_cell(*v, *f)).collect();
            let mut line = format!("{:<20}", format!("Verksamhet {}", (b'A' + i as u8) as char));
            for (p, _) in &printed {
                line.push_str(&format!("{p:>15}"));
            }
            text.push_str(&line);
            text.push('\n');
            want.push(printed);
        }
        let doc = match internbudget_normalizer::extract("mixed.txt", text.as_bytes()) {
            Ok(d) => d,
            Err(e) => return Err(TestCaseError::fail(format!("{e}\n{text}"))),
        };
        let table = doc.tables.first();
        let Some(table) = table else {
            return Err(TestCaseError::fail(format!("no table\n{text}")));
        };
        for (i, printed) in want.iter().enumerate() {
            let label = format!("Verksamhet {}", (b'A' + i as u8) as char);
            let Some(row) = table.rows.iter().find(|r| r.label == label) else {
                // A row not read at all gives no number.
                continue;
            };
            for (c, (p, value)) in printed.iter().enumerate() {
                match row.values.get(c).copied().flatten() {
                    Some(a) => prop_assert_eq!(a.value(), *value, "{} in\n{}", p, text),
                    None => prop_assert!(
                        doc.warnings.iter().any(|w| w.message.contains(p.as_str())
                            || w.message.contains(&label)),
                        "{} of {} left empty without a warning\n{}\n{:?}",
                        p,
                        label,
                        text,
                        doc.warnings
                    ),
                }
            }
        }
    }
}
