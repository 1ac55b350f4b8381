//! The text model shared by every internbudget reader.
//!
//! Whatever the source (a PDF, a tab-separated text export, a pdftotext-like
//! export, a Word document or a web page), readers produce a [`Document`]:
//! pages of [`Line`]s, each a run of positioned [`Word`]s. The parser only
//! ever sees this model, so table and indicator reconstruction is written
//! once. Structured sources (DOCX, HTML) describe their content as
//! [`blocks`] — paragraphs and table grids — which are laid out the way
//! tab-separated exports are, each word remembering its table cell
//! ([`CellRef`]).
//!
//! Coordinates have their origin at the top-left of the page and grow right and
//! down. For PDF pages the unit is the PDF point (after rotation and CropBox
//! offset); for text pages x is a character column and y a line index, and
//! every line remembers its 1-based line number in the source file.

pub mod blocks;
mod deadline;
mod geometry;
mod limit;
mod lines;
mod lower;
mod printable;
mod render;
pub mod text;

pub use deadline::Deadline;
pub use geometry::Rect;
pub use limit::{Limit, format_bytes};
pub use lines::{Segment, lines_from_words};
pub use lower::Lower;
pub use printable::{MAX_PRINTED_CHARS, printable};
pub use render::render_text;

use std::num::NonZeroU32;

/// One word: a run of glyphs with no visual gap, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// The text of the word, NFC where the source allowed it.
    pub text: String,
    /// Bounding box on the page.
    pub bbox: Rect,
    /// Font size in page units (1.0 on text pages).
    pub size: f32,
    /// Width of a space in this word's font, in page units (1.0 on text pages).
    /// Used to tell a word gap from a column gap.
    pub space: f32,
    /// The table cell (and paragraph) the word stands in, in sources that
    /// say so (DOCX, HTML); `None` for PDF and text exports, and for words
    /// outside tables.
    pub cell: Option<CellRef>,
}

/// Where a word stands in a structured source: the table, its row and
/// column in the table's grid, and (DOCX) the paragraph. Indices are
/// 1-based and count in document order: tables (nested ones included) by
/// where they start, rows as the table lists them (header rows included),
/// grid columns as merged cells span them, paragraphs over the whole body
/// (those in table cells included).
///
/// A word always has its row and column; an item made of several words
/// (a table row, a merged cell) keeps only what they all share
/// ([`CellRef::common`]). The indices are `NonZeroU32` (they count from 1)
/// so that a word's optional reference takes 16 bytes: every word of every
/// source carries the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CellRef {
    /// The table.
    pub table: NonZeroU32,
    /// The row in the table; `None` when the item spans several rows.
    pub row: Option<NonZeroU32>,
    /// The first grid column of the cell; `None` when the item spans
    /// several cells of a row.
    pub col: Option<NonZeroU32>,
    /// The paragraph (DOCX); `None` for HTML and when the item spans
    /// several paragraphs.
    pub paragraph: Option<NonZeroU32>,
}

impl CellRef {
    /// The cell at 1-based `table`, `row` and `col` (and `paragraph`); a
    /// row, column or paragraph of 0 is unknown, and a table of 0 is none.
    pub fn at(table: u32, row: u32, col: u32, paragraph: Option<u32>) -> Option<CellRef> {
        Some(CellRef {
            table: NonZeroU32::new(table)?,
            row: NonZeroU32::new(row),
            col: NonZeroU32::new(col),
            paragraph: paragraph.and_then(NonZeroU32::new),
        })
    }

    /// What two references share: the same table, and of row, column and
    /// paragraph only what is equal. `None` for different tables.
    pub fn common(&self, other: &CellRef) -> Option<CellRef> {
        let same = |a: Option<NonZeroU32>, b: Option<NonZeroU32>| if a == b { a } else { None };
        (self.table == other.table).then(|| CellRef {
            table: self.table,
            row: same(self.row, other.row),
            col: same(self.col, other.col),
            paragraph: same(self.paragraph, other.paragraph),
        })
    }

    /// What the cells of all the given words share; `None` when a word has
    /// no cell, the words stand in different tables, or there are none.
    pub fn of_words<'a>(words: impl IntoIterator<Item = &'a Word>) -> Option<CellRef> {
        let mut out: Option<CellRef> = None;
        for (i, w) in words.into_iter().enumerate() {
            let c = w.cell?;
            out = match (i, out) {
                (0, _) => Some(c),
                (_, Some(o)) => Some(o.common(&c)?),
                (_, None) => return None,
            };
        }
        out
    }
}

impl Word {
    /// A word on a text page: `col` is the 0-based character column of its first
    /// character and `row` the 0-based line index on the page.
    pub fn on_text_grid(text: impl Into<String>, col: f32, row: f32) -> Self {
        let text = text.into();
        let width = text.chars().count() as f32;
        Word {
            text,
            bbox: Rect::new(col, row, col + width, row + 1.0),
            size: 1.0,
            space: 1.0,
            cell: None,
        }
    }
}

/// One visual line: words sharing a baseline, left to right.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    /// Words left to right.
    pub words: Vec<Word>,
    /// 1-based line number in a text source; `None` for PDF lines.
    pub source_line: Option<u32>,
    /// Number of tab-separated cells of a text-source line (1 when it has no
    /// tab, even if empty); 0 for PDF lines.
    pub tab_cells: u16,
    /// Characters in the source line, whitespace included (text sources;
    /// 0 for PDF lines). Tells an empty line from a whitespace-only one.
    pub chars: u32,
}

impl Line {
    /// A line of the given words (PDF lines: no source line, no tab cells).
    pub fn new(words: Vec<Word>) -> Self {
        Line {
            words,
            source_line: None,
            tab_cells: 0,
            chars: 0,
        }
    }

    /// The union of the word boxes (an empty rectangle for an empty line).
    pub fn bbox(&self) -> Rect {
        self.words
            .iter()
            .map(|w| w.bbox)
            .reduce(|a, b| a.union(&b))
            .unwrap_or_default()
    }

    /// The words joined by single spaces.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&w.text);
        }
        out
    }

    /// True when the line has no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Groups words into segments: words closer than `gap_spaces` times the
    /// space width stay in one segment (a phrase or a cell); larger gaps split.
    pub fn segments(&self, gap_spaces: f32) -> Vec<Segment<'_>> {
        lines::segments(&self.words, gap_spaces)
    }
}

/// One page of lines, top to bottom.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// Page width in page units.
    pub width: f32,
    /// Page height in page units.
    pub height: f32,
    /// Lines top to bottom.
    pub lines: Vec<Line>,
    /// Ruling lines and thin filled rectangles (table borders), when known.
    pub rulings: Vec<Rect>,
}

/// The kind of source a [`Document`] was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// A PDF file; coordinates are points.
    Pdf,
    /// A text export whose table cells are separated by tabs.
    TabText,
    /// A text export whose columns are separated by runs of spaces
    /// (pdftotext-like), possibly with cells broken over lines.
    PlainText,
}

/// Descriptive metadata a source may carry (PDF Info dictionary).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Meta {
    /// Document title.
    pub title: Option<String>,
    /// Document author.
    pub author: Option<String>,
    /// Document subject.
    pub subject: Option<String>,
    /// Producing application.
    pub producer: Option<String>,
}

/// A whole source document as positioned text.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// What the document was read from.
    pub kind: SourceKind,
    /// Pages in order.
    pub pages: Vec<Page>,
    /// Metadata, when the source has any.
    pub meta: Meta,
    /// Name of the text encoding the source was decoded from (text sources).
    pub encoding: Option<&'static str>,
    /// Number of lines of a text source.
    pub line_count: Option<u32>,
}

impl Document {
    /// All lines of all pages with their page numbers, in reading order.
    pub fn lines(&self) -> impl Iterator<Item = (u32, &Line)> {
        self.pages
            .iter()
            .flat_map(|p| p.lines.iter().map(move |l| (p.number, l)))
    }

    /// True when no page holds any word.
    pub fn has_no_text(&self) -> bool {
        self.pages
            .iter()
            .all(|p| p.lines.iter().all(Line::is_empty))
    }
}
