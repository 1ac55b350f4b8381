//! Matching the publishing municipality from the document's text against
//! SCB's register of the 290 municipalities (shipped in `data/`).
//!
//! Documents name their municipality as "Linköpings kommun", "Stockholms
//! stad", "Region Gotland" (genitive -s, except after a vowel or s/x/z) and
//! mention it bare ("Linköping"). Explicit forms weigh far more than bare
//! mentions, and other municipalities named in passing ("Kinda kommun")
//! lose on count.

use crate::schema::Municipality;
use std::collections::HashMap;
use std::sync::LazyLock;

const CSV: &str = include_str!("../data/municipalities.csv");

/// One register entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Four-digit SCB code.
    pub code: String,
    /// Short name, e.g. "Linköping".
    pub name: String,
    /// Two-digit county code.
    pub county_code: String,
    /// County name.
    pub county: String,
}

/// The register, parsed once.
pub static REGISTER: LazyLock<Vec<Entry>> = LazyLock::new(|| {
    CSV.lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split(',');
            Some(Entry {
                code: f.next()?.trim().to_string(),
                name: f.next()?.trim().to_string(),
                county_code: f.next()?.trim().to_string(),
                county: f.next()?.trim().to_string(),
            })
        })
        .filter(|e| e.code.len() == 4)
        .collect()
});

/// The genitive of a place name: "Linköping" → "Linköpings", "Borås" →
/// "Borås", "Uppsala" → "Uppsala".
pub fn genitive(name: &str) -> String {
    match name.chars().last() {
        Some(c) if "sxzaeiouyåäö".contains(c.to_lowercase().next().unwrap_or(c)) => {
            name.to_string()
        }
        _ => format!("{name}s"),
    }
}

/// Finds the municipality in the text (and optional metadata such as a PDF
/// subject). Returns an empty record when nothing convincing is found.
pub fn find(text: &str, metadata: &[&str]) -> Municipality {
    let mut best: Option<(u32, &Entry, String)> = None;
    for e in REGISTER.iter() {
        let genitive_name = genitive(&e.name);
        let forms: Vec<String> = {
            let mut f = vec![
                format!("{genitive_name} kommun"),
                format!("{genitive_name} stad"),
                format!("{genitive_name} Stad"),
                format!("{} kommun", e.name),
                format!("Region {}", e.name),
            ];
            f.sort();
            f.dedup();
            f
        };
        let mut score = 0u32;
        let mut counts: HashMap<&str, u32> = HashMap::new();
        for form in &forms {
            let c = count_word(text, form);
            let m: u32 = metadata.iter().map(|t| count_word(t, form)).sum();
            if c + m > 0 {
                counts.insert(form.as_str(), c + m);
            }
            score += 10 * c + 40 * m;
        }
        if e.name.chars().count() >= 4 {
            let bare = count_word(text, &e.name)
                + if genitive_name != e.name {
                    count_word(text, &genitive_name)
                } else {
                    0
                };
            score += bare.min(50);
        }
        if score < 10 {
            continue;
        }
        let printed = counts
            .iter()
            .max_by_key(|(_, n)| **n)
            .map(|(f, _)| (*f).to_string())
            .unwrap_or_else(|| {
                if e.code == "0980" {
                    format!("Region {}", e.name)
                } else {
                    format!("{genitive_name} kommun")
                }
            });
        if best.as_ref().is_none_or(|(s, ..)| score > *s) {
            best = Some((score, e, printed));
        }
    }
    match best {
        Some((_, e, printed)) => Municipality {
            name: Some(printed),
            code: Some(e.code.clone()),
            short_name: Some(e.name.clone()),
            county: Some(e.county.clone()),
            county_code: Some(e.county_code.clone()),
        },
        None => Municipality::default(),
    }
}

/// Occurrences of `needle` in `hay` that are not inside a longer word.
fn count_word(hay: &str, needle: &str) -> u32 {
    if needle.is_empty() {
        return 0;
    }
    let mut n = 0;
    let mut start = 0;
    while let Some(pos) = hay.get(start..).and_then(|h| h.find(needle)) {
        let at = start + pos;
        let before = hay.get(..at).and_then(|s| s.chars().next_back());
        let after = hay.get(at + needle.len()..).and_then(|s| s.chars().next());
        let bounded = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if bounded(before) && bounded(after) {
            n += 1;
        }
        start = at + needle.len();
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_has_all_municipalities() {
        assert_eq!(REGISTER.len(), 290);
    }

    #[test]
    fn matches_genitive_forms_and_ignores_passing_mentions() {
        let text = "Linköpings kommun ska … Linköping växer. Samarbete med Kinda kommun. Linköpings kommuns reglemente.";
        let m = find(text, &[]);
        assert_eq!(m.code.as_deref(), Some("0580"));
        assert_eq!(m.name.as_deref(), Some("Linköpings kommun"));
        assert_eq!(m.county.as_deref(), Some("Östergötlands län"));
        assert_eq!(
            find("Region Gotland beslutar", &[]).code.as_deref(),
            Some("0980")
        );
        assert_eq!(
            find("Stockholms stad budget", &[]).code.as_deref(),
            Some("0180")
        );
        assert_eq!(find("Borås kommun", &[]).code.as_deref(), Some("1490"));
        assert_eq!(find("ingen kommun nämns här", &[]).code, None);
    }

    #[test]
    fn genitives() {
        assert_eq!(genitive("Linköping"), "Linköpings");
        assert_eq!(genitive("Borås"), "Borås");
        assert_eq!(genitive("Uppsala"), "Uppsala");
    }
}
