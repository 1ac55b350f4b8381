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
//!
//! Parts: this module builds words from glyphs ([`build_words`]);
//! `dedup` drops duplicated words; `lines` groups words into lines and
//! joins touching ones ([`page_lines`]); `upright` turns pages whose text
//! runs sideways ([`turn_upright`]). The main type is [`DirWord`].

mod dedup;
mod lines;
mod upright;

pub(crate) use lines::page_lines;
pub(crate) use upright::turn_upright;

use crate::interp::{Glyph, PageOut};
use internbudget_layout::{Rect, Word};
use unicode_normalization::UnicodeNormalization;

/// Longest word built (in bytes); longer runs of glyphs are cut.
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

/// A word being built: its text and box, and where along and across its
/// writing direction its glyphs stand.
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

/// What a glyph does to the word being built.
enum Step {
    /// It joined the word.
    Joined,
    /// It starts a new word; `overlap` when it was drawn over the last glyph.
    Breaks { overlap: bool },
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

    /// Adds glyph `g` (its `text`, `single` when one character) to the
    /// word when it continues it; see the module docs for when it does not.
    fn extend(&mut self, g: &Glyph, text: &str, single: Option<char>) -> Step {
        let same_direction = self.dx * g.dx + self.dy * g.dy > 0.99;
        if !same_direction {
            return Step::Breaks { overlap: false };
        }
        let p = g.x * self.dx + g.y * self.dy;
        let base = g.y * self.dx - g.x * self.dy;
        // A combining mark over the last glyph joins it.
        if let Some(mark) = single.and_then(combining) {
            let centre = p + g.adv / 2.0;
            if centre >= self.last_x0 - 0.1 * self.size && centre <= self.last_x1 + 0.1 * self.size
            {
                self.text.push(mark);
                self.bbox = self.bbox.union(&g.bbox);
                return Step::Joined;
            }
        }
        let sp = p - self.p_max;
        let delta = p - self.last_p;
        let base_delta = (base - self.base).abs();
        let overlap = delta.abs() < 0.1 * self.size && base_delta < 0.2 * self.size;
        let breaks = overlap
            || self.last_overlap
            || sp < -0.2 * self.size
            || sp > 0.1 * self.size
            || base_delta > 0.5
            || (g.size - self.size).abs() > 0.01 * self.size.max(g.size)
            || self.text.len() > MAX_WORD_BYTES;
        if breaks {
            return Step::Breaks { overlap };
        }
        match single {
            Some(c) => self.text.push(c),
            None => self.text.push_str(text),
        }
        self.bbox = self.bbox.union(&g.bbox);
        self.p_max = self.p_max.max(p + g.adv);
        self.p_min = self.p_min.min(p);
        self.last_p = p;
        self.last_x0 = p;
        self.last_x1 = p + g.adv;
        Step::Joined
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

/// Builds the words of a page; see the module docs.
pub(crate) fn build_words(out: &PageOut) -> Vec<DirWord> {
    let mut words: Vec<DirWord> = Vec::new();
    let mut cur: Option<Acc> = None;
    for g in &out.glyphs {
        let Some(text) = out.text.get(g.text.clone()) else {
            continue;
        };
        let single = single_char(text);
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
        // The first glyph of a word that overlapped the previous glyph
        // starts a new word after it too (pdftotext's `lastCharOverlap`).
        let overlap = match cur.as_mut().map(|w| w.extend(g, text, single)) {
            Some(Step::Joined) => continue,
            Some(Step::Breaks { overlap }) => overlap,
            None => false,
        };
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
    dedup::dedup_words(&mut words);
    words
}

/// The one character of `text`, if it has one (most glyphs; most of them
/// ASCII, told without a UTF-8 walk).
fn single_char(text: &str) -> Option<char> {
    match text.as_bytes() {
        [b] => Some(char::from(*b)),
        _ => {
            let mut chars = text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some(c),
                _ => None,
            }
        }
    }
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

/// Helpers for the tests of the word-building parts.
#[cfg(test)]
mod testing {
    use super::{build_words, page_lines};
    use crate::interp::{Glyph, PageOut};
    use internbudget_layout::Rect;

    /// Glyphs of `text` on a horizontal baseline at `y`, starting at `x`,
    /// each `adv` wide with `gap` between them.
    pub(super) fn run(
        out: &mut PageOut,
        text: &str,
        x: f32,
        y: f32,
        size: f32,
        adv: f32,
        gap: f32,
    ) {
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

    pub(super) fn texts(out: &PageOut) -> Vec<String> {
        build_words(out).into_iter().map(|w| w.word.text).collect()
    }

    pub(super) fn joined(out: &PageOut) -> Vec<String> {
        let lines = page_lines(build_words(out));
        lines
            .iter()
            .flat_map(|l| l.words.iter().map(|w| w.text.clone()))
            .collect()
    }

    pub(super) fn up_glyphs(out: &mut PageOut, text: &str, x: f32, y: f32) {
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
}

#[cfg(test)]
mod tests {
    use super::testing::{run, texts};
    use super::*;

    #[test]
    fn breaks_at_spaces_and_gaps() {
        let mut out = PageOut::default();
        run(&mut out, "1 281", 10.0, 100.0, 10.0, 5.0, 0.0);
        run(&mut out, "ab", 100.0, 100.0, 10.0, 5.0, 0.5); // gap 0.05·size: one word
        run(&mut out, "cd", 200.0, 100.0, 10.0, 5.0, 1.5); // gap 0.15·size: two
        assert_eq!(texts(&out), ["1", "281", "ab", "c", "d"]);
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
}
