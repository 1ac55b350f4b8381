//! The Frictionless `datapackage.json` (Data Package v2, Table Schema v2)
//! that describes the tidy CSV files, so that a portal loads them without
//! hand work: field types and descriptions, code lists (`enum`), patterns,
//! `required`, primary keys, foreign keys to `documents`, the CSV dialect,
//! the decimal convention (a dot, no grouping), the missing-value
//! convention (an empty field), each file's size and SHA-256; Fiscal Data
//! Package `columnType` annotations on the fiscal fields; the license
//! (none stated unless given), the publisher, and the source files with
//! their SHA-256.

use crate::export::Options;
use crate::fsx::Written;
use crate::tidy::{Field, FieldType, RESOURCES, Resource};
use serde_json::{Map, Value, json};

/// The Data Package v2 profile.
pub const PROFILE: &str = "https://datapackage.org/profiles/2.0/datapackage.json";

/// A source file of the package.
#[derive(Debug, Clone, Copy)]
pub struct SourceRef<'a> {
    /// Its path relative to the batch root.
    pub path: &'a str,
    /// Its SHA-256, lowercase hex.
    pub sha256: &'a str,
}

/// What the descriptor is made of.
#[derive(Debug, Clone, Copy)]
pub struct Package<'a> {
    /// Size and hash of each resource's file, in the order of [`RESOURCES`].
    pub written: &'a [Option<Written>],
    /// RFC 3339 time of the run.
    pub created: &'a str,
    /// The tool version.
    pub tool_version: &'a str,
    /// The document schema version.
    pub schema_version: &'a str,
    /// License and publisher.
    pub options: &'a Options,
    /// Every source file of the run.
    pub sources: &'a [SourceRef<'a>],
}

fn field_json(f: &Field) -> Value {
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
    if let Some(ct) = f.column_type {
        o.insert("columnType".into(), ct.into());
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
    if !r.foreign_keys.is_empty()
        && let Some(o) = schema.as_object_mut()
    {
        let fks: Vec<Value> = r
            .foreign_keys
            .iter()
            .map(|fk| {
                json!({
                    "fields": fk.fields,
                    "reference": {"resource": fk.resource, "fields": fk.reference}
                })
            })
            .collect();
        o.insert("foreignKeys".into(), Value::Array(fks));
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

/// Licenses known by their SPDX id: (id, title, URL).
const LICENSES: &[(&str, &str, &str)] = &[
    (
        "CC0-1.0",
        "Creative Commons Zero v1.0 Universal",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    (
        "CC-BY-4.0",
        "Creative Commons Attribution 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    (
        "CC-BY-SA-4.0",
        "Creative Commons Attribution Share Alike 4.0 International",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    (
        "ODC-By-1.0",
        "Open Data Commons Attribution License v1.0",
        "https://opendatacommons.org/licenses/by/1-0/",
    ),
    (
        "ODbL-1.0",
        "Open Data Commons Open Database License v1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
    (
        "PDDL-1.0",
        "Open Data Commons Public Domain Dedication and License v1.0",
        "https://opendatacommons.org/licenses/pddl/1-0/",
    ),
];

/// The `licenses` entry of a license given as an SPDX id or a URL.
pub fn license_json(license: &str) -> Value {
    let license = license.trim();
    if let Some((id, title, url)) = LICENSES
        .iter()
        .find(|(id, ..)| id.eq_ignore_ascii_case(license))
    {
        return json!({"name": id, "title": title, "path": url});
    }
    if license.starts_with("https://") || license.starts_with("http://") {
        json!({"path": license, "title": license})
    } else {
        json!({"name": license, "title": license})
    }
}

/// The package descriptor.
pub fn descriptor(p: &Package<'_>) -> Value {
    let resources: Vec<Value> = RESOURCES
        .iter()
        .enumerate()
        .map(|(i, r)| resource_json(r, p.written.get(i).and_then(Option::as_ref)))
        .collect();
    let mut contributors = vec![json!({
        "title": format!("internbudget {}", p.tool_version),
        "roles": ["creator"],
    })];
    if let Some(publisher) = &p.options.publisher {
        contributors.push(json!({"title": publisher, "roles": ["publisher"]}));
    }
    let sources: Vec<Value> = p
        .sources
        .iter()
        .map(|s| json!({"title": s.path, "path": s.path, "hash": format!("sha256:{}", s.sha256)}))
        .collect();
    let mut d = json!({
        "$schema": PROFILE,
        "name": "internbudget-open-data",
        "title": "Swedish municipal internbudgets: amounts and indicators",
        "description": "Budget amounts (driftsammandrag, investeringar and other tables) and committee indicators read from Swedish municipal internbudget documents by internbudget, as tidy long tables. One source per budget (budget_id: municipality code, committee, budget year) is exported; documents.csv lists every source, the others as duplicates with whether their amounts agree. Amounts follow the Fiscal Data Package vocabulary (fiscal_year, phase, direction, currency, unit_factor; columnType on the fields); phases planned, forecast, target, difference and unknown are not FDP phases. Amounts keep their printed sign: sign_convention tells per source column whether revenue or costs are printed negative, direction tells revenue from expenditure whatever the sign. To total a budget without counting an amount twice, sum amount where additive is true by budget_id, table_role, fiscal_year and phase (the line items of the primary tables). Municipality and county codes are text with their leading zeros. Decimals use a dot and no grouping; an empty field is a missing value (indicator markers such as \"I.U.\" keep their printed form in raw and their meaning in value_status).",
        "created": p.created,
        "keywords": ["budget", "internbudget", "municipality", "kommun", "Sweden", "fiscal data package", "kolada"],
        "contributors": contributors,
        "sources": sources,
        "internbudget": {
            "tool_version": p.tool_version,
            "schema_version": p.schema_version,
        },
        "resources": resources,
    });
    if let (Some(l), Some(o)) = (&p.options.license, d.as_object_mut()) {
        o.insert("licenses".into(), json!([license_json(l)]));
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licenses_publisher_and_sources() {
        assert_eq!(
            license_json("cc-by-4.0"),
            json!({"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International", "path": "https://creativecommons.org/licenses/by/4.0/"})
        );
        assert_eq!(
            license_json("https://example.org/l")["path"],
            "https://example.org/l"
        );
        let options = Options {
            license: None,
            publisher: Some("Linköpings kommun".into()),
        };
        let src = [SourceRef {
            path: "2021/an.pdf",
            sha256: "ab",
        }];
        let p = Package {
            written: &[],
            created: "2024-01-01T00:00:00Z",
            tool_version: "1",
            schema_version: "1.1.0",
            options: &options,
            sources: &src,
        };
        let d = descriptor(&p);
        assert!(d.get("licenses").is_none());
        assert_eq!(d["contributors"][1]["roles"][0], "publisher");
        assert_eq!(d["sources"][0]["hash"], "sha256:ab");
        let with = Options {
            license: Some("CC0-1.0".into()),
            ..options.clone()
        };
        let d = descriptor(&Package {
            options: &with,
            ..p
        });
        assert_eq!(d["licenses"][0]["name"], "CC0-1.0");
        // Fiscal fields carry their FDP concept.
        let amounts = d["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == "amounts")
            .unwrap();
        let ct = |n: &str| {
            amounts["schema"]["fields"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["name"] == n)
                .unwrap()["columnType"]
                .clone()
        };
        assert_eq!(ct("amount"), "value");
        assert_eq!(ct("fiscal_year"), "date:fiscal-year");
        assert_eq!(ct("phase"), "phase:id");
    }
}
