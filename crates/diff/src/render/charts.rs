//! Inline SVG charts of the HTML report: the bridge (waterfall) from one
//! budget's total to the next, and small line charts for series and
//! indicators. Labels are wrapped onto as many lines as they need, never
//! cut; every chart scales to the width of the page (also on A4 paper).

use super::{Num, esc};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::fmt::Write;

/// One bar of a bridge chart.
#[derive(Debug, Clone)]
pub(crate) struct Bar {
    /// The label.
    pub label: String,
    /// A total (drawn from the axis) or a step (drawn from the running sum).
    pub total: bool,
    /// The total's amount, or the step's change.
    pub value: Decimal,
    /// The amount written beside the bar.
    pub text: String,
    /// The bar's colour class: "total", "up" or "down".
    pub class: &'static str,
}

/// Splits a label into lines of at most `width` characters at spaces (a
/// longer word gets a line of its own).
pub(crate) fn wrap(label: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in label.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// A horizontal bridge chart: the first bar a total, then steps floating
/// from the running sum, the last bar the next total. The axis starts at a
/// round value below the smallest level, as said under the chart.
pub(crate) fn bridge(bars: &[Bar], aria: &str, axis_note: &str, num: Num) -> String {
    let spans = bridge_spans(bars);
    let Some(scale) = BridgeScale::new(bars, &spans) else {
        return String::new();
    };
    let labels: Vec<Vec<String>> = bars.iter().map(|b| wrap(&b.label, 36)).collect();
    let heights: Vec<f64> = labels
        .iter()
        .map(|l| (l.len() as f64 * BRIDGE_LINE_H).max(14.0) + 6.0)
        .collect();
    let height = BRIDGE_TOP + heights.iter().sum::<f64>() + 26.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"bridge\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {BRIDGE_WIDTH} {height:.0}\" width=\"100%\" role=\"img\" aria-label=\"{}\" font-size=\"12\">",
        esc(aria)
    );
    bridge_grid(&mut s, &scale, height, num);
    let mut y = BRIDGE_TOP;
    let mut prev_end: Option<f64> = None;
    for ((bar, span), (lines, h)) in bars.iter().zip(&spans).zip(labels.iter().zip(&heights)) {
        let row = BridgeRow {
            bar,
            span: *span,
            lines,
            mid: y + h / 2.0,
            height: *h,
        };
        bridge_row(&mut s, &scale, &row, prev_end);
        prev_end = Some(span.1);
        y += h;
    }
    s.push_str("</svg>");
    if scale.lo > 0.0 {
        let _ = write!(s, "<p class=\"note\">{}</p>", esc(axis_note));
    }
    s
}

/// The width of a bridge chart's view box.
const BRIDGE_WIDTH: f64 = 760.0;
/// The width left of the plot for the bars' labels.
const BRIDGE_LABEL_W: f64 = 250.0;
/// The width right of the plot for the amounts beside the bars.
const BRIDGE_PAD_R: f64 = 86.0;
/// The height of one line of a bar's label.
const BRIDGE_LINE_H: f64 = 14.0;
/// The space above the first bar.
const BRIDGE_TOP: f64 = 8.0;
/// The height of a bar.
const BRIDGE_BAR_H: f64 = 13.0;

/// Where each bar starts and ends: a total from zero, a step from the
/// running sum.
fn bridge_spans(bars: &[Bar]) -> Vec<(f64, f64)> {
    let mut level = Decimal::ZERO;
    let mut spans: Vec<(f64, f64)> = Vec::with_capacity(bars.len());
    for b in bars {
        if b.total {
            level = b.value;
            spans.push((0.0, f(b.value)));
        } else {
            let start = level;
            level = level.saturating_add(b.value);
            spans.push((f(start), f(level)));
        }
    }
    spans
}

/// The horizontal axis of a bridge chart.
#[derive(Debug, Clone, Copy)]
struct BridgeScale {
    /// Its first value: a round value below the lowest level, or zero.
    lo: f64,
    /// Its last value.
    hi: f64,
    /// The step between grid lines.
    step: f64,
    /// `hi − lo`, at least 1.
    span: f64,
}

impl BridgeScale {
    /// The axis for the levels the bars reach (a total's end, a step's
    /// start and end); `None` when they are not finite.
    fn new(bars: &[Bar], spans: &[(f64, f64)]) -> Option<Self> {
        let levels: Vec<f64> = spans
            .iter()
            .zip(bars)
            .flat_map(|((s, e), b)| if b.total { vec![*e] } else { vec![*s, *e] })
            .collect();
        let hi = levels.iter().copied().fold(f64::MIN, f64::max);
        let lo = levels.iter().copied().fold(f64::MAX, f64::min);
        if !hi.is_finite() || !lo.is_finite() {
            return None;
        }
        let range = (hi - lo).max(hi.abs() * 0.02).max(1.0);
        let step = nice(range / 4.0);
        let axis_lo = if lo > 0.0 && lo - range * 0.35 > 0.0 {
            ((lo - range * 0.35) / step).floor() * step
        } else {
            lo.min(0.0)
        };
        let axis_hi = hi.max(0.0) + range * 0.02;
        Some(BridgeScale {
            lo: axis_lo,
            hi: axis_hi,
            step,
            span: (axis_hi - axis_lo).max(1.0),
        })
    }

    /// The x coordinate of an amount (clamped to the axis).
    fn x(&self, v: f64) -> f64 {
        let plot_w = BRIDGE_WIDTH - BRIDGE_LABEL_W - BRIDGE_PAD_R;
        BRIDGE_LABEL_W + (v.max(self.lo) - self.lo) / self.span * plot_w
    }
}

/// The grid lines of a bridge chart with their axis numbers.
fn bridge_grid(s: &mut String, scale: &BridgeScale, height: f64, num: Num) {
    let mut g = (scale.lo / scale.step).ceil() * scale.step;
    while g <= scale.hi {
        let gx = scale.x(g);
        let _ = write!(
            s,
            "<line x1=\"{gx:.1}\" y1=\"{BRIDGE_TOP}\" x2=\"{gx:.1}\" y2=\"{:.1}\" stroke=\"#e3e7ed\"/><text x=\"{gx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#5b6473\" font-size=\"10\">{}</text>",
            height - 22.0,
            height - 10.0,
            esc(&axis_number(g, num))
        );
        g += scale.step;
    }
}

/// One row of a bridge chart.
#[derive(Debug, Clone, Copy)]
struct BridgeRow<'a> {
    /// Its bar.
    bar: &'a Bar,
    /// Where the bar starts and ends.
    span: (f64, f64),
    /// The bar's label, wrapped.
    lines: &'a [String],
    /// The row's vertical centre.
    mid: f64,
    /// The row's height.
    height: f64,
}

/// One row of a bridge chart: its wrapped label, the bar, a dashed
/// connector from the previous bar's end and the amount beside it.
fn bridge_row(s: &mut String, scale: &BridgeScale, row: &BridgeRow<'_>, prev_end: Option<f64>) {
    let BridgeRow {
        bar: b,
        span: (start, end),
        lines,
        mid,
        height: h,
    } = *row;
    let line_h = BRIDGE_LINE_H;
    let text_top = mid - (lines.len() as f64 - 1.0) * line_h / 2.0 + 4.0;
    for (k, l) in lines.iter().enumerate() {
        let weight = if b.total { " font-weight=\"600\"" } else { "" };
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#1d2430\"{weight}>{}</text>",
            BRIDGE_LABEL_W - 8.0,
            text_top + k as f64 * line_h,
            esc(l)
        );
    }
    let (x0, x1) = if b.total {
        (scale.x(scale.lo), scale.x(end))
    } else {
        let (p, q) = (scale.x(start), scale.x(end));
        (p.min(q), p.max(q))
    };
    let bar_h = BRIDGE_BAR_H;
    let fill = match b.class {
        "up" => "#c2562a",
        "down" => "#2b6cb0",
        _ => "#5b6473",
    };
    let _ = write!(
        s,
        "<rect x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bar_h}\" rx=\"2\" fill=\"{fill}\"/>",
        mid - bar_h / 2.0,
        (x1 - x0).max(1.0)
    );
    if let Some(p) = prev_end {
        let _ = write!(
            s,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#9aa3b0\" stroke-dasharray=\"2 2\"/>",
            scale.x(p),
            mid - h + bar_h / 2.0,
            scale.x(p),
            mid - bar_h / 2.0
        );
    }
    let _ = write!(
        s,
        "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#1d2430\" font-size=\"11\">{}</text>",
        x1 + 5.0,
        mid + 4.0,
        esc(&b.text)
    );
}

/// A round step for an axis: 1, 2 or 5 times a power of ten.
fn nice(raw: f64) -> f64 {
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let p = 10f64.powf(raw.log10().floor());
    let m = raw / p;
    let k = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    k * p
}

/// An axis number: grouped thousands, no decimals.
fn axis_number(v: f64, num: Num) -> String {
    let d = Decimal::from_f64_retain(v.round())
        .unwrap_or_default()
        .round();
    num.amount(internbudget_normalizer::Amount(d))
}

/// A small line chart: one line of values by year (gaps where a year has
/// none), and optionally a dashed line of targets.
pub(crate) fn sparkline(
    years: &[i32],
    values: &[Option<Decimal>],
    targets: &[Option<Decimal>],
    aria: &str,
) -> String {
    let (w, h, pad) = (96.0_f64, 28.0_f64, 4.0_f64);
    let all: Vec<f64> = values
        .iter()
        .chain(targets)
        .flatten()
        .map(|d| f(*d))
        .collect();
    if all.len() < 2 || years.len() < 2 {
        return String::new();
    }
    let hi = all.iter().copied().fold(f64::MIN, f64::max);
    let lo = all.iter().copied().fold(f64::MAX, f64::min);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let n = years.len() as f64 - 1.0;
    let px = |i: usize| pad + i as f64 / n * (w - 2.0 * pad);
    let py = |v: f64| h - pad - (v - lo) / span * (h - 2.0 * pad);
    let mut s = format!(
        "<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{}\">",
        esc(aria)
    );
    let mut line = |vals: &[Option<Decimal>], style: &str, dots: bool| {
        let mut path = String::new();
        let mut pen = false;
        for (i, v) in vals.iter().enumerate() {
            match v {
                Some(v) => {
                    let _ = write!(
                        path,
                        "{}{:.1},{:.1} ",
                        if pen { "L" } else { "M" },
                        px(i),
                        py(f(*v))
                    );
                    pen = true;
                }
                None => pen = false,
            }
        }
        if !path.is_empty() {
            let _ = write!(s, "<path d=\"{}\" fill=\"none\" {style}/>", path.trim_end());
        }
        if dots {
            for (i, v) in vals.iter().enumerate() {
                if let Some(v) = v {
                    let _ = write!(
                        s,
                        "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2\" fill=\"#2b6cb0\"/>",
                        px(i),
                        py(f(*v))
                    );
                }
            }
        }
    };
    line(
        targets,
        "stroke=\"#d97706\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"",
        false,
    );
    line(values, "stroke=\"#2b6cb0\" stroke-width=\"1.5\"", true);
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_wrap_without_loss() {
        let l = "Omvandling ekonomiskt bistånd till arbetsmarknadsinsatser och mer";
        let lines = wrap(l, 20);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), l);
        assert_eq!(wrap("", 10), vec![String::new()]);
    }

    #[test]
    fn bridge_draws_every_bar_and_label() {
        let bar = |label: &str, total: bool, v: i64| Bar {
            label: label.into(),
            total,
            value: Decimal::from(v),
            text: v.to_string(),
            class: if total {
                "total"
            } else if v > 0 {
                "up"
            } else {
                "down"
            },
        };
        let svg = bridge(
            &[
                bar("Budget 2020", true, 400_000),
                bar(
                    "Ekonomiskt bistånd med ett mycket långt namn som måste radbrytas",
                    false,
                    20_000,
                ),
                bar("Nämnden", false, -5_000),
                bar("Budget 2021", true, 415_000),
            ],
            "bridge",
            "axis",
            Num::new(super::super::Lang::Sv),
        );
        assert_eq!(svg.matches("<rect").count(), 4);
        assert!(svg.contains("radbrytas"));
        assert!(svg.contains("axis"));
        assert!(sparkline(&[2020], &[Some(Decimal::ONE)], &[], "x").is_empty());
        let sp = sparkline(
            &[2020, 2021],
            &[Some(Decimal::ONE), Some(Decimal::TWO)],
            &[],
            "x",
        );
        assert!(sp.contains("<path"));
    }
}
