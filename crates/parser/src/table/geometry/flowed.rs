//! Columns seen in the amounts of layout text read in printed order.
//!
//! A `pdftotext -layout` export often squeezes a table's header onto one
//! line ("Budget 2024 Budget 2025 Förändring % Plan 2026"), so the header
//! gives no positions and the table is read **flowed**: a row's amounts are
//! taken in printed order, and a row with fewer amounts than columns (a
//! result row of zeros without its percent cell) cannot be placed. Its
//! amounts still stand where the others do, though: the rows that fill every
//! column show each column's edge — the start of left-aligned cells, the end
//! of right-aligned ones, whichever the column's amounts share more closely.
//! [`FlowedColumns`] holds those edges, learnt only when the full rows agree
//! on them, and places a short row's amounts by them only when each amount
//! sits clearly at one column's edge (otherwise the row stays unplaced).

use super::super::TableReader;
use super::Mode;
use internbudget_layout::SourceKind;

/// Full rows needed before their positions are trusted.
const MIN_FULL_ROWS: usize = 3;

/// How far (in characters) an amount's edge may stand from its column's
/// edge: `pdftotext -layout` moves a column's cells by a character or two
/// from line to line.
const MAX_DRIFT: f32 = 3.0;

/// Which edge a column's amounts share.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Side {
    Left,
    Right,
}

/// One column's edge.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Edge {
    side: Side,
    at: f32,
}

impl Edge {
    fn distance(&self, x0: f32, x1: f32) -> f32 {
        match self.side {
            Side::Left => (x0 - self.at).abs(),
            Side::Right => (x1 - self.at).abs(),
        }
    }
}

/// The edges of a flowed table's columns, from its full rows.
#[derive(Debug, Clone, PartialEq)]
pub(in crate::table) struct FlowedColumns {
    edges: Vec<Edge>,
    /// The largest distance from an edge that still counts as standing at it.
    tolerance: f32,
}

impl FlowedColumns {
    /// Learns the edges from the spans (x0, x1) of the rows that fill all
    /// `n` columns. None unless at least [`MIN_FULL_ROWS`] rows — and two
    /// thirds of them — stand at the edges their medians give, and the edges
    /// are far enough apart to tell columns from drift.
    pub(in crate::table) fn learn(full_rows: &[Vec<(f32, f32)>], n: usize) -> Option<Self> {
        if n < 2 || full_rows.len() < MIN_FULL_ROWS || full_rows.iter().any(|r| r.len() != n) {
            return None;
        }
        let edges = edges_of(full_rows, n);
        // Neighbouring columns must be set apart by more than twice the drift
        // allowed, so that an amount can stand at one column's edge only.
        let gap = edges
            .windows(2)
            .filter_map(|p| match p {
                [a, b] => Some(b.at - a.at),
                _ => None,
            })
            .fold(f32::INFINITY, f32::min);
        let tolerance = MAX_DRIFT.min(gap * 0.3);
        if !(gap > 2.0 * tolerance && tolerance >= 1.0) {
            return None;
        }
        let at_edges = full_rows
            .iter()
            .filter(|r| {
                r.iter()
                    .zip(&edges)
                    .all(|(&(x0, x1), e)| e.distance(x0, x1) <= tolerance)
            })
            .count();
        (at_edges >= MIN_FULL_ROWS && at_edges * 3 >= full_rows.len() * 2)
            .then_some(FlowedColumns { edges, tolerance })
    }

    /// Whether a span stands at one column's edge (a cell of its own).
    pub(in crate::table) fn stands_at_edge(&self, x0: f32, x1: f32) -> bool {
        self.edges
            .iter()
            .filter(|e| e.distance(x0, x1) <= self.tolerance)
            .count()
            == 1
    }

    /// The column of each span, in order, when every span stands at exactly
    /// one column's edge and the columns follow each other left to right.
    pub(in crate::table) fn columns_of(&self, spans: &[(f32, f32)]) -> Option<Vec<usize>> {
        let mut out: Vec<usize> = Vec::with_capacity(spans.len());
        for &(x0, x1) in spans {
            let mut near = self
                .edges
                .iter()
                .enumerate()
                .filter(|(_, e)| e.distance(x0, x1) <= self.tolerance);
            let (c, _) = near.next()?;
            if near.next().is_some() || out.last().is_some_and(|&p| p >= c) {
                return None;
            }
            out.push(c);
        }
        Some(out)
    }
}

/// Each column's edge: the side its full rows' amounts share more closely.
/// A column whose amounts are all as wide as each other tells no side: it
/// takes the side most other columns take (right where none tells).
fn edges_of(full_rows: &[Vec<(f32, f32)>], n: usize) -> Vec<Edge> {
    let sides: Vec<(Option<Side>, f32, f32)> = (0..n)
        .map(|c| {
            let starts: Vec<f32> = full_rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.0)
                .collect();
            let ends: Vec<f32> = full_rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.1)
                .collect();
            let (ls, le) = (median(&starts), median(&ends));
            let (ss, se) = (spread(&starts, ls), spread(&ends, le));
            let side = if ss + 0.5 <= se {
                Some(Side::Left)
            } else if se + 0.5 <= ss {
                Some(Side::Right)
            } else {
                None
            };
            (side, ls, le)
        })
        .collect();
    let lefts = sides.iter().filter(|s| s.0 == Some(Side::Left)).count();
    let rights = sides.iter().filter(|s| s.0 == Some(Side::Right)).count();
    let usual = if lefts > rights {
        Side::Left
    } else {
        Side::Right
    };
    sides
        .into_iter()
        .map(|(side, ls, le)| match side.unwrap_or(usual) {
            Side::Left => Edge {
                side: Side::Left,
                at: ls,
            },
            Side::Right => Edge {
                side: Side::Right,
                at: le,
            },
        })
        .collect()
}

fn median(xs: &[f32]) -> f32 {
    let mut v = xs.to_vec();
    v.sort_by(f32::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// Median distance from `m`.
fn spread(xs: &[f32], m: f32) -> f32 {
    let d: Vec<f32> = xs.iter().map(|x| (x - m).abs()).collect();
    median(&d)
}

impl TableReader<'_, '_> {
    /// The columns the full rows of layout text read in printed order show
    /// (see the module docs); None for other sources and modes.
    pub(in crate::table) fn flowed_columns(&self) -> Option<FlowedColumns> {
        if self.kind != SourceKind::PlainText || !matches!(self.mode, Mode::Flowed) {
            return None;
        }
        let full: Vec<Vec<(f32, f32)>> = self
            .data_lines()
            .take(80)
            .filter(|l| l.line.tab_cells <= 1)
            .map(|l| self.split_line(l.line, &self.mode))
            .filter(|s| !s.run_on && s.amounts.len() == self.n)
            .map(|s| s.amounts.iter().map(|a| (a.x0, a.x1)).collect())
            .collect();
        FlowedColumns::learn(&full, self.n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(spans: &[(f32, f32)]) -> Vec<(f32, f32)> {
        spans.to_vec()
    }

    #[test]
    fn left_aligned_columns_place_a_short_row() {
        // Starts 17, 33, 48, 64, 74; one row squeezed its first amount left.
        let full = [
            row(&[(17., 23.), (33., 40.), (48., 53.), (64., 71.), (74., 81.)]),
            row(&[(17., 25.), (33., 41.), (48., 54.), (64., 72.), (73., 81.)]),
            row(&[(13., 20.), (33., 40.), (48., 54.), (64., 71.), (74., 81.)]),
            row(&[(16., 22.), (33., 39.), (48., 55.), (64., 70.), (74., 80.)]),
        ];
        let cols = FlowedColumns::learn(&full, 5).expect("columns");
        let short = [(17., 18.), (33., 34.), (64., 65.), (74., 75.)];
        assert_eq!(cols.columns_of(&short), Some(vec![0, 1, 3, 4]));
    }

    #[test]
    fn right_aligned_columns_allow_drift() {
        let full = [
            row(&[(18., 24.), (31., 38.), (50., 55.), (57., 64.), (66., 73.)]),
            row(&[(15., 23.), (29., 37.), (49., 55.), (56., 64.), (65., 73.)]),
            row(&[(17., 24.), (31., 38.), (49., 55.), (57., 64.), (66., 73.)]),
        ];
        let cols = FlowedColumns::learn(&full, 5).expect("columns");
        // The second zero ends two characters right of its column's edge.
        let short = [(23., 24.), (39., 40.), (63., 64.), (72., 73.)];
        assert_eq!(cols.columns_of(&short), Some(vec![0, 1, 3, 4]));
    }

    #[test]
    fn an_amount_between_columns_leaves_the_row_unplaced() {
        let full = [
            row(&[(10., 15.), (30., 35.), (50., 55.)]),
            row(&[(10., 15.), (30., 35.), (50., 55.)]),
            row(&[(10., 15.), (30., 35.), (50., 55.)]),
        ];
        let cols = FlowedColumns::learn(&full, 3).expect("columns");
        assert_eq!(cols.columns_of(&[(40., 45.)]), None);
        // Two amounts at one column, or out of order: not placed either.
        assert_eq!(cols.columns_of(&[(30., 35.), (31., 35.)]), None);
        assert_eq!(cols.columns_of(&[(50., 55.), (30., 35.)]), None);
    }

    #[test]
    fn rows_that_disagree_teach_nothing() {
        // Text whose layout is lost: every row's amounts stand elsewhere.
        let full = [
            row(&[(10., 15.), (17., 22.)]),
            row(&[(22., 27.), (29., 34.)]),
            row(&[(5., 9.), (11., 15.)]),
        ];
        assert_eq!(FlowedColumns::learn(&full, 2), None);
        // Too few full rows.
        let two = [
            row(&[(10., 15.), (30., 35.)]),
            row(&[(10., 15.), (30., 35.)]),
        ];
        assert_eq!(FlowedColumns::learn(&two, 2), None);
    }
}
