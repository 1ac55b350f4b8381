//! Facts about the document read from its text: title, budget and plan
//! years, and the committee that issued it.

use crate::model::{DocumentFacts, Origin};
use crate::stream::StreamLine;
use internbudget_layout::Meta;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

static TITLE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b((?:intern|detalj)?budget|verksamhetsplan(?: och| med)? budget|budget och verksamhetsplan|verksamhetsplan)\s+(?:för\s+(?:år\s+)?)?((?:19|20)\d\d)(?:\s+med\s+plan(?:\s+för)?(?:\s+åren)?\s+((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d))?",
    )
    .ok()
});

static COMMITTEE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"\b((?:[A-ZÅÄÖ][a-zåäöé]+-?\s+och\s+)?[A-ZÅÄÖa-zåäöé][a-zåäöé]*(?:nämnd|styrelse)(?:en|ens)?)\b",
    )
    .ok()
});

/// Reads the facts from the content stream (and PDF metadata when present).
pub fn read_facts(lines: &[StreamLine<'_>], meta: &Meta) -> DocumentFacts {
    let mut facts = DocumentFacts::default();
    let mut text = String::new();
    for l in lines {
        if !l.is_blank() {
            text.push_str(&l.line.text());
        }
        text.push('\n');
    }
    find_title(lines, meta, &mut facts);
    facts.committee = find_committee(lines, meta, facts.title.as_deref());
    facts.text_sample = text;
    facts.metadata = [&meta.title, &meta.author, &meta.subject]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    facts
}

fn find_title(lines: &[StreamLine<'_>], meta: &Meta, facts: &mut DocumentFacts) {
    let Some(re) = TITLE.as_ref() else { return };
    // Best candidate: one with a plan range, earliest in the document.
    let mut best: Option<(i32, String, Origin, i32, Vec<i32>)> = None;
    let meta_title = meta.title.iter().map(|t| (t.clone(), Origin::default()));
    let candidates = meta_title.chain(
        lines
            .iter()
            .filter(|l| !l.is_blank())
            .take(4000)
            .map(|l| (l.line.text(), l.origin())),
    );
    for (i, (text, origin)) in candidates.enumerate() {
        let Some(c) = re.captures(&text) else {
            continue;
        };
        let Some(year) = c.get(2).and_then(|m| m.as_str().parse::<i32>().ok()) else {
            continue;
        };
        let plan: Vec<i32> = match (
            c.get(3).and_then(|m| m.as_str().parse::<i32>().ok()),
            c.get(4).and_then(|m| m.as_str().parse::<i32>().ok()),
        ) {
            (Some(a), Some(b)) if a <= b && b - a < 10 => (a..=b).collect(),
            _ => Vec::new(),
        };
        // Prefer titles with a plan range, then short lines (headings), then early ones.
        let score =
            i32::from(!plan.is_empty()) * 1000 - (text.len() as i32).min(300) - (i as i32).min(500);
        let Some(m) = c.get(0) else { continue };
        let title = title_text(&text, m.start());
        if best.as_ref().is_none_or(|(s, ..)| score > *s) {
            best = Some((score, title, origin, year, plan));
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

fn find_committee(lines: &[StreamLine<'_>], meta: &Meta, title: Option<&str>) -> Option<String> {
    let re = COMMITTEE.as_ref()?;
    let mut scores: HashMap<String, f64> = HashMap::new();
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    let mut add = |key: String, w: f64, pos: usize| {
        *scores.entry(key.clone()).or_default() += w;
        first_seen.entry(key).or_insert(pos);
    };
    for (i, l) in lines.iter().filter(|l| !l.is_blank()).enumerate() {
        let text = l.line.text();
        let words = text.split_whitespace().count();
        for m in re.find_iter(&text) {
            let Some(key) = committee_key(m.as_str()) else {
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
            for m in re.find_iter(t) {
                if let Some(key) = committee_key(m.as_str()) {
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
