//! Duplicated words (fake bold, drop shadows: the same text drawn again
//! within 0.1 × size along and 0.2 × size across the baseline) are dropped,
//! as pdftotext drops them ([`dedup_words`]).

use super::{DirWord, extents};

/// Drops duplicated words (fake bold, drop shadows), as pdftotext does: a
/// word with the same text and direction as an earlier one whose box edges
/// lie within 0.1 × size along and 0.2 × size across the writing direction.
pub(super) fn dedup_words(words: &mut Vec<DirWord>) {
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

#[cfg(test)]
mod tests {
    use super::super::testing::{joined, run, texts};
    use super::*;
    use crate::interp::PageOut;
    use crate::words::Dir;
    use internbudget_layout::{Rect, Word};

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
}
