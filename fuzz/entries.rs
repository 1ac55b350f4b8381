//! The entry points of the fuzz targets, one per target, shared by
//! `fuzz/fuzz_targets/*.rs` and `tests/fuzz_regressions.rs` (which replays
//! every kept crash file through them with `cargo test`).
//!
//! Each takes arbitrary bytes and must return without panicking, aborting,
//! hanging or running out of memory. The `assert!`s are the properties that
//! hold for every input: documents survive a JSON round trip (no NaN
//! coordinates, no unrepresentable values), and no number is emitted that
//! was not printed in the source ("never emit a number it did not read").

use internbudget_layout::Deadline;
use internbudget_normalizer::{Amount, Document, Limits};
use internbudget_pdf::PdfError;
use std::time::Duration;

/// The limits of a fuzz run: the defaults, with the time bounded well below
/// libFuzzer's `-timeout` so that a slow input shows as a timeout of ours.
pub fn limits() -> Limits {
    let mut l = Limits {
        max_time_per_document: Duration::from_secs(5),
        ..Limits::default()
    };
    l.source.pdf.max_stream_bytes = 16 << 20;
    l
}

/// The clock of one fuzz input.
fn deadline() -> Deadline {
    Deadline::after(limits().max_time_per_document)
}

/// Target `pdf_document`: the whole-file parse, the page text, and the
/// parser and normalizer on what was read.
pub fn pdf_document(data: &[u8]) {
    match internbudget_pdf::read_pdf_until(data, &limits().source.pdf, deadline()) {
        Ok(doc) => {
            check_layout(&doc);
            let text = internbudget_layout::render_text(&doc);
            assert!(text.matches('\u{c}').count() < doc.pages.len().max(1));
            parse_and_normalize(data, &doc, "fuzz.pdf");
        }
        // A panic caught by the reader's thread: a bug all the same.
        Err(PdfError::Internal { reason }) => panic!("internal error: {reason}"),
        Err(_) => {}
    }
}

/// Target `text_export`: decoding, the text layout, the parser and the
/// normalizer, end to end, the way `internbudget extract` runs them.
pub fn text_export(data: &[u8]) {
    if let Ok(decoded) = internbudget_layout::text::decode(data) {
        assert!(
            !decoded.text.starts_with('\u{feff}'),
            "BOM left in the text"
        );
    }
    match internbudget_parser::source::read_until(data, &limits().source, deadline()) {
        Ok((_, doc)) => {
            check_layout(&doc);
            let _ = internbudget_layout::render_text(&doc);
            parse_and_normalize(data, &doc, "fuzz.txt");
        }
        Err(internbudget_parser::ReadError::Pdf(PdfError::Internal { reason })) => {
            panic!("internal error: {reason}")
        }
        Err(_) => {}
    }
}

/// Target `docx_document`: a Word document read, laid out, parsed and
/// normalized. Input that does not start like a ZIP file is the document
/// part's XML, packed into a package here (so that the fuzzer works on
/// the XML rather than on the container's checksums); input that does is
/// the whole package.
pub fn docx_document(data: &[u8]) {
    let bytes = if data.starts_with(b"PK") {
        data.to_vec()
    } else {
        docx_package(data)
    };
    let limits = internbudget_docx::Limits {
        max_part_bytes: 16 << 20,
        ..internbudget_docx::Limits::default()
    };
    let deadline = internbudget_layout::Deadline::after(limits_time());
    if let Ok(doc) = internbudget_docx::read_docx(&bytes, &limits, &deadline) {
        check_layout(&doc);
        check_cells(&doc);
        let _ = internbudget_layout::render_text(&doc);
        parse_and_normalize(&bytes, &doc, "fuzz.docx");
    }
}

/// A DOCX package holding `xml` as its document part (stored, so the
/// fuzzer's bytes are the part's bytes).
pub fn docx_package(xml: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let written = w
        .start_file("word/document.xml", opts)
        .and_then(|()| w.write_all(xml).map_err(zip::result::ZipError::Io));
    assert!(written.is_ok(), "packing the document part");
    match w.finish() {
        Ok(c) => c.into_inner(),
        Err(e) => panic!("packing the document part: {e}"),
    }
}

/// Target `html_page`: a web page read, laid out, parsed and normalized.
pub fn html_page(data: &[u8]) {
    let _ = internbudget_html::looks_like_html(data);
    let deadline = internbudget_layout::Deadline::after(limits_time());
    if let Ok(doc) =
        internbudget_html::read_html(data, &internbudget_html::Limits::default(), &deadline)
    {
        check_layout(&doc);
        check_cells(&doc);
        let _ = internbudget_layout::render_text(&doc);
        parse_and_normalize(data, &doc, "fuzz.html");
    }
}

fn limits_time() -> Duration {
    limits().max_time_per_document
}

/// The words of table cells sit in their cell's grid column or to the
/// right of it, on one line per row.
fn check_cells(doc: &internbudget_layout::Document) {
    let pitch = internbudget_layout::text::CELL_PITCH;
    for l in doc.pages.iter().flat_map(|p| p.lines.iter()) {
        let row = l
            .words
            .iter()
            .find_map(|w| w.cell)
            .map(|c| (c.table, c.row));
        for w in &l.words {
            let Some(c) = w.cell else { continue };
            let (Some(_), Some(col)) = (c.row, c.col) else {
                panic!("a word's cell without row or column: {c:?}");
            };
            assert_eq!(Some((c.table, c.row)), row, "one line holds one table row");
            assert!(
                w.bbox.x0 >= (col.get() - 1) as f32 * pitch,
                "{:?} left of its column {col}",
                w.text
            );
        }
    }
}

/// Target `number`: Swedish amounts, years, digit-run partitions and
/// indicator cells. A parsed amount prints back in Swedish form to the same
/// value, and only holds digits the text held.
pub fn number(data: &[u8]) {
    let (selector, rest) = match data.split_first() {
        Some((s, r)) => (*s, r),
        None => (0, data),
    };
    let text = String::from_utf8_lossy(rest);
    let text = text.as_ref();
    if let Some(d) = internbudget_parser::number::parse_amount(text) {
        assert_printed_digits(&d.to_string(), text);
        let printed = swedish(d, selector);
        let back = internbudget_parser::number::parse_amount(&printed);
        assert_eq!(back, Some(d), "{text:?} → {d} → {printed:?} → {back:?}");
        assert_eq!(Amount::parse_printed(text), Some(Amount(d)));
    }
    if let Some(y) = internbudget_parser::number::year(text) {
        assert!((1950..=2100).contains(&y));
    }
    let _ = internbudget_parser::number::is_dash(text);
    // A run of digit groups split into numbers: every token in one part.
    let mut toks = Vec::new();
    let mut negative = false;
    for w in text.split(' ').filter(|w| !w.is_empty()).take(2_000) {
        if internbudget_parser::number::is_dash(w) {
            negative = true;
            continue;
        }
        toks.push(internbudget_parser::number::DigitTok {
            text: w,
            negative,
            percent: false,
        });
        negative = false;
    }
    let target = (selector & 0x80 != 0).then_some(usize::from(selector & 0x0F));
    let sizes = internbudget_parser::number::partition_run(&toks, target);
    assert_eq!(sizes.iter().sum::<usize>(), toks.len());
    assert!(sizes.iter().all(|s| *s >= 1));
    // An indicator cell: any number it reads is printed in it.
    let v = internbudget_normalizer::parse_indicator_value(text);
    if let Some(n) = v.number {
        assert_printed_digits(&n.to_string(), text);
    }
    for g in &v.groups {
        assert_printed_digits(&g.number.to_string(), text);
    }
    assert!(v.status.is_some());
}

/// Target `diff`: two documents — each a normalized JSON document or a
/// source file, split at the first two NUL bytes (or in the middle) — read
/// the way `internbudget diff` reads them, compared both ways and as a
/// series of three, and rendered in every format.
pub fn diff(data: &[u8]) {
    let (a, b) = match data.windows(2).position(|w| w == b"\0\0") {
        Some(i) => (
            data.get(..i).unwrap_or_default(),
            data.get(i + 2..).unwrap_or_default(),
        ),
        None => data.split_at(data.len() / 2),
    };
    let (Ok(a), Ok(b)) = (load("a.json", a), load("b.json", b)) else {
        return;
    };
    let opts = internbudget_diff::Options::default();
    for docs in [vec![&a, &b], vec![&b, &a], vec![&a, &b, &a]] {
        let Ok(d) = internbudget_diff::diff_all(&docs, &opts) else {
            continue;
        };
        let json = serde_json::to_vec(&d);
        assert!(json.is_ok(), "the diff does not serialize: {json:?}");
        let sorted = internbudget_diff::render::ReportOptions {
            sort: internbudget_diff::render::SortOrder::Change,
            changed_only: true,
            ..Default::default()
        };
        for r in [internbudget_diff::render::ReportOptions::default(), sorted] {
            let _ = internbudget_diff::render::csv(&d, &r);
            let _ = internbudget_diff::render::excel(&d, &r);
            let _ = internbudget_diff::render::markdown(&d, &r);
            let _ = internbudget_diff::render::html(&d, &r);
        }
    }
}

fn load(name: &str, bytes: &[u8]) -> Result<Document, internbudget_diff::LoadError> {
    internbudget_diff::load(name, bytes, &limits())
}

/// Parses and normalizes a read document and checks the result.
fn parse_and_normalize(data: &[u8], doc: &internbudget_layout::Document, name: &str) {
    let Ok(parsed) = internbudget_parser::parse_document(doc) else {
        return;
    };
    let source = internbudget_normalizer::Source {
        file: name.to_string(),
        sha256: internbudget_normalizer::sha256_hex(data),
        bytes: data.len() as u64,
        format: internbudget_normalizer::SourceFormat::TextLayout,
        encoding: doc.encoding.map(str::to_string),
        pages: u32::try_from(doc.pages.len()).unwrap_or(u32::MAX),
        lines: doc.line_count,
    };
    let out = internbudget_normalizer::normalize(&parsed, source);
    check_document(&out, doc);
}

/// Every page numbered in order, every coordinate a finite number.
fn check_layout(doc: &internbudget_layout::Document) {
    for (i, p) in doc.pages.iter().enumerate() {
        assert_eq!(p.number as usize, i + 1, "page numbers out of order");
        assert!(p.width.is_finite() && p.height.is_finite(), "page size");
        for w in p.lines.iter().flat_map(|l| l.words.iter()) {
            let b = w.bbox;
            assert!(
                [b.x0, b.y0, b.x1, b.y1].iter().all(|v| v.is_finite()),
                "word {:?} at {b:?}",
                w.text
            );
        }
    }
}

/// The normalized document survives a JSON round trip, every row has one
/// value per column, and every amount and indicator number was printed.
fn check_document(out: &Document, doc: &internbudget_layout::Document) {
    let json = serde_json::to_vec(out);
    let back = json
        .as_ref()
        .ok()
        .and_then(|j| serde_json::from_slice::<Document>(j).ok());
    assert!(
        back.as_ref() == Some(out),
        "JSON round trip changed the document"
    );
    let lines: Vec<String> = doc
        .lines()
        .map(|(_, l)| l.words.iter().flat_map(|w| w.text.chars()).collect())
        .map(|s: String| digits(&s))
        .collect();
    for t in &out.tables {
        for r in &t.rows {
            assert_eq!(r.values.len(), t.columns.len(), "row {:?}", r.label);
            for v in r.values.iter().flatten() {
                let d = strip_zeros(digits(&v.to_string()));
                assert!(
                    lines.iter().any(|l| l.contains(&d)),
                    "{v} in row {:?} was not printed",
                    r.label
                );
            }
        }
    }
    for ind in &out.indicators {
        for v in &ind.values {
            if let Some(n) = v.parsed.number {
                assert_printed_digits(&n.to_string(), &v.raw);
            }
        }
    }
}

/// The digits of a decimal string, leading zeros removed, appear in `text`'s digits.
fn assert_printed_digits(decimal: &str, text: &str) {
    let d = strip_zeros(digits(decimal));
    assert!(
        digits(text).contains(&d),
        "{decimal} is not printed in {text:?}"
    );
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn strip_zeros(s: String) -> String {
    match s.trim_start_matches('0') {
        t if t.len() == s.len() => s,
        t => t.to_string(),
    }
}

/// A decimal printed the way Swedish budgets print it; `form` picks the
/// group separator and the minus sign.
pub fn swedish(d: rust_decimal::Decimal, form: u8) -> String {
    let s = d.abs().to_string();
    let (int, frac) = s.split_once('.').unwrap_or((s.as_str(), ""));
    let sep = match form % 4 {
        0 => " ",
        1 => "\u{a0}",
        2 => "\u{202f}",
        _ => "",
    };
    let mut grouped = String::new();
    let n = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            grouped.push_str(sep);
        }
        grouped.push(c);
    }
    if !frac.is_empty() {
        grouped.push(',');
        grouped.push_str(frac);
    }
    if !d.is_sign_negative() || d.is_zero() {
        return grouped;
    }
    match (form >> 2) % 5 {
        0 => format!("-{grouped}"),
        1 => format!("- {grouped}"),
        2 => format!("\u{2212}{grouped}"),
        3 => format!("\u{2013}{grouped}"),
        _ => format!("({grouped})"),
    }
}
