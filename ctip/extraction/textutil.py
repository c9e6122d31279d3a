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


@lru_cache(maxsize=4)
def az_lower(text: str) -> str:
    """Cached: a section's text is lowered by several fact finders (short strings go to
    `az_lower_word`, so the section's text stays in the cache while it is read)."""
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


def _bmp_class(predicate) -> str:
    """The characters of the Basic Multilingual Plane for which `predicate` holds, written as
    the ranges of a regex character class (without the brackets)."""
    ranges, start = [], None
    for code in range(0x10001):
        holds = code < 0x10000 and predicate(chr(code))
        if holds and start is None:
            start = code
        elif not holds and start is not None:
            first, last = re.escape(chr(start)), re.escape(chr(code - 1))
            ranges.append(first if start == code - 1 else f"{first}-{last}")
            start = None
    return "".join(ranges)


@lru_cache(maxsize=1)
def _alnum_class() -> str:
    return _bmp_class(str.isalnum)


class WordStarts:
    """`re.finditer` of `(?<![^\\W_]|[<not_after>])(<body>)`: the matches of `body` that no
    letter or digit (nor a character of `not_after`) stands right before; group 1 is `body`.

    A regex that opens with a look-behind is tried at every character, the cost of most fact
    finders. Here one regex searches for a space before the body (a literal: the engine jumps
    from space to space), one for any other character that is not a letter or digit (a class
    written range by range, tested by table, not by Unicode category), and one tries the
    text's start; their matches are merged in text order. `body` must end in a letter or
    digit and never contain a space, so the matches never overlap.
    """

    def __init__(self, body: str, not_after: str = ""):
        self._space = re.compile(f" ({body})")
        other = f"[^ {_alnum_class()}{re.escape(not_after)}]"  # any astral character too
        self._other = re.compile(f"{other}({body})")
        self._first = re.compile(f"({body})")
        not_after = f"(?<![{re.escape(not_after)}])" if not_after else ""
        self._exact = re.compile(rf"(?<![^\W_]){not_after}({body})")  # slow, same matches

    def finditer(self, text: str) -> list[re.Match[str]]:
        """The matches in text order (as `re.finditer` would give them)."""
        found = list(self._space.finditer(text))
        for m in self._other.finditer(text):
            if text[m.start()].isalnum():  # a letter beyond the BMP, which the class lets by
                return list(self._exact.finditer(text))
            found.append(m)
        first = self._first.match(text)
        if first is not None:
            found.append(first)
        found.sort(key=lambda m: m.start(1))
        out, end = [], 0
        for m in found:
            if m.start(1) >= end:
                out.append(m)
                end = m.end(1)
        return out


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
        if found and head and az_lower_word(tail) in CASE_SUFFIXES:
            return head
    return word


SENTENCE_END_RE = re.compile(r"[.!?;](?=\s|$)")
