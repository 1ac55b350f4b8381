//! Reading a normalized document back from JSON, with one set of rules for
//! every reader (`validate`, `diff`, the batch's reruns):
//!
//! - at most `Limits::max_json_bytes` bytes;
//! - a UTF-8 byte order mark is allowed (and nothing else but UTF-8);
//! - a key twice in one object is an error (JSON parsers disagree on which
//!   one wins, so a document with one means different things to different
//!   readers);
//! - `schema_version` must be of this build's major version;
//! - the schema must hold, and so must what the schema states in words
//!   and the types carry: years are 32-bit integers, amounts decimals that
//!   fit 28 significant digits. A document that validates is one that
//!   [`read_document_json`] returns, and the other way round.
//!
//! [`read_document_json`] gives the document or every violation found
//! ([`JsonError::Invalid`]).

use crate::Limits;
use crate::schema::{Document, SCHEMA_VERSION};
use internbudget_layout::Limit;
use serde::de::{self, Deserializer as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;
use thiserror::Error;

/// One way a JSON document breaks the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Where, as a JSON pointer ("/tables/0/values/2"; "" for the document
    /// itself).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "the document: {}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Why bytes are not a normalized document.
#[derive(Debug, Error)]
pub enum JsonError {
    /// More bytes than `Limits::max_json_bytes`.
    #[error("{} exceeds the limit of {}", Limit::JsonBytes.describe(), Limit::JsonBytes.format(*.max))]
    TooLarge {
        /// The limit.
        max: u64,
    },
    /// Not JSON (or JSON with a key twice in one object).
    #[error("not JSON: {0}")]
    NotJson(String),
    /// JSON, but not an object with a `schema_version`.
    #[error("JSON, but not an internbudget document: {0}")]
    NotADocument(String),
    /// A document of a schema major version this build does not read.
    #[error(
        "an internbudget document of schema version {found}; this build reads {}.x",
        major(SCHEMA_VERSION)
    )]
    UnsupportedVersion {
        /// The document's `schema_version`.
        found: String,
    },
    /// The document breaks the schema.
    #[error("{} schema violation{}: {}", .0.len(), if .0.len() == 1 { "" } else { "s" }, join(.0))]
    Invalid(Vec<Violation>),
}

impl JsonError {
    /// The limit a [`JsonError::TooLarge`] exceeded.
    pub fn limit(&self) -> Option<Limit> {
        matches!(self, JsonError::TooLarge { .. }).then_some(Limit::JsonBytes)
    }
}

fn join(v: &[Violation]) -> String {
    v.iter()
        .map(Violation::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

fn major(version: &str) -> &str {
    version.split('.').next().unwrap_or(version)
}

/// The bytes without a UTF-8 byte order mark and leading white space.
fn body(bytes: &[u8]) -> &[u8] {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    b.get(start..).unwrap_or_default()
}

/// True when the bytes start like a JSON object (after an optional UTF-8
/// byte order mark and white space): how inputs that may be either a
/// normalized document or a source are told apart. No source format
/// starts with `{`.
pub fn looks_like_json(bytes: &[u8]) -> bool {
    body(bytes).first() == Some(&b'{')
}

/// True when the bytes are a JSON object with a string `schema_version`:
/// a normalized document (of any version), not a source.
pub(crate) fn is_normalized_document(bytes: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    struct Versioned {
        #[allow(dead_code)]
        schema_version: String,
    }
    looks_like_json(bytes) && serde_json::from_slice::<Versioned>(body(bytes)).is_ok()
}

/// Reads a normalized document from JSON bytes under the rules of the
/// module docs.
pub fn read_document_json(bytes: &[u8], limits: &Limits) -> Result<Document, JsonError> {
    if bytes.len() as u64 > limits.max_json_bytes {
        return Err(JsonError::TooLarge {
            max: limits.max_json_bytes,
        });
    }
    let value = parse_strict(body(bytes))?;
    let Value::Object(map) = &value else {
        return Err(JsonError::NotADocument("not a JSON object".into()));
    };
    match map.get("schema_version") {
        Some(Value::String(v)) if major(v) != major(SCHEMA_VERSION) => {
            return Err(JsonError::UnsupportedVersion { found: v.clone() });
        }
        Some(Value::String(_)) => {}
        Some(_) => {
            return Err(JsonError::NotADocument(
                "its schema_version is not a string".into(),
            ));
        }
        None => {
            return Err(JsonError::NotADocument("it has no schema_version".into()));
        }
    }
    let mut violations = schema_violations(&value);
    if !violations.is_empty() {
        return Err(JsonError::Invalid(violations));
    }
    serde_path_to_error::deserialize::<_, Document>(value).map_err(|e| {
        violations.push(Violation {
            path: pointer(e.path()),
            message: e.inner().to_string(),
        });
        JsonError::Invalid(violations)
    })
}

/// Every schema violation of the value.
fn schema_violations(value: &Value) -> Vec<Violation> {
    match crate::validate(value) {
        Ok(()) => Vec::new(),
        Err(crate::ValidateError::Invalid(list)) => list,
        Err(crate::ValidateError::Schema(message)) => vec![Violation {
            path: String::new(),
            message: format!("the schema itself cannot be compiled: {message}"),
        }],
    }
}

/// A serde path as a JSON pointer.
fn pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        out.push('/');
        match seg {
            Segment::Seq { index } => out.push_str(&index.to_string()),
            Segment::Map { key } => out.push_str(&key.replace('~', "~0").replace('/', "~1")),
            Segment::Enum { variant } => out.push_str(variant),
            Segment::Unknown => out.push('?'),
        }
    }
    out
}

/// Parses JSON into a value, refusing a key that occurs twice in one
/// object (serde_json's own `Value` keeps the last silently). Nesting is
/// bounded by serde_json's recursion limit (128 levels).
fn parse_strict(bytes: &[u8]) -> Result<Value, JsonError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = de
        .deserialize_any(StrictVisitor)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| JsonError::NotJson(e.to_string()))?;
    Ok(value)
}

struct Strict(Value);

impl<'de> de::Deserialize<'de> for Strict {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format_args!(
                    "the key {key:?} occurs twice in one object"
                )));
            }
            let Strict(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> Vec<u8> {
        let doc = crate::extract(
            "t.txt",
            b"Driftsammandrag (tkr)\n\nVerksamhet      Budget 2021    Plan 2022\nA               100            110\nB               200            210\nSumma           300            320\n",
        );
        match doc {
            Ok(d) => serde_json::to_vec(&d).unwrap_or_default(),
            Err(e) => format!("{e}").into_bytes(),
        }
    }

    fn read(bytes: &[u8]) -> Result<Document, JsonError> {
        read_document_json(bytes, &Limits::default())
    }

    #[test]
    fn a_written_document_reads_back_with_or_without_a_bom() {
        let json = good();
        assert!(read(&json).is_ok(), "{:?}", read(&json).err());
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(&json);
        assert!(read(&bom).is_ok());
        assert!(looks_like_json(&bom));
        assert!(is_normalized_document(&bom));
        assert!(!is_normalized_document(b"{\"a\": 1}"));
        assert!(!looks_like_json(b"%PDF-1.7"));
    }

    #[test]
    fn every_rule_is_an_error() {
        let json = String::from_utf8(good()).unwrap_or_default();
        // Too large.
        let small = Limits {
            max_json_bytes: 10,
            ..Limits::default()
        };
        let e = read_document_json(json.as_bytes(), &small).err();
        assert_eq!(
            e.as_ref().and_then(JsonError::limit),
            Some(Limit::JsonBytes)
        );
        // A duplicate key.
        let dup = json.replacen("{", "{\"checks\":[],", 1);
        assert!(matches!(read(dup.as_bytes()), Err(JsonError::NotJson(m)) if m.contains("twice")));
        // Another major version.
        let v2 = json.replace(
            &format!("\"schema_version\":\"{SCHEMA_VERSION}\""),
            "\"schema_version\":\"2.0.0\"",
        );
        assert!(matches!(
            read(v2.as_bytes()),
            Err(JsonError::UnsupportedVersion { found }) if found == "2.0.0"
        ));
        // A year no i32 holds, and an amount no decimal holds.
        let year = json.replace(
            "\"budget_year\":2021",
            "\"budget_year\":1180591620717411303424",
        );
        assert_ne!(year, json);
        assert!(
            matches!(read(year.as_bytes()), Err(JsonError::Invalid(v)) if v.iter().any(|v| v.path == "/document/budget_year")),
            "{:?}",
            read(year.as_bytes()).err()
        );
        let amount = json.replacen("\"110\"", &format!("\"{}\"", "1".repeat(100)), 1);
        assert_ne!(amount, json);
        assert!(matches!(
            read(amount.as_bytes()),
            Err(JsonError::Invalid(_))
        ));
        // Not JSON; not an object; no version.
        assert!(matches!(read(b"%PDF-1.7"), Err(JsonError::NotJson(_))));
        assert!(matches!(read(b"[1]"), Err(JsonError::NotADocument(_))));
        assert!(matches!(read(b"{}"), Err(JsonError::NotADocument(_))));
        // A schema violation at the top level says so.
        let extra = json.replacen("{", "{\"surprise\":1,", 1);
        let e = read(extra.as_bytes())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.starts_with("1 schema violation: the document: "), "{e}");
    }
}
