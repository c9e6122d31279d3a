"""What the preamble says: which agency reports, for which year, on which plan.

* agency: a body named as the one the plan's items "pertain to" (`… Nazirliyinə aid
  yarımbəndlərinin`), else the first national body not in the dative (the letterhead or
  `… Komitəsinin … hesabatı`; a dative names the addressee), else the same in the running
  header or footer; a sub-unit (a ministry's department under its letterhead) reports for
  its parent body, the plan's executor;
* year: the first `2022-ci il`/`2022-ci ildə`/`2022-ci il üzrə` that is not part of a date
  and not a range of years (`2020–2024-cü illər`);
* plan: `2020–2024-cü illər üçün Milli Fəaliyyət Planı` gives the years and the code
  `NAP-2020-2024`; a plan named without years gives only its name.
"""

from __future__ import annotations

import re

from ctip.azlang import find_dates
from ctip.reference import organization_by_abbr

from .organizations import find_organizations
from .textutil import az_lower

_YEAR_RE = re.compile(r"(?<![\d–—-])((?:19|20)\d{2})\s?-\s?c[iıuü]\s+il(?:də|in|i|ə)?(?![^\W\d_])")
_PLAN_RE = re.compile(
    r"((?:19|20)\d{2})\s*[–—-]\s*((?:19|20)\d{2})\s?-\s?c[iıuü]\s+illər\s+üçün\s+"
    r"(Milli\s+Fəaliyyət\s+Plan|Dövlət\s+Proqram|Fəaliyyət\s+Plan|Tədbirlər\s+Plan)",
    re.I,
)
_PLAN_NAME_RE = re.compile(r"(Milli\s+Fəaliyyət\s+Plan)", re.I)
# The years in brackets after the name: `Milli Fəaliyyət Planının (2020–2024)`.
_PLAN_BRACKET_RE = re.compile(
    r"(Milli\s+Fəaliyyət\s+Plan|Dövlət\s+Proqram|Tədbirlər\s+Plan)[^\W\d_]*[”»\"]?\s*"
    r"\(\s*((?:19|20)\d{2})\s*[–—-]\s*((?:19|20)\d{2})",
    re.I,
)
_NATIONAL = {"government", "sub_unit"}


def _agency(text: str) -> dict | None:
    orgs = [o for o in find_organizations(text) if o["kind"] in _NATIONAL]
    for org in orgs:
        if re.match(r"\s+aid\b", text[org["span"][1] :]):
            return _executor(org)
    for org in orgs:
        if not az_lower(org["text"]).endswith(("ə", "a", "yə", "ya")):
            return _executor(org)
    return None


def _executor(org: dict) -> dict:
    """A sub-unit's parent body (`İnsan alverinə qarşı mübarizə baş idarəsi` -> DİN)."""
    parent = (
        organization_by_abbr().get(org.get("parent") or "") if org["kind"] == "sub_unit" else None
    )
    return {"abbr": parent["abbr"], "name": parent["name_az"]} if parent else org


def _year(text: str) -> int | None:
    dates = [d.span for d in find_dates(text)]
    for m in _YEAR_RE.finditer(text):
        if not any(s <= m.start() < e for s, e in dates):
            return int(m.group(1))
    return None


def _plan(text: str) -> dict | None:
    m = _PLAN_RE.search(text)
    if m:
        start, end = int(m.group(1)), int(m.group(2))
        code = f"NAP-{start}-{end}" if m.group(3).lower().startswith("milli") else None
        return {"years": [start, end], "code": code, "name": " ".join(m.group(3).split()) + "ı"}
    m = _PLAN_BRACKET_RE.search(text)
    if m:
        start, end = int(m.group(2)), int(m.group(3))
        code = f"NAP-{start}-{end}" if m.group(1).lower().startswith("milli") else None
        return {"years": [start, end], "code": code, "name": " ".join(m.group(1).split()) + "ı"}
    m = _PLAN_NAME_RE.search(text)
    if m:
        return {"years": None, "code": None, "name": " ".join(m.group(1).split()) + "ı"}
    return None


def read_preamble(text: str, furniture: list[str] | None = None) -> dict:
    """{"agency", "agency_name", "year", "plan"} from the preamble (and running lines)."""
    extra = "\n\n".join(furniture or [])
    org = _agency(text) or (_agency(extra) if extra else None)
    return {
        "agency": org["abbr"] if org else None,
        "agency_name": org["name"] if org else None,
        "year": _year(text) or (_year(extra) if extra else None),
        "plan": _plan(text) or (_plan(extra) if extra else None),
    }
