//! Text exports: encodings, line endings and page breaks, through the
//! library (`tests/encodings.rs` runs Windows-1252, UTF-8 with a BOM and
//! UTF-16LE through the binary; this file covers the rest): UTF-16BE, UTF-16
//! without a BOM, every encoding's name, CRLF / LF / CR and mixed line
//! endings, form feeds as page breaks, and encodings that are broken.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use internbudget_layout::text::{TextError, decode};
use internbudget_normalizer::{Document, extract};

fn fixture(rel: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel);
    std::fs::read_to_string(path).unwrap()
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if big_endian { b"\xFE\xFF" } else { b"\xFF\xFE" });
    }
    for u in text.encode_utf16() {
        out.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

/// Windows-1252 without a dependency: Latin-1 plus the characters of
/// 0x80–0x9F that Swedish documents use. The sample must be mappable.
fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '–' => 0x96,
            '—' => 0x97,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '€' => 0x80,
            c if (c as u32) < 256 => c as u8,
            c => panic!("{c:?} is not in Windows-1252"),
        })
        .collect()
}

/// The parts of a document that must not depend on how its bytes were
/// encoded: tables and indicators (with provenance) and the line count.
fn content(d: &Document) -> serde_json::Value {
    serde_json::json!({
        "document": d.document,
        "tables": d.tables,
        "indicators": d.indicators,
        "checks": d.checks,
        "lines": d.source.lines,
        "pages": d.source.pages,
    })
}

const SAMPLE: &str =
    "Nämndmål och nämndindikatorer – “citat” • 2 141 €\r\nÅr 2021\tMålvärde ≥ 34 %\n";

#[test]
fn every_encoding_is_detected_and_named() {
    let text = SAMPLE;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("UTF-8", text.as_bytes().to_vec(), "UTF-8"),
        (
            "UTF-8 with BOM",
            [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            "UTF-8",
        ),
        ("UTF-16LE with BOM", utf16(text, false, true), "UTF-16LE"),
        ("UTF-16BE with BOM", utf16(text, true, true), "UTF-16BE"),
        (
            "UTF-16LE without BOM",
            utf16(text, false, false),
            "UTF-16LE",
        ),
        ("UTF-16BE without BOM", utf16(text, true, false), "UTF-16BE"),
    ];
    for (what, bytes, name) in cases {
        let d = decode(&bytes).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(d.encoding, name, "{what}");
        assert_eq!(d.text, text, "{what}");
    }
    let latin = text.replace(['≥'], ">=");
    let d = decode(&windows_1252(&latin)).unwrap();
    assert_eq!(d.encoding, "windows-1252");
    assert_eq!(d.text, latin);
}

#[test]
fn utf16_big_endian_and_without_bom_give_the_same_document() {
    let text = fixture("text/an-internbudget-2019.txt");
    let want = content(&extract("a.txt", text.as_bytes()).unwrap());
    for (what, bytes) in [
        ("UTF-16BE", utf16(&text, true, true)),
        ("UTF-16LE without BOM", utf16(&text, false, false)),
    ] {
        let got = extract("a.txt", &bytes).unwrap();
        assert!(
            got.source
                .encoding
                .as_deref()
                .unwrap()
                .starts_with("UTF-16")
        );
        assert_eq!(content(&got), want, "{what}");
    }
}

#[test]
fn line_endings_do_not_matter() {
    for name in [
        "text/an-internbudget-2019.txt",
        "text/an-internbudget-2021.txt",
    ] {
        // Trailing empty lines removed: see the ignored test below.
        let text = format!("{}\n", fixture(name).replace("\r\n", "\n").trim_end());
        let want = content(&extract("a.txt", text.as_bytes()).unwrap());
        let crlf = text.replace('\n', "\r\n");
        let cr = text.replace('\n', "\r");
        // Mixed: each line ends in one of the three in turn, except that a
        // CR before an empty line ending in LF would make one CRLF.
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let mut mixed = String::new();
        for (i, line) in lines.iter().enumerate() {
            mixed.push_str(line.strip_suffix('\n').unwrap_or(line));
            let next_empty = lines.get(i + 1).is_some_and(|l| *l == "\n");
            mixed.push_str(match i % 3 {
                0 => "\r\n",
                1 => "\n",
                _ if next_empty => "\r\n",
                _ => "\r",
            });
        }
        for (what, t) in [("CRLF", crlf), ("CR", cr), ("mixed", mixed)] {
            let got = extract("a.txt", t.as_bytes()).unwrap();
            assert_eq!(content(&got), want, "{name}: {what}");
        }
    }
}

/// Whatever the line endings, trailing empty lines count the same: the last
/// terminator ends a line, every earlier one separates two.
#[test]
fn cr_only_text_keeps_its_trailing_empty_lines() {
    let lines = |t: &str| {
        let (_, doc) = internbudget_parser::source::read(t.as_bytes()).unwrap();
        doc.line_count
    };
    assert_eq!(lines("Budget 2021\n\n"), Some(2));
    assert_eq!(lines("Budget 2021\r\n\r\n"), Some(2));
    assert_eq!(lines("Budget 2021\r\r"), Some(2));
    assert_eq!(lines("Budget 2021\r\n\r"), Some(2));
    assert_eq!(lines("Budget 2021\n"), Some(1));
    assert_eq!(lines("Budget 2021"), Some(1));
    assert_eq!(lines("a\r\rb\n\r\nc"), Some(5));
}

#[test]
fn a_form_feed_starts_a_page() {
    let text = fixture("text/an-internbudget-2019.txt");
    let one = extract("a.txt", text.as_bytes()).unwrap();
    assert_eq!(one.source.pages, 1);
    // A page break before the driftsammandrag, at the start of its line and
    // (a second one) in the middle of a line of running text.
    let broken = text
        .replacen("\nDriftsammandrag\n", "\n\u{c}Driftsammandrag\n", 1)
        .replacen("\nKommentar\n", "\nKomm\u{c}entar\n", 1);
    assert_ne!(broken, text);
    let two = extract("a.txt", broken.as_bytes()).unwrap();
    assert_eq!(two.source.pages, 3);
    assert_eq!(
        two.source.lines, one.source.lines,
        "a form feed is not a line"
    );
    let t1 = &one.tables[0];
    let t2 = &two.tables[0];
    assert_eq!(t1.title, t2.title);
    assert_eq!(
        t1.rows.iter().map(|r| &r.values).collect::<Vec<_>>(),
        t2.rows.iter().map(|r| &r.values).collect::<Vec<_>>()
    );
    assert_eq!(t1.rows[0].provenance.page, 1);
    assert_eq!(t2.rows[0].provenance.page, 2);
    assert_eq!(t2.rows[0].provenance.line, t1.rows[0].provenance.line);
    // The text the parser sees shows the page breaks.
    let (_, layout) = internbudget_parser::source::read(broken.as_bytes()).unwrap();
    assert_eq!(layout.pages.len(), 3);
    assert_eq!(
        internbudget_layout::render_text(&layout)
            .matches('\u{c}')
            .count(),
        2
    );
}

#[test]
fn windows_1252_dashes_are_minus_signs() {
    let text = "Tekniska nämnden, Internbudget 2023\n\nDriftsammandrag\n\nBelopp tkr\tBudget 2023\tPlan 2024\tPlan 2025\nGata och park\t\u{2013}1 777\t\u{2013} 2 141\t250\nKollektivtrafik\t1 777\t2 141\t-250\nSumma\t0\t0\t0\n";
    let doc = extract("a.txt", &windows_1252(text)).unwrap();
    assert_eq!(doc.source.encoding.as_deref(), Some("windows-1252"));
    let row = &doc.tables[0].rows[0];
    assert_eq!(row.label, "Gata och park");
    let values: Vec<String> = row.values.iter().flatten().map(|a| a.to_string()).collect();
    assert_eq!(values, ["-1777", "-2141", "250"]);
}

#[test]
fn broken_encodings_are_errors_not_guesses() {
    let binary = |bytes: &[u8]| matches!(decode(bytes), Err(TextError::Binary(_)));
    // Invalid UTF-8 after a UTF-8 BOM.
    assert!(binary(b"\xEF\xBB\xBFDriftsammandrag \xC3\x28"));
    // An unpaired surrogate, and an odd byte, after a UTF-16 BOM.
    let mut lone = utf16("Budget 2021", false, true);
    lone.extend_from_slice(&0xD800u16.to_le_bytes());
    lone.extend_from_slice(&u16::from(b'x').to_le_bytes());
    assert!(binary(&lone));
    let mut odd = utf16("Budget 2021", true, true);
    odd.push(b'x');
    assert!(binary(&odd));
    // NUL bytes and control characters are not text.
    assert!(binary(b"Budget\x002021 Plan 2022"));
    assert!(binary(
        &[0x01u8, 0x02, 0x03, 0x04, b'a', 0x05, 0x06].repeat(20)
    ));
    // Empty, whitespace, a BOM alone.
    assert_eq!(decode(b""), Err(TextError::Empty));
    assert_eq!(decode(b" \r\n\t\x0c"), Err(TextError::Empty));
    assert_eq!(decode(b"\xEF\xBB\xBF"), Err(TextError::Empty));
    assert_eq!(decode(b"\xFF\xFE"), Err(TextError::Empty));
}
