//! Grouping positioned words into visual lines, and lines into segments.

use crate::{Line, Rect, Word};

/// A run of words on one line with no column-sized gap between them: a phrase,
/// a number with its thousands groups, or a table cell. It borrows the
/// line's words: splitting a line costs no copy of them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment<'a> {
    /// Union of the word boxes.
    pub bbox: Rect,
    /// The words of the segment, left to right.
    pub words: &'a [Word],
}

impl Segment<'_> {
    /// The words joined by single spaces.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&w.text);
        }
        out
    }
}

/// Groups words into lines by baseline: a word joins a line whose baseline
/// (bottom edge of its dominant text) is within a fifth of the font size of
/// its own; a smaller word (superscript, subscript, footnote marker) joins the
/// line whose vertical band holds its centre. Text set in table columns on
/// slightly different baselines stays on separate lines. Lines come out top
/// to bottom, words left to right.
pub fn lines_from_words(mut words: Vec<Word>) -> Vec<Line> {
    words.retain(|w| !w.text.trim().is_empty());
    words.sort_by(|a, b| {
        a.bbox
            .y1
            .total_cmp(&b.bbox.y1)
            .then(b.size.total_cmp(&a.size))
            .then(a.bbox.x0.total_cmp(&b.bbox.x0))
    });
    struct Band {
        base: f32,
        y0: f32,
        y1: f32,
        size: f32,
        words: Vec<Word>,
    }
    let mut bands: Vec<Band> = Vec::new();
    for w in words {
        let tol = 0.2 * w.size.max(f32::EPSILON);
        // Bands are sorted by baseline: only the last few can match.
        let start = bands.len().saturating_sub(6);
        let found = bands
            .iter_mut()
            .skip(start)
            .filter(|b| {
                (b.base - w.bbox.y1).abs() <= tol.max(0.2 * b.size) && w.size >= b.size * 0.7
            })
            .min_by(|a, b| {
                (a.base - w.bbox.y1)
                    .abs()
                    .total_cmp(&(b.base - w.bbox.y1).abs())
            });
        match found {
            Some(b) => {
                b.y0 = b.y0.min(w.bbox.y0);
                b.y1 = b.y1.max(w.bbox.y1);
                b.size = b.size.max(w.size);
                b.words.push(w);
            }
            None => bands.push(Band {
                base: w.bbox.y1,
                y0: w.bbox.y0,
                y1: w.bbox.y1,
                size: w.size,
                words: vec![w],
            }),
        }
    }
    // Fold bands of small text (superscripts, footnote markers) into the band
    // of larger text whose vertical extent holds their centre.
    let mut i = 0;
    while i < bands.len() {
        let (size, cy, n) = match bands.get(i) {
            Some(b) => (b.size, (b.y0 + b.y1) / 2.0, b.words.len()),
            None => break,
        };
        let host = bands.iter().enumerate().position(|(j, h)| {
            j != i && h.size >= size * 1.15 && cy >= h.y0 && cy <= h.y1 && n <= 3
        });
        match host {
            Some(h) => {
                let moved = bands.remove(i);
                let h = if h > i { h - 1 } else { h };
                if let Some(hb) = bands.get_mut(h) {
                    hb.words.extend(moved.words);
                }
            }
            None => i += 1,
        }
    }
    bands.sort_by(|a, b| a.base.total_cmp(&b.base));
    bands
        .into_iter()
        .map(|mut b| {
            b.words.sort_by(|a, c| a.bbox.x0.total_cmp(&c.bbox.x0));
            Line::new(b.words)
        })
        .collect()
}

/// Splits a line's words where the horizontal gap exceeds `gap_spaces` times
/// the larger space width of the two neighbours.
pub(crate) fn segments(words: &[Word], gap_spaces: f32) -> Vec<Segment<'_>> {
    let mut out: Vec<Segment<'_>> = Vec::new();
    let mut start = 0usize;
    let mut bbox: Option<Rect> = None;
    let mut prev: Option<&Word> = None;
    for (i, w) in words.iter().enumerate() {
        let split = prev.is_some_and(|p| w.bbox.x0 - p.bbox.x1 > gap_spaces * p.space.max(w.space));
        if split && let (Some(b), Some(run)) = (bbox.take(), words.get(start..i)) {
            out.push(Segment {
                bbox: b,
                words: run,
            });
            start = i;
        }
        bbox = Some(bbox.map_or(w.bbox, |b| b.union(&w.bbox)));
        prev = Some(w);
    }
    if let (Some(b), Some(run)) = (bbox, words.get(start..)) {
        out.push(Segment {
            bbox: b,
            words: run,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, x0: f32, y0: f32, size: f32) -> Word {
        Word {
            text: text.to_string(),
            bbox: Rect::new(x0, y0, x0 + size * 0.5 * text.len() as f32, y0 + size),
            size,
            space: size * 0.28,
            cell: None,
        }
    }

    #[test]
    fn groups_by_baseline_and_orders_left_to_right() {
        let words = vec![
            word("b", 50.0, 100.0, 10.0),
            word("c", 10.0, 120.0, 10.0),
            word("a", 10.0, 100.5, 10.0),
        ];
        let lines = lines_from_words(words);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text(), "a b");
        assert_eq!(lines[1].text(), "c");
    }

    #[test]
    fn superscript_joins_its_line() {
        let words = vec![
            word("6,6", 10.0, 100.0, 10.0),
            word("%", 30.0, 100.0, 10.0),
            word("11", 36.0, 97.0, 6.0),
        ];
        let lines = lines_from_words(words);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text(), "6,6 % 11");
    }

    #[test]
    fn columns_on_offset_baselines_stay_apart() {
        let words = vec![
            word("Varje", 10.0, 100.0, 10.0),
            word("Män", 120.0, 102.5, 10.0),
        ];
        let lines = lines_from_words(words);
        assert_eq!(lines.len(), 2);
    }

    #[test]
    fn segments_split_on_wide_gaps_only() {
        let line = Line {
            words: vec![
                Word::on_text_grid("Nämnden", 0.0, 0.0),
                Word::on_text_grid("1", 20.0, 0.0),
                Word::on_text_grid("724", 22.0, 0.0),
                Word::on_text_grid("2", 30.0, 0.0),
            ],
            source_line: Some(1),
            tab_cells: 1,
            chars: 30,
        };
        let segs = line.segments(1.5);
        let texts: Vec<String> = segs.iter().map(Segment::text).collect();
        assert_eq!(texts, ["Nämnden", "1 724", "2"]);
    }
}
