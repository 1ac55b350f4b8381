//! Cells: a line split into its label and its amounts.
//!
//! Value words are turned into amounts: signs attach to the digits after
//! them, a lone dash is an empty cell, a percent sign ends the number before
//! it, and digit groups printed with single spaces (which may group
//! thousands or separate cells) are cut into numbers ([`super::digits`]). Numbers that are really label text (a
//! year ending a label, a number continued on the next line) go back to the
//! label. [`super::place`] then puts the amounts in their columns.

use super::TableReader;
use super::geometry::{FlowedColumns, Mode};
use super::place::cell_index;
use super::rows::{is_row_starter, starts_lowercase};
use crate::model::Origin;
use crate::number::{self, DigitTok};
use crate::words::{self, ValueWord};
use internbudget_layout::Word;

/// One amount (or explicit empty cell) found on a line.
#[derive(Debug, Clone)]
pub(super) struct Amount {
    pub(super) text: String,
    pub(super) x0: f32,
    pub(super) x1: f32,
    /// Top of the amount's words (a text row: the line it was printed on).
    pub(super) y0: f32,
    /// A dash standing for an empty cell.
    pub(super) empty: bool,
    /// Tokens in the amount (1 for "250", 2 for "1 281").
    pub(super) tokens: usize,
    /// Gap to the word before, in spaces (None at line start).
    pub(super) gap_before: Option<f32>,
    /// The row's note number (a "Not" column), not an amount.
    pub(super) note: bool,
}

impl Amount {
    /// A note number printed as the label word `w` ("1." read as "1").
    fn note_of(w: &Word, text: &str) -> Self {
        Amount {
            text: text.to_string(),
            x0: w.bbox.x0,
            x1: w.bbox.x1,
            y0: w.bbox.y0,
            empty: false,
            tokens: 1,
            gap_before: None,
            note: true,
        }
    }
}

/// One digit group of a run, with the words it came from.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok<'w> {
    /// A minus sign printed with or right before it.
    negative: bool,
    /// The digits, without sign.
    digits: &'w str,
    /// A percent sign printed right after it.
    percent: bool,
    /// A minus sign printed right after it ("1 363-"): it ends a negative
    /// number.
    trailing_minus: bool,
    /// The word of the digits.
    pub(super) word: &'w Word,
    /// The word of a sign printed apart ("–" before "1 777").
    pub(super) sign: Option<&'w Word>,
}

impl<'w> Tok<'w> {
    pub(super) fn digit_tok(&self) -> DigitTok<'w> {
        DigitTok {
            text: self.digits,
            negative: self.negative,
            // Either sign after the digits ends the number.
            percent: self.percent || self.trailing_minus,
        }
    }
}

/// A note number: one or two digits, no decimals, not zero-led.
pub(super) fn is_note_number(text: &str) -> bool {
    (1..=2).contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_digit())
        && !text.starts_with('0')
}

/// Value words cut into runs of digit groups (a run breaks at wide gaps,
/// before signs, after a percent sign and at stray words) and the dashes
/// that stand for empty cells (with their position among the runs).
fn runs_of<'w>(
    vw: &[&'w Word],
    broken: &[bool],
    mode: &Mode,
    flowed: Option<&FlowedColumns>,
) -> (Vec<Vec<Tok<'w>>>, Vec<(usize, &'w Word)>) {
    let mut runs: Vec<Vec<Tok<'w>>> = Vec::new();
    let mut empties: Vec<(usize, &Word)> = Vec::new();
    let mut pending_sign: Option<&Word> = None;
    let mut last_in_run: Option<&Word> = None;
    for (i, w) in vw.iter().copied().enumerate() {
        match words::value_word(&w.text) {
            ValueWord::Dash => {
                let next_is_digits = vw
                    .get(i + 1)
                    .is_some_and(|n| words::value_word(&n.text) == ValueWord::Digits);
                // In flowed layout text, a dash standing at a column's edge
                // apart from the digits after it is a cell of its own (an
                // empty one), not their sign ("-     2 141" prints a sign at
                // the cell's left).
                let same_column = match (mode, vw.get(i + 1)) {
                    (Mode::Geometric(g), Some(n)) => {
                        g.column_of(w.bbox.x0, w.bbox.x1) == g.column_of(n.bbox.x0, n.bbox.x1)
                            || words::gap_in_spaces(w, n) <= 1.5
                    }
                    (_, Some(n)) => {
                        words::gap_in_spaces(w, n) <= 1.5
                            || !flowed.is_some_and(|f| f.stands_at_edge(w.bbox.x0, w.bbox.x1))
                    }
                    (_, None) => true,
                };
                if next_is_digits && same_column && pending_sign.is_none() {
                    pending_sign = Some(w);
                } else {
                    empties.push((runs.len(), w));
                    last_in_run = None;
                }
            }
            ValueWord::Percent => {
                // "8,5 %": the sign ends the number before it.
                if let Some(t) = runs.last_mut().and_then(|r| r.last_mut()) {
                    t.percent = true;
                }
                last_in_run = None;
            }
            ValueWord::Digits => {
                let (trailing_minus, text) = match words::strip_trailing_minus(&w.text) {
                    Some(body) => (true, body),
                    None => (false, w.text.as_str()),
                };
                let (neg_attached, digits) = words::split_sign(text);
                let (digits, percent) = match digits.strip_suffix('%') {
                    Some(d) => (d, true),
                    None => (digits, false),
                };
                let negative = neg_attached || pending_sign.is_some();
                let continues = !negative
                    && !broken.get(i).copied().unwrap_or(false)
                    && last_in_run.is_some_and(|p| words::gap_in_spaces(p, w) <= 1.5)
                    && pending_sign.is_none();
                let tok = Tok {
                    negative,
                    digits,
                    percent,
                    trailing_minus,
                    word: w,
                    sign: pending_sign,
                };
                match runs.last_mut() {
                    Some(run) if continues => run.push(tok),
                    _ => runs.push(vec![tok]),
                }
                pending_sign = None;
                last_in_run = (!percent && !trailing_minus).then_some(w);
            }
            ValueWord::Other => {}
        }
    }
    if let Some(w) = pending_sign {
        empties.push((runs.len(), w));
    }
    (runs, empties)
}

/// A line split into label words, amounts and a note number.
#[derive(Debug, Clone, Default)]
pub(super) struct SplitLine {
    pub(super) label: String,
    pub(super) amounts: Vec<Amount>,
    /// The row's note number ("Not" column), when printed on this line.
    pub(super) note: Option<Amount>,
    /// A run of digit groups reads as more numbers than the columns it
    /// spans ("12 345 678 901 234" under one column): where its numbers
    /// start cannot be told.
    pub(super) run_on: bool,
    /// Flowed text: a run of single-spaced digit groups could be read as
    /// more than one count of numbers, and the likeliest was taken.
    pub(super) cut_chosen: bool,
}

impl<'s, 'a> TableReader<'s, 'a> {
    /// Splits a line into label text and amounts.
    pub(super) fn split_line(&self, line: &internbudget_layout::Line, mode: &Mode) -> SplitLine {
        let words = &line.words;
        let value_start = match mode {
            Mode::Geometric(g) => {
                let plain = self.kind == internbudget_layout::SourceKind::PlainText;
                words
                    .iter()
                    .enumerate()
                    .position(|(i, w)| {
                        g.starts_values(w)
                            || (plain
                                && !(self.header.note && is_note_number(&w.text))
                                && g.drifted_value_start(
                                    i.checked_sub(1).and_then(|p| words.get(p)),
                                    w,
                                ))
                    })
                    .unwrap_or(words.len())
            }
            // A row with explicit cells (a tab export, or a table folded
            // from one cell per line): the label is the first cell.
            Mode::Flowed if line.tab_cells > 1 => words
                .iter()
                .position(|w| cell_index(w.bbox.x0) >= 1)
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
        let (mut amounts, run_on, cut_chosen) =
            self.amounts_of(&vw, &broken, prev_label_word, mode);
        let mut note = None;
        if amounts.first().is_some_and(|a| a.note) {
            note = Some(amounts.remove(0));
        }
        // "1. Skatteintäkter …" under a "Nr." column: the note leads the label.
        if note.is_none()
            && self.header.note
            && let Some(first) = label_words.first()
            && label.len() > 1
            && is_note_number(first.text.trim_end_matches('.'))
        {
            label.remove(0);
            note = Some(Amount::note_of(first, first.text.trim_end_matches('.')));
        }
        // "Verksamhetens intäkter   1   187,4 …" under a "Not" column read by
        // position: a note number set apart from the label's words, or
        // standing under the "Not" header word, ends it; alone on a line of
        // amounts (its label wrapped around it) it is that row's note.
        if note.is_none()
            && self.header.note
            && let Some(last) = label_words.last()
            && label.last() == Some(&last.text.as_str())
            && is_note_number(&last.text)
            && (label.len() == 1 && !amounts.is_empty()
                || label_words.len() > 1
                    && (label_words
                        .get(label_words.len() - 2)
                        .is_some_and(|before| words::gap_in_spaces(before, last) >= 2.5)
                        || self.under_note_header(last)))
        {
            label.pop();
            note = Some(Amount::note_of(last, &last.text));
        }
        SplitLine {
            label: label.join(" "),
            amounts,
            note,
            run_on,
            cut_chosen,
        }
    }

    /// Whether a word stands under the header's "Not" (or "Nr.") word: it
    /// starts no further than a space left of it and before its next
    /// stub word.
    fn under_note_header(&self, w: &Word) -> bool {
        let stub = &self.header.stub;
        let Some(k) = stub.iter().position(|(t, _)| {
            crate::vocab::header_word(t) == Some(crate::vocab::HeaderWord::Note)
        }) else {
            return false;
        };
        let Some(&(_, x)) = stub.get(k) else {
            return false;
        };
        let next = stub
            .iter()
            .map(|(_, x)| *x)
            .filter(|&nx| nx > x)
            .fold(f32::INFINITY, f32::min);
        w.bbox.x0 >= x - w.space.max(1.0) && w.bbox.x0 < next
    }

    /// Turns value words into amounts: signs attach to the digits after them,
    /// a lone dash is an empty cell, a percent sign ends the number before
    /// it, and digit groups closer than one and a half spaces are cut into
    /// numbers ([`digits`]). With a note column, the first number of a
    /// flowed line may be the row's note number ([`Amount::note`]).
    /// `broken[i]`: a word that is not an amount stood right before `vw[i]`.
    /// True besides when a run is cut into more numbers than the columns
    /// it spans ([`SplitLine::run_on`]), and when a flowed cut was a choice
    /// ([`SplitLine::cut_chosen`]).
    pub(super) fn amounts_of(
        &self,
        vw: &[&Word],
        broken: &[bool],
        prev: Option<&Word>,
        mode: &Mode,
    ) -> (Vec<Amount>, bool, bool) {
        let flowed = self
            .flowed_columns
            .as_ref()
            .filter(|_| matches!(mode, Mode::Flowed));
        let (runs, empties) = runs_of(vw, broken, mode, flowed);
        let (sizes, note, run_on, chosen) = self.choose_cuts(&runs, empties.len(), mode);
        let mut out: Vec<(usize, Amount)> = Vec::new(); // (order key, amount)
        for (ri, (run, sizes)) in runs.iter().zip(&sizes).enumerate() {
            let mut k = 0usize;
            for &size in sizes {
                let part = run.get(k..k + size).unwrap_or(&[]);
                k += size;
                let (Some(first), Some(lastw)) = (part.first(), part.last()) else {
                    continue;
                };
                let mut text = String::new();
                if first.negative || lastw.trailing_minus {
                    text.push('-');
                }
                text.push_str(&part.iter().map(|t| t.digits).collect::<Vec<_>>().join(" "));
                if lastw.percent {
                    text.push_str(" %");
                }
                let x0 = first.sign.map_or(first.word.bbox.x0, |s| s.bbox.x0);
                let before = if ri == 0 && k == size {
                    prev.map(|p| words::gap_in_spaces(p, first.sign.unwrap_or(first.word)))
                } else {
                    None
                };
                out.push((
                    ri * 2 + 1,
                    Amount {
                        text,
                        x0,
                        x1: lastw.word.bbox.x1,
                        y0: lastw.word.bbox.y0,
                        empty: false,
                        tokens: size,
                        gap_before: before,
                        note: note && ri == 0 && k == size,
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
                    y0: w.bbox.y0,
                    empty: true,
                    tokens: 1,
                    gap_before: None,
                    note: false,
                },
            ));
        }
        out.sort_by_key(|(k, _)| *k);
        (out.into_iter().map(|(_, a)| a).collect(), run_on, chosen)
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
            // Digits one space after a code of digits and hyphens ("0413-281
            // 10", a telephone number) go on with that code.
            let code_tail = attached && !first.empty && ends_with_code(&split.label);
            if !(year_label || overflow || code_tail) {
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
}

/// Whether a label ends with a code of digits joined by hyphens or slashes
/// ("0413-281", "2024/125"), not a range of years: digits printed one space
/// after it go on with it, they are no amount.
fn ends_with_code(label: &str) -> bool {
    let Some(last) = label.split_whitespace().last() else {
        return false;
    };
    let parts: Vec<&str> = last.split(['-', '/', '‐', '–']).collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && !parts.iter().all(|p| number::year(p).is_some())
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

#[cfg(test)]
mod tests {
    use super::ends_with_code;

    #[test]
    fn a_code_of_digits_and_hyphens_is_not_a_year_range() {
        assert!(ends_with_code("Förvaltningschef 0413-281"));
        assert!(ends_with_code("Dnr 2024/125"));
        assert!(!ends_with_code("Ram 2025–2027"));
        assert!(!ends_with_code("Summa"));
        assert!(!ends_with_code("Barn- och"));
    }
}
