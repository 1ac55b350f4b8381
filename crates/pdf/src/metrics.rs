//! Widths of the standard 14 fonts (and their common aliases such as Arial
//! and Times New Roman) for simple fonts that carry no `/Widths`, and the
//! substitute metrics used for other fonts without widths.

use crate::tables;

/// Built-in metrics of one standard font.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum StdMetrics {
    /// A Helvetica or Times face: widths by glyph name.
    Named(&'static [(&'static str, u16)]),
    /// A Courier face: every glyph is 600 units wide.
    Courier,
    /// Symbol: widths by code in its built-in encoding.
    Symbol,
    /// ZapfDingbats: widths by code in its built-in encoding.
    ZapfDingbats,
}

impl StdMetrics {
    /// The width (1000 units per em) of the glyph `name` at `code`.
    pub fn width(self, name: &str, code: u8) -> Option<u16> {
        match self {
            StdMetrics::Named(table) => table
                .binary_search_by(|(n, _)| n.as_bytes().cmp(name.as_bytes()))
                .ok()
                .and_then(|i| table.get(i))
                .map(|(_, w)| *w),
            StdMetrics::Courier => Some(600),
            StdMetrics::Symbol => tables::SYMBOL_WIDTHS
                .get(usize::from(code))
                .copied()
                .filter(|w| *w > 0),
            StdMetrics::ZapfDingbats => tables::ZAPF_DINGBATS_WIDTHS
                .get(usize::from(code))
                .copied()
                .filter(|w| *w > 0),
        }
    }
}

/// Drops a subset tag (`ABCDEF+`) from a font name.
pub(crate) fn strip_subset(name: &str) -> &str {
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

fn named(face: &str) -> Option<StdMetrics> {
    tables::STD_WIDTHS
        .iter()
        .find(|(n, _)| *n == face)
        .map(|(_, t)| StdMetrics::Named(t))
}

/// Which face of a family a name asks for: (bold, italic).
fn style(name: &str) -> (bool, bool) {
    let bold = ["Bold", "Black", "Heavy", "Semibold", "Demi"]
        .iter()
        .any(|s| name.contains(s));
    let italic = name.contains("Italic") || name.contains("Oblique");
    (bold, italic)
}

fn family_face(family: &str, bold: bool, italic: bool) -> Option<StdMetrics> {
    let face = match (family, bold, italic) {
        ("Helvetica", false, false) => "Helvetica",
        ("Helvetica", true, false) => "Helvetica-Bold",
        ("Helvetica", false, true) => "Helvetica-Oblique",
        ("Helvetica", true, true) => "Helvetica-BoldOblique",
        ("Times", false, false) => "Times-Roman",
        ("Times", true, false) => "Times-Bold",
        ("Times", false, true) => "Times-Italic",
        ("Times", true, true) => "Times-BoldItalic",
        _ => return None,
    };
    named(face)
}

/// The metrics of a standard font (or a common alias of one) by its
/// `/BaseFont` name.
pub(crate) fn standard(base_font: &str) -> Option<StdMetrics> {
    let name = strip_subset(base_font);
    let compact: String = name.chars().filter(|c| *c != ' ').collect();
    let (bold, italic) = style(&compact);
    let family = compact
        .split([',', '-'])
        .next()
        .unwrap_or("")
        .trim_end_matches("MT")
        .trim_end_matches("PS");
    match family {
        "Symbol" => Some(StdMetrics::Symbol),
        "ZapfDingbats" => Some(StdMetrics::ZapfDingbats),
        "Courier" | "CourierNew" | "CourierNewPS" => Some(StdMetrics::Courier),
        "Helvetica" | "Arial" => family_face("Helvetica", bold, italic),
        "Times" | "TimesNewRoman" | "TimesNewRomanPS" => family_face("Times", bold, italic),
        _ => None,
    }
}

/// Substitute metrics for a font without widths that is not a standard
/// font, chosen by its descriptor flags and name.
pub(crate) fn substitute(base_font: &str, flags: u32) -> StdMetrics {
    if flags & 1 != 0 {
        return StdMetrics::Courier;
    }
    let (bold, italic) = style(base_font);
    let bold = bold || flags & (1 << 18) != 0;
    let family = if flags & 2 != 0 { "Times" } else { "Helvetica" };
    family_face(family, bold, italic).unwrap_or(StdMetrics::Courier)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_fonts_and_aliases() {
        let w = |f: &str, n: &str| standard(f).and_then(|m| m.width(n, 0));
        assert_eq!(w("Helvetica", "a"), Some(556));
        assert_eq!(w("Helvetica-Bold", "a"), Some(556));
        assert_eq!(w("Helvetica", "adieresis"), Some(556));
        assert_eq!(w("Helvetica-Bold", "i"), Some(278));
        assert_eq!(w("ArialMT", "W"), Some(944));
        assert_eq!(w("Arial,Bold", "W"), Some(944));
        assert_eq!(w("Times-Roman", "a"), Some(444));
        assert_eq!(w("TimesNewRomanPS-BoldMT", "a"), Some(500));
        assert_eq!(w("ABCDEF+Times-Italic", "a"), Some(500));
        assert_eq!(w("CourierNewPSMT", "anything"), Some(600));
        assert_eq!(
            standard("Symbol").and_then(|m| m.width("", 0x61)),
            Some(631)
        );
        assert_eq!(standard("Garamond"), None);
        assert_eq!(w("Helvetica", "nosuchglyph"), None);
    }

    #[test]
    fn substitutes_follow_flags() {
        assert_eq!(substitute("X", 1), StdMetrics::Courier);
        assert_eq!(
            substitute("X", 2),
            standard("Times-Roman").unwrap_or(StdMetrics::Courier)
        );
        assert_eq!(
            substitute("X-Bold", 32),
            standard("Helvetica-Bold").unwrap_or(StdMetrics::Courier)
        );
        assert_eq!(strip_subset("ABCDEF+Foo"), "Foo");
        assert_eq!(strip_subset("Foo+Bar"), "Foo+Bar");
    }
}
