//! Rendering a [`Document`] back to plain text, page by page, one line per
//! visual line, with words placed at approximately their horizontal position.
//! This is what `internbudget text` prints: what the parser sees.

use crate::{Document, SourceKind};

/// Gaps at least this wide on a text page stand for a tab-separated cell break.
const TAB_GAP: f32 = crate::text::CELL_PITCH / 2.0;

/// Renders the document; pages are separated by a form feed, as pdftotext does.
pub fn render_text(doc: &Document) -> String {
    let mut out = String::new();
    for (i, page) in doc.pages.iter().enumerate() {
        if i > 0 {
            out.push('\u{c}');
        }
        let unit = match doc.kind {
            SourceKind::Pdf => char_width(page.lines.iter().flat_map(|l| l.words.iter())),
            SourceKind::TabText | SourceKind::PlainText => 1.0,
        };
        for line in &page.lines {
            let mut col = 0usize;
            let mut prev_x1: Option<f32> = None;
            // Where the current tab cell starts: its x and output column
            // (words of a cell are placed relative to it).
            let mut cell = (0.0f32, 0usize);
            for w in &line.words {
                let gap = w.bbox.x0 - prev_x1.unwrap_or(0.0);
                match gap {
                    g if doc.kind != SourceKind::Pdf && g >= TAB_GAP => {
                        // One tab per grid step (empty cells between).
                        let step = |x: f32| (x.max(0.0) / crate::text::CELL_PITCH).floor() as usize;
                        let tabs = step(w.bbox.x0).saturating_sub(step(cell.0)).clamp(1, 1000);
                        out.extend(std::iter::repeat_n('\t', tabs));
                        col += tabs;
                        cell = (w.bbox.x0, col);
                    }
                    _ => {
                        let x = (w.bbox.x0 - cell.0).max(0.0);
                        let target = cell.1 + (x / unit).round() as usize;
                        let min = if prev_x1.is_some() { col + 1 } else { col };
                        let pad = target.max(min).min(col + 400) - col;
                        out.extend(std::iter::repeat_n(' ', pad));
                        col += pad;
                    }
                }
                out.push_str(&w.text);
                col += w.text.chars().count();
                prev_x1 = Some(w.bbox.x1);
            }
            out.push('\n');
        }
    }
    out
}

/// The median width of one character over the given words, in page units.
fn char_width<'a>(words: impl Iterator<Item = &'a crate::Word>) -> f32 {
    let mut widths: Vec<f32> = words
        .filter_map(|w| {
            let n = w.text.chars().count();
            (n > 0 && w.bbox.width() > 0.0).then(|| w.bbox.width() / n as f32)
        })
        .collect();
    if widths.is_empty() {
        return 5.0;
    }
    widths.sort_by(f32::total_cmp);
    widths
        .get(widths.len() / 2)
        .copied()
        .unwrap_or(5.0)
        .max(0.5)
}

#[cfg(test)]
mod tests {
    use crate::text::read_text;

    #[test]
    fn text_pages_round_trip_their_layout() {
        let src = "Nämnden      1 900\tx\n\u{c}page two\n\ta\t1 900\t\t- 14 870\n";
        let doc = read_text(src.as_bytes()).map(|d| crate::render_text(&d));
        assert_eq!(
            doc.ok().as_deref(),
            Some("Nämnden      1 900\tx\n\u{c}page two\n\ta\t1 900\t\t- 14 870\n")
        );
    }
}
