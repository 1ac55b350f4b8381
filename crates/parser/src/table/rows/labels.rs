//! What a row's label text says: a footnote, a heading, the start of a
//! row, a label going on on the next line.

use crate::words;

/// Footnotes under a table start with stars or a footnote number.
pub(in crate::table) fn is_footnote(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('*') && t.trim_start_matches('*').starts_with(' ')
}

pub(in crate::table) fn starts_lowercase(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
}

pub(in crate::table) fn starts_with_capital(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// A heading inside a table that groups the rows after it and never takes
/// amounts of its own ("Specifikation av förändringar").
pub(in crate::table) fn is_group_heading(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    lower.starts_with("specifikation av förändring")
        || lower == "förändringar"
        || lower.starts_with("varav:")
}

/// Labels that always start a row of their own.
pub(in crate::table) fn is_row_starter(text: &str) -> bool {
    let first = words::Lower::of(text.split_whitespace().next().unwrap_or(""));
    matches!(
        first.as_str(),
        "varav" | "därav" | "summa" | "totalt" | "varav:" | "därav:"
    )
}

/// A label line ending in a word that cannot end a label.
pub(crate) fn label_unfinished(text: &str) -> bool {
    let t = text.trim_end();
    if t.ends_with(',') || t.ends_with('-') || t.ends_with('–') || t.ends_with('—') {
        return true;
    }
    let last = words::Lower::of(t.rsplit(' ').next().unwrap_or(""));
    matches!(
        last.as_str(),
        "och"
            | "för"
            | "till"
            | "av"
            | "i"
            | "med"
            | "från"
            | "enligt"
            | "den"
            | "inkl."
            | "inkl"
            | "exkl."
            | "samt"
            | "om"
            | "på"
            | "vid"
            | "efter"
            | "under"
            | "per"
            | "år"
            | "mot"
            | "inom"
            | "utan"
    )
}

/// A total's label: "Summa …", "Totalt", "Total", or a statement's result
/// line "Årets …".
pub(in crate::table) fn is_total_label(label: &str) -> bool {
    let first = words::Lower::of(label.split_whitespace().next().unwrap_or(""));
    matches!(first.as_str(), "totalt" | "summa" | "total" | "årets")
}

/// A line printed after a total that is text, not a row: it fills fewer
/// than half of three or more columns (`filled` of `n`) under a label of
/// several words that starts no row ("Kristianstads kommun, 273 80", a
/// page footer's address).
pub(in crate::table) fn footer_like(label: &str, filled: usize, n: usize) -> bool {
    n >= 3
        && filled >= 1
        && filled * 2 < n
        && !is_row_starter(label)
        && label.split_whitespace().count() >= 2
}
