//! Bad input: an empty file, a binary file, a text without budget tables and
//! a missing file each give one line on stderr naming the file and the
//! problem, a non-zero exit, no panic and no output file.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::run;
use std::path::Path;

fn check(path: &Path, expect: &str) {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("out.json");
    let out = run(&[
        "extract",
        path.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "not one line: {stderr}"
    );
    assert!(
        stderr.contains(path.file_name().unwrap().to_str().unwrap()),
        "file not named: {stderr}"
    );
    assert!(stderr.contains(expect), "expected {expect:?} in {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!out_path.exists(), "an output file was left behind");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(
        leftovers.is_empty(),
        "temporary files left behind: {leftovers:?}"
    );
}

#[test]
fn empty_binary_no_tables_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    check(&empty, "empty");
    let binary = dir.path().join("image.bin");
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&binary, bytes).unwrap();
    check(&binary, "binary");
    let prose = dir.path().join("letter.txt");
    std::fs::write(
        &prose,
        "Hej!\n\nDetta är ett brev utan några budgettabeller.\nMed vänlig hälsning\n",
    )
    .unwrap();
    check(&prose, "no budget tables");
    check(&dir.path().join("does-not-exist.pdf"), "cannot read");
}

#[test]
fn validate_rejects_a_broken_document() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("doc.json");
    std::fs::write(
        &p,
        br#"{"schema_version": "1.0.0", "tables": [{"values": [1.5]}]}"#,
    )
    .unwrap();
    let out = run(&["validate", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    // One line per violation, each naming the file and the place.
    assert!(
        stderr.contains("doc.json: /tables/0: \"id\" is a required property"),
        "{stderr}"
    );
    assert!(
        stderr.contains("doc.json: the document: \"source\" is a required property"),
        "{stderr}"
    );
    assert!(
        stderr.trim_end().ends_with("1 of 1 file is not valid"),
        "{stderr}"
    );
}
