#!/usr/bin/env bash
# Validates the open-data export of `internbudget batch --format csv` with the
# Frictionless validator (the `frictionless` package from PyPI):
#
#  1. the package of every input the project has — every PDF and text file
#     under fixtures/ (the Linköping fixtures, the synthetic corpus, the real
#     excerpts, the PDF-layer test files) in one run — must be VALID;
#  2. the package of hostile documents (empty required fields, repeated keys,
#     control characters, overflowing amounts, over-long fields, a broken
#     municipality code; crates/batch/tests/export.rs) must be VALID: their
#     rows are left out and reported, never written;
#  3. a copy of package 1 with a municipality code that lost its leading
#     zero must be INVALID (the validator really reads the schema).
#
#   scripts/frictionless-check.sh            # exit 0 when all three hold
#   PROFILE=ci scripts/frictionless-check.sh # use the ci build (.ci/run)
#
# Needs network once (pip installs frictionless into a venv under
# target/frictionless-venv); needs cargo and python3 (with venv). Builds into
# $CARGO_TARGET_DIR when set.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
PROFILE="${PROFILE:-release}"
WORK="$TARGET/frictionless-check"
VENV="$ROOT/target/frictionless-venv"
FRICTIONLESS_VERSION="${FRICTIONLESS_VERSION:-5.21.0}"

if [ ! -x "$VENV/bin/frictionless" ]; then
    python3 -m venv "$VENV" || {
        # Debian/Ubuntu without the venv module.
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            apt-get update -qq && apt-get install -y -qq python3-venv
            python3 -m venv "$VENV"
        else
            echo "python3 -m venv is not available" >&2; exit 2
        fi
    }
    "$VENV/bin/pip" install --quiet "frictionless==$FRICTIONLESS_VERSION"
fi
FRICTIONLESS="$VENV/bin/frictionless"

cd "$ROOT"
cargo build --profile "$PROFILE" --quiet --locked -p internbudget
case "$PROFILE" in dev|test) DIR=debug ;; *) DIR="$PROFILE" ;; esac
BIN="$TARGET/$DIR/internbudget"

rm -rf "$WORK"
mkdir -p "$WORK"

# 1. Every input of the project, in one run. Inputs that hold no budget
# fail (exit 1) and are listed in the manifest; exit 2 is a broken run.
set +e
"$BIN" batch "$ROOT/fixtures" --ext pdf --ext txt -o "$WORK/all" --format csv \
    --license CC0-1.0 --publisher "internbudget CI" --quiet
rc=$?
set -e
if [ "$rc" -gt 1 ]; then
    echo "batch failed with exit code $rc" >&2
    exit 1
fi
python3 - "$WORK/all/manifest.json" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1]))
x = m["export"]
print(f"== {m['counts']['ok']} of {m['counts']['total']} inputs converted; "
      f"{x['budgets']} budgets from {x['sources']} sources ({x['duplicates']} duplicates, "
      f"{x['duplicates_disagreeing']} disagreeing); {x['rows_left_out']} rows left out")
EOF
echo "== frictionless validate $WORK/all/datapackage.json"
"$FRICTIONLESS" validate "$WORK/all/datapackage.json"

# 2. Hostile documents: their bad rows are left out, the package stays valid.
INTERNBUDGET_HOSTILE_PACKAGE="$WORK/hostile" \
    cargo test --profile "$PROFILE" --quiet --locked -p internbudget-batch --test export \
    hostile_rows_are_left_out_and_reported >/dev/null
echo "== frictionless validate $WORK/hostile/datapackage.json"
"$FRICTIONLESS" validate "$WORK/hostile/datapackage.json"

# 3. The validator must see the schema: a broken copy has to fail.
cp -r "$WORK/all" "$WORK/broken"
python3 - "$WORK/broken/amounts.csv" <<'EOF'
import sys
p = sys.argv[1]
text = open(p, encoding="utf-8", newline="").read()
header, first, rest = text.split("\r\n", 2)
col = header.split(",").index("municipality_code")
cells = first.split(",")
code = cells[col].strip('"')
assert len(code) == 4 and code.isdigit(), cells[col]
cells[col] = '"' + code[1:] + '"'  # a digit lost: breaks ^[0-9]{4}$
open(p, "w", encoding="utf-8", newline="").write("\r\n".join([header, ",".join(cells), rest]))
EOF
# The file changed: drop its recorded size and hash so that only the
# constraint can fail.
python3 - "$WORK/broken/datapackage.json" <<'EOF'
import json, sys
p = sys.argv[1]
d = json.load(open(p))
for r in d["resources"]:
    r.pop("bytes", None)
    r.pop("hash", None)
json.dump(d, open(p, "w"), indent=2)
EOF
if "$FRICTIONLESS" validate "$WORK/broken/datapackage.json" >"$WORK/broken.txt" 2>&1; then
    echo "the validator accepted a broken package: it does not read the schema" >&2
    exit 1
fi
grep -q "constraint-error" "$WORK/broken.txt"
echo "== OK: every package is valid, and a broken copy is rejected (constraint-error)"
