//! What an indicator cell says: "3128", "4,8%", "21 dagar", "≥34", "I.U.",
//! "Ska minska", "AMC: 33,9 OSA: 1,9", "79 (UAF) 76 (SOF)", "6,6 %11"
//! (footnote 11), "111 (Hela kommunen 2018)" (a number with a note).
//!
//! The raw text is always kept; this is a best reading of it. Anything that
//! is not recognised is `status: text` with no number — never a guess.

use crate::amount::Amount;
use crate::schema::{Comparator, Direction, GroupValue, ParsedValue, ValueStatus, ValueUnit};
use regex::Regex;
use std::sync::LazyLock;

const NUM: &str =
    r"[-−–]?[0-9]{1,3}(?:[ \u{a0}\u{202f}][0-9]{3})+(?:[.,][0-9]+)?|[-−–]?[0-9]+(?:[.,][0-9]+)?";
/// Space between the parts of a value (ASCII digits and these spaces keep
/// the patterns small: Unicode classes made them slow to build).
const WS: &str = r"[ \t\u{a0}\u{202f}]";
const CMP: &str = r"≥|≤|>=|<=|>|<|minst|högst|max|min";
const UNIT: &str =
    r"%|procent|dagar|dag|mån|månader|månad|veckor|vecka|år|st|personer|hushåll|kr|tkr|mnkr";

static SINGLE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?P<cmp>{CMP})?{WS}*(?P<num>{NUM}){WS}*(?P<unit>{UNIT})?\.?{WS}*(?P<fn>\*+|[0-9]{{1,2}})?$"
    ))
    .ok()
});

static LEADING: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?P<cmp>{CMP})?{WS}*(?P<num>{NUM}){WS}*(?P<unit>%|procent)?{WS}+(?P<rest>[^0-9].*)$"
    ))
    .ok()
});

/// "AMC: 33,9", "Augusti 6,6 %11", "Oktober ≤0,5%": a group name before its value.
static NAMED: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?P<name>[A-ZÅÄÖa-zåäö][A-Za-zÅÄÖåäö/-]*):?{WS}+(?P<cmp>{CMP})?{WS}*(?P<num>{NUM}){WS}*(?P<unit>%|st|dagar|mån)?(?P<fn>\*+|[0-9]{{1,2}}\b)?"
    ))
    .ok()
});

/// "79 (UAF)", "88 % (tillgänglighet)": a value followed by its group in parentheses.
static PAREN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?P<cmp>{CMP})?{WS}*(?P<num>{NUM}){WS}*(?P<unit>%|st|dagar|mån)?{WS}*\((?P<name>[^()]+)\)"
    ))
    .ok()
});

/// "4 arbete 2 studier": a count followed by what it counts.
static COUNTED: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(&format!(r"(?P<num>{NUM}){WS}+(?P<name>[a-zåäö]+)")).ok());

/// Reads one indicator cell: a mark of no value, a stated direction, a
/// number, numbers per group, a number with a note, a number followed by
/// text, else text.
pub fn parse(raw: &str) -> ParsedValue {
    let t = raw.trim();
    let lower = t.to_lowercase();
    let bare = lower.trim_end_matches(['.', '*', '!']).trim();
    if is_not_available(bare) {
        return ParsedValue {
            status: Some(ValueStatus::NotAvailable),
            ..ParsedValue::default()
        };
    }
    if let Some(d) = direction(bare) {
        return ParsedValue {
            status: Some(ValueStatus::Text),
            direction: Some(d),
            ..ParsedValue::default()
        };
    }
    single(t)
        .or_else(|| groups(t))
        .or_else(|| number_with_note(t))
        .or_else(|| number_then_text(t))
        .unwrap_or_else(|| ParsedValue {
            status: Some(ValueStatus::Text),
            ..ParsedValue::default()
        })
}

/// "I.U.", "Saknas", "-", "Ej aktuellt" …: no value (`bare` is the cell in
/// lowercase without trailing dots, stars and exclamation marks).
fn is_not_available(bare: &str) -> bool {
    matches!(
        bare,
        "i.u"
            | "iu"
            | "i u"
            | "saknas"
            | "-"
            | "–"
            | "—"
            | "ej aktuell"
            | "ej aktuellt"
            | "uppgift saknas"
            | "n/a"
            | "ej mätt"
            | "mäts ej"
            | "ingen mätning"
            | "ej tillgänglig"
            | "x"
            | ".."
            | "basvärde saknas"
    )
}

/// A number with a note in parentheses: "111 (Hela kommunen 2018)".
fn number_with_note(t: &str) -> Option<ParsedValue> {
    let c = PAREN.as_ref()?.captures(t)?;
    if !c
        .get(0)
        .is_some_and(|m| m.start() == 0 && m.end() == t.len())
    {
        return None;
    }
    let number = c.name("num").and_then(|m| num(m.as_str()))?;
    Some(ParsedValue {
        status: Some(ValueStatus::Value),
        number: Some(number),
        unit: c.name("unit").and_then(|m| unit(m.as_str())),
        comparator: c.name("cmp").and_then(|m| comparator(m.as_str())),
        note: c.name("name").map(|m| format!("({})", m.as_str().trim())),
        ..ParsedValue::default()
    })
}

/// A number followed by text: "30 % av socialsekreterarnas tid …".
fn number_then_text(t: &str) -> Option<ParsedValue> {
    let c = LEADING.as_ref()?.captures(t)?;
    let number = c.name("num").and_then(|m| num(m.as_str()))?;
    Some(ParsedValue {
        status: Some(ValueStatus::Value),
        number: Some(number),
        unit: c.name("unit").and_then(|m| unit(m.as_str())),
        comparator: c.name("cmp").and_then(|m| comparator(m.as_str())),
        note: c.name("rest").map(|m| m.as_str().trim().to_string()),
        ..ParsedValue::default()
    })
}

fn single(t: &str) -> Option<ParsedValue> {
    let c = SINGLE.as_ref()?.captures(t)?;
    let number = num(c.name("num")?.as_str())?;
    let footnotes: Vec<String> = c
        .name("fn")
        .map(|m| m.as_str().to_string())
        .into_iter()
        .collect();
    // A footnote number glued to a bare number ("14449") is part of it: only
    // accept digit footnotes after a unit.
    if c.name("unit").is_none()
        && footnotes
            .first()
            .is_some_and(|f| f.starts_with(|ch: char| ch.is_ascii_digit()))
    {
        return None;
    }
    Some(ParsedValue {
        status: Some(ValueStatus::Value),
        number: Some(number),
        unit: c.name("unit").and_then(|m| unit(m.as_str())),
        comparator: c.name("cmp").and_then(|m| comparator(m.as_str())),
        footnotes,
        ..ParsedValue::default()
    })
}

/// Two or more group values in one cell.
fn groups(t: &str) -> Option<ParsedValue> {
    let mut out: Vec<GroupValue> = Vec::new();
    for (re, named_first) in [
        (NAMED.as_ref(), true),
        (PAREN.as_ref(), false),
        (COUNTED.as_ref(), false),
    ] {
        let Some(re) = re else { continue };
        out.clear();
        let mut covered = 0usize;
        for c in re.captures_iter(t) {
            let (Some(m), Some(n), Some(name)) = (c.get(0), c.name("num"), c.name("name")) else {
                continue;
            };
            let Some(number) = num(n.as_str()) else {
                continue;
            };
            covered += m.as_str().trim().len();
            let mut name = name.as_str().trim().trim_end_matches(':').to_string();
            if !named_first {
                name = name.trim().to_string();
            }
            out.push(GroupValue {
                group: name,
                number,
                unit: c.name("unit").and_then(|m| unit(m.as_str())),
                comparator: c.name("cmp").and_then(|m| comparator(m.as_str())),
                footnotes: c
                    .name("fn")
                    .map(|m| m.as_str().to_string())
                    .into_iter()
                    .collect(),
            });
        }
        let text_len = t.chars().filter(|c| !c.is_whitespace()).count();
        let covered_len = covered.min(t.len());
        // The groups must account for (nearly) the whole cell.
        if out.len() >= 2 && covered_len * 10 >= text_len * 8 {
            return Some(ParsedValue {
                status: Some(ValueStatus::Value),
                groups: out,
                ..ParsedValue::default()
            });
        }
    }
    None
}

fn direction(lower: &str) -> Option<Direction> {
    let t = lower
        .trim_start_matches("ska ")
        .trim_start_matches("skall ")
        .trim();
    let d = match t {
        "öka" | "ökas" | "öka varje år" => Direction::Increase,
        "minska" | "minskas" | "minska varje år" => Direction::Decrease,
        "inte öka" | "ej öka" => Direction::NotIncrease,
        "inte minska" | "ej minska" => Direction::NotDecrease,
        "oförändrad" | "oförändrat" | "bibehållas" | "bibehålla" | "vara oförändrad"
        | "ligga kvar" => Direction::Maintain,
        _ => return None,
    };
    Some(d)
}

fn num(s: &str) -> Option<Amount> {
    Amount::parse_printed(s)
}

fn unit(s: &str) -> Option<ValueUnit> {
    let u = match s.to_lowercase().as_str() {
        "%" | "procent" => ValueUnit::Percent,
        "dagar" | "dag" => ValueUnit::Days,
        "mån" | "månader" | "månad" => ValueUnit::Months,
        "veckor" | "vecka" => ValueUnit::Weeks,
        "år" => ValueUnit::Years,
        "st" | "personer" | "hushåll" => ValueUnit::Count,
        "kr" => ValueUnit::Kr,
        "tkr" => ValueUnit::Tkr,
        "mnkr" => ValueUnit::Mnkr,
        _ => return None,
    };
    Some(u)
}

fn comparator(s: &str) -> Option<Comparator> {
    let c = match s.to_lowercase().as_str() {
        "≥" | ">=" | "minst" | "min" => Comparator::Gte,
        "≤" | "<=" | "högst" | "max" => Comparator::Lte,
        ">" => Comparator::Gt,
        "<" => Comparator::Lt,
        _ => return None,
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Option<Amount> {
        num(s)
    }

    #[test]
    fn numbers_units_comparators_footnotes() {
        let v = parse("4,8%");
        assert_eq!(
            (v.status, v.number, v.unit),
            (Some(ValueStatus::Value), n("4,8"), Some(ValueUnit::Percent))
        );
        let v = parse("21 dagar");
        assert_eq!((v.number, v.unit), (n("21"), Some(ValueUnit::Days)));
        let v = parse("≥34");
        assert_eq!((v.number, v.comparator), (n("34"), Some(Comparator::Gte)));
        let v = parse("6,6%*");
        assert_eq!(
            (v.number, v.footnotes.clone()),
            (n("6,6"), vec!["*".to_string()])
        );
        let v = parse("3128");
        assert_eq!((v.number, v.unit), (n("3128"), None));
        let v = parse("13 mån");
        assert_eq!(v.unit, Some(ValueUnit::Months));
        let v = parse("91 st");
        assert_eq!(v.unit, Some(ValueUnit::Count));
    }

    #[test]
    fn markers_and_directions() {
        for s in ["I.U.", "I.U", "IU", "Saknas", "-"] {
            assert_eq!(parse(s).status, Some(ValueStatus::NotAvailable), "{s}");
        }
        assert_eq!(parse("Ska minska").direction, Some(Direction::Decrease));
        assert_eq!(parse("Ska öka").direction, Some(Direction::Increase));
        assert_eq!(
            parse("Ska inte öka").direction,
            Some(Direction::NotIncrease)
        );
        let v = parse("Inga signifikanta skillnader");
        assert_eq!((v.status, v.number), (Some(ValueStatus::Text), None));
    }

    #[test]
    fn groups_in_one_cell() {
        let v = parse("AMC: 33,9 OSA: 1,9");
        let g: Vec<(String, Option<Amount>)> = v
            .groups
            .iter()
            .map(|g| (g.group.clone(), Some(g.number)))
            .collect();
        assert_eq!(g, vec![("AMC".into(), n("33,9")), ("OSA".into(), n("1,9"))]);
        let v = parse("AMC: ≥34 OSA: ≥2");
        assert_eq!(
            v.groups.first().and_then(|g| g.comparator),
            Some(Comparator::Gte)
        );
        let v = parse("79 (UAF) 76 (SOF)");
        assert_eq!(
            v.groups
                .iter()
                .map(|g| g.group.as_str())
                .collect::<Vec<_>>(),
            ["UAF", "SOF"]
        );
        let v = parse("Augusti 6,6 %11 Oktober 0%");
        assert_eq!(v.groups.len(), 2);
        assert_eq!(
            v.groups.first().map(|g| g.footnotes.clone()),
            Some(vec!["11".to_string()])
        );
        let v = parse("4 arbete 2 studier");
        assert_eq!(v.groups.len(), 2);
        let v = parse("111 (ela kommunen 2018)");
        assert_eq!(
            (v.number, v.note.as_deref()),
            (n("111"), Some("(ela kommunen 2018)"))
        );
        let v = parse("30 % av socialsekreterarnas tid ska gå till klientarbete");
        assert_eq!((v.number, v.unit), (n("30"), Some(ValueUnit::Percent)));
    }
}
