//! The open-data export of `internbudget batch --format csv`, end to end:
//! the tidy CSV agrees with the JSON documents to the last öre (sums per
//! table and column, the printed totals of the reconciliation checks,
//! amount × unit factor); the additive amounts of the primary tables sum,
//! per budget, fiscal year and phase, to each document's printed totals on
//! every input the project has; a PDF and its text export are one budget;
//! the CSV headers and keys agree with `datapackage.json`; municipality
//! codes are quoted text; license and publisher reach the package. (The
//! Frictionless validator itself needs PyPI: `scripts/frictionless-check.sh`.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{fixture, run};
use internbudget_normalizer::{Amount, CheckKind, Document};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

type Row = HashMap<String, String>;

/// A small RFC 4180 reader: quoted fields, doubled quotes, CRLF.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Row>) {
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

fn copy_into(input: &Path, files: &[(&str, &str)]) {
    for (from, to) in files {
        let p = input.join(to);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::copy(fixture(from), p).unwrap();
    }
}

/// The four Linköping fixtures: two budgets, each as a PDF and a text export.
fn fixtures_dir(d: &Path) -> PathBuf {
    let input = d.join("in");
    copy_into(
        &input,
        &[
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
        ],
    );
    input
}

/// Runs `batch --format csv` and returns its stderr; `expect` are the exit
/// codes allowed.
fn batch_csv(inputs: &[&Path], out: &Path, extra: &[&str], expect: &[i32]) -> String {
    let mut args: Vec<&str> = vec!["batch"];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap()));
    args.extend(["-o", out.to_str().unwrap(), "-f", "csv"]);
    args.extend(extra);
    let r = run(&args);
    let stderr = String::from_utf8_lossy(&r.stderr).into_owned();
    assert!(
        r.status.code().is_some_and(|c| expect.contains(&c)),
        "{stderr}"
    );
    stderr
}

fn document(out: &Path, source_file: &str) -> Document {
    serde_json::from_slice(&std::fs::read(out.join(format!("{source_file}.json"))).unwrap())
        .unwrap()
}

#[test]
fn csv_sums_equal_the_json_documents_totals() {
    let d = tempfile::tempdir().unwrap();
    let input = fixtures_dir(d.path());
    let out = d.path().join("out");
    batch_csv(&[&input], &out, &["-q"], &[0]);

    let (amount_header, amounts) = read_csv(&out.join("amounts.csv"));
    let (indicator_header, indicators) = read_csv(&out.join("indicators.csv"));
    let (document_header, documents) = read_csv(&out.join("documents.csv"));
    let (kolada_header, kolada) = read_csv(&out.join("indicator_values.csv"));
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
        ("indicator_values", &kolada_header, &kolada),
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
            assert!(
                row["budget_id"].starts_with("0580-arbetsmarknadsnamnden-20"),
                "{name}: {}",
                row["budget_id"]
            );
        }
        assert!(!rows.is_empty(), "{name}");
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
    // Municipality codes are quoted text in every file.
    for f in [
        "documents.csv",
        "amounts.csv",
        "indicators.csv",
        "indicator_values.csv",
    ] {
        let raw = std::fs::read_to_string(out.join(f)).unwrap();
        assert!(raw.contains("\"0580\""), "{f}");
        assert!(!raw.contains(",0580,"), "{f}");
    }

    let mut checked_totals = 0;
    let exported: Vec<&Row> = documents
        .iter()
        .filter(|r| r["exported"] == "true")
        .collect();
    assert_eq!(exported.len(), 2);
    for doc_row in exported {
        let rel = &doc_row["source_file"];
        let doc = document(&out, rel);
        assert_eq!(doc_row["municipality_code"], "0580", "leading zero kept");
        let rows: Vec<&Row> = amounts
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
            // amount_sek = amount × unit_factor, exactly; none without a unit.
            if r["unit_factor"].is_empty() {
                assert_eq!(r["amount_sek"], "", "{r:?}");
            } else {
                let sek = amount(&r["amount"]).value() * amount(&r["unit_factor"]).value();
                assert_eq!(amount(&r["amount_sek"]).value(), sek.normalize());
                assert_eq!(r["currency"], "SEK");
            }
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
            if c.kind != CheckKind::SumOfLineItems {
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
        let ind: Vec<&Row> = indicators
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
    // "varav intäkter" is revenue, printed negative in a net-cost table
    // (where it is 0 the column does not tell).
    for r in amounts
        .iter()
        .filter(|r| r["row_kind"] == "of_which_revenue")
    {
        assert_eq!(r["direction"], "revenue");
        if r["amount"] != "0" {
            assert!(r["amount"].starts_with('-'), "{r:?}");
            assert_eq!(r["sign_convention"], "costs_positive", "{r:?}");
        }
    }
    // The Kolada view: stable ids, one row per indicator, gender and year.
    let ids: HashSet<(&str, &str)> = indicators
        .iter()
        .filter(|r| r["indicator_kind"] == "indicator")
        .map(|r| (r["indicator"].as_str(), r["indicator_id"].as_str()))
        .collect();
    let texts: HashSet<&str> = ids.iter().map(|(t, _)| *t).collect();
    assert_eq!(ids.len(), texts.len(), "one id per indicator text");
    assert!(
        kolada
            .iter()
            .any(|r| r["status"] == "value" && !r["value"].is_empty())
    );
    assert!(kolada.iter().any(|r| r["target_status"] != "missing"));
}

/// Every input the project has: the Linköping fixtures, the synthetic
/// corpus and the real excerpts.
fn every_input(d: &Path) -> PathBuf {
    let input = d.join("in");
    for dir in ["pdf", "text", "synthetic/pdf", "synthetic/text", "real"] {
        let from = fixture(dir);
        for e in std::fs::read_dir(&from).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".pdf") || (name.ends_with(".txt") && !name.ends_with(".source.txt"))
            {
                let to = input.join(dir).join(&name);
                std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                std::fs::copy(&p, to).unwrap();
            }
        }
    }
    input
}

/// Summing the additive amounts of a budget by table role, fiscal year and
/// phase gives the printed total of its primary table, in every column
/// whose printed total the document's own check confirms — never a summary
/// or a superseded table counted twice.
#[test]
fn primary_tables_sum_to_the_printed_totals() {
    let d = tempfile::tempdir().unwrap();
    let input = every_input(d.path());
    let out = d.path().join("out");
    // Some inputs hold no table the reader knows (exit 1); the rest export.
    batch_csv(&[&input], &out, &["-q", "--license", "CC0-1.0"], &[0, 1]);
    let (_, amounts) = read_csv(&out.join("amounts.csv"));
    let (_, documents) = read_csv(&out.join("documents.csv"));

    type Group = (String, String, String, String);
    let group = |r: &Row| -> Group {
        (
            r["budget_id"].clone(),
            r["table_role"].clone(),
            r["fiscal_year"].clone(),
            r["phase"].clone(),
        )
    };
    let mut sums: HashMap<Group, Amount> = HashMap::new();
    let mut columns: HashMap<Group, HashSet<(String, String)>> = HashMap::new();
    for r in amounts.iter().filter(|r| r["additive"] == "true") {
        assert_eq!(r["table_primary"], "true");
        assert!(
            ["line_item", "budget_frame"].contains(&r["row_kind"].as_str()),
            "{}",
            r["row_kind"]
        );
        assert_eq!(r["value_type"], "amount");
        let g = group(r);
        *sums.entry(g.clone()).or_insert(Amount::ZERO) =
            sums.get(&g).copied().unwrap_or(Amount::ZERO) + amount(&r["amount"]);
        columns
            .entry(g)
            .or_default()
            .insert((r["table_id"].clone(), r["column_key"].clone()));
    }
    // One column per group: the sum never mixes two columns or tables.
    for (g, c) in &columns {
        assert_eq!(c.len(), 1, "{g:?}: {c:?}");
    }
    let mut docs: HashMap<String, Document> = HashMap::new();
    let mut checked = 0;
    let mut budgets = HashSet::new();
    for r in amounts
        .iter()
        .filter(|r| r["table_primary"] == "true" && r["row_kind"] == "total")
    {
        let g = group(r);
        let Some(c) = columns.get(&g) else { continue };
        if !c.contains(&(r["table_id"].clone(), r["column_key"].clone())) {
            continue;
        }
        let doc = docs
            .entry(r["source_file"].clone())
            .or_insert_with(|| document(&out, &r["source_file"]));
        let confirmed = doc.checks.iter().any(|k| {
            k.kind == CheckKind::SumOfLineItems
                && k.table == r["table_id"]
                && k.column == r["column_key"]
                && k.ok
        });
        if !confirmed {
            continue;
        }
        assert_eq!(sums[&g], amount(&r["amount"]), "{g:?} ({})", r["row_label"]);
        checked += 1;
        budgets.insert(g.0);
    }
    assert!(checked >= 150, "{checked}");
    assert!(budgets.len() >= 20, "{}", budgets.len());
    // The bundled budgets: not the summary's or the superseded table's totals on top.
    for (budget, year, phase, total) in [
        (
            "0580-arbetsmarknadsnamnden-2021",
            "2021",
            "proposed",
            "450865",
        ),
        (
            "0580-arbetsmarknadsnamnden-2019",
            "2019",
            "approved",
            "381886",
        ),
    ] {
        let g = (
            budget.to_string(),
            "operating_summary".to_string(),
            year.to_string(),
            phase.to_string(),
        );
        assert_eq!(sums[&g], amount(total), "{budget}");
    }
    let statuses: HashSet<(&str, &str)> = amounts
        .iter()
        .filter(|r| r["budget_id"].starts_with("0580-arbetsmarknadsnamnden"))
        .map(|r| (r["table_title"].as_str(), r["table_status"].as_str()))
        .collect();
    assert!(statuses.contains(&("Ekonomi", "summary")), "{statuses:?}");
    assert!(
        statuses.contains(&(
            "Arbetsmarknadsnämndens internbudget 2018-10-25 § 138",
            "superseded"
        )),
        "{statuses:?}"
    );
    // Every source is listed, one exported per budget.
    let mut exported: HashMap<&str, usize> = HashMap::new();
    for r in &documents {
        if r["exported"] == "true" {
            *exported.entry(r["budget_id"].as_str()).or_default() += 1;
        }
    }
    assert!(exported.values().all(|n| *n == 1), "{exported:?}");
}

/// A PDF and its text export are one budget: one id, one exported source,
/// the other a duplicate whose amounts agree.
#[test]
fn a_pdf_and_its_text_export_are_one_budget() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in");
    copy_into(
        &input,
        &[
            ("pdf/an-2021.lo.pdf", "pdf/an-2021.pdf"),
            ("text/an-internbudget-2021.txt", "text/an-2021.txt"),
        ],
    );
    let out = d.path().join("out");
    let stderr = batch_csv(&[&input], &out, &[], &[0]);
    let (_, documents) = read_csv(&out.join("documents.csv"));
    let ids: HashSet<&str> = documents.iter().map(|r| r["budget_id"].as_str()).collect();
    assert_eq!(ids, HashSet::from(["0580-arbetsmarknadsnamnden-2021"]));
    let by: HashMap<&str, &Row> = documents
        .iter()
        .map(|r| (r["source_file"].as_str(), r))
        .collect();
    // The PDF reads with fewer warnings: it is the one exported.
    assert_eq!(by["pdf/an-2021.pdf"]["exported"], "true");
    let dup = by["text/an-2021.txt"];
    assert_eq!(dup["exported"], "false");
    assert_eq!(dup["duplicate_of"], "pdf/an-2021.pdf");
    // The check counts every amount one source read and the other did not;
    // the budget's own tables (the primary tables, their summaries and
    // superseded versions) agree to the last krona.
    let pdf = document(&out, "pdf/an-2021.pdf");
    let text = document(&out, "text/an-2021.txt");
    let cells =
        |d: &Document, budget_only: bool| -> HashSet<(String, usize, String, String, String)> {
            let mut out = HashSet::new();
            let mut seen: Vec<&str> = Vec::new();
            for t in &d.tables {
                let role = t.role.as_str();
                let nth = seen.iter().filter(|r| **r == role).count();
                seen.push(role);
                let budget = t.primary || t.summary_of.is_some() || t.superseded_by.is_some();
                if budget_only && !budget {
                    continue;
                }
                for r in &t.rows {
                    for (v, c) in r.values.iter().zip(&t.columns) {
                        if let Some(v) = v {
                            out.insert((
                                role.to_string(),
                                nth,
                                r.key.clone(),
                                c.key.clone(),
                                v.value().normalize().to_string(),
                            ));
                        }
                    }
                }
            }
            out
        };
    let differing = cells(&pdf, false)
        .symmetric_difference(&cells(&text, false))
        .count();
    assert_eq!(dup["amounts_differing"], differing.to_string());
    assert_eq!(dup["amounts_agree"], (differing == 0).to_string());
    let budget = cells(&pdf, true);
    assert!(budget.len() > 150, "{}", budget.len());
    assert_eq!(budget, cells(&text, true));
    let (_, amounts) = read_csv(&out.join("amounts.csv"));
    assert!(
        amounts
            .iter()
            .all(|r| r["source_file"] == "pdf/an-2021.pdf")
    );
    let m: Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["export"]["budgets"], 1);
    assert_eq!(m["export"]["duplicates"], 1);
    assert!(
        stderr.contains("1 budgets from 2 sources (1 duplicates,"),
        "{stderr}"
    );
    // Without --license the package states none, and says so.
    let dp: Value =
        serde_json::from_slice(&std::fs::read(out.join("datapackage.json")).unwrap()).unwrap();
    assert!(dp.get("licenses").is_none());
    assert!(stderr.contains("warning: no license stated"), "{stderr}");
    assert_eq!(dp["sources"].as_array().unwrap().len(), 2);
}

#[test]
fn license_and_publisher_reach_the_package() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in");
    copy_into(&input, &[("text/an-internbudget-2019.txt", "an-2019.txt")]);
    let out = d.path().join("out");
    let stderr = batch_csv(
        &[&input],
        &out,
        &["--license", "CC-BY-4.0", "--publisher", "Linköpings kommun"],
        &[0],
    );
    assert!(!stderr.contains("no license"), "{stderr}");
    let dp: Value =
        serde_json::from_slice(&std::fs::read(out.join("datapackage.json")).unwrap()).unwrap();
    assert_eq!(dp["licenses"][0]["name"], "CC-BY-4.0");
    assert_eq!(
        dp["licenses"][0]["path"],
        "https://creativecommons.org/licenses/by/4.0/"
    );
    let publisher = dp["contributors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["roles"][0] == "publisher")
        .unwrap();
    assert_eq!(publisher["title"], "Linköpings kommun");
    let sha = internbudget_normalizer::sha256_hex(
        &std::fs::read(fixture("text/an-internbudget-2019.txt")).unwrap(),
    );
    assert_eq!(dp["sources"][0]["path"], "an-2019.txt");
    assert_eq!(dp["sources"][0]["hash"], format!("sha256:{sha}"));
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
