//! Glyphs → words, following the rules of poppler's `pdftotext` so that the
//! words match what users see there:
//!
//! 1. Walking the glyphs in drawing order, a word ends at a white-space
//!    glyph, a change of writing direction or font size, a baseline jump of
//!    more than half a point, a gap of more than 0.1 × size, an overlap of
//!    more than 0.2 × size, or a glyph drawn over the previous one.
//! 2. A combining mark (or a spacing accent) drawn over the last glyph joins
//!    it; words are NFC-normalised.
//! 3. Duplicated words (fake bold, drop shadows: the same text drawn again
//!    within 0.1 × size along and 0.2 × size across the baseline) are dropped.
//! 4. After lines are formed, words that touch on a line (gap under
//!    0.03 × size, or letter-spaced single letters) are joined, as pdftotext
//!    prints them without a space (`join_touching`) — except that a smaller
//!    word (footnote marker, exponent) is never glued to a word ending in a
//!    digit, so amounts keep their value.

use crate::interp::{Glyph, PageOut};
use internbudget_layout::{Line, Rect, Word};
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

/// Drops duplicated words (fake bold, drop shadows), as pdftotext does: a
/// word with the same text and direction as an earlier one whose box edges
/// lie within 0.1 × size along and 0.2 × size across the writing direction.
fn dedup_words(words: &mut Vec<DirWord>) {
    // Sorted by text, direction and start along the direction, duplicates
    // of a word follow it within 0.1 × size; at most DEDUP_WINDOW
    // candidates are looked at, so stacks of identical words stay linear.
    const DEDUP_WINDOW: usize = 64;
    let order = dedup_order(words);
    let mut keep = vec![true; words.len()];
    for (k, &i) in order.iter().enumerate() {
        let Some(w) = words.get(i) else { continue };
        let ((a0, a1), (c0, c1)) = extents(&w.word.bbox, w.dir);
        let pri = 0.1 * w.word.size;
        let sec = 0.2 * w.word.size;
        for &j in order.iter().skip(k + 1).take(DEDUP_WINDOW) {
            let Some(v) = words.get(j) else { continue };
            let ((b0, b1), (d0, d1)) = extents(&v.word.bbox, v.dir);
            if v.word.text != w.word.text || v.dir != w.dir || b0 - a0 >= pri {
                break;
            }
            if (a1 - b1).abs() < pri
                && (c0 - d0).abs() < sec
                && (c1 - d1).abs() < sec
                && keep.get(i.min(j)) == Some(&true)
                && let Some(slot) = keep.get_mut(i.max(j))
            {
                *slot = false;
            }
        }
    }
    let mut flags = keep.into_iter();
    words.retain(|_| flags.next().unwrap_or(true));
}

/// The words' indices sorted by text, direction, start along the
/// direction and index (see [`dedup_words`]).
///
/// They are sorted as one 128-bit key each — a hash of the text, the
/// direction, the start in `f32::total_cmp` order and the index — which
/// groups equal texts as sorting by the text does, and orders each group
/// the same way, without comparing texts. Only if two different texts hash
/// alike are the texts compared.
fn dedup_order(words: &[DirWord]) -> Vec<usize> {
    if words.len() >= 1 << 24 {
        return exact_dedup_order(words);
    }
    let mut keys: Vec<u128> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let start = extents(&w.word.bbox, w.dir).0.0.to_bits();
            // f32::total_cmp's order as an unsigned number.
            let ordered = if start >> 31 == 1 {
                !start
            } else {
                start | 1 << 31
            };
            u128::from(text_hash(&w.word.text)) << 64
                | u128::from(w.dir as u8) << 56
                | u128::from(ordered) << 24
                | i as u128
        })
        .collect();
    keys.sort_unstable();
    let index = |k: &u128| (k & 0xFF_FFFF) as usize;
    let collides = keys.windows(2).any(|pair| match pair {
        [a, b] if a >> 64 == b >> 64 => match (words.get(index(a)), words.get(index(b))) {
            (Some(x), Some(y)) => x.word.text != y.word.text,
            _ => true,
        },
        _ => false,
    });
    if collides {
        return exact_dedup_order(words);
    }
    keys.iter().map(index).collect()
}

/// [`dedup_order`] by comparing the words themselves.
fn exact_dedup_order(words: &[DirWord]) -> Vec<usize> {
    let start = |w: &DirWord| extents(&w.word.bbox, w.dir).0.0;
    let mut order: Vec<usize> = (0..words.len()).collect();
    order.sort_by(|&a, &b| match (words.get(a), words.get(b)) {
        (Some(x), Some(y)) => x
            .word
            .text
            .cmp(&y.word.text)
            .then((x.dir as u8).cmp(&(y.dir as u8)))
            .then(start(x).total_cmp(&start(y)))
            .then(a.cmp(&b)),
        _ => a.cmp(&b),
    });
    order
}

/// A quick 64-bit hash of a word's text (FNV-1a), to group equal texts.
fn text_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
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
    last_overlap: bool,
}

impl Acc {
    fn new(g: &Glyph, text: &str) -> Acc {
        let p = g.x * g.dx + g.y * g.dy;
        // Room for a word of a few glyphs: the allocator gives 24 bytes
        // for the smallest request anyway.
        let mut s = String::with_capacity((text.len() + 8).max(24));
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
            last_overlap: false,
        }
    }

    fn into_word(self) -> DirWord {
        let dir = Dir::of(self.dx, self.dy);
        let needs_nfc = self.text.chars().any(|c| c >= '\u{0300}');
        let text = if needs_nfc {
            self.text.nfc().collect()
        } else {
            self.text
        };
        DirWord {
            word: Word {
                text,
                bbox: self.bbox,
                size: self.size,
                space: self.space,
                cell: None,
            },
            dir,
        }
    }
}

/// The writing direction of a word on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    /// Left to right.
    Right,
    /// Top to bottom.
    Down,
    /// Right to left (upside down).
    Left,
    /// Bottom to top.
    Up,
    /// Diagonal.
    Other,
}

impl Dir {
    fn of(dx: f32, dy: f32) -> Dir {
        const C: f32 = 0.97; // within about 14 degrees
        if dx >= C {
            Dir::Right
        } else if dy >= C {
            Dir::Down
        } else if dx <= -C {
            Dir::Left
        } else if dy <= -C {
            Dir::Up
        } else {
            Dir::Other
        }
    }
}

/// A word with its writing direction.
#[derive(Debug, Clone)]
pub(crate) struct DirWord {
    pub word: Word,
    pub dir: Dir,
}

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

/// Groups words into lines: left-to-right words by baseline
/// (`lines_from_words`, then `join_touching`); words in other directions
/// (vertical labels, stamps in the margin) form lines of their own, by
/// direction and baseline, so that their tall boxes do not pull unrelated
/// rows together. Lines come out top to bottom.
pub(crate) fn page_lines(words: Vec<DirWord>) -> Vec<Line> {
    let mut horizontal = Vec::with_capacity(words.len());
    let mut others: Vec<DirWord> = Vec::new();
    for w in words {
        if w.dir == Dir::Right {
            horizontal.push(w.word);
        } else {
            others.push(w);
        }
    }
    let mut lines = internbudget_layout::lines_from_words(horizontal);
    for line in &mut lines {
        join_touching(line, Dir::Right);
    }
    if others.is_empty() {
        return lines;
    }
    // Other directions: a line is a run of words of one direction whose
    // baselines (centre across the direction) agree.
    let mut extra: Vec<(Dir, f32, f32, Line)> = Vec::new();
    for w in others {
        let b = w.word.bbox;
        let (across, along) = match w.dir {
            Dir::Down | Dir::Up => (b.center_x(), b.center_y()),
            _ => (b.center_y(), b.center_x()),
        };
        let tol = 0.5 * w.word.size.max(1.0);
        match extra
            .iter_mut()
            .rev()
            .take(8)
            .find(|(d, a, _, _)| *d == w.dir && (a - across).abs() < tol)
        {
            Some((_, _, _, line)) => line.words.push(w.word),
            None => extra.push((
                w.dir,
                across,
                along,
                Line {
                    words: vec![w.word],
                    ..Line::default()
                },
            )),
        }
    }
    for (dir, _, _, mut line) in extra {
        line.words.sort_by(|a, b| match dir {
            Dir::Down => a.bbox.y0.total_cmp(&b.bbox.y0),
            Dir::Up => b.bbox.y1.total_cmp(&a.bbox.y1),
            Dir::Left => b.bbox.x1.total_cmp(&a.bbox.x1),
            _ => a.bbox.x0.total_cmp(&b.bbox.x0),
        });
        join_touching(&mut line, dir);
        lines.push(line);
    }
    lines.sort_by(|a, b| a.bbox().center_y().total_cmp(&b.bbox().center_y()));
    lines
}

/// Builds the words of a page; see the module docs.
pub(crate) fn build_words(out: &PageOut) -> Vec<DirWord> {
    let mut words: Vec<DirWord> = Vec::new();
    let mut cur: Option<Acc> = None;
    // The first glyph of the current word overlapped the previous glyph:
    // the next glyph starts a new word too (pdftotext's `lastCharOverlap`).
    for g in &out.glyphs {
        let Some(text) = out.text.get(g.text.clone()) else {
            continue;
        };
        // Most glyphs are one character, most of them ASCII.
        let single = match text.as_bytes() {
            [b] => Some(char::from(*b)),
            _ => {
                let mut chars = text.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Some(c),
                    _ => None,
                }
            }
        };
        let blank = match single {
            Some(c) => c.is_whitespace(),
            None => text.chars().all(char::is_whitespace),
        };
        if blank {
            if let Some(w) = cur.take() {
                words.push(w.into_word());
            }
            continue;
        }
        let mut overlap = false;
        if let Some(w) = cur.as_mut()
            && w.dx * g.dx + w.dy * g.dy > 0.99
        {
            let p = g.x * w.dx + g.y * w.dy;
            let base = g.y * w.dx - g.x * w.dy;
            // A combining mark over the last glyph joins it.
            if let Some(mark) = single.and_then(combining) {
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
            overlap = delta.abs() < 0.1 * w.size && base_delta < 0.2 * w.size;
            let breaks = overlap
                || w.last_overlap
                || sp < -0.2 * w.size
                || sp > 0.1 * w.size
                || base_delta > 0.5
                || (g.size - w.size).abs() > 0.01 * w.size.max(g.size)
                || w.text.len() > MAX_WORD_BYTES;
            if !breaks {
                match single {
                    Some(c) => w.text.push(c),
                    None => w.text.push_str(text),
                }
                w.bbox = w.bbox.union(&g.bbox);
                w.p_max = w.p_max.max(p + g.adv);
                w.p_min = w.p_min.min(p);
                w.last_p = p;
                w.last_x0 = p;
                w.last_x1 = p + g.adv;
                continue;
            }
        }
        if let Some(w) = cur.take() {
            words.push(w.into_word());
        }
        let mut acc = Acc::new(g, text);
        acc.last_overlap = overlap;
        cur = Some(acc);
    }
    if let Some(w) = cur.take() {
        words.push(w.into_word());
    }
    words.retain(|w| !w.word.text.trim().is_empty());
    dedup_words(&mut words);
    words
}

/// The extent of a box along a writing direction (start, end) and across
/// it (start, end).
fn extents(b: &Rect, dir: Dir) -> ((f32, f32), (f32, f32)) {
    match dir {
        Dir::Down => ((b.y0, b.y1), (b.x0, b.x1)),
        Dir::Up => ((-b.y1, -b.y0), (b.x0, b.x1)),
        Dir::Left => ((-b.x1, -b.x0), (b.y0, b.y1)),
        Dir::Right | Dir::Other => ((b.x0, b.x1), (b.y0, b.y1)),
    }
}

/// True when `b` starts less than `space` after the end of `a` along
/// `dir`, their sizes are comparable (a subscript, not a heading drawn over
/// body text) and their boxes share most of their height.
///
/// One deliberate difference from pdftotext: a smaller word (a footnote
/// marker, an exponent) is not glued to a word ending in a digit, so that
/// "1 281" followed by a raised "1" does not become the amount "2811".
fn touches(a: &Word, b: &Word, space: f32, dir: Dir) -> bool {
    let ((_, a_end), (a0, a1)) = extents(&a.bbox, dir);
    let ((b_start, _), (b0, b1)) = extents(&b.bbox, dir);
    let cross = (a1.min(b1) - a0.max(b0)).max(0.0);
    let min_h = (a1 - a0).min(b1 - b0);
    let gap = b_start - a_end;
    let (small, large) = (a.size.min(b.size), a.size.max(b.size));
    let marker_on_number = small < 0.85 * large && a.text.ends_with(|c: char| c.is_ascii_digit());
    gap < space
        && gap > -0.5 * small
        && small >= 0.55 * large
        && !marker_on_number
        && cross >= 0.5 * min_h
        && a.text.len() < MAX_WORD_BYTES
}

/// Joins words that touch on a line into one, as pdftotext prints them: a
/// word gets a space after it only when the next word starts at least
/// 0.03 × size after it; on lines of single letters (letter-spaced text) the
/// threshold is 1.3 × the smallest gap, at most 0.4 × size. The words of
/// the line run in direction `dir`, in order.
fn join_touching(line: &mut Line, dir: Dir) {
    if line.words.len() < 2 {
        return;
    }
    let size = line.words.first().map_or(0.0, |w| w.size);
    let gaps = line.words.windows(2).map(|p| match p {
        [a, b] => extents(&b.bbox, dir).0.0 - extents(&a.bbox, dir).0.1,
        _ => 0.0,
    });
    let single_letters = line.words.iter().all(|w| w.text.chars().nth(1).is_none());
    let min_gap = gaps.fold(f32::MAX, f32::min);
    let space = if single_letters && min_gap > 0.0 {
        (1.3 * min_gap).min(0.4 * size)
    } else {
        0.03 * size
    };
    let mut joined: Vec<Word> = Vec::with_capacity(line.words.len());
    for w in line.words.drain(..) {
        match joined.last_mut() {
            Some(prev) if touches(prev, &w, space, dir) => {
                prev.text.push_str(&w.text);
                prev.bbox = prev.bbox.union(&w.bbox);
                prev.size = prev.size.max(w.size);
            }
            _ => joined.push(w),
        }
    }
    line.words = joined;
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
            });
            x += adv + gap;
        }
    }

    fn texts(out: &PageOut) -> Vec<String> {
        build_words(out).into_iter().map(|w| w.word.text).collect()
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
        assert_eq!(texts(&out), ["a", "b", "c"]);
        assert_eq!(joined(&out), ["abc"]);
    }

    #[test]
    fn duplicates_are_sought_in_the_order_of_text_direction_and_start() {
        let dirs = [Dir::Right, Dir::Down, Dir::Left, Dir::Up];
        let texts = ["1 281", "ab", "a", "Ärende", "ab", ""];
        let starts = [
            10.0,
            -3.5,
            0.0,
            -0.0,
            250.25,
            10.0,
            f32::NAN,
            -f32::INFINITY,
        ];
        let words: Vec<DirWord> = (0..97)
            .map(|i| {
                let x = starts[i % starts.len()];
                DirWord {
                    word: Word {
                        text: texts[i % texts.len()].into(),
                        bbox: Rect {
                            x0: x,
                            y0: x,
                            x1: 20.0,
                            y1: 20.0,
                        },
                        size: 10.0,
                        space: 2.5,
                        cell: None,
                    },
                    dir: dirs[i / 7 % dirs.len()],
                }
            })
            .collect();
        // The same groups of one text and direction, each whole and in
        // the same order (the groups themselves may come in any order).
        let groups = |order: Vec<usize>| {
            let mut runs: Vec<((String, u8), Vec<usize>)> = Vec::new();
            for i in order {
                let w = &words[i];
                let key = (w.word.text.clone(), w.dir as u8);
                match runs.last_mut() {
                    Some((k, run)) if *k == key => run.push(i),
                    _ => runs.push((key, vec![i])),
                }
            }
            let n = runs.len();
            let runs: std::collections::BTreeMap<_, _> = runs.into_iter().collect();
            assert_eq!(runs.len(), n, "a group split in two");
            runs
        };
        assert_eq!(
            groups(dedup_order(&words)),
            groups(exact_dedup_order(&words))
        );
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

    fn joined(out: &PageOut) -> Vec<String> {
        let lines = page_lines(build_words(out));
        lines
            .iter()
            .flat_map(|l| l.words.iter().map(|w| w.text.clone()))
            .collect()
    }

    #[test]
    fn touching_words_are_joined_on_their_line() {
        let mut out = PageOut::default();
        run(&mut out, "ab", 10.0, 100.0, 10.0, 5.0, 0.0);
        run(&mut out, "cd", 20.1, 100.6, 10.0, 5.0, 0.0); // 0.6 pt baseline jitter
        run(&mut out, "2", 30.1, 102.0, 6.0, 3.0, 0.0); // a subscript
        run(&mut out, "x", 40.0, 100.0, 10.0, 5.0, 0.0); // 0.7 pt gap: a space
        assert_eq!(texts(&out), ["ab", "cd", "2", "x"]);
        assert_eq!(joined(&out), ["abcd2", "x"]);
        // A footnote marker after a number stays apart from it.
        let mut out = PageOut::default();
        run(&mut out, "1", 10.0, 100.0, 10.0, 5.0, 0.0);
        run(&mut out, "281", 17.5, 100.0, 10.0, 5.0, 0.0);
        run(&mut out, "1", 32.6, 97.0, 6.0, 3.0, 0.0);
        assert_eq!(joined(&out), ["1", "281", "1"]);
    }

    #[test]
    fn letter_spaced_lines_are_joined() {
        let mut out = PageOut::default();
        run(&mut out, "TITLE", 10.0, 100.0, 10.0, 5.0, 2.0);
        assert_eq!(texts(&out), ["T", "I", "T", "L", "E"]);
        assert_eq!(joined(&out), ["TITLE"]);
        let mut out = PageOut::default();
        run(&mut out, "T", 10.0, 100.0, 10.0, 5.0, 0.0);
        run(&mut out, "O", 17.0, 100.0, 10.0, 5.0, 0.0);
        run(&mut out, "P", 40.0, 100.0, 10.0, 5.0, 0.0);
        assert_eq!(joined(&out), ["TO", "P"]);
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
            });
        }
        assert_eq!(texts(&out), ["Up"]);
    }

    fn up_glyphs(out: &mut PageOut, text: &str, x: f32, y: f32) {
        for (i, c) in text.chars().enumerate() {
            let start = out.text.len();
            out.text.push(c);
            let y = y - 5.0 * i as f32;
            out.glyphs.push(Glyph {
                x,
                y,
                dx: 0.0,
                dy: -1.0,
                adv: 5.0,
                bbox: Rect::new(x - 8.0, y - 5.0, x + 2.0, y),
                size: 10.0,
                space: 2.5,
                text: start..out.text.len(),
            });
        }
    }

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
