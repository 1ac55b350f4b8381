//! Replays every input the fuzzers ever failed on (`fuzz/regressions/TARGET/`,
//! kept there by `scripts/fuzz.sh`) and every committed seed
//! (`fuzz/seeds/TARGET/`) through the same entry points as the fuzz targets
//! (`fuzz/entries.rs`): none may panic or break a property again.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[allow(dead_code)]
#[path = "../fuzz/entries.rs"]
mod entries;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = rd
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    out.sort();
    out
}

/// Runs `entry` on every kept file of `target`; fails naming each file that
/// panics, and returns how many files ran.
fn replay(target: &str, entry: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut failures = Vec::new();
    let mut count = 0;
    for dir in ["regressions", "seeds"] {
        for path in files(&root.join(dir).join(target)) {
            let bytes = std::fs::read(&path).unwrap();
            let t = Instant::now();
            let result = std::panic::catch_unwind(|| entry(&bytes));
            count += 1;
            if let Err(e) = result {
                let msg = e
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_string()))
                    .unwrap_or_default();
                failures.push(format!("{}: {msg}", path.display()));
            } else if t.elapsed() > Duration::from_secs(20) {
                failures.push(format!("{}: took {:?}", path.display(), t.elapsed()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    count
}

#[test]
fn pdf_document_regressions() {
    assert!(replay("pdf_document", entries::pdf_document) > 0);
}

#[test]
fn text_export_regressions() {
    assert!(replay("text_export", entries::text_export) > 0);
}

#[test]
fn docx_document_regressions() {
    assert!(replay("docx_document", entries::docx_document) > 0);
}

#[test]
fn html_page_regressions() {
    assert!(replay("html_page", entries::html_page) > 0);
}

#[test]
fn number_regressions() {
    assert!(replay("number", entries::number) > 0);
}

#[test]
fn diff_regressions() {
    assert!(replay("diff", entries::diff) > 0);
}

/// The entries' own checks hold on the bundled fixtures (so a failure in a
/// fuzz run is the input's doing, not a property that never held).
#[test]
fn entries_accept_the_fixtures() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for f in files(&fixtures.join("pdf")) {
        if f.extension().is_some_and(|e| e == "pdf") {
            entries::pdf_document(&std::fs::read(&f).unwrap());
        }
    }
    for f in files(&fixtures.join("text")) {
        entries::text_export(&std::fs::read(&f).unwrap());
    }
    for f in files(&fixtures.join("docx")) {
        entries::docx_document(&std::fs::read(&f).unwrap());
    }
    for f in files(&fixtures.join("html")) {
        if f.extension().is_some_and(|e| e == "html") {
            entries::html_page(&std::fs::read(&f).unwrap());
        }
    }
}

#[test]
fn swedish_printing_round_trips() {
    use rust_decimal::Decimal;
    use std::str::FromStr;
    for s in [
        "0",
        "-2141",
        "1234.5",
        "-14870",
        "1234567.89",
        "-0.5",
        "999",
    ] {
        let d = Decimal::from_str(s).unwrap();
        for form in 0..=u8::MAX {
            let printed = entries::swedish(d, form);
            assert_eq!(
                internbudget_parser::number::parse_amount(&printed),
                Some(d),
                "{printed:?}"
            );
        }
    }
}
