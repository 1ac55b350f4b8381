//! Words an export fused together: a number glued to the word after it
//! ("12 847Förändringar", "186Summa", "2019Intäkter") or a year glued to the
//! word before it ("Utfall2013", "Budget2021"). Web pages flattened to text
//! and some PDF producers drop the space between two table cells; the parser
//! needs them apart.
//!
//! Only these shapes are split: digits followed by a capitalised word of two
//! letters or more, and letters followed by a four-digit year ending the
//! word. Anything else ("3D", "2020-2022", "kr/elev", "(aug)") stays as it is.

use internbudget_layout::{Rect, Word};

/// Where to cut a fused word: the byte offset of the second part.
pub(super) fn split_point(text: &str) -> Option<usize> {
    number_then_word(text).or_else(|| word_then_year(text))
}

/// "847Förändringar", "-380KS", "2019Intäkter": digits (after an optional
/// minus) directly followed by an uppercase letter and another letter.
fn number_then_word(text: &str) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    if let Some(&(_, c)) = chars.peek()
        && crate::number::is_minus(c)
    {
        chars.next();
    }
    let mut seen_digit = false;
    for (i, c) in chars {
        if c.is_ascii_digit() {
            seen_digit = true;
            continue;
        }
        if !seen_digit || !c.is_uppercase() {
            return None;
        }
        let rest = text.get(i..)?;
        let second = rest.chars().nth(1)?;
        return second.is_alphabetic().then_some(i);
    }
    None
}

/// "Utfall2013", "Budget2021": three or more letters directly followed by a
/// year that ends the word.
fn word_then_year(text: &str) -> Option<usize> {
    let cut = text.len().checked_sub(4)?;
    let (head, year) = (text.get(..cut)?, text.get(cut..)?);
    let letters = head.chars().count();
    (letters >= 3 && head.chars().all(char::is_alphabetic) && crate::number::year(year).is_some())
        .then_some(cut)
}

/// Splits a word at `at`: the box is divided in proportion to the
/// characters on either side (exact on a text grid, where a character is one
/// column wide).
pub(super) fn split_word(w: &Word, at: usize) -> Option<(Word, Word)> {
    let (a, b) = (w.text.get(..at)?, w.text.get(at..)?);
    let (na, nb) = (a.chars().count() as f32, b.chars().count() as f32);
    let mid = w.bbox.x0 + w.bbox.width() * na / (na + nb).max(1.0);
    let left = Word {
        text: a.to_string(),
        bbox: Rect::new(w.bbox.x0, w.bbox.y0, mid, w.bbox.y1),
        ..w.clone()
    };
    let right = Word {
        text: b.to_string(),
        bbox: Rect::new(mid, w.bbox.y0, w.bbox.x1, w.bbox.y1),
        ..w.clone()
    };
    Some((left, right))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Option<(String, String)> {
        let at = split_point(text)?;
        Some((text.get(..at)?.to_string(), text.get(at..)?.to_string()))
    }

    #[test]
    fn splits_numbers_glued_to_a_word_and_years_glued_after_one() {
        let p = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(parts("847Förändringar"), p("847", "Förändringar"));
        assert_eq!(parts("186Summa"), p("186", "Summa"));
        assert_eq!(parts("-380KS"), p("-380", "KS"));
        assert_eq!(parts("2019Intäkter"), p("2019", "Intäkter"));
        assert_eq!(parts("Utfall2013"), p("Utfall", "2013"));
        assert_eq!(parts("Budget2021"), p("Budget", "2021"));
    }

    #[test]
    fn leaves_other_words_alone() {
        for w in [
            "3D",
            "2020-2022",
            "kr/elev",
            "(aug)",
            "1a",
            "Plan",
            "2021",
            "12",
            "A1",
            "Q3",
            "5G",
            "80-talet",
            "20kr",
            "Ab2021",
        ] {
            assert_eq!(split_point(w), None, "{w}");
        }
    }

    #[test]
    fn boxes_are_divided_by_characters() {
        let w = Word::on_text_grid("186Summa", 10.0, 3.0);
        let (a, b) = split_word(&w, 3).unwrap_or_else(|| (w.clone(), w.clone()));
        assert_eq!((a.text.as_str(), a.bbox.x0, a.bbox.x1), ("186", 10.0, 13.0));
        assert_eq!(
            (b.text.as_str(), b.bbox.x0, b.bbox.x1),
            ("Summa", 13.0, 18.0)
        );
    }
}
