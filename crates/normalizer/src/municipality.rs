//! Matching the publishing municipality from the document's text against
//! SCB's register of the 290 municipalities (shipped in `data/`).
//!
//! Documents name their municipality as "Linköpings kommun", "Stockholms
//! stad", "Region Gotland" (genitive -s, except after a vowel or s/x/z) and
//! mention it bare ("Linköping"). Explicit forms weigh far more than bare
//! mentions, and other municipalities named in passing ("Kinda kommun")
//! lose on count.

use crate::schema::Municipality;
use internbudget_layout::Lower;
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

/// First word → (register index, remaining words).
type NameIndex = HashMap<String, Vec<(usize, Vec<String>)>>;

/// Names of the register by their first word (lowercase, plain and
/// genitive), each with its remaining words.
static INDEX: LazyLock<NameIndex> = LazyLock::new(|| {
    let mut map: NameIndex = HashMap::new();
    for (i, e) in REGISTER.iter().enumerate() {
        let words: Vec<String> = tokens(&e.name).map(|(w, _)| w.to_lowercase()).collect();
        let Some((last, init)) = words.split_last() else {
            continue;
        };
        let genitive_last = genitive(last);
        for (variant_last, is_genitive) in [(last.clone(), false), (genitive_last.clone(), true)] {
            if is_genitive && variant_last == *last {
                continue;
            }
            let mut full: Vec<String> = init.to_vec();
            full.push(variant_last);
            if let Some((first, rest)) = full.split_first() {
                map.entry(first.clone())
                    .or_default()
                    .push((i, rest.to_vec()));
            }
        }
    }
    map
});

/// Words with their byte offsets; hyphenated names ("Upplands-Bro") stay one word.
fn tokens(text: &str) -> impl Iterator<Item = (&str, usize)> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(move |w| {
            let offset = w.as_ptr() as usize - text.as_ptr() as usize;
            (w.trim_matches('-'), offset)
        })
        .filter(|(w, _)| !w.is_empty())
}

/// Mentions of one municipality.
#[derive(Default)]
struct Mentions {
    /// "Linköpings kommun", "Stockholms stad", "Region Gotland".
    explicit: u32,
    /// Capitalised bare mentions ("Linköping", "Linköpings").
    bare: u32,
    /// Explicit forms as printed, with counts.
    forms: HashMap<String, u32>,
}

fn scan(text: &str, weight: u32, found: &mut HashMap<usize, Mentions>) {
    let toks: Vec<(&str, usize)> = tokens(text).collect();
    for (i, (w, _)) in toks.iter().enumerate() {
        // Amounts and years: no name starts with a digit.
        if w.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let lower = Lower::of(w);
        let Some(cands) = INDEX.get(lower.as_str()) else {
            continue;
        };
        for (entry, rest) in cands {
            let matched = rest.iter().enumerate().all(|(k, r)| {
                toks.get(i + 1 + k)
                    .is_some_and(|(t, _)| Lower::of(t).as_str() == r.as_str())
            });
            if !matched {
                continue;
            }
            let end = i + 1 + rest.len();
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            let next = toks.get(end).map(|(t, _)| *t).unwrap_or("");
            let prev = i
                .checked_sub(1)
                .and_then(|p| toks.get(p))
                .map(|(t, _)| *t)
                .unwrap_or("");
            let m = found.entry(*entry).or_default();
            let name_text: Vec<&str> = toks
                .get(i..end)
                .unwrap_or(&[])
                .iter()
                .map(|(t, _)| *t)
                .collect();
            let name_text = name_text.join(" ");
            if matches!(
                next,
                "kommun" | "kommuns" | "stad" | "Stad" | "stads" | "Stads"
            ) {
                m.explicit += weight;
                let noun = next.trim_end_matches('s');
                let noun = if noun == "Stad" { "Stad" } else { noun };
                *m.forms.entry(format!("{name_text} {noun}")).or_default() += weight;
            } else if prev == "Region" && capital {
                m.explicit += weight;
                *m.forms.entry(format!("Region {name_text}")).or_default() += weight;
            } else if capital {
                m.bare += weight;
            }
        }
    }
}

/// Finds the municipality in the text (and optional metadata such as a PDF
/// subject, which counts more). Returns an empty record when nothing
/// convincing is found.
pub fn find(text: &str, metadata: &[&str]) -> Municipality {
    let mut found: HashMap<usize, Mentions> = HashMap::new();
    scan(text, 1, &mut found);
    for m in metadata {
        scan(m, 4, &mut found);
    }
    let score = |m: &Mentions| 10 * m.explicit + m.bare.min(50);
    let best = found
        .iter()
        .filter(|(_, m)| score(m) >= 10)
        .max_by(|a, b| score(a.1).cmp(&score(b.1)).then(b.0.cmp(a.0)));
    let Some((&idx, m)) = best else {
        return Municipality::default();
    };
    let Some(e) = REGISTER.get(idx) else {
        return Municipality::default();
    };
    let printed = m
        .forms
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(f, _)| f.clone())
        .unwrap_or_else(|| {
            if e.code == "0980" {
                format!("Region {}", e.name)
            } else {
                format!("{} kommun", genitive(&e.name))
            }
        });
    Municipality {
        name: Some(printed),
        code: Some(e.code.clone()),
        short_name: Some(e.name.clone()),
        county: Some(e.county.clone()),
        county_code: Some(e.county_code.clone()),
    }
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
    fn multi_word_and_hyphenated_names() {
        assert_eq!(
            find("Upplands Väsby kommun har", &[]).code.as_deref(),
            Some("0114")
        );
        assert_eq!(
            find("Upplands-Bro kommun", &[]).code.as_deref(),
            Some("0139")
        );
        assert_eq!(
            find("Göteborgs Stad, Göteborgs Stad", &[]).name.as_deref(),
            Some("Göteborgs Stad")
        );
    }

    #[test]
    fn genitives() {
        assert_eq!(genitive("Linköping"), "Linköpings");
        assert_eq!(genitive("Borås"), "Borås");
        assert_eq!(genitive("Uppsala"), "Uppsala");
    }
}
