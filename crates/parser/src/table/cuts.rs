//! How a line's runs of digit groups are cut into numbers: by the columns
//! a run spans where the source keeps positions, by the cheapest reading
//! of the whole line where it does not ([`digits`]), and — in layout text
//! whose positions cut more numbers than the table has columns — by the
//! line's reading, marked as a choice.

use super::TableReader;
use super::cells::{Tok, is_note_number};
use super::digits;
use super::geometry::Mode;
use crate::number::{self, DigitTok};

/// What a column left empty adds to the cost of a reading of single-spaced
/// digits: a row reads as a full row unless that takes numbers of very
/// unlike size (a sparse row "1 281 1 281" is two numbers, not four).
const MISSING_COLUMN: f64 = 0.3;

/// Whether every number of a cut of digit tokens (token counts per
/// number) ends in a decimal part.
fn all_decimal(toks: &[DigitTok<'_>], sizes: &[usize]) -> bool {
    let mut end = 0usize;
    sizes.iter().all(|&n| {
        end += n;
        end.checked_sub(1)
            .and_then(|i| toks.get(i))
            .is_some_and(|t| t.has_frac())
    })
}

/// A run that reads as more than one count of numbers: the reading taken
/// of it is a choice among them.
fn has_other_readings(toks: &[Vec<DigitTok<'_>>]) -> bool {
    toks.iter().any(|t| {
        number::partition_run(t, None).len() != number::partition_run(t, Some(t.len())).len()
    })
}

impl TableReader<'_, '_> {
    /// How each run is cut into numbers (token counts per number), whether
    /// the first number is a note number, whether a run ran on (was cut
    /// into more numbers than the columns it spans), and whether a flowed
    /// cut was a choice ([`SplitLine::cut_chosen`]). Geometric sources cut a
    /// run into as many numbers as columns it spans; flowed text, where
    /// single spaces may part cells, takes the best reading of the whole
    /// line as as many numbers as it has columns left ([`digits::readings`]).
    pub(super) fn choose_cuts(
        &self,
        runs: &[Vec<Tok<'_>>],
        empties: usize,
        mode: &Mode,
    ) -> (Vec<Vec<usize>>, bool, bool, bool) {
        let toks: Vec<Vec<DigitTok<'_>>> = runs
            .iter()
            .map(|r| r.iter().map(Tok::digit_tok).collect())
            .collect();
        match mode {
            Mode::Geometric(g) => {
                let mut run_on = false;
                let sizes = runs
                    .iter()
                    .zip(&toks)
                    .map(|(run, t)| {
                        // As many numbers as columns the run spans.
                        let (Some(a), Some(b)) = (run.first(), run.last()) else {
                            return Vec::new();
                        };
                        let x0 = a.sign.map_or(a.word.bbox.x0, |s| s.bbox.x0);
                        let spanned = g.columns_spanned(x0, a.word.bbox.x1, b.word.bbox.x1);
                        let mut sizes = number::partition_run(t, Some(spanned));
                        // In a table whose amounts print decimals, a cut that
                        // leaves a number without them ("−1" | "867,1") is
                        // worse than fewer numbers that all have them.
                        if self.decimals.is_some_and(|d| d > 0) && !all_decimal(t, &sizes) {
                            let fewest = number::partition_run(t, None);
                            if all_decimal(t, &fewest) {
                                sizes = fewest;
                            }
                        }
                        // More numbers than columns, where the digit groups
                        // could also be cut otherwise (decimals, which end
                        // a number, leave one cut only; so do they in a
                        // table whose every amount prints them).
                        let decimal_cut =
                            self.decimals.is_some_and(|d| d > 0) && all_decimal(t, &sizes);
                        run_on |= sizes.len() > spanned
                            && !decimal_cut
                            && number::partition_run(t, None).len()
                                != number::partition_run(t, Some(t.len())).len();
                        sizes
                    })
                    .collect::<Vec<Vec<usize>>>();
                // Layout text squeezes cells to one space apart, so that
                // positions cut a line into more numbers than the table
                // has columns: the line's best reading as at most that
                // many numbers ([`Self::flowed_cuts`]) instead, a choice
                // where its runs read otherwise too (not where a run reads
                // as more numbers than the columns it spans: that stays
                // withheld).
                let total: usize = sizes.iter().map(Vec::len).sum();
                if self.kind == internbudget_layout::SourceKind::PlainText
                    && !run_on
                    && total + empties > self.n
                {
                    let (flowed, _) = self.flowed_cuts(&toks, empties);
                    if flowed.iter().map(Vec::len).sum::<usize>() + empties <= self.n {
                        return (flowed, false, false, has_other_readings(&toks));
                    }
                }
                (sizes, false, run_on, false)
            }
            Mode::Flowed => {
                let (sizes, note) = self.flowed_cuts(&toks, empties);
                (sizes, note, false, has_other_readings(&toks))
            }
        }
    }

    /// The best reading of a flowed line's runs: the reading of the whole
    /// line that costs least ([`digits::cost`]), each column it leaves empty
    /// costing [`MISSING_COLUMN`], and — where amounts are set apart by wide
    /// gaps, so that a run is one cell — so does each number a run is cut
    /// into beyond the fewest. With a note column, the first number may be
    /// the row's note.
    fn flowed_cuts(&self, toks: &[Vec<DigitTok<'_>>], empties: usize) -> (Vec<Vec<usize>>, bool) {
        if toks.is_empty() {
            return (Vec::new(), false);
        }
        let note_possible = self.header.note
            && toks
                .first()
                .and_then(|r| r.first())
                .is_some_and(|t| is_note_number(t.text) && !t.negative && !t.percent);
        // A note number alone ("Skatteintäkter" ⏎ "3"): a heading's note.
        if note_possible && toks.len() == 1 && toks.first().is_some_and(|r| r.len() == 1) {
            return (vec![vec![1]], true);
        }
        let fewest: Vec<Vec<usize>> = toks
            .iter()
            .map(|t| number::partition_run(t, None))
            .collect();
        let fewest_count: usize = fewest.iter().map(Vec::len).sum();
        let target = self.n.saturating_sub(empties).max(1);
        let mut best: Option<(f64, Vec<Vec<usize>>, bool)> = None;
        for want in 1..=target {
            let mut missing = (target - want) as f64 * MISSING_COLUMN;
            // Where cells are set apart by wide gaps, a run is one cell.
            if !self.single_spaced {
                missing += want.saturating_sub(fewest_count) as f64 * MISSING_COLUMN;
            }
            let plain = digits::readings(toks, want).into_iter().map(|r| (r, false));
            let noted = if note_possible {
                digits::readings(toks, want + 1)
            } else {
                Vec::new()
            };
            let noted = noted
                .into_iter()
                .filter(|r| r.first().and_then(|run| run.first()) == Some(&1))
                .map(|r| (r, true));
            for (reading, note) in plain.chain(noted) {
                let c = self.reading_cost(toks, &reading, note) + missing;
                if best.as_ref().is_none_or(|b| c < b.0) {
                    best = Some((c, reading, note));
                }
            }
        }
        match best {
            Some((_, reading, note)) => (reading, note),
            None => (fewest, false),
        }
    }

    /// The cost of a reading ([`digits::cost`]), the note number left out.
    fn reading_cost(&self, toks: &[Vec<DigitTok<'_>>], reading: &[Vec<usize>], note: bool) -> f64 {
        let mut numbers: Vec<(f64, usize, usize)> = toks
            .iter()
            .zip(reading)
            .flat_map(|(run, sizes)| digits::numbers_of(run, sizes))
            .collect();
        if note && !numbers.is_empty() {
            numbers.remove(0);
        }
        digits::cost(&numbers, self.decimals)
    }
}
