//! Golden tests of the DOCX path: the two fixture budgets rebuilt as Word
//! documents (`tools/markup/build.py`) score against the PDF's expected
//! facts and give the PDF's tables and indicators, provenance aside; every
//! value names the table cell and paragraph that print it; a document made
//! here exercises merged cells, line breaks in cells and formatted rows.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
mod markup;

use common::{fixture, run};
use std::io::Write;

#[test]
fn docx_2019() {
    let out = common::assert_scores("docx/an-2019.docx", "truth/an-2019.truth.json", 1.0, 1.0);
    assert_eq!(out["source"]["format"], "docx");
    assert_eq!(out["source"]["pages"], 1);
}

#[test]
fn docx_2021() {
    let out = common::assert_scores("docx/an-2021.docx", "truth/an-2021.truth.json", 1.0, 1.0);
    assert_eq!(out["source"]["format"], "docx");
}

#[test]
fn docx_and_pdf_of_one_budget_agree() {
    for y in [2019, 2021] {
        markup::assert_same_budget(&format!("pdf/an-{y}.lo.pdf"), &format!("docx/an-{y}.docx"));
    }
}

#[test]
fn every_docx_value_names_its_cell_and_paragraph() {
    for y in [2019, 2021] {
        let n = markup::assert_traceable(&format!("docx/an-{y}.docx"), true);
        assert!(n > 150, "{y}: only {n} values traced");
    }
}

#[test]
fn text_command_prints_the_docx_as_the_parser_sees_it() {
    let out = run(&["text", fixture("docx/an-2021.docx").to_str().unwrap()]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{c}'), "one page");
    assert!(
        text.lines()
            .any(|l| l == "Ekonomiskt bistånd\t269 239\t254 239\t246 739\t246 739")
    );
}

/// A package holding `body` as the document body, written by the zip crate.
fn docx(body: &str) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    w.start_file("[Content_Types].xml", opts).unwrap();
    w.write_all(b"<Types/>").unwrap();
    w.start_file("word/document.xml", opts).unwrap();
    w.write_all(xml.as_bytes()).unwrap();
    w.finish().unwrap().into_inner()
}

fn para(runs: &str) -> String {
    format!("<w:p>{runs}</w:p>")
}

fn run_of(text: &str, props: &str) -> String {
    format!("<w:r><w:rPr>{props}</w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

fn cell(props: &str, content: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>")
}

/// A driftsammandrag as Word writes one: the stub header merged over both
/// header rows (vMerge), a "Specifikation av förändringar" row spanning
/// the table (gridSpan), a label broken over two lines (w:br), a label in
/// two paragraphs, bold totals and italic "varav" rows split into runs,
/// deleted and hidden text.
#[test]
fn merged_cells_breaks_and_formatting_in_a_made_document() {
    let num = |v: &str| cell("", &para(&run_of(v, "")));
    let label = |l: &str, props: &str| cell("", &para(&run_of(l, props)));
    let row = |cells: Vec<String>| format!("<w:tr>{}</w:tr>", cells.concat());
    let head1 = row(vec![
        cell(
            "<w:vMerge w:val=\"restart\"/>",
            &para(&run_of("Belopp tkr", "<w:b/>")),
        ),
        label("Budget", "<w:b/>"),
        label("Plan", "<w:b/>"),
        label("Plan", "<w:b/>"),
    ]);
    let head2 = row(vec![
        cell("<w:vMerge/>", "<w:p/>"),
        num("2025"),
        num("2026"),
        num("2027"),
    ]);
    let broken = cell(
        "",
        &para(&format!(
            "{}<w:r><w:br/></w:r>{}",
            run_of("Arbetsmarknads- och", ""),
            run_of("integrationsinsatser", "")
        )),
    );
    let two_paragraphs = cell(
        "",
        &[
            para(&run_of("Arbetsmarknad och integration", "")),
            para(&run_of("Inventarier", "<w:i/>")),
        ]
        .concat(),
    );
    let deleted = "<w:del><w:r><w:delText>99 999</w:delText></w:r></w:del>";
    let rows = [
        head1,
        head2,
        row(vec![
            label("Nämnden", ""),
            num("1 724"),
            num("1 724"),
            num("1 724"),
        ]),
        row(vec![cell(
            "<w:gridSpan w:val=\"4\"/>",
            &para(&run_of("Specifikation av förändringar", "<w:i/>")),
        )]),
        row(vec![
            label("Kostnadsdämpande åtgärder", ""),
            num("- 2 141"),
            num("- 2 141"),
            num("- 2 141"),
        ]),
        row(vec![broken, num("107 990"), num("102 990"), num("88 490")]),
        row(vec![two_paragraphs, num("250"), num("250"), num("250")]),
        row(vec![
            cell(
                "",
                &para(
                    &[
                        run_of("Summa ", "<w:b/>"),
                        run_of("nettokostnader", "<w:b/>"),
                    ]
                    .concat(),
                ),
            ),
            cell(
                "",
                &para(&format!("{deleted}{}", run_of("109 964", "<w:b/>"))),
            ),
            num("104 964"),
            num("90 464"),
        ]),
        row(vec![
            cell(
                "",
                &para(&[run_of("varav", "<w:i/>"), run_of(" intäkter", "<w:i/>")].concat()),
            ),
            num("- 36 780"),
            num("- 36 780"),
            num("−36 780"),
        ]),
        row(vec![
            label("varav kostnader", "<w:i/>"),
            num("146 744"),
            cell(
                "",
                &para(&[run_of("141 744", "<w:i/>"), run_of("dold", "<w:vanish/>")].concat()),
            ),
            num("127 244"),
        ]),
    ];
    let table = format!(
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>{}</w:tbl>",
        rows.concat()
    );
    let body = [
        para(&run_of("Internbudget 2025 med plan för 2026-2027", "")),
        para(&run_of("Driftsammandrag", "<w:b/>")),
        table,
    ]
    .concat();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("made.docx");
    std::fs::write(&path, docx(&body)).unwrap();
    let out = run(&["extract", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let t = &doc["tables"][0];
    assert_eq!(t["title"], "Driftsammandrag");
    let cols: Vec<(String, i64)> = t["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_string(),
                c["year"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        cols,
        [
            ("budget".into(), 2025),
            ("plan".into(), 2026),
            ("plan".into(), 2027)
        ]
    );
    let rows: Vec<(String, String, Vec<String>)> = t["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["label"].as_str().unwrap().to_string(),
                r["kind"].as_str().unwrap().to_string(),
                r["values"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap_or("-").to_string())
                    .collect(),
            )
        })
        .collect();
    let want = |l: &str, k: &str, v: [&str; 3]| {
        (l.to_string(), k.to_string(), v.map(str::to_string).to_vec())
    };
    assert_eq!(
        rows,
        [
            want("Nämnden", "line_item", ["1724", "1724", "1724"]),
            want(
                "Kostnadsdämpande åtgärder",
                "change",
                ["-2141", "-2141", "-2141"]
            ),
            want(
                "Arbetsmarknads- och integrationsinsatser",
                "line_item",
                ["107990", "102990", "88490"]
            ),
            want(
                "Arbetsmarknad och integration Inventarier",
                "line_item",
                ["250", "250", "250"]
            ),
            want(
                "Summa nettokostnader",
                "total",
                ["109964", "104964", "90464"]
            ),
            want(
                "varav intäkter",
                "of_which_revenue",
                ["-36780", "-36780", "-36780"]
            ),
            want(
                "varav kostnader",
                "of_which_cost",
                ["146744", "141744", "127244"]
            ),
        ]
    );
    assert!(
        doc["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["ok"] == true)
    );
    // The broken label's amounts name their cells: table 1, row 6, columns 2-4.
    let p = &t["rows"][2]["value_provenance"][2];
    assert_eq!(
        (p["table"].as_u64(), p["row"].as_u64(), p["col"].as_u64()),
        (Some(1), Some(6), Some(4))
    );
}

#[test]
fn broken_packages_fail_with_typed_errors() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, Vec<u8>, &str); 3] = [
        (
            "cut.docx",
            fixture_bytes("docx/an-2019.docx")[..4096].to_vec(),
            "ZIP container cannot be read",
        ),
        (
            "bad-xml.docx",
            docx("<w:p><w:r><w:t>a</w:r></w:p>"),
            "word/document.xml at byte",
        ),
        (
            "entity.docx",
            docx("<w:p><w:r><w:t>&lol;</w:t></w:r></w:p>"),
            "undeclared entity &lol;",
        ),
    ];
    for (name, bytes, expect) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = run(&["extract", path.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains(expect), "{name}: {err}");
    }
}

fn fixture_bytes(rel: &str) -> Vec<u8> {
    std::fs::read(fixture(rel)).unwrap()
}
