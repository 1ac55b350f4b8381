//! `internbudget batch` on good files mixed with an empty file, a damaged
//! PDF, a password-protected PDF and a binary file: every good file is
//! converted, every bad one is in the manifest with its typed error, the
//! exit code says so (0 all ok, 1 some failed, 2 the run itself failed), and
//! no partial or temporary file is left.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{files_under, fixture, run};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn copy(from: &str, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(fixture(from), to).unwrap();
}

#[test]
fn good_files_convert_and_bad_ones_are_reported_with_typed_errors() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in");
    copy(
        "text/an-internbudget-2019.txt",
        &input.join("good/an-2019.txt"),
    );
    copy(
        "text/an-internbudget-2021.txt",
        &input.join("good/an-2021.txt"),
    );
    copy("pdf/an-2019.lo.pdf", &input.join("good/an-2019.pdf"));
    copy("pdf/an-2021.lo.pdf", &input.join("good/an-2021.pdf"));
    copy("pdf-layer/empty.pdf", &input.join("bad/empty.pdf"));
    copy(
        "pdf-layer/password-example.pdf",
        &input.join("bad/password.pdf"),
    );
    copy(
        "pdf-layer/malformed-from-issue-932.pdf",
        &input.join("bad/malformed-from-issue-932.pdf"),
    );
    // A PDF cut short: header and first objects, no cross-reference table.
    let pdf = std::fs::read(fixture("pdf/an-2019.lo.pdf")).unwrap();
    std::fs::write(input.join("bad/truncated.pdf"), &pdf[..5000]).unwrap();
    // Binary bytes (with NULs), and an empty "text export".
    let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    std::fs::write(input.join("bad/binary.txt"), binary).unwrap();
    std::fs::write(input.join("bad/empty.txt"), b"").unwrap();

    let out = d.path().join("out");
    let r = run(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--jobs",
        "2",
    ]);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(
        r.status.code(),
        Some(1),
        "some failed → exit 1; stderr: {stderr}"
    );
    assert!(
        stderr.contains("4 converted, 0 unchanged, 6 failed of 10"),
        "{stderr}"
    );

    let m: Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["counts"]["total"], 10);
    assert_eq!(m["counts"]["ok"], 4);
    assert_eq!(m["counts"]["failed"], 6);
    let inputs = m["inputs"].as_array().unwrap();
    // Input order: directories walked in name order.
    let paths: Vec<&str> = inputs.iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "bad/binary.txt",
            "bad/empty.pdf",
            "bad/empty.txt",
            "bad/malformed-from-issue-932.pdf",
            "bad/password.pdf",
            "bad/truncated.pdf",
            "good/an-2019.pdf",
            "good/an-2019.txt",
            "good/an-2021.pdf",
            "good/an-2021.txt",
        ]
    );
    let entry = |p: &str| inputs.iter().find(|e| e["path"] == p).unwrap();
    for (path, kind) in [
        ("bad/binary.txt", "binary"),
        ("bad/empty.pdf", "empty"),
        ("bad/empty.txt", "empty"),
        ("bad/password.pdf", "encrypted"),
        ("bad/truncated.pdf", "damaged"),
    ] {
        let e = entry(path);
        assert_eq!(e["status"], "failed", "{path}");
        assert_eq!(e["error"]["kind"], kind, "{path}: {e}");
        assert!(!e["error"]["message"].as_str().unwrap().is_empty());
        assert!(e["output"].is_null());
    }
    // The damaged file from the wild opens but holds no budget: still a typed failure.
    let e = entry("bad/malformed-from-issue-932.pdf");
    assert_eq!(e["status"], "failed");
    assert!(e["error"]["kind"].is_string());

    // Every good file converted, whole and valid against the schema.
    for p in [
        "good/an-2019.pdf",
        "good/an-2019.txt",
        "good/an-2021.pdf",
        "good/an-2021.txt",
    ] {
        let e = entry(p);
        assert_eq!(e["status"], "ok", "{p}: {e}");
        let output = e["output"].as_str().unwrap();
        assert_eq!(output, format!("{p}.json"));
        let doc: Value = serde_json::from_slice(&std::fs::read(out.join(output)).unwrap()).unwrap();
        internbudget_normalizer::validate(&doc).unwrap();
        assert_eq!(doc["source"]["sha256"], e["sha256"]);
        assert!(!doc["tables"].as_array().unwrap().is_empty());
    }

    // No partial files: exactly the outputs, the manifest, the error report
    // and the (empty) lock file.
    let want: BTreeSet<String> = [
        ".internbudget-batch.lock",
        "errors.txt",
        "manifest.json",
        "good/an-2019.pdf.json",
        "good/an-2019.txt.json",
        "good/an-2021.pdf.json",
        "good/an-2021.txt.json",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(files_under(&out), want);

    // The error report: one line per failure, "path: kind: message".
    let errors = std::fs::read_to_string(out.join("errors.txt")).unwrap();
    assert_eq!(errors.lines().count(), 6);
    assert!(
        errors.contains("bad/password.pdf: encrypted: the PDF is encrypted"),
        "{errors}"
    );

    // A rerun skips the good files and reports the bad ones again.
    let r = run(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(r.status.code(), Some(1));
    assert!(r.stderr.is_empty(), "--quiet prints nothing");
    let m: Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["counts"]["skipped"], 4);
    assert_eq!(m["counts"]["failed"], 6);

    // Only good files: exit 0.
    let out2 = d.path().join("out2");
    let r = run(&[
        "batch",
        input.join("good").to_str().unwrap(),
        "-o",
        out2.to_str().unwrap(),
    ]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(out2.join("an-2019.pdf.json").is_file());
}

#[test]
fn run_errors_exit_2() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out");
    // An input that does not exist.
    let r = run(&[
        "batch",
        d.path().join("missing").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("missing"));
    // CSV cannot go to stdout.
    let f = fixture("text/an-internbudget-2019.txt");
    let r = run(&["batch", f.to_str().unwrap(), "-o", "-", "--format", "csv"]);
    assert_eq!(r.status.code(), Some(2));
    // The output directory is a file.
    let file = d.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let r = run(&["batch", f.to_str().unwrap(), "-o", file.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(2));
    // Bad arguments (clap).
    let r = run(&[
        "batch",
        f.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--jobs",
        "0",
    ]);
    assert_eq!(r.status.code(), Some(2));
}

/// The time limit holds in batch for every stage, not only the PDF reader:
/// a text export that takes seconds to parse fails as a timeout, and the
/// file next to it is converted.
#[test]
fn a_slow_text_export_times_out_and_the_rest_converts() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    // The 2021 export 128 times over: about 10 MB, seconds to parse.
    let one = std::fs::read(fixture("text/an-internbudget-2021.txt")).unwrap();
    let big: Vec<u8> = std::iter::repeat_n(one.as_slice(), 128)
        .flatten()
        .copied()
        .collect();
    std::fs::write(input.join("slow.txt"), big).unwrap();
    copy("text/an-internbudget-2019.txt", &input.join("good.txt"));
    let out = d.path().join("out");
    let started = std::time::Instant::now();
    let r = run(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--jobs",
        "2",
        "--timeout",
        "0.2",
    ]);
    let elapsed = started.elapsed();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{stderr}");
    let m: Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let inputs = m["inputs"].as_array().unwrap();
    let entry = |p: &str| inputs.iter().find(|e| e["path"] == p).unwrap();
    let slow = entry("slow.txt");
    assert_eq!(slow["status"], "failed", "{slow}");
    assert_eq!(slow["error"]["kind"], "timeout", "{slow}");
    assert!(
        slow["error"]["message"]
            .as_str()
            .unwrap()
            .contains("longer than the limit of 200ms"),
        "{slow}"
    );
    assert_eq!(entry("good.txt")["status"], "ok");
    assert!(!out.join("slow.txt.json").exists());
    // Generous: unbounded, the slow file alone takes several seconds.
    assert!(elapsed < std::time::Duration::from_secs(30), "{elapsed:?}");
}
