//! The diff as one self-contained HTML page: inline CSS and SVG, no
//! scripts, fonts or images fetched from anywhere; laid out for a screen
//! and for A4 paper (print styles: A4 margins, rows never split across
//! pages, table heads repeated).
//!
//! The page holds the documents and what to know before reading; for each
//! comparison its counts, "Största förändringar" (the total, the ten
//! largest changes by amount and by per cent from one budget to the next),
//! a bridge chart from one budget's total to the next, every selected table
//! with increases and decreases coloured (revenue by whether it grows) and
//! renamed, moved, added and removed rows marked, and the indicators that
//! changed; then the line items over time with a small chart each, and
//! every indicator's targets and outcomes over the years.

pub(super) mod sections;

use super::view::{self, Summary};
use super::words::{self, Words};
use super::{Lang, Num, ReportOptions, charts, doc, doc_name, esc, heading};
use crate::model::{Comparison, Diff};
use std::fmt::Write;

const STYLE: &str = r#"
:root { --ink:#1d2430; --muted:#5b6473; --line:#d9dee6; --bg:#f6f7f9; --up:#a8431c; --upbg:#fbe9e2; --down:#1f5fa8; --downbg:#e3eefa; --add:#2f7d32; --addbg:#e6f4e7; --rem:#7b818b; --rembg:#f0f0f2; --ren:#7a4fb0; --renbg:#efe8f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
main { max-width: 1080px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 32px 0 10px; padding-top: 10px; border-top: 2px solid var(--line); }
h3 { font-size: 16px; margin: 22px 0 6px; }
h4 { font-size: 13px; margin: 14px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
p.sub, p.note { color: var(--muted); margin: 4px 0 10px; }
.docs { display: flex; gap: 10px; flex-wrap: wrap; margin: 12px 0; }
.doc { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; flex: 1 1 240px; }
.doc b { font-size: 15px; } .doc small { color: var(--muted); display: block; overflow-wrap: anywhere; }
.warn { background: #fff7e0; border: 1px solid #f0d58a; border-radius: 8px; padding: 8px 12px; margin: 10px 0; }
.cards { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 6px 10px; flex: 1 1 130px; }
.card .n { font-size: 19px; font-weight: 650; } .card .l { color: var(--muted); font-size: 12px; }
.same { background: var(--addbg); border: 1px solid #b9dfbb; border-radius: 8px; padding: 8px 12px; }
.total-line { font-size: 16px; background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--ink); border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid var(--line); font-variant-numeric: tabular-nums; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #eef1f5; font-weight: 600; font-size: 12.5px; overflow-wrap: normal; }
th.num { white-space: nowrap; }
td.label { min-width: 11em; overflow-wrap: break-word; }
table.rows td.label { width: 27%; }
table.series td.num { font-size: 12.5px; }
td.num, th.num { text-align: right; } td.num { white-space: nowrap; }
tr.total td { font-weight: 650; background: #fafbfc; }
tr.child td.label { padding-left: 26px; color: #303846; }
tr.added td.label { box-shadow: inset 4px 0 0 var(--add); }
tr.removed td { color: var(--rem); } tr.removed td.label { text-decoration: line-through; box-shadow: inset 4px 0 0 var(--rem); }
tr.renamed td.label, tr.moved td.label { box-shadow: inset 4px 0 0 var(--ren); }
.badge { display: inline-block; font-size: 11px; font-weight: 600; border-radius: 10px; padding: 0 7px; margin-left: 5px; white-space: nowrap; text-decoration: none; }
.b-add { background: var(--addbg); color: var(--add); } .b-rem { background: var(--rembg); color: #555; }
.b-ren { background: var(--renbg); color: var(--ren); } .b-kind { background: #eef1f5; color: var(--muted); font-weight: 500; }
.old { color: var(--muted); font-size: 12px; display: block; }
.up { color: var(--up); } .down { color: var(--down); }
td.up { background: var(--upbg); } td.down { background: var(--downbg); }
.chg { display: block; font-size: 12px; }
.legend { color: var(--muted); font-size: 12px; margin: 6px 0 8px; }
.legend span { display: inline-block; margin-right: 12px; }
.sw { display: inline-block; width: 11px; height: 11px; border-radius: 2px; vertical-align: -1px; margin-right: 4px; }
.chart { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px; }
svg { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
svg.spark { display: block; }
ul.notes { margin: 0; padding-left: 16px; }
ul.yl { margin: 0; padding: 0; list-style: none; font-size: 12.5px; }
.ok { color: var(--add); font-weight: 700; } .miss { color: var(--up); font-weight: 700; }
@page { size: A4; margin: 12mm 11mm; }
@media print {
  body { background: #fff; font-size: 9pt; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 14pt; } h3 { font-size: 11pt; }
  body { font-size: 8.5pt; }
  th, td { padding: 2pt 3.5pt; } th { font-size: 7.5pt; } .old, .chg, ul.yl, table.series td.num { font-size: 7.5pt; }
  td.label { min-width: 9em; }
  tr, .card, .doc, .total-line, svg, section.keep { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  thead { display: table-header-group; }
  td.up, td.down, tr.total td, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .grid2 { grid-template-columns: 1fr 1fr; }
}
@media (max-width: 720px) { .grid2 { grid-template-columns: 1fr; } }
"#;

/// Renders a diff as one HTML page.
pub fn html(diff: &Diff, opts: &ReportOptions) -> String {
    let lang = opts.lang;
    let w = words::of(lang);
    let n = Num::new(lang);
    let mut s = String::new();
    let title = format!("{}: {}", w.title, heading(diff));
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n",
        w.html_lang,
        esc(&title),
        esc(&title),
        esc(w.intro)
    );
    documents(&mut s, diff, w);
    if !diff.warnings.is_empty() {
        let _ = write!(
            s,
            "<div class=\"warn\"><b>{}</b><ul class=\"notes\">",
            esc(w.warnings)
        );
        for x in &diff.warnings {
            let _ = write!(s, "<li>{}</li>", esc(&words::warning(lang, diff, x)));
        }
        s.push_str("</ul></div>\n");
    }
    for c in &diff.comparisons {
        comparison(&mut s, diff, c, opts, w, n);
    }
    if diff.documents.len() > 2 {
        sections::series(&mut s, diff, opts, w, n);
    }
    sections::indicator_series(&mut s, diff, opts, w);
    s.push_str("</main>\n</body>\n</html>\n");
    s
}

fn documents(s: &mut String, diff: &Diff, w: &Words) {
    s.push_str("<div class=\"docs\">");
    for d in &diff.documents {
        let _ = write!(
            s,
            "<div class=\"doc\"><b>{}</b> {}<small>{}</small><small>{} · {}</small></div>",
            esc(&d.id),
            esc(d.title.as_deref().unwrap_or("")),
            esc(&d.file),
            esc(d.committee.as_deref().unwrap_or(w.committee_unknown)),
            esc(d.municipality.as_deref().unwrap_or(w.municipality_unknown))
        );
    }
    s.push_str("</div>\n");
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
    let _ = writeln!(s, "<h2>{} → {}</h2>", esc(&name(&c.a)), esc(&name(&c.b)));
    let m = &c.summary;
    if m.identical {
        let _ = write!(s, "<p class=\"same\">{}</p>", esc(w.no_change));
    }
    cards(s, c, w);
    if let Some(sum) = view::summary(diff, c, opts) {
        largest(s, &sum, w, n, opts.lang);
        bridge(s, &sum, w, n);
    }
    let _ = writeln!(
        s,
        "<p class=\"legend\"><span><span class=\"sw\" style=\"background:var(--upbg);border:1px solid var(--up)\"></span>{}</span><span><span class=\"sw\" style=\"background:var(--downbg);border:1px solid var(--down)\"></span>{}</span><span><span class=\"sw\" style=\"background:var(--add)\"></span>{}</span><span><span class=\"sw\" style=\"background:var(--rem)\"></span>{}</span><span><span class=\"sw\" style=\"background:var(--ren)\"></span>{} / {}</span></p>",
        esc(w.legend_up),
        esc(w.legend_down),
        esc(w.added),
        esc(w.removed),
        esc(w.renamed),
        esc(w.moved)
    );
    for t in view::tables(c, opts) {
        sections::table(s, diff, c, t, opts, w, n);
    }
    sections::unpaired(s, c, opts, w);
    sections::indicator_changes(s, c, opts, w, n);
}

fn cards(s: &mut String, c: &Comparison, w: &Words) {
    let m = &c.summary;
    s.push_str("<div class=\"cards\">");
    let mut card = |n: String, l: String| {
        let _ = write!(
            s,
            "<div class=\"card\"><div class=\"n\">{}</div><div class=\"l\">{}</div></div>",
            esc(&n),
            esc(&l)
        );
    };
    card(m.tables_paired.to_string(), w.tables_paired.to_string());
    card(
        (m.rows.exact + m.rows.alias + m.rows.fuzzy + m.rows.kind).to_string(),
        format!(
            "{}: {} {}, {} {}, {} {}, {} {}",
            w.rows_matched,
            m.rows.exact,
            w.exact,
            m.rows.alias,
            w.alias,
            m.rows.fuzzy,
            w.fuzzy,
            m.rows.kind,
            w.by_kind
        ),
    );
    card(m.rows.added.to_string(), w.rows_added.to_string());
    card(m.rows.removed.to_string(), w.rows_removed.to_string());
    card(
        format!("{} / {}", m.values_changed, m.values_compared),
        w.values_changed.to_string(),
    );
    card(
        format!(
            "{} / {}",
            m.indicators_changed,
            m.indicators.exact + m.indicators.alias + m.indicators.fuzzy
        ),
        format!(
            "{}; {} {}, {} {}",
            w.indicators_changed, m.indicators.added, w.added, m.indicators.removed, w.removed
        ),
    );
    s.push_str("</div>\n");
}

/// "Största förändringar": the total, then the ten largest changes by
/// amount and by per cent.
fn largest(s: &mut String, sum: &Summary<'_>, w: &Words, n: Num, lang: Lang) {
    let (ya, yb) = sum.years;
    let unit = super::unit_name(sum.table.unit);
    let _ = write!(
        s,
        "<section class=\"keep\"><h3>{} <small>({}, {unit})</small></h3>",
        esc(w.largest),
        esc(&sum.table.b.title)
    );
    if let Some(t) = &sum.total {
        let pct = t
            .relative
            .map(|r| format!(" ({})", n.percent(r)))
            .unwrap_or_default();
        let class = if t.change.0.is_zero() {
            ""
        } else if t.increase {
            "up"
        } else {
            "down"
        };
        let _ = write!(
            s,
            "<div class=\"total-line\"><b>{}</b>: {} ({} {ya}) → {} ({} {yb}): <b class=\"{class}\">{}{}</b></div>",
            esc(w.total),
            n.amount(t.from),
            esc(w.budget),
            n.amount(t.to),
            esc(w.budget),
            n.signed(t.change),
            pct
        );
    }
    s.push_str("<div class=\"grid2\">");
    for (title, list) in [
        (w.largest_amount, &sum.by_amount),
        (w.largest_percent, &sum.by_percent),
    ] {
        let _ = write!(
            s,
            "<div><h4>{}</h4><table><thead><tr><th>{}</th><th class=\"num\">{ya} → {yb}</th><th class=\"num\">{}</th></tr></thead><tbody>",
            esc(title),
            esc(w.row),
            esc(w.change)
        );
        for l in list.iter().take(10) {
            let class = if l.step.increase { "up" } else { "down" };
            let note = match (l.row.a.is_some(), l.row.b.is_some()) {
                (false, true) => format!("<span class=\"badge b-add\">{}</span>", esc(w.new_row)),
                (true, false) => format!("<span class=\"badge b-rem\">{}</span>", esc(w.gone_row)),
                _ => String::new(),
            };
            let revenue = sections::revenue_word(l.row.measure, l.step.increase, w);
            let pct = l.step.relative.map(|r| n.percent(r)).unwrap_or_default();
            let _ = write!(
                s,
                "<tr><td class=\"label\">{}{note}{revenue}</td><td class=\"num\">{} → {}</td><td class=\"num {class}\">{}<span class=\"chg\">{}</span></td></tr>",
                esc(&l.row.label),
                n.amount(l.step.from),
                n.amount(l.step.to),
                n.signed(l.step.change),
                pct
            );
        }
        s.push_str("</tbody></table></div>");
    }
    s.push_str("</div></section>\n");
    let _ = lang;
}

/// The bridge chart of a comparison's summary.
fn bridge(s: &mut String, sum: &Summary<'_>, w: &Words, n: Num) {
    let (Some(total), false) = (sum.total, sum.by_amount.is_empty()) else {
        return;
    };
    let (ya, yb) = sum.years;
    const SHOWN: usize = 12;
    let mut bars = vec![charts::Bar {
        label: format!("{} {} {ya}", w.total, w.budget),
        total: true,
        value: total.from.0,
        text: n.amount(total.from),
        class: "total",
    }];
    let step_bar = |label: String, v: rust_decimal::Decimal| charts::Bar {
        label,
        total: false,
        value: v,
        text: n.signed(internbudget_normalizer::Amount(v)),
        class: if v.is_sign_negative() { "down" } else { "up" },
    };
    let mut shown = rust_decimal::Decimal::ZERO;
    for l in sum.by_amount.iter().take(SHOWN) {
        shown = shown.saturating_add(l.step.change.0);
        bars.push(step_bar(l.row.label.clone(), l.step.change.0));
    }
    let rest: Vec<_> = sum.by_amount.iter().skip(SHOWN).collect();
    let rest_sum = rest.iter().fold(rust_decimal::Decimal::ZERO, |a, l| {
        a.saturating_add(l.step.change.0)
    });
    if !rest.is_empty() {
        bars.push(step_bar(format!("{} ({})", w.others, rest.len()), rest_sum));
    }
    let gap = total
        .change
        .0
        .saturating_sub(shown)
        .saturating_sub(rest_sum);
    if !gap.is_zero() {
        bars.push(step_bar(w.unreconciled.to_string(), gap));
    }
    bars.push(charts::Bar {
        label: format!("{} {} {yb}", w.total, w.budget),
        total: true,
        value: total.to.0,
        text: n.amount(total.to),
        class: "total",
    });
    let unit = super::unit_name(sum.table.unit);
    let _ = writeln!(
        s,
        "<section class=\"keep\"><h3>{} <small>({ya} → {yb}, {unit})</small></h3><p class=\"note\">{}</p><div class=\"chart\">{}</div></section>",
        esc(w.bridge),
        esc(w.bridge_note),
        charts::bridge(&bars, w.bridge, w.axis_note, n)
    );
}
