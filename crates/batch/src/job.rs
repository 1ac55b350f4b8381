//! Converting one input, on a worker thread: its output path checked
//! against the run's own files and the inputs, its bytes read within the
//! limits, an unchanged input kept from an earlier run, the document
//! extracted and written atomically (or kept for an aggregate output). A
//! failure of any kind, a panic included, becomes the input's
//! [`EntryError`], never an abort ([`process`]). The main types are
//! [`Ctx`], what every job shares, and [`Chunk`], what a job gives the
//! aggregate outputs.

use crate::inputs::InputFile;
use crate::manifest::PreviousRuns;
use crate::{
    Config, DATAPACKAGE_FILE, Entry, EntryError, ErrorKind, Extractor, Format, MANIFEST_FILE,
    Status, fsx, panics, tidy,
};
use internbudget_normalizer::{Accept, Document, FileId, InputError, Limits};
use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What every job of a run shares.
pub(crate) struct Ctx<'a> {
    pub cfg: &'a Config,
    pub outdir: Option<&'a Path>,
    /// Inputs an earlier run converted, by name.
    pub previous: PreviousRuns,
    pub extract: &'a Extractor<'a>,
    /// The files of every input: no output may replace one.
    pub input_ids: HashSet<FileId>,
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

/// What a job gives the run's aggregate outputs.
pub(crate) enum Chunk {
    None,
    /// A line of JSON Lines.
    Line(Vec<u8>),
    /// The tidy rows of a document.
    Csv(Box<tidy::DocRows>),
}

/// A finished job: the input's place in the run, its entry and chunk.
pub(crate) struct Outcome {
    pub index: usize,
    pub entry: Entry,
    pub chunk: Chunk,
}

/// An input's error.
pub(crate) fn failure(kind: ErrorKind, message: impl Into<String>) -> EntryError {
    EntryError {
        kind,
        message: message.into(),
    }
}

/// The entry of an input that has not (yet) succeeded.
pub(crate) fn failed_entry(path: String, error: Option<EntryError>) -> Entry {
    Entry {
        path,
        sha256: None,
        bytes: None,
        status: Status::Failed,
        output: None,
        line: None,
        warnings: None,
        tables: None,
        indicators: None,
        error,
        millis: 0,
    }
}

/// Reserved output names: a per-input output must not replace them.
fn reserved(name: &str) -> bool {
    [MANIFEST_FILE, DATAPACKAGE_FILE].contains(&name)
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

/// Refuses an output (`name` at `path`) that would replace one of the
/// run's own files or an input.
fn check_output(ctx: &Ctx<'_>, name: &str, path: &Path) -> Result<(), EntryError> {
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
    Ok(())
}

/// The chunk of an input unchanged since a run that converted it into
/// `name` at `path` (its bytes hash to `sha256`), its entry marked skipped;
/// `None` when it must be converted (again).
fn keep_unchanged(
    ctx: &Ctx<'_>,
    f: &InputFile,
    (name, path): (&str, &Path),
    sha256: &str,
    entry: &mut Entry,
) -> Option<Chunk> {
    let cfg = ctx.cfg;
    let prev = ctx.previous.get(&f.name)?;
    if prev.sha256 != sha256 || prev.output != name || !path.is_file() {
        return None;
    }
    let kept = |entry: &mut Entry| {
        entry.status = Status::Skipped;
        entry.output = Some(name.to_string());
        entry.warnings = prev.warnings;
        entry.tables = prev.tables;
        entry.indicators = prev.indicators;
    };
    match cfg.format {
        Format::Json => {
            kept(entry);
            Some(Chunk::None)
        }
        Format::Csv => {
            // The tidy rows come from the kept document; one that cannot
            // be read back is converted again.
            let doc = read_document(path, &cfg.limits).filter(|d| d.source.sha256 == sha256)?;
            kept(entry);
            count_into(entry, &doc);
            Some(Chunk::Csv(Box::new(tidy::rows(&doc, &f.name))))
        }
        Format::Jsonl => None,
    }
}

/// Writes the document where the format wants it: a JSON Lines line, or
/// the per-input JSON file (`output`) and, for CSV, the tidy rows.
fn write_document(
    ctx: &Ctx<'_>,
    f: &InputFile,
    doc: &Document,
    output: Option<&(String, PathBuf)>,
    entry: &mut Entry,
) -> Result<Chunk, EntryError> {
    let cfg = ctx.cfg;
    Ok(match cfg.format {
        Format::Jsonl => {
            let mut line = serde_json::to_vec(doc).map_err(|e| {
                failure(ErrorKind::Io, format!("cannot serialize the document: {e}"))
            })?;
            line.push(b'\n');
            Chunk::Line(line)
        }
        Format::Json | Format::Csv => {
            if let Some((name, path)) = output {
                // Serialized straight into the file.
                fsx::write_atomic_with(path, cfg.sync, &mut |w| {
                    if cfg.compact {
                        serde_json::to_writer(&mut *w, doc)?;
                    } else {
                        serde_json::to_writer_pretty(&mut *w, doc)?;
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
                Chunk::Csv(Box::new(tidy::rows(doc, &f.name)))
            } else {
                Chunk::None
            }
        }
    })
}

/// Converts one input; every failure becomes an `EntryError`.
fn convert(ctx: &Ctx<'_>, f: &InputFile, entry: &mut Entry) -> Result<Chunk, EntryError> {
    let cfg = ctx.cfg;
    let output = ctx.output_of(f);
    if let Some((name, path)) = &output {
        check_output(ctx, name, path)?;
    }
    let bytes = read_input(cfg, f, entry)?;
    let sha256 = internbudget_normalizer::sha256_hex(&bytes);
    entry.sha256 = Some(sha256.clone());
    if !cfg.force
        && let Some((name, path)) = &output
        && let Some(chunk) = keep_unchanged(ctx, f, (name, path), &sha256, entry)
    {
        return Ok(chunk);
    }
    let file_name = f.path.to_string_lossy();
    let doc =
        (ctx.extract)(&file_name, &bytes).map_err(|e| failure(e.kind().into(), e.to_string()))?;
    drop(bytes);
    count_into(entry, &doc);
    let chunk = write_document(ctx, f, &doc, output.as_ref(), entry)?;
    entry.status = Status::Ok;
    Ok(chunk)
}

/// Converts one input, catching panics; never fails.
pub(crate) fn process(ctx: &Ctx<'_>, f: &InputFile) -> (Entry, Chunk) {
    let start = Instant::now();
    let mut entry = failed_entry(f.name.clone(), None);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runs_own_files_are_reserved_names() {
        assert!(reserved("manifest.json"));
        assert!(reserved("datapackage.json"));
        assert!(!reserved("a/manifest.json"));
        assert!(!reserved("budget.pdf.json"));
    }

    #[test]
    fn a_fresh_entry_is_a_failure_until_it_succeeds() {
        let e = failed_entry("a.pdf".into(), Some(failure(ErrorKind::Io, "gone")));
        assert_eq!(e.status, Status::Failed);
        assert_eq!(
            e.error.map(|e| (e.kind, e.message)),
            Some((ErrorKind::Io, "gone".into()))
        );
        assert_eq!((e.output, e.sha256, e.millis), (None, None, 0));
    }
}
