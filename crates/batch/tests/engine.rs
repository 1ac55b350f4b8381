//! The batch engine with injected conversions: panics and errors stay per
//! input, outputs of failed inputs are removed, reruns skip exactly the
//! unchanged inputs, aggregate outputs come in input order whatever the
//! number of jobs and however long each input takes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use internbudget_batch::{Config, ErrorKind, Format, Manifest, Output, Select, Status, run_with};
use internbudget_normalizer::{Document, ExtractError};
use internbudget_parser::ParseError;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

/// One real document, extracted once for every test.
fn template() -> &'static Document {
    static DOC: OnceLock<Document> = OnceLock::new();
    DOC.get_or_init(|| {
        let p = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/text/an-internbudget-2019.txt");
        let bytes = std::fs::read(p).unwrap();
        internbudget_normalizer::extract("an-internbudget-2019.txt", &bytes).unwrap()
    })
}

/// A conversion driven by the file's content: "panic", "error", "slow N"
/// (sleeps N ms), anything else converts to the template document.
fn fake(name: &str, bytes: &[u8]) -> Result<Document, ExtractError> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim();
    if text == "panic" {
        panic!("boom in {name}");
    }
    if text == "error" {
        return Err(ExtractError::Parse(ParseError::NoBudgetContent));
    }
    if let Some(ms) = text.strip_prefix("slow ") {
        std::thread::sleep(Duration::from_millis(ms.parse().unwrap()));
    }
    let mut doc = template().clone();
    doc.source.sha256 = internbudget_normalizer::sha256_hex(bytes);
    doc.source.file = name.to_string();
    Ok(doc)
}

fn write(dir: &Path, rel: &str, content: &str) -> PathBuf {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, content).unwrap();
    p
}

fn manifest(out: &Path) -> Manifest {
    serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap()
}

fn config(input: &Path, out: &Path, format: Format, jobs: usize) -> Config {
    let mut c = Config::new(vec![input.to_path_buf()], Output::Dir(out.to_path_buf()));
    c.format = format;
    c.jobs = Some(jobs);
    c
}

#[test]
fn a_panic_is_that_inputs_error_and_the_rest_converts() {
    internbudget_batch::quiet_worker_panics();
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in");
    write(&input, "a.txt", "fine");
    write(&input, "b.txt", "panic");
    write(&input, "c.txt", "error");
    write(&input, "d/e.txt", "fine too");
    let out = d.path().join("out");
    let s = run_with(&config(&input, &out, Format::Json, 2), None, &mut (), &fake).unwrap();
    let c = s.manifest.counts;
    assert_eq!((c.total, c.ok, c.failed, c.skipped), (4, 2, 2, 0));
    let m = manifest(&out);
    let by_path = |p: &str| m.inputs.iter().find(|e| e.path == p).unwrap();
    let b = by_path("b.txt");
    assert_eq!(b.status, Status::Failed);
    let err = b.error.as_ref().unwrap();
    assert_eq!(err.kind, ErrorKind::Panic);
    assert!(err.message.contains("boom in"), "{}", err.message);
    assert!(
        err.message.contains("engine.rs"),
        "location: {}",
        err.message
    );
    assert_eq!(
        by_path("c.txt").error.as_ref().unwrap().kind,
        ErrorKind::NoBudgetContent
    );
    assert!(out.join("a.txt.json").is_file());
    assert!(out.join("d/e.txt.json").is_file());
    assert!(!out.join("b.txt.json").exists());
    let errors = std::fs::read_to_string(out.join("errors.txt")).unwrap();
    assert_eq!(errors.lines().count(), 2);
    assert!(errors.contains("c.txt: no_budget_content: "));
}

#[test]
fn reruns_skip_unchanged_inputs_and_drop_outputs_that_went_bad() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in");
    write(&input, "a.txt", "one");
    write(&input, "b.txt", "two");
    write(&input, "c.txt", "three");
    let out = d.path().join("out");
    let cfg = config(&input, &out, Format::Json, 2);
    run_with(&cfg, None, &mut (), &fake).unwrap();
    // Unchanged: all skipped.
    let s = run_with(&cfg, None, &mut (), &fake).unwrap();
    assert_eq!(s.manifest.counts.skipped, 3);
    // Change one, break one, delete one output.
    write(&input, "a.txt", "one, edited");
    write(&input, "b.txt", "error");
    std::fs::remove_file(out.join("c.txt.json")).unwrap();
    let s = run_with(&cfg, None, &mut (), &fake).unwrap();
    let st: Vec<(String, Status)> = s
        .manifest
        .inputs
        .iter()
        .map(|e| (e.path.clone(), e.status))
        .collect();
    assert_eq!(
        st,
        [
            ("a.txt".to_string(), Status::Ok),
            ("b.txt".to_string(), Status::Failed),
            ("c.txt".to_string(), Status::Ok),
        ]
    );
    // The failed input's old output is gone: no output disagrees with its input.
    assert!(!out.join("b.txt.json").exists());
    // Another tool version redoes everything; --force too.
    let mut other = cfg.clone();
    other.tool_version = "9.9.9".into();
    let s = run_with(&other, None, &mut (), &fake).unwrap();
    assert_eq!(s.manifest.counts.ok, 2);
    let mut force = other.clone();
    force.force = true;
    let s = run_with(&force, None, &mut (), &fake).unwrap();
    assert_eq!((s.manifest.counts.ok, s.manifest.counts.skipped), (2, 0));
}

#[test]
fn aggregate_outputs_are_in_input_order_whatever_finishes_first() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in");
    // Early inputs are slow, late ones fast.
    for i in 0..12 {
        let ms = if i % 4 == 0 { 60 } else { 1 };
        write(&input, &format!("{i:02}.txt"), &format!("slow {ms}"));
    }
    let mut sink: Vec<u8> = Vec::new();
    let mut cfg = Config::new(vec![input.clone()], Output::Stream);
    cfg.format = Format::Jsonl;
    cfg.jobs = Some(3);
    let s = run_with(&cfg, Some(&mut sink), &mut (), &fake).unwrap();
    let names: Vec<String> = String::from_utf8(sink)
        .unwrap()
        .lines()
        .map(|l| {
            let doc: Document = serde_json::from_str(l).unwrap();
            Path::new(&doc.source.file)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let want: Vec<String> = (0..12).map(|i| format!("{i:02}.txt")).collect();
    assert_eq!(names, want);
    let lines: Vec<Option<u64>> = s.manifest.inputs.iter().map(|e| e.line).collect();
    assert_eq!(lines, (1..=12).map(Some).collect::<Vec<_>>());

    // CSV rows too: documents.csv lists the inputs in order.
    let out = d.path().join("csv");
    run_with(&config(&input, &out, Format::Csv, 3), None, &mut (), &fake).unwrap();
    let docs = std::fs::read_to_string(out.join("documents.csv")).unwrap();
    let firsts: Vec<&str> = docs
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().trim_matches('"'))
        .collect();
    assert_eq!(firsts, want);
}

#[test]
fn run_level_problems_are_errors_and_reserved_names_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in");
    write(&input, "manifest", "fine");
    write(&input, "ok.txt", "fine");
    let out = d.path().join("out");
    let mut cfg = config(&input, &out, Format::Json, 1);
    cfg.select = Select::All;
    let s = run_with(&cfg, None, &mut (), &fake).unwrap();
    let m = &s.manifest;
    let e = m.inputs.iter().find(|e| e.path == "manifest").unwrap();
    assert_eq!(e.error.as_ref().unwrap().kind, ErrorKind::OutputConflict);
    // The run's own manifest survived.
    assert_eq!(manifest(&out).counts.total, 2);

    // CSV cannot go to a stream; a missing input fails the run.
    let mut c = Config::new(vec![input.clone()], Output::Stream);
    c.format = Format::Csv;
    let mut sink = Vec::new();
    assert!(run_with(&c, Some(&mut sink), &mut (), &fake).is_err());
    let c = Config::new(vec![d.path().join("missing")], Output::Dir(out.clone()));
    assert!(matches!(
        run_with(&c, None, &mut (), &fake),
        Err(internbudget_batch::BatchError::Input { .. })
    ));
    // A second run into a directory in use is refused.
    let _held = std::fs::File::create(out.join(internbudget_batch::LOCK_FILE)).unwrap();
    _held.try_lock().unwrap();
    assert!(matches!(
        run_with(&config(&input, &out, Format::Json, 1), None, &mut (), &fake),
        Err(internbudget_batch::BatchError::Locked { .. })
    ));
}

#[test]
fn no_output_replaces_an_input() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("in");
    // Directly: the output of x.txt (into the input directory) is an input.
    let x = write(&dir, "x.txt", "fine");
    let x_json = write(&dir, "x.txt.json", "an input that looks like an output");
    let mut c = Config::new(vec![x, x_json.clone()], Output::Dir(dir.clone()));
    c.jobs = Some(1);
    let s = run_with(&c, None, &mut (), &fake).unwrap();
    let e = s
        .manifest
        .inputs
        .iter()
        .find(|e| e.path == "x.txt")
        .unwrap();
    assert_eq!(
        e.error.as_ref().map(|e| e.kind),
        Some(ErrorKind::OutputConflict)
    );
    assert_eq!(
        std::fs::read_to_string(&x_json).unwrap(),
        "an input that looks like an output"
    );
    // Through links: outputs of a.txt and b.txt are a hard and a symbolic
    // link to the input c.txt.
    let src = d.path().join("src");
    write(&src, "a.txt", "fine");
    write(&src, "b.txt", "fine");
    let c_txt = write(&src, "c.txt", "fine");
    let out = d.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::hard_link(&c_txt, out.join("a.txt.json")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&c_txt, out.join("b.txt.json")).unwrap();
    let s = run_with(&config(&src, &out, Format::Json, 1), None, &mut (), &fake).unwrap();
    let kind = |p: &str| {
        let e = s.manifest.inputs.iter().find(|e| e.path == p).unwrap();
        e.error.as_ref().map(|e| e.kind)
    };
    assert_eq!(kind("a.txt"), Some(ErrorKind::OutputConflict));
    #[cfg(unix)]
    assert_eq!(kind("b.txt"), Some(ErrorKind::OutputConflict));
    assert_eq!(kind("c.txt"), None);
    assert_eq!(std::fs::read_to_string(&c_txt).unwrap(), "fine");
}
