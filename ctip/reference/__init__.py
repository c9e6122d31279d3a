"""Reference data shipped as JSON: organisations (agencies) and countries. Stdlib only.

Both lists are read once and cached; callers get fresh lists of dicts they may not mutate.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent

ORG_KINDS = ("government", "sub_unit", "international", "ngo", "foreign_government")


@cache
def _load(name: str) -> tuple[dict, ...]:
    with (_HERE / name).open(encoding="utf-8") as fh:
        return tuple(json.load(fh))


def organizations() -> tuple[dict, ...]:
    """Organisations: abbr (unique), name_az/en/ru, kind, parent (abbr|None), aliases, responsible."""
    return _load("organizations.json")


def countries() -> tuple[dict, ...]:
    """ISO 3166 countries: code (alpha-2), name_az, name_en, name_ru, aliases (az)."""
    return _load("countries.json")


@cache
def organization_by_abbr() -> dict[str, dict]:
    return {o["abbr"]: o for o in organizations()}


@cache
def country_by_code() -> dict[str, dict]:
    return {c["code"]: c for c in countries()}
