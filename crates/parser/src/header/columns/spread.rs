//! Merged header cells over several years ("Intäkter" over "2023  2024"):
//! each column under one takes its kind or measure.

use super::super::HeaderColumn;
use super::captions::{caption_spans, cell_of, range_cells};
use crate::number;
use crate::stream::StreamLine;

/// A kind or measure printed centred over several year columns of a row
/// below ("Intäkter" over "2023  2024", a merged cell of a PDF): each
/// column under it that got no header word of its own takes it. The word
/// covers the columns whose centres are nearer to it than to the kind or
/// measure words beside it on its line.
pub(super) fn spread_centred_cells(cols: &mut [HeaderColumn], group: &[&StreamLine<'_>]) {
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
        // A caption over a range of years ("Förändringar 2025–2028")
        // names none of them.
        let captions = caption_spans(l, false);
        let in_caption = |w: &internbudget_layout::Word| {
            let c = (w.bbox.x0 + w.bbox.x1) / 2.0;
            captions.iter().any(|&(a, b)| c >= a && c < b)
        };
        let heads: Vec<&internbudget_layout::Word> = l
            .line
            .words
            .iter()
            .filter(|w| spans(&w.text) && !in_caption(w))
            .collect();
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
pub(super) fn spread_spanning_cells(cols: &mut [HeaderColumn], group: &[&StreamLine<'_>]) {
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
