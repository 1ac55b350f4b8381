//! The Frictionless `datapackage.json` (Data Package v2, Table Schema v2)
//! that describes the tidy CSV files, so that a portal loads them without
//! hand work: field types and descriptions, code lists (`enum`), patterns,
//! `required`, primary keys, foreign keys to `documents`, the CSV dialect,
//! the decimal convention (a dot, no grouping), the missing-value
//! convention (an empty field), and each file's size and SHA-256.

use crate::fsx::Written;
use crate::tidy::{FieldType, RESOURCES, Resource};
use serde_json::{Map, Value, json};

/// The Data Package v2 profile.
pub const PROFILE: &str = "https://datapackage.org/profiles/2.0/datapackage.json";

fn field_json(f: &crate::tidy::Field) -> Value {
    let mut o = Map::new();
    o.insert("name".into(), f.name.into());
    o.insert("type".into(), f.ty.name().into());
    o.insert("description".into(), f.description.into());
    match f.ty {
        FieldType::Number => {
            o.insert("decimalChar".into(), ".".into());
            o.insert("bareNumber".into(), true.into());
        }
        FieldType::Boolean => {
            o.insert("trueValues".into(), json!(["true"]));
            o.insert("falseValues".into(), json!(["false"]));
        }
        FieldType::Integer => {
            o.insert("bareNumber".into(), true.into());
        }
        FieldType::String => {}
    }
    let mut c = Map::new();
    if f.required {
        c.insert("required".into(), true.into());
    }
    if !f.values.is_empty() {
        c.insert("enum".into(), json!(f.values));
    }
    if let Some(p) = f.pattern {
        c.insert("pattern".into(), p.into());
    }
    if !c.is_empty() {
        o.insert("constraints".into(), Value::Object(c));
    }
    Value::Object(o)
}

fn resource_json(r: &Resource, written: Option<&Written>) -> Value {
    let mut schema = json!({
        "fields": r.fields.iter().map(field_json).collect::<Vec<_>>(),
        "missingValues": [""],
        "primaryKey": r.primary_key,
    });
    if r.refers_to_documents
        && let Some(o) = schema.as_object_mut()
    {
        o.insert(
            "foreignKeys".into(),
            json!([{
                "fields": ["source_file"],
                "reference": {"resource": "documents", "fields": ["source_file"]}
            }]),
        );
    }
    let mut res = json!({
        "name": r.name,
        "type": "table",
        "path": r.path,
        "title": r.title,
        "description": r.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {
            "header": true,
            "delimiter": ",",
            "lineTerminator": "\r\n",
            "quoteChar": "\"",
            "doubleQuote": true
        },
        "schema": schema,
    });
    if let (Some(w), Some(o)) = (written, res.as_object_mut()) {
        o.insert("bytes".into(), w.bytes.into());
        o.insert("hash".into(), format!("sha256:{}", w.sha256).into());
    }
    res
}

/// The package descriptor. `written` gives the size and hash of each
/// resource's file, in the order of [`RESOURCES`]; `created` is an RFC 3339
/// time.
pub fn descriptor(
    written: &[Option<Written>],
    created: &str,
    tool_version: &str,
    schema_version: &str,
) -> Value {
    let resources: Vec<Value> = RESOURCES
        .iter()
        .enumerate()
        .map(|(i, r)| resource_json(r, written.get(i).and_then(Option::as_ref)))
        .collect();
    json!({
        "$schema": PROFILE,
        "name": "internbudget-open-data",
        "title": "Swedish municipal internbudgets: amounts and indicators",
        "description": "Budget amounts (driftsammandrag, investeringar) and committee indicators read from Swedish municipal internbudget documents by internbudget, as tidy long tables. Amounts follow the Fiscal Data Package vocabulary (fiscal_year, phase, direction, currency, unit_factor); phase 'planned' (plan years) and 'forecast' are not FDP phases. Municipality codes are SCB's four-digit kommunkod strings. Decimals use a dot and no grouping; an empty field is a missing value (indicator markers such as \"I.U.\" keep their printed form in raw and their meaning in value_status).",
        "created": created,
        "keywords": ["budget", "internbudget", "municipality", "kommun", "Sweden", "fiscal data package"],
        "contributors": [{"title": format!("internbudget {tool_version}"), "roles": ["creator"]}],
        "internbudget": {"tool_version": tool_version, "schema_version": schema_version},
        "resources": resources,
    })
}
