//! The operands the lexer collects before each operator: numbers, strings
//! and names (their bytes unescaped into one shared buffer), arrays and
//! dictionaries, with typed accessors. The main types are [`Obj`] and
//! [`Operands`].

use std::ops::Range;

/// One operand.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Obj {
    /// An integer or real number.
    Num(f32),
    /// A string's bytes, as a range of [`Operands::bytes`].
    Str(Range<usize>),
    /// A name without its slash, as a range of [`Operands::bytes`].
    Name(Range<usize>),
    /// An array.
    Array(Vec<Obj>),
    /// A dictionary: keys and values alternating.
    Dict(Vec<Obj>),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
}

/// The operands collected before an operator.
#[derive(Debug, Default)]
pub(crate) struct Operands {
    /// The operands in order.
    pub items: Vec<Obj>,
    /// Storage for string and name bytes.
    pub bytes: Vec<u8>,
    /// Emptied arrays and dictionaries of earlier operators, reused for the
    /// next ones (a page shows its text in thousands of `TJ` arrays).
    pub(super) spare: Vec<Vec<Obj>>,
}

/// Most emptied containers kept for reuse.
const MAX_SPARE: usize = 16;

impl Operands {
    /// Forgets all operands.
    pub fn clear(&mut self) {
        for o in self.items.drain(..) {
            if let Obj::Array(mut v) | Obj::Dict(mut v) = o
                && self.spare.len() < MAX_SPARE
            {
                v.clear();
                self.spare.push(v);
            }
        }
        self.bytes.clear();
    }

    /// The bytes of a string or name operand.
    pub fn bytes_of(&self, o: &Obj) -> &[u8] {
        match o {
            Obj::Str(r) | Obj::Name(r) => self.bytes.get(r.clone()).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The `i`-th operand as a number.
    pub fn num(&self, i: usize) -> Option<f32> {
        match self.items.get(i) {
            Some(Obj::Num(v)) if v.is_finite() => Some(*v),
            _ => None,
        }
    }

    /// The last `N` operands as numbers, when there are at least `N` and all
    /// of them are numbers.
    pub fn last_nums<const N: usize>(&self) -> Option<[f32; N]> {
        let start = self.items.len().checked_sub(N)?;
        let mut out = [0.0f32; N];
        for (slot, o) in out.iter_mut().zip(self.items.get(start..)?) {
            match o {
                Obj::Num(v) if v.is_finite() => *slot = *v,
                _ => return None,
            }
        }
        Some(out)
    }

    /// The last operand when it is a name.
    pub fn last_name(&self) -> Option<&[u8]> {
        match self.items.last() {
            Some(o @ Obj::Name(_)) => Some(self.bytes_of(o)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessors_read_typed_operands() {
        let ops = Operands {
            items: vec![
                Obj::Name(0..2),
                Obj::Num(1.5),
                Obj::Num(f32::NAN),
                Obj::Num(2.0),
            ],
            bytes: b"F1".to_vec(),
            spare: Vec::new(),
        };
        assert_eq!(ops.bytes_of(&ops.items[0]), b"F1");
        assert_eq!(ops.num(1), Some(1.5));
        assert_eq!(ops.num(2), None);
        assert_eq!(ops.last_nums::<1>(), Some([2.0]));
        assert_eq!(ops.last_nums::<2>(), None); // NaN among them
        assert_eq!(ops.last_name(), None);
    }

    #[test]
    fn emptied_containers_are_kept_for_reuse() {
        let mut ops = Operands::default();
        ops.items.push(Obj::Array(Vec::with_capacity(100)));
        ops.items.push(Obj::Dict(vec![Obj::Null]));
        ops.clear();
        assert!(ops.items.is_empty());
        assert_eq!(ops.spare.len(), 2);
        assert!(ops.spare.iter().all(Vec::is_empty));
        assert!(ops.spare.iter().any(|v| v.capacity() >= 100));
    }
}
