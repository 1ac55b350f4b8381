//! Pipe tables: text whose cells are separated by `|` (Markdown-like tables
//! of web pages turned into text, "`Verksamhetens intäkter | 270,6 | 279,0 |`").
//!
//! The pipes are taken out and the cells they separated are kept apart by a
//! wide gap, so that the table readers see separate cells, as in any text
//! whose columns are set apart by runs of spaces. A rule line (`---|---|`)
//! becomes a blank line.

use internbudget_layout::{Line, Rect, Word};

/// Character columns between two cells that a pipe separated: wider than
/// any gap inside a cell.
const CELL_GAP: f32 = 3.0;

/// True when the line has a pipe standing between cells (a word that is
/// only pipes, or a word starting or ending with one).
pub(super) fn has_pipes(line: &Line) -> bool {
    line.source_line.is_some()
        && line
            .words
            .iter()
            .any(|w| w.text.starts_with('|') || w.text.ends_with('|'))
}

/// The line with its pipes taken out: cells kept at least [`CELL_GAP`]
/// columns apart, a rule line left without words.
pub(super) fn unpipe(line: &Line) -> Line {
    if is_rule(line) {
        return Line {
            words: Vec::new(),
            ..line.clone()
        };
    }
    let mut words: Vec<Word> = Vec::with_capacity(line.words.len());
    let mut shift = 0.0f32;
    let mut cut = false;
    for w in &line.words {
        let leading = w.text.len() - w.text.trim_start_matches('|').len();
        let body = w.text.trim_matches('|');
        if leading > 0 {
            cut = true;
        }
        if !body.is_empty() {
            // Pipes inside a word ("1|2") separate cells too.
            let mut x = w.bbox.x0 + leading as f32 + shift;
            for (i, part) in body.split('|').enumerate() {
                if i > 0 {
                    cut = true;
                }
                if part.is_empty() {
                    continue;
                }
                if cut && let Some(prev) = words.last() {
                    let gap = x - prev.bbox.x1;
                    if gap < CELL_GAP {
                        shift += CELL_GAP - gap;
                        x += CELL_GAP - gap;
                    }
                }
                let width = part.chars().count() as f32;
                words.push(Word {
                    text: part.to_string(),
                    bbox: Rect::new(x, w.bbox.y0, x + width, w.bbox.y1),
                    ..w.clone()
                });
                cut = false;
                x += width + 1.0;
            }
        }
        if w.text.ends_with('|') {
            cut = true;
        }
    }
    Line {
        words,
        ..line.clone()
    }
}

/// A rule under a pipe table's header: only pipes, dashes and colons.
fn is_rule(line: &Line) -> bool {
    line.words.iter().any(|w| w.text.contains('|'))
        && line
            .words
            .iter()
            .all(|w| w.text.chars().all(|c| matches!(c, '|' | '-' | ':' | '–')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line {
        let mut words = Vec::new();
        let mut col = 0usize;
        for part in text.split(' ') {
            if !part.is_empty() {
                words.push(Word::on_text_grid(part, col as f32, 0.0));
            }
            col += part.chars().count() + 1;
        }
        Line {
            words,
            source_line: Some(1),
            tab_cells: 1,
            chars: text.chars().count() as u32,
        }
    }

    fn cells(l: &Line) -> Vec<String> {
        // Words closer than two columns are one cell.
        let mut out: Vec<String> = Vec::new();
        let mut last_x1 = f32::NEG_INFINITY;
        for w in &l.words {
            if w.bbox.x0 - last_x1 < 2.0
                && let Some(c) = out.last_mut()
            {
                c.push(' ');
                c.push_str(&w.text);
            } else {
                out.push(w.text.clone());
            }
            last_x1 = w.bbox.x1;
        }
        out
    }

    #[test]
    fn pipes_become_wide_gaps() {
        let l = line("Summa skatteintäkter | 805,1 | 827,2 | |");
        assert!(has_pipes(&l));
        assert_eq!(
            cells(&unpipe(&l)),
            ["Summa skatteintäkter", "805,1", "827,2"]
        );
        let l = line("1|270,6|279,0");
        assert_eq!(cells(&unpipe(&l)), ["1", "270,6", "279,0"]);
        let l = line("– 4,7 | 0,0 |");
        assert_eq!(cells(&unpipe(&l)), ["– 4,7", "0,0"]);
    }

    #[test]
    fn a_rule_line_is_blank() {
        assert!(unpipe(&line("---|---|---|")).words.is_empty());
        assert!(!has_pipes(&line("Budget 2021 och plan")));
    }
}
