//! `internbudget schema`: the JSON Schema of the normalized document.

use crate::output;
use anyhow::Result;
use std::path::PathBuf;

/// Arguments of `schema`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Write the schema here (atomically) instead of to stdout.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

/// Runs `schema`.
pub(crate) fn run(args: &Args) -> Result<()> {
    output::write_json(
        args.output.as_deref(),
        &internbudget_normalizer::schema_json(),
        false,
    )
}
