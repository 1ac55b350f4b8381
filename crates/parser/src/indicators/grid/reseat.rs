//! Value cells of a layout text line that its positions crowd into one
//! column, given a column each.
//!
//! `pdftotext -layout` sets each line's words on a character grid of its
//! own: a header squeezed to single spaces ("Nämndindikator 2021 2022
//! Målvärde") stands left of values spread wider, and a page's lines drift
//! a few characters from the header repeated above them. A line's value
//! cells (runs of words one space apart, set apart by two spaces or more)
//! that its positions put two in one column are given a column each: in
//! printed order when the line has a cell for every column, else the
//! reading that keeps their order, moves no cell further than the next
//! column and moves the fewest, when only one does. Numbers set apart
//! after the indicator text but left of the value area are value cells
//! too ([`pull_drifted_values`]). A line no such reading fits keeps its positions.

use super::layout::CELL_SPACE;
use super::*;

/// Gives each value cell of a crowded line a column of its own, for every
/// line of a table with `n` value columns.
pub(super) fn reseat_crowded_cells(lines: &mut [SlotLine<'_>], n: usize) {
    let edge = text_edge(lines);
    for l in lines.iter_mut() {
        pull_drifted_values(l, edge);
        let cells = value_cells(l);
        let columns: Vec<usize> = cells.iter().map(|c| c.column).collect();
        let crowded = columns.windows(2).any(|p| matches!(p, [a, b] if a >= b));
        if !crowded {
            continue;
        }
        let Some(seats) = printed_order(cells.len(), n).or_else(|| sole_reading(&columns, n))
        else {
            continue;
        };
        for (cell, seat) in cells.iter().zip(seats) {
            for (slot, _) in l.slots.get_mut(cell.range.clone()).unwrap_or(&mut []) {
                *slot = Slot::Value(seat);
            }
        }
    }
}

/// Numbers ending the indicator slot of a line and followed by nothing but
/// values are value cells that drifted left of the value area, when they
/// are set apart from its text by two spaces or more ("Kvinnor      7,0
/// 6,8") or, a percentage or a number with decimals, reach beyond the right
/// end of the indicator text on the table's other lines (`edge`: "Andel
/// fossilfria fordon i 84 %  Nytt"):
/// they go to the first value column (and are then reseated).
fn pull_drifted_values(l: &mut SlotLine<'_>, edge: Option<f32>) {
    let ind = Slot::Label(LabelRole::Indicator);
    let Some(last) = l.slots.iter().rposition(|(s, _)| *s == ind) else {
        return;
    };
    if l.slots
        .get(last + 1..)
        .is_some_and(|rest| rest.iter().any(|(s, _)| !matches!(s, Slot::Value(_))))
    {
        return;
    }
    // The first slot of the numbers (and percent signs) ending the
    // indicator slot.
    let mut start = last + 1;
    while start > 0
        && l.slots
            .get(start - 1)
            .is_some_and(|(s, w)| *s == ind && (whole_number(&w.text) || w.text == "%"))
    {
        start -= 1;
    }
    let (Some((before_slot, before)), Some((_, first))) = (
        start.checked_sub(1).and_then(|p| l.slots.get(p)),
        l.slots.get(start),
    ) else {
        return;
    };
    // Past the text's edge, a year or a count could end a label ("… 2019"):
    // only a percentage or a number with decimals is taken there.
    let measured = l.slots.get(start..=last).is_some_and(|tail| {
        tail.iter()
            .any(|(_, w)| w.text.contains(['%', ',']) || w.text.contains('.'))
    });
    let set_apart = words::gap_in_spaces(before, first) >= CELL_SPACE
        || (measured && edge.is_some_and(|e| first.bbox.x1 > e));
    if *before_slot == ind && set_apart && whole_number(&first.text) {
        for (s, _) in l.slots.get_mut(start..=last).unwrap_or(&mut []) {
            *s = Slot::Value(0);
        }
    }
}

/// The right end of the indicator text over the table: the furthest a run
/// of indicator words that ends in a word (not a number or a percent sign)
/// reaches, on three lines or more.
fn text_edge(lines: &[SlotLine<'_>]) -> Option<f32> {
    /// How many lines at least show the indicator column's width.
    const MIN_LINES: usize = 3;
    let ind = Slot::Label(LabelRole::Indicator);
    let ends: Vec<f32> = lines
        .iter()
        .filter_map(|l| {
            let last = l.slots.iter().rposition(|(s, _)| *s == ind)?;
            let (_, w) = l.slots.get(last)?;
            let numeric = whole_number(&w.text) || w.text == "%";
            (!numeric).then_some(w.bbox.x1)
        })
        .collect();
    (ends.len() >= MIN_LINES).then(|| ends.iter().copied().fold(f32::NEG_INFINITY, f32::max))
}

/// A value cell of a line: its slots and the column its first word's
/// position gave it.
struct ValueCell {
    range: std::ops::Range<usize>,
    column: usize,
}

/// The line's value cells: runs of value-slot words standing less than
/// two spaces apart, but for two values squeezed one space apart.
fn value_cells(l: &SlotLine<'_>) -> Vec<ValueCell> {
    let mut out: Vec<ValueCell> = Vec::new();
    let mut prev: Option<&Word> = None;
    for (i, (slot, w)) in l.slots.iter().enumerate() {
        let Slot::Value(column) = *slot else {
            prev = None;
            continue;
        };
        match (out.last_mut(), prev) {
            (Some(c), Some(pw))
                if c.range.end == i
                    && words::gap_in_spaces(pw, w) < CELL_SPACE
                    && !two_values(pw, w) =>
            {
                c.range.end = i + 1;
            }
            _ => out.push(ValueCell {
                range: i..i + 1,
                column,
            }),
        }
        prev = Some(w);
    }
    out
}

/// Two values squeezed one space apart ("47% 50%", "4,0 4,4"): a number
/// that ends in a percent sign or has decimals, then a number, not its
/// next thousands group.
fn two_values(a: &Word, b: &Word) -> bool {
    let ends_value = whole_number(&a.text)
        && (a.text.ends_with('%') || a.text.contains(',') || a.text.contains('.'));
    ends_value && whole_number(&b.text) && !super::layout::groups_with(a, b)
}

/// A number alone: an optional sign, digits, optional decimals and an
/// optional percent sign.
fn whole_number(t: &str) -> bool {
    let t = t
        .trim_start_matches(crate::number::is_minus)
        .trim_end_matches('%');
    let (int, frac) = t.split_once([',', '.']).unwrap_or((t, "0"));
    !int.is_empty()
        && int.bytes().all(|c| c.is_ascii_digit())
        && !frac.is_empty()
        && frac.bytes().all(|c| c.is_ascii_digit())
}

/// A cell for every column: the cells in printed order.
fn printed_order(cells: usize, n: usize) -> Option<Vec<usize>> {
    (cells == n && n > 0).then(|| (0..n).collect())
}

/// The assignment of distinct, increasing columns below `n` that moves no
/// cell further than one column from `by_position` and, of those, the
/// fewest cells: when it is the only one.
fn sole_reading(by_position: &[usize], n: usize) -> Option<Vec<usize>> {
    /// More cells than this are no row of an indicator table: the readings
    /// are not searched (at most three choices per cell).
    const MAX_CELLS: usize = 12;
    if by_position.len() > n || by_position.len() > MAX_CELLS {
        return None;
    }
    let mut best: Option<(usize, Vec<usize>)> = None;
    let mut tied = false;
    let mut current: Vec<usize> = Vec::with_capacity(by_position.len());
    let mut visit = |reading: &[usize]| {
        let moved = reading
            .iter()
            .zip(by_position)
            .filter(|(a, b)| a != b)
            .count();
        match &best {
            Some((m, _)) if *m < moved => {}
            Some((m, _)) if *m == moved => tied = true,
            _ => {
                best = Some((moved, reading.to_vec()));
                tied = false;
            }
        }
    };
    search(by_position, n, &mut current, &mut visit);
    if tied { None } else { best.map(|(_, r)| r) }
}

/// Every reading of `by_position` with each cell at most one column off,
/// in distinct increasing columns below `n` (at most 3^cells: a line has
/// few value cells).
fn search(
    by_position: &[usize],
    n: usize,
    current: &mut Vec<usize>,
    visit: &mut dyn FnMut(&[usize]),
) {
    let Some(&at) = by_position.get(current.len()) else {
        visit(current);
        return;
    };
    for c in at.saturating_sub(1)..=(at + 1).min(n.saturating_sub(1)) {
        if current.last().is_none_or(|&last| c > last) {
            current.push(c);
            search(by_position, n, current, visit);
            current.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testdoc::read_cells as cells;
    use super::*;

    fn some(v: &[&str]) -> Vec<Option<String>> {
        v.iter()
            .map(|t| (!t.is_empty()).then(|| t.to_string()))
            .collect()
    }

    #[test]
    fn readings_of_crowded_positions() {
        assert_eq!(printed_order(4, 4), Some(vec![0, 1, 2, 3]));
        assert_eq!(printed_order(2, 4), None);
        // Two cells in the first of four columns: the second moves on.
        assert_eq!(sole_reading(&[0, 0], 4), Some(vec![0, 1]));
        // Two in the second: either could move, no sole reading.
        assert_eq!(sole_reading(&[1, 1], 4), None);
        assert_eq!(sole_reading(&[3, 3], 4), Some(vec![2, 3]));
        // The cell that shares no column stays.
        assert_eq!(sole_reading(&[0, 0, 2], 4), Some(vec![0, 1, 2]));
        // More cells than columns: no reading, and none searched.
        assert_eq!(sole_reading(&[0; 40], 30), None);
        assert!(whole_number("47%") && whole_number("−4,5") && !whole_number("st"));
        assert!(!whole_number("4,") && !whole_number("%"));
    }

    #[test]
    fn values_spread_wider_than_a_squeezed_header() {
        // The header's years stand single-spaced; the values of the row
        // below are spread wider, so that by position "10 st" and "11"
        // share the last column and the first stays empty.
        let got = cells(
            "
  Målområde: Trygghet
Kommunövergripande           Nämndmål         Nämndindikator 2021 2022 Målvärde Målvärde
mål                                                                      2023    2024
Alla ska ha en trygg         Tillsynen ska  Handläggningstid         12    14,5    11 st      10
vardag                       vara snabb     tillsyn, dagar
                             och effektiv.  (median)
                                            Andel                   61% 64%       Ska öka    Öka
                                              ärenden
                                              inom tid, %

  Målområde: Ekonomi
",
        );
        assert_eq!(got.first(), Some(&some(&["12", "14,5", "11 st", "10"])));
        // Two values squeezed one space apart are two cells.
        assert_eq!(got.get(1), Some(&some(&["61%", "64%", "Ska öka", "Öka"])));
    }

    #[test]
    fn a_percentage_one_space_after_the_indicator_text() {
        // pdftotext set "71 %" and "12%" one space after the indicator
        // text, beyond where the indicator text ends on the other lines; a
        // label ending in a bare year keeps it.
        let got = cells(
            "
Målområde       Nämndmål            Nämndindikator               2023   2024    Målvärde Målvärde
                                                                                 2025     2026
Samhälle                            Energianvändning i           7432 Saknas      7100       6900
                                    kommunala lokaler, kWh
                                    per kvm
                Utsläppen
                                    Andel fossilfria fordon i 71 %  Nytt        Ska öka    Minst 75 %
                ska minska.
                                    kommunens fordonsflotta,       mätetal
                                    %
Medborgare      Trafiksystemet      Antal gång- och              I.U.   11,2      10 st       9
                ska vara säkert     cykelolyckor med
                och tillgängligt.   personskada
Ekonomi         Effektivt         Lokalernas andel av totala 12%         9%     Ska inte    Ska inte
                lokalutnyttjande. kostnaden                                       öka         öka
Verksamhet      Måltiderna ska     Andel ekologiska              64%    66 %    Ska öka       Öka
                vara goda.         livsmedel, %
                                    Resor jämfört med år 2019        12     14        Öka       Öka
",
        );
        assert_eq!(
            got.get(1),
            Some(&some(&["71 %", "Nytt mätetal", "Ska öka", "Minst 75 %"])),
            "{got:?}"
        );
        assert_eq!(
            got.get(3),
            Some(&some(&["12%", "9%", "Ska inte öka", "Ska inte öka"])),
            "{got:?}"
        );
        assert_eq!(
            got.get(5),
            Some(&some(&["12", "14", "Öka", "Öka"])),
            "{got:?}"
        );
    }

    #[test]
    fn a_short_row_drifted_left_of_its_repeated_header() {
        // The rows under a header repeated on the next page drift left of
        // it: both outcomes fall under the first year by position.
        let got = cells(
            "
  Målområde: Arbetsgivare
Kommunövergripande Nämndmål                Nämndindikator                 2021       2022   Målvärde Målvärde
mål                                                                                           2023    2024
Kommunen är en god           Goda          Total sjukfrånvaro, %          6,1         5,9      5,5      5,0
arbetsgivare                 arbetsplatser Män                            4,2         4,0          -     -
\x0cKommunövergripande Nämndmål                Nämndindikator                2021         2022     Målvärde Målvärde
mål                                                                                              2023    2024
                            Varje          Kvinnor                    7,0      6,8
                            medarbetare Andel                        88,0     89,5                 90,0     92,0
                            trivs          heltider, %
                                           Män                       70,2     71,0
                                           Kvinnor                   100      80,4                  -
                                           Chefindex                      61           59          Öka      Öka
",
        );
        assert_eq!(got.get(2), Some(&some(&["7,0", "6,8", "", ""])), "{got:?}");
        assert_eq!(
            got.get(3),
            Some(&some(&["88,0", "89,5", "90,0", "92,0"])),
            "{got:?}"
        );
        assert_eq!(
            got.get(4),
            Some(&some(&["70,2", "71,0", "", ""])),
            "{got:?}"
        );
        // The dash keeps its column: only the crowded cell moves.
        assert_eq!(
            got.get(5),
            Some(&some(&["100", "80,4", "-", ""])),
            "{got:?}"
        );
    }
}
