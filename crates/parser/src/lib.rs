//! Finds and reads the budget content of an internbudget document.
//!
//! Input is the positioned text of [`internbudget_layout`] (from a PDF or a
//! text export); output is [`Parsed`]: the amount tables (driftsammandrag,
//! investeringar) and indicator tables as printed — labels, cell texts and
//! where each was printed — plus document facts (title, years, committee).
//! Interpretation (column and row kinds, exact amounts, checks) is the
//! normalizer's job.

mod amounts;
mod facts;
mod flow;
mod header;
mod indicators;
pub mod model;
pub mod number;
pub mod source;
mod stream;
mod words;

pub use model::*;
pub use source::{Format, ReadError};

use internbudget_layout::Document;
use thiserror::Error;

/// Why a document could not be parsed.
#[derive(Debug, Error)]
pub enum ParseError {
    /// The source could not be read.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The PDF has pages but no text (a scan without a text layer).
    #[error("the PDF has no text layer (a scanned document?)")]
    NoTextLayer,
    /// No amount table and no indicator table was found.
    #[error("no budget tables or indicator rows found")]
    NoBudgetContent,
}

/// Parses a document already read into the layout model.
pub fn parse_document(doc: &Document) -> Result<Parsed, ParseError> {
    if doc.has_no_text() {
        return Err(match doc.kind {
            internbudget_layout::SourceKind::Pdf => ParseError::NoTextLayer,
            _ => ParseError::NoBudgetContent,
        });
    }
    let lines = stream::content_lines(doc);
    let facts = facts::read_facts(&lines, &doc.meta);
    let mut notes = Vec::new();
    let tables = amounts::find_tables(&lines, doc.kind, &mut notes);
    let indicator_tables = indicators::find_tables(&lines, doc.kind, &facts, &mut notes);
    if tables.is_empty() && indicator_tables.iter().all(|t| t.rows.is_empty()) {
        return Err(ParseError::NoBudgetContent);
    }
    Ok(Parsed {
        facts,
        tables,
        indicator_tables,
        notes,
    })
}
