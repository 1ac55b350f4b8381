//! Lines of words: left-to-right words by baseline (through
//! `internbudget_layout::lines_from_words`), words in other directions on
//! lines of their own; then words that touch on a line are joined, as
//! pdftotext prints them without a space ([`page_lines`]).

use super::{Dir, DirWord, MAX_WORD_BYTES, extents};
use internbudget_layout::{Line, Word};

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
    use super::super::testing::{joined, run, texts};
    use crate::interp::PageOut;

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
}
