//! Facts about the document read from its text: title, budget and plan
//! years, and the committee that issued it.

use crate::model::{DocumentFacts, Origin};
use crate::number;
use crate::stream::StreamLine;
use crate::words::Lower;
use internbudget_layout::Meta;
use std::collections::HashMap;

/// Reads the facts from the content stream (and PDF metadata when present).
pub fn read_facts(lines: &[StreamLine<'_>], meta: &Meta) -> DocumentFacts {
    let mut facts = DocumentFacts::default();
    // The text of every line, once: both searches below read all of it.
    let texts: Vec<String> = lines.iter().map(|l| l.line.text()).collect();
    let mut text = String::new();
    for t in &texts {
        text.push_str(t);
        text.push('\n');
    }
    find_title(lines, &texts, meta, &mut facts);
    facts.committee = find_committee(lines, &texts, meta, facts.title.as_deref());
    facts.text_sample = text;
    facts.metadata = [&meta.title, &meta.author, &meta.subject]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    facts
}

/// A title phrase in a line: "(Intern)budget YYYY [med plan [för] [åren] YYYY-YYYY]",
/// "Verksamhetsplan [och|med] budget YYYY …". Returns the byte offset where
/// the phrase starts, the budget year and the plan years.
fn title_phrase(line: &str) -> Option<(usize, i32, Vec<i32>)> {
    // Every phrase has one of these words: most lines are out at once.
    if !contains_ascii_ci(line, "budget") && !contains_ascii_ci(line, "verksamhetsplan") {
        return None;
    }
    let words: Vec<(usize, &str)> = line
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
        .collect();
    for (i, (offset, w)) in words.iter().enumerate() {
        let lower = Lower::of(w);
        let budget_word = matches!(
            lower.as_str(),
            "internbudget" | "budget" | "detaljbudget" | "verksamhetsplan"
        );
        if !budget_word {
            continue;
        }
        // "Verksamhetsplan och budget 2022": the phrase starts at the plan word.
        let mut k = i + 1;
        let word = |k: usize| words.get(k).map_or(Lower::of(""), |(_, w)| Lower::of(w));
        if lower.as_str() == "verksamhetsplan"
            && matches!(word(k).as_str(), "och" | "med")
            && word(k + 1).as_str() == "budget"
        {
            k += 2;
        }
        while matches!(word(k).as_str(), "för" | "år") {
            k += 1;
        }
        let Some(year) = words.get(k).and_then(|(_, w)| number::year(w)) else {
            continue;
        };
        // "med plan för (åren) 2022-2024" or "med plan 2020-2022".
        let mut plan = Vec::new();
        let mut j = k + 1;
        if word(j) == "med" && word(j + 1) == "plan" {
            j += 2;
            while matches!(word(j).as_str(), "för" | "åren") {
                j += 1;
            }
            if let Some((_, range)) = words.get(j) {
                let range = range.trim_end_matches(['.', ',']);
                if let Some((a, b)) = range.split_once(['-', '–', '—'])
                    && let (Some(a), Some(b)) = (number::year(a), number::year(b))
                    && a <= b
                    && b - a < 10
                {
                    plan = (a..=b).collect();
                }
            }
        }
        return Some((*offset, year, plan));
    }
    None
}

fn find_title(lines: &[StreamLine<'_>], texts: &[String], meta: &Meta, facts: &mut DocumentFacts) {
    // Best candidate: one with a plan range, then a short line (a heading),
    // then the earliest.
    let mut best: Option<(i32, String, Origin, i32, Vec<i32>)> = None;
    let meta_title = meta.title.iter().map(|t| (t.as_str(), Origin::default()));
    let candidates = meta_title.chain(
        lines
            .iter()
            .zip(texts)
            .filter(|(l, _)| !l.is_blank())
            .take(4000)
            .map(|(l, t)| (t.as_str(), l.origin())),
    );
    let header_cell = |text: &str| {
        let w: Vec<&str> = text.split_whitespace().collect();
        matches!(w.as_slice(), [kind, year]
            if crate::vocab::header_word(kind).is_some() && number::year(year).is_some())
    };
    // Non-blank line texts in order, to look at what follows a candidate.
    let nonblank: Vec<&str> = lines
        .iter()
        .zip(texts)
        .filter(|(l, _)| !l.is_blank())
        .take(4000)
        .map(|(_, t)| t.as_str())
        .collect();
    let n_meta = usize::from(meta.title.is_some());
    for (i, (text, origin)) in candidates.enumerate() {
        let Some((start, year, plan)) = title_phrase(text) else {
            continue;
        };
        // "Budget 2022" above "Budget 2023": a column header printed one
        // cell per line, not a title.
        let next = i.checked_sub(n_meta).and_then(|k| nonblank.get(k + 1));
        if header_cell(text) && next.is_some_and(|t| header_cell(t)) {
            continue;
        }
        let score =
            i32::from(!plan.is_empty()) * 1000 - (text.len() as i32).min(300) - (i as i32).min(500);
        if best.as_ref().is_none_or(|(s, ..)| score > *s) {
            best = Some((score, title_text(text, start), origin, year, plan));
        }
    }
    if let Some((_, title, origin, year, plan)) = best {
        facts.title = Some(title);
        facts.title_origin = (origin.page > 0).then_some(origin);
        facts.budget_year = Some(year);
        facts.plan_years = plan;
    }
}

/// The title is the matched phrase to the end of the line, without a leading
/// "Committee – " running-header prefix.
fn title_text(line: &str, start: usize) -> String {
    let rest = line.get(start..).unwrap_or(line).trim();
    let mut t: String = rest.chars().collect();
    if let Some(first) = t.get(..1) {
        let upper = first.to_uppercase();
        t.replace_range(..1, &upper);
    }
    t
}

/// Normalises a committee mention to its definite nominative form
/// ("arbetsmarknadsnämndens" → "Arbetsmarknadsnämnden").
fn committee_key(word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    let base = if let Some(s) = lower.strip_suffix("ens") {
        format!("{s}en")
    } else if lower.ends_with("nämnd") || lower.ends_with("styrelse") {
        if lower.ends_with("nämnd") {
            format!("{lower}en")
        } else {
            format!("{lower}n")
        }
    } else {
        lower
    };
    // Generic words that are not committee names.
    const GENERIC: [&str; 4] = ["nämnden", "styrelsen", "facknämnden", "resultatnämnden"];
    if GENERIC.contains(&base.as_str()) || base.len() < 8 {
        return None;
    }
    let mut chars = base.chars();
    let first = chars.next()?.to_uppercase().collect::<String>();
    Some(first + chars.as_str())
}

/// Committee names in a line: words ending in "nämnd(en/ens)" or
/// "styrelse(n/ns)", with a preceding "X- och" ("Barn- och ungdomsnämnden").
fn committee_mentions(line: &str) -> Vec<String> {
    // "nä-mnd", "NÄ-MND" and "styrelse" in any case: most lines are out at once.
    if !contains_ascii_ci(line, "mnd") && !contains_ascii_ci(line, "styrelse") {
        return Vec::new();
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let t = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        let lower = Lower::of(t);
        let lower = lower.as_str();
        let ends = [
            "nämnd",
            "nämnden",
            "nämndens",
            "styrelse",
            "styrelsen",
            "styrelsens",
        ]
        .iter()
        .any(|s| lower.ends_with(s));
        if !ends || !t.chars().all(|c| c.is_alphabetic() || c == '-') {
            continue;
        }
        let prefix = match (
            i.checked_sub(2).and_then(|k| words.get(k)),
            i.checked_sub(1).and_then(|k| words.get(k)),
        ) {
            (Some(a), Some(b))
                if *b == "och"
                    && a.ends_with('-')
                    && a.chars().next().is_some_and(char::is_uppercase) =>
            {
                Some(format!("{a} och "))
            }
            // "Tekniska nämnden", "Sociala nämnden", "Gemensamma nämnden":
            // a committee named by an adjective before the generic word.
            (_, Some(b)) if is_generic_committee(lower) && names_committee(b) => {
                Some(format!("{b} "))
            }
            _ => None,
        };
        out.push(format!("{}{}", prefix.unwrap_or_default(), t));
    }
    out
}

/// "nämnd(en/ens)", "styrelse(n/ns)" alone: a committee only with a word
/// naming it.
fn is_generic_committee(lower: &str) -> bool {
    matches!(
        lower,
        "nämnd" | "nämnden" | "nämndens" | "styrelse" | "styrelsen" | "styrelsens"
    )
}

/// An adjective that names a committee before "nämnden": "tekniska",
/// "sociala", "kulturella", "gemensamma" (not "samma", "hela", "andra").
fn names_committee(word: &str) -> bool {
    let lower = Lower::of(word);
    let lower = lower.as_str();
    word.chars().all(char::is_alphabetic)
        && lower.chars().count() >= 6
        && ["iska", "ala", "ella", "amma"]
            .iter()
            .any(|e| lower.ends_with(e))
}

fn find_committee(
    lines: &[StreamLine<'_>],
    texts: &[String],
    meta: &Meta,
    title: Option<&str>,
) -> Option<String> {
    let mut scores: HashMap<String, f64> = HashMap::new();
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    let mut add = |key: String, w: f64, pos: usize| {
        *scores.entry(key.clone()).or_default() += w;
        first_seen.entry(key).or_insert(pos);
    };
    for (i, (_, text)) in lines
        .iter()
        .zip(texts)
        .filter(|(l, _)| !l.is_blank())
        .enumerate()
    {
        let words = text.split_whitespace().count();
        for m in committee_mentions(text) {
            let Some(key) = committee_key(&m) else {
                continue;
            };
            // A committee name standing alone or heading a short line (a cover
            // page, a running header) says more than a mention in prose.
            let w = if words <= 8 { 3.0 } else { 1.0 };
            add(key, w, i);
        }
    }
    for (text, w) in [
        (meta.author.as_deref(), 5.0),
        (meta.title.as_deref(), 5.0),
        (title, 3.0),
    ] {
        if let Some(t) = text {
            for m in committee_mentions(t) {
                if let Some(key) = committee_key(&m) {
                    add(key, w, 0);
                }
            }
        }
    }
    scores
        .into_iter()
        .max_by(|a, b| {
            a.1.total_cmp(&b.1).then_with(|| {
                let fa = first_seen.get(&a.0).copied().unwrap_or(usize::MAX);
                let fb = first_seen.get(&b.0).copied().unwrap_or(usize::MAX);
                fb.cmp(&fa)
            })
        })
        .map(|(k, _)| k)
}

/// Whether `text` contains `needle` (ASCII letters), in any case of them.
fn contains_ascii_ci(text: &str, needle: &str) -> bool {
    let n = needle.as_bytes();
    !n.is_empty()
        && text
            .as_bytes()
            .windows(n.len())
            .any(|w| w.eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stream::content_lines;
    use internbudget_layout::text::read_text;

    fn facts(src: &str) -> DocumentFacts {
        let doc = read_text(src.as_bytes()).ok();
        match doc {
            Some(d) => read_facts(&content_lines(&d), &d.meta),
            None => DocumentFacts::default(),
        }
    }

    #[test]
    fn title_years_and_committee() {
        let f = facts(
            "\n\nInternbudget 2019 med plan 2020-2022\n\nArbetsmarknadsnämnden\n\nSocialnämnden nämns i texten.\n",
        );
        assert_eq!(f.budget_year, Some(2019));
        assert_eq!(f.plan_years, [2020, 2021, 2022]);
        assert_eq!(
            f.title.as_deref(),
            Some("Internbudget 2019 med plan 2020-2022")
        );
        assert_eq!(f.committee.as_deref(), Some("Arbetsmarknadsnämnden"));
    }

    #[test]
    fn a_committee_named_by_an_adjective() {
        let f = facts(
            "Internbudget 2025 med plan för 2026-2027\n\nTekniska nämnden\n\nBeslutad av tekniska nämnden 2024-12-24\n\nFlytt av ram för IT-förvaltning från kommunstyrelsen 2 708 2 708 2 708\nNämnden samverkar med andra nämnder och hela nämnden deltar.\n",
        );
        assert_eq!(f.committee.as_deref(), Some("Tekniska nämnden"));
        assert!(names_committee("Gemensamma"));
        assert!(!names_committee("samma"));
        assert!(!names_committee("hela"));
    }

    #[test]
    fn running_header_title_and_genitive_committee() {
        let f = facts(
            "Barn- och ungdomsnämnden – Internbudget 2021 med plan för 2022-2024\nBarn- och ungdomsnämndens ansvar är stort.\n",
        );
        assert_eq!(f.budget_year, Some(2021));
        assert_eq!(f.plan_years, [2022, 2023, 2024]);
        assert_eq!(
            f.title.as_deref(),
            Some("Internbudget 2021 med plan för 2022-2024")
        );
        assert_eq!(f.committee.as_deref(), Some("Barn- och ungdomsnämnden"));
    }
}
