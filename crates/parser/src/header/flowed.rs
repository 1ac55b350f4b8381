//! Headers of text that lost its layout, cut into columns in printed order.
//!
//! The header words come one after another ("(tkr) Utfall2013 Förändring
//! 2012/2013 Förändring 2012/2013 Budget 2013 Budget-avvikelse", or one per
//! line). A column is a phrase: an optional measure ("Intäkter"), kind words
//! with their qualifiers ("Avvikelse mot budget", "Budget förslag"), a year
//! or a range of years, an optional "%" — or a bare year. A new column
//! starts at
//! - a kind word, once the column has a kind or a year (a phase kind —
//!   budget, plan, utfall, prognos — after a measure alone stays with it:
//!   "Nettoutgift budget 2020"; a kind after "mot" qualifies: "Avvikelse mot
//!   budget");
//! - a measure word, once the column has any word;
//! - a year, once the column has a year.
//!
//! Words before the first column (units, "Not", the stub's own header) are
//! the stub. Words broken at a hyphen ("Kost-" / "nader") and ranges broken
//! after their dash ("2019-" / "2022") are joined first.

use crate::number;
use crate::stream::StreamLine;
use crate::vocab::{HeaderWord, KindWord, header_word};
use crate::words::Lower;

/// One column as printed.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Column {
    /// The header words of the column, in printed order.
    pub(super) words: Vec<String>,
    /// The year printed with it (the later one of a range).
    pub(super) year: Option<i32>,
    /// A partial-year qualifier printed after the year ("(aug)").
    pub(super) partial: Option<String>,
    kind: Option<KindWord>,
    measure: bool,
}

impl Column {
    fn has_year(&self) -> bool {
        self.year.is_some() || self.words.iter().any(|w| range_end(w).is_some())
    }
}

/// The header's columns and its stub words, or `None` when no column is
/// found.
pub(super) fn columns(group: &[&StreamLine<'_>]) -> Option<(Vec<Column>, Vec<String>)> {
    let tokens = tokens(group);
    let mut cols: Vec<Column> = Vec::new();
    let mut stub: Vec<String> = Vec::new();
    let mut cur: Option<Column> = None;
    let mut prev: Option<String> = None;
    for t in tokens {
        let lower = Lower::of(&t);
        step(&t, prev.as_deref(), &mut cur, &mut cols, &mut stub);
        prev = Some(lower.as_str().to_string());
    }
    cols.extend(cur);
    drop_range_captions(&mut cols);
    (!cols.is_empty()).then_some((cols, stub))
}

/// A column naming a range of years ("Förändringar 2022–2025") followed by
/// bare-year columns for both ends of its range is a caption over them
/// ("2022 2023 2024 2025"), not a column: it is dropped. ("Förändring
/// 2012/2013" beside "Budget 2013" stays a column.)
fn drop_range_captions(cols: &mut Vec<Column>) {
    let mut k = 0;
    while let Some(c) = cols.get(k) {
        let range = c
            .words
            .iter()
            .find_map(|w| range_start(w).zip(range_end(w)));
        let covered = range.is_some_and(|(a, b)| {
            let later = cols.get(k + 1..).unwrap_or(&[]);
            let bare = |y: i32| {
                later
                    .iter()
                    .any(|l| l.year == Some(y) && l.kind.is_none() && !l.measure)
            };
            c.year.is_some_and(|y| y == b) && bare(a) && bare(b)
        });
        if covered {
            cols.remove(k);
        } else {
            k += 1;
        }
    }
}

/// "2019-2022": the earlier year of a range.
fn range_start(t: &str) -> Option<i32> {
    let t = t.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ':'));
    let (a, _) = t.split_once(['-', '–', '/'])?;
    number::year(a)
}

/// One token of the header: where it goes.
fn step(
    t: &str,
    prev: Option<&str>,
    cur: &mut Option<Column>,
    cols: &mut Vec<Column>,
    stub: &mut Vec<String>,
) {
    if let Some(y) = number::year(t) {
        let col = match cur.as_mut() {
            Some(c) if !c.has_year() => c,
            _ => {
                cols.extend(cur.take());
                cur.insert(Column::default())
            }
        };
        col.year = Some(y);
        col.words.push(t.to_string());
        return;
    }
    if let Some(end) = range_end(t) {
        let col = match cur.as_mut() {
            Some(c) if !c.has_year() => c,
            _ => {
                cols.extend(cur.take());
                cur.insert(Column::default())
            }
        };
        col.year = col.year.or(Some(end));
        col.words.push(t.to_string());
        return;
    }
    if is_partial(t) {
        match cur.as_mut() {
            Some(c) if c.year.is_some() => {
                c.partial = Some(t.trim_matches(['(', ')']).to_lowercase());
            }
            _ => stub.push(t.to_string()),
        }
        return;
    }
    match header_word(t) {
        Some(HeaderWord::Kind(k)) => {
            let qualifies = prev.is_some_and(|p| matches!(p, "mot" | "med" | "jämfört"));
            let close = cur.as_ref().is_some_and(|c| {
                !qualifies && (c.has_year() || c.kind.is_some() || (c.measure && !k.is_phase()))
            });
            if close || cur.is_none() {
                cols.extend(cur.take());
                *cur = Some(Column::default());
            }
            if let Some(c) = cur.as_mut() {
                c.kind = c.kind.or(Some(k));
                c.words.push(t.to_string());
            }
        }
        Some(HeaderWord::Measure(_)) => {
            if cur.as_ref().is_some_and(|c| !c.words.is_empty()) {
                cols.extend(cur.take());
            }
            let c = cur.get_or_insert_with(Column::default);
            c.measure = true;
            c.words.push(t.to_string());
        }
        Some(HeaderWord::Unit | HeaderWord::Note) => stub.push(t.to_string()),
        Some(HeaderWord::Percent) | Some(HeaderWord::Proposal | HeaderWord::Qualifier) | None => {
            match cur.as_mut() {
                Some(c) => c.words.push(t.to_string()),
                None => stub.push(t.to_string()),
            }
        }
    }
}

/// "2019-2022", "2023–2025", "2012/2013", "2022/23": the later year.
fn range_end(t: &str) -> Option<i32> {
    let t = t.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ':'));
    let (a, b) = t.split_once(['-', '–', '/'])?;
    let a = number::year(a)?;
    let b = if b.len() == 2 && b.bytes().all(|c| c.is_ascii_digit()) {
        a / 100 * 100 + b.parse::<i32>().ok()?
    } else {
        number::year(b)?
    };
    (b > a && b - a <= 20).then_some(b)
}

/// "(aug)", "(Aug)", "(delår)": a partial-year qualifier after a year.
fn is_partial(t: &str) -> bool {
    t.starts_with('(')
        && t.ends_with(')')
        && crate::words::is_month_abbrev(Lower::of(t.trim_matches(['(', ')', '.'])).as_str())
}

/// The header's words in printed order, with words broken at a hyphen over
/// two lines or two words joined ("Kost-" "nader" → "Kostnader", "Budget-"
/// "prognos" → "Budgetprognos") and ranges broken after their dash joined
/// ("2019-" "2022" → "2019-2022").
fn tokens(group: &[&StreamLine<'_>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in group {
        for w in &l.line.words {
            let t = w.text.as_str();
            if let Some(last) = out.last_mut() {
                let broken_word = last.ends_with('-')
                    && last.chars().rev().nth(1).is_some_and(char::is_alphabetic)
                    && t.chars().next().is_some_and(char::is_lowercase)
                    && !matches!(t, "och" | "eller" | "samt" | "respektive");
                let broken_range = last.ends_with(['-', '–'])
                    && number::year(last.trim_end_matches(['-', '–'])).is_some()
                    && number::year(t).is_some();
                if broken_word {
                    last.pop();
                    last.push_str(t);
                    continue;
                }
                if broken_range {
                    last.push_str(t);
                    continue;
                }
            }
            out.push(t.to_string());
        }
    }
    out
}

/// True when all kind words come first and all years after ("Bokslut
/// Budget … 2019 2020 …", two years or more and no kind or measure word
/// after the first), which the positional reading zips; otherwise kind and
/// year are printed column by column ("Bokslut 2019 Budget 2020") or there
/// are no years to zip, and [`columns`] cuts the words in printed order.
pub(super) fn kinds_then_years(group: &[&StreamLine<'_>]) -> bool {
    let tokens = tokens(group);
    let years = tokens.iter().filter(|t| number::year(t).is_some()).count();
    let Some(first_year) = tokens
        .iter()
        .position(|t| number::year(t).is_some() || range_end(t).is_some())
    else {
        return false;
    };
    years >= 2
        && !tokens.iter().skip(first_year + 1).any(|t| {
            matches!(
                header_word(t),
                Some(HeaderWord::Kind(_) | HeaderWord::Measure(_))
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use internbudget_layout::text::read_text;

    fn read_cols(text: &str) -> (Vec<(String, Option<i32>)>, Vec<String>) {
        let doc = read_text(text.as_bytes()).unwrap();
        let lines = crate::stream::content_lines(&doc);
        let group: Vec<&StreamLine<'_>> = lines.iter().filter(|l| !l.is_blank()).collect();
        let (c, s) = columns(&group).unwrap();
        (
            c.into_iter().map(|c| (c.words.join(" "), c.year)).collect(),
            s,
        )
    }

    fn c(label: &str, year: Option<i32>) -> (String, Option<i32>) {
        (label.to_string(), year)
    }

    #[test]
    fn a_range_over_its_own_years_is_a_caption() {
        let (cols, _) = read_cols("Förändringar 2022–2025\nRam 2021\n2022 2023 2024 2025\n");
        let years: Vec<Option<i32>> = cols.iter().map(|c| c.1).collect();
        assert_eq!(
            years,
            [Some(2021), Some(2022), Some(2023), Some(2024), Some(2025)],
            "{cols:?}"
        );
        // A range beside a column of the later year only is a column.
        let (cols, _) = read_cols("Förändring 2012/2013\nBudget 2013\n");
        assert_eq!(cols.len(), 2, "{cols:?}");
    }

    #[test]
    fn kind_and_year_per_column() {
        let (cols, stub) = read_cols("(mnkr) Bokslut\n2023\nBudget\n2024\nPlan\n2026\n");
        assert_eq!(
            cols,
            [
                c("Bokslut 2023", Some(2023)),
                c("Budget 2024", Some(2024)),
                c("Plan 2026", Some(2026))
            ]
        );
        assert_eq!(stub, ["(mnkr)"]);
    }

    #[test]
    fn measures_deviations_ranges_and_percent() {
        let (cols, _) = read_cols(
            "mnkr Intäkter 2019 Intäkter 2020 Kostnader 2020 Nettokostnad 2020 Budget 2020 Avvikelse mot budget 2020\n",
        );
        assert_eq!(
            cols,
            [
                c("Intäkter 2019", Some(2019)),
                c("Intäkter 2020", Some(2020)),
                c("Kostnader 2020", Some(2020)),
                c("Nettokostnad 2020", Some(2020)),
                c("Budget 2020", Some(2020)),
                c("Avvikelse mot budget 2020", Some(2020)),
            ]
        );
        let (cols, stub) = read_cols(
            "(tkr) Utfall 2013 Förändring 2012/2013 Förändring 2012/2013 Budget 2013 Budget-avvikelse\n",
        );
        assert_eq!(
            cols,
            [
                c("Utfall 2013", Some(2013)),
                c("Förändring 2012/2013", Some(2013)),
                c("Förändring 2012/2013", Some(2013)),
                c("Budget 2013", Some(2013)),
                c("Budget-avvikelse", None),
            ]
        );
        assert_eq!(stub, ["(tkr)"]);
        let (cols, _) = read_cols(
            "Kultur- och fritidsnämnd (Tkr)\nBudget 2022\nBudget 2023\nFörändring %\nPlan 2024\n",
        );
        assert_eq!(cols.get(2), Some(&c("Förändring %", None)));
    }

    #[test]
    fn words_broken_over_lines_and_columns_without_years() {
        let (cols, stub) = read_cols(
            "(mnkr) Intäkter Kost-\nnader\nNetto-\nkostnad\nKommun-\nbidrag\nAvvikelse Avvikelse\n2017\n",
        );
        assert_eq!(
            cols,
            [
                c("Intäkter", None),
                c("Kostnader", None),
                c("Nettokostnad", None),
                c("Kommunbidrag", None),
                c("Avvikelse", None),
                c("Avvikelse 2017", Some(2017)),
            ]
        );
        assert_eq!(stub, ["(mnkr)"]);
        let (cols, _) =
            read_cols("Budget\n2019 Budget\n2020 Period 2019-\n2022\nPlan\n2023 Plan 2024\n");
        assert_eq!(
            cols,
            [
                c("Budget 2019", Some(2019)),
                c("Budget 2020", Some(2020)),
                c("Period 2019-2022", Some(2022)),
                c("Plan 2023", Some(2023)),
                c("Plan 2024", Some(2024)),
            ]
        );
        let (cols, _) =
            read_cols("Investeringar Nettoutgift budget 2020 Nettoutgift förslag 2021\n");
        assert_eq!(
            cols,
            [
                c("Nettoutgift budget 2020", Some(2020)),
                c("Nettoutgift förslag 2021", Some(2021))
            ]
        );
    }

    #[test]
    fn tells_kinds_first_from_interleaved() {
        let doc = read_text(
            b"Bokslut Budget Plan\nBelopp tkr 2019 2020 2021\nBudget 2020 Plan 2021\nIntakter Avvikelse 2017\n",
        )
        .unwrap();
        let lines = crate::stream::content_lines(&doc);
        let g = |r: std::ops::Range<usize>| lines[r].iter().collect::<Vec<_>>();
        assert!(kinds_then_years(&g(0..2)));
        assert!(!kinds_then_years(&g(2..3)));
        assert!(!kinds_then_years(&g(3..4)));
    }
}
