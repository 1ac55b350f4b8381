//! The content-stream interpreter: a graphics and text state machine
//! (PDF 32000-1 §8.4, §9.3, §9.4) that turns a page's operators into
//! positioned glyphs and ruling lines.
//!
//! It tracks the CTM (`q`/`Q`/`cm`), the text state (`Tc Tw Tz TL Ts Tf Tr`),
//! the text and line matrices (`BT ET Td TD Tm T*`), shows strings (`Tj TJ '
//! "`), runs form XObjects (`Do`, with `/Matrix` and their own
//! `/Resources`; depth capped, cycles detected) and collects paths
//! (`m l h re` … `S f B n`) to report thin filled rectangles and stroked
//! horizontal and vertical lines as rulings. Every glyph is placed with
//! `Trm = [Tfs·Th 0 0 Tfs 0 Ts] × Tm × CTM`, the CTM starting at the page
//! matrix, so glyph boxes come out in page coordinates (top-left origin,
//! y down). Glyphs wholly outside the page are dropped, as pdftotext does.
//!
//! Parts: `context` (the document's font and form caches, page
//! attributes), `state` (graphics and text state), `show` (placing
//! glyphs), `marked` (marked content and `/ActualText`), `paths` (rulings
//! from paths), `forms` (form XObjects and annotation appearances). The
//! main types are [`PageRun`], which interprets one page, and [`PageOut`],
//! what it drew.

mod context;
mod forms;
mod marked;
mod paths;
mod show;
mod state;

pub(crate) use context::{DocCtx, rect_of, rotate_of, too_large_stream};

use crate::error::PdfError;
use crate::geom::Matrix;
use crate::lexer::{Lexer, Obj, Operands};
use internbudget_layout::{Limit, Rect};
use lopdf::{Dictionary, ObjectId};
use marked::ActualSpan;
use paths::Path;
use state::{GState, StreamState};
use std::ops::Range;

/// One shown glyph, in page coordinates.
#[derive(Debug, Clone)]
pub(crate) struct Glyph {
    /// Origin (on the baseline, at the start of the advance).
    pub x: f32,
    /// Origin, y.
    pub y: f32,
    /// Unit vector along the baseline (the writing direction).
    pub dx: f32,
    /// Unit vector along the baseline, y.
    pub dy: f32,
    /// Advance of the glyph itself along the baseline (no Tc/Tw).
    pub adv: f32,
    /// The glyph box.
    pub bbox: Rect,
    /// Font size after all matrices.
    pub size: f32,
    /// Width of a space in this font at this size.
    pub space: f32,
    /// The glyph's text, a range of [`PageOut::text`].
    pub text: Range<usize>,
}

/// What interpreting a page produced.
#[derive(Debug, Default)]
pub(crate) struct PageOut {
    /// Glyphs in drawing order.
    pub glyphs: Vec<Glyph>,
    /// Text of all glyphs.
    pub text: String,
    /// Ruling lines and thin rectangles.
    pub rulings: Vec<Rect>,
}

/// Interprets one page (and the forms it draws).
pub(crate) struct PageRun<'c, 'a> {
    ctx: &'c mut DocCtx<'a>,
    page: u32,
    width: f32,
    height: f32,
    ops: usize,
    forms: Vec<ObjectId>,
    out: PageOut,
    path: Path,
    /// Open marked-content sequences; `true` for the one that opened the
    /// active `/ActualText` span.
    marked: Vec<bool>,
    actual: Option<ActualSpan>,
}

impl<'c, 'a> PageRun<'c, 'a> {
    /// Starts a page of the given size.
    pub fn new(ctx: &'c mut DocCtx<'a>, page: u32, (width, height): (f32, f32)) -> Self {
        let out = ctx.page_buffers();
        PageRun {
            ctx,
            page,
            width,
            height,
            ops: 0,
            forms: Vec::new(),
            out,
            path: Path::default(),
            marked: Vec::new(),
            actual: None,
        }
    }

    /// Runs a content stream with `resources`, starting at `ctm`.
    pub fn run_content(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        ctm: Matrix,
    ) -> Result<(), PdfError> {
        self.exec(content, resources, GState::new(ctm))
    }

    /// Fails once the page has used more operators and glyphs than
    /// `max_ops_per_page`.
    fn check_ops(&self) -> Result<(), PdfError> {
        if self.ops > self.ctx.limits.max_ops_per_page {
            return Err(PdfError::TooLarge {
                what: Limit::OpsPerPage,
                limit: self.ctx.limits.max_ops_per_page as u64,
                page: Some(self.page),
            });
        }
        Ok(())
    }

    /// The glyphs and rulings drawn so far.
    pub fn finish(mut self) -> PageOut {
        self.end_actual_text();
        self.out
    }

    /// Runs one content stream (a page's, a form's) with `res`, starting
    /// at the graphics state `gs0`.
    fn exec(
        &mut self,
        content: &[u8],
        res: Option<&'a Dictionary>,
        gs0: GState,
    ) -> Result<(), PdfError> {
        let mut lx = Lexer::new(content, self.ctx.limits.max_nesting_depth);
        let mut ops = Operands::default();
        let mut st = StreamState::new(gs0);
        while let Some(op) = lx.next_op(&mut ops) {
            self.ops += 1;
            self.check_ops()?;
            if self.ops.is_multiple_of(1 << 16) {
                self.ctx.budget.check(Some(self.page))?;
            }
            self.op(op, &ops, res, &mut st)?;
            ops.clear();
        }
        Ok(())
    }

    /// Applies one operator with its operands.
    fn op(
        &mut self,
        op: &[u8],
        ops: &Operands,
        res: Option<&'a Dictionary>,
        st: &mut StreamState,
    ) -> Result<(), PdfError> {
        if st.apply(op, ops) || self.path_op(op, ops, &st.gs) || self.marked_op(op, ops, res) {
            return Ok(());
        }
        match op {
            b"Tf" => {
                if let Some(size) = ops.num(ops.items.len().saturating_sub(1)) {
                    st.gs.size = size;
                }
                if let Some(name) = ops.items.first().filter(|o| matches!(o, Obj::Name(_))) {
                    let name = ops.bytes_of(name);
                    st.gs.font = Some(self.ctx.font(res, name));
                    // Loading a font (a large CMap) takes time of its own.
                    self.ctx.budget.check(Some(self.page))?;
                }
            }
            b"Do" => {
                if let Some(name) = ops.last_name() {
                    self.do_xobject(res, name, &st.gs)?;
                }
            }
            _ => {
                self.show_op(op, ops, st)?;
            }
        }
        Ok(())
    }
}

/// Helpers for the tests of the interpreter's parts.
#[cfg(test)]
mod testing {
    use super::{DocCtx, PageOut, PageRun};
    use crate::geom::Matrix;
    use crate::limits::{Budget, Limits};
    use internbudget_layout::Deadline;
    use lopdf::{Dictionary, Document, dictionary};

    /// Resources with Helvetica as `/F1` and Courier as `/F2`.
    pub(super) fn fonts() -> Dictionary {
        dictionary! {
            "Font" => dictionary! {
                "F1" => dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" },
                "F2" => dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier" },
            },
        }
    }

    /// Interprets `content` on a page of 200 × 100 points whose user space
    /// has its origin at the bottom-left corner.
    pub(super) fn run_page(doc: &Document, content: &[u8], res: &Dictionary) -> PageOut {
        let limits = Limits::default();
        let mut ctx = DocCtx::new(doc, &limits, Budget::until(Deadline::never()));
        let mut run = PageRun::new(&mut ctx, 1, (200.0, 100.0));
        let page = Matrix::new(1.0, 0.0, 0.0, -1.0, 0.0, 100.0);
        run.run_content(content, Some(res), page)
            .expect("within limits");
        run.finish()
    }

    /// The text of each glyph with its origin, rounded to 0.01 pt.
    pub(super) fn placed(out: &PageOut) -> Vec<(String, f32, f32)> {
        let round = |v: f32| (v * 100.0).round() / 100.0;
        out.glyphs
            .iter()
            .map(|g| (out.text[g.text.clone()].to_string(), round(g.x), round(g.y)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{fonts, placed, run_page};
    use lopdf::Document;

    #[test]
    fn operators_reach_their_parts() {
        let doc = Document::new();
        let out = run_page(
            &doc,
            b"q 0 0 100 1 re f Q BT /F2 10 Tf 10 20 Td (ab) Tj /Span <</ActualText (X)>> BDC (cd) Tj EMC ET",
            &fonts(),
        );
        assert_eq!(out.rulings.len(), 1);
        assert_eq!(
            placed(&out),
            [
                ("a".into(), 10.0, 80.0),
                ("b".into(), 16.0, 80.0),
                ("X".into(), 22.0, 80.0)
            ]
        );
        assert_eq!(out.glyphs[2].adv, 12.0); // over "cd"
    }
}
