//! Column semantics: what a printed column header means.
//!
//! "Bokslut"/"Utfall" → outcome, "Budget" → budget, "Plan" → plan, "Prognos"
//! → forecast, "Målvärde" → target, "förslag" → a proposal. A header with a
//! year but no kind word ("Nettoutgift 2022", "2019") is read by its year
//! against the budget year: before it an outcome, the budget year a budget,
//! after it a plan — except in indicator tables, where a bare year is an
//! outcome.

use crate::schema::{Column, ColumnKind};
use internbudget_parser::ColumnHeader;

/// Classifies one printed column header.
pub fn classify(h: &ColumnHeader, budget_year: Option<i32>, indicator_table: bool) -> Column {
    let words: Vec<String> = h
        .label
        .split(|c: char| c.is_whitespace() || c == '/' || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let has = |w: &str| words.iter().any(|x| x == w);
    let proposal = has("förslag");
    let kind = if has("bokslut") || has("utfall") || has("bokslutet") {
        ColumnKind::Outcome
    } else if has("prognos") || has("helårsprognos") {
        ColumnKind::Forecast
    } else if has("målvärde") || has("målvärden") || has("mål") {
        ColumnKind::Target
    } else if has("plan") {
        ColumnKind::Plan
    } else if has("budget") || has("budgetram") {
        ColumnKind::Budget
    } else if indicator_table {
        ColumnKind::Outcome
    } else {
        match (h.year, budget_year) {
            (Some(y), Some(b)) if y < b => ColumnKind::Outcome,
            (Some(y), Some(b)) if y > b => ColumnKind::Plan,
            _ => ColumnKind::Budget,
        }
    };
    let mut key = kind.as_str().to_string();
    if let Some(y) = h.year {
        key.push('_');
        key.push_str(&y.to_string());
    }
    if proposal {
        key.push_str("_proposal");
    }
    Column {
        key,
        label: h.label.clone(),
        kind: Some(kind),
        year: h.year,
        proposal,
        measure: None,
        percent: false,
        compares: Vec::new(),
        partial: None,
    }
}

/// Makes column keys unique within a table ("budget_2021", "budget_2021_2").
pub fn dedupe_keys(columns: &mut [Column]) {
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

    fn col(label: &str, year: i32) -> ColumnHeader {
        ColumnHeader {
            label: label.into(),
            year: Some(year),
            partial: None,
        }
    }

    #[test]
    fn classifies_printed_headers() {
        let c = |l: &str, y| {
            let c = classify(&col(l, y), Some(2021), false);
            (c.kind.unwrap_or(ColumnKind::Target), c.proposal, c.key)
        };
        assert_eq!(
            c("Bokslut 2019", 2019),
            (ColumnKind::Outcome, false, "outcome_2019".into())
        );
        assert_eq!(
            c("Budget förslag 2021", 2021),
            (ColumnKind::Budget, true, "budget_2021_proposal".into())
        );
        assert_eq!(
            c("Plan 2022", 2022),
            (ColumnKind::Plan, false, "plan_2022".into())
        );
        assert_eq!(c("Nettoutgift 2019", 2019).0, ColumnKind::Outcome);
        assert_eq!(c("Nettoutgift budget 2020", 2020).0, ColumnKind::Budget);
        assert_eq!(
            c("Nettoutgift förslag 2021", 2021),
            (ColumnKind::Budget, true, "budget_2021_proposal".into())
        );
        assert_eq!(c("Nettoutgift förslag 2023", 2023).0, ColumnKind::Plan);
        assert_eq!(c("Prognos 2020", 2020).0, ColumnKind::Forecast);
        assert_eq!(
            classify(&col("2020", 2020), Some(2021), true).kind,
            Some(ColumnKind::Outcome)
        );
        assert_eq!(
            classify(&col("Målvärde 2022", 2022), Some(2021), true).kind,
            Some(ColumnKind::Target)
        );
    }
}
