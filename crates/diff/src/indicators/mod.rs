//! Indicators: aligned like rows, within each goal area (målområde), by
//! exact text, alias, fuzzy similarity, then similar texts that print the
//! same earlier outcomes (footnote markers are folded away before any of
//! it); sub-indicators ("Män", "Kvinnor") only under their matched
//! indicator.
//!
//! For each year of a matched indicator the diff lists both documents'
//! targets (`target`) and outcomes (`outcome`) — a value only one document
//! prints is kept, as `added` or `removed` — and compares the earlier
//! document's target with the later document's outcome
//! (`target_then_outcome`: what was aimed at and what was reported). A
//! target or outcome comparison is *changed* when the parsed values differ
//! (number, unit, comparator, direction, groups), or, for text cells, when
//! the text differs beyond whitespace. Notes are made when the targets'
//! direction ("Ska öka" → "Ska minska") or comparator (≥ → ≤) changed, a
//! target went from a direction to a number, or the unit changed —
//! comparing the targets of the same year, or, when the documents share no
//! target year, the earlier document's last target with the later
//! document's first.

mod compare;
mod notes;

pub(crate) use compare::cell;

use crate::Options;
use crate::aliases::Scope;
use crate::align::{self, Item};
use crate::model::{IndicatorDiff, Match};
use crate::order::{Slot, order};
use crate::text::normalize;
use internbudget_normalizer::{ColumnKind, Document, Indicator, IndicatorKind};
use std::collections::HashMap;

/// The least text similarity of two indicators matched because they print
/// the same earlier outcomes.
pub(crate) const OUTCOME_THRESHOLD: f64 = 0.4;

/// An indicator's printed full-year outcomes: (year, number and unit).
fn outcomes(x: &Indicator) -> Vec<(i32, String)> {
    x.values
        .iter()
        .filter(|v| v.kind == ColumnKind::Outcome && v.partial.is_none())
        .filter_map(|v| {
            let n = v.parsed.number?;
            if !v.parsed.groups.is_empty() {
                return None;
            }
            Some((v.year?, format!("{} {:?}", n.0.normalize(), v.parsed.unit)))
        })
        .collect()
}

/// Aligns and compares the indicators of two documents.
pub(crate) fn diff_indicators(a: &Document, b: &Document, opts: &Options) -> Vec<IndicatorDiff> {
    let sides = Sides::new(&a.indicators, &b.indicators);
    let settings = align::Settings {
        aliases: &opts.aliases,
        scope: Scope::Indicator,
        threshold: opts.indicator_threshold,
        outcome_threshold: OUTCOME_THRESHOLD,
    };
    let areas = goal_areas(sides.ia, sides.ib);
    let mut pairs = sides.align_tops(&areas, settings);
    let subs = sides.align_subs(&pairs, settings);
    pairs.extend(subs);
    let slots = sides.slots(&pairs, &areas);
    let positions = Positions::of(&slots);
    slots
        .iter()
        .map(|s| sides.slot_diff(*s, &pairs, &positions))
        .collect()
}

/// The normalised goal area an indicator stands under ("" for none).
fn area(x: &Indicator) -> String {
    normalize(x.goal_area.as_deref().unwrap_or(""))
}

/// An indicator as an item to align: its text and its outcomes.
fn item(x: &Indicator) -> Item {
    Item {
        norm: normalize(&x.indicator),
        variants: Vec::new(),
        amounts: Vec::new(),
        outcomes: outcomes(x),
    }
}

/// The goal areas of both documents, the later's first, in the order they
/// first appear.
fn goal_areas(ia: &[Indicator], ib: &[Indicator]) -> Vec<String> {
    let mut areas: Vec<String> = Vec::new();
    for x in ib.iter().chain(ia.iter()) {
        let k = area(x);
        if !areas.contains(&k) {
            areas.push(k);
        }
    }
    areas
}

/// The indicators of both documents, and for each the indicator a
/// sub-indicator belongs to.
struct Sides<'a> {
    ia: &'a [Indicator],
    ib: &'a [Indicator],
    pa: Vec<Option<usize>>,
    pb: Vec<Option<usize>>,
}

/// Where each indicator of either document stands in the diff's list.
struct Positions {
    of_a: HashMap<usize, usize>,
    of_b: HashMap<usize, usize>,
}

impl Positions {
    fn of(slots: &[Slot]) -> Self {
        let mut of_a: HashMap<usize, usize> = HashMap::new();
        let mut of_b: HashMap<usize, usize> = HashMap::new();
        for (k, s) in slots.iter().enumerate() {
            match *s {
                Slot::Pair(i, j) => {
                    of_a.insert(i, k);
                    of_b.insert(j, k);
                }
                Slot::A(i) => {
                    of_a.insert(i, k);
                }
                Slot::B(j) => {
                    of_b.insert(j, k);
                }
            }
        }
        Positions { of_a, of_b }
    }
}

impl<'a> Sides<'a> {
    fn new(ia: &'a [Indicator], ib: &'a [Indicator]) -> Self {
        Sides {
            ia,
            ib,
            pa: parents(ia),
            pb: parents(ib),
        }
    }

    /// Top-level indicators aligned goal area by goal area.
    fn align_tops(
        &self,
        areas: &[String],
        settings: align::Settings<'_>,
    ) -> Vec<(usize, usize, Match)> {
        let (ia, ib, pa, pb) = (self.ia, self.ib, &self.pa, &self.pb);
        let mut pairs: Vec<(usize, usize, Match)> = Vec::new();
        for k in areas {
            let ra: Vec<usize> = (0..ia.len())
                .filter(|&i| {
                    ia.get(i)
                        .is_some_and(|x| pa.get(i).is_some_and(Option::is_none) && &area(x) == k)
                })
                .collect();
            let rb: Vec<usize> = (0..ib.len())
                .filter(|&i| {
                    ib.get(i)
                        .is_some_and(|x| pb.get(i).is_some_and(Option::is_none) && &area(x) == k)
                })
                .collect();
            pairs.extend(align_subset(ia, ib, &ra, &rb, settings));
        }
        pairs
    }

    /// Sub-indicators aligned under each pair of matched indicators.
    fn align_subs(
        &self,
        tops: &[(usize, usize, Match)],
        settings: align::Settings<'_>,
    ) -> Vec<(usize, usize, Match)> {
        let (ia, ib, pa, pb) = (self.ia, self.ib, &self.pa, &self.pb);
        let mut pairs: Vec<(usize, usize, Match)> = Vec::new();
        for &(i, j, _) in tops {
            let ra: Vec<usize> = (0..ia.len())
                .filter(|&k| pa.get(k) == Some(&Some(i)))
                .collect();
            let rb: Vec<usize> = (0..ib.len())
                .filter(|&k| pb.get(k) == Some(&Some(j)))
                .collect();
            pairs.extend(align_subset(ia, ib, &ra, &rb, settings));
        }
        pairs
    }

    /// The order of the diff: the later document's, removed indicators
    /// where they stood, goal areas kept together in the order they first
    /// appear.
    fn slots(&self, pairs: &[(usize, usize, Match)], areas: &[String]) -> Vec<Slot> {
        let simple: Vec<(usize, usize)> = pairs.iter().map(|p| (p.0, p.1)).collect();
        let mut slots = order(self.ia.len(), self.ib.len(), &simple);
        let area_rank = |s: &Slot| -> usize {
            let x = match *s {
                Slot::Pair(_, j) | Slot::B(j) => self.ib.get(j),
                Slot::A(i) => self.ia.get(i),
            };
            x.map(area)
                .and_then(|k| areas.iter().position(|a| *a == k))
                .unwrap_or(usize::MAX)
        };
        slots.sort_by_key(|s| area_rank(s));
        slots
    }

    /// The diff of one slot, its parent given by its position in the list.
    fn slot_diff(
        &self,
        s: Slot,
        pairs: &[(usize, usize, Match)],
        positions: &Positions,
    ) -> IndicatorDiff {
        let (i, j, m) = match s {
            Slot::Pair(i, j) => (
                Some(i),
                Some(j),
                pairs
                    .iter()
                    .find(|p| p.0 == i && p.1 == j)
                    .map(|p| p.2.clone()),
            ),
            Slot::A(i) => (Some(i), None, None),
            Slot::B(j) => (None, Some(j), None),
        };
        let xa = i.and_then(|i| self.ia.get(i));
        let xb = j.and_then(|j| self.ib.get(j));
        let parent = match j {
            Some(j) => self
                .pb
                .get(j)
                .copied()
                .flatten()
                .and_then(|p| positions.of_b.get(&p).copied()),
            None => i
                .and_then(|i| self.pa.get(i).copied().flatten())
                .and_then(|p| positions.of_a.get(&p).copied()),
        };
        compare::one(xa, xb, m, parent)
    }
}

/// Aligns the indicators `ra` of `ia` with the indicators `rb` of `ib`:
/// pairs of indices into `ia` and `ib`.
fn align_subset(
    ia: &[Indicator],
    ib: &[Indicator],
    ra: &[usize],
    rb: &[usize],
    settings: align::Settings<'_>,
) -> Vec<(usize, usize, Match)> {
    let xa: Vec<Item> = ra.iter().filter_map(|&i| ia.get(i)).map(item).collect();
    let xb: Vec<Item> = rb.iter().filter_map(|&i| ib.get(i)).map(item).collect();
    align::align(&xa, &xb, settings)
        .into_iter()
        .filter_map(|(i, j, m)| Some((*ra.get(i)?, *rb.get(j)?, m)))
        .collect()
}

/// For each indicator, the index of the indicator a sub-indicator belongs
/// to (the nearest indicator above it).
fn parents(list: &[Indicator]) -> Vec<Option<usize>> {
    let mut last = None;
    list.iter()
        .enumerate()
        .map(|(i, x)| {
            if x.kind == IndicatorKind::SubIndicator && last.is_some() {
                last
            } else {
                last = Some(i);
                None
            }
        })
        .collect()
}
