//! Captions over a range of years ("Förändringar 2025–2027" above 2025,
//! 2026 and 2027): they name none of the columns under them.

use super::super::is_partial;
use crate::number;
use crate::stream::StreamLine;
use crate::words;

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

/// A range of years broken after its dash ("2022–" ending a line of a
/// wrapped caption, "2024" on the next).
pub(super) fn is_range_head(text: &str) -> bool {
    text.strip_suffix(['–', '-', '—'])
        .is_some_and(|a| number::year(a).is_some())
}

/// The years that end a range broken over two lines of a wrapped caption
/// ("Förändringar 2022–" / "2024"): on the first group line below the
/// caption that prints anything within the caption's span (a cell beside
/// it may wrap too: "Ram" / "2021"), a year centred within that span. As
/// (group line, word index); they name no column.
pub(super) fn range_tails(group: &[&StreamLine<'_>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (li, above) in group.iter().enumerate() {
        let ws = &above.line.words;
        for cell in phrases(ws) {
            let (Some(a), Some(b)) = (
                cell.first().and_then(|&i| ws.get(i)),
                cell.last().and_then(|&i| ws.get(i)),
            ) else {
                continue;
            };
            if !is_range_head(&b.text) {
                continue;
            }
            let within = |w: &internbudget_layout::Word| {
                let centre = (w.bbox.x0 + w.bbox.x1) / 2.0;
                centre > a.bbox.x0 && centre < b.bbox.x1
            };
            let below = group
                .iter()
                .enumerate()
                .skip(li + 1)
                .find(|(_, l)| l.line.words.iter().any(within));
            if let Some((bi, l)) = below {
                for (wi, w) in l.line.words.iter().enumerate() {
                    if number::year(&w.text).is_some() && within(w) {
                        out.push((bi, wi));
                    }
                }
            }
        }
    }
    out
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
/// grid the cells holding a range; elsewhere the header cell holding one
/// ("Förändringar 2025–2027", cut from the line by [`phrases`]).
pub(super) fn caption_spans(l: &StreamLine<'_>, tabbed: bool) -> Vec<(f32, f32)> {
    let pitch = internbudget_layout::text::CELL_PITCH;
    if tabbed {
        return range_cells(l)
            .into_iter()
            .map(|c| (c as f32 * pitch, (c + 1) as f32 * pitch))
            .collect();
    }
    let ws = &l.line.words;
    phrases(ws)
        .into_iter()
        .filter(|cell| {
            cell.iter().any(|&i| {
                ws.get(i)
                    .is_some_and(|w| is_year_range(&w.text) || is_range_head(&w.text))
            })
        })
        .filter_map(|cell| {
            let (a, b) = (ws.get(*cell.first()?)?, ws.get(*cell.last()?)?);
            Some((a.bbox.x0, b.bbox.x1 + f32::EPSILON))
        })
        .collect()
}

/// A line's words grouped into header cells: words no further apart than a
/// word gap (1.8 spaces), as word indices. Tight cells print their words
/// about as far apart as the words inside them, so a cell also ends after
/// its year ("Budget 2025 | Förändring %") and before a phase word that
/// follows a change or a percentage ("Förändring % | Plan 2026"; not after
/// "mot": "Förändring mot budget").
pub(super) fn phrases(ws: &[internbudget_layout::Word]) -> Vec<Vec<usize>> {
    use crate::vocab::{HeaderWord, KindWord};
    let changeish = |t: &str| {
        matches!(
            crate::vocab::header_word(t),
            Some(HeaderWord::Percent | HeaderWord::Kind(KindWord::Change | KindWord::Deviation))
        )
    };
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| ws.get(p));
        let near = prev.is_some_and(|p| w.bbox.x0 - p.bbox.x1 <= 1.8 * p.space.max(w.space));
        let after_year =
            prev.is_some_and(|p| number::year(&p.text).is_some() || is_partial(&p.text));
        let phase =
            matches!(crate::vocab::header_word(&w.text), Some(HeaderWord::Kind(k)) if k.is_phase());
        let connector = prev.is_some_and(|p| {
            matches!(
                words::Lower::of(&p.text).as_str(),
                "mot" | "jämfört" | "från" | "till" | "och"
            )
        });
        let cell_ends = after_year
            || (phase
                && !connector
                && out.last().is_some_and(|cell| {
                    cell.iter()
                        .filter_map(|&k| ws.get(k))
                        .any(|c| changeish(&c.text))
                }));
        match out.last_mut() {
            Some(last) if near && !cell_ends => last.push(i),
            _ => out.push(vec![i]),
        }
    }
    out
}
