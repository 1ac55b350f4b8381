#!/usr/bin/env bash
# Runs one cargo-fuzz target for a given time on the stable toolchain and
# keeps every new crash, out-of-memory or timeout input as a regression
# fixture in fuzz/regressions/TARGET/ (replayed by tests/fuzz_regressions.rs).
#
#   scripts/fuzz.sh TARGET [SECONDS] [-- LIBFUZZER_ARGS...]
#   scripts/fuzz.sh all [SECONDS]          # every target, one after the other
#
# TARGET: pdf_document | text_export | docx_document | html_page | number |
# diff. SECONDS defaults to 60.
# Needs cargo-fuzz (`cargo install cargo-fuzz`). No nightly toolchain is
# needed: RUSTC_BOOTSTRAP=1 lets the stable compiler take the -Z flags that
# cargo-fuzz passes. The sanitizer is off by default (the code has no
# `unsafe`, and runs go about twice as fast); SANITIZER=address turns
# AddressSanitizer on (it works on stable the same way). Runs at nice 10 on
# one core: the corpus grows in fuzz/corpus/TARGET (git-ignored) from the
# committed seeds in fuzz/seeds/TARGET and the fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(pdf_document text_export docx_document html_page number diff)
usage() {
    local IFS='|'
    echo "usage: $0 {${targets[*]}|all} [SECONDS] [-- LIBFUZZER_ARGS...]" >&2
    exit 2
}
[ $# -ge 1 ] || usage
target=$1
shift
secs=60
if [ $# -ge 1 ] && [ "$1" != "--" ]; then
    secs=$1
    shift
fi
[ "${1:-}" = "--" ] && shift
[[ "$secs" =~ ^[0-9]+$ ]] || usage

if [ "$target" = all ]; then
    status=0
    for t in "${targets[@]}"; do
        "$0" "$t" "$secs" -- "$@" || status=1
    done
    exit $status
fi
case " ${targets[*]} " in *" $target "*) ;; *) usage ;; esac

command -v cargo-fuzz >/dev/null || {
    echo "$0: cargo-fuzz is not installed: cargo install cargo-fuzz" >&2
    exit 2
}

export RUSTC_BOOTSTRAP=1
sanitizer=${SANITIZER:-none}
corpus=fuzz/corpus/$target
artifacts=fuzz/artifacts/$target
regressions=fuzz/regressions/$target
mkdir -p "$corpus" "$artifacts" "$regressions"

# Read-only seed directories: the committed seeds, then fixtures.
seeds=("fuzz/seeds/$target")
extra=()
stage=fuzz/corpus/.seeds-$target
case $target in
pdf_document)
    # Real PDFs up to 512 KiB (bigger ones would only raise -max_len).
    mkdir -p "$stage"
    for f in fixtures/pdf/*.pdf fixtures/pdf-layer/*.pdf fixtures/synthetic/pdf/*.pdf \
        ../shared/fixtures/wild/*.pdf; do
        [ -f "$f" ] && [ "$(stat -c %s "$f")" -le 524288 ] && cp -n "$f" "$stage/" 2>/dev/null || true
    done
    seeds+=("$stage")
    extra+=(-max_len=524288)
    ;;
text_export)
    mkdir -p "$stage"
    for f in fixtures/text/*.txt fixtures/synthetic/text/*.txt; do
        [ -f "$f" ] && cp -n "$f" "$stage/" 2>/dev/null || true
    done
    seeds+=("$stage")
    extra+=(-max_len=131072)
    ;;
docx_document)
    # The fixture packages, and their document parts as XML (what the
    # target packs itself).
    mkdir -p "$stage"
    for f in fixtures/docx/*.docx; do
        [ -f "$f" ] || continue
        cp -n "$f" "$stage/" 2>/dev/null || true
        unzip -p "$f" word/document.xml >"$stage/$(basename "$f" .docx).document.xml" 2>/dev/null || true
    done
    seeds+=("$stage")
    extra+=(-max_len=262144)
    ;;
html_page)
    mkdir -p "$stage"
    for f in fixtures/html/*.html; do
        [ -f "$f" ] && cp -n "$f" "$stage/" 2>/dev/null || true
    done
    seeds+=("$stage")
    extra+=(-max_len=131072)
    ;;
number) extra+=(-max_len=256) ;;
diff) extra+=(-max_len=65536) ;;
esac

before=$(mktemp)
trap 'rm -f "$before"' EXIT
ls "$artifacts" >"$before"

echo "fuzz: $target for ${secs}s (sanitizer $sanitizer)" >&2
set +e
# -a: debug assertions and overflow checks, as in `cargo test`.
# -timeout: a single input taking 30 s is a hang (the PDF layer's own
# time limit in the fuzz entry is 5 s). -rss_limit_mb: the memory bound of
# the hostile-input suite is 500 MB per document; libFuzzer's own corpus
# and ASan's shadow memory need the rest.
(cd fuzz && nice -n 10 cargo fuzz run -O -a -s "$sanitizer" "$target" \
    "../$corpus" "${seeds[@]/#/../}" -- \
    -max_total_time="$secs" -timeout=30 -rss_limit_mb=2048 \
    -print_final_stats=1 -close_fd_mask=1 "${extra[@]}" "$@")
status=$?
set -e

new=0
for f in "$artifacts"/crash-* "$artifacts"/oom-* "$artifacts"/timeout-* "$artifacts"/leak-*; do
    [ -f "$f" ] || continue
    name=$(basename "$f")
    grep -qxF "$name" "$before" && continue
    if [ ! -e "$regressions/$name" ]; then
        cp "$f" "$regressions/$name"
        echo "fuzz: new $name kept as $regressions/$name" >&2
        new=$((new + 1))
    fi
done
if [ $status -ne 0 ] || [ $new -ne 0 ]; then
    echo "fuzz: $target FAILED (exit $status, $new new regression file(s))" >&2
    exit 1
fi
echo "fuzz: $target ok" >&2
