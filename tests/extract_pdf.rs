//! Golden tests of the PDF path: both fixture PDFs score against their
//! expected facts; the PDF and the text export of the same budget give the
//! same tables and indicators apart from provenance; every amount and
//! indicator value of a PDF carries its page and bounding box; unreadable
//! PDFs fail with a typed, one-line error.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{extract, fixture, run};
use serde_json::Value;

fn assert_scores(source: &str, truth: &str) {
    let out = common::assert_scores(source, truth, 0.995, 0.98);
    assert_eq!(out["source"]["format"], "pdf");
}

#[test]
fn pdf_2019() {
    assert_scores("pdf/an-2019.lo.pdf", "truth/an-2019.truth.json");
}

#[test]
fn pdf_2021() {
    assert_scores("pdf/an-2021.lo.pdf", "truth/an-2021.truth.json");
}

/// Removes provenance (and how amounts were placed, which is provenance too:
/// a text export that lost its layout cannot show columns the PDF shows).
fn without_provenance(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| {
                    !matches!(k.as_str(), "provenance" | "value_provenance" | "placement")
                })
                .map(|(k, v)| (k.clone(), without_provenance(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_provenance).collect()),
        other => other.clone(),
    }
}

#[test]
fn pdf_and_text_export_of_one_budget_agree() {
    for (pdf, txt) in [
        ("pdf/an-2019.lo.pdf", "text/an-internbudget-2019.txt"),
        ("pdf/an-2021.lo.pdf", "text/an-internbudget-2021.txt"),
    ] {
        let (a, b) = (extract(pdf), extract(txt));
        // The tables of amounts in kronor. The side tables without a unit
        // (volumes, staff) print one value under six columns: the PDF
        // places it by its position, the text export, whose layout is
        // lost, cannot and leaves it unplaced (with a warning).
        let kronor = |d: &Value| -> Value {
            Value::Array(
                d["tables"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|t| !t["unit"].is_null())
                    .cloned()
                    .collect(),
            )
        };
        let (ta, tb) = (kronor(&a), kronor(&b));
        assert!(ta.as_array().unwrap().len() >= 3, "{pdf}: {ta}");
        for (key, x, y) in [
            ("tables", &ta, &tb),
            ("indicators", &a["indicators"], &b["indicators"]),
        ] {
            let (x, y) = (without_provenance(x), without_provenance(y));
            if x != y {
                let xs = serde_json::to_string_pretty(&x).unwrap();
                let ys = serde_json::to_string_pretty(&y).unwrap();
                let first = xs
                    .lines()
                    .zip(ys.lines())
                    .enumerate()
                    .find(|(_, (l, r))| l != r);
                panic!("{pdf} and {txt} differ in {key}; first difference: {first:?}");
            }
        }
        for key in ["committee", "budget_year", "plan_years", "title"] {
            assert_eq!(a["document"][key], b["document"][key], "{key}");
        }
        assert_eq!(a["document"]["municipality"], b["document"]["municipality"]);
    }
}

#[test]
fn every_pdf_value_has_page_and_box() {
    let out = extract("pdf/an-2021.lo.pdf");
    let has_box = |p: &Value| {
        p["page"].as_u64().is_some_and(|n| n >= 1)
            && p["bbox"].as_array().is_some_and(|b| b.len() == 4)
    };
    for t in out["tables"].as_array().unwrap() {
        for r in t["rows"].as_array().unwrap() {
            assert!(has_box(&r["provenance"]), "{r}");
            for (v, p) in r["values"]
                .as_array()
                .unwrap()
                .iter()
                .zip(r["value_provenance"].as_array().unwrap())
            {
                assert_eq!(v.is_null(), p.is_null());
                if !p.is_null() {
                    assert!(has_box(p), "{p}");
                }
            }
        }
    }
    for i in out["indicators"].as_array().unwrap() {
        for v in i["values"].as_array().unwrap() {
            assert!(has_box(&v["provenance"]), "{v}");
        }
    }
    // The driftsammandrag continues over a page break (pages 13–14).
    let ds = out["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["title"] == "Driftsammandrag")
        .unwrap();
    let pages: std::collections::BTreeSet<u64> = ds["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["provenance"]["page"].as_u64().unwrap())
        .collect();
    assert!(
        pages.len() >= 2,
        "the table split over pages is read as one: {pages:?}"
    );
}

fn one_line_error(rel: &str, expect: &str) {
    let out = run(&["extract", fixture(rel).to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{rel}: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(expect),
        "{rel}: expected {expect:?} in {stderr}"
    );
    assert!(!stderr.contains("panicked"));
}

#[test]
fn unreadable_pdfs_fail_with_typed_errors() {
    one_line_error("pdf-layer/empty.pdf", "empty");
    one_line_error(
        "pdf-layer/password-example.pdf",
        "encrypted and needs a password",
    );
    // A PDF without budget tables is read, then reported as such.
    one_line_error("pdf-layer/pr-138-example.pdf", "no budget tables");
}

#[test]
fn text_command_prints_pages_and_lines() {
    let out = run(&["text", fixture("pdf/an-2021.lo.pdf").to_str().unwrap()]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.matches('\u{c}').count(),
        21,
        "22 pages separated by form feeds"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("Ekonomiskt bistånd") && l.contains("269 239"))
    );
    let out = run(&[
        "text",
        fixture("pdf-layer/password-example.pdf").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("encrypted"));
}
