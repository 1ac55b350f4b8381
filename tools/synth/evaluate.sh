#!/usr/bin/env bash
# Scores the tool on the synthetic corpus (fixtures/synthetic/manifest.json):
# builds it (cargo build --release), runs score.py over every document=truth
# pair, validates every output with `internbudget validate`, and compares the
# reconciliation checks with the truth (deliberately broken totals).
#
#   tools/synth/evaluate.sh               per-file and total scores
#   tools/synth/evaluate.sh --details     also every missed cell
#   tools/synth/evaluate.sh --baseline    also write fixtures/synthetic/BASELINE.md
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SCORE=${SCORE:-$ROOT/../shared/tools/score.py}
BIN=${BIN:-$ROOT/target/release/internbudget}
CORPUS=$ROOT/fixtures/synthetic
DETAILS=
BASELINE=
for a in "$@"; do
  case "$a" in
    --details) DETAILS=--details ;;
    --baseline) BASELINE=1 ;;
    *) echo "usage: $0 [--details] [--baseline]" >&2; exit 2 ;;
  esac
done

[ -n "${NO_BUILD:-}" ] || cargo build --release --quiet
OUTDIR=$(mktemp -d)
trap 'rm -rf "$OUTDIR"' EXIT

mapfile -t CASES < <(python3 - "$CORPUS" <<'PY'
import json, os, sys
c = sys.argv[1]
for m in json.load(open(os.path.join(c, "manifest.json"), encoding="utf-8")):
    print(f"{os.path.join(c, m['file'])}={os.path.join(c, m['truth'])}")
PY
)

echo "== score.py (${#CASES[@]} documents)"
python3 "$SCORE" --bin "$BIN" --summary "$OUTDIR/summary.json" $DETAILS "${CASES[@]}" \
  | sed "s#$CORPUS/##" | tee "$OUTDIR/score.txt"

echo
echo "== internbudget validate; reconciliation checks"
python3 - "$BIN" "$CORPUS" "$OUTDIR" "$BASELINE" <<'PY'
import datetime, json, os, subprocess, sys
bin_, corpus, outdir, baseline = sys.argv[1:5]
manifest = json.load(open(os.path.join(corpus, "manifest.json"), encoding="utf-8"))
summary = json.load(open(os.path.join(outdir, "summary.json"), encoding="utf-8"))
rows, bad = [], 0
for m in manifest:
    src = os.path.join(corpus, m["file"])
    p = subprocess.run([bin_, "extract", src], capture_output=True)
    truth = json.load(open(os.path.join(corpus, m["truth"]), encoding="utf-8"))
    want = truth.get("failed_checks", [])
    if p.returncode != 0:
        err = p.stderr.decode(errors="replace").strip().splitlines()
        rows.append((m, "extract failed: " + (err[-1][:120] if err else f"exit {p.returncode}"), None, None, want, None))
        bad += 1
        continue
    out = os.path.join(outdir, os.path.basename(m["file"]) + ".json")
    open(out, "wb").write(p.stdout)
    v = subprocess.run([bin_, "validate", out], capture_output=True, text=True)
    if v.returncode != 0:
        bad += 1
    valid = "valid" if v.returncode == 0 else "INVALID: " + (v.stderr.strip().splitlines() or ["?"])[-1][:150]
    doc = json.loads(p.stdout)
    checks = doc.get("checks", [])
    failed = [c for c in checks if not c.get("ok")]
    hit = None
    if want:
        hit = all(any(c.get("kind") == w["kind"] and c.get("year") == w["column"]["year"] for c in failed)
                  for w in want)
    spurious = [c for c in failed if not any(c.get("kind") == w["kind"] and c.get("year") == w["column"]["year"]
                                             for w in want)]
    rows.append((m, valid, len(checks), spurious, want, hit))
for m, valid, n, spurious, want, hit in rows:
    name = os.path.basename(m["file"])
    if n is None:
        print(f"{name:46s} {valid}")
        continue
    exp = ("broken total " + ("reported" if hit else "NOT reported")) if want else "no broken total"
    print(f"{name:46s} {valid:6s} checks {n:3d}, {len(spurious)} failing that should hold; {exp}")
print(f"{bad} document(s) failed to extract or validate")

if baseline:
    def f1(c):
        tp, fn, fp = c["tp"], c["fn"], c["fp"]
        p = tp / (tp + fp) if tp + fp else (1.0 if tp + fn == 0 else 0.0)
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "crates", "src", "Cargo.toml", "Cargo.lock"],
                           capture_output=True, text=True).stdout.strip()
    L = ["# Baseline: the tool on the synthetic corpus", "",
         f"Measured {datetime.date.today().isoformat()} by `tools/synth/evaluate.sh --baseline` with "
         f"`target/release/internbudget` built from commit `{head}`"
         + (" plus uncommitted changes in the work tree (engineers editing concurrently)" if dirty else "") + ".",
         "Scores are ../shared/tools/score.py's. `tests/synthetic.rs` recomputes them with the Rust port",
         "in `tests/common/mod.rs` (exact indicator matching, so an indicator F1 can be a little lower there)",
         "and asserts per-file floors set a little below these.", "",
         "| file | producer | amounts F1 (P / R) | indicators F1 (P / R) | row kinds | committee goals | meta | validate | broken total |",
         "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    tot = summary["total"]
    for m, valid, n, spurious, want, hit in rows:
        key = os.path.join(corpus, m["file"])
        c = summary["cases"].get(key)
        if c is None:
            continue
        ap, ar, af = f1(c["amounts"])
        ip, ir, iff = f1(c["indicators"])
        k, g, me = c["row_kinds"], c["committee_goals"], c["meta"]
        chk = "-" if not want else ("reported" if hit else "**not reported**")
        if n is not None and spurious:
            chk += f"; {len(spurious)} spurious failed check(s)"
        L.append(f"| `{m['file']}` | {m['producer']} | {af:.3f} ({ap:.3f} / {ar:.3f}) | {iff:.3f} ({ip:.3f} / {ir:.3f}) "
                 f"| {k[0]}/{k[1]} | {g[0]}/{g[1]} | {me[0]}/{me[1]} | {valid.split(':')[0]} | {chk} |")
    ap, ar, af = f1(tot["amounts"])
    ip, ir, iff = f1(tot["indicators"])
    L.append(f"| **TOTAL** | | **{af:.3f}** ({ap:.3f} / {ar:.3f}) | **{iff:.3f}** ({ip:.3f} / {ir:.3f}) | "
             f"{tot['row_kinds'][0]}/{tot['row_kinds'][1]} | {tot['committee_goals'][0]}/{tot['committee_goals'][1]} | "
             f"{tot['meta'][0]}/{tot['meta'][1]} | | |")
    L += ["", "Raw score.py output:", "", "```"]
    L += open(os.path.join(outdir, "score.txt"), encoding="utf-8").read().rstrip().splitlines()
    L += ["```", ""]
    open(os.path.join(corpus, "BASELINE.md"), "w", encoding="utf-8").write("\n".join(L))
    print(f"wrote {os.path.join(corpus, 'BASELINE.md')}")
PY
