"""Invented action-plan documents for tests (DOCX with python-docx, PDF with WeasyPrint).

Every title, result and name of a measure here is made up; the agencies are from the reference
list. `PLAN` is what a reader must give back for the documents these helpers write.
"""

from __future__ import annotations

import copy
import html
from pathlib import Path

import ctip

FONTS = Path(ctip.__file__).resolve().parent / "static" / "fonts"

APPROVAL = [
    "Azərbaycan Respublikası Prezidentinin",
    "2031-ci il 3 mart tarixli 777 nömrəli Sərəncamı ilə",
    "təsdiq edilmişdir",
]
TITLE = ["Sınaq məqsədli fəaliyyət planı", "2031–2033-cü illər üçün"]
PROSE = [
    "1. Ümumi müddəalar",
    "Bu plan yalnız sınaq üçün yazılmışdır.",
    "İcraçılar planın icrası barədə məlumatı hər il fevralın 10-dək təqdim edirlər.",
]
HEADER = ["№", "Tədbirin adı", "İcraçılar", "İcra müddəti", "Gözlənilən nəticə"]
# code, title paragraphs, executor paragraphs, deadline, result paragraphs
ROWS = [
    ("7.1", "Sınaq istiqaməti birinci"),
    (
        "7.1.1",
        ["Bələdçi kitabçaların hazırlanması"],
        ["DİN,", "Ali Məhkəmə (razılaşdırılmaqla),", "yerli icra hakimiyyəti orqanları"],
        "2031-ci il",
        ["Bilik artımı;", "yeni vəsaitlər"],
    ),
    (
        "7.1.2",
        ["Məlumat bazasının qurulması və", "sınaqdan keçirilməsi"],
        ["Azərbaycan Respublikasının Baş Prokurorluğu, Səhiyyə Nazirliyi"],
        "2032-ci ilin III rübü",
        ["Vahid baza"],
    ),
    ("7.2", "Sınaq istiqaməti ikinci"),
    (
        "7.2.1",
        ["Təlimlərin keçirilməsi"],
        ["Dövlət Miqrasiya Xidməti, Ailə, Qadın və Uşaq Problemləri üzrə Dövlət Komitəsi"],
        "2031–2033-cü illər",
        ["Peşəkarlığın artması"],
    ),
    (
        "7.2.2",
        ["Qaynar xəttin fəaliyyətinin təmin edilməsi"],
        ["DMX, qeyri-hökumət təşkilatları (razılaşdırılmaqla)"],
        "Daim",
        ["Müraciətlərin cavablandırılması"],
    ),
]
ABBREVIATIONS = ["Qısaltmalar:", "DİN – Daxili İşlər Nazirliyi", "DMX – Dövlət Miqrasiya Xidməti"]

PLAN = {
    "plan": {
        "title": "Sınaq məqsədli fəaliyyət planı 2031–2033-cü illər üçün",
        "approved_by": {"kind": "order", "number": "777", "date": "2031-03-03"},
        "years": [2031, 2033],
        "report_due": {"month": 2, "day": 10},
    },
    "directions": [
        {"code": "7.1", "title": "Sınaq istiqaməti birinci"},
        {"code": "7.2", "title": "Sınaq istiqaməti ikinci"},
    ],
    "items": [
        {
            "code": "7.1.1",
            "direction": "7.1",
            "title": "Bələdçi kitabçaların hazırlanması",
            "executors": ["Daxili İşlər Nazirliyi", "Ali Məhkəmə"],
            "executors_text": "DİN, Ali Məhkəmə (razılaşdırılmaqla), yerli icra hakimiyyəti "
            "orqanları",
            "deadline_text": "2031-ci il",
            "deadline": {"kind": "year", "start": "2031-01-01", "end": "2031-12-31"},
            "expected_result": "Bilik artımı; yeni vəsaitlər",
        },
        {
            "code": "7.1.2",
            "direction": "7.1",
            "title": "Məlumat bazasının qurulması və sınaqdan keçirilməsi",
            "executors": ["Baş Prokurorluq", "Səhiyyə Nazirliyi"],
            "executors_text": "Azərbaycan Respublikasının Baş Prokurorluğu, Səhiyyə Nazirliyi",
            "deadline_text": "2032-ci ilin III rübü",
            "deadline": {"kind": "quarter", "start": "2032-07-01", "end": "2032-09-30"},
            "expected_result": "Vahid baza",
        },
        {
            "code": "7.2.1",
            "direction": "7.2",
            "title": "Təlimlərin keçirilməsi",
            "executors": [
                "Dövlət Miqrasiya Xidməti",
                "Ailə, Qadın və Uşaq Problemləri üzrə Dövlət Komitəsi",
            ],
            "executors_text": "Dövlət Miqrasiya Xidməti, Ailə, Qadın və Uşaq Problemləri üzrə "
            "Dövlət Komitəsi",
            "deadline_text": "2031–2033-cü illər",
            "deadline": {"kind": "range", "start": "2031-01-01", "end": "2033-12-31"},
            "expected_result": "Peşəkarlığın artması",
        },
        {
            "code": "7.2.2",
            "direction": "7.2",
            "title": "Qaynar xəttin fəaliyyətinin təmin edilməsi",
            "executors": ["Dövlət Miqrasiya Xidməti"],
            "executors_text": "DMX, qeyri-hökumət təşkilatları (razılaşdırılmaqla)",
            "deadline_text": "Daim",
            "deadline": {"kind": "continuous", "start": None, "end": None},
            "expected_result": "Müraciətlərin cavablandırılması",
        },
    ],
}


def _mark_header(row) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def write_docx(path: Path, rows=ROWS) -> Path:
    """The invented plan as a DOCX: header + numbering rows marked `tblHeader`, merged direction
    rows, cells of several paragraphs, abbreviations after the table."""
    import docx

    document = docx.Document()
    document.add_paragraph("\n".join(APPROVAL))
    document.add_paragraph().add_run("\n".join(TITLE)).bold = True
    for line in PROSE:
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=5)
    for values in (HEADER, [str(i) for i in range(1, 6)]):
        row = table.add_row()
        _mark_header(row)
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    for spec in rows:
        row = table.add_row()
        if len(spec) == 2:
            merged = row.cells[0].merge(row.cells[4])
            merged.text = f"{spec[0]}. {spec[1]}"
            continue
        code, title, executors, deadline, result = spec
        for cell, value in zip(
            row.cells, [[code + "."], title, executors, [deadline], result], strict=True
        ):
            cell.text = value[0]
            for extra in value[1:]:
                cell.add_paragraph(extra)
    for line in ABBREVIATIONS:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def write_pdf(path: Path, rows=ROWS, *, borders: bool = True, filler: int = 0) -> Path:
    """The invented plan as a landscape PDF (WeasyPrint): the header repeats on every page, page
    numbers at the bottom; `filler` extra long items push rows across page breaks; without
    `borders` the reader has no rules to find the columns by."""
    from weasyprint import HTML

    rows = list(rows) + [
        (
            f"7.3.{i}",
            [f"Uzun sınaq tədbiri {i} " + "ətraflı izah olunan mətn " * 12],
            ["Səhiyyə Nazirliyi"],
            "Hər il",
            ["Nəticə"],
        )
        for i in range(1, filler + 1)
    ]
    if filler:
        rows.insert(len(rows) - filler, ("7.3", "Sınaq istiqaməti üçüncü"))
    border = "border: 0.6pt solid #000;" if borders else "border: 0;"
    esc = html.escape
    body = []
    for spec in rows:
        if len(spec) == 2:
            body.append(f'<tr><td colspan="5" class="dir">{esc(spec[0])}. {esc(spec[1])}</td></tr>')
            continue
        code, title, executors, deadline, result = spec
        cells = [[code + "."], title, executors, [deadline], result]
        body.append(
            "<tr>"
            + "".join("<td>" + "<br>".join(esc(p) for p in c) + "</td>" for c in cells)
            + "</tr>"
        )
    page = f"""<html><head><meta charset="utf-8"><style>
@font-face {{ font-family: t; src: url("{(FONTS / "DejaVuSerif.ttf").as_uri()}"); }}
@page {{ size: A4 landscape; margin: 1.5cm;
  @bottom-center {{ content: counter(page); font-family: t; font-size: 9pt; }} }}
body {{ font-family: t; font-size: 9pt; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ {border} padding: 3pt 5pt; vertical-align: top; text-align: left; }}
th {{ text-align: center; }} td.dir {{ text-align: center; font-weight: bold; }}
col.c1 {{ width: 7%; }} col.c2 {{ width: 33%; }} col.c3 {{ width: 25%; }}
col.c4 {{ width: 12%; }} col.c5 {{ width: 23%; }}
.right {{ margin-left: 65%; }}
</style></head><body>
<p class="right">{"<br>".join(esc(x) for x in APPROVAL)}</p>
<p style="text-align:center"><b>{"<br>".join(esc(x) for x in TITLE)}</b></p>
{"".join(f"<p>{esc(x)}</p>" for x in PROSE)}
<table><colgroup><col class="c1"><col class="c2"><col class="c3"><col class="c4"><col class="c5">
</colgroup><thead><tr>{"".join(f"<th>{esc(h)}</th>" for h in HEADER)}</tr>
<tr>{"".join(f"<th>{i}</th>" for i in range(1, 6))}</tr></thead>
<tbody>{"".join(body)}</tbody></table>
{"".join(f"<p>{esc(x)}</p>" for x in ABBREVIATIONS)}
</body></html>"""
    HTML(string=page).write_pdf(str(path))
    return path


def amend_docx(
    source: Path,
    target: Path,
    *,
    reword: str,
    new_title: str,
    add_after: str,
    added_code: str,
    added_title: str,
    act_line: str,
) -> Path:
    """A copy of a plan DOCX with one item's title reworded, one item added after another (a
    copy of its row with a new code and title) and an amending act added to the title block."""
    import docx

    document = docx.Document(str(source))
    first = document.paragraphs[0]
    first.add_run().add_break()
    first.add_run(act_line)
    table = max(document.tables, key=lambda t: len(t.rows))
    for row in table.rows:
        code = row.cells[0].text.strip().rstrip(".")
        if code == reword:
            _set_text(row.cells[1], new_title)
        if code == add_after:
            new = copy.deepcopy(row._tr)
            row._tr.addnext(new)
    for row in table.rows:
        if row.cells[0].text.strip().rstrip(".") == add_after and row._tr.getprevious() is not None:
            prev_code = None
            prev = row._tr.getprevious()
            for r in table.rows:
                if r._tr is prev:
                    prev_code = r.cells[0].text.strip().rstrip(".")
            if prev_code == add_after:  # the second of the two equal rows is the copy
                _set_text(row.cells[0], added_code + ".")
                _set_text(row.cells[1], added_title)
    document.save(str(target))
    return target


def _set_text(cell, text: str) -> None:
    for p in cell.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    cell.paragraphs[0].text = text
