//! `internbudget diff A B [C…] [--format json|csv|md|html] [-o OUT]`: compares
//! budgets year over year. Each input is a normalized JSON document (read
//! by the same rules as `validate`) or a source file (PDF, text export,
//! Word document, web page) extracted on the fly, within the same limits
//! and time limit as `extract`; `-` reads one of them from standard input.
//! Give them oldest first. Warnings of the diff (different committees, …)
//! are also printed on stderr; the output is written anyway. The report flags (`--lang`,
//! `--sort`, `--min-change`, `--changed-only`, `--table`, `--excel`) shape
//! the CSV, Markdown and HTML outputs; the JSON is always the whole diff.

use crate::input::inputs;
use crate::message::shown;
use crate::output;
use anyhow::{Result, anyhow};
use internbudget_diff::render::{Lang, MinChange, ReportOptions, SortOrder};
use internbudget_diff::{AliasTable, Options};
use internbudget_normalizer::{Accept, FileId, TableRole};
use std::path::PathBuf;

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
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
pub(crate) enum LangArg {
    /// Swedish.
    Sv,
    /// English.
    En,
}

/// Row orders of the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum SortArg {
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
pub(crate) struct Args {
    /// Two or more documents, oldest first: normalized JSON, PDF, text
    /// exports, Word documents or web pages; "-" reads one from standard
    /// input.
    #[arg(required = true, num_args = 2.., value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Output format [default: json; csv with --excel].
    #[arg(short, long, value_enum)]
    format: Option<Format>,
    /// Write here (atomically) instead of to stdout.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// More known renames, a CSV file like the built-in alias table
    /// (scope,label,alias,note).
    #[arg(long, value_name = "ALIASES.csv")]
    aliases: Option<PathBuf>,
    /// Least label similarity (0–1) for a fuzzy row or indicator match.
    #[arg(long, value_name = "SCORE", default_value_t = internbudget_diff::ROW_THRESHOLD)]
    threshold: f64,
    /// Compact JSON on one line.
    #[arg(long)]
    compact: bool,
    /// Language of the Markdown and HTML reports and of the --excel headers.
    #[arg(long, value_enum, default_value_t = LangArg::Sv, help_heading = "Reports")]
    lang: LangArg,
    /// Order of each table's line items (change rows stay under theirs).
    #[arg(long, value_enum, default_value_t = SortArg::Source, help_heading = "Reports")]
    sort: SortArg,
    /// Leave out line items and change rows whose change is smaller: an
    /// amount in the table's unit ("500") or a per cent ("5%").
    #[arg(long, value_name = "AMOUNT|PCT%", help_heading = "Reports")]
    min_change: Option<MinChange>,
    /// Only rows that changed (a value, a label; added, removed or moved).
    #[arg(long, help_heading = "Reports")]
    changed_only: bool,
    /// Only tables of this role (operating_summary, investments, …).
    #[arg(long, value_name = "ROLE", value_parser = parse_role, help_heading = "Reports")]
    table: Option<TableRole>,
    /// CSV for spreadsheets: ';'-separated, decimal comma, UTF-8 with BOM,
    /// one line per row and year (instead of daff's format).
    #[arg(long, help_heading = "Reports")]
    excel: bool,
    #[command(flatten)]
    limits: crate::limits::LimitsArgs,
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

/// Largest alias table read.
const MAX_ALIAS_BYTES: u64 = 4 << 20;

fn aliases(args: &Args) -> Result<AliasTable> {
    let mut aliases = AliasTable::builtin();
    if let Some(path) = &args.aliases {
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| {
                std::io::Read::read_to_end(
                    &mut std::io::Read::take(f, MAX_ALIAS_BYTES + 1),
                    &mut bytes,
                )
            })
            .map_err(|e| anyhow!("{}: cannot read it: {e}", shown(path)))?;
        if bytes.len() as u64 > MAX_ALIAS_BYTES {
            return Err(anyhow!("{}: an alias table of more than 4M", shown(path)));
        }
        let text =
            String::from_utf8(bytes).map_err(|_| anyhow!("{}: not UTF-8 text", shown(path)))?;
        aliases
            .extend_from_csv(&text)
            .map_err(|e| anyhow!("{}: {e}", shown(path)))?;
    }
    Ok(aliases)
}

/// Runs `diff`.
pub(crate) fn run(args: &Args) -> Result<()> {
    if !(0.0..=1.0).contains(&args.threshold) {
        return Err(crate::usage(format!(
            "--threshold must be between 0 and 1, not {}",
            args.threshold
        )));
    }
    let format = match (args.format, args.excel) {
        (None, false) => Format::Json,
        (None | Some(Format::Csv), true) => Format::Csv,
        (Some(f), true) => {
            return Err(crate::usage(format!(
                "--excel writes CSV; it cannot be combined with --format {}",
                format!("{f:?}").to_lowercase()
            )));
        }
        (Some(f), false) => f,
    };
    let files = inputs(&args.files)?;
    let mut ids: Vec<Option<FileId>> = files.iter().map(|f| f.file_id()).collect();
    ids.extend(args.aliases.as_deref().map(FileId::of));
    output::refuse_inputs(args.output.as_deref(), &ids)?;
    let opts = Options {
        aliases: aliases(args)?,
        row_threshold: args.threshold,
        indicator_threshold: args.threshold,
    };
    let limits = args.limits.limits();
    let mut docs = Vec::with_capacity(files.len());
    for f in &files {
        let name = f.name();
        let doc = crate::limits::watched(&name, &limits, || {
            let input = f.read(Accept::Any, &limits)?;
            internbudget_diff::load(&f.source_name(), &input.bytes, &limits).map_err(|e| {
                let flag = e.limit().map(crate::limits::flag_hint).unwrap_or_default();
                anyhow!("{name}: {e}{flag}")
            })
        })?;
        docs.push(doc);
    }
    let refs: Vec<&_> = docs.iter().collect();
    let diff = internbudget_diff::diff_all(&refs, &opts)?;
    for w in &diff.warnings {
        eprintln!(
            "internbudget: warning: {}",
            crate::message::line(&w.message)
        );
    }
    let report = args.report_options();
    let bytes = match format {
        Format::Json => return output::write_json(args.output.as_deref(), &diff, args.compact),
        Format::Csv if args.excel => internbudget_diff::render::excel(&diff, &report),
        Format::Csv => internbudget_diff::render::csv(&diff, &report).into_bytes(),
        Format::Md => internbudget_diff::render::markdown(&diff, &report).into_bytes(),
        Format::Html => internbudget_diff::render::html(&diff, &report).into_bytes(),
    };
    output::write(args.output.as_deref(), &bytes)
}
