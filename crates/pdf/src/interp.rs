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

use crate::error::PdfError;
use crate::font::{Font, FontLimits};
use crate::geom::Matrix;
use crate::lexer::{Lexer, Obj, Operands};
use crate::limits::{Budget, Limits};
use crate::objects::{get_array, get_dict, get_num, nums, stream_data};
use internbudget_layout::{Limit, Rect};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

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

const MAX_RULINGS: usize = 100_000;
const MAX_PATH_SEGMENTS: usize = 100_000;
const MAX_GSTATE_DEPTH: usize = 1024;
/// Decoded form XObjects kept across pages, in bytes.
const FORM_CACHE_BYTES: usize = 64 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum FontKey {
    Id(ObjectId),
    Inline(usize),
    Missing,
}

/// State shared by all pages of one document: caches and limits.
pub(crate) struct DocCtx<'a> {
    pub doc: &'a Document,
    pub limits: &'a Limits,
    pub budget: Budget,
    fonts: HashMap<FontKey, (u32, Rc<Font>)>,
    forms: HashMap<ObjectId, Rc<[u8]>>,
    form_bytes: usize,
}

impl<'a> DocCtx<'a> {
    /// A context for reading `doc`.
    pub fn new(doc: &'a Document, limits: &'a Limits, budget: Budget) -> Self {
        DocCtx {
            doc,
            limits,
            budget,
            fonts: HashMap::new(),
            forms: HashMap::new(),
            form_bytes: 0,
        }
    }

    fn font_limits(&self) -> FontLimits {
        FontLimits {
            max_stream_bytes: self.limits.max_stream_bytes,
            max_depth: self.limits.max_nesting_depth,
        }
    }

    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> (u32, Rc<Font>) {
        let doc = self.doc;
        let entry = resources
            .and_then(|r| get_dict(doc, r, b"Font"))
            .and_then(|fonts| fonts.get(name).ok());
        let (key, dict) = match entry {
            Some(Object::Reference(id)) => match doc.get_object(*id) {
                Ok(Object::Dictionary(d)) => (FontKey::Id(*id), Some(d)),
                _ => (FontKey::Missing, None),
            },
            Some(Object::Dictionary(d)) => {
                (FontKey::Inline(std::ptr::from_ref(d) as usize), Some(d))
            }
            _ => (FontKey::Missing, None),
        };
        if let Some(f) = self.fonts.get(&key) {
            return f.clone();
        }
        let font = match dict {
            Some(d) => Font::load(doc, d, self.font_limits()),
            None => Font::fallback(),
        };
        let id = u32::try_from(self.fonts.len()).unwrap_or(u32::MAX);
        let entry = (id, Rc::new(font));
        self.fonts.insert(key, entry.clone());
        entry
    }

    fn form_data(
        &mut self,
        id: ObjectId,
        s: &lopdf::Stream,
        page: u32,
    ) -> Result<Rc<[u8]>, PdfError> {
        if let Some(d) = self.forms.get(&id) {
            return Ok(d.clone());
        }
        let data: Rc<[u8]> = stream_data(s, self.limits.max_stream_bytes)
            .map_err(|_| too_large_stream(self.limits, page))?
            .into();
        if self.form_bytes + data.len() <= FORM_CACHE_BYTES {
            self.form_bytes += data.len();
            self.forms.insert(id, data.clone());
        }
        Ok(data)
    }
}

pub(crate) fn too_large_stream(limits: &Limits, page: u32) -> PdfError {
    PdfError::TooLarge {
        what: Limit::StreamBytes,
        limit: limits.max_stream_bytes as u64,
        page: Some(page),
    }
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<(u32, Rc<Font>)>,
    size: f32,
    tc: f32,
    tw: f32,
    th: f32,
    tl: f32,
    ts: f32,
    line_width: f32,
}

impl GState {
    fn new(ctm: Matrix) -> Self {
        GState {
            ctm,
            font: None,
            size: 0.0,
            tc: 0.0,
            tw: 0.0,
            th: 1.0,
            tl: 0.0,
            ts: 0.0,
            line_width: 1.0,
        }
    }
}

#[derive(Default)]
struct Path {
    /// Segments in page coordinates.
    segs: Vec<[f32; 4]>,
    /// Index in `segs` where each subpath starts.
    subpaths: Vec<usize>,
    cur: (f32, f32),
    start: (f32, f32),
    has_curves: bool,
}

impl Path {
    fn clear(&mut self) {
        self.segs.clear();
        self.subpaths.clear();
        self.has_curves = false;
    }

    fn move_to(&mut self, p: (f32, f32)) {
        self.cur = p;
        self.start = p;
        self.subpaths.push(self.segs.len());
    }

    fn line_to(&mut self, p: (f32, f32)) {
        if self.subpaths.is_empty() {
            self.subpaths.push(self.segs.len());
        }
        if self.segs.len() < MAX_PATH_SEGMENTS {
            self.segs.push([self.cur.0, self.cur.1, p.0, p.1]);
        }
        self.cur = p;
    }
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

/// A marked-content span with `/ActualText`: its glyphs are replaced by the
/// text, placed over their extent (as pdftotext does).
struct ActualSpan {
    text: String,
    first: Option<(f32, f32)>,
    end: (f32, f32),
    bbox: Option<Rect>,
    size: f32,
    dx: f32,
    dy: f32,
    space: f32,
}

const MAX_MARKED_DEPTH: usize = 4096;

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

impl<'c, 'a> PageRun<'c, 'a> {
    /// Starts a page of the given size.
    pub fn new(ctx: &'c mut DocCtx<'a>, page: u32, (width, height): (f32, f32)) -> Self {
        PageRun {
            ctx,
            page,
            width,
            height,
            ops: 0,
            forms: Vec::new(),
            out: PageOut::default(),
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
            self.actual = Some(ActualSpan {
                text,
                first: None,
                end: (0.0, 0.0),
                bbox: None,
                size: 0.0,
                dx: 1.0,
                dy: 0.0,
                space: 0.0,
            });
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
    fn end_actual_text(&mut self) {
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

    fn exec(
        &mut self,
        content: &[u8],
        res: Option<&'a Dictionary>,
        gs0: GState,
    ) -> Result<(), PdfError> {
        let mut lx = Lexer::new(content, self.ctx.limits.max_nesting_depth);
        let mut ops = Operands::default();
        let mut gs = gs0;
        let mut stack: Vec<GState> = Vec::new();
        let mut overflow_q = 0usize;
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        while let Some(op) = lx.next_op(&mut ops) {
            self.ops += 1;
            self.check_ops()?;
            if self.ops.is_multiple_of(1 << 16) {
                self.ctx.budget.check(Some(self.page))?;
            }
            match op {
                b"q" => {
                    if stack.len() < MAX_GSTATE_DEPTH {
                        stack.push(gs.clone());
                    } else {
                        overflow_q += 1;
                    }
                }
                b"Q" => {
                    if overflow_q > 0 {
                        overflow_q -= 1;
                    } else if let Some(g) = stack.pop() {
                        gs = g;
                    }
                }
                b"cm" => {
                    if let Some(m) = ops.last_nums::<6>().and_then(|v| Matrix::from_slice(&v)) {
                        let ctm = m.then(&gs.ctm);
                        if ctm.is_finite() {
                            gs.ctm = ctm;
                        }
                    }
                }
                b"w" => {
                    if let Some([w]) = ops.last_nums::<1>() {
                        gs.line_width = w.abs();
                    }
                }
                b"BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                b"ET" => {}
                b"Tf" => {
                    if let Some(size) = ops.num(ops.items.len().saturating_sub(1)) {
                        gs.size = size;
                    }
                    if let Some(name) = ops.items.first().filter(|o| matches!(o, Obj::Name(_))) {
                        let name = ops.bytes_of(name);
                        gs.font = Some(self.ctx.font(res, name));
                        // Loading a font (a large CMap) takes time of its own.
                        self.ctx.budget.check(Some(self.page))?;
                    }
                }
                b"Tc" => set_num(&ops, &mut gs.tc),
                b"Tw" => set_num(&ops, &mut gs.tw),
                b"Tz" => {
                    if let Some([v]) = ops.last_nums::<1>() {
                        gs.th = v / 100.0;
                    }
                }
                b"TL" => set_num(&ops, &mut gs.tl),
                b"Ts" => set_num(&ops, &mut gs.ts),
                b"Td" => {
                    if let Some([tx, ty]) = ops.last_nums::<2>() {
                        tlm = tlm.pre_translate(tx, ty);
                        tm = tlm;
                    }
                }
                b"TD" => {
                    if let Some([tx, ty]) = ops.last_nums::<2>() {
                        gs.tl = -ty;
                        tlm = tlm.pre_translate(tx, ty);
                        tm = tlm;
                    }
                }
                b"Tm" => {
                    if let Some(m) = ops.last_nums::<6>().and_then(|v| Matrix::from_slice(&v)) {
                        tlm = m;
                        tm = m;
                    }
                }
                b"T*" => {
                    tlm = tlm.pre_translate(0.0, -gs.tl);
                    tm = tlm;
                }
                b"Tj" => {
                    if let Some(s) = ops.items.last() {
                        self.show(&gs, &mut tm, ops.bytes_of(s))?;
                    }
                }
                b"'" => {
                    tlm = tlm.pre_translate(0.0, -gs.tl);
                    tm = tlm;
                    if let Some(s) = ops.items.last() {
                        self.show(&gs, &mut tm, ops.bytes_of(s))?;
                    }
                }
                b"\"" => {
                    let n = ops.items.len();
                    if n >= 3 {
                        if let Some(v) = ops.num(n - 3) {
                            gs.tw = v;
                        }
                        if let Some(v) = ops.num(n - 2) {
                            gs.tc = v;
                        }
                    }
                    tlm = tlm.pre_translate(0.0, -gs.tl);
                    tm = tlm;
                    if let Some(s) = ops.items.last() {
                        self.show(&gs, &mut tm, ops.bytes_of(s))?;
                    }
                }
                b"TJ" => {
                    if let Some(Obj::Array(items)) = ops.items.last() {
                        for item in items {
                            match item {
                                Obj::Num(n) if n.is_finite() => {
                                    let shift = -n / 1000.0 * gs.size;
                                    let vertical = gs.font.as_ref().is_some_and(|f| f.1.vertical);
                                    tm = if vertical {
                                        tm.pre_translate(0.0, shift)
                                    } else {
                                        tm.pre_translate(shift * gs.th, 0.0)
                                    };
                                }
                                Obj::Str(_) => self.show(&gs, &mut tm, ops.bytes_of(item))?,
                                _ => {}
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(name) = ops.last_name() {
                        let name = name.to_vec();
                        self.do_xobject(res, &name, &gs)?;
                    }
                }
                b"m" => {
                    if let Some([x, y]) = ops.last_nums::<2>() {
                        self.path.move_to(gs.ctm.apply(x, y));
                    }
                }
                b"l" => {
                    if let Some([x, y]) = ops.last_nums::<2>() {
                        self.path.line_to(gs.ctm.apply(x, y));
                    }
                }
                b"c" | b"v" | b"y" => {
                    if let Some([x, y]) = ops.last_nums::<2>() {
                        self.path.cur = gs.ctm.apply(x, y);
                        self.path.has_curves = true;
                    }
                }
                b"h" => {
                    let start = self.path.start;
                    if self.path.cur != start {
                        self.path.line_to(start);
                    }
                }
                b"re" => {
                    if let Some([x, y, w, h]) = ops.last_nums::<4>() {
                        let m = &gs.ctm;
                        self.path.move_to(m.apply(x, y));
                        self.path.line_to(m.apply(x + w, y));
                        self.path.line_to(m.apply(x + w, y + h));
                        self.path.line_to(m.apply(x, y + h));
                        self.path.line_to(m.apply(x, y));
                    }
                }
                b"S" | b"s" => {
                    if op == b"s" {
                        let start = self.path.start;
                        self.path.line_to(start);
                    }
                    self.stroke(&gs);
                    self.path.clear();
                }
                b"f" | b"F" | b"f*" => {
                    self.fill();
                    self.path.clear();
                }
                b"B" | b"B*" | b"b" | b"b*" => {
                    self.fill();
                    self.stroke(&gs);
                    self.path.clear();
                }
                b"n" => self.path.clear(),
                b"BMC" if self.marked.len() < MAX_MARKED_DEPTH => self.marked.push(false),
                b"BDC" => self.begin_marked(&ops, res),
                b"EMC" => self.end_marked(),
                _ => {}
            }
            ops.clear();
        }
        Ok(())
    }

    fn do_xobject(
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

    /// Shows a string; every glyph counts against `max_ops_per_page`.
    fn show(&mut self, gs: &GState, tm: &mut Matrix, bytes: &[u8]) -> Result<(), PdfError> {
        let Some((_, font)) = gs.font.clone() else {
            // No font selected: nothing can be placed; text is skipped.
            return Ok(());
        };
        let tfs = gs.size;
        let th = gs.th;
        let mut m = tm.then(&gs.ctm);
        let (vx, vy) = m.apply_vec(0.0, tfs * font.em);
        let size = vx.hypot(vy);
        let (bx, by) = if font.vertical {
            m.apply_vec(0.0, -tfs)
        } else {
            m.apply_vec(tfs * th, 0.0)
        };
        let blen = bx.hypot(by);
        let placeable = size.is_finite() && size > 0.0 && blen.is_finite() && blen > 0.0;
        let (dx, dy) = if placeable {
            (bx / blen, by / blen)
        } else {
            (1.0, 0.0)
        };
        let space = font.space_width.map_or(0.25 * size, |w| w * blen);
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
                let full = if font.vertical {
                    (0.0, -(w0 * tfs) + gs.tc + word_space)
                } else {
                    ((w0 * tfs + gs.tc + word_space) * th, 0.0)
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
                if placeable && corners.iter().all(|(x, y)| x.is_finite() && y.is_finite()) {
                    let mut r = span
                        .bbox
                        .unwrap_or(Rect::new(origin.0, origin.1, origin.0, origin.1));
                    for (x, y) in corners {
                        r = r.union(&Rect::new(x, y, x, y));
                    }
                    span.bbox = Some(r);
                    if span.first.is_none() {
                        span.first = Some(origin);
                        span.size = size;
                        span.dx = dx;
                        span.dy = dy;
                        span.space = if space.is_finite() && space > 0.0 {
                            space
                        } else {
                            0.25 * size
                        };
                    }
                    span.end = end;
                }
            } else if placeable && self.out.glyphs.len() < u32::MAX as usize {
                let start = self.out.text.len();
                font.push_text(code, code_bytes, &mut self.out.text);
                if self.out.text.len() > start {
                    let placed = self.place(&m, &font, tfs, th, gs.ts, w0);
                    match placed {
                        Some((x, y, bbox, adv)) => self.out.glyphs.push(Glyph {
                            x,
                            y,
                            dx,
                            dy,
                            adv,
                            bbox,
                            size,
                            space: if space.is_finite() && space > 0.0 {
                                space
                            } else {
                                0.25 * size
                            },
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
            vx.hypot(vy)
        } else {
            let (vx, vy) = m.apply_vec(w0 * tfs * th, 0.0);
            vx.hypot(vy)
        };
        Some((ox, oy, Rect::new(bx0, by0, bx1, by1), adv))
    }

    fn stroke(&mut self, gs: &GState) {
        let t = (gs.line_width * m_scale(&gs.ctm)).max(0.1);
        for &[x0, y0, x1, y1] in &self.path.segs {
            if self.out.rulings.len() >= MAX_RULINGS {
                return;
            }
            let r = if (y1 - y0).abs() < 0.5 && (x1 - x0).abs() >= 0.5 {
                Rect::new(x0, y0 - t / 2.0, x1, y1 + t / 2.0)
            } else if (x1 - x0).abs() < 0.5 && (y1 - y0).abs() >= 0.5 {
                Rect::new(x0 - t / 2.0, y0, x1 + t / 2.0, y1)
            } else {
                continue;
            };
            if [r.x0, r.y0, r.x1, r.y1].iter().all(|v| v.is_finite()) {
                self.out.rulings.push(r);
            }
        }
    }

    fn fill(&mut self) {
        if self.path.has_curves {
            return;
        }
        let subs = &self.path.subpaths;
        for (i, &start) in subs.iter().enumerate() {
            let end = subs.get(i + 1).copied().unwrap_or(self.path.segs.len());
            let Some(segs) = self.path.segs.get(start..end) else {
                continue;
            };
            if segs.is_empty() || self.out.rulings.len() >= MAX_RULINGS {
                continue;
            }
            let axis_aligned = segs
                .iter()
                .all(|[x0, y0, x1, y1]| (x1 - x0).abs() < 0.5 || (y1 - y0).abs() < 0.5);
            if !axis_aligned {
                continue;
            }
            let Some(r) = segs
                .iter()
                .map(|&[x0, y0, x1, y1]| Rect::new(x0, y0, x1, y1))
                .reduce(|a, b| a.union(&b))
            else {
                continue;
            };
            let thin = r.width().min(r.height()) <= 3.0 && r.width().max(r.height()) >= 2.0;
            if thin && [r.x0, r.y0, r.x1, r.y1].iter().all(|v| v.is_finite()) {
                self.out.rulings.push(r);
            }
        }
    }
}

/// A form's `/Matrix`, identity when absent or malformed.
fn form_matrix(doc: &Document, s: &lopdf::Stream) -> Matrix {
    get_array(doc, &s.dict, b"Matrix")
        .map(|a| nums(doc, a))
        .and_then(|v| Matrix::from_slice(&v))
        .unwrap_or(Matrix::IDENTITY)
}

fn set_num(ops: &Operands, slot: &mut f32) {
    if let Some([v]) = ops.last_nums::<1>() {
        *slot = v;
    }
}

/// The average scale of a matrix (square root of the absolute determinant).
fn m_scale(m: &Matrix) -> f32 {
    (m.a * m.d - m.b * m.c).abs().sqrt()
}

/// The `/MediaBox`-like rectangle at `key` as `[x0, y0, x1, y1]`, normalised.
pub(crate) fn rect_of(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<[f32; 4]> {
    let v = nums(doc, get_array(doc, d, key)?);
    match v.as_slice() {
        [a, b, c, e] => {
            let r = [a.min(*c), b.min(*e), a.max(*c), b.max(*e)];
            (r[2] - r[0] > 0.0 && r[3] - r[1] > 0.0).then_some(r)
        }
        _ => None,
    }
}

/// The `/Rotate` number at `key`, when present.
pub(crate) fn rotate_of(doc: &Document, d: &Dictionary) -> Option<i32> {
    get_num(doc, d, b"Rotate").map(|r| (r as i32).rem_euclid(360) / 90 * 90)
}
