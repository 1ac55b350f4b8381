//! Turns what the parser read into the normalized document of schema v1:
//! column and row semantics, exact amounts, placement of amounts whose
//! columns the source did not show, reconciliation checks, indicator values,
//! the municipality and its SCB code — every value with its provenance.
//!
//! [`extract`] runs the whole pipeline on a file's bytes; [`normalize`] runs
//! the last stage on an already parsed document; [`schema_json`] and
//! [`validate`] give and apply the JSON Schema.

pub mod amount;
mod checks;
mod columns;
pub mod municipality;
mod placement;
mod rows;
pub mod schema;
pub mod values;

pub use amount::Amount;
pub use schema::*;

use internbudget_layout::Deadline;
use internbudget_parser::{self as parser, Origin, ParseError, Parsed, RowValues};
use sha2::{Digest, Sha256};
use thiserror::Error;

/// Why a file could not be extracted.
#[derive(Debug, Error)]
pub enum ExtractError {
    /// The source could not be read or holds no budget content.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// The document's time limit passed while it was being normalized.
    #[error(
        "normalizing the tables took longer than the limit of {limit:?} (max_time_per_document)"
    )]
    Timeout {
        /// The time limit.
        limit: std::time::Duration,
    },
}

impl From<parser::ReadError> for ExtractError {
    fn from(e: parser::ReadError) -> Self {
        ExtractError::Parse(ParseError::Read(e))
    }
}

/// Reads, parses and normalizes one source file (default limits).
pub fn extract(file_name: &str, bytes: &[u8]) -> Result<Document, ExtractError> {
    extract_with(file_name, bytes, &parser::source::Limits::default())
}

/// Reads, parses and normalizes one source file within `limits` (file
/// size, objects, streams, pages, operators, nesting). The time limit,
/// `max_time_per_document`, covers all three stages: it starts here and
/// each stage stops with a timeout error once it has passed.
pub fn extract_with(
    file_name: &str,
    bytes: &[u8],
    limits: &parser::source::Limits,
) -> Result<Document, ExtractError> {
    let deadline = Deadline::after(limits.max_time_per_document);
    let (format, layout) = parser::source::read_until(bytes, limits, deadline)?;
    let parsed = parser::parse_document_until(&layout, &deadline)?;
    let source = Source {
        file: std::path::Path::new(file_name).file_name().map_or_else(
            || file_name.to_string(),
            |f| f.to_string_lossy().into_owned(),
        ),
        sha256: sha256_hex(bytes),
        bytes: bytes.len() as u64,
        format: match (format, layout.kind) {
            (parser::Format::Pdf, _) => SourceFormat::Pdf,
            (parser::Format::Docx, _) => SourceFormat::Docx,
            (parser::Format::Html, _) => SourceFormat::Html,
            (_, internbudget_layout::SourceKind::TabText) => SourceFormat::TextTabular,
            _ => SourceFormat::TextLayout,
        },
        encoding: layout.encoding.map(str::to_string),
        pages: u32::try_from(layout.pages.len()).unwrap_or(u32::MAX),
        lines: layout.line_count,
    };
    normalize_until(&parsed, source, &deadline)
}

/// Lowercase hex SHA-256 of the bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest.iter() {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Normalizes a parsed document, without a time limit.
pub fn normalize(parsed: &Parsed, source: Source) -> Document {
    build(parsed, source, &Deadline::never())
}

/// Normalizes a parsed document, giving up with [`ExtractError::Timeout`]
/// once `deadline` has passed (placing amounts whose columns the source did
/// not show is the one search here that can grow with a table's size).
pub fn normalize_until(
    parsed: &Parsed,
    source: Source,
    deadline: &Deadline,
) -> Result<Document, ExtractError> {
    let doc = build(parsed, source, deadline);
    // Placement stops early when time runs out: its choices are then not
    // the best it would have found, and the document is not returned.
    if deadline.passed() {
        return Err(ExtractError::Timeout {
            limit: deadline.limit(),
        });
    }
    Ok(doc)
}

fn build(parsed: &Parsed, source: Source, deadline: &Deadline) -> Document {
    let facts = &parsed.facts;
    let budget_year = facts.budget_year;
    let mut warnings: Vec<Warning> = parsed
        .notes
        .iter()
        .map(|n| Warning {
            code: note_code(n.kind),
            message: n.message.clone(),
            provenance: Some(provenance(&n.origin)),
        })
        .collect();
    let mut tables = Vec::new();
    let mut checks = Vec::new();
    for (i, t) in parsed.tables.iter().enumerate() {
        let id = format!("t{}", i + 1);
        let (table, mut table_checks) = table(t, id, budget_year, &mut warnings, deadline);
        tables.push(table);
        checks.append(&mut table_checks);
    }
    let indicators = indicators(parsed, budget_year);
    let meta: Vec<&str> = facts.metadata.iter().map(String::as_str).collect();
    let municipality = municipality::find(&facts.text_sample, &meta);
    if municipality.code.is_none() {
        warnings.push(Warning {
            code: WarningCode::MunicipalityUnknown,
            message: "no municipality of SCB's register is named in the document".into(),
            provenance: None,
        });
    }
    let mut plan_years = facts.plan_years.clone();
    if plan_years.is_empty() {
        plan_years = tables
            .iter()
            .flat_map(|t| t.columns.iter())
            .filter(|c| c.kind == Some(ColumnKind::Plan))
            .filter_map(|c| c.year)
            .filter(|y| budget_year.is_none_or(|b| *y > b))
            .collect();
        plan_years.sort_unstable();
        plan_years.dedup();
    }
    Document {
        schema_version: SCHEMA_VERSION.to_string(),
        document: DocumentInfo {
            municipality,
            committee: facts.committee.clone(),
            title: facts.title.clone(),
            budget_year,
            plan_years,
            provenance: facts.title_origin.as_ref().map(provenance),
        },
        source,
        tables,
        indicators,
        checks,
        warnings,
    }
}

/// The warning code of a parser note.
fn note_code(kind: parser::NoteKind) -> WarningCode {
    match kind {
        parser::NoteKind::TableSkipped => WarningCode::TableSkipped,
        parser::NoteKind::AmountDropped => WarningCode::AmountDropped,
        parser::NoteKind::AmountOutsideColumns => WarningCode::AmountOutsideColumns,
        parser::NoteKind::IndicatorLayoutLost => WarningCode::IndicatorLayoutLost,
    }
}

/// Converts a parser origin to schema provenance.
pub fn provenance(o: &Origin) -> Provenance {
    let round = |v: f32| (v * 10.0).round() / 10.0;
    Provenance {
        page: o.page,
        line: o.line,
        line_end: o.line_end,
        bbox: o
            .bbox
            .map(|r| [round(r.x0), round(r.y0), round(r.x1), round(r.y1)]),
        table: o.cell.map(|c| c.table.get()),
        row: o.cell.and_then(|c| c.row).map(|n| n.get()),
        col: o.cell.and_then(|c| c.col).map(|n| n.get()),
        paragraph: o.cell.and_then(|c| c.paragraph).map(|n| n.get()),
    }
}

fn table(
    t: &parser::Table,
    id: String,
    budget_year: Option<i32>,
    warnings: &mut Vec<Warning>,
    deadline: &Deadline,
) -> (Table, Vec<Check>) {
    let mut columns: Vec<Column> = t
        .columns
        .iter()
        .map(|c| columns::classify(c, budget_year, false))
        .collect();
    columns::dedupe_keys(&mut columns);
    let n = columns.len();
    let context = format!("{} {}", t.title, t.header_text).to_lowercase();
    let role = if ["investering", "nettoutgift", "nettoinvester"]
        .iter()
        .any(|w| context.contains(w))
    {
        TableRole::Investments
    } else {
        TableRole::OperatingSummary
    };
    let unit = unit_of(&context);
    let infos = rows::classify(&t.rows, &columns, budget_year);
    // Rows that carry amounts, with their cells parsed.
    struct Kept<'a> {
        row: &'a parser::Row,
        info: rows::RowInfo,
        cells: Vec<Option<(Amount, Provenance)>>,
    }
    let mut kept: Vec<Kept<'_>> = Vec::new();
    let mut index_of: Vec<Option<usize>> = vec![None; t.rows.len()];
    for (i, (row, info)) in t.rows.iter().zip(infos).enumerate() {
        let Some(info) = info else { continue };
        let cells = row
            .values
            .cells()
            .iter()
            .map(|c| {
                let c = c.as_ref()?;
                match Amount::parse_printed(&c.text) {
                    Some(a) => Some((a, provenance(&c.origin))),
                    None => {
                        warnings.push(Warning {
                            code: WarningCode::UnreadAmount,
                            message: format!(
                                "\"{}\" in row \"{}\" is not an amount; left empty",
                                c.text, info.label
                            ),
                            provenance: Some(provenance(&c.origin)),
                        });
                        None
                    }
                }
            })
            .collect();
        if let Some(slot) = index_of.get_mut(i) {
            *slot = Some(kept.len());
        }
        kept.push(Kept { row, info, cells });
    }
    let work: Vec<placement::Work> = kept
        .iter()
        .map(|k| placement::Work {
            kind: k.info.kind,
            total_like: k.info.total_like,
            cells: k.cells.iter().map(|c| c.map(|(a, _)| a)).collect(),
            placed: matches!(k.row.values, RowValues::Placed(_)),
        })
        .collect();
    let choices = placement::place(&work, &columns, budget_year, deadline);
    // Amounts in their columns, row by row.
    type Placed = (Vec<Option<Amount>>, Vec<Option<Provenance>>, Placement);
    let mut placed: Vec<Placed> = Vec::with_capacity(kept.len());
    for (j, k) in kept.iter().enumerate() {
        let mut values = vec![None; n];
        let mut value_provenance = vec![None; n];
        let mut placement_kind = Placement::Printed;
        match choices.get(j).cloned().flatten() {
            Some(choice) => {
                placement_kind = choice.method;
                for (cell, col) in k.cells.iter().zip(&choice.columns) {
                    if let Some(slot) = values.get_mut(*col) {
                        *slot = cell.map(|c| c.0);
                    }
                    if let Some(slot) = value_provenance.get_mut(*col) {
                        *slot = cell.map(|c| c.1);
                    }
                }
                let from = choice
                    .columns
                    .first()
                    .and_then(|c| columns.get(*c))
                    .map(|c| c.label.clone());
                let to = choice
                    .columns
                    .last()
                    .and_then(|c| columns.get(*c))
                    .map(|c| c.label.clone());
                let how = match choice.method {
                    Placement::Reconciliation => "so that the table reconciles",
                    _ => "by the row kind",
                };
                warnings.push(Warning {
                    code: WarningCode::PlacementInferred,
                    message: format!(
                        "the {} amounts of \"{}\" do not show their columns in the source; placed in {} – {} {}",
                        k.cells.len(),
                        k.info.label,
                        from.unwrap_or_default(),
                        to.unwrap_or_default(),
                        how
                    ),
                    provenance: Some(provenance(&k.row.origin)),
                });
            }
            None => {
                for (c, cell) in k.cells.iter().enumerate().take(n) {
                    if let Some(slot) = values.get_mut(c) {
                        *slot = cell.map(|c| c.0);
                    }
                    if let Some(slot) = value_provenance.get_mut(c) {
                        *slot = cell.map(|c| c.1);
                    }
                }
            }
        }
        placed.push((values, value_provenance, placement_kind));
    }
    let grid: Vec<Vec<Option<Amount>>> = placed.iter().map(|p| p.0.clone()).collect();
    let mut infos: Vec<rows::RowInfo> = kept.iter().map(|k| k.info.clone()).collect();
    let turned = rows::settle_change_runs(&mut infos, &grid);
    if let (Some(&first), Some(parent)) = (
        turned.first(),
        turned
            .first()
            .and_then(|&r| kept.get(r))
            .and_then(|k| k.info.parent)
            .and_then(|p| t.rows.get(p)),
    ) {
        let names: Vec<&str> = turned
            .iter()
            .filter_map(|&r| infos.get(r).map(|i| i.label.as_str()))
            .collect();
        warnings.push(Warning {
            code: WarningCode::ChangeRunEnded,
            message: format!(
                "\"{}\" read as line item(s), not as changes under \"{}\": the source does not show where its changes end, and only so do the line items sum to the total",
                names.join("\", \""),
                parent.label.trim()
            ),
            provenance: kept.get(first).map(|k| provenance(&k.row.origin)),
        });
    }
    let labels: Vec<&str> = infos.iter().map(|i| i.label.as_str()).collect();
    let keys = rows::keys(&labels);
    let mut out_rows: Vec<Row> = Vec::with_capacity(kept.len());
    for (j, ((k, info), (values, value_provenance, placement_kind))) in
        kept.iter().zip(&infos).zip(placed).enumerate()
    {
        let parent_idx = info.parent.and_then(|p| index_of.get(p).copied().flatten());
        out_rows.push(Row {
            key: keys.get(j).cloned().unwrap_or_default(),
            label: info.label.clone(),
            kind: info.kind,
            parent: parent_idx
                .and_then(|p| infos.get(p))
                .map(|p| p.label.clone()),
            parent_key: parent_idx.and_then(|p| keys.get(p)).cloned(),
            section: info.section.clone(),
            group: None,
            note: None,
            footnotes: info.footnotes.clone(),
            values,
            value_provenance,
            placement: placement_kind,
            provenance: provenance(&k.row.origin),
        });
    }
    // Checks on the final table.
    let refs: Vec<checks::RowRef<'_>> = out_rows
        .iter()
        .zip(&infos)
        .map(|(r, info)| checks::RowRef {
            kind: r.kind,
            total_like: info.total_like,
            values: &r.values,
        })
        .collect();
    let raw = checks::reconcile(&refs, n);
    let out_checks: Vec<Check> = raw
        .iter()
        .map(|c| Check {
            table: id.clone(),
            kind: c.kind,
            column: columns
                .get(c.column)
                .map(|col| col.key.clone())
                .unwrap_or_default(),
            year: columns.get(c.column).and_then(|col| col.year),
            expected: c.expected,
            found: c.found,
            difference: c.found - c.expected,
            ok: c.ok(),
            within_rounding: c.within_rounding(&refs),
            rows: c
                .rows
                .iter()
                .filter_map(|&r| out_rows.get(r).map(|row| row.key.clone()))
                .collect(),
        })
        .collect();
    let failed = out_checks.iter().filter(|c| !c.ok).count();
    if failed > 0 {
        warnings.push(Warning {
            code: WarningCode::ChecksFailed,
            message: format!(
                "{failed} of {} reconciliation checks of table {id} (\"{}\") do not hold; see checks",
                out_checks.len(),
                t.title
            ),
            provenance: Some(provenance(&t.origin)),
        });
    }
    let footnotes = t
        .footnotes
        .iter()
        .map(|f| {
            let f = f.trim();
            let marker: String = f
                .chars()
                .take_while(|c| *c == '*' || c.is_ascii_digit())
                .collect();
            Footnote {
                text: f.get(marker.len()..).unwrap_or("").trim().to_string(),
                marker,
            }
        })
        .collect();
    let title = if t.title.is_empty() {
        match role {
            TableRole::Investments => "Investeringar".to_string(),
            _ => "Driftsammandrag".to_string(),
        }
    } else {
        t.title.clone()
    };
    (
        Table {
            id,
            role,
            title,
            unit: Some(unit),
            unit_factor: Some(unit.factor()),
            columns,
            rows: out_rows,
            footnotes,
            provenance: provenance(&t.origin),
        },
        out_checks,
    )
}

/// The unit named in a table's title or header; tkr when none is named.
fn unit_of(context: &str) -> Unit {
    let words: Vec<&str> = context.split(|c: char| !c.is_alphanumeric()).collect();
    if words.iter().any(|w| matches!(*w, "mnkr" | "mkr" | "msek"))
        || context.contains("miljoner kronor")
    {
        Unit::Mnkr
    } else if words
        .iter()
        .any(|w| matches!(*w, "tkr" | "kkr" | "tsek" | "tusental"))
        || context.contains("tusen kronor")
    {
        Unit::Tkr
    } else if words.iter().any(|w| matches!(*w, "kr" | "kronor" | "sek")) {
        Unit::Kr
    } else {
        Unit::Tkr
    }
}

fn indicators(parsed: &Parsed, budget_year: Option<i32>) -> Vec<Indicator> {
    let mut out = Vec::new();
    for t in &parsed.indicator_tables {
        let columns: Vec<Column> = t
            .columns
            .iter()
            .map(|c| columns::classify(c, budget_year, true))
            .collect();
        let mut parent: Option<String> = None;
        for r in &t.rows {
            let sub = parser::is_sub_indicator(&r.indicator) && parent.is_some();
            if !sub {
                parent = Some(r.indicator.clone());
            }
            let values = r
                .cells
                .iter()
                .zip(columns.iter().zip(t.columns.iter()))
                .filter_map(|(cell, (col, header))| {
                    let cell = cell.as_ref()?;
                    let raw = cell.text.split_whitespace().collect::<Vec<_>>().join(" ");
                    if raw.is_empty() {
                        return None;
                    }
                    Some(IndicatorValue {
                        kind: col.kind.unwrap_or(ColumnKind::Outcome),
                        year: col.year,
                        partial: header.partial.clone(),
                        parsed: values::parse(&raw),
                        raw,
                        provenance: provenance(&cell.origin),
                    })
                })
                .collect();
            out.push(Indicator {
                id: format!("i{}", out.len() + 1),
                goal_area: r.goal_area.clone(),
                municipal_goal: r.municipal_goal.clone(),
                committee_goal: r.committee_goal.clone(),
                indicator: r.indicator.clone(),
                kind: if sub {
                    IndicatorKind::SubIndicator
                } else {
                    IndicatorKind::Indicator
                },
                parent: if sub { parent.clone() } else { None },
                values,
                provenance: provenance(&r.origin),
            });
        }
    }
    out
}

/// The JSON Schema (draft 2020-12) of the normalized document.
pub fn schema_json() -> serde_json::Value {
    schema_for::<Document>(SCHEMA_ID)
}

/// The JSON Schema (draft 2020-12) of `T`, under the id `id`: the document
/// schema here, the diff schema in `internbudget-diff`.
pub fn schema_for<T: schemars::JsonSchema>(id: &str) -> serde_json::Value {
    let schema = schemars::schema_for!(T);
    let mut value = serde_json::to_value(&schema).unwrap_or_default();
    if let Some(obj) = value.as_object_mut() {
        obj.insert(
            "$schema".into(),
            "https://json-schema.org/draft/2020-12/schema".into(),
        );
        obj.insert("$id".into(), id.into());
    }
    value
}

/// Why a JSON value does not follow its schema.
#[derive(Debug, Error)]
pub enum ValidateError {
    /// The schema itself could not be compiled (a bug).
    #[error("the schema cannot be compiled: {0}")]
    Schema(String),
    /// The value breaks the schema; one message per violation.
    #[error("{} schema violation(s): {}", .0.len(), .0.join("; "))]
    Invalid(Vec<String>),
}

/// Validates a JSON value against the document schema.
pub fn validate(instance: &serde_json::Value) -> Result<(), ValidateError> {
    validate_with(&schema_json(), instance)
}

/// Validates a JSON value against a schema, listing every violation.
pub fn validate_with(
    schema: &serde_json::Value,
    instance: &serde_json::Value,
) -> Result<(), ValidateError> {
    let validator =
        jsonschema::validator_for(schema).map_err(|e| ValidateError::Schema(e.to_string()))?;
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{}: {}", e.instance_path(), e))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ValidateError::Invalid(errors))
    }
}
