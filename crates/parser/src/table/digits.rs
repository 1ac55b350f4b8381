//! Digits printed with single spaces: a space may group thousands or part two
//! cells ("97 668 107 793" is 97 668 | 107 793, or 97 | 668 107 | 793).
//!
//! A line's value words come as runs of digit groups (a run ends at a wide
//! gap, a sign or a stray word). [`readings`] lists the ways the runs can be
//! cut into a given number of numbers — each number a legal grouped number
//! (a first group of one to three digits, then groups of three, a decimal
//! part only at the end, a percent sign only at the end) — and [`cost`] ranks
//! them by what a table of amounts looks like: the numbers of a row are of
//! like size, each has the table's number of decimals, and a row's numbers
//! take about as many groups each. The best reading is taken; the table's
//! sums can still tell a wrong one (see the normalizer's checks).

use crate::number::DigitTok;

/// The most groups in one number (up to 10^15: more than any budget).
const MAX_GROUPS: usize = 5;

/// The most readings listed for one line; longer lists are cut.
const MAX_READINGS: usize = 512;

/// A reading of a line: for each run, the token count of each of its numbers.
pub(super) type Reading = Vec<Vec<usize>>;

/// True when `tokens[start..start + len]` can be one number.
pub(super) fn part_ok(tokens: &[DigitTok<'_>], start: usize, len: usize) -> bool {
    let Some(part) = tokens.get(start..start + len) else {
        return false;
    };
    let Some((first, rest)) = part.split_first() else {
        return false;
    };
    if part.iter().rev().skip(1).any(|t| t.percent) {
        return false;
    }
    if len == 1 {
        return true;
    }
    len <= MAX_GROUPS
        && first.can_start_group()
        && rest.iter().all(|t| t.can_continue())
        && part.iter().rev().skip(1).all(|t| !t.has_frac())
}

/// The ways to cut one run into exactly `k` numbers (token counts), at
/// most `cap` of them, in order.
pub(crate) fn cuts(tokens: &[DigitTok<'_>], k: usize, cap: usize) -> Vec<Vec<usize>> {
    fn go(
        tokens: &[DigitTok<'_>],
        start: usize,
        k: usize,
        cur: &mut Vec<usize>,
        out: &mut Vec<Vec<usize>>,
        cap: usize,
    ) {
        if out.len() >= cap {
            return;
        }
        let left = tokens.len() - start;
        if k == 0 {
            if left == 0 {
                out.push(cur.clone());
            }
            return;
        }
        // Each number takes one to MAX_GROUPS tokens.
        if left < k || left > k * MAX_GROUPS {
            return;
        }
        for len in 1..=left.min(MAX_GROUPS) {
            if part_ok(tokens, start, len) {
                cur.push(len);
                go(tokens, start + len, k - 1, cur, out, cap);
                cur.pop();
            }
        }
    }
    let mut out = Vec::new();
    if k > 0 && tokens.len() <= k * MAX_GROUPS && k <= tokens.len() {
        go(tokens, 0, k, &mut Vec::with_capacity(k), &mut out, cap);
    }
    out
}

/// The ways to read the runs as exactly `target` numbers: each run cut into
/// one number or more, the counts adding up to `target`.
pub(super) fn readings(runs: &[Vec<DigitTok<'_>>], target: usize) -> Vec<Reading> {
    // Per run and count: its cuts.
    let per_run: Vec<Vec<Vec<Vec<usize>>>> = runs
        .iter()
        .map(|r| {
            (0..=target.min(r.len()))
                .map(|k| cuts(r, k, MAX_READINGS))
                .collect()
        })
        .collect();
    let mut out: Vec<Reading> = Vec::new();
    let mut cur: Reading = Vec::with_capacity(runs.len());
    combine(&per_run, 0, target, &mut cur, &mut out);
    out
}

fn combine(
    per_run: &[Vec<Vec<Vec<usize>>>],
    run: usize,
    left: usize,
    cur: &mut Reading,
    out: &mut Vec<Reading>,
) {
    if out.len() >= MAX_READINGS {
        return;
    }
    let Some(options) = per_run.get(run) else {
        if left == 0 {
            out.push(cur.clone());
        }
        return;
    };
    // Every run is at least one number.
    let runs_after = per_run.len() - run - 1;
    for (k, cuts) in options.iter().enumerate().skip(1) {
        if k + runs_after > left {
            break;
        }
        for c in cuts {
            cur.push(c.clone());
            combine(per_run, run + 1, left - k, cur, out);
            cur.pop();
            if out.len() >= MAX_READINGS {
                return;
            }
        }
    }
}

/// The numbers a run of digit groups cut into `sizes` tokens each makes, as
/// [`cost`] takes them: (absolute value, decimals printed, tokens).
pub(crate) fn numbers_of(run: &[DigitTok<'_>], sizes: &[usize]) -> Vec<(f64, usize, usize)> {
    let mut numbers = Vec::with_capacity(sizes.len());
    let mut k = 0usize;
    for &size in sizes {
        let part = run.get(k..k + size).unwrap_or(&[]);
        k += size;
        let text: String = part.iter().map(|t| t.text).collect();
        let decimals = part.last().map_or(0, |t| {
            t.text.split_once([',', '.']).map_or(0, |(_, f)| f.len())
        });
        let value = crate::number::parse_amount(&text)
            .and_then(|d| d.abs().to_string().parse::<f64>().ok())
            .unwrap_or(0.0);
        numbers.push((value, decimals, size));
    }
    numbers
}

/// What a reading's numbers are like: the cost a reading pays for numbers
/// of unlike size (the spread of their orders of magnitude), for numbers
/// that break the table's decimal convention, and for an uneven share of
/// tokens. Lower is better.
pub(crate) fn cost(numbers: &[(f64, usize, usize)], decimals: Option<usize>) -> f64 {
    // (absolute value, decimals printed, tokens)
    let logs: Vec<f64> = numbers
        .iter()
        .filter(|(v, ..)| *v >= 1.0)
        .map(|(v, ..)| v.log10())
        .collect();
    let spread = if logs.len() >= 2 {
        let mean = logs.iter().sum::<f64>() / logs.len() as f64;
        logs.iter().map(|l| (l - mean) * (l - mean)).sum::<f64>() / logs.len() as f64
    } else {
        0.0
    };
    // The share of numbers that break the table's decimals (a share, so
    // that a row of counts in a table of percentages is not split up to
    // have fewer of them).
    let convention = decimals.map_or(0.0, |d| {
        let breaking = numbers
            .iter()
            .filter(|(v, dec, _)| *dec != d && *v != 0.0)
            .count();
        breaking as f64 / numbers.len().max(1) as f64
    });
    let tokens: Vec<f64> = numbers.iter().map(|n| n.2 as f64).collect();
    let evenness = if tokens.is_empty() {
        0.0
    } else {
        let mean = tokens.iter().sum::<f64>() / tokens.len() as f64;
        tokens.iter().map(|t| (t - mean) * (t - mean)).sum::<f64>() / tokens.len() as f64
    };
    // A number of four groups or more (a thousand million and up in the
    // printed unit) is rare in a budget, and often two cells read as one.
    let huge = numbers.iter().filter(|n| n.2 >= 4).count() as f64;
    spread + convention + 0.1 * evenness + huge
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<DigitTok<'_>> {
        s.split(' ')
            .filter(|w| *w != "%")
            .map(|w| DigitTok {
                text: w.trim_start_matches('-'),
                negative: w.starts_with('-'),
                percent: false,
            })
            .collect()
    }

    #[test]
    fn cuts_follow_the_grouping_rules() {
        let t = toks("97 668 107 793");
        assert_eq!(cuts(&t, 2, 10), vec![vec![1, 3], vec![2, 2], vec![3, 1]]);
        assert_eq!(
            cuts(&t, 3, 10),
            vec![vec![1, 1, 2], vec![1, 2, 1], vec![2, 1, 1]]
        );
        let t = toks("1 270,6 279,0");
        assert_eq!(cuts(&t, 2, 10), vec![vec![2, 1]]);
        assert_eq!(cuts(&t, 3, 10), vec![vec![1, 1, 1]]);
        // A decimal part only ends a number.
        assert!(cuts(&toks("5,4 123"), 1, 10).is_empty());
    }

    #[test]
    fn readings_share_the_numbers_among_runs() {
        let runs = vec![toks("1 269 522 300"), toks("-31 475 732")];
        let all = readings(&runs, 7);
        assert_eq!(all, vec![vec![vec![1, 1, 1, 1], vec![1, 1, 1]]]);
        let six = readings(&runs, 6);
        assert!(six.contains(&vec![vec![2, 1, 1], vec![1, 1, 1]]));
    }

    #[test]
    fn the_cost_prefers_numbers_of_like_size_and_the_tables_decimals() {
        // 97 668 | 107 793 against 97 | 668 107 | 793 (one number short of
        // the other reading's count, so compare two with two: 97 668 | 107 793
        // and 97 | 668 107 793).
        let even = cost(&[(97668.0, 0, 2), (107793.0, 0, 2)], Some(0));
        let odd = cost(&[(97.0, 0, 1), (668107793.0, 0, 3)], Some(0));
        assert!(even < odd);
        // mnkr with one decimal: note 1 and 270,6 rather than 1 270,6.
        let note = cost(&[(270.6, 1, 1), (279.0, 1, 1)], Some(1));
        let glued = cost(&[(1270.6, 1, 2), (279.0, 1, 1)], Some(1));
        assert!(note < glued);
    }
}
