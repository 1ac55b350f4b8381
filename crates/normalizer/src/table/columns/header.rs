//! What the words of one column header say ([`Parts`]): kind words,
//! a measure, "förslag", "%", and a range of years — and the kind they
//! name ([`named_kind`]) or, for a bare year, the kind its year gives
//! ([`bare_year_kind`]).

use super::Context;
use crate::schema::ColumnKind;
use internbudget_parser::vocab::{HeaderWord, KindWord, MeasureWord, header_word};

/// What the words of one header say.
#[derive(Debug, Clone, Default)]
pub(super) struct Parts {
    /// The kind words, in printed order.
    pub kinds: Vec<KindWord>,
    /// The first measure word.
    pub measure: Option<MeasureWord>,
    /// "förslag": a proposal.
    pub proposal: bool,
    /// "%": a column of percentages.
    pub percent: bool,
    /// "2012/2013", "2019-2022": the two years of a range.
    pub range: Option<(i32, i32)>,
}

/// The words of one header.
pub(super) fn parts(label: &str) -> Parts {
    let mut p = Parts::default();
    for w in label.split(|c: char| c.is_whitespace() || c == ',') {
        if w.is_empty() {
            continue;
        }
        if let Some(r) = range(w) {
            p.range = Some(r);
            continue;
        }
        if w.contains('%') {
            p.percent = true;
        }
        match header_word(w) {
            Some(HeaderWord::Kind(k)) => p.kinds.push(k),
            Some(HeaderWord::Measure(m)) => p.measure = p.measure.or(Some(m)),
            Some(HeaderWord::Proposal) => p.proposal = true,
            Some(HeaderWord::Percent) => p.percent = true,
            _ => {}
        }
    }
    p
}

/// "2012/2013", "2019-2022", "2022/23": the years of a range.
pub(super) fn range(w: &str) -> Option<(i32, i32)> {
    let t = w.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ':'));
    let (a, b) = t.split_once(['-', '–', '/'])?;
    let a = internbudget_parser::number::year(a)?;
    let b = if b.len() == 2 && b.bytes().all(|c| c.is_ascii_digit()) {
        a / 100 * 100 + b.parse::<i32>().ok()?
    } else {
        internbudget_parser::number::year(b)?
    };
    (b > a && b - a <= 20).then_some((a, b))
}

/// The kind a header's words name, the most specific first: a deviation
/// or change ("Avvikelse mot budget"), then a column kept without a kind
/// (Period, Koncern, Medel), a frame, then the phases.
pub(super) fn named_kind(kinds: &[KindWord]) -> Option<Option<ColumnKind>> {
    const ORDER: [(KindWord, Option<ColumnKind>); 11] = [
        (KindWord::Deviation, Some(ColumnKind::Deviation)),
        (KindWord::Change, Some(ColumnKind::Change)),
        (KindWord::Period, None),
        (KindWord::Entity, None),
        (KindWord::Comparison, None),
        (KindWord::Frame, Some(ColumnKind::Frame)),
        (KindWord::Outcome, Some(ColumnKind::Outcome)),
        (KindWord::Forecast, Some(ColumnKind::Forecast)),
        (KindWord::Target, Some(ColumnKind::Target)),
        (KindWord::Plan, Some(ColumnKind::Plan)),
        (KindWord::Budget, Some(ColumnKind::Budget)),
    ];
    ORDER
        .iter()
        .find(|(w, _)| kinds.contains(w))
        .map(|&(_, k)| k)
}

/// The kind of a bare year: in indicator tables an outcome; in amount
/// tables read against the budget year.
pub(super) fn bare_year_kind(year: Option<i32>, ctx: &Context) -> Option<ColumnKind> {
    if ctx.indicator {
        return Some(ColumnKind::Outcome);
    }
    Some(match (year, ctx.budget_year) {
        (Some(y), Some(b)) if y < b => ColumnKind::Outcome,
        (Some(y), Some(b)) if y > b => ColumnKind::Plan,
        _ => ColumnKind::Budget,
    })
}
