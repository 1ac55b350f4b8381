//! Resource limits for reading untrusted PDFs, and the clock that enforces
//! the document's time limit (a [`Deadline`] the caller starts: the time
//! limit belongs to the whole pipeline of a document, not to this stage).

use crate::PdfError;
use internbudget_layout::Deadline;
#[cfg(test)]
use std::time::Duration;

/// Bounds on the work and memory spent on one PDF. Every limit, when
/// exceeded, makes [`crate::read_pdf`] fail with [`PdfError::TooLarge`]
/// (naming the [`Limit`](internbudget_layout::Limit)), except
/// `max_xobject_depth` and `max_nesting_depth`, beyond which the deeper
/// content is skipped. The time limit is the caller's
/// [`Deadline`] ([`crate::read_pdf_until`]).
///
/// The defaults are generous for real budget documents (hundreds of pages,
/// tens of MB) and keep a hostile file to roughly a few hundred MB of memory
/// and a bounded time. Two bounds are only approximate: lopdf loads the
/// whole file before any limit but `max_file_bytes` can be checked (its own
/// parsing is linear in the file size, and each object stream it inflates is
/// held to `max_stream_bytes`), and the time limit is checked between pages,
/// after each font is loaded and every 65 536 operators, not inside lopdf.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Largest accepted file, in bytes. Default 256 MiB.
    pub max_file_bytes: u64,
    /// Most pages read. Default 10 000.
    pub max_pages: u32,
    /// Most indirect objects in the file. Default 5 000 000.
    pub max_objects: usize,
    /// Largest decompressed size of one stream (page content, form, font
    /// data, object stream), in bytes. Default 64 MiB.
    pub max_stream_bytes: usize,
    /// Most content-stream operators interpreted on one page, forms and
    /// annotation appearances included; every shown glyph counts as one
    /// more (a single `Tj` can show millions). Default 2 000 000.
    pub max_ops_per_page: usize,
    /// Deepest nesting of form XObjects; deeper forms are skipped. Default 16.
    pub max_xobject_depth: u32,
    /// Deepest nesting of arrays and dictionaries in content streams and
    /// CMaps; deeper parts are skipped. Default 64. (Objects in the file
    /// itself are limited to 100 levels by lopdf.)
    pub max_nesting_depth: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 256 * 1024 * 1024,
            max_pages: 10_000,
            max_objects: 5_000_000,
            max_stream_bytes: 64 * 1024 * 1024,
            max_ops_per_page: 2_000_000,
            max_xobject_depth: 16,
            max_nesting_depth: 64,
        }
    }
}

/// The clock of one document read: the document's [`Deadline`], checked
/// with the page being read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    deadline: Deadline,
}

impl Budget {
    /// Starts a clock of its own.
    #[cfg(test)]
    pub fn start(limit: Duration) -> Self {
        Budget::until(Deadline::after(limit))
    }

    /// Runs against an already started deadline.
    pub fn until(deadline: Deadline) -> Self {
        Budget { deadline }
    }

    /// Fails with [`PdfError::Timeout`] once the time limit has passed.
    pub fn check(&self, page: Option<u32>) -> Result<(), PdfError> {
        if self.deadline.passed() {
            Err(PdfError::Timeout {
                limit: self.deadline.limit(),
                page,
            })
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_times_out() {
        let b = Budget::start(Duration::ZERO);
        std::thread::sleep(Duration::from_millis(2));
        assert!(matches!(
            b.check(Some(2)),
            Err(PdfError::Timeout { page: Some(2), .. })
        ));
        let b = Budget::start(Duration::from_secs(60));
        assert!(b.check(None).is_ok());
    }
}
