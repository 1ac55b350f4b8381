//! Tables across page breaks: the part of a layout text table on the next
//! page ([`page_continuation`]) and how its rows join ([`join_cut_label`]);
//! what tells a new table from a table going on (a title of its own waiting
//! at the previous page's bottom, [`titled_apart`]; text under a total,
//! [`below_total`]); and a footer row a browser repeats on every page
//! ([`drop_repeated_footers`]).

use super::{cells, has_amounts, rows};
use crate::header::{self, Header};
use crate::model::{Note, NoteKind, Table};
use crate::stream::StreamLine;
use crate::words;
use internbudget_layout::SourceKind;

/// The part of a layout text table on the page after `table`'s last row,
/// printed without a header (the reader stops at a page break there, see
/// `TableReader::read`): its first line is at or after `end`, on the next
/// page, and no header starts there. The header's columns with positions
/// of another page ([`Header::borrowed`]), its lines read from the first.
pub(super) fn page_continuation(
    lines: &[StreamLine<'_>],
    h: &Header,
    table: &Table,
    end: usize,
    kind: SourceKind,
) -> Option<Header> {
    if kind != SourceKind::PlainText || h.tabbed || !has_amounts(table) {
        return None;
    }
    let last_page = table.rows.last()?.origin.page;
    let (k, first) = lines
        .iter()
        .enumerate()
        .skip(end)
        .find(|(_, l)| !l.is_blank())?;
    if first.page != last_page + 1 || header::amount_header_at(lines, k).is_some() {
        return None;
    }
    let before = k.checked_sub(1)?;
    Some(Header {
        start: before,
        year_line: before,
        end: before,
        title: h.title.clone(),
        borrowed: true,
        ..h.clone()
    })
}

/// A group heading left alone at the bottom of a page the table goes on
/// after ("Nämnd B" above the header repeated on the next page): the one
/// line between the last line of amounts and the repeated header at `at`,
/// a short capitalised label without amounts that is no sentence. It heads
/// the rows of the next part, unless the reader kept it already.
pub(super) fn orphan_heading(
    lines: &[StreamLine<'_>],
    at: usize,
    rows: &[crate::model::Row],
    n: usize,
) -> Option<crate::model::Row> {
    let mut before = lines.get(..at)?.iter().rev().filter(|l| !l.is_blank());
    let (heading, above) = (before.next()?, before.next()?);
    let text = heading.line.text();
    let words = heading.line.words.len();
    let capital = text.chars().next().is_some_and(char::is_uppercase);
    let plain = heading
        .line
        .words
        .iter()
        .all(|w| !cells::value_like(&w.text) && crate::number::year(&w.text).is_none());
    let kept = rows.last().is_some_and(|r| r.label == text);
    (is_amount_line(above)
        && Some(heading.page) != lines.get(at).map(|l| l.page)
        && (1..=8).contains(&words)
        && capital
        && plain
        && !text.trim_end().ends_with(['.', ':'])
        && !kept)
        .then(|| crate::model::Row {
            label: text,
            values: crate::model::RowValues::Placed(vec![None; n]),
            note: None,
            origin: heading.origin(),
            ambiguous: false,
            cut_chosen: false,
        })
}

/// Appends the rows of a table's part on the next page. A first row there
/// without amounts whose label starts in lower case carries on the label of
/// the row the page break cut ("Tillfällig förstärkning" / "av
/// resursfördelning till skolor"): it is joined to that row.
pub(super) fn join_cut_label(rows: &mut Vec<crate::model::Row>, more: Vec<crate::model::Row>) {
    let mut more = more.into_iter().peekable();
    if let Some(first) = more.peek()
        && first.values.cells().iter().all(Option::is_none)
        && rows::starts_lowercase(&first.label)
        && let Some(last) = rows.last_mut()
        && let Some(cont) = more.next()
    {
        last.label = words::join_lines([last.label.as_str(), cont.label.as_str()], &|_| false);
        last.origin = last.origin.merge(&cont.origin);
    }
    rows.extend(more);
}

/// Whether the header at stream line `at`, first on its page, has a title
/// of its own waiting at the previous page's bottom: lines without amounts
/// after the last line of amounts there, the first of them set apart from
/// it by more than 1.2 times the usual step between lines of amounts (a
/// caption or heading of the next table, not a heading row of this one cut
/// off by the page break).
pub(super) fn titled_apart(lines: &[StreamLine<'_>], body: usize, at: usize) -> bool {
    let (Some(page), Some(last)) = (lines.get(at).map(|l| l.page), last_amount(lines, body, at))
    else {
        return false;
    };
    let y = |l: &StreamLine<'_>| l.line.words.first().map(|w| w.bbox.y1);
    let Some(prev) = lines.get(last).filter(|l| l.page + 1 == page) else {
        return false;
    };
    // The rows' step on that page.
    let first_on_page = lines
        .get(body..=last)
        .and_then(|ls| ls.iter().position(|l| l.page == prev.page))
        .map_or(last, |k| body + k);
    let Some(pitch) = row_pitch(lines, first_on_page..last + 1) else {
        return false;
    };
    // The waiting lines top to bottom after the last row: a step wider
    // than the rows' sets what follows apart.
    let chain: Vec<f32> = lines
        .get(last..at)
        .unwrap_or(&[])
        .iter()
        .filter(|l| !l.is_blank() && l.page == prev.page)
        .filter_map(y)
        .collect();
    chain.windows(2).any(|w| match w {
        [a, b] => b - a > pitch * 1.2,
        _ => false,
    })
}

/// A footer row a browser prints again at the bottom of every page a table
/// runs over (an HTML `<tfoot>`): the last row before a page break with the
/// same label and the same amounts as the table's last row. It is not a row
/// of the table where it stands; dropped, with a note.
pub(super) fn drop_repeated_footers(rows: &mut Vec<crate::model::Row>, notes: &mut Vec<Note>) {
    let Some(last) = rows.last().cloned() else {
        return;
    };
    let same = |r: &crate::model::Row| {
        r.label == last.label
            && r.values.cells().len() == last.values.cells().len()
            && r.values
                .cells()
                .iter()
                .zip(last.values.cells())
                .all(|(a, b)| a.as_ref().map(|c| &c.text) == b.as_ref().map(|c| &c.text))
            && r.values.cells().iter().any(Option::is_some)
    };
    // The rows standing last on a page the table goes on after.
    let repeated: Vec<usize> = rows
        .windows(2)
        .enumerate()
        .filter_map(|(k, w)| match w {
            [r, next] if next.origin.page > r.origin.page && same(r) => Some(k),
            _ => None,
        })
        .collect();
    for &k in repeated.iter().rev() {
        if k + 1 < rows.len() {
            let r = rows.remove(k);
            notes.push(Note {
                kind: NoteKind::AmountDropped,
                message: format!(
                    "the row \"{}\" at the bottom of page {} repeats the table's last row (a footer printed on every page); left out",
                    r.label, r.origin.page
                ),
                origin: r.origin,
            });
        }
    }
}

/// The part read on the next page is text under the table, not more of
/// it: the table ended on a total ("Summa …", "Totalt", "Årets …") and the
/// part's first row with amounts fills fewer than half of three or more
/// columns under a label of several words (a page footer's address with
/// its postcode), as `TableReader::past_total` judges within a page.
pub(super) fn below_total(table: &Table, more: &Table) -> bool {
    let with_amounts = |r: &&crate::model::Row| r.values.cells().iter().any(Option::is_some);
    let ends_on_total = table
        .rows
        .iter()
        .rev()
        .find(with_amounts)
        .is_some_and(|r| rows::is_total_label(&r.label));
    more.rows.iter().find(with_amounts).is_some_and(|first| {
        let filled = first.values.cells().iter().filter(|c| c.is_some()).count();
        ends_on_total && rows::footer_like(&first.label, filled, table.columns.len())
    })
}

/// A line of amounts: its last word a value, not a year.
fn is_amount_line(l: &StreamLine<'_>) -> bool {
    l.line
        .words
        .last()
        .is_some_and(|w| cells::value_like(&w.text) && crate::number::year(&w.text).is_none())
}

/// The rows' pitch: the median baseline step between consecutive lines of
/// amounts on one page among the stream lines `range`.
pub(super) fn row_pitch(lines: &[StreamLine<'_>], range: std::ops::Range<usize>) -> Option<f32> {
    let amount: Vec<&StreamLine<'_>> = lines
        .get(range.start..range.end.min(lines.len()))?
        .iter()
        .filter(|l| is_amount_line(l))
        .collect();
    let mut steps: Vec<f32> = amount
        .windows(2)
        .filter_map(|w| match w {
            [a, b] if a.page == b.page => {
                let d = b.line.words.first()?.bbox.y1 - a.line.words.first()?.bbox.y1;
                (d > 0.0).then_some(d)
            }
            _ => None,
        })
        .collect();
    steps.sort_by(f32::total_cmp);
    steps.get(steps.len() / 2).copied()
}

/// The stream index of the last line of amounts among `lines[body..at]`.
fn last_amount(lines: &[StreamLine<'_>], body: usize, at: usize) -> Option<usize> {
    let k = lines.get(body..at)?.iter().rposition(is_amount_line)?;
    Some(body + k)
}

/// The baseline of the last line of amounts among `lines[body..at]`.
pub(super) fn last_amount_y(
    lines: &[StreamLine<'_>],
    body: usize,
    at: usize,
) -> Option<(u32, f32)> {
    let l = lines.get(last_amount(lines, body, at)?)?;
    Some((l.page, l.line.words.first()?.bbox.y1))
}

#[cfg(test)]
mod tests {
    use crate::model::Table;
    use internbudget_layout::text::read_text;

    /// The amount tables of a layout text export.
    fn tables(text: &str) -> Vec<Table> {
        let doc = read_text(text.as_bytes()).unwrap();
        crate::parse_document(&doc)
            .map(|p| p.tables)
            .unwrap_or_default()
    }

    fn labels(t: &Table) -> Vec<&str> {
        t.rows.iter().map(|r| r.label.as_str()).collect()
    }

    #[test]
    fn a_caption_waiting_at_a_page_bottom_starts_a_new_table() {
        // The next statement's caption stands at the page bottom, set
        // apart from the last row by more than the rows' step; its header
        // (the same columns) opens the next page.
        let t = tables(
            "
Resultaträkning
                       Mnkr    Utfall    Budget      Plan
                                 2024      2025      2026

Intäkter                          100       110       120

Kostnader                        -90       -95      -100

Årets resultat                    10        15        20


Balansbudget
                            Balansräkning
\x0c                       Mnkr    Utfall    Budget      Plan
                                 2024      2025      2026

Anläggningstillgångar            500       510       520

Omsättningstillgångar            100       110       120

Summa tillgångar                 600       620       640
",
        );
        assert_eq!(
            t.len(),
            2,
            "{:?}",
            t.iter().map(|t| &t.title).collect::<Vec<_>>()
        );
        assert_eq!(
            labels(&t[1]),
            [
                "Anläggningstillgångar",
                "Omsättningstillgångar",
                "Summa tillgångar"
            ]
        );
    }

    #[test]
    fn a_group_heading_cut_off_by_a_page_break_goes_on() {
        // A heading row alone at a page bottom, at the rows' own step: the
        // table goes on under its repeated header.
        let t = tables(
            "
Driftbudget
                       Tkr     Budget    Budget      Plan
                                 2024      2025      2026

                             Nämnd A

Verksamhet 1                     100       110       120

Verksamhet 2                     200       210       220

                             Nämnd B
\x0c                       Tkr     Budget    Budget      Plan
                                 2024      2025      2026

Verksamhet 3                     300       310       320

Summa                            600       630       660
",
        );
        assert_eq!(t.len(), 1);
        assert_eq!(
            labels(&t[0]),
            [
                "Nämnd A",
                "Verksamhet 1",
                "Verksamhet 2",
                "Nämnd B",
                "Verksamhet 3",
                "Summa"
            ]
        );
    }

    #[test]
    fn a_heading_at_a_page_bottom_is_no_running_footer() {
        // "Kassaflödesanalys" ends a page and its caption starts the next:
        // text at a page's bottom is not the same furniture as text at a
        // page's top, so neither is dropped and the tables stay apart.
        let t = tables(
            "
Balansräkning
                       Mnkr    Utfall    Budget      Plan
                                 2024      2025      2026
Anläggningstillgångar            500       510       520
Summa tillgångar                 600       620       640

Kassaflödesanalys
\x0c                       Kassaflödesanalys
                       Mnkr    Utfall    Budget      Plan
                                 2024      2025      2026
Kassaflöde från verksamheten     300       310       320
Årets kassaflöde                 100       110       120

Senast uppdaterad 2025-12-16
\x0c",
        );
        assert_eq!(t.len(), 2);
        assert_eq!(
            labels(&t[1]),
            ["Kassaflöde från verksamheten", "Årets kassaflöde"]
        );
    }

    #[test]
    fn a_footer_row_repeated_at_a_page_bottom_is_left_out() {
        // A browser prints a table's <tfoot> at the bottom of every page.
        let t = tables(
            "
Driftbudget per nämnd
                     Tkr     Budget      Plan      Plan
                               2025      2026      2027
                           Nämnd A
Verksamhet 1                   100       110       120
Verksamhet 2                   200       210       220
    Summa nämnder              600       630       660
\x0c                     Tkr     Budget      Plan      Plan
                               2025      2026      2027
Verksamhet 3                   300       310       320
    Summa nämnder              600       630       660
",
        );
        assert_eq!(t.len(), 1);
        assert_eq!(
            labels(&t[0]),
            [
                "Nämnd A",
                "Verksamhet 1",
                "Verksamhet 2",
                "Verksamhet 3",
                "Summa nämnder"
            ]
        );
    }

    #[test]
    fn a_footer_on_the_page_after_the_total_is_no_row() {
        let t = tables(
            "
Driftbudget per nämnd
                     Mnkr    Bokslut    Budget    Budget      Plan      Plan
                               2024       2025      2026      2027      2028
Räddningstjänst                993,97   1 018,33  1 068,57  1 102,24  1 106,32
Kollektivtrafik                  5,55       5,85      6,19      5,86      6,24
    Summa nettokostnad         999,52   1 024,18  1 074,76  1 108,10  1 112,56
\x0cBeloppen är nettokostnader i miljoner kronor.

Strängnäs kommun, 856 29

Senast uppdaterad 2025-12-26
",
        );
        assert_eq!(t.len(), 1);
        assert_eq!(labels(&t[0]).last(), Some(&"Summa nettokostnad"));
        assert_eq!(t[0].rows.len(), 3);
    }

    #[test]
    fn a_long_heading_between_rows_does_not_end_the_table() {
        // A heading cell spanning the columns, longer than running text's
        // six words, at the rows' step and with a row right below it.
        let t = tables(
            "
Driftbudget per nämnd
                                  Budget      Budget      Plan
              (tkr)
                                    2023        2024      2025
                          Krisledningsnämnden
Särskilt boende                     -580        -578      -565
Nämnden för arbetsmarknad, vuxenutbildning och integration i samverkan med grannkommunerna
Elevhälsa                          4 615       4 453     4 395
Summa                              4 035       3 875     3 830
",
        );
        assert_eq!(t.len(), 1);
        assert_eq!(
            labels(&t[0]),
            [
                "Krisledningsnämnden",
                "Särskilt boende",
                "Nämnden för arbetsmarknad, vuxenutbildning och integration i samverkan med grannkommunerna",
                "Elevhälsa",
                "Summa"
            ]
        );
    }
}
