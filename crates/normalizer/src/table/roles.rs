//! Table roles: what a table of amounts is — a driftsammandrag, an
//! investment table, frames, a statement, or something else.
//!
//! The table's title and header say it most often ("Driftbudget per nämnd",
//! "Resultaträkning", "Investeringsbudget", "Budgetramar"); where they do not,
//! its rows do (budget frames and ramförändringar, the lines of a
//! resultaträkning). A table that names no role and prints no amount unit is
//! `other` (volumes, key figures); one with a unit is read as an operating
//! summary, the most common table of a budget.

use crate::schema::TableRole;

/// The role of a table from its title, header text, row labels and whether
/// an amount unit is printed with it.
pub fn role(title: &str, header: &str, labels: &[&str], has_unit: bool) -> TableRole {
    let context = format!("{title} {header}").to_lowercase();
    if let Some(r) = by_words(&context) {
        return r;
    }
    if let Some(r) = by_rows(labels) {
        return r;
    }
    // A committee's own changes ("Nr. Kommunfullmäktige 2022 …" over
    // "Dagsammanträden", "Förändring"): its frame changes.
    let changes = labels.iter().any(|l| {
        let l = l.to_lowercase();
        l.starts_with("förändring") || l.starts_with("ramförändring")
    });
    if changes && names_committee(&context) {
        return TableRole::Frames;
    }
    if has_unit {
        TableRole::OperatingSummary
    } else {
        TableRole::Other
    }
}

/// The role named by the words of a title or header.
fn by_words(text: &str) -> Option<TableRole> {
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    if has(&[
        "investering",
        "nettoutgift",
        "nettoinvester",
        "exploatering",
    ]) {
        return Some(TableRole::Investments);
    }
    if has(&["resultatbudget", "resultaträkning", "resultatrapport"]) {
        return Some(TableRole::IncomeStatement);
    }
    if has(&["balansbudget", "balansräkning"]) {
        return Some(TableRole::BalanceSheet);
    }
    if has(&["finansieringsbudget", "finansieringsanalys", "kassaflöde"]) {
        return Some(TableRole::CashFlow);
    }
    if has(&[
        "budgetram",
        "ramförändring",
        "ekonomiska ramar",
        "ramar per",
        "kommunbidrag per",
        "nämndernas ramar",
    ]) {
        return Some(TableRole::Frames);
    }
    if has(&[
        "volym",
        "nyckeltal",
        "per invånare",
        "jämförelse",
        "personal",
        "balanskrav",
        "noter",
        "förändringar av",
    ]) {
        return Some(TableRole::Other);
    }
    if has(&[
        "driftsammandrag",
        "driftbudget",
        "driftredovisning",
        "driftsredovisning",
        "nettokostnad",
        "ekonomi",
        "sammandrag",
    ]) {
        return Some(TableRole::OperatingSummary);
    }
    None
}

/// True when the text names a committee: a word ending in "nämnd",
/// "styrelse" or "fullmäktige" (any of their forms).
fn names_committee(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic()).any(|w| {
        ["nämnd", "nämnden", "styrelse", "styrelsen", "fullmäktige"]
            .iter()
            .any(|end| w.len() > end.len() && w.ends_with(end))
    })
}

/// The role the rows show: frames when most rows with a frame word are
/// frames and ramförändringar; an income statement when the rows are those
/// of a resultaträkning.
fn by_rows(labels: &[&str]) -> Option<TableRole> {
    let lower: Vec<String> = labels.iter().map(|l| l.to_lowercase()).collect();
    let frames = lower
        .iter()
        .filter(|l| {
            let first = l.split_whitespace().next().unwrap_or("");
            matches!(first, "ram" | "budgetram" | "ramar") || l.contains("ramförändring")
        })
        .count();
    if frames >= 2 {
        return Some(TableRole::Frames);
    }
    let statement = lower
        .iter()
        .filter(|l| {
            [
                "verksamhetens intäkter",
                "verksamhetens kostnader",
                "skatteintäkter",
                "årets resultat",
                "finansiella intäkter",
                "finansiella kostnader",
            ]
            .iter()
            .any(|w| l.starts_with(w))
        })
        .count();
    (statement >= 3).then_some(TableRole::IncomeStatement)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_from_titles() {
        let r = |t: &str| role(t, "", &[], true);
        assert_eq!(r("Driftbudget per nämnd"), TableRole::OperatingSummary);
        assert_eq!(r("Resultatbudget"), TableRole::IncomeStatement);
        assert_eq!(
            r("Tabell 1. Investeringar och exploateringar"),
            TableRole::Investments
        );
        assert_eq!(r("Balansbudget"), TableRole::BalanceSheet);
        assert_eq!(r("Finansieringsbudget"), TableRole::CashFlow);
        assert_eq!(r("Budgetramar 2023"), TableRole::Frames);
        assert_eq!(r("Volymutveckling"), TableRole::Other);
        assert_eq!(r("BALANSKRAVSUTREDNING"), TableRole::Other);
        assert_eq!(r("Förändringar av driftbudget"), TableRole::Other);
    }

    #[test]
    fn roles_from_rows_and_unit() {
        let frames = [
            "Ram 2022",
            "Beräknad pris- och löneökning",
            "Summa ramförändringar",
            "Ram 2023",
        ];
        assert_eq!(
            role("Kommunfullmäktige (Tkr)", "", &frames, true),
            TableRole::Frames
        );
        let rows = ["Intäkter", "Kostnader", "Kommunbidrag", "Resultat"];
        assert_eq!(
            role("Kultur- och fritidsnämnd (Tkr)", "", &rows, true),
            TableRole::OperatingSummary
        );
        assert_eq!(
            role("", "", &["Antal elever", "Antal barn"], false),
            TableRole::Other
        );
    }
}
