//! Fonts as the text layer needs them: how a string splits into character
//! codes, each code's advance width, and each code's Unicode text.
//!
//! * Simple fonts (Type 1, TrueType, Type 3): one byte per code; widths from
//!   `/Widths`/`/FirstChar`/`MissingWidth`, else the standard-14 metrics (or a
//!   substitute chosen by the descriptor flags); text from `/ToUnicode` first,
//!   else the glyph name from `/Differences`, the font program's built-in
//!   encoding (Type 1) or the base encoding, through the Adobe Glyph List.
//!   All 256 codes are resolved once, when the font is loaded.
//! * Type 0 (CID) fonts: codes split by the encoding CMap's codespace
//!   (Identity-H/V: two bytes; embedded CMaps; the predefined Unicode and
//!   legacy CJK CMaps by name); widths from `/W` and `/DW` by CID; text from
//!   `/ToUnicode`, else from the code itself for the predefined Unicode
//!   CMaps, or by decoding the code bytes as GBK, Big5, Shift-JIS, EUC-JP or
//!   EUC-KR for the legacy CJK CMaps.
//! * Type 3 fonts: widths and glyph size through `/FontMatrix`.
//!
//! Loading never fails: whatever cannot be read falls back to defaults.

use crate::cmap::CMap;
use crate::encoding::{BaseEncoding, glyph_name_to_text};
use crate::metrics::{self, StdMetrics};
use crate::objects::{
    deref, get, get_array, get_dict, get_name, get_num, get_stream, num, nums, stream_data,
};
use lopdf::{Dictionary, Document, Object};
use std::borrow::Cow;
use std::collections::HashMap;

/// Limits that apply while loading fonts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FontLimits {
    /// Largest decoded stream (ToUnicode, CMap, font program).
    pub max_stream_bytes: usize,
    /// Deepest nesting in CMap source.
    pub max_depth: u32,
}

#[derive(Debug, Clone, Copy, Default)]
struct CodeInfo {
    width: f32,
    text_start: u32,
    text_len: u32,
}

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

#[derive(Debug)]
struct CidFont {
    encoding: CMap,
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

/// The inverse of an embedded TrueType font's Unicode cmap, with the
/// font's CID → GID map (`None`: identity).
#[derive(Debug)]
struct GlyphText {
    cid_to_gid: Option<Vec<u16>>,
    by_gid: HashMap<u32, char>,
}

#[derive(Debug)]
enum Kind {
    Simple(Box<[CodeInfo; 256]>),
    Cid(Box<CidFont>),
}

/// A loaded font; see the module docs. Widths and heights are in text space
/// per unit of font size (1.0 = one em for ordinary fonts).
#[derive(Debug)]
pub(crate) struct Font {
    kind: Kind,
    texts: String,
    /// Top of the glyph box above the baseline.
    pub ascent: f32,
    /// Bottom of the glyph box (negative: below the baseline).
    pub descent: f32,
    /// Advance of the space glyph, when the font has one.
    pub space_width: Option<f32>,
    /// Vertical writing mode (`-V` CMaps).
    pub vertical: bool,
    /// Height of an em in text space per unit font size (1.0 except for
    /// Type 3 fonts, whose glyph space is set by `/FontMatrix`).
    pub em: f32,
}

impl Font {
    /// A stand-in for a missing or unreadable font: WinAnsi codes with
    /// Helvetica widths.
    pub fn fallback() -> Font {
        let names: Vec<Cow<'static, str>> = (0..=255u8)
            .map(|c| Cow::Borrowed(BaseEncoding::WinAnsi.glyph_name(c)))
            .collect();
        let metrics = metrics::standard("Helvetica");
        let mut font = Font::simple_from(&names, None, |c, name| {
            metrics
                .and_then(|m| m.width(name, c))
                .map_or(0.5, |w| f32::from(w) / 1000.0)
        });
        font.ascent = 0.75;
        font.descent = -0.25;
        font
    }

    /// Loads a font dictionary.
    pub fn load(doc: &Document, dict: &Dictionary, limits: FontLimits) -> Font {
        let subtype = get_name(doc, dict, b"Subtype").unwrap_or(b"");
        match subtype {
            b"Type0" => load_type0(doc, dict, limits),
            b"Type3" => load_simple(doc, dict, limits, true),
            _ => load_simple(doc, dict, limits, false),
        }
    }

    /// Splits the next code off `bytes`: the code and its length in bytes
    /// (at least 1 for non-empty input).
    pub fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        match &self.kind {
            Kind::Simple(_) => (bytes.first().map_or(0, |&b| u32::from(b)), 1),
            Kind::Cid(c) => c.encoding.next_code(bytes),
        }
    }

    /// The horizontal advance of `code` (vertical for vertical fonts).
    pub fn width(&self, code: u32) -> f32 {
        match &self.kind {
            Kind::Simple(t) => t.get(code as usize).map_or(0.0, |i| i.width),
            Kind::Cid(c) => c.width(code),
        }
    }

    /// Appends the Unicode text of `code` (whose bytes are `code_bytes`) to
    /// `out`.
    pub fn push_text(&self, code: u32, code_bytes: &[u8], out: &mut String) {
        match &self.kind {
            Kind::Simple(t) => {
                if let Some(i) = t.get(code as usize) {
                    let start = i.text_start as usize;
                    let end = start + i.text_len as usize;
                    if let Some(s) = self.texts.get(start..end) {
                        out.push_str(s);
                    }
                }
            }
            Kind::Cid(c) => c.push_text(code, code_bytes, out),
        }
    }

    fn simple_from(
        names: &[Cow<'static, str>],
        to_unicode: Option<&CMap>,
        mut width: impl FnMut(u8, &str) -> f32,
    ) -> Font {
        let mut table = Box::new([CodeInfo::default(); 256]);
        let mut texts = String::new();
        let mut space_width = None;
        for (code, slot) in (0..=255u8).zip(table.iter_mut()) {
            let name = names.get(usize::from(code)).map_or("", |n| n.as_ref());
            let start = texts.len();
            let mapped = to_unicode.is_some_and(|tu| tu.unicode(u32::from(code), &mut texts));
            if !mapped && let Some(t) = glyph_name_to_text(name) {
                texts.push_str(&t);
            }
            let w = width(code, name);
            *slot = CodeInfo {
                width: if w.is_finite() { w } else { 0.0 },
                text_start: u32::try_from(start).unwrap_or(u32::MAX),
                text_len: u32::try_from(texts.len() - start).unwrap_or(0),
            };
            let is_space = texts.get(start..) == Some(" ");
            if is_space && w > 0.0 && (space_width.is_none() || code == 32) {
                space_width = Some(w);
            }
        }
        Font {
            kind: Kind::Simple(table),
            texts,
            ascent: 0.8,
            descent: -0.2,
            space_width,
            vertical: false,
            em: 1.0,
        }
    }
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

    fn width(&self, code: u32) -> f32 {
        let Some(cid) = self.cid(code) else {
            return self.default_width;
        };
        let idx = self.widths.partition_point(|r| r.0 <= cid);
        match idx.checked_sub(1).and_then(|i| self.widths.get(i)) {
            Some((_, hi, w)) if cid <= *hi => *w,
            _ => self.default_width,
        }
    }

    fn push_text(&self, code: u32, code_bytes: &[u8], out: &mut String) {
        if let Some(tu) = &self.to_unicode
            && tu.unicode(code, out)
        {
            return;
        }
        if let Some(gt) = &self.glyph_text
            && let Some(cid) = self.cid(code)
        {
            let gid = match &gt.cid_to_gid {
                None => Some(cid),
                Some(map) => map.get(cid as usize).map(|g| u32::from(*g)),
            };
            if let Some(c) = gid.and_then(|g| gt.by_gid.get(&g)) {
                out.push(*c);
                return;
            }
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

/// Ascent and descent from a font descriptor, kept within the range of real
/// text faces (ascent 0.6–1.05 em, descent 0.1–0.3 em below the baseline)
/// so that the boxes of words on one baseline in different fonts end close
/// together (line building compares box bottoms).
fn vertical_metrics(doc: &Document, desc: Option<&Dictionary>) -> (f32, f32) {
    let ascent = desc
        .and_then(|d| get_num(doc, d, b"Ascent"))
        .map(|a| a / 1000.0)
        .filter(|a| *a > 0.0)
        .map_or(0.8, |a| a.clamp(0.6, 1.05));
    let descent = desc
        .and_then(|d| get_num(doc, d, b"Descent"))
        .map(|d| d / 1000.0)
        .filter(|d| *d < 0.0)
        .map_or(-0.2, |d| d.clamp(-0.3, -0.1));
    (ascent, descent)
}

fn load_to_unicode(doc: &Document, dict: &Dictionary, limits: FontLimits) -> Option<CMap> {
    let (_, s) = get_stream(doc, dict, b"ToUnicode")?;
    let data = stream_data(s, limits.max_stream_bytes).ok()?;
    let cmap = CMap::parse(&data, limits.max_depth);
    cmap.has_unicode().then_some(cmap)
}

fn load_simple(doc: &Document, dict: &Dictionary, limits: FontLimits, type3: bool) -> Font {
    let base_font = get_name(doc, dict, b"BaseFont")
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default();
    let desc = get_dict(doc, dict, b"FontDescriptor");
    let flags = desc
        .and_then(|d| get_num(doc, d, b"Flags"))
        .map_or(0, |f| f as i64 as u32);
    let std = if type3 {
        None
    } else {
        metrics::standard(&base_font)
    };
    let is_truetype = get_name(doc, dict, b"Subtype") == Some(b"TrueType");

    // Encoding: base encoding, then a built-in one, then Differences.
    let (mut base, diffs) = match get(doc, dict, b"Encoding") {
        Some(Object::Name(n)) => (BaseEncoding::from_name(n), None),
        Some(Object::Dictionary(d)) => (
            get_name(doc, d, b"BaseEncoding").and_then(BaseEncoding::from_name),
            get_array(doc, d, b"Differences"),
        ),
        _ => (None, None),
    };
    let mut names: Vec<Cow<'static, str>> = vec![Cow::Borrowed(""); 256];
    let mut have_names = false;
    if base.is_none()
        && !type3
        && let Some(builtin) = desc.and_then(|d| type1_builtin_encoding(doc, d, limits))
    {
        match builtin {
            Builtin::Standard => base = Some(BaseEncoding::Standard),
            Builtin::Custom(list) => {
                for (slot, name) in names.iter_mut().zip(list) {
                    if let Some(n) = name {
                        *slot = Cow::Owned(n);
                    }
                }
                have_names = true;
            }
        }
    }
    if !have_names && !type3 {
        let base = base.unwrap_or(match std {
            Some(StdMetrics::Symbol) => BaseEncoding::Symbol,
            Some(StdMetrics::ZapfDingbats) => BaseEncoding::ZapfDingbats,
            _ if is_truetype => BaseEncoding::WinAnsi,
            _ if flags & 4 != 0 && flags & 32 == 0 && desc.is_some() => BaseEncoding::WinAnsi,
            _ => BaseEncoding::Standard,
        });
        for (code, slot) in (0..=255u8).zip(names.iter_mut()) {
            *slot = Cow::Borrowed(base.glyph_name(code));
        }
    }
    if let Some(diffs) = diffs {
        let mut code: i64 = 0;
        for o in diffs {
            match deref(doc, o) {
                Object::Integer(n) => code = *n,
                Object::Real(r) => code = *r as i64,
                Object::Name(n) => {
                    if let Some(slot) = usize::try_from(code).ok().and_then(|c| names.get_mut(c)) {
                        *slot = Cow::Owned(String::from_utf8_lossy(n).into_owned());
                    }
                    code = code.saturating_add(1);
                }
                _ => {}
            }
        }
    }

    let to_unicode = load_to_unicode(doc, dict, limits);

    // Widths.
    let font_matrix = if type3 {
        get_array(doc, dict, b"FontMatrix")
            .map(|a| nums(doc, a))
            .and_then(|v| crate::geom::Matrix::from_slice(&v))
            .filter(|m| m.a != 0.0 && m.d != 0.0)
            .unwrap_or(crate::geom::Matrix::new(0.001, 0.0, 0.0, 0.001, 0.0, 0.0))
    } else {
        crate::geom::Matrix::new(0.001, 0.0, 0.0, 0.001, 0.0, 0.0)
    };
    let first = get_num(doc, dict, b"FirstChar").map_or(0, |f| f as i64);
    let widths: Option<Vec<Option<f32>>> =
        get_array(doc, dict, b"Widths").map(|a| a.iter().map(|o| num(deref(doc, o))).collect());
    let missing = desc
        .and_then(|d| get_num(doc, d, b"MissingWidth"))
        .unwrap_or(0.0);
    let substitute = std.unwrap_or_else(|| metrics::substitute(&base_font, flags));
    let mut font = Font::simple_from(&names, to_unicode.as_ref(), |code, name| match &widths {
        Some(w) => {
            let idx = i64::from(code).checked_sub(first).unwrap_or(-1);
            let v = usize::try_from(idx)
                .ok()
                .and_then(|i| w.get(i).copied().flatten())
                .unwrap_or(missing);
            v * font_matrix.a
        }
        None => {
            if type3 {
                return missing * font_matrix.a;
            }
            substitute
                .width(name, code)
                .map_or(if missing > 0.0 { missing } else { 500.0 }, f32::from)
                / 1000.0
        }
    });

    let (ascent, descent) = vertical_metrics(doc, desc);
    font.ascent = ascent;
    font.descent = descent;
    if type3 {
        // The em of a Type 3 font is its glyph space through FontMatrix; use
        // the font's bounding box height when it is plausible.
        let bbox_h = get_array(doc, dict, b"FontBBox")
            .map(|a| nums(doc, a))
            .and_then(|v| match v.as_slice() {
                [_, y0, _, y1] => Some((y1 - y0).abs() * font_matrix.d.abs()),
                _ => None,
            })
            .filter(|h| *h > 0.05 && *h < 20.0);
        let em = bbox_h
            .unwrap_or((font_matrix.d * 1000.0).abs())
            .clamp(0.01, 100.0);
        font.em = em;
        font.ascent = 0.8 * em;
        font.descent = -0.2 * em;
    }
    font
}

/// The built-in encoding of an embedded Type 1 font program.
enum Builtin {
    Standard,
    Custom(Vec<Option<String>>),
}

/// Reads `/Encoding` from the clear-text part of an embedded Type 1 font
/// (`/FontFile`): `StandardEncoding` or a list of `dup <code> /<name> put`.
fn type1_builtin_encoding(
    doc: &Document,
    desc: &Dictionary,
    limits: FontLimits,
) -> Option<Builtin> {
    let (_, s) = get_stream(doc, desc, b"FontFile")?;
    let data = stream_data(s, limits.max_stream_bytes.min(16 << 20)).ok()?;
    let clear_len = get_num(doc, &s.dict, b"Length1")
        .map(|l| l as usize)
        .filter(|l| *l > 0 && *l <= data.len())
        .unwrap_or(data.len());
    let clear = data.get(..clear_len)?;
    let clear = match find(clear, b"eexec") {
        Some(i) => clear.get(..i)?,
        None => clear,
    };
    let at = find(clear, b"/Encoding")?;
    let rest = clear.get(at + 9..)?;
    let head = rest.get(..rest.len().min(64)).unwrap_or(rest);
    if find(head, b"StandardEncoding").is_some() {
        return Some(Builtin::Standard);
    }
    let mut names: Vec<Option<String>> = vec![None; 256];
    let mut i = 0usize;
    let mut found = false;
    while let Some(off) = rest.get(i..).and_then(|r| find(r, b"dup ")) {
        let mut p = i + off + 4;
        let digits_start = p;
        while rest.get(p).is_some_and(u8::is_ascii_digit) {
            p += 1;
        }
        let code: Option<usize> = std::str::from_utf8(rest.get(digits_start..p)?)
            .ok()
            .and_then(|s| s.parse().ok());
        while rest.get(p) == Some(&b' ') {
            p += 1;
        }
        if let Some(code) = code
            && rest.get(p) == Some(&b'/')
        {
            let name_start = p + 1;
            let mut q = name_start;
            while rest
                .get(q)
                .is_some_and(|c| c.is_ascii_graphic() && !b"/[]{}()<>%".contains(c))
            {
                q += 1;
            }
            if let (Some(slot), Some(name)) = (names.get_mut(code), rest.get(name_start..q)) {
                *slot = Some(String::from_utf8_lossy(name).into_owned());
                found = true;
            }
            p = q;
        }
        i = p.max(i + off + 4);
        if rest
            .get(i..)
            .is_some_and(|r| r.starts_with(b" readonly def") || r.starts_with(b"readonly def"))
        {
            break;
        }
    }
    found.then_some(Builtin::Custom(names))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
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

fn load_type0(doc: &Document, dict: &Dictionary, limits: FontLimits) -> Font {
    let descendant = get_array(doc, dict, b"DescendantFonts")
        .and_then(|a| a.first())
        .and_then(|o| match deref(doc, o) {
            Object::Dictionary(d) => Some(d),
            _ => None,
        });
    let (encoding, identity, fallback, legacy, vertical) = match get(doc, dict, b"Encoding") {
        Some(Object::Name(n)) => {
            let (c, id, fb, legacy) = predefined_cmap(n);
            let vertical = n.ends_with(b"-V");
            (c, id, fb, legacy, vertical)
        }
        Some(Object::Stream(s)) => {
            let data = stream_data(s, limits.max_stream_bytes).unwrap_or_default();
            let parsed = CMap::parse(&data, limits.max_depth);
            let vertical = parsed.wmode == 1;
            match parsed.uses.as_deref().map(str::as_bytes) {
                Some(base) if !parsed.has_codespace() => {
                    let (c, id, fb, legacy) = predefined_cmap(base);
                    (c, id, fb, legacy, vertical || base.ends_with(b"-V"))
                }
                _ if !parsed.has_codespace() => {
                    (CMap::two_byte(), true, Fallback::None, false, vertical)
                }
                _ => {
                    let identity = !parsed.has_cids();
                    (parsed, identity, Fallback::None, false, vertical)
                }
            }
        }
        _ => (CMap::two_byte(), true, Fallback::None, false, false),
    };
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
    let glyph_text = match (descendant, &fallback) {
        (Some(d), Fallback::None)
            if to_unicode.is_none() && get_name(doc, d, b"Subtype") == Some(b"CIDFontType2") =>
        {
            truetype_glyph_text(doc, d, desc, limits)
        }
        _ => None,
    };
    let mut cid = CidFont {
        encoding,
        identity,
        legacy,
        to_unicode,
        fallback,
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

/// Most glyph → Unicode pairs read from one embedded font's cmap.
const MAX_CMAP_PAIRS: usize = 1 << 17;

/// Text by glyph of the embedded TrueType program (`/FontFile2`) of a
/// CIDFontType2 font: its Unicode cmap subtables inverted, else its `post`
/// glyph names; with the font's `/CIDToGIDMap`.
fn truetype_glyph_text(
    doc: &Document,
    cid_font: &Dictionary,
    desc: Option<&Dictionary>,
    limits: FontLimits,
) -> Option<GlyphText> {
    use read_fonts::TableProvider;
    use read_fonts::tables::cmap::{CmapIterLimits, PlatformId};
    let (_, program) = get_stream(doc, desc?, b"FontFile2")?;
    let data = stream_data(program, limits.max_stream_bytes.min(32 << 20)).ok()?;
    let font = read_fonts::FontRef::new(&data).ok()?;
    let mut by_gid: HashMap<u32, char> = HashMap::new();
    // Glyph names of the `post` table first, through the AGL; the cmap's
    // Unicode mappings override them.
    if let (Ok(post), Ok(maxp)) = (font.post(), font.maxp()) {
        for gid in 0..maxp.num_glyphs() {
            let text = post
                .glyph_name(read_fonts::types::GlyphId16::new(gid))
                .and_then(glyph_name_to_text);
            let mut chars = text.as_deref().unwrap_or("").chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && !c.is_control()
            {
                by_gid.insert(u32::from(gid), c);
            }
        }
    }
    let cmap = font.cmap();
    let iter_limits = CmapIterLimits::default_for_font(&font);
    let records = cmap
        .as_ref()
        .map(|c| c.encoding_records())
        .unwrap_or_default();
    let mut from_cmap: HashMap<u32, char> = HashMap::new();
    for record in records {
        let Ok(cmap) = cmap.as_ref() else { break };
        let unicode = match record.platform_id() {
            PlatformId::Unicode => true,
            PlatformId::Windows => matches!(record.encoding_id(), 1 | 10),
            _ => false,
        };
        let Some(subtable) = unicode
            .then(|| record.subtable(cmap.offset_data()).ok())
            .flatten()
        else {
            continue;
        };
        for (cp, gid) in subtable.iter_with_limits(iter_limits).take(MAX_CMAP_PAIRS) {
            if let Some(c) = char::from_u32(cp).filter(|c| !c.is_control()) {
                from_cmap.entry(gid.to_u32()).or_insert(c);
            }
        }
    }
    by_gid.extend(from_cmap);
    if by_gid.is_empty() {
        return None;
    }
    let cid_to_gid = match get(doc, cid_font, b"CIDToGIDMap") {
        Some(Object::Stream(s)) => {
            let map = stream_data(s, limits.max_stream_bytes.min(1 << 20)).ok()?;
            Some(
                map.chunks_exact(2)
                    .map(|c| {
                        u16::from_be_bytes([
                            c.first().copied().unwrap_or(0),
                            c.get(1).copied().unwrap_or(0),
                        ])
                    })
                    .collect(),
            )
        }
        _ => None,
    };
    Some(GlyphText { cid_to_gid, by_gid })
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
    use super::*;
    use lopdf::{Stream, dictionary};

    fn limits() -> FontLimits {
        FontLimits {
            max_stream_bytes: 1 << 20,
            max_depth: 16,
        }
    }

    fn text_of(font: &Font, bytes: &[u8]) -> String {
        let mut out = String::new();
        let mut rest = bytes;
        while !rest.is_empty() {
            let (code, n) = font.next_code(rest);
            font.push_text(code, rest.get(..n).unwrap_or(&[]), &mut out);
            rest = rest.get(n..).unwrap_or(&[]);
        }
        out
    }

    #[test]
    fn simple_font_widths_and_winansi() {
        let doc = Document::new();
        let d = dictionary! {
            "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "Foo",
            "Encoding" => "WinAnsiEncoding", "FirstChar" => 32,
            "Widths" => vec![250.into(), 333.into(), Object::Real(400.5)],
        };
        let f = Font::load(&doc, &d, limits());
        assert_eq!(text_of(&f, b"\xe4\x96 "), "ä– ");
        assert!((f.width(32) - 0.25).abs() < 1e-6);
        assert!((f.width(34) - 0.4005).abs() < 1e-6);
        assert_eq!(f.width(65), 0.0); // outside Widths, no MissingWidth
        assert_eq!(f.space_width, Some(0.25));
    }

    #[test]
    fn standard14_without_widths_and_differences() {
        let doc = Document::new();
        let d = dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => dictionary! {
                "BaseEncoding" => "WinAnsiEncoding",
                "Differences" => vec![65.into(), "uni00E5".into(), "g42".into(), "odieresis".into()],
            },
        };
        let f = Font::load(&doc, &d, limits());
        assert_eq!(text_of(&f, b"ABCD"), "\u{e5}\u{f6}D");
        assert!((f.width(u32::from(b'D')) - 0.722).abs() < 1e-6);
        assert!((f.width(32) - 0.278).abs() < 1e-6);
    }

    #[test]
    fn to_unicode_wins_over_encoding() {
        let mut doc = Document::new();
        let tu = Stream::new(
            dictionary! {},
            b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <41> <00C4> endbfchar".to_vec(),
        );
        let tu_id = doc.add_object(tu);
        let d = dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman",
            "Encoding" => "WinAnsiEncoding", "ToUnicode" => tu_id,
        };
        let f = Font::load(&doc, &d, limits());
        assert_eq!(text_of(&f, b"AB"), "\u{c4}B");
    }

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

    #[test]
    fn type3_widths_go_through_the_font_matrix() {
        let doc = Document::new();
        let d = dictionary! {
            "Type" => "Font", "Subtype" => "Type3",
            "FontMatrix" => vec![0.01.into(), 0.into(), 0.into(), 0.01.into(), 0.into(), 0.into()],
            "FontBBox" => vec![0.into(), (-20).into(), 100.into(), 80.into()],
            "FirstChar" => 65, "Widths" => vec![50.into()],
            "Encoding" => dictionary! { "Differences" => vec![65.into(), "A".into()] },
        };
        let f = Font::load(&doc, &d, limits());
        assert!((f.width(65) - 0.5).abs() < 1e-6);
        assert!((f.em - 1.0).abs() < 1e-6);
        assert_eq!(text_of(&f, b"A"), "A");
    }

    #[test]
    fn type1_builtin_encoding_is_read_from_the_font_program() {
        let mut doc = Document::new();
        let program = b"%!PS-AdobeFont-1.0: CMMI10\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\ndup 65 /alpha put\ndup 66 /B put\nreadonly def\ncurrentfile eexec\x00\x01".to_vec();
        let ff = doc.add_object(Stream::new(dictionary! {}, program));
        let d = dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "ABCDEF+CMMI10",
            "FontDescriptor" => dictionary! { "FontFile" => ff, "Flags" => 4 },
            "FirstChar" => 65, "Widths" => vec![600.into(), 600.into()],
        };
        let f = Font::load(&doc, &d, limits());
        assert_eq!(text_of(&f, b"AB"), "αB");
    }
}
