//! The diff as a Markdown report: the documents, warnings, and for each
//! comparison a summary, every paired table (one column per fiscal year
//! printed in both tables: "earlier → later (change, per cent)"), the
//! unpaired tables and the indicators; for more than two documents a time
//! series per line item.

use crate::model::{
    Comparison, Diff, IndicatorCell, IndicatorComparison, IndicatorDiff, RowDiff, Status,
    TableDiff, ValueDiff,
};
use crate::render::{
    amount, doc, doc_name, heading, kind_letter, kind_name, match_text, percent, role_name, signed,
    unit_name,
};
use internbudget_normalizer::RowKind;
use std::fmt::Write;

/// Renders a diff as Markdown.
pub fn markdown(diff: &Diff) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Budget comparison: {}\n", esc(&heading(diff)));
    s.push_str("| | File | Title | Committee | Municipality | Budget year |\n");
    s.push_str("|---|---|---|---|---|---|\n");
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
        s.push_str("**Warnings**\n\n");
        for w in &diff.warnings {
            let _ = writeln!(s, "- `{}`: {}", w.code, esc(&w.message));
        }
        s.push('\n');
    }
    for c in &diff.comparisons {
        comparison(&mut s, diff, c);
    }
    if diff.documents.len() > 2 {
        series(&mut s, diff);
    }
    s
}

fn comparison(s: &mut String, diff: &Diff, c: &Comparison) {
    let name = |id: &str| doc(diff, id).map_or_else(|| id.to_string(), doc_name);
    let _ = writeln!(s, "## {} → {}\n", name(&c.a), name(&c.b));
    let m = &c.summary;
    if m.identical {
        s.push_str("**No change:** every row and indicator matched exactly and every compared value is equal.\n\n");
    }
    let _ = writeln!(
        s,
        "- Tables: {} paired, {} in one document only.\n- Rows: {} exact, {} alias, {} fuzzy, {} by kind; {} added, {} removed.\n- Values: {} of {} compared (same fiscal year in both) changed, in {} rows.\n- Indicators: {} exact, {} alias, {} fuzzy; {} added, {} removed; {} changed.\n",
        m.tables_paired,
        m.tables_unpaired,
        m.rows.exact,
        m.rows.alias,
        m.rows.fuzzy,
        m.rows.kind,
        m.rows.added,
        m.rows.removed,
        m.values_changed,
        m.values_compared,
        m.rows_changed,
        m.indicators.exact,
        m.indicators.alias,
        m.indicators.fuzzy,
        m.indicators.added,
        m.indicators.removed,
        m.indicators_changed
    );
    for t in &c.tables {
        table(s, c, t);
    }
    if !c.unpaired_tables.is_empty() {
        s.push_str("### Tables in one document only\n\n");
        for u in &c.unpaired_tables {
            let id = match u.side {
                crate::model::Side::A => &c.a,
                crate::model::Side::B => &c.b,
            };
            let _ = writeln!(
                s,
                "- {id} {}: \"{}\" ({})",
                u.table.id,
                esc(&u.table.title),
                role_name(u.table.role)
            );
        }
        s.push('\n');
    }
    if !c.indicators.is_empty() {
        indicators(s, c);
    }
}

fn rule_text(t: &TableDiff) -> &'static str {
    match t.pairing.rule {
        crate::model::PairingRule::Main => "the main tables of their role",
        crate::model::PairingRule::Title => "similar titles",
        crate::model::PairingRule::Rows => "line items in common",
    }
}

fn table(s: &mut String, c: &Comparison, t: &TableDiff) {
    let _ = writeln!(
        s,
        "### {} ({}) ↔ {} ({})\n",
        esc(&t.a.title),
        c.a,
        esc(&t.b.title),
        c.b
    );
    let both: Vec<&crate::model::YearColumns> = t
        .years
        .iter()
        .filter(|y| y.a.is_some() && y.b.is_some())
        .collect();
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
        "{}, {}; paired as {} (title similarity {:.2}, line items in common {:.0} %). Compared: {}.\n",
        capital(role_name(t.role)),
        unit_name(t.unit),
        rule_text(t),
        t.pairing.title_similarity,
        t.pairing.row_overlap * 100.0,
        if cols.is_empty() {
            "no common year".to_string()
        } else {
            esc(&cols.join("; "))
        }
    );
    let only = |a: bool| -> Vec<String> {
        t.years
            .iter()
            .filter(|y| if a { y.b.is_none() } else { y.a.is_none() })
            .map(|y| y.year.to_string())
            .collect()
    };
    let (oa, ob) = (only(true), only(false));
    if !oa.is_empty() || !ob.is_empty() {
        let mut parts = Vec::new();
        if !oa.is_empty() {
            parts.push(format!("only in {}: {}", c.a, oa.join(", ")));
        }
        if !ob.is_empty() {
            parts.push(format!("only in {}: {}", c.b, ob.join(", ")));
        }
        let _ = writeln!(s, "Years {}.\n", parts.join("; "));
    }
    s.push_str("| Row | Match |");
    for y in &both {
        let _ = write!(s, " {} |", y.year);
    }
    s.push_str("\n|---|---|");
    for _ in &both {
        s.push_str("---:|");
    }
    s.push('\n');
    for r in &t.rows {
        let _ = write!(s, "| {} | {} |", row_label(r), row_match(r));
        for y in &both {
            let v = r.values.iter().find(|v| v.year == y.year);
            let _ = write!(s, " {} |", v.map(|v| value_cell(r, v)).unwrap_or_default());
        }
        s.push('\n');
    }
    s.push('\n');
}

fn row_label(r: &RowDiff) -> String {
    let indent = if r.parent.is_some() { "↳ " } else { "" };
    let strong = matches!(r.kind, RowKind::Total);
    let text = match (&r.a, &r.b) {
        (Some(a), Some(b)) if r.renamed => format!("{} → {}", esc(&a.label), esc(&b.label)),
        _ => esc(&r.label),
    };
    let text = match r.status {
        Status::Removed => format!("~~{text}~~"),
        _ if strong => format!("**{text}**"),
        _ => text,
    };
    format!("{indent}{text}")
}

fn row_match(r: &RowDiff) -> String {
    match r.status {
        Status::Added => "added".into(),
        Status::Removed => "removed".into(),
        Status::Matched => {
            let m = match_text(r.matched_by.as_ref());
            if r.renamed {
                format!("{m}, renamed")
            } else {
                m
            }
        }
    }
}

fn value_cell(r: &RowDiff, v: &ValueDiff) -> String {
    match (v.a, v.b) {
        (Some(a), Some(b)) if a.0 == b.0 => amount(b),
        (Some(a), Some(b)) => {
            let mut x = format!("{} → {}", amount(a), amount(b));
            if let Some(c) = v.change {
                let _ = write!(x, " ({}", signed(c));
                if let Some(p) = v.relative_change {
                    let _ = write!(x, ", {}", percent(p));
                }
                x.push(')');
            }
            x
        }
        (Some(a), None) if r.status == Status::Matched => format!("{} → –", amount(a)),
        (None, Some(b)) if r.status == Status::Matched => format!("– → {}", amount(b)),
        (Some(x), None) | (None, Some(x)) => amount(x),
        (None, None) => String::new(),
    }
}

fn cell_text(c: &IndicatorCell) -> String {
    let mut t = c.raw.clone();
    if let Some(p) = &c.partial {
        let _ = write!(t, " ({p})");
    }
    t
}

/// One line per compared year of an indicator.
pub(crate) fn year_lines(i: &IndicatorDiff) -> Vec<String> {
    i.years
        .iter()
        .map(|y| {
            let a = y.a.as_ref().map(cell_text).unwrap_or_default();
            let b = y.b.as_ref().map(cell_text).unwrap_or_default();
            let mut line = match y.comparison {
                IndicatorComparison::Target => format!("{} target: {a} → {b}", y.year),
                IndicatorComparison::Outcome => format!("{} outcome: {a} → {b}", y.year),
                IndicatorComparison::TargetThenOutcome => {
                    format!("{} target {a}, outcome {b}", y.year)
                }
                IndicatorComparison::OnlyA | IndicatorComparison::OnlyB => {
                    let c = y.a.as_ref().or(y.b.as_ref());
                    format!(
                        "{} {}: {}",
                        y.year,
                        c.map_or("", |c| kind_name(c.kind)),
                        c.map(cell_text).unwrap_or_default()
                    )
                }
            };
            if y.changed {
                if let Some(ch) = y.change {
                    let _ = write!(line, " ({})", signed(ch));
                } else {
                    line.push_str(" (changed)");
                }
            }
            line
        })
        .collect()
}

fn indicators(s: &mut String, c: &Comparison) {
    s.push_str("### Indicators\n\n");
    let mut area: Option<Option<String>> = None;
    for i in &c.indicators {
        if area.as_ref() != Some(&i.goal_area) {
            area = Some(i.goal_area.clone());
            let _ = writeln!(
                s,
                "\n#### {}\n\n| Indicator | Match | Values | Notes |\n|---|---|---|---|",
                esc(i.goal_area.as_deref().unwrap_or("(no goal area)"))
            );
        }
        let indent = if i.parent.is_some() { "↳ " } else { "" };
        let text = match (&i.a, &i.b) {
            (Some(a), Some(b)) if i.renamed => {
                format!("{} → {}", esc(&a.indicator), esc(&b.indicator))
            }
            _ => esc(&i.indicator),
        };
        let text = if i.status == Status::Removed {
            format!("~~{text}~~")
        } else {
            text
        };
        let m = match i.status {
            Status::Added => "added".to_string(),
            Status::Removed => "removed".to_string(),
            Status::Matched => {
                let m = match_text(i.matched_by.as_ref());
                if i.changed {
                    format!("{m}, changed")
                } else {
                    m
                }
            }
        };
        let values: Vec<String> = year_lines(i).iter().map(|l| esc(l)).collect();
        let notes: Vec<String> = i.notes.iter().map(|n| esc(&n.message)).collect();
        let _ = writeln!(
            s,
            "| {indent}{text} | {m} | {} | {} |",
            values.join("<br>"),
            notes.join("<br>")
        );
    }
    s.push('\n');
}

fn series(s: &mut String, diff: &Diff) {
    if diff.series.is_empty() {
        return;
    }
    let mut years: Vec<i32> = diff
        .series
        .iter()
        .flat_map(|x| x.by_year.iter().map(|p| p.year))
        .collect();
    years.sort_unstable();
    years.dedup();
    let unit = diff.series.first().map_or("tkr", |x| unit_name(x.unit));
    let _ = writeln!(
        s,
        "## Time series ({unit})\n\nEach year from the most final source: U outcome, B budget, F forecast, P plan; the document it was read from after the letter.\n"
    );
    s.push_str("| Line item |");
    for y in &years {
        let _ = write!(s, " {y} |");
    }
    s.push_str("\n|---|");
    for _ in &years {
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
        for y in &years {
            let cell = x
                .by_year
                .iter()
                .find(|p| p.year == *y)
                .map(|p| {
                    format!(
                        "{} {} {}",
                        amount(p.value),
                        kind_letter(&p.column),
                        p.document
                    )
                })
                .unwrap_or_default();
            let _ = write!(s, " {cell} |");
        }
        s.push('\n');
    }
    s.push('\n');
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
