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
