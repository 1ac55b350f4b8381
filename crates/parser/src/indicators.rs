//! Indicator tables (placeholder while the reader is written).

use crate::model::{DocumentFacts, IndicatorTable, Note};
use crate::stream::StreamLine;
use internbudget_layout::SourceKind;

/// Reads every indicator table in the stream.
pub fn find_tables(
    _lines: &[StreamLine<'_>],
    _kind: SourceKind,
    _facts: &DocumentFacts,
    _notes: &mut Vec<Note>,
) -> Vec<IndicatorTable> {
    Vec::new()
}
