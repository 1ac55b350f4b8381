//! The column layout of one table: label and value columns from the header and the gutters between words.

use super::*;

/// Column layout of one table.
pub(super) struct Layout {
    /// Label columns: role and [x0, x1).
    pub(super) labels: Vec<(LabelRole, f32, f32)>,
    /// Value columns: [x0, x1).
    values: Vec<(f32, f32)>,
    /// Left edge of the value area.
    value_left: f32,
    /// How far left of its header a label column starts.
    margin: f32,
}

/// How many spaces at most stand between two words of one cell of a
/// layout text export: a column edge falls in a gap of two or more.
pub(super) const CELL_SPACE: f32 = 1.5;

impl Layout {
    /// How far (in characters) a `pdftotext -layout` line may set an
    /// indicator cell left of its column, after a long goal cell.
    const TEXT_DRIFT: f32 = 5.0;

    /// In a layout text export a line whose goal cell runs long pushes
    /// the indicator cell beside it a few characters left, up against the
    /// goal text ("Goda arbetsplatser Total sjukfrånvaro, %"). A
    /// capitalised word that starts within that distance of the
    /// indicator column, after goal text on the same line or first on
    /// it (goal text starts at its own column, further left), starts the
    /// indicator cell: it and the goal-slot words after it move there.
    pub(super) fn pull_drifted_indicator(&self, slots: &mut [(Slot, &Word)]) {
        let ind = Slot::Label(LabelRole::Indicator);
        let Some(pos) = self.labels.iter().position(|l| l.0 == LabelRole::Indicator) else {
            return;
        };
        let Some(&(_, ind_x0, _)) = self.labels.get(pos) else {
            return;
        };
        let Some(goal) = pos
            .checked_sub(1)
            .and_then(|p| self.labels.get(p))
            .map(|l| Slot::Label(l.0))
        else {
            return;
        };
        let start = slots.iter().enumerate().position(|(k, (slot, w))| {
            *slot == goal
                && (k == 0 || slots.get(k - 1).is_some_and(|p| p.0 == goal))
                && w.bbox.x0 < ind_x0
                && w.bbox.x0 >= ind_x0 - Self::TEXT_DRIFT
                && w.text.chars().next().is_some_and(char::is_uppercase)
        });
        if let Some(start) = start {
            for (slot, _) in slots.iter_mut().skip(start) {
                if *slot == goal {
                    *slot = ind;
                }
            }
        }
    }

    /// In a layout text export the words of a cell stand one space apart;
    /// a column edge falls in a gap of two spaces or more. A word in
    /// lowercase that starts no further right than its goal column's
    /// header, one space after a word of the goal column to the left, ends
    /// that column's cell ("Invånarna känner sig" beside "Vården ska"); a
    /// capital may start the next cell. Indicator text, set right after
    /// goal text as often as not, is left to
    /// [`Layout::pull_drifted_indicator`].
    pub(super) fn keep_label_runs(&self, slots: &mut [(Slot, &Word)]) {
        let order = |r: LabelRole| self.labels.iter().position(|l| l.0 == r);
        let edge = |r: LabelRole| {
            self.labels
                .iter()
                .find(|l| l.0 == r)
                .map_or(f32::NEG_INFINITY, |l| l.1 + self.margin)
        };
        let mut prev: Option<(Slot, &Word)> = None;
        for (slot, w) in slots.iter_mut() {
            if let Some((Slot::Label(pr), pw)) = prev
                && let Slot::Label(r) = *slot
                && r != LabelRole::Indicator
                && order(pr) < order(r)
                && w.bbox.x0 <= edge(r)
                && !w.text.chars().next().is_some_and(char::is_uppercase)
                && words::gap_in_spaces(pw, w) < CELL_SPACE
            {
                *slot = Slot::Label(pr);
            }
            prev = Some((*slot, *w));
        }
    }

    pub(super) fn column_of(&self, w: &Word) -> Option<Slot> {
        let c = w.bbox.center_x();
        for (i, (x0, x1)) in self.values.iter().enumerate() {
            if c >= *x0 && c < *x1 {
                return Some(Slot::Value(i));
            }
        }
        if c >= self.value_left {
            return None;
        }
        let mut found = None;
        for (role, x0, _) in &self.labels {
            if w.bbox.x0 + 0.5 >= *x0 || found.is_none() {
                found = Some(Slot::Label(*role));
            }
        }
        found
    }
}

pub(super) fn layout(lines: &[StreamLine<'_>], h: &Header, end: usize) -> Layout {
    let labels0 = label_columns(h);
    let centers: Vec<f32> = h.columns.iter().map(|c| c.center).collect();
    // Grouped numbers ("5 821") count as one word: no gutter between.
    let merged: Vec<Word> = lines
        .get(h.end + 1..end)
        .unwrap_or(&[])
        .iter()
        .flat_map(|l| {
            let mut out: Vec<Word> = Vec::with_capacity(l.line.words.len());
            for w in &l.line.words {
                match out.last_mut() {
                    Some(prev) if groups_with(prev, w) => {
                        prev.bbox = prev.bbox.union(&w.bbox);
                        prev.text = format!("{} {}", prev.text, w.text);
                    }
                    _ => out.push(w.clone()),
                }
            }
            out
        })
        .collect();
    let words: Vec<&Word> = merged.iter().collect();
    let tabbed = h.tabbed;
    let cell_of = |x: f32| (x / CELL_PITCH).floor() * CELL_PITCH;
    let ind_x0 = labels0.last().map_or(0.0, |l| l.1);
    let first_center = centers.first().copied().unwrap_or(0.0);
    let value_left = if tabbed {
        cell_of(first_center)
    } else {
        // Nearest the left edge of the first column's header: a gutter
        // inside a value ("81 %", "Ska öka") is no column edge.
        let first_left = h
            .columns
            .first()
            .map_or(first_center, |c| c.extent.0.min(first_center));
        gutter(
            &words,
            ind_x0 + (first_center - ind_x0) * 0.3,
            first_center,
            first_left,
            Pick::Nearest,
        )
    };
    let mut values = Vec::new();
    for (i, c) in centers.iter().enumerate() {
        let x0 = if i == 0 {
            value_left
        } else {
            let prev = centers.get(i - 1).copied().unwrap_or(*c);
            if tabbed {
                cell_of(*c)
            } else {
                gutter(&words, prev, *c, (prev + c) / 2.0, Pick::Widest)
            }
        };
        values.push(x0);
    }
    let values: Vec<(f32, f32)> = values
        .iter()
        .enumerate()
        .map(|(i, x0)| (*x0, values.get(i + 1).copied().unwrap_or(f32::INFINITY)))
        .collect();
    let margin = if tabbed { 0.5 } else { 2.0 };
    let labels = labels0
        .iter()
        .enumerate()
        .map(|(i, (r, x0))| {
            let x1 = labels0.get(i + 1).map_or(value_left, |n| n.1 - margin);
            (*r, x0 - margin, x1)
        })
        .collect();
    Layout {
        labels,
        values,
        value_left,
        margin,
    }
}

/// `b` continues the number `a` as its next thousands group ("5" "821",
/// "−1" "234,5"): close together, a 1–3 digit head and a 3-digit group.
pub(super) fn groups_with(a: &Word, b: &Word) -> bool {
    let head = a.text.rsplit(' ').next().unwrap_or("");
    let digits = head.trim_start_matches(['-', '−', '–']);
    let tail = b.text.trim_end_matches(['%', '*']);
    let int = tail.split([',', '.']).next().unwrap_or("");
    (1..=3).contains(&digits.len())
        && digits.bytes().all(|c| c.is_ascii_digit())
        && int.len() == 3
        && int.bytes().all(|c| c.is_ascii_digit())
        && tail
            .bytes()
            .all(|c| c.is_ascii_digit() || c == b',' || c == b'.')
        && words::gap_in_spaces(a, b) <= 1.2
}

/// Which of the stretches crossed by the fewest words a gutter is taken in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pick {
    /// The one nearest the preferred x; of two as near, the wider.
    Nearest,
    /// The widest (the gap between two cells is wider than the space
    /// between two words of a cell: "Minst 50 %" | "Ska öka"); of two as
    /// wide, the nearer.
    Widest,
}

/// An x in [a, b] crossed by the fewest words: in the stretch `pick`
/// chooses, the point nearest `prefer`.
pub(super) fn gutter(words: &[&Word], a: f32, b: f32, prefer: f32, pick: Pick) -> f32 {
    if b <= a {
        return prefer;
    }
    let steps = 60;
    let xs: Vec<f32> = (0..=steps)
        .map(|k| a + (b - a) * k as f32 / steps as f32)
        .collect();
    let counts: Vec<usize> = xs
        .iter()
        .map(|&x| {
            words
                .iter()
                .filter(|w| w.bbox.x0 < x && w.bbox.x1 > x)
                .count()
        })
        .collect();
    let Some(&fewest) = counts.iter().min() else {
        return prefer;
    };
    // (distance to prefer, width of the stretch, x) of the best stretch.
    let mut best: Option<(f32, usize, f32)> = None;
    let mut k = 0;
    while k < xs.len() {
        if counts.get(k) != Some(&fewest) {
            k += 1;
            continue;
        }
        let run_end = (k..xs.len())
            .take_while(|&j| counts.get(j) == Some(&fewest))
            .last()
            .unwrap_or(k);
        let width = run_end - k;
        let near = xs
            .get(k..=run_end)
            .unwrap_or(&[])
            .iter()
            .copied()
            .min_by(|p, q| (p - prefer).abs().total_cmp(&(q - prefer).abs()));
        if let Some(x) = near {
            let d = (x - prefer).abs();
            let better = best.is_none_or(|(bd, bw, _)| {
                let nearer = d < bd - 1e-4;
                let as_near = d <= bd + 1e-4;
                match pick {
                    Pick::Nearest => nearer || (as_near && width > bw),
                    Pick::Widest => width > bw || (width == bw && nearer),
                }
            });
            if better {
                best = Some((d, width, x));
            }
        }
        k = run_end + 1;
    }
    best.map_or(prefer, |b| b.2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use internbudget_layout::Rect;

    fn word(text: &str, x0: f32) -> Word {
        Word {
            text: text.to_string(),
            bbox: Rect {
                x0,
                y0: 0.0,
                x1: x0 + text.chars().count() as f32,
                y1: 1.0,
            },
            size: 1.0,
            space: 1.0,
            cell: None,
        }
    }

    /// "Minst 50 %   Ska öka" between column centres 62 and 75: the gap
    /// between the cells is the widest stretch, not the space nearest the
    /// midpoint.
    #[test]
    fn gutters_between_cells() {
        let ws = [
            word("Minst", 60.0),
            word("50", 66.0),
            word("%", 69.0),
            word("Ska", 73.0),
            word("öka", 77.0),
        ];
        let refs: Vec<&Word> = ws.iter().collect();
        let x = gutter(&refs, 62.0, 75.0, 68.5, Pick::Widest);
        assert!((70.0..=73.0).contains(&x), "{x}");
        let x = gutter(&refs, 62.0, 75.0, 68.5, Pick::Nearest);
        assert!((68.0..=69.0).contains(&x), "{x}");
        // Of two stretches as near, the wider.
        let ws = [word("80", 81.0), word("%", 84.0), word("Ska", 88.0)];
        let refs: Vec<&Word> = ws.iter().collect();
        let x = gutter(&refs, 78.0, 91.0, 84.5, Pick::Nearest);
        assert!((85.0..=88.0).contains(&x), "{x}");
    }
}
