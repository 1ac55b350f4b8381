//! The typed errors of the PDF layer: every way reading can fail, each saying why.

use internbudget_layout::Limit;
use std::time::Duration;
use thiserror::Error;

/// Why a PDF could not be read.
///
/// A PDF that opens but carries no text (a scan without an OCR layer) is *not*
/// an error: [`crate::read_pdf`] returns a document whose pages have no words,
/// and callers report it with [`internbudget_layout::Document::has_no_text`].
/// A page whose content is partly broken is not an error either: the text that
/// could be read is kept and the rest of the page is skipped.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum PdfError {
    /// The file has no bytes (or only whitespace).
    #[error("the file is empty")]
    Empty,
    /// The file does not start like a PDF.
    #[error("not a PDF: no %PDF- header in the first 1024 bytes")]
    NotPdf,
    /// The file is a PDF but its structure cannot be read.
    #[error("the PDF is damaged: {reason}")]
    Damaged {
        /// What was found to be broken.
        reason: String,
    },
    /// The PDF is encrypted and needs a user password to open.
    #[error("the PDF is encrypted and needs a password to open")]
    Encrypted,
    /// The PDF is encrypted with a method this reader cannot decrypt.
    #[error("the PDF is encrypted with an unsupported method: {reason}")]
    UnsupportedEncryption {
        /// What the decryption code reported.
        reason: String,
    },
    /// A limit of [`crate::Limits`] was exceeded.
    #[error("{}{what} exceeds the limit of {}", page_prefix(*.page), .what.format(*.limit))]
    TooLarge {
        /// Which limit.
        what: Limit,
        /// The limit that was exceeded.
        limit: u64,
        /// The 1-based page on which it happened, for per-page limits.
        page: Option<u32>,
    },
    /// Reading went on past the document's deadline.
    #[error("{}reading took longer than the limit of {limit:?}", page_prefix(*.page))]
    Timeout {
        /// The time limit.
        limit: Duration,
        /// The 1-based page being read when time ran out.
        page: Option<u32>,
    },
    /// The underlying PDF parser failed unexpectedly on this input.
    #[error("internal error while reading the PDF: {reason}")]
    Internal {
        /// What failed.
        reason: String,
    },
}

fn page_prefix(page: Option<u32>) -> String {
    page.map(|p| format!("page {p}: ")).unwrap_or_default()
}

impl PdfError {
    /// The limit a [`PdfError::TooLarge`] or [`PdfError::Timeout`] exceeded.
    pub fn limit(&self) -> Option<Limit> {
        match self {
            PdfError::TooLarge { what, .. } => Some(*what),
            PdfError::Timeout { .. } => Some(Limit::Time),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_why() {
        let e = PdfError::TooLarge {
            what: Limit::OpsPerPage,
            limit: 10,
            page: Some(3),
        };
        assert_eq!(
            e.to_string(),
            "page 3: the number of content-stream operators and glyphs on one PDF page exceeds the limit of 10"
        );
        assert_eq!(e.limit(), Some(Limit::OpsPerPage));
        let e = PdfError::TooLarge {
            what: Limit::PdfBytes,
            limit: 64 << 10,
            page: None,
        };
        assert_eq!(e.to_string(), "the size of a PDF exceeds the limit of 64K");
        assert_eq!(
            PdfError::Encrypted.to_string(),
            "the PDF is encrypted and needs a password to open"
        );
    }
}
