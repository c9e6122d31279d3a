"""Whole numbers from query parameters, bounded, so that no database is handed a number it
cannot bind (SQLite stops at 64 bits and answers with an error instead of "nothing found");
dates in ISO form."""

from __future__ import annotations

import datetime as dt

MAX_ID = 2**63 - 1


def int_param(value, *, low: int = 0, high: int = MAX_ID) -> int | None:
    """`value` as an int when it is plain ASCII digits within [low, high]; else None (ignored)."""
    text = str(value if value is not None else "").strip()
    if not text or not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    number = int(text)
    return number if low <= number <= high else None


def date_param(value) -> dt.date | None:
    """`value` as a date when it is an ISO date (YYYY-MM-DD); else None (ignored)."""
    text = str(value if value is not None else "").strip()
    if len(text) != 10 or not text.isascii():
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
