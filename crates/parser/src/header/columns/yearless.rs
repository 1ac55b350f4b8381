//! Header cells that print no year but name a column of their own
//! ("Förändring %" between "Budget 2025" and "Plan 2026"): in tab grids
//! every such cell, in positioned sources a phrase on the line of years.

use super::super::{HeaderColumn, is_partial};
use super::captions::{cell_of, is_year_range, phrases};
use crate::model::ColumnHeader;
use crate::number;
use crate::stream::StreamLine;
use crate::words::{self, HeaderTerm};

/// In a tab grid every header cell right of the first year is a column:
/// one that names a kind, a change or a deviation but prints no year
/// ("Förändring %" between "Budget 2025" and "Plan 2026") gets a column of
/// its own, its year left to the normalizer.
pub(super) fn add_yearless_cells(cols: &mut Vec<HeaderColumn>, group: &[&StreamLine<'_>]) {
    let cell = cell_of;
    let Some(first) = cols.iter().map(|c| cell(c.center)).min() else {
        return;
    };
    let mut added: Vec<HeaderColumn> = Vec::new();
    for l in group {
        for w in &l.line.words {
            let at = cell(w.bbox.x0);
            let names_column = matches!(
                words::header_term(&w.text),
                Some(HeaderTerm::Kind | HeaderTerm::Stub)
            ) || crate::vocab::header_word(&w.text).is_some();
            let taken = cols.iter().chain(&added).any(|c| cell(c.center) == at);
            if at > first && names_column && !taken && number::year(&w.text).is_none() {
                added.push(HeaderColumn {
                    header: ColumnHeader {
                        label: String::new(),
                        year: None,
                        partial: None,
                    },
                    center: w.bbox.x0 + 1.0,
                    right: w.bbox.x1,
                    extent: (w.bbox.x0, w.bbox.x1),
                });
            }
        }
    }
    if !added.is_empty() {
        cols.extend(added);
        cols.sort_by(|a, b| a.center.total_cmp(&b.center));
    }
}

/// A phrase on a header line of years that prints no year but names a
/// change, a deviation or a percentage ("Förändring %" between "Budget
/// 2025" and "Plan 2026"; its words no further apart than a word gap) is a
/// column of its own, its year left to the normalizer. Returns the words
/// taken, as (group line, word) pairs.
pub(super) fn add_yearless_phrases(
    cols: &mut Vec<HeaderColumn>,
    group: &[&StreamLine<'_>],
) -> Vec<(usize, usize)> {
    let Some(first) = cols.iter().map(|c| c.extent.0).reduce(f32::min) else {
        return Vec::new();
    };
    let mut taken = Vec::new();
    let mut added: Vec<HeaderColumn> = Vec::new();
    for (li, l) in group.iter().enumerate() {
        let ws = &l.line.words;
        if !ws.iter().any(|w| number::year(&w.text).is_some()) {
            continue;
        }
        for phrase in phrases(ws) {
            let words: Vec<&internbudget_layout::Word> =
                phrase.iter().filter_map(|&i| ws.get(i)).collect();
            let names = words.iter().any(|w| {
                matches!(
                    crate::vocab::header_word(&w.text),
                    Some(
                        crate::vocab::HeaderWord::Percent
                            | crate::vocab::HeaderWord::Kind(
                                crate::vocab::KindWord::Change | crate::vocab::KindWord::Deviation
                            )
                    )
                )
            });
            let dated = words.iter().any(|w| {
                number::year(&w.text).is_some() || is_year_range(&w.text) || is_partial(&w.text)
            });
            let (Some(a), Some(b)) = (words.first(), words.last()) else {
                continue;
            };
            if !names || dated || a.bbox.x0 < first {
                continue;
            }
            added.push(HeaderColumn {
                header: ColumnHeader {
                    label: words
                        .iter()
                        .map(|w| w.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                    year: None,
                    partial: None,
                },
                center: (a.bbox.x0 + b.bbox.x1) / 2.0,
                right: b.bbox.x1,
                extent: (a.bbox.x0, b.bbox.x1),
            });
            taken.extend(phrase.iter().map(|&i| (li, i)));
        }
    }
    if !added.is_empty() {
        cols.extend(added);
        cols.sort_by(|a, b| a.center.total_cmp(&b.center));
    }
    taken
}
