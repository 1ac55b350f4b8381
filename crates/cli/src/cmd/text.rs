//! `internbudget text FILE`: the text of a PDF, text export, Word document
//! or web page, page by page (pages separated by form feeds), one line per
//! visual line — what the parser sees. `-` reads standard input.

use crate::input::InputArg;
use crate::output;
use anyhow::{Result, anyhow};
use internbudget_layout::Deadline;
use internbudget_normalizer::Accept;
use std::path::PathBuf;

/// Arguments of `text`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// A PDF, text export, Word document or web page; "-" reads standard
    /// input.
    file: PathBuf,
    #[command(flatten)]
    limits: crate::limits::LimitsArgs,
}

/// Runs `text`.
pub(crate) fn run(args: &Args) -> Result<()> {
    let input = InputArg::new(&args.file);
    let limits = args.limits.limits();
    let name = input.name();
    let doc = crate::limits::watched(&name, &limits, || {
        let deadline = Deadline::after(limits.max_time_per_document);
        let read = input.read(Accept::Any, &limits)?;
        let (_, doc) =
            internbudget_parser::source::read_until(&read.bytes, &limits.source, deadline)
                .map_err(|e| {
                    let flag = e.limit().map(crate::limits::flag_hint).unwrap_or_default();
                    anyhow!("{name}: {e}{flag}")
                })?;
        Ok(doc)
    })?;
    if doc.kind == internbudget_layout::SourceKind::Pdf && doc.has_no_text() {
        return Err(anyhow!(
            "{name}: the PDF has no text layer (a scanned document?)"
        ));
    }
    output::write(None, internbudget_layout::render_text(&doc).as_bytes())
}
