//! Showing text (PDF 32000-1 §9.4.3): `Tj`, `TJ` (with its position
//! adjustments), `'` and `"` split strings into codes by the font, place
//! each glyph at `Trm = [Tfs·Th 0 0 Tfs 0 Ts] × Tm × CTM` with its box from
//! the font's ascent and descent, advance the text matrix by the glyph's
//! width plus `Tc` (and `Tw` after a one-byte space), and drop glyphs
//! wholly outside the page. The main type is [`TextRun`].

use super::state::{GState, StreamState};
use super::{Glyph, PageRun};
use crate::error::PdfError;
use crate::font::Font;
use crate::geom::Matrix;
use crate::lexer::{Obj, Operands};
use internbudget_layout::Rect;

/// What every glyph of one shown string shares: its size and writing
/// direction on the page and the width of a space.
pub(super) struct TextRun {
    /// Font size after all matrices.
    pub size: f32,
    /// Unit vector along the baseline.
    pub dx: f32,
    /// Unit vector along the baseline, y.
    pub dy: f32,
    /// Width of a space at this size (0.25 × size when the font has none).
    pub space: f32,
    /// False when the matrices collapse the text (no size or direction).
    pub placeable: bool,
}

impl TextRun {
    /// The run of `font` at the text position `m` (= Tm × CTM).
    fn new(m: &Matrix, font: &Font, gs: &GState) -> Self {
        let tfs = gs.size;
        let (vx, vy) = m.apply_vec(0.0, tfs * font.em);
        let size = norm(vx, vy);
        let (bx, by) = if font.vertical {
            m.apply_vec(0.0, -tfs)
        } else {
            m.apply_vec(tfs * gs.th, 0.0)
        };
        let blen = norm(bx, by);
        let placeable = size.is_finite() && size > 0.0 && blen.is_finite() && blen > 0.0;
        let (dx, dy) = if placeable {
            (bx / blen, by / blen)
        } else {
            (1.0, 0.0)
        };
        let space = font.space_width.map_or(0.25 * size, |w| w * blen);
        TextRun {
            size,
            dx,
            dy,
            space: if space.is_finite() && space > 0.0 {
                space
            } else {
                0.25 * size
            },
            placeable,
        }
    }
}

impl PageRun<'_, '_> {
    /// Applies a text-showing operator; `Ok(false)` when `op` is none.
    pub(super) fn show_op(
        &mut self,
        op: &[u8],
        ops: &Operands,
        st: &mut StreamState,
    ) -> Result<bool, PdfError> {
        match op {
            b"Tj" => {
                if let Some(s) = ops.items.last() {
                    self.show(st, std::slice::from_ref(s), ops, false)?;
                }
            }
            b"'" => {
                st.next_line();
                if let Some(s) = ops.items.last() {
                    self.show(st, std::slice::from_ref(s), ops, false)?;
                }
            }
            b"\"" => {
                let n = ops.items.len();
                if n >= 3 {
                    if let Some(v) = ops.num(n - 3) {
                        st.gs.tw = v;
                    }
                    if let Some(v) = ops.num(n - 2) {
                        st.gs.tc = v;
                    }
                }
                st.next_line();
                if let Some(s) = ops.items.last() {
                    self.show(st, std::slice::from_ref(s), ops, false)?;
                }
            }
            b"TJ" => {
                if let Some(Obj::Array(items)) = ops.items.last() {
                    self.show(st, items, ops, true)?;
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Shows `items`: the operand of `Tj`, `'` and `"`, or with `adjust`
    /// the strings of a `TJ` array, moving the text matrix by the numbers
    /// among them (in thousandths of an em).
    fn show(
        &mut self,
        st: &mut StreamState,
        items: &[Obj],
        ops: &Operands,
        adjust: bool,
    ) -> Result<(), PdfError> {
        let StreamState { gs, tm, .. } = st;
        let font = gs.font.as_ref().map(|f| &*f.1);
        // Only the translation of the text matrix changes within one
        // operator: the run's size and direction hold for all its strings.
        let mut run: Option<TextRun> = None;
        for item in items {
            let bytes = match item {
                Obj::Num(n) if adjust => {
                    if n.is_finite() {
                        let shift = -n / 1000.0 * gs.size;
                        *tm = if font.is_some_and(|f| f.vertical) {
                            tm.pre_translate(0.0, shift)
                        } else {
                            tm.pre_translate(shift * gs.th, 0.0)
                        };
                    }
                    continue;
                }
                Obj::Str(_) => ops.bytes_of(item),
                _ if !adjust => ops.bytes_of(item),
                _ => continue,
            };
            // No font selected: nothing can be placed; text is skipped.
            let Some(font) = font else { continue };
            let m = tm.then(&gs.ctm);
            let run = run.get_or_insert_with(|| TextRun::new(&m, font, gs));
            self.show_string(gs, font, run, m, tm, bytes)?;
        }
        Ok(())
    }

    /// Shows one string of `run` starting at the text position `m` (= Tm ×
    /// CTM), advancing `tm`; every glyph counts against
    /// `max_ops_per_page`.
    fn show_string(
        &mut self,
        gs: &GState,
        font: &Font,
        run: &TextRun,
        mut m: Matrix,
        tm: &mut Matrix,
        bytes: &[u8],
    ) -> Result<(), PdfError> {
        let tfs = gs.size;
        let th = gs.th;
        let mut rest = bytes;
        while !rest.is_empty() {
            let (code, n) = font.next_code(rest);
            let n = n.clamp(1, rest.len());
            let (code_bytes, tail) = rest.split_at(n);
            rest = tail;
            self.ops += 1;
            self.check_ops()?;
            let w0 = font.width(code);
            let word_space = if n == 1 && code == 32 { gs.tw } else { 0.0 };
            if let Some(span) = self.actual.as_mut() {
                // Inside an ActualText span: only the extent counts.
                span.cover(&m, font, gs, run, w0, word_space);
            } else if run.placeable && self.out.glyphs.len() < u32::MAX as usize {
                let start = self.out.text.len();
                font.push_text(code, code_bytes, &mut self.out.text);
                if self.out.text.len() > start {
                    let placed = self.place(&m, font, tfs, th, gs.ts, w0);
                    match placed {
                        Some((x, y, bbox, adv)) => self.out.glyphs.push(Glyph {
                            x,
                            y,
                            dx: run.dx,
                            dy: run.dy,
                            adv,
                            bbox,
                            size: run.size,
                            space: run.space,
                            text: start..self.out.text.len(),
                        }),
                        None => self.out.text.truncate(start),
                    }
                }
            }
            if font.vertical {
                let ty = -(w0 * tfs) + gs.tc + word_space;
                *tm = tm.pre_translate(0.0, ty);
                m = m.pre_translate(0.0, ty);
            } else {
                let tx = (w0 * tfs + gs.tc + word_space) * th;
                *tm = tm.pre_translate(tx, 0.0);
                m = m.pre_translate(tx, 0.0);
            }
        }
        Ok(())
    }

    /// The origin, box and advance of a glyph of width `w0` at the text
    /// position `m` (= Tm × CTM); `None` when it falls outside the page.
    fn place(
        &self,
        m: &Matrix,
        font: &Font,
        tfs: f32,
        th: f32,
        ts: f32,
        w0: f32,
    ) -> Option<(f32, f32, Rect, f32)> {
        let (x0, x1, y0, y1) = if font.vertical {
            (-0.5 * tfs, 0.5 * tfs, -w0.max(0.5) * tfs + ts, ts)
        } else {
            (
                0.0,
                w0 * tfs * th,
                font.descent * tfs + ts,
                font.ascent * tfs + ts,
            )
        };
        let corners = [
            m.apply(x0, y0),
            m.apply(x1, y0),
            m.apply(x0, y1),
            m.apply(x1, y1),
        ];
        let (mut bx0, mut by0, mut bx1, mut by1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for (x, y) in corners {
            bx0 = bx0.min(x);
            by0 = by0.min(y);
            bx1 = bx1.max(x);
            by1 = by1.max(y);
        }
        let (ox, oy) = m.apply(0.0, ts);
        let all = [bx0, by0, bx1, by1, ox, oy];
        if all.iter().any(|v| !v.is_finite()) {
            return None;
        }
        if bx1 < 0.0 || by1 < 0.0 || bx0 > self.width || by0 > self.height {
            return None;
        }
        let adv = if font.vertical {
            let (vx, vy) = m.apply_vec(0.0, w0 * tfs);
            norm(vx, vy)
        } else {
            let (vx, vy) = m.apply_vec(w0 * tfs * th, 0.0);
            norm(vx, vy)
        };
        Some((ox, oy, Rect::new(bx0, by0, bx1, by1), adv))
    }
}

/// The length of the vector `(x, y)`: `hypot`, whose value along an axis
/// is the other coordinate's magnitude (C99 Annex F: `hypot(x, ±0)` is
/// `fabs(x)`), taken directly for the axis-aligned text of most pages.
fn norm(x: f32, y: f32) -> f32 {
    if y == 0.0 {
        x.abs()
    } else if x == 0.0 {
        y.abs()
    } else {
        x.hypot(y)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fonts, placed, run_page};
    use lopdf::Document;

    #[test]
    fn glyphs_advance_by_width_spacing_and_kerning() {
        let doc = Document::new();
        // Courier: every glyph 0.6 em; at 10 pt, 6 pt.
        let out = run_page(
            &doc,
            b"BT /F2 10 Tf 1 Tc 3 Tw 10 20 Td (a b) Tj [(c) -500 (d)] TJ 12 TL (e) ' 2 0 (f) \" 0 -30 Td (g) Tj ET",
            &fonts(),
        );
        let want = [
            ("a", 10.0, 80.0),
            // The space gets Tw; its glyph is kept, words split later.
            (" ", 17.0, 80.0),
            ("b", 27.0, 80.0),
            ("c", 34.0, 80.0),
            ("d", 46.0, 80.0), // + 5 pt of kerning
            ("e", 10.0, 92.0),
            ("f", 10.0, 104.0),
        ];
        let want: Vec<(String, f32, f32)> = want
            .iter()
            .map(|(t, x, y)| (t.to_string(), *x, *y))
            .collect();
        // "g" falls below the page of 100 points: dropped.
        assert_eq!(placed(&out), want);
        let g = &out.glyphs[0];
        assert_eq!((g.size, g.space, g.adv), (10.0, 6.0, 6.0));
        assert_eq!((g.bbox.y0, g.bbox.y1), (72.0, 82.0));
    }

    #[test]
    fn scaled_and_rotated_text_keeps_its_size_and_direction() {
        let doc = Document::new();
        let out = run_page(
            &doc,
            b"BT /F1 10 Tf 0 1 -1 0 50 10 Tm 200 Tz (A) Tj ET BT /F1 5 Tf 2 0 0 2 100 50 Tm (B) Tj ET",
            &fonts(),
        );
        let a = &out.glyphs[0];
        // Turned a quarter counter-clockwise: runs up the page (y down).
        assert_eq!((a.dx, a.dy), (0.0, -1.0));
        assert_eq!(a.size, 10.0);
        assert!((a.adv - 2.0 * 6.67).abs() < 1e-3); // Helvetica A, 200 %
        let b = &out.glyphs[1];
        assert_eq!((b.size, b.dx, b.x, b.y), (10.0, 1.0, 100.0, 50.0));
    }

    #[test]
    fn text_without_a_font_is_skipped() {
        let doc = Document::new();
        let out = run_page(&doc, b"BT 10 20 Td (ab) Tj ET", &fonts());
        assert!(out.glyphs.is_empty());
    }
}
