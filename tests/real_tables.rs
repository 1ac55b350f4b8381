//! Real budget tables of other municipalities (`fixtures/real/`, expected
//! facts in `fixtures/truth/real/`): every shape of
//! `../shared/design/real-tables.md` these excerpts show, held to its
//! floors, its own arithmetic and a snapshot of what is read.
//!
//! - each file's amounts and indicators F1 at least its floor (the scores of
//!   `../shared/tools/score.py` at this writing, rounded down);
//! - reconciliation checks fail only where the source's own numbers do not
//!   hold (Gnesta's Vuxenutbildning prints a deviation of 8 for 81; Sjöbo's
//!   balance-requirement table subtracts a reserve it prints positive);
//! - the whole normalized document of every file (tables, indicators,
//!   checks, warnings, provenance and source facts) as an insta snapshot: a
//!   change in any field is a reviewed diff.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{extract, read_json, score};
use serde_json::Value;

/// (file stem, amounts F1 floor, indicators F1 floor, checks failing beyond
/// rounding).
const FLOORS: &[(&str, f64, f64, usize)] = &[
    ("01-sjobo-driftbudget-2025", 1.0, 1.0, 0),
    ("02-sjobo-resultatbudget-2022", 1.0, 1.0, 1),
    ("03-sjobo-noter-pipes-2022", 1.0, 1.0, 0),
    ("04-lund-kulturochfritid-ramar-2023", 1.0, 1.0, 0),
    ("05-lund-ramforandringar-2023", 1.0, 1.0, 0),
    ("06-amal-driftbudget-2021", 1.0, 1.0, 0),
    ("07-vastervik-driftsredovisning-2020", 0.99, 1.0, 0),
    ("08-sjobo-politisk-verksamhet-2020", 1.0, 1.0, 0),
    ("09-gnesta-driftredovisning-2013", 1.0, 1.0, 0),
    ("10-tyreso-kommunstyrelsen-2018", 1.0, 1.0, 0),
    ("11-hallsberg-resultatrakning-2019", 1.0, 1.0, 0),
    ("12-grastorp-resultatrakning-2020", 1.0, 1.0, 0),
    ("13-norrkoping-budgetramar-2022", 1.0, 1.0, 0),
    ("14-okand-investeringsbudget-2022", 1.0, 1.0, 0),
    ("15-ale-indikatorer-2018", 1.0, 1.0, 0),
];

fn failing(doc: &Value) -> Vec<String> {
    doc["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["ok"] == false && c["within_rounding"] == false)
        .map(|c| format!("{} {} {}", c["table"], c["kind"], c["column"]))
        .collect()
}

#[test]
fn real_tables_score_their_floors_and_reconcile_as_printed() {
    let mut below = Vec::new();
    for &(stem, amounts, indicators, fails) in FLOORS {
        let doc = extract(&format!("real/{stem}.txt"));
        let s = score(&doc, &read_json(&format!("truth/real/{stem}.truth.json")));
        if s.amounts.f1() < amounts {
            below.push(format!(
                "{stem}: amounts F1 {:.3} < {amounts}",
                s.amounts.f1()
            ));
        }
        if s.indicators.f1() < indicators {
            below.push(format!(
                "{stem}: indicators F1 {:.3} < {indicators}",
                s.indicators.f1()
            ));
        }
        let f = failing(&doc);
        if f.len() != fails {
            below.push(format!(
                "{stem}: {} checks fail, want {fails}: {f:?}",
                f.len()
            ));
        }
    }
    assert!(below.is_empty(), "{}", below.join("\n"));
}

#[test]
fn comparison_columns_of_a_follow_up_are_left_out_and_said_so() {
    let doc = extract("real/15-ale-indikatorer-2018.txt");
    let warned = doc["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["code"] == "indicator_column_skipped");
    assert!(warned, "{}", doc["warnings"]);
    // Measures printing fewer numbers than columns keep no values.
    let empty = doc["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["values"].as_array().unwrap().is_empty())
        .count();
    assert_eq!(empty, 4);
}

#[test]
fn real_tables_snapshot() {
    for &(stem, ..) in FLOORS {
        let doc = extract(&format!("real/{stem}.txt"));
        insta::assert_json_snapshot!(stem, doc);
    }
}
