//! `internbudget diff` end to end on the 2019 and 2021 fixtures: the facts
//! the issue asks for (exact, alias, removed and added rows; 2021's
//! Ekonomiskt bistånd planned in 2019 against proposed in 2021) through the
//! binary, a self-diff without change, the CSV, Markdown and HTML outputs,
//! more than two documents, and bad input. The golden snapshots and the
//! schema tests are in `crates/diff/tests/golden.rs`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{fixture, run};
use serde_json::Value;

const TXT19: &str = "text/an-internbudget-2019.txt";
const TXT21: &str = "text/an-internbudget-2021.txt";
const PDF19: &str = "pdf/an-2019.lo.pdf";
const PDF21: &str = "pdf/an-2021.lo.pdf";

fn diff_out(args: &[&str]) -> std::process::Output {
    let mut all = vec!["diff"];
    all.extend_from_slice(args);
    run(&all)
}

fn diff_json(a: &str, b: &str) -> Value {
    let (fa, fb) = (fixture(a), fixture(b));
    let out = diff_out(&[fa.to_str().unwrap(), fb.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "diff failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

fn main_table(d: &Value) -> &Value {
    d["comparisons"][0]["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["pairing"]["rule"] == "main" && t["role"] == "operating_summary")
        .expect("the main operating summaries are paired")
}

fn rows_labelled<'a>(t: &'a Value, label: &str) -> Vec<&'a Value> {
    t["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["label"] == label)
        .collect()
}

fn row<'a>(t: &'a Value, label: &str) -> &'a Value {
    let rows = rows_labelled(t, label);
    assert_eq!(rows.len(), 1, "one row labelled {label:?}");
    rows[0]
}

fn value(r: &Value, year: i64) -> &Value {
    r["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["year"] == year)
        .unwrap_or_else(|| panic!("no {year} in {}", r["label"]))
}

/// The facts the issue asks for, on any pair of 2019 and 2021 documents.
fn assert_issue_facts(d: &Value) {
    assert_eq!(d["schema_version"], "1.1.0");
    let t = main_table(d);
    assert_eq!(t["a"]["title"], "Driftsammandrag");
    assert_eq!(t["b"]["title"], "Driftsammandrag");
    for label in [
        "Nämnden",
        "Avdelningen för försörjningsinsatser",
        "Ekonomiskt bistånd",
        "Arbetsmarknads- och integrationsinsatser",
        "Ofördelad pris- och lönejustering",
    ] {
        let r = row(t, label);
        assert_eq!(r["status"], "matched", "{label}");
        assert_eq!(r["match"]["kind"], "exact", "{label}");
        assert_eq!(r["renamed"], false, "{label}");
    }
    let uaf = row(t, "Utbildnings- och arbetsmarknadsförvaltningen");
    assert_eq!(uaf["status"], "matched");
    assert_eq!(uaf["match"]["kind"], "alias");
    assert_eq!(uaf["renamed"], true);
    assert_eq!(uaf["a"]["label"], "Utbildningsförvaltningen");
    let omv = row(
        t,
        "Omvandling ekonomiskt bistånd till arbetsmarknadsinsatser",
    );
    assert_eq!(omv["status"], "removed");
    assert!(omv["b"].is_null());
    for year in ["2022", "2023"] {
        let r = row(t, &format!("Ofördelad kostnadsdämpande åtgärd år {year}"));
        assert_eq!(r["status"], "added");
        assert!(r["a"].is_null());
    }
    // 2021's Ekonomiskt bistånd: planned in 2019, proposed in 2021.
    let eb = row(t, "Ekonomiskt bistånd");
    let y2021 = t["years"]
        .as_array()
        .unwrap()
        .iter()
        .find(|y| y["year"] == 2021)
        .unwrap();
    assert_eq!(y2021["a"]["kind"], "plan");
    assert_eq!(y2021["b"]["kind"], "budget");
    assert_eq!(y2021["b"]["proposal"], true);
    let v = value(eb, 2021);
    assert_eq!(v["a"], "211615");
    assert_eq!(v["b"], "269239");
    assert_eq!(v["change"], "57624");
    assert_eq!(v["relative_change"], "0.2723");
    assert_eq!(eb["changed"], true);
    // 2019: budget in 2019 against the outcome (Bokslut) in 2021.
    let y2019 = t["years"]
        .as_array()
        .unwrap()
        .iter()
        .find(|y| y["year"] == 2019)
        .unwrap();
    assert_eq!(y2019["a"]["kind"], "budget");
    assert_eq!(y2019["b"]["kind"], "outcome");
    assert_eq!(value(eb, 2019)["a"], "217615");
    assert_eq!(value(eb, 2019)["b"], "264196");
    // The totals are compared too.
    let total = t["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "total")
        .unwrap();
    assert_eq!(total["status"], "matched");
    assert_eq!(value(total, 2021)["a"], "372031");
    assert_eq!(value(total, 2021)["b"], "450865");
    assert_eq!(value(total, 2021)["change"], "78834");
    // Change rows stand under their line item.
    let rows = t["rows"].as_array().unwrap();
    let eb_index = rows
        .iter()
        .position(|r| r["label"] == "Ekonomiskt bistånd")
        .unwrap();
    let tf = row(t, "Tillfällig förstärkning till ekonomiskt bistånd");
    assert_eq!(tf["kind"], "change");
    assert_eq!(tf["status"], "added");
    assert_eq!(tf["parent"], eb_index);
    assert_eq!(d["comparisons"][0]["summary"]["identical"], false);
}

fn pairs_of(d: &Value) -> Vec<(String, String, String)> {
    main_table(d)["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let m = r["match"]["kind"].as_str().unwrap_or("-").to_string();
            (
                r["status"].as_str().unwrap().to_string(),
                m,
                r["label"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn text_2019_to_2021_facts() {
    let d = diff_json(TXT19, TXT21);
    assert_issue_facts(&d);
    assert!(
        d["warnings"].as_array().unwrap().is_empty(),
        "{}",
        d["warnings"]
    );
}

#[test]
fn pdf_2019_to_2021_facts() {
    let d = diff_json(PDF19, PDF21);
    assert_issue_facts(&d);
    // The PDFs' main tables align like the text exports'.
    assert_eq!(pairs_of(&d), pairs_of(&diff_json(TXT19, TXT21)));
}

#[test]
fn markdown_report() {
    let (a, b) = (fixture(TXT19), fixture(TXT21));
    let out = diff_out(&[a.to_str().unwrap(), b.to_str().unwrap(), "--format", "md"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.starts_with("# Budgetjämförelse: Arbetsmarknadsnämnden, Linköpings kommun: 2019 → 2021")
    );
    assert!(md.contains("| Ekonomiskt bistånd | exakt |"));
    assert!(md.contains("211\u{a0}615 → 269\u{a0}239 (+57\u{a0}624, +27,2\u{a0}%)"));
    assert!(md.contains(
        "Utbildningsförvaltningen → Utbildnings- och arbetsmarknadsförvaltningen | alias, nytt namn"
    ));
    assert!(
        md.contains("~~Omvandling ekonomiskt bistånd till arbetsmarknadsinsatser~~ | borttagen")
    );
    assert!(md.contains("### Största förändringar (Driftsammandrag, tkr)"));
    // The same in English.
    let out = diff_out(&[
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "md",
        "--lang",
        "en",
    ]);
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("# Budget comparison: "));
    assert!(md.contains("211\u{a0}615 → 269\u{a0}239 (+57\u{a0}624, +27.2\u{a0}%)"));
    assert!(md.contains("alias, renamed"));
}

#[test]
fn a_document_diffed_with_itself_has_no_change() {
    // Once as the source, once as its normalized JSON (read back, not re-extracted).
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("an-2021.json");
    let src = fixture(TXT21);
    let out = run(&[
        "extract",
        src.to_str().unwrap(),
        "-o",
        json.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let out = diff_out(&[src.to_str().unwrap(), json.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d: Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = &d["comparisons"][0];
    let s = &c["summary"];
    assert_eq!(s["identical"], true, "{s}");
    assert_eq!(s["values_changed"], 0);
    assert_eq!(s["rows"]["added"], 0);
    assert_eq!(s["rows"]["removed"], 0);
    assert_eq!(s["indicators"]["added"], 0);
    assert_eq!(s["indicators"]["removed"], 0);
    assert_eq!(s["indicators_changed"], 0);
    assert!(s["values_compared"].as_u64().unwrap() > 50);
    assert!(c["unpaired_tables"].as_array().unwrap().is_empty());
    for t in c["tables"].as_array().unwrap() {
        for r in t["rows"].as_array().unwrap() {
            assert_eq!(r["match"]["kind"], "exact", "{}", r["label"]);
            assert_eq!(r["changed"], false);
        }
    }
    let codes: Vec<&str> = d["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["same_source"]);
    let md = String::from_utf8(
        diff_out(&[
            src.to_str().unwrap(),
            json.to_str().unwrap(),
            "--format",
            "md",
        ])
        .stdout,
    )
    .unwrap();
    assert!(md.contains("**Ingen förändring:"));
}

#[test]
fn csv_is_a_daff_highlighter_diff() {
    let (a, b) = (fixture(TXT19), fixture(TXT21));
    let out = diff_out(&[a.to_str().unwrap(), b.to_str().unwrap(), "--format", "csv"]);
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "!,,,,,,,,,,+++,+++");
    assert_eq!(
        lines[1],
        "@@,table,kind,label,match,unit,2019,2020,2021,2022,2023,2024"
    );
    assert!(lines.contains(
        &"->,Driftsammandrag,line_item,Ekonomiskt bistånd,exact,tkr,217615->264196,214615->244076,211615->269239,208615->254239,246739,246739"
    ));
    assert!(lines.iter().any(|l| l.starts_with(
        "->,Driftsammandrag,line_item,Utbildningsförvaltningen->Utbildnings- och arbetsmarknadsförvaltningen,alias,tkr,"
    )));
    assert!(lines.contains(
        &"---,Driftsammandrag,line_item,Omvandling ekonomiskt bistånd till arbetsmarknadsinsatser,,tkr,9000,12000,15000,18000,,"
    ));
    assert!(lines.iter().any(|l| {
        l.starts_with("+++,Driftsammandrag,line_item,Ofördelad kostnadsdämpande åtgärd år 2022,")
    }));
    // Matched rows whose value is missing on one side show NULL.
    assert!(lines.iter().any(|l| l.contains("7137->NULL")));
    assert!(lines.iter().all(|l| {
        l.split(',')
            .next()
            .is_some_and(|a| ["!", "@@", "+++", "---", "->", "..."].contains(&a))
    }));
}

#[test]
fn html_is_one_self_contained_page() {
    let (a, b) = (fixture(TXT19), fixture(TXT21));
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("report.html");
    let out = diff_out(&[
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "html",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let html = std::fs::read_to_string(&out_path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    assert!(html.contains("<html lang=\"sv\">"));
    assert!(html.contains("<svg class=\"bridge\""));
    assert!(html.contains("Största förändringar"));
    assert!(html.contains("Från budget till budget"));
    assert!(html.contains("b-ren\">nytt namn · alias"));
    assert!(html.contains("badge b-add\">ny"));
    assert!(html.contains("badge b-rem\">borttagen"));
    assert!(html.contains("class=\"num up\""));
    assert!(html.contains("class=\"num down\""));
    assert!(html.contains("@page { size: A4"));
    for external in ["<script", "src=", "href=", "@import", "url(", "<link"] {
        assert!(!html.contains(external), "{external} in the HTML");
    }
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "temporary files left behind");
}

#[test]
fn three_documents_give_a_time_series() {
    let dir = tempfile::tempdir().unwrap();
    // A 2020 stand-in: the 2019 document with its budget year moved on.
    let mut mid: Value = common::extract(TXT19);
    mid["document"]["budget_year"] = Value::from(2020);
    let mid_path = dir.path().join("mid.json");
    std::fs::write(&mid_path, serde_json::to_vec(&mid).unwrap()).unwrap();
    let (a, c) = (fixture(TXT19), fixture(TXT21));
    let args = [
        a.to_str().unwrap(),
        mid_path.to_str().unwrap(),
        c.to_str().unwrap(),
    ];
    let out = diff_out(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(d["documents"].as_array().unwrap().len(), 3);
    assert_eq!(d["comparisons"].as_array().unwrap().len(), 2);
    assert_eq!(d["comparisons"][0]["summary"]["identical"], true);
    let eb = d["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["label"] == "Ekonomiskt bistånd")
        .unwrap();
    assert_eq!(eb["labels"].as_array().unwrap().len(), 3);
    assert!(
        eb["labels"]
            .as_array()
            .unwrap()
            .iter()
            .all(Value::is_string)
    );
    let y = |year: i64| {
        eb["by_year"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["year"] == year)
            .unwrap()
            .clone()
    };
    // 2019: the outcome printed in 2021 wins over the 2019 budget.
    assert_eq!(y(2019)["value"], "264196");
    assert_eq!(y(2019)["column"]["kind"], "outcome");
    assert_eq!(y(2019)["document"], "d3");
    assert_eq!(y(2021)["value"], "269239");
    let uaf = d["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["label"] == "Utbildnings- och arbetsmarknadsförvaltningen")
        .unwrap();
    assert_eq!(uaf["labels"][0], "Utbildningsförvaltningen");
    let mut md_args = args.to_vec();
    md_args.extend(["--format", "md"]);
    let md = String::from_utf8(diff_out(&md_args).stdout).unwrap();
    assert!(md.contains("## Över tid (tkr)"));
    assert!(md.contains("| 2019 U d3 |"));
    assert!(md.contains("| Ekonomiskt bistånd | 264\u{a0}196 |"));
    let mut html_args = args.to_vec();
    html_args.extend(["--format", "html"]);
    let html = String::from_utf8(diff_out(&html_args).stdout).unwrap();
    assert!(html.contains("Över tid (tkr)"));
    assert!(html.contains("<svg class=\"spark\""));
}

#[test]
fn bad_input_is_a_clear_error_or_warning() {
    let dir = tempfile::tempdir().unwrap();
    let good = fixture(TXT21);
    // Not a budget.
    let prose = dir.path().join("letter.txt");
    std::fs::write(&prose, "Hej!\n\nTack för senast. Vi ses på fredag.\n").unwrap();
    let out_path = dir.path().join("out.json");
    let out = diff_out(&[
        prose.to_str().unwrap(),
        good.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("letter.txt"), "{stderr}");
    assert!(!stderr.contains("panicked"));
    assert!(!out_path.exists());
    // JSON that is not a document.
    let other = dir.path().join("other.json");
    std::fs::write(&other, br#"{"name": "not a budget"}"#).unwrap();
    let out = diff_out(&[other.to_str().unwrap(), good.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("other.json: JSON, but not an internbudget document"),
        "{stderr}"
    );
    // One document only.
    let out = diff_out(&[good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "clap's usage error");
    // Different committees and municipalities: a warning, in the diff and on stderr.
    let mut other_doc = common::extract(TXT19);
    other_doc["document"]["committee"] = Value::from("Kultur- och fritidsnämnden");
    other_doc["document"]["municipality"]["name"] = Value::from("Norrköpings kommun");
    other_doc["document"]["municipality"]["code"] = Value::from("0581");
    let path = dir.path().join("kfn.json");
    std::fs::write(&path, serde_json::to_vec(&other_doc).unwrap()).unwrap();
    let out = diff_out(&[path.to_str().unwrap(), good.to_str().unwrap()]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: d1 is the budget of Kultur- och fritidsnämnden"),
        "{stderr}"
    );
    let d: Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = d["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"different_committee"), "{codes:?}");
    assert!(codes.contains(&"different_municipality"), "{codes:?}");
    // A bad threshold and a bad alias file.
    let out = diff_out(&[
        good.to_str().unwrap(),
        good.to_str().unwrap(),
        "--threshold",
        "2",
    ]);
    assert_eq!(out.status.code(), Some(2), "a usage error");
    let aliases = dir.path().join("aliases.csv");
    std::fs::write(&aliases, "sheet,a,b,c\n").unwrap();
    let out = diff_out(&[
        good.to_str().unwrap(),
        good.to_str().unwrap(),
        "--aliases",
        aliases.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("aliases.csv: alias table line 1"),
        "{stderr}"
    );
}

fn committee(year: i32) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/diff/tests/data")
        .join(format!("sn-{year}.txt"))
}

#[test]
fn report_flags_shape_the_reports() {
    let (a, b) = (committee(2020), committee(2021));
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let md = |extra: &[&str]| {
        let mut args = vec![a, b, "-f", "md"];
        args.extend_from_slice(extra);
        let out = diff_out(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let table = |md: &str| md[md.find("### Driftsammandrag (d1)").unwrap()..].to_string();
    let sorted = table(&md(&["--sort", "change"]));
    assert!(sorted.find("| Beroendevård |").unwrap() < sorted.find("| Nämnden |").unwrap());
    let labels = table(&md(&["--sort", "label"]));
    assert!(labels.find("| Avlösarservice |").unwrap() < labels.find("| Beroendevård |").unwrap());
    let big = table(&md(&["--min-change", "5000"]));
    assert!(big.contains("| Beroendevård | ny |") && !big.contains("| Nämnden |"));
    let pct = table(&md(&["--min-change", "50%"]));
    assert!(pct.contains("| Beroendevård | ny |") && !pct.contains("| Ekonomiskt bistånd |"));
    let changed = table(&md(&["--changed-only"]));
    assert!(!changed.contains("| Kontaktperson |") && changed.contains("| Nämnden |"));
    let inv = md(&["--table", "investments"]);
    assert!(!inv.contains("### Driftsammandrag"));
    // Bad values are usage errors.
    for bad in [
        &["--min-change", "mycket"][..],
        &["--table", "kassa"],
        &["--sort", "size"],
    ] {
        let mut args = vec![a, b];
        args.extend_from_slice(bad);
        assert_eq!(diff_out(&args).status.code(), Some(2), "{bad:?}");
    }
    let out = diff_out(&[a, b, "--excel", "-f", "md"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "flags that cannot work together: a usage error"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("--excel writes CSV"));
}

#[test]
fn excel_csv_and_daff_csv() {
    let (a, b) = (committee(2020), committee(2021));
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let out = diff_out(&[a, b, "--excel"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(out.stdout[3..].to_vec()).unwrap();
    let first = text.lines().next().unwrap();
    assert_eq!(first.split(';').count(), 15);
    assert!(text.contains(";Ekonomiskt bistånd;;exakt;netto;2021;Plan 2021;Budget 2021;"));
    assert!(text.contains(";259,52;tkr\r\n"));
    // The daff CSV is still there, with English words and dots.
    let out = diff_out(&[a, b, "-f", "csv"]);
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(
        csv.lines()
            .any(|l| l.starts_with("@@,table,kind,label,match,unit,"))
    );
    assert!(csv.contains("-14870->-53460"));
}

#[cfg(unix)]
#[test]
fn output_files_get_the_umask_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("report.html");
    let (a, b) = (committee(2020), committee(2021));
    let out = diff_out(&[
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "-f",
        "html",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    // What a plain file gets under the test's umask.
    let probe = dir.path().join("probe");
    std::fs::write(&probe, "").unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&out_path), mode(&probe));
}
