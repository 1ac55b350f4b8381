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
use crate::number;
use crate::stream::StreamLine;
use crate::words::{self, Lower};
use internbudget_layout::Deadline;

/// What a piece of a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Words.
    Text,
    /// A value: a number (with comparator, unit, footnote) or a marker (I.U.).
    Value,
    /// A qualifier that continues whatever cell it follows: "(UAF)", "%", "dagar".
    Qualifier,
    /// A group label before a value: "AMC:".
    Group,
}

#[derive(Debug, Clone)]
struct Piece {
    text: String,
    kind: Kind,
    /// Index of the source line in the section.
    line: usize,
    /// Not the first piece on its line.
    joined: bool,
    /// Empty lines right before (first piece of a line only).
    empty_before: usize,
    /// Whitespace-only lines right before.
    space_before: usize,
    /// True for a value that is a not-available marker.
    marker: bool,
    /// Printed inside parentheses opened by an earlier piece ("(Hela" /
    /// "UAF" / "feb" / "2020)"): it cannot start a cell.
    in_paren: bool,
    origin: Origin,
}

impl Piece {
    fn upper(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
    fn lower(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_lowercase)
    }
    fn width(&self) -> usize {
        self.text.chars().count()
    }
}

fn is_marker(w: &str) -> bool {
    let t = Lower::of(w.trim_end_matches(['*']));
    matches!(
        t.as_str(),
        "i.u." | "i.u" | "iu" | "iu." | "-" | "–" | "—" | "saknas" | "saknas." | "x"
    )
}

fn is_number_word(w: &str) -> bool {
    let t = w.trim_start_matches(['≥', '≤', '>', '<', '=']);
    let t = t.trim_end_matches(['*', '%', '.', ';']);
    let t = t.strip_prefix(|c: char| number::is_minus(c)).unwrap_or(t);
    !t.is_empty()
        && t.chars().next().is_some_and(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

fn is_unit_word(w: &str) -> bool {
    let t = Lower::of(w.trim_end_matches(['.', '*']));
    let t = t.trim_end_matches(|c: char| c.is_ascii_digit());
    matches!(
        t,
        "%" | "st"
            | "dagar"
            | "dag"
            | "mån"
            | "månader"
            | "år"
            | "personer"
            | "procent"
            | "kr"
            | "tkr"
            | "mnkr"
    )
}

fn is_paren(w: &str) -> bool {
    w.starts_with('(') || w.trim_end_matches(['.', ',', ';']).ends_with(')')
}

fn is_group_label(w: &str) -> bool {
    w.len() >= 3
        && w.ends_with(':')
        && w.trim_end_matches(':')
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn class(t: &str) -> Kind {
    if is_marker(t) || is_number_word(t) {
        Kind::Value
    } else if is_group_label(t) {
        Kind::Group
    } else if is_unit_word(t) || is_paren(t) {
        Kind::Qualifier
    } else {
        Kind::Text
    }
}

/// True when the pieces so far leave a parenthesis open (looking back over
/// the last few pieces only).
fn paren_open(pieces: &[Piece]) -> bool {
    let mut depth = 0i32;
    for p in pieces.iter().rev().take(8) {
        depth += p.text.matches(')').count() as i32;
        depth -= p.text.matches('(').count() as i32;
        if depth < 0 {
            return true;
        }
        if depth > 0 && p.text.contains('(') {
            return false;
        }
    }
    false
}

/// "Avvikelse" but not "AN", "UAF" or "E-handel".
fn starts_capital_word(t: &str) -> bool {
    let mut cs = t.chars();
    matches!((cs.next(), cs.next()), (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase())
}

/// Words that start an indicator (a measure), not a goal.
fn measure_word(text: &str) -> bool {
    let first = Lower::of(text.split_whitespace().next().unwrap_or(""));
    matches!(
        first.as_str(),
        "antal"
            | "antalet"
            | "andel"
            | "andelen"
            | "mediantid"
            | "medeltid"
            | "väntetid"
            | "total"
            | "kostnad"
            | "kostnaden"
            | "nettokostnad"
            | "genomsnittlig"
            | "genomsnittligt"
            | "procent"
            | "nöjd"
            | "nöjdhet"
            | "sjukfrånvaro"
            | "avvikelse"
            | "index"
            | "resultat"
    )
}

/// Words that start a textual value cell rather than an indicator (in a
/// short piece: value cells are narrow).
fn value_word(text: &str) -> bool {
    if text.chars().count() > 20 {
        return false;
    }
    let first = text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches([',', '.', ':']);
    let first = Lower::of(first);
    words::is_month_abbrev(first.as_str())
        || matches!(
            first.as_str(),
            "januari"
                | "februari"
                | "mars"
                | "april"
                | "maj"
                | "juni"
                | "juli"
                | "augusti"
                | "september"
                | "oktober"
                | "november"
                | "december"
                | "inga"
                | "vissa"
                | "ja"
                | "nej"
                | "ska"
                | "ingen"
                | "uppnått"
                | "ej"
                | "delvis"
        )
        || {
            // A fragment of such a word broken in a narrow cell ("August" / "i").
            let t = first.as_str();
            t.len() >= 4
                && [
                    "januari",
                    "februari",
                    "augusti",
                    "september",
                    "oktober",
                    "november",
                    "december",
                ]
                .iter()
                .any(|m| m.starts_with(t))
        }
}

/// Cuts the section's lines into pieces.
fn pieces(lines: &[StreamLine<'_>]) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let (mut empty, mut space) = (0usize, 0usize);
    for (li, l) in lines.iter().enumerate() {
        if l.is_blank() {
            if l.line.chars == 0 {
                empty += 1;
            } else {
                space += 1;
            }
            continue;
        }
        let mut first = true;
        let mut prev_word: Option<&internbudget_layout::Word> = None;
        let classes: Vec<Kind> = l.line.words.iter().map(|w| class(&w.text)).collect();
        for (wi, w) in l.line.words.iter().enumerate() {
            let t = w.text.as_str();
            let mut kind = classes.get(wi).copied().unwrap_or(Kind::Text);
            // A number inside running text ("Basvärde: 74 st (baseras på",
            // "2 år), utfall slutet av") is text: it is a value only when the
            // rest of the line is values, and at least two of them unless the
            // number stands alone on its line or after a wide gap.
            if kind == Kind::Value && !is_marker(t) {
                let rest = classes.get(wi..).unwrap_or(&[]);
                let all_values = rest.iter().all(|k| *k != Kind::Text);
                let atoms = rest.iter().filter(|k| **k == Kind::Value).count();
                let after_text = out
                    .last()
                    .is_some_and(|c| c.line == li && c.kind == Kind::Text);
                let wide = prev_word.is_some_and(|p| crate::words::gap_in_spaces(p, w) >= 2.0);
                if !all_values || (after_text && atoms < 2 && !wide) {
                    kind = Kind::Text;
                }
            }
            let wide_gap = prev_word.is_some_and(|p| crate::words::gap_in_spaces(p, w) >= 2.0);
            prev_word = Some(w);
            let origin = Origin {
                page: l.page,
                line: l.line.source_line,
                line_end: None,
                bbox: None,
                cell: crate::model::cell_of([w]),
            };
            // A capitalised word right after a lowercase word without
            // punctuation may begin the next cell printed on the same line
            // ("God ekonomisk styrning Avvikelse från budget"): cut there and
            // let the cell assignment decide.
            let cell_break = kind == Kind::Text
                && starts_capital_word(t)
                && out.last().is_some_and(|c| {
                    c.line == li
                        && c.kind == Kind::Text
                        && c.text.ends_with(|ch: char| ch.is_lowercase())
                        && c.text.split(' ').count() >= 2
                });
            // Attach to the current piece where the word continues it.
            if let Some(cur) = out
                .last_mut()
                .filter(|c| c.line == li && !wide_gap && !cell_break)
            {
                let attach = match (cur.kind, kind) {
                    (Kind::Text, Kind::Text) => true,
                    (Kind::Text, Kind::Qualifier) => true,
                    (Kind::Value, Kind::Qualifier) => !cur.marker,
                    (Kind::Qualifier, Kind::Qualifier) => true,
                    (Kind::Qualifier, Kind::Text) => !cur.text.ends_with(')'),
                    (Kind::Value, Kind::Text) => {
                        // "4 arbete": a count and what it counts stays one piece.
                        !cur.marker
                            && t.chars().next().is_some_and(char::is_lowercase)
                            && t.chars().count() > 3
                    }
                    _ => false,
                };
                if attach {
                    cur.text.push(' ');
                    cur.text.push_str(t);
                    if cur.kind == Kind::Qualifier && kind == Kind::Text {
                        cur.kind = Kind::Text;
                    }
                    continue;
                }
            }
            let in_paren = out
                .last()
                .is_some_and(|c| c.in_paren || c.text.contains('('))
                && paren_open(&out);
            out.push(Piece {
                text: t.to_string(),
                kind,
                line: li,
                joined: !first,
                empty_before: if first { empty } else { 0 },
                space_before: if first { space } else { 0 },
                marker: kind == Kind::Value && is_marker(t),
                in_paren,
                origin,
            });
            first = false;
        }
        empty = 0;
        space = 0;
    }
    out
}

/// Cell kinds of the row pattern: 0 = goal, 1 = indicator, 2.. = values.
const GOAL: usize = 0;
const IND: usize = 1;

/// Cost of starting cell `s` with piece `p`.
fn start_cost(s: usize, p: &Piece) -> f32 {
    if p.in_paren {
        return 8.0;
    }
    let mut c = match s {
        GOAL => match p.kind {
            Kind::Text if p.upper() => {
                1.0 + if p.text.chars().any(|c| c.is_ascii_digit()) {
                    2.0
                } else {
                    0.0
                } + if measure_word(&p.text) || value_word(&p.text) {
                    3.0
                } else {
                    0.0
                }
            }
            _ => 6.0,
        },
        IND => match p.kind {
            Kind::Text if p.upper() => {
                if is_note(&p.text) || value_word(&p.text) {
                    3.0
                } else {
                    0.0
                }
            }
            Kind::Text => 3.0,
            Kind::Qualifier => 5.0,
            Kind::Value | Kind::Group => 5.0,
        },
        _ => match p.kind {
            Kind::Value => 0.0,
            Kind::Group => 0.3,
            Kind::Text if value_word(&p.text) => 0.2,
            Kind::Text if p.upper() && p.width() <= 18 => 1.2,
            Kind::Text if p.upper() => 4.0,
            Kind::Text => 4.0,
            Kind::Qualifier => 3.0,
        },
    };
    if !p.joined {
        c -= if p.empty_before > 0 {
            0.4
        } else {
            0.05 * p.space_before.min(4) as f32
        };
    } else {
        c -= 0.2;
    }
    c
}

/// Cost of continuing cell `s` (whose previous piece is `prev`) with `p`.
fn cont_cost(s: usize, prev: &Piece, p: &Piece, cell_marker: Option<bool>) -> f32 {
    if p.in_paren {
        return 0.0;
    }
    let mut c = match s {
        GOAL => match p.kind {
            Kind::Text => 0.0,
            Kind::Qualifier => 0.5,
            _ => 3.0,
        },
        IND => match p.kind {
            Kind::Text if value_word(&p.text) => 2.0,
            Kind::Text if p.upper() && !is_note(&p.text) => 0.4,
            Kind::Text => 0.0,
            Kind::Qualifier => 0.2,
            Kind::Group => 2.0,
            Kind::Value => 2.5,
        },
        _ => match p.kind {
            Kind::Qualifier => 0.0,
            Kind::Group => 0.3,
            Kind::Value => {
                let base = match prev.kind {
                    Kind::Text | Kind::Group => 0.4,
                    // "79 (UAF)" / "76 (SOF)": values of groups stacked in a cell.
                    Kind::Qualifier => 0.6,
                    Kind::Value => 1.5,
                };
                // A cell rarely mixes markers (I.U.) with numbers.
                let mixed = cell_marker.is_some_and(|m| m != p.marker);
                base + if mixed { 0.5 } else { 0.0 }
            }
            Kind::Text if p.lower() || value_word(&p.text) => 0.3,
            Kind::Text if p.width() <= 18 => 0.9,
            Kind::Text => 4.0,
        },
    };
    if p.joined {
        c += 1.0;
    } else {
        c += 0.6 * p.empty_before.min(2) as f32 + 0.1 * p.space_before.min(4) as f32;
    }
    c
}

/// Notes printed in the indicator cell after the indicator text.
fn is_note(text: &str) -> bool {
    let l = text.to_lowercase();
    ["basvärde", "källa", "avser ", "mäts ", "not:", "obs"]
        .iter()
        .any(|p| l.starts_with(p))
}

/// Assigns each piece to (row, cell) with a dynamic programme. Returns per
/// piece its cell kind (0 goal, 1 indicator, 2+i value i) and row number.
fn assign(ps: &[Piece], n: usize) -> Vec<(usize, usize)> {
    let states = n + 2;
    let inf = f32::INFINITY;
    let m = ps.len();
    if m == 0 {
        return Vec::new();
    }
    // cost[j][s], back[j][s] = (previous state, new row?)
    let mut cost = vec![vec![inf; states]; m];
    let mut back = vec![vec![(0usize, false); states]; m];
    // cell_marker[j][s]: whether the value cell ending at j started as a marker.
    let mut marker = vec![vec![None::<bool>; states]; m];
    if let Some(p0) = ps.first() {
        for s in [GOAL, IND] {
            if let Some(c) = cost.get_mut(0).and_then(|r| r.get_mut(s)) {
                *c = start_cost(s, p0);
            }
        }
    }
    for j in 1..m {
        let (Some(p), Some(prev)) = (ps.get(j), ps.get(j - 1)) else {
            continue;
        };
        for a in 0..states {
            let base = cost
                .get(j - 1)
                .and_then(|r| r.get(a))
                .copied()
                .unwrap_or(inf);
            if !base.is_finite() {
                continue;
            }
            let cell_marker = marker.get(j - 1).and_then(|r| r.get(a)).copied().flatten();
            let mut relax = |b: usize, extra: f32, new_row: bool, cm: Option<bool>| {
                let c = base + extra;
                if let (Some(slot), Some(bk), Some(mk)) = (
                    cost.get_mut(j).and_then(|r| r.get_mut(b)),
                    back.get_mut(j).and_then(|r| r.get_mut(b)),
                    marker.get_mut(j).and_then(|r| r.get_mut(b)),
                ) && c < *slot
                {
                    *slot = c;
                    *bk = (a, new_row);
                    *mk = cm;
                }
            };
            // Continue the same cell.
            relax(a, cont_cost(a, prev, p, cell_marker), false, cell_marker);
            let start_marker = (p.kind == Kind::Value).then_some(p.marker);
            match a {
                GOAL => relax(IND, start_cost(IND, p), false, None),
                IND => {
                    relax(2, start_cost(2, p), false, start_marker);
                    // A row without values.
                    relax(IND, 5.0 + start_cost(IND, p), true, None);
                    relax(GOAL, 5.0 + start_cost(GOAL, p), true, None);
                }
                v => {
                    if v + 1 < states {
                        relax(v + 1, start_cost(v + 1, p), false, start_marker);
                        // Skipping an empty value cell.
                        if v + 2 < states {
                            relax(v + 2, 4.0 + start_cost(v + 2, p), false, start_marker);
                        }
                    }
                    let missing = (states - 1 - v) as f32 * 4.0;
                    relax(IND, missing + start_cost(IND, p), true, None);
                    relax(GOAL, missing + start_cost(GOAL, p), true, None);
                }
            }
        }
    }
    // Best final state: a complete row.
    let last = m - 1;
    let mut best = (inf, IND);
    for s in 0..states {
        let c = cost
            .get(last)
            .and_then(|r| r.get(s))
            .copied()
            .unwrap_or(inf);
        // Text after the last complete row is normal (a heading of the next
        // section); a row cut short is not.
        let penalty = if s >= 2 {
            (states - 1 - s) as f32 * 4.0
        } else {
            0.5
        };
        if c + penalty < best.0 {
            best = (c + penalty, s);
        }
    }
    let mut states_out = vec![(0usize, false); m];
    let mut s = best.1;
    for j in (0..m).rev() {
        let (prev, new_row) = back
            .get(j)
            .and_then(|r| r.get(s))
            .copied()
            .unwrap_or((0, false));
        if let Some(slot) = states_out.get_mut(j) {
            *slot = (s, new_row);
        }
        s = prev;
    }
    // Row numbers: a new row starts at a new-row transition.
    let mut row = 0usize;
    let mut out = Vec::with_capacity(m);
    for (j, (s, new_row)) in states_out.iter().enumerate() {
        if j > 0 && *new_row {
            row += 1;
        }
        out.push((row, *s));
    }
    out
}

/// A row assembled from pieces.
#[derive(Debug, Default, Clone)]
struct FlowRow {
    goal: Vec<usize>,
    indicator: Vec<usize>,
    values: Vec<Vec<usize>>,
}

/// Reads one flowed indicator table; returns it and the stream index after it.
pub fn read_indicators(
    lines: &[StreamLine<'_>],
    h: &Header,
    ctx: &Context,
    vocab: &Vocabulary,
    notes: &mut Vec<Note>,
    deadline: &Deadline,
) -> (IndicatorTable, usize) {
    let n = h.columns.len();
    // The section: up to a context line, footnote, header, bullet or prose.
    let start = h.end + 1;
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
    let section = lines.get(start..end).unwrap_or(&[]);
    let ps = pieces(section);
    let assigned = assign(&ps, n);
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
    let rows = split_stacked(rows, &ps);
    // Drop trailing rows without values: text after the table.
    let mut rows = rows;
    while rows
        .last()
        .is_some_and(|r| r.values.iter().all(Vec::is_empty))
    {
        rows.pop();
    }
    let goals = assign_goals(&rows, &ps, section, vocab);
    let mut out_rows: Vec<IndicatorRow> = Vec::new();
    for (ri, r) in rows.iter().enumerate() {
        let indicator = value_text_of(&r.indicator, &ps, vocab);
        let cells: Vec<Option<Cell>> = r
            .values
            .iter()
            .map(|idx| {
                if idx.is_empty() {
                    return None;
                }
                Some(Cell {
                    text: value_text_of(idx, &ps, vocab),
                    origin: origin_of(idx, &ps),
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
        out_rows.push(make_row(&labels, ctx, cells, origin_of(&all, &ps)));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_classes() {
        for w in [
            "88", "5,9", "≥34", "≤0,5%", "100%", "I.U.", "IU", "-", "3128", "6,6",
        ] {
            assert!(is_number_word(w) || is_marker(w), "{w}");
        }
        assert!(is_unit_word("%11"));
        assert!(is_unit_word("dagar"));
        assert!(is_group_label("AMC:"));
        assert!(!is_group_label("Avtalstrohet."));
        assert!(is_paren("(UAF)") && is_paren("2018)") && is_paren("(Hela"));
    }
}
