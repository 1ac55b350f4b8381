#!/usr/bin/env python3
"""Sums a holdout.sh score summary (score.py --summary) per shape, producer
and form: amounts F1 and precision over all seeds, and how many files of each
group score below 1.000.

    python3 tools/markup/holdout_table.py DIR/summary.json
"""
import json
import os
import re
import sys

CASE = re.compile(r"^(r\d)-[^.]+\.s(\d+)(?:(\.ruled)?\.(chromium|lo)\.(pdf|layout\.txt)|\.html)$")


def f1(tp, fn, fp):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    summary = json.load(open(sys.argv[1], encoding="utf-8"))
    groups = {}
    for path, s in summary["cases"].items():
        m = CASE.match(os.path.basename(path))
        if not m:
            continue
        shape, _, ruled, producer, form = m.groups()
        producer = "html" if producer is None else producer + (" ruled" if ruled else "")
        form = "page" if form is None else "layout" if form.startswith("layout") else "pdf"
        g = groups.setdefault((shape, producer, form), {"tp": 0, "fn": 0, "fp": 0, "files": 0, "below": 0})
        a = s["amounts"]
        for k in ("tp", "fn", "fp"):
            g[k] += a[k]
        g["files"] += 1
        g["below"] += f1(a["tp"], a["fn"], a["fp"])[1] < 0.9995
    print(f"{'shape':5s} {'producer':16s} {'form':6s} {'F1':>6s} {'P':>6s} {'below 1':>8s}")
    order = {"html": 0, "chromium": 1, "chromium ruled": 2, "lo": 3, "lo ruled": 4}
    for key in sorted(groups, key=lambda k: (k[0], order.get(k[1], 9), k[2])):
        g = groups[key]
        p, f = f1(g["tp"], g["fn"], g["fp"])
        print(f"{key[0]:5s} {key[1]:16s} {key[2]:6s} {f:6.3f} {p:6.3f} {g['below']:>4d}/{g['files']}")
    t = {k: sum(g[k] for g in groups.values()) for k in ("tp", "fn", "fp", "files", "below")}
    p, f = f1(t["tp"], t["fn"], t["fp"])
    print(f"{'all':5s} {'':16s} {'':6s} {f:6.3f} {p:6.3f} {t['below']:>4d}/{t['files']}")


if __name__ == "__main__":
    main()
