//! Laying out structured sources — Word documents and web pages — whose
//! paragraphs and table cells are explicit.
//!
//! A reader describes the document as [`Block`]s: [`Paragraph`]s and
//! [`Table`]s whose cells already sit on the table's grid (merged cells
//! resolved: a cell knows its first grid column and how many it spans; the
//! rows a rowspan or vertical merge covers below its first hold nothing
//! there). [`lay_out`] turns them into a [`Document`] of the same shape as a
//! tab-separated text export ([`SourceKind::TabText`], cells on the virtual
//! grid of [`CELL_PITCH`]), so the parser reads it unchanged:
//!
//! - a paragraph is one line per line break, followed by a blank line; tabs
//!   in a paragraph (DOCX) separate cells, as in a tab export;
//! - a table row is one line, each cell at its grid column's x (after the
//!   previous cell's text when that is longer than a grid step), its
//!   paragraphs and line breaks joined by spaces; a cell that spans several
//!   columns has the box of its last word stretched over them (except a
//!   number's: a number is one value whatever it spans); a header row is a
//!   line like any other; a blank line follows the table;
//! - a row with a nested table in one of its cells is a layout row: its
//!   cells' content is laid out block by block instead.
//!
//! Every word of a table cell carries its [`CellRef`]. Lines are numbered
//! (`source_line`) as the lines of `internbudget text` show them.

use crate::text::CELL_PITCH;
use crate::{CellRef, Document, Line, Meta, Page, SourceKind, Word};

/// The widest table grid laid out, in columns; readers refuse wider tables.
pub const MAX_GRID_COLUMNS: u32 = 1000;

/// A block of a structured document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph (a heading, a list item, a caption…).
    Paragraph(Paragraph),
    /// A table.
    Table(Table),
}

/// A paragraph: its text, line by line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paragraph {
    /// The lines, split at line breaks; a tab separates cells (DOCX).
    pub lines: Vec<String>,
    /// The paragraph's 1-based index in the document (DOCX), else `None`.
    pub index: Option<u32>,
}

/// A table: rows of cells on a grid.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// The rows in the order the table lists them.
    pub rows: Vec<Row>,
}

/// A table row: its cells, left to right.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// The cells that start in this row, by grid column (cells of a rowspan
    /// or vertical merge from a row above are not repeated).
    pub cells: Vec<Cell>,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// The first grid column it covers, 0-based.
    pub col: u32,
    /// How many grid columns it covers (at least 1).
    pub span: u32,
    /// Its content: paragraphs, and tables nested in it.
    pub blocks: Vec<Block>,
}

/// Lays the blocks out as one page of a tab-separated text model. `meta`
/// and `encoding` are passed through to the document.
pub fn lay_out(blocks: &[Block], meta: Meta, encoding: Option<&'static str>) -> Document {
    let mut b = Builder::default();
    for block in blocks {
        b.block(block);
    }
    b.finish(meta, encoding)
}

#[derive(Default)]
struct Builder {
    lines: Vec<Line>,
    tables: u32,
}

impl Builder {
    fn block(&mut self, block: &Block) {
        match block {
            Block::Paragraph(p) => {
                for line in &p.lines {
                    self.text_line(line);
                }
                self.blank();
            }
            Block::Table(t) => self.table(t),
        }
    }

    /// Pushes a blank line, unless the last line is blank already (or there
    /// is none): blocks are set apart by one blank line.
    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.push(Vec::new(), 1, 0);
        }
    }

    fn row_y(&self) -> f32 {
        self.lines.len() as f32
    }

    fn push(&mut self, words: Vec<Word>, tab_cells: usize, chars: usize) {
        let line_no = u32::try_from(self.lines.len() + 1).unwrap_or(u32::MAX);
        self.lines.push(Line {
            words,
            source_line: Some(line_no),
            tab_cells: u16::try_from(tab_cells).unwrap_or(u16::MAX),
            chars: u32::try_from(chars).unwrap_or(u32::MAX),
        });
    }

    /// A paragraph line: tab-separated parts on the grid, as in a tab export.
    fn text_line(&mut self, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        let y = self.row_y();
        let mut words: Vec<Word> = Vec::new();
        let mut cells = 0usize;
        for (i, part) in text.split('\t').enumerate() {
            cells += 1;
            let start = cell_start(i as f32 * CELL_PITCH, &words);
            place_words(&mut words, part, start, y, None);
        }
        self.push(words, cells, text.chars().count());
    }

    fn table(&mut self, t: &Table) {
        self.tables = self.tables.saturating_add(1);
        let index = self.tables;
        let width = t
            .rows
            .iter()
            .flat_map(|r| r.cells.iter())
            .map(|c| c.col.saturating_add(c.span.max(1)))
            .max()
            .unwrap_or(1)
            .clamp(1, MAX_GRID_COLUMNS);
        self.blank();
        for (ri, row) in t.rows.iter().enumerate() {
            let row_no = u32::try_from(ri + 1).unwrap_or(u32::MAX);
            let nested = row
                .cells
                .iter()
                .any(|c| c.blocks.iter().any(|b| matches!(b, Block::Table(_))));
            if nested {
                self.blank();
                for cell in &row.cells {
                    for b in &cell.blocks {
                        self.block(b);
                    }
                }
                self.blank();
            } else {
                self.row_line(index, row_no, row, width);
            }
        }
        self.blank();
    }

    fn row_line(&mut self, table: u32, row_no: u32, row: &Row, width: u32) {
        let y = self.row_y();
        let mut words: Vec<Word> = Vec::new();
        let mut chars = 0usize;
        for cell in &row.cells {
            if cell.col >= MAX_GRID_COLUMNS {
                continue;
            }
            let start = cell_start(cell.col as f32 * CELL_PITCH, &words);
            let first = words.len();
            let mut x = start;
            for p in cell_paragraphs(&cell.blocks) {
                let cref = CellRef::at(table, row_no, cell.col.saturating_add(1), p.index);
                for line in &p.lines {
                    x = place_words(&mut words, line, x, y, cref);
                }
            }
            chars += words.get(first..).map_or(0, |ws| {
                ws.iter().map(|w| w.text.chars().count() + 1).sum::<usize>()
            });
            if cell.span > 1
                && words.len() > first
                && let Some(last) = words.last_mut()
                && !last.text.chars().any(|c| c.is_ascii_digit())
            {
                let end = cell.col.saturating_add(cell.span).min(width) as f32 * CELL_PITCH;
                last.bbox.x1 = last.bbox.x1.max(end - CELL_PITCH / 2.0);
            }
        }
        // A row's line has a cell for every grid column, like a tab export
        // that prints the empty cells of a row.
        let cells = usize::try_from(width).unwrap_or(1);
        self.push(words, cells, chars + cells.saturating_sub(1));
    }

    fn finish(self, meta: Meta, encoding: Option<&'static str>) -> Document {
        let mut lines = self.lines;
        while lines.last().is_some_and(Line::is_empty) {
            lines.pop();
        }
        let line_count = u32::try_from(lines.len()).unwrap_or(u32::MAX);
        let width = lines.iter().map(|l| l.bbox().x1).fold(0.0, f32::max);
        Document {
            kind: SourceKind::TabText,
            pages: vec![Page {
                number: 1,
                width,
                height: lines.len() as f32,
                lines,
                rulings: Vec::new(),
            }],
            meta,
            encoding,
            line_count: Some(line_count),
        }
    }
}

/// Where a cell's text starts: at its grid column, or half a grid step
/// after the text before it when that runs past (as `text::read_text` does).
fn cell_start(grid: f32, words: &[Word]) -> f32 {
    words
        .last()
        .map_or(grid, |w| grid.max(w.bbox.x1 + CELL_PITCH / 2.0))
}

/// The paragraphs of a cell's content, nested tables left out (a row with
/// one is laid out block by block instead).
fn cell_paragraphs(blocks: &[Block]) -> impl Iterator<Item = &Paragraph> {
    blocks.iter().filter_map(|b| match b {
        Block::Paragraph(p) => Some(p),
        Block::Table(_) => None,
    })
}

/// Places the whitespace-separated words of `text` from character column
/// `x` on, one space apart; returns the column after the last word and a
/// space.
fn place_words(
    words: &mut Vec<Word>,
    text: &str,
    mut x: f32,
    y: f32,
    cell: Option<CellRef>,
) -> f32 {
    for token in text.split_whitespace() {
        let mut w = Word::on_text_grid(token, x, y);
        w.cell = cell;
        x = w.bbox.x1 + 1.0;
        words.push(w);
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Block {
        Block::Paragraph(Paragraph {
            lines: text.split('\n').map(str::to_string).collect(),
            index: None,
        })
    }

    fn cell(col: u32, span: u32, text: &str) -> Cell {
        Cell {
            col,
            span,
            blocks: vec![para(text)],
        }
    }

    #[test]
    fn paragraphs_are_lines_set_apart_by_blank_lines() {
        let doc = lay_out(
            &[para("Driftsammandrag"), para("Rad ett\nrad två"), para("")],
            Meta::default(),
            None,
        );
        let texts: Vec<String> = doc.pages[0].lines.iter().map(Line::text).collect();
        assert_eq!(texts, ["Driftsammandrag", "", "Rad ett", "rad två"]);
        let nums: Vec<Option<u32>> = doc.pages[0].lines.iter().map(|l| l.source_line).collect();
        assert_eq!(nums, [Some(1), Some(2), Some(3), Some(4)]);
        assert_eq!(doc.kind, SourceKind::TabText);
        assert_eq!(doc.line_count, Some(4));
    }

    #[test]
    fn rows_put_cells_on_the_grid_and_leave_merged_cells_empty() {
        let t = Table {
            rows: vec![
                Row {
                    cells: vec![
                        cell(0, 1, "Nämndmål"),
                        cell(1, 1, "Indikator"),
                        cell(2, 2, "Målvärde"),
                    ],
                },
                Row {
                    // Column 0 is covered by a rowspan from above.
                    cells: vec![
                        cell(1, 1, "Andel\nsvar"),
                        cell(2, 1, "- 1 777"),
                        cell(3, 1, "5"),
                    ],
                },
            ],
        };
        let doc = lay_out(&[Block::Table(t)], Meta::default(), None);
        let lines = &doc.pages[0].lines;
        assert_eq!(lines.len(), 2);
        let row2 = &lines[1];
        let xs: Vec<f32> = row2.words.iter().map(|w| w.bbox.x0).collect();
        assert_eq!(
            xs,
            [
                CELL_PITCH,
                CELL_PITCH + 6.0,
                2.0 * CELL_PITCH,
                2.0 * CELL_PITCH + 2.0,
                2.0 * CELL_PITCH + 4.0,
                3.0 * CELL_PITCH
            ]
        );
        assert_eq!(row2.tab_cells, 4);
        assert_eq!(row2.text(), "Andel svar - 1 777 5");
        assert_eq!(row2.words[1].cell, CellRef::at(1, 2, 2, None));
        // The spanning header's box covers both columns it spans.
        let målvärde = &lines[0].words[2];
        assert_eq!(målvärde.bbox.x0, 2.0 * CELL_PITCH);
        assert_eq!(målvärde.bbox.x1, 3.5 * CELL_PITCH);
        assert_eq!(CellRef::of_words(&row2.words), CellRef::at(1, 2, 0, None));
        assert_eq!(std::mem::size_of::<Option<CellRef>>(), 16);
    }

    #[test]
    fn a_spanning_number_keeps_its_width() {
        let t = Table {
            rows: vec![Row {
                cells: vec![cell(0, 1, "Summa"), cell(1, 2, "1 234")],
            }],
        };
        let doc = lay_out(&[Block::Table(t)], Meta::default(), None);
        let last = doc.pages[0].lines[0].words.last().cloned();
        assert_eq!(last.map(|w| w.bbox.x1), Some(CELL_PITCH + 5.0));
    }

    #[test]
    fn nested_tables_are_laid_out_block_by_block() {
        let inner = Table {
            rows: vec![Row {
                cells: vec![cell(0, 1, "Budget"), cell(1, 1, "2021")],
            }],
        };
        let outer = Table {
            rows: vec![Row {
                cells: vec![Cell {
                    col: 0,
                    span: 1,
                    blocks: vec![para("Rubrik"), Block::Table(inner)],
                }],
            }],
        };
        let doc = lay_out(&[Block::Table(outer)], Meta::default(), None);
        let texts: Vec<String> = doc.pages[0].lines.iter().map(Line::text).collect();
        assert_eq!(texts, ["Rubrik", "", "Budget 2021"]);
        let w = &doc.pages[0].lines[2].words[1];
        assert_eq!(w.cell, CellRef::at(2, 1, 2, None));
    }

    #[test]
    fn paragraph_tabs_are_cells() {
        let doc = lay_out(&[para("Inledning\t3")], Meta::default(), None);
        let l = &doc.pages[0].lines[0];
        assert_eq!(l.tab_cells, 2);
        assert_eq!(l.words[1].bbox.x0, CELL_PITCH);
        assert_eq!(l.words[1].cell, None);
    }
}
