//! Output rows from grouped lines: the indicator text and value cells of
//! each group, its goals (per row in tab sources, from the merged goal
//! blocks elsewhere) and goals carried down from the rows above.

use super::*;

/// What every row of one table is read with.
pub(super) struct Frame<'a> {
    pub(super) h: &'a Header,
    pub(super) ctx: &'a Context,
    pub(super) vocab: &'a Vocabulary,
    /// The label columns, left to right.
    pub(super) label_roles: &'a [LabelRole],
    /// The line pitch inside cells (0 for text sources).
    pub(super) pitch: f32,
}

/// The indicator rows of the groups of lines (`groups` index `lines`).
/// Groups with goal text alone are no rows; their goals carry down.
pub(super) fn indicator_rows(
    lines: &[SlotLine<'_>],
    groups: &[Vec<usize>],
    f: &Frame<'_>,
) -> Vec<IndicatorRow> {
    // Goal columns: per row in tab sources, blocks elsewhere.
    let merged: Vec<LabelRole> = f
        .label_roles
        .iter()
        .copied()
        .filter(|r| *r != LabelRole::Indicator)
        .collect();
    let block_goals = if f.h.tabbed {
        Vec::new()
    } else {
        goals::goal_blocks(lines, groups, &merged, f.vocab, f.pitch)
    };
    let mut rows: Vec<IndicatorRow> = Vec::new();
    let mut carried: Vec<(LabelRole, String)> = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let members: Vec<&SlotLine<'_>> = g.iter().filter_map(|&i| lines.get(i)).collect();
        let mut labels = if f.h.tabbed {
            let mut labels = tab_labels(&members, f);
            shift_ragged(&mut labels, f.label_roles);
            labels
        } else {
            block_labels(&members, gi, &merged, &block_goals, f.vocab)
        };
        let cells = value_cells(&members, f.h.columns.len(), f.vocab);
        let indicator = labels
            .iter()
            .find(|(r, _)| *r == LabelRole::Indicator)
            .map(|(_, t)| t.clone())
            .unwrap_or_default();
        if indicator.trim().is_empty() && cells.iter().all(Option::is_none) {
            // Goal text alone: it still updates the carried goals.
            for (r, t) in &labels {
                if !t.is_empty() {
                    carried.retain(|(cr, _)| cr != r);
                    carried.push((*r, t.clone()));
                }
            }
            continue;
        }
        carry_goals(&mut labels, &mut carried);
        let origin = members
            .iter()
            .map(|l| l.origin())
            .reduce(|a, b| if a.page == b.page { a.merge(&b) } else { a })
            .unwrap_or_default();
        rows.push(make_row(&labels, f.ctx, cells, origin));
    }
    rows
}

/// The label cells of a row of a tab-separated table: each column's lines.
fn tab_labels(members: &[&SlotLine<'_>], f: &Frame<'_>) -> Vec<(LabelRole, String)> {
    f.label_roles
        .iter()
        .map(|r| {
            let texts: Vec<String> = members.iter().map(|l| l.text_of(Slot::Label(*r))).collect();
            (*r, f.vocab.join(texts.iter().map(String::as_str)))
        })
        .collect()
}

/// The label cells of a row of a positioned table: its indicator text and
/// the text of the goal blocks covering row `gi`.
fn block_labels(
    members: &[&SlotLine<'_>],
    gi: usize,
    merged: &[LabelRole],
    block_goals: &[(LabelRole, Vec<usize>, String)],
    vocab: &Vocabulary,
) -> Vec<(LabelRole, String)> {
    let ind_slot = Slot::Label(LabelRole::Indicator);
    let ind_lines: Vec<(String, f32)> = members
        .iter()
        .map(|l| (l.text_of(ind_slot), l.width_of(ind_slot)))
        .filter(|(t, _)| !t.is_empty())
        .collect();
    let mut v = vec![(LabelRole::Indicator, vocab.join_narrow(&ind_lines))];
    for r in merged {
        let t = block_goals
            .iter()
            .find(|(role, rows, _)| role == r && rows.contains(&gi))
            .map(|(_, _, t)| t.clone())
            .unwrap_or_default();
        v.push((*r, t));
    }
    v
}

/// The `n` value cells of a row, each its lines joined (words broken in a
/// narrow cell rejoined), with where they were printed.
fn value_cells(members: &[&SlotLine<'_>], n: usize, vocab: &Vocabulary) -> Vec<Option<Cell>> {
    (0..n)
        .map(|c| {
            let slot = Slot::Value(c);
            let cell_lines: Vec<(String, f32)> = members
                .iter()
                .map(|l| (l.text_of(slot), l.width_of(slot)))
                .filter(|(t, _)| !t.is_empty())
                .collect();
            let text = vocab.join_narrow(&cell_lines);
            if text.trim().is_empty() {
                return None;
            }
            let origin = members
                .iter()
                .filter_map(|l| l.origin_of(slot))
                .reduce(|a, b| a.merge(&b))
                .unwrap_or_default();
            Some(Cell { text, origin })
        })
        .collect()
}

/// Goals carried down from merged cells: an empty goal cell takes the goal
/// last printed in its column; a goal area printed anew forgets the goals
/// under the previous one.
fn carry_goals(labels: &mut [(LabelRole, String)], carried: &mut Vec<(LabelRole, String)>) {
    for (r, t) in labels.iter_mut() {
        if *r == LabelRole::Indicator {
            continue;
        }
        if t.is_empty() {
            if let Some((_, c)) = carried.iter().find(|(cr, _)| cr == r) {
                t.clone_from(c);
            }
        } else {
            if *r == LabelRole::GoalArea {
                carried.retain(|(cr, _)| *cr == LabelRole::GoalArea);
            }
            carried.retain(|(cr, _)| cr != r);
            carried.push((*r, t.clone()));
        }
    }
}
