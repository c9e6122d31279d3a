"""PDF text layer with pdfplumber: lines rebuilt from words, page furniture and footnotes removed.

Per page, words (with their font size) are grouped into lines. Then:

* running headers and footers are the lines in the top or bottom tenth of a page whose text
  (digits folded) recurs there on at least half of the pages (two at least); they go, once,
  into ``furniture``;
* a line in those zones that is only a page number (`7`, `- 7 -`, `Səhifə 3 / 11`, `3/11`,
  `Page 3 of 11`) goes too;
* footnotes are the smaller-type lines at the foot of the body, set off by a gap and opened by
  a marker (`1.`, `1)`, `*`); superscript note references in the body (small raised digits)
  are dropped;
* the page is written back as text in which an indented line starts with spaces and a wider
  gap between lines is a blank line, so `cleaning` finds the paragraphs as in a text file.

A page without words but with an image is a scan: it is read by OCR (see ``ocr``).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .blocks import Block, Page, ReadDocument
from .cleaning import is_page_number
from .errors import ExtractionError
from .ocr import ocr_pdf_pages

_ZONE = 0.10  # top and bottom tenth of the page
_NOTE_MARK_RE = re.compile(r"^(?:\d{1,3}|[*†‡]{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)[.)]?\s+\S")
_DIGITS_RE = re.compile(r"\d+")


@dataclass(slots=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    words: list[dict] = field(default_factory=list)


@dataclass(slots=True)
class PdfPage:
    number: int
    width: float
    height: float
    lines: list[Line]
    has_image: bool


def _note_ref(word: dict, size: float) -> bool:
    text = word["text"]
    return word["size"] < 0.8 * size and (text.isdigit() or set(text) <= set("*†‡"))


def _line_from(words: list[dict]) -> Line:
    words.sort(key=lambda w: w["x0"])
    sizes: Counter = Counter()
    for w in words:
        sizes[round(w["size"], 1)] += len(w["text"])
    size = sizes.most_common(1)[0][0]
    # Superscript note references: small digits (or asterisks) after the line's first word.
    kept = [words[0]] + [w for w in words[1:] if not _note_ref(w, size)]
    return Line(
        " ".join(w["text"] for w in kept),
        kept[0]["x0"],
        kept[-1]["x1"],
        min(w["top"] for w in kept),
        max(w["bottom"] for w in kept),
        size,
        kept,
    )


def _group_lines(words: list[dict]) -> list[Line]:
    """Words -> lines: a word joins the line whose vertical extent holds its middle."""
    lines: list[list[dict]] = []
    extent: list[tuple[float, float]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        mid = (w["top"] + w["bottom"]) / 2
        if lines and extent[-1][0] <= mid <= extent[-1][1]:
            lines[-1].append(w)
            top, bottom = extent[-1]
            extent[-1] = (min(top, w["top"]), max(bottom, w["bottom"]))
        else:
            lines.append([w])
            extent.append((w["top"], w["bottom"]))
    return [_line_from(ws) for ws in lines]


def _open_pages(p: Path) -> list[PdfPage]:
    import pdfplumber  # heavy

    pages = []
    try:
        with pdfplumber.open(str(p)) as pdf:
            for i, page in enumerate(pdf.pages, 1):
                words = page.extract_words(extra_attrs=["size"])
                pages.append(
                    PdfPage(i, page.width, page.height, _group_lines(words), bool(page.images))
                )
    except ExtractionError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on broken files
        raise ExtractionError(f"{p}: corrupt PDF ({type(exc).__name__})") from None
    return pages


def _in_zone(line: Line, page: PdfPage) -> bool:
    return line.bottom < page.height * _ZONE or line.top > page.height * (1 - _ZONE)


def _fold(text: str) -> str:
    return _DIGITS_RE.sub("#", " ".join(text.split())).casefold()


def find_furniture(pages: list[PdfPage]) -> set[str]:
    """Folded texts of the running lines: in a page's margin zone on half the pages (≥ 2)."""
    if len(pages) < 2:
        return set()
    seen: Counter = Counter()
    for page in pages:
        seen.update({_fold(ln.text) for ln in page.lines if _in_zone(ln, page)})
    need = max(2, (len(pages) + 1) // 2)
    return {text for text, n in seen.items() if n >= need and text.strip("# ")}


def _body_size(pages: list[PdfPage]) -> float:
    sizes: Counter = Counter()
    for page in pages:
        for ln in page.lines:
            sizes[ln.size] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _split_notes(lines: list[Line], body_size: float) -> tuple[list[Line], list[Line]]:
    """(body lines, footnote lines): small-type lines at the foot, after a gap, opened by a mark."""
    i = len(lines)
    while i > 0 and lines[i - 1].size < body_size - 0.4:
        i -= 1
    while i < len(lines) and not _NOTE_MARK_RE.match(lines[i].text):
        i += 1
    if i == 0 or i >= len(lines):
        return lines, []
    pitch = _pitch(lines[:i])
    if lines[i].top - lines[i - 1].bottom < pitch * 0.9:
        return lines, []
    return lines[:i], lines[i:]


def _notes_text(lines: list[Line]) -> list[str]:
    notes: list[list[str]] = []
    for ln in lines:
        if _NOTE_MARK_RE.match(ln.text) or not notes:
            notes.append([ln.text])
        else:
            notes[-1].append(ln.text)
    return [" ".join(n) for n in notes]


def _pitch(lines: list[Line]) -> float:
    steps = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False) if b.top > a.top]
    return statistics.median(steps) if steps else 14.0


def page_text(lines: list[Line], width: float) -> str:
    """Lines as text: an indented line starts with spaces, a wide gap is a blank line."""
    if not lines:
        return ""
    left = min(ln.x0 for ln in lines)
    pitch = _pitch(lines)
    out: list[str] = []
    prev = None
    for ln in lines:
        if prev is not None and ln.top - prev.top > pitch * 1.45:
            out.append("")
        indent = "    " if ln.x0 - left > width * 0.015 else ""
        out.append(indent + ln.text)
        prev = ln
    return "\n".join(out)


def read_pdf_document(p: Path, *, ocr_missing: bool = True) -> ReadDocument:
    """Read a PDF's text layer; pages without text but with an image are read by OCR."""
    pages = _open_pages(p)
    furniture = find_furniture(pages)
    body_size = _body_size(pages)
    doc = ReadDocument("pdf")
    removed: dict[str, str] = {}
    scans: list[int] = []
    for page in pages:
        kept = []
        for ln in page.lines:
            zone = _in_zone(ln, page)
            if zone and (_fold(ln.text) in furniture or is_page_number(ln.text)):
                removed.setdefault(_fold(ln.text), ln.text)
                continue
            kept.append(ln)
        body, notes = _split_notes(kept, body_size)
        doc.footnotes += _notes_text(notes)
        if not body and page.has_image:
            scans.append(page.number)
        doc.blocks.append(Block("text", page_text(body, page.width), page=page.number))
        doc.pages.append(Page(page.number))
    doc.furniture = [t for t in removed.values() if not is_page_number(t)]
    if scans and ocr_missing:
        _ocr_pages(p, doc, scans)
    return doc


def _ocr_pages(p: Path, doc: ReadDocument, numbers: list[int]) -> None:
    for number, (text, confidence) in zip(numbers, ocr_pdf_pages(p, numbers), strict=True):
        doc.blocks[number - 1] = Block("text", text, page=number)
        doc.pages[number - 1] = Page(number, ocr=True, confidence=confidence)
