//! The parts of the HTML report below each comparison's summary: the
//! tables, the unpaired tables, the indicators that changed, the line items
//! over time and the indicators over time.

use super::super::view;
use super::super::words::{self, Words};
use super::super::{Num, ReportOptions, charts, esc, kind_letter, match_text, unit_name};
use crate::model::{
    ChangeDirection, Comparison, Diff, IndicatorCell, IndicatorComparison, IndicatorDiff,
    IndicatorSeries, Measure, RowDiff, Side, Status, TableDiff, ValueDiff, YearColumns,
};
use internbudget_normalizer::{ColumnKind, RowKind};
use rust_decimal::Decimal;
use std::fmt::Write;

/// "intäkterna ökar" beside a revenue change.
pub(super) fn revenue_word(m: Measure, increase: bool, w: &Words) -> String {
    if m != Measure::Revenue {
        return String::new();
    }
    let (class, text) = if increase {
        ("up", w.revenue_up)
    } else {
        ("down", w.revenue_down)
    };
    format!("<span class=\"chg {class}\">{}</span>", esc(text))
}

pub(super) fn table(
    s: &mut String,
    diff: &Diff,
    c: &Comparison,
    t: &TableDiff,
    opts: &ReportOptions,
    w: &Words,
    n: Num,
) {
    let lang = opts.lang;
    let title = if t.a.title == t.b.title {
        esc(&t.b.title)
    } else {
        format!(
            "{} ({}) ↔ {} ({})",
            esc(&t.a.title),
            esc(&c.a),
            esc(&t.b.title),
            esc(&c.b)
        )
    };
    let _ = writeln!(s, "<h3>{title}</h3>");
    let _ = writeln!(
        s,
        "<p class=\"note\">{}, {} {}; {} {} ({} {}, {} {}).</p>",
        esc(words::role(lang, t.role)),
        esc(w.amounts_in),
        unit_name(t.unit),
        esc(w.paired_as),
        esc(words::rule(lang, t.pairing.rule)),
        esc(w.title_similarity),
        n.score(t.pairing.title_similarity),
        esc(w.rows_in_common),
        n.percent(internbudget_normalizer::Amount(
            Decimal::from_f64_retain(t.pairing.row_overlap).unwrap_or_default()
        ))
        .trim_start_matches('+')
    );
    let both: Vec<&YearColumns> = t
        .years
        .iter()
        .filter(|y| y.a.is_some() && y.b.is_some())
        .collect();
    let years = view::budget_years(diff, c, t);
    s.push_str("<table class=\"rows\"><thead><tr><th>");
    s.push_str(&esc(w.row));
    s.push_str("</th>");
    for y in &both {
        let measure = match y.measure {
            Measure::Net => String::new(),
            Measure::Cost => " (kostnader)".into(),
            Measure::Revenue => " (intäkter)".into(),
        };
        let _ = write!(
            s,
            "<th class=\"num\">{}{measure}<span class=\"old\">{} → {}</span></th>",
            y.year,
            esc(y.a.as_ref().map_or("", |x| x.label.as_str())),
            esc(y.b.as_ref().map_or("", |x| x.label.as_str()))
        );
    }
    s.push_str("</tr></thead><tbody>\n");
    for i in view::rows(t, years, opts) {
        if let Some(r) = t.rows.get(i) {
            row(s, r, &both, opts, w, n);
        }
    }
    s.push_str("</tbody></table>\n");
}

fn row(
    s: &mut String,
    r: &RowDiff,
    both: &[&YearColumns],
    opts: &ReportOptions,
    w: &Words,
    n: Num,
) {
    let mut class = vec![];
    if r.kind == RowKind::Total {
        class.push("total");
    }
    if r.parent.is_some() {
        class.push("child");
    }
    match r.status {
        Status::Added => class.push("added"),
        Status::Removed => class.push("removed"),
        Status::Matched if r.renamed => class.push("renamed"),
        Status::Matched if r.moved.is_some() => class.push("moved"),
        Status::Matched => {}
    }
    let mut label = esc(&r.label);
    match (&r.a, &r.b) {
        (Some(a), Some(_)) if r.renamed => {
            let _ = write!(
                label,
                "<span class=\"old\">{}: {}</span>",
                esc(w.was),
                esc(&a.label)
            );
        }
        _ => {}
    }
    if let Some(m) = &r.moved {
        let _ = write!(
            label,
            "<span class=\"old\">{} {} → {}</span>",
            esc(w.from_item),
            esc(m.from.as_deref().unwrap_or(w.own_item)),
            esc(m.to.as_deref().unwrap_or(w.own_item))
        );
    }
    let badge = match r.status {
        Status::Added => format!("<span class=\"badge b-add\">{}</span>", esc(w.added)),
        Status::Removed => format!("<span class=\"badge b-rem\">{}</span>", esc(w.removed)),
        Status::Matched if r.renamed => format!(
            "<span class=\"badge b-ren\">{} · {}</span>",
            esc(w.renamed),
            esc(&match_text(r.matched_by.as_ref(), opts.lang))
        ),
        Status::Matched if r.moved.is_some() => {
            format!("<span class=\"badge b-ren\">{}</span>", esc(w.moved))
        }
        Status::Matched => match r.matched_by.as_ref().map(|m| m.kind) {
            Some(crate::model::MatchKind::Exact) | None => String::new(),
            _ => format!(
                "<span class=\"badge b-kind\">{}</span>",
                esc(&match_text(r.matched_by.as_ref(), opts.lang))
            ),
        },
    };
    let _ = write!(
        s,
        "<tr class=\"{}\" title=\"{}\"><td class=\"label\">{label}{badge}</td>",
        class.join(" "),
        esc(words::row_kind(opts.lang, r.kind))
    );
    for y in both {
        match r
            .values
            .iter()
            .find(|v| v.year == y.year && v.measure == y.measure)
        {
            Some(v) => cell(s, r, v, w, n),
            None => s.push_str("<td></td>"),
        }
    }
    s.push_str("</tr>\n");
}

fn cell(s: &mut String, r: &RowDiff, v: &ValueDiff, w: &Words, n: Num) {
    match (v.a, v.b) {
        (Some(a), Some(b)) if a.0 == b.0 => {
            let _ = write!(s, "<td class=\"num\">{}</td>", n.amount(b));
        }
        (Some(a), Some(b)) => {
            let increase = v.direction == Some(ChangeDirection::Increase);
            let class = if increase { "up" } else { "down" };
            let mut chg = v.change.map(|c| n.signed(c)).unwrap_or_default();
            if let Some(p) = v.relative_change {
                let _ = write!(chg, " ({})", n.percent(p));
            }
            let measure = match r.measure {
                Measure::Revenue => revenue_word(Measure::Revenue, increase, w),
                _ => String::new(),
            };
            let _ = write!(
                s,
                "<td class=\"num {class}\">{} → {}<span class=\"chg {class}\">{}</span>{measure}</td>",
                n.amount(a),
                n.amount(b),
                esc(&chg)
            );
        }
        (Some(a), None) if r.status == Status::Matched => {
            let _ = write!(s, "<td class=\"num\">{} → –</td>", n.amount(a));
        }
        (None, Some(b)) if r.status == Status::Matched => {
            let _ = write!(s, "<td class=\"num\">– → {}</td>", n.amount(b));
        }
        (Some(x), None) | (None, Some(x)) => {
            let _ = write!(s, "<td class=\"num\">{}</td>", n.amount(x));
        }
        (None, None) => s.push_str("<td></td>"),
    }
}

pub(super) fn unpaired(s: &mut String, c: &Comparison, opts: &ReportOptions, w: &Words) {
    let list: Vec<_> = c
        .unpaired_tables
        .iter()
        .filter(|u| opts.table.is_none_or(|r| r == u.table.role))
        .collect();
    if list.is_empty() {
        return;
    }
    let _ = write!(s, "<h3>{}</h3><ul class=\"notes\">", esc(w.unpaired));
    for u in list {
        let id = match u.side {
            Side::A => &c.a,
            Side::B => &c.b,
        };
        let _ = write!(
            s,
            "<li>{}: ”{}” ({})</li>",
            esc(id),
            esc(&u.table.title),
            esc(words::role(opts.lang, u.table.role))
        );
    }
    s.push_str("</ul>\n");
}

pub(crate) fn cell_text(c: &IndicatorCell) -> String {
    let mut t = c.raw.clone();
    if let Some(p) = &c.partial {
        let _ = write!(t, " ({p})");
    }
    t
}

/// One line per value of an indicator in a comparison.
pub(crate) fn year_lines(i: &IndicatorDiff, lang: super::super::Lang, n: Num) -> Vec<String> {
    let w = words::of(lang);
    i.years
        .iter()
        .map(|y| {
            let a = y.a.as_ref().map(cell_text).unwrap_or_else(|| "–".into());
            let b = y.b.as_ref().map(cell_text).unwrap_or_else(|| "–".into());
            let mut line = match y.comparison {
                IndicatorComparison::Target => format!("{} {}: {a} → {b}", y.year, w.target),
                IndicatorComparison::Outcome => format!("{} {}: {a} → {b}", y.year, w.outcome),
                IndicatorComparison::TargetThenOutcome => {
                    format!("{} {}: {a} → {b}", y.year, w.target_then_outcome)
                }
                IndicatorComparison::OnlyA | IndicatorComparison::OnlyB => {
                    let c = y.a.as_ref().or(y.b.as_ref());
                    format!(
                        "{} {}: {}",
                        y.year,
                        c.map_or("", |c| words::kind(lang, c.kind)),
                        c.map(cell_text).unwrap_or_default()
                    )
                }
            };
            match y.status {
                Status::Added
                    if matches!(
                        y.comparison,
                        IndicatorComparison::Target | IndicatorComparison::Outcome
                    ) =>
                {
                    let _ = write!(line, " ({})", w.added);
                }
                Status::Removed => {
                    let _ = write!(line, " ({})", w.removed);
                }
                _ => {}
            }
            if y.changed {
                match y.change {
                    Some(ch) => {
                        let _ = write!(line, " ({})", n.signed(ch));
                    }
                    None => {
                        let _ = write!(line, " ({})", w.changed);
                    }
                }
            }
            line
        })
        .collect()
}

/// Indicators with something to say in a comparison: renamed, added,
/// removed, a changed value or a note.
fn indicator_worth_showing(i: &IndicatorDiff) -> bool {
    i.status != Status::Matched || i.renamed || i.changed || !i.notes.is_empty()
}

pub(super) fn indicator_changes(
    s: &mut String,
    c: &Comparison,
    opts: &ReportOptions,
    w: &Words,
    n: Num,
) {
    if c.indicators.is_empty() || opts.table.is_some() {
        return;
    }
    let _ = write!(s, "<h3>{}</h3>", esc(w.indicators_section));
    let shown: Vec<&IndicatorDiff> = c
        .indicators
        .iter()
        .filter(|i| indicator_worth_showing(i))
        .collect();
    if shown.is_empty() {
        let _ = write!(s, "<p class=\"note\">{}</p>", esc(w.no_indicator_changes));
        return;
    }
    let _ = write!(
        s,
        "<table><thead><tr><th style=\"width:42%\">{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        esc(w.indicator),
        esc(w.values),
        esc(w.notes)
    );
    let mut area: Option<Option<String>> = None;
    for i in shown {
        if area.as_ref() != Some(&i.goal_area) {
            area = Some(i.goal_area.clone());
            let _ = write!(
                s,
                "<tr><th colspan=\"3\">{}</th></tr>",
                esc(i.goal_area.as_deref().unwrap_or(w.no_goal_area))
            );
        }
        let mut class = vec![];
        if i.parent.is_some() {
            class.push("child");
        }
        let badge = match i.status {
            Status::Added => {
                class.push("added");
                format!("<span class=\"badge b-add\">{}</span>", esc(w.added))
            }
            Status::Removed => {
                class.push("removed");
                format!("<span class=\"badge b-rem\">{}</span>", esc(w.removed))
            }
            Status::Matched if i.renamed => {
                class.push("renamed");
                format!(
                    "<span class=\"badge b-ren\">{} · {}</span>",
                    esc(w.renamed),
                    esc(&match_text(i.matched_by.as_ref(), opts.lang))
                )
            }
            Status::Matched => format!("<span class=\"badge b-ren\">{}</span>", esc(w.changed)),
        };
        let mut label = esc(&i.indicator);
        if let (Some(a), true) = (&i.a, i.renamed) {
            let _ = write!(
                label,
                "<span class=\"old\">{}: {}</span>",
                esc(w.was),
                esc(&a.indicator)
            );
        }
        let lines: Vec<String> = year_lines(i, opts.lang, n)
            .iter()
            .map(|l| format!("<li>{}</li>", esc(l)))
            .collect();
        let notes: Vec<String> = i
            .notes
            .iter()
            .map(|x| esc(&words::note(opts.lang, x)))
            .collect();
        let _ = writeln!(
            s,
            "<tr class=\"{}\"><td class=\"label\">{label}{badge}</td><td><ul class=\"yl\">{}</ul></td><td>{}</td></tr>",
            class.join(" "),
            lines.join(""),
            notes.join("<br>")
        );
    }
    s.push_str("</tbody></table>\n");
}

/// The line items over time, with a small chart each and the sums of
/// every year.
pub(super) fn series(s: &mut String, diff: &Diff, opts: &ReportOptions, w: &Words, n: Num) {
    if diff.series.is_empty()
        || opts
            .table
            .is_some_and(|r| r != internbudget_normalizer::TableRole::OperatingSummary)
    {
        return;
    }
    let years: Vec<i32> = diff.series_years.iter().map(|y| y.year).collect();
    if years.is_empty() {
        return;
    }
    let unit = diff.series.first().map_or("tkr", |x| unit_name(x.unit));
    let _ = write!(
        s,
        "<h2>{} ({unit})</h2><p class=\"note\">{}</p><table class=\"series\"><thead><tr><th>{}</th>",
        esc(w.over_time),
        esc(w.over_time_note),
        esc(w.line_item)
    );
    for y in &diff.series_years {
        let _ = write!(
            s,
            "<th class=\"num\">{}<span class=\"old\">{} {}</span></th>",
            y.year,
            kind_letter(&y.column, opts.lang),
            esc(&y.document)
        );
    }
    let _ = write!(s, "<th>{}</th></tr></thead><tbody>", esc(w.chart));
    for x in &diff.series {
        if opts.changed_only && x.labels.iter().all(|l| l.is_some()) && {
            let v: Vec<_> = x.by_year.iter().map(|p| p.value).collect();
            v.windows(2).all(|p| p.first() == p.last())
        } {
            continue;
        }
        let class = if x.kind == RowKind::Total {
            "total"
        } else {
            ""
        };
        let _ = write!(
            s,
            "<tr class=\"{class}\"><td class=\"label\">{}</td>",
            esc(&x.label)
        );
        let mut values = Vec::with_capacity(years.len());
        for y in &years {
            match x.by_year.iter().find(|p| p.year == *y) {
                Some(p) => {
                    values.push(Some(p.value.0));
                    let _ = write!(s, "<td class=\"num\">{}</td>", n.amount(p.value));
                }
                None => {
                    values.push(None);
                    s.push_str("<td class=\"num\">–</td>");
                }
            }
        }
        let _ = write!(
            s,
            "<td>{}</td></tr>",
            charts::sparkline(&years, &values, &[], &x.label)
        );
    }
    for (label, pick) in [(w.sum_items, true), (w.sum_table, false)] {
        let _ = write!(
            s,
            "<tr class=\"total\"><td class=\"label\">{}</td>",
            esc(label)
        );
        for y in &diff.series_years {
            let v = if pick { Some(y.line_items) } else { y.total };
            let _ = write!(
                s,
                "<td class=\"num\">{}</td>",
                v.map(|v| n.amount(v)).unwrap_or_default()
            );
        }
        s.push_str("<td></td></tr>");
    }
    s.push_str("</tbody></table>\n");
}

fn year_cell(y: &crate::model::IndicatorSeriesYear, w: &Words) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !y.targets.is_empty() {
        let t: Vec<String> = y
            .targets
            .iter()
            .map(|c| format!("{} ({})", esc(&cell_text(&c.cell)), esc(&c.document)))
            .collect();
        parts.push(format!("{} {}", esc(w.target), t.join(", ")));
    }
    if let Some(o) = &y.outcome {
        let mark = match y.target_met {
            Some(true) => format!(" <span class=\"ok\">{}</span>", w.met),
            Some(false) => format!(" <span class=\"miss\">{}</span>", w.not_met),
            None => String::new(),
        };
        parts.push(format!(
            "{} {}{mark}",
            esc(w.outcome),
            esc(&cell_text(&o.cell))
        ));
    }
    format!("<b>{}</b>: {}", y.year, parts.join(" · "))
}

fn numeric(c: &IndicatorCell) -> Option<Decimal> {
    if c.partial.is_some() {
        return None;
    }
    c.number.map(|n| n.0)
}

/// Every indicator over the years: targets, outcome, whether the target was
/// met, and a small chart.
pub(super) fn indicator_series(s: &mut String, diff: &Diff, opts: &ReportOptions, w: &Words) {
    if diff.indicator_series.is_empty() || opts.table.is_some() {
        return;
    }
    let _ = write!(
        s,
        "<h2>{}</h2><p class=\"note\">{}</p><table><thead><tr><th style=\"width:34%\">{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        esc(w.indicators_over_time),
        esc(w.indicators_over_time_note),
        esc(w.indicator),
        esc(w.values),
        esc(w.chart)
    );
    let mut area: Option<Option<String>> = None;
    for x in &diff.indicator_series {
        if opts.changed_only && !indicator_series_changed(diff, x) {
            continue;
        }
        if area.as_ref() != Some(&x.goal_area) {
            area = Some(x.goal_area.clone());
            let _ = write!(
                s,
                "<tr><th colspan=\"3\">{}</th></tr>",
                esc(x.goal_area.as_deref().unwrap_or(w.no_goal_area))
            );
        }
        let class = if x.parent.is_some() { "child" } else { "" };
        let lines: Vec<String> = x
            .years
            .iter()
            .map(|y| format!("<li>{}</li>", year_cell(y, w)))
            .collect();
        let years: Vec<i32> = x.years.iter().map(|y| y.year).collect();
        let outcomes: Vec<Option<Decimal>> = x
            .years
            .iter()
            .map(|y| y.outcome.as_ref().and_then(|o| numeric(&o.cell)))
            .collect();
        let targets: Vec<Option<Decimal>> = x
            .years
            .iter()
            .map(|y| {
                y.targets.last().and_then(|t| numeric(&t.cell)).filter(|_| {
                    y.targets
                        .last()
                        .is_some_and(|t| t.cell.kind == ColumnKind::Target)
                })
            })
            .collect();
        let _ = writeln!(
            s,
            "<tr class=\"{class}\"><td class=\"label\">{}</td><td><ul class=\"yl\">{}</ul></td><td>{}</td></tr>",
            esc(&x.indicator),
            lines.join(""),
            charts::sparkline(&years, &outcomes, &targets, &x.indicator)
        );
    }
    s.push_str("</tbody></table>\n");
}

fn indicator_series_changed(diff: &Diff, x: &IndicatorSeries) -> bool {
    diff.comparisons
        .iter()
        .flat_map(|c| c.indicators.iter())
        .any(|i| i.key == x.key && indicator_worth_showing(i))
}
