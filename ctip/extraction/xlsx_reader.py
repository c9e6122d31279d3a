"""XLSX with openpyxl: every sheet as a table, handed to the same table logic as DOCX tables.

A merged range keeps its value in its first cell only, so it is read once. Numbers that are
whole are written without `.0`, dates as ISO days. A sheet whose rows have at most one filled
cell (a narrative typed into column A) gives paragraphs instead of a table.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .blocks import Block, ReadDocument
from .errors import ExtractionError

MAX_CELLS = 200_000  # a sheet larger than this is not a report


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").strip()


def _sheet_rows(ws) -> list[list[str]]:
    rows = []
    for values in ws.iter_rows(values_only=True):
        row = [_cell(v) for v in values]
        while row and not row[-1]:
            row.pop()
        rows.append(row)
    while rows and not rows[-1]:
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows if any(r)]


def _sheet_blocks(rows: list[list[str]]) -> list[Block]:
    if all(sum(1 for c in r if c) <= 1 for r in rows):
        return [Block("paragraph", next(c for c in r if c)) for r in rows]
    return [Block("table", rows=rows)]


def read_xlsx_document(p: Path) -> ReadDocument:
    """Read every sheet of a size-checked XLSX file."""
    import openpyxl  # heavy; uses defusedxml when installed

    try:
        wb = openpyxl.load_workbook(str(p), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on broken parts
        raise ExtractionError(f"{p}: corrupt XLSX ({type(exc).__name__})") from None
    blocks: list[Block] = []
    try:
        for ws in wb.worksheets:
            if (ws.max_row or 0) * (ws.max_column or 0) > MAX_CELLS:
                raise ExtractionError(f"{p}: XLSX sheet {ws.title!r} is too large")
            blocks += _sheet_blocks(_sheet_rows(ws))
    finally:
        wb.close()
    return ReadDocument("xlsx", blocks=blocks)
