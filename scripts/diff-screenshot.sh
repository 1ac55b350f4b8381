#!/usr/bin/env bash
# Renders the HTML diff report of the 2019 and 2021 fixtures and takes a
# screenshot of it in headless Chromium (Debian's package), to check by eye
# that the report reads well: docs/diff-report.png.
#
# Run by developers, not by CI:  scripts/diff-screenshot.sh [OUT.png]
# Needs root (or sudo) the first time, to install chromium with apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/diff-report.png}"
if ! command -v chromium >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq chromium >/dev/null
fi
cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./target/release/internbudget diff \
    fixtures/text/an-internbudget-2019.txt fixtures/text/an-internbudget-2021.txt \
    --format html -o "$work/diff-report.html" 2>/dev/null
mkdir -p "$(dirname "$out")"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --hide-scrollbars \
    --window-size=1280,2000 --screenshot="$PWD/$out" \
    "file://$work/diff-report.html" 2>"$work/chromium.log" || {
    cat "$work/chromium.log" >&2
    exit 1
}
echo "wrote $out"
