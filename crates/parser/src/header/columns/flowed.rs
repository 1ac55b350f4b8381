//! Header words of text that lost its layout, given to columns in reading
//! order ([`assign_flowed`]): the words between years are joined into
//! fragments ([`sequence`]); kind words printed among the years go to the
//! next year ([`labels_interleaved`]), otherwise each kind word heads a
//! column in turn and the qualifiers after the last one are spread over the
//! last columns ([`labels_in_order`]). Other words are the stub's.

use super::super::{HeaderColumn, is_partial};
use super::apply_words;
use crate::number;
use crate::stream::StreamLine;
use crate::words::{self, HeaderTerm};

/// A header's words in reading order: a year (its column), or a fragment
/// of words between years (with the line its last piece is on).
enum Item {
    Year(usize),
    Word(String, usize),
}

fn is_kind(w: &str) -> bool {
    matches!(
        words::header_term(w),
        Some(HeaderTerm::Kind | HeaderTerm::Qualifier)
    )
}

/// Reading-order assignment for text exports that lost the layout; words
/// of no column go to the stub.
///
/// When kind words and years interleave ("Målvärde 2021 Målvärde 2022"), each
/// word belongs to the year after it. Otherwise all kind words come first
/// ("Bokslut Budget Budget förslag Plan Plan Plan … 2019 … 2024"): each kind
/// word starts a column, a qualifier attaches to the kind before it, and a run
/// of qualifiers after the last kind attaches to the last columns. A partial
/// qualifier such as "(aug)" belongs to the year printed before it.
pub(super) fn assign_flowed(
    cols: &mut [HeaderColumn],
    group: &[&StreamLine<'_>],
    stub: &mut Vec<(String, f32)>,
) {
    let seq = sequence(group);
    let n = cols.len();
    let first_year = seq.iter().position(|i| matches!(i, Item::Year(_)));
    let interleaved = first_year.is_some_and(|fy| {
        seq.iter().skip(fy).any(
            |i| matches!(i, Item::Word(w, _) if words::header_term(w) == Some(HeaderTerm::Kind)),
        )
    });
    let labels = if interleaved {
        labels_interleaved(&seq, n, stub)
    } else {
        labels_in_order(&seq, n, stub)
    };
    for (c, l) in cols.iter_mut().zip(labels) {
        apply_words(c, &l);
    }
}

/// The reading-order sequence, with fragments joined between years.
fn sequence(group: &[&StreamLine<'_>]) -> Vec<Item> {
    let mut seq: Vec<Item> = Vec::new();
    let mut year_idx = 0usize;
    let mut buf: Vec<(String, usize)> = Vec::new();
    for (li, l) in group.iter().enumerate() {
        for w in &l.line.words {
            if number::year(&w.text).is_some() {
                flush(&mut buf, &mut seq);
                seq.push(Item::Year(year_idx));
                year_idx += 1;
            } else {
                buf.push((w.text.clone(), li));
            }
        }
    }
    flush(&mut buf, &mut seq);
    seq
}

/// Joins the words waiting in `buf` into fragments at the end of `seq`.
fn flush(buf: &mut Vec<(String, usize)>, seq: &mut Vec<Item>) {
    let texts: Vec<String> = buf.iter().map(|b| b.0.clone()).collect();
    let joined = words::join_header_fragments(&texts);
    let mut k = 0usize;
    for j in joined {
        // A joined fragment belongs to the line its last piece is on.
        let mut line = buf.get(k).map_or(0, |b| b.1);
        let mut acc = 0usize;
        while acc < j.len() {
            let Some(b) = buf.get(k) else { break };
            acc += b.0.len();
            line = b.1;
            k += 1;
        }
        seq.push(Item::Word(j, line));
    }
    buf.clear();
}

/// Kind words printed among the years: each goes to the next year's column,
/// a partial-year word to the year before it.
fn labels_interleaved(seq: &[Item], n: usize, stub: &mut Vec<(String, f32)>) -> Vec<Vec<String>> {
    let mut labels: Vec<Vec<String>> = vec![Vec::new(); n];
    let mut last_year: Option<usize> = None;
    let mut pending: Vec<String> = Vec::new();
    for item in seq {
        match item {
            Item::Year(c) => {
                if let Some(l) = labels.get_mut(*c) {
                    l.append(&mut pending);
                }
                last_year = Some(*c);
            }
            Item::Word(w, _) if is_partial(w) => {
                if let Some(l) = last_year.and_then(|c| labels.get_mut(c)) {
                    l.push(w.clone());
                }
            }
            Item::Word(w, _) if is_kind(w) => pending.push(w.clone()),
            Item::Word(w, _) => stub.push((w.clone(), 0.0)),
        }
    }
    labels
}

/// Kind words before the years: each heads a column in turn
/// ([`kind_heads`]); qualifiers after the last head, when more than one (or
/// heads are missing), go to the last columns.
fn labels_in_order(seq: &[Item], n: usize, stub: &mut Vec<(String, f32)>) -> Vec<Vec<String>> {
    let mut labels: Vec<Vec<String>> = vec![Vec::new(); n];
    let mut last_year: Option<usize> = None;
    let words_only: Vec<(usize, &str, usize)> = seq
        .iter()
        .enumerate()
        .filter_map(|(i, it)| match it {
            Item::Word(w, l) => Some((i, w.as_str(), *l)),
            Item::Year(_) => None,
        })
        .collect();
    let heads = kind_heads(&words_only, n);
    let last_head = heads.last().copied();
    let trailing: Vec<&str> = words_only
        .iter()
        .filter(|(i, w, _)| {
            last_head.is_none_or(|h| *i > h) && words::header_term(w) == Some(HeaderTerm::Qualifier)
        })
        .map(|(_, w, _)| *w)
        .collect();
    let trailing_run = trailing.len() > 1 || (heads.len() < n && !trailing.is_empty());
    let mut col: Option<usize> = None;
    for (i, item) in seq.iter().enumerate() {
        let w = match item {
            Item::Year(c) => {
                last_year = Some(*c);
                continue;
            }
            Item::Word(w, _) => w,
        };
        if is_partial(w) {
            if let Some(l) = last_year.and_then(|c| labels.get_mut(c)) {
                l.push(w.clone());
            }
            continue;
        }
        if let Some(pos) = heads.iter().position(|&h| h == i) {
            col = Some(pos);
            if let Some(l) = labels.get_mut(pos) {
                l.push(w.clone());
            }
            continue;
        }
        if is_kind(w) {
            if last_head.is_none_or(|h| i > h) && trailing_run {
                continue; // placed below
            }
            if let Some(l) = col
                .or((!heads.is_empty()).then_some(0))
                .and_then(|c| labels.get_mut(c))
            {
                l.push(w.clone());
            }
        } else {
            stub.push((w.clone(), 0.0));
        }
    }
    if trailing_run {
        for (k, w) in trailing.iter().rev().take(n).enumerate() {
            if let Some(l) = labels.get_mut(n - 1 - k) {
                l.insert(l.len().min(1), (*w).to_string());
            }
        }
    }
    labels
}

/// The sequence positions of the kind words that head columns. With more
/// kind words than columns, a kind on the same line right after another
/// qualifies it ("Nettoutgift budget").
fn kind_heads(words_only: &[(usize, &str, usize)], n: usize) -> Vec<usize> {
    let kinds: Vec<(usize, usize)> = words_only
        .iter()
        .filter(|(_, w, _)| words::header_term(w) == Some(HeaderTerm::Kind))
        .map(|(i, _, l)| (*i, *l))
        .collect();
    let heads: Vec<usize> = kinds.iter().map(|k| k.0).collect();
    if heads.len() <= n {
        return heads;
    }
    let mut keep = Vec::new();
    let mut prev: Option<(usize, usize)> = None;
    let mut extra = heads.len() - n;
    for &(i, l) in &kinds {
        let adjacent = prev.is_some_and(|(pi, pl)| {
            pl == l
                && words_only.iter().position(|w| w.0 == pi).map(|p| p + 1)
                    == words_only.iter().position(|w| w.0 == i)
        });
        if extra > 0 && adjacent {
            extra -= 1;
            prev = None;
            continue;
        }
        keep.push(i);
        prev = Some((i, l));
    }
    keep
}
