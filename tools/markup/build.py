#!/usr/bin/env python3
"""Rebuilds a budget PDF printed from a Word document as that Word document
(DOCX) and as a web page (HTML), for the tests of the DOCX and HTML readers.

    python3 tools/markup/build.py PDF --docx OUT.docx --html OUT.html [--dump]

Needs pdfplumber and python-docx (`pip install pdfplumber python-docx`).

What is read from the PDF (pdfplumber):
  - tables, found by their ruling lines, with their grid: every cell's rows
    and columns, so merged cells (vertical and horizontal) come back as
    merged cells;
  - cell text line by line, where a line ends because the next word did not
    fit (a wrap: joined by a space, or without one inside a word broken at
    the cell's edge or after a hyphen) or because the author broke it (a
    new paragraph in the cell);
  - the text outside tables: running headers and footers dropped (small
    print in the top and bottom margins), lines joined into paragraphs where
    the previous line ran to the right margin, headings told by their size,
    bullets by their glyph;
  - a table that ends a page and one that starts the next with the same
    columns are one table: a repeated header row is dropped (and becomes a
    repeated header row of the Word table), and an empty cell at the top of
    the continuation under a cell of the last row is that cell merged on
    over the page break;
  - the title, author and subject of the PDF's metadata.

What is written: a DOCX (python-docx: headings, paragraphs, list items,
tables with gridSpan/vMerge merges made by cell.merge, bold and italic cells,
repeated header rows, landscape sections where the PDF has landscape pages;
the ZIP entries with a fixed date, so a rebuild is byte-identical) and an
HTML page (h1-h3, p, ul/li, tables with thead, th, colspan and rowspan,
digit groups in table cells as &nbsp;).
"""
import argparse
import copy
import html as htmlmod
import io
import re
import sys
import zipfile

import pdfplumber
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

BULLETS = ("\uf0b7", "•", "\u25cf", "\u25aa")

# The words of the document's running text, lowercased (see cell_paragraphs).
VOCABULARY = set()


def bare(word):
    return re.sub(r"[^\w]", "", word).lower()


# --------------------------------------------------------------------------
# Reading the PDF


def lines_of(words, tol=2.0):
    """Groups pdfplumber words into lines by their top edge."""
    lines = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        for ln in lines:
            if abs(ln["top"] - w["top"]) <= tol:
                ln["words"].append(w)
                break
        else:
            lines.append({"top": w["top"], "words": [w]})
    for ln in lines:
        ln["words"].sort(key=lambda w: w["x0"])
        ws = ln["words"]
        ln["x0"] = ws[0]["x0"]
        ln["x1"] = ws[-1]["x1"]
        ln["bottom"] = max(w["bottom"] for w in ws)
        ln["size"] = max(w["size"] for w in ws)
        ln["bold"] = all("Bold" in w["fontname"] for w in ws)
        ln["italic"] = all(("Italic" in w["fontname"] or "Oblique" in w["fontname"]) for w in ws)
        ln["text"] = join_words(ws)
    lines.sort(key=lambda ln: ln["top"])
    return lines


def join_words(ws):
    """Words of one line joined: a small superscript right after a word (a
    footnote mark) stays attached, as printed."""
    out = ""
    prev = None
    for w in ws:
        if prev is not None:
            gap = w["x0"] - prev["x1"]
            out += "" if gap < 0.8 else " "
        out += w["text"]
        prev = w
    return out


def space_width(line):
    return 0.28 * line["size"]


def word_width(w):
    return w["x1"] - w["x0"]


def cell_paragraphs(lines, width, chars):
    """The paragraphs of a cell's lines: a line that ended with room left
    for the next line's first word was ended by its author (whatever the
    alignment: the room is the cell's inner width less the line's)."""
    paras = []
    cur = None
    for i, ln in enumerate(lines):
        if cur is None:
            cur = ln["text"]
            continue
        prev = lines[i - 1]
        first = ln["words"][0]
        room = width - (prev["x1"] - prev["x0"])
        wrapped = room < space_width(prev) + word_width(first) + 0.5
        if not wrapped:
            paras.append(cur)
            cur = ln["text"]
            continue
        # A word is broken inside only when not even its next character
        # fitted on the line it started on, and then only when the piece
        # after the break is no word the document uses on its own
        # ("Nettoutgift" / "förslag" is two words, "(tillgänglig" / "het)"
        # one).
        last = prev["words"][-1]["text"]
        short = len(bare(first["text"])) <= 2
        # "(bemötan" / "de)": a parenthesised word broken in two.
        paren = last.startswith("(") and ")" not in last and first["text"].endswith(")") and "(" not in first["text"]
        broken_word = (
            len(prev["words"]) == 1
            and room < first_char_width(first, chars) + 0.3
            and first["text"][:1].islower()
            and (paren or (bare(first["text"]) not in VOCABULARY and (bare(last) not in VOCABULARY or short)))
        )
        cur += ("" if broken_word or glued(last, first["text"]) else " ") + ln["text"]
    if cur is not None:
        paras.append(cur)
    return paras


def glued(last, first):
    """A line break after a hyphen that joins without a space: inside a word
    ("arbetsmarknads-" / "nämnden", but not "Arbetsmarknads-" / "och") or
    a range of numbers ("2019-" / "2022")."""
    if not last.endswith("-") or len(last) < 2:
        return False
    before = last[-2]
    if before.isdigit() and first[:1].isdigit():
        return True
    conjunction = first in ("och", "eller", "samt", "respektive", "som", "till")
    return before.isalpha() and first[:1].islower() and not conjunction


def first_char_width(word, chars):
    for ch in chars:
        if abs(ch["x0"] - word["x0"]) < 0.05 and abs(ch["top"] - word["top"]) < 1:
            return ch["x1"] - ch["x0"]
    return word_width(word) / max(len(word["text"]), 1)


def grid_of(table):
    """The table's grid: column and row boundaries, and per cell its row,
    column, spans and bounding box."""
    xs = sorted({round(c[0], 0) for c in table.cells} | {round(c[2], 0) for c in table.cells})
    ys = sorted({round(c[1], 0) for c in table.cells} | {round(c[3], 0) for c in table.cells})

    def index(vals, v):
        return min(range(len(vals)), key=lambda i: abs(vals[i] - v))

    cells = []
    for c in table.cells:
        c0, c1 = index(xs, c[0]), index(xs, c[2])
        r0, r1 = index(ys, c[1]), index(ys, c[3])
        if c1 <= c0 or r1 <= r0:
            continue
        cells.append({"row": r0, "col": c0, "rowspan": r1 - r0, "colspan": c1 - c0, "bbox": c})
    return xs, ys, cells


def read_table(page, table):
    xs, ys, cells = grid_of(table)
    rows = [[] for _ in range(len(ys) - 1)]
    for c in cells:
        crop = page.within_bbox(c["bbox"], strict=False)
        words = crop.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False)
        c["lines"] = lines_of(words)
        c["chars"] = crop.chars
    # The cell margins of the table: the least room left of any line (a
    # left-aligned cell's) and right of any line (a right-aligned one's).
    def margin(side):
        gaps = [side(c["bbox"], ln) for c in cells for ln in c["lines"]]
        return min(max(min(gaps, default=2.0), 0.5), 8.0)

    left = margin(lambda b, ln: ln["x0"] - b[0])
    right = margin(lambda b, ln: b[2] - ln["x1"])
    for c in cells:
        lns = c.pop("lines")
        x0, _, x1, _ = c["bbox"]
        c["paras"] = cell_paragraphs(lns, (x1 - x0) - left - right, c.pop("chars"))
        c["bold"] = bool(lns) and all(ln["bold"] for ln in lns)
        c["italic"] = bool(lns) and all(ln["italic"] for ln in lns)
        rows[c["row"]].append(c)
    for r in rows:
        r.sort(key=lambda c: c["col"])
    return {
        "kind": "table",
        "cols": len(xs) - 1,
        "xs": xs,
        "rows": rows,
        "bbox": table.bbox,
        "header_rows": 0,
    }


def body_lines(page, tables):
    """Lines outside tables and outside the running header and footer."""
    def outside(obj):
        for t in tables:
            x0, top, x1, bottom = t.bbox
            if obj["x0"] >= x0 - 1 and obj["x1"] <= x1 + 1 and obj["top"] >= top - 1 and obj["bottom"] <= bottom + 1:
                return False
        return True

    words = page.filter(outside).extract_words(extra_attrs=["fontname", "size"])
    lns = lines_of(words)
    h = page.height
    return [ln for ln in lns if not (ln["size"] <= 8.5 and (ln["bottom"] < 50 or ln["top"] > h - 50))]


def heading_level(ln, body_size):
    if ln["size"] >= body_size + 5:
        return 1
    if ln["size"] >= body_size + 2:
        return 2
    return 0


def paragraphs(lines, right, body_size):
    """Blocks of the text lines of one page: headings, list items and
    paragraphs (lines joined where the previous line ran to the margin)."""
    out = []
    for i, ln in enumerate(lines):
        level = heading_level(ln, body_size)
        text = ln["text"]
        bullet = text[:1] in BULLETS
        if bullet:
            text = text[1:].strip()
        prev = lines[i - 1] if i else None
        cont = (
            out
            and prev is not None
            and not bullet
            and heading_level(prev, body_size) == level
            and prev["bold"] == ln["bold"]
            and ((out[-1]["kind"] in ("p", "li") and level == 0) or (out[-1]["kind"] == "h" and level > 0))
            and ln["top"] - prev["bottom"] < 0.8 * ln["size"]
            and right - prev["x1"] < space_width(prev) + word_width(ln["words"][0]) + 0.5
        )
        if cont:
            sep = "" if glued(prev["words"][-1]["text"], ln["words"][0]["text"]) else " "
            out[-1]["text"] += sep + text
        elif level:
            out.append({"kind": "h", "level": level, "text": text})
        else:
            out.append({"kind": "li" if bullet else "p", "text": text, "bold": ln["bold"]})
    return out


def read_pdf(path):
    doc = {"meta": {}, "pages": []}
    with pdfplumber.open(path) as pdf:
        # The running text's words: a fragment of a word broken in a
        # narrow cell is none of them.
        for page in pdf.pages:
            tables = page.find_tables()
            VOCABULARY.update(bare(w["text"]) for ln in body_lines(page, tables) for w in ln["words"])
        info = pdf.metadata or {}
        doc["meta"] = {k: info.get(k) for k in ("Title", "Author", "Subject")}
        all_sizes = []
        for page in pdf.pages:
            all_sizes += [round(c["size"]) for c in page.chars]
        body_size = max(set(all_sizes), key=all_sizes.count) if all_sizes else 10
        # The right edge of the text area, per page orientation: the widest
        # line or table.
        found = []
        for page in pdf.pages:
            tables = page.find_tables()
            lines = body_lines(page, tables)
            found.append((page, tables, lines))
        rights = {}
        for page, tables, lines in found:
            key = page.width > page.height
            edge = max([ln["x1"] for ln in lines] + [t.bbox[2] for t in tables], default=page.width)
            rights[key] = max(rights.get(key, 0), edge)
        for page, tables, lines in found:
            blocks = []
            right = rights[page.width > page.height]
            items = [(ln["top"], "line", ln) for ln in lines]
            items += [(t.bbox[1], "table", t) for t in tables]
            items.sort(key=lambda it: it[0])
            run = []
            for _, kind, obj in items:
                if kind == "line":
                    run.append(obj)
                    continue
                blocks += paragraphs(run, right, body_size)
                run = []
                blocks.append(read_table(page, obj))
            blocks += paragraphs(run, right, body_size)
            doc["pages"].append({"landscape": page.width > page.height, "blocks": blocks})
    return doc


def row_texts(row):
    return [(c["col"], " ".join(c["paras"])) for c in row]


def join_pages(doc):
    """One list of blocks, tables continued over page breaks joined."""
    out = []
    for pi, page in enumerate(doc["pages"]):
        for bi, b in enumerate(page["blocks"]):
            b["landscape"] = page["landscape"]
            prev = out[-1] if out else None
            if (
                bi == 0
                and b["kind"] == "table"
                and prev is not None
                and prev["kind"] == "table"
                and prev["cols"] == b["cols"]
                and all(abs(a - c) <= 2 for a, c in zip(prev["xs"], b["xs"]))
            ):
                continue_table(prev, b)
                continue
            out.append(b)
    return out


def continue_table(t, cont):
    rows = cont["rows"]
    # A repeated header: the continuation starts with the table's first rows.
    n = 0
    while n < len(rows) and n < len(t["rows"]) and row_texts(rows[n]) == row_texts(t["rows"][n]):
        n += 1
    if n:
        t["header_rows"] = max(t["header_rows"], n)
        rows = rows[n:]
    # Empty cells at the top of the continuation under a cell of the last
    # row: that cell, merged on over the page break.
    base = len(t["rows"])
    if rows:
        top = rows[0]
        for c in list(top):
            if c["paras"]:
                continue
            above = owner(t, base - 1, c["col"])
            if above is not None and above["colspan"] == c["colspan"]:
                above["rowspan"] += c["rowspan"]
                top.remove(c)
    for r in rows:
        for c in r:
            c["row"] += base - n
    t["rows"] += rows


def owner(t, row, col):
    """The cell of table t covering (row, col)."""
    for r in t["rows"]:
        for c in r:
            if c["col"] <= col < c["col"] + c["colspan"] and c["row"] <= row < c["row"] + c["rowspan"]:
                return c
    return None


def mark_headers(blocks):
    """Tables that were not continued: their header is the rows down to the
    first one holding two or more years."""
    for b in blocks:
        if b["kind"] != "table" or b["header_rows"]:
            continue
        for i, r in enumerate(b["rows"][:3]):
            years = sum(1 for _, t in row_texts(r) if re.search(r"\b(19|20)\d\d\b", t))
            if years >= 2:
                b["header_rows"] = i + 1
                break


# --------------------------------------------------------------------------
# Writing DOCX


def set_repeat_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def write_cell(cell, c):
    cell.text = ""
    first = True
    for para in c["paras"] or [""]:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        run = p.add_run(para)
        run.bold = c["bold"] or None
        run.italic = c["italic"] or None


def new_section(d, landscape):
    sec = d.sections[-1]
    want = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    if sec.orientation == want:
        return
    sec = d.add_section(WD_SECTION.NEW_PAGE)
    w, h = sec.page_width, sec.page_height
    if (w > h) != landscape:
        sec.page_width, sec.page_height = h, w
    sec.orientation = want


def write_docx(doc, blocks, path, header_text):
    d = Document()
    d.styles["Normal"].font.size = Pt(10)
    meta = doc["meta"]
    cp = d.core_properties
    cp.title = meta.get("Title") or ""
    cp.author = meta.get("Author") or ""
    cp.subject = meta.get("Subject") or ""
    cp.last_modified_by = ""
    import datetime

    fixed = datetime.datetime(2020, 1, 1)
    cp.created = fixed
    cp.modified = fixed
    cp.revision = 1
    if header_text:
        d.sections[0].header.paragraphs[0].text = header_text
    for b in blocks:
        new_section(d, b.get("landscape", False))
        if b["kind"] == "h":
            d.add_heading(b["text"], level=b["level"])
        elif b["kind"] == "li":
            d.add_paragraph(b["text"], style="List Bullet")
        elif b["kind"] == "p":
            p = d.add_paragraph()
            p.add_run(b["text"]).bold = b.get("bold") or None
        elif b["kind"] == "table":
            nrows = len(b["rows"])
            t = d.add_table(rows=nrows, cols=b["cols"])
            t.style = "Table Grid"
            for r in b["rows"]:
                for c in r:
                    top = t.cell(c["row"], c["col"])
                    if c["rowspan"] > 1 or c["colspan"] > 1:
                        top = top.merge(t.cell(c["row"] + c["rowspan"] - 1, c["col"] + c["colspan"] - 1))
                    write_cell(top, c)
            for i in range(b["header_rows"]):
                set_repeat_header(t.rows[i])
            d.add_paragraph()
    buf = io.BytesIO()
    d.save(buf)
    with open(path, "wb") as f:
        f.write(fixed_zip(buf.getvalue()))


def fixed_zip(data):
    """The same ZIP with every entry dated 1980-01-01 (byte-identical rebuilds)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------
# Writing HTML


def esc_cell(text):
    s = htmlmod.escape(text, quote=False)
    # Digit groups in numbers as no-break spaces, as web pages print them.
    return re.sub(r"(?<=\d) (?=\d{3}\b)", "&nbsp;", s)


def write_html(doc, blocks, path):
    meta = doc["meta"]
    out = [
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n",
        f"<title>{htmlmod.escape(meta.get('Title') or '')}</title>\n",
        f"<meta name=\"author\" content=\"{htmlmod.escape(meta.get('Author') or '')}\">\n",
        f"<meta name=\"description\" content=\"{htmlmod.escape(meta.get('Subject') or '')}\">\n",
        "<style>table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 4px;"
        "vertical-align:top}th{text-align:left}.b{font-weight:bold}.i{font-style:italic}</style>\n",
        "</head>\n<body>\n",
    ]
    in_list = False
    for b in blocks:
        if b["kind"] == "li":
            if not in_list:
                out.append("<ul>\n")
                in_list = True
            out.append(f"<li>{htmlmod.escape(b['text'], quote=False)}</li>\n")
            continue
        if in_list:
            out.append("</ul>\n")
            in_list = False
        if b["kind"] == "h":
            lv = b["level"]
            out.append(f"<h{lv}>{htmlmod.escape(b['text'], quote=False)}</h{lv}>\n")
        elif b["kind"] == "p":
            t = htmlmod.escape(b["text"], quote=False)
            out.append(f"<p><b>{t}</b></p>\n" if b.get("bold") else f"<p>{t}</p>\n")
        elif b["kind"] == "table":
            out.append("<table>\n")
            head = b["header_rows"]
            for i, r in enumerate(b["rows"]):
                if i == 0 and head:
                    out.append("<thead>\n")
                if i == head:
                    out.append("<tbody>\n")
                tag = "th" if i < head else "td"
                cells = []
                for c in r:
                    attrs = ""
                    if c["rowspan"] > 1:
                        attrs += f" rowspan=\"{c['rowspan']}\""
                    if c["colspan"] > 1:
                        attrs += f" colspan=\"{c['colspan']}\""
                    cls = " ".join(x for x, on in (("b", c["bold"]), ("i", c["italic"])) if on)
                    if cls:
                        attrs += f" class=\"{cls}\""
                    body = "<br>".join(esc_cell(p) for p in c["paras"])
                    cells.append(f"<{tag}{attrs}>{body}</{tag}>")
                out.append("<tr>" + "".join(cells) + "</tr>\n")
                if i + 1 == head:
                    out.append("</thead>\n")
            out.append("</tbody>\n</table>\n")
    if in_list:
        out.append("</ul>\n")
    out.append("</body>\n</html>\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(out))


def dump(blocks):
    for b in blocks:
        if b["kind"] == "table":
            print(f"TABLE {b['cols']} cols, {len(b['rows'])} rows, header {b['header_rows']}")
            for r in b["rows"]:
                print("   ", [(c["col"], c["rowspan"], c["colspan"], " / ".join(c["paras"])[:40]) for c in r])
        else:
            print(b["kind"], b.get("level", ""), b["text"][:100])


def running_header(path):
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[1:]:
            words = [w for w in page.extract_words(extra_attrs=["size"]) if w["bottom"] < 50 and w["size"] <= 8.5]
            if words:
                return join_words(sorted(words, key=lambda w: w["x0"]))
    return ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdf")
    ap.add_argument("--docx")
    ap.add_argument("--html")
    ap.add_argument("--dump", action="store_true", help="print the blocks read")
    args = ap.parse_args()
    doc = read_pdf(args.pdf)
    blocks = join_pages(doc)
    mark_headers(blocks)
    if args.dump:
        dump(blocks)
    if args.docx:
        write_docx(doc, copy.deepcopy(blocks), args.docx, running_header(args.pdf))
    if args.html:
        write_html(doc, blocks, args.html)


if __name__ == "__main__":
    sys.exit(main())
