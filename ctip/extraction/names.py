"""Organisations and countries named in a text, read from one scan of it.

Both gazetteers look for names at the same places (word starts), so one trie regex over the
text finds where either may start (`gazetteer.find_all`). Organisations ask for the countries
too (a body named after a foreign country is that country's), so the matches of the last
texts read are kept: one section's organisations and countries share them.
"""

from __future__ import annotations

from functools import lru_cache

from ctip.reference import countries, organizations

from .gazetteer import Gazetteer, Match, find_all, is_abbreviation


@lru_cache(maxsize=1)
def organization_gazetteer() -> Gazetteer:
    """Organisations by name, alias and abbreviation (a transposed letter is tolerated)."""
    names: list[tuple[str, str]] = []
    abbrevs: list[tuple[str, str]] = []
    for org in organizations():
        key = org["abbr"]
        for phrase in (org["name_az"], *org["aliases"]):
            (abbrevs if is_abbreviation(phrase) else names).append((key, phrase))
        if is_abbreviation(key):
            abbrevs.append((key, key))
    return Gazetteer(names, abbrevs, fuzzy=True)


@lru_cache(maxsize=1)
def country_gazetteer() -> Gazetteer:
    """Countries by their Azerbaijani name and aliases."""
    names: list[tuple[str, str]] = []
    abbrevs: list[tuple[str, str]] = []
    for c in countries():
        for phrase in (c["name_az"], *c["aliases"]):
            (abbrevs if is_abbreviation(phrase) else names).append((c["code"], phrase))
    return Gazetteer(names, abbrevs)


@lru_cache(maxsize=2)  # the section being read: its organisations, then its countries ask
def name_matches(text: str) -> tuple[tuple[Match, ...], tuple[Match, ...]]:
    """(organisation matches, country matches) in `text`."""
    orgs, found = find_all((organization_gazetteer(), country_gazetteer()), text)
    return tuple(orgs), tuple(found)
