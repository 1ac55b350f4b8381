//! `internbudget diff A B [C…] [--format json|csv|md|html] [-o OUT]`: compares
//! budgets year over year. Each input is a normalized JSON document or a
//! source file (PDF, text export, DOCX, HTML) extracted on the fly; give them oldest
//! first. Warnings of the diff (different committees, …) are also printed
//! on stderr; the output is written anyway.

use crate::output;
use anyhow::{Result, anyhow};
use internbudget_diff::{AliasTable, Options};
use std::path::PathBuf;

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The diff as JSON (schema internbudget-diff.v1).
    Json,
    /// The amount tables in daff's highlighter CSV format.
    Csv,
    /// A Markdown report.
    Md,
    /// One self-contained HTML report with a chart.
    Html,
}

/// Arguments of `diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Two or more documents, oldest first: normalized JSON, PDF, text exports, DOCX or HTML.
    #[arg(required = true, num_args = 2.., value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Write here (atomically) instead of to stdout.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// More known renames, a CSV file like the built-in alias table
    /// (scope,label,alias,note).
    #[arg(long, value_name = "ALIASES.csv")]
    pub aliases: Option<PathBuf>,
    /// Least label similarity (0–1) for a fuzzy row or indicator match.
    #[arg(long, value_name = "SCORE", default_value_t = internbudget_diff::ROW_THRESHOLD)]
    pub threshold: f64,
    /// Compact JSON on one line.
    #[arg(long)]
    pub compact: bool,
}

/// Runs `diff`.
pub fn run(args: &Args) -> Result<()> {
    if !(0.0..=1.0).contains(&args.threshold) {
        return Err(anyhow!(
            "--threshold must be between 0 and 1, not {}",
            args.threshold
        ));
    }
    let mut aliases = AliasTable::builtin();
    if let Some(path) = &args.aliases {
        let bytes = super::read_input(path)?;
        let text =
            String::from_utf8(bytes).map_err(|_| anyhow!("{}: not UTF-8 text", path.display()))?;
        aliases
            .extend_from_csv(&text)
            .map_err(|e| anyhow!("{}: {e}", path.display()))?;
    }
    let opts = Options {
        aliases,
        row_threshold: args.threshold,
        indicator_threshold: args.threshold,
    };
    let mut docs = Vec::with_capacity(args.files.len());
    for f in &args.files {
        let bytes = super::read_input(f)?;
        let doc = internbudget_diff::load(&f.to_string_lossy(), &bytes)
            .map_err(|e| anyhow!("{}: {e}", f.display()))?;
        docs.push(doc);
    }
    let refs: Vec<&_> = docs.iter().collect();
    let diff = internbudget_diff::diff_all(&refs, &opts)?;
    for w in &diff.warnings {
        eprintln!("internbudget: warning: {}", w.message);
    }
    let bytes = match args.format {
        Format::Json => {
            let mut v = if args.compact {
                serde_json::to_vec(&diff)?
            } else {
                serde_json::to_vec_pretty(&diff)?
            };
            v.push(b'\n');
            v
        }
        Format::Csv => internbudget_diff::render::csv(&diff).into_bytes(),
        Format::Md => internbudget_diff::render::markdown(&diff).into_bytes(),
        Format::Html => internbudget_diff::render::html(&diff).into_bytes(),
    };
    output::write(args.output.as_deref(), &bytes)
}
