//! Lowercasing short words without allocating.
//!
//! The readers compare every word of every line against lowercase
//! vocabulary ("budget", "nämndmål", "tkr", municipality names) many times;
//! a heap string per comparison was a tenth of their time.

/// A word in lowercase, as `str::to_lowercase` gives it, kept on the stack
/// when short.
#[derive(Debug, Clone)]
pub enum Lower {
    /// Up to [`Lower::INLINE`] bytes.
    Inline([u8; Lower::INLINE], u8),
    /// Longer words.
    Heap(String),
}

impl Lower {
    /// Longest lowercase form kept on the stack, in bytes (longer than any
    /// word of the vocabulary).
    pub const INLINE: usize = 40;

    /// The lowercase form of `word`.
    pub fn of(word: &str) -> Lower {
        let mut buf = [0u8; Lower::INLINE];
        if word.is_ascii()
            && let Some(slot) = buf.get_mut(..word.len())
        {
            slot.copy_from_slice(word.as_bytes());
            slot.make_ascii_lowercase();
            return Lower::Inline(buf, u8::try_from(word.len()).unwrap_or(u8::MAX));
        }
        let mut len = 0usize;
        for c in word.chars() {
            // ASCII and the Latin-1 capitals (Å, Ä, Ö, É… but not ×) lower
            // by a fixed offset: no lookup in the Unicode tables, which
            // were half the time of header detection on Swedish words.
            let fast = match c {
                'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => char::from_u32(u32::from(c) + 32),
                c if c.is_ascii() || ('ß'..='ÿ').contains(&c) => Some(c),
                _ => None,
            };
            if let Some(l) = fast {
                let Some(slot) = buf.get_mut(len..len + l.len_utf8()) else {
                    return Lower::Heap(word.to_lowercase());
                };
                l.encode_utf8(slot);
                len += l.len_utf8();
                continue;
            }
            // A capital sigma lowercases by its context: leave it to std.
            if c == 'Σ' {
                return Lower::Heap(word.to_lowercase());
            }
            for l in c.to_lowercase() {
                let Some(slot) = buf.get_mut(len..len + l.len_utf8()) else {
                    return Lower::Heap(word.to_lowercase());
                };
                l.encode_utf8(slot);
                len += l.len_utf8();
            }
        }
        Lower::Inline(buf, u8::try_from(len).unwrap_or(u8::MAX))
    }

    /// The lowercase text.
    pub fn as_str(&self) -> &str {
        match self {
            Lower::Inline(buf, len) => buf
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or(""),
            Lower::Heap(s) => s,
        }
    }
}

impl PartialEq<&str> for Lower {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::ops::Deref for Lower {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_is_str_to_lowercase_on_the_stack_or_the_heap() {
        for w in [
            "",
            "Budget",
            "NÄMNDMÅL",
            "Målvärde",
            "ÅÄÖ-ÉÜ",
            "İstanbul",
            "ΣΑΣ",
            "Utbildnings-och-arbetsmarknadsnämndens-verksamhetsplan",
        ] {
            assert_eq!(Lower::of(w).as_str(), w.to_lowercase(), "{w}");
        }
        assert!(matches!(Lower::of("Tkr"), Lower::Inline(..)));
        assert!(matches!(Lower::of(&"Å".repeat(30)), Lower::Heap(_)));
        assert!(Lower::of("BUDGET") == "budget");
        // Every Latin-1 character lowers as std lowers it.
        let latin1: String = (0x20u8..=0xff)
            .map(char::from)
            .filter(|c| !c.is_control())
            .collect();
        for chunk in latin1.chars().collect::<Vec<_>>().chunks(10) {
            let w: String = chunk.iter().collect();
            assert_eq!(Lower::of(&w).as_str(), w.to_lowercase(), "{w}");
        }
    }
}
