//! Form XObjects (PDF 32000-1 §8.10) and annotation appearances (§12.5.5):
//! `Do` runs a form's content stream at the current graphics state through
//! its `/Matrix`, with its own `/Resources` or else the caller's; forms
//! already running (cycles) and forms nested deeper than the limit are
//! skipped. An annotation's normal appearance is fitted to its `/Rect`.

use super::PageRun;
use super::context::rect_of;
use super::state::GState;
use crate::error::PdfError;
use crate::geom::Matrix;
use crate::objects::{get_array, get_dict, get_num, nums};
use lopdf::{Dictionary, Document, Object, ObjectId};

impl<'a> PageRun<'_, 'a> {
    /// Draws an annotation's normal appearance (PDF 32000-1 §12.5.5): the
    /// form's bounding box, through its matrix, is fitted to the
    /// annotation's rectangle. Hidden annotations are skipped.
    pub fn run_annotation(&mut self, annot: &'a Dictionary, base: Matrix) -> Result<(), PdfError> {
        let doc = self.ctx.doc;
        let flags = get_num(doc, annot, b"F").map_or(0, |f| f as i64);
        if flags & (2 | 32) != 0 {
            return Ok(());
        }
        let Some(ap) = get_dict(doc, annot, b"AP") else {
            return Ok(());
        };
        let stream = match ap.get(b"N").ok().map(|o| doc.dereference(o)) {
            Some(Ok((id, Object::Stream(s)))) => Some((id, s)),
            Some(Ok((_, Object::Dictionary(states)))) => {
                let state = annot.get(b"AS").ok().and_then(|o| o.as_name().ok());
                state
                    .and_then(|st| states.get(st).ok())
                    .and_then(|o| match doc.dereference(o) {
                        Ok((id, Object::Stream(s))) => Some((id, s)),
                        _ => None,
                    })
            }
            _ => None,
        };
        let (Some((Some(id), s)), Some(rect)) = (stream, rect_of(doc, annot, b"Rect")) else {
            return Ok(());
        };
        let matrix = form_matrix(doc, s);
        let Some(bbox) = rect_of(doc, &s.dict, b"BBox") else {
            return Ok(());
        };
        let corners = [
            matrix.apply(bbox[0], bbox[1]),
            matrix.apply(bbox[2], bbox[1]),
            matrix.apply(bbox[0], bbox[3]),
            matrix.apply(bbox[2], bbox[3]),
        ];
        let (mut tx0, mut ty0, mut tx1, mut ty1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for (x, y) in corners {
            tx0 = tx0.min(x);
            ty0 = ty0.min(y);
            tx1 = tx1.max(x);
            ty1 = ty1.max(y);
        }
        if tx1 - tx0 <= 0.0 || ty1 - ty0 <= 0.0 {
            return Ok(());
        }
        let sx = (rect[2] - rect[0]) / (tx1 - tx0);
        let sy = (rect[3] - rect[1]) / (ty1 - ty0);
        let fit = Matrix::new(sx, 0.0, 0.0, sy, rect[0] - sx * tx0, rect[1] - sy * ty0);
        let gs = GState::new(fit.then(&base));
        self.run_form(id, s, None, &gs)
    }

    pub(super) fn do_xobject(
        &mut self,
        res: Option<&'a Dictionary>,
        name: &[u8],
        gs: &GState,
    ) -> Result<(), PdfError> {
        let doc = self.ctx.doc;
        let Some(Object::Reference(id)) = res
            .and_then(|r| get_dict(doc, r, b"XObject"))
            .and_then(|x| x.get(name).ok())
        else {
            return Ok(());
        };
        let id = *id;
        let Ok(Object::Stream(s)) = doc.get_object(id) else {
            return Ok(());
        };
        if s.dict.get(b"Subtype").ok().and_then(|o| o.as_name().ok()) != Some(b"Form".as_slice()) {
            return Ok(());
        }
        self.run_form(id, s, res, gs)
    }

    /// Runs a form XObject at the graphics state `gs`, with its own
    /// resources or else `res`; skips forms already running (cycles) and
    /// forms nested deeper than the limit.
    fn run_form(
        &mut self,
        id: ObjectId,
        s: &'a lopdf::Stream,
        res: Option<&'a Dictionary>,
        gs: &GState,
    ) -> Result<(), PdfError> {
        let doc = self.ctx.doc;
        if self.forms.contains(&id)
            || self.forms.len() >= self.ctx.limits.max_xobject_depth as usize
        {
            return Ok(());
        }
        // Decoding a form (or an annotation's appearance) takes time of its
        // own, however few operators it holds.
        self.ctx.budget.check(Some(self.page))?;
        let data = self.ctx.form_data(id, s, self.page)?;
        let matrix = form_matrix(doc, s);
        let form_res = get_dict(doc, &s.dict, b"Resources").or(res);
        let mut inner = gs.clone();
        inner.ctm = matrix.then(&gs.ctm);
        if !inner.ctm.is_finite() {
            return Ok(());
        }
        self.forms.push(id);
        let saved = std::mem::take(&mut self.path);
        let r = self.exec(&data, form_res, inner);
        self.path = saved;
        self.forms.pop();
        r
    }
}

/// A form's `/Matrix`, identity when absent or malformed.
fn form_matrix(doc: &Document, s: &lopdf::Stream) -> Matrix {
    get_array(doc, &s.dict, b"Matrix")
        .map(|a| nums(doc, a))
        .and_then(|v| Matrix::from_slice(&v))
        .unwrap_or(Matrix::IDENTITY)
}
