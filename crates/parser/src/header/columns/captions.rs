//! Captions over a range of years ("Förändringar 2025–2027" above 2025,
//! 2026 and 2027): they name none of the columns under them.

use crate::number;
use crate::stream::StreamLine;

/// The tab cell a word stands in.
pub(super) fn cell_of(x: f32) -> i64 {
    (x / internbudget_layout::text::CELL_PITCH).floor() as i64
}

/// A range of years ("2025–2027", "2025-2027").
pub(super) fn is_year_range(text: &str) -> bool {
    let mut parts = text.split(['–', '-', '—']);
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(a), Some(b), None) if number::year(a).is_some() && number::year(b).is_some()
    )
}

/// The tab cells of a header line that hold a range of years.
pub(super) fn range_cells(l: &StreamLine<'_>) -> Vec<i64> {
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
pub(super) fn caption_spans(l: &StreamLine<'_>, tabbed: bool) -> Vec<(f32, f32)> {
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
