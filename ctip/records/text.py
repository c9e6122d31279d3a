"""Small text helpers for the registry: normalised keys for names and document numbers."""

import re
import unicodedata

from ctip.azlang import search_key

_SPACE_RE = re.compile(r"\s+")
_SLASH_RE = re.compile(r"\s*/\s*")


def normalize_key(text: str) -> str:
    """A case- and accent-insensitive key for a name (Azerbaijani casing rules)."""
    if not text or not text.strip():
        return ""
    return search_key(text)[:300]


def normalize_number(number: str) -> str:
    """A document number as written, with spacing tidied: ' 02 / 416 ' -> '02/416'."""
    number = unicodedata.normalize("NFC", number or "").strip()
    number = _SLASH_RE.sub("/", number)
    number = _SPACE_RE.sub(" ", number)
    return number.strip(" .,;№")
