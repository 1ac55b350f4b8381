#!/usr/bin/env bash
# Prints the pages in real budget shapes (fixtures/html/r*.html, made by
# shapes.py) as PDFs with headless Chromium and with LibreOffice, and makes
# their `pdftotext -layout` exports: fixtures/shapes/{pdf,text}. Their
# expected facts are those of the pages (fixtures/truth/html/).
#   tools/markup/print.sh        # needs chromium, soffice, pdftotext
set -euo pipefail
cd "$(dirname "$0")/../.."
out=fixtures/shapes
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out/pdf" "$out/text"
for page in fixtures/html/r*-*.html; do
    name=$(basename "$page" .html)
    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
        --print-to-pdf="$out/pdf/$name.chromium.pdf" "$page" 2>/dev/null
    soffice --headless --convert-to pdf --outdir "$tmp" "$page" >/dev/null 2>&1
    mv "$tmp/$name.pdf" "$out/pdf/$name.lo.pdf"
done
for pdf in "$out"/pdf/*.pdf; do
    name=$(basename "$pdf" .pdf)
    pdftotext -layout "$pdf" "$out/text/$name.layout.txt"
done
