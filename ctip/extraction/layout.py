"""From a read document to units in reading order, and the document's text they index.

Text blocks (a text file, PDF or OCR pages) are cleaned into paragraphs (`cleaning`); DOCX
paragraphs are kept as they are (whitespace folded); a table is read by the table logic
(`tables`): a sub-item table gives one unit per row, any other table stays one table unit.
The document text is every unit's text joined by a blank line; each unit knows its span in it,
so a section can point back to the part of the document it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import Block, ReadDocument
from .cleaning import split_paragraphs
from .tables import TableRow, read_item_table

_ZERO_WIDTH_RE = re.compile(r"[\u200b\u200c\u200d\ufeff\u00ad]")


@dataclass(slots=True)
class Unit:
    """One paragraph, table row or table of the document, with its span in the document text.

    kind: "para", "row" (a sub-item table's row, read into `row`), or "table" (kept as `rows`).
    """

    kind: str
    text: str
    page: int | None = None
    level: int | None = None
    bold: bool = False
    row: TableRow | None = None
    rows: list[list[str]] | None = None
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class Layout:
    units: list[Unit]
    text: str
    furniture: list[str]


def _render_row(cells: list[str]) -> str:
    return " | ".join(" ".join(c.split()) for c in cells if c.strip())


def _table_units(block: Block) -> list[Unit]:
    rows = block.rows or []
    read = read_item_table(rows)
    if read is None:
        text = "\n".join(_render_row(r) for r in rows if any(c.strip() for c in r))
        return [Unit("table", text, page=block.page, rows=rows)] if text else []
    units = []
    for row in read:
        text = row.text or _render_row(
            [row.code or "", row.title or "", *row.body, *row.fields.values()]
        )
        units.append(Unit("row", text, page=block.page, row=row))
    return units


def _text_units(blocks: list[Block]) -> tuple[list[Unit], list[str]]:
    first = blocks[0].page or 1
    text = "\f".join(b.text for b in blocks)
    paragraphs, furniture = split_paragraphs(text)
    units = []
    for p in paragraphs:
        page = None if p.page is None else p.page + first - 1
        units.append(Unit("para", p.text, page=page))
    return units, furniture


def _paragraph_unit(block: Block) -> Unit | None:
    text = " ".join(_ZERO_WIDTH_RE.sub("", block.text).split())
    if not text:
        return None
    return Unit("para", text, page=block.page, level=block.level, bold=block.bold)


def layout(doc: ReadDocument) -> Layout:
    """Units in reading order, with spans into the joined document text."""
    units: list[Unit] = []
    furniture = list(doc.furniture)
    run: list[Block] = []
    for block in [*doc.blocks, None]:
        if block is not None and block.kind == "text":
            run.append(block)
            continue
        if run:
            found, removed = _text_units(run)
            units += found
            furniture += [r for r in removed if r not in furniture]
            run = []
        if block is None:
            break
        if block.kind == "table":
            units += _table_units(block)
        else:
            unit = _paragraph_unit(block)
            if unit is not None:
                units.append(unit)
    pos = 0
    for unit in units:
        unit.start, unit.end = pos, pos + len(unit.text)
        pos = unit.end + 2
    return Layout(units, "\n\n".join(u.text for u in units), furniture)
