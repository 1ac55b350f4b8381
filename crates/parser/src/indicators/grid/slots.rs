//! The words of each line of a table sorted into its label and value
//! columns ([`Slot`]s), under the column layout of the header above them.
//!
//! A header repeated at the top of a page usually stands where the first
//! one did; when one stands elsewhere (a text export sets each page's
//! columns on its own), the lines under each header are sorted by that
//! header's layout. In a layout text export a value cell set one space
//! after the indicator text is cut from it by the indicator column's width
//! over the table ([`split_straddling_runs`]), and value cells its
//! positions crowd into one column get a column each
//! ([`reseat_crowded_cells`]).

use super::layout::{CELL_SPACE, Layout, layout};
use super::reseat::reseat_crowded_cells;
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
    // Where in `out` the lines under each layout start.
    let mut layout_starts: Vec<usize> = vec![0];
    let mut k = h.end + 1;
    let mut own: Option<Layout> = None;
    while k < end && !deadline.passed() {
        let Some(l) = lines.get(k) else { break };
        if let Some(seg) = segments.iter().find(|s| s.header.start == k) {
            own = own_pages.then(|| layout(lines, &seg.header, seg.end));
            if own_pages {
                layout_starts.push(out.len());
            }
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
    if kind == SourceKind::PlainText {
        let ends: Vec<usize> = layout_starts.iter().skip(1).copied().collect();
        for (&from, to) in layout_starts
            .iter()
            .zip(ends.into_iter().chain([out.len()]))
        {
            if let Some(part) = out.get_mut(from..to) {
                split_straddling_runs(part);
                reseat_crowded_cells(part, h.columns.len());
            }
        }
    }
    out
}

/// The runs of words of a line of a layout text export that stand one
/// space apart (the words of one cell, or of two cells set too close), as
/// ranges of its slots.
fn runs(l: &SlotLine<'_>) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, (_, w)) in l.slots.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| l.slots.get(p));
        match out.last_mut() {
            Some(r) if prev.is_some_and(|(_, pw)| words::gap_in_spaces(pw, w) < CELL_SPACE) => {
                r.end = i + 1;
            }
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// In a layout text export a value cell may stand one space after the
/// indicator text beside it ("genomsnitt för kommunens Nytt mätetal"): a
/// run of words then straddles the edge of the value area, and its words
/// fall on either side by where they stand, not where the cell starts. The
/// indicator column's width tells: the right end of its text on the other
/// lines of the table. The run's indicator words that end beyond it move
/// into the value cell, when the first of them starts with no lowercase
/// letter (a value cell's start) and indicator text stays before them;
/// else, where the run's value words are a lone percent sign in one column
/// ("lagstadgad tid, %"), they are the indicator's.
fn split_straddling_runs(lines: &mut [SlotLine<'_>]) {
    /// How many lines at least show the indicator column's width.
    const MIN_LINES: usize = 3;
    let ind = Slot::Label(LabelRole::Indicator);
    let straddles = |l: &SlotLine<'_>, r: &std::ops::Range<usize>| {
        let slots = l.slots.get(r.clone()).unwrap_or(&[]);
        slots.iter().any(|(s, _)| *s == ind)
            && slots.iter().any(|(s, _)| matches!(s, Slot::Value(_)))
    };
    // The right end of the indicator text on lines where it stands apart.
    let ends: Vec<f32> = lines
        .iter()
        .flat_map(|l| {
            runs(l)
                .into_iter()
                .filter(|r| !straddles(l, r))
                .filter_map(|r| {
                    let slots = l.slots.get(r)?;
                    slots
                        .iter()
                        .filter(|(s, _)| *s == ind)
                        .map(|(_, w)| w.bbox.x1)
                        .reduce(f32::max)
                })
                .collect::<Vec<f32>>()
        })
        .collect();
    if ends.len() < MIN_LINES {
        return;
    }
    let edge = ends.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    for l in lines.iter_mut() {
        let straddling: Vec<std::ops::Range<usize>> =
            runs(l).into_iter().filter(|r| straddles(l, r)).collect();
        for r in straddling {
            let Some((first, value)) = r.clone().find_map(|i| match l.slots.get(i) {
                Some((s @ Slot::Value(_), _)) => Some((i, *s)),
                _ => None,
            }) else {
                continue;
            };
            let beyond = |i: usize| {
                l.slots
                    .get(i)
                    .is_some_and(|(s, w)| *s == ind && w.bbox.x1 > edge)
            };
            let mut cut = first;
            while cut > r.start && beyond(cut - 1) {
                cut -= 1;
            }
            let starts_cell = l
                .slots
                .get(cut)
                .is_some_and(|(_, w)| !w.text.chars().next().is_some_and(char::is_lowercase));
            let text_stays = cut
                .checked_sub(1)
                .is_some_and(|p| p >= r.start && l.slots.get(p).is_some_and(|(s, _)| *s == ind));
            if cut < first && starts_cell && text_stays {
                for (s, _) in l.slots.get_mut(cut..first).unwrap_or(&mut []) {
                    *s = value;
                }
            } else if l.slots.get(first).is_some_and(|(_, w)| ends_text(&w.text))
                && l.slots
                    .get(first..r.end)
                    .is_some_and(|tail| tail.iter().all(|(s, _)| *s == value))
            {
                // "lagstadgad tid, %": the indicator text runs on past the
                // edge into one value column; no value cell starts with a
                // lone percent sign.
                for (s, _) in l.slots.get_mut(first..r.end).unwrap_or(&mut []) {
                    if matches!(s, Slot::Value(_)) {
                        *s = ind;
                    }
                }
            }
        }
    }
}

/// A word that ends text rather than starting a value cell: a lone
/// percent sign ("Andel …, %"). (A lowercase word may go on with a value
/// cell stacked over lines: "74 (Hela" over "kommunen".)
fn ends_text(w: &str) -> bool {
    w == "%"
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
    use super::super::testdoc::{read_layout, row};
    use super::*;
    use internbudget_layout::text::read_text;

    fn header_of(text: &str) -> Header {
        let doc = read_text(text.as_bytes()).unwrap();
        let prepared = crate::prepare::prepare(&doc);
        let lines = crate::stream::content_lines(&prepared);
        header::header_at(&lines, 0).unwrap()
    }

    /// A value cell set one space after the indicator text beside it: the
    /// words beyond the indicator column's width elsewhere start the cell.
    #[test]
    fn a_value_one_space_after_the_indicator_text() {
        let text = "\
Nämndmål            Nämndindikator                  2021        2022
                    Total sjukfrånvaro, %.
Goda                Redovisas som ett
arbetsplatser.      genomsnitt för kommunens Nytt mätetal       7,3
                    samtliga enheter.
                    Andel heltidsanställningar,
                    %. Följs upp i                  96,8        97,3
                    delårsrapporten.
";
        let goal = "Goda arbetsplatser.";
        assert_eq!(
            read_layout(text),
            [
                row(
                    goal,
                    "Total sjukfrånvaro, %. Redovisas som ett genomsnitt för kommunens samtliga enheter.",
                    &["Nytt mätetal", "7,3"]
                ),
                row(
                    goal,
                    "Andel heltidsanställningar, %. Följs upp i delårsrapporten.",
                    &["96,8", "97,3"]
                ),
            ]
        );
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
