//! Why a run could not be done at all ([`BatchError`]); per-input failures
//! are not errors but entries of the manifest.

use crate::export;
use std::io;
use std::path::PathBuf;
use thiserror::Error;

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

/// A file of the export that cannot be written.
pub(crate) fn export_error(e: export::ExportError) -> BatchError {
    BatchError::Write {
        path: e.path,
        source: e.source,
    }
}
