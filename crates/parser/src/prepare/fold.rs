//! Tables printed one cell per line: web pages and viewer copies flattened to
//! text put every table cell on a line of its own, cells usually set apart
//! by a blank line:
//!
//! ```text
//! Intäkter
//!
//! 97 016
//!
//! 105 288
//! ```
//!
//! Such runs are folded back into rows: a label line and the value lines
//! after it become one line whose cells stand on the virtual grid of a tab
//! export ([`CELL_PITCH`] apart, `tab_cells` set), so that the table readers
//! see one row with its cells in column order. Where cells are set apart by
//! one blank line, a further blank line or a line of only whitespace is an
//! empty cell (its grid position stays free). Each word keeps its own line
//! on the page (its box's y), so every value stays traceable to the line it
//! was printed on.
//!
//! Only runs that are clearly tables are folded: at least two label lines
//! each followed by two or more lines that hold a single amount each. A value
//! glued to the next label ("186 Summa ramförändringar …", after the fused
//! words were split) ends the row it belongs to and starts the next.

use crate::words::{self, ValueWord};
use internbudget_layout::{Line, Rect, Word, text::CELL_PITCH};

/// What one line of the page is, for folding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// No characters at all.
    Blank,
    /// Only whitespace: an empty table cell where cells are set apart by
    /// blank lines.
    Space,
    /// Exactly one amount (or percentage, or a lone dash).
    Value,
    /// An amount followed by label text ("186 Summa …").
    ValueThenLabel(usize),
    /// A line naming two years or more: a table header, never part of a
    /// row's label.
    Header,
    /// Anything else: label or running text.
    Text,
}

/// A row being folded: label lines and cells (line index and word range).
#[derive(Debug, Default)]
struct Row {
    label: Vec<usize>,
    /// Cells in order: `None` for an empty cell, else (line, first word).
    cells: Vec<Option<(usize, usize)>>,
    /// The last line the row took (a value, or a line of whitespace).
    last: usize,
}

impl Row {
    fn values(&self) -> usize {
        self.cells.iter().flatten().count()
    }
}

/// Folds the one-cell-per-line tables of a text page's lines; other lines
/// are returned as they are, and lines folded into a row above are taken
/// out (`None` when nothing was folded).
pub(super) fn fold(lines: &[Line]) -> Option<Vec<Line>> {
    let kinds: Vec<Kind> = lines.iter().map(kind).collect();
    let texts: Vec<String> = lines
        .iter()
        .zip(&kinds)
        .map(|(l, k)| match k {
            Kind::Text => l.words.first().map_or_else(String::new, |w| w.text.clone()),
            _ => String::new(),
        })
        .collect();
    let rows = rows(&kinds, &texts);
    let mut out: Option<Vec<Line>> = None;
    let mut drop = vec![false; lines.len()];
    for region in regions(&rows) {
        let out = out.get_or_insert_with(|| lines.to_vec());
        for row in region.iter().filter(|r| r.values() >= 1) {
            fold_row(lines, row, out, &mut drop, &kinds);
        }
    }
    out.map(|out| {
        out.into_iter()
            .zip(drop)
            .filter(|(_, d)| !d)
            .map(|(l, _)| l)
            .collect()
    })
}

/// Runs of consecutive rows that are tables printed one cell per line: rows
/// with values, with headings (rows without values) between them, where at
/// least three rows and most rows with values have two values or more (an
/// indicator cell or a page number alone on a line does not make a table):
/// three rows or more, and two thirds of the rows with values.
fn regions(rows: &[Row]) -> Vec<&[Row]> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < rows.len() {
        // A run ends at two headings in a row (text between tables).
        let mut end = start;
        let mut headings = 0;
        while let Some(r) = rows.get(end) {
            if r.values() == 0 {
                headings += 1;
                if headings >= 2 {
                    break;
                }
            } else {
                headings = 0;
            }
            end += 1;
        }
        let run = rows.get(start..end).unwrap_or(&[]);
        let with_values = run.iter().filter(|r| r.values() >= 1).count();
        let wide = run.iter().filter(|r| r.values() >= 2).count();
        if wide >= 3 && wide * 3 >= with_values * 2 {
            out.push(run);
        }
        start = end.max(start + 1);
    }
    out
}

fn kind(line: &Line) -> Kind {
    let ws = &line.words;
    if ws.is_empty() {
        return if line.chars == 0 {
            Kind::Blank
        } else {
            Kind::Space
        };
    }
    let value_end = amount_prefix(ws);
    if value_end == ws.len() {
        Kind::Value
    } else if ws
        .iter()
        .filter(|w| crate::number::year(&w.text).is_some())
        .count()
        >= 2
    {
        Kind::Header
    } else if value_end > 0
        && ws
            .get(value_end)
            .is_some_and(|w| w.text.chars().next().is_some_and(char::is_uppercase))
    {
        Kind::ValueThenLabel(value_end)
    } else {
        Kind::Text
    }
}

/// How many words at the start of the line make one amount: an optional
/// sign, one to four digit groups (a grouped number: "126 642", "1 008"),
/// an optional percent sign; or a lone dash. 0 when the line does not start
/// with one.
fn amount_prefix(ws: &[Word]) -> usize {
    let mut i = 0;
    if ws
        .first()
        .is_some_and(|w| words::value_word(&w.text) == ValueWord::Dash)
    {
        i = 1;
        if ws.len() == 1 {
            return 1;
        }
    }
    let Some(first) = ws.get(i) else { return 0 };
    if words::value_word(&first.text) != ValueWord::Digits {
        return 0;
    }
    let (_, digits) = words::split_sign(&first.text);
    let int_len = digits.split([',', '.']).next().map_or(0, str::len);
    let mut end = i + 1;
    // Groups of three digits continue a grouped number.
    if int_len <= 3 && !digits.contains([',', '.']) {
        while let Some(w) = ws.get(end) {
            let t = w.text.trim_end_matches('*');
            let int = t.split([',', '.']).next().unwrap_or("");
            if int.len() == 3 && int.bytes().all(|b| b.is_ascii_digit()) && end - i < 4 {
                end += 1;
                if t.contains([',', '.']) {
                    break;
                }
            } else {
                break;
            }
        }
    }
    if ws.get(end).is_some_and(|w| w.text == "%") {
        end += 1;
    }
    end
}

fn starts_upper(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

/// Whether cells are set apart by blank lines: most value lines follow a
/// blank line.
fn blank_separated(kinds: &[Kind]) -> bool {
    let values: Vec<usize> = (0..kinds.len())
        .filter(|&i| matches!(kinds.get(i), Some(Kind::Value)))
        .collect();
    let after_blank = values
        .iter()
        .filter(|&&i| i > 0 && kinds.get(i - 1) == Some(&Kind::Blank))
        .count();
    values.len() >= 2 && after_blank * 2 > values.len()
}

/// Groups the page's lines into candidate rows: a label (one or more text
/// lines without a blank between them) and the cells printed after it.
fn rows(kinds: &[Kind], texts: &[String]) -> Vec<Row> {
    let blank_separated = blank_separated(kinds);
    let mut rows: Vec<Row> = Vec::new();
    let mut cur: Option<Row> = None;
    let mut blanks = 0usize;
    for (i, k) in kinds.iter().enumerate() {
        match k {
            Kind::Blank => blanks += 1,
            Kind::Space => {
                if let Some(r) = cur.as_mut().filter(|r| !r.cells.is_empty() || blanks > 0) {
                    r.cells.push(None);
                    r.last = i;
                }
                blanks = 0;
            }
            Kind::Value | Kind::ValueThenLabel(_) => {
                if let Some(r) = cur.as_mut() {
                    if blank_separated && !r.cells.is_empty() {
                        // One blank line separates cells; each further one
                        // is an empty cell.
                        for _ in 1..blanks {
                            r.cells.push(None);
                        }
                    }
                    r.cells.push(Some((i, 0)));
                    r.last = i;
                }
                blanks = 0;
                if let Kind::ValueThenLabel(_) = k {
                    rows.extend(cur.take());
                    cur = Some(Row {
                        label: vec![i],
                        cells: Vec::new(),
                        last: i,
                    });
                }
            }
            Kind::Header => {
                rows.extend(cur.take());
                blanks = 0;
            }
            Kind::Text => {
                // A text line right below a label (no blank line between)
                // continues it where cells are set apart by blank lines (a
                // cell's lines are not), or where it starts in lowercase or
                // with a parenthesis; otherwise it starts a new row.
                let continues = |r: &Row| {
                    r.cells.is_empty()
                        && blanks == 0
                        && !r.label.is_empty()
                        && (blank_separated
                            || !starts_upper(texts.get(i).map_or("", String::as_str)))
                };
                match cur.as_mut() {
                    Some(r) if continues(r) => {
                        r.label.push(i);
                        r.last = i;
                    }
                    _ => {
                        rows.extend(cur.take());
                        cur = Some(Row {
                            label: vec![i],
                            cells: Vec::new(),
                            last: i,
                        });
                    }
                }
                blanks = 0;
            }
        }
    }
    rows.extend(cur);
    // Empty cells at the end of a row say nothing.
    for r in &mut rows {
        while r.cells.last().is_some_and(Option::is_none) {
            r.cells.pop();
        }
    }
    rows
}

/// Writes one folded row into `out`: the label line gets the cells on the
/// virtual grid; the value lines it took are left blank.
fn fold_row(lines: &[Line], row: &Row, out: &mut [Line], drop: &mut [bool], kinds: &[Kind]) {
    let Some(&first) = row.label.first() else {
        return;
    };
    // The lines the row took, and the blank lines between them, go.
    for li in first + 1..=row.last {
        // A value glued to the next label stays: the label is the next row's.
        if !matches!(kinds.get(li), Some(Kind::ValueThenLabel(_)))
            && let Some(d) = drop.get_mut(li)
        {
            *d = true;
        }
    }
    let mut words: Vec<Word> = Vec::new();
    // The label: its lines' words one after another, from x = 0.
    let mut x = 0.0f32;
    for &li in &row.label {
        let Some(l) = lines.get(li) else { continue };
        x = place_run(label_words(l), x, &mut words);
    }
    for (k, cell) in row.cells.iter().enumerate() {
        let Some((li, _)) = cell else { continue };
        let Some(l) = lines.get(*li) else { continue };
        let end = amount_prefix(&l.words);
        let ws = l.words.get(..end).unwrap_or(&[]);
        place_run(ws, (k + 1) as f32 * CELL_PITCH, &mut words);
        if *li != first
            && let Some(o) = out.get_mut(*li)
        {
            // A value glued to the next label keeps the label on its line.
            o.words = l.words.get(end..).unwrap_or(&[]).to_vec();
        }
    }
    if let Some(o) = out.get_mut(first) {
        o.words = words;
        o.tab_cells = u16::try_from(row.cells.len() + 1).unwrap_or(u16::MAX);
    }
}

/// The label words of a line: all of them, except on a line that starts
/// with the value ending the row before ("186 Summa …").
fn label_words(l: &Line) -> &[Word] {
    let end = match kind(l) {
        Kind::ValueThenLabel(end) => end,
        _ => 0,
    };
    l.words.get(end..).unwrap_or(&[])
}

/// Puts a run of words one after another from `x` (gaps as printed, the
/// first word at `x`), keeping each word's line (y); returns the x after it.
fn place_run(ws: &[Word], x: f32, out: &mut Vec<Word>) -> f32 {
    let Some(first) = ws.first() else { return x };
    let shift = x - first.bbox.x0;
    let mut end = x;
    for w in ws {
        let b = Rect::new(w.bbox.x0 + shift, w.bbox.y0, w.bbox.x1 + shift, w.bbox.y1);
        end = b.x1;
        out.push(Word {
            bbox: b,
            ..w.clone()
        });
    }
    end + 1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Vec<Line> {
        text.split('\n')
            .enumerate()
            .map(|(row, t)| {
                let mut words = Vec::new();
                let mut col = 0usize;
                for part in t.split(' ') {
                    if !part.is_empty() {
                        words.push(Word::on_text_grid(part, col as f32, row as f32));
                    }
                    col += part.chars().count() + 1;
                }
                Line {
                    words,
                    source_line: Some(row as u32 + 1),
                    tab_cells: 1,
                    chars: t.chars().count() as u32,
                }
            })
            .collect()
    }

    /// Each non-blank line as its cells: words grouped by grid cell.
    fn cells(lines: &[Line]) -> Vec<Vec<String>> {
        lines
            .iter()
            .filter(|l| !l.words.is_empty())
            .map(|l| {
                let mut out: Vec<(i64, String)> = Vec::new();
                for w in &l.words {
                    let cell = (w.bbox.x0 / CELL_PITCH).floor() as i64;
                    match out.last_mut() {
                        Some((c, t)) if *c == cell => {
                            t.push(' ');
                            t.push_str(&w.text);
                        }
                        _ => out.push((cell, w.text.clone())),
                    }
                }
                out.into_iter().map(|(c, t)| format!("{c}:{t}")).collect()
            })
            .collect()
    }

    #[test]
    fn folds_cells_set_apart_by_blank_lines_with_empty_cells() {
        let text = "Budget 2022\n\nBudget 2023\n\nIntäkter\n\n97 016\n\n105 288\n\n8,5 %\n\nKostnader\n\n-462 724\n\n-509 196\n\n10,0 %\n\nResultat\n\n0\n\n\n0\n\n\n \n\nText after the table.";
        let folded = fold(&page(text)).unwrap();
        assert_eq!(
            cells(&folded),
            [
                vec!["0:Budget 2022"],
                vec!["0:Budget 2023"],
                vec!["0:Intäkter", "1:97 016", "2:105 288", "3:8,5 %"],
                vec!["0:Kostnader", "1:-462 724", "2:-509 196", "3:10,0 %"],
                vec!["0:Resultat", "1:0", "3:0"],
                vec!["0:Text after the table."],
            ]
        );
        // Each value keeps its own line on the page.
        let row = folded
            .iter()
            .find(|l| l.words.first().is_some_and(|w| w.text == "Intäkter"))
            .unwrap();
        let mut ys: Vec<f32> = row.words.iter().map(|w| w.bbox.y0).collect();
        ys.dedup();
        assert_eq!(ys, [4.0, 6.0, 8.0, 10.0]);
        assert_eq!(row.tab_cells, 4);
    }

    #[test]
    fn a_value_glued_to_the_next_label_ends_its_row() {
        let text = "A\n\n1\n\n2\n\nB\n\n3\n\n186 Summa ändringar\n\n878\n\n-361\n\nC\n\n4\n\n5";
        let folded = fold(&page(text)).unwrap();
        assert_eq!(
            cells(&folded),
            [
                vec!["0:A", "1:1", "2:2"],
                vec!["0:B", "1:3", "2:186"],
                vec!["0:Summa ändringar", "1:878", "2:-361"],
                vec!["0:C", "1:4", "2:5"],
            ]
        );
    }

    #[test]
    fn text_with_lone_numbers_is_left_alone() {
        let text = "Copied!\n18\n0\n0\n\nSome prose line with 12 words\n2021\nSida 3";
        assert!(fold(&page(text)).is_none());
        // Rows with several values on one line are not one cell per line.
        let text = "Kommunstyrelse\nPolitisk verksamhet 8,8 8,2\nSumma 97,7 98,1\nFamiljenämnd\nGymnasieskola 105,0 115,2";
        assert!(fold(&page(text)).is_none());
    }
}
