//! Rows: lines of a table joined into rows.
//!
//! Labels broken over several lines are joined: lines without amounts wait
//! for the next amount line (bottom-aligned cells), and a lowercase line right
//! after an amount row continues that row's label (top-aligned cells). In
//! PDFs whose rows are set apart by more space than the lines inside a cell,
//! that spacing decides ([`TableReader::same_row`]). A complete label line
//! without amounts followed by a new label is a heading row; footnotes and
//! running text end the table.

use super::TableReader;
use super::cells::{Amount, value_like};
use super::geometry::{Mode, same_positions};
use crate::header;
use crate::model::{Note, Origin, Row, RowValues, Table};
use crate::number;
use crate::stream::StreamLine;
use crate::words;

impl<'s, 'a> TableReader<'s, 'a> {
    /// Reads rows until the table ends; returns the table and the stream index
    /// after it.
    pub(super) fn read(&self, notes: &mut Vec<Note>) -> (Table, usize) {
        let h = self.header;
        let mut rows: Vec<Row> = Vec::new();
        let mut pending: Vec<(String, Origin)> = Vec::new();
        let mut footnotes: Vec<String> = Vec::new();
        let mut blanks = 0usize;
        let mut label_only_run = 0usize;
        let mut longest_label = 20usize;
        let mut i = h.end + 1;
        let mut last_page = self.lines.get(h.end).map_or(0, |l| l.page);
        let mut prev_line: Option<&StreamLine<'a>> = None;
        let mut footnote_line: Option<&StreamLine<'a>> = None;
        while let Some(l) = self.lines.get(i) {
            if self.deadline.passed() {
                break;
            }
            if l.is_blank() {
                // Blank lines at the top of the next page are its margin.
                if l.page == last_page {
                    blanks += 1;
                }
                if blanks > 6 {
                    break;
                }
                i += 1;
                continue;
            }
            let text = l.line.text();
            // A tab-separated table ends at the first line without tabs,
            // but for footnotes printed right below it ("* Del av …").
            if self.header.tabbed
                && l.line.tab_cells <= 1
                && !(footnotes.is_empty() && blanks <= 1 && is_footnote(&text))
            {
                break;
            }
            // A repeated header after a page break continues the table.
            if let Some(h2) = header::amount_header_at(self.lines, i)
                && h2.start <= i
            {
                let continues = l.page != last_page && h2.same_columns(h);
                if continues && !same_positions(&h2, h) {
                    // Continued under a header at other positions (another
                    // page width): the caller reads on with that geometry.
                    break;
                }
                if continues {
                    i = h2.end + 1;
                    last_page = l.page;
                    prev_line = None;
                    continue;
                }
                break;
            }
            if !footnotes.is_empty() || is_footnote(&text) {
                // A footnote goes on over the lines right below it: no blank
                // line, no gap wider than a line, same page.
                let close = footnote_line.is_none_or(|f| {
                    f.page == l.page
                        && (l.line.source_line.is_some()
                            || l.line.bbox().y1 - f.line.bbox().y1 <= f.line.bbox().height() * 1.6)
                });
                let continues = !footnotes.is_empty() && blanks == 0 && close;
                if is_footnote(&text) || continues {
                    if is_footnote(&text) {
                        footnotes.push(text.trim().to_string());
                    } else if let Some(f) = footnotes.last_mut() {
                        f.push(' ');
                        f.push_str(text.trim());
                    }
                    footnote_line = Some(l);
                    blanks = 0;
                    i += 1;
                    continue;
                }
                break;
            }
            if self.is_running_text(l) {
                break;
            }
            let mut split = self.split_line(l.line, &self.mode);
            self.fix_label_numbers(&mut split, &pending, i);
            let same_row = self.same_row(prev_line, l);
            prev_line = Some(l);
            // Rows set apart by spacing (PDF): a line within the line pitch of
            // the previous one belongs to the same row.
            if same_row == Some(true)
                && pending.is_empty()
                && let Some(r) = rows.last_mut()
                && (split.amounts.is_empty() || self.fits_into(r, &split.amounts))
            {
                if !split.label.is_empty() {
                    r.label =
                        words::join_lines([r.label.as_str(), split.label.as_str()], &|_| false);
                }
                if !split.amounts.is_empty()
                    && let RowValues::Placed(cells) = self.place(&split.amounts, l, r.origin, notes)
                    && let RowValues::Placed(existing) = &mut r.values
                {
                    for (slot, new) in existing.iter_mut().zip(cells) {
                        if slot.is_none() {
                            *slot = new;
                        }
                    }
                }
                r.origin = r.origin.merge(&l.origin());
                blanks = 0;
                last_page = l.page;
                i += 1;
                continue;
            }
            if same_row == Some(false) && !pending.is_empty() {
                // A new row starts while a label waits without amounts: the
                // waiting label was a row of its own (a heading).
                push_heading(&mut rows, &mut pending, self.n);
            }
            if split.amounts.is_empty() {
                if self.is_prose(&split.label, l, longest_label) {
                    break;
                }
                label_only_run += 1;
                if label_only_run > 6 {
                    break;
                }
                let origin = l.origin();
                if self.header.tabbed && usize::from(l.line.tab_cells) > self.n {
                    // A tab export prints every cell of a row: a label whose
                    // cells are all there and empty is a row of its own (a
                    // group heading), not a label going on on the next line.
                    push_heading(&mut rows, &mut pending, self.n);
                    rows.push(Row {
                        label: split.label,
                        values: RowValues::Placed(vec![None; self.n]),
                        origin,
                    });
                    blanks = 0;
                    last_page = l.page;
                    i += 1;
                    continue;
                }
                let heuristics = same_row.is_none();
                // "… den 13 juni" / "2022", "… åtgärd år" / "2026": a year alone
                // on a label line ends the label above.
                let year_tail = split.label.split_whitespace().count() == 1
                    && number::year(&split.label).is_some();
                let last_unfinished =
                    year_tail || rows.last().is_some_and(|r| label_unfinished(&r.label));
                let continues_last = (heuristics || last_unfinished)
                    && pending.is_empty()
                    && blanks <= 1
                    && (starts_lowercase(&split.label) || last_unfinished)
                    && !is_row_starter(&split.label)
                    && rows
                        .last()
                        .is_some_and(|r| r.values.cells().iter().any(Option::is_some));
                if continues_last && let Some(r) = rows.last_mut() {
                    r.label =
                        words::join_lines([r.label.as_str(), split.label.as_str()], &|_| false);
                    r.origin = r.origin.merge(&origin);
                } else if heuristics
                    && !pending.is_empty()
                    && !label_unfinished(pending.last().map_or("", |p| p.0.as_str()))
                    && (starts_with_capital(&split.label) || is_row_starter(&split.label))
                {
                    // The pending label is complete and a new one starts: the
                    // pending one is a row without amounts (a group heading).
                    push_heading(&mut rows, &mut pending, self.n);
                    pending.push((split.label, origin));
                } else {
                    pending.push((split.label, origin));
                }
                blanks = 0;
                last_page = l.page;
                i += 1;
                continue;
            }
            label_only_run = 0;
            blanks = 0;
            last_page = l.page;
            // Without spacing to go by, a complete waiting label followed by an
            // amount line with a label of its own is a heading row
            // ("Arbetsmarknad och integration" above "Ny- och återanskaffning
            // av inventarier  0  250").
            let pending_text = pending
                .iter()
                .map(|p| p.0.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            if same_row.is_none()
                && !pending.is_empty()
                && (is_group_heading(&pending_text)
                    || is_row_starter(&split.label)
                    || (!label_unfinished(&pending_text)
                        && starts_with_capital(&split.label)
                        && split.label.split_whitespace().count() >= 2))
            {
                push_heading(&mut rows, &mut pending, self.n);
            }
            let mut label_parts = std::mem::take(&mut pending);
            if !split.label.is_empty() {
                label_parts.push((split.label.clone(), l.origin()));
            }
            let (label, label_origin) = join_pending(&label_parts);
            longest_label = longest_label.max(label.chars().count().min(120));
            let origin = label_origin.merge(&l.origin());
            let values = self.place(&split.amounts, l, origin, notes);
            rows.push(Row {
                label,
                values,
                origin,
            });
            i += 1;
        }
        // Rows without amounts at the end are headings or text after the
        // table, except a heading that opens rows still to come (the table
        // goes on on the next page: "Specifikation av förändringar" as the
        // last line of a page).
        while rows.last().is_some_and(|r| {
            r.values.cells().iter().all(Option::is_none)
                && !is_row_starter(&r.label)
                && !is_group_heading(&r.label)
        }) {
            rows.pop();
        }
        // Label lines left waiting at the end: a last row without amounts
        // ("varav inkomster") when short, otherwise a heading after the table.
        if pending.len() == 1
            && let Some((label, origin)) = pending.first()
            && (is_row_starter(label) || is_group_heading(label))
        {
            rows.push(Row {
                label: label.clone(),
                values: RowValues::Placed(vec![None; self.n]),
                origin: *origin,
            });
        }
        let table = Table {
            title: h.title.clone().unwrap_or_default(),
            header_text: h.text.clone(),
            columns: h.columns.iter().map(|c| c.header.clone()).collect(),
            rows,
            footnotes,
            origin: h.origin(self.lines),
        };
        (table, i)
    }

    /// Baseline steps between consecutive lines of the table come in two
    /// sizes when cells have padding: the line pitch inside a cell and the
    /// larger step between rows. Returns the threshold between them, or
    /// `None` when the spacing is uniform (then the label rules decide).
    pub(super) fn detect_row_gap(&self) -> Option<f32> {
        let table_lines: Vec<&StreamLine<'_>> = self
            .data_lines()
            .take(60)
            .take_while(|l| !self.is_running_text(l) && !is_footnote(&l.line.text()))
            .collect();
        let height = table_lines
            .iter()
            .flat_map(|l| l.line.words.iter().map(|w| w.size))
            .fold(0.0f32, f32::max);
        let mut steps: Vec<f32> = table_lines
            .windows(2)
            .filter_map(|w| match w {
                [a, b] if a.page == b.page => {
                    let d = b.line.bbox().y1 - a.line.bbox().y1;
                    (d >= height * 0.9 && d < height * 3.0).then_some(d)
                }
                _ => None,
            })
            .collect();
        if steps.len() < 3 {
            return None;
        }
        steps.sort_by(f32::total_cmp);
        let small = steps.first().copied()?;
        let threshold = small * 1.1 + 0.5;
        let large: Vec<f32> = steps.iter().copied().filter(|s| *s > threshold).collect();
        let inside = steps.len() - large.len();
        let large_min = large.iter().copied().fold(f32::INFINITY, f32::min);
        // Both kinds must occur, and rows must be clearly set apart.
        (large.len() >= 2 && inside >= 1 && large_min >= small * 1.15).then_some(threshold)
    }

    /// Whether line `l` sits within one row's line pitch below `prev`
    /// (`None` when the table's spacing does not tell rows apart).
    pub(super) fn same_row(
        &self,
        prev: Option<&StreamLine<'_>>,
        l: &StreamLine<'_>,
    ) -> Option<bool> {
        let gap = self.row_gap?;
        let Some(p) = prev else { return Some(false) };
        if p.page != l.page {
            return Some(false);
        }
        Some(l.line.bbox().y1 - p.line.bbox().y1 <= gap)
    }

    /// True when the amounts of a line only fill cells the row left empty.
    pub(super) fn fits_into(&self, row: &Row, amounts: &[Amount]) -> bool {
        let Mode::Geometric(g) = &self.mode else {
            return false;
        };
        let RowValues::Placed(cells) = &row.values else {
            return false;
        };
        amounts.iter().filter(|a| !a.empty).all(|a| {
            g.column_of(a.x0, a.x1)
                .is_some_and(|c| cells.get(c).is_some_and(Option::is_none))
        })
    }

    /// Running text after a table (geometric sources): a long line whose
    /// words, other than amounts, reach into the value columns.
    pub(super) fn is_running_text(&self, l: &StreamLine<'_>) -> bool {
        let Mode::Geometric(g) = &self.mode else {
            return false;
        };
        if self.header.tabbed {
            return false;
        }
        let stray = l
            .line
            .words
            .iter()
            .filter(|w| w.bbox.x1 > g.value_left + g.spacing * 0.5 && !value_like(&w.text))
            .count();
        stray >= 2 && l.line.words.len() >= 6
    }

    /// Long lines without amounts end a table: running text after it.
    pub(super) fn is_prose(&self, label: &str, l: &StreamLine<'_>, longest_label: usize) -> bool {
        let n_words = label.split_whitespace().count();
        let chars = label.chars().count();
        match &self.mode {
            Mode::Geometric(g) => {
                let x1 = l.line.bbox().x1;
                (x1 > g.value_left + g.spacing && n_words >= 6) || chars > 160
            }
            Mode::Flowed => n_words >= 8 && chars > longest_label.max(45) + 15,
        }
    }
}

/// Label lines left waiting without amounts were a row of their own (a
/// heading): pushes it, if any, and empties `pending`.
pub(super) fn push_heading(rows: &mut Vec<Row>, pending: &mut Vec<(String, Origin)>, n: usize) {
    if pending.is_empty() {
        return;
    }
    let (label, origin) = join_pending(pending);
    rows.push(Row {
        label,
        values: RowValues::Placed(vec![None; n]),
        origin,
    });
    pending.clear();
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

/// Footnotes under a table start with stars or a footnote number.
pub(super) fn is_footnote(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('*') && t.trim_start_matches('*').starts_with(' ')
}

pub(super) fn starts_lowercase(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
}

pub(super) fn starts_with_capital(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// A heading inside a table that groups the rows after it and never takes
/// amounts of its own ("Specifikation av förändringar").
pub(super) fn is_group_heading(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    lower.starts_with("specifikation av förändring")
        || lower == "förändringar"
        || lower.starts_with("varav:")
}

/// Labels that always start a row of their own.
pub(super) fn is_row_starter(text: &str) -> bool {
    let first = words::Lower::of(text.split_whitespace().next().unwrap_or(""));
    matches!(
        first.as_str(),
        "varav" | "därav" | "summa" | "totalt" | "varav:" | "därav:"
    )
}

/// A label line ending in a word that cannot end a label.
pub(super) fn label_unfinished(text: &str) -> bool {
    let t = text.trim_end();
    if t.ends_with(',') || t.ends_with('-') {
        return true;
    }
    let last = words::Lower::of(t.rsplit(' ').next().unwrap_or(""));
    matches!(
        last.as_str(),
        "och"
            | "för"
            | "till"
            | "av"
            | "i"
            | "med"
            | "från"
            | "enligt"
            | "den"
            | "inkl."
            | "inkl"
            | "exkl."
            | "samt"
            | "om"
            | "på"
            | "vid"
            | "efter"
            | "under"
            | "per"
            | "år"
            | "mot"
            | "inom"
            | "utan"
    )
}
