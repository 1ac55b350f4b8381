//! Row semantics: what each printed row of an amount table is.
//!
//! Rows are read in order. Line items come first; a "Specifikation av
//! förändringar" heading opens a block of change rows under the line item
//! above it, which ends at the next row that has amounts for years before the
//! budget year (a line item). The first total-like row ("Summa …",
//! "Verksamhetens nettokostnader") is the total; "varav intäkter/inkomster"
//! and "varav kostnader/utgifter" split it; frames ("Budgetram …",
//! "Investeringsram …") and the adjustments between them come after; anything
//! else after the total is a memo row.

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
                in_changes = last_item.is_some();
            } else {
                section = Some(label);
            }
            out.push(None);
            continue;
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
        }));
    }
    out
}

/// "Summa …", "Totalt …", "Verksamhetens nettokostnader", "Nettokostnad totalt".
fn is_total_like(lower: &str) -> bool {
    let first = lower.split_whitespace().next().unwrap_or("");
    matches!(
        first,
        "summa" | "totalt" | "total" | "totala" | "sammanlagt"
    ) || lower.starts_with("verksamhetens nettokostnad")
        || lower.starts_with("nämndens nettokostnad")
        || (lower.starts_with("nettokostnad") && lower.contains("total"))
}

/// "Budgetram …", "Investeringsram …", "Ram enligt …", "Kommunbidrag …".
fn is_frame(lower: &str) -> bool {
    let first = lower
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches([',', ':']);
    matches!(
        first,
        "budgetram"
            | "investeringsram"
            | "ram"
            | "nettoram"
            | "driftram"
            | "kommunbidrag"
            | "nettobudgetram"
            | "ekonomisk"
    ) && (first != "ekonomisk" || lower.starts_with("ekonomisk ram"))
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
        assert!(!is_frame(
            "justering av investeringsram från bildningsnämnden"
        ));
    }
}
