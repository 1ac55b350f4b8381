#!/usr/bin/env bash
# Scores the parser on held-out variants of the pages in real budget shapes:
# for each seed, shapes.py --seed writes r1..r5 with other contents (names,
# years, column counts, units, magnitudes, row counts), printing.sh prints
# them as print.sh does (Chromium and LibreOffice, borderless and ruled, and
# their layout exports), and ../shared/tools/score.py scores every page, PDF
# and layout export against the variant's expected facts.
#   tools/markup/holdout.sh [--bin BIN] [--keep DIR] SEED...
#   tools/markup/holdout.sh [--bin BIN] --rescore DIR SEED...
# BIN is target/release/internbudget of this checkout unless given. Without
# --keep the outputs go to a temp dir that is removed; with it DIR keeps
# html/ truth/ pdf/ text/, score.txt (with every missed cell),
# summary.json and table.txt. --rescore scores the files a --keep run left
# in DIR again (another binary) without making or printing them.
# Nothing is written to fixtures/.
# (needs chromium, soffice, pdftotext)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$root/target/release/internbudget
keep=
rescore=
seeds=()
while [ $# -gt 0 ]; do
    case $1 in
        --bin) bin=$2; shift 2 ;;
        --keep) keep=$2; shift 2 ;;
        --rescore) keep=$2; rescore=1; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) seeds+=("$1"); shift ;;
    esac
done
[ ${#seeds[@]} -gt 0 ] || { echo "usage: $0 [--bin BIN] [--keep DIR] SEED..." >&2; exit 2; }
[ -x "$bin" ] || { echo "no binary at $bin (build it or give --bin)" >&2; exit 2; }
. "$root/tools/markup/printing.sh"
if [ -n "$keep" ]; then
    work=$keep
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
export LO_PROFILE=$work/.lo-profile
seed_args=()
for s in "${seeds[@]}"; do seed_args+=(--seed "$s"); done
[ -n "$rescore" ] || python3 "$root/tools/markup/shapes.py" "${seed_args[@]}" --out "$work/html" --truth "$work/truth"
pages=()
for s in "${seeds[@]}"; do pages+=("$work"/html/r*-*.s"$s".html); done
[ -n "$rescore" ] || print_shapes "$work" "${pages[@]}"
cases=()
for page in "${pages[@]}"; do
    name=$(basename "$page" .html)
    truth=$work/truth/$name.truth.json
    cases+=("$page=$truth")
    for f in "$work"/pdf/"$name".*pdf "$work"/text/"$name".*.layout.txt; do
        cases+=("$f=$truth")
    done
done
python3 /work/shared/tools/score.py --details --bin "$bin" --summary "$work/summary.json" "${cases[@]}" \
    | sed "s|$work/||" >"$work/score.txt"
grep -v '^    ' "$work/score.txt"
python3 "$root/tools/markup/holdout_table.py" "$work/summary.json" | tee "$work/table.txt"
