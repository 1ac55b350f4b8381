#!/usr/bin/env bash
# Renders the Swedish HTML diff report of the test committee's budgets
# (crates/diff/tests/data/sn-20{19,20,21}.txt: Socialnämnden, ~30 lines)
# for two and for three documents, takes screenshots in headless Chromium
# (Debian's package) and prints both to PDF on A4, to check by eye that the
# report reads well on screen and on paper:
#
#   docs/diff-report-sv-2.png   2020 → 2021, the top of the page
#   docs/diff-report-sv-3.png   2019 → 2020 → 2021, the top of the page
#   docs/diff-report-a4-2.png   the A4 pages of the two-document report, side by side
#   docs/diff-report-a4-3.png   the same for three documents
#
# and prints the page count of each PDF. Needs poppler-utils (pdftoppm,
# pdfinfo) and python3 with PIL for the page sheets.
# Run by developers, not by CI:  scripts/diff-screenshot.sh
# Needs root (or sudo) the first time, to install chromium with apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq chromium poppler-utils >/dev/null
fi
cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
data=crates/diff/tests/data
bin=./target/release/internbudget
$bin diff $data/sn-2020.txt $data/sn-2021.txt -f html -o "$work/r2.html" 2>/dev/null
$bin diff $data/sn-2019.txt $data/sn-2020.txt $data/sn-2021.txt -f html -o "$work/r3.html" 2>/dev/null
chrome() {
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$work/profile" --hide-scrollbars "$@" 2>>"$work/chromium.log" >/dev/null || {
        cat "$work/chromium.log" >&2
        exit 1
    }
}
mkdir -p docs
for n in 2 3; do
    chrome --window-size=1200,2600 --screenshot="$PWD/docs/diff-report-sv-$n.png" "file://$work/r$n.html"
    chrome --no-pdf-header-footer --print-to-pdf="$work/r$n.pdf" "file://$work/r$n.html"
    echo "r$n: $(pdfinfo "$work/r$n.pdf" | awk '/^Pages:/ {print $2}') A4 pages"
    pdftoppm -r 50 -png "$work/r$n.pdf" "$work/p$n"
    python3 - "$work" "$n" "$PWD/docs/diff-report-a4-$n.png" <<'PY'
import glob, sys
from PIL import Image
work, n, out = sys.argv[1:4]
pages = [Image.open(f) for f in sorted(glob.glob(f"{work}/p{n}-*.png"))]
w, h = pages[0].size
cols = min(len(pages), 4)
rows = (len(pages) + cols - 1) // cols
sheet = Image.new("RGB", (w * cols + 8 * (cols - 1), h * rows + 8 * (rows - 1)), "#9aa3b0")
for k, p in enumerate(pages):
    sheet.paste(p, ((k % cols) * (w + 8), (k // cols) * (h + 8)))
sheet.save(out, optimize=True)
PY
done
echo "wrote docs/diff-report-sv-2.png docs/diff-report-sv-3.png docs/diff-report-a4-2.png docs/diff-report-a4-3.png"
