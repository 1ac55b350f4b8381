#!/usr/bin/env python3
"""Turns generated documents into the committed corpus (called by build.sh).

Reads BUILD/plan.json written by generate.py, prints every HTML document to
PDF with its producer (headless Chromium, or LibreOffice through DOCX, ODT or
directly), derives the text exports (pdftotext -layout / raw, re-encoded),
copies the tab-separated exports, and writes OUT/{pdf,text,truth}/,
OUT/manifest.json and OUT/README.md.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer"]

PRODUCERS = {
    "chromium": "headless Chromium --print-to-pdf (Skia/PDF)",
    "lo-docx": "LibreOffice: HTML → DOCX → PDF",
    "lo-odt": "LibreOffice: HTML → ODT → PDF",
    "lo-direct": "LibreOffice: HTML → PDF (writer_pdf_Export)",
    "tsv": "tab-separated text export written by the generator",
}
LIMIT = 100 * 1024


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stdout}\n{p.stderr}")
    return p


def chromium_pdf(html, pdf, tagged):
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    with tempfile.TemporaryDirectory() as prof:
        cmd = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={prof}", f"--print-to-pdf={pdf}"]
        if not tagged:
            cmd.append("--disable-pdf-tagging")
        run(cmd + ["file://" + os.path.abspath(html)], timeout=180)


def soffice(args, lo_profile):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    run([exe, f"-env:UserInstallation=file://{lo_profile}", "--headless", *args], timeout=300)


def lo_pdf(html, pdf, via, work, lo_profile):
    base = os.path.splitext(os.path.basename(html))[0]
    infilter = "--infilter=HTML (StarWriter)"
    if via == "lo-direct":
        soffice([infilter, "--convert-to", "pdf:writer_pdf_Export", "--outdir", work, html], lo_profile)
    else:
        ext, flt = ("docx", "docx:MS Word 2007 XML") if via == "lo-docx" else ("odt", "odt:writer8")
        soffice([infilter, "--convert-to", flt, "--outdir", work, html], lo_profile)
        mid = os.path.join(work, f"{base}.{ext}")
        soffice(["--convert-to", "pdf:writer_pdf_Export", "--outdir", work, mid], lo_profile)
    shutil.move(os.path.join(work, base + ".pdf"), pdf)


def page_features(pdf, truth_path):
    """What the printed PDF actually does: page count, landscape pages, tables across pages."""
    info = run(["pdfinfo", "-f", "1", "-l", "999", pdf]).stdout
    sizes = [l.split(":", 1)[1] for l in info.splitlines() if l.startswith("Page") and "size" in l]
    n = len(sizes)
    land = [str(i + 1) for i, sz in enumerate(sizes) if float(sz.split()[0]) > float(sz.split()[2])]
    pages = [run(["pdftotext", "-layout", "-f", str(i), "-l", str(i), pdf, "-"]).stdout for i in range(1, n + 1)]
    norm = [" ".join(p.split()) for p in pages]

    def where(label):
        key = " ".join(label.split())[:16]
        return [i + 1 for i, p in enumerate(norm) if key in p]
    truth = json.load(open(truth_path, encoding="utf-8"))
    out = [f"{n} pages" + (f", landscape page(s) {', '.join(land)}" if land else "")]
    for t in truth["tables"]:
        if t["title"] == "Ekonomi":
            continue
        first = where(t["rows"][0]["label"])
        last = where(t["rows"][-1]["label"])
        if first and last and max(last) > max(first[-1:] or [0]) and max(last) > min(p for p in first if p <= max(last)):
            a = max(p for p in first if p <= max(last))
            out.append(f"table '{t['title']}' printed across pages {a}–{max(last)}")
    return out


def encode(text, enc, newline):
    if newline == "crlf":
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    if enc == "utf-8":
        return text.encode("utf-8")
    if enc == "cp1252":
        return text.encode("cp1252")
    if enc == "utf-16":
        return b"\xff\xfe" + text.encode("utf-16-le")
    raise ValueError(enc)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--only", help="comma-separated ids")
    args = ap.parse_args()
    plan = json.load(open(os.path.join(args.build, "plan.json"), encoding="utf-8"))
    only = set(args.only.split(",")) if args.only else None
    for sub in ("pdf", "text", "truth"):
        os.makedirs(os.path.join(args.out, sub), exist_ok=True)
    lo_profile = tempfile.mkdtemp(prefix="synth-lo-")
    work = tempfile.mkdtemp(prefix="synth-work-")
    manifest = []
    for e in plan:
        shutil.copy(os.path.join(args.build, e["truth"]), os.path.join(args.out, e["truth"]))
        dst = os.path.join(args.out, e["file"])
        if only is None or e["id"] in only:
            if e["producer"] == "tsv":
                shutil.copy(os.path.join(args.build, e["file"]), dst)
            else:
                html = os.path.join(args.build, "html", e["id"] + ".html")
                if e["producer"] == "chromium":
                    chromium_pdf(html, dst, tagged=e.get("tagged", False))
                else:
                    lo_pdf(html, dst, e["producer"], work, lo_profile)
                size = os.path.getsize(dst)
                print(f"{e['file']}: {size // 1024} KB{'  (over 100 KB!)' if size > LIMIT else ''}")
        feats = list(e["features"])
        if e["producer"] != "tsv":
            feats += page_features(dst, os.path.join(args.out, e["truth"]))
        m = {"file": e["file"], "truth": e["truth"], "producer": PRODUCERS[e["producer"]],
             "municipality": e["municipality"], "committee": e["committee"], "budget_year": e["budget_year"],
             "features": feats}
        if e["producer"] == "tsv":
            m["encoding"] = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "cp1252": "Windows-1252",
                             "utf-16": "UTF-16LE with BOM"}[e["encoding"]] + (", CRLF" if e["newline"] == "crlf" else "")
        else:
            m["font"] = f"{e.get('font')} {e.get('font_size')}pt"
        manifest.append(m)
        for d in e.get("derived", []):
            name = f"text/{d['id']}.txt"
            if only is None or e["id"] in only:
                cmd = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if d["kind"] == "layout" else []) + [dst, "-"]
                text = run(cmd).stdout
                with open(os.path.join(args.out, name), "wb") as f:
                    f.write(encode(text, d.get("encoding", "utf-8"), d.get("newline", "lf")))
            enc = {"utf-8": "UTF-8", "cp1252": "Windows-1252", "utf-16": "UTF-16LE with BOM"}[d.get("encoding", "utf-8")]
            manifest.append({"file": name, "truth": e["truth"],
                             "producer": f"pdftotext {'-layout' if d['kind'] == 'layout' else '(raw, no -layout)'} of {e['file']}",
                             "municipality": e["municipality"], "committee": e["committee"],
                             "budget_year": e["budget_year"],
                             "encoding": enc + (", CRLF" if d.get("newline") == "crlf" else ""),
                             "features": [f"same document and truth as {e['file']}"]})
    manifest.sort(key=lambda m: os.path.basename(m["file"]))
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
        f.write("\n")
    write_readme(args.out, manifest)
    shutil.rmtree(lo_profile, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)


def write_readme(out, manifest):
    L = ["# Synthetic internbudgets",
         "",
         "Generated by `tools/synth/generate.py` (seed 2024, standard library only) and printed by",
         "`tools/synth/build.sh`; scored by `tools/synth/evaluate.sh` (baseline in `BASELINE.md`) and by",
         "`tests/synthetic.rs` (per-file floors). Everything here is invented: municipalities and committees",
         "are real names, every number and text is made up. Regenerate with `tools/synth/build.sh`",
         "(needs Chromium, LibreOffice and poppler-utils, which it installs); CI only reads the committed files.",
         "",
         "- `pdf/` — PDFs printed from the generator's HTML by headless Chromium or LibreOffice.",
         "- `text/` — text exports: tab-separated (written by the generator, like a Word \"save as text\",",
         "  `<i>…</i>` for italics, merged cells left empty) and `pdftotext` output of some of the PDFs,",
         "  some re-encoded as Windows-1252 or UTF-16 with BOM.",
         "- `truth/` — expected facts in the format of `fixtures/truth/*.truth.json` (see",
         "  `../shared/fixtures/README.md`). A text export made from a PDF shares the PDF's truth file.",
         "  Documents with a deliberately broken total carry an extra top-level `failed_checks` list",
         "  (`table`, `kind` as in the tool's `checks[].kind`, `column` {kind, year}, the changed `row`, and",
         "  the `expected`/`found` amounts); score.py ignores it, `tests/synthetic.rs` reads it.",
         "- `manifest.json` — every document=truth pair with producer and features (read by the scripts).",
         "",
         "Totals reconcile exactly everywhere else: line items (incl. \"Ofördelad …\") sum to the total,",
         "varav intäkter + varav kostnader = total, frame + adjustments = next frame, last frame = total",
         "(budget and plan years), and \"Summa … inkl …\" = total + the memo rows above it.",
         "",
         "| file | producer | document | what it exercises |",
         "| --- | --- | --- | --- |"]
    for m in manifest:
        doc = f"{m['committee']}, {m['municipality']}, {m['budget_year']}"
        extra = [m["encoding"]] if "encoding" in m else ([f"font {m['font']}"] if "font" in m else [])
        feats = "; ".join(extra + m["features"])
        L.append(f"| `{m['file']}` | {m['producer']} | {doc} | {feats} |")
    L.append("")
    with open(os.path.join(out, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(L))


if __name__ == "__main__":
    main()
