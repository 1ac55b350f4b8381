//! Rows of a text export without blank lines between them, cut around the
//! lines carrying values.
//!
//! Each row has one group of value lines: a line of values (its anchor) and
//! the lines going on with its cells ("minska" under "Ska"; "187,5" two
//! lines under "180,4 190", in a column the anchor left empty). Values may
//! stand on any line of their indicator — top-aligned on its first, centred
//! in the middle of three to five — so the lines between two groups are cut
//! where the next indicator starts:
//!
//! - top-aligned tables: at the first line after the upper group whose
//!   indicator text starts with a capital after a line that ends a sentence
//!   (not after "Källa:" or a connective), else at the lower anchor;
//! - tables whose values stand inside their rows (that first cut leaves an
//!   anchor below its row's first line): at the capitals that set each
//!   group of values nearest the middle of its row (Word's vertically
//!   centred cells), preferring capitals after a sentence end. Only the
//!   part of a row on its values' page counts: a row cut by a page break
//!   is centred on each page by itself.

use super::*;

/// What the row cutting needs of one line of the run.
struct RunLine {
    page: u32,
    /// The indicator cell's text on this line.
    indicator: String,
    /// The value cells on this line: column and text.
    values: Vec<(usize, String)>,
}

impl RunLine {
    fn has_values(&self) -> bool {
        !self.values.is_empty()
    }
    fn columns(&self) -> impl Iterator<Item = usize> + '_ {
        self.values.iter().map(|(c, _)| *c)
    }
    /// The indicator text starts with a capital: a new indicator may start.
    fn capital(&self) -> bool {
        self.indicator
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }
}

/// The rows of a run of text lines without blank lines between them.
pub(super) fn text_rows(lines: &[SlotLine<'_>], run: &[usize]) -> Vec<Vec<usize>> {
    let rl: Vec<RunLine> = run
        .iter()
        .filter_map(|&i| lines.get(i))
        .map(|l| RunLine {
            page: l.page,
            indicator: l.text_of(Slot::Label(LabelRole::Indicator)),
            values: l
                .slots
                .iter()
                .filter_map(|(s, _)| match s {
                    Slot::Value(v) => Some(*v),
                    _ => None,
                })
                .fold(Vec::new(), |mut acc: Vec<usize>, v| {
                    if !acc.contains(&v) {
                        acc.push(v);
                    }
                    acc
                })
                .into_iter()
                .map(|v| (v, l.text_of(Slot::Value(v))))
                .collect(),
        })
        .collect();
    let groups = value_groups(&rl);
    if groups.len() <= 1 {
        return if run.is_empty() {
            Vec::new()
        } else {
            vec![run.to_vec()]
        };
    }
    let first = first_cuts(&rl, &groups);
    let cuts = if top_aligned(&groups, &first) {
        first
    } else {
        centred_cuts(&rl, &groups).unwrap_or(first)
    };
    let mut rows = Vec::new();
    let mut start = 0;
    for cut in cuts {
        rows.push(run.get(start..cut).unwrap_or(&[]).to_vec());
        start = cut;
    }
    rows.push(run.get(start..).unwrap_or(&[]).to_vec());
    rows.retain(|r| !r.is_empty());
    rows
}

/// The value lines of the run (positions in it), grouped by row: a line
/// goes on with the group above when its indicator text does not start a
/// new one (no capital) and it is right under a value line, or its cells
/// go on cells of the line above that are no numbers ("Ska" / "minska"),
/// or it fills only columns the group left empty, two lines down at most
/// — in both cases with no new indicator started between; or it fills
/// the columns left empty by a group of bare cells right above it. A line
/// that starts a group takes along the line above whose cell it goes on
/// with in lowercase ([`cell_goes_on`]).
fn value_groups(rl: &[RunLine]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (k, line) in rl.iter().enumerate() {
        if !line.has_values() {
            continue;
        }
        let lowercase = !line.capital();
        // The last line with values above, two lines up at most (a line
        // of goal text may stand between "Ska" and "minska").
        let prev = (k.saturating_sub(3)..k)
            .rev()
            .find(|&p| rl.get(p).is_some_and(RunLine::has_values));
        // Right under a line of values and going on with its indicator
        // in lowercase: the value cells run over several lines
        // ("Augusti" / "1,1 %" / "Oktober" / "0%").
        let adjacent = k
            .checked_sub(1)
            .and_then(|p| rl.get(p))
            .is_some_and(RunLine::has_values);
        // No new indicator starts between the line and the one above.
        let between_open = |from: usize| {
            !(from + 1..k).any(|b| rl.get(b).is_some_and(RunLine::capital) && ends_before(rl, b))
        };
        let continues_cells = prev
            .filter(|&p| between_open(p))
            .and_then(|p| rl.get(p))
            .is_some_and(|above| {
                line.columns().all(|c| above.columns().any(|a| a == c))
                    && line
                        .values
                        .iter()
                        .all(|(_, v)| !v.chars().next().is_some_and(|ch| ch.is_ascii_digit()))
            });
        let fills_gaps = groups.last().is_some_and(|g| {
            g.last()
                .is_some_and(|&last| k - last <= 2 && between_open(last))
                && line.columns().all(|c| {
                    !g.iter()
                        .filter_map(|&p| rl.get(p))
                        .any(|l| l.columns().any(|a| a == c))
                })
        });
        // Right under a group of cells only (no indicator text beside
        // them) and filling the columns it left empty: the cells of one
        // row set over several lines ("Ska" / "19 … 20" / "minska").
        let under_bare_cells = adjacent
            && fills_gaps
            && !is_sub_indicator(line.indicator.trim())
            && groups.last().is_some_and(|g| {
                g.iter()
                    .filter_map(|&p| rl.get(p))
                    .all(|l| l.indicator.trim().is_empty())
            });
        let goes_on = (lowercase && (adjacent || continues_cells || fills_gaps))
            || under_bare_cells
            || staggered(rl, groups.last(), k);
        match groups.last_mut() {
            Some(g) if goes_on => g.push(k),
            Some(g) => {
                // The line whose cell this one goes on with starts the
                // new row with it.
                let mut row = vec![k];
                if g.len() >= 2
                    && let Some(start) = g.pop_if(|&mut last| cell_goes_on(rl, last, k))
                {
                    row.insert(0, start);
                }
                groups.push(row);
            }
            None => groups.push(vec![k]),
        }
    }
    groups
}

/// Whether line `k`, which starts a new group of values, goes on with a
/// cell begun on line `last`, the last value line of the group above (two
/// lines up at most, not its first): a cell of `k` starts in lowercase
/// under a cell of `last` in its column ("Vissa" / "smärre" / "skillnader"
/// under "8 dagar"), so the cell begun on `last` belongs to `k`'s row.
fn cell_goes_on(rl: &[RunLine], last: usize, k: usize) -> bool {
    let (Some(above), Some(line)) = (rl.get(last), rl.get(k)) else {
        return false;
    };
    k - last <= 2
        && line.values.iter().any(|(c, v)| {
            v.chars().next().is_some_and(char::is_lowercase)
                && above
                    .values
                    .iter()
                    .any(|(a, t)| a == c && !t.trim_end().ends_with('.'))
        })
}

/// Whether line `k` goes on with cells of group `g` set on staggered
/// lines: cells of two or more lines each, centred at other heights, so
/// that the export interleaves their lines ("Augusti ≤" / "Augusti 2,5" /
/// "1%" / "%" / "Oktober ≤" / "Oktober 0%"). The line fills the columns of
/// the line two above it, both in the group, and the line between holds
/// cells of other columns only, without indicator text.
fn staggered(rl: &[RunLine], g: Option<&Vec<usize>>, k: usize) -> bool {
    let (Some(g), Some(line)) = (g, rl.get(k)) else {
        return false;
    };
    let (Some(b), Some(a)) = (k.checked_sub(1), k.checked_sub(2)) else {
        return false;
    };
    let (Some(between), Some(above)) = (rl.get(b), rl.get(a)) else {
        return false;
    };
    let columns = |l: &RunLine| {
        let mut c: Vec<usize> = l.columns().collect();
        c.sort_unstable();
        c
    };
    g.contains(&a)
        && g.contains(&b)
        && between.has_values()
        && between.indicator.trim().is_empty()
        && line.has_values()
        && columns(line) == columns(above)
        && line.columns().all(|c| between.columns().all(|d| d != c))
}

/// Whether the line before position `k` ends an indicator: a sentence end
/// (not "Källa:" or a connective), no indicator text, or a breakdown row
/// ("Män", "Kvinnor"), which is a line of its own.
fn ends_before(rl: &[RunLine], k: usize) -> bool {
    let before = k
        .checked_sub(1)
        .and_then(|p| rl.get(p))
        .map_or("", |l| l.indicator.as_str())
        .trim_end();
    let sentence =
        before.ends_with(['.', '?', '!', ')']) && !crate::table::label_unfinished(before);
    sentence || before.is_empty() || is_sub_indicator(before)
}

/// The cut before each group after the first (where its row starts): the
/// first line after the group above whose indicator starts with a capital
/// after an ending line, else the group's anchor.
fn first_cuts(rl: &[RunLine], groups: &[Vec<usize>]) -> Vec<usize> {
    groups
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((a.last().copied()?, b.first().copied()?)),
            _ => None,
        })
        .map(|(a, b)| {
            (a + 1..=b)
                .find(|&k| {
                    rl.get(k).is_some_and(RunLine::capital) && (ends_before(rl, k) || k == b)
                })
                .unwrap_or(b)
        })
        .collect()
}

/// Every row starts at its anchor: the values are top-aligned.
fn top_aligned(groups: &[Vec<usize>], cuts: &[usize]) -> bool {
    groups
        .iter()
        .skip(1)
        .zip(cuts)
        .all(|(g, &cut)| g.first() == Some(&cut))
        && groups.first().and_then(|g| g.first()) == Some(&0)
}

/// The cuts that set each group of values nearest the middle of its row
/// (the part of the row on the group's page), each cut at a line starting
/// with a capital (or at the group's anchor); a cut after a line that ends
/// no sentence costs a little. `None` when no cuts fit.
fn centred_cuts(rl: &[RunLine], groups: &[Vec<usize>]) -> Option<Vec<usize>> {
    /// What a cut at a capital after a line ending no sentence costs: less
    /// than a centred reading gains over an off-centre one.
    const UNENDED: f32 = 0.3;
    // The candidate starts of each row, with their cost.
    let mut starts: Vec<Vec<(usize, f32)>> = vec![vec![(0, 0.0)]];
    for w in groups.windows(2) {
        let [a, b] = w else { continue };
        let (Some(&a), Some(&b)) = (a.last(), b.first()) else {
            return None;
        };
        starts.push(
            (a + 1..=b)
                .filter(|&k| rl.get(k).is_some_and(RunLine::capital) || k == b)
                .map(|k| (k, if ends_before(rl, k) { 0.0 } else { UNENDED }))
                .collect(),
        );
    }
    // cost[j][a]: the least cost of rows 0..j with row j starting at
    // starts[j][a]; back[j][a]: the start of row j - 1 it was reached from.
    let mut cost: Vec<Vec<f32>> = vec![vec![0.0]];
    let mut back: Vec<Vec<usize>> = vec![vec![0]];
    for j in 1..groups.len() {
        let (Some(here), Some(above), Some(g_above)) =
            (starts.get(j), starts.get(j - 1), groups.get(j - 1))
        else {
            return None;
        };
        let above_cost = cost.get(j - 1)?;
        let mut row_cost = Vec::with_capacity(here.len());
        let mut row_back = Vec::with_capacity(here.len());
        for &(start, pen) in here {
            let (from, c) = above
                .iter()
                .zip(above_cost)
                .enumerate()
                .map(|(ai, ((s, _), c))| (ai, c + off_centre(rl, g_above, *s, start)))
                .min_by(|x, y| x.1.total_cmp(&y.1))?;
            row_cost.push(c + pen);
            row_back.push(from);
        }
        cost.push(row_cost);
        back.push(row_back);
    }
    let last = groups.len() - 1;
    let g_last = groups.get(last)?;
    let (mut at, total) = starts
        .get(last)?
        .iter()
        .zip(cost.get(last)?)
        .enumerate()
        .map(|(ai, ((s, _), c))| (ai, c + off_centre(rl, g_last, *s, rl.len())))
        .min_by(|x, y| x.1.total_cmp(&y.1))?;
    if !total.is_finite() {
        return None;
    }
    let mut cuts: Vec<usize> = Vec::new();
    for j in (1..=last).rev() {
        cuts.push(starts.get(j)?.get(at)?.0);
        at = *back.get(j)?.get(at)?;
    }
    cuts.reverse();
    Some(cuts)
}

/// How far the group of values `g` stands from the middle of its row
/// [start, end): the middle of the row's lines on the page of the group's
/// anchor, against the nearest of the group's lines on that page.
fn off_centre(rl: &[RunLine], g: &[usize], start: usize, end: usize) -> f32 {
    let Some(page) = g.first().and_then(|&k| rl.get(k)).map(|l| l.page) else {
        return f32::INFINITY;
    };
    if g.iter().any(|&k| k < start || k >= end) {
        return f32::INFINITY;
    }
    let on_page: Vec<usize> = (start..end)
        .filter(|&k| rl.get(k).is_some_and(|l| l.page == page))
        .collect();
    let (Some(&top), Some(&bottom)) = (on_page.first(), on_page.last()) else {
        return f32::INFINITY;
    };
    let middle = (top + bottom) as f32 / 2.0;
    g.iter()
        .filter(|&&k| rl.get(k).is_some_and(|l| l.page == page))
        .map(|&k| (k as f32 - middle).abs())
        .fold(f32::INFINITY, f32::min)
}

#[cfg(test)]
mod tests {
    use super::super::testdoc::{read_layout, row};

    /// A one-line cell ("8 dagar") and below it, after the end of its
    /// indicator, the first line of the next row's cell ("Vissa"), which
    /// the lines of the next indicator's row go on with in lowercase.
    #[test]
    fn a_cell_begun_above_a_row_goes_with_it() {
        let text = "\
Nämndmål            Nämndindikator                  2020            2021
                    Väntetid i antal dagar från
                    första ansökan till beslut
                                                   8 dagar         9 dagar
                    inom ekonomiskt bistånd
                    (medelvärde).
                                                    Vissa
                    Skillnader i hur kvinnor
Professionellt                                      smärre            Inga
                    och män har svarat på
bemötande.                                        skillnader      skillnader
                    frågan om bemötande.
";
        let goal = "Professionellt bemötande.";
        assert_eq!(
            read_layout(text),
            [
                row(
                    goal,
                    "Väntetid i antal dagar från första ansökan till beslut inom ekonomiskt bistånd (medelvärde).",
                    &["8 dagar", "9 dagar"]
                ),
                row(
                    goal,
                    "Skillnader i hur kvinnor och män har svarat på frågan om bemötande.",
                    &["Vissa smärre skillnader", "Inga skillnader"]
                ),
            ]
        );
    }
}
