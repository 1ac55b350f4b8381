//! `internbudget text FILE`: the text of a PDF, text export, DOCX or HTML
//! file, page by page (pages separated by form feeds), one line per visual
//! line — what the parser sees.

use crate::output;
use anyhow::{Result, anyhow};
use std::path::PathBuf;

/// Arguments of `text`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A PDF, text export, Word document or web page.
    pub file: PathBuf,
    #[command(flatten)]
    pub limits: crate::limits::LimitsArgs,
}

/// Runs `text`.
pub fn run(args: &Args) -> Result<()> {
    let bytes = super::read_input(&args.file)?;
    let limits = args.limits.limits();
    let (_, doc) = crate::limits::watched(&args.file, &limits, || {
        internbudget_parser::source::read_with(&bytes, &limits)
            .map_err(|e| anyhow!("{}: {e}", args.file.display()))
    })?;
    if doc.kind == internbudget_layout::SourceKind::Pdf && doc.has_no_text() {
        return Err(anyhow!(
            "{}: the PDF has no text layer (a scanned document?)",
            args.file.display()
        ));
    }
    output::write(None, internbudget_layout::render_text(&doc).as_bytes())
}
