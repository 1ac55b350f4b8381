//! The state of a table's reading, line by line: rows so far, labels
//! waiting for their amounts, footnotes; what a label line or a page break
//! does to it.

use super::labels::{is_footnote, is_group_heading, is_row_starter, starts_lowercase};
use crate::model::{Cell, Origin, Row, RowValues};
use crate::stream::StreamLine;
use crate::table::cells::SplitLine;
use crate::words;

/// A line of a text export folded from one cell per line (its words
/// stand on different lines of the source): its cells are in columns by
/// their order, not by where they were printed.
pub(super) fn is_folded(l: &StreamLine<'_>) -> bool {
    l.line.source_line.is_some()
        && l.line
            .words
            .windows(2)
            .any(|w| matches!(w, [a, b] if a.bbox.y0 != b.bbox.y0))
}

pub(super) fn has_amounts(r: &Row) -> bool {
    r.values.cells().iter().any(Option::is_some)
}

/// A line of amounts right below a label line.
pub(super) enum Below {
    /// Amounts without a label: the label above is theirs.
    Bare,
    /// Amounts under a label of their own starting with a capital.
    Labelled,
}

/// What the reading of a table's lines has gathered so far.
#[derive(Default)]
pub(super) struct State<'s, 'a> {
    pub(super) rows: Vec<Row>,
    /// Label lines waiting for the amounts below them.
    pub(super) pending: Vec<(String, Origin)>,
    /// A note number printed before its row's amounts.
    pub(super) pending_note: Option<Cell>,
    pub(super) footnotes: Vec<String>,
    pub(super) blanks: usize,
    /// Blank lines before the current line.
    pub(super) blanks_before: usize,
    pub(super) label_only_run: usize,
    pub(super) longest_label: usize,
    /// A line of the table was folded from one cell per line.
    pub(super) folded: bool,
    /// The left edge of the rows' labels (PDFs).
    pub(super) label_left: Option<f32>,
    /// The label waiting for its amounts is set in from that edge.
    pub(super) pending_centred: bool,
    pub(super) last_page: u32,
    pub(super) prev_line: Option<&'s StreamLine<'a>>,
    pub(super) footnote_line: Option<&'s StreamLine<'a>>,
    /// The table went on under its header repeated on a new page, and no
    /// row has started there yet.
    pub(super) after_break: bool,
}

/// What to do after a line: end the table, or go on at another line.
pub(super) enum Flow {
    End,
    Next(usize),
}

/// A label line without amounts, in lower case, right under a header
/// repeated on a new page carries on the label of the row the page break
/// cut ("Tillfällig förstärkning" / page break / "av resursfördelning
/// till"): it is joined to that row. True when the line was taken.
pub(super) fn continues_over_break(
    st: &mut State<'_, '_>,
    split: &SplitLine,
    l: &StreamLine<'_>,
) -> bool {
    if !st.after_break
        || !split.amounts.is_empty()
        || !st.pending.is_empty()
        || !starts_lowercase(&split.label)
    {
        return false;
    }
    let Some(r) = st.rows.last_mut() else {
        return false;
    };
    r.label = words::join_lines([r.label.as_str(), split.label.as_str()], &|_| false);
    r.origin = r.origin.merge(&l.origin());
    st.last_page = l.page;
    true
}

impl State<'_, '_> {
    /// Label lines left waiting without amounts were a row of their own (a
    /// heading): pushes it, if any, and empties `pending`.
    pub(super) fn push_heading(&mut self, n: usize) {
        if self.pending.is_empty() {
            return;
        }
        let (label, origin) = join_pending(&self.pending);
        self.rows.push(Row {
            label,
            values: RowValues::Placed(vec![None; n]),
            note: self.pending_note.take(),
            origin,
            ambiguous: false,
            cut_chosen: false,
        });
        self.pending.clear();
    }

    /// The rows and footnotes, once the table has ended: rows without
    /// amounts at the end are headings or text after the table, except a
    /// heading that opens rows still to come (the table goes on on the next
    /// page: "Specifikation av förändringar" as the last line of a page); a
    /// label left waiting is a last row without amounts ("varav inkomster")
    /// when short, otherwise a heading after the table.
    pub(super) fn finish(mut self, n: usize) -> (Vec<Row>, Vec<String>) {
        while self.rows.last().is_some_and(|r| {
            r.values.cells().iter().all(Option::is_none)
                && !is_row_starter(&r.label)
                && !is_group_heading(&r.label)
        }) {
            self.rows.pop();
        }
        if self.pending.len() == 1
            && let Some((label, origin)) = self.pending.first()
            && (is_row_starter(label) || is_group_heading(label))
        {
            self.rows.push(Row {
                label: label.clone(),
                values: RowValues::Placed(vec![None; n]),
                note: None,
                origin: *origin,
                ambiguous: false,
                cut_chosen: false,
            });
        }
        (self.rows, self.footnotes)
    }
}

/// A footnote line under the table, or a line going on with the footnote
/// above (no blank line, no gap wider than a line, same page). False when
/// the line is neither: the table ends.
pub(super) fn footnote<'s, 'a>(st: &mut State<'s, 'a>, l: &'s StreamLine<'a>, text: &str) -> bool {
    let close = st.footnote_line.is_none_or(|f| {
        f.page == l.page
            && (l.line.source_line.is_some()
                || l.line.bbox().y1 - f.line.bbox().y1 <= f.line.bbox().height() * 1.6)
    });
    let continues = !st.footnotes.is_empty() && st.blanks == 0 && close;
    if !(is_footnote(text) || continues) {
        return false;
    }
    if is_footnote(text) {
        st.footnotes.push(text.trim().to_string());
    } else if let Some(f) = st.footnotes.last_mut() {
        f.push(' ');
        f.push_str(text.trim());
    }
    st.footnote_line = Some(l);
    st.blanks = 0;
    true
}

pub(super) fn join_pending(parts: &[(String, Origin)]) -> (String, Origin) {
    let label = words::join_lines(parts.iter().map(|p| p.0.as_str()), &|_| false);
    let origin = parts
        .iter()
        .map(|p| p.1)
        .reduce(|a, b| a.merge(&b))
        .unwrap_or_default();
    (label, origin)
}

/// A table with no heading above it is named by its header's stub when
/// that names what the rows are ("Personal", "Basuppdrag"), not only how
/// they are given ("Belopp i tkr", "Nettokostnad").
pub(super) fn stub_title(h: &crate::table::Header) -> String {
    let words: Vec<&str> = h.stub.iter().map(|(w, _)| w.as_str()).collect();
    if words.is_empty()
        || words.len() > 6
        || words.iter().any(|w| words::header_term(w).is_some())
        || !words.iter().any(|w| w.chars().any(char::is_alphabetic))
    {
        return String::new();
    }
    words.join(" ")
}
