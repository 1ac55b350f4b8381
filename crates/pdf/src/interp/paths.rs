//! Paths as table borders (PDF 32000-1 §8.5): the construction operators
//! (`m l c v y h re`) collect straight segments in page coordinates, and
//! the painting operators turn them into rulings — stroked horizontal and
//! vertical segments (`S s B b`) and thin filled axis-aligned rectangles
//! (`f F f* B b`). Curves mark a path as not a ruling when filled. The main
//! type is [`Path`].

use super::PageRun;
use super::state::GState;
use crate::geom::Matrix;
use crate::lexer::Operands;
use internbudget_layout::Rect;

/// Most rulings kept per page.
const MAX_RULINGS: usize = 100_000;
/// Most segments kept per path.
const MAX_PATH_SEGMENTS: usize = 100_000;

/// The path under construction.
#[derive(Default)]
pub(super) struct Path {
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

    /// Applies a path construction operator at the CTM `ctm`; `false` when
    /// `op` is none.
    fn construct(&mut self, op: &[u8], ops: &Operands, ctm: &Matrix) -> bool {
        match op {
            b"m" => {
                if let Some([x, y]) = ops.last_nums::<2>() {
                    self.move_to(ctm.apply(x, y));
                }
            }
            b"l" => {
                if let Some([x, y]) = ops.last_nums::<2>() {
                    self.line_to(ctm.apply(x, y));
                }
            }
            b"c" | b"v" | b"y" => {
                if let Some([x, y]) = ops.last_nums::<2>() {
                    self.cur = ctm.apply(x, y);
                    self.has_curves = true;
                }
            }
            b"h" => {
                let start = self.start;
                if self.cur != start {
                    self.line_to(start);
                }
            }
            b"re" => {
                if let Some([x, y, w, h]) = ops.last_nums::<4>() {
                    self.move_to(ctm.apply(x, y));
                    self.line_to(ctm.apply(x + w, y));
                    self.line_to(ctm.apply(x + w, y + h));
                    self.line_to(ctm.apply(x, y + h));
                    self.line_to(ctm.apply(x, y));
                }
            }
            _ => return false,
        }
        true
    }

    /// Applies a path painting operator, adding the rulings it draws to
    /// `rulings`; `false` when `op` is none.
    fn paint(&mut self, op: &[u8], gs: &GState, rulings: &mut Vec<Rect>) -> bool {
        match op {
            b"S" | b"s" => {
                if op == b"s" {
                    let start = self.start;
                    self.line_to(start);
                }
                self.stroke(gs, rulings);
            }
            b"f" | b"F" | b"f*" => self.fill(rulings),
            b"B" | b"B*" | b"b" | b"b*" => {
                self.fill(rulings);
                self.stroke(gs, rulings);
            }
            b"n" => {}
            _ => return false,
        }
        self.clear();
        true
    }

    /// Stroked horizontal and vertical segments, as wide as the line.
    fn stroke(&self, gs: &GState, rulings: &mut Vec<Rect>) {
        let t = (gs.line_width * m_scale(&gs.ctm)).max(0.1);
        for &[x0, y0, x1, y1] in &self.segs {
            if rulings.len() >= MAX_RULINGS {
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
                rulings.push(r);
            }
        }
    }

    /// Filled subpaths of axis-aligned segments whose box is thin (at most
    /// 3 pt across and 2 pt long).
    fn fill(&self, rulings: &mut Vec<Rect>) {
        if self.has_curves {
            return;
        }
        let subs = &self.subpaths;
        for (i, &start) in subs.iter().enumerate() {
            let end = subs.get(i + 1).copied().unwrap_or(self.segs.len());
            let Some(segs) = self.segs.get(start..end) else {
                continue;
            };
            if segs.is_empty() || rulings.len() >= MAX_RULINGS {
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
                rulings.push(r);
            }
        }
    }
}

impl PageRun<'_, '_> {
    /// Applies a path operator; `false` when `op` is none.
    pub(super) fn path_op(&mut self, op: &[u8], ops: &Operands, gs: &GState) -> bool {
        self.path.construct(op, ops, &gs.ctm) || self.path.paint(op, gs, &mut self.out.rulings)
    }
}

/// The average scale of a matrix (square root of the absolute determinant).
fn m_scale(m: &Matrix) -> f32 {
    (m.a * m.d - m.b * m.c).abs().sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexer::Lexer;

    /// The rulings `content` draws at a CTM that scales by 2.
    fn rulings(content: &[u8]) -> Vec<Rect> {
        let gs = GState::new(Matrix::new(2.0, 0.0, 0.0, 2.0, 0.0, 0.0));
        let mut path = Path::default();
        let mut out = Vec::new();
        let mut lx = Lexer::new(content, 8);
        let mut ops = Operands::default();
        while let Some(op) = lx.next_op(&mut ops) {
            assert!(path.construct(op, &ops, &gs.ctm) || path.paint(op, &gs, &mut out));
            ops.clear();
        }
        out
    }

    #[test]
    fn stroked_lines_and_thin_rectangles_are_rulings() {
        // A horizontal line, a vertical one and a diagonal (not a ruling).
        let r = rulings(b"0 10 m 50 10 l 5 0 m 5 40 l 0 0 m 9 9 l S");
        assert_eq!(
            r,
            [
                Rect::new(0.0, 19.0, 100.0, 21.0),
                Rect::new(9.0, 0.0, 11.0, 80.0)
            ]
        );
        // A thin filled rectangle; a thick one and a curved path are not.
        let r = rulings(b"0 0 50 1 re f 0 0 50 50 re f 0 0 m 1 1 2 2 3 0 c 0 0 50 1 re f");
        assert_eq!(r, [Rect::new(0.0, 0.0, 100.0, 2.0)]);
    }

    #[test]
    fn closing_a_path_draws_back_to_its_start() {
        let r = rulings(b"0 0 m 30 0 l 30 20 l h S 0 0 m 0 20 l s n");
        assert_eq!(r.len(), 4);
        assert_eq!(r[3], Rect::new(-1.0, 40.0, 1.0, 0.0));
    }
}
