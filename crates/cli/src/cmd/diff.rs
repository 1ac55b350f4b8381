//! `internbudget diff A B [C…] [--format json|csv|md|html] [-o OUT]`: compares
//! budgets year over year. Each input is a normalized JSON document or a
//! source file (PDF, text export) extracted on the fly; give them oldest
//! first. Warnings of the diff (different committees, …) are also printed
//! on stderr; the output is written anyway. The report flags (`--lang`,
//! `--sort`, `--min-change`, `--changed-only`, `--table`, `--excel`) shape
//! the CSV, Markdown and HTML outputs; the JSON is always the whole diff.

use crate::output;
use anyhow::{Result, anyhow};
use internbudget_diff::render::{Lang, MinChange, ReportOptions, SortOrder};
use internbudget_diff::{AliasTable, Options};
use internbudget_normalizer::TableRole;
use std::path::PathBuf;

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The diff as JSON (schema internbudget-diff.v1).
    Json,
    /// The amount tables in daff's highlighter CSV format (with --excel: a
    /// CSV for spreadsheets).
    Csv,
    /// A Markdown report.
    Md,
    /// One self-contained HTML report with charts, printable on A4.
    Html,
}

/// Languages of the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    /// Swedish.
    Sv,
    /// English.
    En,
}

/// Row orders of the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SortArg {
    /// As printed in the later document.
    Source,
    /// Largest change in amount first.
    Change,
    /// Largest relative change first.
    Percent,
    /// By label.
    Label,
}

/// Arguments of `diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Two or more documents, oldest first: normalized JSON, PDF or text exports.
    #[arg(required = true, num_args = 2.., value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format [default: json; csv with --excel].
    #[arg(short, long, value_enum)]
    pub format: Option<Format>,
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
    /// Language of the Markdown and HTML reports and of the --excel headers.
    #[arg(long, value_enum, default_value_t = LangArg::Sv, help_heading = "Reports")]
    pub lang: LangArg,
    /// Order of each table's line items (change rows stay under theirs).
    #[arg(long, value_enum, default_value_t = SortArg::Source, help_heading = "Reports")]
    pub sort: SortArg,
    /// Leave out line items and change rows whose change is smaller: an
    /// amount in the table's unit ("500") or a per cent ("5%").
    #[arg(long, value_name = "AMOUNT|PCT%", help_heading = "Reports")]
    pub min_change: Option<MinChange>,
    /// Only rows that changed (a value, a label; added, removed or moved).
    #[arg(long, help_heading = "Reports")]
    pub changed_only: bool,
    /// Only tables of this role (operating_summary, investments, …).
    #[arg(long, value_name = "ROLE", value_parser = parse_role, help_heading = "Reports")]
    pub table: Option<TableRole>,
    /// CSV for spreadsheets: ';'-separated, decimal comma, UTF-8 with BOM,
    /// one line per row and year (instead of daff's format).
    #[arg(long, help_heading = "Reports")]
    pub excel: bool,
}

/// A table role by its name in the document schema ("operating_summary";
/// a hyphen is read as an underscore).
fn parse_role(s: &str) -> Result<TableRole, String> {
    let name = s.trim().to_lowercase().replace('-', "_");
    serde_json::from_value(serde_json::Value::String(name))
        .map_err(|_| format!("not a table role: {s:?} (operating_summary, investments, …)"))
}

impl Args {
    fn report_options(&self) -> ReportOptions {
        ReportOptions {
            lang: match self.lang {
                LangArg::Sv => Lang::Sv,
                LangArg::En => Lang::En,
            },
            sort: match self.sort {
                SortArg::Source => SortOrder::Source,
                SortArg::Change => SortOrder::Change,
                SortArg::Percent => SortOrder::Percent,
                SortArg::Label => SortOrder::Label,
            },
            min_change: self.min_change,
            changed_only: self.changed_only,
            table: self.table,
        }
    }
}

/// Runs `diff`.
pub fn run(args: &Args) -> Result<()> {
    if !(0.0..=1.0).contains(&args.threshold) {
        return Err(anyhow!(
            "--threshold must be between 0 and 1, not {}",
            args.threshold
        ));
    }
    let format = match (args.format, args.excel) {
        (None, false) => Format::Json,
        (None | Some(Format::Csv), true) => Format::Csv,
        (Some(f), true) => {
            return Err(anyhow!(
                "--excel writes CSV; it cannot be combined with --format {}",
                format!("{f:?}").to_lowercase()
            ));
        }
        (Some(f), false) => f,
    };
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
    let report = args.report_options();
    let bytes = match format {
        Format::Json => {
            let mut v = if args.compact {
                serde_json::to_vec(&diff)?
            } else {
                serde_json::to_vec_pretty(&diff)?
            };
            v.push(b'\n');
            v
        }
        Format::Csv if args.excel => internbudget_diff::render::excel(&diff, &report),
        Format::Csv => internbudget_diff::render::csv(&diff, &report).into_bytes(),
        Format::Md => internbudget_diff::render::markdown(&diff, &report).into_bytes(),
        Format::Html => internbudget_diff::render::html(&diff, &report).into_bytes(),
    };
    output::write(args.output.as_deref(), &bytes)
}
