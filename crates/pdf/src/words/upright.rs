//! Pages whose text runs sideways (a landscape table on a portrait page,
//! or the reverse) are turned so that their text reads left to right, as
//! pdftotext reads them ([`turn_upright`]).

use super::Dir;
use crate::interp::PageOut;
use internbudget_layout::Rect;

/// Turns a page whose text mostly runs in another direction than left to
/// right (a landscape table on a portrait page, or the reverse) by a
/// multiple of 90 degrees so that its text reads left to right, as
/// pdftotext reads it: when at least 10 glyphs run that way and more than
/// twice as many as run left to right. Returns the size of the turned page.
pub(crate) fn turn_upright(out: &mut PageOut, (w, h): (f32, f32)) -> (f32, f32) {
    let mut counts = [0usize; 4];
    for g in &out.glyphs {
        match Dir::of(g.dx, g.dy) {
            Dir::Right => counts[0] += 1,
            Dir::Down => counts[1] += 1,
            Dir::Left => counts[2] += 1,
            Dir::Up => counts[3] += 1,
            Dir::Other => {}
        }
    }
    let (best, n) = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, c)| (**c, usize::from(*i == 0)))
        .map_or((0, 0), |(i, c)| (i, *c));
    // Turn only when sideways text clearly dominates: a rotated stamp or
    // watermark on a page of ordinary text must not turn the page.
    if best == 0 || n < 10 || n <= 2 * counts[0] {
        return (w, h);
    }
    // Point and vector maps that bring direction `best` to the right.
    type PointMap = fn(f32, f32, f32, f32) -> (f32, f32);
    let (map, nw, nh): (PointMap, f32, f32) = match best {
        // Text runs down: turn counter-clockwise.
        1 => (|x, y, w, _h| (y, w - x), h, w),
        // Upside down: half a turn.
        2 => (|x, y, w, h| (w - x, h - y), w, h),
        // Text runs up: turn clockwise.
        _ => (|x, y, _w, h| (h - y, x), h, w),
    };
    let vec = |dx: f32, dy: f32| -> (f32, f32) {
        let (ox, oy) = map(0.0, 0.0, w, h);
        let (px, py) = map(dx, dy, w, h);
        (px - ox, py - oy)
    };
    let rect = |r: &Rect| {
        let (x0, y0) = map(r.x0, r.y0, w, h);
        let (x1, y1) = map(r.x1, r.y1, w, h);
        Rect::new(x0, y0, x1, y1)
    };
    for g in &mut out.glyphs {
        (g.x, g.y) = map(g.x, g.y, w, h);
        (g.dx, g.dy) = vec(g.dx, g.dy);
        g.bbox = rect(&g.bbox);
    }
    for r in &mut out.rulings {
        *r = rect(r);
    }
    (nw, nh)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{joined, run, up_glyphs};
    use super::*;

    #[test]
    fn sideways_pages_turn_only_when_sideways_text_dominates() {
        // A page of 100 × 200 with bottom-to-top text: turned clockwise.
        let mut out = PageOut::default();
        up_glyphs(&mut out, "Sideways text", 50.0, 150.0);
        let size = turn_upright(&mut out, (100.0, 200.0));
        assert_eq!(size, (200.0, 100.0));
        let g = &out.glyphs[0];
        assert_eq!((g.dx, g.dy), (1.0, 0.0));
        assert_eq!((g.x, g.y), (50.0, 50.0));
        assert_eq!(joined(&out), ["Sideways", "text"]);
        // Mostly ordinary text with a sideways stamp: left alone.
        let mut out = PageOut::default();
        run(
            &mut out,
            "Ordinary text of the page body",
            10.0,
            50.0,
            10.0,
            5.0,
            0.0,
        );
        up_glyphs(&mut out, "STAMP", 90.0, 150.0);
        assert_eq!(turn_upright(&mut out, (100.0, 200.0)), (100.0, 200.0));
    }
}
