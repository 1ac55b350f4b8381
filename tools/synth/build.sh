#!/usr/bin/env bash
# Builds the synthetic corpus in fixtures/synthetic/ (idempotent).
#   tools/synth/build.sh            everything
#   tools/synth/build.sh c01-…,l02-…  only these documents (truth and manifest are always rewritten)
# Installs what it needs (Chromium, LibreOffice Writer, poppler-utils, fonts) with apt-get.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BUILD=$ROOT/target/synth-build
OUT=$ROOT/fixtures/synthetic

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null || need+=(poppler-utils)
for f in fonts-crosextra-carlito fonts-crosextra-caladea fonts-open-sans fonts-liberation fonts-dejavu-core; do
  dpkg -s "$f" >/dev/null 2>&1 || need+=("$f")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

rm -rf "$BUILD"
python3 tools/synth/generate.py --out "$BUILD" --seed 2024
if [ $# -gt 0 ]; then
  python3 tools/synth/produce.py --build "$BUILD" --out "$OUT" --only "$1"
else
  rm -rf "$OUT/pdf" "$OUT/text" "$OUT/truth"
  python3 tools/synth/produce.py --build "$BUILD" --out "$OUT"
fi
echo "corpus: $OUT ($(du -sh "$OUT" | cut -f1))"
