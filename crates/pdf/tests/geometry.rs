//! Placement on generated pages: standard-14 widths, the text and graphics
//! state operators, CropBox offsets and inherited /Rotate, Type 3 fonts,
//! invisible text, and rulings.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{RawPdf, one_page, stream, words};
use internbudget_layout::{Document, Word};
use internbudget_pdf::{Limits, read_pdf};

fn read(bytes: &[u8]) -> Document {
    read_pdf(bytes, &Limits::default()).unwrap()
}

fn all_words(doc: &Document) -> Vec<Word> {
    doc.lines().flat_map(|(_, l)| l.words.clone()).collect()
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() < 0.05
}

#[test]
fn helvetica_without_widths_uses_standard_metrics() {
    let doc = read(&one_page(b"BT /F1 12 Tf 72 700 Td (Hello World) Tj ET"));
    let w = all_words(&doc);
    assert_eq!(w.len(), 2);
    // H e l l o = 722 + 556 + 222 + 222 + 556 units at 12 pt.
    assert!(close(w[0].bbox.x0, 72.0), "{w:?}");
    assert!(close(w[0].bbox.x1, 72.0 + 2.278 * 12.0), "{w:?}");
    // The space (278 units) separates the words.
    assert!(close(w[1].bbox.x0, 72.0 + (2.278 + 0.278) * 12.0), "{w:?}");
    assert!(close(w[0].space, 0.278 * 12.0));
    assert!(close(w[0].size, 12.0));
    // y grows down from the top of the 792 pt page: baseline at 92.
    assert!(w[0].bbox.y0 < 92.0 && w[0].bbox.y1 > 92.0);
}

#[test]
fn text_state_operators_move_glyphs() {
    // Tc spreads letters (single letters on a line are joined back), Tw widens the
    // space, Tz scales horizontally, TL/T*/' move to the next line, Ts
    // raises, cm scales everything.
    let doc = read(&one_page(
        b"BT /F1 10 Tf 14 TL 100 700 Td 50 Tz (ab) Tj T* 100 Tz 5 Tw (a b) Tj ET \
          q 2 0 0 2 0 0 cm BT /F1 10 Tf 50 300 Td (big) Tj ET Q \
          BT /F1 10 Tf 3 Tc 100 500 Td (xy) Tj ET \
          BT /F1 10 Tf 100 400 Td 3 Ts (up) Tj ET",
    ));
    let w = all_words(&doc);
    let find = |t: &str| {
        w.iter()
            .find(|x| x.text == t)
            .unwrap_or_else(|| panic!("{t} in {w:?}"))
    };
    let ab = find("ab");
    assert!(
        close(ab.bbox.x1 - ab.bbox.x0, (0.556 + 0.556) * 10.0 * 0.5),
        "{ab:?}"
    );
    let a = w
        .iter()
        .filter(|x| x.text == "a")
        .max_by(|p, q| p.bbox.y0.total_cmp(&q.bbox.y0))
        .unwrap();
    let b = find("b");
    assert!(close(a.bbox.y1 - ab.bbox.y1, 14.0));
    assert!(close(b.bbox.x0 - a.bbox.x1, 2.78 + 5.0), "{a:?} {b:?}");
    let big = find("big");
    assert!(
        close(big.size, 20.0) && close(big.bbox.x0, 100.0),
        "{big:?}"
    );
    // Letter-spaced on a line of its own: joined again, as pdftotext does.
    assert_eq!(find("xy").text, "xy");
    let up = find("up");
    assert!(
        close(up.bbox.y1, 792.0 - 400.0 - 3.0 + 0.2 * 10.0),
        "{up:?}"
    );
}

#[test]
fn tj_adjustments_split_and_join_words() {
    let doc = read(&one_page(
        b"BT /F1 10 Tf 72 700 Td [(Bud) -20 (get) -400 (2021)] TJ ET",
    ));
    assert_eq!(words(&doc), ["Budget", "2021"]);
}

#[test]
fn crop_box_offset_and_inherited_rotation() {
    let mut pdf = RawPdf::new();
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>");
    // Text at user-space (150, 450): 50 right of the crop box's left edge
    // and 50 below its top.
    let content = pdf.add_stream("", b"BT /F1 10 Tf 150 450 Td (Here) Tj ET");
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /CropBox [100 100 400 500] /Contents {content} 0 R /Resources << /Font << /F1 {font} 0 R >> >> >>"
    ));
    pdf.set(
        pages,
        format!(
            "<< /Type /Pages /Kids [{page} 0 R] /Count 1 /MediaBox [0 0 612 792] /Rotate 90 >>"
        ),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    let doc = read(&pdf.finish(catalog));
    let p = &doc.pages[0];
    // Turned clockwise: 400 wide, 300 tall; the text now runs top to bottom
    // on screen (one sideways word does not turn the page).
    assert_eq!((p.width, p.height), (400.0, 300.0));
    let w = &all_words(&doc)[0];
    assert_eq!(w.text, "Here");
    // Origin: x' = y − 100 = 350, y' = x − 100 = 50.
    assert!(w.bbox.x0 < 350.0 && w.bbox.x1 > 350.0, "{w:?}");
    assert!(
        close(w.bbox.y0, 50.0) && close(w.bbox.y1, 50.0 + 4.0 * 6.0),
        "{w:?}"
    );
}

#[test]
fn invisible_text_is_kept_like_pdftotext() {
    // Render mode 3 (OCR layers of scans) is text all the same.
    let doc = read(&one_page(b"BT 3 Tr /F1 10 Tf 72 700 Td (hidden) Tj ET"));
    assert_eq!(words(&doc), ["hidden"]);
}

#[test]
fn type3_fonts_place_glyphs_through_the_font_matrix() {
    let mut pdf = RawPdf::new();
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let proc_a = pdf.add_stream("", b"500 0 d0 0 0 400 700 re f");
    let font = pdf.add(format!(
        "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 500 700] /FontMatrix [0.001 0 0 0.001 0 0] \
         /CharProcs << /a {proc_a} 0 R >> /Encoding << /Type /Encoding /Differences [97 /a 98 /a] >> \
         /FirstChar 97 /LastChar 98 /Widths [500 500] /Resources << >> >>"
    ));
    let content = pdf.add_stream("", b"BT /T3 20 Tf 100 700 Td (abab) Tj ET");
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R /Resources << /Font << /T3 {font} 0 R >> >> >>"
    ));
    pdf.set(
        pages,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    let doc = read(&pdf.finish(catalog));
    let w = &all_words(&doc)[0];
    assert_eq!(w.text, "aaaa");
    assert!(close(w.bbox.x1 - w.bbox.x0, 4.0 * 0.5 * 20.0), "{w:?}");
}

#[test]
fn rulings_from_thin_rectangles_and_stroked_lines() {
    let doc = read(&one_page(
        b"0 0 0 rg 72 700 400 0.5 re f \
          1 w 72 600 m 472 600 l S \
          100 100 m 200 200 l S \
          72 400 100 50 re f",
    ));
    let r = &doc.pages[0].rulings;
    assert_eq!(r.len(), 2, "{r:?}");
    assert!(
        close(r[0].x0, 72.0) && close(r[0].x1, 472.0) && close(r[0].y0, 91.5),
        "{r:?}"
    );
    assert!(close(r[1].y0, 191.5) && close(r[1].y1, 192.5), "{r:?}");
}

#[test]
fn forms_draw_with_their_matrix_and_resources() {
    let mut pdf = RawPdf::new();
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>");
    let form = pdf.add(stream(
        &format!("/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Matrix [2 0 0 2 10 20] /Resources << /Font << /G {font} 0 R >> >>"),
        b"BT /G 10 Tf 0 0 Td (Form) Tj ET",
    ));
    let content = pdf.add_stream("", b"q 1 0 0 1 100 100 cm /X Do Q");
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R /Resources << /XObject << /X {form} 0 R >> >> >>"
    ));
    pdf.set(
        pages,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    let doc = read(&pdf.finish(catalog));
    let w = &all_words(&doc)[0];
    assert_eq!(w.text, "Form");
    // Origin (0,0) → form matrix (10,20) → cm (110,120) → y' = 792 − 120.
    assert!(close(w.bbox.x0, 110.0) && close(w.size, 20.0), "{w:?}");
    assert!(w.bbox.y0 < 672.0 && w.bbox.y1 > 672.0, "{w:?}");
}
