//! Hostile Word documents and web pages, through the binary: a zip bomb
//! (with a true and with a lying size in its header), a package declaring
//! tens of thousands of entries, elements nested a million deep, DTD entity
//! bombs ("billion laughs"), and the size and time limits. Each ends with a
//! one-line typed error within its limit.

use super::{Duration, fixture, run_on, zlib};
use std::io::Write;

/// A package holding `xml` as its document part, deflated by the zip crate.
fn docx(xml: &[u8]) -> Vec<u8> {
    package(xml, zip::CompressionMethod::Deflated)
}

fn package(xml: &[u8], method: zip::CompressionMethod) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
    w.start_file("word/document.xml", opts).unwrap();
    w.write_all(xml).unwrap();
    w.finish().unwrap().into_inner()
}

/// A ZIP of one deflated entry `word/document.xml` whose data is `deflate`
/// (raw DEFLATE) and whose headers claim `claimed` uncompressed bytes (the
/// CRC is not made: a bounded reader never gets to check it).
fn zip_entry(deflate: &[u8], claimed: u32) -> Vec<u8> {
    let name = b"word/document.xml";
    let u16le = |v: u16| v.to_le_bytes();
    let u32le = |v: u32| v.to_le_bytes();
    let comp = u32::try_from(deflate.len()).unwrap();
    let mut out = Vec::new();
    out.extend(u32le(0x0403_4b50));
    out.extend(u16le(20));
    out.extend(u16le(0));
    out.extend(u16le(8));
    out.extend(u32le(0)); // time, date
    out.extend(u32le(0)); // crc
    out.extend(u32le(comp));
    out.extend(u32le(claimed));
    out.extend(u16le(name.len() as u16));
    out.extend(u16le(0));
    out.extend_from_slice(name);
    out.extend_from_slice(deflate);
    let cd = u32::try_from(out.len()).unwrap();
    out.extend(u32le(0x0201_4b50));
    out.extend(u16le(20));
    out.extend(u16le(20));
    out.extend(u16le(0));
    out.extend(u16le(8));
    out.extend(u32le(0));
    out.extend(u32le(0));
    out.extend(u32le(comp));
    out.extend(u32le(claimed));
    out.extend(u16le(name.len() as u16));
    out.extend([0u8; 12]); // extra, comment, disk, internal and external attributes
    out.extend(u32le(0)); // local header offset
    out.extend_from_slice(name);
    let cd_len = u32::try_from(out.len()).unwrap() - cd;
    out.extend(u32le(0x0605_4b50));
    out.extend([0u8; 4]);
    out.extend(u16le(1));
    out.extend(u16le(1));
    out.extend(u32le(cd_len));
    out.extend(u32le(cd));
    out.extend(u16le(0));
    out
}

#[test]
fn a_docx_zip_bomb_ends_at_the_part_and_ratio_bounds() {
    // 1 GiB of spaces after a document start, from about 6.5 MB of DEFLATE.
    let z = zlib(
        b"<w:document><w:body>",
        b" ",
        1 << 30,
        b"</w:body></w:document>",
    );
    let raw = &z[2..z.len() - 4];
    // The header tells the truth: refused before inflating.
    let r = run_on(&zip_entry(raw, (1 << 30) + 42), "extract", &[]);
    r.assert_error(
        "zip bomb, true size",
        "decompressed bytes of a DOCX part (max_part_bytes)",
    );
    assert!(r.elapsed < Duration::from_secs(5), "{:?}", r.elapsed);
    // The header lies (1 KB): inflated in chunks, counted, until the
    // bound on a part (64 MiB); this bomb's ratio (about 165) is under the
    // bound on ratios.
    let r = run_on(&zip_entry(raw, 1000), "extract", &[]);
    r.assert_error(
        "zip bomb, lying size",
        "decompressed bytes of a DOCX part (max_part_bytes)",
    );
    assert!(r.elapsed < Duration::from_secs(10), "{:?}", r.elapsed);
    let r = run_on(
        &zip_entry(raw, 1000),
        "extract",
        &["--max-stream-bytes", "64K"],
    );
    r.assert_error("zip bomb, 64 KiB part limit", "exceeds the limit of 65536");
    // Deflated as tightly as DEFLATE goes (about 1000:1), a part is a bomb
    // by its ratio after the first MiB.
    let tight = docx(&vec![b' '; 4 << 20]);
    assert!(tight.len() < 20_000, "{}", tight.len());
    let r = run_on(&tight, "extract", &[]);
    r.assert_error(
        "zip bomb, 1000:1",
        "decompressed-to-compressed ratio of a DOCX part (max_ratio) exceeds the limit of 200",
    );
}

#[test]
fn a_docx_declaring_sixty_thousand_entries() {
    let mut bytes = docx(b"<w:document><w:body/></w:document>");
    let eocd = bytes.len() - 22;
    assert_eq!(&bytes[eocd..eocd + 4], b"PK\x05\x06");
    for at in [eocd + 8, eocd + 10] {
        bytes[at..at + 2].copy_from_slice(&60_000u16.to_le_bytes());
    }
    let r = run_on(&bytes, "extract", &[]);
    r.assert_error(
        "60 000 entries",
        "entries of the DOCX package (max_entries) exceeds the limit of 10000",
    );
}

#[test]
fn elements_nested_a_million_deep() {
    let n = 1_000_000;
    let mut xml = b"<w:document><w:body>".to_vec();
    xml.extend(b"<w:sdt>".repeat(n));
    xml.extend(b"</w:sdt>".repeat(n));
    xml.extend(b"</w:body></w:document>");
    // Stored: deflated, the repetition would be refused as a bomb.
    let r = run_on(
        &package(&xml, zip::CompressionMethod::Stored),
        "extract",
        &[],
    );
    r.assert_error(
        "DOCX nested 10^6 deep",
        "nesting depth of the DOCX XML (max_depth) exceeds the limit of 256",
    );
    assert!(r.elapsed < Duration::from_secs(10), "{:?}", r.elapsed);
    let mut page = b"<!DOCTYPE html><html><body>".to_vec();
    page.extend(b"<div>".repeat(n));
    page.extend(b"x</body></html>");
    let r = run_on(&page, "extract", &[]);
    r.assert_error(
        "HTML nested 10^6 deep",
        "nesting depth of the HTML (max_depth) exceeds the limit of 512",
    );
    assert!(r.elapsed < Duration::from_secs(10), "{:?}", r.elapsed);
    // Formatting elements nest too (and html5ever reconstructs them).
    let mut page = b"<!DOCTYPE html><p>".to_vec();
    page.extend(b"<b><i>".repeat(n / 2));
    let r = run_on(&page, "extract", &[]);
    r.assert_error("HTML <b><i> 10^6 deep", "(max_depth)");
}

/// Nine levels of entities, each ten of the one below: 10^9 "lol"s.
fn billion_laughs() -> String {
    let mut dtd = String::from("<!ENTITY lol \"lol\">");
    for i in 1..=9 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        dtd.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
    }
    dtd
}

#[test]
fn billion_laughs_expand_nothing() {
    let xml = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE w:document [{}]><w:document><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>",
        billion_laughs()
    );
    let r = run_on(&docx(xml.as_bytes()), "extract", &[]);
    r.assert_error(
        "DOCX billion laughs",
        "declares a DTD (<!DOCTYPE …>), which is refused",
    );
    // Without the DTD the entity is undeclared.
    let xml = "<w:document><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>";
    let r = run_on(&docx(xml.as_bytes()), "extract", &[]);
    r.assert_error("DOCX undeclared entity", "undeclared entity &lol9;");
    // HTML has no entities of its own making: the page is read as text
    // (references left as printed) and holds no budget.
    let page = format!(
        "<!DOCTYPE html [{}]><html><body><p>{}</p></body></html>",
        billion_laughs(),
        "&lol9;".repeat(100_000)
    );
    let r = run_on(page.as_bytes(), "extract", &[]);
    r.assert_error("HTML billion laughs", "no budget tables");
    assert!(r.elapsed < Duration::from_secs(10), "{:?}", r.elapsed);
}

#[test]
fn markup_size_and_time_limits() {
    let docx_bytes = std::fs::read(fixture("docx/an-2021.docx")).unwrap();
    let r = run_on(&docx_bytes, "extract", &["--max-pdf-bytes", "16K"]);
    r.assert_error(
        "--max-pdf-bytes on a DOCX",
        "the size of a Word document exceeds the limit of 16K (--max-pdf-bytes)",
    );
    let r = run_on(&docx_bytes, "extract", &["--max-stream-bytes", "100K"]);
    r.assert_error(
        "--max-stream-bytes on a DOCX",
        "(max_part_bytes) exceeds the limit of 102400 (--max-stream-bytes)",
    );
    let html = std::fs::read(fixture("html/an-2021.html")).unwrap();
    let r = run_on(&html, "extract", &["--max-text-bytes", "10K"]);
    r.assert_error(
        "--max-text-bytes on HTML",
        "the size of a web page exceeds the limit of 10K (--max-text-bytes)",
    );
    // 40 copies of the 2021 page (3 MB, 600 tables) against a 50 ms limit.
    let big: Vec<u8> = std::iter::repeat_n(html.as_slice(), 40)
        .flatten()
        .copied()
        .collect();
    let r = run_on(&big, "extract", &["--timeout", "0.05"]);
    r.assert_error("HTML timeout", "took longer than the limit of 50ms");
    assert!(r.elapsed < Duration::from_secs(5), "{:?}", r.elapsed);
}
