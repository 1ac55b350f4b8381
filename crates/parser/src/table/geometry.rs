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
use crate::number;
use crate::stream::StreamLine;
use crate::words;
use internbudget_layout::SourceKind;

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
}

impl Geometry {
    /// Whether the word starts the amounts of a line.
    pub(super) fn starts_values(&self, w: &internbudget_layout::Word) -> bool {
        value_like(&w.text)
            && (w.bbox.x0 >= self.value_left
                || (w.bbox.x0 >= self.header_left
                    && words::value_word(&w.text) == words::ValueWord::Digits))
    }

    pub(super) fn column_of(&self, x0: f32, x1: f32) -> Option<usize> {
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
        };
        if h.tabbed {
            return Mode::Geometric(self.refine(base));
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

    /// Right-aligned amounts end at a few shared x positions, one per column.
    /// When (nearly) all amounts do, each such edge is given to the column
    /// whose header starts left of it and whose right neighbour's header
    /// starts right of it — true for left-aligned, centred and right-aligned
    /// headers alike, where nearest-header matching fails for left-aligned
    /// ones (Word's default over right-aligned numbers).
    pub(super) fn align_right_edges(&self, base: &Geometry) -> Option<Geometry> {
        let probe = Mode::Geometric(base.clone());
        let mut xs: Vec<f32> = Vec::new();
        for l in self.data_lines().take(80) {
            // A header repeated on the next page is not amounts.
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
            xs.extend(split.amounts.iter().filter(|a| !a.empty).map(|a| a.x1));
        }
        if xs.len() < 4 {
            return None;
        }
        xs.sort_by(f32::total_cmp);
        let tol = (base.spacing * 0.04).max(1.0);
        let cluster_tol = if self.kind == SourceKind::PlainText {
            (base.spacing * 0.2).max(1.0)
        } else {
            tol
        };
        // Clusters of right edges: (median, count).
        let mut clusters: Vec<(f32, usize)> = Vec::new();
        let mut start = 0usize;
        for i in 1..=xs.len() {
            let split_here = match (xs.get(i - 1), xs.get(i)) {
                (Some(a), Some(b)) => b - a > cluster_tol,
                _ => true,
            };
            if split_here {
                let group = xs.get(start..i).unwrap_or(&[]);
                if let Some(&m) = group.get(group.len() / 2) {
                    clusters.push((m, group.len()));
                }
                start = i;
            }
        }
        // The largest clusters, at most one per column, in x order; the rest
        // (amounts of rows that are not right-aligned) must be few.
        clusters.sort_by_key(|c| std::cmp::Reverse(c.1));
        let mut significant: Vec<(f32, usize)> = clusters
            .into_iter()
            .take(self.n)
            .filter(|&(_, n)| n >= 2)
            .collect();
        significant.sort_by(|a, b| a.0.total_cmp(&b.0));
        let clustered: usize = significant.iter().map(|&(_, n)| n).sum();
        if clustered * 10 < xs.len() * 9 {
            return None;
        }
        let lefts: Vec<f32> = self.header.columns.iter().map(|c| c.extent.0).collect();
        let mut right: Vec<Option<f32>> = vec![None; self.n];
        for &(edge, _) in &significant {
            let col = lefts.iter().rposition(|&l| l <= edge + tol)?;
            let slot = right.get_mut(col)?;
            if slot.is_some() {
                return None; // two edges in one column: not a right-aligned grid
            }
            *slot = Some(edge);
        }
        // Columns without amounts yet keep their header edge, moved by the
        // typical shift between header and amount edges.
        let mut shifts: Vec<f32> = right
            .iter()
            .zip(&base.right)
            .filter_map(|(r, &h)| r.map(|r| r - h))
            .collect();
        shifts.sort_by(f32::total_cmp);
        let shift = shifts.get(shifts.len() / 2).copied().unwrap_or(0.0);
        let right: Vec<f32> = right
            .iter()
            .zip(&base.right)
            .map(|(r, &h)| r.unwrap_or(h + shift))
            .collect();
        if right.windows(2).any(|w| matches!(w, [a, b] if b <= a)) {
            return None;
        }
        Some(Geometry {
            right,
            right_aligned: true,
            ..base.clone()
        })
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
    /// under its columns). True when its amounts do sit under the header's
    /// columns after all and the table must be read again by position.
    pub(super) fn rechoose(&mut self, kind: SourceKind, end: usize) -> bool {
        if !matches!(self.mode, Mode::Flowed) {
            return false;
        }
        self.limit = Some(end.min(self.lines.len()));
        let mode = self.choose_mode(kind);
        let positional = matches!(mode, Mode::Geometric(_));
        if positional {
            self.mode = mode;
            self.single_spaced = self.detect_single_spaced();
        }
        self.limit = None;
        positional
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
        let aligned = self.align_right_edges(&fresh).unwrap_or(fresh);
        self.limit = None;
        let changed = aligned != current;
        self.mode = Mode::Geometric(aligned);
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
mod tests {
    use crate::model::Table;
    use crate::testdoc::{TestPage as Page, pdf};

    /// Each amount table's rows: label and printed cells (`·` for empty).
    fn rows(pages: &[Page<'_>]) -> Vec<Vec<(String, Vec<String>)>> {
        let parsed = crate::parse_document(&pdf(pages)).unwrap();
        parsed.tables.iter().map(table_rows).collect()
    }

    fn table_rows(t: &Table) -> Vec<(String, Vec<String>)> {
        t.rows
            .iter()
            .map(|r| {
                let cells = r
                    .values
                    .cells()
                    .iter()
                    .map(|c| c.as_ref().map_or("·".to_string(), |c| c.text.clone()))
                    .collect();
                (r.label.clone(), cells)
            })
            .collect()
    }

    fn row(label: &str, cells: &[&str]) -> (String, Vec<String>) {
        (
            label.to_string(),
            cells.iter().map(|c| c.to_string()).collect(),
        )
    }

    #[test]
    fn a_left_aligned_amount_under_its_header_cell_is_the_columns() {
        // LibreOffice prints a cell's text from its left padding: the
        // amount starts a little left of the header word above it.
        let got = rows(&[&[
            (80.0, &[(58.0, "Driftbudget"), (120.0, "(tkr)")]),
            (
                100.0,
                &[
                    (263.0, "Ram"),
                    (283.0, "2024"),
                    (330.0, "2025"),
                    (375.0, "2026"),
                ],
            ),
            (
                116.0,
                &[(58.0, "Ram"), (78.0, "2024"), (261.5, "12"), (274.0, "847")],
            ),
            (132.0, &[(58.0, "Pris"), (329.0, "452"), (374.0, "480")]),
            (
                148.0,
                &[
                    (58.0, "Summa"),
                    (261.5, "13"),
                    (274.0, "299"),
                    (329.0, "480"),
                ],
            ),
        ]]);
        assert_eq!(
            got[0],
            [
                row("Ram 2024", &["12 847", "·", "·"]),
                row("Pris", &["·", "452", "480"]),
                row("Summa", &["13 299", "480", "·"]),
            ]
        );
    }

    #[test]
    fn a_table_keeps_its_columns_above_a_table_set_further_left() {
        // Two tables one after the other, the second set further left:
        // its amounts must not move the first one's anchors (the printed
        // r2 pages in tests/real_shapes.rs are the end-to-end case).
        let first: [(f32, &[(f32, &str)]); 5] = [
            (80.0, &[(38.0, "Nämnd"), (100.0, "A"), (120.0, "(tkr)")]),
            (
                100.0,
                &[
                    (250.0, "Ram"),
                    (270.0, "2024"),
                    (316.0, "2025"),
                    (361.0, "2026"),
                ],
            ),
            (
                116.0,
                &[(38.0, "Ram"), (58.0, "2024"), (268.0, "12"), (280.5, "847")],
            ),
            (132.0, &[(38.0, "Pris"), (328.0, "452"), (373.0, "480")]),
            (
                148.0,
                &[
                    (38.0, "Ram"),
                    (58.0, "2025"),
                    (313.0, "14"),
                    (326.0, "396"),
                    (358.0, "14"),
                    (371.0, "978"),
                ],
            ),
        ];
        // The same table again below, its columns 35 units further left.
        let second: Vec<(f32, Vec<(f32, &str)>)> = first
            .iter()
            .map(|(y, ws)| {
                let moved = ws
                    .iter()
                    .map(|&(x, t)| (if x < 100.0 { x } else { x - 35.0 }, t));
                (y + 110.0, moved.collect())
            })
            .collect();
        let page: Vec<(f32, &[(f32, &str)])> = first
            .iter()
            .copied()
            .chain(second.iter().map(|(y, ws)| (*y, ws.as_slice())))
            .collect();
        let got = rows(&[&page]);
        assert_eq!(
            got[0],
            [
                row("Ram 2024", &["12 847", "·", "·"]),
                row("Pris", &["·", "452", "480"]),
                row("Ram 2025", &["·", "14 396", "14 978"]),
            ]
        );
    }

    #[test]
    fn evenly_spaced_rows_stay_apart_whatever_follows_the_table() {
        // Rows 16 apart; the lines after the table (a heading, a caption)
        // are further apart, which must not make the rows look padded.
        let got = rows(&[&[
            (80.0, &[(38.0, "Driftbudget"), (100.0, "(tkr)")]),
            (
                100.0,
                &[
                    (250.0, "Ram"),
                    (270.0, "2024"),
                    (316.0, "2025"),
                    (361.0, "2026"),
                ],
            ),
            (
                116.0,
                &[(38.0, "Ram"), (58.0, "2024"), (268.0, "12"), (280.5, "847")],
            ),
            (132.0, &[(38.0, "Pris"), (328.0, "452"), (373.0, "480")]),
            (148.0, &[(38.0, "Demografi"), (334.0, "89"), (373.0, "102")]),
            (
                164.0,
                &[
                    (38.0, "Summa"),
                    (268.0, "12"),
                    (280.5, "847"),
                    (328.0, "541"),
                    (373.0, "582"),
                ],
            ),
            (200.0, &[(38.0, "Kommunrevision")]),
            (
                226.0,
                &[
                    (38.0, "Text"),
                    (70.0, "om"),
                    (84.0, "något"),
                    (120.0, "annat"),
                ],
            ),
            (252.0, &[(38.0, "Mer"), (70.0, "text")]),
        ]]);
        assert_eq!(
            got[0],
            [
                row("Ram 2024", &["12 847", "·", "·"]),
                row("Pris", &["·", "452", "480"]),
                row("Demografi", &["·", "89", "102"]),
                row("Summa", &["12 847", "541", "582"]),
            ]
        );
    }
}
