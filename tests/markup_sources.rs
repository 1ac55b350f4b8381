//! Word documents and web pages are sources like any other: `batch` picks
//! up `.docx`, `.html` and `.htm` files (and `--ext` selects them), the
//! tidy CSV names their format and holds the same amounts as the PDF of the
//! same budget, and `diff` compares a DOCX with an HTML page as it compares
//! the PDFs they were made from.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
mod markup;

use common::{fixture, run};
use serde_json::Value;
use std::path::Path;

fn input_dir(d: &Path) -> std::path::PathBuf {
    let input = d.join("in");
    for (from, to) in [
        ("pdf/an-2019.lo.pdf", "a/an-2019.pdf"),
        ("docx/an-2019.docx", "b/an-2019.docx"),
        ("html/an-2021.html", "c/an-2021.html"),
        ("html/r1-driftbudget-per-namnd.html", "c/driftbudget.htm"),
    ] {
        let p = input.join(to);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::copy(fixture(from), p).unwrap();
    }
    input
}

/// The rows of a CSV file without quoted fields (as these are).
/// The cells of one CSV line (quoted cells may hold commas; the export
/// writes no line breaks inside cells).
fn csv_cells(line: &str) -> Vec<String> {
    let mut cells: Vec<String> = Vec::new();
    let mut quoted = false;
    let mut cur = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => cells.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    cells.push(cur);
    cells
}

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(csv_cells)
        .collect()
}

fn column(rows: &[Vec<String>], name: &str) -> Vec<String> {
    let at = rows[0].iter().position(|h| h == name).unwrap();
    rows[1..].iter().map(|r| r[at].clone()).collect()
}

#[test]
fn batch_converts_docx_and_html_into_the_open_data_export() {
    let d = tempfile::tempdir().unwrap();
    let input = input_dir(d.path());
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
    for f in [
        "a/an-2019.pdf",
        "b/an-2019.docx",
        "c/an-2021.html",
        "c/driftbudget.htm",
    ] {
        assert!(out.join(format!("{f}.json")).is_file(), "{f}");
    }
    let docs = csv_rows(&out.join("documents.csv"));
    let formats: Vec<(String, String)> = column(&docs, "source_file")
        .into_iter()
        .zip(column(&docs, "source_format"))
        .collect();
    assert_eq!(
        formats,
        [
            ("a/an-2019.pdf".to_string(), "pdf".to_string()),
            ("b/an-2019.docx".to_string(), "docx".to_string()),
            ("c/an-2021.html".to_string(), "html".to_string()),
            ("c/driftbudget.htm".to_string(), "html".to_string()),
        ]
    );
    // The DOCX and the PDF of the 2019 budget are one budget: exported once,
    // from the DOCX (its grid is exact), the PDF listed as its duplicate
    // with amounts that agree.
    let dup = column(&docs, "duplicate_of");
    let agree = column(&docs, "amounts_agree");
    let ids = column(&docs, "budget_id");
    assert_eq!(ids[0], ids[1], "{ids:?}");
    assert!(dup[0].contains("an-2019.docx"), "{dup:?}");
    assert_eq!(dup[1], "", "{dup:?}");
    assert_eq!(agree[0], "true", "{agree:?}");
    let amounts = csv_rows(&out.join("amounts.csv"));
    let files = column(&amounts, "source_file");
    assert!(files.iter().filter(|f| *f == "b/an-2019.docx").count() > 100);
    assert!(!files.iter().any(|f| f == "a/an-2019.pdf"));
    // --ext picks the markup files of a walk.
    let out2 = d.path().join("out2");
    let r = run(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out2.to_str().unwrap(),
        "--ext",
        "docx",
        "--ext",
        "htm",
        "-q",
    ]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let m: Value =
        serde_json::from_slice(&std::fs::read(out2.join("manifest.json")).unwrap()).unwrap();
    let paths: Vec<&str> = m["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["b/an-2019.docx", "c/driftbudget.htm"]);
}

#[test]
fn a_damaged_docx_in_a_batch_fails_as_damaged() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let bytes = std::fs::read(fixture("docx/an-2021.docx")).unwrap();
    std::fs::write(input.join("cut.docx"), &bytes[..bytes.len() / 2]).unwrap();
    std::fs::copy(fixture("html/an-2021.html"), input.join("ok.html")).unwrap();
    let out = d.path().join("out");
    let r = run(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(r.status.code(), Some(1));
    let m: Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let e = &m["inputs"][0];
    assert_eq!(e["path"], "cut.docx");
    assert_eq!(e["error"]["kind"], "damaged");
    assert_eq!(m["inputs"][1]["status"], "ok");
}

fn diff_json(a: &str, b: &str) -> Value {
    let out = run(&[
        "diff",
        fixture(a).to_str().unwrap(),
        fixture(b).to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn diff_of_docx_and_html_is_the_diff_of_their_pdfs() {
    let from_pdfs = diff_json("pdf/an-2019.lo.pdf", "pdf/an-2021.lo.pdf");
    let from_markup = diff_json("docx/an-2019.docx", "html/an-2021.html");
    let strip = |v: &Value| {
        let mut v = markup::without_provenance(v);
        // The documents' files differ, by design.
        if let Some(docs) = v.get_mut("documents").and_then(Value::as_array_mut) {
            for d in docs {
                if let Some(o) = d.as_object_mut() {
                    for k in ["file", "sha256", "format"] {
                        o.remove(k);
                    }
                }
            }
        }
        v
    };
    let (a, b) = (strip(&from_pdfs), strip(&from_markup));
    let (xs, ys) = (
        serde_json::to_string_pretty(&a).unwrap(),
        serde_json::to_string_pretty(&b).unwrap(),
    );
    let first = xs
        .lines()
        .zip(ys.lines())
        .enumerate()
        .find(|(_, (l, r))| l != r);
    assert!(first.is_none(), "first difference: {first:?}");
    assert_eq!(xs.lines().count(), ys.lines().count());
}
