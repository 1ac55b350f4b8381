//! Swedish number forms as budget documents print them.
//!
//! Amounts use a space (or NBSP / narrow NBSP) between thousands groups and a
//! comma before decimals: "1 234", "1 234,5". Negatives come as "-2 141",
//! "- 2 141", "−1 777" (Unicode minus), "–1 777" (en dash) or "(1 234)"; some
//! producers group thousands with dots ("1.234"). Text exports may lose the
//! distinction between the space inside a number and the space between two
//! numbers ("1 724 1 724"), so this module can also partition a run of digit
//! groups into numbers when the expected count is known.

use rust_decimal::Decimal;

/// Characters that print as a minus sign.
pub fn is_minus(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2212}'
            | '\u{2013}'
            | '\u{2012}'
            | '\u{2010}'
            | '\u{2011}'
            | '\u{FE63}'
            | '\u{FF0D}'
    )
}

/// Characters used as thousands separators besides the ASCII space.
pub fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}')
}

/// A word that is only a sign or dash ("-", "−", "–").
pub fn is_dash(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if is_minus(c))
}

/// A four-digit year between 1950 and 2100, as printed in column headers.
pub fn year(word: &str) -> Option<i32> {
    let w = word.trim_matches(|c: char| matches!(c, ',' | '.' | ':' | ';' | '*'));
    if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = w.parse().ok()?;
        (1950..=2100).contains(&y).then_some(y)
    } else {
        None
    }
}

/// Parses a printed amount into an exact decimal: thousands separators
/// removed, any minus form or parentheses as a negative sign, comma or dot as
/// the decimal separator (a dot followed by exactly three digits in groups is a
/// thousands separator). Footnote stars are ignored. Returns `None` for an
/// empty or dash-only cell and for anything that is not a number.
pub fn parse_amount(text: &str) -> Option<Decimal> {
    let t = text.trim().trim_end_matches('*').trim();
    if t.is_empty() || is_dash(t) {
        return None;
    }
    let (neg_paren, t) = match t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        Some(inner) => (true, inner.trim()),
        None => (false, t),
    };
    // "1 363-": a minus printed after the digits.
    let (neg_trailing, t) = match t.chars().last() {
        Some(c) if is_minus(c) && !t.starts_with(is_minus) && t.len() > c.len_utf8() => (
            true,
            t.get(..t.len() - c.len_utf8()).unwrap_or(t).trim_end(),
        ),
        _ => (false, t),
    };
    let mut neg = false;
    let mut digits = String::with_capacity(t.len());
    let mut seen_digit = false;
    for c in t.chars() {
        if is_minus(c) && !seen_digit && !neg {
            neg = true;
        } else if c.is_ascii_digit() {
            seen_digit = true;
            digits.push(c);
        } else if is_group_space(c) {
            // separators are dropped; validity of grouping is checked below
        } else if c == ',' || c == '.' {
            digits.push(c);
        } else {
            return None;
        }
    }
    if !seen_digit {
        return None;
    }
    if !grouping_ok(t) {
        return None;
    }
    // "00", "0413": no amount is printed with a leading zero ("0,5" is).
    if digits.len() > 1
        && digits.starts_with('0')
        && digits.as_bytes().get(1).is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    let normalized = normalise_separators(&digits)?;
    // Exact: more digits than a Decimal holds (28) are refused, not rounded.
    let d = Decimal::from_str_exact(&normalized).ok()?;
    Some(if neg ^ (neg_paren || neg_trailing) {
        -d
    } else {
        d
    })
}

/// Checks that space-separated groups follow the thousands pattern
/// (first group 1–3 digits, then groups of exactly 3 digits, decimals last).
fn grouping_ok(t: &str) -> bool {
    let body: String = t.chars().filter(|c| !is_minus(*c)).collect();
    let groups: Vec<&str> = body
        .split(is_group_space)
        .filter(|g| !g.is_empty())
        .collect();
    if groups.len() <= 1 {
        return true;
    }
    groups.iter().enumerate().all(|(i, g)| {
        let int_part = g.split([',', '.']).next().unwrap_or("");
        let has_frac = g.contains([',', '.']);
        if i == 0 {
            (1..=3).contains(&int_part.len()) && !has_frac && !(int_part.starts_with('0'))
        } else {
            int_part.len() == 3 && (!has_frac || i + 1 == groups.len())
        }
    })
}

/// Turns "1234,5" / "1.234" / "1.234,5" / "1,234.5" into "1234.5" / "1234" …
fn normalise_separators(s: &str) -> Option<String> {
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    let out = match (commas, dots) {
        (0, 0) => s.to_string(),
        (1, 0) => s.replace(',', "."),
        (0, _) => {
            // "1.234" or "1.234.567": dots group thousands; "12.5": a decimal dot.
            let parts: Vec<&str> = s.split('.').collect();
            let grouped = parts.len() >= 2
                && parts.iter().skip(1).all(|p| p.len() == 3)
                && parts.first().is_some_and(|p| (1..=3).contains(&p.len()));
            if grouped {
                s.replace('.', "")
            } else if dots == 1 {
                s.to_string()
            } else {
                return None;
            }
        }
        (1, _) => {
            // "1.234,5": dots group, comma is the decimal separator.
            let (int, frac) = s.split_once(',')?;
            format!("{}.{}", int.replace('.', ""), frac)
        }
        (_, 1) => {
            // "1,234.5": commas group, dot is the decimal separator.
            s.replace(',', "")
        }
        _ => return None,
    };
    Some(out)
}

/// A token of a value area, for partitioning runs of digit groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DigitTok<'a> {
    /// The digits as printed, possibly with a decimal part ("1", "724", "5,4").
    pub text: &'a str,
    /// True when a minus sign was printed right before this token.
    pub negative: bool,
    /// True when a percent sign was printed right after this token: it ends
    /// its number.
    pub percent: bool,
}

impl DigitTok<'_> {
    fn int_len(&self) -> usize {
        self.text.split([',', '.']).next().map_or(0, str::len)
    }
    /// True when the token has a decimal part.
    pub(crate) fn has_frac(&self) -> bool {
        self.text.contains([',', '.'])
    }
    /// Can this token be the first group of a grouped number?
    pub(crate) fn can_start_group(&self) -> bool {
        let n = self.int_len();
        (1..=3).contains(&n) && !self.has_frac() && !(self.text.starts_with('0'))
    }
    /// Can this token follow another group of the same number?
    pub(crate) fn can_continue(&self) -> bool {
        !self.negative && self.int_len() == 3
    }
}

/// The largest (tokens + 1) × (numbers + 1) table [`partition_run`] fills
/// (16 bytes a cell); longer runs are split into the fewest numbers.
const MAX_DP_CELLS: usize = 1 << 16;

/// The partition of `n` tokens into the fewest parts that `part_ok`
/// (start, len) accepts, parts at most `max_len` tokens long; single tokens
/// are always accepted. Linear in `n`.
fn fewest_parts(n: usize, max_len: usize, part_ok: impl Fn(usize, usize) -> bool) -> Vec<usize> {
    // best[i] = (fewest parts for tokens[..i], length of the last part)
    let mut best: Vec<(usize, usize)> = vec![(usize::MAX, 0); n + 1];
    if let Some(b) = best.get_mut(0) {
        *b = (0, 0);
    }
    for end in 1..=n {
        for len in 1..=end.min(max_len) {
            let start = end - len;
            let prev = best.get(start).map_or(usize::MAX, |b| b.0);
            if prev == usize::MAX || !part_ok(start, len) {
                continue;
            }
            if let Some(b) = best.get_mut(end)
                && prev + 1 < b.0
            {
                *b = (prev + 1, len);
            }
        }
    }
    let mut out = Vec::new();
    let mut end = n;
    while end > 0 {
        let len = best.get(end).map_or(0, |b| b.1);
        if len == 0 || len > end {
            return vec![1; n];
        }
        out.push(len);
        end -= len;
    }
    out.reverse();
    out
}

/// Splits a run of digit tokens (printed with single spaces, so a space may
/// be a thousands separator or a gap between numbers) into numbers.
///
/// Returns the token count of each number. With `target`, the partition with
/// that many numbers is preferred (or the nearest possible count); among equal
/// counts the one with the most even number of groups wins. Without a target
/// the fewest numbers are made.
pub fn partition_run(tokens: &[DigitTok<'_>], target: Option<usize>) -> Vec<usize> {
    let n = tokens.len();
    if n == 0 {
        return Vec::new();
    }
    let part_ok = |start: usize, len: usize| run_part_ok(tokens, start, len);
    let (Some(min), Some(max)) = (
        count_range(n, true, &part_ok),
        count_range(n, false, &part_ok),
    ) else {
        return vec![1; n];
    };
    let parts = target.map_or(min, |t| t.clamp(min, max));
    if (n + 1).saturating_mul(parts + 1) > MAX_DP_CELLS {
        // A run far longer than any table row (a hostile line of thousands
        // of digit groups): the even-split search would need n × parts
        // memory, so make the fewest numbers instead.
        return fewest_parts(n, MAX_RUN_GROUPS, part_ok);
    }
    even_parts(n, parts, &part_ok).unwrap_or_else(|| vec![1; n])
}

/// The most groups of one number in a run (max 3 groups after the first:
/// amounts in tkr beyond 10^12 do not occur).
const MAX_RUN_GROUPS: usize = 4;

/// Whether `tokens[start..start + len]` can be one legal grouped number: a
/// first group that can start one, then groups that continue it, no
/// decimals or percent sign before its last group.
fn run_part_ok(tokens: &[DigitTok<'_>], start: usize, len: usize) -> bool {
    if len == 1 {
        return true;
    }
    if len > MAX_RUN_GROUPS {
        return false;
    }
    let Some(first) = tokens.get(start) else {
        return false;
    };
    if !first.can_start_group() {
        return false;
    }
    (start + 1..start + len).all(|i| {
        tokens.get(i).is_some_and(|t| t.can_continue())
            && tokens
                .get(i - 1)
                .is_some_and(|p| !p.has_frac() && !p.percent)
    })
}

/// The fewest (`want_min`) or most numbers the `n` tokens can be cut into.
fn count_range(n: usize, want_min: bool, part_ok: &impl Fn(usize, usize) -> bool) -> Option<usize> {
    // best[i] = best count for tokens[..i]
    let mut best: Vec<Option<usize>> = vec![None; n + 1];
    if let Some(b) = best.get_mut(0) {
        *b = Some(0);
    }
    for end in 1..=n {
        let mut val: Option<usize> = None;
        for len in 1..=end.min(MAX_RUN_GROUPS) {
            let start = end - len;
            if !part_ok(start, len) {
                continue;
            }
            if let Some(Some(prev)) = best.get(start) {
                let c = prev + 1;
                val = Some(match val {
                    None => c,
                    Some(v) if want_min => v.min(c),
                    Some(v) => v.max(c),
                });
            }
        }
        if let Some(b) = best.get_mut(end) {
            *b = val;
        }
    }
    best.get(n).copied().flatten()
}

/// The cut of `n` tokens into `parts` numbers whose group counts are most
/// even (least squared deviation from an even split); None when there is
/// none.
fn even_parts(
    n: usize,
    parts: usize,
    part_ok: &impl Fn(usize, usize) -> bool,
) -> Option<Vec<usize>> {
    let ideal = n as f64 / parts as f64;
    let inf = f64::INFINITY;
    let mut cost = vec![vec![inf; parts + 1]; n + 1];
    let mut back = vec![vec![0usize; parts + 1]; n + 1];
    if let Some(c) = cost.get_mut(0).and_then(|r| r.get_mut(0)) {
        *c = 0.0;
    }
    for end in 1..=n {
        for k in 1..=parts {
            for len in 1..=end.min(MAX_RUN_GROUPS) {
                let start = end - len;
                if !part_ok(start, len) {
                    continue;
                }
                let prev = cost
                    .get(start)
                    .and_then(|r| r.get(k - 1))
                    .copied()
                    .unwrap_or(inf);
                let dev = len as f64 - ideal;
                let c = prev + dev * dev;
                if let Some(slot) = cost.get_mut(end).and_then(|r| r.get_mut(k))
                    && c < *slot
                {
                    *slot = c;
                    if let Some(b) = back.get_mut(end).and_then(|r| r.get_mut(k)) {
                        *b = len;
                    }
                }
            }
        }
    }
    let mut out = Vec::with_capacity(parts);
    let (mut end, mut k) = (n, parts);
    while end > 0 && k > 0 {
        let len = back.get(end).and_then(|r| r.get(k)).copied().unwrap_or(0);
        if len == 0 {
            return None;
        }
        out.push(len);
        end -= len;
        k -= 1;
    }
    out.reverse();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        parse_amount(s).map(|d| d.normalize().to_string())
    }

    #[test]
    fn parses_the_printed_forms() {
        assert_eq!(d("1 900"), Some("1900".into()));
        assert_eq!(d("- 14 870"), Some("-14870".into()));
        assert_eq!(d("-2 141"), Some("-2141".into()));
        assert_eq!(d("\u{2212}1 777"), Some("-1777".into()));
        assert_eq!(d("\u{2013}1 777"), Some("-1777".into()));
        assert_eq!(d("(1 234)"), Some("-1234".into()));
        assert_eq!(d("1 234,5"), Some("1234.5".into()));
        assert_eq!(d("1\u{a0}234"), Some("1234".into()));
        assert_eq!(d("1\u{202f}234,75"), Some("1234.75".into()));
        assert_eq!(d("1.234"), Some("1234".into()));
        assert_eq!(d("1.234.567"), Some("1234567".into()));
        assert_eq!(d("12,5"), Some("12.5".into()));
        assert_eq!(d("0"), Some("0".into()));
        assert_eq!(d("250*"), Some("250".into()));
        assert_eq!(d("1 363-"), Some("-1363".into()));
        assert_eq!(d("363\u{2212}"), Some("-363".into()));
        assert_eq!(d("-5-"), None);
    }

    #[test]
    fn rejects_non_numbers() {
        for s in ["", "-", "–", "abc", "12 34", "1 2345", "I.U.", "5 %", "1-2"] {
            assert_eq!(parse_amount(s), None, "{s}");
        }
        // More digits than a Decimal holds: refused, not rounded (fuzz
        // regression number/crash-990bb1fe…).
        assert_eq!(parse_amount("000000127401.000000000957826706826706"), None);
        assert_eq!(parse_amount("99999999999999999999999999999"), None);
        assert_eq!(
            d("9999999999999999999999999999"),
            Some("9999999999999999999999999999".into())
        );
    }

    #[test]
    fn years() {
        assert_eq!(year("2021"), Some(2021));
        assert_eq!(year("2021:"), Some(2021));
        assert_eq!(year("1 900"), None);
        assert_eq!(year("3000"), None);
    }

    fn toks(s: &str) -> Vec<DigitTok<'_>> {
        let mut out = Vec::new();
        let mut neg = false;
        for w in s.split(' ') {
            if is_dash(w) {
                neg = true;
                continue;
            }
            out.push(DigitTok {
                text: w,
                negative: neg,
                percent: false,
            });
            neg = false;
        }
        out
    }

    #[test]
    fn partitions_single_spaced_runs() {
        assert_eq!(
            partition_run(&toks("1 724 1 724 1 724 1 724"), Some(4)),
            [2, 2, 2, 2]
        );
        assert_eq!(
            partition_run(&toks("269 239 254 239 246 739 246 739"), Some(4)),
            [2, 2, 2, 2]
        );
        assert_eq!(partition_run(&toks("0 475 207 207"), Some(4)), [1, 1, 1, 1]);
        assert_eq!(
            partition_run(&toks("250 250 250 250"), Some(4)),
            [1, 1, 1, 1]
        );
        assert_eq!(
            partition_run(&toks("0 - 2 699 - 2 699 - 2 699"), Some(4)),
            [1, 2, 2, 2]
        );
        assert_eq!(
            partition_run(&toks("2022 0 - 2 699 - 2 699 - 2 699"), Some(4)),
            [1, 1, 2, 2, 2]
        );
        assert_eq!(partition_run(&toks("407 443"), None), [2]);
        assert_eq!(partition_run(&toks("5,4 4,9"), None), [1, 1]);
    }

    #[test]
    fn a_hostile_run_is_split_in_linear_memory() {
        // 20 000 single digits would need a 20 001 × 20 001 table.
        let text = "1 ".repeat(20_000);
        let t = toks(text.trim_end());
        assert_eq!(partition_run(&t, Some(4)), vec![1; 20_000]);
        let text = "1 234 ".repeat(5_000);
        let t = toks(text.trim_end());
        assert_eq!(partition_run(&t, Some(4)), vec![2; 5_000]);
        assert_eq!(fewest_parts(3, 4, |_, _| true), [3]);
    }
}
