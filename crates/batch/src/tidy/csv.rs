//! The CSV of one resource, written the way `datapackage.json` declares it
//! (RFC 4180, comma, CRLF, `"` doubled inside quotes, UTF-8): text fields
//! are always quoted when not empty — so "0580" is text to any reader that
//! honours quotes — numbers and booleans never; an empty field is a missing
//! value. Control characters in text become spaces (Python's csv module,
//! which the Frictionless validator uses, refuses NUL) and text is trimmed,
//! so a blank required field is an empty one. Every row is checked
//! against the resource ([`super::Resource::check`]) and against the
//! primary keys of the rows before it; a row that fails is not written.

use super::schema::{FieldType, Problem, Resource, Violation};
use std::borrow::Cow;
use std::collections::HashSet;

/// Rows of one resource, checked and written to memory.
#[derive(Debug)]
pub struct TableWriter {
    resource: &'static Resource,
    buf: Vec<u8>,
    rows: usize,
    keys: HashSet<String>,
    key_index: Vec<usize>,
}

impl TableWriter {
    /// A writer for `resource` (no header row: see [`header`]).
    pub fn new(resource: &'static Resource) -> TableWriter {
        TableWriter {
            resource,
            buf: Vec::new(),
            rows: 0,
            keys: HashSet::new(),
            key_index: resource
                .primary_key
                .iter()
                .filter_map(|k| resource.index_of(k))
                .collect(),
        }
    }

    /// Cleans, checks and writes one row; a row that breaks a constraint
    /// (or repeats a primary key) is not written and its violation returned.
    pub fn push(&mut self, mut rec: Vec<Cow<'_, str>>) -> Result<(), Violation> {
        for (f, v) in self.resource.fields.iter().zip(rec.iter_mut()) {
            if f.ty != FieldType::String {
                continue;
            }
            if v.chars().any(char::is_control) {
                *v = Cow::Owned(
                    v.chars()
                        .map(|c| if c.is_control() { ' ' } else { c })
                        .collect(),
                );
            }
            if v.trim() != v.as_ref() {
                *v = Cow::Owned(v.trim().to_string());
            }
        }
        self.resource.check(&rec)?;
        let key: Vec<&str> = self
            .key_index
            .iter()
            .filter_map(|&i| rec.get(i).map(|v| v.as_ref()))
            .collect();
        if !self.key_index.is_empty() && !self.keys.insert(key.join("\u{1f}")) {
            return Err(Violation {
                field: "primary_key",
                problem: Problem::DuplicateKey,
            });
        }
        write_record(
            &mut self.buf,
            self.resource
                .fields
                .iter()
                .zip(&rec)
                .map(|(f, v)| (v.as_ref(), f.ty == FieldType::String)),
        );
        self.rows += 1;
        Ok(())
    }

    /// Rows written.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The CSV bytes of the rows written since the last call (the keys
    /// seen stay, so later rows are still held to them).
    pub fn take_bytes(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.buf)
    }

    /// The CSV bytes of the rows written.
    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }
}

/// The header line of a resource.
pub fn header(r: &Resource) -> Vec<u8> {
    let mut out = Vec::new();
    write_record(&mut out, r.fields.iter().map(|f| (f.name, false)));
    out
}

/// Writes one record: each value with whether to quote it when not empty.
fn write_record<'a>(out: &mut Vec<u8>, values: impl Iterator<Item = (&'a str, bool)>) {
    for (i, (v, text)) in values.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let needs = v.bytes().any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'));
        if (text && !v.is_empty()) || needs {
            out.push(b'"');
            for b in v.bytes() {
                if b == b'"' {
                    out.push(b'"');
                }
                out.push(b);
            }
            out.push(b'"');
        } else {
            out.extend_from_slice(v.as_bytes());
        }
    }
    out.extend_from_slice(b"\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tidy::schema::{int, num, text};

    static R: Resource = Resource {
        name: "t",
        path: "t.csv",
        title: "",
        description: "",
        fields: &[
            text("code", "").req().pattern("^[0-9]{4}$"),
            text("label", ""),
            num("amount", ""),
            int("page", ""),
        ],
        primary_key: &["code"],
        foreign_keys: &[],
    };

    fn row(v: [&str; 4]) -> Vec<Cow<'_, str>> {
        v.into_iter().map(Cow::Borrowed).collect()
    }

    #[test]
    fn text_is_quoted_numbers_are_not_and_bad_rows_are_refused() {
        let mut w = TableWriter::new(&R);
        w.push(row(["0580", "Ekonomiskt\u{0}\"bistånd\" ", "-2141", "3"]))
            .unwrap();
        w.push(row(["0581", "", "1.5", ""])).unwrap();
        assert_eq!(
            w.push(row([" \t", "x", "1", "1"])).unwrap_err().problem,
            Problem::Missing
        );
        assert_eq!(
            w.push(row(["580", "x", "1", "1"])).unwrap_err().problem,
            Problem::Pattern
        );
        assert_eq!(
            w.push(row(["0580", "again", "1", "1"]))
                .unwrap_err()
                .problem,
            Problem::DuplicateKey
        );
        assert_eq!(
            w.push(row(["0582", "x", "1,5", "1"])).unwrap_err(),
            Violation {
                field: "amount",
                problem: Problem::NotANumber
            }
        );
        assert_eq!(w.rows(), 2);
        assert_eq!(
            String::from_utf8(w.into_bytes()).unwrap(),
            "\"0580\",\"Ekonomiskt \"\"bistånd\"\"\",-2141,3\r\n\"0581\",,1.5,\r\n"
        );
        assert_eq!(header(&R), b"code,label,amount,page\r\n");
    }
}
