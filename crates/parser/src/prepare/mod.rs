//! The first stage: the document's lines made ready for finding tables.
//!
//! Exports damage tables in a few recurring ways that are undone here, once,
//! before any table is looked for:
//! - words fused by the export ("12 847Förändringar", "Utfall2013") are
//!   split ([`fused`]);
//! - pipes between cells (`a | b | c`) become wide gaps and rule lines blank
//!   lines ([`pipes`]);
//! - tables printed one cell per line are folded back into rows
//!   ([`fold`]).
//!
//! The result is a document of the same pages (each line keeps its source
//! line number, each word its row); it borrows the original when nothing
//! had to change.

mod fold;
mod fused;
mod pipes;

use internbudget_layout::{Document, Line, SourceKind, Word};
use std::borrow::Cow;

/// The document with fused words split, pipes taken out and one-cell-per-line
/// tables folded (text sources; PDFs only get fused words split).
pub fn prepare(doc: &Document) -> Cow<'_, Document> {
    let mut out: Option<Document> = None;
    for (pi, page) in doc.pages.iter().enumerate() {
        let mut lines: Option<Vec<Line>> = None;
        for (li, line) in page.lines.iter().enumerate() {
            let fixed = split_fused(line);
            let fixed = match fixed {
                Some(l) if pipes::has_pipes(&l) => Some(pipes::unpipe(&l)),
                None if pipes::has_pipes(line) => Some(pipes::unpipe(line)),
                other => other,
            };
            if let Some(l) = fixed {
                let v = lines.get_or_insert_with(|| page.lines.clone());
                if let Some(slot) = v.get_mut(li) {
                    *slot = l;
                }
            }
        }
        if doc.kind == SourceKind::PlainText
            && let Some(folded) = fold::fold(lines.as_deref().unwrap_or(&page.lines))
        {
            lines = Some(folded);
        }
        if let Some(lines) = lines {
            let d = out.get_or_insert_with(|| doc.clone());
            if let Some(p) = d.pages.get_mut(pi) {
                p.lines = lines;
            }
        }
    }
    match out {
        Some(d) => Cow::Owned(d),
        None => Cow::Borrowed(doc),
    }
}

/// The line with its fused words split, or `None` when it has none.
fn split_fused(line: &Line) -> Option<Line> {
    if !line
        .words
        .iter()
        .any(|w| fused::split_point(&w.text).is_some())
    {
        return None;
    }
    let mut words: Vec<Word> = Vec::with_capacity(line.words.len() + 2);
    for w in &line.words {
        let mut rest = w.clone();
        // A word can hold several fusions ("2019Intäkter2020").
        for _ in 0..8 {
            let Some(at) = fused::split_point(&rest.text) else {
                break;
            };
            let Some((a, b)) = fused::split_word(&rest, at) else {
                break;
            };
            words.push(a);
            rest = b;
        }
        words.push(rest);
    }
    Some(Line {
        words,
        ..line.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use internbudget_layout::text::read_text;

    fn texts(doc: &Document) -> Vec<String> {
        doc.pages
            .iter()
            .flat_map(|p| p.lines.iter())
            .filter(|l| !l.words.is_empty())
            .map(Line::text)
            .collect()
    }

    #[test]
    fn splits_fused_words_and_takes_out_pipes() {
        let doc = read_text(
            "mnkr Intäkter 2019Intäkter 2020Kostnader 2019\nA | 1 | 2 |\n---|---|\n".as_bytes(),
        )
        .unwrap();
        let p = prepare(&doc);
        assert_eq!(
            texts(&p),
            ["mnkr Intäkter 2019 Intäkter 2020 Kostnader 2019", "A 1 2"]
        );
    }

    #[test]
    fn borrows_a_document_without_anything_to_mend() {
        let doc = read_text(b"Budget 2021 Plan 2022\nNamnden 1 2\n").unwrap();
        assert!(matches!(prepare(&doc), Cow::Borrowed(_)));
    }
}
