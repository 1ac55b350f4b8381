//! Indicator tables in text exports that lost their layout.
//!
//! Such exports print a table cell by cell in reading order: the lines of the
//! indicator cell, then each value cell's lines; cells whose first lines share
//! a baseline come out joined on one line ("74 st I.U. 81 st 90 st"); a
//! merged goal cell comes out once, somewhere among the rows it covers.
//! Words too long for a narrow cell are broken ("signifi" / "kanta").
//!
//! The lines are cut into pieces (text, a value such as "88 %" or "I.U.", a
//! qualifier such as "(UAF)" or "%", a group label such as "AMC:"), and a
//! dynamic programme assigns every piece to a cell of the repeating row
//! pattern `[goal] indicator value₁ … valueₙ`, minimising a cost that says
//! how plausible each piece is as the start or the continuation of each kind
//! of cell. Structure does the rest: every row has n value cells, pieces on
//! one line belong to different cells, and an empty line separates cells more
//! often than it separates lines of one cell.

use crate::header::Header;
use crate::indicators::{Context, LabelRole, Vocabulary, ends_table, make_row};
use crate::model::{Cell, IndicatorRow, IndicatorTable, Note, Origin};
use crate::stream::StreamLine;
use internbudget_layout::Deadline;

mod assign;
mod pieces;
#[cfg(test)]
mod tests;

use assign::{GOAL, IND, assign, is_note};
use pieces::{Kind, Piece, pieces};

#[derive(Debug, Default, Clone)]
struct FlowRow {
    goal: Vec<usize>,
    indicator: Vec<usize>,
    values: Vec<Vec<usize>>,
}

/// Reads one flowed indicator table; returns it and the stream index after
/// it. Phases: the section under the header ([`section_end`]), its pieces
/// assigned to cells ([`assign`]) and gathered into rows ([`rows_of`]),
/// goals given to rows ([`assign_goals`]), and the rows made
/// ([`indicator_rows`]).
pub fn read_indicators(
    lines: &[StreamLine<'_>],
    h: &Header,
    ctx: &Context,
    vocab: &Vocabulary,
    notes: &mut Vec<Note>,
    deadline: &Deadline,
) -> (IndicatorTable, usize) {
    let n = h.columns.len();
    let start = h.end + 1;
    let end = section_end(lines, start, deadline);
    let section = lines.get(start..end).unwrap_or(&[]);
    let ps = pieces(section);
    let rows = rows_of(&assign(&ps, n), &ps, n);
    let goals = assign_goals(&rows, &ps, section, vocab);
    let out_rows = indicator_rows(&rows, &goals, &ps, ctx, vocab);
    if !out_rows.is_empty() {
        notes.push(Note {
            kind: crate::model::NoteKind::IndicatorLayoutLost,
            message: format!(
                "the indicator table under \"{}\" lost its layout in this export; its {} rows were read as a sequence of cells",
                ctx.municipal_goal.as_deref().or(ctx.goal_area.as_deref()).unwrap_or("its heading"),
                out_rows.len()
            ),
            origin: h.origin(lines),
        });
    }
    let table = IndicatorTable {
        columns: h.columns.iter().map(|c| c.header.clone()).collect(),
        rows: out_rows,
        origin: h.origin(lines),
    };
    (table, end)
}

/// Where the section from `start` ends: at a context line, footnote,
/// header, bullet or prose.
fn section_end(lines: &[StreamLine<'_>], start: usize, deadline: &Deadline) -> usize {
    let mut end = start;
    while let Some(l) = lines.get(end) {
        if deadline.passed() {
            break;
        }
        if !l.is_blank() {
            let text = l.line.text();
            let t = text.trim();
            if ends_table(t)
                || t.starts_with('•')
                || (t.chars().count() > 70 && t.split_whitespace().count() >= 8)
                || crate::header::header_at(lines, end).is_some()
            {
                break;
            }
        }
        end += 1;
    }
    end
}

/// The rows the assignment (row, cell kind per piece) makes, stacked rows
/// split, trailing rows without values (text after the table) dropped.
fn rows_of(assigned: &[(usize, usize)], ps: &[Piece], n: usize) -> Vec<FlowRow> {
    let rows_count = assigned.last().map_or(0, |a| a.0 + 1);
    let mut rows: Vec<FlowRow> = vec![
        FlowRow {
            values: vec![Vec::new(); n],
            ..FlowRow::default()
        };
        rows_count
    ];
    for (j, (r, s)) in assigned.iter().enumerate() {
        let Some(row) = rows.get_mut(*r) else {
            continue;
        };
        match *s {
            GOAL => row.goal.push(j),
            IND => row.indicator.push(j),
            v => {
                if let Some(cell) = row.values.get_mut(v - 2) {
                    cell.push(j);
                }
            }
        }
    }
    let mut rows = split_stacked(rows, ps);
    while rows
        .last()
        .is_some_and(|r| r.values.iter().all(Vec::is_empty))
    {
        rows.pop();
    }
    rows
}

/// The indicator rows: each row's indicator text, value cells and goal.
fn indicator_rows(
    rows: &[FlowRow],
    goals: &[Option<String>],
    ps: &[Piece],
    ctx: &Context,
    vocab: &Vocabulary,
) -> Vec<IndicatorRow> {
    let mut out_rows: Vec<IndicatorRow> = Vec::new();
    for (ri, r) in rows.iter().enumerate() {
        let indicator = value_text_of(&r.indicator, ps, vocab);
        let cells: Vec<Option<Cell>> = r
            .values
            .iter()
            .map(|idx| {
                if idx.is_empty() {
                    return None;
                }
                Some(Cell {
                    text: value_text_of(idx, ps, vocab),
                    origin: origin_of(idx, ps),
                })
            })
            .collect();
        let labels = vec![
            (LabelRole::Indicator, indicator),
            (
                LabelRole::CommitteeGoal,
                goals.get(ri).cloned().flatten().unwrap_or_default(),
            ),
        ];
        let all: Vec<usize> = r
            .goal
            .iter()
            .chain(&r.indicator)
            .chain(r.values.iter().flatten())
            .copied()
            .collect();
        out_rows.push(make_row(&labels, ctx, cells, origin_of(&all, ps)));
    }
    out_rows
}

/// Text of a cell: pieces of one line joined by spaces, lines joined with
/// broken words rejoined.
fn text_of(idx: &[usize], ps: &[Piece], _section: &[StreamLine<'_>], vocab: &Vocabulary) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut last_line: Option<usize> = None;
    for &j in idx {
        let Some(p) = ps.get(j) else { continue };
        match (last_line, lines.last_mut()) {
            (Some(l), Some(cur)) if l == p.line => {
                cur.push(' ');
                cur.push_str(&p.text);
            }
            _ => lines.push(p.text.clone()),
        }
        last_line = Some(p.line);
    }
    vocab.join(lines.iter().map(String::as_str))
}

/// Text of a value or indicator cell: like [`text_of`], with words broken
/// inside the cell rejoined by width.
fn value_text_of(idx: &[usize], ps: &[Piece], vocab: &Vocabulary) -> String {
    let mut lines: Vec<(String, f32)> = Vec::new();
    let mut last_line: Option<usize> = None;
    for &j in idx {
        let Some(p) = ps.get(j) else { continue };
        match (last_line, lines.last_mut()) {
            (Some(l), Some(cur)) if l == p.line => {
                cur.0.push(' ');
                cur.0.push_str(&p.text);
                cur.1 = cur.0.chars().count() as f32;
            }
            _ => lines.push((p.text.clone(), p.text.chars().count() as f32)),
        }
        last_line = Some(p.line);
    }
    vocab.join_narrow(&lines)
}

fn origin_of(idx: &[usize], ps: &[Piece]) -> Origin {
    idx.iter()
        .filter_map(|&j| ps.get(j).map(|p| p.origin))
        .reduce(|a, b| a.merge(&b))
        .unwrap_or_default()
}

/// Two indicators printed in one cell with their values stacked in each value
/// cell ("Antal …; / Antal barn …" over "14449 / 2691", "I.U / I.U." …) are
/// split into two rows when every value cell holds as many values as the
/// indicator cell holds paragraphs.
fn split_stacked(rows: Vec<FlowRow>, ps: &[Piece]) -> Vec<FlowRow> {
    let mut out = Vec::new();
    for r in rows {
        // Paragraphs: indicator pieces starting a line after an empty line, capitalised.
        let mut paras: Vec<Vec<usize>> = Vec::new();
        for &j in &r.indicator {
            let Some(p) = ps.get(j) else { continue };
            if paras.is_empty()
                || (!p.joined && p.empty_before > 0 && p.upper() && !is_note(&p.text))
            {
                paras.push(vec![j]);
            } else if let Some(last) = paras.last_mut() {
                last.push(j);
            }
        }
        let k = paras.len();
        let stacked = k >= 2
            && r.values.iter().all(|cell| {
                cell.iter()
                    .filter(|&&j| ps.get(j).is_some_and(|p| p.kind == Kind::Value))
                    .count()
                    == k
                    && cell
                        .iter()
                        .all(|&j| ps.get(j).is_some_and(|p| p.kind == Kind::Value))
            });
        if !stacked {
            out.push(r);
            continue;
        }
        for (pi, para) in paras.into_iter().enumerate() {
            out.push(FlowRow {
                goal: if pi == 0 { r.goal.clone() } else { Vec::new() },
                indicator: para,
                values: r
                    .values
                    .iter()
                    .map(|cell| cell.get(pi).map(|&j| vec![j]).unwrap_or_default())
                    .collect(),
            });
        }
    }
    out
}

/// Committee goals. A merged goal cell is printed once, at the vertical middle
/// of the rows it covers; rows take the goal whose printed position best
/// matches the middle of a span they can belong to. Row heights are their
/// line counts.
fn assign_goals(
    rows: &[FlowRow],
    ps: &[Piece],
    section: &[StreamLine<'_>],
    vocab: &Vocabulary,
) -> Vec<Option<String>> {
    let goals: Vec<(usize, String)> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.goal.is_empty())
        .map(|(i, r)| (i, text_of(&r.goal, ps, section, vocab)))
        .collect();
    let mut out = vec![None; rows.len()];
    if goals.is_empty() {
        return out;
    }
    // Height of each row: lines of its tallest cell.
    let heights: Vec<f32> = rows
        .iter()
        .map(|r| {
            let count = |idx: &[usize]| {
                let mut ls: Vec<usize> = idx
                    .iter()
                    .filter_map(|&j| ps.get(j).map(|p| p.line))
                    .collect();
                ls.dedup();
                ls.len()
            };
            let tallest = r
                .values
                .iter()
                .map(|c| count(c))
                .chain([count(&r.indicator)])
                .max()
                .unwrap_or(1);
            tallest.max(1) as f32
        })
        .collect();
    let cum = |r: usize| heights.iter().take(r).sum::<f32>();
    // Spans: the first goal starts at row 0, the last ends at the last row;
    // each boundary between two goals is chosen so that both goals sit at
    // the middle of their spans.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut span_start = 0usize;
    for (gi, (g_row, _)) in goals.iter().enumerate() {
        let end = match goals.get(gi + 1) {
            None => rows.len().saturating_sub(1),
            Some((next_row, _)) => {
                let next_end = goals
                    .get(gi + 2)
                    .map_or(rows.len().saturating_sub(1), |g| g.0.saturating_sub(1));
                let mut best = (f32::INFINITY, *g_row);
                for e in *g_row..*next_row {
                    let mid_a = (cum(span_start) + cum(e + 1)) / 2.0;
                    let mid_b = (cum(e + 1) + cum(next_end + 1)) / 2.0;
                    let d = (mid_a - cum(*g_row)).abs() + (mid_b - cum(*next_row)).abs();
                    if d < best.0 {
                        best = (d, e);
                    }
                }
                best.1
            }
        };
        spans.push((span_start, end));
        span_start = end + 1;
    }
    for ((_, text), (a, b)) in goals.iter().zip(spans) {
        for r in a..=b {
            if let Some(slot) = out.get_mut(r) {
                *slot = Some(text.clone());
            }
        }
    }
    out
}
