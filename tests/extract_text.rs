//! Golden tests of the text-export path: both real exports score against their
//! expected facts, every emitted document validates against the schema, and
//! the reconciliation checks that hold in the source are reported ok.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::extract;

fn assert_scores(source: &str, truth: &str) {
    let _ = common::assert_scores(source, truth, 0.99, 0.95);
}

#[test]
fn text_export_2019_tab_separated() {
    assert_scores("text/an-internbudget-2019.txt", "truth/an-2019.truth.json");
}

#[test]
fn text_export_2021_flowed() {
    assert_scores("text/an-internbudget-2021.txt", "truth/an-2021.truth.json");
}

#[test]
fn document_facts_and_source() {
    let out = extract("text/an-internbudget-2021.txt");
    let d = &out["document"];
    assert_eq!(d["municipality"]["code"], "0580");
    assert_eq!(d["municipality"]["name"], "Linköpings kommun");
    assert_eq!(d["committee"], "Arbetsmarknadsnämnden");
    assert_eq!(d["title"], "Internbudget 2021 med plan för 2022-2024");
    assert_eq!(out["schema_version"], "1.1.0");
    assert_eq!(out["source"]["format"], "text_layout");
    assert_eq!(out["source"]["sha256"].as_str().unwrap().len(), 64);
    let out19 = extract("text/an-internbudget-2019.txt");
    assert_eq!(out19["source"]["format"], "text_tabular");
}

#[test]
fn every_check_holds_in_the_fixtures() {
    for f in [
        "text/an-internbudget-2019.txt",
        "text/an-internbudget-2021.txt",
    ] {
        let out = extract(f);
        let checks = out["checks"].as_array().unwrap();
        assert!(checks.len() >= 20, "{f}: only {} checks", checks.len());
        let failed: Vec<&serde_json::Value> = checks.iter().filter(|c| c["ok"] != true).collect();
        assert!(failed.is_empty(), "{f}: failed checks {failed:#?}");
    }
}

#[test]
fn every_amount_and_value_is_traceable() {
    let out = extract("text/an-internbudget-2021.txt");
    for t in out["tables"].as_array().unwrap() {
        for r in t["rows"].as_array().unwrap() {
            assert!(
                r["provenance"]["line"].as_u64().is_some(),
                "row without line: {r}"
            );
            for (v, p) in r["values"]
                .as_array()
                .unwrap()
                .iter()
                .zip(r["value_provenance"].as_array().unwrap())
            {
                assert_eq!(
                    v.is_null(),
                    p.is_null(),
                    "value and provenance disagree in {r}"
                );
            }
        }
    }
    for i in out["indicators"].as_array().unwrap() {
        for v in i["values"].as_array().unwrap() {
            assert!(
                v["provenance"]["line"].as_u64().is_some(),
                "value without line: {v}"
            );
        }
    }
}

#[test]
fn amounts_are_strings_never_numbers() {
    let out = extract("text/an-internbudget-2019.txt");
    for t in out["tables"].as_array().unwrap() {
        for r in t["rows"].as_array().unwrap() {
            for v in r["values"].as_array().unwrap() {
                assert!(v.is_null() || v.is_string(), "{v}");
            }
        }
    }
}

/// In a tab-separated export every cell of a row is printed, so a label with
/// all its cells empty is a group heading, even when the row below starts
/// with a single capitalised word.
#[test]
fn a_tab_export_group_heading_is_not_joined_to_the_next_row() {
    let text = "Investeringar\n\
        Investeringar\tBokslut\tBudget\tPlan\n\
        Belopp tkr\t2023\t2024\t2025\n\
        Inventarier och utrustning\t\t\t\n\
        Trafiksäkerhetsåtgärder\t\t4 161\t5 183\n\
        Broar\t706\t4 676\t3 660\n\
        Summa investeringar\t706\t8 837\t8 843\n";
    let d = internbudget_normalizer::extract("t.txt", text.as_bytes()).unwrap();
    let labels: Vec<&str> = d.tables[0].rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        labels,
        ["Trafiksäkerhetsåtgärder", "Broar", "Summa investeringar"]
    );
    assert_eq!(
        d.tables[0].rows[0].section.as_deref(),
        Some("Inventarier och utrustning")
    );
    assert!(d.checks.iter().all(|c| c.ok));
}

#[test]
fn a_layout_lost_table_with_amounts_under_no_label_is_withheld() {
    // One cell per line, some amounts on lines of their own under no
    // label: whose row they are cannot be told, so no amount of the table
    // is given out.
    let text = "Driftsammandrag\nNettokostnad tkr\nBudget 2025 Plan 2026 Plan 2027\nSkola\n100 110 120\nVård\n200\n210\n220\nSumma 300 320 340\nBudgetram enligt beslut 99\n100\n101\n";
    let doc = internbudget_normalizer::extract("t.txt", text.as_bytes()).unwrap();
    assert!(doc.tables.is_empty(), "{:?}", doc.tables);
    assert!(doc.warnings.iter().any(|w| {
        w.code == internbudget_normalizer::WarningCode::TableSkipped
            && w.message.contains("under no label")
    }));
}

/// Text whose layout is lost, a single space both grouping digits and
/// parting cells: a row whose likeliest cut fails its own arithmetic (the
/// deviation is not outcome minus budget) is withheld with a warning,
/// rows whose cut holds are kept.
#[test]
fn a_chosen_cut_that_fails_its_rows_arithmetic_is_withheld() {
    let text = "Driftredovisning\n\
        tkr Utfall 2013 Budget 2013 Avvikelse 2013\n\
        Grundskola 1 200 1 100 100\n\
        Gymnasieskola 2 450 2 500 -50\n\
        Vuxenutbildning 4 188 4 269 8\n";
    let d = internbudget_normalizer::extract("t.txt", text.as_bytes()).unwrap();
    let t = &d.tables[0];
    let values = |label: &str| -> Vec<Option<String>> {
        let r = t.rows.iter().find(|r| r.label == label).unwrap();
        r.values.iter().map(|v| v.map(|a| a.to_string())).collect()
    };
    assert_eq!(
        values("Grundskola"),
        [Some("1200".into()), Some("1100".into()), Some("100".into())]
    );
    assert!(values("Vuxenutbildning").iter().all(Option::is_none));
    assert!(d.warnings.iter().any(|w| {
        w.code == internbudget_normalizer::WarningCode::ReadingAmbiguous
            && w.message.contains("Vuxenutbildning")
    }));
}
