//! The alias table: known renames consulted after exact label matching and
//! before fuzzy matching.
//!
//! The built-in table is `data/aliases.csv` in this crate (embedded at
//! compile time); more entries can be read from a file of the same format
//! with [`AliasTable::extend_from_csv`]. Each line is
//! `scope,label,alias,note`; `scope` is `row`, `indicator`, `table` or
//! `any`; a pair matches in either direction and labels are compared in
//! their [`normalize`](crate::text::normalize)d form. Lines starting with `#`
//! and the header line are skipped; a field holding a comma is quoted with
//! double quotes.

use crate::text::normalize;
use thiserror::Error;

/// The built-in alias table (`data/aliases.csv`).
pub(crate) const BUILTIN_CSV: &str = include_str!("../data/aliases.csv");

/// What kind of label an alias applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Row labels of amount tables.
    Row,
    /// Indicator texts.
    Indicator,
    /// Table titles.
    Table,
    /// Any of them.
    Any,
}

/// One alias: two names of the same thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Alias {
    /// Where it applies.
    pub scope: Scope,
    /// One name as printed.
    pub label: String,
    /// The other name as printed.
    pub alias: String,
    /// Why they are the same.
    pub note: String,
    norm_label: String,
    norm_alias: String,
}

/// A malformed alias file.
#[derive(Debug, Error)]
pub enum AliasError {
    /// A line that is not `scope,label,alias,note`.
    #[error("alias table line {line}: {message}")]
    Line {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// A set of aliases.
#[derive(Debug, Clone, Default)]
pub struct AliasTable {
    entries: Vec<Alias>,
}

impl AliasTable {
    /// An empty table.
    pub fn empty() -> Self {
        Self::default()
    }

    /// The built-in table.
    pub fn builtin() -> Self {
        let mut t = Self::default();
        // The built-in file is tested to parse (see the unit tests).
        if t.extend_from_csv(BUILTIN_CSV).is_err() {
            return Self::default();
        }
        t
    }

    /// Adds the entries of a CSV text in the format of `data/aliases.csv`.
    pub fn extend_from_csv(&mut self, text: &str) -> Result<(), AliasError> {
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let fields = split_csv_line(trimmed).map_err(|message| AliasError::Line {
                line: line_no,
                message,
            })?;
            let [scope, label, alias, rest @ ..] = fields.as_slice() else {
                return Err(AliasError::Line {
                    line: line_no,
                    message: "expected scope,label,alias,note".into(),
                });
            };
            let scope = match scope.trim() {
                "scope" => continue,
                "row" => Scope::Row,
                "indicator" => Scope::Indicator,
                "table" => Scope::Table,
                "any" => Scope::Any,
                other => {
                    return Err(AliasError::Line {
                        line: line_no,
                        message: format!("unknown scope {other:?} (row, indicator, table or any)"),
                    });
                }
            };
            let (norm_label, norm_alias) = (normalize(label), normalize(alias));
            if norm_label.is_empty() || norm_alias.is_empty() {
                return Err(AliasError::Line {
                    line: line_no,
                    message: "empty label or alias".into(),
                });
            }
            self.entries.push(Alias {
                scope,
                label: label.trim().to_string(),
                alias: alias.trim().to_string(),
                note: rest.join(",").trim().to_string(),
                norm_label,
                norm_alias,
            });
        }
        Ok(())
    }

    /// The entries.
    #[cfg(test)]
    pub(crate) fn entries(&self) -> &[Alias] {
        &self.entries
    }

    /// The entry saying that two normalised labels name the same thing in
    /// `scope`, if any.
    pub(crate) fn find(&self, scope: Scope, a: &str, b: &str) -> Option<&Alias> {
        self.entries.iter().find(|e| {
            (e.scope == scope || e.scope == Scope::Any)
                && ((e.norm_label == a && e.norm_alias == b)
                    || (e.norm_label == b && e.norm_alias == a))
        })
    }
}

/// Splits one CSV line; fields may be double-quoted ("" is a quote).
fn split_csv_line(line: &str) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else if c == '"' && at_start {
            quoted = true;
            at_start = false;
        } else if c == ',' {
            fields.push(std::mem::take(&mut field));
            at_start = true;
        } else {
            field.push(c);
            at_start = false;
        }
    }
    if quoted {
        return Err("unterminated quoted field".into());
    }
    fields.push(field);
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_parses_and_matches_both_ways() {
        let mut t = AliasTable::empty();
        t.extend_from_csv(BUILTIN_CSV).unwrap();
        assert!(t.entries().len() >= 10);
        let a = normalize("Utbildningsförvaltningen");
        let b = normalize("Utbildnings- och arbetsmarknadsförvaltningen");
        assert!(t.find(Scope::Row, &a, &b).is_some());
        assert!(t.find(Scope::Row, &b, &a).is_some());
        assert!(t.find(Scope::Indicator, &a, &b).is_none());
        let c = normalize("Investeringar, netto");
        assert!(
            t.find(Scope::Row, &c, &normalize("Nettoinvesteringar"))
                .is_some()
        );
        assert_eq!(AliasTable::builtin().entries().len(), t.entries().len());
    }

    #[test]
    fn bad_lines_are_errors() {
        let mut t = AliasTable::empty();
        assert!(t.extend_from_csv("row,only two").is_err());
        assert!(t.extend_from_csv("sheet,a,b,c").is_err());
        assert!(t.extend_from_csv("row,\"a,b").is_err());
        assert!(t.extend_from_csv("row,\"a, b\",c,note, with comma").is_ok());
        assert_eq!(t.entries()[0].label, "a, b");
        assert_eq!(t.entries()[0].note, "note, with comma");
    }
}
