"""Deadlines of an action plan's measures ("İcra müddəti"), read from Azerbaijani text.

What ``parse_deadline`` understands (case, spacing and a final full stop do not matter):

* a year:       ``2021-ci il`` (also ``2021-ci il ərzində``) → 1 January to 31 December
* a quarter:    ``2022-ci ilin II rübü``, ``2022-ci ilin 2-ci rübü``, ``2022-ci ilin ikinci rübü``
                → the quarter's first and last day
* a range:      ``2020–2024-cü illər``, ``2021-2022-ci illər`` (en dash, hyphen or em dash)
                → 1 January of the first year to 31 December of the last
* every year:   ``Hər il`` → kind ``annual``, no dates
* continuous:   ``Mütəmadi olaraq``, ``Daim``, ``Daimi olaraq`` → kind ``continuous``, no dates

Anything else is kept as written with kind ``unknown``. Pure Python, no Django.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .casing import lower
from .numerals import format_ordinal

KINDS = ("year", "quarter", "range", "annual", "continuous", "unknown")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ROMAN_OUT = {1: "I", 2: "II", 3: "III", 4: "IV"}
_WORDS = {"birinci": 1, "ikinci": 2, "üçüncü": 3, "dördüncü": 4}
_SUFFIX = r"-?(?:ci|cı|cu|cü)"
_YEAR = r"(\d{4})" + _SUFFIX
_DASH = r"\s*[-–—]\s*"

_YEAR_RE = re.compile(rf"{_YEAR}\s+il(?:\s+ərzində)?")
_QUARTER_RE = re.compile(
    rf"{_YEAR}\s+ilin\s+([iı]v|[iı]{{1,3}}|[1-4]{_SUFFIX}|birinci|ikinci|üçüncü|dördüncü)\s+rübü"
    r"(?:\s+ərzində)?"
)
_RANGE_RE = re.compile(rf"(\d{{4}}){_DASH}{_YEAR}\s+illər(?:\s+ərzində)?")
_ANNUAL_RE = re.compile(r"hər\s+il(?:\s+ərzində)?")
_CONTINUOUS_RE = re.compile(r"(?:mütəmadi|daim|daimi)(?:\s+olaraq)?")
_MIN_YEAR, _MAX_YEAR = 1900, 2199


@dataclass(frozen=True, slots=True)
class Deadline:
    """A parsed deadline: its kind, first and last day (None for annual/continuous/unknown) and
    the text as written."""

    kind: str
    start: dt.date | None = None
    end: dt.date | None = None
    text: str = ""

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        """True if the measure is to be carried out during [start, end]: always for annual,
        continuous and unknown deadlines; for dated ones when the two intervals meet."""
        if self.start is None or self.end is None:
            return True
        return self.start <= end and start <= self.end


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", lower(text or "")).strip().rstrip(".").strip()


def _quarter_number(token: str) -> int:
    # az-lowercasing turns the Roman I into a dotless ı
    roman = token.replace("ı", "i")
    if roman in _ROMAN:
        return _ROMAN[roman]
    if token in _WORDS:
        return _WORDS[token]
    return int(token[0])


def _quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first_month = 3 * (quarter - 1) + 1
    start = dt.date(year, first_month, 1)
    nxt = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, first_month + 3, 1)
    return start, nxt - dt.timedelta(days=1)


def _ok_year(year: int) -> bool:
    return _MIN_YEAR <= year <= _MAX_YEAR


def parse_deadline(text: str) -> Deadline:
    """The deadline written in `text` (see the module docstring); kind ``unknown`` otherwise."""
    written = re.sub(r"\s+", " ", text or "").strip()
    s = _normal(text)
    if m := _YEAR_RE.fullmatch(s):
        year = int(m.group(1))
        if _ok_year(year):
            return Deadline("year", dt.date(year, 1, 1), dt.date(year, 12, 31), written)
    elif m := _QUARTER_RE.fullmatch(s):
        year = int(m.group(1))
        if _ok_year(year):
            start, end = _quarter_bounds(year, _quarter_number(m.group(2)))
            return Deadline("quarter", start, end, written)
    elif m := _RANGE_RE.fullmatch(s):
        first, last = int(m.group(1)), int(m.group(2))
        if _ok_year(first) and _ok_year(last) and first < last:
            return Deadline("range", dt.date(first, 1, 1), dt.date(last, 12, 31), written)
    elif _ANNUAL_RE.fullmatch(s):
        return Deadline("annual", None, None, written)
    elif _CONTINUOUS_RE.fullmatch(s):
        return Deadline("continuous", None, None, written)
    return Deadline("unknown", None, None, written)


def format_deadline(kind: str, start: dt.date | None = None, end: dt.date | None = None) -> str:
    """A deadline in the plan's own Azerbaijani style ("2022-ci ilin II rübü", "Hər il")."""
    if kind == "annual":
        return "Hər il"
    if kind == "continuous":
        return "Mütəmadi olaraq"
    if kind == "year" and start:
        return f"{format_ordinal(start.year)} il"
    if kind == "quarter" and start:
        return f"{format_ordinal(start.year)} ilin {_ROMAN_OUT[(start.month - 1) // 3 + 1]} rübü"
    if kind == "range" and start and end:
        return f"{start.year}–{format_ordinal(end.year)} illər"
    return ""
