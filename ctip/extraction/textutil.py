"""Small text helpers shared by the fact finders: span-preserving lowercasing and tokens."""

from __future__ import annotations

import re
from functools import lru_cache

_SPECIAL_LOWER = {"İ": "i", "I": "ı"}


def az_lower_char(ch: str) -> str:
    """Lowercase one character the Azerbaijani way, always returning exactly one character."""
    if ch in _SPECIAL_LOWER:
        return _SPECIAL_LOWER[ch]
    low = ch.lower()
    return low if len(low) == 1 else ch


_QUOTE_PAIRS = (("“", '"'), ("”", '"'), ("„", '"'), ("«", '"'), ("»", '"'), ("‘", "'"), ("’", "'"))


@lru_cache(maxsize=8192)
def az_lower_word(word: str) -> str:
    """az_lower for a short string (cached: the same words recur all through a report)."""
    low = word.replace("İ", "i").replace("I", "ı").lower()
    if len(low) != len(word) or not low.isalnum():
        return _az_lower(word)
    return low


@lru_cache(maxsize=32)
def az_lower(text: str) -> str:
    """Cached: a section's text is lowered by several fact finders."""
    return _az_lower(text)


def _az_lower(text: str) -> str:
    """Lowercase `text` (Azerbaijani İ/I rules) keeping its length, so offsets stay valid.

    Typographic quotes are folded to ASCII ones, also one for one.
    """
    low = text.replace("İ", "i").replace("I", "ı").lower()
    if len(low) != len(text):  # pragma: no cover - no such letter besides İ in Unicode
        low = "".join(az_lower_char(c) for c in text)
    for typographic, plain in _QUOTE_PAIRS:
        if typographic in low:
            low = low.replace(typographic, plain)
    return low


# A word: letters/digits, with inner hyphens or apostrophes ("DİN-in", "Şri-Lanka", "ABŞ-a").
WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


class Token:
    """A word: original `text`, az-lowercased `low`, and its char offsets."""

    __slots__ = ("text", "low", "start", "end", "is_capitalized")

    def __init__(self, text: str, low: str, start: int, end: int):
        self.text = text
        self.low = low
        self.start = start
        self.end = end
        self.is_capitalized = text[:1].isupper()

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


def tokenize(text: str, low: str | None = None) -> list[Token]:
    if low is None:
        low = az_lower(text)
    out = []
    for m in WORD_RE.finditer(text):
        s, e = m.span()
        out.append(Token(m.group(), low[s:e], s, e))
    return out


# Case endings (and the izafet -(s)ı/i) an inflected proper name may carry, any harmony.
_V4 = "ıiuü"
_V2 = "aə"


def _build_suffixes() -> frozenset[str]:
    cases = {""}
    for v in _V4:
        cases |= {v + "n", "n" + v + "n", v, "y" + v, "n" + v, "s" + v}
    for v in _V2:
        cases |= {v, "y" + v, "n" + v, "d" + v, "t" + v, "nd" + v, "l" + v, "yl" + v, "c" + v}
        cases |= {"d" + v + "n", "t" + v + "n", "nd" + v + "n"}
    cases |= {"dakı", "dəki", "ndakı", "ndəki", "takı", "təki", "la", "lə", "ilə"}
    return frozenset(cases)


CASE_SUFFIXES = _build_suffixes()


def strip_apostrophe_suffix(word: str) -> str:
    """`DİN-in` -> `DİN`, `ABŞ'a` -> `ABŞ`; other words unchanged."""
    for sep in ("-", "'", "’"):
        head, found, tail = word.rpartition(sep)
        if found and head and az_lower(tail) in CASE_SUFFIXES:
            return head
    return word


SENTENCE_END_RE = re.compile(r"[.!?;](?=\s|$)")
