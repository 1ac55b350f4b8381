//! Rows of a text export without blank lines between them, cut around the lines carrying values.

use super::*;

/// The rows of a run of text lines without blank lines between them.
/// Each row has one line of values (its anchor; a line going on with
/// the value cells above it in lowercase, "minska" under "Ska", is no
/// anchor). Values may stand on any line of their indicator — top-
/// aligned on its first, centred in the middle of three to five — so
/// the lines between two anchors are cut where the next indicator
/// starts: at the first line after the upper anchor whose indicator
/// text starts with a capital after a line that ends a sentence (not
/// after "Källa:" or a connective), else at the lower anchor.
pub(super) fn text_rows(lines: &[SlotLine<'_>], run: &[usize]) -> Vec<Vec<usize>> {
    let indicator = |i: usize| {
        lines
            .get(i)
            .map(|l| l.text_of(Slot::Label(LabelRole::Indicator)))
            .unwrap_or_default()
    };
    let value_cols = |i: usize| -> Vec<usize> {
        lines.get(i).map_or(Vec::new(), |l| {
            l.slots
                .iter()
                .filter_map(|(s, _)| match s {
                    Slot::Value(v) => Some(*v),
                    _ => None,
                })
                .collect()
        })
    };
    let mut anchors: Vec<usize> = Vec::new();
    for (k, &i) in run.iter().enumerate() {
        let cols = value_cols(i);
        if cols.is_empty() {
            continue;
        }
        let text = indicator(i);
        // The last line with values above, two lines up at most (a line
        // of goal text may stand between "Ska" and "minska").
        let prev = (k.saturating_sub(3)..k)
            .rev()
            .filter_map(|p| run.get(p).copied())
            .find(|&p| !value_cols(p).is_empty());
        let lowercase = !text.chars().next().is_some_and(char::is_uppercase);
        // Right under a line of values and going on with its indicator
        // in lowercase: the value cells run over several lines
        // ("Augusti" / "1,1 %" / "Oktober" / "0%").
        let adjacent = k
            .checked_sub(1)
            .and_then(|p| run.get(p))
            .is_some_and(|&p| !value_cols(p).is_empty());
        let goes_on = (adjacent && lowercase)
            || prev.is_some_and(|p| {
                let above = value_cols(p);
                !above.is_empty()
                    && cols.iter().all(|c| above.contains(c))
                    && lowercase
                    && cols.iter().all(|&c| {
                        let v = lines
                            .get(i)
                            .map(|l| l.text_of(Slot::Value(c)))
                            .unwrap_or_default();
                        !v.chars().next().is_some_and(|ch| ch.is_ascii_digit())
                    })
            });
        if !goes_on {
            anchors.push(k);
        }
    }
    if anchors.len() <= 1 {
        return if run.is_empty() {
            Vec::new()
        } else {
            vec![run.to_vec()]
        };
    }
    let ends_sentence = |t: &str| {
        let t = t.trim_end();
        t.ends_with(['.', '?', '!', ')']) && !crate::table::label_unfinished(t)
    };
    // Cut points: the index in `run` where each row after the first starts.
    let mut cuts: Vec<usize> = Vec::new();
    for pair in anchors.windows(2) {
        let [a, b] = pair else { continue };
        let cut = (a + 1..=*b)
            .find(|&k| {
                let here = run.get(k).map(|&i| indicator(i)).unwrap_or_default();
                let before = run.get(k - 1).map(|&i| indicator(i)).unwrap_or_default();
                // A breakdown row ("Män", "Kvinnor") is a line of its own.
                here.chars().next().is_some_and(char::is_uppercase)
                    && (ends_sentence(&before)
                        || before.trim().is_empty()
                        || is_sub_indicator(before.trim())
                        || k == *b)
            })
            .unwrap_or(*b);
        cuts.push(cut);
    }
    let mut rows = Vec::new();
    let mut start = 0;
    for cut in cuts {
        rows.push(run.get(start..cut).unwrap_or(&[]).to_vec());
        start = cut;
    }
    rows.push(run.get(start..).unwrap_or(&[]).to_vec());
    rows.retain(|r| !r.is_empty());
    rows
}
