//! Hostile input: every generated file must end with a typed error or a
//! result within its limits — never a panic, an abort, a hang or unbounded
//! memory. Each test says which limit or defence it exercises.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{RawPdf, flate, one_page, pages_with, stream, words};
use internbudget_pdf::{Deadline, Limit, Limits, PdfError, read_pdf, read_pdf_until};
use std::time::{Duration, Instant};

fn read(bytes: &[u8]) -> Result<internbudget_layout::Document, PdfError> {
    read_pdf(bytes, &Limits::default())
}

#[test]
fn decompression_bomb_in_page_content_hits_max_stream_bytes() {
    // 64 MiB of spaces inflate from about 64 KiB; the limit is 4 MiB.
    let bomb = flate(vec![b' '; 64 << 20]);
    assert!(bomb.len() < 1 << 20);
    let mut pdf = RawPdf::new();
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let content = pdf.add_stream("/Filter /FlateDecode", &bomb);
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R >>"
    ));
    pdf.set(
        pages,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    let limits = Limits {
        max_stream_bytes: 4 << 20,
        ..Limits::default()
    };
    let err = read_pdf(&pdf.finish(catalog), &limits).unwrap_err();
    assert!(
        matches!(err, PdfError::TooLarge { what, page: Some(1), .. } if what == Limit::StreamBytes),
        "{err}"
    );
}

#[test]
fn decompression_bomb_in_an_object_stream_hits_max_stream_bytes() {
    // An /ObjStm is inflated by lopdf while loading: its limit is ours.
    let mut body = b"1 0 ".to_vec();
    body.extend(vec![b' '; 16 << 20]);
    let mut pdf = RawPdf::new();
    let catalog = pdf.reserve();
    pdf.set(catalog, "<< /Type /Catalog >>");
    pdf.add_stream(
        "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode",
        &flate(body),
    );
    let limits = Limits {
        max_stream_bytes: 1 << 20,
        ..Limits::default()
    };
    let result = read_pdf(&pdf.finish(catalog), &limits);
    eprintln!("object stream bomb: {result:?}");
    match result {
        Err(PdfError::TooLarge { .. } | PdfError::Damaged { .. }) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_declared_length_of_one_gigabyte_is_not_trusted() {
    let mut pdf = RawPdf::new();
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let mut content = b"<< /Length 1073741824 >>\nstream\n".to_vec();
    content.extend_from_slice(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET\nendstream");
    let content = pdf.add(content);
    let font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R /Resources << /Font << /F1 {font} 0 R >> >> >>"
    ));
    pdf.set(
        pages,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    let result = read(&pdf.finish(catalog));
    eprintln!("1 GB /Length: {:?}", result.as_ref().map(words));
    match result {
        Ok(doc) => assert!(doc.pages.len() <= 1),
        Err(e) => assert!(matches!(e, PdfError::Damaged { .. }), "{e}"),
    }
}

#[test]
fn cyclic_parent_and_kids_end() {
    let mut pdf = RawPdf::new();
    let catalog = pdf.reserve();
    let root = pdf.reserve();
    let middle = pdf.reserve();
    let font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    let content = pdf.add_stream("", b"BT /F1 12 Tf 72 700 Td (Once) Tj ET");
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {page_parent} 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R /Resources << /Font << /F1 {font} 0 R >> >> >>",
        page_parent = middle
    ));
    // root → middle → [page, root, middle]; middle's parent is the page.
    pdf.set(
        root,
        format!("<< /Type /Pages /Kids [{middle} 0 R] /Parent {middle} 0 R /Count 1 >>"),
    );
    pdf.set(
        middle,
        format!("<< /Type /Pages /Kids [{page} 0 R {root} 0 R {middle} 0 R] /Parent {page} 0 R /Count 1 >>"),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {root} 0 R >>"));
    let doc = read(&pdf.finish(catalog)).unwrap();
    assert_eq!(doc.pages.len(), 1);
    assert_eq!(words(&doc), ["Once"]);
}

#[test]
fn cyclic_form_xobjects_run_each_form_once_per_nesting() {
    let mut pdf = RawPdf::new();
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let a = pdf.reserve();
    let b = pdf.reserve();
    let font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    let res =
        format!("/Resources << /Font << /F1 {font} 0 R >> /XObject << /A {a} 0 R /B {b} 0 R >> >>");
    pdf.set(
        a,
        stream(
            &format!("/Type /XObject /Subtype /Form /BBox [0 0 612 792] {res}"),
            b"BT /F1 12 Tf 72 700 Td (FormA) Tj ET /A Do /B Do",
        ),
    );
    pdf.set(
        b,
        stream(
            &format!(
                "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Matrix [1 0 0 1 0 -100] {res}"
            ),
            b"BT /F1 12 Tf 72 650 Td (FormB) Tj ET /A Do /B Do",
        ),
    );
    let content = pdf.add_stream("", b"/A Do");
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R {res} >>"
    ));
    pdf.set(
        pages,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    let doc = read(&pdf.finish(catalog)).unwrap();
    let w = words(&doc);
    // A runs, then B inside A (A again would be a cycle, so it is skipped).
    assert!(
        w.contains(&"FormA".to_string()) && w.contains(&"FormB".to_string()),
        "{w:?}"
    );
}

#[test]
fn deep_form_nesting_stops_at_max_xobject_depth() {
    // A chain of 200 distinct forms, each drawing the next.
    let mut pdf = RawPdf::new();
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    let ids: Vec<u32> = (0..200).map(|_| pdf.reserve()).collect();
    for (i, id) in ids.iter().enumerate() {
        let next = ids.get(i + 1).copied().unwrap_or(ids[0]);
        pdf.set(
            *id,
            stream(
                &format!(
                    "/Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 {font} 0 R >> /XObject << /N {next} 0 R >> >>"
                ),
                format!("BT /F1 10 Tf 10 {} Td (L{i}) Tj ET /N Do", 780 - (i % 70) * 11).as_bytes(),
            ),
        );
    }
    let content = pdf.add_stream("", b"/N Do");
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R /Resources << /XObject << /N {} 0 R >> >> >>",
        ids[0]
    ));
    pdf.set(
        pages,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    let limits = Limits::default();
    let doc = read_pdf(&pdf.finish(catalog), &limits).unwrap();
    assert_eq!(words(&doc).len(), limits.max_xobject_depth as usize);
}

/// Runs `f` on a thread with a small stack: the reader must not rely on the
/// caller's stack size.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

/// A page whose dictionary refers to (or, `inline`, holds) arrays nested
/// 100 000 deep.
fn deeply_nested_file(inline: bool) -> Vec<u8> {
    let mut pdf = RawPdf::new();
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let mut deep = "[".repeat(100_000);
    deep.push_str(&"]".repeat(100_000));
    let deep_obj = pdf.add(deep.clone());
    let content = pdf.add_stream("", b"BT /F1 12 Tf 72 700 Td (Survived) Tj ET");
    let font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    let extra = if inline {
        format!("/Inline {deep}")
    } else {
        String::new()
    };
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R /Resources << /Font << /F1 {font} 0 R >> >> /Deep {deep_obj} 0 R {extra} >>"
    ));
    pdf.set(
        pages,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    pdf.finish(catalog)
}

#[test]
fn arrays_nested_100_000_deep_in_the_file_do_not_overflow_the_stack() {
    // lopdf's parser recurses but stops at 100 levels; the reader also runs
    // on its own thread with a large stack, whatever the caller's stack.
    // In another object: that object is unreadable, the page is fine.
    let bytes = deeply_nested_file(false);
    let result = on_small_stack(move || read(&bytes).map(|d| words(&d)));
    assert_eq!(result, Ok(vec!["Survived".to_string()]));
    // Inside the page dictionary: the page itself is unreadable.
    let bytes = deeply_nested_file(true);
    let result = on_small_stack(move || read(&bytes).map(|d| words(&d)));
    match result {
        Ok(w) => assert!(w.is_empty() || w == ["Survived"], "{w:?}"),
        Err(e) => assert!(matches!(e, PdfError::Damaged { .. }), "{e}"),
    }
}

#[test]
fn arrays_nested_100_000_deep_in_content_are_skipped() {
    let mut content = b"BT /F1 12 Tf 72 700 Td ".to_vec();
    content.extend(vec![b'['; 100_000]);
    content.extend(vec![b']'; 100_000]);
    content.extend_from_slice(b" TJ (After) Tj ET");
    let bytes = one_page(&content);
    let w = on_small_stack(move || words(&read(&bytes).unwrap()));
    assert_eq!(w, ["After"]);
}

#[test]
fn ten_thousand_pages() {
    let contents: Vec<Vec<u8>> = (0..10_000)
        .map(|i| format!("BT /F1 10 Tf 72 700 Td (p{i}) Tj ET").into_bytes())
        .collect();
    let bytes = pages_with(&contents);
    let t = Instant::now();
    let doc = read(&bytes).unwrap();
    assert_eq!(doc.pages.len(), 10_000);
    assert_eq!(doc.pages[9_999].lines[0].words[0].text, "p9999");
    assert!(t.elapsed() < Duration::from_secs(60));
    let limits = Limits {
        max_pages: 1_000,
        ..Limits::default()
    };
    let err = read_pdf(&bytes, &limits).unwrap_err();
    assert!(
        matches!(err, PdfError::TooLarge { limit: 1_000, .. }),
        "{err}"
    );
}

fn ops_content(n_pairs: usize) -> Vec<u8> {
    let mut c = b"BT /F1 12 Tf 72 700 Td (Start) Tj ET\n".to_vec();
    c.reserve(n_pairs * 4);
    for _ in 0..n_pairs {
        c.extend_from_slice(b"q Q ");
    }
    c.extend_from_slice(b"\nBT /F1 12 Tf 72 600 Td (End) Tj ET");
    c
}

#[test]
fn ten_million_operators_hit_max_ops_per_page() {
    let bytes = one_page(&ops_content(5_000_000));
    let t = Instant::now();
    let err = read(&bytes).unwrap_err();
    assert!(
        matches!(err, PdfError::TooLarge { what, page: Some(1), .. } if what == Limit::OpsPerPage),
        "{err}"
    );
    assert!(t.elapsed() < Duration::from_secs(30));
}

#[test]
fn ten_million_operators_within_a_raised_limit() {
    let bytes = one_page(&ops_content(5_000_000));
    let limits = Limits {
        max_ops_per_page: 20_000_000,
        ..Limits::default()
    };
    let doc = read_pdf(&bytes, &limits).unwrap();
    assert_eq!(words(&doc), ["Start", "End"]);
}

#[test]
fn many_operators_within_the_limit() {
    let bytes = one_page(&ops_content(200_000));
    let doc = read(&bytes).unwrap();
    assert_eq!(words(&doc), ["Start", "End"]);
}

#[test]
fn a_huge_string_counts_its_glyphs() {
    let mut content = b"BT /F1 1 Tf 0 700 Td (".to_vec();
    content.extend(vec![b'x'; 3_000_000]);
    content.extend_from_slice(b") Tj ET");
    let err = read(&one_page(&content)).unwrap_err();
    assert!(
        matches!(err, PdfError::TooLarge { page: Some(1), .. }),
        "{err}"
    );
}

#[test]
fn time_limit_gives_timeout() {
    let contents: Vec<Vec<u8>> = (0..50).map(|_| ops_content(100_000)).collect();
    let bytes = pages_with(&contents);
    let deadline = Deadline::after(Duration::from_millis(1));
    let err = read_pdf_until(&bytes, &Limits::default(), deadline).unwrap_err();
    assert!(matches!(err, PdfError::Timeout { .. }), "{err}");
}

#[test]
fn a_form_of_white_space_drawn_100_000_times_times_out() {
    // Each run lexes 4 MiB without a single operator, so the operator
    // counter alone would never stop it: the clock is read at every form.
    let mut pdf = RawPdf::new();
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let form = pdf.add_stream(
        "/Subtype /Form /BBox [0 0 10 10] /Filter /FlateDecode",
        &flate(vec![b' '; 4 << 20]),
    );
    let content = pdf.add_stream("/Filter /FlateDecode", &flate(b"/X Do ".repeat(100_000)));
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R /Resources << /XObject << /X {form} 0 R >> >> >>"
    ));
    pdf.set(
        pages,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    let t = Instant::now();
    let deadline = Deadline::after(Duration::from_millis(500));
    let err = read_pdf_until(&pdf.finish(catalog), &Limits::default(), deadline).unwrap_err();
    assert!(
        matches!(err, PdfError::Timeout { page: Some(1), .. }),
        "{err}"
    );
    assert!(t.elapsed() < Duration::from_secs(10));
}

#[test]
fn invalid_utf16_in_a_to_unicode_cmap() {
    let mut pdf = RawPdf::new();
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
4 beginbfchar <0001> <D800> <0002> <DC00D800> <0003> <0041DFFF> <0004> <00> endbfchar
2 beginbfrange <0010> <0020> <DBFF> <0030> <FFFF> [<D800> <> <0042>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";
    let tu = pdf.add_stream("", cmap);
    let font = pdf.add(format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode {tu} 0 R /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 500 >>] >>"
    ));
    let content = pdf.add_stream(
        "",
        b"BT /F1 12 Tf 72 700 Td <0001000200030004001000300031> Tj ET",
    );
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R /Resources << /Font << /F1 {font} 0 R >> >> >>"
    ));
    pdf.set(
        pages,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    let doc = read(&pdf.finish(catalog)).unwrap();
    let text = words(&doc).concat();
    assert!(text.contains('\u{FFFD}'), "{text:?}");
    assert!(text.contains('A'), "{text:?}");
}

#[test]
fn garbage_content_keeps_the_text_after_the_damage() {
    // Stray delimiters, unknown operators, operators without or with wrong
    // operands, an unclosed array and a dictionary: the lexer steps over
    // them (lopdf's Content::decode would stop at the first).
    let content = b"BT /F1 12 Tf 72 700 Td (Before) Tj ) ] >> } @@@ 1 2 3 4 5 6 7 8 xcm Tj TJ Tf [ /N 5 <</K [1 2>> ET 1.2.3 Td BT /F1 12 Tf 72 600 Td (After) Tj ET";
    let w = words(&read(&one_page(content)).unwrap());
    assert!(
        w.contains(&"Before".to_string()) && w.contains(&"After".to_string()),
        "{w:?}"
    );
}

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_fixture_truncated_at_every_kilobyte() {
    let full = fixture("pdf/an-2021.lo.pdf");
    let limits = Limits::default();
    let (mut ok, mut failed) = (0, 0);
    for end in (0..full.len()).step_by(1024) {
        let deadline = Deadline::after(Duration::from_secs(10));
        match read_pdf_until(&full[..end], &limits, deadline) {
            Ok(doc) => {
                ok += 1;
                assert!(doc.pages.len() <= 22);
            }
            Err(PdfError::Internal { reason }) => panic!("internal error at {end}: {reason}"),
            Err(_) => failed += 1,
        }
    }
    assert!(ok + failed > 100);
    // Every copy cut after the last page object is read.
    assert!(ok >= 20, "{ok} read");
}

#[test]
fn a_file_cut_off_before_its_catalog_is_read_from_its_pages() {
    // LibreOffice writes the page tree root and the catalog last: a download
    // cut off after the pages loses only them, and every page is still read.
    let full = fixture("pdf/an-2021.lo.pdf");
    let want = words(&read(&full).unwrap());
    let root = full.windows(11).position(|w| w == b"/Type/Pages").unwrap();
    for end in [root, root - 100, full.len() - 10] {
        let doc = read(&full[..end]).unwrap_or_else(|e| panic!("cut at {end}: {e}"));
        assert_eq!(doc.pages.len(), 22, "cut at {end}");
        assert_eq!(words(&doc), want, "cut at {end}");
    }
}

#[test]
fn random_byte_flips_never_panic() {
    // A fixed pseudo-random sequence: deterministic, no dependency.
    let full = fixture("pdf/an-2021.lo.pdf");
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..40 {
        let mut bytes = full.clone();
        for _ in 0..20 {
            let i = (next() as usize) % bytes.len();
            bytes[i] = next() as u8;
        }
        if let Err(PdfError::Internal { reason }) = read(&bytes) {
            panic!("internal error: {reason}");
        }
    }
}

#[test]
fn not_pdf_and_empty() {
    assert_eq!(read(b"").unwrap_err(), PdfError::Empty);
    assert_eq!(read(b" \n\t").unwrap_err(), PdfError::Empty);
    assert_eq!(read(b"hello world").unwrap_err(), PdfError::NotPdf);
    assert!(matches!(
        read(b"%PDF-1.4\n%%EOF").unwrap_err(),
        PdfError::Damaged { .. }
    ));
    let limits = Limits {
        max_file_bytes: 10,
        ..Limits::default()
    };
    assert!(matches!(
        read_pdf(&one_page(b""), &limits).unwrap_err(),
        PdfError::TooLarge {
            limit: 10,
            page: None,
            ..
        }
    ));
}

/// A longer mutation run over a directory of PDFs, for exploring:
/// `FUZZ_DIR=dir FUZZ_ITERS=200 cargo test -p internbudget-pdf --test hostile
/// fuzz_directory -- --ignored --nocapture`. Flips bytes, truncates, and
/// splices runs of the file into itself; a panic (or `Internal`) fails.
#[test]
#[ignore]
fn fuzz_directory() {
    let Ok(dir) = std::env::var("FUZZ_DIR") else {
        return;
    };
    let iters: usize = std::env::var("FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let limits = Limits::default();
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    files.sort();
    for path in files {
        let Ok(full) = std::fs::read(&path) else {
            continue;
        };
        if full.is_empty() {
            continue;
        }
        let t = Instant::now();
        for _ in 0..iters {
            let mut bytes = full.clone();
            match next() % 3 {
                0 => {
                    for _ in 0..1 + next() % 30 {
                        let i = (next() as usize) % bytes.len();
                        bytes[i] = next() as u8;
                    }
                }
                1 => {
                    let end = (next() as usize) % bytes.len();
                    bytes.truncate(end.max(1));
                }
                _ => {
                    let a = (next() as usize) % bytes.len();
                    let len = ((next() as usize) % 4096).min(bytes.len() - a);
                    let at = (next() as usize) % bytes.len();
                    let chunk = bytes[a..a + len].to_vec();
                    bytes.splice(at..at, chunk);
                }
            }
            let deadline = Deadline::after(Duration::from_secs(20));
            if let Err(PdfError::Internal { reason }) = read_pdf_until(&bytes, &limits, deadline) {
                panic!("{}: internal error: {reason}", path.display());
            }
        }
        eprintln!("{}: {iters} mutations in {:?}", path.display(), t.elapsed());
    }
}
