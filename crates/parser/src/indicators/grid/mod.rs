//! Geometric reading of indicator tables: words sorted into label and
//! value columns by position, lines grouped into rows, merged goal cells
//! read as blocks.

mod cells;
mod goals;
mod layout;
mod pitch;
mod reseat;
mod rows;
mod slots;
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
    // The end of the table first: the layout needs its words.
    let end = table_end(lines, h, kind, deadline);
    let slot_lines = slots::slot_lines(lines, h, end, kind, deadline);
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
    let label_roles: Vec<LabelRole> = label_columns(h).iter().map(|l| l.0).collect();
    let rows = cells::indicator_rows(
        &slot_lines,
        &groups,
        &cells::Frame {
            h,
            ctx,
            vocab,
            label_roles: &label_roles,
            pitch,
        },
    );
    let table = IndicatorTable {
        columns: h.columns.iter().map(|c| c.header.clone()).collect(),
        rows,
        origin: h.origin(lines),
    };
    (table, end)
}

/// The stream index after the table that header `h` starts: where running
/// text, a footnote, a heading, a bullet or another header (other than the
/// same header repeated at the top of the next page) ends it.
fn table_end(lines: &[StreamLine<'_>], h: &Header, kind: SourceKind, deadline: &Deadline) -> usize {
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
    end
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

/// Small `pdftotext -layout` documents read end to end, for the tests of
/// the grid's parts.
#[cfg(test)]
mod testdoc {
    /// One indicator row as read: committee goal, indicator, values.
    pub(super) type Read = (String, String, Vec<String>);

    /// A layout text export parsed.
    fn parsed(text: &str) -> crate::Parsed {
        let doc = internbudget_layout::text::read_text(text.as_bytes()).unwrap();
        crate::parse_document(&doc).unwrap()
    }

    /// The value cells of each indicator row of a layout text export, in
    /// their columns.
    pub(super) fn read_cells(text: &str) -> Vec<Vec<Option<String>>> {
        parsed(text)
            .indicator_tables
            .iter()
            .flat_map(|t| &t.rows)
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| c.as_ref().map(|c| c.text.clone()))
                    .collect()
            })
            .collect()
    }

    /// The indicator rows of a layout text export.
    pub(super) fn read_layout(text: &str) -> Vec<Read> {
        parsed(text)
            .indicator_tables
            .iter()
            .flat_map(|t| &t.rows)
            .map(|r| {
                let values = r.cells.iter().flatten().map(|c| c.text.clone()).collect();
                (
                    r.committee_goal.clone().unwrap_or_default(),
                    r.indicator.clone(),
                    values,
                )
            })
            .collect()
    }

    /// A row as expected.
    pub(super) fn row(goal: &str, indicator: &str, values: &[&str]) -> Read {
        (
            goal.to_string(),
            indicator.to_string(),
            values.iter().map(|v| v.to_string()).collect(),
        )
    }
}
