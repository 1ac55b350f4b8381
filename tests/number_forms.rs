//! The number forms of issue 14 that once gave a confident wrong number:
//! each now gives the printed number or a warning naming the cell, and a
//! sum missing a cell left empty for a doubt is not reported as failing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use internbudget_normalizer::{Document, WarningCode};

/// A two-column driftbudget in `unit` whose rows are (label, budget, plan).
fn table(unit: &str, rows: &[(&str, &str, &str)]) -> Document {
    let mut text =
        format!("Driftbudget, {unit}\n\nVerksamhet            Budget 2023    Plan 2024\n");
    for (label, a, b) in rows {
        text.push_str(&format!("{label:<22}{a:>11}{b:>15}\n"));
    }
    internbudget_normalizer::extract("t.txt", text.as_bytes()).unwrap()
}

fn values(doc: &Document, label: &str) -> Vec<Option<String>> {
    let row = doc.tables[0]
        .rows
        .iter()
        .find(|r| r.label == label)
        .unwrap();
    row.values
        .iter()
        .map(|v| v.map(|a| a.value().normalize().to_string()))
        .collect()
}

fn warned(doc: &Document, code: WarningCode, cell: &str) -> bool {
    doc.warnings
        .iter()
        .any(|w| w.code == code && w.message.contains(cell))
}

fn no_failed_checks(doc: &Document) -> bool {
    doc.checks.iter().all(|c| c.ok)
}

#[test]
fn a_dot_among_decimal_commas_is_reported() {
    let d = table(
        "mnkr",
        &[
            ("Skola", "70,5", "72,1"),
            ("Vård", "1.363", "140,2"),
            ("Summa", "207,8", "212,3"),
        ],
    );
    assert_eq!(values(&d, "Vård"), [None, Some("140.2".into())]);
    assert!(warned(&d, WarningCode::NumberConvention, "\"1.363\""));
    assert!(no_failed_checks(&d), "{:?}", d.checks);
}

#[test]
fn a_comma_among_whole_numbers_is_reported() {
    let d = table(
        "tkr",
        &[
            ("Skola", "1 200", "1 250"),
            ("Vård", "1,363", "800"),
            ("Summa", "2 563", "2 050"),
        ],
    );
    assert_eq!(values(&d, "Vård"), [None, Some("800".into())]);
    assert!(warned(&d, WarningCode::NumberConvention, "\"1,363\""));
}

#[test]
fn a_percentage_in_an_amount_column_is_reported() {
    let d = table(
        "tkr",
        &[
            ("Skola", "1 200", "1 250"),
            ("Vård", "5 %", "800"),
            ("Summa", "1 205", "2 050"),
        ],
    );
    assert_eq!(values(&d, "Vård"), [None, Some("800".into())]);
    assert!(warned(&d, WarningCode::PercentInAmountColumn, "\"5 %\""));
}

#[test]
fn a_decimal_dot_and_a_dot_of_three_digits_in_one_table() {
    let d = table(
        "tkr",
        &[
            ("Skola", "1.5", "1.721"),
            ("Vård", "2.0", "0.8"),
            ("Summa", "3.5", "2.521"),
        ],
    );
    assert_eq!(values(&d, "Skola"), [Some("1.5".into()), None]);
    assert!(warned(&d, WarningCode::NumberConvention, "\"1.721\""));
}

#[test]
fn a_trailing_minus_is_a_minus() {
    let d = table(
        "tkr",
        &[
            ("Skola", "1 363-", "1 250"),
            ("Vård", "2 000", "800"),
            ("Summa", "637", "2 050"),
        ],
    );
    assert_eq!(
        values(&d, "Skola"),
        [Some("-1363".into()), Some("1250".into())]
    );
    assert!(no_failed_checks(&d), "{:?}", d.checks);
}

#[test]
fn digits_run_into_the_label_are_not_read() {
    let d = table(
        "tkr",
        &[
            ("Skola", "12 345 678 901 234", "1 250"),
            ("Vård", "2 000", "800"),
            ("Summa", "2 000", "2 050"),
        ],
    );
    let row = d.tables[0]
        .rows
        .iter()
        .find(|r| r.label.starts_with("Skola"))
        .unwrap();
    assert!(row.values.iter().all(Option::is_none), "{:?}", row.values);
    assert!(
        d.warnings
            .iter()
            .any(|w| w.code == WarningCode::ReadingAmbiguous && w.message.contains("Skola"))
    );
}
