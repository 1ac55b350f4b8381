//! Batch conversion of whole archives of internbudget documents, and the
//! open-data export.
//!
//! [`run`] converts every input (files, directories walked recursively,
//! taking the files of a kind the reader knows: [`Select`]) with
//! [`internbudget_normalizer::extract_with`] within [`Config::limits`] on a
//! pool of worker threads ([`Config::jobs`]) and writes, for [`Format::Json`], one
//! `OUTDIR/<relative path>.json` per input; for [`Format::Jsonl`] one
//! document per line (`OUTDIR/documents.jsonl`, or a stream); for
//! [`Format::Csv`] the per-input JSON plus the tidy tables `documents.csv`,
//! `amounts.csv`, `indicators.csv`, `indicator_values.csv` and a
//! Frictionless `datapackage.json`, one source per budget, every row valid
//! (see [`export`], [`tidy`] and [`datapackage`]).
//!
//! Guarantees:
//! - every output is written atomically (a temporary file renamed into
//!   place): a killed run never leaves a half-written file, and the next run
//!   removes the temporary files it left;
//! - a failed input is a value — an [`Entry`] with a typed [`ErrorKind`] —
//!   never an abort; a panic while converting one input is caught and
//!   reported as that input's error; an input that fails loses any output a
//!   previous run left for it, so no output ever disagrees with its input;
//! - an input is read only up to the limit of its kind (whatever size a
//!   FIFO or device claims), and every stage bounds its memory by the
//!   limits, so a hostile input fails as `too_large` or `timeout` before it
//!   can exhaust memory and end the run;
//! - no output replaces an input: an output path that resolves to an input
//!   file (directly, through a link) is that input's `output_conflict`;
//! - `OUTDIR/manifest.json` lists every input in input order
//!   ([`Manifest`]), and `OUTDIR/errors.txt` the failures, one per line;
//! - a rerun into the same directory skips the inputs whose SHA-256, tool
//!   version and schema version are unchanged and whose output still exists
//!   (a journal written as the run goes makes this hold for a killed run
//!   too); [`Config::force`] redoes all. JSON Lines runs always convert all;
//! - aggregate outputs (JSON Lines, CSV rows) come in input order whatever
//!   the number of jobs, and memory stays bounded by the documents in flight,
//!   not the number of inputs (apart from one small manifest entry each).
//!
//! The library never prints: progress is reported to an [`Observer`] on the
//! calling thread.

mod datapackage;
pub mod export;
mod fsx;
mod inputs;
mod manifest;
mod panics;
pub mod tidy;
mod time;

pub use inputs::{INPUT_EXTENSIONS, Select};
pub use manifest::{Counts, Entry, EntryError, ErrorKind, Manifest, Status};
pub use panics::quiet_worker_panics;

use fsx::{Aggregate, DirLock, LockError};
use inputs::InputFile;
use internbudget_normalizer::{Accept, Document, ExtractError, FileId, InputError, Limits};
use manifest::{JournalLine, PreviousRuns};
use std::collections::{BTreeMap, HashSet};
use std::io::{self, BufWriter, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Instant, SystemTime};
use thiserror::Error;

/// Name of the manifest in the output directory.
pub const MANIFEST_FILE: &str = "manifest.json";
/// Name of the error report in the output directory.
pub const ERRORS_FILE: &str = "errors.txt";
/// Name of the data package descriptor in the output directory.
pub const DATAPACKAGE_FILE: &str = "datapackage.json";
/// Name of the JSON Lines output in the output directory.
pub const JSONL_FILE: &str = "documents.jsonl";
/// The journal a run appends one line per finished input to.
pub const JOURNAL_FILE: &str = ".internbudget-batch.journal";
/// The lock file that keeps a second run out of the directory.
pub const LOCK_FILE: &str = ".internbudget-batch.lock";
/// Inputs larger than this fail with [`ErrorKind::TooLarge`] unless
/// [`Config::max_file_bytes`] says otherwise.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON document per input.
    Json,
    /// One document per line.
    Jsonl,
    /// Tidy CSV tables, a data package, and one JSON document per input.
    Csv,
}

impl Format {
    /// "json", "jsonl" or "csv".
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
        }
    }
}

/// Where outputs go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// An output directory (created when missing).
    Dir(PathBuf),
    /// The stream passed to [`run`] (JSON Lines only).
    Stream,
}

/// What to convert and how.
#[derive(Debug, Clone)]
pub struct Config {
    /// Files and directories.
    pub inputs: Vec<PathBuf>,
    /// Where outputs go.
    pub output: Output,
    /// The output format.
    pub format: Format,
    /// Worker threads; `None` for one per core.
    pub jobs: Option<usize>,
    /// Convert every input even when a previous run already did.
    pub force: bool,
    /// The directory output paths are relative to; `None` for the deepest
    /// directory holding every input.
    pub root: Option<PathBuf>,
    /// Which files of directory walks are inputs.
    pub select: Select,
    /// The limits of reading and converting one input.
    pub limits: Limits,
    /// Compact JSON documents instead of pretty-printed ones.
    pub compact: bool,
    /// Sync every output to disk before moving it into place.
    pub sync: bool,
    /// Larger inputs fail with [`ErrorKind::TooLarge`] without being read.
    pub max_file_bytes: u64,
    /// Where to write the manifest of a stream run (directory runs always
    /// write `OUTDIR/manifest.json`).
    pub manifest: Option<PathBuf>,
    /// The tool version written to the manifest and compared on reruns.
    pub tool_version: String,
    /// License and publisher of the data package (`--format csv`).
    pub export: export::Options,
}

impl Config {
    /// A configuration with the defaults: JSON, one job per core, no force.
    pub fn new(inputs: Vec<PathBuf>, output: Output) -> Config {
        Config {
            inputs,
            output,
            format: Format::Json,
            jobs: None,
            force: false,
            root: None,
            select: Select::Known,
            limits: Limits::default(),
            compact: false,
            sync: false,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            manifest: None,
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            export: export::Options::default(),
        }
    }
}

/// Why a run could not be done at all (per-input failures are not errors:
/// they are in the manifest).
#[derive(Debug, Error)]
pub enum BatchError {
    /// An input named on the command line cannot be found or read.
    #[error("{}: cannot use this input", path.display())]
    Input {
        /// The input.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// An input is not under the given root.
    #[error("{} is not under the root {}", path.display(), root.display())]
    OutsideRoot {
        /// The input.
        path: PathBuf,
        /// The root.
        root: PathBuf,
    },
    /// A combination of options that cannot work.
    #[error("{0}")]
    Unsupported(&'static str),
    /// The output directory cannot be created or used.
    #[error("{}: cannot use the output directory", path.display())]
    OutputDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// Another run is writing to the output directory.
    #[error("{}: another batch run is writing to this directory", path.display())]
    Locked {
        /// The directory.
        path: PathBuf,
    },
    /// The worker threads could not be started.
    #[error("cannot start the worker threads")]
    Threads(#[from] rayon::ThreadPoolBuildError),
    /// A file of the run itself (manifest, journal, aggregate) cannot be written.
    #[error("{}: cannot write", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The output stream cannot be written.
    #[error("cannot write the output stream")]
    Stream(#[source] io::Error),
}

/// How far a run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Inputs finished (converted, skipped or failed).
    pub done: usize,
    /// All inputs.
    pub total: usize,
    /// Inputs failed so far.
    pub failed: usize,
}

/// Receives the progress of a run, on the thread that called [`run`].
pub trait Observer {
    /// The inputs are known and work starts.
    fn started(&mut self, _total: usize, _jobs: usize) {}
    /// One input is finished (in the order inputs finish).
    fn finished(&mut self, _entry: &Entry, _progress: Progress) {}
}

/// An observer that ignores everything.
impl Observer for () {}

/// What a run did.
#[derive(Debug, Clone)]
pub struct Summary {
    /// The manifest (also written to disk for directory runs).
    pub manifest: Manifest,
    /// Where the manifest was written.
    pub manifest_path: Option<PathBuf>,
    /// Where the error report was written.
    pub errors_path: Option<PathBuf>,
    /// Temporary files of an earlier, killed run that were removed.
    pub removed_temps: usize,
}

/// The conversion of one input's bytes (its path as the file name).
pub type Extractor<'a> = dyn Fn(&str, &[u8]) -> Result<Document, ExtractError> + Sync + 'a;

/// Runs a batch with the normalizer's
/// [`internbudget_normalizer::extract_with`] within [`Config::limits`].
/// `stream` receives the JSON Lines of an [`Output::Stream`] run.
pub fn run(
    config: &Config,
    stream: Option<&mut dyn Write>,
    observer: &mut dyn Observer,
) -> Result<Summary, BatchError> {
    let extract = |name: &str, bytes: &[u8]| {
        internbudget_normalizer::extract_with(name, bytes, &config.limits)
    };
    run_with(config, stream, observer, &extract)
}

/// Reserved output names: a per-input output must not replace them.
fn reserved(name: &str) -> bool {
    [MANIFEST_FILE, DATAPACKAGE_FILE].contains(&name)
}

struct Ctx<'a> {
    cfg: &'a Config,
    outdir: Option<&'a Path>,
    previous: PreviousRuns,
    extract: &'a Extractor<'a>,
    /// The files of every input: no output may replace one.
    input_ids: HashSet<FileId>,
}

impl Ctx<'_> {
    /// The per-input JSON output, relative to the output directory and as a
    /// path, for the formats that write one.
    fn output_of(&self, f: &InputFile) -> Option<(String, PathBuf)> {
        let dir = self.outdir?;
        if self.cfg.format == Format::Jsonl {
            return None;
        }
        let mut p = dir.join(&f.rel).into_os_string();
        p.push(".json");
        Some((format!("{}.json", f.name), PathBuf::from(p)))
    }
}

enum Chunk {
    None,
    Line(Vec<u8>),
    Csv(Box<tidy::DocRows>),
}

struct Outcome {
    index: usize,
    entry: Entry,
    chunk: Chunk,
}

fn failure(kind: ErrorKind, message: impl Into<String>) -> EntryError {
    EntryError {
        kind,
        message: message.into(),
    }
}

fn count_into(entry: &mut Entry, doc: &Document) {
    entry.warnings = Some(doc.warnings.len());
    entry.tables = Some(doc.tables.len());
    entry.indicators = Some(doc.indicators.len());
}

/// A document an earlier run wrote, read back by the rules of every reader
/// of normalized documents (and their size limit).
fn read_document(path: &Path, limits: &Limits) -> Option<Document> {
    let input = internbudget_normalizer::read_input_file(path, Accept::Json, limits).ok()?;
    internbudget_normalizer::read_document_json(&input.bytes, limits).ok()
}

/// The input's bytes, read up to the limit of its kind; a regular file
/// over the batch's size limit is refused before it is read.
fn read_input(cfg: &Config, f: &InputFile, entry: &mut Entry) -> Result<Vec<u8>, EntryError> {
    let io = |e: std::io::Error| failure(ErrorKind::Io, format!("cannot read the file: {e}"));
    let meta = std::fs::metadata(&f.path).map_err(io)?;
    if meta.is_file() {
        entry.bytes = Some(meta.len());
        if meta.len() > cfg.max_file_bytes {
            return Err(failure(
                ErrorKind::TooLarge,
                format!(
                    "the file has {} bytes, more than the batch limit of {} for one file",
                    meta.len(),
                    internbudget_layout::format_bytes(cfg.max_file_bytes)
                ),
            ));
        }
    }
    let input = internbudget_normalizer::read_input_file(&f.path, Accept::Any, &cfg.limits)
        .map_err(|e| match e {
            InputError::TooLarge { .. } => failure(ErrorKind::TooLarge, e.to_string()),
            _ => failure(ErrorKind::Io, e.to_string()),
        })?;
    entry.bytes = Some(input.bytes.len() as u64);
    Ok(input.bytes)
}

/// Converts one input; every failure becomes an `EntryError`.
fn convert(ctx: &Ctx<'_>, f: &InputFile, entry: &mut Entry) -> Result<Chunk, EntryError> {
    let cfg = ctx.cfg;
    let output = ctx.output_of(f);
    if let Some((name, path)) = &output {
        if reserved(name) {
            return Err(failure(
                ErrorKind::OutputConflict,
                format!(
                    "its output would replace the run's own {name}; rename the input or choose another root"
                ),
            ));
        }
        if FileId::of(path).is_some_and(|id| ctx.input_ids.contains(&id)) {
            return Err(failure(
                ErrorKind::OutputConflict,
                format!("its output {name} would replace an input of the run"),
            ));
        }
    }
    let bytes = read_input(cfg, f, entry)?;
    let sha256 = internbudget_normalizer::sha256_hex(&bytes);
    entry.sha256 = Some(sha256.clone());
    // Unchanged since a run that converted it?
    if !cfg.force
        && let Some((name, path)) = &output
        && let Some(prev) = ctx.previous.get(&f.name)
        && prev.sha256 == sha256
        && &prev.output == name
        && path.is_file()
    {
        let kept = |entry: &mut Entry| {
            entry.status = Status::Skipped;
            entry.output = Some(name.clone());
            entry.warnings = prev.warnings;
            entry.tables = prev.tables;
            entry.indicators = prev.indicators;
        };
        match cfg.format {
            Format::Json => {
                kept(entry);
                return Ok(Chunk::None);
            }
            Format::Csv => {
                // The tidy rows come from the kept document; one that cannot
                // be read back is converted again.
                if let Some(doc) =
                    read_document(path, &cfg.limits).filter(|d| d.source.sha256 == sha256)
                {
                    kept(entry);
                    count_into(entry, &doc);
                    return Ok(Chunk::Csv(Box::new(tidy::rows(&doc, &f.name))));
                }
            }
            Format::Jsonl => {}
        }
    }
    let file_name = f.path.to_string_lossy();
    let doc =
        (ctx.extract)(&file_name, &bytes).map_err(|e| failure(e.kind().into(), e.to_string()))?;
    drop(bytes);
    count_into(entry, &doc);
    let chunk = match cfg.format {
        Format::Jsonl => {
            let mut line = serde_json::to_vec(&doc).map_err(|e| {
                failure(ErrorKind::Io, format!("cannot serialize the document: {e}"))
            })?;
            line.push(b'\n');
            Chunk::Line(line)
        }
        Format::Json | Format::Csv => {
            if let Some((name, path)) = &output {
                // Serialized straight into the file.
                fsx::write_atomic_with(path, cfg.sync, &mut |w| {
                    if cfg.compact {
                        serde_json::to_writer(&mut *w, &doc)?;
                    } else {
                        serde_json::to_writer_pretty(&mut *w, &doc)?;
                    }
                    w.write_all(b"\n")
                })
                .map_err(|e| {
                    failure(
                        ErrorKind::Io,
                        format!("cannot write {}: {e}", path.display()),
                    )
                })?;
                entry.output = Some(name.clone());
            }
            if cfg.format == Format::Csv {
                Chunk::Csv(Box::new(tidy::rows(&doc, &f.name)))
            } else {
                Chunk::None
            }
        }
    };
    entry.status = Status::Ok;
    Ok(chunk)
}

/// Converts one input, catching panics; never fails.
fn process(ctx: &Ctx<'_>, f: &InputFile) -> (Entry, Chunk) {
    let start = Instant::now();
    let mut entry = Entry {
        path: f.name.clone(),
        sha256: None,
        bytes: None,
        status: Status::Failed,
        output: None,
        line: None,
        warnings: None,
        tables: None,
        indicators: None,
        error: None,
        millis: 0,
    };
    let result = catch_unwind(AssertUnwindSafe(|| convert(ctx, f, &mut entry)))
        .unwrap_or_else(|payload| Err(failure(ErrorKind::Panic, panics::caught(&*payload))));
    let chunk = match result {
        Ok(chunk) => chunk,
        Err(err) => {
            // No output may disagree with its input: drop what an earlier
            // run wrote for it (never the run's own files).
            if err.kind != ErrorKind::OutputConflict
                && let Some((_, path)) = ctx.output_of(f)
            {
                let _ = std::fs::remove_file(path);
            }
            entry.status = Status::Failed;
            entry.output = None;
            entry.warnings = None;
            entry.tables = None;
            entry.indicators = None;
            entry.error = Some(err);
            Chunk::None
        }
    };
    entry.millis = u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX);
    (entry, chunk)
}

enum JsonlSink<'s> {
    File(Aggregate),
    Stream(BufWriter<&'s mut dyn Write>),
}

/// The aggregate outputs of a run, fed in input order. (One per run: the
/// size of its variants does not matter.)
#[allow(clippy::large_enum_variant)]
enum Aggregates<'s> {
    None,
    Jsonl {
        sink: JsonlSink<'s>,
        output: String,
        lines: u64,
    },
    Csv(export::Collector),
}

impl<'s> Aggregates<'s> {
    fn open(
        cfg: &Config,
        outdir: Option<&Path>,
        stream: Option<&'s mut dyn Write>,
    ) -> Result<Aggregates<'s>, BatchError> {
        let create = |dir: &Path, name: &str| {
            let path = dir.join(name);
            Aggregate::create(path.clone()).map_err(|source| BatchError::Write { path, source })
        };
        Ok(match (cfg.format, outdir, stream) {
            (Format::Json, ..) => Aggregates::None,
            (Format::Jsonl, Some(dir), _) => Aggregates::Jsonl {
                sink: JsonlSink::File(create(dir, JSONL_FILE)?),
                output: JSONL_FILE.to_string(),
                lines: 0,
            },
            (Format::Jsonl, None, Some(s)) => Aggregates::Jsonl {
                sink: JsonlSink::Stream(BufWriter::with_capacity(256 * 1024, s)),
                output: "-".to_string(),
                lines: 0,
            },
            (Format::Csv, Some(dir), _) => {
                Aggregates::Csv(export::Collector::new(dir).map_err(export_error)?)
            }
            (_, None, _) => {
                return Err(BatchError::Unsupported(
                    "only JSON Lines can be written to a stream",
                ));
            }
        })
    }

    /// Appends the output of the input `entry` (in input order).
    fn emit(
        &mut self,
        chunk: Chunk,
        entry: Option<&mut Entry>,
        outdir: &Path,
    ) -> Result<(), BatchError> {
        match (self, chunk) {
            (
                Aggregates::Jsonl {
                    sink,
                    output,
                    lines,
                },
                Chunk::Line(line),
            ) => {
                match sink {
                    JsonlSink::File(a) => a.write(&line).map_err(|source| BatchError::Write {
                        path: outdir.join(JSONL_FILE),
                        source,
                    })?,
                    JsonlSink::Stream(s) => s
                        .write_all(&line)
                        .and_then(|()| s.flush())
                        .map_err(BatchError::Stream)?,
                }
                *lines += 1;
                if let Some(e) = entry {
                    e.output = Some(output.clone());
                    e.line = Some(*lines);
                }
            }
            (Aggregates::Csv(collector), Chunk::Csv(rows)) => {
                collector.push(*rows).map_err(export_error)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Moves the files into place; returns the export still to be written
    /// (it needs the whole run).
    fn finish(self, sync: bool, outdir: &Path) -> Result<Option<export::Collector>, BatchError> {
        match self {
            Aggregates::None => Ok(None),
            Aggregates::Jsonl { sink, .. } => {
                match sink {
                    JsonlSink::File(a) => {
                        a.finish(sync).map_err(|source| BatchError::Write {
                            path: outdir.join(JSONL_FILE),
                            source,
                        })?;
                    }
                    JsonlSink::Stream(mut s) => s.flush().map_err(BatchError::Stream)?,
                }
                Ok(None)
            }
            Aggregates::Csv(collector) => Ok(Some(collector)),
        }
    }
}

/// Runs a batch with a given conversion (the normalizer's in [`run`]; tests
/// pass their own to provoke failures and panics).
pub fn run_with(
    config: &Config,
    stream: Option<&mut dyn Write>,
    observer: &mut dyn Observer,
    extract: &Extractor<'_>,
) -> Result<Summary, BatchError> {
    let started = SystemTime::now();
    let t0 = Instant::now();
    let outdir = match &config.output {
        Output::Dir(d) => {
            if config.manifest.is_some() {
                return Err(BatchError::Unsupported(
                    "a manifest file of its own is for a stream run; a directory run writes OUTDIR/manifest.json",
                ));
            }
            std::fs::create_dir_all(d).map_err(|source| BatchError::OutputDir {
                path: d.clone(),
                source,
            })?;
            Some(d.as_path())
        }
        Output::Stream => {
            if config.format != Format::Jsonl || stream.is_none() {
                return Err(BatchError::Unsupported(
                    "only JSON Lines can be written to a stream",
                ));
            }
            None
        }
    };
    let jobs = config
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .max(1);
    let _lock = match outdir {
        Some(d) => Some(
            DirLock::try_acquire(&d.join(LOCK_FILE)).map_err(|e| match e {
                LockError::Held => BatchError::Locked {
                    path: d.to_path_buf(),
                },
                LockError::Io(source) => BatchError::OutputDir {
                    path: d.to_path_buf(),
                    source,
                },
            })?,
        ),
        None => None,
    };
    let removed_temps = outdir.map_or(0, fsx::remove_stale_temps);
    let found = inputs::discover(
        &config.inputs,
        config.root.as_deref(),
        outdir,
        &config.select,
    )?;
    let input_ids: HashSet<FileId> = found
        .files
        .iter()
        .filter_map(|f| FileId::of(&f.path))
        .collect();
    let tool_version = config.tool_version.as_str();
    let schema_version = internbudget_normalizer::SCHEMA_VERSION;
    let journal_path = outdir.map(|d| d.join(JOURNAL_FILE));
    let previous = match (&journal_path, outdir) {
        (Some(j), Some(d)) if !config.force && config.format != Format::Jsonl => {
            manifest::load_previous(&d.join(MANIFEST_FILE), j, tool_version, schema_version)
        }
        _ => PreviousRuns::new(),
    };
    let mut journal = match &journal_path {
        Some(p) if config.format != Format::Jsonl => Some(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(p)
                .map(|f| (BufWriter::new(f), p.clone()))
                .map_err(|source| BatchError::Write {
                    path: p.clone(),
                    source,
                })?,
        ),
        _ => None,
    };
    let scratch = outdir.unwrap_or(Path::new("."));
    let mut aggregates = Aggregates::open(config, outdir, stream)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("{}{i}", panics::WORKER_PREFIX))
        .build()?;

    let files = &found.files;
    let total = files.len() + found.failures.len();
    let mut counts = Counts {
        ignored: found.ignored.len(),
        ..Counts::default()
    };
    observer.started(total, jobs);
    // Walk failures are known before any work starts.
    let mut walk_entries = Vec::with_capacity(found.failures.len());
    for w in &found.failures {
        let entry = Entry {
            path: w.name.clone(),
            sha256: None,
            bytes: None,
            status: Status::Failed,
            output: None,
            line: None,
            warnings: None,
            tables: None,
            indicators: None,
            error: Some(failure(ErrorKind::Io, w.message.clone())),
            millis: 0,
        };
        counts.add(entry.status);
        observer.finished(
            &entry,
            Progress {
                done: counts.total,
                total,
                failed: counts.failed,
            },
        );
        walk_entries.push(entry);
    }

    let ctx = Ctx {
        cfg: config,
        outdir,
        previous,
        extract,
        input_ids,
    };
    let mut entries: Vec<Option<Entry>> = vec![None; files.len()];
    let next = AtomicUsize::new(0);
    let (tx, rx) = std::sync::mpsc::sync_channel::<Outcome>(jobs * 4);
    let collected: Result<(), BatchError> = std::thread::scope(|s| {
        let rx = rx;
        let (ctx, next, pool) = (&ctx, &next, &pool);
        s.spawn(move || {
            pool.scope(|ps| {
                for _ in 0..jobs {
                    let tx = tx.clone();
                    ps.spawn(move |_| {
                        loop {
                            let index = next.fetch_add(1, Ordering::Relaxed);
                            let Some(f) = files.get(index) else { break };
                            let (entry, chunk) = process(ctx, f);
                            if tx
                                .send(Outcome {
                                    index,
                                    entry,
                                    chunk,
                                })
                                .is_err()
                            {
                                break;
                            }
                        }
                    });
                }
            });
            drop(tx);
        });
        // Collect on this thread: journal, progress, aggregates in input order.
        let mut pending: BTreeMap<usize, Chunk> = BTreeMap::new();
        let mut next_emit = 0usize;
        for o in rx.iter() {
            if let Some((j, path)) = journal.as_mut() {
                let line = JournalLine {
                    tool_version: tool_version.to_string(),
                    schema_version: schema_version.to_string(),
                    entry: o.entry.clone(),
                };
                serde_json::to_writer(&mut *j, &line)
                    .map_err(io::Error::from)
                    .and_then(|()| j.write_all(b"\n"))
                    .and_then(|()| j.flush())
                    .map_err(|source| BatchError::Write {
                        path: path.clone(),
                        source,
                    })?;
            }
            counts.add(o.entry.status);
            observer.finished(
                &o.entry,
                Progress {
                    done: counts.total,
                    total,
                    failed: counts.failed,
                },
            );
            if let Some(slot) = entries.get_mut(o.index) {
                *slot = Some(o.entry);
            }
            pending.insert(o.index, o.chunk);
            while let Some(chunk) = pending.remove(&next_emit) {
                aggregates.emit(
                    chunk,
                    entries.get_mut(next_emit).and_then(Option::as_mut),
                    scratch,
                )?;
                next_emit += 1;
            }
        }
        Ok(())
    });
    collected?;
    let collector = aggregates.finish(config.sync, scratch)?;
    drop(pool);

    let mut all: Vec<Entry> = Vec::with_capacity(total);
    for (slot, f) in entries.into_iter().zip(files) {
        all.push(slot.unwrap_or_else(|| {
            // Only if a worker thread died outside the per-input guard.
            counts.add(Status::Failed);
            Entry {
                path: f.name.clone(),
                sha256: None,
                bytes: None,
                status: Status::Failed,
                output: None,
                line: None,
                warnings: None,
                tables: None,
                indicators: None,
                error: Some(failure(ErrorKind::Panic, "the worker stopped")),
                millis: 0,
            }
        }));
    }
    all.extend(walk_entries);
    let finished = SystemTime::now();
    let manifest = Manifest {
        manifest_version: manifest::MANIFEST_VERSION.to_string(),
        tool: "internbudget".to_string(),
        tool_version: tool_version.to_string(),
        schema_version: schema_version.to_string(),
        format: config.format.name().to_string(),
        root: found.root.display().to_string(),
        started: time::rfc3339(started),
        finished: time::rfc3339(finished),
        millis: u64::try_from(t0.elapsed().as_millis()).unwrap_or(u64::MAX),
        jobs,
        counts,
        inputs: all,
        export: None,
        ignored: found.ignored,
    };
    let write = |path: PathBuf, bytes: &[u8]| {
        fsx::write_atomic(&path, bytes, config.sync)
            .map(|()| path.clone())
            .map_err(|source| BatchError::Write { path, source })
    };
    let mut summary = Summary {
        manifest_path: None,
        errors_path: None,
        removed_temps,
        manifest,
    };
    if let Some(d) = outdir {
        if let Some(c) = collector {
            let meta = export::PackageMeta {
                created: &summary.manifest.finished,
                tool_version,
                schema_version,
                options: &config.export,
                sync: config.sync,
            };
            summary.manifest.export = Some(c.finish(&meta).map_err(export_error)?);
        }
        summary.errors_path = Some(write(
            d.join(ERRORS_FILE),
            manifest::error_report(&summary.manifest).as_bytes(),
        )?);
        summary.manifest_path = Some(write(d.join(MANIFEST_FILE), &pretty(&summary.manifest))?);
        if let Some((j, path)) = journal.take() {
            drop(j);
            let _ = std::fs::remove_file(path);
        }
    } else if let Some(p) = &config.manifest {
        summary.manifest_path = Some(write(p.clone(), &pretty(&summary.manifest))?);
    }
    Ok(summary)
}

fn export_error(e: export::ExportError) -> BatchError {
    BatchError::Write {
        path: e.path,
        source: e.source,
    }
}

/// Pretty JSON with a final newline, for the run's own files (serializing
/// a manifest or a `Value` cannot fail).
fn pretty<T: serde::Serialize>(v: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(v).unwrap_or_default();
    out.push(b'\n');
    out
}
