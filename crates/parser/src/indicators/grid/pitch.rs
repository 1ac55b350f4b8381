//! The line pitch inside cells, of the table and of a goal column.

use super::*;

/// The line pitch inside cells: the smallest recurring baseline step
/// between lines of the table (0 for text sources).
pub(super) fn line_pitch(lines: &[SlotLine<'_>]) -> f32 {
    // Steps between consecutive lines of the indicator column: its text
    // wraps often and sits on one baseline grid.
    let ind: Vec<&SlotLine<'_>> = lines
        .iter()
        .filter(|l| {
            l.line.source_line.is_none() && l.has(|s| s == Slot::Label(LabelRole::Indicator))
        })
        .collect();
    // (step, the lower line holds no value: it continues a cell)
    let steps: Vec<(f32, bool)> = ind
        .windows(2)
        .filter_map(|w| match w {
            [a, b] if a.page == b.page => {
                let d = b.line.bbox().y1 - a.line.bbox().y1;
                let continuation = !b.has(|s| matches!(s, Slot::Value(_)));
                (d > 1.0).then_some((d, continuation))
            }
            _ => None,
        })
        .collect();
    if steps.is_empty() {
        return 0.0;
    }
    // Ignore small offsets between lines set on other baselines (a goal
    // column beside the indicator rows): a pitch is at least 80 % of the
    // text height.
    let mut sizes: Vec<f32> = lines
        .iter()
        .flat_map(|l| l.line.words.iter().map(|w| w.size))
        .collect();
    sizes.sort_by(f32::total_cmp);
    let size = sizes.get(sizes.len() / 2).copied().unwrap_or(1.0).max(1.0);
    let mut plausible: Vec<(f32, bool)> = steps
        .iter()
        .copied()
        .filter(|s| s.0 >= size * 0.8)
        .collect();
    plausible.sort_by(|a, b| a.0.total_cmp(&b.0));
    let close = |a: f32, b: f32| (a - b).abs() <= b * 0.08 + 0.3;
    // The smallest step that recurs. Text is set at 1.1–1.25 times its
    // size, and up to twice that with wide line spacing and tall fonts: a
    // larger step is the line pitch only when it mostly leads into lines
    // without values (cell continuations); otherwise it is the step
    // between one-line rows and the pitch is taken as 1.2 times the size.
    let recurring = plausible
        .iter()
        .find(|(d, _)| plausible.iter().filter(|(e, _)| close(*e, *d)).count() >= 2);
    let continuation_share = |d: f32| {
        let (n, cont) = plausible
            .iter()
            .filter(|(e, _)| close(*e, d))
            .fold((0usize, 0usize), |(n, c), (_, k)| {
                (n + 1, c + usize::from(*k))
            });
        if n == 0 { 0.0 } else { cont as f32 / n as f32 }
    };
    let first = match recurring.or(plausible.first()) {
        Some(&(d, _)) if d <= size * 1.2 || (d <= size * 2.0 && continuation_share(d) >= 0.4) => d,
        Some(&(d, _)) => d.min(size * 1.2),
        None => size * 1.15,
    };
    plausible
        .iter()
        .map(|s| s.0)
        .filter(|s| close(*s, first))
        .fold(first, f32::max)
}

/// The line pitch inside the cells of a goal column. Usually the table's
/// pitch; but when the indicator rows are one line each (their pitch is
/// a guess) a goal column wrapping at a wider line spacing shows its own:
/// its smallest recurring step, if smaller than the step between rows.
pub(super) fn goal_pitch(lines: &[SlotLine<'_>], slot: Slot, pitch: f32, row_step: f32) -> f32 {
    if pitch <= 0.0 {
        return pitch;
    }
    let col: Vec<(u32, f32, f32)> = lines
        .iter()
        .filter(|l| l.has(|s| s == slot))
        .map(|l| {
            let b = l.line.bbox();
            let size = l.line.words.first().map_or(b.height(), |w| w.size);
            (l.page, b.y1, size)
        })
        .collect();
    let mut steps: Vec<(f32, f32)> = col
        .windows(2)
        .filter_map(|w| match w {
            [a, b] if a.0 == b.0 && b.1 - a.1 >= a.2 * 0.8 => Some((b.1 - a.1, a.2)),
            _ => None,
        })
        .collect();
    steps.sort_by(|a, b| a.0.total_cmp(&b.0));
    let close = |a: f32, b: f32| (a - b).abs() <= b * 0.08 + 0.3;
    let own = steps
        .iter()
        .find(|(d, _)| steps.iter().filter(|(e, _)| close(*e, *d)).count() >= 2);
    match own {
        Some(&(d, size)) if d > pitch * 1.1 + 0.5 && d <= size * 2.0 && d < row_step * 0.9 => d,
        _ => pitch,
    }
}
