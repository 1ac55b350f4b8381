//! Tidy long tables of a normalized document, for open-data portals.
//!
//! Four tables, each described once by its [`Resource`] (fields, types,
//! constraints, keys; [`resources`]) so that the CSV header, the check every
//! row passes and the Frictionless `datapackage.json` cannot disagree:
//!
//! - `documents.csv`: one row per converted source, with its `budget_id`;
//! - `amounts.csv`: one row per printed amount, named in the Fiscal Data
//!   Package vocabulary (`fiscal_year`, `phase`, `direction`, `currency`,
//!   `unit_factor`), with what is needed to sum without double counting
//!   (`table_primary`, `table_status`, `value_type`, `additive`; [`amounts`]);
//! - `indicators.csv`: one row per printed indicator value ("I.U." and other
//!   markers become an empty `value` with `value_status`), one per group of
//!   a cell that prints several; and `indicator_values.csv`, the same
//!   indicators in Kolada's shape ([`indicators`]).
//!
//! [`rows`] turns one document into its rows. A row that would break a
//! constraint of its resource is not written; it is counted in
//! [`DocRows::left_out`] (and so in the manifest and `documents.csv`).
//! Which source of a budget is exported is decided later, over the whole
//! run (`crate::export`).
//!
//! Numbers are written exactly as the decimal the document holds (never via
//! a binary float), with a dot as decimal separator and no grouping. An empty
//! field is a missing value; text fields are quoted.

pub mod amounts;
pub mod csv;
pub mod indicators;
pub mod resources;
pub mod schema;

pub use resources::{AMOUNTS, DOCUMENTS, INDICATORS, KOLADA};
pub use schema::{Field, FieldType, ForeignKey, Problem, Resource, Violation};

use csv::TableWriter;
use internbudget_normalizer::{Document, SourceFormat};
use std::borrow::Cow;

/// The tidy tables, in the order the data package lists them.
pub const RESOURCES: [Resource; 4] = [DOCUMENTS, AMOUNTS, INDICATORS, KOLADA];

/// The `budget_id` of a document in the export: the document's own, or
/// "source-" and 16 hex digits of its SHA-256 when it does not tell its
/// municipality, committee and year (so identical files are one budget and
/// different ones never are).
pub fn budget_id(doc: &Document) -> String {
    match &doc.document.budget_id {
        Some(id) => id.clone(),
        None => format!(
            "source-{}",
            doc.source.sha256.get(..16).unwrap_or(&doc.source.sha256)
        ),
    }
}

/// Rows of one resource left out of the export for one reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The resource ("amounts", …).
    pub resource: &'static str,
    /// The field that broke a constraint.
    pub field: &'static str,
    /// What was wrong ([`Problem::code`]).
    pub problem: &'static str,
    /// How many rows.
    pub rows: usize,
    /// The first such row, by its key ("t2/ekonomiskt_bistand/budget_2021").
    pub example: String,
}

/// The rows left out of one document, grouped by resource, field and problem.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LeftOutLog(pub Vec<LeftOut>);

impl LeftOutLog {
    /// Records a row of `resource` left out for `v`; `example` names it.
    pub fn add(&mut self, resource: &'static str, v: Violation, example: impl FnOnce() -> String) {
        let problem = v.problem.code();
        match self
            .0
            .iter_mut()
            .find(|l| l.resource == resource && l.field == v.field && l.problem == problem)
        {
            Some(l) => l.rows += 1,
            None => self.0.push(LeftOut {
                resource,
                field: v.field,
                problem,
                rows: 1,
                example: example(),
            }),
        }
    }

    /// All rows left out.
    pub fn total(&self) -> usize {
        self.0.iter().map(|l| l.rows).sum()
    }
}

/// How well a source was read, to choose which source of a budget to
/// export: fewer failed checks, fewer rows left out, more content, fewer
/// warnings, then PDF before tab-separated before layout text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rank {
    checks_failed: usize,
    left_out: usize,
    content: std::cmp::Reverse<usize>,
    warnings: usize,
    format: u8,
}

/// Everything one document contributes to the export.
#[derive(Debug, Clone)]
pub struct DocRows {
    /// Its path relative to the batch root.
    pub source_file: String,
    /// Its SHA-256.
    pub sha256: String,
    /// See [`budget_id`].
    pub budget_id: String,
    /// How well it was read.
    pub rank: Rank,
    /// Its `documents.csv` record; the duplicate fields are filled in once
    /// the run knows every source of the budget ([`DocRows::document_record`]).
    pub document: Vec<String>,
    /// Rows of `amounts.csv` (no header).
    pub amounts: Vec<u8>,
    /// Rows of `indicators.csv`.
    pub indicators: Vec<u8>,
    /// Rows of `indicator_values.csv`.
    pub kolada: Vec<u8>,
    /// What was left out.
    pub left_out: LeftOutLog,
    /// One hash per amount (table role and place among the tables of its
    /// role, row, column, value), sorted: two sources of a budget agree
    /// when these are equal.
    pub fingerprint: Vec<u64>,
}

/// How a source stands among the sources of its budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// Its rows are the budget's in the export.
    Exported,
    /// Another source's rows were exported.
    Duplicate {
        /// That source.
        of: String,
        /// How many amounts one has and the other has not (0: they agree).
        differing: usize,
    },
}

/// A source's `documents.csv` record ([`DocRows::document`]) with its
/// standing filled in.
pub fn document_record<'a>(fields: &'a [String], standing: &Standing) -> Vec<Cow<'a, str>> {
    let mut rec: Vec<Cow<'a, str>> = fields.iter().map(|s| Cow::Borrowed(s.as_str())).collect();
    let (exported, of, agree, differing) = match standing {
        Standing::Exported => ("true", String::new(), "", String::new()),
        Standing::Duplicate { of, differing } => (
            "false",
            of.clone(),
            if *differing == 0 { "true" } else { "false" },
            differing.to_string(),
        ),
    };
    for (name, value) in [
        ("exported", Cow::Borrowed(exported)),
        ("duplicate_of", Cow::Owned(of)),
        ("amounts_agree", Cow::Borrowed(agree)),
        ("amounts_differing", Cow::Owned(differing)),
    ] {
        if let Some(slot) = DOCUMENTS.index_of(name).and_then(|i| rec.get_mut(i)) {
            *slot = value;
        }
    }
    rec
}

/// The fields every row of a document shares.
pub(crate) struct Common<'a> {
    pub budget_id: &'a str,
    pub source_file: &'a str,
    pub sha256: &'a str,
    pub municipality_code: &'a str,
    pub municipality_name: &'a str,
    pub committee: &'a str,
    pub document_year: String,
}

impl<'a> Common<'a> {
    fn of(doc: &'a Document, budget_id: &'a str, source_file: &'a str) -> Self {
        let m = &doc.document.municipality;
        Common {
            budget_id,
            source_file,
            sha256: &doc.source.sha256,
            municipality_code: m.code.as_deref().unwrap_or(""),
            municipality_name: m.short_name.as_deref().or(m.name.as_deref()).unwrap_or(""),
            committee: doc.document.committee.as_deref().unwrap_or(""),
            document_year: opt(doc.document.budget_year),
        }
    }
}

/// An optional value as a field ("" when absent).
pub(crate) fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

/// Turns one document into its rows; `source_file` is its path relative to
/// the batch root.
pub fn rows(doc: &Document, source_file: &str) -> DocRows {
    let budget_id = budget_id(doc);
    let common = Common::of(doc, &budget_id, source_file);
    let mut left_out = LeftOutLog::default();
    let mut amounts = TableWriter::new(&AMOUNTS);
    for t in &doc.tables {
        amounts::write(&common, t, &mut amounts, &mut left_out);
    }
    let mut indicators = TableWriter::new(&INDICATORS);
    let mut kolada = TableWriter::new(&KOLADA);
    indicators::write(&common, &doc.indicators, &mut indicators, &mut left_out);
    indicators::write_kolada(&common, &doc.indicators, &mut kolada, &mut left_out);
    let counts = (amounts.rows(), indicators.rows());
    let mut document = document_fields(doc, &common, counts, left_out.total());
    // The document's own row must hold: the other rows refer to it.
    let mut check = TableWriter::new(&DOCUMENTS);
    let mut out = DocRows {
        source_file: source_file.to_string(),
        sha256: doc.source.sha256.clone(),
        budget_id: budget_id.clone(),
        rank: Rank {
            checks_failed: doc.checks.iter().filter(|c| !c.ok).count(),
            left_out: left_out.total(),
            content: std::cmp::Reverse(counts.0 + counts.1),
            warnings: doc.warnings.len(),
            // The exact grids of Word documents and web pages first.
            format: match doc.source.format {
                SourceFormat::Docx => 0,
                SourceFormat::Html => 1,
                SourceFormat::Pdf => 2,
                SourceFormat::TextTabular => 3,
                SourceFormat::TextLayout => 4,
            },
        },
        document: Vec::new(),
        amounts: Vec::new(),
        indicators: Vec::new(),
        kolada: Vec::new(),
        left_out: LeftOutLog::default(),
        fingerprint: amounts::fingerprint(doc),
    };
    match check.push(document_record(&document, &Standing::Exported)) {
        Ok(()) => {
            out.amounts = amounts.into_bytes();
            out.indicators = indicators.into_bytes();
            out.kolada = kolada.into_bytes();
        }
        Err(v) => {
            // Without its document row no other row of it may stand.
            left_out.add(DOCUMENTS.name, v, || source_file.to_string());
            for (resource, n) in [
                (AMOUNTS.name, counts.0),
                (INDICATORS.name, counts.1),
                (KOLADA.name, kolada.rows()),
            ] {
                if n > 0 {
                    left_out.0.push(LeftOut {
                        resource,
                        field: "source_file",
                        problem: "document_row_left_out",
                        rows: n,
                        example: source_file.to_string(),
                    });
                }
            }
            document.clear();
        }
    }
    out.document = document;
    out.left_out = left_out;
    out
}

/// The `documents.csv` fields of a document (standing fields empty).
fn document_fields(
    doc: &Document,
    c: &Common<'_>,
    (amounts, indicator_values): (usize, usize),
    left_out: usize,
) -> Vec<String> {
    let d = &doc.document;
    let m = &d.municipality;
    let s = &doc.source;
    let plan_years: Vec<String> = d.plan_years.iter().map(i32::to_string).collect();
    let primary: Vec<&str> = doc
        .tables
        .iter()
        .filter(|t| t.primary)
        .map(|t| t.id.as_str())
        .collect();
    vec![
        c.source_file.to_string(),
        c.budget_id.to_string(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        s.sha256.clone(),
        s.format.as_str().to_string(),
        s.encoding.clone().unwrap_or_default(),
        s.pages.to_string(),
        s.bytes.to_string(),
        c.municipality_code.to_string(),
        c.municipality_name.to_string(),
        m.name.clone().unwrap_or_default(),
        m.county_code.clone().unwrap_or_default(),
        m.county.clone().unwrap_or_default(),
        c.committee.to_string(),
        d.title.clone().unwrap_or_default(),
        c.document_year.clone(),
        plan_years.join(" "),
        doc.schema_version.clone(),
        doc.tables.len().to_string(),
        primary.join(" "),
        amounts.to_string(),
        indicator_values.to_string(),
        doc.checks.len().to_string(),
        doc.checks.iter().filter(|c| !c.ok).count().to_string(),
        doc.warnings.len().to_string(),
        left_out.to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_are_ascii_snake_case_and_keys_hold() {
        for r in RESOURCES {
            let mut seen = std::collections::HashSet::new();
            for f in r.fields {
                assert!(
                    f.name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                    "{}",
                    f.name
                );
                assert!(seen.insert(f.name), "duplicate {}", f.name);
            }
            for k in r.primary_key {
                let f = r.fields.iter().find(|f| f.name == *k).unwrap();
                assert!(f.required, "primary key field {k} must be required");
            }
            for fk in r.foreign_keys {
                for k in fk.fields {
                    assert!(r.index_of(k).is_some(), "{k}");
                }
            }
        }
    }
}
