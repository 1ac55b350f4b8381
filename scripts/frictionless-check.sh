#!/usr/bin/env bash
# Validates the open-data export of `internbudget batch --format csv` with the
# Frictionless validator (the `frictionless` package from PyPI), on the four
# fixtures (two text exports, two PDFs).
#
#   scripts/frictionless-check.sh            # exit 0 when the package is valid
#
# Needs network once (pip installs frictionless into a venv under
# target/frictionless-venv); needs cargo and python3 (with venv). Builds into
# $CARGO_TARGET_DIR when set. A second check makes sure the validator really
# reads the schema: a copy of the package with a municipality code that
# breaks its pattern must be INVALID.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
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

cargo build --release --quiet -p internbudget --manifest-path "$ROOT/Cargo.toml"
BIN="$TARGET/release/internbudget"

rm -rf "$WORK"
mkdir -p "$WORK/in/2019" "$WORK/in/2021"
cp "$ROOT/fixtures/text/an-internbudget-2019.txt" "$ROOT/fixtures/pdf/an-2019.lo.pdf" "$WORK/in/2019/"
cp "$ROOT/fixtures/text/an-internbudget-2021.txt" "$ROOT/fixtures/pdf/an-2021.lo.pdf" "$WORK/in/2021/"

"$BIN" batch "$WORK/in" -o "$WORK/out" --format csv --quiet

echo "== frictionless validate $WORK/out/datapackage.json"
"$VENV/bin/frictionless" validate "$WORK/out/datapackage.json"

# The validator must see the schema: a broken copy has to fail.
cp -r "$WORK/out" "$WORK/broken"
python3 - "$WORK/broken/amounts.csv" <<'EOF'
import sys
p = sys.argv[1]
text = open(p, encoding="utf-8", newline="").read()
header, first, rest = text.split("\r\n", 2)
col = header.split(",").index("municipality_code")
cells = first.split(",")
cells[col] = "580"  # leading zero lost: breaks ^[0-9]{4}$
open(p, "w", encoding="utf-8", newline="").write("\r\n".join([header, ",".join(cells), rest]))
EOF
if "$VENV/bin/frictionless" validate "$WORK/broken/datapackage.json" >"$WORK/broken.txt" 2>&1; then
    echo "the validator accepted a broken package: it does not read the schema" >&2
    exit 1
fi
grep -q "constraint-error" "$WORK/broken.txt"
echo "== OK: the package is valid, and a broken copy is rejected (constraint-error)"
