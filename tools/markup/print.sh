#!/usr/bin/env bash
# Prints the pages in real budget shapes (fixtures/html/r*.html, made by
# shapes.py) as PDFs with headless Chromium and with LibreOffice, as they
# print (borderless) and with every cell ruled (NAME.ruled.*), and makes
# their `pdftotext -layout` exports: fixtures/shapes/{pdf,text}. Their
# expected facts are those of the pages (fixtures/truth/html/).
#   tools/markup/print.sh                          # every page
#   tools/markup/print.sh fixtures/html/r5-*.html  # only these
# (needs chromium, soffice, pdftotext)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=fixtures/shapes
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out/pdf" "$out/text"
# print PAGE OUTNAME: the page as PDFs by both producers.
print() {
    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
        --print-to-pdf="$out/pdf/$2.chromium.pdf" "$1" 2>/dev/null
    soffice --headless --convert-to pdf --outdir "$tmp" "$1" >/dev/null 2>&1
    mv "$tmp/$(basename "$1" .html).pdf" "$out/pdf/$2.lo.pdf"
}
pages=("$@")
[ ${#pages[@]} -gt 0 ] || pages=(fixtures/html/r*-*.html)
for page in "${pages[@]}"; do
    name=$(basename "$page" .html)
    print "$page" "$name"
    # The same page with every cell ruled (a table style with borders).
    mkdir -p "$tmp/ruled"
    sed 's|</style>|th,td{border:1px solid #000}</style>|' "$page" >"$tmp/ruled/$name.html"
    print "$tmp/ruled/$name.html" "$name.ruled"
done
for page in "${pages[@]}"; do
    for pdf in "$out"/pdf/"$(basename "$page" .html)".*pdf; do
        name=$(basename "$pdf" .pdf)
        pdftotext -layout "$pdf" "$out/text/$name.layout.txt"
    done
done
