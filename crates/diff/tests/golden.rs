//! Golden tests of the diff library on the workspace fixtures: the facts the
//! issue asks for on the text exports and the PDFs, insta snapshots of the
//! JSON and the Markdown of 2019 → 2021, the committed schema, validation of
//! every diff, a self-diff without change and unit reconciliation (tkr
//! against mnkr).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use internbudget_diff::{
    Diff, MatchKind, Options, RowDiff, Status, TableDiff, diff, diff_all, load, render,
};
use internbudget_normalizer::{Amount, Document, Limits, TableRole, Unit};
use std::path::Path;
use std::sync::OnceLock;

fn fixture(rel: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(rel);
    let bytes = std::fs::read(&path).unwrap();
    load(&path.to_string_lossy(), &bytes, &Limits::default()).unwrap()
}

fn text19() -> &'static Document {
    static D: OnceLock<Document> = OnceLock::new();
    D.get_or_init(|| fixture("text/an-internbudget-2019.txt"))
}

fn text21() -> &'static Document {
    static D: OnceLock<Document> = OnceLock::new();
    D.get_or_init(|| fixture("text/an-internbudget-2021.txt"))
}

fn main_table(d: &Diff) -> &TableDiff {
    d.comparisons[0]
        .tables
        .iter()
        .find(|t| {
            t.role == TableRole::OperatingSummary
                && t.pairing.rule == internbudget_diff::PairingRule::Main
        })
        .unwrap()
}

fn row<'a>(t: &'a TableDiff, label: &str) -> &'a RowDiff {
    let rows: Vec<&RowDiff> = t.rows.iter().filter(|r| r.label == label).collect();
    assert_eq!(rows.len(), 1, "one row labelled {label:?}");
    rows[0]
}

fn amount(s: &str) -> Option<Amount> {
    Some(s.parse().unwrap())
}

fn assert_issue_facts(d: &Diff) {
    let t = main_table(d);
    for label in [
        "Nämnden",
        "Avdelningen för försörjningsinsatser",
        "Ekonomiskt bistånd",
        "Arbetsmarknads- och integrationsinsatser",
        "Ofördelad pris- och lönejustering",
    ] {
        let r = row(t, label);
        assert_eq!(r.status, Status::Matched, "{label}");
        assert_eq!(
            r.matched_by.as_ref().unwrap().kind,
            MatchKind::Exact,
            "{label}"
        );
    }
    let uaf = row(t, "Utbildnings- och arbetsmarknadsförvaltningen");
    assert_eq!(uaf.matched_by.as_ref().unwrap().kind, MatchKind::Alias);
    assert!(uaf.renamed);
    assert_eq!(uaf.a.as_ref().unwrap().label, "Utbildningsförvaltningen");
    assert_eq!(
        row(
            t,
            "Omvandling ekonomiskt bistånd till arbetsmarknadsinsatser"
        )
        .status,
        Status::Removed
    );
    for y in [2022, 2023] {
        assert_eq!(
            row(t, &format!("Ofördelad kostnadsdämpande åtgärd år {y}")).status,
            Status::Added
        );
    }
    let eb = row(t, "Ekonomiskt bistånd");
    let v = eb.values.iter().find(|v| v.year == 2021).unwrap();
    assert_eq!((v.a, v.b), (amount("211615"), amount("269239")));
    assert_eq!(v.change, amount("57624"));
    assert_eq!(v.relative_change, amount("0.2723"));
}

#[test]
fn text_2019_to_2021_golden() {
    let d = diff(text19(), text21(), &Options::default()).unwrap();
    assert_issue_facts(&d);
    let json = serde_json::to_value(&d).unwrap();
    internbudget_diff::validate(&json).unwrap();
    // The JSON reads back into the same diff.
    let back: Diff = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, d);
    insta::assert_json_snapshot!("diff_text_2019_2021", json);
}

#[test]
fn text_2019_to_2021_markdown() {
    let d = diff(text19(), text21(), &Options::default()).unwrap();
    insta::assert_snapshot!(
        "diff_text_2019_2021_md",
        render::markdown(&d, &render::ReportOptions::default())
    );
}

#[test]
fn pdf_2019_to_2021_facts() {
    let (a, b) = (fixture("pdf/an-2019.lo.pdf"), fixture("pdf/an-2021.lo.pdf"));
    let d = diff(&a, &b, &Options::default()).unwrap();
    assert_issue_facts(&d);
    internbudget_diff::validate(&serde_json::to_value(&d).unwrap()).unwrap();
    // The main tables align as the text exports' do.
    let text = diff(text19(), text21(), &Options::default()).unwrap();
    let pairs = |d: &Diff| -> Vec<(Status, Option<MatchKind>, String)> {
        main_table(d)
            .rows
            .iter()
            .map(|r| {
                (
                    r.status,
                    r.matched_by.as_ref().map(|m| m.kind),
                    r.label.clone(),
                )
            })
            .collect()
    };
    assert_eq!(pairs(&d), pairs(&text));
}

#[test]
fn committed_schema_is_the_generated_one() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../schemas/internbudget-diff.v1.schema.json");
    let generated = internbudget_diff::schema_json();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        let mut text = serde_json::to_string_pretty(&generated).unwrap();
        text.push('\n');
        std::fs::write(&path, text).unwrap();
    }
    let committed: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(
        committed, generated,
        "schemas/internbudget-diff.v1.schema.json is stale: run `UPDATE_SCHEMA=1 cargo test -p internbudget-diff --test golden committed_schema` and review the diff"
    );
    assert_eq!(
        generated["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(generated["$id"], internbudget_diff::SCHEMA_ID);
    // A diff with an amount written as a float does not validate.
    let d = diff(text19(), text21(), &Options::default()).unwrap();
    let mut json = serde_json::to_value(&d).unwrap();
    json["comparisons"][0]["tables"][0]["rows"][0]["values"][0]["change"] =
        serde_json::Value::from(1.5);
    assert!(internbudget_diff::validate(&json).is_err());
}

#[test]
fn self_diff_has_no_change() {
    for doc in [text19(), text21()] {
        let d = diff(doc, doc, &Options::default()).unwrap();
        let s = &d.comparisons[0].summary;
        assert!(s.identical, "{s:?}");
        assert_eq!(s.values_changed, 0);
        assert_eq!(
            s.rows.added + s.rows.removed + s.rows.alias + s.rows.fuzzy + s.rows.kind,
            0
        );
        assert_eq!(s.indicators_changed, 0);
        internbudget_diff::validate(&serde_json::to_value(&d).unwrap()).unwrap();
    }
}

#[test]
fn units_are_reconciled() {
    // The 2021 document with its main table restated in mnkr.
    let mut b = text21().clone();
    let t = b
        .tables
        .iter_mut()
        .find(|t| t.title == "Driftsammandrag")
        .unwrap();
    t.unit = Some(Unit::Mnkr);
    t.unit_factor = Some(1_000_000);
    for r in &mut t.rows {
        for v in r.values.iter_mut().flatten() {
            v.0 /= rust_decimal::Decimal::from(1000);
        }
    }
    let d = diff(text21(), &b, &Options::default()).unwrap();
    let main = main_table(&d);
    assert_eq!(main.unit, Some(Unit::Tkr));
    assert_eq!(main.b.unit, Some(Unit::Mnkr));
    let eb = row(main, "Ekonomiskt bistånd");
    let v = eb.values.iter().find(|v| v.year == 2021).unwrap();
    assert_eq!(v.b, amount("269239"));
    assert_eq!(v.change, amount("0"));
    assert_eq!(d.comparisons[0].summary.values_changed, 0);
    assert!(d.warnings.iter().any(|w| w.code == "unit_converted"));
}

#[test]
fn three_documents_share_one_series_per_line_item() {
    let d = diff_all(&[text19(), text21(), text21()], &Options::default()).unwrap();
    assert_eq!(d.comparisons.len(), 2);
    let eb = d
        .series
        .iter()
        .find(|s| s.label == "Ekonomiskt bistånd")
        .unwrap();
    assert_eq!(eb.labels.len(), 3);
    assert!(eb.labels.iter().all(Option::is_some));
    let omv = d
        .series
        .iter()
        .find(|s| s.label == "Omvandling ekonomiskt bistånd till arbetsmarknadsinsatser")
        .unwrap();
    assert_eq!(omv.labels[1], None);
    let md = render::markdown(&d, &render::ReportOptions::default());
    assert!(md.contains("## Över tid (tkr)"));
}

#[test]
fn too_few_documents_and_empty_documents_are_errors() {
    assert!(diff_all(&[text19()], &Options::default()).is_err());
    let mut empty = text19().clone();
    empty.tables.clear();
    empty.indicators.clear();
    let e = diff(&empty, text21(), &Options::default()).unwrap_err();
    assert!(e.to_string().contains("not a budget"), "{e}");
}

#[test]
fn target_direction_and_comparator_changes_are_noted() {
    use internbudget_normalizer::{ColumnKind, Comparator, Direction};
    let a = text19();
    let mut b = a.clone();
    // "Ska minska" becomes "Ska öka"; "≥0" becomes "≤0".
    let i1 = &mut b.indicators[0];
    for v in &mut i1.values {
        if v.kind == ColumnKind::Target {
            v.raw = "Ska öka".into();
            v.parsed.direction = Some(Direction::Increase);
        }
    }
    let dev = b
        .indicators
        .iter_mut()
        .find(|i| i.indicator.starts_with("Avvikelse från budget"))
        .unwrap();
    for v in &mut dev.values {
        if v.kind == ColumnKind::Target {
            v.raw = "≤0".into();
            v.parsed.comparator = Some(Comparator::Lte);
        }
    }
    let d = diff(a, &b, &Options::default()).unwrap();
    let c = &d.comparisons[0];
    assert_eq!(c.summary.indicators_changed, 2);
    let first = c
        .indicators
        .iter()
        .find(|i| i.b.as_ref().unwrap().id == "i1")
        .unwrap();
    assert!(first.changed);
    assert_eq!(
        first.notes[0].code,
        internbudget_diff::NoteCode::DirectionChanged
    );
    assert!(
        first.notes[0]
            .message
            .contains("from decrease (ska minska) to increase (ska öka)")
    );
    assert!(first.years.iter().any(|y| y.year == 2019
        && y.comparison == internbudget_diff::IndicatorComparison::Target
        && y.changed));
    let dev = c
        .indicators
        .iter()
        .find(|i| i.indicator.starts_with("Avvikelse från budget"))
        .unwrap();
    assert_eq!(
        dev.notes[0].code,
        internbudget_diff::NoteCode::ComparatorChanged
    );
    assert!(
        dev.notes[0].message.contains("from ≥ to ≤"),
        "{}",
        dev.notes[0].message
    );
    assert!(!c.summary.identical);
}
