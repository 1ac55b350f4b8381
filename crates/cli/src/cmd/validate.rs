//! `internbudget validate FILE.json…`: checks documents against the schema.

use anyhow::{Result, anyhow, bail};
use std::path::{Path, PathBuf};

/// Arguments of `validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Normalized documents (JSON).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Runs `validate`: one line per file, non-zero exit if any is invalid.
pub fn run(args: &Args) -> Result<()> {
    let mut bad = 0usize;
    for f in &args.files {
        match check(f) {
            Ok(()) => println!("{}: valid", f.display()),
            Err(e) => {
                eprintln!("internbudget: {e}");
                bad += 1;
            }
        }
    }
    if bad > 0 {
        bail!(
            "{bad} of {} file(s) are not valid internbudget documents",
            args.files.len()
        );
    }
    Ok(())
}

fn check(path: &Path) -> Result<()> {
    let bytes = super::read_input(path)?;
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| anyhow!("{}: not JSON: {e}", path.display()))?;
    internbudget_normalizer::validate(&value).map_err(|e| anyhow!("{}: {e}", path.display()))
}
