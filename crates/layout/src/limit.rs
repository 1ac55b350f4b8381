//! The bounds on one document, named: every "too large" error of the
//! pipeline says which [`Limit`] it exceeded, so that a program can tell its
//! user how to raise it (the command line maps each to its flag) without
//! the libraries knowing about flags.
//!
//! Byte counts are written the way the command line takes them
//! ([`format_bytes`]): `16M`, `512K`, `1G`, or a plain number of bytes.

use std::fmt;

/// One bound of the pipeline. Each stage applies its own: the PDF reader
/// the PDF ones, the text reader the text ones, the JSON loader the JSON
/// one; the time limit is shared by every stage of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limit {
    /// Size of a PDF file.
    PdfBytes,
    /// Size of a Word document (its ZIP package).
    DocxBytes,
    /// Decompressed size of one part of a Word document.
    PartBytes,
    /// Size of a web page.
    HtmlBytes,
    /// Pages read from a PDF.
    Pages,
    /// Indirect objects in a PDF.
    Objects,
    /// Decompressed size of one PDF stream.
    StreamBytes,
    /// Content-stream operators (and shown glyphs) on one PDF page.
    OpsPerPage,
    /// Size of a text export.
    TextBytes,
    /// Bytes on one line of a text export.
    LineBytes,
    /// Words on one line of a text export.
    WordsPerLine,
    /// Size of a normalized JSON document.
    JsonBytes,
    /// Time spent on one document.
    Time,
}

impl Limit {
    /// What the limit bounds, for a person ("the size of a text export"),
    /// to be followed by "exceeds the limit of …".
    pub fn describe(self) -> &'static str {
        match self {
            Limit::PdfBytes => "the size of a PDF",
            Limit::DocxBytes => "the size of a Word document",
            Limit::PartBytes => "the decompressed size of one part of a Word document",
            Limit::HtmlBytes => "the size of a web page",
            Limit::Pages => "the number of pages of a PDF",
            Limit::Objects => "the number of objects in a PDF",
            Limit::StreamBytes => "the decompressed size of one PDF stream",
            Limit::OpsPerPage => {
                "the number of content-stream operators and glyphs on one PDF page"
            }
            Limit::TextBytes => "the size of a text export",
            Limit::LineBytes => "the length in bytes of one line of a text export",
            Limit::WordsPerLine => "the number of words on one line of a text export",
            Limit::JsonBytes => "the size of a JSON document",
            Limit::Time => "the time spent on one document",
        }
    }

    /// True when the limit counts bytes (written with [`format_bytes`]).
    pub fn counts_bytes(self) -> bool {
        matches!(
            self,
            Limit::PdfBytes
                | Limit::DocxBytes
                | Limit::PartBytes
                | Limit::HtmlBytes
                | Limit::StreamBytes
                | Limit::TextBytes
                | Limit::LineBytes
                | Limit::JsonBytes
        )
    }

    /// A value of this limit as written in messages: bytes with
    /// [`format_bytes`], counts as plain numbers.
    pub fn format(self, value: u64) -> String {
        if self.counts_bytes() {
            format_bytes(value)
        } else {
            value.to_string()
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// A byte count in the syntax the command line takes: the largest of `G`,
/// `M`, `K` (powers of 1024) that divides it, else the plain number.
pub fn format_bytes(bytes: u64) -> String {
    for (shift, suffix) in [(30, 'G'), (20, 'M'), (10, 'K')] {
        if bytes != 0 && bytes.trailing_zeros() >= shift {
            return format!("{}{suffix}", bytes >> shift);
        }
    }
    bytes.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_counts_in_the_command_line_syntax() {
        assert_eq!(format_bytes(16 << 20), "16M");
        assert_eq!(format_bytes(256 << 20), "256M");
        assert_eq!(format_bytes(1 << 30), "1G");
        assert_eq!(format_bytes(10 << 10), "10K");
        assert_eq!(format_bytes(1536 << 10), "1536K");
        assert_eq!(format_bytes(1000), "1000");
        assert_eq!(format_bytes(0), "0");
        assert_eq!(Limit::TextBytes.format(64 << 10), "64K");
        assert_eq!(Limit::Pages.format(1024), "1024");
    }
}
