//! CMaps (PDF 32000-1 §9.7.5, §9.10.3): codespace ranges that split a string
//! into character codes, `bfchar`/`bfrange` mappings from codes to Unicode
//! (ToUnicode CMaps) and `cidchar`/`cidrange` mappings from codes to CIDs
//! (embedded encoding CMaps of Type 0 fonts).
//!
//! Parsing is tolerant (it reuses the content-stream lexer): malformed
//! entries are skipped, the rest is kept. Destination strings are UTF-16BE;
//! unpaired surrogates become U+FFFD instead of failing. Memory is bounded by
//! [`MAX_ENTRIES`]; incrementing `bfrange`s are stored as ranges, not expanded.

use crate::lexer::{Lexer, Obj, Operands};
use std::collections::HashMap;

/// Most single mappings and ranges kept from one CMap.
pub(crate) const MAX_ENTRIES: usize = 1 << 20;

/// The text one code maps to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Text {
    /// One character (the common case).
    One(char),
    /// Several characters (ligatures, decompositions).
    Many(Box<str>),
}

impl Text {
    fn from_units(units: &[u16]) -> Option<Text> {
        let mut it = char::decode_utf16(units.iter().copied())
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .filter(|&c| c != '\0');
        let first = it.next()?;
        match it.next() {
            None => Some(Text::One(first)),
            Some(second) => {
                let mut s = String::new();
                s.push(first);
                s.push(second);
                s.extend(it);
                Some(Text::Many(s.into_boxed_str()))
            }
        }
    }

    /// Appends the text to `out`.
    pub fn push_to(&self, out: &mut String) {
        match self {
            Text::One(c) => out.push(*c),
            Text::Many(s) => out.push_str(s),
        }
    }
}

#[derive(Debug, Clone)]
enum BfDst {
    /// Codes map to `base` with its last unit incremented by the offset.
    Incr(Vec<u16>),
    /// Codes map to the listed texts in order.
    List(Vec<Option<Text>>),
}

#[derive(Debug, Clone)]
struct BfRange {
    lo: u32,
    hi: u32,
    dst: BfDst,
}

/// A codespace range: codes of `len` bytes whose every byte lies between
/// the corresponding bytes of `lo` and `hi`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct CodeRange {
    len: usize,
    lo: [u8; 4],
    hi: [u8; 4],
}

/// A parsed CMap; see the module docs.
#[derive(Debug, Clone, Default)]
pub(crate) struct CMap {
    codespace: Vec<CodeRange>,
    bf_single: HashMap<u32, Text>,
    bf_ranges: Vec<BfRange>,
    cid_single: HashMap<u32, u32>,
    cid_ranges: Vec<(u32, u32, u32)>,
    /// 1 for vertical writing.
    pub wmode: u8,
    /// The name of a predefined CMap named by `usecmap`, if any.
    pub uses: Option<String>,
}

fn code_value(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    Some(bytes.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b)))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    if bytes.len() == 1 {
        return bytes.iter().map(|&b| u16::from(b)).collect();
    }
    bytes
        .chunks(2)
        .map(|c| match c {
            [a, b] => u16::from_be_bytes([*a, *b]),
            [a] => u16::from(*a),
            _ => 0,
        })
        .collect()
}

impl CMap {
    /// Parses CMap source text.
    pub fn parse(data: &[u8], max_depth: u32) -> CMap {
        let mut cmap = CMap::default();
        let mut lx = Lexer::new(data, max_depth);
        let mut ops = Operands::default();
        let mut entries = 0usize;
        while let Some(op) = lx.next_op(&mut ops) {
            match op {
                b"endcodespacerange" => cmap.add_codespace(&ops),
                b"endbfchar" => cmap.add_bfchar(&ops, &mut entries),
                b"endbfrange" => cmap.add_bfrange(&ops, &mut entries),
                b"endcidchar" => cmap.add_cidchar(&ops, &mut entries),
                b"endcidrange" => cmap.add_cidrange(&ops, &mut entries),
                b"usecmap" => {
                    if let Some(name) = ops.last_name() {
                        cmap.uses = Some(String::from_utf8_lossy(name).into_owned());
                    }
                }
                b"def" => {
                    if let [key @ Obj::Name(_), Obj::Num(v)] = ops.items.as_slice()
                        && ops.bytes_of(key) == b"WMode"
                    {
                        cmap.wmode = u8::from(*v == 1.0);
                    }
                }
                _ => {}
            }
            ops.clear();
        }
        cmap.bf_ranges.sort_by_key(|r| r.lo);
        cmap.cid_ranges.sort_by_key(|r| r.0);
        cmap.codespace.sort_by_key(|r| r.len);
        cmap
    }

    fn add_codespace(&mut self, ops: &Operands) {
        for pair in ops.items.chunks_exact(2) {
            if let [lo @ Obj::Str(_), hi @ Obj::Str(_)] = pair {
                let (lo, hi) = (ops.bytes_of(lo), ops.bytes_of(hi));
                if lo.len() != hi.len() || lo.is_empty() || lo.len() > 4 {
                    continue;
                }
                let mut r = CodeRange {
                    len: lo.len(),
                    lo: [0; 4],
                    hi: [0; 4],
                };
                for (i, (&l, &h)) in lo.iter().zip(hi).enumerate() {
                    if let (Some(a), Some(b)) = (r.lo.get_mut(i), r.hi.get_mut(i)) {
                        *a = l.min(h);
                        *b = l.max(h);
                    }
                }
                if self.codespace.len() < 256 {
                    self.codespace.push(r);
                }
            }
        }
    }

    fn add_bfchar(&mut self, ops: &Operands, entries: &mut usize) {
        for pair in ops.items.chunks_exact(2) {
            if *entries >= MAX_ENTRIES {
                return;
            }
            let [src @ Obj::Str(_), dst] = pair else {
                continue;
            };
            let Some(code) = code_value(ops.bytes_of(src)) else {
                continue;
            };
            let text = match dst {
                Obj::Str(_) => Text::from_units(&utf16_units(ops.bytes_of(dst))),
                Obj::Name(_) => glyph_text(ops.bytes_of(dst)),
                _ => None,
            };
            if let Some(t) = text {
                *entries += 1;
                self.bf_single.insert(code, t);
            }
        }
    }

    fn add_bfrange(&mut self, ops: &Operands, entries: &mut usize) {
        for triple in ops.items.chunks_exact(3) {
            if *entries >= MAX_ENTRIES {
                return;
            }
            let [lo @ Obj::Str(_), hi @ Obj::Str(_), dst] = triple else {
                continue;
            };
            let (Some(lo), Some(hi)) = (code_value(ops.bytes_of(lo)), code_value(ops.bytes_of(hi)))
            else {
                continue;
            };
            if hi < lo {
                continue;
            }
            let dst = match dst {
                Obj::Str(_) => {
                    let units = utf16_units(ops.bytes_of(dst));
                    if units.is_empty() {
                        continue;
                    }
                    BfDst::Incr(units)
                }
                Obj::Array(items) => {
                    let list: Vec<Option<Text>> = items
                        .iter()
                        .take(((hi - lo) as usize).saturating_add(1))
                        .map(|o| match o {
                            Obj::Str(_) => Text::from_units(&utf16_units(ops.bytes_of(o))),
                            Obj::Name(_) => glyph_text(ops.bytes_of(o)),
                            _ => None,
                        })
                        .collect();
                    *entries += list.len();
                    BfDst::List(list)
                }
                _ => continue,
            };
            *entries += 1;
            self.bf_ranges.push(BfRange { lo, hi, dst });
        }
    }

    fn add_cidchar(&mut self, ops: &Operands, entries: &mut usize) {
        for pair in ops.items.chunks_exact(2) {
            if *entries >= MAX_ENTRIES {
                return;
            }
            if let [src @ Obj::Str(_), Obj::Num(cid)] = pair
                && let Some(code) = code_value(ops.bytes_of(src))
                && *cid >= 0.0
            {
                *entries += 1;
                self.cid_single.insert(code, *cid as u32);
            }
        }
    }

    fn add_cidrange(&mut self, ops: &Operands, entries: &mut usize) {
        for triple in ops.items.chunks_exact(3) {
            if *entries >= MAX_ENTRIES {
                return;
            }
            if let [lo @ Obj::Str(_), hi @ Obj::Str(_), Obj::Num(cid)] = triple
                && let (Some(lo), Some(hi)) =
                    (code_value(ops.bytes_of(lo)), code_value(ops.bytes_of(hi)))
                && hi >= lo
                && *cid >= 0.0
            {
                *entries += 1;
                self.cid_ranges.push((lo, hi, *cid as u32));
            }
        }
    }

    /// True when the CMap defines codespace ranges.
    pub fn has_codespace(&self) -> bool {
        !self.codespace.is_empty()
    }

    /// True when the CMap maps codes to Unicode.
    pub fn has_unicode(&self) -> bool {
        !self.bf_single.is_empty() || !self.bf_ranges.is_empty()
    }

    /// True when the CMap maps codes to CIDs.
    pub fn has_cids(&self) -> bool {
        !self.cid_single.is_empty() || !self.cid_ranges.is_empty()
    }

    /// Splits the next code off `bytes` by the codespace ranges: returns the
    /// code and its length in bytes (at least 1 when `bytes` is not empty).
    pub fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        for r in &self.codespace {
            let Some(head) = bytes.get(..r.len) else {
                continue;
            };
            let inside = head
                .iter()
                .zip(r.lo.iter().zip(&r.hi))
                .all(|(b, (lo, hi))| b >= lo && b <= hi);
            if inside {
                return (code_value(head).unwrap_or(0), r.len);
            }
        }
        // No range matched: take the length of a range whose first byte
        // matches, else the shortest length.
        let first = bytes.first().copied().unwrap_or(0);
        let len = self
            .codespace
            .iter()
            .find(|r| first >= r.lo[0] && first <= r.hi[0])
            .or(self.codespace.first())
            .map_or(1, |r| r.len)
            .clamp(1, bytes.len().max(1));
        let head = bytes.get(..len).unwrap_or(bytes);
        (code_value(head).unwrap_or(0), len)
    }

    /// Appends the Unicode text of `code` to `out`; false when unmapped.
    pub fn unicode(&self, code: u32, out: &mut String) -> bool {
        if let Some(t) = self.bf_single.get(&code) {
            t.push_to(out);
            return true;
        }
        let Some(r) = self.find_bf_range(code) else {
            return false;
        };
        let offset = code - r.lo;
        match &r.dst {
            BfDst::Incr(base) => {
                let mut units = base.clone();
                if let Some(last) = units.last_mut() {
                    *last = last.wrapping_add((offset & 0xFFFF) as u16);
                }
                match Text::from_units(&units) {
                    Some(t) => {
                        t.push_to(out);
                        true
                    }
                    None => false,
                }
            }
            BfDst::List(list) => match list.get(offset as usize) {
                Some(Some(t)) => {
                    t.push_to(out);
                    true
                }
                _ => false,
            },
        }
    }

    fn find_bf_range(&self, code: u32) -> Option<&BfRange> {
        // Ranges are sorted by `lo`; look at those starting at or before `code`,
        // latest first (overlaps are rare; a later definition usually wins).
        let idx = self.bf_ranges.partition_point(|r| r.lo <= code);
        self.bf_ranges
            .get(..idx)?
            .iter()
            .rev()
            .take(8)
            .find(|r| code <= r.hi)
    }

    /// The CID of `code`, when the CMap maps it.
    pub fn cid(&self, code: u32) -> Option<u32> {
        if let Some(c) = self.cid_single.get(&code) {
            return Some(*c);
        }
        let idx = self.cid_ranges.partition_point(|r| r.0 <= code);
        self.cid_ranges
            .get(..idx)?
            .iter()
            .rev()
            .take(8)
            .find(|r| code <= r.1)
            .map(|r| r.2.saturating_add(code - r.0))
    }

    /// A CMap with the 2-byte codespace `<0000> <FFFF>` (Identity-H/V).
    pub fn two_byte() -> CMap {
        CMap {
            codespace: vec![CodeRange {
                len: 2,
                lo: [0; 4],
                hi: [0xFF, 0xFF, 0, 0],
            }],
            ..CMap::default()
        }
    }

    /// A CMap with the given codespace ranges, each `(lo, hi)` of equal
    /// length (1 to 4 bytes).
    pub fn with_codespace(ranges: &[(&[u8], &[u8])]) -> CMap {
        let mut c = CMap::default();
        for (lo, hi) in ranges {
            if lo.len() != hi.len() || lo.is_empty() || lo.len() > 4 {
                continue;
            }
            let mut r = CodeRange {
                len: lo.len(),
                lo: [0; 4],
                hi: [0; 4],
            };
            for (i, (l, h)) in lo.iter().zip(hi.iter()).enumerate() {
                if let (Some(a), Some(b)) = (r.lo.get_mut(i), r.hi.get_mut(i)) {
                    *a = *l;
                    *b = *h;
                }
            }
            c.codespace.push(r);
        }
        c.codespace.sort_by_key(|r| r.len);
        c
    }
}

/// The text of a glyph name used as a `bfchar` destination.
fn glyph_text(name: &[u8]) -> Option<Text> {
    let name = std::str::from_utf8(name).ok()?;
    let s: String = crate::encoding::glyph_name_to_text(name)?;
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Some(Text::One(c)),
        (Some(_), Some(_)) => Some(Text::Many(s.into_boxed_str())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(c: &CMap, code: u32) -> Option<String> {
        let mut s = String::new();
        c.unicode(code, &mut s).then_some(s)
    }

    const TO_UNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin
12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar
<0003> <0020>
<0011> <00E4>
<0012> <00660069>
endbfchar
2 beginbfrange
<0020> <0022> <0041>
<0030> <0032> [<0061> <D835DC00> <DC00>]
endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn bfchar_and_bfrange() {
        let c = CMap::parse(TO_UNICODE, 16);
        assert_eq!(text(&c, 3).as_deref(), Some(" "));
        assert_eq!(text(&c, 0x11).as_deref(), Some("ä"));
        assert_eq!(text(&c, 0x12).as_deref(), Some("fi"));
        assert_eq!(text(&c, 0x20).as_deref(), Some("A"));
        assert_eq!(text(&c, 0x22).as_deref(), Some("C"));
        assert_eq!(text(&c, 0x23), None);
        assert_eq!(text(&c, 0x30).as_deref(), Some("a"));
        // A surrogate pair, then an unpaired low surrogate.
        assert_eq!(text(&c, 0x31).as_deref(), Some("\u{1D400}"));
        assert_eq!(text(&c, 0x32).as_deref(), Some("\u{FFFD}"));
        assert_eq!(c.next_code(&[0x00, 0x11, 0x22]), (0x11, 2));
    }

    #[test]
    fn mixed_codespaces_split_codes() {
        let src = b"2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange
1 begincidrange <8140> <817F> 633 endcidrange
1 begincidchar <41> 34 endcidchar";
        let c = CMap::parse(src, 16);
        assert_eq!(c.next_code(&[0x41, 0x81, 0x40]), (0x41, 1));
        assert_eq!(c.next_code(&[0x81, 0x41]), (0x8141, 2));
        assert_eq!(c.cid(0x8141), Some(634));
        assert_eq!(c.cid(0x41), Some(34));
        assert_eq!(c.cid(0x42), None);
        // A byte outside every range still advances.
        assert_eq!(c.next_code(&[0xFF]).1, 1);
        assert_eq!(c.next_code(&[0x81]).1, 1);
    }

    #[test]
    fn invalid_utf16_and_garbage_do_not_panic() {
        let src = b"1 begincodespacerange <00> <FF> endcodespacerange
beginbfchar <01> <D800> <02> <DFFF0041> <03> <> <> <0041> <0102030405> <0041> endbfchar
beginbfrange <10> <05> <0041> <20> <FF> <FFFF> <FFFFFFFF> <00000000> [<0041>] endbfrange
) ] >> }} 99 endbfchar";
        let c = CMap::parse(src, 16);
        assert_eq!(text(&c, 1).as_deref(), Some("\u{FFFD}"));
        assert_eq!(text(&c, 2).as_deref(), Some("\u{FFFD}A"));
        assert_eq!(text(&c, 3), None);
        // <20>..<FF> incrementing from U+FFFF wraps instead of overflowing.
        assert_eq!(text(&c, 0x20).as_deref(), Some("\u{FFFF}"));
        let _ = text(&c, 0x21);
        let _ = text(&c, 0xFFFF_FFFF);
        assert_eq!(text(&c, 0x10), None);
    }

    #[test]
    fn names_as_destinations_and_wmode() {
        let src = b"/WMode 1 def 1 beginbfchar <01> /adieresis endbfchar /Identity-V usecmap";
        let c = CMap::parse(src, 16);
        assert_eq!(c.wmode, 1);
        assert_eq!(text(&c, 1).as_deref(), Some("ä"));
        assert_eq!(c.uses.as_deref(), Some("Identity-V"));
    }
}
