//! Finishing a run: the entries in input order (walk failures last), and
//! the run's own files — the export's data package, the error report and
//! the manifest, each written atomically — after which the journal is
//! removed. The main function is [`write_files`], which makes the
//! [`Summary`].

use crate::error::export_error;
use crate::inputs::InputFile;
use crate::job::{failed_entry, failure};
use crate::journal::Journal;
use crate::{
    BatchError, Config, Counts, ERRORS_FILE, Entry, ErrorKind, MANIFEST_FILE, Manifest, Status,
    Summary, export, fsx, manifest,
};
use std::path::{Path, PathBuf};

/// The entries of `files` in input order, then `walk_entries`; an input
/// without an entry (only if a worker thread died outside the per-input
/// guard) is a failure, counted in `counts`.
pub(crate) fn in_input_order(
    entries: Vec<Option<Entry>>,
    files: &[InputFile],
    walk_entries: Vec<Entry>,
    counts: &mut Counts,
) -> Vec<Entry> {
    let mut all: Vec<Entry> = Vec::with_capacity(files.len() + walk_entries.len());
    for (slot, f) in entries.into_iter().zip(files) {
        all.push(slot.unwrap_or_else(|| {
            counts.add(Status::Failed);
            failed_entry(
                f.name.clone(),
                Some(failure(ErrorKind::Panic, "the worker stopped")),
            )
        }));
    }
    all.extend(walk_entries);
    all
}

/// Writes the run's own files: for a directory run the data package (CSV
/// export), `errors.txt` and `manifest.json`, then removes the journal;
/// for a stream run the manifest file asked for, if any.
pub(crate) fn write_files(
    config: &Config,
    outdir: Option<&Path>,
    collector: Option<export::Collector>,
    manifest: Manifest,
    journal: Option<Journal>,
    removed_temps: usize,
) -> Result<Summary, BatchError> {
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
                tool_version: &config.tool_version,
                schema_version: internbudget_normalizer::SCHEMA_VERSION,
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
        if let Some(j) = journal {
            j.remove();
        }
    } else if let Some(p) = &config.manifest {
        summary.manifest_path = Some(write(p.clone(), &pretty(&summary.manifest))?);
    }
    Ok(summary)
}

/// Pretty JSON with a final newline, for the run's own files (serializing
/// a manifest or a `Value` cannot fail).
fn pretty<T: serde::Serialize>(v: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(v).unwrap_or_default();
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_without_an_entry_are_failures_and_walk_failures_come_last() {
        let file = |name: &str| InputFile {
            path: PathBuf::from(name),
            rel: PathBuf::from(name),
            name: name.to_string(),
        };
        let files = [file("a.pdf"), file("b.pdf")];
        let mut ok = failed_entry("a.pdf".into(), None);
        ok.status = Status::Ok;
        let walk = failed_entry("c".into(), Some(failure(ErrorKind::Io, "unreadable")));
        let mut counts = Counts::default();
        let all = in_input_order(vec![Some(ok), None], &files, vec![walk], &mut counts);
        let names: Vec<&str> = all.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(names, ["a.pdf", "b.pdf", "c"]);
        assert_eq!(
            all[1].error.as_ref().map(|e| e.kind),
            Some(ErrorKind::Panic)
        );
        assert_eq!((counts.total, counts.failed), (1, 1));
    }
}
