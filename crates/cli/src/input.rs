//! The inputs of the single-document commands: a path, or `-` for standard
//! input, read with the normalizer's bounded reader (never more than the
//! limit of what the input turns out to be, whatever it is: a file, a FIFO,
//! a device or a pipe).

use crate::message::shown;
use anyhow::{Result, anyhow};
use internbudget_normalizer::{Accept, FileId, Input, InputError, Limits};
use std::path::{Path, PathBuf};

/// One input argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum InputArg {
    /// A file (or a FIFO, a device).
    Path(PathBuf),
    /// `-`: standard input.
    Stdin,
}

impl InputArg {
    /// The argument as given ("-" is standard input).
    pub(crate) fn new(p: &Path) -> InputArg {
        if p.as_os_str() == "-" {
            InputArg::Stdin
        } else {
            InputArg::Path(p.to_path_buf())
        }
    }

    /// How messages name it: its path, or "stdin".
    pub(crate) fn name(&self) -> String {
        match self {
            InputArg::Path(p) => shown(p),
            InputArg::Stdin => "stdin".to_string(),
        }
    }

    /// The name a document extracted from it records as its source file.
    pub(crate) fn source_name(&self) -> String {
        match self {
            InputArg::Path(p) => p.to_string_lossy().into_owned(),
            InputArg::Stdin => "stdin".to_string(),
        }
    }

    /// The file it is (standard input: the file redirected to it, if any).
    pub(crate) fn file_id(&self) -> Option<FileId> {
        match self {
            InputArg::Path(p) => FileId::of(p),
            InputArg::Stdin => FileId::of(Path::new("/dev/stdin")),
        }
    }

    /// Reads it, up to the limit of what it is.
    pub(crate) fn read_raw(&self, accept: Accept, limits: &Limits) -> Result<Input, InputError> {
        match self {
            InputArg::Path(p) => internbudget_normalizer::read_input_file(p, accept, limits),
            InputArg::Stdin => {
                let mut stdin = std::io::stdin().lock();
                internbudget_normalizer::read_input(&mut stdin, None, accept, limits)
            }
        }
    }

    /// Reads it, up to the limit of what it is; the error names it.
    pub(crate) fn read(&self, accept: Accept, limits: &Limits) -> Result<Input> {
        self.read_raw(accept, limits).map_err(|e| {
            let flag = e.limit().map(crate::limits::flag_hint).unwrap_or_default();
            anyhow!("{}: {e}{flag}", self.name())
        })
    }
}

/// The inputs as arguments; more than one `-` is a usage error.
pub(crate) fn inputs(paths: &[PathBuf]) -> Result<Vec<InputArg>> {
    let args: Vec<InputArg> = paths.iter().map(|p| InputArg::new(p)).collect();
    if args.iter().filter(|a| **a == InputArg::Stdin).count() > 1 {
        return Err(crate::usage("standard input ('-') can be read only once"));
    }
    Ok(args)
}
