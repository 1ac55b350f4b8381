//! `internbudget extract FILE [-o OUT.json]`: the normalized document of a
//! PDF or text export (`-` reads standard input). Given a normalized
//! document instead, it says so — or, with `--revalidate`, checks it by the
//! rules `validate` applies and passes it through.

use crate::input::InputArg;
use crate::output;
use anyhow::{Result, anyhow};
use internbudget_normalizer::{Accept, InputKind};
use std::path::PathBuf;

/// Arguments of `extract`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// A PDF, text export, Word document or web page (the format is
    /// detected from the bytes); "-" reads standard input.
    file: PathBuf,
    /// Write the JSON here (atomically) instead of to stdout.
    #[arg(short, long, value_name = "OUT.json")]
    output: Option<PathBuf>,
    /// Compact JSON on one line instead of pretty-printed.
    #[arg(long)]
    compact: bool,
    /// Given a normalized document (JSON), check it and write it out again
    /// instead of refusing it.
    #[arg(long)]
    revalidate: bool,
    #[command(flatten)]
    limits: crate::limits::LimitsArgs,
}

/// Runs `extract`.
pub(crate) fn run(args: &Args) -> Result<()> {
    let input = InputArg::new(&args.file);
    output::refuse_inputs(args.output.as_deref(), &[input.file_id()])?;
    let limits = args.limits.limits();
    let name = input.name();
    let doc = crate::limits::watched(&name, &limits, || {
        let read = input.read(Accept::Any, &limits)?;
        match read.kind {
            InputKind::Json if args.revalidate => {
                internbudget_normalizer::read_document_json(&read.bytes, &limits).map_err(|e| {
                    let flag = e.limit().map(crate::limits::flag_hint).unwrap_or_default();
                    anyhow!("{name}: {e}{flag}")
                })
            }
            InputKind::Json => Err(anyhow!(
                "{name}: this is a normalized internbudget document (JSON) already, not a source document; `internbudget validate` checks it, `extract --revalidate` passes it through"
            )),
            InputKind::Source(_) => {
                internbudget_normalizer::extract_with(&input.source_name(), &read.bytes, &limits)
                    .map_err(|e| super::extract_error(&name, &e))
            }
        }
    })?;
    output::write_json(args.output.as_deref(), &doc, args.compact)
}
