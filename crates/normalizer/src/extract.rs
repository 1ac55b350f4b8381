//! The whole pipeline on one source file: read, parse, normalize, within
//! one [`Limits`] — each stage applying its own part of it, all sharing
//! the document's clock — and the typed [`ExtractError`] of every way it
//! can fail, with its [`ErrorKind`] and the [`Limit`] it exceeded.

use crate::schema::{Document, Source, SourceFormat};
use internbudget_layout::{Deadline, Limit, SourceKind, text::TextError};
use internbudget_parser::source::{DocxError, HtmlError, PdfError, SourceLimits};
use internbudget_parser::{self as parser, ParseError, ReadError};
use sha2::{Digest, Sha256};
use std::time::Duration;
use thiserror::Error;

/// The limits of the pipeline: what reading a source may cost (per
/// format, applied by each format's reader), the largest normalized JSON
/// document read back ([`crate::read_document_json`]), and the time one
/// document may take, shared by every stage.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// The limits of the source readers.
    pub source: SourceLimits,
    /// Largest normalized JSON document, in bytes. Default 32 MiB (the
    /// documents of real budgets are well under 1 MiB).
    pub max_json_bytes: u64,
    /// Longest time spent on one document, from before it is read to its
    /// normalized document. Default 60 s.
    pub max_time_per_document: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            source: SourceLimits::default(),
            max_json_bytes: 32 << 20,
            max_time_per_document: Duration::from_secs(60),
        }
    }
}

/// Why a file could not be extracted.
#[derive(Debug, Error)]
pub enum ExtractError {
    /// The source could not be read or holds no budget content.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// The document's time limit passed while it was being normalized.
    #[error("normalizing the tables took longer than the limit of {limit:?}")]
    Timeout {
        /// The time limit.
        limit: Duration,
    },
    /// The input is a normalized internbudget document already (JSON), not
    /// a source document.
    #[error("this is a normalized internbudget document (JSON) already, not a source document")]
    NormalizedDocument,
}

impl From<ReadError> for ExtractError {
    fn from(e: ReadError) -> Self {
        ExtractError::Parse(ParseError::Read(e))
    }
}

/// What went wrong, as a small closed set: what a program branches on
/// (the batch's manifest codes, exit codes), where the error itself says
/// it for a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The file has no bytes (or only whitespace).
    Empty,
    /// Not a PDF and not text in any supported encoding.
    Binary,
    /// Claims to be a PDF but has no PDF header.
    NotPdf,
    /// A PDF whose structure cannot be read.
    Damaged,
    /// A PDF that needs a password.
    Encrypted,
    /// A PDF encrypted with a method the reader cannot decrypt.
    UnsupportedEncryption,
    /// Over one of the size limits ([`ExtractError::limit`] says which).
    TooLarge,
    /// Over the time limit.
    Timeout,
    /// The PDF parser failed unexpectedly.
    PdfInternal,
    /// A PDF without a text layer (a scan).
    NoTextLayer,
    /// Readable, but holds no budget table and no indicator row.
    NoBudgetContent,
    /// A normalized document, not a source.
    NormalizedDocument,
}

impl ErrorKind {
    /// Every kind.
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::Empty,
        ErrorKind::Binary,
        ErrorKind::NotPdf,
        ErrorKind::Damaged,
        ErrorKind::Encrypted,
        ErrorKind::UnsupportedEncryption,
        ErrorKind::TooLarge,
        ErrorKind::Timeout,
        ErrorKind::PdfInternal,
        ErrorKind::NoTextLayer,
        ErrorKind::NoBudgetContent,
        ErrorKind::NormalizedDocument,
    ];

    /// The snake_case name ("too_large"): the batch manifest's code.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Empty => "empty",
            ErrorKind::Binary => "binary",
            ErrorKind::NotPdf => "not_pdf",
            ErrorKind::Damaged => "damaged",
            ErrorKind::Encrypted => "encrypted",
            ErrorKind::UnsupportedEncryption => "unsupported_encryption",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Timeout => "timeout",
            ErrorKind::PdfInternal => "pdf_internal",
            ErrorKind::NoTextLayer => "no_text_layer",
            ErrorKind::NoBudgetContent => "no_budget_content",
            ErrorKind::NormalizedDocument => "normalized_document",
        }
    }
}

fn read_kind(e: &ReadError) -> ErrorKind {
    match e {
        ReadError::Text(TextError::Empty) | ReadError::Pdf(PdfError::Empty) => ErrorKind::Empty,
        ReadError::Text(TextError::Binary(_)) => ErrorKind::Binary,
        ReadError::Text(TextError::TooLarge { .. }) | ReadError::Pdf(PdfError::TooLarge { .. }) => {
            ErrorKind::TooLarge
        }
        ReadError::Pdf(PdfError::NotPdf) => ErrorKind::NotPdf,
        ReadError::Pdf(PdfError::Damaged { .. }) => ErrorKind::Damaged,
        ReadError::Pdf(PdfError::Encrypted) => ErrorKind::Encrypted,
        ReadError::Pdf(PdfError::UnsupportedEncryption { .. }) => ErrorKind::UnsupportedEncryption,
        ReadError::Pdf(PdfError::Timeout { .. }) => ErrorKind::Timeout,
        ReadError::Pdf(PdfError::Internal { .. }) => ErrorKind::PdfInternal,
        ReadError::Docx(DocxError::Empty) | ReadError::Html(HtmlError::Empty) => ErrorKind::Empty,
        ReadError::Docx(DocxError::TooLarge { .. })
        | ReadError::Html(HtmlError::TooLarge { .. }) => ErrorKind::TooLarge,
        ReadError::Docx(DocxError::Timeout { .. }) | ReadError::Html(HtmlError::Timeout { .. }) => {
            ErrorKind::Timeout
        }
        ReadError::Docx(
            DocxError::Container { .. }
            | DocxError::NoDocumentPart
            | DocxError::Unsupported { .. }
            | DocxError::Xml { .. }
            | DocxError::Dtd { .. }
            | DocxError::UnknownEntity { .. },
        ) => ErrorKind::Damaged,
    }
}

impl ExtractError {
    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            ExtractError::Parse(ParseError::Read(r)) => read_kind(r),
            ExtractError::Parse(ParseError::NoTextLayer) => ErrorKind::NoTextLayer,
            ExtractError::Parse(ParseError::NoBudgetContent) => ErrorKind::NoBudgetContent,
            ExtractError::Parse(ParseError::Timeout { .. }) | ExtractError::Timeout { .. } => {
                ErrorKind::Timeout
            }
            ExtractError::NormalizedDocument => ErrorKind::NormalizedDocument,
        }
    }

    /// The limit a [`ErrorKind::TooLarge`] or [`ErrorKind::Timeout`] error
    /// exceeded: what a user raises to get past it.
    pub fn limit(&self) -> Option<Limit> {
        match self {
            ExtractError::Parse(ParseError::Read(r)) => r.limit(),
            ExtractError::Parse(ParseError::Timeout { .. }) | ExtractError::Timeout { .. } => {
                Some(Limit::Time)
            }
            ExtractError::Parse(_) | ExtractError::NormalizedDocument => None,
        }
    }
}

/// Reads, parses and normalizes one source file (default limits).
pub fn extract(file_name: &str, bytes: &[u8]) -> Result<Document, ExtractError> {
    extract_with(file_name, bytes, &Limits::default())
}

/// Reads, parses and normalizes one source file within `limits`. The time
/// limit covers all three stages: it starts here and each stage stops with
/// a timeout error once it has passed (see [`extract_until`] to start it
/// earlier, e.g. before the file is read). A normalized document (JSON) is
/// refused with [`ExtractError::NormalizedDocument`].
pub fn extract_with(
    file_name: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Document, ExtractError> {
    extract_until(
        file_name,
        bytes,
        limits,
        Deadline::after(limits.max_time_per_document),
    )
}

/// [`extract_with`] against a deadline already running.
pub fn extract_until(
    file_name: &str,
    bytes: &[u8],
    limits: &Limits,
    deadline: Deadline,
) -> Result<Document, ExtractError> {
    if crate::load::is_normalized_document(bytes) {
        return Err(ExtractError::NormalizedDocument);
    }
    let (format, layout) = parser::source::read_until(bytes, &limits.source, deadline)?;
    let parsed = parser::parse_document_until(&layout, &deadline)?;
    let source = Source {
        file: std::path::Path::new(file_name).file_name().map_or_else(
            || file_name.to_string(),
            |f| f.to_string_lossy().into_owned(),
        ),
        sha256: sha256_hex(bytes),
        bytes: bytes.len() as u64,
        format: match (format, layout.kind) {
            (parser::Format::Pdf, _) => SourceFormat::Pdf,
            (parser::Format::Docx, _) => SourceFormat::Docx,
            (parser::Format::Html, _) => SourceFormat::Html,
            (_, SourceKind::TabText) => SourceFormat::TextTabular,
            _ => SourceFormat::TextLayout,
        },
        encoding: layout.encoding.map(str::to_string),
        pages: u32::try_from(layout.pages.len()).unwrap_or(u32::MAX),
        lines: layout.line_count,
    };
    crate::normalize_until(&parsed, source, &deadline)
}

/// Lowercase hex SHA-256 of the bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest.iter() {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_limits_of_errors() {
        let mut limits = Limits::default();
        limits.source.text.max_bytes = 4;
        let e = extract_with("a.txt", b"Driftsammandrag", &limits).err();
        assert_eq!(
            e.as_ref().map(ExtractError::kind),
            Some(ErrorKind::TooLarge)
        );
        assert_eq!(
            e.as_ref().and_then(ExtractError::limit),
            Some(Limit::TextBytes)
        );
        let e = extract("a.txt", b"").err();
        assert_eq!(e.as_ref().map(ExtractError::kind), Some(ErrorKind::Empty));
        assert_eq!(e.as_ref().and_then(ExtractError::limit), None);
        let e = extract("a.pdf", b"%PDF-1.4 nothing else").err();
        assert_eq!(e.as_ref().map(ExtractError::kind), Some(ErrorKind::Damaged));
        let e = extract("a.txt", b"Hej!\nInget budget alls.\n").err();
        assert_eq!(
            e.as_ref().map(ExtractError::kind),
            Some(ErrorKind::NoBudgetContent)
        );
        let e = extract("a.json", b"\xEF\xBB\xBF {\"schema_version\": \"1.0.0\"}").err();
        assert_eq!(
            e.as_ref().map(ExtractError::kind),
            Some(ErrorKind::NormalizedDocument)
        );
        let deadline = Deadline::after(Duration::ZERO);
        std::thread::sleep(Duration::from_millis(2));
        let e = extract_until("a.txt", b"Budget 2021\n", &Limits::default(), deadline).err();
        assert_eq!(e.as_ref().map(ExtractError::kind), Some(ErrorKind::Timeout));
        assert_eq!(e.as_ref().and_then(ExtractError::limit), Some(Limit::Time));
        assert_eq!(ErrorKind::TooLarge.as_str(), "too_large");
    }
}
