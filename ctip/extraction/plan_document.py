"""Reading a national action plan from its official document (DOCX or PDF with a text layer).

The document is a title block (who approved it, when), short prose, one table
``№ | Tədbirin adı | İcraçılar | İcra müddəti | Gözlənilən nəticə`` whose directions are merged
full-width rows (``4.1. …``) and whose items carry codes (``4.1.1.``), then a list of
abbreviations. Reading happens in two separate steps:

1. *Table reading* (``read_docx_table``, ``read_pdf_table``): the file becomes a ``TableDocument``
   — the lines before the table, its header rows, its body as rows of cell texts (a merged row is
   one cell) and the lines after it. This part knows nothing about plans. It is kept small on
   purpose: it is to be replaced by the generic table readers of the report import (branch
   ``ext``) once they land, and a scan (OCR) path will come with them; only ``read_table`` needs
   to change then.
2. *Interpretation* (``plan_from_table``): rows of cells become the plan — title, approving act,
   years, directions and items with executors (``ctip.extraction.executors``), deadlines
   (``ctip.azlang.deadlines``) and expected results.

``read_plan(path)`` does both. Pure Python, no Django; bad input raises ``ExtractionError``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ctip.azlang import find_dates, month_number
from ctip.azlang.deadlines import parse_deadline

from .errors import ExtractionError
from .executors import parse_abbreviations, parse_executors
from .readers import read_docx, read_pdf, sniff
from .textutil import az_lower

# --- 1. table reading -------------------------------------------------------------------------


@dataclass
class TableDocument:
    """A document reduced to its one table and the text lines around it."""

    before: list[str] = field(default_factory=list)
    header: list[list[str]] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # a merged row has one cell
    after: list[str] = field(default_factory=list)


def _join_lines(lines: list[str]) -> str:
    """Lines (or paragraphs) of one cell joined with a space; a word broken after a hyphen or a
    dash at the end of a line is joined without one (``tədris-`` + ``metodik``)."""
    out = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if out and not (out[-1] in "-–" and len(out) > 1 and out[-2].isalnum()):
            out += " "
        out += line
    return re.sub(r"\s+", " ", out).strip()


def read_docx_table(path: str | Path) -> TableDocument:
    """The largest table of a DOCX with python-docx; `tblHeader` rows go to `header`, merged cells
    are read once, the paragraphs of a cell are joined with a space."""
    read_docx(path)  # its checks: missing/empty file, zip bomb, corrupt package
    import docx  # python-docx: heavy, imported when used
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    if not document.tables:
        raise ExtractionError(f"{path}: the document has no table")
    table = max(document.tables, key=lambda t: len(t.rows))
    doc = TableDocument()
    seen_table = False
    for child in document.element.body.iterchildren():
        if child is table._tbl:
            seen_table = True
        elif child.tag == qn("w:p"):
            lines = _paragraph_lines(child, qn)
            (doc.after if seen_table else doc.before).extend(ln for ln in lines if ln.strip())
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(_join_lines([p.text.replace("\n", " ") for p in cell.paragraphs]))
        trpr = row._tr.trPr
        is_header = trpr is not None and trpr.find(qn("w:tblHeader")) is not None
        (doc.header if is_header else doc.rows).append(cells)
    return doc


def _paragraph_lines(p: Any, qn: Callable[[str], str]) -> list[str]:
    """A paragraph's text split at its line breaks (``<w:br/>``)."""
    lines: list[str] = []
    cur: list[str] = []
    for el in p.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
        if el.tag == qn("w:br"):
            lines.append("".join(cur))
            cur = []
        elif el.tag == qn("w:tab"):
            cur.append(" ")
        else:
            cur.append(el.text or "")
    lines.append("".join(cur))
    return [ln.strip() for ln in lines]


@dataclass
class _Line:
    top: float
    bottom: float
    words: list[dict]

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)


_PAGE_NUMBER_RE = re.compile(
    r"^(?:[-–—]\s*)?\d{1,4}(?:\s*[-–—])?$|^\d{1,4}\s*/\s*\d{1,4}$|^(?:səhifə|page)\s+\d{1,4}",
    re.IGNORECASE,
)
_HEADER_WORDS = ("№", "tədbir", "icraçı", "müddət", "nəticə")
_CODE_RE = re.compile(r"^\d+(?:\.\d+)+\.?$")


def _lines(words: list[dict]) -> list[_Line]:
    lines: list[_Line] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1].top - w["top"]) < 2:
            lines[-1].words.append(w)
            lines[-1].bottom = max(lines[-1].bottom, w["bottom"])
        else:
            lines.append(_Line(w["top"], w["bottom"], [w]))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return lines


def _is_header_line(line: _Line) -> bool:
    low = az_lower(line.text)
    return sum(k in low for k in _HEADER_WORDS) >= 3


def _is_numbering(texts: list[str]) -> bool:
    return len(texts) > 2 and texts == [str(i) for i in range(1, len(texts) + 1)]


def _columns(header: list[_Line], page: Any) -> list[float]:
    """Column boundaries (n + 1 x positions) from the header band: the page's vertical rules
    there when they are the right number, else from the header cells' centres."""
    numbering = [ln for ln in header if _is_numbering([w["text"] for w in ln.words])]
    if numbering:
        centres = [(w["x0"] + w["x1"]) / 2 for w in numbering[0].words]
    else:
        centres = _group_centres(header[0].words)
    top, bottom = header[0].top, header[-1].bottom
    rules = sorted(
        {
            round(e["x0"])
            for e in page.edges
            if e["orientation"] == "v" and e["top"] <= bottom and e["bottom"] >= top
        }
    )
    if len(rules) == len(centres) + 1:
        return [float(x) for x in rules]
    left = min(w["x0"] for w in page.extract_words()) - 0.5
    bounds = [left]
    for c in centres:  # columns are contiguous and their header cells centred
        right = 2 * c - bounds[-1]
        bounds.append(right if right > c else c + 1)
    return bounds


def _group_centres(words: list[dict]) -> list[float]:
    groups: list[list[dict]] = []
    for w in words:
        if groups and w["x0"] - groups[-1][-1]["x1"] < 12:
            groups[-1].append(w)
        else:
            groups.append([w])
    return [(g[0]["x0"] + g[-1]["x1"]) / 2 for g in groups]


def _column_of(word: dict, bounds: list[float]) -> int | None:
    """The column holding the word, or None when it straddles a boundary."""
    for i in range(len(bounds) - 1):
        if word["x0"] >= bounds[i] - 1 and word["x1"] <= bounds[i + 1] + 1:
            return i
    return None


def read_pdf_table(path: str | Path) -> TableDocument:
    """The table of a PDF rebuilt from word positions (pdfplumber): column boundaries from the
    header row, rows started by a code in the first column or by a merged (full-width) line,
    rows that run on across pages joined, repeated headers and page numbers dropped."""
    read_pdf(path)  # its checks: corrupt, encrypted, image-only
    import pdfplumber  # heavy, imported when used

    doc = TableDocument()
    state = {"bounds": None, "row": None, "ended": False, "merged_prev": False}
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            lines = _drop_page_number(_lines(page.extract_words()))
            _read_page(page, lines, doc, state)
    _flush(doc, state)
    if state["bounds"] is None:
        raise ExtractionError(f"{path}: no table with a header row was found")
    return doc


def _drop_page_number(lines: list[_Line]) -> list[_Line]:
    if len(lines) >= 2:
        last, prev = lines[-1], lines[-2]
        gap = last.top - prev.bottom
        if _PAGE_NUMBER_RE.match(last.text.strip()) and gap > (prev.bottom - prev.top):
            return lines[:-1]
    return lines


def _read_page(page: Any, lines: list[_Line], doc: TableDocument, state: dict) -> None:
    i = 0
    if not state["ended"]:
        while i < len(lines) and not _is_header_line(lines[i]):
            if state["bounds"] is None:
                doc.before.append(lines[i].text)
            i += 1
        if i == len(lines):  # no header on this page
            if state["bounds"] is not None:
                i = 0  # a page without a repeated header: the table runs on
            else:
                return
        else:
            j = i + 1
            while j < len(lines) and not _CODE_RE.match(lines[j].words[0]["text"]):
                if _is_numbering([w["text"] for w in lines[j].words]):
                    j += 1
                    break
                j += 1
            band = lines[i:j]
            if state["bounds"] is None:
                bounds = state["bounds"] = _columns(band, page)
                doc.header = [_cells_of(band, bounds)]
            i = j
    for line in lines[i:]:
        if state["ended"]:
            doc.after.append(line.text)
        else:
            _table_line(line, doc, state)


def _cells_of(lines: list[_Line], bounds: list[float]) -> list[str]:
    cols: list[list[str]] = [[] for _ in range(len(bounds) - 1)]
    for line in lines:
        parts: dict[int, list[str]] = {}
        for w in line.words:
            col = _column_of(w, bounds)
            parts.setdefault(col if col is not None else 0, []).append(w["text"])
        for col, words in parts.items():
            cols[col].append(" ".join(words))
    return [_join_lines(c) for c in cols]


def _table_line(line: _Line, doc: TableDocument, state: dict) -> None:
    bounds = state["bounds"]
    first = line.words[0]
    straddles = any(_column_of(w, bounds) is None for w in line.words)
    code_first = _CODE_RE.match(first["text"]) or re.match(r"^\d+\.$", first["text"])
    in_first_col = _column_of(first, bounds) == 0
    if _is_numbering([w["text"] for w in line.words]) or _is_header_line(line):
        return
    if (straddles or not in_first_col) and code_first:  # a merged direction row
        _flush(doc, state)
        state["row"] = {"merged": True, "lines": [line]}
    elif straddles and not state["merged_prev"]:
        _flush(doc, state)
        state["ended"] = True
        doc.after.append(line.text)
        return
    elif straddles:  # a direction title wrapped onto a second line
        state["row"]["lines"].append(line)
    elif in_first_col and _CODE_RE.match(first["text"]):
        _flush(doc, state)
        state["row"] = {"merged": False, "lines": [line]}
    elif state["row"] is not None:
        state["row"]["lines"].append(line)
    state["merged_prev"] = bool(state["row"] and state["row"]["merged"])


def _flush(doc: TableDocument, state: dict) -> None:
    row = state["row"]
    if row is None:
        return
    if row["merged"]:
        doc.rows.append([_join_lines([ln.text for ln in row["lines"]])])
    else:
        doc.rows.append(_cells_of(row["lines"], state["bounds"]))
    state["row"] = None


def read_table(path: str | Path) -> TableDocument:
    """The file's table, by its content: DOCX or PDF with a text layer."""
    kind = sniff(path)
    if kind == "docx":
        return read_docx_table(path)
    if kind == "pdf":
        return read_pdf_table(path)
    raise ExtractionError(f"{path}: a plan is read from DOCX or PDF, not plain text")


# --- 2. interpretation ------------------------------------------------------------------------

_ROLES = (
    ("code", ("№", "s/s", "sıra")),
    ("title", ("tədbir",)),
    ("executors", ("icraçı",)),
    ("deadline", ("müddət",)),
    ("result", ("nəticə",)),
)
_ACT_KINDS = {"sərəncam": "order", "fərman": "decree", "qərar": "decision"}
_ACT_RE = re.compile(
    r"(?P<date>\S+\s+\S+\s+\S+(?:\s+\S+)?)\s+tarixli\s+(?:(?:№\s*)?(?P<number>\S+)\s+"
    r"(?:nömrəli|saylı)\s+)?(?P<kind>Sərəncam|Fərman|Qərar)\w*\s+ilə\s+"
    r"(?P<what>təsdiq\s+(?:edilmişdir|olunmuşdur)|edilmiş\s+dəyişikliklərlə|dəyişiklik)",
    re.IGNORECASE,
)
_YEARS_RE = re.compile(r"(\d{4})\s*[–—-]\s*(\d{4})")
_DUE_RE = re.compile(r"hər\s+il\s+(\w+)\s+(\d{1,2})-(?:dək|dəkdək|nə\s+qədər)", re.IGNORECASE)
_SECTION_RE = re.compile(r"^\d+\.\s+\S")
_DIRECTION_RE = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(.+)$")


def _roles(header: list[list[str]], width: int) -> dict[str, int]:
    for row in header:
        low = [az_lower(c) for c in row]
        roles: dict[str, int] = {}
        for role, keys in _ROLES:
            for i, cell in enumerate(low):
                if any(k in cell for k in keys):
                    roles.setdefault(role, i)
                    break
        if len(roles) == len(_ROLES):
            return roles
    if width == 5:
        return {role: i for i, (role, _k) in enumerate(_ROLES)}
    raise ExtractionError("the table has no header with № | Tədbirin adı | İcraçılar | …")


def _acts(text: str) -> list[dict]:
    """Acts named in the title block: the approving one and any amending ones."""
    out = []
    for m in _ACT_RE.finditer(text):
        dates = find_dates(m.group("date"))
        out.append(
            {
                "kind": _ACT_KINDS[az_lower(m.group("kind"))],
                "number": m.group("number"),
                "date": dates[-1].start.isoformat() if dates else None,
                "amends": not az_lower(m.group("what")).startswith("təsdiq"),
            }
        )
    return out


def _title_block(before: list[str]) -> dict:
    text = " ".join(before)
    acts = _acts(text)
    approval = next((a for a in acts if not a["amends"]), None)
    act_end = re.compile(r"təsdiq\s+(?:edilmişdir|olunmuşdur)|dəyişikliklərlə|dəyişiklik")
    last_act = max((i for i, line in enumerate(before) if act_end.search(line)), default=-1)
    title_lines: list[str] = []
    for line in before[last_act + 1 :]:
        if _SECTION_RE.match(line):
            break
        title_lines.append(line.strip())
    title = _join_lines(title_lines)
    years = _YEARS_RE.search(title)
    due = None
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        m = _DUE_RE.search(sentence)
        if m and "icraçı" in az_lower(sentence) and month_number(m.group(1)):
            due = {"month": month_number(m.group(1)), "day": int(m.group(2))}
            break
    return {
        "title": title,
        "approved_by": {k: v for k, v in (approval or {}).items() if k != "amends"} or None,
        "amended_by": [{k: v for k, v in a.items() if k != "amends"} for a in acts if a["amends"]],
        "years": [int(years.group(1)), int(years.group(2))] if years else None,
        "report_due": due,
    }


def _item(cells: list[str], roles: dict[str, int], direction: str | None, abbr: dict) -> dict:
    def cell(role: str) -> str:
        i = roles[role]
        return cells[i] if i < len(cells) else ""

    executors = parse_executors(cell("executors"), abbr)
    deadline = parse_deadline(cell("deadline"))
    return {
        "code": cell("code").strip().rstrip("."),
        "direction": direction,
        "title": cell("title"),
        "executors": [e.name for e in executors if e.kind == "agency"],
        "executors_text": cell("executors"),
        "deadline_text": cell("deadline"),
        "deadline": deadline.as_dict(),
        "expected_result": cell("result"),
        "executor_entries": [e.as_dict() for e in executors],
    }


def _parts(before: list[str]) -> list[dict]:
    """The numbered headings of the prose (``4. Milli Fəaliyyət Planının icrası üzrə tədbirlər``):
    the last one names the part the table's directions belong to."""
    out = []
    for line in before:
        m = re.match(r"^(\d+)\.\s+(\S.{0,150})$", line.strip())
        if m and not m.group(2).rstrip().endswith((",", ";")):
            out.append({"code": m.group(1), "title": m.group(2).strip()})
    return out


def plan_from_table(table: TableDocument) -> dict:
    """The plan read from a table document: {plan, parts, directions, items, abbreviations,
    notes}."""
    width = max((len(r) for r in table.rows), default=0)
    header = table.header or [r for r in table.rows[:3] if len(r) == width]
    roles = _roles(header, width)
    header_keys = {tuple(az_lower(c) for c in r) for r in header}
    abbreviations = parse_abbreviations(table.after + table.before)
    directions: list[dict] = []
    items: list[dict] = []
    notes: list[str] = []
    for cells in table.rows:
        if tuple(az_lower(c) for c in cells) in header_keys or _is_numbering(cells):
            continue
        distinct = [c for i, c in enumerate(cells) if c and c not in cells[:i]]
        if len(distinct) == 1 and not _CODE_RE.match(distinct[0]):
            m = _DIRECTION_RE.match(distinct[0])
            if m:
                directions.append({"code": m.group(1), "title": m.group(2).strip()})
            else:
                notes.append(f"a merged row without a code was skipped: {distinct[0][:60]}")
            continue
        code = cells[roles["code"]].strip() if roles["code"] < len(cells) else ""
        if not _CODE_RE.match(code):
            notes.append(f"a row without a code was skipped: {' | '.join(cells)[:60]}")
            continue
        direction = directions[-1]["code"] if directions else None
        items.append(_item(cells, roles, direction, abbreviations))
    return {
        "plan": _title_block(table.before),
        "parts": _parts(table.before),
        "directions": directions,
        "items": items,
        "abbreviations": abbreviations,
        "notes": notes,
    }


def read_plan(path: str | Path) -> dict:
    """Read an action plan's document (DOCX or PDF): see `plan_from_table`."""
    result = plan_from_table(read_table(path))
    if not result["items"]:
        raise ExtractionError(f"{path}: no plan items (rows with codes such as 4.1.1) were found")
    return result
