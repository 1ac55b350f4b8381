//! Glyphs → words, following the rules of poppler's `pdftotext` so that the
//! words match what users see there:
//!
//! 1. Duplicate glyphs (fake bold, drop shadows: the same text drawn again
//!    within 0.1 × size along and 0.2 × size across the baseline) are dropped.
//! 2. Walking the glyphs in drawing order, a word ends at a white-space
//!    glyph, a change of writing direction or font size, a baseline jump of
//!    more than half a point, a gap of more than 0.1 × size, an overlap of
//!    more than 0.2 × size, or a glyph drawn over the previous one.
//! 3. A combining mark (or a spacing accent) drawn over the last glyph joins
//!    it; words are NFC-normalised.
//! 4. Words of one font that touch (gap under 0.03 × size) and follow each
//!    other in drawing order are merged again (superscript-free baseline
//!    jitter, font-size rounding), as pdftotext's line coalescing does.

use crate::interp::{Glyph, PageOut};
use internbudget_layout::{Rect, Word};
use unicode_normalization::UnicodeNormalization;

const MAX_WORD_BYTES: usize = 4096;

/// The combining form of a spacing accent, or the mark itself when it is
/// already combining.
fn combining(c: char) -> Option<char> {
    let m = match c {
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}' => c,
        '\u{0060}' => '\u{0300}',
        '\u{00B4}' => '\u{0301}',
        '\u{02C6}' => '\u{0302}',
        '\u{02DC}' => '\u{0303}',
        '\u{00AF}' => '\u{0304}',
        '\u{02D8}' => '\u{0306}',
        '\u{02D9}' => '\u{0307}',
        '\u{00A8}' => '\u{0308}',
        '\u{02DA}' => '\u{030A}',
        '\u{02DD}' => '\u{030B}',
        '\u{02C7}' => '\u{030C}',
        '\u{00B8}' => '\u{0327}',
        '\u{02DB}' => '\u{0328}',
        _ => return None,
    };
    Some(m)
}

/// Indices of the glyphs to keep: drops later copies of a glyph drawn again
/// at (almost) the same place.
fn dedup(out: &PageOut) -> Vec<bool> {
    let glyphs = &out.glyphs;
    let mut keep = vec![true; glyphs.len()];
    let first_char = |g: &Glyph| {
        out.text
            .get(g.text.clone())
            .and_then(|t| t.chars().next())
            .map_or(0u32, u32::from)
    };
    let mut order: Vec<(u32, f32, usize)> = glyphs
        .iter()
        .enumerate()
        .map(|(i, g)| (first_char(g), g.y, i))
        .collect();
    order.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (k, &(c, y, i)) in order.iter().enumerate() {
        let Some(g) = glyphs.get(i) else { continue };
        if c == 0 || out.text.get(g.text.clone()).is_some_and(|t| t.trim().is_empty()) {
            continue;
        }
        let tol_y = 0.2 * g.size;
        let tol_x = 0.1 * g.size;
        for &(c2, y2, j) in order.iter().skip(k + 1) {
            if c2 != c || y2 - y > tol_y {
                break;
            }
            if keep.get(j) != Some(&true) {
                continue;
            }
            let Some(h) = glyphs.get(j) else { continue };
            // Drop the one drawn later.
            let (first, later, later_idx) = if i < j { (g, h, j) } else { (h, g, i) };
            if (first.x - later.x).abs() < tol_x
                && (first.size - later.size).abs() < 0.1 * first.size
                && out.text.get(first.text.clone()) == out.text.get(later.text.clone())
                && keep.get(first_index(i, j)) == Some(&true)
                && let Some(slot) = keep.get_mut(later_idx)
            {
                *slot = false;
            }
        }
    }
    keep
}

fn first_index(i: usize, j: usize) -> usize {
    i.min(j)
}

struct Acc {
    text: String,
    bbox: Rect,
    dx: f32,
    dy: f32,
    base: f32,
    p_min: f32,
    p_max: f32,
    last_p: f32,
    last_x0: f32,
    last_x1: f32,
    size: f32,
    space: f32,
    font: u32,
    last_overlap: bool,
    /// The glyph that started this word directly followed the previous word
    /// (no white space, same direction): it may merge back into it.
    may_merge: bool,
}

impl Acc {
    fn new(g: &Glyph, text: &str, may_merge: bool) -> Acc {
        let p = g.x * g.dx + g.y * g.dy;
        let mut s = String::with_capacity(text.len() + 8);
        s.push_str(text);
        Acc {
            text: s,
            bbox: g.bbox,
            dx: g.dx,
            dy: g.dy,
            base: g.y * g.dx - g.x * g.dy,
            p_min: p,
            p_max: p + g.adv,
            last_p: p,
            last_x0: p,
            last_x1: p + g.adv,
            size: g.size,
            space: g.space,
            font: g.font,
            last_overlap: false,
            may_merge,
        }
    }

    fn into_word(self) -> Word {
        let needs_nfc = self.text.chars().any(|c| c >= '\u{0300}');
        let text = if needs_nfc {
            self.text.nfc().collect()
        } else {
            self.text
        };
        Word {
            text,
            bbox: self.bbox,
            size: self.size,
            space: self.space,
        }
    }
}

/// Builds the words of a page; see the module docs.
pub(crate) fn build_words(out: &PageOut) -> Vec<Word> {
    let keep = dedup(out);
    let mut words: Vec<Word> = Vec::new();
    let mut cur: Option<Acc> = None;
    // The previous word ended for a reason that allows merging it with the
    // next one, and the last finished word is `words.last()`.
    let mut after_space = true;
    let mut prev_acc_info: Option<(f32, f32, f32, f32, f32, u32, f32, f32)> = None;
    for (g, _) in out.glyphs.iter().zip(&keep).filter(|(_, k)| **k) {
        let Some(text) = out.text.get(g.text.clone()) else {
            continue;
        };
        if text.chars().all(char::is_whitespace) {
            if let Some(w) = cur.take() {
                words.push(w.into_word());
            }
            after_space = true;
            prev_acc_info = None;
            continue;
        }
        let p_dir_same = |w: &Acc| w.dx * g.dx + w.dy * g.dy > 0.99;
        if let Some(w) = cur.as_mut()
            && p_dir_same(w)
        {
            let p = g.x * w.dx + g.y * w.dy;
            let base = g.y * w.dx - g.x * w.dy;
            // A combining mark over the last glyph joins it.
            let mut chars = text.chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && let Some(mark) = combining(c)
            {
                let centre = p + g.adv / 2.0;
                if centre >= w.last_x0 - 0.1 * w.size && centre <= w.last_x1 + 0.1 * w.size {
                    w.text.push(mark);
                    w.bbox = w.bbox.union(&g.bbox);
                    continue;
                }
            }
            let sp = p - w.p_max;
            let delta = p - w.last_p;
            let base_delta = (base - w.base).abs();
            let overlap = delta.abs() < 0.1 * w.size && base_delta < 0.2 * w.size;
            let breaks = overlap
                || w.last_overlap
                || sp < -0.2 * w.size
                || sp > 0.1 * w.size
                || base_delta > 0.5
                || (g.size - w.size).abs() > 0.01 * w.size.max(g.size)
                || w.text.len() > MAX_WORD_BYTES;
            if !breaks {
                w.text.push_str(text);
                w.bbox = w.bbox.union(&g.bbox);
                w.p_max = w.p_max.max(p + g.adv);
                w.p_min = w.p_min.min(p);
                w.last_p = p;
                w.last_x0 = p;
                w.last_x1 = p + g.adv;
                w.last_overlap = false;
                continue;
            }
            w.last_overlap = overlap;
        }
        // Start a new word; finish the current one.
        let last_overlap = cur.as_ref().is_some_and(|w| w.last_overlap);
        let same_dir = cur.as_ref().is_some_and(p_dir_same);
        if let Some(w) = cur.take() {
            prev_acc_info = Some((w.dx, w.dy, w.base, w.p_min, w.p_max, w.font, w.size, 0.0));
            words.push(w.into_word());
        }
        let mut acc = Acc::new(g, text, !after_space && same_dir);
        acc.last_overlap = last_overlap && false;
        // Merge back into the previous word when they touch (pdftotext
        // coalesces words of one font less than 0.03 × size apart).
        if acc.may_merge
            && let Some((dx, dy, base, p_min, p_max, font, size, _)) = prev_acc_info
            && font == acc.font
            && (size - acc.size).abs() < 0.05 * size
        {
            let p = g.x * dx + g.y * dy;
            let b = g.y * dx - g.x * dy;
            if p >= p_min && p - p_max < 0.03 * size && (b - base).abs() < 0.5 * size && !last_overlap {
                if let Some(prev) = words.pop() {
                    let mut merged = Acc::new(g, "", false);
                    merged.text = prev.text;
                    merged.text.push_str(text);
                    merged.bbox = prev.bbox.union(&g.bbox);
                    merged.base = base;
                    merged.dx = dx;
                    merged.dy = dy;
                    merged.p_min = p_min;
                    merged.p_max = p_max.max(p + g.adv);
                    merged.size = prev.size;
                    merged.space = prev.space;
                    acc = merged;
                }
            }
        }
        cur = Some(acc);
        after_space = false;
    }
    if let Some(w) = cur.take() {
        words.push(w.into_word());
    }
    words.retain(|w| !w.text.trim().is_empty());
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of `text` on a horizontal baseline at `y`, starting at `x`,
    /// each `adv` wide with `gap` between them.
    fn run(out: &mut PageOut, text: &str, x: f32, y: f32, size: f32, adv: f32, gap: f32) {
        let mut x = x;
        for c in text.chars() {
            let start = out.text.len();
            out.text.push(c);
            out.glyphs.push(Glyph {
                x,
                y,
                dx: 1.0,
                dy: 0.0,
                adv,
                bbox: Rect::new(x, y - 0.8 * size, x + adv, y + 0.2 * size),
                size,
                space: 0.25 * size,
                text: start..out.text.len(),
                font: 0,
            });
            x += adv + gap;
        }
    }

    fn texts(out: &PageOut) -> Vec<String> {
        build_words(out).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn breaks_at_spaces_and_gaps() {
        let mut out = PageOut::default();
        run(&mut out, "1 281", 10.0, 100.0, 10.0, 5.0, 0.0);
        run(&mut out, "ab", 100.0, 100.0, 10.0, 5.0, 0.5); // gap 0.05·size: one word
        run(&mut out, "cd", 200.0, 100.0, 10.0, 5.0, 1.5); // gap 0.15·size: two
        assert_eq!(texts(&out), ["1", "281", "ab", "c", "d"]);
    }

    #[test]
    fn drops_fake_bold_duplicates() {
        let mut out = PageOut::default();
        run(&mut out, "Bold", 10.0, 100.0, 10.0, 5.0, 0.0);
        run(&mut out, "Bold", 10.3, 100.0, 10.0, 5.0, 0.0);
        run(&mut out, "x", 60.0, 100.0, 10.0, 5.0, 0.0);
        assert_eq!(texts(&out), ["Bold", "x"]);
        // Each glyph drawn twice in a row.
        let mut out = PageOut::default();
        for (i, c) in "abc".chars().enumerate() {
            let x = 10.0 + 5.0 * i as f32;
            run(&mut out, &c.to_string(), x, 50.0, 10.0, 5.0, 0.0);
            run(&mut out, &c.to_string(), x + 0.2, 50.0, 10.0, 5.0, 0.0);
        }
        assert_eq!(texts(&out), ["abc"]);
    }

    #[test]
    fn baseline_jumps_and_size_changes_break_words() {
        let mut out = PageOut::default();
        run(&mut out, "ab", 10.0, 100.0, 10.0, 5.0, 0.0);
        run(&mut out, "cd", 20.0, 102.0, 10.0, 5.0, 0.0);
        run(&mut out, "ef", 30.0, 102.0, 6.0, 3.0, 0.0);
        assert_eq!(texts(&out), ["ab", "cd", "ef"]);
    }

    #[test]
    fn combining_marks_join_and_normalise() {
        let mut out = PageOut::default();
        run(&mut out, "Ka", 10.0, 100.0, 10.0, 5.0, 0.0);
        run(&mut out, "\u{a8}", 15.5, 100.0, 10.0, 4.0, 0.0); // ¨ over the a
        run(&mut out, "r", 20.0, 100.0, 10.0, 5.0, 0.0);
        assert_eq!(texts(&out), ["Kär"]);
    }

    #[test]
    fn touching_words_of_one_font_merge_back() {
        let mut out = PageOut::default();
        run(&mut out, "ab", 10.0, 100.0, 10.0, 5.0, 0.0);
        run(&mut out, "cd", 20.1, 100.6, 10.0, 5.0, 0.0); // 0.6 pt baseline jitter
        assert_eq!(texts(&out), ["abcd"]);
    }

    #[test]
    fn vertical_text_forms_words_along_its_direction() {
        let mut out = PageOut::default();
        for (i, c) in "Up".chars().enumerate() {
            let start = out.text.len();
            out.text.push(c);
            let y = 100.0 - 5.0 * i as f32;
            out.glyphs.push(Glyph {
                x: 50.0,
                y,
                dx: 0.0,
                dy: -1.0,
                adv: 5.0,
                bbox: Rect::new(42.0, y - 5.0, 52.0, y),
                size: 10.0,
                space: 2.5,
                text: start..out.text.len(),
                font: 0,
            });
        }
        assert_eq!(texts(&out), ["Up"]);
    }
}
