#!/usr/bin/env python3
"""Synthetic Swedish municipal internbudgets with known expected facts.

Standard library only. From a seed, builds documents of the genre (cover,
prose, driftsammandrag with "Specifikation av förändringar" change rows,
Summa, varav intäkter/kostnader, Budgetram + adjustments, an investment
table, goal tables with merged committee-goal cells and indicator values of
every printed kind) and writes, per document:

  html/<id>.html            the rendering that Chromium or LibreOffice print to PDF
  truth/<id>.truth.json     the expected facts, in the format of fixtures/truth/*.truth.json
  text/<id>.txt             for tab-separated text exports: the export itself (encoded)
  plan.json                 every document: producer, derived text exports, features

Usage:
  generate.py --out DIR                     the committed corpus (fixed plan, seed 2024)
  generate.py --out DIR --seed 7 --n 40     N documents with random profiles

Amounts are integers in units of the last printed decimal, so every total
reconciles exactly; a profile may ask for one deliberately broken relation,
which is then recorded in the truth under "failed_checks" (ignored by
score.py, read by tests/synthetic.rs).
"""
import argparse
import csv
import html as htmlmod
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pools  # noqa: E402

# ../shared relative to the repository (tools/synth/ is two levels down).
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MUNI_CSV = os.environ.get(
    "SYNTH_MUNICIPALITIES", os.path.join(REPO, "..", "shared", "data", "municipalities.csv")
)

NBSP = "\u00a0"
NNBSP = "\u202f"
UMINUS = "\u2212"
ENDASH = "\u2013"

# --------------------------------------------------------------------------
# Municipalities


def load_municipalities():
    try:
        with open(MUNI_CSV, encoding="utf-8") as f:
            return [(r["code"], r["name"]) for r in csv.DictReader(f)]
    except OSError:
        return list(pools.FALLBACK_MUNICIPALITIES)


def genitive(name):
    return name if name[-1].lower() in "sxzaeiouyåäö" else name + "s"


def printed_municipality(code, name):
    if code == "0980":
        return "Region Gotland"
    if name in pools.STAD:
        return pools.STAD[name]
    return genitive(name) + " kommun"


# --------------------------------------------------------------------------
# Printing amounts


class Style:
    """How one document prints numbers."""

    def __init__(self, rng, dec, minus, sep, safe):
        self.rng = rng
        self.dec = dec
        self.minus = minus  # "-", "- ", "−", "–", or "mix"
        self.sep = sep  # " ", NBSP, NNBSP or "mix"
        self.safe = safe  # only cp1252 characters
        self.used_minus = set()
        self.used_sep = set()

    def pick_minus(self):
        if self.minus != "mix":
            return self.minus
        opts = ["-", ENDASH, "- "] if self.safe else ["-", UMINUS, ENDASH, "- "]
        return self.rng.choice(opts)

    def pick_sep(self):
        if self.sep != "mix":
            return self.sep
        opts = [" ", NBSP] if self.safe else [" ", NBSP, NNBSP]
        return self.rng.choice(opts)

    def fmt(self, v):
        """v: int in units of 10**-dec. Returns the printed cell."""
        if v is None:
            return ""
        neg = v < 0
        a = abs(v)
        if self.dec:
            ip, fp = divmod(a, 10 ** self.dec)
        else:
            ip, fp = a, None
        sep = self.pick_sep()
        digits = str(ip)
        groups = []
        while len(digits) > 3:
            groups.insert(0, digits[-3:])
            digits = digits[:-3]
        groups.insert(0, digits)
        if len(groups) > 1:
            self.used_sep.add(sep)
        s = sep.join(groups)
        if self.dec:
            s += "," + str(fp).rjust(self.dec, "0")
        if neg:
            m = self.pick_minus()
            self.used_minus.add(m)
            s = m + s
        return s


def truth_amount(v, dec):
    if v is None:
        return None
    neg = v < 0
    a = abs(v)
    if dec:
        ip, fp = divmod(a, 10 ** dec)
        s = f"{ip}.{str(fp).rjust(dec, '0')}"
    else:
        s = str(a)
    return ("-" + s) if neg and a != 0 else s


# --------------------------------------------------------------------------
# Tables (a small model rendered both to HTML and to tab-separated text)


def cell(t, **kw):
    c = {"t": t, "rs": 1, "cs": 1, "al": "left", "va": None, "th": False, "cls": ""}
    c.update(kw)
    return c


def row(cells, cls=""):
    return {"cls": cls, "cells": cells}


def plain(t):
    """Cell markup → the printed text with breaks as spaces (truth labels/raw)."""
    t = re.sub(r"<br\s*/?>", " ", t)
    t = re.sub(r"<[^>]+>", "", t)
    t = htmlmod.unescape(t)
    return re.sub(r"\s+", " ", t.replace(NBSP, " ").replace(NNBSP, " ")).strip()


def plain_keep_nbsp(t):
    t = re.sub(r"<br\s*/?>", " ", t)
    t = re.sub(r"<[^>]+>", "", t)
    t = htmlmod.unescape(t)
    return re.sub(r"[ \t\r\n]+", " ", t).strip()


# --------------------------------------------------------------------------
# Column sets of amount tables


def colset(name, B):
    P = "Plan"
    sets = {
        # (kind, year, printed kind word(s), proposal)
        "A6": [("outcome", B - 2, "Bokslut", False), ("budget", B - 1, "Budget", False),
               ("budget", B, "Budget förslag", True), ("plan", B + 1, P, False),
               ("plan", B + 2, P, False), ("plan", B + 3, P, False)],
        "F6": [("outcome", B - 2, "Utfall", False), ("budget", B - 1, "Budget", False),
               ("forecast", B - 1, "Prognos", False), ("budget", B, "Budget förslag", True),
               ("plan", B + 1, P, False), ("plan", B + 2, P, False)],
        "F7": [("outcome", B - 2, "Utfall", False), ("budget", B - 1, "Budget", False),
               ("forecast", B - 1, "Prognos", False), ("budget", B, "Budget", False),
               ("plan", B + 1, P, False), ("plan", B + 2, P, False), ("plan", B + 3, P, False)],
        "B5": [("outcome", B - 2, "Bokslut", False), ("budget", B - 1, "Budget", False),
               ("budget", B, "Budget", False), ("plan", B + 1, P, False), ("plan", B + 2, P, False)],
        "C3": [("budget", B, "Budget", False), ("plan", B + 1, P, False), ("plan", B + 2, P, False)],
        "C4": [("budget", B, "Budget", False), ("plan", B + 1, P, False), ("plan", B + 2, P, False),
               ("plan", B + 3, P, False)],
        "Y5": [("outcome", B - 2, "", False), ("budget", B - 1, "Budget", False),
               ("budget", B, "Budget", False), ("plan", B + 1, P, False), ("plan", B + 2, P, False)],
        "P4": [("budget", B, "Budget förslag", True), ("plan", B + 1, "Plan förslag", True),
               ("plan", B + 2, "Plan förslag", True), ("plan", B + 3, "Plan förslag", True)],
        "U4": [("outcome", B - 1, "Utfall", False), ("budget", B, "Budget", False),
               ("plan", B + 1, P, False), ("plan", B + 2, P, False)],
    }
    return [{"kind": k, "year": y, "word": w, "proposal": p} for k, y, w, p in sets[name]]


def inv_colset(cols, style):
    """Investment columns: the driftsammandrag's, or the 'Nettoutgift …' style."""
    if style != "nettoutgift":
        return [dict(c) for c in cols]
    out = []
    B = max(c["year"] for c in cols if c["kind"] == "budget")
    for c in cols:
        if c["kind"] == "forecast":
            continue
        if c["kind"] == "outcome":
            out.append({"kind": "outcome", "year": c["year"], "word": "Nettoutgift", "proposal": False})
        elif c["kind"] == "budget" and c["year"] < B:
            out.append({"kind": "budget", "year": c["year"], "word": "Nettoutgift budget", "proposal": False})
        elif c["kind"] == "budget":
            out.append({"kind": "budget", "year": c["year"], "word": "Nettoutgift förslag", "proposal": True})
        else:
            out.append({"kind": "plan", "year": c["year"], "word": "Nettoutgift förslag", "proposal": True})
    return out


def truth_columns(cols):
    out = []
    for c in cols:
        d = {"kind": c["kind"], "year": c["year"]}
        if c["proposal"]:
            d["proposal"] = True
        out.append(d)
    return out


# --------------------------------------------------------------------------
# The document builder


class Doc:
    def __init__(self, prof, rng, municipalities):
        self.p = prof
        self.rng = rng
        self.blocks = []
        self.tables = []  # truth tables
        self.indicators = []
        self.failed = []
        self.features = []
        code, name = self.pick_municipality(municipalities)
        self.muni_code = code
        self.muni = printed_municipality(code, name)
        self.committee = prof["committee"]
        self.cdata = pools.COMMITTEES[self.committee]
        self.B = prof["budget_year"]
        self.dec = 1 if prof["unit"] == "mnkr" else 0
        self.unit = prof["unit"]
        self.style = Style(rng, self.dec, prof["minus"], prof["sep"], prof.get("safe", False))
        self.cols = colset(prof["colset"], self.B)
        self.plan_years = [c["year"] for c in self.cols if c["kind"] == "plan"]

    def pick_municipality(self, municipalities):
        want = self.p.get("municipality")
        if want:
            for code, name in municipalities:
                if name == want or code == want:
                    return code, name
        return self.rng.choice(municipalities)

    # ---- helpers
    def add(self, *b):
        self.blocks.append(b)

    def feat(self, f):
        if f not in self.features:
            self.features.append(f)

    def prose(self, n):
        for s in self.rng.sample(pools.PROSE, n):
            self.add("p", s.format(muni=self.muni))

    def money(self, tkr):
        """A tkr magnitude in the document's units (int, in 10**-dec)."""
        if self.unit == "tkr":
            return int(round(tkr))
        return int(round(tkr / 100.0))  # tenths of mnkr

    def title(self):
        p = self.plan_years
        B = self.B
        dash = "-" if self.p.get("safe") else self.rng.choice(["–", "-"])
        form = self.p.get("title_form", 0)
        if len(p) == 1:
            return f"Internbudget {B} med plan för {p[0]}"
        if form == 1:
            return f"Internbudget {B} med plan {p[0]}{dash}{p[-1]}"
        if form == 2:
            return f"Internbudget {B} med flerårsplan {p[0]}{dash}{p[-1]}"
        return f"Internbudget {B} med plan för {p[0]}{dash}{p[-1]}"

    # ---- the whole document
    def build(self):
        p = self.p
        rng = self.rng
        title = self.title()
        self.doc_title = title
        if p.get("border") == "none":
            self.feat("borderless tables: no ruling lines and no shading anywhere")
        if p.get("cell_valign") == "middle":
            self.feat("every table cell vertically centred (Word's 'centre' cell alignment)")
        self.add("cover", {
            "muni": self.muni, "title": title, "committee": self.committee,
            "decided": f"Beslutad av {self.committee[0].lower() + self.committee[1:] if self.committee != 'Kommunstyrelsen' else 'kommunstyrelsen'} {self.B - 1}-{rng.choice(['10', '11', '12'])}-{rng.randint(10, 28)}, § {rng.randint(40, 160)}",
            "dnr": f"Dnr {self.cdata['short']} {self.B - 1}-{rng.randint(100, 999):05d}",
        })
        if p.get("toc"):
            self.add("toc", ["Inledning", "Nämndens uppdrag", "Ekonomi", "Driftsammandrag", "Investeringar",
                             "Mål och inriktning", "Internkontroll"])
            self.feat("table of contents with page numbers")
        self.add("h1", title)
        self.add("h2", "Inledning")
        self.prose(rng.randint(3, 5))
        self.add("h2", "Nämndens uppdrag")
        self.add("p", "Nämnden ska inom kommunen svara för:")
        lines = rng.sample(self.cdata["lines"][1:], 4)
        self.add("ul", [f"verksamhet inom {l[0].lower() + l[1:]}" for l in lines])
        self.prose(rng.randint(1, 3))

        drift = self.make_drift()
        inv = self.make_investments() if p.get("investments", True) else None
        if p.get("ekonomi_summary"):
            self.add("h2", "Sammanfattning av ekonomin")
            self.add_summary(drift, inv)
        if p.get("volumes"):
            self.add_volumes()

        if p.get("break_before_economy"):
            self.add("pagebreak")
        self.add("h1", "Ekonomi")
        self.prose(rng.randint(1, 2))
        if p.get("split_drift"):
            self.prose(3)  # start the long table lower on the page
        wide = p.get("landscape") in ("drift", "both")
        if wide:
            self.add("wide_start")
            self.feat("driftsammandrag on a landscape page")
        self.add("h2", drift["title"])
        self.add("table", drift["model"])
        for fn in drift["footnotes"]:
            self.add("small", fn)
        if wide:
            self.add("wide_end")
        self.add("h3", "Kommentar till driftsammandraget")
        self.prose(2)
        if p.get("keyfigures"):
            self.add_keyfigures()
        if inv:
            if p.get("split_inv"):
                self.prose(4)
            self.add("h2", inv["title"])
            self.add("table", inv["model"])
            for fn in inv["footnotes"]:
                self.add("small", fn)
            self.prose(1)

        wide = p.get("landscape") in ("goals", "both")
        if not wide:
            self.add("pagebreak")  # a named landscape page breaks by itself
        if wide:
            self.add("wide_start")
            self.feat("goal tables on landscape pages")
        self.add("h1", "Mål och inriktning")
        self.add("p", f"I tabellerna nedan redovisas nämndens mål och indikatorer för {self.B}–{self.B + 1}."
                 if not p.get("safe") else
                 f"I tabellerna nedan redovisas nämndens mål och indikatorer för {self.B}-{self.B + 1}.")
        self.make_goals()
        if wide:
            self.add("wide_end")
        self.add("h2", "Internkontroll")
        self.prose(2)

        # truth order: tables in printed order
        order = []
        if p.get("ekonomi_summary"):
            order.append(self.summary_truth)
        order.append(drift["truth"])
        if inv:
            order.append(inv["truth"])
        self.tables = order

    # ---- amount header rows
    def header_rows(self, cols, lead_top, lead_bottom, style):
        """Header rows for an amount table. style: one | two | br."""
        def word(c):
            return c["word"]
        if style == "two":
            top = [cell(lead_top, th=True)] + [cell(word(c).replace(" ", "<br>") if c["word"] else "", th=True, al="right") for c in cols]
            bot = [cell(lead_bottom, th=True)] + [cell(str(c["year"]), th=True, al="right") for c in cols]
            return [row(top, "head"), row(bot, "head")]
        if style == "stack":
            # every word of a column header on its own line: Budget / förslag / 2020
            lead = f"{lead_top}<br>{lead_bottom}" if lead_top else lead_bottom
            cells = [cell(lead, th=True)] + [
                cell("<br>".join(c["word"].split() + [str(c["year"])]), th=True, al="right") for c in cols]
            return [row(cells, "head")]
        if style == "br":
            lead = f"{lead_top}<br>{lead_bottom}" if lead_top else lead_bottom
            cells = [cell(lead, th=True)] + [
                cell((word(c) + "<br>" if c["word"] else "") + str(c["year"]), th=True, al="right") for c in cols]
            return [row(cells, "head")]
        lead = f"{lead_top} {lead_bottom}".strip() if lead_top else lead_bottom
        cells = [cell(lead, th=True)] + [
            cell((word(c) + " " if c["word"] else "") + str(c["year"]), th=True, al="right") for c in cols]
        return [row(cells, "head")]

    def amount_row(self, label, values, cls="", indent=False, italic=False, bold=False):
        lab = label
        if italic and self.p.get("italics_tags", True):
            lab = f"<i>{label}</i>"
        cells = [cell(lab, cls=("indent" if indent else ""))]
        for v in values:
            t = self.style.fmt(v)
            if v is None and self.p.get("null_dash") and self.rng.random() < 0.5:
                t = self.rng.choice(["-", ENDASH] if not self.p.get("safe") else ["-"])
            if italic and t and self.p.get("italics_tags", True):
                t = f"<i>{t}</i>"
            cells.append(cell(t, al="right", cls="num"))
        return row(cells, cls)

    # ---- driftsammandrag
    def make_drift(self):
        p, rng, cols = self.p, self.rng, self.cols
        ncol = len(cols)
        idx = {(c["kind"], c["year"]): i for i, c in enumerate(cols)}
        bi = idx[("budget", self.B)]
        plan_i = [i for i, c in enumerate(cols) if c["kind"] == "plan"]
        later = [bi] + plan_i  # budget year and plan years
        lo, hi = self.cdata["scale"]
        total_tkr = rng.randint(lo, hi)
        group_of = {}  # line name -> the group heading printed above it (drift_groups)
        group_start = {}  # line name -> the heading printed right before it
        if p.get("drift_groups"):
            first, blocks = pools.DRIFT_GROUPS[self.committee]
            rest = []
            for heading, lines in blocks:
                group_start[lines[0]] = heading
                for name in lines:
                    group_of[name] = heading
                    rest.append(name)
            line_names = [first] + rest
            weights = [rng.uniform(0.02, 0.05)] + [rng.uniform(0.3, 3.0) for _ in rest]
        else:
            nlines = p.get("n_lines", rng.randint(5, 8))
            names = list(self.cdata["lines"])
            first = names[0]
            rest = rng.sample(names[1:], min(nlines - 1, len(names) - 1))
            line_names = [first] + rest
            weights = [rng.uniform(0.02, 0.05)] + [rng.uniform(0.3, 3.0) for _ in rest]
        ws = sum(weights)
        changes_pool = list(self.cdata["changes"])
        rng.shuffle(changes_pool)
        stars = []
        rows_model = []  # (label, kind, values, parent, cls)
        change_rate = p.get("changes", 0.5)

        def prev_cols_value(b):
            vals = [None] * ncol
            for i, c in enumerate(cols):
                if c["kind"] == "outcome":
                    vals[i] = int(b * rng.uniform(0.86, 0.99))
                elif c["kind"] == "budget" and c["year"] < self.B:
                    vals[i] = int(b * rng.uniform(0.92, 1.0))
            for i, c in enumerate(cols):
                if c["kind"] == "forecast":
                    ref = next((vals[j] for j, d in enumerate(cols) if d["kind"] == "budget" and d["year"] == c["year"]), b)
                    vals[i] = int(ref * rng.uniform(0.97, 1.06))
            return vals

        for li, name in enumerate(line_names):
            b = self.money(total_tkr * weights[li] / ws)
            vals = prev_cols_value(b)
            changes = []
            if li > 0 and changes_pool and rng.random() < change_rate:
                for _ in range(rng.randint(1, 4 if p.get("split_drift") else 3)):
                    if not changes_pool:
                        break
                    lab = changes_pool.pop()
                    mag = self.money(total_tkr * rng.uniform(0.0005, 0.008))
                    mag = min(mag, max(1, int(abs(b) * rng.uniform(0.02, 0.12))))
                    sign = -1 if re.search(r"Effektiv|Minsk|dämpande|Flytt av|Höjda", lab) else 1
                    if self.dec and rng.random() < 0.5:
                        mag = max(mag, 1)
                    mag = max(mag, 1)
                    pattern = rng.choice(["perm", "perm", "temp", "ramp", "stop"])
                    cv = [None] * ncol
                    for k, i in enumerate(later):
                        if pattern == "perm":
                            cv[i] = sign * mag
                        elif pattern == "temp":
                            cv[i] = sign * mag if k < 2 else None
                        elif pattern == "ramp":
                            cv[i] = sign * (mag + (mag // 2) * k)
                        else:  # a change that ends: dash in the last plan years
                            cv[i] = sign * mag if k < len(later) - 1 else None
                    star = ""
                    if pattern == "temp" and rng.random() < 0.7:
                        star = "*"
                        stars.append("*")
                    changes.append((lab + star, cv))
            # the line item: budget-year value b, plans follow the changes
            for i in later:
                vals[i] = b
            for _, cv in changes:
                base = cv[bi] or 0
                for i in plan_i:
                    vals[i] += (cv[i] or 0) - base
            if name in group_start:
                rows_model.append((group_start[name], "group_head", None, None, "group"))
            rows_model.append((name, "line_item", vals, None, ""))
            if changes:
                rows_model.append(("Specifikation av förändringar", "spec", None, None, "spec"))
                for lab, cv in changes:
                    rows_model.append((lab, "change", cv, name, "change"))
        # Ofördelad rows: only plan years
        if p.get("ofordelad", True):
            pl = [i for i in plan_i]
            v = [None] * ncol
            step = self.money(total_tkr * rng.uniform(0.004, 0.012))
            for k, i in enumerate(pl):
                v[i] = step * (k + 1)
            rows_model.append(("Ofördelad pris- och lönekompensation", "line_item", v, None, ""))
            if len(pl) >= 2 and rng.random() < 0.7:
                v = [None] * ncol
                e = self.money(total_tkr * rng.uniform(0.003, 0.01))
                for k, i in enumerate(pl):
                    if k >= 1:
                        v[i] = -e
                rows_model.append((f"Ofördelad kostnadsdämpande åtgärd år {cols[pl[1]]['year']}", "line_item", v, None, ""))
            self.feat("'Ofördelad …' rows with values only in plan years")
        # multi-line labels by a manual break
        if p.get("manual_breaks"):
            new = []
            for lab, k, v, par, cls in rows_model:
                if k in ("line_item", "change") and len(lab) > 24 and rng.random() < 0.6:
                    words = lab.split(" ")
                    cut = len(words) // 2
                    lab = " ".join(words[:cut]) + "<br>" + " ".join(words[cut:])
                new.append((lab, k, v, par, cls))
            rows_model = new
            self.feat("labels broken over lines by manual line breaks")
        items = [r for r in rows_model if r[1] == "line_item"]
        total = [sum((r[2][i] or 0) for r in items) if any(r[2][i] is not None for r in items) else None
                 for i in range(ncol)]
        share = rng.uniform(0.05, 0.25)
        rev = [(-int(abs(t) * share * rng.uniform(0.95, 1.05)) if t is not None else None) for t in total]
        cost = [(t - r if t is not None else None) for t, r in zip(total, rev)]
        total_label = p.get("total_label") or rng.choice(
            ["Summa nettokostnader", "Verksamhetens nettokostnad", "Nämndens nettokostnad", "Summa", "Totalt"])
        rows_model.append((total_label, "total", total, None, "total"))
        varav = [("varav intäkter", "of_which_revenue", rev), ("varav kostnader", "of_which_cost", cost)]
        if rng.random() < 0.5:
            varav.reverse()
        for lab, k, v in varav:
            rows_model.append((lab, k, v, None, "varav"))
        if p.get("memo_outcome") and any(c["kind"] == "outcome" for c in cols):
            oi = [i for i, c in enumerate(cols) if c["kind"] == "outcome"][0]
            mv = [None] * ncol
            mv[oi] = self.money(total_tkr * rng.uniform(-0.004, 0.004)) or 1
            tot = [None] * ncol
            tot[oi] = total[oi] + mv[oi]
            unit_name = rng.choice(["Resultatenheter", "Kommunala enheter", "Intäktsfinansierade enheter"])
            rows_model.append((unit_name, "memo", mv, None, "memo"))
            rows_model.append((f"{total_label} inkl {unit_name[0].lower() + unit_name[1:]}", "memo", tot, None, "memo"))
            self.feat("memo rows with only an outcome value (subtotal chain)")
        # Budget frames
        frame_date = rng.choice(pools.FRAME_DATES).format(y=self.B - 1)
        nadj = p.get("adjustments", rng.randint(0, 3))
        frame_final = [total[i] if i in later else None for i in range(ncol)]
        adjs = []
        pool_adj = rng.sample(pools.ADJUSTMENTS, nadj)
        for lab in pool_adj:
            m = self.money(total_tkr * rng.uniform(0.001, 0.01)) or 1
            s = rng.choice([1, -1])
            adjs.append((lab, [(s * m if i in later else None) for i in range(ncol)]))
        frame_first = [(f - sum(a[1][i] for a in adjs) if f is not None else None) for i, f in enumerate(frame_final)]
        rows_model.append((f"Budgetram enligt beslut i KF {frame_date}", "budget_frame", frame_first, None, "frame"))
        if adjs:
            for lab, v in adjs:
                rows_model.append((lab, "adjustment", v, None, "adj"))
            rows_model.append((rng.choice(["Budgetram efter justeringar", "Justerad budgetram",
                                           f"Budgetram inkl. justeringar {self.B}"]),
                               "budget_frame", frame_final, None, "frame"))
            self.feat(f"Budgetram + {len(adjs)} adjustment(s) + Budgetram")
        # Deliberately broken relation
        broken = p.get("broken")
        if broken:
            rows_model = self.break_one(broken, rows_model, cols, bi, plan_i, total_label)
        # Model → table model + truth
        head = self.header_rows(cols, p.get("lead_top", "Nettokostnad"), f"Belopp {self.unit}",
                                p.get("header", "two"))
        body = []
        truth_rows = []
        group_style = p.get("drift_groups")
        cur_group = None
        for lab, k, v, par, cls in rows_model:
            if k == "group_head":
                cur_group = lab
                body.append(row([cell(f"<b>{lab}</b>" if group_style == "bold" else lab)] +
                                [cell("") for _ in cols], "group"))
                continue
            if k not in ("line_item", "change", "spec"):
                cur_group = None
            if k == "spec":
                if p.get("spec_colspan"):
                    body.append(row([cell("<i>Specifikation av förändringar</i>", cs=ncol + 1)], "spec"))
                else:
                    body.append(row([cell("<i>Specifikation av förändringar</i>")] + [cell("") for _ in cols], "spec"))
                continue
            body.append(self.amount_row(lab, v, cls, indent=(k == "change"),
                                        italic=(cls == "varav" and p.get("varav_italic", True))))
            tr = {"label": plain(lab), "kind": k}
            if par:
                tr["parent"] = plain(par)
            if group_of and k == "line_item" and lab not in group_of:
                cur_group = None  # a line after the groups (none in practice)
            if cur_group:
                tr["group"] = cur_group
            tr["values"] = [truth_amount(x, self.dec) for x in v]
            truth_rows.append(tr)
        footnotes = []
        if "*" in stars:
            footnotes.append(f"* Tillfällig satsning {self.B}–{self.B + 1} enligt beslut i kommunfullmäktige."
                             if not p.get("safe") else
                             f"* Tillfällig satsning {self.B}-{self.B + 1} enligt beslut i kommunfullmäktige.")
            self.feat("footnote stars on change labels")
        if any(r[1] == "change" for r in rows_model):
            self.feat("'Specifikation av förändringar' change rows (values from the budget year)")
        model = {"cls": "amounts", "head": head, "body": body, "repeat": p.get("split_drift") != "norepeat",
                 "wrap_numbers": p.get("wrap_numbers"), "header_left": p.get("header_left"),
                 "widths": self.amount_widths(ncol)}
        title = "Driftsammandrag"
        truth = {"role": "operating_summary", "title": title, "unit": self.unit,
                 "columns": truth_columns(cols), "rows": truth_rows}
        self.drift_items = [(r[0], r[2]) for r in rows_model if r[1] == "line_item"]
        self.drift_total = total
        self.drift_rev, self.drift_cost = rev, cost
        self.total_label = total_label
        if group_style:
            self.feat(f"driftsammandrag line items under group heading rows without values ({group_style}), "
                      "rows carry 'group' in the truth")
        if p.get("header") == "stack":
            self.feat("column headers stacked one word per line ('Budget' above 'förslag' above the year)")
        if p.get("cell_valign", "top") is None:
            self.feat("no valign on cells (HTML default: middle), so amounts sit on the middle line of wrapped labels")
        if p.get("header_left"):
            self.feat("amount column headers left-aligned over right-aligned numbers (Word default)")
        if p.get("split_drift"):
            self.feat("driftsammandrag split across pages " +
                      ("with repeated header row" if p["split_drift"] != "norepeat" else "WITHOUT repeated header row"))
        return {"title": title, "model": model, "truth": truth, "footnotes": footnotes}

    def break_one(self, broken, rows_model, cols, bi, plan_i, total_label):
        rng = self.rng
        delta = 100 if self.dec == 0 else 10
        out = list(rows_model)
        if broken == "sum":
            cands = [i for i, r in enumerate(out) if r[1] == "line_item" and r[2][bi] is not None and
                     not r[0].startswith("Ofördelad")]
            i = rng.choice(cands[1:] or cands)
            lab, k, v, par, cls = out[i]
            v = list(v)
            tot = next(r for r in out if r[1] == "total")[2]
            v[bi] += delta
            out[i] = (lab, k, v, par, cls)
            self.failed.append({"table": "Driftsammandrag", "kind": "sum_of_line_items",
                                "column": {"kind": cols[bi]["kind"], "year": cols[bi]["year"]},
                                "row": plain(lab),
                                "expected": truth_amount(tot[bi], self.dec),
                                "found": truth_amount(tot[bi] + delta, self.dec)})
        elif broken == "varav":
            ci = plan_i[-1]
            i = next(i for i, r in enumerate(out) if r[1] == "of_which_cost")
            lab, k, v, par, cls = out[i]
            v = list(v)
            tot = next(r for r in out if r[1] == "total")[2]
            v[ci] -= delta
            out[i] = (lab, k, v, par, cls)
            self.failed.append({"table": "Driftsammandrag", "kind": "revenue_plus_cost",
                                "column": {"kind": cols[ci]["kind"], "year": cols[ci]["year"]},
                                "row": lab,
                                "expected": truth_amount(tot[ci], self.dec),
                                "found": truth_amount(tot[ci] - delta, self.dec)})
        elif broken == "frame":
            ci = plan_i[0]
            i = next(i for i, r in enumerate(out) if r[1] == "adjustment")
            lab, k, v, par, cls = out[i]
            v = list(v)
            frames = [r for r in out if r[1] == "budget_frame"]
            v[ci] += delta
            out[i] = (lab, k, v, par, cls)
            self.failed.append({"table": "Driftsammandrag", "kind": "frame_plus_adjustments",
                                "column": {"kind": cols[ci]["kind"], "year": cols[ci]["year"]},
                                "row": lab,
                                "expected": truth_amount(frames[1][2][ci], self.dec),
                                "found": truth_amount(frames[1][2][ci] + delta, self.dec)})
        self.feat(f"DELIBERATELY BROKEN: {self.failed[-1]['kind']} in {self.failed[-1]['column']['kind']} "
                  f"{self.failed[-1]['column']['year']} (row '{self.failed[-1]['row']}')")
        return out

    def amount_widths(self, ncol):
        lab = 34 if ncol >= 6 else 40
        w = (100 - lab) / ncol
        return [lab] + [w] * ncol

    # ---- summary table (like "Ekonomi" at the start of the 2021 document)
    def add_summary(self, drift, inv):
        rng = self.rng
        cols = [dict(c) for c in self.cols if c["kind"] in ("budget", "plan") and c["year"] >= self.B]
        for c in cols:
            c["proposal"] = True
            c["word"] = "Budget förslag" if c["kind"] == "budget" else "Plan förslag"
        idx = [i for i, c in enumerate(self.cols) if c["kind"] in ("budget", "plan") and c["year"] >= self.B]
        body, trows = [], []
        for lab, v in self.drift_items:
            vals = [v[i] for i in idx]
            if lab.startswith("Ofördelad"):
                vals = [x if x is not None else 0 for x in vals]
            body.append(self.amount_row(lab, vals))
            trows.append({"label": plain(lab), "kind": "line_item", "values": [truth_amount(x, self.dec) for x in vals]})
        tl = "Verksamhetens nettokostnader*"
        tv = [self.drift_total[i] for i in idx]
        body.append(self.amount_row(tl, tv, "total"))
        trows.append({"label": tl, "kind": "total", "values": [truth_amount(x, self.dec) for x in tv]})
        for lab, k, src in (("varav kostnader", "of_which_cost", self.drift_cost),
                            ("varav intäkter", "of_which_revenue", self.drift_rev)):
            vv = [src[i] for i in idx]
            body.append(self.amount_row(lab, vv, "varav"))
            trows.append({"label": lab, "kind": k, "values": [truth_amount(x, self.dec) for x in vv]})
        if inv:
            iv = []
            for c in cols:
                j = next((j for j, d in enumerate(inv["cols"]) if d["year"] == c["year"] and d["kind"] == c["kind"]), None)
                x = inv["total"][j] if j is not None else None
                if x is not None and inv["dec"] != self.dec:
                    x = x  # same units in practice
                iv.append(x)
            body.append(self.amount_row("Investeringar, netto", iv, "memo"))
            trows.append({"label": "Investeringar, netto", "kind": "memo", "values": [truth_amount(x, self.dec) for x in iv]})
        head = self.header_rows(cols, "", f"Ekonomi, belopp {self.unit}", "two" if rng.random() < 0.5 else "one")
        self.add("p", "Ekonomi")
        self.add("table", {"cls": "amounts", "head": head, "body": body, "repeat": True,
                           "widths": self.amount_widths(len(cols))})
        self.add("small", "* Inkluderar tillfälliga statsbidrag samt ramjusteringar mellan nämnderna.")
        self.summary_truth = {"role": "operating_summary", "title": "Ekonomi", "unit": self.unit,
                              "columns": truth_columns(cols), "rows": trows}
        self.feat("summary table 'Ekonomi' (proposal columns, 'Investeringar, netto' memo)")

    # ---- investments
    def make_investments(self):
        p, rng = self.p, self.rng
        cols = inv_colset(self.cols, p.get("inv_style", "same"))
        if p.get("inv_style") == "nettoutgift":
            self.feat("investment columns 'Nettoutgift förslag YYYY'")
        ncol = len(cols)
        projects = list(self.cdata["projects"])
        n = p.get("n_projects", rng.randint(2, 5))
        n = min(n, len(projects))
        chosen = rng.sample(projects, n)
        lo, hi = self.cdata["scale"]
        scale = rng.randint(lo, hi) * rng.uniform(0.01, 0.08)
        rows_model = []
        groups = p.get("inv_groups")
        heads = ["Fastigheter och anläggningar", "Inventarier och utrustning", "IT och digitalisering"]
        per_group = max(1, (n + 1) // 2) if groups else n
        for j, name in enumerate(chosen):
            if groups and j % per_group == 0:
                rows_model.append((heads[(j // per_group) % len(heads)], "head", None))
            v = []
            active_from = rng.choice([0, 0, 1]) if ncol > 3 else 0
            for i, c in enumerate(cols):
                if i < active_from or (rng.random() < 0.12 and c["kind"] != "budget"):
                    v.append(None)
                else:
                    v.append(self.money(scale * rng.uniform(0.05, 0.4)))
            rows_model.append((name, "line_item", v))
        if rng.random() < 0.5:
            # an income (negative) line, e.g. investment grants
            v = [None] * ncol
            for i, c in enumerate(cols):
                if c["kind"] in ("budget", "plan") and rng.random() < 0.8:
                    v[i] = -self.money(scale * rng.uniform(0.02, 0.1))
            if any(x is not None for x in v):
                rows_model.append((rng.choice(["Investeringsbidrag", "Statlig medfinansiering*"]), "line_item", v))
        items = [r for r in rows_model if r[1] == "line_item"]
        total = [sum(r[2][i] or 0 for r in items) for i in range(ncol)]
        rev = []
        cost = []
        for i in range(ncol):
            neg = [r[2][i] for r in items if r[2][i] is not None and r[2][i] < 0]
            pos = [r[2][i] for r in items if r[2][i] is not None and r[2][i] >= 0]
            rev.append(sum(neg) if neg else (0 if p.get("inv_zero_income") else None))
            cost.append(sum(pos) if pos else None)
        rows_model.append(("Summa investeringar", "total", total))
        rows_model.append(("varav inkomster", "of_which_revenue", rev))
        rows_model.append(("varav utgifter", "of_which_cost", cost))
        later = [i for i, c in enumerate(cols) if c["kind"] in ("budget", "plan") and c["year"] >= self.B]
        frame = [total[i] if i in later else None for i in range(ncol)]
        date = rng.choice(pools.FRAME_DATES).format(y=self.B - 1)
        rows_model.append((f"Investeringsram enligt beslut i KF {date}", "budget_frame", frame))
        head = self.header_rows(cols, "Investeringar", f"Belopp {self.unit}", p.get("inv_header", p.get("header", "two")))
        body, trows = [], []
        for lab, k, v in rows_model:
            if k == "head":
                body.append(row([cell(f"<b>{lab}</b>")] + [cell("") for _ in cols], "spec"))
                continue
            cls = {"total": "total", "of_which_revenue": "varav", "of_which_cost": "varav", "budget_frame": "frame"}.get(k, "")
            body.append(self.amount_row(lab, v, cls, italic=(cls == "varav" and p.get("varav_italic", True))))
            trows.append({"label": plain(lab), "kind": k, "values": [truth_amount(x, self.dec) for x in v]})
        footnotes = []
        if any("*" in r[0] for r in rows_model):
            footnotes.append("* Beviljat bidrag från Trafikverket och Boverket.")
        if groups:
            self.feat("investment table with group heading rows without amounts")
        if p.get("split_inv"):
            self.feat("investment table split across pages " +
                      ("with repeated header row" if p["split_inv"] != "norepeat" else "WITHOUT repeated header row"))
        model = {"cls": "amounts", "head": head, "body": body, "repeat": p.get("split_inv") != "norepeat",
                 "header_left": p.get("header_left"),
                 "widths": self.amount_widths(ncol)}
        truth = {"role": "investments", "title": "Investeringar", "unit": self.unit,
                 "columns": truth_columns(cols), "rows": trows}
        return {"title": "Investeringar", "model": model, "truth": truth, "footnotes": footnotes,
                "cols": cols, "total": total, "dec": self.dec}

    # ---- distractor tables (not in the truth)
    def add_volumes(self):
        rng = self.rng
        cols = [c for c in self.cols if c["kind"] != "forecast"][:5]
        head = self.header_rows(cols, "", "Volymer", "one")
        body = []
        for lab in self.cdata["volumes"]:
            base = rng.randint(40, 9000)
            vals = [self.style.fmt(int(base * rng.uniform(0.9, 1.1))) for _ in cols]
            body.append(row([cell(lab)] + [cell(v, al="right", cls="num") for v in vals]))
        self.add("h3", "Volymutveckling")
        self.add("table", {"cls": "amounts", "head": head, "body": body, "repeat": True,
                           "widths": self.amount_widths(len(cols))})
        self.feat("volume table without amount unit (distractor, not in truth)")

    def add_keyfigures(self):
        rng = self.rng
        years = [self.B - 4, self.B - 3, self.B - 2]
        head = [row([cell("Nettokostnad, kr per invånare", th=True)] + [cell(str(y), th=True, al="right") for y in years], "head")]
        body = []
        for lab in [self.muni, "Liknande kommuner", "Riket"]:
            base = rng.randint(2000, 30000)
            body.append(row([cell(lab)] + [cell(self.style.fmt(int(base * rng.uniform(0.95, 1.08))), al="right", cls="num") for _ in years]))
        self.add("h3", "Jämförelse med andra kommuner")
        self.add("table", {"cls": "amounts", "head": head, "body": body, "repeat": True, "widths": [46, 18, 18, 18]})
        self.add("small", "Källa: Kolada.")
        self.feat("key-figure table 'kr per invånare' (distractor, not in truth)")

    # ---- goals and indicators
    def make_goals(self):
        p, rng = self.p, self.rng
        scheme = pools.GOAL_SCHEMES[p.get("goal_scheme", rng.randrange(len(pools.GOAL_SCHEMES)))]
        areas = list(scheme.keys())
        econ_area = next((a for a in areas if "Ekonomi" in a or "ekonomi" in a), areas[-2])
        staff_area = next((a for a in areas if "Medarbetare" in a or "arbetsgivare" in a or "arbetsliv" in a.lower()),
                          areas[-1])
        own_areas = [a for a in areas if a not in (econ_area, staff_area)]
        cgoals = list(pools.COMMITTEE_GOALS[self.committee])
        rng.shuffle(cgoals)
        n_own = p.get("n_goals", rng.randint(2, len(cgoals)))
        plan = []  # (area, municipal goal, committee goal, [(indicator, type)])
        for j, (g, inds) in enumerate(cgoals[:n_own]):
            area = own_areas[j % len(own_areas)]
            mg = rng.choice(scheme[area])
            k = rng.randint(1, len(inds)) if not p.get("many_indicators") else len(inds)
            plan.append((area, mg, g, inds[:k]))
        if p.get("econ_goals", True):
            for g, inds in rng.sample(pools.ECONOMY_GOALS, rng.randint(1, 2)):
                plan.append((econ_area, rng.choice(scheme[econ_area]), g, inds))
        if p.get("staff_goals", True):
            for g, inds in pools.STAFF_GOALS[: rng.randint(1, 3)]:
                plan.append((staff_area, rng.choice(scheme[staff_area]), g, inds))
        # group consecutive by area (keep order of areas)
        plan.sort(key=lambda x: areas.index(x[0]))
        # value columns
        B = self.B
        outcome_years = p.get("goal_outcomes", [B - 2, B - 1])
        target_years = p.get("goal_targets", [B, B + 1])
        partial = p.get("partial")  # e.g. "aug" on the last outcome year
        vcols = []
        for y in outcome_years:
            vcols.append({"kind": "outcome", "year": y, "partial": partial if (partial and y == outcome_years[-1]) else None})
        for y in target_years:
            vcols.append({"kind": "target", "year": y, "partial": None})
        if partial:
            self.feat(f"partial-year outcome column '{outcome_years[-1]} ({partial})'")
        layout = p.get("goal_layout", "L1")
        self.feat({"L1": "goal tables per Målområde/Kommunövergripande mål heading (Nämndmål | Nämndindikator)",
                   "L2": "one goal table Målområde | Nämndmål | Nämndindikator (merged Målområde cells)",
                   "L3": "goal tables Kommunövergripande mål | Nämndmål | Nämndindikator (merged cells)"}[layout])
        valign = p.get("goal_valign", "top")
        self.feat(f"merged committee-goal cells ({'top-aligned' if valign == 'top' else 'vertically centred' if valign == 'middle' else 'top-aligned and vertically centred'})")
        # build the indicator rows
        entries = []  # (area, mg, cg, [rows]) rows: (label, kind, parent, values list of markup)
        for area, mg, cg, inds in plan:
            rows_ = []
            for text, typ in inds:
                if p.get("long_indicators"):
                    text = self.long_indicator(text)
                main, subs = self.indicator_values(typ, vcols)
                rows_.append((text, "indicator", None, main))
                for sl, sv in subs:
                    rows_.append((sl, "sub_indicator", text, sv))
            entries.append((area, mg, cg, rows_))
        if p.get("goal_span"):
            entries = self.fit_spans(entries, *p["goal_span"])
            spans = sorted({len(e[3]) for e in entries})
            self.feat("merged committee-goal cells spanning " + ", ".join(map(str, spans)) + " indicator rows")
        if p.get("long_indicators"):
            self.feat("long indicator wording (several lines in a narrow column), values beside it")
        # header cells for value columns
        def vhead(c):
            y = str(c["year"])
            if c["kind"] == "outcome":
                w = p.get("outcome_word", "")
                t = (w + " " if w else "") + y
                if c["partial"]:
                    t += f"<br>({c['partial']})"
                return t
            return ("Målvärde<br>" if p.get("target_br", True) else "Målvärde ") + y
        vhdr = [cell(vhead(c), th=True, al="center") for c in vcols]
        goal_word = p.get("goal_word", "Nämndmål")
        ind_word = p.get("ind_word", "Nämndindikator")

        def va():
            if valign == "mix":
                return rng.choice(["top", "middle"])
            return valign

        def value_cells(vals):
            return [cell(v, al="center" if p.get("values_center", True) else "right") for v in vals]

        if layout == "L2":
            head = [row([cell("Målområde", th=True), cell(goal_word, th=True), cell(ind_word, th=True)] + vhdr, "head")]
            body = []
            by_area = []
            for e in entries:
                if by_area and by_area[-1][0] == e[0]:
                    by_area[-1][1].append(e)
                else:
                    by_area.append((e[0], [e]))
            for area, es in by_area:
                n_area = sum(len(e[3]) for e in es)
                first_area = True
                for _, mg, cg, rows_ in es:
                    for k, (lab, kind, par, vals) in enumerate(rows_):
                        cells = []
                        if first_area:
                            cells.append(cell(f"<b>{area}</b>", rs=n_area, va="top"))
                            first_area = False
                        if k == 0:
                            cells.append(cell(cg, rs=len(rows_), va=va()))
                        cells.append(cell(lab, cls=("indent" if kind == "sub_indicator" else "")))
                        cells += value_cells(vals)
                        body.append(row(cells, "sub" if kind == "sub_indicator" else ""))
                    self.truth_inds(area, None, cg, rows_, vcols)
            self.add("table", {"cls": "goals", "head": head, "body": body,
                               "repeat": p.get("split_goals") != "norepeat", "widths": self.goal_widths(3, len(vcols))})
        else:
            cur_area = None
            cur_mg = None
            pending = []

            def flush():
                if not pending:
                    return
                if layout == "L1":
                    head = [row([cell(goal_word, th=True), cell(ind_word, th=True)] + vhdr, "head")]
                    body = []
                    for _, mg, cg, rows_ in pending:
                        for k, (lab, kind, par, vals) in enumerate(rows_):
                            cells = []
                            if k == 0:
                                cells.append(cell(cg, rs=len(rows_), va=va()))
                            cells.append(cell(lab, cls=("indent" if kind == "sub_indicator" else "")))
                            cells += value_cells(vals)
                            body.append(row(cells, "sub" if kind == "sub_indicator" else ""))
                    self.add("table", {"cls": "goals", "head": head, "body": body,
                                       "repeat": p.get("split_goals") != "norepeat",
                                       "widths": self.goal_widths(2, len(vcols))})
                else:  # L3: municipal goal column merged
                    head = [row([cell("Kommunövergripande mål", th=True), cell(goal_word, th=True), cell(ind_word, th=True)] + vhdr, "head")]
                    body = []
                    mg_groups = []
                    for e in pending:
                        if mg_groups and mg_groups[-1][0] == e[1]:
                            mg_groups[-1][1].append(e)
                        else:
                            mg_groups.append((e[1], [e]))
                    for mg, es in mg_groups:
                        n_mg = sum(len(e[3]) for e in es)
                        first = True
                        for _, _, cg, rows_ in es:
                            for k, (lab, kind, par, vals) in enumerate(rows_):
                                cells = []
                                if first:
                                    cells.append(cell(mg, rs=n_mg, va=va()))
                                    first = False
                                if k == 0:
                                    cells.append(cell(cg, rs=len(rows_), va=va()))
                                cells.append(cell(lab, cls=("indent" if kind == "sub_indicator" else "")))
                                cells += value_cells(vals)
                                body.append(row(cells, "sub" if kind == "sub_indicator" else ""))
                    self.add("table", {"cls": "goals", "head": head, "body": body,
                                       "repeat": p.get("split_goals") != "norepeat",
                                       "widths": self.goal_widths(3, len(vcols))})
                pending.clear()

            for e in entries:
                area, mg, cg, rows_ = e
                if area != cur_area:
                    flush()
                    self.add("h3", f"Målområde: {area}")
                    cur_area, cur_mg = area, None
                if layout == "L1" and mg != cur_mg:
                    flush()
                    self.add("p", f"<b>Kommunövergripande mål: {mg}</b>")
                    cur_mg = mg
                pending.append(e)
                self.truth_inds(area, mg, cg, rows_, vcols)
            flush()
        if p.get("split_goals"):
            self.feat("goal table split across pages " +
                      ("with repeated header row" if p["split_goals"] != "norepeat" else "WITHOUT repeated header row"))

    def long_indicator(self, text):
        """The indicator's wording with how it is measured and reported, about
        indicator_chars long (3–5 lines in the profile's indicator column)."""
        lo, hi = self.p.get("indicator_chars", (90, 150))
        want = self.rng.randint(lo, hi)
        details = self.rng.sample(pools.INDICATOR_DETAILS, len(pools.INDICATOR_DETAILS))
        base = text.rstrip(".")
        if len(base) >= lo:
            return text
        added = []
        for d in details:
            n = len(" ".join([base + "."] + added + [d]))
            if not added or n <= want:
                added.append(d)
            if n >= lo and len(" ".join([base + "."] + added)) >= lo:
                break
        return " ".join([base + "."] + added)

    @staticmethod
    def fit_spans(entries, lo, hi):
        """Merged committee-goal cells spanning lo..hi rows: trailing indicators
        (with their sub-indicators) dropped until a goal covers at most hi rows,
        goals covering fewer than lo rows left out."""
        out = []
        for area, mg, cg, rows_ in entries:
            rows_ = list(rows_)
            while len(rows_) > hi:
                last = max(i for i, r in enumerate(rows_) if r[1] == "indicator")
                if last == 0:
                    break
                rows_ = rows_[:last]
            if lo <= len(rows_) <= hi:
                out.append((area, mg, cg, rows_))
        return out

    def goal_widths(self, ntext, nval):
        val = self.p.get("value_width") or (9 if nval >= 4 else 11)
        rest = 100 - val * nval
        if ntext == 2:
            return [rest * 0.42, rest * 0.58] + [val] * nval
        return [rest * 0.2, rest * 0.34, rest * 0.46] + [val] * nval

    def truth_inds(self, area, mg, cg, rows_, vcols):
        for lab, kind, par, vals in rows_:
            d = {"goal_area": area, "municipal_goal": mg, "committee_goal": plain(cg),
                 "indicator": plain(lab), "kind": kind}
            if par:
                d["parent"] = plain(par)
            vs = []
            for c, v in zip(vcols, vals):
                r = plain_keep_nbsp(v).replace(NBSP, " ").replace(NNBSP, " ")
                r = re.sub(r"\s+", " ", r).strip()
                if not r:
                    continue
                e = {"kind": c["kind"], "year": c["year"]}
                if c["partial"]:
                    e["partial"] = c["partial"]
                e["raw"] = r
                vs.append(e)
            d["values"] = vs
            self.indicators.append(d)

    # ---- indicator values
    def indicator_values(self, typ, vcols):
        """Returns (main values, [(sub label, sub values)]) as cell markup."""
        rng = self.rng
        safe = self.p.get("safe", False)
        ge = ">=" if False else ("Minst " if safe else rng.choice(["≥", "≥ "]))
        le = "Högst " if safe else rng.choice(["≤", "≤ "])
        minus = "-" if safe else rng.choice(["-", UMINUS])
        n_out = sum(1 for c in vcols if c["kind"] == "outcome")
        n_tgt = len(vcols) - n_out

        def na():
            return rng.choice(["I.U.", "IU", "Saknas", "-", "Nytt mätetal", "", "I.U"])

        def pct(v, d=0):
            s = f"{v:.{d}f}".replace(".", ",")
            return s + rng.choice([" %", "%"])

        def outcomes(gen, p_na=0.15):
            out = []
            for i in range(n_out):
                out.append(na() if rng.random() < p_na else gen(i))
            return out

        def targets(gen):
            return [gen(i) for i in range(n_tgt)]

        subs = []
        if typ in ("pct", "pct_sub", "pct_sub_fp"):
            base = rng.uniform(40, 95)
            d = rng.choice([0, 0, 1])
            main = outcomes(lambda i: pct(base + rng.uniform(-3, 3), d)) + targets(
                lambda i: rng.choice([pct(round(base) + 2 + i), f"{ge}{round(base) + 2 + i} %",
                                      "Ska öka", "Öka", f"Minst {round(base) + i} %"]))
            if typ != "pct":
                labs = ("Flickor", "Pojkar") if typ == "pct_sub_fp" else ("Kvinnor", "Män")
                for lab in labs:
                    sb = base + rng.uniform(-6, 6)
                    subs.append((lab, outcomes(lambda i: pct(sb + rng.uniform(-2, 2), d), 0.05) +
                                 targets(lambda i: rng.choice(["-", "", pct(round(sb) + 2)]))))
        elif typ == "count":
            base = rng.randint(120, 16000)
            sep = " " if rng.random() < 0.5 else ""

            def num(v):
                s = str(v)
                return (s[:-3] + sep + s[-3:]) if (len(s) > 3 and sep) else s
            main = outcomes(lambda i: num(int(base * rng.uniform(0.9, 1.1)))) + targets(
                lambda i: rng.choice([num(int(base * 0.95)), "Ska minska", f"< {num(int(base * 0.97))}",
                                      "Minska", num(int(base * 1.05)), "Ska öka"]))
        elif typ == "count_small":
            base = rng.uniform(3, 30)
            main = outcomes(lambda i: f"{base + rng.uniform(-1, 1):.1f}".replace(".", ",") if rng.random() < 0.5
                            else str(int(base + rng.uniform(-1, 1)))) + targets(
                lambda i: rng.choice([str(int(base)), f"{le}{int(base)}", "Ska minska", f"{int(base) - 1} st"]))
        elif typ == "days":
            base = rng.randint(6, 40)
            main = outcomes(lambda i: f"{base + rng.randint(-3, 3)} dagar") + targets(
                lambda i: rng.choice([f"{base - 2 - i} dagar", f"{le}{base - 3} dagar", "Ska minska"]))
        elif typ == "minutes":
            base = rng.uniform(8, 15)
            main = outcomes(lambda i: f"{base + rng.uniform(-1, 1):.1f} min".replace(".", ",")) + targets(
                lambda i: f"{le}{int(base)} min")
        elif typ == "index":
            base = rng.randint(55, 85)
            main = outcomes(lambda i: str(base + rng.randint(-3, 3))) + targets(
                lambda i: rng.choice([str(base + 2 + i), f"{ge}{base + 1}", "Öka", "Bibehålla"]))
        elif typ == "grade":
            base = rng.uniform(180, 250)
            main = outcomes(lambda i: f"{base + rng.uniform(-5, 5):.1f}".replace(".", ",")) + targets(
                lambda i: rng.choice([str(int(base) + 5), f"{ge}{int(base) + 3}", "Ska öka"]))
        elif typ == "ratio":
            base = rng.uniform(1, 9)
            main = outcomes(lambda i: f"{base + rng.uniform(-0.5, 0.5):.1f}".replace(".", ",")) + targets(
                lambda i: rng.choice(["Öka", f"{base + 0.5:.1f}".replace(".", ","), "Ska öka"]))
        elif typ == "text":
            main = outcomes(lambda i: rng.choice(["Vissa smärre skillnader kan utläsas.",
                                                  "Inga signifikanta skillnader",
                                                  "Kvinnor är något mer nöjda än män"]), 0.2) + targets(
                lambda i: "Inga signifikanta skillnader")
        elif typ == "group":
            a, b = rng.choice([("AMC", "OSA"), ("UAF", "SOF"), ("Vuxenutb.", "SFI")])
            va_, vb = rng.uniform(10, 40), rng.uniform(0.5, 5)
            main = outcomes(lambda i: f"{a}: {va_ + rng.uniform(-2, 2):.1f}<br>{b}: {vb + rng.uniform(-0.5, 0.5):.1f}".replace(".", ",")) + targets(
                lambda i: f"{a}: {ge}{int(va_) + 1}<br>{b}: {ge}{int(vb) + 1}")
        elif typ == "dev":
            def d(i):
                v = rng.uniform(-4, 7)
                s = f"{abs(v):.1f}".replace(".", ",")
                s = (minus + s) if v < 0 else s
                return s + rng.choice(["%", " %", "%*"])
            main = outcomes(d, 0.1) + targets(lambda i: rng.choice([f"{ge}0", "0 %", f"{ge}0 %"]))
        elif typ == "prognos":
            main = outcomes(lambda i: f"Augusti {rng.uniform(0, 7):.1f} %<br>Oktober {rng.randint(0, 2)}%".replace(".", ","), 0.3) + targets(
                lambda i: f"Augusti {le}1%<br>Oktober {le}0,5%")
        elif typ == "share":
            main = outcomes(lambda i: f"{rng.randint(8, 16)}%" + rng.choice(["", "*"]), 0.3) + targets(
                lambda i: rng.choice(["Ska inte öka", "Ska minska"]))
        elif typ == "hme":
            base = rng.randint(72, 82)
            main = outcomes(lambda i: f"{base + rng.randint(-2, 2)} (Hela kommunen {vcols[i]['year'] - 1})"
                            if rng.random() < 0.5 else str(base + rng.randint(-2, 2)), 0.2) + targets(
                lambda i: str(base + 1 + i))
        elif typ == "age":
            main = outcomes(lambda i: str(rng.randint(63, 66))) + targets(lambda i: "65")
            for lab in ("Män", "Kvinnor"):
                subs.append((lab, outcomes(lambda i: rng.choice(["-", str(rng.randint(63, 67))]), 0) +
                             targets(lambda i: "-")))
        elif typ in ("sick_sub", "full_sub", "pct_small_sub"):
            base = {"sick_sub": rng.uniform(4, 9), "full_sub": rng.uniform(85, 99),
                    "pct_small_sub": rng.uniform(0, 12)}[typ]

            def f(v):
                return f"{v:.1f}".replace(".", ",")
            main = outcomes(lambda i: f(base + rng.uniform(-0.6, 0.6)), 0.05) + targets(
                lambda i: rng.choice([f(base - 0.3 * (i + 1)) if typ == "sick_sub" else f(min(100, base + 0.4 * (i + 1))),
                                      "-", "Ska minska" if typ == "sick_sub" else "Ska öka"]))
            for lab in ("Män", "Kvinnor"):
                sb = base * rng.uniform(0.6, 1.3)
                subs.append((lab, outcomes(lambda i: f(min(100, sb + rng.uniform(-0.5, 0.5)))
                                          if (typ != "full_sub" or rng.random() > 0.2) else "100", 0.05) +
                             targets(lambda i: rng.choice(["-", ""]))))
        else:
            raise ValueError(typ)
        if safe:
            main = [self.safe_text(v) for v in main]
            subs = [(l, [self.safe_text(v) for v in vs]) for l, vs in subs]
        return main, subs

    @staticmethod
    def safe_text(v):
        return v.replace("≥", "Minst ").replace("≤", "Högst ").replace(UMINUS, "-").replace("  ", " ")

    # ---- truth
    def truth(self):
        d = {"document": {"municipality": self.muni, "committee": self.committee,
                          "budget_year": self.B, "plan_years": self.plan_years},
             "tables": self.tables,
             "indicators": self.indicators}
        if self.failed:
            d["failed_checks"] = self.failed
        return d


# --------------------------------------------------------------------------
# Rendering: HTML


FONTS = {
    "carlito": "'Carlito', 'Calibri', sans-serif",
    "liberation-sans": "'Liberation Sans', 'Arial', sans-serif",
    "liberation-serif": "'Liberation Serif', 'Times New Roman', serif",
    "dejavu-sans": "'DejaVu Sans', 'Verdana', sans-serif",
    "open-sans": "'Open Sans', sans-serif",
    "caladea": "'Caladea', 'Cambria', serif",
    "dejavu-serif": "'DejaVu Serif', 'Cambria', serif",
}


def render_html(doc):
    p = doc.p
    font = FONTS[p.get("font", "carlito")]
    size = p.get("font_size", 10)
    tsize = p.get("table_font_size", size - 1)
    hfont = FONTS[p.get("heading_font", p.get("font", "carlito"))]
    border = p.get("border", "grid")
    shade = None if border == "none" else p.get("shade", "#d9e2f3")
    header_txt = f"{doc.committee} – {doc.doc_title}"
    css = f"""
@page {{ size: A4; margin: 2.2cm 2cm 2.4cm 2.4cm;
  @top-right {{ content: "{header_txt}"; font-family: {font}; font-size: 8pt; color: #444; }}
  @bottom-center {{ content: "Sida " counter(page) " av " counter(pages); font-family: {font}; font-size: 8pt; }} }}
@page wide {{ size: A4 landscape; margin: 2cm 2.2cm 2cm 2.2cm; }}
@page :first {{ @top-right {{ content: none; }} @bottom-center {{ content: none; }} }}
.wide {{ page: wide; }}
body {{ font-family: {font}; font-size: {size}pt; line-height: 1.25; color: #000; }}
h1, h2, h3 {{ font-family: {hfont}; page-break-after: avoid; }}
h1 {{ font-size: {size + 8}pt; margin: 0 0 8pt 0; }}
h2 {{ font-size: {size + 4}pt; margin: 14pt 0 6pt 0; }}
h3 {{ font-size: {size + 1}pt; margin: 10pt 0 4pt 0; }}
p {{ margin: 0 0 6pt 0; }}
p.small {{ font-size: {max(7, size - 2)}pt; }}
table {{ border-collapse: collapse; width: 100%; margin: 4pt 0 8pt 0; font-size: {tsize}pt; }}
th, td {{ padding: {p.get('pad', '2pt 4pt')}; vertical-align: top; }}
th {{ font-weight: bold; text-align: left; background: {shade or "none"}; }}
td.num, th.num {{ text-align: right; white-space: nowrap; }}
td.indent {{ padding-left: 14pt; }}
tr.total td {{ font-weight: bold; }}
tr.varav td {{ font-style: italic; }}
tr.frame td {{ font-weight: bold; }}
.cover {{ text-align: left; padding-top: 120pt; }}
.cover .muni {{ font-size: {size + 10}pt; font-weight: bold; margin-bottom: 150pt; }}
.cover .title {{ font-size: {size + 16}pt; font-weight: bold; }}
.cover .sub {{ font-size: {size + 4}pt; }}
.toc td {{ border: none !important; padding: 1pt 0; }}
"""
    if border == "grid":
        css += "th, td { border: 0.5pt solid #000; }\n"
    elif border == "rules":
        css += ("th, td { border-top: 0.5pt solid #777; border-bottom: 0.5pt solid #777; }\n"
                "tr.total td { border-top: 1.2pt solid #000; }\n")
    elif border == "light":
        css += "th, td { border: 0.5pt solid #9bb1d4; }\n tbody tr:nth-child(even) td { background: #f2f5fa; }\n"
    elif border == "none":
        css += "table, th, td { border: none; }\n"
    out = [f'<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n<title>{htmlmod.escape(doc.doc_title)}</title>\n'
           f'<meta name="author" content="{htmlmod.escape(doc.muni)}">\n<style>{css}</style>\n</head>\n<body>\n']
    attr_border = ' border="1"' if border == "grid" else ' border="0"'
    for b in doc.blocks:
        k = b[0]
        if k == "cover":
            c = b[1]
            sub = c["title"].split(" med ", 1)
            out.append('<div class="cover">\n')
            out.append(f'<p class="muni">{htmlmod.escape(c["muni"])}</p>\n')
            out.append(f'<p class="title">{htmlmod.escape(sub[0])}</p>\n')
            if len(sub) > 1:
                out.append(f'<p class="sub">med {htmlmod.escape(sub[1])}</p>\n')
            out.append(f'<p class="sub">{htmlmod.escape(c["committee"])}</p>\n')
            out.append(f'<p>{htmlmod.escape(c["decided"])}<br>{htmlmod.escape(c["dnr"])}</p>\n')
            out.append('</div>\n<p style="page-break-before: always; margin: 0"></p>\n')
        elif k == "toc":
            out.append('<h2>Innehåll</h2>\n<table class="toc" border="0" width="100%">\n')
            pg = 3
            for t in b[1]:
                out.append(f'<tr><td>{htmlmod.escape(t)} ' + "." * 90 + f'</td><td align="right" width="6%">{pg}</td></tr>\n')
                pg += doc.rng.randint(0, 2)
            out.append('</table>\n<p style="page-break-before: always; margin: 0"></p>\n')
        elif k in ("h1", "h2", "h3"):
            out.append(f"<{k}>{b[1]}</{k}>\n")
        elif k == "p":
            out.append(f"<p>{b[1]}</p>\n")
        elif k == "small":
            out.append(f'<p class="small">{b[1]}</p>\n')
        elif k == "ul":
            out.append("<ul>\n" + "".join(f"<li>{x}</li>\n" for x in b[1]) + "</ul>\n")
        elif k == "pagebreak":
            out.append('<p style="page-break-before: always; margin: 0"></p>\n')
        elif k == "wide_start":
            out.append('<div class="wide">\n')
        elif k == "wide_end":
            out.append('</div>\n')
        elif k == "table":
            t = dict(b[1])
            t.setdefault("cell_valign", p.get("cell_valign", "top"))
            out.append(render_html_table(t, attr_border, shade))
    out.append("</body>\n</html>\n")
    return "".join(out)


def render_html_table(t, attr_border, shade):
    o = [f'<table class="{t["cls"]}"{attr_border} cellspacing="0" cellpadding="3" width="100%">\n<colgroup>']
    for w in t["widths"]:
        o.append(f'<col width="{w:.1f}%">')
    o.append("</colgroup>\n")

    def tr(r):
        s = [f'<tr class="{r["cls"]}">' if r["cls"] else "<tr>"]
        for c in r["cells"]:
            tag = "th" if c["th"] else "td"
            a = []
            st = []
            if c["rs"] > 1:
                a.append(f'rowspan="{c["rs"]}"')
            if c["cs"] > 1:
                a.append(f'colspan="{c["cs"]}"')
            al = c["al"]
            if c["th"] and t.get("header_left"):
                al = "left"
            if al != "left":
                a.append(f'align="{al}"')
                if c["th"]:
                    st.append(f"text-align: {al}")
            va = c["va"] or t.get("cell_valign")
            if va:
                a.append(f'valign="{va}"')
                st.append(f"vertical-align: {va}")
            if c["cls"]:
                a.append(f'class="{c["cls"]}"')
            if c["cls"] == "num" and not t.get("wrap_numbers"):
                a.append("nowrap")
            if c["th"] and shade:
                a.append(f'bgcolor="{shade}"')
            if st:
                a.append(f'style="{"; ".join(st)}"')
            s.append(f"<{tag}{' ' if a else ''}{' '.join(a)}>{c['t']}</{tag}>")
        s.append("</tr>\n")
        return "".join(s)
    if t["repeat"]:
        o.append("<thead>\n" + "".join(tr(r) for r in t["head"]) + "</thead>\n<tbody>\n")
    else:
        o.append("<tbody>\n" + "".join(tr(r) for r in t["head"]))
    o.append("".join(tr(r) for r in t["body"]))
    o.append("</tbody>\n</table>\n")
    return "".join(o)


# --------------------------------------------------------------------------
# Rendering: tab-separated text export (like a Word "save as text")


def tsv_cell(t, keep_italics):
    t = re.sub(r"<br\s*/?>", " ", t)
    if keep_italics:
        t = re.sub(r"<(?!/?i>)[^>]+>", "", t)
    else:
        t = re.sub(r"<[^>]+>", "", t)
    t = htmlmod.unescape(t)
    return re.sub(r"[ \t\r\n]+", " ", t).strip()


def render_tsv(doc):
    p = doc.p
    keep_i = p.get("italics_tags", True)
    lines = ["", "", ""]
    for b in doc.blocks:
        k = b[0]
        if k == "cover":
            c = b[1]
            lines += [c["muni"], "", c["title"], "", c["committee"], "", c["decided"], c["dnr"], "", ""]
        elif k == "toc":
            lines += ["Innehåll", ""]
            for i, t in enumerate(b[1]):
                lines.append(f"{t}\t{3 + i}")
            lines.append("")
        elif k in ("h1", "h2", "h3", "p", "small"):
            lines += [tsv_cell(b[1], False), ""]
        elif k == "ul":
            lines += [f"- {tsv_cell(x, False)}" for x in b[1]] + [""]
        elif k == "table":
            t = b[1]
            rows_ = t["head"] + t["body"]
            ncols = sum(c["cs"] for c in rows_[0]["cells"])
            pending = {}  # column -> remaining rows covered by a rowspan
            for r in rows_:
                cells = []
                it = iter(r["cells"])
                col = 0
                while col < ncols:
                    if pending.get(col, 0) > 0:
                        pending[col] -= 1
                        cells.append("")
                        col += 1
                        continue
                    c = next(it, None)
                    if c is None:
                        break
                    cells.append(tsv_cell(c["t"], keep_i))
                    if c["rs"] > 1:
                        pending[col] = c["rs"] - 1
                    col += c["cs"]
                line = "\t".join(cells)
                if p.get("tsv_trailing_tab") and r["cls"] != "head":
                    line += "\t"
                lines.append(line)
            lines.append("")
    return "\n".join(lines) + "\n"


def encode_text(text, enc, newline):
    if newline == "crlf":
        text = text.replace("\n", "\r\n")
    if enc == "utf-8":
        return text.encode("utf-8")
    if enc == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if enc == "cp1252":
        return text.encode("cp1252")  # raises if the profile was not cp1252-safe
    if enc == "utf-16":
        return b"\xff\xfe" + text.encode("utf-16-le")
    raise ValueError(enc)


# --------------------------------------------------------------------------
# The committed corpus


C = "chromium"
# A Word table style without borders or shading, cells centred vertically ("centre"), goal tables
# with committee-goal cells merged over 2–6 rows and indicator wording of 3–5 lines.
BORDERLESS = dict(border="none", cell_valign="middle", goal_valign="middle", long_indicators=True,
                  goal_span=(2, 6), many_indicators=True, value_width=12, ofordelad=False, changes=0.3)
CORPUS = [
    # ---- Chromium print-to-PDF
    dict(id="c01-bun-linkoping-2024", producer=C, committee="Barn- och ungdomsnämnden", municipality="Linköping",
         budget_year=2024, colset="F6", unit="tkr", minus="-", sep=" ", font="carlito", font_size=10,
         header="two", goal_layout="L1", goal_valign="top", landscape="goals", investments=True,
         ekonomi_summary=True, partial="aug", toc=True,
         derived=[dict(id="x01-bun-linkoping-2024.layout", kind="layout", encoding="utf-8")]),
    dict(id="c02-sn-stockholm-2023", producer=C, committee="Socialnämnden", municipality="Stockholm",
         budget_year=2023, colset="F7", unit="mnkr", minus=UMINUS, sep=NNBSP, font="liberation-sans", font_size=9,
         header="br", goal_layout="L3", goal_valign="middle", landscape="drift", split_drift="repeat",
         n_lines=11, changes=0.9, memo_outcome=True, adjustments=2, border="rules",
         derived=[dict(id="x02-sn-stockholm-2023.layout", kind="layout", encoding="utf-8")]),
    dict(id="c03-kfn-umea-2025", producer=C, committee="Kultur- och fritidsnämnden", municipality="Umeå",
         budget_year=2025, colset="C3", unit="tkr", minus=UMINUS, sep=NNBSP, font="open-sans", font_size=9,
         header="one", goal_layout="L1", goal_valign="middle", investments=True, n_projects=3, tagged=True,
         n_goals=2, n_lines=5, staff_goals=False,
         derived=[dict(id="x04-kfn-umea-2025.raw", kind="raw", encoding="utf-8"),
                 dict(id="x11-kfn-umea-2025.layout", kind="layout", encoding="utf-8")]),
    dict(id="c04-tn-gotland-2024", producer=C, committee="Tekniska nämnden", municipality="0980",
         budget_year=2024, colset="A6", unit="tkr", minus=ENDASH, sep=NBSP, font="liberation-serif", font_size=10,
         header="two", goal_layout="L2", goal_valign="top", split_inv="norepeat", n_projects=13, inv_groups=True,
         broken="sum", null_dash=True, border="grid", adjustments=1,
         derived=[dict(id="x12-tn-gotland-2024.layout", kind="layout", encoding="utf-8")]),
    dict(id="c05-ks-vasteras-2021", producer=C, committee="Kommunstyrelsen", municipality="Västerås",
         budget_year=2021, colset="B5", unit="mnkr", minus="-", sep=" ", font="dejavu-sans", font_size=9,
         header="one", goal_layout="L2", goal_valign="middle", split_goals="repeat", many_indicators=True,
         n_goals=3, memo_outcome=True, adjustments=3, volumes=True,
         derived=[dict(id="x13-ks-vasteras-2021.layout", kind="layout", encoding="utf-8")]),
    dict(id="c06-von-boras-2025", producer=C, committee="Vård- och omsorgsnämnden", municipality="Borås",
         budget_year=2025, colset="F6", unit="tkr", minus="mix", sep="mix", font="caladea", font_size=11,
         header="two", goal_layout="L3", goal_valign="mix", ekonomi_summary=True, memo_outcome=True,
         manual_breaks=True, landscape="both", partial="aug", keyfigures=True, border="light",
         derived=[dict(id="x14-von-boras-2025.layout", kind="layout", encoding="utf-8")]),
    dict(id="c07-mbn-alvsbyn-2022", producer=C, committee="Miljö- och byggnadsnämnden", municipality="Älvsbyn",
         budget_year=2022, colset="Y5", unit="tkr", minus="- ", sep=" ", font="carlito", font_size=10, safe=True,
         header="br", goal_layout="L1", goal_valign="top", volumes=True, outcome_word="Utfall", title_form=1,
         header_left=True,
         derived=[dict(id="x03-mbn-alvsbyn-2022.layout.cp1252", kind="layout", encoding="cp1252", newline="crlf")]),
    dict(id="c08-gvn-orebro-2024", producer=C, committee="Gymnasie- och vuxenutbildningsnämnden", municipality="Örebro",
         budget_year=2024, colset="U4", unit="mnkr", minus=UMINUS, sep=NBSP, font="liberation-sans", font_size=10,
         header="two", goal_layout="L1", goal_valign="middle", broken="varav", manual_breaks=True,
         split_drift="norepeat", n_lines=9, changes=1.0, inv_style="same", split_goals="norepeat", header_left=True,
         many_indicators=True, n_goals=2,
         derived=[dict(id="x15-gvn-orebro-2024.layout", kind="layout", encoding="utf-8")]),
    # ---- LibreOffice
    dict(id="l01-bun-varnamo-2023", producer="lo-docx", committee="Barn- och ungdomsnämnden", municipality="Värnamo",
         budget_year=2023, colset="A6", unit="tkr", minus="-", sep=" ", font="carlito", font_size=10,
         header="two", goal_layout="L2", goal_valign="top", inv_style="nettoutgift", ekonomi_summary=True,
         derived=[dict(id="x05-bun-varnamo-2023.layout.utf16", kind="layout", encoding="utf-16", newline="crlf")]),
    dict(id="l02-sn-goteborg-2024", producer="lo-docx", committee="Socialnämnden", municipality="Göteborg",
         budget_year=2024, colset="F6", unit="mnkr", minus=UMINUS, sep=NBSP, font="liberation-sans", font_size=9,
         header="one", goal_layout="L3", goal_valign="middle", memo_outcome=True, adjustments=2, partial="aug",
         cell_valign=None,
         derived=[dict(id="x16-sn-goteborg-2024.layout", kind="layout", encoding="utf-8")]),
    dict(id="l03-kfn-kiruna-2022", producer="lo-direct", committee="Kultur- och fritidsnämnden", municipality="Kiruna",
         budget_year=2022, colset="B5", unit="tkr", minus=ENDASH, sep=NBSP, font="liberation-serif", font_size=10,
         header="br", goal_layout="L1", goal_valign="top", broken="frame", adjustments=2, null_dash=True,
         cell_valign=None,
         derived=[dict(id="x17-kfn-kiruna-2022.layout", kind="layout", encoding="utf-8")]),
    dict(id="l04-tn-malmo-2025", producer="lo-odt", committee="Tekniska nämnden", municipality="Malmö",
         budget_year=2025, colset="C4", unit="tkr", minus="-", sep=" ", font="dejavu-sans", font_size=9,
         header="one", goal_layout="L2", goal_valign="middle", n_projects=8, inv_groups=True,
         derived=[dict(id="x06-tn-malmo-2025.raw", kind="raw", encoding="utf-8"),
                 dict(id="x18-tn-malmo-2025.layout", kind="layout", encoding="utf-8")]),
    dict(id="l05-ks-uppsala-2024", producer="lo-docx", committee="Kommunstyrelsen", municipality="Uppsala",
         budget_year=2024, colset="F7", unit="tkr", minus="mix", sep=" ", font="open-sans", font_size=9,
         header="two", goal_layout="L1", goal_valign="middle", split_drift="repeat", n_lines=13, changes=0.9,
         split_goals="repeat", many_indicators=True, n_goals=3,
         derived=[dict(id="x19-ks-uppsala-2024.layout", kind="layout", encoding="utf-8")]),
    dict(id="l06-mbn-lund-2023", producer="lo-direct", committee="Miljö- och byggnadsnämnden", municipality="Lund",
         budget_year=2023, colset="U4", unit="mnkr", minus="-", sep=" ", font="caladea", font_size=11,
         header="two", goal_layout="L3", goal_valign="top", memo_outcome=True, volumes=True, title_form=2,
         derived=[dict(id="x20-mbn-lund-2023.layout", kind="layout", encoding="utf-8")]),
    # ---- borderless Word-style tables (no lines, no shading, serif), every cell centred vertically;
    #      goal cells over 2–6 rows, indicator wording of 3–5 lines, stacked column headers,
    #      group headings without values in the driftsammandrag
    dict(id="b01-bun-sundsvall-2020", producer="lo-docx", committee="Barn- och ungdomsnämnden",
         municipality="Sundsvall", budget_year=2020, colset="F6", unit="tkr", minus="-", sep=" ",
         font="liberation-serif", font_size=11, **BORDERLESS, header="stack", drift_groups="plain",
         goal_layout="L1", n_projects=4, indicator_chars=(80, 135),
         derived=[dict(id="x07-bun-sundsvall-2020.layout", kind="layout", encoding="utf-8")]),
    dict(id="b02-sn-karlstad-2022", producer="lo-docx", committee="Socialnämnden", municipality="Karlstad",
         budget_year=2022, colset="A6", unit="mnkr", minus=UMINUS, sep=NBSP, font="dejavu-serif", font_size=9,
         **BORDERLESS, header="stack", drift_groups="bold", goal_layout="L1", adjustments=1, indicator_chars=(60, 105),
         derived=[dict(id="x08-sn-karlstad-2022.layout", kind="layout", encoding="utf-8")]),
    dict(id="b03-kfn-gavle-2023", producer=C, committee="Kultur- och fritidsnämnden", municipality="Gävle",
         budget_year=2023, colset="F6", unit="tkr", minus=ENDASH, sep=NBSP, font="liberation-serif", font_size=10,
         **BORDERLESS, header="stack", drift_groups="plain", goal_layout="L2", partial="aug", indicator_chars=(70, 120),
         derived=[dict(id="x09-kfn-gavle-2023.layout", kind="layout", encoding="utf-8")]),
    dict(id="b04-von-lulea-2024", producer=C, committee="Vård- och omsorgsnämnden", municipality="Luleå",
         budget_year=2024, colset="P4", unit="tkr", minus="-", sep=" ", font="dejavu-serif", font_size=10,
         **BORDERLESS, header="stack", drift_groups="bold", goal_layout="L3", outcome_word="Utfall", indicator_chars=(45, 80),
         derived=[dict(id="x10-von-lulea-2024.layout", kind="layout", encoding="utf-8")]),
    # ---- tab-separated text exports written by the generator
    dict(id="t01-bun-helsingborg-2023", producer="tsv", committee="Barn- och ungdomsnämnden", municipality="Helsingborg",
         budget_year=2023, colset="C4", unit="tkr", minus="- ", sep=" ", goal_layout="L2", encoding="utf-8",
         newline="lf", tsv_trailing_tab=True, inv_style="nettoutgift", adjustments=1),
    dict(id="t02-sn-norrkoping-2024", producer="tsv", committee="Socialnämnden", municipality="Norrköping",
         budget_year=2024, colset="F6", unit="mnkr", minus=UMINUS, sep=NBSP, goal_layout="L1", encoding="utf-8-sig",
         newline="crlf", memo_outcome=True, ekonomi_summary=True, partial="aug"),
    dict(id="t03-kfn-ostersund-2022", producer="tsv", committee="Kultur- och fritidsnämnden", municipality="Östersund",
         budget_year=2022, colset="A6", unit="tkr", minus=ENDASH, sep=NBSP, safe=True, goal_layout="L3",
         encoding="cp1252", newline="crlf", adjustments=2),
    dict(id="t04-tn-jonkoping-2025", producer="tsv", committee="Tekniska nämnden", municipality="Jönköping",
         budget_year=2025, colset="B5", unit="tkr", minus="-", sep=" ", safe=True, goal_layout="L1",
         encoding="cp1252", newline="crlf", broken="sum", n_projects=7, inv_groups=True, italics_tags=False),
    dict(id="t05-ks-solna-2024", producer="tsv", committee="Kommunstyrelsen", municipality="Solna",
         budget_year=2024, colset="F7", unit="mnkr", minus="mix", sep=" ", goal_layout="L2", encoding="utf-16",
         newline="crlf", memo_outcome=True, adjustments=3, tsv_trailing_tab=True),
]


def random_profile(i, rng):
    committees = list(pools.COMMITTEES)
    producers = ["chromium", "chromium", "lo-docx", "lo-direct", "lo-odt", "tsv"]
    prod = producers[i % len(producers)]
    safe = prod == "tsv" and rng.random() < 0.4
    prof = dict(
        id=f"r{i:03d}", producer=prod, committee=rng.choice(committees),
        budget_year=rng.randint(2019, 2027), colset=rng.choice(["A6", "F6", "F7", "B5", "C3", "C4", "Y5", "U4"]),
        unit=rng.choice(["tkr", "tkr", "mnkr"]),
        minus=rng.choice(["-", "- ", ENDASH, "mix"] + ([] if safe else [UMINUS])),
        sep=rng.choice([" ", NBSP, "mix"] + ([] if safe else [NNBSP])), safe=safe,
        font=rng.choice(list(FONTS)), font_size=rng.choice([9, 10, 11]),
        header=rng.choice(["one", "two", "br"]), goal_layout=rng.choice(["L1", "L2", "L3"]),
        goal_valign=rng.choice(["top", "middle", "mix"]),
        landscape=rng.choice([None, None, "drift", "goals", "both"]) if prod == "chromium" else None,
        split_drift=rng.choice([None, None, "repeat", "norepeat"]),
        split_goals=rng.choice([None, None, "repeat", "norepeat"]),
        ekonomi_summary=rng.random() < 0.3, memo_outcome=rng.random() < 0.4,
        manual_breaks=rng.random() < 0.3, broken=rng.choice([None] * 6 + ["sum", "varav", "frame"]),
        partial=rng.choice([None, None, "aug"]), volumes=rng.random() < 0.3,
        inv_style=rng.choice(["same", "same", "nettoutgift"]), inv_groups=rng.random() < 0.4,
        border=rng.choice(["grid", "grid", "rules", "light"]),
    )
    if rng.random() < 0.25:
        # a Word table style without borders, cells centred vertically
        prof.update(border="none", cell_valign="middle", goal_valign="middle", long_indicators=True,
                    goal_span=(2, 6), many_indicators=True, value_width=12,
                    drift_groups=rng.choice(["plain", "bold"]), ofordelad=False, manual_breaks=False,
                    header=rng.choice(["stack", prof["header"]]),
                    font=rng.choice(["liberation-serif", "dejavu-serif"]))
    if prof["split_drift"]:
        prof["n_lines"] = 11
        prof["changes"] = 0.9
    if prof["broken"] == "frame":
        prof["adjustments"] = 2
    if prod == "tsv":
        prof["encoding"] = rng.choice(["utf-8", "utf-8-sig", "utf-16"] if not safe else ["cp1252"])
        prof["newline"] = rng.choice(["lf", "crlf"])
    return prof


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--n", type=int, help="random profiles instead of the committed corpus")
    args = ap.parse_args()
    munis = load_municipalities()
    if args.n:
        prng = random.Random(args.seed)
        profiles = [random_profile(i, prng) for i in range(args.n)]
    else:
        profiles = CORPUS
    for sub in ("html", "truth", "text"):
        os.makedirs(os.path.join(args.out, sub), exist_ok=True)
    plan = []
    for prof in profiles:
        rng = random.Random(f"{args.seed}:{prof['id']}")
        doc = Doc(prof, rng, munis)
        doc.build()
        truth = doc.truth()
        with open(os.path.join(args.out, "truth", prof["id"] + ".truth.json"), "w", encoding="utf-8") as f:
            json.dump(truth, f, ensure_ascii=False, indent=1)
            f.write("\n")
        feats = list(doc.features)
        feats.insert(0, f"{doc.unit}{' with decimals' if doc.dec else ''}; columns: " +
                     " | ".join(((c['word'] + ' ') if c['word'] else '') + str(c['year']) for c in doc.cols))
        if doc.style.used_minus:
            names = {"-": "hyphen-minus", "- ": "hyphen-minus + space", UMINUS: "Unicode minus U+2212",
                     ENDASH: "en dash U+2013"}
            feats.insert(1, "negatives: " + ", ".join(sorted(names[m] for m in doc.style.used_minus)))
        if doc.style.used_sep:
            names = {" ": "space", NBSP: "NBSP", NNBSP: "narrow NBSP U+202F"}
            feats.insert(2, "thousands separator: " + ", ".join(sorted(names[s] for s in doc.style.used_sep)))
        entry = {"id": prof["id"], "producer": prof["producer"], "municipality": doc.muni,
                 "committee": doc.committee, "budget_year": doc.B, "truth": f"truth/{prof['id']}.truth.json",
                 "features": feats, "derived": prof.get("derived", []),
                 "font": prof.get("font"), "font_size": prof.get("font_size"), "tagged": prof.get("tagged", False)}
        if prof.get("tagged"):
            feats.append("tagged PDF (structure tree)")
        if prof["producer"] == "tsv":
            data = encode_text(render_tsv(doc), prof.get("encoding", "utf-8"), prof.get("newline", "lf"))
            name = f"{prof['id']}.txt"
            with open(os.path.join(args.out, "text", name), "wb") as f:
                f.write(data)
            entry["file"] = f"text/{name}"
            entry["encoding"] = prof.get("encoding", "utf-8")
            entry["newline"] = prof.get("newline", "lf")
        else:
            with open(os.path.join(args.out, "html", prof["id"] + ".html"), "w", encoding="utf-8") as f:
                f.write(render_html(doc))
            entry["file"] = f"pdf/{prof['id']}.pdf"
        plan.append(entry)
    with open(os.path.join(args.out, "plan.json"), "w", encoding="utf-8") as f:
        json.dump(plan, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{len(plan)} documents → {args.out}")


if __name__ == "__main__":
    main()
