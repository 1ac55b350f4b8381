//! Helpers of the DOCX and HTML golden tests: a source compared with the
//! PDF it was rebuilt from, and every value of a document traced back to
//! the table cell (and paragraph) its provenance names.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common::{extract, fixture};
use internbudget_layout::{CellRef, Document};
use serde_json::Value;

/// Removes provenance (and how amounts were placed, which is provenance too).
pub fn without_provenance(v: &Value) -> Value {
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

/// The two sources give the same tables, indicators and document facts,
/// provenance aside.
pub fn assert_same_budget(a_rel: &str, b_rel: &str) {
    let (a, b) = (extract(a_rel), extract(b_rel));
    for key in ["tables", "indicators"] {
        let (x, y) = (without_provenance(&a[key]), without_provenance(&b[key]));
        if x != y {
            let xs = serde_json::to_string_pretty(&x).unwrap();
            let ys = serde_json::to_string_pretty(&y).unwrap();
            let first = xs
                .lines()
                .zip(ys.lines())
                .enumerate()
                .find(|(_, (l, r))| l != r);
            panic!("{a_rel} and {b_rel} differ in {key}; first difference: {first:?}");
        }
    }
    for key in [
        "committee",
        "budget_year",
        "plan_years",
        "title",
        "municipality",
    ] {
        assert_eq!(a["document"][key], b["document"][key], "{key}");
    }
}

/// The layout a source is read into.
pub fn layout(rel: &str) -> Document {
    let bytes = std::fs::read(fixture(rel)).unwrap();
    internbudget_parser::source::read(&bytes).unwrap().1
}

/// The text of the words a cell reference names.
fn text_at(doc: &Document, want: &CellRef) -> String {
    let words: Vec<&str> = doc
        .pages
        .iter()
        .flat_map(|p| p.lines.iter())
        .flat_map(|l| l.words.iter())
        .filter(|w| {
            w.cell.is_some_and(|c| {
                c.table == want.table
                    && (want.row.is_none() || c.row == want.row)
                    && (want.col.is_none() || c.col == want.col)
                    && (want.paragraph.is_none() || c.paragraph == want.paragraph)
            })
        })
        .map(|w| w.text.as_str())
        .collect();
    words.join(" ")
}

fn cell_ref(p: &Value) -> Option<CellRef> {
    let n = |k: &str| p[k].as_u64().map_or(0, |v| v as u32);
    CellRef::at(
        n("table"),
        n("row"),
        n("col"),
        p["paragraph"].as_u64().map(|v| v as u32),
    )
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every amount and indicator value names its table, row and column (and
/// paragraph, for DOCX), and that cell of the source prints it; every
/// table row names its table and row. Returns how many values were traced.
pub fn assert_traceable(rel: &str, paragraphs: bool) -> usize {
    let out = extract(rel);
    let doc = layout(rel);
    let mut traced = 0;
    for t in out["tables"].as_array().unwrap() {
        for r in t["rows"].as_array().unwrap() {
            let p = &r["provenance"];
            assert!(
                p["table"].as_u64().is_some() && p["row"].as_u64().is_some(),
                "row without table and row: {r}"
            );
            assert!(p["line"].as_u64().is_some(), "row without line: {r}");
            for (v, p) in r["values"]
                .as_array()
                .unwrap()
                .iter()
                .zip(r["value_provenance"].as_array().unwrap())
            {
                let Some(v) = v.as_str() else { continue };
                let c = cell_ref(p).unwrap_or_else(|| panic!("{v} in {r} has no cell"));
                assert!(c.row.is_some() && c.col.is_some(), "{v}: {p}");
                assert_eq!(c.paragraph.is_some(), paragraphs, "{v}: {p}");
                let printed = text_at(&doc, &c);
                let d = digits(v);
                let d = d.trim_start_matches('0');
                assert!(
                    digits(&printed).contains(d),
                    "{v} of {:?} is not printed in its cell {p}: {printed:?}",
                    r["label"]
                );
                traced += 1;
            }
        }
    }
    for ind in out["indicators"].as_array().unwrap() {
        for v in ind["values"].as_array().unwrap() {
            let p = &v["provenance"];
            let c = cell_ref(p).unwrap_or_else(|| panic!("{v} has no cell"));
            assert!(c.row.is_some() && c.col.is_some(), "{v}");
            let printed = text_at(
                &doc,
                &CellRef {
                    paragraph: None,
                    ..c
                },
            );
            assert_eq!(
                squeeze(&printed),
                squeeze(v["raw"].as_str().unwrap()),
                "indicator value {v} and its cell"
            );
            traced += 1;
        }
    }
    traced
}
