//! Row spacing in PDFs: where rows are set apart by more space than the
//! lines inside a cell, the baseline steps come in two sizes, and a line
//! within the smaller step of the one above goes on with its row
//! ([`TableReader::same_row`]). The threshold is found on the table's lines
//! ([`TableReader::detect_row_gap`]) and judged again on its own lines
//! once its end is known ([`TableReader::regap`]).

use super::super::TableReader;
use super::is_footnote;
use crate::stream::StreamLine;

impl TableReader<'_, '_> {
    /// Baseline steps between consecutive lines of the table come in two
    /// sizes when cells have padding: the line pitch inside a cell and the
    /// larger step between rows. Returns the threshold between them, or
    /// `None` when the spacing is uniform (then the label rules decide).
    pub(in crate::table) fn detect_row_gap(&self) -> Option<f32> {
        row_gap_of(self.line_steps())
    }

    /// The baseline steps between consecutive table lines on one page
    /// (steps from a line's height to three times it).
    fn line_steps(&self) -> Vec<f32> {
        let table_lines: Vec<&StreamLine<'_>> = self
            .data_lines()
            .take(60)
            .take_while(|l| !self.is_running_text(l) && !is_footnote(&l.line.text()))
            .collect();
        let height = table_lines
            .iter()
            .flat_map(|l| l.line.words.iter().map(|w| w.size))
            .fold(0.0f32, f32::max);
        table_lines
            .windows(2)
            .filter_map(|w| match w {
                [a, b] if a.page == b.page => {
                    let d = b.line.bbox().y1 - a.line.bbox().y1;
                    (d >= height * 0.9 && d < height * 3.0).then_some(d)
                }
                _ => None,
            })
            .collect()
    }

    /// After a first reading found where the table ends: the row spacing
    /// judged again on the table's own lines (the first judgement also saw
    /// the lines after it: headings and captions of the next table, whose
    /// wider steps make a table of evenly spaced rows look like one whose
    /// rows are set apart by padding). Kept when the table has too few
    /// lines to tell. PDFs only, as the first judgement. True when it
    /// changed and the table must be read again.
    pub(in crate::table) fn regap(&mut self, end: usize) -> bool {
        if self.kind != internbudget_layout::SourceKind::Pdf {
            return false;
        }
        // Up to the table's last line of amounts: a heading or page footer
        // below it is set apart by more than a row.
        let last = (self.header.end + 1..end.min(self.lines.len()))
            .rev()
            .find(|&i| {
                self.lines.get(i).is_some_and(|l| {
                    l.line
                        .words
                        .iter()
                        .any(|w| crate::table::cells::value_like(&w.text))
                })
            })
            .map_or(end, |i| i + 1);
        self.limit = Some(last);
        let steps = self.line_steps();
        self.limit = None;
        let evidence = steps.len();
        let own = row_gap_of(steps);
        let gap = if own.is_some() || evidence >= 3 {
            own
        } else {
            self.row_gap
        };
        let changed = gap != self.row_gap;
        self.row_gap = gap;
        changed
    }

    /// Whether line `l` sits within one row's line pitch below `prev`
    /// (`None` when the table's spacing does not tell rows apart).
    pub(super) fn same_row(
        &self,
        prev: Option<&StreamLine<'_>>,
        l: &StreamLine<'_>,
    ) -> Option<bool> {
        let gap = self.row_gap?;
        let Some(p) = prev else { return Some(false) };
        if p.page != l.page {
            return Some(false);
        }
        Some(l.line.bbox().y1 - p.line.bbox().y1 <= gap)
    }
}

/// The threshold between the step inside a cell and the step between rows,
/// from a table's baseline steps in printed order (see
/// [`TableReader::detect_row_gap`]).
fn row_gap_of(mut steps: Vec<f32>) -> Option<f32> {
    if steps.len() < 3 {
        return None;
    }
    let small = steps.iter().copied().fold(f32::INFINITY, f32::min);
    let threshold = small * 1.1 + 0.5;
    // Wide steps after the last narrow one set apart what follows the
    // table (a note, a page footer), not its rows.
    while steps.last().is_some_and(|s| *s > threshold) {
        steps.pop();
    }
    let large: Vec<f32> = steps.iter().copied().filter(|s| *s > threshold).collect();
    let inside = steps.len() - large.len();
    let large_min = large.iter().copied().fold(f32::INFINITY, f32::min);
    // Both kinds must occur, and rows must be clearly set apart.
    (large.len() >= 2 && inside >= 1 && large_min >= small * 1.15).then_some(threshold)
}
