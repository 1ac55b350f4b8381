#!/usr/bin/env bash
# Prints the pages in real budget shapes (fixtures/html/r*.html, made by
# shapes.py) as PDFs with headless Chromium and with LibreOffice, as they
# print (borderless) and with every cell ruled (NAME.ruled.*), and makes
# their `pdftotext -layout` exports: fixtures/shapes/{pdf,text}. Their
# expected facts are those of the pages (fixtures/truth/html/).
#   tools/markup/print.sh                          # every page
#   tools/markup/print.sh fixtures/html/r5-*.html  # only these
# (needs chromium, soffice, pdftotext; the printing is printing.sh's)
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/markup/printing.sh
pages=("$@")
[ ${#pages[@]} -gt 0 ] || pages=(fixtures/html/r*-*.html)
print_shapes fixtures/shapes "${pages[@]}"
