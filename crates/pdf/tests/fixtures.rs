//! Real files: the LibreOffice budget fixtures and a few PDFs from other
//! producers (copied from pdfplumber's test suite into
//! `fixtures/pdf-layer/`), each exercising one property of the reader.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{RawPdf, words};
use internbudget_layout::{Document, Line};
use internbudget_pdf::{Limits, PdfError, is_pdf, read_pdf};

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(name: &str) -> Result<Document, PdfError> {
    read_pdf(&fixture(name), &Limits::default())
}

fn texts(line: &Line) -> Vec<&str> {
    line.words.iter().map(|w| w.text.as_str()).collect()
}

#[test]
fn budget_table_rows_keep_their_numbers_in_place() {
    let doc = read("pdf/an-2021.lo.pdf").unwrap();
    assert_eq!(doc.pages.len(), 22);
    let page = &doc.pages[12];
    assert_eq!(page.number, 13);
    assert!((page.width - 595.3).abs() < 1.0 && (page.height - 841.9).abs() < 1.0);
    let row = page
        .lines
        .iter()
        .find(|l| l.text().starts_with("Kostnadsdämpande åtgärder"))
        .unwrap();
    assert_eq!(
        texts(row),
        [
            "Kostnadsdämpande",
            "åtgärder",
            "-2",
            "141",
            "-2",
            "141",
            "-2",
            "141",
            "-2",
            "141"
        ]
    );
    // "-2" and "141" are one number: close together, far from the next one.
    let (a, b, c) = (&row.words[2], &row.words[3], &row.words[4]);
    assert!(b.bbox.x0 - a.bbox.x1 < 1.5 * b.space);
    assert!(c.bbox.x0 - b.bbox.x1 > 5.0 * b.space);
    // The header row lines up with the numbers: the right edges of the
    // year columns and of the amounts agree within a few points.
    let header = page
        .lines
        .iter()
        .find(|l| l.text().starts_with("Belopp tkr"))
        .unwrap();
    let years: Vec<f32> = header.words.iter().skip(2).map(|w| w.bbox.x1).collect();
    let total = page
        .lines
        .iter()
        .find(|l| l.text().starts_with("Summa nettokostnader 408"))
        .unwrap();
    // Right edges of the amounts "408 111", "411 764", …: a group of up to
    // three digits followed closely by a group of three.
    let mut amounts: Vec<f32> = Vec::new();
    let mut i = 2;
    while let (Some(a), Some(b)) = (total.words.get(i), total.words.get(i + 1)) {
        if b.text.len() == 3 && b.bbox.x0 - a.bbox.x1 < 2.0 * a.space {
            amounts.push(b.bbox.x1);
            i += 2;
        } else {
            i += 1;
        }
    }
    assert_eq!(years.len(), 6);
    assert_eq!(amounts.len(), 6);
    for (y, a) in years.iter().zip(&amounts) {
        assert!((y - a).abs() < 3.0, "{years:?} {amounts:?}");
    }
    // Table borders are captured as rulings somewhere in the document.
    assert!(doc.pages.iter().any(|p| !p.rulings.is_empty()));
}

#[test]
fn metadata_and_swedish_text() {
    let doc = read("pdf/an-2021.lo.pdf").unwrap();
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Internbudget 2021 med plan för 2022-2024")
    );
    assert_eq!(doc.meta.subject.as_deref(), Some("Linköpings kommun"));
    assert_eq!(doc.meta.author.as_deref(), Some("Arbetsmarknadsnämnden"));
    assert_eq!(doc.meta.producer.as_deref(), Some("LibreOffice 7.4"));
    assert_eq!(doc.kind, internbudget_layout::SourceKind::Pdf);
    assert_eq!(doc.line_count, None);
    assert_eq!(doc.encoding, None);
    let all = words(&doc);
    for w in [
        "Arbetsmarknadsnämnden",
        "försörjningsinsatser",
        "åtgärder",
        "Utökade",
    ] {
        assert!(all.iter().any(|x| x == w), "{w}");
    }
    // Every word has a sane size and a space width.
    for (_, line) in doc.lines() {
        for w in &line.words {
            assert!(w.size > 4.0 && w.size < 40.0, "{w:?}");
            assert!(w.space > 0.5 && w.space < w.size, "{w:?}");
            assert!(!w.text.contains(char::is_whitespace));
        }
    }
}

#[test]
fn the_2019_budget_reads_too() {
    let doc = read("pdf/an-2019.lo.pdf").unwrap();
    assert_eq!(doc.pages.len(), 18);
    assert!(words(&doc).len() > 2000);
}

#[test]
fn an_empty_user_password_opens() {
    let doc = read("pdf-layer/pr-138-example.pdf").unwrap();
    assert_eq!(doc.pages.len(), 2);
    let all = words(&doc);
    assert!(
        all.iter().any(|w| w == "Interest"),
        "{:?}",
        &all[..20.min(all.len())]
    );
}

#[test]
fn a_user_password_is_needed() {
    assert_eq!(
        read("pdf-layer/password-example.pdf").unwrap_err(),
        PdfError::Encrypted
    );
}

#[test]
fn an_empty_file() {
    assert_eq!(read("pdf-layer/empty.pdf").unwrap_err(), PdfError::Empty);
}

#[test]
fn a_malformed_file_gives_what_it_has() {
    // A PyPDF2 file with a broken structure: lopdf rebuilds it and the one
    // line of text pdftotext finds is there.
    let doc = read("pdf-layer/malformed-from-issue-932.pdf").unwrap();
    assert_eq!(words(&doc), ["2021", "3", "31"]);
}

#[test]
fn fake_bold_duplicates_are_dropped() {
    let doc = read("pdf-layer/issue-71-duplicate-chars.pdf").unwrap();
    let all = words(&doc).concat();
    assert!(all.contains("项目描述"), "{all}");
    assert!(!all.contains("项项"));
}

#[test]
fn a_page_whose_text_runs_sideways_is_turned_upright() {
    // /Rotate 90 and text drawn so that it reads bottom to top on screen.
    let doc = read("pdf-layer/nics-background-checks-2015-11-rotated.pdf").unwrap();
    let page = &doc.pages[0];
    assert!(page.width > page.height);
    let title = page
        .lines
        .iter()
        .find(|l| l.text().contains("Background"))
        .unwrap();
    assert_eq!(title.text(), "NICS Firearm Background Checks");
    let alabama = page
        .lines
        .iter()
        .find(|l| l.text().starts_with("Alabama"))
        .unwrap();
    assert_eq!(
        &texts(alabama)[..4],
        ["Alabama", "18,870", "23,022", "22,650"]
    );
}

#[test]
fn annotation_appearances_are_read() {
    let doc = read("pdf-layer/annotations.pdf").unwrap();
    let all = words(&doc);
    assert_eq!(all.iter().filter(|w| *w == "PDF").count(), 2, "{all:?}");
}

#[test]
fn cid_fonts_without_to_unicode_use_the_embedded_cmap() {
    let bytes = fixture("pdf-layer/issue-463-example.pdf");
    let with = words(&read_pdf(&bytes, &Limits::default()).unwrap());
    // Remove every /ToUnicode of the Type 0 fonts.
    let mut doc = lopdf::Document::load_mem(&bytes).unwrap();
    let mut stripped = 0;
    for o in doc.objects.values_mut() {
        if let lopdf::Object::Dictionary(d) = o
            && d.get(b"Subtype").ok().and_then(|s| s.as_name().ok()) == Some(b"Type0".as_slice())
            && d.remove(b"ToUnicode").is_some()
        {
            stripped += 1;
        }
    }
    assert!(stripped > 0);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    let without = words(&read_pdf(&out, &Limits::default()).unwrap());
    assert!(with.len() > 200);
    assert_eq!(with, without);
}

#[test]
fn a_scan_without_text_is_ok_and_empty() {
    let mut pdf = RawPdf::new();
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let image = pdf.add_stream(
        "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8",
        &[0, 255, 255, 0],
    );
    let content = pdf.add_stream("", b"q 612 0 0 792 0 0 cm /Im0 Do Q");
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R /Resources << /XObject << /Im0 {image} 0 R >> >> >>"
    ));
    pdf.set(
        pages,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    let doc = read_pdf(&pdf.finish(catalog), &Limits::default()).unwrap();
    assert_eq!(doc.pages.len(), 1);
    assert!(doc.has_no_text());
}

#[test]
fn is_pdf_looks_for_the_header_in_the_first_kilobyte() {
    assert!(is_pdf(b"%PDF-1.7\n"));
    let mut junk = vec![b'x'; 1000];
    junk.extend_from_slice(b"%PDF-1.4");
    assert!(is_pdf(&junk));
    let mut far = vec![b'x'; 1024];
    far.extend_from_slice(b"%PDF-1.4");
    assert!(!is_pdf(&far));
    assert!(!is_pdf(b""));
    assert!(!is_pdf(b"%PDF"));
}
