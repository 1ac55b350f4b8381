//! One module per subcommand.

pub(crate) mod batch;
pub(crate) mod diff;
pub(crate) mod extract;
pub(crate) mod schema;
pub(crate) mod text;
pub(crate) mod validate;

use anyhow::anyhow;

/// An extraction error as a message: the input's name, the error, and the
/// flag of the limit it exceeded.
pub(crate) fn extract_error(
    name: &str,
    e: &internbudget_normalizer::ExtractError,
) -> anyhow::Error {
    let flag = e.limit().map(crate::limits::flag_hint).unwrap_or_default();
    anyhow!("{name}: {e}{flag}")
}
