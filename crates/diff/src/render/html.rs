//! The diff as one self-contained HTML page: inline CSS, an inline SVG
//! chart, no scripts, fonts or images fetched from anywhere.
//!
//! The page holds the documents, the warnings, and for each comparison a
//! summary, a bar chart of net cost per line item (each document's value
//! for its own budget year, from the main operating summaries), every
//! paired table with increases and decreases coloured and renamed, added
//! and removed rows marked, and the indicators; for more than two documents
//! a time series table per line item.

use crate::model::{
    Comparison, Diff, IndicatorDiff, PairingRule, RowDiff, Series, Status, TableDiff, ValueDiff,
};
use crate::render::markdown::year_lines;
use crate::render::{
    amount, doc, doc_name, heading, kind_letter, match_text, percent, role_name, signed, unit_name,
};
use internbudget_normalizer::{Amount, RowKind, TableRole};
use rust_decimal::prelude::ToPrimitive;
use std::fmt::Write;

const STYLE: &str = r#"
:root { --ink:#1d2430; --muted:#5b6473; --line:#d9dee6; --bg:#f6f7f9; --up:#b3401b; --upbg:#fbe9e2; --down:#1f5fa8; --downbg:#e3eefa; --add:#2f7d32; --addbg:#e6f4e7; --rem:#8a8f98; --rembg:#f0f0f2; --ren:#7a4fb0; --renbg:#efe8f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
main { max-width: 1240px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 12px; padding-top: 12px; border-top: 2px solid var(--line); }
h3 { font-size: 16px; margin: 28px 0 6px; }
h4 { font-size: 14px; margin: 18px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
p.sub, p.note { color: var(--muted); margin: 4px 0 10px; }
.docs { display: flex; gap: 12px; flex-wrap: wrap; margin: 14px 0; }
.doc { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 260px; }
.doc b { font-size: 15px; } .doc small { color: var(--muted); display: block; }
.warn { background: #fff7e0; border: 1px solid #f0d58a; border-radius: 8px; padding: 10px 14px; margin: 12px 0; }
.warn code { font-size: 12px; background: #f7e7b5; padding: 0 4px; border-radius: 3px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; margin: 10px 0 6px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.card .n { font-size: 22px; font-weight: 650; } .card .l { color: var(--muted); font-size: 12px; }
.same { background: var(--addbg); border: 1px solid #b9dfbb; border-radius: 8px; padding: 8px 12px; }
table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 9px; border-bottom: 1px solid var(--line); vertical-align: top; text-align: left; }
th { background: #eef1f5; font-weight: 600; font-size: 13px; }
td.num, th.num { text-align: right; } td.num { white-space: nowrap; }
tr.total td { font-weight: 650; background: #fafbfc; }
tr.child td.label { padding-left: 28px; color: #303846; }
tr.added td.label { box-shadow: inset 4px 0 0 var(--add); }
tr.removed td { color: var(--rem); } tr.removed td.label { text-decoration: line-through; box-shadow: inset 4px 0 0 var(--rem); }
tr.renamed td.label { box-shadow: inset 4px 0 0 var(--ren); }
.badge { display: inline-block; font-size: 11px; font-weight: 600; border-radius: 10px; padding: 1px 7px; margin-left: 6px; white-space: nowrap; text-decoration: none; }
.b-add { background: var(--addbg); color: var(--add); } .b-rem { background: var(--rembg); color: #555; }
.b-ren { background: var(--renbg); color: var(--ren); } .b-kind { background: #eef1f5; color: var(--muted); }
.old { color: var(--muted); font-size: 12px; display: block; }
.up { color: var(--up); } .down { color: var(--down); }
td.up { background: var(--upbg); } td.down { background: var(--downbg); }
.chg { display: block; font-size: 12px; }
.legend { color: var(--muted); font-size: 12px; margin: 6px 0 10px; }
.legend span { display: inline-block; margin-right: 14px; }
.sw { display: inline-block; width: 11px; height: 11px; border-radius: 2px; vertical-align: -1px; margin-right: 4px; }
.chart { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px; }
ul.notes { margin: 0; padding-left: 16px; }
"#;

const COLORS: [&str; 6] = [
    "#9aa5b5", "#2b6cb0", "#d97706", "#2f855a", "#9b2c2c", "#6b46c1",
];

/// Renders a diff as one HTML page.
pub fn html(diff: &Diff) -> String {
    let mut s = String::new();
    let title = format!("Budget comparison: {}", heading(diff));
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n<p class=\"sub\">internbudget diff, schema {} — amounts compared by fiscal year across column kinds (a plan against a later budget, a budget against a later outcome).</p>\n",
        esc(&title),
        esc(&title),
        esc(&diff.schema_version)
    );
    s.push_str("<div class=\"docs\">");
    for (i, d) in diff.documents.iter().enumerate() {
        let _ = write!(
            s,
            "<div class=\"doc\"><span class=\"sw\" style=\"background:{}\"></span><b>{}</b> {}<small>{}</small><small>{} · {}</small></div>",
            color(i),
            esc(&d.id),
            esc(d.title.as_deref().unwrap_or("")),
            esc(&d.file),
            esc(d.committee.as_deref().unwrap_or("committee unknown")),
            esc(d.municipality.as_deref().unwrap_or("municipality unknown"))
        );
    }
    s.push_str("</div>\n");
    if !diff.warnings.is_empty() {
        s.push_str("<div class=\"warn\"><b>Warnings</b><ul class=\"notes\">");
        for w in &diff.warnings {
            let _ = write!(
                s,
                "<li><code>{}</code> {}</li>",
                esc(&w.code),
                esc(&w.message)
            );
        }
        s.push_str("</ul></div>\n");
    }
    if !diff.series.is_empty() {
        chart(&mut s, diff);
    }
    for c in &diff.comparisons {
        comparison(&mut s, diff, c);
    }
    if diff.documents.len() > 2 {
        series_table(&mut s, diff);
    }
    s.push_str("</main>\n</body>\n</html>\n");
    s
}

fn color(i: usize) -> &'static str {
    COLORS.get(i % COLORS.len()).copied().unwrap_or("#888")
}

fn comparison(s: &mut String, diff: &Diff, c: &Comparison) {
    let name = |id: &str| doc(diff, id).map_or_else(|| id.to_string(), doc_name);
    let _ = writeln!(s, "<h2>{} → {}</h2>", esc(&name(&c.a)), esc(&name(&c.b)));
    let m = &c.summary;
    if m.identical {
        s.push_str("<p class=\"same\"><b>No change.</b> Every row and indicator matched exactly and every compared value is equal.</p>");
    }
    s.push_str("<div class=\"cards\">");
    let card = |s: &mut String, n: String, l: &str| {
        let _ = write!(
            s,
            "<div class=\"card\"><div class=\"n\">{n}</div><div class=\"l\">{l}</div></div>"
        );
    };
    card(s, format!("{}", m.tables_paired), "tables paired");
    card(
        s,
        format!(
            "{}",
            m.rows.exact + m.rows.alias + m.rows.fuzzy + m.rows.kind
        ),
        &format!(
            "rows matched: {} exact, {} alias, {} fuzzy, {} by kind",
            m.rows.exact, m.rows.alias, m.rows.fuzzy, m.rows.kind
        ),
    );
    card(s, format!("{}", m.rows.added), "rows added");
    card(s, format!("{}", m.rows.removed), "rows removed");
    card(
        s,
        format!("{} / {}", m.values_changed, m.values_compared),
        "values changed / compared",
    );
    card(
        s,
        format!(
            "{} / {}",
            m.indicators_changed,
            m.indicators.exact + m.indicators.alias + m.indicators.fuzzy
        ),
        &format!(
            "indicators changed / matched; {} added, {} removed",
            m.indicators.added, m.indicators.removed
        ),
    );
    s.push_str("</div>\n<p class=\"legend\"><span><span class=\"sw\" style=\"background:var(--upbg);border:1px solid var(--up)\"></span>increase</span><span><span class=\"sw\" style=\"background:var(--downbg);border:1px solid var(--down)\"></span>decrease</span><span><span class=\"sw\" style=\"background:var(--add)\"></span>added row</span><span><span class=\"sw\" style=\"background:var(--rem)\"></span>removed row</span><span><span class=\"sw\" style=\"background:var(--ren)\"></span>renamed row</span></p>\n");
    for t in &c.tables {
        table(s, c, t);
    }
    if !c.unpaired_tables.is_empty() {
        s.push_str("<h3>Tables in one document only</h3><ul class=\"notes\">");
        for u in &c.unpaired_tables {
            let id = match u.side {
                crate::model::Side::A => &c.a,
                crate::model::Side::B => &c.b,
            };
            let _ = write!(
                s,
                "<li>{} {}: “{}” ({})</li>",
                esc(id),
                esc(&u.table.id),
                esc(&u.table.title),
                role_name(u.table.role)
            );
        }
        s.push_str("</ul>\n");
    }
    if !c.indicators.is_empty() {
        indicators(s, c);
    }
}

fn table(s: &mut String, c: &Comparison, t: &TableDiff) {
    let _ = writeln!(
        s,
        "<h3>{} <small>({})</small> ↔ {} <small>({})</small></h3>",
        esc(&t.a.title),
        esc(&c.a),
        esc(&t.b.title),
        esc(&c.b)
    );
    let rule = match t.pairing.rule {
        PairingRule::Main => "the main tables of their role",
        PairingRule::Title => "similar titles",
        PairingRule::Rows => "line items in common",
    };
    let _ = writeln!(
        s,
        "<p class=\"note\">{}, amounts in {}; paired as {} (title similarity {:.2}, line items in common {:.0} %).</p>",
        esc(role_name(t.role)),
        unit_name(t.unit),
        rule,
        t.pairing.title_similarity,
        t.pairing.row_overlap * 100.0
    );
    let both: Vec<&crate::model::YearColumns> = t
        .years
        .iter()
        .filter(|y| y.a.is_some() && y.b.is_some())
        .collect();
    s.push_str("<table><thead><tr><th style=\"width:30%\">Row</th><th>Match</th>");
    for y in &both {
        let _ = write!(
            s,
            "<th class=\"num\">{}<span class=\"old\">{} → {}</span></th>",
            y.year,
            esc(y.a.as_ref().map_or("", |x| x.label.as_str())),
            esc(y.b.as_ref().map_or("", |x| x.label.as_str()))
        );
    }
    s.push_str("</tr></thead><tbody>\n");
    for r in &t.rows {
        row(s, r, &both);
    }
    s.push_str("</tbody></table>\n");
}

fn row(s: &mut String, r: &RowDiff, both: &[&crate::model::YearColumns]) {
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
        Status::Matched => {}
    }
    let label = match (&r.a, &r.b) {
        (Some(a), Some(b)) if r.renamed => format!(
            "{}<span class=\"old\">was: {}</span>",
            esc(&b.label),
            esc(&a.label)
        ),
        _ => esc(&r.label),
    };
    let badge = match r.status {
        Status::Added => "<span class=\"badge b-add\">added</span>".to_string(),
        Status::Removed => "<span class=\"badge b-rem\">removed</span>".to_string(),
        Status::Matched if r.renamed => format!(
            "<span class=\"badge b-ren\">renamed · {}</span>",
            esc(&match_text(r.matched_by.as_ref()))
        ),
        Status::Matched => String::new(),
    };
    let m = match r.status {
        Status::Matched => format!(
            "<span class=\"badge b-kind\">{}</span>",
            esc(&match_text(r.matched_by.as_ref()))
        ),
        _ => String::new(),
    };
    let _ = write!(
        s,
        "<tr class=\"{}\"><td class=\"label\">{label}{badge}</td><td>{m}</td>",
        class.join(" ")
    );
    for y in both {
        let v = r.values.iter().find(|v| v.year == y.year);
        match v {
            Some(v) => cell(s, r, v),
            None => s.push_str("<td></td>"),
        }
    }
    s.push_str("</tr>\n");
}

fn cell(s: &mut String, r: &RowDiff, v: &ValueDiff) {
    match (v.a, v.b) {
        (Some(a), Some(b)) if a.0 == b.0 => {
            let _ = write!(s, "<td class=\"num\">{}</td>", amount(b));
        }
        (Some(a), Some(b)) => {
            let up = b.0 > a.0;
            let class = if up { "up" } else { "down" };
            let mut chg = v.change.map(signed).unwrap_or_default();
            if let Some(p) = v.relative_change {
                let _ = write!(chg, " ({})", percent(p));
            }
            let _ = write!(
                s,
                "<td class=\"num {class}\"><span class=\"old\">{}</span>{}<span class=\"chg {class}\">{}</span></td>",
                amount(a),
                amount(b),
                esc(&chg)
            );
        }
        (Some(a), None) if r.status == Status::Matched => {
            let _ = write!(
                s,
                "<td class=\"num\"><span class=\"old\">{}</span>–</td>",
                amount(a)
            );
        }
        (None, Some(b)) if r.status == Status::Matched => {
            let _ = write!(
                s,
                "<td class=\"num\"><span class=\"old\">–</span>{}</td>",
                amount(b)
            );
        }
        (Some(x), None) | (None, Some(x)) => {
            let _ = write!(s, "<td class=\"num\">{}</td>", amount(x));
        }
        (None, None) => s.push_str("<td></td>"),
    }
}

fn indicators(s: &mut String, c: &Comparison) {
    s.push_str("<h3>Indicators</h3>\n");
    let mut area: Option<Option<String>> = None;
    let mut open = false;
    for i in &c.indicators {
        if area.as_ref() != Some(&i.goal_area) {
            if open {
                s.push_str("</tbody></table>\n");
            }
            area = Some(i.goal_area.clone());
            let _ = writeln!(
                s,
                "<h4>{}</h4><table><thead><tr><th style=\"width:38%\">Indicator</th><th>Match</th><th>Values by year</th><th>Notes</th></tr></thead><tbody>",
                esc(i.goal_area.as_deref().unwrap_or("(no goal area)"))
            );
            open = true;
        }
        indicator_row(s, i);
    }
    if open {
        s.push_str("</tbody></table>\n");
    }
}

fn indicator_row(s: &mut String, i: &IndicatorDiff) {
    let mut class = vec![];
    if i.parent.is_some() {
        class.push("child");
    }
    match i.status {
        Status::Added => class.push("added"),
        Status::Removed => class.push("removed"),
        Status::Matched if i.renamed => class.push("renamed"),
        Status::Matched => {}
    }
    let label = match (&i.a, &i.b) {
        (Some(a), Some(b)) if i.renamed => format!(
            "{}<span class=\"old\">was: {}</span>",
            esc(&b.indicator),
            esc(&a.indicator)
        ),
        _ => esc(&i.indicator),
    };
    let m = match i.status {
        Status::Added => "<span class=\"badge b-add\">added</span>".to_string(),
        Status::Removed => "<span class=\"badge b-rem\">removed</span>".to_string(),
        Status::Matched => {
            let mut t = format!(
                "<span class=\"badge {}\">{}</span>",
                if i.renamed { "b-ren" } else { "b-kind" },
                esc(&match_text(i.matched_by.as_ref()))
            );
            if i.changed {
                t.push_str("<span class=\"badge b-ren\">changed</span>");
            }
            t
        }
    };
    let lines: Vec<String> = year_lines(i).iter().map(|l| esc(l)).collect();
    let notes: Vec<String> = i.notes.iter().map(|n| esc(&n.message)).collect();
    let _ = writeln!(
        s,
        "<tr class=\"{}\"><td class=\"label\">{label}</td><td>{m}</td><td>{}</td><td>{}</td></tr>",
        class.join(" "),
        lines.join("<br>"),
        notes.join("<br>")
    );
}

/// The value of a series for a document's budget year.
fn budget_value(x: &Series, doc_id: &str, year: Option<i32>) -> Option<Amount> {
    let year = year?;
    x.points
        .iter()
        .find(|p| p.document == doc_id && p.year == year)
        .map(|p| p.value)
}

/// A horizontal grouped bar chart of net cost per line item: one bar per
/// document, its value for its own budget year.
fn chart(s: &mut String, diff: &Diff) {
    let items: Vec<&Series> = diff
        .series
        .iter()
        .filter(|x| x.kind == RowKind::LineItem)
        .collect();
    let docs = &diff.documents;
    let values: Vec<Vec<Option<f64>>> = items
        .iter()
        .map(|x| {
            docs.iter()
                .map(|d| budget_value(x, &d.id, d.budget_year).and_then(|a| a.0.to_f64()))
                .collect()
        })
        .collect();
    let all: Vec<f64> = values.iter().flatten().flatten().copied().collect();
    if all.is_empty() {
        return;
    }
    let max = all.iter().copied().fold(0.0_f64, f64::max);
    let min = all.iter().copied().fold(0.0_f64, f64::min);
    let span = if max - min > 0.0 { max - min } else { 1.0 };
    let unit = items.first().map_or("tkr", |x| unit_name(x.unit));
    let (width, label_w, right_pad) = (1160.0_f64, 330.0_f64, 90.0_f64);
    let plot_w = width - label_w - right_pad;
    let bar_h = 13.0_f64;
    let group_h = bar_h * docs.len() as f64 + 12.0;
    let top = 34.0_f64;
    let height = top + group_h * items.len() as f64 + 10.0;
    let x_of = |v: f64| label_w + (v - min) / span * plot_w;
    let zero = x_of(0.0);
    let role = diff
        .comparisons
        .iter()
        .flat_map(|c| c.tables.iter())
        .find(|t| t.role == TableRole::OperatingSummary && t.pairing.rule == PairingRule::Main)
        .map_or_else(|| "operating summary".to_string(), |t| t.b.title.clone());
    let _ = write!(
        s,
        "<h3>Net cost per line item, {} ({unit})</h3><p class=\"note\">From the main operating summaries (“{}”): each document’s amount for its own budget year.</p><div class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-label=\"Net cost per line item\" font-family=\"system-ui, sans-serif\" font-size=\"12\">",
        esc(&budget_years(diff)),
        esc(&role)
    );
    // Legend.
    let mut lx = label_w;
    for (i, d) in docs.iter().enumerate() {
        let text = match d.budget_year {
            Some(y) => format!("{} budget {y}", d.id),
            None => d.id.clone(),
        };
        let _ = write!(
            s,
            "<rect x=\"{lx:.1}\" y=\"8\" width=\"12\" height=\"12\" rx=\"2\" fill=\"{}\"/><text x=\"{:.1}\" y=\"18\" fill=\"#1d2430\">{}</text>",
            color(i),
            lx + 16.0,
            esc(&text)
        );
        lx += 24.0 + 7.0 * text.chars().count() as f64;
    }
    let _ = write!(
        s,
        "<line x1=\"{zero:.1}\" y1=\"{:.1}\" x2=\"{zero:.1}\" y2=\"{:.1}\" stroke=\"#9aa3b0\" stroke-width=\"1\"/>",
        top - 4.0,
        height - 6.0
    );
    for (k, (x, vals)) in items.iter().zip(&values).enumerate() {
        let gy = top + group_h * k as f64;
        let label: String = if x.label.chars().count() > 46 {
            let mut t: String = x.label.chars().take(45).collect();
            t.push('…');
            t
        } else {
            x.label.clone()
        };
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#1d2430\">{}</text>",
            label_w - 10.0,
            gy + group_h / 2.0,
            esc(&label)
        );
        for (i, v) in vals.iter().enumerate() {
            let by = gy + bar_h * i as f64 + 4.0;
            let Some(v) = v else {
                let _ = write!(
                    s,
                    "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#8a8f98\" font-size=\"11\">–</text>",
                    zero + 4.0,
                    by + bar_h - 3.0
                );
                continue;
            };
            let xv = x_of(*v);
            let (x0, w) = if xv >= zero {
                (zero, xv - zero)
            } else {
                (xv, zero - xv)
            };
            let text = budget_value(
                x,
                docs.get(i).map_or("", |d| d.id.as_str()),
                docs.get(i).and_then(|d| d.budget_year),
            )
            .map(amount)
            .unwrap_or_default();
            let tx = if *v >= 0.0 { x0 + w + 4.0 } else { x0 - 4.0 };
            let anchor = if *v >= 0.0 { "start" } else { "end" };
            let _ = write!(
                s,
                "<rect x=\"{x0:.1}\" y=\"{by:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"2\" fill=\"{}\"/><text x=\"{tx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" fill=\"#4a5261\" font-size=\"11\">{}</text>",
                w.max(0.5),
                bar_h - 2.0,
                color(i),
                by + bar_h - 3.0,
                esc(&text)
            );
        }
    }
    s.push_str("</svg></div>\n");
}

fn budget_years(diff: &Diff) -> String {
    diff.documents
        .iter()
        .filter_map(|d| d.budget_year.map(|y| y.to_string()))
        .collect::<Vec<_>>()
        .join(" vs ")
}

fn series_table(s: &mut String, diff: &Diff) {
    let mut years: Vec<i32> = diff
        .series
        .iter()
        .flat_map(|x| x.by_year.iter().map(|p| p.year))
        .collect();
    years.sort_unstable();
    years.dedup();
    if years.is_empty() {
        return;
    }
    let unit = diff.series.first().map_or("tkr", |x| unit_name(x.unit));
    let _ = write!(
        s,
        "<h2>Time series ({unit})</h2><p class=\"note\">Each year from the most final source: U outcome, B budget, F forecast, P plan, then the document it was read from.</p><table><thead><tr><th>Line item</th>"
    );
    for y in &years {
        let _ = write!(s, "<th class=\"num\">{y}</th>");
    }
    s.push_str("</tr></thead><tbody>");
    for x in &diff.series {
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
        for y in &years {
            match x.by_year.iter().find(|p| p.year == *y) {
                Some(p) => {
                    let _ = write!(
                        s,
                        "<td class=\"num\">{}<span class=\"old\">{} {}</span></td>",
                        amount(p.value),
                        kind_letter(&p.column),
                        esc(&p.document)
                    );
                }
                None => s.push_str("<td></td>"),
            }
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>\n");
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
