//! The document as one stream of content lines, with page furniture removed.
//!
//! Running headers and footers ("Sida 13 av 22", "Arbetsmarknadsnämnden –
//! Internbudget 2021 …" at the top of every page) would otherwise cut tables
//! that continue on the next page in two. A line is furniture when it sits in
//! the top or bottom band of its page and either is a page number ("Sida 3 av
//! 18", "3") or its text, with digits masked, recurs in that band on several
//! pages.

use crate::model::Origin;
use crate::{number, words};
use internbudget_layout::{Document, Line, SourceKind};
use std::collections::HashMap;

/// One content line of the stream.
#[derive(Debug, Clone, Copy)]
pub struct StreamLine<'a> {
    /// 1-based page number.
    pub page: u32,
    /// The line.
    pub line: &'a Line,
    /// A word of the line is a year: the cheap first test for a table
    /// header, asked of each line many times, so computed once.
    pub has_year: bool,
    /// The line is a header's line of years (see `header::is_year_line`),
    /// computed once for the same reason.
    pub year_line: bool,
}

impl StreamLine<'_> {
    /// True when the line has no words.
    pub fn is_blank(&self) -> bool {
        self.line.words.is_empty()
    }

    /// The origin of the whole line (for a table row folded from several
    /// source lines, the first to the last of them).
    pub fn origin(&self) -> Origin {
        let line_end = self
            .line
            .words
            .iter()
            .filter_map(|w| line_at(self.line, w.bbox.y0))
            .max()
            .filter(|&end| self.line.source_line.is_some_and(|l| end > l));
        Origin {
            page: self.page,
            line: self.line.source_line,
            line_end,
            bbox: (!self.line.words.is_empty() && self.line.source_line.is_none())
                .then(|| self.line.bbox()),
            cell: crate::model::cell_of(&self.line.words),
        }
    }
}

/// The source line a word of a text line was printed on, from the top of
/// its box (`y0`). Words of one line share it, except in a table row folded
/// from one-cell-per-line text, whose words keep the row (y) of the line
/// they came from.
pub fn line_at(line: &Line, y0: f32) -> Option<u32> {
    let first = line.source_line?;
    let base = line.words.first()?.bbox.y0;
    let offset = (y0 - base).round();
    if offset > 0.0 && offset < 1.0e6 {
        Some(first.saturating_add(offset as u32))
    } else {
        Some(first)
    }
}

/// Builds the content stream of a document.
pub fn content_lines(doc: &Document) -> Vec<StreamLine<'_>> {
    let furniture = furniture_keys(doc);
    let mut out = Vec::new();
    for page in &doc.pages {
        let band = band_indices(&page.lines);
        for (i, line) in page.lines.iter().enumerate() {
            if !line.words.is_empty() {
                let text = line.text();
                let side = band.iter().find(|(k, _)| *k == i).map(|&(_, top)| top);
                let masked = mask_digits(&text);
                let recurs = band
                    .iter()
                    .any(|&(k, top)| k == i && furniture.contains_key(&(top, masked.clone())));
                if side.is_some()
                    && (is_page_number(&text)
                        || (recurs
                            && !is_table_header(line)
                            && (doc.kind != SourceKind::Pdf || stands_apart(&page.lines, i))))
                {
                    continue;
                }
            }
            // Keep blank lines of text sources: they separate blocks.
            if line.words.is_empty() && doc.kind == SourceKind::Pdf {
                continue;
            }
            let has_year = line
                .words
                .iter()
                .any(|w| crate::number::year(&w.text).is_some());
            out.push(StreamLine {
                page: page.number,
                line,
                has_year,
                year_line: has_year && crate::header::is_year_line(line),
            });
        }
    }
    out
}

/// Running headers and footers stand apart from the body: no line of the
/// page sits within a line height (and a bit) above or below them, as the
/// lines of a paragraph or a table do, even at wide line spacing (a sentence
/// or a year that recurs at a page end is body text).
fn stands_apart(lines: &[Line], i: usize) -> bool {
    let Some(line) = lines.get(i) else {
        return false;
    };
    let b = line.bbox();
    let h = b.height().max(1.0);
    lines.iter().enumerate().all(|(k, other)| {
        if k == i || other.words.is_empty() {
            return true;
        }
        let o = other.bbox();
        let gap = if o.y0 >= b.y1 {
            o.y0 - b.y1
        } else if b.y0 >= o.y1 {
            b.y0 - o.y1
        } else {
            return true; // side by side (a left and a right part of one header)
        };
        gap >= h * 1.2
    })
}

/// A table header repeated at the top (or bottom) of each page a table runs
/// over recurs like a running header, but it is content: two or more header
/// cells side by side — years, column words ("Bokslut", "Budget", "Plan") or
/// indicator-table words ("Nämndmål", "Målvärde") — set apart by wide gaps,
/// with no other word between them ("Internbudget 2021 med plan" is not).
fn is_table_header(line: &Line) -> bool {
    let is_cell = |w: &str| {
        number::year(w).is_some()
            || words::header_term(w) == Some(words::HeaderTerm::Kind)
            || words::is_indicator_column_word(w)
    };
    let spaced_cells = line.words.windows(2).any(|p| match p {
        [a, b] => is_cell(&a.text) && is_cell(&b.text) && words::gap_in_spaces(a, b) >= 2.0,
        _ => false,
    });
    // A header line squeezed to single spaces ("Mnkr Not Bokslut Budget
    // Plan"): nothing but column words, qualifiers, units and the note
    // column's name, two column words among them ("Budget och plan 2024"
    // is a title).
    let header_words_only = line.words.iter().all(|w| {
        number::year(&w.text).is_some()
            || matches!(
                words::header_term(&w.text),
                Some(
                    words::HeaderTerm::Kind
                        | words::HeaderTerm::Qualifier
                        | words::HeaderTerm::Unit
                )
            )
            || crate::vocab::header_word(&w.text) == Some(crate::vocab::HeaderWord::Note)
    }) && line.words.iter().filter(|w| is_cell(&w.text)).count() >= 2;
    spaced_cells || header_words_only
}

/// "3", "Sida 3", "Sida 3 av 18", "Page 3 of 18", "3/18", "- 3 -".
fn is_page_number(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty() && !matches!(*w, "-" | "–"))
        .collect();
    let num = |w: &str| !w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit());
    match words.as_slice() {
        // A lone number: up to three digits ("2022" alone ends a label).
        [n] => num(n) && n.len() <= 3,
        [a, b] => {
            (matches!(*a, "sida" | "page" | "s.") && num(b))
                || (lower.contains('/') && num(a) && num(b))
        }
        [p, n, sep, m] => {
            matches!(*p, "sida" | "page" | "s.") && num(n) && matches!(*sep, "av" | "of") && num(m)
        }
        [n, sep, m] => num(n) && matches!(*sep, "av" | "of") && num(m),
        _ => false,
    }
}

fn mask_digits(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Indices of the first and last three non-empty lines of a page, each
/// with its side (true: top band).
fn band_indices(lines: &[Line]) -> Vec<(usize, bool)> {
    let nonempty: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.words.is_empty())
        .map(|(i, _)| i)
        .collect();
    let mut out: Vec<(usize, bool)> = nonempty.iter().take(3).map(|&i| (i, true)).collect();
    out.extend(nonempty.iter().rev().take(3).map(|&i| (i, false)));
    out
}

/// Masked texts that recur in the top/bottom band of at least two pages and of
/// at least a third of the pages.
fn furniture_keys(doc: &Document) -> HashMap<(bool, String), usize> {
    if doc.pages.len() < 3 {
        return HashMap::new();
    }
    let mut counts: HashMap<(bool, String), usize> = HashMap::new();
    for page in &doc.pages {
        let mut seen = Vec::new();
        for (i, top) in band_indices(&page.lines) {
            if let Some(line) = page.lines.get(i) {
                let key = (top, mask_digits(&line.text()));
                if key.1.len() >= 4 && !seen.contains(&key) {
                    seen.push(key);
                }
            }
        }
        for key in seen {
            *counts.entry(key).or_default() += 1;
        }
    }
    let min = (doc.pages.len() / 3).max(2);
    counts.retain(|_, n| *n >= min);
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use internbudget_layout::text::read_text;

    #[test]
    fn drops_running_headers_and_page_numbers() {
        let mut src = String::new();
        for (p, body) in ["Inledning", "Uppdrag", "Ekonomi", "Bilagor"]
            .iter()
            .enumerate()
        {
            let p = p + 1;
            src.push_str(&format!(
                "Nämnden – Internbudget 2021\n{body} text\nmore {body}\n\nSida {p} av 4\n\u{c}"
            ));
        }
        let doc = read_text(src.as_bytes()).ok();
        let texts: Vec<String> = doc
            .as_ref()
            .map(|d| {
                content_lines(d)
                    .iter()
                    .filter(|l| !l.is_blank())
                    .map(|l| l.line.text())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(texts.first().map(String::as_str), Some("Inledning text"));
        assert!(is_page_number("Sida 3 av 18") && is_page_number("3") && is_page_number("- 12 -"));
        assert!(
            !is_page_number("2020 Budget") && !is_page_number("12345") && !is_page_number("12 345")
        );
        assert!(
            texts
                .iter()
                .all(|t| !t.contains("Sida") && !t.contains("Internbudget"))
        );
    }

    #[test]
    fn keeps_a_squeezed_table_header_repeated_at_page_tops() {
        // A table going on over three pages repeats its header at each top;
        // the kinds line is squeezed to single spaces, yet it is content.
        let mut src = String::new();
        for p in 1..=3 {
            src.push_str(&format!(
                "Mnkr Not Bokslut Budget Plan\n\n        2023     2024   2025\nPost {p}   1,0   2,0   3,0\nmore\nlast\n\u{c}"
            ));
        }
        let doc = read_text(src.as_bytes()).ok();
        let kept = doc.as_ref().map_or(0, |d| {
            content_lines(d)
                .iter()
                .filter(|l| l.line.text().starts_with("Mnkr Not"))
                .count()
        });
        assert_eq!(kept, 3);
        // A running title with other words still goes.
        let line = |t: &str| {
            read_text(t.as_bytes())
                .ok()
                .and_then(|d| d.pages.into_iter().next())
                .and_then(|p| p.lines.into_iter().next())
        };
        assert!(line("Budget och plan 2024").is_some_and(|l| !is_table_header(&l)));
        assert!(line("Budget Plan").is_some_and(|l| is_table_header(&l)));
    }
}
