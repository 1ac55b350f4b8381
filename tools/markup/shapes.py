#!/usr/bin/env python3
"""Writes web pages in the shapes of the real budget tables of
../shared/fixtures/real/ (see ../shared/design/real-tables.md), with
their expected facts, for the tests of the HTML reader:

    python3 tools/markup/shapes.py --out fixtures/html

  r1-driftbudget-per-namnd   one table with a block per committee (a heading
                             row spanning the table, lines, a Summa per block,
                             one-line blocks without Summa) and a grand total;
                             mnkr with decimals, kind and year on two lines of
                             each header cell
  r2-ramforandringar         a page of frames tables, one per committee: the
                             previous frame in its own column, the changes of
                             the plan years under a header spanning them,
                             their sum and the new frames
  r3-driftredovisning        Intäkter and Kostnader over two years each (a
                             header row spanning the years), Nettokostnad,
                             Budget and Avvikelse; committee rows carry their
                             block's sum above their lines
  r4-namndsida               a committee's page with many tables: frames with
                             a Förändring % column and a spacer row, an
                             investment budget, a table of volumes without a
                             unit (not in the facts) and a contact table
  r5-resultatbudget          a municipality's statements: a resultatbudget with
                             a Not column (note numbers beside the labels),
                             kinds on one header line and years on the next,
                             the unit in the first header cell (mnkr, one
                             decimal), subtotals and Årets resultat; a
                             balansbudget and a kassaflödesbudget under the
                             same columns

Every number is invented; every sum holds exactly. Numbers are printed as web
pages print them: comma decimals, digit groups as &nbsp;, minus as &minus;.
"""
import argparse
import csv
import html as htmlmod
import json
import os
import random

MINUS = "&minus;"


def printed(v, dec):
    """The printed form of an integer v in units of 10**-dec."""
    neg = v < 0
    v = abs(v)
    whole, frac = divmod(v, 10 ** dec) if dec else (v, 0)
    digits = f"{whole:,}".replace(",", "&nbsp;")
    s = digits + (f",{frac:0{dec}d}" if dec else "")
    return (MINUS if neg else "") + s


def truth_value(v, dec):
    if v is None:
        return None
    neg = v < 0
    v = abs(v)
    if dec:
        whole, frac = divmod(v, 10 ** dec)
        s = f"{whole}.{frac:0{dec}d}"
    else:
        s = str(v)
    return ("-" if neg else "") + s


def esc(t):
    return htmlmod.escape(t, quote=False)


def page(title, muni, body, postcode="273 80", updated="2024-11-28"):
    return (
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{esc(title)} - {esc(muni)}</title>\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<style>table{border-collapse:collapse}th,td{padding:2px 6px}td.num{text-align:right}"
        ".sr-only{display:none}</style>\n"
        "<script>window.dataLayer = window.dataLayer || [];</script>\n"
        "</head>\n<body>\n"
        f"<header><a href=\"/\">{esc(muni)}</a><nav><ul><li><a href=\"/kommun\">Kommun och politik</a></li>"
        "<li><a href=\"/ekonomi\">Ekonomi</a></li><li><a href=\"/kontakt\">Kontakt</a></li></ul></nav></header>\n"
        "<nav class=\"breadcrumb\"><ol><li>Start</li><li>Kommun och politik</li><li>Ekonomi</li></ol></nav>\n"
        "<main>\n" + body + "</main>\n"
        f"<footer><p>{esc(muni)}, {postcode}</p><p>Senast uppdaterad {updated}</p>"
        "<span class=\"sr-only\">Till toppen av sidan</span></footer>\n"
        "<script>document.querySelectorAll('table');</script>\n</body>\n</html>\n"
    )


def num_cells(values, dec, tag="td"):
    out = []
    for v in values:
        out.append(f"<{tag} class=\"num\">{'' if v is None else printed(v, dec)}</{tag}>")
    return "".join(out)


def col_sum(rows):
    return [sum(r[i] or 0 for r in rows) for i in range(len(rows[0]))]


SECTION = "section"  # a statement's sum of the rows since its last sum (r5)

UNIT_WORDS = {"mnkr": "miljoner kronor", "tkr": "tusentals kronor"}


def span(years):
    """'2026–2027' for a run of years, '2026' for one."""
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else f"{years[0]}"


# --------------------------------------------------------------------------
# r1: driftbudget per nämnd with blocks


def r1(s=None):
    """The page and its facts; s (from vary_r1) replaces the fixed contents."""
    s = s or {}
    muni = s.get("muni", "Tomelilla kommun")
    years = s.get("years") or [("Bokslut", 2023, "outcome"), ("Budget", 2024, "budget"), ("Budget", 2025, "budget"),
             ("Plan", 2026, "plan"), ("Plan", 2027, "plan")]
    blocks = s.get("blocks") or [
        ("Kommunstyrelse", [
            ("Kommunövergripande verksamhet", [612, 640, 701, 725, 748]),
            ("Politisk verksamhet", [95, 98, 102, 104, 106]),
            ("Näringsliv och turism", [12, 9, 5, -8, -8]),
            ("Räddningstjänst", [171, 176, 183, 189, 195]),
        ]),
        ("Barn- och utbildningsnämnd", [
            ("Förskola", [1452, 1498, 1533, 1580, 1627]),
            ("Grundskola", [2861, 2937, 3012, 3098, 3184]),
            ("Gymnasieskola", [1010, 1055, 1089, 1121, 1160]),
            ("Vuxenutbildning", [148, 152, 149, 153, 158]),
        ]),
        ("Vård- och omsorgsnämnd", [
            ("Äldreomsorg", [2650, 2788, 2934, 3102, 3277]),
            ("Verksamhet för personer med funktionsnedsättning", [1290, 1318, 1345, 1392, 1436]),
            ("Individ- och familjeomsorg", [803, 781, 826, 851, 877]),
        ]),
        ("Valnämnd", [("Politisk verksamhet", [0, 5, 0, 12, 0])]),
        ("Revision", [("Politisk verksamhet", [14, 15, 15, 15, 16])]),
    ]
    dec = s.get("dec", 1)
    unit_head, unit = s.get("unit", ("(mnkr)", "mnkr"))
    sum_label, total_label = s.get("sum_label", "Summa"), s.get("total_label", "Summa nämnder")
    head = f"<tr><th>{esc(unit_head)}</th>" + "".join(f"<th>{w}<br>{y}</th>" for w, y, _ in years) + "</tr>\n"
    body = []
    rows = []
    all_lines = []
    for name, lines in blocks:
        body.append(f"<tr class=\"block\"><th colspan=\"{len(years) + 1}\">{esc(name)}</th></tr>\n")
        for label, vals in lines:
            body.append(f"<tr><td>{esc(label)}</td>{num_cells(vals, dec)}</tr>\n")
            rows.append({"label": label, "kind": "line_item", "values": [truth_value(v, dec) for v in vals], "group": name})
            all_lines.append(vals)
        if len(lines) > 1:
            sm = col_sum([v for _, v in lines])
            body.append(f"<tr class=\"sum\"><td><strong>{esc(sum_label)}</strong></td>{num_cells(sm, dec)}</tr>\n")
            rows.append({"label": sum_label, "kind": "subtotal", "values": [truth_value(v, dec) for v in sm], "group": name})
    total = col_sum(all_lines)
    foot = f"<tr><th>{esc(total_label)}</th>{num_cells(total, dec, 'th')}</tr>\n"
    rows.append({"label": total_label, "kind": "total", "values": [truth_value(v, dec) for v in total]})
    by, plans = s.get("budget_year", 2025), s.get("plan_years", [2026, 2027])
    html = page("Driftbudget", muni,
        f"<h1>Budget {by} med plan för {span(plans)}</h1>\n"
        f"<p>Kommunfullmäktige beslutade den {s.get('decided', '25 november')} {by - 1} om budget för {by} och "
        f"plan för {span(plans)}. "
        "Tabellen visar nämndernas nettokostnader per verksamhet.</p>\n"
        "<h2>Driftbudget per nämnd</h2>\n"
        "<table>\n<thead>\n" + head + "</thead>\n<tbody>\n" + "".join(body) + "</tbody>\n<tfoot>\n" + foot + "</tfoot>\n</table>\n"
        f"<p>Beloppen är nettokostnader i {UNIT_WORDS[unit]}.</p>\n", **s.get("footer", {}))
    truth = {
        "document": {"municipality": muni, "committee": None, "budget_year": by, "plan_years": plans},
        "tables": [{
            "role": "operating_summary", "title": "Driftbudget per nämnd", "unit": unit,
            "columns": [{"kind": k, "year": y} for _, y, k in years],
            "rows": rows,
        }],
        "indicators": [],
        "comment": s.get("comment") or "Made for the tests (tools/markup/shapes.py) in the shape of real/01: one table, a block per "
                   "committee with a heading row spanning the table (th colspan), its lines and a Summa (subtotal, "
                   "group = the block); Valnämnd and Revision have one line and no Summa; the grand total "
                   "Summa nämnder in a tfoot. Header cells print kind and year on two lines (<br>). All sums hold.",
    }
    return html, truth


# --------------------------------------------------------------------------
# r2: ramförändringar, one frames table per committee


def r2(s=None):
    """The page and its facts; s (from vary_r2) replaces the fixed contents."""
    s = s or {}
    muni = s.get("muni", "Ystads kommun")
    by, plans = s.get("budget_year", 2025), s.get("plan_years", [2026, 2027])
    years = [by] + plans
    n = len(years)
    unit_suffix = s.get("unit_suffix", " (tkr)")
    committees = s.get("committees") or [
        ("Kommunfullmäktige", 12847, [
            ("Beräknad pris- och löneökning", [452, 480, 466]),
            ("Demografiuppräkning", [89, 102, 99]),
            ("KF 240613 Ersättning till förtroendevalda", [1008, None, None]),
        ]),
        ("Kommunrevision", 4419, [
            ("Beräknad pris- och löneökning", [164, 164, 142]),
            ("Årlig effektivisering", [-88, -101, -95]),
            ("Revisionsupphandling", [250, -250, None]),
        ]),
        ("Kommunstyrelsen", 389169, [
            ("Beräknad pris- och löneökning", [4818, 8127, 8161]),
            ("Årlig effektivisering", [-2674, -3537, -3504]),
            ("Medborgarbudget för byarna, tvåårigt projekt", [-4000, -2000, None]),
            ("KS 240904 Samverkan mötesplats", [1500, -500, -1000]),
        ]),
    ]
    body = [f"<h1>Ekonomiska ramar {span(years)}</h1>\n",
            f"<p>Sammanställning över samtliga budgetposter för åren {span(years)} per nämnd.</p>\n"]
    tables = []
    prev = f"Ram {by - 1}"
    sum_label = f"Summa ramförändringar {span(years)}"
    for name, frame, changes in committees:
        title = f"{name}{unit_suffix}"
        rows = [{"label": prev, "kind": "budget_frame", "values": [str(frame)] + [None] * n}]
        trs = [f"<tr><td>{prev}</td>{num_cells([frame] + [None] * n, 0)}</tr>\n"]
        for label, vals in changes:
            trs.append(f"<tr><td>{esc(label)}</td><td></td>{num_cells(vals, 0)}</tr>\n")
            rows.append({"label": label, "kind": "adjustment", "values": [None] + [truth_value(v, 0) for v in vals]})
        sums = [sum(v[i] or 0 for _, v in changes) for i in range(n)]
        trs.append(f"<tr><td><strong>{sum_label}</strong></td><td></td>{num_cells(sums, 0)}</tr>\n")
        rows.append({"label": sum_label, "kind": "subtotal", "values": [None] + [str(v) for v in sums]})
        frames = []
        f = frame
        for change in sums:
            f += change
            frames.append(f)
        trs.append(f"<tr><td><strong>Ram {span(years)}</strong></td><td></td>{num_cells(frames, 0)}</tr>\n")
        rows.append({"label": f"Ram {span(years)}", "kind": "budget_frame", "values": [None] + [str(v) for v in frames]})
        year_ths = "".join(f"<th>{y}</th>" for y in years)
        body.append(
            f"<h2>{esc(name)}</h2>\n<table>\n<caption>{esc(title)}</caption>\n<thead>\n"
            f"<tr><th rowspan=\"2\"></th><th rowspan=\"2\">{prev}</th><th colspan=\"{n}\">Förändringar {span(years)}</th></tr>\n"
            f"<tr>{year_ths}</tr>\n</thead>\n<tbody>\n" + "".join(trs) + "</tbody>\n</table>\n")
        tables.append({
            "role": "frames", "title": title, "unit": "tkr",
            "columns": [{"kind": "budget", "year": by - 1}, {"kind": "budget", "year": by}]
                       + [{"kind": "plan", "year": y} for y in plans],
            "rows": rows,
        })
    truth = {
        "document": {"municipality": muni, "committee": None, "budget_year": by, "plan_years": plans},
        "tables": tables,
        "indicators": [],
        "comment": s.get("comment") or "Made for the tests (tools/markup/shapes.py) in the shape of real/05: one frames table per "
                   "committee under a caption; the previous frame in a 'Ram 2024' column (rowspan 2, read as budget "
                   "2024 as in real/05), the changes under 'Förändringar 2025–2027' (colspan 3) over the years "
                   "(2025 budget, 2026-2027 plan); changes are adjustments, their Summa a subtotal, 'Ram 2025–2027' "
                   "the new frames. Ram(y-1) + Summa(y) = Ram(y) holds in every table.",
    }
    return page("Ekonomiska ramar", muni, "".join(body), **s.get("footer", {})), truth


# --------------------------------------------------------------------------
# r3: driftredovisning with Intäkter / Kostnader / Netto / Budget / Avvikelse


def r3(s=None):
    """The page and its facts; s (from vary_r3) replaces the fixed contents."""
    s = s or {}
    muni = s.get("muni", "Kristianstads kommun")
    dec = s.get("dec", 1)
    y = s.get("year", 2024)
    unit_head, unit = s.get("unit", ("mnkr", "mnkr"))
    net_word, dev_words = s.get("net_word", "Nettokostnad"), s.get("dev_words", "Avvikelse mot budget")
    caption, total_label = s.get("caption", "Driftredovisning per nämnd"), s.get("total_label", "Totalt")
    # (label, [int 2023, int 2024, cost 2023, cost 2024], budget 2024)
    blocks = s.get("blocks") or [
        ("Kommunstyrelse", [
            ("Politisk verksamhet", [9, 0, -134, -119], -124),
            ("Ledning", [162, 125, -765, -844], -712),
            ("Samhällsbyggnad", [424, 480, -1550, -1653], -1061),
            ("Räddningstjänst", [116, 90, -574, -555], -469),
        ]),
        ("Barn- och utbildningsnämnd", [
            ("Förskola", [326, 363, -2282, -2359], -2016),
            ("Grundskola och fritidshem", [653, 692, -4912, -4964], -4283),
            ("Gymnasieskola", [215, 152, -1772, -1774], -1622),
        ]),
        ("Socialnämnd", [
            ("Äldreomsorg", [1045, 1317, -5183, -5531], -4333),
            ("Individ- och familjeomsorg", [230, 154, -1199, -1051], -776),
        ]),
    ]
    singles = s.get("singles") if "singles" in s else [
        ("Miljö- och byggnadsnämnd", [129, 153, -262, -279], -150),
        ("Överförmyndare", [4, 1, -38, -30], -35),
    ]

    def full(vals, budget):
        net = vals[1] + vals[3]
        return vals + [net, budget, net - budget]

    trs = []
    rows = []
    grand = []
    for name, lines in blocks:
        fulls = [full(v, b) for _, v, b in lines]
        sm = col_sum(fulls)
        trs.append(f"<tr class=\"sum\"><th>{esc(name)}</th>{num_cells(sm, dec, 'th')}</tr>\n")
        rows.append({"label": name, "kind": "subtotal", "values": [truth_value(v, dec) for v in sm], "group": name})
        for (label, _, _), fv in zip(lines, fulls):
            trs.append(f"<tr><td>{esc(label)}</td>{num_cells(fv, dec)}</tr>\n")
            rows.append({"label": label, "kind": "line_item", "values": [truth_value(v, dec) for v in fv], "group": name})
        grand.append(sm)
    for label, v, b in singles:
        fv = full(v, b)
        trs.append(f"<tr class=\"sum\"><th>{esc(label)}</th>{num_cells(fv, dec, 'th')}</tr>\n")
        rows.append({"label": label, "kind": "line_item", "values": [truth_value(x, dec) for x in fv]})
        grand.append(fv)
    total = col_sum(grand)
    trs.append(f"<tr class=\"total\"><th>{esc(total_label)}</th>{num_cells(total, dec, 'th')}</tr>\n")
    rows.append({"label": total_label, "kind": "total", "values": [truth_value(v, dec) for v in total]})
    head = (f"<tr><th rowspan=\"2\">{esc(unit_head)}</th><th colspan=\"2\">Intäkter</th><th colspan=\"2\">Kostnader</th>"
            f"<th rowspan=\"2\">{net_word} {y}</th><th rowspan=\"2\">Budget {y}</th>"
            f"<th rowspan=\"2\">{dev_words} {y}</th></tr>\n"
            f"<tr><th>{y - 1}</th><th>{y}</th><th>{y - 1}</th><th>{y}</th></tr>\n")
    html = page("Driftredovisning", muni,
        f"<h1>Årsredovisning {y}</h1>\n<h2>Driftredovisning, kommunen</h2>\n"
        "<p>Driftredovisningen visar nämndernas intäkter, kostnader och avvikelse mot budget.</p>\n"
        f"<table>\n<caption>{esc(caption)}</caption>\n<thead>\n" + head + "</thead>\n<tbody>\n"
        + "".join(trs) + "</tbody>\n</table>\n", **s.get("footer", {}))
    outcome24 = {"kind": "outcome", "year": y}
    budget24 = {"kind": "budget", "year": y}
    truth = {
        "document": {"municipality": muni, "committee": None, "budget_year": y, "plan_years": []},
        "tables": [{
            "role": "operating_summary", "title": caption, "unit": unit,
            "columns": [
                {"kind": "outcome", "year": y - 1, "measure": "revenue"},
                {"kind": "outcome", "year": y, "measure": "revenue"},
                {"kind": "outcome", "year": y - 1, "measure": "cost"},
                {"kind": "outcome", "year": y, "measure": "cost"},
                dict(outcome24),
                dict(budget24),
                {"kind": "deviation", "year": y, "compares": [outcome24, budget24]},
            ],
            "rows": rows,
        }],
        "indicators": [],
        "comment": s.get("comment") or "Made for the tests (tools/markup/shapes.py) in the shape of real/07: 'Intäkter' and "
                   "'Kostnader' each span the years 2023 and 2024 (colspan 2 over a second header row); "
                   "Nettokostnad, Budget and Avvikelse span both header rows (rowspan 2). Committee rows carry "
                   "their block's sum above their lines (subtotal, group = the committee); committees without lines "
                   "are line items without group; Totalt is the total. Intäkter 2024 + Kostnader 2024 = "
                   "Nettokostnad, Nettokostnad - Budget = Avvikelse, and every sum hold exactly.",
    }
    return html, truth


# --------------------------------------------------------------------------
# r4: a committee's page with many tables


def r4(s=None):
    """The page and its facts; s (from vary_r4) replaces the fixed contents."""
    s = s or {}
    muni = s.get("muni", "Höörs kommun")
    committee = s.get("committee", "Kultur- och fritidsnämnd")
    by, plans = s.get("budget_year", 2025), s.get("plan_years", [2026, 2027])
    # one list per column (budget by-1, budget by, the plans) of [Intäkter, Kostnader, Kommunbidrag]
    cols = s.get("frames") or [[97016, -462724, 365708], [105288, -509196, 403908],
                               [108447, -528416, 419969], [110616, -545338, 434722]]
    pct_head, unit_suffix = s.get("pct_head", "Förändring %"), s.get("unit_suffix", " (tkr)")
    labels = [("Intäkter", "line_item"), ("Kostnader", "line_item"), ("Kommunbidrag", "budget_frame")]

    def pct(a, b):
        # the change in percent of the magnitude, one decimal, half up
        return round((abs(b) - abs(a)) * 1000 / abs(a))

    def frame_row(label, kind, vals):
        p = pct(vals[0], vals[1])
        trs.append(f"<tr><td>{label}</td>{num_cells(vals[:2], 0)}<td class=\"num\">{printed(p, 1)}&nbsp;%</td>"
                   f"{num_cells(vals[2:], 0)}</tr>\n")
        rows.append({"label": label, "kind": kind,
                     "values": [str(vals[0]), str(vals[1]), truth_value(p, 1)] + [str(v) for v in vals[2:]]})

    trs = []
    rows = []
    for i, (label, kind) in enumerate(labels):
        frame_row(label, kind, [c[i] for c in cols])
    res = [sum(c) for c in cols]
    trs.append(f"<tr><td><strong>Resultat</strong></td>{num_cells(res[:2], 0)}<td></td>{num_cells(res[2:], 0)}</tr>\n")
    rows.append({"label": "Resultat", "kind": "total",
                 "values": [str(res[0]), str(res[1]), None] + [str(v) for v in res[2:]]})
    trs.append("<tr><td>&nbsp;</td>" + "<td></td>" * (len(cols) + 1) + "</tr>\n")
    frame_row("Investeringsram", "budget_frame", s.get("inv_frame") or [23000, 47500, 60000, 42500])
    frames_title = f"{committee}{unit_suffix}"
    plan_ths = "".join(f"<th>Plan {y}</th>" for y in plans)
    frames = (
        f"<table>\n<caption>{esc(frames_title)}</caption>\n<thead><tr><th></th><th>Budget {by - 1}</th><th>Budget {by}</th>"
        f"<th>{pct_head}</th>{plan_ths}</tr></thead>\n<tbody>\n" + "".join(trs)
        + "</tbody>\n</table>\n")
    projects = s.get("projects") or [
        ("Konstgräsplan Höörs IP", [8500, 12000, 0]),
        ("Biblioteket, ny entré", [3200, 0, 0]),
        ("Inventarier och utrustning", [1500, 1500, 1500]),
        ("Badhuset, energiåtgärder", [0, 6000, 9000]),
    ]
    itrs = []
    irows = []
    for label, vals in projects:
        itrs.append(f"<tr><td>{esc(label)}</td>{num_cells(vals, 0)}</tr>\n")
        irows.append({"label": label, "kind": "line_item", "values": [truth_value(v, 0) for v in vals]})
    sm = col_sum([v for _, v in projects])
    inv_sum = s.get("inv_sum", "Summa investeringar")
    itrs.append(f"<tr><td><strong>{inv_sum}</strong></td>{num_cells(sm, 0)}</tr>\n")
    irows.append({"label": inv_sum, "kind": "total", "values": [str(v) for v in sm]})
    inv_title = s.get("inv_title", "Investeringsbudget (tkr)")
    invest = (
        f"<table>\n<caption>{inv_title}</caption>\n<tr><th>Projekt</th><th>Budget {by}</th>{plan_ths}"
        "</tr>\n" + "".join(itrs) + "</table>\n")
    volumes = s.get("volumes") or (
        "<table>\n<caption>Verksamhetsmått</caption>\n<tr><th>Mått</th><th>Utfall 2022</th><th>Utfall 2023</th></tr>\n"
        "<tr><td>Besök på biblioteken</td><td class=\"num\">182&nbsp;400</td><td class=\"num\">190&nbsp;150</td></tr>\n"
        "<tr><td>Deltagartillfällen, föreningar</td><td class=\"num\">96&nbsp;310</td><td class=\"num\">99&nbsp;870</td></tr>\n"
        "</table>\n")
    area = s.get("area_code", "0413")
    contact = (
        f"<table>\n<tr><th>Kontakt</th><th>Telefon</th></tr>\n<tr><td>Nämndsekreterare</td><td>{area}-280 00</td></tr>\n"
        f"<tr><td>Förvaltningschef</td><td>{area}-281 10</td></tr>\n</table>\n")
    intro = s.get("intro") or (
        "<p>Kultur- och fritidsnämnden svarar för kultur-, biblioteks- och idrottsverksamhet samt öppen "
        "fritidsverksamhet i Höörs kommun.</p>\n<ul><li>Biblioteket prioriterar barn och unga.</li>"
        "<li>Idrottsverksamheten prioriterar 7–20-åringar.</li></ul>\n")
    html = page(committee, muni,
        f"<h1>{esc(committee)}</h1>\n<h2>Basuppdrag och målgrupper</h2>\n" + intro
        + "<h2>Ekonomiska ramar</h2>\n<p>Nämnden finansieras till cirka 80 procent av kommunbidrag.</p>\n"
        + frames + f"<p>Kommunbidraget {by} ökar med budgetmedel för pris- och löneökningar.</p>\n"
        "<h2>Investeringar</h2>\n" + invest + "<h2>Verksamhetsmått</h2>\n" + volumes
        + "<h2>Kontakt</h2>\n" + contact, **s.get("footer", {}))
    plan_cols = [{"kind": "plan", "year": y} for y in plans]
    truth = {
        "document": {"municipality": muni, "committee": committee, "budget_year": by, "plan_years": plans},
        "tables": [
            {
                "role": "operating_summary", "title": frames_title, "unit": "tkr",
                "columns": [{"kind": "budget", "year": by - 1}, {"kind": "budget", "year": by},
                            {"kind": "change", "year": by, "percent": True,
                             "compares": [{"kind": "budget", "year": by - 1}, {"kind": "budget", "year": by}]}]
                           + plan_cols,
                "rows": rows,
            },
            {
                "role": "investments", "title": inv_title, "unit": "tkr",
                "columns": [{"kind": "budget", "year": by}] + plan_cols,
                "rows": irows,
            },
        ],
        "indicators": [],
        "comment": s.get("comment") or "Made for the tests (tools/markup/shapes.py) in the shape of real/04 on a page with more "
                   "tables: the committee's frames (Intäkter + Kostnader + Kommunbidrag = Resultat, 0, in every "
                   "amount column; 'Förändring %' is the change budget 2024 -> 2025 in percent, empty for Resultat; "
                   "a spacer row; Investeringsram outside the sum), an investment budget whose Summa holds, a table "
                   "of volumes without an amount unit and a contact table (neither in the facts).",
    }
    return html, truth


# --------------------------------------------------------------------------
# r5: statements with a Not column


def r5(s=None):
    """The page and its facts; s (from vary_r5) replaces the fixed contents."""
    s = s or {}
    muni = s.get("muni", "Skurups kommun")
    kinds = s.get("kinds") or [("Bokslut", 2023, "outcome"), ("Budget", 2024, "budget"), ("Budget", 2025, "budget"),
                               ("Plan", 2026, "plan"), ("Plan", 2027, "plan")]
    by, plans = s.get("budget_year", 2025), s.get("plan_years", [2026, 2027])
    dec = s.get("dec", 1)
    unit_head, unit = s.get("unit", ("Mnkr", "mnkr"))
    cols = [{"kind": k, "year": y} for _, y, k in kinds]

    def header(first):
        kinds_row = "".join(f"<th>{k}</th>" for k, _, _ in kinds)
        years_row = "".join(f"<th>{y}</th>" for _, y, _ in kinds)
        return (f"<thead><tr><th>{esc(first)}</th><th>Not</th>{kinds_row}</tr>\n"
                f"<tr><th></th><th></th>{years_row}</tr></thead>\n")

    def table(caption, first, lines):
        # lines: (label, note, values, kind); values None is the running sum of every row
        # above, SECTION the sum of the rows since the last sum
        trs, rows, since = [], [], []
        running = None
        for label, note, vals, kind in lines:
            if vals is SECTION:
                vals = col_sum(since)
                since = []
                trs.append(f"<tr><th>{esc(label)}</th><th></th>{num_cells(vals, dec, 'th')}</tr>\n")
            elif vals is None:
                vals = col_sum(since) if running is None else [a + b for a, b in zip(running, col_sum(since))]
                running = vals
                since = []
                cells = num_cells(vals, dec, "th")
                trs.append(f"<tr><th>{esc(label)}</th><th></th>{cells}</tr>\n")
            else:
                since.append(vals)
                trs.append(f"<tr><td>{esc(label)}</td><td>{note or ''}</td>{num_cells(vals, dec)}</tr>\n")
            row = {"label": label, "kind": kind, "values": [truth_value(v, dec) for v in vals]}
            if note:
                row["note"] = note
            rows.append(row)
        html = f"<table>\n<caption>{esc(caption)}</caption>\n{header(first)}<tbody>\n{''.join(trs)}</tbody>\n</table>\n"
        return html, rows

    statements = s.get("statements") or [
        ("income_statement", "Resultatbudget", None, [
            ("Verksamhetens intäkter", "1", [1874, 1902, 1955, 1998, 2041], "memo"),
            ("Verksamhetens kostnader", "2", [-8121, -8377, -8640, -8902, -9168], "memo"),
            ("Avskrivningar", "3", [-312, -335, -358, -371, -389], "memo"),
            ("Verksamhetens nettokostnader", None, None, "subtotal"),
            ("Skatteintäkter", "4", [5124, 5389, 5611, 5843, 6078], "memo"),
            ("Generella statsbidrag och utjämning", "5", [1652, 1607, 1644, 1661, 1689], "memo"),
            ("Verksamhetens resultat", None, None, "subtotal"),
            ("Finansiella intäkter", "6", [41, 38, 35, 35, 35], "memo"),
            ("Finansiella kostnader", "7", [-58, -64, -72, -79, -83], "memo"),
            ("Årets resultat", None, None, "total"),
        ]),
        ("balance_sheet", "Balansbudget", "Balansbudget", [
            ("Anläggningstillgångar", "8", [6124, 6402, 6717, 6958, 7163], "memo"),
            ("Omsättningstillgångar", "9", [1215, 1166, 1120, 1101, 1092], "memo"),
            ("Summa tillgångar", None, None, "total"),
        ]),
        ("cash_flow", "Kassaflödesbudget", "Kassaflöde", [
            ("Kassaflöde från den löpande verksamheten", "10", [582, 546, 519, 531, 548], "memo"),
            ("Kassaflöde från investeringsverksamheten", "11", [-611, -613, -673, -612, -594], "memo"),
            ("Kassaflöde från finansieringsverksamheten", None, [40, 60, 150, 70, 40], "memo"),
            ("Årets kassaflöde", None, None, "total"),
        ]),
    ]
    parts, tables = [], []
    for role, caption, heading, lines in statements:
        html, rows = table(caption, unit_head, lines)
        parts.append((f"<h2>{esc(heading)}</h2>\n" if heading else "") + html)
        tables.append({"role": role, "title": caption, "unit": unit, "columns": cols, "rows": rows})
    html = page(f"Budget {by}", muni,
        f"<h1>Budget {by} med plan för {span(plans)}</h1>\n<h2>Finansiella rapporter</h2>\n"
        "<p>Resultatbudgeten visar kommunens intäkter och kostnader. Noterna finns i bilagan.</p>\n"
        + "".join(parts), **s.get("footer", {}))
    truth = {
        "document": {"municipality": muni, "committee": None, "budget_year": by, "plan_years": plans},
        "tables": tables,
        "indicators": [],
        "comment": s.get("comment") or "Made for the tests (tools/markup/shapes.py) in the shape of real/02 and real/11: statements "
                   "with a Not column whose numbers are row notes, never amounts; kinds on one header line, years "
                   "on the next, 'Mnkr' in the first header cell; every sum row holds (the result budget's are "
                   "running sums).",
    }
    return html, truth


# --------------------------------------------------------------------------
# Held-out variants (--seed N): the same five shapes with other contents


NAMNDER = [
    "Kommunstyrelse", "Kommunstyrelsen", "Barn- och utbildningsnämnd", "Utbildningsnämnden", "Förskolenämnden",
    "Grundskolenämnden", "Gymnasie- och vuxenutbildningsnämnden", "Vård- och omsorgsnämnd",
    "Socialnämnd", "Socialnämnden", "Äldrenämnden", "Omsorgsnämnden för personer med funktionsnedsättning",
    "Kultur- och fritidsnämnd", "Kulturnämnden", "Fritidsnämnden", "Miljö- och byggnadsnämnd",
    "Samhällsbyggnadsnämnden", "Tekniska nämnden", "Bygg- och miljönämnden", "Arbetsmarknadsnämnden",
    "Överförmyndarnämnden", "Valnämnd", "Revision", "Kommunrevisionen", "Krisledningsnämnden",
    "Servicenämnden", "Miljö- och hälsoskyddsnämnden", "Gemensam nämnd för hjälpmedel och tolktjänst",
    "Kommunfullmäktige", "Räddningsnämnden",
    "Nämnden för arbetsmarknad, vuxenutbildning och integration i samverkan med grannkommunerna",
]

VERKSAMHETER = [
    "Politisk verksamhet", "Förskola", "Grundskola", "Gymnasieskola", "Vuxenutbildning", "Äldreomsorg",
    "Hemtjänst", "Särskilt boende", "Individ- och familjeomsorg", "Ekonomiskt bistånd",
    "Verksamhet för personer med funktionsnedsättning", "Kommunövergripande verksamhet", "Räddningstjänst",
    "Näringsliv och turism", "Gator och vägar", "Parker", "Bibliotek", "Kulturskola", "Fritidsgårdar",
    "Idrotts- och fritidsanläggningar", "Fysisk planering", "Miljöskydd", "Bostadsanpassning",
    "Färdtjänst", "Flyktingmottagande", "Arbetsmarknadsåtgärder", "Kollektivtrafik", "Fritidshem",
    "Elevhälsa", "Kost", "Lokalförsörjning", "Överförmyndarverksamhet", "IT",
    "Insatser enligt LSS och SoL för personer med funktionsnedsättning, inklusive personlig assistans",
    "Stöd till föreningslivet, studieförbund och samlingslokaler i kommunens alla tätorter",
]

RAMFORANDRINGAR = [
    "Beräknad pris- och löneökning", "Demografiuppräkning", "Årlig effektivisering", "Revisionsupphandling",
    "Löneöversyn", "Hyresökning", "Kapitaltjänst", "Nya lokaler", "Volymförändring", "Generell besparing",
    "Engångsanslag", "Avveckling av projekt", "Tillfälligt driftbidrag", "Pensionskostnader",
    "Internhyra", "Ökade kostnader för livsmedel", "Digitalisering", "Ny förskola", "Utökad hemtjänst",
    "Ersättning till förtroendevalda", "Samverkan mötesplats", "Medborgarbudget för byarna, tvåårigt projekt",
    "Ramjustering", "Ökat statsbidrag", "Minskat antal elever",
    "Omfördelning från kommunstyrelsen till nämnden för arbetsmarknad och integration enligt beslut",
    "Särskild satsning på trygghet och ordning i centrum och i kommunens ytterområden",
    "Kompensation för ökade kapitalkostnader för nya och ombyggda verksamhetslokaler",
]

PROJEKT = [
    "Konstgräsplan", "Biblioteket, ny entré", "Inventarier och utrustning", "Badhuset, energiåtgärder",
    "Ny förskola", "Ombyggnad av skolkök", "Gång- och cykelvägar", "Gatubelysning", "Lekplatser",
    "IT-investeringar", "Fordon", "Reinvestering gator", "Va-ledningar", "Ny brandstation", "Idrottshall",
    "Kulturhus", "Tillgänglighetsanpassning", "Solceller", "Laddinfrastruktur", "Parkupprustning",
    "Ridanläggning", "Skatepark", "Simhall, renovering", "Konstnärlig utsmyckning", "Mark för exploatering",
    "Ombyggnad av särskilt boende", "Inventarier till nytt äldreboende",
    "Renovering och tillgänglighetsanpassning av sporthallens omklädningsrum och entré",
    "Upprustning av allmänna platser, gång- och cykelvägar samt belysning i centrala delarna",
]

MONTHS = ["juni", "oktober", "november", "december"]


def muni_name(name):
    """'Höörs kommun' for Höör: the genitive and 'kommun', or as the place calls itself."""
    special = {"Gotland": "Region Gotland", "Stockholm": "Stockholms stad", "Göteborg": "Göteborgs Stad",
               "Malmö": "Malmö stad"}
    if name in special:
        return special[name]
    return name + ("" if name[-1] in "sxz" else "s") + " kommun"


def munis():
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "..", "..", "shared", "data", "municipalities.csv")
    if not os.path.exists(path):
        path = "/work/shared/data/municipalities.csv"
    with open(path, encoding="utf-8") as f:
        return [r["name"] for r in csv.DictReader(f)]


def amount(rng, digits):
    """An integer of 1..digits digits, small ones as likely as large ones."""
    d = rng.randint(1, digits)
    return rng.randint(10 ** (d - 1) if d > 1 else 1, 10 ** d - 1)


def series(rng, base, n, zero=0.0):
    """n values drifting from base year to year; a cell is 0 with probability zero."""
    out, v = [], base
    for _ in range(n):
        out.append(0 if rng.random() < zero else round(v))
        v = v * rng.uniform(0.94, 1.09)
    return out


def footer(rng, by):
    return {"postcode": f"{rng.randint(100, 984)} {rng.randint(10, 99)}",
            "updated": f"{by - 1}-{rng.randint(9, 12):02d}-{rng.randint(1, 28):02d}"}


def pick_unit(rng, mnkr_ok=True):
    """(printed unit, truth unit, decimals)."""
    tkr = [("(tkr)", "tkr"), ("Tkr", "tkr"), ("tkr", "tkr"), ("Belopp i tkr", "tkr")]
    mnkr = [("(mnkr)", "mnkr"), ("Mnkr", "mnkr"), ("mnkr", "mnkr"), ("Belopp i mnkr", "mnkr")]
    printed_unit, unit = rng.choice(tkr + mnkr if mnkr_ok else tkr)
    return printed_unit, unit, (rng.choice([1, 1, 2]) if unit == "mnkr" else 0)


def year_columns(rng, by, plans, outcome=True):
    cols = []
    if outcome:
        cols.append((rng.choice(["Bokslut", "Utfall"]), by - 2, "outcome"))
    cols.append(("Prognos", by - 1, "forecast") if rng.random() < 0.3 else ("Budget", by - 1, "budget"))
    cols.append(("Budget", by, "budget"))
    return cols + [("Plan", y, "plan") for y in plans]


def years(rng):
    by = rng.randint(2019, 2027)
    return by, [by + i for i in range(1, rng.randint(1, 3) + 1)]


def variant_comment(shape, seed):
    return (f"Held-out variant (tools/markup/shapes.py --seed {seed}) of {shape}: the fixed page's shape with "
            "drawn names, years, column counts, magnitudes and units; every sum computed.")


def vary_r1(rng, muni, seed):
    by, plans = years(rng)
    cols = year_columns(rng, by, plans, outcome=rng.random() < 0.8)
    unit_head, unit, dec = pick_unit(rng)
    digits = 7 if unit == "tkr" else 4 + dec
    blocks = []
    for name in rng.sample(NAMNDER, rng.randint(2, 6)):
        lines = []
        for label in rng.sample(VERKSAMHETER, rng.choice([1, 1, 2, 3, 4, 5])):
            vals = series(rng, amount(rng, digits), len(cols), zero=0.05)
            if rng.random() < 0.1:
                vals = [-v for v in vals]
            lines.append((label, vals))
        blocks.append((name, lines))
    return {"muni": muni, "years": cols, "blocks": blocks, "dec": dec, "unit": (unit_head, unit),
            "budget_year": by, "plan_years": plans, "decided": f"{rng.randint(1, 28)} {rng.choice(MONTHS)}",
            "sum_label": rng.choice(["Summa", "Summa", "Summa nämnd"]),
            "total_label": rng.choice(["Summa nämnder", "Totalt", "Summa nettokostnad", "Summa driftbudget"]),
            "footer": footer(rng, by), "comment": variant_comment("r1", seed)}


def change_label(rng, by):
    label = rng.choice(RAMFORANDRINGAR)
    if rng.random() < 0.25:
        label = f"{rng.choice(['KF', 'KS'])} {(by - 1) % 100:02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d} {label}"
    return label


def vary_r2(rng, muni, seed):
    by, plans = years(rng)
    n = 1 + len(plans)
    committees = []
    for name in rng.sample(NAMNDER, rng.randint(1, 4)):
        frame = amount(rng, 7)
        changes, seen = [], set()
        for _ in range(rng.randint(1, 5)):
            label = change_label(rng, by)
            if label in seen:
                continue
            seen.add(label)
            vals = [None if rng.random() < 0.2 else amount(rng, min(5, len(str(frame))))
                    * (-1 if rng.random() < 0.35 else 1) for _ in range(n)]
            if all(v is None for v in vals):
                vals[0] = amount(rng, 3)
            changes.append((label, vals))
        committees.append((name, frame, changes))
    return {"muni": muni, "budget_year": by, "plan_years": plans, "committees": committees,
            "unit_suffix": rng.choice([" (tkr)", " (Tkr)", ", tkr", ", belopp i tkr"]),
            "footer": footer(rng, by), "comment": variant_comment("r2", seed)}


def r3_line(rng, digits):
    cost = amount(rng, digits)
    costs = [-cost, -round(cost * rng.uniform(0.95, 1.1))]
    revs = [0 if rng.random() < 0.08 else round(cost * rng.uniform(0.0, 0.4)) for _ in range(2)]
    budget = round((revs[1] + costs[1]) * rng.uniform(0.9, 1.08))
    return [revs[0], revs[1], costs[0], costs[1]], budget


def vary_r3(rng, muni, seed):
    y = rng.randint(2019, 2027)
    unit_head, unit, dec = pick_unit(rng)
    digits = 7 if unit == "tkr" else 4 + dec
    names = rng.sample(NAMNDER, 7)
    blocks = []
    for name in names[:rng.randint(1, 4)]:
        blocks.append((name, [(label, *r3_line(rng, digits))
                              for label in rng.sample(VERKSAMHETER, rng.randint(1, 4))]))
    singles = [(name, *r3_line(rng, digits)) for name in names[len(blocks):len(blocks) + rng.randint(0, 3)]]
    return {"muni": muni, "year": y, "dec": dec, "unit": (unit_head, unit), "blocks": blocks, "singles": singles,
            "net_word": rng.choice(["Nettokostnad", "Netto", "Nettokostnad utfall"]),
            "dev_words": rng.choice(["Avvikelse mot budget", "Budgetavvikelse", "Avvikelse"]),
            "caption": rng.choice(["Driftredovisning per nämnd", "Driftredovisning", "Nämndernas driftredovisning"]),
            "total_label": rng.choice(["Totalt", "Summa nämnder", "Summa"]),
            "footer": footer(rng, y), "comment": variant_comment("r3", seed)}


def vary_r4(rng, muni, seed):
    by, plans = years(rng)
    committee = rng.choice([n for n in NAMNDER if "nämnd" in n.lower()])
    cost = amount(rng, 6) + 1000
    frames = []
    for _ in range(2 + len(plans)):
        rev = round(cost * rng.uniform(0.02, 0.35))
        frames.append([rev, -cost, cost - rev])
        cost = round(cost * rng.uniform(0.97, 1.08))
    inv = series(rng, amount(rng, 5) + 100, 2 + len(plans))
    projects = []
    for label in rng.sample(PROJEKT, rng.randint(1, 8)):
        vals = [None if rng.random() < 0.1 else 0 if rng.random() < 0.2 else amount(rng, 6)
                for _ in range(1 + len(plans))]
        projects.append((label, vals))
    area = f"0{rng.randint(10, 980)}"
    return {"muni": muni, "committee": committee, "budget_year": by, "plan_years": plans, "frames": frames,
            "inv_frame": inv, "projects": projects, "area_code": area,
            "pct_head": rng.choice(["Förändring %", "Förändring %", "Förändring i %"]),
            "unit_suffix": rng.choice([" (tkr)", " (Tkr)", ", tkr", ", belopp i tkr"]),
            "inv_title": rng.choice(["Investeringsbudget (tkr)", "Investeringsbudget, tkr", "Investeringar (Tkr)"]),
            "inv_sum": rng.choice(["Summa investeringar", "Summa", "Totalt"]),
            "intro": f"<p>{esc(committee)} svarar för verksamheten i {esc(muni)}.</p>\n",
            "footer": footer(rng, by), "comment": variant_comment("r4", seed)}


def vary_r5(rng, muni, seed):
    by, plans = years(rng)
    kinds = year_columns(rng, by, plans)
    n = len(kinds)
    unit_head, unit, dec = pick_unit(rng)
    # the municipality's tax revenue sets every magnitude
    tax = rng.randint(200, 40000) * (1000 if unit == "tkr" else 10 ** dec)
    note = [0]

    def line(label, share, sign=1, noted=0.7):
        base = max(1, round(tax * share * rng.uniform(0.7, 1.3)))
        vals = [sign * v for v in series(rng, base, n)]
        num = None
        if rng.random() < noted:
            note[0] += 1
            num = str(note[0])
        return (label, num, vals, "memo")

    def some(pool, lo, hi):
        k = rng.randint(lo, min(hi, len(pool)))
        keep = sorted(rng.sample(range(len(pool)), k))
        return [line(*pool[i]) for i in keep]

    income = some([("Verksamhetens intäkter", 0.25), ("Verksamhetens kostnader", 1.2, -1),
                   ("Avskrivningar", 0.05, -1), ("Jämförelsestörande poster", 0.01, -1)], 2, 4)
    income.append(("Verksamhetens nettokostnader", None, None, "subtotal"))
    income += some([("Skatteintäkter", 0.75), ("Generella statsbidrag och utjämning", 0.25),
                    ("Kommunal fastighetsavgift", 0.03)], 1, 3)
    financial = some([("Finansiella intäkter", 0.005), ("Finansiella kostnader", 0.01, -1)], 0, 2)
    if financial:
        income += [("Verksamhetens resultat", None, None, "subtotal")] + financial
    income.append(("Årets resultat", None, None, "total"))
    assets = some([("Immateriella anläggningstillgångar", 0.01), ("Mark, byggnader och tekniska anläggningar", 1.1),
                   ("Maskiner och inventarier", 0.1), ("Finansiella anläggningstillgångar", 0.08),
                   ("Förråd och exploateringsfastigheter", 0.03), ("Fordringar", 0.12),
                   ("Kassa och bank", 0.06)], 2, 5)
    balance = assets + [("Summa tillgångar", None, SECTION if rng.random() < 0.5 else None, "total")]
    if rng.random() < 0.5 and len(assets) < 6:
        # the other side, its last line making the sheet balance
        total = col_sum([v for _, _, v, _ in assets])
        pool = [("Eget kapital", 0.45), ("Avsättningar för pensioner", 0.05), ("Långfristiga skulder", 0.3)]
        debts = []
        for i in sorted(rng.sample(range(3), rng.randint(1, min(3, 7 - len(assets))))):
            label, share = pool[i]
            f = share * rng.uniform(0.7, 1.1)
            num = None
            if rng.random() < 0.7:
                note[0] += 1
                num = str(note[0])
            debts.append((label, num, [round(t * f * rng.uniform(0.97, 1.03)) for t in total], "memo"))
        rest = [t - sum(d[2][i] for d in debts) for i, t in enumerate(total)]
        debts.append(("Kortfristiga skulder", None, rest, "memo"))
        balance = assets + [("Summa tillgångar", None, SECTION, "subtotal")] + debts + [
            ("Summa eget kapital, avsättningar och skulder", None, SECTION, "total")]
    cash = some([("Kassaflöde från den löpande verksamheten", 0.1), ("Kassaflöde från investeringsverksamheten", 0.1, -1),
                 ("Kassaflöde från finansieringsverksamheten", 0.02, rng.choice([-1, 1]))], 2, 3)
    cash.append(("Årets kassaflöde", None, None, "total"))
    if rng.random() < 0.4:
        cash[-1] = ("Årets kassaflöde", None, None, "subtotal")
        cash += [line("Likvida medel vid årets början", 0.05, noted=0.3),
                 ("Likvida medel vid årets slut", None, None, "total")]
    cash_caption = rng.choice(["Kassaflödesbudget", "Finansieringsbudget", "Kassaflödesanalys"])
    return {"muni": muni, "kinds": kinds, "budget_year": by, "plan_years": plans, "dec": dec,
            "unit": (unit_head, unit),
            "statements": [("income_statement", rng.choice(["Resultatbudget", "Resultaträkning"]), None, income),
                           ("balance_sheet", rng.choice(["Balansbudget", "Balansräkning"]), "Balansbudget", balance),
                           ("cash_flow", cash_caption, rng.choice(["Kassaflöde", cash_caption]), cash)],
            "footer": footer(rng, by), "comment": variant_comment("r5", seed)}


VARIANTS = {"r1-driftbudget-per-namnd": vary_r1, "r2-ramforandringar": vary_r2, "r3-driftredovisning": vary_r3,
            "r4-namndsida": vary_r4, "r5-resultatbudget": vary_r5}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="where the pages go (fixtures/html)")
    ap.add_argument("--truth", required=True, help="where their expected facts go (fixtures/truth/html)")
    ap.add_argument("--seed", type=int, action="append",
                    help="write held-out variants NAME.sN.html drawn with random.Random(N) instead of the fixed "
                         "pages (repeatable)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    os.makedirs(args.truth, exist_ok=True)
    shapes = (("r1-driftbudget-per-namnd", r1), ("r2-ramforandringar", r2),
              ("r3-driftredovisning", r3), ("r4-namndsida", r4), ("r5-resultatbudget", r5))
    jobs = []
    if args.seed:
        names = munis()
        for seed in args.seed:
            rng = random.Random(seed)
            for name, make in shapes:
                spec = VARIANTS[name](rng, muni_name(rng.choice(names)), seed)
                jobs.append((f"{name}.s{seed}", make, spec))
    else:
        jobs = [(name, make, None) for name, make in shapes]
    for name, make, spec in jobs:
        html, truth = make(spec)
        with open(os.path.join(args.out, name + ".html"), "w", encoding="utf-8") as f:
            f.write(html)
        with open(os.path.join(args.truth, name + ".truth.json"), "w", encoding="utf-8") as f:
            json.dump(truth, f, ensure_ascii=False, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
