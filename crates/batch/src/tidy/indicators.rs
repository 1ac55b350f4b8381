//! The rows of `indicators.csv` (every printed value as printed) and of
//! `indicator_values.csv` (the same indicators in Kolada's shape: one row
//! per indicator, gender and year with the outcome and the target side by
//! side).
//!
//! - `indicator_id` is stable across documents: "ib-" and 12 hex digits of
//!   the SHA-256 of the indicator text with case, punctuation, footnote
//!   stars and spacing ignored. A "Kvinnor"/"Män" breakdown (also Flickor,
//!   Pojkar …) carries its indicator's id and gender K or M; any other
//!   breakdown its own id (of the indicator and the breakdown), gender T.
//! - In the Kolada view a cell that prints values for several groups has
//!   status `groups` and no value; a partial-year outcome ("2020 (aug)")
//!   stands in only when no full-year outcome is printed for the year; a
//!   second value for the same indicator, gender and year is left out and
//!   logged.

use super::csv::TableWriter;
use super::{Common, INDICATORS, KOLADA, LeftOutLog, opt};
use internbudget_normalizer::{
    Amount, ColumnKind, Comparator, Direction, Indicator, IndicatorKind, IndicatorValue,
    ValueStatus, ValueUnit,
};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::HashMap;

/// The stable id of an indicator text (see the module docs).
pub fn indicator_id(text: &str) -> String {
    let normalized: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '%'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let digest = Sha256::digest(normalized.join(" ").as_bytes());
    format!("ib-{}", crate::fsx::hex(digest.get(..6).unwrap_or(&[])))
}

/// Kolada's gender of a breakdown label: K, M, or `None` for another kind
/// of breakdown.
pub fn gender_of(label: &str) -> Option<&'static str> {
    let first = label
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())?
        .to_lowercase();
    match first.as_str() {
        "kvinnor" | "kvinna" | "flickor" | "flicka" | "tjejer" => Some("K"),
        "män" | "man" | "pojkar" | "pojke" | "killar" => Some("M"),
        _ => None,
    }
}

/// The id, gender and Kolada label of an indicator row.
pub fn identity(ind: &Indicator) -> (String, &'static str, String) {
    let parent = ind
        .parent
        .as_deref()
        .filter(|_| ind.kind == IndicatorKind::SubIndicator);
    match parent {
        None => (indicator_id(&ind.indicator), "T", ind.indicator.clone()),
        Some(p) => match gender_of(&ind.indicator) {
            Some(g) => (indicator_id(p), g, p.to_string()),
            None => {
                let label = format!("{p} – {}", ind.indicator);
                (indicator_id(&label), "T", label)
            }
        },
    }
}

/// One number of a cell: the cell's own, or one group's.
struct Part<'a> {
    number: Option<Amount>,
    unit: Option<ValueUnit>,
    comparator: Option<Comparator>,
    group: Option<&'a str>,
    footnotes: &'a [String],
}

fn parts(v: &IndicatorValue) -> Vec<Part<'_>> {
    let p = &v.parsed;
    let mut out = Vec::new();
    // The value is only a number when the status says so: "I.U." and text
    // leave it empty (their printed form is in `raw`).
    let is_value = p.status == Some(ValueStatus::Value);
    if p.groups.is_empty() || p.number.is_some() {
        out.push(Part {
            number: p.number.filter(|_| is_value),
            unit: p.unit,
            comparator: p.comparator,
            group: None,
            footnotes: &p.footnotes,
        });
    }
    for g in &p.groups {
        out.push(Part {
            number: Some(g.number).filter(|_| is_value),
            unit: g.unit,
            comparator: g.comparator,
            group: Some(g.group.as_str()),
            footnotes: &g.footnotes,
        });
    }
    out
}

/// Writes the `indicators.csv` rows of a document's indicators.
pub(crate) fn write(
    c: &Common<'_>,
    indicators: &[Indicator],
    w: &mut TableWriter,
    log: &mut LeftOutLog,
) {
    for ind in indicators {
        let (id, gender, _) = identity(ind);
        for (vi, v) in ind.values.iter().enumerate() {
            for (part, p) in parts(v).into_iter().enumerate() {
                let rec: Vec<Cow<'_, str>> = vec![
                    Cow::Borrowed(c.budget_id),
                    Cow::Borrowed(c.source_file),
                    Cow::Borrowed(c.sha256),
                    Cow::Borrowed(c.municipality_code),
                    Cow::Borrowed(c.municipality_name),
                    Cow::Borrowed(c.committee),
                    Cow::Borrowed(c.document_year.as_str()),
                    Cow::Borrowed(ind.id.as_str()),
                    Cow::Borrowed(id.as_str()),
                    Cow::Borrowed(ind.kind.as_str()),
                    Cow::Borrowed(ind.parent.as_deref().unwrap_or("")),
                    Cow::Borrowed(gender),
                    Cow::Borrowed(ind.goal_area.as_deref().unwrap_or("")),
                    Cow::Borrowed(ind.municipal_goal.as_deref().unwrap_or("")),
                    Cow::Borrowed(ind.committee_goal.as_deref().unwrap_or("")),
                    Cow::Borrowed(ind.indicator.as_str()),
                    Cow::Owned((vi + 1).to_string()),
                    Cow::Owned((part + 1).to_string()),
                    Cow::Borrowed(v.kind.as_str()),
                    Cow::Owned(opt(v.year)),
                    Cow::Borrowed(v.partial.as_deref().unwrap_or("")),
                    Cow::Borrowed(v.raw.as_str()),
                    Cow::Borrowed(v.parsed.status.map_or("", ValueStatus::as_str)),
                    Cow::Owned(opt(p.number.map(|a| a.value()))),
                    Cow::Borrowed(p.unit.map_or("", ValueUnit::as_str)),
                    Cow::Borrowed(p.comparator.map_or("", Comparator::as_str)),
                    Cow::Borrowed(v.parsed.direction.map_or("", Direction::as_str)),
                    Cow::Borrowed(p.group.unwrap_or("")),
                    Cow::Owned(p.footnotes.join(" ")),
                    Cow::Borrowed(v.parsed.note.as_deref().unwrap_or("")),
                    Cow::Owned(v.provenance.page.to_string()),
                    Cow::Owned(opt(v.provenance.line)),
                ];
                if let Err(e) = w.push(rec) {
                    log.add(INDICATORS.name, e, || format!("{}/{}", ind.id, vi + 1));
                }
            }
        }
    }
}

/// An outcome or target cell in the Kolada view.
struct Cell<'a> {
    value: &'a IndicatorValue,
}

impl Cell<'_> {
    fn status(&self) -> &'static str {
        let p = &self.value.parsed;
        if !p.groups.is_empty() && p.number.is_none() {
            return "groups";
        }
        p.status.map_or("text", ValueStatus::as_str)
    }

    fn number(&self) -> String {
        let p = &self.value.parsed;
        match (p.status, p.number) {
            (Some(ValueStatus::Value), Some(n)) => n.value().to_string(),
            _ => String::new(),
        }
    }
}

/// One row of the Kolada view, as it is filled.
struct Slot<'a> {
    id: String,
    gender: &'static str,
    year: i32,
    label: String,
    outcome: Option<Cell<'a>>,
    target: Option<Cell<'a>>,
}

/// Gathers outcomes and targets per indicator, gender and year, in
/// printed order; values that cannot have a place are logged.
fn slots<'a>(indicators: &'a [Indicator], log: &mut LeftOutLog) -> Vec<Slot<'a>> {
    let mut out: Vec<Slot<'a>> = Vec::new();
    let mut index: HashMap<(String, &'static str, i32), usize> = HashMap::new();
    for ind in indicators {
        let (id, gender, label) = identity(ind);
        for v in &ind.values {
            let Some(year) = v.year else { continue };
            let is_outcome = match v.kind {
                ColumnKind::Outcome => true,
                ColumnKind::Target => false,
                _ => continue,
            };
            let key = (id.clone(), gender, year);
            let i = *index.entry(key).or_insert_with(|| {
                out.push(Slot {
                    id: id.clone(),
                    gender,
                    year,
                    label: label.clone(),
                    outcome: None,
                    target: None,
                });
                out.len() - 1
            });
            let Some(slot) = out.get_mut(i) else { continue };
            let place = if is_outcome {
                &mut slot.outcome
            } else {
                &mut slot.target
            };
            match place {
                None => *place = Some(Cell { value: v }),
                // A full-year value replaces a partial-year one; a partial
                // one never replaces a value.
                Some(old) if old.value.partial.is_some() && v.partial.is_none() => {
                    *place = Some(Cell { value: v });
                }
                Some(_) if v.partial.is_some() => {}
                Some(_) => log.add(
                    KOLADA.name,
                    super::Violation {
                        field: "primary_key",
                        problem: super::Problem::DuplicateKey,
                    },
                    || format!("{}/{}/{}", ind.id, gender, year),
                ),
            }
        }
    }
    out
}

fn raw<'a>(cell: &Option<Cell<'a>>) -> &'a str {
    cell.as_ref().map_or("", |c| c.value.raw.as_str())
}

fn status(cell: &Option<Cell<'_>>) -> &'static str {
    cell.as_ref().map_or("missing", Cell::status)
}

fn number(cell: &Option<Cell<'_>>) -> String {
    cell.as_ref().map(Cell::number).unwrap_or_default()
}

/// Writes the `indicator_values.csv` rows of a document's indicators.
pub(crate) fn write_kolada(
    c: &Common<'_>,
    indicators: &[Indicator],
    w: &mut TableWriter,
    log: &mut LeftOutLog,
) {
    for s in slots(indicators, log) {
        let target = s.target.as_ref().map(|t| &t.value.parsed);
        let unit = s
            .outcome
            .as_ref()
            .and_then(|o| o.value.parsed.unit)
            .or_else(|| target.and_then(|t| t.unit));
        let rec: Vec<Cow<'_, str>> = vec![
            Cow::Borrowed(c.budget_id),
            Cow::Borrowed(c.source_file),
            Cow::Borrowed(c.municipality_code),
            Cow::Borrowed(c.municipality_name),
            Cow::Borrowed(c.committee),
            Cow::Borrowed(s.id.as_str()),
            Cow::Borrowed(s.label.as_str()),
            Cow::Borrowed(s.gender),
            Cow::Owned(s.year.to_string()),
            Cow::Owned(number(&s.outcome)),
            Cow::Borrowed(status(&s.outcome)),
            Cow::Borrowed(raw(&s.outcome)),
            Cow::Borrowed(
                s.outcome
                    .as_ref()
                    .and_then(|o| o.value.partial.as_deref())
                    .unwrap_or(""),
            ),
            Cow::Owned(number(&s.target)),
            Cow::Borrowed(status(&s.target)),
            Cow::Borrowed(raw(&s.target)),
            Cow::Borrowed(
                target
                    .and_then(|t| t.comparator)
                    .map_or("", Comparator::as_str),
            ),
            Cow::Borrowed(
                target
                    .and_then(|t| t.direction)
                    .map_or("", Direction::as_str),
            ),
            Cow::Borrowed(unit.map_or("", ValueUnit::as_str)),
        ];
        if let Err(e) = w.push(rec) {
            log.add(KOLADA.name, e, || {
                format!("{}/{}/{}", s.id, s.gender, s.year)
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use internbudget_normalizer::Provenance;

    #[test]
    fn ids_ignore_case_punctuation_and_spacing() {
        let a = indicator_id("Andel deltagare i arbete, %");
        assert_eq!(a, indicator_id("andel  deltagare i arbete (%)*"));
        assert_ne!(a, indicator_id("Andel deltagare i studier, %"));
        assert!(a.starts_with("ib-") && a.len() == 15, "{a}");
        assert_eq!(gender_of("Kvinnor"), Some("K"));
        assert_eq!(gender_of("Män*"), Some("M"));
        assert_eq!(gender_of("Utrikes födda"), None);
    }

    fn value(kind: ColumnKind, year: i32, raw: &str, partial: Option<&str>) -> IndicatorValue {
        IndicatorValue {
            kind,
            year: Some(year),
            partial: partial.map(str::to_string),
            raw: raw.into(),
            parsed: internbudget_normalizer::parse_indicator_value(raw),
            provenance: Provenance {
                page: 1,
                line: None,
                line_end: None,
                bbox: None,
                table: None,
                row: None,
                col: None,
                paragraph: None,
            },
        }
    }

    fn indicator(
        id: &str,
        text: &str,
        parent: Option<&str>,
        values: Vec<IndicatorValue>,
    ) -> Indicator {
        Indicator {
            id: id.into(),
            goal_area: None,
            municipal_goal: None,
            committee_goal: None,
            indicator: text.into(),
            kind: if parent.is_some() {
                IndicatorKind::SubIndicator
            } else {
                IndicatorKind::Indicator
            },
            parent: parent.map(str::to_string),
            values,
            provenance: Provenance {
                page: 1,
                line: None,
                line_end: None,
                bbox: None,
                table: None,
                row: None,
                col: None,
                paragraph: None,
            },
        }
    }

    #[test]
    fn kolada_rows_pair_outcome_and_target_per_gender_and_year() {
        let total = "Andel i arbete, %";
        let inds = vec![
            indicator(
                "i1",
                total,
                None,
                vec![
                    value(ColumnKind::Outcome, 2020, "40 %", Some("aug")),
                    value(ColumnKind::Outcome, 2020, "42 %", None),
                    value(ColumnKind::Target, 2020, "≥ 45 %", None),
                    value(ColumnKind::Outcome, 2019, "I.U.", None),
                ],
            ),
            indicator(
                "i2",
                "Kvinnor",
                Some(total),
                vec![value(ColumnKind::Outcome, 2020, "44 %", None)],
            ),
            indicator(
                "i3",
                total,
                None,
                vec![value(ColumnKind::Outcome, 2020, "43 %", None)],
            ),
        ];
        let mut log = LeftOutLog::default();
        let s = slots(&inds, &mut log);
        let id = indicator_id(total);
        let got: Vec<(&str, &str, i32, String, &str, String)> = s
            .iter()
            .map(|s| {
                let o = s.outcome.as_ref();
                (
                    s.id.as_str(),
                    s.gender,
                    s.year,
                    o.map(Cell::number).unwrap_or_default(),
                    o.map_or("missing", Cell::status),
                    s.target.as_ref().map(Cell::number).unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    id.as_str(),
                    "T",
                    2020,
                    "42".to_string(),
                    "value",
                    "45".to_string()
                ),
                (
                    id.as_str(),
                    "T",
                    2019,
                    String::new(),
                    "not_available",
                    String::new()
                ),
                (
                    id.as_str(),
                    "K",
                    2020,
                    "44".to_string(),
                    "value",
                    String::new()
                ),
            ]
        );
        // The repeated indicator's 2020 outcome has no place: logged.
        assert_eq!(log.total(), 1);
        assert_eq!(log.0[0].resource, "indicator_values");
    }
}
