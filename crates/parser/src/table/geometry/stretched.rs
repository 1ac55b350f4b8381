//! Column anchors of layout text whose cells stand wider apart than its
//! header.
//!
//! `pdftotext -layout` sets each line's text at character columns of its own:
//! a header of short words ("Ram 2024", "2025 2026 2027") comes out squeezed
//! next to the wider amounts below it, so the header's positions name no
//! amount's column. The amounts still line up among themselves — their
//! runs start together (left-aligned cells) or end together (right-aligned)
//! — and when their edges, in the value area, fall into exactly as many
//! clusters as the header has columns, those clusters are the columns, in
//! order ([`TableReader::stretched_geometry`]). Fewer or more clusters tell
//! nothing, and the header's positions stand.

use super::{Geometry, Mode, median_spacing};
use crate::number;
use crate::table::TableReader;
use internbudget_layout::SourceKind;

/// How far apart (in characters) edges of one column may stand: pdftotext
/// moves a column's cells by a character or two from line to line.
const DRIFT: f32 = 2.0;

/// The edges of the runs of amounts (amounts no more than one and a half
/// spaces apart: a squeezed run starts in its first column and ends in its
/// last) of a table's data lines.
struct RunEdges {
    starts: Vec<f32>,
    ends: Vec<f32>,
    /// Where the leftmost run starts, attached ones included.
    leftmost: f32,
}

impl Default for RunEdges {
    fn default() -> Self {
        RunEdges {
            starts: Vec::new(),
            ends: Vec::new(),
            leftmost: f32::INFINITY,
        }
    }
}

impl TableReader<'_, '_> {
    /// Anchors from the amounts' own edges (see the module docs), for layout
    /// text only; None unless one side's edges form one cluster per column.
    pub(super) fn stretched_geometry(&self, base: &Geometry) -> Option<Geometry> {
        if self.kind != SourceKind::PlainText || self.n < 2 {
            return None;
        }
        // The value area starts under the header's first column, unless the
        // header was printed on another page.
        let from = if self.header.borrowed {
            f32::NEG_INFINITY
        } else {
            base.header_left
        };
        let edges = self.run_edges(from);
        // A column's edges drift by a character or two, and by a quarter
        // of the header's spacing where indented rows are set apart.
        let drift = DRIFT.max(base.spacing * 0.25);
        let lefts = clusters(&edges.starts, drift);
        let rights = clusters(&edges.ends, drift);
        let (anchors, left_aligned) = if lefts.len() == self.n {
            (lefts, true)
        } else if rights.len() == self.n {
            (rights, false)
        } else {
            return None;
        };
        let spacing = median_spacing(&anchors);
        if spacing < 3.0 * drift {
            return None;
        }
        let value_left = base.value_left.min(edges.leftmost - spacing * 0.1);
        Some(Geometry {
            right: if left_aligned {
                base.right.clone()
            } else {
                anchors.clone()
            },
            left: if left_aligned { anchors } else { Vec::new() },
            right_aligned: !left_aligned,
            spacing,
            value_left,
            header_left: base.header_left.min(value_left),
            from_cells: true,
            ..base.clone()
        })
    }

    /// The run edges of the data lines on the page the first one is on
    /// (pdftotext sets each page's cells at positions of its own).
    fn run_edges(&self, from: f32) -> RunEdges {
        let mut out = RunEdges::default();
        let page = self.data_lines().next().map(|l| l.page);
        for l in self
            .data_lines()
            .take_while(|l| Some(l.page) == page)
            .take(80)
        {
            let ws = &l.line.words;
            if l.line.tab_cells > 1
                || ws
                    .iter()
                    .filter(|w| number::year(&w.text).is_some())
                    .count()
                    >= 2
            {
                continue;
            }
            let split = self.split_line(l.line, &Mode::Flowed);
            // A year alone (a label's last line: "2026") is no amount.
            let amounts: Vec<&crate::table::cells::Amount> = split
                .amounts
                .iter()
                .filter(|a| {
                    let lone_year = a.tokens == 1 && number::year(&a.text).is_some();
                    !(a.empty || a.note || lone_year)
                })
                .collect();
            // The line's first run, one space after its label, stands where
            // the label's length put it ("Effektiviseringskrav 1 %"): it
            // shows no column's edge.
            let mut attached = amounts
                .first()
                .is_some_and(|a| !split.label.is_empty() && a.gap_before.is_some_and(|g| g <= 1.5));
            let mut run: Option<(f32, f32)> = None;
            for a in amounts {
                run = match run {
                    Some((x0, x1)) if a.x0 - x1 <= 1.5 => Some((x0, a.x1)),
                    Some(done) => {
                        out.push(done, from, attached);
                        attached = false;
                        Some((a.x0, a.x1))
                    }
                    None => Some((a.x0, a.x1)),
                };
            }
            if let Some(done) = run {
                out.push(done, from, attached);
            }
        }
        out
    }
}

impl RunEdges {
    /// Keeps a run that stands in the value area, from `from` on (a page
    /// footer's postcode under the labels is no column's), as evidence of
    /// the columns' edges unless it is `attached` to its label.
    fn push(&mut self, (x0, x1): (f32, f32), from: f32, attached: bool) {
        if x0 < from {
            return;
        }
        self.leftmost = self.leftmost.min(x0);
        if !attached {
            self.starts.push(x0);
            self.ends.push(x1);
        }
    }
}

/// The medians of the clusters `xs` form, neighbours no more than `drift`
/// apart, left to right ([`super::chain_clusters`]).
fn clusters(xs: &[f32], drift: f32) -> Vec<f32> {
    let mut v = xs.to_vec();
    super::chain_clusters(&mut v, drift)
        .into_iter()
        .map(|(m, _)| m)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::clusters;

    #[test]
    fn edges_a_character_or_two_apart_are_one_column() {
        assert_eq!(
            clusters(&[55., 56., 55., 66., 66., 67., 77.], 2.0),
            vec![55., 66., 77.]
        );
        assert_eq!(clusters(&[], 2.0), Vec::<f32>::new());
    }
}
