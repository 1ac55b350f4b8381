//! Finds and reads the budget content of an internbudget document.
//!
//! Input is the positioned text of [`internbudget_layout`] (from a PDF or a
//! text export); output is [`Parsed`]: the amount tables (driftsammandrag,
//! investeringar) and indicator tables as printed — labels, cell texts and
//! where each was printed — plus document facts (title, years, committee).
//! Interpretation (column and row kinds, exact amounts, checks) is the
//! normalizer's job.

mod facts;
mod flow;
mod followup;
mod header;
mod indicators;
pub mod model;
pub mod number;
mod prepare;

pub use prepare::prepare;
pub mod source;
mod stream;
mod table;
#[cfg(test)]
mod testdoc;
pub mod vocab;
mod words;

pub use indicators::is_sub_indicator;
pub use model::*;
pub use source::{Format, ReadError};

use internbudget_layout::{Deadline, Document};
use std::time::Duration;
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
    /// The document's time limit passed while its tables were being read.
    #[error("reading the tables took longer than the limit of {limit:?}")]
    Timeout {
        /// The time limit.
        limit: Duration,
    },
}

/// Parses a document already read into the layout model, without a time
/// limit.
pub fn parse_document(doc: &Document) -> Result<Parsed, ParseError> {
    parse_document_until(doc, &Deadline::never())
}

/// Parses a document already read into the layout model, giving up with
/// [`ParseError::Timeout`] once `deadline` has passed. The stages check it
/// between lines and tables; nothing read before the deadline is returned.
pub fn parse_document_until(doc: &Document, deadline: &Deadline) -> Result<Parsed, ParseError> {
    let timeout = || ParseError::Timeout {
        limit: deadline.limit(),
    };
    if doc.has_no_text() {
        return Err(match doc.kind {
            internbudget_layout::SourceKind::Pdf => ParseError::NoTextLayer,
            _ => ParseError::NoBudgetContent,
        });
    }
    let prepared = prepare::prepare(doc);
    let lines = stream::content_lines(&prepared);
    let facts = facts::read_facts(&lines, &doc.meta);
    if deadline.passed() {
        return Err(timeout());
    }
    let mut notes = Vec::new();
    let tables = table::find_tables(&lines, doc.kind, &mut notes, deadline);
    let mut indicator_tables =
        indicators::find_tables(&lines, doc.kind, &facts, &mut notes, deadline);
    indicator_tables.extend(followup::find_tables(&lines, &mut notes));
    // The stages stop early when time runs out: what they read is then
    // incomplete and is not returned.
    if deadline.passed() {
        return Err(timeout());
    }
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
