//! Hostile input, end to end through the `internbudget` binary: files made
//! in the test (nothing big is committed) that try to exhaust memory, time or
//! the stack. Every case must end within its limit with a result or a
//! one-line error (exit 1), never a panic, an abort or a hang, and the
//! process's peak memory (`/usr/bin/time`'s maximum RSS, or VmHWM read from
//! `/proc` while it runs) must stay under 500 MB.
//!
//! The PDF layer's own suite (`crates/pdf/tests/hostile.rs`) runs the same
//! kinds of files through the library with small limits; this one runs them
//! through the command line with the default limits (and the limit flags).
//! Word documents and web pages: `hostile_input/markup.rs`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
#[path = "hostile_input/markup.rs"]
mod markup;

use common::fixture;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The memory bound of every case.
const MAX_RSS_KB: u64 = 500 * 1024;

/// What one run of the binary did.
struct Run {
    out: Output,
    /// Peak resident memory in KiB, when it could be measured.
    rss_kb: Option<u64>,
    elapsed: Duration,
}

impl Run {
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).into_owned()
    }
    /// Success, or a clean failure: exit code 1 and one line on stderr.
    fn assert_clean(&self, what: &str) {
        eprintln!(
            "{what}: exit {:?} in {} ms, peak {} MB",
            self.out.status.code(),
            self.elapsed.as_millis(),
            self.rss_kb.map_or("?".into(), |kb| (kb / 1024).to_string())
        );
        let err = self.stderr();
        assert!(!err.contains("panicked"), "{what}: {err}");
        match self.out.status.code() {
            Some(0) => {}
            Some(1) => assert_eq!(err.trim_end().lines().count(), 1, "{what}: {err}"),
            other => panic!("{what}: exit {other:?} (killed?): {err}"),
        }
        if let Some(kb) = self.rss_kb {
            assert!(kb < MAX_RSS_KB, "{what}: peak memory {} MB", kb / 1024);
        }
    }
    fn assert_error(&self, what: &str, needle: &str) {
        self.assert_clean(what);
        assert_eq!(self.out.status.code(), Some(1), "{what}: {}", self.stderr());
        assert!(self.stderr().contains(needle), "{what}: {}", self.stderr());
    }
    fn assert_ok(&self, what: &str) {
        self.assert_clean(what);
        assert_eq!(self.out.status.code(), Some(0), "{what}: {}", self.stderr());
    }
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_internbudget")
}

/// Runs the binary, measuring its peak memory.
fn run(args: &[&str]) -> Run {
    run_fed(args, None)
}

/// What writes a run's stdin (until it is closed).
type Feeder = Box<dyn FnOnce(std::process::ChildStdin) + Send>;

/// Runs the binary with `feed` writing its stdin (or none), measuring its
/// peak memory.
fn run_fed(args: &[&str], feed: Option<Feeder>) -> Run {
    let t = Instant::now();
    let time = Path::new("/usr/bin/time");
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("rss");
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.args(["-f", "%M", "-o", report.to_str().unwrap(), bin()]);
        c
    } else {
        Command::new(bin())
    };
    let mut child = cmd
        .args(args)
        .stdin(if feed.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let feeder = match (feed, child.stdin.take()) {
        (Some(f), Some(stdin)) => Some(std::thread::spawn(move || f(stdin))),
        _ => None,
    };
    let status = format!("/proc/{}/status", child.id());
    let reader = {
        let mut stdout = child.stdout.take().unwrap();
        let mut stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            use std::io::Read;
            let mut o = Vec::new();
            let mut e = Vec::new();
            let t = std::thread::spawn(move || {
                let _ = stderr.read_to_end(&mut e);
                e
            });
            let _ = stdout.read_to_end(&mut o);
            (o, t.join().unwrap_or_default())
        })
    };
    let mut rss_kb = None;
    let exit = loop {
        // Without /usr/bin/time: poll the high-water mark while it runs.
        if !time.exists()
            && let Some(hwm) = std::fs::read_to_string(&status).ok().and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("VmHWM:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            })
        {
            rss_kb = Some(hwm);
        }
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let (stdout, stderr) = reader.join().unwrap();
    if let Some(f) = feeder {
        let _ = f.join();
    }
    if time.exists() {
        // /usr/bin/time notes a non-zero exit on its first line of the
        // report, not on the command's stderr.
        rss_kb = std::fs::read_to_string(&report)
            .ok()
            .and_then(|s| s.lines().last().and_then(|l| l.trim().parse().ok()));
    }
    Run {
        out: Output {
            status: exit,
            stdout,
            stderr,
        },
        rss_kb,
        elapsed: t.elapsed(),
    }
}

/// A feeder that writes `chunk` over and over until the reader closes the
/// pipe.
fn endless(chunk: &'static [u8]) -> Option<Feeder> {
    Some(Box::new(move |mut stdin| {
        use std::io::Write;
        let block = chunk.repeat((65536 / chunk.len().max(1)).max(1));
        while stdin.write_all(&block).is_ok() {}
    }))
}

/// Writes `bytes` to a temporary file and runs `command FILE extra…` on it.
fn run_on(bytes: &[u8], command: &str, extra: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input");
    std::fs::write(&path, bytes).unwrap();
    let mut args = vec![command, path.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&args)
}

// ---------------------------------------------------------------------------
// Making hostile files.

/// A PDF under construction; object `n` is `objects[n - 1]`.
#[derive(Default)]
struct Pdf {
    objects: Vec<Vec<u8>>,
}

impl Pdf {
    fn reserve(&mut self) -> u32 {
        self.objects.push(b"null".to_vec());
        self.objects.len() as u32
    }
    fn set(&mut self, id: u32, body: impl Into<Vec<u8>>) {
        self.objects[id as usize - 1] = body.into();
    }
    fn add(&mut self, body: impl Into<Vec<u8>>) -> u32 {
        self.objects.push(body.into());
        self.objects.len() as u32
    }
    fn add_stream(&mut self, extra: &str, data: &[u8]) -> u32 {
        let mut s = format!("<< /Length {} {extra} >>\nstream\n", data.len()).into_bytes();
        s.extend_from_slice(data);
        s.extend_from_slice(b"\nendstream");
        self.add(s)
    }
    fn finish(&self, root: u32) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", self.objects.len() + 1).as_bytes(),
        );
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                self.objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }
}

const HELVETICA: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/// A document with one page per (content stream, its extra dictionary entries).
fn pages(contents: &[(&[u8], &str)]) -> Vec<u8> {
    let mut pdf = Pdf::default();
    let catalog = pdf.reserve();
    let root = pdf.reserve();
    let font = pdf.add(HELVETICA);
    let mut kids = Vec::new();
    for (content, extra) in contents {
        let c = pdf.add_stream(extra, content);
        kids.push(pdf.add(format!(
            "<< /Type /Page /Parent {root} 0 R /MediaBox [0 0 612 792] /Contents {c} 0 R /Resources << /Font << /F1 {font} 0 R >> >> >>"
        )));
    }
    let refs: Vec<String> = kids.iter().map(|k| format!("{k} 0 R")).collect();
    pdf.set(
        root,
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            refs.join(" "),
            kids.len()
        ),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {root} 0 R >>"));
    pdf.finish(catalog)
}

/// A bit writer for DEFLATE (RFC 1951): values least significant bit first,
/// Huffman codes most significant bit first.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u32, len: u32) {
        self.acc |= u64::from(value) << self.n;
        self.n += len;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }
    fn code(&mut self, code: u32, len: u32) {
        let rev = code.reverse_bits() >> (32 - len);
        self.put(rev, len);
    }
    /// A literal byte in the fixed Huffman code.
    fn literal(&mut self, b: u8) {
        if b < 144 {
            self.code(0x30 + u32::from(b), 8);
        } else {
            self.code(0x190 + u32::from(b) - 144, 9);
        }
    }
    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

const ADLER: u64 = 65_521;

/// Adler-32 state `(a, b)` after `bytes`.
fn adler_bytes((mut a, mut b): (u64, u64), bytes: &[u8]) -> (u64, u64) {
    for c in bytes {
        a = (a + u64::from(*c)) % ADLER;
        b = (b + a) % ADLER;
    }
    (a, b)
}

/// Adler-32 state after `pattern` repeated up to `n` bytes, in closed form
/// (a gigabyte is not made to be summed): byte number i of the n (1-based)
/// adds its value c to a, and a₀ + c·(n − i + 1) … summed, to b.
fn adler_repeat((a, b): (u64, u64), pattern: &[u8], n: u64) -> (u64, u64) {
    let period = pattern.len() as u64;
    let whole = u128::from(n / period);
    let (mut a2, mut b2) = (a, (b + (n % ADLER) * a) % ADLER);
    for (p, byte) in pattern.iter().enumerate() {
        let c = u128::from(*byte);
        // Σ over periods k of (n − (k·period + p)), for k = 0 … whole − 1.
        let weight = whole * (u128::from(n) - p as u128)
            - u128::from(period) * whole * whole.saturating_sub(1) / 2;
        a2 = ((u128::from(a2) + c * whole) % u128::from(ADLER)) as u64;
        b2 = ((u128::from(b2) + c * weight) % u128::from(ADLER)) as u64;
    }
    for pos in (n / period) * period..n {
        let c = u64::from(pattern[(pos % period) as usize]);
        a2 = (a2 + c) % ADLER;
        b2 = (b2 + c * ((n - pos) % ADLER)) % ADLER;
    }
    (a2, b2)
}

/// A zlib stream (as /FlateDecode reads it) that inflates to `prefix`, then
/// `pattern` (1 to 4 bytes) repeated up to `n` bytes, then `suffix`; the
/// repeats take about 13 bits per 258 bytes: a decompression bomb when `n`
/// is large.
fn zlib(prefix: &[u8], pattern: &[u8], n: u64, suffix: &[u8]) -> Vec<u8> {
    assert!((1..=4).contains(&pattern.len()) && n >= pattern.len() as u64);
    let mut bits = Bits::default();
    bits.put(1, 1); // the final block
    bits.put(1, 2); // fixed Huffman codes
    for b in prefix.iter().chain(pattern) {
        bits.literal(*b);
    }
    let mut written = pattern.len() as u64;
    let dist_code = pattern.len() as u32 - 1; // distances 1–4: codes 0–3
    while n - written >= 258 {
        bits.code(0xC5, 8); // length 258: symbol 285
        bits.code(dist_code, 5);
        written += 258;
    }
    while written < n {
        bits.literal(pattern[(written % pattern.len() as u64) as usize]);
        written += 1;
    }
    for b in suffix {
        bits.literal(*b);
    }
    bits.code(0, 7); // end of block
    let mut out = vec![0x78, 0x01];
    out.extend(bits.finish());
    let state = adler_bytes((1, 0), prefix);
    let state = adler_repeat(state, pattern, n);
    let (a, b) = adler_bytes(state, suffix);
    out.extend_from_slice(&((b << 16 | a) as u32).to_be_bytes());
    out
}

// ---------------------------------------------------------------------------
// The cases.

#[test]
fn the_deflate_writer_is_right() {
    // The closed-form checksum agrees with the byte-by-byte one.
    for (pattern, n) in [(b" ".as_slice(), 1_000u64), (b"q Q ", 70_001), (b"ab", 259)] {
        let bytes: Vec<u8> = pattern.iter().copied().cycle().take(n as usize).collect();
        let start = adler_bytes((1, 0), b"pre");
        assert_eq!(adler_repeat(start, pattern, n), adler_bytes(start, &bytes));
    }
    // The binary's reader inflates it to the text around the repeats.
    let content = zlib(
        b"BT /F1 12 Tf 72 700 Td (Before) Tj ET\n",
        b"q Q ",
        400_003,
        b"\nBT /F1 12 Tf 72 600 Td (After) Tj ET",
    );
    let r = run_on(&pages(&[(&content, "/Filter /FlateDecode")]), "text", &[]);
    r.assert_ok("deflate writer");
    assert_eq!(
        r.stdout().split_whitespace().collect::<Vec<_>>(),
        ["Before", "After"]
    );
}

#[test]
fn decompression_bomb_hits_max_stream_bytes() {
    // 1 GiB of spaces from 6.5 MB of DEFLATE; the default limit is 64 MiB.
    let bomb = zlib(b"", b" ", 1 << 30, b"");
    assert!(bomb.len() < 8 << 20);
    let doc = pages(&[(&bomb, "/Filter /FlateDecode")]);
    let r = run_on(&doc, "extract", &[]);
    r.assert_error(
        "bomb",
        "the decompressed size of one PDF stream exceeds the limit of 64M (--max-stream-bytes)",
    );
    assert!(r.elapsed < Duration::from_secs(30), "{:?}", r.elapsed);
    // A lower limit stops it sooner.
    let r = run_on(&doc, "text", &["--max-stream-bytes", "1M"]);
    r.assert_error("bomb, 1 MiB limit", "limit of 1M (--max-stream-bytes)");
}

#[test]
fn a_declared_stream_length_of_one_gigabyte_is_not_trusted() {
    let mut pdf = Pdf::default();
    let catalog = pdf.reserve();
    let root = pdf.reserve();
    let mut content = b"<< /Length 1073741824 >>\nstream\n".to_vec();
    content.extend_from_slice(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET\nendstream");
    let content = pdf.add(content);
    let font = pdf.add(HELVETICA);
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {root} 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R /Resources << /Font << /F1 {font} 0 R >> >> >>"
    ));
    pdf.set(
        root,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {root} 0 R >>"));
    let r = run_on(&pdf.finish(catalog), "text", &[]);
    r.assert_clean("1 GB /Length");
}

#[test]
fn cyclic_parent_and_kids_end() {
    let mut pdf = Pdf::default();
    let catalog = pdf.reserve();
    let root = pdf.reserve();
    let middle = pdf.reserve();
    let font = pdf.add(HELVETICA);
    let content = pdf.add_stream("", b"BT /F1 12 Tf 72 700 Td (Once) Tj ET");
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {middle} 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R /Resources << /Font << /F1 {font} 0 R >> >> >>"
    ));
    // root → middle → [page, root, middle]; middle's parent is the page,
    // the root's parent is middle.
    pdf.set(
        root,
        format!("<< /Type /Pages /Kids [{middle} 0 R] /Parent {middle} 0 R /Count 1 >>"),
    );
    pdf.set(
        middle,
        format!(
            "<< /Type /Pages /Kids [{page} 0 R {root} 0 R {middle} 0 R] /Parent {page} 0 R /Count 1 >>"
        ),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {root} 0 R >>"));
    let r = run_on(&pdf.finish(catalog), "text", &[]);
    r.assert_ok("cycles");
    assert_eq!(r.stdout().trim(), "Once");
    assert_eq!(r.stdout().matches('\u{c}').count(), 0);
}

#[test]
fn ten_thousand_pages() {
    let contents: Vec<Vec<u8>> = (0..10_000)
        .map(|i| format!("BT /F1 10 Tf 72 700 Td (p{i}) Tj ET").into_bytes())
        .collect();
    let refs: Vec<(&[u8], &str)> = contents.iter().map(|c| (c.as_slice(), "")).collect();
    let doc = pages(&refs);
    let r = run_on(&doc, "text", &[]);
    r.assert_ok("10 000 pages");
    assert_eq!(r.stdout().matches('\u{c}').count(), 9_999);
    assert!(r.stdout().contains("p9999"));
    assert!(r.elapsed < Duration::from_secs(60), "{:?}", r.elapsed);
    // extract reads them all too, and finds no budget in them.
    let r = run_on(&doc, "extract", &[]);
    r.assert_error("10 000 pages, extract", "no budget tables");
    let r = run_on(&doc, "text", &["--max-pages", "1000"]);
    r.assert_error(
        "--max-pages",
        "the number of pages of a PDF exceeds the limit of 1000 (--max-pages)",
    );
}

#[test]
fn deeply_nested_arrays() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    // In an object of the file, in the page dictionary itself, and in the
    // content stream.
    let mut pdf = Pdf::default();
    let catalog = pdf.reserve();
    let root = pdf.reserve();
    let deep_obj = pdf.add(deep.clone());
    let mut content = b"BT /F1 12 Tf 72 700 Td ".to_vec();
    content.extend_from_slice(deep.as_bytes());
    content.extend_from_slice(b" TJ (Survived) Tj ET");
    let content = pdf.add_stream("", &content);
    let font = pdf.add(HELVETICA);
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {root} 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R /Resources << /Font << /F1 {font} 0 R >> >> /Deep {deep_obj} 0 R >>"
    ));
    let page2 = pdf.add(format!(
        "<< /Type /Page /Parent {root} 0 R /MediaBox [0 0 612 792] /Inline {deep} >>"
    ));
    pdf.set(
        root,
        format!("<< /Type /Pages /Kids [{page} 0 R {page2} 0 R] /Count 2 >>"),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {root} 0 R >>"));
    let r = run_on(&pdf.finish(catalog), "text", &[]);
    r.assert_ok("nested arrays");
    assert!(r.stdout().contains("Survived"), "{}", r.stdout());
    let r = run_on(&pdf.finish(catalog), "text", &["--max-nesting-depth", "4"]);
    r.assert_ok("nested arrays, depth 4");
}

#[test]
fn ten_million_operators() {
    // 10 million operators ("q" and "Q") in 40 MB of content, 1.6 MB deflated.
    let content = zlib(
        b"BT /F1 12 Tf 72 700 Td (Start) Tj ET\n",
        b"q Q ",
        20_000_000,
        b"\nBT /F1 12 Tf 72 600 Td (End) Tj ET",
    );
    let doc = pages(&[
        (&content, "/Filter /FlateDecode"),
        (b"BT /F1 12 Tf 72 700 Td (Next) Tj ET", ""),
    ]);
    let r = run_on(&doc, "text", &[]);
    r.assert_error(
        "10M operators",
        "on one PDF page exceeds the limit of 2000000 (--max-ops-per-page)",
    );
    assert!(r.stderr().contains("page 1: "), "{}", r.stderr());
    assert!(r.elapsed < Duration::from_secs(30), "{:?}", r.elapsed);
    // Within a raised limit they are all read, in bounded memory.
    let r = run_on(&doc, "text", &["--max-ops-per-page", "20000000"]);
    r.assert_ok("10M operators, raised limit");
    assert_eq!(
        r.stdout().split_whitespace().collect::<Vec<_>>(),
        ["Start", "End", "Next"]
    );
}

#[test]
fn invalid_utf16_in_a_to_unicode_cmap() {
    let mut pdf = Pdf::default();
    let catalog = pdf.reserve();
    let root = pdf.reserve();
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
4 beginbfchar <0001> <D800> <0002> <DC00D800> <0003> <0041DFFF> <0004> <00> endbfchar
2 beginbfrange <0010> <0020> <DBFF> <0030> <FFFF> [<D800> <> <0042>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";
    let tu = pdf.add_stream("", cmap);
    let font = pdf.add(format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode {tu} 0 R /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 500 >>] >>"
    ));
    let content = pdf.add_stream(
        "",
        b"BT /F1 12 Tf 72 700 Td <0001000200030004001000300031> Tj ET",
    );
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {root} 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R /Resources << /Font << /F1 {font} 0 R >> >> >>"
    ));
    pdf.set(
        root,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {root} 0 R >>"));
    let r = run_on(&pdf.finish(catalog), "text", &[]);
    r.assert_ok("invalid UTF-16");
    assert!(r.stdout().contains('\u{FFFD}'), "{}", r.stdout());
    assert!(r.stdout().contains('A'), "{}", r.stdout());
}

#[test]
fn a_fixture_truncated_at_every_kilobyte() {
    let full = std::fs::read(fixture("pdf/an-2021.lo.pdf")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (mut ok, mut failed, mut peak) = (0, 0, 0u64);
    for end in (1024..full.len()).step_by(1024) {
        let path = dir.path().join(format!("cut-{end}.pdf"));
        std::fs::write(&path, &full[..end]).unwrap();
        let r = run(&["extract", path.to_str().unwrap()]);
        r.assert_clean(&format!("truncated at {end}"));
        assert!(
            !r.stderr().contains("internal error"),
            "at {end}: {}",
            r.stderr()
        );
        assert!(
            r.elapsed < Duration::from_secs(30),
            "at {end}: {:?}",
            r.elapsed
        );
        if r.out.status.success() {
            ok += 1;
        } else {
            failed += 1;
        }
        peak = peak.max(r.rss_kb.unwrap_or(0));
    }
    assert!(ok + failed > 140, "{ok} + {failed}");
    eprintln!(
        "truncated copies: {ok} extracted, {failed} failed cleanly, peak {} MB",
        peak / 1024
    );
}

#[test]
fn the_time_limit_ends_a_slow_pdf() {
    // 40 pages of 400 000 operators each: about 16 M operators in all.
    let content = zlib(b"", b"q Q ", 1_600_000, b"");
    let refs: Vec<(&[u8], &str)> = (0..40)
        .map(|_| (content.as_slice(), "/Filter /FlateDecode"))
        .collect();
    let doc = pages(&refs);
    let r = run_on(&doc, "extract", &["--timeout", "0.2"]);
    r.assert_error("PDF timeout", "reading took longer than the limit of 200ms");
    assert!(r.elapsed < Duration::from_secs(10), "{:?}", r.elapsed);
}

#[test]
fn the_time_limit_ends_a_slow_text_export() {
    // A 9 MB text export (the 2021 export 128 times) takes seconds to parse;
    // the parser checks the document's deadline between lines and tables.
    let one = std::fs::read(fixture("text/an-internbudget-2021.txt")).unwrap();
    let big: Vec<u8> = std::iter::repeat_n(one.as_slice(), 128)
        .flatten()
        .copied()
        .collect();
    let r = run_on(&big, "extract", &["--timeout", "0.1"]);
    r.assert_error(
        "text timeout",
        "took longer than the limit of 100ms (--timeout)",
    );
    assert!(
        r.elapsed < Duration::from_secs(5),
        "the time limit held after {:?}",
        r.elapsed
    );
}

#[test]
fn text_and_pdf_size_limits() {
    let text = std::fs::read(fixture("text/an-internbudget-2019.txt")).unwrap();
    let r = run_on(&text, "extract", &["--max-text-bytes", "10K"]);
    r.assert_error(
        "--max-text-bytes",
        "the size of a text export exceeds the limit of 10K (--max-text-bytes)",
    );
    // The default: 16 MiB.
    let big = vec![b'x'; (16 << 20) + 1];
    let r = run_on(&big, "text", &[]);
    r.assert_error(
        "16 MiB text",
        "the size of a text export exceeds the limit of 16M (--max-text-bytes)",
    );
    let pdf = std::fs::read(fixture("pdf/an-2019.lo.pdf")).unwrap();
    let r = run_on(&pdf, "extract", &["--max-pdf-bytes", "64K"]);
    r.assert_error(
        "--max-pdf-bytes",
        "the size of a PDF exceeds the limit of 64K (--max-pdf-bytes)",
    );
    let r = run_on(&pdf, "extract", &["--max-pdf-bytes", "lots"]);
    assert_eq!(r.out.status.code(), Some(2), "{}", r.stderr());
    assert!(r.stderr().contains("not a byte count"), "{}", r.stderr());
}

/// Peak memory allowed per byte of a text export: the layout keeps every
/// word (its box and its text, ~80 bytes for a one-character word), the
/// worst case being a text of one-character words (~45 bytes per input
/// byte measured); see the README's table.
const MAX_BYTES_PER_TEXT_BYTE: u64 = 64;
/// The process's own memory before any input.
const BASE_RSS_KB: u64 = 40 * 1024;

fn assert_memory_per_byte(r: &Run, what: &str, input: usize) {
    let Some(kb) = r.rss_kb else { return };
    let per_byte = (kb.saturating_sub(BASE_RSS_KB) * 1024) as f64 / input as f64;
    eprintln!(
        "{what}: {per_byte:.1} bytes of memory per input byte ({} MB peak)",
        kb / 1024
    );
    assert!(
        kb <= BASE_RSS_KB + input as u64 * MAX_BYTES_PER_TEXT_BYTE / 1024,
        "{what}: peak {kb} KB for {input} bytes"
    );
}

#[test]
fn text_exports_of_the_worst_shapes_cost_memory_linear_in_their_size() {
    let two_mb = 2usize << 20;
    // One line of `1 1 1 …`: refused at the line limit, in little memory.
    let one_line = b"1 ".repeat(two_mb / 2);
    let r = run_on(&one_line, "extract", &[]);
    r.assert_error(
        "one 2 MB line",
        "line 1: the length in bytes of one line of a text export exceeds the limit of 64K (--max-line-bytes)",
    );
    assert_memory_per_byte(&r, "one 2 MB line", two_mb);
    // Raised line limits: the words-per-line limit stops it.
    let r = run_on(&one_line, "extract", &["--max-line-bytes", "4M"]);
    r.assert_error(
        "one 2 MB line, long lines allowed",
        "(--max-words-per-line)",
    );
    // Lines at the word limit: 4096 one-character words each.
    let line = format!("{}\n", vec!["1"; 4096].join(" "));
    let lines = line.repeat(two_mb / line.len());
    let r = run_on(lines.as_bytes(), "extract", &[]);
    r.assert_error("2 MB of 4096-word lines", "no budget tables");
    assert_memory_per_byte(&r, "2 MB of 4096-word lines", lines.len());
    // One table row repeated.
    let row = "Ekonomiskt bistånd   211 615   269 239   57 624\n";
    let rows = format!(
        "Driftsammandrag (tkr)\nVerksamhet   Budget 2021   Plan 2022   Plan 2023\n{}",
        row.repeat(two_mb / row.len())
    );
    let r = run_on(rows.as_bytes(), "extract", &["-o", "/dev/null"]);
    r.assert_clean("a 2 MB repeated row");
    assert_memory_per_byte(&r, "a 2 MB repeated row", rows.len());
}

#[test]
fn reads_stop_at_the_limit_whatever_the_input_is() {
    // A device that never ends.
    if Path::new("/dev/zero").exists() {
        let r = run(&["extract", "/dev/zero"]);
        r.assert_error(
            "/dev/zero",
            "/dev/zero: the size of a text export exceeds the limit of 16M (--max-text-bytes)",
        );
        let r = run(&["validate", "/dev/zero"]);
        assert_eq!(r.out.status.code(), Some(1), "{}", r.stderr());
        assert!(r.stderr().contains("not JSON"), "{}", r.stderr());
    }
    // `yes | internbudget extract -`.
    let r = run_fed(&["extract", "-"], endless(b"y\ny\ny\ny\n"));
    r.assert_error(
        "yes |",
        "stdin: the size of a text export exceeds the limit of 16M (--max-text-bytes)",
    );
    // An endless PDF on stdin stops at the PDF limit.
    let r = run_fed(
        &["text", "-", "--max-pdf-bytes", "1M"],
        Some(Box::new(|mut stdin| {
            use std::io::Write;
            if stdin.write_all(b"%PDF-1.7\n").is_ok() {
                while stdin.write_all(&[b' '; 4096]).is_ok() {}
            }
        })),
    );
    r.assert_error("endless PDF", "the size of a PDF exceeds the limit of 1M");
    // JSON for diff.
    let r = run_fed(
        &["diff", "-", "/dev/null", "--max-json-bytes", "1M"],
        Some(Box::new(|mut stdin| {
            use std::io::Write;
            if stdin.write_all(b"{\"a\": [").is_ok() {
                while stdin.write_all(b"1,1,1,1,").is_ok() {}
            }
        })),
    );
    r.assert_error(
        "endless JSON",
        "the size of a JSON document exceeds the limit of 1M",
    );
}

#[cfg(unix)]
#[test]
fn an_endless_fifo_in_a_batch_fails_as_too_large_and_the_rest_converts() {
    let d = tempfile::tempdir().unwrap();
    let fifo = d.path().join("endless.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let good = d.path().join("good.txt");
    std::fs::copy(fixture("text/an-internbudget-2019.txt"), &good).unwrap();
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            use std::io::Write;
            if let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(&fifo) {
                while f.write_all(&[b'1'; 65536]).is_ok() {}
            }
        })
    };
    let out = d.path().join("out");
    let r = run(&[
        "batch",
        fifo.to_str().unwrap(),
        good.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--max-text-bytes",
        "4M",
    ]);
    writer.join().unwrap();
    assert_eq!(r.out.status.code(), Some(1), "{}", r.stderr());
    if let Some(kb) = r.rss_kb {
        assert!(kb < MAX_RSS_KB, "peak {kb} KB");
    }
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let entry = |p: &str| {
        m["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["path"] == p)
            .unwrap()
            .clone()
    };
    let e = entry("endless.txt");
    assert_eq!(e["error"]["kind"], "too_large", "{e}");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("limit of 4M"),
        "{e}"
    );
    assert_eq!(entry("good.txt")["status"], "ok");
}
