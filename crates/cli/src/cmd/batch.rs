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

use crate::limits::ByteSize;
use crate::message::{count, line, shown};
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use internbudget_batch::{Config, Entry, Format, Observer, Output, Progress, Select, Status};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Output formats of `batch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum FormatArg {
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
pub(crate) struct Args {
    /// Files, directories (walked recursively, hidden entries skipped; only
    /// files of a kind the reader knows are taken, see --all) or "-" for a
    /// list of paths on stdin, one per line.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// The output directory (created when missing), or "-" for JSON Lines on
    /// stdout.
    #[arg(short, long, value_name = "OUTDIR")]
    output: PathBuf,
    /// Output format [default: json; jsonl with -o -].
    #[arg(short, long, value_enum)]
    format: Option<FormatArg>,
    /// Worker threads (default: one per core).
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Convert every input, even those unchanged since the last run.
    #[arg(long)]
    force: bool,
    /// No progress and no summary on stderr (errors of the run itself still show).
    #[arg(short, long)]
    quiet: bool,
    /// Output paths are relative to this directory (default: the deepest
    /// directory holding every input).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// In directories, take the files of a kind the reader knows: .pdf,
    /// .txt, .csv, .tsv, .docx, .html, .htm, and files whose first bytes
    /// are a PDF. Instead, take only files with this extension (repeatable,
    /// e.g. `--ext pdf --ext txt`).
    #[arg(long = "ext", value_name = "EXT", conflicts_with = "all")]
    extensions: Vec<String>,
    /// In directories, take every file (each that is no budget document
    /// fails).
    #[arg(long)]
    all: bool,
    /// Paths on stdin are separated by NUL bytes (as `find -print0` writes them).
    #[arg(short = '0', long)]
    null: bool,
    /// Compact JSON documents instead of pretty-printed ones.
    #[arg(long)]
    compact: bool,
    /// Sync every output to disk before moving it into place (survives power loss, slower).
    #[arg(long)]
    sync: bool,
    /// Files larger than this fail as too_large without being read (K, M,
    /// G: powers of 1024).
    #[arg(long, value_name = "SIZE", default_value_t = ByteSize(internbudget_batch::DEFAULT_MAX_FILE_BYTES))]
    max_file_size: ByteSize,
    /// With `-o -`: also write the manifest to this file.
    #[arg(long, value_name = "FILE")]
    manifest: Option<PathBuf>,
    /// With `--format csv`: the license of the data in datapackage.json, an
    /// SPDX id (CC0-1.0, CC-BY-4.0, …) or a URL (default: none stated, with
    /// a warning).
    #[arg(long, value_name = "LICENSE")]
    license: Option<String>,
    /// With `--format csv`: who publishes the data, for datapackage.json.
    #[arg(long, value_name = "NAME")]
    publisher: Option<String>,
    #[command(flatten)]
    limits: crate::limits::LimitsArgs,
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

/// One input's progress line: its path and any document text escaped.
fn describe(e: &Entry) -> String {
    let path = crate::message::shown_text(&e.path);
    match (&e.status, &e.error) {
        (Status::Failed, Some(err)) => line(&format!(
            "failed  {path}: {}: {}",
            err.kind.as_str(),
            err.message
        )),
        (Status::Failed, None) => format!("failed  {path}"),
        (Status::Ok, _) => format!(
            "ok      {path} ({})",
            count(e.warnings.unwrap_or_default(), "warning", "warnings")
        ),
        (Status::Skipped, _) => format!("skipped {path} (unchanged)"),
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

/// The longest list of paths read from stdin.
const MAX_PATH_LIST_BYTES: u64 = 256 << 20;

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
            .take(MAX_PATH_LIST_BYTES + 1)
            .read_to_end(&mut buf)
            .context("cannot read the list of paths from stdin")?;
        if buf.len() as u64 > MAX_PATH_LIST_BYTES {
            return Err(crate::usage(format!(
                "the list of paths on stdin is longer than {}",
                internbudget_layout::format_bytes(MAX_PATH_LIST_BYTES)
            )));
        }
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

/// The run's configuration; arguments that cannot work together are a
/// usage error naming the flags.
fn config(args: &Args, inputs: Vec<PathBuf>) -> Result<Config> {
    let stream = args.output.as_os_str() == "-";
    let format = match (args.format, stream) {
        (Some(FormatArg::Jsonl) | None, true) => Format::Jsonl,
        (Some(f), true) => {
            let name = if f == FormatArg::Csv { "csv" } else { "json" };
            return Err(crate::usage(format!(
                "--format {name} writes files into a directory; only --format jsonl goes to stdout (-o -)"
            )));
        }
        (None | Some(FormatArg::Json), false) => Format::Json,
        (Some(FormatArg::Jsonl), false) => Format::Jsonl,
        (Some(FormatArg::Csv), false) => Format::Csv,
    };
    if args.manifest.is_some() && !stream {
        return Err(crate::usage(
            "--manifest is for -o - (a directory run writes OUTDIR/manifest.json)",
        ));
    }
    let output = if stream {
        Output::Stream
    } else {
        Output::Dir(args.output.clone())
    };
    let mut c = Config::new(inputs, output);
    c.format = format;
    c.jobs = args.jobs.map(usize::from);
    c.force = args.force;
    c.root = args.root.clone();
    c.select = if args.all {
        Select::All
    } else if args.extensions.is_empty() {
        Select::Known
    } else {
        Select::Extensions(args.extensions.clone())
    };
    c.compact = args.compact;
    c.sync = args.sync;
    c.max_file_bytes = args.max_file_size.0;
    c.manifest = args.manifest.clone();
    c.limits = args.limits.limits();
    c.tool_version = env!("CARGO_PKG_VERSION").to_string();
    c.export = internbudget_batch::export::Options {
        license: args.license.clone(),
        publisher: args.publisher.clone(),
    };
    Ok(c)
}

/// Runs `batch`; returns the exit code (see the module docs).
pub(crate) fn run(args: &Args) -> ExitCode {
    match run_inner(args) {
        Ok(code) => code,
        Err(e) if crate::output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("internbudget: {}", line(&format!("{e:#}")));
            ExitCode::from(2)
        }
    }
}

fn run_inner(args: &Args) -> Result<ExitCode> {
    let inputs = expand_stdin(args)?;
    let cfg = config(args, inputs)?;
    let ids: Vec<_> = cfg
        .inputs
        .iter()
        .map(|p| internbudget_normalizer::FileId::of(p))
        .collect();
    crate::output::refuse_inputs(cfg.manifest.as_deref(), &ids)?;
    internbudget_batch::quiet_worker_panics();
    let mut reporter = Reporter::new(args.quiet);
    let t0 = Instant::now();
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    let stream: Option<&mut dyn Write> = match cfg.output {
        Output::Stream => Some(&mut lock),
        Output::Dir(_) => None,
    };
    let result = internbudget_batch::run(&cfg, stream, &mut reporter);
    reporter.finish();
    let summary = result?;
    let c = summary.manifest.counts;
    if !args.quiet {
        let secs = t0.elapsed().as_secs_f64().max(1e-9);
        let bytes: u64 = summary.manifest.inputs.iter().filter_map(|e| e.bytes).sum();
        let mut text = format!(
            "internbudget: {} converted, {} unchanged, {} failed of {} in {:.1} s ({:.1} files/s, {:.1} MB/s)",
            c.ok,
            c.skipped,
            c.failed,
            c.total,
            secs,
            c.total as f64 / secs,
            bytes as f64 / 1e6 / secs
        );
        if c.ignored > 0 {
            text.push_str(&format!(
                "; {} ignored (not an input kind; --all takes them)",
                count(c.ignored, "file", "files")
            ));
        }
        if let Some(p) = &summary.manifest_path {
            text.push_str(&format!("; manifest {}", shown(p)));
        }
        if c.failed > 0
            && let Some(p) = &summary.errors_path
        {
            text.push_str(&format!("; errors {}", shown(p)));
        }
        eprintln!("{text}");
        if let Some(x) = &summary.manifest.export {
            eprintln!(
                "internbudget: open data: {} budgets from {} sources ({} duplicates, {} disagreeing), {} rows left out",
                x.budgets, x.sources, x.duplicates, x.duplicates_disagreeing, x.rows_left_out
            );
            for w in &x.warnings {
                eprintln!("internbudget: warning: {}", crate::message::shown_text(w));
            }
        }
    }
    Ok(if c.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
