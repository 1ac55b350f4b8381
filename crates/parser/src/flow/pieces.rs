//! Pieces: the lines of a flowed indicator section cut into text, values,
//! qualifiers and group labels ([`Kind`]), each a [`Piece`] with its line
//! and what stands around it.

use crate::model::Origin;
use crate::number;
use crate::stream::StreamLine;
use crate::words::{self, Lower};

/// What a piece of a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
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
pub(super) struct Piece {
    pub(super) text: String,
    pub(super) kind: Kind,
    /// Index of the source line in the section.
    pub(super) line: usize,
    /// Not the first piece on its line.
    pub(super) joined: bool,
    /// Empty lines right before (first piece of a line only).
    pub(super) empty_before: usize,
    /// Whitespace-only lines right before.
    pub(super) space_before: usize,
    /// True for a value that is a not-available marker.
    pub(super) marker: bool,
    /// Printed inside parentheses opened by an earlier piece ("(Hela" /
    /// "UAF" / "feb" / "2020)"): it cannot start a cell.
    pub(super) in_paren: bool,
    pub(super) origin: Origin,
}

impl Piece {
    pub(super) fn upper(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
    pub(super) fn lower(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_lowercase)
    }
    pub(super) fn width(&self) -> usize {
        self.text.chars().count()
    }
}

pub(super) fn is_marker(w: &str) -> bool {
    let t = Lower::of(w.trim_end_matches(['*']));
    matches!(
        t.as_str(),
        "i.u." | "i.u" | "iu" | "iu." | "-" | "–" | "—" | "saknas" | "saknas." | "x"
    )
}

pub(super) fn is_number_word(w: &str) -> bool {
    let t = w.trim_start_matches(['≥', '≤', '>', '<', '=']);
    let t = t.trim_end_matches(['*', '%', '.', ';']);
    let t = t.strip_prefix(|c: char| number::is_minus(c)).unwrap_or(t);
    !t.is_empty()
        && t.chars().next().is_some_and(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

pub(super) fn is_unit_word(w: &str) -> bool {
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

pub(super) fn is_paren(w: &str) -> bool {
    w.starts_with('(') || w.trim_end_matches(['.', ',', ';']).ends_with(')')
}

pub(super) fn is_group_label(w: &str) -> bool {
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
pub(super) fn measure_word(text: &str) -> bool {
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
pub(super) fn value_word(text: &str) -> bool {
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
pub(super) fn pieces(lines: &[StreamLine<'_>]) -> Vec<Piece> {
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
            let wide_gap = prev_word.is_some_and(|p| crate::words::gap_in_spaces(p, w) >= 2.0);
            let kind = word_kind(&classes, wi, t, &out, li, wide_gap);
            prev_word = Some(w);
            let origin = Origin {
                page: l.page,
                line: l.line.source_line,
                line_end: None,
                bbox: None,
                cell: crate::model::cell_of([w]),
            };
            let cell_break = starts_next_cell(kind, t, &out, li);
            // Attach to the current piece where the word continues it.
            if let Some(cur) = out
                .last_mut()
                .filter(|c| c.line == li && !wide_gap && !cell_break)
                && attaches(cur, kind, t)
            {
                cur.text.push(' ');
                cur.text.push_str(t);
                if cur.kind == Kind::Qualifier && kind == Kind::Text {
                    cur.kind = Kind::Text;
                }
                continue;
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

/// A word's kind in its line: a number inside running text ("Basvärde: 74
/// st (baseras på", "2 år), utfall slutet av") is text — it is a value only
/// when the rest of the line is values, and at least two of them unless the
/// number stands alone on its line or after a wide gap.
fn word_kind(classes: &[Kind], wi: usize, t: &str, out: &[Piece], li: usize, wide: bool) -> Kind {
    let kind = classes.get(wi).copied().unwrap_or(Kind::Text);
    if kind != Kind::Value || is_marker(t) {
        return kind;
    }
    let rest = classes.get(wi..).unwrap_or(&[]);
    let all_values = rest.iter().all(|k| *k != Kind::Text);
    let atoms = rest.iter().filter(|k| **k == Kind::Value).count();
    let after_text = out
        .last()
        .is_some_and(|c| c.line == li && c.kind == Kind::Text);
    if !all_values || (after_text && atoms < 2 && !wide) {
        Kind::Text
    } else {
        kind
    }
}

/// A capitalised word right after a lowercase word without punctuation may
/// begin the next cell printed on the same line ("God ekonomisk styrning
/// Avvikelse från budget"): cut there and let the cell assignment decide.
fn starts_next_cell(kind: Kind, t: &str, out: &[Piece], li: usize) -> bool {
    kind == Kind::Text
        && starts_capital_word(t)
        && out.last().is_some_and(|c| {
            c.line == li
                && c.kind == Kind::Text
                && c.text.ends_with(|ch: char| ch.is_lowercase())
                && c.text.split(' ').count() >= 2
        })
}

/// Whether a word of `kind` continues the piece before it on its line.
fn attaches(cur: &Piece, kind: Kind, t: &str) -> bool {
    match (cur.kind, kind) {
        (Kind::Text, Kind::Text) => true,
        (Kind::Text, Kind::Qualifier) => true,
        (Kind::Value, Kind::Qualifier) => !cur.marker,
        (Kind::Qualifier, Kind::Qualifier) => true,
        (Kind::Qualifier, Kind::Text) => !cur.text.ends_with(')'),
        (Kind::Value, Kind::Text) => {
            // "4 arbete": a count and what it counts stays one piece.
            !cur.marker && t.chars().next().is_some_and(char::is_lowercase) && t.chars().count() > 3
        }
        _ => false,
    }
}
