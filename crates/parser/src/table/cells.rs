//! Cells: a line split into its label and its amounts.
//!
//! Value words are turned into amounts: signs attach to the digits after
//! them, a lone dash is an empty cell, and digit groups printed with single
//! spaces (which may group thousands or separate cells) are partitioned into
//! numbers ([`number::partition_run`]). Numbers that are really label text (a
//! year ending a label, a number continued on the next line) go back to the
//! label. [`TableReader::place`] then puts the amounts in their columns.

use super::TableReader;
use super::geometry::Mode;
use super::rows::{is_row_starter, starts_lowercase};
use crate::model::{Cell, Note, NoteKind, Origin, RowValues};
use crate::number::{self, DigitTok};
use crate::stream::StreamLine;
use crate::words::{self, ValueWord};
use internbudget_layout::Word;

/// One amount (or explicit empty cell) found on a line.
#[derive(Debug, Clone)]
pub(super) struct Amount {
    pub(super) text: String,
    pub(super) x0: f32,
    pub(super) x1: f32,
    /// A dash standing for an empty cell.
    pub(super) empty: bool,
    /// Tokens in the amount (1 for "250", 2 for "1 281").
    pub(super) tokens: usize,
    /// Gap to the word before, in spaces (None at line start).
    pub(super) gap_before: Option<f32>,
}

/// A line split into label words and amounts.
#[derive(Debug, Clone, Default)]
pub(super) struct SplitLine {
    pub(super) label: String,
    pub(super) amounts: Vec<Amount>,
}

impl<'s, 'a> TableReader<'s, 'a> {
    /// Splits a line into label text and amounts.
    pub(super) fn split_line(&self, line: &internbudget_layout::Line, mode: &Mode) -> SplitLine {
        let words = &line.words;
        let value_start = match mode {
            Mode::Geometric(g) => words
                .iter()
                .position(|w| w.bbox.x0 >= g.value_left && value_like(&w.text))
                .unwrap_or(words.len()),
            Mode::Flowed => {
                let mut start = words.len();
                while start > 0 && words.get(start - 1).is_some_and(|w| value_like(&w.text)) {
                    start -= 1;
                }
                start
            }
        };
        let (label_words, value_words) = words.split_at(value_start.min(words.len()));
        let mut label: Vec<&str> = label_words.iter().map(|w| w.text.as_str()).collect();
        // Non-amount words in the value area (stray text) stay with the label,
        // and no number is read across them ("30 x 895" is not 30 895).
        let mut vw: Vec<&Word> = Vec::new();
        let mut broken: Vec<bool> = Vec::new();
        let mut stray = false;
        for w in value_words {
            if value_like(&w.text) {
                vw.push(w);
                broken.push(stray);
                stray = false;
            } else {
                label.push(&w.text);
                stray = true;
            }
        }
        let prev_label_word = label_words.last();
        let amounts = self.amounts_of(&vw, &broken, prev_label_word, mode);
        SplitLine {
            label: label.join(" "),
            amounts,
        }
    }

    /// Turns value words into amounts: signs attach to the digits after them,
    /// a lone dash is an empty cell, digit groups closer than one and a half
    /// spaces are partitioned into numbers.
    /// `broken[i]`: a word that is not an amount stood right before `vw[i]`.
    pub(super) fn amounts_of(
        &self,
        vw: &[&Word],
        broken: &[bool],
        prev: Option<&Word>,
        mode: &Mode,
    ) -> Vec<Amount> {
        // Runs of digit tokens; a run breaks at wide gaps and before signs.
        struct Run<'w> {
            toks: Vec<(bool, &'w str, &'w Word, Option<&'w Word>)>, // (negative, digits, word, sign word)
        }
        let mut runs: Vec<Run<'_>> = Vec::new();
        let mut empties: Vec<(usize, &Word)> = Vec::new(); // (position among runs, dash word)
        let mut pending_sign: Option<&Word> = None;
        let mut last: Option<&Word> = prev;
        let mut last_in_run: Option<&Word> = None;
        for (i, w) in vw.iter().enumerate() {
            match words::value_word(&w.text) {
                ValueWord::Dash => {
                    let next_is_digits = vw
                        .get(i + 1)
                        .is_some_and(|n| words::value_word(&n.text) == ValueWord::Digits);
                    let same_column = match (mode, vw.get(i + 1)) {
                        (Mode::Geometric(g), Some(n)) => {
                            g.column_of(w.bbox.x0, w.bbox.x1) == g.column_of(n.bbox.x0, n.bbox.x1)
                                || words::gap_in_spaces(w, n) <= 1.5
                        }
                        _ => true,
                    };
                    if next_is_digits && same_column && pending_sign.is_none() {
                        pending_sign = Some(w);
                    } else {
                        empties.push((runs.len(), w));
                        last_in_run = None;
                    }
                }
                ValueWord::Digits => {
                    let (neg_attached, digits) = words::split_sign(&w.text);
                    let negative = neg_attached || pending_sign.is_some();
                    let continues = !negative
                        && !broken.get(i).copied().unwrap_or(false)
                        && last_in_run.is_some_and(|p| words::gap_in_spaces(p, w) <= 1.5)
                        && pending_sign.is_none();
                    if continues && let Some(run) = runs.last_mut() {
                        run.toks.push((false, digits, w, None));
                    } else {
                        runs.push(Run {
                            toks: vec![(negative, digits, w, pending_sign)],
                        });
                    }
                    pending_sign = None;
                    last_in_run = Some(w);
                }
                ValueWord::Other => {}
            }
            last = Some(w);
        }
        let _ = last;
        if let Some(w) = pending_sign {
            empties.push((runs.len(), w));
        }
        let run_count = runs.len();
        let mut out: Vec<(usize, Amount)> = Vec::new(); // (order key, amount)
        for (ri, run) in runs.iter().enumerate() {
            let toks: Vec<DigitTok<'_>> = run
                .toks
                .iter()
                .map(|(neg, d, _, _)| DigitTok {
                    text: d,
                    negative: *neg,
                })
                .collect();
            let target = match mode {
                // Single-spaced flowed text: the last run fills the columns left
                // after the other runs (each one number) and empty-cell dashes.
                Mode::Flowed if self.single_spaced && ri + 1 == run_count => {
                    let before = out.iter().filter(|(_, a)| !a.empty).count();
                    Some(self.n.saturating_sub(empties.len() + before).max(1))
                }
                Mode::Flowed => None,
                Mode::Geometric(g) => {
                    // As many numbers as columns the run spans.
                    let (x0, x1) = match (run.toks.first(), run.toks.last()) {
                        (Some(a), Some(b)) => (a.2.bbox.x0, b.2.bbox.x1),
                        _ => (0.0, 0.0),
                    };
                    let spanned = g
                        .right
                        .iter()
                        .filter(|&&r| r >= x0 - 1.0 && r <= x1 + g.spacing * 0.3)
                        .count();
                    Some(spanned.max(1))
                }
            };
            let sizes = number::partition_run(&toks, target);
            let mut k = 0usize;
            for size in sizes {
                let part = run.toks.get(k..k + size).unwrap_or(&[]);
                k += size;
                let (Some(first), Some(lastw)) = (part.first(), part.last()) else {
                    continue;
                };
                let mut text = String::new();
                if first.0 {
                    text.push('-');
                }
                text.push_str(&part.iter().map(|t| t.1).collect::<Vec<_>>().join(" "));
                let x0 = first.3.map_or(first.2.bbox.x0, |s| s.bbox.x0);
                let before = if ri == 0 && k == size {
                    prev.map(|p| words::gap_in_spaces(p, first.3.unwrap_or(first.2)))
                } else {
                    None
                };
                out.push((
                    ri * 2 + 1,
                    Amount {
                        text,
                        x0,
                        x1: lastw.2.bbox.x1,
                        empty: false,
                        tokens: size,
                        gap_before: before,
                    },
                ));
            }
        }
        for (pos, w) in empties {
            out.push((
                pos * 2,
                Amount {
                    text: w.text.clone(),
                    x0: w.bbox.x0,
                    x1: w.bbox.x1,
                    empty: true,
                    tokens: 1,
                    gap_before: None,
                },
            ));
        }
        out.sort_by_key(|(k, _)| *k);
        out.into_iter().map(|(_, a)| a).collect()
    }

    /// Moves amounts that are really label text back into the label: a year
    /// printed at the end of a label ("… åtgärd år 2022"), a number followed
    /// by a label continuation on the next line ("… i KF den 29" / "september
    /// 2020"), and in flowed mode amounts beyond the column count.
    pub(super) fn fix_label_numbers(
        &self,
        split: &mut SplitLine,
        pending: &[(String, Origin)],
        at: usize,
    ) {
        let flowed = matches!(self.mode, Mode::Flowed);
        while let Some(first) = split.amounts.first() {
            let is_year = first.tokens == 1 && !first.empty && number::year(&first.text).is_some();
            let attached = first.gap_before.is_some_and(|g| g <= 1.5) && !split.label.is_empty();
            let continues_pending = split.label.is_empty() && !pending.is_empty();
            let more_follow = split.amounts.len() > 1 || split.label.is_empty();
            let year_label = is_year
                && (attached || continues_pending || self.grouped)
                && (more_follow || self.grouped);
            let overflow = flowed && split.amounts.iter().len() > self.n;
            if !(year_label || overflow) {
                break;
            }
            let moved = split.amounts.remove(0);
            if split.label.is_empty() {
                split.label = moved.text;
            } else {
                split.label = format!("{} {}", split.label, moved.text);
            }
        }
        // A label continued on the next line: the trailing numbers were label text.
        if flowed
            && !split.amounts.is_empty()
            && split.amounts.len() < self.n
            && split
                .amounts
                .first()
                .is_some_and(|a| a.gap_before.is_some_and(|g| g <= 1.5))
            && !split.label.is_empty()
            && self.next_line_continues(at)
        {
            let tail: Vec<String> = split.amounts.drain(..).map(|a| a.text).collect();
            split.label = format!("{} {}", split.label, tail.join(" "));
        }
    }

    pub(super) fn next_line_continues(&self, at: usize) -> bool {
        self.lines
            .iter()
            .skip(at + 1)
            .find(|l| !l.is_blank())
            .is_some_and(|l| {
                let t = l.line.text();
                starts_lowercase(&t) && !is_row_starter(&t)
            })
    }

    /// Puts the amounts of one line in columns.
    pub(super) fn place(
        &self,
        amounts: &[Amount],
        l: &StreamLine<'_>,
        origin: Origin,
        notes: &mut Vec<Note>,
    ) -> RowValues {
        let cell = |a: &Amount| -> Option<Cell> {
            if a.empty {
                return None;
            }
            let bbox = l.line.bbox();
            let words = l
                .line
                .words
                .iter()
                .filter(|w| w.bbox.x0 >= a.x0 && w.bbox.x0 < a.x1);
            Some(Cell {
                text: a.text.clone(),
                origin: Origin {
                    page: l.page,
                    line: l.line.source_line,
                    line_end: None,
                    bbox: (l.line.source_line.is_none())
                        .then(|| internbudget_layout::Rect::new(a.x0, bbox.y0, a.x1, bbox.y1)),
                    cell: crate::model::cell_of(words),
                },
            })
        };
        match &self.mode {
            Mode::Geometric(g) => {
                let mut out: Vec<Option<Cell>> = vec![None; self.n];
                for a in amounts {
                    match g.column_of(a.x0, a.x1) {
                        Some(c) => {
                            if let Some(slot) = out.get_mut(c) {
                                if slot.is_some() && !a.empty {
                                    notes.push(Note {
                                        kind: NoteKind::AmountDropped,
                                        message: format!(
                                            "two amounts fall in column {} of one row; kept the first, dropped \"{}\"",
                                            c + 1,
                                            a.text
                                        ),
                                        origin,
                                    });
                                } else if slot.is_none() {
                                    *slot = cell(a);
                                }
                            }
                        }
                        None if !a.empty => notes.push(Note {
                            kind: NoteKind::AmountOutsideColumns,
                            message: format!(
                                "the amount \"{}\" is under no column; it was left out",
                                a.text
                            ),
                            origin,
                        }),
                        None => {}
                    }
                }
                RowValues::Placed(out)
            }
            Mode::Flowed => {
                let cells: Vec<Option<Cell>> = amounts.iter().map(cell).collect();
                if cells.len() == self.n {
                    RowValues::Placed(cells)
                } else {
                    RowValues::Unplaced(cells)
                }
            }
        }
    }
}

/// True for words that can be part of an amount cell.
pub(super) fn value_like(text: &str) -> bool {
    words::value_word(text) != ValueWord::Other
}

pub(super) fn has_grouped_number(words: &[Word]) -> bool {
    words.windows(2).any(|w| match w {
        [a, b] => {
            let (_, da) = words::split_sign(&a.text);
            let (nb, db) = words::split_sign(&b.text);
            words::value_word(&a.text) == ValueWord::Digits
                && words::value_word(&b.text) == ValueWord::Digits
                && (1..=3).contains(&da.len())
                && !nb
                && db.len() == 3
                && db.bytes().all(|c| c.is_ascii_digit())
                && words::gap_in_spaces(a, b) <= 1.5
        }
        _ => false,
    })
}
