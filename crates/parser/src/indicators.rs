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
use std::collections::HashSet;

/// Goal context carried from the lines above a table.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Målområde.
    pub goal_area: Option<String>,
    /// Kommunövergripande mål.
    pub municipal_goal: Option<String>,
}

/// Words of the document that occur inside running text; used to rejoin
/// words broken inside narrow cells.
#[derive(Debug, Default)]
pub struct Vocabulary(HashSet<String>);

impl Vocabulary {
    /// Collects the words of lines with at least five words.
    pub fn from_lines(lines: &[StreamLine<'_>]) -> Self {
        let mut set = HashSet::new();
        for l in lines {
            // Running text: runs of four words or more without a column gap
            // (a word broken in a narrow cell stands alone or nearly so).
            for seg in l.line.segments(2.5) {
                if seg.words.len() >= 4 {
                    for w in seg.words {
                        set.insert(normal(&w.text));
                    }
                }
            }
        }
        Vocabulary(set)
    }

    /// Joins the lines of a cell, each with its printed width: besides the
    /// rules of [`Vocabulary::join`], a line holding one long word that
    /// (nearly) fills the cell, followed by a lowercase fragment that is no
    /// word of running text, was broken inside the word ("signifikant" / "a",
    /// "skillna" / "der"); so was a parenthesised word ("(bemötan" / "de)").
    pub fn join_narrow(&self, lines: &[(String, f32)]) -> String {
        let max = lines.iter().map(|l| l.1).fold(0.0f32, f32::max);
        let mut out: Vec<String> = Vec::new();
        for (i, (text, width)) in lines.iter().enumerate() {
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            let glue = i > 0
                && lines.get(i - 1).is_some_and(|(prev, w)| {
                    let last = prev.trim().rsplit(' ').next().unwrap_or("");
                    let first = text.split(' ').next().unwrap_or("");
                    let alone = !prev.trim().contains(' ');
                    let full = *w >= max * 0.8 && max > 0.0;
                    let long = last.chars().filter(|c| c.is_alphabetic()).count() >= 4
                        && last.chars().last().is_some_and(char::is_alphabetic);
                    let lower = first.chars().next().is_some_and(char::is_lowercase);
                    // "(bemötan" / "de)": a parenthesised word broken in two.
                    let paren = last.starts_with('(')
                        && !last.contains(')')
                        && first.ends_with(')')
                        && !first.contains('(');
                    // The fragment after the break is no word of running text,
                    // and the piece before it is none either (or the fragment
                    // is a mere letter or two: "kommune" / "n").
                    let fragment = first
                        .trim_matches(|c: char| !c.is_alphanumeric())
                        .chars()
                        .count()
                        <= 2;
                    let broken = !self.contains(first) && (!self.contains(last) || fragment);
                    alone && lower && ((long && full && broken) || paren)
                });
            match out.last_mut() {
                Some(cur) if glue => cur.push_str(text),
                _ => out.push(text.to_string()),
            }
            let _ = width;
        }
        self.join(out.iter().map(String::as_str))
    }

    /// True when the word (case and punctuation aside) occurs in running text.
    pub fn contains(&self, w: &str) -> bool {
        self.0.contains(&normal(w))
    }

    /// Joins the lines of a cell, rejoining broken words: a word broken over
    /// several one-word lines ("socials" / "ekreter" / "arnas") is rejoined
    /// when the joined form occurs in running text.
    pub fn join<'a>(&self, lines: impl IntoIterator<Item = &'a str>) -> String {
        let lines: Vec<&str> = lines
            .into_iter()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let mut merged: Vec<String> = Vec::with_capacity(lines.len());
        let mut i = 0;
        while let Some(line) = lines.get(i) {
            let mut cur = (*line).to_string();
            let mut j = i + 1;
            // Rejoin a word broken over up to three following lines.
            while let Some(k) = self.rejoin_end(&cur, &lines, j) {
                for (n, piece) in lines.get(j..=k).unwrap_or(&[]).iter().enumerate() {
                    if n + j == k {
                        cur.push_str(piece);
                    } else {
                        cur.push_str(piece.split(' ').next().unwrap_or(""));
                    }
                }
                j = k + 1;
            }
            merged.push(cur);
            i = j;
        }
        let is_word = |w: &str| self.contains(w);
        words::join_lines(merged.iter().map(String::as_str), &is_word)
    }
}

impl Vocabulary {
    /// The index of the last line that completes the word ending `cur` when
    /// glued to the first words of `lines[j..]`, if the joined form is a word
    /// of running text and the pieces are not both words themselves.
    fn rejoin_end(&self, cur: &str, lines: &[&str], j: usize) -> Option<usize> {
        let last = cur.rsplit(' ').next()?;
        let mut acc = last.to_string();
        for k in j..(j + 3).min(lines.len()) {
            let next = lines.get(k)?;
            let first = next.split(' ').next().unwrap_or("");
            if !first.chars().next().is_some_and(char::is_lowercase) {
                return None;
            }
            acc.push_str(first);
            let pieces_known = self.contains(last) && self.contains(first) && k == j;
            if self.contains(&acc) && !pieces_known {
                return Some(k);
            }
            if next.contains(' ') {
                return None;
            }
        }
        None
    }
}

fn normal(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
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
                    let carried = prev.rows.last().and_then(|r| r.committee_goal.clone());
                    let mut rows = table.rows;
                    for r in rows.iter_mut().take_while(|r| r.committee_goal.is_none()) {
                        r.committee_goal.clone_from(&carried);
                    }
                    prev.rows.extend(rows);
                }
                _ => out.push(table),
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

fn continues(prev: &IndicatorTable, next: &IndicatorTable) -> bool {
    let same_cols = prev.columns.len() == next.columns.len()
        && prev
            .columns
            .iter()
            .zip(&next.columns)
            .all(|(a, b)| a.year == b.year);
    let next_page =
        next.origin.page == prev.rows.last().map_or(prev.origin.page, |r| r.origin.page) + 1;
    let same_context = next.rows.first().is_none_or(|r| {
        prev.rows
            .last()
            .is_none_or(|p| p.goal_area == r.goal_area && p.municipal_goal == r.municipal_goal)
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

/// Geometric reading of indicator tables.
pub mod grid {
    use super::*;

    /// Column layout of one table.
    struct Layout {
        /// Label columns: role and [x0, x1).
        labels: Vec<(LabelRole, f32, f32)>,
        /// Value columns: [x0, x1).
        values: Vec<(f32, f32)>,
        /// Left edge of the value area.
        value_left: f32,
    }

    impl Layout {
        /// How far (in characters) a `pdftotext -layout` line may set an
        /// indicator cell left of its column, after a long goal cell.
        const TEXT_DRIFT: f32 = 5.0;

        /// In a layout text export a line whose goal cell runs long pushes
        /// the indicator cell beside it a few characters left, up against the
        /// goal text ("Goda arbetsplatser Total sjukfrånvaro, %"). A
        /// capitalised word that starts within that distance of the
        /// indicator column, after goal text on the same line or first on
        /// it (goal text starts at its own column, further left), starts the
        /// indicator cell: it and the goal-slot words after it move there.
        fn pull_drifted_indicator(&self, slots: &mut [(Slot, &Word)]) {
            let ind = Slot::Label(LabelRole::Indicator);
            let Some(pos) = self.labels.iter().position(|l| l.0 == LabelRole::Indicator) else {
                return;
            };
            let Some(&(_, ind_x0, _)) = self.labels.get(pos) else {
                return;
            };
            let Some(goal) = pos
                .checked_sub(1)
                .and_then(|p| self.labels.get(p))
                .map(|l| Slot::Label(l.0))
            else {
                return;
            };
            let start = slots.iter().enumerate().position(|(k, (slot, w))| {
                *slot == goal
                    && (k == 0 || slots.get(k - 1).is_some_and(|p| p.0 == goal))
                    && w.bbox.x0 < ind_x0
                    && w.bbox.x0 >= ind_x0 - Self::TEXT_DRIFT
                    && w.text.chars().next().is_some_and(char::is_uppercase)
            });
            if let Some(start) = start {
                for (slot, _) in slots.iter_mut().skip(start) {
                    if *slot == goal {
                        *slot = ind;
                    }
                }
            }
        }

        fn column_of(&self, w: &Word) -> Option<Slot> {
            let c = w.bbox.center_x();
            for (i, (x0, x1)) in self.values.iter().enumerate() {
                if c >= *x0 && c < *x1 {
                    return Some(Slot::Value(i));
                }
            }
            if c >= self.value_left {
                return None;
            }
            let mut found = None;
            for (role, x0, _) in &self.labels {
                if w.bbox.x0 + 0.5 >= *x0 || found.is_none() {
                    found = Some(Slot::Label(*role));
                }
            }
            found
        }
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Slot {
        Label(LabelRole),
        Value(usize),
    }

    /// Words of one line, sorted into slots.
    struct SlotLine<'l> {
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

    fn layout(lines: &[StreamLine<'_>], h: &Header, end: usize) -> Layout {
        let labels0 = label_columns(h);
        let centers: Vec<f32> = h.columns.iter().map(|c| c.center).collect();
        // Grouped numbers ("5 821") count as one word: no gutter between.
        let merged: Vec<Word> = lines
            .get(h.end + 1..end)
            .unwrap_or(&[])
            .iter()
            .flat_map(|l| {
                let mut out: Vec<Word> = Vec::with_capacity(l.line.words.len());
                for w in &l.line.words {
                    match out.last_mut() {
                        Some(prev) if groups_with(prev, w) => {
                            prev.bbox = prev.bbox.union(&w.bbox);
                            prev.text = format!("{} {}", prev.text, w.text);
                        }
                        _ => out.push(w.clone()),
                    }
                }
                out
            })
            .collect();
        let words: Vec<&Word> = merged.iter().collect();
        let tabbed = h.tabbed;
        let cell_of = |x: f32| (x / CELL_PITCH).floor() * CELL_PITCH;
        let ind_x0 = labels0.last().map_or(0.0, |l| l.1);
        let first_center = centers.first().copied().unwrap_or(0.0);
        let value_left = if tabbed {
            cell_of(first_center)
        } else {
            gutter(
                &words,
                ind_x0 + (first_center - ind_x0) * 0.3,
                first_center,
                first_center,
            )
        };
        let mut values = Vec::new();
        for (i, c) in centers.iter().enumerate() {
            let x0 = if i == 0 {
                value_left
            } else {
                let prev = centers.get(i - 1).copied().unwrap_or(*c);
                if tabbed {
                    cell_of(*c)
                } else {
                    gutter(&words, prev, *c, (prev + c) / 2.0)
                }
            };
            values.push(x0);
        }
        let values: Vec<(f32, f32)> = values
            .iter()
            .enumerate()
            .map(|(i, x0)| (*x0, values.get(i + 1).copied().unwrap_or(f32::INFINITY)))
            .collect();
        let margin = if tabbed { 0.5 } else { 2.0 };
        let labels = labels0
            .iter()
            .enumerate()
            .map(|(i, (r, x0))| {
                let x1 = labels0.get(i + 1).map_or(value_left, |n| n.1 - margin);
                (*r, x0 - margin, x1)
            })
            .collect();
        Layout {
            labels,
            values,
            value_left,
        }
    }

    /// `b` continues the number `a` as its next thousands group ("5" "821",
    /// "−1" "234,5"): close together, a 1–3 digit head and a 3-digit group.
    fn groups_with(a: &Word, b: &Word) -> bool {
        let head = a.text.rsplit(' ').next().unwrap_or("");
        let digits = head.trim_start_matches(['-', '−', '–']);
        let tail = b.text.trim_end_matches(['%', '*']);
        let int = tail.split([',', '.']).next().unwrap_or("");
        (1..=3).contains(&digits.len())
            && digits.bytes().all(|c| c.is_ascii_digit())
            && int.len() == 3
            && int.bytes().all(|c| c.is_ascii_digit())
            && tail
                .bytes()
                .all(|c| c.is_ascii_digit() || c == b',' || c == b'.')
            && words::gap_in_spaces(a, b) <= 1.2
    }

    /// The x in [a, b] crossed by the fewest words (ties: nearest `prefer`).
    fn gutter(words: &[&Word], a: f32, b: f32, prefer: f32) -> f32 {
        if b <= a {
            return prefer;
        }
        let steps = 60;
        let mut best = (usize::MAX, f32::INFINITY, prefer);
        for k in 0..=steps {
            let x = a + (b - a) * k as f32 / steps as f32;
            let n = words
                .iter()
                .filter(|w| w.bbox.x0 < x && w.bbox.x1 > x)
                .count();
            let d = (x - prefer).abs();
            if n < best.0 || (n == best.0 && d < best.1) {
                best = (n, d, x);
            }
        }
        best.2
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
        let lay = layout(lines, h, end);
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
        let pitch = line_pitch(&slot_lines);
        let groups = if h.tabbed {
            slot_lines
                .iter()
                .enumerate()
                .filter(|(_, l)| !l.slots.is_empty())
                .map(|(i, _)| vec![i])
                .collect()
        } else {
            row_groups(&slot_lines, kind, pitch)
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
            goal_blocks(&slot_lines, &groups, &merged, vocab, pitch)
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

    /// The line pitch inside cells: the smallest recurring baseline step
    /// between lines of the table (0 for text sources).
    fn line_pitch(lines: &[SlotLine<'_>]) -> f32 {
        // Steps between consecutive lines of the indicator column: its text
        // wraps often and sits on one baseline grid.
        let ind: Vec<&SlotLine<'_>> = lines
            .iter()
            .filter(|l| {
                l.line.source_line.is_none() && l.has(|s| s == Slot::Label(LabelRole::Indicator))
            })
            .collect();
        // (step, the lower line holds no value: it continues a cell)
        let steps: Vec<(f32, bool)> = ind
            .windows(2)
            .filter_map(|w| match w {
                [a, b] if a.page == b.page => {
                    let d = b.line.bbox().y1 - a.line.bbox().y1;
                    let continuation = !b.has(|s| matches!(s, Slot::Value(_)));
                    (d > 1.0).then_some((d, continuation))
                }
                _ => None,
            })
            .collect();
        if steps.is_empty() {
            return 0.0;
        }
        // Ignore small offsets between lines set on other baselines (a goal
        // column beside the indicator rows): a pitch is at least 80 % of the
        // text height.
        let mut sizes: Vec<f32> = lines
            .iter()
            .flat_map(|l| l.line.words.iter().map(|w| w.size))
            .collect();
        sizes.sort_by(f32::total_cmp);
        let size = sizes.get(sizes.len() / 2).copied().unwrap_or(1.0).max(1.0);
        let mut plausible: Vec<(f32, bool)> = steps
            .iter()
            .copied()
            .filter(|s| s.0 >= size * 0.8)
            .collect();
        plausible.sort_by(|a, b| a.0.total_cmp(&b.0));
        let close = |a: f32, b: f32| (a - b).abs() <= b * 0.08 + 0.3;
        // The smallest step that recurs. Text is set at 1.1–1.25 times its
        // size, and up to twice that with wide line spacing and tall fonts: a
        // larger step is the line pitch only when it mostly leads into lines
        // without values (cell continuations); otherwise it is the step
        // between one-line rows and the pitch is taken as 1.2 times the size.
        let recurring = plausible
            .iter()
            .find(|(d, _)| plausible.iter().filter(|(e, _)| close(*e, *d)).count() >= 2);
        let continuation_share = |d: f32| {
            let (n, cont) = plausible
                .iter()
                .filter(|(e, _)| close(*e, d))
                .fold((0usize, 0usize), |(n, c), (_, k)| {
                    (n + 1, c + usize::from(*k))
                });
            if n == 0 { 0.0 } else { cont as f32 / n as f32 }
        };
        let first = match recurring.or(plausible.first()) {
            Some(&(d, _))
                if d <= size * 1.2 || (d <= size * 2.0 && continuation_share(d) >= 0.4) =>
            {
                d
            }
            Some(&(d, _)) => d.min(size * 1.2),
            None => size * 1.15,
        };
        plausible
            .iter()
            .map(|s| s.0)
            .filter(|s| close(*s, first))
            .fold(first, f32::max)
    }

    /// The line pitch inside the cells of a goal column. Usually the table's
    /// pitch; but when the indicator rows are one line each (their pitch is
    /// a guess) a goal column wrapping at a wider line spacing shows its own:
    /// its smallest recurring step, if smaller than the step between rows.
    fn goal_pitch(lines: &[SlotLine<'_>], slot: Slot, pitch: f32, row_step: f32) -> f32 {
        if pitch <= 0.0 {
            return pitch;
        }
        let col: Vec<(u32, f32, f32)> = lines
            .iter()
            .filter(|l| l.has(|s| s == slot))
            .map(|l| {
                let b = l.line.bbox();
                let size = l.line.words.first().map_or(b.height(), |w| w.size);
                (l.page, b.y1, size)
            })
            .collect();
        let mut steps: Vec<(f32, f32)> = col
            .windows(2)
            .filter_map(|w| match w {
                [a, b] if a.0 == b.0 && b.1 - a.1 >= a.2 * 0.8 => Some((b.1 - a.1, a.2)),
                _ => None,
            })
            .collect();
        steps.sort_by(|a, b| a.0.total_cmp(&b.0));
        let close = |a: f32, b: f32| (a - b).abs() <= b * 0.08 + 0.3;
        let own = steps
            .iter()
            .find(|(d, _)| steps.iter().filter(|(e, _)| close(*e, *d)).count() >= 2);
        match own {
            Some(&(d, size)) if d > pitch * 1.1 + 0.5 && d <= size * 2.0 && d < row_step * 0.9 => d,
            _ => pitch,
        }
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

    /// Groups lines into rows: tab rows one per line; PDF rows by vertical
    /// gaps (a gap wider than the line pitch inside cells starts a row);
    /// text rows at blank lines and at lines whose indicator cell starts a
    /// sentence while value cells start too.
    fn row_groups(lines: &[SlotLine<'_>], kind: SourceKind, pitch: f32) -> Vec<Vec<usize>> {
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
                    groups.extend(text_rows(lines, &run));
                    run.clear();
                    continue;
                }
                if bearing(l) || !run.is_empty() {
                    run.push(i);
                }
            }
            groups.extend(text_rows(lines, &run));
        }
        groups
    }

    /// The rows of a run of text lines without blank lines between them.
    /// Each row has one line of values (its anchor; a line going on with
    /// the value cells above it in lowercase, "minska" under "Ska", is no
    /// anchor). Values may stand on any line of their indicator — top-
    /// aligned on its first, centred in the middle of three to five — so
    /// the lines between two anchors are cut where the next indicator
    /// starts: at the first line after the upper anchor whose indicator
    /// text starts with a capital after a line that ends a sentence (not
    /// after "Källa:" or a connective), else at the lower anchor.
    fn text_rows(lines: &[SlotLine<'_>], run: &[usize]) -> Vec<Vec<usize>> {
        let indicator = |i: usize| {
            lines
                .get(i)
                .map(|l| l.text_of(Slot::Label(LabelRole::Indicator)))
                .unwrap_or_default()
        };
        let value_cols = |i: usize| -> Vec<usize> {
            lines.get(i).map_or(Vec::new(), |l| {
                l.slots
                    .iter()
                    .filter_map(|(s, _)| match s {
                        Slot::Value(v) => Some(*v),
                        _ => None,
                    })
                    .collect()
            })
        };
        let mut anchors: Vec<usize> = Vec::new();
        for (k, &i) in run.iter().enumerate() {
            let cols = value_cols(i);
            if cols.is_empty() {
                continue;
            }
            let text = indicator(i);
            // The last line with values above, two lines up at most (a line
            // of goal text may stand between "Ska" and "minska").
            let prev = (k.saturating_sub(3)..k)
                .rev()
                .filter_map(|p| run.get(p).copied())
                .find(|&p| !value_cols(p).is_empty());
            let lowercase = !text.chars().next().is_some_and(char::is_uppercase);
            // Right under a line of values and going on with its indicator
            // in lowercase: the value cells run over several lines
            // ("Augusti" / "1,1 %" / "Oktober" / "0%").
            let adjacent = k
                .checked_sub(1)
                .and_then(|p| run.get(p))
                .is_some_and(|&p| !value_cols(p).is_empty());
            let goes_on = (adjacent && lowercase)
                || prev.is_some_and(|p| {
                    let above = value_cols(p);
                    !above.is_empty()
                        && cols.iter().all(|c| above.contains(c))
                        && lowercase
                        && cols.iter().all(|&c| {
                            let v = lines
                                .get(i)
                                .map(|l| l.text_of(Slot::Value(c)))
                                .unwrap_or_default();
                            !v.chars().next().is_some_and(|ch| ch.is_ascii_digit())
                        })
                });
            if !goes_on {
                anchors.push(k);
            }
        }
        if anchors.len() <= 1 {
            return if run.is_empty() {
                Vec::new()
            } else {
                vec![run.to_vec()]
            };
        }
        let ends_sentence = |t: &str| {
            let t = t.trim_end();
            t.ends_with(['.', '?', '!', ')']) && !crate::table::label_unfinished(t)
        };
        // Cut points: the index in `run` where each row after the first starts.
        let mut cuts: Vec<usize> = Vec::new();
        for pair in anchors.windows(2) {
            let [a, b] = pair else { continue };
            let cut = (a + 1..=*b)
                .find(|&k| {
                    let here = run.get(k).map(|&i| indicator(i)).unwrap_or_default();
                    let before = run.get(k - 1).map(|&i| indicator(i)).unwrap_or_default();
                    // A breakdown row ("Män", "Kvinnor") is a line of its own.
                    here.chars().next().is_some_and(char::is_uppercase)
                        && (ends_sentence(&before)
                            || before.trim().is_empty()
                            || super::is_sub_indicator(before.trim())
                            || k == *b)
                })
                .unwrap_or(*b);
            cuts.push(cut);
        }
        let mut rows = Vec::new();
        let mut start = 0;
        for cut in cuts {
            rows.push(run.get(start..cut).unwrap_or(&[]).to_vec());
            start = cut;
        }
        rows.push(run.get(start..).unwrap_or(&[]).to_vec());
        rows.retain(|r| !r.is_empty());
        rows
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

    /// Merged goal cells: runs of lines in a goal column, split where the
    /// vertical gap exceeds the line pitch. Each block covers the row its
    /// first line falls in and the rows after it up to the next block; rows
    /// before the first block take the first block.
    fn goal_blocks(
        lines: &[SlotLine<'_>],
        groups: &[Vec<usize>],
        roles: &[LabelRole],
        vocab: &Vocabulary,
        pitch: f32,
    ) -> Vec<(LabelRole, Vec<usize>, String)> {
        let mut out = Vec::new();
        // Row of each line index (by vertical position for lines outside rows).
        let row_y: Vec<(u32, f32, f32, usize)> = groups
            .iter()
            .enumerate()
            .filter_map(|(gi, g)| {
                let first = lines.get(*g.first()?)?;
                let last = lines.get(*g.last()?)?;
                Some((first.page, first.line.bbox().y0, last.line.bbox().y1, gi))
            })
            .collect();
        // The smallest step between the first lines of neighbouring rows.
        let row_step = row_y
            .windows(2)
            .filter_map(|w| match w {
                [a, b] if a.0 == b.0 && b.1 > a.1 => Some(b.1 - a.1),
                _ => None,
            })
            .fold(f32::INFINITY, f32::min);
        for role in roles {
            let slot = Slot::Label(*role);
            let pitch = goal_pitch(lines, slot, pitch, row_step);
            let mut blocks: Vec<(usize, Vec<String>)> = Vec::new(); // (start row, lines)
            let mut prev: Option<(u32, f32, f32)> = None;
            for l in lines {
                if !l.has(|s| s == slot) {
                    continue;
                }
                let b = l.line.bbox();
                let y = b.y1;
                let h = b.height().max(1.0);
                let text = l.text_of(slot);
                // The row whose vertical range holds this line, else the next row below.
                let row = row_y
                    .iter()
                    .find(|(p, y0, y1, _)| {
                        *p == l.page && b.center_y() >= y0 - 1.0 && b.center_y() <= y1 + 1.0
                    })
                    .or_else(|| {
                        row_y
                            .iter()
                            .find(|(p, y0, _, _)| *p == l.page && *y0 >= b.y0)
                    })
                    .map_or(groups.len(), |r| r.3);
                // A goal cell's lines follow each other at the line pitch; a
                // larger step starts the next goal cell. On the next page a
                // cell goes on when a page break cut it: its text continues
                // in lowercase ("Goda" | "arbetsplatser Varje …"), or it
                // starts beside the page's first row and that row is a
                // breakdown ("Kvinnor") of the row above it, whose goal it
                // shares.
                let new_block = match prev {
                    None => true,
                    Some((p, _, _)) if p != l.page => {
                        let first_on_page = row_y.iter().find(|r| r.0 == l.page).map(|r| r.3);
                        let breakdown = first_on_page == Some(row)
                            && groups
                                .get(row)
                                .and_then(|g| lines.get(*g.first()?))
                                .is_some_and(|first| {
                                    is_sub_indicator(
                                        &first.text_of(Slot::Label(LabelRole::Indicator)),
                                    )
                                });
                        !(breakdown || text.chars().next().is_some_and(char::is_lowercase))
                    }
                    Some((_, py, ph)) => {
                        let limit = if pitch > 0.0 {
                            pitch * 1.1 + 0.5
                        } else {
                            ph.max(h) * 1.45
                        };
                        // A cell set at the rows' own wide spacing: a line
                        // going on in lowercase still continues it.
                        let goes_on = text.chars().next().is_some_and(char::is_lowercase)
                            && y - py <= ph.max(h) * 3.2;
                        y - py > limit && !goes_on
                    }
                };
                if new_block {
                    blocks.push((row, vec![text]));
                } else if let Some(bk) = blocks.last_mut() {
                    bk.1.push(text);
                }
                prev = Some((l.page, y, h));
            }
            for (bi, (start, texts)) in blocks.iter().enumerate() {
                let next_start = blocks
                    .get(bi + 1)
                    .map_or(groups.len(), |b| b.0)
                    .min(groups.len());
                let from = if bi == 0 {
                    0
                } else {
                    (*start).min(groups.len())
                };
                let rows: Vec<usize> = (from..next_start.max(from)).collect();
                let text = vocab.join(texts.iter().map(String::as_str));
                out.push((*role, rows, text));
            }
        }
        out
    }
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
