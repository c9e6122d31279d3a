"""Small text helpers for the registry: document numbers (keys for names: ctip.azlang.search_key)."""

import re
import unicodedata

_SPACE_RE = re.compile(r"\s+")
_SLASH_RE = re.compile(r"\s*/\s*")


def normalize_number(number: str) -> str:
    """A document number as written, with spacing tidied: ' 02 / 416 ' -> '02/416'."""
    number = unicodedata.normalize("NFC", number or "").strip()
    number = _SLASH_RE.sub("/", number)
    number = _SPACE_RE.sub(" ", number)
    return number.strip(" .,;№")
