//! Indicator tables: målområde, kommunövergripande mål, nämndmål,
//! nämndindikator and the outcome and target values per year.
//!
//! A table is found by its header ("Nämndmål Nämndindikator 2019 2020
//! Målvärde 2021 …"). The goal area and municipal goal come from a column or
//! from the context lines printed above the table ("Målområde: Medborgare",
//! "Kommunövergripande mål: …"). Sources that keep positions are read
//! geometrically ([`grid`]); text exports that lost the layout are read as a
//! sequence of cells ([`crate::flow`]).

use crate::flow;
use crate::header::{self, Header};
use crate::model::{Cell, DocumentFacts, IndicatorRow, IndicatorTable, Note, Origin};
use crate::stream::StreamLine;
use crate::words::{self, Lower};
use internbudget_layout::{Deadline, SourceKind, Word, text::CELL_PITCH};

pub mod grid;
mod vocabulary;

pub use vocabulary::Vocabulary;

/// Goal context carried from the lines above a table.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Målområde.
    pub goal_area: Option<String>,
    /// Kommunövergripande mål.
    pub municipal_goal: Option<String>,
}

/// Words that make an indicator row a breakdown of the one above it
/// ("Män", "Kvinnor", "varav flickor").
pub fn is_sub_indicator(label: &str) -> bool {
    let t = Lower::of(label.trim().trim_end_matches([':', '.']));
    matches!(
        t.as_str(),
        "män"
            | "kvinnor"
            | "pojkar"
            | "flickor"
            | "killar"
            | "tjejer"
            | "varav män"
            | "varav kvinnor"
            | "därav män"
            | "därav kvinnor"
    )
}

/// Reads every indicator table in the stream. Stops early once `deadline`
/// has passed (the caller then discards the partial result).
pub fn find_tables(
    lines: &[StreamLine<'_>],
    kind: SourceKind,
    _facts: &DocumentFacts,
    notes: &mut Vec<Note>,
    deadline: &Deadline,
) -> Vec<IndicatorTable> {
    let vocab = Vocabulary::from_lines(lines);
    let mut ctx = Context::default();
    let mut out: Vec<IndicatorTable> = Vec::new();
    let mut i = 0;
    while let Some(l) = lines.get(i) {
        if deadline.passed() {
            break;
        }
        if l.is_blank() {
            i += 1;
            continue;
        }
        if let Some(h) = header::header_at(lines, i)
            && h.indicator
        {
            let flowed = kind != SourceKind::Pdf && !h.tabbed && !h.spaced;
            let (table, end) = if flowed {
                flow::read_indicators(lines, &h, &ctx, &vocab, notes, deadline)
            } else {
                grid::read(lines, &h, &ctx, &vocab, kind, deadline)
            };
            // A table continuing on the next page after a repeated header
            // is merged into the previous one.
            match out.last_mut() {
                Some(prev) if continues(prev, &table) => {
                    // Rows at the top of the new page without a goal of their
                    // own sit in the goal cell the page break cut.
                    let mut rows = table.rows;
                    if let Some(last) = prev.rows.last() {
                        fill_leading_goals(&mut rows, last);
                    }
                    prev.rows.extend(rows);
                }
                _ => {
                    // Else they take the first goal printed under them.
                    let mut table = table;
                    if let Some(first) = first_goals(&table.rows) {
                        fill_leading_goals(&mut table.rows, &first);
                    }
                    out.push(table);
                }
            }
            i = end.max(h.end + 1);
            continue;
        }
        if let Some(consumed) = read_context(lines, i, &mut ctx) {
            i += consumed;
            continue;
        }
        i += 1;
    }
    out.retain(|t| !t.rows.is_empty());
    out
}

/// The goals of the first rows of `rows` that have none (per goal
/// column, the rows above the first that has one) taken from `from`.
fn fill_leading_goals(rows: &mut [IndicatorRow], from: &IndicatorRow) {
    let fields: [fn(&mut IndicatorRow) -> &mut Option<String>; 3] = [
        |r| &mut r.goal_area,
        |r| &mut r.municipal_goal,
        |r| &mut r.committee_goal,
    ];
    let mut source = from.clone();
    for field in fields {
        let goal = field(&mut source).clone();
        for r in rows.iter_mut() {
            let slot = field(r);
            if slot.is_some() {
                break;
            }
            slot.clone_from(&goal);
        }
    }
}

/// Each goal column's first goal among `rows`, as a row to fill from.
fn first_goals(rows: &[IndicatorRow]) -> Option<IndicatorRow> {
    let first =
        |get: fn(&IndicatorRow) -> &Option<String>| rows.iter().find_map(|r| get(r).clone());
    let row = IndicatorRow {
        goal_area: first(|r| &r.goal_area),
        municipal_goal: first(|r| &r.municipal_goal),
        committee_goal: first(|r| &r.committee_goal),
        ..rows.first()?.clone()
    };
    Some(row)
}

fn continues(prev: &IndicatorTable, next: &IndicatorTable) -> bool {
    let same_cols = prev.columns.len() == next.columns.len()
        && prev
            .columns
            .iter()
            .zip(&next.columns)
            .all(|(a, b)| a.year == b.year);
    let next_page =
        next.origin.page == prev.rows.last().map_or(prev.origin.page, |r| r.origin.page) + 1;
    // The first row's goals are the last row's, or none (a cell the page
    // break cut).
    let same = |a: &Option<String>, b: &Option<String>| b.is_none() || a == b;
    let same_context = next.rows.first().is_none_or(|r| {
        prev.rows.last().is_none_or(|p| {
            same(&p.goal_area, &r.goal_area) && same(&p.municipal_goal, &r.municipal_goal)
        })
    });
    same_cols && next_page && same_context
}

/// Reads a context line ("Målområde: X", "Kommunövergripande mål: Y",
/// possibly continued on the next line). Returns the number of lines used.
fn read_context(lines: &[StreamLine<'_>], i: usize, ctx: &mut Context) -> Option<usize> {
    let text = lines.get(i)?.line.text();
    let (kind, rest) = context_line(&text)?;
    let mut value = rest.to_string();
    let mut used = 1;
    // A wrapped context line continues with a short lowercase line.
    if let Some(next) = lines.get(i + 1)
        && !next.is_blank()
    {
        let t = next.line.text();
        let short = t.split_whitespace().count() <= 4;
        if short
            && t.trim_start().starts_with(char::is_lowercase)
            && header::header_at(lines, i + 1).is_none()
        {
            value.push(' ');
            value.push_str(t.trim());
            used = 2;
        }
    }
    match kind {
        ContextKind::GoalArea => {
            ctx.goal_area = Some(value);
            ctx.municipal_goal = None;
        }
        ContextKind::MunicipalGoal => ctx.municipal_goal = Some(value),
    }
    Some(used)
}

enum ContextKind {
    GoalArea,
    MunicipalGoal,
}

/// "Målområde: Medborgare" / "Målområde Medborgare" / "Kommunövergripande mål: …".
fn context_line(text: &str) -> Option<(ContextKind, &str)> {
    let t = text.trim();
    let lower = t.to_lowercase();
    let (kind, prefix_len) = if lower.starts_with("målområde") {
        (ContextKind::GoalArea, "målområde".len())
    } else if lower.starts_with("kommunövergripande mål") {
        (ContextKind::MunicipalGoal, "kommunövergripande mål".len())
    } else {
        return None;
    };
    let rest = t
        .get(prefix_len..)?
        .trim_start_matches([':', ' ', '\t'])
        .trim();
    let first_upper = rest.chars().next().is_some_and(char::is_uppercase);
    let n = rest.split_whitespace().count();
    let ok = match kind {
        ContextKind::GoalArea => first_upper && (1..=4).contains(&n),
        ContextKind::MunicipalGoal => first_upper && (1..=25).contains(&n),
    };
    ok.then_some((kind, rest))
}

/// Which label a label column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelRole {
    /// Målområde.
    GoalArea,
    /// Kommunövergripande mål.
    MunicipalGoal,
    /// Nämndmål.
    CommitteeGoal,
    /// Nämndindikator.
    Indicator,
}

/// Label columns from the header stub, left to right, with their left edges.
pub fn label_columns(h: &Header) -> Vec<(LabelRole, f32)> {
    let mut out: Vec<(LabelRole, f32)> = Vec::new();
    for (w, x) in &h.stub {
        let t = Lower::of(w.trim_matches(|c: char| !c.is_alphanumeric()));
        let role = match t.as_str() {
            "målområde" | "målområden" => Some(LabelRole::GoalArea),
            "kommunövergripande" => Some(LabelRole::MunicipalGoal),
            "nämndmål" | "mål" => {
                if out
                    .last()
                    .is_some_and(|(r, _)| *r == LabelRole::MunicipalGoal)
                    && t == "mål"
                {
                    None
                } else {
                    Some(LabelRole::CommitteeGoal)
                }
            }
            "nämndindikator" | "nämndindikatorer" | "indikator" | "indikatorer" | "nyckeltal"
            | "mått" => Some(LabelRole::Indicator),
            _ => None,
        };
        if let Some(r) = role
            && !out.iter().any(|(o, _)| *o == r)
        {
            out.push((r, *x));
        }
    }
    out.sort_by(|a, b| a.1.total_cmp(&b.1));
    if !out.iter().any(|(r, _)| *r == LabelRole::Indicator) {
        let x = out.last().map_or(0.0, |(_, x)| *x + 1.0);
        out.push((LabelRole::Indicator, x));
    }
    out
}

/// Builds an output row from label texts and cells.
pub fn make_row(
    labels: &[(LabelRole, String)],
    ctx: &Context,
    cells: Vec<Option<Cell>>,
    origin: Origin,
) -> IndicatorRow {
    let get = |r: LabelRole| {
        labels
            .iter()
            .find(|(role, t)| *role == r && !t.is_empty())
            .map(|(_, t)| t.clone())
    };
    IndicatorRow {
        goal_area: get(LabelRole::GoalArea).or_else(|| ctx.goal_area.clone()),
        municipal_goal: get(LabelRole::MunicipalGoal).or_else(|| ctx.municipal_goal.clone()),
        committee_goal: get(LabelRole::CommitteeGoal),
        indicator: get(LabelRole::Indicator).unwrap_or_default(),
        cells,
        origin,
    }
}

/// A heading: text set clearly larger than the table header.
pub fn is_heading(line: &internbudget_layout::Line, header_size: f32) -> bool {
    header_size > 0.0 && line.words.iter().all(|w| w.size >= header_size * 1.25)
}

/// A bulleted line ("• Samtliga nämnder …"): running text, not a table row.
pub fn is_bullet(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with(['•', '▪', '◦', '●', '■'])
        || (t.starts_with("- ") && t.split_whitespace().count() > 3)
}

/// A line of running text across the value columns: its words straddle two
/// or more boundaries between value columns (or between labels and values).
pub fn crosses_value_columns(line: &internbudget_layout::Line, h: &Header) -> bool {
    let centers: Vec<f32> = h
        .columns
        .iter()
        .map(|c| (c.extent.0 + c.extent.1) / 2.0)
        .collect();
    let mut bounds: Vec<f32> = centers
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((a + b) / 2.0),
            _ => None,
        })
        .collect();
    if let (Some(first), Some(second)) = (centers.first(), centers.get(1)) {
        bounds.push(first - (second - first) * 0.55);
    }
    let margin = line.words.iter().map(|w| w.space).fold(1.0f32, f32::max);
    // Centred value text may overhang one boundary; running text crosses several.
    let crossed = bounds
        .iter()
        .filter(|b| {
            line.words
                .iter()
                .any(|w| w.bbox.x0 < *b - margin && w.bbox.x1 > *b + margin)
        })
        .count();
    line.words.len() >= 4 && crossed >= 2
}

/// True for a line that ends an indicator table: a context line, a footnote,
/// or a heading of the next section.
pub fn ends_table(text: &str) -> bool {
    let t = text.trim();
    if context_line(t).is_some() {
        return true;
    }
    if t.starts_with('*') && t.trim_start_matches('*').starts_with(' ') {
        return true;
    }
    // "8 Mätningspunkt är det …": a numbered footnote.
    let mut parts = t.splitn(3, ' ');
    let (a, b) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    a.len() <= 2
        && !a.is_empty()
        && a.bytes().all(|c| c.is_ascii_digit())
        && b.chars().next().is_some_and(char::is_uppercase)
        && b.chars().count() > 2
        && t.split_whitespace().count() >= 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_lines() {
        assert!(matches!(
            context_line("Målområde: Medborgare"),
            Some((ContextKind::GoalArea, "Medborgare"))
        ));
        assert!(matches!(
            context_line("Målområde Samhälle"),
            Some((ContextKind::GoalArea, "Samhälle"))
        ));
        assert!(context_line("Målområde samhälle beskriver vad kommunen ska uppnå").is_none());
        assert!(matches!(
            context_line("Kommunövergripande mål: Hållbar ekonomi"),
            Some((ContextKind::MunicipalGoal, "Hållbar ekonomi"))
        ));
    }

    #[test]
    fn table_ends() {
        assert!(ends_table(
            "8 Mätningspunkt är det mittersta hushållet av aktuella hushåll"
        ));
        assert!(ends_table(
            "* Eftersom arbetsmarknadsnämnden blev en egen nämnd"
        ));
        assert!(!ends_table("3 (SOF)"));
        assert!(!ends_table("74 st I.U. 81 st 90 st"));
    }
}
