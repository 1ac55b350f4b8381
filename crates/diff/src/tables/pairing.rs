//! Which table of one document is compared with which of the other.
//!
//! Tables are only paired within a role and within a *standing*: a
//! document's own tables with the other's own tables, a summary table only
//! with a summary table, a superseded table (an earlier decision the
//! document reprints) only with a superseded one ([`Standing`]). First each
//! document's *main* table of the role is chosen — the one titled like
//! "Driftsammandrag" (resp. "Investeringar"), directly or through the alias
//! table, else the one with the most line items and change rows, the first
//! on a tie — and the two main tables are paired (rule `main`). The
//! remaining tables are paired greedily by content and title: a pair needs
//! a title similarity of at least [`TITLE_THRESHOLD`] (rule `title`), or a
//! row overlap (the share of the smaller table's line items whose
//! normalised label or alias is in the other) of at least
//! [`ROW_OVERLAP_THRESHOLD`] with titles at least [`MIN_TITLE_SIMILARITY`]
//! alike (rule `rows`): shared line items never pair a table with one whose
//! title hardly matches. Tables left over are listed as unpaired.

use crate::Options;
use crate::aliases::Scope;
use crate::model::{PairingRule, TablePairing, TableRef, UnpairedTable};
use crate::text::{normalize, round_score, similarity};
use internbudget_normalizer::{Document, RowKind, Table, TableRole};

/// The least title similarity for rule `title`.
pub(crate) const TITLE_THRESHOLD: f64 = 0.8;
/// The least row overlap for rule `rows`.
pub(crate) const ROW_OVERLAP_THRESHOLD: f64 = 0.5;
/// The least title similarity of any pair but the main one: below it, two
/// tables are not paired whatever rows they share.
pub(crate) const MIN_TITLE_SIMILARITY: f64 = 0.3;

/// Where a table stands in its document.
// Summary and Superseded are read from the document once tables carry that
// marking; until then every table is the document's own.
#[allow(dead_code)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Standing {
    /// The document's own table.
    Own,
    /// A summary of other tables.
    Summary,
    /// An earlier decision reprinted.
    Superseded,
}

/// The standing of a table.
pub(crate) fn standing(_t: &Table) -> Standing {
    Standing::Own
}

/// The roles tables are paired within, main roles first.
const ROLES: [TableRole; 7] = [
    TableRole::OperatingSummary,
    TableRole::Investments,
    TableRole::Frames,
    TableRole::IncomeStatement,
    TableRole::BalanceSheet,
    TableRole::CashFlow,
    TableRole::Other,
];

/// A reference to a table.
pub(crate) fn table_ref(t: &Table) -> TableRef {
    TableRef {
        id: t.id.clone(),
        role: t.role,
        title: t.title.clone(),
        unit: super::values::unit_of(t),
    }
}

/// Pairs the tables of two documents: (index in a, index in b, why), and
/// the tables left over.
pub(crate) fn pair_tables(
    a: &Document,
    b: &Document,
    opts: &Options,
) -> (Vec<(usize, usize, TablePairing)>, Vec<UnpairedTable>) {
    let mut p = Pairer {
        a,
        b,
        opts,
        used_a: vec![false; a.tables.len()],
        used_b: vec![false; b.tables.len()],
        pairs: Vec::new(),
    };
    for role in ROLES {
        let (ia, ib) = (of_role(a, role), of_role(b, role));
        p.pair_main(role, &ia, &ib);
        p.pair_rest(&ia, &ib);
    }
    p.finish()
}

/// The indices of a document's tables of a role.
fn of_role(d: &Document, role: TableRole) -> Vec<usize> {
    (0..d.tables.len())
        .filter(|i| d.tables.get(*i).is_some_and(|t| t.role == role))
        .collect()
}

/// Those of the tables `v` of a document that are its own.
fn own(d: &Document, v: &[usize]) -> Vec<usize> {
    v.iter()
        .copied()
        .filter(|i| {
            d.tables
                .get(*i)
                .is_some_and(|t| standing(t) == Standing::Own)
        })
        .collect()
}

/// The pairing of two documents' tables under way.
struct Pairer<'a> {
    a: &'a Document,
    b: &'a Document,
    opts: &'a Options,
    /// Which tables of `a` are paired.
    used_a: Vec<bool>,
    /// Which tables of `b` are paired.
    used_b: Vec<bool>,
    /// The pairs made, in the order made.
    pairs: Vec<(usize, usize, TablePairing)>,
}

impl Pairer<'_> {
    /// Table `i` of `a` and table `j` of `b` are both unpaired.
    fn free(&self, i: usize, j: usize) -> bool {
        !self.used_a.get(i).copied().unwrap_or(true) && !self.used_b.get(j).copied().unwrap_or(true)
    }

    /// Rule `main`: pairs the documents' main own tables of a role (`ia`,
    /// `ib` its tables), when both or neither have a unit.
    fn pair_main(&mut self, role: TableRole, ia: &[usize], ib: &[usize]) {
        let (a, b, opts) = (self.a, self.b, self.opts);
        if let (Some(ma), Some(mb)) = (
            main_table(a, &own(a, ia), role, opts),
            main_table(b, &own(b, ib), role, opts),
        ) && let (Some(ta), Some(tb)) = (a.tables.get(ma), b.tables.get(mb))
            && ta.unit.is_some() == tb.unit.is_some()
        {
            self.pairs
                .push((ma, mb, pairing(ta, tb, PairingRule::Main, opts)));
            mark(&mut self.used_a, ma);
            mark(&mut self.used_b, mb);
        }
    }

    /// Rules `title` and `rows`: pairs the unpaired tables `ia` and `ib`
    /// of a role greedily, best score first.
    fn pair_rest(&mut self, ia: &[usize], ib: &[usize]) {
        let mut cands = self.candidates(ia, ib);
        cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        for (_, i, j, p) in cands {
            if !self.free(i, j) {
                continue;
            }
            mark(&mut self.used_a, i);
            mark(&mut self.used_b, j);
            self.pairs.push((i, j, p));
        }
    }

    /// Every pair of unpaired tables of the same standing, both or neither
    /// with a unit, that rule `title` or `rows` allows, with its score (the
    /// larger of title similarity and row overlap).
    fn candidates(&self, ia: &[usize], ib: &[usize]) -> Vec<(f64, usize, usize, TablePairing)> {
        let mut cands: Vec<(f64, usize, usize, TablePairing)> = Vec::new();
        for &i in ia {
            for &j in ib {
                if !self.free(i, j) {
                    continue;
                }
                let (Some(ta), Some(tb)) = (self.a.tables.get(i), self.b.tables.get(j)) else {
                    continue;
                };
                // Kronor pair with kronor, numbers without a unit with
                // numbers without one.
                if standing(ta) != standing(tb) || ta.unit.is_some() != tb.unit.is_some() {
                    continue;
                }
                let p = pairing(ta, tb, PairingRule::Title, self.opts);
                let rule = if p.title_similarity >= TITLE_THRESHOLD {
                    PairingRule::Title
                } else if p.row_overlap >= ROW_OVERLAP_THRESHOLD
                    && p.title_similarity >= MIN_TITLE_SIMILARITY
                {
                    PairingRule::Rows
                } else {
                    continue;
                };
                let score = p.title_similarity.max(p.row_overlap);
                cands.push((score, i, j, TablePairing { rule, ..p }));
            }
        }
        cands
    }

    /// The pairs, main pairs first (operating summary, then investments),
    /// then the others in the later document's order; and the tables left
    /// over, the earlier document's first.
    fn finish(self) -> (Vec<(usize, usize, TablePairing)>, Vec<UnpairedTable>) {
        let mut pairs = self.pairs;
        pairs.sort_by_key(|p| (p.2.rule != PairingRule::Main, p.1, p.0));
        let mut unpaired = Vec::new();
        for (used, doc, side) in [
            (&self.used_a, self.a, crate::model::Side::A),
            (&self.used_b, self.b, crate::model::Side::B),
        ] {
            for (t, u) in doc.tables.iter().zip(used.iter()) {
                if !u {
                    unpaired.push(UnpairedTable {
                        side,
                        table: table_ref(t),
                    });
                }
            }
        }
        (pairs, unpaired)
    }
}

/// Marks item `i` as paired.
fn mark(v: &mut [bool], i: usize) {
    if let Some(x) = v.get_mut(i) {
        *x = true;
    }
}

/// The main table of a role among `candidates`.
fn main_table(
    doc: &Document,
    candidates: &[usize],
    role: TableRole,
    opts: &Options,
) -> Option<usize> {
    let want = normalize(match role {
        TableRole::OperatingSummary => "Driftsammandrag",
        TableRole::Investments => "Investeringar",
        _ => "",
    });
    let titled = candidates.iter().copied().find(|&i| {
        doc.tables.get(i).is_some_and(|t| {
            let n = normalize(&t.title);
            !want.is_empty() && (n == want || opts.aliases.find(Scope::Table, &n, &want).is_some())
        })
    });
    titled.or_else(|| {
        // The most line items and change rows; the first on a tie.
        let mut best: Option<(usize, usize)> = None;
        for &i in candidates {
            let n = doc.tables.get(i).map_or(0, |t| {
                t.rows
                    .iter()
                    .filter(|r| matches!(r.kind, RowKind::LineItem | RowKind::Change))
                    .count()
            });
            if best.is_none_or(|(_, m)| n > m) {
                best = Some((i, n));
            }
        }
        best.map(|b| b.0)
    })
}

fn pairing(a: &Table, b: &Table, rule: PairingRule, opts: &Options) -> TablePairing {
    let (na, nb) = (normalize(&a.title), normalize(&b.title));
    let title_similarity = if opts.aliases.find(Scope::Table, &na, &nb).is_some() {
        1.0
    } else {
        round_score(similarity(&na, &nb))
    };
    // Each line item's readings: its label, and its label after its section heading.
    let items = |t: &Table| -> Vec<Vec<String>> {
        t.rows
            .iter()
            .filter(|r| r.kind == RowKind::LineItem)
            .map(|r| {
                let mut v = vec![normalize(&r.label)];
                if let Some(s) = &r.section {
                    v.push(normalize(&format!("{s} {}", r.label)));
                }
                v
            })
            .collect()
    };
    let (la, lb) = (items(a), items(b));
    let smaller = la.len().min(lb.len());
    let common = la
        .iter()
        .filter(|xs| {
            lb.iter().any(|ys| {
                xs.iter().any(|x| {
                    ys.iter()
                        .any(|y| x == y || opts.aliases.find(Scope::Row, x, y).is_some())
                })
            })
        })
        .count()
        .min(smaller);
    let row_overlap = if smaller == 0 {
        0.0
    } else {
        round_score(common as f64 / smaller as f64)
    };
    TablePairing {
        rule,
        title_similarity,
        row_overlap,
    }
}
