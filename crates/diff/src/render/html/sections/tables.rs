//! The paired tables of a comparison, row by row with their changes
//! coloured, and the tables only one document has.

use crate::model::{
    ChangeDirection, Comparison, Diff, Measure, RowDiff, Side, Status, TableDiff, ValueDiff,
    YearColumns,
};
use crate::render::view;
use crate::render::words::{self, Words};
use crate::render::{Num, ReportOptions, esc, match_text, unit_name};
use internbudget_normalizer::RowKind;
use rust_decimal::Decimal;
use std::fmt::Write;

/// "intäkterna ökar" beside a revenue change.
pub(crate) fn revenue_word(m: Measure, increase: bool, w: &Words) -> String {
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

/// One paired table: its heading, how it was paired, and its rows.
pub(crate) fn table(
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

/// One row of a paired table: its label (the earlier label of a renamed
/// row, where a moved row stood), a badge saying how it matched, and a cell
/// per year both tables print.
fn row(
    s: &mut String,
    r: &RowDiff,
    both: &[&YearColumns],
    opts: &ReportOptions,
    w: &Words,
    n: Num,
) {
    let _ = write!(
        s,
        "<tr class=\"{}\" title=\"{}\"><td class=\"label\">{}{}</td>",
        row_classes(r).join(" "),
        esc(words::row_kind(opts.lang, r.kind)),
        row_label(r, w),
        row_badge(r, opts, w)
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

/// The classes of a row: total, child, added, removed, renamed, moved.
fn row_classes(r: &RowDiff) -> Vec<&'static str> {
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
    class
}

/// A row's label, with the earlier label of a renamed row and the line
/// items a moved row went from and to.
fn row_label(r: &RowDiff, w: &Words) -> String {
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
    label
}

/// The badge of a row: added, removed, renamed, moved, or how it matched
/// when not exactly.
fn row_badge(r: &RowDiff, opts: &ReportOptions, w: &Words) -> String {
    match r.status {
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
    }
}

/// The cell of one value: the amount, or earlier → later with the change.
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

/// The tables only one document has.
pub(crate) fn unpaired(s: &mut String, c: &Comparison, opts: &ReportOptions, w: &Words) {
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
