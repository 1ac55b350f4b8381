//! A batch killed with SIGKILL mid-run, then rerun: the output is complete,
//! every output is whole, valid JSON of its own input, the inputs finished
//! before the kill are not converted again, and no temporary file remains.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{fixture, run};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FILES: usize = 48;

/// The JSON outputs under `dir` (not the manifest).
fn json_outputs(dir: &Path) -> Vec<PathBuf> {
    common::files_under(dir)
        .into_iter()
        .filter(|f| f.ends_with(".json") && f != "manifest.json")
        .map(|f| dir.join(f))
        .collect()
}

/// Temporary files left under `dir`.
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    common::files_under(dir)
        .into_iter()
        .filter(|f| f.ends_with(".tmp"))
        .map(|f| dir.join(f))
        .collect()
}

#[test]
fn a_killed_batch_resumes_to_a_complete_output_of_whole_json_files() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in");
    let sources = [
        std::fs::read(fixture("text/an-internbudget-2019.txt")).unwrap(),
        std::fs::read(fixture("text/an-internbudget-2021.txt")).unwrap(),
    ];
    for i in 0..FILES {
        // Distinct files: unique trailing newlines.
        let mut bytes = sources[i % 2].clone();
        bytes.extend(std::iter::repeat_n(b'\n', i + 1));
        let p = input.join(format!("part{}/{i:03}.txt", i % 3));
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    let out = d.path().join("out");

    let mut child = Command::new(env!("CARGO_BIN_EXE_internbudget"))
        .args([
            "batch",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--jobs",
            "1",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    loop {
        if json_outputs(&out).len() >= 3 {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the batch finished before it could be killed"
        );
        assert!(t0.elapsed() < Duration::from_secs(120), "no progress");
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert!(!out.join("manifest.json").exists(), "killed before the end");

    // Whatever the killed run left is whole.
    let before = json_outputs(&out);
    assert!(
        before.len() >= 3 && before.len() < FILES,
        "{}",
        before.len()
    );
    for p in &before {
        serde_json::from_slice::<Value>(&std::fs::read(p).unwrap())
            .unwrap_or_else(|e| panic!("{} is not whole JSON: {e}", p.display()));
    }
    // A temporary file as a kill during a write leaves it.
    std::fs::write(out.join("part0/.internbudget-a1b2c3.tmp"), b"{\"half\":").unwrap();

    let r = run(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--jobs",
        "2",
    ]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let m: Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let c = &m["counts"];
    assert_eq!(c["total"], FILES);
    assert_eq!(c["failed"], 0);
    let skipped = c["skipped"].as_u64().unwrap() as usize;
    assert!(
        skipped >= 1 && skipped <= before.len(),
        "skipped {skipped} of {}",
        before.len()
    );
    assert_eq!(c["ok"].as_u64().unwrap() as usize + skipped, FILES);

    // Complete: one whole document per input, of that input.
    for e in m["inputs"].as_array().unwrap() {
        let rel = e["path"].as_str().unwrap();
        let bytes = std::fs::read(input.join(rel)).unwrap();
        let out_path = out.join(e["output"].as_str().unwrap());
        let doc: internbudget_normalizer::Document =
            serde_json::from_slice(&std::fs::read(&out_path).unwrap()).unwrap();
        assert_eq!(
            doc.source.sha256,
            internbudget_normalizer::sha256_hex(&bytes),
            "{rel}"
        );
    }
    assert_eq!(json_outputs(&out).len(), FILES);
    assert!(temp_files(&out).is_empty(), "{:?}", temp_files(&out));
    assert!(!out.join(".internbudget-batch.journal").exists());

    // The kept documents feed a CSV export without converting anything again.
    let r = run(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-f",
        "csv",
        "-q",
    ]);
    assert_eq!(r.status.code(), Some(0));
    let m: Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["counts"]["skipped"], FILES);
    let docs = std::fs::read_to_string(out.join("documents.csv")).unwrap();
    assert_eq!(docs.lines().count(), FILES + 1);
}
