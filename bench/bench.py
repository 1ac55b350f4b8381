#!/usr/bin/env python3
"""Batch benchmark: internbudget batch vs pdftotext -layout, in one run.

Builds a corpus of N files (default 520) from the fixtures: half PDFs (the two
fixture PDFs, each copy with a unique trailing comment), half text exports
(the two fixture exports in UTF-8, windows-1252, UTF-16LE with BOM and CRLF,
each copy with unique trailing whitespace), so every file has its own SHA-256.
Then, interleaved over R rounds (default 3), with J jobs (default 2):

  batch all    internbudget batch CORPUS -o <fresh dir> --jobs J --force
  batch pdf    internbudget batch CORPUS/pdf -o <fresh dir> --jobs J --force
  batch text   internbudget batch CORPUS/text -o <fresh dir> --jobs J --force
  pdftotext    xargs -P J -I{} pdftotext -layout {} /dev/null   (same PDFs)
  batch j1     internbudget batch CORPUS --jobs 1 --force       (1 -> J speed-up)
  pdftotext j1 xargs -P 1 ...                                    (control: what
               the machine gives from 1 -> J jobs right now)

plus the peak RSS of batch on the first 25 %, 50 % and 100 % of the corpus.
Wall time is the median over the rounds (and the fastest round, the least
disturbed by other work on the machine); CPU time is user + system of the
process tree, which other work disturbs much less than wall time, so the
report also gives CPU-time ratios and the 1-minute load average of every
round; peak RSS comes from wait4() (the largest process of the tree, as
/usr/bin/time -v reports it). Every batch run converts every file
(--force and fresh output directories; checked once through the manifest).

By default the working tree is built (into $CARGO_TARGET_DIR, else target/).
With --rev REV a committed revision is built instead, from `git archive REV`
under the work directory: a measurement of exactly that commit, not of
uncommitted work in the tree. With --patch FILE the same is measured for a
second binary, built from a copy of this tree (without target/ and .git/)
with FILE applied: a way to measure a proposed change to code this benchmark
does not own.

Usage: python3 bench/bench.py [--files N] [--jobs J] [--rounds R]
                              [--rev REV] [--patch FILE] [--write]
Needs cargo, python3 and pdftotext (poppler-utils; installed with apt-get
when missing and running as root).
"""

import argparse
import codecs
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def ensure_pdftotext():
    if shutil.which("pdftotext"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        sh(["apt-get", "update", "-qq"])
        sh(["apt-get", "install", "-y", "-qq", "poppler-utils"])
    if not shutil.which("pdftotext"):
        sys.exit("pdftotext (poppler-utils) is needed")


def build(src: Path, target: Path) -> Path:
    env = dict(os.environ, CARGO_TARGET_DIR=str(target))
    sh(["cargo", "build", "--release", "--quiet", "-p", "internbudget"], cwd=src, env=env)
    return target / "release" / "internbudget"


def build_rev(rev: str, work: Path) -> Path:
    src = work / "rev-src"
    commit = subprocess.run(["git", "rev-parse", rev], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.strip()
    marker = work / "rev-src.commit"
    # The same commit extracted before: keep it (and cargo's incremental state).
    if not (src.exists() and marker.exists() and marker.read_text() == commit):
        if src.exists():
            shutil.rmtree(src)
        src.mkdir(parents=True)
        archive = subprocess.Popen(["git", "archive", commit], cwd=ROOT, stdout=subprocess.PIPE)
        sh(["tar", "-C", str(src), "-xf", "-"], stdin=archive.stdout)
        if archive.wait() != 0:
            sys.exit(f"git archive {rev} failed")
        marker.write_text(commit)
    return build(src, work / "rev-target")


def build_patched(patch: Path, work: Path) -> Path:
    src = work / "patched-src"
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    tar = subprocess.Popen(
        ["tar", "-C", str(ROOT), "--exclude=./target", "--exclude=./.git", "-cf", "-", "."],
        stdout=subprocess.PIPE,
    )
    sh(["tar", "-C", str(src), "-xf", "-"], stdin=tar.stdout)
    tar.wait()
    sh(["git", "apply", str(patch.resolve())], cwd=src)
    return build(src, work / "patched-target")


def make_corpus(dest: Path, n: int):
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "pdf").mkdir(parents=True)
    (dest / "text").mkdir(parents=True)
    pdfs = [ROOT / "fixtures/pdf/an-2019.lo.pdf", ROOT / "fixtures/pdf/an-2021.lo.pdf"]
    texts = [
        ROOT / "fixtures/text/an-internbudget-2019.txt",
        ROOT / "fixtures/text/an-internbudget-2021.txt",
    ]
    n_pdf = n // 2
    for i in range(n_pdf):
        src = pdfs[i % len(pdfs)]
        data = src.read_bytes() + f"\n%internbudget bench variant {i}\n".encode()
        (dest / "pdf" / f"{i:04d}-{src.stem}.pdf").write_bytes(data)

    def cp1252(s):
        return s.replace("≥", ">=").replace("≤", "<=").encode("cp1252")

    encodings = [
        ("utf8", lambda s: s.encode("utf-8")),
        ("cp1252", cp1252),
        ("utf16", lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le")),
        ("crlf", lambda s: s.replace("\n", "\r\n").encode("utf-8")),
    ]
    for i in range(n - n_pdf):
        src = texts[i % len(texts)]
        name, enc = encodings[(i // len(texts)) % len(encodings)]
        s = src.read_text(encoding="utf-8") + "\n" * (1 + i)
        (dest / "text" / f"{i:04d}-{src.stem}.{name}.txt").write_bytes(enc(s))


def run(cmd, stdin=None):
    """Runs cmd; returns (wall s, peak RSS MiB of the tree, CPU s of the tree)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(
        cmd,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    if stdin is not None:
        p.stdin.write(stdin)
        p.stdin.close()
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    secs = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.stderr.write(err.decode(errors="replace")[-2000:])
        raise SystemExit(f"{cmd[0]} exited with {code}")
    return secs, ru.ru_maxrss / 1024.0, ru.ru_utime + ru.ru_stime


def fresh(d: Path) -> Path:
    if d.exists():
        shutil.rmtree(d)
    return d


def bench(binary: Path, label: str, corpus: Path, work: Path, jobs: int, rounds: int) -> str:
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    pdfs = [p for p in files if p.suffix == ".pdf"]
    all_mb = sum(p.stat().st_size for p in files) / 1e6
    pdf_mb = sum(p.stat().st_size for p in pdfs) / 1e6
    n, n_pdf, j = len(files), len(pdfs), str(jobs)
    b = str(binary)

    out = fresh(work / "check")
    sh([b, "batch", str(corpus), "-o", str(out), "--jobs", j, "--quiet"])
    m = json.loads((out / "manifest.json").read_text())
    assert m["counts"]["ok"] == n, m["counts"]

    pdf_list = b"\n".join(str(p).encode() for p in pdfs) + b"\n"
    # One pdftotext process per PDF, J at a time, text to /dev/null (writing
    # nothing favours pdftotext: the comparison is conservative).
    def pdftotext(jj):
        return ["xargs", "-P", jj, "-I", "{}", "pdftotext", "-layout", "{}", "/dev/null"]

    texts = [p for p in files if p.suffix != ".pdf"]
    text_mb = all_mb - pdf_mb
    load0 = os.getloadavg()[0]
    loads = []
    keys = ("batch_all", "batch_pdf", "batch_text", "pdftotext", "batch_j1", "pdftotext_j1")
    res = {k: [] for k in keys}
    for r in range(rounds):
        res["batch_all"].append(run([b, "batch", str(corpus), "-o", str(fresh(work / "out")), "--jobs", j, "--force"]))
        res["pdftotext"].append(run(pdftotext(j), stdin=pdf_list))
        res["batch_pdf"].append(run([b, "batch", str(corpus / "pdf"), "-o", str(fresh(work / "out")), "--jobs", j, "--force"]))
        res["batch_text"].append(run([b, "batch", str(corpus / "text"), "-o", str(fresh(work / "out")), "--jobs", j, "--force"]))
        res["batch_j1"].append(run([b, "batch", str(corpus), "-o", str(fresh(work / "out")), "--jobs", "1", "--force"]))
        res["pdftotext_j1"].append(run(pdftotext("1"), stdin=pdf_list))
        loads.append(os.getloadavg()[0])
        print(f"[{label}] round {r + 1}/{rounds} (load {loads[-1]:.2f}): "
              + ", ".join(f"{k} {v[-1][0]:.2f}s" for k, v in res.items()), file=sys.stderr)
    mem = []
    for frac in (0.25, 0.5, 1.0):
        subset = files[: max(1, int(n * frac))]
        lst = b"\n".join(str(p).encode() for p in subset) + b"\n"
        _, rss, _ = run([b, "batch", "-", "-o", str(fresh(work / "out")), "--jobs", j, "--force",
                         "--root", str(corpus)], stdin=lst)
        mem.append((len(subset), rss))
    load1 = os.getloadavg()[0]

    # Ratios within each round (the runs of one round see similar load).
    def paired(a, b):
        return [x[0] / y[0] for x, y in zip(res[a], res[b])]
    quiet = min(range(rounds), key=lambda i: loads[i])
    wall = {k: statistics.median(x[0] for x in v) for k, v in res.items()}
    best = {k: min(x[0] for x in v) for k, v in res.items()}
    cpu = {k: statistics.median(x[2] for x in v) for k, v in res.items()}
    rss = {k: max(x[1] for x in v) for k, v in res.items()}

    def row(name, key, jj, count, mb):
        return (f"| {name} | {jj} | {count} | {wall[key]:.2f} | {cpu[key]:.2f} | "
                f"{count / wall[key]:.1f} | {mb / wall[key]:.2f} | {rss[key]:.1f} |")

    lines = [
        f"### {label}",
        "",
        f"1-minute load average {load0:.2f} before, {load1:.2f} after (other work on the same cores "
        "makes wall times and speed-ups worse than on an idle machine; the pdftotext control shows by how much).",
        "",
        f"| run | jobs | files | wall s (median of {rounds}) | CPU s | files/s | MB/s | peak RSS MiB |",
        "|---|---|---|---|---|---|---|---|",
        row("`internbudget batch`, all files (parse, normalize, write JSON)", "batch_all", j, n, all_mb),
        row("`internbudget batch`, the PDFs only", "batch_pdf", j, n_pdf, pdf_mb),
        row("`internbudget batch`, the text exports only", "batch_text", j, len(texts), text_mb),
        row(f"`pdftotext -layout`, the same PDFs (`xargs -P {j}`)", "pdftotext", j, n_pdf, pdf_mb),
        row("`internbudget batch`, all files", "batch_j1", "1", n, all_mb),
        row("`pdftotext -layout`, the same PDFs (`xargs -P 1`)", "pdftotext_j1", "1", n_pdf, pdf_mb),
        "",
        f"- time ratio batch (all {n} files) / pdftotext ({n_pdf} PDFs), {j} jobs each: "
        f"**{wall['batch_all'] / wall['pdftotext']:.2f}** (target ≤ 1.0)",
        f"- the same from the fastest rounds: {best['batch_all'] / best['pdftotext']:.2f}; "
        f"median of the per-round ratios: {statistics.median(paired('batch_all', 'pdftotext')):.2f}; "
        f"in the least loaded round ({quiet + 1}): {paired('batch_all', 'pdftotext')[quiet]:.2f}; "
        f"from CPU time: {cpu['batch_all'] / cpu['pdftotext']:.2f}",
        f"- time ratio batch / pdftotext on the same {n_pdf} PDFs: **{wall['batch_pdf'] / wall['pdftotext']:.2f}** "
        f"(fastest rounds {best['batch_pdf'] / best['pdftotext']:.2f}, CPU time {cpu['batch_pdf'] / cpu['pdftotext']:.2f})",
        f"- speed-up 1 → {j} jobs: batch **{wall['batch_j1'] / wall['batch_all']:.2f}×** from the medians, "
        f"{best['batch_j1'] / best['batch_all']:.2f}× from the fastest rounds, "
        f"{statistics.median(paired('batch_j1', 'batch_all')):.2f}× median of the per-round ratios, "
        f"{paired('batch_j1', 'batch_all')[quiet]:.2f}× in the least loaded round (target ≥ 1.7×); "
        f"pdftotext control {wall['pdftotext_j1'] / wall['pdftotext']:.2f}× and "
        f"{best['pdftotext_j1'] / best['pdftotext']:.2f}×; batch CPU time {j} jobs / 1 job "
        f"{cpu['batch_all'] / cpu['batch_j1']:.2f} (1.00 = no parallel overhead), so with {j} free cores "
        f"the CPU time allows {jobs * cpu['batch_j1'] / cpu['batch_all']:.2f}×; cores the {j}-job batch "
        f"actually got (CPU s / wall s, median): {cpu['batch_all'] / wall['batch_all']:.2f} of {j}",
        f"- CPU per file inside batch: PDFs {1000 * cpu['batch_pdf'] / n_pdf:.1f} ms, text exports "
        f"{1000 * cpu['batch_text'] / max(1, len(texts)):.1f} ms; pdftotext {1000 * cpu['pdftotext'] / n_pdf:.1f} ms "
        "per PDF (a process each)",
        "- peak RSS of batch by number of files: "
        + ", ".join(f"{k} files {v:.1f} MiB" for k, v in mem) + " (target < 200 MiB and flat)",
        "",
        "1-minute load average after each round: " + ", ".join(f"{x:.2f}" for x in loads),
        "",
        "Rounds, wall s: " + "; ".join(
            f"{k} " + ", ".join(f"{x[0]:.2f}" for x in v) for k, v in res.items()),
        "",
    ]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=520)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--patch", type=Path, action="append", default=[],
                    help="also bench this tree with this patch applied (repeatable)")
    ap.add_argument("--write", action="store_true", help="write bench/RESULTS.md")
    ap.add_argument("--rev", help="bench this committed revision instead of the working tree")
    ap.add_argument("--work", type=Path, default=ROOT / "target" / "bench")
    args = ap.parse_args()

    ensure_pdftotext()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    if args.rev:
        base = build_rev(args.rev, work)
    else:
        base = build(ROOT, Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")).resolve())
    patched = [(p, build_patched(p, work / f"p{i}")) for i, p in enumerate(args.patch)]
    corpus = work / "corpus"
    make_corpus(corpus, args.files)
    files = [p for p in corpus.rglob("*") if p.is_file()]
    pdfs = [p for p in files if p.suffix == ".pdf"]
    head = subprocess.run(["git", "rev-parse", "--short", args.rev or "HEAD"], cwd=ROOT,
                          capture_output=True, text=True).stdout.strip()
    # The results file this run rewrites does not count as a change.
    dirty = "" if args.rev else subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no", "--", ".",
         ":(exclude)bench/RESULTS.md"], cwd=ROOT,
        capture_output=True, text=True).stdout.strip()
    cmd = (f"python3 bench/bench.py --files {args.files} --jobs {args.jobs} --rounds {args.rounds}"
           + (f" --rev {args.rev}" if args.rev else "")
           + "".join(f" --patch {p}" for p in args.patch))
    poppler = subprocess.run(["pdftotext", "-v"], capture_output=True, text=True).stderr.splitlines()[0]
    parts = [
        "# Batch benchmark",
        "",
        f"Reproduce: `{cmd} --write` (builds the release binary, the corpus under `target/bench/`, "
        "runs everything interleaved).",
        "",
        f"Tree: {head}{' (committed revision, built from git archive)' if args.rev else ''}"
        f"{' with uncommitted changes of other work in progress' if dirty else ''}. "
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Linux {platform.release()}; {poppler}.",
        "",
        f"Corpus: {len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB: {len(pdfs)} PDFs "
        f"({sum(p.stat().st_size for p in pdfs) / 1e6:.1f} MB; the two fixture PDFs, each copy with a unique "
        f"trailing comment) and {len(files) - len(pdfs)} text exports (the two fixtures in UTF-8, windows-1252, "
        "UTF-16LE with BOM and CRLF, each copy with unique trailing whitespace). Every run converts every "
        "file (`--force`, fresh output directories).",
        "",
        bench(base, "this tree", corpus, work, args.jobs, args.rounds),
    ]
    for p, binary in patched:
        parts.append(bench(binary, f"this tree with `{p}` applied", corpus, work, args.jobs, args.rounds))
    text = "\n".join(parts)
    print(text)
    if args.write:
        (ROOT / "bench" / "RESULTS.md").write_text(text)


if __name__ == "__main__":
    main()
