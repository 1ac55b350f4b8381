//! The sections of a report on three or more documents: the line items
//! over time and the indicators over time, each with a small chart.

use super::indicators::{cell_text, indicator_worth_showing};
use crate::model::{Diff, IndicatorCell, IndicatorSeries, Series};
use crate::render::words::Words;
use crate::render::{Num, ReportOptions, charts, esc, kind_letter, unit_name};
use internbudget_normalizer::{ColumnKind, RowKind};
use rust_decimal::Decimal;
use std::fmt::Write;

/// The line items over time, with a small chart each and the sums of
/// every year.
pub(crate) fn series(s: &mut String, diff: &Diff, opts: &ReportOptions, w: &Words, n: Num) {
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
        series_row(s, x, &years, n);
    }
    series_sums(s, diff, w, n);
    s.push_str("</tbody></table>\n");
}

/// One line item over time: its value in each of `years` and a small
/// chart.
fn series_row(s: &mut String, x: &Series, years: &[i32], n: Num) {
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
    for y in years {
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
        charts::sparkline(years, &values, &[], &x.label)
    );
}

/// The sums of every year: of the line items, and the table's total.
fn series_sums(s: &mut String, diff: &Diff, w: &Words, n: Num) {
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
}

/// One year of an indicator over time: the targets set for it and the
/// outcome, with whether it met the target.
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

/// A full-year number of a cell, for a chart.
fn numeric(c: &IndicatorCell) -> Option<Decimal> {
    if c.partial.is_some() {
        return None;
    }
    c.number.map(|n| n.0)
}

/// Every indicator over the years: targets, outcome, whether the target was
/// met, and a small chart.
pub(crate) fn indicator_series(s: &mut String, diff: &Diff, opts: &ReportOptions, w: &Words) {
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

/// An indicator followed over time changed in some comparison.
fn indicator_series_changed(diff: &Diff, x: &IndicatorSeries) -> bool {
    diff.comparisons
        .iter()
        .flat_map(|c| c.indicators.iter())
        .any(|i| i.key == x.key && indicator_worth_showing(i))
}
