//! Row semantics: what each printed row of an amount table is.
//!
//! Rows are read in order. Line items come first; a "Specifikation av
//! förändringar" heading opens a block of change rows under the line item
//! above it, which ends at the next row that has amounts for years before the
//! budget year (a line item) or right above the next such heading. Where
//! neither shows the end of a block (a table of budget and plan years only),
//! [`settle_change_runs`] ([`runs`]) lets the table's own totals show it.
//! The first total-like row ("Summa …", "Verksamhetens nettokostnader") is
//! the total; "varav intäkter/inkomster" and "varav kostnader/utgifter"
//! split it; frames ("Budgetram …", "Investeringsram …") and the
//! adjustments between them come after; anything else after the total is a
//! memo row. Each row's info is a [`RowInfo`]; rows get their keys from
//! their labels ([`keys()`]).

mod keys;
mod runs;

use crate::schema::{Column, RowKind};
use internbudget_parser::{Row, RowValues};

pub use keys::{keys, slug};
pub use runs::settle_change_runs;

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
    let mut reader = Reader {
        out: Vec::with_capacity(rows.len()),
        last_item: None,
        in_changes: false,
        total_seen: false,
        last_frame: None,
        section: None,
        prior_columns: columns
            .iter()
            .map(|c| matches!((c.year, budget_year), (Some(y), Some(b)) if y < b))
            .collect(),
    };
    for (i, row) in rows.iter().enumerate() {
        reader.row(i, row);
    }
    reader.out
}

/// The state of reading a table's rows in printed order.
struct Reader {
    /// The rows read so far.
    out: Vec<Option<RowInfo>>,
    /// The last line item: the parent of the changes under it.
    last_item: Option<usize>,
    /// Inside a block of changes ("Specifikation av förändringar").
    in_changes: bool,
    /// The total has been read.
    total_seen: bool,
    /// The last frame: the parent of the adjustments under it.
    last_frame: Option<usize>,
    /// The heading the rows stand under.
    section: Option<String>,
    /// Per column: it holds a year before the budget year.
    prior_columns: Vec<bool>,
}

impl Reader {
    /// Reads printed row `i`.
    fn row(&mut self, i: usize, row: &Row) {
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
            self.heading(i, label, &lower);
            self.out.push(None);
            return;
        }
        // A block under a heading ends at its sum.
        let group = self.section.clone();
        if group.is_some() && is_total_like(&lower) {
            self.section = None;
        }
        let total_like = is_total_like(&lower);
        let (kind, parent) = if of_which {
            (of_which_kind(&lower), None)
        } else {
            self.kind(i, row, &lower, total_like)
        };
        self.out.push(Some(RowInfo {
            kind,
            parent,
            section: if matches!(kind, RowKind::LineItem | RowKind::Change) {
                self.section.clone()
            } else {
                None
            },
            label,
            footnotes,
            total_like,
            group,
        }));
    }

    /// A row without amounts at `i`: a heading that opens a block of
    /// changes, or the section the rows after it stand under.
    fn heading(&mut self, i: usize, label: String, lower: &str) {
        if lower.starts_with("specifikation av förändring") || lower == "förändringar" {
            // The heading specifies the row right above it: that row is
            // a line item even when it was read as a change (a run of
            // changes ended there without a row of earlier years' amounts
            // to show it).
            if let Some(Some(prev)) = self.out.last_mut()
                && prev.kind == RowKind::Change
            {
                prev.kind = RowKind::LineItem;
                prev.parent = None;
                self.last_item = Some(i - 1);
            }
            self.in_changes = self.last_item.is_some();
        } else {
            self.section = Some(label);
        }
    }

    /// What row `i` with amounts is, and its parent: a frame, the total,
    /// an adjustment under a frame, a memo after the total, a change in a
    /// block of changes, else a line item.
    fn kind(
        &mut self,
        i: usize,
        row: &Row,
        lower: &str,
        total_like: bool,
    ) -> (RowKind, Option<usize>) {
        if is_frame(lower) {
            self.last_frame = Some(i);
            self.in_changes = false;
            (RowKind::BudgetFrame, None)
        } else if total_like && !self.total_seen && self.last_frame.is_none() {
            self.total_seen = true;
            self.in_changes = false;
            (RowKind::Total, None)
        } else if let Some(f) = self.last_frame {
            (RowKind::Adjustment, Some(f))
        } else if self.total_seen {
            (RowKind::Memo, None)
        } else if self.in_changes && !has_prior_values(&row.values, &self.prior_columns) {
            (RowKind::Change, self.last_item)
        } else {
            self.in_changes = false;
            self.last_item = Some(i);
            (RowKind::LineItem, None)
        }
    }
}

/// The kind of a "varav …" / "därav …" row: the revenue or cost part of
/// the total, or a memo.
fn of_which_kind(lower: &str) -> RowKind {
    if ["intäkt", "inkomst"].iter().any(|w| lower.contains(w)) {
        RowKind::OfWhichRevenue
    } else if ["kostnad", "utgift"].iter().any(|w| lower.contains(w)) {
        RowKind::OfWhichCost
    } else {
        RowKind::Memo
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use internbudget_parser::{Cell, Origin};

    /// A printed row with its cells in their columns.
    pub(super) fn row(label: &str, values: &[Option<&str>]) -> Row {
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
            cut_chosen: false,
        }
    }

    /// The kind and label of every row.
    pub(super) fn kinds(infos: &[RowInfo]) -> Vec<(RowKind, &str)> {
        infos.iter().map(|i| (i.kind, i.label.as_str())).collect()
    }

    /// Budget and plan columns only: no earlier years' amounts tell line
    /// items from changes.
    pub(super) fn table() -> Vec<Row> {
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
    fn footnotes() {
        assert_eq!(
            split_footnotes("Verksamhetens nettokostnader*"),
            ("Verksamhetens nettokostnader".into(), vec!["*".into()])
        );
        assert_eq!(split_footnotes("Nämnden"), ("Nämnden".into(), vec![]));
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
