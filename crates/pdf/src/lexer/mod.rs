//! A tolerant tokenizer for content streams and CMaps.
//!
//! Unlike `lopdf::content::Content::decode`, which drops every operator after
//! the first syntax error, this lexer never fails: a stray delimiter or an
//! unreadable token is skipped and lexing goes on, so a damaged page keeps the
//! text that follows the damage. It allocates only for arrays and
//! dictionaries; strings and names are unescaped into one reusable buffer.
//! Nesting is tracked with an explicit stack (no recursion) and capped.
//! Inline images (`BI … ID <binary> EI`) are skipped.//!
//! The operands it collects are in `operands` ([`Operands`]).

mod operands;

pub(crate) use operands::{Obj, Operands};

use std::ops::Range;

const MAX_OPERANDS: usize = 1 << 16;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Array,
    Dict,
}

/// The tokenizer; see the module docs.
pub(crate) struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    max_depth: usize,
    stack: Vec<(Kind, Vec<Obj>)>,
    /// Open containers beyond `max_depth` whose content is being dropped.
    skipped: usize,
    in_inline_image: bool,
}

fn is_white(c: u8) -> bool {
    matches!(c, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delim(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(c: u8) -> bool {
    !is_white(c) && !is_delim(c)
}

fn hex_val(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

impl<'a> Lexer<'a> {
    /// A lexer over `data`, dropping arrays and dictionaries nested deeper
    /// than `max_depth`.
    pub fn new(data: &'a [u8], max_depth: u32) -> Self {
        Lexer {
            data,
            pos: 0,
            max_depth: max_depth.max(1) as usize,
            stack: Vec::new(),
            skipped: 0,
            in_inline_image: false,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn peek_at(&self, off: usize) -> Option<u8> {
        self.data.get(self.pos.saturating_add(off)).copied()
    }

    fn push(&mut self, ops: &mut Operands, o: Obj) {
        if self.skipped > 0 {
            return;
        }
        let target = match self.stack.last_mut() {
            Some((_, v)) => v,
            None => &mut ops.items,
        };
        if target.len() < MAX_OPERANDS {
            target.push(o);
        }
    }

    fn open(&mut self, kind: Kind, ops: &mut Operands) {
        if self.skipped > 0 || self.stack.len() >= self.max_depth {
            self.skipped += 1;
        } else {
            self.stack.push((kind, ops.spare.pop().unwrap_or_default()));
        }
    }

    fn close(&mut self, kind: Kind, ops: &mut Operands) {
        if self.skipped > 0 {
            self.skipped -= 1;
            return;
        }
        // Close the innermost container of this kind; containers opened
        // inside it and never closed are closed with it.
        if !self.stack.iter().any(|(k, _)| *k == kind) {
            return;
        }
        while let Some((k, items)) = self.stack.pop() {
            let o = match k {
                Kind::Array => Obj::Array(items),
                Kind::Dict => Obj::Dict(items),
            };
            self.push(ops, o);
            if k == kind {
                break;
            }
        }
    }

    /// Closes every open container (an operator cannot be inside one).
    fn close_all(&mut self, ops: &mut Operands) {
        self.skipped = 0;
        while let Some((k, items)) = self.stack.pop() {
            let o = match k {
                Kind::Array => Obj::Array(items),
                Kind::Dict => Obj::Dict(items),
            };
            self.push(ops, o);
        }
    }

    /// Reads operands into `ops` (which the caller clears after each
    /// operator) up to the next operator and returns the operator, or `None`
    /// at the end of the data.
    pub fn next_op(&mut self, ops: &mut Operands) -> Option<&'a [u8]> {
        loop {
            let c = self.skip_white()?;
            match c {
                b'/' => {
                    self.pos += 1;
                    let r = self.name(ops);
                    self.push(ops, Obj::Name(r));
                }
                b'(' => {
                    self.pos += 1;
                    let r = self.literal(ops);
                    self.push(ops, Obj::Str(r));
                }
                b'<' => {
                    if self.peek_at(1) == Some(b'<') {
                        self.pos += 2;
                        self.open(Kind::Dict, ops);
                    } else {
                        self.pos += 1;
                        let r = self.hex(ops);
                        self.push(ops, Obj::Str(r));
                    }
                }
                b'>' => {
                    if self.peek_at(1) == Some(b'>') {
                        self.pos += 2;
                        self.close(Kind::Dict, ops);
                    } else {
                        self.pos += 1;
                    }
                }
                b'[' => {
                    self.pos += 1;
                    self.open(Kind::Array, ops);
                }
                b']' => {
                    self.pos += 1;
                    self.close(Kind::Array, ops);
                }
                b'{' | b'}' | b')' => self.pos += 1,
                b'0'..=b'9' | b'+' | b'-' | b'.' => {
                    if let Some(v) = self.number() {
                        self.push(ops, Obj::Num(v));
                    } else {
                        let kw = self.keyword();
                        if let Some(op) = self.keyword_op(kw, ops) {
                            return Some(op);
                        }
                    }
                }
                _ => {
                    let kw = self.keyword();
                    if let Some(op) = self.keyword_op(kw, ops) {
                        return Some(op);
                    }
                }
            }
        }
    }

    /// Handles a keyword: literals become operands, `BI … ID … EI` is
    /// skipped, anything else is an operator.
    fn keyword_op(&mut self, kw: &'a [u8], ops: &mut Operands) -> Option<&'a [u8]> {
        match kw {
            b"true" => self.push(ops, Obj::Bool(true)),
            b"false" => self.push(ops, Obj::Bool(false)),
            b"null" => self.push(ops, Obj::Null),
            b"BI" => {
                self.close_all(ops);
                ops.clear();
                self.in_inline_image = true;
            }
            b"ID" if self.in_inline_image => {
                self.close_all(ops);
                let declared = inline_image_length(ops);
                ops.clear();
                self.in_inline_image = false;
                self.skip_inline_data(declared);
            }
            _ => {
                self.in_inline_image = false;
                self.close_all(ops);
                return Some(kw);
            }
        }
        None
    }

    /// Skips whitespace and comments; returns the next byte.
    fn skip_white(&mut self) -> Option<u8> {
        loop {
            let c = self.peek()?;
            if is_white(c) {
                self.pos += 1;
            } else if c == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                return Some(c);
            }
        }
    }

    fn keyword(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.peek().is_some_and(is_regular) {
            self.pos += 1;
        }
        if self.pos == start {
            // A lone delimiter that starts nothing: step over it.
            self.pos += 1;
        }
        self.data.get(start..self.pos).unwrap_or(&[])
    }

    fn number(&mut self) -> Option<f32> {
        let start = self.pos;
        let mut neg = false;
        while let Some(c @ (b'+' | b'-')) = self.peek() {
            neg = c == b'-';
            self.pos += 1;
        }
        let mut int: f64 = 0.0;
        let mut digits = 0usize;
        while let Some(c @ b'0'..=b'9') = self.peek() {
            int = int * 10.0 + f64::from(c - b'0');
            digits += 1;
            self.pos += 1;
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            let mut scale = 0.1f64;
            while let Some(c @ b'0'..=b'9') = self.peek() {
                int += f64::from(c - b'0') * scale;
                scale *= 0.1;
                digits += 1;
                self.pos += 1;
            }
        }
        if digits == 0 {
            self.pos = start;
            return None;
        }
        let v = if neg { -int } else { int };
        Some(v as f32)
    }

    fn name(&mut self, ops: &mut Operands) -> Range<usize> {
        let start = ops.bytes.len();
        while let Some(c) = self.peek() {
            if !is_regular(c) {
                break;
            }
            self.pos += 1;
            if c == b'#'
                && let (Some(h), Some(l)) = (
                    self.peek().and_then(hex_val),
                    self.peek_at(1).and_then(hex_val),
                )
            {
                ops.bytes.push(h << 4 | l);
                self.pos += 2;
                continue;
            }
            ops.bytes.push(c);
        }
        start..ops.bytes.len()
    }

    fn literal(&mut self, ops: &mut Operands) -> Range<usize> {
        let start = ops.bytes.len();
        let mut depth = 1usize;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    ops.bytes.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    ops.bytes.push(c);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => ops.bytes.push(b'\n'),
                        b'r' => ops.bytes.push(b'\r'),
                        b't' => ops.bytes.push(b'\t'),
                        b'b' => ops.bytes.push(8),
                        b'f' => ops.bytes.push(12),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            ops.bytes.push((v & 0xFF) as u8);
                        }
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        other => ops.bytes.push(other),
                    }
                }
                _ => ops.bytes.push(c),
            }
        }
        start..ops.bytes.len()
    }

    fn hex(&mut self, ops: &mut Operands) -> Range<usize> {
        let start = ops.bytes.len();
        let mut hi: Option<u8> = None;
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b'>' {
                break;
            }
            if let Some(v) = hex_val(c) {
                match hi.take() {
                    Some(h) => ops.bytes.push(h << 4 | v),
                    None => hi = Some(v),
                }
            }
        }
        if let Some(h) = hi {
            ops.bytes.push(h << 4);
        }
        start..ops.bytes.len()
    }

    /// Skips inline image data after `ID` up to and including `EI`.
    fn skip_inline_data(&mut self, declared: Option<usize>) {
        // One white-space byte follows ID.
        if self.peek().is_some_and(is_white) {
            self.pos += 1;
        }
        let data_start = self.pos;
        if let Some(n) = declared {
            self.pos = self.pos.saturating_add(n).min(self.data.len());
        }
        let rest = self.data.get(self.pos..).unwrap_or(&[]);
        let mut i = 0usize;
        while let Some(w) = rest.get(i..i + 2) {
            if w == b"EI" {
                let abs = self.pos + i;
                let before_ok = abs == data_start
                    || self
                        .data
                        .get(abs.wrapping_sub(1))
                        .is_some_and(|&c| is_white(c));
                let after_ok = self
                    .data
                    .get(abs + 2)
                    .is_none_or(|&c| is_white(c) || is_delim(c));
                if before_ok && after_ok {
                    self.pos = abs + 2;
                    return;
                }
            }
            i += 1;
        }
        self.pos = self.data.len();
    }
}

/// The `/L` or `/Length` entry among inline image dictionary operands.
fn inline_image_length(ops: &Operands) -> Option<usize> {
    let mut it = ops.items.iter();
    while let Some(k) = it.next() {
        let v = it.next()?;
        if matches!(ops.bytes_of(k), b"L" | b"Length")
            && let Obj::Num(n) = v
            && *n >= 0.0
        {
            return Some(*n as usize);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops_of(data: &[u8]) -> Vec<(String, Vec<Obj>, Vec<u8>)> {
        let mut lx = Lexer::new(data, 8);
        let mut ops = Operands::default();
        let mut out = Vec::new();
        while let Some(op) = lx.next_op(&mut ops) {
            out.push((
                String::from_utf8_lossy(op).into_owned(),
                ops.items.clone(),
                ops.bytes.clone(),
            ));
            ops.clear();
        }
        out
    }

    fn names(data: &[u8]) -> Vec<String> {
        ops_of(data).into_iter().map(|(n, _, _)| n).collect()
    }

    #[test]
    fn reads_operators_and_operands() {
        let v = ops_of(b"BT /F1 12 Tf 1 0 0 1 72.5 -.5 Tm (a\\(b\\)\\101) Tj ET");
        let n: Vec<&str> = v.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(n, ["BT", "Tf", "Tm", "Tj", "ET"]);
        assert_eq!(v[1].1, vec![Obj::Name(0..2), Obj::Num(12.0)]);
        assert_eq!(v[1].2, b"F1");
        assert_eq!(v[2].1[4], Obj::Num(72.5));
        assert_eq!(v[2].1[5], Obj::Num(-0.5));
        assert_eq!(v[3].2, b"a(b)A");
    }

    #[test]
    fn reads_arrays_hex_strings_and_dicts() {
        let v = ops_of(b"[(A) -120 <4 1 4>] TJ /Span <</ActualText (x) /N [1 2]>> BDC");
        assert_eq!(v[0].0, "TJ");
        match &v[0].1[0] {
            Obj::Array(items) => {
                assert_eq!(items.len(), 3);
                assert_eq!(items[1], Obj::Num(-120.0));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(v[0].2, b"AA@");
        assert_eq!(v[1].0, "BDC");
        assert!(matches!(&v[1].1[1], Obj::Dict(kv) if kv.len() == 4));
    }

    #[test]
    fn survives_garbage_and_keeps_what_follows() {
        // A stray ')' '>' '}' and an unterminated array must not lose the Tj.
        let n = names(b"q ) > } ]] [1 2 cm BT (x) Tj ET Q");
        assert_eq!(n, ["q", "cm", "BT", "Tj", "ET", "Q"]);
        // Unterminated string at the end.
        let n = names(b"BT (abc");
        assert_eq!(n, ["BT"]);
        // Odd numbers.
        let v = ops_of(b"--5 +.5 4. 1.2.3 Td");
        assert_eq!(v.last().map(|x| x.0.as_str()), Some("Td"));
    }

    #[test]
    fn skips_inline_images() {
        let n = names(b"q BI /W 2 /H 2 /BPC 8 /CS /G ID \x00EI\xffx EI Q BT ET");
        assert_eq!(n, ["q", "Q", "BT", "ET"]);
        let n = names(b"BI /L 4 ID EI\x01\x02 EI Tj");
        assert_eq!(n, ["Tj"]);
    }

    #[test]
    fn caps_nesting_without_recursion() {
        let mut data = vec![b'['; 100_000];
        data.extend(std::iter::repeat_n(b']', 100_000));
        data.extend_from_slice(b" TJ (ok) Tj");
        let v = ops_of(&data);
        assert_eq!(v.len(), 2);
        assert_eq!(v[1].0, "Tj");
        assert_eq!(v[1].2, b"ok");
    }

    #[test]
    fn names_unescape_hex() {
        let v = ops_of(b"/A#20B Do");
        assert_eq!(v[0].2, b"A B");
    }
}
