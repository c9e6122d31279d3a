"""Tables as spreadsheets: the rows a page shows, downloaded as XLSX (openpyxl) or CSV.

A view builds a `Table` from the same filtered rows it renders (headers in the reader's
language, dates as dates, numbers as numbers) and hands it to `download` when the query string
asks for `?format=xlsx` or `?format=csv`. Text that a spreadsheet would run as a formula
(starting with = + - @ tab or carriage return) is prefixed with an apostrophe.

No request builds a big file: when the view says how many rows its table has (`count`) and they
are more than settings.CTIP_SPREADSHEET_JOB_ROWS, the download becomes a job (ctip.jobs.
spreadsheets), which calls the same view again as its owner, in the worker.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD.MM.YYYY"  # the Azerbaijani numeric date, as Excel shows it
MAX_SHEET_TITLE = 31


@dataclass
class Sheet:
    """One table: a title (the sheet's name), the headers, and the rows of cell values."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]


@dataclass
class Table:
    """What a page offers for download: a file name without extension, and its sheets."""

    stem: str
    sheets: list[Sheet] = field(default_factory=list)


def safe_text(value: str) -> str:
    """`value`, prefixed with an apostrophe when a spreadsheet would take it for a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def cell(value: Any) -> Any:
    """A value as a spreadsheet cell: dates stay dates (aware datetimes in local time, without
    zone), numbers stay numbers, text is made safe, None stays empty."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)
    if isinstance(value, bool | int | float | dt.date):
        return value
    return safe_text(str(value))


def to_xlsx(table: Table) -> bytes:
    """The workbook: a sheet per table, bold frozen header row, dates formatted as dates."""
    from openpyxl import Workbook  # heavy: only when a workbook is asked for
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in table.sheets:
        ws = wb.create_sheet(_sheet_title(sheet.title, wb.sheetnames))
        ws.freeze_panes = "A2"
        header = []
        for h in sheet.headers:
            c = WriteOnlyCell(ws, value=cell(str(h)))
            c.font = bold
            header.append(c)
        ws.append(header)
        for row in sheet.rows:
            ws.append([_xlsx_cell(ws, v, WriteOnlyCell) for v in row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _xlsx_cell(ws, value, cell_class):
    value = cell(value)
    if isinstance(value, dt.date):
        c = cell_class(ws, value=value)
        c.number_format = DATE_FORMAT + (" HH:MM" if isinstance(value, dt.datetime) else "")
        return c
    return value


def _sheet_title(title: str, taken: list[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in str(title)).strip() or "Sheet"
    clean = clean[:MAX_SHEET_TITLE]
    n = 2
    while clean in taken:
        suffix = f" ({n})"
        clean = clean[: MAX_SHEET_TITLE - len(suffix)] + suffix
        n += 1
    return clean


def to_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark (Excel then reads ə ğ ı correctly); dates as ISO dates;
    several sheets one after the other, each under its title, a blank line between."""
    out = io.StringIO()
    writer = csv.writer(out)
    many = len(table.sheets) > 1
    for n, sheet in enumerate(table.sheets):
        if many:
            if n:
                writer.writerow([])
            writer.writerow([cell(str(sheet.title))])
        writer.writerow([cell(str(h)) for h in sheet.headers])
        for row in sheet.rows:
            writer.writerow([_csv_value(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_value(value: Any) -> Any:
    value = cell(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else value


def requested_format(request: HttpRequest) -> str | None:
    fmt = request.GET.get("format", "")
    return fmt if fmt in FORMATS else None


def response(table: Table, fmt: str) -> HttpResponse:
    data = to_xlsx(table) if fmt == "xlsx" else to_csv(table)
    resp = HttpResponse(data, content_type=FORMATS[fmt])
    resp["Content-Disposition"] = f'attachment; filename="{table.stem}.{fmt}"'
    resp["Cache-Control"] = "private, no-store"
    return resp
