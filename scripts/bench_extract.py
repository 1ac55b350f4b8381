#!/usr/bin/env python3
"""End-to-end speed of `internbudget extract` against `pdftotext -layout`.

Runs both tools over the same PDFs, alternating, in one run, and reports the
median wall time per file and the ratio (internbudget / pdftotext; below 1.0
means internbudget is faster). Both are measured as whole processes, output
discarded. internbudget does strictly more work: it reads the PDF's text and
then finds, reconciles and serialises every table and indicator.

Usage: scripts/bench_extract.py [--bin target/release/internbudget] [--runs 30] [PDF...]
Needs pdftotext (Debian: poppler-utils).
"""
import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def timed(cmd):
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t0


def main():
    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(root / "target/release/internbudget"))
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("pdfs", nargs="*", default=[str(root / "fixtures/pdf/an-2019.lo.pdf"), str(root / "fixtures/pdf/an-2021.lo.pdf")])
    a = ap.parse_args()
    if not shutil.which("pdftotext"):
        sys.exit("pdftotext not found: apt-get install poppler-utils")
    total_ib = total_pt = 0.0
    print(f"{'file':28} {'internbudget extract':>22} {'pdftotext -layout':>19} {'ratio':>7}")
    for pdf in a.pdfs:
        ib, pt = [], []
        for _ in range(a.runs):
            ib.append(timed([a.bin, "extract", pdf]))
            pt.append(timed(["pdftotext", "-layout", pdf, "-"]))
        m_ib, m_pt = statistics.median(ib), statistics.median(pt)
        total_ib += m_ib
        total_pt += m_pt
        print(f"{Path(pdf).name:28} {m_ib * 1000:19.1f} ms {m_pt * 1000:16.1f} ms {m_ib / m_pt:7.2f}")
    print(f"{'both files':28} {total_ib * 1000:19.1f} ms {total_pt * 1000:16.1f} ms {total_ib / total_pt:7.2f}")


if __name__ == "__main__":
    main()
