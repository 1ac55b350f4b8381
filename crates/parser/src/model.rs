//! What the parser hands to the normalizer: tables and indicator rows as they
//! were printed (labels and cell texts), each with its origin in the source.
//! Nothing here is interpreted yet: column kinds, row kinds and amounts are the
//! normalizer's job.

pub use internbudget_layout::CellRef;
use internbudget_layout::{Rect, Word};

/// Where something was printed: a page and either a source line (text
/// exports, DOCX and HTML) or a bounding box (PDF), and for DOCX and HTML
/// the table cell.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Origin {
    /// 1-based page number (text exports: pages are separated by form feeds).
    pub page: u32,
    /// 1-based first line in a text source.
    pub line: Option<u32>,
    /// Last line in a text source, when the item spans several lines.
    pub line_end: Option<u32>,
    /// Bounding box on a PDF page (points, origin top-left).
    pub bbox: Option<Rect>,
    /// The table cell (table, row, column, paragraph) in a structured
    /// source; of an item spanning cells, what they share.
    pub cell: Option<CellRef>,
}

impl Origin {
    /// The smallest origin covering both (same page assumed; the first page wins).
    pub fn merge(&self, other: &Origin) -> Origin {
        let line = match (self.line, other.line) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let end_self = self.line_end.or(self.line);
        let end_other = other.line_end.or(other.line);
        let line_end = match (end_self, end_other) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let bbox = match (self.bbox, other.bbox) {
            (Some(a), Some(b)) if self.page == other.page => Some(a.union(&b)),
            (a, b) => a.or(b),
        };
        let cell = match (self.cell, other.cell) {
            (Some(a), Some(b)) => a.common(&b),
            _ => None,
        };
        Origin {
            page: self.page,
            line,
            line_end: if line_end == line { None } else { line_end },
            bbox,
            cell,
        }
    }
}

/// The cell the given words share (see [`CellRef::of_words`]).
pub(crate) fn cell_of<'a>(words: impl IntoIterator<Item = &'a Word>) -> Option<CellRef> {
    CellRef::of_words(words)
}

/// One printed cell: its text (line breaks joined) and origin.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The printed text, whitespace collapsed, broken words joined.
    pub text: String,
    /// Where it was printed.
    pub origin: Origin,
}

/// A column header as printed, e.g. "Budget förslag 2021".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnHeader {
    /// All header words of the column, in reading order.
    pub label: String,
    /// The year printed in the header, if any.
    pub year: Option<i32>,
    /// A qualifier printed with the year such as "aug" in "2020 (aug)".
    pub partial: Option<String>,
}

/// How the cells of a table row were put in their columns.
#[derive(Debug, Clone, PartialEq)]
pub enum RowValues {
    /// Each value sits in a known column, by its printed position.
    Placed(Vec<Option<Cell>>),
    /// The source does not show which columns the values belong to (a text
    /// export that lost the layout, and fewer values than columns). The values
    /// are in printed order; the normalizer places them and warns.
    Unplaced(Vec<Option<Cell>>),
}

impl RowValues {
    /// The cells in printed order.
    pub fn cells(&self) -> &[Option<Cell>] {
        match self {
            RowValues::Placed(c) | RowValues::Unplaced(c) => c,
        }
    }
}

/// One row of an amount table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row label with line breaks joined; footnote markers still attached.
    pub label: String,
    /// The amounts.
    pub values: RowValues,
    /// A note number printed with the row (a "Not" or "Nr." column).
    pub note: Option<Cell>,
    /// Where the row was printed (label and values).
    pub origin: Origin,
    /// The row's digits could not be cut into its cells with certainty (a
    /// run of digit groups reads as more numbers than the columns it
    /// stands under): `values` holds the likeliest cut, not to be trusted.
    pub ambiguous: bool,
    /// Text whose layout is lost: a run of digit groups on the row could be
    /// cut into more than one count of numbers (a single space may group
    /// thousands or part cells), and the likeliest reading was taken. Where
    /// the row's own arithmetic then fails, the normalizer withholds it.
    pub cut_chosen: bool,
}

/// An amount table (operating summary or investments) as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The heading the table stands under.
    pub title: String,
    /// The header text (stub and column headers), used to recognise the role.
    pub header_text: String,
    /// The amount unit printed in the header, title or a caption; `None`
    /// when none is printed.
    pub unit: Option<crate::vocab::UnitWord>,
    /// The year the text right around the table names most often (for
    /// columns whose header prints no year), if any.
    pub context_year: Option<i32>,
    /// Column headers, left to right.
    pub columns: Vec<ColumnHeader>,
    /// Rows in printed order, including rows without amounts (group headings
    /// such as "Specifikation av förändringar").
    pub rows: Vec<Row>,
    /// Footnotes printed under the table ("* Del av …").
    pub footnotes: Vec<String>,
    /// Where the table header was printed.
    pub origin: Origin,
    /// The cells were put in columns by their order on the line, not by
    /// where they were printed (text whose layout is lost, cells folded
    /// from one per line): an empty cell cannot be seen, so a row that
    /// leaves one out shifts its amounts.
    pub columns_by_order: bool,
}

/// One indicator row.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    /// Målområde.
    pub goal_area: Option<String>,
    /// Kommunövergripande mål.
    pub municipal_goal: Option<String>,
    /// Nämndmål, carried down from a merged cell where needed.
    pub committee_goal: Option<String>,
    /// The indicator text.
    pub indicator: String,
    /// One entry per value column; `None` for an empty cell.
    pub cells: Vec<Option<Cell>>,
    /// Where the row was printed.
    pub origin: Origin,
}

/// An indicator table: value columns and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorTable {
    /// Value column headers ("2019", "2020 (aug)", "Målvärde 2021").
    pub columns: Vec<ColumnHeader>,
    /// The rows.
    pub rows: Vec<IndicatorRow>,
    /// Where the header was printed.
    pub origin: Origin,
}

/// Facts about the document found in its text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocumentFacts {
    /// The document title, e.g. "Internbudget 2021 med plan för 2022-2024".
    pub title: Option<String>,
    /// Where the title was found.
    pub title_origin: Option<Origin>,
    /// The committee, e.g. "Arbetsmarknadsnämnden".
    pub committee: Option<String>,
    /// The budget year.
    pub budget_year: Option<i32>,
    /// The plan years.
    pub plan_years: Vec<i32>,
    /// All text of the document in reading order (for municipality matching).
    pub text_sample: String,
    /// Descriptive metadata strings (PDF title, author, subject).
    pub metadata: Vec<String>,
}

/// The kinds of things the parser reports; each becomes one warning code
/// of the normalized document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoteKind {
    /// A table of amounts was found but not read.
    TableSkipped,
    /// Two amounts fell in one column of a row; the second was left out.
    AmountDropped,
    /// An amount stands under no column; it was left out.
    AmountOutsideColumns,
    /// An indicator table lost its layout; its rows were read as a sequence
    /// of cells.
    IndicatorLayoutLost,
    /// Columns of an indicator table that are not the committee's values
    /// (comparisons with other municipalities) were left out.
    IndicatorColumnSkipped,
}

/// Something the parser was unsure of.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// What kind of thing happened.
    pub kind: NoteKind,
    /// What happened, for a person.
    pub message: String,
    /// Where.
    pub origin: Origin,
}

/// Everything the parser found in one document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    /// Document facts.
    pub facts: DocumentFacts,
    /// Amount tables in printed order.
    pub tables: Vec<Table>,
    /// Indicator tables in printed order.
    pub indicator_tables: Vec<IndicatorTable>,
    /// Notes about uncertain readings.
    pub notes: Vec<Note>,
}
