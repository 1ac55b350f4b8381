//! Words of running text, to rejoin words broken inside narrow cells.

use crate::stream::StreamLine;
use crate::words;
use std::collections::HashSet;

/// Words of the document that occur inside running text; used to rejoin
/// words broken inside narrow cells.
#[derive(Debug, Default)]
pub struct Vocabulary(HashSet<String>);

impl Vocabulary {
    /// Collects the words of lines with at least five words.
    pub fn from_lines(lines: &[StreamLine<'_>]) -> Self {
        let mut set = HashSet::new();
        for l in lines {
            // Running text: runs of four words or more without a column gap
            // (a word broken in a narrow cell stands alone or nearly so).
            for seg in l.line.segments(2.5) {
                if seg.words.len() >= 4 {
                    for w in seg.words {
                        set.insert(normal(&w.text));
                    }
                }
            }
        }
        Vocabulary(set)
    }

    /// Joins the lines of a cell, each with its printed width: besides the
    /// rules of [`Vocabulary::join`], a line holding one long word that
    /// (nearly) fills the cell, followed by a lowercase fragment that is no
    /// word of running text, was broken inside the word ("signifikant" / "a",
    /// "skillna" / "der"); so was a parenthesised word ("(bemötan" / "de)").
    pub fn join_narrow(&self, lines: &[(String, f32)]) -> String {
        let max = lines.iter().map(|l| l.1).fold(0.0f32, f32::max);
        let mut out: Vec<String> = Vec::new();
        for (i, (text, width)) in lines.iter().enumerate() {
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            let glue = i > 0
                && lines.get(i - 1).is_some_and(|(prev, w)| {
                    let last = prev.trim().rsplit(' ').next().unwrap_or("");
                    let first = text.split(' ').next().unwrap_or("");
                    let alone = !prev.trim().contains(' ');
                    let full = *w >= max * 0.8 && max > 0.0;
                    let long = last.chars().filter(|c| c.is_alphabetic()).count() >= 4
                        && last.chars().last().is_some_and(char::is_alphabetic);
                    let lower = first.chars().next().is_some_and(char::is_lowercase);
                    // "(bemötan" / "de)": a parenthesised word broken in two.
                    let paren = last.starts_with('(')
                        && !last.contains(')')
                        && first.ends_with(')')
                        && !first.contains('(');
                    // The fragment after the break is no word of running text,
                    // and the piece before it is none either (or the fragment
                    // is a mere letter or two: "kommune" / "n").
                    let fragment = first
                        .trim_matches(|c: char| !c.is_alphanumeric())
                        .chars()
                        .count()
                        <= 2;
                    let broken = !self.contains(first) && (!self.contains(last) || fragment);
                    alone && lower && ((long && full && broken) || paren)
                });
            match out.last_mut() {
                Some(cur) if glue => cur.push_str(text),
                _ => out.push(text.to_string()),
            }
            let _ = width;
        }
        self.join(out.iter().map(String::as_str))
    }

    /// True when the word (case and punctuation aside) occurs in running text.
    pub fn contains(&self, w: &str) -> bool {
        self.0.contains(&normal(w))
    }

    /// Joins the lines of a cell, rejoining broken words: a word broken over
    /// several one-word lines ("socials" / "ekreter" / "arnas") is rejoined
    /// when the joined form occurs in running text.
    pub fn join<'a>(&self, lines: impl IntoIterator<Item = &'a str>) -> String {
        let lines: Vec<&str> = lines
            .into_iter()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let mut merged: Vec<String> = Vec::with_capacity(lines.len());
        let mut i = 0;
        while let Some(line) = lines.get(i) {
            let mut cur = (*line).to_string();
            let mut j = i + 1;
            // Rejoin a word broken over up to three following lines.
            while let Some(k) = self.rejoin_end(&cur, &lines, j) {
                for (n, piece) in lines.get(j..=k).unwrap_or(&[]).iter().enumerate() {
                    if n + j == k {
                        cur.push_str(piece);
                    } else {
                        cur.push_str(piece.split(' ').next().unwrap_or(""));
                    }
                }
                j = k + 1;
            }
            merged.push(cur);
            i = j;
        }
        let is_word = |w: &str| self.contains(w);
        words::join_lines(merged.iter().map(String::as_str), &is_word)
    }
}

impl Vocabulary {
    /// The index of the last line that completes the word ending `cur` when
    /// glued to the first words of `lines[j..]`, if the joined form is a word
    /// of running text and the pieces are not both words themselves.
    fn rejoin_end(&self, cur: &str, lines: &[&str], j: usize) -> Option<usize> {
        let last = cur.rsplit(' ').next()?;
        let mut acc = last.to_string();
        for k in j..(j + 3).min(lines.len()) {
            let next = lines.get(k)?;
            let first = next.split(' ').next().unwrap_or("");
            if !first.chars().next().is_some_and(char::is_lowercase) {
                return None;
            }
            acc.push_str(first);
            let pieces_known = self.contains(last) && self.contains(first) && k == j;
            if self.contains(&acc) && !pieces_known {
                return Some(k);
            }
            if next.contains(' ') {
                return None;
            }
        }
        None
    }
}

fn normal(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}
