//! Helpers shared by the end-to-end tests: running the binary, locating
//! fixtures, and scoring an extracted document against an expected-facts
//! file the way `../shared/tools/score.py` does (cells keyed by row label and
//! occurrence, column kind — with its measure and percent — and year;
//! indicator values keyed by indicator text, kind and year).
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Output;

/// Path of a file under `fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

/// Runs the `internbudget` binary.
pub fn run(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_internbudget"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Extracts a fixture through the binary and parses the JSON.
pub fn extract(rel: &str) -> Value {
    let out = run(&["extract", fixture(rel).to_str().unwrap()]);
    assert!(
        out.status.success(),
        "extract {rel} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// Reads a JSON fixture.
pub fn read_json(rel: &str) -> Value {
    serde_json::from_slice(&std::fs::read(fixture(rel)).unwrap()).unwrap()
}

fn norm_label(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

fn norm_raw(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| {
            if c == '\u{2212}' || c == '\u{2013}' {
                '-'
            } else {
                c
            }
        })
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn dec(v: &Value) -> Option<String> {
    let s = v.as_str()?;
    let d = internbudget_normalizer::Amount::parse_printed(s)
        .or_else(|| s.parse::<internbudget_normalizer::Amount>().ok())?;
    Some(d.value().normalize().to_string())
}

type CellKey = (String, usize, String, i64);

/// A column's key as score.py makes it: the kind, `:revenue` or `:cost`
/// for a measure other than net, `%` for a percentage column.
fn column_kind(c: &Value) -> String {
    let mut kind = c["kind"].as_str().unwrap_or("").to_string();
    if let Some(m) = c["measure"].as_str().filter(|m| *m != "net") {
        kind = format!("{kind}:{m}");
    }
    if c["percent"] == true {
        kind.push('%');
    }
    kind
}

fn table_cells(t: &Value) -> HashMap<CellKey, String> {
    let cols: Vec<(String, i64)> = t["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (column_kind(c), c["year"].as_i64().unwrap_or(0)))
        .collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut cells = HashMap::new();
    for r in t["rows"].as_array().unwrap() {
        let lab = norm_label(r["label"].as_str().unwrap_or(""));
        let occ = *seen.get(&lab).unwrap_or(&0);
        seen.insert(lab.clone(), occ + 1);
        for (i, v) in r["values"].as_array().unwrap().iter().enumerate() {
            if let (Some(d), Some(col)) = (dec(v), cols.get(i)) {
                cells.insert((lab.clone(), occ, col.0.clone(), col.1), d);
            }
        }
    }
    cells
}

/// Counts of a comparison.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub tp: usize,
    pub fn_: usize,
    pub fp: usize,
}

impl Counts {
    pub fn f1(&self) -> f64 {
        let p = if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        };
        let r = if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        };
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Score of a document against expected facts.
#[derive(Debug, Default)]
pub struct Score {
    pub amounts: Counts,
    pub indicators: Counts,
    pub goals: (usize, usize),
    pub meta: usize,
    pub misses: Vec<String>,
}

pub fn score(out: &Value, truth: &Value) -> Score {
    let mut s = Score::default();
    // Amount tables: best-matching output table of the same role.
    let outs = out["tables"].as_array().cloned().unwrap_or_default();
    let mut used = vec![false; outs.len()];
    for t in truth["tables"].as_array().unwrap() {
        let tc = table_cells(t);
        let mut best: Option<(usize, usize)> = None;
        for (i, o) in outs.iter().enumerate() {
            if used[i] || o["role"] != t["role"] {
                continue;
            }
            let oc = table_cells(o);
            let hit = tc.iter().filter(|(k, v)| oc.get(*k) == Some(v)).count();
            if best.is_none_or(|(_, h)| hit > h) {
                best = Some((i, hit));
            }
        }
        let Some((i, hit)) = best else {
            s.amounts.fn_ += tc.len();
            s.misses.push(format!("missing table {}", t["title"]));
            continue;
        };
        used[i] = true;
        let oc = table_cells(&outs[i]);
        s.amounts.tp += hit;
        s.amounts.fn_ += tc.len() - hit;
        s.amounts.fp += oc.iter().filter(|(k, v)| tc.get(*k) != Some(v)).count();
        for (k, v) in &tc {
            if oc.get(k) != Some(v) {
                s.misses.push(format!(
                    "{}: {k:?} want {v} got {:?}",
                    t["title"],
                    oc.get(k)
                ));
            }
        }
    }
    // Extra tables of the roles scored are false positives (as in
    // ../shared/tools/score.py): a table of another role ("other") is not
    // held against a truth that does not list it.
    let roles: Vec<&Value> = truth["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| &t["role"])
        .collect();
    for (i, o) in outs.iter().enumerate() {
        if !used[i] && roles.contains(&&o["role"]) {
            s.amounts.fp += table_cells(o).len();
        }
    }
    // Indicators: exact text match (normalised), in order.
    let oinds = out["indicators"].as_array().cloned().unwrap_or_default();
    let ivals = |ind: &Value| -> HashMap<(String, i64), String> {
        ind["values"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|v| {
                let raw = norm_raw(v["raw"].as_str().unwrap_or(""));
                (!raw.is_empty()).then(|| {
                    (
                        (
                            v["kind"].as_str().unwrap_or("").to_string(),
                            v["year"].as_i64().unwrap_or(0),
                        ),
                        raw,
                    )
                })
            })
            .collect()
    };
    let mut iused = vec![false; oinds.len()];
    for t in truth["indicators"].as_array().unwrap() {
        let tk = norm_label(t["indicator"].as_str().unwrap_or(""));
        let tv = ivals(t);
        let cand = oinds.iter().enumerate().position(|(i, o)| {
            !iused[i] && norm_label(o["indicator"].as_str().unwrap_or("")) == tk
        });
        let Some(c) = cand else {
            s.indicators.fn_ += tv.len();
            if !tv.is_empty() {
                s.misses
                    .push(format!("missing indicator {}", t["indicator"]));
            }
            continue;
        };
        iused[c] = true;
        let ov = ivals(&oinds[c]);
        let hit = tv.iter().filter(|(k, v)| ov.get(*k) == Some(v)).count();
        s.indicators.tp += hit;
        s.indicators.fn_ += tv.len() - hit;
        s.indicators.fp += ov.iter().filter(|(k, v)| tv.get(*k) != Some(v)).count();
        for (k, v) in &tv {
            if ov.get(k) != Some(v) {
                s.misses.push(format!(
                    "{}: {k:?} want {v} got {:?}",
                    t["indicator"],
                    ov.get(k)
                ));
            }
        }
        if let Some(g) = t["committee_goal"].as_str() {
            s.goals.1 += 1;
            if norm_label(oinds[c]["committee_goal"].as_str().unwrap_or("")) == norm_label(g) {
                s.goals.0 += 1;
            }
        }
    }
    for (i, o) in oinds.iter().enumerate() {
        if !iused[i] {
            s.indicators.fp += ivals(o).len();
        }
    }
    let (td, od) = (&truth["document"], &out["document"]);
    let muni = od["municipality"]["name"]
        .as_str()
        .or(od["municipality"].as_str())
        .unwrap_or("");
    s.meta +=
        usize::from(norm_label(muni) == norm_label(td["municipality"].as_str().unwrap_or("")));
    s.meta += usize::from(
        norm_label(od["committee"].as_str().unwrap_or(""))
            == norm_label(td["committee"].as_str().unwrap_or("")),
    );
    s.meta += usize::from(od["budget_year"] == td["budget_year"]);
    s.meta += usize::from(od["plan_years"] == td["plan_years"]);
    s
}

/// Extracts a fixture through the binary and holds it to its expected facts:
/// amounts and indicator F1 at least the given floors, every document fact
/// and committee goal right, the output valid against the schema. Returns
/// the document.
pub fn assert_scores(source: &str, truth: &str, amounts_min: f64, indicators_min: f64) -> Value {
    let out = extract(source);
    let s = score(&out, &read_json(truth));
    let report = s.misses.join("\n");
    assert!(
        s.amounts.f1() >= amounts_min,
        "{source}: amounts F1 {:.3}\n{report}",
        s.amounts.f1()
    );
    assert!(
        s.indicators.f1() >= indicators_min,
        "{source}: indicators F1 {:.3}\n{report}",
        s.indicators.f1()
    );
    assert_eq!(s.meta, 4, "{source}: document facts\n{report}");
    assert_eq!(s.goals.0, s.goals.1, "{source}: committee goals\n{report}");
    internbudget_normalizer::validate(&out).unwrap();
    out
}

/// Every file under `dir` (walked recursively), as paths relative to it
/// with `/` separators, sorted. A missing directory has none.
pub fn files_under(dir: &Path) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    out
}
