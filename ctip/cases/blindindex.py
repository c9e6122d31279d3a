"""Keyed blind index for finding a person by name without decrypting any row.

Each name is normalized the Azerbaijani way (``ctip.azlang.search_key``: casing with İ/ı,
then folded to plain Latin so "zumrud" matches "Zümrüd"), split into tokens, and every token
plus the whole name is stored as a truncated HMAC-SHA256 under the blind-index key (``CTIP_BLIND_INDEX_KEY``
or the data directory's ``blind-index.key``, read by ctip.core.keys)
(a key separate from the field keys, so it survives their rotation). A search computes the
same digests for the query and asks for persons having all of them.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from ctip.azlang import search_key
from ctip.core import keys

DIGEST_HEX = 32  # 128 bits: collisions are negligible, the rest of the MAC is not stored


def normalize(text: str) -> str:
    """The Azerbaijani search key of a name (case, diacritics, Cyrillic look-alikes folded)."""
    return " ".join(re.sub(r"[^\w]+", " ", search_key(text or "")).split())


def tokens(text: str) -> list[str]:
    return [t for t in normalize(text).split() if len(t) >= 2]


def _key() -> bytes:
    return keys.get("blind_index").encode()


def digest(kind: str, value: str) -> str:
    return hmac.new(_key(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:DIGEST_HEX]


def name_digests(*names: str) -> set[str]:
    """Digests stored for one person: each token, and the full name (tokens sorted)."""
    toks = sorted({t for n in names for t in tokens(n)})
    out = {digest("t", t) for t in toks}
    if len(toks) > 1:
        out.add(digest("n", " ".join(toks)))
    return out


def query_digests(query: str) -> set[str]:
    """Digests a query must all match: its tokens (order and case do not matter)."""
    return {digest("t", t) for t in set(tokens(query))}
