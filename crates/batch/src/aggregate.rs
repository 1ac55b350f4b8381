//! The aggregate outputs of a run, fed in input order as inputs finish:
//! the JSON Lines file or stream, and the CSV export's collector. The main
//! type is [`Aggregates`].

use crate::error::export_error;
use crate::fsx::Aggregate;
use crate::job::Chunk;
use crate::{BatchError, Config, Entry, Format, JSONL_FILE, export};
use std::io::{BufWriter, Write};
use std::path::Path;

/// Where JSON Lines go.
pub(crate) enum JsonlSink<'s> {
    File(Aggregate),
    Stream(BufWriter<&'s mut dyn Write>),
}

/// The aggregate outputs of a run, fed in input order. (One per run: the
/// size of its variants does not matter.)
#[allow(clippy::large_enum_variant)]
pub(crate) enum Aggregates<'s> {
    None,
    Jsonl {
        sink: JsonlSink<'s>,
        output: String,
        lines: u64,
    },
    Csv(export::Collector),
}

impl<'s> Aggregates<'s> {
    /// Opens the aggregate outputs of the run's format.
    pub(crate) fn open(
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
    pub(crate) fn emit(
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
    pub(crate) fn finish(
        self,
        sync: bool,
        outdir: &Path,
    ) -> Result<Option<export::Collector>, BatchError> {
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
