//! One-to-one alignment of two lists of labelled items (rows of a table
//! group, indicators of a goal area) in three steps:
//!
//! 1. **exact** — equal [normalised](crate::text::normalize) labels, first
//!    the labels themselves, then the other readings of an item (a row's
//!    label with its section heading before it); duplicates pair in printed
//!    order;
//! 2. **alias** — a pair of the [alias table](crate::aliases);
//! 3. **fuzzy** — [similarity](crate::text::similarity) at or above the
//!    threshold, best pairs first; equal scores (to three decimals) are
//!    decided by the amounts (the pair whose values are closest), then by
//!    the distance of their printed positions. Two labels whose numbers
//!    differ ("… år 2022" and "… år 2023", two decision dates) name different
//!    things and are never fuzzy-matched;
//! 4. **outcomes** — items that print identical outcomes for the same
//!    earlier years (at least one, and none that differs) and whose labels
//!    are at least [`Settings::outcome_threshold`] alike: an indicator
//!    reworded between two years ("… med försörjningsstöd" / "… med
//!    ekonomiskt bistånd") that reports the same 2018 outcome is the same
//!    indicator.
//!
//! Items are only compared within the slices given: callers group them
//! (by row kind, by parent, by goal area) before aligning.

use crate::aliases::{AliasTable, Scope};
use crate::model::{Match, MatchKind};
use crate::text::{round_score, similarity};

/// An item to align.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// The normalised label.
    pub norm: String,
    /// Other normalised readings tried for an exact match (after the label).
    pub variants: Vec<String>,
    /// Amounts for the fuzzy tie-break, one per compared year (same order on
    /// both sides), in a common unit.
    pub amounts: Vec<Option<rust_decimal::Decimal>>,
    /// Printed outcomes as (year, value in a canonical form), for step 4;
    /// empty for rows.
    pub outcomes: Vec<(i32, String)>,
}

/// Alignment settings.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Settings<'a> {
    /// The alias table.
    pub aliases: &'a AliasTable,
    /// The alias scope of these items.
    pub scope: Scope,
    /// The least similarity for a fuzzy match.
    pub threshold: f64,
    /// The least similarity for a match supported by identical outcomes.
    pub outcome_threshold: f64,
}

/// Aligns `a` with `b`: pairs of indices into the slices with how they
/// matched, in no particular order.
pub(crate) fn align(a: &[Item], b: &[Item], s: Settings<'_>) -> Vec<(usize, usize, Match)> {
    let mut al = Alignment::new(a.len(), b.len());
    al.exact(a, b);
    al.alias(a, b, s);
    al.fuzzy(a, b, s);
    al.outcomes(a, b, s);
    al.pairs
}

/// The pairs made so far, in the order made, and which items of either
/// side they use.
struct Alignment {
    used_a: Vec<bool>,
    used_b: Vec<bool>,
    pairs: Vec<(usize, usize, Match)>,
}

impl Alignment {
    fn new(a: usize, b: usize) -> Self {
        Alignment {
            used_a: vec![false; a],
            used_b: vec![false; b],
            pairs: Vec::new(),
        }
    }

    /// Item `i` of `a` is not paired yet.
    fn free_a(&self, i: usize) -> bool {
        !self.used_a.get(i).copied().unwrap_or(true)
    }

    /// Item `j` of `b` is not paired yet.
    fn free_b(&self, j: usize) -> bool {
        !self.used_b.get(j).copied().unwrap_or(true)
    }

    fn pair(&mut self, i: usize, j: usize, m: Match) {
        if let Some(x) = self.used_a.get_mut(i) {
            *x = true;
        }
        if let Some(x) = self.used_b.get_mut(j) {
            *x = true;
        }
        self.pairs.push((i, j, m));
    }

    /// Step 1: equal labels, then (a second pass) equal readings; each item
    /// of `a` takes the first free item of `b` that is equal.
    fn exact(&mut self, a: &[Item], b: &[Item]) {
        for pass in 0..2 {
            for (i, ai) in a.iter().enumerate() {
                if !self.free_a(i) {
                    continue;
                }
                let found = b.iter().enumerate().find(|(j, bj)| {
                    self.free_b(*j)
                        && if pass == 0 {
                            ai.norm == bj.norm
                        } else {
                            readings(ai).any(|x| readings(bj).any(|y| x == y))
                        }
                });
                if let Some((j, _)) = found {
                    let m = Match {
                        kind: MatchKind::Exact,
                        score: 1.0,
                        note: None,
                    };
                    self.pair(i, j, m);
                }
            }
        }
    }

    /// Step 2: a pair of readings found in the alias table.
    fn alias(&mut self, a: &[Item], b: &[Item], s: Settings<'_>) {
        for (i, ai) in a.iter().enumerate() {
            if !self.free_a(i) {
                continue;
            }
            let found = b.iter().enumerate().find_map(|(j, bj)| {
                if !self.free_b(j) {
                    return None;
                }
                readings(ai)
                    .find_map(|x| readings(bj).find_map(|y| s.aliases.find(s.scope, x, y)))
                    .map(|e| (j, e.note.clone()))
            });
            if let Some((j, note)) = found {
                let m = Match {
                    kind: MatchKind::Alias,
                    score: 1.0,
                    note: (!note.is_empty()).then_some(note),
                };
                self.pair(i, j, m);
            }
        }
    }

    /// Step 3: similar labels with the same numbers, best score first, then
    /// closest amounts, then closest positions.
    fn fuzzy(&mut self, a: &[Item], b: &[Item], s: Settings<'_>) {
        let mut candidates: Vec<(f64, rust_decimal::Decimal, usize, usize, usize)> = Vec::new();
        for (i, ai) in a.iter().enumerate() {
            if !self.free_a(i) {
                continue;
            }
            for (j, bj) in b.iter().enumerate() {
                if !self.free_b(j) || numbers(&ai.norm) != numbers(&bj.norm) {
                    continue;
                }
                let score = round_score(similarity(&ai.norm, &bj.norm));
                if score >= s.threshold {
                    candidates.push((
                        score,
                        distance(&ai.amounts, &bj.amounts),
                        i.abs_diff(j),
                        i,
                        j,
                    ));
                }
            }
        }
        candidates.sort_by(|x, y| {
            y.0.total_cmp(&x.0)
                .then(x.1.cmp(&y.1))
                .then(x.2.cmp(&y.2))
                .then(x.3.cmp(&y.3))
                .then(x.4.cmp(&y.4))
        });
        for (score, _, _, i, j) in candidates {
            if !self.free_a(i) || !self.free_b(j) {
                continue;
            }
            let m = Match {
                kind: MatchKind::Fuzzy,
                score,
                note: None,
            };
            self.pair(i, j, m);
        }
    }

    /// Step 4: labels at least [`Settings::outcome_threshold`] alike, with
    /// the same numbers, that print the same outcomes; best score first.
    fn outcomes(&mut self, a: &[Item], b: &[Item], s: Settings<'_>) {
        let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
        for (i, ai) in a.iter().enumerate() {
            if !self.free_a(i) || ai.outcomes.is_empty() {
                continue;
            }
            for (j, bj) in b.iter().enumerate() {
                if !self.free_b(j)
                    || numbers(&ai.norm) != numbers(&bj.norm)
                    || !same_outcomes(&ai.outcomes, &bj.outcomes)
                {
                    continue;
                }
                let score = round_score(similarity(&ai.norm, &bj.norm));
                if score >= s.outcome_threshold {
                    candidates.push((score, i, j));
                }
            }
        }
        candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        for (score, i, j) in candidates {
            if !self.free_a(i) || !self.free_b(j) {
                continue;
            }
            let m = Match {
                kind: MatchKind::Outcomes,
                score,
                note: None,
            };
            self.pair(i, j, m);
        }
    }
}

/// At least one year printed on both sides, and every such year equal.
fn same_outcomes(a: &[(i32, String)], b: &[(i32, String)]) -> bool {
    let mut shared = 0;
    for (y, v) in a {
        for (z, w) in b {
            if y == z {
                if v != w {
                    return false;
                }
                shared += 1;
            }
        }
    }
    shared > 0
}

fn readings(item: &Item) -> impl Iterator<Item = &str> {
    std::iter::once(item.norm.as_str()).chain(item.variants.iter().map(String::as_str))
}

/// The numbers written in a normalised label, in order.
fn numbers(norm: &str) -> Vec<&str> {
    norm.split(|c: char| !c.is_ascii_digit())
        .filter(|t| !t.is_empty())
        .collect()
}

/// How far apart two value lists are: the sum over years printed on both
/// sides of |a − b| / max(|a|, |b|), plus one for each year printed on only
/// one side. Lower is closer.
fn distance(
    a: &[Option<rust_decimal::Decimal>],
    b: &[Option<rust_decimal::Decimal>],
) -> rust_decimal::Decimal {
    use rust_decimal::Decimal;
    let mut d = Decimal::ZERO;
    for (x, y) in a.iter().zip(b) {
        match (x, y) {
            (Some(x), Some(y)) => {
                let m = x.abs().max(y.abs());
                if !m.is_zero() {
                    d += (x - y).abs().checked_div(m).unwrap_or(Decimal::ONE);
                }
            }
            (None, None) => {}
            _ => d += Decimal::ONE,
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;
    use rust_decimal::Decimal;

    fn item(label: &str, amounts: &[i64]) -> Item {
        Item {
            norm: normalize(label),
            variants: Vec::new(),
            amounts: amounts.iter().map(|v| Some(Decimal::from(*v))).collect(),
            outcomes: Vec::new(),
        }
    }

    fn run(a: &[Item], b: &[Item]) -> Vec<(usize, usize, MatchKind)> {
        let aliases = AliasTable::builtin();
        let s = Settings {
            aliases: &aliases,
            scope: Scope::Row,
            threshold: 0.7,
            outcome_threshold: 0.4,
        };
        let mut v: Vec<_> = align(a, b, s)
            .into_iter()
            .map(|(i, j, m)| (i, j, m.kind))
            .collect();
        v.sort_by_key(|x| (x.0, x.1));
        v
    }

    #[test]
    fn exact_then_alias_then_fuzzy() {
        let a = [
            item("Nämnden", &[1]),
            item("Utbildningsförvaltningen", &[2]),
            item("Total sjukfrånvaro (%)", &[3]),
            item(
                "Omvandling ekonomiskt bistånd till arbetsmarknadsinsatser",
                &[9],
            ),
        ];
        let b = [
            item("Ofördelad kostnadsdämpande åtgärd år 2022", &[-2]),
            item("Total sjukfrånvaro i procent", &[3]),
            item("Utbildnings- och arbetsmarknadsförvaltningen", &[7]),
            item("NÄMNDEN*", &[1]),
        ];
        assert_eq!(
            run(&a, &b),
            vec![
                (0, 3, MatchKind::Exact),
                (1, 2, MatchKind::Alias),
                (2, 1, MatchKind::Fuzzy)
            ]
        );
    }

    #[test]
    fn duplicates_pair_in_order_and_numbers_block_fuzzy() {
        let a = [
            item("Kostnadsdämpande åtgärder", &[1]),
            item("Kostnadsdämpande åtgärder", &[2]),
        ];
        let b = [
            item("Kostnadsdämpande åtgärder", &[1]),
            item("Kostnadsdämpande åtgärder", &[2]),
        ];
        assert_eq!(
            run(&a, &b),
            vec![(0, 0, MatchKind::Exact), (1, 1, MatchKind::Exact)]
        );
        let a = [item("Åtgärd år 2022", &[1])];
        let b = [item("Åtgärd år 2023", &[1])];
        assert!(run(&a, &b).is_empty());
    }

    #[test]
    fn same_outcomes_support_a_reworded_match() {
        let with = |label: &str, outcomes: &[(i32, &str)]| {
            let mut x = item(label, &[]);
            x.outcomes = outcomes
                .iter()
                .map(|(y, v)| (*y, (*v).to_string()))
                .collect();
            x
        };
        let a = [with(
            "Antal hushåll med försörjningsstöd",
            &[(2018, "3130"), (2019, "3000")],
        )];
        let b = [with(
            "Antal hushåll med ekonomiskt bistånd",
            &[(2018, "3130")],
        )];
        assert_eq!(run(&a, &b), vec![(0, 0, MatchKind::Outcomes)]);
        // A differing shared year, or no shared year, is no support.
        let b = [with(
            "Antal hushåll med ekonomiskt bistånd",
            &[(2018, "3130"), (2019, "2900")],
        )];
        assert!(run(&a, &b).is_empty());
        let b = [with(
            "Antal hushåll med ekonomiskt bistånd",
            &[(2017, "3130")],
        )];
        assert!(run(&a, &b).is_empty());
        // Unlike texts are not matched by a shared number.
        let b = [with("Andel nöjda brukare", &[(2018, "3130")])];
        assert!(run(&a, &b).is_empty());
    }

    #[test]
    fn amounts_break_ties() {
        let a = [item("Lokalkostnader", &[100])];
        let b = [item("Lokalkostnad A", &[5]), item("Lokalkostnad B", &[100])];
        assert_eq!(run(&a, &b), vec![(0, 1, MatchKind::Fuzzy)]);
    }

    #[test]
    fn section_reading_is_exact() {
        let a = [item(
            "Arbetsmarknad och integration Ny- och återanskaffning av inventarier",
            &[250],
        )];
        let mut b0 = item("Ny- och återanskaffning av inventarier", &[250]);
        b0.variants.push(normalize(
            "Arbetsmarknad och integration Ny- och återanskaffning av inventarier",
        ));
        assert_eq!(run(&a, &[b0]), vec![(0, 0, MatchKind::Exact)]);
    }
}
