//! How the command line shows what comes from outside in its messages:
//! file names and document text with control characters escaped and long
//! values cut ([`internbudget_layout::printable`]), so that every message
//! stays one line of plain text; and English plurals.

use internbudget_layout::{MAX_PRINTED_CHARS, printable};
use std::path::Path;

/// The most characters of one whole message line.
const MAX_LINE_CHARS: usize = 600;

/// A path as messages show it.
pub(crate) fn shown(p: &Path) -> String {
    printable(&p.to_string_lossy(), MAX_PRINTED_CHARS).into_owned()
}

/// A value from a document (a name, a label) as messages show it.
pub(crate) fn shown_text(s: &str) -> String {
    printable(s, MAX_PRINTED_CHARS).into_owned()
}

/// A whole message: one line, whatever its parts held.
pub(crate) fn line(s: &str) -> String {
    printable(s, MAX_LINE_CHARS).into_owned()
}

/// "1 warning", "3 warnings".
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_plurals() {
        assert_eq!(shown(Path::new("a\nb.pdf")), "a\\nb.pdf");
        assert_eq!(line("x: \u{1b}[2J"), "x: \\u{1b}[2J");
        assert_eq!(count(1, "warning", "warnings"), "1 warning");
        assert_eq!(count(0, "warning", "warnings"), "0 warnings");
        assert_eq!(count(2, "file", "files"), "2 files");
    }
}
