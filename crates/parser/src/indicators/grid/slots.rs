//! The words of each line of a table sorted into its label and value
//! columns ([`Slot`]s), under the column layout of the header above them.
//!
//! A header repeated at the top of a page usually stands where the first
//! one did; when one stands elsewhere (a text export sets each page's
//! columns on its own), the lines under each header are sorted by that
//! header's layout.

use super::layout::{Layout, layout};
use super::*;

/// The header that sets the columns of a stretch of lines, and where the
/// stretch ends (exclusive).
struct Segment {
    header: Header,
    end: usize,
}

/// The lines of the table (header `h`, ending at stream index `end`) with
/// their words in slots; repeated headers are left out, blank lines are kept
/// (empty) in text sources, where they separate rows.
pub(super) fn slot_lines<'l>(
    lines: &[StreamLine<'l>],
    h: &Header,
    end: usize,
    kind: SourceKind,
    deadline: &Deadline,
) -> Vec<SlotLine<'l>> {
    let segments = segments(lines, h, end, deadline);
    // When a repeated header stands elsewhere, every page's lines are read
    // by their own header's columns; else all by the first header's.
    let own_pages = segments.iter().any(|s| moved(h, &s.header));
    let first_end = segments
        .first()
        .filter(|_| own_pages)
        .map_or(end, |s| s.header.start);
    let whole = layout(lines, h, first_end);
    let mut out: Vec<SlotLine<'l>> = Vec::new();
    let mut k = h.end + 1;
    let mut own: Option<Layout> = None;
    while k < end && !deadline.passed() {
        let Some(l) = lines.get(k) else { break };
        if let Some(seg) = segments.iter().find(|s| s.header.start == k) {
            own = own_pages.then(|| layout(lines, &seg.header, seg.end));
            k = seg.header.end + 1;
            continue;
        }
        let lay = own.as_ref().unwrap_or(&whole);
        if !l.is_blank() {
            out.push(SlotLine {
                page: l.page,
                line: l.line,
                slots: line_slots(lay, l, kind),
            });
        } else if kind != SourceKind::Pdf {
            // Blank lines separate rows in text sources.
            out.push(SlotLine {
                page: l.page,
                line: l.line,
                slots: Vec::new(),
            });
        }
        k += 1;
    }
    out
}

/// The headers repeated inside the table, each with the end of the lines
/// under it.
fn segments(lines: &[StreamLine<'_>], h: &Header, end: usize, deadline: &Deadline) -> Vec<Segment> {
    let mut heads: Vec<Header> = Vec::new();
    let mut k = h.end + 1;
    while k < end && !deadline.passed() {
        match header::header_at(lines, k) {
            Some(h2) if h2.start == k => {
                k = h2.end + 1;
                heads.push(h2);
            }
            _ => k += 1,
        }
    }
    let starts: Vec<usize> = heads.iter().map(|h| h.start).skip(1).collect();
    heads
        .into_iter()
        .enumerate()
        .map(|(i, header)| Segment {
            header,
            end: starts.get(i).copied().unwrap_or(end),
        })
        .collect()
}

/// Whether the repeated header `h2` sets its value columns elsewhere than
/// `h`: a column's centre moved by more than a sixth of the narrowest
/// spacing between columns.
fn moved(h: &Header, h2: &Header) -> bool {
    let spacing = h
        .columns
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some(b.center - a.center),
            _ => None,
        })
        .fold(f32::INFINITY, f32::min);
    if !spacing.is_finite() || h.columns.len() != h2.columns.len() {
        return false;
    }
    h.columns
        .iter()
        .zip(&h2.columns)
        .any(|(a, b)| (a.center - b.center).abs() > spacing / 6.0)
}

/// The words of one line in slots: thousands groups of a number stay in
/// one cell; in text exports an indicator cell pushed left by a long goal
/// cell is pulled back.
fn line_slots<'l>(lay: &Layout, l: &StreamLine<'l>, kind: SourceKind) -> Vec<(Slot, &'l Word)> {
    let mut slots: Vec<(Slot, &'l Word)> = Vec::new();
    let mut prev: Option<(Option<Slot>, &'l Word)> = None;
    let words: &'l [Word] = &l.line.words;
    for w in words {
        let mut slot = lay.column_of(w);
        // A number's thousands groups stay in one cell.
        if let Some((Some(ps), pw)) = prev
            && matches!(ps, Slot::Value(_))
            && groups_with(pw, w)
        {
            slot = Some(ps);
        } else if let (Some(Slot::Value(v)), Some((Some(_), pw))) = (slot, prev)
            && groups_with(pw, w)
            && let Some(last) = slots.last_mut()
            && std::ptr::eq(last.1, pw)
        {
            last.0 = Slot::Value(v);
        }
        if let Some(sl) = slot {
            slots.push((sl, w));
        }
        prev = Some((slot, w));
    }
    if kind == SourceKind::PlainText {
        lay.keep_label_runs(&mut slots);
        lay.pull_drifted_indicator(&mut slots);
    }
    slots
}

#[cfg(test)]
mod tests {
    use super::*;
    use internbudget_layout::text::read_text;

    fn header_of(text: &str) -> Header {
        let doc = read_text(text.as_bytes()).unwrap();
        let prepared = crate::prepare::prepare(&doc);
        let lines = crate::stream::content_lines(&prepared);
        header::header_at(&lines, 0).unwrap()
    }

    #[test]
    fn a_header_set_elsewhere_has_moved() {
        let a = header_of("Nämndmål   Nämndindikator        2018      2019      2020\n");
        let same = header_of("Nämndmål   Nämndindikator         2018      2019      2020\n");
        let other = header_of("Nämndmål Nämndindikator   2018      2019      2020\n");
        assert!(!moved(&a, &same));
        assert!(moved(&a, &other));
    }
}
