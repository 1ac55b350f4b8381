//! Word-level helpers shared by the table readers: what a word is (an amount
//! group, a dash, a year, a header term), and joining the lines of a cell.

use crate::number;
pub use internbudget_layout::Lower;
use internbudget_layout::Word;

/// The role a word can play in a value area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueWord {
    /// Digits, possibly with a decimal part, a leading minus or a trailing
    /// footnote star: "1", "724", "-2", "5,4", "250*".
    Digits,
    /// A lone dash or minus: a sign or an empty cell.
    Dash,
    /// A percent sign standing after a number ("8,5 %").
    Percent,
    /// Anything else.
    Other,
}

/// Classifies a word of an amount table.
pub fn value_word(text: &str) -> ValueWord {
    if number::is_dash(text) {
        return ValueWord::Dash;
    }
    if text == "%" {
        return ValueWord::Percent;
    }
    let t = text.trim_end_matches('*');
    // "363-": a trailing minus (the sign of the number it ends).
    let t = strip_trailing_minus(t).unwrap_or(t);
    // "8,5%": a percentage printed without a space.
    let t = t.strip_suffix('%').unwrap_or(t);
    let t = t.strip_prefix('(').unwrap_or(t);
    let t = t.strip_suffix(')').unwrap_or(t);
    let t = match t.chars().next() {
        Some(c) if number::is_minus(c) => t.get(c.len_utf8()..).unwrap_or(""),
        _ => t,
    };
    if t.is_empty() {
        return ValueWord::Other;
    }
    let mut seen_sep = false;
    let mut prev_digit = false;
    for c in t.chars() {
        if c.is_ascii_digit() {
            prev_digit = true;
        } else if (c == ',' || c == '.') && prev_digit && !seen_sep {
            seen_sep = true;
            prev_digit = false;
        } else {
            return ValueWord::Other;
        }
    }
    if prev_digit {
        ValueWord::Digits
    } else {
        ValueWord::Other
    }
}

/// The digits of a word that ends in a minus sign ("1 363-" prints its
/// sign last), when it has no sign in front.
pub fn strip_trailing_minus(text: &str) -> Option<&str> {
    let t = text.trim_end_matches('*');
    let last = t.chars().last()?;
    let body = t.get(..t.len() - last.len_utf8())?;
    let leading = body.chars().next().is_some_and(number::is_minus);
    // "2019-" above "2022" is a range of years, not −2019.
    let year = number::year(body).is_some();
    (number::is_minus(last) && !leading && !year && body.ends_with(|c: char| c.is_ascii_digit()))
        .then_some(body)
}

/// The digits of a value word without sign, parentheses or star, and whether
/// it carried a minus sign or parentheses.
pub fn split_sign(text: &str) -> (bool, &str) {
    let t = text.trim_end_matches('*');
    let (paren, t) = match t.strip_prefix('(') {
        Some(rest) => (true, rest.strip_suffix(')').unwrap_or(rest)),
        None => (false, t.strip_suffix(')').unwrap_or(t)),
    };
    match t.chars().next() {
        Some(c) if number::is_minus(c) => (true, t.get(c.len_utf8()..).unwrap_or("")),
        _ => (paren, t),
    }
}

/// Gap between two neighbouring words in units of their space width.
pub fn gap_in_spaces(a: &Word, b: &Word) -> f32 {
    let space = a.space.max(b.space).max(f32::EPSILON);
    (b.bbox.x0 - a.bbox.x1) / space
}

/// The coarse view of a header word that header detection works with
/// (kind, qualifier, unit or stub word), from the one vocabulary in
/// [`crate::vocab`]. Net-expenditure words ("Nettoutgift") act as kinds
/// (they head investment columns), other measures as stub words; the
/// connecting words "mot", "för", "med", "jämfört" are no header terms here.
pub fn header_term(word: &str) -> Option<HeaderTerm> {
    use crate::vocab::{HeaderWord, MeasureWord};
    let w = word.trim_matches(|c: char| matches!(c, ',' | '.' | ':' | ';' | '(' | ')' | '*'));
    if w.len() > 40 || w.is_empty() {
        return None;
    }
    let lower = Lower::of(w);
    if matches!(
        lower.as_str(),
        "belopp" | "i" | "år" | "och" | "per" | "verksamhet" | "verksamhetsområde"
    ) {
        return Some(HeaderTerm::Stub);
    }
    if matches!(lower.as_str(), "mot" | "för" | "med" | "jämfört") {
        return None;
    }
    let term = match crate::vocab::header_word(w)? {
        HeaderWord::Kind(_) => HeaderTerm::Kind,
        HeaderWord::Measure(MeasureWord::Net)
            if lower.as_str().starts_with("nettoutgift")
                || lower.as_str().starts_with("nettoinvester") =>
        {
            HeaderTerm::Kind
        }
        HeaderWord::Measure(_) | HeaderWord::Note | HeaderWord::Percent => HeaderTerm::Stub,
        HeaderWord::Proposal | HeaderWord::Qualifier => HeaderTerm::Qualifier,
        HeaderWord::Unit => HeaderTerm::Unit,
    };
    Some(term)
}

/// A column name of an indicator table ("Nämndmål", "Nämndindikator",
/// "Målvärde"): marks a line as a table header, not a context line or a
/// running header.
pub fn is_indicator_column_word(word: &str) -> bool {
    matches!(
        Lower::of(word.trim_matches(|c: char| !c.is_alphanumeric())).as_str(),
        "nämndmål" | "nämndindikator" | "nämndindikatorer" | "målvärde" | "indikator" | "nyckeltal"
    )
}

/// What a header word says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderTerm {
    /// A column kind: Bokslut, Budget, Plan, Prognos, Målvärde, Nettoutgift…
    Kind,
    /// A qualifier of a kind: förslag, beslutad, reviderad…
    Qualifier,
    /// A unit: tkr, mnkr…
    Unit,
    /// A stub word: Belopp, Nettokostnad…
    Stub,
}

/// Joins broken header fragments ("Nettoutgi" + "ft", "Målvär" + "de") when
/// the joined word is a header term and the fragments are not.
pub fn join_header_fragments(words: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while let Some(w) = words.get(i) {
        let mut joined = w.clone();
        let mut j = i + 1;
        if header_term(w).is_none() && number::year(w).is_none() {
            while let Some(next) = words.get(j) {
                if j - i > 3 || number::year(next).is_some() {
                    break;
                }
                let candidate = format!("{joined}{next}");
                joined.clone_from(&candidate);
                j += 1;
                if header_term(&candidate).is_some() {
                    break;
                }
            }
            if header_term(&joined).is_none() {
                joined.clone_from(w);
                j = i + 1;
            }
        }
        out.push(joined);
        i = j;
    }
    out
}

/// Joins the lines of a cell: a line ending in a letter-hyphen that is followed
/// by a lowercase letter keeps the hyphen and no space ("arbetsmarknads-" +
/// "nämndens"); a word broken without hyphen inside a narrow cell is rejoined
/// when `is_word` accepts the joined form and not the broken pieces.
pub fn join_lines<'a>(
    lines: impl IntoIterator<Item = &'a str>,
    is_word: &dyn Fn(&str) -> bool,
) -> String {
    let mut out = String::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if out.is_empty() {
            out.push_str(line);
            continue;
        }
        let last_word = out.rsplit(' ').next().unwrap_or("");
        let first_word = line.split(' ').next().unwrap_or("");
        let next_lower = first_word.chars().next().is_some_and(char::is_lowercase);
        let before_hyphen = last_word.chars().rev().nth(1);
        let hyphen = last_word.ends_with('-') && before_hyphen.is_some_and(char::is_alphabetic);
        // "Arbetsmarknads- och …": a hyphen before a conjunction is no break.
        let conjunction = matches!(
            first_word,
            "och" | "eller" | "samt" | "respektive" | "som" | "till"
        );
        // "2019-" / "2022": a range of numbers broken after its dash.
        let range = last_word.ends_with('-')
            && before_hyphen.is_some_and(|c| c.is_ascii_digit())
            && first_word.starts_with(|c: char| c.is_ascii_digit());
        let glue = if (hyphen && next_lower && !conjunction) || range {
            true
        } else {
            let joined = format!("{last_word}{first_word}");
            let ends_alpha = last_word.chars().last().is_some_and(char::is_alphabetic);
            ends_alpha
                && first_word.chars().next().is_some_and(|c| c.is_lowercase())
                && is_word(&joined)
                && !(is_word(last_word) && is_word(first_word))
        };
        if !glue {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// A Swedish month abbreviation in lowercase ("jan" … "dec", "maj").
pub fn is_month_abbrev(lower: &str) -> bool {
    matches!(
        lower,
        "jan"
            | "feb"
            | "mar"
            | "apr"
            | "maj"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "okt"
            | "nov"
            | "dec"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_value_words() {
        for w in [
            "1",
            "724",
            "-2",
            "5,4",
            "250*",
            "(1",
            "234)",
            "\u{2212}1",
            "0",
        ] {
            assert_eq!(value_word(w), ValueWord::Digits, "{w}");
        }
        for w in ["-", "\u{2212}", "\u{2013}"] {
            assert_eq!(value_word(w), ValueWord::Dash, "{w}");
        }
        for w in ["I.U.", "tkr", "2,", "a1", ""] {
            assert_eq!(value_word(w), ValueWord::Other, "{w}");
        }
        assert_eq!(value_word("%"), ValueWord::Percent);
        assert_eq!(value_word("8,5%"), ValueWord::Digits);
        assert_eq!(split_sign("-2"), (true, "2"));
        assert_eq!(split_sign("(1"), (true, "1"));
        assert_eq!(split_sign("250*"), (false, "250"));
    }

    #[test]
    fn joins_header_fragments() {
        let words: Vec<String> = [
            "Nettoutgi",
            "ft",
            "budget",
            "Målvär",
            "de",
            "2021",
            "Investeringar",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            join_header_fragments(&words),
            ["Nettoutgift", "budget", "Målvärde", "2021", "Investeringar"]
        );
    }

    #[test]
    fn joins_cell_lines() {
        let vocab = |w: &str| {
            ["signifikanta", "skillnader", "inga", "kommunen"].contains(&w.to_lowercase().as_str())
        };
        assert_eq!(
            join_lines(["Inga", "signifi", "kanta", "skillna", "der"], &vocab),
            "Inga signifikanta skillnader"
        );
        assert_eq!(
            join_lines(
                [
                    "Antal deltagare i",
                    "arbetsmarknads-",
                    "nämndens verksamheter"
                ],
                &vocab
            ),
            "Antal deltagare i arbetsmarknads-nämndens verksamheter"
        );
        assert_eq!(join_lines(["Summa", "kommunen"], &vocab), "Summa kommunen");
    }
}
