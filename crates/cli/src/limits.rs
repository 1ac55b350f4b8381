//! The limits argument group shared by `extract`, `text` and `batch`: every
//! bound of [`Limits`] as a flag (defaults from `Limits::default()`), and a
//! watchdog that ends a single-document command whose document takes longer
//! than `--timeout`, whatever stage it is in.

use anyhow::Result;
use internbudget_parser::source::Limits;
use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Limits on the work and memory spent on one input document.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Limits (per document)")]
pub struct LimitsArgs {
    /// Largest PDF or Word document, in bytes (suffixes K, M, G: powers of 1024) [default: 256M]
    #[arg(long, value_name = "BYTES", value_parser = parse_bytes)]
    pub max_pdf_bytes: Option<u64>,
    /// Largest text export or web page, in bytes (suffixes K, M, G) [default: 16M]
    #[arg(long, value_name = "BYTES", value_parser = parse_bytes)]
    pub max_text_bytes: Option<u64>,
    /// Most pages read from a PDF [default: 10000]
    #[arg(long, value_name = "N")]
    pub max_pages: Option<u32>,
    /// Most indirect objects in a PDF [default: 5000000]
    #[arg(long, value_name = "N")]
    pub max_objects: Option<usize>,
    /// Largest decompressed size of one PDF stream or Word document part, in bytes (suffixes K, M, G) [default: 64M]
    #[arg(long, value_name = "BYTES", value_parser = parse_bytes)]
    pub max_stream_bytes: Option<u64>,
    /// Most content-stream operators (and shown glyphs) on one PDF page [default: 2000000]
    #[arg(long, value_name = "N")]
    pub max_ops_per_page: Option<usize>,
    /// Deepest nesting of form XObjects; deeper forms are skipped [default: 16]
    #[arg(long, value_name = "N")]
    pub max_xobject_depth: Option<u32>,
    /// Deepest nesting of arrays and dictionaries in content streams and
    /// CMaps; deeper parts are skipped [default: 64]
    #[arg(long, value_name = "N")]
    pub max_nesting_depth: Option<u32>,
    /// Longest time spent on one document, in seconds (fractions allowed) [default: 60]
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    pub timeout: Option<Duration>,
}

impl LimitsArgs {
    /// The limits: the defaults with every given flag applied.
    pub fn limits(&self) -> Limits {
        let mut l = Limits::default();
        if let Some(v) = self.max_pdf_bytes {
            l.max_file_bytes = v;
        }
        if let Some(v) = self.max_text_bytes {
            l.max_text_bytes = v;
        }
        if let Some(v) = self.max_pages {
            l.max_pages = v;
        }
        if let Some(v) = self.max_objects {
            l.max_objects = v;
        }
        if let Some(v) = self.max_stream_bytes {
            l.max_stream_bytes = usize::try_from(v).unwrap_or(usize::MAX);
        }
        if let Some(v) = self.max_ops_per_page {
            l.max_ops_per_page = v;
        }
        if let Some(v) = self.max_xobject_depth {
            l.max_xobject_depth = v;
        }
        if let Some(v) = self.max_nesting_depth {
            l.max_nesting_depth = v;
        }
        if let Some(v) = self.timeout {
            l.max_time_per_document = v;
        }
        l
    }
}

/// A byte count: digits with an optional K, M or G suffix (powers of 1024;
/// "KiB", "MB" and the like are read the same way).
fn parse_bytes(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, suffix) = t.split_at(digits);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("not a byte count: {s:?} (e.g. 1048576, 512K, 64M, 1G)"))?;
    let shift = match suffix.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return Err(format!("unknown size suffix in {s:?} (use K, M or G)")),
    };
    n.checked_mul(1u64 << shift)
        .ok_or_else(|| format!("{s:?} is too large"))
}

/// A positive number of seconds, fractions allowed.
fn parse_seconds(s: &str) -> Result<Duration, String> {
    let secs: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("not a number of seconds: {s:?}"))?;
    if !(secs > 0.0 && secs <= 1e9) {
        return Err(format!("the timeout must be above 0 seconds, not {s:?}"));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// Time allowed after the limit before the watchdog fires: every stage
/// checks the document's deadline itself and fails with a typed error
/// (the PDF reader naming the page), which is the better message; the
/// watchdog covers what runs between two checks (lopdf's load of the file,
/// one table's layout).
const WATCHDOG_GRACE: Duration = Duration::from_secs(1);

/// Ends the process with an error (exit code 1) when the work on one
/// document outlasts its time limit. Dropping or [`Watchdog::disarm`]ing it
/// before then stops it.
#[derive(Debug)]
pub struct Watchdog {
    armed: Arc<Mutex<bool>>,
    stop: Option<Sender<()>>,
}

impl Watchdog {
    /// Starts the clock for `file` with the time limit of `limits`.
    pub fn start(file: &Path, limits: &Limits) -> Watchdog {
        let armed = Arc::new(Mutex::new(true));
        let (stop, wait) = mpsc::channel::<()>();
        let deadline = limits.max_time_per_document.saturating_add(WATCHDOG_GRACE);
        let limit = limits.max_time_per_document;
        let name = file.display().to_string();
        let flag = Arc::clone(&armed);
        let spawned = std::thread::Builder::new()
            .name("internbudget-watchdog".into())
            .spawn(move || {
                if let Err(RecvTimeoutError::Timeout) = wait.recv_timeout(deadline) {
                    // Holding the lock while exiting: a disarm that comes
                    // now waits, and never sees half-written output.
                    let guard = flag.lock();
                    if guard.as_ref().map_or(true, |g| **g) {
                        eprintln!(
                            "internbudget: {name}: reading took longer than the limit of {limit:?} (--timeout)"
                        );
                        std::process::exit(1);
                    }
                }
            });
        Watchdog {
            armed,
            stop: spawned.ok().map(|_| stop),
        }
    }

    /// Stops the watchdog: the document is done.
    pub fn disarm(mut self) {
        self.stop_now();
    }

    fn stop_now(&mut self) {
        if let Ok(mut g) = self.armed.lock() {
            *g = false;
        }
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.stop_now();
    }
}

/// Runs `work` on one document under a [`Watchdog`].
pub fn watched<T>(file: &Path, limits: &Limits, work: impl FnOnce() -> Result<T>) -> Result<T> {
    let dog = Watchdog::start(file, limits);
    let out = work();
    dog.disarm();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_counts() {
        assert_eq!(parse_bytes("1048576"), Ok(1 << 20));
        assert_eq!(parse_bytes("512K"), Ok(512 << 10));
        assert_eq!(parse_bytes("64M"), Ok(64 << 20));
        assert_eq!(parse_bytes("64MiB"), Ok(64 << 20));
        assert_eq!(parse_bytes("1g"), Ok(1 << 30));
        assert!(parse_bytes("").is_err());
        assert!(parse_bytes("12X").is_err());
        assert!(parse_bytes("-1").is_err());
        assert!(parse_bytes("99999999999999999999G").is_err());
        assert!(parse_bytes("17179869184G").is_err());
    }

    #[test]
    fn seconds() {
        assert_eq!(parse_seconds("60"), Ok(Duration::from_secs(60)));
        assert_eq!(parse_seconds("0.5"), Ok(Duration::from_millis(500)));
        assert!(parse_seconds("0").is_err());
        assert!(parse_seconds("-3").is_err());
        assert!(parse_seconds("NaN").is_err());
        assert!(parse_seconds("inf").is_err());
    }

    #[test]
    fn flags_override_defaults() {
        let a = LimitsArgs {
            max_pdf_bytes: Some(10),
            max_text_bytes: None,
            max_pages: Some(3),
            max_objects: None,
            max_stream_bytes: Some(1 << 20),
            max_ops_per_page: None,
            max_xobject_depth: None,
            max_nesting_depth: Some(8),
            timeout: Some(Duration::from_secs(2)),
        };
        let l = a.limits();
        let d = Limits::default();
        assert_eq!(l.max_file_bytes, 10);
        assert_eq!(l.max_text_bytes, d.max_text_bytes);
        assert_eq!(l.max_pages, 3);
        assert_eq!(l.max_stream_bytes, 1 << 20);
        assert_eq!(l.max_nesting_depth, 8);
        assert_eq!(l.max_time_per_document, Duration::from_secs(2));
        assert_eq!(l.max_objects, d.max_objects);
    }

    #[test]
    fn a_disarmed_watchdog_does_not_fire() {
        let limits = Limits {
            max_time_per_document: Duration::from_millis(1),
            ..Limits::default()
        };
        let v = watched(Path::new("x"), &limits, || Ok(7));
        assert_eq!(v.ok(), Some(7));
        // Past the deadline and grace: the process is still here.
        std::thread::sleep(WATCHDOG_GRACE + Duration::from_millis(100));
    }
}
