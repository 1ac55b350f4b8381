//! The pages in real budget shapes printed as PDFs by Chromium and
//! LibreOffice, borderless and with every cell ruled, and exported with
//! `pdftotext -layout`
//! (`fixtures/shapes/`, made by `tools/markup/print.sh`; expected facts in
//! `fixtures/truth/html/`): each held to its amounts F1 and precision floor
//! at today's reading (every file is read exactly), so that nothing slips
//! back.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{extract, read_json, score};

/// (file under fixtures/shapes, page name, amounts F1 floor, precision floor).
const FLOORS: &[(&str, &str, f64, f64)] = &[
    // Statements with a Not column.
    (
        "pdf/r5-resultatbudget.chromium.pdf",
        "r5-resultatbudget",
        1.0,
        1.0,
    ),
    (
        "pdf/r5-resultatbudget.lo.pdf",
        "r5-resultatbudget",
        1.0,
        1.0,
    ),
    (
        "pdf/r5-resultatbudget.ruled.chromium.pdf",
        "r5-resultatbudget",
        1.0,
        1.0,
    ),
    (
        "pdf/r5-resultatbudget.ruled.lo.pdf",
        "r5-resultatbudget",
        1.0,
        1.0,
    ),
    (
        "text/r5-resultatbudget.chromium.layout.txt",
        "r5-resultatbudget",
        1.0,
        1.0,
    ),
    (
        "text/r5-resultatbudget.lo.layout.txt",
        "r5-resultatbudget",
        1.0,
        1.0,
    ),
    (
        "text/r5-resultatbudget.ruled.chromium.layout.txt",
        "r5-resultatbudget",
        1.0,
        1.0,
    ),
    (
        "text/r5-resultatbudget.ruled.lo.layout.txt",
        "r5-resultatbudget",
        1.0,
        1.0,
    ),
    (
        "pdf/r1-driftbudget-per-namnd.chromium.pdf",
        "r1-driftbudget-per-namnd",
        1.0,
        1.0,
    ),
    (
        "pdf/r1-driftbudget-per-namnd.lo.pdf",
        "r1-driftbudget-per-namnd",
        1.0,
        1.0,
    ),
    (
        "pdf/r2-ramforandringar.chromium.pdf",
        "r2-ramforandringar",
        1.0,
        1.0,
    ),
    (
        "pdf/r2-ramforandringar.lo.pdf",
        "r2-ramforandringar",
        1.0,
        1.0,
    ),
    (
        "pdf/r3-driftredovisning.chromium.pdf",
        "r3-driftredovisning",
        1.0,
        1.0,
    ),
    (
        "pdf/r3-driftredovisning.lo.pdf",
        "r3-driftredovisning",
        1.0,
        1.0,
    ),
    ("pdf/r4-namndsida.chromium.pdf", "r4-namndsida", 1.0, 1.0),
    ("pdf/r4-namndsida.lo.pdf", "r4-namndsida", 1.0, 1.0),
    (
        "text/r1-driftbudget-per-namnd.chromium.layout.txt",
        "r1-driftbudget-per-namnd",
        1.0,
        1.0,
    ),
    (
        "text/r1-driftbudget-per-namnd.lo.layout.txt",
        "r1-driftbudget-per-namnd",
        1.0,
        1.0,
    ),
    (
        "text/r2-ramforandringar.chromium.layout.txt",
        "r2-ramforandringar",
        1.0,
        1.0,
    ),
    (
        "text/r2-ramforandringar.lo.layout.txt",
        "r2-ramforandringar",
        1.0,
        1.0,
    ),
    (
        "text/r3-driftredovisning.chromium.layout.txt",
        "r3-driftredovisning",
        1.0,
        1.0,
    ),
    (
        "text/r3-driftredovisning.lo.layout.txt",
        "r3-driftredovisning",
        1.0,
        1.0,
    ),
    (
        "text/r4-namndsida.chromium.layout.txt",
        "r4-namndsida",
        1.0,
        1.0,
    ),
    ("text/r4-namndsida.lo.layout.txt", "r4-namndsida", 1.0, 1.0),
    // The same pages with every cell ruled.
    (
        "pdf/r1-driftbudget-per-namnd.ruled.chromium.pdf",
        "r1-driftbudget-per-namnd",
        1.0,
        1.0,
    ),
    (
        "pdf/r1-driftbudget-per-namnd.ruled.lo.pdf",
        "r1-driftbudget-per-namnd",
        1.0,
        1.0,
    ),
    (
        "pdf/r2-ramforandringar.ruled.chromium.pdf",
        "r2-ramforandringar",
        1.0,
        1.0,
    ),
    (
        "pdf/r2-ramforandringar.ruled.lo.pdf",
        "r2-ramforandringar",
        1.0,
        1.0,
    ),
    (
        "pdf/r3-driftredovisning.ruled.chromium.pdf",
        "r3-driftredovisning",
        1.0,
        1.0,
    ),
    (
        "pdf/r3-driftredovisning.ruled.lo.pdf",
        "r3-driftredovisning",
        1.0,
        1.0,
    ),
    (
        "pdf/r4-namndsida.ruled.chromium.pdf",
        "r4-namndsida",
        1.0,
        1.0,
    ),
    ("pdf/r4-namndsida.ruled.lo.pdf", "r4-namndsida", 1.0, 1.0),
    (
        "text/r1-driftbudget-per-namnd.ruled.chromium.layout.txt",
        "r1-driftbudget-per-namnd",
        1.0,
        1.0,
    ),
    (
        "text/r1-driftbudget-per-namnd.ruled.lo.layout.txt",
        "r1-driftbudget-per-namnd",
        1.0,
        1.0,
    ),
    (
        "text/r2-ramforandringar.ruled.chromium.layout.txt",
        "r2-ramforandringar",
        1.0,
        1.0,
    ),
    (
        "text/r2-ramforandringar.ruled.lo.layout.txt",
        "r2-ramforandringar",
        1.0,
        1.0,
    ),
    (
        "text/r3-driftredovisning.ruled.chromium.layout.txt",
        "r3-driftredovisning",
        1.0,
        1.0,
    ),
    (
        "text/r3-driftredovisning.ruled.lo.layout.txt",
        "r3-driftredovisning",
        1.0,
        1.0,
    ),
    (
        "text/r4-namndsida.ruled.chromium.layout.txt",
        "r4-namndsida",
        1.0,
        1.0,
    ),
    (
        "text/r4-namndsida.ruled.lo.layout.txt",
        "r4-namndsida",
        1.0,
        1.0,
    ),
];

#[test]
fn printed_real_shapes_hold_their_floors() {
    let mut below = Vec::new();
    let mut report = Vec::new();
    for &(file, page, f1, precision) in FLOORS {
        let doc = extract(&format!("shapes/{file}"));
        let s = score(&doc, &read_json(&format!("truth/html/{page}.truth.json")));
        let c = &s.amounts;
        let p = if c.tp + c.fp == 0 {
            1.0
        } else {
            c.tp as f64 / (c.tp + c.fp) as f64
        };
        report.push(format!("{file}: F1 {:.3} P {p:.3}", c.f1()));
        if c.f1() + 1e-9 < f1 || p + 1e-9 < precision {
            below.push(format!(
                "{file}: F1 {:.3} (floor {f1}), precision {p:.3} (floor {precision})",
                c.f1()
            ));
        }
    }
    println!("{}", report.join("\n"));
    assert!(below.is_empty(), "{}", below.join("\n"));
}
