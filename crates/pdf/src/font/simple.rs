//! Simple fonts (Type 1, TrueType, Type 3): one byte per code. The glyph
//! name of each code comes from the base encoding, the font program's
//! built-in encoding (Type 1) and `/Differences`; widths from `/Widths`,
//! else the standard-14 metrics or a substitute; a Type 3 font's glyph space
//! through its `/FontMatrix`. [`load_simple`] resolves all 256 codes at once
//! into a [`Font`].

use super::{Font, FontLimits, load_to_unicode, vertical_metrics};
use crate::encoding::BaseEncoding;
use crate::geom::Matrix;
use crate::metrics::{self, StdMetrics};
use crate::objects::{
    deref, get, get_array, get_dict, get_name, get_num, get_stream, num, nums, stream_data,
};
use lopdf::{Dictionary, Document, Object};
use std::borrow::Cow;

/// What a simple font dictionary says about its face, read once.
struct Face<'a> {
    base_font: String,
    desc: Option<&'a Dictionary>,
    /// The descriptor's `/Flags`.
    flags: u32,
    /// The standard-14 face it names (never for Type 3).
    std: Option<StdMetrics>,
    type3: bool,
}

impl<'a> Face<'a> {
    fn read(doc: &'a Document, dict: &'a Dictionary, type3: bool) -> Self {
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
        Face {
            base_font,
            desc,
            flags,
            std,
            type3,
        }
    }
}

/// Loads a simple font; `type3` for Type 3 fonts.
pub(super) fn load_simple(
    doc: &Document,
    dict: &Dictionary,
    limits: FontLimits,
    type3: bool,
) -> Font {
    let face = Face::read(doc, dict, type3);
    let names = glyph_names(doc, dict, &face, limits);
    let to_unicode = load_to_unicode(doc, dict, limits);
    let widths = Widths::read(doc, dict, &face);
    let mut font = Font::simple_from(&names, to_unicode.as_ref(), |code, name| {
        widths.width(code, name)
    });
    let (ascent, descent) = vertical_metrics(doc, face.desc);
    font.ascent = ascent;
    font.descent = descent;
    if type3 {
        set_type3_em(doc, dict, &widths.font_matrix, &mut font);
    }
    font
}

/// The glyph name of every code: the base encoding, else a built-in one,
/// then `/Differences`.
fn glyph_names(
    doc: &Document,
    dict: &Dictionary,
    face: &Face<'_>,
    limits: FontLimits,
) -> Vec<Cow<'static, str>> {
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
        && !face.type3
        && let Some(builtin) = face
            .desc
            .and_then(|d| type1_builtin_encoding(doc, d, limits))
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
    if !have_names && !face.type3 {
        let is_truetype = get_name(doc, dict, b"Subtype") == Some(b"TrueType");
        let base = base.unwrap_or(match face.std {
            Some(StdMetrics::Symbol) => BaseEncoding::Symbol,
            Some(StdMetrics::ZapfDingbats) => BaseEncoding::ZapfDingbats,
            _ if is_truetype => BaseEncoding::WinAnsi,
            _ if face.flags & 4 != 0 && face.flags & 32 == 0 && face.desc.is_some() => {
                BaseEncoding::WinAnsi
            }
            _ => BaseEncoding::Standard,
        });
        for (code, slot) in (0..=255u8).zip(names.iter_mut()) {
            *slot = Cow::Borrowed(base.glyph_name(code));
        }
    }
    if let Some(diffs) = diffs {
        apply_differences(doc, diffs, &mut names);
    }
    names
}

/// `/Differences`: a code, then the names of it and the codes after it.
fn apply_differences(doc: &Document, diffs: &[Object], names: &mut [Cow<'static, str>]) {
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

/// Where the widths of a simple font come from.
struct Widths {
    /// Glyph space to text space (1/1000 except for Type 3 fonts).
    font_matrix: Matrix,
    /// `/FirstChar`.
    first: i64,
    /// `/Widths`, in glyph space.
    widths: Option<Vec<Option<f32>>>,
    /// The descriptor's `/MissingWidth`.
    missing: f32,
    /// Metrics for fonts without `/Widths`.
    substitute: StdMetrics,
    type3: bool,
}

impl Widths {
    fn read(doc: &Document, dict: &Dictionary, face: &Face<'_>) -> Self {
        let thousandth = Matrix::new(0.001, 0.0, 0.0, 0.001, 0.0, 0.0);
        let font_matrix = if face.type3 {
            get_array(doc, dict, b"FontMatrix")
                .map(|a| nums(doc, a))
                .and_then(|v| Matrix::from_slice(&v))
                .filter(|m| m.a != 0.0 && m.d != 0.0)
                .unwrap_or(thousandth)
        } else {
            thousandth
        };
        Widths {
            font_matrix,
            first: get_num(doc, dict, b"FirstChar").map_or(0, |f| f as i64),
            widths: get_array(doc, dict, b"Widths")
                .map(|a| a.iter().map(|o| num(deref(doc, o))).collect()),
            missing: face
                .desc
                .and_then(|d| get_num(doc, d, b"MissingWidth"))
                .unwrap_or(0.0),
            substitute: face
                .std
                .unwrap_or_else(|| metrics::substitute(&face.base_font, face.flags)),
            type3: face.type3,
        }
    }

    /// The width of `code` (glyph `name`) in text space per unit font size.
    fn width(&self, code: u8, name: &str) -> f32 {
        match &self.widths {
            Some(w) => {
                let idx = i64::from(code).checked_sub(self.first).unwrap_or(-1);
                let v = usize::try_from(idx)
                    .ok()
                    .and_then(|i| w.get(i).copied().flatten())
                    .unwrap_or(self.missing);
                v * self.font_matrix.a
            }
            None if self.type3 => self.missing * self.font_matrix.a,
            None => {
                self.substitute.width(name, code).map_or(
                    if self.missing > 0.0 {
                        self.missing
                    } else {
                        500.0
                    },
                    f32::from,
                ) / 1000.0
            }
        }
    }
}

/// The em of a Type 3 font is its glyph space through `/FontMatrix`; the
/// font's bounding box height is used when it is plausible.
fn set_type3_em(doc: &Document, dict: &Dictionary, font_matrix: &Matrix, font: &mut Font) {
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

#[cfg(test)]
mod tests {
    use super::super::testing::{limits, text_of};
    use crate::font::Font;
    use lopdf::{Document, Object, Stream, dictionary};

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
