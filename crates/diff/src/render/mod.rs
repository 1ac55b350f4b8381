//! Renderings of a [`Diff`] for people and tools: daff
//! highlighter CSV ([`csv()`]), a CSV for spreadsheets ([`excel()`]),
//! Markdown ([`markdown()`]) and one self-contained HTML page
//! ([`html()`]). JSON is the serde serialization of the diff itself.
//!
//! The reports (Markdown, HTML) are in Swedish by default or in English
//! ([`Lang`]); amounts are grouped by thousands with a Unicode minus,
//! Swedish style ("−2 699", "1 234,5", "+27,2 %") or English ("1 234.5",
//! "+27.2 %"). [`ReportOptions`] choose the tables, the rows
//! (`changed_only`, `min_change`) and their order (`sort`) of every
//! rendering; the JSON always holds the whole diff.

mod charts;
mod csv;
mod excel;
mod html;
mod markdown;
mod view;
mod words;

pub use csv::csv;
pub use excel::excel;
pub use html::html;
pub use markdown::markdown;

use crate::model::{ColumnRef, Diff, DocumentRef, Match, MatchKind};
use internbudget_normalizer::{Amount, ColumnKind, TableRole, Unit};
use rust_decimal::Decimal;

/// The language of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Swedish (the default).
    #[default]
    Sv,
    /// English.
    En,
}

/// The order of the rows of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// As printed in the later document (the default).
    #[default]
    Source,
    /// Largest change in amount first.
    Change,
    /// Largest relative change first.
    Percent,
    /// By label, alphabetically.
    Label,
}

/// The least change a row must show to be listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinChange {
    /// An amount in the table's unit (500 tkr).
    Amount(Decimal),
    /// A relative change in per cent (5 %).
    Percent(Decimal),
}

impl std::str::FromStr for MinChange {
    type Err = String;

    /// "500" (an amount in the table's unit) or "5%" (per cent); a decimal
    /// comma is accepted.
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim();
        let (num, pct) = match t.strip_suffix('%') {
            Some(n) => (n.trim(), true),
            None => (t, false),
        };
        let d: Decimal = num
            .replace(',', ".")
            .parse()
            .map_err(|_| format!("not an amount or a per cent: {s:?}"))?;
        if d.is_sign_negative() {
            return Err(format!("a least change cannot be negative: {s:?}"));
        }
        Ok(if pct {
            MinChange::Percent(d)
        } else {
            MinChange::Amount(d)
        })
    }
}

/// What a rendering shows and how.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// The language of the reports.
    pub lang: Lang,
    /// The order of each table's line items (change rows stay under their
    /// line item; totals and frames keep their place).
    pub sort: SortOrder,
    /// Leave out line items and change rows whose change is smaller.
    pub min_change: Option<MinChange>,
    /// Only rows that changed: a value, a label, added, removed or moved.
    pub changed_only: bool,
    /// Only tables of this role.
    pub table: Option<TableRole>,
}

/// The unit as printed; a dash for numbers that are not kronor.
pub(crate) fn unit_name(u: Option<Unit>) -> &'static str {
    match u {
        Some(Unit::Kr) => "kr",
        Some(Unit::Tkr) => "tkr",
        Some(Unit::Mnkr) => "mnkr",
        None => "–",
    }
}

/// A one-letter marker of a column kind for series tables.
fn kind_letter(c: &ColumnRef, lang: Lang) -> &'static str {
    match (lang, c.kind) {
        (Lang::Sv, ColumnKind::Outcome) => "U",
        (Lang::Sv, ColumnKind::Budget) => "B",
        (Lang::Sv, ColumnKind::Plan) => "P",
        (Lang::Sv, ColumnKind::Target) => "M",
        (Lang::Sv, ColumnKind::Forecast) => "Pr",
        (Lang::En, ColumnKind::Outcome) => "O",
        (Lang::En, ColumnKind::Budget) => "B",
        (Lang::En, ColumnKind::Plan) => "P",
        (Lang::En, ColumnKind::Target) => "T",
        (Lang::En, ColumnKind::Forecast) => "F",
        (Lang::Sv, ColumnKind::Frame) => "R",
        (Lang::En, ColumnKind::Frame) => "Fr",
        (_, ColumnKind::Change) => "Δ",
        (Lang::Sv, ColumnKind::Deviation) => "A",
        (Lang::En, ColumnKind::Deviation) => "D",
    }
}

/// Numbers written for a language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num {
    lang: Lang,
}

impl Num {
    pub(crate) fn new(lang: Lang) -> Num {
        Num { lang }
    }

    fn decimal_sign(self) -> char {
        match self.lang {
            Lang::Sv => ',',
            Lang::En => '.',
        }
    }

    /// An amount grouped by thousands (no-break spaces) with a Unicode
    /// minus: "−2 699", "1 234,5".
    pub(crate) fn amount(self, a: Amount) -> String {
        let s = a.0.normalize().abs().to_string();
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i.to_string(), Some(f.to_string())),
            None => (s, None),
        };
        let mut grouped = String::new();
        let digits: Vec<char> = int.chars().collect();
        for (i, c) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push('\u{a0}');
            }
            grouped.push(*c);
        }
        if let Some(f) = frac {
            grouped.push(self.decimal_sign());
            grouped.push_str(&f);
        }
        if a.0.is_sign_negative() && !a.0.is_zero() {
            format!("\u{2212}{grouped}")
        } else {
            grouped
        }
    }

    /// A signed amount: "+57 624", "−537", "±0".
    pub(crate) fn signed(self, a: Amount) -> String {
        if a.0.is_zero() {
            "±0".into()
        } else if a.0.is_sign_negative() {
            self.amount(a)
        } else {
            format!("+{}", self.amount(a))
        }
    }

    /// A relative change (a fraction) as per cent with one decimal:
    /// "+27,2 %".
    pub(crate) fn percent(self, r: Amount) -> String {
        let p =
            r.0.checked_mul(Decimal::from(100))
                .unwrap_or(Decimal::MAX)
                .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        let s = format!("{:.1}", p.abs()).replace('.', &self.decimal_sign().to_string());
        if p.is_zero() {
            format!("±0{}0\u{a0}%", self.decimal_sign())
        } else if p.is_sign_negative() {
            format!("\u{2212}{s}\u{a0}%")
        } else {
            format!("+{s}\u{a0}%")
        }
    }

    /// A score in 0..=1 with two decimals: "0,87".
    pub(crate) fn score(self, s: f64) -> String {
        format!("{s:.2}").replace('.', &self.decimal_sign().to_string())
    }
}

/// How a pair was matched, in words: "exakt", "alias", "likhet 0,87", …
fn match_text(m: Option<&Match>, lang: Lang) -> String {
    let w = words::of(lang);
    let n = Num::new(lang);
    match m {
        None => String::new(),
        Some(m) => match m.kind {
            MatchKind::Exact => w.m_exact.into(),
            MatchKind::Alias => w.m_alias.into(),
            MatchKind::Fuzzy => format!("{} {}", w.m_fuzzy, n.score(m.score)),
            MatchKind::Kind => w.m_kind.into(),
            MatchKind::Outcomes => format!("{} {}", w.m_outcomes, n.score(m.score)),
        },
    }
}

/// A short name of a document: "d1 2019".
fn doc_name(d: &DocumentRef) -> String {
    match d.budget_year {
        Some(y) => format!("{} {y}", d.id),
        None => d.id.clone(),
    }
}

/// The document of an id.
fn doc<'a>(diff: &'a Diff, id: &str) -> Option<&'a DocumentRef> {
    diff.documents.iter().find(|d| d.id == id)
}

/// The heading of a diff: committee and municipality of the later document
/// and the budget years.
fn heading(diff: &Diff) -> String {
    let last = diff.documents.last();
    let committee = last.and_then(|d| d.committee.clone());
    let municipality = last.and_then(|d| d.municipality.clone());
    let years: Vec<String> = diff
        .documents
        .iter()
        .map(|d| {
            d.budget_year
                .map_or_else(|| d.id.clone(), |y| y.to_string())
        })
        .collect();
    let what = match (committee, municipality) {
        (Some(c), Some(m)) => format!("{c}, {m}"),
        (Some(c), None) => c,
        (None, Some(m)) => m,
        (None, None) => "internbudget".into(),
    };
    format!("{what}: {}", years.join(" → "))
}

/// Escapes text for HTML.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Amount {
        s.parse().unwrap()
    }

    #[test]
    fn formats_numbers_per_language() {
        let sv = Num::new(Lang::Sv);
        assert_eq!(sv.amount(a("211615")), "211\u{a0}615");
        assert_eq!(sv.amount(a("-2699")), "\u{2212}2\u{a0}699");
        assert_eq!(sv.amount(a("1234.50")), "1\u{a0}234,5");
        assert_eq!(sv.amount(a("0")), "0");
        assert_eq!(sv.signed(a("57624")), "+57\u{a0}624");
        assert_eq!(sv.percent(a("0.2723")), "+27,2\u{a0}%");
        assert_eq!(sv.percent(a("-0.0004")), "±0,0\u{a0}%");
        assert_eq!(sv.percent(a("-0.125")), "\u{2212}12,5\u{a0}%");
        let en = Num::new(Lang::En);
        assert_eq!(en.amount(a("1234.50")), "1\u{a0}234.5");
        assert_eq!(en.percent(a("-0.283")), "\u{2212}28.3\u{a0}%");
    }

    #[test]
    fn parses_least_changes() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!("500".parse::<MinChange>(), Ok(MinChange::Amount(d("500"))));
        assert_eq!(
            "2,5 %".parse::<MinChange>(),
            Ok(MinChange::Percent(d("2.5")))
        );
        assert!("-1".parse::<MinChange>().is_err());
        assert!("fem".parse::<MinChange>().is_err());
    }
}
