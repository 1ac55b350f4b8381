//! Reads Word documents (DOCX: Office Open XML, a ZIP package) into the text
//! model of [`internbudget_layout`].
//!
//! Only the document part (`word/document.xml`) carries the text: its
//! paragraphs and headings become lines, its tables become rows of cells on
//! the table grid (`w:gridSpan` and `w:gridBefore` give the columns,
//! `w:vMerge` continuations are left empty, as a tab export leaves merged
//! cells), line breaks and paragraphs inside a cell are joined by spaces.
//! Formatting (bold totals, italic "varav" rows, heading styles) carries no
//! text and is not kept: runs split by it are joined. Deleted revisions,
//! hidden text, field instructions and drawings are left out. The layout is
//! the one of [`internbudget_layout::blocks`]; every word of a table knows
//! its table, row, column and paragraph ([`internbudget_layout::CellRef`]).
//! `docProps/core.xml` and `docProps/app.xml` give the metadata.
//!
//! The main types: [`read_docx`], its [`Limits`] and [`DocxError`].
//! Modules: `package` (the ZIP container and its bounds on size, ratio and
//! entries) and `document` (the XML of the document part).

mod document;
mod meta;
mod package;

use internbudget_layout::{Deadline, Document, blocks};
use std::time::Duration;
use thiserror::Error;

/// Bounds on the work and memory spent on one DOCX package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted package, in bytes. Default 256 MiB.
    pub max_file_bytes: u64,
    /// Largest decompressed size of the document part, in bytes. Default
    /// 64 MiB.
    pub max_part_bytes: u64,
    /// Most entries the package may list. Default 10 000.
    pub max_entries: u64,
    /// Largest ratio of a part's decompressed size to its compressed size,
    /// once it is past 1 MiB (a zip bomb). Default 200.
    pub max_ratio: u64,
    /// Deepest nesting of XML elements. Default 256.
    pub max_depth: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 256 * 1024 * 1024,
            max_part_bytes: 64 * 1024 * 1024,
            max_entries: 10_000,
            max_ratio: 200,
            max_depth: 256,
        }
    }
}

/// Why a DOCX package could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DocxError {
    /// The file has no bytes.
    #[error("the file is empty")]
    Empty,
    /// The ZIP container cannot be read.
    #[error("the Word document is damaged: its ZIP container cannot be read ({reason})")]
    Container {
        /// What the ZIP reader reported.
        reason: String,
    },
    /// The package has no document part.
    #[error("not a Word document: the package has no word/document.xml")]
    NoDocumentPart,
    /// The document part is stored in a way this reader cannot read
    /// (encrypted, or compressed other than by deflate).
    #[error("the Word document's text cannot be read: {reason}")]
    Unsupported {
        /// What the ZIP reader reported.
        reason: String,
    },
    /// A limit of [`Limits`] was exceeded.
    #[error("{what} exceeds the limit of {limit}")]
    TooLarge {
        /// Which quantity, naming the limit.
        what: &'static str,
        /// The limit that was exceeded.
        limit: u64,
    },
    /// The XML of the document part is not well-formed.
    #[error("the Word document is damaged: {part} at byte {position}: {reason}")]
    Xml {
        /// The part ("word/document.xml").
        part: &'static str,
        /// Byte offset in the part where reading stopped.
        position: u64,
        /// What was wrong.
        reason: String,
    },
    /// The XML declares a document type: Word never writes one, and its
    /// entities are how entity-expansion bombs work.
    #[error("the Word document is damaged: {part} declares a DTD (<!DOCTYPE …>), which is refused")]
    Dtd {
        /// The part.
        part: &'static str,
    },
    /// The XML refers to an entity XML does not predefine.
    #[error("the Word document is damaged: {part} refers to the undeclared entity &{name};")]
    UnknownEntity {
        /// The part.
        part: &'static str,
        /// The entity's name.
        name: String,
    },
    /// Reading took longer than the document's time limit.
    #[error("reading took longer than the limit of {limit:?}")]
    Timeout {
        /// The time limit.
        limit: Duration,
    },
}

/// The name the document part is found under.
pub const DOCUMENT_PART: &str = "word/document.xml";

/// Whether the bytes are a ZIP package holding a Word document part: a ZIP
/// local-file signature at the start and the part's name in the package.
pub fn looks_like_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && bytes
            .windows(DOCUMENT_PART.len())
            .any(|w| w == DOCUMENT_PART.as_bytes())
}

/// Reads a DOCX package into the layout model, within `limits`, giving up
/// with [`DocxError::Timeout`] once `deadline` has passed.
pub fn read_docx(
    bytes: &[u8],
    limits: &Limits,
    deadline: &Deadline,
) -> Result<Document, DocxError> {
    if bytes.is_empty() {
        return Err(DocxError::Empty);
    }
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(DocxError::TooLarge {
            what: "DOCX file bytes (max_file_bytes)",
            limit: limits.max_file_bytes,
        });
    }
    let mut package = package::Package::open(bytes, limits)?;
    let xml = package
        .part(DOCUMENT_PART, limits, deadline)?
        .ok_or(DocxError::NoDocumentPart)?;
    let body = document::read_body(&xml, limits, deadline)?;
    let meta = meta::read(&mut package, limits, deadline);
    Ok(blocks::lay_out(&body, meta, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_packages_with_a_document_part() {
        assert!(looks_like_docx(b"PK\x03\x04....word/document.xml...."));
        assert!(!looks_like_docx(b"PK\x03\x04....xl/workbook.xml...."));
        assert!(!looks_like_docx(b"word/document.xml"));
    }

    #[test]
    fn refuses_empty_and_oversized_files() {
        let d = Deadline::never();
        assert_eq!(
            read_docx(b"", &Limits::default(), &d),
            Err(DocxError::Empty)
        );
        let small = Limits {
            max_file_bytes: 3,
            ..Limits::default()
        };
        assert_eq!(
            read_docx(b"PK\x03\x04", &small, &d).map_err(|e| e.to_string()),
            Err("DOCX file bytes (max_file_bytes) exceeds the limit of 3".into())
        );
        assert!(matches!(
            read_docx(b"PK\x03\x04 not a zip", &Limits::default(), &d),
            Err(DocxError::Container { .. })
        ));
    }
}
