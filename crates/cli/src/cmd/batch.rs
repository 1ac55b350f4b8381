//! `internbudget batch INPUT... -o OUTDIR`: converts whole archives in
//! parallel with `internbudget-batch`, showing progress on stderr (an
//! indicatif bar on a terminal, one plain line per input otherwise, nothing
//! with `--quiet`).
//!
//! Exit codes: 0 when every input was converted (or skipped as unchanged),
//! 1 when at least one input failed (every other input is still converted;
//! the failures are in `OUTDIR/manifest.json` and `OUTDIR/errors.txt`), 2
//! when the run itself could not be done (bad arguments, an input path that
//! does not exist, an unusable or locked output directory, a manifest or
//! aggregate file that cannot be written).

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use internbudget_batch::{Config, Entry, Format, Observer, Output, Progress, Status};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Output formats of `batch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// One JSON document per input: OUTDIR/<relative path>.json.
    Json,
    /// One document per line: OUTDIR/documents.jsonl, or stdout with `-o -`.
    Jsonl,
    /// Tidy CSV (documents, amounts, indicators) with a Frictionless
    /// datapackage.json, plus the JSON documents.
    Csv,
}

/// Arguments of `batch`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, directories (walked recursively, hidden entries skipped) or
    /// "-" for a list of paths on stdin, one per line.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The output directory (created when missing), or "-" for JSON Lines on stdout.
    #[arg(short, long, value_name = "OUTDIR")]
    pub output: PathBuf,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = FormatArg::Json)]
    pub format: FormatArg,
    /// Worker threads (default: one per core).
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Convert every input, even those unchanged since the last run.
    #[arg(long)]
    pub force: bool,
    /// No progress and no summary on stderr (errors of the run itself still show).
    #[arg(short, long)]
    pub quiet: bool,
    /// Output paths are relative to this directory (default: the deepest
    /// directory holding every input).
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// In directories, take only files with this extension (repeatable, e.g. `--ext pdf --ext txt`).
    #[arg(long = "ext", value_name = "EXT")]
    pub extensions: Vec<String>,
    /// Paths on stdin are separated by NUL bytes (as `find -print0` writes them).
    #[arg(short = '0', long)]
    pub null: bool,
    /// Compact JSON documents instead of pretty-printed ones.
    #[arg(long)]
    pub compact: bool,
    /// Sync every output to disk before moving it into place (survives power loss, slower).
    #[arg(long)]
    pub sync: bool,
    /// Inputs larger than this many bytes fail as too_large without being read.
    #[arg(long, value_name = "BYTES", default_value_t = internbudget_batch::DEFAULT_MAX_FILE_BYTES)]
    pub max_file_size: u64,
    /// With `-o -`: also write the manifest to this file.
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    /// With `--format csv`: the license of the data in datapackage.json, an
    /// SPDX id (CC0-1.0, CC-BY-4.0, …) or a URL (default: none stated, with
    /// a warning).
    #[arg(long, value_name = "LICENSE")]
    pub license: Option<String>,
    /// With `--format csv`: who publishes the data, for datapackage.json.
    #[arg(long, value_name = "NAME")]
    pub publisher: Option<String>,
    #[command(flatten)]
    pub limits: crate::limits::LimitsArgs,
}

/// How progress is shown.
enum Reporter {
    Quiet,
    Lines { width: usize },
    Bar(ProgressBar),
}

impl Reporter {
    fn new(quiet: bool) -> Reporter {
        if quiet {
            Reporter::Quiet
        } else if std::io::stderr().is_terminal() {
            Reporter::Bar(ProgressBar::hidden())
        } else {
            Reporter::Lines { width: 1 }
        }
    }

    fn finish(&self) {
        if let Reporter::Bar(pb) = self {
            pb.finish_and_clear();
        }
    }
}

fn describe(e: &Entry) -> String {
    match (&e.status, &e.error) {
        (Status::Failed, Some(err)) => {
            format!("failed  {}: {}: {}", e.path, err.kind.code(), err.message)
        }
        (Status::Failed, None) => format!("failed  {}", e.path),
        (Status::Ok, _) => format!(
            "ok      {} ({} warnings)",
            e.path,
            e.warnings.unwrap_or_default()
        ),
        (Status::Skipped, _) => format!("skipped {} (unchanged)", e.path),
    }
}

impl Observer for Reporter {
    fn started(&mut self, total: usize, _jobs: usize) {
        match self {
            Reporter::Quiet => {}
            Reporter::Lines { width } => *width = total.to_string().len(),
            Reporter::Bar(pb) => {
                let style = ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} files · {rate} · ETA {eta} · {msg}",
                )
                .map(|s| {
                    s.with_key(
                        "rate",
                        |st: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                            let _ = write!(w, "{:.1} files/s", st.per_sec());
                        },
                    )
                })
                .unwrap_or_else(|_| ProgressStyle::default_bar());
                pb.set_style(style);
                pb.set_length(total as u64);
                pb.set_message("0 failed");
                pb.set_draw_target(ProgressDrawTarget::stderr());
                // Keeps the spinner, elapsed time and ETA moving while a
                // long file is read.
                pb.enable_steady_tick(Duration::from_millis(200));
            }
        }
    }

    fn finished(&mut self, entry: &Entry, p: Progress) {
        match self {
            Reporter::Quiet => {}
            Reporter::Lines { width } => {
                eprintln!(
                    "internbudget: [{:>w$}/{}] {}",
                    p.done,
                    p.total,
                    describe(entry),
                    w = *width
                );
            }
            Reporter::Bar(pb) => {
                if entry.status == Status::Failed {
                    pb.println(describe(entry));
                    pb.set_message(format!("{} failed", p.failed));
                }
                pb.set_position(p.done as u64);
            }
        }
    }
}

/// The inputs with "-" replaced by the paths read from stdin.
fn expand_stdin(args: &Args) -> Result<Vec<PathBuf>> {
    let mut out = Vec::with_capacity(args.inputs.len());
    let mut read = false;
    for p in &args.inputs {
        if p.as_os_str() != "-" {
            out.push(p.clone());
            continue;
        }
        if std::mem::replace(&mut read, true) {
            continue;
        }
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .context("cannot read the list of paths from stdin")?;
        let sep = if args.null { b'\0' } else { b'\n' };
        for item in buf.split(|b| *b == sep) {
            let item = if args.null {
                item
            } else {
                item.strip_suffix(b"\r").unwrap_or(item)
            };
            if item.is_empty() {
                continue;
            }
            out.push(path_from_bytes(item)?);
        }
    }
    Ok(out)
}

#[cfg(unix)]
fn path_from_bytes(b: &[u8]) -> Result<PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    Ok(PathBuf::from(std::ffi::OsStr::from_bytes(b)))
}

#[cfg(not(unix))]
fn path_from_bytes(b: &[u8]) -> Result<PathBuf> {
    Ok(PathBuf::from(
        std::str::from_utf8(b).context("a path on stdin is not UTF-8")?,
    ))
}

fn config(args: &Args, inputs: Vec<PathBuf>) -> Config {
    let output = if args.output.as_os_str() == "-" {
        Output::Stream
    } else {
        Output::Dir(args.output.clone())
    };
    let mut c = Config::new(inputs, output);
    c.format = match args.format {
        FormatArg::Json => Format::Json,
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Csv => Format::Csv,
    };
    c.jobs = args.jobs.map(usize::from);
    c.force = args.force;
    c.root = args.root.clone();
    c.extensions = args.extensions.clone();
    c.compact = args.compact;
    c.sync = args.sync;
    c.max_file_bytes = args.max_file_size;
    c.manifest = args.manifest.clone();
    c.tool_version = env!("CARGO_PKG_VERSION").to_string();
    c.export = internbudget_batch::export::Options {
        license: args.license.clone(),
        publisher: args.publisher.clone(),
    };
    c
}

/// Runs `batch`; returns the exit code (see the module docs).
pub fn run(args: &Args) -> ExitCode {
    match run_inner(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("internbudget: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run_inner(args: &Args) -> Result<ExitCode> {
    let inputs = expand_stdin(args)?;
    let cfg = config(args, inputs);
    internbudget_batch::quiet_worker_panics();
    let mut reporter = Reporter::new(args.quiet);
    let t0 = Instant::now();
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    let stream: Option<&mut dyn Write> = match cfg.output {
        Output::Stream => Some(&mut lock),
        Output::Dir(_) => None,
    };
    let limits = args.limits.limits();
    let extract =
        |name: &str, bytes: &[u8]| internbudget_normalizer::extract_with(name, bytes, &limits);
    let result = internbudget_batch::run_with(&cfg, stream, &mut reporter, &extract);
    reporter.finish();
    let summary = result?;
    let c = summary.manifest.counts;
    if !args.quiet {
        let secs = t0.elapsed().as_secs_f64().max(1e-9);
        let bytes: u64 = summary.manifest.inputs.iter().filter_map(|e| e.bytes).sum();
        let mut line = format!(
            "internbudget: {} converted, {} unchanged, {} failed of {} in {:.1} s ({:.1} files/s, {:.1} MB/s)",
            c.ok,
            c.skipped,
            c.failed,
            c.total,
            secs,
            c.total as f64 / secs,
            bytes as f64 / 1e6 / secs
        );
        if let Some(p) = &summary.manifest_path {
            line.push_str(&format!("; manifest {}", p.display()));
        }
        if c.failed > 0
            && let Some(p) = &summary.errors_path
        {
            line.push_str(&format!("; errors {}", p.display()));
        }
        eprintln!("{line}");
        if let Some(x) = &summary.manifest.export {
            eprintln!(
                "internbudget: open data: {} budgets from {} sources ({} duplicates, {} disagreeing), {} rows left out",
                x.budgets, x.sources, x.duplicates, x.duplicates_disagreeing, x.rows_left_out
            );
            for w in &x.warnings {
                eprintln!("internbudget: warning: {w}");
            }
        }
    }
    Ok(if c.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
