//! The time limit of one document (`Limits::max_time_per_document`) covers
//! every stage: reading the PDF or text, parsing the tables, normalizing.
//! Each stage checks the document's deadline and fails with its own typed
//! timeout error; nothing it read before is returned.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::fixture;
use internbudget_layout::Deadline;
use internbudget_normalizer::{ExtractError, Limits, extract_with, normalize_until};
use internbudget_parser::source::{PdfError, ReadError, SourceLimits, read_until};
use internbudget_parser::{ParseError, parse_document_until};
use std::time::Duration;

fn no_time() -> Limits {
    Limits {
        max_time_per_document: Duration::ZERO,
        ..Limits::default()
    }
}

fn passed() -> Deadline {
    let d = Deadline::after(Duration::ZERO);
    std::thread::sleep(Duration::from_millis(1));
    d
}

#[test]
fn a_pdf_out_of_time_fails_in_the_reader_with_the_page() {
    let bytes = std::fs::read(fixture("pdf/an-2021.lo.pdf")).unwrap();
    let err = extract_with("an-2021.pdf", &bytes, &no_time()).unwrap_err();
    assert!(
        matches!(
            err,
            ExtractError::Parse(ParseError::Read(ReadError::Pdf(PdfError::Timeout {
                limit: Duration::ZERO,
                ..
            })))
        ),
        "{err:?}"
    );
}

#[test]
fn a_text_export_out_of_time_fails_in_the_parser() {
    let bytes = std::fs::read(fixture("text/an-internbudget-2021.txt")).unwrap();
    let err = extract_with("an-2021.txt", &bytes, &no_time()).unwrap_err();
    assert!(
        matches!(
            err,
            ExtractError::Parse(ParseError::Timeout {
                limit: Duration::ZERO
            })
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "reading the tables took longer than the limit of 0ns"
    );
}

#[test]
fn every_stage_checks_the_deadline_it_is_given() {
    let bytes = std::fs::read(fixture("pdf/an-2019.lo.pdf")).unwrap();
    let (_, layout) = read_until(&bytes, &SourceLimits::default(), Deadline::never()).unwrap();
    let err = parse_document_until(&layout, &passed()).unwrap_err();
    assert!(matches!(err, ParseError::Timeout { .. }), "{err:?}");

    let parsed = parse_document_until(&layout, &Deadline::never()).unwrap();
    let source = internbudget_normalizer::extract("an-2019.pdf", &bytes)
        .unwrap()
        .source;
    let err = normalize_until(&parsed, source.clone(), &passed()).unwrap_err();
    assert!(matches!(err, ExtractError::Timeout { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("normalizing the tables took longer than the limit"),
        "{err}"
    );
    // With time left, the same stages give the document.
    let doc = normalize_until(&parsed, source, &Deadline::after(Duration::from_secs(60))).unwrap();
    assert!(!doc.tables.is_empty());
}

#[test]
fn the_default_limit_leaves_real_documents_alone() {
    for f in ["pdf/an-2021.lo.pdf", "text/an-internbudget-2021.txt"] {
        let bytes = std::fs::read(fixture(f)).unwrap();
        let doc = extract_with(f, &bytes, &Limits::default()).unwrap();
        assert!(!doc.tables.is_empty(), "{f}");
    }
}
