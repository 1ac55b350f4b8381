//! Text from outside — file names, words of a document — made safe for a
//! one-line message on a terminal or in a log: control characters shown
//! as escapes (a newline in a file name cannot fake a second line, an
//! escape sequence cannot recolour or clear the terminal), and long values
//! cut with an ellipsis (a 50 MB committee name stays a line).

use std::borrow::Cow;

/// The most characters of one value [`printable`] keeps by default.
pub const MAX_PRINTED_CHARS: usize = 200;

/// `s` with every control character (C0, DEL, C1, and the Unicode line
/// and paragraph separators and bidirectional controls) written as an
/// escape (`\n`, `\t`, `\u{1b}`) and, beyond `max_chars` characters, cut
/// with "…". Borrowed when nothing had to change.
pub fn printable(s: &str, max_chars: usize) -> Cow<'_, str> {
    let needs_escape = |c: char| {
        c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    let long = s.len() > max_chars && s.chars().nth(max_chars).is_some();
    if !long && !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len().min(max_chars.saturating_mul(4)) + 8);
    for (n, c) in s.chars().enumerate() {
        if n == max_chars {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_cuts_long_values() {
        assert!(matches!(printable("an-2021.pdf", 200), Cow::Borrowed(_)));
        assert_eq!(printable("a\nb.pdf", 200), "a\\nb.pdf");
        assert_eq!(printable("\u{1b}[31mred", 200), "\\u{1b}[31mred");
        assert_eq!(printable("tab\there", 200), "tab\\there");
        assert_eq!(printable("x\u{202e}fdp.exe", 200), "x\\u{202e}fdp.exe");
        assert_eq!(printable("Nämnden", 200), "Nämnden");
        assert_eq!(printable("abcdef", 3), "abc…");
        assert_eq!(printable("åäöåäö", 6), "åäöåäö");
        let huge = "x".repeat(1 << 20);
        assert_eq!(printable(&huge, 200).chars().count(), 201);
        assert_eq!(printable("a\nb", usize::MAX), "a\\nb");
    }
}
