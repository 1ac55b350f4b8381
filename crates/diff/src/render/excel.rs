//! The amount tables of a diff as a CSV file for spreadsheets (Excel,
//! LibreOffice, Numbers with Swedish settings): UTF-8 with a byte-order
//! mark, fields separated by semicolons, a decimal comma, no thousands
//! grouping, CRLF line ends. One line per row and fiscal year, so that the
//! sheet can be filtered and pivoted: comparison, table, row kind, label,
//! status, match, year, both columns, both amounts, the change and the
//! relative change in per cent. Headers follow the report language.

use super::{Lang, ReportOptions, match_text, unit_name, view, words};
use crate::model::{Diff, Status};
use internbudget_normalizer::Amount;
use rust_decimal::Decimal;

const HEAD_SV: [&str; 15] = [
    "Jämförelse",
    "Tabell",
    "Radtyp",
    "Rad",
    "Status",
    "Matchning",
    "Mått",
    "År",
    "Kolumn före",
    "Kolumn efter",
    "Före",
    "Efter",
    "Förändring",
    "Förändring %",
    "Enhet",
];

const HEAD_EN: [&str; 15] = [
    "Comparison",
    "Table",
    "Row kind",
    "Row",
    "Status",
    "Match",
    "Measure",
    "Year",
    "Column before",
    "Column after",
    "Before",
    "After",
    "Change",
    "Change %",
    "Unit",
];

/// Renders the amount tables of a diff as spreadsheet CSV (bytes, with a
/// UTF-8 byte-order mark).
pub fn excel(diff: &Diff, opts: &ReportOptions) -> Vec<u8> {
    let lang = opts.lang;
    let w = words::of(lang);
    let mut out = String::from("\u{feff}");
    let head = match lang {
        Lang::Sv => HEAD_SV,
        Lang::En => HEAD_EN,
    };
    line(&mut out, &head.map(str::to_string));
    for c in &diff.comparisons {
        for t in view::tables(c, opts) {
            let years = view::budget_years(diff, c, t);
            for r in view::rows(t, years, opts)
                .iter()
                .filter_map(|i| t.rows.get(*i))
            {
                let status = match r.status {
                    Status::Matched if r.moved.is_some() => w.moved,
                    Status::Matched if r.renamed => w.renamed,
                    Status::Matched => "",
                    Status::Added => w.added,
                    Status::Removed => w.removed,
                };
                for (v, y) in r.values.iter().zip(&t.years) {
                    if v.a.is_none() && v.b.is_none() {
                        continue;
                    }
                    let measure = match (lang, v.measure) {
                        (Lang::Sv, crate::model::Measure::Net) => "netto",
                        (Lang::Sv, crate::model::Measure::Cost) => "kostnader",
                        (Lang::Sv, crate::model::Measure::Revenue) => "intäkter",
                        (Lang::En, crate::model::Measure::Net) => "net",
                        (Lang::En, crate::model::Measure::Cost) => "cost",
                        (Lang::En, crate::model::Measure::Revenue) => "revenue",
                    };
                    let pct = v
                        .relative_change
                        .and_then(|p| p.0.checked_mul(Decimal::from(100)))
                        .map(|p| number(Amount(p.round_dp(2))));
                    line(
                        &mut out,
                        &[
                            format!("{}→{}", c.a, c.b),
                            t.b.title.clone(),
                            words::row_kind(lang, r.kind).to_string(),
                            r.label.clone(),
                            status.to_string(),
                            match_text(r.matched_by.as_ref(), lang),
                            measure.to_string(),
                            v.year.to_string(),
                            y.a.as_ref().map(|x| x.label.clone()).unwrap_or_default(),
                            y.b.as_ref().map(|x| x.label.clone()).unwrap_or_default(),
                            v.a.map(number).unwrap_or_default(),
                            v.b.map(number).unwrap_or_default(),
                            v.change.map(number).unwrap_or_default(),
                            pct.unwrap_or_default(),
                            unit_name(t.unit).to_string(),
                        ],
                    );
                }
            }
        }
    }
    out.into_bytes()
}

/// A plain number with a decimal comma: "-2699", "1234,5".
fn number(a: Amount) -> String {
    a.0.normalize().to_string().replace('.', ",")
}

fn line(out: &mut String, cells: &[String]) {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| {
            if c.contains([';', '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect();
    out.push_str(&quoted.join(";"));
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_a_decimal_comma_and_cells_quote() {
        assert_eq!(number("-1234.50".parse().unwrap()), "-1234,5");
        let mut s = String::new();
        line(&mut s, &["a;b".into(), "say \"x\"".into(), "1,5".into()]);
        assert_eq!(s, "\"a;b\";\"say \"\"x\"\"\";1,5\r\n");
    }
}
