//! The parts of the HTML report below each comparison's summary: the
//! tables and the unpaired tables ([`tables`]), the indicators that changed
//! ([`indicators`]), the line items over time and the indicators over time
//! ([`over_time`]).

mod indicators;
mod over_time;
mod tables;

pub(crate) use indicators::{cell_text, indicator_changes, year_lines};
pub(super) use over_time::{indicator_series, series};
pub(super) use tables::{revenue_word, table, unpaired};
