//! The diff as a Markdown report: the documents, what to know before
//! reading, and for each comparison its counts, the largest changes from
//! one budget to the next, every selected table (one column per fiscal year
//! printed in both tables: "earlier → later (change, per cent)"), the
//! unpaired tables and the indicators; then the line items over time and
//! the indicators over time. In Swedish or English, as the HTML report.

use super::html::sections::{cell_text, year_lines};
use super::view;
use super::words::{self, Words};
use super::{Num, ReportOptions, doc, doc_name, heading, kind_letter, match_text, unit_name};
use crate::model::{
    ChangeDirection, Comparison, Diff, IndicatorDiff, IndicatorSeriesYear, Measure, RowDiff, Side,
    Status, TableDiff, ValueDiff, YearColumns,
};
use internbudget_normalizer::{RowKind, TableRole};
use std::fmt::Write;

/// Renders a diff as Markdown.
pub fn markdown(diff: &Diff, opts: &ReportOptions) -> String {
    let w = words::of(opts.lang);
    let n = Num::new(opts.lang);
    let mut s = String::new();
    let _ = writeln!(s, "# {}: {}\n", w.title, esc(&heading(diff)));
    let _ = writeln!(
        s,
        "| | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|",
        w.file, w.doc_title, w.committee, w.municipality, w.budget_year
    );
    for d in &diff.documents {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} |",
            d.id,
            esc(&d.file),
            esc(d.title.as_deref().unwrap_or("")),
            esc(d.committee.as_deref().unwrap_or("")),
            esc(d.municipality.as_deref().unwrap_or("")),
            d.budget_year.map(|y| y.to_string()).unwrap_or_default()
        );
    }
    s.push('\n');
    if !diff.warnings.is_empty() {
        let _ = writeln!(s, "**{}**\n", w.warnings);
        for x in &diff.warnings {
            let _ = writeln!(
                s,
                "- `{}`: {}",
                x.code,
                esc(&words::warning(opts.lang, diff, x))
            );
        }
        s.push('\n');
    }
    for c in &diff.comparisons {
        comparison(&mut s, diff, c, opts, w, n);
    }
    if diff.documents.len() > 2 {
        series(&mut s, diff, opts, w, n);
    }
    s
}

fn comparison(
    s: &mut String,
    diff: &Diff,
    c: &Comparison,
    opts: &ReportOptions,
    w: &Words,
    n: Num,
) {
    let name = |id: &str| doc(diff, id).map_or_else(|| id.to_string(), doc_name);
    let _ = writeln!(s, "## {} → {}\n", name(&c.a), name(&c.b));
    let m = &c.summary;
    if m.identical {
        let _ = writeln!(s, "**{}**\n", w.no_change);
    }
    let _ = writeln!(
        s,
        "- {}: {}; {}: {} {}, {} {}, {} {}, {} {}; {} {}, {} {}.\n- {}: {} / {}.\n- {}: {} / {}; {} {}, {} {}.\n",
        capital(w.tables_paired),
        m.tables_paired,
        capital(w.rows_matched),
        m.rows.exact,
        w.exact,
        m.rows.alias,
        w.alias,
        m.rows.fuzzy,
        w.fuzzy,
        m.rows.kind,
        w.by_kind,
        m.rows.added,
        w.rows_added,
        m.rows.removed,
        w.rows_removed,
        capital(w.values_changed),
        m.values_changed,
        m.values_compared,
        capital(w.indicators_changed),
        m.indicators_changed,
        m.indicators.exact + m.indicators.alias + m.indicators.fuzzy,
        m.indicators.added,
        w.added,
        m.indicators.removed,
        w.removed
    );
    largest(s, diff, c, opts, w, n);
    for t in view::tables(c, opts) {
        table(s, diff, c, t, opts, w, n);
    }
    let unpaired: Vec<_> = c
        .unpaired_tables
        .iter()
        .filter(|u| opts.table.is_none_or(|r| r == u.table.role))
        .collect();
    if !unpaired.is_empty() {
        let _ = writeln!(s, "### {}\n", w.unpaired);
        for u in unpaired {
            let id = match u.side {
                Side::A => &c.a,
                Side::B => &c.b,
            };
            let _ = writeln!(
                s,
                "- {id} {}: \"{}\" ({})",
                u.table.id,
                esc(&u.table.title),
                words::role(opts.lang, u.table.role)
            );
        }
        s.push('\n');
    }
    if !c.indicators.is_empty() && opts.table.is_none() {
        indicators(s, c, opts, w, n);
    }
}

fn largest(s: &mut String, diff: &Diff, c: &Comparison, opts: &ReportOptions, w: &Words, n: Num) {
    let Some(sum) = view::summary(diff, c, opts) else {
        return;
    };
    let (ya, yb) = sum.years;
    let _ = writeln!(
        s,
        "### {} ({}, {})\n",
        w.largest,
        esc(&sum.table.b.title),
        unit_name(sum.table.unit)
    );
    if let Some(t) = &sum.total {
        let pct = t
            .relative
            .map(|r| format!(" ({})", n.percent(r)))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "**{}**: {} ({} {ya}) → {} ({} {yb}): **{}**{pct}\n",
            w.total,
            n.amount(t.from),
            w.budget,
            n.amount(t.to),
            w.budget,
            n.signed(t.change)
        );
    }
    for (title, list) in [
        (w.largest_amount, &sum.by_amount),
        (w.largest_percent, &sum.by_percent),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(
            s,
            "{title}:\n\n| {} | {ya} → {yb} | {} | {} |\n|---|---:|---:|---:|",
            w.row, w.change, w.percent
        );
        for l in list.iter().take(10) {
            let mark = match (l.row.a.is_some(), l.row.b.is_some()) {
                (false, true) => format!(" ({})", w.new_row),
                (true, false) => format!(" ({})", w.gone_row),
                _ => String::new(),
            };
            let _ = writeln!(
                s,
                "| {}{mark} | {} → {} | {} | {} |",
                esc(&l.row.label),
                n.amount(l.step.from),
                n.amount(l.step.to),
                n.signed(l.step.change),
                l.step.relative.map(|r| n.percent(r)).unwrap_or_default()
            );
        }
        s.push('\n');
    }
}

/// One paired table: its heading, how it was paired and which columns are
/// compared, the years only one table prints, and its rows.
fn table(
    s: &mut String,
    diff: &Diff,
    c: &Comparison,
    t: &TableDiff,
    opts: &ReportOptions,
    w: &Words,
    n: Num,
) {
    let _ = writeln!(
        s,
        "### {} ({}) ↔ {} ({})\n",
        esc(&t.a.title),
        c.a,
        esc(&t.b.title),
        c.b
    );
    let both: Vec<&YearColumns> = t
        .years
        .iter()
        .filter(|y| y.a.is_some() && y.b.is_some())
        .collect();
    table_caption(s, t, &both, opts, w, n);
    one_sided_years(s, c, t, w);
    let years = view::budget_years(diff, c, t);
    table_rows(s, t, &both, years, opts, w, n);
}

/// The sentence under a table's heading: its role and unit, how it was
/// paired, and the columns compared for each year (`both`).
fn table_caption(
    s: &mut String,
    t: &TableDiff,
    both: &[&YearColumns],
    opts: &ReportOptions,
    w: &Words,
    n: Num,
) {
    let cols: Vec<String> = both
        .iter()
        .map(|y| {
            format!(
                "{}: {} → {}",
                y.year,
                y.a.as_ref().map_or("", |x| x.label.as_str()),
                y.b.as_ref().map_or("", |x| x.label.as_str())
            )
        })
        .collect();
    let _ = writeln!(
        s,
        "{}, {} {}; {} {} ({} {}, {} {}). {}.\n",
        capital(words::role(opts.lang, t.role)),
        w.amounts_in,
        unit_name(t.unit),
        w.paired_as,
        words::rule(opts.lang, t.pairing.rule),
        w.title_similarity,
        n.score(t.pairing.title_similarity),
        w.rows_in_common,
        n.score(t.pairing.row_overlap),
        esc(&cols.join("; "))
    );
}

/// The years only one of two paired tables prints, per document.
fn one_sided_years(s: &mut String, c: &Comparison, t: &TableDiff, w: &Words) {
    let only = |a: bool| -> Vec<String> {
        t.years
            .iter()
            .filter(|y| if a { y.b.is_none() } else { y.a.is_none() })
            .map(|y| y.year.to_string())
            .collect()
    };
    let (oa, ob) = (only(true), only(false));
    for (ids, years) in [(&c.a, oa), (&c.b, ob)] {
        if !years.is_empty() {
            let _ = writeln!(s, "{} {ids}: {}.\n", w.years_only_in, years.join(", "));
        }
    }
}

/// A paired table's rows as a Markdown table: label, how matched, and a
/// cell per year both tables print (`both`), in the report's order and
/// selection (`years`: the budget years, for the order by change).
fn table_rows(
    s: &mut String,
    t: &TableDiff,
    both: &[&YearColumns],
    years: Option<(i32, i32)>,
    opts: &ReportOptions,
    w: &Words,
    n: Num,
) {
    let _ = write!(s, "| {} | {} |", w.row, w.matching);
    for y in both {
        let _ = write!(s, " {} |", y.year);
    }
    s.push_str("\n|---|---|");
    for _ in both {
        s.push_str("---:|");
    }
    s.push('\n');
    for i in view::rows(t, years, opts) {
        let Some(r) = t.rows.get(i) else { continue };
        let _ = write!(s, "| {} | {} |", row_label(r, w), row_match(r, opts, w));
        for y in both {
            let v = r
                .values
                .iter()
                .find(|v| v.year == y.year && v.measure == y.measure);
            let _ = write!(
                s,
                " {} |",
                v.map(|v| value_cell(r, v, w, n)).unwrap_or_default()
            );
        }
        s.push('\n');
    }
    s.push('\n');
}

fn row_label(r: &RowDiff, w: &Words) -> String {
    let indent = if r.parent.is_some() { "↳ " } else { "" };
    let mut text = match (&r.a, &r.b) {
        (Some(a), Some(b)) if r.renamed => format!("{} → {}", esc(&a.label), esc(&b.label)),
        _ => esc(&r.label),
    };
    if let Some(m) = &r.moved {
        let _ = write!(
            text,
            " ({} {} → {})",
            w.moved,
            esc(m.from.as_deref().unwrap_or(w.own_item)),
            esc(m.to.as_deref().unwrap_or(w.own_item))
        );
    }
    let text = match r.status {
        Status::Removed => format!("~~{text}~~"),
        _ if r.kind == RowKind::Total => format!("**{text}**"),
        _ => text,
    };
    format!("{indent}{text}")
}

fn row_match(r: &RowDiff, opts: &ReportOptions, w: &Words) -> String {
    match r.status {
        Status::Added => w.added.into(),
        Status::Removed => w.removed.into(),
        Status::Matched => {
            let m = match_text(r.matched_by.as_ref(), opts.lang);
            if r.renamed {
                format!("{m}, {}", w.renamed)
            } else {
                m
            }
        }
    }
}

fn value_cell(r: &RowDiff, v: &ValueDiff, w: &Words, n: Num) -> String {
    match (v.a, v.b) {
        (Some(a), Some(b)) if a.0 == b.0 => n.amount(b),
        (Some(a), Some(b)) => {
            let mut x = format!("{} → {}", n.amount(a), n.amount(b));
            if let Some(c) = v.change {
                let _ = write!(x, " ({}", n.signed(c));
                if let Some(p) = v.relative_change {
                    let _ = write!(x, ", {}", n.percent(p));
                }
                if r.measure == Measure::Revenue {
                    let grows = v.direction == Some(ChangeDirection::Increase);
                    let _ = write!(x, ", {}", if grows { w.revenue_up } else { w.revenue_down });
                }
                x.push(')');
            }
            x
        }
        (Some(a), None) if r.status == Status::Matched => format!("{} → –", n.amount(a)),
        (None, Some(b)) if r.status == Status::Matched => format!("– → {}", n.amount(b)),
        (Some(x), None) | (None, Some(x)) => n.amount(x),
        (None, None) => String::new(),
    }
}

fn indicators(s: &mut String, c: &Comparison, opts: &ReportOptions, w: &Words, n: Num) {
    let _ = writeln!(s, "### {}\n", capital(w.indicator));
    let mut area: Option<Option<String>> = None;
    for i in &c.indicators {
        if opts.changed_only && !(i.status != Status::Matched || i.changed || i.renamed) {
            continue;
        }
        if area.as_ref() != Some(&i.goal_area) {
            area = Some(i.goal_area.clone());
            let _ = writeln!(
                s,
                "\n#### {}\n\n| {} | {} | {} | {} |\n|---|---|---|---|",
                esc(i.goal_area.as_deref().unwrap_or(w.no_goal_area)),
                w.indicator,
                w.matching,
                w.values,
                w.notes
            );
        }
        indicator(s, i, opts, w, n);
    }
    s.push('\n');
}

fn indicator(s: &mut String, i: &IndicatorDiff, opts: &ReportOptions, w: &Words, n: Num) {
    let indent = if i.parent.is_some() { "↳ " } else { "" };
    let text = match (&i.a, &i.b) {
        (Some(a), Some(b)) if i.renamed => format!("{} → {}", esc(&a.indicator), esc(&b.indicator)),
        _ => esc(&i.indicator),
    };
    let text = if i.status == Status::Removed {
        format!("~~{text}~~")
    } else {
        text
    };
    let m = match i.status {
        Status::Added => w.added.to_string(),
        Status::Removed => w.removed.to_string(),
        Status::Matched => {
            let m = match_text(i.matched_by.as_ref(), opts.lang);
            if i.changed {
                format!("{m}, {}", w.changed)
            } else {
                m
            }
        }
    };
    let values: Vec<String> = year_lines(i, opts.lang, n).iter().map(|l| esc(l)).collect();
    let notes: Vec<String> = i
        .notes
        .iter()
        .map(|x| esc(&words::note(opts.lang, x)))
        .collect();
    let _ = writeln!(
        s,
        "| {indent}{text} | {m} | {} | {} |",
        values.join("<br>"),
        notes.join("<br>")
    );
}

/// The line items over time (more than two documents) and the
/// indicators over time.
fn series(s: &mut String, diff: &Diff, opts: &ReportOptions, w: &Words, n: Num) {
    if diff.series.is_empty() || opts.table.is_some_and(|r| r != TableRole::OperatingSummary) {
        return;
    }
    line_items_over_time(s, diff, opts, w, n);
    if !diff.indicator_series.is_empty() && opts.table.is_none() {
        indicators_over_time(s, diff, w);
    }
}

/// Every line item's value per fiscal year, from the document that speaks
/// for the year, and the year's sums.
fn line_items_over_time(s: &mut String, diff: &Diff, opts: &ReportOptions, w: &Words, n: Num) {
    let unit = diff.series.first().map_or("tkr", |x| unit_name(x.unit));
    let _ = writeln!(s, "## {} ({unit})\n\n{}\n", w.over_time, w.over_time_note);
    let _ = write!(s, "| {} |", w.line_item);
    for y in &diff.series_years {
        let _ = write!(
            s,
            " {} {} {} |",
            y.year,
            kind_letter(&y.column, opts.lang),
            y.document
        );
    }
    s.push_str("\n|---|");
    for _ in &diff.series_years {
        s.push_str("---:|");
    }
    s.push('\n');
    for x in &diff.series {
        let label = if x.kind == RowKind::Total {
            format!("**{}**", esc(&x.label))
        } else {
            esc(&x.label)
        };
        let _ = write!(s, "| {label} |");
        for y in &diff.series_years {
            let cell = x
                .by_year
                .iter()
                .find(|p| p.year == y.year)
                .map(|p| n.amount(p.value))
                .unwrap_or_else(|| "–".into());
            let _ = write!(s, " {cell} |");
        }
        s.push('\n');
    }
    let _ = write!(s, "| *{}* |", w.sum_items);
    for y in &diff.series_years {
        let _ = write!(s, " {} |", n.amount(y.line_items));
    }
    s.push('\n');
    let _ = write!(s, "| *{}* |", w.sum_table);
    for y in &diff.series_years {
        let _ = write!(s, " {} |", y.total.map(|v| n.amount(v)).unwrap_or_default());
    }
    s.push_str("\n\n");
}

/// Every indicator's targets and outcome year by year.
fn indicators_over_time(s: &mut String, diff: &Diff, w: &Words) {
    let _ = writeln!(
        s,
        "## {}\n\n| {} | {} |\n|---|---|",
        w.indicators_over_time, w.indicator, w.values
    );
    for x in &diff.indicator_series {
        let lines: Vec<String> = x.years.iter().map(|y| indicator_year(y, w)).collect();
        let _ = writeln!(s, "| {} | {} |", esc(&x.indicator), lines.join("<br>"));
    }
    s.push('\n');
}

/// One year of an indicator over time: every target set for it (with the
/// document) and the outcome, with whether it met the target.
fn indicator_year(y: &IndicatorSeriesYear, w: &Words) -> String {
    let mut parts = Vec::new();
    if !y.targets.is_empty() {
        let t: Vec<String> = y
            .targets
            .iter()
            .map(|c| format!("{} ({})", cell_text(&c.cell), c.document))
            .collect();
        parts.push(format!("{} {}", w.target, t.join(", ")));
    }
    if let Some(o) = &y.outcome {
        let mark = match y.target_met {
            Some(true) => format!(" {}", w.met),
            Some(false) => format!(" {}", w.not_met),
            None => String::new(),
        };
        parts.push(format!("{} {}{mark}", w.outcome, cell_text(&o.cell)));
    }
    esc(&format!("{}: {}", y.year, parts.join(" · ")))
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Escapes text for a Markdown table cell.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}
