"""Small text helpers for the registry: normalised keys for names and document numbers."""

import re
import unicodedata

_SPACE_RE = re.compile(r"\s+")
_SLASH_RE = re.compile(r"\s*/\s*")
_KEY_DROP_RE = re.compile(r"[^\w ]+")
_AZ_LOWER = str.maketrans({"I": "ı", "İ": "i"})


def _search_key_fallback(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_AZ_LOWER).lower()
    text = _KEY_DROP_RE.sub(" ", text)
    return _SPACE_RE.sub(" ", text).strip()


def normalize_key(text: str) -> str:
    """A case- and punctuation-insensitive key for a name (Azerbaijani casing rules)."""
    if not text or not text.strip():
        return ""
    try:  # the shared language core, when present
        from ctip.azlang import search_key
    except ImportError:
        search_key = None
    if search_key is not None:
        try:
            key = search_key(text)
            if key:
                return key[:300]
        except Exception:  # noqa: BLE001 - fall back on any problem of the core
            pass
    return _search_key_fallback(text)[:300]


def normalize_number(number: str) -> str:
    """A document number as written, with spacing tidied: ' 02 / 416 ' -> '02/416'."""
    number = unicodedata.normalize("NFC", number or "").strip()
    number = _SLASH_RE.sub("/", number)
    number = _SPACE_RE.sub(" ", number)
    return number.strip(" .,;№")
