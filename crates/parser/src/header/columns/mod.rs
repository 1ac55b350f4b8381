//! Column headers from a header group: which words name which column.
//!
//! Geometric sources assign header words to the year column nearest by x
//! ([`assign_geometric`]); text exports that lost their layout assign them in
//! reading order ([`assign_flowed`]). Around that: captions over a range of
//! years name no column ([`captions`]), header cells without a year are
//! columns of their own ([`yearless`]), and merged cells over several years
//! name each of them ([`spread`]).

use super::{HeaderColumn, is_partial};
use crate::model::ColumnHeader;
use crate::number;
use crate::stream::StreamLine;
use crate::words::{self, HeaderTerm};
use captions::caption_spans;
use flowed::assign_flowed;
use spread::{spread_centred_cells, spread_spanning_cells};
use yearless::{add_yearless_cells, add_yearless_phrases};

mod captions;
mod flowed;
mod spread;
mod yearless;

/// Column headers from the header group. Geometric sources assign header
/// words to the year column nearest by x; flowed text assigns them in reading
/// order. Phases: the years ([`year_words`]) make the columns, year-less
/// cells add theirs, the other words are assigned ([`assign_flowed`] or
/// [`assign_positioned`]), and each label ends with its year.
pub(super) fn columns(
    group: &[&StreamLine<'_>],
    flowed: bool,
    amounts: bool,
) -> (Vec<HeaderColumn>, Vec<(String, f32)>) {
    let years = year_words(group, flowed);
    let mut cols: Vec<HeaderColumn> = years
        .iter()
        .map(|y| HeaderColumn {
            header: ColumnHeader {
                label: String::new(),
                year: Some(y.year),
                partial: None,
            },
            center: (y.x0 + y.x1) / 2.0,
            right: y.x1,
            extent: (y.x0, y.x1),
        })
        .collect();
    let tabbed = !flowed && group.iter().any(|l| l.line.tab_cells > 1);
    if tabbed && amounts {
        add_yearless_cells(&mut cols, group);
    }
    // Words that named a column of their own (a year-less phrase).
    let mut taken: Vec<(usize, usize)> = Vec::new();
    if !flowed && !tabbed && amounts {
        taken = add_yearless_phrases(&mut cols, group);
    }
    let mut stub: Vec<(String, f32)> = Vec::new();
    if flowed {
        assign_flowed(&mut cols, group, &mut stub);
    } else {
        let hw = header_words(group, &cols, tabbed, &taken);
        assign_positioned(&mut cols, group, &years, &hw, tabbed, amounts, &mut stub);
    }
    for c in &mut cols {
        let year = c.header.year.map(|y| y.to_string()).unwrap_or_default();
        c.header.label = match (c.header.label.is_empty(), year.is_empty()) {
            (true, _) => year,
            (false, true) => c.header.label.clone(),
            (false, false) => format!("{} {}", c.header.label, year),
        };
    }
    (cols, stub)
}

/// A year printed in the header group: its column.
struct YearWord {
    year: i32,
    x0: f32,
    x1: f32,
    /// The line of the group it is on.
    line: usize,
}

/// The header's years, by x (positioned sources) or in reading order
/// (flowed text).
fn year_words(group: &[&StreamLine<'_>], flowed: bool) -> Vec<YearWord> {
    let mut years: Vec<YearWord> = Vec::new();
    let tails = captions::range_tails(group);
    for (li, l) in group.iter().enumerate() {
        for (wi, w) in l.line.words.iter().enumerate() {
            if tails.contains(&(li, wi)) {
                continue;
            }
            if let Some(y) = number::year(&w.text) {
                years.push(YearWord {
                    year: y,
                    x0: w.bbox.x0,
                    x1: w.bbox.x1,
                    line: li,
                });
            }
        }
    }
    if !flowed {
        years.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    years
}

/// The header words that are not years, with their positions and line —
/// leaving out a caption centred over the columns ("Kultur- och
/// fritidsnämnd (tkr)": no year and no kind word, a unit), cells naming a range of years
/// ("Förändringar 2025–2027") and words `taken` by year-less columns.
fn header_words(
    group: &[&StreamLine<'_>],
    cols: &[HeaderColumn],
    tabbed: bool,
    taken: &[(usize, usize)],
) -> Vec<(String, f32, f32, usize)> {
    let mut hw: Vec<(String, f32, f32, usize)> = Vec::new();
    for (li, l) in group.iter().enumerate() {
        let caption = !tabbed
            && l.line.words.iter().all(|w| number::year(&w.text).is_none())
            && l.line
                .words
                .iter()
                .any(|w| words::header_term(&w.text) == Some(HeaderTerm::Unit))
            // Kind words name columns: "Mnkr  Not  Bokslut  Budget  Plan" is
            // the header's first line with its unit in the stub.
            && !l
                .line
                .words
                .iter()
                .any(|w| words::header_term(&w.text) == Some(HeaderTerm::Kind))
            && l.line
                .words
                .iter()
                .any(|w| cols.first().is_some_and(|c| w.bbox.x1 > c.extent.0));
        if caption {
            continue;
        }
        let captions = caption_spans(l, tabbed);
        for (wi, w) in l.line.words.iter().enumerate() {
            let centre = (w.bbox.x0 + w.bbox.x1) / 2.0;
            let in_caption = captions.iter().any(|&(a, b)| centre >= a && centre < b);
            if number::year(&w.text).is_none() && !in_caption && !taken.contains(&(li, wi)) {
                hw.push((w.text.clone(), w.bbox.x0, w.bbox.x1, li));
            }
        }
    }
    hw
}

/// Positioned sources: header words go to the year column nearest by x
/// ([`assign_geometric`]); merged header cells over several years, in tables
/// of amounts, name each of them (an indicator table's bare years are
/// outcomes of their own).
fn assign_positioned(
    cols: &mut [HeaderColumn],
    group: &[&StreamLine<'_>],
    years: &[YearWord],
    hw: &[(String, f32, f32, usize)],
    tabbed: bool,
    amounts: bool,
    stub: &mut Vec<(String, f32)>,
) {
    // Per column, its year word's line and left edge (a column added for a
    // header cell without a year has none: `usize::MAX`).
    let year_at: Vec<(usize, f32)> = cols
        .iter()
        .map(|c| {
            years
                .iter()
                .find(|y| (y.x0 + y.x1) / 2.0 == c.center)
                .map_or((usize::MAX, f32::NAN), |y| (y.line, y.x0))
        })
        .collect();
    assign_geometric(cols, hw, &year_at, stub);
    if tabbed && amounts {
        spread_spanning_cells(cols, group);
    } else if amounts {
        spread_centred_cells(cols, group);
    }
}

/// Header words go to the column of the nearest year, except that a word
/// printed on a year's own line, left of it and closer to it than a column's
/// width ("Budget förslag 2024   Plan förslag 2025"), belongs to that year.
/// `year_at` holds each column's year word: its group line and left edge.
fn assign_geometric(
    cols: &mut [HeaderColumn],
    hw: &[(String, f32, f32, usize)],
    year_at: &[(usize, f32)],
    stub: &mut Vec<(String, f32)>,
) {
    let centers: Vec<f32> = cols.iter().map(|c| c.center).collect();
    let spacing = {
        let mut d: Vec<f32> = centers
            .windows(2)
            .filter_map(|w| match w {
                [a, b] => Some(b - a),
                _ => None,
            })
            .collect();
        d.sort_by(f32::total_cmp);
        d.get(d.len() / 2).copied().unwrap_or(50.0)
    };
    let first = centers.first().copied().unwrap_or(0.0);
    // Join fragments per line before assigning ("Nettoutgi" "ft" on two lines
    // in one cell are rare in geometric sources; inline fragments are joined).
    let mut per_col: Vec<Vec<(usize, f32, String)>> = vec![Vec::new(); cols.len()];
    let year_lines: Vec<usize> = year_at.iter().map(|y| y.0).collect();
    let in_order = kinds_in_order(hw, cols.len(), &year_lines);
    // Where a line names the columns in order, its words left of the first
    // column's kind word are the stub's ("Mnkr Not Bokslut Budget Plan").
    let first_kind_at = |line: usize| {
        hw.iter()
            .zip(&in_order)
            .filter(|((.., li), col)| *li == line && col.is_some())
            .map(|((_, x0, ..), _)| *x0)
            .reduce(f32::min)
    };
    for (k, (text, x0, x1, li)) in hw.iter().enumerate() {
        let c = (x0 + x1) / 2.0;
        if let Some(Some(col)) = in_order.get(k)
            && let (Some(v), Some(cl)) = (per_col.get_mut(*col), cols.get_mut(*col))
        {
            v.push((*li, *x0, text.clone()));
            cl.extent = (cl.extent.0.min(*x0), cl.extent.1.max(*x1));
            continue;
        }
        if first_kind_at(*li).is_some_and(|first_kind| *x1 <= first_kind) {
            stub.push((text.clone(), *x0));
            continue;
        }
        let inline = year_at
            .iter()
            .enumerate()
            .filter(|(_, (yl, yx))| {
                yl == li
                    && *yx >= *x1
                    && *yx - *x1 < spacing * 0.8
                    && !is_partial(text)
                    && matches!(
                        words::header_term(text),
                        Some(HeaderTerm::Kind | HeaderTerm::Qualifier)
                    )
            })
            .min_by(|a, b| (a.1).1.total_cmp(&(b.1).1))
            .map(|(i, _)| i);
        // Left of the first column is the stub's, but for a kind word
        // printed right before its year ("Ram 2024" in a squeezed header).
        if inline.is_none() && c < first - spacing * 0.6 && *x1 < first - spacing * 0.35 {
            stub.push((text.clone(), *x0));
            continue;
        }
        let best = inline.or_else(|| {
            centers
                .iter()
                .enumerate()
                .min_by(|a, b| (a.1 - c).abs().total_cmp(&(b.1 - c).abs()))
                .map(|(i, _)| i)
        });
        if let Some(b) = best
            && let Some(v) = per_col.get_mut(b)
        {
            v.push((*li, *x0, text.clone()));
            if let Some(col) = cols.get_mut(b) {
                col.extent = (col.extent.0.min(*x0), col.extent.1.max(*x1));
            }
        }
    }
    for (col, mut ws) in cols.iter_mut().zip(per_col) {
        ws.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let texts: Vec<String> = ws.into_iter().map(|w| w.2).collect();
        apply_words(col, &words::join_header_fragments(&texts));
    }
}

/// Per header word, the column it names when a line above the years holds
/// exactly one kind word per column ("Bokslut Budget Budget Plan Plan" over
/// five years, squeezed so that a word sits as near the next year as its
/// own): the kind words go to the columns in order. `None` for every other
/// word. `year_lines`: the group lines that print years.
fn kinds_in_order(
    hw: &[(String, f32, f32, usize)],
    columns: usize,
    year_lines: &[usize],
) -> Vec<Option<usize>> {
    let mut out = vec![None; hw.len()];
    let mut lines: Vec<usize> = hw.iter().map(|w| w.3).collect();
    lines.dedup();
    for li in lines.into_iter().filter(|li| !year_lines.contains(li)) {
        let mut kinds: Vec<(usize, f32)> = hw
            .iter()
            .enumerate()
            .filter(|(_, w)| w.3 == li && words::header_term(&w.0) == Some(HeaderTerm::Kind))
            .map(|(k, w)| (k, w.1))
            .collect();
        if columns < 2 || kinds.len() != columns {
            continue;
        }
        kinds.sort_by(|a, b| a.1.total_cmp(&b.1));
        for (col, (k, _)) in kinds.into_iter().enumerate() {
            if let Some(slot) = out.get_mut(k) {
                *slot = Some(col);
            }
        }
    }
    out
}

pub(super) fn apply_words(col: &mut HeaderColumn, ws: &[String]) {
    let mut label = Vec::new();
    for w in ws {
        if is_partial(w) {
            col.header.partial = Some(w.trim_matches(|c| c == '(' || c == ')').to_lowercase());
            continue;
        }
        if words::header_term(w) == Some(HeaderTerm::Unit) {
            continue;
        }
        label.push(w.clone());
    }
    // A year-less phrase column keeps the words it was made of.
    if !label.is_empty() || col.header.year.is_some() {
        col.header.label = label.join(" ");
    }
}

#[cfg(test)]
mod tests;
