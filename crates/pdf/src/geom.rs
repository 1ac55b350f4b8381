//! Affine matrices (PDF 32000-1 §8.3.3) and the page transform that maps PDF
//! user space onto the layout model's top-left, y-down page coordinates.

/// An affine matrix `[a b c d e f]`: `x' = a·x + c·y + e`, `y' = b·x + d·y + f`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Matrix {
    pub a: f32,
    pub b: f32,
    pub c: f32,
    pub d: f32,
    pub e: f32,
    pub f: f32,
}

impl Default for Matrix {
    fn default() -> Self {
        Matrix::IDENTITY
    }
}

impl Matrix {
    /// The identity.
    pub const IDENTITY: Matrix = Matrix {
        a: 1.0,
        b: 0.0,
        c: 0.0,
        d: 1.0,
        e: 0.0,
        f: 0.0,
    };

    /// A matrix from its six numbers.
    pub fn new(a: f32, b: f32, c: f32, d: f32, e: f32, f: f32) -> Self {
        Matrix { a, b, c, d, e, f }
    }

    /// A matrix from up to six operands; `None` unless all six are finite.
    pub fn from_slice(v: &[f32]) -> Option<Self> {
        match v {
            [a, b, c, d, e, f] if v.iter().all(|x| x.is_finite()) => {
                Some(Matrix::new(*a, *b, *c, *d, *e, *f))
            }
            _ => None,
        }
    }

    /// A translation.
    #[cfg(test)]
    pub fn translate(tx: f32, ty: f32) -> Self {
        Matrix::new(1.0, 0.0, 0.0, 1.0, tx, ty)
    }

    /// `self × other`: first apply `self`, then `other` (PDF's order, as in
    /// `Trm = Tparams × Tm × CTM`).
    #[inline]
    pub fn then(&self, o: &Matrix) -> Matrix {
        Matrix {
            a: self.a * o.a + self.b * o.c,
            b: self.a * o.b + self.b * o.d,
            c: self.c * o.a + self.d * o.c,
            d: self.c * o.b + self.d * o.d,
            e: self.e * o.a + self.f * o.c + o.e,
            f: self.e * o.b + self.f * o.d + o.f,
        }
    }

    /// `translate(tx, ty) × self`, without a full multiplication.
    #[inline]
    pub fn pre_translate(&self, tx: f32, ty: f32) -> Matrix {
        Matrix {
            e: tx * self.a + ty * self.c + self.e,
            f: tx * self.b + ty * self.d + self.f,
            ..*self
        }
    }

    /// Transforms a point.
    #[inline]
    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        (
            self.a * x + self.c * y + self.e,
            self.b * x + self.d * y + self.f,
        )
    }

    /// Transforms a vector (no translation).
    #[inline]
    pub fn apply_vec(&self, x: f32, y: f32) -> (f32, f32) {
        (self.a * x + self.c * y, self.b * x + self.d * y)
    }

    /// True when every entry is finite.
    #[inline]
    pub fn is_finite(&self) -> bool {
        [self.a, self.b, self.c, self.d, self.e, self.f]
            .iter()
            .all(|v| v.is_finite())
    }
}

/// The matrix from PDF user space (y up, origin at the MediaBox origin) to
/// page coordinates (y down, origin at the top-left corner of the crop box as
/// displayed after `/Rotate`). `crop` is `[x0, y0, x1, y1]`, normalised;
/// `rotate` is a multiple of 90 in 0..360. Returns the matrix and the
/// displayed width and height.
pub(crate) fn page_matrix(crop: [f32; 4], rotate: i32) -> (Matrix, f32, f32) {
    let [x0, y0, x1, y1] = crop;
    let (w, h) = (x1 - x0, y1 - y0);
    match rotate {
        90 => (Matrix::new(0.0, 1.0, 1.0, 0.0, -y0, -x0), h, w),
        180 => (Matrix::new(-1.0, 0.0, 0.0, 1.0, x1, -y0), w, h),
        270 => (Matrix::new(0.0, -1.0, -1.0, 0.0, y1, x1), h, w),
        _ => (Matrix::new(1.0, 0.0, 0.0, -1.0, -x0, y1), w, h),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: (f32, f32), b: (f32, f32)) -> bool {
        (a.0 - b.0).abs() < 1e-4 && (a.1 - b.1).abs() < 1e-4
    }

    #[test]
    fn multiplication_applies_left_first() {
        let scale = Matrix::new(2.0, 0.0, 0.0, 3.0, 0.0, 0.0);
        let shift = Matrix::translate(10.0, 20.0);
        // Scale first, then shift.
        assert!(close(scale.then(&shift).apply(1.0, 1.0), (12.0, 23.0)));
        // Shift first, then scale.
        assert!(close(shift.then(&scale).apply(1.0, 1.0), (22.0, 63.0)));
        assert_eq!(
            shift.then(&scale),
            Matrix::translate(10.0, 20.0).then(&scale)
        );
        let m = Matrix::new(0.0, 1.0, -1.0, 0.0, 5.0, 6.0);
        assert_eq!(
            m.pre_translate(3.0, 4.0),
            Matrix::translate(3.0, 4.0).then(&m)
        );
        assert_eq!(Matrix::IDENTITY.then(&m), m);
    }

    #[test]
    fn from_slice_rejects_non_finite_and_short_input() {
        assert!(Matrix::from_slice(&[1.0, 0.0, 0.0, 1.0, 0.0]).is_none());
        assert!(Matrix::from_slice(&[1.0, 0.0, 0.0, f32::NAN, 0.0, 0.0]).is_none());
        assert!(Matrix::from_slice(&[1.0, 0.0, 0.0, 1.0, 0.0, 0.0]).is_some());
    }

    #[test]
    fn page_matrix_puts_the_top_left_corner_at_the_origin() {
        let crop = [10.0, 20.0, 110.0, 220.0]; // 100 wide, 200 tall
        let (m, w, h) = page_matrix(crop, 0);
        assert_eq!((w, h), (100.0, 200.0));
        assert!(close(m.apply(10.0, 220.0), (0.0, 0.0)));
        assert!(close(m.apply(110.0, 20.0), (100.0, 200.0)));
        // Rotated clockwise by 90: the bottom-left corner comes to the top-left.
        let (m, w, h) = page_matrix(crop, 90);
        assert_eq!((w, h), (200.0, 100.0));
        assert!(close(m.apply(10.0, 20.0), (0.0, 0.0)));
        assert!(close(m.apply(10.0, 220.0), (200.0, 0.0)));
        let (m, _, _) = page_matrix(crop, 180);
        assert!(close(m.apply(110.0, 20.0), (0.0, 0.0)));
        let (m, w, h) = page_matrix(crop, 270);
        assert_eq!((w, h), (200.0, 100.0));
        assert!(close(m.apply(110.0, 220.0), (0.0, 0.0)));
        assert!(close(m.apply(10.0, 220.0), (0.0, 100.0)));
    }
}
