//! `internbudget schema`: the JSON Schema of the normalized document.

use crate::output;
use anyhow::Result;
use std::path::PathBuf;

/// Arguments of `schema`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write the schema here instead of to stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// Runs `schema`.
pub fn run(args: &Args) -> Result<()> {
    let mut json = serde_json::to_vec_pretty(&internbudget_normalizer::schema_json())?;
    json.push(b'\n');
    output::write(args.output.as_deref(), &json)
}
