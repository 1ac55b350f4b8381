//! The command line behaves like the tools people already use: a reader of
//! stdout that goes away ends it quietly with 0, `-` reads stdin, `-o`
//! files get the umask's mode and never replace an input, usage errors exit
//! 2, every message is one line naming its file with anything from outside
//! escaped, limit flags take and show one size syntax, `batch` reads only
//! the input kinds it knows, and `validate` and `diff` read JSON documents
//! by the same rules.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{fixture, run};
use serde_json::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_internbudget")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs the binary with `input` on stdin.
fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(bin())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// Runs the binary, reads one byte of its stdout and closes the pipe, as
/// `| head -c1` does; gives the exit status and stderr.
fn run_head_c1(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(bin())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut one = [0u8; 1];
    stdout.read_exact(&mut one).unwrap();
    drop(stdout);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (child.wait().unwrap().code(), err)
}

/// A text export large enough that its output overflows a pipe's buffer.
fn big_text(dir: &Path) -> PathBuf {
    let one = std::fs::read(fixture("text/an-internbudget-2021.txt")).unwrap();
    let p = dir.join("big.txt");
    std::fs::write(&p, one.repeat(4)).unwrap();
    p
}

#[test]
fn a_reader_that_goes_away_ends_every_command_quietly_with_0() {
    let d = tempfile::tempdir().unwrap();
    let big = big_text(d.path());
    let big = big.to_str().unwrap();
    let pdf = fixture("pdf/an-2021.lo.pdf");
    let pdf = pdf.to_str().unwrap();
    let txt19 = fixture("text/an-internbudget-2019.txt");
    let txt19 = txt19.to_str().unwrap();
    let dir = d.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..6 {
        std::fs::copy(fixture("pdf/an-2019.lo.pdf"), dir.join(format!("{i}.pdf"))).unwrap();
    }
    let schema_big: &[&[&str]] = &[
        &["extract", pdf],
        &["extract", big],
        &["text", big],
        &["diff", txt19, big],
        &[
            "batch",
            dir.to_str().unwrap(),
            "-o",
            "-",
            "-f",
            "jsonl",
            "-q",
        ],
        &["schema"],
    ];
    for args in schema_big {
        let (code, err) = run_head_c1(args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert_eq!(err, "", "{args:?}");
    }
}

#[cfg(unix)]
#[test]
fn outputs_get_the_mode_of_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    let txt = fixture("text/an-internbudget-2021.txt");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let with_umask = |umask: &str, args: &[&str]| {
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
            .arg(bin())
            .args(args)
            .status()
            .unwrap();
        assert!(status.success(), "{args:?}");
    };
    // A new file gets the umask's mode.
    for (umask, want) in [("022", 0o644), ("077", 0o600), ("002", 0o664)] {
        let out = d.path().join(format!("an-2021.{umask}.json"));
        with_umask(
            umask,
            &[
                "extract",
                txt.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(mode(&out), want, "umask {umask}");
    }
    // A replaced file keeps its own, as with `>`.
    let out = d.path().join("an-2021.022.json");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    with_umask(
        "022",
        &[
            "extract",
            txt.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(mode(&out), 0o640);
    // The same for schema, diff and batch outputs.
    let schema = d.path().join("s.json");
    with_umask("022", &["schema", "-o", schema.to_str().unwrap()]);
    assert_eq!(mode(&schema), 0o644);
    let diff = d.path().join("d.json");
    let t19 = fixture("text/an-internbudget-2019.txt");
    with_umask(
        "022",
        &[
            "diff",
            t19.to_str().unwrap(),
            txt.to_str().unwrap(),
            "-o",
            diff.to_str().unwrap(),
        ],
    );
    assert_eq!(mode(&diff), 0o644);
    let dir = d.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(&t19, dir.join("a.txt")).unwrap();
    let outdir = d.path().join("out");
    with_umask(
        "022",
        &[
            "batch",
            dir.to_str().unwrap(),
            "-o",
            outdir.to_str().unwrap(),
            "-q",
        ],
    );
    assert_eq!(mode(&outdir.join("a.txt.json")), 0o644);
    assert_eq!(mode(&outdir.join("manifest.json")), 0o644);
}

#[test]
fn a_dash_reads_stdin() {
    let pdf = std::fs::read(fixture("pdf/an-2021.lo.pdf")).unwrap();
    let out = run_stdin(&["extract", "-"], &pdf);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["source"]["file"], "stdin");
    assert_eq!(doc["source"]["format"], "pdf");
    let from_file = common::extract("pdf/an-2021.lo.pdf");
    assert_eq!(doc["tables"], from_file["tables"]);

    let txt = std::fs::read(fixture("text/an-internbudget-2019.txt")).unwrap();
    let out = run_stdin(&["text", "-"], &txt);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Ekonomiskt bistånd"));

    let json = serde_json::to_vec(&doc).unwrap();
    let out = run_stdin(&["validate", "-"], &json);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "stdin: valid\n");

    let t19 = fixture("text/an-internbudget-2019.txt");
    let out = run_stdin(&["diff", t19.to_str().unwrap(), "-"], &json);
    assert!(out.status.success(), "{}", stderr(&out));
    let d: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(d["comparisons"].is_array(), "{d}");

    // Only one input can be stdin.
    let out = run_stdin(&["diff", "-", "-"], &json);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let d = tempfile::tempdir().unwrap();
    let pdf = d.path().join("a.pdf");
    std::fs::copy(fixture("pdf/an-2021.lo.pdf"), &pdf).unwrap();
    let original = std::fs::read(&pdf).unwrap();
    let mut outs = vec![pdf.clone()];
    #[cfg(unix)]
    {
        let link = d.path().join("link.json");
        std::os::unix::fs::symlink(&pdf, &link).unwrap();
        outs.push(link);
    }
    let hard = d.path().join("hard.json");
    std::fs::hard_link(&pdf, &hard).unwrap();
    outs.push(hard);
    for out in &outs {
        let r = run(&[
            "extract",
            pdf.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        let err = stderr(&r);
        assert_eq!(r.status.code(), Some(2), "{err}");
        assert!(err.contains("the output is one of the inputs"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(std::fs::read(&pdf).unwrap(), original);
    }
    // diff: the output may be none of its inputs either.
    let t = fixture("text/an-internbudget-2019.txt");
    let r = run(&[
        "diff",
        t.to_str().unwrap(),
        pdf.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
    assert_eq!(std::fs::read(&pdf).unwrap(), original);
    // stdin redirected from the file.
    #[cfg(unix)]
    {
        let r = Command::new(bin())
            .args(["extract", "-", "-o", pdf.to_str().unwrap()])
            .stdin(std::fs::File::open(&pdf).unwrap())
            .output()
            .unwrap();
        assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
        assert_eq!(std::fs::read(&pdf).unwrap(), original);
    }
}

#[test]
fn extract_says_what_a_normalized_document_is_and_validate_what_a_source_is() {
    let d = tempfile::tempdir().unwrap();
    let json = d.path().join("an-2021.json");
    let doc = common::extract("text/an-internbudget-2021.txt");
    std::fs::write(&json, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    let r = run(&["extract", json.to_str().unwrap()]);
    let err = stderr(&r);
    assert_eq!(r.status.code(), Some(1), "{err}");
    assert!(
        err.contains("an-2021.json: this is a normalized internbudget document (JSON) already"),
        "{err}"
    );
    assert!(err.contains("--revalidate"), "{err}");
    let r = run(&[
        "extract",
        "--revalidate",
        "--compact",
        json.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", stderr(&r));
    let back: Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(back, doc);

    let pdf = fixture("pdf/an-2021.lo.pdf");
    let r = run(&["validate", pdf.to_str().unwrap()]);
    let err = stderr(&r);
    assert_eq!(r.status.code(), Some(1), "{err}");
    assert!(err.contains("not JSON (it is a PDF)"), "{err}");
    assert!(err.contains("internbudget extract "), "{err}");
    // A file that cannot be read says why.
    let r = run(&["validate", "/nonexistent/x.json"]);
    let err = stderr(&r);
    assert!(
        err.contains("/nonexistent/x.json: cannot read it: No such file or directory"),
        "{err}"
    );
}

#[test]
fn batch_reads_only_known_input_kinds_and_counts_the_rest() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("mixed");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(fixture("pdf/an-2021.lo.pdf"), dir.join("an-2021.pdf")).unwrap();
    std::fs::copy(
        fixture("text/an-internbudget-2019.txt"),
        dir.join("an-2019.txt"),
    )
    .unwrap();
    let doc = common::extract("pdf/an-2021.lo.pdf");
    std::fs::write(dir.join("an-2021.json"), serde_json::to_vec(&doc).unwrap()).unwrap();
    std::fs::write(
        dir.join("README"),
        "These are the budgets of 2019 and 2021.\n",
    )
    .unwrap();
    let out = d.path().join("out");
    let r = run(&["batch", dir.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let err = stderr(&r);
    assert_eq!(r.status.code(), Some(0), "{err}");
    assert!(
        err.contains("2 converted, 0 unchanged, 0 failed of 2"),
        "{err}"
    );
    assert!(
        err.contains("2 files ignored (not an input kind; --all takes them)"),
        "{err}"
    );
    let m: Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["counts"]["ignored"], 2);
    assert_eq!(m["ignored"], serde_json::json!(["README", "an-2021.json"]));
    // --all tries them too: the README and the JSON document fail.
    let out2 = d.path().join("out2");
    let r = run(&[
        "batch",
        dir.to_str().unwrap(),
        "-o",
        out2.to_str().unwrap(),
        "--all",
    ]);
    assert_eq!(r.status.code(), Some(1), "{}", stderr(&r));
    let m: Value =
        serde_json::from_slice(&std::fs::read(out2.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["counts"]["failed"], 2);
    let kinds: Vec<&str> = m["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["error"]["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["no_budget_content", "normalized_document"]);
}

#[test]
fn every_limit_flag_takes_and_shows_one_size_syntax() {
    let r = run(&["batch", "--help"]);
    let help = String::from_utf8_lossy(&r.stdout);
    for want in [
        "[default: 128M]",
        "[default: 256M]",
        "[default: 16M]",
        "[default: 64K]",
        "[default: 32M]",
        "[default: 64M]",
        "[default: 60]",
    ] {
        assert!(help.contains(want), "{want} not in {help}");
    }
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(fixture("pdf/an-2021.lo.pdf"), dir.join("a.pdf")).unwrap();
    let out = d.path().join("out");
    let r = run(&[
        "batch",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--max-file-size",
        "100K",
        "-q",
    ]);
    assert_eq!(r.status.code(), Some(1), "{}", stderr(&r));
    let m: Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let e = &m["inputs"][0]["error"];
    assert_eq!(e["kind"], "too_large");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("batch limit of 100K"),
        "{e}"
    );
}

#[test]
fn usage_errors_exit_2_and_batch_stdout_is_json_lines() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(fixture("text/an-internbudget-2019.txt"), dir.join("a.txt")).unwrap();
    // -o - alone: JSON Lines, as the help says.
    let r = run(&["batch", dir.to_str().unwrap(), "-o", "-", "-q"]);
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    let lines: Vec<&[u8]> = r
        .stdout
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines.len(), 1);
    let doc: Value = serde_json::from_slice(lines[0]).unwrap();
    assert_eq!(doc["source"]["file"], "a.txt");
    for (args, flag) in [
        (vec!["-f", "json"], "--format json"),
        (vec!["-f", "csv"], "--format csv"),
    ] {
        let mut all = vec!["batch", dir.to_str().unwrap(), "-o", "-"];
        all.extend(args);
        let r = run(&all);
        let err = stderr(&r);
        assert_eq!(r.status.code(), Some(2), "{err}");
        assert!(err.contains(flag) && err.contains("-o -"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let r = run(&[
        "batch",
        dir.to_str().unwrap(),
        "-o",
        d.path().join("out").to_str().unwrap(),
        "--manifest",
        "m.json",
    ]);
    assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
    assert!(stderr(&r).contains("--manifest"), "{}", stderr(&r));
    // A bad flag value: clap's usage error.
    let r = run(&["extract", "x.pdf", "--max-text-bytes", "lots"]);
    assert_eq!(r.status.code(), Some(2));
}

#[test]
fn messages_are_one_line_with_names_and_text_escaped() {
    let d = tempfile::tempdir().unwrap();
    // A file name with a newline and a terminal escape in it.
    let evil = d.path().join("fake\ninternbudget: all good \u{1b}[2J.txt");
    std::fs::write(&evil, "Hej!\nInga tabeller här.\n").unwrap();
    let r = run(&["extract", evil.to_str().unwrap()]);
    let err = stderr(&r);
    assert_eq!(r.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(
        err.contains("fake\\ninternbudget: all good \\u{1b}[2J.txt"),
        "{err:?}"
    );
    assert!(!err.contains('\u{1b}'));
    // In batch progress lines and errors.txt too.
    let out = d.path().join("out");
    let r = run(&["batch", evil.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let err = stderr(&r);
    assert_eq!(r.status.code(), Some(1), "{err}");
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert_eq!(
        err.lines().count(),
        2,
        "one progress line and the summary: {err:?}"
    );
    let report = std::fs::read_to_string(out.join("errors.txt")).unwrap();
    assert_eq!(report.lines().count(), 1, "{report:?}");
    // A warning of the diff quoting a 1 MB committee name is cut.
    let mut doc = common::extract("text/an-internbudget-2019.txt");
    doc["document"]["committee"] = Value::from("N".repeat(1 << 20));
    let p = d.path().join("long.json");
    std::fs::write(&p, serde_json::to_vec(&doc).unwrap()).unwrap();
    let t21 = fixture("text/an-internbudget-2021.txt");
    let r = run(&[
        "diff",
        p.to_str().unwrap(),
        t21.to_str().unwrap(),
        "-o",
        "/dev/null",
    ]);
    let err = stderr(&r);
    assert!(r.status.success(), "{err}");
    assert!(
        err.lines().all(|l| l.chars().count() < 700),
        "{}",
        err.len()
    );
    assert!(err.contains('…'), "{err}");
}

#[test]
fn batch_progress_says_1_warning() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    // Four lines, one table and no municipality: exactly one warning.
    std::fs::write(
        dir.join("t.txt"),
        "Driftsammandrag (tkr)\n\nVerksamhet      Budget 2021    Plan 2022\nA               100            110\nB               200            210\nSumma           300            320\n",
    )
    .unwrap();
    let out = d.path().join("out");
    let r = run(&["batch", dir.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let err = stderr(&r);
    assert_eq!(r.status.code(), Some(0), "{err}");
    assert!(err.contains("ok      t.txt (1 warning)"), "{err}");
}

#[test]
fn a_missing_output_directory_is_named_without_a_temporary_path() {
    let t = fixture("text/an-internbudget-2019.txt");
    let r = run(&[
        "extract",
        t.to_str().unwrap(),
        "-o",
        "/nonexistent/dir/x.json",
    ]);
    let err = stderr(&r);
    assert_eq!(r.status.code(), Some(1), "{err}");
    assert_eq!(
        err,
        "internbudget: /nonexistent/dir/x.json: cannot write: the directory /nonexistent/dir does not exist\n"
    );
}

/// validate and diff agree on every case: both accept or both refuse.
#[test]
fn validate_and_diff_read_json_by_the_same_rules() {
    let d = tempfile::tempdir().unwrap();
    let doc = common::extract("text/an-internbudget-2019.txt");
    let json = serde_json::to_string(&doc).unwrap();
    let other = d.path().join("other.json");
    std::fs::write(&other, &json).unwrap();
    let version = doc["schema_version"].as_str().unwrap();
    let budget_year = format!("\"budget_year\":{}", doc["document"]["budget_year"]);
    let a_value = doc["tables"][0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["values"].as_array().unwrap())
        .find_map(|v| v.as_str())
        .unwrap()
        .to_string();
    let cases: Vec<(&str, Vec<u8>, bool)> = vec![
        ("plain", json.clone().into_bytes(), true),
        (
            "with a BOM",
            [b"\xEF\xBB\xBF".as_slice(), json.as_bytes()].concat(),
            true,
        ),
        (
            "schema 2.0.0",
            json.replace(
                &format!("\"schema_version\":\"{version}\""),
                "\"schema_version\":\"2.0.0\"",
            )
            .into_bytes(),
            false,
        ),
        (
            "a duplicate key",
            json.replacen('{', "{\"checks\":[],", 1).into_bytes(),
            false,
        ),
        (
            "a 100-digit amount",
            json.replacen(
                &format!("\"{a_value}\""),
                &format!("\"{}\"", "9".repeat(100)),
                1,
            )
            .into_bytes(),
            false,
        ),
        (
            "a year of 2^70",
            json.replace(&budget_year, "\"budget_year\":1180591620717411303424")
                .into_bytes(),
            false,
        ),
        ("not JSON", b"{\"schema_version\": ".to_vec(), false),
    ];
    for (what, bytes, good) in cases {
        let p = d.path().join("case.json");
        std::fs::write(&p, &bytes).unwrap();
        let v = run(&["validate", p.to_str().unwrap()]);
        let df = run(&[
            "diff",
            p.to_str().unwrap(),
            other.to_str().unwrap(),
            "-o",
            "/dev/null",
        ]);
        assert_eq!(v.status.success(), good, "validate, {what}: {}", stderr(&v));
        assert_eq!(df.status.success(), good, "diff, {what}: {}", stderr(&df));
    }
    // Both under the same size limit.
    let p = d.path().join("case.json");
    std::fs::write(&p, &json).unwrap();
    let v = run(&["validate", p.to_str().unwrap(), "--max-json-bytes", "1K"]);
    let df = run(&[
        "diff",
        p.to_str().unwrap(),
        other.to_str().unwrap(),
        "--max-json-bytes",
        "1K",
    ]);
    for r in [&v, &df] {
        assert_eq!(r.status.code(), Some(1));
        assert!(
            stderr(r)
                .contains("the size of a JSON document exceeds the limit of 1K (--max-json-bytes)"),
            "{}",
            stderr(r)
        );
    }
}
