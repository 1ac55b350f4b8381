//! Marked content (PDF 32000-1 §14.6, §14.9.4): `BMC`/`BDC`/`EMC` nesting,
//! and `/ActualText` spans, whose glyphs are replaced by the span's text
//! placed over their extent, as pdftotext does. The main type is
//! [`ActualSpan`].

use super::show::TextRun;
use super::state::GState;
use super::{Glyph, PageRun};
use crate::font::Font;
use crate::geom::Matrix;
use crate::lexer::{Obj, Operands};
use crate::objects::get_dict;
use internbudget_layout::Rect;
use lopdf::Dictionary;

/// Deepest marked-content nesting tracked.
const MAX_MARKED_DEPTH: usize = 4096;

/// A marked-content span with `/ActualText`: its glyphs are replaced by the
/// text, placed over their extent (as pdftotext does).
pub(super) struct ActualSpan {
    text: String,
    /// Origin of the first glyph covered.
    first: Option<(f32, f32)>,
    /// End of the advance of the last glyph covered.
    end: (f32, f32),
    bbox: Option<Rect>,
    size: f32,
    dx: f32,
    dy: f32,
    space: f32,
}

impl ActualSpan {
    fn new(text: String) -> Self {
        ActualSpan {
            text,
            first: None,
            end: (0.0, 0.0),
            bbox: None,
            size: 0.0,
            dx: 1.0,
            dy: 0.0,
            space: 0.0,
        }
    }

    /// Extends the span over a glyph of width `w0` (plus `word_space`)
    /// shown at the text position `m` (= Tm × CTM) of a run.
    pub(super) fn cover(
        &mut self,
        m: &Matrix,
        font: &Font,
        gs: &GState,
        run: &TextRun,
        w0: f32,
        word_space: f32,
    ) {
        let tfs = gs.size;
        let full = if font.vertical {
            (0.0, -(w0 * tfs) + gs.tc + word_space)
        } else {
            ((w0 * tfs + gs.tc + word_space) * gs.th, 0.0)
        };
        let origin = m.apply(0.0, gs.ts);
        let end = m.apply(full.0, gs.ts + full.1);
        let (asc, desc) = (font.ascent * tfs + gs.ts, font.descent * tfs + gs.ts);
        let corners = [
            m.apply(0.0, desc),
            m.apply(full.0, desc),
            m.apply(0.0, asc),
            m.apply(full.0, asc),
        ];
        if run.placeable && corners.iter().all(|(x, y)| x.is_finite() && y.is_finite()) {
            let mut r = self
                .bbox
                .unwrap_or(Rect::new(origin.0, origin.1, origin.0, origin.1));
            for (x, y) in corners {
                r = r.union(&Rect::new(x, y, x, y));
            }
            self.bbox = Some(r);
            if self.first.is_none() {
                self.first = Some(origin);
                self.size = run.size;
                self.dx = run.dx;
                self.dy = run.dy;
                self.space = run.space;
            }
            self.end = end;
        }
    }
}

/// Decodes a PDF text string: UTF-16BE or UTF-8 with a byte-order mark,
/// else PDFDocEncoding (read as Latin-1, which it matches for text).
fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let units = rest.chunks_exact(2).map(|c| {
            u16::from_be_bytes([
                c.first().copied().unwrap_or(0),
                c.get(1).copied().unwrap_or(0),
            ])
        });
        char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    } else if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

impl<'a> PageRun<'_, 'a> {
    /// Applies a marked-content operator; `false` when `op` is none.
    pub(super) fn marked_op(
        &mut self,
        op: &[u8],
        ops: &Operands,
        res: Option<&'a Dictionary>,
    ) -> bool {
        match op {
            b"BMC" if self.marked.len() < MAX_MARKED_DEPTH => self.marked.push(false),
            b"BDC" => self.begin_marked(ops, res),
            b"EMC" => self.end_marked(),
            _ => return false,
        }
        true
    }

    /// `BDC`: starts an `/ActualText` span when the properties (inline or
    /// named in `/Properties`) carry one and no span is open.
    fn begin_marked(&mut self, ops: &Operands, res: Option<&'a Dictionary>) {
        if self.marked.len() >= MAX_MARKED_DEPTH {
            return;
        }
        let mut actual: Option<String> = None;
        if self.actual.is_none() {
            match ops.items.last() {
                Some(Obj::Dict(kv)) => {
                    for pair in kv.chunks_exact(2) {
                        if let [k, v @ Obj::Str(_)] = pair
                            && ops.bytes_of(k) == b"ActualText"
                        {
                            actual = Some(text_string(ops.bytes_of(v)));
                        }
                    }
                }
                Some(name @ Obj::Name(_)) => {
                    let doc = self.ctx.doc;
                    actual = res
                        .and_then(|r| get_dict(doc, r, b"Properties"))
                        .and_then(|p| get_dict(doc, p, ops.bytes_of(name)))
                        .and_then(|d| crate::objects::get(doc, d, b"ActualText"))
                        .and_then(|o| o.as_str().ok())
                        .map(text_string);
                }
                _ => {}
            }
        }
        let starts = actual.is_some();
        if let Some(text) = actual {
            self.actual = Some(ActualSpan::new(text));
        }
        self.marked.push(starts);
    }

    /// `EMC`: closes a marked-content sequence, ending an `/ActualText` span.
    fn end_marked(&mut self) {
        if self.marked.pop() == Some(true) {
            self.end_actual_text();
        }
    }

    /// Emits the active `/ActualText` span as one glyph over the extent of
    /// the glyphs it replaced (nothing when it replaced none).
    pub(super) fn end_actual_text(&mut self) {
        let Some(span) = self.actual.take() else {
            return;
        };
        let (Some((x, y)), Some(bbox)) = (span.first, span.bbox) else {
            return;
        };
        let text = span.text.trim_matches('\0');
        if text.is_empty()
            || bbox.x1 < 0.0
            || bbox.y1 < 0.0
            || bbox.x0 > self.width
            || bbox.y0 > self.height
        {
            return;
        }
        let start = self.out.text.len();
        self.out.text.push_str(text);
        let adv = (span.end.0 - x) * span.dx + (span.end.1 - y) * span.dy;
        self.out.glyphs.push(Glyph {
            x,
            y,
            dx: span.dx,
            dy: span.dy,
            adv: adv.max(0.0),
            bbox,
            size: span.size,
            space: span.space,
            text: start..self.out.text.len(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_decode_by_their_byte_order_mark() {
        assert_eq!(text_string(b"\xFE\xFF\x00A\x00\xE5\xD8\x00"), "Aå\u{FFFD}");
        assert_eq!(text_string(b"\xEF\xBB\xBFK\xC3\xA4r"), "Kär");
        assert_eq!(text_string(b"K\xE4r"), "Kär");
    }
}
