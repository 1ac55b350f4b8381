//! The command line of `internbudget batch`: inputs listed on stdin (`-`,
//! one per line or NUL-separated with `-0`), reruns that skip inputs whose
//! SHA-256 and tool version are unchanged, `--force`, and how progress shows
//! on stderr: an indicatif bar on a terminal, one plain line per input when
//! stderr is not a terminal, nothing with `--quiet`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{fixture, run};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Two text exports and two PDFs under `d/in`, and a file that is not a budget.
fn inputs(d: &Path) -> Vec<PathBuf> {
    let input = d.join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    let mut out = Vec::new();
    for (from, to) in [
        ("text/an-internbudget-2019.txt", "a 2019.txt"),
        ("pdf/an-2019.lo.pdf", "sub/b.pdf"),
        ("text/an-internbudget-2021.txt", "sub/c.txt"),
        ("pdf/an-2021.lo.pdf", "d.pdf"),
    ] {
        let p = input.join(to);
        std::fs::copy(fixture(from), &p).unwrap();
        out.push(p);
    }
    out
}

fn manifest(out: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap()
}

fn paths(m: &Value) -> Vec<String> {
    m["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap().to_string())
        .collect()
}

fn statuses(m: &Value) -> Vec<String> {
    m["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap().to_string())
        .collect()
}

/// Runs the binary with `stdin` as its standard input.
fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_internbudget"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

/// The lines the batch itself wrote to stderr (progress and summary).
fn own_lines(stderr: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stderr)
        .lines()
        .filter(|l| l.starts_with("internbudget:"))
        .map(str::to_string)
        .collect()
}

#[test]
fn inputs_are_read_from_stdin_one_per_line_or_nul_separated() {
    let d = tempfile::tempdir().unwrap();
    let files = inputs(d.path());
    let out = d.path().join("out");
    // Lines (CRLF too, empty lines ignored), in the order given; a path
    // given on the command line as well as on stdin is taken once.
    let list = format!(
        "{}\r\n\n{}\n{}\n",
        files[3].display(),
        files[1].display(),
        files[0].display()
    );
    let r = run_with_stdin(
        &[
            "batch",
            "-",
            files[1].to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "-q",
        ],
        list.as_bytes(),
    );
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let m = manifest(&out);
    assert_eq!(paths(&m), ["d.pdf", "sub/b.pdf", "a 2019.txt"]);
    assert!(out.join("sub/b.pdf.json").is_file());
    assert!(out.join("a 2019.txt.json").is_file());

    // NUL-separated (find -print0), with a directory among the paths.
    let out0 = d.path().join("out0");
    let mut list = Vec::new();
    for p in [&files[0], &d.path().join("in/sub")] {
        list.extend_from_slice(p.as_os_str().as_encoded_bytes());
        list.push(0);
    }
    let r = run_with_stdin(
        &["batch", "-", "-0", "-o", out0.to_str().unwrap(), "-q"],
        &list,
    );
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert_eq!(
        paths(&manifest(&out0)),
        ["a 2019.txt", "sub/b.pdf", "sub/c.txt"]
    );

    // A path on stdin that does not exist fails the run before any work.
    let out_bad = d.path().join("out-bad");
    let r = run_with_stdin(
        &["batch", "-", "-o", out_bad.to_str().unwrap(), "-q"],
        format!("{}\n/no/such/file.pdf\n", files[0].display()).as_bytes(),
    );
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("/no/such/file.pdf"));
}

#[test]
fn reruns_skip_by_sha256_and_tool_version_and_force_redoes_all() {
    let d = tempfile::tempdir().unwrap();
    let files = inputs(d.path());
    let input = d.path().join("in");
    let out = d.path().join("out");
    let batch = |extra: &[&str]| {
        let mut args = vec![
            "batch",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let r = run(&args);
        assert_eq!(
            r.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&r.stderr)
        );
        (manifest(&out), r)
    };
    let (m, _) = batch(&["-q"]);
    assert_eq!(statuses(&m), ["ok"; 4]);
    assert_eq!(m["tool_version"], env!("CARGO_PKG_VERSION"));
    let first_output = std::fs::read(out.join("d.pdf.json")).unwrap();
    let mtime = |p: &str| std::fs::metadata(out.join(p)).unwrap().modified().unwrap();
    let before = mtime("d.pdf.json");

    // Unchanged: everything skipped, outputs untouched; the summary says so.
    let (m, r) = batch(&[]);
    assert_eq!(statuses(&m), ["skipped"; 4]);
    assert_eq!(mtime("d.pdf.json"), before);
    let summary = own_lines(&r.stderr);
    assert!(
        summary
            .last()
            .unwrap()
            .contains("0 converted, 4 unchanged, 0 failed of 4"),
        "{summary:?}"
    );
    assert!(
        summary
            .iter()
            .any(|l| l.contains("skipped d.pdf (unchanged)")),
        "{summary:?}"
    );

    // One input changed (same path, other bytes): only it is converted.
    let mut bytes = std::fs::read(&files[0]).unwrap();
    bytes.extend_from_slice(b"\n\n");
    std::fs::write(&files[0], &bytes).unwrap();
    let (m, _) = batch(&["-q"]);
    assert_eq!(statuses(&m), ["ok", "skipped", "skipped", "skipped"]);
    assert_eq!(
        m["inputs"][0]["sha256"],
        internbudget_normalizer::sha256_hex(&bytes)
    );

    // Outputs of another tool version are converted again.
    let mut old = manifest(&out);
    old["tool_version"] = "0.0.0-older".into();
    std::fs::write(
        out.join("manifest.json"),
        serde_json::to_vec_pretty(&old).unwrap(),
    )
    .unwrap();
    let (m, _) = batch(&["-q"]);
    assert_eq!(statuses(&m), ["ok"; 4]);

    // --force redoes everything; the outputs are the same documents.
    let (m, _) = batch(&["-q", "--force"]);
    assert_eq!(statuses(&m), ["ok"; 4]);
    assert_eq!(m["counts"]["skipped"], 0);
    assert_eq!(std::fs::read(out.join("d.pdf.json")).unwrap(), first_output);
}

/// Runs `sh_command` under a pseudo-terminal with util-linux `script`;
/// `None` when there is no such `script` here.
fn under_a_terminal(sh_command: &str) -> Option<Output> {
    let r = Command::new("script")
        .args(["-q", "-e", "-c", sh_command, "/dev/null"])
        .env("TERM", "xterm-256color")
        .stdin(Stdio::null())
        .output()
        .ok()?;
    // BSD `script` has other options: it fails before running anything.
    let text = String::from_utf8_lossy(&r.stdout);
    (text.contains("internbudget") || r.status.success()).then_some(r)
}

fn quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

#[test]
fn progress_is_a_bar_on_a_terminal_plain_lines_otherwise_and_nothing_when_quiet() {
    let d = tempfile::tempdir().unwrap();
    inputs(d.path());
    let input = d.path().join("in");
    std::fs::write(input.join("empty.txt"), b"").unwrap();

    // Not a terminal: one line per input, "[done/total] status path", then the summary.
    let out = d.path().join("plain");
    let r = run(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--jobs",
        "2",
    ]);
    assert_eq!(r.status.code(), Some(1));
    let lines = own_lines(&r.stderr);
    assert_eq!(lines.len(), 6, "{lines:?}");
    for (i, l) in lines[..5].iter().enumerate() {
        assert!(
            l.starts_with(&format!("internbudget: [{}/5] ", i + 1)),
            "{l}"
        );
    }
    assert!(
        lines
            .iter()
            .any(|l| l.contains("failed  empty.txt: empty: ")),
        "{lines:?}"
    );
    assert!(lines[5].contains("4 converted, 0 unchanged, 1 failed of 5"));
    assert!(lines[5].contains("errors.txt"), "{}", lines[5]);
    let all = String::from_utf8_lossy(&r.stderr);
    assert!(!all.contains('\u{1b}'), "no terminal escapes: {all}");
    assert!(r.stdout.is_empty());

    // --quiet: nothing of the batch's own on stderr, same exit code.
    let out = d.path().join("quiet");
    let r = run(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(r.status.code(), Some(1));
    let all = String::from_utf8_lossy(&r.stderr);
    assert!(own_lines(&r.stderr).is_empty(), "{all}");
    assert!(
        !all.contains("files/s") && !all.contains("failed  "),
        "{all}"
    );

    // A terminal: the indicatif bar (done/total, rate, ETA, failures so
    // far), failures printed above it, the summary after it.
    let out = d.path().join("tty");
    let bin = Path::new(env!("CARGO_BIN_EXE_internbudget"));
    let cmd = format!(
        "{} batch {} -o {} --jobs 2 >/dev/null",
        quote(bin),
        quote(&input),
        quote(&out)
    );
    let Some(r) = under_a_terminal(&cmd) else {
        eprintln!("skipped the terminal check: no util-linux `script`");
        return;
    };
    assert_eq!(r.status.code(), Some(1), "script -e passes the exit code");
    let tty = String::from_utf8_lossy(&r.stdout);
    assert!(tty.contains("/5 files"), "{tty}");
    assert!(tty.contains("files/s"), "{tty}");
    assert!(tty.contains("ETA"), "{tty}");
    assert!(tty.contains("1 failed"), "{tty}");
    assert!(tty.contains("failed  empty.txt: empty: "), "{tty}");
    assert!(tty.contains("\u{1b}["), "drawn with terminal escapes");
    assert!(
        tty.contains("4 converted, 0 unchanged, 1 failed of 5"),
        "{tty}"
    );
    assert!(
        !tty.contains("internbudget: [1/5]"),
        "no plain lines on a terminal"
    );
    assert_eq!(manifest(&out)["counts"]["ok"], 4);
}
