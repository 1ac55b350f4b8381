//! Indicators followed across all documents: each gets a key that is the
//! same in every comparison ([`IndicatorDiff::key`]) and a series of what
//! each document targeted for a year and what was achieved
//! ([`IndicatorSeries`]).
//!
//! The key is made from the indicator's text in the earliest document that
//! prints it: lower case, Swedish letters folded to ASCII, words joined by
//! hyphens, at most 60 characters; a sub-indicator's key is its parent's
//! key, a slash and its own ("…/kvinnor"); a clash gets "-2", "-3".

use crate::model::{
    Comparison, DocumentCell, IndicatorCell, IndicatorDiff, IndicatorSeries, IndicatorSeriesYear,
};
use crate::text::normalize;
use internbudget_normalizer::{
    ColumnKind, Comparator, Direction, Document, Indicator, IndicatorKind, IndicatorValue,
};
use rust_decimal::Decimal;
use std::collections::HashSet;

/// One indicator across documents: its index in each document.
struct Thread {
    at: Vec<Option<usize>>,
    parent: Option<usize>,
    key: String,
}

/// Gives every indicator diff of `comparisons` its key and builds the
/// series.
pub(crate) fn build(docs: &[&Document], comparisons: &mut [Comparison]) -> Vec<IndicatorSeries> {
    let n = docs.len();
    let mut threads: Vec<Thread> = Vec::new();
    // For each comparison, the thread of each of its indicator diffs.
    let mut thread_of: Vec<Vec<usize>> = Vec::with_capacity(comparisons.len());
    for (k, c) in comparisons.iter().enumerate() {
        let index = |d: usize, id: Option<&str>| -> Option<usize> {
            let id = id?;
            docs.get(d)?.indicators.iter().position(|x| x.id == id)
        };
        let mut here = Vec::with_capacity(c.indicators.len());
        for i in &c.indicators {
            let ia = index(k, i.a.as_ref().map(|x| x.id.as_str()));
            let ib = index(k + 1, i.b.as_ref().map(|x| x.id.as_str()));
            let existing = ia.and_then(|ia| {
                threads
                    .iter()
                    .position(|t| t.at.get(k).copied().flatten() == Some(ia))
            });
            let t = match existing {
                Some(t) => t,
                None => {
                    let mut at = vec![None; n];
                    if let Some(x) = at.get_mut(k) {
                        *x = ia;
                    }
                    threads.push(Thread {
                        at,
                        parent: None,
                        key: String::new(),
                    });
                    threads.len() - 1
                }
            };
            if let Some(x) = threads.get_mut(t).and_then(|th| th.at.get_mut(k + 1)) {
                *x = ib;
            }
            here.push(t);
        }
        // Parents, through the diff's parent indices.
        for (i, d) in c.indicators.iter().enumerate() {
            let parent = d.parent.and_then(|p| here.get(p).copied());
            if let Some(th) = here.get(i).and_then(|t| threads.get_mut(*t))
                && th.parent.is_none()
            {
                th.parent = parent;
            }
        }
        thread_of.push(here);
    }
    assign_keys(docs, &mut threads);
    for (c, here) in comparisons.iter_mut().zip(&thread_of) {
        for (d, t) in c.indicators.iter_mut().zip(here) {
            set_key(d, threads.get(*t));
        }
    }
    threads.iter().map(|t| series(docs, &threads, t)).collect()
}

fn set_key(d: &mut IndicatorDiff, t: Option<&Thread>) {
    if let Some(t) = t {
        d.key = t.key.clone();
    }
}

/// The indicator of a thread in document `k`.
fn at<'d>(docs: &[&'d Document], t: &Thread, k: usize) -> Option<&'d Indicator> {
    let i = t.at.get(k).copied().flatten()?;
    docs.get(k)?.indicators.get(i)
}

fn first<'d>(docs: &[&'d Document], t: &Thread) -> Option<&'d Indicator> {
    (0..docs.len()).find_map(|k| at(docs, t, k))
}

fn last<'d>(docs: &[&'d Document], t: &Thread) -> Option<&'d Indicator> {
    (0..docs.len()).rev().find_map(|k| at(docs, t, k))
}

/// Keys, parents before their sub-indicators.
fn assign_keys(docs: &[&Document], threads: &mut [Thread]) {
    let mut used: HashSet<String> = HashSet::new();
    let mut order: Vec<usize> = (0..threads.len()).collect();
    order.sort_by_key(|&i| threads.get(i).is_some_and(|t| t.parent.is_some()));
    for i in order {
        let Some(t) = threads.get(i) else { continue };
        let own = first(docs, t).map_or_else(|| "indicator".to_string(), |x| slug(&x.indicator));
        let base = match t.parent.and_then(|p| threads.get(p)) {
            Some(p) if !p.key.is_empty() => format!("{}/{own}", p.key),
            _ => own,
        };
        let mut key = base.clone();
        let mut k = 2;
        while used.contains(&key) {
            key = format!("{base}-{k}");
            k += 1;
        }
        used.insert(key.clone());
        if let Some(t) = threads.get_mut(i) {
            t.key = key;
        }
    }
}

/// A key from a text: "Total sjukfrånvaro, %" → "total-sjukfranvaro".
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in normalize(text).chars() {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut s: String = out.trim_matches('-').chars().take(60).collect();
    while s.ends_with('-') {
        s.pop();
    }
    if s.is_empty() { "indicator".into() } else { s }
}

fn cell(v: &IndicatorValue) -> IndicatorCell {
    crate::indicators::cell(v)
}

fn series(docs: &[&Document], threads: &[Thread], t: &Thread) -> IndicatorSeries {
    let shown = last(docs, t);
    let mut years: Vec<i32> = (0..docs.len())
        .filter_map(|k| at(docs, t, k))
        .flat_map(|x| x.values.iter().filter_map(|v| v.year))
        .collect();
    years.sort_unstable();
    years.dedup();
    let mut out: Vec<IndicatorSeriesYear> = Vec::with_capacity(years.len());
    for y in years {
        let mut targets = Vec::new();
        let mut outcome: Option<(bool, DocumentCell)> = None;
        for k in 0..docs.len() {
            let Some(x) = at(docs, t, k) else { continue };
            let doc = format!("d{}", k + 1);
            if let Some(v) = x
                .values
                .iter()
                .find(|v| v.kind == ColumnKind::Target && v.year == Some(y))
            {
                targets.push(DocumentCell {
                    document: doc.clone(),
                    cell: cell(v),
                });
            }
            // The latest full-year outcome, else the latest partial one.
            for v in x
                .values
                .iter()
                .filter(|v| v.kind == ColumnKind::Outcome && v.year == Some(y))
            {
                let full = v.partial.is_none();
                if outcome.as_ref().is_none_or(|(f, _)| full || !f) {
                    outcome = Some((
                        full,
                        DocumentCell {
                            document: doc.clone(),
                            cell: cell(v),
                        },
                    ));
                }
            }
        }
        let outcome = outcome.map(|o| o.1);
        let previous = out
            .last()
            .and_then(|p| p.outcome.as_ref())
            .filter(|_| out.last().is_some_and(|p| p.year == y - 1));
        let target_met = met(
            targets.last().map(|c| &c.cell),
            outcome.as_ref().map(|c| &c.cell),
            previous.map(|c| &c.cell),
        );
        out.push(IndicatorSeriesYear {
            year: y,
            targets,
            outcome,
            target_met,
        });
    }
    IndicatorSeries {
        key: t.key.clone(),
        indicator: shown.map(|x| x.indicator.clone()).unwrap_or_default(),
        goal_area: shown.and_then(|x| x.goal_area.clone()),
        kind: shown.map_or(IndicatorKind::Indicator, |x| x.kind),
        parent: t.parent.and_then(|p| threads.get(p)).map(|p| p.key.clone()),
        texts: (0..docs.len())
            .map(|k| at(docs, t, k).map(|x| x.indicator.clone()))
            .collect(),
        years: out,
    }
}

/// Whether an outcome met a target: by the target's comparator, or by its
/// direction against the previous year's outcome. Unknown otherwise.
fn met(
    target: Option<&IndicatorCell>,
    outcome: Option<&IndicatorCell>,
    previous: Option<&IndicatorCell>,
) -> Option<bool> {
    let (t, o) = (target?, outcome?);
    if o.partial.is_some() {
        return None;
    }
    let got: Decimal = o.number?.0;
    if let (Some(c), Some(want)) = (t.comparator, t.number) {
        if t.unit != o.unit {
            return None;
        }
        let want = want.0;
        return Some(match c {
            Comparator::Gte => got >= want,
            Comparator::Lte => got <= want,
            Comparator::Gt => got > want,
            Comparator::Lt => got < want,
        });
    }
    let d = t.direction?;
    let p = previous?;
    if p.unit != o.unit || p.partial.is_some() {
        return None;
    }
    let before = p.number?.0;
    Some(match d {
        Direction::Increase => got > before,
        Direction::Decrease => got < before,
        Direction::NotIncrease => got <= before,
        Direction::NotDecrease => got >= before,
        Direction::Maintain => got == before,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_short() {
        assert_eq!(slug("Total sjukfrånvaro, %"), "total-sjukfranvaro");
        assert_eq!(
            slug("Hållbart medarbetarengagemang (HME)¹"),
            "hallbart-medarbetarengagemang-hme"
        );
        assert_eq!(slug("***"), "indicator");
        assert!(slug(&"ord ".repeat(40)).len() <= 60);
    }
}
