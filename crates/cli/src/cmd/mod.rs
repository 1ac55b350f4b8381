//! One module per subcommand.

pub mod batch;
pub mod diff;
pub mod extract;
pub mod schema;
pub mod text;
pub mod validate;

use anyhow::{Context, Result};
use std::path::Path;

/// Reads a whole input file, with the file name in the error.
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("{}: cannot read the file", path.display()))
}
