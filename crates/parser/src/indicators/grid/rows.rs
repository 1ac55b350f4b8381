//! Lines grouped into indicator rows: PDF rows by vertical gaps.

use super::*;

/// Groups lines into rows: tab rows one per line; PDF rows by vertical
/// gaps (a gap wider than the line pitch inside cells starts a row);
/// text rows at blank lines and at lines whose indicator cell starts a
/// sentence while value cells start too.
pub(super) fn row_groups(lines: &[SlotLine<'_>], kind: SourceKind, pitch: f32) -> Vec<Vec<usize>> {
    let bearing = |l: &SlotLine<'_>| {
        l.has(|s| matches!(s, Slot::Value(_)) || s == Slot::Label(LabelRole::Indicator))
    };
    let mut groups: Vec<Vec<usize>> = Vec::new();
    if kind == SourceKind::Pdf {
        let idx: Vec<usize> = (0..lines.len())
            .filter(|&i| lines.get(i).is_some_and(bearing))
            .collect();
        let tops: Vec<(u32, f32, f32)> = idx
            .iter()
            .filter_map(|&i| lines.get(i))
            .map(|l| {
                let b = l.line.bbox();
                (l.page, b.y1, b.height())
            })
            .collect();
        let pitch = if pitch > 0.0 { pitch } else { 12.0 };
        let mut prev: Option<(u32, f32)> = None;
        for (k, &i) in idx.iter().enumerate() {
            let (page, y, height) = tops.get(k).copied().unwrap_or((0, 0.0, 0.0));
            let new_row = match prev {
                None => true,
                Some((p, py)) => {
                    p != page
                        || (y - py > pitch * 1.1 + 0.5
                            && !(y - py <= height.max(1.0) * 3.2
                                && continues_cells(lines, groups.last(), i)))
                }
            };
            if new_row {
                groups.push(vec![i]);
            } else if let Some(g) = groups.last_mut() {
                g.push(i);
            }
            prev = Some((page, y));
        }
        // Lines holding only goal text stay outside the rows; they are
        // read as blocks.
        join_page_tails(lines, &mut groups);
    } else {
        // Runs of lines between blank lines, each cut into rows around
        // the lines that carry its values.
        let mut run: Vec<usize> = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            if l.slots.is_empty() {
                groups.extend(super::text_rows::text_rows(lines, &run));
                run.clear();
                continue;
            }
            if bearing(l) || !run.is_empty() {
                run.push(i);
            }
        }
        groups.extend(super::text_rows::text_rows(lines, &run));
    }
    groups
}

/// Rows cut by a page break made whole again: the first row on a page
/// whose indicator text goes on with the last row of the page before —
/// it starts in lowercase, or the text above ends no sentence — and whose
/// first line holds no values is the rest of that row, unless both parts
/// hold values (then each is a row). The values of a row cut so stand on
/// either part: Word centres a cell's text in the part on each page.
fn join_page_tails(lines: &[SlotLine<'_>], groups: &mut Vec<Vec<usize>>) {
    let mut out: Vec<Vec<usize>> = Vec::with_capacity(groups.len());
    for g in groups.drain(..) {
        match out.last_mut() {
            Some(prev) if is_page_tail(lines, prev, &g) => prev.extend(g),
            _ => out.push(g),
        }
    }
    *groups = out;
}

/// Whether row `g`, the first on its page, is the rest of row `prev` cut
/// by the page break (see [`join_page_tails`]).
fn is_page_tail(lines: &[SlotLine<'_>], prev: &[usize], g: &[usize]) -> bool {
    let member = |i: &usize| lines.get(*i);
    let (Some(last), Some(first)) = (prev.last().and_then(member), g.first().and_then(member))
    else {
        return false;
    };
    let has_values = |rows: &[usize]| {
        rows.iter()
            .filter_map(member)
            .any(|l| l.has(|s| matches!(s, Slot::Value(_))))
    };
    let ind = Slot::Label(LabelRole::Indicator);
    let head = first.text_of(ind);
    let above = prev
        .iter()
        .filter_map(member)
        .map(|l| l.text_of(ind))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let goes_on = head.chars().next().is_some_and(char::is_lowercase)
        || (!above.is_empty() && !ends_sentence(&above));
    first.page > last.page
        && !head.is_empty()
        && !first.has(|s| matches!(s, Slot::Value(_)))
        && goes_on
        && !(has_values(prev) && has_values(g))
}

/// The text ends a sentence: a full stop, question or exclamation mark or
/// closing parenthesis, and no word that leaves it open ("och", "per").
fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with(['.', '?', '!', ')']) && !crate::table::label_unfinished(t)
}

/// Whether line `i` only goes on with the cells of the row `row` above it,
/// although set a row's step below (rows printed at a wide spacing): its
/// indicator text, if any, goes on in lowercase ("medarbetarengagemang
/// (HME)"), and each of its value cells goes on a cell left open above
/// ("77 (Hela" | "kommunen" | "2021)").
fn continues_cells(lines: &[SlotLine<'_>], row: Option<&Vec<usize>>, i: usize) -> bool {
    let (Some(row), Some(l)) = (row, lines.get(i)) else {
        return false;
    };
    let indicator = l.text_of(Slot::Label(LabelRole::Indicator));
    if indicator.chars().next().is_some_and(|c| !c.is_lowercase()) {
        return false;
    }
    let values: Vec<usize> = l
        .slots
        .iter()
        .filter_map(|(s, _)| match s {
            Slot::Value(v) => Some(*v),
            _ => None,
        })
        .collect();
    !values.is_empty()
        && values.iter().all(|&v| {
            let above: String = row
                .iter()
                .filter_map(|&r| lines.get(r))
                .map(|r| r.text_of(Slot::Value(v)))
                .collect::<Vec<_>>()
                .join(" ");
            above.matches('(').count() > above.matches(')').count()
        })
}

#[cfg(test)]
mod tests {
    use crate::testdoc::{SIZE, TestPage, pdf};

    /// A line of cells `(left x, text)`, each cell's words one space apart.
    fn cells<'a>(cells: &[(f32, &'a str)]) -> Vec<(f32, &'a str)> {
        let mut out = Vec::new();
        for (x, text) in cells {
            let mut at = *x;
            for w in text.split_whitespace() {
                out.push((at, w));
                at += (w.chars().count() as f32 + 0.5) * SIZE * 0.5;
            }
        }
        out
    }

    const HEADER: [(f32, &str); 5] = [
        (40.0, "Nämndmål"),
        (150.0, "Nämndindikator"),
        (320.0, "2018"),
        (380.0, "2019"),
        (440.0, "2020"),
    ];

    /// Words `(left x, text)` of one line.
    type Words<'a> = Vec<(f32, &'a str)>;
    /// A page: lines `(baseline y, cells)`.
    type CellPage<'a> = Vec<(f32, Words<'a>)>;

    /// The indicators and their values of a document of pages of lines
    /// `(baseline y, cells)`.
    fn indicators(pages: &[CellPage<'_>]) -> Vec<(String, Vec<String>)> {
        let lines: Vec<CellPage<'_>> = pages
            .iter()
            .map(|p| p.iter().map(|(y, c)| (*y, cells(c))).collect())
            .collect();
        let refs: Vec<Vec<_>> = lines
            .iter()
            .map(|p| p.iter().map(|(y, w)| (*y, w.as_slice())).collect())
            .collect();
        let pages: Vec<TestPage<'_>> = refs.iter().map(Vec::as_slice).collect();
        let parsed = crate::parse_document(&pdf(&pages)).unwrap();
        parsed
            .indicator_tables
            .iter()
            .flat_map(|t| &t.rows)
            .map(|r| {
                let values = r.cells.iter().flatten().map(|c| c.text.clone()).collect();
                (r.indicator.clone(), values)
            })
            .collect()
    }

    fn row(indicator: &str, values: &[&str]) -> (String, Vec<String>) {
        (
            indicator.to_string(),
            values.iter().map(|v| v.to_string()).collect(),
        )
    }

    /// A row cut by a page break, its values on the part above the break
    /// (each part's text centred on its page): the rest on the next page,
    /// in lowercase and without values, is no row of its own.
    #[test]
    fn a_row_cut_by_a_page_break_keeps_its_tail() {
        let got = indicators(&[
            vec![
                (80.0, HEADER.to_vec()),
                (
                    110.0,
                    vec![
                        (40.0, "Alla ska lyckas."),
                        (150.0, "Antal besök per dag."),
                        (320.0, "41"),
                        (380.0, "42"),
                        (440.0, "50"),
                    ],
                ),
                (
                    140.0,
                    vec![
                        (150.0, "Andel elever i årskurs 9"),
                        (320.0, "81"),
                        (380.0, "82"),
                        (440.0, "90"),
                    ],
                ),
            ],
            vec![
                (80.0, HEADER.to_vec()),
                (110.0, vec![(150.0, "som är behöriga till")]),
                (122.0, vec![(150.0, "gymnasiet.")]),
                (
                    152.0,
                    vec![
                        (150.0, "Antal platser."),
                        (320.0, "12"),
                        (380.0, "14"),
                        (440.0, "16"),
                    ],
                ),
            ],
        ]);
        assert_eq!(
            got,
            [
                row("Antal besök per dag.", &["41", "42", "50"]),
                row(
                    "Andel elever i årskurs 9 som är behöriga till gymnasiet.",
                    &["81", "82", "90"]
                ),
                row("Antal platser.", &["12", "14", "16"]),
            ]
        );
    }

    /// The values of a row cut by a page break may stand on the part
    /// after the break, beside its lines and below its first.
    #[test]
    fn a_row_cut_by_a_page_break_with_its_values_after_it() {
        let got = indicators(&[
            vec![
                (80.0, HEADER.to_vec()),
                (
                    110.0,
                    vec![
                        (40.0, "Alla ska lyckas."),
                        (150.0, "Antal besök per dag."),
                        (320.0, "41"),
                        (380.0, "42"),
                        (440.0, "50"),
                    ],
                ),
                (140.0, vec![(150.0, "Andel elever i")]),
            ],
            vec![
                (80.0, HEADER.to_vec()),
                (110.0, vec![(150.0, "årskurs 9 som är")]),
                (
                    122.0,
                    vec![
                        (150.0, "behöriga."),
                        (320.0, "81"),
                        (380.0, "82"),
                        (440.0, "90"),
                    ],
                ),
                (134.0, vec![(150.0, "Mäts varje år.")]),
                (
                    164.0,
                    vec![
                        (150.0, "Antal platser."),
                        (320.0, "12"),
                        (380.0, "14"),
                        (440.0, "16"),
                    ],
                ),
            ],
        ]);
        assert_eq!(
            got,
            [
                row("Antal besök per dag.", &["41", "42", "50"]),
                row(
                    "Andel elever i årskurs 9 som är behöriga. Mäts varje år.",
                    &["81", "82", "90"]
                ),
                row("Antal platser.", &["12", "14", "16"]),
            ]
        );
    }
}
