//! What a run converts and how: the output format and place, and the
//! [`Config`] of a run with its defaults.

use crate::{DEFAULT_MAX_FILE_BYTES, Select, export};
use internbudget_normalizer::Limits;
use std::path::PathBuf;

/// The output format of a run.
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
