//! The PDF text layer of internbudget: reads a PDF into the shared text model
//! ([`internbudget_layout::Document`]) of positioned words, lines and
//! rulings, one page at a time, on top of `lopdf` (parsing, decryption of
//! files with an empty user password, decompression).
//!
//! ```no_run
//! let bytes = std::fs::read("budget.pdf")?;
//! let doc = internbudget_pdf::read_pdf(&bytes, &internbudget_pdf::Limits::default())?;
//! if doc.has_no_text() {
//!     eprintln!("no text layer (a scan?)");
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! What comes out, per page:
//! * coordinates in points with the origin at the top-left corner of the
//!   crop box as displayed after `/Rotate`, y growing down; a page whose
//!   text mostly runs sideways (a landscape table on a portrait page) is
//!   turned further so that its text reads left to right, as pdftotext reads
//!   it, and `width`/`height` are those of the turned page;
//! * words split the way `pdftotext -layout` splits them (white-space
//!   glyphs, gaps over 0.1 × font size, touching words joined, fake-bold
//!   duplicates dropped), NFC-normalised, with their font size after all
//!   matrices and the width of a space in their font; text in `/ActualText`
//!   spans and in annotation appearances (form fields, stamps) is included,
//!   and so is invisible text (render mode 3, the OCR layer of scans);
//! * lines from [`internbudget_layout::lines_from_words`] for left-to-right
//!   text; words in other directions form lines of their own;
//! * rulings: stroked horizontal and vertical lines and thin filled
//!   rectangles (table borders).
//!
//! The reader is built for untrusted input: it never panics on any input,
//! bounds memory and time by [`Limits`], and fails with a typed [`PdfError`]
//! saying why. A damaged page keeps the text that could be read.
//!
//! Modules: `reader` (document, pages, metadata), `lexer` (tolerant
//! content-stream tokenizer), `interp` (graphics and text state machine),
//! `font` (widths, codes, text), `cmap` (CMaps), `encoding` (base encodings
//! and glyph names), `metrics` (standard-14 widths), `tables` (generated
//! encoding and metrics tables), `words` (glyphs → words → lines), `geom`
//! (matrices), `objects` (lopdf helpers), `limits`, `error`.

mod cmap;
mod encoding;
mod error;
mod font;
mod geom;
mod interp;
mod lexer;
mod limits;
mod metrics;
mod objects;
mod reader;
#[rustfmt::skip]
mod tables;
mod words;

pub use error::PdfError;
pub use internbudget_layout::{Deadline, Limit};
pub use limits::Limits;
pub use reader::is_pdf;

/// Stack size of the thread a document is read on: lopdf's parser recurses
/// on nested objects (up to 100 levels) and forms recurse up to
/// `Limits::max_xobject_depth`; a generous, lazily committed stack keeps
/// both far from overflowing whatever thread the caller runs on.
const READER_STACK_BYTES: usize = 64 << 20;

/// Reads a PDF into positioned words, lines and rulings.
///
/// A PDF without a text layer (a scan) is `Ok` with pages that have no
/// words (see [`internbudget_layout::Document::has_no_text`]). Errors:
/// [`PdfError::Empty`], [`PdfError::NotPdf`], [`PdfError::Damaged`],
/// [`PdfError::Encrypted`] (needs a password),
/// [`PdfError::UnsupportedEncryption`], [`PdfError::TooLarge`] (names the
/// limit, and the page for per-page limits), [`PdfError::Timeout`], and
/// [`PdfError::Internal`] should the underlying parser fail unexpectedly.
///
/// The work runs on a scoped helper thread with a large stack, which also
/// contains any unexpected panic of the parser. There is no time limit:
/// see [`read_pdf_until`] for one.
pub fn read_pdf(bytes: &[u8], limits: &Limits) -> Result<internbudget_layout::Document, PdfError> {
    read_pdf_until(bytes, limits, Deadline::never())
}

/// [`read_pdf`] against the document's deadline: the reader checks it
/// between pages, after each font and every 65 536 operators, and fails
/// with [`PdfError::Timeout`] once it has passed.
pub fn read_pdf_until(
    bytes: &[u8],
    limits: &Limits,
    deadline: Deadline,
) -> Result<internbudget_layout::Document, PdfError> {
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("internbudget-pdf".into())
            .stack_size(READER_STACK_BYTES)
            .spawn_scoped(scope, || reader::read(bytes, limits, deadline));
        match spawned {
            Ok(handle) => handle.join().unwrap_or_else(|panic| {
                let reason = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "the PDF parser panicked".into());
                Err(PdfError::Internal { reason })
            }),
            // No thread could be started: read on this one.
            Err(_) => reader::read(bytes, limits, deadline),
        }
    })
}
