//! Time to read the LibreOffice budget fixtures into positioned words,
//! reported per document; divide by the page count (18 and 22) for the time
//! per page. Compare with `pdftotext -layout FILE /dev/null` on the same
//! machine.

use criterion::{Criterion, criterion_group, criterion_main};
use internbudget_pdf::{Limits, read_pdf};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let limits = Limits::default();
    for name in ["an-2019.lo.pdf", "an-2021.lo.pdf"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/pdf")
            .join(name);
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("skipping {}: not found", path.display());
            continue;
        };
        c.bench_function(name, |b| {
            b.iter(|| read_pdf(black_box(&bytes), &limits).map(|d| d.pages.len()))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
