//! Column semantics: what each printed column header of a table means
//! (`design/real-tables.md`, "What a column is").
//!
//! A header's words are classified with the parser's vocabulary
//! ([`internbudget_parser::vocab`]): kind words (Bokslut/Utfall → outcome,
//! Budget, Plan, Prognos → forecast, Målvärde → target, Ram/Kommunbidrag →
//! frame, Förändring → change, Avvikelse → deviation), measure words
//! (Intäkter → revenue, Kostnader → cost, Netto), "förslag" (a proposal) and
//! "%" (a percentage column). Where a header names no kind:
//! - a measure alone ("Intäkter 2019", "Nettokostnad") is an outcome in a
//!   table that reports on a year (a redovisning, or one with a deviation
//!   column), and otherwise — or when it is a proposal — read by its year
//!   like a bare year ("Nettoutgift 2019", "Nettoutgift förslag 2021");
//! - a bare year is read against the budget year: before it an outcome,
//!   after it a plan, the budget year itself a budget — or an outcome when
//!   another column already is that year's budget ("BUDGET 2020  2020 …");
//!   in indicator tables a bare year is an outcome;
//! - anything else (Koncern, Period, Medel) keeps its label with kind null,
//!   never a kind by guess.
//!
//! A change or deviation column compares two columns: the years it names
//! ("Förändring 2012/2013"), the outcome and budget (or frame) of its year, or
//! the two columns before it ("Förändring %"); its year is the later one.
//! Which way round the difference runs is read from the amounts
//! ([`orient_differences`]).

use crate::amount::Amount;
use crate::schema::{Column, ColumnKind, Measure};
use internbudget_parser::ColumnHeader;
use internbudget_parser::vocab::{HeaderWord, KindWord, MeasureWord, header_word};

/// What the table around the columns says.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Context {
    /// The document's budget year.
    pub budget_year: Option<i32>,
    /// The columns of an indicator table.
    pub indicator: bool,
    /// The table reports on a year that has passed (driftredovisning,
    /// bokslut): its measure columns are outcomes.
    pub report: bool,
    /// The year the text around the table names, for columns that print
    /// none.
    pub context_year: Option<i32>,
    /// The title or header says amounts are given per year ("Belopp per
    /// år"): where the years are printed twice, the second run is the
    /// yearly changes.
    pub per_year: bool,
}

/// What the words of one header say.
#[derive(Debug, Clone, Default)]
struct Parts {
    kinds: Vec<KindWord>,
    measure: Option<MeasureWord>,
    proposal: bool,
    percent: bool,
    /// "2012/2013", "2019-2022": the two years of a range.
    range: Option<(i32, i32)>,
}

fn parts(label: &str) -> Parts {
    let mut p = Parts::default();
    for w in label.split(|c: char| c.is_whitespace() || c == ',') {
        if w.is_empty() {
            continue;
        }
        if let Some(r) = range(w) {
            p.range = Some(r);
            continue;
        }
        if w.contains('%') {
            p.percent = true;
        }
        match header_word(w) {
            Some(HeaderWord::Kind(k)) => p.kinds.push(k),
            Some(HeaderWord::Measure(m)) => p.measure = p.measure.or(Some(m)),
            Some(HeaderWord::Proposal) => p.proposal = true,
            Some(HeaderWord::Percent) => p.percent = true,
            _ => {}
        }
    }
    p
}

/// "2012/2013", "2019-2022", "2022/23": the years of a range.
fn range(w: &str) -> Option<(i32, i32)> {
    let t = w.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ':'));
    let (a, b) = t.split_once(['-', '–', '/'])?;
    let a = internbudget_parser::number::year(a)?;
    let b = if b.len() == 2 && b.bytes().all(|c| c.is_ascii_digit()) {
        a / 100 * 100 + b.parse::<i32>().ok()?
    } else {
        internbudget_parser::number::year(b)?
    };
    (b > a && b - a <= 20).then_some((a, b))
}

/// The kind a header's words name, the most specific first: a deviation
/// or change ("Avvikelse mot budget"), then a column kept without a kind
/// (Period, Koncern, Medel), a frame, then the phases.
fn named_kind(kinds: &[KindWord]) -> Option<Option<ColumnKind>> {
    const ORDER: [(KindWord, Option<ColumnKind>); 11] = [
        (KindWord::Deviation, Some(ColumnKind::Deviation)),
        (KindWord::Change, Some(ColumnKind::Change)),
        (KindWord::Period, None),
        (KindWord::Entity, None),
        (KindWord::Comparison, None),
        (KindWord::Frame, Some(ColumnKind::Frame)),
        (KindWord::Outcome, Some(ColumnKind::Outcome)),
        (KindWord::Forecast, Some(ColumnKind::Forecast)),
        (KindWord::Target, Some(ColumnKind::Target)),
        (KindWord::Plan, Some(ColumnKind::Plan)),
        (KindWord::Budget, Some(ColumnKind::Budget)),
    ];
    ORDER
        .iter()
        .find(|(w, _)| kinds.contains(w))
        .map(|&(_, k)| k)
}

/// Why a column has no kind, for the warning.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Unknown {
    /// The header names something that is not a kind of amount (Koncern,
    /// Period, Medel) or nothing at all.
    Kind(String),
    /// The column prints no year; it was taken from the text around.
    Year(String, i32),
}

/// Classifies the columns of one table; also returns what could not be
/// told (for warnings).
/// `percent_cells[i]`: most printed cells of column `i` are percentages
/// ("8,5 %"), so the column holds percentages whatever its header says.
pub(crate) fn classify_all(
    headers: &[ColumnHeader],
    ctx: &Context,
    percent_cells: &[bool],
) -> (Vec<Column>, Vec<Unknown>) {
    let mut parts: Vec<Parts> = headers.iter().map(|h| parts(&h.label)).collect();
    for (p, &pct) in parts.iter_mut().zip(percent_cells) {
        p.percent |= pct;
    }
    // A deviation column compares an outcome with a budget: the table's
    // measures are the outcome.
    let report = ctx.report || parts.iter().any(|p| p.kinds.contains(&KindWord::Deviation));
    let mut unknown = Vec::new();
    let mut columns: Vec<Column> = headers
        .iter()
        .zip(&parts)
        .map(|(h, p)| {
            let kind = match named_kind(&p.kinds) {
                Some(k) => k,
                None if p.measure.is_some() && !p.proposal && (report || ctx.indicator) => {
                    Some(ColumnKind::Outcome)
                }
                None => h.year.and(Some(bare_year_kind(h.year, ctx))).flatten(),
            };
            Column {
                key: String::new(),
                label: h.label.clone(),
                kind,
                year: if p.kinds.contains(&KindWord::Period) {
                    None
                } else {
                    h.year
                },
                proposal: p.proposal,
                measure: p.measure.map(|m| match m {
                    MeasureWord::Revenue => Measure::Revenue,
                    MeasureWord::Cost => Measure::Cost,
                    MeasureWord::Net => Measure::Net,
                }),
                percent: p.percent,
                compares: Vec::new(),
                partial: h.partial.clone(),
            }
        })
        .collect();
    outcome_beside_budget(&mut columns, &parts, headers, ctx);
    base_frame_is_budget(&mut columns, headers);
    repeated_years(&mut columns, &parts, ctx);
    // Net is what a column holds unless revenue and cost columns say
    // otherwise: it is only named where they stand beside it.
    let split = columns
        .iter()
        .any(|c| matches!(c.measure, Some(Measure::Revenue | Measure::Cost)));
    for c in &mut columns {
        if c.measure == Some(Measure::Net) && !split {
            c.measure = None;
        }
    }
    link_compared(&mut columns, &parts);
    for (c, p) in columns.iter_mut().zip(&parts) {
        if c.kind.is_none() && !p.kinds.contains(&KindWord::Comparison) {
            unknown.push(Unknown::Kind(c.label.clone()));
        }
    }
    if let Some(y) = ctx.context_year {
        for c in columns
            .iter_mut()
            .filter(|c| c.year.is_none() && c.kind.is_some())
        {
            c.year = Some(y);
            unknown.push(Unknown::Year(c.label.clone(), y));
        }
    }
    for (i, c) in columns.iter_mut().enumerate() {
        c.key = key(c, i);
    }
    dedupe_keys(&mut columns);
    // Compared columns were linked before the keys were set.
    relink_keys(&mut columns);
    (columns, unknown)
}

/// The budget year the tables show when the document names none: the
/// latest year of a column headed "Budget" (proposals included), else the
/// first year of a range of years a header prints ("Förändringar
/// 2023–2025": a budget for 2023 with plans for the years after).
pub(crate) fn budget_year(tables: &[internbudget_parser::Table]) -> Option<i32> {
    let budget = tables
        .iter()
        .flat_map(|t| t.columns.iter())
        .filter(|h| {
            let p = parts(&h.label);
            named_kind(&p.kinds) == Some(Some(ColumnKind::Budget))
        })
        .filter_map(|h| h.year)
        .max();
    budget.or_else(|| {
        tables
            .iter()
            .flat_map(|t| t.header_text.split_whitespace())
            .find_map(range)
            .map(|(from, _)| from)
    })
}

/// Classifies one printed column header on its own (indicator tables).
pub(crate) fn classify(h: &ColumnHeader, budget_year: Option<i32>, indicator: bool) -> Column {
    let ctx = Context {
        budget_year,
        indicator,
        ..Context::default()
    };
    let (mut cols, _) = classify_all(std::slice::from_ref(h), &ctx, &[]);
    cols.pop().unwrap_or_else(|| Column {
        key: String::new(),
        label: h.label.clone(),
        kind: None,
        year: h.year,
        proposal: false,
        measure: None,
        percent: false,
        compares: Vec::new(),
        partial: h.partial.clone(),
    })
}

/// The kind of a bare year: in indicator tables an outcome; in amount
/// tables read against the budget year.
fn bare_year_kind(year: Option<i32>, ctx: &Context) -> Option<ColumnKind> {
    if ctx.indicator {
        return Some(ColumnKind::Outcome);
    }
    Some(match (year, ctx.budget_year) {
        (Some(y), Some(b)) if y < b => ColumnKind::Outcome,
        (Some(y), Some(b)) if y > b => ColumnKind::Plan,
        _ => ColumnKind::Budget,
    })
}

/// A bare year that is the year of a column already printed as a budget
/// is that year's outcome ("BUDGET 2020  2020  2019").
fn outcome_beside_budget(
    columns: &mut [Column],
    parts: &[Parts],
    headers: &[ColumnHeader],
    ctx: &Context,
) {
    if ctx.indicator {
        return;
    }
    let budgets: Vec<i32> = columns
        .iter()
        .zip(parts)
        .filter(|(c, p)| c.kind == Some(ColumnKind::Budget) && p.kinds.contains(&KindWord::Budget))
        .filter_map(|(c, _)| c.year)
        .collect();
    for ((c, p), _) in columns.iter_mut().zip(parts).zip(headers) {
        let bare = p.kinds.is_empty() && p.measure.is_none();
        if bare
            && c.kind == Some(ColumnKind::Budget)
            && c.year.is_some_and(|y| budgets.contains(&y))
        {
            c.kind = Some(ColumnKind::Outcome);
        }
    }
}

/// Bare years printed twice ("2022 2023 2024 2025 2022 2023 2024 2025"): the
/// second run holds something else for the same years — the yearly changes
/// where the table says amounts are per year, otherwise it cannot be told
/// (kind null).
fn repeated_years(columns: &mut [Column], parts: &[Parts], ctx: &Context) {
    if ctx.indicator {
        return;
    }
    let mut seen: Vec<i32> = Vec::new();
    let mut repeat_from: Option<usize> = None;
    for (i, (c, p)) in columns.iter().zip(parts).enumerate() {
        let bare = p.kinds.is_empty() && p.measure.is_none();
        let Some(y) = c.year.filter(|_| bare) else {
            continue;
        };
        if seen.contains(&y) {
            repeat_from = Some(i);
            break;
        }
        seen.push(y);
    }
    let Some(from) = repeat_from else { return };
    for (c, p) in columns.iter_mut().zip(parts).skip(from) {
        if p.kinds.is_empty() && p.measure.is_none() && c.year.is_some() {
            c.kind = ctx.per_year.then_some(ColumnKind::Change);
        }
    }
}

/// Fills `compares` of change and deviation columns (with column indices
/// as placeholders, turned into keys by [`relink_keys`]) and gives such a
/// column without a year the later year it compares.
fn link_compared(columns: &mut [Column], parts: &[Parts]) {
    let snapshot: Vec<Column> = columns.to_vec();
    let is_level = |i: usize| {
        snapshot.get(i).is_some_and(|c| {
            !c.percent
                && !matches!(c.measure, Some(Measure::Revenue | Measure::Cost))
                && matches!(
                    c.kind,
                    Some(
                        ColumnKind::Outcome
                            | ColumnKind::Budget
                            | ColumnKind::Plan
                            | ColumnKind::Forecast
                            | ColumnKind::Frame
                    )
                )
        })
    };
    for i in 0..columns.len() {
        let Some(c) = columns.get(i) else { continue };
        let kind = c.kind;
        let year = c.year;
        let compared: Vec<String> = match kind {
            Some(ColumnKind::Change) => {
                match parts.get(i).and_then(|p| p.range) {
                    // "Förändring 2012/2013": the columns of those years, of
                    // the kind the later one is printed as.
                    Some((from, to)) => {
                        let later = (0..snapshot.len()).find(|&j| {
                            is_level(j) && snapshot.get(j).is_some_and(|s| s.year == Some(to))
                        });
                        let kind = later.and_then(|j| snapshot.get(j)).and_then(|s| s.kind);
                        match (later, kind) {
                            (Some(j), Some(k)) => {
                                vec![format!("{}_{from}", k.as_str()), format!("#{j}")]
                            }
                            _ => Vec::new(),
                        }
                    }
                    // "Förändring %": the two level columns before it.
                    None => {
                        let before: Vec<usize> =
                            (0..i).rev().filter(|&j| is_level(j)).take(2).collect();
                        match before.as_slice() {
                            [b, a] => vec![format!("#{a}"), format!("#{b}")],
                            _ => Vec::new(),
                        }
                    }
                }
            }
            Some(ColumnKind::Deviation) => {
                // The outcome and the budget or frame of its year (of the
                // table, when it prints none).
                let years: Vec<i32> = match year {
                    Some(y) => vec![y],
                    None => snapshot.iter().filter_map(|s| s.year).collect(),
                };
                let find = |want: &[ColumnKind]| {
                    (0..snapshot.len()).rev().find(|&j| {
                        is_level(j)
                            && snapshot.get(j).is_some_and(|s| {
                                s.kind.is_some_and(|k| want.contains(&k))
                                    && s.year.is_some_and(|y| years.contains(&y))
                            })
                    })
                };
                let outcome = find(&[ColumnKind::Outcome]);
                let budget = find(&[ColumnKind::Budget, ColumnKind::Frame]);
                match (outcome, budget) {
                    (Some(o), Some(b)) if o != b => vec![format!("#{o}"), format!("#{b}")],
                    _ => Vec::new(),
                }
            }
            _ => Vec::new(),
        };
        // A difference without a year of its own: the later one compared.
        let later = compared
            .iter()
            .filter_map(|k| {
                placeholder(k)
                    .and_then(|j| snapshot.get(j))
                    .and_then(|s| s.year)
            })
            .max();
        if let Some(c) = columns.get_mut(i) {
            if c.year.is_none() {
                c.year = later;
            }
            c.compares = compared;
        }
    }
}

/// "#3": a placeholder for the column at index 3.
fn placeholder(k: &str) -> Option<usize> {
    k.strip_prefix('#')?.parse().ok()
}

/// Turns `compares` placeholders into the compared columns' keys.
fn relink_keys(columns: &mut [Column]) {
    let keys: Vec<String> = columns.iter().map(|c| c.key.clone()).collect();
    for c in columns.iter_mut() {
        for k in &mut c.compares {
            if let Some(key) = placeholder(k).and_then(|j| keys.get(j)) {
                *k = key.clone();
            }
        }
    }
}

/// "Ram 2022" printed first, before columns of bare years (the years the
/// changes after it concern: "Förändringar 2023–2025" over 2023, 2024,
/// 2025): the frame decided for that year is its budget, the base the
/// changes start from (real-tables.md, ramförändringar).
fn base_frame_is_budget(columns: &mut [Column], headers: &[ColumnHeader]) {
    let bare = |h: &ColumnHeader| h.year.is_some_and(|y| h.label.trim() == y.to_string());
    let rest_bare = headers.len() >= 3 && headers.iter().skip(1).all(bare);
    if let Some(first) = columns.first_mut()
        && first.kind == Some(ColumnKind::Frame)
        && first.year.is_some()
        && rest_bare
    {
        first.kind = Some(ColumnKind::Budget);
    }
}

/// Links each change and deviation column of amounts to the two columns it
/// compares, by the amounts: of every ordered pair of other amount columns,
/// the one for which the most rows print the column as the second minus
/// the first (`compares` is stored as (from, to), column = to − from; a
/// deviation printed "Utfall − Budget" or "Kommunbidrag − Nettokostnad"
/// comes out oriented the same way). The pair the header suggested is kept
/// where the amounts do not prefer another; where two rows or more print
/// all three amounts and none bears it out, the link is dropped rather
/// than guessed. `grid` holds the table's amounts by row and column.
pub(crate) fn orient_differences(columns: &mut [Column], grid: &[Vec<Option<Amount>>]) {
    let index: std::collections::HashMap<String, usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| (c.key.clone(), i))
        .collect();
    let is_difference =
        |c: &Column| matches!(c.kind, Some(ColumnKind::Change | ColumnKind::Deviation));
    let operands: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.percent && !is_difference(c) && c.kind.is_some())
        .map(|(i, _)| i)
        .collect();
    let support = |d: usize, from: usize, to: usize| -> (usize, usize) {
        let (mut holds, mut printed) = (0, 0);
        for row in grid {
            let cell = |i: usize| row.get(i).copied().flatten();
            // Rows where both operands are equal (all zero) tell nothing.
            if let (Some(x), Some(y), Some(v)) = (cell(from), cell(to), cell(d))
                && x != y
            {
                printed += 1;
                holds += usize::from(y - x == v);
            }
        }
        (holds, printed)
    };
    for d in 0..columns.len() {
        let Some(c) = columns.get(d) else { continue };
        if c.percent || !is_difference(c) {
            continue;
        }
        let current = match c.compares.as_slice() {
            [a, b] => index.get(a).copied().zip(index.get(b).copied()),
            _ => None,
        };
        // The header's pair in either orientation, then every other pair.
        let mut best: Option<((usize, usize), usize)> = None;
        // A pair borne out by at least half the rows that tell.
        let mut consider = |pair: (usize, usize)| {
            let (holds, printed) = support(d, pair.0, pair.1);
            if holds > 0 && holds * 2 >= printed && best.is_none_or(|(_, h)| holds > h) {
                best = Some((pair, holds));
            }
        };
        if let Some((a, b)) = current {
            consider((a, b));
            consider((b, a));
        }
        for &a in &operands {
            for &b in &operands {
                if a != b && a != d && b != d {
                    consider((a, b));
                }
            }
        }
        // Whether the header's pair holds in any row that prints all three.
        let refuted = current.is_some_and(|(a, b)| {
            let rows = grid.iter().filter_map(|row| {
                let cell = |i: usize| row.get(i).copied().flatten();
                Some((cell(a)?, cell(b)?, cell(d)?))
            });
            let (mut any, mut held) = (false, false);
            for (x, y, v) in rows {
                any = true;
                held |= y - x == v || x - y == v;
            }
            any && !held
        });
        let key = |i: usize| columns.get(i).map(|c| c.key.clone()).unwrap_or_default();
        let compares = match best {
            Some(((from, to), _)) => vec![key(from), key(to)],
            None if refuted => Vec::new(),
            None => columns
                .get(d)
                .map(|c| c.compares.clone())
                .unwrap_or_default(),
        };
        if let Some(c) = columns.get_mut(d) {
            c.compares = compares;
        }
    }
}

/// The key of a column: measure, kind, year, "_proposal", "_pct"; for a
/// column without a kind, its label.
fn key(c: &Column, i: usize) -> String {
    let mut key = match (c.kind, c.measure) {
        (Some(k), Some(m @ (Measure::Revenue | Measure::Cost))) => {
            format!("{}_{}", m.as_str(), k.as_str())
        }
        (Some(k), _) => k.as_str().to_string(),
        (None, _) => {
            let s = super::rows::slug(&c.label);
            if s == "row" {
                format!("column_{}", i + 1)
            } else {
                s
            }
        }
    };
    if c.kind.is_some()
        && let Some(y) = c.year
    {
        key.push('_');
        key.push_str(&y.to_string());
    }
    if c.proposal {
        key.push_str("_proposal");
    }
    if c.percent {
        key.push_str("_pct");
    }
    key
}

/// Makes column keys unique within a table ("budget_2021", "budget_2021_2").
pub(crate) fn dedupe_keys(columns: &mut [Column]) {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for c in columns.iter_mut() {
        let n = seen.entry(c.key.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            c.key = format!("{}_{}", c.key, n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(label: &str, year: Option<i32>) -> ColumnHeader {
        ColumnHeader {
            label: label.into(),
            year,
            partial: None,
        }
    }

    type Seen = (Option<ColumnKind>, Option<i32>, Option<Measure>, bool);

    fn kinds(cols: &[Column]) -> Vec<Seen> {
        cols.iter()
            .map(|c| (c.kind, c.year, c.measure, c.percent))
            .collect()
    }

    #[test]
    fn classifies_printed_headers() {
        let c = |l: &str, y| {
            let c = classify(&h(l, Some(y)), Some(2021), false);
            (c.kind, c.proposal, c.key)
        };
        use ColumnKind::*;
        assert_eq!(
            c("Bokslut 2019", 2019),
            (Some(Outcome), false, "outcome_2019".into())
        );
        assert_eq!(
            c("Budget förslag 2021", 2021),
            (Some(Budget), true, "budget_2021_proposal".into())
        );
        assert_eq!(
            c("Plan 2022", 2022),
            (Some(Plan), false, "plan_2022".into())
        );
        assert_eq!(c("Nettoutgift 2019", 2019).0, Some(Outcome));
        assert_eq!(c("Nettoutgift budget 2020", 2020).0, Some(Budget));
        assert_eq!(c("Nettoutgift förslag 2023", 2023).0, Some(Plan));
        assert_eq!(c("Prognos 2020", 2020).0, Some(Forecast));
        assert_eq!(c("Budgetprognos för 2023", 2023).0, Some(Plan));
        assert_eq!(
            classify(&h("2020", Some(2020)), Some(2021), true).kind,
            Some(Outcome)
        );
        assert_eq!(
            classify(&h("Målvärde 2022", Some(2022)), Some(2021), true).kind,
            Some(Target)
        );
    }

    #[test]
    fn measures_deviations_and_changes() {
        use ColumnKind::*;
        let heads = [
            h("Intäkter 2019", Some(2019)),
            h("Kostnader 2020", Some(2020)),
            h("Nettokostnad 2020", Some(2020)),
            h("Budget 2020", Some(2020)),
            h("Avvikelse mot budget 2020", Some(2020)),
        ];
        let (cols, unknown) = classify_all(
            &heads,
            &Context {
                budget_year: Some(2020),
                ..Context::default()
            },
            &[],
        );
        assert_eq!(
            kinds(&cols),
            [
                (Some(Outcome), Some(2019), Some(Measure::Revenue), false),
                (Some(Outcome), Some(2020), Some(Measure::Cost), false),
                (Some(Outcome), Some(2020), Some(Measure::Net), false),
                (Some(Budget), Some(2020), None, false),
                (Some(Deviation), Some(2020), None, false),
            ]
        );
        assert_eq!(cols[4].compares, ["outcome_2020", "budget_2020"]);
        assert!(unknown.is_empty());
        let heads = [
            h("Utfall 2013", Some(2013)),
            h("Förändring 2012/2013", Some(2013)),
            h("Förändring 2012/2013", Some(2013)),
            h("Budget 2013", Some(2013)),
            h("Budget-avvikelse", None),
        ];
        let pct = [false, false, true, false, false];
        let (cols, _) = classify_all(
            &heads,
            &Context {
                budget_year: Some(2013),
                ..Context::default()
            },
            &pct,
        );
        assert_eq!(cols[1].compares, ["outcome_2012", "outcome_2013"]);
        assert!(cols[2].percent && cols[2].key.ends_with("_pct"));
        assert_eq!((cols[4].kind, cols[4].year), (Some(Deviation), Some(2013)));
        let heads = [
            h("Budget 2022", Some(2022)),
            h("Budget 2023", Some(2023)),
            h("Förändring %", None),
            h("Plan 2024", Some(2024)),
        ];
        let (cols, _) = classify_all(
            &heads,
            &Context {
                budget_year: Some(2023),
                ..Context::default()
            },
            &[],
        );
        assert_eq!(
            (
                cols[2].kind,
                cols[2].year,
                cols[2].percent,
                cols[2].compares.clone()
            ),
            (
                Some(Change),
                Some(2023),
                true,
                vec!["budget_2022".to_string(), "budget_2023".to_string()]
            )
        );
    }

    #[test]
    fn bare_years_and_columns_without_a_kind() {
        use ColumnKind::*;
        let heads = [
            h("BUDGET 2020", Some(2020)),
            h("2020", Some(2020)),
            h("2019", Some(2019)),
            h("Koncern 2019", Some(2019)),
            h("Period 2019-2022", Some(2022)),
        ];
        let (cols, unknown) = classify_all(
            &heads,
            &Context {
                budget_year: Some(2020),
                ..Context::default()
            },
            &[],
        );
        assert_eq!(
            cols.iter().map(|c| (c.kind, c.year)).collect::<Vec<_>>(),
            [
                (Some(Budget), Some(2020)),
                (Some(Outcome), Some(2020)),
                (Some(Outcome), Some(2019)),
                (None, Some(2019)),
                (None, None),
            ]
        );
        assert_eq!(unknown.len(), 2);
        assert_eq!(cols[3].key, "koncern_2019");
    }

    #[test]
    fn years_printed_twice() {
        let heads: Vec<ColumnHeader> = [2022, 2023, 2022, 2023]
            .iter()
            .map(|y| h(&y.to_string(), Some(*y)))
            .collect();
        let ctx = Context {
            budget_year: Some(2022),
            per_year: true,
            ..Context::default()
        };
        let (cols, _) = classify_all(&heads, &ctx, &[]);
        use ColumnKind::*;
        assert_eq!(
            cols.iter().map(|c| c.kind).collect::<Vec<_>>(),
            [Some(Budget), Some(Plan), Some(Change), Some(Change)]
        );
        let (cols, unknown) = classify_all(
            &heads,
            &Context {
                per_year: false,
                ..ctx
            },
            &[],
        );
        assert_eq!(cols[2].kind, None);
        assert_eq!(unknown.len(), 2);
    }

    #[test]
    fn a_year_from_the_text_for_columns_that_print_none() {
        let heads = [
            h("Intäkter", None),
            h("Kommunbidrag", None),
            h("Avvikelse", None),
            h("Avvikelse 2017", Some(2017)),
        ];
        let ctx = Context {
            context_year: Some(2018),
            ..Context::default()
        };
        let (cols, unknown) = classify_all(&heads, &ctx, &[]);
        assert_eq!(
            cols.iter().map(|c| c.year).collect::<Vec<_>>(),
            [Some(2018), Some(2018), Some(2018), Some(2017)]
        );
        assert_eq!(unknown.len(), 3);
    }

    #[test]
    fn differences_are_oriented_by_the_amounts() {
        let heads = [
            h("Nettokostnad", Some(2018)),
            h("Kommunbidrag", Some(2018)),
            h("Avvikelse", Some(2018)),
        ];
        let ctx = Context {
            report: true,
            ..Context::default()
        };
        let (mut cols, _) = classify_all(&heads, &ctx, &[]);
        let a = |s: &str| s.parse::<Amount>().ok();
        let grid = vec![
            vec![a("35.7"), a("27.5"), a("-8.2")],
            vec![a("73.1"), a("76.7"), a("3.6")],
        ];
        orient_differences(&mut cols, &grid);
        assert_eq!(cols[2].compares, ["outcome_2018", "frame_2018"]);
    }
}
