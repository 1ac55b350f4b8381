//! Row semantics: what each printed row of an amount table is.
//!
//! Rows are read in order. Line items come first; a "Specifikation av
//! förändringar" heading opens a block of change rows under the line item
//! above it, which ends at the next row that has amounts for years before the
//! budget year (a line item) or right above the next such heading. Where
//! neither shows the end of a block (a table of budget and plan years only),
//! [`settle_change_runs`] lets the table's own totals show it. The first total-like row ("Summa …",
//! "Verksamhetens nettokostnader") is the total; "varav intäkter/inkomster"
//! and "varav kostnader/utgifter" split it; frames ("Budgetram …",
//! "Investeringsram …") and the adjustments between them come after; anything
//! else after the total is a memo row.

use crate::amount::Amount;
use crate::schema::{Column, RowKind};
use internbudget_parser::{Row, RowValues};

/// The meaning of one printed row, or `None` for a heading without amounts.
#[derive(Debug, Clone, PartialEq)]
pub struct RowInfo {
    /// What the row is.
    pub kind: RowKind,
    /// Index (in the printed rows) of the parent row.
    pub parent: Option<usize>,
    /// The heading the row stands under.
    pub section: Option<String>,
    /// The label without footnote markers.
    pub label: String,
    /// Footnote markers taken off the label.
    pub footnotes: Vec<String>,
    /// A total-like label ("Summa …"), used for chained subtotals.
    pub total_like: bool,
    /// The block the row belongs to (the heading above it).
    pub group: Option<String>,
}

/// Splits trailing footnote markers off a label: "nettokostnader*" →
/// ("nettokostnader", ["*"]).
pub fn split_footnotes(label: &str) -> (String, Vec<String>) {
    let t = label.trim();
    let stars = t.len() - t.trim_end_matches('*').len();
    if stars > 0 {
        let base = t.trim_end_matches('*').trim_end().to_string();
        return (base, vec!["*".repeat(stars)]);
    }
    (t.to_string(), Vec::new())
}

/// Classifies the rows of one table. Rows that are headings come back as `None`.
pub fn classify(
    rows: &[Row],
    columns: &[Column],
    budget_year: Option<i32>,
) -> Vec<Option<RowInfo>> {
    let mut out: Vec<Option<RowInfo>> = Vec::with_capacity(rows.len());
    let mut last_item: Option<usize> = None;
    let mut in_changes = false;
    let mut total_seen = false;
    let mut last_frame: Option<usize> = None;
    let mut section: Option<String> = None;
    let prior_columns: Vec<bool> = columns
        .iter()
        .map(|c| matches!((c.year, budget_year), (Some(y), Some(b)) if y < b))
        .collect();
    for (i, row) in rows.iter().enumerate() {
        let (label, footnotes) = split_footnotes(&row.label);
        let lower = label.to_lowercase();
        let has_values = row.values.cells().iter().any(Option::is_some);
        let starter = lower
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches(':')
            .to_string();
        let of_which = starter == "varav" || starter == "därav";
        if !has_values && !of_which {
            if lower.starts_with("specifikation av förändring") || lower == "förändringar" {
                // The heading specifies the row right above it: that row is
                // a line item even when it was read as a change (a run of
                // changes ended there without a row of earlier years' amounts
                // to show it).
                if let Some(Some(prev)) = out.last_mut()
                    && prev.kind == RowKind::Change
                {
                    prev.kind = RowKind::LineItem;
                    prev.parent = None;
                    last_item = Some(i - 1);
                }
                in_changes = last_item.is_some();
            } else {
                section = Some(label);
            }
            out.push(None);
            continue;
        }
        // A block under a heading ends at its sum.
        let group = section.clone();
        if group.is_some() && is_total_like(&lower) {
            section = None;
        }
        let total_like = is_total_like(&lower);
        let mut parent = None;
        let kind = if of_which {
            if ["intäkt", "inkomst"].iter().any(|w| lower.contains(w)) {
                RowKind::OfWhichRevenue
            } else if ["kostnad", "utgift"].iter().any(|w| lower.contains(w)) {
                RowKind::OfWhichCost
            } else {
                RowKind::Memo
            }
        } else if is_frame(&lower) {
            last_frame = Some(i);
            in_changes = false;
            RowKind::BudgetFrame
        } else if total_like && !total_seen && last_frame.is_none() {
            total_seen = true;
            in_changes = false;
            RowKind::Total
        } else if let Some(f) = last_frame {
            parent = Some(f);
            RowKind::Adjustment
        } else if total_seen {
            RowKind::Memo
        } else if in_changes && !has_prior_values(&row.values, &prior_columns) {
            parent = last_item;
            RowKind::Change
        } else {
            in_changes = false;
            last_item = Some(i);
            RowKind::LineItem
        };
        out.push(Some(RowInfo {
            kind,
            parent,
            section: if matches!(kind, RowKind::LineItem | RowKind::Change) {
                section.clone()
            } else {
                None
            },
            label,
            footnotes,
            total_like,
            group,
        }));
    }
    out
}

/// The most combinations of run ends [`settle_change_runs`] tries.
const MAX_RUN_COMBINATIONS: usize = 1 << 14;

/// Where a run of change rows ends is not always printed: after the last
/// change of a "Specifikation av förändringar" block the next line item may
/// look just like another change (no amounts for earlier years, no
/// indentation in a text export). Of the ways the runs could end, this picks
/// the one under which the line items sum to the total in every column where
/// they are printed, if the rows as classified do not already; rows it turns
/// into line items are returned (indices into `infos`) for a warning. A
/// table whose sums hold either way, or hold under no choice, is left as it
/// is: nothing is changed without the table's own totals to show it.
///
/// `infos` are the rows that carry amounts, in printed order, and `grid`
/// their amounts by column.
pub fn settle_change_runs(infos: &mut [RowInfo], grid: &[Vec<Option<Amount>>]) -> Vec<usize> {
    let Some(total) = infos.iter().position(|r| r.kind == RowKind::Total) else {
        return Vec::new();
    };
    // Runs of consecutive changes of one parent, before the total.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut j = 0;
    while j < total {
        let parent = infos
            .get(j)
            .filter(|r| r.kind == RowKind::Change)
            .map(|r| r.parent);
        let Some(parent) = parent else {
            j += 1;
            continue;
        };
        let start = j;
        while infos
            .get(j)
            .is_some_and(|r| j < total && r.kind == RowKind::Change && r.parent == parent)
        {
            j += 1;
        }
        runs.push((start, j - start));
    }
    let combinations = runs
        .iter()
        .try_fold(1usize, |acc, &(_, len)| acc.checked_mul(len))
        .unwrap_or(usize::MAX);
    if runs.is_empty() || combinations > MAX_RUN_COMBINATIONS {
        return Vec::new();
    }
    let columns = grid.first().map_or(0, Vec::len);
    let cell = |r: usize, c: usize| grid.get(r).and_then(|v| v.get(c)).copied().flatten();
    // Per column: the total and the sum of the line items outside the runs.
    let mut fixed: Vec<(Amount, Amount, bool)> = Vec::new();
    for c in 0..columns {
        let Some(t) = cell(total, c) else { continue };
        let mut sum = Amount::ZERO;
        let mut any = false;
        for r in (0..total).filter(|&r| infos.get(r).is_some_and(|i| i.kind == RowKind::LineItem)) {
            if let Some(v) = cell(r, c) {
                sum = sum + v;
                any = true;
            }
        }
        fixed.push((t, sum, any));
    }
    let columns_with_total: Vec<usize> =
        (0..columns).filter(|&c| cell(total, c).is_some()).collect();
    // Per run and end k (rows kept as changes): the sums of the rows after k.
    let tails: Vec<Vec<Vec<(Amount, bool)>>> = runs
        .iter()
        .map(|&(start, len)| {
            (1..=len)
                .map(|k| {
                    columns_with_total
                        .iter()
                        .map(|&c| {
                            let mut sum = Amount::ZERO;
                            let mut any = false;
                            for r in start + k..start + len {
                                if let Some(v) = cell(r, c) {
                                    sum = sum + v;
                                    any = true;
                                }
                            }
                            (sum, any)
                        })
                        .collect()
                })
                .collect()
        })
        .collect();
    // How many columns reconcile when each run keeps `ends[i]` changes.
    let holding = |ends: &[usize]| -> usize {
        fixed
            .iter()
            .enumerate()
            .filter(|&(ci, &(t, base, any))| {
                let mut sum = base;
                let mut printed = any;
                for (run, &k) in tails.iter().zip(ends) {
                    if let Some(&(s, a)) = run.get(k - 1).and_then(|v| v.get(ci)) {
                        sum = sum + s;
                        printed |= a;
                    }
                }
                printed && sum == t
            })
            .count()
    };
    let as_read: Vec<usize> = runs.iter().map(|&(_, len)| len).collect();
    let read_holding = holding(&as_read);
    // Every column must reconcile, or all but one in a table of three or
    // more columns (one misprinted total must not hide the structure).
    let needed = match fixed.len() {
        n @ 0..=2 => n,
        n => n - 1,
    };
    if read_holding >= fixed.len() || fixed.is_empty() {
        return Vec::new();
    }
    // Every combination; the most columns reconciling, then the most changes
    // kept (closest to the rows as read).
    let mut best: Option<((usize, usize), Vec<usize>)> = None;
    let mut ends = vec![1usize; runs.len()];
    loop {
        let score = (holding(&ends), ends.iter().sum::<usize>());
        if best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, ends.clone()));
        }
        // Next combination (odometer).
        let mut d = 0;
        while let Some((e, &(_, len))) = ends.get_mut(d).zip(runs.get(d)) {
            if *e < len {
                *e += 1;
                break;
            }
            *e = 1;
            d += 1;
        }
        if d == runs.len() {
            break;
        }
    }
    let Some(((count, _), ends)) = best else {
        return Vec::new();
    };
    if count < needed || count <= read_holding {
        return Vec::new();
    }
    let mut turned = Vec::new();
    for (&(start, len), &k) in runs.iter().zip(&ends) {
        for r in start + k..start + len {
            if let Some(info) = infos.get_mut(r) {
                info.kind = RowKind::LineItem;
                info.parent = None;
                turned.push(r);
            }
        }
    }
    turned
}

/// "Summa …", "Totalt …", "Verksamhetens nettokostnader", "Nettokostnad
/// totalt", "Resultat".
pub(super) fn is_total_like(lower: &str) -> bool {
    let first = lower.split_whitespace().next().unwrap_or("");
    matches!(
        first,
        "summa" | "totalt" | "total" | "totala" | "sammanlagt"
    ) || lower.trim() == "resultat"
        || lower.starts_with("verksamhetens nettokostnad")
        || lower.starts_with("nämndens nettokostnad")
        || (lower.starts_with("nettokostnad") && lower.contains("total"))
}

/// "Budgetram …", "Investeringsram …", "Ram enligt …", "Kommunbidrag …", and
/// a frame named by a participle before it: "Justerad budgetram", "Reviderad
/// investeringsram", "Ny budgetram" (but not "Justering av investeringsram …",
/// an adjustment).
fn is_frame(lower: &str) -> bool {
    let mut words = lower
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', ':']));
    let first = words.next().unwrap_or("");
    let frame_word = |w: &str| {
        matches!(
            w,
            "budgetram"
                | "investeringsram"
                | "ram"
                | "nettoram"
                | "driftram"
                | "kommunbidrag"
                | "nettobudgetram"
        )
    };
    if frame_word(first) || lower.starts_with("ekonomisk ram") {
        return true;
    }
    let qualifier = matches!(first, "ny" | "nya" | "slutlig" | "preliminär" | "total")
        || first.ends_with("ad")
        || first.ends_with("ade");
    qualifier && words.next().is_some_and(frame_word)
}

/// True when the row has amounts in columns of years before the budget year:
/// changes never do, line items usually do.
fn has_prior_values(values: &RowValues, prior: &[bool]) -> bool {
    match values {
        RowValues::Placed(cells) => cells.iter().zip(prior).any(|(c, p)| *p && c.is_some()),
        RowValues::Unplaced(_) => false,
    }
}

/// Row keys: the label in lowercase ASCII snake case, "_2", "_3" … for repeats.
pub fn keys(labels: &[&str]) -> Vec<String> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    labels
        .iter()
        .map(|l| {
            let base = slug(l);
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 { base } else { format!("{base}_{n}") }
        })
        .collect()
}

/// Lowercase ASCII snake case: "Ekonomiskt bistånd" → "ekonomiskt_bistand".
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let mapped = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => Some('a'),
            'ö' | 'ø' | 'ó' | 'ô' => Some('o'),
            'é' | 'è' | 'ê' | 'ë' => Some('e'),
            'ü' | 'ú' => Some('u'),
            'í' | 'ï' => Some('i'),
            c if c.is_ascii_alphanumeric() => Some(c),
            _ => None,
        };
        match mapped {
            Some(m) => out.push(m),
            None => {
                if !out.ends_with('_') && !out.is_empty() {
                    out.push('_');
                }
            }
        }
        if out.len() >= 64 {
            break;
        }
    }
    let t = out.trim_end_matches('_').to_string();
    if t.is_empty() { "row".to_string() } else { t }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnotes_and_slugs() {
        assert_eq!(
            split_footnotes("Verksamhetens nettokostnader*"),
            ("Verksamhetens nettokostnader".into(), vec!["*".into()])
        );
        assert_eq!(split_footnotes("Nämnden"), ("Nämnden".into(), vec![]));
        assert_eq!(slug("Ekonomiskt bistånd"), "ekonomiskt_bistand");
        assert_eq!(
            slug("Arbetsmarknads- och integrationsinsatser"),
            "arbetsmarknads_och_integrationsinsatser"
        );
        assert_eq!(
            keys(&["Kostnadsdämpande åtgärder", "Kostnadsdämpande åtgärder"]),
            ["kostnadsdampande_atgarder", "kostnadsdampande_atgarder_2"]
        );
    }

    #[test]
    fn total_and_frame_words() {
        assert!(is_total_like("summa nettokostnader"));
        assert!(is_total_like("verksamhetens nettokostnader"));
        assert!(!is_total_like("nämnden"));
        assert!(is_frame("budgetram enligt beslut i kf"));
        assert!(is_frame("investeringsram enl. beslut"));
        assert!(is_frame("justerad budgetram"));
        assert!(is_frame("reviderad investeringsram 2024"));
        assert!(is_frame("ny budgetram efter beslut i kf"));
        assert!(!is_frame("flytt av ram för lokalvård"));
        assert!(!is_frame("utökad verksamhet"));
        assert!(!is_frame(
            "justering av investeringsram från bildningsnämnden"
        ));
    }
}

#[cfg(test)]
mod run_tests {
    use super::*;
    use internbudget_parser::{Cell, Origin};

    fn row(label: &str, values: &[Option<&str>]) -> Row {
        Row {
            label: label.into(),
            values: RowValues::Placed(
                values
                    .iter()
                    .map(|v| {
                        v.map(|t| Cell {
                            text: t.into(),
                            origin: Origin::default(),
                        })
                    })
                    .collect(),
            ),
            note: None,
            origin: Origin::default(),
            ambiguous: false,
        }
    }

    fn grid(rows: &[Row]) -> Vec<Vec<Option<Amount>>> {
        rows.iter()
            .filter(|r| r.values.cells().iter().any(Option::is_some))
            .map(|r| {
                r.values
                    .cells()
                    .iter()
                    .map(|c| c.as_ref().and_then(|c| Amount::parse_printed(&c.text)))
                    .collect()
            })
            .collect()
    }

    fn kinds(infos: &[RowInfo]) -> Vec<(RowKind, &str)> {
        infos.iter().map(|i| (i.kind, i.label.as_str())).collect()
    }

    /// Budget and plan columns only: no earlier years' amounts tell line
    /// items from changes.
    fn table() -> Vec<Row> {
        vec![
            row("Administration", &[Some("100"), Some("100")]),
            row("Bibliotek", &[Some("500"), Some("510")]),
            row("Specifikation av förändringar", &[None, None]),
            row("Meröppet bibliotek", &[Some("20"), Some("30")]),
            row("Fritidsgårdar", &[Some("300"), Some("300")]),
            row("Specifikation av förändringar", &[None, None]),
            row("Effektivisering", &[Some("-9"), Some("-9")]),
            row("Friluftsliv", &[Some("50"), Some("50")]),
            row("Ofördelad pris- och lönekompensation", &[None, Some("40")]),
            row("Summa nettokostnader", &[Some("950"), Some("1000")]),
        ]
    }

    #[test]
    fn a_row_above_a_specification_heading_is_a_line_item() {
        let rows = table();
        let infos: Vec<RowInfo> = classify(&rows, &[], None).into_iter().flatten().collect();
        let k = kinds(&infos);
        assert_eq!(k[3], (RowKind::LineItem, "Fritidsgårdar"));
        assert_eq!(k[2], (RowKind::Change, "Meröppet bibliotek"));
        // Without the totals, the rows after the last heading are read as
        // changes.
        assert_eq!(k[5], (RowKind::Change, "Friluftsliv"));
    }

    #[test]
    fn the_totals_show_where_the_last_run_of_changes_ends() {
        let rows = table();
        let mut infos: Vec<RowInfo> = classify(&rows, &[], None).into_iter().flatten().collect();
        let turned = settle_change_runs(&mut infos, &grid(&rows));
        assert_eq!(turned, [5, 6]);
        let k = kinds(&infos);
        assert_eq!(k[4], (RowKind::Change, "Effektivisering"));
        assert_eq!(k[5], (RowKind::LineItem, "Friluftsliv"));
        assert_eq!(
            k[6],
            (RowKind::LineItem, "Ofördelad pris- och lönekompensation")
        );
        assert_eq!(infos[5].parent, None);
        assert_eq!(infos[4].parent, Some(4), "still a change of Fritidsgårdar");
    }

    #[test]
    fn nothing_changes_without_totals_that_show_it() {
        let mut rows = table();
        // A total no choice of line items reaches.
        rows[9] = row("Summa nettokostnader", &[Some("1"), Some("2")]);
        let mut infos: Vec<RowInfo> = classify(&rows, &[], None).into_iter().flatten().collect();
        let before = infos.clone();
        assert!(settle_change_runs(&mut infos, &grid(&rows)).is_empty());
        assert_eq!(infos, before);
        // Sums that already hold as read.
        let mut rows = table();
        rows[9] = row("Summa nettokostnader", &[Some("900"), Some("910")]);
        let mut infos: Vec<RowInfo> = classify(&rows, &[], None).into_iter().flatten().collect();
        assert!(settle_change_runs(&mut infos, &grid(&rows)).is_empty());
    }
}
