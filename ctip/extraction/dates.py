"""`date` facts, found by ctip.azlang.find_dates (dates, ranges, `2022-ci il`, `05.03.2018`)."""

from __future__ import annotations

from ctip.azlang import find_dates


def find_date_matches(text: str, default_year: int | None = None) -> list:
    return list(find_dates(text, default_year=default_year))


def date_facts(text: str, matches: list) -> list[dict]:
    facts = []
    for d in matches:
        s, e = d.span
        facts.append(
            {
                "type": "date",
                "text": text[s:e],
                "span": [s, e],
                "start": d.start.isoformat(),
                "end": d.end.isoformat(),
            }
        )
    return facts
