//! What stands around a header: the table's title (the short heading
//! above it, [`find_title`]) and its amount unit (in the header, the
//! title, the line below or a caption above, [`find_unit`]).

use crate::number;
use crate::stream::StreamLine;
use crate::vocab::{self, UnitWord};
use crate::words::{self, Lower};

/// The amount unit of the table whose header spans stream lines
/// `start..=end`: named in the header itself, in its title, in the line
/// right below or above it, or in a caption among the three lines above it
/// (same page, up to a line of amounts).
pub(super) fn find_unit(
    lines: &[StreamLine<'_>],
    start: usize,
    end: usize,
    text: &str,
    title: Option<&str>,
) -> Option<UnitWord> {
    if let Some(u) = vocab::unit_in(text).or_else(|| title.and_then(vocab::unit_in)) {
        return Some(u);
    }
    let page = lines.get(start).map(|l| l.page);
    let below = lines
        .get(end + 1)
        .filter(|l| Some(l.page) == page)
        .and_then(|l| vocab::unit_in(&l.line.text()));
    if below.is_some() {
        return below;
    }
    lines
        .get(..start)
        .unwrap_or(&[])
        .iter()
        .rev()
        .take_while(|l| Some(l.page) == page)
        .filter(|l| !l.is_blank())
        .take(3)
        .take_while(|l| {
            !l.line.words.iter().any(|w| {
                words::value_word(&w.text) == words::ValueWord::Digits
                    && number::year(&w.text).is_none()
            })
        })
        .find_map(|l| vocab::unit_in(&l.line.text()))
}

/// The title of a table whose first line (header or lead row) is stream
/// line `start`.
pub(crate) fn title_above(lines: &[StreamLine<'_>], start: usize) -> Option<String> {
    find_title(lines, start)
}

/// The heading above the header group: the nearest non-blank line, if it is
/// short and not a sentence.
pub(super) fn find_title(lines: &[StreamLine<'_>], start: usize) -> Option<String> {
    let mut k = start;
    for _ in 0..4 {
        k = k.checked_sub(1)?;
        let l = lines.get(k)?;
        if l.is_blank() {
            continue;
        }
        let t = l.line.text();
        let t = t.trim();
        let n = t.split_whitespace().count();
        // A row of amounts (the end of the table above) is no title: two
        // amounts at its end, or one that is no year and no note number.
        let digits =
            |w: &internbudget_layout::Word| words::value_word(&w.text) == words::ValueWord::Digits;
        let mut tail = l.line.words.iter().rev();
        // "… 2018-10-25 § 138", "Tabell 124" name a number, not an amount.
        let numbered = tail.clone().nth(1).is_some_and(|w| {
            matches!(
                Lower::of(w.text.trim_end_matches('.')).as_str(),
                "§" | "nr" | "not" | "bilaga" | "tabell" | "diagram" | "figur" | "sid" | "s"
            )
        });
        let last_is_amount = !numbered
            && tail.clone().next().is_some_and(|w| {
                digits(w) && number::year(&w.text).is_none() && w.text.chars().count() >= 3
            });
        if (tail.by_ref().take(2).all(digits) && l.line.words.len() >= 2) || last_is_amount {
            return None;
        }
        if n <= 14 && t.chars().count() <= 120 && !t.ends_with('.') && !t.ends_with(':') {
            return Some(t.to_string());
        }
        // A caption: "Tabell 1. Investeringar …", "Tabell som visar …".
        if t.split_whitespace()
            .next()
            .is_some_and(|w| Lower::of(w.trim_end_matches(['.', ':'])).as_str() == "tabell")
            && t.chars().count() <= 240
        {
            return Some(t.to_string());
        }
        return None;
    }
    None
}
