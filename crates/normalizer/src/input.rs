//! Reading an input — a regular file, a FIFO, a device, standard input —
//! into memory, stopping at the size limit of what it turns out to be.
//!
//! The first kilobyte decides what the input is: a normalized document
//! (JSON, bounded by `Limits::max_json_bytes`) or a source of one of the
//! parser's formats (bounded by that format's limit). The rest is read
//! only up to that limit, whatever size the file claims: `/dev/zero` or an
//! endless pipe ends with a too-large error after the limit, not when
//! memory runs out. A regular file whose size is already over the limit is
//! refused without reading further.

use crate::Limits;
use crate::load::looks_like_json;
use internbudget_layout::Limit;
use internbudget_parser::Format;
use std::io::{self, Read};
use std::path::Path;
use thiserror::Error;

/// Bytes read to decide what an input is.
const HEAD_BYTES: usize = 1024;

/// What an input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A source document of the parser's format.
    Source(Format),
    /// A normalized document (it starts like a JSON object).
    Json,
}

/// What kinds of input a reader takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    /// Sources and normalized documents.
    Any,
    /// Normalized documents only: anything else fails with
    /// [`InputError::NotJson`] after its first kilobyte.
    Json,
}

/// An input read into memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// What it is.
    pub kind: InputKind,
}

/// Why an input could not be read.
#[derive(Debug, Error)]
pub enum InputError {
    /// Reading failed (the message names no path: the caller knows it).
    #[error("cannot read it: {}", io_message(.0))]
    Io(#[source] io::Error),
    /// More bytes than the limit of what the input is.
    #[error("{} exceeds the limit of {}", .limit.describe(), .limit.format(*.max))]
    TooLarge {
        /// Which limit.
        limit: Limit,
        /// Its value.
        max: u64,
    },
    /// Not a JSON document, where only one is taken.
    #[error("not JSON: {}", match .looks_like {
        Format::Pdf => "it is a PDF",
        Format::Docx => "it is a Word document",
        Format::Html => "it is a web page",
        Format::Text => "it does not start with '{'",
    })]
    NotJson {
        /// What it looks like instead.
        looks_like: Format,
    },
}

impl InputError {
    /// The limit a [`InputError::TooLarge`] exceeded.
    pub fn limit(&self) -> Option<Limit> {
        match self {
            InputError::TooLarge { limit, .. } => Some(*limit),
            _ => None,
        }
    }
}

/// An I/O error's message without the " (os error N)" tail.
fn io_message(e: &io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(at) => s.get(..at).unwrap_or(&s).to_string(),
        None => s,
    }
}

/// Reads the input `path` ("-" is not special here: see [`read_input`]).
pub fn read_input_file(path: &Path, accept: Accept, limits: &Limits) -> Result<Input, InputError> {
    let mut file = std::fs::File::open(path).map_err(InputError::Io)?;
    let size = file
        .metadata()
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len());
    read_input(&mut file, size, accept, limits)
}

/// Reads an input from `r`. `size`, when known (a regular file's length),
/// lets an input already over its limit fail before the rest is read and
/// sizes the buffer exactly.
pub fn read_input(
    r: &mut dyn Read,
    size: Option<u64>,
    accept: Accept,
    limits: &Limits,
) -> Result<Input, InputError> {
    let mut bytes = Vec::new();
    r.take(HEAD_BYTES as u64)
        .read_to_end(&mut bytes)
        .map_err(InputError::Io)?;
    let kind = if looks_like_json(&bytes) {
        InputKind::Json
    } else if bytes.starts_with(b"PK\x03\x04") {
        // A ZIP package: its document part's name may lie past the first
        // kilobyte, so it is bounded as a Word document from its signature.
        InputKind::Source(Format::Docx)
    } else {
        InputKind::Source(Format::detect(&bytes))
    };
    let (max, limit) = match (kind, accept) {
        (InputKind::Json, _) => (limits.max_json_bytes, Limit::JsonBytes),
        (InputKind::Source(f), Accept::Any) => limits.source.max_bytes(f),
        (InputKind::Source(f), Accept::Json) => return Err(InputError::NotJson { looks_like: f }),
    };
    let too_large = InputError::TooLarge { limit, max };
    if size.is_some_and(|s| s > max) || bytes.len() as u64 > max {
        return Err(too_large);
    }
    if bytes.len() == HEAD_BYTES {
        if let Some(s) = size {
            bytes.reserve_exact(
                usize::try_from(s.saturating_sub(HEAD_BYTES as u64) + 1).unwrap_or(0),
            );
        }
        // One byte past the limit tells "at the limit" from "over it".
        let rest = max.saturating_add(1).saturating_sub(bytes.len() as u64);
        r.take(rest)
            .read_to_end(&mut bytes)
            .map_err(InputError::Io)?;
        if bytes.len() as u64 > max {
            return Err(too_large);
        }
    }
    Ok(Input { bytes, kind })
}

/// The identity of a file on its file system (device and inode on Unix):
/// two paths with the same id are the same file, whether through a
/// symbolic link, a hard link or `..`. Taken with `stat`, without opening
/// the file (opening a FIFO would wait for a writer).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FileId(FileIdInner);

#[cfg(unix)]
type FileIdInner = (u64, u64);
#[cfg(not(unix))]
type FileIdInner = std::path::PathBuf;

impl FileId {
    /// The id of the file `path` resolves to; `None` when there is none.
    pub fn of(path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let m = std::fs::metadata(path).ok()?;
            Some(FileId((m.dev(), m.ino())))
        }
        #[cfg(not(unix))]
        {
            path.canonicalize().ok().map(FileId)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_file_is_the_same_through_links() {
        let Ok(d) = tempfile::tempdir() else { return };
        let a = d.path().join("a.pdf");
        let _ = std::fs::write(&a, "x");
        let _ = std::os::unix::fs::symlink(&a, d.path().join("sym"));
        let _ = std::fs::hard_link(&a, d.path().join("hard"));
        let _ = std::fs::write(d.path().join("other"), "x");
        let id = FileId::of(&a);
        assert!(id.is_some());
        assert_eq!(FileId::of(&d.path().join("sym")), id);
        assert_eq!(FileId::of(&d.path().join("hard")), id);
        assert_eq!(FileId::of(&d.path().join("x/../a.pdf")), None);
        assert_ne!(FileId::of(&d.path().join("other")), id);
        assert_eq!(FileId::of(&d.path().join("missing")), None);
    }

    /// An endless reader of one byte.
    struct Endless(u8);

    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            buf.fill(self.0);
            Ok(buf.len())
        }
    }

    fn limits() -> Limits {
        let mut l = Limits::default();
        l.source.text.max_bytes = 4096;
        l.source.pdf.max_file_bytes = 8192;
        l.max_json_bytes = 2048;
        l
    }

    #[test]
    fn an_endless_stream_stops_at_the_limit_of_what_it_is() {
        let e = read_input(&mut Endless(b'y'), None, Accept::Any, &limits()).err();
        assert!(
            matches!(
                e,
                Some(InputError::TooLarge {
                    limit: Limit::TextBytes,
                    max: 4096
                })
            ),
            "{e:?}"
        );
        let mut pdf = b"%PDF-1.7\n".as_slice().chain(Endless(b' '));
        let e = read_input(&mut pdf, None, Accept::Any, &limits()).err();
        assert_eq!(e.and_then(|e| e.limit()), Some(Limit::PdfBytes));
        let mut json = b"{\"a\": \"".as_slice().chain(Endless(b'x'));
        let e = read_input(&mut json, None, Accept::Any, &limits()).err();
        assert_eq!(e.and_then(|e| e.limit()), Some(Limit::JsonBytes));
        let e = read_input(&mut Endless(0), None, Accept::Json, &limits()).err();
        assert!(matches!(
            e,
            Some(InputError::NotJson {
                looks_like: Format::Text
            })
        ));
    }

    #[test]
    fn inputs_at_the_limit_are_read_whole() {
        let text = vec![b'a'; 4096];
        let got = read_input(&mut text.as_slice(), None, Accept::Any, &limits()).ok();
        assert_eq!(
            got.map(|i| (i.bytes.len(), i.kind)),
            Some((4096, InputKind::Source(Format::Text)))
        );
        let small = b"\xEF\xBB\xBF {}";
        let got = read_input(&mut small.as_slice(), Some(6), Accept::Json, &limits()).ok();
        assert_eq!(got.map(|i| i.kind), Some(InputKind::Json));
        // A size already over the limit fails before the rest is read.
        let e = read_input(&mut Endless(b'y'), Some(1 << 40), Accept::Any, &limits()).err();
        assert_eq!(e.and_then(|e| e.limit()), Some(Limit::TextBytes));
    }

    #[test]
    fn io_errors_name_no_path() {
        let e = read_input_file(Path::new("/nonexistent/x.pdf"), Accept::Any, &limits()).err();
        assert_eq!(
            e.map(|e| e.to_string()).as_deref(),
            Some("cannot read it: No such file or directory")
        );
    }
}
