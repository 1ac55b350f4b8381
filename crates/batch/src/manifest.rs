//! The run manifest (`OUTDIR/manifest.json`), the journal a run appends to as
//! it goes (so that a run killed mid-way is resumed, not redone), and the
//! typed error kinds a failed input is reported with.
//!
//! The manifest lists every input of the run in input order with its
//! SHA-256, status (`ok`, `failed`, `skipped`), output, warning count and —
//! when it failed — a stable error kind and a message. A rerun skips an
//! input whose path, SHA-256, tool version and schema version match an `ok`
//! (or `skipped`) entry of the previous manifest or journal and whose output
//! still exists.

use internbudget_layout::{MAX_PRINTED_CHARS, printable};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

/// Version of the manifest format.
pub const MANIFEST_VERSION: &str = "1.0";

/// What happened to one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Converted in this run.
    Ok,
    /// Could not be converted; see `error`.
    Failed,
    /// Unchanged since a previous run that converted it; its output was kept.
    Skipped,
}

/// Why an input failed, as a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The file has no bytes (or only whitespace).
    Empty,
    /// Not a PDF and not text in any supported encoding.
    Binary,
    /// Claims to be a PDF but has no PDF header.
    NotPdf,
    /// A PDF or Word document whose structure cannot be read.
    Damaged,
    /// A PDF that needs a password.
    Encrypted,
    /// A PDF encrypted with a method the reader cannot decrypt.
    UnsupportedEncryption,
    /// Larger than a limit (the batch's file-size limit, or a limit of
    /// reading, parsing or normalizing it); the message names the limit.
    TooLarge,
    /// The document took longer than its time limit.
    Timeout,
    /// The PDF parser failed unexpectedly.
    PdfInternal,
    /// A PDF without a text layer (a scan).
    NoTextLayer,
    /// Readable, but holds no budget table and no indicator row.
    NoBudgetContent,
    /// A normalized document (JSON), not a source.
    NormalizedDocument,
    /// The conversion panicked (a bug); the message says where.
    Panic,
    /// The input could not be read, or its output could not be written.
    Io,
    /// The input's output path is one of the run's own files
    /// (manifest.json …) or resolves to an input of the run.
    OutputConflict,
}

impl ErrorKind {
    /// Every kind.
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::Empty,
        ErrorKind::Binary,
        ErrorKind::NotPdf,
        ErrorKind::Damaged,
        ErrorKind::Encrypted,
        ErrorKind::UnsupportedEncryption,
        ErrorKind::TooLarge,
        ErrorKind::Timeout,
        ErrorKind::PdfInternal,
        ErrorKind::NoTextLayer,
        ErrorKind::NoBudgetContent,
        ErrorKind::NormalizedDocument,
        ErrorKind::Panic,
        ErrorKind::Io,
        ErrorKind::OutputConflict,
    ];

    /// The snake_case code written to the manifest (serde's name).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Empty => "empty",
            ErrorKind::Binary => "binary",
            ErrorKind::NotPdf => "not_pdf",
            ErrorKind::Damaged => "damaged",
            ErrorKind::Encrypted => "encrypted",
            ErrorKind::UnsupportedEncryption => "unsupported_encryption",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Timeout => "timeout",
            ErrorKind::PdfInternal => "pdf_internal",
            ErrorKind::NoTextLayer => "no_text_layer",
            ErrorKind::NoBudgetContent => "no_budget_content",
            ErrorKind::NormalizedDocument => "normalized_document",
            ErrorKind::Panic => "panic",
            ErrorKind::Io => "io",
            ErrorKind::OutputConflict => "output_conflict",
        }
    }
}

impl From<internbudget_normalizer::ErrorKind> for ErrorKind {
    fn from(k: internbudget_normalizer::ErrorKind) -> ErrorKind {
        use internbudget_normalizer::ErrorKind as K;
        match k {
            K::Empty => ErrorKind::Empty,
            K::Binary => ErrorKind::Binary,
            K::NotPdf => ErrorKind::NotPdf,
            K::Damaged => ErrorKind::Damaged,
            K::Encrypted => ErrorKind::Encrypted,
            K::UnsupportedEncryption => ErrorKind::UnsupportedEncryption,
            K::TooLarge => ErrorKind::TooLarge,
            K::Timeout => ErrorKind::Timeout,
            K::PdfInternal => ErrorKind::PdfInternal,
            K::NoTextLayer => ErrorKind::NoTextLayer,
            K::NoBudgetContent => ErrorKind::NoBudgetContent,
            K::NormalizedDocument => ErrorKind::NormalizedDocument,
        }
    }
}

/// The error of a failed input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryError {
    /// Stable code.
    pub kind: ErrorKind,
    /// What happened, for a person.
    pub message: String,
}

/// One input of the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Path relative to the run's root, '/'-separated.
    pub path: String,
    /// SHA-256 of the input's bytes (absent when it could not be read).
    pub sha256: Option<String>,
    /// Size in bytes.
    pub bytes: Option<u64>,
    /// What happened.
    pub status: Status,
    /// The output, relative to the output directory ("a/b.pdf.json",
    /// "documents.jsonl"); absent for a failed input.
    pub output: Option<String>,
    /// The 1-based line of a JSON Lines output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// Number of warnings in the document.
    pub warnings: Option<usize>,
    /// Number of amount tables in the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tables: Option<usize>,
    /// Number of indicator rows in the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicators: Option<usize>,
    /// Why it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<EntryError>,
    /// Wall time spent on the input, in milliseconds.
    pub millis: u64,
}

/// How many inputs ended how.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// All inputs.
    pub total: usize,
    /// Converted in this run.
    pub ok: usize,
    /// Failed.
    pub failed: usize,
    /// Unchanged and kept from a previous run.
    pub skipped: usize,
    /// Files of directory walks left alone: not of an input kind (not
    /// counted in `total`).
    #[serde(default)]
    pub ignored: usize,
}

impl Counts {
    /// Counts one entry.
    pub fn add(&mut self, s: Status) {
        self.total += 1;
        match s {
            Status::Ok => self.ok += 1,
            Status::Failed => self.failed += 1,
            Status::Skipped => self.skipped += 1,
        }
    }
}

/// The manifest of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Version of this format, "1.0".
    pub manifest_version: String,
    /// "internbudget".
    pub tool: String,
    /// Version of the tool that ran.
    pub tool_version: String,
    /// Version of the document schema the outputs follow.
    pub schema_version: String,
    /// The output format: json, jsonl or csv.
    pub format: String,
    /// The directory input paths are relative to.
    pub root: String,
    /// Start, RFC 3339 UTC.
    pub started: String,
    /// End, RFC 3339 UTC.
    pub finished: String,
    /// Wall time of the run in milliseconds.
    pub millis: u64,
    /// Worker threads.
    pub jobs: usize,
    /// Totals.
    pub counts: Counts,
    /// Every input, in input order.
    pub inputs: Vec<Entry>,
    /// What the open-data export did (`--format csv`): budgets, duplicates,
    /// rows left out, license, warnings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export: Option<crate::export::ExportReport>,
    /// Files of directory walks that are not of an input kind (a README,
    /// a JSON file…), left alone; relative to the root.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignored: Vec<String>,
}

/// One line of the journal: an entry and the versions that produced it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JournalLine {
    /// Tool version.
    pub tool_version: String,
    /// Schema version.
    pub schema_version: String,
    /// The entry.
    pub entry: Entry,
}

/// An earlier successful conversion of an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Previous {
    /// SHA-256 of the input then.
    pub sha256: String,
    /// Its output, relative to the output directory.
    pub output: String,
    /// Its counts.
    pub warnings: Option<usize>,
    /// Its tables.
    pub tables: Option<usize>,
    /// Its indicators.
    pub indicators: Option<usize>,
}

/// What earlier runs into the same directory converted, by input path.
pub type PreviousRuns = HashMap<String, Previous>;

fn remember(map: &mut PreviousRuns, e: Entry) {
    match (e.status, e.sha256, e.output) {
        (Status::Ok | Status::Skipped, Some(sha256), Some(output)) => {
            map.insert(
                e.path,
                Previous {
                    sha256,
                    output,
                    warnings: e.warnings,
                    tables: e.tables,
                    indicators: e.indicators,
                },
            );
        }
        _ => {
            map.remove(&e.path);
        }
    }
}

/// Loads what the manifest and the journal in `dir` say was converted by
/// this tool and schema version. Missing or unreadable files count as
/// nothing converted; a torn last journal line is ignored.
pub fn load_previous(
    manifest: &Path,
    journal: &Path,
    tool_version: &str,
    schema_version: &str,
) -> PreviousRuns {
    let mut map = PreviousRuns::new();
    if let Ok(bytes) = std::fs::read(manifest)
        && let Ok(m) = serde_json::from_slice::<Manifest>(&bytes)
        && m.tool_version == tool_version
        && m.schema_version == schema_version
    {
        for e in m.inputs {
            remember(&mut map, e);
        }
    }
    if let Ok(f) = std::fs::File::open(journal) {
        for line in std::io::BufReader::new(f).split(b'\n') {
            let Ok(line) = line else { break };
            let Ok(j) = serde_json::from_slice::<JournalLine>(&line) else {
                continue;
            };
            if j.tool_version == tool_version && j.schema_version == schema_version {
                remember(&mut map, j.entry);
            } else {
                map.remove(&j.entry.path);
            }
        }
    }
    map
}

/// The error report: one line per failed input, "path: kind: message",
/// control characters in paths and messages escaped.
pub fn error_report(m: &Manifest) -> String {
    let mut out = String::new();
    for e in &m.inputs {
        if let Some(err) = &e.error {
            out.push_str(&printable(&e.path, usize::MAX));
            out.push_str(": ");
            out.push_str(err.kind.as_str());
            out.push_str(": ");
            out.push_str(&printable(&err.message, MAX_PRINTED_CHARS * 4));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_are_serdes_and_the_normalizers() {
        for k in ErrorKind::ALL {
            assert_eq!(
                serde_json::to_value(k).unwrap(),
                serde_json::Value::from(k.as_str())
            );
        }
        for k in internbudget_normalizer::ErrorKind::ALL {
            assert_eq!(ErrorKind::from(*k).as_str(), k.as_str());
        }
    }

    fn entry(path: &str, status: Status, sha: &str) -> Entry {
        Entry {
            path: path.into(),
            sha256: Some(sha.into()),
            bytes: Some(1),
            status,
            output: (status != Status::Failed).then(|| format!("{path}.json")),
            line: None,
            warnings: Some(0),
            tables: None,
            indicators: None,
            error: None,
            millis: 0,
        }
    }

    #[test]
    fn journal_overrides_manifest_and_torn_lines_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let manifest = Manifest {
            manifest_version: MANIFEST_VERSION.into(),
            tool: "internbudget".into(),
            tool_version: "1".into(),
            schema_version: "1.0.0".into(),
            format: "json".into(),
            root: ".".into(),
            started: String::new(),
            finished: String::new(),
            millis: 0,
            jobs: 1,
            counts: Counts::default(),
            ignored: Vec::new(),
            inputs: vec![
                entry("a", Status::Ok, "aa"),
                entry("b", Status::Ok, "bb"),
                entry("c", Status::Failed, "cc"),
            ],
            export: None,
        };
        let mp = dir.path().join("manifest.json");
        std::fs::write(&mp, serde_json::to_vec(&manifest).unwrap()).unwrap();
        let jp = dir.path().join("journal");
        let line = |e: Entry, v: &str| {
            let mut s = serde_json::to_string(&JournalLine {
                tool_version: v.into(),
                schema_version: "1.0.0".into(),
                entry: e,
            })
            .unwrap();
            s.push('\n');
            s
        };
        let mut j = String::new();
        j += &line(entry("b", Status::Failed, "bb"), "1");
        j += &line(entry("d", Status::Ok, "dd"), "1");
        j += &line(entry("e", Status::Ok, "ee"), "0");
        j += "{\"tool_version\":\"1\",\"sch";
        std::fs::write(&jp, j).unwrap();
        let prev = load_previous(&mp, &jp, "1", "1.0.0");
        let mut keys: Vec<&str> = prev.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["a", "d"]);
        // Another tool version: nothing from the manifest.
        let prev = load_previous(&mp, &jp, "2", "1.0.0");
        assert!(prev.is_empty());
    }
}
