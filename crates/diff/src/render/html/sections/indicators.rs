//! The indicators of a comparison that changed, and the lines of text
//! that say what an indicator's values were (also used by the Markdown
//! report).

use crate::model::{Comparison, IndicatorCell, IndicatorComparison, IndicatorDiff, Status};
use crate::render::words::{self, Words};
use crate::render::{Lang, Num, ReportOptions, esc, match_text};
use std::fmt::Write;

/// A printed indicator value with its partial-year qualifier.
pub(crate) fn cell_text(c: &IndicatorCell) -> String {
    let mut t = c.raw.clone();
    if let Some(p) = &c.partial {
        let _ = write!(t, " ({p})");
    }
    t
}

/// One line per value of an indicator in a comparison.
pub(crate) fn year_lines(i: &IndicatorDiff, lang: Lang, n: Num) -> Vec<String> {
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
pub(super) fn indicator_worth_showing(i: &IndicatorDiff) -> bool {
    i.status != Status::Matched || i.renamed || i.changed || !i.notes.is_empty()
}

/// The indicators that changed in a comparison, by goal area: values,
/// notes, and a badge saying what changed.
pub(crate) fn indicator_changes(
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
        indicator_row(s, i, opts, w, n);
    }
    s.push_str("</tbody></table>\n");
}

/// One indicator that changed: its text (and earlier text), a badge, its
/// values year by year and the notes on its targets.
fn indicator_row(s: &mut String, i: &IndicatorDiff, opts: &ReportOptions, w: &Words, n: Num) {
    let mut class = vec![];
    if i.parent.is_some() {
        class.push("child");
    }
    let (status_class, badge) = indicator_badge(i, opts, w);
    class.extend(status_class);
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

/// The class and badge of an indicator that changed: added, removed,
/// renamed, or changed.
fn indicator_badge(
    i: &IndicatorDiff,
    opts: &ReportOptions,
    w: &Words,
) -> (Option<&'static str>, String) {
    match i.status {
        Status::Added => (
            Some("added"),
            format!("<span class=\"badge b-add\">{}</span>", esc(w.added)),
        ),
        Status::Removed => (
            Some("removed"),
            format!("<span class=\"badge b-rem\">{}</span>", esc(w.removed)),
        ),
        Status::Matched if i.renamed => (
            Some("renamed"),
            format!(
                "<span class=\"badge b-ren\">{} · {}</span>",
                esc(w.renamed),
                esc(&match_text(i.matched_by.as_ref(), opts.lang))
            ),
        ),
        Status::Matched => (
            None,
            format!("<span class=\"badge b-ren\">{}</span>", esc(w.changed)),
        ),
    }
}
