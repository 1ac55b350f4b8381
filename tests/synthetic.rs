//! Scores every committed synthetic internbudget (`fixtures/synthetic/`, made
//! by `tools/synth/build.sh`: Chromium and LibreOffice PDFs, pdftotext and
//! tab-separated text exports in UTF-8, Windows-1252 and UTF-16) against its
//! expected facts, and fails when a document scores below the floor measured
//! for it (`fixtures/synthetic/BASELINE.md`, floors set a little below), or
//! the corpus total drops. Per-file scores are printed (`--nocapture`).
//!
//! Raising a floor after an improvement is welcome; lowering one needs a reason.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{Counts, Score, fixture, read_json, run, score};
use serde_json::Value;

/// Per-document floors: amounts F1, indicators F1, meta fields (of 4),
/// committee goals right (share), and whether the deliberately broken total
/// recorded in the truth (`failed_checks`) must be reported as a failed check.
struct Floor {
    file: &'static str,
    amounts: f64,
    indicators: f64,
    meta: usize,
    goals: f64,
    broken_total_reported: bool,
}

const fn f(
    file: &'static str,
    amounts: f64,
    indicators: f64,
    meta: usize,
    goals: f64,
    broken_total_reported: bool,
) -> Floor {
    Floor {
        file,
        amounts,
        indicators,
        meta,
        goals,
        broken_total_reported,
    }
}

// FLOORS-BEGIN (set from tools/synth/evaluate.sh, rounded down to 0.01)
const FLOORS: &[Floor] = &[
    f("pdf/c01-bun-linkoping-2024.pdf", 1.00, 1.00, 4, 1.00, false),
    f("pdf/c02-sn-stockholm-2023.pdf", 1.00, 1.00, 4, 1.00, false),
    f("pdf/c03-kfn-umea-2025.pdf", 1.00, 1.00, 4, 1.00, false),
    f("pdf/c04-tn-gotland-2024.pdf", 1.00, 1.00, 4, 1.00, true),
    f("pdf/c05-ks-vasteras-2021.pdf", 1.00, 1.00, 4, 1.00, false),
    f("pdf/c06-von-boras-2025.pdf", 1.00, 1.00, 4, 0.95, false),
    f("pdf/c07-mbn-alvsbyn-2022.pdf", 1.00, 1.00, 4, 1.00, false),
    f("pdf/c08-gvn-orebro-2024.pdf", 1.00, 1.00, 4, 1.00, true),
    f("pdf/l01-bun-varnamo-2023.pdf", 1.00, 1.00, 4, 1.00, false),
    f("pdf/l02-sn-goteborg-2024.pdf", 1.00, 1.00, 4, 1.00, false),
    f("pdf/l03-kfn-kiruna-2022.pdf", 1.00, 1.00, 4, 1.00, true),
    f("pdf/l04-tn-malmo-2025.pdf", 1.00, 1.00, 4, 1.00, false),
    f("pdf/l05-ks-uppsala-2024.pdf", 1.00, 1.00, 4, 1.00, false),
    f("pdf/l06-mbn-lund-2023.pdf", 1.00, 1.00, 4, 1.00, false),
    f(
        "text/t01-bun-helsingborg-2023.txt",
        1.00,
        1.00,
        4,
        1.00,
        false,
    ),
    f(
        "text/t02-sn-norrkoping-2024.txt",
        1.00,
        1.00,
        4,
        1.00,
        false,
    ),
    f(
        "text/t03-kfn-ostersund-2022.txt",
        1.00,
        1.00,
        4,
        1.00,
        false,
    ),
    f("text/t04-tn-jonkoping-2025.txt", 1.00, 1.00, 4, 1.00, true),
    f("text/t05-ks-solna-2024.txt", 1.00, 1.00, 4, 1.00, false),
    f(
        "text/x01-bun-linkoping-2024.layout.txt",
        1.00,
        1.00,
        4,
        1.00,
        false,
    ),
    f(
        "text/x02-sn-stockholm-2023.layout.txt",
        1.00,
        1.00,
        4,
        1.00,
        false,
    ),
    f(
        "text/x03-mbn-alvsbyn-2022.layout.cp1252.txt",
        1.00,
        1.00,
        4,
        0.75,
        false,
    ),
    // Raw (content-stream order) exports: their indicators are read as a
    // sequence of cells (indicator_layout_lost); a goal printed once for
    // several indicators is not carried to the rows it spans in that order,
    // so those rows have none (missing, not wrong). Their amount tables are
    // withheld where a row's cells shifted (table_skipped).
    f("text/x04-kfn-umea-2025.raw.txt", 0.00, 1.00, 4, 0.50, false),
    f(
        "text/x05-bun-varnamo-2023.layout.utf16.txt",
        1.00,
        1.00,
        4,
        1.00,
        false,
    ),
    f("text/x06-tn-malmo-2025.raw.txt", 0.00, 0.37, 3, 0.00, false),
    // Borderless Word-style tables, every cell centred vertically (issue 11):
    // goal cells cover the rows they stand in the middle of; a row cut by a
    // page break is one row, in the indicator tables and in the driftsammandrag
    // (its label going on under the repeated header).
    f("pdf/b01-bun-sundsvall-2020.pdf", 1.00, 1.00, 4, 1.00, false),
    f("pdf/b02-sn-karlstad-2022.pdf", 1.00, 1.00, 4, 1.00, false),
    f("pdf/b03-kfn-gavle-2023.pdf", 1.00, 1.00, 4, 1.00, false),
    f("pdf/b04-von-lulea-2024.pdf", 1.00, 1.00, 4, 1.00, false),
    // Layout exports of borderless tables, values centred beside indicator
    // texts of three to five lines: rows cut where their values sit in their
    // middle; cells of two lines each set on interleaved lines stay one row;
    // a cell begun on the line above a row goes with the row whose lines go
    // on with it in lowercase; a value set one space after its indicator text
    // is cut at the indicator column's width; breakdown rows (Män, Kvinnor)
    // share their indicator's goal cell.
    f(
        "text/x07-bun-sundsvall-2020.layout.txt",
        1.00,
        1.00,
        4,
        1.00,
        false,
    ),
    f(
        "text/x08-sn-karlstad-2022.layout.txt",
        1.00,
        1.00,
        4,
        1.00,
        false,
    ),
    f(
        "text/x09-kfn-gavle-2023.layout.txt",
        1.00,
        1.00,
        4,
        1.00,
        false,
    ),
    f(
        "text/x10-von-lulea-2024.layout.txt",
        1.00,
        1.00,
        4,
        1.00,
        false,
    ),
    // Layout exports of the ruled Chromium and LibreOffice PDFs (c03–c08,
    // l02–l06), same documents and truths.
    f(
        "text/x11-kfn-umea-2025.layout.txt",
        1.00,
        1.00,
        4,
        1.00,
        false,
    ),
    f(
        "text/x12-tn-gotland-2024.layout.txt",
        1.00,
        1.00,
        4,
        1.00,
        true,
    ),
    f(
        "text/x13-ks-vasteras-2021.layout.txt",
        1.00,
        0.95,
        4,
        0.96,
        false,
    ),
    f(
        "text/x14-von-boras-2025.layout.txt",
        1.00,
        0.97,
        4,
        0.57,
        false,
    ),
    f(
        "text/x15-gvn-orebro-2024.layout.txt",
        0.88,
        0.61,
        4,
        1.00,
        true,
    ),
    f(
        "text/x16-sn-goteborg-2024.layout.txt",
        1.00,
        0.69,
        4,
        0.18,
        false,
    ),
    f(
        "text/x17-kfn-kiruna-2022.layout.txt",
        1.00,
        0.88,
        4,
        0.92,
        true,
    ),
    f(
        "text/x18-tn-malmo-2025.layout.txt",
        1.00,
        0.99,
        4,
        1.00,
        false,
    ),
    f(
        "text/x19-ks-uppsala-2024.layout.txt",
        0.96,
        0.82,
        4,
        0.50,
        false,
    ),
    f(
        "text/x20-mbn-lund-2023.layout.txt",
        1.00,
        0.90,
        4,
        0.93,
        false,
    ),
];
/// Failed reconciliation checks beyond the deliberately broken totals: none,
/// except in these documents (read with misplaced amounts, so their checks
/// rightly fail).
const SPURIOUS_FAILED_CHECKS: &[(&str, usize)] = &[
    ("text/x06-tn-malmo-2025.raw.txt", 1),
    // Its driftsammandrag is read with some amounts misplaced (amounts F1
    // 0.883): revenue plus cost fails for one year that holds in the source.
    ("text/x15-gvn-orebro-2024.layout.txt", 1),
];
const TOTAL_AMOUNTS_F1: f64 = 0.96;
// 0.97 before the borderless documents (b01–b04, x07–x10) joined the corpus;
// 0.894 with them, 0.957 since layout rows are cut around their values,
// 0.978 since they are cut where their values sit in their middle, 0.982
// since rows cut by page breaks and interleaved value cells stay whole,
// 0.984 since a cell begun above its row and a value one space after its
// indicator text are read as theirs; 0.959 since the layout exports of the
// other ruled PDFs (x11–x20) joined the corpus.
const TOTAL_INDICATORS_F1: f64 = 0.95;
// FLOORS-END

fn extract(path: &std::path::Path) -> Option<Value> {
    let out = run(&["extract", path.to_str().unwrap()]);
    if !out.status.success() {
        return None;
    }
    serde_json::from_slice(&out.stdout).ok()
}

fn ratio(ok: usize, n: usize) -> f64 {
    if n == 0 { 1.0 } else { ok as f64 / n as f64 }
}

/// Failed checks of the output that the truth does not expect: a check that
/// holds in the source and fails in the output means rows or amounts were
/// misread.
fn spurious_failures(out: &Value, want: &[&Value]) -> usize {
    out["checks"].as_array().map_or(0, |cs| {
        cs.iter()
            .filter(|c| {
                c["ok"] == false
                    && !want
                        .iter()
                        .any(|w| c["kind"] == w["kind"] && c["year"] == w["column"]["year"])
            })
            .count()
    })
}

/// Does the output report the failed check the truth expects?
fn reports(out: &Value, want: &Value) -> bool {
    out["checks"].as_array().is_some_and(|cs| {
        cs.iter().any(|c| {
            c["ok"] == false && c["kind"] == want["kind"] && c["year"] == want["column"]["year"]
        })
    })
}

#[test]
fn synthetic_corpus_scores_at_least_its_floors() {
    let manifest = read_json("synthetic/manifest.json");
    let entries: Vec<&Value> = manifest.as_array().unwrap().iter().collect();
    let files: Vec<String> = entries
        .iter()
        .map(|e| e["file"].as_str().unwrap().to_string())
        .collect();
    for fl in FLOORS {
        assert!(
            files.iter().any(|x| x == fl.file),
            "floor for {} which is not in the manifest",
            fl.file
        );
    }

    // Extract in parallel: the documents are independent.
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let outputs: Vec<Option<Value>> = std::thread::scope(|s| {
        let chunks: Vec<Vec<(usize, String)>> = (0..threads)
            .map(|t| {
                files
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| i % threads == t)
                    .map(|(i, f)| (i, f.clone()))
                    .collect()
            })
            .collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .into_iter()
                        .map(|(i, f)| (i, extract(&fixture(&format!("synthetic/{f}")))))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut all: Vec<(usize, Option<Value>)> = handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect();
        all.sort_by_key(|(i, _)| *i);
        all.into_iter().map(|(_, v)| v).collect()
    });

    let mut failures = Vec::new();
    let mut total = Score::default();
    let mut missing_floor = Vec::new();
    println!(
        "{:46} {:>7} {:>7} {:>5} {:>7}  broken total",
        "file", "amounts", "indic.", "meta", "goals"
    );
    for (e, out) in entries.iter().zip(&outputs) {
        let file = e["file"].as_str().unwrap();
        let truth = read_json(&format!("synthetic/{}", e["truth"].as_str().unwrap()));
        let empty = serde_json::json!({});
        let doc = out.as_ref().unwrap_or(&empty);
        let s = score(doc, &truth);
        let goals = ratio(s.goals.0, s.goals.1);
        let want: Vec<&Value> = truth["failed_checks"]
            .as_array()
            .map(|v| v.iter().collect())
            .unwrap_or_default();
        let reported = !want.is_empty() && want.iter().all(|w| reports(doc, w));
        println!(
            "{:46} {:7.3} {:7.3} {:>3}/4 {:7.3}  {}{}",
            file,
            s.amounts.f1(),
            s.indicators.f1(),
            s.meta,
            goals,
            if want.is_empty() {
                "-"
            } else if reported {
                "reported"
            } else {
                "NOT reported"
            },
            if out.is_none() {
                "  (extract failed)"
            } else {
                ""
            }
        );
        for (a, b) in [
            (&mut total.amounts, s.amounts),
            (&mut total.indicators, s.indicators),
        ] {
            a.tp += b.tp;
            a.fn_ += b.fn_;
            a.fp += b.fp;
        }
        total.meta += s.meta;
        total.goals.0 += s.goals.0;
        total.goals.1 += s.goals.1;
        let Some(fl) = FLOORS.iter().find(|fl| fl.file == file) else {
            missing_floor.push(file.to_string());
            continue;
        };
        let mut below = |what: &str, got: f64, floor: f64| {
            if got + 1e-9 < floor {
                failures.push(format!("{file}: {what} {got:.3} < floor {floor:.3}"));
            }
        };
        below("amounts F1", s.amounts.f1(), fl.amounts);
        below("indicators F1", s.indicators.f1(), fl.indicators);
        below("meta", s.meta as f64, fl.meta as f64);
        below("committee goals", goals, fl.goals);
        let spurious = spurious_failures(doc, &want);
        let allowed = SPURIOUS_FAILED_CHECKS
            .iter()
            .find(|(f, _)| *f == file)
            .map_or(0, |(_, n)| *n);
        if spurious > allowed {
            failures.push(format!(
                "{file}: {spurious} reconciliation checks fail that hold in the source (at most {allowed})"
            ));
        }
        if fl.broken_total_reported && !reported {
            failures.push(format!(
                "{file}: the deliberately broken total ({}) is no longer reported as a failed check",
                want.iter()
                    .map(|w| format!("{} {}", w["kind"], w["column"]["year"]))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    let (ta, ti): (Counts, Counts) = (total.amounts, total.indicators);
    println!(
        "{:46} {:7.3} {:7.3} {:>3}/{} {:7.3}",
        "TOTAL",
        ta.f1(),
        ti.f1(),
        total.meta,
        4 * entries.len(),
        ratio(total.goals.0, total.goals.1)
    );
    if ta.f1() + 1e-9 < TOTAL_AMOUNTS_F1 {
        failures.push(format!(
            "TOTAL amounts F1 {:.3} < floor {TOTAL_AMOUNTS_F1:.3}",
            ta.f1()
        ));
    }
    if ti.f1() + 1e-9 < TOTAL_INDICATORS_F1 {
        failures.push(format!(
            "TOTAL indicators F1 {:.3} < floor {TOTAL_INDICATORS_F1:.3}",
            ti.f1()
        ));
    }
    assert!(
        missing_floor.is_empty(),
        "documents without a floor in tests/synthetic.rs: {missing_floor:?}"
    );
    assert!(
        failures.is_empty(),
        "synthetic corpus regressions:\n  {}",
        failures.join("\n  ")
    );
}
