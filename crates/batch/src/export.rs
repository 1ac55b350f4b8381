//! The open-data export of a whole run (`--format csv`): one source per
//! budget, every row valid, the data package describing it.
//!
//! As inputs finish, [`Collector::push`] keeps each source's small facts
//! (its `documents.csv` fields, budget id, rank) and appends its rows and
//! amount fingerprint to unnamed spill files in the output directory, so
//! memory does not grow with the documents' size. [`Collector::finish`]
//! then, over the whole run:
//!
//! - picks for every `budget_id` the source read best ([`tidy::Rank`]) as
//!   the one exported; the others are listed in `documents.csv` as
//!   duplicates, with whether their amounts agree with it;
//! - writes `documents.csv` (every source, in input order), and the rows of
//!   the exported sources to `amounts.csv`, `indicators.csv` and
//!   `indicator_values.csv`;
//! - writes `datapackage.json` ([`crate::datapackage`]);
//! - returns the [`ExportReport`] for the manifest: rows left out (a row
//!   that would break the package's own constraints is never written),
//!   duplicates, the license and publisher stated, and warnings.

use crate::datapackage;
use crate::fsx::{self, Aggregate, Written};
use crate::tidy::{self, DOCUMENTS, DocRows, LeftOutLog, RESOURCES, Standing, amounts};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// What the data package says about itself beyond the data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The license of the data: an SPDX id ("CC0-1.0", "CC-BY-4.0") or a
    /// URL; `None` states none (with a warning).
    pub license: Option<String>,
    /// Who publishes the data ("Linköpings kommun").
    pub publisher: Option<String>,
}

/// Rows of one source left out of the export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftOutRows {
    /// The source.
    pub source_file: String,
    /// The resource ("amounts", "indicators", …).
    pub resource: String,
    /// The field that broke a constraint.
    pub field: String,
    /// What was wrong: required_field_empty, value_not_in_code_list,
    /// value_breaks_pattern, not_a_number, duplicate_primary_key, …
    pub problem: String,
    /// How many rows.
    pub rows: usize,
    /// The first of them, by its key.
    pub example: String,
}

/// What the export did, for the manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportReport {
    /// Budgets exported (distinct `budget_id`).
    pub budgets: usize,
    /// Sources (converted or kept inputs).
    pub sources: usize,
    /// Sources not exported because another source of the same budget was.
    pub duplicates: usize,
    /// Duplicates whose amounts differ from the exported source's.
    pub duplicates_disagreeing: usize,
    /// Rows left out because they would break a constraint of the package.
    pub rows_left_out: usize,
    /// Those rows, grouped by source, resource, field and problem.
    pub left_out: Vec<LeftOutRows>,
    /// The license stated in the package.
    pub license: Option<String>,
    /// The publisher stated in the package.
    pub publisher: Option<String>,
    /// What a publisher should look at.
    pub warnings: Vec<String>,
}

/// A byte range of a spill file.
#[derive(Debug, Clone, Copy, Default)]
struct Range {
    start: u64,
    len: u64,
}

/// The spill files: amounts, indicators, indicator values, fingerprints.
const SPILLS: usize = 4;

/// One source as the collector keeps it.
#[derive(Debug)]
struct Kept {
    source_file: String,
    sha256: String,
    budget_id: String,
    rank: tidy::Rank,
    document: Vec<String>,
    left_out: LeftOutLog,
    ranges: [Range; SPILLS],
}

/// Gathers the sources of a run as they finish, in input order.
#[derive(Debug)]
pub struct Collector {
    dir: PathBuf,
    spills: Vec<(File, u64)>,
    kept: Vec<Kept>,
}

/// Why the export could not be written: the file and the error.
#[derive(Debug)]
pub struct ExportError {
    /// The file.
    pub path: PathBuf,
    /// Why.
    pub source: io::Error,
}

fn at(path: PathBuf) -> impl FnOnce(io::Error) -> ExportError {
    move |source| ExportError { path, source }
}

impl Collector {
    /// A collector spilling into `dir` (the output directory).
    pub fn new(dir: &Path) -> Result<Collector, ExportError> {
        let mut spills = Vec::with_capacity(SPILLS);
        for _ in 0..SPILLS {
            spills.push((
                tempfile::tempfile_in(dir).map_err(at(dir.to_path_buf()))?,
                0,
            ));
        }
        Ok(Collector {
            dir: dir.to_path_buf(),
            spills,
            kept: Vec::new(),
        })
    }

    /// Takes one source's rows (call in input order).
    pub fn push(&mut self, rows: DocRows) -> Result<(), ExportError> {
        let fingerprint: Vec<u8> = rows
            .fingerprint
            .iter()
            .flat_map(|h| h.to_le_bytes())
            .collect();
        let mut ranges = [Range::default(); SPILLS];
        for ((bytes, (file, end)), range) in
            [&rows.amounts, &rows.indicators, &rows.kolada, &fingerprint]
                .into_iter()
                .zip(self.spills.iter_mut())
                .zip(ranges.iter_mut())
        {
            file.write_all(bytes).map_err(at(self.dir.clone()))?;
            *range = Range {
                start: *end,
                len: bytes.len() as u64,
            };
            *end += bytes.len() as u64;
        }
        self.kept.push(Kept {
            source_file: rows.source_file,
            sha256: rows.sha256,
            budget_id: rows.budget_id,
            rank: rows.rank,
            document: rows.document,
            left_out: rows.left_out,
            ranges,
        });
        Ok(())
    }

    /// Writes the CSV files and `datapackage.json` (see the module docs).
    pub fn finish(mut self, meta: &PackageMeta<'_>) -> Result<ExportReport, ExportError> {
        let standings = self.standings()?;
        let mut report = ExportReport {
            sources: self.kept.len(),
            license: meta.options.license.clone(),
            publisher: meta.options.publisher.clone(),
            ..ExportReport::default()
        };
        let mut written = Vec::with_capacity(RESOURCES.len());
        written.push(self.write_documents(&standings, meta.sync, &mut report)?);
        for (spill, r) in RESOURCES.iter().skip(1).enumerate() {
            written.push(self.write_rows(spill, r, &standings, meta.sync)?);
        }
        for k in &self.kept {
            for l in &k.left_out.0 {
                report.left_out.push(LeftOutRows {
                    source_file: k.source_file.clone(),
                    resource: l.resource.to_string(),
                    field: l.field.to_string(),
                    problem: l.problem.to_string(),
                    rows: l.rows,
                    example: l.example.clone(),
                });
            }
        }
        report.rows_left_out = report.left_out.iter().map(|l| l.rows).sum();
        summarize(&self.kept, &standings, &mut report);
        let sources: Vec<datapackage::SourceRef<'_>> = self
            .kept
            .iter()
            .map(|k| datapackage::SourceRef {
                path: &k.source_file,
                sha256: &k.sha256,
            })
            .collect();
        let dp = datapackage::descriptor(&datapackage::Package {
            written: &written,
            created: meta.created,
            tool_version: meta.tool_version,
            schema_version: meta.schema_version,
            options: meta.options,
            sources: &sources,
        });
        let mut bytes = serde_json::to_vec_pretty(&dp).unwrap_or_default();
        bytes.push(b'\n');
        let path = self.dir.join(crate::DATAPACKAGE_FILE);
        fsx::write_atomic(&path, &bytes, meta.sync).map_err(at(path))?;
        Ok(report)
    }

    /// Every source's standing: exported, or a duplicate of the source of
    /// its budget read best.
    fn standings(&mut self) -> Result<Vec<Standing>, ExportError> {
        let mut best: HashMap<&str, usize> = HashMap::new();
        for (i, k) in self.kept.iter().enumerate() {
            let e = best.entry(k.budget_id.as_str()).or_insert(i);
            if self.kept.get(*e).is_some_and(|b| k.rank < b.rank) {
                *e = i;
            }
        }
        let best: Vec<usize> = self
            .kept
            .iter()
            .map(|k| best.get(k.budget_id.as_str()).copied().unwrap_or(0))
            .collect();
        let mut out = Vec::with_capacity(self.kept.len());
        for (i, &b) in best.iter().enumerate() {
            if i == b {
                out.push(Standing::Exported);
                continue;
            }
            let mine = self.fingerprint(i)?;
            let theirs = self.fingerprint(b)?;
            out.push(Standing::Duplicate {
                of: self
                    .kept
                    .get(b)
                    .map(|k| k.source_file.clone())
                    .unwrap_or_default(),
                differing: amounts::differing(&mine, &theirs),
            });
        }
        Ok(out)
    }

    fn fingerprint(&mut self, i: usize) -> Result<Vec<u64>, ExportError> {
        let Some(range) = self
            .kept
            .get(i)
            .and_then(|k| k.ranges.get(SPILLS - 1))
            .copied()
        else {
            return Ok(Vec::new());
        };
        let mut bytes = Vec::new();
        self.copy(SPILLS - 1, range, &mut |b| {
            bytes.extend_from_slice(b);
            Ok(())
        })?;
        Ok(bytes
            .chunks_exact(8)
            .map(|c| {
                let mut a = [0u8; 8];
                a.copy_from_slice(c);
                u64::from_le_bytes(a)
            })
            .collect())
    }

    /// Reads a range of a spill file, piece by piece.
    fn copy(
        &mut self,
        spill: usize,
        range: Range,
        sink: &mut dyn FnMut(&[u8]) -> io::Result<()>,
    ) -> Result<(), ExportError> {
        let dir = self.dir.clone();
        let Some((file, _)) = self.spills.get_mut(spill) else {
            return Ok(());
        };
        file.seek(SeekFrom::Start(range.start))
            .map_err(at(dir.clone()))?;
        let mut rest = range.len;
        let mut buf = vec![0u8; 64 * 1024];
        while rest > 0 {
            let want = usize::try_from(rest.min(buf.len() as u64)).unwrap_or(buf.len());
            let chunk = buf.get_mut(..want).unwrap_or_default();
            file.read_exact(chunk).map_err(at(dir.clone()))?;
            sink(chunk).map_err(at(dir.clone()))?;
            rest -= want as u64;
        }
        file.seek(SeekFrom::End(0)).map_err(at(dir))?;
        Ok(())
    }

    fn write_documents(
        &mut self,
        standings: &[Standing],
        sync: bool,
        report: &mut ExportReport,
    ) -> Result<Option<Written>, ExportError> {
        let path = self.dir.join(DOCUMENTS.path);
        let mut out = Aggregate::create(path.clone()).map_err(at(path.clone()))?;
        out.write(&tidy::csv::header(&DOCUMENTS))
            .map_err(at(path.clone()))?;
        let mut w = tidy::csv::TableWriter::new(&DOCUMENTS);
        for (k, s) in self.kept.iter_mut().zip(standings) {
            if k.document.is_empty() {
                continue;
            }
            if let Err(v) = w.push(tidy::document_record(&k.document, s)) {
                // Its other rows refer to it: none of them is written.
                k.left_out.add(DOCUMENTS.name, v, || k.source_file.clone());
                k.document.clear();
                continue;
            }
            out.write(&w.take_bytes()).map_err(at(path.clone()))?;
        }
        report.budgets = standings
            .iter()
            .zip(&self.kept)
            .filter(|(s, k)| **s == Standing::Exported && !k.document.is_empty())
            .count();
        out.finish(sync).map(Some).map_err(at(path))
    }

    fn write_rows(
        &mut self,
        spill: usize,
        r: &tidy::Resource,
        standings: &[Standing],
        sync: bool,
    ) -> Result<Option<Written>, ExportError> {
        let path = self.dir.join(r.path);
        let mut out = Aggregate::create(path.clone()).map_err(at(path.clone()))?;
        out.write(&tidy::csv::header(r)).map_err(at(path.clone()))?;
        let ranges: Vec<Range> = self
            .kept
            .iter()
            .zip(standings)
            .filter(|(k, s)| **s == Standing::Exported && !k.document.is_empty())
            .filter_map(|(k, _)| k.ranges.get(spill).copied())
            .collect();
        for range in ranges {
            self.copy(spill, range, &mut |b| out.write(b))?;
        }
        out.finish(sync).map(Some).map_err(at(path))
    }
}

/// The package's facts that do not come from the rows.
#[derive(Debug, Clone, Copy)]
pub struct PackageMeta<'a> {
    /// RFC 3339 time of the run.
    pub created: &'a str,
    /// The tool version.
    pub tool_version: &'a str,
    /// The document schema version.
    pub schema_version: &'a str,
    /// License and publisher.
    pub options: &'a Options,
    /// Sync files to disk before renaming them into place.
    pub sync: bool,
}

fn summarize(kept: &[Kept], standings: &[Standing], report: &mut ExportReport) {
    for (k, s) in kept.iter().zip(standings) {
        if let Standing::Duplicate { of, differing } = s {
            report.duplicates += 1;
            if *differing > 0 {
                report.duplicates_disagreeing += 1;
                report.warnings.push(format!(
                    "{} and {} are sources of budget {} but {} of their amounts differ; the amounts of {} were exported",
                    k.source_file, of, k.budget_id, differing, of
                ));
            }
        }
    }
    if report.rows_left_out > 0 {
        report.warnings.push(format!(
            "{} rows left out of the open-data export because they would break a constraint of the data package (see export.left_out in the manifest)",
            report.rows_left_out
        ));
    }
    if report.license.is_none() {
        report.warnings.push(
            "no license stated: datapackage.json names none, so a portal cannot tell whether the data may be reused (give one with --license, e.g. CC0-1.0 or CC-BY-4.0)".to_string(),
        );
    }
}
