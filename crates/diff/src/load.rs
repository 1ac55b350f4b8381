//! Reading an input of the diff: a normalized document (JSON, detected by
//! parsing) or a source file (PDF or text export), extracted on the fly.

use internbudget_normalizer::{Document, ExtractError};
use thiserror::Error;

/// Why an input could not be read as a document.
#[derive(Debug, Error)]
pub enum LoadError {
    /// JSON, but not a normalized internbudget document.
    #[error("JSON, but not an internbudget document: {0}")]
    NotADocument(String),
    /// A normalized document of a schema major version this build does not read.
    #[error("an internbudget document of schema version {0}; this build reads 1.x")]
    UnsupportedVersion(String),
    /// A source file that could not be extracted.
    #[error(transparent)]
    Extract(#[from] ExtractError),
}

/// Reads `bytes` as a normalized document when they parse as a JSON object,
/// else extracts them as a PDF or text export. `file_name` names the source
/// in the extracted document.
pub fn load(file_name: &str, bytes: &[u8]) -> Result<Document, LoadError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(body)
        && value.is_object()
    {
        if let Some(v) = value.get("schema_version").and_then(|v| v.as_str())
            && !v.starts_with("1.")
        {
            return Err(LoadError::UnsupportedVersion(v.to_string()));
        }
        return serde_json::from_value(value).map_err(|e| LoadError::NotADocument(e.to_string()));
    }
    Ok(internbudget_normalizer::extract(file_name, bytes)?)
}
