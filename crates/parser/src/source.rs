//! Reading a source file into the layout model: the format is detected from
//! the bytes (a ZIP package with a Word document part, PDF magic, HTML
//! markup, or text), never from the file name. Each format has one reader
//! behind the [`Reader`] trait, and its own limits in [`SourceLimits`],
//! applied by that reader.

pub use internbudget_docx::{DocxError, Limits as DocxLimits};
pub use internbudget_html::{HtmlError, Limits as HtmlLimits};
pub use internbudget_layout::text::{TextError, TextLimits};
use internbudget_layout::{Deadline, Document, Limit};
pub use internbudget_pdf::{Limits as PdfLimits, PdfError};
use thiserror::Error;

/// The limits of reading a source: one set per format, each applied by
/// that format's reader. The time limit is the document's [`Deadline`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceLimits {
    /// Limits of the PDF reader (file size, objects, streams, pages,
    /// operators, nesting).
    pub pdf: PdfLimits,
    /// Limits of the text-export reader (size, line length, words per line).
    pub text: TextLimits,
    /// Limits of the Word-document reader (package, part, entries, ratio,
    /// depth).
    pub docx: DocxLimits,
    /// Limits of the web-page reader (size, depth, nodes).
    pub html: HtmlLimits,
}

impl SourceLimits {
    /// The most bytes a source of `format` may have, and the limit that
    /// says so: what a caller reads at most before handing the bytes over.
    pub fn max_bytes(&self, format: Format) -> (u64, Limit) {
        match format {
            Format::Pdf => (self.pdf.max_file_bytes, Limit::PdfBytes),
            Format::Docx => (self.docx.max_file_bytes, Limit::DocxBytes),
            Format::Html => (self.html.max_bytes, Limit::HtmlBytes),
            Format::Text => (self.text.max_bytes, Limit::TextBytes),
        }
    }

    /// The error of a source of `format` found larger than
    /// [`SourceLimits::max_bytes`] while it was being read.
    pub fn too_large(&self, format: Format) -> ReadError {
        let (max, limit) = self.max_bytes(format);
        match format {
            Format::Pdf => ReadError::Pdf(PdfError::TooLarge {
                what: limit,
                limit: max,
                page: None,
            }),
            Format::Docx => ReadError::Docx(DocxError::TooLarge {
                what: DOCX_FILE_BYTES,
                limit: max,
            }),
            Format::Html => ReadError::Html(HtmlError::TooLarge {
                what: HTML_FILE_BYTES,
                limit: max,
            }),
            Format::Text => ReadError::Text(TextError::TooLarge {
                limit,
                max,
                line: None,
            }),
        }
    }
}

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
}

/// How the Word reader names its file-size limit (the `--max-pdf-bytes`
/// flag bounds PDFs and Word documents alike).
const DOCX_FILE_BYTES: &str = "DOCX file bytes (max_file_bytes)";
/// How the web-page reader names its size limit (bounded as text exports).
const HTML_FILE_BYTES: &str = "HTML file bytes (max_text_bytes)";

impl ReadError {
    /// The limit the error says was exceeded, if any.
    pub fn limit(&self) -> Option<Limit> {
        match self {
            ReadError::Text(TextError::TooLarge { limit, .. }) => Some(*limit),
            ReadError::Text(_) => None,
            ReadError::Pdf(p) => p.limit(),
            // The Word and web-page readers share the PDF and text flags:
            // the package and its parts as a PDF and its streams, a page as
            // a text export.
            ReadError::Docx(DocxError::TooLarge { what, .. }) => {
                if what.contains("(max_file_bytes)") {
                    Some(Limit::DocxBytes)
                } else if what.contains("(max_part_bytes)") {
                    Some(Limit::PartBytes)
                } else {
                    None
                }
            }
            ReadError::Docx(DocxError::Timeout { .. })
            | ReadError::Html(HtmlError::Timeout { .. }) => Some(Limit::Time),
            ReadError::Html(HtmlError::TooLarge { what, .. }) => what
                .contains("(max_text_bytes)")
                .then_some(Limit::HtmlBytes),
            ReadError::Docx(_) | ReadError::Html(_) => None,
        }
    }
}

/// Reads one source format into the layout model.
pub trait Reader {
    /// Reads the bytes.
    fn read(&self, bytes: &[u8]) -> Result<Document, ReadError>;
}

/// The text-export reader, with its limits.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextReader {
    /// Size, line length and words per line.
    pub limits: TextLimits,
}

impl Reader for TextReader {
    fn read(&self, bytes: &[u8]) -> Result<Document, ReadError> {
        Ok(internbudget_layout::text::read_text_with(
            bytes,
            &self.limits,
        )?)
    }
}

/// The PDF reader, with the limits that bound its time and memory.
#[derive(Debug, Default, Clone)]
pub struct PdfReader {
    /// Limits on file size, objects, streams, pages, operators and nesting.
    pub limits: PdfLimits,
    /// The document's deadline (none: no time limit).
    pub deadline: Deadline,
}

impl Reader for PdfReader {
    fn read(&self, bytes: &[u8]) -> Result<Document, ReadError> {
        Ok(internbudget_pdf::read_pdf_until(
            bytes,
            &self.limits,
            self.deadline,
        )?)
    }
}

/// The Word-document reader, with its limits.
#[derive(Debug, Default, Clone)]
pub struct DocxReader {
    /// Package size, part size, entries, compression ratio, depth.
    pub limits: DocxLimits,
    /// The document's deadline (none: no time limit).
    pub deadline: Deadline,
}

impl Reader for DocxReader {
    fn read(&self, bytes: &[u8]) -> Result<Document, ReadError> {
        Ok(internbudget_docx::read_docx(
            bytes,
            &self.limits,
            &self.deadline,
        )?)
    }
}

/// The web-page reader, with its limits.
#[derive(Debug, Default, Clone)]
pub struct HtmlReader {
    /// Page size, depth, nodes.
    pub limits: HtmlLimits,
    /// The document's deadline (none: no time limit).
    pub deadline: Deadline,
}

impl Reader for HtmlReader {
    fn read(&self, bytes: &[u8]) -> Result<Document, ReadError> {
        Ok(internbudget_html::read_html(
            bytes,
            &self.limits,
            &self.deadline,
        )?)
    }
}

/// Detects the format and reads the bytes with its reader (default limits,
/// no time limit).
pub fn read(bytes: &[u8]) -> Result<(Format, Document), ReadError> {
    read_until(bytes, &SourceLimits::default(), Deadline::never())
}

/// Detects the format and reads the bytes with its reader, within the
/// format's limits of `limits` and the document's `deadline` (so that the
/// stages after reading share its time limit).
pub fn read_until(
    bytes: &[u8],
    limits: &SourceLimits,
    deadline: Deadline,
) -> Result<(Format, Document), ReadError> {
    let format = Format::detect(bytes);
    let doc = match format {
        Format::Pdf => PdfReader {
            limits: limits.pdf.clone(),
            deadline,
        }
        .read(bytes)?,
        Format::Docx => DocxReader {
            limits: limits.docx.clone(),
            deadline,
        }
        .read(bytes)?,
        Format::Html => HtmlReader {
            limits: limits.html.clone(),
            deadline,
        }
        .read(bytes)?,
        Format::Text => TextReader {
            limits: limits.text,
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
    fn each_format_has_its_own_size_limit() {
        let mut limits = SourceLimits::default();
        limits.text.max_bytes = 8;
        limits.pdf.max_file_bytes = 16;
        let read = |b: &[u8]| read_until(b, &limits, Deadline::never());
        let err = read(b"Driftsammandrag 2021").err();
        assert_eq!(
            err.as_ref().and_then(ReadError::limit),
            Some(Limit::TextBytes)
        );
        assert_eq!(
            err.map(|e| e.to_string()).as_deref(),
            Some("the size of a text export exceeds the limit of 8")
        );
        assert!(read(b"12345678").is_ok());
        let err = read(b"%PDF-1.7 and a bit more").err();
        assert_eq!(
            err.as_ref().and_then(ReadError::limit),
            Some(Limit::PdfBytes)
        );
        assert_eq!(limits.max_bytes(Format::Pdf), (16, Limit::PdfBytes));
        assert_eq!(
            limits.too_large(Format::Text).to_string(),
            "the size of a text export exceeds the limit of 8"
        );
    }
}
