//! Held-out variants of the five real table shapes: the pages of
//! `tools/markup/shapes.py --seed 1…6` (other municipalities, labels,
//! years, column counts, units, magnitudes, empty cells), printed by
//! Chromium and LibreOffice, borderless and ruled, with their layout
//! exports (`tools/markup/holdout.sh`; `fixtures/holdout/`: every page and
//! layout export, the PDFs of seeds 1–3). Each file is held to the amounts
//! F1 and precision it reads today (`fixtures/holdout/floors.json`), and
//! the whole set to its totals, so that every fix shows and nothing slips
//! back. Fresh seeds, never looked at while writing rules, are the honest
//! measure (README).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{extract, read_json, score};

/// The truth file of a held-out file: `r1-…-per-namnd.s3.chromium.pdf` →
/// `truth/r1-…-per-namnd.s3.truth.json`.
fn truth_of(file: &str) -> String {
    let name = file.rsplit('/').next().unwrap();
    let mut parts = name.split('.');
    let (shape, seed) = (parts.next().unwrap(), parts.next().unwrap());
    format!("holdout/truth/{shape}.{seed}.truth.json")
}

#[test]
fn held_out_shapes_hold_their_floors() {
    let floors = read_json("holdout/floors.json");
    let floors = floors.as_object().unwrap();
    assert!(floors.len() >= 200, "only {} held-out files", floors.len());
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut below = Vec::new();
    for (file, floor) in floors {
        let (f1_min, p_min) = (floor[0].as_f64().unwrap(), floor[1].as_f64().unwrap());
        let doc = extract(&format!("holdout/{file}"));
        let s = score(&doc, &read_json(&truth_of(file)));
        let c = &s.amounts;
        let p = if c.tp + c.fp == 0 {
            1.0
        } else {
            c.tp as f64 / (c.tp + c.fp) as f64
        };
        (tp, fp, fn_) = (tp + c.tp, fp + c.fp, fn_ + c.fn_);
        // Floors are rounded to three decimals.
        if c.f1() + 5e-4 < f1_min || p + 5e-4 < p_min {
            below.push(format!(
                "{file}: F1 {:.3} (floor {f1_min}), precision {p:.3} (floor {p_min})",
                c.f1()
            ));
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let f1 = 2.0 * tp as f64 / (2 * tp + fp + fn_).max(1) as f64;
    println!("held-out: amounts F1 {f1:.3}, precision {precision:.3}");
    assert!(below.is_empty(), "{}", below.join("\n"));
    assert!(
        f1 >= 0.975 && precision >= 0.99,
        "F1 {f1:.3} P {precision:.3}"
    );
}
