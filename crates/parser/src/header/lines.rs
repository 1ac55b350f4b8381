//! Which lines belong to a header group: header-like lines above the
//! years ([`is_header_like`], word fragments joined across lines by
//! [`joins_term`]), lines below them made of header words only
//! ([`header_only`]), and a stub cell centred between the kinds and the
//! years ([`stub_cell_between`]).

use super::{is_indicator_word, is_partial, is_year_range};
use crate::number;
use crate::stream::StreamLine;
use crate::vocab;
use crate::words::{self, Lower};

/// A line that can belong to a header group: header terms, years, fragments
/// that join into a header term with a neighbouring line, and at most three
/// other words; at least one term, year or fragment.
pub(super) fn is_header_like(lines: &[StreamLine<'_>], j: usize) -> bool {
    let Some(l) = lines.get(j) else { return false };
    let ws: Vec<&str> = l.line.words.iter().map(|w| w.text.as_str()).collect();
    if ws.is_empty() || ws.len() > 12 {
        return false;
    }
    // Goal context lines ("Målområde: Ekonomi") stand above headers, never in them.
    let first = Lower::of(ws.first().map_or("", |w| w.trim_end_matches(':')));
    // A column header "Kommunövergripande mål  Nämndmål  Nämndindikator 2022"
    // starts the same way, but carries column words or years.
    if matches!(first.as_str(), "målområde" | "kommunövergripande")
        && ws.len() >= 2
        && !ws
            .iter()
            .any(|w| number::year(w).is_some() || words::is_indicator_column_word(w))
    {
        return false;
    }
    let prev_last = neighbour_word(lines, j, false);
    let next_first = neighbour_word(lines, j, true);
    let mut good = 0;
    let mut strong = 0;
    let mut other = 0;
    for (k, w) in ws.iter().enumerate() {
        let term = words::header_term(w);
        if number::year(w).is_some() || term.is_some() || is_partial(w) || is_indicator_word(w) {
            good += 1;
            // A line of stub words alone ("Driftbudget per nämnd", "Noter")
            // is a title, not part of a header; measures name columns.
            if term != Some(words::HeaderTerm::Stub)
                || matches!(vocab::header_word(w), Some(vocab::HeaderWord::Measure(_)))
            {
                strong += 1;
            }
            continue;
        }
        if words::value_word(w) != words::ValueWord::Other {
            return false;
        }
        // A fragment joins the next line's first word or the previous line's last word.
        let joins_next = k + 1 == ws.len() && next_first.is_some_and(|n| joins_term(w, n));
        let joins_prev = k == 0 && prev_last.is_some_and(|p| joins_term(p, w));
        let joins_inline = ws.get(k + 1).is_some_and(|n| joins_term(w, n))
            || (k > 0 && ws.get(k - 1).is_some_and(|p| joins_term(p, w)));
        if joins_next || joins_prev || joins_inline {
            good += 1;
            strong += 1;
        } else {
            other += 1;
            if other > 3 {
                return false;
            }
        }
    }
    good >= 1 && strong >= 1 && other <= 3
}

/// Whether two word fragments make a header term when joined ("Bud" +
/// "get"), without allocating: every term is short.
pub(super) fn joins_term(a: &str, b: &str) -> bool {
    // "Kommun-" + "bidrag": a word broken at a hyphen.
    if let Some(head) = a.strip_suffix('-')
        && head.chars().last().is_some_and(char::is_alphabetic)
        && joins_term(head, b)
    {
        return true;
    }
    let mut buf = [0u8; 48];
    let n = a.len() + b.len();
    let Some((head, tail)) = buf
        .get_mut(..n)
        .and_then(|joined| joined.split_at_mut_checked(a.len()))
    else {
        return false;
    };
    head.copy_from_slice(a.as_bytes());
    tail.copy_from_slice(b.as_bytes());
    buf.get(..n)
        .and_then(|joined| std::str::from_utf8(joined).ok())
        .is_some_and(|joined| words::header_term(joined).is_some())
}

fn neighbour_word<'a>(lines: &[StreamLine<'a>], j: usize, next: bool) -> Option<&'a str> {
    let mut k = j;
    for _ in 0..3 {
        k = if next { k + 1 } else { k.checked_sub(1)? };
        let l = lines.get(k)?;
        if l.is_blank() {
            continue;
        }
        let w = if next {
            l.line.words.first()
        } else {
            l.line.words.last()
        };
        return w.map(|w| w.text.as_str());
    }
    None
}

/// A line of the header's stub cell, printed vertically centred between
/// header lines ("Budget Plan" / "Projekt" / "2021 2022"): a few words, no
/// values, all ending left of the first year of the year line, with a
/// header-like line right above it.
pub(super) fn stub_cell_between(lines: &[StreamLine<'_>], k: usize, year_line: usize) -> bool {
    let (Some(l), Some(yl)) = (lines.get(k), lines.get(year_line)) else {
        return false;
    };
    let first_year = yl
        .line
        .words
        .iter()
        .filter(|w| number::year(&w.text).is_some())
        .map(|w| w.bbox.x0)
        .reduce(f32::min);
    let Some(first_year) = first_year else {
        return false;
    };
    let words_ok = !l.line.words.is_empty()
        && l.line.words.len() <= 3
        && l.line.words.iter().all(|w| {
            words::value_word(&w.text) == words::ValueWord::Other && w.bbox.x1 < first_year
        });
    if !words_ok || l.year_line {
        return false;
    }
    let above = (1..=2)
        .filter_map(|d| k.checked_sub(d))
        .find(|&a| lines.get(a).is_some_and(|x| !x.is_blank()));
    above.is_some_and(|a| {
        lines
            .get(a)
            .is_some_and(|x| x.page == l.page && !x.year_line)
            && is_header_like(lines, a)
            && header_only(lines, a)
    })
}

/// A line below the year line belongs to the header only if every word is a
/// year, a header term, a partial-year qualifier, or a fragment that joins a
/// neighbouring word into a header term ("Målvär" + "de").
pub(super) fn header_only(lines: &[StreamLine<'_>], k: usize) -> bool {
    let Some(l) = lines.get(k) else { return false };
    let ws: Vec<&str> = l.line.words.iter().map(|w| w.text.as_str()).collect();
    let prev_last = neighbour_word(lines, k, false);
    let next_first = neighbour_word(lines, k, true);
    ws.iter().enumerate().all(|(i, w)| {
        number::year(w).is_some()
            || words::header_term(w).is_some()
            || vocab::header_word(w).is_some()
            || is_year_range(w)
            || is_partial(w)
            || is_indicator_word(w)
            || (i == 0 && prev_last.is_some_and(|p| joins_term(p, w)))
            || (i + 1 == ws.len() && next_first.is_some_and(|n| joins_term(w, n)))
            || ws.get(i + 1).is_some_and(|n| joins_term(w, n))
            || (i > 0 && ws.get(i - 1).is_some_and(|p| joins_term(p, w)))
    })
}
