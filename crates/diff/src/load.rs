//! Reading an input of the diff: a normalized document (JSON: it starts
//! with `{`), read with the normalizer's one loader
//! ([`internbudget_normalizer::read_document_json`], the rules `validate`
//! applies too), or a source file (PDF, text export) extracted on the fly —
//! both within the same [`Limits`] as `extract`, time limit included.

use internbudget_normalizer::{Document, ExtractError, JsonError, Limit, Limits};
use thiserror::Error;

/// Why an input could not be read as a document.
#[derive(Debug, Error)]
pub enum LoadError {
    /// JSON that is not a valid normalized document.
    #[error(transparent)]
    Json(#[from] JsonError),
    /// A source file that could not be extracted.
    #[error(transparent)]
    Extract(#[from] ExtractError),
}

impl LoadError {
    /// The limit the error says was exceeded, if any.
    pub fn limit(&self) -> Option<Limit> {
        match self {
            LoadError::Json(e) => e.limit(),
            LoadError::Extract(e) => e.limit(),
        }
    }
}

/// Reads `bytes` as a normalized document when they start like a JSON
/// object, else extracts them as a PDF or text export. `file_name` names
/// the source in an extracted document.
pub fn load(file_name: &str, bytes: &[u8], limits: &Limits) -> Result<Document, LoadError> {
    if internbudget_normalizer::looks_like_json(bytes) {
        return Ok(internbudget_normalizer::read_document_json(bytes, limits)?);
    }
    Ok(internbudget_normalizer::extract_with(
        file_name, bytes, limits,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_read_by_the_normalizers_rules_and_within_the_limits() {
        let small = Limits {
            max_json_bytes: 8,
            ..Limits::default()
        };
        let e = load("a.json", b"{\"schema_version\": \"1.0.0\"}", &small).err();
        assert_eq!(e.and_then(|e| e.limit()), Some(Limit::JsonBytes));
        let e = load(
            "a.json",
            b"{\"schema_version\": \"2.0.0\"}",
            &Limits::default(),
        )
        .err();
        assert!(
            matches!(
                e,
                Some(LoadError::Json(JsonError::UnsupportedVersion { .. }))
            ),
            "{e:?}"
        );
        let mut tiny = Limits::default();
        tiny.source.text.max_bytes = 4;
        let e = load("a.txt", b"Driftsammandrag", &tiny).err();
        assert_eq!(e.and_then(|e| e.limit()), Some(Limit::TextBytes));
    }
}
