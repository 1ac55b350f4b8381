//! Renderings of a [`Diff`](crate::Diff) for people and tools: daff
//! highlighter CSV ([`csv()`]), Markdown ([`markdown()`]) and one
//! self-contained HTML page ([`html()`]). JSON is the serde serialization of
//! the diff itself.
//!
//! Amounts in the Markdown and HTML reports are written with spaces between
//! thousands and a Unicode minus ("−2 699"); relative changes as per cent
//! with one decimal ("+27.2 %"). The CSV writes plain numbers ("-2699").

mod csv;
mod html;
mod markdown;

pub use csv::csv;
pub use html::html;
pub use markdown::markdown;

use crate::model::{ColumnRef, Diff, DocumentRef, Match, MatchKind};
use internbudget_normalizer::{Amount, ColumnKind, TableRole, Unit};
use rust_decimal::Decimal;

/// The short name of a unit ("tkr").
pub fn unit_name(u: Unit) -> &'static str {
    match u {
        Unit::Kr => "kr",
        Unit::Tkr => "tkr",
        Unit::Mnkr => "mnkr",
    }
}

/// The name of a table role.
pub fn role_name(r: TableRole) -> &'static str {
    match r {
        TableRole::OperatingSummary => "operating summary",
        TableRole::Investments => "investments",
        TableRole::Frames => "frames",
        TableRole::IncomeStatement => "income statement",
        TableRole::BalanceSheet => "balance sheet",
        TableRole::CashFlow => "cash flow",
        TableRole::Other => "other",
    }
}

/// The name of a column kind.
pub fn kind_name(k: ColumnKind) -> &'static str {
    k.as_str()
}

/// A one-letter marker of a column kind for series tables.
pub fn kind_letter(c: &ColumnRef) -> &'static str {
    match c.kind {
        ColumnKind::Outcome => "U",
        ColumnKind::Budget => "B",
        ColumnKind::Plan => "P",
        ColumnKind::Target => "T",
        ColumnKind::Forecast => "F",
        ColumnKind::Frame => "R",
        ColumnKind::Change => "Δ",
        ColumnKind::Deviation => "A",
    }
}

/// An amount with spaces between thousands and a Unicode minus: "−2 699",
/// "1 234.5".
pub fn amount(a: Amount) -> String {
    let s = a.0.normalize().abs().to_string();
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s, None),
    };
    let mut grouped = String::new();
    let digits: Vec<char> = int.chars().collect();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(' ');
        }
        grouped.push(*c);
    }
    if let Some(f) = frac {
        grouped.push('.');
        grouped.push_str(&f);
    }
    if a.0.is_sign_negative() && !a.0.is_zero() {
        format!("\u{2212}{grouped}")
    } else {
        grouped
    }
}

/// A signed amount: "+57 624", "−537", "±0".
pub fn signed(a: Amount) -> String {
    if a.0.is_zero() {
        "±0".into()
    } else if a.0.is_sign_negative() {
        amount(a)
    } else {
        format!("+{}", amount(a))
    }
}

/// A relative change (a fraction) as per cent with one decimal: "+27.2 %".
pub fn percent(r: Amount) -> String {
    let p = (r.0 * Decimal::from(100))
        .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let s = format!("{:.1}", p.abs());
    if p.is_zero() {
        "±0.0 %".into()
    } else if p.is_sign_negative() {
        format!("\u{2212}{s} %")
    } else {
        format!("+{s} %")
    }
}

/// How a pair was matched, in words: "exact", "alias", "fuzzy 0.87", "by kind".
pub fn match_text(m: Option<&Match>) -> String {
    match m {
        None => String::new(),
        Some(m) => match m.kind {
            MatchKind::Exact => "exact".into(),
            MatchKind::Alias => "alias".into(),
            MatchKind::Fuzzy => format!("fuzzy {:.2}", m.score),
            MatchKind::Kind => "by kind".into(),
        },
    }
}

/// A short name of a document: "2019 (an-internbudget-2019.txt)".
pub fn doc_name(d: &DocumentRef) -> String {
    match d.budget_year {
        Some(y) => format!("{} {y}", d.id),
        None => d.id.clone(),
    }
}

/// The document of an id.
pub fn doc<'a>(diff: &'a Diff, id: &str) -> Option<&'a DocumentRef> {
    diff.documents.iter().find(|d| d.id == id)
}

/// The heading of a diff: committee and municipality of the later document.
pub fn heading(diff: &Diff) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_amounts() {
        let a = |s: &str| s.parse::<Amount>().unwrap();
        assert_eq!(amount(a("211615")), "211 615");
        assert_eq!(amount(a("-2699")), "\u{2212}2 699");
        assert_eq!(amount(a("1234.50")), "1 234.5");
        assert_eq!(amount(a("0")), "0");
        assert_eq!(signed(a("57624")), "+57 624");
        assert_eq!(percent(a("0.2723")), "+27.2 %");
        assert_eq!(percent(a("-0.0004")), "±0.0 %");
        assert_eq!(percent(a("-0.125")), "\u{2212}12.5 %");
    }
}
