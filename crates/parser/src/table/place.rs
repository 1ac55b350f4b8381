//! Placement: the amounts of a line put in their table's columns.
//!
//! By position where the table is read geometrically (each amount in the
//! column its edge falls in; a full row of layout text whose cells moved
//! under a neighbour in printed order), by cell where the source marks cells
//! (tab exports, folded tables), in printed order where a flowed row fills
//! every column, and else by the column edges the full rows of flowed layout
//! text show ([`super::geometry::FlowedColumns`]); a row that none of these
//! places is handed on unplaced for the normalizer.

use super::TableReader;
use super::cells::Amount;
use super::geometry::Mode;
use crate::model::{Cell, Note, NoteKind, Origin, RowValues};
use crate::stream::StreamLine;

impl TableReader<'_, '_> {
    /// The cell of an amount printed on line `l` (`None` for a dash that
    /// stands for an empty cell).
    pub(super) fn cell_of(&self, a: &Amount, l: &StreamLine<'_>) -> Option<Cell> {
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
                line: crate::stream::line_at(l.line, a.y0),
                line_end: None,
                bbox: (l.line.source_line.is_none())
                    .then(|| internbudget_layout::Rect::new(a.x0, bbox.y0, a.x1, bbox.y1)),
                cell: crate::model::cell_of(words),
            },
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
        let cell = |a: &Amount| self.cell_of(a, l);
        match &self.mode {
            Mode::Geometric(g) => {
                let mut dropped = Vec::new();
                let out = self.place_by_position(g, amounts, &cell, origin, &mut dropped);
                let kept = out.iter().filter(|c| c.is_some()).count();
                let printed = amounts.iter().filter(|a| !a.empty).count();
                if kept < printed
                    && let Some(columns) = self.shifted_columns(g, amounts)
                {
                    let mut shifted: Vec<Option<Cell>> = vec![None; self.n];
                    for (c, a) in columns.into_iter().zip(amounts) {
                        if let Some(slot) = shifted.get_mut(c) {
                            *slot = cell(a);
                        }
                    }
                    return RowValues::Placed(shifted);
                }
                notes.append(&mut dropped);
                RowValues::Placed(out)
            }
            Mode::Flowed if l.line.tab_cells > 1 => {
                self.place_by_cell(amounts, &cell, origin, notes)
            }
            Mode::Flowed => {
                let cells: Vec<Option<Cell>> = amounts.iter().map(cell).collect();
                if cells.len() == self.n {
                    return RowValues::Placed(cells);
                }
                // A short row of layout text: placed where its amounts stand
                // at the edges of the columns the full rows show.
                let spans: Vec<(f32, f32)> = amounts.iter().map(|a| (a.x0, a.x1)).collect();
                match self
                    .flowed_columns
                    .as_ref()
                    .and_then(|f| f.columns_of(&spans))
                {
                    Some(columns) => {
                        let mut out: Vec<Option<Cell>> = vec![None; self.n];
                        for (c, v) in columns.into_iter().zip(cells) {
                            if let Some(slot) = out.get_mut(c) {
                                *slot = v;
                            }
                        }
                        RowValues::Placed(out)
                    }
                    None => RowValues::Unplaced(cells),
                }
            }
        }
    }

    /// Layout text moves a cell by a few characters from line to line, and
    /// squeezes cells wider than their gaps to one space apart: where the
    /// positions of a row's amounts put two in one column (or one under
    /// none: then nothing is moved, as a number ending a label is no cell),
    /// a reading that gives each amount a column of its own in printed
    /// order: a squeezed run's amounts in the columns after its first one's
    /// ([`squeezed_reading`]), or else the only reading that moves no amount
    /// further than the next column ([`sole_reading`]).
    fn shifted_columns(
        &self,
        g: &super::geometry::Geometry,
        amounts: &[Amount],
    ) -> Option<Vec<usize>> {
        if self.kind != internbudget_layout::SourceKind::PlainText {
            return None;
        }
        let by_position: Option<Vec<usize>> =
            amounts.iter().map(|a| g.column_of(a.x0, a.x1)).collect();
        let by_position = by_position?;
        squeezed_reading(amounts, &by_position, self.n)
            .or_else(|| sole_reading(&by_position, self.n))
    }

    /// Puts each amount in the column its position falls in; an amount in a
    /// column already taken, or under no column, is left out with a note.
    fn place_by_position(
        &self,
        g: &super::geometry::Geometry,
        amounts: &[Amount],
        cell: &dyn Fn(&Amount) -> Option<Cell>,
        origin: Origin,
        notes: &mut Vec<Note>,
    ) -> Vec<Option<Cell>> {
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
        out
    }

    /// Puts the amounts of a row with explicit cells in the column of their
    /// cell (cell 0 is the label): cells are printed in column order from
    /// the first, so a row's missing cells are its last ones. A row with
    /// more cells than columns is placed in printed order instead.
    fn place_by_cell(
        &self,
        amounts: &[Amount],
        cell: &dyn Fn(&Amount) -> Option<Cell>,
        origin: Origin,
        notes: &mut Vec<Note>,
    ) -> RowValues {
        let cells: Vec<(usize, &Amount)> = amounts
            .iter()
            .filter(|a| !a.empty)
            .map(|a| (cell_index(a.x0).saturating_sub(1), a))
            .collect();
        if cells.iter().any(|(c, _)| *c >= self.n) {
            let in_order: Vec<Option<Cell>> = amounts.iter().map(cell).collect();
            return if in_order.len() == self.n {
                RowValues::Placed(in_order)
            } else {
                RowValues::Unplaced(in_order)
            };
        }
        let mut out: Vec<Option<Cell>> = vec![None; self.n];
        for (c, a) in cells {
            match out.get_mut(c) {
                Some(slot) if slot.is_none() => *slot = cell(a),
                _ => notes.push(Note {
                    kind: NoteKind::AmountDropped,
                    message: format!(
                        "two amounts fall in cell {} of one row; kept the first, dropped \"{}\"",
                        c + 1,
                        a.text
                    ),
                    origin,
                }),
            }
        }
        RowValues::Placed(out)
    }
}

/// The cell of a row with explicit cells (tab export or folded table) that
/// a word starting at `x0` stands in.
pub(super) fn cell_index(x0: f32) -> usize {
    let i = (x0 / internbudget_layout::text::CELL_PITCH).floor();
    if i.is_finite() && i > 0.0 {
        i as usize
    } else {
        0
    }
}

/// Amounts one space apart (a run pdftotext squeezed because its cells are
/// wider than the gaps between them) stand in consecutive columns from
/// where the run's first amount stands; None where no run is squeezed or
/// the run passes the last column.
fn squeezed_reading(amounts: &[Amount], by_position: &[usize], n: usize) -> Option<Vec<usize>> {
    let mut out: Vec<usize> = Vec::with_capacity(amounts.len());
    let mut squeezed = false;
    let mut prev: Option<&Amount> = None;
    for (a, &p) in amounts.iter().zip(by_position) {
        let c = match (prev, out.last()) {
            (Some(b), Some(&c)) if a.x0 - b.x1 <= 1.5 => {
                squeezed = true;
                c + 1
            }
            _ => p,
        };
        if out.last().is_some_and(|&l| c <= l) || c >= n {
            return None;
        }
        out.push(c);
        prev = Some(a);
    }
    squeezed.then_some(out)
}

/// The only way to give amounts standing under columns `by_position` a
/// column each, left to right, none further than the next column from its
/// own; None where there is none or more than one.
fn sole_reading(by_position: &[usize], n: usize) -> Option<Vec<usize>> {
    fn go(
        by_position: &[usize],
        n: usize,
        i: usize,
        cur: &mut Vec<usize>,
        found: &mut Vec<Vec<usize>>,
    ) {
        if found.len() > 1 {
            return;
        }
        let Some(&p) = by_position.get(i) else {
            found.push(cur.clone());
            return;
        };
        let from = cur.last().map_or(0, |&c| c + 1).max(p.saturating_sub(1));
        for c in from..=(p + 1).min(n.saturating_sub(1)) {
            cur.push(c);
            go(by_position, n, i + 1, cur, found);
            cur.pop();
        }
    }
    let mut found = Vec::new();
    go(by_position, n, 0, &mut Vec::new(), &mut found);
    match found.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::sole_reading;

    #[test]
    fn the_only_reading_moves_amounts_by_a_column_at_most() {
        // Two amounts under the last column of four: one left of it.
        assert_eq!(sole_reading(&[2, 3, 3], 4), Some(vec![1, 2, 3]));
        // A full row, one pulled under its neighbour: printed order.
        assert_eq!(sole_reading(&[0, 1, 1, 3], 4), Some(vec![0, 1, 2, 3]));
        // More than one way: none.
        assert_eq!(sole_reading(&[0, 2, 2], 4), None);
        // No way within one column.
        assert_eq!(sole_reading(&[0, 0, 0, 0], 4), None);
    }
}
