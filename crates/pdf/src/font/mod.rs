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
//!
//! Parts: `simple` (one-byte fonts: encodings, `/Differences`, widths, the
//! built-in encoding of Type 1 programs), `cid` (Type 0 fonts: encoding
//! CMaps, `/W` widths, text fallbacks), `truetype` (text by glyph from an
//! embedded TrueType program). The main type is [`Font`].

mod cid;
mod simple;
mod truetype;

use crate::cmap::CMap;
use crate::encoding::{BaseEncoding, glyph_name_to_text};
use crate::metrics;
use crate::objects::{get_name, get_num, get_stream, stream_data};
use cid::CidFont;
use lopdf::{Dictionary, Document};
use std::borrow::Cow;

/// Limits that apply while loading fonts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FontLimits {
    /// Largest decoded stream (ToUnicode, CMap, font program).
    pub max_stream_bytes: usize,
    /// Deepest nesting in CMap source.
    pub max_depth: u32,
}

/// A simple font's code: its width and where its text is in `Font::texts`.
#[derive(Debug, Clone, Copy, Default)]
struct CodeInfo {
    width: f32,
    /// The text when it is one character (most codes): pushed without
    /// copying from `texts`.
    one: Option<char>,
    text_start: u32,
    text_len: u32,
}

/// How codes are read: a table of 256 for simple fonts, CMaps for CID fonts.
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
            b"Type0" => cid::load_type0(doc, dict, limits),
            b"Type3" => simple::load_simple(doc, dict, limits, true),
            _ => simple::load_simple(doc, dict, limits, false),
        }
    }

    /// Splits the next code off `bytes`: the code and its length in bytes
    /// (at least 1 for non-empty input).
    #[inline]
    pub fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        match &self.kind {
            Kind::Simple(_) => (bytes.first().map_or(0, |&b| u32::from(b)), 1),
            Kind::Cid(c) => c.encoding.next_code(bytes),
        }
    }

    /// The horizontal advance of `code` (vertical for vertical fonts).
    #[inline]
    pub fn width(&self, code: u32) -> f32 {
        match &self.kind {
            Kind::Simple(t) => t.get(code as usize).map_or(0.0, |i| i.width),
            Kind::Cid(c) => c.width(code),
        }
    }

    /// Appends the Unicode text of `code` (whose bytes are `code_bytes`) to
    /// `out`.
    #[inline]
    pub fn push_text(&self, code: u32, code_bytes: &[u8], out: &mut String) {
        match &self.kind {
            Kind::Simple(t) => {
                if let Some(i) = t.get(code as usize) {
                    if let Some(c) = i.one {
                        out.push(c);
                        return;
                    }
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
            let mut chars = texts.get(start..).unwrap_or("").chars();
            let one = match (chars.next(), chars.next()) {
                (Some(c), None) => Some(c),
                _ => None,
            };
            *slot = CodeInfo {
                width: if w.is_finite() { w } else { 0.0 },
                one,
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

/// Ascent and descent from a font descriptor, kept within the range of real
/// text faces (ascent 0.6–1.05 em, descent 0.1–0.3 em below the baseline)
/// so that the boxes of words on one baseline in different fonts end close
/// together (line building compares box bottoms).
pub(super) fn vertical_metrics(doc: &Document, desc: Option<&Dictionary>) -> (f32, f32) {
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

/// The font's `/ToUnicode` CMap, when it maps anything.
fn load_to_unicode(doc: &Document, dict: &Dictionary, limits: FontLimits) -> Option<CMap> {
    let (_, s) = get_stream(doc, dict, b"ToUnicode")?;
    let data = stream_data(s, limits.max_stream_bytes).ok()?;
    let cmap = CMap::parse(&data, limits.max_depth);
    cmap.has_unicode().then_some(cmap)
}

/// Helpers for the tests of the font parts.
#[cfg(test)]
mod testing {
    use super::{Font, FontLimits};

    pub(super) fn limits() -> FontLimits {
        FontLimits {
            max_stream_bytes: 1 << 20,
            max_depth: 16,
        }
    }

    /// The text of `bytes` shown in `font`, code by code.
    pub(super) fn text_of(font: &Font, bytes: &[u8]) -> String {
        let mut out = String::new();
        let mut rest = bytes;
        while !rest.is_empty() {
            let (code, n) = font.next_code(rest);
            font.push_text(code, rest.get(..n).unwrap_or(&[]), &mut out);
            rest = rest.get(n..).unwrap_or(&[]);
        }
        out
    }
}
