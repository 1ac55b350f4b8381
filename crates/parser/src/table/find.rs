//! Tables found by their structure: runs of lines that end in amounts.
//!
//! Most tables are found by their header (years under kind words, see
//! [`crate::header`]). A table whose header prints no line of years
//! ("Intäkter Kostnader Nettokostnad Kommunbidrag Avvikelse") is found the
//! other way round: a run of lines that each end in two or more amounts —
//! labels going on over a line and headings between them allowed — and then
//! the header right above it ([`crate::header::header_above`]). A run with
//! no header above it is reported (a table skipped), never read with columns
//! made up.

use super::cells::value_like;
use crate::stream::StreamLine;

/// A run of amount lines: stream indices of its first and last line, and
/// how many lines of it end in amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Body {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) rows: usize,
}

/// The runs of at least three lines ending in two amounts or more (up to
/// two label lines between them), outside the stream ranges `claimed`
/// (tables already read).
pub(super) fn bodies(lines: &[StreamLine<'_>], claimed: &[(usize, usize)]) -> Vec<Body> {
    let free = |i: usize| !claimed.iter().any(|&(a, b)| a <= i && i <= b);
    let mut out = Vec::new();
    let mut cur: Option<Body> = None;
    let mut gap = 0usize;
    for (i, l) in lines.iter().enumerate() {
        let amounts = free(i) && ends_in_amounts(l);
        if amounts {
            match cur.as_mut() {
                Some(b) => {
                    b.end = i;
                    b.rows += 1;
                }
                None => {
                    cur = Some(Body {
                        start: i,
                        end: i,
                        rows: 1,
                    });
                }
            }
            gap = 0;
            continue;
        }
        gap += 1;
        // Blank lines, headings and wrapped labels between rows: up to two.
        if gap > 2
            || !free(i)
            || l.page != lines.get(i.saturating_sub(1)).map_or(l.page, |p| p.page)
        {
            out.extend(cur.take().filter(|b| b.rows >= 3));
        }
    }
    out.extend(cur.filter(|b| b.rows >= 3));
    out
}

/// A line ending in two amounts or more after a label of at most twelve
/// words. Digit words are counted as amounts, except a group of three
/// digits printed a single space after other digits (it may group
/// thousands: "10 000" counts once).
fn ends_in_amounts(l: &StreamLine<'_>) -> bool {
    let ws = &l.line.words;
    let values = ws.iter().rev().take_while(|w| value_like(&w.text)).count();
    let tail = ws.get(ws.len() - values..).unwrap_or(&[]);
    let digits = |w: &internbudget_layout::Word| w.text.chars().any(|c| c.is_ascii_digit());
    let mut amounts = 0usize;
    for (i, w) in tail.iter().enumerate() {
        if !digits(w) {
            continue;
        }
        let group = w.text.len() == 3 && w.text.bytes().all(|b| b.is_ascii_digit());
        let continues = i > 0
            && tail.get(i - 1).is_some_and(|p| {
                digits(p) && crate::words::gap_in_spaces(p, w) <= 1.5 && !p.text.contains(',')
            });
        if !(group && continues) {
            amounts += 1;
        }
    }
    amounts >= 2 && ws.len() - values <= 12
}

#[cfg(test)]
mod tests {
    use super::*;
    use internbudget_layout::text::read_text;

    fn bodies_of(text: &str, claimed: &[(usize, usize)]) -> Vec<(usize, usize, usize)> {
        let doc = read_text(text.as_bytes()).unwrap();
        let lines = crate::stream::content_lines(&doc);
        bodies(&lines, claimed)
            .into_iter()
            .map(|b| (b.start, b.end, b.rows))
            .collect()
    }

    #[test]
    fn runs_of_amount_lines() {
        let text = "Rubrik\nIntäkter Kostnader\nA 1,0 2,0\nB 3,0 4,0\nlång etikett\nsom fortsätter 5,0 6,0\nTotalt 9,0 12,0\n\n\n\nText 2021 och 2022.\n";
        assert_eq!(bodies_of(text, &[]), [(2, 6, 4)]);
        assert!(bodies_of(text, &[(0, 7)]).is_empty());
        // Two amount lines are no table; one grouped amount is one amount.
        assert!(bodies_of("A 1 2\nB 3 4\n", &[]).is_empty());
        assert!(bodies_of("A 10 000\nB 9 077\nC 1 000\nD 2 000\n", &[]).is_empty());
    }
}
