"""Case statistics counted per registration month, and kept.

A month's tallies (cases per day, per kind, per form of exploitation; persons per citizenship,
sex, age and readmission; referral decisions) come from a handful of grouped queries over that
month's rows. They are cached under the month and its change token (models.StatisticsMonth,
renewed by database triggers on every write to that month's cases, persons and referrals), so a
year's figures, or every year's, add up the cached months and count again only the months
changed since: after a new case, one month of rows, not a year or ten.

The tokens are read before a month is counted: a write that lands in between is either counted
(and the tally, filed under the older token, is simply not met again) or renews the token after
the count; a cached tally is never older than its token. Reads only: the caller checks who may
read (selectors.case_statistics)."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import caches
from django.db.models import Count, QuerySet

from ctip.core.dbfunctions import YearMonth

from .models import Case, Person, Referral, StatisticsMonth

# Grouped with the month, from the covering indexes led by the registration date.
KIND_FIELDS = ("trafficking_status", "channel", "status")
PERSON_FIELDS = ("citizenship", "sex", "age_at_registration", "readmitted")
# Part of every key: changing what a Tallies holds needs a new one, so that no older pickle is read.
SHAPE = 1


def _counters(fields: tuple[str, ...]) -> dict[str, Counter[Any]]:
    return {f: Counter() for f in fields}


@dataclass
class Tallies:
    """Counts of one month, or of several added up."""

    days: Counter[dt.date] = field(default_factory=Counter)  # cases per registration day
    kinds: dict[str, Counter[Any]] = field(default_factory=lambda: _counters(KIND_FIELDS))
    who: dict[str, Counter[Any]] = field(default_factory=lambda: _counters(PERSON_FIELDS))
    exploitation: Counter[str] = field(default_factory=Counter)  # a case counts in each form
    decisions: Counter[str] = field(default_factory=Counter)  # competent-authority referrals

    def add(self, other: Tallies) -> Tallies:
        self.days.update(other.days)
        for mine, theirs in ((self.kinds, other.kinds), (self.who, other.who)):
            for name, counts in theirs.items():
                mine[name].update(counts)
        self.exploitation.update(other.exploitation)
        self.decisions.update(other.decisions)
        return self


def tallies(year: int | None) -> Tallies:
    """One registration year's tallies, or every year's added up (year None).

    Kept at two levels: each month's, and each year's sum under a digest of its months' tokens.
    Every year's figures read ten or so kept sums; after a change, the changed month is counted
    again and its year summed from its twelve months."""
    tokens = StatisticsMonth.objects.values_list("month", "token")
    if year is not None:
        tokens = tokens.filter(month__gte=year * 100, month__lt=(year + 1) * 100)
    months: dict[int, dict[int, int]] = {}  # year -> month -> token
    for month, token in tokens:
        if month and not (1 <= month % 100 <= 12 and 1 <= month // 100 <= 9999):
            continue  # not a month: no trigger writes it
        months.setdefault(month // 100, {})[month] = token
    year_keys = {y: _key("year", y, sorted(m.items())) for y, m in months.items()}
    sums = _kept(year_keys, lambda years: _sum_years({y: months[y] for y in years}))
    return _summed(sums[y] for y in sorted(months))


def _key(level: str, unit: int, tokens: Any) -> str:
    digest = hashlib.blake2b(repr(tokens).encode(), digest_size=12).hexdigest()
    return f"ctip:cases:tallies:{SHAPE}:{level}:{unit}:{digest}"


def _kept(
    keys: dict[int, str], count: Callable[[list[int]], dict[int, Tallies]]
) -> dict[int, Tallies]:
    """Each unit's tallies (a month's, a year's) from the figures cache under its key; those not
    kept are counted, all at once, and kept."""
    figures = caches["figures"]
    kept = figures.get_many(list(keys.values()))
    missing = sorted(unit for unit, key in keys.items() if key not in kept)
    counted = count(missing) if missing else {}
    if counted:
        figures.set_many({keys[unit]: counted[unit] for unit in missing})
    return {unit: kept[key] if key in kept else counted[unit] for unit, key in keys.items()}


def _sum_years(stale: dict[int, dict[int, int]]) -> dict[int, Tallies]:
    """The years' sums from their months' tallies: the kept ones, the others counted (and kept)."""
    keys = {m: _key("month", m, token) for months in stale.values() for m, token in months.items()}
    kept = _kept(keys, count_months)
    return {y: _summed(kept[m] for m in sorted(months)) for y, months in stale.items()}


def _summed(parts: Iterable[Tallies]) -> Tallies:
    return functools.reduce(Tallies.add, parts, Tallies())


def count_months(months: list[int]) -> dict[int, Tallies]:
    """Count months (year * 100 + month) in the database: one grouped query of each kind from the
    first to the last of them, grouped by month too. Month 0: persons of cases without a
    registration date."""
    counted = {m: Tallies() for m in months}
    persons = Person.objects.order_by().filter(case__isnull=False)
    if 0 in counted:
        counted[0].who = _grouped(persons.filter(registered_on__isnull=True), PERSON_FIELDS)
    dated = [m for m in months if m]
    if not dated:
        return counted
    first = dt.date(dated[0] // 100, dated[0] % 100, 1)
    after = (dt.date(dated[-1] // 100, dated[-1] % 100, 1) + dt.timedelta(days=31)).replace(day=1)
    span = {"registered_on__gte": first, "registered_on__lt": after}
    cases = Case.objects.order_by().filter(**span)
    referrals = Referral.objects.order_by().filter(
        kind=Referral.Kind.COMPETENT_AUTHORITY,
        case__registered_on__gte=first,
        case__registered_on__lt=after,
    )
    for day, n in cases.values_list("registered_on").annotate(n=Count("*")):
        if (t := counted.get(day.year * 100 + day.month)) is not None:
            t.days[day] += n
    for month, counts in _by_month(cases, "registered_on", KIND_FIELDS):
        if (t := counted.get(month)) is not None:
            t.kinds = counts
    for month, counts in _by_month(persons.filter(**span), "registered_on", PERSON_FIELDS):
        if (t := counted.get(month)) is not None:
            t.who = counts
    for month, counts in _by_month(cases, "registered_on", ("exploitation",)):
        if (t := counted.get(month)) is not None:
            for forms, n in counts["exploitation"].items():
                for form in forms or ["unknown"]:
                    t.exploitation[form] += n
    for month, counts in _by_month(referrals, "case__registered_on", ("decision",)):
        if (t := counted.get(month)) is not None:
            t.decisions = counts["decision"]
    return counted


def _by_month(
    qs: QuerySet[Any], date: str, fields: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, Counter[Any]]]]:
    """Rows counted per month and value of each field, from one query grouped by all of them
    (COUNT(*): the columns alone, so that a covering index answers without reading the rows)."""
    months: dict[int, dict[str, Counter[Any]]] = {}
    rows = qs.annotate(month=YearMonth(date)).values("month", *fields).annotate(n=Count("*"))
    for row in rows:
        month = int(row["month"][:4]) * 100 + int(row["month"][5:7])
        counts = months.setdefault(month, _counters(fields))
        for f in fields:
            key = tuple(row[f]) if isinstance(row[f], list) else row[f]
            counts[f][key] += row["n"]
    return iter(months.items())


def _grouped(qs: QuerySet[Any], fields: tuple[str, ...]) -> dict[str, Counter[Any]]:
    """Rows counted per value of each field, from one query grouped by all of them."""
    counts = _counters(fields)
    for row in qs.values(*fields).annotate(n=Count("*")):
        for f in fields:
            counts[f][row[f]] += row["n"]
    return counts
