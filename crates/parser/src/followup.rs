//! Indicator follow-ups: one measure per block of lines, as web pages of
//! municipal results flatten them.
//!
//! ```text
//! Mått Enhet   Utfall 2018 Utfall 2017 Utfall 2016 Medel Sämst Bäst
//! Delvis uppfyllt
//! Kostnad förskola, kr/inskrivet barn
//! Kostnad, kr/barn Upp 148 815 151 697 146 158 147 445 194 470 115 548
//! ```
//!
//! The header names the measure column ("Mått", "Nyckeltal", "Indikator"),
//! value columns of a kind and a year ("Utfall 2018", "Målvärde 2019") and
//! comparison columns across municipalities ("Medel", "Sämst", "Bäst",
//! "Riket", "Länet"). Each measure is a status line ("Uppfyllt", "Delvis
//! uppfyllt", "Ej uppfyllt") or none, its text, and a line with its unit,
//! its desired direction ("Upp", "Ned", "Ingen") and one value per column.
//!
//! Values printed with single spaces are cut into as many numbers as the
//! header has columns ([`crate::table::digits`]); a line that reads better
//! as fewer numbers left cells empty, and which columns they were cannot be
//! told: such a measure is kept without values. Comparison columns are not
//! the committee's outcomes or targets; they are left out, with a note.

use crate::model::{Cell, ColumnHeader, IndicatorRow, IndicatorTable, Note, NoteKind};
use crate::number::{self, DigitTok};
use crate::stream::StreamLine;
use crate::table::digits;
use crate::words::Lower;

/// Words that head the measure column.
const MEASURE_WORDS: &[&str] = &["mått", "nyckeltal", "indikator", "indikatorer", "mätetal"];

/// Comparison columns: values of other municipalities.
const COMPARISON_WORDS: &[&str] = &[
    "medel",
    "medelvärde",
    "snitt",
    "genomsnitt",
    "sämst",
    "bäst",
    "riket",
    "länet",
    "median",
];

/// Kinds of value column the committee reports on.
const KIND_WORDS: &[&str] = &["utfall", "målvärde", "mål", "prognos", "budget"];

/// Desired directions printed before the values.
const DIRECTIONS: &[&str] = &["upp", "ned", "ingen", "uppåt", "nedåt", "öka", "minska"];

/// A status of a measure, printed on a line of its own.
const STATUSES: &[&str] = &[
    "uppfyllt",
    "delvis uppfyllt",
    "ej uppfyllt",
    "inte uppfyllt",
    "ej mätt",
    "ej aktuellt",
];

/// Units printed after a value ("5,8 st").
const VALUE_UNITS: &[&str] = &["st", "kr", "tkr", "dagar", "dgr", "timmar", "år", "min"];

/// One column of the header, left to right.
#[derive(Debug, Clone, PartialEq)]
enum Col {
    /// A value column of the committee's: kind word and year.
    Value(ColumnHeader),
    /// A comparison column: left out.
    Comparison(String),
}

/// Finds the follow-up tables of the stream; `notes` gets a note per table
/// whose comparison columns were left out.
pub(crate) fn find_tables(lines: &[StreamLine<'_>], notes: &mut Vec<Note>) -> Vec<IndicatorTable> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(l) = lines.get(i) {
        let Some(cols) = header(&l.line.text()) else {
            i += 1;
            continue;
        };
        let (rows, end) = read_rows(lines, i + 1, &cols);
        if rows.is_empty() {
            i += 1;
            continue;
        }
        let skipped: Vec<&str> = cols
            .iter()
            .filter_map(|c| match c {
                Col::Comparison(w) => Some(w.as_str()),
                Col::Value(_) => None,
            })
            .collect();
        if !skipped.is_empty() {
            notes.push(Note {
                kind: NoteKind::IndicatorColumnSkipped,
                message: format!(
                    "the comparison columns {} of the indicator follow-up (other municipalities' values) were left out",
                    skipped.join(", ")
                ),
                origin: l.origin(),
            });
        }
        out.push(IndicatorTable {
            columns: cols
                .iter()
                .filter_map(|c| match c {
                    Col::Value(h) => Some(h.clone()),
                    Col::Comparison(_) => None,
                })
                .collect(),
            rows,
            origin: l.origin(),
        });
        i = end;
    }
    out
}

/// The columns of a follow-up header line, or none when the line is not
/// one: it starts with a measure word and names at least one value column.
fn header(text: &str) -> Option<Vec<Col>> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let first = Lower::of(words.first()?.trim_end_matches([':', ',']));
    if !MEASURE_WORDS.contains(&first.as_str()) {
        return None;
    }
    let mut cols = Vec::new();
    let mut k = 1;
    while let Some(w) = words.get(k) {
        let lower = Lower::of(w.trim_end_matches([',', ':']));
        let year = words.get(k + 1).and_then(|y| number::year(y));
        if KIND_WORDS.contains(&lower.as_str())
            && let Some(year) = year
        {
            cols.push(Col::Value(ColumnHeader {
                label: format!("{w} {year}"),
                year: Some(year),
                partial: None,
            }));
            k += 2;
            continue;
        }
        if COMPARISON_WORDS.contains(&lower.as_str()) {
            cols.push(Col::Comparison((*w).to_string()));
        } else if !cols.is_empty() {
            // Words after the columns began: not a header of this shape.
            return None;
        }
        k += 1;
    }
    cols.iter()
        .any(|c| matches!(c, Col::Value(_)))
        .then_some(cols)
}

/// Reads the measures from line `start` on; returns them and the line
/// after the last one taken.
fn read_rows(lines: &[StreamLine<'_>], start: usize, cols: &[Col]) -> (Vec<IndicatorRow>, usize) {
    let mut rows = Vec::new();
    let mut text: Vec<&StreamLine<'_>> = Vec::new();
    let mut blanks = 0;
    let mut i = start;
    let mut end = start;
    while let Some(l) = lines.get(i) {
        if l.is_blank() {
            blanks += 1;
            if blanks > 2 {
                break;
            }
            i += 1;
            continue;
        }
        blanks = 0;
        let t = l.line.text();
        if header(&t).is_some() {
            break;
        }
        if STATUSES.contains(&Lower::of(t.trim()).as_str()) {
            text.clear();
            i += 1;
            continue;
        }
        if let Some(values) = value_line(&t) {
            let indicator = text
                .iter()
                .map(|x| x.line.text().trim().to_string())
                .collect::<Vec<_>>()
                .join(" ");
            if indicator.is_empty() {
                break;
            }
            let origin = text.first().map_or_else(|| l.origin(), |x| x.origin());
            rows.push(IndicatorRow {
                goal_area: None,
                municipal_goal: None,
                committee_goal: None,
                indicator,
                cells: cells(&values, cols, l),
                origin: origin.merge(&l.origin()),
            });
            text.clear();
            end = i + 1;
        } else {
            // A measure's text is a line or two; more is running text.
            if text.len() >= 3 {
                break;
            }
            text.push(l);
        }
        i += 1;
    }
    (rows, end)
}

/// The value tokens of a measure's value line: what follows its direction
/// word.
fn value_line(text: &str) -> Option<Vec<&str>> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let at = words
        .iter()
        .rposition(|w| DIRECTIONS.contains(&Lower::of(w).as_str()))?;
    let values = words.get(at + 1..)?.to_vec();
    Some(values)
}

/// One cell per value column: the values cut into as many numbers as the
/// header has columns, when that is how the line reads best; otherwise
/// (cells left empty) none.
fn cells(values: &[&str], cols: &[Col], l: &StreamLine<'_>) -> Vec<Option<Cell>> {
    let n_value = cols.iter().filter(|c| matches!(c, Col::Value(_))).count();
    let none = vec![None; n_value];
    let Some(numbers) = cut(values, cols.len()) else {
        return none;
    };
    cols.iter()
        .zip(numbers)
        .filter(|(c, _)| matches!(c, Col::Value(_)))
        .map(|(_, raw)| {
            Some(Cell {
                text: raw,
                origin: l.origin(),
            })
        })
        .collect()
}

/// A value token: digits (with a decimal part), an attached percent sign,
/// and whether a unit word follows it.
struct Tok<'a> {
    digits: &'a str,
    negative: bool,
    /// The suffix that ends the number: "%" or " st".
    suffix: String,
}

/// The values as exactly `k` printed numbers ("148 815", "92%", "5,8 st"),
/// when that reads better than any fewer; none when a token is no number.
fn cut(values: &[&str], k: usize) -> Option<Vec<String>> {
    let mut toks: Vec<Tok<'_>> = Vec::new();
    for w in values {
        let lower = Lower::of(w);
        if VALUE_UNITS.contains(&lower.as_str()) {
            let last = toks.last_mut()?;
            if !last.suffix.is_empty() {
                return None;
            }
            last.suffix = format!(" {w}");
            continue;
        }
        let (body, percent) = match w.strip_suffix('%') {
            Some(b) => (b, true),
            None => (*w, false),
        };
        let (digits, negative) = match body.strip_prefix(['-', '−']) {
            Some(d) => (d, true),
            None => (body, false),
        };
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == ',') {
            return None;
        }
        toks.push(Tok {
            digits,
            negative,
            suffix: if percent { "%".into() } else { String::new() },
        });
    }
    let dt: Vec<DigitTok<'_>> = toks
        .iter()
        .map(|t| DigitTok {
            text: t.digits,
            negative: t.negative,
            percent: !t.suffix.is_empty(),
        })
        .collect();
    let best = |k: usize| -> Option<(f64, Vec<usize>)> {
        digits::cuts(&dt, k, 512)
            .into_iter()
            .map(|c| (digits::cost(&digits::numbers_of(&dt, &c), None), c))
            .min_by(|a, b| a.0.total_cmp(&b.0))
    };
    let (full, lens) = best(k)?;
    // Cells left empty: the line reads better as fewer numbers.
    if (1..k).filter_map(best).any(|(c, _)| c + 0.05 < full) {
        return None;
    }
    let mut out = Vec::with_capacity(k);
    let mut at = 0;
    for len in lens {
        let part = toks.get(at..at + len)?;
        let mut raw = String::new();
        for (j, t) in part.iter().enumerate() {
            if j > 0 {
                raw.push(' ');
            }
            if t.negative {
                raw.push('-');
            }
            raw.push_str(t.digits);
            raw.push_str(&t.suffix);
        }
        out.push(raw);
        at += len;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_with_comparison_columns() {
        let cols = header("Mått Enhet   Utfall 2018 Utfall 2017 Utfall 2016 Medel Sämst Bäst");
        let cols = cols.unwrap_or_default();
        assert_eq!(cols.len(), 6);
        assert!(matches!(&cols[0], Col::Value(h) if h.year == Some(2018)));
        assert!(matches!(&cols[5], Col::Comparison(w) if w == "Bäst"));
        assert!(header("Måttet på framgång är 2018 års utfall").is_none());
        assert!(header("Nämndmål Indikator Utfall 2020").is_none());
    }

    #[test]
    fn values_cut_into_the_columns() {
        let v = |s: &'static str| s.split_whitespace().collect::<Vec<_>>();
        assert_eq!(
            cut(&v("148 815 151 697 146 158 147 445 194 470 115 548"), 6),
            Some(
                [
                    "148 815", "151 697", "146 158", "147 445", "194 470", "115 548"
                ]
                .map(String::from)
                .to_vec()
            )
        );
        assert_eq!(
            cut(&v("5,8 st 5,3 st 5,5 st 5,1 st 6,6 st 3,6 st"), 6).map(|x| x[0].clone()),
            Some("5,8 st".to_string())
        );
        assert_eq!(
            cut(&v("84% 65,8% 71,9% 65% 0% 100%"), 6).map(|x| x[1].clone()),
            Some("65,8%".to_string())
        );
        // Four numbers printed for six columns: which ones cannot be told.
        assert_eq!(cut(&v("61 70 42 87"), 6), None);
        assert_eq!(cut(&v("101 647 110 117 154 174 89 328"), 6), None);
        assert_eq!(cut(&v("12 I.U. 14"), 3), None);
    }

    #[test]
    fn status_text_and_value_lines() {
        assert_eq!(
            value_line("Andel, % som nått kravnivån Ned 92% 93% 91% 88% 68% 99%").map(|v| v.len()),
            Some(6)
        );
        assert!(value_line("Kostnad förskola, kr/inskrivet barn").is_none());
    }
}
