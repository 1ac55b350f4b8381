//! Reading a source file into the layout model: the format is detected from
//! the bytes (a ZIP package with a Word document part, PDF magic, HTML
//! markup, or text), never from the file name. Each format has one reader
//! behind the [`Reader`] trait.

pub use internbudget_docx::DocxError;
pub use internbudget_html::HtmlError;
use internbudget_layout::{Deadline, Document, text::TextError};
pub use internbudget_pdf::{Limits, PdfError};
use thiserror::Error;

/// The detected format of a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A PDF file (`%PDF-` in the first kilobyte).
    Pdf,
    /// A Word document: a ZIP package holding `word/document.xml`.
    Docx,
    /// A web page: HTML markup from the start.
    Html,
    /// Anything else: read as a text export.
    Text,
}

impl Format {
    /// Detects the format from the bytes.
    pub fn detect(bytes: &[u8]) -> Format {
        let head = bytes.get(..bytes.len().min(1024)).unwrap_or(bytes);
        if internbudget_docx::looks_like_docx(bytes) {
            Format::Docx
        } else if head.windows(5).any(|w| w == b"%PDF-") {
            Format::Pdf
        } else if internbudget_html::looks_like_html(bytes) {
            Format::Html
        } else {
            Format::Text
        }
    }

    /// Lowercase name: "pdf", "docx", "html" or "text".
    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Text => "text",
        }
    }
}

/// Why a source could not be read.
#[derive(Debug, Error)]
pub enum ReadError {
    /// The text export could not be decoded.
    #[error(transparent)]
    Text(#[from] TextError),
    /// The PDF could not be read.
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// The Word document could not be read.
    #[error(transparent)]
    Docx(#[from] DocxError),
    /// The web page could not be read.
    #[error(transparent)]
    Html(#[from] HtmlError),
    /// A text export larger than `Limits::max_text_bytes`.
    #[error("text file bytes (max_text_bytes) exceeds the limit of {limit}")]
    TextTooLarge {
        /// The limit that was exceeded.
        limit: u64,
    },
}

/// Reads one source format into the layout model.
pub trait Reader {
    /// Reads the bytes.
    fn read(&self, bytes: &[u8]) -> Result<Document, ReadError>;
}

/// The text-export reader, with the largest text it accepts.
#[derive(Debug, Clone, Copy)]
pub struct TextReader {
    /// Largest accepted text, in bytes (`Limits::max_text_bytes`).
    pub max_bytes: u64,
}

impl Default for TextReader {
    fn default() -> Self {
        TextReader {
            max_bytes: Limits::default().max_text_bytes,
        }
    }
}

impl Reader for TextReader {
    fn read(&self, bytes: &[u8]) -> Result<Document, ReadError> {
        if bytes.len() as u64 > self.max_bytes {
            return Err(ReadError::TextTooLarge {
                limit: self.max_bytes,
            });
        }
        Ok(internbudget_layout::text::read_text(bytes)?)
    }
}

/// The PDF reader, with the limits that bound its time and memory.
#[derive(Debug, Default, Clone)]
pub struct PdfReader {
    /// Limits on file size, objects, streams, pages, operators, nesting and time.
    pub limits: Limits,
    /// The document's deadline when it is already running; `None` starts
    /// `limits.max_time_per_document` when reading starts.
    pub deadline: Option<Deadline>,
}

impl Reader for PdfReader {
    fn read(&self, bytes: &[u8]) -> Result<Document, ReadError> {
        let deadline = self
            .deadline
            .unwrap_or_else(|| Deadline::after(self.limits.max_time_per_document));
        Ok(internbudget_pdf::read_pdf_until(
            bytes,
            &self.limits,
            deadline,
        )?)
    }
}

/// The Word-document reader: the package within `max_file_bytes`, its
/// document part within `max_stream_bytes` (the bound on one decompressed
/// stream), the rest of [`internbudget_docx::Limits`] at its defaults.
#[derive(Debug, Default, Clone)]
pub struct DocxReader {
    /// The limits the reader's are taken from.
    pub limits: Limits,
    /// The document's deadline when it is already running.
    pub deadline: Option<Deadline>,
}

impl Reader for DocxReader {
    fn read(&self, bytes: &[u8]) -> Result<Document, ReadError> {
        let deadline = self
            .deadline
            .unwrap_or_else(|| Deadline::after(self.limits.max_time_per_document));
        let limits = internbudget_docx::Limits {
            max_file_bytes: self.limits.max_file_bytes,
            max_part_bytes: self.limits.max_stream_bytes as u64,
            ..internbudget_docx::Limits::default()
        };
        Ok(internbudget_docx::read_docx(bytes, &limits, &deadline)?)
    }
}

/// The web-page reader: the page within `max_text_bytes` (all of it is
/// parsed and laid out, as a text export is), the rest of
/// [`internbudget_html::Limits`] at its defaults.
#[derive(Debug, Default, Clone)]
pub struct HtmlReader {
    /// The limits the reader's are taken from.
    pub limits: Limits,
    /// The document's deadline when it is already running.
    pub deadline: Option<Deadline>,
}

impl Reader for HtmlReader {
    fn read(&self, bytes: &[u8]) -> Result<Document, ReadError> {
        let deadline = self
            .deadline
            .unwrap_or_else(|| Deadline::after(self.limits.max_time_per_document));
        let limits = internbudget_html::Limits {
            max_bytes: self.limits.max_text_bytes,
            ..internbudget_html::Limits::default()
        };
        Ok(internbudget_html::read_html(bytes, &limits, &deadline)?)
    }
}

/// Detects the format and reads the bytes with its reader (default limits).
pub fn read(bytes: &[u8]) -> Result<(Format, Document), ReadError> {
    read_with(bytes, &Limits::default())
}

/// Detects the format and reads the bytes within `limits`: PDFs within all
/// of them, text exports and web pages within `max_text_bytes`, Word
/// documents within `max_file_bytes` and `max_stream_bytes`.
pub fn read_with(bytes: &[u8], limits: &Limits) -> Result<(Format, Document), ReadError> {
    read_until(bytes, limits, Deadline::after(limits.max_time_per_document))
}

/// [`read_with`] against the document's running deadline (so that the
/// stages after reading share its time limit).
pub fn read_until(
    bytes: &[u8],
    limits: &Limits,
    deadline: Deadline,
) -> Result<(Format, Document), ReadError> {
    let format = Format::detect(bytes);
    let doc = match format {
        Format::Pdf => PdfReader {
            limits: limits.clone(),
            deadline: Some(deadline),
        }
        .read(bytes)?,
        Format::Docx => DocxReader {
            limits: limits.clone(),
            deadline: Some(deadline),
        }
        .read(bytes)?,
        Format::Html => HtmlReader {
            limits: limits.clone(),
            deadline: Some(deadline),
        }
        .read(bytes)?,
        Format::Text => TextReader {
            max_bytes: limits.max_text_bytes,
        }
        .read(bytes)?,
    };
    Ok((format, doc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_magic_not_name() {
        assert_eq!(Format::detect(b"%PDF-1.7\n..."), Format::Pdf);
        assert_eq!(Format::detect(b"\n\n%PDF-1.4"), Format::Pdf);
        assert_eq!(Format::detect(b"Internbudget 2021"), Format::Text);
        assert_eq!(Format::detect(b""), Format::Text);
        assert_eq!(
            Format::detect(b"PK\x03\x04\x14\0...word/document.xml..."),
            Format::Docx
        );
        assert_eq!(
            Format::detect(b"PK\x03\x04\x14\0...xl/workbook.xml"),
            Format::Text
        );
        assert_eq!(Format::detect(b"<!doctype html><p>%PDF-"), Format::Pdf);
        assert_eq!(Format::detect(b"<!DOCTYPE html><p>Budget"), Format::Html);
        assert_eq!(Format::detect(b"<i>varav</i>\t1"), Format::Text);
    }

    #[test]
    fn text_larger_than_the_limit_is_refused() {
        let limits = Limits {
            max_text_bytes: 8,
            ..Limits::default()
        };
        let err = read_with(b"Driftsammandrag 2021", &limits).err();
        assert!(
            matches!(err, Some(ReadError::TextTooLarge { limit: 8 })),
            "{err:?}"
        );
        assert_eq!(
            err.map(|e| e.to_string()).as_deref(),
            Some("text file bytes (max_text_bytes) exceeds the limit of 8")
        );
        assert!(read_with(b"12345678", &limits).is_ok());
    }
}
