//! The graphics and text state of one running content stream (PDF 32000-1
//! §8.4, §9.3, §9.4.2): the CTM and line width, saved and restored by
//! `q`/`Q` (depth capped); the text state `Tc Tw Tz TL Ts` (the font of
//! `Tf` is set by the interpreter, which loads it); and the text and line
//! matrices `BT Td TD Tm T*`. The main types are [`GState`] and
//! [`StreamState`].

use crate::font::Font;
use crate::geom::Matrix;
use crate::lexer::Operands;
use std::rc::Rc;

/// Deepest `q` nesting kept; deeper `q`/`Q` pairs are counted, not saved.
const MAX_GSTATE_DEPTH: usize = 1024;

/// The graphics state that `q` saves: CTM, text state and line width.
#[derive(Clone)]
pub(super) struct GState {
    pub ctm: Matrix,
    /// The font of `Tf`, with its number in the document's font cache.
    pub font: Option<(u32, Rc<Font>)>,
    /// Font size (`Tfs`).
    pub size: f32,
    /// Character spacing (`Tc`).
    pub tc: f32,
    /// Word spacing (`Tw`).
    pub tw: f32,
    /// Horizontal scaling (`Th`, 1.0 = 100 %).
    pub th: f32,
    /// Leading (`TL`).
    pub tl: f32,
    /// Text rise (`Ts`).
    pub ts: f32,
    pub line_width: f32,
}

impl GState {
    /// The initial state at `ctm`.
    pub fn new(ctm: Matrix) -> Self {
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

/// The state of one content stream: the graphics state, the states saved
/// by `q`, and the text and line matrices.
pub(super) struct StreamState {
    pub gs: GState,
    stack: Vec<GState>,
    /// `q`s beyond [`MAX_GSTATE_DEPTH`] not yet matched by a `Q`.
    overflow_q: usize,
    /// The text matrix `Tm`.
    pub tm: Matrix,
    /// The text line matrix `Tlm`.
    pub tlm: Matrix,
}

impl StreamState {
    /// A stream starting at `gs`.
    pub fn new(gs: GState) -> Self {
        StreamState {
            gs,
            stack: Vec::new(),
            overflow_q: 0,
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
        }
    }

    /// Applies a graphics-state, text-state or text-positioning operator;
    /// `false` when `op` is none of them.
    pub fn apply(&mut self, op: &[u8], ops: &Operands) -> bool {
        let gs = &mut self.gs;
        match op {
            b"q" => {
                if self.stack.len() < MAX_GSTATE_DEPTH {
                    self.stack.push(gs.clone());
                } else {
                    self.overflow_q += 1;
                }
            }
            b"Q" => {
                if self.overflow_q > 0 {
                    self.overflow_q -= 1;
                } else if let Some(g) = self.stack.pop() {
                    *gs = g;
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
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            b"ET" => {}
            b"Tc" => set_num(ops, &mut gs.tc),
            b"Tw" => set_num(ops, &mut gs.tw),
            b"Tz" => {
                if let Some([v]) = ops.last_nums::<1>() {
                    gs.th = v / 100.0;
                }
            }
            b"TL" => set_num(ops, &mut gs.tl),
            b"Ts" => set_num(ops, &mut gs.ts),
            b"Td" => {
                if let Some([tx, ty]) = ops.last_nums::<2>() {
                    self.tlm = self.tlm.pre_translate(tx, ty);
                    self.tm = self.tlm;
                }
            }
            b"TD" => {
                if let Some([tx, ty]) = ops.last_nums::<2>() {
                    gs.tl = -ty;
                    self.tlm = self.tlm.pre_translate(tx, ty);
                    self.tm = self.tlm;
                }
            }
            b"Tm" => {
                if let Some(m) = ops.last_nums::<6>().and_then(|v| Matrix::from_slice(&v)) {
                    self.tlm = m;
                    self.tm = m;
                }
            }
            b"T*" => self.next_line(),
            _ => return false,
        }
        true
    }

    /// `T*`: to the start of the next line, `TL` below.
    pub fn next_line(&mut self) {
        self.tlm = self.tlm.pre_translate(0.0, -self.gs.tl);
        self.tm = self.tlm;
    }
}

/// Sets `slot` to the last operand when it is a number.
fn set_num(ops: &Operands, slot: &mut f32) {
    if let Some([v]) = ops.last_nums::<1>() {
        *slot = v;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexer::Lexer;

    /// Runs the operators of `content` through a fresh state.
    fn run(content: &[u8]) -> StreamState {
        let mut st = StreamState::new(GState::new(Matrix::IDENTITY));
        let mut lx = Lexer::new(content, 8);
        let mut ops = Operands::default();
        while let Some(op) = lx.next_op(&mut ops) {
            assert!(st.apply(op, &ops), "{}", String::from_utf8_lossy(op));
            ops.clear();
        }
        st
    }

    #[test]
    fn q_and_q_save_and_restore_the_graphics_state() {
        let st = run(b"q 2 0 0 2 10 20 cm 3 w 5 Tc Q 1 Tw");
        assert_eq!(st.gs.ctm, Matrix::IDENTITY);
        assert_eq!((st.gs.line_width, st.gs.tc, st.gs.tw), (1.0, 0.0, 1.0));
        // An unmatched Q is harmless.
        let st = run(b"Q Q 4 Ts");
        assert_eq!(st.gs.ts, 4.0);
    }

    #[test]
    fn text_positioning_moves_the_line_matrix() {
        let st = run(b"BT 10 20 Td 0 -12 TD T* 50 Tz");
        assert_eq!(st.gs.tl, 12.0);
        assert_eq!(st.tlm, Matrix::translate(10.0, -4.0));
        assert_eq!(st.tm, st.tlm);
        assert_eq!(st.gs.th, 0.5);
        let st = run(b"BT 1 0 0 1 5 6 Tm 14 TL T* BT");
        assert_eq!(st.tm, Matrix::IDENTITY);
    }

    #[test]
    fn other_operators_are_not_state() {
        let mut st = StreamState::new(GState::new(Matrix::IDENTITY));
        let ops = Operands::default();
        assert!(!st.apply(b"Tj", &ops));
        assert!(!st.apply(b"re", &ops));
    }
}
