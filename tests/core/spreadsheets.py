"""Helpers for round-trip tests: the rows of a page's table, of a downloaded XLSX and CSV."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr" and not self._in_head:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def page_rows(html: str, table: int = 0) -> list[list[str]]:
    """The rows (outside <thead>) of the page's `table`-th table, each a list of cell texts."""
    parser = _Tables()
    parser.feed(html)
    return parser.tables[table]


def xlsx_sheets(content: bytes) -> dict[str, list[list]]:
    """Every sheet of a workbook: title -> rows (header first), values as openpyxl reads them."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(content), read_only=True)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "CSV without the byte-order mark Excel needs"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
