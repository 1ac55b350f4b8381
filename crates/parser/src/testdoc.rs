//! Small positioned documents for unit tests: PDF pages written as lines of
//! words at given positions, so that geometric rules (column anchors, row
//! spacing, centred cells) can be tested without a PDF file.

use internbudget_layout::{Document, Line, Meta, Page, Rect, SourceKind, Word};

/// Font size of every test word; a character is half of it wide, a space
/// a quarter.
pub(crate) const SIZE: f32 = 10.0;

/// A test page: lines `(baseline y, words)`, words `(left x, text)`.
pub(crate) type TestPage<'a> = &'a [(f32, &'a [(f32, &'a str)])];

/// A PDF-like document of one page per entry. A page is a list of lines
/// `(baseline y, words)`, a word `(x of its left edge, text)`; a word is
/// `0.5 × SIZE` wide per character.
pub(crate) fn pdf(pages: &[TestPage<'_>]) -> Document {
    let pages = pages
        .iter()
        .enumerate()
        .map(|(i, lines)| Page {
            number: i as u32 + 1,
            width: 600.0,
            height: 800.0,
            lines: lines
                .iter()
                .map(|(y, words)| {
                    Line::new(words.iter().map(|(x, text)| word(*x, *y, text)).collect())
                })
                .collect(),
            rulings: Vec::new(),
        })
        .collect();
    Document {
        kind: SourceKind::Pdf,
        pages,
        meta: Meta::default(),
        encoding: None,
        line_count: None,
    }
}

/// One word with its left edge at `x` on the line whose bottom is `y`.
fn word(x: f32, y: f32, text: &str) -> Word {
    let width = text.chars().count() as f32 * SIZE * 0.5;
    Word {
        text: text.to_string(),
        bbox: Rect::new(x, y - SIZE, x + width, y),
        size: SIZE,
        space: SIZE * 0.25,
        cell: None,
    }
}
