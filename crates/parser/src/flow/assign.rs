//! Assignment: a dynamic programme puts every piece in a cell of the
//! repeating row pattern `[goal] indicator value₁ … valueₙ` at least cost
//! ([`assign`]), from how plausible each piece is as the start
//! ([`start_cost`]) or the continuation ([`cont_cost`]) of each kind of cell.

use super::pieces::{Kind, Piece, measure_word, value_word};

/// Cell kinds of the row pattern: 0 = goal, 1 = indicator, 2.. = values.
pub(super) const GOAL: usize = 0;
pub(super) const IND: usize = 1;

/// Cost of starting cell `s` with piece `p`.
pub(super) fn start_cost(s: usize, p: &Piece) -> f32 {
    if p.in_paren {
        return 8.0;
    }
    let mut c = match s {
        GOAL => match p.kind {
            Kind::Text if p.upper() => {
                1.0 + if p.text.chars().any(|c| c.is_ascii_digit()) {
                    2.0
                } else {
                    0.0
                } + if measure_word(&p.text) || value_word(&p.text) {
                    3.0
                } else {
                    0.0
                }
            }
            _ => 6.0,
        },
        IND => match p.kind {
            Kind::Text if p.upper() => {
                if is_note(&p.text) || value_word(&p.text) {
                    3.0
                } else {
                    0.0
                }
            }
            Kind::Text => 3.0,
            Kind::Qualifier => 5.0,
            Kind::Value | Kind::Group => 5.0,
        },
        _ => match p.kind {
            Kind::Value => 0.0,
            Kind::Group => 0.3,
            Kind::Text if value_word(&p.text) => 0.2,
            Kind::Text if p.upper() && p.width() <= 18 => 1.2,
            Kind::Text if p.upper() => 4.0,
            Kind::Text => 4.0,
            Kind::Qualifier => 3.0,
        },
    };
    if !p.joined {
        c -= if p.empty_before > 0 {
            0.4
        } else {
            0.05 * p.space_before.min(4) as f32
        };
    } else {
        c -= 0.2;
    }
    c
}

/// Cost of continuing cell `s` (whose previous piece is `prev`) with `p`.
pub(super) fn cont_cost(s: usize, prev: &Piece, p: &Piece, cell_marker: Option<bool>) -> f32 {
    if p.in_paren {
        return 0.0;
    }
    let mut c = match s {
        GOAL => match p.kind {
            Kind::Text => 0.0,
            Kind::Qualifier => 0.5,
            _ => 3.0,
        },
        IND => match p.kind {
            Kind::Text if value_word(&p.text) => 2.0,
            Kind::Text if p.upper() && !is_note(&p.text) => 0.4,
            Kind::Text => 0.0,
            Kind::Qualifier => 0.2,
            Kind::Group => 2.0,
            Kind::Value => 2.5,
        },
        _ => match p.kind {
            Kind::Qualifier => 0.0,
            Kind::Group => 0.3,
            Kind::Value => {
                let base = match prev.kind {
                    Kind::Text | Kind::Group => 0.4,
                    // "79 (UAF)" / "76 (SOF)": values of groups stacked in a cell.
                    Kind::Qualifier => 0.6,
                    Kind::Value => 1.5,
                };
                // A cell rarely mixes markers (I.U.) with numbers.
                let mixed = cell_marker.is_some_and(|m| m != p.marker);
                base + if mixed { 0.5 } else { 0.0 }
            }
            Kind::Text if p.lower() || value_word(&p.text) => 0.3,
            Kind::Text if p.width() <= 18 => 0.9,
            Kind::Text => 4.0,
        },
    };
    if p.joined {
        c += 1.0;
    } else {
        c += 0.6 * p.empty_before.min(2) as f32 + 0.1 * p.space_before.min(4) as f32;
    }
    c
}

/// Notes printed in the indicator cell after the indicator text.
pub(super) fn is_note(text: &str) -> bool {
    let l = text.to_lowercase();
    ["basvärde", "källa", "avser ", "mäts ", "not:", "obs"]
        .iter()
        .any(|p| l.starts_with(p))
}

/// Assigns each piece to (row, cell) with a dynamic programme. Returns per
/// piece its cell kind (0 goal, 1 indicator, 2+i value i) and row number.
pub(super) fn assign(ps: &[Piece], n: usize) -> Vec<(usize, usize)> {
    let states = n + 2;
    let m = ps.len();
    let Some(p0) = ps.first() else {
        return Vec::new();
    };
    let mut lattice = Lattice::new(m, states);
    for s in [GOAL, IND] {
        if let Some(c) = lattice.cost.get_mut(0).and_then(|r| r.get_mut(s)) {
            *c = start_cost(s, p0);
        }
    }
    for j in 1..m {
        if let (Some(p), Some(prev)) = (ps.get(j), ps.get(j - 1)) {
            lattice.step(j, prev, p);
        }
    }
    let states_out = lattice.trace(lattice.best_final());
    // Row numbers: a new row starts at a new-row transition.
    let mut row = 0usize;
    let mut out = Vec::with_capacity(m);
    for (j, (s, new_row)) in states_out.iter().enumerate() {
        if j > 0 && *new_row {
            row += 1;
        }
        out.push((row, *s));
    }
    out
}

/// Where a move of the programme starts: the piece it places, the state of
/// the piece before and that state's cost.
#[derive(Clone, Copy)]
struct From {
    piece: usize,
    state: usize,
    cost: f32,
}

/// The programme's table: per piece and cell state, the least cost of the
/// pieces up to it, where it came from, and whether its value cell started
/// as a marker ("I.U.").
struct Lattice {
    states: usize,
    cost: Vec<Vec<f32>>,
    /// (previous state, new row?)
    back: Vec<Vec<(usize, bool)>>,
    marker: Vec<Vec<Option<bool>>>,
}

impl Lattice {
    fn new(m: usize, states: usize) -> Self {
        Lattice {
            states,
            cost: vec![vec![f32::INFINITY; states]; m],
            back: vec![vec![(0usize, false); states]; m],
            marker: vec![vec![None::<bool>; states]; m],
        }
    }

    /// Piece `at.piece` in state `b`, from `at.state` at `at.cost` plus
    /// `extra`.
    fn relax(&mut self, at: From, b: usize, extra: f32, new_row: bool, cm: Option<bool>) {
        let (j, a) = (at.piece, at.state);
        let c = at.cost + extra;
        if let (Some(slot), Some(bk), Some(mk)) = (
            self.cost.get_mut(j).and_then(|r| r.get_mut(b)),
            self.back.get_mut(j).and_then(|r| r.get_mut(b)),
            self.marker.get_mut(j).and_then(|r| r.get_mut(b)),
        ) && c < *slot
        {
            *slot = c;
            *bk = (a, new_row);
            *mk = cm;
        }
    }

    /// Every way piece `j` (`p`, after `prev`) goes on from each state of
    /// the piece before: the same cell, the next cell of the row, an empty
    /// value cell skipped, or a new row (a row cut short costs per missing
    /// value).
    fn step(&mut self, j: usize, prev: &Piece, p: &Piece) {
        let states = self.states;
        for a in 0..states {
            let base = self
                .cost
                .get(j - 1)
                .and_then(|r| r.get(a))
                .copied()
                .unwrap_or(f32::INFINITY);
            if !base.is_finite() {
                continue;
            }
            let at = From {
                piece: j,
                state: a,
                cost: base,
            };
            let cell_marker = self
                .marker
                .get(j - 1)
                .and_then(|r| r.get(a))
                .copied()
                .flatten();
            // Continue the same cell.
            self.relax(
                at,
                a,
                cont_cost(a, prev, p, cell_marker),
                false,
                cell_marker,
            );
            let start_marker = (p.kind == Kind::Value).then_some(p.marker);
            match a {
                GOAL => self.relax(at, IND, start_cost(IND, p), false, None),
                IND => {
                    self.relax(at, 2, start_cost(2, p), false, start_marker);
                    // A row without values.
                    self.relax(at, IND, 5.0 + start_cost(IND, p), true, None);
                    self.relax(at, GOAL, 5.0 + start_cost(GOAL, p), true, None);
                }
                v => {
                    if v + 1 < states {
                        self.relax(at, v + 1, start_cost(v + 1, p), false, start_marker);
                        // Skipping an empty value cell.
                        if v + 2 < states {
                            self.relax(at, v + 2, 4.0 + start_cost(v + 2, p), false, start_marker);
                        }
                    }
                    let missing = (states - 1 - v) as f32 * 4.0;
                    self.relax(at, IND, missing + start_cost(IND, p), true, None);
                    self.relax(at, GOAL, missing + start_cost(GOAL, p), true, None);
                }
            }
        }
    }

    /// The best state of the last piece: a complete row. Text after the last
    /// complete row is normal (a heading of the next section); a row cut
    /// short is not.
    fn best_final(&self) -> usize {
        let states = self.states;
        let mut best = (f32::INFINITY, IND);
        let Some(last) = self.cost.last() else {
            return IND;
        };
        for s in 0..states {
            let c = last.get(s).copied().unwrap_or(f32::INFINITY);
            let penalty = if s >= 2 {
                (states - 1 - s) as f32 * 4.0
            } else {
                0.5
            };
            if c + penalty < best.0 {
                best = (c + penalty, s);
            }
        }
        best.1
    }

    /// Each piece's state and whether it starts a row, back from state
    /// `end` of the last piece.
    fn trace(&self, end: usize) -> Vec<(usize, bool)> {
        let m = self.back.len();
        let mut states_out = vec![(0usize, false); m];
        let mut s = end;
        for j in (0..m).rev() {
            let (prev, new_row) = self
                .back
                .get(j)
                .and_then(|r| r.get(s))
                .copied()
                .unwrap_or((0, false));
            if let Some(slot) = states_out.get_mut(j) {
                *slot = (s, new_row);
            }
            s = prev;
        }
        states_out
    }
}
