//! Type 0 (CID) fonts: codes split by the encoding CMap's codespace
//! (Identity-H/V: two bytes; embedded CMaps; the predefined Unicode and
//! legacy CJK CMaps by name); widths from `/W` and `/DW` by CID (vertical
//! fonts: `/DW2`); text from `/ToUnicode`, else from the embedded TrueType
//! program (`truetype`), from the code itself for the predefined Unicode
//! CMaps, or by decoding the code bytes as GBK, Big5, Shift-JIS, EUC-JP or
//! EUC-KR for the legacy CJK CMaps. The main type is [`CidFont`], loaded by
//! [`load_type0`].

use super::truetype::{GlyphText, truetype_glyph_text};
use super::{Font, FontLimits, Kind, load_to_unicode, vertical_metrics};
use crate::cmap::CMap;
use crate::objects::{deref, get, get_array, get_dict, get_name, get_num, num, nums, stream_data};
use lopdf::{Dictionary, Document, Object};

/// Where the text of a CID-font code comes from when `/ToUnicode` does not
/// map it.
#[derive(Debug, Clone, Copy)]
enum Fallback {
    None,
    /// The code is UTF-16BE (the `Uni…-UCS2`/`UTF16` CMaps).
    Utf16,
    /// The code bytes are text in a legacy encoding.
    Legacy(&'static encoding_rs::Encoding),
}

/// A loaded Type 0 font.
#[derive(Debug)]
pub(super) struct CidFont {
    /// Splits strings into codes (and maps codes to CIDs).
    pub(super) encoding: CMap,
    /// CID = code.
    identity: bool,
    /// Legacy CJK CMap: one-byte ASCII codes are CIDs 1..=95.
    legacy: bool,
    to_unicode: Option<CMap>,
    fallback: Fallback,
    default_width: f32,
    /// Sorted, `lo..=hi` → width (em).
    widths: Vec<(u32, u32, f32)>,
    /// Text by glyph from the embedded TrueType font's Unicode `cmap`, for
    /// codes that `/ToUnicode` does not map (as poppler does).
    glyph_text: Option<GlyphText>,
}

impl CidFont {
    fn cid(&self, code: u32) -> Option<u32> {
        if self.identity {
            return Some(code);
        }
        if self.legacy {
            return (0x20..=0x7E).contains(&code).then(|| code - 31);
        }
        self.encoding.cid(code)
    }

    pub(super) fn width(&self, code: u32) -> f32 {
        let Some(cid) = self.cid(code) else {
            return self.default_width;
        };
        let idx = self.widths.partition_point(|r| r.0 <= cid);
        match idx.checked_sub(1).and_then(|i| self.widths.get(i)) {
            Some((_, hi, w)) if cid <= *hi => *w,
            _ => self.default_width,
        }
    }

    pub(super) fn push_text(&self, code: u32, code_bytes: &[u8], out: &mut String) {
        if let Some(tu) = &self.to_unicode
            && tu.unicode(code, out)
        {
            return;
        }
        if let Some(gt) = &self.glyph_text
            && let Some(c) = self.cid(code).and_then(|cid| gt.char_of(cid))
        {
            out.push(c);
            return;
        }
        match self.fallback {
            Fallback::None => {}
            Fallback::Utf16 => {
                let units = code_bytes.chunks_exact(2).map(|c| {
                    u16::from_be_bytes([
                        c.first().copied().unwrap_or(0),
                        c.get(1).copied().unwrap_or(0),
                    ])
                });
                out.extend(
                    char::decode_utf16(units)
                        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
                        .filter(|c| *c != '\0'),
                );
            }
            Fallback::Legacy(enc) => {
                let (s, had_errors) = enc.decode_without_bom_handling(code_bytes);
                if !had_errors {
                    out.extend(s.chars().filter(|c| !c.is_control()));
                }
            }
        }
    }
}

/// How a Type 0 font's strings become codes and CIDs, from its `/Encoding`.
struct CodeEncoding {
    cmap: CMap,
    /// CID = code.
    identity: bool,
    fallback: Fallback,
    /// A legacy CJK CMap.
    legacy: bool,
    /// Vertical writing (`-V` CMaps, `/WMode 1`).
    vertical: bool,
}

impl CodeEncoding {
    /// A predefined CMap by name (`-V` names write vertically).
    fn predefined(name: &[u8], vertical: bool) -> Self {
        let (cmap, identity, fallback, legacy) = predefined_cmap(name);
        CodeEncoding {
            cmap,
            identity,
            fallback,
            legacy,
            vertical: vertical || name.ends_with(b"-V"),
        }
    }

    /// Two-byte codes, CID = code.
    fn identity(vertical: bool) -> Self {
        CodeEncoding {
            cmap: CMap::two_byte(),
            identity: true,
            fallback: Fallback::None,
            legacy: false,
            vertical,
        }
    }

    /// Reads the font's `/Encoding`: a predefined CMap's name or an
    /// embedded CMap (which may only name a predefined one by `usecmap`).
    fn read(doc: &Document, dict: &Dictionary, limits: FontLimits) -> Self {
        match get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => CodeEncoding::predefined(n, false),
            Some(Object::Stream(s)) => {
                let data = stream_data(s, limits.max_stream_bytes).unwrap_or_default();
                let parsed = CMap::parse(&data, limits.max_depth);
                let vertical = parsed.wmode == 1;
                match parsed.uses.as_deref().map(str::as_bytes) {
                    Some(base) if !parsed.has_codespace() => {
                        CodeEncoding::predefined(base, vertical)
                    }
                    _ if !parsed.has_codespace() => CodeEncoding::identity(vertical),
                    _ => CodeEncoding {
                        identity: !parsed.has_cids(),
                        cmap: parsed,
                        fallback: Fallback::None,
                        legacy: false,
                        vertical,
                    },
                }
            }
            _ => CodeEncoding::identity(false),
        }
    }
}

/// A predefined CMap by name: its codespace, whether CID = code, the text
/// fallback, and whether it is a legacy CJK encoding.
fn predefined_cmap(name: &[u8]) -> (CMap, bool, Fallback, bool) {
    let n = String::from_utf8_lossy(name);
    let two = || CMap::with_codespace(&[(&[0, 0], &[0xFF, 0xFF])]);
    let euc =
        |lead: u8| CMap::with_codespace(&[(&[0x00], &[lead - 1]), (&[lead, 0x40], &[0xFE, 0xFE])]);
    if n.starts_with("Identity") {
        return (two(), true, Fallback::None, false);
    }
    if n.starts_with("Uni") && (n.contains("UCS2") || n.contains("UTF16")) {
        let cmap = if n.contains("UTF16") {
            CMap::with_codespace(&[
                (&[0x00, 0x00], &[0xD7, 0xFF]),
                (&[0xE0, 0x00], &[0xFF, 0xFF]),
                (&[0xD8, 0x00, 0xDC, 0x00], &[0xDB, 0xFF, 0xDF, 0xFF]),
            ])
        } else {
            two()
        };
        return (cmap, false, Fallback::Utf16, false);
    }
    let legacy = |enc: &'static encoding_rs::Encoding, cmap: CMap| {
        (cmap, false, Fallback::Legacy(enc), true)
    };
    if n.starts_with("GB") {
        return legacy(encoding_rs::GB18030, euc(0x81));
    }
    if n.starts_with("B5")
        || n.starts_with("ETen")
        || n.starts_with("HKscs")
        || n.starts_with("CNS")
    {
        return legacy(encoding_rs::BIG5, euc(0x81));
    }
    if n.contains("RKSJ") {
        let sjis = CMap::with_codespace(&[
            (&[0x00], &[0x80]),
            (&[0xA0], &[0xDF]),
            (&[0x81, 0x40], &[0x9F, 0xFC]),
            (&[0xE0, 0x40], &[0xFC, 0xFC]),
        ]);
        return legacy(encoding_rs::SHIFT_JIS, sjis);
    }
    if n.starts_with("EUC") {
        return legacy(encoding_rs::EUC_JP, euc(0x8E));
    }
    if n.starts_with("KSC") {
        return legacy(encoding_rs::EUC_KR, euc(0x81));
    }
    (two(), false, Fallback::None, false)
}

/// Loads a Type 0 font.
pub(super) fn load_type0(doc: &Document, dict: &Dictionary, limits: FontLimits) -> Font {
    let descendant = get_array(doc, dict, b"DescendantFonts")
        .and_then(|a| a.first())
        .and_then(|o| match deref(doc, o) {
            Object::Dictionary(d) => Some(d),
            _ => None,
        });
    let encoding = CodeEncoding::read(doc, dict, limits);
    let to_unicode = load_to_unicode(doc, dict, limits);
    let desc = descendant.and_then(|d| get_dict(doc, d, b"FontDescriptor"));
    let default_width = descendant
        .and_then(|d| get_num(doc, d, b"DW"))
        .unwrap_or(1000.0)
        / 1000.0;
    let widths = descendant
        .and_then(|d| get_array(doc, d, b"W"))
        .map(|w| parse_w(doc, w))
        .unwrap_or_default();
    // Without a ToUnicode, an embedded TrueType program's own Unicode cmap
    // (or its glyph names) names the glyphs.
    let glyph_text = match (descendant, &encoding.fallback) {
        (Some(d), Fallback::None)
            if to_unicode.is_none() && get_name(doc, d, b"Subtype") == Some(b"CIDFontType2") =>
        {
            truetype_glyph_text(doc, d, desc, limits)
        }
        _ => None,
    };
    let vertical = encoding.vertical;
    let mut cid = CidFont {
        encoding: encoding.cmap,
        identity: encoding.identity,
        legacy: encoding.legacy,
        to_unicode,
        fallback: encoding.fallback,
        default_width,
        widths,
        glyph_text,
    };
    if vertical {
        // Vertical fonts advance by the vertical metrics (DW2, default
        // 1000 units); W2 is not read.
        let dw2 = descendant
            .and_then(|d| get_array(doc, d, b"DW2"))
            .map(|a| nums(doc, a))
            .and_then(|v| v.get(1).copied())
            .map_or(1.0, |v| (v / 1000.0).abs());
        cid.default_width = dw2;
        cid.widths.clear();
    }
    // The space width: a code that maps to U+0020.
    let space_width = find_space_width(&cid);
    let (ascent, descent) = vertical_metrics(doc, desc);
    Font {
        kind: Kind::Cid(Box::new(cid)),
        texts: String::new(),
        ascent,
        descent,
        space_width,
        vertical,
        em: 1.0,
    }
}

fn find_space_width(cid: &CidFont) -> Option<f32> {
    // Common space codes: 32 (one byte), 0x0003 (TrueType subsets), 0x0020.
    let mut s = String::new();
    for code in [3u32, 32, 1, 0x0A] {
        s.clear();
        if let Some(tu) = &cid.to_unicode
            && tu.unicode(code, &mut s)
            && s == " "
        {
            let w = cid.width(code);
            if w > 0.0 {
                return Some(w);
            }
        }
    }
    None
}

/// Parses a `/W` array: `c [w1 w2 …]` and `c_first c_last w` entries.
fn parse_w(doc: &Document, w: &[Object]) -> Vec<(u32, u32, f32)> {
    let mut out: Vec<(u32, u32, f32)> = Vec::new();
    let mut i = 0usize;
    while let Some(first) = w.get(i).map(|o| deref(doc, o)) {
        let Some(c) = num(first).filter(|c| *c >= 0.0).map(|c| c as u32) else {
            i += 1;
            continue;
        };
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, o) in list.iter().enumerate() {
                    if let Some(v) = num(deref(doc, o)) {
                        let cid = c.saturating_add(u32::try_from(k).unwrap_or(u32::MAX));
                        out.push((cid, cid, v / 1000.0));
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = num(o).filter(|v| *v >= 0.0).map(|v| v as u32);
                let width = w.get(i + 2).map(|o| deref(doc, o)).and_then(num);
                if let (Some(last), Some(width)) = (last, width)
                    && last >= c
                {
                    out.push((c, last, width / 1000.0));
                }
                i += 3;
            }
            None => break,
        }
    }
    out.sort_by_key(|r| r.0);
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::{limits, text_of};
    use crate::font::Font;
    use lopdf::{Document, Stream, dictionary};

    #[test]
    fn cid_font_identity_h_with_w_array() {
        let mut doc = Document::new();
        let tu = Stream::new(
            dictionary! {},
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange
              2 beginbfchar <0003> <0020> <0024> <0041> endbfchar
              1 beginbfrange <0044> <0046> <0061> endbfrange"
                .to_vec(),
        );
        let tu_id = doc.add_object(tu);
        let d = dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEF+Calibri",
            "Encoding" => "Identity-H", "ToUnicode" => tu_id,
            "DescendantFonts" => vec![dictionary! {
                "Type" => "Font", "Subtype" => "CIDFontType2", "DW" => 800,
                "W" => vec![3.into(), vec![226.into()].into(), 0x44.into(), 0x46.into(), 500.into()],
            }.into()],
        };
        let f = Font::load(&doc, &d, limits());
        assert_eq!(text_of(&f, b"\x00\x24\x00\x03\x00\x45\x00\x46"), "A bc");
        assert!((f.width(3) - 0.226).abs() < 1e-6);
        assert!((f.width(0x45) - 0.5).abs() < 1e-6);
        assert!((f.width(0x99) - 0.8).abs() < 1e-6);
        assert_eq!(f.space_width, Some(0.226));
        // An odd trailing byte still advances.
        assert_eq!(f.next_code(b"\x01"), (1, 1));
    }

    #[test]
    fn legacy_cjk_cmaps_decode_the_code_bytes() {
        let doc = Document::new();
        let d = dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "SimSun",
            "Encoding" => "GBK-EUC-H",
            "DescendantFonts" => vec![dictionary! {
                "Type" => "Font", "Subtype" => "CIDFontType2",
                "W" => vec![1.into(), 95.into(), 500.into()],
            }.into()],
        };
        let f = Font::load(&doc, &d, limits());
        // "中文" in GBK, then ASCII.
        assert_eq!(text_of(&f, b"\xd6\xd0\xce\xc4A1"), "中文A1");
        assert!((f.width(u32::from(b'A')) - 0.5).abs() < 1e-6);
        assert!((f.width(0xD6D0) - 1.0).abs() < 1e-6);
    }
}
