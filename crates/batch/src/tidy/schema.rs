//! How a tidy table is described, once: its fields with Table Schema type,
//! code list, pattern, `required` and Fiscal Data Package `columnType`, its
//! primary and foreign keys. The CSV header, the check every row passes
//! before it is written ([`Resource::check`]) and `datapackage.json` are all
//! made from these descriptions, so they cannot disagree.

use regex::Regex;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The type of a field, as Table Schema names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Text (written quoted, so that "0580" stays text in any reader).
    String,
    /// A whole number.
    Integer,
    /// An exact decimal with a dot ("-2141", "33.9").
    Number,
    /// "true" or "false".
    Boolean,
}

impl FieldType {
    /// The Table Schema type name.
    pub fn name(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Integer => "integer",
            FieldType::Number => "number",
            FieldType::Boolean => "boolean",
        }
    }
}

/// One column of a tidy table.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Lowercase ASCII snake_case name.
    pub name: &'static str,
    /// Its type.
    pub ty: FieldType,
    /// What it holds.
    pub description: &'static str,
    /// Never empty.
    pub required: bool,
    /// The allowed values, when it is a code list.
    pub values: &'static [&'static str],
    /// A regular expression every value matches.
    pub pattern: Option<&'static str>,
    /// The Fiscal Data Package concept the column holds (`columnType`).
    pub column_type: Option<&'static str>,
}

/// A field of type `ty`.
pub const fn field(name: &'static str, ty: FieldType, description: &'static str) -> Field {
    Field {
        name,
        ty,
        description,
        required: false,
        values: &[],
        pattern: None,
        column_type: None,
    }
}
/// A string field.
pub const fn text(name: &'static str, description: &'static str) -> Field {
    field(name, FieldType::String, description)
}
/// An integer field.
pub const fn int(name: &'static str, description: &'static str) -> Field {
    field(name, FieldType::Integer, description)
}
/// A number field.
pub const fn num(name: &'static str, description: &'static str) -> Field {
    field(name, FieldType::Number, description)
}
/// A boolean field.
pub const fn boolean(name: &'static str, description: &'static str) -> Field {
    field(name, FieldType::Boolean, description)
}

impl Field {
    /// Never empty.
    pub const fn req(self) -> Field {
        Field {
            required: true,
            ..self
        }
    }
    /// One of `values`.
    pub const fn one_of(self, values: &'static [&'static str]) -> Field {
        Field { values, ..self }
    }
    /// Matches `pattern`.
    pub const fn pattern(self, pattern: &'static str) -> Field {
        Field {
            pattern: Some(pattern),
            ..self
        }
    }
    /// Holds the FDP concept `column_type`.
    pub const fn fdp(self, column_type: &'static str) -> Field {
        Field {
            column_type: Some(column_type),
            ..self
        }
    }
}

/// A foreign key: `fields` of this resource refer to `reference` of `resource`.
#[derive(Debug, Clone, Copy)]
pub struct ForeignKey {
    /// Fields of the referring resource.
    pub fields: &'static [&'static str],
    /// The referred resource.
    pub resource: &'static str,
    /// Its fields.
    pub reference: &'static [&'static str],
}

/// A tidy table: its file, fields and keys.
#[derive(Debug, Clone, Copy)]
pub struct Resource {
    /// Resource name in the data package.
    pub name: &'static str,
    /// File name in the output directory.
    pub path: &'static str,
    /// Title for people.
    pub title: &'static str,
    /// What one row is.
    pub description: &'static str,
    /// The columns, in order.
    pub fields: &'static [Field],
    /// The fields that identify a row.
    pub primary_key: &'static [&'static str],
    /// References to other resources.
    pub foreign_keys: &'static [ForeignKey],
}

/// The longest text a field may hold: Python's csv module, which the
/// Frictionless validator reads with, refuses fields over 131 072 characters.
pub const MAX_FIELD_CHARS: usize = 100_000;

/// What is wrong with a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A required field is empty.
    Missing,
    /// Not one of the field's code list.
    NotInList,
    /// Does not match the field's pattern.
    Pattern,
    /// Not a whole number.
    NotAnInteger,
    /// Not a plain decimal with a dot.
    NotANumber,
    /// Not "true" or "false".
    NotABoolean,
    /// Longer than [`MAX_FIELD_CHARS`].
    TooLong,
    /// The row has another number of fields than the resource.
    FieldCount,
    /// Another row of the same document has the same primary key.
    DuplicateKey,
}

impl Problem {
    /// A stable code for the manifest.
    pub fn code(self) -> &'static str {
        match self {
            Problem::Missing => "required_field_empty",
            Problem::NotInList => "value_not_in_code_list",
            Problem::Pattern => "value_breaks_pattern",
            Problem::NotAnInteger => "not_an_integer",
            Problem::NotANumber => "not_a_number",
            Problem::NotABoolean => "not_a_boolean",
            Problem::TooLong => "field_too_long",
            Problem::FieldCount => "wrong_field_count",
            Problem::DuplicateKey => "duplicate_primary_key",
        }
    }
}

/// Why a row may not be written: the field and what is wrong with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Violation {
    /// The field ("primary_key" for a repeated key).
    pub field: &'static str,
    /// What is wrong.
    pub problem: Problem,
}

impl Resource {
    /// The header row.
    pub fn header(&self) -> Vec<&'static str> {
        self.fields.iter().map(|f| f.name).collect()
    }

    /// The position of a field.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }

    /// Checks a row against every constraint the package declares for it
    /// (apart from key uniqueness, which needs the other rows).
    pub fn check(&self, rec: &[Cow<'_, str>]) -> Result<(), Violation> {
        if rec.len() != self.fields.len() {
            return Err(Violation {
                field: self.fields.first().map_or("", |f| f.name),
                problem: Problem::FieldCount,
            });
        }
        for (f, v) in self.fields.iter().zip(rec) {
            check_value(f, v).map_err(|problem| Violation {
                field: f.name,
                problem,
            })?;
        }
        Ok(())
    }
}

fn check_value(f: &Field, v: &str) -> Result<(), Problem> {
    if v.is_empty() {
        return if f.required {
            Err(Problem::Missing)
        } else {
            Ok(())
        };
    }
    if v.chars().count() > MAX_FIELD_CHARS {
        return Err(Problem::TooLong);
    }
    match f.ty {
        FieldType::String => {}
        FieldType::Integer => {
            let digits = v.strip_prefix('-').unwrap_or(v);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Problem::NotAnInteger);
            }
        }
        FieldType::Number => {
            let digits = v.strip_prefix('-').unwrap_or(v);
            let mut parts = digits.split('.');
            let whole = parts.next().unwrap_or("");
            let frac = parts.next();
            let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            if !plain(whole) || frac.is_some_and(|f| !plain(f)) || parts.next().is_some() {
                return Err(Problem::NotANumber);
            }
        }
        FieldType::Boolean => {
            if v != "true" && v != "false" {
                return Err(Problem::NotABoolean);
            }
        }
    }
    if !f.values.is_empty() && !f.values.contains(&v) {
        return Err(Problem::NotInList);
    }
    if let Some(p) = f.pattern
        && !compiled(p).is_some_and(|re| re.is_match(v))
    {
        return Err(Problem::Pattern);
    }
    Ok(())
}

/// The compiled pattern of a field (every pattern of every resource is
/// compiled once; a test makes sure each compiles).
fn compiled(pattern: &'static str) -> Option<&'static Regex> {
    static CACHE: OnceLock<HashMap<&'static str, Regex>> = OnceLock::new();
    CACHE
        .get_or_init(|| {
            super::RESOURCES
                .iter()
                .flat_map(|r| r.fields.iter())
                .filter_map(|f| f.pattern)
                .filter_map(|p| Regex::new(p).ok().map(|re| (p, re)))
                .collect()
        })
        .get(pattern)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles_anchored() {
        for r in super::super::RESOURCES {
            for f in r.fields {
                if let Some(p) = f.pattern {
                    assert!(compiled(p).is_some(), "{p}");
                    assert!(p.starts_with('^') && p.ends_with('$'), "{p}");
                }
            }
        }
    }

    #[test]
    fn values_are_checked_as_the_package_declares_them() {
        let code = text("code", "").req().pattern("^[0-9]{4}$");
        let n = num("n", "");
        let i = int("i", "");
        let b = boolean("b", "");
        let kind = text("k", "").one_of(&["a", "b"]);
        // Only the resources' patterns are compiled: this is one of them.
        assert_eq!(check_value(&code, ""), Err(Problem::Missing));
        assert_eq!(check_value(&code, "0580"), Ok(()));
        assert_eq!(check_value(&code, "580"), Err(Problem::Pattern));
        assert_eq!(check_value(&n, "-2141"), Ok(()));
        assert_eq!(check_value(&n, "1234.50"), Ok(()));
        assert_eq!(check_value(&n, ""), Ok(()));
        for bad in ["1,5", "1e3", "-", ".5", "5.", "1.2.3", "NaN"] {
            assert_eq!(check_value(&n, bad), Err(Problem::NotANumber), "{bad}");
        }
        assert_eq!(check_value(&i, "12"), Ok(()));
        assert_eq!(check_value(&i, "1.0"), Err(Problem::NotAnInteger));
        assert_eq!(check_value(&b, "true"), Ok(()));
        assert_eq!(check_value(&b, "yes"), Err(Problem::NotABoolean));
        assert_eq!(check_value(&kind, "c"), Err(Problem::NotInList));
        let long = "x".repeat(MAX_FIELD_CHARS + 1);
        assert_eq!(check_value(&kind, &long), Err(Problem::TooLong));
    }
}
