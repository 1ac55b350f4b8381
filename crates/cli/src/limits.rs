//! The limits argument group shared by `extract`, `text`, `diff` and
//! `batch`: every bound of the pipeline's [`Limits`] as a flag (defaults
//! from `Limits::default()`, shown the way they are written: byte counts
//! with K, M, G), the flag of each [`Limit`] for messages, and a watchdog
//! that ends a single-document command whose document takes longer than
//! `--timeout`, whatever stage it is in.

use anyhow::Result;
use internbudget_normalizer::{Limit, Limits};
use std::fmt;
use std::str::FromStr;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A byte count as flags take and show it: digits with an optional K, M or
/// G suffix (powers of 1024).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ByteSize(pub(crate) u64);

impl fmt::Display for ByteSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&internbudget_layout::format_bytes(self.0))
    }
}

impl FromStr for ByteSize {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        parse_bytes(s).map(ByteSize)
    }
}

/// A time limit in seconds, fractions allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seconds(pub(crate) Duration);

impl fmt::Display for Seconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.as_secs_f64())
    }
}

impl FromStr for Seconds {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        parse_seconds(s).map(Seconds)
    }
}

fn defaults() -> Limits {
    Limits::default()
}

/// Limits on the work and memory spent on one input document.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Limits (per document; sizes take K, M, G: powers of 1024)")]
pub(crate) struct LimitsArgs {
    /// Largest PDF or Word document
    #[arg(long, value_name = "SIZE", default_value_t = ByteSize(defaults().source.pdf.max_file_bytes))]
    max_pdf_bytes: ByteSize,
    /// Largest text export or web page
    #[arg(long, value_name = "SIZE", default_value_t = ByteSize(defaults().source.text.max_bytes))]
    max_text_bytes: ByteSize,
    /// Longest line of a text export
    #[arg(long, value_name = "SIZE", default_value_t = ByteSize(defaults().source.text.max_line_bytes as u64))]
    max_line_bytes: ByteSize,
    /// Most words on one line of a text export
    #[arg(long, value_name = "N", default_value_t = defaults().source.text.max_words_per_line)]
    max_words_per_line: usize,
    /// Largest normalized JSON document read (diff, extract --revalidate)
    #[arg(long, value_name = "SIZE", default_value_t = ByteSize(defaults().max_json_bytes))]
    max_json_bytes: ByteSize,
    /// Most pages read from a PDF
    #[arg(long, value_name = "N", default_value_t = defaults().source.pdf.max_pages)]
    max_pages: u32,
    /// Most indirect objects in a PDF
    #[arg(long, value_name = "N", default_value_t = defaults().source.pdf.max_objects)]
    max_objects: usize,
    /// Largest decompressed size of one PDF stream or Word document part
    #[arg(long, value_name = "SIZE", default_value_t = ByteSize(defaults().source.pdf.max_stream_bytes as u64))]
    max_stream_bytes: ByteSize,
    /// Most content-stream operators (and shown glyphs) on one PDF page
    #[arg(long, value_name = "N", default_value_t = defaults().source.pdf.max_ops_per_page)]
    max_ops_per_page: usize,
    /// Deepest nesting of form XObjects; deeper forms are skipped
    #[arg(long, value_name = "N", default_value_t = defaults().source.pdf.max_xobject_depth)]
    max_xobject_depth: u32,
    /// Deepest nesting of arrays and dictionaries in content streams and
    /// CMaps; deeper parts are skipped
    #[arg(long, value_name = "N", default_value_t = defaults().source.pdf.max_nesting_depth)]
    max_nesting_depth: u32,
    /// Longest time spent on one document, in seconds (fractions allowed)
    #[arg(long, value_name = "SECONDS", default_value_t = Seconds(defaults().max_time_per_document))]
    timeout: Seconds,
}

impl LimitsArgs {
    /// The limits the flags say.
    pub(crate) fn limits(&self) -> Limits {
        let mut l = Limits::default();
        l.source.pdf.max_file_bytes = self.max_pdf_bytes.0;
        l.source.pdf.max_pages = self.max_pages;
        l.source.pdf.max_objects = self.max_objects;
        l.source.pdf.max_stream_bytes =
            usize::try_from(self.max_stream_bytes.0).unwrap_or(usize::MAX);
        l.source.pdf.max_ops_per_page = self.max_ops_per_page;
        l.source.pdf.max_xobject_depth = self.max_xobject_depth;
        l.source.pdf.max_nesting_depth = self.max_nesting_depth;
        l.source.text.max_bytes = self.max_text_bytes.0;
        l.source.text.max_line_bytes = usize::try_from(self.max_line_bytes.0).unwrap_or(usize::MAX);
        l.source.text.max_words_per_line = self.max_words_per_line;
        // A Word package is bounded as a PDF, its parts as PDF streams; a
        // web page as a text export.
        l.source.docx.max_file_bytes = self.max_pdf_bytes.0;
        l.source.docx.max_part_bytes = self.max_stream_bytes.0;
        l.source.html.max_bytes = self.max_text_bytes.0;
        l.max_json_bytes = self.max_json_bytes.0;
        l.max_time_per_document = self.timeout.0;
        l
    }
}

/// The limit of `validate`.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Limits")]
pub(crate) struct JsonLimitArgs {
    /// Largest JSON document (K, M, G: powers of 1024)
    #[arg(long, value_name = "SIZE", default_value_t = ByteSize(defaults().max_json_bytes))]
    max_json_bytes: ByteSize,
}

impl JsonLimitArgs {
    /// The limits the flag says (the rest default).
    pub(crate) fn limits(&self) -> Limits {
        Limits {
            max_json_bytes: self.max_json_bytes.0,
            ..Limits::default()
        }
    }
}

/// The flag that sets a limit.
pub(crate) fn flag_of(limit: Limit) -> &'static str {
    match limit {
        // A Word document is bounded by the PDF flags, a web page by the
        // text flag.
        Limit::PdfBytes | Limit::DocxBytes => "--max-pdf-bytes",
        Limit::PartBytes => "--max-stream-bytes",
        Limit::HtmlBytes => "--max-text-bytes",
        Limit::Pages => "--max-pages",
        Limit::Objects => "--max-objects",
        Limit::StreamBytes => "--max-stream-bytes",
        Limit::OpsPerPage => "--max-ops-per-page",
        Limit::TextBytes => "--max-text-bytes",
        Limit::LineBytes => "--max-line-bytes",
        Limit::WordsPerLine => "--max-words-per-line",
        Limit::JsonBytes => "--max-json-bytes",
        Limit::Time => "--timeout",
    }
}

/// " (--max-text-bytes)": what an error about `limit` ends with.
pub(crate) fn flag_hint(limit: Limit) -> String {
    format!(" ({})", flag_of(limit))
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
pub(crate) struct Watchdog {
    armed: Arc<Mutex<bool>>,
    stop: Option<Sender<()>>,
}

impl Watchdog {
    /// Starts the clock for the input named `name` with the time limit of
    /// `limits`.
    pub(crate) fn start(name: &str, limits: &Limits) -> Watchdog {
        let armed = Arc::new(Mutex::new(true));
        let (stop, wait) = mpsc::channel::<()>();
        let deadline = limits.max_time_per_document.saturating_add(WATCHDOG_GRACE);
        let limit = limits.max_time_per_document;
        let name = name.to_string();
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
    pub(crate) fn disarm(mut self) {
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

/// Runs `work` on the input named `name` under a [`Watchdog`].
pub(crate) fn watched<T>(
    name: &str,
    limits: &Limits,
    work: impl FnOnce() -> Result<T>,
) -> Result<T> {
    let dog = Watchdog::start(name, limits);
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
    fn flags_override_defaults_and_defaults_show_in_the_flag_syntax() {
        use clap::Parser;
        #[derive(clap::Parser)]
        struct T {
            #[command(flatten)]
            limits: LimitsArgs,
        }
        let t = T::try_parse_from([
            "t",
            "--max-pdf-bytes",
            "10",
            "--max-pages",
            "3",
            "--max-stream-bytes",
            "1M",
            "--max-nesting-depth",
            "8",
            "--timeout",
            "2",
            "--max-words-per-line",
            "100",
        ])
        .unwrap();
        let l = t.limits.limits();
        let d = Limits::default();
        assert_eq!(l.source.pdf.max_file_bytes, 10);
        assert_eq!(l.source.text.max_bytes, d.source.text.max_bytes);
        assert_eq!(l.source.pdf.max_pages, 3);
        assert_eq!(l.source.pdf.max_stream_bytes, 1 << 20);
        assert_eq!(l.source.pdf.max_nesting_depth, 8);
        assert_eq!(l.source.text.max_words_per_line, 100);
        assert_eq!(l.max_time_per_document, Duration::from_secs(2));
        assert_eq!(l.source.pdf.max_objects, d.source.pdf.max_objects);
        assert_eq!(T::try_parse_from(["t"]).unwrap().limits.limits(), d);
        assert_eq!(ByteSize(256 << 20).to_string(), "256M");
        assert_eq!(Seconds(Duration::from_millis(500)).to_string(), "0.5");
    }

    #[test]
    fn every_limit_has_its_flag() {
        use clap::CommandFactory;
        #[derive(clap::Parser)]
        struct T {
            #[command(flatten)]
            limits: LimitsArgs,
        }
        let cmd = T::command();
        let longs: Vec<String> = cmd
            .get_arguments()
            .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
            .collect();
        for l in [
            Limit::PdfBytes,
            Limit::DocxBytes,
            Limit::PartBytes,
            Limit::HtmlBytes,
            Limit::Pages,
            Limit::Objects,
            Limit::StreamBytes,
            Limit::OpsPerPage,
            Limit::TextBytes,
            Limit::LineBytes,
            Limit::WordsPerLine,
            Limit::JsonBytes,
            Limit::Time,
        ] {
            assert!(longs.iter().any(|f| f == flag_of(l)), "{l:?}");
        }
    }

    #[test]
    fn a_disarmed_watchdog_does_not_fire() {
        let limits = Limits {
            max_time_per_document: Duration::from_millis(1),
            ..Limits::default()
        };
        let v = watched("x", &limits, || Ok(7));
        assert_eq!(v.ok(), Some(7));
        // Past the deadline and grace: the process is still here.
        std::thread::sleep(WATCHDOG_GRACE + Duration::from_millis(100));
    }
}
