//! Label normalisation and similarity: how two printed labels (row labels,
//! indicator texts, table titles) are compared.
//!
//! [`normalize`] folds what differs between two printings of the same label
//! without changing its meaning: Unicode composition, case, whitespace,
//! footnote markers ("*", a digit glued to the last word), dash variants,
//! hyphens left by line breaks inside a word ("arbetsmarknads-nämndens") and
//! punctuation other than "%", "+" and a hyphen ending a word part
//! ("Arbetsmarknads- och").
//!
//! [`similarity`] scores two normalised labels in 0..=1: the mean of the
//! normalised Levenshtein similarity (edits, good for small spelling
//! changes) and the Sørensen–Dice coefficient of character bigrams (shared
//! fragments, good for reordered or inserted words), both from `strsim`.

use unicode_normalization::UnicodeNormalization;

/// The normalised form of a printed label, used for exact matching and as
/// the input of [`similarity`].
pub fn normalize(label: &str) -> String {
    let composed: String = label.nfc().collect();
    let chars: Vec<char> = composed.chars().collect();
    let mut out = String::with_capacity(composed.len());
    let n = chars.len();
    // Footnote markers at the end: stars, superscript digits, and digits
    // glued to the last word ("biståndsbehov8"), also before a final
    // period ("per miljon kronor10.").
    let mut end = n;
    let trailing = |c: &char| c.is_whitespace() || matches!(c, '*' | '.' | ',' | ';' | ':');
    while end > 0
        && chars
            .get(end - 1)
            .is_some_and(|c| trailing(c) || is_superscript(*c))
    {
        end -= 1;
    }
    let mut digits = end;
    while digits > 0 && chars.get(digits - 1).is_some_and(char::is_ascii_digit) {
        digits -= 1;
    }
    if digits < end
        && end - digits <= 2
        && digits > 0
        && chars.get(digits - 1).is_some_and(|c| c.is_lowercase())
    {
        end = digits;
        while end > 0 && chars.get(end - 1).is_some_and(trailing) {
            end -= 1;
        }
    }
    for i in 0..end {
        let Some(&c) = chars.get(i) else { break };
        let prev = if i > 0 {
            chars.get(i - 1).copied()
        } else {
            None
        };
        let next = chars.get(i + 1).copied();
        if is_superscript(c) {
            out.push(' ');
            continue;
        }
        let c = match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{00AD}' => '-',
            other => other,
        };
        match c {
            '*' => out.push(' '),
            '-' => {
                let letter_before = prev.is_some_and(char::is_alphabetic);
                let letter_after = next.is_some_and(char::is_alphabetic);
                if letter_before && letter_after {
                    // A hyphen inside a word: a line break or a compound.
                } else if letter_before {
                    out.push('-');
                } else {
                    out.push(' ');
                }
            }
            '%' | '+' => {
                out.push(' ');
                out.push(c);
                out.push(' ');
            }
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A superscript digit or star, as footnote markers are printed.
fn is_superscript(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '\u{2070}' | '\u{2074}'..='\u{2079}')
}

/// Similarity of two normalised labels, 0 (nothing shared) to 1 (equal).
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let lev = strsim::normalized_levenshtein(a, b);
    let dice = strsim::sorensen_dice(a, b);
    (lev + dice) / 2.0
}

/// A score rounded to three decimals, as written in the diff.
pub fn round_score(s: f64) -> f64 {
    (s * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_printing_differences() {
        assert_eq!(
            normalize("Andel positiva svar i brukarenkät."),
            "andel positiva svar i brukarenkät"
        );
        assert_eq!(normalize("Total sjukfrånvaro (%)"), "total sjukfrånvaro %");
        assert_eq!(normalize("Total sjukfrånvaro, %"), "total sjukfrånvaro %");
        assert_eq!(
            normalize("Arbetsmarknads- och  integrationsinsatser*"),
            "arbetsmarknads- och integrationsinsatser"
        );
        assert_eq!(
            normalize("arbetsmarknads-nämndens"),
            "arbetsmarknadsnämndens"
        );
        assert_eq!(
            normalize("Mediantid för hushåll med biståndsbehov8"),
            "mediantid för hushåll med biståndsbehov"
        );
        assert_eq!(
            normalize("Ofördelad kostnadsdämpande åtgärd år 2022"),
            "ofördelad kostnadsdämpande åtgärd år 2022"
        );
        assert_eq!(normalize("Flytt av PM3"), "flytt av pm3");
        assert_eq!(
            normalize("Antal insatser per miljon kronor10."),
            "antal insatser per miljon kronor"
        );
        assert_eq!(
            normalize("Antal insatser per miljon kronor²"),
            "antal insatser per miljon kronor"
        );
        assert_eq!(normalize("Utbildnings\u{2013} och"), "utbildnings- och");
    }

    #[test]
    fn similarity_separates_renames_from_other_lines() {
        let sim = |a: &str, b: &str| similarity(&normalize(a), &normalize(b));
        // Too different for fuzzy matching: this rename needs the alias table.
        assert!(
            sim(
                "Utbildningsförvaltningen",
                "Utbildnings- och arbetsmarknadsförvaltningen"
            ) < 0.7
        );
        // Different lines stay well apart.
        assert!(
            sim(
                "Omvandling ekonomiskt bistånd till arbetsmarknadsinsatser",
                "Ofördelad kostnadsdämpande åtgärd år 2022"
            ) < 0.3
        );
        assert!(sim("Män", "Kvinnor") < 0.2);
        // Reworded indicators match.
        assert!((sim("Total sjukfrånvaro (%)", "Total sjukfrånvaro, %") - 1.0).abs() < 1e-9);
        assert!(
            sim(
                "Hållbart medarbetarengagemang (HME)",
                "Hållbart medarbetarengageman g (HME)"
            ) > 0.95
        );
        assert!(
            sim(
                "Väntetid i antal dagar från första kontakt till beslut inom försörjningsstöd (median)",
                "Väntetid i antal dagar från första ansökan till beslut inom ekonomiskt bistånd (median)"
            ) > 0.7
        );
    }
}
