"""Tokenising text for search: word spans with their search keys."""

from __future__ import annotations

import re

from .casing import lower, search_key
from .lemma import _SUFFIX_TAIL

_TOKEN = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+(?:['’](?:[^\W_]|[\u0300-\u036f])+)*")


def search_tokens(text: str) -> list[tuple[str, int, int]]:
    """Words of text as (search_key(word), start, end), end exclusive.

    A hyphen splits words (``Qeyri-Hökumət`` gives two), except a case or ordinal suffix
    hyphenated to a number or an abbreviation, which stays with it (``ABŞ-ın``, ``2022-ci``).
    """
    out: list[tuple[str, int, int]] = []
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        if out and start == out[-1][2] + 1 and text[start - 1] == "-":
            prev = text[out[-1][1] : out[-1][2]]
            if (
                (prev.isdigit() or prev.isupper() and len(prev) > 1)
                and m.group().islower()
                and _SUFFIX_TAIL.fullmatch(lower(m.group()))
            ):
                start = out.pop()[1]
        out.append((search_key(text[start:end]), start, end))
    return out
