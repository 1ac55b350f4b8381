//! Turns what the parser read into the normalized document of schema v1:
//! column and row semantics, exact amounts, placement of amounts whose
//! columns the source did not show, reconciliation checks, indicator values,
//! the municipality and its SCB code — every value with its provenance.
//!
//! [`extract_with`] runs the whole pipeline on a file's bytes within the
//! pipeline's [`Limits`], failing with a typed [`ExtractError`] (its
//! [`ErrorKind`] and the [`Limit`] it exceeded); [`normalize`] runs the last
//! stage on an already parsed document; [`read_document_json`] reads a
//! normalized document back under the rules every reader shares;
//! [`schema_json`] and [`validate`] give and apply the JSON Schema.

mod amount;
mod extract;
mod identity;
mod input;
mod load;
mod municipality;
mod schema;
mod table;
mod values;

pub use amount::Amount;
pub use extract::{
    ErrorKind, ExtractError, Limits, extract, extract_until, extract_with, sha256_hex,
};
pub use input::{Accept, FileId, Input, InputError, InputKind, read_input, read_input_file};
pub use internbudget_layout::Limit;
pub use load::{JsonError, Violation, looks_like_json, read_document_json};
pub use schema::*;
pub use values::parse as parse_indicator_value;

use internbudget_layout::Deadline;
use internbudget_parser::{self as parser, Origin, Parsed};
use thiserror::Error;

/// A table whose cells were put in columns by their order (its layout
/// lost in the export) and one of whose sums fails in two columns or more
/// is not given out: a row that left a cell out has its amounts shifted
/// into the wrong years, and nothing tells which. It becomes a `table_skipped` warning — a
/// missing table rather than wrong numbers.
fn withheld(t: &parser::Table, table: &Table, checks: &[Check]) -> Option<Warning> {
    // Sums down the columns are what a shifted row breaks.
    let sums = |c: &&Check| {
        matches!(
            c.kind,
            CheckKind::SumOfLineItems | CheckKind::SumOfBlock | CheckKind::RevenuePlusCost
        )
    };
    let failing: Vec<&Check> = checks
        .iter()
        .filter(sums)
        .filter(|c| !c.ok && !c.within_rounding)
        .collect();
    let failed = failing.len();
    // A row whose amounts moved to other columns breaks its sum in two
    // columns or more; one sum off in one column is the source's own slip
    // (reported as a failed check, the table kept).
    let shifted = failing.iter().any(|c| {
        failing
            .iter()
            .filter(|d| d.rows.first() == c.rows.first() && d.kind == c.kind)
            .count()
            >= 2
    });
    // A label that ends in amounts ("Vinterväghållning 50 861 50 861"): the
    // row printed more amounts than the table has columns, so cells of
    // other rows were taken for its own.
    let overflow = t
        .rows
        .iter()
        .find(|r| table::trailing_amounts(&r.label) >= 2);
    // Amounts under no label: the export ran cells of several rows into
    // lines of their own, and whose they are cannot be told.
    let unlabelled = t
        .rows
        .iter()
        .filter(|r| r.label.trim().is_empty() && r.values.cells().iter().any(Option::is_some))
        .count();
    if t.columns_by_order && unlabelled > 0 && !shifted && overflow.is_none() {
        return Some(Warning {
            code: WarningCode::TableSkipped,
            message: format!(
                "the table \"{}\" was not read: this export lost its layout, so its cells are in columns only by their order, and {unlabelled} of its lines hold amounts under no label — whose row they are cannot be told",
                table.title
            ),
            provenance: Some(table.provenance),
        });
    }
    if !t.columns_by_order || !(shifted || overflow.is_some()) {
        return None;
    }
    if let (false, Some(r)) = (shifted, overflow) {
        return Some(Warning {
            code: WarningCode::TableSkipped,
            message: format!(
                "the table \"{}\" was not read: this export lost its layout, so its cells are in columns only by their order, and the row \"{}\" prints more amounts than the table has columns — cells of other rows were read into it",
                table.title, r.label
            ),
            provenance: Some(table.provenance),
        });
    }
    Some(Warning {
        code: WarningCode::TableSkipped,
        message: format!(
            "the table \"{}\" was not read: this export lost its layout, so its cells are in columns only by their order, and {failed} of its {} sums do not hold — a row that left a cell out would shift its amounts into other years, and which one cannot be told",
            table.title,
            checks.iter().filter(sums).count()
        ),
        provenance: Some(table.provenance),
    })
}

/// A table two or more of whose cells are digit groups that are no amount
/// ("000": a number cut at its thousands space) is withheld: where one such
/// cut was made, the amounts beside it were cut too, and which digits make
/// which amount cannot be told. `own`: the warnings the table gave.
fn cut_apart(table: &Table, own: &[Warning]) -> Option<Warning> {
    let fragments = own
        .iter()
        .filter(|w| w.code == WarningCode::UnreadAmount)
        .count();
    (fragments >= 2).then(|| Warning {
        code: WarningCode::TableSkipped,
        message: format!(
            "the table \"{}\" was not read: {fragments} of its cells are parts of numbers cut at a thousands space, so which digits make which amount cannot be told",
            table.title
        ),
        provenance: Some(table.provenance),
    })
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
    let budget_year = facts
        .budget_year
        .or_else(|| table::columns::budget_year(&parsed.tables));
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
    for t in &parsed.tables {
        let id = format!("t{}", tables.len() + 1);
        let before = warnings.len();
        let (table, mut table_checks) = table::table(t, id, budget_year, &mut warnings, deadline);
        let own = warnings.get(before..).unwrap_or(&[]);
        if let Some(w) = withheld(t, &table, &table_checks).or_else(|| cut_apart(&table, own)) {
            warnings.truncate(before);
            warnings.push(w);
            continue;
        }
        tables.push(table);
        checks.append(&mut table_checks);
    }
    identity::mark_tables(&mut tables);
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
    let budget_id = identity::budget_id(
        municipality.code.as_deref(),
        facts.committee.as_deref(),
        budget_year,
    );
    Document {
        schema_version: SCHEMA_VERSION.to_string(),
        document: DocumentInfo {
            budget_id,
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
        parser::NoteKind::IndicatorColumnSkipped => WarningCode::IndicatorColumnSkipped,
    }
}

/// Converts a parser origin to schema provenance.
pub(crate) fn provenance(o: &Origin) -> Provenance {
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

fn indicators(parsed: &Parsed, budget_year: Option<i32>) -> Vec<Indicator> {
    let mut out = Vec::new();
    for t in &parsed.indicator_tables {
        let columns: Vec<Column> = t
            .columns
            .iter()
            .map(|c| table::columns::classify(c, budget_year, true))
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
    /// The value breaks the schema; one entry per violation.
    #[error("{} schema violation{}: {}", .0.len(), if .0.len() == 1 { "" } else { "s" }, .0.iter().map(Violation::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Violation>),
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
    let errors: Vec<Violation> = validator
        .iter_errors(instance)
        .map(|e| Violation {
            path: e.instance_path().to_string(),
            message: e.to_string(),
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ValidateError::Invalid(errors))
    }
}
