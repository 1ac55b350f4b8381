//! Table headers: a group of lines holding two or more years under (or next
//! to) column-kind words — "Bokslut 2019 | Budget 2020 | Budget förslag 2021",
//! "Nämndindikator 2019 2020 Målvärde 2021". The group may span several lines,
//! with words broken inside narrow header cells ("Nettoutgi" / "ft") and, in
//! flowed text exports, one header cell per line.

use crate::model::{ColumnHeader, Origin};
use crate::number;
use crate::stream::StreamLine;
use crate::vocab::{self, UnitWord};
use crate::words::{self, Lower};
use internbudget_layout::{Line, text::CELL_PITCH};

mod columns;
mod flowed;
mod lines;
mod title;

pub(crate) use title::title_above;
use title::{find_title, find_unit};

use columns::columns;
use lines::{header_only, is_header_like, stub_cell_between};

/// Header words left of the value columns, with their left edges.
type Stub = Vec<(String, f32)>;

/// The columns of a header read in printed order ([`flowed`]), as header
/// columns without positions.
fn flowed_columns(group: &[&StreamLine<'_>]) -> Option<(Vec<HeaderColumn>, Stub)> {
    let (cols, stub) = flowed::columns(group)?;
    let columns = cols
        .into_iter()
        .map(|c| HeaderColumn {
            header: ColumnHeader {
                label: c.words.join(" "),
                year: c.year,
                partial: c.partial,
            },
            center: 0.0,
            right: 0.0,
            extent: (0.0, 0.0),
        })
        .collect();
    Some((columns, stub.into_iter().map(|w| (w, 0.0)).collect()))
}

/// A column of a header: its printed header and horizontal position.
#[derive(Debug, Clone)]
pub struct HeaderColumn {
    /// The printed header.
    pub header: ColumnHeader,
    /// Centre of the year word.
    pub center: f32,
    /// Right edge of the year word.
    pub right: f32,
    /// Horizontal extent of all header words of the column (year included),
    /// as printed in geometric sources; the year word's extent otherwise.
    pub extent: (f32, f32),
}

/// A table header.
#[derive(Debug, Clone)]
pub struct Header {
    /// First stream index of the header group.
    pub start: usize,
    /// Stream index of the (first) line with years.
    pub year_line: usize,
    /// Last stream index of the header group.
    pub end: usize,
    /// Value columns, left to right.
    pub columns: Vec<HeaderColumn>,
    /// The heading the table stands under.
    pub title: Option<String>,
    /// All header text.
    pub text: String,
    /// The amount unit printed in the header, its title, the line below it
    /// or a caption above it.
    pub unit: Option<UnitWord>,
    /// The header line is tab-separated.
    pub tabbed: bool,
    /// The years are separated by wide gaps (a layout-preserving source).
    pub spaced: bool,
    /// The header of an indicator table.
    pub indicator: bool,
    /// Header words left of the value columns (stub), with their left edges.
    pub stub: Vec<(String, f32)>,
    /// The stub names a column of note numbers ("Not", "Nr.").
    pub note: bool,
    /// The columns were taken from a header printed on another page (a
    /// table going on there under a heading of its own): their positions
    /// are that page's, which a layout text export need not share.
    pub borrowed: bool,
}

impl Header {
    /// Where the header was printed.
    pub fn origin(&self, lines: &[StreamLine<'_>]) -> Origin {
        lines
            .get(self.start..=self.end)
            .unwrap_or(&[])
            .iter()
            .filter(|l| !l.is_blank())
            .map(StreamLine::origin)
            .reduce(|a, b| if a.page == b.page { a.merge(&b) } else { a })
            .unwrap_or_default()
    }

    /// Same years and column labels: a header repeated on the next page.
    pub fn same_columns(&self, other: &Header) -> bool {
        self.columns.len() == other.columns.len()
            && self
                .columns
                .iter()
                .zip(other.columns.iter())
                .all(|(a, b)| a.header.year == b.header.year)
    }
}

/// The amount-table header whose group contains stream line `i` and starts
/// at or before it, if any.
pub fn amount_header_at(lines: &[StreamLine<'_>], i: usize) -> Option<Header> {
    header_at(lines, i).filter(|h| !h.indicator)
}

/// The header (amount or indicator table) whose group starts at stream line
/// `i` or contains it.
pub fn header_at(lines: &[StreamLine<'_>], i: usize) -> Option<Header> {
    let l = lines.get(i)?;
    if l.is_blank() {
        return None;
    }
    // Cheap test first: a header has a year on this line or one of the
    // next lines.
    let year_near = lines.iter().skip(i).take(24).any(|l| l.has_year);
    if !year_near {
        return None;
    }
    // Find a year line at i or a few lines below.
    let mut j = i;
    let mut seen = 0;
    let year_line = loop {
        let cand = lines.get(j)?;
        if !cand.is_blank() {
            if cand.year_line || stacked_year(lines, j) {
                break j;
            }
            seen += 1;
            if seen > 1 && !is_header_like(lines, j) {
                return None;
            }
            if seen > 20 {
                return None;
            }
        }
        j += 1;
    };
    let h = build(lines, year_line)?;
    (h.start <= i && i <= h.year_line).then_some(h)
}

/// A line of a header printed one cell per line ("Budget" / "2024", or
/// "Budget 2022" / "Budget 2023"): a year and besides it only header words,
/// with another such line among the next three lines of the page.
fn stacked_year(lines: &[StreamLine<'_>], j: usize) -> bool {
    let year_cell = |k: usize| {
        lines.get(k).is_some_and(|l| {
            l.has_year && !l.year_line && l.line.words.len() <= 6 && header_only(lines, k)
        })
    };
    if !year_cell(j) {
        return false;
    }
    let page = lines.get(j).map(|l| l.page);
    lines
        .iter()
        .enumerate()
        .skip(j + 1)
        .take_while(|(_, l)| Some(l.page) == page)
        .filter(|(_, l)| !l.is_blank())
        .take(3)
        .any(|(k, _)| year_cell(k))
}

/// Two or more years, and besides them only header terms, word fragments or a
/// few stub words.
pub(crate) fn is_year_line(line: &Line) -> bool {
    let ws: Vec<&str> = line.words.iter().map(|w| w.text.as_str()).collect();
    let years = ws.iter().filter(|w| number::year(w).is_some()).count();
    // One year is enough on a line that also names the label columns
    // ("Nämndindikator 2019"): flowed exports print one header cell per line.
    let labels = ws.iter().any(|w| {
        let t = Lower::of(w.trim_matches(|c: char| !c.is_alphanumeric()));
        matches!(
            t.as_str(),
            "nämndindikator" | "nämndindikatorer" | "indikator" | "indikatorer" | "nämndmål"
        )
    });
    if years < 2 && !(years == 1 && labels) {
        return false;
    }
    let mut stub = 0;
    let mut stub_after = 0;
    let mut seen_year = false;
    for w in &ws {
        if number::year(w).is_some() {
            seen_year = true;
            continue;
        }
        if words::header_term(w).is_some()
            || is_partial(w)
            || is_indicator_word(w)
            || is_year_range(w)
        {
            continue;
        }
        if words::value_word(w) != words::ValueWord::Other {
            return false;
        }
        if seen_year && w.chars().count() > 12 {
            return false;
        }
        stub += 1;
        if seen_year {
            stub_after += 1;
        }
    }
    stub <= 6 && stub_after <= 1 && ws.len() <= 24
}

/// "(aug)", "(Aug)", "aug": a partial-year qualifier.
fn is_partial(w: &str) -> bool {
    if !w.starts_with('(') {
        return false;
    }
    let t = Lower::of(w.trim_matches(|c| c == '(' || c == ')' || c == '.'));
    words::is_month_abbrev(t.as_str())
        || matches!(t.as_str(), "t1" | "t2" | "delår" | "prognos" | "prel")
}

fn is_indicator_word(w: &str) -> bool {
    let t = Lower::of(w.trim_matches(|c: char| !c.is_alphanumeric()));
    matches!(
        t.as_str(),
        "nämndmål"
            | "nämndindikator"
            | "nämndindikatorer"
            | "indikator"
            | "indikatorer"
            | "målområde"
            | "målvärde"
            | "nyckeltal"
            | "mål"
            | "kommunövergripande"
            | "målvärden"
    )
}

/// Builds the header around a year line.
fn build(lines: &[StreamLine<'_>], year_line: usize) -> Option<Header> {
    let yl = lines.get(year_line)?;
    let page = yl.page;
    // Walk up over header-like lines (blank lines allowed, same page).
    let mut start = year_line;
    let mut k = year_line;
    let mut blank_run = 0;
    while k > 0 && year_line - k < 24 {
        k -= 1;
        let Some(l) = lines.get(k) else { break };
        if l.page != page {
            break;
        }
        if l.is_blank() {
            blank_run += 1;
            if blank_run > 2 {
                break;
            }
            continue;
        }
        blank_run = 0;
        // A second line of years right above ("2019 2020 Målvärde Målvärde"
        // over "(aug) 2021 2022") belongs to the same header.
        let adjacent_years = l.year_line && year_line - k <= 2 && is_header_like(lines, k);
        if (is_header_like(lines, k) && !l.year_line)
            || adjacent_years
            // (Only right above the years: a line above the kinds is a
            // title, not the stub.)
            || (start == year_line && stub_cell_between(lines, k, year_line))
        {
            start = k;
        } else {
            break;
        }
    }
    // Walk down over header-like lines.
    let mut end = year_line;
    let mut k = year_line + 1;
    let mut blank_run = 0;
    while let Some(l) = lines.get(k) {
        if k - year_line > 24 || l.page != page {
            break;
        }
        if l.is_blank() {
            blank_run += 1;
            if blank_run > 2 {
                break;
            }
            k += 1;
            continue;
        }
        blank_run = 0;
        if is_header_like(lines, k) && header_only(lines, k) {
            end = k;
            k += 1;
        } else {
            break;
        }
    }
    assemble(lines, start, end, year_line)
}

/// The header whose lines are the stream lines `start..=end` (blank lines
/// skipped); `anchor` is its (last) line of years, or its last line.
fn assemble(lines: &[StreamLine<'_>], start: usize, end: usize, anchor: usize) -> Option<Header> {
    let yl = lines.get(anchor)?;
    let year_line = anchor;
    let group: Vec<&StreamLine<'_>> = lines
        .get(start..=end)
        .unwrap_or(&[])
        .iter()
        .filter(|l| !l.is_blank())
        .collect();
    let text = group
        .iter()
        .map(|l| l.line.text())
        .collect::<Vec<_>>()
        .join(" ");
    let indicator = group.iter().flat_map(|l| l.line.words.iter()).any(|w| {
        let t = w
            .text
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        matches!(
            t.as_str(),
            "nämndmål" | "nämndindikator" | "indikator" | "målvärde" | "nyckeltal" | "målområde"
        )
    }) || words::join_header_fragments(
        &group
            .iter()
            .flat_map(|l| l.line.words.iter().map(|w| w.text.clone()))
            .collect::<Vec<_>>(),
    )
    .iter()
    .any(|w| w.eq_ignore_ascii_case("målvärde"));
    let title = find_title(lines, start);
    let unit = find_unit(lines, start, end, &text, title.as_deref());
    let tabbed = yl.line.words.windows(2).any(|w| match w {
        [a, b] => b.bbox.x0 - a.bbox.x1 >= CELL_PITCH / 2.0,
        _ => false,
    });
    // How the years are set apart, over all the header's lines (the year
    // line may hold only one: "Nämndindikator … Utfall 2021 …" above
    // "2020 2022 2023").
    let spaced = years_spaced(&group);
    let flowed_text = !tabbed && !spaced && yl.line.source_line.is_some();
    let (columns, stub) = if flowed_text && !indicator && !flowed::kinds_then_years(&group) {
        flowed_columns(&group)?
    } else {
        columns(&group, flowed_text, !indicator)
    };
    if columns.len() < 2 {
        return None;
    }
    let note = stub
        .iter()
        .any(|(w, _)| vocab::header_word(w) == Some(vocab::HeaderWord::Note));
    Some(Header {
        start,
        year_line,
        end,
        columns,
        title,
        text,
        unit,
        tabbed,
        spaced,
        indicator,
        stub,
        note,
        borrowed: false,
    })
}

/// The header right above stream line `body` (the first line of a run of
/// amount rows, found by its structure): the header-like lines above it,
/// up to a blank line once one is found, with two columns or more. For
/// headers that print no line of years ("Intäkter Kostnader Nettokostnad
/// Kommunbidrag Avvikelse").
pub fn header_above(lines: &[StreamLine<'_>], body: usize) -> Option<Header> {
    let page = lines.get(body)?.page;
    let mut start: Option<usize> = None;
    let mut end: Option<usize> = None;
    let mut k = body;
    while k > 0 && body - k < 16 {
        k -= 1;
        let Some(l) = lines.get(k) else { break };
        if l.page != page {
            break;
        }
        if l.is_blank() {
            if start.is_some() {
                break;
            }
            continue;
        }
        if !is_header_like(lines, k) {
            break;
        }
        start = Some(k);
        end = end.or(Some(k));
    }
    let (start, end) = (start?, end?);
    let h = assemble(lines, start, end, end)?;
    (h.columns.len() >= 2 && !h.indicator).then_some(h)
}

/// "2019-2022", "2023–2025", "2012/2013": a range of years in a header.
fn is_year_range(w: &str) -> bool {
    let t = w.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ':'));
    t.split_once(['-', '–', '/']).is_some_and(|(a, b)| {
        number::year(a).is_some()
            && (number::year(b).is_some()
                || (b.len() == 2 && b.bytes().all(|c| c.is_ascii_digit())))
    })
}

/// Whether a header's years stand apart: most pairs of neighbouring years
/// (in x order, over all the header's lines) have a wide gap (two spaces or
/// more) between them — a pair on one line when a gap between any two of
/// the words from one to the other is wide, not merely other words between
/// them ("Intäkter 2019Intäkter 2020", the spaces lost in the export). Most,
/// not all: pdftotext squeezes a pair of narrow columns under one measure
/// ("2023 2024       2023       2024").
fn years_spaced(group: &[&StreamLine<'_>]) -> bool {
    // (line, word index) of every year, in x order.
    let mut at: Vec<(usize, usize, f32)> = Vec::new();
    for (li, l) in group.iter().enumerate() {
        for (wi, w) in l.line.words.iter().enumerate() {
            if number::year(&w.text).is_some() {
                at.push((li, wi, w.bbox.x0));
            }
        }
    }
    at.sort_by(|a, b| a.2.total_cmp(&b.2));
    let word = |li: usize, wi: usize| group.get(li).and_then(|l| l.line.words.get(wi));
    let pairs = at.len().saturating_sub(1);
    let apart = at
        .windows(2)
        .filter(|p| match p {
            [(la, wa, _), (lb, wb, _)] if la == lb && wa < wb => group
                .get(*la)
                .and_then(|l| l.line.words.get(*wa..=*wb))
                .is_some_and(|between| {
                    between
                        .windows(2)
                        .any(|q| matches!(q, [x, y] if words::gap_in_spaces(x, y) >= 2.0))
                }),
            [(la, wa, _), (lb, wb, _)] => match (word(*la, *wa), word(*lb, *wb)) {
                (Some(x), Some(y)) => words::gap_in_spaces(x, y) >= 2.0,
                _ => false,
            },
            _ => false,
        })
        .count();
    pairs >= 1 && apart * 3 >= pairs * 2
}
