//! Reading text exports: decoding the bytes (UTF-8, UTF-8 or UTF-16 with a BOM,
//! Windows-1252) and laying the lines out on a character grid.
//!
//! Runs of spaces keep their width, so pdftotext-like exports keep their column
//! positions. A tab starts a new cell: cells are placed on a virtual grid
//! ([`CELL_PITCH`] columns apart) so that the n-th tab cell of every line lines up,
//! which lets the same geometric table reader handle tab-separated exports.
//! A form feed starts a new page.
//!
//! [`TextLimits`] bound what a text export may cost: its size, the length
//! of one line and the words on one line. Within them every step is linear
//! in the input: a line is scanned once, and its words are the only thing
//! kept of it (about 80 bytes of memory per word: the word's box and its
//! text, so at most ~40 bytes per input byte for a text of one-character
//! words such as `1 1 1 …`).

use crate::{Document, Limit, Line, Meta, Page, SourceKind, Word};
use thiserror::Error;

/// Distance in grid columns between the starts of consecutive tab cells.
pub const CELL_PITCH: f32 = 10_000.0;

/// Why bytes could not be read as a text export.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum TextError {
    /// The file has no bytes, or only whitespace.
    #[error("the file is empty")]
    Empty,
    /// The bytes are not text in any supported encoding.
    #[error("the file is binary, not text ({0})")]
    Binary(&'static str),
    /// The text exceeds one of its [`TextLimits`].
    #[error("{}{} exceeds the limit of {}", line_prefix(*.line), .limit.describe(), .limit.format(*.max))]
    TooLarge {
        /// Which limit: [`Limit::TextBytes`], [`Limit::LineBytes`] or
        /// [`Limit::WordsPerLine`].
        limit: Limit,
        /// Its value.
        max: u64,
        /// The 1-based source line, for the per-line limits.
        line: Option<u32>,
    },
}

fn line_prefix(line: Option<u32>) -> String {
    line.map(|l| format!("line {l}: ")).unwrap_or_default()
}

/// Bounds on a text export. Real exports are far inside them: a budget
/// export is a few hundred kilobytes, its longest lines a few hundred
/// characters and a few dozen words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextLimits {
    /// Largest text, in bytes. Default 16 MiB.
    pub max_bytes: u64,
    /// Longest line, in bytes of the decoded text (UTF-8). Default 64 KiB.
    pub max_line_bytes: usize,
    /// Most words (runs of non-space characters) on one line. Default 4096.
    pub max_words_per_line: usize,
}

impl Default for TextLimits {
    fn default() -> Self {
        TextLimits {
            max_bytes: 16 << 20,
            max_line_bytes: 64 << 10,
            max_words_per_line: 4096,
        }
    }
}

impl TextLimits {
    fn exceeded(limit: Limit, max: u64, line: Option<u32>) -> TextError {
        TextError::TooLarge { limit, max, line }
    }
}

/// Decoded text and the name of the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, with any BOM removed.
    pub text: String,
    /// `"UTF-8"`, `"UTF-16LE"`, `"UTF-16BE"` or `"windows-1252"`.
    pub encoding: &'static str,
}

/// Decodes text bytes: a BOM decides when present; otherwise valid UTF-8 is
/// UTF-8, and anything else that is not binary is read as Windows-1252 (a
/// superset of the printable Latin-1 range, common in old Swedish exports).
pub fn decode(bytes: &[u8]) -> Result<Decoded, TextError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(TextError::Empty);
    }
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        match std::str::from_utf8(rest) {
            Ok(s) => (s.to_string(), "UTF-8"),
            Err(_) => {
                return Err(TextError::Binary(
                    "invalid UTF-8 after a UTF-8 byte order mark",
                ));
            }
        }
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes.starts_with(b"\xFF\xFE") {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (cow, had_errors) = enc.decode_with_bom_removal(bytes);
        if had_errors {
            return Err(TextError::Binary(
                "invalid UTF-16 after a UTF-16 byte order mark",
            ));
        }
        (cow.into_owned(), enc.name())
    } else if let Some(enc) = bomless_utf16(bytes) {
        let (cow, _, had_errors) = enc.decode(bytes);
        if had_errors {
            return Err(TextError::Binary("invalid UTF-16"));
        }
        (cow.into_owned(), enc.name())
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        (s.to_string(), "UTF-8")
    } else {
        let (cow, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
        (cow.into_owned(), "windows-1252")
    };
    check_not_binary(&text)?;
    if text.trim().is_empty() {
        return Err(TextError::Empty);
    }
    Ok(Decoded { text, encoding })
}

/// Detects UTF-16 without a BOM: most even (BE) or odd (LE) bytes are zero.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = bytes.get(..bytes.len().min(4096))?;
    let pairs = sample.len() / 2;
    let (mut even_zero, mut odd_zero) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if let [a, b] = pair {
            even_zero += usize::from(*a == 0);
            odd_zero += usize::from(*b == 0);
        }
    }
    if odd_zero * 10 >= pairs * 7 && even_zero * 10 < pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even_zero * 10 >= pairs * 7 && odd_zero * 10 < pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Rejects text with NUL bytes or many control characters.
fn check_not_binary(text: &str) -> Result<(), TextError> {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(65_536) {
        total += 1;
        if c == '\0' {
            return Err(TextError::Binary("it contains NUL bytes"));
        }
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            control += 1;
        }
    }
    if control * 20 > total {
        return Err(TextError::Binary("too many control characters"));
    }
    Ok(())
}

/// Reads a text export into a [`Document`] within the default
/// [`TextLimits`].
pub fn read_text(bytes: &[u8]) -> Result<Document, TextError> {
    read_text_with(bytes, &TextLimits::default())
}

/// Reads a text export into a [`Document`]: one page per form feed, one
/// [`Line`] per source line (empty lines included, so line indices match).
/// Fails with [`TextError::TooLarge`] at the first limit of `limits` the
/// text exceeds, before laying out anything beyond it.
pub fn read_text_with(bytes: &[u8], limits: &TextLimits) -> Result<Document, TextError> {
    if bytes.len() as u64 > limits.max_bytes {
        return Err(TextLimits::exceeded(
            Limit::TextBytes,
            limits.max_bytes,
            None,
        ));
    }
    let decoded = decode(bytes)?;
    let mut pages = vec![Page {
        number: 1,
        ..Page::default()
    }];
    let mut tab_lines = 0usize;
    let mut line_no = 0u32;
    for raw in split_lines(&decoded.text) {
        line_no = line_no.saturating_add(1);
        if raw.len() > limits.max_line_bytes {
            return Err(TextLimits::exceeded(
                Limit::LineBytes,
                limits.max_line_bytes as u64,
                Some(line_no),
            ));
        }
        let mut rest = raw;
        // Form feeds start new pages; the text after one belongs to the new page.
        while let Some(pos) = rest.find('\u{c}') {
            let (before, after) = rest.split_at(pos);
            if !before.trim().is_empty()
                && let Some(page) = pages.last_mut()
            {
                push_line(page, before, line_no, limits)?;
            }
            let number = u32::try_from(pages.len() + 1).unwrap_or(u32::MAX);
            pages.push(Page {
                number,
                ..Page::default()
            });
            rest = after.get(1..).unwrap_or("");
        }
        if rest.contains('\t') {
            tab_lines += 1;
        }
        if let Some(page) = pages.last_mut() {
            push_line(page, rest, line_no, limits)?;
        }
    }
    for page in &mut pages {
        page.height = page.lines.len() as f32;
        page.width = page.lines.iter().map(|l| l.bbox().x1).fold(0.0, f32::max);
    }
    let nonempty = pages
        .iter()
        .flat_map(|p| p.lines.iter())
        .filter(|l| !l.is_empty())
        .count();
    let kind = if tab_lines >= 5 && tab_lines * 5 >= nonempty {
        SourceKind::TabText
    } else {
        SourceKind::PlainText
    };
    Ok(Document {
        kind,
        pages,
        meta: Meta::default(),
        encoding: Some(decoded.encoding),
        line_count: Some(line_no),
    })
}

/// Splits on `\r\n`, `\n` and lone `\r`.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    // One terminator at the very end ends the last line rather than opening
    // an empty one; every other CRLF, LF or lone CR separates two lines.
    let text = text
        .strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .or_else(|| text.strip_suffix('\r'))
        .unwrap_or(text);
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.find(['\n', '\r']) {
            Some(at) => {
                let line = current.get(..at).unwrap_or("");
                let after = current.get(at..).unwrap_or("");
                let skip = if after.starts_with("\r\n") { 2 } else { 1 };
                rest = Some(after.get(skip..).unwrap_or(""));
                Some(line)
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// Inline formatting tags some exporters leave in the text (`<i>varav
/// intäkter</i>`): they carry no content and are removed.
const INLINE_TAGS: [&str; 14] = [
    "<i>",
    "</i>",
    "<b>",
    "</b>",
    "<u>",
    "</u>",
    "<em>",
    "</em>",
    "<strong>",
    "</strong>",
    "<sup>",
    "</sup>",
    "<sub>",
    "</sub>",
];

fn strip_inline_tags(raw: &str) -> std::borrow::Cow<'_, str> {
    if !raw.contains('<') {
        return std::borrow::Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(pos) = rest.find('<') {
        let (before, at) = rest.split_at(pos);
        out.push_str(before);
        let lower = at.get(..at.len().min(9)).unwrap_or(at).to_ascii_lowercase();
        match INLINE_TAGS.iter().find(|t| lower.starts_with(*t)) {
            Some(tag) => rest = at.get(tag.len()..).unwrap_or(""),
            None => {
                out.push('<');
                rest = at.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Lays out one source line on the character grid of `page`; fails when
/// it has more words than `limits` allow.
fn push_line(
    page: &mut Page,
    raw: &str,
    line_no: u32,
    limits: &TextLimits,
) -> Result<(), TextError> {
    let raw = strip_inline_tags(raw);
    let raw = raw.as_ref();
    let row = page.lines.len() as f32;
    let mut words = Vec::new();
    let mut cell_start = 0.0f32;
    let mut cells = 0usize;
    let too_many = || {
        TextLimits::exceeded(
            Limit::WordsPerLine,
            limits.max_words_per_line as u64,
            Some(line_no),
        )
    };
    for (cell_index, cell) in raw.split('\t').enumerate() {
        cells += 1;
        if cell_index > 0 {
            let grid = cell_index as f32 * CELL_PITCH;
            let after_prev = words
                .last()
                .map_or(0.0, |w: &Word| w.bbox.x1 + CELL_PITCH / 2.0);
            cell_start = grid.max(after_prev);
        }
        let mut current = String::new();
        let mut current_start = 0usize;
        for (col, c) in cell.chars().enumerate() {
            if c.is_whitespace() {
                if !current.is_empty() {
                    if words.len() >= limits.max_words_per_line {
                        return Err(too_many());
                    }
                    words.push(Word::on_text_grid(
                        std::mem::take(&mut current),
                        cell_start + current_start as f32,
                        row,
                    ));
                }
            } else {
                if current.is_empty() {
                    current_start = col;
                }
                current.push(c);
            }
        }
        if !current.is_empty() {
            if words.len() >= limits.max_words_per_line {
                return Err(too_many());
            }
            words.push(Word::on_text_grid(
                current,
                cell_start + current_start as f32,
                row,
            ));
        }
    }
    // The document keeps every word: no slack from the vector's growth.
    words.shrink_to_fit();
    page.lines.push(Line {
        words,
        source_line: Some(line_no),
        tab_cells: u16::try_from(cells).unwrap_or(u16::MAX),
        chars: u32::try_from(raw.chars().count()).unwrap_or(u32::MAX),
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_every_line_ending_and_ignores_one_final_terminator() {
        fn split(t: &str) -> Vec<&str> {
            split_lines(t).collect()
        }
        assert_eq!(split("a\r\nb\nc\rd"), ["a", "b", "c", "d"]);
        assert_eq!(split("a\r\r"), ["a", ""]);
        assert_eq!(split("a\n\n"), ["a", ""]);
        assert_eq!(split("a\r\n\r\n"), ["a", ""]);
        assert_eq!(split("a\n\r\n"), ["a", ""]);
        assert_eq!(split("a"), ["a"]);
        assert_eq!(split(""), [""]);
    }

    #[test]
    fn decodes_utf8_bom_utf16_and_windows_1252() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFN\xC3\xA4mnd").map(|d| d.text),
            Ok("Nämnd".into())
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Nämnd".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            decode(&utf16).map(|d| (d.text, d.encoding)),
            Ok(("Nämnd".into(), "UTF-16LE"))
        );
        let latin = b"N\xE4mnden \x96 \xE5r";
        assert_eq!(
            decode(latin).map(|d| (d.text, d.encoding)),
            Ok(("Nämnden – år".into(), "windows-1252"))
        );
    }

    #[test]
    fn strips_inline_tags() {
        assert_eq!(
            strip_inline_tags("<i>varav intäkter</i>\t<I>- 14 870</I> a<b"),
            "varav intäkter\t- 14 870 a<b"
        );
    }

    #[test]
    fn rejects_empty_and_binary() {
        assert_eq!(decode(b""), Err(TextError::Empty));
        assert_eq!(decode(b" \n\t\n"), Err(TextError::Empty));
        assert!(matches!(
            decode(b"abc\0\x01\x02def"),
            Err(TextError::Binary(_))
        ));
        let noise: Vec<u8> = (0u8..=255).cycle().take(2000).collect();
        assert!(decode(&noise).is_err());
    }

    #[test]
    fn keeps_columns_tabs_line_numbers_and_pages() {
        let doc = read_text(b"ab  cd\r\nx\ty\tz\n\n\x0cnext\rlast").ok();
        let doc = doc.as_ref();
        assert_eq!(doc.map(|d| d.pages.len()), Some(2));
        let p1 = doc.and_then(|d| d.pages.first());
        let l1 = p1.and_then(|p| p.lines.first());
        let xs: Vec<f32> = l1
            .map(|l| l.words.iter().map(|w| w.bbox.x0).collect())
            .unwrap_or_default();
        assert_eq!(xs, [0.0, 4.0]);
        let l2 = p1.and_then(|p| p.lines.get(1));
        let xs: Vec<f32> = l2
            .map(|l| l.words.iter().map(|w| w.bbox.x0).collect())
            .unwrap_or_default();
        assert_eq!(xs, [0.0, CELL_PITCH, 2.0 * CELL_PITCH]);
        let p2 = doc.and_then(|d| d.pages.get(1));
        let nums: Vec<Option<u32>> = p2
            .map(|p| p.lines.iter().map(|l| l.source_line).collect())
            .unwrap_or_default();
        assert_eq!(nums, [Some(4), Some(5)]);
        assert_eq!(doc.and_then(|d| d.line_count), Some(5));
    }

    #[test]
    fn each_text_limit_is_an_error_naming_it_and_the_line() {
        let limits = TextLimits {
            max_bytes: 64,
            max_line_bytes: 16,
            max_words_per_line: 3,
        };
        let too_large = |l: Limit, max: u64, line: Option<u32>| {
            Err::<(), _>(TextError::TooLarge {
                limit: l,
                max,
                line,
            })
        };
        let read = |t: &[u8]| read_text_with(t, &limits).map(|_| ());
        assert_eq!(read(b"a b c\nd e f"), Ok(()));
        assert_eq!(read(&[b'x'; 65]), too_large(Limit::TextBytes, 64, None));
        assert_eq!(
            read(b"ok\n0123456789abcdefg"),
            too_large(Limit::LineBytes, 16, Some(2))
        );
        assert_eq!(
            read(b"1 2 3\n\n1 2 3 4"),
            too_large(Limit::WordsPerLine, 3, Some(3))
        );
        // Tab cells count as words of the same line.
        assert_eq!(
            read(b"a\tb\tc\td"),
            too_large(Limit::WordsPerLine, 3, Some(1))
        );
        let e = read_text_with(b"1 2 3 4", &limits).err();
        assert_eq!(
            e.map(|e| e.to_string()).as_deref(),
            Some("line 1: the number of words on one line of a text export exceeds the limit of 3")
        );
        let e = read_text_with(&[b'x'; 65], &limits).err();
        assert_eq!(
            e.map(|e| e.to_string()).as_deref(),
            Some("the size of a text export exceeds the limit of 64")
        );
    }
}
