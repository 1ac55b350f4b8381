//! Merged goal cells read as blocks of lines and carried to the rows they cover.

use super::*;

/// Merged goal cells: runs of lines in a goal column, split where the
/// vertical gap exceeds the line pitch. Each block covers the row its
/// first line falls in and the rows after it up to the next block; rows
/// before the first block take the first block.
pub(super) fn goal_blocks(
    lines: &[SlotLine<'_>],
    groups: &[Vec<usize>],
    roles: &[LabelRole],
    vocab: &Vocabulary,
    pitch: f32,
) -> Vec<(LabelRole, Vec<usize>, String)> {
    let mut out = Vec::new();
    // Row of each line index (by vertical position for lines outside rows).
    let row_y: Vec<(u32, f32, f32, usize)> = groups
        .iter()
        .enumerate()
        .filter_map(|(gi, g)| {
            let first = lines.get(*g.first()?)?;
            let last = lines.get(*g.last()?)?;
            Some((first.page, first.line.bbox().y0, last.line.bbox().y1, gi))
        })
        .collect();
    // The smallest step between the first lines of neighbouring rows.
    let row_step = row_y
        .windows(2)
        .filter_map(|w| match w {
            [a, b] if a.0 == b.0 && b.1 > a.1 => Some(b.1 - a.1),
            _ => None,
        })
        .fold(f32::INFINITY, f32::min);
    for role in roles {
        let slot = Slot::Label(*role);
        let pitch = super::pitch::goal_pitch(lines, slot, pitch, row_step);
        let mut blocks: Vec<(usize, Vec<String>)> = Vec::new(); // (start row, lines)
        let mut prev: Option<(u32, f32, f32)> = None;
        for l in lines {
            if !l.has(|s| s == slot) {
                continue;
            }
            let b = l.line.bbox();
            let y = b.y1;
            let h = b.height().max(1.0);
            let text = l.text_of(slot);
            // The row whose vertical range holds this line, else the next row below.
            let row = row_y
                .iter()
                .find(|(p, y0, y1, _)| {
                    *p == l.page && b.center_y() >= y0 - 1.0 && b.center_y() <= y1 + 1.0
                })
                .or_else(|| {
                    row_y
                        .iter()
                        .find(|(p, y0, _, _)| *p == l.page && *y0 >= b.y0)
                })
                .map_or(groups.len(), |r| r.3);
            // A goal cell's lines follow each other at the line pitch; a
            // larger step starts the next goal cell. On the next page a
            // cell goes on when a page break cut it: its text continues
            // in lowercase ("Goda" | "arbetsplatser Varje …"), or it
            // starts beside the page's first row and that row is a
            // breakdown ("Kvinnor") of the row above it, whose goal it
            // shares.
            let new_block = match prev {
                None => true,
                Some((p, _, _)) if p != l.page => {
                    let first_on_page = row_y.iter().find(|r| r.0 == l.page).map(|r| r.3);
                    let breakdown = first_on_page == Some(row)
                        && groups
                            .get(row)
                            .and_then(|g| lines.get(*g.first()?))
                            .is_some_and(|first| {
                                is_sub_indicator(&first.text_of(Slot::Label(LabelRole::Indicator)))
                            });
                    !(breakdown || text.chars().next().is_some_and(char::is_lowercase))
                }
                Some((_, py, ph)) => {
                    let limit = if pitch > 0.0 {
                        pitch * 1.1 + 0.5
                    } else {
                        ph.max(h) * 1.45
                    };
                    // A cell set at the rows' own wide spacing: a line
                    // going on in lowercase still continues it.
                    let goes_on = text.chars().next().is_some_and(char::is_lowercase)
                        && y - py <= ph.max(h) * 3.2;
                    y - py > limit && !goes_on
                }
            };
            if new_block {
                blocks.push((row, vec![text]));
            } else if let Some(bk) = blocks.last_mut() {
                bk.1.push(text);
            }
            prev = Some((l.page, y, h));
        }
        for (bi, (start, texts)) in blocks.iter().enumerate() {
            let next_start = blocks
                .get(bi + 1)
                .map_or(groups.len(), |b| b.0)
                .min(groups.len());
            let from = if bi == 0 {
                0
            } else {
                (*start).min(groups.len())
            };
            let rows: Vec<usize> = (from..next_start.max(from)).collect();
            let text = vocab.join(texts.iter().map(String::as_str));
            out.push((*role, rows, text));
        }
    }
    out
}
