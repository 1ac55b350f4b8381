//! The text of a web page: its encoding from a byte order mark, else from a
//! `<meta charset>` (or `http-equiv` content type) near the start, else
//! UTF-8 when the bytes are valid UTF-8 and Windows-1252 otherwise (the
//! encoding of old Swedish pages). Browsers sniff the same way.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How far into the page a `<meta charset>` is looked for.
const PRESCAN: usize = 4096;

/// The page as text, and the name of its encoding.
pub(crate) fn decode(bytes: &[u8]) -> (String, &'static str) {
    let (enc, body) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (UTF_8, rest)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (UTF_16LE, rest)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (UTF_16BE, rest)
    } else {
        let declared = meta_charset(bytes)
            // A page cannot declare UTF-16 in ASCII-compatible bytes.
            .map(|e| {
                if e == UTF_16LE || e == UTF_16BE {
                    UTF_8
                } else {
                    e
                }
            });
        let enc = match declared {
            Some(e) => e,
            None if std::str::from_utf8(bytes).is_ok() => UTF_8,
            None => WINDOWS_1252,
        };
        (enc, bytes)
    };
    let (text, _) = enc.decode_without_bom_handling(body);
    (text.into_owned(), enc.name())
}

/// The encoding a `<meta>` element near the start declares, if any.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(PRESCAN))?;
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = find(lower.get(from..)?, b"<meta") {
        let start = from + at;
        let end = lower
            .get(start..)
            .and_then(|t| t.iter().position(|&b| b == b'>'))
            .map_or(lower.len(), |e| start + e);
        let tag = lower.get(start..end)?;
        if let Some(c) = find(tag, b"charset") {
            let rest = tag.get(c + 7..)?;
            let rest = rest
                .trim_ascii_start()
                .strip_prefix(b"=")?
                .trim_ascii_start();
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let label_end = rest
                .iter()
                .position(|&b| {
                    matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace()
                })
                .unwrap_or(rest.len());
            if let Some(e) = rest.get(..label_end).and_then(Encoding::for_label) {
                return Some(e);
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_then_meta_then_utf8_then_windows_1252() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFN\xC3\xA4mnd"),
            ("Nämnd".to_string(), "UTF-8")
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<p>år".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16), ("<p>år".to_string(), "UTF-16LE"));
        assert_eq!(
            decode(b"<meta charset=\"iso-8859-1\"><p>\xE5r").1,
            "windows-1252"
        );
        assert_eq!(
            decode(
                b"<META http-equiv=Content-Type content='text/html; charset=utf-8'><p>\xC3\xA5r"
            ),
            (
                "<META http-equiv=Content-Type content='text/html; charset=utf-8'><p>år"
                    .to_string(),
                "UTF-8"
            )
        );
        assert_eq!(decode(b"<p>\xE5r").0, "<p>år");
        assert_eq!(decode(b"<meta charset=utf-16><p>a").1, "UTF-8");
    }
}
