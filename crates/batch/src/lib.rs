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
//! calling thread.//!
//! Modules: `config` (what to convert and how), `inputs` (walking the
//! inputs), `job` (converting one input), `pool` (running the jobs on worker
//! threads, outcomes collected in input order), `journal` (what a killed
//! run already did), `aggregate` (JSON Lines and the CSV collector),
//! `finish` (the manifest and the run's own files), `manifest`, `export`,
//! `tidy`, `datapackage`, `fsx` (atomic files, the directory lock), `error`.

mod aggregate;
mod config;
mod datapackage;
mod error;
pub mod export;
mod finish;
mod fsx;
mod inputs;
mod job;
mod journal;
mod manifest;
mod panics;
mod pool;
pub mod tidy;
mod time;

pub use config::{Config, Format, Output};
pub use error::BatchError;
pub use inputs::{INPUT_EXTENSIONS, Select};
pub use manifest::{Counts, Entry, EntryError, ErrorKind, Manifest, Status};
pub use panics::quiet_worker_panics;

use aggregate::Aggregates;
use fsx::{DirLock, LockError};
use internbudget_normalizer::{Document, ExtractError, FileId};
use job::Ctx;
use journal::Journal;
use manifest::PreviousRuns;
use pool::{Reporter, Sinks};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

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
    let outdir = output_dir(config, stream.is_some())?;
    let jobs = config
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .max(1);
    let _lock = outdir.map(lock_dir).transpose()?;
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
    let (previous, mut journal) = resume(config, outdir)?;
    let scratch = outdir.unwrap_or(Path::new("."));
    let mut aggregates = Aggregates::open(config, outdir, stream)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("{}{i}", panics::WORKER_PREFIX))
        .build()?;

    let files = &found.files;
    let total = files.len() + found.failures.len();
    let mut reporter = Reporter::start(observer, total, found.ignored.len(), jobs);
    // Walk failures are known before any work starts.
    let walk_entries = reporter.walk_failures(&found.failures);
    let ctx = Ctx {
        cfg: config,
        outdir,
        previous,
        extract,
        input_ids,
    };
    let mut sinks = Sinks {
        journal: journal.as_mut(),
        aggregates: &mut aggregates,
        scratch,
    };
    let entries = pool::convert_all(&ctx, files, (&pool, jobs), &mut sinks, &mut reporter)?;
    let collector = aggregates.finish(config.sync, scratch)?;
    drop(pool);

    let mut counts = reporter.counts;
    let inputs = finish::in_input_order(entries, files, walk_entries, &mut counts);
    let manifest = Manifest {
        manifest_version: manifest::MANIFEST_VERSION.to_string(),
        tool: "internbudget".to_string(),
        tool_version: config.tool_version.clone(),
        schema_version: internbudget_normalizer::SCHEMA_VERSION.to_string(),
        format: config.format.name().to_string(),
        root: found.root.display().to_string(),
        started: time::rfc3339(started),
        finished: time::rfc3339(SystemTime::now()),
        millis: u64::try_from(t0.elapsed().as_millis()).unwrap_or(u64::MAX),
        jobs,
        counts,
        inputs,
        export: None,
        ignored: found.ignored,
    };
    finish::write_files(config, outdir, collector, manifest, journal, removed_temps)
}

/// What earlier runs into the output directory converted (unless the run
/// is forced or writes JSON Lines), and the journal this run appends to.
fn resume(
    config: &Config,
    outdir: Option<&Path>,
) -> Result<(PreviousRuns, Option<Journal>), BatchError> {
    let tool_version = config.tool_version.as_str();
    let schema_version = internbudget_normalizer::SCHEMA_VERSION;
    let journal_path = outdir.map(|d| d.join(JOURNAL_FILE));
    let previous = match (&journal_path, outdir) {
        (Some(j), Some(d)) if !config.force && config.format != Format::Jsonl => {
            manifest::load_previous(&d.join(MANIFEST_FILE), j, tool_version, schema_version)
        }
        _ => PreviousRuns::new(),
    };
    let journal = match &journal_path {
        Some(p) if config.format != Format::Jsonl => {
            Some(Journal::open(p, tool_version, schema_version)?)
        }
        _ => None,
    };
    Ok((previous, journal))
}

/// The output directory of a directory run, created when missing (`None`
/// for a stream run); refuses the options a run's output cannot serve.
fn output_dir(config: &Config, has_stream: bool) -> Result<Option<&Path>, BatchError> {
    match &config.output {
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
            Ok(Some(d.as_path()))
        }
        Output::Stream => {
            if config.format != Format::Jsonl || !has_stream {
                return Err(BatchError::Unsupported(
                    "only JSON Lines can be written to a stream",
                ));
            }
            Ok(None)
        }
    }
}

/// Takes the lock that keeps a second run out of the output directory.
fn lock_dir(dir: &Path) -> Result<DirLock, BatchError> {
    DirLock::try_acquire(&dir.join(LOCK_FILE)).map_err(|e| match e {
        LockError::Held => BatchError::Locked {
            path: dir.to_path_buf(),
        },
        LockError::Io(source) => BatchError::OutputDir {
            path: dir.to_path_buf(),
            source,
        },
    })
}
