//! The open-data export over a whole run, with injected documents: rows
//! that would break the package's constraints are left out and reported,
//! never written; one source per budget is exported and the others are
//! listed as duplicates with whether their amounts agree; documents that do
//! not tell their budget are never merged unless they are the same file.
//!
//! Set `INTERNBUDGET_HOSTILE_PACKAGE=DIR` to keep the package of
//! `hostile_rows_are_left_out_and_reported` in DIR:
//! `scripts/frictionless-check.sh` validates it with the Frictionless
//! validator.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use internbudget_batch::{Config, Format, Manifest, Output, run_with};
use internbudget_normalizer::{Amount, Document, ExtractError};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The 2021 fixture, extracted once.
fn template() -> &'static Document {
    static DOC: OnceLock<Document> = OnceLock::new();
    DOC.get_or_init(|| {
        let p = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/text/an-internbudget-2021.txt");
        let bytes = std::fs::read(p).unwrap();
        internbudget_normalizer::extract("an-internbudget-2021.txt", &bytes).unwrap()
    })
}

/// A document made from the template by what the file says.
fn fake(name: &str, bytes: &[u8]) -> Result<Document, ExtractError> {
    let text = String::from_utf8_lossy(bytes);
    let mut doc = template().clone();
    doc.source.sha256 = internbudget_normalizer::sha256_hex(bytes);
    doc.source.file = name.to_string();
    for word in text.split_whitespace() {
        match word {
            // Rows no valid package can hold.
            "hostile" => make_hostile(&mut doc),
            // One amount read differently, and a warning more.
            "misread" => {
                main_table(&mut doc).rows[0].values[0] = Some("1".parse().unwrap());
                doc.warnings.push(doc.warnings[0].clone());
            }
            // A budget the document does not tell.
            "anonymous" => {
                doc.document.municipality = Default::default();
                doc.document.budget_id = None;
            }
            "bad-code" => doc.document.municipality.code = Some("580".into()),
            _ => {}
        }
    }
    Ok(doc)
}

/// The document's primary operating summary (the driftsammandrag).
fn main_table(doc: &mut Document) -> &mut internbudget_normalizer::Table {
    doc.tables
        .iter_mut()
        .find(|t| t.primary && t.role == internbudget_normalizer::TableRole::OperatingSummary)
        .unwrap()
}

/// Empty indicator text, an empty and a repeated row key, a control
/// character, an amount whose kronor value overflows, a label too long
/// for the validator's CSV reader.
fn make_hostile(doc: &mut Document) {
    doc.indicators[0].indicator = String::new();
    doc.indicators[1].indicator = "   ".into();
    let t = main_table(doc);
    t.rows[0].key = String::new();
    t.rows[2].key = t.rows[1].key.clone();
    t.rows[3].label = "Nul\u{0}byte \"quoted\", with comma\nand newline".into();
    t.rows[4].values[0] = Some("79228162514264337593543950335".parse::<Amount>().unwrap());
    t.rows[5].label = "x".repeat(200_000);
}

fn write(dir: &Path, rel: &str, content: &str) -> PathBuf {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, content).unwrap();
    p
}

fn run(input: &Path, out: &Path) -> Manifest {
    let mut c = Config::new(vec![input.to_path_buf()], Output::Dir(out.to_path_buf()));
    c.format = Format::Csv;
    c.jobs = Some(2);
    run_with(&c, None, &mut (), &fake).unwrap().manifest
}

/// A small RFC 4180 reader (quoted fields, doubled quotes, CRLF).
fn read_csv(path: &Path) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut records: Vec<Vec<String>> = Vec::new();
    let (mut rec, mut field, mut quoted) = (Vec::new(), String::new(), false);
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
    let header = records.remove(0);
    records
        .into_iter()
        .map(|r| {
            assert_eq!(r.len(), header.len());
            header.iter().cloned().zip(r).collect()
        })
        .collect()
}

#[test]
fn hostile_rows_are_left_out_and_reported() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in");
    write(&input, "a/hostile.txt", "hostile");
    write(&input, "b/plain.txt", "anonymous");
    write(&input, "c/bad.txt", "anonymous bad-code");
    let out = match std::env::var_os("INTERNBUDGET_HOSTILE_PACKAGE") {
        Some(p) => {
            let p = PathBuf::from(p);
            let _ = std::fs::remove_dir_all(&p);
            p
        }
        None => d.path().join("out"),
    };
    let m = run(&input, &out);
    let x = m.export.expect("an export report");
    let left = |resource: &str, problem: &str| {
        x.left_out
            .iter()
            .filter(|l| l.resource == resource && l.problem == problem)
            .map(|l| l.rows)
            .sum::<usize>()
    };
    // Two indicators without text: all their values, in both views.
    assert!(left("indicators", "required_field_empty") > 0, "{x:#?}");
    assert!(
        left("indicator_values", "required_field_empty") > 0,
        "{x:#?}"
    );
    // An empty row key; a repeated one; an overflowing kronor value; a
    // label the validator's CSV reader would refuse.
    assert!(left("amounts", "required_field_empty") > 0, "{x:#?}");
    assert!(left("amounts", "duplicate_primary_key") > 0, "{x:#?}");
    assert!(left("amounts", "not_a_number") > 0, "{x:#?}");
    assert!(left("amounts", "field_too_long") > 0, "{x:#?}");
    // A municipality code without its leading zero breaks its pattern in
    // every row of the document, its document row included.
    assert_eq!(left("documents", "value_breaks_pattern"), 1, "{x:#?}");
    assert!(
        x.left_out
            .iter()
            .filter(|l| l.source_file == "c/bad.txt")
            .all(|l| l.field == "municipality_code"),
        "{x:#?}"
    );
    assert_eq!(
        x.rows_left_out,
        x.left_out.iter().map(|l| l.rows).sum::<usize>()
    );
    assert!(x.warnings.iter().any(|w| w.contains("rows left out")));
    assert!(x.warnings.iter().any(|w| w.contains("no license")));

    let docs = read_csv(&out.join("documents.csv"));
    let files: Vec<&str> = docs.iter().map(|r| r["source_file"].as_str()).collect();
    assert_eq!(files, ["a/hostile.txt", "b/plain.txt"]);
    let hostile = &docs[0];
    let logged: usize = x
        .left_out
        .iter()
        .filter(|l| l.source_file == "a/hostile.txt")
        .map(|l| l.rows)
        .sum();
    assert_eq!(hostile["rows_left_out"], logged.to_string());
    let amounts = read_csv(&out.join("amounts.csv"));
    assert!(amounts.iter().all(|r| !r["row_key"].is_empty()));
    assert!(
        amounts
            .iter()
            .all(|r| r["source_file"] != "c/bad.txt" && !r["row_label"].contains('\0'))
    );
    for f in ["indicators.csv", "indicator_values.csv"] {
        assert!(
            read_csv(&out.join(f))
                .iter()
                .all(|r| r["source_file"] != "c/bad.txt")
        );
    }
    assert!(
        amounts
            .iter()
            .any(|r| r["row_label"] == "Nul byte \"quoted\", with comma and newline")
    );
    let indicators = read_csv(&out.join("indicators.csv"));
    assert!(indicators.iter().all(|r| !r["indicator"].trim().is_empty()));
}

#[test]
fn one_source_per_budget_and_duplicates_are_checked() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in");
    // Three sources of one budget: the misread one is not exported even
    // though it comes first; two anonymous documents stay two budgets,
    // but the same anonymous file twice is one.
    write(&input, "1.txt", "misread");
    write(&input, "2.txt", "fine");
    write(&input, "3.txt", "fine too");
    write(&input, "4.txt", "anonymous one");
    write(&input, "5.txt", "anonymous two");
    write(&input, "6/5.txt", "anonymous two");
    let out = d.path().join("out");
    let x = run(&input, &out).export.unwrap();
    assert_eq!(
        (x.sources, x.budgets, x.duplicates, x.duplicates_disagreeing),
        (6, 3, 3, 1)
    );
    let docs = read_csv(&out.join("documents.csv"));
    let by: HashMap<&str, &HashMap<String, String>> = docs
        .iter()
        .map(|r| (r["source_file"].as_str(), r))
        .collect();
    assert_eq!(by["2.txt"]["exported"], "true");
    assert_eq!(by["1.txt"]["exported"], "false");
    assert_eq!(by["1.txt"]["duplicate_of"], "2.txt");
    assert_eq!(by["1.txt"]["amounts_agree"], "false");
    assert_eq!(by["1.txt"]["amounts_differing"], "2");
    assert_eq!(by["3.txt"]["amounts_agree"], "true");
    assert_eq!(by["3.txt"]["budget_id"], "0580-arbetsmarknadsnamnden-2021");
    assert_ne!(by["4.txt"]["budget_id"], by["5.txt"]["budget_id"]);
    assert!(by["4.txt"]["budget_id"].starts_with("source-"));
    assert_eq!(by["6/5.txt"]["duplicate_of"], "5.txt");
    assert!(
        x.warnings
            .iter()
            .any(|w| w.contains("1.txt and 2.txt") && w.contains("2 of their amounts differ"))
    );
    // The amounts of each budget come from its exported source only.
    let amounts = read_csv(&out.join("amounts.csv"));
    let mut sources: Vec<&str> = amounts.iter().map(|r| r["source_file"].as_str()).collect();
    sources.dedup();
    assert_eq!(sources, ["2.txt", "4.txt", "5.txt"]);
}

/// The README's open-data section names every column of every file, so its
/// schema tables cannot fall behind the package's.
#[test]
fn the_readme_shows_every_column() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))
            .unwrap();
    let start = readme.find("### Open data").expect("an open-data section");
    let section = &readme[start..];
    let section = &section[..section[4..].find("\n## ").map_or(section.len(), |i| i + 4)];
    for r in internbudget_batch::tidy::RESOURCES {
        let line = section
            .lines()
            .find(|l| l.starts_with(&format!("| `{}` |", r.path)))
            .unwrap_or_else(|| panic!("no schema row for {}", r.path));
        for f in r.fields {
            assert!(
                line.contains(&format!("`{}`", f.name)),
                "{}: {} is not in the README",
                r.path,
                f.name
            );
        }
    }
}
