//! Simple-font encodings: the base encodings of PDF 32000-1 Annex D
//! (Standard, WinAnsi, MacRoman, and the built-in encodings of Symbol and
//! ZapfDingbats), `/Differences`, and glyph names to Unicode through the Adobe
//! Glyph List (`read_fonts::ps::agl`, which also resolves `uniXXXX`,
//! `uXXXX[XX]`, `name.variant` and `a_b` ligature names).

use crate::tables;

/// A base encoding of a simple font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BaseEncoding {
    /// Adobe StandardEncoding.
    Standard,
    /// WinAnsiEncoding (Windows code page 1252).
    WinAnsi,
    /// MacRomanEncoding.
    MacRoman,
    /// The built-in encoding of the Symbol font.
    Symbol,
    /// The built-in encoding of the ZapfDingbats font.
    ZapfDingbats,
}

impl BaseEncoding {
    /// The encoding an `/Encoding` or `/BaseEncoding` name stands for.
    pub fn from_name(name: &[u8]) -> Option<BaseEncoding> {
        match name {
            b"WinAnsiEncoding" => Some(BaseEncoding::WinAnsi),
            b"MacRomanEncoding" => Some(BaseEncoding::MacRoman),
            b"StandardEncoding" => Some(BaseEncoding::Standard),
            // MacExpert is a set of small caps and old-style figures; its
            // letters are not at their Latin-1 codes, but Differences
            // usually follow. Standard is the least-bad base.
            b"MacExpertEncoding" => Some(BaseEncoding::Standard),
            _ => None,
        }
    }

    /// The glyph name at `code`, or `""` when the code is unused.
    pub fn glyph_name(self, code: u8) -> &'static str {
        let table = match self {
            BaseEncoding::Standard => &tables::STANDARD,
            BaseEncoding::WinAnsi => &tables::WIN_ANSI,
            BaseEncoding::MacRoman => &tables::MAC_ROMAN,
            BaseEncoding::Symbol => &tables::SYMBOL,
            BaseEncoding::ZapfDingbats => &tables::ZAPF_DINGBATS,
        };
        table.get(usize::from(code)).copied().unwrap_or("")
    }
}

/// The text a glyph name stands for, or `None` for an unknown name
/// (`g42`, `glyph12`, `.notdef`).
pub(crate) fn glyph_name_to_text(name: &str) -> Option<String> {
    if name.is_empty() || name.starts_with('.') {
        return None;
    }
    let s: String = read_fonts::ps::agl::name_to_chars(name).collect();
    if !s.is_empty() {
        return Some(s);
    }
    numeric_glyph_name(name).map(String::from)
}

/// Names some producers use for unknown glyphs: `uniXXXX` variants the AGL
/// rejects (lower-case hex) and `cidNNN`-free forms are not guessed; only
/// lower-case `uni` hex is accepted here.
fn numeric_glyph_name(name: &str) -> Option<char> {
    let hex = name.strip_prefix("uni")?;
    if hex.len() != 4 {
        return None;
    }
    u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_encodings() {
        assert_eq!(BaseEncoding::WinAnsi.glyph_name(0xE4), "adieresis");
        assert_eq!(BaseEncoding::WinAnsi.glyph_name(0x96), "endash");
        assert_eq!(BaseEncoding::WinAnsi.glyph_name(0xA0), "nbspace");
        assert_eq!(BaseEncoding::MacRoman.glyph_name(0x8A), "adieresis");
        assert_eq!(BaseEncoding::MacRoman.glyph_name(0x8C), "aring");
        assert_eq!(BaseEncoding::Standard.glyph_name(0x27), "quoteright");
        assert_eq!(BaseEncoding::Standard.glyph_name(0xE4), "");
        assert_eq!(BaseEncoding::Symbol.glyph_name(0x61), "alpha");
        assert_eq!(BaseEncoding::ZapfDingbats.glyph_name(0x21), "a1");
        assert_eq!(BaseEncoding::from_name(b"Foo"), None);
    }

    #[test]
    fn glyph_names_to_text() {
        let t = |n: &str| glyph_name_to_text(n);
        assert_eq!(t("adieresis").as_deref(), Some("ä"));
        assert_eq!(t("aring").as_deref(), Some("å"));
        assert_eq!(t("odieresis").as_deref(), Some("ö"));
        assert_eq!(t("uni00E5").as_deref(), Some("å"));
        assert_eq!(t("uni00e5").as_deref(), Some("å"));
        assert_eq!(t("u1F600").as_deref(), Some("\u{1F600}"));
        assert_eq!(t("uni00660069").as_deref(), Some("fi"));
        assert_eq!(t("f_i").as_deref(), Some("fi"));
        assert_eq!(t("one.oldstyle").as_deref(), Some("1"));
        assert_eq!(t("fi").as_deref(), Some("\u{FB01}"));
        assert_eq!(t("alpha").as_deref(), Some("α"));
        assert_eq!(t("a1").as_deref(), Some("\u{2701}"));
        assert_eq!(t("g42"), None);
        assert_eq!(t(".notdef"), None);
        assert_eq!(t(""), None);
    }
}
