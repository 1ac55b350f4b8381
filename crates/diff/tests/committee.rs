//! Three consecutive internbudgets of one invented committee (Socialnämnden,
//! Gävle kommun, 2019–2021; `tests/data/sn-*.txt`, written by
//! `tests/data/make_committee.py`, which says what changes from year to
//! year): the series add up every year, values printed on one side only are
//! kept, a reworded indicator with the same earlier outcome is matched,
//! revenue changes have the right sign, tables whose titles hardly match
//! are not paired, rows that move between line items are moves, and every
//! diff validates against the schema.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use internbudget_diff::render::{self, Lang, MinChange, ReportOptions, SortOrder};
use internbudget_diff::{
    ChangeDirection, Diff, IndicatorComparison, MatchKind, Measure, Options, Status, TableDiff,
    diff_all, load,
};
use internbudget_normalizer::{Amount, Document, Limits, RowKind};
use std::path::Path;
use std::sync::OnceLock;

fn doc(year: i32) -> &'static Document {
    static DOCS: OnceLock<Vec<Document>> = OnceLock::new();
    let docs = DOCS.get_or_init(|| {
        [2019, 2020, 2021]
            .iter()
            .map(|y| {
                let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/data")
                    .join(format!("sn-{y}.txt"));
                let bytes = std::fs::read(&path).unwrap();
                load(&format!("sn-{y}.txt"), &bytes, &Limits::default()).unwrap()
            })
            .collect()
    });
    &docs[(year - 2019) as usize]
}

fn three() -> &'static Diff {
    static D: OnceLock<Diff> = OnceLock::new();
    D.get_or_init(|| diff_all(&[doc(2019), doc(2020), doc(2021)], &Options::default()).unwrap())
}

fn main_table(d: &Diff, k: usize) -> &TableDiff {
    d.comparisons[k]
        .tables
        .iter()
        .find(|t| t.pairing.rule == internbudget_diff::PairingRule::Main)
        .unwrap()
}

fn amount(s: &str) -> Amount {
    s.parse().unwrap()
}

#[test]
fn the_test_documents_reconcile() {
    for y in [2019, 2020, 2021] {
        let d = doc(y);
        assert_eq!(d.document.budget_year, Some(y));
        assert!(d.checks.iter().all(|c| c.ok), "{y}: a check fails");
        assert_eq!(d.indicators.len(), 5, "{y}");
    }
}

#[test]
fn series_totals_equal_the_sum_of_line_items_every_year() {
    let d = three();
    assert!(!d.series_years.is_empty());
    for y in &d.series_years {
        assert_eq!(Some(y.line_items), y.total, "{}", y.year);
        // The series themselves add up to the same.
        let sum: rust_decimal::Decimal = d
            .series
            .iter()
            .filter(|s| s.kind == RowKind::LineItem)
            .filter_map(|s| s.by_year.iter().find(|p| p.year == y.year))
            .map(|p| p.value.0)
            .sum();
        let total = d
            .series
            .iter()
            .find(|s| s.kind == RowKind::Total)
            .and_then(|s| s.by_year.iter().find(|p| p.year == y.year))
            .unwrap();
        assert_eq!(sum, total.value.0, "{}", y.year);
        assert_eq!(total.document, y.document);
    }
    // 2021 is spoken for by the 2021 budget: the plan rows it dropped are
    // not carried over from 2020.
    let y2021 = d.series_years.iter().find(|y| y.year == 2021).unwrap();
    assert_eq!(y2021.document, "d3");
    for label in [
        "Heltidsaktivering",
        "Ofördelad kostnadsdämpande åtgärd år 2021",
    ] {
        let s = d.series.iter().find(|s| s.label == label).unwrap();
        assert!(s.by_year.iter().all(|p| p.year != 2021), "{label}");
        // It was printed for 2021 in 2020's plan.
        assert!(
            s.points
                .iter()
                .any(|p| p.year == 2021 && p.document == "d2")
        );
    }
}

#[test]
fn values_printed_on_one_side_only_are_kept() {
    let d = three();
    let c = &d.comparisons[1];
    let sick = c
        .indicators
        .iter()
        .find(|i| i.indicator == "Total sjukfrånvaro, %")
        .unwrap();
    assert_eq!(sick.status, Status::Matched);
    let year = |y: i32, k: IndicatorComparison| {
        sick.years
            .iter()
            .find(|x| x.year == y && x.comparison == k)
            .unwrap_or_else(|| panic!("{y} {k:?}"))
    };
    // 2019's outcome 6,4 is printed only in 2021, 2020 (aug) 5,9 too, the
    // 2022 target 5,2 too; 2018's outcome only in 2020.
    let o19 = year(2019, IndicatorComparison::Outcome);
    assert_eq!(o19.status, Status::Added);
    assert_eq!(o19.b.as_ref().unwrap().raw, "6,4");
    let o20 = year(2020, IndicatorComparison::Outcome);
    assert_eq!(o20.b.as_ref().unwrap().partial.as_deref(), Some("aug"));
    assert_eq!(
        year(2022, IndicatorComparison::Target).status,
        Status::Added
    );
    assert_eq!(
        year(2018, IndicatorComparison::Outcome).status,
        Status::Removed
    );
    let t21 = year(2021, IndicatorComparison::Target);
    assert_eq!(t21.status, Status::Matched);
    assert_eq!(
        (
            t21.a.as_ref().unwrap().raw.as_str(),
            t21.b.as_ref().unwrap().raw.as_str()
        ),
        ("5,5", "5,5")
    );
    // The indicator's series holds every year of every document.
    let s = d
        .indicator_series
        .iter()
        .find(|s| s.key == sick.key)
        .unwrap();
    let years: Vec<i32> = s.years.iter().map(|y| y.year).collect();
    assert_eq!(years, vec![2017, 2018, 2019, 2020, 2021, 2022]);
    let y2021 = s.years.iter().find(|y| y.year == 2021).unwrap();
    let docs: Vec<&str> = y2021.targets.iter().map(|t| t.document.as_str()).collect();
    assert_eq!(docs, vec!["d2", "d3"]);
}

#[test]
fn a_reworded_indicator_with_the_same_earlier_outcome_is_matched() {
    let d = three();
    let c = &d.comparisons[0];
    let i = c
        .indicators
        .iter()
        .find(|i| {
            i.indicator
                .starts_with("Antal hushåll med ekonomiskt bistånd")
        })
        .unwrap();
    assert_eq!(i.status, Status::Matched);
    assert_eq!(i.matched_by.as_ref().unwrap().kind, MatchKind::Outcomes);
    assert!(i.renamed);
    assert!(i.a.as_ref().unwrap().indicator.contains("försörjningsstöd"));
    // Footnote markers ("*", "10.") do not stop a match.
    let f = c
        .indicators
        .iter()
        .find(|i| i.indicator.starts_with("Antalet deltagare"))
        .unwrap();
    assert_eq!(f.matched_by.as_ref().unwrap().kind, MatchKind::Exact);
    // One key across both comparisons, and one series.
    let later = d.comparisons[1]
        .indicators
        .iter()
        .find(|x| {
            x.indicator
                .starts_with("Antal hushåll med ekonomiskt bistånd")
        })
        .unwrap();
    assert_eq!(i.key, later.key);
    assert_eq!(d.indicator_series.len(), 5);
    let keys: std::collections::HashSet<&str> =
        d.indicator_series.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys.len(), 5);
    // Without the outcomes, the texts are too unlike for a fuzzy match.
    let mut b = doc(2020).clone();
    for x in &mut b.indicators {
        x.values.retain(|v| v.year != Some(2018));
    }
    let d2 = diff_all(&[doc(2019), &b], &Options::default()).unwrap();
    assert!(
        d2.comparisons[0]
            .indicators
            .iter()
            .any(|i| i.indicator.starts_with("Antal hushåll med ekonomiskt")
                && i.status == Status::Added)
    );
}

#[test]
fn target_and_outcome_over_the_years() {
    let d = three();
    let s = d
        .indicator_series
        .iter()
        .find(|s| s.indicator.starts_with("Andel nöjda brukare"))
        .unwrap();
    let y = |year: i32| s.years.iter().find(|x| x.year == year).unwrap();
    // Promised ≥ 90 for 2019, achieved 91 (printed in 2020 and 2021).
    assert_eq!(y(2019).targets[0].cell.raw, "≥ 90");
    assert_eq!(y(2019).outcome.as_ref().unwrap().cell.raw, "91");
    assert_eq!(y(2019).outcome.as_ref().unwrap().document, "d3");
    assert_eq!(y(2019).target_met, Some(true));
    // "Ska öka" for 2020 against 84,6 in 2019: 86,1 is a partial year, so unknown.
    let h = d
        .indicator_series
        .iter()
        .find(|s| s.indicator.starts_with("Andel heltidsanställningar"))
        .unwrap();
    let h2019 = h.years.iter().find(|x| x.year == 2019).unwrap();
    assert_eq!(h2019.target_met, Some(true), "84,6 after 83,0: it grew");
    let h2020 = h.years.iter().find(|x| x.year == 2020).unwrap();
    assert_eq!(h2020.target_met, None);
}

#[test]
fn revenue_changes_have_the_right_sign() {
    let d = three();
    let t = main_table(d, 1);
    let rev = t
        .rows
        .iter()
        .find(|r| r.kind == RowKind::OfWhichRevenue)
        .unwrap();
    assert_eq!(rev.measure, Measure::Revenue);
    let v = rev.values.iter().find(|v| v.year == 2021).unwrap();
    assert_eq!((v.a, v.b), (Some(amount("-14870")), Some(amount("-53460"))));
    assert_eq!(v.change, Some(amount("-38590")));
    assert_eq!(v.relative_change, Some(amount("2.5952")));
    assert_eq!(v.direction, Some(ChangeDirection::Increase));
    // A net line that went down is a decrease.
    let n = t.rows.iter().find(|r| r.label == "Nämnden").unwrap();
    let v = n.values.iter().find(|v| v.year == 2021).unwrap();
    assert!(v.change.unwrap().0.is_sign_negative());
    assert_eq!(v.direction, Some(ChangeDirection::Decrease));
    // The report says revenue grows and colours it as an increase.
    let md = render::markdown(d, &ReportOptions::default());
    assert!(
        md.contains("(−38\u{a0}590, +259,5\u{a0}%, intäkterna ökar)"),
        "{md}"
    );
}

#[test]
fn tables_whose_titles_hardly_match_are_not_paired() {
    let d = three();
    let c = &d.comparisons[1];
    // 2020's reprinted decision and 2021's "Ekonomi" share every line.
    assert_eq!(c.tables.len(), 1);
    let titles: Vec<&str> = c
        .unpaired_tables
        .iter()
        .map(|u| u.table.title.as_str())
        .collect();
    assert_eq!(
        titles,
        vec!["Socialnämndens internbudget 2019-10-24 § 138", "Ekonomi"]
    );
    for c in &d.comparisons {
        for t in &c.tables {
            assert!(
                t.pairing.rule == internbudget_diff::PairingRule::Main
                    || t.pairing.title_similarity >= 0.3,
                "{} ↔ {}",
                t.a.title,
                t.b.title
            );
        }
    }
}

#[test]
fn a_change_row_that_moved_is_a_move() {
    let d = three();
    let t = main_table(d, 1);
    let moved: Vec<_> = t.rows.iter().filter(|r| r.moved.is_some()).collect();
    assert_eq!(moved.len(), 1);
    let r = moved[0];
    assert_eq!(r.label, "Flytt av trygghetslarm");
    assert_eq!(r.status, Status::Matched);
    let m = r.moved.as_ref().unwrap();
    assert_eq!(
        (m.from.as_deref(), m.to.as_deref()),
        (Some("Särskilt boende"), Some("Hemtjänst"))
    );
    // Under its new line item.
    assert_eq!(t.rows[r.parent.unwrap()].label, "Hemtjänst");
    // The rename, the removal and the addition.
    let row = |l: &str| t.rows.iter().find(|r| r.label == l).unwrap();
    assert_eq!(row("Missbruksvård").status, Status::Removed);
    assert_eq!(row("Beroendevård").status, Status::Added);
    let iof = main_table(d, 0)
        .rows
        .iter()
        .find(|r| r.label == "Individ- och familjeomsorgen")
        .unwrap();
    assert!(iof.renamed);
}

#[test]
fn every_diff_validates_and_reads_back() {
    for d in [
        three().clone(),
        diff_all(&[doc(2019), doc(2020)], &Options::default()).unwrap(),
        diff_all(&[doc(2021), doc(2021)], &Options::default()).unwrap(),
    ] {
        let json = serde_json::to_value(&d).unwrap();
        internbudget_diff::validate(&json).unwrap();
        let back: Diff = serde_json::from_value(json).unwrap();
        assert_eq!(back, d);
    }
}

#[test]
fn reports_sort_filter_and_speak_swedish() {
    let d = three();
    let sv = render::html(d, &ReportOptions::default());
    assert!(sv.contains("<html lang=\"sv\">"));
    assert!(sv.contains("Största förändringar"));
    assert!(sv.contains("Från budget till budget"));
    assert!(sv.contains("Indikatorer över tid"));
    assert!(sv.contains("class=\"bridge\""));
    assert!(sv.contains("class=\"spark\""));
    // Swedish numbers: no-break space groups, decimal comma, per cent sign apart.
    assert!(sv.contains("+259,5\u{a0}%"));
    assert!(!sv.contains("259.5"));
    for english in [
        "Largest changes",
        "Indicators",
        ">removed",
        ">renamed",
        ">added",
        "tables paired",
    ] {
        assert!(!sv.contains(english), "{english} in the Swedish report");
    }
    let en = render::html(
        d,
        &ReportOptions {
            lang: Lang::En,
            ..ReportOptions::default()
        },
    );
    assert!(
        en.contains("<html lang=\"en\">")
            && en.contains("Largest changes")
            && en.contains("+259.5\u{a0}%")
    );
    // Largest change first; only changed rows; a least change.
    let md = |o: ReportOptions| render::markdown(d, &o);
    let sorted = md(ReportOptions {
        sort: SortOrder::Change,
        ..ReportOptions::default()
    });
    let second = &sorted[sorted.find("### Driftsammandrag (d2)").unwrap()..];
    let (bero, nam) = (
        second.find("| Beroendevård |").unwrap(),
        second.find("| Nämnden |").unwrap(),
    );
    assert!(bero < nam, "the largest change comes first");
    let by_label = md(ReportOptions {
        sort: SortOrder::Label,
        ..ReportOptions::default()
    });
    let first = &by_label[by_label.find("### Driftsammandrag (d1)").unwrap()..];
    assert!(first.find("| Avlösarservice |").unwrap() < first.find("| Nämnden |").unwrap());
    let big = md(ReportOptions {
        min_change: Some(MinChange::Amount(rust_decimal::Decimal::from(5000))),
        ..ReportOptions::default()
    });
    assert!(big.contains("| Beroendevård | ny |"));
    assert!(big.contains("| Ekonomiskt bistånd | exakt |"));
    assert!(!big.contains("| Kontaktperson | exakt |"));
    assert!(big.contains("Nämndens nettokostnad"), "totals stay");
    let changed = md(ReportOptions {
        changed_only: true,
        ..ReportOptions::default()
    });
    assert!(
        !changed.contains("| Kontaktperson | exakt |"),
        "unchanged in the budget rows"
    );
    let inv = md(ReportOptions {
        table: Some(internbudget_normalizer::TableRole::Investments),
        ..ReportOptions::default()
    });
    assert!(!inv.contains("Driftsammandrag ("));
}

#[test]
fn the_spreadsheet_csv_is_for_excel() {
    let d = three();
    let bytes = render::excel(d, &ReportOptions::default());
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(lines[0].starts_with("Jämförelse;Tabell;Radtyp;Rad;Status;Matchning;Mått;År;"));
    assert!(
        lines.iter().any(|l| l.starts_with("d2→d3;Driftsammandrag;varav intäkter;varav intäkter;;exakt;netto;2021;Plan 2021;Budget 2021;-14870;-53460;-38590;259,52;tkr")),
        "{text}"
    );
    assert!(lines.iter().all(|l| !l.contains('\u{a0}')));
}
