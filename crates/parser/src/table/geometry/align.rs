//! Column anchors from the amounts themselves: right-aligned amounts end
//! at a few shared x positions, left-aligned ones start at them; either
//! way each position is given to the column its header says
//! ([`TableReader::align_right_edges`], [`TableReader::align_left_edges`]).

use super::{Geometry, Mode};
use crate::number;
use crate::table::TableReader;
use crate::words;
use internbudget_layout::SourceKind;

impl<'s, 'a> TableReader<'s, 'a> {
    /// Right-aligned amounts end at a few shared x positions, one per column.
    /// When (nearly) all amounts do, each such edge is given to the column
    /// whose header starts left of it and whose right neighbour's header
    /// starts right of it — true for left-aligned, centred and right-aligned
    /// headers alike, where nearest-header matching fails for left-aligned
    /// ones (Word's default over right-aligned numbers).
    /// Also returns how many amounts end at the edges found.
    pub(super) fn align_right_edges(&self, base: &Geometry) -> Option<(Geometry, usize)> {
        let xs = self.amount_edges(base, |a| a.x1);
        let tol = (base.spacing * 0.04).max(1.0);
        let cluster_tol = if self.kind == SourceKind::PlainText {
            (base.spacing * 0.2).max(1.0)
        } else {
            tol
        };
        let (significant, held) = significant_clusters(xs, cluster_tol, self.n, 0.9)?;
        let lefts: Vec<f32> = self.header.columns.iter().map(|c| c.extent.0).collect();
        let mut right: Vec<Option<f32>> = vec![None; self.n];
        for &edge in &significant {
            let col = lefts.iter().rposition(|&l| l <= edge + tol)?;
            let slot = right.get_mut(col)?;
            if slot.is_some() {
                return None; // two edges in one column: not a right-aligned grid
            }
            *slot = Some(edge);
        }
        let right = fill_from_header(&right, &base.right)?;
        Some((
            Geometry {
                right,
                right_aligned: true,
                ..base.clone()
            },
            held,
        ))
    }

    /// Left-aligned amounts start at a few shared x positions, one per
    /// column, under headers centred or left-aligned over them (Word and
    /// LibreOffice print a cell without alignment from its left padding).
    /// When two thirds of the runs of digits do (the rest: rows printed
    /// otherwise, such as group headings with centred amounts), each such
    /// edge is given to the first column whose year ends right of it (the
    /// amount starts at most a padding left of its header). Also returns how
    /// many runs start at the edges found.
    pub(super) fn align_left_edges(&self, base: &Geometry) -> Option<(Geometry, usize)> {
        let xs = self.run_starts(base);
        // On a text page edges are whole characters: amounts one character
        // apart do not start together.
        let tol = if self.kind == SourceKind::PlainText {
            0.5
        } else {
            (base.spacing * 0.04).max(1.0)
        };
        // Rows printed otherwise (group headings centred) may be a third.
        // Half will do where every column has its edge: rows of another
        // style (group rows right-aligned) may be nearly as many, and any
        // cell's amount starts at or after the cell's left edge.
        let (significant, held) =
            significant_clusters(xs.clone(), tol, self.n, 0.66).or_else(|| {
                significant_clusters(xs, tol, self.n, 0.5)
                    .filter(|(edges, _)| edges.len() == self.n)
            })?;
        // Where each column's year ends (its header's extent may reach over
        // the next column: a measure centred over two years).
        let header_right: Vec<f32> = self.header.columns.iter().map(|c| c.right).collect();
        let header_left: Vec<f32> = self.header.columns.iter().map(|c| c.extent.0).collect();
        let mut left: Vec<Option<f32>> = vec![None; self.n];
        for &edge in &significant {
            let col = header_right.iter().position(|&r| r > edge + tol)?;
            // Not left of the column's header by more than a column.
            if header_left
                .get(col)
                .is_some_and(|&l| edge < l - base.spacing)
            {
                return None;
            }
            let slot = left.get_mut(col)?;
            if slot.is_some() {
                return None;
            }
            *slot = Some(edge);
        }
        let left = fill_from_header(&left, &header_left)?;
        let value_left = left.first().map_or(base.value_left, |&l| {
            base.value_left.min(l - base.spacing * 0.1)
        });
        // The columns' own spacing: a header squeezed by an export stands
        // closer together than its cells.
        let spacing = super::median_spacing(&left).max(base.spacing);
        Some((
            Geometry {
                left,
                spacing,
                value_left,
                header_left: base.header_left.min(value_left),
                ..base.clone()
            },
            held,
        ))
    }

    /// Where each run of digit groups of the table's data lines starts
    /// (a run: value words no further apart than one and a half spaces;
    /// its cut into numbers does not matter here), a header repeated on the
    /// next page left out.
    fn run_starts(&self, base: &Geometry) -> Vec<f32> {
        let mut xs: Vec<f32> = Vec::new();
        for l in self.data_lines().take(80) {
            let ws = &l.line.words;
            if ws
                .iter()
                .filter(|w| number::year(&w.text).is_some())
                .count()
                >= 2
            {
                continue;
            }
            let Some(start) = ws.iter().position(|w| base.starts_values(w)) else {
                continue;
            };
            let mut prev: Option<&internbudget_layout::Word> = None;
            for w in ws.iter().skip(start) {
                let digits = words::value_word(&w.text) == words::ValueWord::Digits;
                let starts = prev.is_none_or(|p| words::gap_in_spaces(p, w) > 1.5);
                if digits && starts {
                    xs.push(w.bbox.x0);
                }
                prev = Some(w);
            }
        }
        xs
    }

    /// One edge (`edge` of each amount) per amount of the table's data
    /// lines, read with `base` (a header repeated on the next page left out).
    fn amount_edges(
        &self,
        base: &Geometry,
        edge: impl Fn(&crate::table::cells::Amount) -> f32,
    ) -> Vec<f32> {
        let probe = Mode::Geometric(base.clone());
        let mut xs: Vec<f32> = Vec::new();
        for l in self.data_lines().take(80) {
            let years = l
                .line
                .words
                .iter()
                .filter(|w| number::year(&w.text).is_some())
                .count();
            if years >= 2 {
                continue;
            }
            let split = self.split_line(l.line, &probe);
            xs.extend(split.amounts.iter().filter(|a| !a.empty).map(&edge));
        }
        xs
    }
}

/// Per column, the edge its amounts share (`found`), or for a column
/// without amounts yet its header's edge (`header`) moved by the typical
/// shift between header and amount edges. `None` when the edges do not
/// stand in column order.
fn fill_from_header(found: &[Option<f32>], header: &[f32]) -> Option<Vec<f32>> {
    let mut shifts: Vec<f32> = found
        .iter()
        .zip(header)
        .filter_map(|(e, &h)| e.map(|e| e - h))
        .collect();
    shifts.sort_by(f32::total_cmp);
    let shift = shifts.get(shifts.len() / 2).copied().unwrap_or(0.0);
    let edges: Vec<f32> = found
        .iter()
        .zip(header)
        .map(|(e, &h)| e.unwrap_or(h + shift))
        .collect();
    (!edges.windows(2).any(|w| matches!(w, [a, b] if b <= a))).then_some(edges)
}

/// The positions (sorted) at which at least a `share` of `xs` cluster,
/// within `tol` of each other, in at most `n` clusters of two or more, and
/// how many of `xs` they hold; `None` when they do not.
fn significant_clusters(
    mut xs: Vec<f32>,
    tol: f32,
    n: usize,
    share: f32,
) -> Option<(Vec<f32>, usize)> {
    if xs.len() < 4 {
        return None;
    }
    let mut clusters = super::chain_clusters(&mut xs, tol);
    clusters.sort_by_key(|c| std::cmp::Reverse(c.1));
    let mut significant: Vec<(f32, usize)> = clusters
        .into_iter()
        .take(n)
        .filter(|&(_, k)| k >= 2)
        .collect();
    significant.sort_by(|a, b| a.0.total_cmp(&b.0));
    let clustered: usize = significant.iter().map(|&(_, k)| k).sum();
    (clustered as f32 >= xs.len() as f32 * share).then(|| {
        let at = significant.into_iter().map(|(x, _)| x).collect();
        (at, clustered)
    })
}
