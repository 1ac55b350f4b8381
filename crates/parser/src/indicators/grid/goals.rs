//! Merged goal cells read as blocks of lines and carried to the rows they
//! cover.
//!
//! A block set at the top of its cell covers the row its first line falls
//! in and the rows after it up to the next block. A block set in the middle
//! of its cell (Word's vertical centring; its first line then stands beside
//! no row's first line) covers the rows it stands in the middle of: the
//! rows of the table are shared out among the blocks, in order, so that
//! each block is nearest the middle of its rows on its page. A breakdown
//! row ("Män", "Kvinnor") shares the goal of the row it breaks down: no
//! centred block starts at it.

use super::*;

/// One merged goal cell's text and where it stands.
struct Block {
    /// The row its first line falls in (or the next row below).
    row: usize,
    texts: Vec<String>,
    /// The page of its first line, and the top and bottom of its lines on
    /// that page.
    page: u32,
    top: f32,
    bottom: f32,
}

/// A row's page and vertical extent.
#[derive(Debug, Clone, Copy)]
struct RowSpan {
    page: u32,
    top: f32,
    bottom: f32,
    /// The row is a breakdown ("Män", "Kvinnor") of the row above it: it
    /// shares that row's goal cell, so no goal cell starts at it.
    breakdown: bool,
}

/// A goal column's line: where it stands and its text.
struct GoalLine {
    page: u32,
    /// The row whose vertical range holds it, else the next row below.
    row: usize,
    top: f32,
    bottom: f32,
    text: String,
}

impl GoalLine {
    fn height(&self) -> f32 {
        (self.bottom - self.top).max(1.0)
    }
}

/// Merged goal cells: runs of lines in a goal column, split where the
/// vertical gap exceeds the line pitch, each with the rows it covers (see
/// the module). Rows above the first block are left to the table reader:
/// they sit in a cell cut by a page break above the table, or take the
/// first block.
pub(super) fn goal_blocks(
    lines: &[SlotLine<'_>],
    groups: &[Vec<usize>],
    roles: &[LabelRole],
    vocab: &Vocabulary,
    pitch: f32,
) -> Vec<(LabelRole, Vec<usize>, String)> {
    let spans = row_spans(lines, groups);
    let row_step = row_step(&spans);
    let mut out = Vec::new();
    // Where a cell of a goal column further left starts beside a row's
    // first line (page, top): a goal belongs to one goal area, so a cell
    // to its right starts there too (roles come left to right).
    let mut left_starts: Vec<(u32, f32)> = Vec::new();
    for role in roles {
        let slot = Slot::Label(*role);
        let pitch = super::pitch::goal_pitch(lines, slot, pitch, row_step);
        let goal_lines = goal_lines(lines, slot, &spans, groups.len());
        let blocks = blocks_of(&goal_lines, &spans, pitch, &left_starts);
        // Only a cell set at the top of its row marks where a row starts
        // (a centred cell's first line stands inside its rows).
        left_starts.extend(blocks.iter().filter_map(|b| {
            let first = goal_lines
                .iter()
                .find(|gl| gl.page == b.page && gl.top == b.top)?;
            spans
                .iter()
                .any(|r| r.page == b.page && (r.top - b.top).abs() < first.height() / 2.0)
                .then_some((b.page, b.top))
        }));
        let n = groups.len();
        for (block, rows) in blocks.iter().zip(covered_rows(&blocks, &spans, pitch, n)) {
            let text = vocab.join(block.texts.iter().map(String::as_str));
            out.push((*role, rows, text));
        }
    }
    out
}

/// Each row's page and extent: from the top of its first line to the
/// bottom of its last.
fn row_spans(lines: &[SlotLine<'_>], groups: &[Vec<usize>]) -> Vec<RowSpan> {
    groups
        .iter()
        .filter_map(|g| {
            let first = lines.get(*g.first()?)?;
            let last = lines.get(*g.last()?)?;
            Some(RowSpan {
                page: first.page,
                top: first.line.bbox().y0,
                bottom: last.line.bbox().y1,
                breakdown: is_sub_indicator(&first.text_of(Slot::Label(LabelRole::Indicator))),
            })
        })
        .collect()
}

/// The smallest step between the first lines of neighbouring rows.
fn row_step(spans: &[RowSpan]) -> f32 {
    spans
        .windows(2)
        .filter_map(|w| match w {
            [a, b] if a.page == b.page && b.top > a.top => Some(b.top - a.top),
            _ => None,
        })
        .fold(f32::INFINITY, f32::min)
}

/// The lines of a goal column, each with the row it falls in (`n`, past
/// the last row, when none).
fn goal_lines(lines: &[SlotLine<'_>], slot: Slot, spans: &[RowSpan], n: usize) -> Vec<GoalLine> {
    lines
        .iter()
        .filter(|l| l.has(|s| s == slot))
        .map(|l| {
            let b = l.line.bbox();
            let within = |slack: f32| {
                spans.iter().position(|r| {
                    r.page == l.page
                        && b.center_y() >= r.top - slack
                        && b.center_y() <= r.bottom + slack
                })
            };
            // Inside a row's lines first: one unit of slack is a whole line
            // in a text export.
            let row = within(0.0)
                .or_else(|| within(1.0))
                .or_else(|| spans.iter().position(|r| r.page == l.page && r.top >= b.y0))
                .unwrap_or(n);
            GoalLine {
                page: l.page,
                row,
                top: b.y0,
                bottom: b.y1,
                text: l.text_of(slot),
            }
        })
        .collect()
}

/// A goal column's lines gathered into blocks (merged cells). A line in
/// capitals beside the start of a cell of a column further left
/// (`left_starts`) starts a block.
fn blocks_of(
    goal_lines: &[GoalLine],
    spans: &[RowSpan],
    pitch: f32,
    left_starts: &[(u32, f32)],
) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut prev: Option<&GoalLine> = None;
    for gl in goal_lines {
        // (Not a cell begun above the row, centred on it: it started at
        // this row too.)
        let beside_left_start = gl.text.chars().next().is_some_and(char::is_uppercase)
            && blocks.last().is_some_and(|b| b.row < gl.row)
            && left_starts
                .iter()
                .any(|&(page, top)| page == gl.page && (top - gl.top).abs() < gl.height() / 2.0);
        let new_block = beside_left_start || prev.is_none_or(|p| starts_block(p, gl, spans, pitch));
        match blocks.last_mut() {
            Some(bk) if !new_block => {
                bk.texts.push(gl.text.clone());
                if bk.page == gl.page {
                    bk.bottom = gl.bottom;
                }
            }
            _ => blocks.push(Block {
                row: gl.row,
                texts: vec![gl.text.clone()],
                page: gl.page,
                top: gl.top,
                bottom: gl.bottom,
            }),
        }
        prev = Some(gl);
    }
    blocks
}

/// Whether goal line `l` starts a new block after line `prev`. A goal
/// cell's lines follow each other at the line pitch; a larger step starts
/// the next goal cell. On the next page a cell goes on when a page break
/// cut it: its text continues in lowercase ("Goda" | "arbetsplatser Varje
/// …"), or it starts beside the page's first row and that row is a
/// breakdown ("Kvinnor") of the row above it, whose goal it shares.
fn starts_block(prev: &GoalLine, l: &GoalLine, spans: &[RowSpan], pitch: f32) -> bool {
    let lowercase = l.text.chars().next().is_some_and(char::is_lowercase);
    if prev.page != l.page {
        let first_on_page = spans.iter().position(|r| r.page == l.page);
        let breakdown =
            first_on_page == Some(l.row) && spans.get(l.row).is_some_and(|r| r.breakdown);
        return !(breakdown || lowercase);
    }
    let (py, y) = (prev.bottom, l.bottom);
    let ph = prev.height().max(l.height());
    let limit = if pitch > 0.0 {
        pitch * 1.1 + 0.5
    } else {
        ph * 1.45
    };
    // A cell set at the rows' own wide spacing: a line going on in
    // lowercase still continues it.
    let goes_on = lowercase && y - py <= ph * 3.2;
    y - py > limit && !goes_on
}

/// The rows each block covers: from its first row to the next block's.
fn covered_rows(blocks: &[Block], spans: &[RowSpan], pitch: f32, n: usize) -> Vec<Vec<usize>> {
    let top = top_aligned(blocks, spans, pitch);
    let starts: Vec<usize> = if top {
        blocks
            .iter()
            .enumerate()
            .map(|(bi, b)| {
                if bi == 0 {
                    0
                } else {
                    beside(b, spans, pitch).min(n)
                }
            })
            .collect()
    } else {
        centred_starts(blocks, spans).unwrap_or_else(|| {
            blocks
                .iter()
                .enumerate()
                .map(|(bi, b)| if bi == 0 { 0 } else { b.row.min(n) })
                .collect()
        })
    };
    blocks
        .iter()
        .enumerate()
        .map(|(bi, block)| {
            let from = match starts.get(bi) {
                Some(0) if bi == 0 && top => beside(block, spans, pitch).min(n),
                Some(0) if bi == 0 => first_start(blocks, spans, &starts),
                Some(&s) => s,
                None => n,
            };
            let next_start = starts.get(bi + 1).copied().unwrap_or(n).min(n);
            (from..next_start.max(from)).collect()
        })
        .collect()
}

/// Where the first block of a table whose blocks stand in the middle of
/// their cells starts: at the first row, unless rows at the top stand
/// wholly above the block on its page and it stands nearer the middle of
/// the rows below them. Those rows then sit in a cell that a page break
/// above the table cut; they are left without a goal here (the table
/// reader carries it from the page before, or gives them this block's).
/// The block does not start at a breakdown row.
fn first_start(blocks: &[Block], rows: &[RowSpan], starts: &[usize]) -> usize {
    let Some(b) = blocks.first() else {
        return 0;
    };
    let end = starts.get(1).copied().unwrap_or(rows.len()).min(rows.len());
    let mut best = (off_middle(b, rows, 0, end), 0);
    for s in 1..end {
        let above = rows.get(..s).unwrap_or(&[]);
        if !above.iter().all(|r| r.page == b.page && r.bottom <= b.top) {
            break;
        }
        let c = off_middle(b, rows, s, end);
        if c < best.0 && !rows.get(s).is_some_and(|r| r.breakdown) {
            best = (c, s);
        }
    }
    best.1
}

/// The row whose first line stands beside the first line of block `b`
/// (set at the top of its cell), else the row its first line falls in.
fn beside(b: &Block, rows: &[RowSpan], pitch: f32) -> usize {
    rows.iter()
        .position(|r| r.page == b.page && (r.top - b.top).abs() <= top_tolerance(pitch))
        .unwrap_or(b.row)
}

/// How far a block's first line may stand from a row's first line and
/// still stand beside it.
fn top_tolerance(pitch: f32) -> f32 {
    if pitch > 0.0 { pitch * 0.25 } else { 0.1 }
}

/// Every block's first line stands beside a row's first line (within a
/// tenth of a line): the blocks are set at the top of their cells.
fn top_aligned(blocks: &[Block], rows: &[RowSpan], pitch: f32) -> bool {
    blocks.iter().all(|b| {
        rows.iter()
            .any(|r| r.page == b.page && (r.top - b.top).abs() <= top_tolerance(pitch))
    })
}

/// The first row of each block when the blocks stand in the middle of their
/// cells: the rows shared out in order, each block at least one row, so
/// that the blocks stand nearest the middle of their rows (the part on the
/// block's page), none starting at a breakdown row. `None` when no
/// sharing fits.
fn centred_starts(blocks: &[Block], rows: &[RowSpan]) -> Option<Vec<usize>> {
    let n = rows.len();
    let m = blocks.len();
    if m == 0 || n < m {
        return None;
    }
    // cost[j][s]: least cost of blocks 0..j with block j starting at row s;
    // back[j][s]: the start of block j - 1 it was reached from.
    let mut cost: Vec<Vec<f32>> = vec![vec![f32::INFINITY; n + 1]; m];
    let mut back: Vec<Vec<usize>> = vec![vec![0; n + 1]; m];
    if let Some(c) = cost.first_mut().and_then(|c| c.first_mut()) {
        *c = 0.0;
    }
    for j in 1..m {
        let above = blocks.get(j - 1)?;
        for s in j..n {
            if rows.get(s).is_some_and(|r| r.breakdown) {
                continue;
            }
            let mut best = (f32::INFINITY, 0);
            for t in (j - 1)..s {
                let c = cost.get(j - 1)?.get(t)? + off_middle(above, rows, t, s);
                if c < best.0 {
                    best = (c, t);
                }
            }
            *cost.get_mut(j)?.get_mut(s)? = best.0;
            *back.get_mut(j)?.get_mut(s)? = best.1;
        }
    }
    let last = blocks.get(m - 1)?;
    let (mut at, total) = ((m - 1)..n)
        .map(|s| {
            (
                s,
                cost.get(m - 1)
                    .and_then(|c| c.get(s))
                    .copied()
                    .unwrap_or(f32::INFINITY)
                    + off_middle(last, rows, s, n),
            )
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))?;
    if !total.is_finite() {
        return None;
    }
    let mut starts = vec![0; m];
    for j in (1..m).rev() {
        *starts.get_mut(j)? = at;
        at = *back.get(j)?.get(at)?;
    }
    Some(starts)
}

/// How far block `b` stands from the middle of rows [from, to) on its page
/// (infinite when none of them is on its page).
fn off_middle(b: &Block, rows: &[RowSpan], from: usize, to: usize) -> f32 {
    let on_page: Vec<&RowSpan> = rows
        .get(from..to)
        .unwrap_or(&[])
        .iter()
        .filter(|r| r.page == b.page)
        .collect();
    let (Some(first), Some(last)) = (on_page.first(), on_page.last()) else {
        return f32::INFINITY;
    };
    ((first.top + last.bottom) / 2.0 - (b.top + b.bottom) / 2.0).abs()
}

#[cfg(test)]
mod tests {
    use super::super::testdoc::read_layout;
    use super::*;

    fn row(page: u32, top: f32, bottom: f32) -> RowSpan {
        RowSpan {
            page,
            top,
            bottom,
            breakdown: false,
        }
    }

    fn block(page: u32, top: f32, bottom: f32) -> Block {
        Block {
            row: 0,
            texts: Vec::new(),
            page,
            top,
            bottom,
        }
    }

    /// Goal cells centred over their rows in a layout export: the
    /// breakdown rows ("Män", "Kvinnor") of the second indicator stand
    /// nearer the middle of the second cell's rows, yet share their
    /// indicator's goal.
    #[test]
    fn breakdown_rows_keep_their_indicators_goal() {
        let text = "\
Nämndmål            Nämndindikator                    2020      2021
                    Total sjukfrånvaro, %. Avser
Goda                både egen regi och                 5,0       4,9
                    entreprenad.
arbetsplatser
där alla            Män                                4,7       4,2
trivs och           Kvinnor                            6,1       6,0
utvecklas.          Andel heltid, %. Avser
                    både egen regi och                86,5      86,4
                    entreprenad.
                    Män                               52,3      52,3
                    Kvinnor                           96,4     100
Hållbart            Chefsavgångar, %. Följs
ledarskap           upp i rapporten.                   1,8       2,2
                    Mäts varje år.
";
        let goda = "Goda arbetsplatser där alla trivs och utvecklas.";
        let got = read_layout(text);
        let goals: Vec<(&str, &str)> = got
            .iter()
            .map(|(g, i, _)| (g.as_str(), i.as_str()))
            .collect();
        assert_eq!(
            goals,
            [
                (
                    goda,
                    "Total sjukfrånvaro, %. Avser både egen regi och entreprenad."
                ),
                (goda, "Män"),
                (goda, "Kvinnor"),
                (
                    goda,
                    "Andel heltid, %. Avser både egen regi och entreprenad."
                ),
                (goda, "Män"),
                (goda, "Kvinnor"),
                (
                    "Hållbart ledarskap",
                    "Chefsavgångar, %. Följs upp i rapporten. Mäts varje år."
                ),
            ]
        );
    }

    /// A goal cell whose last line stands right above the next row's: a
    /// cell of the goal-area column to its left starts beside that row,
    /// so the goal cell beside it starts there too.
    #[test]
    fn a_goal_area_starting_beside_a_row_starts_its_goal_cell() {
        let text = "
Målområde       Nämndmål            Nämndindikator               2023   2024
Medborgare      Trafiksystemet      Antal gång- och              I.U.   13,3
                ska vara säkert     cykelolyckor med
                och tillgängligt.   personskada
Ekonomi         Effektivt           Lokalernas andel av           10%     8%
                lokalutnyttjande.   kostnaden
                Lokalplanering
                som leder till
                kostnadseffektivt
                nyttjande.
Verksamhet      Måltiderna ska      Andel ekologiska              75%    75 %
                vara goda,          livsmedel, %
                näringsriktiga.
";
        let got = read_layout(text);
        let goals: Vec<&str> = got.iter().map(|(g, _, _)| g.as_str()).collect();
        assert_eq!(
            goals,
            [
                "Trafiksystemet ska vara säkert och tillgängligt.",
                "Effektivt lokalutnyttjande. Lokalplanering som leder till \
                 kostnadseffektivt nyttjande.",
                "Måltiderna ska vara goda, näringsriktiga.",
            ]
        );
    }

    /// A two-line goal centred over rows 1–3 of a page whose first row
    /// belongs to the goal above, cut by the page break.
    #[test]
    fn centred_blocks_cover_the_rows_around_them() {
        let rows = [
            row(1, 0.0, 60.0),
            row(1, 70.0, 80.0),
            row(2, 0.0, 10.0),
            row(2, 20.0, 60.0),
            row(2, 70.0, 80.0),
            row(2, 90.0, 130.0),
        ];
        let blocks = [block(1, 20.0, 50.0), block(2, 65.0, 85.0)];
        assert!(!top_aligned(&blocks, &rows, 10.0));
        assert_eq!(centred_starts(&blocks, &rows), Some(vec![0, 3]));
        assert!(top_aligned(&[block(1, 70.5, 80.0)], &rows, 10.0));
    }

    /// A block set at the top of its cell starts at the row beside its
    /// first line, though that line also touches the row above (text
    /// exports: a row's last line and the next row's first share an edge).
    #[test]
    fn a_top_aligned_block_starts_beside_its_row() {
        let rows = [row(1, 0.0, 1.0), row(1, 2.0, 7.0), row(1, 7.0, 13.0)];
        let mut b = block(1, 7.0, 13.0);
        b.row = 1;
        assert_eq!(beside(&b, &rows, 0.0), 2);
    }

    /// A breakdown row at the top of the table, above the first centred
    /// block, is not where that block starts: it stays with the row it
    /// breaks down (cut off by a page break above the table).
    #[test]
    fn a_centred_block_does_not_start_at_a_breakdown_row() {
        let mut rows = [row(1, 0.0, 10.0), row(1, 10.0, 30.0), row(1, 30.0, 40.0)];
        assert_eq!(first_start(&[block(1, 20.0, 30.0)], &rows, &[0]), 1);
        rows[1].breakdown = true;
        assert_eq!(first_start(&[block(1, 20.0, 30.0)], &rows, &[0]), 0);
    }

    /// Rows at the top of a page wholly above the page's first centred
    /// block, which stands in the middle of the rows below them, are left
    /// out of it; a block in the middle of all the rows keeps them.
    #[test]
    fn rows_above_the_first_centred_block_are_left_out() {
        let rows = [row(1, 0.0, 10.0), row(1, 10.0, 30.0), row(1, 30.0, 50.0)];
        assert_eq!(first_start(&[block(1, 25.0, 35.0)], &rows, &[0]), 1);
        assert_eq!(first_start(&[block(1, 20.0, 30.0)], &rows, &[0]), 0);
    }
}
