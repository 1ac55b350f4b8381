//! `internbudget extract FILE [-o OUT.json]`: the normalized document.

use crate::output;
use anyhow::{Result, anyhow};
use std::path::PathBuf;

/// Arguments of `extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A PDF, text export, Word document or web page (the format is detected from the bytes).
    pub file: PathBuf,
    /// Write the JSON here (atomically) instead of to stdout.
    #[arg(short, long, value_name = "OUT.json")]
    pub output: Option<PathBuf>,
    /// Compact JSON on one line instead of pretty-printed.
    #[arg(long)]
    pub compact: bool,
    #[command(flatten)]
    pub limits: crate::limits::LimitsArgs,
}

/// Runs `extract`.
pub fn run(args: &Args) -> Result<()> {
    let bytes = super::read_input(&args.file)?;
    let name = args.file.to_string_lossy();
    let limits = args.limits.limits();
    let doc = crate::limits::watched(&args.file, &limits, || {
        internbudget_normalizer::extract_with(&name, &bytes, &limits)
            .map_err(|e| anyhow!("{}: {e}", args.file.display()))
    })?;
    let mut json = if args.compact {
        serde_json::to_vec(&doc)?
    } else {
        serde_json::to_vec_pretty(&doc)?
    };
    json.push(b'\n');
    output::write(args.output.as_deref(), &json)
}
