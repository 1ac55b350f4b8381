//! Column headers from a header group: which words name which column.
//!
//! Geometric sources assign header words to the year column nearest by x
//! ([`assign_geometric`]); text exports that lost their layout assign them in
//! reading order ([`assign_flowed`]).

use super::{HeaderColumn, is_partial};
use crate::model::ColumnHeader;
use crate::number;
use crate::stream::StreamLine;
use crate::words::{self, HeaderTerm};

/// Column headers from the header group. Geometric sources assign header
/// words to the year column nearest by x; flowed text assigns them in reading
/// order.
pub(super) fn columns(
    group: &[&StreamLine<'_>],
    flowed: bool,
    amounts: bool,
) -> (Vec<HeaderColumn>, Vec<(String, f32)>) {
    // Years, by x (geometric) or reading order (flowed).
    let mut years: Vec<(i32, f32, f32, usize, usize)> = Vec::new(); // (year, x0, x1, line, word)
    for (li, l) in group.iter().enumerate() {
        for (wi, w) in l.line.words.iter().enumerate() {
            if let Some(y) = number::year(&w.text) {
                years.push((y, w.bbox.x0, w.bbox.x1, li, wi));
            }
        }
    }
    if !flowed {
        years.sort_by(|a, b| a.1.total_cmp(&b.1));
    }
    let mut cols: Vec<HeaderColumn> = years
        .iter()
        .map(|&(y, x0, x1, _, _)| HeaderColumn {
            header: ColumnHeader {
                label: String::new(),
                year: Some(y),
                partial: None,
            },
            center: (x0 + x1) / 2.0,
            right: x1,
            extent: (x0, x1),
        })
        .collect();
    let tabbed = !flowed && group.iter().any(|l| l.line.tab_cells > 1);
    if tabbed && amounts {
        add_yearless_cells(&mut cols, group);
    }
    let mut stub: Vec<(String, f32)> = Vec::new();
    if flowed {
        assign_flowed(&mut cols, group, &mut stub);
    } else {
        // Header words (not years), with their positions.
        let mut hw: Vec<(String, f32, f32, usize)> = Vec::new();
        for (li, l) in group.iter().enumerate() {
            // A caption centred over the columns ("Kultur- och
            // fritidsnämnd (tkr)": no year, a unit) names none of them.
            let caption = !tabbed
                && l.line.words.iter().all(|w| number::year(&w.text).is_none())
                && l.line
                    .words
                    .iter()
                    .any(|w| words::header_term(&w.text) == Some(HeaderTerm::Unit))
                && l.line
                    .words
                    .iter()
                    .any(|w| cols.first().is_some_and(|c| w.bbox.x1 > c.extent.0));
            if caption {
                continue;
            }
            // A cell naming a range of years ("Förändringar 2025–2027"
            // over 2025, 2026, 2027) captions the columns under it.
            let captions = caption_spans(l, tabbed);
            for w in &l.line.words {
                let centre = (w.bbox.x0 + w.bbox.x1) / 2.0;
                let in_caption = captions.iter().any(|&(a, b)| centre >= a && centre < b);
                if number::year(&w.text).is_none() && !in_caption {
                    hw.push((w.text.clone(), w.bbox.x0, w.bbox.x1, li));
                }
            }
        }
        // Per column, its year word's line and left edge (a column added
        // for a header cell without a year has none: `usize::MAX`).
        let year_at: Vec<(usize, f32)> = cols
            .iter()
            .map(|c| {
                years
                    .iter()
                    .find(|&&(_, x0, x1, _, _)| (x0 + x1) / 2.0 == c.center)
                    .map_or((usize::MAX, f32::NAN), |&(_, x0, _, li, _)| (li, x0))
            })
            .collect();
        assign_geometric(&mut cols, &hw, &year_at, &mut stub);
        // Merged header cells over several years, in tables of amounts
        // (an indicator table's bare years are outcomes of their own).
        if tabbed && amounts {
            spread_spanning_cells(&mut cols, group);
        } else if amounts {
            spread_centred_cells(&mut cols, group);
        }
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
    for (k, (text, x0, x1, li)) in hw.iter().enumerate() {
        let c = (x0 + x1) / 2.0;
        if c < first - spacing * 0.6 && *x1 < first - spacing * 0.35 {
            stub.push((text.clone(), *x0));
            continue;
        }
        if let Some(Some(col)) = in_order.get(k)
            && let (Some(v), Some(cl)) = (per_col.get_mut(*col), cols.get_mut(*col))
        {
            v.push((*li, *x0, text.clone()));
            cl.extent = (cl.extent.0.min(*x0), cl.extent.1.max(*x1));
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

/// The tab cell a word stands in.
fn cell_of(x: f32) -> i64 {
    (x / internbudget_layout::text::CELL_PITCH).floor() as i64
}

/// A range of years ("2025–2027", "2025-2027").
fn is_year_range(text: &str) -> bool {
    let mut parts = text.split(['–', '-', '—']);
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(a), Some(b), None) if number::year(a).is_some() && number::year(b).is_some()
    )
}

/// The tab cells of a header line that hold a range of years.
fn range_cells(l: &StreamLine<'_>) -> Vec<i64> {
    l.line
        .words
        .iter()
        .filter(|w| is_year_range(&w.text))
        .map(|w| cell_of(w.bbox.x0))
        .collect()
}

/// The x-spans of a header line's captions over a range of years: in a tab
/// grid the cells holding a range; elsewhere the phrase around a range
/// ("Förändringar 2025–2027"), its words apart by no more than a word gap.
fn caption_spans(l: &StreamLine<'_>, tabbed: bool) -> Vec<(f32, f32)> {
    let pitch = internbudget_layout::text::CELL_PITCH;
    if tabbed {
        return range_cells(l)
            .into_iter()
            .map(|c| (c as f32 * pitch, (c + 1) as f32 * pitch))
            .collect();
    }
    let ws = &l.line.words;
    let near = |a: &internbudget_layout::Word, b: &internbudget_layout::Word| {
        b.bbox.x0 - a.bbox.x1 <= 1.8 * a.space.max(b.space)
    };
    let mut spans = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        if !is_year_range(&w.text) {
            continue;
        }
        let mut lo = i;
        while let Some(p) = lo.checked_sub(1)
            && let (Some(a), Some(b)) = (ws.get(p), ws.get(lo))
            && near(a, b)
        {
            lo = p;
        }
        let mut hi = i;
        while let (Some(a), Some(b)) = (ws.get(hi), ws.get(hi + 1))
            && near(a, b)
        {
            hi += 1;
        }
        if let (Some(a), Some(b)) = (ws.get(lo), ws.get(hi)) {
            spans.push((a.bbox.x0, b.bbox.x1 + f32::EPSILON));
        }
    }
    spans
}

/// In a tab grid every header cell right of the first year is a column:
/// one that names a kind, a change or a deviation but prints no year
/// ("Förändring %" between "Budget 2025" and "Plan 2026") gets a column of
/// its own, its year left to the normalizer.
fn add_yearless_cells(cols: &mut Vec<HeaderColumn>, group: &[&StreamLine<'_>]) {
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

/// A kind or measure printed centred over several year columns of a row
/// below ("Intäkter" over "2023  2024", a merged cell of a PDF): each
/// column under it that got no header word of its own takes it. The word
/// covers the columns whose centres are nearer to it than to the kind or
/// measure words beside it on its line.
fn spread_centred_cells(cols: &mut [HeaderColumn], group: &[&StreamLine<'_>]) {
    let last_year_line = group
        .iter()
        .rposition(|l| l.line.words.iter().any(|w| number::year(&w.text).is_some()));
    let spans = |t: &str| {
        matches!(
            crate::vocab::header_word(t),
            Some(crate::vocab::HeaderWord::Measure(_) | crate::vocab::HeaderWord::Kind(_))
        ) && number::year(t).is_none()
    };
    for (li, l) in group.iter().enumerate() {
        if Some(li) >= last_year_line {
            break;
        }
        let heads: Vec<&internbudget_layout::Word> =
            l.line.words.iter().filter(|w| spans(&w.text)).collect();
        if heads.len() < 2 {
            continue;
        }
        let centre = |w: &internbudget_layout::Word| (w.bbox.x0 + w.bbox.x1) / 2.0;
        for (k, w) in heads.iter().enumerate() {
            let c = centre(w);
            let lo = k
                .checked_sub(1)
                .and_then(|p| heads.get(p))
                .map_or(f32::NEG_INFINITY, |p| (centre(p) + c) / 2.0);
            let hi = heads
                .get(k + 1)
                .map_or(f32::INFINITY, |n| (centre(n) + c) / 2.0);
            // Centred over the columns it spans: a column takes it only
            // when another column of its region lies on the word's other
            // side.
            let in_region: Vec<f32> = cols
                .iter()
                .map(|col| col.center)
                .filter(|x| *x >= lo && *x < hi)
                .collect();
            for col in cols.iter_mut() {
                let x = col.center;
                let spanned = in_region.iter().any(|&other| (other - c) * (x - c) < 0.0);
                if col.header.label.is_empty() && x >= lo && x < hi && spanned {
                    col.header.label = w.text.clone();
                }
            }
        }
    }
}

/// A cell of an upper header row of a tab grid followed by empty cells
/// spans them (a merged cell: "Intäkter" over "2023" and "2024"): a column
/// under it that got no header word of its own takes its kind or measure.
fn spread_spanning_cells(cols: &mut [HeaderColumn], group: &[&StreamLine<'_>]) {
    let last_year_line = group
        .iter()
        .rposition(|l| l.line.words.iter().any(|w| number::year(&w.text).is_some()));
    for (li, l) in group.iter().enumerate() {
        if Some(li) >= last_year_line {
            break;
        }
        let ws = &l.line.words;
        let captions = range_cells(l);
        for (wi, w) in ws.iter().enumerate() {
            if captions.contains(&cell_of(w.bbox.x0)) {
                continue;
            }
            let spans = matches!(
                crate::vocab::header_word(&w.text),
                Some(crate::vocab::HeaderWord::Measure(_) | crate::vocab::HeaderWord::Kind(_))
            );
            if !spans || number::year(&w.text).is_some() {
                continue;
            }
            // The merged cell reaches to the next word of its row.
            let end = ws.get(wi + 1).map_or(f32::INFINITY, |n| n.bbox.x0);
            for c in cols.iter_mut() {
                let bare = c.header.label.is_empty();
                if bare && c.center >= w.bbox.x0 && c.center < end {
                    c.header.label = w.text.clone();
                }
            }
        }
    }
}

/// Reading-order assignment for text exports that lost the layout.
///
/// When kind words and years interleave ("Målvärde 2021 Målvärde 2022"), each
/// word belongs to the year after it. Otherwise all kind words come first
/// ("Bokslut Budget Budget förslag Plan Plan Plan … 2019 … 2024"): each kind
/// word starts a column, a qualifier attaches to the kind before it, and a run
/// of qualifiers after the last kind attaches to the last columns. A partial
/// qualifier such as "(aug)" belongs to the year printed before it.
fn assign_flowed(
    cols: &mut [HeaderColumn],
    group: &[&StreamLine<'_>],
    stub: &mut Vec<(String, f32)>,
) {
    enum Item {
        Year(usize),
        Word(String, usize),
    }
    // Reading-order sequence with fragments joined between years.
    let mut seq: Vec<Item> = Vec::new();
    let mut year_idx = 0usize;
    let mut buf: Vec<(String, usize)> = Vec::new();
    let flush = |buf: &mut Vec<(String, usize)>, seq: &mut Vec<Item>| {
        let texts: Vec<String> = buf.iter().map(|b| b.0.clone()).collect();
        let joined = words::join_header_fragments(&texts);
        let mut k = 0usize;
        for j in joined {
            // A joined fragment belongs to the line its last piece is on.
            let mut line = buf.get(k).map_or(0, |b| b.1);
            let mut acc = 0usize;
            while acc < j.len() {
                let Some(b) = buf.get(k) else { break };
                acc += b.0.len();
                line = b.1;
                k += 1;
            }
            seq.push(Item::Word(j, line));
        }
        buf.clear();
    };
    for (li, l) in group.iter().enumerate() {
        for w in &l.line.words {
            if number::year(&w.text).is_some() {
                flush(&mut buf, &mut seq);
                seq.push(Item::Year(year_idx));
                year_idx += 1;
            } else {
                buf.push((w.text.clone(), li));
            }
        }
    }
    flush(&mut buf, &mut seq);
    let n = cols.len();
    let is_kind = |w: &str| {
        matches!(
            words::header_term(w),
            Some(HeaderTerm::Kind | HeaderTerm::Qualifier)
        )
    };
    let first_year = seq.iter().position(|i| matches!(i, Item::Year(_)));
    let interleaved = first_year.is_some_and(|fy| {
        seq.iter().skip(fy).any(
            |i| matches!(i, Item::Word(w, _) if words::header_term(w) == Some(HeaderTerm::Kind)),
        )
    });
    let mut labels: Vec<Vec<String>> = vec![Vec::new(); n];
    let mut last_year: Option<usize> = None;
    if interleaved {
        let mut pending: Vec<String> = Vec::new();
        for item in &seq {
            match item {
                Item::Year(c) => {
                    if let Some(l) = labels.get_mut(*c) {
                        l.append(&mut pending);
                    }
                    last_year = Some(*c);
                }
                Item::Word(w, _) if is_partial(w) => {
                    if let Some(l) = last_year.and_then(|c| labels.get_mut(c)) {
                        l.push(w.clone());
                    }
                }
                Item::Word(w, _) if is_kind(w) => pending.push(w.clone()),
                Item::Word(w, _) => stub.push((w.clone(), 0.0)),
            }
        }
    } else {
        let words_only: Vec<(usize, &str, usize)> = seq
            .iter()
            .enumerate()
            .filter_map(|(i, it)| match it {
                Item::Word(w, l) => Some((i, w.as_str(), *l)),
                Item::Year(_) => None,
            })
            .collect();
        let kinds: Vec<(usize, usize)> = words_only
            .iter()
            .filter(|(_, w, _)| words::header_term(w) == Some(HeaderTerm::Kind))
            .map(|(i, _, l)| (*i, *l))
            .collect();
        // Too many kind words: a kind on the same line right after another
        // kind qualifies it ("Nettoutgift budget").
        let mut heads: Vec<usize> = kinds.iter().map(|k| k.0).collect();
        if heads.len() > n {
            let mut keep = Vec::new();
            let mut prev: Option<(usize, usize)> = None;
            let mut extra = heads.len() - n;
            for &(i, l) in &kinds {
                let adjacent = prev.is_some_and(|(pi, pl)| {
                    pl == l
                        && words_only.iter().position(|w| w.0 == pi).map(|p| p + 1)
                            == words_only.iter().position(|w| w.0 == i)
                });
                if extra > 0 && adjacent {
                    extra -= 1;
                    prev = None;
                    continue;
                }
                keep.push(i);
                prev = Some((i, l));
            }
            heads = keep;
        }
        let last_head = heads.last().copied();
        let trailing: Vec<&str> = words_only
            .iter()
            .filter(|(i, w, _)| {
                last_head.is_none_or(|h| *i > h)
                    && words::header_term(w) == Some(HeaderTerm::Qualifier)
            })
            .map(|(_, w, _)| *w)
            .collect();
        let trailing_run = trailing.len() > 1 || (heads.len() < n && !trailing.is_empty());
        let mut col: Option<usize> = None;
        for item in &seq {
            let (i, w) = match item {
                Item::Year(c) => {
                    last_year = Some(*c);
                    continue;
                }
                Item::Word(w, _) => (
                    seq.iter().position(|x| std::ptr::eq(x, item)).unwrap_or(0),
                    w,
                ),
            };
            if is_partial(w) {
                if let Some(l) = last_year.and_then(|c| labels.get_mut(c)) {
                    l.push(w.clone());
                }
                continue;
            }
            if let Some(pos) = heads.iter().position(|&h| h == i) {
                col = Some(pos);
                if let Some(l) = labels.get_mut(pos) {
                    l.push(w.clone());
                }
                continue;
            }
            if is_kind(w) {
                if last_head.is_none_or(|h| i > h) && trailing_run {
                    continue; // placed below
                }
                if let Some(l) = col
                    .or((!heads.is_empty()).then_some(0))
                    .and_then(|c| labels.get_mut(c))
                {
                    l.push(w.clone());
                }
            } else {
                stub.push((w.clone(), 0.0));
            }
        }
        if trailing_run {
            for (k, w) in trailing.iter().rev().take(n).enumerate() {
                if let Some(l) = labels.get_mut(n - 1 - k) {
                    l.insert(l.len().min(1), (*w).to_string());
                }
            }
        }
    }
    for (c, l) in cols.iter_mut().zip(labels) {
        apply_words(c, &l);
    }
}

fn apply_words(col: &mut HeaderColumn, ws: &[String]) {
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
    col.header.label = label.join(" ");
}

#[cfg(test)]
mod tab_tests {
    use crate::stream::content_lines;
    use internbudget_layout::text::read_text;

    /// The column labels of the first header of a tab export.
    fn labels(text: &str) -> Vec<String> {
        let doc = read_text(text.as_bytes()).unwrap();
        let lines = content_lines(&doc);
        let h = (0..lines.len()).find_map(|i| crate::header::header_at(&lines, i));
        h.map(|h| h.columns.iter().map(|c| c.header.label.clone()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_merged_cell_over_two_years_names_both() {
        let got = labels(
            "mnkr\tIntäkter\t\tKostnader\t\tBudget 2024\n\t2023\t2024\t2023\t2024\nA\t1,0\t2,0\t-3,0\t-4,0\t5,0\n",
        );
        assert_eq!(
            got,
            [
                "Intäkter 2023",
                "Intäkter 2024",
                "Kostnader 2023",
                "Kostnader 2024",
                "Budget 2024"
            ]
        );
    }

    #[test]
    fn a_header_cell_without_a_year_is_a_column() {
        let got =
            labels("\tBudget 2024\tBudget 2025\tFörändring %\tPlan 2026\nA\t1\t2\t3,0 %\t4\n");
        assert_eq!(
            got,
            ["Budget 2024", "Budget 2025", "Förändring %", "Plan 2026"]
        );
    }

    #[test]
    fn a_range_of_years_captions_the_years_under_it() {
        let got =
            labels("\tRam 2024\tFörändringar 2025–2027\n\t\t2025\t2026\t2027\nA\t1\t2\t3\t4\n");
        assert_eq!(got, ["Ram 2024", "2025", "2026", "2027"]);
    }
}

#[cfg(test)]
mod geometric_tests {
    use crate::testdoc::pdf;
    use internbudget_layout::Document;
    use internbudget_layout::text::read_text;

    /// The column labels of the first amount table of a document.
    fn labels(doc: &Document) -> Vec<String> {
        let parsed = crate::parse_document(doc).unwrap();
        parsed.tables[0]
            .columns
            .iter()
            .map(|c| c.label.clone())
            .collect()
    }

    #[test]
    fn a_caption_over_a_range_of_years_names_none_of_them() {
        let doc = pdf(&[&[
            (100.0, &[(320.0, "Förändringar"), (384.0, "2025–2027")]),
            (112.0, &[(260.0, "Ram"), (280.0, "2024")]),
            (124.0, &[(330.0, "2025"), (375.0, "2026"), (420.0, "2027")]),
            (
                140.0,
                &[
                    (58.0, "Pris"),
                    (332.0, "452"),
                    (377.0, "480"),
                    (422.0, "466"),
                ],
            ),
        ]]);
        assert_eq!(labels(&doc), ["Ram 2024", "2025", "2026", "2027"]);
    }

    #[test]
    fn a_caption_over_a_range_of_years_in_layout_text_names_none_of_them() {
        let text = "
                          Förändringar 2025–2027
               Ram 2024
                         2025      2026      2027
Pris                      452       480       466
";
        let doc = read_text(text.as_bytes()).unwrap();
        assert_eq!(labels(&doc), ["Ram 2024", "2025", "2026", "2027"]);
    }

    #[test]
    fn kind_words_squeezed_over_the_years_name_them_in_order() {
        // pdftotext squeezes centred header words: "Plan" sits as near
        // 2025 as 2026.
        let text = "
                      Bokslut Budget Budget Plan     Plan
Belopp (mnkr)           2023    2024    2025    2026    2027
Skola                   61,2    64,0    70,1    72,5    74,8
";
        let doc = read_text(text.as_bytes()).unwrap();
        assert_eq!(
            labels(&doc),
            [
                "Bokslut 2023",
                "Budget 2024",
                "Budget 2025",
                "Plan 2026",
                "Plan 2027"
            ]
        );
    }
}
