#!/usr/bin/env python3
"""Writes three consecutive internbudgets of one invented committee
(Socialnämnden, Gävle kommun, 2019, 2020 and 2021) as tab-separated text
exports, for the diff tests. Every table adds up (line items to the total,
revenue plus cost to the total, frame plus adjustments to the total).

What happens from year to year, on purpose:
- "Heltidsaktivering" (12 000 in plan years) and "Ofördelad kostnadsdämpande
  åtgärd år 2021" (-4 281) are in the 2019 and 2020 budgets and gone in 2021;
- "Flytt av trygghetslarm" is a change row under "Särskilt boende" in 2020
  and under "Hemtjänst" in 2021 (a move);
- "Individ- och familjeomsorg" is renamed "Individ- och familjeomsorgen"
  in 2020; "Missbruksvård" is dropped and "Beroendevård" added in 2021;
- revenue ("varav intäkter") grows from -14 870 to -53 460 between the
  2020 and 2021 budgets;
- 2020 reprints an earlier decision ("Socialnämndens internbudget
  2019-10-24 § 138") and 2021 has a summary table "Ekonomi" with the same
  lines: titles that hardly match, never paired;
- indicators: a value printed in one year only, a footnote digit before the
  final period, a reworded indicator with the same 2018 outcome, targets
  with comparators.

Run: python3 make_committee.py (writes sn-2019.txt, sn-2020.txt,
sn-2021.txt beside itself).
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

ITEMS = [
    ("Nämnden", 2100),
    ("Förvaltningsledning", 18400),
    ("Individ- och familjeomsorg", 61200),
    ("Ekonomiskt bistånd", 211600),
    ("Missbruksvård", 23400),
    ("Barn och unga", 48800),
    ("Familjehem", 31200),
    ("Hemtjänst", 96400),
    ("Särskilt boende", 188300),
    ("Korttidsboende", 21700),
    ("Dagverksamhet", 9800),
    ("Hemsjukvård", 44100),
    ("Rehabilitering", 17600),
    ("Bostadsanpassning", 12300),
    ("LSS boende", 121500),
    ("Daglig verksamhet", 38900),
    ("Personlig assistans", 52700),
    ("Kontaktperson", 4300),
    ("Avlösarservice", 2600),
    ("Färdtjänst", 15800),
    ("Flyktingmottagande", 6900),
    ("Arbetsmarknadsinsatser", 27400),
    ("Kvalitet och utveckling", 7300),
    ("IT och digitalisering", 11900),
    ("Lokaler", 26100),
]


def label(name, doc):
    if name == "Individ- och familjeomsorg" and doc >= 2020:
        return "Individ- och familjeomsorgen"
    return name


def amount(base, fiscal, doc, i):
    # Grows 3 % a year from 2017; later documents revise by a few per mille.
    v = base * (1 + 0.03 * (fiscal - 2017)) + (doc - 2019) * (i % 5 - 2) * base * 0.004
    return int(round(v))


def fmt(v):
    if v is None:
        return ""
    s = f"{abs(v):,}".replace(",", " ")
    return ("- " if v < 0 else "") + s


def columns(doc):
    return [("Bokslut", doc - 2), ("Budget", doc - 1), ("Budget", doc),
            ("Plan", doc + 1), ("Plan", doc + 2)]


def rows(doc):
    """(label, kind, values by fiscal year) of the driftsammandrag."""
    years = [y for _, y in columns(doc)]
    out = []
    for i, (name, base) in enumerate(ITEMS):
        if name == "Missbruksvård" and doc >= 2021:
            continue
        out.append((label(name, doc), "item", {y: amount(base, y, doc, i) for y in years}))
        if name == "Särskilt boende" and doc == 2020:
            out.append(("Flytt av trygghetslarm", "change", {doc: -3200, doc + 1: -3200, doc + 2: -3200}))
        if name == "Hemtjänst" and doc == 2021:
            out.append(("Flytt av trygghetslarm", "change", {doc: 3200, doc + 1: 3200, doc + 2: 3200}))
        if name == "Ekonomiskt bistånd":
            out.append(("Volymökning ekonomiskt bistånd", "change", {doc: 4000 + 500 * (doc - 2019)}))
    if doc >= 2021:
        out.append(("Beroendevård", "item", {y: amount(25100, y, doc, 7) for y in years if y >= 2020}))
    if doc <= 2020:
        out.append(("Heltidsaktivering", "item", {y: 12000 for y in years if y > doc}))
        out.append(("Ofördelad kostnadsdämpande åtgärd år 2021", "item", {2021: -4281}))
    out.append(("Ofördelad pris- och lönejustering", "item", {doc + 1: 512 * (doc - 2017), doc + 2: 1024 * (doc - 2017)}))
    return out, years


def revenue(doc, y):
    if doc == 2021 and y >= 2021:
        return -53460
    if y >= 2020 and doc == 2020:
        return -14870
    return -14000 - 100 * (y - 2017)


def driftsammandrag(doc):
    rs, years = rows(doc)
    total = {y: sum(v.get(y, 0) for _, k, v in rs if k == "item") for y in years}
    lines = ["Driftsammandrag", "",
             "Nettokostnad\t" + "\t".join(k for k, _ in columns(doc)),
             "Belopp tkr\t" + "\t".join(str(y) for y in years)]
    change_open = False
    for name, kind, vals in rs:
        if kind == "change" and not change_open:
            lines.append("<i>Specifikation av förändringar</i>" + "\t" * len(years))
            change_open = True
        if kind == "item":
            change_open = False
        lines.append(name + "\t" + "\t".join(fmt(vals.get(y)) for y in years) + "\t")
    lines.append("Nämndens nettokostnad\t" + "\t".join(fmt(total[y]) for y in years) + "\t")
    rev = {y: revenue(doc, y) for y in years}
    lines.append("<i>varav intäkter</i>\t" + "\t".join(f"<i>{fmt(rev[y])}</i>" for y in years) + "\t")
    lines.append("<i>varav kostnader</i>\t" + "\t".join(f"<i>{fmt(total[y] - rev[y])}</i>" for y in years) + "\t")
    comp = 1500 + 100 * (doc - 2019)
    frame_years = years[2:]
    pad = "\t\t\t"
    lines.append(f"Budgetram enligt beslut i KF den 20 juni {doc - 1}{pad}" + "\t".join(fmt(total[y] - comp) for y in frame_years) + "\t")
    lines.append(f"Kompensation för ökade pensionskostnader{pad}" + "\t".join(fmt(comp) for _ in frame_years) + "\t")
    lines.append(f"Budgetram efter justeringar{pad}" + "\t".join(fmt(total[y]) for y in frame_years) + "\t")
    return lines


def small_table(title, doc, names):
    rs, years = rows(doc)
    own = [y for y in years if y >= doc]
    keep = [(n, v) for n, k, v in rs if n in names]
    total = {y: sum(v.get(y, 0) for _, v in keep) for y in own}
    lines = [title, "",
             "Nettokostnad\t" + "\t".join("Budget" if y == doc else "Plan" for y in own),
             "Belopp tkr\t" + "\t".join(str(y) for y in own)]
    for n, v in keep:
        lines.append(n + "\t" + "\t".join(fmt(v.get(y)) for y in own) + "\t")
    lines.append("Summa\t" + "\t".join(fmt(total[y]) for y in own) + "\t")
    return lines


INDICATORS = {
    2019: {
        "head": ["2017", "2018", "Målvärde 2019", "Målvärde 2020"],
        "rows": [
            ("Medborgare", "Fler invånare ska bli självförsörjande genom arbete eller studier.", "Antal hushåll med försörjningsstöd i snitt per månad.", ["2996", "3130", "2800", "2700"]),
            ("", "", "Antalet deltagare som går vidare till arbete eller studier per miljon kronor*", ["41", "44", "≥ 45", "≥ 46"]),
            ("", "Brukarna ska få ett gott bemötande och ett stöd med hög kvalitet.", "Andel nöjda brukare i hemtjänsten, %", ["88", "86", "≥ 90", "≥ 90"]),
            ("Medarbetare", "Goda arbetsplatser Varje medarbetare känner arbetsglädje och har inflytande.", "Total sjukfrånvaro, %", ["7,1", "6,9", "6,5", "6,0"]),
            ("", "", "Andel heltidsanställningar, %", ["81,2", "83,0", "Ska öka", "Ska öka"]),
        ],
    },
    2020: {
        "head": ["2018", "2019", "Målvärde 2020", "Målvärde 2021"],
        "rows": [
            ("Medborgare", "Fler invånare ska bli självförsörjande genom arbete eller studier.", "Antal hushåll med ekonomiskt bistånd i snitt per månad.", ["3130", "3128", "3000", "2900"]),
            ("", "", "Antalet deltagare som går vidare till arbete eller studier per miljon kronor10.", ["44", "47", "≥ 46", "≥ 48"]),
            ("", "Brukarna ska få ett gott bemötande och ett stöd med hög kvalitet.", "Andel nöjda brukare i hemtjänsten, %", ["86", "91", "≥ 90", "≥ 92"]),
            ("Medarbetare", "Goda arbetsplatser Varje medarbetare känner arbetsglädje och har inflytande.", "Total sjukfrånvaro, %", ["6,9", "", "6,0", "5,5"]),
            ("", "", "Andel heltidsanställningar, %", ["83,0", "84,6", "Ska öka", "Ska öka"]),
        ],
    },
    2021: {
        "head": ["2019", "2020 (aug)", "Målvärde 2021", "Målvärde 2022"],
        "rows": [
            ("Medborgare", "Fler invånare ska bli självförsörjande genom arbete eller studier.", "Antal hushåll med ekonomiskt bistånd i snitt per månad.", ["3128", "3310", "3200", "3100"]),
            ("", "", "Antalet deltagare som går vidare till arbete eller studier per miljon kronor", ["47", "39", "≥ 48", "≥ 50"]),
            ("", "Brukarna ska få ett gott bemötande och ett stöd med hög kvalitet.", "Andel nöjda brukare i hemtjänsten, %", ["91", "", "≥ 92", "≥ 92"]),
            ("Medarbetare", "Goda arbetsplatser Varje medarbetare känner arbetsglädje och har inflytande.", "Total sjukfrånvaro, %", ["6,4", "5,9", "5,5", "5,2"]),
            ("", "", "Andel heltidsanställningar, %", ["84,6", "86,1", "Ska öka", "Ska öka"]),
        ],
    },
}


def indicators(doc):
    spec = INDICATORS[doc]
    lines = ["Mål och inriktning", "",
             f"I tabellerna nedan redovisas nämndens mål och indikatorer för {doc}–{doc + 1}.", "",
             "Målområde\tNämndmål\tNämndindikator\t" + "\t".join(spec["head"])]
    for area, goal, text, vals in spec["rows"]:
        lines.append("\t".join([area, goal, text] + vals) + "\t")
    return lines


def document(doc):
    lines = ["", "Gävle kommun", "",
             f"Internbudget {doc} med plan för {doc + 1}-{doc + 2}", "",
             "Socialnämnden", "",
             f"Beslutad av socialnämnden {doc - 1}-11-20, § 101", "",
             "Ekonomi", "",
             "Nämndens budget bygger på kommunfullmäktiges beslut om ramar.", ""]
    lines += driftsammandrag(doc)
    lines += ["", "Kommentar till driftsammandraget", "",
              "Förändringarna mot föregående år redovisas per verksamhet.", ""]
    if doc == 2020:
        lines += small_table("Socialnämndens internbudget 2019-10-24 § 138", 2019,
                             ["Nämnden", "Förvaltningsledning", "Hemtjänst"])
        lines += [""]
    if doc == 2021:
        lines += small_table("Ekonomi", 2021, ["Nämnden", "Förvaltningsledning", "Hemtjänst"])
        lines += [""]
    lines += indicators(doc)
    lines += ["", "Internkontroll", "",
              "Nämnden följer upp verksamheten enligt en årlig plan.", ""]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    for doc in (2019, 2020, 2021):
        with open(os.path.join(HERE, f"sn-{doc}.txt"), "w", encoding="utf-8") as f:
            f.write(document(doc))
