"""`organization` facts: agencies and bodies from ctip/reference/organizations.json.

Rules (see FORMAT.md): longest match wins; a parent named right before its sub-unit
("Daxili İşlər Nazirliyinin İnsan alverinə qarşı mübarizə baş idarəsi", "... Nazirliyi
yanında Dövlət Əmək Müfəttişliyi Xidməti", "BMT-nin ... Komitə") is one fact for the
sub-unit; a name followed by its own abbreviation ("Beynəlxalq Miqrasiya Təşkilatı (BMqT)")
is one fact; a leading "Azərbaycan Respublikası(nın)" belongs to a national body's span.
Generic words ("Xidmət" = "the Service") are never matched.
"""

from __future__ import annotations

import re

from ctip.reference import organization_by_abbr

from .gazetteer import Match
from .names import name_matches

_NATIONAL = {"government", "sub_unit"}
_PARENT_GAP_RE = re.compile(r"\s+(?:yanında\s+)?")
_APPOSITION_GAP_RE = re.compile(r"\s*[–—-]?\s*\(?\s*")


def _ancestors(abbr: str) -> set[str]:
    by = organization_by_abbr()
    out: set[str] = set()
    parent = by[abbr]["parent"]
    while parent and parent not in out:
        out.add(parent)
        parent = by[parent]["parent"]
    return out


def _merge(text: str, matches: list[Match]) -> list[Match]:
    merged: list[Match] = []
    for m in matches:
        if merged:
            prev = merged[-1]
            gap = text[prev.end : m.start]
            if (
                m.key != prev.key
                and prev.key in _ancestors(m.key)
                and _PARENT_GAP_RE.fullmatch(gap)
            ):
                merged[-1] = Match(m.key, prev.start, m.end, m.fuzzy)
                continue
            if m.key == prev.key and _APPOSITION_GAP_RE.fullmatch(gap):
                end = m.end
                if "(" in gap and text[end : end + 1] == ")":
                    end += 1
                merged[-1] = Match(prev.key, prev.start, end, prev.fuzzy)
                continue
        merged.append(m)
    return merged


_AZ_PREFIX_RE = re.compile(
    r"(?:Azərbaycan|AZƏRBAYCAN)\s+(?:Respublikası(?:nın)?|RESPUBLİKASI(?:NIN)?)\s+$"
)


_STATE_WORDS_RE = re.compile(
    r"(?:\s+(?:İslam|Xalq|Federativ|Demokratik|Birləşmiş|Ərəb)){0,2}"
    r"(?:\s+(?:Respublikası|Federasiyası|Krallığı|Hökuməti)(?:nın|nin)?)?\s+$"
)


def _foreign(text: str, start: int) -> bool:
    """A foreign country's name right before `start`: the body is that country's
    (`Türkiyə Respublikası Ədliyyə Nazirliyi`, `Gürcüstanın Baş Prokurorluğu`)."""
    for m in name_matches(text)[1]:
        if start - 80 <= m.end <= start and m.key != "AZ":
            if _STATE_WORDS_RE.fullmatch(text, m.end, start):
                return True
    return False


def find_organizations(text: str) -> list[dict]:
    """Organisation facts (see the module docstring); a national body named after a foreign
    country (`Gürcüstanın Baş Prokurorluğu`) is that country's, not ours, and is left out."""
    by = organization_by_abbr()
    facts = []
    for m in _merge(text, list(name_matches(text)[0])):
        org = by[m.key]
        start = m.start
        if org["kind"] in _NATIONAL and _foreign(text, start):
            continue
        if org["kind"] in _NATIONAL:
            pre = _AZ_PREFIX_RE.search(text, max(0, start - 40), start)
            if pre:
                start = pre.start()
        # “Təmiz Dünya” Qadınlara ... : take the opening quote of a quoted name along.
        if start > 0 and text[start - 1] in '“"«' and any(q in text[start : m.end] for q in '”"»'):
            start -= 1
        fact = {
            "type": "organization",
            "text": text[start : m.end],
            "span": [start, m.end],
            "abbr": org["abbr"],
            "name": org["name_az"],
            "kind": org["kind"],
            "parent": org["parent"],
        }
        if m.fuzzy:
            fact["fuzzy"] = True
        facts.append(fact)
    return facts
