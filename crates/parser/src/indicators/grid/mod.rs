//! Geometric reading of indicator tables: words sorted into label and
//! value columns by position, lines grouped into rows, merged goal cells
//! read as blocks.

mod goals;
mod layout;
mod pitch;
mod rows;
mod text_rows;

use super::*;
use layout::groups_with;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    Label(LabelRole),
    Value(usize),
}

/// Words of one line, sorted into slots.
pub(super) struct SlotLine<'l> {
    page: u32,
    line: &'l internbudget_layout::Line,
    slots: Vec<(Slot, &'l Word)>,
}

impl SlotLine<'_> {
    fn has(&self, pred: impl Fn(Slot) -> bool) -> bool {
        self.slots.iter().any(|(s, _)| pred(*s))
    }
    fn text_of(&self, slot: Slot) -> String {
        self.slots
            .iter()
            .filter(|(s, _)| *s == slot)
            .map(|(_, w)| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
    fn width_of(&self, slot: Slot) -> f32 {
        let ws: Vec<&Word> = self
            .slots
            .iter()
            .filter(|(s, _)| *s == slot)
            .map(|(_, w)| *w)
            .collect();
        match (ws.first(), ws.last()) {
            (Some(a), Some(b)) => b.bbox.x1 - a.bbox.x0,
            _ => 0.0,
        }
    }
    fn origin(&self) -> Origin {
        Origin {
            page: self.page,
            line: self.line.source_line,
            line_end: None,
            bbox: self.line.source_line.is_none().then(|| self.line.bbox()),
            cell: crate::model::cell_of(&self.line.words),
        }
    }
    fn origin_of(&self, slot: Slot) -> Option<Origin> {
        let words: Vec<&Word> = self
            .slots
            .iter()
            .filter(|(s, _)| *s == slot)
            .map(|(_, w)| *w)
            .collect();
        let bbox = words.iter().map(|w| w.bbox).reduce(|a, b| a.union(&b))?;
        Some(Origin {
            page: self.page,
            line: self.line.source_line,
            line_end: None,
            bbox: self.line.source_line.is_none().then_some(bbox),
            cell: crate::model::cell_of(words.iter().copied()),
        })
    }
}

/// Reads one table; returns it and the stream index after it.
pub fn read(
    lines: &[StreamLine<'_>],
    h: &Header,
    ctx: &Context,
    vocab: &Vocabulary,
    kind: SourceKind,
    deadline: &Deadline,
) -> (IndicatorTable, usize) {
    // Find the end of the table first (the layout needs its words).
    let header_size = lines
        .get(h.start..=h.end)
        .unwrap_or(&[])
        .iter()
        .flat_map(|l| l.line.words.iter().map(|w| w.size))
        .fold(0.0f32, f32::max);
    let mut end = h.end + 1;
    let mut blanks = 0;
    while let Some(l) = lines.get(end) {
        if deadline.passed() {
            break;
        }
        if l.is_blank() {
            blanks += 1;
            if blanks > 3 || (kind == SourceKind::PlainText && blanks >= 2) {
                break;
            }
            end += 1;
            continue;
        }
        blanks = 0;
        let text = l.line.text();
        if ends_table(&text) || is_bullet(&text) {
            break;
        }
        if !h.tabbed && crosses_value_columns(l.line, h) {
            break;
        }
        if kind == SourceKind::Pdf && is_heading(l.line, header_size) {
            break;
        }
        if h.tabbed && l.line.tab_cells <= 1 {
            break;
        }
        if let Some(h2) = header::header_at(lines, end) {
            if h2.start == end
                && h2.indicator
                && h2.same_columns(h)
                && l.page != lines.get(end - 1).map_or(0, |p| p.page)
            {
                end = h2.end + 1;
                continue;
            }
            break;
        }
        end += 1;
    }
    let lay = layout::layout(lines, h, end);
    // Sort the words of each line into slots; skip repeated headers.
    let mut slot_lines: Vec<SlotLine<'_>> = Vec::new();
    let mut k = h.end + 1;
    while k < end && !deadline.passed() {
        let Some(l) = lines.get(k) else { break };
        if let Some(h2) = header::header_at(lines, k)
            && h2.start == k
        {
            k = h2.end + 1;
            continue;
        }
        if !l.is_blank() {
            let mut slots: Vec<(Slot, &Word)> = Vec::new();
            let mut prev: Option<(Option<Slot>, &Word)> = None;
            for w in &l.line.words {
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
                lay.pull_drifted_indicator(&mut slots);
            }
            slot_lines.push(SlotLine {
                page: l.page,
                line: l.line,
                slots,
            });
        } else if kind != SourceKind::Pdf {
            // Blank lines separate rows in text sources.
            slot_lines.push(SlotLine {
                page: l.page,
                line: l.line,
                slots: Vec::new(),
            });
        }
        k += 1;
    }
    let pitch = pitch::line_pitch(&slot_lines);
    let groups = if h.tabbed {
        slot_lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.slots.is_empty())
            .map(|(i, _)| vec![i])
            .collect()
    } else {
        rows::row_groups(&slot_lines, kind, pitch)
    };
    let n = h.columns.len();
    let label_roles: Vec<LabelRole> = lay.labels.iter().map(|l| l.0).collect();
    let mut rows: Vec<IndicatorRow> = Vec::new();
    // Goal columns: per row in tab sources, blocks elsewhere.
    let merged: Vec<LabelRole> = label_roles
        .iter()
        .copied()
        .filter(|r| *r != LabelRole::Indicator)
        .collect();
    let block_goals = if h.tabbed {
        Vec::new()
    } else {
        goals::goal_blocks(&slot_lines, &groups, &merged, vocab, pitch)
    };
    let mut carried: Vec<(LabelRole, String)> = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let members: Vec<&SlotLine<'_>> = g.iter().filter_map(|&i| slot_lines.get(i)).collect();
        let cell_text = |slot: Slot| -> String {
            vocab.join(
                members
                    .iter()
                    .map(|l| l.text_of(slot))
                    .collect::<Vec<_>>()
                    .iter()
                    .map(String::as_str),
            )
        };
        let mut labels: Vec<(LabelRole, String)> = if h.tabbed {
            label_roles
                .iter()
                .map(|r| (*r, cell_text(Slot::Label(*r))))
                .collect()
        } else {
            let ind_slot = Slot::Label(LabelRole::Indicator);
            let ind_lines: Vec<(String, f32)> = members
                .iter()
                .map(|l| (l.text_of(ind_slot), l.width_of(ind_slot)))
                .filter(|(t, _)| !t.is_empty())
                .collect();
            let mut v = vec![(LabelRole::Indicator, vocab.join_narrow(&ind_lines))];
            for r in &merged {
                let t = block_goals
                    .iter()
                    .find(|(role, rows, _)| role == r && rows.contains(&gi))
                    .map(|(_, _, t)| t.clone())
                    .unwrap_or_default();
                v.push((*r, t));
            }
            v
        };
        if h.tabbed {
            shift_ragged(&mut labels, &label_roles);
        }
        let cells: Vec<Option<Cell>> = (0..n)
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
            .collect();
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
        // Carry goals down from merged cells.
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
        let origin = members
            .iter()
            .map(|l| l.origin())
            .reduce(|a, b| if a.page == b.page { a.merge(&b) } else { a })
            .unwrap_or_default();
        rows.push(make_row(&labels, ctx, cells, origin));
    }
    let table = IndicatorTable {
        columns: h.columns.iter().map(|c| c.header.clone()).collect(),
        rows,
        origin: h.origin(lines),
    };
    (table, end)
}

/// In tab-separated rows with fewer leading cells than label columns
/// ("Nya vägar…\tExtern personalomsättning" under "Målområde\tNämndmål\tNämndindikator"),
/// the last filled label cell is the indicator: shift right.
fn shift_ragged(labels: &mut [(LabelRole, String)], roles: &[LabelRole]) {
    let ind = roles.iter().position(|r| *r == LabelRole::Indicator);
    let Some(ind) = ind else { return };
    if labels.get(ind).is_some_and(|(_, t)| !t.is_empty()) {
        return;
    }
    let filled: Vec<String> = labels
        .iter()
        .take(ind)
        .map(|(_, t)| t.clone())
        .filter(|t| !t.is_empty())
        .collect();
    if filled.is_empty() {
        return;
    }
    let texts: Vec<String> = labels.iter().map(|(_, t)| t.clone()).collect();
    let shift = ind
        - texts
            .iter()
            .take(ind)
            .rposition(|t| !t.is_empty())
            .unwrap_or(ind);
    for i in (0..=ind).rev() {
        let src = i
            .checked_sub(shift)
            .and_then(|s| texts.get(s))
            .cloned()
            .unwrap_or_default();
        if let Some(slot) = labels.get_mut(i) {
            slot.1 = src;
        }
    }
}
