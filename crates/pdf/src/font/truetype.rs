//! Text by glyph from the embedded TrueType program (`/FontFile2`) of a
//! CIDFontType2 font without `/ToUnicode`, as poppler reads it: the
//! program's Unicode `cmap` subtables inverted, else its `post` glyph
//! names, reached from a CID through the font's `/CIDToGIDMap`. The main
//! type is [`GlyphText`].

use super::FontLimits;
use crate::encoding::glyph_name_to_text;
use crate::objects::{get, get_stream, stream_data};
use lopdf::{Dictionary, Document, Object};
use read_fonts::TableProvider;
use read_fonts::tables::cmap::{CmapIterLimits, PlatformId};
use std::collections::HashMap;

/// Most glyph → Unicode pairs read from one embedded font's cmap.
const MAX_CMAP_PAIRS: usize = 1 << 17;

/// The inverse of an embedded TrueType font's Unicode cmap, with the
/// font's CID → GID map (`None`: identity).
#[derive(Debug)]
pub(super) struct GlyphText {
    cid_to_gid: Option<Vec<u16>>,
    by_gid: HashMap<u32, char>,
}

impl GlyphText {
    /// The character of the glyph that `cid` selects, when known.
    pub(super) fn char_of(&self, cid: u32) -> Option<char> {
        let gid = match &self.cid_to_gid {
            None => Some(cid),
            Some(map) => map.get(cid as usize).map(|g| u32::from(*g)),
        };
        gid.and_then(|g| self.by_gid.get(&g)).copied()
    }
}

/// Text by glyph of the embedded TrueType program (`/FontFile2`) of a
/// CIDFontType2 font: its Unicode cmap subtables inverted, else its `post`
/// glyph names; with the font's `/CIDToGIDMap`.
pub(super) fn truetype_glyph_text(
    doc: &Document,
    cid_font: &Dictionary,
    desc: Option<&Dictionary>,
    limits: FontLimits,
) -> Option<GlyphText> {
    let (_, program) = get_stream(doc, desc?, b"FontFile2")?;
    let data = stream_data(program, limits.max_stream_bytes.min(32 << 20)).ok()?;
    let font = read_fonts::FontRef::new(&data).ok()?;
    // Glyph names of the `post` table first, through the AGL; the cmap's
    // Unicode mappings override them.
    let mut by_gid = post_names(&font);
    by_gid.extend(unicode_cmap_inverse(&font));
    if by_gid.is_empty() {
        return None;
    }
    let cid_to_gid = cid_to_gid_map(doc, cid_font, limits)?;
    Some(GlyphText { cid_to_gid, by_gid })
}

/// The character each glyph's `post` name stands for (names of one
/// character only).
fn post_names(font: &read_fonts::FontRef<'_>) -> HashMap<u32, char> {
    let mut by_gid = HashMap::new();
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
    by_gid
}

/// Glyph → character from the Unicode cmap subtables (the first mapping of
/// a glyph wins).
fn unicode_cmap_inverse(font: &read_fonts::FontRef<'_>) -> HashMap<u32, char> {
    let cmap = font.cmap();
    let iter_limits = CmapIterLimits::default_for_font(font);
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
    from_cmap
}

/// The font's `/CIDToGIDMap` stream as a table (`Some(None)`: identity or
/// absent); `None` when the stream is too large to decode.
fn cid_to_gid_map(
    doc: &Document,
    cid_font: &Dictionary,
    limits: FontLimits,
) -> Option<Option<Vec<u16>>> {
    match get(doc, cid_font, b"CIDToGIDMap") {
        Some(Object::Stream(s)) => {
            let map = stream_data(s, limits.max_stream_bytes.min(1 << 20)).ok()?;
            Some(Some(
                map.chunks_exact(2)
                    .map(|c| {
                        u16::from_be_bytes([
                            c.first().copied().unwrap_or(0),
                            c.get(1).copied().unwrap_or(0),
                        ])
                    })
                    .collect(),
            ))
        }
        _ => Some(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cid_to_gid_maps_cids_and_misses_read_as_none() {
        let gt = GlyphText {
            cid_to_gid: Some(vec![0, 7, 3]),
            by_gid: HashMap::from([(7, 'x'), (3, 'y'), (1, 'z')]),
        };
        assert_eq!(gt.char_of(1), Some('x'));
        assert_eq!(gt.char_of(2), Some('y'));
        assert_eq!(gt.char_of(0), None);
        assert_eq!(gt.char_of(9), None);
        let identity = GlyphText {
            cid_to_gid: None,
            ..gt
        };
        assert_eq!(identity.char_of(1), Some('z'));
    }
}
