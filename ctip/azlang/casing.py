"""Azerbaijani casing (dotted/dotless i) and search normalisation."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_COMBINING_DOT = "\u0307"

# Cyrillic letters that look like Latin ones (mixed-script typos, OCR, copy-paste). Search keys
# are case-blind, so a letter is mapped when either of its cases has a Latin twin (К/к → k,
# Н/н → h, Т/т → t); Cyrillic letters without a twin (д, л, и, ...) are kept.
_CYRILLIC_LOOKALIKES = str.maketrans(
    {
        "а": "a",
        "в": "b",
        "е": "e",
        "к": "k",
        "м": "m",
        "н": "h",
        "о": "o",
        "р": "p",
        "с": "c",
        "т": "t",
        "у": "y",
        "х": "x",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        "ә": "e",
        "ө": "o",
        "ү": "u",
        "һ": "h",
    }
)

# Letters with no canonical decomposition that search folds by hand (ş, ç, ğ, ö, ü, ä
# decompose under NFKD and lose their marks with the other combining characters).
_FOLD = str.maketrans({"ə": "e", "ı": "i", "ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l"})

_WS = re.compile(r"\s+")
_WORD_START = re.compile(r"(?<![\w'’\u0300-\u036f])(?<!\d-)[^\W\d_]")


def lower(s: str) -> str:
    """Lowercase by Azerbaijani rules (I→ı, İ→i), never producing a combining dot."""
    s = s.replace("I", "ı").replace("İ", "i").lower()
    return s.replace("i" + _COMBINING_DOT, "i") if _COMBINING_DOT in s else s


def upper(s: str) -> str:
    """Uppercase by Azerbaijani rules (i→İ, ı→I)."""
    if _COMBINING_DOT in s:
        s = s.replace("i" + _COMBINING_DOT, "i").replace("I" + _COMBINING_DOT, "İ")
    return s.replace("i", "İ").replace("ı", "I").upper()


def title(s: str) -> str:
    """Capitalise the first letter of every word (Azerbaijani rules), lowercase the rest.

    A word starts at a letter not preceded by a letter, digit, apostrophe or combining mark;
    a suffix hyphenated to a number stays lowercase (``2022-ci``), a hyphenated word part
    does not (``Qeyri-Hökumət``).
    """
    return _WORD_START.sub(lambda m: upper(m.group(0)), lower(s))


# Every combining mark of the Basic Multilingual Plane, deleted in one str.translate pass.
_DROP_COMBINING = {cp: None for cp in range(0x10000) if unicodedata.combining(chr(cp))}


def _fold_marks(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = s.translate(_DROP_COMBINING)
    if s.isascii():
        return s
    return "".join(c for c in s if not unicodedata.combining(c))  # marks beyond the BMP


def search_key(text: str) -> str:
    """Accent-, case- and script-insensitive key for search (ş→s, ə→e, ı→i, Cyrillic а→a, ...).

    Digits and punctuation are kept; runs of whitespace become one space; the key is stripped.
    Words (the common case: indexing and snippets) are cached.
    """
    if len(text) <= 48:
        return _search_key_cached(text)
    return _search_key(text)


@lru_cache(maxsize=200_000)
def _search_key_cached(text: str) -> str:
    return _search_key(text)


def _search_key(text: str) -> str:
    s = _fold_marks(text.replace("ä", "ə").replace("Ä", "Ə"))
    s = s.replace("I", "i").casefold().translate(_CYRILLIC_LOOKALIKES).translate(_FOLD)
    s = _fold_marks(s)  # casefold/translation can yield decomposable characters
    return _WS.sub(" ", s).strip()
