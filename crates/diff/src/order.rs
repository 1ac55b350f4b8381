//! The order of an aligned list: the later document's order, with the
//! earlier document's unmatched items placed where they stood.
//!
//! An unmatched item of the earlier list goes just before the later
//! counterpart of the next matched item that follows it in the earlier list
//! (so a removed line item lands after the change rows of the line item
//! before it), or at the end when no matched item follows it.

/// One position of an aligned list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Items `a` and `b` are matched.
    Pair(usize, usize),
    /// Only in the earlier list.
    A(usize),
    /// Only in the later list.
    B(usize),
}

/// Orders the items of two lists of lengths `a_len` and `b_len` with the
/// given matched pairs.
pub fn order(a_len: usize, b_len: usize, pairs: &[(usize, usize)]) -> Vec<Slot> {
    let mut b_of_a: Vec<Option<usize>> = vec![None; a_len];
    let mut a_of_b: Vec<Option<usize>> = vec![None; b_len];
    for &(i, j) in pairs {
        if let Some(x) = b_of_a.get_mut(i) {
            *x = Some(j);
        }
        if let Some(x) = a_of_b.get_mut(j) {
            *x = Some(i);
        }
    }
    // (anchor position in b, 0 = before / 1 = the b item itself, a index)
    let mut keyed: Vec<((usize, u8, usize), Slot)> = Vec::with_capacity(a_len + b_len);
    for (j, a) in a_of_b.iter().enumerate() {
        let slot = match a {
            Some(i) => Slot::Pair(*i, j),
            None => Slot::B(j),
        };
        keyed.push(((j, 1, 0), slot));
    }
    for (i, b) in b_of_a.iter().enumerate() {
        if b.is_some() {
            continue;
        }
        let anchor = b_of_a.iter().skip(i + 1).find_map(|x| *x).unwrap_or(b_len);
        keyed.push(((anchor, 0, i), Slot::A(i)));
    }
    keyed.sort_by_key(|(k, _)| *k);
    keyed.into_iter().map(|(_, s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removed_items_stand_where_they_stood() {
        // a: N, E, O(removed), A ; b: N, E, e1, e2, A, X(added)
        let slots = order(4, 6, &[(0, 0), (1, 1), (3, 4)]);
        assert_eq!(
            slots,
            vec![
                Slot::Pair(0, 0),
                Slot::Pair(1, 1),
                Slot::B(2),
                Slot::B(3),
                Slot::A(2),
                Slot::Pair(3, 4),
                Slot::B(5)
            ]
        );
        assert_eq!(order(2, 0, &[]), vec![Slot::A(0), Slot::A(1)]);
    }
}
