"""Azerbaijani month names and official-style dates: finding them in text and writing them.

What ``find_dates`` treats as a date (each one reported once, matches never overlap, and an
impossible calendar date such as 31.02.2022 is dropped):

* day + month + year, day first:       ``5 mart 2022-ci il``, ``05 mart 2018-ci il``
* year + day + month, year first:      ``2022-ci il 5 mart``, ``2022-ci ilin 5 mart``
* year + genitive month + locative day: ``2022-ci il martın 19-da``
* numeric:                              ``06.09.2022``, ``06.09.2022-ci il``, ISO ``2022-09-06``
* ranges (``start < end``):             ``5-9 sentyabr 2022-ci il``, ``2022-ci ilin 5-9 sentyabr``,
  ``27 iyul-3 avqust 2022-ci il``, ``28 dekabr 2021-ci il-3 yanvar 2022-ci il``,
  ``2022-ci il sentyabrın 5-dən 9-dək``, ``01.09.2022-05.09.2022``

Line breaks and extra spaces may occur anywhere between the parts (text from PDFs:
``7 sentyabr 2022-\\nci il``). NOT dates: a bare year (``2022-ci il ərzində``, ``2020-ci ilin
əvvəlindən``), a month without a day (``2022-ci ilin mart ayında``, ``yanvar ayından``). A day and
month without a year (``5 mart``, ``martın 19-da``) is reported only when ``default_year`` is
given, and then takes that year; the year is never guessed from earlier text. A day-first range
whose start month is after its end month and has no year of its own (``28 dekabr-3 yanvar
2022-ci il``) starts in the previous year.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .casing import lower, search_key
from .numerals import format_ordinal

MONTHS: tuple[str, ...] = (
    "yanvar",
    "fevral",
    "mart",
    "aprel",
    "may",
    "iyun",
    "iyul",
    "avqust",
    "sentyabr",
    "oktyabr",
    "noyabr",
    "dekabr",
)
MONTHS_GENITIVE: tuple[str, ...] = (
    "yanvarın",
    "fevralın",
    "martın",
    "aprelin",
    "mayın",
    "iyunun",
    "iyulun",
    "avqustun",
    "sentyabrın",
    "oktyabrın",
    "noyabrın",
    "dekabrın",
)

# A month word in any common case (folded by search_key, so ı→i, ə→e): base, genitive,
# accusative, dative, locative, ablative, "until" (-dək) and the relative -dakı.
_MONTH_WORD = re.compile(
    rf"({'|'.join(MONTHS)})(?:[iu]n|[iu]|y?[ae]|d[ae]n?|(?:y?[ae])?d[ae]k|d[ae]ki)?"
)


@lru_cache(maxsize=1024)
def month_number(word: str) -> int | None:
    """Month number (1-12) of a month name in any case form and casing ("Martın" → 3), else None."""
    m = _MONTH_WORD.fullmatch(search_key(word))
    return MONTHS.index(m.group(1)) + 1 if m else None


@dataclass(frozen=True)
class DateMatch:
    """A date or date range found in text; ``end == start`` for a single date."""

    start: _dt.date
    end: _dt.date
    span: tuple[int, int]
    text: str


# ---- pattern pieces ----------------------------------------------------------------------
_NL = r"(?![^\W\d_])"  # not followed by a letter
_START = r"(?<![\w.,/])"  # a number that does not continue a number, code or word
# The same check written after a first digit, so the regex engine jumps from digit to digit:
_D1 = r"\d(?<![\w.,/]\d)\d?(?!\d)"  # a day that does not continue a number, code or word
_Y1 = r"\d(?<![\w.,/]\d)\d{3}(?!\d)"  # a year, likewise
_H = r"\s*[-‐‑–—]\s*"  # hyphen or dash, possibly around a line break
_MN = "|".join(MONTHS)
_M = rf"(?:{_MN}){_NL}"
_MG = rf"(?:(?:{_MN})[ıiuü]n|(?:{_MN})\s+ayının){_NL}"
_ORD = rf"(?:{_H}c[ıiuü]{_NL})"  # ordinal suffix of the year: 2022-ci
_IL = rf"(?:\s+il(?:də|dən|in)?{_NL})"  # the word "il" (year) after the year
_D = r"\d{1,2}(?!\d)"
_Y = r"\d{4}(?!\d)"
_UNTIL = rf"(?:d[əa]k|c[əa]n|[ny]?[aə]\s+qədər){_NL}"

# day [month [year]] - day  month   |   day month
_DAYS = (
    rf"(?P<d1>{_D1})(?:\s+(?P<m1>{_M})(?:\s+(?P<y1>{_Y}){_ORD}?{_IL}?)?{_H}(?P<d2>{_D})"
    rf"|{_H}(?P<d2b>{_D}))?\s+(?P<m2>{_M})"
)
# genitive month (or "mart ayının") + day: -də | D-D-də | -dən [month] D-dək | -dən (etibarən)
_GEN = (
    rf"(?P<mg>{_MG})\s+(?P<g1>{_D})(?:{_H}(?P<g1b>{_D}))?\s*-\s*(?:d[aə]{_NL}"
    rf"|d[aə]n\s+(?:(?P<mg2>{_MG})\s+)?(?P<g2>{_D})\s*-\s*{_UNTIL}|d[aə]n{_NL}"
    # between two days: fevralın 11-i ilə 15-i arasında
    rf"|s?[ıiuü]\s+ilə\s+(?:(?P<mg3>{_MG})\s+)?(?P<g3>{_D})\s*-\s*s?[ıiuü]\s+arasında{_NL}"
    # the day as the possessed noun: noyabrın 10-u, martın 6-sı, 10-unda, 10-undan, 10-unadək
    rf"|s?[ıiuü](?:n(?:d[aə]n?|[aə](?:d[əa]k|\s+qədər)?))?{_NL})"
)
# day month-ablative day month-dative-until: 30 iyuldan 15 avqustadək
_ABL = (
    rf"(?P<a1>{_D1})\s+(?P<am1>{_MN})d[aə]n\s+(?P<a2>{_D})\s+(?P<am2>{_MN})"
    rf"(?:y?[aə])?(?:d[əa]k|c[əa]n|\s+qədər){_NL}"
)
_WORDED = rf"(?:{_DAYS}|{_GEN}|{_ABL})"

# The patterns run on the text lowercased the Azerbaijani way (one character for one, so spans
# stay valid): much faster than re.IGNORECASE, and İ/I fold correctly.
_FLAGS = 0
_DAY_FIRST = re.compile(rf"{_DAYS}\s+(?P<y>{_Y}){_ORD}?{_IL}?", _FLAGS)
_YEAR_FIRST = re.compile(rf"(?P<y>{_Y1}){_ORD}?\s+il(?:in)?\s+{_WORDED}", _FLAGS)
# A relative year word not inside a word, its first letter consumed before the look-behind
# (as in _D1) so the regex engine skips to those letters.
_REL = r"(?P<rel>c(?<![^\W\d_]c)ari|b(?<![^\W\d_]b)u|ö(?<![^\W\d_]ö)tən|k(?<![^\W\d_]k)eçən)"
_RELATIVE = re.compile(rf"{_REL}\s+il(?:in)?\s+{_WORDED}", _FLAGS)
_YEARLESS = re.compile(rf"{_START}{_WORDED}", _FLAGS)
_NUM = rf"{_D}\.\d{{1,2}}\.{_Y}"
_NUMERIC = re.compile(
    rf"(?P<a>{_D1}\.\d{{1,2}}\.{_Y})(?:{_ORD}?{_IL}?(?:{_H}|\s+tarix(?:in)?d[əa]n\s+)(?P<b>{_NUM}))?"
    rf"{_ORD}?{_IL}?",
    _FLAGS,
)
# Days to a full date: 12–13.10.2021, and across months 28.02–03.03.2022.
_NUMERIC_DAYS = re.compile(
    rf"(?P<n1>{_D1})(?:\.(?P<m1>\d{{1,2}}))?{_H}(?P<n2>{_D})\.(?P<nm>\d{{1,2}})\.(?P<ny>{_Y})"
    rf"{_ORD}?{_IL}?",
    _FLAGS,
)
_ISO = re.compile(r"(?P<y>\d(?<![\w.,/-]\d)\d{3})-(?P<m>\d\d)-(?P<d>\d\d)(?![\w-])")
# A year named on its own ("2022-ci ildə", "2022-ci ilin"), or relative to the report's year:
# the year of the day-and-month dates after it in the same paragraph.
_CONTEXT_YEAR = re.compile(
    rf"(?P<y>\d(?<![\w.,/–—-]\d)\d{{3}}(?!\d)){_ORD}\s+il(?:in|də|i)?{_NL}(?!\s*[-–—])"
)
_CONTEXT_RELATIVE = re.compile(rf"{_REL}\s+il(?:in|də|i)?{_NL}")
# A number that may start a date (see _D1): every digit-led pattern above can match only at
# the start of one, so they are found once and each pattern is tried only where it can.
_NUMBER_RE = re.compile(r"\d(?<![\w.,/]\d)\d*")
_DASHES = "-‐‑–—"


def _date(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


_RELATIVE_NEEDLES = ("cari il", "bu il", "ötən il", "keçən il")


def _names_relative_year(low: str) -> bool:
    return any(needle in low for needle in _RELATIVE_NEEDLES)


def _relative_year(word: str, year: int) -> int:
    """The year a relative year word (`ötən`, `cari`) names, counted from the report's `year`."""
    return year - 1 if word.lower() in ("ötən", "keçən") else year


# A date's first and last day, None where the day does not exist (`31 iyun`).
_Days = tuple[_dt.date | None, _dt.date | None]
# Where a year is named before the dates it applies to: (position, year, only in its sentence).
_YearAt = tuple[int, int, bool]


def _month(word: str) -> int:
    """The number of a month name the date patterns matched (they match only month names)."""
    number = month_number(word)
    assert number is not None, word
    return number


def _worded(m: re.Match[str], year: int) -> _Days:
    g = m.groupdict()
    if g.get("mg"):
        month = _month(g["mg"].split()[0])
        later = g.get("mg2") or g.get("mg3")
        month2 = _month(later.split()[0]) if later else month
        last = g["g2"] or g.get("g3") or g["g1b"] or g["g1"]
        y1 = year - 1 if month > month2 else year  # dekabrın 29-dan yanvarın 3-dək
        return _date(y1, month, int(g["g1"])), _date(year, month2, int(last))
    if g.get("am1"):
        m1, m2 = _month(g["am1"]), _month(g["am2"])
        y1 = year - 1 if m1 > m2 else year
        return _date(y1, m1, int(g["a1"])), _date(year, m2, int(g["a2"]))
    m2 = _month(g["m2"])
    end = _date(year, m2, int(g["d2"] or g["d2b"] or g["d1"]))
    if g["m1"]:
        m1 = _month(g["m1"])
        y1 = int(g["y1"]) if g["y1"] else (year - 1 if m1 > m2 else year)
        return _date(y1, m1, int(g["d1"])), end
    return _date(year, m2, int(g["d1"])), end


def _numeric(s: str) -> _dt.date | None:
    d, m, y = s.split(".")
    return _date(int(y), int(m), int(d))


@dataclass
class _Starts:
    """Where the digit-led patterns may match, told by the number's length and the character
    after it: a day (1-2 digits) before a dot (`05.03.2018`) or before a space or dash
    (`5 mart`, `5-9 sentyabr`), a year (4 digits) before a space or dash (`2022-ci il`)."""

    day_dot: list[int]
    day_gap: list[int]
    day_any: list[int]
    year_gap: list[int]
    year_dash: list[int]


def _number_starts(text: str) -> _Starts:
    """The places where a number not continuing a number, code or word starts, by kind."""
    starts = _Starts([], [], [], [], [])
    for m in _NUMBER_RE.finditer(text):
        after = text[m.end() : m.end() + 1]
        gap = after.isspace() or (after != "" and after in _DASHES)
        digits = m.end() - m.start()
        if digits <= 2 and (gap or after == "."):
            (starts.day_gap if gap else starts.day_dot).append(m.start())
            starts.day_any.append(m.start())
        elif digits == 4 and gap:
            starts.year_gap.append(m.start())
            if after == "-":
                starts.year_dash.append(m.start())
    return starts


def _scan(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern that can match only at one of `starts`."""
    end = 0
    match = pattern.match
    for at in starts:
        if at >= end:
            m = match(text, at)
            if m is not None:
                end = m.end()
                yield m


def _explicit(text: str, starts: _Starts) -> Iterator[tuple[re.Match[str], _Days]]:
    """Dates that carry their own year."""
    for m in _scan(_DAY_FIRST, text, starts.day_gap):
        yield m, _worded(m, int(m["y"]))
    for m in _scan(_YEAR_FIRST, text, starts.year_gap):
        yield m, _worded(m, int(m["y"]))
    for m in _scan(_NUMERIC, text, starts.day_dot):
        a = _numeric(m["a"])
        yield m, (a, _numeric(m["b"]) if m["b"] else a)
    for m in _scan(_NUMERIC_DAYS, text, starts.day_any):
        y, mo = int(m["ny"]), int(m["nm"])
        m1 = int(m["m1"]) if m["m1"] else mo
        yield m, (_date(y - (m1 > mo), m1, int(m["n1"])), _date(y, mo, int(m["n2"])))
    for m in _scan(_ISO, text, starts.year_dash):
        a = _date(int(m["y"]), int(m["m"]), int(m["d"]))
        yield m, (a, a)


def _context_years(
    text: str, starts: _Starts, taken: list[tuple[int, int]], relative_to: int | None
) -> list[_YearAt]:
    """(position, year) of years named on their own, outside dates, in text order; relative
    ones (`ötən il`) only when `relative_to` (the report's year) is given."""
    out: list[_YearAt] = []
    for m in _scan(_CONTEXT_YEAR, text, starts.year_gap):
        if not any(s <= m.start() < e for s, e in taken):
            out.append((m.start(), int(m["y"]), False))
    if relative_to is not None:
        for m in _CONTEXT_RELATIVE.finditer(text):
            if not any(s <= m.start() < e for s, e in taken):
                out.append((m.start(), _relative_year(m["rel"], relative_to), True))
    return sorted(out)


def _year_before(
    text: str, pos: int, contexts: list[_YearAt], default_year: int | None
) -> int | None:
    """The year of the last year named before `pos` in its paragraph, else the default.

    A relative year (`ötən il`) and a full date's year hold only in their own sentence: in a
    later one `ötən il` is a comparison (`Ötən il bu göstərici 21 olmuşdur.`) and a date is
    one event, not the time of what follows.
    """
    para = text.rfind("\n\n", 0, pos)
    sentence = None
    for at, year, sentence_only in reversed(contexts):
        if para < at < pos:
            if sentence_only:
                if sentence is None:
                    begin = max(para, 0)
                    sentence = max(text.rfind(". ", begin, pos), text.rfind(".\n", begin, pos))
                if at < sentence:
                    continue
            return year
        if at <= para:
            break
    return default_year


def _candidates(text: str, default_year: int | None) -> Iterator[tuple[re.Match[str], _Days]]:
    starts = _number_starts(text)
    explicit = list(_explicit(text, starts))
    yield from explicit
    # Relative years (`ötən il`) count from the report's year, when it is given and named.
    relative_to = default_year if default_year is not None and _names_relative_year(text) else None
    if relative_to is not None:
        for m in _RELATIVE.finditer(text):
            yield m, _worded(m, _relative_year(m["rel"], relative_to))
    taken = [m.span() for m, _ in explicit]
    contexts = _context_years(text, starts, taken, relative_to)
    # A full date gives its year to the days after it in the same sentence (`2023-cü il 5 may
    # tarixli məktub … 12 may tarixində daxil olmuşdur`).
    dated = [(m.end(), end.year, True) for m, (_start, end) in explicit if end is not None]
    contexts = sorted(contexts + dated)
    if not contexts and default_year is None:
        return
    for m in _yearless(text, taken):
        year = _year_before(text, m.start(), contexts, default_year)
        if year is not None:
            yield m, _worded(m, year)


def _month_starts(text: str) -> list[int]:
    """Where the month names start, as `re.finditer("yanvar|fevral|…")` finds them (no two
    overlap), by substring search: much faster than a regex of alternatives."""
    found = []
    for name in MONTHS:
        at = text.find(name)
        while at != -1:
            found.append((at, at + len(name)))
            at = text.find(name, at + 1)
    found.sort()
    out, end = [], 0
    for start, stop in found:
        if start >= end:
            out.append(start)
            end = stop
    return out


def _yearless(text: str, taken: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """Day-and-month matches without a year: searched only around month names that stand
    outside the dates already found (most months in a report belong to full dates)."""
    searched = -1
    for at in _month_starts(text):
        if at < searched or any(s <= at < e for s, e in taken):
            continue
        m = _YEARLESS.search(text, max(0, at - 12, searched), at + 90)
        if m is not None and m.start() <= at:
            searched = m.end()
            yield m


def _same_length_lower(text: str) -> str:
    """`text` lowercased by Azerbaijani rules, one character for one."""
    low = lower(text)
    if len(low) == len(text):
        return low
    return "".join(c if len(lower(c)) != 1 else lower(c) for c in text)


def find_dates(text: str, default_year: int | None = None) -> list[DateMatch]:
    """All dates and date ranges in text, in order, without overlaps (see the module docstring)."""
    found = []
    for m, (start, end) in _candidates(_same_length_lower(text), default_year):
        if start is not None and end is not None and start <= end:
            found.append((m.start(), -m.end(), start, end))
    found.sort()
    result: list[DateMatch] = []
    last_end = -1
    for pos, neg_end, start, end in found:
        if pos >= last_end:
            result.append(DateMatch(start, end, (pos, -neg_end), text[pos:-neg_end]))
            last_end = -neg_end
    return _with_listed_days(text, result) if " və " in text else result


# A day joined by `və` to a one-day date takes its month and year: `12 və 19 may`,
# `sentyabrın 5-də və 19-da`.
_DAY_BEFORE_RE = re.compile(r"(?<![\w.,/])(\d{1,2})\s+və\s+$")
_DAY_AFTER_RE = re.compile(r"\s+və\s+(\d{1,2})\s*-\s*(?:d[aə]|t[aə])(?![^\W\d_])")


def _with_listed_days(text: str, dates: list[DateMatch]) -> list[DateMatch]:
    out: list[DateMatch] = []
    for i, d in enumerate(dates):
        s, e = d.span
        if d.start == d.end and text[s : s + 1].isdigit():
            m = _DAY_BEFORE_RE.search(text, max(0, s - 12), s)
            if m and (not out or out[-1].span[1] <= m.start()):
                day = _date(d.start.year, d.start.month, int(m.group(1)))
                if day and day < d.start:
                    out.append(DateMatch(day, day, (m.start(1), m.end(1)), m.group(1)))
        out.append(d)
        if d.start == d.end and text[e - 2 : e].lower() in ("də", "da"):
            m = _DAY_AFTER_RE.match(text, e)
            nxt = dates[i + 1].span[0] if i + 1 < len(dates) else len(text)
            if m and m.end() <= nxt:
                day = _date(d.start.year, d.start.month, int(m.group(1)))
                if day and day > d.start:
                    out.append(
                        DateMatch(day, day, (m.start(1), m.end()), text[m.start(1) : m.end()])
                    )
    return out


def format_date(d: _dt.date) -> str:
    """Official style: "5 mart 2022-ci il" (no leading zero, lowercase month, ordinal year)."""
    return f"{d.day} {MONTHS[d.month - 1]} {format_ordinal(d.year)} il"


def format_range(a: _dt.date, b: _dt.date) -> str:
    """Official style range: "5-9 sentyabr 2022-ci il", "27 iyul-3 avqust 2022-ci il"."""
    if a > b:
        raise ValueError(f"range start {a} is after its end {b}")
    if a == b:
        return format_date(a)
    if a.year != b.year:
        return f"{format_date(a)}-{format_date(b)}"
    if a.month != b.month:
        return f"{a.day} {MONTHS[a.month - 1]}-{format_date(b)}"
    return f"{a.day}-{format_date(b)}"
