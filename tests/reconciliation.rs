//! A deliberately broken copy of a table (one changed number) is reported
//! as a mismatch, with the expected and found totals; nothing is "fixed".
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{fixture, run};

#[test]
fn a_changed_number_is_reported_as_a_mismatch() {
    let src = std::fs::read_to_string(fixture("text/an-internbudget-2019.txt")).unwrap();
    // Ekonomiskt bistånd 2019: 217 615 → 217 715 (one line item changed by 100).
    let broken = src.replacen(
        "Ekonomiskt bistånd\t217 615",
        "Ekonomiskt bistånd\t217 715",
        1,
    );
    assert_ne!(src, broken, "the fixture line to change was not found");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.txt");
    std::fs::write(&path, broken).unwrap();
    let out = run(&["extract", path.to_str().unwrap()]);
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let failed: Vec<&serde_json::Value> = doc["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["ok"] == false)
        .collect();
    assert_eq!(failed.len(), 1, "{failed:#?}");
    let c = failed[0];
    assert_eq!(c["kind"], "sum_of_line_items");
    assert_eq!(c["column"], "budget_2019");
    assert_eq!(c["expected"], "381886");
    assert_eq!(c["found"], "381986");
    assert_eq!(c["difference"], "100");
    assert_eq!(c["within_rounding"], false);
    // The changed amount is reported as printed, not corrected.
    let t1 = &doc["tables"][0];
    let row = t1["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["label"] == "Ekonomiskt bistånd")
        .unwrap();
    assert_eq!(row["values"][0], "217715");
    assert!(
        doc["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["code"] == "checks_failed")
    );
}
