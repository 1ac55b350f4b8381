//! Column geometry: where each column's amounts stand.
//!
//! A source that keeps positions (PDF, tab-separated or layout-preserving
//! text) is read **geometrically**: each amount snaps to the column whose
//! anchor — the median right edge of that column's amounts, or the header —
//! is nearest, so sparse rows land in the right columns. A text export that
//! lost the horizontal layout is read **flowed**: amounts keep their printed
//! order. [`Mode`] says which; [`Geometry`] holds the anchors.

use super::TableReader;
use super::cells::value_like;
use crate::header::Header;
use crate::stream::StreamLine;
use crate::words;
use internbudget_layout::SourceKind;

mod align;
mod flowed;
mod stretched;

pub(super) use flowed::FlowedColumns;

/// How amounts are put in columns.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Mode {
    Geometric(Geometry),
    Flowed,
}

/// Column anchors for geometric reading.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Geometry {
    /// Per column: the x where its amounts end (right-aligned numbers).
    pub(super) right: Vec<f32>,
    /// Per column: the header's centre.
    pub(super) center: Vec<f32>,
    /// Words left of this x are label words.
    pub(super) value_left: f32,
    /// Digits from this x on are amounts, even left of `value_left`: they
    /// start under the first column's header cell ("Ram 2024" over a
    /// left-aligned "12 847" printed from the cell's left padding).
    pub(super) header_left: f32,
    /// Typical distance between neighbouring columns.
    pub(super) spacing: f32,
    /// The right anchors come from the amounts' own right edges (they line
    /// up), so an amount goes to the column whose edge it ends at, whatever
    /// the header's alignment.
    pub(super) right_aligned: bool,
    /// Per column, the x where its amounts start, when they are printed
    /// left-aligned (they line up on the left, not on the right); empty
    /// otherwise. An amount then goes to the column whose edge it starts at.
    pub(super) left: Vec<f32>,
    /// The anchors come from the amounts' own edges in layout text whose
    /// header stands squeezed beside them ([`stretched`]): the header's
    /// positions must not move them again.
    pub(super) from_cells: bool,
}

impl Geometry {
    /// How many columns a run of digit groups from `x0` to `x1` stands
    /// under: the anchors it reaches (right edges, or left edges of
    /// left-aligned amounts), at least one. Of right-aligned amounts the
    /// first cannot end before the run's first group does (`first_end`): a
    /// run starting a character after a column's edge is not in it. (A run
    /// squeezed by a layout export stands left of its cells, so its end
    /// bounds left-aligned amounts, not where its last group starts.)
    pub(super) fn columns_spanned(&self, x0: f32, first_end: f32, x1: f32) -> usize {
        let n = if self.left.is_empty() {
            self.right
                .iter()
                .filter(|&&r| r >= first_end.max(x0) - 1.0 && r <= x1 + self.spacing * 0.3)
                .count()
        } else {
            self.left
                .iter()
                .filter(|&&l| l >= x0 - self.spacing * 0.3 && l <= x1 + 1.0)
                .count()
        };
        n.max(1)
    }

    /// Whether reading by `other` could place an amount elsewhere: anchors
    /// of another kind, or moved by more than a twentieth of a column.
    pub(super) fn differs(&self, other: &Geometry) -> bool {
        let tol = self.spacing.min(other.spacing) * 0.05;
        let apart = |a: &[f32], b: &[f32]| {
            a.len() != b.len() || a.iter().zip(b).any(|(x, y)| (x - y).abs() > tol)
        };
        self.right_aligned != other.right_aligned
            || apart(&self.right, &other.right)
            || apart(&self.left, &other.left)
            || apart(&self.center, &other.center)
            || (self.value_left - other.value_left).abs() > tol
            || (self.header_left - other.header_left).abs() > tol
            || (self.spacing - other.spacing).abs() > tol
    }

    /// Whether the word starts the amounts of a line.
    pub(super) fn starts_values(&self, w: &internbudget_layout::Word) -> bool {
        value_like(&w.text)
            && (w.bbox.x0 >= self.value_left
                || (w.bbox.x0 >= self.header_left
                    && words::value_word(&w.text) == words::ValueWord::Digits))
    }

    /// In layout text a line's words drift a few characters from the
    /// header: an amount first on its line or set apart from the label by
    /// a wide gap (two spaces or more), starting less than half a column's
    /// spacing left of the value area, starts the amounts ("Färdtjänst
    /// 960,7" under a first column whose amounts start left of its header
    /// word; "1 381 425" between the lines of a label centred on it).
    pub(super) fn drifted_value_start(
        &self,
        prev: Option<&internbudget_layout::Word>,
        w: &internbudget_layout::Word,
    ) -> bool {
        value_like(&w.text)
            && words::value_word(&w.text) == words::ValueWord::Digits
            && w.bbox.x0 >= self.value_left - self.spacing * 0.5
            && prev.is_none_or(|p| words::gap_in_spaces(p, w) >= 2.0)
    }

    pub(super) fn column_of(&self, x0: f32, x1: f32) -> Option<usize> {
        if !self.left.is_empty() {
            // Left-aligned cells: an amount stands in the last cell that
            // starts left of it (a few amounts centred in their cell start
            // further in), but not beyond that cell.
            // An amount less than half a column left of the first cell's
            // edge (drifted by a layout export) is the first column's.
            let slack = self.spacing * 0.25;
            let i = self
                .left
                .iter()
                .rposition(|&l| l <= x0 + slack)
                .or_else(|| {
                    let first = self.left.first()?;
                    (x0 >= first - self.spacing * 0.5).then_some(0)
                })?;
            let cell_end = self.left.get(i + 1).copied().unwrap_or(f32::INFINITY);
            return (x0 < cell_end).then_some(i);
        }
        let c = (x0 + x1) / 2.0;
        let mut best: Option<(usize, f32)> = None;
        for (i, (&r, &m)) in self.right.iter().zip(self.center.iter()).enumerate() {
            let d = if self.right_aligned {
                (x1 - r).abs()
            } else {
                (x1 - r).abs().min((c - m).abs())
            };
            if best.is_none_or(|(_, bd)| d < bd) {
                best = Some((i, d));
            }
        }
        best.filter(|(_, d)| *d <= self.spacing * 0.75)
            .map(|(i, _)| i)
    }
}

impl<'s, 'a> TableReader<'s, 'a> {
    /// In flowed text, are the amounts of a row separated by single spaces?
    /// Counts lines whose digit groups are all single-spaced against lines with
    /// wide gaps between amounts.
    pub(super) fn detect_single_spaced(&self) -> bool {
        if !matches!(self.mode, Mode::Flowed) {
            return false;
        }
        let (mut single, mut wide) = (0usize, 0usize);
        for l in self.data_lines().take(60) {
            let ws = &l.line.words;
            let mut start = ws.len();
            while start > 0 && ws.get(start - 1).is_some_and(|w| value_like(&w.text)) {
                start -= 1;
            }
            // A year ending the label ("Ram 2024 389 169") is label text.
            while ws
                .get(start)
                .is_some_and(|w| crate::number::year(&w.text).is_some())
            {
                start += 1;
            }
            let vw = ws.get(start..).unwrap_or(&[]);
            if vw.len() < 3 {
                continue;
            }
            if vw.windows(2).any(|p| match p {
                [a, b] => words::gap_in_spaces(a, b) > 1.5,
                _ => false,
            }) {
                wide += 1;
            } else {
                single += 1;
            }
        }
        single > wide
    }

    /// Geometric reading when the source keeps positions and the amounts of
    /// full rows line up under the columns; flowed otherwise.
    pub(super) fn choose_mode(&self, kind: SourceKind) -> Mode {
        let h = self.header;
        let centers: Vec<f32> = h.columns.iter().map(|c| c.center).collect();
        let spacing = median_spacing(&centers);
        let first = centers.first().copied().unwrap_or(0.0);
        let first_left = h.columns.first().map_or(first, |c| c.extent.0);
        let base = Geometry {
            right: h.columns.iter().map(|c| c.right).collect(),
            center: centers.clone(),
            value_left: first - spacing * 0.6,
            header_left: (first - spacing * 0.6).min(first_left - spacing * 0.15),
            spacing,
            right_aligned: false,
            left: Vec::new(),
            from_cells: false,
        };
        if h.tabbed {
            return Mode::Geometric(self.refine(base));
        }
        // Layout text under columns borrowed from another page's header:
        // only the amounts' own edges place them.
        if kind == SourceKind::PlainText && h.borrowed {
            return self
                .stretched_geometry(&base)
                .map_or(Mode::Flowed, Mode::Geometric);
        }
        if kind != SourceKind::Pdf && !h.spaced {
            return Mode::Flowed;
        }
        // Check that amounts of the data lines fall under the header columns.
        let (mut hits, mut total) = (0usize, 0usize);
        for l in self.data_lines().take(40) {
            let split = self.split_line(l.line, &Mode::Geometric(base.clone()));
            for a in split.amounts.iter().filter(|a| !a.empty) {
                total += 1;
                if base.column_of(a.x0, a.x1).is_some() {
                    hits += 1;
                }
            }
        }
        if kind == SourceKind::Pdf || (total > 0 && hits * 10 >= total * 9) {
            Mode::Geometric(self.refine(base))
        } else if let Some(g) = self.stretched_geometry(&base) {
            Mode::Geometric(g)
        } else {
            Mode::Flowed
        }
    }

    /// Moves each column's right anchor to the median right edge of the amounts
    /// that fall in it, so that right-aligned amounts under centred headers snap
    /// to the right column.
    pub(super) fn refine(&self, base: Geometry) -> Geometry {
        let mut edges: Vec<Vec<f32>> = vec![Vec::new(); self.n];
        let mut min_x0 = f32::INFINITY;
        let probe = Mode::Geometric(base.clone());
        for l in self.data_lines().take(80) {
            let split = self.split_line(l.line, &probe);
            for a in split.amounts.iter().filter(|a| !a.empty) {
                if let Some(c) = base.column_of(a.x0, a.x1)
                    && let Some(e) = edges.get_mut(c)
                {
                    e.push(a.x1);
                    if c == 0 {
                        min_x0 = min_x0.min(a.x0);
                    }
                }
            }
        }
        let right = base
            .right
            .iter()
            .zip(edges.iter_mut())
            .map(|(&r, e)| {
                if e.len() >= 2 {
                    e.sort_by(f32::total_cmp);
                    e.get(e.len() / 2).copied().unwrap_or(r)
                } else {
                    r
                }
            })
            .collect();
        let value_left = if min_x0.is_finite() {
            base.value_left.min(min_x0 - base.spacing * 0.1)
        } else {
            base.value_left
        };
        Geometry {
            right,
            value_left,
            ..base
        }
    }

    pub(super) fn data_lines(&self) -> impl Iterator<Item = &StreamLine<'a>> {
        let limit = self.limit.unwrap_or(self.lines.len());
        self.lines
            .get(self.header.end + 1..limit.max(self.header.end + 1))
            .unwrap_or(&[])
            .iter()
            .filter(|l| !l.is_blank())
    }

    /// After a first reading found where the table ends: a table read as
    /// flowed text is looked at again with only its own lines (the first
    /// choice also saw the text after the table, whose numbers need not fall
    /// under its columns). True when the table must be read again: its
    /// amounts do sit under the header's columns after all (read by
    /// position), or its own full rows show other column edges.
    pub(super) fn rechoose(&mut self, kind: SourceKind, end: usize) -> bool {
        if !matches!(self.mode, Mode::Flowed) {
            return false;
        }
        self.limit = Some(end.min(self.lines.len()));
        let mode = self.choose_mode(kind);
        let positional = matches!(mode, Mode::Geometric(_));
        let mut changed = positional;
        if positional {
            self.mode = mode;
            self.single_spaced = self.detect_single_spaced();
            self.flowed_columns = None;
        } else {
            // Still flowed: the column edges its own full rows show.
            let columns = self.flowed_columns();
            changed = columns != self.flowed_columns;
            self.flowed_columns = columns;
        }
        self.limit = None;
        changed
    }

    /// After a first reading found where the table ends: the column anchors
    /// found again from the table's own lines (the first anchors also saw
    /// the amounts after it, of other tables at other positions), and moved
    /// onto the right edges its amounts share. True when the geometry
    /// changed and the table must be read again.
    pub(super) fn realign(&mut self, kind: SourceKind, end: usize) -> bool {
        let Mode::Geometric(current) = &self.mode else {
            return false;
        };
        let current = current.clone();
        self.limit = Some(end.min(self.lines.len()));
        let fresh = match self.choose_mode(kind) {
            Mode::Geometric(g) => g,
            Mode::Flowed => current.clone(),
        };
        if fresh.from_cells {
            self.limit = None;
            let changed = fresh.differs(&current);
            if changed {
                self.mode = Mode::Geometric(fresh);
            }
            return changed;
        }
        // Amounts line up on the right or on the left: the side more of
        // them share.
        let aligned = match (
            self.align_right_edges(&fresh),
            self.align_left_edges(&fresh),
        ) {
            (Some((r, nr)), Some((l, nl))) => {
                if nl > nr {
                    l
                } else {
                    r
                }
            }
            (Some((g, _)), None) | (None, Some((g, _))) => g,
            (None, None) => fresh,
        };
        self.limit = None;
        let changed = aligned.differs(&current);
        if changed {
            self.mode = Mode::Geometric(aligned);
        }
        changed
    }
}

pub(super) fn median_spacing(centers: &[f32]) -> f32 {
    let mut d: Vec<f32> = centers
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((b - a).abs()),
            _ => None,
        })
        .filter(|d| *d > 0.0)
        .collect();
    d.sort_by(f32::total_cmp);
    d.get(d.len() / 2).copied().unwrap_or(50.0)
}

/// Two headers with their year columns at the same places (within a fifth
/// of the column spacing).
pub(super) fn same_positions(a: &Header, b: &Header) -> bool {
    let centers: Vec<f32> = b.columns.iter().map(|c| c.center).collect();
    let tol = median_spacing(&centers) * 0.2;
    a.columns.len() == b.columns.len()
        && a.columns
            .iter()
            .zip(&b.columns)
            .all(|(x, y)| (x.center - y.center).abs() <= tol)
}

#[cfg(test)]
mod tests;

/// The clusters positions `xs` form (sorted in place), neighbours no more
/// than `tol` apart: each cluster's median and size, left to right.
pub(super) fn chain_clusters(xs: &mut [f32], tol: f32) -> Vec<(f32, usize)> {
    xs.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, usize)> = Vec::new();
    let mut start = 0usize;
    for i in 1..=xs.len() {
        let split_here = match (xs.get(i - 1), xs.get(i)) {
            (Some(a), Some(b)) => b - a > tol,
            _ => true,
        };
        if split_here {
            let group = xs.get(start..i).unwrap_or(&[]);
            if let Some(&m) = group.get(group.len() / 2) {
                out.push((m, group.len()));
            }
            start = i;
        }
    }
    out
}
