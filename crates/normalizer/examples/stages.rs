//! Times each stage of `extract` on the given files: `cargo run --release
//! -p internbudget-normalizer --example stages -- FILE...` (a profiling aid;
//! set `ROUNDS` for more or fewer repetitions, default 50).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

fn main() {
    let rounds: u32 = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(50);
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable file");
        let mut t = [Duration::ZERO; 4];
        for _ in 0..rounds {
            let s = Instant::now();
            let (_, layout) = internbudget_parser::source::read(&bytes).unwrap();
            let a = Instant::now();
            let parsed = internbudget_parser::parse_document(&layout).unwrap();
            let b = Instant::now();
            let source = internbudget_normalizer::Source {
                file: String::new(),
                sha256: String::new(),
                bytes: 0,
                format: internbudget_normalizer::SourceFormat::Pdf,
                encoding: None,
                pages: 0,
                lines: None,
            };
            let doc = internbudget_normalizer::normalize(&parsed, source);
            let c = Instant::now();
            let json = serde_json::to_vec(&doc).unwrap();
            let d = Instant::now();
            std::hint::black_box(json);
            t[0] += a - s;
            t[1] += b - a;
            t[2] += c - b;
            t[3] += d - c;
        }
        let ms = |d: Duration| d.as_secs_f64() * 1000.0 / f64::from(rounds);
        println!(
            "{path}: read {:.2} ms, parse {:.2} ms, normalize {:.2} ms, json {:.2} ms, total {:.2} ms",
            ms(t[0]),
            ms(t[1]),
            ms(t[2]),
            ms(t[3]),
            ms(t[0] + t[1] + t[2] + t[3])
        );
    }
}
