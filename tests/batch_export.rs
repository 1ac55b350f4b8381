//! The open-data export of `internbudget batch`: the tidy CSV agrees with
//! the JSON documents to the last öre (sums per table and column, the
//! printed totals of the reconciliation checks, amount × unit factor), the
//! CSV headers and keys agree with `datapackage.json`, markers such as
//! "I.U." become an empty value with a status, and JSON Lines go to stdout
//! in input order. (Validation with the Frictionless validator itself needs
//! PyPI: `scripts/frictionless-check.sh`.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{fixture, run};
use internbudget_normalizer::{Amount, Document};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// A small RFC 4180 reader: quoted fields, doubled quotes, CRLF.
fn read_csv(path: &Path) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut records: Vec<Vec<String>> = Vec::new();
    let mut rec = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => rec.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                rec.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut rec));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        rec.is_empty() && field.is_empty(),
        "{} ends without a line break",
        path.display()
    );
    let header = records.remove(0);
    let rows = records
        .into_iter()
        .map(|r| {
            assert_eq!(r.len(), header.len(), "ragged row in {}", path.display());
            header.iter().cloned().zip(r).collect()
        })
        .collect();
    (header, rows)
}

fn amount(s: &str) -> Amount {
    s.parse()
        .unwrap_or_else(|e| panic!("{s:?} is not an exact decimal: {e}"))
}

fn fixtures_dir(d: &Path) -> std::path::PathBuf {
    let input = d.join("in");
    for (from, to) in [
        (
            "text/an-internbudget-2019.txt",
            "2019/an-internbudget-2019.txt",
        ),
        (
            "text/an-internbudget-2021.txt",
            "2021/an-internbudget-2021.txt",
        ),
        ("pdf/an-2019.lo.pdf", "2019/an-2019.pdf"),
        ("pdf/an-2021.lo.pdf", "2021/an-2021.pdf"),
    ] {
        let p = input.join(to);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::copy(fixture(from), p).unwrap();
    }
    input
}

#[test]
fn csv_sums_equal_the_json_documents_totals() {
    let d = tempfile::tempdir().unwrap();
    let input = fixtures_dir(d.path());
    let out = d.path().join("out");
    let r = run(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-f",
        "csv",
        "-q",
    ]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );

    let (amount_header, amounts) = read_csv(&out.join("amounts.csv"));
    let (indicator_header, indicators) = read_csv(&out.join("indicators.csv"));
    let (document_header, documents) = read_csv(&out.join("documents.csv"));
    assert_eq!(documents.len(), 4);

    // The data package describes exactly these columns and keys.
    let dp: Value =
        serde_json::from_slice(&std::fs::read(out.join("datapackage.json")).unwrap()).unwrap();
    assert_eq!(
        dp["$schema"],
        "https://datapackage.org/profiles/2.0/datapackage.json"
    );
    for (name, header, rows) in [
        ("documents", &document_header, &documents),
        ("amounts", &amount_header, &amounts),
        ("indicators", &indicator_header, &indicators),
    ] {
        let res = dp["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap();
        let fields: Vec<&str> = res["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(&fields, header, "{name}");
        let bytes = std::fs::metadata(out.join(res["path"].as_str().unwrap()))
            .unwrap()
            .len();
        assert_eq!(res["bytes"], bytes);
        let pk: Vec<&str> = res["schema"]["primaryKey"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap())
            .collect();
        let mut seen = HashSet::new();
        for row in rows.iter() {
            let key: Vec<&str> = pk.iter().map(|k| row[*k].as_str()).collect();
            assert!(
                key.iter().all(|k| !k.is_empty()),
                "{name}: empty key {key:?}"
            );
            assert!(
                seen.insert(key.join("\u{1f}")),
                "{name}: duplicate key {key:?}"
            );
        }
        // Every number field holds a plain decimal with a dot, or nothing.
        for f in res["schema"]["fields"].as_array().unwrap() {
            if f["type"] == "number" {
                assert_eq!(f["decimalChar"], ".");
                let n = f["name"].as_str().unwrap();
                for row in rows.iter() {
                    let v = &row[n];
                    assert!(
                        v.is_empty()
                            || v.trim_start_matches('-')
                                .split('.')
                                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())),
                        "{name}.{n} = {v:?}"
                    );
                }
            }
        }
    }

    let mut checked_totals = 0;
    for doc_row in &documents {
        let rel = &doc_row["source_file"];
        let doc: Document =
            serde_json::from_slice(&std::fs::read(out.join(format!("{rel}.json"))).unwrap())
                .unwrap();
        assert_eq!(doc_row["municipality_code"], "0580", "leading zero kept");
        let rows: Vec<&HashMap<String, String>> = amounts
            .iter()
            .filter(|r| &r["source_file"] == rel)
            .collect();
        assert_eq!(doc_row["amounts"], rows.len().to_string());
        // Per table and column: CSV sum and count equal the JSON's.
        let mut csv_sums: BTreeMap<(String, String), (Amount, usize)> = BTreeMap::new();
        for r in &rows {
            let e = csv_sums
                .entry((r["table_id"].clone(), r["column_key"].clone()))
                .or_insert((Amount::ZERO, 0));
            e.0 = e.0 + amount(&r["amount"]);
            e.1 += 1;
            // amount_sek = amount × unit_factor, exactly.
            let sek = amount(&r["amount"]).value() * amount(&r["unit_factor"]).value();
            assert_eq!(amount(&r["amount_sek"]).value(), sek.normalize());
            assert_eq!(r["currency"], "SEK");
        }
        let mut json_sums: BTreeMap<(String, String), (Amount, usize)> = BTreeMap::new();
        for t in &doc.tables {
            for row in &t.rows {
                for (v, col) in row.values.iter().zip(&t.columns) {
                    if let Some(v) = v {
                        let e = json_sums
                            .entry((t.id.clone(), col.key.clone()))
                            .or_insert((Amount::ZERO, 0));
                        e.0 = e.0 + *v;
                        e.1 += 1;
                    }
                }
            }
            if t.unit == Some(internbudget_normalizer::Unit::Tkr) {
                assert!(
                    rows.iter()
                        .filter(|r| r["table_id"] == t.id)
                        .all(|r| r["unit_factor"] == "1000")
                );
            }
        }
        assert_eq!(csv_sums, json_sums, "{rel}");
        // The printed totals: the CSV's line items add up to what the
        // document's checks found, and its total row is what was printed.
        for c in &doc.checks {
            if c.kind != internbudget_normalizer::CheckKind::SumOfLineItems {
                continue;
            }
            let cell = |key: &str| {
                rows.iter()
                    .find(|r| {
                        r["table_id"] == c.table
                            && r["row_key"] == key
                            && r["column_key"] == c.column
                    })
                    .map(|r| amount(&r["amount"]))
            };
            assert_eq!(
                cell(&c.rows[0]),
                Some(c.expected),
                "{rel} {} {}",
                c.table,
                c.column
            );
            let found: Amount = c.rows[1..].iter().filter_map(|k| cell(k)).sum();
            assert_eq!(found, c.found, "{rel} {} {}", c.table, c.column);
            checked_totals += 1;
        }
        // Indicators: one row per value (and group); "I.U." is an empty value with a status.
        let ind: Vec<&HashMap<String, String>> = indicators
            .iter()
            .filter(|r| &r["source_file"] == rel)
            .collect();
        assert_eq!(doc_row["indicator_values"], ind.len().to_string());
        for r in &ind {
            if r["raw"] == "I.U." {
                assert_eq!(r["value"], "");
                assert_eq!(r["value_status"], "not_available");
            }
            if r["value_status"] != "value" {
                assert_eq!(r["value"], "", "{r:?}");
            }
        }
    }
    assert!(checked_totals >= 8, "{checked_totals}");
    assert!(
        indicators.iter().any(|r| r["raw"] == "I.U."),
        "the fixtures print I.U."
    );
    assert!(amounts.iter().any(|r| r["phase"] == "executed"));
    assert!(amounts.iter().any(|r| r["phase"] == "proposed"));
    assert!(amounts.iter().any(|r| r["phase"] == "planned"));
    assert!(amounts.iter().any(|r| r["direction"] == "revenue"));
}

#[test]
fn jsonl_goes_to_stdout_in_input_order() {
    let d = tempfile::tempdir().unwrap();
    let input = fixtures_dir(d.path());
    let manifest = d.path().join("manifest.json");
    let r = run(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        "-",
        "--format",
        "jsonl",
        "--manifest",
        manifest.to_str().unwrap(),
        "--jobs",
        "2",
    ]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let docs: Vec<Document> = String::from_utf8(r.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let files: Vec<&str> = docs.iter().map(|d| d.source.file.as_str()).collect();
    assert_eq!(
        files,
        [
            "an-2019.pdf",
            "an-internbudget-2019.txt",
            "an-2021.pdf",
            "an-internbudget-2021.txt"
        ]
    );
    let m: Value = serde_json::from_slice(&std::fs::read(&manifest).unwrap()).unwrap();
    let lines: Vec<u64> = m["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [1, 2, 3, 4]);
    // Progress went to stderr, one line per input, and the summary.
    let stderr = String::from_utf8_lossy(&r.stderr);
    let own = stderr
        .lines()
        .filter(|l| l.starts_with("internbudget:"))
        .count();
    assert_eq!(own, 5, "{stderr}");
}
