//! Note numbers told by their sequence: a statement's notes ("Not" column)
//! run 1, 2, 3 … down the table. Where a layout export set a row's note one
//! space after its label and away from the "Not" header word (pdftotext
//! moves words a few characters on long lines), the number that continues
//! the sequence of the notes read around it is that row's note, not the end
//! of its label.
//!
//! Only in a table that has notes on other rows; only a number of one or
//! two digits ending a label of two words or more, on a row with amounts;
//! only when it is the next note after the nearest note above or the one
//! before the nearest note below (and between the two when there are both).

use super::cells::is_note_number;
use crate::model::{Cell, Row};

/// Moves the trailing note numbers that continue the sequence of the
/// table's notes from the labels into the rows' notes.
pub(super) fn notes_in_sequence(rows: &mut [Row]) {
    if rows.iter().all(|r| r.note.is_none()) {
        return;
    }
    // Each accepted note can make the next one a neighbour in sequence.
    loop {
        let mut changed = false;
        for i in 0..rows.len() {
            let Some(n) = rows.get(i).and_then(trailing_number) else {
                continue;
            };
            let before = rows.get(..i).and_then(|r| r.iter().rev().find_map(note_of));
            let after = rows.get(i + 1..).and_then(|r| r.iter().find_map(note_of));
            let follows = before.is_some_and(|b| b + 1 == n);
            let precedes = after.is_some_and(|a| n + 1 == a);
            let between = before.is_none_or(|b| b < n) && after.is_none_or(|a| n < a);
            if (follows || precedes)
                && between
                && let Some(row) = rows.get_mut(i)
                && let Some((label, number)) = row.label.rsplit_once(' ')
            {
                row.note = Some(Cell {
                    text: number.to_string(),
                    origin: row.origin,
                });
                row.label = label.trim_end().to_string();
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// The note number a row carries, as a number.
fn note_of(row: &Row) -> Option<u32> {
    row.note.as_ref().and_then(|c| c.text.parse().ok())
}

/// The number of one or two digits (not zero-led) ending the label of a
/// row with amounts and no note, after at least one word.
fn trailing_number(row: &Row) -> Option<u32> {
    if row.note.is_some() || row.values.cells().iter().all(Option::is_none) {
        return None;
    }
    let (head, last) = row.label.rsplit_once(' ')?;
    let word_before = head.chars().any(char::is_alphabetic);
    (is_note_number(last) && word_before)
        .then(|| last.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Origin, RowValues};

    fn row(label: &str, note: Option<&str>, amounts: bool) -> Row {
        let cell = |t: &str| Cell {
            text: t.to_string(),
            origin: Origin::default(),
        };
        Row {
            label: label.to_string(),
            values: RowValues::Placed(if amounts {
                vec![Some(cell("1,0")), Some(cell("2,0"))]
            } else {
                vec![None, None]
            }),
            note: note.map(cell),
            origin: Origin::default(),
            ambiguous: false,
            cut_chosen: false,
        }
    }

    fn read(rows: &mut [Row]) -> Vec<(String, Option<String>)> {
        notes_in_sequence(rows);
        rows.iter()
            .map(|r| (r.label.clone(), r.note.as_ref().map(|c| c.text.clone())))
            .collect()
    }

    #[test]
    fn a_number_continuing_the_notes_is_a_note() {
        let mut rows = vec![
            row("Verksamhetens intäkter", Some("1"), true),
            row("Verksamhetens kostnader 2", None, true),
            row("Avskrivningar 3", None, true),
            row("Verksamhetens nettokostnader", None, true),
            row("Skatteintäkter", Some("4"), true),
        ];
        let got = read(&mut rows);
        assert_eq!(got[1], ("Verksamhetens kostnader".into(), Some("2".into())));
        assert_eq!(got[2], ("Avskrivningar".into(), Some("3".into())));
        assert_eq!(got[3], ("Verksamhetens nettokostnader".into(), None));
    }

    #[test]
    fn the_note_before_the_next_one_below() {
        let mut rows = vec![
            row("Anläggningstillgångar 8", None, true),
            row("Omsättningstillgångar", Some("9"), true),
        ];
        assert_eq!(read(&mut rows)[0].1.as_deref(), Some("8"));
    }

    #[test]
    fn numbers_out_of_sequence_or_without_notes_stay_in_labels() {
        // No notes in the table: a label's number is the label's.
        let mut plain = vec![row("Etapp 2", None, true), row("Etapp 3", None, true)];
        assert_eq!(read(&mut plain)[0].0, "Etapp 2");
        // Out of sequence, on a heading without amounts, or a lone number.
        let mut rows = vec![
            row("Intäkter", Some("1"), true),
            row("Lokaler etapp 7", None, true),
            row("Rubrik 2", None, false),
            row("Kostnader", Some("3"), true),
        ];
        let got = read(&mut rows);
        assert_eq!(got[1], ("Lokaler etapp 7".into(), None));
        assert_eq!(got[2], ("Rubrik 2".into(), None));
    }
}
